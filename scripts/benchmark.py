#!/usr/bin/env python3
"""How long the report takes to build and test, and how heavy its pages are. Measures; checks nothing.

    .venv/bin/python scripts/benchmark.py             (or `make benchmark`)
    .venv/bin/python scripts/benchmark.py --rebuilds  (the `make book` rebuild times only)

Prints four tables:

* build times, from a fresh folder under /tmp (never _build/, which `make book` owns), so the clean
  build really is clean, and the validator's time on data/ with 20,000 extra valid rows;
* `make book` in a copy of the repository under /tmp: from nothing, then after a one-word typo in a chapter's
  prose, a docstring edit in a chapter's module and an edit of a data row (each edit made and undone, so each
  kind is timed twice: the shortest and longest time are printed, with the load of the machine);
* side by side, a bare `jupyter execute` of the chapters (copies in /tmp: the committed notebooks are
  not touched) and the pytest run of `make test` against `_build/` (brought up to date by `make book`
  first), and how many times longer the test run takes;
* the weight of each page of the built site: the page and every file it loads, counted as the page-weight
  test counts them (tests/test_page_weight.py), raw and as gzip, as a compressing static host serves them.
"""

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PDF_NAME = "kadiz-report.pdf"
# The pytest run of `make test`: its options live in pyproject.toml ([tool.pytest.ini_options]).
TEST_RUN = [sys.executable, "-m", "pytest", "-q"]
sys.path.insert(0, str(ROOT))
from tests.built import site_pages  # noqa: E402  (the pages the tests visit)
from tests.test_page_weight import loaded_files  # noqa: E402  (what a page loads, as its budget test counts it)
from scripts.page_audit import report as audit_pages  # noqa: E402  (Lighthouse's scores of every page)
from tests import tree_copy  # noqa: E402  (a copy of the repository, and the edits an editor makes to it)
from scripts.build_edition import FLAGS as JB_FLAGS  # noqa: E402  (warnings are errors, as in `make book`)

KINDS = ["html", "scripts", "styles", "fonts", "images"]
# Formats that are compressed already: a host sends them as they are.
COMPRESSED = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2", ".pdf", ".zip", ".gz"}
KIND_OF_SUFFIX = {".html": "html", ".js": "scripts", ".css": "styles", ".woff2": "fonts", ".woff": "fonts",
                  ".ttf": "fonts"}


def timed(cmd, **kwargs) -> tuple[float, bool]:
    """Run cmd quietly; return its wall-clock seconds and whether it succeeded."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=kwargs.pop("cwd", ROOT), capture_output=True, text=True, **kwargs)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        print(f"FAILED ({done.returncode}): {' '.join(map(str, cmd))}\n{done.stdout[-3000:]}{done.stderr[-2000:]}")
    return seconds, done.returncode == 0


def bare_execution() -> tuple[float, bool]:
    """Run every chapter with `jupyter execute` on copies in /tmp: the work no build or test can avoid."""
    with tempfile.TemporaryDirectory(prefix="kadiz-bench-exec-") as tmp:
        notebooks = [shutil.copy(nb, tmp) for nb in sorted((ROOT / "chapters").glob("*.ipynb"))]
        # The chapters find the package and data/ from the repository, wherever they run.
        return timed([BIN / "jupyter", "execute", *notebooks], cwd=tmp)


# ------------------------------------------------------------------ rebuilds after an edit

EDITS = {  # what `make book` is timed after; each edit is made, then undone
    "a one-word typo in a chapter's prose": (tree_copy.edit_prose, lambda t: tree_copy.edit_prose(t, " articel ", " article ")),
    "a docstring edit in a chapter's module": (tree_copy.edit_docstring, tree_copy.undo_docstring),
    "a data row edit (every chapter re-executed)": (tree_copy.edit_data_row, tree_copy.undo_data_row),
}


def _make_book(tree: Path) -> tuple[float, bool, str]:
    start = time.perf_counter()
    done = subprocess.run([os.environ.get("MAKE", "make"), "book"], cwd=tree, capture_output=True, text=True,
                          env=tree_copy.clean_environment())
    if done.returncode:
        print(f"FAILED: make book in {tree}\n{done.stdout[-3000:]}{done.stderr[-2000:]}")
    return time.perf_counter() - start, done.returncode == 0, done.stdout


def _notebooks(tree: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (tree / "chapters").glob("*.ipynb")}


def rebuild_rows() -> list[tuple[str, list[float], bool, str]]:
    """(what, seconds of each `make book`, all succeeded, what it re-executed and rewrote) in a copy under /tmp."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="kadiz-bench-book-") as tmp:
        tree = tree_copy.copy_tree(Path(tmp))
        seconds, ok, _ = _make_book(tree)
        rows.append(("`make book` from nothing (chapters current)", [seconds], ok, ""))
        for what, (edit, undo) in EDITS.items():
            times, good, notes = [], True, set()
            for change in (edit, undo):
                before = _notebooks(tree)
                change(tree)
                seconds, ok, log = _make_book(tree)
                executed = sum(line.startswith("executing ") for line in log.splitlines())
                rewritten = sum(before[n] != b for n, b in _notebooks(tree).items())
                times.append(seconds)
                good &= ok
                notes.add(f"{executed} executed, {rewritten} rewritten")
            rows.append((f"`make book` after {what}", times, good, "; ".join(sorted(notes))))
    return rows


def print_rebuilds(rows) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{'make book, both editions, sites and PDFs':<58}{'min s':>7}{'max s':>7}  chapters")
    for what, times, ok, notes in rows:
        print(f"{what:<58}{min(times):>7.1f}{max(times):>7.1f}  {notes}{'' if ok else '  FAILED'}")
    print(f"(load average after the runs: {load}, on {os.cpu_count()} cores)")


# ------------------------------------------------------------------ page weight


def page_files(page: Path) -> dict[Path, str]:
    """Every file the page loads, as the page-weight test counts them (tests/test_page_weight.py), by kind."""
    return {file: KIND_OF_SUFFIX.get(file.suffix.lower(), "images") if file != page else "html"
            for file in loaded_files(page)}


def _weights(file: Path, cache: dict) -> tuple[int, int]:
    """Raw bytes and bytes sent by a host that gzips text (level 6, the common default)."""
    if file not in cache:
        data = file.read_bytes()
        cache[file] = (len(data), len(data) if file.suffix.lower() in COMPRESSED else len(gzip.compress(data, 6)))
    return cache[file]


def page_weights(site: Path) -> list[tuple[str, dict[str, tuple[int, int]]]]:
    """For each page: kind -> (raw bytes, gzip bytes) of the page and what it loads, with an empty cache."""
    rows, cache = [], {}
    for page in site_pages(site):
        sums: dict[str, tuple[int, int]] = {}
        for file, kind in page_files(page).items():
            raw, packed = _weights(file, cache)
            old = sums.get(kind, (0, 0))
            sums[kind] = (old[0] + raw, old[1] + packed)
        rows.append((page.relative_to(site).as_posix(), sums))
    return rows


# ------------------------------------------------------------------ report


def main(argv: list[str]) -> int:
    rebuilds = rebuild_rows()
    if "--rebuilds" in argv:
        print_rebuilds(rebuilds)
        return 0 if all(ok for _, _, ok, _ in rebuilds) else 1
    out = Path(tempfile.mkdtemp(prefix="kadiz-bench-"))
    site = out / "_build" / "html"
    build = [BIN / "jupyter-book", "build", ".", *JB_FLAGS, "--path-output", out]
    times = {}
    times["clean HTML build"] = timed(build)
    times["no-change rebuild"] = timed(build)
    times["PDF build (after the HTML)"] = timed([*build[:3], "--builder", "pdflatex", *build[3:]])
    times["validation of data/ with 20,000 extra rows"] = timed([sys.executable, "scripts/validate_many_rows.py"])
    if (out / "_build" / "latex" / PDF_NAME).exists():
        shutil.copy(out / "_build" / "latex" / PDF_NAME, site / "_static" / PDF_NAME)  # as `make pdf` does

    # The test run checks _build/ (site, PDF, student edition): bring it up to date first, untimed.
    make = os.environ.get("MAKE", "make")
    _, built = timed([make, "book"])
    # Side by side, one right after the other, so both meet the same load on the machine.
    bare = bare_execution()
    tests = timed(TEST_RUN) if built else (0.0, False)

    print(f"\n{'step':<44}{'seconds':>9}")
    for step, (seconds, ok) in times.items():
        print(f"{step:<44}{seconds:>9.1f}{'' if ok else '  FAILED'}")
    print(f"{'clean HTML build / bare execution':<44}{times['clean HTML build'][0] / bare[0]:>9.1f}x")

    print(f"\n{'side by side':<44}{'seconds':>9}")
    print(f"{'bare `jupyter execute` of the chapters':<44}{bare[0]:>9.1f}{'' if bare[1] else '  FAILED'}")
    print(f"{'pytest run of `make test`':<44}{tests[0]:>9.1f}{'' if tests[1] else '  FAILED'}")
    print(f"{'test run / bare execution':<44}{tests[0] / bare[0]:>9.1f}x")

    print_rebuilds(rebuilds)

    rows = page_weights(site)
    print("\npage weight in kB (raw / gzip): the page and every file its HTML loads, empty cache")
    print(f"{'page':<30}" + "".join(f"{k:>15}" for k in KINDS) + f"{'total':>15}")
    for path, sums in rows:
        cells = [sums.get(k, (0, 0)) for k in KINDS]
        total = (sum(c[0] for c in cells), sum(c[1] for c in cells))
        print(f"{path:<30}" + "".join(f"{c[0] / 1000:>9.0f} /{c[1] / 1000:>4.0f}" for c in [*cells, total]))
    audit_pages(site)
    shutil.rmtree(out, ignore_errors=True)
    return 0 if all(ok for _, ok in [*times.values(), bare, tests]) and all(r[2] for r in rebuilds) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

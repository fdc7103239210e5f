#!/usr/bin/env python3
"""Build the report twice from scratch and check that both builds are the same.

    scripts/check_reproducible.py             # two fresh clones of HEAD (what is committed)
    scripts/check_reproducible.py --worktree  # two copies of the working tree (before committing)
    VENV=/abs/path/.venv scripts/check_reproducible.py   # reuse a ready environment (faster)

Each copy runs `make outputs book` in its own folder, which sets up its own virtual environment from the lock
(unless VENV is given), validates the data, executes every chapter and builds the site and the PDF.
Then the executed chapters, figures/ and every file of the site (the PDF included) must be equal byte for byte (HTML pages
shown as a diff when they differ), except the files named in VOLATILE_FILES.
Prints what differs and exits 1 on a difference (2 if a build fails).

It is run by hand or by `make reproducible`, not by `make test`: it checks the committed state,
not the tree under test, and two clean set-ups and builds took 73 s here with one chapter (a
virtual environment from the lock is about 20 s of each), twice the whole test suite, growing
with every chapter. Only the standard library is used, so any Python 3.11 runs it.
"""

import argparse
import difflib
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Files of the site left out of the comparison, with the reason.
VOLATILE_FILES = {
    # Sphinx's hash of its configuration, which decides whether the next build starts afresh. The
    # configuration holds absolute paths into the virtual environment (html_static_path and
    # templates_path of the theme and extensions), which differ between two set-ups. No reader
    # loads this file, and the pages it stands for are compared one by one.
    ".buildinfo": "hash of a configuration holding absolute venv paths",
}

# Build dates are the one known source of difference, and the usual fix applies: both builds
# take the date of the commit (https://reproducible-builds.org/specs/source-date-epoch/).
# XeLaTeX otherwise writes the build time, and a document ID made from it, into the PDF;
# FORCE_SOURCE_DATE extends this to the dates TeX itself prints.
DATE_ENV = {"FORCE_SOURCE_DATE": "1"}


def run(cmd, cwd, env=None):
    print("+", " ".join(map(str, cmd)), f"(in {cwd})", flush=True)
    return subprocess.run(cmd, cwd=cwd, env=env).returncode == 0


def checkout(dest: Path, worktree: bool) -> None:
    if not worktree:
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(dest)], check=True)
        return
    # Tracked and untracked files, as the working tree has them, less what .gitignore names.
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, check=True, capture_output=True,
    ).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)


def build(copy: Path) -> bool:
    commit_time = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    env = {**os.environ, **DATE_ENV, "SOURCE_DATE_EPOCH": commit_time.stdout.strip()}
    # `make outputs` first: the book renders committed outputs, and the point is to make them anew.
    cmd = ["make", "outputs", "book"]
    if venv := os.environ.get("VENV"):
        # A ready environment is used as it is: its set-up stamp matches the copy's lock files, so make
        # installs nothing into it, and the Makefile's PYTHONPATH makes the copy's own kadiz package win.
        cmd += [f"VENV={Path(venv).resolve()}"]
    return run(cmd, copy, env)


def compare(a: Path, b: Path) -> list[str]:
    """Differences between two built copies, as lines to print."""
    problems = []
    for folder, pattern in (("chapters", "*.ipynb"), ("figures", "*")):
        names = sorted({p.name for p in (a / folder).glob(pattern)} | {p.name for p in (b / folder).glob(pattern)})
        for name in names:
            fa, fb = a / folder / name, b / folder / name
            if not (fa.is_file() and fb.is_file()):
                problems.append(f"{folder}/{name}: only in one build")
            elif not filecmp.cmp(fa, fb, shallow=False):
                problems.append(f"{folder}/{name}: bytes differ")

    # Every file of the site: the pages, the PDF offered from them, scripts, styles, the search index.
    site_a, site_b = a / "_build" / "html", b / "_build" / "html"
    files = sorted(
        {p.relative_to(site_a).as_posix() for p in site_a.rglob("*") if p.is_file()}
        | {p.relative_to(site_b).as_posix() for p in site_b.rglob("*") if p.is_file()}
    )
    for name in files:
        fa, fb = site_a / name, site_b / name
        if name in VOLATILE_FILES:
            print(f"not compared: _build/html/{name} ({VOLATILE_FILES[name]})")
        elif not (fa.is_file() and fb.is_file()):
            problems.append(f"_build/html/{name}: only in one build")
        elif name.endswith(".html"):
            ta, tb = (f.read_text(encoding="utf-8", errors="replace") for f in (fa, fb))
            if ta != tb:
                diff = difflib.unified_diff(ta.splitlines(), tb.splitlines(), "first/" + name, "second/" + name, n=1, lineterm="")
                problems.append(f"_build/html/{name}: differs\n" + "\n".join(list(diff)[:30]))
        elif not filecmp.cmp(fa, fb, shallow=False):
            problems.append(f"_build/html/{name}: bytes differ")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worktree", action="store_true", help="copy the working tree instead of cloning HEAD")
    parser.add_argument("--keep", action="store_true", help="keep the two copies for inspection")
    args = parser.parse_args()

    top = Path(tempfile.mkdtemp(prefix="kadiz-reproducible-"))
    copies = [top / "first", top / "second"]
    try:
        for copy in copies:
            copy.mkdir()
            checkout(copy, args.worktree)
            if not build(copy):
                print(f"FAILED: `make outputs book` failed in {copy}")
                return 2
        problems = compare(*copies)
        for problem in problems:
            print(problem)
        print("reproducible: the executed chapters, figures/ and every page are the same" if not problems else f"NOT reproducible: {len(problems)} difference(s)")
        return 1 if problems else 0
    finally:
        if args.keep:
            print(f"copies kept in {top}")
        else:
            shutil.rmtree(top, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

"""Re-execute chapters, so their committed outputs are what the book renders and nbval compares.

    python scripts/execute_chapters.py [chapters/NAME.ipynb ...]   # these chapters (default: every chapter)
    python scripts/execute_chapters.py --stale                      # only chapters whose inputs changed

A chapter is stale when the digest of what it runs with (scripts/chapter_inputs.py: its code cells, the package
modules it imports, the data, the lock) differs from the one recorded in chapters/digests.json. Each chapter runs
in a worker process of its own (two at a time on two cores), with KADIZ_BOOK=1 in its kernel's environment; the
worker hands the executed notebook back, and this process writes it only if its text changed: to a temporary
file beside it, renamed into place, so a chapter is never half written. Unlike `jupyter execute`, no execution
timestamps are recorded, so an unchanged chapter gives an unchanged file.

A chapter that raises, times out or writes to stderr (a warning from pandas, say) fails the run, and its file and
digest are left as they were, so the next run finds it stale again and fails again with the same error.
The run holds the folder's build lock, and Ctrl-C or SIGTERM stops every worker and kernel (scripts/build_session.py).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

import build_session
import chapter_inputs

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 120  # seconds per cell
# A notebook being written: hidden, and not named *.ipynb, so nothing takes it for a chapter.
TEMPORARY = ".{name}.{random}.part"
# Older builds kept a digest in each notebook's metadata; chapters/digests.json holds them now.
OLD_METADATA_KEY = "kadiz"


class ChapterFailed(Exception):
    pass


def _stderr(notebook) -> str | None:
    for number, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                return f"cell {number} wrote to stderr: {output['text'].strip()[:2000]}"
    return None


def execute_into(source: Path, target: Path) -> None:
    """In a worker: execute chapter `source` and write the executed notebook to `target` (outside chapters/)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    notebook = nbformat.read(source, as_version=4)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    notebook.metadata.pop(OLD_METADATA_KEY, None)
    client = NotebookClient(notebook, timeout=TIMEOUT, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(source.parent)}})
    os.environ["KADIZ_BOOK"] = "1"  # the kernel inherits it: figures take the form the book renders
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError) as err:
        raise ChapterFailed(str(err)) from None
    if problem := _stderr(notebook):
        raise ChapterFailed(problem)
    nbformat.write(notebook, target)


def write_if_changed(path: Path, text: str) -> bool:
    """Replace `path` by `text` through a temporary file in its folder; False (nothing written) if equal."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    tmp = path.parent / TEMPORARY.format(name=path.name, random=os.urandom(4).hex())
    try:
        tmp.write_text(text, encoding="utf-8")
        if path.exists():
            os.chmod(tmp, path.stat().st_mode)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return True


def remove_stray_temporaries(folder: Path) -> None:
    """Temporary files of a run that was killed outright (only a build holding the lock may write here)."""
    for stray in folder.glob(TEMPORARY.format(name="*", random="*")):
        stray.unlink()


def _run_worker(path: Path, scratch: Path) -> Path:
    result = scratch / path.name
    log = scratch / f"{path.name}.log"
    with open(log, "w") as out:
        status = build_session.run([sys.executable, __file__, "--worker", str(path), str(result)],
                                   stdout=out, stderr=out, cwd=ROOT)
    if status:
        raise ChapterFailed(log.read_text(encoding="utf-8").strip() or f"its worker exited with status {status}")
    return result


def execute(paths: list[Path]) -> list[str]:
    """Execute chapters `paths` two at a time; write each that changed and its digest; the failures."""
    digests = chapter_inputs.recorded(ROOT)
    failures = []
    with tempfile.TemporaryDirectory(prefix="kadiz-chapters-") as scratch, \
            ThreadPoolExecutor(max_workers=min(len(paths), os.cpu_count() or 1)) as pool:
        work = [(p, chapter_inputs.chapter_digest(p, ROOT), pool.submit(_run_worker, p, Path(scratch)))
                for p in paths]
        for path, digest, future in work:
            where = path.relative_to(ROOT)
            try:
                result = future.result()
            except ChapterFailed as err:
                failures.append(f"{where}: {err}")
                continue
            changed = write_if_changed(path, result.read_text(encoding="utf-8"))
            digests[chapter_inputs.key(path, ROOT)] = digest
            print(f"{where}: {'outputs changed, rewritten' if changed else 'outputs unchanged'}", flush=True)
    write_if_changed(ROOT / chapter_inputs.DIGESTS, json.dumps(dict(sorted(digests.items())), indent=1) + "\n")
    return failures


def refresh(paths: list[Path], stale_only: bool) -> int:
    """What the build calls, holding the lock: execute `paths` (those stale only, if asked); 1 on any failure."""
    chapters = ROOT / "chapters"
    build_session.check_writable(chapters, *{p.parent for p in paths})
    remove_stray_temporaries(chapters)
    if stale_only:
        paths = [p for p in paths if chapter_inputs.is_stale(p, ROOT)]
    if not paths:
        print("chapters: every chapter's outputs are current", flush=True)
        return 0
    for p in paths:
        print(f"executing {p.relative_to(ROOT)}", flush=True)
    failures = execute(paths)
    for failure in failures:
        print(f"chapter failed: {failure}", file=sys.stderr)
    return 1 if failures else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stale", action="store_true", help="only chapters whose inputs changed")
    parser.add_argument("--worker", nargs=2, type=Path, metavar=("CHAPTER", "RESULT"), help=argparse.SUPPRESS)
    parser.add_argument("chapters", nargs="*", type=Path)
    args = parser.parse_args(argv)
    # Kernels import the package of this tree, whatever else the environment has installed.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    if args.worker:
        try:
            execute_into(*args.worker)
        except ChapterFailed as err:
            print(err, file=sys.stderr)
            return 1
        return 0
    build_session.stop_on_signals()
    paths = [p.resolve() for p in args.chapters] or chapter_inputs.chapters(ROOT)
    with build_session.exclusive(ROOT / "_build" / ".lock", "chapters"):
        return refresh(paths, args.stale)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

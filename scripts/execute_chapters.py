"""Re-execute chapters in place, so their committed outputs are what the book renders and nbval compares.

    python scripts/execute_chapters.py [chapters/NAME.ipynb ...]   # these chapters (default: every chapter)
    python scripts/execute_chapters.py --stale                      # only chapters whose inputs changed

A chapter's outputs depend on its code cells, the data, the `kadiz` package and the pinned libraries. Their
SHA-256 (file contents and paths, never file times) is recorded in the notebook's metadata when it is executed;
`--stale` re-executes exactly the chapters whose recorded digest differs from that of their inputs now.

A chapter that raises, times out or writes to stderr (a warning from pandas, say) fails the run and its file is
left as it was, so the next run finds it stale again and fails again with the same error. Unlike
`jupyter execute`, no execution timestamps are recorded, so an unchanged chapter gives an unchanged file.
"""

import argparse
import hashlib
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
# What every chapter reads besides its own cells: each loads the whole validated data through the package.
SHARED_INPUTS = ["data", "kadiz", "requirements.lock"]
TIMEOUT = 120  # seconds per cell
METADATA_KEY = "kadiz"


class ChapterFailed(Exception):
    pass


def files_digest(names, root: Path = ROOT) -> str:
    """SHA-256 over the relative paths and contents of the files and folders `names` (caches excluded)."""
    h = hashlib.sha256()
    for name in names:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            if "__pycache__" in file.parts or ".ipynb_checkpoints" in file.parts or file.suffix == ".pyc":
                continue
            h.update(file.relative_to(root).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(file.read_bytes()).digest())
    return h.hexdigest()


def shared_digest(root: Path = ROOT) -> str:
    """The digest of the inputs every chapter shares."""
    return files_digest(SHARED_INPUTS, root)


def inputs_digest(notebook, shared: str) -> str:
    """The digest of a chapter's inputs: its code cells (outputs and prose excluded) and the shared inputs."""
    h = hashlib.sha256(shared.encode())
    for cell in notebook.cells:
        if cell.cell_type == "code":
            h.update(b"\0cell\0" + cell.source.encode())
    return h.hexdigest()


def recorded_digest(notebook) -> str | None:
    return notebook.metadata.get(METADATA_KEY, {}).get("inputs_sha256")


def is_stale(path: Path, shared: str) -> bool:
    notebook = nbformat.read(path, as_version=4)
    return recorded_digest(notebook) != inputs_digest(notebook, shared)


def _stderr(notebook) -> str | None:
    for number, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                return f"cell {number} wrote to stderr: {output['text'].strip()[:2000]}"
    return None


def execute(path: Path, shared: str) -> None:
    """Execute one chapter and write it back with its outputs and input digest; raise ChapterFailed on failure."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    client = NotebookClient(notebook, timeout=TIMEOUT, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    where = path.relative_to(ROOT)
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError) as err:
        raise ChapterFailed(f"{where}: {err}") from None
    if problem := _stderr(notebook):
        raise ChapterFailed(f"{where}: {problem}")
    notebook.metadata[METADATA_KEY] = {"inputs_sha256": inputs_digest(notebook, shared)}
    # Written whole or not at all: an interrupted run must not leave half a chapter behind.
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, suffix=".ipynb", delete=False) as tmp:
        nbformat.write(notebook, tmp)
    os.chmod(tmp.name, path.stat().st_mode)  # a temporary file is private (0600); the chapter keeps its mode
    os.replace(tmp.name, path)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stale", action="store_true", help="only chapters whose inputs changed")
    parser.add_argument("chapters", nargs="*", type=Path)
    args = parser.parse_args(argv)
    # Kernels import the package of this tree, whatever else the environment has installed.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    shared = shared_digest()
    paths = [p.resolve() for p in args.chapters] or sorted(CHAPTERS.glob("*.ipynb"))
    if args.stale:
        paths = [p for p in paths if is_stale(p, shared)]
    if not paths:
        print("chapters: every chapter's outputs are current")
        return 0
    for p in paths:
        print(f"executing {p.relative_to(ROOT)}", flush=True)
    failures = []
    with ProcessPoolExecutor(max_workers=min(len(paths), os.cpu_count() or 1)) as pool:
        for path, future in [(p, pool.submit(execute, p, shared)) for p in paths]:
            try:
                future.result()
            except ChapterFailed as err:
                failures.append(str(err))
    for failure in failures:
        print(f"chapter failed: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Re-execute chapters in place, so their committed outputs are what strict nbval compares against.

    python scripts/execute_chapters.py [chapters/NAME.ipynb ...]   # default: every chapter

Unlike `jupyter execute`, this records no execution timestamps in the cells, so re-running an unchanged
chapter leaves its file unchanged and a diff shows only real changes of output.
"""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

CHAPTERS = Path(__file__).resolve().parent.parent / "chapters"


def execute(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    NotebookClient(notebook, timeout=120, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    nbformat.write(notebook, path)


def main(paths: list[str]) -> None:
    for path in [Path(p).resolve() for p in paths] or sorted(CHAPTERS.glob("*.ipynb")):
        print(f"executing {path.relative_to(CHAPTERS.parent)}", flush=True)
        execute(path)


if __name__ == "__main__":
    main(sys.argv[1:])

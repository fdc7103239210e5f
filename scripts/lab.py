"""`make lab`: JupyterLab on the teacher's reader notebooks, from the lock and offline.

    python scripts/lab.py [--folder lab] [JupyterLab options ...]

The notebooks are those the teacher's site offers as "Notebook" (_build/html/_sources/chapters/, written by
_ext/reader_notebooks.py), copied into a folder of their own (``lab/``, not committed), so that a teacher's edits
never touch the chapters' sources. A notebook already there is kept, edits and all; delete it for a fresh copy.
``lab/`` sits beside ``chapters/``, so a path a chapter gives relative to its folder reads the same files.
The copies are marked trusted (Jupyter's notebook signature, kept on this machine): they are the report's own, and
JupyterLab shows a trusted notebook's charts as SVG and Vega-Lite rather than their PNG stand-ins.

Nothing reaches out: no news feed, no update check, an extension manager that only lists what is installed. The
kernel is this venv's Python with the package of this tree (PYTHONPATH), in a reader's mode (no KADIZ_BOOK), so
figures show as Vega-Lite and SVG.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

import nbformat
from nbformat.sign import NotebookNotary

ROOT = Path(__file__).resolve().parent.parent
DOWNLOADS = ROOT / "_build" / "html" / "_sources" / "chapters"
OFFLINE = [
    "--LabApp.news_url=",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",
    "--ServerApp.ip=127.0.0.1",
]


def copy_notebooks(folder: Path, downloads: Path = DOWNLOADS) -> list[Path]:
    """Copy each chapter's reader notebook into `folder`, keeping any copy already there; return the copies."""
    chapters = sorted(p.stem for p in (ROOT / "chapters").glob("*.ipynb"))
    missing = [c for c in chapters if not (downloads / f"{c}.ipynb").exists()]
    if missing:
        sys.exit(f"the teacher's site has no notebook for {', '.join(missing)}: run `make book` first")
    folder.mkdir(parents=True, exist_ok=True)
    copies = []
    for chapter in chapters:
        copy = folder / f"{chapter}.ipynb"
        if copy.exists():
            print(f"keeping {copy.relative_to(ROOT) if copy.is_relative_to(ROOT) else copy} (delete it for a fresh copy)")
        else:
            shutil.copyfile(downloads / f"{chapter}.ipynb", copy)
            notebook = nbformat.read(copy, as_version=4)
            NotebookNotary().sign(notebook)
        copies.append(copy)
    return copies


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT / "lab")
    options, lab_options = parser.parse_known_args(argv)
    copy_notebooks(options.folder)
    os.environ.pop("KADIZ_BOOK", None)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    from jupyterlab.labapp import LabApp

    # Set-up and CI run as root here (as `make book` installs with apt-get); Jupyter refuses root unless told.
    as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    LabApp.launch_instance(argv=[*OFFLINE, *as_root, f"--ServerApp.root_dir={options.folder}", *lab_options])


if __name__ == "__main__":
    main(sys.argv[1:])

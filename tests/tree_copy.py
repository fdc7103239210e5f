"""A temporary copy of the repository as a fresh clone of it would have it, sharing this tree's environment, for
tests that run the build as an editor would (`make book`, scripts/build_book.py, scripts/execute_chapters.py)."""

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kadiz.paths import ROOT


def check_set_up() -> None:
    """The copy shares this tree's environment; its `make` must find it current rather than reinstall it (an
    editable install made from the copy would point the shared environment at a folder about to vanish)."""
    for stamp, files in ((".venv/.installed", ["requirements.txt", "requirements.lock", "pyproject.toml"]),
                         ("node_modules/.installed", ["package.json", "package-lock.json"])):
        want = hashlib.sha256(b"".join((ROOT / f).read_bytes() for f in files)).hexdigest() + "  -"
        recorded = (ROOT / stamp).read_text().strip() if (ROOT / stamp).is_file() else ""
        if recorded != want:
            pytest.fail(f"{stamp} does not match {', '.join(files)}: run `make setup` first")


def copy_tree(dest: Path) -> Path:
    """The working tree (tracked and new files, nothing ignored) copied to `dest`, with links to the shared
    .venv and node_modules."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    for shared in (".venv", "node_modules"):
        (dest / shared).symlink_to(ROOT / shared)
    return dest


def clean_environment(**extra) -> dict:
    """The environment of a reader's shell: no PYTHONPATH or DATA leaking in from the test run."""
    return {**{k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DATA")}, **extra}


def copy_sources(source: Path, dest: Path) -> Path:
    """Another copy's sources, as they are now (its builds left out), sharing the same environment."""
    shutil.copytree(source, dest, symlinks=True, ignore=shutil.ignore_patterns("_build", "__pycache__"))
    return dest


# ------------------------------------------------------------------ edits an editor makes, on a copy


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_prose(tree: Path, old: str = " article ", new: str = " articel ") -> None:
    """A one-word typo in the text of the introduction (a markdown cell; no code changes)."""
    import nbformat

    path = tree / "chapters" / "introduction.ipynb"
    notebook = nbformat.read(path, as_version=4)
    cell = next(c for c in notebook.cells if c.cell_type == "markdown" and old in c.source)
    cell.source = cell.source.replace(old, new, 1)
    nbformat.write(notebook, path)


def edit_docstring(tree: Path) -> None:
    """A sentence added to the docstring of the voices chapter's module (no code changes)."""
    _replace_once(tree / "kadiz" / "voices.py", '"""', '"""Edited in a copy. ')


def undo_docstring(tree: Path) -> None:
    _replace_once(tree / "kadiz" / "voices.py", '"""Edited in a copy. ', '"""')


def edit_data_row(tree: Path) -> None:
    """One speaker's role, which the voices chapter shows in its tables and its chart's labels."""
    _replace_once(tree / "data" / "speakers.csv", ",source familiar with military affairs,",
                  ",source close to military affairs,")


def undo_data_row(tree: Path) -> None:
    _replace_once(tree / "data" / "speakers.csv", ",source close to military affairs,",
                  ",source familiar with military affairs,")

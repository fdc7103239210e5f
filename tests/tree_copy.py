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

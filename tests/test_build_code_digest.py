"""The digest of the code the build runs (_ext/incremental_builds.py): Sphinx reads every page again when it
changes, so it must change with the code of the package and of the book's own extensions, and only with code."""

import sys
import types
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "_ext"))
import incremental_builds  # noqa: E402  (a module of the book's extensions, loaded from _ext as the book loads it)


@pytest.fixture
def extension(tmp_path, monkeypatch):
    """An extension module of the book, in a stand-in for _ext/."""
    monkeypatch.setattr(incremental_builds, "EXTENSIONS", tmp_path)
    file = tmp_path / "some_extension.py"
    module = types.ModuleType("some_extension")
    module.__file__ = str(file)
    monkeypatch.setitem(sys.modules, "some_extension", module)
    return file


def _digest() -> str:
    config = types.SimpleNamespace()
    incremental_builds._package_code(None, config)
    return config.kadiz_package_code


def test_an_extensions_code_is_in_the_digest_and_its_docstring_is_not(extension):
    extension.write_text('"""Writes the PDF."""\n\ndef setup(app):\n    return {}\n')
    before = _digest()
    extension.write_text('"""Writes the PDF, in other words."""\n\ndef setup(app):\n    return {}\n')
    assert _digest() == before
    extension.write_text('"""Writes the PDF."""\n\ndef setup(app):\n    return {"version": 2}\n')
    assert _digest() != before


def test_the_packages_code_is_in_the_digest(extension, monkeypatch, tmp_path):
    extension.write_text("X = 1\n")
    before = _digest()
    package_file = tmp_path / "kadiz_stand_in.py"
    package_file.write_text("Y = 2\n")
    module = types.ModuleType("kadiz.stand_in")
    module.__file__ = str(package_file)
    monkeypatch.setitem(sys.modules, "kadiz.stand_in", module)
    assert _digest() != before

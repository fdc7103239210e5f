"""What makes an incremental build write pages again (_ext/incremental_builds.py): the digest of the code the build
runs, which must change with the code of the package and of the book's own extensions, and only with code; and an
edit to a file of _static/, after which the root page is written again so that Sphinx copies the files."""

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


def test_an_edit_to_a_stylesheet_has_the_root_page_written_again(tmp_path):
    (tmp_path / "_static").mkdir()
    stylesheet = tmp_path / "_static" / "charts.css"
    stylesheet.write_text(".kadiz-chart { max-width: 100%; }\n")
    app = types.SimpleNamespace(srcdir=str(tmp_path), config=types.SimpleNamespace(root_doc="chapters/index"))
    env = types.SimpleNamespace()
    outdated = lambda: incremental_builds._static_changed(app, env, set(), set(), set())  # noqa: E731
    assert outdated() == ["chapters/index"]  # the first build that keeps the digest
    assert outdated() == []
    stylesheet.write_text(".kadiz-chart { max-width: 90%; }\n")
    assert outdated() == ["chapters/index"]
    assert outdated() == []
    (tmp_path / "_static" / "new.js").write_text("// a script added\n")
    assert outdated() == ["chapters/index"]

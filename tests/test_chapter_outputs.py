"""The chapters' committed outputs: text only, current with their inputs, and re-executed on content alone."""

import importlib.util
import json
import os
import shutil

import nbformat
import pytest

from kadiz.charts import render
from kadiz.paths import ROOT

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
# Bytes, all chapters together: each figure holds two layouts (desktop, phone) and its data table, about
# 760 kB in all; images in base64 or a spec stored as pretty-printed JSON would each break it several times over.
NOTEBOOK_BUDGET = 800_000


def _load_script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


execute_chapters = _load_script("execute_chapters")


def _outputs(path):
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        yield from cell.get("outputs", [])


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_outputs_hold_no_raster_images(path):
    kinds = {kind for output in _outputs(path) for kind in output.get("data", {})}
    assert not {k for k in kinds if k.endswith(("image/png", "image/jpeg"))}


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_charts_are_stored_as_their_spec_alone(path):
    # The site's HTML and the PDF's SVG are drawn from the spec at build time (kadiz/charts/mime.py).
    charts = [output["data"] for output in _outputs(path) if any(k.endswith(render.MIME) for k in output.get("data", {}))]
    for data in charts:
        assert not {k for k in data if k.endswith(("text/html", "image/svg+xml"))}


def test_committed_notebooks_stay_light():
    assert sum(p.stat().st_size for p in CHAPTERS) < NOTEBOOK_BUDGET


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_committed_outputs_are_current(path):
    # `make book` refreshes a stale chapter; committing without it leaves outputs the code no longer gives.
    assert not execute_chapters.is_stale(path, execute_chapters.shared_digest()), \
        f"{path.name} was executed with other inputs: run `make book` and commit it"


# ------------------------------------------------------------------ what makes a chapter stale


@pytest.fixture
def tree(tmp_path):
    for name in ("data", "kadiz"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "requirements.lock", tmp_path)
    return tmp_path


def test_digest_follows_content_not_file_times(tree):
    before = execute_chapters.shared_digest(tree)
    verdicts = tree / "data" / "verdicts.csv"
    os.utime(verdicts, (0, 0))
    assert execute_chapters.shared_digest(tree) == before
    verdicts.write_text(verdicts.read_text(encoding="utf-8").replace(",", ", ", 1), encoding="utf-8")
    os.utime(verdicts, (0, 0))
    assert execute_chapters.shared_digest(tree) != before


def test_digest_sees_new_and_renamed_files(tree):
    before = execute_chapters.shared_digest(tree)
    (tree / "kadiz" / "when.py").rename(tree / "kadiz" / "dates.py")
    assert execute_chapters.shared_digest(tree) != before


def test_a_chapter_is_stale_when_its_code_changes_not_its_prose():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Text"),
                                               nbformat.v4.new_code_cell("x = 1")])
    digest = execute_chapters.inputs_digest(notebook, "shared")
    notebook.cells[0].source = "Other text"
    notebook.cells[1].outputs = [nbformat.v4.new_output("stream", text="1")]
    assert execute_chapters.inputs_digest(notebook, "shared") == digest
    notebook.cells[1].source = "x = 2"
    assert execute_chapters.inputs_digest(notebook, "shared") != digest
    assert execute_chapters.inputs_digest(notebook, "other shared inputs") != digest


def _chapter(folder, source):
    path = folder / "chapter.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)]), path)
    return path


def test_an_executed_chapter_records_its_digest_and_keeps_its_mode(tmp_path, monkeypatch):
    monkeypatch.setattr(execute_chapters, "ROOT", tmp_path)
    path = _chapter(tmp_path, "print(6 * 7)")
    path.chmod(0o644)
    execute_chapters.execute(path, "shared")
    notebook = nbformat.read(path, as_version=4)
    assert notebook.cells[0].outputs[0]["text"] == "42\n"
    assert not execute_chapters.is_stale(path, "shared")
    assert path.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("source,error", [
    ("raise ValueError('bad row')", "bad row"),
    ("import sys; print('a warning', file=sys.stderr)", "wrote to stderr: a warning"),
], ids=["raises", "stderr"])
def test_a_failing_chapter_is_left_as_it_was(tmp_path, monkeypatch, source, error):
    monkeypatch.setattr(execute_chapters, "ROOT", tmp_path)
    path = _chapter(tmp_path, source)
    before = path.read_bytes()
    with pytest.raises(execute_chapters.ChapterFailed, match=error):
        execute_chapters.execute(path, "shared")
    assert path.read_bytes() == before
    assert execute_chapters.is_stale(path, "shared")

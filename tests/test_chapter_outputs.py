"""The chapters' committed outputs: text only, and re-executed when, and only when, what a chapter runs with changes.

That the committed outputs are what the code gives is proved by strict nbval in `make test`, not here."""

import html
import importlib.util
import json
import os
import shutil
import sys

import nbformat
import pytest

from kadiz.charts import render, stored
from kadiz.paths import FIGURES, ROOT

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
# Bytes, all chapters together: a glued figure's payload lives in figures/<name>.json, which its output names with
# the file's digest; images in base64 or a payload stored whole in each output would each break it.
NOTEBOOK_BUDGET = 600_000


sys.path.insert(0, str(ROOT / "scripts"))  # the scripts import one another, as when run from their folder


def _load_script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


chapter_inputs = _load_script("chapter_inputs")
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


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_every_figure_a_chapter_names_is_the_committed_file_it_wrote(chapter):
    # A chapter committed without its figures/ (or with another execution's) would draw nothing, or the wrong chart.
    names = []
    for cell in nbformat.read(chapter, as_version=4).cells:
        for output in cell.get("outputs", []):
            for mime, text in output.get("data", {}).items():
                if mime.endswith(render.MIME) and '"$file"' in text:
                    names.append(stored.loaded(text)["name"])
    assert names == sorted(set(names), key=names.index), f"{chapter.name} names a figure twice"


@pytest.mark.parametrize("payload_file", sorted(FIGURES.glob("*.json")), ids=lambda p: p.stem)
def test_a_figures_svg_and_csv_are_drawn_from_its_payload(payload_file):
    # figures/ is written whole when a chapter is executed; the slides' SVG and CSV must show what the book draws.
    payload = stored.loaded(payload_file.read_text(encoding="utf-8"))
    assert payload_file.with_suffix(".csv").read_text(encoding="utf-8") == render.csv(payload["table"])
    # vl-convert does not draw a map's projection byte for byte the same twice in one process, so the SVG is read for
    # the headline it must carry rather than compared whole.
    headline = payload["desktop"]["title"]["text"]
    for line in headline if isinstance(headline, list) else [headline]:
        assert html.escape(line, quote=False) in payload_file.with_suffix(".svg").read_text(encoding="utf-8"), line



# ------------------------------------------------------------------ what makes a chapter stale


@pytest.fixture
def tree(tmp_path):
    """The package, the data and the lock, with two chapters: one on the voices module, one on the after module."""
    for name in ("data", "kadiz"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "requirements.lock", tmp_path)
    (tmp_path / "chapters").mkdir()
    for chapter, module in (("voices", "voices"), ("after", "after")):
        _chapter(tmp_path / "chapters" / f"{chapter}.ipynb", f"from kadiz import book, {module}\ndata = book.start()")
    return tmp_path


def _chapter(path, *sources):
    cells = [nbformat.v4.new_markdown_cell("Prose."), *map(nbformat.v4.new_code_cell, sources)]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


def _digests(tree):
    return {p.stem: chapter_inputs.chapter_digest(p, tree) for p in sorted((tree / "chapters").glob("*.ipynb"))}


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_chapter_runs_with_the_modules_it_imports_through_others():
    modules = chapter_inputs.package_modules(["from kadiz import book, voices"])
    # book imports the data loader, which imports the validator; every package on the way runs its __init__.
    assert {"kadiz", "kadiz.book", "kadiz.voices", "kadiz.data", "kadiz.validate", "kadiz.charts",
            "kadiz.charts.render", "kadiz.paths"} <= set(modules)
    assert "kadiz.after" not in modules and "kadiz.charts.after" not in modules


def test_an_edit_to_one_chapters_module_makes_only_that_chapter_stale(tree):
    before = _digests(tree)
    _edit(tree / "kadiz" / "voices.py", "import pandas as pd", "import pandas as pd\nUNUSED = 1")
    after = _digests(tree)
    assert after["voices"] != before["voices"] and after["after"] == before["after"]


def test_docstrings_comments_and_layout_change_nothing(tree):
    before = _digests(tree)
    module = tree / "kadiz" / "voices.py"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace('"""', '"""A new first sentence. ', 1)  # the module's docstring
                      .replace("import pandas as pd", "import pandas as pd  # a comment\n\n", 1), encoding="utf-8")
    assert _digests(tree) == before


def test_a_chapters_prose_changes_nothing_and_its_code_does(tree):
    path = tree / "chapters" / "voices.ipynb"
    before = _digests(tree)
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[0].source = "Other prose."
    notebook.cells[1].outputs = [nbformat.v4.new_output("stream", text="1")]
    nbformat.write(notebook, path)
    assert _digests(tree) == before
    notebook.cells[1].source += "\nprint(1)"
    nbformat.write(notebook, path)
    assert _digests(tree)["voices"] != before["voices"]


def test_a_data_row_and_the_lock_change_every_chapter_that_reads_them_and_the_data_notes_none(tree):
    before = _digests(tree)
    _edit(tree / "data" / "README.md", "#", "# ")
    assert _digests(tree) == before
    verdicts = tree / "data" / "verdicts.csv"
    os.utime(verdicts, (0, 0))
    assert _digests(tree) == before, "a file's time is not its content"
    _edit(verdicts, ",", ", ")
    changed_data = _digests(tree)
    assert all(changed_data[c] != before[c] for c in before)
    (tree / "requirements.lock").write_text("pandas==0.0\n", encoding="utf-8")
    assert all(d != changed_data[c] for c, d in _digests(tree).items())


def test_a_new_module_a_chapter_imports_is_followed(tree):
    path = tree / "chapters" / "after.ipynb"
    (tree / "kadiz" / "after_facts.py").write_text("from kadiz import after\nLIMIT = 3\n", encoding="utf-8")
    _chapter(path, "from kadiz import book\nfrom kadiz.after_facts import LIMIT")
    before = _digests(tree)
    _edit(tree / "kadiz" / "after_facts.py", "LIMIT = 3", "LIMIT = 4")
    assert _digests(tree)["after"] != before["after"]


# ------------------------------------------------------------------ how a chapter is written


@pytest.fixture
def chapters(tmp_path, monkeypatch):
    monkeypatch.setattr(execute_chapters, "ROOT", tmp_path)
    shutil.copy2(ROOT / "requirements.lock", tmp_path)
    (tmp_path / "chapters").mkdir()
    return tmp_path / "chapters"


def test_an_executed_chapter_records_its_digest_keeps_its_mode_and_is_rewritten_only_if_it_changed(chapters):
    path = _chapter(chapters / "chapter.ipynb", "print(6 * 7)")
    path.chmod(0o644)
    assert execute_chapters.execute([path]) == []
    assert nbformat.read(path, as_version=4).cells[1].outputs[0]["text"] == "42\n"
    assert not chapter_inputs.is_stale(path, chapters.parent)
    assert path.stat().st_mode & 0o777 == 0o644
    os.utime(path, (0, 0))
    assert execute_chapters.execute([path]) == []
    assert path.stat().st_mtime == 0, "a chapter whose outputs did not change was rewritten"
    assert sorted(p.name for p in chapters.iterdir()) == ["chapter.ipynb", "digests.json"]


def test_the_chapter_runs_in_the_books_environment(chapters):
    path = _chapter(chapters / "chapter.ipynb", "import os\nprint(os.environ.get('KADIZ_BOOK'))")
    assert execute_chapters.execute([path]) == []
    assert nbformat.read(path, as_version=4).cells[1].outputs[0]["text"] == "1\n"


@pytest.mark.parametrize("source,error", [
    ("raise ValueError('bad row')", "bad row"),
    ("import sys; print('a warning', file=sys.stderr)", "wrote to stderr: a warning"),
], ids=["raises", "stderr"])
def test_a_failing_chapter_is_left_as_it_was_and_stays_stale(chapters, source, error):
    path = _chapter(chapters / "chapter.ipynb", source)
    before = path.read_bytes()
    [failure] = execute_chapters.execute([path])
    assert error in failure
    assert path.read_bytes() == before
    assert chapter_inputs.is_stale(path, chapters.parent)


def test_a_failed_write_leaves_the_chapter_whole_and_no_temporary_file(chapters, monkeypatch):
    path = _chapter(chapters / "chapter.ipynb", "print(1)")
    before = path.read_bytes()

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(execute_chapters.os, "replace", disk_full)
    with pytest.raises(OSError, match="No space"):
        execute_chapters.write_if_changed(path, "{}")
    assert path.read_bytes() == before
    assert [p.name for p in chapters.iterdir()] == ["chapter.ipynb"]

"""The chapters' "try it" cells: in the chapter (which the reader's download is made from, tests/test_reader_notebooks.py
checks the download itself), a code cell that is shown (no remove tag), whose parameters sit on lines of their own under a comment that says what
to change; on the page, the same code with its result (words and a chart) as the cell's output; and an exercise
that asks the reader to change the parameter. Every code cell of these chapters says in a comment what it computes."""

import re

import nbformat
import pytest
from bs4 import BeautifulSoup

from kadiz.charts import render
from kadiz.paths import ROOT
from tests.built import SITE

# The chapter and the parameters its try-it cell documents.
TRY_IT = {"coincidence": ("WINDOW_DAYS", "NULL_MODEL"), "records": ("WINDOW_DAYS",)}
HIDDEN = {"remove-cell", "remove-input", "remove-output", "hide-input", "hide-cell"}


def _notebook(chapter):
    return nbformat.read(ROOT / "chapters" / f"{chapter}.ipynb", as_version=4)


def _try_it_cells(nb, parameters):
    return [c for c in nb.cells if c.cell_type == "code" and re.search(rf"^{parameters[0]} = ", c.source, re.M)]


@pytest.mark.parametrize("chapter", TRY_IT)
def test_the_downloaded_notebook_shows_a_try_it_cell_with_its_parameters_explained(chapter):
    cells = _try_it_cells(_notebook(chapter), TRY_IT[chapter])
    assert len(cells) == 1, f"{chapter}: one try-it cell"
    cell = cells[0]
    assert not HIDDEN & set(cell.metadata.get("tags", [])), f"{chapter}: the try-it cell is hidden"
    for parameter in TRY_IT[chapter]:
        assert re.search(rf"^{parameter} = \S+$", cell.source, re.M), f"{chapter}: {parameter} on a line of its own"
        assert re.search(rf"^# {parameter}: \w+", cell.source, re.M), f"{chapter}: {parameter} has no comment"
    # Its result is in the cell's own output: words, and a chart (not a glue value Jupyter would not show).
    kinds = {kind for output in cell.outputs for kind in output.get("data", {})}
    assert {"text/markdown", render.MIME} <= kinds
    assert not any(kind.startswith("application/papermill.record") for kind in kinds)


@pytest.mark.parametrize("chapter", TRY_IT)
def test_an_exercise_asks_the_reader_to_change_the_parameter(chapter):
    text = "\n".join(c.source for c in _notebook(chapter).cells if c.cell_type == "markdown")
    assert any(f"`{TRY_IT[chapter][0]}`" in e and "try it" in e
               for e in re.findall(r"^:{3,}\{exercise\}.*?^:{3,}$", text, re.S | re.M))


@pytest.mark.parametrize("chapter", TRY_IT)
def test_every_code_cell_says_what_it_computes(chapter):
    for cell in _notebook(chapter).cells:
        if cell.cell_type == "code":
            assert re.search(r"^# \w", cell.source, re.M), f"{chapter}: no comment in «{cell.source[:80]}»"


@pytest.mark.parametrize("chapter", TRY_IT)
def test_the_page_shows_the_try_it_code_and_its_chart(chapter):
    page = BeautifulSoup((SITE / "chapters" / f"{chapter}.html").read_text(encoding="utf-8"), "html.parser")
    cells = [c for c in page.select("div.cell") if f"{TRY_IT[chapter][0]} =" in c.get_text()]
    assert len(cells) == 1
    assert cells[0].select_one("div.cell_input") and cells[0].select_one("div.cell_output div.kadiz-chart")

"""A reader opens a chapter's notebook, changes the parameter of its "try it" cell to the value its exercise asks for,
and runs the cell: the words and the chart change, and the words give the numbers the exercise's solution states."""

import json
import re

import nbformat
import pytest
from nbclient import NotebookClient

from kadiz.charts import render, stored
from kadiz.paths import ROOT

# chapter: (the parameter line as committed, the line the exercise asks for, glue keys of the solution's numbers)
EXERCISES = {
    "introduction": ("FIRST_YEAR, LAST_YEAR = 2017, 2022", "FIRST_YEAR, LAST_YEAR = 2022, 2022",
                     ["introduction-exercise-missiles", "introduction-exercise-launch-days"]),
    "timeline": ('TIME_ZONE = "Asia/Seoul"', 'TIME_ZONE = "UTC"',
                 ["timeline-exercise-last-exit", "timeline-exercise-first-launch", "timeline-exercise-launch-day"]),
    "march-and-may": ("COUNT_EACH_ENTRY = False", "COUNT_EACH_ENTRY = True",
                      ["march-and-may-each-entry-may-chinese", "march-and-may-each-entry-may-russian"]),
}


def _glued(nb) -> dict[str, str]:
    return {o["metadata"]["scrapbook"]["name"]: o["data"]["application/papermill.record/text/plain"]
            for c in nb.cells for o in c.get("outputs", []) if "scrapbook" in o.get("metadata", {})}


def _shown(cell) -> tuple[str, dict]:
    """The words a cell shows (as read: Markdown's escapes undone) and its chart."""
    markdown = "".join(o["data"]["text/markdown"] for o in cell.outputs if "text/markdown" in o.get("data", {}))
    words = re.sub(r"\\(.)", r"\1", markdown)
    charts = [stored.loaded(o["data"][render.MIME]) for o in cell.outputs if render.MIME in o.get("data", {})]
    assert len(charts) == 1, "the cell shows one chart"
    return words, charts[0]


@pytest.mark.parametrize("chapter", EXERCISES)
def test_the_exercise_s_value_shows_the_solution_s_numbers(chapter):
    committed, changed, solution_keys = EXERCISES[chapter]
    nb = nbformat.read(ROOT / "chapters" / f"{chapter}.ipynb", as_version=4)
    try_it = next(c for c in nb.cells if c.cell_type == "code" and "book.show(" in c.source)
    assert committed in try_it.source.splitlines(), f"{chapter}: the parameter line reads otherwise"
    before_words, before_chart = _shown(try_it)
    solution = [_glued(nb)[key].strip("'\"") for key in solution_keys]
    # What the reader runs: the chapter's first cell (the preamble), then the try-it cell with the new value.
    reader = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(nb.cells[1].source) if "book.start()"
                                             in nb.cells[1].source else pytest.fail("no preamble in cell 1"),
                                             nbformat.v4.new_code_cell(try_it.source.replace(committed, changed))],
                                      metadata=nb.metadata)
    NotebookClient(reader, timeout=120, resources={"metadata": {"path": str(ROOT)}}).execute()
    words, chart = _shown(reader.cells[1])
    assert words != before_words and chart["table"] != before_chart["table"]
    for number in solution:
        assert re.search(rf"(?<![\w:]){re.escape(number)}(?!\w|:\d)", words), f"{chapter}: {number!r} not in {words!r}"

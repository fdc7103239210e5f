"""A correction reaches every reader, hostile data harms none, and a failed build never passes for a good one.

These tests work as an editor would, with `make book`, in a temporary copy of the repository that shares this
repository's virtual environment and node_modules (its set-up steps find them current by their content):

1. every free-text cell of every table gets a hostile ending (markup that would run script in a page, end a
   chart's <script>, or break LaTeX), and one verdict's reason gets a correction; the copies are written with
   file times from 2001, so only the content says they changed. `make book` must re-execute the chapters and
   rebuild; the site and both PDFs must show the correction and the hostile text as text; in Chromium no page
   may open a dialog or load a hostile image, and every chart must still draw;
2. a chapter that raises makes `make book` fail, and a second `make book` fail again with the same first error.
"""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from minimal_data import read_csv, write_csv

from kadiz.paths import ROOT
from kadiz.validate import PASSAGES
from kadiz.validation.folder import resources
from tests import pdf_words
from tests.built import serve
from tests.tree_copy import check_set_up, clean_environment, copy_tree

# Ends a <script>, opens new ones, and carries LaTeX's special characters and MyST markup.
HOSTILE = (' </script><script>alert("kadiz-script")</script><img src="kadiz-x.png" onerror="alert(1)">'
           r' <!-- \textbf{x} $x^2$ 100% #1 a_b c~d {x} *emph* [link](https://example.org) | & "q"')
# No hyphen: the PDF may break a line there, and pdftotext then joins the halves without it.
CORRECTION = "Corrected in a test: kadiz correction 4711."
# Every test here reads the one copy that `make book` built: the module runs on one worker (tests/conftest.py).
pytestmark = pytest.mark.xdist_group(name="module:test_corrections")
OLD_TIME = 978307200  # 1 January 2001: older than any file of the repository
# Text columns that are not prose: `value` holds a number, date or time written as text, `included_in` names a
# platform of the same event (a reference the validator follows), and `as_published` a point in degrees and
# minutes that the validator reads against `lat` and `lon`.
NOT_PROSE = {"value", "included_in", "as_published"}
TIMEOUT = 900


def _make_book(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "book"], cwd=tree, capture_output=True, text=True, timeout=TIMEOUT,
                          env=clean_environment())


def _free_text_columns() -> dict[str, list[str]]:
    """Per CSV path: the string columns without enum, pattern or reference, other than verbatim passages."""
    columns = {}
    for name, resource in resources().items():
        schema = resource["schema"]
        keys = set(schema.get("primaryKey", []))
        keys |= {f for fk in schema.get("foreignKeys", []) for f in fk["fields"]}
        columns[resource["path"]] = [
            f["name"] for f in schema["fields"]
            if f["type"] == "string" and not {"enum", "pattern"} & set(f.get("constraints", {}))
            and f["name"] not in keys | NOT_PROSE | set(PASSAGES.get(name, []))
        ]
    return columns


def _rewrite(path: Path, change) -> None:
    rows = read_csv(path)
    for number, row in enumerate(rows):
        change(number, row)
    write_csv(path, rows)
    os.utime(path, (OLD_TIME, OLD_TIME))


def _corrupt_and_correct(data: Path) -> None:
    for table, columns in _free_text_columns().items():
        def add_hostile(_, row, columns=columns):
            for column in columns:
                if row[column]:
                    row[column] += HOSTILE
        _rewrite(data / table, add_hostile)

    def correct(number, row):
        if number == 0:
            row["reason"] = f"{CORRECTION} {row['reason']}"
    _rewrite(data / "verdicts.csv", correct)


def _pdf_text(pdf: Path) -> str:
    # In the order it was set, so that a correction in a table cell reads as one passage.
    return " ".join(pdf_words.text(pdf, raw=True).split())


def _page_text(page: Path) -> str:
    return " ".join(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ").split())


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    check_set_up()
    tree = tmp_path_factory.mktemp("clone")
    copy_tree(tree)
    return tree


@pytest.fixture(scope="module")
def corrected(tree):
    """The copy after a correction and hostile text in every free-text cell, built with `make book`."""
    _corrupt_and_correct(tree / "data")
    result = _make_book(tree)
    assert result.returncode == 0, f"make book failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return tree, result.stdout


def test_hostile_data_passes_validation_and_reaches_every_table(corrected):
    tree, _ = corrected
    hostile_cells = sum(
        row[column].endswith(HOSTILE)
        for table, columns in _free_text_columns().items()
        for row in read_csv(tree / "data" / table)
        for column in columns if row[column])
    assert hostile_cells > 100


def test_data_edit_reexecutes_chapters_by_content_not_file_time(corrected):
    _, log = corrected
    executed = re.findall(r"^executing (chapters/\S+\.ipynb)", log, re.MULTILINE)
    assert sorted(executed) == sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "chapters").glob("*.ipynb"))
    assert "book: published" in log


def test_correction_reaches_the_site_and_both_pdfs(corrected):
    tree, _ = corrected
    build = tree / "_build"
    assert CORRECTION in _page_text(build / "html" / "chapters" / "records.html")
    assert CORRECTION in _page_text(build / "student" / "_build" / "html" / "chapters" / "records.html")
    assert CORRECTION in _pdf_text(build / "latex" / "kadiz-report.pdf")
    assert CORRECTION in _pdf_text(build / "student" / "_build" / "latex" / "kadiz-report.pdf")


def test_latex_special_characters_print_as_written(corrected):
    tree, _ = corrected
    text = _pdf_text(tree / "_build" / "latex" / "kadiz-report.pdf")
    assert r'<!-- \textbf{x} $x^2$ 100% #1 a_b c~d {x} *emph* [link](https://example.org) | & "q"' in text


def test_no_chart_spec_carries_a_raw_closing_tag(corrected):
    tree, _ = corrected
    for page in (tree / "_build" / "html" / "chapters").glob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            assert "kadiz-script" not in (script.string or "") or "\\u003c/script\\u003e" in script.string
        assert not soup.find("img", src="kadiz-x.png"), f"{page.name}: hostile markup became an element"


def test_no_dialog_opens_and_every_chart_draws(corrected, browser):
    tree, _ = corrected
    site = tree / "_build" / "html"
    pages = sorted(p.relative_to(site).as_posix() for p in (site / "chapters").glob("*.html"))
    dialogs, requests_for_hostile_image, undrawn = [], [], []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda r: requests_for_hostile_image.append(r.url) if "kadiz-x.png" in r.url else None)
    with serve(site) as url:
        for path in pages:
            page.goto(f"{url}/{path}", wait_until="load")
            charts = page.locator("div.kadiz-chart")
            for i in range(charts.count()):
                try:
                    charts.nth(i).scroll_into_view_if_needed()  # a chart draws when the reader comes near it
                    charts.nth(i).locator("svg.marks").wait_for(timeout=10_000)
                except PlaywrightTimeout:
                    undrawn.append(f"{path} chart {i + 1}")
    page.close()
    assert len(pages) >= 7
    assert dialogs == []
    assert requests_for_hostile_image == []
    assert undrawn == []


def test_a_failing_chapter_fails_every_build_until_mended(corrected):
    tree, _ = corrected
    chapter = tree / "chapters" / "voices.ipynb"
    notebook = json.loads(chapter.read_text(encoding="utf-8"))
    notebook["cells"].insert(1, {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                                 "source": ["raise RuntimeError('voices chapter broken in a test')"]})
    chapter.write_text(json.dumps(notebook), encoding="utf-8")
    digests = (tree / "chapters" / "digests.json").read_text(encoding="utf-8")
    first, second = _make_book(tree), _make_book(tree)
    assert first.returncode != 0 and second.returncode != 0
    for run in (first, second):
        assert "voices chapter broken in a test" in run.stderr
    assert _first_error(first.stderr) == _first_error(second.stderr)
    # The broken chapter's new digest is never recorded, so every build runs it again.
    assert (tree / "chapters" / "digests.json").read_text(encoding="utf-8") == digests


def _first_error(log: str) -> str:
    return next(line for line in log.splitlines() if line.startswith("chapter failed:"))


@pytest.mark.parametrize("goal", ["book", "test", "outputs", ""])
def test_another_data_folder_is_refused_for_the_book(goal):
    refused = subprocess.run(["make", "-n", *filter(None, [goal]), "DATA=elsewhere"], cwd=ROOT,
                             capture_output=True, text=True)
    assert refused.returncode != 0
    assert "DATA=elsewhere is only for `make validate`" in refused.stderr


def test_another_data_folder_can_be_validated():
    dry_run = subprocess.run(["make", "-n", "validate", "DATA=elsewhere"], cwd=ROOT, capture_output=True, text=True)
    assert dry_run.returncode == 0
    assert "kadiz.validate elsewhere" in dry_run.stdout

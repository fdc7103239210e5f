"""The chapter notebook a reader downloads from each edition's site opens in JupyterLab with the page's prose, its
numbers and its charts, and runs top to bottom offline (_ext/reader_notebooks.py, _ext/reader_markdown.py).

Each test takes the notebook as a reader does: from the chapter page's download menu ("Notebook"), as the built site
serves it. Markdown is read as JupyterLab renders it: CommonMark with tables, then MathJax over the result, which
turns an escaped ``\\$`` into a dollar sign and typesets any other ``$...$``.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

import altair as alt
import nbformat
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from markdown_it import MarkdownIt

from kadiz.charts import reader, render
from kadiz.paths import ROOT
from tests.built import SITE, STUDENT_SITE
from tests.chart_specs import two_points

sys.path.insert(0, str(ROOT / "_ext"))
import reader_markdown  # noqa: E402  (a module of the book's extensions, loaded from _ext as the book loads it)

CHAPTERS = sorted(path.stem for path in (ROOT / "chapters").glob("*.ipynb"))
EDITIONS = {"teacher": SITE, "student": STUDENT_SITE}
# What MyST writes and Jupyter would show as it is.
MYST_LEFT = ("{glue", "{numref}", "{cite", ":::", "{term}", "{doc}", "```{")
VEGA_LITE = re.compile(r"application/vnd\.vegalite\.v\d+\+json")
MARKDOWN = MarkdownIt("commonmark").enable("table")


def _page(site: Path, chapter: str) -> Path:
    return site / "chapters" / f"{chapter}.html"


@functools.cache
def download(edition: str, chapter: str):
    """The notebook behind the chapter page's "Notebook" entry, as the reader's browser would fetch it."""
    page = _page(EDITIONS[edition], chapter)
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    menu = soup.select_one(".dropdown-download-buttons")
    links = {a.get_text(" ", strip=True): a["href"] for a in menu.select("a")} if menu else {}
    assert "Notebook" in links, f"{edition} {chapter}: the download menu offers no notebook ({sorted(links)})"
    target = Path(urljoin(page.as_uri(), links["Notebook"]).removeprefix("file://"))
    return nbformat.read(target, as_version=4)


def shown_text(markdown: str) -> str:
    """The words a reader sees of a Markdown cell in JupyterLab (MathJax's escape applied), whitespace collapsed."""
    text = BeautifulSoup(MARKDOWN.render(markdown), "html.parser").get_text(" ")
    return " ".join(text.replace("\\$", "$").split())


def prose(notebook) -> list[str]:
    return [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]


def figure_outputs(notebook) -> list[dict]:
    return [output for cell in notebook.cells for output in cell_figures(cell)]


def cell_figures(cell) -> list[dict]:
    return [output for output in cell.get("outputs", [])
            if any(VEGA_LITE.fullmatch(m) or m == render.MIME or m.endswith(render.MIME) for m in output.get("data", {}))]


def page_charts(edition: str, chapter: str) -> BeautifulSoup:
    return BeautifulSoup(_page(EDITIONS[edition], chapter).read_text(encoding="utf-8"), "html.parser")


# ------------------------------------------------------------------ what it shows without running


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_prose_holds_no_myst_jupyter_would_show_as_it_is(edition, chapter):
    left = [(number, mark) for number, source in enumerate(prose(download(edition, chapter)))
            for mark in MYST_LEFT if mark in source]
    assert not left, f"{edition} {chapter}: MyST left in Markdown cells (cell, mark): {left[:10]}"


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_code_is_visible(edition, chapter):
    notebook = download(edition, chapter)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code, f"{edition} {chapter}: no code cell"
    hidden = [cell.source[:60] for cell in code if {"remove-cell", "hide-input", "hide-cell", "remove-input"}
              & set(cell.metadata.get("tags", [])) or cell.metadata.get("jupyter", {}).get("source_hidden")]
    assert not hidden, f"{edition} {chapter}: code cells hidden in JupyterLab: {hidden}"


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chart_of_the_page_is_standard_vega_lite_with_svg_beside_it(edition, chapter):
    notebook, page = download(edition, chapter), page_charts(edition, chapter)
    outputs = figure_outputs(notebook)
    charts = page.select("div.kadiz-chart")
    assert len(outputs) == len(charts), f"{edition} {chapter}: {len(charts)} charts on the page, {len(outputs)} in the notebook"
    for output in outputs:
        kinds = set(output["data"])
        assert any(VEGA_LITE.fullmatch(k) for k in kinds) and "image/svg+xml" in kinds, (chapter, sorted(kinds))
        spec = next(v for k, v in output["data"].items() if VEGA_LITE.fullmatch(k))
        assert reader.vegalite_mime(spec) in kinds, "the MIME type is not the version the spec's $schema names"
        assert output["data"]["image/svg+xml"].lstrip().startswith("<svg"), chapter
        # Until its cells run, a downloaded notebook is untrusted: JupyterLab then shows the PNG.
        assert output["data"]["image/png"].startswith("iVBOR"), chapter


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_figure_is_drawn_once_right_above_its_caption(edition, chapter):
    notebook, page = download(edition, chapter), page_charts(edition, chapter)
    numbers = {f["id"]: f.select_one(".caption-number").get_text().strip() for f in page.select("figure[id^=fig-]")}
    drawn = [output["data"]["text/plain"] for output in figure_outputs(notebook)]
    assert [f"<Figure {name}>" for name in numbers] == [d for d in drawn if d[len("<Figure "):-1] in numbers], (
        f"{edition} {chapter}: each figure of the page once, in the page's order")
    for cell, below in zip(notebook.cells, notebook.cells[1:]):
        for output in cell_figures(cell):
            name = output["data"]["text/plain"][len("<Figure "):-1]
            if name in numbers:
                assert below.cell_type == "markdown" and below.source.startswith(f"**{numbers[name]}**"), (
                    f"{edition} {chapter}: {name} is not drawn right above its caption")
    assert not any(cell.get("attachments") for cell in notebook.cells), f"{chapter}: a chart shown as an image too"


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_numbers_written_in_are_the_pages(edition, chapter):
    """Every paragraph of the page that carries a value from the data reads the same in the notebook."""
    page = page_charts(edition, chapter)
    for anchor in page.select("a.headerlink"):
        anchor.decompose()
    glued = [" ".join(p.get_text(" ").split()) for p in page.select("article p")
             if p.select(".pasted-text") and not p.find_parent("details")]
    assert glued, f"{chapter}: no paragraph with a glued value on the page"
    notebook = " ".join(shown_text(source) for source in prose(download(edition, chapter)))
    missing = [text for text in glued if _words(text) not in _words(notebook)]
    assert not missing, f"{edition} {chapter}: {len(missing)} of {len(glued)} paragraphs differ, first: {missing[0]!r}"


def _words(text: str) -> str:
    # The page puts spaces around inline elements that the Markdown does not ("( Korean War" / "(Korean War").
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_only_the_teachers_download_holds_the_solutions(chapter):
    teacher, student = (download(edition, chapter) for edition in EDITIONS)
    boxes = [box for source in prose(teacher)
             for box in BeautifulSoup(MARKDOWN.render(source), "html.parser").find_all("blockquote", recursive=False)]
    solutions = [" ".join(box.get_text(" ").split()) for box in boxes
                 if box.find("strong") and box.find("strong").get_text().startswith("Solution to")]
    exercises = lambda nb: re.findall(r"\*\*(Exercise \d+\.\d+)\*\*", "\n".join(prose(nb)))  # noqa: E731
    assert exercises(teacher) and exercises(student) == exercises(teacher), chapter
    assert len(solutions) >= len(exercises(teacher)), f"{chapter}: the teacher's notebook lacks solutions"
    student_text = " ".join(shown_text(s) for s in prose(student))
    leaked = [s[:80] for s in solutions if s.split(" ", 4)[-1][:200] in student_text]
    assert not leaked and "Solution to" not in student_text, f"{chapter}: solutions in the student's notebook: {leaked}"
    assert [c.source for c in student.cells if c.cell_type == "code"] == \
        [c.source for c in teacher.cells if c.cell_type == "code"], "the two editions run different code"


# ------------------------------------------------------------------ what it shows when run


def _execute(notebook):
    from nbclient import NotebookClient

    # A reader's kernel: no KADIZ_BOOK, started in chapters/ as `make lab` starts it; the package of this tree.
    env = {k: v for k, v in os.environ.items() if k != reader.BOOK_ENVIRONMENT} | {"PYTHONPATH": str(ROOT)}
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "chapters")}})
    client.execute(env=env)
    return notebook


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_teachers_download_runs_top_to_bottom_and_draws_the_same_charts(chapter):
    downloaded = download("teacher", chapter)
    run = _execute(copy.deepcopy(downloaded))
    before, after = figure_outputs(downloaded), figure_outputs(run)
    assert len(after) == len(before), f"{chapter}: {len(before)} charts downloaded, {len(after)} after running"
    for old, new in zip(before, after):
        assert render.MIME not in new["data"] and "image/svg+xml" in new["data"], sorted(new["data"])
        spec = lambda output: next(v for k, v in output["data"].items() if VEGA_LITE.fullmatch(k))  # noqa: E731
        assert json.dumps(spec(new), sort_keys=True) == json.dumps(spec(old), sort_keys=True), \
            f"{chapter}: running the notebook draws another chart than the site's"


# ------------------------------------------------------------------ text from the data stays text

HOSTILE = ["*not bold* _nor this_", "<script>alert(1)</script>", "costs $x$ and $$y$$", "{glue:text}`key`",
           "[a link](https://example.org)", "| a | pipe |", "# not a heading", "`code`", "a\\ backslash",
           "&amp; an entity", "~~struck~~", "![image](x.png)", "1950. not a list", "- nor this", "> nor a quote"]


def _hostile_page() -> nodes.document:
    document = new_document("hostile", get_default_settings(Parser))
    document.line = None
    section = nodes.section(ids=["s"])
    section += nodes.title(text="Heading " + HOSTILE[0])
    for text in HOSTILE:
        paragraph = nodes.paragraph()
        paragraph += nodes.inline(text, text, classes=["pasted-text"])
        section += paragraph
    table = nodes.table()
    group = nodes.tgroup(cols=2)
    table += group
    body = nodes.tbody()
    group += body
    for text in HOSTILE:
        row = nodes.row()
        for value in ("1", text):
            row += nodes.entry("", nodes.paragraph(text=value))
        body += row
    section += table
    document += section
    return document


def test_text_from_the_data_stays_literal_in_the_markdown():
    found = reader_markdown.blocks(_hostile_page(), reader_markdown.Page(number=lambda n: None, label=lambda k: "%s"))
    markdown = "\n\n".join(block.markdown for block in found)
    assert "{glue" not in markdown and "<script" not in markdown
    html = MARKDOWN.render(markdown)
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.select("script, em, strong, a, img, code, s, h2, h3, ol, ul, blockquote"), html
    assert soup.find("h1").get_text() == "Heading " + HOSTILE[0]
    paragraphs = [" ".join(p.get_text().replace("\\$", "$").split()) for p in soup.select("p")]
    assert paragraphs == HOSTILE, paragraphs
    cells = [" ".join(td.get_text().replace("\\$", "$").split()) for td in soup.select("tbody td:nth-child(2)")]
    assert cells == HOSTILE, cells
    # MathJax typesets what is left between dollar signs: every dollar reaches it escaped.
    assert not re.search(r"(?<!\\)\$", soup.get_text()), soup.get_text()


# ------------------------------------------------------------------ a figure in a reader's kernel and in the book


@pytest.fixture
def chart():
    return two_points()


@pytest.fixture
def figure(chart):
    return render.Figure(desktop=chart, phone=chart.properties(width=300), table=pd.DataFrame({"Hour": [7, 9]}),
                         name="fig-test-points")


def _shown(obj) -> dict:
    """What IPython displays for an object: every MIME type of its bundle."""
    from IPython.core.formatters import DisplayFormatter

    return DisplayFormatter().format(obj)[0]


def test_in_a_readers_kernel_a_figure_and_a_chart_show_as_vega_lite_and_svg(monkeypatch, figure, chart):
    monkeypatch.delenv(reader.BOOK_ENVIRONMENT, raising=False)
    for shown in (_shown(figure), _shown(chart)):
        versions = [m for m in shown if VEGA_LITE.fullmatch(m)]
        assert versions == [f"application/vnd.vegalite.v{alt.SCHEMA_VERSION[1:].split('.')[0]}+json"], sorted(shown)
        spec = shown[versions[0]]
        assert spec["mark"] == chart.to_dict()["mark"] and spec["datasets"] == chart.to_dict()["datasets"]
        assert "width" not in spec or spec["width"] != 300, "the reader sees the desktop layout"
        assert shown["image/svg+xml"].lstrip().startswith("<svg") and render.MIME not in shown


def test_when_the_book_executes_a_chapter_a_figure_is_the_payload_it_draws(monkeypatch, figure, chart):
    monkeypatch.setenv(reader.BOOK_ENVIRONMENT, "1")
    for shown in (_shown(figure), _shown(chart)):
        assert render.MIME in shown and not any(VEGA_LITE.fullmatch(m) for m in shown), sorted(shown)
        assert "image/svg+xml" not in shown


@pytest.mark.parametrize("mode", ["reader", "book"])
def test_glue_figure_and_show_display_the_figure_where_nothing_pastes_it(monkeypatch, figure, mode):
    from kadiz import book

    if mode == "book":
        monkeypatch.setenv(reader.BOOK_ENVIRONMENT, "1")
    else:
        monkeypatch.delenv(reader.BOOK_ENVIRONMENT, raising=False)
    shown, glued, exported = [], [], []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    monkeypatch.setattr("myst_nb.glue", lambda name, obj, display: glued.append(name))
    monkeypatch.setattr(render, "export", lambda fig: exported.append(fig.name) or fig)
    book.glue_figure("fig-timeline-test", figure)
    book.show(figure)
    names = [obj.name for obj in shown]
    if mode == "book":
        assert glued == exported == ["fig-timeline-test"] and names == ["fig-test-points"]
    else:
        # The reader's kernel shows the glued figure in the cell and leaves the report's figures/ alone.
        assert glued == exported == [] and names == ["fig-timeline-test", "fig-test-points"]


# ------------------------------------------------------------------ `make lab`


def test_make_lab_serves_the_teachers_reader_notebooks(tmp_path):
    """What `make lab` runs once the book is built: a JupyterLab server on loopback whose contents are the teacher's
    reader notebooks, copied into a folder of their own."""
    import socket
    import subprocess
    import time
    import urllib.request

    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert "scripts/lab.py" in recipe, recipe
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    server = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "lab.py"), "--folder", str(tmp_path),
                               "--no-browser", f"--ServerApp.port={port}", "--IdentityProvider.token=check"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        listing, deadline = None, time.monotonic() + 120
        while listing is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents?token=check", timeout=5) as answer:
                    listing = json.load(answer)
            except OSError:
                time.sleep(0.5)
        assert listing is not None, "JupyterLab did not answer"
        assert sorted(item["name"] for item in listing["content"]) == [f"{c}.ipynb" for c in CHAPTERS]
        url = f"http://127.0.0.1:{port}/api/contents/timeline.ipynb?token=check"
        with urllib.request.urlopen(url, timeout=30) as answer:
            served = json.load(answer)["content"]
        offered = nbformat.read(SITE / "_sources" / "chapters" / "timeline.ipynb", as_version=4)
        assert [c["source"] for c in served["cells"]] == [c.source for c in offered.cells]
    finally:
        server.terminate()
        server.wait(timeout=30)

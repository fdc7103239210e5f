"""The PDF read as a printed report: what each page says (tests/pdf_words.py), in both editions."""

from __future__ import annotations

import html
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from kadiz.paths import ROOT
from tests import pdf_words
from tests.built import PDF, SITE, STUDENT_PDF, STUDENT_SITE, site_pages
from tests.chapter_words import OPTION, PLAIN_WORDS, ROLE
from tests.chart_specs import codes_in

sys.path.insert(0, str(ROOT / "_ext"))
import citation  # noqa: E402  (the report's version, as the build reads it)

EDITIONS = {"teacher": (PDF, "Teacher's edition"), "student": (STUDENT_PDF, "Student edition")}
SITES = {"teacher": SITE, "student": STUDENT_SITE}
TEX = ROOT / "_build" / "latex" / "kadiz-report.tex"
BACK_MATTER = ["chapters/rubric", "chapters/glossary", "chapters/bibliography", "chapters/how-to-cite",
               "chapters/data", "chapters/changes"]
EXERCISE = re.compile(r"^(`{3,}|:{3,})\{exercise\}[^\n]*\n(.*?)^\1\s*$", re.M | re.S)


def pages(pdf: Path) -> tuple[str, ...]:
    """The text of every page, in order, a printed line to a line."""
    if not pdf.is_file():
        pytest.fail(f"{pdf} is not built: run `make book`")
    return tuple(page.text for page in pdf_words.read(pdf))


def _joined(text: str) -> str:
    """Page text with words broken at line ends joined, and whitespace normalised."""
    return " ".join(re.sub(r"(\w)-\n\s*(\w)", r"\1\2", text).split())


def _title(md_page: str) -> str:
    text = (ROOT / f"{md_page}.md").read_text(encoding="utf-8")
    return next(line[2:].strip() for line in text.splitlines() if line.startswith("# "))


def _contents(pdf: Path) -> str:
    """The contents: from the page headed so, through the pages numbered in roman numerals."""
    text = pages(pdf)
    start = next(n for n, p in enumerate(text) if p.strip().lower().startswith("contents"))
    end = start
    while end < len(text) and re.fullmatch(r"[ivx]+", (text[end].strip().splitlines() or [""])[-1].strip()):
        end += 1
    return "\n".join(text[start:max(end, start + 1)])


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_page_is_blank(edition):
    blank = [n for n, text in enumerate(pages(EDITIONS[edition][0]), 1) if not text.strip()]
    assert not blank, f"blank pages: {blank}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_cross_reference_prints_its_target(edition):
    # LaTeX prints "??" for a reference whose label it never met (a {numref} to a box that has no number in print).
    unresolved = [f"p. {n}: {line.strip()}" for n, text in enumerate(pages(EDITIONS[edition][0]), 1)
                  for line in text.splitlines() if "??" in line]
    assert not unresolved, "references printed as ??:\n" + "\n".join(unresolved)


EMPTY_BOX = re.compile(r"\\begin\{sphinxVerbatim\}(?:\[[^\]]*\])?\s*\\end\{sphinxVerbatim\}")


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_empty_box_is_printed(edition):
    # An output with nothing to print (the records page's ClaimReview markup, for machines on the site) printed as
    # an empty grey code box; pdftotext finds no words in it, so the LaTeX the PDF is made from is read.
    tex = EDITIONS[edition][0].with_suffix(".tex").read_text(encoding="utf-8")
    boxes = [tex[:m.start()].count("\n") + 1 for m in EMPTY_BOX.finditer(tex)]
    assert not boxes, f"empty boxes at lines {boxes} of {EDITIONS[edition][0].with_suffix('.tex')}"


UNDEFINED_LINK = re.compile(r"Hyper reference `([^']+)' on page (\d+)")


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_link_has_a_place_to_go(edition):
    # A link whose target has no label in the PDF prints as plain words and goes nowhere, without "??" to show it
    # (a link to a verdict box from the changes chapter); only LaTeX's log names it. Its lines wrap at 79 characters.
    log = EDITIONS[edition][0].with_suffix(".log").read_text(encoding="utf-8", errors="replace").replace("\n", "")
    undefined = [f"p. {page}: {label}" for label, page in UNDEFINED_LINK.findall(log)]
    assert not undefined, "links that go nowhere:\n" + "\n".join(undefined)


@pytest.mark.parametrize("edition", EDITIONS)
def test_title_page_names_the_version_and_the_edition(edition):
    pdf, name = EDITIONS[edition]
    version, _ = citation.latest_release(ROOT)
    title = " ".join(pages(pdf)[0].split())
    assert f"Version {version}" in title
    assert name in title
    other = {"teacher": "Student edition", "student": "Teacher's edition"}[edition]
    assert other not in title


@pytest.mark.parametrize("edition", EDITIONS)
def test_contents_page_is_headed_contents(edition):
    # The heading is set in capitals, as every chapter heading is.
    assert _contents(EDITIONS[edition][0]).strip().splitlines()[0].strip().lower() == "contents"


@pytest.mark.parametrize("edition", EDITIONS)
def test_back_matter_is_not_numbered_as_chapters(edition):
    contents = _contents(EDITIONS[edition][0])
    # The report's chapters are numbered: the introduction is chapter 1.
    assert re.search(r"^\s*1\s+Introduction", contents, re.M), contents[:500]
    for page in BACK_MATTER:
        title = _title(page)
        assert re.search(rf"^\s*{re.escape(title)}\b", contents, re.M), f"{title} is not in the contents"
        assert not re.search(rf"^\s*\d+\s+{re.escape(title)}\b", contents, re.M), f"{title} is numbered"


CAPTION = re.compile(r'<span class="caption-number">([^<]+?)\s*</span><span class="caption-text">(.*?)</span>', re.S)


def site_captions(site: Path) -> list[tuple[str, str]]:
    """(number, first words) of every figure and table caption of a site, as "Table 2.1" and "The events of"."""
    captions = []
    for page in site_pages(site):
        for number, text in CAPTION.findall(page.read_text(encoding="utf-8")):
            words = html.unescape(re.sub(r"<[^>]+>", "", text)).split()[:3]
            captions.append((number, " ".join(words)))
    return captions


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_figure_and_table_prints_with_the_number_the_site_gives_it(edition):
    """A class may read the site and the PDF side by side: "Table 2" on the site's list of changes is "Table 2" in
    print too, not a number that runs on from the last chapter's tables."""
    pdf, _ = EDITIONS[edition]
    captions = site_captions(SITES[edition])
    assert len(captions) > 20
    whole = _joined("\n".join(pages(pdf)))
    missing = [f"{number}: {words}" for number, words in captions if f"{number}: {words}" not in whole]
    assert missing == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_sources_are_listed_in_the_sources_chapter_by_author_and_year(edition):
    text = pages(EDITIONS[edition][0])
    whole = _joined("\n".join(text))
    assert "printed at the end of the report" not in whole
    assert not re.search(r"^\s*Bibliography\b", _contents(EDITIONS[edition][0]), re.M)
    # The chapter heading is a line of its own, in capitals.
    start = next(n for n, p in enumerate(text) if "sources" in (line.strip().lower() for line in p.splitlines())
                 and not p.strip().lower().startswith("contents"))
    sources = _joined(text[start])
    # The intro and the list begin on one page; labels read as the text cites: "[Salmon, 2022]", not "[Sal22]".
    assert "Titles in square brackets" in sources
    assert re.search(r"\[[^\]]+, \d{4}[a-z]?\]", sources)
    assert "[Salmon, 2022]" in whole
    assert not re.search(r"\[[A-Z][A-Za-z]{1,3}\d{2}[a-z]?\]", whole)


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("words", ["hovering", "hover over", "mouse wheel", "double-click", "click on", "narrow screen",
                                   "wide screen"])
def test_no_instructions_for_the_screen(edition, words):
    assert words not in _whole(EDITIONS[edition][0])


@lru_cache(maxsize=None)
def _whole(pdf: Path) -> str:
    """The whole PDF as one lower-case line of text."""
    return _joined("\n".join(pages(pdf))).lower()


def _numbered_chapters() -> list[Path]:
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    numbered = toc.split("numbered: true", 1)[1].split("- caption:", 1)[0]
    return [ROOT / f"{name}.ipynb" for name in re.findall(r"file: (\S+)", numbered)]


def exercises() -> list[tuple[str, str]]:
    """("Exercise 3.2", the last stretch of plain words of its text) for every exercise of the chapters."""
    found = []
    for number, notebook in enumerate(_numbered_chapters(), 1):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        for index, match in enumerate(EXERCISE.finditer(markdown), 1):
            body = " ".join(ROLE.sub("|", OPTION.sub("", match[2])).split())
            last = [p for p in PLAIN_WORDS.findall(body) if len(p) >= 12]
            if last:
                found.append((f"Exercise {number}.{index}", last[-1]))
    return found


@pytest.mark.parametrize("edition", EDITIONS)
def test_exercise_boxes_are_not_split_across_pages(edition):
    text = [_joined(p) for p in pages(EDITIONS[edition][0])]
    boxes = exercises()
    assert len(boxes) >= 6
    split = []
    for title, ending in boxes:
        starts = [n for n, p in enumerate(text) if re.search(rf"(?<!Solution to ){re.escape(title)}\b(?!\.\d)", p)
                  and not p.startswith("Contents")]
        ends = [n for n, p in enumerate(text) if ending in p]
        assert starts and ends, f"{title} or its last words ({ending!r}) not found"
        if not any(e == s for s in starts for e in ends):
            split.append(title)
    assert not split, f"exercise boxes split across pages: {split}"


def _table_header_words() -> set[str]:
    tex = TEX.read_text(encoding="utf-8").split("\\begin{document}", 1)[1]
    cells = re.findall(r"\\sphinxstyletheadfamily\s*(?:\\sphinxAtStartPar\s*)?([^&]{1,200}?)(?:&|\\\\)", tex)
    return {w for cell in cells for w in re.findall(r"[A-Za-z]{5,}", re.sub(r"\\[a-zA-Z]+", " ", cell))}


def hyphenated_headers(page_text: str, header_words: set[str]) -> set[str]:
    """Header words broken by a hyphen in the lines that follow a table's caption ("Table 3.1: ..."): the
    header row. In pdftotext's layout the rest of a broken word sits on the next line of the same column, so
    a broken word shows as a piece ending in "-" that begins a header word."""
    lines = page_text.splitlines()
    broken = set()
    for n, line in enumerate(lines):
        if re.match(r"\s*Table \d+\.\d+:", line):
            for piece in re.findall(r"([A-Za-z]{2,})-(?=\s|$)", "\n".join(lines[n + 1:n + 10])):
                broken |= {w for w in header_words if w.startswith(piece) and len(w) > len(piece)}
    return broken


def test_hyphenated_headers_are_found_in_the_header_row_only():
    page = "Table 3.1: Point by point\n  Point     Confi-   Count\n            dence\nText with confi-\ndence\n"
    assert hyphenated_headers(page, {"Confidence", "Point"}) == {"Confidence"}
    assert hyphenated_headers(page.replace("Confi-", "Confidence").replace("dence\nText", "\nText"),
                              {"Confidence"}) == set()


def test_table_headers_are_not_hyphenated():
    words = _table_header_words()
    assert len(words) >= 10, f"too few table headers found in {TEX.name}: {words}"
    broken = {w for text in pages(PDF) for w in hyphenated_headers(text, words)}
    assert not broken, f"table headers hyphenated: {sorted(broken)}"


def test_columns_are_widened_to_their_longest_word_from_the_columns_with_room():
    import print_tables

    # Given 1% and 99%: the bold header word "Confidence" needs 10 x 1.25 + 2 = 14.5 characters of the 95 of a
    # line, instead of 0.95; the 13.55 it gains come from the other column, whose own need is 5 x 1.25 + 2.
    assert print_tables.column_widths(["Confidence", "Event"], [["high", "Korean War"]], [1, 99]) == [145, 805]
    # A column with room to spare keeps the chapter's width.
    assert print_tables.column_widths(["No.", "Event"], [["1", "Korean War"]], [20, 80]) == [190, 760]


def test_a_table_whose_whole_values_do_not_fit_is_set_smaller():
    import print_tables

    date, days = "18\xa0November\xa02022", "12\xa0days"
    # Two columns fit at the body's size.
    assert print_tables.font_size(["Patrol", "Date"], [["no. 5", date]])[0] == ""
    # Seven columns, three of whole dates (16 x 1.2 + 2 = 21.2 characters each) and three of gaps, need about
    # 104 of a line's 95 characters: the table is set smaller, where a line holds more of them.
    header = ["Patrol", "Date", "Last launch before", "Days before", "First launch after", "Days after",
              "Nearest launch"]
    command, line = print_tables.font_size(header, [["no. 5", date, date, days, date, days, days]])
    assert command and line >= sum(print_tables.word_needs(header, [["no. 5", date, date, days, date, days, days]]))


# TeX reports each line it had to set wider than the text block; a few points is a word that could not quite fit,
# more is text running into the margin or off the page (a long box title, a web address, a table cell).
OVERFULL = re.compile(r"^Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\)", re.M)
MARGIN_PT = 3.0


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_line_runs_into_the_margin(edition):
    log = EDITIONS[edition][0].with_suffix(".log")
    widths = [float(w) for w in OVERFULL.findall(log.read_text(encoding="utf-8", errors="replace"))]
    assert [w for w in widths if w > MARGIN_PT] == [], f"{log}: lines set wider than the page by more than {MARGIN_PT} pt"


def test_no_code_of_the_data_is_printed_where_words_belong():
    # The back matter may name codes where it explains them (the changelog quotes "not-about-it" as a code that
    # no longer reaches readers); the chapters, their tables and their charts print words.
    explained = "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "CHANGELOG.md", *(
        ROOT / f"{page}.md" for page in BACK_MATTER)])
    # A "try it" cell's listing is code, and so is the value an exercise asks the reader to type into it
    # (STANCE = "not-coordinated"): the codes that the chapters' code cells name may print as code.
    typed = "\n".join("".join(cell["source"]) for notebook in (ROOT / "chapters").glob("*.ipynb")
                      for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
                      if cell["cell_type"] == "code")
    allowed = set(codes_in(explained)) | set(codes_in(typed))
    for edition, (pdf, _) in EDITIONS.items():
        printed = set(codes_in(_joined("\n".join(pages(pdf)))))
        assert printed - allowed == set(), f"{edition} PDF prints codes of the data"

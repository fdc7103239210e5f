"""The PDF as a printer and a reader of the printed pages see it, in both editions: every word inside the text block
or on the running head and foot (each one line), no word printed over another, chapters that open with their text,
figures beside the text that cites them, no line of a word or two stranded at a page's end or under a figure, and
no page left largely white but a chapter's last.

The text block is the one `_config.yml` sets (latex_elements.geometry), read from there; the words and their boxes
come from tests/pdf_words.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

import pytest
import yaml
from bs4 import BeautifulSoup

from kadiz.paths import ROOT
from tests.built import PDF, SITE, STUDENT_PDF, STUDENT_SITE, site_pages
from tests.chapter_words import OPTION, PLAIN_WORDS, ROLE
from tests.pdf_words import Page, Word, read

EDITIONS = {"teacher": PDF, "student": STUDENT_PDF}
# PostScript points (pdftotext's unit) in each unit of a LaTeX length.
POINTS = {"in": 72.0, "bp": 1.0, "pt": 72 / 72.27, "mm": 72 / 25.4, "cm": 72 / 2.54}
# A word's box reaches a little past the line it is set on: below by its font's descent (more for the monospace
# of file names), sideways by what TeX lets a line overrun (test_pdf.MARGIN_PT).
DESCENT = 4.0
SLACK = 3.0
NUMERALS = ["ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN"]
CAPTION = re.compile(r"(\d+\.\d+):$")
REFERENCE = re.compile(r"(\d+\.\d+)\b")


@dataclass(frozen=True)
class Layout:
    """The page's geometry as set for LaTeX, in PostScript points."""

    left: float
    right: float
    top: float
    bottom: float
    headheight: float
    headsep: float
    footskip: float

    def block(self, page: Page) -> tuple[float, float, float, float]:
        """The text block: left, top, right, bottom."""
        return self.left, self.top, page.width - self.right, page.height - self.bottom

    def place(self, page: Page, word: Word) -> str:
        """Where a word sits: in the text block, on the running head (above its rule) or foot (the one line below
        its rule), between the edges of the block; or "outside"."""
        left, top, right, bottom = self.block(page)
        if word.x0 < left - SLACK or word.x1 > right + SLACK:
            return "outside"
        if word.y0 >= top - SLACK and word.y1 <= bottom + DESCENT:
            return "block"
        # Anything above the head's rule and on the paper is the head (that it is one line is a test of its own).
        if word.y0 >= 0 and word.y1 <= top - self.headsep + DESCENT:
            return "head"
        foot_base = bottom + self.footskip
        if word.y0 >= foot_base - self.headheight - SLACK and word.y1 <= foot_base + DESCENT:
            return "foot"
        return "outside"


def parse_geometry(line: str) -> Layout:
    """The Layout of a \\usepackage[...]{geometry} line (hmargin and vmargin set both sides)."""
    options = dict(re.findall(r"(\w+)=([\d.]+(?:in|bp|pt|mm|cm))", line))
    for both, sides in {"hmargin": ("left", "right"), "vmargin": ("top", "bottom"),
                        "margin": ("left", "right", "top", "bottom")}.items():
        for side in sides:
            options.setdefault(side, options.get(both))
    lengths = {}
    for name in Layout.__dataclass_fields__:
        value = re.fullmatch(r"([\d.]+)(\w+)", options[name])
        lengths[name] = float(value[1]) * POINTS[value[2]]
    return Layout(**lengths)


@lru_cache(maxsize=None)
def layout() -> Layout:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return parse_geometry(config["sphinx"]["config"]["latex_elements"]["geometry"])


def test_geometry_is_read_in_points():
    page = Page(1, 595.28, 841.89, ())
    found = parse_geometry(r"\usepackage[hmargin=1in,vmargin=25.4mm,headheight=72.27pt,headsep=2bp,footskip=1cm]{x}")
    assert found.block(page) == pytest.approx((72, 72, 523.28, 769.89))
    assert (found.headheight, found.headsep, found.footskip) == pytest.approx((72, 2, 72 / 2.54))


def pages(edition: str) -> tuple[Page, ...]:
    pdf = EDITIONS[edition]
    if not pdf.is_file():
        pytest.fail(f"{pdf} is not built: run `make book`")
    return read(pdf)


def body_lines(page: Page) -> list[tuple[Word, ...]]:
    """The lines of the text block (no running head or foot)."""
    return [line for line in page.lines if all(layout().place(page, w) == "block" for w in line)]


def _where(page: Page, words) -> str:
    return f"p. {page.number}: " + " ".join(f"{w.text!r}@({w.x0:.0f},{w.y0:.0f})" for w in words)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_word_is_inside_the_text_block_or_on_the_running_head_or_foot(edition):
    stray = []
    for page in pages(edition):
        outside = [w for w in page.words if layout().place(page, w) == "outside"]
        if outside:
            stray.append(_where(page, outside[:6]))
        # The foot is one line: a table run down into it prints its rows over the foot and page number.
        foot = [w for w in page.words if layout().place(page, w) == "foot"]
        if len({round(w.y1) for w in foot}) > 1:
            stray.append(_where(page, foot[:8]) + " (on the foot)")
    assert not stray, "printed outside the text block:\n" + "\n".join(stray)


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_word_is_printed_over_another(edition):
    over = []
    for page in pages(edition):
        words = sorted(page.words, key=lambda w: w.y0)
        for n, word in enumerate(words):
            for other in words[n + 1:]:
                if other.y0 >= word.y1:
                    break
                if word.overlaps(other):
                    over.append(_where(page, [word, other]))
    assert not over, "words printed over words:\n" + "\n".join(over[:20])


# LaTeX breaks a line of code too long for the page and starts its rest with this arrow (_ext/report_latex.py).
CONTINUED = "\u2192"


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_line_of_code_breaks_in_print(edition):
    broken = [_where(page, list(line)) for page in pages(edition) for line in page.lines
              if line[0].text.startswith(CONTINUED)]
    assert not broken, "code lines broken over two printed lines, continued at:\n" + "\n".join(broken[:20])


@pytest.mark.parametrize("edition", EDITIONS)
def test_running_head_is_one_line(edition):
    wrapped = []
    for page in pages(edition):
        top = layout().block(page)[1]
        head = [w for w in page.words if w.y1 < top - SLACK]
        if len({round(w.y0) for w in head}) > 1:
            wrapped.append(_where(page, head[-4:]))
    assert not wrapped, "running head on more than one line:\n" + "\n".join(wrapped[:10])


def chapter_openers(edition: str) -> dict[int, Page]:
    """The page on which each numbered chapter begins ("CHAPTER" and its number in words), by number."""
    openers = {}
    for page in pages(edition):
        words = [w.text for w in page.words]
        for n, text in enumerate(words[:-1]):
            if text == "CHAPTER" and words[n + 1] in NUMERALS:
                openers.setdefault(NUMERALS.index(words[n + 1]) + 1, page)
    return openers


def _numbered_chapters() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    part = next(p for p in toc["parts"] if p.get("numbered"))
    return [c["file"] for c in part["chapters"]]


def opening_words(chapter: str) -> str:
    """The first words of prose under a chapter's title: its first stretch of plain words of a dozen letters or more
    (roles, directive fences and options left out)."""
    cells = json.loads((ROOT / f"{chapter}.ipynb").read_text(encoding="utf-8"))["cells"]
    markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    body = markdown.split("\n", 1)[1]  # under the "# Title" line
    body = "\n".join(line for line in OPTION.sub("", ROLE.sub("|", body)).splitlines()
                     if not re.match(r"\s*(`{3,}|:{3,})", line))
    return next(p for p in PLAIN_WORDS.findall(body) if len(p) >= 12)


def _joined(page: Page) -> str:
    """A page's body text on one line, words broken at a line's end joined."""
    text = "\n".join(" ".join(w.text for w in line) for line in body_lines(page))
    return " ".join(re.sub(r"(\w)-\n(\w)", r"\1\2", text).split())


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_chapter_opens_with_its_text(edition):
    openers = chapter_openers(edition)
    chapters = _numbered_chapters()
    assert sorted(openers) == list(range(1, len(chapters) + 1)), f"chapter openings found: {sorted(openers)}"
    bare = [f"chapter {n} (p. {openers[n].number}) lacks {opening_words(c)!r}"
            for n, c in enumerate(chapters, 1) if opening_words(c) not in _joined(openers[n])]
    assert not bare, "chapters opening on a page with their title only:\n" + "\n".join(bare)


def figure_pages(edition: str) -> dict[str, tuple[int, int | None]]:
    """For every figure, by number ("2.2"): the page of its caption and the page of its first reference in the
    text from the start of its own chapter on ("Fig. 2.2" or "Figure 2.2"; a forward pointer from an earlier chapter
    is not where a reader meets it), or None."""
    openers = {n: p.number for n, p in chapter_openers(edition).items()}
    words = [(page.number, w.text) for page in pages(edition) for line in body_lines(page) for w in line]
    captions, references = {}, {}
    for n, (number, text) in enumerate(words[:-1]):
        text = text.lstrip("([")
        if text not in ("Fig.", "Figure"):
            continue
        following = words[n + 1][1]
        if (caption := CAPTION.match(following)) and text == "Fig.":
            captions.setdefault(caption[1], number)
        elif reference := REFERENCE.match(following):
            figure = reference[1]
            chapter = int(figure.split(".")[0])
            if number >= openers.get(chapter, 0):
                references.setdefault(figure, number)
    return {figure: (page, references.get(figure)) for figure, page in captions.items()}


def too_far(figures: dict[str, tuple[int, int | None]]) -> list[str]:
    """Figures printed before the page of their first reference or after the next page."""
    return [f"Fig. {figure} on p. {page}, first cited on p. {cited}" for figure, (page, cited) in figures.items()
            if cited is not None and not 0 <= page - cited <= 1]


def test_a_figure_belongs_on_the_page_of_its_first_reference_or_the_next():
    assert too_far({"5.2": (44, 43), "5.3": (44, 44), "6.1": (50, None)}) == []
    assert too_far({"5.3": (45, 43)}) == ["Fig. 5.3 on p. 45, first cited on p. 43"]
    assert too_far({"5.1": (32, 33)}) == ["Fig. 5.1 on p. 32, first cited on p. 33"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_figure_is_printed_on_the_page_of_its_first_reference_or_the_next(edition):
    figures = figure_pages(edition)
    assert len(figures) >= 8, f"figures found: {sorted(figures)}"
    far = too_far(figures)
    assert not far, "figures away from their first reference:\n" + "\n".join(far)


def stranded_lines(page: Page) -> list[str]:
    """Lines of one or two words standing alone (a gap of more than a line's height above and below, or the page's
    end below) at the end of the page, or directly under a figure's caption."""
    lines = body_lines(page)
    found = []
    in_caption = False
    for n, line in enumerate(lines):
        height = max(w.y1 - w.y0 for w in line)
        above = line[0].y0 - max(w.y1 for w in lines[n - 1]) if n else None
        below = min(w.y0 for w in lines[n + 1]) - line[0].y1 if n + 1 < len(lines) else None
        after_caption = in_caption and above is not None and above > height
        alone = (above is None or above > height) and (below is None or below > height)
        if len(line) <= 2 and alone and (n == len(lines) - 1 or after_caption):
            found.append(_where(page, line))
        if len(line) > 1 and line[0].text == "Fig." and CAPTION.match(line[1].text):
            in_caption = True
        elif above is not None and above > height:
            in_caption = False
    return found


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_short_line_is_stranded(edition):
    stranded = [s for page in pages(edition)[2:] for s in stranded_lines(page)]
    assert not stranded, "lines of a word or two left alone:\n" + "\n".join(stranded)


HEADING = re.compile(r"\d+(\.\d+)+")
# Lines a heading needs under it on its page: a heading over less is read as the last thing on the page.
UNDER_HEADING = 2


def headings_at_foot(page: Page) -> list[str]:
    """Numbered section headings ("7.6 Check your understanding") with fewer than UNDER_HEADING lines under them
    at the end of the page."""
    lines = body_lines(page)
    return [_where(page, line) for n, line in enumerate(lines)
            if len(line) > 1 and HEADING.fullmatch(line[0].text) and line[1].text[:1].isupper()
            and len(lines) - n - 1 < UNDER_HEADING]


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_heading_is_left_at_a_pages_foot(edition):
    first_chapter = min(chapter_openers(edition).values(), key=lambda p: p.number).number
    alone = [h for page in pages(edition)[first_chapter - 1:] for h in headings_at_foot(page)]
    assert not alone, "headings at the foot of a page, their text overleaf:\n" + "\n".join(alone)


# A page of floats is made only when they fill four fifths of it (the LaTeX preamble); a text page runs to its foot.
FILLED = 2 / 3


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_page_is_left_largely_white_but_a_chapters_last(edition):
    """A page whose body (first printed line to last) spans less than two thirds of the text block: a figure alone
    in the middle of its page, or text cut short, unless the next page opens a chapter (it has no running head)."""
    printed = pages(edition)
    opens = [not any(layout().place(p, w) == "head" for w in p.words) for p in printed]
    first_chapter = min(chapter_openers(edition).values(), key=lambda p: p.number).number
    white = []
    for page, next_opens in zip(printed[first_chapter:], opens[first_chapter + 1:] + [True]):
        lines = body_lines(page)
        _, top, _, bottom = layout().block(page)
        used = (max(w.y1 for w in lines[-1]) - min(w.y0 for w in lines[0])) / (bottom - top) if lines else 0
        if used < FILLED and not next_opens:
            white.append(f"p. {page.number}: {used:.0%} used, ending {' '.join(w.text for w in lines[-1])[:40]!r}")
    assert not white, "pages left largely white:\n" + "\n".join(white)



MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def hyphenated_months(page: Page) -> list[str]:
    """Month names broken over two lines ("Novem-" above "ber"), in running text or in a table's column."""
    found = []
    for word in page.words:
        if not (word.text.endswith("-") and word.text[:-1].isalpha()):
            continue
        height = word.y1 - word.y0
        below = [w for w in page.words if abs(w.x0 - word.x0) < 40 and 0 < w.y0 - word.y0 < 1.8 * height]
        if any(word.text[:-1] + w.text.rstrip(",.;") in MONTHS for w in below):
            found.append(_where(page, [word]))
    return found


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_date_is_hyphenated(edition):
    # The site keeps a date whole (kadiz.words.whole); the PDF prints it whole too, or breaks it at its spaces.
    broken = [h for page in pages(edition) for h in hyphenated_months(page)]
    assert not broken, "month names hyphenated:\n" + "\n".join(broken)


TABLE_CONTINUED = re.compile(r"Table (\d+(?:\.\d+)?) – continued from previous page")
# A table of this many rows or more that breaks across pages leaves at least two rows on each side of the break.
ROWS_TOGETHER = 2


@lru_cache(maxsize=None)
def table_first_words(edition: str) -> dict[str, list[str]]:
    """The first word of each body row of every numbered table, by the table's number, as the site shows them."""
    first = {}
    for path in site_pages({"teacher": SITE, "student": STUDENT_SITE}[edition]):
        for table in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select("table"):
            number = table.select_one("caption .caption-number")
            if number is not None:
                first[number.get_text().split()[-1]] = [row.find(["td", "th"]).get_text().split()[0]
                                                        for row in table.select("tbody tr")]
    return first


def caption_line(lines, number: str) -> int | None:
    """The index of the line that opens table `number`'s caption ("Table 5.2: ..."), if it is among `lines`."""
    return next((i for i, line in enumerate(lines) if line[0].text == "Table" and len(line) > 1
                 and line[1].text == f"{number}:"), None)


def rows_begun(lines, after: int, left: float, starts: set[str]) -> int:
    """How many of a table's rows begin on the page below line `after`: lines set at the table's left edge that
    open with the first word of one of its rows (a cell's second line opens with its own words, or further in)."""
    return sum(1 for line in lines[after + 1:] if abs(line[0].x0 - left) < 1 and line[0].text in starts)


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_table_broken_across_pages_keeps_two_rows_on_each_side(edition):
    split = []
    all_pages = pages(edition)
    for page in all_pages:
        lines = body_lines(page)
        for n, line in enumerate(lines):
            found = TABLE_CONTINUED.fullmatch(" ".join(w.text for w in line))
            if not found or len(rows := table_first_words(edition)[found[1]]) < 2 * ROWS_TOGETHER:
                continue
            header, starts = lines[n + 1], set(rows)
            after = rows_begun(lines, n + 1, header[0].x0, starts)
            before_page = all_pages[page.number - 2]
            before_lines = body_lines(before_page)
            caption = caption_line(before_lines, found[1])
            # The rows above the break: below the table's header on the page where it starts (a table that runs
            # over three pages fills the middle one).
            before = (rows_begun(before_lines, caption, header[0].x0, starts) if caption is not None
                      else ROWS_TOGETHER)
            if caption_line(lines[n:], found[1]) is not None:
                # The page before holds nothing of the table but the note that it continues.
                split.append(f"Table {found[1]}: begins on p. {page.number} under its own continued header")
            elif after < ROWS_TOGETHER or before < ROWS_TOGETHER:
                split.append(f"Table {found[1]}: {before} row(s) on p. {before_page.number}, {after} on p. "
                             f"{page.number}")
    assert not split, "tables that leave a row alone across a page break:\n" + "\n".join(split)

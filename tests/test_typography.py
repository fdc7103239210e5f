"""The report's typography, as a reader meets it on the site (both editions), in chart text and in the PDF.

* A range of days or years takes an en dash ("23–24 March", "2019–2025"), never a hyphen.
* A percentage sits on its number ("41%", not "41 %").
* A name with a hyphen, such as Tu-95, H-6 or KN-25 (every such name the data hold), never breaks at its
  hyphen: on the site it sits in a no-wrap span, in the PDF in a box LaTeX cannot break, and a chart's
  wrapped labels keep it whole. Its characters stay as written, so a search for "Tu-95" finds it.
* Every "Fig. N.M" or "Table N.M" the site or the PDF prints is a cross-reference resolved to that figure or
  table, never a number typed into the text (the corrections page included).
"""

from __future__ import annotations

import functools
import re

import pytest
from bs4 import BeautifulSoup

from kadiz.charts import theme
from kadiz.paths import DATA, ROOT
from kadiz.typography import html_nowrap
from tests import pdf_words
from tests.built import PDF, SITE, STUDENT_PDF, STUDENT_SITE, site_pages
from tests.chart_specs import figure_specs, walk
from tests.views import PHONE, visit_params

TEACHER_TEX = ROOT / "_build" / "latex" / "kadiz-report.tex"
STUDENT_TEX = ROOT / "_build" / "student" / "_build" / "latex" / "kadiz-report.tex"
EDITIONS = {"teacher": (SITE, PDF, TEACHER_TEX), "student": (STUDENT_SITE, STUDENT_PDF, STUDENT_TEX)}

# Two numbers joined by a hyphen, as a range of days or years is written: not part of a longer run of digits,
# hyphens, slashes or word characters (an ISO date "2026-11-26", an address ".../2022-12-01/...", a code
# "kbs-2022-03-23", a name "KN-25").
HYPHEN_RANGE = re.compile(r"(?<![\w./-])\d{1,4}-\d{1,4}(?![\w/-])")
SPACED_PERCENT = re.compile(r"(?<![\d.])\d+(?:\.\d+)?[ \u00a0\u202f]+%")
# A figure or table number as a reader reads it ("Fig. 2.3", "Figure 2.3", "Table 6.2").
NUMBERED = re.compile(r"\b(Fig\.|Figure|Table)\s+(\d+\.\d+)\b")


def _faults(text: str) -> list[str]:
    return [m.group() for m in HYPHEN_RANGE.finditer(text)] + [m.group() for m in SPACED_PERCENT.finditer(text)]


def _page_text(soup) -> str:
    soup = BeautifulSoup(str(soup), "html.parser")
    for element in soup(["script", "style", "svg", "head"]):
        element.decompose()
    # Text as the page shows it: a glued number and its "%" are separate elements with nothing between them.
    return " ".join(soup.get_text().split())


def _chart_strings(soup) -> list[str]:
    """Every string of every chart of a page (headlines, labels, tooltips, data) in both layouts."""
    strings = []
    for layouts in figure_specs(soup).values():
        for spec in filter(None, layouts.values()):
            strings += [node for node in walk(spec) if isinstance(node, str)]
    return strings


@functools.cache
def _soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@functools.cache
def _pdf_text(pdf) -> str:
    if not pdf.is_file():
        pytest.fail(f"{pdf} is not built: run `make book`")
    return pdf_words.text(pdf)


@functools.cache
def hyphenated_names() -> frozenset[str]:
    """The names with a hyphen that the data hold: aircraft (Tu-95, H-6) and missiles (KN-25, Hwasong-17)."""
    files = [*DATA.glob("*.csv"), *DATA.glob("external/*.csv"), *DATA.glob("external/nk-missile-tests/*.json")]
    names = set()
    for path in files:
        names |= set(re.findall(r"(?<![\w-])[A-Z][A-Za-z]{0,9}-\d+[A-Za-z]*(?![\w-])", path.read_text("utf-8")))
    return frozenset(names)


def _name_pattern() -> re.Pattern:
    names = sorted(hyphenated_names(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")")


# ------------------------------------------------------------------ dashes and percentages


def test_the_fault_patterns_find_what_they_name_and_nothing_else():
    assert _faults("on 23-24 March; patrols 2019-2025; 41 % of days") == ["23-24", "2019-2025", "41 %"]
    assert not _faults("on 23\u201324 March, 2019\u20132025, 41% of days, KN-25, 1.1.0 (2026-11-26), "
                       "https://news.cgtn.com/news/2022-12-01/x, kbs-2022-03-23-chinese-aircraft, c90000-20248933")


@pytest.mark.parametrize("edition", EDITIONS)
def test_pages_write_ranges_with_an_en_dash_and_percentages_unspaced(edition):
    site = EDITIONS[edition][0]
    faults = {}
    for page in site_pages(site):
        soup = _soup(page)
        found = _faults(_page_text(soup.body or soup)) + [f for s in _chart_strings(soup) for f in _faults(s)]
        if found:
            faults[page.relative_to(site).as_posix()] = sorted(set(found))
    assert not faults, f"hyphenated ranges or spaced percentages: {faults}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_pdf_writes_ranges_with_an_en_dash_and_percentages_unspaced(edition):
    found = _faults(_pdf_text(EDITIONS[edition][1]))
    assert not found, f"hyphenated ranges or spaced percentages in the PDF: {sorted(set(found))}"


# ------------------------------------------------------------------ names that keep their hyphen on one line


def test_the_data_hold_the_names_the_report_shows():
    assert {"Tu-95", "H-6", "KN-25", "Hwasong-17"} <= hyphenated_names()


def test_a_chart_data_cell_keeps_names_whole_and_hostile_text_inert():
    cell = html_nowrap('<img src=x onerror=alert(1)> two Tu-95s & an "H-6"')
    soup = BeautifulSoup(f"<td>{cell}</td>", "html.parser")
    assert soup.find("img") is None and soup.get_text() == '<img src=x onerror=alert(1)> two Tu-95s & an "H-6"'
    assert [s.get_text() for s in soup.select("span.nowrap")] == ["Tu-95s", "H-6"]


def test_chart_text_wrapping_keeps_a_name_whole():
    for name in hyphenated_names():
        lines = theme.wrap_px(f"two {name} bombers entered", 1)
        assert name in lines, (name, lines)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_name_with_a_hyphen_on_a_page_sits_in_a_nowrap_span(edition):
    site, pattern, loose = EDITIONS[edition][0], _name_pattern(), {}
    for page in site_pages(site):
        body = _soup(page).body
        for text in body.find_all(string=pattern) if body else []:
            if text.find_parent(["script", "style", "svg", "title", "textarea"]):
                continue
            held = text.find_parent(class_="nowrap")
            if held is None or pattern.sub("", held.get_text()).strip(" s"):
                loose.setdefault(page.relative_to(site).as_posix(), []).append(" ".join(text.split())[:80])
    assert not loose, f"names that may break at their hyphen: {loose}"


def _pages_with_names() -> list[str]:
    pattern = _name_pattern()
    return [p.relative_to(SITE).as_posix() for p in site_pages(SITE)
            if p.parent.name == "chapters" and pattern.search(_page_text(_soup(p).body or _soup(p)))]


# In a column one pixel wide, every name of the page is measured: its characters on one line or more.
_NAME_LINES_JS = r"""(pattern) => {
  const re = new RegExp(pattern, 'g');
  const root = document.querySelector('main') || document.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n);
  const found = [];
  for (const text of texts) {
    if (text.parentElement.closest('script, style, svg, .vega-embed')) continue;
    for (const match of text.data.matchAll(re)) {
      const block = text.parentElement.closest('p, li, td, th, dd, dt, figcaption, caption, h1, h2, h3, div');
      const old = block.getAttribute('style');
      block.style.width = block.style.maxWidth = '1px';
      block.style.minWidth = '0';
      const range = document.createRange();
      range.setStart(text, match.index);
      range.setEnd(text, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (old === null) block.removeAttribute('style'); else block.setAttribute('style', old);
      found.push({name: match[0], lines: tops.size, near: text.data.slice(Math.max(0, match.index - 20), match.index + 30)});
    }
  }
  return found;
}"""


@pytest.mark.parametrize("visit", visit_params(_pages_with_names(), PHONE), indirect=True)
def test_a_name_with_a_hyphen_never_breaks_in_a_narrow_column(visit):
    found = visit.page.evaluate(_NAME_LINES_JS, _name_pattern().pattern)
    shown = [f for f in found if f["lines"]]
    assert shown, f"no name with a hyphen is shown on {visit.path}"
    broken = [f for f in shown if f["lines"] > 1]
    assert not broken, f"names broken across lines in a narrow column: {broken[:5]} ({len(broken)} in all)"


def _tex(edition: str) -> str:
    """The LaTeX source of an edition's PDF."""
    tex = EDITIONS[edition][2]
    if not tex.is_file():
        pytest.fail(f"{tex} is not built")
    return tex.read_text(encoding="utf-8")


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_name_with_a_hyphen_in_the_pdf_is_set_in_an_unbreakable_box(edition):
    body = _tex(edition)
    body = body[body.index(r"\begin{document}"):].replace(r"\sphinxhyphen{}", "-")
    body = re.sub(r"\\index\{(?:[^{}]|\{[^{}]*\})*\}", "", body)  # index keys, never printed (no index)
    boxes = (r"\DUrole{nowrap}{", r"\mbox{")  # the second in titles, where Sphinx writes no \DUrole
    found = [" ".join(body[max(0, m.start() - 40):m.end() + 20].split()) for m in _name_pattern().finditer(body)
             if not body[:m.start()].endswith(boxes)]
    assert not found, f"names LaTeX may break at their hyphen: {found[:8]} ({len(found)} in all)"


# ------------------------------------------------------------------ figure and table numbers are references


def _target(site, page, href: str):
    """The element a link points at, on its own page or another."""
    address, _, anchor = href.partition("#")
    target = page if not address else (page.parent / address).resolve()
    if not target.is_file() or not anchor:
        return None
    return _soup(target).find(id=anchor)


def _caption_number(element) -> str | None:
    if element is None:
        return None
    number = element.select_one(".caption-number")
    match = number and re.search(r"\d+\.\d+", number.get_text())
    return match.group() if match else None


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_figure_and_table_number_on_a_page_is_a_reference_to_that_figure(edition):
    site, wrong = EDITIONS[edition][0], []
    for page in site_pages(site):
        main = _soup(page).select_one("main") or _soup(page).body
        for text in main.find_all(string=NUMBERED) if main else []:
            if text.find_parent(["script", "style"]) or text.find_parent(class_="caption-number"):
                continue
            link = text.find_parent("a", class_="reference")
            for match in NUMBERED.finditer(text):
                target = _caption_number(_target(site, page, link["href"])) if link and link.get("href") else None
                if target != match.group(2):
                    wrong.append((page.relative_to(site).as_posix(), match.group(), target))
    assert not wrong, f"figure or table numbers not referencing that figure (page, printed, target): {wrong}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_figure_and_table_number_in_the_pdf_is_made_by_a_reference(edition):
    body = _tex(edition)
    typed = [" ".join(body[max(0, m.start() - 60):m.end() + 20].split()) for m in NUMBERED.finditer(body)]
    assert not typed, f"figure or table numbers typed into the PDF's text: {typed}"


def test_the_corrections_page_names_figures_by_reference():
    page = SITE / "chapters" / "changes.html"
    links = _soup(page).select("main a.reference.internal")
    numbered = [a for a in links if NUMBERED.search(a.get_text())]
    assert numbered, "the corrections page names no figure by reference"
    for link in numbered:
        assert _caption_number(_target(SITE, page, link["href"])) == NUMBERED.search(link.get_text()).group(2)

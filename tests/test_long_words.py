"""Long unbroken text wraps inside its box on every screen: a 3,900-character token in a table of words, in a
chart's data table or in a glued quotation does not make the page scroll sideways (_static/long-words.css).

The token is put into the built page as the package writes it there (the validator lets a cell hold up to 4,000
characters): into a chart's data table through kadiz.typography.html_nowrap, which marks a word that long so that it
may break anywhere; into a table of words and a paragraph as text. Every chart's data table is opened, and the page
must still fit the screen. (A table of words scrolls in its own box, where the token may run on; its page does not.)
"""

import pytest

from kadiz.typography import html_nowrap
from tests.built import SITE, site_pages
from tests.views import DESKTOP, PHONE, open_visit, visit_params

TOKEN = "x" * 3900
PAGES = ["chapters/records.html", "chapters/voices.html", "chapters/after.html"]
TABLE_PAGES = [p.relative_to(SITE).as_posix() for p in site_pages() if "<table" in p.read_text(encoding="utf-8")]
# The first cell of every table of words and of every chart's data table, and the first paragraph of each section.
INJECT_JS = """([token, cellHtml]) => {
  const first = "tbody tr:first-child td:last-child";
  document.querySelectorAll("details.kadiz-chart-data").forEach(d => { d.open = true; });
  const chartCells = [...document.querySelectorAll(`details.kadiz-chart-data ${first}`)];
  const cells = [...document.querySelectorAll(`table.kadiz-prose ${first}`)].filter(c => !chartCells.includes(c));
  const paragraphs = [...document.querySelectorAll(".bd-article section > p:first-of-type")];
  chartCells.forEach(e => { e.innerHTML = cellHtml; });
  [...cells, ...paragraphs].forEach(e => { e.textContent = token; });
  return [chartCells.length, cells.length, paragraphs.length];
}"""


@pytest.mark.parametrize("view", [DESKTOP, PHONE], ids=lambda v: v.name)
@pytest.mark.parametrize("path", PAGES)
def test_a_long_token_wraps_inside_its_box(browser, site_url, path, view):
    visit = open_visit(browser, site_url, path, view)
    try:
        assert all(visit.page.evaluate(INJECT_JS, [TOKEN, html_nowrap(TOKEN)]))
        width, client = visit.page.evaluate(
            "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
        assert width <= client + 1, f"{path} scrolls sideways by {width - client} px on a {view.name}"
    finally:
        visit.page.close()


# Every word of a table's cells, at most WORD characters long (longer runs may break, as above), as the lines it is
# drawn on: a word drawn on two lines was broken inside itself. A line may end at a hyphen or a dash ("re-enter",
# "2019–2025"), so the parts between them count as words.
WORD = 20
BROKEN_WORDS_JS = """(longest) => {
  const broken = [];
  document.querySelectorAll(".bd-article table :is(th, td)").forEach(cell => {
    // Cells kept for screen readers only (a phone's card shows its column names on each card) are not drawn.
    if (cell.closest("thead") && cell.closest("thead").getBoundingClientRect().width <= 1) return;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s\u2010-\u2015-]+/g)) {
        if (match[0].length > longest) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(`${match[0]} (${cell.tagName} ${Math.round(cell.getBoundingClientRect().width)}px)`);
      }
    }
  });
  return broken;
}"""


@pytest.mark.parametrize("visit", visit_params(TABLE_PAGES, DESKTOP, PHONE), indirect=True)
def test_a_table_keeps_each_ordinary_word_whole(visit):
    """A column squeezed by its neighbours wraps between words, never inside one ("Co / un / t"): a table wider than
    the column scrolls in its own box instead."""
    assert visit.page.evaluate(BROKEN_WORDS_JS, WORD) == [], f"{visit.path} on a {visit.view.name}"

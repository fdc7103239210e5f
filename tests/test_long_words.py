"""Long unbroken text wraps inside its box on every screen: a 3,900-character token in a table of words, in a
chart's data table or in a glued quotation does not make the page scroll sideways (_static/long-words.css).

The token is put into the built page as the package writes it there (the validator lets a cell hold up to 4,000
characters): into a chart's data table through kadiz.typography.html_nowrap, which marks a word that long so that it
may break anywhere; into a table of words and a paragraph as text. Every chart's data table is opened, and the page
must still fit the screen. (A table of words scrolls in its own box, where the token may run on; its page does not.)
"""

import pytest

from kadiz.typography import html_nowrap
from tests.views import DESKTOP, PHONE, open_visit

TOKEN = "x" * 3900
PAGES = ["chapters/records.html", "chapters/voices.html", "chapters/after.html"]
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

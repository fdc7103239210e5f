"""The checks a reader would make on the built site: can everyone use it, does it fit a phone,
do its links lead somewhere, do its charts answer a hover, and are the article's words shown as written.

Browser checks run against every page but the root index.html, which only redirects (a reader never
sees it; its link is checked with the others). Point them at another build with KADIZ_SITE.
"""

import csv
import functools
import json
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from kadiz.paths import DATA, ROOT
from tests.built import SITE, site_pages
from tests.chart_specs import CHART, figure_specs
from tests.views import DESKTOP, PHONE, open_tooltip, visit_params

PAGES = [p.relative_to(SITE).as_posix() for p in site_pages()]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
QUOTES = DATA / "quotes.csv"


@functools.cache  # pages are read, never changed, and the link check reads each target many times
def _soup(path: str) -> BeautifulSoup:
    return BeautifulSoup((SITE / path).read_text(encoding="utf-8"), "html.parser")


def _is_redirect(path: str) -> bool:
    return _soup(path).find("meta", attrs={"http-equiv": lambda v: v and v.lower() == "refresh"}) is not None


SHOWN_PAGES = [p for p in PAGES if not _is_redirect(p)]


def _text(s: str) -> str:
    return " ".join(s.split())


# ------------------------------------------------------------------ accessibility (axe-core)


def _blocking_violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `make setup` (npm ci)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'])} - {v['help']}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("visit", visit_params(SHOWN_PAGES, DESKTOP, PHONE), indirect=True)
def test_axe_finds_no_serious_violation(visit):
    violations = visit.once("axe", _blocking_violations)
    assert violations == [], f"{visit.path} ({visit.view.name}): " + "\n".join(violations)


# ------------------------------------------------------------------ a phone-sized screen

# For each chart, the class of the first box around it that clips it and scrolls on its own, if any.
CLIPPED_CHARTS_JS = f"""() => [...document.querySelectorAll("{CHART}")].map(chart => {{
  const svg = chart.querySelector('svg.marks');
  if (!svg) return null;
  const box = svg.getBoundingClientRect();
  for (let e = svg.parentElement; e; e = e.parentElement)
    if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
      return {{x: box.x, right: box.right, clippedBy: String(e.className)}};
  return {{x: box.x, right: box.right, clippedBy: null}};
}})"""


def _layout(page) -> dict:
    width, client = page.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
    return {"width": width, "client": client, "charts": page.evaluate(CLIPPED_CHARTS_JS)}


@pytest.mark.parametrize("visit", visit_params(SHOWN_PAGES, PHONE), indirect=True)
def test_page_fits_a_phone_without_sideways_scrolling(visit):
    layout = visit.once("layout", _layout)
    width, client, path = layout["width"], layout["client"], visit.path
    assert width <= client + 1, f"{path} scrolls sideways at {PHONE.viewport['width']} px ({width} > {client})"
    # A chart can also overflow into a box that scrolls on its own (a cell output): the page
    # then fits, but the reader sees half a chart. Each chart must lie inside the screen, unclipped.
    assert visit.drawn == visit.charts, f"{path}: {visit.drawn} of {visit.charts} charts drew on a phone"
    for i, chart in enumerate(layout["charts"]):
        assert chart["x"] >= -1 and chart["right"] <= client + 1, f"chart {i} of {path} is wider than a phone"
        assert chart["clippedBy"] is None, f"chart {i} of {path} overflows its box ({chart['clippedBy']})"


# ------------------------------------------------------------------ internal links


def _internal_links(path: str):
    """(href, target file, fragment) of every link from page `path` to a file of the site."""
    base = f"http://site/{path}"
    for a in _soup(path).find_all("a", href=True):
        url = urlparse(urljoin(base, a["href"]))
        if url.scheme != "http" or url.netloc != "site":
            continue  # another host, mailto:, javascript: ... (no network here to check them)
        target = unquote(url.path).lstrip("/")
        if target == "" or target.endswith("/"):
            target += "index.html"
        yield a["href"], target, unquote(url.fragment)


@pytest.mark.parametrize("path", PAGES)
def test_internal_links_resolve(path):
    broken = []
    for href, target, fragment in _internal_links(path):
        file = SITE / target
        if not file.is_file():
            broken.append(f"{href}: no file {target}")
        elif fragment and file.suffix == ".html" and _soup(target).find(id=fragment) is None:
            broken.append(f"{href}: no element with id {fragment!r} in {target}")
    assert broken == [], f"{path} has broken links:\n" + "\n".join(broken)


# ------------------------------------------------------------------ chart tooltips


def _chart_specs(path: str) -> dict[str, dict]:
    """The Vega-Lite spec of each chart on a page (its desktop layout), by its container id."""
    return {chart_id: specs["desktop"] for chart_id, specs in figure_specs(_soup(path)).items()}


def _has_tooltip(node) -> bool:
    """Whether a spec turns tooltips on anywhere (an encoding channel, a mark or the config)."""
    if isinstance(node, dict):
        return any(
            (key == "tooltip" and value not in (None, False)) or (key != "datasets" and _has_tooltip(value))
            for key, value in node.items()
        )
    if isinstance(node, list):
        return any(_has_tooltip(value) for value in node)
    return False


# Points to hover on the first items of a chart's marks: on a path (a line, an outlined symbol, whose
# middle may be empty) a point on the path itself, and the middle of the item's box. Data marks come
# first: marks left out of the accessibility tree (aria-hidden: reference lines, drawn with `aria=False`)
# carry no tooltip of their own and are tried last.
HOVER_POINTS_JS = """(chart, max) => {
  const marks = [...chart.querySelectorAll('svg.marks g.role-mark')];
  const hidden = g => g.getAttribute('aria-hidden') === 'true';
  const items = [...marks.filter(g => !hidden(g)), ...marks.filter(hidden)].flatMap(g => [...g.children]);
  return items.slice(0, max).flatMap(el => {
    const r = el.getBoundingClientRect(), points = [];
    if (el.getTotalLength && el.getTotalLength() > 0) {
      const p = el.getPointAtLength(el.getTotalLength() / 2).matrixTransform(el.getScreenCTM());
      points.push([p.x, p.y]);
    }
    points.push([r.x + r.width / 2, r.y + r.height / 2]);
    return points;
  });
}"""


def _tooltip_on_hover(page, chart) -> str:
    chart.scroll_into_view_if_needed()
    tooltip = open_tooltip(page, chart.evaluate(HOVER_POINTS_JS, 40))
    return _text(tooltip.inner_text()) if tooltip else ""


def _tooltips(path: str):
    """A check for one visit: the tooltip text found by hovering each chart of the page that asks for one."""

    def check(page) -> dict[str, str]:
        texts = {
            chart_id: _tooltip_on_hover(page, page.locator(f"#{chart_id}"))
            for chart_id, spec in _chart_specs(path).items()
            if _has_tooltip(spec)
        }
        page.mouse.move(0, 0)  # leaves the page as it was, tooltip hidden, for the checks after this one
        return texts

    return check


TOOLTIP_PAGES = [p for p in SHOWN_PAGES if any(map(_has_tooltip, _chart_specs(p).values()))]


@pytest.mark.parametrize("visit", visit_params(TOOLTIP_PAGES, DESKTOP), indirect=True)
def test_hovering_a_chart_shows_its_tooltip(visit):
    texts = visit.once("tooltips", _tooltips(visit.path))
    assert texts, f"{visit.path} has no chart that asks for a tooltip"
    silent = [chart_id for chart_id, text in texts.items() if not text]
    assert silent == [], f"no tooltip on hovering charts {silent} of {visit.path}"


def test_the_chapters_charts_have_tooltips():
    # Guards the test above against passing because no chart asks for tooltips: the chapters that
    # draw the article's events all show its words on hover.
    assert {"chapters/timeline.html", "chapters/march-and-may.html", "chapters/voices.html"} <= set(TOOLTIP_PAGES)


# ------------------------------------------------------------------ the article's words, as written


def _bare(text: str) -> str:
    # A table may set a passage in quotation marks; the words are what must match.
    return _text(text).strip('"“”')


def _passages(table: Path) -> list[str]:
    with table.open(encoding="utf-8", newline="") as f:
        return [_bare(row["passage"]) for row in csv.DictReader(f) if "passage" in row]


def _key(passage: str) -> str:
    # A broken page would drop what follows a "<" (read as a tag) or cut the cell short ("..."):
    # a cell is recognised by the start of its passage, up to the first such character.
    return passage.split("<")[0][:30]


def test_quotes_in_tables_read_exactly_as_in_the_article():
    # A column headed "verbatim" promises the article's words; other columns (a claim in the report's words,
    # a source's own words) may share a quote's words without being one.
    quotes = _passages(QUOTES)
    keys = {_key(p): p for p in quotes if len(_key(p)) >= 8}
    verbatim = {p for table in DATA.glob("*.csv") for p in _passages(table)}
    seen, wrong = 0, []
    for path in PAGES:
        for table in _soup(path).find_all("table"):
            headers = [th.get_text(" ", strip=True).lower() for th in table.select("thead th")]
            columns = [i for i, h in enumerate(headers) if "verbatim" in h]
            for row in table.select("tbody tr"):
                cells = row.find_all(["td", "th"])
                for i in columns:
                    text = _bare(cells[i].get_text()) if i < len(cells) else ""
                    matches = [passage for key, passage in keys.items() if key in text]
                    seen += bool(matches)
                    if text not in verbatim:
                        wrong.append(f"{path}: shows {text!r}\n  instead of {(matches or ['a passage'])[0]!r}")
    assert seen >= len(quotes), f"only {seen} table cells show a quote of data/quotes.csv"
    assert wrong == [], "\n".join(wrong)

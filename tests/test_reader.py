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
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from kadiz.paths import DATA, ROOT
from tests.conftest import SITE, site_pages

PAGES = [p.relative_to(SITE).as_posix() for p in site_pages()]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}  # an iPhone 12-15 in portrait
QUOTES = DATA / "quotes.csv"


@functools.cache  # pages are read, never changed, and the link check reads each target many times
def _soup(path: str) -> BeautifulSoup:
    return BeautifulSoup((SITE / path).read_text(encoding="utf-8"), "html.parser")


def _is_redirect(path: str) -> bool:
    return _soup(path).find("meta", attrs={"http-equiv": lambda v: v and v.lower() == "refresh"}) is not None


SHOWN_PAGES = [p for p in PAGES if not _is_redirect(p)]


def _text(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()


def _open(page, site_url, path, viewport=DESKTOP, color_scheme="light"):
    """Open a page as a reader would see it, once every chart on it has drawn."""
    page.set_viewport_size(viewport)
    page.emulate_media(color_scheme=color_scheme)
    page.goto(f"{site_url}/{path}", wait_until="networkidle")
    charts = page.locator("div[id^='kadiz-chart-']")
    for i in range(charts.count()):
        charts.nth(i).locator("svg.marks").wait_for(timeout=10_000)
    return charts


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


# The theme lays out phones differently (other buttons, a drawer for the sidebar) and has a dark
# mode; a phone in dark mode and a desktop in light mode cover both with two audits a page.
@pytest.mark.parametrize("viewport,scheme", [(DESKTOP, "light"), (PHONE, "dark")], ids=["desktop-light", "phone-dark"])
@pytest.mark.parametrize("path", SHOWN_PAGES)
def test_axe_finds_no_serious_violation(page, site_url, path, viewport, scheme):
    _open(page, site_url, path, viewport, scheme)
    violations = _blocking_violations(page)
    assert violations == [], f"{path}: " + "\n".join(violations)


# ------------------------------------------------------------------ a phone-sized screen


@pytest.mark.parametrize("path", SHOWN_PAGES)
def test_page_fits_a_phone_without_sideways_scrolling(page, site_url, path):
    charts = _open(page, site_url, path, PHONE)
    width, client = page.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
    assert width <= client + 1, f"{path} scrolls sideways at {PHONE['width']} px ({width} > {client})"
    # A chart can also overflow into a box that scrolls on its own (a cell output): the page
    # then fits, but the reader sees half a chart. Each chart must lie inside the screen, unclipped.
    for i in range(charts.count()):
        svg = charts.nth(i).locator("svg").first
        box = svg.bounding_box()
        assert box["x"] >= -1 and box["x"] + box["width"] <= client + 1, f"chart {i} of {path} is wider than a phone"
        clipped = svg.evaluate(
            """svg => { for (let e = svg.parentElement; e; e = e.parentElement)
                          if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
                            return e.className; return null; }"""
        )
        assert clipped is None, f"chart {i} of {path} overflows its box ({clipped})"


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
    """The Vega-Lite spec of each chart on a page, by its container id.

    Altair's template ends with ``})(SPEC, EMBED_OPTIONS);``: the spec is the first JSON value there.
    """
    specs = {}
    for div in _soup(path).select("div[id^='kadiz-chart-']"):
        script = div.find_next_sibling("script").string
        spec, _ = json.JSONDecoder().raw_decode(script, script.index("})({") + 3)
        specs[div["id"]] = spec
    return specs


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


# Points to hover on the first marks of a chart: the middle of each item's box and, for paths
# (lines, outlined symbols, whose middle may be empty), a point on the path itself.
HOVER_POINTS_JS = """(chart, max) => [...chart.querySelectorAll('svg.marks g.role-mark > *')].slice(0, max).flatMap(el => {
  const r = el.getBoundingClientRect(), points = [[r.x + r.width / 2, r.y + r.height / 2]];
  if (el.getTotalLength && el.getTotalLength() > 0) {
    const p = el.getPointAtLength(el.getTotalLength() / 2).matrixTransform(el.getScreenCTM());
    points.push([p.x, p.y]);
  }
  return points;
})"""


def _tooltip_on_hover(page, chart) -> str:
    chart.scroll_into_view_if_needed()
    tooltip = page.locator("#vg-tooltip-element.visible")
    for x, y in chart.evaluate(HOVER_POINTS_JS, 40):
        page.mouse.move(x, y)
        try:
            tooltip.wait_for(state="visible", timeout=300)
        except PlaywrightTimeout:
            continue
        if text := _text(tooltip.inner_text()):
            return text
    return ""


TOOLTIP_PAGES = [p for p in SHOWN_PAGES if any(map(_has_tooltip, _chart_specs(p).values()))]


@pytest.mark.parametrize("path", TOOLTIP_PAGES)
def test_hovering_a_chart_shows_its_tooltip(page, site_url, path):
    _open(page, site_url, path)
    for chart_id, spec in _chart_specs(path).items():
        if _has_tooltip(spec):
            assert _tooltip_on_hover(page, page.locator(f"#{chart_id}")), f"no tooltip on hovering chart {chart_id} of {path}"


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
    quotes = _passages(QUOTES)
    keys = {_key(p): p for p in quotes if len(_key(p)) >= 8}
    # Events, claims and assets quote the article too, and may contain a quote's words: a cell
    # that shows any of their passages whole is right.
    verbatim = {p for table in DATA.glob("*.csv") for p in _passages(table)}
    seen, wrong = 0, []
    for path in PAGES:
        for cell in _soup(path).find_all(["td", "th"]):
            text = _bare(cell.get_text())
            matches = [passage for key, passage in keys.items() if key in text]
            seen += bool(matches)
            if matches and text not in verbatim:
                wrong.append(f"{path}: shows {text!r}\n  instead of {matches[0]!r}")
    assert seen >= len(quotes) // 2, f"only {seen} table cells show a quote of data/quotes.csv"
    assert wrong == [], "\n".join(wrong)

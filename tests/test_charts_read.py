"""Charts and tables as a reader meets them on a desktop and on a phone: text large enough to read, labels that do
not collide, nothing wider than the column, the layout made for the screen, tooltips on screen, a page that
scrolls under the mouse wheel, every chart's data on offer, and no code of the data where words belong.

Each chart is measured by tests/chart_layout.js, the same script scripts/preview_figure.py prints while a chart
is designed.
"""

import csv
import functools
import io
import re
import urllib.parse

import pytest
from bs4 import BeautifulSoup

from kadiz.data import load
from kadiz import words
from kadiz.charts.theme import LANE_COLOURS, MIN_TEXT_PX
from kadiz.paths import ROOT
from tests.conftest import CHART, DESKTOP, PHONE, SITE, figure_specs, open_tooltip, visit_params
from tests.chart_specs import codes_in, headline, walk

CHAPTERS = sorted(f"chapters/{p.stem}.html" for p in (ROOT / "chapters").glob("*.ipynb"))
MEASURE = (ROOT / "tests" / "chart_layout.js").read_text(encoding="utf-8")


@functools.cache
def _soup(path: str) -> BeautifulSoup:
    return BeautifulSoup((SITE / path).read_text(encoding="utf-8"), "html.parser")


# Read while the tests are collected: without a built site there are no pages (the built_site fixture says why).
CHART_PAGES = [p for p in CHAPTERS if (SITE / p).is_file() and _soup(p).select(CHART)]


def _measure(page) -> list[dict]:
    return [chart.evaluate(MEASURE, MIN_TEXT_PX) for chart in page.locator(CHART).element_handles()]


def _charts(visit) -> list[dict]:
    return visit.once("chart layout", _measure)


# ------------------------------------------------------------------ each chart as drawn


@pytest.mark.parametrize("visit", visit_params(CHART_PAGES, DESKTOP, PHONE), indirect=True)
def test_each_chart_draws_the_layout_made_for_the_screen(visit):
    expected = "phone" if visit.view is PHONE else "desktop"
    assert [c["layout"] for c in _charts(visit)] == [expected] * visit.charts


@pytest.mark.parametrize("visit", visit_params(CHART_PAGES, DESKTOP, PHONE), indirect=True)
def test_chart_text_is_at_least_11_px_as_drawn(visit):
    small = {i: c["small"] for i, c in enumerate(_charts(visit)) if c["small"]}
    assert small == {}, f"{visit.path} ({visit.view.name}): text under {MIN_TEXT_PX} px in charts {small}"


@pytest.mark.parametrize("visit", visit_params(CHART_PAGES, DESKTOP, PHONE), indirect=True)
def test_chart_labels_do_not_overlap(visit):
    overlaps = {i: c["overlaps"] for i, c in enumerate(_charts(visit)) if c["overlaps"]}
    assert overlaps == {}, f"{visit.path} ({visit.view.name}): overlapping labels {overlaps}"


@pytest.mark.parametrize("visit", visit_params(CHART_PAGES, DESKTOP, PHONE), indirect=True)
def test_each_chart_fits_its_column_at_its_own_size(visit):
    for i, chart in enumerate(_charts(visit)):
        assert chart["width"] <= chart["column"] + 1, f"chart {i} of {visit.path} is wider than its column"


# The rightmost items of a chart's marks: a tooltip opened there is the one most likely to leave the screen.
RIGHTMOST_POINTS_JS = """(chart, max) => {
  const items = [...chart.querySelectorAll('svg.marks g.role-mark')]
    .filter(g => g.getAttribute('aria-hidden') !== 'true').flatMap(g => [...g.children]);
  return items.map(el => el.getBoundingClientRect()).filter(r => r.width + r.height > 0)
    .sort((a, b) => b.right - a.right).slice(0, max).map(r => [r.right - Math.min(2, r.width / 2), r.y + r.height / 2]);
}"""


def _tooltip_boxes(page) -> list[dict]:
    """For each chart with tooltips, the box of the tooltip opened on its rightmost mark (None if none opened)."""
    boxes = []
    for chart in page.locator(CHART).all():
        chart.scroll_into_view_if_needed()
        tooltip = open_tooltip(page, chart.evaluate(RIGHTMOST_POINTS_JS, 8))
        boxes.append(tooltip.bounding_box() if tooltip else None)
        page.mouse.move(0, 0)
    return boxes


@pytest.mark.parametrize("visit", visit_params(CHART_PAGES, DESKTOP, PHONE), indirect=True)
def test_tooltips_open_inside_the_screen(visit):
    boxes = visit.once("tooltip boxes", _tooltip_boxes)
    width, height = visit.view.viewport["width"], visit.view.viewport["height"]
    assert any(boxes), f"{visit.path}: no tooltip opened on any chart"
    for i, box in enumerate(boxes):
        if box is not None:
            assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, f"chart {i}: tooltip leaves the screen"
            assert box["y"] >= 0 and box["y"] + box["height"] <= height + 1, f"chart {i}: tooltip leaves the screen"


def _wheel_over_charts(page) -> list[tuple[float, float]]:
    """(scroll before, after) a turn of the mouse wheel over the middle of each chart."""
    moves = []
    for chart in page.locator(CHART).all():
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        before = page.evaluate("window.scrollY")
        page.mouse.wheel(0, 200)
        page.wait_for_timeout(150)
        moves.append((before, page.evaluate("window.scrollY")))
    page.mouse.move(0, 0)
    return moves


@pytest.mark.parametrize("visit", visit_params(CHART_PAGES, DESKTOP), indirect=True)
def test_mouse_wheel_over_a_chart_scrolls_the_page(visit):
    for i, (before, after) in enumerate(visit.once("wheel", _wheel_over_charts)):
        assert after > before, f"chart {i} of {visit.path} keeps the wheel from scrolling the page"


# ------------------------------------------------------------------ the charts' specs and data


def _layouts(path: str):
    for chart_id, specs in figure_specs(_soup(path)).items():
        for layout in ("desktop", "phone"):
            yield f"{path} {chart_id} {layout}", specs[layout]


@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_chart_has_a_phone_layout_a_headline_and_a_subtitle(path):
    for name, spec in _layouts(path):
        assert spec is not None, f"{name}: no phone layout"
        title = spec.get("title", {})
        assert title.get("text") and title.get("subtitle"), f"{name}: no headline and subtitle"


@pytest.mark.parametrize("path", CHART_PAGES)
def test_no_chart_zooms_or_pans(path):
    # A chart bound to its scales takes the mouse wheel and the drag from the page.
    for name, spec in _layouts(path):
        assert not [n for n in walk(spec) if isinstance(n, dict) and n.get("bind") == "scales"], name


@pytest.mark.parametrize("path", CHART_PAGES)
def test_text_alternative_states_the_headline_s_finding(path):
    # A screen reader announces the description, not the drawn headline: every number the headline states
    # ("19 h 45 min", "34 of the 63") is in it too.
    for name, spec in _layouts(path):
        numbers = re.findall(r"\d+(?:\.\d+)?", headline(spec))
        description = spec["description"].replace("\u00a0", " ")
        assert numbers and [n for n in numbers if n not in description] == [], name


def _data_tables(path: str):
    for div in _soup(path).select(CHART):
        yield div["id"], div.find_next("details", class_="kadiz-chart-data")


@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_chart_offers_its_data_as_a_table_and_a_csv(path):
    for chart_id, details in _data_tables(path):
        assert details is not None, f"{path}: chart {chart_id} has no data table"
        rows = [[td.get_text() for td in tr.find_all("td")] for tr in details.select("tbody tr")]
        header = [th.get_text() for th in details.select("thead th")]
        assert rows and header, f"{path}: chart {chart_id} has an empty data table"
        href = details.find("a", download=True)["href"]
        assert href.startswith("data:text/csv;charset=utf-8,")
        table = list(csv.reader(io.StringIO(urllib.parse.unquote(href.split(",", 1)[1]))))
        assert table == [header, *rows], f"{path}: chart {chart_id}'s CSV is not its table"
        # The text alternative names the table as the way to every value without a mouse.
        description = figure_specs(_soup(path))[chart_id]["desktop"]["description"]
        assert "table" in description


@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_figure_caption_ends_with_its_source(path):
    for div in _soup(path).select(CHART):
        caption = div.find_parent("figure").find("figcaption")
        assert caption.find_all("p")[-1].get_text().startswith("Source:"), f"{path}: {caption.get_text()[:80]}"


# ------------------------------------------------------------------ codes stay in the data


def _reader_text(page) -> str:
    """What a reader can read on the page: its text, every chart's text and tooltip fields, the data tables."""
    return page.evaluate("""() => {
      document.querySelectorAll('details').forEach(d => d.open = true);
      const charts = [...document.querySelectorAll('svg.marks text')].map(t => t.textContent);
      return [document.body.innerText, ...charts].join('\\n');
    }""")


@pytest.mark.parametrize("visit", visit_params(CHAPTERS, PHONE), indirect=True)
def test_no_code_of_the_data_reaches_a_reader(visit):
    text = visit.once("reader text", _reader_text)
    assert "day(s)" not in text
    assert codes_in(text) == [], f"{visit.path} shows codes of the data"


@pytest.mark.parametrize("path", CHART_PAGES)
def test_tooltips_and_data_tables_hold_words_not_codes(path):
    for name, spec in _layouts(path):
        fields = {t["field"] for n in walk(spec) if isinstance(n, dict) and "tooltip" in n
                  for t in (n["tooltip"] if isinstance(n["tooltip"], list) else [n["tooltip"]])
                  if isinstance(t, dict) and "field" in t}
        rows = [row for data in spec.get("datasets", {}).values() if isinstance(data, list) for row in data]
        shown = " ".join(str(row.get(f, "")) for row in rows if isinstance(row, dict) for f in fields)
        assert codes_in(shown) == [], f"{name}: tooltips show codes"
    for chart_id, details in _data_tables(path):
        assert codes_in(details.get_text(" ")) == [], f"{path}: the data table of {chart_id} shows codes"


# ------------------------------------------------------------------ tables on a phone

TABLES_JS = """() => {
  document.querySelectorAll('details').forEach(d => d.open = true);
  return [...document.querySelectorAll('article table')].map(t => {
    const box = t.getBoundingClientRect(), parent = t.parentElement;
    return {caption: (t.querySelector('caption') || {}).textContent || t.id, right: box.right,
            cut: parent.scrollWidth > parent.clientWidth + 1, wider: t.scrollWidth > t.clientWidth + 1};
  });
}"""


@pytest.mark.parametrize("visit", visit_params(CHAPTERS, PHONE), indirect=True)
def test_tables_fit_a_phone_with_nothing_cut_off(visit):
    width = visit.view.viewport["width"]
    for table in visit.once("tables", lambda page: page.evaluate(TABLES_JS)):
        name = table["caption"][:50]
        assert table["right"] <= width + 1 and not table["cut"] and not table["wider"], \
            f"{visit.path}: table {name!r} does not fit a {width} px phone"


# ------------------------------------------------------------------ the records chapter: summary first

RECORDS_JS = """() => {
  const top = el => el.getBoundingClientRect().top + window.scrollY;
  const boxes = [...document.querySelectorAll('#the-verdicts div.dropdown.admonition')];
  const shown = el => el.checkVisibility({visibilityProperty: true, opacityProperty: true}) && el.getBoundingClientRect().height > 0;
  return {
    summary: top(document.getElementById('fig-records-ratings')),
    verdicts: top(document.getElementById('the-verdicts')),
    boxes: boxes.length,
    titlesShown: boxes.filter(b => shown(b.querySelector('.admonition-title'))).length,
    detailShown: boxes.filter(b => [...b.querySelectorAll(':scope > p:not(.admonition-title)')].some(shown)).length,
  };
}"""


@pytest.mark.parametrize("visit", visit_params(["chapters/records.html"], DESKTOP), indirect=True)
def test_records_lead_with_the_count_of_ratings_and_keep_detail_on_demand(visit):
    page = visit.once("records", lambda page: page.evaluate(RECORDS_JS))
    verdicts = len(load().verdicts)
    assert page["summary"] < page["verdicts"], "the ratings chart must come before the verdicts"
    # One collapsed box per verdict: its claim and confidence show, its detail opens when asked for.
    assert page["boxes"] == page["titlesShown"] == verdicts and page["detailShown"] == 0


# ------------------------------------------------------------------ colour


@pytest.mark.parametrize("path", CHART_PAGES)
def test_country_colours_stand_for_countries_only(path):
    # A scale that draws in a country's colour maps it from that country (or its actor group, or a thing of that
    # country named as such: "Chinese H-6 entry"), nothing else: black and grey are left out, as every chart may
    # use them for text and context.
    country_colours = {colour.upper(): name for name, colour in LANE_COLOURS.items()
                       if colour.upper() not in ("#000000", "#888888")}
    adjectives = {words.COUNTRY[code]: adjective for code, adjective in words.COUNTRY_ADJECTIVE.items()}
    for name, spec in _layouts(path):
        for node in walk(spec):
            scale = node.get("scale") if isinstance(node, dict) else None
            if not isinstance(scale, dict) or not isinstance(scale.get("range"), list):
                continue
            for value, colour in zip(scale.get("domain", []), scale["range"]):
                country = country_colours.get(colour.upper()) if isinstance(colour, str) else None
                if country:
                    assert value == country or str(value).startswith(adjectives.get(country, country)), \
                        f"{name}: {colour} ({country}) is used for {value!r}"


# ------------------------------------------------------------------ a screen that changes width


def test_a_chart_redraws_its_layout_when_the_column_changes_width(browser, site_url):
    # A phone turned to landscape, or a window made narrower: the chart follows the column it sits in.
    page = browser.new_page()
    try:
        page.set_viewport_size(DESKTOP.viewport)
        page.goto(f"{site_url}/chapters/introduction.html")
        chart = page.locator(CHART).first
        layouts = []
        for view in (DESKTOP, PHONE, DESKTOP):
            page.set_viewport_size(view.viewport)
            page.wait_for_function("c => c.dataset.layout && c.querySelector('svg.marks')", arg=chart.element_handle())
            page.wait_for_timeout(300)
            layouts.append(chart.evaluate(MEASURE, MIN_TEXT_PX))
        assert [m["layout"] for m in layouts] == ["desktop", "phone", "desktop"]
        assert all(m["width"] <= m["column"] + 1 and not m["small"] for m in layouts)
    finally:
        page.close()


# ------------------------------------------------------------------ the map: a locator map as drawn

MAP_PAGE, MAP = "chapters/timeline.html", "#fig-timeline-map " + CHART
# The map as drawn: every stretch of the zone line (paths in the zone's colour) walked pixel by pixel against every
# text's box, and the legends' boxes against the map's frame (the view's background).
MAP_JS = """(container, zone) => {
  const svg = container.querySelector('svg.marks');
  const box = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  const frame = box(svg.querySelector('.role-frame.root path.background').getBoundingClientRect());
  const texts = [...svg.querySelectorAll('.role-mark text, .role-legend text')].filter(t => t.textContent.trim())
    .map(t => ({text: t.textContent.trim(), box: t.getBoundingClientRect()}));
  const crossed = new Set();
  const paths = [...svg.querySelectorAll('.role-mark path')]
    .filter(p => (p.getAttribute('stroke') || '').toLowerCase() === zone.toLowerCase());
  for (const path of paths) {
    const m = path.getScreenCTM(), length = path.getTotalLength();
    for (let s = 0; s <= length; s += 1) {
      const p = path.getPointAtLength(s), x = m.a * p.x + m.c * p.y + m.e, y = m.b * p.x + m.d * p.y + m.f;
      texts.filter(t => x > t.box.left && x < t.box.right && y > t.box.top && y < t.box.bottom)
        .forEach(t => crossed.add(t.text));
    }
  }
  return {zonePaths: paths.length, crossed: [...crossed], frame: frame,
          legends: [...svg.querySelectorAll('g.mark-group.role-legend')].map(g => box(g.getBoundingClientRect()))};
}"""


def _zone_colour() -> str:
    spec = next(s["desktop"] for s in figure_specs(_soup(MAP_PAGE)).values() if "projection" in s["desktop"])
    return next(n["stroke"]["scale"]["range"][0] for n in walk(spec) if isinstance(n, dict) and "strokeDash" in n
                and isinstance(n.get("stroke"), dict))


def _map_as_drawn(page) -> dict:
    return page.locator(MAP).element_handle().evaluate(MAP_JS, _zone_colour())


@pytest.mark.parametrize("visit", visit_params([MAP_PAGE], DESKTOP, PHONE), indirect=True)
def test_the_zone_line_crosses_no_name_on_the_map(visit):
    drawn = visit.once("map", _map_as_drawn)
    assert drawn["zonePaths"], "no zone line found on the map"
    assert drawn["crossed"] == [], f"{visit.view.name}: the zone line runs through {drawn['crossed']}"


@pytest.mark.parametrize("visit", visit_params([MAP_PAGE], DESKTOP, PHONE), indirect=True)
def test_the_map_s_legends_stay_inside_its_frame(visit):
    # On a desktop inside the map, in open sea; on a phone beneath it, no wider than it.
    drawn = visit.once("map", _map_as_drawn)
    frame = drawn["frame"]
    assert drawn["legends"], "no legend on the map"
    for legend in drawn["legends"]:
        assert frame["left"] <= legend["left"] + 0.5 and legend["right"] <= frame["right"] + 0.5, visit.view.name
        if visit.view is DESKTOP:
            assert frame["top"] <= legend["top"] + 0.5 and legend["bottom"] <= frame["bottom"] + 0.5, legend

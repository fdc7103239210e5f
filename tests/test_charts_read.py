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
from kadiz import verdicts, words
from kadiz.charts import palette, render
from kadiz.charts.theme import LANE_COLOURS, MIN_TEXT_PX
from kadiz.paths import ROOT
from tests.built import SITE, site_pages
from tests.chart_specs import CHART, codes_in, figure_specs, headline, walk
from tests.views import DESKTOP, PHONE, open_tooltip, visit_params

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


@pytest.mark.parametrize("visit", visit_params(CHART_PAGES, DESKTOP), indirect=True)
def test_a_chart_offers_no_menu_of_actions(visit):
    # Vega-Embed's "..." menu would offer downloads the data table already gives and a link to an online editor,
    # and axe-core reads its <summary> as a control without a name.
    assert visit.drawn == visit.charts, f"{visit.path}: {visit.charts - visit.drawn} charts did not draw"
    menus = visit.page.locator(f"{CHART}:has(summary, .vega-actions)").count()
    assert menus == 0, f"{visit.path}: {menus} charts offer Vega-Embed's menu of actions"


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


@pytest.mark.parametrize("path", CHART_PAGES)
def test_the_desktop_layout_fits_every_column_that_draws_it(path):
    # A column at least PHONE_BELOW wide draws the desktop layout: at its own size it must fit there, or Vega-Embed
    # would scale it down and its text would shrink below the size it was measured at.
    for name, spec in _layouts(path):
        if spec is not None and name.endswith("desktop"):
            width = float(re.search(r'<svg[^>]*?\bwidth="([\d.]+)"', render.svg(spec)).group(1))
            assert width <= render.PHONE_BELOW, f"{name} is {width} px wide, drawn from {render.PHONE_BELOW} px"


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
    soup = _soup(path)
    for div in soup.select(CHART):
        figure = div.find_parent("figure")
        if figure is None:
            # A "try it" cell's result (kadiz.book.show), drawn for the value the reader chose: no caption, so the
            # chart names its source last in its subtitle, or the cell's output ends with a "Source:" line.
            output = div.find_parent("div", class_="cell_output")
            assert output is not None, f"{path}: chart {div['id']} outside a figure and a cell's output"
            subtitle = " ".join(figure_specs(soup)[div["id"]]["desktop"]["title"].get("subtitle", []))
            last = output.find_all("p")[-1].get_text() if output.find_all("p") else ""
            assert "Source: " in subtitle or last.startswith("Source:"), f"{path}: {output.get_text()[:80]}"
            continue
        caption = figure.find("figcaption")
        assert caption.find_all("p")[-1].get_text().startswith("Source:"), f"{path}: {caption.get_text()[:80]}"


# ------------------------------------------------------------------ codes stay in the data


def _reader_text(page) -> str:
    """What a reader can read on the page as words: its text, every chart's text and tooltip fields, the data tables.
    Code is left out: a "try it" cell's code and the values the reader may type into it are written as code, codes
    included (`STANCE = "not-coordinated"`), and read as such."""
    return page.evaluate("""() => {
      document.querySelectorAll('details').forEach(d => d.open = true);
      const charts = [...document.querySelectorAll('svg.marks text')].map(t => t.textContent);
      const code = [...document.querySelectorAll('div.cell_input, pre, code')];
      const shown = code.map(c => c.style.display);
      code.forEach(c => { c.style.display = 'none'; });
      const text = document.body.innerText;
      code.forEach((c, i) => { c.style.display = shown[i]; });
      return [text, ...charts].join('\\n');
    }""")


@pytest.mark.parametrize("visit", visit_params(CHAPTERS, PHONE), indirect=True)
def test_no_code_of_the_data_reaches_a_reader(visit):
    text = visit.once("reader text", _reader_text)
    assert "day(s)" not in text
    assert codes_in(text) == [], f"{visit.path} shows codes of the data"


def _tooltip_text(spec: dict) -> str:
    """Every value a chart's tooltips can show: the tooltip fields of every row of its data."""
    fields = {t["field"] for n in walk(spec) if isinstance(n, dict) and "tooltip" in n
              for t in (n["tooltip"] if isinstance(n["tooltip"], list) else [n["tooltip"]])
              if isinstance(t, dict) and "field" in t}
    rows = [row for data in spec.get("datasets", {}).values() if isinstance(data, list) for row in data]
    return " ".join(str(row.get(f, "")) for row in rows if isinstance(row, dict) for f in fields)


@pytest.mark.parametrize("path", CHART_PAGES)
def test_tooltips_and_data_tables_hold_words_not_codes(path):
    for name, spec in _layouts(path):
        shown = _tooltip_text(spec)
        assert codes_in(shown) == [], f"{name}: tooltips show codes"
    for chart_id, details in _data_tables(path):
        assert codes_in(details.get_text(" ")) == [], f"{path}: the data table of {chart_id} shows codes"


# A file of the repository named where a reader needs the source's name ("RECORDS.md", "facility.en.json").
FILE_NAME = re.compile(r"(?<![\w/.-])[\w-]+(?:\.[\w-]+)*\.(?:md|json|csv|py|ipynb|geojson|tsv|txt|yml|bib)\b")


def _mark_kinds(spec: dict) -> set[str]:
    """What kind of mark a row of the chart's data is drawn as ("place", "area"): a code for the chart's own use."""
    return {str(row["kind"]) for data in spec.get("datasets", {}).values() if isinstance(data, list)
            for row in data if isinstance(row, dict) and row.get("kind")}


@pytest.mark.parametrize("path", CHART_PAGES)
def test_tooltips_and_data_tables_name_sources_not_files_and_say_what_a_thing_is(path):
    specs = figure_specs(_soup(path))
    for name, spec in _layouts(path):
        shown = _tooltip_text(spec)
        assert FILE_NAME.findall(shown) == [], f"{name}: tooltips name files where a reader needs a source"
    for chart_id, details in _data_tables(path):
        cells = [td.get_text(" ", strip=True) for td in details.select("td")]
        assert FILE_NAME.findall(" ".join(cells)) == [], f"{path}: the data table of {chart_id} names files"
        kinds = set().union(*(_mark_kinds(s) for s in specs[chart_id].values() if s))
        bare = sorted({c for c in cells if c in kinds})
        assert bare == [], f"{path}: the data table of {chart_id} gives a mark's kind {bare} for what a thing is"


# ------------------------------------------------------------------ tables on a phone

TABLES_JS = """() => {
  document.querySelectorAll('details').forEach(d => d.open = true);
  return [...document.querySelectorAll('article table')].map(t => {
    const box = t.getBoundingClientRect(), parent = t.parentElement;
    return {caption: (t.querySelector('caption') || {}).textContent || t.id, right: box.right,
            grid: t.classList.contains('kadiz-grid'), parentRight: parent.getBoundingClientRect().right,
            scrolls: ['auto', 'scroll'].includes(getComputedStyle(parent).overflowX),
            cut: parent.scrollWidth > parent.clientWidth + 1, wider: t.scrollWidth > t.clientWidth + 1};
  });
}"""


@pytest.mark.parametrize("visit", visit_params(CHAPTERS, PHONE), indirect=True)
def test_tables_fit_a_phone_with_nothing_cut_off(visit):
    # A table of words fits the screen as it is; a grid of numbers may be wider, inside a box of the screen's
    # width that scrolls sideways on its own (the grid checks below read it scrolled).
    width = visit.view.viewport["width"]
    for table in visit.once("tables", lambda page: page.evaluate(TABLES_JS)):
        name = table["caption"][:50]
        if table["grid"]:
            assert table["parentRight"] <= width + 1 and (table["scrolls"] or not table["cut"]), \
                f"{visit.path}: grid {name!r} is cut off on a {width} px phone"
        else:
            assert table["right"] <= width + 1 and not table["cut"] and not table["wider"], \
                f"{visit.path}: table {name!r} does not fit a {width} px phone"


# ------------------------------------------------------------------ tables by kind

# Every table is made as one of two kinds (kadiz.tables): a grid of numbers a reader compares across rows and
# columns, which stays a grid on a phone, or a table of words read row by row, which becomes cards there.
GRID, PROSE = "kadiz-grid", "kadiz-prose"
# The grids the issue names (Tables 6.2 and 6.3), checked as grids whatever class they carry.
NAMED_GRIDS = ("tbl-coincidence-pvalues", "tbl-coincidence-choices")
GRIDS = ", ".join([f"article table.{GRID}", *(f"#{name}" for name in NAMED_GRIDS)])
TABLE_PAGES = [p.relative_to(SITE).as_posix() for p in site_pages()
               if p.relative_to(SITE).parts[0] == "chapters" and BeautifulSoup(p.read_text(encoding="utf-8"),
                                                                              "html.parser").select("article table")]


def test_every_table_of_the_report_is_made_as_a_grid_or_as_prose(built_site):
    kinds = {}
    for page in site_pages():
        for i, table in enumerate(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("article table")):
            name = f"{page.relative_to(built_site)} {table.get('id') or i}"
            kinds[name] = {GRID, PROSE} & set(table.get("class", []))
    assert kinds, "no table found"
    assert {name: sorted(k) for name, k in kinds.items() if len(k) != 1} == {}, "tables of no kind (or of both)"
    named = {name.rsplit(" ", 1)[1]: k for name, k in kinds.items()}
    assert all(named.get(grid) == {GRID} for grid in NAMED_GRIDS), "Tables 6.2 and 6.3 are grids of numbers"


# Each grid as a phone shows it: are the cells of each row on one line (laid out as a row, not a card)? Scrolled
# to its end inside the box it scrolls in, does each row's first cell stay in that box? Does the page itself scroll
# sideways?
GRID_ON_A_PHONE_JS = f"""() => [...document.querySelectorAll({GRIDS!r})].map(t => {{
  const rows = [...t.querySelectorAll('tbody tr')];
  const result = {{name: t.id, rows: rows.length, page: document.documentElement.scrollWidth}};
  const shown = r => [...r.children].filter(c => c.getBoundingClientRect().width > 1);  // not the names kept for screen readers
  result.cards = rows.filter(r => new Set(shown(r).map(c => Math.round(c.getBoundingClientRect().top))).size > 1).length;
  // The columns that name a row come before its values (set right, kadiz.tables); the first column, which stays in
  // view as the grid scrolls, must show every one of a row's names.
  const head = [...t.querySelectorAll('thead th')];
  let names = 0;
  while (names < head.length && !head[names].classList.contains('text-right')) names++;
  result.unnamed = rows.filter(r => [...r.children].slice(1, names).some(c =>
    c.textContent.trim() && !r.children[0].innerText.includes(c.textContent.trim()))).length;
  let box = t;
  while (box !== document.body && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
  result.box = box !== document.body;
  if (!result.box) return result;
  const edges = box.getBoundingClientRect();
  result.boxRight = edges.right;
  result.scrolls = box.scrollWidth > box.clientWidth + 1;
  box.scrollLeft = box.scrollWidth;
  result.scrolled = box.scrollLeft;
  result.firstOut = rows.filter(r => {{
    const c = r.children[0].getBoundingClientRect();
    return c.left < edges.left - 1 || c.right > edges.right + 1;
  }}).length;
  box.scrollLeft = 0;
  return result;
}})"""


@pytest.mark.parametrize("visit", visit_params(TABLE_PAGES, PHONE), indirect=True)
def test_number_grids_stay_grids_on_a_phone_and_scroll_in_their_own_box(visit):
    width = visit.view.viewport["width"]
    for grid in visit.once("grids on a phone", lambda page: page.evaluate(GRID_ON_A_PHONE_JS)):
        name = f"{visit.path} {grid['name']}"
        assert grid["cards"] == 0, f"{name}: {grid['cards']} of {grid['rows']} rows are cards, not rows of a grid"
        assert grid["unnamed"] == 0, f"{name}: {grid['unnamed']} rows are not named in full by the column in view"
        assert grid["page"] <= width, f"{name}: the page scrolls sideways"
        assert grid["box"] and grid["boxRight"] <= width + 1, f"{name}: the grid does not scroll in a box of its own"
        if grid["scrolls"]:
            assert grid["scrolled"] > 0, f"{name}: the grid's box does not scroll"
            assert grid["firstOut"] == 0, f"{name}: scrolled, {grid['firstOut']} rows lose their first column"


# How many lines each value of a grid takes. A value ("0.287", "1 of 9", "p = 0.287", "12 days") is a number, with
# at most the words "of", "p" and "days" around it; a cell may hold two, after a comma ("1 of 9, p = 0.287"), and
# may break between them, never inside one.
VALUE_LINES_JS = rf"""() => [...document.querySelectorAll({GRIDS!r})].flatMap(t => [...t.querySelectorAll('td')])
  .filter(td => {{
    const text = td.textContent.trim();
    return /\d/.test(text) && !/[A-Za-z]/.test(text.replace(/\b(of|p|days?)\b/g, ''));
  }})
  .flatMap(td => {{
    const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT), values = [];
    while (walker.nextNode()) {{
      const node = walker.currentNode;
      for (const match of node.data.matchAll(/[^,]+/g)) {{
        const value = match[0].trim();
        if (!value) continue;
        const start = match.index + match[0].indexOf(value), range = document.createRange(), lines = new Set();
        range.setStart(node, start);
        range.setEnd(node, start + value.length);
        for (const r of range.getClientRects()) if (r.width > 0) lines.add(Math.round(r.bottom));
        values.push({{value: value, lines: lines.size}});
      }}
    }}
    return values;
  }})"""


@pytest.mark.parametrize("visit", visit_params(TABLE_PAGES, DESKTOP, PHONE), indirect=True)
def test_a_grid_keeps_each_value_on_one_line(visit):
    values = visit.once("grid values", lambda page: page.evaluate(VALUE_LINES_JS))
    broken = sorted({v["value"] for v in values if v["lines"] > 1})
    assert broken == [], f"{visit.path} ({visit.view.name}): values broken over lines: {broken[:5]}"


# Each table of words with three columns or more, as a phone shows it: is each row a card of its cells, one above
# the other, each under its column's name?
PROSE_ON_A_PHONE_JS = f"""() => [...document.querySelectorAll('article table.{PROSE}')]
  .filter(t => t.querySelectorAll('thead th').length >= 3).map(t => {{
    const names = [...t.querySelectorAll('thead th')].map(th => th.textContent.trim());
    const rows = [...t.querySelectorAll('tbody tr')];
    const stacked = r => [...r.children].every((c, i, cells) =>
      i === 0 || c.getBoundingClientRect().top >= cells[i - 1].getBoundingClientRect().bottom - 1);
    const labelled = r => [...r.children].every((c, i) =>
      getComputedStyle(c, '::before').content.replace(/^"|"$/g, '') === names[i]);
    return {{name: t.id || (t.querySelector('caption') || {{}}).textContent, rows: rows.length,
             cards: rows.filter(r => stacked(r) && labelled(r)).length}};
  }})"""


@pytest.mark.parametrize("visit", visit_params(TABLE_PAGES, PHONE), indirect=True)
def test_tables_of_words_become_cards_on_a_phone(visit):
    for table in visit.once("prose on a phone", lambda page: page.evaluate(PROSE_ON_A_PHONE_JS)):
        assert table["cards"] == table["rows"], f"{visit.path} {table['name']}: rows are not cards on a phone"


# Each column of the charts' data tables as drawn: its cells' text and alignment.
DATA_ALIGNMENT_JS = """() => {
  document.querySelectorAll('details.kadiz-chart-data').forEach(d => d.open = true);
  return [...document.querySelectorAll('details.kadiz-chart-data table')].flatMap(t =>
    [...t.querySelectorAll('thead th')].map((th, i) => ({
      name: th.textContent.trim(),
      cells: [...t.querySelectorAll('tbody tr')].map(r => r.children[i])
        .map(td => ({text: td.textContent.trim(), align: getComputedStyle(td).textAlign}))})));
}"""
NUMBER = re.compile(r"[−-]?\d[\d,]*(?:\.\d+)?%?")


# ------------------------------------------------------------------ the records chapter: summary first

RECORDS_JS = """() => {
  const top = el => el.getBoundingClientRect().top + window.scrollY;
  const boxes = [...document.querySelectorAll('#the-verdicts .dropdown.admonition')];
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
        chart.scroll_into_view_if_needed()  # a chart draws when the reader comes near it
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


# ------------------------------------------------------------------ one palette, light and dark

# Every fill and stroke of a chart's drawing, as hex (Vega writes what the spec names; the browser may report rgb()).
DRAWN_COLOURS_JS = """chart => {
  const hex = value => {
    const m = value && value.match(/^rgba?\\((\\d+),\\s*(\\d+),\\s*(\\d+)(?:,\\s*([\\d.]+))?\\)$/);
    if (m) return m[4] === '0' ? null : '#' + [m[1], m[2], m[3]].map(n => (+n).toString(16).padStart(2, '0')).join('');
    return value;
  };
  const found = new Set();
  chart.querySelectorAll('svg *').forEach(el => {
    for (const name of ['fill', 'stroke']) {
      const value = el.getAttribute(name);
      if (value && value !== 'none' && value !== 'transparent' && !value.startsWith('url(')) found.add(hex(value));
    }
  });
  found.delete(null);
  return [...found].map(c => c.toUpperCase());
}"""


def _drawn_colours(page) -> list[list[str]]:
    return [chart.evaluate(DRAWN_COLOURS_JS) for chart in page.locator(CHART).element_handles()]


@pytest.mark.parametrize("visit", visit_params(CHART_PAGES, DESKTOP, PHONE), indirect=True)
def test_charts_draw_only_the_palette_s_colours_for_the_page_s_mode(visit):
    # Light on a light page, their dark twins on a dark one: no white slab on a dark page, no colour of its own.
    mode = visit.view.color_scheme
    allowed = {getattr(c, mode).upper() for c in palette.PALETTE}
    for i, colours in enumerate(visit.once("drawn colours", _drawn_colours)):
        assert sorted(set(colours) - allowed) == [], f"{visit.path}: chart {i} draws colours outside the {mode} palette"


def test_a_chart_redraws_in_the_mode_the_reader_switches_to(browser, site_url):
    page = browser.new_page()
    try:
        page.emulate_media(color_scheme="light")
        page.goto(f"{site_url}/chapters/records.html")
        chart = page.locator(CHART).first
        chart.scroll_into_view_if_needed()  # a chart draws when the reader comes near it
        page.wait_for_function("c => c.querySelector('svg.marks')", arg=chart.element_handle())
        background = "c => c.querySelector('svg.marks rect.background, svg.marks > rect')?.getAttribute('fill')"
        before = chart.evaluate(DRAWN_COLOURS_JS)
        # The theme's button cycles light, dark, auto: the reader presses it until the page is dark.
        for _ in range(3):
            if page.evaluate("document.documentElement.dataset.theme") == "dark":
                break
            page.locator("button.theme-switch-button:visible").first.click()
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        page.wait_for_function("c => c.dataset.mode === 'dark' && c.querySelector('svg.marks')",
                               arg=chart.element_handle(), timeout=5000)
        after = chart.evaluate(DRAWN_COLOURS_JS)
        assert set(before) <= {c.light.upper() for c in palette.PALETTE}
        assert set(after) <= {c.dark.upper() for c in palette.PALETTE} and palette.PAPER.light.upper() not in after
        assert (chart.evaluate(background) or "").upper() != palette.PAPER.light.upper()
    finally:
        page.close()


# ------------------------------------------------------------------ verdict boxes show their rating

VERDICT_BOXES_JS = """() => [...document.querySelectorAll('#the-verdicts .dropdown.admonition')].map(box => {
  const title = box.querySelector('.admonition-title');
  const style = getComputedStyle(box), head = getComputedStyle(title), mark = getComputedStyle(title, '::after');
  return {title: title.innerText.trim(), border: style.borderLeftColor, icon: mark.color, iconContent: mark.content,
          text: head.color, background: head.backgroundColor};
})"""


def _rgb(hex_colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)))


def _luminance(css: str) -> float:
    r, g, b = (int(n) for n in re.findall(r"\d+", css)[:3])
    return palette.luminance(f"#{r:02x}{g:02x}{b:02x}")


@pytest.mark.parametrize("visit", visit_params(["chapters/records.html"], DESKTOP, PHONE), indirect=True)
def test_each_verdict_box_shows_its_rating_in_the_words_and_colour_of_fig_5_1(visit):
    boxes = visit.once("verdict boxes", lambda page: page.evaluate(VERDICT_BOXES_JS))
    data = load()
    claim_of = data.claims.set_index("id")["claim"]
    expected = {}
    for v in data.verdicts.itertuples():
        group = next(g for g, ratings in verdicts.RATING_GROUPS.items() if v.verdict in ratings)
        expected[claim_of[v.claim_id].strip().rstrip(".")] = (verdicts.RATINGS[v.verdict], group)
    assert len(boxes) == len(expected)
    mode = visit.view.color_scheme
    for box in boxes:
        claim = next(c for c in expected if c in box["title"])
        rating, group = expected[claim]
        # The rating leads the title, in Fig. 5.1's words.
        assert box["title"].lower().startswith(rating + ":"), box["title"]
        colour = _rgb(getattr(palette.RATING_GROUPS[group], mode))
        assert box["border"] == colour and box["icon"] == colour, (box["title"], group)
        # The title reads: its text against its tinted band.
        light, dark = sorted((_luminance(box["text"]), _luminance(box["background"])), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, box["title"]
    # The three groups look different from one another.
    assert len({b["border"] for b in boxes}) == len(verdicts.RATING_GROUPS)


# ------------------------------------------------------------------ captions and their sources

CAPTIONS_JS = """() => [...document.querySelectorAll('figure figcaption')].map(caption => {
  const body = getComputedStyle(document.body), style = getComputedStyle(caption), box = caption.getBoundingClientRect();
  const start = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
  return {text: caption.innerText.slice(0, 60), weight: +style.fontWeight, colour: style.color, bodyColour: body.color,
          lefts: [...caption.querySelectorAll('p')].map(p => {
            const range = document.createRange(); range.selectNodeContents(p);
            return range.getClientRects()[0].left - start;
          })};
})"""


# Words for a colour that a dark page turns round: there each chart draws the dark twin of every palette colour, so the
# darkest grey on paper is the faintest on screen. Captions and text alternatives say "strongest" and "faintest", or
# name the thing a colour stands for ("North Korea's colour").
LIGHT_ONLY_WORDS = re.compile(r"\b(?:dark|darker|darkest|light|lighter|lightest|black|white)\b(?! House)", re.I)


@pytest.mark.parametrize("path", CHART_PAGES)
def test_captions_and_text_alternatives_name_colours_in_words_true_in_either_mode(path):
    soup = _soup(path)
    texts = [f.get_text(" ", strip=True) for f in soup.select("figure figcaption")]
    texts += [img.get("alt", "") for img in soup.select("figure img")]
    texts += [spec.get("description", "") for _, spec in _layouts(path) if spec]
    found = sorted({m.group() for text in texts for m in LIGHT_ONLY_WORDS.finditer(text)})
    assert found == [], f"{path}: colour words that a dark page reverses: {found}"


@pytest.mark.parametrize("visit", visit_params(CHART_PAGES, DESKTOP, PHONE), indirect=True)
def test_captions_read_in_the_text_s_weight_and_colour_with_their_source_flush_left(visit):
    captions = visit.once("captions", lambda page: page.evaluate(CAPTIONS_JS))
    assert captions, visit.path
    for caption in captions:
        assert caption["weight"] >= 400 and caption["colour"] == caption["bodyColour"], caption["text"]
        # Every line of the caption, the "Source:" line too, starts at the caption's left edge.
        assert all(abs(left) <= 1 for left in caption["lefts"]), (caption["text"], caption["lefts"])


@pytest.mark.parametrize("visit", visit_params(CHART_PAGES, DESKTOP), indirect=True)
def test_data_tables_set_numbers_right_and_words_left(visit):
    # A column of numbers ("56", "0.045") is set right so that its digits line up; a column with words in it (a
    # date column holding "2017" and "24 May 2022") is set left, as text is read.
    columns = visit.once("data table alignment", lambda page: page.evaluate(DATA_ALIGNMENT_JS))
    assert columns, f"{visit.path}: no data table"
    wrong = []
    for column in columns:
        written = [c for c in column["cells"] if c["text"]]
        numbers = bool(written) and all(NUMBER.fullmatch(c["text"]) for c in written)
        wrong += [(column["name"], c["text"][:30], c["align"]) for c in written
                  if c["align"] not in (("right", "end") if numbers else ("left", "start"))]
    assert wrong == [], f"{visit.path}: data-table cells aligned against their kind: {sorted(set(wrong))[:6]}"


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
    # On a dark page the chart draws the dark twin of each palette colour (kadiz/charts/render.py).
    zone = _zone_colour()
    if page.evaluate("document.documentElement.dataset.theme") == "dark":
        zone = next(c.dark for c in palette.PALETTE if c.light.upper() == zone.upper())
    return page.locator(MAP).element_handle().evaluate(MAP_JS, zone)


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

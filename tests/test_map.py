"""The map: the clipped land reproduces byte for byte, the geometry is worked by hand, and the chart draws the
boundary as lines, the vague places as areas, and nothing from another host."""

import json
import math
import re
import subprocess
import sys

import pandas as pd
import pytest
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box, shape

from kadiz import map as region_map
from kadiz import words
from kadiz.charts import map as map_charts
from kadiz.charts import map_names
from kadiz.charts import theme
from kadiz.data import load
from kadiz.paths import ROOT
from kadiz.validation.geo import REGION
from scripts import clip_land
from tests.chart_specs import CODES, headline, layers

SOURCE = ROOT / "node_modules" / "world-atlas" / "countries-10m.json"
KM_PER_DEGREE = 6371.0 * math.pi / 180  # 111.19 km along a meridian


def test_the_committed_land_is_what_the_script_makes(tmp_path):
    if not SOURCE.is_file():
        pytest.fail(f"{SOURCE.relative_to(ROOT)} is missing: run `make setup` (npm ci)")
    out = tmp_path / "land.topo.json"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "clip_land.py"), "--out", str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == (ROOT / "data" / "geo" / "land.topo.json").read_bytes()


def test_the_land_is_light_and_covers_the_region_only():
    land = region_map.land()
    assert (ROOT / "data" / "geo" / "land.topo.json").stat().st_size < 150_000
    names = {g["properties"]["name"] for g in land["objects"]["countries"]["geometries"]}
    assert names == {"China", "Japan", "North Korea", "Russia", "South Korea"}
    west, south, east, north = land["bbox"]
    clip_west, clip_south, clip_east, clip_north = clip_land.REGION
    assert clip_west <= west and east <= clip_east and clip_south <= south and north <= clip_north


def test_a_degree_of_latitude_due_north():
    lat, lon = region_map.destination(0.0, 100.0, KM_PER_DEGREE, 0)
    assert lat == pytest.approx(1.0) and lon == pytest.approx(100.0)


def test_126_km_northwest_of_ieodo():
    # 126 km is 1.133 degrees of arc; at 315 degrees, 0.801 of it northwards and 0.801 westwards, which at about
    # 32.5 degrees north (cos = 0.843) is 0.950 degrees of longitude.
    lat, lon = region_map.destination(32.12, 125.18, 126, 315)
    assert lat == pytest.approx(32.12 + 0.801, abs=0.01)
    assert lon == pytest.approx(125.18 - 0.950, abs=0.01)


def test_a_circle_runs_clockwise_from_north_and_closes():
    ring = region_map.circle_ring(37.24, 131.87, 80, steps=4)
    assert len(ring) == 5 and ring[0] == ring[-1]
    (lon_n, lat_n), (lon_e, lat_e) = ring[0], ring[1]
    assert lat_n == pytest.approx(37.24 + 80 / KM_PER_DEGREE) and lon_n == pytest.approx(131.87)
    assert lon_e > 131.87  # the second point is east: north, east, south, west is clockwise on a map
    shoelace = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))
    assert shoelace < 0  # negative signed area in (lon, lat): clockwise


def _boundary(segments):
    rows = [{"order": i + 1, "lat": 30.0 + i, "lon": 124.0, "as_published": f"{30 + i}°N 124°E",
             "next_segment": s, "source_ids": "newdaily2013kadiz"} for i, s in enumerate(segments)]
    return pd.DataFrame(rows)


def test_boundary_runs_become_one_line_each():
    lines = region_map.boundary_lines(_boundary(["given", "given", "approximate", "given", None]))
    assert [f["properties"]["known"] for f in lines] == ["given", "approximate", "given"]
    assert [len(f["geometry"]["coordinates"]) for f in lines] == [3, 2, 2]
    assert {f["geometry"]["type"] for f in lines} == {"LineString"}
    assert lines[1]["properties"]["points"] == "32°N 124°E; 33°N 124°E"


@pytest.fixture(scope="module")
def region():
    data = load()
    return map_charts.region_map_figure(data.kadiz_boundary, data.places, data.map_areas, data.records, data.events,
                                        data.map_sources)


@pytest.fixture(scope="module")
def spec(region):
    return region.desktop.to_dict()


def test_the_zone_is_drawn_as_lines_and_the_vague_places_as_areas(spec):
    # The shapes are named datasets, which both layouts draw: the geometry of the layers' data.
    named = spec.get("datasets", {})
    geometry = [v["geometry"]["type"] for layer in spec["layer"]
                for v in named.get(layer.get("data", {}).get("name"), layer.get("data", {}).get("values", []))
                if isinstance(v, dict) and "geometry" in v]
    assert geometry.count("LineString") == 3  # given, approximate (East Sea to Korea Strait), given
    assert geometry.count("Polygon") == 2  # the H-6 entry and the joint re-entry
    text = json.dumps(spec)
    assert "126 km northwest of Ieodo" in text and "near Dokdo" in text
    assert "East Sea / Sea of Japan" in text and "East China Sea" in text


def test_the_approximate_stretch_is_dashed_and_named_in_the_legend(spec):
    dash = next(layer["encoding"]["strokeDash"] for layer in spec["layer"] if "strokeDash" in layer.get("encoding", {}))
    assert dash["scale"]["domain"] == ["given", "approximate"] and dash["scale"]["range"][1] != [1, 0]
    assert "approximate" in dash["legend"]["labelExpr"]


def test_the_map_fetches_nothing(spec):
    text = json.dumps(spec)
    assert '"url"' not in text and "http" not in text.replace(spec.get("$schema", ""), "")


def test_every_source_of_the_map_is_in_the_bibliography_at_its_address():
    from pybtex.database import parse_file

    bib = parse_file(str(ROOT / "references.bib")).entries
    sources = load().map_sources
    for _, source in sources.iterrows():
        assert source["id"] in bib, source["id"]
        assert bib[source["id"]].fields["url"] == source["url"]
        assert bib[source["id"]].fields["year"] == source["published"][:4]


# ------------------------------------------------------------------ the figure, desktop and phone


@pytest.mark.parametrize("layout", [theme.DESKTOP, theme.PHONE])
def test_both_layouts_at_their_width_with_a_finding_and_no_zoom(region, layout):
    spec = getattr(region, layout.name).to_dict()
    assert spec["width"] == layout.width and spec["title"]["text"] and spec["title"]["subtitle"]
    assert "params" not in json.dumps(spec)
    sizes = [layer["mark"].get("fontSize") for layer in layers(spec) if isinstance(layer["mark"], dict)]
    assert all(s is None or s >= theme.TEXT_SIZE for s in sizes)  # area names were 10 px, place names 11


def test_map_headline_quotes_the_sources_words(region):
    assert headline(region.desktop.to_dict()) == ("The flights of 24 May entered the zone 126 km northwest of "
                                                   "Ieodo and near Dokdo")


def test_sunan_and_pyongyang_names_do_not_touch():
    data = load()
    marks = region_map.area_marks(data.map_areas, data.places, data.records, data.events)
    for layout in (theme.DESKTOP, theme.PHONE):
        height = map_charts.PHONE_HEIGHT if layout.phone else map_charts.HEIGHT
        labels = map_names.map_labels(data.places, marks.drop(columns="feature"), layout.width, height,
                                       layout.phone).set_index("names", drop=False)
        project = map_names.projector(layout.width, height, map_names.PHONE_FRAME if layout.phone else REGION)
        boxes = {}
        for name, row in labels[labels["kind"] == "place"].iterrows():
            x, y = project(row["lon"], row["lat"])
            boxes[name] = map_names._box(x, y, row["lines"], row["align"], row["dx"], row["dy"])
        sunan, pyongyang = boxes["Sunan (Pyongyang International Airport)"], boxes["Pyongyang"]
        assert map_names._clear(sunan, [pyongyang], margin=2), layout.name


def test_map_phone_puts_the_legends_beneath_the_map(region):
    spec = region.phone.to_dict()
    legends = [enc[ch]["legend"] for layer in layers(spec) for enc in [layer.get("encoding", {})]
               for ch in ("stroke", "fill") if isinstance(enc.get(ch), dict) and enc[ch].get("legend")]
    assert legends and all(legend["legendY"] >= spec["height"] for legend in legends)


def test_map_colours_and_words(region):
    text = json.dumps(region.desktop.to_dict())
    # Joint flight purple; the zone a boundary in dark ink, never the accent (the verdicts' "falls short").
    assert theme.JOINT_COLOUR in text and map_charts.ZONE in text and theme.ACCENT not in text
    assert "from the source" in text and "New Daily, 2013" in text
    # The boundary's tooltip says in words how each stretch is known, and names its source.
    tooltip = [layer["encoding"]["tooltip"] for layer in layers(region.desktop.to_dict())
               if "strokeDash" in layer.get("encoding", {})][0]
    assert [t["field"] for t in tooltip] == ["properties.stretch", "properties.points", "properties.source"]
    table = region.table
    assert list(table.columns) == ["On the map", "What it is", "Where", "How it is known"]
    assert not CODES.search(" ".join(table.astype(str).to_numpy().ravel()))


# ------------------------------------------------------------------ a locator map: what a reader reads on it
# Each name as drawn: its box worked out from the chart's spec (the text layers' rows, alignment and offsets) and
# the projection Vega draws with, at the width the theme measures text by (generous: the widest of the fonts a
# browser or the PDF may substitute). What the map draws across the names: the zone line and the areas' outlines
# along great circles, as d3 draws a line between two points, and the places' dots.

def _projector(spec: dict):
    """The projection as the spec fits it (to the corners of a frame), in pixels."""
    lons, lats = zip(*spec["projection"]["fit"]["geometry"]["coordinates"])
    return map_names.projector(spec["width"], spec["height"], (min(lons), min(lats), max(lons), max(lats)))


def _rows(spec: dict, layer: dict) -> list:
    data = layer.get("data", {})
    return spec.get("datasets", {}).get(data["name"], []) if "name" in data else data.get("values", [])


def _names(spec: dict) -> list[dict]:
    """Every name the map draws: its kind (country, sea, place, area), its text and its box in pixels."""
    project = _projector(spec)
    names = []
    for layer in layers(spec):
        mark = layer["mark"]
        if not isinstance(mark, dict) or mark.get("type") != "text":
            continue
        size, bold = mark.get("fontSize", theme.TEXT_SIZE), mark.get("fontWeight") == "bold"
        enc = layer["encoding"]
        for row in _rows(spec, layer):
            lines = row[enc["text"]["field"]]
            lines = lines if isinstance(lines, list) else [lines]
            x, y = project(row[enc["longitude"]["field"]], row[enc["latitude"]["field"]])
            width = max(theme.text_px(line, size, bold) for line in lines)
            left = x + mark.get("dx", 0) - {"left": 0, "center": width / 2, "right": width}[mark.get("align", "center")]
            # As Vega sets it: the first line centred on the point (baseline "middle"), the others below it.
            line = max(mark.get("lineHeight", size + 2), theme.LINE * size / theme.TEXT_SIZE)
            top = y + mark.get("dy", 0) - line / 2
            height = line * len(lines)
            names.append({"kind": row.get("kind"), "text": " ".join(lines),
                          "box": box(left, top, left + width, top + height)})
    return names


def _drawn_lines(spec: dict) -> list[tuple[str, LineString]]:
    """What the map draws as lines and dots, in pixels: each stretch of the zone line, each area's outline and each
    place's dot (a square round its 30 px² circle)."""
    project = _projector(spec)
    drawn = []
    for layer in layers(spec):
        mark = layer["mark"] if isinstance(layer["mark"], dict) else {"type": layer["mark"]}
        if mark["type"] == "geoshape":
            for feature in _rows(spec, layer):
                if not isinstance(feature, dict) or "geometry" not in feature:
                    continue  # the land: coastlines may run under a name, lines drawn over the map may not
                geometry = feature["geometry"]
                runs = [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
                for run in runs:
                    points = [p for a, b in zip(run, run[1:]) for p in region_map.great_circle(a, b)]
                    drawn.append((geometry["type"], LineString([project(*p) for p in points])))
        elif mark["type"] == "point":
            for row in _rows(spec, layer):
                x, y = project(row["lon"], row["lat"])
                drawn.append(("dot of " + row["name"], box(x - 3, y - 3, x + 3, y + 3)))
    return drawn


def _land(spec: dict) -> dict:
    """The countries as the map draws them, in pixels."""
    from topojson.utils import serialize_as_geojson

    project = _projector(spec)
    countries = {}
    for feature in serialize_as_geojson(region_map.land(), objectname="countries")["features"]:
        outline = shape(feature["geometry"])
        parts = outline.geoms if outline.geom_type == "MultiPolygon" else [outline]
        countries[feature["properties"]["name"]] = MultiPolygon([
            Polygon([project(*p) for p in part.exterior.coords],
                    [[project(*p) for p in ring.coords] for ring in part.interiors]) for part in parts]).buffer(0)
    return countries


@pytest.fixture(scope="module", params=["desktop", "phone"])
def layout_spec(request, region):
    return request.param, getattr(region, request.param).to_dict()


def test_a_great_circle_runs_north_of_its_parallel():
    # Between two points on 39° N the shortest way bends towards the pole: d3 draws the zone's edges so.
    points = region_map.great_circle([124.0, 39.0], [133.0, 39.0])
    assert points[0] == pytest.approx([124.0, 39.0]) and points[-1] == pytest.approx([133.0, 39.0])
    assert max(lat for _, lat in points) > 39.05


def test_the_land_is_clipped_wider_than_the_view(layout_spec):
    # A coastline must end at the frame, where the projection's clip cuts it, not at the edge of the clipped land:
    # the edge of the area the land is clipped to lies outside the view all round, in each layout.
    name, spec = layout_spec
    project = _projector(spec)
    west, south, east, north = clip_land.REGION
    edge = [(west + (east - west) * i / 200, lat) for i in range(201) for lat in (south, north)] + \
           [(lon, south + (north - south) * i / 200) for i in range(201) for lon in (west, east)]
    view = box(0, 0, spec["width"], spec["height"])
    inside = [(lon, lat) for lon, lat in edge if view.buffer(2).contains(Point(project(lon, lat)))]
    assert inside == [], f"{name}: the land stops inside the view, at {inside[:3]}"
    assert view.centroid.within(Polygon([project(*p) for p in
                                         [(west, south), (east, south), (east, north), (west, north)]]).buffer(50))


def test_the_countries_and_seas_are_named_on_their_land_and_sea(layout_spec):
    name, spec = layout_spec
    names = _names(spec)
    land = _land(spec)
    countries = {n["text"].casefold(): n["box"] for n in names if n["kind"] == "country"}
    expected = {words.COUNTRY[code] for code in ("CHN", "PRK", "KOR", "JPN", "RUS")}
    assert set(countries) == {c.casefold() for c in expected}, name
    for country in expected:
        assert countries[country.casefold()].within(land[country]), f"{name}: {country} is not written on {country}"
    seas = {n["text"]: n["box"] for n in names if n["kind"] == "sea"}
    assert set(seas) == {"Yellow Sea", "East China Sea", "East Sea / Sea of Japan"}, name
    view = box(0, 0, spec["width"], spec["height"])
    for sea, where in seas.items():
        touched = [c for c, outline in land.items() if where.intersects(outline)]
        assert where.within(view) and touched == [], f"{name}: {sea} is written over {touched or 'the frame'}"


def test_nothing_is_drawn_across_a_name(layout_spec):
    name, spec = layout_spec
    names = _names(spec)
    crossed = [(what, n["text"]) for what, line in _drawn_lines(spec) for n in names if line.intersects(n["box"])]
    assert crossed == [], f"{name}: drawn across names: {crossed}"
    clash = [(a["text"], b["text"]) for i, a in enumerate(names) for b in names[i + 1:]
             if a["box"].intersects(b["box"])]
    assert clash == [], f"{name}: names on names: {clash}"
    view = box(0, 0, spec["width"], spec["height"])
    assert [n["text"] for n in names if not n["box"].within(view)] == [], f"{name}: names cut by the frame"


def test_every_place_is_named_in_both_layouts(layout_spec):
    name, spec = layout_spec
    named = {n["text"] for n in _names(spec) if n["kind"] == "place"}
    assert set(load().places["label"]) - named == set(), f"{name}: places without their name"


def test_the_desktop_legends_sit_inside_the_map():
    # Worked out as Vega lays a legend out: padding, the title's line, one line per entry, a symbol and its label.
    spec = map_charts.region_map_figure(*_map_args()).desktop.to_dict()
    legends = [enc[ch]["legend"] | {"title": enc[ch]["title"], "entries": enc[ch]["scale"]["domain"]}
               for layer in layers(spec) for enc in [layer.get("encoding", {})]
               for ch in ("stroke", "fill") if isinstance(enc.get(ch), dict) and enc[ch].get("legend")]
    for legend in legends:
        labels = legend["entries"] + re.findall(r"'([^']*)'", legend.get("labelExpr", ""))
        width = 2 * legend["padding"] + max(theme.text_px(legend["title"]), 16 + max(map(theme.text_px, labels)))
        height = 2 * legend["padding"] + theme.LINE * (1 + len(legend["entries"]))
        assert legend["legendX"] >= 0 and legend["legendX"] + width <= spec["width"], legend["title"]
        assert legend["legendY"] >= 0 and legend["legendY"] + height <= spec["height"], legend["title"]


def _map_args():
    data = load()
    return data.kadiz_boundary, data.places, data.map_areas, data.records, data.events, data.map_sources

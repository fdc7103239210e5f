"""The map: the clipped land reproduces byte for byte, the geometry is worked by hand, and the chart draws the
boundary as lines, the vague places as areas, and nothing from another host."""

import json
import math
import subprocess
import sys

import pandas as pd
import pytest

from kadiz import map as region_map
from kadiz.charts import map as map_charts
from kadiz.charts import theme
from kadiz.data import load
from kadiz.paths import ROOT
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
    assert 118 <= west and east <= 136 and 28 <= south and north <= 44


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
        height = map_charts.HEIGHT * layout.width / theme.DESKTOP.width
        labels = map_charts.map_labels(data.places, marks.drop(columns="feature"), layout.width, height,
                                       layout.phone).set_index("names", drop=False)
        project = map_charts.projector(layout.width, height)
        boxes = {}
        for name, row in labels[labels["kind"] == "place"].iterrows():
            x, y = project(row["lon"], row["lat"])
            boxes[name] = map_charts._box(x, y, row["lines"], row["align"], row["dx"], row["dy"])
        sunan, pyongyang = boxes["Sunan (Pyongyang International Airport)"], boxes["Pyongyang"]
        assert map_charts._clear(sunan, [pyongyang], margin=2), layout.name


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

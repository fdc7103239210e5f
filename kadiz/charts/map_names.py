"""Where the map's names go: the countries and seas where a cartographer would put them, and every place and area
named beside its mark, clear of every line drawn over the map, every dot, the legends and each other.

The labeller works in the pixels Vega draws the map in: `projector` is d3's conformal conic fitted to the frame,
as the chart's projection is, so a name's box here is the box it takes on the page (tests/test_map.py checks the
placement in the spec, tests/test_charts_read.py as drawn).
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd
from shapely.geometry import LineString
from shapely.geometry import box as shapely_box

from kadiz import map as region_map
from kadiz import words
from kadiz.charts.theme import LINE, text_px, wrap_px
from kadiz.validation.geo import REGION

# Where the seas and the countries are named (lat, lon of the name's middle): cartographic choices, not data,
# checked by tests/test_map.py (each country's name on its own land, each sea's in open water,
# nothing drawn across them). South Korea calls the sea between Korea and Japan the East Sea, Japan and most
# atlases the Sea of Japan; the map gives both names.
SEA_LABELS = (("Yellow Sea", 35.4, 122.7), ("East China Sea", 28.85, 125.4), ("East Sea / Sea of Japan", 41.5, 134.2))
COUNTRY_LABELS = {"CHN": (41.55, 123.6), "PRK": (40.45, 126.9), "KOR": (36.2, 128.45), "JPN": (35.1, 134.6),
                  "RUS": (43.6, 133.1)}
# A phone shows less of the region, larger (PHONE_FRAME): where names go there instead, by the name.
PHONE_LABELS = {"East China Sea": (30.4, 127.7), "Yellow Sea": (36.05, 122.4), "North Korea": (40.08, 126.48)}
# West, south, east, north: what the phone layout is fitted to: the zone, the places and a strip of each country
# round them, so that 12 px names fit the peninsula (the desktop is fitted to the places' region, REGION).
PHONE_FRAME = (120.3, 30.6, 136.3, 44.0)
AREA_LINE_PHONE = 80  # px: "Chinese" / "H-6 entry", "Joint" / "re-entry" on a phone
PARALLELS, ROTATE = (30, 42), -127


def _frame_points(frame: tuple[float, float, float, float] = REGION) -> list[tuple[float, float]]:
    west, south, east, north = frame
    return [(west, south), (east, south), (east, north), (west, north), ((west + east) / 2, south)]


def projection(frame: tuple[float, float, float, float]) -> alt.Projection:
    """The chart's projection, fitted to `frame` (west, south, east, north); `projector` computes the same."""
    points = {"type": "Feature", "properties": {},
              "geometry": {"type": "MultiPoint", "coordinates": [list(p) for p in _frame_points(frame)]}}
    return alt.Projection(type="conicConformal", parallels=list(PARALLELS), rotate=[ROTATE, 0, 0], fit=points)


def projector(width: float, height: float, frame: tuple[float, float, float, float] = REGION):
    """(lon, lat) -> (x, y) in pixels as Vega draws the map (d3's conformal conic, fitted to `frame`, west, south,
    east, north): what the labeller needs to know where each name would fall."""
    y0, y1 = map(math.radians, PARALLELS)

    def tany(y):
        return math.tan((math.pi / 2 + y) / 2)

    n = math.log(math.cos(y0) / math.cos(y1)) / math.log(tany(y1) / tany(y0))
    f = math.cos(y0) * tany(y0) ** n / n

    def raw(lon, lat):
        lam, r = math.radians(lon + ROTATE), f / tany(math.radians(lat)) ** n
        return r * math.sin(n * lam), r * math.cos(n * lam) - f

    xs, ys = zip(*(raw(*p) for p in _frame_points(frame)))
    k = min(width / (max(xs) - min(xs)), height / (max(ys) - min(ys)))
    tx, ty = (width - k * (max(xs) + min(xs))) / 2, (height - k * (max(ys) + min(ys))) / 2

    def project(lon, lat):
        x, y = raw(lon, lat)
        return tx + k * x, ty + k * y

    return project


def _lines(text: str, phone: bool) -> list[str]:
    """A label as lines: on a phone, a second name after " / " and an aside in brackets go on a line of their own."""
    if not phone:
        return [text]
    if " / " in text:
        first, rest = text.split(" / ", 1)
        return [f"{first} /", rest]
    if " (" in text:
        first, rest = text.split(" (", 1)
        return [first, f"({rest}"]
    return [text]


def _box(x, y, lines, align, dx, dy, bold=False):
    """The box a name takes as Vega sets it: its first line centred on (x + dx, y + dy) (baseline "middle"), the
    others below it, LINE apart (the marks' lineHeight)."""
    w = max(text_px(line, bold=bold) for line in lines)
    left = x + dx - {"left": 0, "center": w / 2, "right": w}[align]
    top = y + dy - LINE / 2
    return left, top, left + w, top + LINE * len(lines)


def _clear(box, others, margin=2) -> bool:
    return all(box[2] + margin <= o[0] or o[2] + margin <= box[0] or box[3] + margin <= o[1] or o[3] + margin <= box[1]
               for o in others)


def _place_candidates(side: str, h: float) -> list[tuple[str, float, float]]:
    """Where a place's name may go, nearest first: beside its dot on the side the data give, then the other side,
    above and below; then the same a little further out, for a dot inside a circle or beside a line."""
    other = "left" if side == "right" else "right"
    candidates = []
    for gap in (7, 12, 18, 22, 26, 30, 34):
        for s in (side, other):
            candidates += [(s, gap if s == "left" else -gap, dy) for dy in (-4, -12, 10, 16, -20)]
        candidates += [("center", 0, -(h + gap - 1)), ("center", 0, h + gap - 1)]
    return candidates


def map_labels(places: pd.DataFrame, areas: pd.DataFrame, width: float, height: float, phone: bool,
               keep_out: list | None = None, anchors: set = frozenset(), lines: list | None = None) -> pd.DataFrame:
    """Where each name goes: the countries and the seas where COUNTRY_LABELS and SEA_LABELS put them; each area's
    name above its circle, else below or beside it; each place's name on the side the data give (places.csv
    `label_side`), else a little higher or lower, the other side, above or below its dot, then the same a little
    further out, whichever first clears every dot, every name placed before, `keep_out` (the legends) and every
    line drawn over the map (`lines`: the zone's and the circles' outlines, each a list of (lon, lat) along the
    way it is drawn). The places the areas are drawn from (`anchors`) are named first."""
    project = projector(width, height, PHONE_FRAME if phone else REGION)
    drawn = [LineString([project(lon, lat) for lon, lat in line]) for line in lines or []]
    dots = []
    for _, p in places.iterrows():
        x, y = project(p["lon"], p["lat"])
        dots.append((x - 4, y - 4, x + 4, y + 4))
    taken = list(dots) + list(keep_out or [])
    labels = []

    def fits(b):
        return (b[0] >= 2 and b[1] >= 2 and b[2] <= width - 2 and b[3] <= height - 2 and _clear(b, taken)
                and not any(line.intersects(shapely_box(*b)) for line in drawn))

    def place(row, x, y, candidates, bold=False):
        # Candidates give where the middle of the name goes; Vega sets its first line there, so a name of several
        # lines is lifted by half the lines below the first.
        lift = (len(row["lines"]) - 1) * LINE / 2
        candidates = [(align, round(dx), round(dy - lift)) for align, dx, dy in candidates]
        for align, dx, dy in candidates:
            b = _box(x, y, row["lines"], align, dx, dy, bold)
            if fits(b):
                break
        else:
            align, dx, dy = candidates[0]  # tests/test_map.py names the clash
            b = _box(x, y, row["lines"], align, dx, dy, bold)
        taken.append(b)
        labels.append({**row, "align": align, "dx": dx, "dy": dy})

    for code, (lat, lon) in COUNTRY_LABELS.items():
        name = words.COUNTRY[code]
        lat, lon = PHONE_LABELS.get(name, (lat, lon)) if phone else (lat, lon)
        x, y = project(lon, lat)
        # A name of two words in two lines: the two Koreas' fit the narrow peninsula so.
        place({"kind": "country", "lines": name.split(" "), "lon": lon, "lat": lat}, x, y,
              [("center", 0, 0)])
    for name, lat, lon in SEA_LABELS:
        lat, lon = PHONE_LABELS.get(name, (lat, lon)) if phone else (lat, lon)
        x, y = project(lon, lat)
        # On a phone "Sea" goes on a line of its own if the name has no second name ("Yellow / Sea").
        lines = name.rsplit(" ", 1) if phone and " / " not in name else _lines(name, phone)
        place({"kind": "sea", "lines": lines, "lon": lon, "lat": lat}, x, y, [("center", 0, 0)])
    for _, a in areas.iterrows():
        x, y = project(a["lon"], a["lat"])
        radius = abs(project(a["lon"], a["lat"] + a["radius_km"] / region_map.KM_PER_DEGREE_LAT)[1] - y)
        # The area's name and its aside ("(about here)") in two lines, one would not fit between the zone's
        # edges; on a phone the name alone, broken to fit west of the zone (the legend and the tooltip give
        # the aside).
        first, rest = a["label"].split(" (", 1) if " (" in a["label"] else (a["label"], "")
        lines = wrap_px(first, AREA_LINE_PHONE, bold=True) if phone else [first] + ([f"({rest}"] if rest else [])
        h = LINE * len(lines) / 2
        # Above or below the circle, centred on it or slid sideways off a line that runs past it; then beside it.
        candidates = []
        for gap in (3, 10, 18):
            for dy in (-(radius + gap + h), radius + gap + h):
                candidates += [("center", 0, dy)] + [(align, k * radius, dy) for k in (0.5, -0.5, 1, -1, 1.5, -1.5)
                                                     for align in ("left", "right")]
            candidates += [("left", radius + gap + 1, 0), ("right", -(radius + gap + 1), 0)]
        place({"kind": "area", "id": a["id"], "lines": lines, "lon": a["lon"], "lat": a["lat"], "label": a["label"],
               "wording": a["wording"], "passage": a["passage"]}, x, y, candidates, bold=True)
    # Named first, so they take the nearest places: the places the flights are placed from, then the places with
    # a note of their own (the capitals, the launch site), then the rest.
    marks = region_map.place_marks(places).assign(
        _rank=[0 if name in anchors else 1 if about else 2
               for name, about in zip(places["id"], region_map.place_marks(places)["about"])])
    for _, p in marks.sort_values("_rank", kind="stable").iterrows():
        x, y = project(p["lon"], p["lat"])
        # A name right of its dot starts there (aligned left); one left of it ends there (aligned right).
        side = "left" if p["label_side"] == "right" else "right"
        lines = _lines(p["label"], phone)
        place({"kind": "place", "lines": lines, "lon": p["lon"], "lat": p["lat"], "names": p["names"],
               "position": p["position"], "basis": p["basis"], "about": p["about"]}, x, y,
              _place_candidates(side, LINE * len(lines) / 2))
    return pd.DataFrame(labels)

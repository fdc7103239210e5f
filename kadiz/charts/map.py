"""The map of the region: land, the KADIZ boundary, the places, and the approximate areas of 24 May 2022.

Drawn offline: the land is the committed TopoJSON (data/geo/land.topo.json), inlined in the spec; nothing is
requested from another host. The projection is a conformal conic with standard parallels at 30° and 42°N, which
keeps shapes true at the latitudes of the map, fitted to the region and clipped to the frame; the land is clipped
to a wider area (scripts/clip_land.py), so coastlines run on to the frame.

A locator map: the countries and the seas are named, every place is named in both layouts, and nothing is drawn
across a name (the labeller keeps names off the zone line, the areas' outlines, the dots, the legends and each
other; tests/test_map.py and tests/test_charts_read.py check it in the spec and as drawn).

Two layouts: on a desktop the legends sit inside the frame, in the open sea at the map's lower right; on a phone the
map shows the zone and its surroundings larger, long names break onto two lines, and the legends go beneath it,
where they cover nothing.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd
from shapely.geometry import LineString
from shapely.geometry import box as shapely_box

from kadiz import map as region_map
from kadiz import words
from kadiz.charts.render import Figure
from kadiz.charts import palette
from kadiz.charts.theme import (DESKTOP, GREYS, JOINT_COLOUR, LANE_COLOURS, LINE, PAPER_COLOUR, PHONE, TEXT_COLOUR, TEXT_SIZE,
                                Layout, headline, text_px, wrap_px)
from kadiz.validation.geo import REGION

HEIGHT = 560
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
PHONE_HEIGHT = 370
AREA_LINE_PHONE = 80  # px: "Chinese" / "H-6 entry", "Joint" / "re-entry" on a phone
BOUNDARY_TITLE = "KADIZ boundary (2013)"
LEGEND_BOX = {"orient": "none", "direction": "vertical", "fillColor": PAPER_COLOUR, "strokeColor": palette.FRAME.light,
              "padding": 6, "labelLimit": 220}
LEGEND_SYMBOL = 18  # a legend entry's symbol and the gap to its label, in px
LEGEND_GAP = 8  # between a legend box and the frame, and between the two boxes
LAND_DATASET = "land-natural-earth-10m"
LAND_FILL, LAND_STROKE, SEA = palette.LAND.light, palette.COAST.light, palette.SEA.light
# The zone is a boundary, as a map draws one: in dark ink (red is the verdicts' "falls short", nothing else). The
# flights keep the colours of who flew them.
ZONE = GREYS[0]
AREA_COLOURS = {"h6-entry-2022-05-24": LANE_COLOURS["China"], "joint-entry-2022-05-24": JOINT_COLOUR}
KNOWN_WORDS = {"given": "from the source", "approximate": "approximate (the source gives no points)"}
KNOWN_LEGEND = {"given": "from the source", "approximate": "approximate"}
AREA_TITLE = "Flights of 24 May 2022"
PARALLELS, ROTATE = (30, 42), -127


def _frame_points(frame: tuple[float, float, float, float] = REGION) -> list[tuple[float, float]]:
    west, south, east, north = frame
    return [(west, south), (east, south), (east, north), (west, north), ((west + east) / 2, south)]


def _projection(frame: tuple[float, float, float, float]) -> alt.Projection:
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


def _source_names(sources: pd.DataFrame) -> dict[str, str]:
    return {row["id"]: f"{row['publisher']}, {row['published'][:4]}" for _, row in sources.iterrows()}


def _map_chart(boundary: pd.DataFrame, places: pd.DataFrame, areas: pd.DataFrame, records: pd.DataFrame,
               events: pd.DataFrame, sources: pd.DataFrame, layout: Layout) -> alt.LayerChart:
    phone = layout.phone
    width = layout.width
    height = PHONE_HEIGHT if phone else HEIGHT
    projection = _projection(PHONE_FRAME if phone else REGION)
    # The land, the boundary and the areas are named datasets, which the desktop and the phone layout share
    # (render.Figure keeps each once).
    land = alt.Chart(alt.NamedData(name=LAND_DATASET, format=alt.DataFormat(type="topojson", feature="countries"))
                     ).mark_geoshape(fill=LAND_FILL, stroke=LAND_STROKE, strokeWidth=0.6, clip=True).encode(
        tooltip=[alt.Tooltip("properties.name:N", title="Country")])

    marks = region_map.area_marks(areas, places, records, events)
    # Legends: in the open sea at the lower right on a desktop, each box as wide as its longest line and inside
    # the frame; beneath the map on a phone. Their boxes, which names keep clear of on a desktop:
    legend_texts = [(BOUNDARY_TITLE, list(KNOWN_LEGEND.values())), (AREA_TITLE, list(marks["label"]))]
    sizes = [(2 * LEGEND_BOX["padding"] + max(text_px(title), LEGEND_SYMBOL + max(map(text_px, labels))),
              2 * LEGEND_BOX["padding"] + LINE * (1 + len(labels))) for title, labels in legend_texts]
    keep_out = []
    bottom = height - LEGEND_GAP
    for w, h in reversed(sizes):
        keep_out.insert(0, (width - LEGEND_GAP - w, bottom - h, width - LEGEND_GAP, bottom))
        bottom -= h + LEGEND_GAP

    def legend_at(row: int) -> dict:
        if phone:
            return {**LEGEND_BOX, "legendX": 0, "legendY": height + 10 + sum(h + LEGEND_GAP for _, h in sizes[:row])}
        return {**LEGEND_BOX, "legendX": round(keep_out[row][0]), "legendY": round(keep_out[row][1])}

    boundary_legend = alt.Legend(symbolType="stroke", **legend_at(0), symbolStrokeWidth=2, labelExpr=(
        f"datum.label == 'given' ? '{KNOWN_LEGEND['given']}' : '{KNOWN_LEGEND['approximate']}'"))
    names = _source_names(sources)
    lines_data = region_map.boundary_lines(boundary)
    for feature in lines_data:
        props = feature["properties"]
        props["stretch"] = KNOWN_WORDS[props["known"]]
        props["source"] = "; ".join(names.get(s, s) for s in str(props["sources"]).split(";"))
    shared = {LAND_DATASET: region_map.land(), "kadiz-boundary-lines": lines_data}
    lines = alt.Chart(alt.NamedData(name="kadiz-boundary-lines")).mark_geoshape(filled=False, strokeWidth=2, clip=True).encode(
        stroke=alt.Stroke("properties.known:N", title=BOUNDARY_TITLE, legend=boundary_legend,
                          scale=alt.Scale(domain=["given", "approximate"], range=[ZONE, ZONE])),
        strokeDash=alt.StrokeDash("properties.known:N", title=BOUNDARY_TITLE, legend=boundary_legend,
                                  scale=alt.Scale(domain=["given", "approximate"], range=[[1, 0], [6, 4]])),
        tooltip=[alt.Tooltip("properties.stretch:N", title="Boundary"),
                 alt.Tooltip("properties.points:N", title="Points (as published)"),
                 alt.Tooltip("properties.source:N", title="Source")])

    area_fields = (("label", "Area"), ("wording", "The source's words"), ("passage", "The article's passage"))
    area_tooltip = [alt.Tooltip(f"{field}:N", title=title) for field, title in area_fields]
    features = [dict(m["feature"], properties={field: m[field] for field, _ in (("id", ""), *area_fields)})
                for _, m in marks.iterrows()]
    fill = alt.Fill("properties.label:N", title=AREA_TITLE,
                    scale=alt.Scale(domain=list(marks["label"]), range=[AREA_COLOURS[i] for i in marks["id"]]),
                    legend=alt.Legend(symbolType="circle", symbolStrokeWidth=0, symbolOpacity=0.5, **legend_at(1)))
    shared.update({f"area-{f['properties']['id']}": [f] for f in features})
    circles = [alt.Chart(alt.NamedData(name=f"area-{f['properties']['id']}")).mark_geoshape(
        fillOpacity=0.18, stroke=AREA_COLOURS[f["properties"]["id"]], strokeWidth=1.2, strokeDash=[3, 2], clip=True
    ).encode(fill=fill, tooltip=[alt.Tooltip(f"properties.{field}:N", title=title) for field, title in area_fields])
        for f in features]
    points = region_map.place_marks(places)
    place_tooltip = [alt.Tooltip("names:N", title="Place"), alt.Tooltip("position:N", title="Position"),
                     alt.Tooltip("basis:N", title="Position from"), alt.Tooltip("about:N", title="Note")]
    dots = alt.Chart(points).mark_point(shape="circle", filled=True, size=30, color=TEXT_COLOUR, opacity=1).encode(
        longitude="lon:Q", latitude="lat:Q", tooltip=place_tooltip)
    # What the names keep clear of: the legends on a desktop, and the lines drawn over the map, as d3 draws them.
    drawn = [[p for a, b in zip(run, run[1:]) for p in region_map.great_circle(a, b)]
             for run in [f["geometry"]["coordinates"] for f in lines_data]
             + [ring for f in features for ring in f["geometry"]["coordinates"]]]
    labels = map_labels(places, marks.drop(columns="feature"), width, height, phone, [] if phone else keep_out,
                        anchors=set(areas["anchor_place_id"]), lines=drawn)
    styles = {"sea": dict(fontStyle="italic", color=GREYS[1]), "place": dict(color=TEXT_COLOUR),
              "country": dict(color=GREYS[1])}
    texts = []
    for (kind, area_id, align, dx, dy), group in labels.fillna({"id": ""}).groupby(
            ["kind", "id", "align", "dx", "dy"], sort=False):
        style = styles.get(kind) or dict(fontStyle="italic", fontWeight="bold", color=AREA_COLOURS[area_id])
        tooltip = {"place": place_tooltip, "area": area_tooltip}.get(kind)
        group = group.dropna(axis=1, how="all")
        texts.append(alt.Chart(group).mark_text(align=align, dx=dx, dy=dy, baseline="middle", fontSize=TEXT_SIZE,
                                                lineHeight=LINE,
                                                **style).encode(
            longitude="lon:Q", latitude="lat:Q", text="lines:N", **({"tooltip": tooltip} if tooltip else {})))

    wordings = list(marks["wording"])
    title = headline(
        f"The flights of 24 May entered the zone {' and '.join(wordings)}",
        "The KADIZ as extended in 2013 and the places the article names; the sources give words, not positions, "
        "so the circles are areas" if phone else
        "South Korea's air defence identification zone (KADIZ) as extended in 2013 and the places the article "
        "names. The sources give words, not positions: the shaded circles are the areas the words point to.",
        layout)
    west, south, east, north = PHONE_FRAME if phone else REGION
    description = (
        f"Map: the flights of 24 May 2022 entered the KADIZ {words.listed(wordings)}; the sources give words, "
        "not positions, so the map draws an area round each. "
        f"The map shows the Korean peninsula and the seas around it, {west:g} to {east:g} degrees east and "
        f"{south:g} to {north:g} north, and names "
        + words.listed([words.COUNTRY[code] for code in COUNTRY_LABELS] + [f"the {name}" for name, *_ in SEA_LABELS])
        + ". "
        f"A dark line shows the boundary of South Korea's air defence identification zone as extended in 2013, from "
        f"{len(boundary) - 1} boundary points published at the time; the stretch along the East Sea and the Korea "
        "Strait, which the source does not give, is dashed. Points mark "
        + ", ".join(points["name"]) + "."
    )
    return alt.layer(land, lines, *circles, dots, *texts).properties(
        width=width, height=height, projection=projection, description=description, title=title,
        view=alt.ViewConfig(fill=SEA, stroke=palette.FRAME.light), datasets=shared)


def map_table(boundary: pd.DataFrame, places: pd.DataFrame, areas: pd.DataFrame, records: pd.DataFrame,
              events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The map's data in reader words: each place, each approximate area and each stretch of the boundary."""
    rows = []
    for _, p in region_map.place_marks(places).iterrows():
        rows.append({"On the map": p["names"], "What it is": p["about"] or words.PLACE,
                     "Where": f"{p['lat']:.2f}° N, {p['lon']:.2f}° E ({p['position']})",
                     "How it is known": p["basis"]})
    for _, a in region_map.area_marks(areas, places, records, events).iterrows():
        rows.append({"On the map": a["label"], "What it is": a["record"],
                     "Where": f"“{a['wording']}”: a circle of {a['radius_km']:.0f} km round {a['lat']:.2f}° N, "
                              f"{a['lon']:.2f}° E",
                     "How it is known": a["how_drawn"]})
    names = _source_names(sources)
    for feature in region_map.boundary_lines(boundary):
        props = feature["properties"]
        rows.append({"On the map": f"KADIZ boundary, {KNOWN_WORDS[props['known']]}",
                     "What it is": "boundary of South Korea's air defence identification zone",
                     "Where": props["points"],
                     "How it is known": "; ".join(names.get(s, s) for s in str(props["sources"]).split(";"))})
    return pd.DataFrame(rows, columns=["On the map", "What it is", "Where", "How it is known"])


def region_map_figure(boundary: pd.DataFrame, places: pd.DataFrame, areas: pd.DataFrame, records: pd.DataFrame,
                      events: pd.DataFrame, sources: pd.DataFrame) -> Figure:
    """Fig. 2.0 (the chapter's map): the zone, the places, and where the sources put the flights of 24 May."""
    args = (boundary, places, areas, records, events, sources)
    return Figure(desktop=_map_chart(*args, DESKTOP), phone=_map_chart(*args, PHONE), table=map_table(*args))

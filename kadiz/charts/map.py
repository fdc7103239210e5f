"""The map of the region: land, the KADIZ boundary, the places, and the approximate areas of 24 May 2022.

Drawn offline: the land is the committed TopoJSON (data/geo/land.topo.json), inlined in the spec; nothing is
requested from another host. The projection is a conformal conic with standard parallels at 30° and 42°N, which
keeps shapes true at the latitudes of the map, fitted to the region and clipped to it.

Two layouts: on a desktop the legends sit in the open sea at the map's lower right; on a phone the map takes the
whole width, long names break onto two lines, and the legends go beneath it, where they cover nothing.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from kadiz import map as region_map
from kadiz import words
from kadiz.charts.render import Figure
from kadiz.charts import palette
from kadiz.charts.theme import (DESKTOP, GREYS, JOINT_COLOUR, LANE_COLOURS, LINE, PAPER_COLOUR, PHONE, TEXT_COLOUR, TEXT_SIZE,
                                Layout, headline, text_px)
from kadiz.validation.geo import REGION

HEIGHT = 560
BOUNDARY_TITLE = "KADIZ boundary (2013)"
LEGEND_BOX = {"orient": "none", "direction": "vertical", "fillColor": PAPER_COLOUR, "strokeColor": palette.FRAME.light,
              "padding": 6, "labelLimit": 220}
LEGEND_ROW = 70  # height of one legend box, with the gap to the next
LEGEND_WIDTH = 190  # room for the widest legend box, from the map's right edge
LAND_DATASET = "land-natural-earth-10m"
LAND_FILL, LAND_STROKE, SEA = palette.LAND.light, palette.COAST.light, palette.SEA.light
# The zone is a boundary, as a map draws one: in dark ink (red is the verdicts' "falls short", nothing else). The
# flights keep the colours of who flew them.
ZONE = GREYS[0]
AREA_COLOURS = {"h6-entry-2022-05-24": LANE_COLOURS["China"], "joint-entry-2022-05-24": JOINT_COLOUR}
KNOWN_WORDS = {"given": "from the source", "approximate": "approximate (the source gives no points)"}
PARALLELS, ROTATE = (30, 42), -127


def _frame_points() -> list[tuple[float, float]]:
    west, south, east, north = REGION
    return [(west, south), (east, south), (east, north), (west, north), ((west + east) / 2, south)]


def _projection() -> alt.Projection:
    frame = {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint",
                                                                "coordinates": [list(p) for p in _frame_points()]}}
    return alt.Projection(type="conicConformal", parallels=list(PARALLELS), rotate=[ROTATE, 0, 0], fit=frame)


def projector(width: float, height: float):
    """(lon, lat) -> (x, y) in pixels as Vega draws the map (d3's conformal conic, fitted to the region's frame):
    what the labeller needs to know where each name would fall."""
    y0, y1 = map(math.radians, PARALLELS)

    def tany(y):
        return math.tan((math.pi / 2 + y) / 2)

    n = math.log(math.cos(y0) / math.cos(y1)) / math.log(tany(y1) / tany(y0))
    f = math.cos(y0) * tany(y0) ** n / n

    def raw(lon, lat):
        lam, r = math.radians(lon + ROTATE), f / tany(math.radians(lat)) ** n
        return r * math.sin(n * lam), r * math.cos(n * lam) - f

    xs, ys = zip(*(raw(*p) for p in _frame_points()))
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
    w = max(text_px(line, bold=bold) for line in lines)
    left = x + dx - {"left": 0, "center": w / 2, "right": w}[align]
    top = y + dy - LINE * len(lines) / 2
    return left, top, left + w, top + LINE * len(lines)


def _clear(box, others, margin=2) -> bool:
    return all(box[2] + margin <= o[0] or o[2] + margin <= box[0] or box[3] + margin <= o[1] or o[3] + margin <= box[1]
               for o in others)


def map_labels(places: pd.DataFrame, areas: pd.DataFrame, width: float, height: float, phone: bool,
               keep_out: list | None = None, anchors: set = frozenset()) -> pd.DataFrame:
    """Where each name goes: the seas where kadiz.map puts them; each area's name above its circle, else below
    or beside it; each place's name on the side the data give (places.csv `label_side`), else a little higher or
    lower, the other side, above or below its dot, whichever first clears every dot, every name placed before and
    `keep_out` (the legends). On a phone a name that fits nowhere is left to the dot's tooltip; the places the
    areas are drawn from (`anchors`) are named first."""
    project = projector(width, height)
    bounds = (0, 0, width, height)
    dots = []
    for _, p in places.iterrows():
        x, y = project(p["lon"], p["lat"])
        dots.append((x - 4, y - 4, x + 4, y + 4))
    taken = list(dots) + list(keep_out or [])
    labels = []

    def inside(box):
        return (box[0] >= bounds[0] + 2 and box[1] >= bounds[1] + 2 and
                box[2] <= bounds[2] - 2 and box[3] <= bounds[3] - 2)

    def place(row, x, y, candidates, bold=False, required=True):
        for align, dx, dy in candidates:
            box = _box(x, y, row["lines"], align, dx, dy, bold)
            if inside(box) and _clear(box, taken):
                break
        else:
            if not required:
                return
            align, dx, dy = candidates[0]
            box = _box(x, y, row["lines"], align, dx, dy, bold)
        taken.append(box)
        labels.append({**row, "align": align, "dx": round(dx), "dy": round(dy)})

    for _, sea in region_map.sea_labels().iterrows():
        x, y = project(sea["lon"], sea["lat"])
        place({"kind": "sea", "lines": _lines(sea["name"], phone), "lon": sea["lon"], "lat": sea["lat"]}, x, y,
              [("center", 0, 0)])
    for _, a in areas.iterrows():
        x, y = project(a["lon"], a["lat"])
        radius = abs(project(a["lon"], a["lat"] + a["radius_km"] / region_map.KM_PER_DEGREE_LAT)[1] - y)
        lines = [a["label"].split(" (")[0]] if phone else [a["label"]]
        h = LINE * len(lines) / 2
        place({"kind": "area", "id": a["id"], "lines": lines, "lon": a["lon"], "lat": a["lat"], "label": a["label"],
               "wording": a["wording"], "passage": a["passage"]}, x, y,
              [("center", 0, -(radius + 3 + h)), ("center", 0, radius + 3 + h), ("left", radius + 4, 0),
               ("right", -(radius + 4), 0)], bold=True)
    # Named first, so they are the last to go on a phone: the places the flights are placed from, then the
    # places with a note of their own (the capitals, the launch site), then the rest.
    marks = region_map.place_marks(places).assign(
        _rank=[0 if name in anchors else 1 if about else 2
               for name, about in zip(places["id"], region_map.place_marks(places)["about"])])
    for _, p in marks.sort_values("_rank", kind="stable").iterrows():
        x, y = project(p["lon"], p["lat"])
        # A name right of its dot starts there (aligned left); one left of it ends there (aligned right).
        side = "left" if p["label_side"] == "right" else "right"
        other = "left" if side == "right" else "right"
        lines = _lines(p["label"], phone)
        h = LINE * len(lines) / 2
        dx = {"left": 7, "right": -7}
        shifts = (-4, -12, 10, 16, -20)
        candidates = [(s, dx[s], dy) for s in (side, other) for dy in shifts]
        candidates += [("center", 0, -(h + 6)), ("center", 0, h + 6)]
        place({"kind": "place", "lines": lines, "lon": p["lon"], "lat": p["lat"], "names": p["names"],
               "position": p["position"], "basis": p["basis"], "about": p["about"]}, x, y, candidates,
              required=not phone)
    return pd.DataFrame(labels)


def _source_names(sources: pd.DataFrame) -> dict[str, str]:
    return {row["id"]: f"{row['publisher']}, {row['published'][:4]}" for _, row in sources.iterrows()}


def _map_chart(boundary: pd.DataFrame, places: pd.DataFrame, areas: pd.DataFrame, records: pd.DataFrame,
               events: pd.DataFrame, sources: pd.DataFrame, layout: Layout) -> alt.LayerChart:
    phone = layout.phone
    width = layout.width
    height = round(HEIGHT * width / DESKTOP.width) if phone else HEIGHT
    projection = _projection()
    # The land, the boundary and the areas are named datasets, which the desktop and the phone layout share
    # (render.Figure keeps each once).
    land = alt.Chart(alt.NamedData(name=LAND_DATASET, format=alt.DataFormat(type="topojson", feature="countries"))
                     ).mark_geoshape(fill=LAND_FILL, stroke=LAND_STROKE, strokeWidth=0.6, clip=True).encode(
        tooltip=[alt.Tooltip("properties.name:N", title="Country")])

    # Legends: in the open sea at the lower right on a desktop; beneath the map on a phone.
    def legend_at(row: int) -> dict:
        if phone:
            return {**LEGEND_BOX, "legendX": 0, "legendY": height + 10 + row * LEGEND_ROW}
        return {**LEGEND_BOX, "legendX": width - LEGEND_WIDTH, "legendY": height - (2 - row) * LEGEND_ROW}

    boundary_legend = alt.Legend(symbolType="stroke", **legend_at(0), symbolStrokeWidth=2, labelExpr=(
        "datum.label == 'given' ? 'from the source' : 'approximate'"))
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

    marks = region_map.area_marks(areas, places, records, events)
    area_fields = (("label", "Area"), ("wording", "The source's words"), ("passage", "The article's passage"))
    area_tooltip = [alt.Tooltip(f"{field}:N", title=title) for field, title in area_fields]
    features = [dict(m["feature"], properties={field: m[field] for field, _ in (("id", ""), *area_fields)})
                for _, m in marks.iterrows()]
    fill = alt.Fill("properties.label:N", title="Flights of 24 May 2022",
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
    # The legends' boxes, which names must keep clear of on a desktop (on a phone they are beneath the map).
    keep_out = [] if phone else [(width - LEGEND_WIDTH, height - 2 * LEGEND_ROW, width, height)]
    labels = map_labels(places, marks.drop(columns="feature"), width, height, phone, keep_out,
                        anchors=set(areas["anchor_place_id"]))
    styles = {"sea": dict(fontStyle="italic", color=GREYS[1]), "place": dict(color=TEXT_COLOUR)}
    texts = []
    for (kind, area_id, align, dx, dy), group in labels.fillna({"id": ""}).groupby(
            ["kind", "id", "align", "dx", "dy"], sort=False):
        style = styles.get(kind) or dict(fontStyle="italic", fontWeight="bold", color=AREA_COLOURS[area_id])
        tooltip = {"place": place_tooltip, "area": area_tooltip}.get(kind)
        group = group.dropna(axis=1, how="all")
        texts.append(alt.Chart(group).mark_text(align=align, dx=dx, dy=dy, baseline="middle", fontSize=TEXT_SIZE,
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
    west, south, east, north = REGION
    description = (
        f"Map: the flights of 24 May 2022 entered the KADIZ {words.listed(wordings)}; the sources give words, "
        "not positions, so the map draws an area round each. "
        f"The map shows the Korean peninsula and the seas around it, {west:g} to {east:g} degrees east and "
        f"{south:g} to {north:g} north. "
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

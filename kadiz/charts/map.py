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

import altair as alt
import pandas as pd

from kadiz import map as region_map
from kadiz import words
from kadiz.charts import map_names
from kadiz.charts.map_names import COUNTRY_LABELS, PHONE_FRAME, SEA_LABELS, map_labels
from kadiz.charts.render import Figure
from kadiz.charts import palette
from kadiz.charts.theme import (DESKTOP, GREYS, JOINT_COLOUR, LANE_COLOURS, LINE, PAPER_COLOUR, PHONE, TEXT_COLOUR, TEXT_SIZE,
                                Layout, headline, text_px)
from kadiz.validation.geo import REGION

HEIGHT = 560
PHONE_HEIGHT = 370
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


def _source_names(sources: pd.DataFrame) -> dict[str, str]:
    return {row["id"]: f"{row['publisher']}, {row['published'][:4]}" for _, row in sources.iterrows()}


def _map_chart(boundary: pd.DataFrame, places: pd.DataFrame, areas: pd.DataFrame, records: pd.DataFrame,
               events: pd.DataFrame, sources: pd.DataFrame, layout: Layout) -> alt.LayerChart:
    phone = layout.phone
    width = layout.width
    height = PHONE_HEIGHT if phone else HEIGHT
    projection = map_names.projection(PHONE_FRAME if phone else REGION)
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
        f"A line shows the boundary of South Korea's air defence identification zone as extended in 2013, from "
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

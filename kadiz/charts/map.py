"""The map of the region: land, the KADIZ boundary, the places, and the approximate areas of 24 May 2022.

Drawn offline: the land is the committed TopoJSON (data/geo/land.topo.json), inlined in the spec; nothing is
requested from another host. The projection is a conformal conic with standard parallels at 30° and 42°N, which
keeps shapes true at the latitudes of the map, fitted to the region and clipped to it.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from kadiz import map as region_map
from kadiz.charts.theme import WIDTH
from kadiz.validation.geo import REGION

HEIGHT = 560
BOUNDARY_TITLE = "KADIZ boundary (2013)"
# Legends sit in the open sea at the map's lower right, so the printed map is no wider than the page's column
# (a wider print font would push legends laid side by side into one another).
LEGEND_BOX = {"orient": "none", "direction": "vertical", "fillColor": "white", "strokeColor": "#bbb",
              "padding": 6, "labelLimit": 220, "legendX": WIDTH - 200}
LEGEND_ROW = 70  # height of one legend box, with the gap to the next
LAND_FILL, LAND_STROKE, SEA = "#e9e6df", "#9a948a", "#f3f8fc"
ZONE = "#b2182b"
AREA_COLOURS = {"h6-entry-2022-05-24": "#D55E00", "joint-entry-2022-05-24": "#0072B2"}


def _projection() -> alt.Projection:
    west, south, east, north = REGION
    frame = {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint", "coordinates": [
        [west, south], [east, south], [east, north], [west, north], [(west + east) / 2, south]]}}
    return alt.Projection(type="conicConformal", parallels=[30, 42], rotate=[-127, 0, 0], fit=frame)


def region_map_chart(boundary: pd.DataFrame, places: pd.DataFrame, areas: pd.DataFrame, records: pd.DataFrame,
                     events: pd.DataFrame) -> alt.LayerChart:
    """The map (see the module's docstring); every mark carries a tooltip with the words behind it."""
    projection = _projection()
    land = alt.Chart(alt.Data(values=region_map.land(), format=alt.DataFormat(type="topojson", feature="countries"))
                     ).mark_geoshape(fill=LAND_FILL, stroke=LAND_STROKE, strokeWidth=0.6, clip=True).encode(
        tooltip=[alt.Tooltip("properties.name:N", title="country")])
    boundary_legend = alt.Legend(symbolType="stroke", legendY=HEIGHT - 2 * LEGEND_ROW, **LEGEND_BOX, symbolStrokeWidth=2, labelExpr=(
        "datum.label == 'given' ? 'from the source' : 'approximate'"))
    lines = alt.Chart(alt.Data(values=region_map.boundary_lines(boundary))).mark_geoshape(
        filled=False, strokeWidth=2, clip=True).encode(
        stroke=alt.Stroke("properties.known:N", title=BOUNDARY_TITLE, legend=boundary_legend,
                          scale=alt.Scale(domain=["given", "approximate"], range=[ZONE, ZONE])),
        strokeDash=alt.StrokeDash("properties.known:N", title=BOUNDARY_TITLE, legend=boundary_legend,
                                  scale=alt.Scale(domain=["given", "approximate"], range=[[1, 0], [6, 4]])),
        tooltip=[alt.Tooltip("properties.known:N", title="stretch"),
                 alt.Tooltip("properties.points:N", title="points (as published)"),
                 alt.Tooltip("properties.sources:N", title="source")])
    marks = region_map.area_marks(areas, places, records, events)
    area_fields = (("label", "area"), ("wording", "the source's words"), ("record", "record"),
                   ("passage", "the article's passage"), ("how_drawn", "how it is drawn"))
    area_tooltip = [alt.Tooltip(f"{field}:N", title=title) for field, title in area_fields]
    features = [dict(m["feature"], properties={field: m[field] for field, _ in (("id", ""), *area_fields)})
                for _, m in marks.iterrows()]
    fill = alt.Fill("properties.label:N", title="Flights of 24 May 2022",
                    scale=alt.Scale(domain=list(marks["label"]), range=[AREA_COLOURS[i] for i in marks["id"]]),
                    legend=alt.Legend(symbolStrokeWidth=0, symbolOpacity=0.5, legendY=HEIGHT - LEGEND_ROW, **LEGEND_BOX))
    circles = [alt.Chart(alt.Data(values=[f])).mark_geoshape(
        fillOpacity=0.18, stroke=AREA_COLOURS[f["properties"]["id"]], strokeWidth=1.2, strokeDash=[3, 2], clip=True
    ).encode(fill=fill, tooltip=[alt.Tooltip(f"properties.{field}:N", title=title) for field, title in area_fields])
        for f in features]
    area_text = [alt.Chart(marks.drop(columns="feature").loc[lambda df, a=area_id: df["id"] == a]).mark_text(
        fontSize=10, fontStyle="italic", color=AREA_COLOURS[area_id]).encode(
        longitude="lon:Q", latitude="label_lat:Q", text="label:N", tooltip=area_tooltip) for area_id in marks["id"]]
    points = region_map.place_marks(places)
    place_tooltip = [alt.Tooltip("names:N", title="place"), alt.Tooltip("position:N"),
                     alt.Tooltip("basis:N", title="position from"), alt.Tooltip("about:N", title="note")]
    dots = alt.Chart(points).mark_point(shape="circle", filled=True, size=30, color="#111", opacity=1).encode(
        longitude="lon:Q", latitude="lat:Q", tooltip=place_tooltip)
    names = [alt.Chart(points).transform_filter(alt.datum.label_side == side).mark_text(
        align="left" if side == "right" else "right", dx=6 if side == "right" else -6, dy=-5, fontSize=11,
        color="#111").encode(longitude="lon:Q", latitude="lat:Q", text="label:N", tooltip=place_tooltip)
        for side in ("right", "left")]
    seas = alt.Chart(region_map.sea_labels()).mark_text(fontSize=12, fontStyle="italic", color="#3b6e99").encode(
        longitude="lon:Q", latitude="lat:Q", text="name:N")
    description = (
        "Map of the Korean peninsula and the seas around it, 118 to 136 degrees east and 28 to 44 north. "
        f"A red line shows the boundary of South Korea's air defence identification zone as extended in 2013, from "
        f"{len(boundary) - 1} boundary points published at the time; the stretch along the East Sea and the Korea "
        "Strait, which the source does not give, is dashed. Points mark "
        + ", ".join(points["name"]) + ". Two shaded circles mark where the sources put the flights of "
        "24 May 2022 without giving a point: the H-6 entry northwest of Ieodo and the joint re-entry near Dokdo."
    )
    return alt.layer(land, lines, *circles, *area_text, dots, *names, seas).properties(
        width=WIDTH, height=HEIGHT, projection=projection, description=description,
        view=alt.ViewConfig(fill=SEA, stroke="#bbb"))

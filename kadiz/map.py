"""What the map of the region draws, worked out from the data: the KADIZ boundary as lines, the places, and the
areas where the sources put the flights of 24 May 2022 without giving a point.

Geometry here is plain spherical trigonometry on a sphere of the Earth's mean radius: a point at a distance and
bearing from another, and a circle of a radius round a point. At the map's scale (a few hundred km) the difference
from the ellipsoid is far below a line's width.
"""

from __future__ import annotations

import json
import math

import pandas as pd

from kadiz.paths import DATA
from kadiz.when import when_text

EARTH_RADIUS_KM = 6371.0
KM_PER_DEGREE_LAT = math.pi * EARTH_RADIUS_KM / 180
LABEL_GAP_DEGREES = 0.15
LAND = DATA / "geo" / "land.topo.json"


def land() -> dict:
    """The clipped country outlines (TopoJSON; made by scripts/clip_land.py)."""
    return json.loads(LAND.read_text(encoding="utf-8"))


def destination(lat: float, lon: float, distance_km: float, bearing_deg: float) -> tuple[float, float]:
    """The point `distance_km` from (lat, lon) along the initial bearing `bearing_deg` (clockwise from north)."""
    phi, lam, theta = math.radians(lat), math.radians(lon), math.radians(bearing_deg)
    delta = distance_km / EARTH_RADIUS_KM
    phi2 = math.asin(math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(theta))
    lam2 = lam + math.atan2(math.sin(theta) * math.sin(delta) * math.cos(phi),
                            math.cos(delta) - math.sin(phi) * math.sin(phi2))
    return math.degrees(phi2), math.degrees(lam2)


def circle_ring(lat: float, lon: float, radius_km: float, steps: int = 72) -> list[list[float]]:
    """A closed ring of [lon, lat] round a point, going clockwise (north, east, south, west), the winding Vega's
    geographic shapes take as the inside of a small polygon (GeoJSON's is the other way round)."""
    ring = [list(reversed(destination(lat, lon, radius_km, 360 * i / steps))) for i in range(steps)]
    return ring + [ring[0]]


def great_circle(a: list[float], b: list[float], step_deg: float = 0.1) -> list[list[float]]:
    """Points [lon, lat] from a to b along the great circle, about `step_deg` of arc apart, both ends included: the
    way d3 (and so Vega) draws a line between two points of a map."""
    def vector(lon, lat):
        lam, phi = math.radians(lon), math.radians(lat)
        return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))

    u, v = vector(*a), vector(*b)
    angle = math.acos(max(-1.0, min(1.0, sum(x * y for x, y in zip(u, v)))))
    steps = max(1, math.ceil(math.degrees(angle) / step_deg))
    points = []
    for i in range(steps + 1):
        t = i / steps
        if angle == 0:
            w = u
        else:
            s, e = math.sin((1 - t) * angle) / math.sin(angle), math.sin(t * angle) / math.sin(angle)
            w = tuple(s * x + e * y for x, y in zip(u, v))
        points.append([math.degrees(math.atan2(w[1], w[0])), math.degrees(math.asin(max(-1.0, min(1.0, w[2]))))])
    return points


def boundary_lines(boundary: pd.DataFrame) -> list[dict]:
    """The boundary as GeoJSON LineString features, one per run of stretches known the same way.

    `known` is "given" where both ends of every stretch are points of the source, "approximate" where the source
    gives no points along it. A line, not a polygon: nothing depends on the ring's winding.
    """
    points = boundary.sort_values("order").reset_index(drop=True)
    features: list[dict] = []
    for i in range(len(points) - 1):
        a, b = points.loc[i], points.loc[i + 1]
        known = a["next_segment"]
        segment = [[float(a["lon"]), float(a["lat"])], [float(b["lon"]), float(b["lat"])]]
        if features and features[-1]["properties"]["known"] == known:
            features[-1]["geometry"]["coordinates"].append(segment[1])
            features[-1]["properties"]["points"] += f"; {b['as_published']}"
        else:
            features.append({"type": "Feature", "geometry": {"type": "LineString", "coordinates": segment},
                             "properties": {"known": known, "points": f"{a['as_published']}; {b['as_published']}",
                                            "sources": a["source_ids"]}})
    return features


def area_marks(areas: pd.DataFrame, places: pd.DataFrame, records: pd.DataFrame,
               events: pd.DataFrame) -> pd.DataFrame:
    """One row per approximate area: its centre, its circle as a GeoJSON feature, and the words behind it (the
    record's subject and the article's passage for the same event)."""
    by_place = places.set_index("id")
    by_record = records.set_index("id")
    passages = events.set_index("id")["passage"]
    rows = []
    for _, area in areas.iterrows():
        anchor = by_place.loc[area["anchor_place_id"]]
        lat, lon = destination(anchor["lat"], anchor["lon"], area["distance_km"], area["bearing_deg"])
        record = by_record.loc[area["record_id"]]
        event = record["event_id"]
        rows.append({
            "id": area["id"], "label": area["label"], "lat": lat, "lon": lon, "radius_km": area["radius_km"],
            # The label goes above the circle, clear of the place names beside its centre.
            "label_lat": lat + area["radius_km"] / KM_PER_DEGREE_LAT + LABEL_GAP_DEGREES,
            "wording": area["wording"], "record": record["subject"], "how_drawn": area["note"],
            "passage": " ".join(str(passages.get(event, "")).split()) if isinstance(event, str) else "",
            "feature": {"type": "Feature", "properties": {"id": area["id"]},
                        "geometry": {"type": "Polygon", "coordinates": [circle_ring(lat, lon, area["radius_km"])]}},
        })
    return pd.DataFrame(rows)


def place_marks(places: pd.DataFrame) -> pd.DataFrame:
    """The places with the text their tooltips show."""
    return pd.DataFrame({
        "name": places["name"], "label": places["label"], "label_side": places["label_side"],
        "names": [n if pd.isna(o) else f"{n} ({o})" for n, o in zip(places["name"], places["other_names"])],
        "lat": places["lat"], "lon": places["lon"],
        "position": places["position"].map({"as-sourced": "as the source gives it", "approximate": "approximate"}),
        "basis": places["basis"], "about": places["note"].fillna(""),
    })


def zone_facts(after_events: pd.DataFrame, boundary: pd.DataFrame) -> dict:
    """The dates of the KADIZ extension of 2013 and how much of its boundary the source gives."""
    by_id = after_events.set_index("id")
    return {
        "zone-announced": when_text(by_id.loc["kadiz-extension-announced"]),
        "zone-effective": when_text(by_id.loc["kadiz-extension-effective"]),
        "boundary-points": boundary[["lat", "lon"]].drop_duplicates().shape[0],
        "approximate-stretches": int((boundary["next_segment"] == "approximate").sum()),
    }

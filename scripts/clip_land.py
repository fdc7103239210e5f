"""Clip Natural Earth's country outlines to the map's region, once, into data/geo/land.topo.json.

    python scripts/clip_land.py [--source node_modules/world-atlas/countries-10m.json] [--out data/geo/land.topo.json]

The source is the npm package world-atlas 2.0.2 (Natural Earth 4.1.0, 1:10m, public domain), installed by
`npm ci` from package-lock.json. The map needs no network at view time, so the clipped outlines are committed;
this script is how they were made, and tests/test_map.py re-runs it and compares the bytes.

Steps: decode the TopoJSON, keep the countries that touch the region, cut each to the region's rectangle (keeping
polygons only: a cut along the edge can leave stray lines); the rectangle is wider than any layout of the map shows,
so a coastline runs on to the map's frame, where the projection's clip ends it, and no cut shows as a straight
"coast"; then encode them again as TopoJSON with shared
borders simplified once for both sides (Douglas-Peucker, SIMPLIFY_DEGREES) and coordinates quantized
(QUANTIZE steps across the region). Islands smaller than the tolerance may vanish: Dokdo, about 200 m across, is
drawn as a marked place, not as land.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from shapely.geometry import MultiPolygon, Polygon, box, mapping, shape
from topojson import Topology
from topojson.utils import serialize_as_geojson

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "world-atlas" / "countries-10m.json"
OUT = ROOT / "data" / "geo" / "land.topo.json"
# West, south, east, north in degrees: all the map shows, with some room to spare (the desktop layout, fitted to
# the places' region of 118-136°E and 28-44°N, reaches about 115-139°E and 27.6-44.2°N at its corners; the phone
# layout, fitted closer, about 44.9°N at its upper left). tests/test_map.py checks that the edge of this rectangle
# lies outside the view in every layout.
REGION = (114.5, 27.2, 139.5, 45.3)
SIMPLIFY_DEGREES = 0.02  # about 2 km: under one pixel of the map (600 px for some 1,600 km)
QUANTIZE = 5_000  # grid steps across the region: about 500 m


def polygons(geometry) -> list[Polygon]:
    """The polygons inside any geometry (a clip can return a collection of polygons and lines)."""
    if isinstance(geometry, Polygon):
        return [geometry] if not geometry.is_empty else []
    return [p for part in getattr(geometry, "geoms", []) for p in polygons(part)]


def clipped_countries(topology: dict, region: tuple[float, float, float, float] = REGION) -> dict:
    """The countries of a world-atlas topology cut to `region`, as a GeoJSON FeatureCollection."""
    world = serialize_as_geojson(topology, objectname="countries")
    frame = box(*region)
    features = []
    for feature in world["features"]:
        outline = shape(feature["geometry"])
        if not outline.intersects(frame):
            continue
        parts = polygons(outline.intersection(frame))
        if parts:
            features.append({"type": "Feature", "id": feature["id"],
                             "properties": {"name": feature["properties"]["name"]},
                             "geometry": mapping(MultiPolygon(parts))})
    features.sort(key=lambda f: f["properties"]["name"])
    return {"type": "FeatureCollection", "features": features}


def clip(source: Path = SOURCE, out: Path = OUT) -> Path:
    if not source.is_file():
        raise FileNotFoundError(f"{source} is missing: run `npm ci` (world-atlas 2.0.2 is in package-lock.json)")
    countries = clipped_countries(json.loads(source.read_text(encoding="utf-8")))
    topology = Topology(countries, prequantize=QUANTIZE, toposimplify=SIMPLIFY_DEGREES, object_name="countries")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(topology.to_json() + "\n", encoding="utf-8")
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    out = clip(args.source, args.out)
    print(f"{out}: {out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

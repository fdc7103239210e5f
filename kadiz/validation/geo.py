"""The rules of the map's tables and of the events after the article that no Table Schema can express.

The tables themselves (external/kadiz_boundary.csv, places.csv, map_areas.csv, map_sources.csv, after_events.csv)
are read and checked like every other table of the package; `check_geo` adds: a boundary point's decimal degrees
are the degrees and minutes the source prints; the line runs once round and closes; every place lies inside the
map's region; a source id names a source on file; an event that repeats a record has the record's date; a claim's
standing after an event is given exactly when the event names the claim.
"""

from __future__ import annotations

import re

from kadiz.validation.problems import Problem, Table, rule

# West, south, east, north: the region the map draws (scripts/clip_land.py clips the land to it).
REGION = (118.0, 28.0, 136.0, 44.0)
DMS_TOLERANCE = 0.0005  # degrees: six decimals of a minute's fraction, well under the 0.017 of one minute

OUTSIDE = rule("Places", "A point lies inside the map's region (118-136°E, 28-44°N).",
               "{value} is outside the map's region ({low} to {high})")
NOT_AS_PUBLISHED = rule("Places", "A boundary point's `lat` and `lon` are the degrees and minutes of `as_published`.",
                        "{value} is not {published} ({expected:.6f} in decimal degrees)")
UNREADABLE_DMS = rule("Places", "`as_published` reads like 37°17'N 133°E.",
                      '"{value}" is not a point in degrees and minutes such as 37°17\'N 133°E')
NOT_CLOSED = rule("Places", "The boundary line ends where it starts, and only its last point has no `next_segment`.",
                  "{problem}")
ORDER_GAP = rule("Places", "Boundary points are numbered 1, 2, 3 ... without gaps.", "point {order} is missing")
UNKNOWN_SOURCE = rule("References", "Each source id names a row of external/sources.csv or external/map_sources.csv.",
                      '"{ref}" is not an id of external/sources.csv or external/map_sources.csv')
DATE_DIFFERS = rule("After the article", "An event that repeats a record has the record's date.",
                    'start "{start}" differs from that of record "{record}" ("{expected}")')
CLAIM_AFTER = rule("After the article", "`claim_after` is given exactly when `claim_id` is.", "{problem}")

_DMS = re.compile(r"^(\d{1,2})°(?:(\d{1,2})')?([NS]) (\d{1,3})°(?:(\d{1,2})')?([EW])$")


def dms(text: str) -> tuple[float, float] | None:
    """(lat, lon) of a point printed in degrees and minutes ("37°17'N 133°E" -> (37.2833..., 133.0)), or None."""
    m = _DMS.match(text)
    if not m:
        return None
    lat = (int(m[1]) + int(m[2] or 0) / 60) * (1 if m[3] == "N" else -1)
    lon = (int(m[4]) + int(m[5] or 0) / 60) * (1 if m[6] == "E" else -1)
    return lat, lon


def check_geo(tables: dict[str, Table]) -> list[Problem]:
    """The rules of the new tables that no Table Schema can express (see the module's docstring)."""
    problems = []
    for name, columns in (("kadiz_boundary", ("lat", "lon")), ("places", ("lat", "lon"))):
        for line, row in tables[name].rows if name in tables else []:
            for column, (low, high) in zip(columns, ((REGION[1], REGION[3]), (REGION[0], REGION[2]))):
                try:
                    value = float(row.get(column, ""))
                except ValueError:
                    continue  # not a number: the schema says so
                if not low <= value <= high:
                    problems.append(OUTSIDE.at(tables[name].path, line, column, value=value, low=low, high=high))
    if "kadiz_boundary" in tables:
        problems += _boundary(tables["kadiz_boundary"])
    known = {row.get("id") for name in ("sources", "map_sources") if name in tables for _, row in tables[name].rows}
    for name in ("kadiz_boundary", "places", "after_events"):
        for line, row in tables[name].rows if name in tables else []:
            for ref in filter(None, row.get("source_ids", "").split(";")):
                if ref not in known:
                    problems.append(UNKNOWN_SOURCE.at(tables[name].path, line, "source_ids", ref=ref))
    if "after_events" in tables:
        problems += _after(tables["after_events"], tables.get("records"))
    return problems


def _boundary(t: Table) -> list[Problem]:
    problems, points = [], []
    for line, row in t.rows:
        try:
            points.append((int(row["order"]), line, row))
        except (KeyError, ValueError):
            continue
        published = dms(row.get("as_published", ""))
        if published is None:
            problems.append(UNREADABLE_DMS.at(t.path, line, "as_published", value=row.get("as_published", "")))
            continue
        for column, expected in zip(("lat", "lon"), published):
            try:
                if abs(float(row[column]) - expected) > DMS_TOLERANCE:
                    problems.append(NOT_AS_PUBLISHED.at(t.path, line, column, value=row[column],
                                                        published=row["as_published"], expected=expected))
            except (KeyError, ValueError):
                continue
    points.sort(key=lambda p: p[0])
    for expected, (order, line, _) in enumerate(points, start=1):
        if order != expected:
            problems.append(ORDER_GAP.at(t.path, line, "order", order=expected))
            break
    if points:
        first, (_, last_line, last) = points[0][2], points[-1]
        if (first.get("lat"), first.get("lon")) != (last.get("lat"), last.get("lon")):
            problems.append(NOT_CLOSED.at(t.path, last_line, "lat", problem="the last point must repeat the first, "
                                          "so that the line closes"))
        for order, line, row in points:
            open_end = not row.get("next_segment")
            if open_end != (row is last):
                problems.append(NOT_CLOSED.at(t.path, line, "next_segment", problem="only the last point has no "
                                              "next_segment" if open_end else "the last point has no next segment"))
    return problems


def _after(t: Table, records: Table | None) -> list[Problem]:
    problems = []
    starts = {row.get("id"): row.get("start") for _, row in records.rows} if records else {}
    for line, row in t.rows:
        record = row.get("record_id")
        if record in starts and starts[record] != row.get("start"):
            problems.append(DATE_DIFFERS.at(t.path, line, "start", start=row.get("start"), record=record,
                                            expected=starts[record]))
        if bool(row.get("claim_id")) != bool(row.get("claim_after")):
            problems.append(CLAIM_AFTER.at(t.path, line, "claim_after", problem="claim_after is given without a "
                                           "claim_id" if row.get("claim_after") else "claim_id is given, so "
                                           "claim_after must say how the claim stands after this event"))
    return problems

"""The tables of the map and of the years after the article, checked like the others, plus the rules of places.

The map's tables (external/kadiz_boundary.csv, external/places.csv, external/map_areas.csv, and the sources they
add, external/map_sources.csv) and the events after the article (external/after_events.csv) are read and checked
here with the project's own machinery: the CSV reader, the Table Schemas in data/schemas/ (through frictionless),
the text and date rules. `check_geo` adds what no schema can say: a boundary point's decimal degrees are the
degrees and minutes the source prints; the line runs once round and closes; every place lies inside the map's
region; a source id names a source on file; an event that repeats a record has the record's date; a claim's
standing after an event is given exactly when the event names the claim.

`load()` returns the tables as DataFrames, or raises kadiz.data.DataError naming file, row and column.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import NamedTuple

import frictionless
import pandas as pd

from kadiz.paths import DATA
from kadiz.validation import folder
from kadiz.validation.problems import Problem, Rule, Table
from kadiz.validation.schema import CELL, DUPLICATE_KEY, OTHER, PLAIN
from kadiz.validation.text import check_text
from kadiz.validation.times import check_dates

TABLES = {
    "kadiz_boundary": "external/kadiz_boundary.csv",
    "places": "external/places.csv",
    "map_areas": "external/map_areas.csv",
    "map_sources": "external/map_sources.csv",
    "after_events": "external/after_events.csv",
}
SCHEMA_FILES = {name: f"schemas/{name}.schema.json" for name in TABLES} | {"map_sources": "schemas/sources.schema.json"}
# Tables of the main package the new tables refer to.
REFERRED = {"sources": "external/sources.csv", "records": "external/records.csv", "claims": "claims.csv"}
# West, south, east, north: the region the map draws (scripts/clip_land.py clips the land to it).
REGION = (118.0, 28.0, 136.0, 44.0)
DMS_TOLERANCE = 0.0005  # degrees: six decimals of a minute's fraction, well under the 0.017 of one minute

OUTSIDE = Rule("Places", "A point lies inside the map's region (118-136°E, 28-44°N).",
               "{value} is outside the map's region ({low} to {high})")
NOT_AS_PUBLISHED = Rule("Places", "A boundary point's `lat` and `lon` are the degrees and minutes of `as_published`.",
                        "{value} is not {published} ({expected:.6f} in decimal degrees)")
UNREADABLE_DMS = Rule("Places", "`as_published` reads like 37°17'N 133°E.",
                      '"{value}" is not a point in degrees and minutes such as 37°17\'N 133°E')
NOT_CLOSED = Rule("Places", "The boundary line ends where it starts, and only its last point has no `next_segment`.",
                  "{problem}")
ORDER_GAP = Rule("Places", "Boundary points are numbered 1, 2, 3 ... without gaps.", "point {order} is missing")
UNKNOWN_SOURCE = Rule("References", "Each source id names a row of external/sources.csv or external/map_sources.csv.",
                      '"{ref}" is not an id of external/sources.csv or external/map_sources.csv')
DATE_DIFFERS = Rule("After the article", "An event that repeats a record has the record's date.",
                    'start "{start}" differs from that of record "{record}" ("{expected}")')
CLAIM_AFTER = Rule("After the article", "`claim_after` is given exactly when `claim_id` is.", "{problem}")

_DMS = re.compile(r"^(\d{1,2})°(?:(\d{1,2})')?([NS]) (\d{1,3})°(?:(\d{1,2})')?([EW])$")


def schema(name: str) -> dict:
    return _schema(SCHEMA_FILES[name])


@functools.cache
def _schema(path: str) -> dict:
    return json.loads((DATA / path).read_text(encoding="utf-8"))


def dms(text: str) -> tuple[float, float] | None:
    """(lat, lon) of a point printed in degrees and minutes ("37°17'N 133°E" -> (37.2833..., 133.0)), or None."""
    m = _DMS.match(text)
    if not m:
        return None
    lat = (int(m[1]) + int(m[2] or 0) / 60) * (1 if m[3] == "N" else -1)
    lon = (int(m[4]) + int(m[5] or 0) / 60) * (1 if m[6] == "E" else -1)
    return lat, lon


def _schema_problems(t: Table, descriptor: dict) -> list[Problem]:
    """Breaches of the table's schema (not its foreign keys), in the words the main validator uses."""
    descriptor = dict(descriptor, foreignKeys=[])
    report = frictionless.Resource(name=t.name, data=[list(r) for r in t.records],
                                   schema=frictionless.Schema.from_descriptor(descriptor)).validate()
    problems = [Problem(t.path, None, None, e.message) for e in report.errors]
    for e in (e for task in report.tasks for e in task.errors):
        row = getattr(e, "row_number", None) or (1 if e.type.endswith("-label") else None)
        column = getattr(e, "field_name", None) or getattr(e, "label", None) or None
        if e.type in PLAIN:
            problems.append(PLAIN[e.type].at(t.path, row, column))
        elif e.type == "primary-key":
            problems.append(DUPLICATE_KEY.at(t.path, row, ",".join(descriptor["primaryKey"]), detail=e.note))
        elif hasattr(e, "cell"):
            problems.append(CELL.at(t.path, row, column, title=e.title, cell=e.cell, note=e.note))
        else:
            problems.append(OTHER.at(t.path, row, column, message=e.message))
    return problems


def _foreign_keys(tables: dict[str, Table]) -> list[Problem]:
    problems = []
    for name in TABLES:
        if name not in tables:
            continue
        for fk in schema(name).get("foreignKeys", []):
            (column,), (key,), target = fk["fields"], fk["reference"]["fields"], fk["reference"]["resource"]
            if target not in tables:
                continue
            ids = {row.get(key) for _, row in tables[target].rows}
            for line, row in tables[name].rows:
                if row.get(column) and row[column] not in ids:
                    problems.append(Problem(tables[name].path, line, column, f'dangling reference: "{row[column]}" '
                                            f"is not an {key} of {tables[target].path}"))
    return problems


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


def check(data_dir: Path = DATA) -> tuple[dict[str, Table], list[Problem]]:
    """The new tables of a data folder and the ones they refer to, and every problem in them."""
    data_dir = Path(data_dir)
    tables, problems = {}, []
    for name, path in (TABLES | REFERRED).items():
        table, trouble = folder.read_table(data_dir, name, path)
        problems += trouble
        if table:
            tables[name] = table
    for name in TABLES:
        if name in tables:
            problems += _schema_problems(tables[name], schema(name))
            problems += check_text(tables[name], schema(name))
            problems += check_dates(tables[name])
    problems += _foreign_keys(tables) + check_geo(tables)
    return tables, sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.message))


class GeoData(NamedTuple):
    kadiz_boundary: pd.DataFrame
    places: pd.DataFrame
    map_areas: pd.DataFrame
    map_sources: pd.DataFrame
    after_events: pd.DataFrame


def load(data_dir: Path = DATA) -> GeoData:
    """The new tables as DataFrames typed by their schemas; DataError if any check fails."""
    from kadiz.data import DataError, _frame  # the loader of the main tables, reused for the same typing

    tables, problems = check(data_dir)
    if problems:
        raise DataError(problems)
    frames = {name: _frame(tables[name], schema(name)) for name in TABLES}
    for name in ("kadiz_boundary", "places", "map_areas"):
        for f in schema(name)["fields"]:
            if f["type"] == "number":
                frames[name][f["name"]] = frames[name][f["name"]].astype(float)
    return GeoData(**frames)

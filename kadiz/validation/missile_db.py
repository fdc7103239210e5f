"""The CNS missile test database (data/external/nk-missile-tests): three JSON files, each checked against a JSON
Schema of the project, with the missile and facility ids of the tests known to the other two files, dates real and
not in the future, and numbers finite and not negative."""

import functools
import json
import math
from pathlib import Path

import jsonschema

from kadiz import article, when
from kadiz.validation.folder import unsafe
from kadiz.validation.problems import Problem, rule

FOLDER = "external/nk-missile-tests"
TESTS, MISSILES, FACILITIES = (f"{FOLDER}/{name}.en.json" for name in ("test", "missile", "facility"))

_DISTANCE = {"anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": r"^\d+(\.\d+)?$"},
                       {"enum": ["unknown", "na"]}]}
MISSILE_SCHEMA = {"type": "object", "minProperties": 1, "additionalProperties": {
    "type": "object", "required": ["name", "type"],
    "properties": {"name": {"type": "string", "minLength": 1}, "type": {"type": "string", "minLength": 1},
                   "maneuver": {"type": "string"}}}}
FACILITY_SCHEMA = {"type": "object", "required": ["facilities"], "properties": {"facilities": {
    "type": "object", "minProperties": 1, "additionalProperties": {
        "type": "object", "required": ["name", "lat", "lon"],
        "properties": {"name": {"type": "string", "minLength": 1},
                       "lat": {"type": "number", "minimum": -90, "maximum": 90},
                       "lon": {"type": "number", "minimum": -180, "maximum": 180}}}}}}


def test_schema(missile_ids: list[str], facility_ids: list[str]) -> dict:
    """The schema of test.en.json, knowing the missile and facility ids of the other two files."""
    test = {"type": "object",
            "required": ["date", "time", "missile", "facility", "apogee", "distance", "outcome"],
            "properties": {
                "date": {"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"},
                "time": {"type": "string", "pattern": r"^(([01]\d|2[0-3]):[0-5]\d \(UTC\)|unknown)$"},
                "series": {"type": "integer", "minimum": 1},
                "missile": {"enum": missile_ids}, "facility": {"enum": facility_ids},
                "landing": {"type": "string"}, "apogee": _DISTANCE, "distance": _DISTANCE,
                "bearing": {"type": "number", "minimum": 0, "maximum": 360},
                "outcome": {"enum": ["success", "failure", "unknown"]}, "description": {"type": "string"},
                "glide": {"type": "array", "items": {"type": "object", "additionalProperties": {
                    "type": "number", "minimum": 0}}}}}
    return {"type": "object", "required": ["timeBins"], "properties": {"timeBins": {"type": "array", "items": {
        "type": "object", "required": ["data"],
        "properties": {"year": {"type": "integer"}, "data": {"type": "array", "items": test}}}}}}


NOT_JSON = rule("Missile database", "Each file of the missile database is complete, valid JSON (a file cut short "
                "is refused).", "not valid JSON: {error} at line {line} column {col} (is the file cut short?)")
NOT_FINITE = rule("Missile database", "Numbers are finite (no NaN or Infinity).",
                  "{value} is not a finite number")
BREACH = rule("Missile database", "The files follow the project's JSON Schemas (kadiz.validation.missile_db): "
              "types, required fields, known missile and facility ids, numbers not negative, latitudes and "
              "longitudes in range.", "{where}: {message}")
FUTURE_TEST = rule("Missile database", "No test is dated after today or before 1950, and every date is real.",
                   '{where}: date "{value}" {why}')


class _NotFinite(ValueError):
    pass


def check_missiles(data_dir: Path) -> list[Problem]:
    """Every problem of the missile database in a data folder."""
    files, problems = {}, []
    for path in (MISSILES, FACILITIES, TESTS):
        if trouble := unsafe(data_dir, path):
            problems.append(trouble)
        else:
            files[path] = (data_dir / path).read_bytes()
    return problems + _check(tuple(files.items()), when.today())


@functools.lru_cache(maxsize=8)
def _check(files: tuple[tuple[str, bytes], ...], today) -> list[Problem]:
    """The problems of the files that could be read (cached by content and date: the files rarely change)."""
    loaded, problems = {}, []
    for path, raw in files:
        try:
            loaded[path] = json.loads(raw.decode("utf-8"), parse_constant=_refuse, parse_float=_finite)
        except json.JSONDecodeError as err:
            problems.append(NOT_JSON.at(path, err.lineno, None, error=err.msg, line=err.lineno, col=err.colno))
        except _NotFinite as err:
            problems.append(NOT_FINITE.at(path, None, None, value=str(err)))
        except UnicodeDecodeError:
            problems.append(NOT_JSON.at(path, None, None, error="not UTF-8", line=1, col=1))
    schemas = {MISSILES: MISSILE_SCHEMA, FACILITIES: FACILITY_SCHEMA}
    for path, schema in schemas.items():
        if path in loaded:
            problems += _breaches(path, loaded[path], schema)
    if len(loaded) == 3 and not problems:  # the tests are checked against the other two files
        facilities = loaded[FACILITIES]["facilities"]
        problems += _breaches(TESTS, loaded[TESTS], test_schema(sorted(loaded[MISSILES]), sorted(facilities)))
        if not problems:
            problems += _dates(loaded[TESTS])
    return problems


def _refuse(constant: str):
    raise _NotFinite(constant)


def _finite(text: str) -> float:
    if not math.isfinite(value := float(text)):
        raise _NotFinite(text)
    return value


def _breaches(path: str, document, schema: dict) -> list[Problem]:
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        row, column = _place(document, list(error.absolute_path))
        message = error.message if len(error.message) <= 200 else error.message[:200] + "..."
        problems.append(BREACH.at(path, row, column, where=_where(error.absolute_path), message=message))
    return problems


def _place(document, location: list) -> tuple[int | None, str | None]:
    """Row = the test's number counted through the file (1 = first test), column = its field."""
    if len(location) >= 4 and location[0] == "timeBins" and location[2] == "data":
        bins = document["timeBins"]
        before = sum(len(b.get("data", [])) if isinstance(b, dict) and isinstance(b.get("data"), list) else 0
                     for b in bins[:location[1]])
        return before + location[3] + 1, str(location[4]) if len(location) > 4 else None
    return None, str(location[-1]) if location else None


def _where(location) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in location).lstrip(".") or "the file"


def _dates(document) -> list[Problem]:
    problems, number = [], 0
    for i, time_bin in enumerate(document["timeBins"]):
        for j, test in enumerate(time_bin["data"]):
            number += 1
            value = test["date"]
            precision = "day" if len(value) == 10 else "month"
            parsed = when.parse_when(value, precision)
            where = f"timeBins[{i}].data[{j}]"
            if isinstance(parsed, str):
                problems.append(FUTURE_TEST.at(TESTS, number, "date", where=where, value=value, why="is not real"))
            elif parsed.date() > when.today():
                problems.append(FUTURE_TEST.at(TESTS, number, "date", where=where, value=value,
                                               why=f"is after today ({when.today().isoformat()})"))
            elif parsed.year < article.OLDEST_EVENT_YEAR:
                problems.append(FUTURE_TEST.at(TESTS, number, "date", where=where, value=value,
                                               why=f"is before {article.OLDEST_EVENT_YEAR}"))
    return problems

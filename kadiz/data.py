"""Load the validated data as pandas DataFrames; invalid data raise DataError before any table is returned."""

from pathlib import Path
from typing import NamedTuple

import pandas as pd

from kadiz import missiles as missile_data
from kadiz.paths import DATA
from kadiz.validate import Problem, Table, check
from kadiz.validation.folder import resources
from kadiz import when
from kadiz.when import SEOUL, parse_when



class DataError(Exception):
    """The data folder failed validation; `problems` lists why."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.problems)

    def __str__(self) -> str:
        return f"{len(self.problems)} problem(s) in the data:\n" + "\n".join(map(str, self.problems))


class Data(NamedTuple):
    article: pd.DataFrame
    actors: pd.DataFrame
    events: pd.DataFrame
    assets: pd.DataFrame
    speakers: pd.DataFrame
    quotes: pd.DataFrame
    claims: pd.DataFrame
    sources: pd.DataFrame
    joint_air_patrols: pd.DataFrame
    records: pd.DataFrame
    verdicts: pd.DataFrame  # what the outside records say of each checked claim
    kadiz_boundary: pd.DataFrame  # the map: the zone's boundary points, places, approximate areas, their sources
    places: pd.DataFrame
    map_areas: pd.DataFrame
    map_sources: pd.DataFrame
    after_events: pd.DataFrame  # what happened after the article
    missiles: pd.DataFrame  # one row per missile fired (kadiz.missiles.load)


def _stamp(value, precision: str) -> pd.Timestamp:
    """Start of the period a (valid) date string names, in Seoul time."""
    if pd.isna(value):
        return pd.NaT
    ts = pd.Timestamp(parse_when(value, precision))
    return ts.tz_localize(SEOUL) if ts.tzinfo is None else ts.tz_convert(SEOUL)


def _add_timestamps(df: pd.DataFrame) -> pd.DataFrame:
    """start_ts / end_ts: start of the stated period; period_end_ts: where the stated period ends.

    For day, month and year precision period_end_ts is the (exclusive) end of the last period named, that of `end`
    or else of `start` ("2022-05-24" -> 2022-05-25 00:00), so a chart can draw a vague date as a band from
    start_ts to period_end_ts. For hour and minute precision it is end_ts, or else start_ts (a point).
    """
    dtype = f"datetime64[us, {SEOUL}]"
    df["start_ts"] = pd.Series([_stamp(v, p) for v, p in zip(df["start"], df["precision"])], df.index, dtype)
    df["end_ts"] = pd.Series([_stamp(v, p) for v, p in zip(df["end"], df["precision"])], df.index, dtype)
    last = df["end_ts"].fillna(df["start_ts"])
    df["period_end_ts"] = pd.Series([when.period(ts, p)[1] if when.drawn_as_band(p) and not pd.isna(ts) else ts
                                     for ts, p in zip(last, df["precision"])], df.index, dtype)
    return df


def _frame(table: Table, schema: dict) -> pd.DataFrame:
    """A validated table with the types of its schema, columns in schema order: empty cells as missing, integers
    as Int64, booleans as boolean. Built from the rows the validator read, so it holds exactly what was checked."""
    names = [f["name"] for f in schema["fields"]]
    df = pd.DataFrame([[row.get(n, "") for n in names] for _, row in table.rows], columns=names, dtype=str)
    for f in schema["fields"]:
        col = df[f["name"]].replace("", pd.NA)
        if f["type"] == "integer":
            col = col.astype("Int64")
        elif f["type"] == "boolean":
            col = col.map({"true": True, "false": False}).astype("boolean")
        elif f["type"] == "number":
            col = col.astype("Float64")
        df[f["name"]] = col
    return _add_timestamps(df) if "precision" in df else df


def load(data_dir: Path = DATA, needs: bool = True) -> Data:
    """Validate `data_dir` (raising DataError on any problem, exactly as `python -m kadiz.validate` reports it,
    the missile database included), then return every table as a DataFrame. `needs=False` is for tests of the
    data rules on a deliberately partial folder only (kadiz.validate.check)."""
    data_dir = Path(data_dir)
    tables, problems = check(data_dir, needs)
    if problems:
        raise DataError(problems)
    frames = {name: _frame(tables[name], r["schema"]) for name, r in resources().items()}
    return Data(**frames, missiles=missile_data.load(data_dir / "external" / "nk-missile-tests"))

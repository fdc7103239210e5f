"""North Korea's missile tests from the CNS North Korea Missile Test Database (NTI), as copied from
nagix/nk-missile-tests (Apache-2.0; see data/external/nk-missile-tests/PROVENANCE.md), in Korean time.

The data list ballistic missiles and satellite launchers only (at least 500 kg over at least 300 km):
cruise missiles and artillery rockets are not in them.
"""

import json
from pathlib import Path

import pandas as pd

from kadiz.paths import DATA

FOLDER = DATA / "external" / "nk-missile-tests"
KST = "Asia/Seoul"  # UTC+9 all year: Korea has had no daylight saving time since 1988


def _read(folder: Path, name: str):
    return json.loads((folder / name).read_text(encoding="utf-8"))


def load(folder: Path = FOLDER) -> pd.DataFrame:
    """One row per missile fired, in the source's order.

    Columns: utc_date (a few early tests give only a month: their 1st, see date_precision), date_precision,
    utc_time ("HH:MM", missing when the source says "unknown"), time_known, kst_ts (Asia/Seoul, NaT when the time
    is unknown), kst_date, missile_id, missile_name, missile_type, facility_id, facility_name, outcome,
    apogee_km, distance_km (NaN where "unknown"; for the first missile of 25 May 2022 the two look swapped
    against the JCS figures, see PROVENANCE.md).

    The source's `date` is the UTC date, so a launch at 21:00 UTC falls on the next KST day. Where the time is
    unknown (about a quarter of the missiles) the date cannot be converted and is taken as the KST date as it stands.
    """
    folder = Path(folder)
    tests = _read(folder, "test.en.json")
    missiles = _read(folder, "missile.en.json")
    facilities = _read(folder, "facility.en.json")["facilities"]
    rows = []
    for time_bin in tests["timeBins"]:
        for t in time_bin["data"]:
            known = t["time"] != "unknown"
            rows.append({
                "utc_date": t["date"],
                "date_precision": "day" if len(t["date"]) == 10 else "month",  # a few early tests: "1984-09"
                "utc_time": t["time"].removesuffix(" (UTC)") if known else None,
                "time_known": known,
                "missile_id": t["missile"],
                "missile_name": missiles[t["missile"]]["name"],
                "missile_type": missiles[t["missile"]]["type"],
                "facility_id": t["facility"],
                "facility_name": facilities[t["facility"]]["name"],
                "outcome": t["outcome"],
                "apogee_km": t["apogee"],
                "distance_km": t["distance"],
            })
    df = pd.DataFrame(rows)
    utc = pd.to_datetime(df["utc_date"].where(df["time_known"]) + " " + df["utc_time"], format="%Y-%m-%d %H:%M")
    df["utc_date"] = pd.to_datetime(df["utc_date"], format="ISO8601")  # a month-only date becomes its 1st day
    df["kst_ts"] = utc.dt.tz_localize("UTC").dt.tz_convert(KST)
    df["kst_date"] = df["kst_ts"].dt.tz_localize(None).dt.normalize().fillna(df["utc_date"])
    for col in ("apogee_km", "distance_km"):  # "unknown" becomes NaN
        df[col] = pd.to_numeric(df[col], errors="coerce")
    columns = ["utc_date", "date_precision", "utc_time", "time_known", "kst_ts", "kst_date", "missile_id",
               "missile_name", "missile_type", "facility_id", "facility_name", "outcome", "apogee_km", "distance_km"]
    return df[columns]


def launch_events(df: pd.DataFrame) -> pd.DataFrame:
    """Group missiles into launch events: all missiles fired on the same KST calendar day are one launch event.

    This is the counting rule the report uses when it sets the article's "missile tests" beside the data.
    Why this rule:
    - the CNS data list missiles, not launches, and carry no event id (only a `series` number inside some salvos);
    - the article speaks of a morning's salvo as one firing ("this morning ... North Korea test-fired three
      ballistic missiles", between 6:00 and 6:42 AM on 25 May), not as three tests;
    - the day is the Korean day because the article and the officials date launches in KST. A morning launch
      at 06:00 KST is 21:00 UTC the day before, so UTC dates would file the 25 May launches under 24 May.
    It reproduces the counts given with the data (PROVENANCE.md, RECORDS.md): 15 launch events and 23 missiles
    from 1 January to 25 May 2022 (KST), 6 events and 9 missiles in January 2022. Its limit: two separate salvos
    on one day would count as one (in 2022 up to 25 May every day's missiles were fired within an hour).
    """
    grouped = df.sort_values(["kst_date", "kst_ts"]).groupby("kst_date", sort=True)
    return pd.DataFrame({
        "missiles": grouped.size(),
        "first_kst_ts": grouped["kst_ts"].min(),
        "last_kst_ts": grouped["kst_ts"].max(),
        "missile_names": grouped["missile_name"].agg(lambda s: ";".join(dict.fromkeys(s))),
        "facility_names": grouped["facility_name"].agg(lambda s: ";".join(dict.fromkeys(s))),
        "outcomes": grouped["outcome"].agg(lambda s: ";".join(dict.fromkeys(s))),
    }).reset_index()


def coverage_end(df: pd.DataFrame) -> pd.Timestamp:
    """The last Korean day the copy of the database covers: the day of its last launch (the copy of 21 April 2026
    ends with the launches of 18 April 2026 UTC, 19 April in Korea). After it, no launch in the data is no
    evidence of none: an event there lies outside the record's coverage and cannot be scored against it."""
    return df["kst_date"].max()

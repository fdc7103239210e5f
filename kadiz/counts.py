"""How many "missile tests"? The same launches counted under different rules, beside the counts on record.

The article says North Korea "has conducted 19 missile tests this year" (to 25 May 2022) and "six missile tests"
in January 2022. A count of tests depends on what is counted:

- missiles or launch events (all missiles fired on one Korean day are one event, kadiz.missiles.launch_events);
- ballistic missiles only (the scope of the CNS database) or cruise missiles too, which UN resolutions do not ban
  and some counts leave out.

The CNS data hold ballistic missiles only, so the cruise-missile launches are added from the outside records
(data/external/records.csv rows whose unit is "cruise missiles"), each with its source.

"""

from __future__ import annotations

import pandas as pd

from kadiz import missiles as missile_data

CRUISE_UNIT = "cruise missiles"

# Each rule: a label for readers, and the function that counts a window of the tidy missile table.
RULES = {
    "ballistic-missiles": "Ballistic missiles (CNS data)",
    "ballistic-launch-events": "Ballistic launch events (CNS data, one per Korean day)",
    "launch-events-with-cruise": "Launch events, cruise missiles too (CNS data plus reports)",
}


def _window(df: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    return df[df["kst_date"].between(pd.Timestamp(first), pd.Timestamp(last))]


def cruise_launches(records: pd.DataFrame) -> pd.DataFrame:
    """The cruise-missile launches on record: kst_date, missiles, source_ids.

    Only launches a source on file reports are listed, so counts "with cruise missiles" are a floor.
    """
    cruise = records[records["unit"] == CRUISE_UNIT]
    return pd.DataFrame({"kst_date": cruise["start_ts"].dt.tz_localize(None).dt.normalize(),
                         "missiles": cruise["value"].astype(int), "source_ids": cruise["source_ids"]})


def launch_days(missiles: pd.DataFrame, first: str, last: str, records: pd.DataFrame | None = None) -> pd.DatetimeIndex:
    """The Korean days from `first` to `last` (inclusive) on which missiles were fired, sorted and distinct;
    with `records`, the days of the cruise-missile launches on record too."""
    days = set(_window(missiles, first, last)["kst_date"])
    if records is not None:
        days |= set(_window(cruise_launches(records), first, last)["kst_date"])
    return pd.DatetimeIndex(sorted(days))


def count(missiles: pd.DataFrame, rule: str, first: str, last: str, records: pd.DataFrame | None = None) -> int:
    """How many tests from `first` to `last` (Korean dates, inclusive) under `rule` (a key of RULES).

    The rule that counts cruise missiles takes them from `records` (the outside records table).
    """
    if rule == "ballistic-missiles":
        return len(_window(missiles, first, last))
    if rule == "ballistic-launch-events":
        return len(missile_data.launch_events(_window(missiles, first, last)))
    if rule == "launch-events-with-cruise":
        if records is None:
            raise ValueError("counting cruise missiles needs the outside records (records=...)")
        return len(launch_days(missiles, first, last, records))
    raise KeyError(f"unknown counting rule {rule!r}; known: {', '.join(RULES)}")


def _join(*id_lists: str) -> str:
    """`;`-separated ids, in order, each once."""
    return ";".join(dict.fromkeys(i for ids in id_lists for i in ids.split(";") if i))


def rule_table(missiles: pd.DataFrame, records: pd.DataFrame, claims: pd.DataFrame,
               periods: dict[str, tuple[str, str, str]]) -> pd.DataFrame:
    """One row per period and count: the counts under every rule, the counts on record, and the article's.

    `periods` maps a label to (first day, last day, claim id), Korean dates, inclusive. Beside the computed counts
    go the counts an outside body published for that claim (records.csv rows with that claim_id that do not rest on
    the CNS data, such as the JCS's "shows of force") and the value the article gives.
    Columns: period, count (what is counted), value, kind (`computed`, `on record`, `article`), source_ids.
    """
    cns = "nagixnkmissiletests;cnsntimissiledb"
    rows = []
    for label, (first, last, claim_id) in periods.items():
        for rule, name in RULES.items():
            sources = cns
            if rule == "launch-events-with-cruise":
                sources = _join(cns, *_window(cruise_launches(records), first, last)["source_ids"])
            rows.append({"period": label, "count": name, "value": count(missiles, rule, first, last, records),
                         "kind": "computed", "source_ids": sources})
        published = records[(records["claim_id"] == claim_id)
                            & ~records["source_ids"].str.contains("nagixnkmissiletests", regex=False)]
        for r in published.itertuples():
            rows.append({"period": label, "count": r.subject, "value": int(r.value), "kind": "on record",
                         "source_ids": r.source_ids})
        claim = claims.set_index("id").loc[claim_id]
        rows.append({"period": label, "count": f"The article: {claim['unit']}", "value": int(claim["value"]),
                     "kind": "article", "source_ids": "salmon2022axis"})
    return pd.DataFrame(rows)

"""The March-and-May chapter's measures: the two episodes on one clock, and the article's "exactly mirror" claim
broken into points that compare events (not the way the table of events happens to be coded).
"""

from __future__ import annotations

import pandas as pd

from kadiz.timeline import (GENERIC_PLATFORM, GROUP_OF_COUNTRY, actor_groups, context_events, episode_rows,
                            flight_rows, last_flight_to_first_launch_minutes, launch_rows, launch_window_minutes,
                            spans, zone_visits)
from kadiz.when import drawn_as_band, hours_minutes, when_text
from kadiz.words import days_later

EPISODES = ("march-2022", "may-2022")

# ------------------------------------------------------------------ the two episodes on one clock


def launch_day_start(events: pd.DataFrame, episode: str) -> pd.Timestamp:
    """00:00 (Korean time) of the day of the episode's first launch: the zero of the shared clock.

    The first launch itself cannot be the zero: in March the article gives its day but no time.
    """
    return launch_rows(events, episode)["start_ts"].min().normalize()


def episode_clock(events: pd.DataFrame, actors: pd.DataFrame, episode: str) -> pd.DataFrame:
    """The episode's events as spans of hours from the start of its launch day, one row per actor group.

    A flight with entry and exit rows is one span from entry to exit. A row dated to the day spans the whole
    day (it happened some time in it); a row dated to the minute spans its stated start and end.
    """
    zero = launch_day_start(events, episode)
    rows = spans(events).query("episode == @episode").sort_values("start_ts", kind="stable")

    def hours(ts):
        return (ts - zero).total_seconds() / 3600

    return pd.DataFrame([
        {"episode": episode, "event_id": row["id"], "label": row["label"], "lane": lane,
         "precision": row["precision"], "approximate": bool(row["approximate"]), "when": row["when"],
         "from_hours": hours(row["start_ts"]), "to_hours": hours(row["end_ts"]), "minutes": row["minutes"],
         "passage": row["passage"]}
        for _, row in rows.iterrows() for lane in actor_groups(row["actors"], actors)
    ])


# ------------------------------------------------------------------ March and May, point by point

# The kinds of incident the claim is about, in words, in the order the sequence runs.
INCIDENT_KINDS = {"air-zone-entry": "flights into the KADIZ", "missile-launch": "missile launches"}
UNTIMED = "no times given"  # a cell the article does not date finely enough to fill
# The points of the comparison: a short key (for the chapter's text) and the words of the table's row.
POINTS = {
    "parties": "Countries whose forces flew or fired",
    "responses": "Responses recorded",
    "kinds": "Kinds of incident",
    "flights": "Flights into the KADIZ",
    "counts": "Aircraft and missiles counted",
    "order": "Order of first acts by country",
    "days": "Calendar days spanned",
    "first-launch": "First launch after first flight",
    "zone-minutes": "Minutes in the zone, per flight",
    "gap": "Last flight to first launch",
    "window": "Launch window",
    "context": "Diplomatic and war context (month before)",
}


def _country_names(actors: pd.DataFrame) -> dict[str, str]:
    states = actors[actors["kind"] == "state"]
    return dict(zip(states["country"], states["name"]))


def _parties(rows: pd.DataFrame, actors: pd.DataFrame) -> list[str]:
    country = dict(zip(actors["id"], actors["country"]))
    names = _country_names(actors)
    seen = []
    for ids in rows["actors"].dropna():
        for actor in ids.split(";"):
            name = names.get(country.get(actor), actor)
            if name not in seen:
                seen.append(name)
    return seen


def _who(row, actors: pd.DataFrame) -> str:
    return " + ".join(_parties(pd.DataFrame([row]), actors))


def counted_assets(assets: pd.DataFrame, event_ids, each_entry: bool = False) -> pd.DataFrame:
    """The rows of data/assets.csv for these events, in the order of `event_ids`, each aircraft counted once.

    An aircraft the article names again in a later flight is not counted again: "the two Chinese warplanes" that
    joined the Russians on 24 May are the two H-6 of the first flight. The rule is kadiz.timeline.flight_names's:
    a row of the generic platform with the country and number of a row named by type before it is the same
    aircraft. With `each_entry`, every row counts, so an aircraft is counted at each entry into the zone.
    """
    order = {event_id: i for i, event_id in enumerate(event_ids)}
    rows = assets[assets["event_id"].isin(order)]
    rows = rows.assign(_order=rows["event_id"].map(order)).sort_values("_order", kind="stable").drop(columns="_order")
    if each_entry:
        return rows
    named, keep = set(), []
    for _, row in rows.iterrows():
        same = (row["country"], int(row["count"]))
        keep.append(not (row["platform"] == GENERIC_PLATFORM and pd.isna(row["included_in"]) and same in named))
        if row["platform"] != GENERIC_PLATFORM and pd.isna(row["included_in"]):
            named.add(same)
    return rows[keep]


def _counts(assets: pd.DataFrame, rows: pd.DataFrame, names: dict[str, str]) -> str:
    counted = counted_assets(assets, rows["id"])
    if counted.empty:
        return "no count given"
    parts = []
    for _, asset in counted.iterrows():
        text = f"{asset['count']} {asset['platform']}" + ("s" if asset["count"] != 1 else "")
        if not pd.isna(asset["included_in"]):
            text = f"(of which {text})"
        else:
            text = f"{names.get(asset['country'], asset['country'])}: {text}"
        parts.append(text)
    return "; ".join(parts).replace("; (", " (")


def _durations(events: pd.DataFrame, episode: str) -> str | None:
    visits = zone_visits(events)
    minutes = visits.loc[visits["episode"] == episode, "minutes"].tolist()
    if not minutes or any(m is None for m in minutes):
        return None
    return "; ".join(f"{m} min" for m in minutes)


def first_actions(events: pd.DataFrame, actors: pd.DataFrame, episode: str) -> list[list[str]]:
    """The countries in the order they first fly or fire; countries whose first acts share a date given without a
    time of day share a step, since the data cannot order them."""
    rows = episode_rows(events, episode)
    rows = rows[rows["category"].isin(["air-zone-entry", "missile-launch"])]
    steps, seen, last_key = [], set(), None
    for _, row in rows.iterrows():
        untimed = drawn_as_band(row["precision"])
        key = row["start_ts"].normalize() if untimed else row["start_ts"]
        new = [c for c in _parties(pd.DataFrame([row]), actors) if c not in seen]
        if not new:
            continue
        seen.update(new)
        if steps and key == last_key and untimed:
            steps[-1] += new
        else:
            steps.append(new)
        last_key = key
    return steps


def _steps_text(steps: list[list[str]]) -> str:
    return " \u2192 ".join(" / ".join(step) + (" (same day, not timed)" if len(step) > 1 else "") for step in steps)


def order_verdict(march: list[list[str]], may: list[list[str]]) -> str:
    """Same order, or an order the vaguer episode allows (its ties could resolve either way), or not."""
    if march == may:
        return "same"
    flat = [c for step in may for c in step]
    position = 0
    for step in march:
        if set(flat[position:position + len(step)]) != set(step):
            return "differs"
        position += len(step)
    return "consistent (March leaves a tie untimed)" if position == len(flat) else "differs"


def _cells(events: pd.DataFrame, actors: pd.DataFrame, assets: pd.DataFrame) -> dict:
    """For each point, the function that writes an episode's cell."""

    def acting(episode):
        rows = episode_rows(events, episode)
        return rows[rows["category"].isin(["air-zone-entry", "air-zone-exit", "missile-launch"])]

    def parties(episode):
        found = set(_parties(acting(episode), actors))
        names = _country_names(actors)
        return ", ".join(n for n in (names.get(c) for c in GROUP_OF_COUNTRY) if n in found) if found else ""

    def responses(episode):
        rows = episode_rows(events, episode).query("category == 'military-scramble'")
        return "; ".join(f"{r['label']} ({when_text(r)})" for _, r in rows.iterrows()) or "none recorded"

    def kinds(episode):
        found = set(episode_rows(events, episode)["category"])
        return ", ".join(words for category, words in INCIDENT_KINDS.items() if category in found)

    def flights(episode):
        rows = episode_rows(events, episode).query("category == 'air-zone-entry'")
        return "; ".join(f"{_who(r, actors)}, {when_text(r)}" for _, r in rows.iterrows())

    def days(episode):
        return str(episode_rows(events, episode)["start_ts"].dt.date.nunique())

    def first_launch(episode):
        first_flight = flight_rows(events, episode)["start_ts"].min().normalize()
        first = launch_rows(events, episode)["start_ts"].min().normalize()
        return days_later((first - first_flight).days)

    def gap(episode):
        minutes = hours_minutes(last_flight_to_first_launch_minutes(events, episode))
        if minutes:
            return minutes
        last_flight = flight_rows(events, episode)["start_ts"].max().normalize()
        days_apart = (launch_rows(events, episode)["start_ts"].min().normalize() - last_flight).days
        return f"{days_later(days_apart)}; {UNTIMED}"

    def context(episode):
        return "; ".join(f"{r['label']} ({when_text(r)})" for _, r in context_events(events, episode).iterrows())

    return {
        "parties": parties,
        "responses": responses,
        "kinds": kinds,
        "flights": flights,
        "counts": lambda e: _counts(assets, episode_rows(events, e), _country_names(actors)),
        "order": lambda e: _steps_text(first_actions(events, actors, e)),
        "days": days,
        "first-launch": first_launch,
        "zone-minutes": lambda e: _durations(events, e) or UNTIMED,
        "gap": gap,
        "window": lambda e: hours_minutes(launch_window_minutes(events, e)) or UNTIMED,
        "context": context,
    }


def comparison_table(events: pd.DataFrame, actors: pd.DataFrame, assets: pd.DataFrame) -> pd.DataFrame:
    """March and May side by side, one numbered row per point of the article's "exactly mirror" claim.

    The verdict compares the two cells as the data give them: "same", "differs", or "cannot be compared" when
    one episode is not dated finely enough to have a value.
    """
    cells = _cells(events, actors, assets)
    rows = []
    for number, (key, point) in enumerate(POINTS.items(), start=1):
        march, may = (cells[key](e) for e in EPISODES)
        if UNTIMED in march or UNTIMED in may:
            verdict = "cannot be compared"
        elif key == "order":
            verdict = order_verdict(*(first_actions(events, actors, e) for e in EPISODES))
        else:
            verdict = "same" if march == may else "differs"
        rows.append({"No.": number, "Point": point, "March 2022": march, "May 2022": may, "In the data": verdict})
    return pd.DataFrame(rows)

"""The timeline chapter's measures: actor groups, the two episodes, flights in the zone and their minutes.

Every measure is only as exact as the rows it comes from: a duration or gap is computed only when both ends are
dated to the minute, and is None otherwise (a day-precision date says "some time that day", which gives no number
of minutes). Times are Korean time, as the article's are.
"""

from __future__ import annotations

import pandas as pd

from kadiz import words
from kadiz.when import MINUTE_PRECISIONS, minutes_between, when_text

# ------------------------------------------------------------------ who acted: the actor groups (a chart's lanes)

ACTOR_GROUPS = ["China", "Russia", "North Korea", "US and allies"]
OTHER_GROUP = "Other"
# The Soviet Union acted in the Korean War where Russia acts later; the Quad is a bloc of the US and its allies.
GROUP_OF_COUNTRY = {
    "CHN": "China",
    "RUS": "Russia",
    "SUN": "Russia",
    "PRK": "North Korea",
    "USA": "US and allies",
    "KOR": "US and allies",
    "JPN": "US and allies",
    "GBR": "US and allies",
}
GROUP_OF_ACTOR = {"quad": "US and allies"}


def actor_groups(actor_ids, actors: pd.DataFrame) -> list[str]:
    """The actor groups of a `;`-separated list of actor ids, in the order of ACTOR_GROUPS; ["Other"] if none."""
    if actor_ids is None or pd.isna(actor_ids):
        return [OTHER_GROUP]
    country = dict(zip(actors["id"], actors["country"]))
    found = set()
    for actor in str(actor_ids).split(";"):
        group = GROUP_OF_ACTOR.get(actor) or GROUP_OF_COUNTRY.get(country.get(actor, ""))
        if group:
            found.add(group)
    return [group for group in ACTOR_GROUPS if group in found] or [OTHER_GROUP]


def one_row_per_group(events: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """One row per event and actor group, in column `lane` (a joint flight sits in both China and Russia)."""
    rows = events.assign(lane=[actor_groups(a, actors) for a in events["actors"]]).explode("lane")
    return rows.reset_index(drop=True)


# ------------------------------------------------------------------ dates as the timeline gives them

def dated_text(row) -> str:
    """A row's date in words, marked when it comes from outside the article (`dated_from`)."""
    text = when_text(row)
    return text if row["dated_from"] == "article" else f"{text} (date from outside the article)"


def event_table(events: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """The events in date order, numbered: the key to the overview chart for readers of the print."""
    ordered = events.sort_values(["start_ts", "period_end_ts"], kind="stable")
    return pd.DataFrame({
        "No.": range(1, len(ordered) + 1),
        "Date": [dated_text(r) for _, r in ordered.iterrows()],
        "Precision": ordered["precision"].to_numpy(),
        "Event": ordered["label"].to_numpy(),
        "Actor groups": [", ".join(actor_groups(a, actors)) for a in ordered["actors"]],
    })


# ------------------------------------------------------------------ the two episodes

def episode_rows(events: pd.DataFrame, episode: str) -> pd.DataFrame:
    return events[events["episode"] == episode].sort_values("start_ts", kind="stable")


def launch_rows(events: pd.DataFrame, episode: str) -> pd.DataFrame:
    return episode_rows(events, episode).query("category == 'missile-launch'")


def flight_rows(events: pd.DataFrame, episode: str) -> pd.DataFrame:
    return episode_rows(events, episode).query("category in ['air-zone-entry', 'air-zone-exit']")


CONTEXT_CATEGORIES = ("war", "announcement", "summit", "travel", "diplomacy", "sanctions", "treaty")
CONTEXT_DAYS = 31  # the month before an episode: "exactly one month after the invasion"


def context_events(events: pd.DataFrame, episode: str) -> pd.DataFrame:
    """Dated diplomatic and war events (no episode of their own) in the month before and during an episode."""
    rows = episode_rows(events, episode)
    window_start = rows["start_ts"].min().normalize() - pd.Timedelta(days=CONTEXT_DAYS)
    window_end = rows["period_end_ts"].max()
    context = events[events["episode"].isna() & events["category"].isin(CONTEXT_CATEGORIES)]
    overlaps = (context["period_end_ts"] > window_start) & (context["start_ts"] < window_end)
    return context[overlaps].sort_values("start_ts", kind="stable")


# ------------------------------------------------------------------ flights in the zone

def zone_visits(events: pd.DataFrame) -> pd.DataFrame:
    """One row per flight that has an entry and an exit row, linked by the exit's `entry_id`.

    `minutes` is the time in the zone, or None when either row is dated less finely than to the minute.
    That every exit names an entry row, dated no later than itself, is a rule of the data (kadiz.validation):
    the events here have passed it.
    """
    by_id = events.set_index("id", drop=False)
    rows = []
    for _, exit_row in events[events["category"] == "air-zone-exit"].iterrows():
        entry_id = exit_row["entry_id"]
        entry = by_id.loc[entry_id]
        minutes = minutes_between(entry, exit_row)
        rows.append({
            "entry_id": entry_id,
            "exit_id": exit_row["id"],
            "episode": entry["episode"],
            "actors": entry["actors"],
            "entry_ts": entry["start_ts"],
            "exit_ts": exit_row["start_ts"],
            "minutes": minutes,
            "approximate": bool(entry["approximate"]) or bool(exit_row["approximate"]),
            "entry_passage": entry["passage"],
            "exit_passage": exit_row["passage"],
        })
    columns = ["entry_id", "exit_id", "episode", "actors", "entry_ts", "exit_ts", "minutes", "approximate",
               "entry_passage", "exit_passage"]
    visits = pd.DataFrame(rows, columns=columns)
    visits["minutes"] = visits["minutes"].astype("object")  # None for untimed flights, not a made-up NaN number
    return visits.sort_values("entry_ts", kind="stable").reset_index(drop=True)


def launch_window_minutes(events: pd.DataFrame, episode: str) -> int | None:
    """Minutes from the first to the last launch of an episode, when the article gives both to the minute."""
    launches = launch_rows(events, episode)
    if launches.empty or (~launches["precision"].isin(MINUTE_PRECISIONS)).any():
        return None
    first = launches["start_ts"].min()
    last = launches["end_ts"].fillna(launches["start_ts"]).max()
    return int((last - first).total_seconds() // 60)


def last_flight_to_first_launch_minutes(events: pd.DataFrame, episode: str) -> int | None:
    """Minutes from the last flight row (entry or exit) of an episode to its first launch.

    None when either end is dated only to the day: "hours after" on the same day is not a number of minutes.
    """
    flights, launches = flight_rows(events, episode), launch_rows(events, episode)
    if flights.empty or launches.empty:
        return None
    last_flight = flights.assign(_end=flights["end_ts"].fillna(flights["start_ts"])).sort_values("_end").iloc[-1]
    return minutes_between(last_flight, launches.iloc[0])


def spans(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event with a flight's exit folded into its entry: what a chart draws as one mark.

    `end_ts` is the exit time for a flight, else the end of the stated period (a row dated to the day spans the
    day). `minutes` is the length when both ends are timed to the minute, else None. `when` gives the date in
    words with the exit time, and `passage` joins the entry's and the exit's passages.
    """
    visits = zone_visits(events).set_index("entry_id")
    rows = events[~events["id"].isin(visits["exit_id"])]
    out = []
    for _, row in rows.iterrows():
        span = {**row, "end_ts": row["period_end_ts"], "minutes": None, "when": dated_text(row), "flight": False}
        if row["id"] in visits.index:
            visit = visits.loc[row["id"]]
            span.update(end_ts=visit["exit_ts"], minutes=visit["minutes"], flight=True,
                        approximate=visit["approximate"],
                        when=f"{span['when']}\u2013{'around ' if visit['approximate'] else ''}{visit['exit_ts']:%H:%M}",
                        passage=f"{visit['entry_passage']} {visit['exit_passage']}")
        elif row["precision"] in MINUTE_PRECISIONS and not pd.isna(row["end_ts"]):
            span["minutes"] = int((row["end_ts"] - row["start_ts"]).total_seconds() // 60)
        out.append(span)
    frame = pd.DataFrame(out, columns=[*events.columns, "minutes", "when", "flight"])
    # Whole minutes or None: a float column would print 97 as "97.0" and invent NaN for "not timed".
    frame["minutes"] = pd.Series([span["minutes"] for span in out], dtype="object")
    return frame


# ------------------------------------------------------------------ 24-25 May, told by two chapters

# The two flights of 24 May, by the ids of their entry rows: the H-6 pair alone, then the joint formation.
MAY_H6_FLIGHT = "may24-h6-kadiz-entry"
MAY_JOINT_FLIGHT = "may24-joint-kadiz-entry"
MAY_LAUNCHES = "may25-missile-launches"


def asset_count(assets: pd.DataFrame, event_id: str, country: str, platform: str) -> int:
    """The count the article gives for one platform of one country in one event (KeyError if it gives none)."""
    return int(assets.set_index(["event_id", "country", "platform"]).loc[(event_id, country, platform), "count"])


# ------------------------------------------------------------------ what flew and what was fired, in a few words

# The article's word for an aircraft whose type it does not give.
GENERIC_PLATFORM = "warplane"


def _platform_words(row, named_before: dict) -> str:
    if row["platform"] == GENERIC_PLATFORM:
        # "the two Chinese warplanes joined ...": the same aircraft an earlier flight of the day named by type.
        earlier = named_before.get((row["country"], int(row["count"])))
        if earlier:
            return words.counted(int(row["count"]), earlier)
        return f"{int(row['count'])} {words.COUNTRY_ADJECTIVE[row['country']]}"
    return words.counted(int(row["count"]), words.PLATFORM_SHORT.get(row["platform"], row["platform"]))


def assets_in_words(assets: pd.DataFrame, event_id: str, named_before: dict | None = None) -> str:
    """What one event involved, from data/assets.csv: "2 H-6", "4 Russian incl. 2 Tu-95", "3 ballistic missiles
    incl. 1 suspected ICBM". A part the data count inside another ("included_in") follows it after "incl."."""
    named_before = named_before or {}
    rows = assets[assets["event_id"] == event_id]
    parts = []
    for _, row in rows[rows["included_in"].isna()].iterrows():
        text = _platform_words(row, named_before)
        inside = rows[(rows["included_in"] == row["platform"]) & (rows["country"] == row["country"])]
        text += "".join(f" incl. {_platform_words(r, named_before)}" for _, r in inside.iterrows())
        parts.append(text)
    return " + ".join(parts)


def flight_names(events: pd.DataFrame, assets: pd.DataFrame, episode: str) -> dict[str, str]:
    """For each flight of an episode (by its entry row's id), what flew, in entry order: "2 H-6", then
    "2 H-6 + 4 Russian incl. 2 Tu-95" for the formation the same two Chinese aircraft later flew in."""
    visits = zone_visits(events)
    named_before: dict = {}
    names = {}
    for entry_id in visits.loc[visits["episode"] == episode, "entry_id"]:
        names[entry_id] = assets_in_words(assets, entry_id, named_before)
        for _, row in assets[(assets["event_id"] == entry_id) & assets["included_in"].isna()].iterrows():
            if row["platform"] != GENERIC_PLATFORM:
                named_before[(row["country"], int(row["count"]))] = words.PLATFORM_SHORT.get(row["platform"],
                                                                                           row["platform"])
    return names


def missiles_fired(assets: pd.DataFrame, event_id: str) -> int:
    """How many missiles an event of launches fired (the top-level count of data/assets.csv)."""
    rows = assets[(assets["event_id"] == event_id) & assets["included_in"].isna()]
    return int(rows["count"].sum())

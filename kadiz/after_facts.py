"""The chapter "After May 2022" in numbers and words: everything its prose states, by name.

kadiz.after holds the chapter's measures (the patrols after the article, the launches around each, the share of days
near a launch) and tables; this module picks out what the chapter's sentences state. Each function returns
{name: value} for one section of the chapter, glued there as after-<name>; a name says what the value is, in words
(``patrols-with-a-launch-within-the-window``). The argument `d` is the validated data (kadiz.data.load()): every
date follows its newest row, so a patrol or launch added to data/ moves "the latest record" with it.
"""

from __future__ import annotations

import pandas as pd

from kadiz import after
from kadiz import map as region_map
from kadiz import missiles as missile_data
from kadiz.coincidence_facts import recurred
from kadiz.when import when_text
from kadiz.words import counted, listed

EXERCISE_WINDOW_DAYS = 3  # the window the exercise asks the reader to try in the "try it" cell
NEXT_DAY = 1  # "followed" as the patrol of 24 May 2022 was: a launch on its last day or the next


def latest_record(d) -> pd.Timestamp:
    """The latest day any record behind the chapter reaches (kadiz.after.latest_day)."""
    return after.latest_day(d.after_events, d.joint_air_patrols, d.missiles)


def launches_around(d) -> pd.DataFrame:
    """The patrols after the article, each with its nearest launch events before and after
    (kadiz.after.launches_around)."""
    return after.launches_around(after.patrols_after(d.joint_air_patrols), d.missiles)


def launches_table(d) -> pd.DataFrame:
    """The chapter's table of launches around each patrol (kadiz.after.launches_table)."""
    return after.launches_table(launches_around(d))


def aged_claims(d) -> pd.DataFrame:
    """The claims whose standing changed after the article, as of the latest record (kadiz.after.aged_claims)."""
    return after.aged_claims(d.after_events, d.claims, d.verdicts, latest_record(d))


def events(d) -> dict:
    """The dates of the events after the article, and the Security Council's vote, read from its value."""
    by_id = d.after_events.set_index("id")
    vote = by_id.loc["unsc-sanctions-veto", "value"]
    in_favour, against = (int(part.split()[0]) for part in vote.split(", "))
    return {
        "un-vote-date": when_text(by_id.loc["unsc-sanctions-veto"]),
        "un-vote-in-favour": in_favour, "un-vote-against": against,
        "treaty-date": when_text(by_id.loc["russia-north-korea-treaty"]),
        "troops-first-reported": when_text(by_id.loc["north-korean-troops-reported"]),
        "troops-confirmed": when_text(by_id.loc["north-korean-troops-confirmed"]),
        "parade-date": when_text(by_id.loc["beijing-parade"]),
    }


def window(d, window_days: int = after.WINDOW_DAYS) -> dict:
    """kadiz.after.near_launch for the data: of the patrols after the article, how many had a launch within
    `window_days` days either side, beside the share (in %) of all days to the latest record that had one."""
    return after.near_launch(launches_around(d), d.missiles, latest_record(d), window_days)


def window_in_words(finding: dict) -> str:
    """What the "try it" cell says of a window (`window`): the patrols near a launch beside all days."""
    return (f"Of the {counted(finding['patrols'], 'joint patrol')} after the article that the missile record covers, "
            f"{finding['near']} had a "
            f"launch event within {counted(finding['window_days'], 'day')} either side; "
            f"{finding['share']}% of all days from the article to {after.day_text(finding['covered_to'])} had one.")


def patrols_and_launches(d) -> dict:
    """The patrols and launches after the article: how many, the nearest launch to each (the span the chapter's
    table gives), how many had one within the window, and whether the sequence of May came back."""
    around = launches_around(d)
    launches = missile_data.launch_events(d.missiles)
    since = launches[launches["kst_date"] > pd.Timestamp(after.PUBLISHED)]
    finding = window(d)
    followed = int((around.loc[around["scored"], "days_after"] <= NEXT_DAY).sum())  # of the patrols the record covers
    return {
        "patrols-after-the-article": len(around),
        "first-patrol-after-the-article": around["patrol"].iloc[0],
        "last-patrol-after-the-article": around["patrol"].iloc[-1],
        "launch-events-after-the-article": len(since),
        "missiles-after-the-article": int(since["missiles"].sum()),
        "last-launch-on-file": after.day_text(launches["kst_date"].max()),
        "fewest-days-to-the-nearest-launch": int(around["days_to_nearest"].min()),
        "most-days-to-the-nearest-launch": int(around["days_to_nearest"].max()),
        "window-days": finding["window_days"],
        "patrols-with-a-launch-within-the-window": finding["near"],
        "percent-of-days-near-a-launch": finding["share"],
        "patrols-followed-by-a-launch-the-next-day": followed,
        "sequence-of-may-recurred": recurred(followed),
        "latest-record": after.day_text(latest_record(d)),
        "patrol-bar-days-at-least": after.PATROL_BAR_DAYS_AT_LEAST,
    }


def coverage(d) -> dict:
    """What the missile record covers: its last day, the patrols after it (listed, not scored: no launch in a record
    that stops earlier is no evidence of none), and launches on record from other sources after it (named, never
    counted with the database's)."""
    around = launches_around(d)
    covered_to = missile_data.coverage_end(d.missiles)
    beyond = around[~around["scored"]]
    launches = d.after_events[d.after_events["kind"] == "launch"]
    outside = launches[launches["start_ts"].map(after.korean_day) > covered_to].sort_values("start_ts")
    return {
        "patrols-the-missile-record-covers": int(around["scored"].sum()),
        "patrols-beyond-the-missile-record": len(beyond),
        "missile-record-ends": after.day_text(covered_to),
        "patrols-after-the-missile-record": listed([f"no. {n} ({p})" for n, p in zip(beyond["number"], beyond["patrol"])])
                                            or "none",
        "launches-after-the-missile-record": listed([f"{when_text(r)} ({r['value']})" for _, r in outside.iterrows()])
                                             or "none",
    }


def exercise(d, window_days: int = EXERCISE_WINDOW_DAYS) -> dict:
    """The exercise's answer: `window` for the window it asks the reader to try."""
    finding = window(d, window_days)
    return {"exercise-window-days": window_days, "exercise-patrols-scored": finding["patrols"],
            "exercise-patrols-with-a-launch-within-the-window": finding["near"],
            "exercise-percent-of-days-near-a-launch": finding["share"]}


def facts(d) -> dict:
    """Every value the chapter's prose states, by name: the sections above, one after another."""
    return {**events(d), **region_map.zone_facts(d.after_events, d.kadiz_boundary), **patrols_and_launches(d),
            **coverage(d), **exercise(d)}


def chart_end(d) -> str:
    """Where the chapter's time axis stops: the month after the latest record (kadiz.after.chart_end)."""
    return after.chart_end(latest_record(d))

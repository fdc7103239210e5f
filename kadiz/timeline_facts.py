"""The chapter "The timeline" in numbers and words: everything its prose states, by name.

kadiz.timeline holds the measures of the events (actor groups, flights in the zone and their minutes) and kadiz.map
the zone's boundary; this module picks out what the chapter's sentences state, and words the reader's question of
its "try it" cell: on another clock, do the missiles of 25 May still come the day after the flights? Each function
returns {name: value}, glued as timeline-<name>. `d` is the validated data (kadiz.data.load()).
"""

from __future__ import annotations

import pandas as pd

from kadiz import map as region_map
from kadiz import timeline
from kadiz.timeline import MAY_H6_FLIGHT, MAY_JOINT_FLIGHT, MAY_LAUNCHES, asset_count
from kadiz.when import MINUTE_PRECISIONS, PRECISIONS, hours_minutes, when_text
from kadiz.words import days_later

# The events whose dates the chapter gives in words.
DATED_EVENTS = ["ukraine-invasion", "unlimited-partnership", "ipef-launch", "quad-summit", "biden-leaves-tokyo",
                "mar23-china-kadiz", "mar24-icbm"]
# The clock the article and the data keep (UTC+9, no daylight saving time since 1988), and the one the exercise
# sets beside it.
KOREAN_TIME, EXERCISE_TIME_ZONE = "Asia/Seoul", "UTC"


def dating_summary(events: pd.DataFrame) -> dict:
    """How many events are dated to each precision, how many take their date from outside the article, and the
    oldest event (its year and label)."""
    counts = events["precision"].value_counts()
    oldest = events.sort_values("start_ts", kind="stable").iloc[0]
    return {
        "events": len(events),
        **{f"events-to-the-{precision}": int(counts.get(precision, 0)) for precision in PRECISIONS},
        "events-dated-from-outside": int((events["dated_from"] != "article").sum()),
        "oldest-year": f"{oldest['start_ts']:%Y}",
        "oldest-label": oldest["label"],
    }


def dates_in_words(events: pd.DataFrame, event_ids) -> dict[str, str]:
    """For each event id: `when-<id>` its date in words and `precision-<id>` how finely it is dated."""
    by_id = events.set_index("id")
    found = {}
    for event_id in event_ids:
        found[f"when-{event_id}"] = when_text(by_id.loc[event_id])
        found[f"precision-{event_id}"] = by_id.loc[event_id, "precision"]
    return found


def may_sequence(events: pd.DataFrame, assets: pd.DataFrame) -> dict:
    """The times, minutes and counts of 24-25 May that the timeline and the March-and-May chapters both tell.

    Clock times are Korean time as printed ("07:56"); the last exit and the first launch carry their day, since
    they fall on different days.
    """
    visits = timeline.zone_visits(events).set_index("entry_id")
    h6, joint = visits.loc[MAY_H6_FLIGHT], visits.loc[MAY_JOINT_FLIGHT]
    launch = events.set_index("id").loc[MAY_LAUNCHES]
    last_exit = visits.loc[visits["episode"] == "may-2022", "exit_ts"].max()
    gap = timeline.last_flight_to_first_launch_minutes(events, "may-2022")
    return {
        "h6-entry": f"{h6['entry_ts']:%H:%M}",
        "h6-exit": f"{h6['exit_ts']:%H:%M}",
        "h6-minutes-in-zone": h6["minutes"],
        "joint-entry": f"{joint['entry_ts']:%H:%M}",
        "joint-exit": f"{joint['exit_ts']:%H:%M}",
        "joint-minutes-in-zone": joint["minutes"],
        "last-exit": f"{last_exit:%H:%M} on {last_exit:%-d %B}",
        "launch-start": f"{launch['start_ts']:%H:%M} on {launch['start_ts']:%-d %B}",
        "launch-end": f"{launch['end_ts']:%H:%M}",
        "launch-window-minutes": timeline.launch_window_minutes(events, "may-2022"),
        "last-exit-to-first-launch-minutes": gap,
        "last-exit-to-first-launch": hours_minutes(gap),
        "h6-bombers": asset_count(assets, MAY_H6_FLIGHT, "CHN", "H-6 bomber"),
        "joint-chinese-aircraft": asset_count(assets, MAY_JOINT_FLIGHT, "CHN", "warplane"),
        "joint-russian-aircraft": asset_count(assets, MAY_JOINT_FLIGHT, "RUS", "warplane"),
        "joint-tu95-bombers": asset_count(assets, MAY_JOINT_FLIGHT, "RUS", "Tu-95 bomber"),
    }


def zone(d) -> dict:
    """The dates of the KADIZ of 2013 and how much of its boundary the source gives (kadiz.map.zone_facts)."""
    return region_map.zone_facts(d.after_events, d.kadiz_boundary)


def entry_wording(d) -> dict[str, str]:
    """The JCS's words for where the two flights of 24 May entered the zone (data/external/map_areas.csv)."""
    wording = d.map_areas.set_index("id")["wording"]
    return {"h6": wording["h6-entry-2022-05-24"], "joint": wording["joint-entry-2022-05-24"]}


# ------------------------------------------------------------------ try it: 24-25 May on another clock

def may_on_the_clock_of(events: pd.DataFrame, time_zone: str) -> pd.DataFrame:
    """The events of 24-25 May timed to the minute (a flight from entry to exit, the launches from first to last)
    on the clock of `time_zone`, an IANA name such as "Asia/Seoul", "UTC" or "America/New_York": each event's day
    there (as words and as an ISO date), and its start and end as hours from midnight at the start of that zone's
    first day (a chart's axis)."""
    spans = timeline.spans(events)
    spans = spans[(spans["episode"] == "may-2022") & spans["precision"].isin(MINUTE_PRECISIONS)]
    start = spans["start_ts"].dt.tz_convert(time_zone)
    end = pd.to_datetime(spans["end_ts"]).dt.tz_convert(time_zone)
    midnight = start.min().normalize()
    return pd.DataFrame({
        "Event": spans["label"].to_numpy(),
        "Day": start.dt.strftime("%-d %B").to_numpy(),
        "date": start.dt.strftime("%Y-%m-%d").to_numpy(),
        "From": start.dt.strftime("%H:%M").to_numpy(),
        "To": end.dt.strftime("%H:%M").to_numpy(),
        "from_hours": ((start - midnight).dt.total_seconds() / 3600).to_numpy(),
        "to_hours": ((end - midnight).dt.total_seconds() / 3600).to_numpy(),
    })


def flights_and_launch_days(events: pd.DataFrame, time_zone: str) -> dict:
    """On the clock of `time_zone`: when the last flight of 24 May (Korean time) left the zone, when the first
    missile of the morning after was fired, and how many calendar days apart the two fall there."""
    visits = timeline.zone_visits(events)
    last_exit = visits.loc[visits["episode"] == "may-2022", "exit_ts"].max().tz_convert(time_zone)
    first_launch = timeline.launch_rows(events, "may-2022")["start_ts"].min().tz_convert(time_zone)
    days = (first_launch.normalize() - last_exit.normalize()).days
    return {
        "time-zone": time_zone,
        "last-exit": f"{last_exit:%H:%M on %-d %B}",
        "first-launch": f"{first_launch:%H:%M on %-d %B}",
        "days-apart": days,
        "launch-day": days_later(days),
    }


def flights_and_launch_days_in_words(events: pd.DataFrame, time_zone: str) -> str:
    """flights_and_launch_days as the sentence a "try it" cell shows and its chart states."""
    days = flights_and_launch_days(events, time_zone)
    return (f"On the clock of {time_zone}, the joint flight left the zone at {days['last-exit']} and the first "
            f"missile was fired at {days['first-launch']}: {days['launch-day']}")


def other_clock(d) -> dict:
    """The exercise: the last flight and the first launch on Korean time (`korean-time-<name>`) and on the
    exercise's clock (`exercise-<name>`)."""
    return {**{f"korean-time-{k}": v for k, v in flights_and_launch_days(d.events, KOREAN_TIME).items()},
            **{f"exercise-{k}": v for k, v in flights_and_launch_days(d.events, EXERCISE_TIME_ZONE).items()}}


def facts(d) -> dict:
    """Every value the chapter's prose states, by name: the sections above, then the exercise's other clock."""
    return {**dating_summary(d.events), **dates_in_words(d.events, DATED_EVENTS),
            **zone(d), **may_sequence(d.events, d.assets),
            **other_clock(d)}

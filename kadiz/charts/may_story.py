"""What the timeline chapter's Fig. 2.2 shows of 24-25 May 2022, worked out from the data: each flight and launch
with its clock times and colour, the events dated only to the day, the two windows of Korean time, the gap from the
last exit to the first launch, and all of it as the figure's table in reader words. kadiz/charts/may_days.py
draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kadiz import timeline, words
from kadiz.charts.theme import JOINT_COLOUR, LANE_COLOURS, with_passage_fields
from kadiz.charts.timeline import wall_clock
from kadiz.when import drawn_as_band, hours_minutes, precision_text


def day_marks(events: pd.DataFrame, actors: pd.DataFrame, first_day: str = "2022-05-24",
              last_day: str = "2022-05-25") -> pd.DataFrame:
    """Events dated within the given days, to the day or finer.

    A flight with an entry and an exit row becomes one interval; a launch window one interval; a row dated only
    to the day a band over the whole day.
    """
    korean_time = events["start_ts"].dt.tz  # the data's own time zone, Asia/Seoul
    start = pd.Timestamp(first_day, tz=korean_time)
    stop = pd.Timestamp(last_day, tz=korean_time) + pd.Timedelta(days=1)
    rows = timeline.spans(events)
    # Rows dated to a month or a year would be bands far wider than the two days drawn.
    rows = rows[(rows["start_ts"] >= start) & (rows["period_end_ts"] <= stop)]
    country = dict(zip(actors["id"], actors["country"]))
    marks = []
    for _, row in rows.iterrows():
        drawn_as = "band" if drawn_as_band(row["precision"]) else "interval"
        codes = list(dict.fromkeys(country[a] for a in str(row["actors"]).split(";") if a in country))
        marks.append({
            "event_id": row["id"], "label": row["label"], "category": row["category"], "flight": row["flight"],
            "lanes": timeline.actor_groups(row["actors"], actors), "who": words.countries(";".join(codes)),
            "when": row["when"], "precision": precision_text(row["precision"], bool(row["approximate"])),
            "approximate": bool(row["approximate"]), "drawn_as": drawn_as, "minutes": row["minutes"],
            "start_ts": row["start_ts"], "end_ts": row["end_ts"], "passage": row["passage"],
        })
    marks = pd.DataFrame(marks)
    marks["x_start"], marks["x_end"] = wall_clock(marks["start_ts"]), wall_clock(marks["end_ts"])
    return with_passage_fields(marks)


WINDOW_STEP = pd.Timedelta(minutes=15)  # windows start and end on a quarter hour
WINDOW_PAD = pd.Timedelta(minutes=15)  # at least this much before the first and after the last timed mark


@dataclass(frozen=True)
class MayStory:
    """What the chart of 24-25 May shows, worked out from the data."""

    timed: pd.DataFrame  # flights and launches: name, colour, start_ts, end_ts, clock texts, tooltip fields
    day_only: pd.DataFrame  # rows dated only to the day: label, day, tooltip fields
    windows: list  # (start, end) of each day's window, padded
    gap_from: pd.Timestamp  # the last flight's exit
    gap_to: pd.Timestamp  # the first launch
    gap_minutes: int
    gap_text: str  # "19 h 45 min"
    n_missiles: int


def may_story(events: pd.DataFrame, actors: pd.DataFrame, assets: pd.DataFrame) -> MayStory:
    marks = day_marks(events, actors)
    timed = marks[marks["drawn_as"] == "interval"].sort_values("start_ts").reset_index(drop=True)
    flight_names = timeline.flight_names(events, assets, "may-2022")
    names, colours, ends = [], [], []
    for _, m in timed.iterrows():
        if m["flight"]:
            names.append(flight_names[m["event_id"]])
            joint = {"China", "Russia"} <= set(m["lanes"])
            colours.append(JOINT_COLOUR if joint else LANE_COLOURS[m["lanes"][0]])
        else:
            names.append(timeline.assets_in_words(assets, m["event_id"]) or m["label"])
            colours.append(LANE_COLOURS[m["lanes"][0]])
        # "at around 9:33 AM": the hedge stays on the clock time it belongs to.
        ends.append(f"{'around ' if m['flight'] and m['approximate'] else ''}{m['end_ts']:%H:%M}")
    timed = timed.assign(
        name=names, colour=colours, start_text=[f"{t:%H:%M}" for t in timed["start_ts"]], end_text=ends,
        length=[f"{'about ' if a and f else ''}{int(n)} min" for n, a, f in
                zip(timed["minutes"], timed["approximate"], timed["flight"])],
        window=timed["start_ts"].dt.normalize())
    windows = []
    for _, day in timed.groupby("window", sort=True):
        windows.append(((day["start_ts"].min() - WINDOW_PAD).floor(WINDOW_STEP),
                        (day["end_ts"].max() + WINDOW_PAD).ceil(WINDOW_STEP)))
    timed["window"] = [next(i for i, (s, e) in enumerate(windows) if s <= t < e) for t in timed["start_ts"]]
    day_only = marks[marks["drawn_as"] == "band"].assign(day=lambda df: df["start_ts"].dt.normalize())
    day_only = day_only.assign(name=[f"{l} (day approximate)" if a else l
                                     for l, a in zip(day_only["label"], day_only["approximate"])])
    flights, launches = timed[timed["flight"]], timed[timed["category"] == "missile-launch"]
    last_flight = flights.loc[flights["end_ts"].idxmax()]
    first_launch = launches.loc[launches["start_ts"].idxmin()]
    gap = timeline.last_flight_to_first_launch_minutes(events, "may-2022")
    return MayStory(timed=timed, day_only=day_only.reset_index(drop=True), windows=windows,
                    gap_from=last_flight["end_ts"], gap_to=first_launch["start_ts"], gap_minutes=gap,
                    gap_text=hours_minutes(gap),
                    n_missiles=sum(timeline.missiles_fired(assets, e) for e in launches["event_id"]))


def may_table(story: MayStory) -> pd.DataFrame:
    """The chart's data in reader words: each flight and launch with its times and minutes, the gap, and the
    events the article dates only to the day."""
    rows = []
    for _, m in story.timed.iterrows():
        what = f"{m['name']} in the KADIZ" if m["flight"] else f"{m['name']} fired"
        rows.append({"Event": what, "Who": m["who"], "Korean time": m["when"], "Minutes": m["length"]})
        if m["end_ts"] == story.gap_from:
            rows.append({"Event": "From the last exit to the first launch", "Who": "",
                         "Korean time": f"{story.gap_from:%-d %B %H:%M} to {story.gap_to:%-d %B %H:%M}",
                         "Minutes": f"{story.gap_minutes} min ({story.gap_text})"})
    for _, m in story.day_only.iterrows():
        rows.append({"Event": m["name"], "Who": m["who"], "Korean time": f"{m['when']}, no time given",
                     "Minutes": ""})
    return pd.DataFrame(rows, columns=["Event", "Who", "Korean time", "Minutes"])

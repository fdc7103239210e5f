"""The years after the article on one time axis: the joint air patrols of China and Russia, North Korea's launch
events, and the events that bear on the article's "axis" (a vote, a treaty, a deployment, a meeting).

As in the timeline chapter, a date is drawn as exactly as its source gives it: a patrol or event dated to the day
or the month is a band over that day or month (kadiz.when.drawn_as_band), and days are Korean calendar days drawn
on a UTC scale so that no reader's time zone shifts them.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from kadiz import missiles as missile_data
from kadiz.after import PUBLISHED, day_text
from kadiz.charts.theme import LANE_AXIS_SPACE, WIDTH
from kadiz.charts.timeline import epoch_ms, wall_clock
from kadiz.when import precision_text, when_text

ROWS = ["China-Russia patrols", "N. Korea launches", "Vote, treaty, troops"]
LANE_COLOURS = ["#D55E00", "#000000", "#009E73"]
# A day is too thin to see across three and a half years: bands are drawn at least this wide, the tooltip and
# the table give the real date.
MIN_BAND = pd.Timedelta(days=6)


def marks(patrols: pd.DataFrame, after_events: pd.DataFrame, missiles: pd.DataFrame, end: str) -> pd.DataFrame:
    """One mark per patrol, launch event and event from the article's day to `end` (YYYY-MM-DD)."""
    start, stop = pd.Timestamp(PUBLISHED), pd.Timestamp(end)
    rows = []
    for lane, table, label in ((ROWS[0], patrols, lambda r: f"joint air patrol no. {r['number']}"),
                               (ROWS[2], after_events, lambda r: r["subject"])):
        for _, r in table.iterrows():
            first = r["start_ts"].tz_localize(None)
            if not start <= first < stop:
                continue
            last = r["period_end_ts"].tz_localize(None)
            rows.append({"lane": lane, "label": label(r), "when": when_text(r),
                         "precision": precision_text(r["precision"], bool(r["approximate"])),
                         "start": first, "end": max(last, first + MIN_BAND)})
    events = missile_data.launch_events(missiles)
    for _, e in events[(events["kst_date"] > start) & (events["kst_date"] < stop)].iterrows():
        rows.append({"lane": ROWS[1], "label": f"{e['missiles']} missile(s): {e['missile_names'].replace(';', ', ')}",
                     "when": day_text(e["kst_date"]), "precision": "to the day (Korean calendar day)",
                     "start": e["kst_date"], "end": e["kst_date"] + pd.Timedelta(days=1)})
    out = pd.DataFrame(rows)
    out["x_start"], out["x_end"] = wall_clock(out["start"]), wall_clock(out["end"])
    return out.drop(columns=["start", "end"])


def after_chart(patrols: pd.DataFrame, after_events: pd.DataFrame, missiles: pd.DataFrame,
                end: str) -> alt.LayerChart:
    """The three lanes on one time axis, from the article's day to `end`; zoomable along time."""
    data = marks(patrols, after_events, missiles, end)
    zoom = alt.selection_interval(bind="scales", encodings=["x"], name="zoom_after")
    colour = alt.Color("lane:N", scale=alt.Scale(domain=ROWS, range=LANE_COLOURS), legend=None)
    base = alt.Chart(data).encode(
        x=alt.X("x_start:T", title=None, scale=alt.Scale(type="utc", domain=[epoch_ms(PUBLISHED), epoch_ms(end)]),
                axis=alt.Axis(format="%b %Y", formatType="utc", labelOverlap=True, grid=True)),
        y=alt.Y("lane:N", sort=ROWS, title=None, axis=alt.Axis(labelLimit=LANE_AXIS_SPACE + 30)),
        color=colour,
        tooltip=[alt.Tooltip("label:N", title="what"), alt.Tooltip("when:N", title="date"),
                 alt.Tooltip("precision:N")])
    bands = base.transform_filter(alt.datum.lane != ROWS[1]).mark_bar(opacity=0.75, height={"band": 0.6},
                                                                        clip=True).encode(x2="x_end:T")
    ticks = base.transform_filter(alt.datum.lane == ROWS[1]).mark_tick(thickness=1.5, opacity=0.8, clip=True)
    counts = data["lane"].value_counts()
    description = (
        f"Time line from 25 May 2022 to {day_text(pd.Timestamp(end) - pd.Timedelta(days=1))} in three lanes: "
        f"{counts.get(ROWS[0], 0)} joint air patrols of China and Russia, {counts.get(ROWS[1], 0)} North Korean "
        f"launch events (one tick per Korean calendar day with launches), and {counts.get(ROWS[2], 0)} events: "
        "the UN Security Council vote of 26 May 2022, the Russia-North Korea treaty of June 2024, North Korean "
        "troops for Russia (reported October 2024, confirmed April 2025) and the Beijing parade of September 2025."
    )
    return alt.layer(bands, ticks).add_params(zoom).properties(
        width=WIDTH - LANE_AXIS_SPACE - 30, height=150, description=description,
        # Room on the left for lane names printed in a wider font than the one they were measured in (the PDF).
        padding={"left": 24, "top": 8, "right": 8, "bottom": 8})

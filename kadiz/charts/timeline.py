"""The timeline charts: every dated event of the article by actor group, and the minutes of 24-25 May 2022.

A date is drawn as exactly as the article gives it (kadiz.when.drawn_as_band): a row dated to the year, month or
day is a band over the whole period (the event happened some time in it); only rows dated to a time of day are
points or intervals.

Times are Korean wall-clock times. They go to Vega-Lite as ISO strings marked UTC and are drawn on UTC scales,
so every reader sees 07:56 whatever the time zone of their browser (a chart drawn in local time would shift the
hours for a reader in Europe).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from kadiz import timeline
from kadiz.charts.theme import LANE_AXIS_SPACE, PASSAGE_TOOLTIP, WIDTH, lane_colour, with_passage_fields
from kadiz.when import drawn_as_band, precision_text


def wall_clock(ts: pd.Series) -> pd.Series:
    """Korean wall-clock time as an ISO string marked UTC ("2022-05-24T07:56:00Z"), for UTC scales."""
    return ts.dt.tz_localize(None).dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def epoch_ms(wall_clock_text: str) -> int:
    """A scale domain bound (milliseconds) for a Korean wall-clock time such as "2022-06-01"."""
    return int(pd.Timestamp(wall_clock_text, tz="UTC").value // 1_000_000)


def pack_slots(df: pd.DataFrame, start: str, end: str, min_span: pd.Timedelta) -> pd.Series:
    """Row within its lane for each mark, so that marks of a lane never overlap (a hover finds each one).

    A mark is taken to occupy at least `min_span`, so that points and narrow bands on nearby dates, which would
    sit on top of one another at the chart's scale, get rows of their own.
    """
    slots = pd.Series(0, index=df.index)
    for _, lane in df.groupby("lane", sort=False):
        ends: list[pd.Timestamp] = []
        order = lane.assign(_span=lane[end] - lane[start]).sort_values([start, "_span"], ascending=[True, False])
        for index, row in order.iterrows():
            footprint = max(row[end], row[start] + min_span)
            free = next((i for i, last in enumerate(ends) if last <= row[start]), None)
            if free is None:
                ends.append(footprint)
                free = len(ends) - 1
            else:
                ends[free] = footprint
            slots[index] = free
    return slots


# ------------------------------------------------------------------ the overview


def overview_marks(events: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """One mark per event and actor group: a band over its stated period, or a point for a time of day."""
    rows = timeline.one_row_per_group(events, actors)
    bands = rows["precision"].map(drawn_as_band).astype(bool)
    marks = pd.DataFrame({
        "event_id": rows["id"],
        "label": rows["label"],
        "lane": rows["lane"],
        "when": [timeline.dated_text(r) for _, r in rows.iterrows()],
        "precision": [precision_text(r["precision"], bool(r["approximate"])) for _, r in rows.iterrows()],
        "drawn_as": bands.map({True: "band", False: "point"}),
        "start_ts": rows["start_ts"],
        "end_ts": rows["period_end_ts"].where(bands, rows["start_ts"]),
        "passage": rows["passage"],
    })
    marks["slot"] = pack_slots(marks, "start_ts", "end_ts", pd.Timedelta(days=1))
    marks["x_start"], marks["x_end"] = wall_clock(marks["start_ts"]), wall_clock(marks["end_ts"])
    return with_passage_fields(marks.drop(columns=["start_ts", "end_ts"]))


def _overview_panel(marks: pd.DataFrame, domain: tuple[str, str], title: str, axis_format: str,
                    zoom_name: str, height: int, labelled: list[str] | None = None) -> alt.LayerChart:
    zoom = alt.selection_interval(bind="scales", encodings=["x"], name=zoom_name)
    x = alt.X("x_start:T", title=None, scale=alt.Scale(type="utc", domain=[epoch_ms(d) for d in domain]),
              axis=alt.Axis(format=axis_format, formatType="utc", labelOverlap=True, grid=True))
    tooltip = [alt.Tooltip("label:N", title="event"), alt.Tooltip("lane:N", title="actor group"),
               alt.Tooltip("when:N", title="date"), alt.Tooltip("precision:N"), PASSAGE_TOOLTIP]
    marks = marks.copy()
    base = alt.Chart(marks).encode(
        x=x,
        y=alt.Y("lane:N", sort=timeline.ACTOR_GROUPS, title=None, axis=alt.Axis(labelLimit=LANE_AXIS_SPACE)),
        yOffset=alt.YOffset("slot:O"),
        color=lane_colour(timeline.ACTOR_GROUPS),
        tooltip=tooltip,
    )
    # A band's outline keeps a one-day band visible as a hairline when the years are squeezed together.
    bands = base.transform_filter(alt.datum.drawn_as == "band").mark_bar(opacity=0.45, strokeWidth=1, clip=True).encode(
        x2="x_end:T", stroke=lane_colour(timeline.ACTOR_GROUPS, title=None))
    points = base.transform_filter(alt.datum.drawn_as == "point").mark_point(
        shape="diamond", filled=True, size=45, opacity=1, clip=True)
    layers = [bands, points]
    if labelled:
        # Names of the context events, on the side of the mark where the panel has room: left of marks that
        # end near the panel's right edge, right of the others.
        near_edge = pd.Timestamp(domain[1]) - pd.Timedelta(days=20)
        marks["label_side"] = ["left" if pd.Timestamp(x.rstrip("Z")) >= near_edge else "right" for x in marks["x_end"]]
        labels = alt.Chart(marks).transform_filter(alt.FieldOneOfPredicate(field="event_id", oneOf=labelled)).encode(
            x=x, y=base.encoding.y, yOffset=base.encoding.yOffset, tooltip=tooltip, text="label:N",
            color=alt.value("#111"))
        layers += [
            labels.transform_filter(alt.datum.label_side == "right").mark_text(
                align="left", dx=3, fontSize=9, clip=True).encode(x="x_end:T"),
            labels.transform_filter(alt.datum.label_side == "left").mark_text(align="right", dx=-3, fontSize=9, clip=True),
        ]
    return alt.layer(*layers).add_params(zoom).properties(title=title, width=WIDTH - LANE_AXIS_SPACE, height=height)


def overview_chart(events: pd.DataFrame, actors: pd.DataFrame) -> alt.VConcatChart:
    """Every event from the oldest to the end of May 2022, one lane per actor group, zoomable along time."""
    marks = overview_marks(events, actors)
    oldest = wall_clock(events["start_ts"]).min()[:4]
    whole = _overview_panel(marks, (f"{oldest}-01-01", "2022-06-01"), f"{oldest} to May 2022", "%Y", "zoom_all", 150)
    context = [event_id for episode in ("march-2022", "may-2022")
               for event_id in timeline.context_events(events, episode)["id"]]
    recent = _overview_panel(marks, ("2021-11-01", "2022-06-01"), "November 2021 to May 2022 (same events, closer)",
                             "%b %Y", "zoom_recent", 330, labelled=context)
    bands = (marks["drawn_as"] == "band").sum()
    description = (
        f"Timeline of the {marks['event_id'].nunique()} dated events of the Asia Times article of 25 May 2022, "
        f"from {oldest} to May 2022, in four lanes: China, Russia, North Korea, and the US and its allies. "
        f"{bands} marks are bands covering the whole year, month or day the article gives; "
        f"{len(marks) - bands} are points for events timed to the minute. The lower panel repeats the events "
        "from November 2021 to May 2022."
    )
    # Each panel has its own height, so its own lane and row bands.
    return alt.vconcat(whole, recent, spacing=18).resolve_scale(
        x="independent", y="independent", yOffset="independent").properties(description=description)


# ------------------------------------------------------------------ 24-25 May, minute by minute


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
    marks = []
    for _, row in rows.iterrows():
        drawn_as = "band" if drawn_as_band(row["precision"]) else "interval"
        minutes, approximate = row["minutes"], bool(row["approximate"])
        groups = timeline.actor_groups(row["actors"], actors)
        if row["flight"]:
            label = f"{' + '.join(groups)} in the KADIZ"
            text = f"in the KADIZ, {minutes} min"
        else:
            label = row["label"]
            text = f"launches, {minutes} min" if row["category"] == "missile-launch" and minutes is not None else label
        if approximate and drawn_as == "band":
            text += " (day approximate)"
        for lane in groups:
            marks.append({
                "event_id": row["id"], "label": label, "text": text, "lane": lane, "when": row["when"],
                "precision": precision_text(row["precision"], approximate),
                "drawn_as": drawn_as, "minutes": minutes, "start_ts": row["start_ts"], "end_ts": row["end_ts"],
                "passage": row["passage"],
            })
    marks = pd.DataFrame(marks)
    marks["length"] = [f"{m:.0f} minutes" if m is not None and not pd.isna(m) else "not timed" for m in marks["minutes"]]
    # A whole label must fit before the next mark of its row: each mark claims six hours.
    marks["slot"] = pack_slots(marks, "start_ts", "end_ts", pd.Timedelta(hours=6))
    marks["x_start"], marks["x_end"] = wall_clock(marks["start_ts"]), wall_clock(marks["end_ts"])
    return with_passage_fields(marks.drop(columns=["start_ts", "end_ts"]))


def may_days_chart(events: pd.DataFrame, actors: pd.DataFrame) -> alt.LayerChart:
    """24-25 May 2022 by the minute: the two flights in the KADIZ, the launch window, and the day-dated events."""
    marks = day_marks(events, actors)
    zoom = alt.selection_interval(bind="scales", encodings=["x"], name="zoom_days")
    lanes = [lane for lane in timeline.ACTOR_GROUPS if lane in set(marks["lane"])]
    x = alt.X("x_start:T", title="Korean time (UTC+9), 24-25 May 2022",
              scale=alt.Scale(type="utc", domain=[epoch_ms("2022-05-24"), epoch_ms("2022-05-26")]),
              axis=alt.Axis(formatType="utc", values=[epoch_ms("2022-05-24") + h * 3_600_000 for h in range(0, 49, 6)],
                            grid=True,
                            labelExpr="utchours(datum.value) == 0 ? utcFormat(datum.value, '%-d %b') "
                                      ": utcFormat(datum.value, '%H:%M')"))
    tooltip = [alt.Tooltip("label:N", title="event"), alt.Tooltip("when:N", title="time as the article gives it"),
               alt.Tooltip("precision:N"), alt.Tooltip("length:N"), PASSAGE_TOOLTIP]
    base = alt.Chart(marks).encode(
        x=x,
        y=alt.Y("lane:N", sort=lanes, title=None, axis=alt.Axis(labelLimit=LANE_AXIS_SPACE)),
        yOffset=alt.YOffset("slot:O"),
        color=lane_colour(lanes),
        tooltip=tooltip,
    )
    bands = base.transform_filter(alt.datum.drawn_as == "band").mark_bar(
        opacity=0.25, strokeDash=[3, 2], strokeWidth=1).encode(x2="x_end:T", stroke=lane_colour(lanes, title=None))
    intervals = base.transform_filter(alt.datum.drawn_as == "interval").mark_bar(
        opacity=1, strokeWidth=1, height={"band": 0.8}).encode(x2="x_end:T", stroke=lane_colour(lanes, title=None))
    band_text = base.transform_filter(alt.datum.drawn_as == "band").mark_text(
        align="left", dx=3, fontSize=10, color="#111").encode(text="text:N", color=alt.value("#111"))
    interval_text = base.transform_filter(alt.datum.drawn_as == "interval").mark_text(
        align="left", dx=4, fontSize=10).encode(x="x_end:T", text="text:N", color=alt.value("#111"))
    timed = marks[marks["drawn_as"] == "interval"].drop_duplicates("event_id")
    description = (
        "Events of 24 and 25 May 2022 in Korean time, by actor group. "
        + "; ".join(f"{r['label']}, {r['when']} ({r['minutes']:.0f} minutes)" for _, r in timed.iterrows())
        + ". Events the article dates only to the day, such as Biden leaving Tokyo on Tuesday evening, "
        "are bands across the whole day."
    )
    return alt.layer(bands, intervals, band_text, interval_text).add_params(zoom).properties(
        width=WIDTH - LANE_AXIS_SPACE, height=210, description=description)


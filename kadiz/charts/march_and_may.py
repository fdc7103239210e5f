"""March and May 2022 on one clock: hours from the start of the day of each episode's first launch.

The zero is 00:00 Korean time on the launch day, not the launch itself, because the article gives the March
launch a day but no time. A row dated to the day is a band over all 24 hours of it; a flight or a launch window
timed to the minute is an interval from its stated start to its stated end.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from kadiz.charts.theme import LANE_AXIS_SPACE, LANE_COLOURS, PASSAGE_TOOLTIP, WIDTH, lane_colour, with_passage_fields
from kadiz.march_and_may import episode_clock
from kadiz.when import drawn_as_band, precision_text

PANEL_TITLES = {"march-2022": "March 2022: dated to the day only", "may-2022": "May 2022: timed to the minute"}
HOURS = (-24, 24)


def clock_marks(events: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Both episodes as spans of hours on the shared clock, with how each is drawn and a label for print."""
    spans = pd.concat([episode_clock(events, actors, e) for e in PANEL_TITLES], ignore_index=True)
    spans["drawn_as"] = spans["precision"].map(lambda p: "band" if drawn_as_band(p) else "interval")
    spans["panel"] = spans["episode"].map(PANEL_TITLES)
    spans["minutes"] = spans["minutes"].astype("Float64")
    spans["length"] = [f"{m:.0f} minutes" if not pd.isna(m) else "not timed" for m in spans["minutes"]]
    spans["text"] = [f"{m:.0f} min" if not pd.isna(m) else label for m, label in zip(spans["minutes"], spans["label"])]
    spans["precision"] = [precision_text(p, a) for p, a in zip(spans["precision"], spans["approximate"])]
    return with_passage_fields(spans)


def _panel(marks: pd.DataFrame, title: str, lanes: list[str], show_axis_title: bool) -> alt.LayerChart:
    x = alt.X("from_hours:Q", scale=alt.Scale(domain=list(HOURS), nice=False),
              title="Hours from 00:00 (Korean time) on the day of the first launch" if show_axis_title else None,
              axis=alt.Axis(values=list(range(HOURS[0], HOURS[1] + 1, 6)),
                            labelExpr="datum.value > 0 ? '+' + datum.value + ' h' : datum.value + ' h'"))
    tooltip = [alt.Tooltip("label:N", title="event"), alt.Tooltip("when:N", title="date as the article gives it"),
               alt.Tooltip("precision:N"), alt.Tooltip("length:N"), PASSAGE_TOOLTIP]
    base = alt.Chart(marks).encode(
        x=x, y=alt.Y("lane:N", sort=lanes, scale=alt.Scale(domain=lanes), title=None,
                      axis=alt.Axis(labelLimit=LANE_AXIS_SPACE)),
        color=lane_colour(lanes), tooltip=tooltip)
    bands = base.transform_filter(alt.datum.drawn_as == "band").mark_bar(
        opacity=0.3, strokeDash=[3, 2], strokeWidth=1, height={"band": 0.7}).encode(
        x2="to_hours:Q", stroke=lane_colour(lanes, title=None))
    intervals = base.transform_filter(alt.datum.drawn_as == "interval").mark_bar(
        strokeWidth=1, height={"band": 0.7}).encode(x2="to_hours:Q", stroke=lane_colour(lanes, title=None))
    # Durations beside the intervals: the first flight's to its left, so it cannot run into the second flight.
    first = marks[marks["drawn_as"] == "interval"].groupby("lane")["from_hours"].transform("min")
    marks = marks.assign(text_side=["left" if f == v else "right" for f, v in zip(first.reindex(marks.index), marks["from_hours"])])
    texts = alt.Chart(marks).transform_filter(alt.datum.drawn_as == "interval").encode(
        y=base.encoding.y, text="text:N", color=alt.value("#111"), tooltip=tooltip)
    left = texts.transform_filter(alt.datum.text_side == "left").mark_text(align="right", dx=-3, fontSize=10).encode(x=x)
    right = texts.transform_filter(alt.datum.text_side == "right").mark_text(align="left", dx=3, fontSize=10).encode(
        x=alt.X("to_hours:Q", scale=alt.Scale(domain=list(HOURS), nice=False)))
    band_text = alt.Chart(marks).transform_filter(alt.datum.drawn_as == "band").mark_text(
        align="left", dx=4, fontSize=10).encode(x=x, y=base.encoding.y, text="text:N", color=alt.value("#111"),
                                                tooltip=tooltip)
    midnight = alt.Chart(pd.DataFrame({"from_hours": [0]})).mark_rule(color="#555", strokeDash=[2, 2]).encode(
        x=alt.X("from_hours:Q", scale=alt.Scale(domain=list(HOURS), nice=False)))
    # Only layers with marks to draw: an empty layer leaves an unnamed graphics group that screen readers flag.
    layers = ([bands, band_text] if (marks["drawn_as"] == "band").any() else []) + (
        [intervals, left, right] if (marks["drawn_as"] == "interval").any() else [])
    return alt.layer(*layers, midnight).properties(
        title=title, width=WIDTH - LANE_AXIS_SPACE, height=25 * len(lanes))


def comparison_chart(events: pd.DataFrame, actors: pd.DataFrame) -> alt.VConcatChart:
    """The March and May sequences one above the other, on the same clock and the same lanes."""
    marks = clock_marks(events, actors)
    lanes = [lane for lane in LANE_COLOURS if lane in set(marks["lane"])]  # in the order every chart uses
    panels = [_panel(marks[marks["episode"] == e], title, lanes, show_axis_title=(e == list(PANEL_TITLES)[-1]))
              for e, title in PANEL_TITLES.items()]

    def said(episode):
        rows = marks[marks["episode"] == episode].drop_duplicates("event_id")
        return "; ".join(
            f"{r['label']}, {r['when']}" + (f" ({r['minutes']:.0f} minutes)" if r["drawn_as"] == "interval"
                                            else " (a band over the whole day)")
            for _, r in rows.iterrows())

    description = (
        "Two panels on one clock, hours from midnight starting the day of the first North Korean launch. "
        f"March 2022: {said('march-2022')}. May 2022: {said('may-2022')}."
    )
    zoom = alt.selection_interval(bind="scales", encodings=["x"], name="zoom_clock")
    panels[0] = panels[0].add_params(zoom)
    return alt.vconcat(*panels, spacing=14).resolve_scale(x="shared").properties(description=description)

"""March and May 2022 on one clock: hours from the start of the day of each episode's first launch.

The zero is 00:00 Korean time on the launch day, not the launch itself, because the article gives the March
launch a day but no time. A row dated to the day is a band over all 24 hours of it; a flight or a launch window
timed to the minute is an interval from its stated start to its stated end. Only where both ends are timed (May)
is the gap from the last flight to the first launch drawn, as a bracket labelled with its length.

Both layouts stack the two episodes (March above May) on the same lanes and the same clock; the phone's has
fewer hour ticks, a shorter axis title and labels wrapped to the width of their band.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from kadiz.charts.render import Figure
from kadiz.charts.theme import (DESKTOP, GRID_COLOUR, GUIDE_COLOUR, LANE_AXIS_SPACE, LANE_COLOURS, PASSAGE_TOOLTIP,
                                PHONE, TEXT_COLOUR, Layout, headline, lane_colour, text_px, with_passage_fields,
                                wrap_px)
from kadiz.march_and_may import EPISODES, episode_clock, launch_day_start
from kadiz.timeline import last_flight_to_first_launch_minutes, launch_rows
from kadiz.when import drawn_as_band, hours_minutes, precision_text

PANEL_TITLES = {"march-2022": "March 2022: dated to the day only", "may-2022": "May 2022: timed to the minute"}
EPISODE_NAMES = {"march-2022": "March 2022", "may-2022": "May 2022"}
HOURS = (-24, 24)
# The axis runs an hour past the two days, so that a day-wide band does not sit on the plot's edge.
DOMAIN = [HOURS[0] - 1, HOURS[1] + 1]
LINE_HEIGHT = 14
BAND = 0.8  # a band's or interval's share of its lane's height
GAP_LABEL = "gap"  # drawn_as of the bracket from the last flight to the first launch
GAP_COLOUR = GUIDE_COLOUR  # the bracket is a measure, not a country: a guide


def clock_marks(events: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Both episodes as spans of hours on the shared clock, with how each is drawn and a label for print."""
    spans = pd.concat([episode_clock(events, actors, e) for e in PANEL_TITLES], ignore_index=True)
    spans["drawn_as"] = spans["precision"].map(lambda p: "band" if drawn_as_band(p) else "interval")
    spans["minutes"] = spans["minutes"].astype("Float64")
    spans["length"] = [f"{m:.0f} minutes" if not pd.isna(m) else "not timed" for m in spans["minutes"]]
    spans["text"] = [f"{m:.0f} min" if not pd.isna(m) else label for m, label in zip(spans["minutes"], spans["label"])]
    spans["precision"] = [precision_text(p, a) for p, a in zip(spans["precision"], spans["approximate"])]
    return with_passage_fields(spans)


def gap_mark(events: pd.DataFrame, marks: pd.DataFrame, episode: str) -> pd.DataFrame:
    """The bracket from the episode's last flight exit to its first launch, where the article times both ends
    (an empty frame where it does not: a gap between two dates is days, not hours)."""
    minutes = last_flight_to_first_launch_minutes(events, episode)
    rows = marks[(marks["episode"] == episode) & (marks["drawn_as"] == "interval")].drop_duplicates("event_id")
    launch_ids = set(launch_rows(events, episode)["id"])
    flights, launches = rows[~rows["event_id"].isin(launch_ids)], rows[rows["event_id"].isin(launch_ids)]
    if minutes is None or flights.empty or launches.empty:
        return pd.DataFrame(columns=[*marks.columns, "short"])
    last, first = flights.loc[flights["to_hours"].idxmax()], launches.loc[launches["from_hours"].idxmin()]
    length = hours_minutes(minutes)
    return pd.DataFrame([{
        "episode": episode, "event_id": GAP_LABEL, "label": "From the last flight's exit to the first launch",
        "lane": first["lane"], "precision": "to the minute", "approximate": False,
        "when": f"{_clock(events, last, 'to_hours', episode)} to {_clock(events, first, 'from_hours', episode)}",
        "from_hours": last["to_hours"], "to_hours": first["from_hours"], "minutes": float(minutes),
        "drawn_as": GAP_LABEL, "length": length, "text": f"{length} later",
        "passage": f"{last['passage']} {first['passage']}", "short": length,
    }])


def _clock(events: pd.DataFrame, row: pd.Series, end: str, episode: str) -> str:
    """A point of the clock as a Korean date and time ("24 May 2022, 10:15")."""
    at = launch_day_start(events, episode) + pd.Timedelta(hours=row[end])
    return f"{at.day} {at:%B %Y, %H:%M}"


def _wrapped(text: str, hours: float, layout: Layout) -> str:
    """A band's label broken into lines that fit the band (one line per "\\n")."""
    room = hours * _px_per_hour(layout) - 6
    return "\n".join(wrap_px(text, room))


def _lane_space(layout: Layout) -> int:
    return LANE_AXIS_SPACE if not layout.phone else 86


def _px_per_hour(layout: Layout) -> float:
    return (layout.width - _lane_space(layout)) / (DOMAIN[1] - DOMAIN[0])


def _label_texts(marks: pd.DataFrame, layout: Layout) -> tuple[list[str], list[str]]:
    """Where each interval's duration is written, and its words: to the right of the interval, unless the next
    interval of its lane starts in the room the words need there; then to its left if that room is inside the
    plot, else together with the next interval's ("97 min, 17 min"), which is then written for both."""
    per_hour = _px_per_hour(layout)
    sides, texts = ["right"] * len(marks), marks["text"].tolist()
    position = {index: i for i, index in enumerate(marks.index)}
    for _, lane in marks[marks["drawn_as"] == "interval"].groupby(["episode", "lane"]):
        lane = lane.sort_values("from_hours")
        for (index, row), (next_index, following) in zip(lane.iterrows(), list(lane.iterrows())[1:]):
            need = (text_px(texts[position[index]]) + 8) / per_hour
            if following["from_hours"] >= row["to_hours"] + need:
                continue
            if (row["from_hours"] - DOMAIN[0]) >= need:
                sides[position[index]] = "left"
            else:
                sides[position[index]] = "none"
                texts[position[next_index]] = f"{texts[position[index]]}, {texts[position[next_index]]}"
    return sides, texts


def drawn_rows(marks: pd.DataFrame, gaps: pd.DataFrame) -> pd.DataFrame:
    """The marks and the brackets as the chart's one dataset, with where and how each layout writes their labels
    (`side_<layout>`, `lines_<layout>` broken by "\\n", `n_lines_<layout>`): both layouts share it."""
    rows = pd.concat([marks, gaps], ignore_index=True) if not gaps.empty else marks.assign(short="")
    rows["middle"] = (rows["from_hours"] + rows["to_hours"]) / 2
    for layout in (DESKTOP, PHONE):
        sides, texts = _label_texts(rows, layout)
        lines = [_wrapped(t, to - fr, layout) if d == "band" else t
                 for t, fr, to, d in zip(texts, rows["from_hours"], rows["to_hours"], rows["drawn_as"])]
        # On a phone the bracket says its length only; "later" would run into the launches' label.
        lines = [r["short"] if r["drawn_as"] == GAP_LABEL and layout.phone else line
                 for line, (_, r) in zip(lines, rows.iterrows())]
        rows[f"side_{layout.name}"], rows[f"lines_{layout.name}"] = sides, lines
        rows[f"n_lines_{layout.name}"] = [line.count("\n") + 1 for line in lines]
    # Only what the chart draws or shows: no ids, nothing the reader would see as a code.
    return rows.drop(columns=["short", "event_id", "approximate", "minutes"])


def _panel(rows: pd.DataFrame, episode: str, lanes: list[str], layout: Layout, last: bool) -> alt.LayerChart:
    side, lines, n_lines = (f"{name}_{layout.name}" for name in ("side", "lines", "n_lines"))
    drawn = rows[rows["episode"] == episode]
    # Lanes tall enough that the longest label of a band (BAND of its lane's height) stands within the band.
    most_lines = max(drawn.loc[drawn["drawn_as"] == "band", n_lines], default=0)
    step = max(40 if layout.phone else 28, math.ceil((most_lines * LINE_HEIGHT + 4) / BAND))
    every = 12 if layout.phone else 6
    axis_title = (["Hours from midnight starting", "the launch day (Korean time)"] if layout.phone
                  else "Hours from 00:00 (Korean time) on the day of the first launch")
    scale = alt.Scale(domain=DOMAIN, nice=False)
    x = alt.X("from_hours:Q", scale=scale, title=axis_title if last else None,
              axis=alt.Axis(values=list(range(HOURS[0], HOURS[1] + 1, every)), grid=True, gridColor=GRID_COLOUR,
                            labelExpr="datum.value > 0 ? '+' + datum.value + ' h' : "
                                      "datum.value < 0 ? '\u2212' + abs(datum.value) + ' h' : '0 h'"))
    y = alt.Y("lane:N", sort=lanes, scale=alt.Scale(domain=lanes), title=None,
              axis=alt.Axis(labelLimit=_lane_space(layout) - 8, domain=False, ticks=False))
    tooltip = [alt.Tooltip("label:N", title="Event"), alt.Tooltip("when:N", title="Date"),
               alt.Tooltip("precision:N", title="Dated"), alt.Tooltip("length:N", title="Length"), PASSAGE_TOOLTIP]
    text = alt.Text(f"{lines}:N")
    base = alt.Chart().transform_filter(alt.datum.episode == episode).encode(
        x=x, y=y, color=lane_colour(lanes), tooltip=tooltip)
    layers = []
    # Only layers with marks to draw: an empty layer leaves an unnamed graphics group that screen readers flag.
    if (drawn["drawn_as"] == "band").any():
        bands = base.transform_filter(alt.datum.drawn_as == "band")
        layers.append(bands.mark_bar(opacity=0.3, strokeDash=[3, 2], strokeWidth=1, height={"band": BAND}).encode(
            x2="to_hours:Q", stroke=lane_colour(lanes)))
        # A label of n lines is raised by half of n - 1 lines, so that the block stays centred on its band.
        layers += [bands.transform_filter(alt.datum[n_lines] == n).mark_text(
                       align="left", dx=4, lineBreak="\n", lineHeight=LINE_HEIGHT, dy=-(n - 1) * LINE_HEIGHT / 2)
                   .encode(text=text, color=alt.value(TEXT_COLOUR))
                   for n in sorted(set(drawn.loc[drawn["drawn_as"] == "band", n_lines]))]
    if (drawn["drawn_as"] == "interval").any():
        intervals = base.transform_filter(alt.datum.drawn_as == "interval")
        layers += [
            intervals.mark_bar(strokeWidth=1, height={"band": BAND}).encode(
                x2="to_hours:Q", stroke=lane_colour(lanes)),
            intervals.transform_filter(alt.datum[side] == "left").mark_text(align="right", dx=-4).encode(
                text=text, color=alt.value(TEXT_COLOUR)),
            intervals.transform_filter(alt.datum[side] == "right").mark_text(align="left", dx=4).encode(
                x=alt.X("to_hours:Q", scale=scale), text=text, color=alt.value(TEXT_COLOUR)),
        ]
    if (drawn["drawn_as"] == GAP_LABEL).any():
        # The bracket: a line with end ticks along the launch lane, its length written above it.
        bracket = base.transform_filter(alt.datum.drawn_as == GAP_LABEL).encode(color=alt.value(GAP_COLOUR))
        layers += [
            bracket.mark_rule(strokeWidth=1.5).encode(x2="to_hours:Q"),
            bracket.mark_tick(thickness=1.5, size=10),
            bracket.mark_tick(thickness=1.5, size=10).encode(x=alt.X("to_hours:Q", scale=scale)),
            bracket.mark_text(baseline="bottom", dy=-4, fontWeight="bold").encode(
                x=alt.X("middle:Q", scale=scale), text=text, color=alt.value(TEXT_COLOUR)),
        ]
    midnight = alt.Chart(pd.DataFrame({"from_hours": [0]})).mark_rule(color=GUIDE_COLOUR, strokeDash=[2, 2]).encode(
        x=alt.X("from_hours:Q", scale=scale))
    return alt.layer(*layers, midnight).properties(
        title=alt.Title(PANEL_TITLES[episode], fontSize=14), width=layout.width - _lane_space(layout),
        height=alt.Step(step))


def _said(marks: pd.DataFrame, episode: str) -> str:
    rows = marks[marks["episode"] == episode].drop_duplicates("event_id")
    return "; ".join(
        f"{r['label']}, {r['when']}" + (f" ({r['minutes']:.0f} minutes)" if r["drawn_as"] == "interval"
                                        else " (a band over the whole day)")
        for _, r in rows.iterrows())


def _chart(events: pd.DataFrame, marks: pd.DataFrame, gaps: pd.DataFrame, layout: Layout) -> alt.VConcatChart:
    lanes = [lane for lane in LANE_COLOURS if lane in set(marks["lane"])]  # in the order every chart uses
    march, may = EPISODES
    march_day = launch_rows(events, march)["precision"].iloc[0]
    gap = gaps.loc[gaps["episode"] == may, "length"].iloc[0] if (gaps["episode"] == may).any() else None
    finding = (f"In May the missiles came {gap} after the last flight; for March the article gives only the "
               f"{march_day}" if gap else f"For March the article gives only the {march_day} of each event")
    rows = drawn_rows(marks, gaps)
    panels = [_panel(rows, e, lanes, layout, last=(e == EPISODES[-1])) for e in EPISODES]
    subtitle = ("Hours from midnight (Korean time) starting the day of each episode's first launch. "
                "Pale dashed bands: dated to the day only. Solid bars: timed to the minute.")
    description = (
        f"Two panels on one clock, hours from midnight starting the day of the first North Korean launch. {finding}. "
        f"March 2022: {_said(marks, march)}. May 2022: {_said(marks, may)}"
        + (f"; from the last flight's exit to the first launch, {gap}." if gap else ".")
    )
    return alt.vconcat(*panels, data=rows, spacing=18).resolve_scale(x="shared").properties(
        title=headline(finding, subtitle, layout), description=description)


def clock_table(marks: pd.DataFrame, gaps: pd.DataFrame) -> pd.DataFrame:
    """The chart's data in reader words: one row per event (a joint flight once, with both its countries)."""
    def hours(h: float) -> str:
        whole, rest = divmod(round(abs(h) * 60), 60)
        length = f"{whole} h" + (f" {rest} min" if rest else "")
        return "midnight" if not h else f"{length} before" if h < 0 else f"{length} after"

    rows = []
    for _, r in (pd.concat([marks, gaps], ignore_index=True) if not gaps.empty else marks).iterrows():
        lanes = marks.loc[marks["event_id"] == r["event_id"], "lane"].tolist() or [r["lane"]]
        rows.append({
            "Episode": EPISODE_NAMES[r["episode"]],
            "Event": r["label"],
            "Who": " and ".join(dict.fromkeys(lanes)) if r["drawn_as"] != GAP_LABEL else "",
            "Date as the article gives it": r["when"],
            "Dated": r["precision"],
            "Start, from launch-day midnight": hours(r["from_hours"]),
            "End": hours(r["to_hours"]),
            "Length": r["length"],
        })
    return pd.DataFrame(rows).drop_duplicates(["Episode", "Event"]).reset_index(drop=True)


def clock_figure(events: pd.DataFrame, actors: pd.DataFrame) -> Figure:
    """The March and May sequences one above the other, on the same clock and the same lanes."""
    marks = clock_marks(events, actors)
    found = [g for g in (gap_mark(events, marks, e) for e in EPISODES) if not g.empty]
    gaps = pd.concat(found, ignore_index=True) if found else pd.DataFrame(columns=[*marks.columns, "short"])
    return Figure(desktop=_chart(events, marks, gaps, DESKTOP), phone=_chart(events, marks, gaps, PHONE),
                  table=clock_table(marks, gaps))

"""The charts of the chapters' "try it" cells, where a reader changes a parameter and runs the cell again: a bar
per row of counts, and the events of 24-25 May on the clock of a time zone. Each chart draws what a chapter's facts
module computed for the reader's value (kadiz.introduction_facts, kadiz.timeline_facts, kadiz.march_and_may_facts);
its headline is the sentence those modules wrote."""

from __future__ import annotations

import json
import textwrap

import altair as alt
import pandas as pd

from kadiz import tables
from kadiz.charts.render import Figure
from kadiz.charts.theme import DESKTOP, GREYS, GUIDE_COLOUR, PHONE, TEXT_COLOUR, Layout, headline


def _label_space(layout: Layout) -> int:
    """px left of the plot for the bars' labels."""
    return 120 if layout.phone else 170


def _bars(table: pd.DataFrame, label: str, value: str, title: str, subtitle: str, layout: Layout) -> alt.Chart:
    bars = alt.Chart(table).mark_bar(color=GREYS[0]).encode(
        x=alt.X(f"{value}:Q", title=value, axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y(f"{label}:N", sort=table[label].tolist(), title=None,
                axis=alt.Axis(labelLimit=_label_space(layout))),
        tooltip=[alt.Tooltip(f"{c}:N" if c == label else f"{c}:Q", title=c) for c in table.columns],
    )
    values = bars.mark_text(align="left", dx=4).encode(text=f"{value}:Q", color=alt.value(TEXT_COLOUR))
    listed = "; ".join(f"{row[label]}: {row[value]}" for _, row in table.iterrows())
    return alt.layer(bars, values).properties(
        width=layout.width - _label_space(layout), height=alt.Step(24), title=headline(title, subtitle, layout),
        description=f"Bar chart: {title}. {value} by {label.lower()}: {listed}.")


def bars_figure(table: pd.DataFrame, label: str, value: str, title: str, subtitle: str) -> Figure:
    """One bar per row of `table`: its `label` column names the bar, its `value` column (whole numbers) sets the
    length. `title` states what the bars show, `subtitle` what is drawn."""
    return Figure(desktop=_bars(table, label, value, title, subtitle, DESKTOP),
                  phone=_bars(table, label, value, title, subtitle, PHONE), table=table, table_kind=tables.GRID)


# A phone's column leaves the event names (labelLimit: 120 px, _label_space) about 18 characters a line.
PHONE_NAME_CHARACTERS = 18


def _lines(name: str, width: int) -> list[str]:
    """A name in lines of at most `width` characters, broken between words only (never inside Tu-95); a word
    longer than that has a line of its own, which the axis cuts at the labels' room (the tooltip and the table give
    the name whole)."""
    return textwrap.wrap(name, width, break_long_words=False, break_on_hyphens=False) or [name]


def _in_lines(names: list[str], width: int) -> str:
    """A Vega expression that sets each axis label in `names` in lines of at most `width` characters."""
    cases = "".join(f"datum.label == {json.dumps(name)} ? {json.dumps(_lines(name, width))} : " for name in names)
    return f"{cases}datum.label"


def _clock(frame: pd.DataFrame, time_zone: str, title: str, layout: Layout) -> alt.Chart:
    days = int(frame["to_hours"].max() // 24) + 1
    first = pd.Timestamp(frame["date"].min())
    # Midnight is labelled with the day it begins and noon with its time; a desktop draws a tick every 6 hours, but
    # a label there would touch the day's name.
    dates = [f"{first + pd.Timedelta(days=day):%-d %B}" for day in range(days + 1)]
    midnights = pd.DataFrame({"hours": [24 * day for day in range(1, days)]})
    axis = alt.Axis(values=list(range(0, 24 * days + 1, 12 if layout.phone else 6)), format="d",
                    labelExpr=f"datum.value % 24 == 0 ? {json.dumps(dates)}[datum.value / 24] "
                              ": datum.value % 12 == 0 ? '12:00' : ''")
    x = alt.X("from_hours:Q", title=f"Clock time in {time_zone}", scale=alt.Scale(domain=[0, 24 * days]), axis=axis)
    # On a phone a name takes as many lines as it needs, and its row room for them.
    lines, in_lines = 1, {}
    if layout.phone:
        lines = max(len(_lines(name, PHONE_NAME_CHARACTERS)) for name in frame["Event"])
        in_lines = {"labelExpr": _in_lines(frame["Event"].tolist(), PHONE_NAME_CHARACTERS)}
    names = alt.Axis(labelLimit=_label_space(layout), **in_lines)
    bars = alt.Chart(frame).mark_bar(color=GREYS[0], height=14).encode(
        x=x, x2="to_hours:Q",
        y=alt.Y("Event:N", sort=frame["Event"].tolist(), title=None, axis=names),
        tooltip=[alt.Tooltip(f"{c}:N", title=c) for c in ("Event", "Day", "From", "To")])
    rules = alt.Chart(midnights).mark_rule(color=GUIDE_COLOUR, strokeDash=[4, 3]).encode(x="hours:Q")
    listed = "; ".join(f"{r['Event']}: {r['Day']}, {r['From']} to {r['To']}" for _, r in frame.iterrows())
    return alt.layer(rules, bars).properties(
        width=layout.width - _label_space(layout), height=alt.Step(max(30, 14 * lines + 8)),
        title=headline(title, f"The events of 24\u201325 May 2022 timed to the minute, on the clock of {time_zone}; "
                              "dashed lines mark midnight. Source: the article, coded in data/events.csv", layout),
        description=f"Bar chart on the clock of {time_zone}: {title}. {listed}.")


def clock_figure(frame: pd.DataFrame, time_zone: str, title: str) -> Figure:
    """The events of kadiz.timeline_facts.may_on_the_clock_of as bars on that zone's clock, midnight marked."""
    table = frame[["Event", "Day", "From", "To"]]
    return Figure(desktop=_clock(frame, time_zone, title, DESKTOP), phone=_clock(frame, time_zone, title, PHONE),
                  table=table)


def missiles_per_year_figure(per_year: pd.DataFrame, finding: str) -> Figure:
    """kadiz.introduction_facts.missiles_per_year as bars, headed by what they show."""
    return bars_figure(per_year, "Year", "Missiles", finding,
                       "Ballistic missiles North Korea fired each year, by Korean calendar year. "
                       "Source: the CNS North Korea missile test database")


def counts_figure(counts: pd.DataFrame, finding: str) -> Figure:
    """kadiz.march_and_may_facts.counts_by_country as bars (one per episode and country), headed by what they
    show."""
    labelled = counts.assign(**{"Episode and country": counts["Episode"] + ": " + counts["Country"]})
    return bars_figure(labelled[["Episode and country", "Counted"]], "Episode and country", "Counted", finding,
                       "Aircraft and missiles of March and May 2022 by country, as the article counts them. "
                       "Source: the article, coded in data/assets.csv")

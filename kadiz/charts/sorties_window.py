"""The chart of the records chapter's "try it" cell: the days counted back from the article's date of the November
2021 sorties and from the joint patrol's own date, beside North Korea's launch days (kadiz.records_facts.
sorties_window_frame). A reader changes the number of days and sees which launches each window takes in.

The windows are neither countries nor verdicts, so they are grey bands; the launches keep North Korea's colour.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from kadiz import tables
from kadiz.charts.render import Figure
from kadiz.charts.theme import (DESKTOP, GREYS, GRID_COLOUR, LANE_COLOURS, PHONE, TEXT_COLOUR, Layout, day, days_scale,
                                headline)

LAUNCHES = "North Korea's launches"


def _chart(frame: pd.DataFrame, layout: Layout) -> alt.FacetChart:
    lo = frame["start"].min() - pd.Timedelta(days=2)
    hi = frame["end"].max() + pd.Timedelta(days=2)
    # Ticks spread evenly inside the span, four on a desktop and two on a phone, so that no labels touch.
    ticks = pd.date_range(lo, hi, periods=4 if layout.phone else 6).normalize()
    x = alt.X("start:T", title=None, scale=days_scale(lo, hi),
              axis=alt.Axis(format="%-d %b", values=[day(t) for t in ticks[1:-1]],
                            grid=True, gridColor=GRID_COLOUR, domain=False))
    tooltip = [alt.Tooltip("what:N", title="What"), alt.Tooltip("date:N", title="Days (Korea)")]
    base = alt.Chart()
    bands = base.transform_filter("isValid(datum.end)").mark_bar(height=14, color=GREYS[2]).encode(
        x=x, x2="end:T", y=alt.value(18), tooltip=tooltip)
    launches = base.transform_filter("!isValid(datum.end)").mark_circle(
        size=90, opacity=1, color=LANE_COLOURS["North Korea"]).encode(x=x, y=alt.value(18), tooltip=tooltip)
    # Each launch named under its dot, as the lane's only words: a reader reads off which window holds it.
    labels = base.transform_filter("!isValid(datum.end)").mark_text(baseline="top", dy=10, color=TEXT_COLOUR).encode(
        x=x, y=alt.value(18), text="day:N")
    lanes = list(dict.fromkeys(frame["lane"]))
    return alt.layer(bands, launches, labels, data=frame.assign(day=frame["start"].dt.strftime("%-d %b"))).properties(
        width=layout.width - 10, height=44).facet(
        row=alt.Row("lane:N", title=None, sort=lanes,
                    header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top",
                                      labelFontSize=12, labelFontWeight="bold", labelPadding=2)),
        spacing=6).resolve_axis(x="shared")


def window_figure(frame: pd.DataFrame, finding: str) -> Figure:
    """The two windows and the launch days, one lane each, time left to right; `finding` (words from
    kadiz.records_facts.sorties_window_finding) is its headline."""
    windows = frame[frame["end"].notna()]
    launches = frame[frame["end"].isna()]
    description = (f"Timeline: {finding}. Grey bands: {'; '.join(windows['what'] + ', ' + windows['date'])}. "
                   f"North Korea's launch days in that time: {', '.join(launches['date']) or 'none'}.")
    subtitle = "The days counted back from each date (grey) and North Korea's launch days (Korean dates)"

    def chart(layout: Layout):
        return _chart(frame, layout).properties(title=headline(finding, subtitle, layout), description=description)

    table = frame.rename(columns={"lane": "Lane", "what": "What", "date": "Days (Korea)"})
    table = table[["Lane", "What", "Days (Korea)"]]
    return Figure(desktop=chart(DESKTOP), phone=chart(PHONE), table=table, table_kind=tables.PROSE,
                  name="records-try-window")

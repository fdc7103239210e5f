"""The verdicts of the chapter "What the records show" counted by rating (Fig. fig-records-ratings).

Colours: the rating groups' colours (kadiz/charts/palette.py), as the verdict boxes of the records page; the claims
that fall short of the records in the accent.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from kadiz import tables
from kadiz import verdicts
from kadiz.charts.render import Figure
from kadiz.charts.theme import (DESKTOP, GRID_COLOUR, LEGEND_GAP, PHONE, RATING_COLOURS, TEXT_COLOUR, Layout, headline,
                                wrap_px)

# The rubric's three groups of ratings (kadiz.verdicts.RATING_GROUPS) in their colours, the same as the verdict boxes
# of the records page: the claims that fall short of the records in the accent.
GROUP_COLOURS = {group: RATING_COLOURS[group] for group in verdicts.RATING_GROUPS}
RATING_AXIS_SPACE = 170  # room for the ratings left of the bars, the longest on two lines


def ratings_frame(rated: pd.DataFrame) -> pd.DataFrame:
    """One row per rating of the rubric, in its order: its words, its group, and how many verdicts have it at each
    confidence (kadiz.verdicts.rating_table)."""
    table = verdicts.rating_table(rated)
    group_of = {r: g for g, ratings in verdicts.RATING_GROUPS.items() for r in ratings}
    return table.assign(group=[group_of[r] for r in verdicts.RATINGS])


def ratings_finding(frame: pd.DataFrame) -> str:
    """The headline: how many claims the records agree with, how many fall short, how many cannot be settled."""
    n = int(frame["Verdicts"].sum())
    agree, short, open_ = (int(frame.loc[frame["group"] == g, "Verdicts"].sum()) for g in verdicts.RATING_GROUPS)
    return (f"The records agree with {agree} of the {n} claims checked; {short} "
            f"{'falls' if short == 1 else 'fall'} short, {open_} cannot be settled")


def bar_colour(field: str, colours: dict[str, str], layout: Layout, phone_columns: int) -> alt.Color:
    """Bars coloured by `field` in the given colours, with a legend of squares above the chart."""
    return alt.Color(f"{field}:N", title=None, sort=list(colours),
                     scale=alt.Scale(domain=list(colours), range=list(colours.values())),
                     legend=alt.Legend(orient="top", direction="horizontal", symbolType="square", symbolSize=150,
                                       columns=phone_columns if layout.phone else 3, labelLimit=layout.width,
                                       columnPadding=LEGEND_GAP))


def _ratings_chart(frame: pd.DataFrame, layout: Layout) -> alt.LayerChart:
    order = list(frame["Rating"])
    summary = "; ".join(f"{r}: {n}" for r, n in zip(frame["Rating"], frame["Verdicts"]))
    colour = bar_colour("group", GROUP_COLOURS, layout, phone_columns=1)
    tooltip = [alt.Tooltip("Rating:N", title="Rating"), alt.Tooltip("Verdicts:Q", title="Verdicts"),
               *(alt.Tooltip(f"{c} confidence:Q", title=f"{c} confidence") for c in ("High", "Medium", "Low"))]
    top = int(frame["Verdicts"].max())
    end = top + max(2, top // 8)
    x = alt.X("Verdicts:Q", title="Verdicts", scale=alt.Scale(domain=[0, end], nice=False),
              axis=alt.Axis(values=list(range(0, end + 1, 5 if layout.phone else 2)), format="d", grid=True,
                            gridColor=GRID_COLOUR))
    if layout.phone:
        # Rating above its bar: the longest rating would leave the bars no room beside it.
        y = alt.Y("Rating:N", sort=order, title=None, axis=None, scale=alt.Scale(paddingInner=0, paddingOuter=0))
        bars = alt.Chart(frame).mark_bar(height=14, yOffset=8).encode(x=x, y=y, color=colour, tooltip=tooltip)
        names = alt.Chart(frame).mark_text(align="left", baseline="top", dy=4).encode(
            x=alt.value(0), y=alt.Y("Rating:N", sort=order, axis=None, bandPosition=0), text="Rating:N")
        values = bars.mark_text(align="left", dx=4, yOffset=8).encode(text="Verdicts:Q", color=alt.value(TEXT_COLOUR))
        layers, width, step = [bars, names, values], layout.width - 12, 40
    else:
        # A long rating on two lines ("|" separates the lines of an axis label).
        frame = frame.assign(lines=["|".join(wrap_px(r, RATING_AXIS_SPACE - 12)) for r in frame["Rating"]])
        y = alt.Y("lines:N", sort=list(frame["lines"]), title=None,
                  axis=alt.Axis(labelLimit=RATING_AXIS_SPACE - 10, ticks=False, domain=False,
                                labelExpr="split(datum.label, '|')"))
        bars = alt.Chart(frame).mark_bar(height=18).encode(x=x, y=y, color=colour, tooltip=tooltip)
        values = bars.mark_text(align="left", dx=4).encode(text="Verdicts:Q", color=alt.value(TEXT_COLOUR))
        layers, width, step = [bars, values], layout.width - RATING_AXIS_SPACE, 36
    finding = ratings_finding(frame)
    return alt.layer(*layers).properties(
        width=width, height=alt.Step(step),
        title=headline(finding, "Verdicts on the article's checkable claims, by rating, in the order of the "
                                "report's rubric", layout),
        description=f"Bar chart: {finding}. Verdicts by rating, in the rubric's order: {summary}.",
    )


def ratings_figure(rated: pd.DataFrame) -> Figure:
    """The verdicts counted by rating (fig-records-ratings); its table gives the counts at each confidence."""
    frame = ratings_frame(rated)
    table = frame.rename(columns={"group": "Verdict group"})
    table = table[["Rating", "Verdict group", "Verdicts", "High confidence", "Medium confidence", "Low confidence"]]
    return Figure(desktop=_ratings_chart(frame, DESKTOP), phone=_ratings_chart(frame, PHONE), table=table,
                  table_kind=tables.GRID)

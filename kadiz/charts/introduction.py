"""The introduction's chart: how precisely the article dates the events it mentions."""

import altair as alt
import pandas as pd

from kadiz import tables
from kadiz.charts.render import Figure
from kadiz.charts.theme import DESKTOP, GREYS, PHONE, TEXT_COLOUR, Layout, headline
from kadiz.introduction import precision_counts
from kadiz.when import TIME_OF_DAY_PRECISIONS


def _chart(counts: pd.DataFrame, n_events: int, layout: Layout) -> alt.Chart:
    vague = int(counts.loc[~counts["precision"].isin(TIME_OF_DAY_PRECISIONS), "events"].sum())
    timed = n_events - vague
    summary = ", ".join(f"{n} to the {p}" for p, n in zip(counts["precision"], counts["events"]))
    # Dark for what the article times to the hour or minute (the few events a clock can place), light for the rest:
    # a precision is neither a country nor a verdict, so it is told by weight of grey.
    colour = alt.condition(alt.FieldOneOfPredicate("precision", list(TIME_OF_DAY_PRECISIONS)),
                           alt.value(GREYS[0]), alt.value(GREYS[2]))
    bars = alt.Chart(counts).mark_bar().encode(
        x=alt.X("events:Q", title="Events in the article", axis=alt.Axis(tickMinStep=1)),
        # Finest first, as precision_counts lists them: from "to the minute" down to "the year".
        y=alt.Y("precision:N", sort=counts["precision"].tolist(), title="Dated to the"),
        color=colour,
        tooltip=[alt.Tooltip("precision:N", title="Dated to the"), alt.Tooltip("events:Q", title="Events")],
    )
    values = bars.mark_text(align="left", dx=4).encode(text="events:Q", color=alt.value(TEXT_COLOUR))
    return alt.layer(bars, values).properties(
        width=layout.width - 110, height=alt.Step(28),
        title=headline(f"Only {timed} of the article's {n_events} events are timed to the hour or minute",
                       "Events the article mentions, by how precisely it dates them", layout),
        description=f"Bar chart: only {timed} of the {n_events} events the article mentions are timed to the "
                    f"hour or minute; {vague} are dated to a day, month or year. By precision: {summary}.",
    )


def precision_figure(events: pd.DataFrame) -> Figure:
    counts = precision_counts(events)
    table = counts.rename(columns={"precision": "Dated to the", "events": "Events"})
    return Figure(desktop=_chart(counts, len(events), DESKTOP), phone=_chart(counts, len(events), PHONE), table=table,
                  table_kind=tables.GRID)

"""The introduction's chart: how precisely the article dates the events it mentions."""

import altair as alt
import pandas as pd

from kadiz.validate import PRECISIONS  # finest first: the bars read from "to the minute" down to "the year"


def precision_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Number of events at each precision, every precision listed (zero where the article has none)."""
    counts = events["precision"].value_counts().reindex(PRECISIONS, fill_value=0)
    return counts.rename_axis("precision").reset_index(name="events")


def precision_chart(events: pd.DataFrame) -> alt.Chart:
    counts = precision_counts(events)
    summary = ", ".join(f"{n} to the {p}" for p, n in zip(counts["precision"], counts["events"]))
    return (
        alt.Chart(counts)
        .mark_bar(color="#0072B2")
        .encode(
            x=alt.X("events:Q", title="Events in the article", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("precision:N", sort=PRECISIONS, title="Dated to the"),
            tooltip=[alt.Tooltip("precision:N", title="Dated to the"), alt.Tooltip("events:Q", title="Events")],
        )
        .properties(
            height=160,
            description=f"Bar chart of the {len(events)} events the article mentions, by how precisely it dates "
            f"them: {summary}.",
        )
    )

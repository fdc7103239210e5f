"""The introduction's chart: how precisely the article dates the events it mentions."""

import altair as alt
import pandas as pd

from kadiz.introduction import precision_counts


def precision_chart(events: pd.DataFrame) -> alt.Chart:
    counts = precision_counts(events)
    summary = ", ".join(f"{n} to the {p}" for p, n in zip(counts["precision"], counts["events"]))
    return (
        alt.Chart(counts)
        .mark_bar(color="#0072B2")
        .encode(
            x=alt.X("events:Q", title="Events in the article", axis=alt.Axis(tickMinStep=1)),
            # Finest first, as precision_counts lists them: from "to the minute" down to "the year".
            y=alt.Y("precision:N", sort=counts["precision"].tolist(), title="Dated to the"),
            tooltip=[alt.Tooltip("precision:N", title="Dated to the"), alt.Tooltip("events:Q", title="Events")],
        )
        .properties(
            height=160,
            description=f"Bar chart of the {len(events)} events the article mentions, by how precisely it dates "
            f"them: {summary}.",
        )
    )

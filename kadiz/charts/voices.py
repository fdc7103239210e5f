"""The voices of the article: who says what about coordination, one block per statement."""

from __future__ import annotations

import altair as alt
import pandas as pd

from kadiz.charts.theme import PASSAGE_TOOLTIP, WIDTH, with_passage_fields
from kadiz.voices import STANCES, UNNAMED_MARK, speaker_name

# Okabe-Ito colours again, but other hues than the lanes: a stance is not an actor group.
STANCE_COLOURS = {
    "coordinated": "#CC79A7",
    "not-coordinated": "#E69F00",
    "uncertain": "#56B4E9",
    "not-about-it": "#C8C8C8",
}
SPEAKER_AXIS_SPACE = 215


def statement_blocks(quotes: pd.DataFrame, speakers: pd.DataFrame) -> pd.DataFrame:
    """One row per statement: its speaker, stance, mode and verbatim passage, in the article's order."""
    by_id = speakers.set_index("id")
    blocks = pd.DataFrame({
        "quote_id": quotes["id"].to_numpy(),
        "number": range(1, len(quotes) + 1),
        "speaker": [speaker_name(by_id.loc[s]) for s in quotes["speaker_id"]],
        "described_as": [by_id.loc[s, "description"] for s in quotes["speaker_id"]],
        "stance": quotes["stance"].to_numpy(),
        "about": quotes["coordination_of"].fillna("").to_numpy(),
        "mode": quotes["mode"].to_numpy(),
        "one": 1,
        "passage": quotes["passage"].to_numpy(),
    })
    return with_passage_fields(blocks)


def stance_chart(quotes: pd.DataFrame, speakers: pd.DataFrame) -> alt.Chart:
    """Statements per speaker as stacked blocks, coloured by stance on coordination."""
    blocks = statement_blocks(quotes, speakers)
    counts = blocks.groupby("speaker")["one"].sum()
    order = counts.sort_values(ascending=False, kind="stable").index.tolist()
    stance_order = {s: i for i, s in enumerate(STANCES)}
    blocks["stance_order"] = blocks["stance"].map(stance_order)
    description = (
        f"Bar chart of the {len(blocks)} statements the article attributes to {blocks['speaker'].nunique()} "
        "speakers, one block per statement, coloured by the speaker's stance on whether China, Russia and "
        "North Korea coordinated: "
        + ", ".join(f"{n} {stance}" for stance, n in blocks["stance"].value_counts().reindex(STANCES)
                    .fillna(0).astype(int).items())
        + "."
    )
    return alt.Chart(blocks).mark_bar(stroke="white", strokeWidth=1.5).encode(
        x=alt.X("one:Q", stack="zero", title="Statements (one block each)", axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("speaker:N", sort=order, title=None, axis=alt.Axis(
            labelLimit=SPEAKER_AXIS_SPACE,
            # "(unnamed)" on a second line keeps long roles readable in the room left of the bars.
            labelExpr=f"indexof(datum.label, '{UNNAMED_MARK}') > 0 ? "
                      f"[replace(datum.label, '{UNNAMED_MARK}', ''), '{UNNAMED_MARK.strip()}'] : datum.label")),
        color=alt.Color("stance:N", title="Stance on coordination", sort=STANCES,
                        scale=alt.Scale(domain=STANCES, range=[STANCE_COLOURS[s] for s in STANCES]),
                        legend=alt.Legend(orient="bottom", columns=2)),
        order=alt.Order("stance_order:Q"),
        detail="quote_id:N",
        tooltip=[alt.Tooltip("number:Q", title="No. in the quotes table"), alt.Tooltip("speaker:N"),
                 alt.Tooltip("described_as:N", title="described as"), alt.Tooltip("mode:N"),
                 alt.Tooltip("stance:N"), alt.Tooltip("about:N", title="coordination of"), PASSAGE_TOOLTIP],
    ).properties(width=WIDTH - SPEAKER_AXIS_SPACE, height=alt.Step(30), description=description)

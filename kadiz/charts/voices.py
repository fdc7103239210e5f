"""The voices of the article: who says what about coordination, one block per statement.

A stance is not a country nor a verdict, so the blocks are grey, dark to light in reading order: "coordinated",
the claim the chapter weighs, darkest. Stances stack in reading order, from "coordinated" through "uncertain" to "not coordinated",
then the statements that take no stance. On a desktop the speakers are named left of their bars (long roles on
two lines); on a phone each name stands above its bar, so that the bars keep the width of the screen.
"""

from __future__ import annotations

import re
import textwrap

import altair as alt
import pandas as pd

from kadiz import tables, words
from kadiz.charts.render import Figure
from kadiz.charts.theme import (DESKTOP, GREYS, GRID_COLOUR, PAPER_COLOUR, PASSAGE_TOOLTIP, PHONE, TEXT_COLOUR, Layout,
                                headline, with_passage_fields)
from kadiz.voices import speaker_name

# The stances in greys, dark to light in their reading order: the claim at issue darkest, the statements that say
# nothing about it lightest.
STANCE_COLOURS = dict(zip(words.STANCE_ORDER, GREYS))
STANCE_WORDS = [words.STANCE[s] for s in words.STANCE_ORDER]
SPEAKER_AXIS_SPACE = 200
LABEL_CHARS = 28  # a speaker's name left of the bars wraps after this many characters (desktop)
PHONE_NAME_CHARS = 48  # a name above its bar (phone) wraps after this many characters
NAME_LINE_HEIGHT = 14
NOT_ADDRESSED = "\u2014"  # "coordination of" for a statement that takes no stance
# Where a label breaks into lines: a line feed, which textwrap never leaves inside a line, so no character of a name
# can break it (a "|" did, as the splitter the axis used).
LINE_BREAK = "\n"


def statement_blocks(quotes: pd.DataFrame, speakers: pd.DataFrame) -> pd.DataFrame:
    """One row per statement, in the article's order: its number, speaker, stance, mode and verbatim passage,
    every value in reader words."""
    by_id = speakers.set_index("id")
    blocks = pd.DataFrame({
        "number": range(1, len(quotes) + 1),
        "speaker": [speaker_name(by_id.loc[s]) for s in quotes["speaker_id"]],
        "described_as": [by_id.loc[s, "description"] for s in quotes["speaker_id"]],
        "stance": quotes["stance"].map(words.STANCE).to_numpy(),
        "stance_order": quotes["stance"].map(words.STANCE_ORDER.index).to_numpy(),
        "about": [words.countries(c) or NOT_ADDRESSED for c in quotes["coordination_of"]],
        "mode": quotes["mode"].map(words.MODE).to_numpy(),
        "one": 1,
        "passage": quotes["passage"].to_numpy(),
    })
    # How each layout names the speaker: left of the bars in lines (desktop), above the bar in lines (phone). Both
    # layouts share the rows.
    blocks["speaker_label"] = [_label_lines(s) for s in blocks["speaker"]]
    blocks["name_lines"] = ["\n".join(textwrap.wrap(s, PHONE_NAME_CHARS)) for s in blocks["speaker"]]
    return with_passage_fields(blocks)


def speaker_order(blocks: pd.DataFrame) -> list[str]:
    """Speakers with the most statements first; ties in the order the article first quotes them."""
    counts = blocks.groupby("speaker", sort=False)["one"].sum()
    return counts.sort_values(ascending=False, kind="stable").index.tolist()


def stance_table(blocks: pd.DataFrame) -> pd.DataFrame:
    """Statements per speaker and stance, as the chart draws them: the figure's data table."""
    table = pd.crosstab(blocks["speaker"], blocks["stance"]).reindex(
        index=speaker_order(blocks), columns=STANCE_WORDS, fill_value=0)
    table["Statements"] = table.sum(axis=1)
    table.columns = [c[0].upper() + c[1:] for c in table.columns]
    return table.rename_axis(index="Speaker", columns=None).reset_index()


def _label_lines(name: str) -> str:
    """A speaker's name in lines of at most LABEL_CHARS characters, joined by LINE_BREAK; a part in brackets, such
    as "(South Korea)" or "(unnamed)", is kept on one line."""
    keep = re.sub(r"\([^)]*\)", lambda m: m.group(0).replace(" ", "\u00a0"), name)
    return LINE_BREAK.join(line.replace("\u00a0", " ") for line in textwrap.wrap(keep, LABEL_CHARS))


def _finding(blocks: pd.DataFrame) -> tuple[str, int, int]:
    coordinated = blocks[blocks["stance"] == words.STANCE["coordinated"]]
    speakers = coordinated["speaker"].nunique()
    return (f"Only {speakers} of {blocks['speaker'].nunique()} speakers {'calls' if speakers == 1 else 'call'} "
            "the acts coordinated, "
            f"in {len(coordinated)} of {len(blocks)} statements"), speakers, len(coordinated)


def _stance_finding(blocks: pd.DataFrame, stance: str) -> str:
    """The headline of the chart of one stance: how many statements, by how many speakers."""
    return (f"{words.counted(len(blocks), 'statement')} coded “{words.STANCE[stance]}”, "
            f"by {words.counted(blocks['speaker'].nunique(), 'speaker')}")


# A chart drawn in a "try it" cell has no caption: it names its source itself, last in its subtitle.
TRY_IT_SOURCE = "Source: the article (Asia Times, 25 May 2022), coded in data/quotes.csv and data/speakers.csv."


def _chart(blocks: pd.DataFrame, layout: Layout, finding: str, source: str = "") -> alt.LayerChart:
    order = speaker_order(blocks)
    by_stance = blocks["stance"].value_counts().reindex(STANCE_WORDS, fill_value=0)
    description = (
        f"Bar chart: {finding}. One block per statement, {len(blocks)} statements by "
        f"{blocks['speaker'].nunique()} speakers, by stance on whether China, Russia and North Korea coordinated: "
        + ", ".join(f"{n} {stance}" for stance, n in by_stance.items()) + ". By speaker: "
        + "; ".join(f"{speaker}, " + ", ".join(f"{n} {s}" for s, n in row.items() if n)
                    for speaker, row in pd.crosstab(blocks["speaker"], blocks["stance"])
                    .reindex(index=order, columns=STANCE_WORDS, fill_value=0).iterrows())
        + "."
    )
    labels = blocks.drop_duplicates("speaker").set_index("speaker")["speaker_label"]
    # A phone writes each name once, at the speaker's first block drawn (a "try it" chart draws one stance's only);
    # the column is added for both layouts, which then share one dataset.
    blocks = blocks.assign(first=~blocks["speaker"].duplicated())
    if layout.phone:
        y = alt.Y("speaker:N", sort=order, title=None, axis=None, scale=alt.Scale(paddingInner=0, paddingOuter=0))
        # Each name on a line of its own above its bar, wrapped should one be longer than the screen is wide.
        n_lines = int(blocks["name_lines"].str.count("\n").max()) + 1
        plot_width, step = layout.width - 4, 32 + NAME_LINE_HEIGHT * n_lines
    else:
        y = alt.Y("speaker_label:N", sort=[labels[s] for s in order], title=None,
                  axis=alt.Axis(labelLimit=SPEAKER_AXIS_SPACE - 10, labelExpr="split(datum.label, '\\n')",
                                ticks=False, domain=False))
        plot_width, step = layout.width - SPEAKER_AXIS_SPACE, 38
    colour = alt.Color("stance:N", title=None, sort=STANCE_WORDS,
                       scale=alt.Scale(domain=STANCE_WORDS, range=[STANCE_COLOURS[s] for s in words.STANCE_ORDER]),
                       legend=alt.Legend(orient="top", direction="horizontal", symbolType="square",
                                         columns=2 if layout.phone else 4, symbolSize=150, labelLimit=layout.width))
    tooltip = [alt.Tooltip("number:Q", title="Statement no."), alt.Tooltip("speaker:N", title="Speaker"),
               alt.Tooltip("described_as:N", title="Described as"), alt.Tooltip("mode:N", title="Quoted as"),
               alt.Tooltip("stance:N", title="Stance"), alt.Tooltip("about:N", title="Coordination of"),
               PASSAGE_TOOLTIP]
    x = alt.X("one:Q", stack="zero", title="Statements (one block each)",
              axis=alt.Axis(tickMinStep=1, format="d", grid=True, gridColor=GRID_COLOUR),
              scale=alt.Scale(domainMax=int(blocks.groupby("speaker")["one"].sum().max()) + 0.5, nice=False))
    bar = {"stroke": PAPER_COLOUR, "strokeWidth": 1.5}
    if layout.phone:
        bar.update(height=20, yOffset=step / 2 - 15)  # the bar in the lower part of its row, the name above it
    bars = alt.Chart(blocks).mark_bar(**bar).encode(
        x=x, y=y, color=colour, order=alt.Order("stance_order:Q"), detail="number:N", tooltip=tooltip)
    layers = [bars]
    if layout.phone:
        # A name is a label, as an axis label is: without a tooltip of its own.
        names = alt.Chart(blocks).transform_filter(alt.datum.first).mark_text(
            align="left", baseline="top", dy=3, lineBreak="\n", lineHeight=NAME_LINE_HEIGHT, color=TEXT_COLOUR).encode(
            x=alt.value(0), y=alt.Y("speaker:N", sort=order, axis=None, bandPosition=0), text="name_lines:N")
        layers.append(names)
    return alt.layer(*layers).properties(
        width=plot_width, height=alt.Step(step), description=description,
        title=headline(finding, "Statements per speaker, one block each, by stance on whether China, Russia and "
                                "North Korea coordinated their acts" + (f". {source}" if source else ""), layout))


def stance_figure(quotes: pd.DataFrame, speakers: pd.DataFrame, stance: str | None = None) -> Figure:
    """Statements per speaker as stacked blocks, grey by stance on coordination, "coordinated" darkest.

    With `stance` (a code of words.STANCE, as the chapter's "try it" cell passes it), only the blocks of that
    stance, each keeping its number in the whole article."""
    blocks = statement_blocks(quotes, speakers)
    finding = _finding(blocks)[0]
    if stance is not None:
        blocks = blocks[blocks["stance"] == words.STANCE[stance]]
        if blocks.empty:
            raise ValueError(f"no statement is coded {stance!r}: nothing to draw")
        finding = _stance_finding(blocks, stance)
    source = TRY_IT_SOURCE if stance is not None else ""
    return Figure(desktop=_chart(blocks, DESKTOP, finding, source), phone=_chart(blocks, PHONE, finding, source),
                  table=stance_table(blocks), table_kind=tables.GRID)

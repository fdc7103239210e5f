"""North Korea's missile tests of the chapter "What the records show" counted under each rule and on record, beside
the article's count (Fig. fig-records-counts).

Colours: the counts are neither countries nor verdicts, so they are grey, the article's darkest.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from kadiz import verdicts
from kadiz.charts.ratings import bar_colour
from kadiz.charts.render import Figure
from kadiz.charts.theme import DESKTOP, GREYS, GRID_COLOUR, PHONE, TEXT_COLOUR, Layout, headline, wrap_px
from kadiz.counts import RULES
from kadiz.words import listed

# Short names for the bars; the counting rules' full words are in the figure's table (kadiz.counts.RULES).
RULE_NAMES = {"ballistic-missiles": "Ballistic missiles", "ballistic-launch-events": "Ballistic launch events",
              "launch-events-with-cruise": "Launch events with cruise missiles"}
ON_RECORD_NAME = "JCS: shows of force"
ARTICLE_NAME = "The article"
# Counts are neither countries nor verdicts: greys, the article's number darkest, since the chart sets every count
# beside it.
KINDS = {"computed": "counted from the data", "on record": "count on record", "article": "the article's count"}
KIND_COLOURS = {KINDS["computed"]: GREYS[1], KINDS["on record"]: GREYS[2], KINDS["article"]: GREYS[0]}
COUNT_AXIS_SPACE = 170  # room for the counts' names left of the bars, a long one on two lines


def counts_frame(rule_table: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """rule_table (kadiz.counts) with a short name per count (`label`), the kind in words and the sources by name."""
    short = {RULES[k]: v for k, v in RULE_NAMES.items()}
    labels = [short.get(c, ARTICLE_NAME if k == "article" else ON_RECORD_NAME if "JCS" in c else c)
              for c, k in zip(rule_table["count"], rule_table["kind"])]
    names = [verdicts.source_names(ids.split(";"), sources) for ids in rule_table["source_ids"]]
    return rule_table.assign(label=labels, kind_words=rule_table["kind"].map(KINDS), sources=names)


def counts_finding(frame: pd.DataFrame) -> tuple[str, str]:
    """The headline (the first period: does any count give the article's number?) and what the other periods
    show, as a sentence for the subtitle."""
    parts = []
    for period, rows in frame.groupby("period", sort=False):
        article = int(rows.loc[rows["kind"] == "article", "value"].iloc[0])
        others = rows[rows["kind"] != "article"]
        matches = [n[0].lower() + n[1:] for n in others.loc[others["value"] == article, "label"]]
        parts.append((period, article, matches))
    (period, article, matches), rest = parts[0], parts[1:]
    if matches:
        head = f"Only {listed(matches)} match the article's {article} missile tests for {period}"
    else:
        head = f"No count gives the article's {article} missile tests for {period}"
    notes = [f"for {p}, {listed(m)} match its {a}" if m else f"for {p}, no count matches its {a}"
             for p, a, m in rest]
    return head, "; ".join(notes)


def _counts_chart(frame: pd.DataFrame, layout: Layout) -> alt.FacetChart:
    order = [*RULE_NAMES.values(), ON_RECORD_NAME, ARTICLE_NAME]
    order += [x for x in dict.fromkeys(frame["label"]) if x not in order]
    top = int(frame["value"].max())
    x = alt.X("value:Q", title="Missile tests", scale=alt.Scale(domain=[0, top + 3], nice=False),
              axis=alt.Axis(values=list(range(0, top + 3, 5)), format="d", grid=True, gridColor=GRID_COLOUR))
    colour = bar_colour("kind_words", KIND_COLOURS, layout, phone_columns=2)
    tooltip = [alt.Tooltip("period:N", title="Period"), alt.Tooltip("count:N", title="What is counted"),
               alt.Tooltip("value:Q", title="Count"), alt.Tooltip("sources:N", title="Sources")]
    if layout.phone:
        y = alt.Y("label:N", sort=order, title=None, axis=None, scale=alt.Scale(paddingInner=0, paddingOuter=0))
        bars = alt.Chart().mark_bar(height=14, yOffset=8).encode(x=x, y=y, color=colour, tooltip=tooltip)
        names = alt.Chart().mark_text(align="left", baseline="top", dy=4).encode(
            x=alt.value(0), y=alt.Y("label:N", sort=order, axis=None, bandPosition=0), text="label:N")
        values = bars.mark_text(align="left", dx=4, yOffset=8).encode(text="value:Q", color=alt.value(TEXT_COLOUR))
        layers, width, step = [bars, names, values], layout.width - 12, 40
    else:
        # A long name on two lines ("|" separates the lines of an axis label).
        def lines(name: str) -> str:
            return "|".join(wrap_px(name, COUNT_AXIS_SPACE - 12))

        frame = frame.assign(label=frame["label"].map(lines))
        y = alt.Y("label:N", sort=[lines(x_) for x_ in order], title=None,
                  axis=alt.Axis(labelLimit=COUNT_AXIS_SPACE - 10, ticks=False, domain=False,
                                labelExpr="split(datum.label, '|')"))
        bars = alt.Chart().mark_bar(height=16).encode(x=x, y=y, color=colour, tooltip=tooltip)
        values = bars.mark_text(align="left", dx=4).encode(text="value:Q", color=alt.value(TEXT_COLOUR))
        # The article's count as a line through its panel: the eye sees which bars reach it. A guide that the
        # bars and the table carry too, so hidden from screen readers. (On a phone it would cross the names.)
        reach = alt.Chart().transform_filter("datum.kind == 'article'").mark_rule(
            color=GREYS[0], strokeDash=[4, 3], strokeWidth=1.5, aria=False).encode(x="value:Q")
        layers, width, step = [reach, bars, values], layout.width - COUNT_AXIS_SPACE, 32
    return alt.layer(*layers, data=frame).properties(width=width, height=alt.Step(step)).facet(
        row=alt.Row("period:N", title=None, sort=list(dict.fromkeys(frame["period"])),
                    header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top",
                                      labelFontSize=13, labelFontWeight="bold", labelPadding=6)),
        spacing=14,
    ).resolve_scale(y="independent")


def counts_figure(rule_table: pd.DataFrame, sources: pd.DataFrame) -> Figure:
    """The same launches counted under each rule and on record, beside the article's count, one panel per period
    (fig-records-counts)."""
    frame = counts_frame(rule_table, sources)
    head, rest = counts_finding(frame)
    by_period = "; ".join(f"{period}: " + ", ".join(f"{label} {value}" for label, value
                                                    in zip(rows["label"], rows["value"]))
                          for period, rows in frame.groupby("period", sort=False))
    subtitle = "North Korea's missile tests counted under each rule and by the JCS, beside the article's"
    if rest:
        subtitle += ". " + rest[0].upper() + rest[1:]

    def chart(layout: Layout):
        return _counts_chart(frame, layout).properties(
            title=headline(head, subtitle, layout),
            description=f"Bar chart: {head}; {rest}. {by_period}.")

    table = frame.rename(columns={"period": "Period", "count": "What is counted", "value": "Count",
                                  "kind_words": "Kind", "sources": "Sources"})
    table = table[["Period", "What is counted", "Count", "Kind", "Sources"]]
    return Figure(desktop=chart(DESKTOP), phone=chart(PHONE), table=table)

"""Charts of the chapter "Could it be coincidence?": the p-values under each null model, window and set of numbers,
and how the answer moves with every choice (the sensitivity chart)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from kadiz.charts.theme import WIDTH

# Okabe-Ito colours, distinct from the report's actor colours: these are models, not actors.
NULL_COLOURS = {"A": "#E69F00", "B": "#56B4E9", "C": "#009E73", "D": "#CC79A7"}
NULL_NAMES = {"A": "A: patrols placed at random", "B": "B: launches placed at random",
              "C": "C: launch calendar turned", "D": "D: each year its own launch rate"}
# The windows of the sensitivity chart (kadiz.sensitivity.WINDOWS), in its order.
WINDOW_COLOURS = {"next day": "#000000", "same or next day": "#0072B2", "within 3 days": "#D55E00"}
WINDOW_SHAPES = {"next day": "circle", "same or next day": "square", "within 3 days": "triangle-up"}
P_AXIS = alt.Axis(format=".2~f", values=[0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1])


def p_value_frame(answers: pd.DataFrame) -> pd.DataFrame:
    """answers (kadiz.coincidence.answers, several questions) with the labels the chart shows."""
    return answers.assign(
        model=answers["null"].map(NULL_NAMES),
        kind=answers["method"].str.startswith("exact").map({True: "exact", False: "simulated"}),
        numbers=answers["question"].map(lambda q: f"With {q}'s numbers" if q == "the article" else f"With the {q}"),
        followed_text=answers["followed"].astype(str) + " of " + answers["patrols"].astype(str),
    )


def p_values(frame: pd.DataFrame) -> alt.FacetChart:
    """p against window, one line per null model (exact) with the simulated values as hollow rings, one panel per
    set of numbers. Log scale: p-values of 0.05 and 0.5 differ by a factor of ten, not by a tenth."""
    x = alt.X("window:O", title="Window (days after the patrol)", axis=alt.Axis(labelAngle=0))
    y = alt.Y("p:Q", title="p-value", scale=alt.Scale(type="log", domain=[0.01, 1]), axis=P_AXIS)
    colour = alt.Color("model:N", title="Null model", scale=alt.Scale(domain=list(NULL_NAMES.values()),
                                                                        range=list(NULL_COLOURS.values())),
                       legend=alt.Legend(orient="bottom", columns=1))
    tooltip = [alt.Tooltip("numbers:N", title="Numbers"), alt.Tooltip("model:N", title="Null model"),
               alt.Tooltip("method:N", title="Method"), alt.Tooltip("window:O", title="Window (days)"),
               alt.Tooltip("followed_text:N", title="Patrols followed"), alt.Tooltip("p:Q", title="p", format=".3f")]
    exact = alt.Chart().transform_filter("datum.kind == 'exact'")
    lines = exact.mark_line(point=alt.OverlayMarkDef(size=50)).encode(x=x, y=y, color=colour, tooltip=tooltip)
    simulated = alt.Chart().transform_filter("datum.kind == 'simulated'").mark_point(
        size=160, strokeWidth=1.5, filled=False).encode(x=x, y=y, color=colour, tooltip=tooltip)
    # The 0.05 line is a guide the caption names; hidden from screen readers, which would find it unnamed.
    rule = alt.Chart().mark_rule(strokeDash=[4, 4], color="#666", aria=False).encode(y=alt.datum(0.05))
    return alt.layer(rule, lines, simulated, data=frame).properties(width=(WIDTH - 80) // 2, height=220).facet(
        column=alt.Column("numbers:N", title=None, sort=list(dict.fromkeys(frame["numbers"])),
                          header=alt.Header(labelFontSize=12, labelFontWeight="bold")),
    ).properties(
        description=("Line chart of p-values (log scale) against the window of 1, 2 or 3 days after a joint air "
                     "patrol, one line per null model (A to D), in two panels: with the article's numbers and with "
                     "the records. Hollow rings are the seeded simulations, which lie on the exact lines. A dashed "
                     "line marks p = 0.05."),
    )


def sensitivity_frame(table: pd.DataFrame) -> pd.DataFrame:
    """sensitivity_table (kadiz.sensitivity) with the labels the chart shows."""
    return table.assign(
        model=table["null"].map(NULL_NAMES),
        followed_text=table["followed"].astype(str) + " of " + table["patrols"].astype(str),
        status=table["primary"].map({True: "the primary test", False: "exploratory"}),
    )


def sensitivity(frame: pd.DataFrame) -> alt.FacetChart:
    """One row per set of numbers, one dot per window, one panel per null model (B above D): the p-value on a log
    scale, the primary test ringed. A reader sees at once which choices carry a small p-value."""
    order = list(dict.fromkeys(frame["scenario"]))
    low = min(0.01, float(frame["p"].min()))
    x = alt.X("p:Q", title="p-value (log scale)", scale=alt.Scale(type="log", domain=[low, 1]), axis=P_AXIS)
    y = alt.Y("scenario:N", title=None, sort=order, axis=alt.Axis(labelLimit=260))
    tooltip = [alt.Tooltip("scenario:N", title="Numbers"), alt.Tooltip("status:N", title="Status"),
               alt.Tooltip("model:N", title="Null model"), alt.Tooltip("window:N", title="A launch"),
               alt.Tooltip("followed_text:N", title="Patrols followed"),
               alt.Tooltip("launch_days:Q", title="Launch days"), alt.Tooltip("p:Q", title="p", format=".3f")]
    windows = list(WINDOW_COLOURS)
    # Room between legend entries and left of the row labels: the PDF draws the SVG with a wider fallback font
    # than the one vl-convert measured the text with.
    legend = alt.Legend(orient="bottom", columnPadding=24)
    dots = alt.Chart().mark_point(filled=True, size=70, opacity=0.9).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("window:N", title="A launch", sort=windows, legend=legend,
                        scale=alt.Scale(domain=windows, range=list(WINDOW_COLOURS.values()))),
        shape=alt.Shape("window:N", title="A launch", sort=windows, legend=legend,
                        scale=alt.Scale(domain=windows, range=list(WINDOW_SHAPES.values()))),
    )
    # The ring only marks the primary test's dot, which carries the same tooltip and name for screen readers.
    ring = alt.Chart().transform_filter("datum.primary").mark_point(
        size=320, filled=False, strokeWidth=2, color="#000", aria=False).encode(x=x, y=y, tooltip=tooltip)
    # The 0.05 line is a guide the caption names; hidden from screen readers, which would find it unnamed.
    rule = alt.Chart().mark_rule(strokeDash=[4, 4], color="#666", aria=False).encode(x=alt.datum(0.05))
    return alt.layer(rule, dots, ring, data=frame).properties(width=WIDTH - 290, height=alt.Step(20)).facet(
        row=alt.Row("model:N", title=None, sort=[NULL_NAMES[n] for n in dict.fromkeys(frame["null"])],
                    header=alt.Header(labelFontSize=12, labelFontWeight="bold", labelAngle=0,
                                      labelOrient="top", labelAnchor="start")),
    ).properties(
        padding={"left": 40, "top": 8, "right": 8, "bottom": 8},
        description=("Dot plot of p-values on a log scale, in two panels: null model B (launch days at random, "
                     "one rate for the whole period) and null model D (each year its own launch rate). One row per "
                     "set of numbers: the primary test's patrols after the article, the records with one choice "
                     "changed at a time (among them the March 2022 flights dated 23 or 24 March), and the "
                     "article's own numbers, with March dated 24 March and without the event of 24-25 May. One dot "
                     "per window: next day, same or next day, within 3 days. A ring marks the primary test; a "
                     "dashed line marks p = 0.05."),
    )

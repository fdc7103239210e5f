"""Charts of the chapter "Could it be coincidence?": the p-values under each null model, window and set of numbers,
and how the records' answer moves with each choice."""

from __future__ import annotations

import altair as alt
import pandas as pd

from kadiz.charts.theme import WIDTH

# Okabe-Ito colours, distinct from the report's actor colours: these are models, not actors.
NULL_COLOURS = {"A": "#E69F00", "B": "#56B4E9", "C": "#009E73"}
NULL_NAMES = {"A": "A: patrols placed at random", "B": "B: launches placed at random",
              "C": "C: launch calendar turned"}
WINDOW_COLOURS = {"next day": "#000000", "within 2 days": "#0072B2", "within 3 days": "#D55E00"}
WINDOW_NAMES = {1: "next day", 2: "within 2 days", 3: "within 3 days"}
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
                     "patrol, one line per null model, in two panels: with the article's numbers and with the "
                     "records. Hollow rings are the seeded simulations, which lie on the exact lines. A dashed "
                     "line marks p = 0.05."),
    )


def choices_frame(choice_table: pd.DataFrame) -> pd.DataFrame:
    """choice_table (kadiz.coincidence.choice_table) in long form: one row per choice and window."""
    rows = []
    for r in choice_table.to_dict("records"):
        for w, name in WINDOW_NAMES.items():
            rows.append({"choice": r["choice"], "window": name, "p": r[f"p ({w} d)"],
                         "followed_text": f"{r[f'followed ({w} d)']} of {r['patrols']}",
                         "period": r["period"], "launch_days": r["launch days"]})
    return pd.DataFrame(rows)


def choices(frame: pd.DataFrame) -> alt.LayerChart:
    """One row per choice, one dot per window: p under null model B (exact), on a log scale."""
    order = list(dict.fromkeys(frame["choice"]))
    x = alt.X("p:Q", title="p-value under null model B (log scale)", scale=alt.Scale(type="log", domain=[0.01, 1]),
              axis=P_AXIS)
    y = alt.Y("choice:N", title=None, sort=order, axis=alt.Axis(labelLimit=250))
    dots = alt.Chart(frame).mark_point(filled=True, size=80, opacity=0.9).encode(
        x=x, y=y,
        color=alt.Color("window:N", title="A launch", sort=list(WINDOW_COLOURS),
                        scale=alt.Scale(domain=list(WINDOW_COLOURS), range=list(WINDOW_COLOURS.values())),
                        legend=alt.Legend(orient="bottom")),
        shape=alt.Shape("window:N", title="A launch", sort=list(WINDOW_COLOURS), legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=list(WINDOW_COLOURS), range=["circle", "square", "triangle-up"])),
        tooltip=[alt.Tooltip("choice:N", title="Choice"), alt.Tooltip("period:N", title="Period"),
                 alt.Tooltip("window:N", title="A launch"), alt.Tooltip("followed_text:N", title="Patrols followed"),
                 alt.Tooltip("launch_days:Q", title="Launch days"), alt.Tooltip("p:Q", title="p", format=".3f")],
    )
    rule = alt.Chart(frame).mark_rule(strokeDash=[4, 4], color="#666", aria=False).encode(x=alt.datum(0.05))
    return alt.layer(rule, dots).properties(
        width=WIDTH - 250, height=alt.Step(26),
        description=("Dot plot of the p-value under null model B for the records' question as stated and with one "
                     "choice changed at a time (period, dating of two-day patrols, only the years before or after "
                     "the article, only 2022, the March 2022 flights counted as a patrol), one dot per window of "
                     "1, 2 or 3 days. A dashed line marks p = 0.05."),
    )

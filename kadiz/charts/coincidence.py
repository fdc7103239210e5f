"""Charts of the chapter "Could it be coincidence?": the p-values under each null model, window and set of numbers,
and how the answer moves with every choice (the sensitivity chart).

Null models and windows are not countries nor verdicts, so they are drawn in greys: null model D, the model of the
primary test, darkest and thickest in the p-value chart; the primary test ringed in ink in the sensitivity chart.
Marks differ by shape too, hollow so that marks on the same value stay visible, and the legends show those shapes.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from kadiz import coincidence as co
from kadiz import null_models as nm
from kadiz import tables
# The room print needs is the records chapter's, for the same reason.
from kadiz.charts.render import Figure
from kadiz.charts.theme import (DESKTOP, GREYS, GRID_COLOUR, GUIDE_COLOUR, LEGEND_GAP, PHONE, TEXT_COLOUR, Layout,
                                headline)
from kadiz.sensitivity import PRIMARY
from kadiz.words import listed

NULL_NAMES = {"A": "A: patrols placed at random", "B": "B: launches placed at random",
              "C": "C: launch calendar turned", "D": "D: each year its own launch rate"}
# D, the primary test's model, darkest; the others lighter, told apart by shape (A and C, which never meet the
# primary test, share the lightest grey that still reads as a line).
NULL_COLOURS = {"A": GREYS[2], "B": GREYS[1], "C": GREYS[2], "D": GREYS[0]}
NULL_SHAPES = {"A": "circle", "B": "square", "C": "triangle-up", "D": "diamond"}
# The windows of the sensitivity chart (kadiz.sensitivity.WINDOWS), in its order: greys, told apart by shape.
WINDOW_COLOURS = {"next day": GREYS[0], "same or next day": GREYS[1], "within 3 days": GREYS[2]}
WINDOW_SHAPES = {"next day": "circle", "same or next day": "square", "within 3 days": "triangle-up"}
P_TICKS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]
P_TICKS_PHONE = [0.01, 0.05, 0.2, 1]
LEVEL = PRIMARY.level
QUESTION_WORDS = {"the article": "the article's numbers", "records": "the records"}


def _p(p: float) -> str:
    return nm.p_text(p)


def p_axis(layout: Layout, **kwargs) -> alt.Axis:
    """The p-value axis: log ticks, and its grid line at p = LEVEL dashed and darker, the guide the subtitle names
    (a grid line, drawn under the marks and their labels, where a rule would cross them)."""
    at_level = f"datum.value === {LEVEL}"
    return alt.Axis(format=".2~f", values=P_TICKS_PHONE if layout.phone else P_TICKS, grid=True,
                    gridColor={"condition": {"test": at_level, "value": GUIDE_COLOUR}, "value": GRID_COLOUR},
                    gridDash={"condition": {"test": at_level, "value": [4, 4]}, "value": []},
                    gridWidth={"condition": {"test": at_level, "value": 1.5}, "value": 1}, **kwargs)


# ------------------------------------------------------------------------------------- p-values by window

def p_value_frame(answers: pd.DataFrame) -> pd.DataFrame:
    """answers (kadiz.coincidence.answers, several questions) with the words the chart shows."""
    return answers.assign(
        model=answers["null"].map(NULL_NAMES),
        kind=answers["method"].str.startswith("exact").map({True: "exact", False: "simulated"}),
        numbers=answers["question"].map(lambda q: f"With {q}'s numbers" if q == "the article" else f"With the {q}"),
        window_words=answers["window"].map(co.window_name),
        followed_text=answers["followed"].astype(str) + " of " + answers["patrols"].astype(str),
        p_text=answers["p"].map(_p),
    )


def p_values_finding(frame: pd.DataFrame) -> str:
    """The headline: which sets of numbers and windows give an exact p below the level, under any null model."""
    exact = frame[frame["kind"] == "exact"]
    below = exact[exact["p"] < LEVEL]
    cases = list(dict.fromkeys(f"{QUESTION_WORDS.get(q, q)} for the {w}" if w == "next day" else
                               f"{QUESTION_WORDS.get(q, q)} {w}"
                               for q, w in zip(below["question"], below["window_words"])))
    if not cases:
        return f"No null model or window gives p below {LEVEL:g}"
    return f"Only {listed(cases)} give p below {LEVEL:g}"


def _p_values_chart(frame: pd.DataFrame, layout: Layout) -> alt.FacetChart:
    exact = frame[frame["kind"] == "exact"]
    windows = list(dict.fromkeys(exact.sort_values("window")["window_words"]))
    # More windows than the chapter's three (a reader's, in the try-it cell) are numbered, so that seven fit a panel.
    many = len(windows) > 3
    numbered = {"labelExpr": "datum.label == 'next day' ? '1' "
                             ": replace(replace(datum.label, 'within ', ''), ' days', '')"}
    x = alt.X("window_words:N", title="A launch within this many days" if many else "A launch", sort=windows,
              scale=alt.Scale(padding=0.3), axis=alt.Axis(labelAngle=0, **(numbered if many else {})))
    low = min(0.01, float(exact["p"].min()))  # the chapter's smallest tick, or lower where a reader's p is
    y = alt.Y("p:Q", title="p-value (log scale)", scale=alt.Scale(type="log", domain=[low, 1]),
              axis=p_axis(DESKTOP))
    nulls = sorted(set(exact["null"]))
    names = [NULL_NAMES[n] for n in nulls]
    colour = alt.Color("model:N", title=None, sort=names,
                       scale=alt.Scale(domain=names, range=[NULL_COLOURS[n] for n in nulls]),
                       legend=alt.Legend(orient="top", direction="horizontal", columns=1 if layout.phone else 2,
                                         columnPadding=LEGEND_GAP,
                                         labelLimit=layout.width, symbolStrokeWidth=2))
    shape = alt.Shape("model:N", title=None, sort=names,
                      scale=alt.Scale(domain=names, range=[NULL_SHAPES[n] for n in nulls]))
    tooltip = [alt.Tooltip("numbers:N", title="Numbers"), alt.Tooltip("model:N", title="Null model"),
               alt.Tooltip("window_words:N", title="A launch"),
               alt.Tooltip("followed_text:N", title="Patrols followed"),
               alt.Tooltip("p_text:N", title="p (exact)")]
    base = alt.Chart()
    # The lines join a model's values; the marks on them carry the legend and the tooltips.
    lines = base.mark_line(aria=False).encode(
        x=x, y=y, color=colour, strokeWidth=alt.condition("datum.null == 'D'", alt.value(2.5), alt.value(1.5)))
    points = base.mark_point(filled=False, size=80, strokeWidth=2, opacity=1).encode(
        x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    plot_width = layout.width - 70 if layout.phone else (layout.width - 90) // 2
    facet = alt.Row if layout.phone else alt.Column
    header = alt.Header(labelFontSize=13, labelFontWeight="bold", labelAngle=0, labelOrient="top",
                        labelAnchor="start", labelAlign="left")
    return alt.layer(lines, points, data=exact).properties(
        width=plot_width, height=200 if layout.phone else 220).facet(
        **{"row" if layout.phone else "column": facet("numbers:N", title=None,
                                                        sort=list(dict.fromkeys(frame["numbers"])), header=header)},
        spacing=16 if layout.phone else 24)


def p_values_figure(answers: pd.DataFrame, name: str = "figure") -> Figure:
    """p-value against the window, one line per null model, one panel per set of numbers (fig-coincidence-pvalues,
    and the try-it cell's, named `name` for its CSV): side by side on a desktop, one above the other on a phone.
    The table gives every exact and simulated value."""
    frame = p_value_frame(answers)
    finding = p_values_finding(frame)
    exact = frame[frame["kind"] == "exact"]
    by_panel = "; ".join(
        f"{numbers}: " + ", ".join(f"{model[0]} {window} {_p(p)}" for model, window, p
                                   in zip(rows["model"], rows["window_words"], rows["p"]))
        for numbers, rows in exact.groupby("numbers", sort=False))
    nulls = sorted(set(exact["null"]))
    models = f"null models {listed(nulls)}" if len(nulls) > 1 else f"null model {nulls[0]}"
    windows = list(dict.fromkeys(exact.sort_values("window")["window_words"]))
    description = (f"Line chart: {finding}. p-values (log scale) under {models} for a launch "
                   f"{listed(['the ' + w if w == 'next day' else w for w in windows])} of a joint air patrol, "
                   f"{listed([n[0].lower() + n[1:] for n in dict.fromkeys(frame['numbers'])])}; a dashed line marks "
                   f"p = {LEVEL:g}. Exact values by model and window: {by_panel}.")
    subtitle = f"p-value under {models}, by how soon a launch follows a patrol; dashed line: p = {LEVEL:g}"

    def chart(layout: Layout):
        return _p_values_chart(frame, layout).properties(title=headline(finding, subtitle, layout),
                                                         description=description)

    keys = ["numbers", "null", "window"]
    simulated = frame[frame["kind"] == "simulated"].set_index(keys)
    table = exact.assign(
        numbers=[QUESTION_WORDS.get(q, q)[0].upper() + QUESTION_WORDS.get(q, q)[1:] for q in exact["question"]],
        simulated=[simulated["p_text"].get(k, "") for k in zip(*(exact[c] for c in keys))],
        method_words=[simulated["method"].get(k, "none") for k in zip(*(exact[c] for c in keys))])
    table = table.rename(columns={"numbers": "Numbers", "model": "Null model", "window_words": "A launch",
                                  "followed_text": "Patrols followed", "p_text": "p (exact)",
                                  "simulated": "p (simulated)", "method_words": "Simulation"})
    simulations = ["p (simulated)", "Simulation"] if len(simulated) else []  # a reader's try-it chart has none
    table = table[["Numbers", "Null model", "A launch", "Patrols followed", "p (exact)", *simulations]]
    return Figure(desktop=chart(DESKTOP), phone=chart(PHONE), table=table, table_kind=tables.GRID, name=name)


# ------------------------------------------------------------------------------------- the sensitivity chart

SCENARIO_AXIS_SPACE = 260  # room for the rows' names left of the marks, on a desktop


def sensitivity_frame(table: pd.DataFrame) -> pd.DataFrame:
    """sensitivity_table (kadiz.sensitivity) with the words the chart shows."""
    return table.assign(
        model=table["null"].map(NULL_NAMES),
        followed_text=table["followed"].astype(str) + " of " + table["patrols"].astype(str),
        status=table["primary"].map({True: "the primary test", False: "exploratory"}),
        p_text=table["p"].map(_p),
    )


def sensitivity_finding(frame: pd.DataFrame) -> str:
    """The headline: the primary test's p-value, and how many of the exploratory ones fall below the level."""
    primary = frame["primary"].astype(bool)
    p = float(frame.loc[primary, "p"].iloc[0])
    below = int((frame.loc[~primary, "p"] < LEVEL).sum())
    return (f"The primary test gives p = {p:.2f}; {below} of the {int((~primary).sum())} exploratory p-values "
            f"fall below {LEVEL:g}")


def _sensitivity_chart(frame: pd.DataFrame, layout: Layout) -> alt.FacetChart:
    order = list(dict.fromkeys(frame["scenario"]))
    # Room beyond p = 1 and below the smallest value, so that no mark (nor the ring) sits on the plot's edge.
    low = min(0.01, float(frame["p"].min())) / 1.25
    x = alt.X("p:Q", title="p-value (log scale)", scale=alt.Scale(type="log", domain=[low, 1.3], nice=False),
              axis=p_axis(layout))
    tooltip = [alt.Tooltip("scenario:N", title="Numbers"), alt.Tooltip("status:N", title="Status"),
               alt.Tooltip("model:N", title="Null model"), alt.Tooltip("window:N", title="A launch"),
               alt.Tooltip("followed_text:N", title="Patrols followed"),
               alt.Tooltip("launch_days:Q", title="Launch days"), alt.Tooltip("p_text:N", title="p")]
    windows = list(WINDOW_SHAPES)
    legend = alt.Legend(orient="top", direction="horizontal", columns=3, labelLimit=layout.width,
                        symbolStrokeWidth=2, title="A launch:", titleOrient="top",
                        columnPadding=12 if layout.phone else LEGEND_GAP)
    if layout.phone:
        # Each row's name above its marks, across the whole width: the names are too long to sit beside them.
        y = alt.Y("scenario:N", title=None, sort=order, axis=None,
                  scale=alt.Scale(type="band", paddingInner=0, paddingOuter=0))
        offset, step, width = {"yOffset": 5}, 38, layout.width - 10
        # One name per row (a row has a mark per window). A name is a label, as an axis label is: no tooltip.
        names = [alt.Chart().transform_filter(alt.FieldEqualPredicate(field="window", equal=windows[0])).mark_text(
            align="left", baseline="top", dy=3).encode(
            x=alt.value(0), y=alt.Y("scenario:N", sort=order, axis=None, bandPosition=0), text="scenario:N")]
    else:
        y = alt.Y("scenario:N", title=None, sort=order,
                  axis=alt.Axis(labelLimit=SCENARIO_AXIS_SPACE - 10, ticks=False, domain=False))
        offset, step, width, names = {}, 20, layout.width - SCENARIO_AXIS_SPACE, []
    dots = alt.Chart().mark_point(filled=False, size=70, strokeWidth=2, opacity=1, **offset).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("window:N", title="A launch:", sort=windows, legend=legend,
                        scale=alt.Scale(domain=windows, range=[WINDOW_COLOURS[w] for w in windows])),
        shape=alt.Shape("window:N", title="A launch:", sort=windows, legend=legend,
                        scale=alt.Scale(domain=windows, range=[WINDOW_SHAPES[w] for w in windows])),
    )
    # The ring only marks the primary test's dot, which carries the same tooltip and name for screen readers.
    ring = alt.Chart().transform_filter("datum.primary").mark_point(
        size=360, filled=False, strokeWidth=2.5, color=TEXT_COLOUR, aria=False, **offset).encode(x=x, y=y)
    header = alt.Header(labelFontSize=13, labelFontWeight="bold", labelAngle=0, labelOrient="top",
                        labelAnchor="start", labelAlign="left")
    return alt.layer(*names, dots, ring, data=frame).properties(width=width, height=alt.Step(step)).facet(
        row=alt.Row("model:N", title=None, sort=[NULL_NAMES[n] for n in dict.fromkeys(frame["null"])], header=header),
        spacing=14)


def sensitivity_figure(grid: pd.DataFrame) -> Figure:
    """One row per set of numbers, one mark per window, one panel per null model (B above D): the p-value on a log
    scale, the primary test ringed (fig-coincidence-sensitivity). On a phone the rows' names wrap."""
    frame = sensitivity_frame(grid)
    finding = sensitivity_finding(frame)
    primary = frame[frame["primary"]].iloc[0]
    below = frame[frame["p"] < LEVEL]
    description = (
        f"Dot plot: {finding}. p-values on a log scale, in one panel per null model ("
        + " and ".join(NULL_NAMES[n] for n in dict.fromkeys(frame["null"]))
        + f"), one row per set of numbers and one mark per window ({', '.join(WINDOW_SHAPES)}). The primary test, "
        f"{primary['scenario'].lower()} with a launch the {primary['window']} under null model {primary['null']}, "
        f"is ringed; a dashed line marks p = {LEVEL:g}. Below it: "
        + "; ".join(f"{s}, {w}, null model {n}, p = {_p(p)}"
                    for s, w, n, p in zip(below["scenario"], below["window"], below["null"], below["p"])) + ".")
    subtitle = (f"p-value for each set of numbers and window under null models B and D. Ring: the primary test. "
                f"Dashed line: p = {LEVEL:g}")

    def chart(layout: Layout):
        return _sensitivity_chart(frame, layout).properties(title=headline(finding, subtitle, layout),
                                                            description=description)

    table = frame.drop(columns="p").rename(columns={
        "scenario": "Numbers", "status": "Status", "model": "Null model", "window": "A launch",
        "followed_text": "Patrols followed", "launch_days": "Launch days", "p_text": "p"})
    table = table[["Numbers", "Status", "Null model", "A launch", "Patrols followed", "Launch days", "p"]]
    return Figure(desktop=chart(DESKTOP), phone=chart(PHONE), table=table, table_kind=tables.GRID)

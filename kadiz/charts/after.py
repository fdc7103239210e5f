"""The years after the article on one time axis: the joint air patrols of China and Russia, North Korea's launch
days, and the events that bear on the article's "axis" (a vote, a treaty, troops for Russia, a meeting).

As in the timeline chapter, a date is drawn as exactly as its source gives it: a patrol or event dated to the day
or the month is a band over that day or month (kadiz.when.drawn_as_band), and days are Korean calendar days drawn
on a UTC scale so that no reader's time zone shifts them. Behind the launches, a pale band marks the days within
WINDOW_DAYS of each patrol: the window in which the chapter looks for a launch.

Colour: the joint patrols in the colour of joint China-Russia flights, North Korea's launches in its country
colour, the other events (which are no one country's) in grey. Both layouts stack the three rows with their names
above them, so that a phone keeps its whole width for time; the axis shows years only.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from kadiz import missiles as missile_data
from kadiz import words
from kadiz.after import PATROL_BAR_DAYS_AT_LEAST, PUBLISHED, WINDOW_DAYS, day_text
from kadiz.charts.render import Figure
from kadiz.charts.theme import (DESKTOP, GREYS, GRID_COLOUR, GUIDE_COLOUR, JOINT_COLOUR, LANE_COLOURS, PHONE,
                                TEXT_COLOUR, Layout, headline, text_px)
from kadiz.when import precision_text, when_text

ROWS = ["Joint air patrols, China and Russia", "North Korean launches", "Other events"]
ROW_COLOURS = [JOINT_COLOUR, LANE_COLOURS["North Korea"], GREYS[1]]
MIN_BAND = pd.Timedelta(days=PATROL_BAR_DAYS_AT_LEAST)  # a band at least this wide, to be seen
# The axis begins a month before the article's day and ends a month after the last record's month, so that no
# mark sits on its edge.
PAD = pd.Timedelta(days=30)
LINE = 18  # px of each of the other events' lines


def _utc(day: pd.Timestamp) -> str:
    """A Korean calendar day as an ISO string marked UTC, for UTC scales ("2022-05-25T00:00:00Z")."""
    return day.strftime("%Y-%m-%dT%H:%M:%SZ")


def _ms(day: pd.Timestamp) -> int:
    return int(pd.Timestamp(day).tz_localize("UTC").value // 1_000_000)


def marks(patrols: pd.DataFrame, after_events: pd.DataFrame, missiles: pd.DataFrame, end: str) -> pd.DataFrame:
    """One mark per patrol, launch day and event from the day after the article's to `end` (YYYY-MM-DD)."""
    start, stop = pd.Timestamp(PUBLISHED), pd.Timestamp(end)
    rows = []
    for lane, table, label in ((ROWS[0], patrols, lambda r: f"joint air patrol no. {r['number']}"),
                               (ROWS[2], after_events, lambda r: r["subject"])):
        for _, r in table.iterrows():
            first = r["start_ts"].tz_localize(None)
            if not start <= first < stop:
                continue
            last = r["period_end_ts"].tz_localize(None)
            rows.append({"lane": lane, "label": label(r), "when": when_text(r),
                         "precision": precision_text(r["precision"], bool(r["approximate"])),
                         "short": words.AFTER_EVENT_KIND.get(r.get("kind"), "") if lane == ROWS[2] else "",
                         "start": first, "end": max(last, first + MIN_BAND), "last": last})
    events = missile_data.launch_events(missiles)
    for _, e in events[(events["kst_date"] > start) & (events["kst_date"] < stop)].iterrows():
        rows.append({"lane": ROWS[1], "label": words.missiles_text(int(e["missiles"]), e["missile_names"].split(";")),
                     "when": day_text(e["kst_date"]), "precision": "to the day (Korean calendar day)", "short": "",
                     "start": e["kst_date"], "end": e["kst_date"] + pd.Timedelta(days=1),
                     "last": e["kst_date"] + pd.Timedelta(days=1)})
    out = pd.DataFrame(rows)
    out["x_start"], out["x_end"] = [_utc(t) for t in out["start"]], [_utc(t) for t in out["end"]]
    # The days within WINDOW_DAYS of a patrol: from its first day back, from its last day on.
    window = pd.Timedelta(days=WINDOW_DAYS)
    patrol = out["lane"] == ROWS[0]
    out["window_start"] = [_utc(s - window) if p else "" for s, p in zip(out["start"], patrol)]
    out["window_end"] = [_utc(e + window) if p else "" for e, p in zip(out["last"], patrol)]
    out = out.assign(_row=out["lane"].map(ROWS.index)).sort_values(["_row", "x_start"], kind="stable")
    return out.drop(columns=["start", "end", "last", "_row"]).reset_index(drop=True)


def _domain(end: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    return pd.Timestamp(PUBLISHED) - PAD, pd.Timestamp(end) + PAD


def _plot_width(layout: Layout) -> int:
    return layout.width - 12  # room for the last year's label to run past the plot's edge


def label_sides(data: pd.DataFrame, end: str, layout: Layout) -> list[str]:
    """For each of the other events (one to a line), the side of its mark its label is written on: the right,
    unless the label would run past the plot's right edge there."""
    first, last = _domain(end)
    width = _plot_width(layout)
    per_day = width / (last - first).days
    return ["right" if (pd.Timestamp(r["x_end"]).tz_localize(None) - first).days * per_day
            + 4 + text_px(r["short"]) <= width else "left" for _, r in data.iterrows()]


def drawn_rows(data: pd.DataFrame, end: str) -> pd.DataFrame:
    """The marks, each of the other events on a line of its own (`line`), with the side each layout writes its
    label on (`side_<layout>`): one dataset for both layouts."""
    out = data.copy()
    others = out["lane"] == ROWS[2]
    out["line"] = others.cumsum().where(others, 0)
    for layout in (DESKTOP, PHONE):
        out[f"side_{layout.name}"] = label_sides(out, end, layout)
    return out


def _as_often(near: int, patrols: int, share: int) -> str:
    """How the share of patrols with a launch nearby compares with the share of all days: within ten points of
    it is "about as often as"."""
    difference = 100 * near / patrols - share
    return "about as often as" if abs(difference) <= 10 else "more often than" if difference > 0 else "less often than"


def _panel(data: pd.DataFrame, lane: int, end: str, layout: Layout, last: bool) -> alt.LayerChart:
    first, stop = _domain(end)
    years = [pd.Timestamp(year=y, month=1, day=1) for y in range(first.year + 1, stop.year + 1)]
    # In UTC milliseconds, by domainMin and domainMax as theme.days_scale sets a day's (and says why).
    scale = alt.Scale(type="utc", domainMin=_ms(first), domainMax=_ms(stop))
    axis = alt.Axis(values=[_ms(y) for y in years], format="%Y", grid=True, gridColor=GRID_COLOUR,
                    labels=last, ticks=last, domain=last, labelFlush=False)

    def at(field: str) -> alt.X:
        return alt.X(f"{field}:T", title=None, scale=scale, axis=axis)

    x = at("x_start")
    tooltip = [alt.Tooltip("label:N", title="What"), alt.Tooltip("when:N", title="Date"),
               alt.Tooltip("precision:N", title="Dated")]
    name = ROWS[lane]
    base = alt.Chart().encode(x=x, tooltip=tooltip)
    colour = alt.value(ROW_COLOURS[lane])
    layers = []
    height = 24
    if lane == 0:
        # The outline adds a pixel each side: a patrol of a day or two stays visible across the years.
        layers.append(base.transform_filter(alt.datum.lane == name).mark_bar(
            height=16, stroke=ROW_COLOURS[lane], strokeWidth=1.5).encode(x2="x_end:T", color=colour))
    elif lane == 1:
        # Behind the launch days, the days within WINDOW_DAYS of each patrol.
        layers.append(base.transform_filter(alt.datum.lane == ROWS[0]).mark_rect(color=GREYS[3]).encode(
            x=at("window_start"), x2="window_end:T",
            tooltip=[alt.Tooltip("label:N", title=f"{WINDOW_DAYS} days either side of"),
                     alt.Tooltip("when:N", title="Date")]))
        layers.append(base.transform_filter(alt.datum.lane == name).mark_tick(
            thickness=1.5, size=height - 4).encode(color=colour))
    else:
        # One line per event, its label beside it: events months apart cannot crowd each other's words.
        lines = max(int(data["line"].max()), 1)
        height = LINE * lines
        side = f"side_{layout.name}"
        events = base.transform_filter(alt.datum.lane == name).encode(
            y=alt.Y("line:O", axis=None, scale=alt.Scale(domain=list(range(1, lines + 1)))))
        if (data["lane"] == name).any():
            layers.append(events.mark_bar(height=LINE - 6).encode(x2="x_end:T", color=colour))
        for where, align, edge, dx in (("right", "left", "x_end", 4), ("left", "right", "x_start", -4)):
            if (data.loc[data["lane"] == name, side] == where).any():  # no empty layer: screen readers flag it
                layers.append(events.transform_filter(alt.datum[side] == where).mark_text(align=align, dx=dx)
                              .encode(x=at(edge), text="short:N", color=alt.value(TEXT_COLOUR)))
    article = alt.Chart(pd.DataFrame({"x_start": [_utc(pd.Timestamp(PUBLISHED))]})).mark_rule(
        color=GUIDE_COLOUR, strokeDash=[3, 3]).encode(x=at("x_start"))
    return alt.layer(*layers, article).properties(
        width=_plot_width(layout), height=height,
        title=alt.Title(name, fontSize=13, fontWeight="bold", color=TEXT_COLOUR, offset=4))


def _chart(data: pd.DataFrame, finding: dict, end: str, layout: Layout) -> alt.VConcatChart:
    near, n, share = finding["near"], finding["patrols"], finding["share"]
    counts = data["lane"].value_counts()
    headline_text = (f"Of {words.counted(n, 'joint patrol')}, {near if near else 'none'} had a launch within "
                     f"{WINDOW_DAYS} days either side; {share}% of all days did")
    last_day = day_text(finding["latest"])
    subtitle = (f"From the article's day (dashed line), {day_text(pd.Timestamp(PUBLISHED))}, to {last_day}. "
                f"Shaded: {WINDOW_DAYS} days either side of each patrol.")
    if finding.get("unscored"):
        # A patrol after the missile record's last day is drawn but not counted: no launch on record there is no
        # evidence of none.
        subtitle += (f" Not scored: {words.counted(finding['unscored'], 'patrol')} after "
                     f"{day_text(finding['covered_to'])}, where the missile record ends.")
    others = data[data["lane"] == ROWS[2]]
    description = (
        f"Time line from {day_text(pd.Timestamp(PUBLISHED))} to {last_day} in three rows. {headline_text}"
        + (f": patrols had a launch that close {_as_often(near, n, share)} days in general "
           f"({100 * near / n:.0f}% against {share}%). " if n else ". ")
        + f"{counts.get(ROWS[0], 0)} joint air patrols of China and Russia, {counts.get(ROWS[1], 0)} North Korean "
        f"launch days, and {len(others)} other events: "
        + "; ".join(f"{r['label']} ({r['when']})" for _, r in others.iterrows()) + "."
        + (f" {words.counted(finding['unscored'], 'patrol')} after {day_text(finding['covered_to'])}, where the "
           "missile record ends, not scored." if finding.get("unscored") else "")
    )
    panels = [_panel(data, lane, end, layout, last=(lane == len(ROWS) - 1)) for lane in range(len(ROWS))]
    return alt.vconcat(*panels, data=data, spacing=10).resolve_scale(x="shared").properties(
        title=headline(headline_text, subtitle, layout), description=description)


def after_table(data: pd.DataFrame) -> pd.DataFrame:
    """The chart's data in reader words: one row per patrol, launch day and event, by row, oldest first."""
    return pd.DataFrame({
        "Row": data["lane"], "Date": data["when"], "What": data["label"], "Dated": data["precision"],
    })


def after_figure(patrols: pd.DataFrame, after_events: pd.DataFrame, missiles: pd.DataFrame, finding: dict,
                 end: str) -> Figure:
    """The three rows on one time axis, from the article's day to `end` (YYYY-MM-DD), headed by the chapter's
    `finding` (kadiz.after.near_launch)."""
    data = drawn_rows(marks(patrols, after_events, missiles, end), end)
    return Figure(desktop=_chart(data, finding, end, DESKTOP), phone=_chart(data, finding, end, PHONE),
                  table=after_table(data))

def window_table(around: pd.DataFrame, window_days: int) -> pd.DataFrame:
    """Each patrol after the article with the days to its nearest launch event (kadiz.after.launches_around) and
    whether that launch falls within `window_days`; a patrol with no launch on file either side is left out."""
    scored = around[around["days_to_nearest"].notna()]
    return pd.DataFrame({
        "Patrol": [f"no. {n}" for n in scored["number"]],
        "Date": scored["patrol"].to_numpy(),
        "Days to the nearest launch": scored["days_to_nearest"].astype(int).to_numpy(),
        "Within the window": ["yes" if d <= window_days else "no" for d in scored["days_to_nearest"]],
    })


def _window_chart(table: pd.DataFrame, finding: dict, layout: Layout) -> alt.LayerChart:
    near, n, share, window_days = finding["near"], finding["patrols"], finding["share"], finding["window_days"]
    headline_text = f"{near} of {words.counted(n, 'joint patrol')} had a launch within {window_days} days either side"
    # Drawn in a "try it" cell, without a caption: the chart names its source, last in its subtitle.
    subtitle = (f"Dashed: the window, {window_days} days. {share}% of all days had a launch that close. "
                "Source: joint patrols in data/external/joint_air_patrols.csv; the CNS missile database.")
    y = alt.Y("Patrol:N", sort=None, title=None, axis=alt.Axis(ticks=False))
    x = alt.X("Days to the nearest launch:Q", title="Days to the nearest launch event",
              axis=alt.Axis(tickMinStep=1, format="d", grid=True, gridColor=GRID_COLOUR),
              scale=alt.Scale(domainMin=0, domainMax=max(int(table["Days to the nearest launch"].max()),
                                                         window_days) + 1, nice=False))
    colour = alt.Color("Within the window:N", title="Within the window", sort=["yes", "no"],
                       scale=alt.Scale(domain=["yes", "no"], range=[GREYS[0], GREYS[2]]),
                       legend=alt.Legend(orient="top", direction="horizontal", symbolType="square"))
    bars = alt.Chart(table).mark_bar(height=14).encode(
        x=x, y=y, color=colour,
        tooltip=["Patrol:N", "Date:N", "Days to the nearest launch:Q", "Within the window:N"])
    rule = alt.Chart(pd.DataFrame({"window": [window_days]})).mark_rule(
        color=TEXT_COLOUR, strokeDash=[4, 3], strokeWidth=1.5).encode(x="window:Q")
    description = (f"Bar chart: {headline_text}. Days from each joint patrol after the article to its nearest "
                   "launch event: " + "; ".join(f"{r['Patrol']} ({r['Date']}), {r['Days to the nearest launch']} days"
                                                for _, r in table.iterrows()) + f". {share}% of all days had a "
                   f"launch within {window_days} days.")
    return alt.layer(bars, rule).properties(
        width=layout.width - 60, height=alt.Step(24),
        description=description, title=headline(headline_text, subtitle, layout))


def window_figure(around: pd.DataFrame, finding: dict) -> Figure:
    """The days from each patrol to its nearest launch, the window of `finding` (kadiz.after.near_launch) drawn
    across them: the chapter's "try it" chart, which a reader redraws with a window of their own."""
    table = window_table(around, finding["window_days"])
    return Figure(desktop=_window_chart(table, finding, DESKTOP), phone=_window_chart(table, finding, PHONE),
                  table=table)

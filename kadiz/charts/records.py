"""Charts of the chapter "What the records show": the flights and launches on record beside the article's dates
(here), the verdicts by rating (kadiz/charts/ratings.py) and the counts of missile tests under each counting rule
(kadiz/charts/counts.py), which the chapter takes from here as its one module of charts.

Colours: the timeline draws countries: China, Russia and North Korea in their colours, the joint China-Russia
patrols in the joint colour, the article's dates in grey.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from kadiz import missiles as missile_data
from kadiz import verdicts
from kadiz.charts.counts import counts_figure, counts_finding, counts_frame  # noqa: F401  (the chapter's charts)
from kadiz.charts.ratings import ratings_figure, ratings_finding, ratings_frame  # noqa: F401
from kadiz.charts.render import Figure
from kadiz.charts.theme import (DESKTOP, GREYS, GRID_COLOUR, JOINT_COLOUR, LANE_COLOURS, PHONE, TEXT_COLOUR, Layout,
                                day, days_scale, headline, text_px)
from kadiz.when import SEOUL
from kadiz.words import counted, listed

JOINT = "China and Russia"
ARTICLE = "The article"
# Countries in their colours, joint China-Russia flights in the joint colour, the article (not a country) in grey.
WHO_COLOURS = {JOINT: JOINT_COLOUR, "China": LANE_COLOURS["China"], "Russia": LANE_COLOURS["Russia"],
               "North Korea": LANE_COLOURS["North Korea"], ARTICLE: GREYS[1]}
# One lane each: the Chinese flight of 23 March and the Russian one of 24 March fall a pixel apart.
ROWS = ["The article's flight dates", "Joint patrols on record", "Chinese flights alone on record",
        "Russian flights alone on record", "North Korean launch days (CNS data)"]
ARTICLE_ROW, JOINT_ROW, LAUNCH_ROW = ROWS[0], ROWS[1], ROWS[4]
# The separate Chinese and Russian flights of March 2022 (records.csv), the only single-country flights on file, as
# KBS World reports them; the second account on file (relay-2022-03-*) has the same days, so one mark each.
SEPARATE_FLIGHTS = {"kbs-2022-03-23-chinese-aircraft": "China", "kbs-2022-03-24-russian-aircraft": "Russia"}
ADJECTIVE = {"China": "Chinese", "Russia": "Russian"}


def _naive(ts: pd.Series) -> pd.Series:
    """Seoul wall-clock time without its zone, so Vega-Lite draws the Korean date whatever the reader's zone."""
    return ts.dt.tz_convert(SEOUL).dt.tz_localize(None)


def _day(ts: pd.Timestamp) -> str:
    return f"{ts:%-d %b}"


def timeline_frame(missiles: pd.DataFrame, patrols: pd.DataFrame, records: pd.DataFrame, events: pd.DataFrame,
                   sources: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    """One row per mark: lane, who, start, end (for a vague date drawn as a band), what, detail, source (by name),
    date (in words), and the labels drawn beside the mark on a desktop (`label`) and a phone (`short`)."""
    first_ts, last_ts = pd.Timestamp(first), pd.Timestamp(last)
    rows = []
    article_launches = set(_naive(events.loc[events["category"] == "missile-launch", "start_ts"]).dt.normalize())
    window = missiles[missiles["kst_date"].between(first_ts, last_ts)]
    for e in missile_data.launch_events(window).itertuples():
        named = e.kst_date in article_launches  # the launches the article dates are labelled
        rows.append({"lane": LAUNCH_ROW, "who": "North Korea", "start": e.kst_date, "end": pd.NaT,
                     "what": counted(e.missiles, "ballistic missile"), "missiles": e.missiles,
                     "detail": e.missile_names.replace(";", ", "), "source": verdicts.SHORT_NAMES["cnsntimissiledb"],
                     "label": _day(e.kst_date) if named else "", "short": _day(e.kst_date) if named else ""})
    for p in patrols.assign(day=_naive(patrols["start_ts"])).itertuples():
        if first_ts <= p.day <= last_ts:
            rows.append({"lane": JOINT_ROW, "who": JOINT, "start": p.day, "end": pd.NaT,
                         "what": f"Joint patrol {p.number}", "missiles": None, "detail": p.description,
                         "source": verdicts.source_names(p.source_ids.split(";"), sources),
                         "label": _day(p.day), "short": _day(p.day)})
    separate = records[records["id"].isin(SEPARATE_FLIGHTS)].assign(day=lambda df: _naive(df["start_ts"]))
    for r in separate.itertuples():
        country = SEPARATE_FLIGHTS[r.id]
        rows.append({"lane": ROWS[2 if country == "China" else 3], "who": country, "start": r.day, "end": pd.NaT,
                     "what": f"{ADJECTIVE[country]} aircraft", "missiles": None, "detail": r.subject,
                     "source": verdicts.source_names(r.source_ids.split(";"), sources),
                     "label": _day(r.day), "short": _day(r.day)})
    flights = events[(events["category"] == "air-zone-entry")
                     & events["actors"].fillna("").str.contains("china-air-force|russia-air-force")]
    flights = flights.assign(day=_naive(flights["start_ts"]).dt.normalize()).drop_duplicates("day").sort_values("day")
    article = []
    for f in flights.itertuples():
        if not first_ts <= f.day <= last_ts:
            continue
        band = f.precision in ("month", "year")
        end = _naive(pd.Series([f.period_end_ts])).iloc[0] if band else pd.NaT
        label = f"{f.day:%B}" if band else _day(f.day)
        article.append({"lane": ARTICLE_ROW, "who": ARTICLE, "start": f.day, "end": end,
                        "what": "The article dates a flight", "missiles": None,
                        "detail": " ".join(str(f.passage).split()), "source": verdicts.SHORT_NAMES["salmon2022axis"],
                        "label": label, "short": f"{f.day:%b}" if band else label})
    # Flights the article dates on two days running share one label ("23–24 Mar"; "Mar" on a phone).
    for before, row in zip(article, article[1:]):
        if pd.isna(before["end"]) and pd.isna(row["end"]) and row["start"] - before["start"] == pd.Timedelta(days=1):
            before["label"] = f"{before['start']:%-d}\u2013{row['label']}"
            before["short"], row["label"], row["short"] = f"{before['start']:%b}", "", ""
    rows += article
    frame = pd.DataFrame(rows)
    dated = frame["end"].isna()
    frame["date"] = [f"{s:%-d %B %Y}" if d else f"{s:%B %Y}" for s, d in zip(frame["start"], dated)]
    return frame


def flights_finding(frame: pd.DataFrame) -> str:
    """The headline: which of the article's flight dates are days of a joint patrol on record."""
    article = frame[(frame["lane"] == ARTICLE_ROW) & frame["end"].isna()]
    joint = set(frame.loc[frame["lane"] == JOINT_ROW, "start"])
    matched = [f"{d:%-d %B %Y}" for d in article["start"] if d in joint]
    if not matched:
        return "None of the article's flight dates is a joint patrol on record"
    verb = "was" if len(matched) == 1 else "were"
    return f"Of the article's flight dates, only {listed(matched)} {verb} a joint patrol on record"


PLOT_SLACK = 10  # the facet's plot is this much narrower than the layout


def label_anchors(frame: pd.DataFrame, field: str, px_per_day: float) -> pd.Series:
    """How each mark's label is set beside its mark: "center" over it; where two labels of a lane would run into each
    other at this scale, the earlier one "right" (ending at its mark) and the later one "left" (starting at it)."""
    anchors = pd.Series("center", index=frame.index)
    labelled = frame[frame[field] != ""]
    # A label sits at its mark, a band's at the band's middle.
    ends = labelled["end"].fillna(labelled["start"])
    labelled = labelled.assign(at=labelled["start"] + (ends - labelled["start"]) / 2)
    for _, lane in labelled.groupby("lane", sort=False):
        lane = lane.sort_values("at")
        for (i, a), (j, b) in zip(lane.iterrows(), list(lane.iterrows())[1:]):
            gap = (b["at"] - a["at"]) / pd.Timedelta(days=1) * px_per_day
            if gap < (text_px(a[field]) + text_px(b[field])) / 2 + 6:
                anchors[i], anchors[j] = "right", "left"
    return anchors


def _launches_chart(frame: pd.DataFrame, first: str, last: str, layout: Layout) -> alt.FacetChart:
    # Room at each end, so that no mark or label sits on the plot's edge (a label centred on the first mark needs
    # a month); ticks on the quarters inside the range only.
    lo, hi = pd.Timestamp(first) - pd.Timedelta(days=30), pd.Timestamp(last) + pd.Timedelta(days=16)
    quarters = pd.date_range(pd.Timestamp(first), pd.Timestamp(last), freq="QS")
    ticks = [day(q) for q in quarters]
    x = alt.X("start:T", title=None, scale=days_scale(lo, hi),
              axis=alt.Axis(values=ticks, grid=True, gridColor=GRID_COLOUR, domain=False,
                            labelExpr="month(datum.value) == 0 ? timeFormat(datum.value, '%b %Y') "
                                      ": timeFormat(datum.value, '%b')"))
    colour = alt.Color("who:N", legend=None,
                       scale=alt.Scale(domain=list(WHO_COLOURS), range=list(WHO_COLOURS.values())))
    tooltip = [alt.Tooltip("what:N", title="What"), alt.Tooltip("date:N", title="Date (Korea)"),
               alt.Tooltip("detail:N", title="Detail"), alt.Tooltip("source:N", title="Source")]
    mark_y, label_y = alt.value(26), alt.value(8)
    width = layout.width - PLOT_SLACK
    field = "short" if layout.phone else "label"
    frame = frame.assign(anchor=label_anchors(frame, field, width / (hi - lo).days))
    base = alt.Chart()
    band = base.transform_filter("isValid(datum.end)").mark_rect(opacity=0.45, height=12).encode(
        x=x, x2="end:T", y=mark_y, color=colour, tooltip=tooltip)
    fixed = base.transform_filter("!isValid(datum.end) && !isValid(datum.missiles)").mark_circle(
        size=90, opacity=1).encode(x=x, y=mark_y, color=colour, tooltip=tooltip)
    launches = base.transform_filter("isValid(datum.missiles)").mark_circle(opacity=0.75).encode(
        x=x, y=mark_y, color=colour, tooltip=tooltip,
        size=alt.Size("missiles:Q", title="Missiles fired that day", scale=alt.Scale(range=[30, 260], zero=False),
                      legend=alt.Legend(orient="bottom", values=[1, 3, 8], symbolFillColor=LANE_COLOURS["North Korea"],
                                        symbolStrokeColor=LANE_COLOURS["North Korea"], symbolStrokeWidth=0,
                                        symbolOpacity=0.75)))
    # A band's label sits at its middle, where the eye finds the band. Labels are names, as axis labels are: no
    # tooltip of their own.
    labels = []
    for anchor, dx in (("center", 0), ("right", 4), ("left", -4)):
        if not ((frame[field] != "") & (frame["anchor"] == anchor)).any():
            continue  # an empty layer has no extent to draw, and Vega warns of an infinite one
        labels.append(base.transform_filter(f"datum.{field} != '' && datum.anchor == '{anchor}'").transform_calculate(
            mid="isValid(datum.end) ? (time(toDate(datum.start)) + time(toDate(datum.end))) / 2 "
                ": time(toDate(datum.start))").mark_text(baseline="middle", align=anchor, dx=dx).encode(
            x=alt.X("mid:T", scale=days_scale(lo, hi)), y=label_y, text=f"{field}:N", color=alt.value(TEXT_COLOUR)))
    return alt.layer(band, fixed, launches, *labels, data=frame).properties(width=width, height=36).facet(
        row=alt.Row("lane:N", title=None, sort=ROWS,
                    header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top",
                                      labelFontSize=12, labelFontWeight="bold", labelPadding=2)),
        spacing=6,
    ).resolve_axis(x="shared")


def launches_figure(frame: pd.DataFrame, first: str, last: str) -> Figure:
    """The article's flight dates, the flights on record and North Korea's launch days, one lane each, time left to
    right (fig-records-launches); on a phone the same with shorter labels."""
    finding = flights_finding(frame)
    span = f"{pd.Timestamp(first):%B %Y} to {pd.Timestamp(last):%B %Y}"
    counts = frame["lane"].value_counts()
    description = (
        f"Timeline: {finding}. From {span}, in five lanes: the Chinese and Russian flights the article dates "
        f"({listed([x for x in frame.loc[frame['lane'] == ARTICLE_ROW, 'date']])}), the China-Russia joint air "
        f"patrols on record ({listed(list(frame.loc[frame['lane'] == JOINT_ROW, 'date']))}), the separate Chinese "
        f"and Russian flights of March 2022 on record, and {counts.get(LAUNCH_ROW, 0)} North Korean ballistic "
        "launch days in the CNS data, each sized by its number of missiles.")
    subtitle = (f"The Chinese and Russian flights the article dates, the flights on record and North Korea's "
                f"launch days, {span} (Korean dates)")

    def chart(layout: Layout):
        return _launches_chart(frame, first, last, layout).properties(
            title=headline(finding, subtitle, layout), description=description)

    table = frame.assign(missiles=frame["missiles"].map(lambda n: "" if pd.isna(n) else str(int(n))))
    table = table.rename(columns={"lane": "Lane", "date": "Date (Korea)", "what": "What", "missiles": "Missiles",
                                  "detail": "Detail", "source": "Source"})
    table = table[["Lane", "Date (Korea)", "What", "Missiles", "Detail", "Source"]]
    table = table.assign(_lane=table["Lane"].map(ROWS.index), _start=frame["start"]).sort_values(
        ["_lane", "_start"], kind="stable").drop(columns=["_lane", "_start"])
    return Figure(desktop=chart(DESKTOP), phone=chart(PHONE), table=table)

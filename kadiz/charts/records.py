"""Charts of the chapter "What the records show": the flights and launches on record beside the article's dates, and
the counts of missile tests under each counting rule."""

from __future__ import annotations

import altair as alt
import pandas as pd

from kadiz import missiles as missile_data
from kadiz.charts.theme import LANE_COLOURS, WIDTH
from kadiz.counts import RULES
from kadiz.when import SEOUL

JOINT = "China and Russia"
ARTICLE = "The article"
# The report's lane colours, plus one for joint flights (Okabe-Ito reddish purple) and a grey for the article.
WHO_COLOURS = {JOINT: "#CC79A7", "China": LANE_COLOURS["China"], "Russia": LANE_COLOURS["Russia"],
               "North Korea": LANE_COLOURS["North Korea"], ARTICLE: "#888888"}
# The Chinese flight of 23 March and the Russian one of 24 March fall a pixel apart: one lane each.
ROWS = ["The article's dates", "Joint patrols", "Chinese flights alone", "Russian flights alone",
         "Launch events (CNS)"]
SHAPES = ["circle", "diamond", "triangle-up", "triangle-up", "circle"]
# The separate Chinese and Russian flights of March 2022 (records.csv), the only single-country flights on file, as
# KBS World reports them; the second account on file (relay-2022-03-*) has the same days, so one mark each.
SEPARATE_FLIGHTS = {"kbs-2022-03-23-chinese-aircraft": "China", "kbs-2022-03-24-russian-aircraft": "Russia"}
ADJECTIVE = {"China": "Chinese", "Russia": "Russian"}


def _naive(ts: pd.Series) -> pd.Series:
    """Seoul wall-clock time without its zone, so Vega-Lite draws the Korean date whatever the reader's zone."""
    return ts.dt.tz_convert(SEOUL).dt.tz_localize(None)


def timeline_frame(missiles: pd.DataFrame, patrols: pd.DataFrame, records: pd.DataFrame, events: pd.DataFrame,
                   first: str, last: str) -> pd.DataFrame:
    """One row per mark: lane, who, start, end (for a vague date drawn as a band), what, detail, source."""
    first_ts, last_ts = pd.Timestamp(first), pd.Timestamp(last)
    rows = []
    window = missiles[missiles["kst_date"].between(first_ts, last_ts)]
    for e in missile_data.launch_events(window).itertuples():
        rows.append({"lane": ROWS[4], "who": "North Korea", "start": e.kst_date, "end": pd.NaT,
                     "what": f"{e.missiles} missile{'s' if e.missiles > 1 else ''}", "missiles": e.missiles,
                     "detail": e.missile_names.replace(";", ", "), "source": "CNS database"})
    for p in patrols.assign(day=_naive(patrols["start_ts"])).itertuples():
        if first_ts <= p.day <= last_ts:
            rows.append({"lane": ROWS[1], "who": JOINT, "start": p.day, "end": pd.NaT,
                         "what": f"Joint patrol {p.number}", "missiles": None, "detail": p.description,
                         "source": p.source_ids.replace(";", ", ")})
    for r in records[records["id"].isin(SEPARATE_FLIGHTS)].assign(day=lambda df: _naive(df["start_ts"])).itertuples():
        rows.append({"lane": ROWS[2 if SEPARATE_FLIGHTS[r.id] == "China" else 3], "who": SEPARATE_FLIGHTS[r.id], "start": r.day, "end": pd.NaT,
                     "what": f"{ADJECTIVE[SEPARATE_FLIGHTS[r.id]]} aircraft", "missiles": None, "detail": r.subject,
                     "source": r.source_ids})
    flights = events[(events["category"] == "air-zone-entry")
                     & events["actors"].fillna("").str.contains("china-air-force|russia-air-force")]
    flights = flights.assign(day=_naive(flights["start_ts"]).dt.normalize()).drop_duplicates("day")
    for f in flights.itertuples():
        if not first_ts <= f.day <= last_ts:
            continue
        band = f.precision in ("month", "year")
        rows.append({"lane": ROWS[0], "who": ARTICLE, "start": f.day,
                     "end": _naive(pd.Series([f.period_end_ts])).iloc[0] if band else pd.NaT,
                     "what": f"The article: {f.start[:10]}", "missiles": None, "detail": f.passage,
                     "source": "Asia Times, 25 May 2022"})
    return pd.DataFrame(rows)


def launches_and_flights(frame: pd.DataFrame, first: str, last: str) -> alt.LayerChart:
    """Lanes over time: the flights the article dates, the joint patrols and separate flights on record, and the
    launch events of the CNS data (circle area = missiles)."""
    domain = [pd.Timestamp(first).isoformat(), (pd.Timestamp(last) + pd.Timedelta(days=1)).isoformat()]
    # Ticks on the quarters inside the range, none on its end, where a label would run into its neighbour.
    quarters = pd.date_range(first, last, freq="QS")
    ticks = [alt.DateTime(year=q.year, month=q.month, date=1) for q in quarters]
    x = alt.X("start:T", title=None, scale=alt.Scale(domain=domain), axis=alt.Axis(format="%b %Y", values=ticks))
    y = alt.Y("lane:N", title=None, sort=ROWS, axis=alt.Axis(labelLimit=150))
    colour = alt.Color("who:N", title="Who flew or fired",
                       scale=alt.Scale(domain=list(WHO_COLOURS), range=list(WHO_COLOURS.values())),
                       legend=alt.Legend(orient="bottom", columns=3, symbolOpacity=1))
    tooltip = [alt.Tooltip("what:N", title="What"), alt.Tooltip("start:T", title="Date (KST)", format="%d %b %Y"),
               alt.Tooltip("detail:N", title="Detail"), alt.Tooltip("source:N", title="Source")]
    base = alt.Chart(frame)
    band = base.transform_filter("isValid(datum.end)").mark_rect(opacity=0.35, height=14).encode(
        x=x, x2="end:T", y=y, color=colour, tooltip=tooltip)
    points = base.transform_filter("!isValid(datum.end)").mark_point(filled=True, opacity=0.85).encode(
        x=x, y=y, color=colour, tooltip=tooltip,
        size=alt.Size("missiles:Q", title="Missiles", scale=alt.Scale(range=[40, 220], zero=False),
                      legend=alt.Legend(orient="bottom", values=[1, 3, 8], symbolOpacity=1)),
    )
    # Marks without a missile count keep a fixed size: Vega-Lite would otherwise drop them for a null size.
    fixed = base.transform_filter("!isValid(datum.end) && !isValid(datum.missiles)").mark_point(
        filled=True, size=110, opacity=0.9).encode(
        x=x, y=y, color=colour, tooltip=tooltip,
        shape=alt.Shape("lane:N", sort=ROWS, legend=None,
                        scale=alt.Scale(domain=ROWS, range=SHAPES)))
    points = points.transform_filter("isValid(datum.missiles)")
    return alt.layer(band, fixed, points).properties(
        width=WIDTH - 140, height=200,
        description=("Timeline from " + pd.Timestamp(first).strftime("%B %Y") + " to "
                     + pd.Timestamp(last).strftime("%B %Y") + " in five lanes: the Chinese and Russian flights "
                     "the article dates, the China-Russia joint air patrols on record, the separate Chinese and "
                     "Russian flights of March 2022 on record (one lane each), and North Korea's ballistic launch events in the "
                     "CNS data, sized by the number of missiles."),
    )


RULE_NAMES = {"ballistic-missiles": "Ballistic missiles", "ballistic-launch-events": "Ballistic launch events",
         "launch-events-with-cruise": "Launch events with cruise missiles"}
KIND_COLOURS = {"computed": "#0072B2", "on record": "#009E73", "article": "#888888"}


def counts_frame(rule_table: pd.DataFrame) -> pd.DataFrame:
    """rule_table (kadiz.counts) with a short label per count for the axis."""
    short = {RULES[k]: v for k, v in RULE_NAMES.items()}
    labels = [short.get(c, "JCS: shows of force" if "JCS" in c else ("Article" if k == "article" else c))
              for c, k in zip(rule_table["count"], rule_table["kind"])]
    return rule_table.assign(label=labels)


def counting_rules(frame: pd.DataFrame) -> alt.FacetChart:
    """One bar per count, in one panel per period: the counts under each rule, on record, and the article's."""
    order = [*RULE_NAMES.values(), "JCS: shows of force", "Article"]
    bars = alt.Chart().mark_bar().encode(
        x=alt.X("value:Q", title="Number of tests"),
        y=alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=220)),
        color=alt.Color("kind:N", title="Count", scale=alt.Scale(domain=list(KIND_COLOURS),
                                                                  range=list(KIND_COLOURS.values())),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("period:N", title="Period"), alt.Tooltip("count:N", title="What is counted"),
                 alt.Tooltip("value:Q", title="Count"), alt.Tooltip("source_ids:N", title="Sources")],
    )
    labels = bars.mark_text(align="left", dx=3, color="#222").encode(text="value:Q", color=alt.value("#222"))
    return alt.layer(bars, labels, data=frame).properties(width=WIDTH - 220, height=alt.Step(18)).facet(
        row=alt.Row("period:N", title=None, sort=list(dict.fromkeys(frame["period"])),
                    header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top",
                                      labelFontSize=12, labelFontWeight="bold")),
    ).resolve_scale(y="independent").properties(
        description=("Bar chart of the number of North Korean missile tests under each counting rule, for 1 January "
                     "to 25 May 2022 and for January 2022: ballistic missiles, ballistic launch events and launch "
                     "events with cruise missiles (computed), the JCS count on record, and the article's count."),
    )

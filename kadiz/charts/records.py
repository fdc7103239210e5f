"""Charts of the chapter "What the records show": the verdicts by rating, the flights and launches on record beside
the article's dates, and the counts of missile tests under each counting rule.

Colours: the verdicts by rating in the rating groups' colours (kadiz/charts/palette.py), the accent for the claims
that fall short of the records; the counts are neither countries nor verdicts, so they are grey, the article's
darkest. The timeline draws countries: China, Russia and North Korea in their colours,
the joint China-Russia patrols in the joint colour, the article's dates in grey.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from kadiz import tables
from kadiz import missiles as missile_data
from kadiz import verdicts
from kadiz.charts.render import Figure
from kadiz.charts.theme import (DESKTOP, GREYS, GRID_COLOUR, JOINT_COLOUR, LANE_COLOURS, LEGEND_GAP, PHONE,
                                RATING_COLOURS, TEXT_COLOUR, Layout, headline, text_px, wrap_px)
from kadiz.counts import RULES
from kadiz.when import SEOUL
from kadiz.words import counted, listed

# ------------------------------------------------------------------------------------- the verdicts by rating

# The rubric's three groups of ratings (kadiz.verdicts.RATING_GROUPS) in their colours, the same as the verdict boxes
# of the records page: the claims that fall short of the records in the accent.
GROUP_COLOURS = {group: RATING_COLOURS[group] for group in verdicts.RATING_GROUPS}
RATING_AXIS_SPACE = 170  # room for the ratings left of the bars, the longest on two lines
def ratings_frame(rated: pd.DataFrame) -> pd.DataFrame:
    """One row per rating of the rubric, in its order: its words, its group, and how many verdicts have it at each
    confidence (kadiz.verdicts.rating_table)."""
    table = verdicts.rating_table(rated)
    group_of = {r: g for g, ratings in verdicts.RATING_GROUPS.items() for r in ratings}
    return table.assign(group=[group_of[r] for r in verdicts.RATINGS])


def ratings_finding(frame: pd.DataFrame) -> str:
    """The headline: how many claims the records agree with, how many fall short, how many cannot be settled."""
    n = int(frame["Verdicts"].sum())
    agree, short, open_ = (int(frame.loc[frame["group"] == g, "Verdicts"].sum()) for g in verdicts.RATING_GROUPS)
    return (f"The records agree with {agree} of the {n} claims checked; {short} "
            f"{'falls' if short == 1 else 'fall'} short, {open_} cannot be settled")


def _bar_colour(field: str, colours: dict[str, str], layout: Layout, phone_columns: int) -> alt.Color:
    """Bars coloured by `field` in the given colours, with a legend of squares above the chart."""
    return alt.Color(f"{field}:N", title=None, sort=list(colours),
                     scale=alt.Scale(domain=list(colours), range=list(colours.values())),
                     legend=alt.Legend(orient="top", direction="horizontal", symbolType="square", symbolSize=150,
                                       columns=phone_columns if layout.phone else 3, labelLimit=layout.width,
                                       columnPadding=LEGEND_GAP))


def _ratings_chart(frame: pd.DataFrame, layout: Layout) -> alt.LayerChart:
    order = list(frame["Rating"])
    summary = "; ".join(f"{r}: {n}" for r, n in zip(frame["Rating"], frame["Verdicts"]))
    colour = _bar_colour("group", GROUP_COLOURS, layout, phone_columns=1)
    tooltip = [alt.Tooltip("Rating:N", title="Rating"), alt.Tooltip("Verdicts:Q", title="Verdicts"),
               *(alt.Tooltip(f"{c} confidence:Q", title=f"{c} confidence") for c in ("High", "Medium", "Low"))]
    top = int(frame["Verdicts"].max())
    end = top + max(2, top // 8)
    x = alt.X("Verdicts:Q", title="Verdicts", scale=alt.Scale(domain=[0, end], nice=False),
              axis=alt.Axis(values=list(range(0, end + 1, 5 if layout.phone else 2)), format="d", grid=True,
                            gridColor=GRID_COLOUR))
    if layout.phone:
        # Rating above its bar: the longest rating would leave the bars no room beside it.
        y = alt.Y("Rating:N", sort=order, title=None, axis=None, scale=alt.Scale(paddingInner=0, paddingOuter=0))
        bars = alt.Chart(frame).mark_bar(height=14, yOffset=8).encode(x=x, y=y, color=colour, tooltip=tooltip)
        names = alt.Chart(frame).mark_text(align="left", baseline="top", dy=4).encode(
            x=alt.value(0), y=alt.Y("Rating:N", sort=order, axis=None, bandPosition=0), text="Rating:N")
        values = bars.mark_text(align="left", dx=4, yOffset=8).encode(text="Verdicts:Q", color=alt.value(TEXT_COLOUR))
        layers, width, step = [bars, names, values], layout.width - 12, 40
    else:
        # A long rating on two lines ("|" separates the lines of an axis label).
        frame = frame.assign(lines=["|".join(wrap_px(r, RATING_AXIS_SPACE - 12)) for r in frame["Rating"]])
        y = alt.Y("lines:N", sort=list(frame["lines"]), title=None,
                  axis=alt.Axis(labelLimit=RATING_AXIS_SPACE - 10, ticks=False, domain=False,
                                labelExpr="split(datum.label, '|')"))
        bars = alt.Chart(frame).mark_bar(height=18).encode(x=x, y=y, color=colour, tooltip=tooltip)
        values = bars.mark_text(align="left", dx=4).encode(text="Verdicts:Q", color=alt.value(TEXT_COLOUR))
        layers, width, step = [bars, values], layout.width - RATING_AXIS_SPACE, 36
    finding = ratings_finding(frame)
    return alt.layer(*layers).properties(
        width=width, height=alt.Step(step),
        title=headline(finding, "Verdicts on the article's checkable claims, by rating, in the order of the "
                                "report's rubric", layout),
        description=f"Bar chart: {finding}. Verdicts by rating, in the rubric's order: {summary}.",
    )


def ratings_figure(rated: pd.DataFrame) -> Figure:
    """The verdicts counted by rating (fig-records-ratings); its table gives the counts at each confidence."""
    frame = ratings_frame(rated)
    table = frame.rename(columns={"group": "Verdict group"})
    table = table[["Rating", "Verdict group", "Verdicts", "High confidence", "Medium confidence", "Low confidence"]]
    return Figure(desktop=_ratings_chart(frame, DESKTOP), phone=_ratings_chart(frame, PHONE), table=table,
                  table_kind=tables.GRID)


# ------------------------------------------------------------------------- the flights and the launches

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
    domain = [lo.isoformat(), hi.isoformat()]
    quarters = pd.date_range(pd.Timestamp(first), pd.Timestamp(last), freq="QS")
    ticks = [alt.DateTime(year=q.year, month=q.month, date=1) for q in quarters]
    x = alt.X("start:T", title=None, scale=alt.Scale(domain=domain),
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
        labels.append(base.transform_filter(f"datum.{field} != '' && datum.anchor == '{anchor}'").transform_calculate(
            mid="isValid(datum.end) ? (time(toDate(datum.start)) + time(toDate(datum.end))) / 2 "
                ": time(toDate(datum.start))").mark_text(baseline="middle", align=anchor, dx=dx).encode(
            x=alt.X("mid:T", scale=alt.Scale(domain=domain)), y=label_y, text=f"{field}:N", color=alt.value(TEXT_COLOUR)))
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


# ------------------------------------------------------------------------------ the counts of missile tests

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
    colour = _bar_colour("kind_words", KIND_COLOURS, layout, phone_columns=2)
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

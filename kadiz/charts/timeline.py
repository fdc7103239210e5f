"""The timeline chapter's charts: every dated event of the article by actor group (the overview), and the flights
and launches of 24-25 May 2022 by the minute.

A date is drawn as exactly as the article gives it (kadiz.when.drawn_as_band): a row dated to the year, month or
day is a band over the whole period (the event happened some time in it); only rows dated to a time of day are
points or intervals.

Both charts are laid out in pixels (kadiz.charts.canvas): each label is placed where it fits and collides with
nothing, the time axis is broken (the years before November 2021; the night between 24 and 25 May) and says so,
and a phone gets its own arrangement. Times are Korean wall-clock times, laid out from the data's own Korean
timestamps, so every reader sees 07:56 whatever the time zone of their browser. The overview is here (its names
placed by kadiz/charts/notes.py), the minutes of 24-25 May in kadiz/charts/may_days.py.
"""

from __future__ import annotations

import pandas as pd

from kadiz import timeline, words
from kadiz.charts.canvas import Canvas, Span
from kadiz.charts.notes import place_notes
from kadiz.charts.render import Figure
from kadiz.charts.theme import (
    DESKTOP, GREYS, LANE_COLOURS, LINE, PANEL_COLOUR, PAPER_COLOUR, PHONE, TEXT_COLOUR, Layout, headline, text_px,
    with_passage_fields,
)
from kadiz.when import drawn_as_band, precision_text


def wall_clock(ts: pd.Series) -> pd.Series:
    """Korean wall-clock time as an ISO string marked UTC ("2022-05-24T07:56:00Z"), for UTC scales."""
    return ts.dt.tz_localize(None).dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def pack_slots(df: pd.DataFrame, start: str, end: str, min_span) -> pd.Series:
    """Row within its lane for each mark, so that marks of a lane never overlap (a hover finds each one).

    A mark is taken to occupy at least `min_span`, so that points and narrow bands on nearby dates, which would
    sit on top of one another at the chart's scale, get rows of their own.
    """
    slots = pd.Series(0, index=df.index)
    for _, lane in df.groupby("lane", sort=False):
        ends: list = []
        order = lane.assign(_span=lane[end] - lane[start]).sort_values([start, "_span"], ascending=[True, False])
        for index, row in order.iterrows():
            footprint = max(row[end], row[start] + min_span)
            free = next((i for i, last in enumerate(ends) if last <= row[start]), None)
            if free is None:
                ends.append(footprint)
                free = len(ends) - 1
            else:
                ends[free] = footprint
            slots[index] = free
    return slots


# ------------------------------------------------------------------ the overview


def overview_marks(events: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """One mark per event and actor group: a band over its stated period, or a point for a time of day."""
    rows = timeline.one_row_per_group(events, actors)
    bands = rows["precision"].map(drawn_as_band).astype(bool)
    marks = pd.DataFrame({
        "event_id": rows["id"],
        "label": rows["label"],
        "lane": rows["lane"],
        "category": rows["category"],
        "episode": rows["episode"],
        "when": [timeline.dated_text(r) for _, r in rows.iterrows()],
        "precision": [precision_text(r["precision"], bool(r["approximate"])) for _, r in rows.iterrows()],
        "drawn_as": bands.map({True: "band", False: "point"}),
        "start_ts": rows["start_ts"],
        "end_ts": rows["period_end_ts"].where(bands, rows["start_ts"]),
        "passage": rows["passage"],
    })
    marks["x_start"], marks["x_end"] = wall_clock(marks["start_ts"]), wall_clock(marks["end_ts"])
    return with_passage_fields(marks)


# The overview's recent panel: from this month on, to the end of the article's last day, padded.
RECENT_FROM = "2021-11-01"


def episode_summary(events: pd.DataFrame, assets: pd.DataFrame, episode: str) -> dict:
    """An episode's days and, in a few words, what happened: the flights and what North Korea fired."""
    rows = timeline.episode_rows(events, episode)
    flights = rows[rows["category"] == "air-zone-entry"]
    launches = rows[rows["category"] == "missile-launch"]
    first, last = rows["start_ts"].min(), rows["start_ts"].max()
    n_missiles = sum(timeline.missiles_fired(assets, e) for e in launches["id"])
    fired = " and ".join(words.a_or_count(timeline.assets_in_words(assets, e).split(" incl. ")[0])
                         for e in launches["id"])
    gap_days = (launches["start_ts"].min().normalize() - flights["start_ts"].max().normalize()).days
    days = f"{first:%-d}\u2013{last:%-d %B}" if first.normalize() != last.normalize() else f"{first:%-d %B}"
    return {"episode": episode, "start": first.normalize(), "end": last.normalize() + pd.Timedelta(days=1),
            "days": days, "short_days": days.replace(f"{last:%B}", f"{last:%b}"),
            "fired": fired, "n_missiles": n_missiles, "gap_days": gap_days}


def _overview_labels(events: pd.DataFrame, assets: pd.DataFrame, phone: bool) -> list[dict]:
    """The events the overview names: the episodes (flights, then launches) and the war and diplomacy of the
    month before each; shorter words on a phone."""
    labels = []
    for episode in ("march-2022", "may-2022"):
        summary = episode_summary(events, assets, episode)
        text = summary["short_days"] if phone else summary["days"]
        labels.append({"kind": "episode", "text": text, "start": summary["start"], "end": summary["end"],
                       "summary": summary})
        context = timeline.context_events(events, episode)
        # The war and diplomacy that came before the episode (not what went on around it).
        before = context["category"].isin(["war", "announcement"]) & (context["period_end_ts"] <= summary["start"])
        for _, row in context[before].iterrows():
            period = row["start_ts"].strftime("%b" if row["precision"] == "month" else "%-d %b")
            labels.append({"kind": "context", "text": row["label"] if phone else f"{row['label']}, {period}",
                           "start": row["start_ts"],
                           "end": row["period_end_ts"], "event_id": row["id"]})
    unique = {label["text"]: label for label in labels}
    return sorted(unique.values(), key=lambda label: label["start"])


def _overview_chart(events: pd.DataFrame, actors: pd.DataFrame, assets: pd.DataFrame, layout: Layout):
    marks = overview_marks(events, actors)
    lanes = timeline.ACTOR_GROUPS
    width = layout.width
    canvas = Canvas(width)
    phone = layout.phone
    # Lane names: left of the lanes on a desktop, above each lane on a phone (the plot keeps the whole width).
    lane_left = 0 if phone else 96
    old_width = 76 if phone else 104
    break_gap = 16
    recent_from = pd.Timestamp(RECENT_FROM, tz=events["start_ts"].dt.tz)
    last_day = events["period_end_ts"][events["episode"].notna()].max()
    oldest = events["start_ts"].min()
    old = Span(pd.Timestamp(f"{oldest:%Y}-01-01", tz=oldest.tz), pd.Timestamp(f"{recent_from.year - 1}-01-01",
                                                                            tz=oldest.tz),
                lane_left, lane_left + old_width)
    # Padded at the right: the marks of the article's last day sit clear of the edge.
    recent = Span(recent_from, last_day + pd.Timedelta(days=18), old.right + break_gap, width - 2)

    def x_of(ts):
        return recent.x(ts) if ts >= recent.start else old.x(ts)

    marks["x0"] = [x_of(t) for t in marks["start_ts"]]
    marks["x1"] = [max(x_of(e), x_of(s) + 3) for s, e in zip(marks["start_ts"], marks["end_ts"])]
    # Rows within a lane keep marks at least 6 px apart, so that each can be found by hovering.
    marks["slot"] = pack_slots(marks, "x0", "x1", 6)

    # -- the annotations above the lanes: names of the episodes and of the war and diplomacy before them
    placed = place_notes(_overview_labels(events, assets, phone), x_of, lane_left, width)
    rows_used = max((p["row"] for p in placed), default=-1) + 1
    top = 4 + rows_used * LINE + 6

    # -- lanes
    slot_h, bar_h = 10, 7
    header = LINE + 2 if phone else 0
    lane_top = {}
    y = top
    for lane in lanes:
        n = int(marks.loc[marks["lane"] == lane, "slot"].max()) + 1 if (marks["lane"] == lane).any() else 1
        lane_top[lane] = y
        y += header + max(n * slot_h, LINE + 3 if not phone else slot_h) + 10
    lanes_bottom = y - 6

    # the two parts of the time axis: a light panel behind each, the break between them left blank
    for span in (old, recent):
        canvas.rect(span.left, span.right, top - 2, lanes_bottom, PANEL_COLOUR)
    for p in placed:
        if p["kind"] == "episode":  # the episode's days, shaded through every lane
            canvas.rect(p["x0"] - 1, p["x1"] + 1, top - 2, lanes_bottom, GREYS[3], opacity=0.6)
    for lane in lanes:
        if phone:
            canvas.text(lane_left, lane_top[lane] + LINE / 2 - 1, lane, bold=True)
        else:
            n_rows = int(marks.loc[marks["lane"] == lane, "slot"].max()) + 1
            canvas.text(lane_left - 8, lane_top[lane] + max(n_rows * slot_h, LINE) / 2, lane, align="right")
    # One tooltip per event, whichever of its lanes is hovered.
    who = marks.groupby("event_id", sort=False)["lane"].agg(", ".join)
    for _, m in marks.iterrows():
        y0 = lane_top[m["lane"]] + header + m["slot"] * slot_h
        data = {"what": m["label"], "who": who[m["event_id"]], "when": m["when"], "dated": m["precision"],
                "passage": m["passage"]}
        colour = LANE_COLOURS[m["lane"]]
        if m["drawn_as"] == "band":
            canvas.rect(m["x0"], m["x1"], y0, y0 + bar_h, colour, opacity=0.55, stroke=colour, **data)
        else:
            canvas.point(m["x0"], y0 + bar_h / 2, "diamond", colour, size=50, **data)

    # leader lines and the names
    for p in placed:
        y_text = top - 6 - (p["row"] + 1) * LINE + LINE / 2 + 2
        bold = p["kind"] == "episode"
        canvas.rule(p["anchor"], y_text + 6, y2=top - 2, colour=GREYS[1])
        canvas.text(p["left"], y_text, p["text"], bold=bold, colour=TEXT_COLOUR if bold else GREYS[0])

    # the time axis: years in the compressed part, months in the recent one
    axis_y = lanes_bottom + 12
    canvas.text(old.left, axis_y, f"{old.start:%Y}")
    canvas.text(old.right, axis_y, f"{old.end.year - 1}", align="right")
    month = recent.start
    while month < recent.end:
        x = recent.x(month)
        canvas.rule(x, top - 2, y2=lanes_bottom, colour=PAPER_COLOUR, width=1.5)
        name = f"{month:%b}" if month.month != 1 else f"{month:%b %Y}"
        if phone and month.month not in (1, 3, 5, 11):
            name = ""
        if name and x + text_px(name) / 2 <= width:
            canvas.text(x, axis_y, name, align="center" if x - text_px(name) / 2 >= recent.left - 4 else "left")
        month = month + pd.offsets.MonthBegin(1)

    # -- headline: how many times flights and a launch came within a day of each other
    summaries = [episode_summary(events, assets, e) for e in ("march-2022", "may-2022")]
    close = [s for s in summaries if s["gap_days"] <= 1]
    recent_events = int((events["start_ts"] >= recent_from).sum())
    squeezed = f"{old.start.year}\u2013{old.end.year - 1}"
    years = sorted({s["start"].year for s in close})
    subtitle = (
        f"{len(events)} dated events by actor group; {squeezed} squeezed at left. Bands: dated to a year, month "
        "or day; diamonds: to the minute." if phone else
        f"All {len(events)} events the article dates, by actor group, {recent_events} of them from "
        f"{recent_from:%B %Y} on; {squeezed} are squeezed in at the left. Bands: dated to a year, month or day; "
        "diamonds: timed to the minute.")
    title = headline(
        f"{words.number_of_times(len(close))} in {words.listed([str(y) for y in years])}, North Korea fired "
        "missiles within a day of Chinese and Russian flights", subtitle, layout)
    description = (
        f"Timeline of the {len(events)} events the Asia Times article of 25 May 2022 dates, in four lanes: China, "
        f"Russia, North Korea, and the US and its allies. {recent_events} of them fall between "
        f"{recent_from:%B %Y} and May 2022; the years {squeezed} are squeezed into a narrow strip at the left. "
        + " ".join(f"On {s['days']} Chinese and Russian flights through the KADIZ were followed by North Korea "
                   f"firing {s['fired']}, {words.days_later(s['gap_days'])}." for s in summaries)
        + " Events dated only to a year, month or day are bands over that period; events timed to the minute are "
        "diamonds."
    )
    return canvas.titled(title, description)


def overview_table(events: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """The overview's data in reader words, in date order."""
    ordered = events.sort_values(["start_ts", "period_end_ts"], kind="stable")
    return pd.DataFrame({
        "Date (Korean time)": [timeline.dated_text(r) for _, r in ordered.iterrows()],
        "Event": ordered["label"].to_numpy(),
        "Actor groups": [", ".join(timeline.actor_groups(a, actors)) for a in ordered["actors"]],
        "Dated to the": [precision_text(p, bool(a)).removeprefix("to the ") for p, a in
                         zip(ordered["precision"], ordered["approximate"])],
        "Drawn as": ["band over the period" if drawn_as_band(p) else "diamond" for p in ordered["precision"]],
    })


def overview_figure(events: pd.DataFrame, actors: pd.DataFrame, assets: pd.DataFrame) -> Figure:
    """Fig. 2.1: every event by actor group, November 2021 to May 2022 in full, the years before squeezed."""
    return Figure(desktop=_overview_chart(events, actors, assets, DESKTOP),
                  phone=_overview_chart(events, actors, assets, PHONE),
                  table=overview_table(events, actors))

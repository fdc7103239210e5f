"""The timeline chapter's Fig. 2.2: the flights and launches of 24-25 May 2022 by the minute.

Two windows of Korean time (the morning of the flights, the morning of the launches) on one scale, with the
night between them broken out and bridged by the gap's length; on a phone the windows are stacked and time runs
down. Laid out in pixels (kadiz.charts.canvas); events dated only to the day are listed under their day. What it
shows is worked out from the data in kadiz/charts/may_story.py.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from kadiz import words
from kadiz.charts.canvas import Canvas, Span
from kadiz.charts.may_story import MayStory, may_story, may_table
from kadiz.charts.render import Figure
from kadiz.charts.theme import (
    DESKTOP, GREYS, GUIDE_COLOUR, LINE, PANEL_COLOUR, PAPER_COLOUR, PHONE, TEXT_COLOUR, Layout, headline, text_px,
)


def _tip(m) -> dict:
    return {"what": m["name"], "who": m["who"], "when": m["when"],
            "length": m.get("length", ""), "dated": m["precision"], "passage": m["passage"]}


def _clock_ticks(start: pd.Timestamp, end: pd.Timestamp, every: int, margin: pd.Timedelta) -> list[pd.Timestamp]:
    ticks = pd.date_range(start.ceil(f"{every}min"), end, freq=f"{every}min")
    return [t for t in ticks if start + margin <= t <= end - margin]


def _day_header(day: pd.Timestamp) -> str:
    return f"{day:%A %-d %B}"


def _day_strip(canvas: Canvas, story: MayStory, day: pd.Timestamp, left: float, right: float, y: float) -> float:
    """The events of `day` dated only to the day, as a thin strip of names with a pale band swatch each, flowing
    from `left` to `right` from line `y`; returns the next free line."""
    rows = story.day_only[story.day_only["day"] == day]
    if rows.empty:
        return y
    header = f"Also on {day:%-d %B}, no time given:"
    widest = max([text_px(header)] + [14 + text_px(n) for n in rows["name"]])
    left = max(0, min(left, right - widest))
    canvas.text(left, y, header, colour=GREYS[1])
    y += LINE + 2
    x = left
    for _, m in rows.iterrows():
        w = 14 + text_px(m["name"])
        if x > left and x + w > right:
            x, y = left, y + LINE + 2
        canvas.rect(x, x + 9, y - 4, y + 4, GREYS[3], opacity=0.7, stroke=GREYS[2], **_tip(m))
        canvas.text(x + 14, y, m["name"], colour=GREYS[0], **_tip(m))
        x += w + 16
    return y + LINE + 2


def _may_desktop(story: MayStory, layout: Layout) -> Canvas:
    """The two windows side by side on one time scale, the night between them cut out and bridged by the
    bracket of the gap; each flight or launch on its own row, the first of a new day level with the last of
    the day before (the bracket runs straight from one to the other)."""
    width, break_gap = layout.width, 90
    minutes = [(e - s).total_seconds() / 60 for s, e in story.windows]
    per_minute = (width - 2 - break_gap * (len(minutes) - 1)) / sum(minutes)
    lefts = [sum(minutes[:i]) * per_minute + i * break_gap for i in range(len(minutes))]
    spans = [Span(s, e, left, left + n * per_minute) for (s, e), left, n in zip(story.windows, lefts, minutes)]
    canvas = Canvas(width)
    rows, row = [], -1
    for i, m in story.timed.iterrows():
        row = row if i > 0 and m["window"] != story.timed.loc[i - 1, "window"] else row + 1
        rows.append(row)
    top, row_h, bar_h = 22, 60, 12
    centre = [top + 36 + r * row_h for r in rows]
    bracket_y = max(centre) + 36
    panel_bottom = bracket_y + 26
    for span, (start, end) in zip(spans, story.windows):
        canvas.rect(span.left, span.right, top, panel_bottom, PANEL_COLOUR)
        canvas.text(span.left, 8, _day_header(start), bold=True)
        for t in _clock_ticks(start, end, 30, pd.Timedelta(minutes=10)):
            canvas.rule(span.x(t), top, y2=panel_bottom, colour=PAPER_COLOUR, width=1.5)
            canvas.text(span.x(t), panel_bottom + 12, f"{t:%H:%M}", align="center", colour=GREYS[0])
    for (_, m), y in zip(story.timed.iterrows(), centre):
        span = spans[m["window"]]
        x0, x1 = span.x(m["start_ts"]), span.x(m["end_ts"])
        tip = _tip(m)
        canvas.rect(x0, x1, y - bar_h / 2, y + bar_h / 2, m["colour"], **tip)
        for x in (x0, x1):  # entry and exit ticks, each labelled with its clock time below
            canvas.rule(x, y - bar_h / 2, y2=y + bar_h / 2 + 6, colour=TEXT_COLOUR, width=1.5)
        canvas.text(x0 - 2, y + 17, m["start_text"], align="right", colour=GREYS[0], **tip)
        canvas.text(x1 + 2, y + 17, m["end_text"], align="left", colour=GREYS[0], **tip)
        # The name above the bar: from its start if it fits in the window, else ending at its end.
        lines = m["name"].split(" incl. ")
        lines = [lines[0]] + [f"incl. {line}" for line in lines[1:]]
        need = max(text_px(line, bold=True) for line in lines)
        if text_px(m["name"], bold=True) <= span.right - span.left - 8:
            lines, need = [m["name"]], text_px(m["name"], bold=True)
        left = x0 if x0 + need <= span.right else max(span.left + 4, x1 - need)
        for k, line in enumerate(lines):
            canvas.text(left, y - 17 - (len(lines) - 1 - k) * LINE, line, bold=k == 0, **tip)
    # the bracket: from the last exit to the first launch, across the night cut out of the axis
    x_from = spans[story.timed.loc[story.timed["end_ts"] == story.gap_from, "window"].iloc[0]].x(story.gap_from)
    x_to = spans[-1].x(story.gap_to)
    # A measure of the report, not a country nor a verdict: drawn as a guide, as in the March and May chart.
    canvas.rule(x_from, bracket_y - 9, y2=bracket_y, colour=GUIDE_COLOUR, width=1.5)
    canvas.rule(x_to, bracket_y - 9, y2=bracket_y, colour=GUIDE_COLOUR, width=1.5)
    canvas.rule(x_from, bracket_y, x2=x_to, colour=GUIDE_COLOUR, width=1.5)
    canvas.text((x_from + x_to) / 2, bracket_y + 12, _gap_words(story), align="center", bold=True)
    # the days' events with no time, beneath each window
    for span, (start, _) in zip(spans, story.windows):
        right = width if span is spans[-1] else spans[spans.index(span) + 1].left - 12
        _day_strip(canvas, story, start.normalize(), span.left, right, panel_bottom + 36)
    return canvas


def _gap_words(story: MayStory) -> str:
    return f"{story.gap_text} later: {words.counted(story.n_missiles, 'missile')}"


def _may_phone(story: MayStory, layout: Layout) -> Canvas:
    """The windows stacked, time running down on one scale: every bar in one column, its clock times and name
    to the right, the bracket running straight down through the night from the last exit to the first launch."""
    width, per_minute, gap = layout.width, 1.6, 74
    axis_x, bar_x, text_x = 40, 54, 76
    canvas = Canvas(width)
    spans, y = [], 26
    for start, end in story.windows:
        n = (end - start).total_seconds() / 60
        spans.append(Span(start, end, y, y + n * per_minute))  # `left` and `right` are top and bottom here
        y += n * per_minute + gap
    for span, (start, end) in zip(spans, story.windows):
        canvas.rect(axis_x + 4, width - 2, span.left, span.right, PANEL_COLOUR)
        canvas.text(text_x, span.left - 12, _day_header(start), bold=True)
        for t in _clock_ticks(start, end, 30, pd.Timedelta(minutes=5)):
            canvas.rule(axis_x + 4, span.x(t), x2=width - 2, colour=PAPER_COLOUR, width=1.5)
            canvas.text(axis_x, span.x(t), f"{t:%H:%M}", align="right", colour=GREYS[0])
    for _, m in story.timed.iterrows():
        span = spans[m["window"]]
        y0, y1 = span.x(m["start_ts"]), span.x(m["end_ts"])
        tip = _tip(m)
        canvas.rect(bar_x, bar_x + 12, y0, y1, m["colour"], **tip)
        for yy in (y0, y1):
            canvas.rule(bar_x - 4, yy, x2=bar_x + 18, colour=TEXT_COLOUR, width=1.5)
        canvas.text(text_x, y0, m["start_text"], colour=GREYS[0], **tip)
        name_x = text_x + text_px("00:00") + 8
        parts = m["name"].split(" incl. ")
        lines = [m["name"]] if name_x + text_px(m["name"], bold=True) <= width else \
            [parts[0]] + [f"incl. {p}" for p in parts[1:]]
        line_y = y0
        for k, line in enumerate(lines):
            canvas.text(name_x, line_y, line, bold=k == 0, **tip)
            line_y += LINE
        canvas.text(text_x, max(y1, line_y), m["end_text"], colour=GREYS[0], **tip)
    # the bracket, down through the night
    x = bar_x + 6
    y_from = spans[story.timed.loc[story.timed["end_ts"] == story.gap_from, "window"].iloc[0]].x(story.gap_from)
    y_to = spans[-1].x(story.gap_to)
    canvas.rule(x, y_from + 8, y2=y_to - 8, colour=GUIDE_COLOUR, width=2, dash=True)
    canvas.point(x, y_to - 8, "triangle-down", GUIDE_COLOUR, size=50)
    canvas.text(text_x, (spans[-2].right + spans[-1].left) / 2 - 6, _gap_words(story), bold=True)
    # the days' events with no time, at the foot
    y = spans[-1].right + 24
    for start, _ in story.windows:
        y = _day_strip(canvas, story, start.normalize(), 0, width, y) + 4
    return canvas


def _may_chart(story: MayStory, layout: Layout) -> alt.LayerChart:
    canvas = _may_phone(story, layout) if layout.phone else _may_desktop(story, layout)
    flights = story.timed[story.timed["flight"]]
    launches = story.timed[story.timed["category"] == "missile-launch"]
    # The gap stays on one line of the headline: its spaces do not break.
    gap = story.gap_text.replace(" ", "\u00a0")
    title = headline(
        f"North Korea fired {words.counted(story.n_missiles, 'missile')} {gap} after the joint flight "
        f"left the zone",
        "Bombers in South Korea's air defence zone on 24 May 2022 and North Korea's launches the next morning, "
        "Korean time" if layout.phone else
        "Chinese and Russian bombers in South Korea's air defence zone (KADIZ) on 24 May 2022 and North Korea's "
        "launches the next morning, Korean time. The night between is cut out.", layout)
    description = (
        "Two windows of Korean time on one scale, the night between them cut out. On 24 May "
        + "; ".join(f"{m['name']} were in the KADIZ from {m['start_text']} to {m['end_text']} ({m['length']})"
                    for _, m in flights.iterrows())
        + ". On 25 May North Korea fired "
        + "; ".join(f"{m['name']} between {m['start_text']} and {m['end_text']}" for _, m in launches.iterrows())
        + f": the first launch came {story.gap_text} after the last exit. "
        + f"Also dated only to the day: {', '.join(story.day_only['name'])}."
    )
    return canvas.titled(title, description)


def may_days_figure(events: pd.DataFrame, actors: pd.DataFrame, assets: pd.DataFrame) -> Figure:
    """Fig. 2.2: the flights of 24 May and the launches of 25 May 2022 by the minute, and the gap between."""
    story = may_story(events, actors, assets)
    return Figure(desktop=_may_chart(story, DESKTOP), phone=_may_chart(story, PHONE), table=may_table(story))

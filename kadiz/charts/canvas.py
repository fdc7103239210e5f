"""Charts laid out in pixels, the way a graphics desk sets them: each label placed where it fits and collides
with nothing, a time axis that may be broken (a `Span` per stretch of time), and a phone's own arrangement.

`Canvas` collects rectangles, rules, points and texts at pixel positions and lays them as one layered
Vega-Lite chart with hidden axes; the timeline chapter's two charts (kadiz/charts/timeline.py,
kadiz/charts/may_days.py) are drawn with it. Text widths come from kadiz.charts.theme.text_px.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from kadiz.charts.theme import GREYS, LINE, PASSAGE_TOOLTIP, TEXT_COLOUR, TEXT_SIZE, text_px, with_passage_fields


@dataclass(frozen=True)
class Span:
    """A stretch of time drawn from pixel `left` to `right` (a part of a broken time axis)."""

    start: pd.Timestamp
    end: pd.Timestamp
    left: float
    right: float

    def x(self, ts: pd.Timestamp) -> float:
        ts = min(max(ts, self.start), self.end)
        return self.left + (ts - self.start) / (self.end - self.start) * (self.right - self.left)


TOOLTIP_FIELDS = (("what", "Event"), ("who", "Who"), ("when", "Korean time"), ("length", "Length"),
                  ("dated", "Dated to"))


class Canvas:
    """Marks placed in pixels (x to the right, y down) on a chart `width` wide; `chart()` lays them as one
    layered Vega-Lite chart.

    A mark that stands for data is given its tooltip's fields (TOOLTIP_FIELDS and `passage`) as keyword
    arguments. They are kept once, in a table of their own that the marks look up by a number: the desktop and
    the phone layout share that table (render.Figure stores a dataset both use once), and a passage is not
    repeated for every label of its event.
    """

    def __init__(self, width: int):
        self.width = width
        self.rects: list[dict] = []
        self.rules: list[dict] = []
        self.texts: list[dict] = []
        self.points: list[dict] = []

    @property
    def height(self) -> float:
        bottoms = [r["y2"] for r in self.rects] + [max(r["y"], r["y2"]) for r in self.rules]
        bottoms += [t["y"] + LINE / 2 for t in self.texts] + [p["y"] + 6 for p in self.points]
        return max(bottoms) + 2

    @staticmethod
    def _row(row: dict, tip: dict) -> dict:
        row = {k: round(v, 1) if isinstance(v, float) else v for k, v in row.items()}
        def word(value) -> str:
            return "" if value is None or value != value else str(value)  # NaN is not equal to itself

        fields = (*TOOLTIP_FIELDS, ("passage", ""))
        return {**row, "_tip": tuple((f, word(tip.get(f))) for f, _ in fields) if tip else None}

    def rect(self, x, x2, y, y2, colour, opacity=1.0, stroke=None, **tip):
        self.rects.append(self._row({"x": x, "x2": x2, "y": y, "y2": y2, "colour": colour, "opacity": opacity,
                                     "stroke": stroke or colour, "outline": 1 if stroke else 0}, tip))

    def rule(self, x, y, x2=None, y2=None, colour=GREYS[1], width=1.0, dash=False, **tip):
        self.rules.append(self._row({"x": x, "x2": x if x2 is None else x2, "y": y, "y2": y if y2 is None else y2,
                                     "colour": colour, "width": width, "dash": dash}, tip))

    def text(self, x, y, text, align="left", bold=False, colour=TEXT_COLOUR, **tip):
        # Nothing past the chart's edges: a label that would be is moved in, keeping its side.
        w = text_px(text, bold=bold)
        left = x - {"left": 0, "center": w / 2, "right": w}[align]
        x += max(0, -left) - max(0, left + w - self.width)
        self.texts.append(self._row({"x": x, "y": y, "text": text, "align": align, "bold": bold, "colour": colour},
                                    tip))

    def point(self, x, y, shape, colour, size=60, **tip):
        self.points.append(self._row({"x": x, "y": y, "shape": shape, "colour": colour, "size": size}, tip))

    def chart(self) -> alt.LayerChart:
        height = round(self.height)
        x = alt.X("x:Q", scale=alt.Scale(domain=[0, self.width], nice=False, zero=False), axis=None)
        y = alt.Y("y:Q", scale=alt.Scale(domain=[0, height], reverse=True, nice=False, zero=False), axis=None)
        colour = alt.Color("colour:N", scale=None, legend=None)
        everything = self.rects + self.rules + self.points + self.texts
        tips = sorted({r["_tip"] for r in everything if r["_tip"]})
        number = {tip: i for i, tip in enumerate(tips)}
        table = with_passage_fields(pd.DataFrame([dict(t) for t in tips]).assign(key=range(len(tips))))
        fields = [f for f, _ in TOOLTIP_FIELDS if table[f].astype(bool).any()]
        tooltip = [alt.Tooltip(f"{f}:N", title=t) for f, t in TOOLTIP_FIELDS if f in fields] + [PASSAGE_TOOLTIP]
        lookup = alt.LookupData(data=table, key="key", fields=[*fields, "passage"])
        layers = []

        def frames(rows, keys):
            if not rows:
                return
            frame = pd.DataFrame(rows)
            frame["key"] = [number.get(t, -1) for t in frame.pop("_tip")]
            for data_marks in (False, True):
                part = frame[(frame["key"] >= 0) == data_marks]
                for key, group in part.groupby(keys, sort=False):
                    group = group if data_marks else group.drop(columns="key")
                    yield (key if isinstance(key, tuple) else (key,)), group, data_marks

        def base(group, data_marks):
            unit = alt.Chart(group)
            return unit.transform_lookup(lookup="key", from_=lookup) if data_marks else unit

        def with_tooltip(enc, data_marks):
            return {**enc, "tooltip": tooltip} if data_marks else enc

        def rects(group, key, data_marks):
            mark = base(group, data_marks).mark_rect(opacity=key[0], strokeWidth=key[1])
            enc = dict(x2="x2:Q", y2="y2:Q", stroke=alt.Stroke("stroke:N", scale=None))
            return mark.encode(**with_tooltip(enc, data_marks))

        def rules(group, key, data_marks):
            mark = base(group, data_marks).mark_rule(strokeWidth=key[0], strokeDash=[4, 3] if key[1] else [1, 0])
            return mark.encode(**with_tooltip(dict(x2="x2:Q", y2="y2:Q"), data_marks))

        def points(group, key, data_marks):
            mark = base(group, data_marks).mark_point(shape=key[0], size=key[1], filled=True, opacity=1)
            return mark.encode(**with_tooltip({}, data_marks))

        def texts(group, key, data_marks):
            mark = base(group, data_marks).mark_text(align=key[0], baseline="middle", fontSize=TEXT_SIZE,
                                                      fontWeight="bold" if key[1] else "normal")
            return mark.encode(**with_tooltip(dict(text="text:N"), data_marks))

        # Back to front: panels and guides, then the data's bands and bars, points, and all text on top.
        kinds = [(self.rects, ["opacity", "outline"], rects), (self.rules, ["width", "dash"], rules),
                 (self.points, ["shape", "size"], points), (self.texts, ["align", "bold"], texts)]
        for wanted in (False, True):
            for rows, keys, draw in kinds[:2]:
                layers += [draw(g, k, d) for k, g, d in frames(rows, keys) if d == wanted]
        for rows, keys, draw in kinds[2:]:
            layers += [draw(g, k, d) for k, g, d in frames(rows, keys)]
        # Position and colour are the same for every layer: given once, to the layer chart.
        return alt.layer(*layers).encode(x=x, y=y, color=colour).properties(
            width=self.width, height=height, view=alt.ViewConfig(stroke=None))

    def titled(self, title: alt.Title, description: str) -> alt.LayerChart:
        """The chart with its headline and its text alternative."""
        return self.chart().properties(title=title, description=description)

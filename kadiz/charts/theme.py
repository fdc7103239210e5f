"""The report's chart theme: two layouts (the book's column on a desktop, a phone's), text no smaller than 11 px
as drawn, legible in print and in dark mode; one meaning per colour; and the encodings charts of events share.

Colour has one meaning across the report, written down once in kadiz/charts/palette.py: the countries, joint
China-Russia flights and the verdicts' rating groups have colours of their own; everything else is neutral grey.
The names below are the palette's light values, which the charts are built with (the site swaps each for its dark
twin in dark mode).
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from kadiz.charts import palette

THEME = "kadiz"
FONT = "Helvetica, Arial, sans-serif"
# The smallest text of any chart, as drawn: labels, legends, marks' text. Charts are drawn at their own size (a
# phone gets its own layout), so this is also the size a reader sees.
TEXT_SIZE = 12
MIN_TEXT_PX = 11  # the report's floor for any text as drawn, on any screen (the browser tests check it)
HEADLINE_SIZE, SUBTITLE_SIZE = 16, 13


@dataclass(frozen=True)
class Layout:
    """Where a chart is drawn: `width` is the whole chart's (axes and labels included, the theme's padding not)."""

    name: str
    width: int

    @property
    def phone(self) -> bool:
        return self.name == "phone"


# The content column of sphinx-book-theme is about 690 px on a desktop screen and 358 px on a 390 px phone;
# a 360 px phone leaves 328 px, where the phone layout is scaled to 95 % (12 px text as 11.4 px).
DESKTOP = Layout("desktop", 600)
PHONE = Layout("phone", 330)
WIDTH = DESKTOP.width

# One colour per actor lane, used by every chart so a reader learns them once (palette.COUNTRIES).
LANE_COLOURS = {name: colour.light for name, colour in palette.COUNTRIES.items()}
# Joint China-Russia flights: both countries at once, so neither country's colour.
JOINT_COLOUR = palette.JOINT.light
# The verdicts' rating groups (kadiz.verdicts.RATING_GROUPS), as Fig. 5.1 and the verdict boxes show them; the
# accent is the group "the claim falls short" and means nothing else.
RATING_COLOURS = {name: colour.light for name, colour in palette.RATING_GROUPS.items()}
ACCENT = palette.ACCENT.light
# Neutral ink: greys for whatever is not a country or a rating (dark to light in order of weight), text, guides.
GREYS = [colour.light for colour in palette.GREYS]
TEXT_COLOUR, GUIDE_COLOUR, GRID_COLOUR = palette.TEXT.light, palette.GUIDE.light, palette.GRID.light
PANEL_COLOUR, PAPER_COLOUR = palette.PANEL.light, palette.PAPER.light
LANE_AXIS_SPACE = 95  # room for the lane names left of the plot, inside the theme's width
LEGEND_GAP = 24  # px between the entries of a legend laid out in columns


LINE = 15  # one line of 12 px text
# Widths of 12 px characters in DejaVu Sans, the widest of the fonts a reader's browser may substitute for
# Helvetica or Arial (others are narrower); bold is up to a quarter wider.
_CHARS = (" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
          "\u2013\u2014\u201c\u201d\u2018\u2019\u00b7\u2248")
_WIDTHS = [3.8, 4.8, 5.5, 10.1, 7.6, 11.4, 9.4, 3.3, 4.7, 4.7, 6.0, 10.1, 3.8, 4.3, 3.8, 4.0, 7.6, 7.6, 7.6, 7.6, 7.6,
           7.6, 7.6, 7.6, 7.6, 7.6, 4.0, 4.0, 10.1, 10.1, 10.1, 6.4, 12.0, 8.2, 8.2, 8.4, 9.2, 7.6, 6.9, 9.3, 9.0, 3.5,
           3.5, 7.9, 6.7, 10.4, 9.0, 9.4, 7.2, 9.4, 8.3, 7.6, 7.3, 8.8, 8.2, 11.9, 8.2, 7.3, 8.2, 4.7, 4.0, 4.7, 10.1,
           6.0, 6.0, 7.4, 7.6, 6.6, 7.6, 7.4, 4.2, 7.6, 7.6, 3.3, 3.3, 7.0, 3.3, 11.7, 7.6, 7.3, 7.6, 7.6, 4.9, 6.3,
           4.7, 7.6, 7.1, 9.8, 7.1, 7.1, 6.3, 7.6, 4.0, 7.6, 10.1, 6.0, 12.0, 6.2, 6.2, 3.8, 3.8, 3.8, 10.1]
CHAR_PX = dict(zip(_CHARS, _WIDTHS))
BOLD = 1.15


def text_px(text: str, size: int = TEXT_SIZE, bold: bool = False) -> float:
    """How wide a text is drawn, in pixels, a little generously (see CHAR_PX): charts place labels with it."""
    return 1.03 * sum(CHAR_PX.get(c if c != "\u00a0" else " ", 9.0) for c in text) * size / TEXT_SIZE * (BOLD if bold else 1.0)


def shorten_px(text: str, width: float, size: int = TEXT_SIZE, bold: bool = False) -> str:
    """`text` as it fits `width` pixels: whole, or cut at a word with an ellipsis (one long word is cut within)."""
    if text_px(text, size, bold) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1 and text_px(" ".join(words) + "\u2026", size, bold) > width:
        words.pop()
    short = " ".join(words)
    while short and text_px(short + "\u2026", size, bold) > width:
        short = short[:-1]
    return short.rstrip() + "\u2026"


def wrap_px(text: str, width: float, size: int = TEXT_SIZE, bold: bool = False) -> list[str]:
    """`text` broken at spaces into lines no wider than `width` pixels as drawn (a longer word keeps its line; a
    no-break space, as in "p\u00a0=\u00a01.00", holds its words together)."""
    lines: list[str] = []
    for word in text.split(" "):
        if not word:
            continue
        if lines and text_px(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def register_theme() -> None:
    @alt.theme.register(THEME, enable=True)
    def kadiz_theme() -> alt.theme.ThemeConfig:
        return {
            "config": {
                # Every colour explicit and from the palette, so that the site's dark mode can swap each for its
                # twin (kadiz/charts/render.py); none is left to Vega's defaults.
                "background": PAPER_COLOUR,
                "padding": 8,
                "view": {"continuousWidth": WIDTH, "continuousHeight": 240, "stroke": None},
                "font": FONT,
                "mark": {"color": TEXT_COLOUR},
                "title": {"fontSize": HEADLINE_SIZE, "fontWeight": "bold", "anchor": "start", "color": TEXT_COLOUR,
                          "subtitleFontSize": SUBTITLE_SIZE, "subtitleColor": GREYS[0], "subtitlePadding": 4,
                          "offset": 12},
                "header": {"labelFontSize": 13, "titleFontSize": 13, "labelColor": TEXT_COLOUR,
                           "titleColor": TEXT_COLOUR},
                "axis": {"labelFontSize": TEXT_SIZE, "titleFontSize": TEXT_SIZE, "labelColor": TEXT_COLOUR,
                         "titleColor": TEXT_COLOUR, "titleFontWeight": "normal", "domainColor": GUIDE_COLOUR,
                         "tickColor": GUIDE_COLOUR, "gridColor": GRID_COLOUR},
                "legend": {"orient": "top", "labelFontSize": TEXT_SIZE, "titleFontSize": TEXT_SIZE,
                           "labelLimit": 320, "titleFontWeight": "normal", "labelColor": TEXT_COLOUR,
                           "titleColor": TEXT_COLOUR},
                "text": {"fontSize": TEXT_SIZE, "color": TEXT_COLOUR},
            }
        }


def headline(text: str, subtitle: str, layout: Layout) -> alt.Title:
    """A chart's title: a headline that states its finding and a subtitle that says what is drawn, each broken
    into lines that fit the layout's width (Vega draws each line of a list as a line)."""
    return alt.Title(wrap_px(text, layout.width, HEADLINE_SIZE, bold=True),
                     subtitle=wrap_px(subtitle, layout.width, SUBTITLE_SIZE))


def day(when: pd.Timestamp) -> alt.DateTime:
    """A calendar day as Vega-Lite's DateTime, read in local time as the charts' date strings are."""
    return alt.DateTime(year=when.year, month=when.month, date=when.day)


def days_scale(first: pd.Timestamp, last: pd.Timestamp) -> alt.Scale:
    """A time scale from day `first` to day `last`. Set by domainMin and domainMax: a `domain` on a time scale whose
    marks also have x2 makes Vega-Lite warn of two conflicting domains (vega/vega-lite#5733), though it draws the
    same."""
    return alt.Scale(domainMin=day(first), domainMax=day(last))


def lane_colour(lanes: list[str]) -> alt.Color:
    """Colour by actor group (field `lane`), with no legend: the lanes are named on the chart."""
    return alt.Color("lane:N", scale=alt.Scale(domain=lanes, range=[LANE_COLOURS[x] for x in lanes]), legend=None)


def with_passage_fields(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with its `passage` on one line (line breaks of the CSV would show in the tooltip)."""
    return df.assign(passage=[" ".join(str(p).split()) for p in df["passage"]])


# The tooltip shows the passage whole: _static/charts-fit.css lifts vega-tooltip's 7-line cap on a value.
PASSAGE_TOOLTIP = alt.Tooltip("passage:N", title="Passage")

"""The report's chart theme: sized for the book's content column, legible in print and in dark mode; and the
encodings every chart of events shares (actor-group colours, the passage in the tooltip)."""

from __future__ import annotations

import altair as alt
import pandas as pd

THEME = "kadiz"
# The content column of sphinx-book-theme is about 690 px on a desktop screen; a chart plus its padding must
# fit it (narrower screens scale charts down, _static/charts-fit.css). In the PDF a chart prints about 11 cm wide.
WIDTH = 600
FONT = "Helvetica, Arial, sans-serif"

# One colour per actor lane, used by every chart so a reader learns them once.
# Colour-blind-safe (Okabe-Ito) and dark enough on white to read in print.
LANE_COLOURS = {
    "China": "#D55E00",
    "Russia": "#0072B2",
    "North Korea": "#000000",
    "US and allies": "#009E73",
    "Other": "#888888",
}
LANE_AXIS_SPACE = 95  # room for the lane names left of the plot, inside the theme's width


def register_theme() -> None:
    @alt.theme.register(THEME, enable=True)
    def kadiz_theme() -> alt.theme.ThemeConfig:
        return {
            "config": {
                # An explicit white card keeps the chart readable when the site is in dark mode.
                "background": "white",
                "padding": 8,
                "view": {"continuousWidth": WIDTH, "continuousHeight": 240, "stroke": None},
                "font": FONT,
                "title": {"fontSize": 14, "anchor": "start", "color": "#111"},
                "axis": {"labelFontSize": 11, "titleFontSize": 12, "labelColor": "#222", "titleColor": "#222"},
                "legend": {"orient": "bottom", "labelFontSize": 11, "titleFontSize": 12, "labelLimit": 320},
            }
        }


def lane_colour(lanes: list[str], title: str | None = "Actor group") -> alt.Color:
    """Colour by actor group (field `lane`), with a legend under the chart unless `title` is None."""
    return alt.Color("lane:N", title=title, scale=alt.Scale(domain=lanes, range=[LANE_COLOURS[x] for x in lanes]),
                     legend=alt.Legend(orient="bottom", direction="horizontal", columns=4, symbolOpacity=1)
                     if title else None)


def with_passage_fields(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with its `passage` on one line (line breaks of the CSV would show in the tooltip)."""
    return df.assign(passage=[" ".join(str(p).split()) for p in df["passage"]])


# The tooltip shows the passage whole: _static/charts-fit.css lifts vega-tooltip's 7-line cap on a value.
PASSAGE_TOOLTIP = alt.Tooltip("passage:N", title="Passage")

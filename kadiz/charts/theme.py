"""The report's chart theme: sized for the book's content column, legible in print and in dark mode."""

import altair as alt

THEME = "kadiz"
# The content column of sphinx-book-theme is about 690 px on a desktop screen; a chart plus its padding must
# fit it (narrower screens scale charts down, _static/charts-fit.css). In the PDF the PNG prints about 11 cm wide.
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

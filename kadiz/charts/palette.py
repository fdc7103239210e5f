"""The report's colours, each with its one meaning, for a light page (print, the site in light mode) and a dark one.

Colour carries meaning in three scales only, and nowhere else:

* the countries (and their allies): one colour each, the Okabe-Ito set, safe for colour-blind readers;
* joint China-Russia flights: both countries at once, so neither country's colour;
* the verdicts' rating groups (Fig. 5.1 and the verdict boxes of the records page): the records agree, the claim
  falls short, it cannot be settled. The accent, red, means "the claim falls short of the records" and nothing
  else, which is why it is the one warm signal a reader meets outside the countries.

Everything else (stances, null models, windows, kinds of count, the precision of a date, guides, the map's land
and sea, the zone line) is neutral ink: greys, dark to light in order of weight, told apart by the legend's words
and by shape. A grey never stands for a country, a joint flight or a rating group.

Each colour has a `dark` twin for the site's dark mode (kadiz/charts/render.py swaps every colour of a chart for its
twin when the reader's page is dark): the countries lightened where they would sink into the page, the greys
reversed so that the heaviest stays the most visible, paper and text exchanged.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Colour:
    """A colour as drawn on a light page (`light`) and a dark one (`dark`), and what it stands for."""

    light: str
    dark: str
    meaning: str
    # The words of the data a meaningful colour may encode (a legend's, a tooltip's "Who", a label's); empty for
    # the neutrals, which encode no meaning of their own.
    words: tuple[str, ...] = ()

    @property
    def neutral(self) -> bool:
        return not self.words


# The page behind a chart in dark mode (sphinx-book-theme's dark background): contrast is measured against it.
DARK_PAGE = "#121212"
LIGHT_PAGE = "#FFFFFF"

# ------------------------------------------------------------------------------------------------ countries
CHINA = Colour("#D55E00", "#F0803C", "China", ("China", "Chinese"))
RUSSIA = Colour("#0072B2", "#56B4E9", "Russia", ("Russia", "Russian"))
NORTH_KOREA = Colour("#000000", "#F2F2F2", "North Korea", ("North Korea", "North Korean"))
US_AND_ALLIES = Colour("#009E73", "#009E73", "the US and its allies", ("US and allies", "United States"))
OTHER_ACTORS = Colour("#8A6D3B", "#C9A66B", "actors of no group above", ("Other",))
JOINT = Colour("#AA3377", "#D77FBF", "China and Russia flying together",
               ("China and Russia", "Joint", "joint"))
COUNTRIES = {"China": CHINA, "Russia": RUSSIA, "North Korea": NORTH_KOREA, "US and allies": US_AND_ALLIES,
             "Other": OTHER_ACTORS}

# ------------------------------------------------------------------------------- the verdicts' rating groups
# The names of kadiz.verdicts.RATING_GROUPS.
AGREE = Colour("#4B3F72", "#A7A0D8", "the records agree with the claim", ("the records agree",))
ACCENT = Colour("#C0392B", "#FF7B6B", "the claim falls short of the records", ("the claim falls short",))
UNSETTLED = Colour("#8E8A7E", "#8A867A", "the claim cannot be settled", ("cannot be settled",))
RATING_GROUPS = {"the records agree": AGREE, "the claim falls short": ACCENT, "cannot be settled": UNSETTLED}

# ------------------------------------------------------------------------------------------------- neutrals
NEUTRAL = "neutral: ink, paper and categories named by their legend"
TEXT = Colour("#111111", "#E6E6E6", "text")
GREYS = [Colour("#333333", "#D0D0D0", NEUTRAL), Colour("#777777", "#A6A6A6", NEUTRAL),
         Colour("#AAAAAA", "#7A7A7A", NEUTRAL), Colour("#D0D0D0", "#4A4A4A", NEUTRAL)]
GUIDE = Colour("#555555", "#9A9A9A", "guides: reference lines, the axes' domain and ticks")
GRID = Colour("#E6E6E6", "#33383F", "grid lines")
PANEL = Colour("#F2F2F2", "#1E2226", "the shaded panel behind a time axis")
PAPER = Colour("#FFFFFF", DARK_PAGE, "paper: the chart's background and lines drawn in it")
FRAME = Colour("#BBBBBB", "#4F555C", "frames of the map and its legends")
LAND = Colour("#E9E6DF", "#2B2924", "land on the map")
COAST = Colour("#9A948A", "#6C675E", "coastlines")
SEA = Colour("#F3F8FC", "#15202B", "sea on the map")

MEANINGFUL = [*COUNTRIES.values(), JOINT, *RATING_GROUPS.values()]
NEUTRALS = [TEXT, *GREYS, GUIDE, GRID, PANEL, PAPER, FRAME, LAND, COAST, SEA]
PALETTE = [*MEANINGFUL, *NEUTRALS]


def by_light() -> dict[str, Colour]:
    """Every colour of the palette by its light value (upper case)."""
    return {c.light.upper(): c for c in PALETTE}


def dark_of() -> dict[str, str]:
    """Light value -> dark value, for the site's dark mode (upper case keys)."""
    return {c.light.upper(): c.dark for c in PALETTE}


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of "#RRGGBB"."""
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def table() -> list[tuple[str, str, str]]:
    """The palette as the report documents it: (light, dark, meaning)."""
    return [(c.light, c.dark, c.meaning) for c in PALETTE]


# Fields of a dataset that hold colours (kadiz.charts.canvas draws each mark in the colour its row names).
COLOUR_FIELDS = ("colour", "stroke")
# The dark twins, swapped in by the page's script: every string of a spec that is a palette colour, and the colour
# fields of its datasets (not their text, which is the data's).
DARK_JS = """
  function inDark() { return document.documentElement.dataset.theme === "dark"; }
  function darkened(node) {
    if (typeof node === "string") return dark[node.toUpperCase()] || node;
    if (Array.isArray(node)) return node.map(darkened);
    if (node && typeof node === "object") {
      var out = {};
      for (var key in node) out[key] = darkened(node[key]);
      return out;
    }
    return node;
  }
  function darkRows(rows) {
    return rows.map(function (row) {
      var out = Object.assign({}, row);
      colourFields.forEach(function (f) { if (typeof out[f] === "string") out[f] = darkened(out[f]); });
      return out;
    });
  }
"""

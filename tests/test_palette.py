"""One meaning per colour: every colour a chart of the report draws is the palette's (kadiz/charts/palette.py), and a
colour that means something (a country, joint flights, a rating group) stands for that and nothing else; the palette
reads on a light page and a dark one, and colour-blind readers can tell apart the colours that share a chart.

The charts are read as the chapters commit them (their figure outputs), so every figure the book shows is checked.
"""

import json
import re

import pytest

from kadiz import verdicts
from kadiz.charts import palette, stored
from kadiz.charts.render import MIME, layout_spec
from kadiz.charts.theme import register_theme
from kadiz.data import load
from kadiz.paths import ROOT
from tests.chart_specs import walk

HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
NAMED = {"white", "black", "red", "green", "blue", "grey", "gray", "orange", "purple", "steelblue", "lightgray",
         "lightgrey", "darkgray", "darkgrey", "silver", "yellow", "brown", "pink", "navy", "teal"}
# Properties of a spec that hold a colour (Vega-Lite mark, encoding-value, axis, legend, title and view properties).
COLOUR_KEYS = re.compile(r"(?i)^(colou?r|fill|stroke|background|.*Colou?r)$")
COLOUR_CHANNELS = ("color", "fill", "stroke")
# Fields of kadiz.charts.canvas's rows that hold a mark's colour.
ROW_COLOUR_FIELDS = ("colour", "stroke")

PALETTE = palette.by_light()
MEANINGFUL = {c.light.upper(): c for c in palette.MEANINGFUL}


def _figures():
    """(name, whole spec) of every layout of every figure committed in the chapters."""
    for notebook in sorted((ROOT / "chapters").glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        outputs = [o for c in cells if c["cell_type"] == "code" for o in c.get("outputs", [])]
        payloads = [o["data"][MIME] for o in outputs if MIME in o.get("data", {})]
        payloads += [o["data"]["application/papermill.record/" + MIME] for o in outputs
                     if "application/papermill.record/" + MIME in o.get("data", {})]
        for n, text in enumerate(payloads):
            payload = stored.loaded("".join(text) if isinstance(text, list) else text)
            for layout in ("desktop", "phone"):
                if payload.get(layout):
                    yield f"{notebook.stem} {payload.get('name', n)} {layout}", layout_spec(payload, layout)


FIGURES = list(_figures())


def _colours_of(spec: dict) -> list[str]:
    """Every colour the spec names: in its properties (datasets aside) and in its rows' colour fields."""
    found = []

    def visit(node, key=None):
        if isinstance(node, dict):
            for k, v in node.items():
                if k != "datasets":
                    visit(v, k)
        elif isinstance(node, list):
            for v in node:
                visit(v, key)
        elif isinstance(node, str) and (HEX.match(node) or node.lower() in NAMED):
            found.append(node)
        elif isinstance(node, str) and key and COLOUR_KEYS.match(key) and node not in ("transparent",):
            found.append(node)

    visit(spec)
    for rows in spec.get("datasets", {}).values():
        if isinstance(rows, list):
            found += [row[f] for row in rows if isinstance(row, dict) for f in ROW_COLOUR_FIELDS
                      if isinstance(row.get(f), str)]
    return found


def _colour_scales(spec: dict):
    """(value, colour) of every scale of a colour channel: what each colour encodes."""
    for node in walk(spec):
        if not isinstance(node, dict):
            continue
        for channel in COLOUR_CHANNELS:
            enc = node.get(channel)
            scale = enc.get("scale") if isinstance(enc, dict) else None
            if isinstance(scale, dict) and isinstance(scale.get("range"), list):
                yield from zip(scale.get("domain", []), scale["range"])


def _stands_for(colour: palette.Colour, words: str) -> bool:
    return any(w.lower() in words.lower() for w in colour.words)


def test_the_chapters_commit_every_figure_they_show():
    assert len(FIGURES) >= 2 * 10, [name for name, _ in FIGURES]


@pytest.mark.parametrize("name,spec", FIGURES, ids=[n for n, _ in FIGURES])
def test_every_colour_a_chart_draws_is_the_palette_s(name, spec):
    strangers = sorted({c for c in _colours_of(spec) if c.upper() not in PALETTE})
    assert strangers == [], f"{name} draws colours outside the palette"


@pytest.mark.parametrize("name,spec", FIGURES, ids=[n for n, _ in FIGURES])
def test_a_colour_that_means_something_encodes_only_that(name, spec):
    meaningful_words = {w.lower() for c in palette.MEANINGFUL for w in c.words}
    for value, colour in _colour_scales(spec):
        meant = MEANINGFUL.get(str(colour).upper())
        if meant:
            assert _stands_for(meant, str(value)), f"{name}: {colour} ({meant.meaning}) encodes {value!r}"
        else:
            # A grey names no country, joint flight or rating group: those have their colours.
            assert str(value).lower() not in meaningful_words, f"{name}: {value!r} drawn in the neutral {colour}"


@pytest.mark.parametrize("name,spec", FIGURES, ids=[n for n, _ in FIGURES])
def test_the_accent_means_a_claim_that_falls_short_and_nothing_else(name, spec):
    accent = palette.ACCENT.light.upper()
    uses = sum(c.upper() == accent for c in _colours_of(spec))
    sanctioned = sum(str(colour).upper() == accent and value == "the claim falls short"
                     for value, colour in _colour_scales(spec))
    assert uses == sanctioned, f"{name}: the accent is used {uses - sanctioned} times for something else"


@pytest.mark.parametrize("name,spec", FIGURES, ids=[n for n, _ in FIGURES])
def test_a_mark_in_a_country_s_colour_is_that_country_s(name, spec):
    # Charts laid out in pixels (kadiz.charts.canvas) colour each mark from its row; the row's tooltip says who.
    lookups = {n["from"]["data"]["name"]: n["from"]["key"] for n in walk(spec)
               if isinstance(n, dict) and isinstance(n.get("from"), dict) and "lookup" in n and "data" in n["from"]
               and "name" in n["from"]["data"]}
    tips = {}
    for dataset, key in lookups.items():
        tips.update({row[key]: row for row in spec["datasets"].get(dataset, [])})
    for rows in spec.get("datasets", {}).values():
        for row in rows if isinstance(rows, list) else []:
            meant = MEANINGFUL.get(str(row.get("colour", "")).upper()) if isinstance(row, dict) else None
            if meant:
                tip = tips.get(row.get("key"))
                assert tip is not None, f"{name}: a mark in {meant.meaning}'s colour says not whose it is: {row}"
                assert _stands_for(meant, str(tip.get("who", ""))), f"{name}: {meant.meaning}'s colour for {tip}"


# ------------------------------------------------------------------ the palette itself


def test_each_colour_has_one_meaning_and_one_dark_twin():
    lights = [c.light.upper() for c in palette.PALETTE]
    # The four greys share one meaning (neutral); every other colour has its own.
    meanings = [c.meaning for c in palette.PALETTE if c.meaning != palette.NEUTRAL]
    assert len(set(lights)) == len(lights) and len(set(meanings)) == len(meanings)
    darks = [c.dark.upper() for c in palette.PALETTE]
    assert len(set(darks)) == len(darks), "two colours would look the same in dark mode"


@pytest.mark.parametrize("colour", palette.MEANINGFUL, ids=[c.meaning for c in palette.MEANINGFUL])
def test_a_meaningful_colour_stands_out_on_a_light_and_a_dark_page(colour):
    # WCAG 2.2 asks 3:1 of graphics a reader must make out.
    assert palette.contrast(colour.light, palette.LIGHT_PAGE) >= 3
    assert palette.contrast(colour.dark, palette.DARK_PAGE) >= 3


def test_text_and_the_heaviest_grey_read_on_both_pages():
    for colour in (palette.TEXT, palette.GREYS[0], palette.GUIDE):
        assert palette.contrast(colour.light, palette.LIGHT_PAGE) >= 4.5
        assert palette.contrast(colour.dark, palette.DARK_PAGE) >= 4.5
    # The greys keep their order of weight on a dark page: the heaviest is the most visible there too.
    on_dark = [palette.contrast(g.dark, palette.DARK_PAGE) for g in palette.GREYS]
    assert on_dark == sorted(on_dark, reverse=True)


# Colour-vision deficiency as Machado, Oliveira and Fernandes (2009) simulate it, severity 1, in linear RGB.
CVD = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}


def _lab(hex_colour: str, matrix=None) -> tuple[float, float, float]:
    rgb = [palette._linear(int(hex_colour[i:i + 2], 16) / 255) for i in (1, 3, 5)]
    if matrix:
        rgb = [min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb)))) for row in matrix]
    r, g, b = rgb
    xyz = (0.4124 * r + 0.3576 * g + 0.1805 * b, 0.2126 * r + 0.7152 * g + 0.0722 * b,
           0.0193 * r + 0.1192 * g + 0.9505 * b)
    f = [(t / n) ** (1 / 3) if t / n > 0.008856 else 7.787 * t / n + 16 / 116
         for t, n in zip(xyz, (0.95047, 1.0, 1.08883))]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _difference(a: str, b: str, matrix=None) -> float:
    return sum((x - y) ** 2 for x, y in zip(_lab(a, matrix), _lab(b, matrix))) ** 0.5


SCALES = {"countries and joint flights": [*palette.COUNTRIES.values(), palette.JOINT],
          "rating groups": list(palette.RATING_GROUPS.values())}


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("vision", [None, *CVD])
def test_colours_that_share_a_chart_stay_apart_for_colour_blind_readers(scale, vision):
    colours = SCALES[scale]
    for mode in ("light", "dark"):
        values = [getattr(c, mode) for c in colours]
        for i, a in enumerate(values):
            for b in values[i + 1:]:
                # 10 CIELAB units: clearly different side by side (2.3 is a just-noticeable difference).
                assert _difference(a, b, CVD.get(vision)) >= 10, f"{scale}, {mode}, {vision}: {a} and {b}"


def test_the_chart_theme_leaves_no_colour_to_vega_s_defaults():
    import altair as alt

    register_theme()
    config = alt.theme.get()()["config"]
    assert config["background"].upper() in PALETTE and config["mark"]["color"].upper() in PALETTE
    for part, keys in (("axis", ("labelColor", "titleColor", "domainColor", "tickColor", "gridColor")),
                       ("legend", ("labelColor", "titleColor")), ("header", ("labelColor", "titleColor")),
                       ("title", ("color", "subtitleColor")), ("text", ("color",))):
        for key in keys:
            assert config[part][key].upper() in PALETTE, f"{part}.{key}"


def test_the_verdict_boxes_take_the_rating_groups_colours_from_the_palette():
    css = (ROOT / "_static" / "records.css").read_text(encoding="utf-8")
    light = dict(re.findall(r"--kadiz-verdict-([a-z-]+):\s*(#[0-9A-Fa-f]{6})", css.split('html[data-theme="dark"]')[0]))
    dark = dict(re.findall(r"--kadiz-verdict-([a-z-]+):\s*(#[0-9A-Fa-f]{6})", css.split('html[data-theme="dark"]')[1]))
    for group, colour in palette.RATING_GROUPS.items():
        name = verdicts.GROUP_CLASSES[group].removeprefix("verdict-")
        assert light[name].upper() == colour.light.upper() and dark[name].upper() == colour.dark.upper(), group
        assert f".admonition.{verdicts.GROUP_CLASSES[group]}" in css
    assert list(palette.RATING_GROUPS) == list(verdicts.RATING_GROUPS)


def test_the_printed_verdict_boxes_take_their_rating_group_s_colour():
    # The LaTeX writer drops the boxes' classes: _ext/verdict_colours.py sets each box's border in its group's colour.
    tex = next((ROOT / "_build" / "latex").glob("*.tex"), None)
    if tex is None:
        pytest.fail("the PDF is not built: run `make book` first")
    text = tex.read_text(encoding="utf-8")
    rated = load().verdicts
    for group, colour in palette.RATING_GROUPS.items():
        boxes = text.count(r"\sphinxsetup{div.note_border-TeXcolor={HTML}{%s}" % colour.light.lstrip("#").upper())
        assert boxes == int(rated["verdict"].isin(verdicts.RATING_GROUPS[group]).sum()), group

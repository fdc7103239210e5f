"""How Altair charts leave a notebook: as their Vega-Lite spec, drawn for the site and for print at build time.

A chapter's chart output holds one thing: the chart's Vega-Lite spec, as JSON text under the MIME type ``MIME``
(so the committed chapters stay small and strict nbval compares the spec itself). When the book is built, ``kadiz.charts.mime`` turns that spec into

* ``html(spec)`` on the site: a ``<div>`` and a short script that hands the spec to Vega-Embed, which the book
  loads from the site itself (``_ext/offline_vega.py``); nothing is fetched from another host, and there is no
  fallback that would;
* ``svg(spec)`` in the PDF: the same chart drawn offline by vl-convert, which the LaTeX build turns into PDF
  (sphinxcontrib-svg2pdfconverter with CairoSVG), so print stays vector.

``export`` writes the same SVG to figures/ when a chapter is executed, for slides.

Text in a spec comes from the data and is untrusted. Inside ``<script>`` a ``</script>`` or ``<!--`` in a
passage would end the script or change how the browser parses it, so every ``<``, ``>`` and ``&`` of the JSON
is written as a ``\\uXXXX`` escape, which JSON reads back as the same character. Vega-Embed's tooltip handler
shows tooltip text as text, not markup.

The chart's element id is derived from its spec rather than random, so two builds give the same HTML.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import altair as alt
import vl_convert

from kadiz.charts.theme import register_theme
from kadiz.escape import script_json
from kadiz.paths import FIGURES

RENDERER = "kadiz"
# The spec travels as one line of JSON text. Under an application/...+json type a notebook would store it as
# a JSON object, one number per line once pretty-printed: a chart with map outlines grew fourfold that way.
MIME = f"text/vnd.vegalite.v{alt.SCHEMA_VERSION.removeprefix('v').split('.')[0]}+json"
# The "..." menu of Vega-Embed offers downloads that need no menu here (figures/ has them), and
# axe-core flags it as an unnamed <summary>.
EMBED_OPTIONS = {"actions": False}
VL_VERSION = alt.SCHEMA_VERSION.removeprefix("v").rsplit(".", 1)[0]


def _chart_id(spec: dict) -> str:
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True).encode("utf-8")).hexdigest()
    return f"kadiz-chart-{digest[:16]}"


def _require_description(spec: dict) -> None:
    # The description becomes the chart's accessible name; without it a screen reader gets nothing.
    if not spec.get("description"):
        raise ValueError("every chart of the report needs a description (its text alternative)")


def html(spec: dict) -> str:
    """The chart as a block of HTML for the site: a container, and the spec handed to Vega-Embed."""
    chart_id = _chart_id(spec)
    return (
        f'<div id="{chart_id}" class="kadiz-chart"></div>\n'
        "<script>\n"
        "(function () {\n"
        f'  var target = document.getElementById("{chart_id}");\n'
        "  if (typeof vegaEmbed !== \"function\") {\n"
        '    target.textContent = "This chart needs the page\'s chart library, which did not load.";\n'
        "    return;\n"
        "  }\n"
        f"  vegaEmbed(target, {script_json(spec)}, {script_json(EMBED_OPTIONS)})\n"
        '    .catch(function (err) { target.textContent = "This chart could not be drawn: " + err.message; });\n'
        "})();\n"
        "</script>\n"
    )


def svg(spec: dict) -> str:
    """The chart drawn offline as SVG (the print and slide version).

    Without ARIA attributes: on the site the interactive chart carries them, and in print they would only
    repeat every tooltip (about 40 % of the file) where no screen reader can reach them.
    """
    config = {**spec.get("config", {}), "aria": False}
    return vl_convert.vegalite_to_svg({**spec, "config": config}, vl_version=VL_VERSION)


def render(spec: dict, **metadata) -> dict:
    """Altair renderer: the spec alone, as JSON text, for kadiz.charts.mime to draw when the book is built."""
    _require_description(spec)
    return {MIME: json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))}


def enable() -> None:
    """Switch Altair in this kernel to the report's theme and renderer."""
    register_theme()
    alt.renderers.register(RENDERER, render)
    alt.renderers.enable(RENDERER)
    # Charts of a few hundred rows are normal here; the limit guards against accidents only.
    alt.data_transformers.disable_max_rows()


def export(chart: alt.TopLevelMixin, name: str, folder: Path = FIGURES) -> alt.TopLevelMixin:
    """Write ``chart`` to ``folder/name.svg`` for reuse in slides; return it."""
    spec = chart.to_dict()
    _require_description(spec)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.svg").write_text(svg(spec), encoding="utf-8")
    return chart


def glue_figure(name: str, chart: alt.TopLevelMixin) -> None:
    """Export ``chart`` to figures/ and glue it under the same name for a ``{glue:figure}`` directive."""
    from myst_nb import glue  # only chapters call this; tests of the package need no notebook machinery

    glue(name, export(chart, name), display=False)

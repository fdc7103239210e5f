"""How Altair charts leave a notebook: as HTML for the site, as PNG for the PDF, as files in figures/.

Altair's default renderer writes only HTML that fetches Vega from a CDN. The report's renderer
returns two outputs per chart:

* ``text/html``: Altair's own "universal" template. It loads nothing by itself when the page has
  already loaded Vega, Vega-Lite and Vega-Embed (the book does this from ``_ext/offline_vega.py``);
* ``image/png``: the same chart drawn offline by vl-convert, which the LaTeX builder picks for the PDF.

The chart's element id is derived from its spec rather than random, so re-executing a notebook gives
the same output (strict nbval compares it) and two builds give the same HTML.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import altair as alt
import vl_convert
from altair.utils.mimebundle import spec_to_mimebundle

from kadiz.charts.theme import register_theme
from kadiz.paths import FIGURES

RENDERER = "kadiz"
# The "..." menu of Vega-Embed offers downloads that need no menu here (figures/ has them), and
# axe-core flags it as an unnamed <summary>.
EMBED_OPTIONS = {"actions": False}
PNG_PPI = 144  # scale_factor would double the width metadata; ppi keeps the printed size right
VERSIONS = {
    "vega_version": alt.VEGA_VERSION,
    "vegalite_version": alt.VEGALITE_VERSION,
    "vegaembed_version": alt.VEGAEMBED_VERSION,
}


def _chart_id(spec: dict) -> str:
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True).encode("utf-8")).hexdigest()
    return f"kadiz-chart-{digest[:16]}"


def _require_description(spec: dict) -> None:
    # The description becomes the chart's accessible name; without it a screen reader gets nothing.
    if not spec.get("description"):
        raise ValueError("every chart of the report needs a description (its text alternative)")


def render(spec: dict, **metadata) -> tuple[dict, dict]:
    """Altair renderer: HTML for the site plus a PNG for the PDF."""
    _require_description(spec)
    html = spec_to_mimebundle(
        spec,
        format="html",
        mode="vega-lite",
        template="universal",
        output_div=_chart_id(spec),
        embed_options=EMBED_OPTIONS,
        **VERSIONS,
    )
    png, png_meta = spec_to_mimebundle(
        spec, format="png", mode="vega-lite", ppi=PNG_PPI, **VERSIONS
    )
    return {**html, **png}, png_meta


def enable() -> None:
    """Switch Altair in this kernel to the report's theme and renderer."""
    register_theme()
    alt.renderers.register(RENDERER, render)
    alt.renderers.enable(RENDERER)
    # Charts of a few hundred rows are normal here; the limit guards against accidents only.
    alt.data_transformers.disable_max_rows()


def export(chart: alt.TopLevelMixin, name: str, folder: Path = FIGURES) -> alt.TopLevelMixin:
    """Write ``chart`` to ``folder/name.svg`` and ``folder/name.png`` for reuse in slides; return it."""
    spec = chart.to_dict()
    _require_description(spec)
    folder.mkdir(parents=True, exist_ok=True)
    vl_version = alt.SCHEMA_VERSION.removeprefix("v").rsplit(".", 1)[0]
    svg = vl_convert.vegalite_to_svg(spec, vl_version=vl_version)
    png = vl_convert.vegalite_to_png(spec, vl_version=vl_version, ppi=PNG_PPI)
    (folder / f"{name}.svg").write_text(svg, encoding="utf-8")
    (folder / f"{name}.png").write_bytes(png)
    return chart


def glue_figure(name: str, chart: alt.TopLevelMixin) -> None:
    """Export ``chart`` to figures/ and glue it under the same name for a ``{glue:figure}`` directive."""
    from myst_nb import glue  # only chapters call this; tests of the package need no notebook machinery

    glue(name, export(chart, name), display=False)

"""The book's reader of chart outputs: a MyST-NB MIME renderer for the figure payload that chapters store.

Registered under the entry point group ``myst_nb.mime_renderers`` (pyproject.toml), so it works for every build
of the book without configuration. For the site it returns the figure's HTML (``render.html``); for the PDF, an
image node of the desktop layout drawn as SVG (``render.svg``) and turned into PDF by vl-convert, which LaTeX
includes as vector art with the chart's fonts embedded, written where MyST-NB writes the images of outputs. Only the builder at hand pays for its own
drawing, and only when Sphinx reads the page: a PDF build that re-reads no page converts nothing.
"""

from __future__ import annotations

import base64

import vl_convert
from docutils import nodes

from kadiz.charts import render, stored


def _builder_format(element_renderer) -> str:
    env = getattr(element_renderer.renderer, "sphinx_env", None)
    return env.app.builder.format if env is not None else "html"


class VegaLiteChart:
    """myst_nb.core.render.MimeRenderPlugin for ``render.MIME``."""

    mime_priority_overrides = [("*", render.MIME, 1)]

    @staticmethod
    def handle_mime(element_renderer, data, inline: bool):
        if data.mime_type != render.MIME:
            return None
        payload = stored.loaded(data.string)
        if _builder_format(element_renderer) == "html":
            return [nodes.raw(text=render.html(payload), format="html", classes=["output", "text_html"])]
        pdf = vl_convert.svg_to_pdf(render.svg(render.layout_spec(payload)))
        image = type(data)("application/pdf", base64.b64encode(pdf).decode(), cell_metadata=data.cell_metadata,
                           output_metadata={}, cell_index=data.cell_index, output_index=data.output_index,
                           line=data.line)
        return element_renderer.render_image(image)

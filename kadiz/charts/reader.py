"""How a figure shows itself in a reader's notebook, where no book build draws its payload.

When the book executes a chapter (``KADIZ_BOOK`` set, by scripts/execute_chapters.py and by the nbval kernels of
the tests) a figure displays the compact payload that the build draws (``kadiz.charts.render``). A reader's kernel
(a downloaded chapter in JupyterLab) has no build, so there a figure displays a standard bundle: its desktop layout
as Vega-Lite, under the MIME type of the version its ``$schema`` names, and the same layout drawn as SVG. JupyterLab
4.6 renders Vega-Lite v3 to v5 only and Altair 6 writes v6, so the SVG is what JupyterLab shows today; a front end
that knows v6 draws the interactive chart. Both are made here, offline.
"""

from __future__ import annotations

import os
import re

import altair as alt
import vl_convert

BOOK_ENVIRONMENT = "KADIZ_BOOK"
VL_VERSION = alt.SCHEMA_VERSION.removeprefix("v").rsplit(".", 1)[0]


def in_book() -> bool:
    """Whether this kernel executes a chapter for the book (``KADIZ_BOOK`` set) rather than for a reader."""
    return bool(os.environ.get(BOOK_ENVIRONMENT))


# An axis label Vega hid because it would overlap its neighbour: drawn with opacity 0, yet text that a PDF made from
# the SVG would carry, where it is copied, searched and read aloud on top of the label beside it.
HIDDEN_LABEL = re.compile(r'<text\b[^>]*\bopacity="0"[^>]*>[^<]*</text>')


def svg(spec: dict) -> str:
    """A chart drawn offline as SVG (the print, slide and notebook version), without the labels Vega hid.

    Without ARIA attributes: on the site the interactive chart carries them, and in print they would only
    repeat every tooltip (about 40 % of the file) where no screen reader can reach them.
    """
    config = {**spec.get("config", {}), "aria": False}
    return HIDDEN_LABEL.sub("", vl_convert.vegalite_to_svg({**spec, "config": config}, vl_version=VL_VERSION))


def vegalite_mime(spec: dict) -> str:
    """The MIME type of a Vega-Lite spec, by the major version its ``$schema`` names (…/vega-lite/v6.4.1.json)."""
    major = re.search(r"/vega-lite/v(\d+)", spec.get("$schema", ""))
    if major is None:
        raise ValueError("a Vega-Lite spec without a $schema naming its version")
    return f"application/vnd.vegalite.v{major.group(1)}+json"


def reader_bundle(spec: dict) -> dict:
    """A whole Vega-Lite spec (datasets included) as a notebook shows it: Vega-Lite and, beside it, SVG."""
    return {vegalite_mime(spec): spec, "image/svg+xml": svg(spec)}

"""Serve Vega, Vega-Lite and Vega-Embed from the site itself, so charts draw with no network.

Altair's HTML output only fetches the libraries from a CDN when the page has not already loaded
them; it learns that from ``window.VEGA_DEBUG``. This extension puts the bundle that the pinned
vl-convert-python ships into ``_static/vendor/`` of the HTML output and loads it, after presetting
``VEGA_DEBUG`` to the versions the pinned Altair expects.

The bundle is 0.9 MB (300 kB compressed), so only pages that draw a chart load it: those whose body holds a
chart container of the report's renderer (kadiz/charts/render.py).
"""

from pathlib import Path

import altair as alt
import vl_convert

BUNDLE = "vendor/vega-bundle.js"
# The element kadiz.charts.render writes for every chart, which its script draws into.
CHART_CONTAINER = 'class="kadiz-chart"'


def _vega_debug_preset() -> str:
    return (
        "window.VEGA_DEBUG = {"
        f'vega_version: "{alt.VEGA_VERSION}", '
        f'vegalite_version: "{alt.VEGALITE_VERSION}", '
        f'vegaembed_version: "{alt.VEGAEMBED_VERSION}"'
        "};"
    )


def _is_html(app) -> bool:
    return app.builder.format == "html"


def has_chart(body: str) -> bool:
    return CHART_CONTAINER in body


def _add_scripts(app, pagename, templatename, context, doctree) -> None:
    # Sphinx adds a file given here to this page only.
    if not _is_html(app) or not has_chart(context.get("body", "")):
        return
    app.add_js_file(None, body=_vega_debug_preset(), priority=200)
    app.add_js_file(BUNDLE, priority=201)


def _write_bundle(app, exception) -> None:
    if exception is not None or not _is_html(app):
        return
    target = Path(app.outdir) / "_static" / BUNDLE
    # Made once per vl-convert version (seconds of work): a build that finds it in place keeps it.
    header = f"/* vl-convert-python {vl_convert.__version__} */\n"
    if target.is_file():
        with target.open(encoding="utf-8") as bundle:
            if bundle.readline() == header:
                return
    target.parent.mkdir(parents=True, exist_ok=True)
    # The bundle declares top-level consts (n, t, ...); wrapped in a function they cannot clash
    # with other classic scripts of the page, which share one global scope.
    target.write_text(f"{header}(function () {{\n{vl_convert.javascript_bundle()}\n}})();\n", encoding="utf-8")


def setup(app):
    app.connect("html-page-context", _add_scripts)
    app.connect("build-finished", _write_bundle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

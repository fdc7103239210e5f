"""Serve Vega, Vega-Lite and Vega-Embed from the site itself, so charts draw with no network, after the text.

The bundle that the pinned vl-convert-python ships goes into ``_static/vendor/`` of the HTML output. It is 0.9 MB
(305 kB compressed) and runs for about a second on a phone, so only pages that draw a chart name it (those whose
body holds a chart container of the report's renderer, kadiz/charts/render.py), in a ``<meta>`` element, and the
small loader that every page carries (_static/chart-library.js, deferred like the book's other scripts) fetches and
runs it when a chart comes near the screen or the page is printed; every chart draws once it has run. The text
paints and answers before it.
"""

from pathlib import Path

import vl_convert

BUNDLE = "vendor/vega-bundle.js"
LIBRARY_META = "kadiz-chart-library"  # the <meta> that names the bundle for the loader
# The element kadiz.charts.render writes for every chart, which its script draws into.
CHART_CONTAINER = 'class="kadiz-chart"'


def _is_html(app) -> bool:
    return app.builder.format == "html"


def has_chart(body: str) -> bool:
    return CHART_CONTAINER in body


def _name_library(app, pagename, templatename, context, doctree) -> None:
    if _is_html(app) and has_chart(context.get("body", "")):
        address = f"{context['pathto'](f'_static/{BUNDLE}', 1)}?v={vl_convert.__version__}"
        context["metatags"] = context.get("metatags", "") + f'<meta name="{LIBRARY_META}" content="{address}">\n'


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
    app.connect("html-page-context", _name_library)
    app.connect("build-finished", _write_bundle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

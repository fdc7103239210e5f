"""How the report's charts leave a notebook: as a figure payload, drawn for the site and for print at build time.

A figure is one chart in two layouts and the data it shows (``Figure``): a ``desktop`` layout sized for the book's
column, a ``phone`` layout for narrow screens (lanes stacked, labels shortened, wrapped headlines), and the data as
a table of reader-facing columns. A chapter's figure output holds one line of JSON under ``MIME``: the two
Vega-Lite specs and the table (so the committed chapters stay small and strict nbval compares the specs
themselves), in the compact form of ``kadiz.charts.stored``. When the book is built, ``kadiz.charts.mime`` turns it into

* ``html(payload)`` on the site: a ``<div>``, a short script that hands the layout that fits the column to
  Vega-Embed (again when the column changes width), in the page's colour mode (every colour of the palette swapped
  for its dark twin when the page is dark, again when the reader switches mode), which the book loads from the site itself
  (``_ext/offline_vega.py``) when a chart comes near the screen, and the chart's data as a collapsed table with a CSV download. Nothing is fetched
  from another host, and there is no fallback that would;
* ``svg(spec)`` in the PDF: the desktop layout drawn offline by vl-convert, which ``kadiz.charts.mime`` turns into
  PDF (vl-convert again), so print stays vector.

The payload is what a figure displays when the book executes a chapter (``KADIZ_BOOK`` set); in a reader's
kernel it shows itself as standard Vega-Lite and SVG instead (``kadiz.charts.reader``).

``export`` writes the same SVG and the table as CSV to figures/ when a chapter is executed, for slides and
classrooms.

Text in a figure comes from the data and is untrusted. Inside ``<script>`` it is written by
``kadiz.escape.script_json``; in the table it is HTML-escaped; in the CSV a cell a spreadsheet would run as a
formula is defused (``kadiz.escape.csv_cell``). Vega-Embed's tooltip handler shows tooltip text as text.

The chart's element id is derived from its payload rather than random, so two builds give the same HTML.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html as html_text
import json
import re
import urllib.parse
from pathlib import Path

import altair as alt
import pandas as pd

from kadiz import tables
from kadiz.charts import palette, stored
from kadiz.charts.reader import in_book, reader_bundle, svg
from kadiz.charts.theme import DESKTOP, register_theme
from kadiz.escape import csv_text, script_json
from kadiz.typography import html_nowrap
from kadiz.paths import FIGURES

RENDERER = "kadiz"
# The payload travels as one line of JSON text. Under an application/...+json type a notebook would store it as
# a JSON object, one number per line once pretty-printed: a chart with map outlines grew fourfold that way.
MIME = "text/vnd.kadiz.figure+json"
# The "..." menu of Vega-Embed offers downloads that need no menu here (the data table has its CSV), and
# axe-core flags it as an unnamed <summary>.
EMBED_OPTIONS = {"actions": False}
# Below this width of its column a chart draws its phone layout: the desktop layout (DESKTOP.width plus the
# theme's padding) would otherwise be scaled down and its 12 px text would shrink below 11 px.
PHONE_BELOW = DESKTOP.width + 20
# The keyboard and screen-reader route to every value of a chart, named in its text alternative.
TABLE_NOTE = "The chart's data are in the table that follows it."
# A cell that is a number as written ("56", "0.045", "1,185", "41%"): a column of them is set right.
NUMBER = re.compile(r"[−-]?\d[\d,]*(?:\.\d+)?%?")


@dataclasses.dataclass(frozen=True, repr=False)
class Figure:
    """One chart as the report publishes it: its desktop and phone layouts and the data it shows.

    `table` holds the columns a reader needs, named in reader words (no codes); it becomes the figure's data
    table on the site and its CSV. `table_kind` says how a reader reads it (kadiz.tables): rows of words
    (``PROSE``, cards on a phone) or a grid of numbers compared across rows (``GRID``, a grid on every screen).
    `name` is the figure's glue key, given by ``glue_figure``.
    """

    desktop: alt.TopLevelMixin
    table: pd.DataFrame
    phone: alt.TopLevelMixin | None = None
    name: str = "figure"
    table_kind: str = tables.PROSE

    def __post_init__(self):
        if self.table_kind not in tables.KINDS:
            raise ValueError(f"a figure's table is one of {tables.KINDS}, not {self.table_kind!r}")

    def payload(self) -> dict:
        specs = {"desktop": self.desktop.to_dict(),
                 "phone": self.phone.to_dict() if self.phone is not None else None}
        # Both layouts draw the same rows: Altair names a dataset by its content's hash, so they are stored once.
        datasets = {}
        for spec in filter(None, specs.values()):
            _require_description(spec)
            spec["description"] = f"{spec['description'].rstrip()} {TABLE_NOTE}"
            datasets.update(spec.pop("datasets", {}))
        return {**specs, "datasets": datasets, "name": self.name,
                "table": {**table_cells(self.table), "kind": self.table_kind}}

    def __repr__(self) -> str:
        # A notebook keeps this as the output's plain text: a line, not the charts and the table written out.
        layouts = "desktop and phone layouts" if self.phone is not None else "one layout"
        return f"<Figure {self.name}: {layouts}, {len(self.table)} rows of data>"

    def _repr_mimebundle_(self, include=None, exclude=None):
        return bundle(self.payload())


def bundle(payload: dict) -> dict:
    """A figure's display data: the payload for the book, the reader's bundle in a reader's kernel."""
    if in_book():
        return {MIME: stored.text(payload)}
    return reader_bundle(layout_spec(payload))


def layout_spec(payload: dict, layout: str = "desktop") -> dict:
    """One layout of a figure as a whole Vega-Lite spec, its datasets included."""
    return {**payload[layout], "datasets": payload.get("datasets", {})}


def table_cells(df: pd.DataFrame) -> dict:
    """A table as text cells: its column names, its rows, each value written as a reader sees it, and which
    columns hold numbers (every cell written, a number: set right in the table)."""
    def cell(value) -> str:
        if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
            return ""
        if isinstance(value, float):
            # Four significant figures (a p-value of 0.045123 as 0.04512); a whole number whole, however large
            # (1185, not 1.185e+03).
            return str(int(value)) if value.is_integer() else f"{value:.4g}"
        return " ".join(str(value).split())

    rows = [[cell(v) for v in row] for row in df.itertuples(index=False)]
    written = [[row[i] for row in rows if row[i]] for i in range(len(df.columns))]
    numbers = [bool(cells) and all(NUMBER.fullmatch(c) for c in cells) for cells in written]
    return {"columns": [str(c) for c in df.columns], "rows": rows, "numbers": numbers}


def _require_description(spec: dict) -> None:
    # The description becomes the chart's accessible name; without it a screen reader gets nothing.
    if not spec.get("description"):
        raise ValueError("every chart of the report needs a description (its text alternative)")


def _chart_id(payload: dict) -> str:
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()
    return f"kadiz-chart-{digest[:16]}"


def csv(table: dict) -> str:
    """The table as CSV text, each cell safe to open in a spreadsheet."""
    frame = pd.DataFrame(table["rows"], columns=table["columns"])
    return frame.map(csv_text).rename(columns=csv_text).to_csv(index=False, lineterminator="\n")


def _data_table(payload: dict) -> str:
    table, name = payload["table"], re.sub(r"[^a-z0-9-]", "", payload["name"]) or "figure"
    # Numbers set right, words left (the classes the theme and kadiz.tables give a pipe table's alignment).
    align = [' class="text-right"' if number else ' class="text-left"' for number in table["numbers"]]
    head = "".join(f'<th scope="col"{a}>{html_text.escape(c)}</th>' for a, c in zip(align, table["columns"]))
    rows = "".join("<tr>" + "".join(f"<td{a}>{html_nowrap(v)}</td>" for a, v in zip(align, row)) + "</tr>"
                   for row in table["rows"])
    href = "data:text/csv;charset=utf-8," + urllib.parse.quote(csv(table))
    return (
        '<details class="kadiz-chart-data">\n'
        f"<summary>The chart's data as a table ({len(table['rows'])} rows)</summary>\n"
        f'<table class="table {table["kind"]}"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>\n'
        f'<p><a download="{name}.csv" href="{href}">Download the data as CSV</a></p>\n'
        "</details>\n"
    )


def html(payload: dict) -> str:
    """The figure as HTML for the site: a container, the script that draws the layout fitting it, its data."""
    chart_id = _chart_id(payload)
    specs = {"desktop": payload["desktop"], "phone": payload.get("phone")}
    return (
        f'<div id="{chart_id}" class="kadiz-chart"></div>\n'
        "<script>\n"
        "(function () {\n"
        f'  var target = document.getElementById("{chart_id}");\n'
        "  function start() {\n"
        "  if (typeof vegaEmbed !== \"function\") {\n"
        '    target.textContent = "This chart needs the page\'s chart library, which did not load.";\n'
        "    return;\n"
        "  }\n"
        f"  var specs = {script_json(specs)}, drawn = null, view = null;\n"
        f"  var datasets = {script_json(payload.get('datasets', {}))};\n"
        f"  var dark = {script_json(palette.dark_of())}, colourFields = {script_json(list(palette.COLOUR_FIELDS))};\n"
        + palette.DARK_JS +
        "  function draw() {\n"
        "    // The column, not the chart: Vega-Embed makes its container as wide as the chart it holds.\n"
        f'    var layout = specs.phone && target.parentElement.clientWidth < {PHONE_BELOW} ? "phone" : "desktop";\n'
        "    var mode = inDark() ? \"dark\" : \"light\";\n"
        "    if (layout + \" \" + mode === drawn) return;\n"
        "    drawn = layout + \" \" + mode;\n"
        "    target.dataset.layout = layout;\n"
        "    target.dataset.mode = mode;\n"
        "    if (view) view.finalize();\n"
        "    var spec = Object.assign({}, specs[layout], {datasets: datasets});\n"
        "    if (mode === \"dark\") {\n"
        "      var rows = {};\n"
        "      for (var name in datasets) rows[name] = Array.isArray(datasets[name]) ? darkRows(datasets[name]) : datasets[name];\n"
        "      spec = Object.assign(darkened(specs[layout]), {datasets: rows});\n"
        "    }\n"
        f"    vegaEmbed(target, spec, {script_json(EMBED_OPTIONS)})\n"
        "      .then(function (result) {\n"
        "        view = result.view;\n"
        "        // A layer with no rows in one panel of a faceted chart leaves an empty mark group that screen\n"
        "        // readers would announce as an image without a name: there is nothing in it to read.\n"
        "        target.querySelectorAll(\"g.role-mark\").forEach(function (group) {\n"
        "          if (!group.childElementCount) group.setAttribute(\"aria-hidden\", \"true\");\n"
        "        });\n"
        "      })\n"
        '      .catch(function (err) { target.textContent = "This chart could not be drawn: " + err.message; });\n'
        "  }\n"
        "  draw();\n"
        '  window.addEventListener("resize", draw);\n'
        "  // The theme's light/dark switch sets data-theme on <html>: the chart follows it.\n"
        "  new MutationObserver(draw).observe(document.documentElement, {attributes: true, attributeFilter: [\"data-theme\"]});\n"
        "  }\n"
        "  // Drawn once the chart library has run, which _static/chart-library.js loads when a chart nears the screen.\n"
        '  (window.kadizCharts = window.kadizCharts || []).push({target: target, start: start});\n'
        "})();\n"
        "</script>\n"
        + (_data_table(payload) if payload.get("table") else "")
    )


def render(spec: dict, **metadata) -> dict:
    """Altair renderer: a chart shown on its own is a figure of one layout whose table is its first dataset."""
    _require_description(spec)
    spec = dict(spec)
    rows = spec.pop("datasets", {})
    first = next(iter(rows.values()), [])
    payload = {"desktop": spec, "phone": None, "datasets": rows, "name": "figure", "table": table_cells(pd.DataFrame(first))}
    return bundle(payload)


def enable() -> None:
    """Switch Altair in this kernel to the report's theme and renderer."""
    register_theme()
    alt.renderers.register(RENDERER, render)
    alt.renderers.enable(RENDERER)
    # Charts of a few hundred rows are normal here; the limit guards against accidents only.
    alt.data_transformers.disable_max_rows()


@dataclasses.dataclass(frozen=True)
class Exported:
    """A figure written to figures/: its notebook output names the file of its payload and that file's digest."""

    figure: Figure
    reference: str

    def __repr__(self) -> str:
        return repr(self.figure)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {MIME: self.reference}


def export(figure: Figure, folder: Path = FIGURES) -> Exported:
    """Write the figure's desktop layout to ``folder/<name>.svg``, its data to ``<name>.csv`` and its payload (both
    layouts and the table, as kadiz.charts.stored keeps them) to ``<name>.json``, which the book draws."""
    payload = figure.payload()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{figure.name}.svg").write_text(svg(layout_spec(payload)), encoding="utf-8")
    (folder / f"{figure.name}.csv").write_text(csv(payload["table"]), encoding="utf-8")
    content = stored.text(payload)
    (folder / f"{figure.name}.json").write_text(content, encoding="utf-8")
    return Exported(figure, stored.reference(folder / f"{figure.name}.json", content))


def glue_figure(name: str, figure: Figure) -> None:
    """Export ``figure`` to figures/ and glue it under the same name for a ``{glue:figure}`` directive. In a
    reader's kernel, where no book pastes it, the cell shows it instead, and the report's figures/ stay as the
    book made them (a reader's edited chart is not the report's)."""
    if not isinstance(figure, Figure):
        raise TypeError(f"{name}: glue a render.Figure (both layouts and the chart's data), not {type(figure).__name__}")
    figure = dataclasses.replace(figure, name=name)
    if in_book():
        from myst_nb import glue  # only chapters call this; tests of the package need no notebook machinery

        glue(name, export(figure), display=False)
    else:
        from IPython.display import display

        display(figure)

"""Each chapter's "Notebook" download is a reader's notebook: what the page says, with the code that computes it.

sphinx-book-theme links a chapter's "Notebook" entry to ``_sources/<chapter>.ipynb``, which Sphinx fills with the
chapter's source: MyST that Jupyter cannot read (``{glue:text}`` placeholders, ``{numref}``, directives), code cells
hidden, charts under the report's own MIME type. This extension writes a notebook for a reader there instead, in
each edition (sphinx-tojupyter, which QuantEcon builds its downloads with, is a builder of its own for
reStructuredText sources, not a fit for MyST-NB notebooks whose outputs are committed):

- the prose of each Markdown cell as the edition's page shows it (_ext/reader_markdown.py): numbers written in,
  "Fig. 2.1" and "[Salmon, 2022]" as printed, exercises numbered, solutions only in the teacher's edition, each
  figure with its chart as an image, its caption and its source line;
- every code cell, visible (no remove/hide tags), with its committed outputs; a figure's output as standard
  Vega-Lite with its SVG beside it (kadiz.charts.reader), which is also what the cell shows when the reader runs it.

Each figure is drawn once, where the page has it: the cell that draws it (``book.glue_figure``) moves down to the
figure's place in the prose, which is split there, so that its chart stands right above its caption. A chapter
puts that cell just before the prose that shows the figure, so the move passes no other code and the cells run in
the same order; were code cells between them, the cell would stay and the prose would show the chart as an image.

A downloaded notebook is not trusted on the reader's machine, and JupyterLab then shows neither SVG nor Vega-Lite
(nor an SVG attachment) until its cells run: so each chart also travels as PNG, which it shows at once.

A notebook is written for each chapter page Sphinx writes, after Sphinx copied the sources (``build-finished``).
"""

from __future__ import annotations

import base64
import functools
import json
import sys
from pathlib import Path

import nbformat
import vl_convert

sys.path.insert(0, str(Path(__file__).parent))
import reader_markdown  # noqa: E402  (this folder's module, as the book loads its extensions)

from kadiz.charts import reader, render, stored  # noqa: E402

RECORD = "application/papermill.record/"
# Tags and metadata that hide a cell or its source on the site; in the reader's notebook the code is to be read.
HIDING_TAGS = {"remove-cell", "remove_cell", "remove-input", "remove_input", "hide-cell", "hide-input", "hide-output",
               "remove-output", "remove_output"}
NOTEBOOK_METADATA = ("kernelspec", "language_info")


def figure_payloads(notebook) -> dict[str, dict]:
    """The payload of each figure the chapter glues, by its name."""
    found = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if RECORD + render.MIME in data:
                found[output["metadata"]["scrapbook"]["name"]] = stored.loaded(data[RECORD + render.MIME])
    return found


def reader_output(output, payloads: dict[str, dict]):
    """A committed output as the reader's kernel would show it (a figure as Vega-Lite and SVG), with a PNG of the
    figure for the notebook as long as it is untrusted."""
    data = output.get("data", {})
    if RECORD + render.MIME in data:
        payload = payloads[output["metadata"]["scrapbook"]["name"]]
    elif render.MIME in data:
        payload = stored.loaded(data[render.MIME])
    else:
        return output
    key = _spec_key(payload)
    bundle = {**_bundle(key), "image/png": _png(key), "text/plain": f"<Figure {payload['name']}>"}
    return nbformat.v4.new_output("display_data", data=bundle)


def _spec_key(payload: dict) -> str:
    # A figure is drawn once per build though both the prose and its code cell show it.
    return json.dumps(render.layout_spec(payload), sort_keys=True)


@functools.lru_cache(maxsize=64)
def _bundle(spec_key: str) -> dict:
    return reader.reader_bundle(json.loads(spec_key))


@functools.lru_cache(maxsize=64)
def _png(spec_key: str) -> str:
    spec = json.loads(spec_key)
    spec = {**spec, "config": {**spec.get("config", {}), "aria": False}}
    return base64.b64encode(vl_convert.vegalite_to_png(spec, vl_version=reader.VL_VERSION)).decode("ascii")


def code_cell(cell, payloads):
    metadata = {k: v for k, v in cell.metadata.items() if k not in ("jupyter", "collapsed", "execution")}
    tags = [t for t in metadata.pop("tags", []) if t not in HIDING_TAGS]
    if tags:
        metadata["tags"] = tags
    return nbformat.v4.new_code_cell(cell.source, metadata=metadata, execution_count=cell.get("execution_count"),
                                     outputs=[reader_output(o, payloads) for o in cell.outputs])


def reader_notebook(source, blocks: list[reader_markdown.Block], payloads: dict[str, dict]):
    """The reader's notebook: the page's Markdown back in the cells it came from, code cells visible, and the cell
    that draws a figure at the figure's place."""
    prose = reader_markdown.cells_markdown(blocks)
    drawn_by = {output["metadata"]["scrapbook"]["name"]: index for index, cell in enumerate(source.cells)
                for output in cell.get("outputs", []) if RECORD + render.MIME in output.get("data", {})}
    placed: dict[int, list[tuple[str, int]]] = {}  # prose cell -> (figure, its drawing cell) to put in it
    for block in blocks:
        code = drawn_by.get(block.figure)
        if code is not None and code < block.cell and \
                all(c.cell_type == "markdown" for c in source.cells[code + 1:block.cell]):
            placed.setdefault(block.cell, []).append((block.figure, code))
    moved = {code for figures in placed.values() for _, code in figures}
    cells = []
    for index, cell in enumerate(source.cells):
        if cell.cell_type == "code" and index not in moved:
            cells.append(code_cell(cell, payloads))
        elif index in prose:
            text = prose[index]
            for name, code in placed.get(index, []):
                before, text = text.split(figure_markdown(payloads, name), 1)
                if before.strip():
                    cells.append(nbformat.v4.new_markdown_cell(before.strip()))
                cells.append(code_cell(source.cells[code], payloads))
            markdown = nbformat.v4.new_markdown_cell(text.strip())
            unplaced = [name for name in payloads if figure_markdown(payloads, name) in text]
            if unplaced:
                markdown["attachments"] = {f"{name}.png": {"image/png": _png(_spec_key(payloads[name]))}
                                           for name in unplaced}
            cells.append(markdown)
    metadata = {k: source.metadata[k] for k in NOTEBOOK_METADATA if k in source.metadata}
    return nbformat.v4.new_notebook(cells=cells, metadata=metadata)


def _page(app, docname: str, payloads: dict[str, dict]) -> reader_markdown.Page:
    env = app.env
    std = env.get_domain("std")

    def number(node):
        kind = std.get_enumerable_node_type(node)
        ids = node.get("ids") or [None]
        found = env.toc_fignumbers.get(node.get("docname", docname), {}).get(kind, {}).get(ids[0])
        return ".".join(map(str, found)) if found else None

    def label(kind: str) -> str:
        return app.config.numfig_format.get(kind, f"{kind.title()} %s")

    return reader_markdown.Page(number=number, label=label, figure=lambda name: figure_markdown(payloads, name))


def figure_markdown(payloads: dict[str, dict], name: str) -> str:
    """The prose's image of a figure's chart, described in words, or "" for a figure the chapter does not glue."""
    if name not in payloads:
        return ""
    alt_text = reader_markdown.escape(render.layout_spec(payloads[name]).get("description", name)).replace("\\", "")
    return f"![{alt_text}](attachment:{name}.png)"


def _convert(app, doctree, docname: str) -> None:
    if app.builder.format != "html" or not app.env.doc2path(docname).endswith(".ipynb"):
        return
    source = nbformat.read(app.env.doc2path(docname), as_version=4)
    payloads = figure_payloads(source)
    blocks = reader_markdown.blocks(doctree, _page(app, docname, payloads))
    app.kadiz_reader_notebooks[docname] = reader_notebook(source, blocks, payloads)


def _write(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for docname, notebook in app.kadiz_reader_notebooks.items():
        path = Path(app.outdir) / "_sources" / f"{docname}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, path)
    app.kadiz_reader_notebooks.clear()


def setup(app):
    app.kadiz_reader_notebooks = {}
    app.connect("doctree-resolved", _convert)
    app.connect("build-finished", _write)
    # The notebooks are gathered in this process while pages are written.
    return {"parallel_read_safe": True, "parallel_write_safe": False}

"""What `make book` does with valid data, short of Sphinx: every chapter's code run on the data, every chapter facts
module's `facts(data)`, and everything glued drawn and escaped as the site and the PDF take it (each figure's two
layouts drawn by vl-convert, its HTML with the script and data table, its CSV; each table and quote as MyST).

The chapters are found, not listed: the code cells of chapters/*.ipynb (whatever facts and chart functions they
call) and the modules kadiz/*_facts.py with a `facts` function. A chapter is re-run only when it reads a table
that changed, as a first full run records (`tables_read`), so a check of one table does not wait for the
coincidence chapter's simulations.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from unittest import mock

import myst_nb
import nbformat

from kadiz import book, tables
from kadiz.charts import render
from kadiz.data import Data
from kadiz.paths import ROOT

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
FACTS_MODULES = sorted(p.stem for p in (ROOT / "kadiz").glob("*_facts.py"))


class _Reading:
    """The data, noting which tables are read."""

    def __init__(self, data: Data, read: set[str]):
        self._data, self._read = data, read

    def __getattr__(self, name):
        if name in Data._fields:
            self._read.add(name)
        return getattr(self._data, name)


def _draw(key: str, value) -> None:
    """What the build does with a glued value: a figure drawn for the site and for print, text escaped."""
    if isinstance(value, render.Figure):
        payload = value.payload()
        render.html(payload)
        render.csv(payload["table"])
        for layout in ("desktop", "phone"):
            if payload.get(layout):
                render.svg(render.layout_spec(payload, layout))
    elif isinstance(value, (tables.Markdown, book.PageData)):
        text = value.data if isinstance(value, tables.Markdown) else value.html
        assert "\u2028" not in text and "\u2029" not in text, f"{key}: a line separator reached the page"
    else:
        book.plain(value)


def run_chapter(path: Path, data) -> dict:
    """Run a chapter's code cells on `data` (in place of book.start()); return what it glued, drawn."""
    glued = {}

    def glue(key, value, display=False):
        _draw(key, value)
        glued[key] = value

    with mock.patch.object(book, "start", lambda: data), mock.patch.object(myst_nb, "glue", glue), \
            mock.patch.object(render, "export", lambda figure: figure):
        namespace = {"__name__": f"chapter_{path.stem}"}
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                exec(compile(cell.source, f"{path.name}", "exec"), namespace)
    return glued


def run_facts(name: str, data) -> dict:
    module = importlib.import_module(f"kadiz.{name}")
    facts = getattr(module, "facts", None)
    if facts is None:
        return {}
    values = facts(data)
    for key, value in values.items():
        book.plain(value)
    return values


_READS: dict[int, dict[str, frozenset[str]]] = {}


def tables_read(data: Data) -> dict[str, frozenset[str]]:
    """For each chapter (its file name) and facts module, the tables it reads, found by running it once on `data`
    (kept for the next call with the same object)."""
    if id(data) in _READS:
        return _READS[id(data)]
    found = {}  # kept only once whole: a chapter that raised must raise again on the next call
    for path in CHAPTERS:
        read: set[str] = set()
        run_chapter(path, _Reading(data, read))
        found[path.name] = frozenset(read)
    for name in FACTS_MODULES:
        read = set()
        run_facts(name, _Reading(data, read))
        found[name] = frozenset(read)
    _READS[id(data)] = found
    return found


def publish(data: Data, changed: set[str] | None = None, baseline: Data | None = None) -> list[str]:
    """Run every chapter and facts module (only those that read a table in `changed`, if given, using `baseline`
    to learn what each reads); an exception is the build failing. Returns what ran."""
    reads = tables_read(baseline) if changed is not None and baseline is not None else None
    ran = []
    for path in CHAPTERS:
        if reads is None or reads[path.name] & changed:
            run_chapter(path, data)
            ran.append(path.name)
    for name in FACTS_MODULES:
        if reads is None or reads[name] & changed:
            run_facts(name, data)
            ran.append(name)
    return ran

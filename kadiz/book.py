"""The preamble of every chapter: one call that sets the chapter up, and one way to glue what its prose shows.

A chapter's first code cell is::

    from kadiz import book
    data = book.start()

and every number, table and chart its text shows goes through one of the glue helpers below. Glue keys follow
one convention, checked here, so that a key says where it belongs and what it is:

- a value (number or words) for ``{glue:text}``: ``<chapter>-<what>``, e.g. ``timeline-h6-minutes``;
- a table for ``{glue:md}`` inside a ``{table}`` directive: ``tbl-<chapter>-<what>``, e.g. ``tbl-voices-quotes``
  (``glue_table`` for words, ``glue_grid`` for numbers: see kadiz.tables);
- a figure for ``{glue:figure}``: ``fig-<chapter>-<what>``, e.g. ``fig-timeline-overview`` (also its file name
  in figures/);

where ``<chapter>`` is the notebook's file name without ``.ipynb`` (``march-and-may``) and ``<what>`` is lowercase
kebab-case words that say what the value is (``coincidence-records-p-null-b-next-day``, not an abbreviation).
The table and figure keys are also the names the text cites with ``{numref}``.

Numbers are printed here too: a whole number as it is, a float (a p-value, a chance, a rate) to three decimals,
the precision the report gives them. A number shown any other way ("0.7 expected", "20,000 draws") is words the
package wrote.
"""

from __future__ import annotations

import numbers
import re

import numpy as np
import pandas as pd

from kadiz import tables
from kadiz.charts import render
from kadiz.data import Data, load
from kadiz.paths import ROOT

CHAPTERS = tuple(sorted(path.stem for path in (ROOT / "chapters").glob("*.ipynb")))
_KEBAB = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_KINDS = {"value": "", "table": "tbl-", "figure": "fig-"}


def start() -> Data:
    """Switch on the report's chart theme and renderer, then load the validated data (DataError if invalid)."""
    render.enable()
    return load()


def check_key(key: str, kind: str = "value") -> str:
    """`key` if it follows the convention for a glue key of this kind ("value", "table" or "figure")."""
    prefix = _KINDS[kind]
    chapters = "|".join(re.escape(c) for c in sorted(CHAPTERS, key=len, reverse=True))
    if not re.fullmatch(rf"{prefix}(?:{chapters})-{_KEBAB}", key):
        raise ValueError(f"glue key {key!r} does not read {prefix}<chapter>-<what>: <chapter> one of "
                         f"{', '.join(CHAPTERS)}, <what> lowercase kebab-case")
    if kind == "value" and key.startswith(tuple(p for p in _KINDS.values() if p)):
        raise ValueError(f"glue key {key!r}: tbl- and fig- name tables and figures, not values")
    return key


def plain(value):
    """A value as the prose prints it: numpy and pandas scalars as Python ones (np.int64(5) would print as such).

    A missing value is an error: the sentence around it would claim a fact the data do not hold.
    """
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        raise ValueError("a missing value cannot be glued into the text")
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, (bool, str, numbers.Integral, numbers.Real)):
        return value
    raise TypeError(f"glue a number or words, not {type(value).__name__}: say in the package how to write it")


def printed(value):
    """A plain value as the prose prints it: a float to three decimals, anything else as it is."""
    return f"{value:.3f}" if isinstance(value, float) else value


def _glue(key: str, value) -> None:
    from myst_nb import glue  # only chapters glue; the package's tests need no notebook machinery

    glue(key, value, display=False)


def glue_value(key: str, value) -> None:
    """A number or words for ``{glue:text}`key```, a float to three decimals."""
    _glue(check_key(key), printed(plain(value)))


def glue_values(values: dict, chapter: str | None = None) -> None:
    """Several values at once: ``{key: value}``.

    With `chapter`, the keys are the ``<what>`` part and each is glued as ``<chapter>-<what>``: the package's
    measures name what they return, the chapter says where it goes (``glue_values(facts, chapter="timeline")``).
    """
    for key, value in values.items():
        glue_value(f"{chapter}-{key}" if chapter else key, value)


def glue_table(key: str, df: pd.DataFrame) -> None:
    """A DataFrame of words, read row by row, as a numbered MyST table whose cells read literally
    (kadiz.tables.markdown; on a phone each row becomes a card)."""
    _glue(check_key(key, "table"), tables.markdown(df, tables.PROSE))


def glue_grid(key: str, df: pd.DataFrame, labels: int = 1) -> None:
    """A DataFrame of numbers a reader compares across rows and columns, as a numbered MyST table that stays a
    grid on every screen; its first `labels` columns name the row (kadiz.tables.markdown)."""
    _glue(check_key(key, "table"), tables.markdown(df, tables.GRID, labels))


def glue_quote(key: str, text: str) -> None:
    """Words from the data (a passage of the article) for ``{glue:md}``, shown exactly as written."""
    _glue(check_key(key), tables.Markdown(tables.escape(text)))


def glue_markdown(key: str, markdown: str) -> None:
    """Markdown the package wrote (links, lists) for ``{glue:md}``; data text inside it must be escaped already."""
    _glue(check_key(key), tables.Markdown(markdown))


class PageData:
    """Markup for machines that a page carries where it is glued (``{glue}`` directive): on the site its HTML,
    nothing as Markdown. The PDF would print its empty plain text as an empty code box (myst-nb drops an empty
    Markdown output and falls back on the plain text), so a chapter glues it inside ``{only} html``."""

    def __init__(self, html: str):
        self.html = html

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html, "text/markdown": "", "text/plain": ""}


def glue_page_data(key: str, html: str) -> None:
    """Machine-readable markup the package wrote for the page (the records page's ClaimReview <script> elements,
    kadiz.verdicts.claim_review_elements), for a ``{glue}`` directive; data text inside it must be escaped
    already (kadiz.escape.script_json)."""
    _glue(check_key(key), PageData(html))


def glue_figure(key: str, figure: render.Figure) -> None:
    """A figure (both layouts of a chart and its data) for ``{glue:figure}``, also written to figures/<key>.svg
    and figures/<key>.csv. In a reader's kernel, which no book pastes from, the cell shows the figure instead."""
    render.glue_figure(check_key(key, "figure"), figure)


def sentence(words: str) -> str:
    """Words shown on their own, as a sentence: with its full stop (a chart's headline made of the same words has
    none)."""
    words = words.rstrip()
    return words if words.endswith((".", "!", "?")) else words + "."


def show(*items) -> None:
    """Display what a "try it" cell computes, where the reader changes a parameter and runs the cell again:
    a figure (drawn like the chapter's other charts), a table, or words. Unlike the glue helpers it shows its
    result in the cell's output, on the site and in a downloaded notebook alike: a figure as the payload the book
    draws when the book executes the chapter, as Vega-Lite and SVG in a reader's kernel (kadiz.charts.reader)."""
    import altair as alt
    from IPython.display import display

    for item in items:
        if isinstance(item, str):
            item = tables.Markdown(tables.escape(sentence(item)))
        elif not isinstance(item, (render.Figure, pd.DataFrame, alt.TopLevelMixin)):
            raise TypeError(f"show a figure, a table or words, not {type(item).__name__}")
        display(item)

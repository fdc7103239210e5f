"""A table in print: ragged-right columns, each at least as wide as its longest word, a smaller type when the
words do not fit across the page, and no row left alone by a page break (used by _ext/report_latex.py).

Every column is made at least as wide as its longest word, header words included, so that no header is hyphenated or
runs into the next column; the room comes from the columns with most to spare; a table whose words do not fit across
the page so is set a size or two smaller. A table whose chapter gives no widths starts from the length of each
column's cells: without widths, Sphinx sets a long table in columns as wide as their longest cell, which runs off the
page.
"""

from __future__ import annotations

import math

from docutils import nodes
from sphinx.writers.latex import LaTeXTranslator

# Column widths are reckoned in characters of the body font across the text width (A4, 11 pt: about 95). A word
# of a header, set in bold sans, takes about 1.25 times its letters; a cell's padding (two \tabcolsep) about 2.
LINE = 95
LONGEST_BODY_WORD = 8
HEADER_SCALE = 1.25
# A value kept whole (a date, "p = 0.287") mixes digits and capitals, wider than the average letter.
WHOLE_SCALE = 1.2
PADDING = 2
# The sizes a table may be set in, with how many more characters a line holds than at the body's 11 pt.
SIZES = [("", 1.0), (r"\small", 11 / 10), (r"\footnotesize", 11 / 9)]


def word_needs(header: list[str], body: list[list[str]]) -> list[float]:
    """The width each column needs so that its longest word fits unbroken, header words included."""
    needs = []
    for j, title in enumerate(header):
        head = max((len(w) for w in title.split()), default=1) * HEADER_SCALE
        # A longer word of the body is hyphenated (or, a web address, broken) rather than widen its column; a value
        # kept whole by no-break spaces ("18 November 2022", kadiz.words.whole) cannot break at them, so its column
        # takes it whole rather than hyphenate it.
        cells = max((len(w) * WHOLE_SCALE if "\xa0" in w else min(len(w), LONGEST_BODY_WORD)
                     for row in body for w in row[j].split(" ")), default=1)
        needs.append(max(head, cells) + PADDING)
    return needs


def column_widths(header: list[str], body: list[list[str]], given: list[int] | None = None,
                  line: float = LINE) -> list[int]:
    """Widths (relative, in tenths of a character) for a table's columns: the chapter's own widths if it gives
    them, else the square root of the mean length of each column's cells; then every column widened to fit its longest word,
    the room taken from the columns that have most to spare."""
    if given:
        total = sum(given)
        chars = [w / total * line for w in given]
    else:
        # The square root of each column's mean cell length: a column of long passages gets the most room, but
        # not so much that the short columns are squeezed to their words.
        rows = [header, *body]
        means = [math.sqrt(sum(len(r[j]) for r in rows) / len(rows)) for j in range(len(header))]
        chars = [m / sum(means) * line for m in means]
    needs = word_needs(header, body)
    chars = [max(c, n) for c, n in zip(chars, needs)]
    excess = sum(chars) - line
    spare = [c - n for c, n in zip(chars, needs)]
    if excess > 0 and sum(spare) > 0:
        take = min(excess, sum(spare))
        chars = [c - take * s / sum(spare) for c, s in zip(chars, spare)]
    return [max(1, round(c * 10)) for c in chars]


def font_size(header: list[str], body: list[list[str]]) -> tuple[str, float]:
    """The size a table is set in: the body's, or the first smaller one at which its words fit across the page
    (the After chapter's grid of seven columns of whole dates), with the line's width in characters at that size."""
    needed = sum(word_needs(header, body))
    command, scale = next(((c, s) for c, s in SIZES if needed <= LINE * s), SIZES[-1])
    return command, LINE * scale


# Rows that a page break may not separate, at each end of a table's body.
ROWS_TOGETHER = 2
# A caption is set narrower than the text; each row takes a rule and some padding, about a line.
CAPTION_LINE = 0.7 * LINE
ROW_RULE = 1


def start_lines(caption: str, header: list[str], body: list[list[str]], widths: list[int]) -> int:
    """Lines a table needs on the page where it starts: its caption, its header and its first ROWS_TOGETHER rows,
    each row as tall as its tallest cell (a column's width in tenths of a character, less its padding)."""
    chars = [max(1.0, w / 10 - PADDING) for w in widths]

    def tall(row: list[str]) -> int:
        return max(math.ceil(len(cell) / c) for cell, c in zip(row, chars)) + ROW_RULE

    return math.ceil(len(caption) / CAPTION_LINE) + sum(tall(row) for row in [header, *body[:ROWS_TOGETHER]])


def set_widths(table: nodes.table) -> None:
    """Set a table's column widths for print, its type size when it must be smaller, and the room it asks for where
    it starts (a table with less room left on the page starts on the next)."""
    tgroup = next(iter(table.findall(nodes.tgroup)), None)
    if tgroup is None:
        return
    colspecs = [c for c in tgroup.children if isinstance(c, nodes.colspec)]
    header = [[e.astext() for e in row.findall(nodes.entry)] for part in tgroup.findall(nodes.thead)
              for row in part.findall(nodes.row)]
    body = [[e.astext() for e in row.findall(nodes.entry)] for part in tgroup.findall(nodes.tbody)
            for row in part.findall(nodes.row)]
    if len(header) != 1 or any(len(r) != len(colspecs) for r in [*header, *body]):
        return  # no header row, several, or spanning cells: left to Sphinx
    given = [c["colwidth"] for c in colspecs] if "colwidths-given" in table["classes"] else None
    command, line = font_size(header[0], body)
    widths = column_widths(header[0], body, given, line)
    for colspec, width in zip(colspecs, widths):
        colspec["colwidth"] = width
    title = next(iter(table.findall(nodes.title)), None)
    room = start_lines(title.astext() if title else "", header[0], body, widths)
    table.parent.insert(table.parent.index(table),
                        nodes.raw("", f"\\FloatBarrier\\Needspace*{{{room}\\baselineskip}}\n", format="latex"))
    if command:
        table.parent.insert(table.parent.index(table), nodes.raw("", f"\\begingroup{command}\n", format="latex"))
        table.parent.insert(table.parent.index(table) + 1, nodes.raw("", "\\endgroup\n", format="latex"))
    if "colwidths-given" not in table["classes"]:
        table["classes"].append("colwidths-given")


# A page breaks between two rows at the glue after the rule under the first; a penalty before the glue forbids it.
NO_BREAK = r"\noalign{\nobreak}" + "\n"


class TableRowsTranslator(LaTeXTranslator):
    """Sphinx's LaTeX writer, but a long table breaks across pages only where it leaves at least ROWS_TOGETHER rows
    on each side: its first rows and its last rows end without a page break (a table's last row printed alone
    overleaf, under the repeated header, reads as a table of its own)."""

    def depart_row(self, node: nodes.row) -> None:
        super().depart_row(node)
        if isinstance(node.parent, nodes.tbody):
            at, last = node.parent.index(node), len(node.parent) - 1
            if at < ROWS_TOGETHER - 1 or last - ROWS_TOGETHER < at < last:
                self.body.append(NO_BREAK)

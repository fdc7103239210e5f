"""Numbered tables for the chapters: a DataFrame as a MyST table, with every cell shown as plain text.

A chapter glues the result (``kadiz.book.glue_table``) and places it in a ``{table}`` directive, which numbers
it (Table N) in the site and the PDF alike::

    book.glue_table("tbl-voices-quotes", df)

    :::{table} Caption
    :name: tbl-voices-quotes

    ```{glue:md} tbl-voices-quotes
    :format: myst
    ```
    :::

A table is one of two kinds, which the page carries as a class and the site's stylesheet lays out:

- ``PROSE`` (``book.glue_table``): words a reader reads row by row (quotations, events, claims). On a phone each
  row becomes a card of its cells, each under its column's name (``_static/table-cards.js``).
- ``GRID`` (``book.glue_grid``): numbers a reader compares across rows and columns (p-values, counts, days). It
  stays a grid on every screen: its first columns name the row and wrap, its values are set right and kept whole
  on one line, and on a phone it scrolls sideways inside its own box with its first column held in view
  (``_static/table-grids.css``).

The kind travels as a block attribute line (``{.kadiz-grid}``, MyST's ``attrs_block``) before the table, so the
chapter's ``{table}`` directive needs no option for it.

MyST would read ``<``, ``*``, ``|`` or ``[`` in a cell as markup (raw HTML, emphasis, a new column, a link);
quotes from the article must appear as printed, so every ASCII punctuation mark is backslash-escaped, which
CommonMark defines as "this character, literally".
"""

import re

import pandas as pd
from IPython.display import Markdown

GRID = "kadiz-grid"
PROSE = "kadiz-prose"
KINDS = (GRID, PROSE)

# Line breaks and runs of spaces, but not the no-break space a value keeps whole with ("1 of 9", kadiz.words.whole).
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")


def escape(value) -> str:
    """A cell as literal text: markup characters escaped, line breaks as spaces, missing values empty."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    return _PUNCTUATION.sub(r"\\\1", _SPACES.sub(" ", str(value)).strip(" "))


def markdown(df: pd.DataFrame, kind: str = PROSE, labels: int = 1) -> Markdown:
    """``df`` as a Markdown pipe table of this kind whose cells read literally (the column names too).

    In a ``GRID`` the first `labels` columns name the row; the others hold its values, set right (``---:``).
    """
    if kind not in KINDS:
        raise ValueError(f"a table is one of {KINDS}, not {kind!r}")
    if kind == GRID and not 0 < labels < len(df.columns):
        raise ValueError(f"a grid needs at least one column naming its rows and one of values, not {labels} of "
                         f"{len(df.columns)}")
    header = "| " + " | ".join(escape(c) for c in df.columns) + " |"
    values = range(labels, len(df.columns)) if kind == GRID else ()
    rule = "|" + "|".join(" ---: " if i in values else " --- " for i in range(len(df.columns))) + "|"
    rows = ["| " + " | ".join(escape(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return Markdown("\n".join([f"{{.{kind}}}", header, rule, *rows]))

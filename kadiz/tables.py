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

MyST would read ``<``, ``*``, ``|`` or ``[`` in a cell as markup (raw HTML, emphasis, a new column, a link);
quotes from the article must appear as printed, so every ASCII punctuation mark is backslash-escaped, which
CommonMark defines as "this character, literally".
"""

import re

import pandas as pd
from IPython.display import Markdown

_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")


def escape(value) -> str:
    """A cell as literal text: markup characters escaped, line breaks as spaces, missing values empty."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    return _PUNCTUATION.sub(r"\\\1", " ".join(str(value).split()))


def markdown(df: pd.DataFrame) -> Markdown:
    """``df`` as a Markdown pipe table whose cells read literally (the column names too)."""
    header = "| " + " | ".join(escape(c) for c in df.columns) + " |"
    rule = "|" + "|".join(" --- " for _ in df.columns) + "|"
    rows = ["| " + " | ".join(escape(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return Markdown("\n".join([header, rule, *rows]))

"""Names that keep their hyphen on one line: Tu-95, H-6, KN-25, Hwasong-17, F-15K.

A browser, and LaTeX, may break a line after any hyphen, which leaves "Tu-" at a line's end and "95" at the next
line's start. The names are kept as written (a reader who searches "Tu-95" finds them; a no-break hyphen,
U+2011, would not match) and are set whole instead: on the site in a ``<span class="nowrap">``
(_static/typography.css), in the PDF in an ``\\mbox`` (_ext/typography.py does both for the pages; the chart
data tables, which kadiz.charts.render writes as HTML, through ``html_nowrap``). Chart text breaks only at spaces
(kadiz.charts.theme.wrap_px), so a chart keeps a name whole by itself.
"""

import html
import re

# A capitalised type designation, a hyphen and a number with an optional suffix: Tu-95, Tu-95s, H-6K, KN-25,
# Hwasong-11C, F-15K, KF-16s, A-50. Codes of the data (kbs-2022-03-23) are lower case and do not match.
HYPHENATED_NAME = re.compile(r"(?<![\w-])[A-Z][A-Za-z]{0,9}-\d+[A-Za-z]*(?![\w-])")
NOWRAP_CLASS = "nowrap"
# A run of characters no column of a table is meant to hold whole (a pasted address, a token thousands of letters
# long): in a chart's data table it is marked so that it may break anywhere (_static/long-words.css), where a
# normal word keeps the column at least as wide as itself.
LONG_WORD = re.compile(r"\S{30,}")
LONG_WORD_CLASS = "long-word"


def html_nowrap(text: str) -> str:
    """`text` escaped for HTML, each hyphenated name in a no-wrap span, each long word in a span that may break."""
    return _spans(text, HYPHENATED_NAME, NOWRAP_CLASS, lambda rest: _spans(rest, LONG_WORD, LONG_WORD_CLASS,
                                                                            html.escape))


def _spans(text: str, pattern: re.Pattern, css_class: str, outside) -> str:
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [outside(text[last:match.start()]), f'<span class="{css_class}">{html.escape(match.group())}</span>']
        last = match.end()
    return "".join(pieces) + outside(text[last:])

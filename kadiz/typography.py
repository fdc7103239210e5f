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


def html_nowrap(text: str) -> str:
    """`text` escaped for HTML, each hyphenated name in a no-wrap span."""
    pieces, last = [], 0
    for match in HYPHENATED_NAME.finditer(text):
        pieces += [html.escape(text[last:match.start()]),
                   f'<span class="{NOWRAP_CLASS}">{html.escape(match.group())}</span>']
        last = match.end()
    return "".join(pieces) + html.escape(text[last:])

"""Tables in the chapters show each cell as literal text, whatever characters it holds."""

import pandas as pd
from markdown_it import MarkdownIt

from kadiz import tables


def _cells(md: str) -> list[str]:
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    return [t.content for t in tokens if t.type == "inline"]


def test_markup_characters_come_out_literally():
    text = 'He said: "<b>no</b> *coordination* | [link](x) & `code` _under_ \\ #1"'
    df = pd.DataFrame({"speaker": ["A <B>"], "quote": [text]})
    html = MarkdownIt("commonmark").enable("table").render(tables.markdown(df).data)
    assert "<b>" not in html and "<em>" not in html and "<a " not in html and "<code>" not in html
    assert html.count("<td>") == 2  # the pipe inside the quote did not open a third column
    assert "&lt;b&gt;no&lt;/b&gt; *coordination* | [link](x) &amp; `code` _under_ \\ #1" in html


def test_line_breaks_and_missing_values():
    df = pd.DataFrame({"a": ["two\nlines", None], "b": [pd.NA, 3]})
    md = tables.markdown(df).data
    assert md.splitlines()[2] == "| two lines |  |"
    assert md.splitlines()[3] == "|  | 3 |"


def test_myst_renders_a_quote_with_html_characters_as_text():
    # The same MyST parser the book uses (myst-parser, here through docutils): a quote holding markup
    # must reach the page as those characters, not as an element.
    from docutils.core import publish_parts
    from myst_parser.parsers.docutils_ import Parser

    quote = 'Officials said <script>alert("x")</script> & <b>"grave concern"</b> | *twice*'
    md = tables.markdown(pd.DataFrame({"quote": [quote]})).data
    body = publish_parts(md, parser=Parser(), writer_name="html5",
                         settings_overrides={"myst_enable_extensions": [], "output_encoding": "unicode"})["body"]
    assert "<script>" not in body and "<b>" not in body and "<em>" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;&quot;grave concern&quot;&lt;/b&gt; | *twice*" in body

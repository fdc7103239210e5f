"""Tables in the chapters show each cell as literal text, whatever characters it holds."""

import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from kadiz import tables
from kadiz.paths import ROOT


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
    assert md.splitlines()[3] == "| two lines |  |"
    assert md.splitlines()[4] == "|  | 3 |"


def _myst_html(md: str) -> str:
    # The same MyST parser the book uses (myst-parser, here through docutils), with the book's attrs_block.
    from docutils.core import publish_parts
    from myst_parser.parsers.docutils_ import Parser

    return publish_parts(md, parser=Parser(), writer_name="html5",
                         settings_overrides={"myst_enable_extensions": ["attrs_block"],
                                             "output_encoding": "unicode"})["body"]


def test_a_table_carries_its_kind_to_the_page():
    df = pd.DataFrame({"Numbers": ["the article"], "Null model": ["A"], "next day": ["0.045"], "within 3 days": ["0.341"]})
    prose = BeautifulSoup(_myst_html(tables.markdown(df).data), "html.parser").table
    assert tables.PROSE in prose["class"] and tables.GRID not in prose["class"]
    grid = BeautifulSoup(_myst_html(tables.markdown(df, tables.GRID, labels=2).data), "html.parser").table
    assert tables.GRID in grid["class"] and tables.PROSE not in grid["class"]
    # A grid's values are set right, the columns that name the row are not; a table of words sets nothing right.
    assert ["text-right" in td.get("class", []) for td in grid.find_all("td")] == [False, False, True, True]
    assert not prose.select(".text-right")


def test_a_grid_names_its_rows_and_holds_values():
    df = pd.DataFrame({"a": ["x"], "b": [1]})
    for labels in (0, 2):
        with pytest.raises(ValueError, match="grid needs"):
            tables.markdown(df, tables.GRID, labels=labels)
    with pytest.raises(ValueError, match="one of"):
        tables.markdown(df, "cards")


def test_the_book_parses_the_kind_line_of_a_glued_table():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert "attrs_block" in config["parse"]["myst_enable_extensions"]


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

"""The chapter preamble: glue keys follow one convention, and what reaches the prose is a plain value."""

import numpy as np
import pandas as pd
import pytest

from kadiz import book


@pytest.fixture
def glued(monkeypatch):
    seen = {}
    monkeypatch.setattr(book, "_glue", lambda key, value: seen.__setitem__(key, value))
    return seen


@pytest.mark.parametrize("key, kind", [
    ("timeline-h6-minutes", "value"), ("march-and-may-row-gap", "value"), ("tbl-voices-quotes", "table"),
    ("fig-march-and-may-clock", "figure"),
])
def test_keys_that_follow_the_convention(key, kind):
    assert book.check_key(key, kind) == key


@pytest.mark.parametrize("key, kind", [
    ("tl-h6-minutes", "value"),       # not a chapter's name
    ("timeline_h6", "value"),         # not kebab-case
    ("timeline-", "value"),           # no <what>
    ("tbl-voices-quotes", "value"),   # a table's key for a value
    ("voices-quotes", "table"),       # a table without tbl-
    ("fig-march-may-clock", "figure"),  # the chapter is march-and-may
])
def test_keys_that_do_not(key, kind):
    with pytest.raises(ValueError, match="glue key"):
        book.check_key(key, kind)


def test_values_reach_the_prose_as_python_values(glued):
    book.glue_value("voices-n-statements", np.int64(24))
    assert glued["voices-n-statements"] == 24 and type(glued["voices-n-statements"]) is int
    book.glue_values({"h6-minutes": 97, "h6-entry": "07:56"}, chapter="timeline")
    assert glued["timeline-h6-minutes"] == 97 and glued["timeline-h6-entry"] == "07:56"


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT])
def test_a_missing_value_is_not_glued(glued, missing):
    with pytest.raises(ValueError, match="missing"):
        book.glue_value("timeline-gap-minutes", missing)
    assert not glued


def test_a_date_must_be_put_in_words_first(glued):
    with pytest.raises(TypeError, match="Timestamp"):
        book.glue_value("timeline-h6-entry", pd.Timestamp("2022-05-24 07:56"))


def test_tables_and_quotes_read_literally(glued):
    book.glue_table("tbl-voices-quotes", pd.DataFrame({"Passage": ["*twice*"]}))
    assert "\\*twice\\*" in glued["tbl-voices-quotes"].data
    book.glue_quote("march-and-may-claim", "the <b>sequencing</b>")
    # Every ASCII punctuation mark is escaped, the slash too: CommonMark reads "\\/" as "/".
    assert glued["march-and-may-claim"].data == "the \\<b\\>sequencing\\<\\/b\\>"


def test_a_float_is_printed_to_three_decimals(glued):
    # The report gives p-values, chances and rates to three decimals: 1/3 as 0.333, 2/3 as 0.667, 1/20 as 0.050.
    book.glue_values({"p": np.float64(1 / 3), "chance": 2 / 3, "level": 0.05, "patrols": 9}, chapter="coincidence")
    assert glued == {"coincidence-p": "0.333", "coincidence-chance": "0.667", "coincidence-level": "0.050",
                     "coincidence-patrols": 9}


@pytest.mark.parametrize("words, shown", [
    ("On the clock of UTC, the first missile was fired at 21:00 on 24 May: the same day",
     "On the clock of UTC, the first missile was fired at 21:00 on 24 May: the same day."),
    ("North Korea fired 132 ballistic missiles; most in 2022 (69)", "North Korea fired 132 ballistic missiles; most in 2022 (69)."),
    ("Exact p-values computed by the report's package.", "Exact p-values computed by the report's package."),
])
def test_words_a_try_it_cell_shows_end_as_a_sentence(words, shown, monkeypatch):
    displayed = []
    monkeypatch.setattr("IPython.display.display", displayed.append)
    book.show(words)
    [markdown] = displayed
    assert markdown.data == book.tables.escape(shown)

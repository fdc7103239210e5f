"""Legitimate variants of valid data keep passing, and load the same tables: a byte-order mark, CRLF line endings,
columns in another order, the typographic variants the codebook allows, other time zones where a row names them,
and many more rows."""

import importlib.util
import time

import pandas as pd
import pytest

from kadiz import data
from kadiz.paths import ROOT
from kadiz.validate import validate
from minimal_data import TABLES, edit, make_valid, raw, read_csv, write_csv

CSVS = list(TABLES)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The tables of the minimal valid folder, as loaded."""
    return data.load(make_valid(tmp_path_factory.mktemp("reference") / "data"), needs=False)


@pytest.fixture
def folder(tmp_path):
    return make_valid(tmp_path / "data")


def assert_same_tables(folder, reference):
    loaded = data.load(folder, needs=False)
    for name in data.Data._fields:
        pd.testing.assert_frame_equal(getattr(loaded, name), getattr(reference, name), obj=name)


def test_byte_order_mark(folder, reference):
    for path in CSVS:
        raw(path, lambda b: b"\xef\xbb\xbf" + b)(folder)
    assert validate(folder, needs=False) == []
    assert_same_tables(folder, reference)


def test_crlf_line_endings(folder, reference):
    for path in CSVS:
        raw(path, lambda b: b.replace(b"\n", b"\r\n"))(folder)
    assert validate(folder, needs=False) == []
    assert_same_tables(folder, reference)


def test_columns_in_another_order(folder, reference):
    for path in CSVS:
        write_csv(folder / path, [dict(reversed(row.items())) for row in read_csv(folder / path)])
    assert validate(folder, needs=False) == []
    assert_same_tables(folder, reference)  # columns come back in the schema's order


@pytest.mark.parametrize("passage", [
    "That is a scary question - South Korea, the US and Japan versus China Russia and North Korea",  # as stored
    "That is a scary question \u2014 South Korea, the US and Japan versus China Russia and North Korea",  # em dash
    "That is a scary question \u2013 South Korea,   the US and Japan versus\nChina Russia and North Korea",
])
def test_typographic_variants_of_a_passage(folder, passage):
    """The article prints an en dash; a hyphen, an em dash, extra spaces or a line break are the same words."""
    edit("quotes.csv", 0, passage=passage)(folder)
    assert validate(folder, needs=False) == []


def test_straight_and_curly_apostrophes(folder):
    edit("events.csv", 2, passage="The missiles were fired from Sunan, close to Pyongyang and the site of the "
                                  "capital's international airport, between 6:00 AM and 6:42 AM.")(folder)
    edit("speakers.csv", 0, description="a retired South Korean general, \u201cChun\u201d")(folder)
    assert validate(folder, needs=False) == []


def test_a_row_in_another_zone_that_names_it(folder):
    """07:56 KST is 22:56 UTC the day before: a record may say so when its unit names the zone."""
    edit("external/records.csv", 0, start="2022-05-23T22:56+00:00", unit="UTC")(folder)
    assert validate(folder, needs=False) == []


def test_names_in_other_scripts_are_not_look_alikes(folder):
    """A whole word in another script (a Korean name) is no look-alike; only a word mixing scripts is."""
    edit("speakers.csv", 0, description="a retired South Korean general (\uc804\uc778\ubc94)")(folder)
    edit("actors.csv", 1, name="Russian air force (\u0412\u041a\u0421)")(folder)
    assert validate(folder, needs=False) == []


def test_twenty_thousand_extra_rows():
    """The benchmark of scripts/validate_many_rows.py: data/ plus 20,000 valid rows are read and checked in seconds,
    and refused for their size alone, once per table over the limit."""
    spec = importlib.util.spec_from_file_location("many_rows", ROOT / "scripts" / "validate_many_rows.py")
    many_rows = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(many_rows)
    start = time.perf_counter()
    seconds, rows, problems = many_rows.timed(20000)
    assert sorted(p.file for p in problems) == ["actors.csv", "events.csv"]
    assert {p.message for p in problems} == {many_rows.TOO_LONG}
    assert rows >= 20000
    assert time.perf_counter() - start < 120  # about 4 s of CPU; generous for a shared machine

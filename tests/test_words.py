"""Every code the data may hold has the words readers see, and the word helpers read as English does."""

import pandas as pd
import pytest

from kadiz import words
from kadiz.data import load
from kadiz.validation.folder import resources


def _enum(table: str, column: str) -> list[str]:
    [field] = [f for f in resources()[table]["schema"]["fields"] if f["name"] == column]
    return field["constraints"]["enum"]


@pytest.mark.parametrize("table, column, mapping", [
    ("quotes", "stance", words.STANCE),
    ("verdicts", "verdict", words.RATING),
    ("quotes", "mode", words.MODE),
])
def test_every_code_of_the_schema_has_words(table, column, mapping):
    assert set(mapping) == set(_enum(table, column))
    assert all(mapping.values()) and not any("-" in w for w in mapping.values())


def test_every_country_of_the_actors_and_speakers_has_a_name():
    data = load()
    assert set(data.actors["country"]) | set(data.speakers["country"].dropna()) <= set(words.COUNTRY)


def test_lists_and_countries_read_as_english():
    assert words.listed([]) == ""
    assert words.listed(["China"]) == "China"
    assert words.listed(["China", "Russia"]) == "China and Russia"
    assert words.countries("CHN;RUS;PRK") == "China, Russia and North Korea"
    assert words.countries("") == "" and words.countries(pd.NA) == ""


def test_days_later_has_no_brackets():
    assert [words.days_later(n) for n in (0, 1, 3)] == ["the same day", "1 day later", "3 days later"]


def test_a_value_kept_whole_has_no_space_a_line_may_break_at():
    # "1 of 9" and "p = 0.287" are each one value: a line may break between them, never inside one.
    cell = words.whole("1 of 9") + ", " + words.whole("p = 0.287")
    assert cell.replace("\u00a0", " ") == "1 of 9, p = 0.287"
    assert cell.split(" ") == [words.whole("1 of 9,"), words.whole("p = 0.287")]

"""Counts of "missile tests" under each rule: they reproduce the CNS-based rows of records.csv and the verdicts."""

import pytest

from kadiz import counts, data

PERIODS = {"2022 to 25 May": ("2022-01-01", "2022-05-25", "nineteen-tests-2022"),
           "January 2022": ("2022-01-01", "2022-01-31", "six-tests-january")}


@pytest.fixture(scope="module")
def d():
    return data.load()


@pytest.mark.parametrize("record_id, rule, first, last", [
    ("cns-2022-launch-events", "ballistic-launch-events", "2022-01-01", "2022-05-25"),
    ("cns-2022-missiles", "ballistic-missiles", "2022-01-01", "2022-05-25"),
    ("cns-2022-01-launch-events", "ballistic-launch-events", "2022-01-01", "2022-01-31"),
    ("cns-2022-01-missiles", "ballistic-missiles", "2022-01-01", "2022-01-31"),
    ("cns-2021-11-launch-events", "ballistic-launch-events", "2021-11-01", "2021-11-30"),
])
def test_counts_match_the_records(d, record_id, rule, first, last):
    record = d.records.set_index("id").loc[record_id]
    assert counts.count(d.missiles, rule, first, last) == int(record["value"])


def test_cruise_missiles_add_a_launch_day_in_january(d):
    # The one cruise-missile launch on record (25 January 2022) falls on a day with no ballistic launch.
    assert counts.count(d.missiles, "launch-events-with-cruise", "2022-01-01", "2022-01-31", d.records) == 7
    assert counts.count(d.missiles, "launch-events-with-cruise", "2022-01-01", "2022-05-25", d.records) == 16


def test_cruise_launches_come_from_the_records(d):
    cruise = counts.cruise_launches(d.records)
    assert list(cruise["kst_date"].dt.strftime("%Y-%m-%d")) == ["2022-01-25"]
    assert cruise["missiles"].tolist() == [2]
    assert "2022-01-25" not in set(d.missiles["kst_date"].dt.strftime("%Y-%m-%d"))


def test_counting_cruise_missiles_needs_the_records(d):
    with pytest.raises(ValueError, match="records"):
        counts.count(d.missiles, "launch-events-with-cruise", "2022-01-01", "2022-05-25")


def test_unknown_rule_is_refused(d):
    with pytest.raises(KeyError, match="unknown counting rule"):
        counts.count(d.missiles, "shows-of-force", "2022-01-01", "2022-05-25")


def test_rule_table_sets_the_article_beside_the_counts(d):
    table = counts.rule_table(d.missiles, d.records, d.claims, PERIODS)
    to_may = table[table["period"] == "2022 to 25 May"].set_index("kind")
    assert sorted(to_may.loc["computed", "value"]) == [15, 16, 23]
    assert to_may.loc["on record", "value"] == 17  # the JCS
    assert to_may.loc["article", "value"] == 19
    assert 19 not in set(to_may.loc[["computed", "on record"], "value"])  # the article's count is reproduced by none


def test_verdicts_on_counts_give_the_computed_numbers(d):
    """The reasons in verdicts.csv are typed: they must still say what the package computes."""
    reason = d.verdicts.set_index("claim_id").loc["nineteen-tests-2022", "reason"]
    for rule, expected in [("ballistic-launch-events", 15), ("ballistic-missiles", 23),
                           ("launch-events-with-cruise", 16)]:
        assert counts.count(d.missiles, rule, "2022-01-01", "2022-05-25", d.records) == expected
        assert str(expected) in reason

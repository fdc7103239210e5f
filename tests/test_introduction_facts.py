"""The chapter "Introduction" in numbers and words: which claims a record could check, and the missile record over
the years a reader picks, worked by hand."""

import re
from types import SimpleNamespace

import pandas as pd
import pytest

from kadiz import book, records_facts
from kadiz import introduction_facts as intro
from kadiz.charts import try_it
from kadiz.data import load
from tests.built import SITE


@pytest.fixture(scope="module")
def d():
    return load()


@pytest.fixture(scope="module")
def facts(d):
    return intro.facts(d)


def _missiles(days):
    missiles = pd.DataFrame({"kst_ts": pd.to_datetime(days), "missile_name": "x", "facility_name": "", "outcome": ""})
    missiles["kst_date"] = missiles["kst_ts"].dt.normalize()
    return missiles


# A made-up record: two missiles on 5 January 2019, one on 11 January 2019, none in 2020, one on 1 March 2021.
RECORD = _missiles(["2019-01-05 08:10", "2019-01-05 08:17", "2019-01-11 07:27", "2021-03-01 06:00"])


def test_each_year_counts_its_missiles_and_its_launch_days_and_a_quiet_year_shows_zero():
    per_year = intro.missiles_per_year(RECORD, 2019, 2021)
    assert per_year.to_dict("list") == {"Year": ["2019", "2020", "2021"], "Missiles": [3, 0, 1],
                                        "Launch days": [2, 0, 1]}


def test_the_record_names_its_busiest_year():
    assert intro.missile_record(RECORD, 2019, 2021) == {
        "years": "from 2019 to 2021", "missiles": 4, "launch-days": 3, "busiest-year": "2019",
        "busiest-year-missiles": 3}
    assert intro.missile_record_in_words(RECORD, 2021, 2021) == (
        "In 2021, North Korea fired 1 ballistic missile on 1 launch day")
    assert intro.missile_record_in_words(RECORD, 2019, 2021) == (
        "From 2019 to 2021, North Korea fired 4 ballistic missiles on 3 launch days; most in 2019 (3)")


@pytest.mark.parametrize("first, last", [(2018, 2021), (2019, 2022), (2021, 2019)])
def test_years_outside_the_record_or_reversed_are_refused_with_the_years_to_choose(first, last):
    with pytest.raises(ValueError, match="choose years from 2019 to 2021"):
        intro.missiles_per_year(RECORD, first, last)


def test_the_claims_no_record_could_check_are_named():
    claims = pd.DataFrame({"claim": ["A is so.", "B was then.", "C holds."],
                           "checkable_against": ["records", "none", "missiles"]})
    assert intro.claims(SimpleNamespace(claims=claims)) == {
        "claims": 3, "checkable-claims": 2, "uncheckable-claims": 1, "uncheckable-claims-in-words": "“B was then”"}


def test_the_introduction_counts_the_claims_the_records_chapter_rates(d, facts):
    # data/claims.csv codes 65 claims; two are coded checkable against "none" (rows adiz-no-force, a matter of
    # law, and two-months-ago, the article's own calendar arithmetic), so 63 have a verdict in data/verdicts.csv.
    assert facts["claims"] == len(d.claims) == facts["checkable-claims"] + facts["uncheckable-claims"]
    assert facts["checkable-claims"] == len(d.verdicts) == records_facts.verdict_counts(d)["checkable-claims"]
    assert facts["uncheckable-claims-in-words"] == (
        "“An ADIZ is drawn unilaterally and has no force in international law” and "
        "“The March events were two months before May 2022”")


def _page_words(name):
    from bs4 import BeautifulSoup

    page = BeautifulSoup((SITE / "chapters" / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
    return " ".join(page.select_one("main").get_text(" ").split())


def test_the_introduction_page_calls_checkable_only_the_claims_the_records_page_rates():
    # What a reader compares: the introduction's count of checkable claims and the records chapter's.
    introduction, records = _page_words("introduction"), _page_words("records")
    rated = {int(n) for n in re.findall(r"(\d+) of them could be checked", records)}
    called = {int(n) for n in re.findall(r"(\d+) checkable claims|of which (\d+) could be checked", introduction)
              for n in n if n}
    assert called and called == rated, (called, rated)


def test_the_try_it_chart_states_its_finding(d):
    per_year = intro.missiles_per_year(RECORD, 2019, 2021)
    finding = intro.missile_record_in_words(RECORD, 2019, 2021)
    payload = try_it.missiles_per_year_figure(per_year, finding).payload()
    assert payload["desktop"]["description"].startswith(f"Bar chart: {finding}. Missiles by year: 2019: 3; 2020: 0")
    assert payload["table"]["rows"] == [["2019", "3", "2"], ["2020", "0", "0"], ["2021", "1", "1"]]


def test_the_chapters_facts_are_named_by_the_glue_key_convention(facts):
    for name in facts:
        book.check_key(f"introduction-{name}")
        assert not name.startswith("n-") and "-n-" not in name, name


def test_the_vague_dates_are_counted_together():
    # One event to the minute, one to the day, one to the month and two to the year: 1 timed, 3 vague.
    events = pd.DataFrame({"precision": ["minute", "day", "month", "year", "year"]})
    assert intro.precision(SimpleNamespace(events=events)) == {"events-to-the-minute": 1,
                                                                "events-to-the-month-or-year": 3}

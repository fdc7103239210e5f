"""The chapter "Could it be coincidence?" in numbers and words: the Bonferroni step and the word choices worked by
hand, each word on both sides of its threshold, and the chapter's facts named and consistent on the data."""

from fractions import Fraction

import pandas as pd
import pytest

from kadiz import book, data
from kadiz import coincidence as co
from kadiz import coincidence_facts as cf
from kadiz import null_models as nm
from kadiz import sensitivity as se


def test_bonferroni_multiplies_the_smallest_p_by_the_number_of_looks():
    # Three windows looked at, p = 1/50, 1/25 and 3/10: the smallest, 1/50, times 3 = 3/50.
    assert cf.bonferroni([Fraction(1, 25), Fraction(1, 50), Fraction(3, 10)]) == Fraction(3, 50)
    # p = 2/5, 1/2 and 9/10: 3 x 2/5 = 6/5 is no probability; the corrected p is 1.
    assert cf.bonferroni([Fraction(2, 5), Fraction(1, 2), Fraction(9, 10)]) == 1
    # One look corrects nothing.
    assert cf.bonferroni([Fraction(1, 50)]) == Fraction(1, 50)


@pytest.mark.parametrize("n, were, recurred", [
    (0, "none was", "did not recur"), (1, "one was", "recurred once"), (2, "2 were", "recurred 2 times"),
])
def test_how_many_followed_in_words(n, were, recurred):
    assert (cf.were_followed(n), cf.recurred(n)) == (were, recurred)


@pytest.mark.parametrize("p, verdict, compared", [
    (0.049, "unusual", "below"), (0.05, "not unusual", "not below"), (0.051, "not unusual", "not below"),
])
def test_the_verdict_turns_at_the_level_itself(p, verdict, compared):
    # "Unusual" only strictly below the level: p = 0.05 at level 0.05 is not.
    assert (cf.unusual(p, 0.05), cf.below(p, 0.05)) == (verdict, compared)


def test_fewer_or_more_than_expected():
    assert cf.fewer_or_more(0, 0.7) == "fewer"
    assert cf.fewer_or_more(1, 0.7) == "more"


def test_one_rate_against_each_years_rate_hand_worked():
    # Four made-up days, two patrols on days 0 and 2, each followed if a launch falls the next day (day 1 or 3).
    # Each year's own chance: day 1 in a quiet year (1/4), day 3 in a busy one (1/2). At least one followed:
    #   1 - (3/4)(1/2) = 5/8. One chance for both, (1 + 2) / 8 = 3/8: 1 - (5/8)^2 = 39/64, smaller than 5/8,
    # so pooling understates the p-value: it makes the pattern look rarer than it is.
    p_years, p_one_rate = cf.pooling_p_values(Fraction(1, 4), Fraction(1, 2), Fraction(3, 8))
    assert (p_years, p_one_rate) == (5 / 8, 39 / 64)
    assert cf.one_rate_misstates(p_one_rate, p_years) == {
        "pooling-understates-or-overstates": "understates", "pooling-rarer-or-more-common": "rarer",
        "pooling-smaller-or-larger": "smaller"}
    assert cf.one_rate_misstates(p_years, p_one_rate)["pooling-understates-or-overstates"] == "overstates"


def test_each_wider_window_names_only_the_patrols_it_adds():
    # From 1 January 2022: patrols on days 0, 5 and 10, launches on days 1, 7 and 13. The next day follows the
    # patrol of day 0; within 2 days adds day 5 (launch on day 7); within 3 days adds day 10 (launch on day 13).
    q = co.Question(label="hand", first=pd.Timestamp("2022-01-01"), n_days=20, patrol_days=(0, 5, 10),
                    n_launches=3, launch_days=(1, 7, 13))
    assert cf.followed_dates_by_window(q) == {
        1: "1 January 2022", 2: "6 January 2022 as well", 3: "11 January 2022 as well"}


def test_windows_are_named_in_words():
    assert [cf.window_key(1), cf.window_key(3), cf.window_key(1, start=0)] == [
        "next-day", "within-3-days", "same-or-next-day"]


@pytest.fixture(scope="module")
def facts():
    return cf.facts(data.load())


def test_the_chapters_facts_are_named_by_the_glue_key_convention(facts):
    for name in facts:
        book.check_key(f"coincidence-{name}")


def test_the_chapters_facts_agree_with_one_another(facts):
    """The records' patrols 2019-2025 (9), followed the next day, within 2 and within 3 days: 1, 2 and 3, each
    window naming the patrol it adds; the smallest of the three p-values, corrected for three looks."""
    assert [facts[f"records-followed-{k}"] for k in ("next-day", "within-2-days", "within-3-days")] == [1, 2, 3]
    listed = [facts[f"records-followed-dates-{k}"] for k in ("next-day", "within-2-days", "within-3-days")]
    assert sum(len(text.removesuffix(" as well").split(", ")) for text in listed) == 3
    smallest = min(facts[f"records-p-null-b-{k}"] for k in ("next-day", "within-2-days", "within-3-days"))
    assert facts["records-smallest-p"] == smallest
    assert facts["records-smallest-p-bonferroni"] == pytest.approx(min(1, 3 * smallest))
    # The primary test: 5 patrols after the article, none followed; its words follow from its numbers.
    assert (facts["primary-patrols"], facts["primary-followed"]) == (5, 0)
    assert (facts["primary-were-followed"], facts["primary-recurred"]) == ("none was", "did not recur")
    assert facts["primary-unusual"] == ("unusual" if facts["primary-p"] < se.PRIMARY.level else "not unusual")
    assert facts["primary-p-if-needed"] < se.PRIMARY.level <= facts["primary-p-if-one-fewer"]
    # Simulations and exact values agree within Monte Carlo error (about 0.0036 at most for 20,000 draws).
    assert facts["largest-simulation-gap"] < 4 * (0.25 / nm.DRAWS) ** 0.5

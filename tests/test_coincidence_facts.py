"""The chapter "Could it be coincidence?" in numbers and words: the Bonferroni step and the word choices worked by
hand, each word on both sides of its threshold, p-values printed so that a reader can tell which side of 0.05 they
are on, the try-it cell's p-values worked by hand, and the chapter's facts named and consistent on the data."""

import re
from fractions import Fraction

import pandas as pd
import pytest

from kadiz import book, data
from kadiz import coincidence as co
from kadiz import coincidence_facts as cf
from kadiz import coincidence_try as ct
from kadiz import coincidence_words as cw
from kadiz import null_models as nm
from kadiz import sensitivity as se


def test_bonferroni_multiplies_the_smallest_p_by_the_number_of_looks():
    # Three windows looked at, p = 1/50, 1/25 and 3/10: the smallest, 1/50, times 3 = 3/50.
    assert cw.bonferroni([Fraction(1, 25), Fraction(1, 50), Fraction(3, 10)]) == Fraction(3, 50)
    # p = 2/5, 1/2 and 9/10: 3 x 2/5 = 6/5 is no probability; the corrected p is 1.
    assert cw.bonferroni([Fraction(2, 5), Fraction(1, 2), Fraction(9, 10)]) == 1
    # One look corrects nothing.
    assert cw.bonferroni([Fraction(1, 50)]) == Fraction(1, 50)


@pytest.mark.parametrize("n, were, recurred", [
    (0, "none was", "did not recur"), (1, "one was", "recurred once"), (2, "2 were", "recurred 2 times"),
])
def test_how_many_followed_in_words(n, were, recurred):
    assert (cw.were_followed(n), cw.recurred(n)) == (were, recurred)


@pytest.mark.parametrize("p, verdict, compared", [
    (0.049, "unusual", "below"), (0.05, "not unusual", "not below"), (0.051, "not unusual", "not below"),
])
def test_the_verdict_turns_at_the_level_itself(p, verdict, compared):
    # "Unusual" only strictly below the level: p = 0.05 at level 0.05 is not.
    assert (cw.unusual(p, 0.05), cw.below(p, 0.05)) == (verdict, compared)


def test_fewer_or_more_than_expected():
    assert cw.fewer_or_more(0, 0.7) == "fewer"
    assert cw.fewer_or_more(1, 0.7) == "more"


def test_one_rate_against_each_years_rate_hand_worked():
    # Four made-up days, two patrols on days 0 and 2, each followed if a launch falls the next day (day 1 or 3).
    # Each year's own chance: day 1 in a quiet year (1/4), day 3 in a busy one (1/2). At least one followed:
    #   1 - (3/4)(1/2) = 5/8. One chance for both, (1 + 2) / 8 = 3/8: 1 - (5/8)^2 = 39/64, smaller than 5/8,
    # so pooling understates the p-value: it makes the pattern look rarer than it is.
    p_years, p_one_rate = cf.pooling_p_values(Fraction(1, 4), Fraction(1, 2), Fraction(3, 8))
    assert (p_years, p_one_rate) == (5 / 8, 39 / 64)
    assert cw.one_rate_misstates(p_one_rate, p_years) == {
        "pooling-understates-or-overstates": "understates", "pooling-rarer-or-more-common": "rarer",
        "pooling-smaller-or-larger": "smaller"}
    assert cw.one_rate_misstates(p_years, p_one_rate)["pooling-understates-or-overstates"] == "overstates"


def test_each_wider_window_names_only_the_patrols_it_adds():
    # From 1 January 2022: patrols on days 0, 5 and 10, launches on days 1, 7 and 13. The next day follows the
    # patrol of day 0; within 2 days adds day 5 (launch on day 7); within 3 days adds day 10 (launch on day 13).
    q = co.Question(label="hand", first=pd.Timestamp("2022-01-01"), n_days=20, patrol_days=(0, 5, 10),
                    n_launches=3, launch_days=(1, 7, 13))
    assert cf.followed_dates_by_window(q) == {
        1: "1 January 2022", 2: "6 January 2022 as well", 3: "11 January 2022 as well"}


@pytest.mark.parametrize("p, printed", [
    # Three decimals, unless they would round p onto the level: 0.0497 printed as 0.050 reads as not below 0.05.
    (0.287, "0.287"), (0.045244, "0.045"), (0.049654, "0.0497"), (0.050349, "0.0503"), (0.049996, "0.049996"),
    # The level itself, and p = 1, as they are.
    (0.05, "0.050"), (1.0, "1.000"),
])
def test_a_p_value_prints_with_the_digits_that_place_it_beside_the_level(p, printed):
    assert nm.p_text(p) == printed
    assert (float(printed) < 0.05) == (p < 0.05)


@pytest.mark.parametrize("p_values, words", [
    ((1.0, 1.0, 0.481), "none of the 3 is below 0.05, so no window or model tried would have changed the answer"),
    ((1.0, 0.049), "1 of the 2 is below 0.05, so the choice of window decides the answer"),
    ((0.01, 0.02), "2 of the 2 are below 0.05, so the choice of window decides the answer"),
])
def test_the_primary_tests_answer_under_every_window_in_words(p_values, words):
    assert cw.below_in_every_window(p_values, 0.05) == words


# The try-it cell, hand-worked on the calendar of ten days of tests/test_coincidence.py: launches on days 3 and 7,
# one patrol on day 2, followed the next day. A: it falls on day 2 or 6 of 10, 2/10. B: two launch days of 10 miss
# day 3 with C(9, 2)/C(10, 2) = 36/45, so 9/45 = 1/5. C: of 10 turns of {3, 7}, 2 put a launch on day 3, 2/10.
# D, one year of 10 days with 2 launch days: day 3 has a launch with chance 2/10.
TOY = co.Question("toy", pd.Timestamp("2022-01-01"), 10, (2,), 2, (3, 7))


@pytest.mark.parametrize("null", ["A", "B", "C", "D"])
def test_try_it_p_values_are_exact_under_every_null_model(null):
    assert ct.exact_p(TOY, 1, null) == pytest.approx(1 / 5)


def test_try_it_words_for_a_wider_window():
    assert [ct.patrols_added(n) for n in (0, 1, 2)] == ["no more patrols", "one more patrol", "2 more patrols"]
    assert [ct.rises_or_falls(0.1, b) for b in (0.2, 0.05, 0.1)] == ["rises", "falls", "stays the same"]


def test_try_it_refuses_a_null_model_or_window_it_does_not_know():
    with pytest.raises(ValueError, match="choose one of A, B, C, D"):
        ct.answers(None, 3, "E")
    for days in (0, ct.MAX_WINDOW_DAYS + 1, 2.5):
        with pytest.raises(ValueError, match="choose a whole number from 1 to 7"):
            ct.answers(None, days, "D")


def test_windows_are_named_in_words():
    assert [cw.window_key(1), cw.window_key(3), cw.window_key(1, start=0)] == [
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


def test_the_count_below_the_level_can_be_read_off_the_printed_table():
    """Every p-value the table of choices prints as below 0.05 is one the chapter counts, and no other."""
    d = data.load()
    c = cf.chapter(d)
    cells = se.readers_table(c.grid).iloc[:, 4:].to_numpy().ravel()
    printed = [float(re.search(r"p\s=\s([\d.]+)", cell).group(1)) for cell in cells]  # "1 of 9, p = 0.287"
    assert len(printed) == len(c.grid)
    assert sum(p < se.PRIMARY.level for p in printed) == cf.choices(c)["choices-below-level"]


def test_the_try_it_cell_asks_the_chapters_questions():
    """The try-it cell's records and patrols after the article are the chapter's: same patrols followed, and under
    null model B the same p-values as the chapter's first answers (records) and grid (the primary test's patrols,
    the days after a patrol)."""
    d = data.load()
    c = cf.chapter(d)
    answers = ct.answers(d, 3, "B").set_index(["question", "window"])
    exact = co.exact_answers(c.answers)
    for w in (1, 2, 3):
        assert answers.loc[(ct.ON_FILE, w), "p"] == pytest.approx(exact.loc[("records", "B", w), "p"])
    grid = c.grid[(c.grid["scenario"] == se.PRIMARY_LABEL) & (c.grid["null"] == "B") & (c.grid["start"] == 1)]
    for row in grid.itertuples():
        assert answers.loc[(ct.AFTER, row.w), ["followed", "p"]].tolist() == [row.followed, pytest.approx(row.p)]

"""The coincidence statistics: hand-worked cases, clear cases, and exact answers that the simulations reproduce.

Days are numbered from 0. A patrol on day d is followed when a launch falls on d+1..d+w.
"""

from fractions import Fraction
from math import sqrt

import pandas as pd
import pytest

from kadiz import coincidence as co
from kadiz import counts, data

# Hand-worked: a period of 10 days (0..9), launches on days 3 and 7, one patrol, window 1.
# Null A: a patrol is followed only if it falls on day 2 or day 6 (the days before a launch): 2 hit days of 10,
#   so P(followed) = 2/10.
# Null B with the patrol on day 2: its window is day 3 alone; 2 launch days drawn from 10 miss it with probability
#   C(9, 2) / C(10, 2) = 36/45, so P(followed) = 9/45 = 2/10.
# Null C with the patrol on day 2: of the 10 shifts s of {3, 7}, day 3 is hit for s = 0 (3 -> 3) and s = 6
#   (7 -> 13 = 3 mod 10): 2/10.
# Window 2, null A: hit days are {1, 2} (before day 3) and {5, 6} (before day 7): 4/10.
# Two patrols on days 2 and 6, window 1, null B, both followed: both launches must be on days 3 and 7,
#   one calendar of C(10, 2) = 45: p = 1/45.
TEN_DAYS, LAUNCHES = 10, (3, 7)


def test_hand_worked_null_a():
    assert co.hit_days(LAUNCHES, 1, TEN_DAYS) == {2, 6}
    assert co.p_patrols_random(TEN_DAYS, 2, 1, 1) == Fraction(2, 10)
    assert co.hit_days(LAUNCHES, 2, TEN_DAYS) == {1, 2, 5, 6}
    assert co.p_patrols_random(TEN_DAYS, 4, 1, 1) == Fraction(4, 10)


def test_hand_worked_null_b_and_c():
    assert co.p_launches_random(TEN_DAYS, (2,), 2, 1, 1) == Fraction(2, 10)
    assert co.p_rotation(TEN_DAYS, (2,), LAUNCHES, 1, 1) == Fraction(2, 10)
    assert co.p_launches_random(TEN_DAYS, (2, 6), 2, 1, 2) == Fraction(1, 45)


def test_at_least_zero_is_certain():
    assert co.p_patrols_random(100, 7, 3, 0) == 1
    assert co.p_launches_random(100, (5, 50), 9, 2, 0) == 1


def test_windows_are_cut_at_the_end_of_the_period():
    assert co.windows((8, 9), 3, TEN_DAYS) == [frozenset({9}), frozenset()]
    assert co.followed((8, 9), (9,), 3, TEN_DAYS) == 1


def test_no_overlap_gives_p_near_one():
    """Launches every 30 days, patrols 15 days after a launch: none followed, and p (at least 0) is 1."""
    launches = tuple(range(0, 365, 30))
    patrols = (15, 135, 255)
    assert co.followed(patrols, launches, 3, 365) == 0
    q = co.Question("none", pd.Timestamp("2001-01-01"), 365, patrols, len(launches), launches)
    assert (co.answers(q, draws=500)["p"] == 1).all()


def test_every_patrol_followed_in_a_sparse_year_gives_small_p():
    """Five launch days in a year, each the day after one of five patrols: chance would rarely do that."""
    patrols = (40, 100, 170, 240, 300)
    launches = tuple(d + 1 for d in patrols)
    assert co.followed(patrols, launches, 1, 365) == 5
    assert co.p_launches_random(365, patrols, 5, 1, 5) == Fraction(1, co.comb(365, 5))
    assert co.p_patrols_random(365, 5, 5, 5) == Fraction(1, co.comb(365, 5))
    assert co.p_rotation(365, patrols, launches, 1, 5) == Fraction(1, 365)  # only the true calendar does it


def test_binomial_is_close_to_hypergeometric_when_patrols_are_few():
    exact = co.p_patrols_random(2557, 300, 9, 3)
    assert abs(float(co.p_patrols_random(2557, 300, 9, 3, with_replacement=True)) - float(exact)) < 0.01


def _within_monte_carlo_error(simulated: float, exact: float, draws: int) -> bool:
    # Four standard errors of a share of `draws` draws, plus a little for p near 0 or 1.
    return abs(simulated - exact) <= 4 * sqrt(exact * (1 - exact) / draws) + 1e-3


@pytest.mark.parametrize("w", [1, 2, 3])
def test_simulations_agree_with_exact_on_the_records(w):
    d = data.load()
    q = co.records_question(d.joint_air_patrols, counts.launch_days(d.missiles, *co.RECORDS_PERIOD),
                            *co.RECORDS_PERIOD)
    t = q.followed(w)
    hit = co.hit_days(q.launch_days, w, q.n_days)
    exact_a = float(co.p_patrols_random(q.n_days, len(hit), len(q.patrol_days), t))
    exact_b = float(co.p_launches_random(q.n_days, q.patrol_days, q.n_launches, w, t))
    draws = co.DRAWS
    assert _within_monte_carlo_error(co.permutation_patrols(q.n_days, hit, len(q.patrol_days), t), exact_a, draws)
    assert _within_monte_carlo_error(co.monte_carlo_launches(q.n_days, q.patrol_days, q.n_launches, w, t),
                                     exact_b, draws)


def test_simulations_agree_with_exact_on_a_small_case():
    patrols, n, m = (2, 6), 10, 2
    exact = float(co.p_launches_random(n, patrols, m, 1, 1))  # at least one of two followed
    assert exact == pytest.approx(1 - 28 / 45)  # C(8, 2) = 28 calendars miss both days 3 and 7
    assert _within_monte_carlo_error(co.monte_carlo_launches(n, patrols, m, 1, 1, draws=5000), exact, 5000)


def test_records_question_as_stated():
    """9 patrols; 94 launch days in 2019-2025; followed within 1, 2, 3 days: 1, 2, 3 (RECORDS.md, CNS data)."""
    d = data.load()
    q = co.records_question(d.joint_air_patrols, counts.launch_days(d.missiles, *co.RECORDS_PERIOD),
                            *co.RECORDS_PERIOD)
    assert (q.n_days, len(q.patrol_days), q.n_launches) == (2557, 9, 94)
    assert [q.followed(w) for w in (1, 2, 3)] == [1, 2, 3]


def test_article_question_takes_the_articles_numbers_from_the_data():
    """1 January to 25 May 2022 is 145 days; flights "in January" (stand-in 15th), 23 March and 24 May; 19 tests;
    "it has happened twice"."""
    d = data.load()
    q = co.article_question(d.events, d.claims, d.article)
    assert (q.first, q.n_days, q.n_launches) == (pd.Timestamp("2022-01-01"), 145, 19)
    assert q.patrol_days == (14, 81, 143)  # 15 January, 23 March, 24 May, counted from day 0 = 1 January
    assert [q.followed(w) for w in (1, 2, 3)] == [2, 2, 2]


def test_article_question_does_not_depend_on_the_january_stand_in():
    d = data.load()
    q = co.article_question(d.events, d.claims, d.article)
    answers = {co.p_launches_random(q.n_days, (jan, *q.patrol_days[1:]), 19, 3, 2) for jan in range(0, 28)}
    assert len(answers) == 1
    assert co.stand_in_days_with_the_same_answer(q)[:28] == list(range(1, 29))


def test_followed_patrol_dates_names_the_patrols_a_launch_followed():
    # Period of 10 days from 1 January; patrols on days 2 and 5 (3 and 6 January), one launch on day 3.
    q = co.Question(label="toy", first=pd.Timestamp("2022-01-01"), n_days=10, patrol_days=(2, 5), n_launches=1,
                    launch_days=(3,))
    assert co.followed_patrol_dates(q, 1) == [pd.Timestamp("2022-01-03")]
    assert co.followed_patrol_dates(q, 3) == [pd.Timestamp("2022-01-03")]  # day 5's window is 6..8


def test_largest_simulation_gap_compares_each_simulation_with_its_exact_value():
    rows = [("q", "A", 1, "exact (hypergeometric)", 0.20), ("q", "A", 1, "permutation test", 0.23),
            ("q", "B", 1, "exact (inclusion-exclusion)", 0.50), ("q", "B", 1, "Monte Carlo", 0.49)]
    answers = pd.DataFrame(rows, columns=["question", "null", "window", "method", "p"])
    assert co.largest_simulation_gap(answers) == pytest.approx(0.03)

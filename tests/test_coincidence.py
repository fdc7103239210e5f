"""The coincidence statistics: hand-worked cases, clear cases, and exact answers that the simulations reproduce.

Days are numbered from 0. A patrol on day d is followed when a launch falls on d+1..d+w (start = 1), or on
d..d+w when the patrol's own day counts (start = 0).
"""

from fractions import Fraction
from math import comb, sqrt

import pandas as pd
import pytest

from kadiz import coincidence as co
from kadiz import counts, data
from kadiz import null_models as nm
from kadiz import sensitivity as se
from kadiz.charts import coincidence as coincidence_charts
from kadiz.charts.theme import DESKTOP, PHONE

# Hand-worked: a period of 10 days (0..9), launches on days 3 and 7, one patrol, window 1.
# Null A: a patrol is followed only if it falls on day 2 or day 6 (the days just before a launch): 2 days of 10,
#   so P(followed) = 2/10.
# Null B with the patrol on day 2: its window is day 3 alone; 2 launch days drawn from 10 miss it with probability
#   C(9, 2) / C(10, 2) = 36/45, so P(followed) = 9/45 = 2/10.
# Null C with the patrol on day 2: of the 10 shifts s of {3, 7}, day 3 is hit for s = 0 (3 -> 3) and s = 6
#   (7 -> 13 = 3 mod 10): 2/10.
# Window 2, null A: the days just before a launch are {1, 2} (before day 3) and {5, 6} (before day 7): 4/10.
# Two patrols on days 2 and 6, window 1, null B, both followed: both launches must be on days 3 and 7,
#   one calendar of C(10, 2) = 45: p = 1/45.
TEN_DAYS, LAUNCHES = 10, (3, 7)


@pytest.fixture(scope="module")
def d():
    return data.load()


@pytest.fixture(scope="module")
def launch_dates(d):
    return counts.launch_days(d.missiles, *co.RECORDS_PERIOD)


@pytest.fixture(scope="module")
def records(d, launch_dates):
    return co.records_question(d.joint_air_patrols, launch_dates, *co.RECORDS_PERIOD)


def test_hand_worked_null_a():
    assert nm.days_before_a_launch(LAUNCHES, 1, TEN_DAYS) == {2, 6}
    assert nm.p_patrols_random(TEN_DAYS, 2, 1, 1) == Fraction(2, 10)
    assert nm.days_before_a_launch(LAUNCHES, 2, TEN_DAYS) == {1, 2, 5, 6}
    assert nm.p_patrols_random(TEN_DAYS, 4, 1, 1) == Fraction(4, 10)


def test_hand_worked_null_b_and_c():
    assert nm.p_launches_random(TEN_DAYS, (2,), 2, 1, 1) == Fraction(2, 10)
    assert nm.p_rotation(TEN_DAYS, (2,), LAUNCHES, 1, 1) == Fraction(2, 10)
    assert nm.p_launches_random(TEN_DAYS, (2, 6), 2, 1, 2) == Fraction(1, 45)


def test_same_day_window_counts_the_patrols_own_day():
    # Launches on days 3 and 7. A patrol on day 3 is followed the same day (start 0, w 0) but not the next day.
    assert nm.windows((3,), 1, TEN_DAYS, start=0) == [frozenset({3, 4})]
    assert nm.followed((3,), LAUNCHES, 0, TEN_DAYS, start=0) == 1
    assert nm.followed((3,), LAUNCHES, 1, TEN_DAYS) == 0
    # Same or next day: a patrol is followed on days 2, 3, 6 and 7, 4 of 10 (null A).
    assert nm.days_before_a_launch(LAUNCHES, 1, TEN_DAYS, start=0) == {2, 3, 6, 7}
    # Null B, patrol on day 3, window {3, 4}: 2 launch days miss both with C(8, 2) / C(10, 2) = 28/45: p = 17/45.
    assert nm.p_launches_random(TEN_DAYS, (3,), 2, 1, 1, start=0) == Fraction(17, 45)


# Hand-worked, null model D: a period of 5 days, 29 December 2021 to 2 January 2022 (days 0..4), launches on
# 31 December (day 2) and 2 January (day 4). Rates: 2021 has 1 launch day in its 3 days of the period, 1/3;
# 2022 has 1 in its 2 days, 1/2. Patrols on 29 December (day 0) and 1 January (day 3).
# Next day: patrol 0 is followed with chance 1/3 (day 1), patrol 3 with 1/2 (day 4); observed 1 (day 4).
#   P(at least 1) = 1 - (2/3)(1/2) = 2/3; P(both) = (1/3)(1/2) = 1/6.
# Same or next day: patrol 0 with 1 - (2/3)^2 = 5/9, patrol 3 with 1 - (1/2)^2 = 3/4; P(both) = 15/36 = 5/12.
# One rate for the period (2 launch days of 5, 2/5): P(at least 1, next day) = 1 - (3/5)^2 = 16/25.
D_FIRST, D_DAYS, D_LAUNCHES, D_PATROLS = pd.Timestamp("2021-12-29"), 5, (2, 4), (0, 3)


def test_year_rates_give_each_day_its_years_chance():
    rates = nm.year_rates(D_FIRST, D_DAYS, D_LAUNCHES)
    assert rates == (Fraction(1, 3),) * 3 + (Fraction(1, 2),) * 2


def test_hand_worked_null_d():
    rates = nm.year_rates(D_FIRST, D_DAYS, D_LAUNCHES)
    assert nm.followed(D_PATROLS, D_LAUNCHES, 1, D_DAYS) == 1
    assert nm.p_year_rates(D_PATROLS, rates, 1, 1) == Fraction(2, 3)
    assert nm.p_year_rates(D_PATROLS, rates, 1, 2) == Fraction(1, 6)
    assert nm.p_year_rates(D_PATROLS, rates, 1, 2, start=0) == Fraction(5, 12)
    assert nm.expected_year_rates(D_PATROLS, rates, 1) == pytest.approx(1 / 3 + 1 / 2)
    assert nm.p_year_rates(D_PATROLS, nm.one_rate(D_DAYS, 2), 1, 1) == Fraction(16, 25)


def test_null_d_takes_overlapping_windows_together():
    # Four days, every day a launch day with chance 1/2; patrols on days 0 and 1, windows {1, 2} and {2, 3}.
    # Both followed: a launch on day 2 (1/2), or none on day 2 but on days 1 and 3 (1/2 * 1/4): 5/8.
    # At least one: all of days 1, 2, 3 without a launch is 1/8, so 7/8. (Multiplying the two patrols' own
    # chances of 3/4 would give 9/16, wrongly: they share day 2.)
    rates = (Fraction(1, 2),) * 4
    assert nm.p_year_rates((0, 1), rates, 2, 2) == Fraction(5, 8)
    assert nm.p_year_rates((0, 1), rates, 2, 1) == Fraction(7, 8)


def test_expected_and_exact_p_by_null_model():
    # Patrols on days 2 and 6 of 10, launches on 3 and 7, next day. Under B each one-day window is hit with
    # 1 - C(9, 2)/C(10, 2) = 9/45 = 1/5: 2/5 expected; both followed, p = 1/45 (as above).
    q = co.Question("toy", pd.Timestamp("2022-01-01"), TEN_DAYS, (2, 6), 2, LAUNCHES)
    assert co.expected_followed(q, 1, "B") == pytest.approx(2 / 5)
    assert co.exact_p(q, 1, 2, "B") == pytest.approx(1 / 45)
    # Under D one year, 2 launch days of 10: each window hit with 1/5, both with 1/25.
    assert co.expected_followed(q, 1, "D") == pytest.approx(2 / 5)
    assert co.exact_p(q, 1, 2, "D") == pytest.approx(1 / 25)
    with pytest.raises(ValueError, match="not 'C'"):
        co.exact_p(q, 1, 2, "C")


def test_at_least_zero_is_certain():
    assert nm.p_patrols_random(100, 7, 3, 0) == 1
    assert nm.p_launches_random(100, (5, 50), 9, 2, 0) == 1
    assert nm.p_year_rates((5, 50), nm.one_rate(100, 9), 2, 0) == 1


def test_windows_are_cut_at_the_end_of_the_period():
    assert nm.windows((8, 9), 3, TEN_DAYS) == [frozenset({9}), frozenset()]
    assert nm.followed((8, 9), (9,), 3, TEN_DAYS) == 1


def test_no_overlap_gives_p_near_one():
    """Launches every 30 days, patrols 15 days after a launch: none followed, and p (at least 0) is 1."""
    launches = tuple(range(0, 365, 30))
    patrols = (15, 135, 255)
    assert nm.followed(patrols, launches, 3, 365) == 0
    q = co.Question("none", pd.Timestamp("2001-01-01"), 365, patrols, len(launches), launches)
    assert (co.answers(q, draws=500)["p"] == 1).all()


def test_every_patrol_followed_in_a_sparse_year_gives_small_p():
    """Five launch days in a year, each the day after one of five patrols: chance would rarely do that."""
    patrols = (40, 100, 170, 240, 300)
    launches = tuple(d + 1 for d in patrols)
    assert nm.followed(patrols, launches, 1, 365) == 5
    assert nm.p_launches_random(365, patrols, 5, 1, 5) == Fraction(1, comb(365, 5))
    assert nm.p_patrols_random(365, 5, 5, 5) == Fraction(1, comb(365, 5))
    assert nm.p_rotation(365, patrols, launches, 1, 5) == Fraction(1, 365)  # only the true calendar does it
    assert nm.p_year_rates(patrols, nm.one_rate(365, 5), 1, 5) == Fraction(5, 365) ** 5


def test_binomial_is_close_to_hypergeometric_when_patrols_are_few():
    exact = nm.p_patrols_random(2557, 300, 9, 3)
    assert abs(float(nm.p_patrols_random(2557, 300, 9, 3, with_replacement=True)) - float(exact)) < 0.01


def _within_monte_carlo_error(simulated: float, exact: float, draws: int) -> bool:
    # Four standard errors of a share of `draws` draws, plus a little for p near 0 or 1.
    return abs(simulated - exact) <= 4 * sqrt(exact * (1 - exact) / draws) + 1e-3


@pytest.mark.parametrize("w", [1, 2, 3])
def test_simulations_agree_with_exact_on_the_records(records, w):
    q = records
    t = q.followed(w)
    before = nm.days_before_a_launch(q.launch_days, w, q.n_days)
    exact_a = float(nm.p_patrols_random(q.n_days, len(before), len(q.patrol_days), t))
    exact_b = float(nm.p_launches_random(q.n_days, q.patrol_days, q.n_launches, w, t))
    exact_d = float(nm.p_year_rates(q.patrol_days, q.rates(), w, t))
    draws = nm.DRAWS
    assert _within_monte_carlo_error(nm.permutation_patrols(q.n_days, before, len(q.patrol_days), t), exact_a, draws)
    assert _within_monte_carlo_error(nm.monte_carlo_launches(q.n_days, q.patrol_days, q.n_launches, w, t),
                                     exact_b, draws)
    assert _within_monte_carlo_error(nm.simulate_year_rates(q.patrol_days, q.rates(), w, t), exact_d, draws)


def test_simulations_agree_with_exact_on_a_small_case():
    patrols, n, m = (2, 6), 10, 2
    exact = float(nm.p_launches_random(n, patrols, m, 1, 1))  # at least one of two followed
    assert exact == pytest.approx(1 - 28 / 45)  # C(8, 2) = 28 calendars miss both days 3 and 7
    assert _within_monte_carlo_error(nm.monte_carlo_launches(n, patrols, m, 1, 1, draws=5000), exact, 5000)
    rates = nm.year_rates(D_FIRST, D_DAYS, D_LAUNCHES)
    assert _within_monte_carlo_error(nm.simulate_year_rates(D_PATROLS, rates, 1, 2, start=0, draws=5000),
                                     5 / 12, 5000)


def test_records_question_as_stated(records):
    """9 patrols; 94 launch days in 2019-2025; followed within 1, 2, 3 days: 1, 2, 3 (RECORDS.md, CNS data)."""
    q = records
    assert (q.n_days, len(q.patrol_days), q.n_launches) == (2557, 9, 94)
    assert [q.followed(w) for w in (1, 2, 3)] == [1, 2, 3]


def test_launch_days_per_year_are_the_ones_on_record(records):
    """Launch days per year 2019-2025 ran 15, 4, 4, 33, 20, 12 and 6 (CNS data, one launch day per Korean day)."""
    table = se.launch_days_per_year(records)
    assert list(table["year"]) == list(range(2019, 2026))
    assert list(table["launch days"]) == [15, 4, 4, 33, 20, 12, 6]
    assert list(table["days"]) == [365, 366, 365, 365, 365, 366, 365]
    assert records.rates()[0] == Fraction(15, 365) and records.rates()[-1] == Fraction(6, 365)


def test_year_rates_make_the_records_p_values_larger(records):
    """The patrols fell in busier years than the average (two in 2022, 33 launch days): one rate understates
    the chance of a launch after them."""
    for w in (1, 2, 3):
        assert se.one_rate_p(records, w) < float(nm.p_year_rates(records.patrol_days, records.rates(), w,
                                                                 records.followed(w)))


def test_article_question_takes_the_articles_numbers_from_the_data(d):
    """1 January to 25 May 2022 is 145 days; flights "in January" (stand-in 15th), 23 March and 24 May; 19 tests;
    the launches it dates (24 March, 25 May) follow two flights, Neill's "it has happened twice"."""
    q = co.article_question(d.events, d.claims, d.article)
    assert (q.first, q.n_days, q.n_launches) == (pd.Timestamp("2022-01-01"), 145, 19)
    assert q.patrol_days == (14, 81, 143)  # 15 January, 23 March, 24 May, counted from day 0 = 1 January
    assert [q.followed(w) for w in (1, 2, 3)] == [2, 2, 2]
    assert q.followed(1) == int(d.claims.set_index("id").loc[co.ARTICLE_FOLLOWED_CLAIM, "value"])


def test_march_dated_by_the_russian_flight_moves_one_follow_to_the_same_day(d):
    """Dated 24 March, the March flights share their day with the ICBM: not followed the next day, but followed
    the same day or the next."""
    q = co.article_question(d.events, d.claims, d.article, march="mar24-russia-kadiz")
    assert q.patrol_days == (14, 82, 143)
    assert q.followed(1) == 1  # only 24 May -> 25 May
    same = co.article_question(d.events, d.claims, d.article, windows_=(0, 1), march="mar24-russia-kadiz", start=0)
    assert (same.followed(0), same.followed(1)) == (1, 2)


def test_article_without_the_prompting_event(d):
    """Cut the day before 24 May: 143 days (1 January to 23 May), the flights of January and March, 19 - 1 = 18
    tests (the launch of 25 May falls outside), March followed: 1 of 2. Null B, next day: each window is one day,
    missed by 18 launch days with C(142, 18) / C(143, 18) = 125/143; p = 1 - (125/143)(124/142), the second
    window missed given the first is."""
    assert se.prompting_cut(d.events) == "2022-05-23"
    q = co.article_question(d.events, d.claims, d.article, last=se.prompting_cut(d.events))
    assert (q.n_days, q.n_launches, q.patrol_days, q.followed(1)) == (143, 18, (14, 81), 1)
    expected = 1 - Fraction(comb(141, 18), comb(143, 18))
    assert nm.p_launches_random(q.n_days, q.patrol_days, q.n_launches, 1, 1) == expected
    assert expected == 1 - Fraction(125, 143) * Fraction(124, 142)


def test_article_question_does_not_depend_on_the_january_stand_in(d):
    q = co.article_question(d.events, d.claims, d.article)
    answers = {nm.p_launches_random(q.n_days, (jan, *q.patrol_days[1:]), 19, 3, 2) for jan in range(0, 28)}
    assert len(answers) == 1
    assert co.stand_in_days_with_the_same_answer(q)[:28] == list(range(1, 29))


def test_primary_test_takes_the_patrols_after_the_article(d, launch_dates):
    """The patrols of 30 November 2022, 6 June 2023, 14 December 2023, 29 November 2024 and 9 December 2025
    (joint_air_patrols.csv); the CNS data have no launch on their day or the next, so p (at least 0) is 1."""
    q = se.primary_question(d.joint_air_patrols, launch_dates)
    dates = [f"{q.first + pd.Timedelta(days=day):%Y-%m-%d}" for day in q.patrol_days]
    assert dates == ["2022-11-30", "2023-06-06", "2023-12-14", "2024-11-29", "2025-12-09"]
    result = se.primary_result(q, draws=1000)
    assert (result["patrols"], result["followed"], result["p"]) == (5, 0, 1.0)
    # the fewest followed that the test would call unusual, and one fewer that it would not
    assert result["p_if"][result["needed"]] < se.PRIMARY.level <= result["p_if"][result["needed"] - 1]


def test_null_d_gives_2022_its_rate_inside_the_primary_tests_period(d, launch_dates):
    """The primary test starts on 26 May 2022: 6 days of May, 30 + 31 + 31 + 30 + 31 + 30 + 31 = 214 of June to
    December, 220 days of 2022 in its period. The CNS data have 33 launch days in 2022 (the launch days per year
    above) and 15 up to 25 May (test_records_facts), so 18 in the period: a chance of 18/220 a day, not the whole
    year's 33/365. Whole years keep their own: 2023 has 20 launch days in 365 days."""
    q = se.primary_question(d.joint_air_patrols, launch_dates)
    rates = q.rates()
    assert q.n_days - (pd.Timestamp("2025-12-31") - pd.Timestamp("2022-12-31")).days == 220
    assert set(rates[:220]) == {Fraction(33 - 15, 220)}
    assert rates[220] == Fraction(20, 365)


def test_next_patrol_chance_is_two_days_at_the_years_rate(launch_dates):
    # 2025 had 6 launch days in 365: a launch on the patrol's day or the next with 1 - (359/365)^2.
    assert se.next_patrol_chance(launch_dates, 2025) == pytest.approx(1 - (359 / 365) ** 2)


def test_sensitivity_table_marks_one_primary_test_and_holds_the_articles_0045(d, launch_dates):
    table = se.sensitivity_table(d, launch_dates)
    primary = table[table["primary"]]
    assert len(primary) == 1
    assert primary[["scenario", "window", "null"]].iloc[0].tolist() == [se.PRIMARY_LABEL, "same or next day", "D"]
    article = table[(table["scenario"] == "The article's numbers") & (table["null"] == "B")].set_index("window")
    # 2 of 3 flights followed the next day: the 0.045 of the chapter's first answers
    assert article.loc["next day", "p"] == pytest.approx(float(nm.p_launches_random(145, (14, 81, 143), 19, 1, 2)))
    assert table["p"].between(0, 1).all()


def test_sensitivity_chart_has_one_dot_per_set_window_and_model(d, launch_dates):
    table = se.sensitivity_table(d, launch_dates)
    frame = coincidence_charts.sensitivity_frame(table)
    assert len(frame) == frame["scenario"].nunique() * 3 * 2
    assert frame.loc[frame["primary"], "status"].tolist() == ["the primary test"]
    payload = coincidence_charts.sensitivity_figure(table).payload()
    for layout in (DESKTOP, PHONE):
        spec = payload[layout.name]
        assert len(spec["description"]) > 80
        assert spec["spec"]["width"] <= layout.width
    # One row of the chart's table per dot, the primary test's among them, p to three decimals. The primary test
    # counts the launch days after the article: 33 in 2022 less the 15 up to 25 May, then 20, 12 and 6 = 56.
    rows = payload["table"]["rows"]
    assert len(rows) == len(frame)
    assert [r for r in rows if r[1] == "the primary test"] == [
        [se.PRIMARY_LABEL, "the primary test", coincidence_charts.NULL_NAMES["D"], "same or next day", "0 of 5", "56",
         "1.000"]]


def test_followed_patrol_dates_names_the_patrols_a_launch_followed():
    # Period of 10 days from 1 January; patrols on days 2 and 5 (3 and 6 January), one launch on day 3.
    q = co.Question(label="toy", first=pd.Timestamp("2022-01-01"), n_days=10, patrol_days=(2, 5), n_launches=1,
                    launch_days=(3,))
    assert co.followed_patrol_dates(q, 1) == [pd.Timestamp("2022-01-03")]
    assert co.followed_patrol_dates(q, 3) == [pd.Timestamp("2022-01-03")]  # day 5's window is 6..8


def test_largest_simulation_gap_compares_each_simulation_with_its_exact_value():
    rows = [("q", "A", 1, "exact (every placement counted)", 0.20), ("q", "A", 1, "permutation test", 0.23),
            ("q", "B", 1, "exact (every calendar counted)", 0.50), ("q", "B", 1, "Monte Carlo", 0.49)]
    answers = pd.DataFrame(rows, columns=["question", "null", "window", "method", "p"])
    assert co.largest_simulation_gap(answers) == pytest.approx(0.03)

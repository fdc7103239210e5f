"""The chapter "Could it be coincidence?" in numbers and words: everything its prose states, by name.

kadiz.coincidence asks the questions, kadiz.sensitivity holds the primary test and the other choices; this module
turns their answers into the chapter's sentences: which number goes where, and the words that depend on a number
("fewer", "not unusual"). Each function returns {name: value} for one section of the chapter, glued there as
coincidence-<name>; a name says what the value is, in words (``records-p-null-b-next-day``). Floats (p-values,
chances, rates) stay numbers, which the preamble (kadiz.book) prints to three decimals; other numbers are words,
the p-values of the choices among them (kadiz.null_models.p_text: more digits where three would round p onto the
level). The words that depend on a number are kadiz.coincidence_words'.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kadiz import coincidence as co
from kadiz import counts
from kadiz import null_models as nm
from kadiz import coincidence_try
from kadiz import sensitivity as se
from kadiz.words import listed
from kadiz.coincidence_words import (below, below_in_every_window, bonferroni, day, fewer_or_more,
                                     one_rate_misstates, recurred, unusual, were_followed, window_key)

FIRST_WINDOWS = (1, 2, 3)  # the chapter's first answers: the next day, within two days, within three days
KNOWN = "Only what was known on 25 May 2022"
MARCH_23, MARCH_24 = "March 2022 flights as a patrol, 23 March", "March 2022 flights as a patrol, 24 March"
ARTICLE, ARTICLE_24 = "The article's numbers", "The article, March dated 24 March"
CLUSTER_GAP = 3  # launch days with another within this many days count as clustered


@dataclass(frozen=True)
class Chapter:
    """The questions the chapter asks and their answers, computed once for all its sections."""

    launch_days: pd.DatetimeIndex  # CNS launch days of the records' period
    records: co.Question  # the patrols on file, 2019-2025
    article: co.Question  # the article's own numbers
    per_year: pd.DataFrame  # sensitivity.launch_days_per_year(records)
    answers: pd.DataFrame  # coincidence.answers of the article, then of the records
    grid: pd.DataFrame  # sensitivity.sensitivity_table: every set of numbers, window and null model


def chapter(d) -> Chapter:
    """The chapter's questions and answers from the validated data `d` (kadiz.data.load())."""
    first, last = co.RECORDS_PERIOD
    launch_days = counts.launch_days(d.missiles, first, last)
    records = co.records_question(d.joint_air_patrols, launch_days, first, last)
    article = co.article_question(d.events, d.claims, d.article)
    return Chapter(launch_days=launch_days, records=records, article=article, per_year=se.launch_days_per_year(records),
                   answers=pd.concat([co.answers(article), co.answers(records)], ignore_index=True),
                   grid=se.sensitivity_table(d, launch_days))


def facts(d) -> dict:
    """Every value the chapter's prose states, by name: the sections below, one after another."""
    c = chapter(d)
    return {**setting(d, c), **primary(d, c), **first_answers(d, c), **choices(c), **exercises(d, c)}


# -------------------------------------------------------------------------------------------------- sections
def setting(d, c: Chapter) -> dict:
    """The numbers the question is asked with: the periods, patrols and launch days, the years' launch rates, the
    simulations' draws and seed, and the hand-worked calendar of ten days."""
    by_year = c.per_year.set_index("year")
    busiest, quietest = by_year["launch days"].idxmax(), by_year["launch days"].idxmin()
    first, last = co.RECORDS_PERIOD
    toy_days, toy_launches = 10, (3, 7)  # worked by hand in the text: one patrol, a launch the next day
    return {
        "database-last-day": day(d.missiles["kst_date"].max()),
        "records-first-day": day(first),
        "records-last-day": day(last),
        "records-days": c.records.n_days,
        "records-patrols": len(c.records.patrol_days),
        "records-launch-days": c.records.n_launches,
        "patrols-on-file": len(d.joint_air_patrols),
        "article-days": c.article.n_days,
        "article-missile-tests": c.article.n_launches,
        "article-flights": len(c.article.patrol_days),
        "article-flights-followed-next-day": c.article.followed(1),
        "draws": f"{nm.DRAWS:,}",
        "seed": nm.SEED,
        "simulation-error-at-five-percent": f"{(0.05 * 0.95 / nm.DRAWS) ** 0.5:.4f}",
        "january-stand-in-day": f"{co.article_flight_days(d.events)[0]:%-d %B}",
        "january-last-day-same-answer": co.stand_in_days_with_the_same_answer(c.article)[-1],
        "launch-days-per-year": listed([str(n) for n in c.per_year["launch days"]]),
        "first-year": c.per_year["year"].iloc[0],
        "last-year": c.per_year["year"].iloc[-1],
        "records-years": len(c.per_year),
        "busiest-year": busiest,
        "busiest-year-rate": by_year.loc[busiest, "rate"],
        "quietest-year": quietest,
        "quietest-year-rate": by_year.loc[quietest, "rate"],
        "one-rate-all-years": c.records.n_launches / c.records.n_days,
        "toy-calendar-p-null-a": float(nm.p_patrols_random(
            toy_days, len(nm.days_before_a_launch(toy_launches, 1, toy_days)), 1, 1)),
        "toy-calendar-p-null-b": float(nm.p_launches_random(toy_days, (2,), len(toy_launches), 1, 1)),
    }


def years_table(per_year: pd.DataFrame) -> pd.DataFrame:
    """launch_days_per_year for readers: the daily chance to three decimals, columns in words."""
    return per_year.assign(rate=per_year["rate"].map("{:.3f}".format)).rename(columns={
        "year": "Year", "days": "Days", "launch days": "Launch days", "rate": "Chance of a launch on a day"})


def primary(d, c: Chapter) -> dict:
    """The primary test, stated before its answer, then its answer in numbers and words."""
    test = se.PRIMARY
    q = se.primary_question(d.joint_air_patrols, c.launch_days)
    result = se.primary_result(q)
    t, needed = result["followed"], result["needed"]
    return {
        "primary-first-day": day(test.first),
        "primary-last-day": day(test.last),
        "primary-level": f"{test.level:g}",
        "primary-patrols": result["patrols"],
        "primary-patrol-dates": listed([day(q.first + pd.Timedelta(days=n)) for n in q.patrol_days]),
        "primary-followed": t,
        "primary-were-followed": were_followed(t),
        "primary-expected-followed": f"{result['expected']:.1f}",
        "primary-fewer-or-more": fewer_or_more(t, result["expected"]),
        "primary-p": result["p"],
        "primary-unusual": unusual(result["p"], test.level),
        "primary-recurred": recurred(t),
        "primary-followed-needed": needed,
        "primary-p-if-needed": result["p_needed"],
        "primary-one-fewer-than-needed": needed - 1,
        "primary-p-if-one-fewer": result["p_if"][needed - 1],
        **primary_first_year(q),
        **primary_every_window(c.grid),
    }


def primary_first_year(q: co.Question) -> dict:
    """The chance null model D gives a day of the test's first year, a year its period cuts: that year's launch days
    in the period over its days in the period (kadiz.null_models)."""
    first = se.launch_days_per_year(q).iloc[0]
    return {"primary-first-year": int(first["year"]), "primary-first-year-days": int(first["days"]),
            "primary-first-year-launch-days": int(first["launch days"]), "primary-first-year-rate": first["rate"]}


def primary_every_window(grid: pd.DataFrame) -> dict:
    """The primary test's patrols under every window and null model of the grid: how many p-values, how many fall
    below the level, and the smallest."""
    ps = grid.loc[grid["scenario"] == se.PRIMARY_LABEL, "p"]
    return {"primary-every-window-p-values": len(ps),
            "primary-every-window-below-level": below_in_every_window(ps, se.PRIMARY.level),
            "primary-every-window-smallest-p": nm.p_text(ps.min())}


def followed_dates_by_window(q: co.Question, windows_=FIRST_WINDOWS) -> dict[int, str]:
    """The patrols a launch followed, for each window in turn; a wider window names only the patrols it adds to
    the one before, "as well"."""
    hits = {w: co.followed_patrol_dates(q, w) for w in windows_}
    out = {}
    for i, w in enumerate(windows_):
        new = [date for date in hits[w] if i == 0 or date not in hits[windows_[i - 1]]]
        text = ", ".join(f"{date:%-d %B %Y}" for date in new)
        out[w] = text if i == 0 else f"{text} as well"
    return out


def first_answers(d, c: Chapter) -> dict:
    """The first answers: the records' and the article's p-values for each window and null model, the smallest of
    them corrected for the windows looked at, and the article's numbers without the event that prompted it."""
    exact_answers = co.exact_answers(c.answers)
    exact = exact_answers["p"]
    records, values = c.records, {}
    dates = followed_dates_by_window(records)
    for w in FIRST_WINDOWS:
        k = window_key(w)
        values[f"records-followed-{k}"] = records.followed(w)
        values[f"records-followed-dates-{k}"] = dates[w]
        values[f"records-p-null-b-{k}"] = exact["records", "B", w]
        values[f"records-p-null-d-{k}"] = exact["records", "D", w]
        values[f"records-p-one-rate-{k}"] = se.one_rate_p(records, w)
        values[f"article-p-null-b-{k}"] = exact["the article", "B", w]
        if w > 1:
            values[f"article-p-null-a-{k}"] = exact["the article", "A", w]
    records_b = [exact["records", "B", w] for w in FIRST_WINDOWS]
    cut = se.prompting_cut(d.events)
    without = co.article_question(d.events, d.claims, d.article, last=cut, label="without")
    busiest = c.per_year.set_index("year")["launch days"].idxmax()
    rates = records.rates()
    patrol_years = pd.Series([(records.first + pd.Timedelta(days=n)).year for n in records.patrol_days])
    return {
        **values,
        "records-smallest-p": min(records_b),
        "records-smallest-p-bonferroni": bonferroni(records_b),
        "records-expected-followed-within-3-days": f"{exact_answers.loc[('records', 'B', 3), 'expected']:.1f}",
        "largest-simulation-gap": co.largest_simulation_gap(c.answers),
        "without-may-last-day": f"{pd.Timestamp(cut):%-d %B}",
        "without-may-flights": len(without.patrol_days),
        "without-may-followed-next-day": without.followed(1),
        "without-may-missile-tests": without.n_launches,
        "without-may-p-null-b-next-day": co.exact_p(without, 1, without.followed(1), "B"),
        "patrols-in-busiest-year": int((patrol_years == busiest).sum()),
        "mean-next-day-chance": sum(float(rates[n + 1]) for n in records.patrol_days) / len(records.patrol_days),
    }


def choices(c: Chapter) -> dict:
    """How the answer moves with each choice: the cells of the grid the text names, and how many of its p-values
    fall below the primary test's level; p-values as words, so that each reads on the side of the level it is on."""
    grid = c.grid

    def cell(scenario, w, null, start=1, window=None):  # a row of the grid; the window by w and start, or in words
        window = window or co.window_name(w, start)
        return grid[(grid["scenario"] == scenario) & (grid["window"] == window) & (grid["null"] == null)].iloc[0]

    def p_of(*where, **window) -> str:  # the p-value of a row, as words (nm.p_text)
        return nm.p_text(cell(*where, **window)["p"])

    smallest = grid.loc[grid["p"].idxmin()]
    return {
        "known-by-article-patrols": cell(KNOWN, 3, "B")["patrols"],
        "known-by-article-followed-within-3-days": cell(KNOWN, 3, "B")["followed"],
        "known-by-article-p-null-b-within-3-days": p_of(KNOWN, 3, "B"),
        "known-by-article-p-null-d-within-3-days": p_of(KNOWN, 3, "D"),
        "march-23-patrol-followed-next-day": cell(MARCH_23, 1, "B")["followed"],
        "march-23-patrol-p-null-b-next-day": p_of(MARCH_23, 1, "B"),
        "march-23-patrol-p-null-d-next-day": p_of(MARCH_23, 1, "D"),
        "march-24-patrol-followed-next-day": cell(MARCH_24, 1, "B")["followed"],
        "march-24-patrol-p-null-b-next-day": p_of(MARCH_24, 1, "B"),
        "march-24-patrol-followed-same-or-next-day": cell(MARCH_24, 1, "B", start=0)["followed"],
        "march-24-patrol-p-null-b-same-or-next-day": p_of(MARCH_24, 1, "B", start=0),
        "article-p-null-b-same-or-next-day": p_of(ARTICLE, 1, "B", start=0),
        "article-march-24-followed-next-day": cell(ARTICLE_24, 1, "B")["followed"],
        "article-march-24-p-null-b-next-day": p_of(ARTICLE_24, 1, "B"),
        "article-march-24-p-null-b-same-or-next-day": p_of(ARTICLE_24, 1, "B", start=0),
        "choices-tested": len(grid),
        "choices-below-level": int((grid["p"] < se.PRIMARY.level).sum()),
        "choices-smallest-p": nm.p_text(smallest["p"]),
        "choices-largest-p-below-level": nm.p_text(grid.loc[grid["p"] < se.PRIMARY.level, "p"].max()),
        "choices-smallest-p-where": f"{smallest['scenario']}, {smallest['window']}, null model {smallest['null']}",
        "choices-smallest-p-if-march-24": p_of(MARCH_24, None, smallest["null"], window=smallest["window"]),
    }


def exercises(d, c: Chapter) -> dict:
    """The numbers of the exercises: clustered launches, the fewest patrols followed that would be unusual, one rate
    for all years against each year's own, and the chance for the next patrol."""
    records, per_year = c.records, c.per_year
    by_year = per_year.set_index("year")
    share, share_random = co.clustered_share(records.launch_days, CLUSTER_GAP, records.n_days)
    needed, needed_p = co.followed_needed(records, 1)
    quiet = by_year.loc[by_year["launch days"].idxmin()]
    busy = by_year.loc[by_year["launch days"].idxmax()]
    p_years, p_one_rate = pooling_p_values(quiet["rate"], busy["rate"], records.n_launches / records.n_days)
    last_year = int(per_year["year"].iloc[-1])
    next_patrol = se.next_patrol_chance(c.launch_days, last_year)
    return {
        "launch-days-clustered-percent": round(100 * share),
        "launch-days-clustered-percent-at-random": round(100 * share_random),
        "records-followed-needed-next-day": needed,
        "records-p-if-needed-next-day": needed_p,
        "patrols-in-november-december": int(d.joint_air_patrols["start_ts"].dt.month.isin([11, 12]).sum()),
        "pooling-quiet-year-chance": f"{int(quiet['launch days'])}/{int(quiet['days'])}",
        "pooling-busy-year-chance": f"{int(busy['launch days'])}/{int(busy['days'])}",
        "pooling-quiet-year-launch-days": int(quiet["launch days"]),
        "pooling-busy-year-launch-days": int(busy["launch days"]),
        "pooling-one-chance": f"{records.n_launches}/{records.n_days}",
        "pooling-p-year-rates": p_years,
        "pooling-p-one-rate": p_one_rate,
        **one_rate_misstates(p_one_rate, p_years),
        "next-patrol-year": last_year,
        "next-patrol-year-launch-days": int(by_year.loc[last_year, "launch days"]),
        "next-patrol-p": next_patrol,
        "next-patrol-below-level-or-not": below(next_patrol, se.PRIMARY.level),
    }


def pooling_p_values(quiet: float, busy: float, pooled: float) -> tuple[float, float]:
    """The exercise on one rate for all years: two patrols, on days 0 and 2 of a made-up calendar of four days whose
    days 0-1 have the quiet year's chance of a launch and days 2-3 the busy year's. The p-value of one patrol
    followed the next day (at least one), under those two chances and under one pooled chance for all four days."""
    return (float(nm.p_year_rates((0, 2), (quiet,) * 2 + (busy,) * 2, 1, 1)),
            float(nm.p_year_rates((0, 2), (pooled,) * 4, 1, 1)))


def try_it(d) -> dict:
    """The numbers of the "try it" cell's exercise, for its window and a wider one (kadiz.coincidence_try.facts)."""
    return coincidence_try.facts(d)

"""What chance alone would make of the patrols: the statistic, the null models and their p-values.

Days are Korean calendar days numbered 0..n_days-1 from the first day of the period. A patrol on day d is
*followed* when North Korea launched on at least one day of its window, d+start, ..., d+w: with start = 1 (the
default) the w days after the patrol (w = 1 is "the next day"); with start = 0 the patrol's own day counts too
(w = 0 is "the same day", w = 1 "the same day or the next"). Days after the period are not looked at: a window
that runs past the end is cut there. The statistic is the number of patrols followed; its p-value is the
probability, under a null model, that at least as many patrols would be followed as were.

Null models (what "by chance" means):
- A, patrols placed at random: the launch days stay where they were; the k patrols fall on k distinct days drawn
  at random. Only the days just before a launch matter, the days d with a launch in their window: the number of
  patrols that land on one is hypergeometric (`p_patrols_random`, exact), or binomial if patrols could share a
  day. `permutation_patrols` draws the same thing (a seeded permutation test).
- B, launches placed at random: the patrols stay; the m launch days are m distinct days drawn at random from the
  period, every day as likely as any other. `p_launches_random` counts every possible launch calendar exactly
  (adding and subtracting the calendars in which several windows are empty: the inclusion-exclusion rule),
  in whole numbers; `monte_carlo_launches` draws it.
- C, the launch calendar turned: the launch days keep their spacing (their clusters) and are shifted together by
  every possible number of days, wrapping round the end of the period (`p_rotation`, exact: all n_days shifts).
- D, each year its own launch rate: each day is a launch day or not independently, with the chance of its
  calendar year within the period asked about: that year's launch days in the period divided by its days in the
  period. North Korea launched on 4 days in 2020 and 33 in 2022, so one rate for all years makes a busy year look
  quiet and a quiet one busy. A year the period cuts takes its rate from the part inside it (the primary test,
  from 26 May 2022, gives 2022 the launch days from 26 May over its 220 days from 26 May, not the whole year's):
  launches outside the period are no part of the question, as null model B draws only the period's own launch
  count, and the launches that suggested a pattern do not set the chance it is tested against.
  A patrol is then followed with its own chance, 1 - (product over its window of 1 - rate); patrols whose windows
  do not overlap are independent, and the number followed is a sum of yes/no outcomes with different chances
  (a Poisson-binomial count). `p_year_rates` is exact in fractions (patrols whose windows overlap are taken
  together); `simulate_year_rates` draws whole launch calendars day by day.

All four treat patrols as independent of the launches; A, B and D also treat days alike within their scope.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations, product
from math import comb, prod

import numpy as np
import pandas as pd

SEED = 20220525  # the day of the article; any fixed seed makes the draws repeatable
DRAWS = 20_000  # Monte Carlo standard error at most 0.0036 (p = 0.5), about 0.0015 at p = 0.05
LEVEL = 0.05  # the level a p-value is read against (kadiz.sensitivity.PRIMARY)
MAX_SHARED_DAYS = 16  # overlapping windows are enumerated day by day: 2**16 launch patterns at most


def p_text(p: float, level: float = LEVEL) -> str:
    """A p-value as the report prints it: three decimals, or more where three would round it onto the level (0.0497
    printed as 0.050 reads as not below 0.05, though it is, and a count of the p-values below the level would not add
    up for a reader)."""
    digits = 3
    while digits < 6 and p != level and round(p, digits) == level:
        digits += 1
    return f"{p:.{digits}f}"


# ------------------------------------------------------------------------------------------------ the statistic
def windows(patrol_days, w: int, n_days: int, *, start: int = 1) -> list[frozenset[int]]:
    """The days each patrol's window covers inside the period: d+start..d+w, cut at the end."""
    return [frozenset(range(d + start, min(d + w, n_days - 1) + 1)) for d in patrol_days]


def followed(patrol_days, launch_days, w: int, n_days: int, *, start: int = 1) -> int:
    """How many patrols had a launch in their window."""
    launches = set(launch_days)
    return sum(1 for window in windows(patrol_days, w, n_days, start=start) if window & launches)


def days_before_a_launch(launch_days, w: int, n_days: int, *, start: int = 1) -> set[int]:
    """The days d of the period on which a patrol would be followed: a launch on d+start..d+w."""
    return {d for day in launch_days for d in range(day - w, day - start + 1) if 0 <= d < n_days}


def most_days_before_a_launch(n_launches: int, w: int, n_days: int, *, start: int = 1) -> int:
    """The most such days m launch days can make (their windows apart): the largest p-value null A allows."""
    return min(n_launches * (w - start + 1), n_days)


# ------------------------------------------------------------------ null model A: patrols placed at random
def p_patrols_random(n_days: int, n_days_before: int, n_patrols: int, observed: int,
                     with_replacement: bool = False) -> Fraction:
    """P(at least `observed` of `n_patrols` random patrol days fall on one of `n_days_before` days just before a
    launch): hypergeometric (distinct days), or binomial (with replacement)."""
    if with_replacement:
        q = Fraction(n_days_before, n_days)
        return sum((comb(n_patrols, j) * q ** j * (1 - q) ** (n_patrols - j)
                    for j in range(observed, n_patrols + 1)), Fraction(0))
    total = comb(n_days, n_patrols)
    return Fraction(sum(comb(n_days_before, j) * comb(n_days - n_days_before, n_patrols - j)
                        for j in range(observed, n_patrols + 1)), total)


def permutation_patrols(n_days: int, days_before: set[int], n_patrols: int, observed: int,
                        draws: int = DRAWS, seed: int = SEED) -> float:
    """Share of `draws` random placements of the patrols (distinct days) with at least `observed` on days just
    before a launch."""
    rng = np.random.default_rng(seed)
    is_before = np.zeros(n_days, dtype=bool)
    is_before[list(days_before)] = True
    counts = np.array([is_before[rng.choice(n_days, n_patrols, replace=False)].sum() for _ in range(draws)])
    return float(np.mean(counts >= observed))


# ------------------------------------------------------------------ null model B: launches placed at random
def p_launches_random(n_days: int, patrol_days, n_launches: int, w: int, observed: int, *,
                      start: int = 1) -> Fraction:
    """P(at least `observed` patrols followed) when the m launch days are a random m-subset of the period.

    For a set of patrols, all their windows are empty with probability C(n - |union of the windows|, m) / C(n, m).
    Adding and subtracting these (inclusion-exclusion) gives P(exactly the patrols in S are followed)
    = sum over B in S of (-1)^|B| P(the windows of B and of the patrols outside S are all empty).
    """
    wins = windows(patrol_days, w, n_days, start=start)
    k = len(wins)
    everyone = frozenset(range(k))
    memo: dict[frozenset[int], int] = {}

    def empty(patrols: frozenset[int]) -> int:  # numerator of P(all these windows empty)
        if patrols not in memo:
            union = frozenset().union(*(wins[i] for i in patrols))
            memo[patrols] = comb(n_days - len(union), n_launches)
        return memo[patrols]

    numerator = 0
    for size in range(observed, k + 1):
        for s in combinations(range(k), size):
            outside = everyone - frozenset(s)
            numerator += sum((-1) ** b * empty(outside | frozenset(part))
                             for b in range(size + 1) for part in combinations(s, b))
    return Fraction(numerator, comb(n_days, n_launches))


def monte_carlo_launches(n_days: int, patrol_days, n_launches: int, w: int, observed: int, *, start: int = 1,
                         draws: int = DRAWS, seed: int = SEED, chunk: int = 1000) -> float:
    """Share of `draws` random launch calendars (m distinct days) that follow at least `observed` patrols."""
    rng = np.random.default_rng(seed)
    wins = [sorted(x) for x in windows(patrol_days, w, n_days, start=start)]
    hits = 0
    for first in range(0, draws, chunk):
        size = min(chunk, draws - first)
        # m distinct days per draw: the m smallest of n random keys.
        chosen = np.argpartition(rng.random((size, n_days)), n_launches - 1, axis=1)[:, :n_launches]
        launched = np.zeros((size, n_days), dtype=bool)
        np.put_along_axis(launched, chosen, True, axis=1)
        hits += int(np.sum(_count_followed(launched, wins) >= observed))
    return hits / draws


def _count_followed(launched: np.ndarray, wins: list[list[int]]) -> np.ndarray:
    """Per simulated calendar (a row of `launched`), how many windows hold a launch."""
    size = launched.shape[0]
    return sum((launched[:, win].any(axis=1) if win else np.zeros(size, dtype=bool) for win in wins),
               np.zeros(size, dtype=int))


# -------------------------------------------------------------- null model C: the launch calendar turned
def p_rotation(n_days: int, patrol_days, launch_days, w: int, observed: int, *, start: int = 1) -> Fraction:
    """Share of all n_days circular shifts of the launch days that follow at least `observed` patrols."""
    launches = np.asarray(launch_days)
    at_least = sum(1 for shift in range(n_days)
                   if followed(patrol_days, (launches + shift) % n_days, w, n_days, start=start) >= observed)
    return Fraction(at_least, n_days)


# ------------------------------------------------------------- null model D: each year its own launch rate
def year_rates(first: pd.Timestamp, n_days: int, launch_days) -> tuple[Fraction, ...]:
    """The chance of a launch on each day of the period: its calendar year's launch days in the period divided by
    that year's days in the period."""
    years = (pd.Timestamp(first) + pd.to_timedelta(np.arange(n_days), unit="D")).year
    days_in = pd.Series(years).value_counts()
    launches_in = pd.Series(years[list(launch_days)]).value_counts().reindex(days_in.index, fill_value=0)
    return tuple(Fraction(int(launches_in[y]), int(days_in[y])) for y in years)


def one_rate(n_days: int, n_launches: int) -> tuple[Fraction, ...]:
    """The same chance on every day: the period's launch days divided by its days."""
    return (Fraction(n_launches, n_days),) * n_days


def _overlapping(wins: list[frozenset[int]]) -> list[list[frozenset[int]]]:
    """The windows in groups that share days (each group's launches are independent of every other group's)."""
    groups: list[list[frozenset[int]]] = []
    for win in wins:
        touching = [g for g in groups if any(win & other for other in g)]
        merged = [win, *(other for g in touching for other in g)]
        groups = [g for g in groups if g not in touching] + [merged]
    return groups


def _group_distribution(group: list[frozenset[int]], rates) -> list[Fraction]:
    """P(j windows of the group followed), j = 0..len(group): every launch pattern on the group's days."""
    days = sorted(frozenset().union(*group))
    if len(days) > MAX_SHARED_DAYS:
        raise ValueError(f"{len(days)} overlapping window days; at most {MAX_SHARED_DAYS} are enumerated")
    dist = [Fraction(0)] * (len(group) + 1)
    for pattern in product((False, True), repeat=len(days)):
        launched = {day for day, hit in zip(days, pattern) if hit}
        chance = prod((rates[day] if hit else 1 - rates[day] for day, hit in zip(days, pattern)), start=Fraction(1))
        dist[sum(1 for win in group if win & launched)] += chance
    return dist


def p_year_rates(patrol_days, rates, w: int, observed: int, *, start: int = 1) -> Fraction:
    """P(at least `observed` patrols followed) when each day d is a launch day with chance rates[d], independently.

    The distribution of the number followed is built group by group (a convolution): for patrols whose windows
    stand apart, that is multiplying in each patrol's own chance of being followed (the Poisson-binomial).
    """
    dist = [Fraction(1)]
    for group in _overlapping(windows(patrol_days, w, len(rates), start=start)):
        part = _group_distribution(group, rates)
        dist = [sum((dist[i] * part[j - i] for i in range(len(dist)) if 0 <= j - i < len(part)), Fraction(0))
                for j in range(len(dist) + len(part) - 1)]
    return sum(dist[observed:], Fraction(0))


def expected_year_rates(patrol_days, rates, w: int, *, start: int = 1) -> float:
    """Mean number of patrols followed under null model D: the sum of each patrol's chance of being followed."""
    return float(sum(1 - prod((1 - rates[d] for d in win), start=Fraction(1))
                     for win in windows(patrol_days, w, len(rates), start=start)))


def simulate_year_rates(patrol_days, rates, w: int, observed: int, *, start: int = 1, draws: int = DRAWS,
                        seed: int = SEED, chunk: int = 1000) -> float:
    """Share of `draws` launch calendars, each day drawn a launch day with its year's chance, that follow at least
    `observed` patrols."""
    rng = np.random.default_rng(seed)
    chance = np.array([float(r) for r in rates])
    wins = [sorted(x) for x in windows(patrol_days, w, len(rates), start=start)]
    hits = 0
    for first in range(0, draws, chunk):
        size = min(chunk, draws - first)
        launched = rng.random((size, len(chance))) < chance
        hits += int(np.sum(_count_followed(launched, wins) >= observed))
    return hits / draws

"""Could it be coincidence? How often chance alone would put a North Korean launch just after a joint air patrol.

The question, exactly. Days are Korean calendar days numbered 0..n_days-1 from the first day of the period. A
patrol on day d is *followed* when North Korea launched on at least one of the days d+1, ..., d+w (the window;
w = 1 is "the next day"). Days after the period are not looked at: a window that runs past the end is cut there.
The statistic is the number of patrols followed. Its p-value is the probability, under a null model, that at
least as many patrols would be followed as were.

Null models:
- A, patrols placed at random: the launch days stay where they were; the k patrols fall on k distinct days drawn
  at random from the period. Only the "hit days" matter, the days d with a launch in d+1..d+w: the number of
  patrols on hit days is hypergeometric (`p_patrols_random`, exact), or binomial if patrols could share a day.
  `permutation_patrols` draws the same thing (a seeded permutation test).
- B, launches placed at random: the patrols stay; the m launch days are m distinct days drawn at random from the
  period. `p_launches_random` is exact (inclusion-exclusion over the patrols' windows, whole numbers throughout);
  `monte_carlo_launches` draws it.
- C, the launch calendar turned: the launch days keep their spacing (their clusters) and are shifted together by
  every possible number of days, wrapping round the end of the period (`p_rotation`, exact: all n_days shifts).

All three treat days as exchangeable and patrols as independent of one another and of the launches; the chapter
"Could it be coincidence?" says what that leaves out.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from math import comb

import numpy as np
import pandas as pd

SEED = 20220525  # the day of the article; any fixed seed makes the draws repeatable
DRAWS = 20_000  # Monte Carlo standard error at most 0.0036 (p = 0.5), about 0.0015 at p = 0.05


@dataclass(frozen=True)
class Question:
    """One version of the question: a period, its launch days, its patrol days and what was observed.

    launch_days may be None where only their number is known (the article's "19 missile tests"); then null
    model A cannot be computed from the days and uses `max_hit_days`.
    """

    label: str
    first: pd.Timestamp
    n_days: int
    patrol_days: tuple[int, ...]
    n_launches: int
    launch_days: tuple[int, ...] | None = None
    observed: dict[int, int] | None = None  # window -> patrols followed, where stated rather than computed

    def followed(self, w: int) -> int:
        if self.observed is not None:
            return self.observed[w]
        return followed(self.patrol_days, self.launch_days, w, self.n_days)


# ------------------------------------------------------------------------------------------------ the statistic
def windows(patrol_days, w: int, n_days: int) -> list[frozenset[int]]:
    """The days each patrol's window covers inside the period: d+1..d+w, cut at the end."""
    return [frozenset(range(d + 1, min(d + w, n_days - 1) + 1)) for d in patrol_days]


def followed(patrol_days, launch_days, w: int, n_days: int) -> int:
    """How many patrols had a launch on one of the w days after them."""
    launches = set(launch_days)
    return sum(1 for window in windows(patrol_days, w, n_days) if window & launches)


def hit_days(launch_days, w: int, n_days: int) -> set[int]:
    """The days d of the period on which a patrol would be followed: a launch on d+1..d+w."""
    return {d for day in launch_days for d in range(day - w, day) if 0 <= d < n_days}


def max_hit_days(n_launches: int, w: int, n_days: int) -> int:
    """The most hit days m launch days can make (their windows apart): the largest p-value null A allows."""
    return min(n_launches * w, n_days)


# ------------------------------------------------------------------ null model A: patrols placed at random
def p_patrols_random(n_days: int, n_hit_days: int, n_patrols: int, observed: int,
                     with_replacement: bool = False) -> Fraction:
    """P(at least `observed` of `n_patrols` random patrol days are hit days): hypergeometric, or binomial."""
    if with_replacement:
        q = Fraction(n_hit_days, n_days)
        return sum((comb(n_patrols, j) * q ** j * (1 - q) ** (n_patrols - j)
                    for j in range(observed, n_patrols + 1)), Fraction(0))
    total = comb(n_days, n_patrols)
    return Fraction(sum(comb(n_hit_days, j) * comb(n_days - n_hit_days, n_patrols - j)
                        for j in range(observed, n_patrols + 1)), total)


def permutation_patrols(n_days: int, hit: set[int], n_patrols: int, observed: int,
                        draws: int = DRAWS, seed: int = SEED) -> float:
    """Share of `draws` random placements of the patrols (distinct days) with at least `observed` on hit days."""
    rng = np.random.default_rng(seed)
    is_hit = np.zeros(n_days, dtype=bool)
    is_hit[list(hit)] = True
    counts = np.array([is_hit[rng.choice(n_days, n_patrols, replace=False)].sum() for _ in range(draws)])
    return float(np.mean(counts >= observed))


# ------------------------------------------------------------------ null model B: launches placed at random
def p_launches_random(n_days: int, patrol_days, n_launches: int, w: int, observed: int) -> Fraction:
    """P(at least `observed` patrols followed) when the m launch days are a random m-subset of the period.

    For a set A of patrols, all their windows are empty with probability C(n - |union of the windows|, m) / C(n, m).
    Inclusion-exclusion turns these into P(exactly the patrols in S are followed)
    = sum over B in S of (-1)^|B| P(the windows of B and of the patrols outside S are all empty).
    """
    wins = windows(patrol_days, w, n_days)
    k = len(wins)
    everyone = frozenset(range(k))

    def empty(patrols: frozenset[int]) -> int:  # numerator of P(all these windows empty)
        union = frozenset().union(*(wins[i] for i in patrols))
        return comb(n_days - len(union), n_launches)

    numerator = 0
    for size in range(observed, k + 1):
        for s in combinations(range(k), size):
            outside = everyone - frozenset(s)
            numerator += sum((-1) ** b * empty(outside | frozenset(part))
                             for b in range(size + 1) for part in combinations(s, b))
    return Fraction(numerator, comb(n_days, n_launches))


def monte_carlo_launches(n_days: int, patrol_days, n_launches: int, w: int, observed: int,
                         draws: int = DRAWS, seed: int = SEED, chunk: int = 1000) -> float:
    """Share of `draws` random launch calendars (m distinct days) that follow at least `observed` patrols."""
    rng = np.random.default_rng(seed)
    wins = [sorted(x) for x in windows(patrol_days, w, n_days)]
    hits = 0
    for start in range(0, draws, chunk):
        size = min(chunk, draws - start)
        # m distinct days per draw: the m smallest of n random keys.
        chosen = np.argpartition(rng.random((size, n_days)), n_launches - 1, axis=1)[:, :n_launches]
        launched = np.zeros((size, n_days), dtype=bool)
        np.put_along_axis(launched, chosen, True, axis=1)
        count = sum(launched[:, win].any(axis=1) if win else np.zeros(size, dtype=bool) for win in wins)
        hits += int(np.sum(count >= observed))
    return hits / draws


# -------------------------------------------------------------- null model C: the launch calendar turned
def p_rotation(n_days: int, patrol_days, launch_days, w: int, observed: int) -> Fraction:
    """Share of all n_days circular shifts of the launch days that follow at least `observed` patrols."""
    launches = np.asarray(launch_days)
    at_least = sum(1 for shift in range(n_days)
                   if followed(patrol_days, (launches + shift) % n_days, w, n_days) >= observed)
    return Fraction(at_least, n_days)


# ------------------------------------------------------------------------------------- the two versions
def day_numbers(dates, first: pd.Timestamp) -> tuple[int, ...]:
    return tuple(sorted(int((pd.Timestamp(d) - first).days) for d in dates))


def records_question(patrols: pd.DataFrame, launch_dates, first: str, last: str, patrol_day: str = "first",
                     label: str = "records", extra_patrol_days=()) -> Question:
    """The records: joint patrols (joint_air_patrols.csv) and CNS launch days, both inside [first, last].

    patrol_day "first" dates a patrol of two days by its first day (so a launch on its second day counts as
    following it), "last" by its last day. extra_patrol_days adds days counted as patrols though they are not in
    the table (the separate flights of March 2022, which the article counts).
    """
    first_ts, last_ts = pd.Timestamp(first), pd.Timestamp(last)
    start = patrols["start_ts"].dt.tz_localize(None)
    end = patrols["end_ts"].dt.tz_localize(None).fillna(start)
    days = start if patrol_day == "first" else end
    days = pd.DatetimeIndex([*days, *map(pd.Timestamp, extra_patrol_days)])
    days = days[(days >= first_ts) & (days <= last_ts)]
    launches = [d for d in pd.DatetimeIndex(launch_dates) if first_ts <= d <= last_ts]
    return Question(label=label, first=first_ts, n_days=(last_ts - first_ts).days + 1,
                    patrol_days=day_numbers(days, first_ts), n_launches=len(launches),
                    launch_days=day_numbers(launches, first_ts))


# The article's own numbers, read as follows, from the rows of the data that hold them. "This year" is the
# article's year up to its date of publication; in it the article names three Chinese-Russian flights (events.csv):
# "in January" (no day given), 23-24 March and 24 May. It counts "19 missile tests this year" (claims.csv), read
# here as 19 launch days; and Neill's "it has happened twice" (claims.csv) says two flights were followed by a
# launch (23 March -> 24 March, 24 May -> 25 May: the next day). A flight dated only to the month gets a stand-in
# day, the STAND_IN_DAY of that month; `stand_in_days_with_the_same_answer` shows how little it matters.
ARTICLE_FLIGHTS = ("jan-2022-flypast", "mar23-china-kadiz", "may24-h6-kadiz-entry")
ARTICLE_TESTS_CLAIM = "nineteen-tests-2022"
ARTICLE_FOLLOWED_CLAIM = "happened-twice"
STAND_IN_DAY = 15


def article_flight_days(events: pd.DataFrame) -> pd.DatetimeIndex:
    """The Korean days of the article's flights; a flight dated only to the month on its STAND_IN_DAY."""
    flights = events.set_index("id").loc[list(ARTICLE_FLIGHTS)]
    days = flights["start_ts"].dt.tz_localize(None).dt.normalize()
    monthly = flights["precision"] == "month"
    days[monthly] = days[monthly] + pd.Timedelta(days=STAND_IN_DAY - 1)
    return pd.DatetimeIndex(days)


def article_question(events: pd.DataFrame, claims: pd.DataFrame, article: pd.DataFrame,
                     windows_: tuple[int, ...] = (1, 2, 3)) -> Question:
    claimed = claims.set_index("id")["value"]
    last = pd.Timestamp(article["published"].iloc[0])
    first = pd.Timestamp(year=last.year, month=1, day=1)
    return Question(label="the article", first=first, n_days=(last - first).days + 1,
                    patrol_days=day_numbers(article_flight_days(events), first),
                    n_launches=int(claimed[ARTICLE_TESTS_CLAIM]),
                    observed={w: int(claimed[ARTICLE_FOLLOWED_CLAIM]) for w in windows_})


def stand_in_days_with_the_same_answer(q: Question, windows_=(1, 2, 3)) -> list[int]:
    """The days of the first flight's month that give the same p-values under null B as the stand-in day.

    The first flight is the one dated only to the month (January 2022), day 0 of the period being 1 January.
    """
    def p_values(day):
        days = (day - 1, *q.patrol_days[1:])
        return [p_launches_random(q.n_days, days, q.n_launches, w, q.followed(w)) for w in windows_]

    reference = p_values(q.patrol_days[0] + 1)
    return [day for day in range(1, 32) if p_values(day) == reference]


# The records' version and the choices it rests on, each changed alone.
RECORDS_PERIOD = ("2019-01-01", "2025-12-31")  # the whole years of the patrols on file; the CNS data run beyond
MARCH_2022_FLIGHTS = "2022-03-23"  # separate Chinese (23 March) and Russian (24 March) flights, not a joint patrol


def choices(patrols: pd.DataFrame, launch_dates) -> dict[str, Question]:
    """The records' question, then the same with one choice changed at a time."""
    first, last = RECORDS_PERIOD
    return {
        "as stated": records_question(patrols, launch_dates, first, last),
        "period from the first patrol (23 July 2019)": records_question(patrols, launch_dates, "2019-07-23", last),
        "two-day patrols dated by their last day": records_question(patrols, launch_dates, first, last,
                                                                    patrol_day="last"),
        "only what was known on 25 May 2022": records_question(patrols, launch_dates, first, "2022-05-25"),
        "only after the article (26 May 2022 on)": records_question(patrols, launch_dates, "2022-05-26", last),
        "only 2022": records_question(patrols, launch_dates, "2022-01-01", "2022-12-31"),
        "March 2022 flights counted as a patrol": records_question(patrols, launch_dates, first, last,
                                                                   extra_patrol_days=[MARCH_2022_FLIGHTS]),
    }


def choice_table(questions: dict[str, Question], windows_=(1, 2, 3)) -> pd.DataFrame:
    """For each choice: period, patrols, launch days, and per window the patrols followed and p under null B."""
    rows = []
    for label, q in questions.items():
        last = q.first + pd.Timedelta(days=q.n_days - 1)
        row = {"choice": label, "period": f"{q.first:%Y-%m-%d} to {last:%Y-%m-%d}", "days": q.n_days,
               "patrols": len(q.patrol_days), "launch days": q.n_launches}
        for w in windows_:
            t = q.followed(w)
            row[f"followed ({w} d)"] = t
            row[f"p ({w} d)"] = float(p_launches_random(q.n_days, q.patrol_days, q.n_launches, w, t))
        rows.append(row)
    return pd.DataFrame(rows)


# ------------------------------------------------------------------------------------------- all answers
def answers(q: Question, windows_=(1, 2, 3), draws: int = DRAWS, seed: int = SEED) -> pd.DataFrame:
    """Every p-value for one question: one row per window and method.

    Columns: question, window, followed, patrols, launches, days, null (A/B/C), method, p, expected (mean number of
    patrols followed under the null; empty for C).
    """
    rows = []
    k, n, m = len(q.patrol_days), q.n_days, q.n_launches
    for w in windows_:
        t = q.followed(w)
        base = {"question": q.label, "window": w, "followed": t, "patrols": k, "launches": m, "days": n}
        if q.launch_days is not None:
            hit = hit_days(q.launch_days, w, n)
        else:  # only the count is known: the largest set of hit days m launch days can make
            hit = set(range(max_hit_days(m, w, n)))
        h = len(hit)
        a_note = "" if q.launch_days is not None else " (hit days at most)"
        expected_a = k * h / n
        expected_b = sum(1 - comb(n - len(win), m) / comb(n, m) for win in windows(q.patrol_days, w, n))
        rows += [
            {**base, "null": "A", "method": "exact (hypergeometric)" + a_note,
             "p": float(p_patrols_random(n, h, k, t)), "expected": expected_a},
            {**base, "null": "A", "method": f"permutation test ({draws:,} draws)" + a_note,
             "p": permutation_patrols(n, hit, k, t, draws, seed), "expected": expected_a},
            {**base, "null": "B", "method": "exact (inclusion-exclusion)",
             "p": float(p_launches_random(n, q.patrol_days, m, w, t)), "expected": expected_b},
            {**base, "null": "B", "method": f"Monte Carlo ({draws:,} draws)",
             "p": monte_carlo_launches(n, q.patrol_days, m, w, t, draws, seed), "expected": expected_b},
        ]
        if q.launch_days is not None:
            rows.append({**base, "null": "C", "method": "exact (all shifts)",
                         "p": float(p_rotation(n, q.patrol_days, q.launch_days, w, t)), "expected": float("nan")})
    return pd.DataFrame(rows)


def p_table(answers_: pd.DataFrame) -> pd.DataFrame:
    """answers() of several questions as a table for readers: one row per question, null model and method (after
    a row of patrols followed), one column per window, p to three decimals."""
    windows_ = sorted(answers_["window"].unique())
    names = {1: "next day", **{w: f"within {w} days" for w in windows_ if w > 1}}
    rows = []
    for question, group in answers_.groupby("question", sort=False):
        first = group.drop_duplicates("window").set_index("window")
        rows.append({"Numbers": question, "Null model": "", "Method": "patrols followed",
                     **{names[w]: f"{first.loc[w, 'followed']} of {first.loc[w, 'patrols']}" for w in windows_}})
        for (null, method), cells in group.groupby(["null", "method"], sort=False):
            by_window = cells.set_index("window")["p"]
            rows.append({"Numbers": question, "Null model": null, "Method": method,
                         **{names[w]: f"{by_window[w]:.3f}" for w in windows_}})
    return pd.DataFrame(rows)


def exact_answers(answers_: pd.DataFrame) -> pd.DataFrame:
    """The exact rows of answers(), indexed by question, null model and window."""
    return answers_[answers_["method"].str.startswith("exact")].set_index(["question", "null", "window"])


def largest_simulation_gap(answers_: pd.DataFrame) -> float:
    """The largest difference between a simulated p-value and the exact one it estimates."""
    simulated = answers_[~answers_["method"].str.startswith("exact")].set_index(["question", "null", "window"])
    return float((simulated["p"] - exact_answers(answers_)["p"].reindex(simulated.index)).abs().max())


def followed_patrol_dates(q: Question, w: int) -> list[pd.Timestamp]:
    """The dates of the patrols a launch followed within w days."""
    return [q.first + pd.Timedelta(days=day) for day in q.patrol_days
            if followed((day,), q.launch_days, w, q.n_days)]


def clustered_share(launch_days, gap: int, n_days: int) -> tuple[float, float]:
    """Share of launch days with another launch day at most `gap` days away, and the share expected if the same
    number of launch days fell at random (ignoring the ends of the period)."""
    days = sorted(launch_days)
    near = sum(1 for i, d in enumerate(days)
               if (i > 0 and d - days[i - 1] <= gap) or (i + 1 < len(days) and days[i + 1] - d <= gap))
    m = len(days)
    expected = 1 - comb(n_days - 1 - 2 * gap, m - 1) / comb(n_days - 1, m - 1)
    return near / m, expected


def followed_needed(q: Question, w: int, level: float = 0.05) -> tuple[int, float]:
    """The fewest patrols followed that null model B would call unusual at `level`, and that p-value."""
    for t in range(len(q.patrol_days) + 1):
        p = float(p_launches_random(q.n_days, q.patrol_days, q.n_launches, w, t))
        if p < level:
            return t, p
    return len(q.patrol_days) + 1, float("nan")

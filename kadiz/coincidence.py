"""Could it be coincidence? The questions the chapter asks, and every p-value for them.

A question is a period, the days of its patrols, its launch days (or only how many there were) and a window rule:
a patrol is *followed* when North Korea launched in its window (kadiz.null_models states this exactly and holds the
null models). The question is asked with two sets of numbers:

- the records: the joint patrols on file (joint_air_patrols.csv) and the launch days of the CNS database;
- the article's own: its Chinese-Russian flights of 2022, its "19 missile tests this year" and the launches it
  dates, which give Neill's "it has happened twice".

The null models treat patrols as independent of one another and of the launches; the chapter "Could it be
coincidence?" says what that leaves out. kadiz.sensitivity holds the primary test and the other choices.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

import pandas as pd

from kadiz import null_models as nm
from kadiz.words import whole

WINDOW_NAMES = {(1, 1): "next day", (0, 0): "same day", (0, 1): "same or next day",
                **{(1, w): f"within {w} days" for w in range(2, 8)}}


def window_name(w: int, start: int = 1) -> str:
    """A window in words: "next day", "same or next day", "within 3 days"."""
    return WINDOW_NAMES.get((start, w), f"days {start} to {w} after")


@dataclass(frozen=True)
class Question:
    """One version of the question: a period, its launch days, its patrol days and what was observed.

    launch_days may be None where only their number is known (the article's "19 missile tests"); then null
    model A takes the most days just before a launch that many launch days can make, null C cannot be computed,
    and `observed` gives the patrols followed for each window w. `start` is the first day of every window: 1 (the
    days after the patrol) or 0 (the patrol's own day too).
    """

    label: str
    first: pd.Timestamp
    n_days: int
    patrol_days: tuple[int, ...]
    n_launches: int
    launch_days: tuple[int, ...] | None = None
    observed: dict[int, int] | None = None  # window -> patrols followed, where only some launch days are known
    start: int = 1

    def followed(self, w: int) -> int:
        if self.observed is not None:
            return self.observed[w]
        return nm.followed(self.patrol_days, self.launch_days, w, self.n_days, start=self.start)

    def rates(self) -> tuple:
        """The chance of a launch on each day under null model D: each calendar year its own rate."""
        if self.launch_days is not None:
            return nm.year_rates(self.first, self.n_days, self.launch_days)
        if self.first.year != (self.first + pd.Timedelta(days=self.n_days - 1)).year:
            raise ValueError(f"{self.label}: only the number of launch days is known, not their years")
        return nm.one_rate(self.n_days, self.n_launches)


def day_numbers(dates, first: pd.Timestamp) -> tuple[int, ...]:
    return tuple(sorted(int((pd.Timestamp(d) - first).days) for d in dates))


# ----------------------------------------------------------------------------------------------- the records
def records_question(patrols: pd.DataFrame, launch_dates, first: str, last: str, patrol_day: str = "first",
                     label: str = "records", extra_patrol_days=(), start: int = 1) -> Question:
    """The records: joint patrols (joint_air_patrols.csv) and CNS launch days, both inside [first, last].

    patrol_day "first" dates a patrol of two days by its first day (so a launch on its second day counts as
    following it), "last" by its last day. extra_patrol_days adds days counted as patrols though they are not in
    the table (the separate flights of March 2022, which the article counts).
    """
    first_ts, last_ts = pd.Timestamp(first), pd.Timestamp(last)
    begin = patrols["start_ts"].dt.tz_localize(None)
    end = patrols["end_ts"].dt.tz_localize(None).fillna(begin)
    days = begin if patrol_day == "first" else end
    days = pd.DatetimeIndex([*days, *map(pd.Timestamp, extra_patrol_days)])
    days = days[(days >= first_ts) & (days <= last_ts)]
    launches = [d for d in pd.DatetimeIndex(launch_dates) if first_ts <= d <= last_ts]
    return Question(label=label, first=first_ts, n_days=(last_ts - first_ts).days + 1,
                    patrol_days=day_numbers(days, first_ts), n_launches=len(launches),
                    launch_days=day_numbers(launches, first_ts), start=start)


RECORDS_PERIOD = ("2019-01-01", "2025-12-31")  # the whole years of the patrols on file; the CNS data run beyond
MARCH_2022_FLIGHTS = ("2022-03-23", "2022-03-24")  # separate Chinese and Russian flights, not a joint patrol


def choices(patrols: pd.DataFrame, launch_dates, start: int = 1) -> dict[str, Question]:
    """The records' question over the whole years on file, then the same with one choice changed at a time. (The
    patrols after the article are the primary test's: kadiz.sensitivity.)"""
    first, last = RECORDS_PERIOD

    def ask(label, *period, **kwargs):
        return records_question(patrols, launch_dates, *period, label=label, start=start, **kwargs)

    return {q.label: q for q in (
        ask("All patrols, 2019–2025", first, last),
        ask("From the first patrol (23 July 2019)", "2019-07-23", last),
        ask("Two-day patrols dated by last day", first, last, patrol_day="last"),
        ask("Only what was known on 25 May 2022", first, "2022-05-25"),
        ask("Only 2022", "2022-01-01", "2022-12-31"),
        ask("March 2022 flights as a patrol, 23 March", first, last, extra_patrol_days=[MARCH_2022_FLIGHTS[0]]),
        ask("March 2022 flights as a patrol, 24 March", first, last, extra_patrol_days=[MARCH_2022_FLIGHTS[1]]),
    )}


# ---------------------------------------------------------------------------------------- the article's numbers
# The article's own numbers, read as follows, from the rows of the data that hold them. "This year" is the
# article's year up to its date of publication; in it the article names three Chinese-Russian flights (events.csv):
# "in January" (no day given), 23-24 March (Chinese on the 23rd, Russian on the 24th: either may date the pair)
# and 24 May. It counts "19 missile tests this year" (claims.csv), read here as 19 launch days. The launches it
# dates to the day (24 March, 25 May) give the flights followed; under its own reading (March dated by the 23rd,
# a launch the next day) that is Neill's "it has happened twice" (claims.csv), which a test checks. A flight dated
# only to the month gets a stand-in day, the STAND_IN_DAY of that month; `stand_in_days_with_the_same_answer`
# shows how little it matters.
ARTICLE_FLIGHTS = ("jan-2022-flypast", "mar23-china-kadiz", "may24-h6-kadiz-entry")
ARTICLE_MARCH_FLIGHTS = ("mar23-china-kadiz", "mar24-russia-kadiz")
ARTICLE_TESTS_CLAIM = "nineteen-tests-2022"
ARTICLE_FOLLOWED_CLAIM = "happened-twice"
STAND_IN_DAY = 15
DAY_OR_FINER = ("day", "hour", "minute")


def article_flight_days(events: pd.DataFrame, march: str = ARTICLE_MARCH_FLIGHTS[0]) -> pd.DatetimeIndex:
    """The Korean days of the article's flights, March dated by `march` (an event id); a flight dated only to the
    month on its STAND_IN_DAY."""
    ids = [march if flight == ARTICLE_MARCH_FLIGHTS[0] else flight for flight in ARTICLE_FLIGHTS]
    flights = events.set_index("id").loc[ids]
    days = flights["start_ts"].dt.tz_localize(None).dt.normalize()
    monthly = flights["precision"] == "month"
    days[monthly] = days[monthly] + pd.Timedelta(days=STAND_IN_DAY - 1)
    return pd.DatetimeIndex(days)


def article_launch_days(events: pd.DataFrame) -> pd.DatetimeIndex:
    """The Korean days of the launches the article dates to the day or finer."""
    dated = events[(events["category"] == "missile-launch") & events["precision"].isin(DAY_OR_FINER)]
    return pd.DatetimeIndex(sorted(set(dated["start_ts"].dt.tz_localize(None).dt.normalize())))


def article_question(events: pd.DataFrame, claims: pd.DataFrame, article: pd.DataFrame,
                     windows_: tuple[int, ...] = (1, 2, 3), march: str = ARTICLE_MARCH_FLIGHTS[0],
                     last: str | None = None, start: int = 1, label: str = "the article") -> Question:
    """The article's numbers. `last` ends the period earlier than the article's date: flights after it drop out,
    and so do the article's dated launches after it, from the count of 19."""
    published = pd.Timestamp(article["published"].iloc[0])
    end = published if last is None else pd.Timestamp(last)
    first = pd.Timestamp(year=published.year, month=1, day=1)
    n_days = (end - first).days + 1
    flights = [day for day in article_flight_days(events, march) if day <= end]
    launches = article_launch_days(events)
    dropped = sum(1 for day in launches if end < day <= published)
    known = day_numbers([day for day in launches if first <= day <= end], first)
    patrol_days = day_numbers(flights, first)
    claimed = claims.set_index("id")["value"]
    return Question(label=label, first=first, n_days=n_days, patrol_days=patrol_days,
                    n_launches=int(claimed[ARTICLE_TESTS_CLAIM]) - dropped, start=start,
                    observed={w: nm.followed(patrol_days, known, w, n_days, start=start) for w in windows_})


def stand_in_days_with_the_same_answer(q: Question, windows_=(1, 2, 3)) -> list[int]:
    """The days of the first flight's month that give the same p-values under null B as the stand-in day.

    The first flight is the one dated only to the month (January 2022), day 0 of the period being 1 January.
    """
    def p_values(day):
        days = (day - 1, *q.patrol_days[1:])
        return [nm.p_launches_random(q.n_days, days, q.n_launches, w, q.followed(w), start=q.start)
                for w in windows_]

    reference = p_values(q.patrol_days[0] + 1)
    return [day for day in range(1, 32) if p_values(day) == reference]


# ------------------------------------------------------------------------------------------------ all answers
def answers(q: Question, windows_=(1, 2, 3), draws: int = nm.DRAWS, seed: int = nm.SEED) -> pd.DataFrame:
    """Every p-value for one question: one row per window and method.

    Columns: question, window, followed, patrols, launches, days, null (A/B/C/D), method, p, expected (mean number
    of patrols followed under the null; empty for C).
    """
    rows = []
    k, n, m, start = len(q.patrol_days), q.n_days, q.n_launches, q.start
    rates = q.rates()
    for w in windows_:
        t = q.followed(w)
        base = {"question": q.label, "window": w, "followed": t, "patrols": k, "launches": m, "days": n}
        if q.launch_days is not None:
            before = nm.days_before_a_launch(q.launch_days, w, n, start=start)
        else:  # only the count is known: the most days just before a launch that m launch days can make
            before = set(range(nm.most_days_before_a_launch(m, w, n, start=start)))
        a_note = "" if q.launch_days is not None else " (days before a launch at most)"
        expected_a = k * len(before) / n
        expected_b, expected_d = expected_followed(q, w, "B"), expected_followed(q, w, "D")
        rows += [
            {**base, "null": "A", "method": "exact (every placement counted)" + a_note,
             "p": float(nm.p_patrols_random(n, len(before), k, t)), "expected": expected_a},
            {**base, "null": "A", "method": f"permutation test ({draws:,} draws)" + a_note,
             "p": nm.permutation_patrols(n, before, k, t, draws, seed), "expected": expected_a},
            {**base, "null": "B", "method": "exact (every calendar counted)",
             "p": exact_p(q, w, t, "B"), "expected": expected_b},
            {**base, "null": "B", "method": f"Monte Carlo ({draws:,} draws)",
             "p": nm.monte_carlo_launches(n, q.patrol_days, m, w, t, start=start, draws=draws, seed=seed),
             "expected": expected_b},
        ]
        if q.launch_days is not None:
            rows.append({**base, "null": "C", "method": "exact (all shifts)", "expected": float("nan"),
                         "p": float(nm.p_rotation(n, q.patrol_days, q.launch_days, w, t, start=start))})
        rows += [
            {**base, "null": "D", "method": "exact (each patrol's own chance)",
             "p": exact_p(q, w, t, "D"), "expected": expected_d},
            {**base, "null": "D", "method": f"simulation ({draws:,} draws)",
             "p": nm.simulate_year_rates(q.patrol_days, rates, w, t, start=start, draws=draws, seed=seed),
             "expected": expected_d},
        ]
    return pd.DataFrame(rows)


def p_table(answers_: pd.DataFrame) -> pd.DataFrame:
    """answers() of several questions as a table for readers: one row per question, null model and method (after
    a row of patrols followed), one column per window, p as nm.p_text prints it."""
    windows_ = sorted(answers_["window"].unique())
    names = {w: window_name(w) for w in windows_}
    rows = []
    for question, group in answers_.groupby("question", sort=False):
        first = group.drop_duplicates("window").set_index("window")
        rows.append({"Numbers": question, "Null model": "", "Method": "patrols followed",
                     **{names[w]: whole(f"{first.loc[w, 'followed']} of {first.loc[w, 'patrols']}") for w in windows_}})
        for (null, method), cells in group.groupby(["null", "method"], sort=False):
            by_window = cells.set_index("window")["p"]
            rows.append({"Numbers": question, "Null model": null, "Method": method,
                         **{names[w]: nm.p_text(by_window[w]) for w in windows_}})
    return pd.DataFrame(rows)


def exact_answers(answers_: pd.DataFrame) -> pd.DataFrame:
    """The exact rows of answers(), indexed by question, null model and window."""
    return answers_[answers_["method"].str.startswith("exact")].set_index(["question", "null", "window"])


def largest_simulation_gap(answers_: pd.DataFrame) -> float:
    """The largest difference between a simulated p-value and the exact one it estimates."""
    simulated = answers_[~answers_["method"].str.startswith("exact")].set_index(["question", "null", "window"])
    return float((simulated["p"] - exact_answers(answers_)["p"].reindex(simulated.index)).abs().max())


def followed_patrol_dates(q: Question, w: int) -> list[pd.Timestamp]:
    """The dates of the patrols a launch followed within the window."""
    return [q.first + pd.Timedelta(days=day) for day in q.patrol_days
            if nm.followed((day,), q.launch_days, w, q.n_days, start=q.start)]


def clustered_share(launch_days, gap: int, n_days: int) -> tuple[float, float]:
    """Share of launch days with another launch day at most `gap` days away, and the share expected if the same
    number of launch days fell at random (ignoring the ends of the period)."""
    days = sorted(launch_days)
    near = sum(1 for i, d in enumerate(days)
               if (i > 0 and d - days[i - 1] <= gap) or (i + 1 < len(days) and days[i + 1] - d <= gap))
    m = len(days)
    expected = 1 - comb(n_days - 1 - 2 * gap, m - 1) / comb(n_days - 1, m - 1)
    return near / m, expected


def exact_p(q: Question, w: int, observed: int, null: str = "B") -> float:
    """The exact p-value of `observed` patrols followed, under null model B (launch days at random) or D (each year
    its own launch rate), the two that need only the patrols and the launch count or rates."""
    if null == "B":
        return float(nm.p_launches_random(q.n_days, q.patrol_days, q.n_launches, w, observed, start=q.start))
    if null == "D":
        return float(nm.p_year_rates(q.patrol_days, q.rates(), w, observed, start=q.start))
    raise ValueError(f"exact_p computes null models B and D, not {null!r}")


def expected_followed(q: Question, w: int, null: str = "B") -> float:
    """The mean number of patrols followed under null model B or D."""
    if null == "B":
        n, m = q.n_days, q.n_launches
        return sum(1 - comb(n - len(win), m) / comb(n, m) for win in nm.windows(q.patrol_days, w, n, start=q.start))
    if null == "D":
        return nm.expected_year_rates(q.patrol_days, q.rates(), w, start=q.start)
    raise ValueError(f"expected_followed computes null models B and D, not {null!r}")


def followed_needed(q: Question, w: int, null: str = "B", level: float = 0.05) -> tuple[int, float]:
    """The fewest patrols followed that null model B (or D) would call unusual at `level`, and that p-value."""
    for t in range(len(q.patrol_days) + 1):
        p = exact_p(q, w, t, null)
        if p < level:
            return t, p
    return len(q.patrol_days) + 1, float("nan")

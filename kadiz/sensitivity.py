"""The primary test, fixed before its result is looked at, and how the p-value moves with every other choice.

The primary test (PRIMARY) asks one question, chosen on principle rather than for its answer:

- which patrols: the joint patrols on file after the article (26 May 2022 to the end of 2025). The article's
  pattern was noticed in the flights up to its own date, so those flights cannot also test it; later patrols can;
- which window: the patrol's own day or the next Korean day, the article's two cases ("hours after" the Russian
  flights of 24 March, on the same day; the morning after the flights of 24 May);
- which null model: D, each year its own launch rate (kadiz.null_models, which says how 2022, cut by the period,
  gets its rate), because North Korea launched on 4 days in some years and 33 in another, and one rate for all
  years would misstate the chance in both;
- the statistic: the number of those patrols followed; the p-value: the chance under D of at least as many, exact;
  the level 0.05, one test, so no correction for several looks.

Every other combination (other patrols, windows and null models, the article's own numbers) is exploratory: it
shows how much the answer depends on the choices, and a small p-value among many looks is expected by chance.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kadiz import coincidence as co
from kadiz import null_models as nm
from kadiz.words import whole


@dataclass(frozen=True)
class TestSpec:
    """A test stated in full: the patrols of a period, a window, a null model and a level."""

    first: str
    last: str
    start: int
    w: int
    null: str
    level: float

    @property
    def window(self) -> str:
        return co.window_name(self.w, self.start)


PRIMARY = TestSpec(first="2022-05-26", last="2025-12-31", start=0, w=1, null="D", level=nm.LEVEL)
PRIMARY_LABEL = "Primary: patrols after the article"
# Windows of the exploratory grid, as (start, w): the next day (the article's May case), the same or the next day
# (its March case too), within three days (the widest of the chapter's first answers).
WINDOWS = ((1, 1), (0, 1), (1, 3))
NULLS = ("B", "D")  # the null models that need no launch days, so the article's numbers can be asked too
PROMPTING_FLIGHT = "may24-h6-kadiz-entry"  # the flights of 24 May 2022, which the article was written about


def primary_question(patrols: pd.DataFrame, launch_dates, test: TestSpec = PRIMARY) -> co.Question:
    return co.records_question(patrols, launch_dates, test.first, test.last, label=PRIMARY_LABEL,
                               start=test.start)


def primary_result(q: co.Question, test: TestSpec = PRIMARY, draws: int = nm.DRAWS, seed: int = nm.SEED) -> dict:
    """The primary test's answer: patrols, patrols followed (and their dates), the expected number, the exact
    p-value under the test's null model and its seeded simulation, the p-value each possible count would have had
    (`p_if`), and the fewest followed that would have given p < level."""
    if q.start != test.start:
        raise ValueError(f"{q.label}: windows start on day {q.start} after the patrol, the test's on {test.start}")
    t = q.followed(test.w)
    simulate = {"B": lambda: nm.monte_carlo_launches(q.n_days, q.patrol_days, q.n_launches, test.w, t,
                                                     start=q.start, draws=draws, seed=seed),
                "D": lambda: nm.simulate_year_rates(q.patrol_days, q.rates(), test.w, t, start=q.start,
                                                    draws=draws, seed=seed)}[test.null]
    needed, p_needed = co.followed_needed(q, test.w, null=test.null, level=test.level)
    return {"patrols": len(q.patrol_days), "followed": t, "followed_dates": co.followed_patrol_dates(q, test.w),
            "expected": co.expected_followed(q, test.w, test.null), "p": co.exact_p(q, test.w, t, test.null),
            "p_simulated": simulate(), "needed": needed, "p_needed": p_needed,
            "p_if": {j: co.exact_p(q, test.w, j, test.null) for j in range(len(q.patrol_days) + 1)}}


def next_patrol_chance(launch_dates, year: int, test: TestSpec = PRIMARY) -> float:
    """The chance under D that one patrol in a year like `year` is followed within the primary window: the
    p-value a single followed patrol would get if that year's launch rate held."""
    first = pd.Timestamp(year=year, month=1, day=1)
    n_days = (pd.Timestamp(year=year, month=12, day=31) - first).days + 1
    launches = co.day_numbers([d for d in pd.DatetimeIndex(launch_dates) if d.year == year], first)
    rates = nm.year_rates(first, n_days, launches)
    return float(nm.p_year_rates((0,), rates, test.w, 1, start=test.start))


def launch_days_per_year(q: co.Question) -> pd.DataFrame:
    """For each calendar year of the question: its days in the period, launch days and the daily rate under D."""
    dates = q.first + pd.to_timedelta(range(q.n_days), unit="D")
    launched = pd.Series(False, index=dates)
    launched.iloc[list(q.launch_days)] = True
    by_year = launched.groupby(dates.year)
    return pd.DataFrame({"year": by_year.size().index, "days": by_year.size().to_numpy(),
                         "launch days": by_year.sum().to_numpy().astype(int)}).assign(
        rate=lambda t: t["launch days"] / t["days"])


def one_rate_p(q: co.Question, w: int) -> float:
    """Null model D with one rate for the whole period instead of one per year (to show what the years change)."""
    rates = nm.one_rate(q.n_days, q.n_launches)
    return float(nm.p_year_rates(q.patrol_days, rates, w, q.followed(w), start=q.start))


def prompting_cut(events: pd.DataFrame) -> str:
    """The last day before the flights that prompted the article."""
    day = events.set_index("id").loc[PROMPTING_FLIGHT, "start_ts"].tz_localize(None).normalize()
    return f"{day - pd.Timedelta(days=1):%Y-%m-%d}"


def scenarios(d, launch_dates, start: int, windows_: tuple[int, ...]) -> dict[str, tuple[str, co.Question]]:
    """Every set of numbers of the grid for one window start: label -> (which numbers, question).

    The records: the primary patrols first, then the records' question with one choice changed at a time.
    The article: its reading (March by the Chinese flight of the 23rd), March by the Russian flight of the 24th,
    and its numbers without the event that prompted it (the period cut the day before 24 May, and the launch of
    25 May taken out of its 19)."""
    primary = co.records_question(d.joint_air_patrols, launch_dates, PRIMARY.first, PRIMARY.last,
                                  label=PRIMARY_LABEL, start=start)
    out = {PRIMARY_LABEL: ("records", primary)}
    out.update({label: ("records", q) for label, q in co.choices(d.joint_air_patrols, launch_dates, start).items()})
    article = {"The article's numbers": {},
               "The article, March dated 24 March": {"march": co.ARTICLE_MARCH_FLIGHTS[1]},
               "The article without 24–25 May": {"last": prompting_cut(d.events)}}
    for label, options in article.items():
        out[label] = ("the article", co.article_question(d.events, d.claims, d.article, windows_, start=start,
                                                         label=label, **options))
    return out


def sensitivity_table(d, launch_dates, windows_=WINDOWS) -> pd.DataFrame:
    """One row per set of numbers, window and null model (B, D): patrols, patrols followed, launch days, p (exact).

    Columns: scenario, numbers, window, start, w, patrols, followed, launch_days, days, null, p, primary. Rows in
    the order of the sets of numbers, then null model, then window as in `windows_`.
    """
    rows = []
    for start in dict.fromkeys(s for s, _ in windows_):
        ws = tuple(w for s, w in windows_ if s == start)
        for rank, (label, (numbers, q)) in enumerate(scenarios(d, launch_dates, start, ws).items()):
            for w in ws:
                t = q.followed(w)
                base = {"scenario": label, "numbers": numbers, "window": co.window_name(w, start), "start": start,
                        "w": w, "patrols": len(q.patrol_days), "followed": t, "launch_days": q.n_launches,
                        "days": q.n_days}
                for null in NULLS:
                    is_primary = (label == PRIMARY_LABEL and (start, w) == (PRIMARY.start, PRIMARY.w)
                                  and null == PRIMARY.null)
                    rows.append({**base, "null": null, "p": co.exact_p(q, w, t, null), "primary": is_primary,
                                 "_order": (rank, null, windows_.index((start, w)))})
    return pd.DataFrame(sorted(rows, key=lambda r: r["_order"])).drop(columns="_order")


def readers_table(table: pd.DataFrame) -> pd.DataFrame:
    """sensitivity_table for readers: one row per set of numbers and null model, one column per window, each cell
    "patrols followed of patrols, p", each of its two values kept whole on a line ("1 of 9," and "p = 0.287")."""
    windows_ = list(dict.fromkeys(table["window"]))
    rows = []
    for (scenario, null), cells in table.groupby(["scenario", "null"], sort=False):
        by_window = cells.set_index("window")
        primary = cells["primary"].any()
        rows.append({"Numbers": scenario, "Status": f"primary ({PRIMARY.window})" if primary else "exploratory",
                     "Null model": null, "Launch days": int(cells["launch_days"].iloc[0]),
                     **{w.capitalize(): whole(f"{by_window.loc[w, 'followed']} of {by_window.loc[w, 'patrols']}")
                                        + ", " + whole(f"p = {nm.p_text(by_window.loc[w, 'p'])}") for w in windows_}})
    return pd.DataFrame(rows)

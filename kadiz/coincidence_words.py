"""The words of the chapter "Could it be coincidence?" that depend on a number: a date, a window, a verdict at the
test's level, "fewer" or "more", and a p-value printed with the digits its comparison with the level needs.

kadiz.coincidence_facts puts them into the chapter's sentences; each is worked by hand on both sides of its
threshold in tests/test_coincidence_facts.py.
"""

from __future__ import annotations

import pandas as pd

from kadiz import coincidence as co


def day(timestamp) -> str:
    return f"{pd.Timestamp(timestamp):%-d %B %Y}"


def window_key(w: int, start: int = 1) -> str:
    """A window as a part of a name: "next-day", "within-3-days", "same-or-next-day"."""
    return co.window_name(w, start).replace(" ", "-")


def bonferroni(p_values: list[float]) -> float:
    """The smallest of several p-values, corrected for having looked at all of them (Bonferroni): multiplied by
    how many there are, and at most 1."""
    return min(1.0, len(p_values) * min(p_values))


def were_followed(n: int) -> str:
    """How many patrols were followed, as the sentence "of them, ... followed" says it."""
    return {0: "none was", 1: "one was"}.get(n, f"{n} were")


def recurred(n: int) -> str:
    """Whether the article's pattern came back, and how often."""
    return "did not recur" if n == 0 else "recurred once" if n == 1 else f"recurred {n} times"


def fewer_or_more(observed: float, expected: float) -> str:
    return "fewer" if observed < expected else "more"


def unusual(p: float, level: float) -> str:
    """The verdict of a test at its level: unusual only when p is below it."""
    return "unusual" if p < level else "not unusual"


def below(p: float, level: float) -> str:
    return "below" if p < level else "not below"


def below_in_every_window(p_values, level: float) -> str:
    """How many of one test's p-values, one per window and null model tried, fall below the level, and what that
    says about the choice of window: "none of the 6 is below 0.05, so ..."."""
    n, k = sum(1 for p in p_values if p < level), len(p_values)
    if n == 0:
        return f"none of the {k} is below {level:g}, so no window or model tried would have changed the answer"
    return f"{n} of the {k} {'is' if n == 1 else 'are'} below {level:g}, so the choice of window decides the answer"


def one_rate_misstates(p_one_rate: float, p_year_rates: float) -> dict[str, str]:
    """How one rate for all years changes a p-value against each year's own rate, in the exercise's three words."""
    smaller = p_one_rate < p_year_rates
    return {"pooling-understates-or-overstates": "understates" if smaller else "overstates",
            "pooling-rarer-or-more-common": "rarer" if smaller else "more common",
            "pooling-smaller-or-larger": "smaller" if smaller else "larger"}

"""The chapter "Could it be coincidence?" for a reader to try: the records' question asked again with a window and a
null model the reader picks, for all the joint patrols on file and for those after the article.

The chapter's "try it" cell calls `answers` with its two parameters and shows what it returns in words (`summary`)
and as a chart (kadiz.charts.coincidence.p_values_figure, whose data table gives every value);
`facts` gives the exercise on that cell the same numbers for the cell's window and for a wider one, glued as
coincidence-try-<name>. Every p-value is exact, so the cell runs in seconds and gives the same answer every time.
"""

from __future__ import annotations

import pandas as pd

from kadiz import coincidence as co
from kadiz import counts
from kadiz import null_models as nm
from kadiz import sensitivity as se
from kadiz.coincidence_words import window_key
from kadiz.words import listed

# The two sets of patrols, named as the chapter's chart names its panels ("With the records"), short enough for a
# phone's panel; in a sentence, in full.
ON_FILE, AFTER = "records", "patrols after the article"
IN_FULL = {ON_FILE: f"The joint patrols on file ({co.RECORDS_PERIOD[0][:4]}–{co.RECORDS_PERIOD[1][:4]})",
           AFTER: "The joint patrols after the article"}
# The methods by null model, in kadiz.coincidence.answers' words (which says what each null model does).
METHODS = {"A": "exact (every placement counted)", "B": "exact (every calendar counted)",
           "C": "exact (all shifts)", "D": "exact (each patrol's own chance)"}
# What the cell's chart is drawn from, shown under it as a figure's caption ends.
SOURCE = ("Source: the China-Russia joint air patrols on record and the CNS North Korea Missile Test Database via "
          "nagix/nk-missile-tests; exact p-values computed by the report's package.")
WINDOW_DAYS, NULL_MODEL = 3, "D"  # the cell's first values: the chapter's widest window, the primary test's model
WIDER_WINDOW_DAYS = 7  # the exercise's: a launch within a week
MAX_WINDOW_DAYS = 7  # a launch more than a week after a patrol no longer reads as following it


def questions(d) -> dict[str, co.Question]:
    """The records' question (kadiz.coincidence.records_question) for the patrols 2019-2025 and for the primary
    test's patrols, after the article; a window of the days after a patrol (start 1)."""
    launch_days = counts.launch_days(d.missiles, *co.RECORDS_PERIOD)
    periods = {ON_FILE: co.RECORDS_PERIOD, AFTER: (se.PRIMARY.first, se.PRIMARY.last)}
    return {label: co.records_question(d.joint_air_patrols, launch_days, *period, label=label)
            for label, period in periods.items()}


def exact_p(q: co.Question, w: int, null: str) -> float:
    """The exact p-value of the patrols followed within `w` days, under null model A, B, C or D."""
    t = q.followed(w)
    if null == "A":
        before = nm.days_before_a_launch(q.launch_days, w, q.n_days, start=q.start)
        return float(nm.p_patrols_random(q.n_days, len(before), len(q.patrol_days), t))
    if null == "C":
        return float(nm.p_rotation(q.n_days, q.patrol_days, q.launch_days, w, t, start=q.start))
    return co.exact_p(q, w, t, null)


def answers(d, window_days: int = WINDOW_DAYS, null: str = NULL_MODEL) -> pd.DataFrame:
    """The exact p-values under `null` for every window from the next day to `window_days` days, for the patrols on
    file and for those after the article: rows as kadiz.coincidence.answers gives them."""
    if null not in METHODS:
        raise ValueError(f"null model {null!r}: choose one of {', '.join(METHODS)}")
    if not (isinstance(window_days, int) and 1 <= window_days <= MAX_WINDOW_DAYS):
        raise ValueError(f"a window of {window_days!r} days: choose a whole number from 1 to {MAX_WINDOW_DAYS}")
    return pd.DataFrame([{"question": q.label, "window": w, "followed": q.followed(w), "patrols": len(q.patrol_days),
                          "launches": q.n_launches, "days": q.n_days, "null": null, "method": METHODS[null],
                          "p": exact_p(q, w, null)}
                         for q in questions(d).values() for w in range(1, window_days + 1)])


def summary(answers_: pd.DataFrame) -> str:
    """The answers in words, a sentence for each set of patrols: how many were followed within each window, and the
    p-value (nm.p_text) under the null model."""
    sentences = []
    for question, rows in answers_.groupby("question", sort=False):
        windows = [f"{row.followed} {'the ' if row.window == 1 else ''}{co.window_name(row.window)} "
                   f"(p = {nm.p_text(row.p)})" for row in rows.itertuples()]
        sentences.append(f"{IN_FULL[question]}, under null model {rows['null'].iloc[0]}: of {rows['patrols'].iloc[0]}, "
                         f"a launch followed {listed(windows)}.")
    return " ".join(sentences)


def facts(d, windows=(WINDOW_DAYS, WIDER_WINDOW_DAYS), null: str = NULL_MODEL) -> dict:
    """The exercise's numbers: for the cell's window and the wider one, the patrols followed and their p-value
    (as words, kadiz.null_models.p_text), for the patrols on file and those after the article; how many patrols
    the wider window adds, and whether p rises or falls."""
    narrow, wide = windows
    out = {"try-window-days": narrow, "try-wider-window-days": wide, "try-null-model": null}
    for label, q in questions(d).items():
        key = "on-file" if label == ON_FILE else "after-article"
        out[f"try-{key}-patrols"] = len(q.patrol_days)
        for w in windows:
            out[f"try-{key}-followed-{window_key(w)}"] = q.followed(w)
            out[f"try-{key}-p-{window_key(w)}"] = nm.p_text(exact_p(q, w, null))
        out[f"try-{key}-wider-window-adds"] = patrols_added(q.followed(wide) - q.followed(narrow))
        out[f"try-{key}-p-rises-or-falls"] = rises_or_falls(exact_p(q, narrow, null), exact_p(q, wide, null))
    return out


def patrols_added(n: int) -> str:
    """How many more patrols a wider window finds followed, in words."""
    return {0: "no more patrols", 1: "one more patrol"}.get(n, f"{n} more patrols")


def rises_or_falls(before: float, after: float) -> str:
    return "rises" if after > before else "falls" if after < before else "stays the same"

"""The chapter "Introduction" in numbers and words: everything its prose states, by name.

kadiz.introduction holds its measures (how precisely the article dates its events); this module picks out what
the chapter's sentences state: the article, how much the report holds, which claims a record could check, and the
missile record over the years a reader picks in the chapter's "try it" cell. Each function returns
{name: value}, glued as introduction-<name>. `d` is the validated data (kadiz.data.load()).
"""

from __future__ import annotations

import pandas as pd

from kadiz import introduction
from kadiz import missiles as missile_data
from kadiz.words import counted

EXERCISE_YEAR = 2022  # the year the exercise asks about: the year of the article


def article(d) -> dict[str, str]:
    """Outlet, author, dateline, headline and date of publication (in words) of the one article."""
    row = d.article.iloc[0]
    return {
        "article-outlet": row["outlet"],
        "article-author": row["author"],
        "article-dateline": row["dateline"],
        "article-headline": row["headline"],
        "article-published": f"{pd.Timestamp(row['published']):%-d %B %Y}",
    }


def holdings(d) -> dict:
    """How many rows of each kind the report holds, and the years its missile database spans."""
    modes = d.quotes["mode"].value_counts()
    return {
        "events": len(d.events),
        "statements": len(d.quotes),
        "direct-quotes": int(modes.get("direct", 0)),
        "paraphrases": int(modes.get("paraphrase", 0)),
        "speakers": len(d.speakers),
        "outside-records": len(d.records),
        "joint-patrols": len(d.joint_air_patrols),
        "sources": len(d.sources),
        "missiles": len(d.missiles),
        "first-missile-year": int(d.missiles["kst_date"].min().year),
        "last-missile-year": int(d.missiles["kst_date"].max().year),
    }


def claims(d) -> dict:
    """How many claims the report codes, how many an outside record could check (the ones the records chapter
    rates), and the others in the data's words: a claim coded `checkable_against` "none" is a matter no record
    could settle."""
    checkable = d.claims["checkable_against"] != "none"
    others = d.claims.loc[~checkable, "claim"]
    return {
        "claims": len(d.claims),
        "checkable-claims": int(checkable.sum()),
        "uncheckable-claims": int((~checkable).sum()),
        "uncheckable-claims-in-words": " and ".join(f"“{claim.rstrip('.')}”" for claim in others),
    }


def precision(d) -> dict[str, int]:
    """Events timed to the minute, and events dated only to the month or the year."""
    counts = introduction.precision_counts(d.events).set_index("precision")["events"]
    return {"events-to-the-minute": int(counts["minute"]),
            "events-to-the-month-or-year": int(counts["month"] + counts["year"])}


# ------------------------------------------------------------------ try it: the missile record over some years

def missiles_per_year(missiles: pd.DataFrame, first_year: int, last_year: int) -> pd.DataFrame:
    """For each year from `first_year` to `last_year` (Korean calendar), the missiles North Korea fired and its
    launch days (kadiz.missiles.launch_events: all missiles of one Korean day are one launch); a year without a
    launch is listed with zeros. ValueError for a range outside the database's years or in the wrong order."""
    years = missiles["kst_date"].dt.year
    if not years.min() <= first_year <= last_year <= years.max():
        raise ValueError(f"choose years from {years.min()} to {years.max()}, the first no later than the last "
                         f"(not {first_year} to {last_year})")
    chosen = missiles[years.between(first_year, last_year)]
    launch_days = missile_data.launch_events(chosen)["kst_date"].dt.year.value_counts()
    fired = chosen["kst_date"].dt.year.value_counts()
    span = range(first_year, last_year + 1)
    return pd.DataFrame({"Year": [str(year) for year in span],
                         "Missiles": [int(fired.get(year, 0)) for year in span],
                         "Launch days": [int(launch_days.get(year, 0)) for year in span]})


def missile_record(missiles: pd.DataFrame, first_year: int, last_year: int) -> dict:
    """The missiles and launch days from `first_year` to `last_year`, and the year with most missiles (the first
    such year if several tie)."""
    per_year = missiles_per_year(missiles, first_year, last_year)
    busiest = per_year.loc[per_year["Missiles"].idxmax()]
    return {
        "years": f"in {first_year}" if first_year == last_year else f"from {first_year} to {last_year}",
        "missiles": int(per_year["Missiles"].sum()),
        "launch-days": int(per_year["Launch days"].sum()),
        "busiest-year": busiest["Year"],
        "busiest-year-missiles": int(busiest["Missiles"]),
    }


def missile_record_in_words(missiles: pd.DataFrame, first_year: int, last_year: int) -> str:
    """missile_record as the sentence a "try it" cell shows and its chart states."""
    record = missile_record(missiles, first_year, last_year)
    fired = (f"{record['years'].capitalize()}, North Korea fired {counted(record['missiles'], 'ballistic missile')} "
             f"on {counted(record['launch-days'], 'launch day')}")
    if first_year == last_year:
        return fired
    return f"{fired}; most in {record['busiest-year']} ({record['busiest-year-missiles']})"


def exercise(d) -> dict:
    """The exercise's year and its missile record (`exercise-<name>`)."""
    record = missile_record(d.missiles, EXERCISE_YEAR, EXERCISE_YEAR)
    return {"exercise-year": EXERCISE_YEAR, **{f"exercise-{name}": value for name, value in record.items()}}


def facts(d) -> dict:
    """Every value the chapter's prose states, by name: the sections above, then the exercise."""
    return {**article(d), **holdings(d), **claims(d), **precision(d), **exercise(d)}

"""The chapter "March and May: the same sequence?" in numbers and words: everything its prose states, by name.

kadiz.march_and_may compares the two episodes point by point, and kadiz.timeline_facts tells the times of 24-25 May
that both chapters give; this module picks out what the chapter's sentences state, and counts what each episode put
in the air or fired for its "try it" cell, where a reader counts an aircraft once or at each entry into the zone.
Each function returns {name: value}, glued as march-and-may-<name>. `d` is the validated data (kadiz.data.load()).
"""

from __future__ import annotations

import pandas as pd

from kadiz import march_and_may, timeline_facts
from kadiz.march_and_may import EPISODES, POINTS
from kadiz.timeline import asset_count, episode_rows
from kadiz.when import when_text
from kadiz.words import COUNTRY_ADJECTIVE, listed

CLAIM = "exact-mirror-march"  # the claim the chapter tests (data/claims.csv)
EPISODE_NAMES = {"march-2022": "March", "may-2022": "May"}


def claim_passage(d) -> str:
    """The article's sentence the chapter tests, as it is printed."""
    return d.claims.set_index("id").loc[CLAIM, "passage"]


def comparison_table(d) -> pd.DataFrame:
    """kadiz.march_and_may.comparison_table on the data."""
    return march_and_may.comparison_table(d.events, d.actors, d.assets)


def comparison_summary(table: pd.DataFrame) -> dict:
    """How many points each verdict has, and the row number of each point (`row-<key>`) for the text."""
    verdicts = table["In the data"]
    numbers = table.set_index("Point")["No."]
    return {
        "points": len(table),
        "points-same": int((verdicts == "same").sum()),
        "points-consistent": int(verdicts.str.startswith("consistent").sum()),
        "points-differ": int((verdicts == "differs").sum()),
        "points-not-comparable": int((verdicts == "cannot be compared").sum()),
        **{f"row-{key}": int(numbers[point]) for key, point in POINTS.items()},
    }


def march(d) -> dict:
    """The dates and counts of the March episode the chapter tells, beside the missiles of May."""
    by_id = d.events.set_index("id")
    return {
        "march-china": when_text(by_id.loc["mar23-china-kadiz"]),
        "march-russia": when_text(by_id.loc["mar24-russia-kadiz"]),
        "march-icbm": when_text(by_id.loc["mar24-icbm"]),
        "march-precision": by_id.loc["mar24-icbm", "precision"],
        "invasion": when_text(by_id.loc["ukraine-invasion"]),
        "march-icbms": asset_count(d.assets, "mar24-icbm", "PRK", "ICBM"),
        "may-ballistic-missiles": asset_count(d.assets, "may25-missile-launches", "PRK", "ballistic missile"),
        "may-suspected-icbms": asset_count(d.assets, "may25-missile-launches", "PRK", "suspected ICBM"),
    }


# ------------------------------------------------------------------ try it: an aircraft counted once or at each entry

def counts_by_country(d, count_each_entry: bool = False) -> pd.DataFrame:
    """What each country put in the air or fired in each episode, as the article counts it: one row per episode
    and country, the top-level counts of data/assets.csv added up (a Tu-95 is one of the Russian warplanes, not one
    more). An aircraft is counted once (kadiz.march_and_may.counted_assets), or at each entry into the zone with
    `count_each_entry`."""
    rows = []
    for episode in EPISODES:
        event_ids = episode_rows(d.events, episode)["id"]
        top = march_and_may.counted_assets(d.assets, event_ids, count_each_entry).query("included_in.isna()")
        for country, count in top.groupby("country", sort=False)["count"].sum().items():
            rows.append({"Episode": EPISODE_NAMES[episode], "Country": COUNTRY_ADJECTIVE[country],
                         "Counted": int(count)})
    return pd.DataFrame(rows, columns=["Episode", "Country", "Counted"])


def counted_rule(count_each_entry: bool) -> str:
    return "at each entry into the zone" if count_each_entry else "once"


def counted(d, count_each_entry: bool = False) -> dict:
    """The counts of counts_by_country by name (`<episode>-<country>`, e.g. `may-chinese`)."""
    table = counts_by_country(d, count_each_entry)
    names = (table["Episode"] + "-" + table["Country"]).str.lower().str.replace(" ", "-")
    return dict(zip(names, table["Counted"]))


def counted_in_words(table: pd.DataFrame, count_each_entry: bool = False) -> str:
    """counts_by_country as the sentence of the "try it" cell and the headline of its chart: "Counting each
    aircraft once: in March 1 North Korean; in May 2 Chinese, 4 Russian and 3 North Korean"."""
    episodes = [f"in {episode} {listed([f'{n} {c}' for c, n in zip(rows['Country'], rows['Counted'])])}"
                for episode, rows in table.groupby("Episode", sort=False)]
    return f"Counting each aircraft {counted_rule(count_each_entry)}: {'; '.join(episodes)}"


def counting(d) -> dict:
    """The exercise: the counts of counts_by_country with each aircraft counted once (`once-<episode>-<country>`)
    and at each entry (`each-entry-<episode>-<country>`)."""
    return {**{f"once-{k}": v for k, v in counted(d).items()},
            **{f"each-entry-{k}": v for k, v in counted(d, count_each_entry=True).items()}}


def facts(d) -> dict:
    """Every value the chapter's prose states, by name: the times of 24-25 May, March, the comparison, and the
    counts of the exercise."""
    return {**timeline_facts.may_sequence(d.events, d.assets), **march(d),
            **comparison_summary(comparison_table(d)), **counting(d)}


def may_sequence(events: pd.DataFrame, assets: pd.DataFrame) -> dict:
    """The times and minutes of 24-25 May as the timeline chapter tells them (kadiz.timeline_facts.may_sequence),
    which the comparison restates."""
    return timeline_facts.may_sequence(events, assets)

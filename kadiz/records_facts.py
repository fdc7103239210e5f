"""The chapter "What the records say" in numbers and words: everything its prose states, by name.

kadiz.verdicts holds the verdicts on the article's claims and kadiz.counts the counts of missile tests; this module
picks out what the chapter's sentences state and words the choices that depend on the data (a rating in the
rubric's words, "hold a launch" or "hold none"). Each function returns {name: value} for one section of the
chapter, glued there as records-<name>. The arguments are the validated data, `d` (kadiz.data.load()).
"""

from __future__ import annotations

import pandas as pd

from kadiz import counts, verdicts, when
from kadiz import missiles as missile_data
from kadiz.words import listed

# The outside records the chapter cites by id (data/external/records.csv).
MARCH_ACCOUNTS = ["kbs-2022-03-23-chinese-aircraft", "relay-2022-03-23-chinese-aircraft",
                  "kbs-2022-03-24-russian-aircraft", "relay-2022-03-24-russian-aircraft"]
RELAYED_RUSSIAN_FLIGHTS, MARCH_ICBM = "relay-2022-03-24-russian-aircraft", "jcs-2022-03-24-icbm-launch"
# The periods of the article's two counts of missile tests, with the claims that give them.
COUNT_PERIODS = {"1 January to 25 May 2022": ("2022-01-01", "2022-05-25", "nineteen-tests-2022"),
                 "January 2022": ("2022-01-01", "2022-01-31", "six-tests-january")}
TO_MAY, JANUARY = COUNT_PERIODS
ARTICLE_ICBM = "2022-05-25 06:00"  # the Korean minute of the launch the article reports as an ICBM
SORTIES_EVENT = "nov-2021-sorties"  # the article's November 2021 sorties, which it dates wrongly (Exercise 5.1)
# The days before the sorties that the exercises count back: Exercise 5.1's, and the other window the exercise on
# the "try it" cell asks for, among all windows up to two months.
EXERCISE_WINDOW_DAYS, OTHER_WINDOW_DAYS, LONGEST_WINDOW = 30, 20, 60
# What the try-it cell's chart is drawn from, shown under it as a figure's caption ends.
SORTIES_SOURCE = ("Source: the article (Asia Times, 25 May 2022), the joint patrols on record and the CNS North Korea "
                  "Missile Test Database via nagix/nk-missile-tests.")


def rating(d, claim_id: str) -> str:
    """The rating of the verdict on a claim, in the rubric's words."""
    return verdicts.RATINGS[d.verdicts.set_index("claim_id").loc[claim_id, "verdict"]]


def verdict_counts(d) -> dict:
    """How many claims, verdicts and findings; how many verdicts of each rating and of each group of ratings."""
    claims, rated = d.claims, d.verdicts
    found = verdicts.findings(rated)
    checkable = claims["checkable_against"] != "none"
    cited = verdicts.sources_of(rated, d.records)
    groups = {name: int(rated["verdict"].isin(ratings).sum()) for name, ratings in verdicts.RATING_GROUPS.items()}
    return {
        "claims": len(claims),
        "checkable-claims": int(checkable.sum()),
        "uncheckable-claims": int((~checkable).sum()),
        "verdicts": len(rated),
        "findings": len(found),
        "claims-sharing-a-finding": int(found.loc[found["claims"] > 1, "claims"].sum()),
        "verdicts-with-nothing-on-file": int((cited.str.len() == 0).sum()),
        "verdicts-quoting-their-source": int(rated["source_quote"].notna().sum()),
        **{f"rated-{code}": n for code, n in verdicts.tally(rated).items()},
        "group-the-records-agree": groups["the records agree"],
        "group-the-claim-falls-short": groups["the claim falls short"],
        "group-cannot-be-settled": groups["cannot be settled"],
    }


def march(d) -> dict:
    """The March flights: when the relayed Russian flights were seen, how long before the ICBM, and the ratings."""
    records = d.records.set_index("id")
    relayed, icbm = records.loc[RELAYED_RUSSIAN_FLIGHTS], records.loc[MARCH_ICBM]
    return {
        "relay-time": f"{relayed['start_ts']:%H:%M}",
        "icbm-time": f"{icbm['start_ts']:%H:%M}",
        "relay-gap": when.hours_minutes(int((icbm["start_ts"] - relayed["start_ts"]).total_seconds() // 60)),
        "march-rating": rating(d, "march-flypasts-joint"),
        "hours-after-rating": rating(d, "icbm-hours-after-russian-flights"),
    }


def launches_in(missiles: pd.DataFrame, year: int) -> pd.DataFrame:
    """The launch events (kadiz.missiles.launch_events) of one calendar year, by Korean day."""
    return missile_data.launch_events(missiles[missiles["kst_date"].dt.year == year])


def may(d) -> dict:
    """The launches of 2022 and the flights of 24 May as the records give them."""
    records = d.records.set_index("id")
    launches = launches_in(d.missiles, 2022)
    return {
        "launch-events-2022": len(launches),
        "missiles-2022": int(launches["missiles"].sum()),
        "patrols-to-24-may": int((d.joint_air_patrols["start"] <= "2022-05-24").sum()),
        "bombers-japan-reported": records.loc["japan-2022-05-24-bombers", "value"].replace(";", " and"),
        "russian-aircraft-jcs-reported": records.loc["jcs-2022-05-24-russian-aircraft", "value"],
        "joint-group-minutes-in-zone": records.loc["jcs-2022-05-24-joint-duration", "value"],
        "joint-group-exit-time": records.loc["jcs-2022-05-24-joint-exit", "value"],
        "joint-group-entry-in-article": d.claims.set_index("id").loc["joint-entry-time", "value"][11:16],
    }


def rule_table(d) -> pd.DataFrame:
    """kadiz.counts.rule_table for the article's two periods."""
    return counts.rule_table(d.missiles, d.records, d.claims, COUNT_PERIODS)


def missile_counts(d) -> dict:
    """The article's counts of missile tests beside the counts under each rule, and what the verdicts say."""
    quotes = d.verdicts.set_index("claim_id")["source_quote"]
    table = rule_table(d)
    to_may = table[table["period"] == TO_MAY].set_index("kind")
    n = {rule: counts.count(d.missiles, rule, *COUNT_PERIODS[TO_MAY][:2], d.records) for rule in counts.RULES}
    jan = {rule: counts.count(d.missiles, rule, *COUNT_PERIODS[JANUARY][:2], d.records) for rule in counts.RULES}
    return {
        "icbm-quote": quotes["may25-suspected-icbm"],
        "first-icbm-quote": quotes["first-long-range-test-since-2017"].removeprefix("North Korea ").removesuffix("."),
        "ballistic-missiles-to-may": n["ballistic-missiles"],
        "ballistic-launch-events-to-may": n["ballistic-launch-events"],
        "launch-events-with-cruise-to-may": n["launch-events-with-cruise"],
        "ballistic-missiles-january": jan["ballistic-missiles"],
        "ballistic-launch-events-january": jan["ballistic-launch-events"],
        "launch-events-with-cruise-january": jan["launch-events-with-cruise"],
        "shows-of-force-on-record": to_may.loc["on record", "value"],
        "article-missile-tests": to_may.loc["article", "value"],
        "missiles-per-launch-event": f"{n['ballistic-missiles'] / n['ballistic-launch-events']:.1f}",
        "nineteen-rating": rating(d, "nineteen-tests-2022"),
        "six-rating": rating(d, "six-tests-january"),
    }


def counts_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The counts for readers, from kadiz.charts.records.counts_frame: period, what is counted, count, kind and
    sources, headed in words."""
    return frame.rename(columns={"period": "Period", "count": "What is counted", "value": "Count",
                                 "kind_words": "Kind", "sources": "Sources"})[
        ["Period", "What is counted", "Count", "Kind", "Sources"]]


def weakest(d) -> dict:
    """The verdicts on the article's thesis, and the claims rated with low confidence (a decision all the same)."""
    rated = d.verdicts
    low = rated[(rated["confidence"] == "low") & (rated["verdict"] != "cannot-be-settled")]
    claims = d.claims.set_index("id").loc[low["claim_id"], "claim"]
    icbm = d.missiles["kst_ts"].dt.strftime("%Y-%m-%d %H:%M") == ARTICLE_ICBM
    return {
        "treaty-rating": rating(d, "china-russia-no-treaty"),
        "thesis-rating": rating(d, "timing-far-from-coincidental"),
        "entry-rating": rating(d, "joint-entry-time"),
        "twice-rating": rating(d, "happened-twice"),
        "upgrading-rating": rating(d, "coordination-upgrading"),
        "weakest-claims": "; ".join(f"“{claim.rstrip('.')}”" for claim in claims),
        "icbm-missile-name-in-database": d.missiles.loc[icbm, "missile_name"].iloc[0],
    }


def launches_before(launch_days: pd.Series, day: pd.Timestamp, window_days: int) -> tuple[str, str]:
    """The first day of the `window_days` days before `day`, and whether they "hold a launch (<its day>)" or "hold
    none": a launch on `day` itself is not before it."""
    first = day - pd.Timedelta(days=window_days)
    launched = launch_days[(launch_days >= first) & (launch_days < day)]
    return f"{first:%-d %B}", f"hold a launch ({launched.min():%-d %B})" if len(launched) else "hold none"


def sorties_days(d) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The Korean day the article gives the November 2021 sorties, and the day of that month's joint patrol."""
    article_day = d.events.set_index("id").loc[SORTIES_EVENT, "start_ts"].tz_localize(None)
    patrol_days = d.joint_air_patrols["start_ts"].dt.tz_localize(None)
    return article_day, patrol_days[patrol_days.dt.to_period("M") == article_day.to_period("M")].iloc[0]


def sorties_window(d, window_days: int) -> dict:
    """Exercise 5.1: the article dates the November 2021 sorties wrongly; do the `window_days` days before its date
    and before the patrol's own date hold a North Korean launch? If the answers differ, the wrong date decides a
    claim about the days before the sorties."""
    article_day, patrol_day = sorties_days(d)
    launch_days = d.missiles["kst_date"]
    (from_article, in_article), (from_patrol, in_patrol) = (launches_before(launch_days, day, window_days)
                                                            for day in (article_day, patrol_day))
    return {
        "window-days": window_days,
        "sorties-day-in-article": f"{article_day:%-d %B}",
        "sorties-day-of-patrol": f"{patrol_day:%-d %B}",
        "last-launch-before-sorties-month":
            f"{launch_days[launch_days < article_day.replace(day=1)].max():%-d %B %Y}",
        "window-from-article": from_article,
        "article-window": in_article,
        "window-from-patrol": from_patrol,
        "patrol-window": in_patrol,
        "window-verdict": window_verdict(in_article, in_patrol),
    }


def date_decides(in_article: str, in_patrol: str) -> bool:
    """Whether the wrong date decides the claim: it does when one window holds a launch and the other none (two
    windows that each hold a launch, even different ones, both deny "no test in the days before")."""
    return (in_article == "hold none") != (in_patrol == "hold none")


def window_verdict(in_article: str, in_patrol: str) -> str:
    if date_decides(in_article, in_patrol):
        return "So the wrong date would decide that claim."
    return "Here the two dates happen to give the same answer."


def windows_where_the_date_decides(launch_days: pd.Series, article_day, patrol_day, longest: int) -> list[int]:
    """The windows of 1 to `longest` days for which the two dates give different answers."""
    return [w for w in range(1, longest + 1)
            if date_decides(*(launches_before(launch_days, day, w)[1] for day in (article_day, patrol_day)))]


def spans(numbers: list[int]) -> str:
    """Whole numbers in words as runs: [23, 24, 25, 40] as "23 to 25 and 40"; none as "none"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return listed([f"{r[0]} to {r[-1]}" if len(r) > 1 else str(r[0]) for r in runs]) or "none"


def other_window(d, window_days: int = OTHER_WINDOW_DAYS, longest: int = LONGEST_WINDOW) -> dict:
    """The exercise on the "try it" cell: the same answers for another window (named other-<name>), and every
    window up to `longest` days for which the wrong date decides the claim."""
    article_day, patrol_day = sorties_days(d)
    decides = windows_where_the_date_decides(d.missiles["kst_date"], article_day, patrol_day, longest)
    same = ("last-launch-before-sorties-month", "sorties-day-in-article", "sorties-day-of-patrol")
    return {**{f"other-{name}": value for name, value in sorties_window(d, window_days).items() if name not in same},
            "longest-window-days": longest, "windows-where-the-date-decides": spans(decides)}


def sorties_window_words(window: dict) -> str:
    """sorties_window's answer as the "try it" cell says it."""
    return (f"Counted back {window['window-days']} days from the article's {window['sorties-day-in-article']}, the "
            f"days from {window['window-from-article']} {window['article-window']}; from the patrol's "
            f"{window['sorties-day-of-patrol']}, the days from {window['window-from-patrol']} "
            f"{window['patrol-window']}. {window['window-verdict']}")


def sorties_window_finding(window: dict) -> str:
    """sorties_window's answer as a chart's headline: what each window holds."""
    def held(words):
        return "no launch" if words == "hold none" else "a launch"
    return (f"The {window['window-days']} days before the article's {window['sorties-day-in-article']} hold "
            f"{held(window['article-window'])}, before the patrol's {window['sorties-day-of-patrol']} "
            f"{held(window['patrol-window'])}")


def sorties_window_frame(d, window_days: int) -> pd.DataFrame:
    """What the "try it" cell draws: the two windows (the days counted back from each date) and North Korea's launch
    days from the first day of either window to the patrol. Columns: lane, start, end (the day counted from; none
    for a launch), what, date (in words)."""
    article_day, patrol_day = sorties_days(d)
    rows = [{"lane": f"{window_days} days before {name}", "start": day - pd.Timedelta(days=window_days), "end": day,
             "what": f"The {window_days} days before {day:%-d %B %Y}"}
            for name, day in (("the article's date", article_day), ("the patrol's date", patrol_day))]
    first = min(r["start"] for r in rows)
    launch_days = d.missiles["kst_date"]
    rows += [{"lane": "North Korea's launches", "start": day, "end": pd.NaT, "what": "A ballistic launch"}
             for day in sorted(set(launch_days[(launch_days >= first) & (launch_days <= patrol_day)]))]
    frame = pd.DataFrame(rows)
    last_days = frame["end"] - pd.Timedelta(days=1)  # a window ends the day before the day it counts back from
    return frame.assign(date=[f"{s:%-d %B %Y}" if pd.isna(e) else f"{s:%-d %B} to {e:%-d %B %Y}"
                              for s, e in zip(frame["start"], last_days)])


def facts(d, window_days: int = EXERCISE_WINDOW_DAYS) -> dict:
    """Every value the chapter's prose states, by name: the sections above, one after another."""
    return {**verdict_counts(d), **march(d), **may(d), **missile_counts(d), **weakest(d),
            **sorties_window(d, window_days), **other_window(d)}

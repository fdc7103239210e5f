"""What the records show after the article (25 May 2022): the joint air patrols and the North Korean launches
around each, the events that changed the standing of the article's claims, and the counts the chapter states.

Launches are counted as launch events (kadiz.missiles.launch_events: the missiles of one Korean calendar day are
one event). "Around" a patrol means the last launch event before its first day and the first after its last day;
the gap is counted in whole calendar days, since the patrols are dated to the day. A patrol after the last day the
missile record covers (kadiz.missiles.coverage_end) is outside the record's coverage: it is listed, but not scored,
since no launch in a record that stops earlier is no evidence of none.
"""

from __future__ import annotations

import pandas as pd

from kadiz import missiles as missile_data
from kadiz.verdicts import RATINGS
from kadiz.when import when_text
from kadiz.words import counted, listed, whole

PUBLISHED = "2022-05-25"  # the article's date (data/source/article.csv), Korean time
WINDOW_DAYS = 7  # "around" a patrol, for the count of patrols with a launch near them
# A day is too thin to see on a time axis of years: the chapter's chart draws a patrol at least this many days
# wide (the table and the tooltip give the real dates).
PATROL_BAR_DAYS_AT_LEAST = 6


def korean_day(ts: pd.Timestamp) -> pd.Timestamp:
    """The Korean calendar day of a timestamp, without its time zone (as kst_date of the launch events)."""
    return ts.tz_localize(None).normalize() if ts.tzinfo else ts.normalize()


def day_text(day: pd.Timestamp) -> str:
    return f"{day.day} {day:%B %Y}"


def days_text(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """A patrol's days for a grid, each date kept whole ("30 November 2022"), two days of one month as one
    range ("29\u201330 November 2024"): a month is never broken over lines."""
    if first == last:
        return whole(day_text(first))
    if (first.year, first.month) == (last.year, last.month):
        return whole(f"{first.day}\u2013{day_text(last)}")
    return f"{whole(day_text(first))}\u2013{whole(day_text(last))}"


def patrols_after(patrols: pd.DataFrame, published: str = PUBLISHED) -> pd.DataFrame:
    """The joint patrols that began after the article's day."""
    after = patrols[patrols["start_ts"].map(korean_day) > pd.Timestamp(published)]
    return after.sort_values("start_ts").reset_index(drop=True)


def launches_around(patrols: pd.DataFrame, missiles: pd.DataFrame, covered_to: pd.Timestamp | None = None
                     ) -> pd.DataFrame:
    """For each patrol: the nearest launch event before its first day and after its last day, and the days
    between (0 would be a launch on a day of the patrol, which then counts as both 'before' and 'after').

    `covered_to` is the last Korean day the missile record covers (kadiz.missiles.coverage_end of `missiles` unless
    given). A patrol whose last day is after it is not scored (`scored` False): its launches are left empty, since
    the record can say neither which launch came last before it nor whether one followed."""
    events = missile_data.launch_events(missiles)
    days = events["kst_date"].sort_values().reset_index(drop=True)
    covered_to = missile_data.coverage_end(missiles) if covered_to is None else pd.Timestamp(covered_to)
    rows = []
    for _, p in patrols.iterrows():
        first = korean_day(p["start_ts"])
        last = korean_day(p["period_end_ts"]) - pd.Timedelta(days=1)  # period_end_ts is the exclusive end of the last day
        scored = last <= covered_to
        before, after = days[days <= first], days[days >= last]
        rows.append({
            "number": int(p["number"]), "patrol": when_text(p), "first_day": first, "last_day": last,
            "scored": scored, "covered_to": covered_to,
            "launch_before": before.iloc[-1] if scored and len(before) else pd.NaT,
            "launch_after": after.iloc[0] if scored and len(after) else pd.NaT,
        })
    out = pd.DataFrame(rows)
    out["days_before"] = (out["first_day"] - out["launch_before"]).dt.days.astype("Int64")
    out["days_after"] = (out["launch_after"] - out["last_day"]).dt.days.astype("Int64")
    # The nearest launch, before or after: what the chapter's sentence and its table's last column both give.
    out["days_to_nearest"] = out[["days_before", "days_after"]].min(axis=1).astype("Int64")
    return out


def launches_table(around: pd.DataFrame) -> pd.DataFrame:
    """`launches_around` as the chapter prints it: a grid whose dates and gaps each stay on one line."""
    def date_or_none(day, scored):
        if not scored:
            # Short enough for a grid cell kept on one line; the chapter says where the record ends.
            return "beyond the record"
        return "none on file" if pd.isna(day) else whole(day_text(day))

    def gap(days):
        return "" if pd.isna(days) else whole("same day" if days == 0 else counted(int(days), "day"))

    return pd.DataFrame({
        "Patrol": [f"no. {n}" for n in around["number"]],
        "Date": [days_text(f, l) for f, l in zip(around["first_day"], around["last_day"])],
        "Last launch before": [date_or_none(d, s) for d, s in zip(around["launch_before"], around["scored"])],
        "Days before": [gap(d) for d in around["days_before"]],
        "First launch after": [date_or_none(d, s) for d, s in zip(around["launch_after"], around["scored"])],
        "Days after": [gap(d) for d in around["days_after"]],
        "Nearest launch": [gap(d) for d in around["days_to_nearest"]],
    })


def aged_claims(after_events: pd.DataFrame, claims: pd.DataFrame, verdicts: pd.DataFrame,
                latest: pd.Timestamp | None = None, published: str = PUBLISHED) -> pd.DataFrame:
    """Claims whose standing changed after the article: the verdict as of the article (judged by what could be
    known then), and how the claim stands as of `latest`, the newest record behind the chapter (by default the
    date of the event that changed it), with the date of that event."""
    changed = after_events[after_events["claim_id"].notna()].sort_values("start_ts")
    claim_text = claims.set_index("id")["passage"]
    rating = verdicts.set_index("claim_id")["verdict"]
    article_day = day_text(pd.Timestamp(published))
    return pd.DataFrame({
        "Claim": [" ".join(str(claim_text[c]).split()) for c in changed["claim_id"]],
        "As of the article": [f"{article_day}: {RATINGS[rating[c]]}" for c in changed["claim_id"]],
        "As of the latest record": [f"{day_text(latest)}, changed by the record of {when_text(r)}: {r['claim_after']}"
                                    if latest is not None else f"{when_text(r)}: {r['claim_after']}"
                                    for _, r in changed.iterrows()],
    })


def event_table(after_events: pd.DataFrame, *source_tables: pd.DataFrame,
                published: str = PUBLISHED) -> pd.DataFrame:
    """The events after the article, oldest first, with the publishers of their sources (looked up in every
    source table given)."""
    publisher = pd.concat([s.set_index("id")["publisher"] for s in source_tables])
    rows = after_events[after_events["start_ts"].map(korean_day) > pd.Timestamp(published)].sort_values("start_ts")
    return pd.DataFrame({
        "Date": [when_text(r) for _, r in rows.iterrows()],
        "What happened": rows["subject"],
        "Sources": [", ".join(publisher.get(i, i) for i in ids.split(";")) for ids in rows["source_ids"]],
    })


def near_launch(around: pd.DataFrame, missiles: pd.DataFrame, latest: pd.Timestamp,
                window_days: int = WINDOW_DAYS) -> dict:
    """The chapter's finding, which its prose and its chart both state: of the patrols after the article that the
    missile record covers (`launches_around`, `scored`), how many had a launch within `window_days` either side
    (`near`, of `patrols`; `unscored` more lie beyond the record), beside the share of the days from the article to
    `latest`, or to the record's last day if that is earlier, that had one (`share`, in %)."""
    scored = around[around["scored"]]
    near = int((scored["days_to_nearest"] <= window_days).sum())
    last = min(latest, missile_data.coverage_end(missiles))
    share = share_of_days_near_launch(missiles, pd.Timestamp(PUBLISHED) + pd.Timedelta(days=1), last, window_days)
    return {"near": near, "patrols": len(scored), "unscored": len(around) - len(scored),
            "share": round(100 * share), "latest": latest, "covered_to": last, "window_days": window_days}


def share_of_days_near_launch(missiles: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp,
                              window_days: int = 7) -> float:
    """The share of calendar days from `first` to `last` (inclusive) that have a launch event within
    `window_days` days either side: how often "a launch within a week" would hold for a day picked blindly."""
    launch_days = set(missile_data.launch_events(missiles)["kst_date"])
    days = pd.date_range(first, last, freq="D")
    near = sum(any(day + pd.Timedelta(days=k) in launch_days for k in range(-window_days, window_days + 1))
               for day in days)
    return near / len(days)


def latest_day(after_events: pd.DataFrame, patrols: pd.DataFrame, missiles: pd.DataFrame) -> pd.Timestamp:
    """The latest day any of the records behind the chapter reaches (Korean calendar day)."""
    return max(after_events["period_end_ts"].max().tz_localize(None).normalize() - pd.Timedelta(days=1),
               patrols["period_end_ts"].max().tz_localize(None).normalize() - pd.Timedelta(days=1),
               missile_data.launch_events(missiles)["kst_date"].max())


def chart_end(latest: pd.Timestamp) -> str:
    """The first day of the month after `latest` (YYYY-MM-DD): where the time axis stops."""
    return (latest.normalize().replace(day=1) + pd.DateOffset(months=1)).strftime("%Y-%m-%d")

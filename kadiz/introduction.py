"""The introduction's measures: what the article is, how much the report holds, how precisely events are dated."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from kadiz.when import PRECISIONS

if TYPE_CHECKING:  # only to name the type: the introduction's measures take the tables load() returns
    from kadiz.data import Data


def article_facts(article: pd.DataFrame) -> dict[str, str]:
    """Outlet, author, dateline, headline and date of publication (in words) of the one article."""
    row = article.iloc[0]
    return {
        "article-outlet": row["outlet"],
        "article-author": row["author"],
        "article-dateline": row["dateline"],
        "article-headline": row["headline"],
        "article-published": f"{pd.Timestamp(row['published']):%-d %B %Y}",
    }


def holdings(data: Data) -> dict[str, int]:
    """How many rows of each kind the report holds, and the years its missile database spans."""
    modes = data.quotes["mode"].value_counts()
    return {
        "n-events": len(data.events),
        "n-quotes": len(data.quotes),
        "n-direct": int(modes.get("direct", 0)),
        "n-paraphrase": int(modes.get("paraphrase", 0)),
        "n-speakers": len(data.speakers),
        "n-claims": len(data.claims),
        "n-records": len(data.records),
        "n-patrols": len(data.joint_air_patrols),
        "n-sources": len(data.sources),
        "n-missiles": len(data.missiles),
        "first-missile-year": int(data.missiles["kst_date"].min().year),
        "last-missile-year": int(data.missiles["kst_date"].max().year),
    }


def precision_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Number of events at each precision, finest first, every precision listed (zero where the article has none)."""
    counts = events["precision"].value_counts().reindex(PRECISIONS, fill_value=0)
    return counts.rename_axis("precision").reset_index(name="events")


def precision_summary(events: pd.DataFrame) -> dict[str, int]:
    """Events timed to the minute, and events dated only to the month or the year."""
    counts = precision_counts(events).set_index("precision")["events"]
    return {"n-to-minute": int(counts["minute"]), "n-vague": int(counts["month"] + counts["year"])}

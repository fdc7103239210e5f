"""The introduction's measure: how precisely the article dates the events it mentions (kadiz.introduction_facts
holds what the chapter's prose states)."""

from __future__ import annotations

import pandas as pd

from kadiz.when import PRECISIONS


def precision_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Number of events at each precision, finest first, every precision listed (zero where the article has none)."""
    counts = events["precision"].value_counts().reindex(PRECISIONS, fill_value=0)
    return counts.rename_axis("precision").reset_index(name="events")

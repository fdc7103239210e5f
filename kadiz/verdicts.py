"""The verdicts on the article's claims (data/verdicts.csv), shaped for chapter 4: a table of plain text and a
list in which every verdict cites its sources.

A verdict's sources are its own `source_ids` plus those of the records it rests on (see data/README.md).
"""

from __future__ import annotations

import pandas as pd

VERDICTS = ["supported", "contradicted", "not-found", "cannot-be-settled"]
WORDS = {"supported": "supported", "contradicted": "contradicted", "not-found": "not found",
         "cannot-be-settled": "cannot be settled"}
# Short names for sources whose publisher field is long or names a copy rather than the data.
SHORT_NAMES = {"nagixnkmissiletests": "nk-missile-tests (nagix)", "cnsntimissiledb": "CNS/NTI database"}


def _ids(cell) -> list[str]:
    return [] if pd.isna(cell) or not cell else str(cell).split(";")


def sources_of(verdicts: pd.DataFrame, records: pd.DataFrame) -> pd.Series:
    """For each verdict, its sources in order, each once: its own, then its records'."""
    by_record = dict(zip(records["id"], records["source_ids"]))
    return pd.Series([list(dict.fromkeys(_ids(v.source_ids) + [s for r in _ids(v.record_ids)
                                                                for s in _ids(by_record.get(r))]))
                      for v in verdicts.itertuples()], index=verdicts.index)


def source_names(ids: list[str], sources: pd.DataFrame) -> str:
    publisher = dict(zip(sources["id"], sources["publisher"]))
    return "; ".join(dict.fromkeys(SHORT_NAMES.get(i, publisher.get(i, i)) for i in ids))


def table(claims: pd.DataFrame, verdicts: pd.DataFrame, records: pd.DataFrame,
          sources: pd.DataFrame) -> pd.DataFrame:
    """One row per verdict, in the order of the claims: the claim, the verdict, why, and the sources by name."""
    v = verdicts.assign(cited=sources_of(verdicts, records))
    v = v.merge(claims[["id", "claim"]], left_on="claim_id", right_on="id")
    return pd.DataFrame({"Claim": v["claim"], "Verdict": v["verdict"].map(WORDS), "What the records say": v["reason"],
                         "Sources": [source_names(ids, sources) for ids in v["cited"]]})


def tally(verdicts: pd.DataFrame) -> dict[str, int]:
    """Number of verdicts of each kind, every kind present (0 where none)."""
    counts = verdicts["verdict"].value_counts()
    return {v: int(counts.get(v, 0)) for v in VERDICTS}


def cited_list(claims: pd.DataFrame, verdicts: pd.DataFrame, records: pd.DataFrame) -> str:
    """A MyST list: one item per verdict, the claim's id and verdict, then a {cite:p} of all its sources."""
    v = verdicts.assign(cited=sources_of(verdicts, records))
    items = []
    for row in v.itertuples():
        cite = f" {{cite:p}}`{','.join(row.cited)}`" if row.cited else " (no source can settle it)"
        items.append(f"- `{row.claim_id}`: {WORDS[row.verdict]}{cite}")
    return "\n".join(items)


def unchecked(claims: pd.DataFrame, verdicts: pd.DataFrame) -> pd.DataFrame:
    """Claims without a verdict, with what they could be checked against."""
    return claims[~claims["id"].isin(verdicts["claim_id"])][["id", "claim", "checkable_against"]]

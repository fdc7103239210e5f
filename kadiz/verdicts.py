"""The verdicts on the article's claims (data/verdicts.csv), shaped for the records chapter and for machines.

Every verdict has a rating from the report's rubric (chapters/rubric.md, RATINGS below), a confidence, its reason,
the source's own words where the record has them, and its sources: its own `source_ids` plus those of the records
it rests on (see data/README.md). Verdicts that rest on one and the same finding share a `finding` id, so that the
finding is counted once (`findings`).

`claim_reviews` publishes the verdicts as schema.org ClaimReview objects, the markup fact-checkers use so that
search engines and archives can read a verdict; `script_element` writes one into an HTML page safely.
"""

from __future__ import annotations


import pandas as pd

from kadiz import when
from kadiz.escape import script_json

# The ratings of the rubric, from agreement to disagreement, then the verdict of no decision; the words readers see.
RATINGS = {
    "supported": "supported",
    "supported-with-caveat": "supported, with a caveat",
    "consistent": "consistent, not independently confirmed",
    "mixed": "mixed",
    "not-reproduced": "not reproduced",
    "not-found": "not found",
    "contradicted": "contradicted",
    "cannot-be-settled": "cannot be settled",
}
CONFIDENCES = ["high", "medium", "low"]
# Short names for sources whose publisher field is long or names a copy rather than the data.
SHORT_NAMES = {"nagixnkmissiletests": "nk-missile-tests (nagix)", "cnsntimissiledb": "CNS/NTI database"}


def _ids(cell) -> list[str]:
    return [] if pd.isna(cell) or not cell else str(cell).split(";")


def _text(cell) -> str:
    return "" if pd.isna(cell) else str(cell)


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
    """One row per verdict, in the order of the claims: the claim, its rating and confidence, the source's words,
    what the records say, and the sources by name ("none on file" where a verdict rests on nothing)."""
    v = verdicts.assign(cited=sources_of(verdicts, records))
    v = v.merge(claims[["id", "claim"]], left_on="claim_id", right_on="id")
    quoted = [f"“{_text(q)}”" if _text(q) else "" for q in v["source_quote"]]
    return pd.DataFrame({"Claim": v["claim"], "Rating": v["verdict"].map(RATINGS), "Confidence": v["confidence"],
                         "In the source's words": quoted, "What the records say": v["reason"],
                         "Sources": [source_names(ids, sources) or "none on file" for ids in v["cited"]]})


def tally(verdicts: pd.DataFrame) -> dict[str, int]:
    """Number of verdicts of each rating, every rating present (0 where none), in the rubric's order."""
    counts = verdicts["verdict"].value_counts()
    return {rating: int(counts.get(rating, 0)) for rating in RATINGS}


def findings(verdicts: pd.DataFrame) -> pd.DataFrame:
    """One row per finding: verdicts that share a `finding` id count once, every other verdict is its own finding.

    Columns: finding, claims (how many verdicts rest on it), ratings (its distinct ratings, `;`-separated),
    confidence (the lowest among its verdicts).
    """
    key = verdicts["finding"].fillna("claim:" + verdicts["claim_id"])
    rank = verdicts["confidence"].map(CONFIDENCES.index)
    rows = []
    for finding, group in verdicts.groupby(key, sort=False):
        rows.append({"finding": finding, "claims": len(group),
                     "ratings": ";".join(dict.fromkeys(group["verdict"])),
                     "confidence": CONFIDENCES[int(rank[group.index].max())]})
    return pd.DataFrame(rows)


def cited_list(claims: pd.DataFrame, verdicts: pd.DataFrame, records: pd.DataFrame) -> str:
    """A MyST list: one item per verdict, the claim's id, rating and confidence, then a {cite:p} of all its sources.

    Ids are validated kebab-case and ratings come from RATINGS, so the list holds no text that MyST could misread.
    """
    v = verdicts.assign(cited=sources_of(verdicts, records))
    items = []
    for row in v.itertuples():
        cite = f" {{cite:p}}`{','.join(row.cited)}`" if row.cited else " (no source on file)"
        items.append(f"- `{row.claim_id}`: {RATINGS[row.verdict]}, {row.confidence} confidence{cite}")
    return "\n".join(items)


def unchecked(claims: pd.DataFrame, verdicts: pd.DataFrame) -> pd.DataFrame:
    """Claims without a verdict, with what they could be checked against (only claims marked `none` may be here)."""
    return claims[~claims["id"].isin(verdicts["claim_id"])][["id", "claim", "checkable_against"]]


def claim_reviews(claims: pd.DataFrame, verdicts: pd.DataFrame, records: pd.DataFrame, sources: pd.DataFrame,
                  article: pd.DataFrame, reviewer: str, reviewed_on: str, page_url: str) -> list[dict]:
    """One schema.org ClaimReview per verdict, in the order of verdicts.csv.

    The claim reviewed is the claim as the report restates it; the item reviewed is the article's claim, with the
    verbatim passage as its text and the article as its appearance. The rating's words (`alternateName`) are
    those of the rubric; its explanation is the verdict's reason. `reviewer` and `reviewed_on` (ISO date) name
    the report and its release; `page_url` is the address of the page that shows the verdicts.
    """
    a = article.iloc[0]
    author = {"@type": "Person", "name": a["author"]}
    appearance = {"@type": "CreativeWork", "url": a["url"], "headline": a["headline"], "author": author,
                  "datePublished": a["published"], "publisher": {"@type": "Organization", "name": a["outlet"]}}
    by_claim = claims.set_index("id")
    url_of = dict(zip(sources["id"], sources["url"]))
    cited = sources_of(verdicts, records)
    reviews = []
    for index, v in verdicts.iterrows():
        claim = by_claim.loc[v["claim_id"]]
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": page_url,
            "claimReviewed": claim["claim"],
            "itemReviewed": {"@type": "Claim", "text": claim["passage"], "author": author,
                             "datePublished": a["published"], "appearance": appearance},
            "reviewRating": {"@type": "Rating", "alternateName": RATINGS[v["verdict"]],
                             "ratingExplanation": v["reason"]},
            "author": {"@type": "Organization", "name": reviewer},
            "datePublished": reviewed_on,
        }
        citations = [url_of[s] for s in cited[index] if not pd.isna(url_of.get(s))]
        if citations:
            review["citation"] = citations
        reviews.append(review)
    return reviews


def script_element(obj) -> str:
    """`obj` as a <script type="application/ld+json"> element whose text no data can break out of."""
    return f'<script type="application/ld+json">{script_json(obj)}</script>'


def rating_table(verdicts: pd.DataFrame) -> pd.DataFrame:
    """One row per rating of the rubric, in its order: how many verdicts have it, and at each confidence."""
    counts = pd.crosstab(verdicts["verdict"], verdicts["confidence"]).reindex(index=list(RATINGS),
                                                                             columns=CONFIDENCES, fill_value=0)
    return pd.DataFrame({"Rating": list(RATINGS.values()), "Verdicts": counts.sum(axis=1).to_numpy(),
                         **{f"{c.capitalize()} confidence": counts[c].to_numpy() for c in CONFIDENCES}})


def accounts_table(records: pd.DataFrame, sources: pd.DataFrame, record_ids: list[str]) -> pd.DataFrame:
    """Records set side by side (two accounts of one event, say): what each reports, the date as precise as its
    source gives it, the sources by name, and our confidence, in the order of `record_ids`."""
    rows = records.set_index("id").loc[record_ids]
    return pd.DataFrame({"What the record reports": rows["subject"].to_numpy(),
                         "When": [when.when_text(r) for _, r in rows.iterrows()],
                         "Sources": [source_names(_ids(s), sources) for s in rows["source_ids"]],
                         "Confidence": rows["confidence"].to_numpy()})


"""The verdicts on the article's claims (data/verdicts.csv), shaped for the records chapter and for machines.

Every verdict has a rating from the report's rubric (chapters/rubric.md, RATINGS below), a confidence, its reason,
the source's own words where the record has them, and its sources: its own `source_ids` plus those of the records
it rests on (see data/README.md). Verdicts that rest on one and the same finding share a `finding` id, so that the
finding is counted once (`findings`).

Each verdict has its own address on the records page, its claim id (`anchor`), which a reader can link to and
share. `claim_reviews` publishes the verdicts the chapter shows (`shown`) as schema.org ClaimReview objects, the
markup fact-checkers use so that aggregators and archives can read a verdict, each pointing at its verdict's
address; `script_element` writes one into an HTML page safely.
"""

from __future__ import annotations


import pandas as pd

import yaml

from kadiz import when
from kadiz.escape import script_json
from kadiz.paths import ROOT
from kadiz.tables import escape
from kadiz.words import RATING, listed

# The ratings of the rubric in its order, with the words readers see (kept with every other code's words).
RATINGS = RATING
CONFIDENCES = ["high", "medium", "low"]
# The ratings in the rubric's three groups, as the records chapter sums them up: the records agree with the claim
# (with or without a caveat, or without confirming it), the claim falls short of them in part or in whole, or
# nothing on file decides it. The keys are the words readers see.
RATING_GROUPS = {
    "the records agree": ("supported", "supported-with-caveat", "consistent"),
    "the claim falls short": ("mixed", "not-reproduced", "not-found", "contradicted"),
    "cannot be settled": ("cannot-be-settled",),
}
# The class each group's verdict boxes carry on the site (_static/records.css colours them as Fig. 5.1 does, from
# kadiz/charts/palette.py).
GROUP_CLASSES = {"the records agree": "verdict-agree", "the claim falls short": "verdict-falls-short",
                 "cannot be settled": "verdict-unsettled"}
GROUP_OF_RATING = {rating: group for group, ratings in RATING_GROUPS.items() for rating in ratings}
# Short names for sources whose publisher field is long or names a copy rather than the data, and for the article.
SHORT_NAMES = {"nagixnkmissiletests": "nk-missile-tests (nagix)", "cnsntimissiledb": "CNS/NTI database",
               "salmon2022axis": "Asia Times, 25 May 2022"}


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


def shown(claims: pd.DataFrame, verdicts: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    """The verdicts as the records chapter shows them, in the order of verdicts.csv: each row with its claim as
    the report restates it (`claim`), the article's passage (`passage`) and its sources (`cited`, sources_of).
    The page's verdict boxes and its ClaimReview markup are both made from this one frame."""
    by_claim = claims.set_index("id")
    return verdicts.assign(claim=verdicts["claim_id"].map(by_claim["claim"]),
                           passage=verdicts["claim_id"].map(by_claim["passage"]),
                           cited=sources_of(verdicts, records))


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


def _sources_markdown(ids: list[str]) -> str:
    # Source ids are validated bibliography keys, so the {cite:p} role holds no text that MyST could misread; the
    # reader sees author and year, never the id.
    return f"{{cite:p}}`{','.join(ids)}`" if ids else "none on file"


def verdict_title(claim: str, verdict) -> str:
    """A verdict box's title: its rating in Fig. 5.1's words, the claim and the confidence."""
    rating = RATINGS[verdict.verdict]
    return f"{rating[0].upper()}{rating[1:]}: {claim.strip().rstrip('.')}. Confidence: {verdict.confidence}."


def anchor(claim_id: str) -> str:
    """A verdict's address on the records page: its claim id, stable as long as the claim is (validated kebab-case,
    so it needs no escaping in a URL or in MyST)."""
    return claim_id


def verdict_markdown(claim: str, verdict) -> str:
    """One verdict as a collapsed box: its rating, the claim and the confidence as its title (verdict_title), in the
    colour of its rating's group (GROUP_CLASSES), named by its claim id (`anchor`: the box's address on the page);
    what the records say, the source's own words (where the record has them) and the sources inside. `verdict` is a row of verdicts.csv with its `cited` sources (sources_of). On the
    site the detail opens on demand (a <details>: _ext/folded_boxes.py), as the exercises' solutions do; the PDF
    prints the box open, its rating in its title.

    Text from the data is escaped (kadiz.tables.escape), so it reads literally whatever it holds."""
    group = GROUP_CLASSES[GROUP_OF_RATING[verdict.verdict]]
    lines = [f":::{{admonition}} {escape(verdict_title(claim, verdict))}", f":class: dropdown verdict {group}"]
    if _text(getattr(verdict, "claim_id", "")):
        lines.append(f":name: {anchor(verdict.claim_id)}")
    lines += ["", f"**What the records say:** {escape(verdict.reason)}", ""]
    quote = _text(verdict.source_quote)
    if quote:
        lines += [f"**In the source's words:** “{escape(quote)}”", ""]
    lines += [f"**Sources:** {_sources_markdown(verdict.cited)}", ":::"]
    return "\n".join(lines)


def rating_sections(v: pd.DataFrame) -> dict[str, str]:
    """For each rating of the rubric (RATINGS, in its order), the MyST of its section in the records chapter: how
    many verdicts have it and at what confidence, then each of them as a dropdown (verdict_markdown), in the order
    of verdicts.csv. `v` is the frame the chapter shows (`shown`)."""
    sections = {}
    for rating in RATINGS:
        group = v[v["verdict"] == rating]
        if group.empty:
            sections[rating] = "No verdict has this rating."
            continue
        levels = group["confidence"].value_counts()
        verdict_s = f"{len(group)} verdict{'s' if len(group) > 1 else ''}"
        if len(levels) == 1:
            head = f"{verdict_s}, {'all ' if len(group) > 1 else ''}with {levels.index[0]} confidence."
        else:
            head = f"{verdict_s}: " + listed([f"{levels[c]} with {c} confidence" for c in CONFIDENCES
                                              if levels.get(c, 0)]) + "."
        sections[rating] = "\n\n".join([head, *(verdict_markdown(row.claim, row) for row in group.itertuples())])
    return sections


PAGE = "chapters/records.html"  # the page that shows the verdicts, under the site's address


def page_address(root=ROOT) -> str:
    """The records page's address: the site's address (html.baseurl in _config.yml, written there once) and the
    page."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    return config["html"]["baseurl"].rstrip("/") + "/" + PAGE


def reviewer_and_date(root=ROOT) -> tuple[str, str]:
    """The report's authors and release date (ISO) from CITATION.cff, the one place they are written."""
    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    return ", ".join(a["name"] for a in cff["authors"]), str(cff["date-released"])


def claim_reviews(v: pd.DataFrame, sources: pd.DataFrame, article: pd.DataFrame, reviewer: str, reviewed_on: str,
                  page_url: str) -> list[dict]:
    """One schema.org ClaimReview per verdict of `v` (the frame the chapter shows, `shown`), in its order.

    The claim reviewed is the claim as the report restates it; the item reviewed is the article's claim, with the
    verbatim passage as its text and the article as its appearance. The rating's words (`alternateName`) are
    those of the rubric; its explanation is the verdict's reason. `reviewer` and `reviewed_on` (ISO date) name
    the report and its release; `url` is the verdict's own address, `page_url` and its anchor.
    """
    a = article.iloc[0]
    author = {"@type": "Person", "name": a["author"]}
    appearance = {"@type": "CreativeWork", "url": a["url"], "headline": a["headline"], "author": author,
                  "datePublished": a["published"], "publisher": {"@type": "Organization", "name": a["outlet"]}}
    url_of = dict(zip(sources["id"], sources["url"]))
    reviews = []
    for _, row in v.iterrows():
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"{page_url}#{anchor(row['claim_id'])}",
            "claimReviewed": row["claim"],
            "itemReviewed": {"@type": "Claim", "text": row["passage"], "author": author,
                             "datePublished": a["published"], "appearance": appearance},
            "reviewRating": {"@type": "Rating", "alternateName": RATINGS[row["verdict"]],
                             "ratingExplanation": row["reason"]},
            "author": {"@type": "Organization", "name": reviewer},
            "datePublished": reviewed_on,
        }
        citations = [url_of[s] for s in row["cited"] if not pd.isna(url_of.get(s))]
        if citations:
            review["citation"] = citations
        reviews.append(review)
    return reviews


def script_element(obj) -> str:
    """`obj` as a <script type="application/ld+json"> element whose text no data can break out of."""
    return f'<script type="application/ld+json">{script_json(obj)}</script>'


def claim_review_elements(v: pd.DataFrame, sources: pd.DataFrame, article: pd.DataFrame, root=ROOT) -> str:
    """The records page's ClaimReview markup: one <script> element per verdict of `v` (`shown`), one per line,
    reviewed by the report's authors on its release date, each pointing at its verdict on the published page."""
    reviewer, released = reviewer_and_date(root)
    reviews = claim_reviews(v, sources, article, reviewer, released, page_address(root))
    return "\n".join(script_element(r) for r in reviews)


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


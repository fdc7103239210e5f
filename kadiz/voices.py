"""The voices chapter's measures: who the article quotes, where each stands on coordination, who is unnamed."""

from __future__ import annotations

import pandas as pd

from kadiz import words
from kadiz.words import MODE, STANCE, STANCE_ORDER

STANCES = STANCE_ORDER  # coordinated, uncertain, not coordinated, then no stance
STANCES_ON_COORDINATION = STANCES[:3]  # the stances that say something about coordination
UNNAMED_MARK = " (unnamed)"  # how a speaker the article does not name is shown: by role, then this
NO_REASON = "none given in the article"


def speaker_name(speaker) -> str:
    """The speaker as the report names them: the printed name, or the role marked as unnamed."""
    if not pd.isna(speaker["name"]):
        return speaker["name"]
    return f"{speaker['role']}{UNNAMED_MARK}"


def _names(speakers: pd.DataFrame) -> dict[str, str]:
    return {s["id"]: speaker_name(s) for _, s in speakers.iterrows()}


def speaker_table(speakers: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """Who is quoted: name (or unnamed role), role and affiliation, the article's description, statements."""
    statements = quotes["speaker_id"].value_counts()
    role_and_affiliation = [
        "; ".join(part for part in (s["role"], s["affiliation"]) if not pd.isna(part)) for _, s in speakers.iterrows()
    ]
    table = pd.DataFrame({
        "Speaker": [speaker_name(s) for _, s in speakers.iterrows()],
        "Role; affiliation": role_and_affiliation,
        "Described as": speakers["description"],
        "Country": [words.countries(c) or "not given" for c in speakers["country"]],
        "Statements": speakers["id"].map(statements).fillna(0).astype(int),
    })
    return table.sort_values(["Statements", "Speaker"], ascending=[False, True], kind="stable").reset_index(drop=True)


def stance_counts(quotes: pd.DataFrame, speakers: pd.DataFrame) -> pd.DataFrame:
    """Statements per speaker and stance (one column per stance, every stance present, zeros included)."""
    table = pd.crosstab(quotes["speaker_id"].map(_names(speakers)), quotes["stance"])
    table = table.reindex(columns=STANCES, fill_value=0)
    table.index.name, table.columns.name = "speaker", None
    return table.sort_values(STANCES, ascending=False)


def statement_counts(quotes: pd.DataFrame, speakers: pd.DataFrame) -> dict:
    """How many speakers (named, unnamed) and statements (direct, paraphrase, per stance) the article has."""
    stances = quotes["stance"].value_counts()
    modes = quotes["mode"].value_counts()
    return {
        "n-speakers": len(speakers),
        "n-named": int((~speakers["anonymous"]).sum()),
        "n-unnamed": int(speakers["anonymous"].sum()),
        "n-statements": len(quotes),
        "n-direct": int(modes.get("direct", 0)),
        "n-paraphrase": int(modes.get("paraphrase", 0)),
        **{f"n-{stance}": int(stances.get(stance, 0)) for stance in STANCES},
        "n-about": int(quotes["stance"].isin(STANCES_ON_COORDINATION).sum()),
    }


def most_quoted(speakers: pd.DataFrame, quotes: pd.DataFrame) -> dict:
    """The speaker with the most statements (the first in speaker_table's order) and how many."""
    top = speaker_table(speakers, quotes).iloc[0]
    return {"top-speaker": top["Speaker"], "top-statements": int(top["Statements"])}


def who_says_what(quotes: pd.DataFrame, speakers: pd.DataFrame) -> dict:
    """The speakers, in words, with at least one statement of each stance on coordination; and those whose every
    statement on coordination is uncertain."""
    counts = stance_counts(quotes, speakers)
    saying_coordinated = counts.index[counts["coordinated"] > 0]
    on_coordination = counts[STANCES_ON_COORDINATION]
    only_uncertain = on_coordination.index[(on_coordination["uncertain"] > 0)
                                           & (on_coordination.sum(axis=1) == on_coordination["uncertain"])]
    return {
        "coordinated-speakers": words.listed(saying_coordinated),
        "n-coordinated-speakers": len(saying_coordinated),
        "not-coordinated-speakers": words.listed(counts.index[counts["not-coordinated"] > 0]),
        "uncertain-speakers": words.listed(counts.index[counts["uncertain"] > 0]),
        "only-uncertain-speakers": words.listed(only_uncertain),
    }


def quote_table(quotes: pd.DataFrame, speakers: pd.DataFrame, takes_stance: bool | None = None) -> pd.DataFrame:
    """Statements in article order, verbatim, numbered through the whole article, with speaker, mode and stance.

    `takes_stance` keeps only the statements that take a stance on coordination (True) or only those that do not
    (False); the numbers stay those of the whole article, so both tables point at the same statement numbers.
    """
    table = pd.DataFrame({
        "No.": range(1, len(quotes) + 1),
        "Speaker": quotes["speaker_id"].map(_names(speakers)).to_numpy(),
        "Coded as": (quotes["mode"].map(MODE) + "; " + quotes["stance"].map(STANCE)).to_numpy(),
        "Passage (verbatim)": quotes["passage"].to_numpy(),
    })
    if takes_stance is not None:
        table = table[quotes["stance"].isin(STANCES_ON_COORDINATION).to_numpy() == takes_stance]
    return table.reset_index(drop=True)


def statement_numbers(quotes: pd.DataFrame, quote_ids) -> dict[str, int]:
    """`q-<id>`: the number quote_table gives each statement (its place in the article)."""
    number = {quote_id: n for n, quote_id in enumerate(quotes["id"], start=1)}
    return {f"q-{quote_id}": number[quote_id] for quote_id in quote_ids}


def anonymity_table(speakers: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """The unnamed sources, their statements and the reason the article gives for not naming them."""
    unnamed = speakers[speakers["anonymous"].astype(bool)]
    statements = quotes["speaker_id"].value_counts()
    return pd.DataFrame({
        "Source": [speaker_name(s) for _, s in unnamed.iterrows()],
        "Statements": unnamed["id"].map(statements).fillna(0).astype(int).to_numpy(),
        "Reason for anonymity": unnamed["anonymity_reason"].fillna(NO_REASON).to_numpy(),
    })


def anonymity_reasons(speakers: pd.DataFrame, quotes: pd.DataFrame) -> dict:
    """For how many unnamed speakers the article gives a reason, the reason, and the statements of its source.

    The chapter quotes the one reason the article gives; a second reason would need its own sentence, so it is
    an error here rather than a silently dropped fact.
    """
    given = speakers[speakers["anonymous"].astype(bool) & speakers["anonymity_reason"].notna()]
    if len(given) != 1:
        raise ValueError(f"the voices chapter tells one reason for anonymity; the data give {len(given)}")
    source = given.iloc[0]
    return {
        "n-reason-given": len(given),
        "n-reason-missing": int(speakers["anonymous"].sum()) - len(given),
        "reason": source["anonymity_reason"],
        "source-statements": int((quotes["speaker_id"] == source["id"]).sum()),
    }

"""The voices chapter's measures: who the article quotes, where each stands on coordination, who is unnamed (the
values its prose states are kadiz.voices_facts)."""

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


def anonymity_table(speakers: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """The unnamed sources, their statements and the reason the article gives for not naming them."""
    unnamed = speakers[speakers["anonymous"].astype(bool)]
    statements = quotes["speaker_id"].value_counts()
    return pd.DataFrame({
        "Source": [speaker_name(s) for _, s in unnamed.iterrows()],
        "Statements": unnamed["id"].map(statements).fillna(0).astype(int).to_numpy(),
        "Reason for anonymity": unnamed["anonymity_reason"].fillna(NO_REASON).to_numpy(),
    })

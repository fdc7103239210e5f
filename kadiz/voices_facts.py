"""The chapter "The voices" in numbers and words: everything its prose states, by name.

kadiz.voices holds the chapter's measures and tables (who is quoted, by stance, verbatim); this module picks out what
the chapter's sentences state. Each function returns {name: value} for one section of the chapter, glued there as
voices-<name>; a name says what the value is, in words (``statements-taking-a-stance``). The argument `d` is the
validated data (kadiz.data.load()).
"""

from __future__ import annotations

import pandas as pd

from kadiz import voices
from kadiz.voices import STANCES, STANCES_ON_COORDINATION, speaker_name
from kadiz.words import STANCE, counted, listed

# The statements the prose points to by number, in the order it names them.
STATEMENTS_THE_TEXT_NAMES = [
    "source-china-russia-coordinated", "source-north-korea-doubted", "chun-definite-coordination",
    "chun-notification", "chinese-unofficial-denial", "neill-happened-twice", "lankov-not-sure",
    "lankov-neither-country", "mnd-january-flypast"]
# The stance the exercise asks the reader to list in the "try it" cell, instead of the cell's own.
EXERCISE_STANCE = "not-coordinated"


def statement_counts(d) -> dict:
    """How many speakers (named, unnamed, quoted) and statements (direct, paraphrase, per stance) the article has."""
    quotes, speakers = d.quotes, d.speakers
    stances, modes = quotes["stance"].value_counts(), quotes["mode"].value_counts()
    return {
        "speakers": len(speakers),
        "speakers-named": int((~speakers["anonymous"]).sum()),
        "speakers-unnamed": int(speakers["anonymous"].sum()),
        "speakers-quoted": int(speakers["id"].isin(quotes["speaker_id"]).sum()),
        "statements": len(quotes),
        "direct-quotes": int(modes.get("direct", 0)),
        "paraphrases": int(modes.get("paraphrase", 0)),
        **{f"statements-{stance}": int(stances.get(stance, 0)) for stance in STANCES_ON_COORDINATION},
        "statements-taking-a-stance": int(quotes["stance"].isin(STANCES_ON_COORDINATION).sum()),
        "statements-taking-no-stance": int((~quotes["stance"].isin(STANCES_ON_COORDINATION)).sum()),
    }


def speaker_without_a_statement(d) -> dict:
    """The speaker the article lists but gives no statement of its own: its name and how the article describes it.

    The chapter tells of one such speaker; another would need its own sentence, so it is an error here rather than
    a silently dropped fact.
    """
    silent = d.speakers[~d.speakers["id"].isin(d.quotes["speaker_id"])]
    if len(silent) != 1:
        raise ValueError(f"the voices chapter tells of one speaker without a statement; the data give {len(silent)}")
    speaker = silent.iloc[0]
    return {"speaker-without-a-statement": speaker_name(speaker),
            "speaker-without-a-statement-described-as": speaker["description"]}


def most_quoted(d) -> dict:
    """The speaker with the most statements (the first in kadiz.voices.speaker_table's order) and how many."""
    top = voices.speaker_table(d.speakers, d.quotes).iloc[0]
    return {"most-quoted-speaker": top["Speaker"], "most-quoted-speaker-statements": int(top["Statements"])}


def who_says_what(d) -> dict:
    """The speakers, in words, with at least one statement of each stance on coordination; and those whose every
    statement on coordination is uncertain."""
    counts = voices.stance_counts(d.quotes, d.speakers)
    on_coordination = counts[STANCES_ON_COORDINATION]
    only_uncertain = on_coordination.index[(on_coordination["uncertain"] > 0)
                                           & (on_coordination.sum(axis=1) == on_coordination["uncertain"])]
    return {
        **{f"speakers-saying-{stance}": listed(counts.index[counts[stance] > 0])
           for stance in STANCES_ON_COORDINATION},
        "speakers-only-uncertain": listed(only_uncertain),
    }


def statement_numbers(d, quote_ids=STATEMENTS_THE_TEXT_NAMES) -> dict[str, int]:
    """`statement-<id>`: the number kadiz.voices.quote_table gives each statement (its place in the article)."""
    number = {quote_id: n for n, quote_id in enumerate(d.quotes["id"], start=1)}
    return {f"statement-{quote_id}": number[quote_id] for quote_id in quote_ids}


def anonymity(d) -> dict:
    """For how many unnamed speakers the article gives a reason, the reason, and the statements of its source.

    The chapter quotes the one reason the article gives; a second reason would need its own sentence, so it is an
    error here rather than a silently dropped fact.
    """
    speakers, quotes = d.speakers, d.quotes
    given = speakers[speakers["anonymous"].astype(bool) & speakers["anonymity_reason"].notna()]
    if len(given) != 1:
        raise ValueError(f"the voices chapter tells one reason for anonymity; the data give {len(given)}")
    source = given.iloc[0]
    return {
        "unnamed-with-a-reason": len(given),
        "unnamed-without-a-reason": int(speakers["anonymous"].sum()) - len(given),
        "reason-for-anonymity": source["anonymity_reason"],
        "statements-of-the-source-with-a-reason": int((quotes["speaker_id"] == source["id"]).sum()),
    }


def patrol_before_the_article(d) -> dict:
    """The joint patrol on the eve of the article and who reported it, as its sources on file say: each source's
    note names the reporting body before its colon ("China's defence ministry: ..."), the publisher follows."""
    published = pd.Timestamp(d.article["published"].iloc[0])
    starts = d.joint_air_patrols["start_ts"].dt.tz_localize(None)
    patrol = d.joint_air_patrols[starts < published].sort_values("start_ts").iloc[-1]
    sources = d.sources.set_index("id")
    reporters = [f"{sources.loc[i, 'note'].split(':')[0]} ({sources.loc[i, 'publisher']})"
                 for i in patrol["source_ids"].split(";")]
    return {"patrol-before-the-article-date": f"{patrol['start_ts']:%-d %B %Y}",
            "patrol-before-the-article-reported-by": listed(reporters)}


# ------------------------------------------------------------------------------ the "try it" cell and its exercise
def stance_statements(d, stance: str) -> pd.DataFrame:
    """The statements coded with `stance` (one of kadiz.voices.STANCES) word for word, numbered as in the whole
    article (kadiz.voices.quote_table)."""
    if stance not in STANCES:
        raise ValueError(f"stance {stance!r} is not one of {', '.join(repr(s) for s in STANCES)}")
    table = voices.quote_table(d.quotes, d.speakers)
    return table[(d.quotes["stance"] == stance).to_numpy()].reset_index(drop=True)


def stance_listing(d, stance: str) -> dict:
    """The statements of one stance: how many, their numbers through the article, and their speakers."""
    table = stance_statements(d, stance)
    return {"statements": len(table), "statement-numbers": listed([str(n) for n in table["No."]]),
            "speakers": listed(list(table["Speaker"].drop_duplicates()))}


def stance_in_words(d, stance: str) -> str:
    """What the "try it" cell says of one stance: how many statements, which numbers, by whom."""
    listing = stance_listing(d, stance)
    if not listing["statements"]:
        return f"No statement is coded “{STANCE[stance]}”."
    return (f"{counted(listing['statements'], 'statement')} coded “{STANCE[stance]}”: "
            f"no. {listing['statement-numbers']}, by {listing['speakers']}.")


def exercise(d, stance: str = EXERCISE_STANCE) -> dict:
    """The exercise's answer: the stance it asks for, and stance_listing for it."""
    return {"exercise-stance": STANCE[stance],
            **{f"exercise-{name}": value for name, value in stance_listing(d, stance).items()}}


def facts(d) -> dict:
    """Every value the chapter's prose states, by name: the sections above, one after another."""
    return {**statement_counts(d), **speaker_without_a_statement(d), **most_quoted(d), **who_says_what(d),
            **statement_numbers(d), **anonymity(d), **patrol_before_the_article(d), **exercise(d)}

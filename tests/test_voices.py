"""The voices: who is quoted, where each stands on coordination, who is unnamed and why."""

import pandas as pd
import pytest

from kadiz import voices
from kadiz.data import load


@pytest.fixture(scope="module")
def data():
    return load()


def test_speakers_and_stances(data):
    counts = voices.stance_counts(data.quotes, data.speakers)
    assert counts.to_numpy().sum() == len(data.quotes)
    assert counts.loc["Chun In-bum", "coordinated"] == 2
    anonymous = voices.anonymity_table(data.speakers, data.quotes)
    assert len(anonymous) == data.speakers["anonymous"].sum()
    # Only the military-affairs source has a stated reason; the others must say plainly that none is given.
    assert (anonymous["Reason for anonymity"] == "none given in the article").sum() == len(anonymous) - 1


def test_quote_tables_split_by_stance_keep_the_article_numbers(data):
    whole = voices.quote_table(data.quotes, data.speakers)
    taking = voices.quote_table(data.quotes, data.speakers, takes_stance=True)
    other = voices.quote_table(data.quotes, data.speakers, takes_stance=False)
    assert sorted(taking["No."].tolist() + other["No."].tolist()) == whole["No."].tolist()
    assert whole["Passage (verbatim)"].tolist() == data.quotes["passage"].tolist()
    assert not other["Coded as"].str.endswith("; coordinated").any()


def test_names_in_words():
    assert voices.in_words([]) == ""
    assert voices.in_words(["A"]) == "A"
    assert voices.in_words(["A", "B", "C"]) == "A, B and C"


# ------------------------------------------------------------------ tiny hand-made frames

SPEAKERS = pd.DataFrame({
    "id": ["chun", "lankov", "source", "spokesperson"],
    "name": ["Chun In-bum", "Andrei Lankov", None, None],
    "role": ["retired general", "professor", "source familiar with military affairs", "spokesperson"],
    "affiliation": [None, "Kookmin University", None, "defence ministry"],
    "description": ["a retired general", "a professor", "a source", "a spokesperson"],
    "country": ["KOR", "RUS", None, "KOR"],
    "anonymous": [False, False, True, True],
    "anonymity_reason": [None, None, "no clearance to speak", None],
})
QUOTES = pd.DataFrame({
    "id": ["q1", "q2", "q3", "q4", "q5", "q6"],
    "speaker_id": ["chun", "chun", "lankov", "lankov", "source", "spokesperson"],
    "mode": ["direct", "paraphrase", "direct", "direct", "paraphrase", "paraphrase"],
    "stance": ["coordinated", "uncertain", "uncertain", "not-about-it", "not-coordinated", "not-about-it"],
    "coordination_of": [None] * 6,
    "passage": ["p1", "p2", "p3", "p4", "p5", "p6"],
})


def test_counts_of_speakers_and_statements():
    counts = voices.statement_counts(QUOTES, SPEAKERS)
    assert (counts["n-speakers"], counts["n-named"], counts["n-unnamed"]) == (4, 2, 2)
    assert (counts["n-statements"], counts["n-direct"], counts["n-paraphrase"]) == (6, 3, 3)
    # q1, q2, q3, q5 take a stance; q4 and q6 do not.
    assert (counts["n-about"], counts["n-not-about-it"], counts["n-uncertain"]) == (4, 2, 2)


def test_who_says_what_and_who_only_doubts():
    said = voices.who_says_what(QUOTES, SPEAKERS)
    assert said["coordinated-speakers"] == "Chun In-bum"
    assert said["not-coordinated-speakers"] == "source familiar with military affairs (unnamed)"
    assert said["uncertain-speakers"] == "Chun In-bum and Andrei Lankov"
    # Chun is uncertain once but also says "coordinated"; only Lankov is uncertain every time he takes a stance.
    assert said["only-uncertain-speakers"] == "Andrei Lankov"


def test_most_quoted_and_numbers_through_the_article():
    assert voices.most_quoted(SPEAKERS, QUOTES) == {"top-speaker": "Andrei Lankov", "top-statements": 2}
    assert voices.statement_numbers(QUOTES, ["q5", "q1"]) == {"q-q5": 5, "q-q1": 1}


def test_the_one_reason_for_anonymity():
    reasons = voices.anonymity_reasons(SPEAKERS, QUOTES)
    assert reasons == {"n-reason-given": 1, "n-reason-missing": 1, "reason": "no clearance to speak",
                       "source-statements": 1}
    two_reasons = SPEAKERS.assign(anonymity_reason=[None, None, "no clearance", "not authorised"])
    with pytest.raises(ValueError, match="one reason"):
        voices.anonymity_reasons(two_reasons, QUOTES)

"""The chapter "The voices" in numbers and words: every count, list and number worked by hand on small made-up
tables, the "try it" cell's listing of one stance, and the chapter's facts named by the convention, adding up on the
data and read on the built page as a reader reads them."""

import re
from types import SimpleNamespace

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from kadiz import book, data
from kadiz import voices_facts as vf
from kadiz.charts import voices as voices_charts
from tests.built import SITE
from tests.test_voices import QUOTES

# Five speakers: two named, three unnamed; "chinese" is listed but has no statement of its own.
SPEAKERS = pd.DataFrame({
    "id": ["chun", "lankov", "source", "spokesperson", "chinese"],
    "name": ["Chun In-bum", "Andrei Lankov", None, None, None],
    "role": ["retired general", "professor", "source familiar with military affairs", "spokesperson",
             "unofficial Chinese channel"],
    "affiliation": [None, "Kookmin University", None, "defence ministry", None],
    "description": ["a retired general", "a professor", "a source", "a spokesperson", "“The Chinese”, as quoted"],
    "country": ["KOR", "RUS", None, "KOR", "CHN"],
    "anonymous": [False, False, True, True, True],
    "anonymity_reason": [None, None, "no clearance to speak", None, None],
})
# Six statements, numbered 1-6 in this order (tests/test_voices.py).
HAND = SimpleNamespace(quotes=QUOTES, speakers=SPEAKERS)


def test_counts_of_speakers_and_statements():
    counts = vf.statement_counts(HAND)
    # chun and lankov are named; source, spokesperson and chinese are not; chinese says nothing, so 4 are quoted.
    assert (counts["speakers"], counts["speakers-named"], counts["speakers-unnamed"], counts["speakers-quoted"]) == (
        5, 2, 3, 4)
    # Direct: q1, q3, q4; paraphrase: q2, q5, q6.
    assert (counts["statements"], counts["direct-quotes"], counts["paraphrases"]) == (6, 3, 3)
    # q1 coordinated; q2, q3 uncertain; q5 not coordinated: 4 take a stance, q4 and q6 do not.
    assert (counts["statements-coordinated"], counts["statements-uncertain"], counts["statements-not-coordinated"],
            counts["statements-taking-a-stance"], counts["statements-taking-no-stance"]) == (1, 2, 1, 4, 2)


def test_the_speaker_without_a_statement_is_named_and_described():
    assert vf.speaker_without_a_statement(HAND) == {
        "speaker-without-a-statement": "unofficial Chinese channel (unnamed)",
        "speaker-without-a-statement-described-as": "“The Chinese”, as quoted"}
    everyone_quoted = SimpleNamespace(quotes=QUOTES, speakers=SPEAKERS.iloc[:4])
    with pytest.raises(ValueError, match="one speaker without a statement"):
        vf.speaker_without_a_statement(everyone_quoted)


def test_who_says_what_and_who_only_doubts():
    said = vf.who_says_what(HAND)
    assert said["speakers-saying-coordinated"] == "Chun In-bum"
    assert said["speakers-saying-not-coordinated"] == "source familiar with military affairs (unnamed)"
    assert said["speakers-saying-uncertain"] == "Chun In-bum and Andrei Lankov"
    # Chun is uncertain once but also says "coordinated"; only Lankov is uncertain every time he takes a stance.
    assert said["speakers-only-uncertain"] == "Andrei Lankov"


def test_most_quoted_and_numbers_through_the_article():
    # Chun and Lankov have two statements each; the tie goes to the name first in alphabetical order.
    assert vf.most_quoted(HAND) == {"most-quoted-speaker": "Andrei Lankov", "most-quoted-speaker-statements": 2}
    assert vf.statement_numbers(HAND, ["q5", "q1"]) == {"statement-q5": 5, "statement-q1": 1}


def test_the_one_reason_for_anonymity():
    # Of the three unnamed, only the source has a reason; spokesperson and chinese have none.
    assert vf.anonymity(HAND) == {
        "unnamed-with-a-reason": 1, "unnamed-without-a-reason": 2, "reason-for-anonymity": "no clearance to speak",
        "statements-of-the-source-with-a-reason": 1}
    two_reasons = SimpleNamespace(quotes=QUOTES, speakers=SPEAKERS.assign(
        anonymity_reason=[None, None, "no clearance", "not authorised", None]))
    with pytest.raises(ValueError, match="one reason"):
        vf.anonymity(two_reasons)


def test_the_patrol_before_the_article_is_reported_by_the_bodies_its_sources_name():
    # The article of 25 May 2022; patrols on 19 November 2021, 24 May 2022 and 30 November 2022: the eve's is the
    # second, with two sources whose notes name the reporting body before the colon.
    patrols = pd.DataFrame({"start_ts": pd.to_datetime(["2021-11-19", "2022-05-24", "2022-11-30"]).tz_localize(
        "Asia/Seoul"), "source_ids": ["a", "b;c", "d"]})
    sources = pd.DataFrame({"id": ["a", "b", "c", "d"],
                            "publisher": ["P", "China Military Online", "dailydefense.jp", "Q"],
                            "note": ["x: y", "China's defence ministry: the fourth joint patrol. Date from the address.",
                                     "Japan's Joint Staff: six bombers", "z: w"]})
    hand = SimpleNamespace(article=pd.DataFrame({"published": ["2022-05-25"]}), joint_air_patrols=patrols,
                           sources=sources)
    assert vf.patrol_before_the_article(hand) == {
        "patrol-before-the-article-date": "24 May 2022",
        "patrol-before-the-article-reported-by":
            "China's defence ministry (China Military Online) and Japan's Joint Staff (dailydefense.jp)"}


# ------------------------------------------------------------------ the "try it" cell: one stance listed

def test_a_stance_lists_its_statements_by_their_numbers_in_the_article():
    # Uncertain: q2 (Chun) and q3 (Lankov), statements 2 and 3.
    assert vf.stance_listing(HAND, "uncertain") == {
        "statements": 2, "statement-numbers": "2 and 3", "speakers": "Chun In-bum and Andrei Lankov"}
    assert vf.stance_in_words(HAND, "uncertain") == (
        "2 statements coded “uncertain”: no. 2 and 3, by Chun In-bum and Andrei Lankov.")
    # No stance: q4 (Lankov) and q6 (spokesperson), kept with their numbers in the whole article.
    assert vf.stance_statements(HAND, "not-about-it")["No."].tolist() == [4, 6]


def test_the_exercise_answers_for_its_own_stance():
    # Not coordinated: q5 alone, by the unnamed source.
    assert vf.exercise(HAND, "not-coordinated") == {
        "exercise-stance": "not coordinated", "exercise-statements": 1, "exercise-statement-numbers": "5",
        "exercise-speakers": "source familiar with military affairs (unnamed)"}


def test_a_stance_not_in_the_codebook_is_refused_with_the_ones_that_are():
    with pytest.raises(ValueError, match="'coordinated', 'uncertain'"):
        vf.stance_listing(HAND, "yes")


def test_the_chart_of_one_stance_keeps_only_its_blocks_and_their_numbers():
    figure = voices_charts.stance_figure(QUOTES, SPEAKERS, stance="uncertain")
    # Chun and Lankov, one uncertain statement each.
    assert figure.table["Speaker"].tolist() == ["Chun In-bum", "Andrei Lankov"]
    assert figure.table["Statements"].tolist() == [1, 1]
    assert " ".join(figure.desktop.to_dict()["title"]["text"]) == "2 statements coded “uncertain”, by 2 speakers"


# ------------------------------------------------------------------ the chapter's facts on the data

@pytest.fixture(scope="module")
def facts():
    return vf.facts(data.load())


def test_the_chapters_facts_are_named_by_the_glue_key_convention(facts):
    for name in facts:
        book.check_key(f"voices-{name}")


def test_the_chapters_counts_add_up(facts):
    assert facts["statements-taking-a-stance"] + facts["statements-taking-no-stance"] == facts["statements"]
    assert facts["direct-quotes"] + facts["paraphrases"] == facts["statements"]
    assert facts["speakers-named"] + facts["speakers-unnamed"] == facts["speakers"]
    assert facts["speakers-quoted"] == facts["speakers"] - 1  # the one without a statement of its own


def test_the_speakers_figure_draws_the_speakers_quoted():
    d = data.load()
    assert len(voices_charts.stance_figure(d.quotes, d.speakers).table) == vf.statement_counts(d)["speakers-quoted"]


# ------------------------------------------------------------------ the built page, as a reader reads it

def _page_text() -> str:
    soup = BeautifulSoup((SITE / "chapters" / "voices.html").read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.get_text(" ").split())


def test_the_page_says_who_the_speaker_without_a_statement_is(facts):
    # The count of speakers stands beside a figure of the speakers quoted: the sentence names the one left out.
    sentence = re.search(r"The article names \d+ speakers[^.]*\.[^.]*\.", _page_text())
    assert sentence, "the page counts the speakers"
    assert facts["speaker-without-a-statement"] in sentence.group(0)


def test_the_reason_for_anonymity_reads_as_a_reason_not_as_the_source(facts):
    text = _page_text()
    assert facts["reason-for-anonymity"] in text
    assert not re.search(rf"who\W+{re.escape(facts['reason-for-anonymity'])}", text)


def test_the_patrol_of_the_eve_is_credited_to_the_bodies_on_file(facts):
    text = _page_text()
    assert "both defence ministries" not in text
    assert facts["patrol-before-the-article-reported-by"] in text

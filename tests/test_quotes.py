"""Direct quotes are the words the article prints inside quotation marks, and paraphrases are not: the mode of each
row of quotes.csv is checked against the article itself, and the count of direct quotes follows from it."""

import pytest

from kadiz import data
from kadiz.paths import ARTICLE_FILE, DATA

OPEN, CLOSE = "\u201c", "\u201d"


@pytest.fixture(scope="module")
def quotes():
    return data.load().quotes


@pytest.fixture(scope="module")
def text():
    return (DATA / ARTICLE_FILE).read_text(encoding="utf-8")


def inside_quotation_marks(passage: str, text: str) -> bool:
    """Whether the passage sits inside a pair of the article's quotation marks: the last mark before it opens."""
    start = text.find(passage)
    assert start >= 0, f"not in the article: {passage!r}"
    before = text[:start]
    return before.rfind(OPEN) > before.rfind(CLOSE)


def test_every_direct_quote_is_inside_quotation_marks_and_no_paraphrase_is(quotes, text):
    for q in quotes.itertuples():
        assert inside_quotation_marks(q.passage, text) == (q.mode == "direct"), (q.id, q.mode)


def test_the_article_has_thirteen_direct_quotes(quotes):
    # Counted by hand in the article: Chun 6 (the scary question, the bad omen, the Chinese denial, definite
    # coordination, the notification, worst-case scenarios), Lankov 3, Neill 2, Kishi 1 ("grave concern"),
    # the JCS 1 ("a serious provocative act").
    direct = quotes[quotes["mode"] == "direct"]
    assert len(direct) == 13
    assert direct["speaker_id"].value_counts().to_dict() == {"chun-in-bum": 6, "andrei-lankov": 3,
                                                             "alexander-neill": 2, "nobuo-kishi": 1,
                                                             "south-korea-jcs": 1}


def test_the_relayed_chinese_denial_is_chuns_quote(quotes):
    denial = quotes.set_index("id").loc["chinese-unofficial-denial"]
    assert (denial["speaker_id"], denial["mode"]) == ("chun-in-bum", "direct")
    # Coded as what Chun argues, not as the denial he relays and answers ("But there was definite coordination").
    assert denial["stance"] == "coordinated" and denial["coordination_of"] == "CHN;PRK"

"""The records page carries one schema.org ClaimReview per verdict (_ext/claim_review.py), readable by machines and
safe inside its <script> element whatever text the data hold."""

import json
import re
import sys
from types import SimpleNamespace

import pytest

from kadiz import data, verdicts
from kadiz.paths import ROOT

sys.path.insert(0, str(ROOT / "_ext"))
import claim_review  # noqa: E402  (a Sphinx extension, loaded from _ext as the book loads it)

BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', flags=re.S)


@pytest.fixture(scope="module")
def d():
    return data.load()


@pytest.fixture(scope="module")
def reviews():
    return [json.loads(block) for block in BLOCK.findall(claim_review.script_elements(str(ROOT), "records.html"))]


def _fake_app(baseurl=""):
    builder = SimpleNamespace(format="html", get_target_uri=lambda page: f"{page}.html")
    return SimpleNamespace(builder=builder, confdir=str(ROOT), config=SimpleNamespace(html_baseurl=baseurl))


def test_one_claim_review_per_verdict_in_order(d, reviews):
    assert len(reviews) == len(d.verdicts)
    claims = d.claims.set_index("id")["claim"]
    assert [r["claimReviewed"] for r in reviews] == list(claims[d.verdicts["claim_id"]])


def test_a_review_names_the_article_the_rating_and_the_reviewer(d, reviews):
    article = d.article.iloc[0]
    by_claim = dict(zip(d.verdicts["claim_id"], reviews))
    icbm = by_claim["may25-suspected-icbm"]
    assert icbm["@context"] == "https://schema.org" and icbm["@type"] == "ClaimReview"
    assert icbm["reviewRating"]["alternateName"] == "supported"
    assert "failed ICBM test" in icbm["reviewRating"]["ratingExplanation"]
    item = icbm["itemReviewed"]
    assert item["@type"] == "Claim" and item["text"] == "including a suspected intercontinental ballistic missile"
    assert item["appearance"] == {"@type": "CreativeWork", "url": article["url"], "headline": article["headline"],
                                  "author": {"@type": "Person", "name": "Andrew Salmon"}, "datePublished": "2022-05-25",
                                  "publisher": {"@type": "Organization", "name": "Asia Times"}}
    reviewer, released = claim_review.reviewer_and_date(str(ROOT))
    assert icbm["author"] == {"@type": "Organization", "name": reviewer} and icbm["datePublished"] == released
    assert icbm["url"] == "records.html"
    assert "https://github.com/nagix/nk-missile-tests" in icbm["citation"]
    # The rating words are the rubric's, for every verdict.
    assert [r["reviewRating"]["alternateName"] for r in reviews] == [verdicts.RATINGS[v] for v in d.verdicts["verdict"]]


def test_a_verdict_on_nothing_cites_nothing(d, reviews):
    by_claim = dict(zip(d.verdicts["claim_id"], reviews))
    assert "citation" not in by_claim["mild-interest"]
    assert by_claim["mild-interest"]["reviewRating"]["alternateName"] == "cannot be settled"


def test_text_from_the_data_cannot_leave_the_script_element():
    hostile = {"claimReviewed": "</script><script>alert(1)</script><!-- & \u2028"}
    element = verdicts.script_element(hostile)
    inner = element.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "&" not in inner and "\u2028" not in inner
    assert element.count("</script>") == 1
    assert json.loads(inner) == hostile  # escaped, not altered


def test_extension_adds_the_blocks_to_the_records_page_only(d):
    context = {"metatags": '<meta name="x">'}
    claim_review._add_claim_reviews(_fake_app(), "chapters/records", "page.html", context, None)
    assert context["metatags"].startswith('<meta name="x">')
    assert len(BLOCK.findall(context["metatags"])) == len(d.verdicts)
    other = {"metatags": ""}
    claim_review._add_claim_reviews(_fake_app(), "chapters/voices", "page.html", other, None)
    assert other["metatags"] == ""


def test_page_address_is_absolute_under_a_base_url():
    assert claim_review.page_url("chapters/records.html") == "records.html"
    assert (claim_review.page_url("chapters/records.html", "https://example.org/kadiz/")
            == "https://example.org/kadiz/chapters/records.html")


def test_built_records_page_carries_the_reviews(built_site, d):
    page = (built_site / "chapters" / "records.html").read_text(encoding="utf-8")
    head = page.split("</head>", 1)[0]
    blocks = [json.loads(b) for b in BLOCK.findall(head)]
    assert len(blocks) == len(d.verdicts)
    assert {b["@type"] for b in blocks} == {"ClaimReview"}

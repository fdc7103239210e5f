"""The records page carries one schema.org ClaimReview per verdict, glued by the chapter from the same frame of
verdicts it shows (kadiz.verdicts.shown, claim_review_elements), each pointing at its verdict's own address on the
page; readable by machines and safe inside its <script> element whatever text the data hold."""

import json
import re

import pytest

from kadiz import data, verdicts
from kadiz.paths import ROOT

BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', flags=re.S)
PAGE = "https://kadiz-report.example.org/chapters/records.html"  # html.baseurl of _config.yml and the page


@pytest.fixture(scope="module")
def d():
    return data.load()


@pytest.fixture(scope="module")
def shown(d):
    return verdicts.shown(d.claims, d.verdicts, d.records)


@pytest.fixture(scope="module")
def reviews(d, shown):
    return [json.loads(block) for block in BLOCK.findall(verdicts.claim_review_elements(shown, d.sources, d.article))]


def test_one_claim_review_per_verdict_in_order(d, reviews):
    assert len(reviews) == len(d.verdicts)
    claims = d.claims.set_index("id")["claim"]
    assert [r["claimReviewed"] for r in reviews] == list(claims[d.verdicts["claim_id"]])


def test_each_review_points_at_its_verdicts_own_address(d, reviews):
    assert verdicts.page_address() == PAGE
    assert [r["url"] for r in reviews] == [f"{PAGE}#{c}" for c in d.verdicts["claim_id"]]
    assert len({r["url"] for r in reviews}) == len(reviews)


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
    reviewer, released = verdicts.reviewer_and_date()
    assert icbm["author"] == {"@type": "Organization", "name": reviewer} and icbm["datePublished"] == released
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


def test_no_sphinx_extension_reads_the_data_for_the_markup():
    """The markup comes from the chapter, not from a second route from data/ to the page inside Sphinx."""
    assert not (ROOT / "_ext" / "claim_review.py").exists()
    assert "claim_review" not in (ROOT / "_config.yml").read_text(encoding="utf-8")


def test_built_records_page_carries_the_reviews_and_every_address_they_name(built_site, d):
    page = (built_site / "chapters" / "records.html").read_text(encoding="utf-8")
    blocks = [json.loads(b) for b in BLOCK.findall(page)]
    assert len(blocks) == len(d.verdicts)
    assert {b["@type"] for b in blocks} == {"ClaimReview"}
    for block in blocks:
        page_url, anchor = block["url"].split("#")
        assert page_url == PAGE and f'id="{anchor}"' in page, anchor
    # Only the records page carries them.
    assert not BLOCK.findall((built_site / "chapters" / "voices.html").read_text(encoding="utf-8"))

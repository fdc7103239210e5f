"""The coincidence chapter's statistics as a reader reads them on the site: when the primary test was declared, one
rule for null model D with its 2022 chance worked by hand, a count of p-values below 0.05 that the printed values
bear out, and the pattern that did not recur said of the joint patrols the test counts."""

import re

import pytest
from bs4 import BeautifulSoup

from kadiz import coincidence as co
from kadiz import counts, data
from kadiz import sensitivity as se
from tests.built import SITE

PAGE = SITE / "chapters" / "coincidence.html"


@pytest.fixture(scope="module")
def page():
    return BeautifulSoup(PAGE.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def text(page):
    main = page.find("main")
    for tag in main(["script", "style"]):
        tag.decompose()
    # Glued values are elements of their own: join the words as a reader sees them ("2022, the 18", not "2022 , the").
    return re.sub(r"\( ", "(", re.sub(r" ([,.;:)])", r"\1", " ".join(main.get_text(" ").split())))


def test_the_page_says_when_the_primary_test_was_declared(text):
    # Release 1.0.0 published the patrols after the article among its results; 1.1.0 named the test (CHANGELOG.md).
    assert not re.search(r"decided (first|in advance)|chosen in advance|stated first", text)
    assert re.search(r"first release \(1\.0\.0\) already showed.*?the next release \(1\.1\.0\) named this test primary",
                     text)
    # The test's patrols under every window and null model of the grid: 6 p-values, each stated against the level.
    d = data.load()
    grid = se.sensitivity_table(d, counts.launch_days(d.missiles, *co.RECORDS_PERIOD))
    ps = grid.loc[grid["scenario"] == se.PRIMARY_LABEL, "p"]
    assert len(ps) == 6 and (ps >= 0.05).all()
    assert "of the 6 p-values under every window the chapter tries" in text
    assert "none of the 6 is below 0.05" in text and f"the smallest is {ps.min():.3f}" in text


def test_null_model_d_is_one_rule_and_the_page_gives_its_2022_chance_for_the_primary_test(text):
    """The test's 2022 runs from 26 May: 220 days (6 of May, 214 of June to December). Its launch days are the CNS
    launch days from 26 May to 31 December 2022; the chance is their number over 220, not over the year's 365."""
    d = data.load()
    launches = len(counts.launch_days(d.missiles, "2022-05-26", "2022-12-31"))
    stated = f"the {launches} launch days of its 220 days from 26 May 2022, a chance of {launches / 220:.3f} a day"
    assert stated in text
    assert "that year's launch days divided by its days" not in text


def test_the_count_below_005_can_be_read_off_the_printed_table(page, text):
    table = page.find(id="tbl-coincidence-choices")
    printed = [float(p) for p in re.findall(r"p\s=\s([\d.]+)", " ".join(table.get_text(" ").split()))]
    stated = int(re.search(r"holds (\d+) p-values; (\d+) of them are below 0\.05", text).group(2))
    assert int(re.search(r"holds (\d+) p-values", text).group(1)) == len(printed)
    assert sum(p < 0.05 for p in printed) == stated


def test_the_pattern_that_did_not_recur_is_said_of_the_joint_patrols(text):
    sentences = [s for s in re.split(r"(?<=\.) ", text) if re.search(r"did not (recur|repeat)", s)]
    assert sentences
    for sentence in sentences:
        assert "joint patrols" in sentence, sentence

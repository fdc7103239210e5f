"""The codebook in data/README.md and the bibliography stay in step with the schemas and sources.csv, and the
bibliography gives a reader what they need to find each source: its address, its date, a label of its own, and
its place in a list sorted as a reader looks a name up."""

import csv
import datetime as dt
import re
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_file

from kadiz import codebook
from kadiz.paths import DATA, ROOT
from tests.built import SITE, STUDENT_SITE

ARTICLE_URL = "https://asiatimes.com/2022/05/anti-us-axis-creeping-into-view-in-asia/"


@pytest.fixture(scope="module")
def bib():
    return parse_file(str(ROOT / "references.bib")).entries


@pytest.fixture(scope="module")
def sources():
    with open(DATA / "external" / "sources.csv", encoding="utf-8", newline="") as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}


def test_readme_tables_match_the_schemas():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert codebook.embedded(readme) == codebook.render(), "run: python -m kadiz.codebook --write"


def test_readme_keeps_the_coding_rules_section():
    assert "## Coding rules" in (DATA / "README.md").read_text(encoding="utf-8")


def test_every_source_is_in_the_bibliography_at_its_address(bib, sources):
    assert bib["salmon2022axis"].fields["url"] == ARTICLE_URL
    for key, source in sources.items():
        assert key in bib, f"{key} is in sources.csv but not in references.bib"
        assert bib[key].fields["url"] == source["url"], key


def test_no_entry_points_only_to_a_home_page(bib):
    # A home page does not let a reader find the report cited: the address must name a page on the site.
    for key, entry in bib.items():
        url = entry.fields.get("url", "")
        assert urlparse(url).path.strip("/"), f"{key}: {url} is a site's home page"


def test_every_dated_source_shows_its_date(bib, sources):
    # The bibliography prints `year`; where sources.csv knows when a source was published, the year is that one
    # (a letter may follow it to tell apart two sources of one outlet and year: 2022a, 2022b).
    for key, source in sources.items():
        if source["published"]:
            assert bib[key].fields.get("year", "")[:4] == source["published"][:4], key
    undated = [key for key, source in sources.items() if not source["published"]]
    assert undated == [], f"sources without a date: {undated}"


def test_a_day_of_publication_is_printed_whole(bib, sources):
    # The list prints `month year`; where the day is known, `month` carries it: 2022-05-24 -> "24 May" 2022.
    for key, source in sources.items():
        if len(source["published"]) == 10:
            day = dt.date.fromisoformat(source["published"])
            assert bib[key].fields.get("month") == f"{day.day} {day:%B}", key
    assert bib["japantimes2022bombers"].fields["month"] == "24 May"


def test_distinct_sources_have_distinct_labels(bib):
    # The author-year label ("KBS World, 2022a") must point at one entry only.
    labels = {}
    for key, entry in bib.items():
        author = " ".join(str(p) for p in entry.persons.get("author", [])) or entry.fields.get("author", "")
        label = (author, entry.fields.get("year", "n.d."))
        assert label not in labels, f"{key} and {labels.get(label)} share the label {label}"
        labels[label] = key


def test_letters_tell_apart_two_sources_of_one_outlet_and_year(bib):
    """Hand-checked pair: KBS World has a March and a May 2022 report, cited as 2022a and 2022b."""
    assert bib["kbsworld2022march"].fields["year"] == "2022a"
    assert bib["kbsworld2022may"].fields["year"] == "2022b"


def _listed_labels(page) -> list[str]:
    """The labels of the Sources page, in the order a reader meets them ("Bostock, 2019", ...)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [" ".join(label.get_text().strip("[] \n").split()) for label in soup.select("main .citation .label")]


def _reading_order(label: str) -> tuple:
    # Alphabetical as a reader looks a name up: by the words, not their case; then the year with its letter.
    return label.casefold(), label


@pytest.mark.parametrize("edition", ["teacher", "student"])
def test_the_sources_are_listed_alphabetically_by_their_labels(edition):
    labels = _listed_labels({"teacher": SITE, "student": STUDENT_SITE}[edition] / "chapters" / "bibliography.html")
    assert len(labels) == len(parse_file(str(ROOT / "references.bib")).entries)
    assert labels == sorted(labels, key=_reading_order), labels[:6]


def test_the_printed_sources_are_listed_alphabetically_by_their_labels():
    tex = (ROOT / "_build" / "latex" / "kadiz-report.tex").read_text(encoding="utf-8")
    labels = [" ".join(m.split()) for m in re.findall(r"\\bibitem\[([^\]]*)\]", tex)]
    assert labels, "the PDF lists no source"
    assert labels == sorted(labels, key=_reading_order), labels[:6]

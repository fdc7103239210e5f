"""Words the reference pages put in the article's mouth are the article's own, and the cover says what the data
show about March 2022."""

import re

from kadiz import article
from kadiz.paths import ARTICLE_FILE, DATA, ROOT


def _entry(glossary: str, term: str) -> str:
    return re.search(rf"^{term}\n((?:  .*\n)+)", glossary, flags=re.M).group(1)


def test_glossary_example_of_an_anonymous_source_quotes_the_article():
    glossary = (ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8")
    quoted = re.findall(r'"([^"]+)"', " ".join(_entry(glossary, "Anonymous source").split()))
    text = (DATA / ARTICLE_FILE).read_text(encoding="utf-8")
    assert quoted, "the entry gives an example"
    for words in quoted:
        assert article.contains(words, text), words


def test_cover_does_not_claim_march_followed_the_same_order():
    cover = " ".join((ROOT / "chapters" / "index.md").read_text(encoding="utf-8").split())
    assert "same order" not in cover
    assert "separate flights" in cover and "unverified" in cover


def test_the_timeline_says_where_the_boundary_runs_only_with_a_source():
    # The boundary points on file (newdaily2013kadiz) stop short of the East Sea and the Korea Strait; a sentence
    # saying where the zone runs there, such as along the flight information region, must cite its source.
    import nbformat

    chapter = nbformat.read(ROOT / "chapters" / "timeline.ipynb", as_version=4)
    text = " ".join(" ".join(c.source.split()) for c in chapter.cells if c.cell_type == "markdown")
    sentences = re.split(r"(?<=[.:])\s+(?=[A-Z])", text)
    unsourced = [s for s in sentences if "flight information region" in s and "{cite" not in s]
    assert not unsourced, unsourced

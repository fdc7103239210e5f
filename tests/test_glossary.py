"""The glossary reads as a reader looks things up: alphabetically, each term once."""

import re

from kadiz.paths import ROOT


def _terms() -> list[str]:
    text = (ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8")
    body = text.split("```{glossary}\n", 1)[1].split("\n```", 1)[0]
    return re.findall(r"^(\S.*)$", body, re.MULTILINE)


def test_terms_are_in_alphabetical_order():
    terms = _terms()
    assert len(terms) > 10
    assert terms == sorted(terms, key=str.casefold)


def test_each_term_is_defined_once():
    terms = [t.casefold() for t in _terms()]
    assert len(terms) == len(set(terms))

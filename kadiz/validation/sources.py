"""Sources as the book cites and links them: every source has an entry in the bibliography, and every address is an
absolute http(s) URL that RFC 3986 allows.

A source id is the key the chapters cite it by (``{cite:p}`id```); without an entry in references.bib the build
stops late, in Sphinx, at a notebook line. The bibliography belongs to the book, not to the data, so it is read
from the project like the schemas. Addresses are published as links, in the JSON-LD and in the downloads: a quote
or an angle bracket in one is not an address, however well each place escapes it. The syntax check is the RFC's
own grammar (rfc3986-validator); the parts (scheme, host, port) are read by rfc3986, the parser frictionless uses.
"""

import functools
from pathlib import Path

import rfc3986
import rfc3986_validator
from pybtex.database import parse_file
from rfc3986 import validators
from rfc3986.exceptions import ValidationError

from kadiz.paths import ROOT
from kadiz.validation.problems import Problem, Table, rule

BIBLIOGRAPHY = ROOT / "references.bib"
# The tables whose ids are sources the chapters cite, and the columns that hold an address.
CITED = ("sources", "map_sources")
URL_COLUMNS = {"article": "url", "sources": "url", "map_sources": "url"}

NOT_IN_BIBLIOGRAPHY = rule("Sources", "Every source id is a key of references.bib (the chapters cite sources by it).",
                           '"{key}" has no entry in references.bib; add one with this key')
NOT_A_URL = rule("Sources", "An address is an absolute http or https URL as RFC 3986 defines it (no spaces, quotes or "
                 "angle brackets; other characters percent-encoded).",
                 '"{url}" is not an absolute http(s) address: {why}')

_PARTS = (validators.Validator().require_presence_of("scheme", "host").allow_schemes("http", "https")
          .check_validity_of("scheme", "host", "port", "path", "query", "fragment"))


@functools.cache
def bibliography_keys(path: Path = BIBLIOGRAPHY) -> frozenset[str]:
    return frozenset(parse_file(str(path), bib_format="bibtex").entries)


def url_problem(url: str) -> str | None:
    """Why `url` is not an absolute http(s) URL by RFC 3986, or None if it is one."""
    if not rfc3986_validator.validate_rfc3986(url, rule="URI"):
        return "it breaks the syntax of RFC 3986 (percent-encode spaces, quotes, angle brackets and non-ASCII letters)"
    try:
        _PARTS.validate(rfc3986.uri_reference(url))
    except ValidationError:
        return "it needs the scheme http or https, a host and a valid port"
    return None


def check_sources(tables: dict[str, Table]) -> list[Problem]:
    problems = []
    keys = bibliography_keys()
    for name in CITED:
        t = tables.get(name)
        for line, row in t.rows if t else []:
            if row.get("id") and row["id"] not in keys:
                problems.append(NOT_IN_BIBLIOGRAPHY.at(t.path, line, "id", key=row["id"]))
    for name, column in URL_COLUMNS.items():
        t = tables.get(name)
        for line, row in t.rows if t else []:
            if row.get(column) and (why := url_problem(row[column])):
                problems.append(NOT_A_URL.at(t.path, line, column, url=row[column], why=why))
    return problems

"""Publish every verdict of the records chapter as schema.org ClaimReview JSON-LD in that page's <head>.

Fact-checkers mark up their verdicts this way so that search engines and archives can read them. The verdicts come
from the validated data through the kadiz package (kadiz.verdicts.claim_reviews), one <script
type="application/ld+json"> element per verdict, written with kadiz.verdicts.script_element so that no text from the
data can end the element. The reviewer and the review date are the report's authors and release date in
CITATION.cff, the one place they are written.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import yaml

from kadiz import data as kadiz_data
from kadiz import verdicts

PAGE = "chapters/records"


def reviewer_and_date(confdir: str) -> tuple[str, str]:
    """The report's authors and release date (ISO) from CITATION.cff."""
    cff = yaml.safe_load((Path(confdir) / "CITATION.cff").read_text(encoding="utf-8"))
    return ", ".join(a["name"] for a in cff["authors"]), str(cff["date-released"])


def page_url(target_uri: str, baseurl: str = "") -> str:
    """The page's address: absolute under `html_baseurl` when the book sets one, else its file name, which JSON-LD
    resolves against the address the page was read from."""
    if baseurl:
        return baseurl.rstrip("/") + "/" + target_uri
    return posixpath.basename(target_uri)


def script_elements(confdir: str, url: str, data_dir=None) -> str:
    """The ClaimReview <script> elements for every verdict, one per line."""
    d = kadiz_data.load(data_dir) if data_dir else kadiz_data.load()
    reviewer, released = reviewer_and_date(confdir)
    reviews = verdicts.claim_reviews(d.claims, d.verdicts, d.records, d.sources, d.article, reviewer, released, url)
    return "\n".join(verdicts.script_element(r) for r in reviews) + "\n"


def _add_claim_reviews(app, pagename, templatename, context, doctree):
    if pagename != PAGE or app.builder.format != "html":
        return
    url = page_url(app.builder.get_target_uri(pagename), app.config.html_baseurl)
    context["metatags"] = context.get("metatags", "") + script_elements(app.confdir, url)


def setup(app):
    app.connect("html-page-context", _add_claim_reviews)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

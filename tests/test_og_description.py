"""The Open Graph description a shared page shows is its text cut at a character, never inside an HTML entity."""

import html
import re

import pytest
from docutils.core import publish_doctree
from sphinxext import opengraph
from sphinxext.opengraph import _description_parser

from _ext import og_description

LENGTH = 200  # sphinxext-opengraph's default, which _config.yml keeps
# A page whose text has an ampersand where the description is cut (character 195 of the text).
TEXT = "x" * 194 + " & China, Russia and North Korea, <three> \"states\" of the article."
BROKEN_ENTITY = re.compile(r"&[#\w]*\.\.\.$")


@pytest.fixture
def doctree():
    return publish_doctree(TEXT)


def test_the_description_is_the_text_cut_at_a_character(doctree):
    described = og_description.description(doctree, LENGTH)
    assert not BROKEN_ENTITY.search(described), described
    text = html.unescape(described)
    assert text.endswith("...") and len(text) == LENGTH
    assert TEXT.startswith(text.removesuffix("..."))


def test_the_build_calls_the_description_that_cuts_the_text():
    from sphinx.application import Sphinx

    og_description.setup(Sphinx.__new__(Sphinx))
    assert opengraph.get_description is og_description.description


def test_upstream_still_cuts_inside_an_entity(doctree):
    # When this fails, sphinxext-opengraph cuts the text and not its escaped form: remove _ext/og_description.py.
    assert BROKEN_ENTITY.search(_description_parser.get_description(doctree, LENGTH))

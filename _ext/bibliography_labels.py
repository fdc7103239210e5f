"""Label each entry of the list of sources as the text cites it: "Salmon, 2022", not "Sal22" or "1".

The text cites by author and year (``bibtex_reference_style: author_year``); pybtex's styles label the list
by number or by an abbreviation. The pybtex style ``author-year`` registered here is pybtex's plain style with
labels made by sphinxcontrib-bibtex's own author-year template, so a label and a citation of one source are the
same words. The Sources page asks for it with ``:style: author-year``.

The list is sorted by those labels, as a reader looks a name up ("Bostock, 2019", "Business Recorder, 2025", ...,
"Salmon, 2022"): pybtex's own order puts the people (Bostock, Salmon) before every outlet, whose braced names
sort after all letters.

pybtex looks a plugin up by reading every installed package's entry points, each time it is asked (about 25 ms):
sphinxcontrib-bibtex asks for the plain-text backend at each citation and a label is rendered as text, 180 times a
build. Registered once here, the two backends are found without that search.
"""

import functools

from pybtex.plugin import find_plugin, register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join, year

STYLE = "author-year"


@functools.cache
def _citing():
    # Made once: each new style looks its plugins up through every installed package's entry points (seconds).
    citing = AuthorYearReferenceStyle()
    return citing, join(sep=citing.author_year_sep)[citing.person.author_or_editor_or_title(full=False), year]


def label(entry) -> str:
    """An entry's label, as the text cites it: "KBS World, 2022a"."""
    citing, template = _citing()
    return template.format_data({"entry": entry, "style": citing}).render_as("text")


class AuthorYearLabels(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield label(entry)


class ByLabel(BaseSortingStyle):
    def sorting_key(self, entry):
        text = label(entry)
        return text.casefold(), text


class AuthorYearStyle(PlainStyle):
    default_label_style = STYLE
    default_sorting_style = STYLE


def setup(app):
    for backend in ("text", "plaintext"):
        register_plugin("pybtex.backends", backend, find_plugin("pybtex.backends", backend), force=True)
    register_plugin("pybtex.style.labels", STYLE, AuthorYearLabels)
    register_plugin("pybtex.style.sorting", STYLE, ByLabel)
    register_plugin("pybtex.style.formatting", STYLE, AuthorYearStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

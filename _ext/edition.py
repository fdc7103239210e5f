"""The teacher's and the student's edition of the report.

Both are built from the same sources. The teacher's edition (the default, and the published site) shows
the solutions of each chapter's questions; with KADIZ_EDITION=student, sphinx-exercise leaves them out of
every page, the search index and the PDF.

The student edition keeps the chapters' sources to itself: they hold every solution in their markdown, so the
student site copies no sources (``html_copy_source``). Both sites offer each chapter as a reader's notebook of
that edition (_ext/reader_notebooks.py) under the plain name "Notebook"; the markup source of the other pages is
of no use to a reader and is not offered.

Each edition says which it is: on the PDF's title page, on the cover through the MyST substitution
``{{ edition_note }}``, and at the top of every page of the site in a small label (the theme's own
``announcement`` option, set here for the edition being built; _static/edition.css keeps it small), so that
a page printed, shared or opened from a search result still says whether it holds the answers.
"""

import os
from pathlib import Path

EDITIONS = ("teacher", "student")
# sphinx-book-theme's entries for the page's source (a chapter's is its notebook) and for a notebook it made.
SOURCE_BUTTONS = ("download-source-button", "download-notebook-button")
TITLES = {"teacher": "Teacher's edition", "student": "Student edition"}
# The label at the top of every page of the site.
LABELS = {"teacher": "Teacher's edition, with the answers", "student": "Student edition, without the answers"}
NOTES = {
    "teacher": "This edition shows the answers; a student edition without them is built beside it "
               "(see the repository's README).",
    "student": "This edition leaves the answers out, so that students can work them out first; "
               "the teacher's edition shows them.",
}


def edition_from_environment() -> str:
    edition = os.environ.get("KADIZ_EDITION", "teacher")
    if edition not in EDITIONS:
        raise ValueError(f"KADIZ_EDITION must be one of {EDITIONS}, not {edition!r}")
    return edition


def _choose_edition(app, config):
    edition = edition_from_environment()
    student = edition == "student"
    config.hide_solutions = student
    config.html_copy_source = not student
    config.html_context = {**config.html_context, "kadiz_edition": edition}
    config.html_theme_options = {
        **config.html_theme_options,
        "announcement": f'<p class="kadiz-edition-label">{LABELS[edition]}</p>',
    }
    config.myst_substitutions = {
        **config.myst_substitutions,
        "edition_title": TITLES[edition],
        "edition_note": NOTES[edition],
    }
    # The title page reads "Version 1.0.0" and, on the next line, the edition.
    preamble = config.latex_elements.get("preamble", "")
    config.latex_elements = {
        **config.latex_elements,
        "preamble": preamble + "\n\\setreleaseinfo{\\par " + TITLES[edition] + "}\n",
    }


def _offer_notebooks(app, pagename, templatename, context, doctree) -> None:
    """The download menu: "Notebook" for a chapter (the reader's notebook of this edition), no other source."""
    chapter = context.get("page_source_suffix") == ".ipynb"
    notebook = {"type": "link", "url": f"{context['pathto']('_sources', 1)}/{pagename}.ipynb", "text": "Notebook",
                "tooltip": "Download this chapter as a Jupyter notebook", "icon": "fas fa-code",
                "label": "download-notebook-button"}
    for group in context.get("header_buttons", []):
        if group.get("label") != "download-buttons":
            continue
        # The notebook takes the place of the theme's source entry; no other source is offered.
        buttons = [notebook if b.get("label") == "download-source-button" else b for b in group["buttons"]]
        group["buttons"] = [b for b in buttons if (b is notebook and chapter) or b.get("label") not in SOURCE_BUTTONS]


def _drop_executed_notebooks(app, exception) -> None:
    """MyST-NB keeps a copy of every notebook, solutions and all, beside the student build (jupyter_execute/);
    the site's pages and images are made by then, so the copies go."""
    if exception is not None or app.config.html_copy_source:
        return
    for notebook in (Path(app.outdir).parent / "jupyter_execute").rglob("*.ipynb"):
        notebook.unlink()


def setup(app):
    app.connect("config-inited", _choose_edition)
    # sphinx-book-theme fills the download menu at priority 501.
    app.connect("html-page-context", _offer_notebooks, priority=610)
    app.connect("build-finished", _drop_executed_notebooks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

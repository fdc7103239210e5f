"""The teacher's and the student's edition of the report.

Both are built from the same sources. The teacher's edition (the default, and the published site) shows
the solutions of each chapter's questions; with KADIZ_EDITION=student, sphinx-exercise hides them.
"""

import os

EDITIONS = ("teacher", "student")


def _choose_edition(app, config):
    edition = os.environ.get("KADIZ_EDITION", "teacher")
    if edition not in EDITIONS:
        raise ValueError(f"KADIZ_EDITION must be one of {EDITIONS}, not {edition!r}")
    config.hide_solutions = edition == "student"
    config.html_context = {**config.html_context, "kadiz_edition": edition}


def setup(app):
    app.connect("config-inited", _choose_edition)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

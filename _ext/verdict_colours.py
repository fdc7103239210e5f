"""Verdict boxes in print in their rating's colour, as on the site (_static/records.css) and in Fig. 5.1.

kadiz/verdicts.py gives each verdict box a class for its rating's group (``verdict-agree``, ...); HTML styles it by
that class, but the LaTeX writer drops an admonition's classes. In the PDF each such box is wrapped in a group that
sets, for it alone, the note box's border to the group's colour (kadiz/charts/palette.py); the report's note
boxes print no title band to tint. Its rating is also the first word of its title, so it reads in black and white.
"""

from __future__ import annotations

from docutils import nodes

from kadiz.charts import palette
from kadiz.verdicts import GROUP_CLASSES

def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


def latex_setup(colour: str) -> str:
    """The LaTeX that opens a box's group: its border in the group's colour."""
    return r"\begingroup\sphinxsetup{div.note_border-TeXcolor={HTML}{%s}}" % _hex(colour)


def _colour_boxes(app, doctree, docname):
    if app.builder.format != "latex":
        return
    colour_of = {GROUP_CLASSES[group]: colour.light for group, colour in palette.RATING_GROUPS.items()}
    for box in list(doctree.findall(nodes.admonition)):
        group = next((c for c in box["classes"] if c in colour_of), None)
        if group is None:
            continue
        parent, index = box.parent, box.parent.index(box)
        parent.insert(index + 1, nodes.raw("", r"\endgroup" + "\n", format="latex"))
        parent.insert(index, nodes.raw("", latex_setup(colour_of[group]) + "\n", format="latex"))


def setup(app):
    app.connect("doctree-resolved", _colour_boxes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

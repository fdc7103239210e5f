"""In the PDF, a link to a verdict box or an exercise goes to it, as on the site.

A `{ref}` link in the PDF points at the label `<page>:<name>`, which Sphinx's LaTeX writer sets for a section, a
figure or a table. It sets none for a generic admonition (the records chapter's verdict boxes, each named by its
claim), and sphinx-exercise labels an exercise `exercise:<name>` only, for its own numbered references (its
"TODO: Check this resolves" in sphinx_exercise/nodes.py). A link to one of these boxes (the changes chapter's list of
changed verdicts, a chapter's pointer to another's exercise) printed as words that went nowhere; LaTeX says so only
in its log. Each such box now opens with a label for each of its names, as Sphinx writes one for a figure.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.writers.latex import LaTeXTranslator
from sphinx_exercise import nodes as exercise


def labelled(visit):
    """The LaTeX `visit`, after a label for each of the node's names (its ids) where the box begins."""
    def visit_with_labels(self, node):
        if node["ids"]:
            self.body.append("\n" + self.hypertarget_to(node, anchor=True))
        visit(self, node)
    return visit_with_labels


BOXES = [(nodes.admonition, LaTeXTranslator.visit_admonition, LaTeXTranslator.depart_admonition),
         (exercise.exercise_node, exercise.visit_exercise_node, exercise.depart_exercise_node),
         (exercise.exercise_enumerable_node, exercise.visit_exercise_enumerable_node,
          exercise.depart_exercise_enumerable_node)]


def setup(app):
    app.setup_extension("sphinx_exercise")  # its LaTeX visitors are the ones wrapped here
    for node, visit, depart in BOXES:
        app.add_node(node, override=True, latex=(labelled(visit), depart))
    return {"parallel_read_safe": True, "parallel_write_safe": True}

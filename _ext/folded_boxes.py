"""On the site a folded box (a verdict, a solution: an admonition of class "dropdown") is the browser's own
<details>, its title the <summary>.

sphinx-togglebutton, which Jupyter Book loads, folded the boxes with a script once the page was read: the boxes
showed open while the page loaded, a phone laid out their contents at every layout, the script's own work was the
longest task on the records page, and find-in-page could not reach a folded verdict. A <details> is folded from the
start, opens at a tap without any script, and opens to find-in-page. The PDF is untouched: the LaTeX writer prints
the admonition open, as before. The toggle script and its stylesheet, with nothing left to fold, leave every page
(_ext/light_pages.py).

The boxes look as the theme draws an admonition (_static/folded-boxes.css); a link to a box opens it
(_static/linked-box.js).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

FOLDED = "dropdown"  # the class that folds a box (kadiz.verdicts, the chapters' solutions)


class folded_box(nodes.Admonition, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """A folded box: <details>. An admonition still, for what reads the page's tree (_ext/reader_markdown.py)."""


class folded_title(nodes.title):  # noqa: N801
    """A folded box's title: <summary>, with a marker that shows whether the box is open."""


def visit_folded_box(self, node):
    self.body.append(self.starttag(node, "details", CLASS="admonition"))


def depart_folded_box(self, node):
    self.body.append("</details>\n")


def visit_folded_title(self, node):
    self.body.append(self.starttag(node, "summary", "", CLASS="admonition-title"))


def depart_folded_title(self, node):
    self.body.append('<span class="fold-marker" aria-hidden="true"></span></summary>\n')


class FoldBoxes(SphinxPostTransform):
    """Every admonition of class FOLDED, with its title, as a folded_box with a folded_title, on the site only."""

    # After sphinx-exercise has written the solutions' titles (its post-transforms, priorities 5 to 22).
    default_priority = 100
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for box in list(self.document.findall(nodes.Admonition)):
            if FOLDED not in box["classes"] or isinstance(box, folded_box) or not box.children:
                continue
            title, *contents = box.children
            if isinstance(title, nodes.title):
                title = folded_title(title.rawsource, "", *title.children, **title.attributes)
                # A summary is a control; a link in it would be a control inside a control (axe: nested-interactive).
                # A link in a title keeps its words: a solution's title names its exercise, the box just above it.
                for link in list(title.findall(nodes.reference)):
                    link.replace_self(nodes.inline(link.rawsource, "", *link.children))
            box.replace_self(folded_box(box.rawsource, title, *contents, **box.attributes))


def setup(app):
    app.add_node(folded_box, html=(visit_folded_box, depart_folded_box))
    app.add_node(folded_title, html=(visit_folded_title, depart_folded_title))
    app.add_post_transform(FoldBoxes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

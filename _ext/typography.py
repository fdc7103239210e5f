"""Names with a hyphen (Tu-95, H-6, KN-25) set whole, on the site and in the PDF.

After every other post-transform (glue, citations and exercises have put their text in place), each such name in
the page's text goes into an inline node of class ``nowrap``: HTML writes it as ``<span class="nowrap">``
(_static/typography.css: ``white-space: nowrap``), LaTeX as ``\\DUrole{nowrap}{...}``, defined here as an
``\\mbox``, which TeX never breaks. Sphinx's LaTeX writer drops the classes of inline nodes in a title, and an
admonition's title (a verdict's claim) is one: there the PDF gets the ``\\mbox`` as raw LaTeX (a name holds only
letters, digits and a hyphen, none of them special to TeX). The characters stay as written, so search finds them.
The names are those of kadiz.typography.HYPHENATED_NAME.
"""

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from kadiz.typography import HYPHENATED_NAME, NOWRAP_CLASS

# Text inside these is code, markup or already unbreakable; it is left as it is.
_VERBATIM = (nodes.literal, nodes.literal_block, nodes.raw, nodes.math, nodes.math_block, nodes.comment,
             nodes.FixedTextElement)
LATEX_NOWRAP = "\n\\newcommand{\\DUrole" + NOWRAP_CLASS + "}[1]{\\mbox{#1}}\n"


def _held(text: nodes.Text) -> bool:
    parent = text.parent
    while parent is not None:
        if isinstance(parent, _VERBATIM) or NOWRAP_CLASS in parent.get("classes", []):
            return True
        parent = parent.parent
    return False


def _in_title(node) -> bool:
    while node is not None:
        if isinstance(node, nodes.title):
            return True
        node = node.parent
    return False


class KeepNamesWhole(SphinxPostTransform):
    default_priority = 900  # after glue (5), citations (5) and the exercises' titles (20-22)

    def run(self, **kwargs) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if text.parent is None or _held(text) or not HYPHENATED_NAME.search(text.astext()):
                continue
            source, pieces, last = text.astext(), [], 0
            for match in HYPHENATED_NAME.finditer(source):
                if match.start() > last:
                    pieces.append(nodes.Text(source[last:match.start()]))
                pieces.append(self._whole(match.group(), text.parent))
                last = match.end()
            if last < len(source):
                pieces.append(nodes.Text(source[last:]))
            text.parent.replace(text, pieces)

    def _whole(self, name: str, parent) -> nodes.Node:
        if self.app.builder.format == "latex" and _in_title(parent):
            return nodes.raw("", "\\mbox{" + name + "}", format="latex")
        return nodes.inline(name, name, classes=[NOWRAP_CLASS])


def _define_latex_box(app, config) -> None:
    config.latex_elements = {**config.latex_elements,
                             "preamble": config.latex_elements.get("preamble", "") + LATEX_NOWRAP}


def setup(app):
    app.add_post_transform(KeepNamesWhole)
    app.connect("config-inited", _define_latex_box)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

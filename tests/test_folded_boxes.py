"""A folded box on the site is the browser's own <details> (_ext/folded_boxes.py): the tree the site is written from,
the HTML it becomes, and the pages as built."""

import re

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from docutils.writers.html5_polyglot import HTMLTranslator, Writer

from _ext import folded_boxes, light_pages
from tests.built import site_pages


def _box(title: str, *paragraphs: str, classes=("dropdown",), ids=("a-claim",)):
    return nodes.admonition("", nodes.title("", title), *(nodes.paragraph("", p) for p in paragraphs),
                            classes=list(classes), ids=list(ids))


def _folded(*boxes) -> nodes.document:
    document = new_document("<test>", get_default_settings(Writer))
    document.extend(boxes)
    folded_boxes.FoldBoxes(document).run()
    return document


class _Translator(HTMLTranslator):
    """docutils' own HTML writer, with the extension's two nodes as Sphinx is told to write them."""

    visit_folded_box = folded_boxes.visit_folded_box
    depart_folded_box = folded_boxes.depart_folded_box
    visit_folded_title = folded_boxes.visit_folded_title
    depart_folded_title = folded_boxes.depart_folded_title


def _html(document) -> str:
    translator = _Translator(document)
    document.walkabout(translator)
    return "".join(translator.body)


def test_a_folded_box_keeps_its_classes_address_title_and_contents_in_order():
    box = _folded(_box("Supported: a claim.", "What the records say.", "Sources."))[0]
    assert isinstance(box, folded_boxes.folded_box) and isinstance(box, nodes.Admonition)
    assert box["classes"] == ["dropdown"] and box["ids"] == ["a-claim"]
    title, *contents = box.children
    assert isinstance(title, folded_boxes.folded_title) and title.astext() == "Supported: a claim."
    assert [c.astext() for c in contents] == ["What the records say.", "Sources."]


def test_a_link_in_a_title_keeps_its_words_but_is_no_link_inside_the_summary():
    box = _box("Solution to", "The answer.")
    box[0] += nodes.reference("", " Exercise 2.1", refid="ex-2-1")
    title = _folded(box)[0][0]
    assert title.astext() == "Solution to Exercise 2.1"
    assert not list(title.findall(nodes.reference))


def test_only_a_box_of_the_folding_class_folds_and_a_box_inside_a_box_folds_too():
    inner = _box("Inner", "inside", ids=("inner",))
    outer = _box("Outer", "before", ids=("outer",))
    outer += inner
    document = _folded(outer, _box("A note", "stays open", classes=("note",), ids=("note",)))
    assert isinstance(document[0], folded_boxes.folded_box)
    assert isinstance(document[0][-1], folded_boxes.folded_box) and document[0][-1]["ids"] == ["inner"]
    assert type(document[1]) is nodes.admonition


def test_the_box_is_written_as_details_with_its_title_as_summary():
    html = _html(_folded(_box("Mixed: <b>not bold</b> & more.", "What the records say.")))
    details = re.search(r"<details [^>]*>", html).group(0)
    assert 'class="dropdown admonition"' in details and 'id="a-claim"' in details
    summary = re.search(r"<summary [^>]*>(.*?)</summary>", html, re.S)
    assert 'class="admonition-title"' in summary.group(0)
    # The title's text is written as text, whatever it holds; the marker is hidden from screen readers.
    assert summary.group(1).startswith("Mixed: &lt;b&gt;not bold&lt;/b&gt; &amp; more.")
    assert '<span class="fold-marker" aria-hidden="true"></span>' in summary.group(1)
    assert html.index("</summary>") < html.index("What the records say.") < html.index("</details>")


def test_every_folded_box_of_the_site_is_a_details_and_no_page_loads_the_toggle_script():
    pages = site_pages()
    assert pages
    boxes = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<div class="[^"]*\bdropdown\b[^"]*\badmonition\b', html), f"{page.name}: a folded <div>"
        assert not any(name in html for name in (*light_pages.TOGGLE_FILES, *light_pages.TOGGLE_SETTINGS)), page.name
        opened = re.findall(r'<details class="[^"]*\bdropdown\b[^"]*\badmonition\b[^"]*"[^>]*>\s*<summary', html)
        boxes += len(opened)
    assert boxes > 60  # a verdict for each claim on the records page, and the chapters' solutions

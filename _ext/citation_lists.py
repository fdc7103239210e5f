"""A list of sources that screen readers read as a list.

docutils 0.21 writes citations as ``<div role="list">`` whose entries have the deprecated role
``doc-biblioentry`` instead of ``listitem``, so the list has no items for a screen reader (axe-core:
``aria-required-children``, critical). The entries get role ``listitem``.

(The theme's two buttons that axe-core found misnamed are corrected by templates of their own in _templates/.)
"""

import re

# What docutils' HTML writer (visit_citation) emits for each entry of a citation list.
BIBLIOENTRY = re.compile(r'(<div class="citation"[^>]*?) role="doc-biblioentry"')


def _citations_as_list_items(app, pagename, templatename, context, doctree) -> None:
    # The body is final HTML here; the theme's translator would have to be subclassed otherwise.
    if "body" in context:
        context["body"] = BIBLIOENTRY.sub(r'\1 role="listitem"', context["body"])


def setup(app):
    app.connect("html-page-context", _citations_as_list_items)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

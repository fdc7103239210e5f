"""Fix, where they are made, the accessibility faults axe-core (tests/test_reader.py) finds in pages
that the theme and docutils write.

Two buttons of pydata-sphinx-theme 0.17 are ``label-content-name-mismatch`` (serious; WCAG 2.5.3
"label in name"):

* the search button is labelled "Search" but shows "Search Ctrl+K": it now takes its name from the
  word it shows, and the shortcut hint, hidden from assistive technology, is announced the proper
  way, through ``aria-keyshortcuts``;
* the colour-mode button is named "Color mode" but its three icons carry titles ("Light", "Dark",
  "System Settings") that Font Awesome turns into text: the icons are now decorative.

The theme's two component templates are replaced by these corrected copies, served by a template
loader placed ahead of the theme's (the templates_path mechanism, without a folder of its own).

A bibliography page is ``aria-required-children`` (critical): docutils 0.21 writes citations as
``<div role="list">`` whose entries have the deprecated role ``doc-biblioentry`` instead of
``listitem``, so the list has no items for a screen reader. The entries get role ``listitem``.
"""

import hashlib
import re
from pathlib import Path

from jinja2 import DictLoader

TEMPLATES = {
    "search-button-field.html": """\
<button class="btn search-button-field search-button__button pst-js-only" title="{{ _('Search') }}" \
aria-keyshortcuts="Control+K" data-bs-placement="bottom" data-bs-toggle="tooltip">
 <i class="fa-solid fa-magnifying-glass" aria-hidden="true"></i>
 <span class="search-button__default-text">{{ _('Search') }}</span>
 <span class="search-button__kbd-shortcut" aria-hidden="true"><kbd class="kbd-shortcut__modifier">Ctrl</kbd>+\
<kbd class="kbd-shortcut__modifier">K</kbd></span>
</button>
""",
    "theme-switcher.html": """\
<button class="btn btn-sm nav-link pst-navbar-icon theme-switch-button pst-js-only" aria-label="{{ _('Color mode') }}" \
data-bs-title="{{ _('Color mode') }}" data-bs-placement="bottom" data-bs-toggle="tooltip">
  <i class="theme-switch fa-solid fa-sun fa-lg" data-mode="light" aria-hidden="true"></i>
  <i class="theme-switch fa-solid fa-moon fa-lg" data-mode="dark" aria-hidden="true"></i>
  <i class="theme-switch fa-solid fa-circle-half-stroke fa-lg" data-mode="auto" aria-hidden="true"></i>
</button>
""",
}


def _override_templates(app) -> None:
    templates = getattr(app.builder, "templates", None)
    if templates is None or not hasattr(templates, "loaders"):
        return
    templates.loaders.insert(0, DictLoader(TEMPLATES))
    # "!name" lookups skip the user's template paths; ours counts as one of them.
    templates.templatepathlen += 1


# What docutils' HTML writer (visit_citation) emits for each entry of a citation list.
BIBLIOENTRY = re.compile(r'(<div class="citation"[^>]*?) role="doc-biblioentry"')


def _citations_as_list_items(app, pagename, templatename, context, doctree) -> None:
    # The body is final HTML here; the theme's translator would have to be subclassed otherwise.
    if "body" in context:
        context["body"] = BIBLIOENTRY.sub(r'\1 role="listitem"', context["body"])


def setup(app):
    app.connect("builder-inited", _override_templates)
    app.connect("html-page-context", _citations_as_list_items)
    # Sphinx watches template files, not this module: an env_version drawn from its text makes any
    # edit here rewrite every page instead of leaving old markup on pages that did not change.
    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return {"env_version": int(digest[:8], 16), "parallel_read_safe": True, "parallel_write_safe": True}

"""Keep every page light: it loads only the scripts, stylesheets and icons it uses.

* pydata-sphinx-theme ships ``fontawesome.js`` (1.5 MB, 540 kB compressed) so that authors can add icons as SVG by
  script. The report adds none (the theme's stylesheet draws its icons from the Font Awesome fonts) and the page
  template leaves the script out (_templates/layout.html): its files are removed from the site.
* The icon fonts hold some 1,400 icons each (the solid one 156 kB compressed, the brands one 118 kB, fetched for a
  single GitHub link) for the dozen the pages show. After the build they are cut down, with fontTools' subsetter, to
  the icons named on the site's pages and scripts (``fa-NAME`` classes) and the ones the stylesheets draw by
  themselves (admonition titles, external and GitHub links, breadcrumbs, ...).
* Jupyter Book loads sphinx-design's script and stylesheet on every page; a page that uses none of its components
  (classes ``sd-...``) goes without them.
* No script holds up the text: every script file is deferred (run in order once the page is parsed), but
  ``documentation_options.js``, which the inline lines after it fill in as they run, and those of the search page,
  whose search tools run as it is read.
* Jupyter Book always loads sphinx-thebe, even with launch buttons off. Its inline script names a CDN URL, is added
  twice (so every page throws "Identifier 'THEBE_JS_URL' has already been declared"), and the report has no live
  code to run: its scripts and stylesheet go.
* Jupyter Book always loads sphinx-togglebutton too; the report's folded boxes are <details> (folded_boxes.py), so
  its script, stylesheet and settings go.
"""

from __future__ import annotations

import re
from pathlib import Path

# Files of the icon script that the site no longer loads.
ICON_SCRIPT_FILES = ("fontawesome.js", "fontawesome.js.map", "fontawesome.js.LICENSE.txt")
ICON_FONTS = tuple(f"fa-{style}.{suffix}" for style in ("solid-900", "regular-400", "brands-400")
                   for suffix in ("woff2", "ttf"))

# `.fa-magnifying-glass:before,.fa-search:before{content:"\f002"}` (or `{--fa:"\f002"}`): the icon classes of the
# theme's stylesheet and their code point.
ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+(?::before)?,?)+)\{(?:--fa|content):"(\\[0-9a-f]+ ?|[\ue000-\uf8ff])"')
ICON_CLASS = re.compile(r"\bfa-([a-z0-9-]+)")
# Any other rule that writes a code point of the private use range, where the icons are (content: or a
# --pst-icon-* variable), as an escape or as the character itself.
PRIVATE_CODEPOINT = re.compile(r'"(\\[ef][0-9a-f]{3} ?|[\ue000-\uf8ff])"')


def _codepoint(css_string: str) -> int:
    """The code point of a one-character CSS string: an escape (backslash, hex digits) or the character."""
    return int(css_string[1:].strip(), 16) if css_string.startswith("\\") else ord(css_string)


DESIGN_FILES = ("design-tabs.js", "sphinx-design.min.css")
DESIGN_CLASS = re.compile(r'class="(?:[^"]* )?sd-')


# Inline scripts of the page (``DOCUMENTATION_OPTIONS.pagename = ...``) write into what this file defines.
RUN_AT_ONCE = "documentation_options.js"


def deferred(script):
    """A script file as one the browser runs after parsing the page; inline scripts and RUN_AT_ONCE as they are."""
    name = str(script.filename or "")
    if not name or name.endswith(RUN_AT_ONCE) or {"defer", "async"} & set(script.attributes):
        return script
    return type(script)(script.filename, priority=script.priority, **{**script.attributes, "defer": "defer"})


# sphinx-togglebutton's files and inline settings (`let toggleHintShow = ...`): the boxes fold without it
# (_ext/folded_boxes.py).
TOGGLE_FILES = ("togglebutton.js", "togglebutton.css")
TOGGLE_SETTINGS = ("toggleHintShow", "toggleHintHide", "toggleOpenOnPrint", "togglebuttonSelector")


def _is_toggle(asset) -> bool:
    body = asset.attributes.get("body", "")
    return str(asset.filename or "").endswith(TOGGLE_FILES) or any(s in body for s in TOGGLE_SETTINGS)


def _is_thebe(asset) -> bool:
    return "sphinx-thebe" in (asset.filename or "") or "THEBE_JS_URL" in asset.attributes.get("body", "")


def _without_unused_assets(app, pagename, templatename, context, doctree) -> None:
    uses_design = DESIGN_CLASS.search(context.get("body", ""))
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [f for f in context[key]
                            if not (_is_thebe(f) or _is_toggle(f)
                                    or (not uses_design and (f.filename or "").endswith(DESIGN_FILES)))]
    # The search page runs Sphinx's search tools as it is read (the theme's search.html), and they need doctools.js.
    if "script_files" in context and pagename != "search":
        context["script_files"] = [deferred(f) for f in context["script_files"]]


def icon_codepoints(css_texts: list[str], page_texts: list[str]) -> set[int]:
    """Code points of the icon font the site can show: the icon classes its pages and scripts name, and every
    private-range code point a stylesheet writes outside the icon class list."""
    names = {name for text in page_texts for name in ICON_CLASS.findall(text)}
    points = set()
    for css in css_texts:
        for selectors, point in ICON_RULE.findall(css):
            if names & set(ICON_CLASS.findall(selectors)):
                points.add(_codepoint(point))
        points.update(_codepoint(p) for p in PRIVATE_CODEPOINT.findall(ICON_RULE.sub("", css)))
    return points


def subset_font(font: Path, codepoints: set[int]) -> None:
    """Rewrite `font` in place with only `codepoints` (and the glyphs they need)."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2" if font.suffix == ".woff2" else None
    options.layout_features = ["*"]
    loaded = subset.load_font(str(font), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(loaded)
    subset.save_font(loaded, str(font), options)


def _lighten_site(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    static = out / "_static"
    for name in ICON_SCRIPT_FILES:
        (static / "scripts" / name).unlink(missing_ok=True)
    css = [p.read_text(encoding="utf-8") for p in static.rglob("*.css")]
    pages = [p.read_text(encoding="utf-8") for p in out.rglob("*.html")]
    pages += [p.read_text(encoding="utf-8") for p in static.rglob("*.js") if "vendor" not in p.parts]
    codepoints = icon_codepoints(css, pages)
    if not codepoints:
        raise RuntimeError("no icon of the site found; the theme's stylesheet has changed")
    for name in ICON_FONTS:
        font = static / "vendor" / "fontawesome" / "webfonts" / name
        if font.is_file():
            subset_font(font, codepoints)


def setup(app):
    app.connect("html-page-context", _without_unused_assets, priority=900)
    # After the other build-finished steps that write into _static.
    app.connect("build-finished", _lighten_site, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

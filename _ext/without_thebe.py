"""Keep Thebe's scripts off the pages.

Jupyter Book always loads sphinx-thebe, even with launch buttons off. Its inline script names a CDN
URL, is added twice (so every page throws "Identifier 'THEBE_JS_URL' has already been declared"),
and the report has no live code to run. The scripts, and Thebe's stylesheet, are dropped from each page's context.
"""


def _is_thebe(script) -> bool:
    return "sphinx-thebe" in (script.filename or "") or "THEBE_JS_URL" in script.attributes.get("body", "")


def _drop_thebe(app, pagename, templatename, context, doctree) -> None:
    if "script_files" in context:
        context["script_files"] = [s for s in context["script_files"] if not _is_thebe(s)]
    if "css_files" in context:
        context["css_files"] = [c for c in context["css_files"] if "sphinx-thebe" not in (c.filename or "")]


def setup(app):
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

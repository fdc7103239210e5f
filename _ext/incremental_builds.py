"""What an incremental build would otherwise miss, so that it publishes what a clean build publishes.

- The code the build itself runs, the `kadiz` package (the chart renderer that draws each figure's HTML and SVG, and
  what the extensions import) and the book's own extensions in _ext/, is an input of every page: its digest, as
  code without docstrings or comments, is a setting of the build, so a change to it makes Sphinx read and write
  every page again.
- A page is read for one output: the figures' renderer (kadiz.charts.mime) makes a site's page HTML and a PDF's an
  image. scripts/build_book.py gives the site and the PDF separate working folders, so neither reads the other's
  pages; should a folder still be used for both (a hand-run `jupyter-book build` for each), a build for the other
  output reads every page again rather than print a chart as HTML.
- Sphinx copies the book's _static/ files (stylesheets, scripts) into the site only when it writes a page: after an
  edit to a stylesheet alone it wrote nothing and left the old file in the site. When _static/ changed, the root
  page is written again, and the files are copied with it; a file taken out of _static/ is taken out of the site.
- sphinx-sitemap lists only the pages written by the current build (jdillard/sphinx-sitemap#13, open in 2.9.0):
  before it writes sitemap.xml, its queue is filled with every page, in the order a full build writes them (the
  book's pages by name, then the pages Sphinx adds, such as search). tests/test_sitemap_upstream.py fails the day
  sphinx-sitemap lists every page by itself.
"""

import ast
import functools
import hashlib
import importlib
import queue
import sys
from pathlib import Path

from sphinx_sitemap import is_excluded

RENDERER = "kadiz.charts.mime"  # myst-nb's renderer of the figures (pyproject.toml's entry point)
EXTENSIONS = Path(__file__).resolve().parent  # _ext/


# One source is read by every chapter's digest and by the build's own: it is parsed once.
@functools.cache
def code_without_docs(source: str) -> str:
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body \
                and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
                and isinstance(body[0].value.value, str):
            node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree)


def _package_code(app, config) -> None:
    importlib.import_module(RENDERER)
    h = hashlib.sha256()
    for name, module in sorted(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file and (name == "kadiz" or name.startswith("kadiz.") or Path(file).resolve().parent == EXTENSIONS):
            with open(file, encoding="utf-8") as source:
                h.update(name.encode() + b"\0" + code_without_docs(source.read()).encode())
    config.kadiz_package_code = h.hexdigest()


def _pages_read_for_another_output(app, env, added, changed, removed) -> list[str]:
    read_for = getattr(env, "kadiz_read_for", None)
    env.kadiz_read_for = app.builder.format
    return [] if read_for == app.builder.format else sorted(env.found_docs - added - changed - removed)


def _static_changed(app, env, added, changed, removed) -> list[str]:
    digest = hashlib.sha256()
    static = Path(app.srcdir) / "_static"
    names = sorted(p.relative_to(static).as_posix() for p in static.rglob("*") if p.is_file())
    for name in names:
        digest.update(name.encode() + b"\0" + hashlib.sha256((static / name).read_bytes()).digest())
    before, env.kadiz_static = getattr(env, "kadiz_static", None), digest.hexdigest()
    # A file taken out of _static/ leaves the site too: Sphinx copies files into it, and removes none.
    for gone in set(getattr(env, "kadiz_static_names", [])) - set(names):
        (Path(app.outdir) / "_static" / gone).unlink(missing_ok=True)
    env.kadiz_static_names = names
    return [app.config.root_doc] if before != env.kadiz_static else []


def _every_page_in_the_sitemap(app, exception) -> None:
    links = getattr(app.env.app, "sitemap_links", None)
    if exception is not None or links is None or app.builder.format != "html":
        return
    written = []
    while True:
        try:
            written.append(links.get_nowait())
        except queue.Empty:
            break
    suffix = app.config.html_file_suffix or ".html"
    pages = [doc + suffix for doc in sorted(app.env.found_docs)
             if not is_excluded(doc + suffix, app.config.sitemap_excludes)]
    dated = dict(written)  # a page written now keeps the date sphinx-sitemap gave it
    for link in pages:
        links.put((link, dated.get(link)))
    for entry in written:
        if entry[0] not in pages:
            links.put(entry)


def setup(app):
    app.add_config_value("kadiz_package_code", "", "env")
    app.connect("config-inited", _package_code)
    app.connect("env-get-outdated", _pages_read_for_another_output)
    app.connect("env-get-outdated", _static_changed)
    app.connect("build-finished", _every_page_in_the_sitemap, priority=499)  # sphinx-sitemap writes at 500
    return {"parallel_read_safe": True, "parallel_write_safe": True}

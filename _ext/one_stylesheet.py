"""Every page's stylesheets as one file, so that a phone on a slow line asks for its styles once.

A page linked 17 stylesheets: the theme's two (the first of which imports Sphinx's basic.css, a request that could
start only once it had arrived) and 15 that Sphinx, the extensions and the book add, most of them under 1 kB. The
browser draws nothing until it has all of them, and on a slow line each request costs a round trip. Lighthouse's
phone audit put the first paint of the rubric page about 0.45 s earlier once they came as one.

The theme's two stylesheets, then the page's others in their order, are joined into ``_static/report.css``: the
cascade is the same, each rule reaching the browser where it did before. An ``@import`` is put in place of itself,
and every relative ``url()`` is rewritten from its file's folder to ``_static/``. _templates/layout.html leaves out
the theme's own links. The file is joined when the build is over, because the theme writes its pygments.css only
then; every page then links it with its checksum, as Sphinx links any stylesheet. Every page of the report asks for
the same stylesheets; a page that asked for others would stop the build, which says so.

The joined file keeps only the rules that can match something on the site (used_rules.mjs, with PurgeCSS): the
theme's stylesheet is mostly Bootstrap's, and a phone parsed and matched some 6,000 rules to show a page that uses a
few hundred. The book's own stylesheets are kept whole (site_stylesheet). Which rules are used depends on every page
and script, so the file is made again from them all at the end of every build, one that writes no page included (the
list of stylesheets then comes from the file's headings).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import subprocess
import zlib
from pathlib import Path

BUNDLE = "report.css"
USED_RULES = Path(__file__).with_name("used_rules.mjs")
PURGECSS = Path(__file__).resolve().parent.parent / "node_modules" / "purgecss" / "package.json"  # its version
# The words PurgeCSS reads in pages and scripts: its default extractor, which used_rules.mjs keeps.
CONTENT_WORD = re.compile(r"[A-Za-z0-9_-]+")
# Linked by the theme's page template ahead of every other stylesheet (_webpack.head_pre_assets), not through Sphinx.
THEME_STYLESHEETS = ("styles/theme.css", "styles/pydata-sphinx-theme.css")

CHARSET = re.compile(r'@charset\s+"[^"]*";\s*')
SOURCE_MAP = re.compile(r"/\*#\s*sourceMappingURL=[^*]*\*/")
IMPORT = re.compile(r"@import\s+(?:url\(\s*)?([\"']?)([^\"')\s;]+)\1\s*\)?\s*([^;]*);")
# PurgeCSS leaves alone what lies between these two comments, and drops them.
KEEP_START, KEEP_END = "/* purgecss start ignore */", "/* purgecss end ignore */"
HEADING = re.compile(r"^/\* (\S+\.css) \*/$", re.MULTILINE)  # what bundle() writes above each stylesheet
URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""")
# The one stylesheet's address in a page, with or without the checksum Sphinx adds.
LINK = re.compile(rf"_static/{re.escape(BUNDLE)}(?:\?v=[0-9a-f]*)?\"")
# url() targets left as they are: inline data, other hosts, the site's root, a fragment.
NOT_RELATIVE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", re.IGNORECASE)


def _rebased(css: str, folder: str) -> str:
    """`css`, from a file in `folder` of _static/, with its relative url()s as seen from _static/ itself, each in the
    quotes it was written in (tests/test_page_weight.py reads the fonts' addresses as the theme writes them)."""
    def rebase(match: re.Match) -> str:
        quote, target = next((q, group) for q, group in zip(('"', "'", ""), match.groups()) if group is not None)
        if not target or NOT_RELATIVE.match(target):
            return match.group(0)
        return f"url({quote}{posixpath.normpath(posixpath.join(folder, target))}{quote})"
    return URL.sub(rebase, css)


def _inlined(static: Path, name: str, seen: tuple[str, ...] = ()) -> str:
    """The stylesheet `name` of `static`, its imports put in their place and its url()s rebased to `static`."""
    if name in seen:
        raise ValueError(f"{static / name}: imports itself through {' -> '.join(seen)}")
    folder = posixpath.dirname(name)
    css = SOURCE_MAP.sub("", CHARSET.sub("", (static / name).read_text(encoding="utf-8")))
    parts, end = [], 0
    for match in IMPORT.finditer(css):
        target, media = match.group(2), match.group(3).strip()
        if media or NOT_RELATIVE.match(target):
            raise ValueError(f"{static / name}: cannot put {match.group(0)!r} in place (a media query or another "
                             "host); load that stylesheet by itself")
        parts += [_rebased(css[end:match.start()], folder),
                  _inlined(static, posixpath.normpath(posixpath.join(folder, target)), (*seen, name))]
        end = match.end()
    return "".join([*parts, _rebased(css[end:], folder)])


def bundle(static: Path, names: list[str], whole: frozenset[str] = frozenset()) -> str:
    """The stylesheets `names` (paths under `static`) as one, in their order, each under a comment naming it; those
    in `whole` marked for PurgeCSS to keep whole (used_rules)."""
    def part(name: str) -> str:
        css = _inlined(static, name).strip()
        return f"{KEEP_START}\n{css}\n{KEEP_END}" if name in whole else css
    return "\n".join(f"/* {name} */\n{part(name)}\n" for name in names)


def bundled_names(path: Path) -> list[str]:
    """The stylesheets the one stylesheet at `path` was joined from, in their order (none if there is no file)."""
    return HEADING.findall(path.read_text(encoding="utf-8")) if path.is_file() else []


def book_stylesheets(srcdir) -> frozenset[str]:
    """The book's own stylesheets: the names of the .css files in the sources' _static/."""
    return frozenset(path.name for path in (Path(srcdir) / "_static").glob("*.css"))


def site_texts(site: Path) -> dict[Path, str]:
    """The site's pages and scripts, which used_rules.mjs reads too (or fewer of them), each read once."""
    return {path: path.read_text(encoding="utf-8", errors="strict" if path.suffix == ".html" else "replace")
            for path in (*site.rglob("*.html"), *(site / "_static").rglob("*.js"))}


def site_stylesheet(site: Path, names: list[str], book: frozenset[str], texts: dict[Path, str] | None = None) -> str:
    """The site's one stylesheet: the stylesheets `names` of the site's _static/ joined, without the rules that can
    match nothing in its pages and scripts, but for the book's own stylesheets (`book`), kept whole. They are written
    for the report's pages, and some of their rules are for what a page holds only when the data calls for it (a
    word too long for any screen, kadiz.typography).

    The file opens with the digest of what its rules depend on (used_rules_key); a build whose digest is the same
    keeps the file as it is, without running PurgeCSS (about a second an edition). `texts` are the site's pages and
    scripts (site_texts), when the caller has read them already."""
    joined = bundle(site / "_static", names, book)
    texts = site_texts(site) if texts is None else texts
    heading = f"/* used rules {used_rules_key(joined, texts.values())} */\n"
    made = site / "_static" / BUNDLE
    previous = made.read_text(encoding="utf-8") if made.is_file() else ""
    return previous if previous.startswith(heading) else heading + used_rules(joined, site)


def used_rules_key(css: str, texts) -> str:
    """A digest of what the used rules of `css` depend on: `css`, the purge's settings and PurgeCSS's version, and
    which words of the stylesheet the site's pages and scripts (`texts`) hold. PurgeCSS reads the words of those
    files (CONTENT_WORD) and keeps a selector by whether its names are among them, and every such name is a word of
    the stylesheet; so a typo in a chapter's prose leaves the digest as it was."""
    css_words = set(CONTENT_WORD.findall(css))
    held = set()
    for text in texts:
        held.update(css_words.intersection(CONTENT_WORD.findall(text)))
    digest = hashlib.sha256()
    for part in (css, USED_RULES.read_text(encoding="utf-8"), PURGECSS.read_text(encoding="utf-8"), *sorted(held)):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def used_rules(css: str, site: Path) -> str:
    """`css` without the rules that can match nothing in the pages and scripts of `site` (PurgeCSS, USED_RULES)."""
    done = subprocess.run(["node", str(USED_RULES), str(site)], input=css, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{USED_RULES.name} failed on the site's stylesheet:\n{done.stderr}")
    return done.stdout


def _local_name(css) -> str | None:
    """The path under _static/ of a stylesheet Sphinx links for every media, or None for any other."""
    filename = str(css.filename or "")
    media = css.attributes.get("media", "all")
    if not filename.startswith("_static/") or media != "all" or set(css.attributes) - {"rel", "type", "media"}:
        return None
    return filename.removeprefix("_static/")


def _one_stylesheet(app, pagename, templatename, context, doctree) -> None:
    if "css_files" not in context:
        return
    css_files = context["css_files"]
    own = [css for css in css_files if _local_name(css) is not None]  # pygments.css at least, on every page
    names = [*THEME_STYLESHEETS, *(_local_name(css) for css in own)]
    listed = getattr(app.builder, "kadiz_stylesheets", None)
    if listed is None:
        app.builder.kadiz_stylesheets = listed = names
    elif names != listed:
        raise RuntimeError(f"page {pagename} asks for the stylesheets {names}, the other pages for {listed}: "
                           f"_ext/one_stylesheet.py joins one list into {BUNDLE}")
    first = own[0]
    joined = type(first)(f"_static/{BUNDLE}", priority=first.priority, rel="stylesheet", type="text/css")
    context["css_files"] = [joined if css is first else css for css in css_files if css is first or css not in own]
    context["bundled_stylesheets"] = THEME_STYLESHEETS


def _write_bundle(app, exception) -> None:
    """Join the stylesheets once the build is over: the theme writes its final pygments.css only then. Every page
    of the site, written by this build or an earlier one, then links the file with its checksum, as Sphinx would."""
    out = Path(app.outdir)
    names = getattr(app.builder, "kadiz_stylesheets", None) or bundled_names(out / "_static" / BUNDLE)
    if exception is not None or not names:
        return
    texts = site_texts(out)  # the digest of the used rules and the links below read them
    data = site_stylesheet(out, names, book_stylesheets(app.srcdir), texts).encode("utf-8")
    (out / "_static" / BUNDLE).write_bytes(data)
    linked = f"_static/{BUNDLE}?v={zlib.crc32(data):08x}\""
    for page, html in texts.items():
        if page.suffix != ".html":
            continue
        updated = LINK.sub(linked, html)
        if updated != html:
            page.write_text(updated, encoding="utf-8")


def setup(app):
    # After light_pages (900), which takes out the stylesheets a page does not use.
    app.connect("html-page-context", _one_stylesheet, priority=950)
    # After the theme's own build-finished steps (500), which write pygments.css, and after light_pages (900) has
    # taken out the icon script, whose 1,400 icon names would otherwise all count as used.
    app.connect("build-finished", _write_bundle, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": False}

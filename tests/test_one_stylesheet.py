"""A page asks for its styles once (_ext/one_stylesheet.py): the theme's and the book's stylesheets as one file, in
their order, with imports put in their place and relative addresses rewritten for the file's folder, without the
rules nothing on the site can use (tests/test_used_rules.py holds the pages' look to that)."""

import re
import sys
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest

from kadiz.paths import ROOT
from tests.built import SITE, site_pages

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "_ext"))
import one_stylesheet  # noqa: E402  (a module of the book's extensions, loaded from _ext as the book loads it)

STYLESHEET_LINK = re.compile(r"<link\b[^>]*\brel=\"stylesheet\"[^>]*>")


@pytest.fixture
def static(tmp_path):
    (tmp_path / "styles").mkdir()
    (tmp_path / "basic.css").write_text("div.body { background: url(file.png); }\n")
    (tmp_path / "styles" / "theme.css").write_text('@charset "UTF-8";\n@import "../basic.css";\n'
                                                   "i { src: url('../fonts/icons.woff2'); }\n"
                                                   "/*# sourceMappingURL=theme.css.map */\n")
    (tmp_path / "book.css").write_text(
        """a { background: url("data:image/svg+xml;charset=utf-8,%3Csvg xmlns='x'%3E"); }\n"""
        "b { background: url(https://example.org/x.png) url(#marker) url(/root.png); }\n")
    return tmp_path


def test_stylesheets_are_joined_in_their_order_with_imports_in_place(static):
    css = one_stylesheet.bundle(static, ["styles/theme.css", "book.css"])
    assert css.index("div.body") < css.index("i {") < css.index("a {")  # basic.css first: theme.css imports it
    assert "@import" not in css and "@charset" not in css and "sourceMappingURL" not in css


def test_relative_addresses_are_rewritten_from_their_files_folder_in_their_quotes_and_others_kept(static):
    css = one_stylesheet.bundle(static, ["styles/theme.css", "book.css"])
    assert "url(file.png)" in css  # basic.css lies in _static/ itself
    assert "url('fonts/icons.woff2')" in css  # "../fonts/" from styles/, in the quotes it was written in
    assert "url(\"data:image/svg+xml;charset=utf-8,%3Csvg xmlns='x'%3E\")" in css
    assert "url(https://example.org/x.png) url(#marker) url(/root.png)" in css


@pytest.mark.parametrize("rule", ['@import "print.css" print;', "@import url(https://example.org/a.css);"])
def test_an_import_that_cannot_be_put_in_place_stops_the_build_naming_its_file(static, rule):
    (static / "book.css").write_text(rule + "\na { color: red; }\n")
    with pytest.raises(ValueError, match=r"book\.css.*cannot put"):
        one_stylesheet.bundle(static, ["book.css"])


def test_a_stylesheet_that_imports_itself_stops_the_build(static):
    (static / "book.css").write_text('@import "book.css";\n')
    with pytest.raises(ValueError, match="imports itself"):
        one_stylesheet.bundle(static, ["book.css"])


def _stylesheet_links(page: Path) -> list[str]:
    return STYLESHEET_LINK.findall(page.read_text(encoding="utf-8").split("</head>")[0])


@pytest.mark.parametrize("page", [p.relative_to(SITE).as_posix() for p in site_pages(SITE)])
def test_every_page_asks_for_one_stylesheet_as_it_is(built_site, page):
    links = _stylesheet_links(built_site / page)
    if not links:  # the root page only redirects to the cover
        assert 'http-equiv="refresh"' in (built_site / page).read_text(encoding="utf-8").lower()
        return
    assert len(links) == 1 and f"_static/{one_stylesheet.BUNDLE}?v=" in links[0], links
    data = (built_site / "_static" / one_stylesheet.BUNDLE).read_bytes()
    assert f"?v={zlib.crc32(data):08x}" in links[0], "the page names another version of the stylesheet"


def test_the_one_stylesheet_is_joined_from_the_sites_final_stylesheets(built_site):
    # The theme rewrites its pygments.css as the build ends: joined before that, the code's colours were Sphinx's.
    static = built_site / "_static"
    bundled = (static / one_stylesheet.BUNDLE).read_text(encoding="utf-8")
    names = re.findall(r"^/\* (\S+\.css) \*/$", bundled, re.MULTILINE)
    assert names[:2] == list(one_stylesheet.THEME_STYLESHEETS) and "pygments.css" in names
    joined = one_stylesheet.bundle(static, names, one_stylesheet.book_stylesheets(ROOT))
    key = one_stylesheet.used_rules_key(joined, one_stylesheet.site_texts(built_site).values())
    heading = f"/* used rules {key} */\n"
    assert bundled == heading + one_stylesheet.used_rules(joined, built_site)


def test_each_build_makes_the_stylesheet_again_from_the_pages_and_scripts_on_disk(tmp_path):
    # Which rules the site uses depends on every page and script, not only on those a build writes: a build that
    # writes no page (no stylesheet list recorded) takes the list from the file's headings and purges again.
    static = tmp_path / "_static"
    static.mkdir()
    (static / "book.css").write_text(".used { color: red; }\n.opened { color: blue; }\n.never { color: green; }\n")
    (static / one_stylesheet.BUNDLE).write_text(one_stylesheet.bundle(static, ["book.css"]))
    page = tmp_path / "page.html"
    page.write_text(f'<link rel="stylesheet" href="_static/{one_stylesheet.BUNDLE}?v=0"/>\n<p class="used">x</p>\n')
    app = SimpleNamespace(outdir=str(tmp_path), srcdir=str(tmp_path / "source"), builder=SimpleNamespace())

    def built() -> str:
        one_stylesheet._write_bundle(app, None)
        return (static / one_stylesheet.BUNDLE).read_text(encoding="utf-8")

    css = built()
    assert ".used" in css and ".opened" not in css and ".never" not in css
    (static / "box.js").write_text('document.body.classList.add("opened");\n')  # a script adds a class as it runs
    css = built()
    assert ".used" in css and ".opened" in css and ".never" not in css
    data = (static / one_stylesheet.BUNDLE).read_bytes()
    assert f"?v={zlib.crc32(data):08x}" in page.read_text(encoding="utf-8")


def test_the_books_own_stylesheets_are_kept_whole_and_the_others_lose_what_no_page_uses(tmp_path):
    static = tmp_path / "_static"
    static.mkdir()
    (static / "theme.css").write_text(".used { color: red; }\n.unused { color: blue; }\n")
    (static / "book.css").write_text(".long-word { overflow-wrap: anywhere; }\n")  # for what the data may bring
    (tmp_path / "page.html").write_text('<p class="used">x</p>\n')
    css = one_stylesheet.site_stylesheet(tmp_path, ["theme.css", "book.css"], frozenset({"book.css"}))
    assert ".used" in css and ".unused" not in css and ".long-word" in css
    assert "purgecss" not in css and one_stylesheet.HEADING.findall(css) == ["theme.css", "book.css"]


def test_a_build_that_changes_no_word_the_stylesheet_names_keeps_its_used_rules_without_purging(tmp_path, monkeypatch):
    static = tmp_path / "_static"
    static.mkdir()
    (static / "theme.css").write_text(".used { color: red; }\n.opened { color: blue; }\n")
    page = tmp_path / "page.html"
    page.write_text('<p class="used">The article says</p>\n')

    def made(css_names=("theme.css",)) -> str:
        css = one_stylesheet.site_stylesheet(tmp_path, list(css_names), frozenset())
        (static / one_stylesheet.BUNDLE).write_text(css)
        return css

    first = made()
    assert ".used" in first and ".opened" not in first
    page.write_text('<p class="used">The articel says</p>\n')  # a typo: no word of the stylesheet
    with monkeypatch.context() as patch:
        patch.setattr(one_stylesheet, "used_rules", lambda css, site: pytest.fail("purged again after a typo"))
        assert made() == first
    page.write_text('<p class="used opened">The articel says</p>\n')  # a class the stylesheet has a rule for
    assert ".opened" in made()
    (static / "theme.css").write_text(".used { color: green; }\n")  # the stylesheet itself
    assert "green" in made()

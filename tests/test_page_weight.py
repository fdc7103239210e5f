"""Page weight as a new reader meets it: everything a page loads, with an empty cache, from a host that compresses.

A page's weight is the gzip size of its HTML and of every file it loads: scripts, stylesheets, preloads, images,
the favicon, and the icon fonts its stylesheets draw with. Budgets: a page with a chart at most 520 kB, any other
page at most 200 kB. The chart libraries load only where a chart is drawn (305 kB of the 520), and the theme's icon
script nowhere. (Chart pages were held to 500 kB until each chart carried a phone layout and its data as a table
and CSV, about 10 kB more on the heaviest pages.)
"""

from __future__ import annotations

import functools
import gzip
import random
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from tests.built import SITE, STUDENT_SITE, site_pages

CHART_PAGE_BUDGET = 520_000
TEXT_PAGE_BUDGET = 200_000
CHART_CONTAINER = 'class="kadiz-chart"'
CHART_LIBRARIES = "_static/vendor/vega-bundle.js"
ICON_SCRIPT = "fontawesome.js"
FONT_FACE = re.compile(r"@font-face\{[^}]*?font-weight:(\d+);src:url\(([^)]+\.woff2)\)")
# Which weight of Font Awesome each icon class draws with (solid 900, regular and brands 400).
ICON_STYLES = {"900": {"fa-solid", "fas"}, "400": {"fa-regular", "far", "fa-brands", "fab"}}
CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')


class _Loads(HTMLParser):
    """The addresses a page asks the browser to fetch."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "link" and a.get("href") and set((a.get("rel") or "").split()) & {"stylesheet", "preload", "icon"}:
            self.urls.append(a["href"])
        elif tag == "img" and a.get("src"):
            self.urls.append(a["src"])


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


@functools.lru_cache(maxsize=None)
def _file_gzip_size(path: Path) -> int:
    return gzip_size(path.read_bytes())


def loaded_files(page: Path) -> list[Path]:
    """The page and every local file it loads, once each. An address on another host fails the test: the site
    loads nothing from elsewhere."""
    html = page.read_text(encoding="utf-8")
    parser = _Loads()
    parser.feed(html)
    files = {page}
    for url in parser.urls:
        parsed = urlparse(url)
        assert not parsed.scheme or parsed.scheme == "file", f"{page.name} loads {url} from another host"
        if url.startswith("data:"):
            continue
        files.add((page.parent / unquote(parsed.path)).resolve())
    stylesheets = [f for f in files if f.suffix == ".css"]
    classes = {name for value in CLASS_ATTRIBUTE.findall(html) for name in value.split()}
    for weight, style in ICON_STYLES.items():
        if weight == "900" or style & classes:  # the theme's own rules draw solid icons on every page
            for css in stylesheets:
                for face_weight, font in FONT_FACE.findall(css.read_text(encoding="utf-8")):
                    if face_weight == weight:
                        files.add((css.parent / font).resolve())
    return sorted(files)


def page_weight(page: Path) -> int:
    return sum(_file_gzip_size(f) for f in loaded_files(page))


def _pages(site: Path) -> list[Path]:
    return site_pages(site) if site.is_dir() else []


PAGES = ([pytest.param(p, id=f"teacher/{p.relative_to(SITE)}") for p in _pages(SITE)]
         + [pytest.param(p, id=f"student/{p.relative_to(STUDENT_SITE)}") for p in _pages(STUDENT_SITE)])


def test_there_are_pages_to_weigh():
    assert len(_pages(SITE)) >= 10, "the site is not built: run `make book`"
    assert any(CHART_CONTAINER in p.read_text(encoding="utf-8") for p in _pages(SITE))


@pytest.mark.parametrize("page", PAGES)
def test_page_is_within_its_budget(page):
    has_chart = CHART_CONTAINER in page.read_text(encoding="utf-8")
    budget = CHART_PAGE_BUDGET if has_chart else TEXT_PAGE_BUDGET
    files = loaded_files(page)
    missing = [f for f in files if not f.is_file()]
    assert not missing, f"{page.name} loads files the site lacks: {missing}"
    weight = page_weight(page)
    assert weight <= budget, (f"{page.name} weighs {weight / 1000:.0f} kB compressed, over its {budget / 1000:.0f} kB: "
                              + ", ".join(f"{f.name} {gzip_size(f.read_bytes()) / 1000:.0f} kB" for f in files))


@pytest.mark.parametrize("page", PAGES)
def test_chart_libraries_load_only_where_a_chart_is_drawn(page):
    has_chart = CHART_CONTAINER in page.read_text(encoding="utf-8")
    loads_libraries = any(f.as_posix().endswith(CHART_LIBRARIES) for f in loaded_files(page))
    assert loads_libraries == has_chart


@pytest.mark.parametrize("page", PAGES)
def test_no_page_loads_the_icon_script(page):
    assert not [f for f in loaded_files(page) if f.name == ICON_SCRIPT]


def test_weighing_counts_each_file_once_and_ignores_query_strings(tmp_path):
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "a.js").write_bytes(b"x" * 1000)
    (tmp_path / "s" / "b.css").write_text(
        "@font-face{font-display:block;font-family:F;font-style:normal;font-weight:900;src:url(f.woff2) format()}")
    (tmp_path / "s" / "f.woff2").write_bytes(random.Random(0).randbytes(1024))
    page = tmp_path / "p.html"
    page.write_text('<link rel="preload" as="script" href="s/a.js?digest=1"><script src="s/a.js?v=2"></script>'
                    '<link rel="stylesheet" href="s/b.css"><i class="fa-solid fa-bars"></i>')
    names = sorted(f.name for f in loaded_files(page))
    assert names == ["a.js", "b.css", "f.woff2", "p.html"]
    # 1000 equal bytes compress to a few dozen; 1024 random bytes do not compress.
    assert page_weight(page) == sum(gzip_size(f.read_bytes()) for f in
                                    [page, tmp_path / "s" / "a.js", tmp_path / "s" / "b.css",
                                     tmp_path / "s" / "f.woff2"])
    assert gzip_size((tmp_path / "s" / "a.js").read_bytes()) < 100 < 1024 < gzip_size((tmp_path / "s" / "f.woff2").read_bytes())

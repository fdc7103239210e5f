"""Page weight as a new reader meets it: what the browser downloads for a page before the reader does anything,
with an empty cache, from a host that compresses.

Each page is opened in Chromium, served on loopback, and left until its network is silent (its scripts have run,
its charts drawn, its fonts loaded); every file the browser asked for counts at its gzip size, as a compressing
host sends it (formats compressed already, fonts and images, as they are). Files a page fetches only when the
reader acts (the search index when search opens) do not count. Budgets: a page with a chart at most 500 kB, any
other page at most 200 kB. The chart libraries (305 kB) load only where a chart is drawn, and the theme's icon
script nowhere.

``loaded_files`` lists what a page's HTML and stylesheets name, read without a browser: scripts/benchmark.py sorts
a page's weight by kind with it.
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

CHART_PAGE_BUDGET = 500_000
TEXT_PAGE_BUDGET = 200_000
CHART_CONTAINER = 'class="kadiz-chart"'
CHART_LIBRARIES = "_static/vendor/vega-bundle.js"
ICON_SCRIPT = "fontawesome.js"
SEARCH_INDEX = "searchindex.js"
# Formats that are compressed already: a host sends them as they are.
COMPRESSED = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2", ".pdf", ".zip", ".gz"}
FONT_FACE = re.compile(r"@font-face\{[^}]*?font-weight:(\d+);src:url\(([^)]+\.woff2)\)")
# Which weight of Font Awesome each icon class draws with (solid 900, regular and brands 400).
ICON_STYLES = {"900": {"fa-solid", "fas"}, "400": {"fa-regular", "far", "fa-brands", "fab"}}
CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


@functools.lru_cache(maxsize=None)
def sent_size(path: Path) -> int:
    """The bytes a compressing host sends for a file."""
    data = path.read_bytes()
    return len(data) if path.suffix.lower() in COMPRESSED else gzip_size(data)


def downloaded_files(browser, base_url: str, site: Path, path: str) -> list[Path]:
    """The local files the browser fetches for `path` while a reader reads it to its end (the chart library comes
    when a chart nears the screen), until its network is silent, once each; a request to another host fails the
    test (the site loads nothing from elsewhere)."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    try:
        page.goto(f"{base_url}/{path}", wait_until="networkidle")
        for chart in page.locator("div.kadiz-chart").all():
            chart.scroll_into_view_if_needed()
        page.wait_for_load_state("networkidle")
    finally:
        page.close()
    files = set()
    for url in fetched:
        parsed = urlparse(url)
        if parsed.scheme == "data":
            continue
        assert url.startswith(base_url), f"{path} loads {url} from another host"
        file = site / unquote(parsed.path).lstrip("/")
        files.add(file / "index.html" if file.is_dir() else file)
    return sorted(files)


# ------------------------------------------------------------------ what the HTML names (the benchmark's breakdown)


class _Loads(HTMLParser):
    """The addresses a page's HTML asks the browser to fetch."""

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
        elif tag == "meta" and a.get("name") == "kadiz-chart-library":
            # The chart library, which the page loads when the reader comes near a chart (_static/chart-library.js).
            self.urls.append(a["content"])


def loaded_files(page: Path) -> list[Path]:
    """The page and every local file its HTML names, and the icon fonts its icon classes draw with."""
    html = page.read_text(encoding="utf-8")
    parser = _Loads()
    parser.feed(html)
    files = {page}
    for url in parser.urls:
        if not url.startswith("data:"):
            files.add((page.parent / unquote(urlparse(url).path)).resolve())
    stylesheets = [f for f in files if f.suffix == ".css"]
    classes = {name for value in CLASS_ATTRIBUTE.findall(html) for name in value.split()}
    for weight, style in ICON_STYLES.items():
        if weight == "900" or style & classes:  # the theme's own rules draw solid icons on every page
            for css in stylesheets:
                for face_weight, font in FONT_FACE.findall(css.read_text(encoding="utf-8")):
                    if face_weight == weight:
                        files.add((css.parent / font).resolve())
    return sorted(files)


# ------------------------------------------------------------------ the checks


def _pages(site: Path) -> list[Path]:
    return site_pages(site) if site.is_dir() else []


PAGES = ([pytest.param(("teacher", p.relative_to(SITE).as_posix()), id=f"teacher/{p.relative_to(SITE)}")
          for p in _pages(SITE)]
         + [pytest.param(("student", p.relative_to(STUDENT_SITE).as_posix()), id=f"student/{p.relative_to(STUDENT_SITE)}")
            for p in _pages(STUDENT_SITE)])
SITES = {"teacher": (SITE, "site_url"), "student": (STUDENT_SITE, "student_site_url")}


@pytest.fixture
def downloads(request, browser):
    """What the browser downloads for one page of one edition, before any interaction."""
    edition, path = request.param
    site, url_fixture = SITES[edition]
    files = downloaded_files(browser, request.getfixturevalue(url_fixture), site, path)
    return site / path, files


def test_there_are_pages_to_weigh():
    assert len(_pages(SITE)) >= 10, "the site is not built: run `make book`"
    assert any(CHART_CONTAINER in p.read_text(encoding="utf-8") for p in _pages(SITE))


@pytest.mark.parametrize("downloads", PAGES, indirect=True)
def test_page_is_within_its_budget(downloads):
    page, files = downloads
    budget = CHART_PAGE_BUDGET if CHART_CONTAINER in page.read_text(encoding="utf-8") else TEXT_PAGE_BUDGET
    missing = [f for f in files if not f.is_file()]
    assert not missing, f"{page.name} loads files the site lacks: {missing}"
    weight = sum(sent_size(f) for f in files)
    heaviest = sorted(files, key=sent_size, reverse=True)[:6]
    assert weight <= budget, (f"{page.name} downloads {weight / 1000:.0f} kB compressed, over its {budget / 1000:.0f} kB; "
                              "heaviest: " + ", ".join(f"{f.name} {sent_size(f) / 1000:.0f} kB" for f in heaviest))


@pytest.mark.parametrize("downloads", PAGES, indirect=True)
def test_a_page_loads_chart_libraries_where_it_draws_and_never_the_icon_script_or_search_index(downloads):
    page, files = downloads
    names = {f.as_posix() for f in files}
    has_chart = CHART_CONTAINER in page.read_text(encoding="utf-8")
    assert any(n.endswith(CHART_LIBRARIES) for n in names) == has_chart
    assert not [n for n in names if n.endswith(ICON_SCRIPT)]
    if page.name != "search.html":
        assert not [n for n in names if n.endswith(SEARCH_INDEX)], f"{page.name} loads the search index unasked"


def test_weighing_counts_each_file_once_and_ignores_query_strings(tmp_path, browser):
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "a.js").write_bytes(b"x" * 1000)
    (tmp_path / "s" / "b.css").write_text("@font-face{font-family:F;src:url(f.woff2) format('woff2')}"
                                          "i{font-family:F}")
    (tmp_path / "s" / "f.woff2").write_bytes(random.Random(0).randbytes(1024))
    (tmp_path / "p.html").write_text(
        '<link rel="preload" as="script" href="s/a.js?digest=1"><script src="s/a.js?v=2"></script>'
        '<link rel="stylesheet" href="s/b.css"><i>icon</i><a href="elsewhere.html">not fetched</a>')
    from tests.built import serve

    with serve(tmp_path) as url:
        files = downloaded_files(browser, url, tmp_path, "p.html")
    assert sorted(f.relative_to(tmp_path).as_posix() for f in files) == ["p.html", "s/a.js", "s/b.css", "s/f.woff2"]
    # 1000 equal bytes compress to a few dozen; a font is sent as it is.
    assert sent_size(tmp_path / "s" / "a.js") < 100 < 1024 == sent_size(tmp_path / "s" / "f.woff2")


@pytest.mark.parametrize("path", ["chapters/rubric.html", "chapters/records.html"])
def test_read_without_a_browser_a_page_names_the_icon_font_it_draws_with(built_site, path):
    # scripts/benchmark.py weighs a page by kind from these files: the theme's own rules draw solid icons on every page.
    names = [f.name for f in loaded_files((built_site / path).resolve())]
    assert "fa-solid-900.woff2" in names and any(name.endswith(".css") for name in names)

"""What the published report offers around its chapters: one version everywhere, the data package, social cards,
a sitemap, a citation with its address, and a search that works when the site is served."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from kadiz.paths import ROOT
from tests.built import SITE, site_pages

sys.path.insert(0, str(ROOT / "_ext"))
import citation  # noqa: E402
import data_package  # noqa: E402

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
BASEURL = CONFIG["html"]["baseurl"]
CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
VERSION, RELEASED = citation.latest_release(ROOT)
DATA_PAGE = SITE / "chapters" / "data.html"
CONTENT_PAGES = [p for p in site_pages() if p.name not in ("search.html", "genindex.html")
                 and p.read_text(encoding="utf-8").lstrip().startswith("<!DOCTYPE")]


def _page(name: str) -> str:
    return " ".join((SITE / "chapters" / name).read_text(encoding="utf-8").split())


# ---------------------------------------------------------------- one version

def test_changelog_and_citation_file_agree_on_version_and_date():
    assert (str(CFF["version"]), str(CFF["date-released"])) == (VERSION, RELEASED.isoformat())
    assert CFF["url"] == BASEURL


def test_a_citation_file_that_disagrees_with_the_changelog_stops_the_build(tmp_path):
    (tmp_path / "CHANGELOG.md").write_text("# Changes\n\n## 1.2.0 (2026-12-01)\n\n- x. Why: y.\n\n"
                                           "## 1.1.0 (2026-11-26)\n\n- z. Why: w.\n")
    (tmp_path / "CITATION.cff").write_text('version: "1.1.0"\ndate-released: "2026-11-26"\n')
    with pytest.raises(ValueError, match="1.1.0 released 2026-11-26 differs from the newest release in "
                                         "CHANGELOG.md, 1.2.0 released 2026-12-01"):
        citation.read_citation(tmp_path)


def test_the_changes_page_lists_every_release_and_the_cover_and_citation_show_the_version():
    changes = _page("changes.html")
    releases = citation.releases((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert len(releases) >= 2 and releases[0] == (VERSION, RELEASED)
    for version, _ in releases:
        assert version in changes
    assert "Why:" in changes
    cite = _page("how-to-cite.html")
    assert f"Version {VERSION}" in cite and BASEURL in cite


# ---------------------------------------------------------------- how to cite

def test_the_citation_file_is_offered_as_a_download_not_printed():
    cite = _page("how-to-cite.html")
    assert "cff-version" not in cite and "# How to cite" not in cite
    link = re.search(r'href="([^"]*CITATION\.cff)"', cite)
    assert link, "no link to CITATION.cff"
    assert (SITE / "chapters" / link.group(1)).resolve().read_bytes() == (ROOT / "CITATION.cff").read_bytes()


# ---------------------------------------------------------------- the data package

@pytest.fixture(scope="module")
def data_zip() -> Path:
    zips = sorted((SITE / "_static" / "data").glob("*.zip"))
    assert [z.name for z in zips] == [f"kadiz-data-{VERSION}.zip"]
    return zips[0]


def test_the_data_page_gives_the_zip_its_sha256_and_the_version(data_zip):
    page = DATA_PAGE.read_text(encoding="utf-8")
    assert hashlib.sha256(data_zip.read_bytes()).hexdigest() in page
    assert f'href="../_static/data/{data_zip.name}"' in page
    assert f"report version {VERSION}" in page


def test_the_zip_is_the_data_as_the_build_makes_it_every_time(data_zip):
    again = data_package.make_package(ROOT, VERSION)
    assert again.content == data_zip.read_bytes() == data_package.make_package(ROOT, VERSION).content


def test_the_zip_holds_the_package_but_not_the_article(data_zip):
    with zipfile.ZipFile(data_zip) as archive:
        names = set(archive.namelist())
    folder = f"kadiz-data-{VERSION}/"
    for name in ("datapackage.json", "README.md", "LICENSE", "events.csv", "schemas/events.schema.json",
                 "external/nk-missile-tests/LICENSE"):
        assert folder + name in names
    assert not [n for n in names if n.startswith(folder + "source/") and n.endswith(".txt")]


def test_the_unpacked_zip_validates_once_the_article_is_saved_beside_it(data_zip, tmp_path):
    with zipfile.ZipFile(data_zip) as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / f"kadiz-data-{VERSION}"
    run = [sys.executable, "-m", "kadiz.validate", str(folder)]
    without = subprocess.run(run, capture_output=True, text=True, cwd=ROOT)
    (article,) = data_package.article_texts(ROOT / "data")
    assert without.returncode != 0 and f"{article} is missing" in without.stdout + without.stderr
    shutil.copyfile(ROOT / "data" / article, folder / article)
    with_article = subprocess.run(run, capture_output=True, text=True, cwd=ROOT)
    assert with_article.returncode == 0, with_article.stdout + with_article.stderr
    assert "valid" in with_article.stdout


def test_each_table_is_offered_on_its_own(data_zip):
    page = DATA_PAGE.read_text(encoding="utf-8")
    package = data_package.make_package(ROOT, VERSION)
    assert len(package.tables) >= 10
    for table in package.tables:
        href = f"../_static/data/{package.folder}/{table['path']}"
        assert f'href="{href}"' in page, table["path"]
        assert (DATA_PAGE.parent / href).resolve().read_bytes() == (ROOT / "data" / table["path"]).read_bytes()


# ---------------------------------------------------------------- cards and sitemap

@pytest.mark.parametrize("page", CONTENT_PAGES, ids=lambda p: p.relative_to(SITE).as_posix())
def test_every_page_has_an_open_graph_card(page):
    html = page.read_text(encoding="utf-8")
    meta = dict(re.findall(r'<meta property="(og:[a-z:]+)" content="([^"]*)"', html))
    path = page.relative_to(SITE).as_posix()
    assert meta.get("og:url") == BASEURL + path
    assert meta.get("og:title") and meta.get("og:description")
    assert meta.get("og:image") == BASEURL + "_static/card.png"
    assert (SITE / "_static" / "card.png").is_file()


def test_the_sitemap_lists_every_page_under_the_base_address():
    tree = ElementTree.parse(SITE / "sitemap.xml")
    urls = {e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    expected = {BASEURL + p.relative_to(SITE).as_posix() for p in CONTENT_PAGES}
    assert expected <= urls
    assert all(u.startswith(BASEURL) for u in urls)


# ---------------------------------------------------------------- search

@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()


def test_search_over_http_shows_snippets(page, site_url):
    page.goto(f"{site_url}/search.html?q=patrol", wait_until="networkidle")
    page.wait_for_selector("ul.search li p.context", timeout=10_000)
    snippet = page.locator("ul.search li p.context").first.inner_text()
    assert "patrol" in snippet.lower()


@pytest.mark.parametrize("width, boxes", [(1280, 1), (390, 1)])
def test_one_search_box_shows(page, site_url, width, boxes):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site_url}/chapters/glossary.html", wait_until="networkidle")
    visible = [e for e in page.query_selector_all(".search-button-field, .bd-search, .search-button")
               if e.is_visible()]
    assert len(visible) == boxes, [e.evaluate("e => e.outerHTML.slice(0, 120)") for e in visible]

"""Whether the book still needs its sitemap workaround (_ext/incremental_builds.py, `_every_page_in_the_sitemap`).

sphinx-sitemap lists in sitemap.xml only the pages the current Sphinx run wrote (jdillard/sphinx-sitemap#13), so
an incremental build of the book would publish a sitemap of the one page that changed. This test builds a
three-page project with sphinx-sitemap alone, edits one page and builds again: while the second sitemap leaves out
the page that was not edited, the workaround is needed; the day it lists it, the test fails and says to remove it.
"""

import subprocess
import sys
import xml.etree.ElementTree as ET

PAGES = {"index": "Home\n====\n\n.. toctree::\n\n   first\n   second\n", "first": "First\n=====\n\nOne.\n",
         "second": "Second\n======\n\nTwo.\n"}
CONF = ('extensions = ["sphinx_sitemap"]\nhtml_baseurl = "https://example.org/"\nsitemap_url_scheme = "{link}"\n'
        'html_theme = "basic"\n')


def _sitemap(source, out) -> set[str]:
    done = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(source), str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    tree = ET.parse(out / "sitemap.xml")
    return {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}


def test_sphinx_sitemap_still_lists_only_the_pages_a_build_wrote(tmp_path):
    source, out = tmp_path / "source", tmp_path / "out"
    source.mkdir()
    (source / "conf.py").write_text(CONF)
    for name, text in PAGES.items():
        (source / f"{name}.rst").write_text(text)
    every_page = {f"https://example.org/{name}.html" for name in PAGES}
    assert every_page <= _sitemap(source, out)  # a build from nothing lists them all

    (source / "first.rst").write_text(PAGES["first"].replace("One.", "One, edited."))
    after_edit = _sitemap(source, out)
    assert "https://example.org/first.html" in after_edit
    assert "https://example.org/second.html" not in after_edit, (
        "sphinx-sitemap now lists every page after an incremental build (jdillard/sphinx-sitemap#13 is fixed): "
        "remove _every_page_in_the_sitemap from _ext/incremental_builds.py")

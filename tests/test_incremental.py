"""An incremental build publishes what a clean build of the same sources publishes; an interrupted one publishes
nothing new and leaves the last site whole, with its PDF.

In a temporary copy of the repository (sharing this tree's environment): `make book` from nothing; then a speaker's
role edited in data/speakers.csv (the voices chapter shows it in its tables and chart labels, so its glue and
figure change) and a stylesheet taken out of _static/, and `make book`; then a one-word typo in a chapter's prose
and `make book`, which reads that page alone again. A second copy of the edited sources is built from nothing, and both editions are compared: every
page's HTML, the sitemap, and the text of both PDFs (pdftotext).
One thing is normalised: the `?v=<checksum>` Sphinx appends to a stylesheet or script link when that file is
already in the output folder as the page is written. A clean build writes its pages before it copies the static
files, so its links carry none; an incremental build finds them from the last build. The browser loads the same
file either way. Any other difference is a page the incremental build left stale.

Slow (four builds of both editions and their PDFs): run by `make test-incremental` (and CI), not `make test`.
"""

import os
import re
import signal
import subprocess
import time

import pytest

from tests import pdf_words
from tests.built import site_pages
from tests.tree_copy import check_set_up, clean_environment, copy_sources, copy_tree, edit_data_row, edit_prose

pytestmark = [pytest.mark.incremental, pytest.mark.xdist_group(name="module:test_incremental")]
TIMEOUT = 1800
EDITIONS = {"teacher": "_build", "student": "_build/student/_build"}
PAGES = 14  # in _toc.yml
ASSET_CHECKSUM = re.compile(r'(\.(?:css|js))\?v=[0-9a-f]{8}(?=")')


def _make_book(tree):
    run = subprocess.run(["make", "book"], cwd=tree, capture_output=True, text=True, timeout=TIMEOUT,
                         env=clean_environment())
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return run


# A stylesheet the first build publishes and the data edit's build no longer has (a file taken out of _static/).
LEFT_BEHIND = "_static/taken-out.css"


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """A copy of the repository, built from nothing, with one stylesheet more than the repository's."""
    check_set_up()
    tree = copy_tree(tmp_path_factory.mktemp("incremental"))
    (tree / LEFT_BEHIND).write_text("/* taken out before the next build */\n")
    _make_book(tree)
    assert (tree / "_build" / "html" / LEFT_BEHIND).is_file()
    return tree


@pytest.fixture(scope="module")
def builds(first_build, tmp_path_factory):
    """(incremental, clean, data log, typo log): the copy after a data edit and a prose edit, each followed by
    `make book`, and a copy of its sources built from nothing."""
    incremental = first_build
    edit_data_row(incremental)
    (incremental / LEFT_BEHIND).unlink()
    after_data = _make_book(incremental)
    edit_prose(incremental)
    after_typo = _make_book(incremental)
    clean = copy_sources(incremental, tmp_path_factory.mktemp("clean") / "tree")
    _make_book(clean)
    return incremental, clean, after_data.stdout, after_typo.stdout


def _sphinx_read(log: str, edition: str) -> list[int]:
    """How many pages each Sphinx run of an edition's build read again (the build prints each line of an edition's
    build after its name; Sphinx may colour the words)."""
    return [int(changed) for added, changed in
            re.findall(rf"^{edition}: \S*?updating environment: .*?(\d+) added, (\d+) changed", log, re.MULTILINE)]


def test_the_data_edit_rewrote_only_the_chapter_it_changes(builds):
    _, _, after_data, _ = builds
    # Every chapter loads the whole validated data, so each is executed again; only the voices chapter, which shows
    # the row, comes out different and is rewritten.
    lines = after_data.splitlines()
    assert len([line for line in lines if line.startswith("executing ")]) == 7
    assert [line for line in lines if line.endswith("rewritten")] == ["chapters/voices.ipynb: outputs changed, rewritten"]


def test_the_typo_executed_nothing_and_sphinx_read_only_its_page(builds):
    _, _, _, after_typo = builds
    assert "executing " not in after_typo
    # Each edition's site build and its PDF build, each with a Sphinx state of its own, read the introduction alone
    # (and the PDF build writes the whole book, as a PDF is one document).
    for edition in EDITIONS:
        assert _sphinx_read(after_typo, edition) == [1, 1], edition


def _page(path) -> str:
    return ASSET_CHECKSUM.sub(r"\1", path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_equals_a_clean_builds(builds, edition):
    incremental, clean, _, _ = builds
    sites = [tree / EDITIONS[edition] / "html" for tree in (incremental, clean)]
    pages = [sorted(p.relative_to(site).as_posix() for p in site_pages(site)) for site in sites]
    assert pages[0] == pages[1]
    assert len(pages[0]) >= PAGES
    stale = [name for name in pages[0] if _page(sites[0] / name) != _page(sites[1] / name)]
    assert stale == []
    assert "articel" in (sites[0] / "chapters" / "introduction.html").read_text(encoding="utf-8")
    assert "source close to military affairs" in (sites[0] / "chapters" / "voices.html").read_text(encoding="utf-8")
    assert (sites[0] / "sitemap.xml").read_bytes() == (sites[1] / "sitemap.xml").read_bytes()
    # No file an earlier build wrote stays behind (a data zip of an older version, a removed table).
    files = [sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) for site in sites]
    assert files[0] == files[1]


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_pdfs_read_as_a_clean_builds(builds, edition):
    incremental, clean, _, _ = builds
    texts = [pdf_words.text(tree / EDITIONS[edition] / "latex" / "kadiz-report.pdf") for tree in (incremental, clean)]
    assert texts[0] == texts[1]
    assert "articel" in texts[0]
    site_pdf = incremental / EDITIONS[edition] / "html" / "_static" / "kadiz-report.pdf"
    assert site_pdf.read_bytes() == (incremental / EDITIONS[edition] / "latex" / "kadiz-report.pdf").read_bytes()


def test_ctrl_c_in_the_pdf_phase_leaves_the_last_site_whole_with_its_pdf(first_build, tmp_path):
    """Run last: the interrupted build leaves the copy's working folders to be built again."""
    tree = first_build
    edit_prose(tree, " article ", " artikel ")
    log = tmp_path / "log"
    with open(log, "w") as out:
        build = subprocess.Popen(["make", "book"], cwd=tree, stdout=out, stderr=out,
                                 env=clean_environment(), start_new_session=True)
    deadline = time.monotonic() + TIMEOUT
    while "--builder pdflatex" not in log.read_text() and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert build.poll() is None, "the build ended before its PDF phase"
    time.sleep(2)  # inside the PDF build
    os.killpg(build.pid, signal.SIGINT)  # Ctrl-C: the terminal signals its foreground process group
    assert build.wait(timeout=60) != 0
    for edition, folder in EDITIONS.items():
        site = tree / folder / "html"
        assert (site / "chapters" / "introduction.html").is_file(), f"{edition}: no site left"
        # The site is the last one published, not the interrupted one, and carries the PDF its pages link to.
        assert "artikel" not in (site / "chapters" / "introduction.html").read_text(encoding="utf-8")
        linked = [page for page in site_pages(site) if "_static/kadiz-report.pdf" in page.read_text(encoding="utf-8")]
        assert linked, f"{edition}: no page links to the PDF"
        assert (site / "_static" / "kadiz-report.pdf").is_file(), f"{edition}: the PDF its pages link to is missing"

"""The student edition keeps the answers private: no file of its build holds a solution.

Each solution is taken from the chapters' own `{solution}` directives, and the longest stretch of its plain words
(between roles, markup and quotes, whitespace normalised) stands for it. That stretch must be found in the
teacher's site, which shows the solutions (so the search can find what it looks for), and in no file of the
student build: pages, search index, sources, downloads, the LaTeX and the PDF. Every file is read as text, as
its HTML entities decoded, as the strings of its JSON, as the members of a zip, and a PDF as its text.

Every page of each edition says which edition it is, above its text; and no exercise that asks for a rating is
answered by a verdict printed on its own page.
"""

from __future__ import annotations

import html
import json
import os
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from kadiz import words
from kadiz.data import load
from kadiz.paths import ROOT
from tests import pdf_words
from tests.built import SITE, STUDENT_PDF, STUDENT_SITE, serve, site_pages
from tests.chapter_words import OPTION, PLAIN_WORDS, ROLE
from tests.views import PHONE

STUDENT_BUILD = ROOT / "_build" / "student"
CHAPTERS = ROOT / "chapters"
SOLUTION = re.compile(r"^(?P<fence>`{3,}|:{3,})\{solution\}[^\n]*\n(?P<body>.*?)^(?P=fence)\s*$", re.M | re.S)
SHORTEST = 25


def _normal(text: str) -> str:
    return " ".join(text.split())


def _markdown_sources() -> list[tuple[str, str]]:
    sources = []
    for path in sorted(CHAPTERS.glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        sources += [(path.name, "".join(c["source"])) for c in cells if c["cell_type"] == "markdown"]
    sources += [(path.name, path.read_text(encoding="utf-8")) for path in sorted(CHAPTERS.glob("*.md"))]
    return sources


def distinctive_part(solution: str, elsewhere: str = "") -> str:
    """The longest stretch of plain words of a solution's text that the rest of the chapters do not also say."""
    text = _normal(ROLE.sub("|", OPTION.sub("", solution)))
    parts = [p for p in PLAIN_WORDS.findall(text) if p not in elsewhere]
    return max(parts, key=len, default="")


def solutions() -> list[tuple[str, str]]:
    """(file, distinctive part) of every solution of the chapters."""
    sources = _markdown_sources()
    bodies = [(name, m["body"]) for name, source in sources for m in SOLUTION.finditer(source)]
    elsewhere = _normal(" ".join(SOLUTION.sub(" ", source) for _, source in sources))
    return [(name, distinctive_part(body, elsewhere)) for name, body in bodies]


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def readings(name: str, data: bytes) -> list[str]:
    """Every way a file's contents could show a solution's words, whitespace normalised."""
    if name.endswith(".pdf"):
        text = pdf_words.text(data)
        # A word broken at a line end is joined again.
        return [_normal(re.sub(r"-\n\s*", "", text)), _normal(text)]
    if zipfile.is_zipfile(__import__("io").BytesIO(data)) and not name.endswith((".docx",)):
        with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
            return [r for member in archive.namelist() for r in readings(member, archive.read(member))]
    text = data.decode("utf-8", errors="ignore")
    found = [_normal(text), _normal(html.unescape(text))]
    if name.endswith(".html"):
        # As a reader sees the page: a name set in its own span ("<span class="nowrap">Tu-95</span> bombers")
        # reads as one run of words.
        found.append(_normal(BeautifulSoup(text, "html.parser").get_text()))
    start, end = text.find("{"), text.rfind("}")
    if start >= 0 and end > start:
        try:
            found.append(_normal(" ".join(_strings(json.loads(text[start:end + 1])))))
        except ValueError:
            pass
    return found


def _files(folder: Path) -> list[Path]:
    # html/ and latex/ are links to the published copy (scripts/build_book.py): follow them.
    return sorted(Path(top) / name for top, _, names in os.walk(folder, followlinks=True) for name in names)


SOLUTIONS = solutions()


def test_every_chapter_has_solutions_with_distinctive_text():
    chapters_with_solutions = {name for name, _ in SOLUTIONS}
    assert len(chapters_with_solutions) >= 6, chapters_with_solutions
    short = [(name, part) for name, part in SOLUTIONS if len(part) < SHORTEST]
    assert not short, f"solutions without a stretch of {SHORTEST} plain characters to look for: {short}"


def test_distinctive_part_skips_roles_options_and_what_the_chapter_says_anyway():
    body = ':class: dropdown\n\nThe gap is {glue:text}`x-gap` hours, because the\nlaunch came "at 06:00" first.'
    assert distinctive_part(body) == "hours, because the launch came"
    assert distinctive_part(body, elsewhere="the text says: hours, because the launch came") == "The gap is"


@pytest.mark.parametrize("name, part", SOLUTIONS)
def test_the_teacher_site_shows_the_solution(name, part):
    page = SITE / "chapters" / name.replace(".ipynb", ".html").replace(".md", ".html")
    assert any(part in text for text in readings(page.name, page.read_bytes())), f"{name}: {part!r} is not on {page.name}"


def test_no_file_of_the_student_build_holds_a_solution():
    files = _files(STUDENT_BUILD)
    assert STUDENT_PDF in files and (STUDENT_SITE / "index.html") in files, "the student edition is not built"
    leaks = []
    for path in files:
        texts = readings(path.name, path.read_bytes())
        leaks += [(path.relative_to(STUDENT_BUILD).as_posix(), part) for _, part in SOLUTIONS
                  if any(part in text for text in texts)]
    assert not leaks, f"solutions in the student build: {leaks[:10]} ({len(leaks)} in all)"


def test_the_student_site_offers_no_source_but_the_chapters_reader_notebooks():
    # The chapters' sources hold every solution; the reader's notebooks of this edition hold none
    # (tests/test_reader_notebooks.py reads them).
    offered = sorted(p.relative_to(STUDENT_SITE / "_sources").as_posix() for p in (STUDENT_SITE / "_sources").rglob("*")
                     if p.is_file())
    assert offered == sorted(f"chapters/{n.name}" for n in CHAPTERS.glob("*.ipynb"))
    for page in (STUDENT_SITE / "chapters").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert ("download-notebook-button" in text) == (CHAPTERS / f"{page.stem}.ipynb").exists(), page.name


@pytest.mark.parametrize("site", [SITE, STUDENT_SITE], ids=["teacher", "student"])
def test_each_site_offers_each_chapter_notebook_as_notebook(site):
    for notebook in sorted(CHAPTERS.glob("*.ipynb")):
        page = (site / "chapters" / f"{notebook.stem}.html").read_text(encoding="utf-8")
        menu = page[page.index("dropdown-download-buttons"):]
        menu = menu[:menu.index("</ul>")]
        links = re.findall(r'<a href="([^"]+)".*?btn__text-container">([^<]*)<', menu, re.S)
        offered = {text: href for href, text in links}
        assert "Notebook" in offered and ".ipynb" not in offered and ".md" not in offered, (notebook.name, links)
        assert json.loads((site / "chapters" / offered["Notebook"]).resolve().read_text(encoding="utf-8"))["cells"]


def test_each_edition_says_which_it_is_on_its_cover():
    teacher = _normal((SITE / "chapters" / "index.html").read_text(encoding="utf-8"))
    student = _normal((STUDENT_SITE / "chapters" / "index.html").read_text(encoding="utf-8"))
    assert "This edition shows the answers" in teacher
    assert "This edition shows the answers" not in student
    assert "leaves the answers out" in student


# ------------------------------------------------------------------ every page says which edition it is

EDITION_SITES = {"Teacher's edition": SITE, "Student edition": STUDENT_SITE}


def _is_redirect(page: Path) -> bool:
    return 'http-equiv="refresh"' in page.read_text(encoding="utf-8").lower()


@pytest.mark.parametrize("name", EDITION_SITES)
def test_every_page_of_each_edition_says_which_edition_it_is_above_its_text(name):
    other = next(n for n in EDITION_SITES if n != name)
    unlabelled = []
    for page in site_pages(EDITION_SITES[name]):
        if _is_redirect(page):
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        main = soup.select_one("main")
        before = _normal(" ".join(reversed(main.find_all_previous(string=True)))) if main else ""
        if name not in before or other in before:
            unlabelled.append(page.relative_to(EDITION_SITES[name]).as_posix())
    assert not unlabelled, f"pages that do not say, above their text, that they are the {name}: {unlabelled}"


@pytest.mark.parametrize("name", EDITION_SITES)
def test_a_phone_reader_sees_the_edition_at_the_top_of_a_chapter(name, browser):
    with serve(EDITION_SITES[name]) as url:
        page = browser.new_page()
        try:
            page.set_default_timeout(5_000)
            page.set_viewport_size(PHONE.viewport)
            page.goto(f"{url}/chapters/records.html", wait_until="load")
            label = page.get_by_text(name, exact=False).first
            assert label.count() and label.is_visible(), f"no visible {name!r} on the page"
            box = label.bounding_box()
            assert box["y"] < 120 and box["height"] < 40, f"the label is not a small line at the top: {box}"
        finally:
            page.close()


# ------------------------------------------------------------------ no exercise answered on its own page

EXERCISE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{exercise\}[^\n]*\n:label: (?P<label>\S+)\n(?P<body>.*?)^(?P=fence)\s*$",
                      re.M | re.S)
SOLUTION_OF = re.compile(r"^(?P<fence>`{3,}|:{3,})\{solution\} (?P<label>\S+)\n(?P<body>.*?)^(?P=fence)\s*$", re.M | re.S)


def rating_exercises() -> list[tuple[str, str, str, str]]:
    """(chapter, label, exercise text, expected rating) of every exercise whose answer is a rating of the rubric:
    its solution opens with the rating in italics ("*Supported*, with high confidence")."""
    ratings = {r.casefold(): r for r in words.RATING.values()}
    found = []
    for name, source in _markdown_sources():
        solutions = {m["label"]: m["body"] for m in SOLUTION_OF.finditer(source)}
        for exercise in EXERCISE.finditer(source):
            solution = OPTION.sub("", solutions.get(exercise["label"], "")).strip()
            opening = re.match(r"\*([^*]+)\*", solution)
            if opening and opening.group(1).casefold() in ratings:
                found.append((name, exercise["label"], exercise["body"], ratings[opening.group(1).casefold()]))
    return found


def test_exercises_that_ask_for_a_rating_are_found():
    assert any(label == "ex-records-rate" for _, label, _, _ in rating_exercises())


@pytest.mark.parametrize("chapter, label, text, rating", rating_exercises(), ids=lambda v: v if "-" in str(v) else "")
def test_no_exercise_asks_for_a_rating_the_student_page_prints(chapter, label, text, rating):
    """An exercise that quotes a claim of the article and asks for its rating must not be answered by the verdict
    on the same page: the rating it expects differs from the verdict the page shows for any claim it quotes."""
    data = load()
    quotes = [_normal(q) for q in re.findall(r'"([^"{}`]{15,})"', text)]
    page = _normal(html.unescape((STUDENT_SITE / "chapters" / chapter.replace(".ipynb", ".html")).read_text("utf-8")))
    verdicts = data.verdicts.set_index("claim_id")
    answered = []
    for claim in data.claims.itertuples():
        passage = _normal(claim.passage)
        if not any(q in passage or passage in q for q in quotes) or claim.id not in verdicts.index:
            continue
        shown = words.RATING[verdicts.loc[claim.id, "verdict"]]
        if _normal(claim.claim) in page and shown == rating:
            answered.append((claim.id, shown))
    assert not answered, f"{label}: the page's verdicts give the answer away: {answered}"

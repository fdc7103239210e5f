"""The student edition keeps the answers private: no file of its build holds a solution.

Each solution is taken from the chapters' own `{solution}` directives, and the longest stretch of its plain words
(between roles, markup and quotes, whitespace normalised) stands for it. That stretch must be found in the
teacher's site, which shows the solutions (so the search can find what it looks for), and in no file of the
student build: pages, search index, sources, downloads, the LaTeX and the PDF. Every file is read as text, as
its HTML entities decoded, as the strings of its JSON, as the members of a zip, and a PDF as its text.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from kadiz.paths import ROOT
from tests.conftest import OPTION, PLAIN_WORDS, ROLE, SITE, STUDENT_PDF, STUDENT_SITE

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
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True,
                              check=True).stdout.decode()
        # A word broken at a line end is joined again.
        return [_normal(re.sub(r"-\n\s*", "", text)), _normal(text)]
    if zipfile.is_zipfile(__import__("io").BytesIO(data)) and not name.endswith((".docx",)):
        with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
            return [r for member in archive.namelist() for r in readings(member, archive.read(member))]
    text = data.decode("utf-8", errors="ignore")
    found = [_normal(text), _normal(html.unescape(text))]
    start, end = text.find("{"), text.rfind("}")
    if start >= 0 and end > start:
        try:
            found.append(_normal(" ".join(_strings(json.loads(text[start:end + 1])))))
        except ValueError:
            pass
    return found


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


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
    assert part in readings(page.name, page.read_bytes())[1], f"{name}: {part!r} is not on {page.name}"


def test_no_file_of_the_student_build_holds_a_solution():
    files = _files(STUDENT_BUILD)
    assert STUDENT_PDF in files and (STUDENT_SITE / "index.html") in files, "the student edition is not built"
    leaks = []
    for path in files:
        texts = readings(path.name, path.read_bytes())
        leaks += [(path.relative_to(STUDENT_BUILD).as_posix(), part) for _, part in SOLUTIONS
                  if any(part in text for text in texts)]
    assert not leaks, f"solutions in the student build: {leaks[:10]} ({len(leaks)} in all)"


def test_the_student_site_offers_no_notebook_and_no_sources():
    assert not (STUDENT_SITE / "_sources").exists()
    for page in (STUDENT_SITE / "chapters").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert ".ipynb" not in text, page.name
        assert "download-notebook-button" not in text, page.name


def test_the_teacher_site_offers_each_chapter_notebook_as_notebook():
    for notebook in sorted(CHAPTERS.glob("*.ipynb")):
        page = (SITE / "chapters" / f"{notebook.stem}.html").read_text(encoding="utf-8")
        menu = page[page.index("dropdown-download-buttons"):]
        menu = menu[:menu.index("</ul>")]
        links = re.findall(r'<a href="([^"]+)".*?btn__text-container">([^<]*)<', menu, re.S)
        offered = {text: href for href, text in links}
        assert "Notebook" in offered and ".ipynb" not in offered, (notebook.name, links)
        assert (SITE / "chapters" / offered["Notebook"]).resolve().read_bytes() == notebook.read_bytes()


def test_each_edition_says_which_it_is_on_its_cover():
    teacher = _normal((SITE / "chapters" / "index.html").read_text(encoding="utf-8"))
    student = _normal((STUDENT_SITE / "chapters" / "index.html").read_text(encoding="utf-8"))
    assert "This edition shows the answers" in teacher
    assert "This edition shows the answers" not in student
    assert "leaves the answers out" in student

"""The teacher's edition shows the answer to every chapter question; the student edition asks the same
questions and shows none of the answers."""


import pytest
from bs4 import BeautifulSoup

from tests import pdf_words
from tests.built import PDF, SITE, STUDENT_PDF, STUDENT_SITE
from kadiz.paths import ROOT

CHAPTERS = sorted(p.stem for p in (ROOT / "chapters").glob("*.ipynb"))


def _questions_and_answers(site, chapter) -> tuple[list[str], list[str]]:
    soup = BeautifulSoup((site / "chapters" / f"{chapter}.html").read_text(encoding="utf-8"), "html.parser")
    questions = [d["id"] for d in soup.select("div.exercise[id]")]
    answers = [d["id"] for d in soup.select(".solution[id]")]
    return questions, answers


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_asks_questions_and_the_teacher_sees_each_answer(chapter):
    questions, answers = _questions_and_answers(SITE, chapter)
    assert questions, f"{chapter} ends without questions"
    assert len(answers) == len(questions), f"{chapter}: {len(questions)} questions, {len(answers)} answers"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_student_edition_asks_the_same_questions_without_answers(chapter):
    if not STUDENT_SITE.exists():
        pytest.fail("the student edition is not built: run `make test`, which builds it")
    questions, answers = _questions_and_answers(STUDENT_SITE, chapter)
    assert questions == _questions_and_answers(SITE, chapter)[0]
    assert answers == []


def _pdf_text(pdf) -> str:
    return "\n".join(page.text for page in pdf_words.read(pdf))


def test_the_student_pdf_has_no_solutions():
    assert "Solution to Exercise" in _pdf_text(PDF)
    assert "Solution to Exercise" not in _pdf_text(STUDENT_PDF)

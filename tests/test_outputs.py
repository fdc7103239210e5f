"""What the build leaves for readers besides the site: the PDF with its charts, and figures/ for slides."""

import json
import re
import subprocess

import pytest

from kadiz.paths import FIGURES, ROOT
from tests.conftest import PDF

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
GLUED_FIGURE = re.compile(r"^[:`]{3,}\{glue:figure\}\s+(\S+)", re.MULTILINE)


def figure_names() -> list[str]:
    """Names of the charts the chapters show as numbered figures (their glue:figure directives)."""
    names = []
    for path in CHAPTERS:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                names += GLUED_FIGURE.findall("".join(cell["source"]))
    return names


def test_chapters_show_figures():
    assert figure_names(), "no chapter shows a glued figure"


def test_every_figure_is_exported_as_svg_and_png():
    expected = {f"{name}.{ext}" for name in figure_names() for ext in ("svg", "png")}
    present = {p.name for p in FIGURES.iterdir() if p.suffix in (".svg", ".png")}
    assert expected <= present, f"missing in figures/: {sorted(expected - present)}"
    # A file no chapter makes any more would be a stale chart handed to teachers.
    assert present <= expected, f"stale files in figures/: {sorted(present - expected)}"


def _pdf_text() -> str:
    return subprocess.run(["pdftotext", "-layout", str(PDF), "-"], capture_output=True, text=True, check=True).stdout


def test_pdf_prints_charts_as_images_not_code():
    if not PDF.exists():
        pytest.fail("the PDF is not built: run `make test`, which builds it first")
    assert "alt.Chart" not in _pdf_text()
    listing = subprocess.run(["pdfimages", "-list", str(PDF)], capture_output=True, text=True, check=True).stdout
    images = [line for line in listing.splitlines()[2:] if line.strip()]
    assert len(images) >= len(figure_names())


def test_pdf_numbers_every_figure():
    captions = re.findall(r"Fig\.\s*(\d+(?:\.\d+)?)", _pdf_text())
    assert len(set(captions)) >= len(figure_names())

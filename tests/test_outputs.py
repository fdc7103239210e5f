"""What the build leaves for readers besides the site: the PDF with its charts, and figures/ for slides."""

import json
import re

import pytest

from kadiz.paths import FIGURES, ROOT
from tests import pdf_words
from tests.built import PDF

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
# A glue:figure directive: its fence, the figure's name, options (":name: ..."), then the caption.
GLUED_FIGURE = re.compile(
    r"^(?P<fence>[:`]{3,})\{glue:figure\}[ \t]+(?P<name>\S+)[ \t]*\n(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
OPTION = re.compile(r"^:[\w-]+:.*$", re.MULTILINE)


def glued_figures() -> dict[str, str]:
    """The charts the chapters show as numbered figures (their glue:figure directives): name -> caption."""
    figures = {}
    for path in CHAPTERS:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                for match in GLUED_FIGURE.finditer("".join(cell["source"])):
                    figures[match["name"]] = " ".join(OPTION.sub("", match["body"]).split())
    return figures


def figure_names() -> list[str]:
    return list(glued_figures())


def test_chapters_show_figures():
    assert figure_names(), "no chapter shows a glued figure"


def test_every_figure_is_exported_for_slides():
    # Every chart as SVG (it scales on any slide); a PNG beside it is optional.
    names = set(figure_names())
    files = [p for p in FIGURES.iterdir() if p.suffix in (".svg", ".png")]
    missing = sorted(f"{name}.svg" for name in names if not (FIGURES / f"{name}.svg").is_file())
    assert missing == [], f"missing in figures/: {missing}"
    # A file no chapter makes any more would be a stale chart handed to teachers.
    stale = sorted(p.name for p in files if p.stem not in names)
    assert stale == [], f"stale files in figures/: {stale}"


def _pdf_text() -> str:
    return "\n".join(page.text for page in pdf_words.read(PDF))


# A figure of the LaTeX source: its graphics and its label (the figure's name, after the page's name).
LATEX_FIGURE = re.compile(r"\\begin\{figure\}(.*?)\\end\{figure\}", re.DOTALL)
LATEX_GRAPHIC = re.compile(r"includegraphics(?:\[[^\]]*\])?\{\{?([^{}]+)\}?([^{}]*)\}")
LATEX_LABEL = re.compile(r"\\label\{\\detokenize\{[^:}]*:([^}]+)\}\}")


def _latex_log() -> str:
    # TeX wraps its log at 79 characters; joined again, a file name reads whole.
    log = PDF.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    return re.sub(r"(?m)^(.{79})\n", r"\1", log)


def test_pdf_prints_every_chart_as_a_graphic_not_code():
    if not PDF.exists():
        pytest.fail("the PDF is not built: run `make test`, which builds it first")
    text = _pdf_text()
    for code in ("alt.Chart", "alt.LayerChart", "VegaLite", "<IPython"):
        assert code not in text, f"the PDF prints a chart as {code}..."
    graphics = {}
    for body in LATEX_FIGURE.findall(PDF.with_suffix(".tex").read_text(encoding="utf-8")):
        for label in LATEX_LABEL.findall(body):
            graphics[label] = ["".join(parts) for parts in LATEX_GRAPHIC.findall(body)]
    # Whether the chart is a raster or a vector graphic, LaTeX logs each file it places in the PDF.
    log = _latex_log()
    for name in figure_names():
        assert graphics.get(name), f"figure {name} holds no graphic in the PDF's LaTeX source"
        for file in graphics[name]:
            # "<file.png>" for a raster, "<use file.pdf>" for a vector graphic
            assert re.search(rf"<(use )?{re.escape(file)}", log), f"figure {name}: LaTeX did not place {file} in the PDF"


def _caption_start(caption: str, words: int = 3) -> str:
    """The first words of a caption, up to any markup (emphasis, a role, a link) that print changes."""
    plain = re.split(r"[*_`{\[\\$<]", caption, maxsplit=1)[0]
    return _printed(" ".join(plain.split()[:words]))


def _printed(text: str) -> str:
    # Sphinx prints straight quotes as typographic ones.
    return " ".join(text.translate(str.maketrans("‘’“”", "''\"\"")).split())


# A printed caption starts its line with the number and a colon; a reference in the text has no colon.
PRINTED_CAPTION = re.compile(r"^\s*Fig\.\s+(\d+\.\d+):\s+(.*)$", re.MULTILINE)


def test_pdf_numbers_every_figure():
    if not PDF.exists():
        pytest.fail("the PDF is not built: run `make test`, which builds it first")
    printed = PRINTED_CAPTION.findall(_pdf_text())
    numbers = [number for number, _ in printed]
    assert len(numbers) == len(set(numbers)), f"figure numbers repeat: {numbers}"
    for name, caption in glued_figures().items():
        start = _caption_start(caption)
        assert start, f"{name} has no caption to print"
        found = [number for number, text in printed if _printed(text).startswith(start)]
        assert len(found) == 1, f"{name}: {len(found)} numbered captions in the PDF start with {start!r}"
    assert len(printed) == len(glued_figures()), f"{len(printed)} numbered captions for {len(glued_figures())} figures"

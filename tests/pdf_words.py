"""A PDF read as a printer sees it: every word with its box, page by page (pdftotext -bbox), and the page's text
built from those words; or the whole text as a reader follows it, column by column (`text`). Every test that
reads a PDF goes through this module; `read` parses each built file once.

Boxes are in PostScript points (1/72 inch) from the top-left corner of the page, as pdftotext gives them.
"""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2

    def overlaps(self, other: Word, by: float = 1.0) -> bool:
        """Whether the two boxes share more than `by` points each way: ink printed over ink."""
        return (min(self.x1, other.x1) - max(self.x0, other.x0) > by
                and min(self.y1, other.y1) - max(self.y0, other.y0) > by)


@dataclass(frozen=True)
class Page:
    number: int  # the PDF's page number, from 1 (not the number printed on the page)
    width: float
    height: float
    words: tuple[Word, ...]  # in pdftotext's reading order

    @cached_property
    def lines(self) -> tuple[tuple[Word, ...], ...]:
        """The words grouped into printed lines, top to bottom, each left to right. A word belongs to a line when
        its middle lies within the line's height, so a table's row is one line across its columns."""
        lines: list[list[Word]] = []
        for word in sorted(self.words, key=lambda w: (w.middle, w.x0)):
            if lines and lines[-1][0].y0 <= word.middle <= lines[-1][0].y1:
                lines[-1].append(word)
            else:
                lines.append([word])
        return tuple(tuple(sorted(line, key=lambda w: w.x0)) for line in lines)

    @cached_property
    def text(self) -> str:
        """The page's text, a printed line to a line of text."""
        return "\n".join(" ".join(w.text for w in line) for line in self.lines)


@lru_cache(maxsize=None)
def read(pdf: Path) -> tuple[Page, ...]:
    """Every page of a PDF with its words and their boxes."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    pages = []
    for number, page in enumerate(ElementTree.fromstring(out).iter(f"{XHTML}page"), 1):
        words = tuple(Word(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
                      for w in page.iter(f"{XHTML}word"))
        pages.append(Page(number, float(page.get("width")), float(page.get("height")), words))
    return tuple(pages)


def text(pdf: Path | bytes, *, raw: bool = False) -> str:
    """A PDF's text (a file, or its bytes as downloaded) in pdftotext's reading order: a column's lines before the
    next column's. With `raw`, in the order it was set: a table cell's lines together, not interleaved with the
    cells beside it."""
    source, data = ("-", pdf) if isinstance(pdf, bytes) else (str(pdf), None)
    command = ["pdftotext", *(["-raw"] if raw else []), source, "-"]
    return subprocess.run(command, input=data, capture_output=True, check=True).stdout.decode()

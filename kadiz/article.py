"""The article's text, and the two questions the data ask of it: is a passage verbatim, and which clock times
does it give."""

import functools
import re
from pathlib import Path

from kadiz.paths import ARTICLE_FILE, DATA

# Typographic characters a careful copy may legitimately replace by their plain forms. Nothing else is
# forgiven: a passage that changes a word, a number or punctuation is not verbatim.
_PLAIN = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})

# "7:56 AM", "10:15 a.m.", "6:00AM", or a 24-hour "18:00". Hour-only forms ("6 AM") and military "0600"
# are not read: the article has none, and reading them would invite false matches with counts.
_CLOCK = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)(?:\s*([AaPp])\.?\s*[Mm]\b\.?)?")


@functools.cache
def text(data_dir: Path = DATA) -> str:
    """The article as stored in data/source/ (the byte-identical copy; UTF-8)."""
    return (Path(data_dir) / ARTICLE_FILE).read_text(encoding="utf-8")


def normalise(s: str) -> str:
    """Collapse whitespace and replace typographic quotes and dashes by plain ones; nothing else changes."""
    return " ".join(s.translate(_PLAIN).split())


def contains(passage: str, article: str | None = None) -> bool:
    """True if the passage occurs in the article (default: the repository's copy) up to `normalise`."""
    wanted = normalise(passage)
    return bool(wanted) and wanted in normalise(article if article is not None else text())


def clock_times(passage: str) -> list[str]:
    """The clock times written in a passage, as 24-hour "HH:MM" in order: "7:56 AM" -> "07:56", "9:33 PM" -> "21:33"."""
    times = []
    for hour, minute, half in _CLOCK.findall(passage):
        h = int(hour)
        if half and h <= 12:
            h = h % 12 + (12 if half.lower() == "p" else 0)
        times.append(f"{h:02d}:{minute}")
    return times

"""The article's text, and the two questions the data ask of it: is a passage verbatim, and which clock times
does it give."""

import bisect
import functools
import re
from pathlib import Path

from kadiz.paths import ARTICLE_FILE, DATA

# The article the data are coded from, pinned here rather than only in data/source/article.csv, so that the text
# and its recorded checksum cannot be changed together in the folder under check.
SHA256 = "5128708efc715d7db6b5406c9238e5b05b6653405d899c2aa4c8d2a696537995"
PUBLISHED = "2022-05-25"  # Wednesday 25 May 2022, KST
OLDEST_EVENT_YEAR = 1950  # the Korean War (1950-1953), the oldest event the article names

# Typographic characters a careful copy may legitimately replace by their plain forms. Nothing else is
# forgiven: a passage that changes a word, a number or punctuation is not verbatim.
_TYPOGRAPHIC_TO_PLAIN = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})

TYPOGRAPHIC = frozenset(chr(c) for c in _TYPOGRAPHIC_TO_PLAIN)  # the characters a passage may give in another typographic form

# "7:56 AM", "10:15 a.m.", "6:00AM", or a 24-hour "18:00". Hour-only forms ("6 AM") and military "0600"
# are not read: the article has none, and reading them would invite false matches with counts.
_CLOCK = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)(?:\s*([AaPp])\.?\s*[Mm]\b\.?)?")


@functools.cache
def text(data_dir: Path = DATA) -> str:
    """The article as stored in data/source/ (the byte-identical copy; UTF-8)."""
    return (Path(data_dir) / ARTICLE_FILE).read_text(encoding="utf-8")


def normalise(s: str) -> str:
    """Collapse whitespace and replace typographic quotes and dashes by plain ones; nothing else changes."""
    return " ".join(s.translate(_TYPOGRAPHIC_TO_PLAIN).split())


@functools.lru_cache(maxsize=4)
def _normalised(article: str) -> str:
    return normalise(article)


@functools.lru_cache(maxsize=4)
def _paragraph_starts(article: str) -> tuple[int, ...]:
    """Where each paragraph starts in the normalised article (paragraphs are separated by blank lines)."""
    starts, offset = [], 0
    for paragraph in re.split(r"\n\s*\n", article):
        if words := normalise(paragraph):
            starts.append(offset)
            offset += len(words) + 1
    return tuple(starts)


def position(passage: str, article: str | None = None, within_paragraph: bool = True) -> int | None:
    """Where the passage first occurs in the (normalised) article, on word boundaries and (by default) within one
    paragraph, or None.

    Word boundaries: a passage that starts or ends with a letter or digit must not start or end inside a word of
    the article, so "officially denied" is not found in "unofficially denied".
    """
    wanted = normalise(passage)
    if not wanted:
        return None
    article = article if article is not None else text()
    pattern = (r"(?<!\w)" if re.match(r"\w", wanted) else "") + re.escape(wanted) + (
        r"(?!\w)" if re.search(r"\w$", wanted) else "")
    starts = _paragraph_starts(article) if within_paragraph else ()
    for found in re.finditer(pattern, _normalised(article)):
        following = bisect.bisect_right(starts, found.start())
        if following == len(starts) or starts[following] >= found.end():
            return found.start()
    return None


def contains(passage: str, article: str | None = None) -> bool:
    """True if the passage occurs in the article (default: the repository's copy) up to `normalise`, on word
    boundaries."""
    return position(passage, article) is not None


def clock_times(passage: str) -> list[str]:
    """The clock times written in a passage, as 24-hour "HH:MM" in order: "7:56 AM" -> "07:56", "9:33 PM" -> "21:33"."""
    times = []
    for hour, minute, half in _CLOCK.findall(passage):
        h = int(hour)
        if half and h <= 12:
            h = h % 12 + (12 if half.lower() == "p" else 0)
        times.append(f"{h:02d}:{minute}")
    return times

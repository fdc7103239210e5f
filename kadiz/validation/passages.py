"""The article and the passages quoted from it: the text is the pinned copy, every passage occurs in it on word
boundaries, times in a row are written in its passage, and tables numbered in article order keep that order."""

import datetime as dt
import hashlib
import unicodedata
from pathlib import Path

from kadiz import article, when
from kadiz.paths import ARTICLE_FILE
from kadiz.validation.folder import unsafe
from kadiz.validation.problems import Problem, Table, rule
from kadiz.validation.text import describe

# Columns holding words of the article, which must be verbatim.
PASSAGES = {"events": ["passage"], "assets": ["passage"], "quotes": ["passage"], "claims": ["passage"],
            "speakers": ["anonymity_reason"]}
# Tables whose rows the codebook says are in the order of the article, and the column that places them:
# the voices chapter numbers statements by row.
IN_ARTICLE_ORDER = {"quotes": "passage"}
ARTICLE_TABLE = "source/article.csv"

NOT_IN_ARTICLE = rule("Passages", "Every passage occurs in the article; only whitespace and typographic quotes "
                      "and dashes may differ.", "not in the article: {where}")
SPANS_PARAGRAPHS = rule("Passages", "A passage is one stretch of text from a single paragraph.",
                        "runs across a paragraph break of the article; a passage comes from one paragraph")
PART_OF_WORD = rule("Passages", "A passage starts and ends on word boundaries of the article (\"officially "
                    "denied\" is not in \"unofficially denied\").",
                    "not in the article as whole words: it starts or ends inside a word of the article")
FOREIGN = rule("Passages", "A passage holds only characters the article holds (or the plain forms of its "
               "typographic quotes and dashes).",
               "{char} at column {pos} of the cell is not a character of the article (a look-alike letter?)")
NO_CLOCK = rule("Passages", "The precision of a row is not finer than its passage: `hour` and `minute` need a "
                "clock time in the passage.",
                'precision "{precision}" is finer than the passage, which gives no clock time')
OTHER_TIME = rule("Passages", "A time in a row is written in its passage.",
                  "time {time} is not written in the passage, which gives {times}")
OUT_OF_ORDER = rule("Passages", "Tables numbered in article order keep the order of the article.",
                    "this passage comes before that of row {previous} in the article; keep the rows in article order")
ARTICLE_MISSING = rule("Article", "The article's text is in the folder.", "the article {path} is missing")
ARTICLE_UNREADABLE = rule("Article", "The article's text is UTF-8.", "the article {path} cannot be read as UTF-8")
ARTICLE_CHANGED = rule("Article", "The article's text is the copy the report was coded from: its SHA-256 is pinned "
                       "in the kadiz package (kadiz.article.SHA256), not only in article.csv.",
                       "the article {path} is not the text the report was coded from (its SHA-256 is {digest}; "
                       "the report's copy has {pinned})")
CHECKSUM = rule("Article", "article.csv records the article's pinned SHA-256.",
                "does not match the article: the report's copy has SHA-256 {pinned}")
ARTICLE_PATH = rule("Article", "article.csv names the article's copy at its place in the project.",
                    'the article is "{expected}"; `file` must name it')
ARTICLE_DATE = rule("Article", "article.csv gives the article's publication date.",
                    'the article was published on {published}, not "{value}"')
ONE_ARTICLE = rule("Article", "article.csv has exactly one row.", "article.csv must have exactly one row, not {rows}")


def check_article(tables: dict[str, Table], data_dir: Path) -> tuple[str | None, list[Problem]]:
    """The article's text (for the passage checks) and the problems of the article and its row."""
    t = tables.get("article")
    where = t.path if t else ARTICLE_TABLE
    line, row = t.rows[0] if t and t.rows else (None, {})
    problems = []
    if t and len(t.rows) != 1:
        problems.append(ONE_ARTICLE.at(where, t.rows[1][0] if t.rows[1:] else None, None, rows=len(t.rows)))
    if t and row.get("file", ARTICLE_FILE) != ARTICLE_FILE:
        problems.append(ARTICLE_PATH.at(where, line, "file", expected=ARTICLE_FILE))
    if t and row.get("published", article.PUBLISHED) != article.PUBLISHED:
        problems.append(ARTICLE_DATE.at(where, line, "published", published=article.PUBLISHED,
                                        value=row["published"]))
    if t and row.get("sha256", article.SHA256) != article.SHA256:
        problems.append(CHECKSUM.at(where, line, "sha256", pinned=article.SHA256))
    if trouble := unsafe(data_dir, ARTICLE_FILE):
        if trouble.message == "file is missing":
            trouble = ARTICLE_MISSING.at(where, line, "file", path=ARTICLE_FILE)
        return None, problems + [trouble]
    raw = (data_dir / ARTICLE_FILE).read_bytes()
    if (digest := hashlib.sha256(raw).hexdigest()) != article.SHA256:
        problems.append(ARTICLE_CHANGED.at(where, line, "file", path=ARTICLE_FILE, digest=digest,
                                           pinned=article.SHA256))
    try:
        return raw.decode("utf-8"), problems
    except UnicodeDecodeError:
        return None, problems + [ARTICLE_UNREADABLE.at(where, line, "file", path=ARTICLE_FILE)]


def check_passages(t: Table, text: str) -> list[Problem]:
    """Passages occur in the article; times in the row are written in the passage, at no finer precision."""
    problems = []
    allowed = set(text) | article.TYPOGRAPHIC
    positions = []
    for line, row in t.rows:
        for col in PASSAGES.get(t.name, []):
            passage = row.get(col, "")
            if not passage:
                continue
            problems += _foreign(t.path, line, col, passage, allowed)
            position = article.position(passage, text)
            if position is None:
                problems.append(_missing(t.path, line, col, passage, text))
            elif IN_ARTICLE_ORDER.get(t.name) == col:
                positions.append((position, line))
        problems += _clock(t, line, row)
    latest = (-1, None)  # the position furthest into the article so far, and its row
    for position, line in positions:
        if position < latest[0]:
            problems.append(OUT_OF_ORDER.at(t.path, line, IN_ARTICLE_ORDER[t.name], previous=latest[1]))
        latest = max(latest, (position, line))
    return problems


def _foreign(path: str, line: int, col: str, passage: str, allowed: set[str]) -> list[Problem]:
    """The first character of a passage that the article does not hold (invisible ones are reported as such)."""
    for pos, c in enumerate(passage, start=1):
        if not c.isascii() and c not in allowed and not c.isspace() and unicodedata.category(c)[0] in "LMNPS":
            return [FOREIGN.at(path, line, col, char=describe(c), pos=pos)]
    return []


def _missing(path: str, line: int, col: str, passage: str, text: str) -> Problem:
    wanted, haystack = article.normalise(passage), article.normalise(text)
    if article.position(passage, text, within_paragraph=False) is not None:
        return SPANS_PARAGRAPHS.at(path, line, col)
    if wanted in haystack:
        return PART_OF_WORD.at(path, line, col)
    return NOT_IN_ARTICLE.at(path, line, col, where=_divergence(wanted, haystack))


def _divergence(wanted: str, haystack: str) -> str:
    """Where a passage stops matching the article: the longest prefix found (prefixes of a match are matches)."""
    lo, hi = 0, len(wanted)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if wanted[:mid] in haystack else (lo, mid - 1)
    if lo == 0:
        return "its first character does not match"
    return f'it matches up to "...{wanted[max(0, lo - 40):lo]}" and then reads "{wanted[lo:lo + 30]}..."'


def _clock(t: Table, line: int, row: dict) -> list[Problem]:
    """A row of hour or minute precision gives times its passage prints."""
    precision, passage = row.get("precision", ""), row.get("passage", "")
    if precision not in ("hour", "minute") or not passage:
        return []
    times = article.clock_times(passage)
    if not times:
        return [NO_CLOCK.at(t.path, line, "precision", precision=precision)]
    problems = []
    for col in ("start", "end"):
        value = row.get(col, "")
        if not isinstance(when.parse_when(value, precision), dt.datetime):
            continue  # empty, or already reported by the date checks
        hhmm = value[11:16]
        if not (hhmm in times if precision == "minute" else any(t_[:2] == hhmm[:2] for t_ in times)):
            problems.append(OTHER_TIME.at(t.path, line, col, time=hhmm, times=", ".join(times)))
    return problems

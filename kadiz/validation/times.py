"""Dates and times: the shape their precision names, real dates, Korean time, a plausible range for their table,
and no end (or air-zone exit) before its start (or entry)."""

import datetime as dt

from kadiz import article, when
from kadiz.validation.problems import Problem, Table, rule

# Date-only columns (their precision is read from their shape).
DATE_COLUMNS = {"article": ["published"], "sources": ["published", "accessed"]}
# Tables of the article's own facts: nothing in them is later than the article.
ARTICLE_TABLES = ("events",)
# Zones a row's `unit` may name for its times; any other row is in Korean time.
ZONES = {"KST": "+09:00", "JST": "+09:00", "UTC": "+00:00", "GMT": "+00:00"}

SHAPE = {template: rule("Dates", what, template) for template, what in [
    (when.BAD_SHAPE, "`start` and `end` have the shape their `precision` names (YYYY, YYYY-MM, YYYY-MM-DD, "
                     "YYYY-MM-DDTHH:00+09:00, YYYY-MM-DDTHH:MM+09:00); date columns are YYYY, YYYY-MM or "
                     "YYYY-MM-DD."),
    (when.NO_OFFSET, "A time carries its UTC offset."),
    (when.NOT_REAL, "A date or time is real (no 30 February, no 25:00)."),
]}
END_BEFORE_START = rule("Dates", "`end` is not before `start`.", 'end "{end}" is before start "{start}"')
EXIT_BEFORE_ENTRY = rule("Dates", "An air-zone exit is not before the entry its `entry_id` names.",
                         'the exit "{exit}" is before its entry "{entry}" ({entry_id})')
WRONG_OFFSET = rule("Dates", "Times in events.csv are Korean time (+09:00); elsewhere a time carries +09:00 unless "
                    "the row's `unit` names another zone (KST and JST +09:00, UTC and GMT +00:00).",
                    'time "{value}" has offset {offset}, but {zone} is {expected}')
AFTER_TODAY = rule("Dates", "No date is after the build date (today, Korean time).",
                   '"{value}" is after today ({today})')
AFTER_ARTICLE = rule("Dates", "No event of the article is dated after its publication (25 May 2022).",
                     '"{value}" is after the article was published ({published})')
TOO_EARLY = rule("Dates", "No date is before 1950, the year of the oldest event the article names (the Korean War).",
                 '"{value}" is before {year}, the year of the oldest event the article names')


def check_dates(t: Table) -> list[Problem]:
    """Every date of a table: shape, reality, offset, range, and end not before start."""
    problems = []
    for line, row in t.rows:
        precision = row.get("precision", "")
        if precision not in when.SHAPES:
            continue  # an unknown precision is an enum error, reported by the schema check
        periods = {}
        for col in ("start", "end"):
            if value := row.get(col):
                if error := _date(t, line, col, value, precision, row):
                    problems += error
                else:
                    periods[col] = when.period(when.parse_when(value, precision), precision)
        if "start" in periods and "end" in periods and periods["end"][0] < periods["start"][0]:
            problems.append(END_BEFORE_START.at(t.path, line, "end", end=row["end"], start=row["start"]))
    for col in DATE_COLUMNS.get(t.name, []):
        for line, row in t.rows:
            value = row.get(col, "")
            if value and (precision := when.shape_precision(value)) in ("year", "month", "day"):
                problems += _date(t, line, col, value, precision, row)
    if t.name == "events":
        problems += _exits_after_entries(t)
    return problems


def _date(t: Table, line: int, col: str, value: str, precision: str, row: dict) -> list[Problem]:
    """The problems of one date cell (an empty list if it is a good date of its table)."""
    if error := when.date_error(value, precision):
        template, fields = error
        return [SHAPE[template].at(t.path, line, col, **fields)]
    problems = []
    if (offset := when.offset(value)) is not None:
        zone = row.get("unit") if t.name != "events" and row.get("unit") in ZONES else None
        expected = ZONES[zone] if zone else when.KOREAN_OFFSET
        if offset != expected:
            problems.append(WRONG_OFFSET.at(t.path, line, col, value=value, offset=offset, expected=expected,
                                            zone=zone or "Korean time"))
    first, _ = when.period(when.parse_when(value, precision), precision)
    day = first.astimezone(when.KOREA).date() if precision in ("hour", "minute") else first.date()
    if day > when.today():
        problems.append(AFTER_TODAY.at(t.path, line, col, value=value, today=when.today().isoformat()))
    elif t.name in ARTICLE_TABLES and day > dt.date.fromisoformat(article.PUBLISHED):
        problems.append(AFTER_ARTICLE.at(t.path, line, col, value=value, published=article.PUBLISHED))
    if day.year < article.OLDEST_EVENT_YEAR:
        problems.append(TOO_EARLY.at(t.path, line, col, value=value, year=article.OLDEST_EVENT_YEAR))
    return problems


def _exits_after_entries(t: Table) -> list[Problem]:
    """An exit whose whole stated period ends before its entry's begins came before the entry."""
    def span(row):
        precision, value = row.get("precision", ""), row.get("start", "")
        parsed = when.parse_when(value, precision) if precision in when.SHAPES and value else "no date"
        return None if isinstance(parsed, str) else when.period(parsed, precision)

    rows = {row.get("id"): row for _, row in t.rows}
    problems = []
    for line, row in t.rows:
        entry = rows.get(row.get("entry_id") or None)
        if entry is None or row.get("category") != "air-zone-exit":
            continue
        exit_span, entry_span = span(row), span(entry)
        if exit_span and entry_span and exit_span[1] <= entry_span[0]:
            problems.append(EXIT_BEFORE_ENTRY.at(t.path, line, "start", exit=row["start"], entry=entry["start"],
                                                 entry_id=row["entry_id"]))
    return problems

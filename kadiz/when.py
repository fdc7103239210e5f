"""Dates at the precision of their source: the shapes a date may take, and parsing one into the period it names."""

import datetime as dt
import re

SHAPES = {
    "year": (r"\d{4}", "%Y", "YYYY"),
    "month": (r"\d{4}-\d{2}", "%Y-%m", "YYYY-MM"),
    "day": (r"\d{4}-\d{2}-\d{2}", "%Y-%m-%d", "YYYY-MM-DD"),
    "hour": (r"\d{4}-\d{2}-\d{2}T\d{2}:00[+-]\d{2}:\d{2}", "%Y-%m-%dT%H:%M%z", "YYYY-MM-DDTHH:00+09:00"),
    "minute": (r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[+-]\d{2}:\d{2}", "%Y-%m-%dT%H:%M%z", "YYYY-MM-DDTHH:MM+09:00"),
}
PRECISIONS = list(SHAPES)[::-1]  # finest first: minute, hour, day, month, year

# Korea has kept UTC+9 all year since 1988, and so has Japan since 1951.
KOREAN_OFFSET = "+09:00"
SEOUL = "Asia/Seoul"  # the zone the report's dates are shown in, as the article's are
KOREA = dt.timezone(dt.timedelta(hours=9))


# Why a string is not a date of a precision: the message templates parse_when fills in.
NO_OFFSET = '"{value}" has no UTC offset (write e.g. {example}+09:00)'
BAD_SHAPE = '"{value}" does not have the shape of precision "{precision}" ({shape})'
NOT_REAL = '"{value}" is not a real date or time'


def date_error(value: str, precision: str) -> tuple[str, dict] | None:
    """Why `value` is not a date of `precision`, as (template, its fields), or None if it is one."""
    pattern, fmt, shape = SHAPES[precision]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?", value):
        return NO_OFFSET, {"value": value, "example": value[:16]}
    if not re.fullmatch(pattern, value, re.ASCII):
        return BAD_SHAPE, {"value": value, "precision": precision, "shape": shape}
    try:
        dt.datetime.strptime(value, fmt)
    except ValueError:
        return NOT_REAL, {"value": value}
    return None


def parse_when(value: str, precision: str) -> dt.datetime | str:
    """The start of the period a date string names, or a message saying why it is not a date of that precision."""
    if error := date_error(value, precision):
        template, fields = error
        return template.format(**fields)
    return dt.datetime.strptime(value, SHAPES[precision][1])


def shape_precision(value: str) -> str | None:
    """The precision whose shape a date string has ("2022-05" -> "month"), or None."""
    return next((p for p in PRECISIONS if re.fullmatch(SHAPES[p][0], value)), None)


def period(start: dt.datetime, precision: str) -> tuple[dt.datetime, dt.datetime]:
    """The first and the last instant (exclusive) of the period a parsed date names, in Korean time."""
    if start.tzinfo is None:
        start = start.replace(tzinfo=KOREA)
    if precision == "year":
        return start, start.replace(year=start.year + 1)
    if precision == "month":
        return start, (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    step = {"day": dt.timedelta(days=1), "hour": dt.timedelta(hours=1), "minute": dt.timedelta(minutes=1)}
    return start, start + step[precision]


def offset(value: str) -> str | None:
    """The UTC offset written at the end of a date-time ("2022-05-24T07:56+09:00" -> "+09:00"), or None."""
    match = re.search(r"T\d{2}:\d{2}([+-]\d{2}:\d{2})$", value)
    return match.group(1) if match else None


def today() -> dt.date:
    """The build date, in Korean time: no dated row may lie after it."""
    return dt.datetime.now(KOREA).date()


# ------------------------------------------------------------------ dates in words, and how charts draw them

# A date to the hour or minute names a time of day: a chart draws it as a point, or as an interval from its start
# to its end. A date to the year, month or day names a period the event fell in somewhere: a chart draws it as a
# band over the whole period, since a point would claim a time the source does not give.
TIME_OF_DAY_PRECISIONS = ("hour", "minute")
# Only minutes can be counted between two rows both dated to the minute ("hours after" is not a number).
MINUTE_PRECISIONS = ("minute",)
_WORDS_FORMAT = {"year": "%Y", "month": "%B %Y", "day": "%-d %B %Y", "hour": "%-d %B %Y, %H:00",
                 "minute": "%-d %B %Y, %H:%M"}


def _missing(value) -> bool:
    return value is None or value != value  # NaN and NaT are not equal to themselves


def drawn_as_band(precision: str) -> bool:
    """Whether a date of this precision is drawn as a band over its period (year, month, day), not a point."""
    if precision not in SHAPES:
        raise ValueError(f"unknown precision {precision!r}")
    return precision not in TIME_OF_DAY_PRECISIONS


def precision_text(precision: str, approximate: bool = False) -> str:
    """How finely a row is dated, in words: "to the day", "to the minute, approximate"."""
    if precision not in SHAPES:
        raise ValueError(f"unknown precision {precision!r}")
    return f"to the {precision}" + (", approximate" if approximate else "")


def finest(precisions) -> str:
    """The finest of some precisions ("minute" of "day" and "minute")."""
    return min(precisions, key=PRECISIONS.index)


def when_text(row) -> str:
    """A row's date in words, no finer than its precision ("January 2022", "24 May 2022, 07:56").

    `row` has `precision`, `start_ts`, `end_ts` and `approximate` (a row of kadiz.data.load's tables).
    """
    precision, start, end = row["precision"], row["start_ts"], row["end_ts"]
    text = start.strftime(_WORDS_FORMAT[precision])
    if not _missing(end):
        same_day = precision in TIME_OF_DAY_PRECISIONS and end.date() == start.date()
        text += "\u2013" + end.strftime("%H:%M" if same_day else _WORDS_FORMAT[precision])
    if bool(row.get("approximate", False)):
        text = "around " + text
    return text


def minutes_between(earlier, later) -> int | None:
    """Whole minutes from the end (else the start) of one row to the start of another; None unless both rows are
    dated to the minute."""
    if earlier["precision"] not in MINUTE_PRECISIONS or later["precision"] not in MINUTE_PRECISIONS:
        return None
    start = earlier["start_ts"] if _missing(earlier["end_ts"]) else earlier["end_ts"]
    return int((later["start_ts"] - start).total_seconds() // 60)


def hours_minutes(minutes: int | None) -> str | None:
    """1185 -> "19 h 45 min", 42 -> "42 min"; None stays None."""
    if minutes is None:
        return None
    hours, rest = divmod(int(minutes), 60)
    return f"{hours} h {rest} min" if hours else f"{rest} min"

"""Dates in words and on charts (kadiz.when): never finer than the source, and one rule for bands and points."""

import pandas as pd
import pytest

from kadiz import when


def _row(start, precision, end=None, approximate=False):
    ts = lambda s: pd.Timestamp(s, tz="Asia/Seoul") if s else pd.NaT  # noqa: E731
    return {"start_ts": ts(start), "end_ts": ts(end), "precision": precision, "approximate": approximate}


def test_hours_minutes_words():
    assert when.hours_minutes(None) is None
    assert when.hours_minutes(42) == "42 min"
    assert when.hours_minutes(60) == "1 h 0 min"
    # 10:15 on 24 May to 06:00 on 25 May: 13 h 45 min to midnight and 6 h after it.
    assert when.hours_minutes(1185) == "19 h 45 min"


def test_when_text_says_no_more_than_the_precision():
    assert when.when_text(_row("2022-01-01", "month")) == "January 2022"
    assert when.when_text(_row("1950-01-01", "year", end="1953-01-01")) == "1950\u20131953"
    assert when.when_text(_row("2022-05-24", "day")) == "24 May 2022"
    # A window within one day names the day once; a hedged time says so.
    assert when.when_text(_row("2022-05-25 06:00", "minute", end="2022-05-25 06:42")) == "25 May 2022, 06:00\u201306:42"
    assert when.when_text(_row("2022-05-24 09:33", "minute", approximate=True)) == "around 24 May 2022, 09:33"


def test_minutes_only_between_rows_timed_to_the_minute():
    entry, exit_ = _row("2022-05-24 07:56", "minute"), _row("2022-05-24 09:33", "minute")
    assert when.minutes_between(entry, exit_) == 97
    # From the end of a window, not its start: the launches end 06:42, the next row is at 07:00.
    window = _row("2022-05-25 06:00", "minute", end="2022-05-25 06:42")
    assert when.minutes_between(window, _row("2022-05-25 07:00", "minute")) == 18
    assert when.minutes_between(_row("2022-03-24", "day"), exit_) is None


def test_a_day_is_a_band_in_every_chart_and_a_time_of_day_is_not():
    assert [p for p in when.PRECISIONS if when.drawn_as_band(p)] == ["day", "month", "year"]
    with pytest.raises(ValueError, match="unknown precision"):
        when.drawn_as_band("week")


def test_precision_in_words_and_the_finest_of_several():
    assert when.precision_text("day") == "to the day"
    assert when.precision_text("minute", approximate=True) == "to the minute, approximate"
    assert when.finest(["day", "minute", "year"]) == "minute"

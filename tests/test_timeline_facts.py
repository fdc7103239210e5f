"""The chapter "The timeline" in numbers and words, worked by hand from the article's printed times.

Hand arithmetic (data/events.csv, Korean time = UTC+9, all from the article):
- rows may24-h6-kadiz-entry / -exit: 07:56 to "around 9:33" on 24 May -> 1 h 37 min = 97 min in the zone;
- rows may24-joint-kadiz-entry / -exit: 09:58 to 10:15 -> 17 min;
- row may24-joint-kadiz-exit 10:15 on 24 May to row may25-missile-launches 06:00 on 25 May: 13 h 45 min to
  midnight + 6 h = 19 h 45 min = 1185 min; the launches run 06:00 to 06:42, 42 min.
On other clocks (the exercise): 10:15 KST is 01:15 UTC on 24 May, 06:00 KST on 25 May is 21:00 UTC on 24 May, so in
UTC the missiles fly the same calendar day as the flights. New York keeps daylight saving time in May (UTC-4):
21:15 on 23 May and 17:00 on 24 May, a day apart again.
"""

import html
import re

import pandas as pd
import pytest

from kadiz import book
from kadiz import timeline_facts as tf
from kadiz.charts import reader, render, try_it
from kadiz.data import load


@pytest.fixture(scope="module")
def d():
    return load()


@pytest.fixture(scope="module")
def facts(d):
    return tf.facts(d)


def test_may_sequence_is_the_article_s_printed_times(d):
    may = tf.may_sequence(d.events, d.assets)
    assert (may["h6-entry"], may["h6-exit"], may["h6-minutes-in-zone"]) == ("07:56", "09:33", 97)
    assert (may["joint-entry"], may["joint-exit"], may["joint-minutes-in-zone"]) == ("09:58", "10:15", 17)
    # The last exit and the first launch fall on different days, so each says its day.
    assert (may["last-exit"], may["launch-start"], may["launch-end"]) == ("10:15 on 24 May", "06:00 on 25 May", "06:42")
    assert may["last-exit-to-first-launch-minutes"] == 19 * 60 + 45
    assert (may["last-exit-to-first-launch"], may["launch-window-minutes"]) == ("19 h 45 min", 42)
    # "two Chinese H-6 bombers"; "the two Chinese warplanes joined four Russian warplanes, including two TU-95".
    assert (may["h6-bombers"], may["joint-chinese-aircraft"]) == (2, 2)
    assert (may["joint-russian-aircraft"], may["joint-tu95-bombers"]) == (4, 2)


def test_dating_summary_counts_each_precision_once():
    # Five made-up events: the oldest dated from outside the article, one to the minute, two to the day, one year.
    events = pd.DataFrame({
        "start_ts": pd.to_datetime(["2022-05-24 07:56", "1950-06-25 00:00", "2022-05-24 00:00", "2022-03-23 00:00",
                                    "2017-01-01 00:00"]),
        "precision": ["minute", "year", "day", "day", "year"],
        "dated_from": ["article", "outside", "article", "article", "article"],
        "label": ["H-6 enter", "Korean War", "Biden leaves", "China flies", "Since 2017"]})
    summary = tf.dating_summary(events)
    assert summary["events"] == 5 and summary["events-dated-from-outside"] == 1
    assert [summary[f"events-to-the-{p}"] for p in ("minute", "hour", "day", "month", "year")] == [1, 0, 2, 0, 2]
    assert (summary["oldest-year"], summary["oldest-label"]) == ("1950", "Korean War")


def test_dates_in_words_keep_the_article_s_precision(d):
    found = tf.dates_in_words(d.events, ["biden-leaves-tokyo", "ipef-launch"])
    # "on Tuesday evening": a day, not a time; "In Japan" on the May trip: the month only.
    assert found == {"when-biden-leaves-tokyo": "24 May 2022", "precision-biden-leaves-tokyo": "day",
                     "when-ipef-launch": "May 2022", "precision-ipef-launch": "month"}


@pytest.mark.parametrize("time_zone, last_exit, first_launch, days, launch_day", [
    ("Asia/Seoul", "10:15 on 24 May", "06:00 on 25 May", 1, "1 day later"),
    ("UTC", "01:15 on 24 May", "21:00 on 24 May", 0, "the same day"),
    ("America/New_York", "21:15 on 23 May", "17:00 on 24 May", 1, "1 day later"),
])
def test_the_next_morning_is_a_fact_of_the_clock(d, time_zone, last_exit, first_launch, days, launch_day):
    found = tf.flights_and_launch_days(d.events, time_zone)
    assert (found["last-exit"], found["first-launch"]) == (last_exit, first_launch)
    assert (found["days-apart"], found["launch-day"]) == (days, launch_day)
    assert tf.flights_and_launch_days_in_words(d.events, time_zone).endswith(f"{first_launch}: {launch_day}")


def test_the_events_on_another_clock_keep_their_minutes(d):
    utc = tf.may_on_the_clock_of(d.events, "UTC").set_index("Event")
    # The H-6 entered at 07:56 KST = 22:56 UTC on 23 May, the first hour of that clock's chart: 22 h 56 min.
    h6 = utc.loc["Two H-6 enter KADIZ"]
    assert (h6["Day"], h6["From"], h6["To"]) == ("23 May", "22:56", "00:33")
    assert h6["from_hours"] == pytest.approx(22 + 56 / 60)
    assert (h6["to_hours"] - h6["from_hours"]) * 60 == pytest.approx(97)
    launches = utc.loc["Three ballistic missiles"]
    # 21:00 on 24 May is 24 h + 21 h after midnight starting 23 May.
    assert (launches["Day"], launches["From"], launches["To"], launches["from_hours"]) == ("24 May", "21:00", "21:42", 45)


def test_the_try_it_chart_draws_the_clock_it_was_given(d):
    frame = tf.may_on_the_clock_of(d.events, "UTC")
    finding = tf.flights_and_launch_days_in_words(d.events, "UTC")
    payload = try_it.clock_figure(frame, "UTC", finding).payload()
    for layout in ("desktop", "phone"):
        assert payload[layout]["description"].startswith(f"Bar chart on the clock of UTC: {finding}.")
    assert payload["table"]["columns"] == ["Event", "Day", "From", "To"]


def _drawn_words(frame: pd.DataFrame, time_zone: str, layout: str) -> list[str]:
    """The lines of text of the try-it clock chart as drawn offline (a label of several lines gives one each)."""
    svg = reader.svg(render.layout_spec(try_it.clock_figure(frame, time_zone, "t").payload(), layout))
    return [html.unescape(w) for w in re.findall(r"<(?:text|tspan)[^>]*>([^<]+)</(?:text|tspan)>", svg)]


def test_the_clock_names_the_day_each_midnight_begins(d):
    # On the UTC clock the chart starts at midnight beginning 23 May (the H-6 entered at 22:56 UTC on 23 May) and the
    # launches end at 21:42 on 24 May: midnights begin 23, 24 and 25 May.
    frame = tf.may_on_the_clock_of(d.events, "UTC")
    for layout in ("desktop", "phone"):
        words = _drawn_words(frame, "UTC", layout)
        assert {"23 May", "24 May", "25 May"} <= set(words), layout
        assert "midnight" not in words
    assert "12:00" in _drawn_words(frame, "UTC", "desktop")  # the hours between (a phone has room for the days)


def _every_word_drawn(name: str, words: list[str]) -> bool:
    """Whether the words of `name` are drawn in order, on one line or over several that follow each other."""
    drawn = " ".join(words)
    return f" {' '.join(name.split())} " in f" {drawn} "


def test_on_a_phone_the_clock_draws_every_word_of_each_event_uncut(d):
    frame = tf.may_on_the_clock_of(d.events, "Asia/Seoul")
    words = _drawn_words(frame, "Asia/Seoul", "phone")
    assert not any(w.endswith("\u2026") for w in words), words
    for name in frame["Event"]:
        assert _every_word_drawn(name, words), name


@pytest.mark.parametrize("name", [
    'The "joint" \\ </script> <b>enters</b> KADIZ\'s zone',  # quotes, a backslash, markup: a Vega string's and a page's
    "Tu-95MS and H-6K bombers in formation enter",  # names with hyphens, never broken at them
    "Joint formation of the Chinese and Russian strategic bombers enters the zone",  # four lines
])
def test_an_event_name_from_the_data_is_drawn_whole_as_written(d, name):
    frame = tf.may_on_the_clock_of(d.events, "UTC")
    frame.loc[1, "Event"] = name
    words = _drawn_words(frame, "UTC", "phone")
    assert not any(w.endswith("\u2026") for w in words), words
    assert _every_word_drawn(name, words)


def test_an_unknown_time_zone_is_refused(d):
    with pytest.raises(Exception, match="Korea/Pyongyang|time zone|timezone"):
        tf.may_on_the_clock_of(d.events, "Korea/Pyongyang")


def test_the_chapters_facts_are_named_by_the_glue_key_convention(facts):
    for name in facts:
        book.check_key(f"timeline-{name}")
        # Words, not counters: no "-n-" and no bare "n-" (issue 19).
        assert not name.startswith("n-") and "-n-" not in name, name


def test_the_exercise_sets_utc_beside_korean_time(facts):
    assert (facts["exercise-time-zone"], facts["exercise-launch-day"]) == ("UTC", "the same day")
    assert facts["korean-time-launch-day"] == "1 day later"


def test_the_article_dates_all_but_two_events_itself(facts):
    # The article names the Korean War and the treaty "that dates back to the post-Korean War era" without years;
    # it gives clock times to the minute or none at all.
    assert facts["events-dated-from-outside"] == 2 and facts["events-to-the-hour"] == 0

"""The timeline's measures, checked against values worked out by hand from the article's printed times.

Hand arithmetic (Korean time, all from the article):
- the two H-6: entered 7:56 AM, exited "around 9:33 AM" on 24 May -> 9:33 - 7:56 = 1 h 37 min = 97 min;
- the joint formation: entered 9:58 AM, left 10:15 AM -> 17 min;
- last exit 10:15 AM on 24 May to first launch 6:00 AM on 25 May -> 13 h 45 min to midnight + 6 h = 19 h 45 min
  = 1185 min;
- launch window "between 6:00 AM and 6:42 AM" -> 42 min.
March is dated to the day only, so none of these has a March value.
"""

import pandas as pd
import pytest

from kadiz import timeline
from kadiz.data import load


@pytest.fixture(scope="module")
def data():
    return load()


def test_minutes_in_the_zone_per_flight(data):
    visits = timeline.zone_visits(data.events)
    assert visits["entry_id"].tolist() == ["may24-h6-kadiz-entry", "may24-joint-kadiz-entry"]
    assert visits["minutes"].tolist() == [97, 17]
    # "at around 9:33 AM": the H-6 duration inherits the hedge of its exit time.
    assert visits["approximate"].tolist() == [True, False]


def test_last_exit_to_first_launch_in_may(data):
    assert timeline.last_flight_to_first_launch_minutes(data.events, "may-2022") == 19 * 60 + 45 == 1185


def test_launch_window_in_may(data):
    assert timeline.launch_window_minutes(data.events, "may-2022") == 42


def test_march_has_no_minutes(data):
    assert timeline.launch_window_minutes(data.events, "march-2022") is None
    assert timeline.last_flight_to_first_launch_minutes(data.events, "march-2022") is None


def test_may_sequence_is_the_article_s_printed_times(data):
    may = timeline.may_sequence(data.events, data.assets)
    assert (may["h6-entry"], may["h6-exit"], may["h6-minutes"]) == ("07:56", "09:33", 97)
    assert (may["joint-entry"], may["joint-exit"], may["joint-minutes"]) == ("09:58", "10:15", 17)
    # The last exit and the first launch fall on different days, so each says its day.
    assert (may["last-exit"], may["launch-start"], may["launch-end"]) == ("10:15 on 24 May", "06:00 on 25 May", "06:42")
    assert (may["gap-minutes"], may["gap-text"], may["window-minutes"]) == (1185, "19 h 45 min", 42)
    # "two Chinese H-6 bombers"; "four Russian warplanes, including two Tu-95 bombers".
    assert (may["n-h6"], may["n-joint-russian"], may["n-joint-tu95"]) == (2, 4, 2)


def test_spans_fold_each_exit_into_its_entry_and_keep_whole_minutes(data):
    spans = timeline.spans(data.events).set_index("id")
    assert "may24-h6-kadiz-exit" not in spans.index and "may24-joint-kadiz-exit" not in spans.index
    h6 = spans.loc["may24-h6-kadiz-entry"]
    assert h6["flight"] and h6["minutes"] == 97 and isinstance(h6["minutes"], int)
    assert h6["when"] == "24 May 2022, 07:56\u2013around 09:33"  # the article: "at around 9:33 AM"
    assert spans.loc["may25-missile-launches", "minutes"] == 42
    assert spans.loc["mar24-icbm", "minutes"] is None  # dated to the day: no minutes


def test_dates_from_outside_the_article_are_marked_in_the_table(data):
    table = timeline.event_table(data.events, data.actors).set_index("Event")
    marked = table.index[table["Date"].str.endswith("(date from outside the article)")]
    # The article names the Korean War and the treaty "that dates back to the post-Korean War era" without years.
    assert sorted(marked) == ["China-North Korea treaty", "Korean War"]
    assert table.loc["Korean War", "Date"] == "1950\u20131953 (date from outside the article)"
    assert table.loc["Two H-6 enter KADIZ", "Date"] == "24 May 2022, 07:56"
    assert timeline.dating_summary(data.events)["n-outside-dates"] == 2


def test_dating_summary_counts_each_precision_once(data):
    summary = timeline.dating_summary(data.events)
    assert summary["n-events"] == len(data.events)
    assert sum(summary[f"n-{p}"] for p in ("year", "month", "day", "hour", "minute")) == len(data.events)
    assert summary["n-hour"] == 0  # the article gives clock times to the minute or none at all
    assert (summary["oldest-year"], summary["oldest-label"]) == ("1950", "Korean War")


def test_dates_in_words_keep_the_article_s_precision(data):
    words = timeline.dates_in_words(data.events, ["biden-leaves-tokyo", "ipef-launch"])
    # "on Tuesday evening": a day, not a time; "In Japan" on the May trip: the month only.
    assert words == {"when-biden-leaves-tokyo": "24 May 2022", "precision-biden-leaves-tokyo": "day",
                     "when-ipef-launch": "May 2022", "precision-ipef-launch": "month"}


def test_joint_drills_label_does_not_say_they_began_in_2018(data):
    # "an increasing range of joint drills since the giant Vostok 2018 military drills": joint drills were older.
    label = data.events.set_index("id").loc["china-russia-joint-drills", "label"]
    assert "begin" not in label.lower() and "since Vostok 2018" in label


# ------------------------------------------------------------------ tiny hand-made frames


def _events(rows):
    """Events with the columns kadiz.data.load adds, from (id, category, start, end, precision, entry_id)."""
    frame = pd.DataFrame(rows, columns=["id", "category", "start", "end", "precision", "entry_id"])
    to_ts = lambda s: pd.to_datetime(s).dt.tz_localize("Asia/Seoul")  # noqa: E731
    frame["start_ts"], frame["end_ts"] = to_ts(frame["start"]), to_ts(frame["end"])
    period = {"day": pd.Timedelta(days=1), "minute": pd.Timedelta(0)}
    last = frame["end_ts"].fillna(frame["start_ts"])
    frame["period_end_ts"] = [ts + period[p] for ts, p in zip(last, frame["precision"])]
    frame["approximate"] = False
    frame["episode"] = "test"
    frame["actors"] = "china-air-force"
    frame["passage"] = "text"
    return frame


def test_exit_without_entry_raises():
    events = _events([("out", "air-zone-exit", "2022-05-24 09:33", None, "minute", None)])
    with pytest.raises(ValueError, match="names no entry"):
        timeline.zone_visits(events)


def test_exit_pointing_at_a_missing_entry_raises():
    events = _events([("out", "air-zone-exit", "2022-05-24 09:33", None, "minute", "nowhere")])
    with pytest.raises(ValueError, match="names no entry"):
        timeline.zone_visits(events)


def test_exit_before_entry_raises():
    events = _events([("in", "air-zone-entry", "2022-05-24 10:00", None, "minute", None),
                      ("out", "air-zone-exit", "2022-05-24 09:00", None, "minute", "in")])
    with pytest.raises(ValueError, match="before its entry"):
        timeline.zone_visits(events)


def test_day_precision_gives_no_minutes():
    events = _events([("in", "air-zone-entry", "2022-03-23", None, "day", None),
                      ("out", "air-zone-exit", "2022-03-23", None, "day", "in"),
                      ("fire", "missile-launch", "2022-03-24", None, "day", None)])
    assert timeline.zone_visits(events)["minutes"].tolist() == [None]
    assert timeline.last_flight_to_first_launch_minutes(events, "test") is None
    assert timeline.launch_window_minutes(events, "test") is None


def test_minutes_across_midnight():
    events = _events([("in", "air-zone-entry", "2022-05-24 23:50", None, "minute", None),
                      ("out", "air-zone-exit", "2022-05-25 00:10", None, "minute", "in"),
                      ("fire", "missile-launch", "2022-05-25 01:00", "2022-05-25 01:05", "minute", None)])
    assert timeline.zone_visits(events)["minutes"].tolist() == [20]
    assert timeline.last_flight_to_first_launch_minutes(events, "test") == 50
    assert timeline.launch_window_minutes(events, "test") == 5


def test_actor_groups_follow_the_actors_country():
    actors = pd.DataFrame({"id": ["ussr", "quad", "un"], "country": ["SUN", "INT", "INT"]})
    assert timeline.actor_groups("ussr;quad", actors) == ["Russia", "US and allies"]
    assert timeline.actor_groups("un", actors) == ["Other"]
    assert timeline.actor_groups(None, actors) == ["Other"]


def test_asset_count_names_what_is_missing():
    assets = pd.DataFrame({"event_id": ["fire"], "country": ["PRK"], "platform": ["ICBM"], "count": [1]})
    assert timeline.asset_count(assets, "fire", "PRK", "ICBM") == 1
    with pytest.raises(KeyError):
        timeline.asset_count(assets, "fire", "PRK", "cruise missile")

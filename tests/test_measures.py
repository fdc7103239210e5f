"""The derived measures, checked against values worked out by hand from the article's printed times.

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

from kadiz import measures
from kadiz.data import load


@pytest.fixture(scope="module")
def data():
    return load()


def test_minutes_in_the_zone_per_flight(data):
    visits = measures.zone_visits(data.events)
    assert visits["entry_id"].tolist() == ["may24-h6-kadiz-entry", "may24-joint-kadiz-entry"]
    assert visits["minutes"].tolist() == [97, 17]
    # "at around 9:33 AM": the H-6 duration inherits the hedge of its exit time.
    assert visits["approximate"].tolist() == [True, False]


def test_last_exit_to_first_launch_in_may(data):
    assert measures.last_flight_to_first_launch_minutes(data.events, "may-2022") == 19 * 60 + 45 == 1185
    assert measures.hours_minutes(1185) == "19 h 45 min"


def test_launch_window_in_may(data):
    assert measures.launch_window_minutes(data.events, "may-2022") == 42


def test_march_has_no_minutes(data):
    assert measures.launch_window_minutes(data.events, "march-2022") is None
    assert measures.last_flight_to_first_launch_minutes(data.events, "march-2022") is None


def test_clock_puts_march_on_whole_days_and_may_on_its_minutes(data):
    march = measures.episode_clock(data.events, data.actors, "march-2022").set_index("event_id")
    # 23 March is the day before the launch day, 24 March the launch day itself: whole days, no times.
    assert (march.loc["mar23-china-kadiz", "from_hours"], march.loc["mar23-china-kadiz", "to_hours"]) == (-24, 0)
    assert (march.loc["mar24-icbm", "from_hours"], march.loc["mar24-icbm", "to_hours"]) == (0, 24)
    may = measures.episode_clock(data.events, data.actors, "may-2022")
    h6 = may[may["event_id"] == "may24-h6-kadiz-entry"].iloc[0]
    # 7:56 on the day before the launch day is 24 h - 7 h 56 min = 16 h 4 min before midnight.
    assert h6["from_hours"] == pytest.approx(-(16 + 4 / 60))
    assert (h6["to_hours"] - h6["from_hours"]) * 60 == pytest.approx(97)
    launches = may[may["event_id"] == "may25-missile-launches"].iloc[0]
    assert (launches["from_hours"], launches["to_hours"]) == (6, pytest.approx(6.7))
    # The joint flight belongs to both the China and the Russia lane.
    assert set(may.loc[may["event_id"] == "may24-joint-kadiz-entry", "lane"]) == {"China", "Russia"}


def test_comparison_table_numbers_its_points_and_says_what_cannot_be_compared(data):
    table = measures.comparison_table(data.events, data.actors, data.assets).set_index("Point")
    assert table["No."].tolist() == list(range(1, len(table) + 1))
    assert table.loc["Countries whose forces flew or fired", "In the data"] == "same"
    assert table.loc["Minutes in the zone, per flight", "May 2022"] == "97 min; 17 min"
    assert table.loc["Minutes in the zone, per flight", "In the data"] == "cannot be compared"
    assert table.loc["Last flight to first launch", "May 2022"] == "19 h 45 min"
    assert table.loc["Launch window", "May 2022"] == "42 min"
    assert "1 ICBM" in table.loc["Aircraft and missiles counted", "March 2022"]
    assert "3 ballistic missiles" in table.loc["Aircraft and missiles counted", "May 2022"]
    # March: China on the 23rd, Russia and North Korea on the 24th, the data cannot order the last two.
    assert table.loc["Order of first acts by country", "In the data"].startswith("consistent")


def test_speakers_and_stances(data):
    counts = measures.stance_counts(data.quotes, data.speakers)
    assert counts.to_numpy().sum() == len(data.quotes)
    assert counts.loc["Chun In-bum", "coordinated"] == 2
    anonymous = measures.anonymity_table(data.speakers, data.quotes)
    assert len(anonymous) == data.speakers["anonymous"].sum()
    # Only the military-affairs source has a stated reason; the others must say plainly that none is given.
    assert (anonymous["Reason for anonymity"] == "none given in the article").sum() == len(anonymous) - 1


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
        measures.zone_visits(events)


def test_exit_pointing_at_a_missing_entry_raises():
    events = _events([("out", "air-zone-exit", "2022-05-24 09:33", None, "minute", "nowhere")])
    with pytest.raises(ValueError, match="names no entry"):
        measures.zone_visits(events)


def test_exit_before_entry_raises():
    events = _events([("in", "air-zone-entry", "2022-05-24 10:00", None, "minute", None),
                      ("out", "air-zone-exit", "2022-05-24 09:00", None, "minute", "in")])
    with pytest.raises(ValueError, match="before its entry"):
        measures.zone_visits(events)


def test_day_precision_gives_no_minutes():
    events = _events([("in", "air-zone-entry", "2022-03-23", None, "day", None),
                      ("out", "air-zone-exit", "2022-03-23", None, "day", "in"),
                      ("fire", "missile-launch", "2022-03-24", None, "day", None)])
    assert measures.zone_visits(events)["minutes"].tolist() == [None]
    assert measures.last_flight_to_first_launch_minutes(events, "test") is None
    assert measures.launch_window_minutes(events, "test") is None


def test_minutes_across_midnight():
    events = _events([("in", "air-zone-entry", "2022-05-24 23:50", None, "minute", None),
                      ("out", "air-zone-exit", "2022-05-25 00:10", None, "minute", "in"),
                      ("fire", "missile-launch", "2022-05-25 01:00", "2022-05-25 01:05", "minute", None)])
    assert measures.zone_visits(events)["minutes"].tolist() == [20]
    assert measures.last_flight_to_first_launch_minutes(events, "test") == 50
    assert measures.launch_window_minutes(events, "test") == 5


def test_hours_minutes_words():
    assert measures.hours_minutes(None) is None
    assert measures.hours_minutes(42) == "42 min"
    assert measures.hours_minutes(60) == "1 h 0 min"


def test_lanes_follow_the_actors_country():
    actors = pd.DataFrame({"id": ["ussr", "quad", "un"], "country": ["SUN", "INT", "INT"]})
    assert measures.lanes_of("ussr;quad", actors) == ["Russia", "US and allies"]
    assert measures.lanes_of("un", actors) == ["Other"]


def test_quote_tables_split_by_stance_keep_the_article_numbers(data):
    whole = measures.quote_table(data.quotes, data.speakers)
    taking = measures.quote_table(data.quotes, data.speakers, takes_stance=True)
    other = measures.quote_table(data.quotes, data.speakers, takes_stance=False)
    assert sorted(taking["No."].tolist() + other["No."].tolist()) == whole["No."].tolist()
    assert whole["Passage (verbatim)"].tolist() == data.quotes["passage"].tolist()
    assert not other["Coded as"].str.endswith("; coordinated").any()


def test_names_in_words():
    assert measures.in_words(["A"]) == "A"
    assert measures.in_words(["A", "B", "C"]) == "A, B and C"


def test_spans_fold_each_exit_into_its_entry_and_keep_whole_minutes(data):
    spans = measures.spans(data.events).set_index("id")
    assert "may24-h6-kadiz-exit" not in spans.index and "may24-joint-kadiz-exit" not in spans.index
    h6 = spans.loc["may24-h6-kadiz-entry"]
    assert h6["flight"] and h6["minutes"] == 97 and isinstance(h6["minutes"], int)
    assert h6["when"] == "24 May 2022, 07:56\u2013around 09:33"  # the article: "at around 9:33 AM"
    assert spans.loc["may25-missile-launches", "minutes"] == 42
    assert spans.loc["mar24-icbm", "minutes"] is None  # dated to the day: no minutes

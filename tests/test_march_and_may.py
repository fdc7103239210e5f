"""March and May on one clock and point by point, checked against the article's dates worked out by hand.

March is dated to the day only (23 March: Chinese flights; 24 March: Russian flights and the ICBM), May to the
minute (7:56-9:33 and 9:58-10:15 on 24 May in the zone, launches 6:00-6:42 on 25 May).
"""

import pandas as pd
import pytest

from kadiz import march_and_may
from kadiz.charts import march_and_may as charts
from kadiz.charts import theme
from kadiz.data import load
from tests.chart_specs import walk


@pytest.fixture(scope="module")
def data():
    return load()


@pytest.fixture(scope="module")
def table(data):
    return march_and_may.comparison_table(data.events, data.actors, data.assets)


def test_clock_puts_march_on_whole_days_and_may_on_its_minutes(data):
    march = march_and_may.episode_clock(data.events, data.actors, "march-2022").set_index("event_id")
    # 23 March is the day before the launch day, 24 March the launch day itself: whole days, no times.
    assert (march.loc["mar23-china-kadiz", "from_hours"], march.loc["mar23-china-kadiz", "to_hours"]) == (-24, 0)
    assert (march.loc["mar24-icbm", "from_hours"], march.loc["mar24-icbm", "to_hours"]) == (0, 24)
    may = march_and_may.episode_clock(data.events, data.actors, "may-2022")
    h6 = may[may["event_id"] == "may24-h6-kadiz-entry"].iloc[0]
    # 7:56 on the day before the launch day is 24 h - 7 h 56 min = 16 h 4 min before midnight.
    assert h6["from_hours"] == pytest.approx(-(16 + 4 / 60))
    assert (h6["to_hours"] - h6["from_hours"]) * 60 == pytest.approx(97)
    launches = may[may["event_id"] == "may25-missile-launches"].iloc[0]
    assert (launches["from_hours"], launches["to_hours"]) == (6, pytest.approx(6.7))
    # The joint flight belongs to both the China and the Russia group.
    assert set(may.loc[may["event_id"] == "may24-joint-kadiz-entry", "lane"]) == {"China", "Russia"}


def test_comparison_table_numbers_its_points_and_says_what_cannot_be_compared(table):
    table = table.set_index("Point")
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


def test_comparison_compares_events_not_the_coding(table):
    # How many rows the coding gives a kind, or how finely the article dates an episode, says nothing of what
    # happened: May has an exit row per flight because the article prints exit times, not because more happened.
    assert not table["Point"].str.contains("Rows per kind|precision", case=False).any()
    kinds = table.set_index("Point").loc["Kinds of incident"]
    assert (kinds["March 2022"], kinds["In the data"]) == ("flights into the KADIZ, missile launches", "same")
    # Both episodes: flights on the day before the launch day, and on the launch day itself (24 March, 24 May).
    days = table.set_index("Point").loc["Calendar days spanned"]
    assert (days["March 2022"], days["May 2022"]) == ("2", "2")


def test_order_verdict_reads_a_tie_as_either_order():
    tie = [["China"], ["Russia", "North Korea"]]
    assert march_and_may.order_verdict(tie, [["China"], ["Russia"], ["North Korea"]]).startswith("consistent")
    assert march_and_may.order_verdict(tie, [["China"], ["North Korea"], ["Russia"]]).startswith("consistent")
    assert march_and_may.order_verdict(tie, [["Russia"], ["China"], ["North Korea"]]) == "differs"
    assert march_and_may.order_verdict(tie, tie) == "same"


# ------------------------------------------------------------------ the figure: both episodes on one clock


@pytest.fixture(scope="module")
def clock(data):
    return charts.clock_figure(data.events, data.actors)


def test_clock_headline_states_the_gap_and_march_s_day(clock):
    # The joint formation left at 10:15 on 24 May and the first missile flew at 06:00 on 25 May:
    # 13 h 45 min to midnight and 6 h after it, 19 h 45 min. March's ICBM is dated to the day only.
    for spec in (clock.desktop.to_dict(), clock.phone.to_dict()):
        headline = " ".join(spec["title"]["text"])
        assert headline == ("In May the missiles came 19 h 45 min after the last flight; for March the article "
                            "gives only the day")
        assert spec["title"]["subtitle"]
        assert "19 h 45 min" in spec["description"] and "17 minutes" in spec["description"]


def test_clock_draws_the_gap_as_a_bracket_only_where_both_ends_are_timed(data):
    marks = charts.clock_marks(data.events, data.actors)
    gaps = pd.concat([charts.gap_mark(data.events, marks, e) for e in march_and_may.EPISODES])
    assert gaps["episode"].tolist() == ["may-2022"]  # March gives days, and a gap between days is not hours
    gap = gaps.iloc[0]
    assert (gap["from_hours"], gap["to_hours"]) == (pytest.approx(-(13 + 45 / 60)), 6)
    assert (gap["lane"], gap["text"]) == ("North Korea", "19 h 45 min later")
    assert gap["when"] == "24 May 2022, 10:15 to 25 May 2022, 06:00"


def test_clock_table_is_in_reader_words(clock):
    table = clock.table
    assert table.columns.tolist() == ["Episode", "Event", "Who", "Date as the article gives it", "Dated",
                                      "Start, from launch-day midnight", "End", "Length"]
    rows = table.set_index("Event")
    # The joint formation is one row naming both its countries: 09:58 on 24 May, 14 h 2 min before midnight.
    assert rows.loc["Joint formation enters KADIZ", "Who"] == "China and Russia"
    assert rows.loc["Joint formation enters KADIZ", "Start, from launch-day midnight"] == "14 h 2 min before"
    # The ICBM is a band over the launch day; the launches of May run from 6 h to 6 h 42 min after midnight.
    assert (rows.loc["ICBM test", "Start, from launch-day midnight"], rows.loc["ICBM test", "End"]) == (
        "midnight", "24 h after")
    assert rows.loc["Three ballistic missiles", "End"] == "6 h 42 min after"
    assert rows.loc["ICBM test", "Length"] == "not timed"
    text = " ".join(table.astype(str).to_numpy().ravel())
    for code in ("march-2022", "may-2022", "mar24-icbm", "day(s)", "interval", "band"):
        assert code not in text


def test_clock_has_no_zoom_and_colours_only_countries(clock):
    for spec in (clock.desktop.to_dict(), clock.phone.to_dict()):
        assert not [n for n in walk(spec) if isinstance(n, dict) and n.get("bind") == "scales"]
        scales = [n["scale"] for n in walk(spec) if isinstance(n, dict) and n.get("field") == "lane"
                  and isinstance(n.get("scale"), dict) and "range" in n["scale"]]
        assert scales and all(s["range"] == [theme.LANE_COLOURS[lane] for lane in s["domain"]] for s in scales)
        # The bracket is a measure, not a country: a neutral grey.
        assert any(n.get("color") == {"value": charts.GAP_COLOUR} for n in walk(spec) if isinstance(n, dict))


def test_phone_clock_has_fewer_ticks_and_wraps_its_labels(clock, data):
    ticks = {layout: next(n["values"] for n in walk(getattr(clock, layout).to_dict())
                          if isinstance(n, dict) and "labelExpr" in n) for layout in ("desktop", "phone")}
    assert ticks["desktop"] == list(range(-24, 25, 6)) and ticks["phone"] == [-24, -12, 0, 12, 24]
    rows = charts.drawn_rows(charts.clock_marks(data.events, data.actors),
                             charts.gap_mark(data.events, charts.clock_marks(data.events, data.actors), "may-2022"))
    china = rows[rows["label"] == "Chinese warplanes through KADIZ"].iloc[0]
    assert china["lines_desktop"] == "Chinese warplanes through KADIZ"
    # On a phone the day-wide band is 24 hours of a narrower plot: its label is broken into lines that fit it.
    room = 24 * charts._px_per_hour(theme.PHONE) - 6
    lines = china["lines_phone"].split("\n")
    assert len(lines) > 1 and " ".join(lines) == "Chinese warplanes through KADIZ"
    assert all(theme.text_px(line) <= room for line in lines)
    # On a phone the first May flight (97 min) sits too near both the plot's edge and the next flight (4 minutes
    # later) for its own label: the two lengths are written together after the second.
    h6 = rows[rows["label"] == "Two H-6 enter KADIZ"].iloc[0]
    joint = rows[(rows["label"] == "Joint formation enters KADIZ") & (rows["lane"] == "China")].iloc[0]
    assert (h6["side_desktop"], h6["side_phone"]) == ("left", "none")
    assert (joint["lines_desktop"], joint["lines_phone"]) == ("17 min", "97 min, 17 min")
    assert clock.phone.to_dict()["vconcat"][0]["width"] <= theme.PHONE.width


def test_each_band_s_label_stands_within_its_band(clock, data):
    # On a phone March's day-wide bands are narrow, so their labels wrap to three lines: 42 px of text on a band
    # 32 px high (0.8 of a 40 px lane) ran out of the band, over the lane above and below.
    marks = charts.clock_marks(data.events, data.actors)
    rows = charts.drawn_rows(marks, charts.gap_mark(data.events, marks, "may-2022"))
    for layout in ("desktop", "phone"):
        for panel in getattr(clock, layout).to_dict()["vconcat"]:
            episode = next(e for e, title in charts.PANEL_TITLES.items() if title == panel["title"]["text"])
            bands = rows[(rows["episode"] == episode) & (rows["drawn_as"] == "band")]
            band_px = charts.BAND * panel["height"]["step"]
            assert (bands[f"n_lines_{layout}"] * charts.LINE_HEIGHT <= band_px).all(), (layout, episode, band_px)
    assert rows.loc[rows["episode"] == "march-2022", "n_lines_phone"].max() == 3  # the case that overflowed


def test_clock_data_hold_no_ids(clock):
    # Only what the chart draws or shows travels with it: no record ids.
    payload = clock.payload()
    for rows in payload["datasets"].values():
        assert "event_id" not in rows[0]

"""The timeline's measures and its two figures, checked against values worked out by hand from the article's
printed times.

Hand arithmetic (Korean time, all from the article):
- the two H-6: entered 7:56 AM, exited "around 9:33 AM" on 24 May -> 9:33 - 7:56 = 1 h 37 min = 97 min;
- the joint formation: entered 9:58 AM, left 10:15 AM -> 17 min;
- last exit 10:15 AM on 24 May to first launch 6:00 AM on 25 May -> 13 h 45 min to midnight + 6 h = 19 h 45 min
  = 1185 min;
- launch window "between 6:00 AM and 6:42 AM" -> 42 min.
March is dated to the day only, so none of these has a March value.

The figures: the May headline states that gap ("19 h 45 min"; "three ballistic missiles" makes "3 missiles"); its
windows are the timed marks padded by 15 min to the quarter hour: 07:56 - 15 min = 07:41, down to 07:30; 10:15 +
15 min = 10:30; 06:00 - 15 min = 05:45; 06:42 + 15 min = 06:57, up to 07:00.
"""

import json

import pandas as pd
import pytest

from kadiz import timeline
from kadiz.charts import may_days, may_story, theme
from kadiz.charts import timeline as charts
from kadiz.data import load
from tests.chart_specs import CODES, headline, layers


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


# ------------------------------------------------------------------ what flew and what was fired, in words


def test_flights_are_named_from_the_assets(data):
    # assets.csv: the first flight "2 H-6 bomber"; the joint one "2 warplane" (CHN) -- "the two Chinese warplanes",
    # the same H-6 -- and "4 warplane" (RUS) with "2 Tu-95 bomber" counted inside them.
    names = timeline.flight_names(data.events, data.assets, "may-2022")
    assert names == {"may24-h6-kadiz-entry": "2 H-6", "may24-joint-kadiz-entry": "2 H-6 + 4 Russian incl. 2 Tu-95"}
    assert timeline.assets_in_words(data.assets, "may25-missile-launches") == \
        "3 ballistic missiles incl. 1 suspected ICBM"
    assert timeline.missiles_fired(data.assets, "may25-missile-launches") == 3  # the ICBM is one of the three


def test_an_unnamed_warplane_is_named_by_its_country():
    assets = pd.DataFrame({"event_id": ["f"], "country": ["CHN"], "platform": ["warplane"], "count": [3],
                           "included_in": [None]})
    assert timeline.assets_in_words(assets, "f") == "3 Chinese"


# ------------------------------------------------------------------ the figures, desktop and phone


@pytest.fixture(scope="module")
def may(data):
    return may_days.may_days_figure(data.events, data.actors, data.assets)


@pytest.fixture(scope="module")
def overview(data):
    return charts.overview_figure(data.events, data.actors, data.assets)


def _rows(spec: dict) -> list[dict]:
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def _marks(spec: dict) -> list[dict]:
    """Every row a layer draws, with the tooltip fields it looks up (the charts keep those in a table of their
    own, shared by both layouts) merged in; guides (no lookup) as they are."""
    named, rows = spec.get("datasets", {}), []
    for layer in layers(spec):
        data = named[layer["data"]["name"]] if "name" in layer.get("data", {}) else []
        lookups = [t["from"] for t in layer.get("transform", []) if "lookup" in t]
        tips = {r["key"]: r for r in named[lookups[0]["data"]["name"]]} if lookups else {}
        rows += [{**row, **tips.get(row.get("key"), {})} for row in data]
    return rows


def _texts(spec: dict) -> list[str]:
    return [row["text"] for row in _rows(spec) if isinstance(row.get("text"), str)]


def _no_codes(table: pd.DataFrame):
    text = " ".join(table.columns) + " " + " ".join(table.astype(str).to_numpy().ravel())
    assert not CODES.search(text), CODES.search(text)


@pytest.mark.parametrize("name", ["may", "overview"])
def test_both_layouts_at_their_width_with_a_finding_and_no_zoom(request, name):
    figure = request.getfixturevalue(name)
    for layout, spec in ((theme.DESKTOP, figure.desktop.to_dict()), (theme.PHONE, figure.phone.to_dict())):
        assert spec["width"] == layout.width
        assert spec["title"]["text"] and spec["title"]["subtitle"]
        assert len(spec["description"]) > 80
        assert "params" not in json.dumps(spec)  # no zoom or pan: the wheel scrolls the page
        # No text smaller than the theme's 12 px anywhere in the spec.
        sizes = [m.get("fontSize") for layer in layers(spec) for m in [layer["mark"]] if isinstance(m, dict)]
        assert all(s is None or s >= theme.TEXT_SIZE for s in sizes)


# ------------------------------------------------------------------ Fig. 2.2, 24-25 May


def test_may_headline_is_the_gap_worked_from_the_data(may):
    for spec in (may.desktop.to_dict(), may.phone.to_dict()):
        assert headline(spec) == "North Korea fired 3 missiles 19 h 45 min after the joint flight left the zone"


def test_may_windows_are_the_timed_marks_padded_to_the_quarter_hour(data):
    story = may_story.may_story(data.events, data.actors, data.assets)
    assert [(f"{s:%d %H:%M}", f"{e:%d %H:%M}") for s, e in story.windows] == [("24 07:30", "24 10:30"),
                                                                              ("25 05:45", "25 07:00")]
    assert (story.gap_minutes, story.gap_text, story.n_missiles) == (1185, "19 h 45 min", 3)


def test_may_chart_names_the_flights_and_labels_each_end_with_its_clock_time(may):
    for spec in (may.desktop.to_dict(), may.phone.to_dict()):
        texts = _texts(spec)
        assert {"2 H-6", "3 ballistic missiles"} <= set(texts)
        assert "2 H-6 + 4 Russian incl. 2 Tu-95" in texts or {"2 H-6 + 4 Russian", "incl. 2 Tu-95"} <= set(texts)
        # "at around 9:33 AM": the hedge stays on the time.
        assert {"07:56", "around 09:33", "09:58", "10:15", "06:00", "06:42"} <= set(texts)
        assert "19 h 45 min later: 3 missiles" in texts
        # The events dated only to the day, in the strip beneath: each named once, with no clock time.
        for name in ("Biden leaves Tokyo", "South Korea scrambles jets", "JCS condemns the launches"):
            assert texts.count(name) == 1
        assert {"Also on 24 May, no time given:", "Also on 25 May, no time given:"} <= set(texts)


def test_may_colours_follow_the_report_s_rule(may):
    rows = _marks(may.desktop.to_dict())
    bars = {r["what"]: r["colour"] for r in rows if "x2" in r and r.get("passage") and r.get("length")}
    assert bars == {"2 H-6": theme.LANE_COLOURS["China"], "2 H-6 + 4 Russian incl. 2 Tu-95": theme.JOINT_COLOUR,
                    "3 ballistic missiles incl. 1 suspected ICBM": theme.LANE_COLOURS["North Korea"]}
    bracket = [r for r in rows if r.get("text") == "19 h 45 min later: 3 missiles"]
    assert bracket[0]["colour"] == theme.TEXT_COLOUR  # a measure: in ink, not in a colour that means something
    # The day-only strip is light: grey swatches, no colour of a country.
    swatches = [r for r in rows if "x2" in r and r.get("passage") and not r.get("length")]
    assert {r["colour"] for r in swatches} <= set(theme.GREYS)


def test_may_phone_runs_time_down(may):
    rows = _marks(may.phone.to_dict())
    bars = sorted((r for r in rows if "x2" in r and r.get("length")), key=lambda r: r["y"])
    # One column, later below: each bar starts lower than the one before and all share their x.
    assert [r["what"] for r in bars] == ["2 H-6", "2 H-6 + 4 Russian incl. 2 Tu-95",
                                         "3 ballistic missiles incl. 1 suspected ICBM"]
    assert len({r["x"] for r in bars}) == 1 and bars[0]["y2"] - bars[0]["y"] > bars[1]["y2"] - bars[1]["y"]


def test_may_table_in_reader_words(may):
    table = may.table.set_index("Event")
    assert list(may.table.columns) == ["Event", "Who", "Korean time", "Minutes"]
    assert table.loc["2 H-6 in the KADIZ", "Minutes"] == "about 97 min"
    assert table.loc["2 H-6 + 4 Russian incl. 2 Tu-95 in the KADIZ", "Who"] == "China and Russia"
    assert table.loc["From the last exit to the first launch", "Minutes"] == "1185 min (19 h 45 min)"
    assert table.loc["Biden leaves Tokyo", "Korean time"] == "24 May 2022, no time given"
    _no_codes(may.table)


# ------------------------------------------------------------------ Fig. 2.1, the overview


def test_overview_headline_counts_the_episodes_within_a_day(overview):
    # March: Russian flight and ICBM both on 24 March (same day); May: last flight 24 May, launch 25 May.
    assert headline(overview.desktop.to_dict()) == ("Twice in 2022, North Korea fired missiles within a day of "
                                                     "Chinese and Russian flights")


def _label_boxes(spec: dict, names: list[str]) -> list[tuple]:
    boxes = []
    for row in _rows(spec):
        if row.get("text") in names:
            w = charts.text_px(row["text"])
            left = row["x"] - {"left": 0, "center": w / 2, "right": w}[row.get("align", "left")]
            boxes.append((row["text"], left, left + w, row["y"]))
    return boxes


def test_overview_names_the_core_events_above_the_marks_without_overlap(overview):
    spec = overview.desktop.to_dict()
    texts = _texts(spec)
    names = ["\u201cUnlimited Partnership\u201d, Feb", "Russia invades Ukraine, 24 Feb", "23\u201324 March",
             "24\u201325 May"]
    assert set(names) <= set(texts)
    boxes = _label_boxes(spec, names)
    lanes_top = min(r["y"] for r in _marks(spec) if r.get("passage") and "x2" in r)
    for i, (a, l1, r1, y1) in enumerate(boxes):
        assert y1 < lanes_top  # above the lanes: no name prints over a mark
        for b, l2, r2, y2 in boxes[i + 1:]:
            assert abs(y1 - y2) >= charts.LINE or r1 <= l2 or r2 <= l1, (a, b)


def test_overview_pads_the_last_day_and_gives_most_room_to_the_recent_months(overview):
    spec = overview.desktop.to_dict()
    marks = [r for r in _marks(spec) if r.get("passage")]
    may25 = [r for r in marks if r["when"].startswith("25 May 2022")]
    assert max(r.get("x2", r["x"]) for r in may25) < spec["width"] - 20
    old = [r for r in marks if r["when"][:4].isdigit() and int(r["when"][:4]) < 2021]
    assert max(r.get("x2", r["x"]) for r in old) < spec["width"] * 0.4  # 1950-2019: a narrow strip at the left


def test_overview_phone_names_lanes_above_them_with_shorter_labels(overview):
    texts = _texts(overview.phone.to_dict())
    assert {"China", "Russia", "North Korea", "US and allies"} <= set(texts)
    assert "Russia invades Ukraine" in texts and "Russia invades Ukraine, 24 Feb" not in texts


def test_overview_table_in_reader_words(overview):
    assert list(overview.table.columns) == ["Date (Korean time)", "Event", "Actor groups", "Dated to the", "Drawn as"]
    assert set(overview.table["Drawn as"]) == {"band over the period", "diamond"}
    _no_codes(overview.table)

"""The chapter charts say what the data say: bands for vague dates, intervals of the right length for timed
flights, a tooltip with the verbatim passage on every mark, a text alternative, and a width that fits."""

import pandas as pd
import pytest

from kadiz.charts import march_and_may, may_days, may_story, theme, timeline, voices
from kadiz.data import load


@pytest.fixture(scope="module")
def data():
    return load()


# The timeline chapter's overview and its minutes of 24-25 May, each in its desktop and its phone layout.
TIMELINE = ["overview", "may-days", "overview-phone", "may-days-phone"]


@pytest.fixture(scope="module")
def charts(data):
    return {f"{name}{suffix}": getattr(figure, layout) for name, figure in (
            ("overview", timeline.overview_figure(data.events, data.actors, data.assets)),
            ("may-days", may_days.may_days_figure(data.events, data.actors, data.assets)))
            for suffix, layout in (("", "desktop"), ("-phone", "phone"))}


# The clock of March and May and the voices' stances, each in its desktop and its phone layout.
FIGURES = ["comparison", "voices", "comparison-phone", "voices-phone"]


@pytest.fixture(scope="module")
def figures(data):
    return {f"{name}{suffix}": getattr(figure, layout) for name, figure in (
            ("comparison", march_and_may.clock_figure(data.events, data.actors)),
            ("voices", voices.stance_figure(data.quotes, data.speakers)))
            for suffix, layout in (("", "desktop"), ("-phone", "phone"))}


def _chart(request, name: str):
    """A chart by name: one layout of the clock or the voices (FIGURES), else one of the `charts`."""
    return request.getfixturevalue("figures" if name in FIGURES else "charts")[name]


def _minutes(marks: pd.DataFrame) -> pd.Series:
    start = pd.to_datetime(marks["x_start"])
    return (pd.to_datetime(marks["x_end"]) - start).dt.total_seconds() / 60


def _units(spec: dict):
    """Every single view of a spec (the leaves of its layers and concatenations) with its nearest data."""
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in spec.get(key, []):
            yield from _units({**child, "data": child.get("data", spec.get("data"))})
    if "mark" in spec:
        yield spec


def _widths(spec: dict):
    if "width" in spec:
        yield spec["width"]
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in spec.get(key, []):
            yield from _widths(child)


def test_may_zone_chart_has_exactly_two_flights_of_97_and_17_minutes(data):
    marks = may_story.day_marks(data.events, data.actors)
    flights = marks[marks["event_id"].str.contains("kadiz-entry")].drop_duplicates("event_id")
    assert flights["drawn_as"].tolist() == ["interval", "interval"]
    assert _minutes(flights).tolist() == [97, 17]
    launches = marks[marks["event_id"] == "may25-missile-launches"]
    assert _minutes(launches).tolist() == [42]
    assert launches["x_start"].tolist() == ["2022-05-25T06:00:00Z"]


def test_biden_leaving_tokyo_is_a_band_over_tuesday_not_a_point(data):
    marks = may_story.day_marks(data.events, data.actors)
    biden = marks[marks["event_id"] == "biden-leaves-tokyo"].iloc[0]
    assert biden["drawn_as"] == "band"
    assert (biden["x_start"], biden["x_end"]) == ("2022-05-24T00:00:00Z", "2022-05-25T00:00:00Z")


def test_month_precision_event_is_a_band_a_month_wide(data):
    marks = timeline.overview_marks(data.events, data.actors)
    ipef = marks[marks["event_id"] == "ipef-launch"].iloc[0]
    assert ipef["drawn_as"] == "band"
    assert (ipef["x_start"], ipef["x_end"]) == ("2022-05-01T00:00:00Z", "2022-06-01T00:00:00Z")
    war = marks[marks["event_id"] == "korean-war"].iloc[0]
    assert (war["x_start"][:4], war["x_end"][:4]) == ("1950", "1954")  # 1950-1953, to the end of 1953


def test_overview_draws_points_only_for_times_of_day(data):
    marks = timeline.overview_marks(data.events, data.actors)
    precision = data.events.set_index("id")["precision"]
    points = marks[marks["drawn_as"] == "point"]
    assert set(precision[points["event_id"]]) == {"minute"}
    assert set(precision[marks.loc[marks["drawn_as"] == "band", "event_id"]]) <= {"year", "month", "day"}


def test_overview_lanes_are_the_four_actor_groups(data):
    marks = timeline.overview_marks(data.events, data.actors)
    assert set(marks["lane"]) == {"China", "Russia", "North Korea", "US and allies"}
    joint = marks[marks["event_id"] == "may24-joint-kadiz-entry"]
    assert set(joint["lane"]) == {"China", "Russia"}


def test_march_is_drawn_in_whole_days_only(data):
    marks = march_and_may.clock_marks(data.events, data.actors)
    march = marks[marks["episode"] == "march-2022"]
    assert set(march["drawn_as"]) == {"band"}
    assert ((march["to_hours"] - march["from_hours"]) == 24).all()
    may = marks[(marks["episode"] == "may-2022") & (marks["drawn_as"] == "interval")].drop_duplicates("event_id")
    assert ((may["to_hours"] - may["from_hours"]) * 60).round().tolist() == [97, 17, 42]


def test_every_statement_is_one_block_with_its_passage(data):
    blocks = voices.statement_blocks(data.quotes, data.speakers)
    assert len(blocks) == len(data.quotes)
    assert blocks["passage"].tolist() == [" ".join(p.split()) for p in data.quotes["passage"]]


def test_tooltips_carry_the_verbatim_passage(data):
    passages = {" ".join(p.split()) for table in (data.events, data.quotes) for p in table["passage"]}
    for marks in (timeline.overview_marks(data.events, data.actors), may_story.day_marks(data.events, data.actors),
                  march_and_may.clock_marks(data.events, data.actors)):
        for text in marks["passage"]:
            # A flight joins its entry and exit passages; each part is a passage of the data.
            assert text in passages or any(text.startswith(p) and text[len(p) + 1:] in passages for p in passages)


@pytest.mark.parametrize("name", [*TIMELINE, *FIGURES])
def test_every_mark_with_data_has_a_passage_tooltip(request, name):
    spec = _chart(request, name).to_dict()
    for unit in _units(spec):
        if unit.get("data", {}).get("values") is not None or "name" in unit.get("data", {}):
            rows = spec["datasets"].get(unit["data"].get("name"), [{}])
            if name in TIMELINE and "key" not in rows[0]:
                continue  # a guide the timeline charts draw themselves: panels, grid, clock times, headers
            if len(spec["datasets"].get(unit["data"].get("name"), [])) <= 1 and unit["mark"]["type"] == "rule":
                continue  # the dashed midnight rule of the comparison: a guide, not data
            if name == "voices-phone" and unit["mark"]["type"] == "text":
                continue  # the speakers' names above their bars: labels, as an axis's are
            fields = {t["field"] for t in unit["encoding"].get("tooltip", [])}
            assert "passage" in fields, f"{name}: a {unit['mark']['type']} mark has no passage tooltip"


@pytest.mark.parametrize("name", [*TIMELINE, *FIGURES])
def test_chart_has_a_description_and_fits_the_column(request, name):
    spec = _chart(request, name).to_dict()
    assert len(spec.get("description", "")) > 40
    assert all(w <= theme.WIDTH for w in _widths(spec))


def test_descriptions_state_the_measured_minutes(charts, figures):
    assert "about 97 min" in charts["may-days"].to_dict()["description"]
    assert "17 minutes" in figures["comparison"].to_dict()["description"]


@pytest.mark.parametrize("name", TIMELINE)
def test_timeline_charts_do_not_zoom(charts, name):
    # The mouse wheel scrolls the page: no chart of the timeline binds its scales to a zoom.
    spec = charts[name].to_dict()
    assert not [p for u in _units(spec) for p in u.get("params", [])] + spec.get("params", [])


@pytest.mark.parametrize("name", [*TIMELINE, *FIGURES])
def test_field_names_are_plain(request, name):
    # Vega-Lite reads "a.b" as a nested field and "a[0]" as an index: such a tooltip shows "undefined".
    spec = _chart(request, name).to_dict()
    for rows in spec["datasets"].values():
        for field in rows[0]:
            assert not set(field) & set(".[]"), f"{name}: field {field!r}"


def test_a_day_is_a_band_in_every_chart_of_events(data):
    # One rule (kadiz.when.drawn_as_band): the same day-dated row is a band in the overview, the two days of May
    # and the clock of both episodes.
    overview = timeline.overview_marks(data.events, data.actors).set_index("event_id")
    days = may_story.day_marks(data.events, data.actors).set_index("event_id")
    clock = march_and_may.clock_marks(data.events, data.actors).set_index("event_id")
    for marks in (overview, days, clock):
        assert set(marks.loc[["may24-korea-scramble"], "drawn_as"]) == {"band"}
    assert clock.loc["may24-korea-scramble", "precision"] == "to the day"


def test_tooltips_say_when_a_date_is_not_the_article_s(data):
    marks = timeline.overview_marks(data.events, data.actors).set_index("event_id")
    assert marks.loc["korean-war", "when"].iloc[0] == "1950\u20131953 (date from outside the article)"
    assert marks.loc["ukraine-invasion", "when"] == "24 February 2022"

"""The charts of "What the records show" and "Could it be coincidence?" say what their captions say, checked
on their data and encodings, not pixels."""

import pandas as pd
import pytest

from kadiz import coincidence as co
from kadiz import counts, data, sensitivity
from kadiz.charts import coincidence as coincidence_charts
from kadiz.charts import records as records_charts
from kadiz.charts.theme import WIDTH

FIRST, LAST = "2021-11-01", "2022-12-31"
PERIODS = {"1 January to 25 May 2022": ("2022-01-01", "2022-05-25", "nineteen-tests-2022"),
           "January 2022": ("2022-01-01", "2022-01-31", "six-tests-january")}


@pytest.fixture(scope="module")
def d():
    return data.load()


def layers(spec: dict) -> list[dict]:
    """Every unit spec (one mark) of a chart, through layers and facets."""
    if "layer" in spec:
        return [unit for layer in spec["layer"] for unit in layers(layer)]
    if "spec" in spec:
        return layers(spec["spec"])
    return [spec]


def legends(spec: dict) -> list[dict]:
    found = []
    for unit in layers(spec):
        for channel in unit.get("encoding", {}).values():
            if isinstance(channel, dict) and channel.get("legend"):
                found.append(channel["legend"])
    return found


def check_presentation(chart, panels: int = 1):
    """A text alternative, tooltips on every data mark, legends at the bottom, no wider than the theme."""
    spec = chart.to_dict()
    assert len(spec.get("description", "")) > 80
    for unit in layers(spec):
        mark = unit["mark"]["type"] if isinstance(unit["mark"], dict) else unit["mark"]
        if mark in ("rule", "text"):  # reference lines and value labels repeat what the data marks tell
            continue
        assert "tooltip" in unit["encoding"], unit["mark"]
    assert all(legend.get("orient") == "bottom" for legend in legends(spec))
    inner = spec.get("spec", spec)
    assert isinstance(inner["width"], int) and inner["width"] * panels <= WIDTH


# ------------------------------------------------------------------------------- chapter 4: the records
@pytest.fixture(scope="module")
def timeline(d):
    return records_charts.timeline_frame(d.missiles, d.joint_air_patrols, d.records, d.events, FIRST, LAST)


def test_timeline_shows_every_2022_launch_event_of_the_database(d, timeline):
    launches = timeline[timeline["lane"] == "Launch events (CNS)"]
    assert len(launches) == counts.count(d.missiles, "ballistic-launch-events", FIRST, LAST)
    assert launches["missiles"].sum() == counts.count(d.missiles, "ballistic-missiles", FIRST, LAST)
    assert launches.loc[launches["start"] == pd.Timestamp("2022-05-25"), "missiles"].item() == 3


def test_timeline_sets_the_article_dates_beside_the_records(timeline):
    joint = timeline[timeline["lane"] == "Joint patrols"]
    assert list(joint["start"].dt.strftime("%Y-%m-%d")) == ["2021-11-19", "2022-05-24", "2022-11-30"]
    article = timeline[timeline["lane"] == "The article's dates"].set_index("start")
    assert pd.Timestamp("2021-11-11") in article.index  # the date the records put on 19 November
    january = article.loc[pd.Timestamp("2022-01-01")]
    assert january["end"] == pd.Timestamp("2022-02-01")  # "in January": a band over the month, not a day
    alone = timeline[timeline["lane"].str.endswith("alone")].set_index("who")["start"]
    assert alone.to_dict() == {"China": pd.Timestamp("2022-03-23"), "Russia": pd.Timestamp("2022-03-24")}


def test_timeline_presentation(timeline):
    check_presentation(records_charts.launches_and_flights(timeline, FIRST, LAST))


def test_counting_rules_chart_holds_no_count_of_19_but_the_article(d):
    frame = records_charts.counts_frame(counts.rule_table(d.missiles, d.records, d.claims, PERIODS))
    to_may = frame[frame["period"] == "1 January to 25 May 2022"].set_index("label")["value"]
    assert to_may.to_dict() == {"Ballistic missiles": 23, "Ballistic launch events": 15,
                                "Launch events with cruise missiles": 16, "JCS: shows of force": 17, "Article": 19}
    january = frame[frame["period"] == "January 2022"].set_index("label")["value"]
    assert january["Article"] == january["Ballistic launch events"] == 6
    check_presentation(records_charts.counting_rules(frame))


# --------------------------------------------------------------------------- chapter 5: the coincidence
@pytest.fixture(scope="module")
def records_question(d):
    days = counts.launch_days(d.missiles, *co.RECORDS_PERIOD)
    return co.records_question(d.joint_air_patrols, days, *co.RECORDS_PERIOD)


def test_p_value_chart_has_both_sets_of_numbers_and_every_model(d, records_question):
    answers = pd.concat([co.answers(co.article_question(d.events, d.claims, d.article), draws=2000), co.answers(records_question, draws=2000)])
    frame = coincidence_charts.p_value_frame(answers)
    assert set(frame["numbers"]) == {"With the article's numbers", "With the records"}
    assert set(frame.loc[frame["numbers"] == "With the records", "null"]) == {"A", "B", "C", "D"}
    assert frame["p"].between(0, 1).all()
    chart = coincidence_charts.p_values(frame)
    spec = chart.to_dict()
    assert all(u["encoding"]["y"]["scale"]["type"] == "log" for u in layers(spec) if u["encoding"]["y"].get("field") == "p")
    check_presentation(chart, panels=2)


def test_sensitivity_chart_has_one_dot_per_set_of_numbers_window_and_model(d):
    days = counts.launch_days(d.missiles, *co.RECORDS_PERIOD)
    frame = coincidence_charts.sensitivity_frame(sensitivity.sensitivity_table(d, days))
    assert len(frame) == frame["scenario"].nunique() * len(sensitivity.WINDOWS) * 2  # null models B and D
    primary = frame[frame["primary"]]
    assert primary[["scenario", "window", "null", "followed_text"]].values.tolist() == [
        [sensitivity.PRIMARY_LABEL, "same or next day", "D", "0 of 5"]]
    check_presentation(coincidence_charts.sensitivity(frame))

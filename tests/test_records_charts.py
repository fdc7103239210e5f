"""The charts of "What the records show" and "Could it be coincidence?" state what their data show: headlines worked
out by hand from the data, both layouts, tables in reader words, colours by the report's rule, no zoom."""

import re

import pandas as pd
import pytest

from kadiz import coincidence as co
from kadiz import counts, data, sensitivity, verdicts
from kadiz.charts import coincidence as coincidence_charts
from kadiz.charts import records as records_charts
from kadiz.charts.theme import (ACCENT, DESKTOP, GREYS, JOINT_COLOUR, LANE_COLOURS, PHONE, RATING_COLOURS, TEXT_COLOUR,
                                text_px)
from tests.chart_specs import headline, walk

FIRST, LAST = "2021-11-01", "2022-12-31"
PERIODS = {"1 January to 25 May 2022": ("2022-01-01", "2022-05-25", "nineteen-tests-2022"),
           "January 2022": ("2022-01-01", "2022-01-31", "six-tests-january")}
COUNTRY_COLOURS = {LANE_COLOURS[c] for c in ("China", "Russia", "North Korea", "US and allies")}


@pytest.fixture(scope="module")
def d():
    return data.load()


def units(spec: dict) -> list[dict]:
    """Every unit spec (one mark) of a chart, through layers and facets."""
    if "layer" in spec:
        return [unit for layer in spec["layer"] for unit in units(layer)]
    if "spec" in spec:
        return units(spec["spec"])
    return [spec]


def colours(spec: dict) -> set[str]:
    """Every colour a chart's scales and marks name."""
    found = set()
    for node in walk(spec):
        if isinstance(node, dict):
            found |= {v for k, v in node.items() if k in ("color", "fill", "stroke", "value") and isinstance(v, str)
                      and v.startswith("#")}
            found |= {v for v in node.get("range", []) if isinstance(v, str) and v.startswith("#")}
    return found


def codes(d) -> set[str]:
    """Ids and hyphenated codes a reader must never meet."""
    found = set(d.sources["id"]) | set(d.records["id"]) | set(d.claims["id"]) | set(verdicts.RATINGS)
    return {c for c in found if "-" in c or c in set(d.sources["id"])}


def check_figure(figure, d=None) -> dict:
    """Both layouts, a headline, a subtitle and a description stating the headline; no zoom or pan; every data mark
    with a tooltip; the table in reader words. Returns the payload."""
    payload = figure.payload()
    for name in ("desktop", "phone"):
        spec = payload[name]
        assert spec is not None, name
        assert spec["title"]["text"] and spec["title"]["subtitle"], name
        assert headline(spec).rstrip(".") in spec["description"].replace("\u00a0", " "), name
        assert not [n for n in walk(spec) if isinstance(n, dict) and (n.get("bind") == "scales" or "params" in n)]
        for unit in units(spec):
            mark = unit["mark"]["type"] if isinstance(unit["mark"], dict) else unit["mark"]
            aria = unit["mark"].get("aria", True) if isinstance(unit["mark"], dict) else True
            if mark == "text" or not aria:  # labels and guides repeat what the data marks tell
                continue
            assert "tooltip" in unit["encoding"], unit["mark"]
    assert payload["phone"] != payload["desktop"]
    text = " ".join([*payload["table"]["columns"], *(c for row in payload["table"]["rows"] for c in row)])
    assert "day(s)" not in text and ";" not in " ".join(payload["table"]["columns"])
    if d is not None:
        shown = [c for c in codes(d) if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", text)]
        assert shown == [], f"codes in the table: {shown}"
    return payload


# ------------------------------------------------------------------------------- chapter 4: the verdicts
def test_ratings_headline_counts_the_three_groups_of_the_rubric():
    # Two supported, one contradicted, one cannot be settled: the records agree with 2 of 4, 1 falls short.
    rated = pd.DataFrame({"verdict": ["supported", "supported", "contradicted", "cannot-be-settled"],
                          "confidence": ["high", "medium", "high", "low"]})
    payload = check_figure(records_charts.ratings_figure(rated))
    for name in ("desktop", "phone"):
        assert headline(payload[name]) == \
            "The records agree with 2 of the 4 claims checked; 1 falls short, 1 cannot be settled"
    table = payload["table"]
    assert table["columns"] == ["Rating", "Verdict group", "Verdicts", "High confidence", "Medium confidence",
                                "Low confidence"]
    # Every rating of the rubric, in its order, in the rubric's words (none is written as a code).
    assert [r[0] for r in table["rows"]] == list(verdicts.RATINGS.values())
    assert table["rows"][0][1:] == ["the records agree", "2", "1", "1", "0"]
    assert table["rows"][6][1:] == ["the claim falls short", "1", "1", "0", "0"]


def test_ratings_are_drawn_in_their_groups_colours_the_accent_where_a_claim_falls_short():
    rated = pd.DataFrame({"verdict": list(verdicts.RATINGS), "confidence": "high"})
    payload = records_charts.ratings_figure(rated).payload()
    for name in ("desktop", "phone"):
        spec = payload[name]
        colour = next(u["encoding"]["color"] for u in units(spec) if u["mark"]["type"] == "bar")
        assert colour["scale"]["domain"] == list(verdicts.RATING_GROUPS)
        assert colour["scale"]["range"] == [RATING_COLOURS[g] for g in verdicts.RATING_GROUPS]
        assert RATING_COLOURS["the claim falls short"] == ACCENT
        assert colour["legend"]["symbolType"] == "square"  # the legend shows the bars' shape
        assert not colours(spec) & COUNTRY_COLOURS
    # The rubric's groups hold every rating once, in its order.
    assert [r for group in verdicts.RATING_GROUPS.values() for r in group] == list(verdicts.RATINGS)


def test_ratings_of_the_report(d):
    payload = check_figure(records_charts.ratings_figure(d.verdicts), d)
    tally = verdicts.tally(d.verdicts)
    agree = sum(tally[r] for r in verdicts.RATING_GROUPS["the records agree"])
    assert headline(payload["desktop"]).startswith(f"The records agree with {agree} of the {len(d.verdicts)} claims")


# ------------------------------------------------------------------------- chapter 4: the flights and launches
@pytest.fixture(scope="module")
def timeline(d):
    return records_charts.timeline_frame(d.missiles, d.joint_air_patrols, d.records, d.events, d.sources, FIRST, LAST)


def test_timeline_shows_every_2022_launch_event_of_the_database(d, timeline):
    launches = timeline[timeline["lane"] == records_charts.LAUNCH_ROW]
    assert len(launches) == counts.count(d.missiles, "ballistic-launch-events", FIRST, LAST)
    assert launches["missiles"].sum() == counts.count(d.missiles, "ballistic-missiles", FIRST, LAST)
    assert launches.loc[launches["start"] == pd.Timestamp("2022-05-25"), "missiles"].item() == 3
    # The launches the article dates are labelled, no other.
    assert set(launches.loc[launches["label"] != "", "label"]) == {"24 Mar", "25 May"}


def test_timeline_sets_the_article_dates_beside_the_records(timeline):
    joint = timeline[timeline["lane"] == records_charts.JOINT_ROW]
    assert list(joint["start"].dt.strftime("%Y-%m-%d")) == ["2021-11-19", "2022-05-24", "2022-11-30"]
    article = timeline[timeline["lane"] == records_charts.ARTICLE_ROW].set_index("start")
    assert pd.Timestamp("2021-11-11") in article.index  # the date the records put on 19 November
    january = article.loc[pd.Timestamp("2022-01-01")]
    assert january["end"] == pd.Timestamp("2022-02-01")  # "in January": a band over the month, not a day
    assert (january["label"], january["short"], january["date"]) == ("January", "Jan", "January 2022")
    # 23 and 24 March share one label: "23–24 Mar" on a desktop, "Mar" on a phone.
    assert article.loc[pd.Timestamp("2022-03-23"), ["label", "short"]].tolist() == ["23–24 Mar", "Mar"]
    assert article.loc[pd.Timestamp("2022-03-24"), ["label", "short"]].tolist() == ["", ""]
    alone = timeline[timeline["lane"].str.contains("alone")].set_index("who")["start"]
    assert alone.to_dict() == {"China": pd.Timestamp("2022-03-23"), "Russia": pd.Timestamp("2022-03-24")}
    # Sources by name, never by id.
    assert set(joint["source"]) >= {"China Military Online; Yonhap News Agency"}


def test_timeline_headline_names_the_one_date_that_was_a_joint_patrol(d, timeline):
    # The article dates flights on 11 November 2021, in January, on 23 and 24 March and on 24 May 2022; the joint
    # patrols on record flew on 19 November 2021, 24 May and 30 November 2022: only 24 May is both.
    payload = check_figure(records_charts.launches_figure(timeline, FIRST, LAST), d)
    for name in ("desktop", "phone"):
        spec = payload[name]
        assert headline(spec) == "Of the article's flight dates, only 24 May 2022 was a joint patrol on record"
        who = next(n for n in walk(spec) if isinstance(n, dict) and n.get("field") == "who")["scale"]
        assert dict(zip(who["domain"], who["range"])) == {
            "China and Russia": JOINT_COLOUR, "China": LANE_COLOURS["China"], "Russia": LANE_COLOURS["Russia"],
            "North Korea": LANE_COLOURS["North Korea"], "The article": GREYS[1]}
        # Lanes named above each lane; the phone draws the short labels.
        assert spec["facet"]["row"]["header"]["labelOrient"] == "top"
    assert payload["table"]["columns"] == ["Lane", "Date (Korea)", "What", "Missiles", "Detail", "Source"]
    rows = {tuple(r[:3]) for r in payload["table"]["rows"]}
    assert ("Joint patrols on record", "24 May 2022", "Joint patrol 4") in rows
    assert ("The article's flight dates", "January 2022", "The article dates a flight") in rows


def test_labels_too_close_for_their_width_are_set_either_side_of_their_marks():
    frame = pd.DataFrame({"lane": ["x", "x", "x"], "start": pd.to_datetime(["2022-01-01", "2022-01-11", "2022-06-01"]),
                          "end": pd.NaT, "label": ["24 Mar", "25 May", "1 Jun"]})
    # At 1 px a day the first two labels (about 46 px each as drawn) are 10 px apart: one ends at its mark,
    # the other starts at its own; the third is far away and centred.
    assert records_charts.label_anchors(frame, "label", 1.0).tolist() == ["right", "left", "center"]
    assert records_charts.label_anchors(frame, "label", 10.0).tolist() == ["center"] * 3


# ------------------------------------------------------------------------------ chapter 4: the counting rules
def test_counting_rules_chart_holds_no_count_of_19_but_the_article(d):
    frame = records_charts.counts_frame(counts.rule_table(d.missiles, d.records, d.claims, PERIODS), d.sources)
    to_may = frame[frame["period"] == "1 January to 25 May 2022"].set_index("label")["value"]
    assert to_may.to_dict() == {"Ballistic missiles": 23, "Ballistic launch events": 15,
                                "Launch events with cruise missiles": 16, "JCS: shows of force": 17, "The article": 19}
    january = frame[frame["period"] == "January 2022"].set_index("label")["value"]
    assert january["The article"] == january["Ballistic launch events"] == 6


def test_counts_headline_says_no_count_gives_19_and_one_gives_6(d):
    payload = check_figure(records_charts.counts_figure(counts.rule_table(d.missiles, d.records, d.claims, PERIODS),
                                                        d.sources), d)
    for name in ("desktop", "phone"):
        spec = payload[name]
        assert headline(spec) == "No count gives the article's 19 missile tests for 1 January to 25 May 2022"
        assert "For January 2022, ballistic launch events match its 6" in " ".join(spec["title"]["subtitle"])
        kind = next(n for n in walk(spec) if isinstance(n, dict) and n.get("field") == "kind_words")["scale"]
        assert dict(zip(kind["domain"], kind["range"])) == {
            "counted from the data": GREYS[1], "count on record": GREYS[2], "the article's count": GREYS[0]}
        assert not colours(spec) & COUNTRY_COLOURS
        assert spec["facet"]["row"]["header"]["labelOrient"] == "top"  # the periods one above the other
    assert payload["table"]["columns"] == ["Period", "What is counted", "Count", "Kind", "Sources"]
    assert ["January 2022", "Ballistic launch events (CNS data, one per Korean day)", "6", "counted from the data",
            "nk-missile-tests (nagix); CNS/NTI database"] in payload["table"]["rows"]


# --------------------------------------------------------------------------- chapter 5: the coincidence
@pytest.fixture(scope="module")
def answers(d):
    days = counts.launch_days(d.missiles, *co.RECORDS_PERIOD)
    records = co.records_question(d.joint_air_patrols, days, *co.RECORDS_PERIOD)
    article = co.article_question(d.events, d.claims, d.article)
    return pd.concat([co.answers(article, draws=2000), co.answers(records, draws=2000)], ignore_index=True)


def test_sensitivity_headline_on_a_hand_made_grid():
    # Three exploratory values, two below 0.05, and the primary test at 0.30.
    frame = pd.DataFrame({"p": [0.01, 0.04, 0.5, 0.3], "primary": [False, False, False, True]})
    assert coincidence_charts.sensitivity_finding(frame) == \
        "The primary test gives p = 0.30; 2 of the 3 exploratory p-values fall below 0.05"


def test_p_value_headline_names_the_only_case_below_the_level():
    # Exact p: the article, next day, 0.04 under B; every other case 0.05 or more. The simulations do not count.
    rows = [("the article", 1, "B", "exact (every calendar counted)", 0.04),
            ("the article", 1, "B", "Monte Carlo (2,000 draws)", 0.03),
            ("the article", 2, "B", "exact (every calendar counted)", 0.05),
            ("records", 1, "D", "exact (each patrol's own chance)", 0.2),
            ("records", 3, "D", "simulation (2,000 draws)", 0.01)]
    answers = pd.DataFrame(rows, columns=["question", "window", "null", "method", "p"]).assign(followed=1, patrols=3)
    frame = coincidence_charts.p_value_frame(answers)
    assert coincidence_charts.p_values_finding(frame) == "Only the article's numbers for the next day give p below 0.05"
    assert coincidence_charts.p_values_finding(frame.assign(p=0.5)) == "No null model or window gives p below 0.05"


def test_p_value_chart_draws_every_model_in_greys_and_d_darkest(d, answers):
    payload = check_figure(coincidence_charts.p_values_figure(answers), d)
    for name in ("desktop", "phone"):
        spec = payload[name]
        assert headline(spec) == "Only the article's numbers for the next day give p below 0.05"
        points = next(u for u in units(spec) if u["mark"]["type"] == "point")
        colour, shape = points["encoding"]["color"], points["encoding"]["shape"]
        names = [coincidence_charts.NULL_NAMES[n] for n in "ABCD"]
        assert colour["scale"]["domain"] == shape["scale"]["domain"] == names
        assert colour["scale"]["range"] == [GREYS[2], GREYS[1], GREYS[2], GREYS[0]]
        # One legend for colour and shape (same field, same title): its symbols are the marks' shapes.
        assert len(set(shape["scale"]["range"])) == 4 and colour.get("title") == shape.get("title")
        assert points["mark"]["filled"] is False
        assert all(u["encoding"]["y"]["scale"]["type"] == "log" for u in units(spec))
        assert not colours(spec) & COUNTRY_COLOURS
    assert "column" in payload["desktop"]["facet"] and "row" in payload["phone"]["facet"]  # stacked on a phone
    table = payload["table"]
    assert table["columns"] == ["Numbers", "Null model", "A launch", "Patrols followed", "p (exact)", "p (simulated)",
                                "Simulation"]
    assert {r[2] for r in table["rows"]} == {"next day", "within 2 days", "within 3 days"}
    assert len(table["rows"]) == 3 * 3 + 3 * 4  # the article: A, B, D; the records: A to D; three windows each


def test_sensitivity_headline_counts_the_small_p_values_and_gives_the_primary_one(d):
    days = counts.launch_days(d.missiles, *co.RECORDS_PERIOD)
    grid = sensitivity.sensitivity_table(d, days)
    payload = check_figure(coincidence_charts.sensitivity_figure(grid), d)
    below = int((grid["p"] < 0.05).sum())
    primary = float(grid.loc[grid["primary"], "p"].iloc[0])
    assert primary == 1.0  # none of the 5 patrols after the article followed: p = 1
    for name in ("desktop", "phone"):
        spec = payload[name]
        assert headline(spec) == (f"The primary test gives p = 1.00; {below} of the {len(grid) - 1} exploratory "
                                  "p-values fall below 0.05")
        dots = next(u for u in units(spec) if u["mark"]["type"] == "point" and u["mark"].get("aria", True))
        assert dots["encoding"]["color"]["scale"]["range"] == GREYS[:3]
        assert dots["encoding"]["shape"]["scale"]["range"] == ["circle", "square", "triangle-up"]
        ring = next(u for u in units(spec) if u["mark"]["type"] == "point" and u["mark"].get("aria") is False)
        assert ring["mark"]["color"] == TEXT_COLOUR and ring["transform"] == [{"filter": "datum.primary"}]
        assert spec["facet"]["row"]["header"]["labelOrient"] == "top"
    # The phone names each row above its marks; the desktop beside them.
    assert any(u["mark"]["type"] == "text" for u in units(payload["phone"]))
    assert not any(u["mark"]["type"] == "text" for u in units(payload["desktop"]))
    assert payload["table"]["columns"] == ["Numbers", "Status", "Null model", "A launch", "Patrols followed",
                                           "Launch days", "p"]
    assert len(payload["table"]["rows"]) == len(grid)


def test_layouts_are_no_wider_than_the_screen_they_are_made_for(d, answers, timeline):
    figures = [records_charts.ratings_figure(d.verdicts), records_charts.launches_figure(timeline, FIRST, LAST),
               records_charts.counts_figure(counts.rule_table(d.missiles, d.records, d.claims, PERIODS), d.sources),
               coincidence_charts.p_values_figure(answers)]
    for figure in figures:
        payload = figure.payload()
        for name, layout in (("desktop", DESKTOP), ("phone", PHONE)):
            spec = payload[name]
            inner = spec.get("spec", spec)
            width = inner["width"] * (2 if name == "desktop" and "column" in spec.get("facet", {}) else 1)
            assert width <= layout.width, name
            # Headline lines no wider than the layout, as drawn in 16 px bold.
            assert max(text_px(line, 16, bold=True) for line in spec["title"]["text"]) <= layout.width

"""The years after the article: launches around each patrol, the share of days near a launch, the aged claim,
and the chart, worked by hand on small tables."""

import pandas as pd
import pytest

from kadiz import after
from kadiz import map as region_map
from kadiz import words
from kadiz.charts import after as after_charts
from tests.chart_specs import walk

SEOUL = "Asia/Seoul"


def _missiles(days):
    """One missile per (day, count) pair, fired at 06:00 Korean time, in the shape kadiz.missiles.load gives."""
    rows = []
    for day, count in days:
        for _ in range(count):
            ts = pd.Timestamp(f"{day} 06:00", tz=SEOUL)
            rows.append({"kst_ts": ts, "kst_date": ts.tz_localize(None).normalize(), "missile_name": "KN-23",
                         "facility_name": "Sunan", "outcome": "success"})
    return pd.DataFrame(rows)


def _dated(rows, start_column="start"):
    out = []
    for r in rows:
        start = pd.Timestamp(r[start_column], tz=SEOUL)
        last = pd.Timestamp(r.get("end") or r[start_column], tz=SEOUL)
        out.append(dict(r, precision=r.get("precision", "day"), approximate=False, start_ts=start,
                        end_ts=pd.Timestamp(r["end"], tz=SEOUL) if r.get("end") else pd.NaT,
                        period_end_ts=last + pd.Timedelta(days=1)))
    return pd.DataFrame(out)


PATROLS = _dated([{"number": 4, "start": "2022-05-24"}, {"number": 5, "start": "2022-11-30"},
                  {"number": 6, "start": "2023-06-06", "end": "2023-06-07"}])
MISSILES = _missiles([("2022-05-25", 3), ("2022-11-18", 1), ("2022-12-18", 2), ("2023-05-31", 1),
                      ("2023-06-15", 2)])


def test_only_patrols_after_the_article_day():
    assert list(after.patrols_after(PATROLS)["number"]) == [5, 6]


def test_launches_around_each_patrol_in_calendar_days():
    around = after.launches_around(after.patrols_after(PATROLS), MISSILES)
    # Patrol 5 (30 Nov 2022): 18 Nov is 12 days before, 18 Dec 18 days after.
    assert list(around["days_before"]) == [12, 6]
    # Patrol 6 runs 6-7 June 2023: 31 May is 6 days before its first day, 15 June 8 days after its last.
    assert list(around["days_after"]) == [18, 8]
    assert around.loc[1, "launch_after"] == pd.Timestamp("2023-06-15")


def test_a_launch_on_a_patrol_day_counts_as_same_day():
    around = after.launches_around(_dated([{"number": 5, "start": "2022-11-18"}]), MISSILES)
    assert around.loc[0, "days_before"] == 0 and around.loc[0, "days_after"] == 0
    table = after.launches_table(around)
    # Each gap and date kept on one line (no-break spaces): the table is a grid read across rows.
    assert table.loc[0, "Days before"] == words.whole("same day") and table.loc[0, "Patrol"] == "no. 5"


def test_a_patrol_with_no_launch_after_it_says_so():
    # The record covers the year after the patrol (say, a copy made then) and holds no launch in it.
    around = after.launches_around(_dated([{"number": 10, "start": "2024-01-01"}]), MISSILES, covered_to="2024-12-31")
    table = after.launches_table(around)
    assert table.loc[0, "First launch after"] == "none on file" and table.loc[0, "Days after"] == ""


def test_a_patrol_after_the_missile_record_is_outside_its_coverage_not_a_patrol_without_launch():
    # MISSILES ends on 15 June 2023 (its last launch day): a patrol on 14 December 2023 cannot be scored, though a
    # launch lies 6 months before it in the record; the patrol of 6-7 June 2023 can (launches 6 days before, 8 after).
    patrols = _dated([{"number": 6, "start": "2023-06-06", "end": "2023-06-07"}, {"number": 7, "start": "2023-12-14"}])
    around = after.launches_around(patrols, MISSILES)
    assert list(around["scored"]) == [True, False]
    assert pd.isna(around.loc[1, "launch_before"]) and pd.isna(around.loc[1, "launch_after"])
    table = after.launches_table(around)
    outside = "beyond the record"
    assert table.loc[1, "Last launch before"] == table.loc[1, "First launch after"] == outside
    assert table.loc[1, "Days before"] == table.loc[1, "Days after"] == ""
    # The finding counts only the patrol the record covers, and the share of days stops where the record does.
    finding = after.near_launch(around, MISSILES, pd.Timestamp("2023-12-31"))
    assert (finding["near"], finding["patrols"], finding["unscored"]) == (1, 1, 1)
    assert finding["covered_to"] == pd.Timestamp("2023-06-15")


def test_share_of_days_with_a_launch_nearby():
    # One launch on 10 January; with a window of 2 days, 8-12 January are near it: 5 of the 31 days of January.
    missiles = _missiles([("2023-01-10", 1)])
    share = after.share_of_days_near_launch(missiles, pd.Timestamp("2023-01-01"), pd.Timestamp("2023-01-31"), 2)
    assert share == pytest.approx(5 / 31)


def test_chart_end_is_the_first_of_the_next_month():
    assert after.chart_end(pd.Timestamp("2026-04-19")) == "2026-05-01"
    assert after.chart_end(pd.Timestamp("2025-12-31")) == "2026-01-01"


EVENTS = _dated([
    {"id": "unsc-sanctions-veto", "start": "2022-05-26", "kind": "vote", "subject": "vote",
     "value": "13 in favour, 2 against",
     "claim_id": None, "claim_after": None, "source_ids": "yonhap2022unsc"},
    {"id": "russia-north-korea-treaty", "start": "2024-06-19", "kind": "treaty", "subject": "treaty", "value": "treaty",
     "claim_id": "no-other-treaty", "claim_after": "No longer holds for North Korea.",
     "source_ids": "ghanaweb2024treaty;euromaidan2024treaty"},
    {"id": "kadiz-extension-announced", "start": "2013-12-08", "kind": "zone", "subject": "zone", "value": "extension",
     "claim_id": None, "claim_after": None, "source_ids": "newdaily2013kadiz"},
])


def test_the_aged_claim_shows_both_dates():
    claims = pd.DataFrame({"id": ["no-other-treaty"], "passage": ["Neither country has any such\ntreaty."]})
    verdicts = pd.DataFrame({"claim_id": ["no-other-treaty"], "verdict": ["consistent"]})
    table = after.aged_claims(EVENTS, claims, verdicts)
    assert table.to_dict("records") == [{
        "Claim": "Neither country has any such treaty.",
        "As of the article": "25 May 2022: consistent, not independently confirmed",
        "As of the latest record": "19 June 2024: No longer holds for North Korea.",
    }]


def test_the_event_table_leaves_out_the_background_and_names_publishers():
    sources = pd.DataFrame({"id": ["yonhap2022unsc", "ghanaweb2024treaty"], "publisher": ["Yonhap", "GhanaWeb"]})
    more = pd.DataFrame({"id": ["euromaidan2024treaty"], "publisher": ["Euromaidan Press"]})
    table = after.event_table(EVENTS, sources, more)
    assert list(table["Date"]) == ["26 May 2022", "19 June 2024"]
    assert table.loc[1, "Sources"] == "GhanaWeb, Euromaidan Press"


def test_the_chart_has_one_mark_per_patrol_launch_day_and_event():
    marks = after_charts.marks(PATROLS, EVENTS, MISSILES, "2023-07-01")
    counts = marks["lane"].value_counts()
    # Patrols 5 and 6 (4 is on the article's eve); four launch days after 25 May 2022; the vote (the treaty is
    # after the end, the zone's extension before the start).
    assert counts[after_charts.ROWS[0]] == 2
    assert counts[after_charts.ROWS[1]] == 4
    assert counts[after_charts.ROWS[2]] == 1
    patrol = marks[marks["label"] == "joint air patrol no. 6"].iloc[0]
    assert (patrol["x_start"], patrol["x_end"]) == ("2023-06-06T00:00:00Z", "2023-06-12T00:00:00Z")


def test_zone_facts_count_the_closing_point_once():
    events = _dated([{"id": "kadiz-extension-announced", "start": "2013-12-08"},
                     {"id": "kadiz-extension-effective", "start": "2013-12-15"}])
    boundary = pd.DataFrame({"lat": [39.0, 39.0, 37.0, 39.0], "lon": [123.5, 133.0, 124.0, 123.5],
                             "next_segment": ["given", "approximate", "given", None]})
    assert region_map.zone_facts(events, boundary) == {
        "zone-announced": "8 December 2013", "zone-effective": "15 December 2013",
        "boundary-points": 3, "approximate-stretches": 1}


# ------------------------------------------------------------------ the figure, worked by hand

# Patrol 5 on 10 June 2022 has its nearest launches 16 days before (25 May) and 10 days after (20 June); patrol 6
# on 18 June has one 2 days after. Patrol 4, on the article's eve, is left out.
NEAR_PATROLS = _dated([{"number": 4, "start": "2022-05-24"}, {"number": 5, "start": "2022-06-10"},
                       {"number": 6, "start": "2022-06-18"}])
NEAR_MISSILES = _missiles([("2022-05-25", 3), ("2022-06-20", 1)])
VOTE = _dated([{"id": "unsc-sanctions-veto", "start": "2022-05-26", "kind": "vote", "subject": "UN vote on sanctions",
                "value": "13 in favour, 2 against"}])


@pytest.fixture(scope="module")
def after_figure():
    around = after.launches_around(after.patrols_after(NEAR_PATROLS), NEAR_MISSILES)
    finding = after.near_launch(around, NEAR_MISSILES, after.latest_day(VOTE, NEAR_PATROLS, NEAR_MISSILES))
    return after_charts.after_figure(NEAR_PATROLS, VOTE, NEAR_MISSILES, finding, "2024-01-01")


def test_after_headline_sets_patrols_near_a_launch_beside_all_days(after_figure):
    # The records reach 20 June 2022 (the last launch): 26 days from 26 May. Days within 7 of a launch: 26 May to
    # 1 June (the launch of 25 May) and 13 to 20 June (that of 20 June), 15 of 26, 58 %. One patrol of two (no. 6)
    # had a launch within 7 days.
    for layout in ("desktop", "phone"):
        spec = getattr(after_figure, layout).to_dict()
        headline = " ".join(spec["title"]["text"])
        assert headline == "Of 2 joint patrols, 1 had a launch within 7 days either side; 58% of all days did"
        assert "25 May 2022" in " ".join(spec["title"]["subtitle"]) and "20 June 2022" in " ".join(
            spec["title"]["subtitle"])
        assert "about as often as days in general (50% against 58%)" in spec["description"]


def test_after_axis_shows_years_only_and_does_not_zoom(after_figure):
    for layout in ("desktop", "phone"):
        spec = getattr(after_figure, layout).to_dict()
        assert not [n for n in walk(spec) if isinstance(n, dict) and n.get("bind") == "scales"]
        axes = [n["axis"] for n in walk(spec) if isinstance(n, dict) and isinstance(n.get("axis"), dict)
                and "values" in n["axis"]]
        january_firsts = [int(pd.Timestamp(f"{y}-01-01", tz="UTC").value // 1_000_000) for y in (2023, 2024)]
        assert axes and all(a["values"] == january_firsts and a["format"] == "%Y" for a in axes)
        # The axis starts before the article's day and ends after `end`: no mark on its edge.
        scale = next(n["scale"] for n in walk(spec) if isinstance(n, dict)
                     and isinstance(n.get("scale"), dict) and "domainMin" in n["scale"])
        assert scale["domainMin"] < int(pd.Timestamp("2022-05-26", tz="UTC").value // 1_000_000)
        assert scale["domainMax"] > int(pd.Timestamp("2024-01-01", tz="UTC").value // 1_000_000)


def test_after_colours_joint_patrols_north_korea_and_grey_for_the_rest(after_figure):
    from kadiz.charts import theme

    spec = after_figure.desktop.to_dict()
    colours = {n["color"]["value"] for n in walk(spec) if isinstance(n, dict) and isinstance(n.get("color"), dict)
               and "value" in n["color"] and n is not spec.get("config")}
    assert {theme.JOINT_COLOUR, theme.LANE_COLOURS["North Korea"], theme.GREYS[1]} <= colours
    assert not colours & {theme.LANE_COLOURS[c] for c in ("China", "Russia", "US and allies")}


def test_after_table_is_in_reader_words(after_figure):
    table = after_figure.table
    assert table.columns.tolist() == ["Row", "Date", "What", "Dated"]
    assert table.values.tolist() == [
        ["Joint air patrols, China and Russia", "10 June 2022", "joint air patrol no. 5", "to the day"],
        ["Joint air patrols, China and Russia", "18 June 2022", "joint air patrol no. 6", "to the day"],
        ["North Korean launches", "20 June 2022", "1 missile: KN-23", "to the day (Korean calendar day)"],
        ["Other events", "26 May 2022", "UN vote on sanctions", "to the day"],
    ]


def test_each_other_event_has_its_line_and_a_label_that_fits():
    events = EVENTS.assign(kind=["vote", "treaty", "zone"])  # the zone's extension of 2013 is before the article
    data = after_charts.drawn_rows(after_charts.marks(PATROLS, events, MISSILES, "2026-01-01"), "2026-01-01")
    others = data[data["lane"] == after_charts.ROWS[2]]
    assert others["line"].tolist() == [1, 2] and others["short"].tolist() == ["UN vote", "treaty"]
    # Both labels fit right of their marks, even on a phone.
    assert others["side_phone"].tolist() == ["right", "right"]


def test_launch_days_in_words():
    from kadiz import words

    assert words.missiles_text(1, ["KN-25"]) == "1 missile: KN-25"
    assert words.missiles_text(8, ["Unknown"]) == "8 missiles, type not known"
    assert words.missiles_text(3, ["KN-25", "Unknown"]) == "3 missiles: KN-25; some of a type not known"


def test_gaps_in_the_launch_table_read_as_english():
    # A launch the day before a patrol and none after: "1 day" (not "1 days"), and "none on file".
    around = pd.DataFrame({"number": [7], "patrol": ["14 December 2023"], "first_day": [pd.Timestamp("2023-12-14")],
                           "last_day": [pd.Timestamp("2023-12-14")], "launch_before": [pd.Timestamp("2023-12-13")],
                           "days_before": [1], "launch_after": [pd.NaT], "days_after": [float("nan")],
                           "days_to_nearest": [1], "scored": [True], "covered_to": [pd.Timestamp("2024-06-30")]})
    row = after.launches_table(around).iloc[0]
    assert (row["Days before"], row["First launch after"], row["Days after"]) == (words.whole("1 day"), "none on file", "")
    assert row["Nearest launch"] == words.whole("1 day")


def test_the_launch_table_keeps_each_date_of_a_patrol_whole():
    # Printed, a month broken over lines ("Novem-ber") reads as two words: each date is one unbreakable value, and
    # two days of one month one range.
    assert after.days_text(pd.Timestamp("2022-11-30"), pd.Timestamp("2022-11-30")) == words.whole("30 November 2022")
    assert after.days_text(pd.Timestamp("2024-11-29"), pd.Timestamp("2024-11-30")) == words.whole("29\u201330 November 2024")
    assert after.days_text(pd.Timestamp("2025-12-31"), pd.Timestamp("2026-01-01")) == (
        words.whole("31 December 2025") + "\u2013" + words.whole("1 January 2026"))

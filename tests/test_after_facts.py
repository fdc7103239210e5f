"""The chapter "After May 2022" in numbers and words: the nearest launch to each patrol, the window of the "try it"
cell, the latest record and the vote worked by hand on small made-up tables; the chapter's facts named by the
convention; and the built page read as a reader reads it."""

import re
from types import SimpleNamespace

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from kadiz import after_facts as af
from kadiz import book, data
from kadiz.charts import after as after_charts
from tests.chart_specs import walk
from tests.built import SITE
from tests.test_after import _dated, _missiles

# Patrol 4 on the article's eve is left out; 5 on 30 November 2022; 6 on 6-7 June 2023; 7 on 14 December 2023.
PATROLS = _dated([{"number": 4, "start": "2022-05-24"}, {"number": 5, "start": "2022-11-30"},
                  {"number": 6, "start": "2023-06-06", "end": "2023-06-07"}, {"number": 7, "start": "2023-12-14"}])
# Patrol 5: 18 November is 12 days before, 1 December 1 day after (the next day); patrol 6: 31 May is 6 days
# before its first day, 15 June 8 days after its last; patrol 7: 15 June is 182 days before, 24 December 10 after.
MISSILES = _missiles([("2022-05-25", 3), ("2022-11-18", 1), ("2022-12-01", 2), ("2023-05-31", 1),
                      ("2023-06-15", 2), ("2023-12-24", 1)])
EVENTS = _dated([
    {"id": "unsc-sanctions-veto", "start": "2022-05-26", "value": "13 in favour, 2 against (China and Russia)"},
    {"id": "russia-north-korea-treaty", "start": "2024-06-19", "value": "treaty"},
    {"id": "north-korean-troops-reported", "start": "2024-10", "precision": "month", "value": "reported"},
    {"id": "north-korean-troops-confirmed", "start": "2025-04-28", "value": "confirmed"},
    {"id": "beijing-parade", "start": "2025-09-03", "value": "parade"},
    {"id": "kadiz-extension-announced", "start": "2013-12-08"}, {"id": "kadiz-extension-effective", "start": "2013-12-15"}])
BOUNDARY = pd.DataFrame({"lat": [39.0, 39.0, 37.0, 39.0], "lon": [123.5, 133.0, 124.0, 123.5],
                         "next_segment": ["given", "approximate", "given", None]})
HAND = SimpleNamespace(joint_air_patrols=PATROLS, missiles=MISSILES, after_events=EVENTS, kadiz_boundary=BOUNDARY)


def test_the_nearest_launch_to_each_patrol_is_the_closer_of_before_and_after():
    assert af.launches_around(HAND)["days_to_nearest"].tolist() == [1, 6, 10]
    assert af.launches_table(HAND)["Nearest launch"].str.replace("\u00a0", " ").tolist() == [
        "1 day", "6 days", "10 days"]


def test_the_facts_of_the_patrols_and_launches_after_the_article():
    facts = af.patrols_and_launches(HAND)
    # The span of the nearest launches, 1 to 10 days: not the 182 days back from patrol 7 to 15 June.
    assert (facts["fewest-days-to-the-nearest-launch"], facts["most-days-to-the-nearest-launch"]) == (1, 10)
    # Within 7 days either side: patrols 5 (1 day) and 6 (6 days), not 7 (10 days).
    assert (facts["window-days"], facts["patrols-with-a-launch-within-the-window"]) == (7, 2)
    assert (facts["patrols-after-the-article"], facts["first-patrol-after-the-article"],
            facts["last-patrol-after-the-article"]) == (3, "30 November 2022", "14 December 2023")
    # Only patrol 5 was followed the next day, as the patrol of 24 May 2022 was.
    assert (facts["patrols-followed-by-a-launch-the-next-day"], facts["sequence-of-may-recurred"]) == (
        1, "recurred once")
    # Launch days after 25 May 2022: 18 November, 1 December, 31 May, 15 June, 24 December; 1+2+1+2+1 missiles.
    assert (facts["launch-events-after-the-article"], facts["missiles-after-the-article"]) == (5, 7)
    assert facts["last-launch-on-file"] == "24 December 2023"


def test_the_latest_record_follows_the_newest_row():
    # The parade of 3 September 2025 is the newest row of the hand tables.
    assert af.patrols_and_launches(HAND)["latest-record"] == "3 September 2025"
    # A patrol of 27 June 2026 added to the patrols moves it, and the chart's axis, with it.
    later = SimpleNamespace(**{**vars(HAND), "joint_air_patrols": pd.concat(
        [PATROLS, _dated([{"number": 11, "start": "2026-06-27"}])], ignore_index=True)})
    assert af.patrols_and_launches(later)["latest-record"] == "27 June 2026"
    assert af.chart_end(later) == "2026-07-01"
    # So does a launch of 26 May 2026 added to the launches.
    later_launch = SimpleNamespace(**{**vars(HAND), "missiles": pd.concat(
        [MISSILES, _missiles([("2026-05-26", 1)])], ignore_index=True)})
    assert af.patrols_and_launches(later_launch)["latest-record"] == "26 May 2026"


def test_a_window_counts_the_patrols_with_a_launch_that_close():
    # Within 3 days only patrol 5 (1 day); within 10 days all three.
    assert af.window(HAND, 3)["near"] == 1
    assert af.window(HAND, 10)["near"] == 3
    assert af.exercise(HAND, 3)["exercise-patrols-with-a-launch-within-the-window"] == 1


def test_the_try_it_chart_draws_each_patrols_nearest_launch_against_the_window():
    # Nearest launches 1, 6 and 10 days from patrols 5, 6 and 7: within 7 days the first two, not the third.
    figure = after_charts.window_figure(af.launches_around(HAND), af.window(HAND, 7))
    assert figure.table["Patrol"].tolist() == ["no. 5", "no. 6", "no. 7"]
    assert figure.table["Date"].tolist() == ["30 November 2022", "6 June 2023–7 June 2023", "14 December 2023"]
    assert figure.table["Days to the nearest launch"].tolist() == [1, 6, 10]
    assert figure.table["Within the window"].tolist() == ["yes", "yes", "no"]
    for layout in (figure.desktop, figure.phone):
        spec = layout.to_dict()
        assert " ".join(spec["title"]["text"]) == "2 of 3 joint patrols had a launch within 7 days either side"
        # The window is drawn where it is: a dashed rule at 7 days.
        rules = [n for n in walk(spec) if isinstance(n, dict) and isinstance(n.get("mark"), dict)
                 and n["mark"].get("type") == "rule"]
        assert rules and rules[0]["mark"]["strokeDash"]
    # Within 3 days only patrol 5 is.
    assert after_charts.window_figure(af.launches_around(HAND), af.window(HAND, 3)).table[
        "Within the window"].tolist() == ["yes", "no", "no"]


def test_a_window_in_words():
    finding = {"near": 1, "patrols": 3, "share": 24, "covered_to": pd.Timestamp("2025-09-03"), "window_days": 3}
    assert af.window_in_words(finding) == (
        "Of the 3 joint patrols after the article that the missile record covers, 1 had a launch event within 3 days "
        "either side; "
        "24% of all days from the article to 3 September 2025 had one.")


def test_a_patrol_or_launch_past_the_missile_record_is_named_not_counted():
    # MISSILES ends on 24 December 2023; a patrol on 10 January 2024 and a launch from the news on 20 January lie
    # beyond it, a launch on 20 December inside it (the database speaks for that day).
    patrols = pd.concat([PATROLS, _dated([{"number": 8, "start": "2024-01-10"}])], ignore_index=True)
    events = pd.concat([EVENTS.assign(kind="other"), _dated([
        {"id": "launch-after", "start": "2024-01-20", "kind": "launch", "value": "one missile"},
        {"id": "launch-inside", "start": "2023-12-20", "kind": "launch", "value": "two missiles"}])], ignore_index=True)
    hand = SimpleNamespace(joint_air_patrols=patrols, missiles=MISSILES, after_events=events, kadiz_boundary=BOUNDARY)
    facts = af.coverage(hand)
    assert (facts["patrols-the-missile-record-covers"], facts["patrols-beyond-the-missile-record"]) == (3, 1)
    assert facts["missile-record-ends"] == "24 December 2023"
    assert facts["patrols-after-the-missile-record"] == "no. 8 (10 January 2024)"
    assert facts["launches-after-the-missile-record"] == "20 January 2024 (one missile)"


def test_the_vote_is_read_from_its_value():
    facts = af.events(HAND)
    assert (facts["un-vote-in-favour"], facts["un-vote-against"]) == (13, 2)
    assert (facts["un-vote-date"], facts["troops-first-reported"]) == ("26 May 2022", "October 2024")


# ------------------------------------------------------------------ the chapter's facts on the data

@pytest.fixture(scope="module")
def facts():
    return af.facts(data.load())


def test_the_chapters_facts_are_named_by_the_glue_key_convention(facts):
    for name in facts:
        book.check_key(f"after-{name}")


def test_a_wider_window_finds_at_least_as_many_patrols(facts):
    assert facts["exercise-window-days"] < facts["window-days"]
    assert facts["exercise-patrols-with-a-launch-within-the-window"] <= facts["patrols-with-a-launch-within-the-window"]
    assert facts["exercise-percent-of-days-near-a-launch"] <= facts["percent-of-days-near-a-launch"]


# ------------------------------------------------------------------ the built page, as a reader reads it

def _page() -> BeautifulSoup:
    return BeautifulSoup((SITE / "chapters" / "after.html").read_text(encoding="utf-8"), "html.parser")


def _text(element) -> str:
    return " ".join(element.get_text(" ").replace("\u00a0", " ").split())


def _days(cell: str) -> int | None:
    return 0 if cell == "same day" else int(cell.split()[0]) if cell else None


def _launches_table(page: BeautifulSoup) -> tuple[list[str], list[list[str]]]:
    """The headers and the rows of the chapter's table of the launches nearest to each patrol, as words."""
    table = page.find(id="tbl-after-launches")
    table = table if table.name == "table" else table.find("table")
    headers = [_text(th) for th in table.find("thead").find_all("th")]
    return headers, [[_text(td) for td in tr.find_all(["td", "th"])] for tr in table.find("tbody").find_all("tr")]


def test_the_sentence_on_the_nearest_launches_gives_the_span_of_the_table():
    page = _page()
    headers, rows = _launches_table(page)
    before, after = headers.index("Days before"), headers.index("Days after")
    # The nearest launch to each patrol, read off the table as a reader would: the closer of before and after (a
    # patrol outside the missile record's coverage has neither, and no nearest launch).
    nearest = [min(days) for r in rows if (days := [d for d in (_days(r[before]), _days(r[after])) if d is not None])]
    sentence = re.search(r"nearest launches lie between (\d+) and (\d+) days", _text(page))
    assert sentence, "the page states the span of the nearest launches"
    assert (int(sentence.group(1)), int(sentence.group(2))) == (min(nearest), max(nearest))


def test_the_words_on_the_planes_are_kbs_worlds_reporting_the_jcs():
    sentence = re.search(r"[^.]*None of the planes violated[^.]*", _text(_page())).group(0)
    assert "KBS World" in sentence and "the JCS stressed" not in sentence


def test_the_conclusion_says_what_the_records_show_and_no_more():
    text = _text(_page())
    assert "did form" not in text
    recur = re.search(r"[^.]*(?:did not recur|recurred)[^.]*\.", text).group(0)
    assert "joint patrol" in recur


def test_every_count_of_patrols_near_a_launch_is_out_of_the_patrols_the_record_covers():
    # A patrol after the missile record's last day has no launch on record either side (its row of the table gives
    # no days), which is no evidence of none: a count of patrols with a launch nearby counts the others only.
    page = _page()
    headers, rows = _launches_table(page)
    covered = sum(1 for r in rows if r[headers.index("Days before")] or r[headers.index("Days after")])
    text = _text(page)
    counts = (re.findall(r"Of the (\d+) joint patrols after the article[^.]*?\blaunch", text)
              + re.findall(r"of (\d+) patrols is what chance gives", text))
    assert len(counts) >= 3 and covered < len(rows)
    assert [int(n) for n in counts] == [covered] * len(counts)

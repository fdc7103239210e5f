"""The chapter "What the records say" in numbers and words: the exercise's window and the counts worked by hand,
and the chapter's facts named by the convention and adding up on the data."""

import pandas as pd
import pytest

from kadiz import book, data, verdicts
from kadiz import records_facts as rf

# Launch days of a made-up record: 1, 10 and 20 November 2021.
LAUNCHES = pd.Series(pd.to_datetime(["2021-11-01", "2021-11-10", "2021-11-20"]))


@pytest.mark.parametrize("day, window_days, first, answer", [
    # The 10 days before 20 November start on 10 November and hold its launch; 20 November itself is not before.
    ("2021-11-20", 10, "10 November", "hold a launch (10 November)"),
    # The 9 days before start on 11 November: the launches of the 10th and the 20th both fall outside.
    ("2021-11-20", 9, "11 November", "hold none"),
    # The 30 days before 25 November hold three launches; the window names the first of them.
    ("2021-11-25", 30, "26 October", "hold a launch (1 November)"),
])
def test_the_days_before_a_day_hold_a_launch_or_none(day, window_days, first, answer):
    assert rf.launches_before(LAUNCHES, pd.Timestamp(day), window_days) == (first, answer)


def test_the_wrong_date_decides_the_claim_only_when_the_answers_differ():
    assert rf.window_verdict("hold none", "hold a launch (10 November)") == "So the wrong date would decide that claim."
    assert rf.window_verdict("hold none", "hold none") == "Here the two dates happen to give the same answer."
    # Two windows that each hold a launch, even different ones, both deny "no test in the days before".
    assert rf.window_verdict("hold a launch (1 November)", "hold a launch (10 November)") == (
        "Here the two dates happen to give the same answer.")


def test_the_windows_where_the_date_decides_hand_worked():
    # Launches on 1, 10 and 20 November 2021; dates 15 and 19 November. Counted back w days from the 15th, the window
    # takes in the launch of the 10th from w = 5; from the 19th, only from w = 9. Both reach 1 November later (w = 14
    # and 18), when both hold a launch already. So the dates give different answers for w = 5 to 8.
    decides = rf.windows_where_the_date_decides(LAUNCHES, pd.Timestamp("2021-11-15"), pd.Timestamp("2021-11-19"), 20)
    assert decides == [5, 6, 7, 8]
    assert rf.spans(decides) == "5 to 8"
    assert rf.spans([23, 24, 25, 40]) == "23 to 25 and 40"
    assert rf.spans([]) == "none"


def test_launch_events_of_a_year_count_each_korean_day_once():
    # Two missiles on 5 January 2022, one on 11 January 2022, one on 31 December 2021: 2022 has 2 events, 3 missiles.
    missiles = pd.DataFrame({
        "kst_ts": pd.to_datetime(["2022-01-05 08:10", "2022-01-05 08:17", "2022-01-11 07:27", "2021-12-31 10:00"]),
        "missile_name": ["Hwasong-8", "Hwasong-8", "Hwasong-8", "KN-23"], "facility_name": "", "outcome": ""})
    missiles["kst_date"] = missiles["kst_ts"].dt.normalize()
    launches = rf.launches_in(missiles, 2022)
    assert (len(launches), int(launches["missiles"].sum())) == (2, 3)


def test_the_counts_table_is_headed_in_words():
    frame = pd.DataFrame({"period": ["January 2022"], "count": ["Ballistic missiles"], "value": [9],
                          "kind": ["rule"], "kind_words": ["a rule applied"], "sources": ["CNS"], "label": ["x"]})
    assert list(rf.counts_table(frame).columns) == ["Period", "What is counted", "Count", "Kind", "Sources"]


@pytest.fixture(scope="module")
def d():
    return data.load()


@pytest.fixture(scope="module")
def facts(d):
    return rf.facts(d)


def test_the_chapters_facts_are_named_by_the_glue_key_convention(facts):
    for name in facts:
        book.check_key(f"records-{name}")


def test_the_chapters_counts_add_up(facts):
    assert facts["checkable-claims"] + facts["uncheckable-claims"] == facts["claims"]
    assert sum(facts[f"rated-{code}"] for code in verdicts.RATINGS) == facts["verdicts"]
    assert facts["group-the-records-agree"] + facts["group-the-claim-falls-short"] + facts["group-cannot-be-settled"] == facts["verdicts"]
    assert facts["findings"] <= facts["verdicts"]


def test_missiles_per_event_to_may_is_23_of_15(facts):
    # The CNS data hold 23 ballistic missiles in 15 launch events from 1 January to 25 May 2022 (PROVENANCE.md):
    # 23 / 15 = 1.53, "about 1.5 missiles per event".
    assert (facts["ballistic-missiles-to-may"], facts["ballistic-launch-events-to-may"]) == (23, 15)
    assert facts["missiles-per-launch-event"] == "1.5"


def test_a_rating_reads_in_the_rubrics_words(d):
    code = d.verdicts.set_index("claim_id").loc["nineteen-tests-2022", "verdict"]
    assert rf.rating(d, "nineteen-tests-2022") == verdicts.RATINGS[code] != code


def test_the_try_it_cell_draws_both_windows_and_the_launches_inside_them(d):
    """Each window ends the day before its date and runs back WINDOW_DAYS days; every launch drawn lies in one of
    them, and every launch in either window is drawn."""
    from kadiz.charts import sorties_window
    from kadiz.charts.theme import DESKTOP, PHONE

    for window_days in (rf.EXERCISE_WINDOW_DAYS, rf.OTHER_WINDOW_DAYS, rf.LONGEST_WINDOW):
        frame = rf.sorties_window_frame(d, window_days)
        windows, launches = frame[frame["end"].notna()], frame[frame["end"].isna()]
        assert ((windows["end"] - windows["start"]).dt.days == window_days).all()
        assert list(windows["end"]) == list(rf.sorties_days(d))
        inside = [any(w.start <= day < w.end for w in windows.itertuples()) for day in launches["start"]]
        assert all(inside)
        days = d.missiles["kst_date"]
        in_either = {day for w in windows.itertuples() for day in days[(days >= w.start) & (days < w.end)]}
        assert in_either <= set(launches["start"])
        window = rf.sorties_window(d, window_days)
        payload = sorties_window.window_figure(frame, rf.sorties_window_finding(window)).payload()
        assert len(payload["table"]["rows"]) == len(frame)
        for layout in (DESKTOP, PHONE):
            assert payload[layout.name]["spec"]["width"] <= layout.width

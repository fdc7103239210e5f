"""The chapter "March and May: the same sequence?" in numbers and words, worked by hand from the article's rows.

data/assets.csv, May: row 0 counts "two Chinese H-6 bombers" entering at 07:56 (may24-h6-kadiz-entry); row 1 counts
"the two Chinese warplanes" that "joined four Russian warplanes, including two TU-95 bombers" at 09:58
(may24-joint-kadiz-entry): the same two aircraft, so May holds 2 Chinese aircraft, not 4. Rows 2-3: 4 Russian
warplanes, 2 of them Tu-95 (inside the 4, not besides them). Rows 4-5: 3 ballistic missiles, 1 of them a suspected
ICBM. March: row 6, 1 ICBM; the article counts no March aircraft.
"""

import pandas as pd
import pytest

from kadiz import book, march_and_may
from kadiz import march_and_may_facts as mf
from kadiz.charts import try_it
from kadiz.data import load


@pytest.fixture(scope="module")
def d():
    return load()


@pytest.fixture(scope="module")
def facts(d):
    return mf.facts(d)


def test_the_counts_row_counts_the_two_h6_once(d):
    counts = mf.comparison_table(d).set_index("Point").loc["Aircraft and missiles counted"]
    assert counts["May 2022"] == ("China: 2 H-6 bombers; Russia: 4 warplanes (of which 2 Tu-95 bombers); "
                                  "North Korea: 3 ballistic missiles (of which 1 suspected ICBM)")
    assert counts["March 2022"] == "North Korea: 1 ICBM"


def _assets(rows):
    return pd.DataFrame(rows, columns=["event_id", "country", "platform", "count", "included_in"])


def test_an_aircraft_named_again_is_counted_once_and_other_aircraft_still_count():
    # Two H-6 fly alone, then "the two Chinese warplanes" (the same) join the Russians; a third flight of three
    # Chinese warplanes is more aircraft (another number), and the Russians' Tu-95 sit inside their count.
    assets = _assets([("alone", "CHN", "H-6 bomber", 2, None), ("joint", "CHN", "warplane", 2, None),
                      ("joint", "RUS", "warplane", 4, None), ("joint", "RUS", "Tu-95 bomber", 2, "warplane"),
                      ("third", "CHN", "warplane", 3, None)])
    once = march_and_may.counted_assets(assets, ["alone", "joint", "third"])
    assert once[["event_id", "country", "count"]].values.tolist() == [
        ["alone", "CHN", 2], ["joint", "RUS", 4], ["joint", "RUS", 2], ["third", "CHN", 3]]
    assert len(march_and_may.counted_assets(assets, ["alone", "joint", "third"], each_entry=True)) == 5
    # In the order of the events asked for, not of the table.
    assert march_and_may.counted_assets(assets, ["third", "joint"])["event_id"].tolist() == ["third", "joint", "joint", "joint"]


@pytest.mark.parametrize("each_entry, chinese", [(False, 2), (True, 2 + 2)])
def test_counts_by_country_add_the_top_level_counts(d, each_entry, chinese):
    table = mf.counts_by_country(d, each_entry)
    assert table.values.tolist() == [["March", "North Korean", 1], ["May", "Chinese", chinese],
                                     ["May", "Russian", 4], ["May", "North Korean", 3]]


def test_the_exercise_compares_once_with_each_entry(facts):
    assert (facts["once-may-chinese"], facts["each-entry-may-chinese"]) == (2, 4)
    assert facts["once-may-russian"] == facts["each-entry-may-russian"] == 4


def test_summary_counts_every_point_once(d, facts):
    table = mf.comparison_table(d)
    verdicts = ("points-same", "points-consistent", "points-differ", "points-not-comparable")
    assert sum(facts[v] for v in verdicts) == facts["points"] == len(table)
    assert facts["points-not-comparable"] == 3  # minutes in the zone, last flight to first launch, launch window
    assert facts["row-parties"] == 1 and facts["row-counts"] == 5 and facts["row-context"] == len(table)


def test_march_facts_are_days_not_times(facts):
    assert (facts["march-china"], facts["march-russia"], facts["march-icbm"]) == (
        "23 March 2022", "24 March 2022", "24 March 2022")
    assert facts["march-precision"] == "day"
    # "three ballistic missiles, including a suspected intercontinental ballistic missile".
    assert (facts["march-icbms"], facts["may-ballistic-missiles"], facts["may-suspected-icbms"]) == (1, 3, 1)


def test_the_try_it_chart_states_its_finding(d):
    counts = mf.counts_by_country(d, True)
    finding = mf.counted_in_words(counts, True)
    assert finding == ("Counting each aircraft at each entry into the zone: in March 1 North Korean; "
                       "in May 4 Chinese, 4 Russian and 3 North Korean")
    payload = try_it.counts_figure(counts, finding).payload()
    assert payload["phone"]["description"].startswith(f"Bar chart: {finding}.")
    assert ["May: Chinese", "4"] in payload["table"]["rows"]


def test_the_chapters_facts_are_named_by_the_glue_key_convention(facts):
    for name in facts:
        book.check_key(f"march-and-may-{name}")
        assert not name.startswith("n-") and "-n-" not in name, name

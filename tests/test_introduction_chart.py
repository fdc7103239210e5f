"""The introduction's precision chart counts every event once, at the precision its row states."""

import pandas as pd

from kadiz.charts.introduction import precision_figure
from kadiz.introduction import precision_counts
from kadiz.when import PRECISIONS


def test_counts_list_every_precision_finest_first():
    events = pd.DataFrame({"precision": ["day", "minute", "day", "year"]})
    counts = precision_counts(events)
    assert counts["precision"].tolist() == ["minute", "hour", "day", "month", "year"] == PRECISIONS
    assert counts["events"].tolist() == [1, 0, 2, 0, 1]


def test_chart_states_its_finding_in_both_layouts():
    # Two of three events timed to the minute, one dated to a month: the headline counts the timed ones.
    payload = precision_figure(pd.DataFrame({"precision": ["minute", "minute", "month"]})).payload()
    for layout in ("desktop", "phone"):
        spec = payload[layout]
        assert " ".join(spec["title"]["text"]) == "Only 2 of the article's 3 events are timed to the hour or minute"
        assert "2 to the minute" in spec["description"] and "1 to the month" in spec["description"]
    assert payload["table"]["columns"] == ["Dated to the", "Events"]
    assert payload["table"]["rows"][0] == ["minute", "2"] and payload["table"]["rows"][3] == ["month", "1"]

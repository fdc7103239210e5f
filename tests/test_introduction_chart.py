"""The introduction's precision chart counts every event once, at the precision its row states."""

import pandas as pd

from kadiz.charts.introduction import precision_chart
from kadiz.introduction import precision_counts, precision_summary
from kadiz.when import PRECISIONS


def test_counts_list_every_precision_finest_first():
    events = pd.DataFrame({"precision": ["day", "minute", "day", "year"]})
    counts = precision_counts(events)
    assert counts["precision"].tolist() == ["minute", "hour", "day", "month", "year"] == PRECISIONS
    assert counts["events"].tolist() == [1, 0, 2, 0, 1]


def test_chart_describes_the_counts():
    spec = precision_chart(pd.DataFrame({"precision": ["minute", "minute", "month"]})).to_dict()
    assert "3 events" in spec["description"]
    assert "2 to the minute" in spec["description"] and "1 to the month" in spec["description"]


def test_summary_counts_the_vague_dates_together():
    events = pd.DataFrame({"precision": ["minute", "day", "month", "year", "year"]})
    assert precision_summary(events) == {"n-to-minute": 1, "n-vague": 3}  # one month and two years

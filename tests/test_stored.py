"""A figure's payload as a chapter stores it (kadiz.charts.stored): smaller, and read back exactly."""

import json

import pytest

from kadiz.charts import stored
from kadiz.map import land

DESKTOP = {"$schema": "v6", "config": {"font": "Arial", "axis": {"labelFontSize": 12, "grid": True}},
           "description": "two points", "width": 600, "legend": {"orient": "top"},
           "vconcat": [{"mark": "point"}, {"mark": "rule"}]}
PHONE_CHANGES = [
    {},                                                              # the same layout
    {"width": 300},                                                  # a number changed
    {"legend": None},                                                # a value set to null (no legend), not dropped
    {"config": {"font": "Arial", "axis": {"labelFontSize": 11}}},   # a nested key dropped and one changed
    {"vconcat": [{"mark": "point"}]},                                # a list is replaced whole
    {"title": {"text": ["two", "lines"]}},                          # a key the desktop layout lacks
]


@pytest.mark.parametrize("change", PHONE_CHANGES)
def test_the_phone_layout_is_stored_as_its_changes_and_read_back_exactly(change):
    phone = {**DESKTOP, **change}
    payload = {"desktop": DESKTOP, "phone": phone, "datasets": {"data-1": [{"a": 1}]}, "name": "fig-x", "table": {}}
    kept = stored.stored(payload)
    assert stored.loaded(json.dumps(kept)) == payload
    assert len(json.dumps(kept["phone"])) < len(json.dumps(phone)), "the changes are not smaller than the layout"


def test_the_map_land_is_named_by_its_file_and_read_from_it():
    rows = land()
    payload = {"desktop": DESKTOP, "phone": None, "datasets": {"land-natural-earth-10m": rows, "other": [1]}}
    kept = stored.stored(payload)
    assert kept["datasets"]["land-natural-earth-10m"] == {"$file": "data/geo/land.topo.json"}
    assert stored.loaded(json.dumps(kept)) == payload
    # Rows that differ from the file (another cut of the land) are stored as they are.
    changed = {**payload, "datasets": {"land-natural-earth-10m": {**rows, "type": "other"}}}
    assert stored.stored(changed)["datasets"] == changed["datasets"]


def test_a_payload_stored_whole_reads_as_it_is():
    payload = {"desktop": DESKTOP, "phone": {**DESKTOP, "width": 300}, "datasets": {"d": [{"a": 1}]}}
    assert stored.loaded(json.dumps(payload)) == payload

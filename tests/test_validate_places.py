"""Bad input in the map's tables and the events after the article is refused, naming file, row and column."""

import shutil

import pytest
from minimal_data import edit as row_edit

from kadiz import validate
from kadiz.data import DataError, load
from kadiz.paths import DATA
from kadiz.validation import geo


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def edit(folder, path, row, column, value):
    """Set one cell of a table in the copied folder; `row` is the CSV line number (header = 1), as in messages."""
    row_edit(path, row - 2, **{column: value})(folder)


def problems_at(folder, path, row, column):
    return [p.message for p in validate.check(folder)[1] if (p.file, p.row, p.column) == (path, row, column)]


def test_the_tables_on_file_are_valid():
    assert validate.check()[1] == []


def test_degrees_and_minutes():
    assert geo.dms("37°17'N 133°E") == (pytest.approx(37 + 17 / 60), 133.0)
    assert geo.dms("30°N 125°25'E") == (30.0, pytest.approx(125 + 25 / 60))
    assert geo.dms("37.28N 133E") is None


# One cell changed, and the exact message expected at that file, row and column.
ONE_CELL_CASES = {
    "place outside the map": ("external/places.csv", 2, "lat", "52.5",
                              "52.5 is outside the map's region (28.0 to 44.0)"),
    # Row 4 is 37°17'N 133°E: 37.28 is off by more than the rounding of a minute.
    "boundary point not the published one": ("external/kadiz_boundary.csv", 4, "lat", "37.28",
                                             "37.28 is not 37°17'N 133°E (37.283333 in decimal degrees)"),
    "boundary point in another notation": ("external/kadiz_boundary.csv", 3, "as_published", "39N 133E",
                                           '"39N 133E" is not a point in degrees and minutes such as 37°17\'N 133°E'),
    "unknown source": ("external/places.csv", 4, "source_ids", "nagixnkmissiletests;nosuchsource",
                       '"nosuchsource" is not an id of external/sources.csv or external/map_sources.csv'),
    "area anchored to an unknown place": ("external/map_areas.csv", 2, "anchor_place_id", "atlantis",
                                          'dangling reference: "atlantis" is not an id of external/places.csv'),
    "event dated differently from its record": (
        "external/after_events.csv", 3, "start", "2024-06-18",
        'start "2024-06-18" differs from that of record "russia-north-korea-treaty-2024" ("2024-06-19")'),
    "claim without its standing after": (
        "external/after_events.csv", 3, "claim_after", "",
        "claim_id is given, so claim_after must say how the claim stands after this event"),
}


@pytest.mark.parametrize("path,row,column,value,message", ONE_CELL_CASES.values(), ids=ONE_CELL_CASES)
def test_one_bad_cell_is_named_with_its_message(folder, path, row, column, value, message):
    edit(folder, path, row, column, value)
    assert problems_at(folder, path, row, column) == [message]


def test_a_latitude_that_is_not_a_number(folder):
    edit(folder, "external/places.csv", 3, "lat", "north")
    (message,) = problems_at(folder, "external/places.csv", 3, "lat")
    assert '"north"' in message and "number" in message


def test_a_position_outside_the_vocabulary(folder):
    edit(folder, "external/places.csv", 4, "position", "exact")
    (message,) = problems_at(folder, "external/places.csv", 4, "position")
    assert '"exact"' in message


def test_a_boundary_that_does_not_close(folder):
    edit(folder, "external/kadiz_boundary.csv", 11, "lat", "38")
    edit(folder, "external/kadiz_boundary.csv", 11, "as_published", "38°N 123°30'E")
    assert problems_at(folder, "external/kadiz_boundary.csv", 11, "lat") == [
        "the last point must repeat the first, so that the line closes"]


def test_a_missing_boundary_point(folder):
    edit(folder, "external/kadiz_boundary.csv", 6, "order", "12")
    messages = [p.message for p in validate.check(folder)[1] if p.file == "external/kadiz_boundary.csv"]
    assert "point 5 is missing" in messages


def test_a_date_in_the_wrong_shape(folder):
    edit(folder, "external/after_events.csv", 2, "start", "26/05/2022")
    assert problems_at(folder, "external/after_events.csv", 2, "start")


def test_load_refuses_a_bad_folder(folder):
    edit(folder, "external/places.csv", 2, "lon", "200")
    with pytest.raises(DataError, match=r"external/places.csv:2:lon:"):
        load(folder)

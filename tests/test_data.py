"""kadiz.data.load(): typed tables with Seoul timestamps, and vague dates as periods."""

import pandas as pd
import pytest

from kadiz import data
from kadiz.paths import DATA
from minimal_data import make_valid

SEOUL = "Asia/Seoul"


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    return data.load(make_valid(tmp_path_factory.mktemp("data")), needs=False)


def by_id(df, id_):
    return df.set_index("id").loc[id_]


def test_types_follow_the_schemas(tables):
    assert tables.events["approximate"].dtype == "boolean"
    assert tables.assets["count"].dtype == "Int64"
    assert tables.events["end"].isna().sum() == 3  # empty cells are missing values, not ""


def test_minute_times_are_seoul_instants(tables):
    row = by_id(tables.events, "may24-h6-kadiz-entry")
    assert row["start_ts"] == pd.Timestamp("2022-05-24 07:56", tz=SEOUL)
    assert str(tables.events["start_ts"].dt.tz) == SEOUL
    assert row["period_end_ts"] == row["start_ts"]  # a point, not a band
    launches = by_id(tables.events, "may25-missile-launches")
    assert launches["period_end_ts"] == launches["end_ts"] == pd.Timestamp("2022-05-25 06:42", tz=SEOUL)


def test_vague_dates_are_bands(tables):
    icbm = by_id(tables.events, "mar24-icbm-launch")
    assert icbm["start_ts"] == pd.Timestamp("2022-03-24", tz=SEOUL)
    assert icbm["period_end_ts"] == pd.Timestamp("2022-03-25", tz=SEOUL)
    sixth = tables.joint_air_patrols.set_index("number").loc[6]  # 6-7 June 2023
    assert sixth["period_end_ts"] == pd.Timestamp("2023-06-08", tz=SEOUL)


def test_missiles_come_with_the_tables(tables):
    assert {"kst_ts", "kst_date", "missile_name"} <= set(tables.missiles.columns)


def test_real_data_loads():
    tables = data.load(DATA)
    assert len(tables.article) == 1
    assert tables.events["start_ts"].notna().all()
    assert (tables.events["period_end_ts"] >= tables.events["start_ts"]).all()

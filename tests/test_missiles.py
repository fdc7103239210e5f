"""The missile tests, tidied and counted, against what PROVENANCE.md and RECORDS.md say the CNS data hold.

Expected values and where they come from (data/external/nk-missile-tests/PROVENANCE.md, "Seen in it for 2022 up
to 31 May (KST dates)", and /work/shared/external/RECORDS.md, "What the records say"):
- 1 January to 25 May 2022 (KST): 15 ballistic launch events, 23 missiles;
- January 2022: 6 launch events, 9 missiles (RECORDS.md: 7 with the cruise missiles of 25 January, which are not
  in the data: their scope is missiles of at least 500 kg over at least 300 km);
- 25 May 2022 (KST): launches at 06:00, 06:37 and 06:42 (also the JCS times in RECORDS.md);
- 24 March 2022 (KST): one launch at 14:34, recorded as a Hwasong-15 (the JCS time in RECORDS.md);
- November 2021: no launch.
"""

import pandas as pd
import pytest

from kadiz import missiles


@pytest.fixture(scope="module")
def tests():
    return missiles.load()


def window(df, first, last):
    return df[df["kst_date"].between(first, last)]


def test_one_row_per_missile(tests):
    assert tests["kst_ts"].dt.tz is not None and str(tests["kst_ts"].dt.tz) == "Asia/Seoul"
    assert tests["missile_name"].notna().all() and tests["facility_name"].notna().all()
    assert tests.loc[~tests["time_known"], "kst_ts"].isna().all()


def test_utc_evening_is_next_kst_day(tests):
    # The source dates the first missile of 25 May (KST) 2022-05-24 at 21:00 UTC.
    row = tests[(tests["utc_date"] == "2022-05-24") & (tests["utc_time"] == "21:00")].iloc[0]
    assert row["kst_date"] == pd.Timestamp("2022-05-25")
    assert row["kst_ts"] == pd.Timestamp("2022-05-25 06:00", tz="Asia/Seoul")


def test_2022_to_25_may(tests):
    w = window(tests, "2022-01-01", "2022-05-25")
    assert len(missiles.launch_events(w)) == 15
    assert len(w) == 23


def test_january_2022(tests):
    w = window(tests, "2022-01-01", "2022-01-31")
    assert len(missiles.launch_events(w)) == 6
    assert len(w) == 9


def test_25_may_2022_times(tests):
    day = window(tests, "2022-05-25", "2022-05-25")
    assert day["kst_ts"].dt.strftime("%H:%M").tolist() == ["06:00", "06:37", "06:42"]


def test_24_march_2022_icbm(tests):
    day = window(tests, "2022-03-24", "2022-03-24")
    assert day["kst_ts"].dt.strftime("%H:%M").tolist() == ["14:34"]
    assert day["missile_type"].tolist() == ["ICBM"]


def test_no_launch_in_november_2021(tests):
    assert window(tests, "2021-11-01", "2021-11-30").empty


def test_launch_events_span_their_missiles(tests):
    events = missiles.launch_events(window(tests, "2022-05-25", "2022-05-25"))
    assert events.loc[0, "missiles"] == 3
    assert events.loc[0, "last_kst_ts"] - events.loc[0, "first_kst_ts"] == pd.Timedelta(minutes=42)

"""The next joint patrol is one sourced row of data/external/joint_air_patrols.csv and nothing else: it validates,
the After chapter's table lists it, and, lying after the missile record's last day, it is reported as outside the
record's coverage (not scored), never as a patrol no launch followed."""

import csv
import shutil

import pandas as pd

from kadiz import after, after_facts, data, validate
from kadiz import missiles as missile_data
from kadiz.paths import ROOT

TWELFTH = {"number": "12", "start": "2026-11-20", "end": "", "precision": "day", "approximate": "false",
           "description": "Twelfth joint patrol (a row made for this test).", "source_ids": "chosunbiz2026eleventh",
           "confidence": "high"}


def test_a_twelfth_patrol_is_one_row_that_validates_and_appears_unscored(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    patrols = folder / "external" / "joint_air_patrols.csv"
    with patrols.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with patrols.open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=header, lineterminator="\n").writerow(TWELFTH)

    assert validate.validate(folder) == []
    d = data.load(folder)
    assert 12 in set(d.joint_air_patrols["number"])
    around = after.launches_around(after.patrols_after(d.joint_air_patrols), d.missiles)
    twelfth = around.set_index("number").loc[12]
    assert twelfth["last_day"] > missile_data.coverage_end(d.missiles) and not twelfth["scored"]
    row = after.launches_table(around).set_index("Patrol").loc["no. 12"]
    assert row["First launch after"] == row["Last launch before"] == "beyond the record"
    assert pd.isna(twelfth["launch_after"])
    facts = after_facts.facts(d)
    assert "no. 12 (20 November 2026)" in facts["patrols-after-the-missile-record"]
    assert (facts["patrols-the-missile-record-covers"] + facts["patrols-beyond-the-missile-record"]
            == facts["patrols-after-the-article"])

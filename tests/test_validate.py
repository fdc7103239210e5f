"""The validator: the real data pass, and each kind of broken data is named by file, row and column.

Each broken case starts from a minimal valid folder (tests/minimal_data.py) and breaks one thing; the validator must
report that thing where it is, and kadiz.data.load() must refuse the folder before returning any table.
"""

import shutil
import subprocess
import sys

import pytest

from kadiz import article, codebook
from kadiz.paths import DATA
from kadiz.validate import validate
from minimal_data import edit, make_valid, raw, read_csv, refused_at, write_csv


@pytest.fixture
def folder(tmp_path):
    return make_valid(tmp_path / "data")


def drop_column(path, column):
    def mutate(folder):
        write_csv(folder / path, [{k: v for k, v in r.items() if k != column} for r in read_csv(folder / path)])
    return mutate


def add_column(path, column):
    def mutate(folder):
        write_csv(folder / path, [{**r, column: "x"} for r in read_csv(folder / path)])
    return mutate


def drop_row(path, index):
    def mutate(folder):
        rows = read_csv(folder / path)
        write_csv(folder / path, rows[:index] + rows[index + 1:])
    return mutate


def latin1_in_description(b: bytes) -> bytes:
    # "general" -> "général" in Latin-1: one undecodable byte in speakers.csv line 2, column description.
    return b.replace(b"retired South Korean general", "retired South Korean général".encode("latin-1"))


def short_row(b: bytes) -> bytes:
    return b.replace(b"RUS,military\n", b"RUS\n")  # actors.csv line 3 loses its last cell (kind)


def long_row(b: bytes) -> bytes:
    return b.replace(b"PRK,state\n", b"PRK,state,extra\n")  # actors.csv line 4 gains a cell


# (case, how to break the folder, file, row, column, a word the message must contain)
CASES = [
    ("missing column", drop_column("events.csv", "place"), "events.csv", 1, "place", "missing column"),
    ("unexpected column", add_column("actors.csv", "nickname"), "actors.csv", 1, "nickname", "unexpected column"),
    ("unknown actor", edit("events.csv", 1, actors="china-air-force;martian-air-force"),
     "events.csv", 3, "actors", "martian-air-force"),
    ("malformed date", edit("events.csv", 3, start="24/03/2022"), "events.csv", 5, "start", "shape"),
    ("impossible date", edit("events.csv", 3, start="2022-02-30"), "events.csv", 5, "start", "not a real date"),
    ("impossible hour", edit("external/records.csv", 0, start="2022-05-24T25:56+09:00"),
     "external/records.csv", 2, "start", "not a real date"),
    ("time without offset", edit("events.csv", 0, start="2022-05-24T07:56"), "events.csv", 2, "start", "UTC offset"),
    ("shape not of its precision", edit("external/joint_air_patrols.csv", 0, start="2022-05"),
     "external/joint_air_patrols.csv", 2, "start", "shape"),
    ("end before start", edit("external/joint_air_patrols.csv", 1, end="2023-06-05"),
     "external/joint_air_patrols.csv", 3, "end", "before start"),
    ("passage not in the article", edit("claims.csv", 0, passage="North Korea has conducted 21 missile tests this year"),
     "claims.csv", 2, "passage", "not in the article"),
    ("anonymity reason not verbatim", edit("speakers.csv", 1, anonymity_reason="he was not cleared to speak"),
     "speakers.csv", 3, "anonymity_reason", "not in the article"),
    ("duplicate id", edit("actors.csv", 1, id="china-air-force"), "actors.csv", 3, "id", "duplicate"),
    ("dangling speaker", edit("quotes.csv", 1, speaker_id="nobody"), "quotes.csv", 3, "speaker_id", "nobody"),
    ("dangling entry_id", edit("events.csv", 1, entry_id="no-such-entry"), "events.csv", 3, "entry_id",
     "no-such-entry"),
    ("entry_id not an entry", edit("events.csv", 1, entry_id="mar24-icbm-launch"), "events.csv", 3, "entry_id",
     "air-zone-entry"),
    ("dangling event_id", edit("claims.csv", 1, event_id="no-such-event"), "claims.csv", 3, "event_id",
     "no-such-event"),
    ("dangling claim_id", edit("external/records.csv", 0, claim_id="no-such-claim"), "external/records.csv", 2,
     "claim_id", "no-such-claim"),
    ("dangling source id", edit("external/records.csv", 1, source_ids="kbsworld2022may;nosuchsource"),
     "external/records.csv", 3, "source_ids", "nosuchsource"),
    ("included_in no such platform", edit("assets.csv", 2, included_in="cruise missile"), "assets.csv", 4,
     "included_in", "cruise missile"),
    ("precision finer than the passage", edit("events.csv", 3, start="2022-03-24T14:34+09:00", precision="minute"),
     "events.csv", 5, "precision", "finer than the passage"),
    ("time disagrees with passage", edit("events.csv", 0, start="2022-05-24T07:50+09:00"), "events.csv", 2, "start",
     "07:56"),
    ("end time disagrees with passage", edit("events.csv", 2, end="2022-05-25T06:45+09:00"), "events.csv", 4, "end",
     "06:42"),
    ("empty quote passage", edit("quotes.csv", 0, passage=""), "quotes.csv", 2, "passage", "required"),
    ("bad enum value", edit("events.csv", 0, category="flyby"), "events.csv", 2, "category", "enum"),
    ("bad boolean", edit("events.csv", 0, approximate="yes"), "events.csv", 2, "approximate", "yes"),
    ("count not an integer", edit("assets.csv", 0, count="two"), "assets.csv", 2, "count", "two"),
    ("wrong encoding", raw("speakers.csv", latin1_in_description), "speakers.csv", 2, "description", "UTF-8"),
    ("empty file", raw("claims.csv", lambda b: b""), "claims.csv", None, None, "empty"),
    ("missing file", lambda folder: (folder / "actors.csv").unlink(), "actors.csv", None, None, "missing"),
    ("article text missing", lambda folder: (folder / "source" / "000_3ecf4f42f1786e72.txt").unlink(),
     "source/article.csv", 2, "file", "missing"),
    ("ragged row, short", raw("actors.csv", short_row), "actors.csv", 3, "kind", "ragged"),
    ("ragged row, long", raw("actors.csv", long_row), "actors.csv", 4, None, "ragged"),
    ("unknown verdict", edit("verdicts.csv", 0, verdict="false"), "verdicts.csv", 2, "verdict", "enum"),
    ("verdict on no claim", edit("verdicts.csv", 0, claim_id="no-such-claim"), "verdicts.csv", 2, "claim_id",
     "no-such-claim"),
    ("two verdicts on one claim", edit("verdicts.csv", 1, claim_id="nineteen-missile-tests"), "verdicts.csv", 3,
     "claim_id", "duplicate"),
    ("verdict with no source", edit("verdicts.csv", 1, record_ids=""), "verdicts.csv", 3, "source_ids",
     "cites no source"),
    ("verdict on an unknown record", edit("verdicts.csv", 1, record_ids="no-such-record"), "verdicts.csv", 3,
     "record_ids", "no-such-record"),
    ("verdict on an unknown source", edit("verdicts.csv", 0, source_ids="kbsworld2022may;nosuchsource"),
     "verdicts.csv", 2, "source_ids", "nosuchsource"),
    ("checkable claim without verdict", drop_row("verdicts.csv", 0), "claims.csv", 2, "id", "no verdict"),
    ("claim checked by a record without verdict", drop_row("verdicts.csv", 1), "claims.csv", 3, "id",
     "no verdict"),
    ("wrong article checksum", edit("source/article.csv", 0, sha256="0" * 64), "source/article.csv", 2, "sha256",
     "SHA-256"),
]


def test_minimal_folder_is_valid(folder):
    assert validate(folder, needs=False) == []


@pytest.mark.parametrize("case, mutate, file, row, column, word", CASES, ids=[c[0] for c in CASES])
def test_broken_data_is_named(folder, case, mutate, file, row, column, word):
    refused_at(folder, case, mutate, file, row, column, word)


def test_cannot_be_settled_may_cite_nothing(folder):
    """The one verdict that may rest on no source: its reason says why none can settle the claim."""
    edit("verdicts.csv", 1, verdict="cannot-be-settled", record_ids="",
         reason="No record of the minute of entry could exist outside the JCS, which does not publish one.")(folder)
    assert validate(folder, needs=False) == []


def test_claim_not_needing_a_verdict_may_have_none(folder):
    """A claim that nothing outside the article could check, with no record on file, needs no verdict."""
    edit("external/records.csv", 0, claim_id="")(folder)
    edit("claims.csv", 1, checkable_against="none")(folder)
    drop_row("verdicts.csv", 1)(folder)
    assert validate(folder, needs=False) == []


def test_unreadable_table_is_reported_once(folder):
    """frictionless repeats an encoding error on every table that refers to the broken one; we report it once."""
    raw("speakers.csv", latin1_in_description)(folder)
    problems = validate(folder, needs=False)
    assert {p.file for p in problems} == {"speakers.csv"}


def test_missing_package_is_a_problem_not_a_traceback(folder):
    (folder / "datapackage.json").write_text("{not json")
    assert [p.file for p in validate(folder, needs=False)] == ["datapackage.json"]


def test_typographic_variants_are_verbatim():
    assert article.contains("That is a scary question - South Korea")  # en dash typed as hyphen
    assert article.contains("Prior to Russia's February 24   invasion")  # straight apostrophe, extra spaces
    assert not article.contains("Prior to Russia's February 25 invasion")
    assert not article.contains("")


def test_clock_times():
    assert article.clock_times("at 7:56 AM on May 24") == ["07:56"]
    assert article.clock_times("between 6:00 AM and 6:42 AM") == ["06:00", "06:42"]
    assert article.clock_times("until 10:15 AM, then 12:05 a.m. and 9:33 PM, or 18:00") == [
        "10:15", "00:05", "21:33", "18:00"]
    assert article.clock_times("19 missile tests, 12 nautical miles") == []


def test_command_line(folder, tmp_path):
    shutil.copytree(DATA, tmp_path / "copy")  # the minimal folder lacks the rows the chapters name
    ok = subprocess.run([sys.executable, "-m", "kadiz.validate", str(tmp_path / "copy")], capture_output=True,
                        text=True)
    assert ok.returncode == 0 and ok.stdout.strip().endswith("rows: valid")
    edit("events.csv", 0, start="2022-05-24T07:50+09:00")(folder)
    bad = subprocess.run([sys.executable, "-m", "kadiz.validate", str(folder)], capture_output=True, text=True)
    assert bad.returncode == 1
    assert any(line.startswith("events.csv:2:start: ") for line in bad.stdout.splitlines())


# ----------------------------------------------------------------------------------------- the real data
def test_real_data_validates():
    problems = validate(DATA)
    assert problems == [], "\n".join(map(str, problems))


def test_real_data_time_is_checked(tmp_path):
    """Shift the first minute-precision event of the real data by one minute: the validator must notice."""
    folder = shutil.copytree(DATA, tmp_path / "data")
    rows = read_csv(folder / "events.csv")
    index = next(i for i, r in enumerate(rows) if r["precision"] == "minute")
    start = rows[index]["start"]
    minute = (int(start[14:16]) + 1) % 60
    rows[index]["start"] = f"{start[:14]}{minute:02d}{start[16:]}"
    write_csv(folder / "events.csv", rows)
    assert any((p.file, p.row, p.column) == ("events.csv", index + 2, "start") for p in validate(folder, needs=False))


def test_codebook_lists_every_rule_with_its_message():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    listed = codebook.embedded(readme, codebook.RULES_START, codebook.RULES_END)
    assert listed == codebook.render_rules(), "run: python -m kadiz.codebook --write"
    assert "`invisible character {char} at column {pos} of the cell; delete it`" in listed

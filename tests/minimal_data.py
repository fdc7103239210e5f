"""A minimal valid data folder: the real schemas, package and article, with a few hand-made rows per table.

The broken-data tests start from this folder rather than from data/, so they do not depend on the rows
being written into data/ (only on the article text, which is fixed). The folder holds none of the rows the chapters
name and leaves some tables empty, so the book could not be built from it: it is checked with `needs=False`
(kadiz.validate.check), which leaves out those two checks; tests/test_contract.py tests them on copies of data/.
"""

import csv
import hashlib
import re
import shutil
from pathlib import Path

from kadiz.paths import ARTICLE_FILE, DATA
from kadiz.validate import RULES
from kadiz.validation.folder import resources

H6_ENTRY = ("According to South Korea\u2019s Joint Chief of Staff, at 7:56 AM on May 24 two Chinese H-6 bombers entered "
            "the South Korean Air Defense Identification Zone, or KADIZ, from northwest of Ieodo, a submerged rock "
            "south of the Korean island of Jeju.")
H6_EXIT = "It then exited the zone at around 9:33 AM."
LAUNCHES = ("The missiles were fired from Sunan, close to Pyongyang and the site of the capital\u2019s international "
            "airport, between 6:00 AM and 6:42 AM.")
THREE_MISSILES = ("But regional defense chiefs were on alert again this morning when North Korea test-fired three "
                  "ballistic missiles, including a suspected intercontinental ballistic missile, or ICBM.")
ICBM = ("Also on March 24, hours after the Russian jet sorties fly-by, North Korea tested-fired an ICBM, marking its "
        "first test of such a long-range weapon since 2017.")
NINETEEN = ("After all, North Korea has conducted 19 missile tests this year while China and Russia have staged "
            "multiple flights in the air space around the flashpoint peninsula.")

TABLES = {
    "source/article.csv": [
        dict(id="asiatimes-2022-05-25", outlet="Asia Times", author="Andrew Salmon", dateline="Seoul",
             published="2022-05-25", headline="Anti-US axis creeping into view in Asia",
             url="https://asiatimes.com/2022/05/anti-us-axis-creeping-into-view-in-asia/", url_confidence="medium",
             file=ARTICLE_FILE, sha256=None),  # filled in from the file
    ],
    "actors.csv": [
        dict(id="china-air-force", name="Chinese air force", country="CHN", kind="military"),
        dict(id="russia-air-force", name="Russian air force", country="RUS", kind="military"),
        dict(id="north-korea", name="North Korea", country="PRK", kind="state"),
    ],
    "events.csv": [
        dict(id="may24-h6-kadiz-entry", label="Two H-6 enter KADIZ", start="2022-05-24T07:56+09:00", end="",
             precision="minute", approximate="false", actors="china-air-force", category="air-zone-entry",
             place="KADIZ northwest of Ieodo", episode="may-2022", entry_id="", passage=H6_ENTRY, date_basis="",
             dated_from="article", note=""),
        dict(id="may24-h6-kadiz-exit", label="H-6 leave KADIZ", start="2022-05-24T09:33+09:00", end="",
             precision="minute", approximate="true", actors="china-air-force", category="air-zone-exit",
             place="KADIZ", episode="may-2022", entry_id="may24-h6-kadiz-entry", passage=H6_EXIT,
             date_basis="Same flight as the entry of May 24.", dated_from="article", note=""),
        dict(id="may25-missile-launches", label="Three ballistic missiles", start="2022-05-25T06:00+09:00",
             end="2022-05-25T06:42+09:00", precision="minute", approximate="false", actors="north-korea",
             category="missile-launch", place="Sunan", episode="may-2022", entry_id="", passage=LAUNCHES,
             date_basis="This morning in an article dated Wednesday 25 May 2022.", dated_from="article", note=""),
        dict(id="mar24-icbm-launch", label="ICBM test", start="2022-03-24", end="", precision="day",
             approximate="false", actors="north-korea", category="missile-launch", place="", episode="march-2022",
             entry_id="", passage=ICBM, date_basis="", dated_from="article", note=""),
    ],
    "assets.csv": [
        dict(event_id="may24-h6-kadiz-entry", country="CHN", platform="H-6 bomber", count="2", included_in="",
             passage=H6_ENTRY),
        dict(event_id="may25-missile-launches", country="PRK", platform="ballistic missile", count="3",
             included_in="", passage=THREE_MISSILES),
        dict(event_id="may25-missile-launches", country="PRK", platform="ICBM", count="1",
             included_in="ballistic missile", passage=THREE_MISSILES),
    ],
    "speakers.csv": [
        dict(id="chun-in-bum", name="Chun In-bum", description="a retired South Korean general", role="retired general",
             affiliation="", country="KOR", anonymous="false", anonymity_reason=""),
        dict(id="military-source", name="", description="a person familiar with military affairs", role="",
             affiliation="", country="", anonymous="true",
             anonymity_reason="he did not have clearance to speak to media"),
    ],
    "quotes.csv": [
        dict(id="chun-scary-question", speaker_id="chun-in-bum",
             passage="That is a scary question - South Korea, the US and Japan versus China Russia and North Korea",
             mode="direct", topic="alignment", stance="uncertain", coordination_of="CHN;RUS;PRK", note=""),
        dict(id="source-drills-coordinated", speaker_id="military-source",
             passage="was confident that the Chinese and Russian drills were coordinated but doubted North Korea had "
                     "joined the huddle",
             mode="paraphrase", topic="coordination", stance="coordinated", coordination_of="CHN;RUS", note=""),
    ],
    "claims.csv": [
        dict(id="nineteen-missile-tests", passage=NINETEEN, claim="North Korea conducted 19 missile tests in 2022 "
             "up to 25 May.", kind="count", value="19", unit="missile tests", event_id="",
             checkable_against="missile-database"),
        dict(id="h6-entry-time", passage=H6_ENTRY, claim="Two H-6 bombers entered the KADIZ at 7:56 on 24 May.",
             kind="date", value="2022-05-24T07:56+09:00", unit="", event_id="may24-h6-kadiz-entry",
             checkable_against="official-records"),
    ],
    "external/sources.csv": [
        dict(id="kbsworld2022may", publisher="KBS World", title="[JCS on the flights of 24 May 2022]",
             url="https://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=169874", published="", accessed="",
             note=""),
        dict(id="chinamil2022fourth", publisher="China Military Online", title="[Fourth joint patrol]",
             url="https://eng.chinamil.com.cn/view/2022-05/25/content_10157746.htm", published="2022-05-25",
             accessed="", note=""),
    ],
    "external/joint_air_patrols.csv": [
        dict(number="4", start="2022-05-24", end="", precision="day", approximate="false",
             description="Fourth joint patrol.", source_ids="chinamil2022fourth", confidence="high"),
        dict(number="6", start="2023-06-06", end="2023-06-07", precision="day", approximate="false",
             description="Sixth joint patrol, two days.", source_ids="chinamil2022fourth", confidence="high"),
    ],
    "external/records.csv": [
        dict(id="jcs-h6-kadiz-entry", start="2022-05-24T07:56+09:00", end="", precision="minute",
             approximate="false", subject="Two H-6 enter the KADIZ", value="07:56", unit="KST",
             claim_id="h6-entry-time", event_id="may24-h6-kadiz-entry", source_ids="kbsworld2022may",
             confidence="high", note=""),
        dict(id="jcs-joint-flight", start="2022-05-24T09:58+09:00", end="2022-05-24T10:15+09:00",
             precision="minute", approximate="true", subject="Joint flight in the KADIZ", value="17",
             unit="minutes", claim_id="", event_id="", source_ids="kbsworld2022may;chinamil2022fourth",
             confidence="high", note=""),
    ],
    # One verdict with a source of its own, one resting on a record's source.
    "verdicts.csv": [
        dict(claim_id="nineteen-missile-tests", verdict="contradicted", reason="The JCS counted 17 shows of force.",
             record_ids="", source_ids="kbsworld2022may", confidence="high"),
        dict(claim_id="h6-entry-time", verdict="supported", reason="The JCS gives 07:56.",
             record_ids="jcs-h6-kadiz-entry", source_ids="", confidence="high"),
    ],
}


def edit(path, index, **changes):
    """A change of cells of the row at 0-based `index` (CSV record index + 2)."""
    def mutate(folder):
        rows = read_csv(folder / path)
        rows[index].update(changes)
        write_csv(folder / path, rows)
    return mutate


def raw(path, transform):
    """A change of a file's bytes."""
    def mutate(folder):
        (folder / path).write_bytes(transform((folder / path).read_bytes()))
    return mutate


def write_csv(path: Path, rows: list[dict], columns: list[str] | None = None) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns or list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def make_valid(folder: Path) -> Path:
    """Write the minimal valid data folder into `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / "datapackage.json", folder)
    shutil.copytree(DATA / "schemas", folder / "schemas")
    shutil.copytree(DATA / "external" / "nk-missile-tests", folder / "external" / "nk-missile-tests")
    shutil.copytree(DATA / "geo", folder / "geo")
    (folder / "source").mkdir()
    shutil.copy(DATA / ARTICLE_FILE, folder / ARTICLE_FILE)
    digest = hashlib.sha256((folder / ARTICLE_FILE).read_bytes()).hexdigest()
    columns = {r["path"]: [f["name"] for f in r["schema"]["fields"]] for r in resources().values()}
    for path, names in columns.items():
        # Columns the rows above do not give are optional ones added to the schemas since: left empty. A table
        # added to the package since has its header only.
        rows = [{k: (digest if k == "sha256" else row.get(k, "")) for k in names} for row in TABLES.get(path, [])]
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        write_csv(folder / path, rows, names)
    return folder


def documented(message: str) -> bool:
    """True if a problem's message is one the codebook lists: it fits the template of a declared rule other than
    the fallback that passes on frictionless' own words."""
    patterns = [re.compile(re.sub(r"\\\{.*?\\\}", ".*", re.escape(r.message)), re.DOTALL)
                for r in RULES if r.message != "{message}"]
    return any(pattern.fullmatch(message) for pattern in patterns)


def refused_at(folder: Path, case: str, mutate, file: str, row, column, words: str) -> list:
    """Break the folder with `mutate` and check that the one gate (kadiz.data.load) refuses it, naming the file, row
    and column with a message that holds `words` and that the codebook lists; return every problem reported."""
    import pytest

    from kadiz import data

    mutate(folder)
    with pytest.raises(data.DataError) as raised:  # load() refuses before returning any table
        data.load(folder, needs=False)
    problems = raised.value.problems
    hits = [p for p in problems if (p.file, p.row, p.column) == (file, row, column)]
    assert hits, f"{case}: nothing reported at {file}:{row}:{column}; got {[str(p) for p in problems]}"
    assert any(words.lower() in p.message.lower() for p in hits), [p.message for p in hits]
    assert all(documented(p.message) for p in problems), [p.message for p in problems if not documented(p.message)]
    assert file in str(raised.value)
    return problems

"""Careless and hostile data: each kind is refused at its file, row and column, in words a data editor follows.

Every case starts from the minimal valid folder (tests/minimal_data.py), breaks one thing, and goes through
kadiz.data.load() once: the one gate must refuse the folder and name the place. No case may reach the network.
"""

import json
import socket
from unittest.mock import ANY

import pytest

from kadiz import data
from kadiz.validate import validate
from kadiz.validation import passages
from minimal_data import edit, make_valid, raw, read_csv, refused_at, write_csv

TESTS_JSON = "external/nk-missile-tests/test.en.json"
MISSILES_JSON = "external/nk-missile-tests/missile.en.json"
FACILITIES_JSON = "external/nk-missile-tests/facility.en.json"
SECRET = "TOP-SECRET-LINE-OF-AN-OUTSIDE-FILE"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a connection or resolve a name fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"the validator tried to reach the network: {args}")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def folder(tmp_path):
    return make_valid(tmp_path / "data")


def header(path, old: bytes, new: bytes):
    return raw(path, lambda b: b.replace(old, new, 1))


def package(change):
    """A change of the folder's datapackage.json: change(resources by name)."""
    def mutate(folder):
        descriptor = json.loads((folder / "datapackage.json").read_text())
        change({r["name"]: r for r in descriptor["resources"]}, descriptor)
        (folder / "datapackage.json").write_text(json.dumps(descriptor))
    return mutate


def first_test(**changes):
    """Change fields of the first missile test in the database."""
    def mutate(folder):
        tests = json.loads((folder / TESTS_JSON).read_text())
        tests["timeBins"][0]["data"][0].update(changes)
        (folder / TESTS_JSON).write_text(json.dumps(tests))
    return mutate


def text_edit(path, old: str, new: str):
    return raw(path, lambda b: b.decode().replace(old, new, 1).encode())


def link_outside(path):
    """Replace a file of the folder by a symbolic link to a file outside it that holds a secret."""
    def mutate(folder):
        outside = folder.parent / "outside.txt"
        outside.write_text(f"id,name,country,kind\n{SECRET},x,CHN,state\n")
        (folder / path).unlink()
        (folder / path).symlink_to(outside)
    return mutate


def drop_resource(name):
    return package(lambda resources, d: d.update(resources=[r for r in d["resources"] if r["name"] != name]))


def set_path(name, path):
    return package(lambda resources, d: resources[name].update(path=path))


def article_edited_with_checksum(folder):
    """Edit the article and record the new checksum beside it: the pinned checksum must still refuse it."""
    import hashlib
    text = folder / "source" / "000_3ecf4f42f1786e72.txt"
    text.write_bytes(text.read_bytes().replace(b"two Chinese H-6 bombers", b"three Chinese H-6 bombers"))
    edit("source/article.csv", 0, sha256=hashlib.sha256(text.read_bytes()).hexdigest())(folder)


def relaxed_schema(folder):
    """The folder ships a schema without the id pattern, and breaks the pattern: the project's schema applies."""
    schema = folder / "schemas" / "actors.schema.json"
    descriptor = json.loads(schema.read_text())
    for f in descriptor["fields"]:
        f.pop("constraints", None)
    schema.write_text(json.dumps(descriptor))
    edit("actors.csv", 2, id="North Korea")(folder)


CYR_ES, CYR_A, CYR_O_CAP, GREEK_O = "\u0441", "\u0430", "\u041e", "\u03bf"

# (case, how to break the folder, file, row, column, words the message must contain)
TEXT = [
    ("NUL in a note", edit("events.csv", 0, note="see\x00below"), "events.csv", 2, "note", "U+0000 NULL at column 4"),
    ("escape in a description", edit("speakers.csv", 0, description="a \x1b[31mretired general"), "speakers.csv",
     2, "description", "U+001B ESCAPE"),
    ("tab in an enumeration", edit("events.csv", 0, precision="minute\t"), "events.csv", 2, "precision",
     "U+0009 CHARACTER TABULATION"),
    ("zero-width space in an id", edit("actors.csv", 1, id="russia\u200b-air-force"), "actors.csv", 3, "id",
     "U+200B ZERO WIDTH SPACE at column 7"),
    ("zero-width joiner in an enumeration", edit("events.csv", 0, category="air-zone\u200d-entry"), "events.csv", 2,
     "category", "U+200D ZERO WIDTH JOINER"),
    ("soft hyphen in a passage", edit("quotes.csv", 1, passage="was confident that the Chi\u00adnese and Russian "
                                      "drills were coordinated"), "quotes.csv", 3, "passage", "U+00AD SOFT HYPHEN"),
    ("direction override in a note", edit("quotes.csv", 0, note="\u202eevil"), "quotes.csv", 2, "note",
     "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("byte-order mark inside a reference", edit("events.csv", 2, actors="\ufeffnorth-korea"), "events.csv", 4,
     "actors", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ("Hangul filler as a name", edit("speakers.csv", 0, name="Chun\u3164In-bum"), "speakers.csv", 2, "name",
     "U+3164 HANGUL FILLER"),
    ("Cyrillic letter in an id", edit("actors.csv", 0, id=CYR_ES + "hina-air-force"), "actors.csv", 2, "id",
     "U+0441 CYRILLIC SMALL LETTER ES at column 1"),
    ("Cyrillic letter in a country code", edit("speakers.csv", 0, country="K" + CYR_O_CAP + "R"), "speakers.csv", 2,
     "country", "U+041E CYRILLIC CAPITAL LETTER O"),
    ("Greek letter in a passage", edit("claims.csv", 0, passage="After all, North Korea has "
                                       "c" + GREEK_O + "nducted 19 missile tests this year"), "claims.csv", 2,
     "passage", "U+03BF GREEK SMALL LETTER OMICRON"),
    ("Cyrillic letter in free text", edit("speakers.csv", 0, description="a retired South Korean gener" + CYR_A + "l"),
     "speakers.csv", 2, "description", "U+0430 CYRILLIC SMALL LETTER A"),
    ("no-break space in an id", edit("actors.csv", 2, id="north\u00a0korea"), "actors.csv", 4, "id",
     "U+00A0 NO-BREAK SPACE"),
    ("leading space in a key", edit("actors.csv", 0, id=" china-air-force"), "actors.csv", 2, "id",
     "starts with a space"),
    ("trailing space in a boolean", edit("events.csv", 0, approximate="false "), "events.csv", 2, "approximate",
     "ends with a space"),
    ("trailing space in a header", header("actors.csv", b"id,name,", b"id ,name,"), "actors.csv", 1, "id",
     "space at its end"),
    ("zero-width space in a header", header("actors.csv", b"id,name,", "id\u200b,name,".encode()), "actors.csv", 1,
     "id\u200b", "U+200B ZERO WIDTH SPACE"),
    ("leading space in a header", header("claims.csv", b",kind,", b", kind,"), "claims.csv", 1, "kind",
     "space at its start"),
    ("Arabic-Indic digit in a count", edit("assets.csv", 0, count="\u0662"), "assets.csv", 2, "count",
     "U+0662 ARABIC-INDIC DIGIT TWO"),
    ("fullwidth digit in a number", edit("external/joint_air_patrols.csv", 0, number="\uff14"),
     "external/joint_air_patrols.csv", 2, "number", "U+FF14 FULLWIDTH DIGIT FOUR"),
    ("Devanagari digit in a date", edit("events.csv", 3, start="2022-03-2\u096a"), "events.csv", 5, "start",
     "U+096A DEVANAGARI DIGIT FOUR"),
    ("duplicate header", header("actors.csv", b"id,name,country,kind", b"id,name,name,kind"), "actors.csv", 1,
     "name", "duplicate column"),
    ("oversized cell", edit("events.csv", 2, note="x" * 5000), "events.csv", 4, "note", "5000 characters"),
    ("formula in a note", edit("events.csv", 0, note='=HYPERLINK("http://x.example","click")'), "events.csv", 2,
     "note", 'starts with "="'),
    ("plus formula in a role", edit("speakers.csv", 0, role="+1+cmd|' /C calc'!A0"), "speakers.csv", 2, "role",
     "formula"),
    ("minus formula in a unit", edit("claims.csv", 0, unit="-2+3"), "claims.csv", 2, "unit", "formula"),
    ("at-sign formula in a title", edit("external/sources.csv", 0, title="@SUM(1+1)"), "external/sources.csv", 2,
     "title", "formula"),
]
TIME = [
    ("Korean event in another offset", edit("events.csv", 0, start="2022-05-24T07:56+08:00"), "events.csv", 2,
     "start", "offset +08:00, but Korean time is +09:00"),
    ("record in UTC offset but unit KST", edit("external/records.csv", 0, start="2022-05-23T22:56+00:00"),
     "external/records.csv", 2, "start", "+00:00"),
    ("patrol after today", edit("external/joint_air_patrols.csv", 1, start="2999-06-06", end="2999-06-07"),
     "external/joint_air_patrols.csv", 3, "start", "after today"),
    ("source accessed in the future", edit("external/sources.csv", 0, accessed="2999-01-01"),
     "external/sources.csv", 2, "accessed", "after today"),
    ("article event after the article", edit("events.csv", 3, start="2022-06-24"), "events.csv", 5, "start",
     "after the article was published"),
    ("event before the oldest event", edit("events.csv", 3, start="1066-03-24"), "events.csv", 5, "start",
     "before 1950"),
    ("record before the oldest event", edit("external/records.csv", 1, start="1900-05-24T09:58+09:00",
                                            end="1900-05-24T10:15+09:00"), "external/records.csv", 3, "start",
     "before 1950"),
    ("exit before its entry", edit("events.csv", 1, start="2022-05-23", precision="day"), "events.csv", 3, "start",
     "before its entry"),
    ("record ends before it starts", edit("external/records.csv", 1, end="2022-05-24T09:15+09:00"),
     "external/records.csv", 3, "end", "before start"),
    ("impossible published date", edit("external/sources.csv", 1, published="2022-02-30"), "external/sources.csv",
     3, "published", "not a real date"),
]
PASSAGES = [
    ("passage inside a word", edit("quotes.csv", 1, passage="officially denied any coordination with the North "
                                   "Koreans"), "quotes.csv", 3, "passage", "whole words"),
    ("passage ending inside a word", edit("assets.csv", 0, passage="two Chinese H-6 bomb"), "assets.csv", 2,
     "passage", "whole words"),
    ("passage ending inside a number", edit("events.csv", 3, passage="Also on March 2"), "events.csv", 5, "passage",
     "whole words"),
    ("passage across a paragraph break", edit("claims.csv", 0, passage="far from coincidental. On Tuesday, US"),
     "claims.csv", 2, "passage", "paragraph break"),
    ("article and its checksum edited together", article_edited_with_checksum, "source/article.csv", 2, "file",
     "not the text the report was coded from"),
    ("checksum of another text", edit("source/article.csv", 0, sha256="a" * 64), "source/article.csv", 2, "sha256",
     "SHA-256"),
    ("article file elsewhere", edit("source/article.csv", 0, file="source/other.txt"), "source/article.csv", 2,
     "file", "must name it"),
    ("article's date changed", edit("source/article.csv", 0, published="2022-05-26"), "source/article.csv", 2,
     "published", "2022-05-25"),
]
FOLDER = [
    ("relaxed schema in the folder", relaxed_schema, "actors.csv", 4, "id", "pattern"),
    ("table left out of the package", drop_resource("claims"), "datapackage.json", None, "resources",
     'lacks the table "claims"'),
    ("URL as a resource path", set_path("events", "https://example.org/events.csv"), "datapackage.json", 3, "path",
     "is a URL"),
    ("file URL as a resource path", set_path("actors", "file:///etc/passwd"), "datapackage.json", 2, "path",
     "is a URL"),
    ("absolute resource path", set_path("actors", "/etc/passwd"), "datapackage.json", 2, "path", "outside"),
    ("resource path climbing out", set_path("quotes", "../quotes.csv"), "datapackage.json", 6, "path", "outside"),
    ("resource path of another file", set_path("quotes", "speakers.csv"), "datapackage.json", 6, "path",
     'must be "quotes.csv"'),
    ("table as a symbolic link", link_outside("actors.csv"), "actors.csv", None, None, "symbolic link"),
    ("article as a symbolic link", link_outside("source/000_3ecf4f42f1786e72.txt"),
     "source/000_3ecf4f42f1786e72.txt", None, None, "symbolic link"),
    ("truncated table", raw("claims.csv", lambda b: b[:b.index(b"After all") + 20]), "claims.csv", 2, None,
     "not a readable CSV"),
]
MISSILES = [
    # A file that is not JSON is placed by the line where reading stopped.
    ("truncated test file", raw(TESTS_JSON, lambda b: b[:len(b) // 2]), TESTS_JSON, ANY, None, "cut short"),
    ("truncated missile file", raw(MISSILES_JSON, lambda b: b[:40]), MISSILES_JSON, 2, None, "cut short"),
    ("missile file missing", lambda folder: (folder / FACILITIES_JSON).unlink(), FACILITIES_JSON, None, None,
     "missing"),
    ("unknown missile id", first_test(missile="no-such-missile"), TESTS_JSON, 1, "missile", "no-such-missile"),
    ("unknown facility id", first_test(facility="atlantis"), TESTS_JSON, 1, "facility", "atlantis"),
    ("test in the future", first_test(date="2999-01-01"), TESTS_JSON, 1, "date", "after today"),
    ("impossible test date", first_test(date="2022-02-30"), TESTS_JSON, 1, "date", "not real"),
    ("negative apogee", first_test(apogee=-5), TESTS_JSON, 1, "apogee", "apogee"),
    ("distance as words", first_test(distance="far"), TESTS_JSON, 1, "distance", "far"),
    ("bearing of the wrong type", first_test(bearing="east"), TESTS_JSON, 1, "bearing", "east"),
    ("time in another shape", first_test(time="9 pm"), TESTS_JSON, 1, "time", "9 pm"),
    ("NaN distance", raw(TESTS_JSON, lambda b: b.replace(b'"distance": "unknown"', b'"distance": NaN', 1)),
     TESTS_JSON, None, None, "NaN is not a finite number"),
    ("infinite apogee", raw(TESTS_JSON, lambda b: b.replace(b'"apogee": "unknown"', b'"apogee": 1e999', 1)),
     TESTS_JSON, None, None, "not a finite number"),
    ("latitude out of range", raw(FACILITIES_JSON, lambda b: b.replace(b'"lat": 40.8499966', b'"lat": 400', 1)),
     FACILITIES_JSON, None, "lat", "400"),
]
CODEBOOK = [
    ("anonymous speaker with a name", edit("speakers.csv", 1, name="Kim"), "speakers.csv", 3, "name",
     "anonymous is true but name is given"),
    ("named speaker without a name", edit("speakers.csv", 0, name=""), "speakers.csv", 2, "name",
     "anonymous is false but name is empty"),
    ("reason for a named speaker", edit("speakers.csv", 0, anonymity_reason="he did not have clearance to speak to "
                                        "media"), "speakers.csv", 2, "anonymity_reason", "anonymous is false"),
    ("not-about-it with countries", edit("quotes.csv", 1, stance="not-about-it"), "quotes.csv", 3,
     "coordination_of", "must be empty"),
    ("stance without countries", edit("quotes.csv", 0, coordination_of=""), "quotes.csv", 2, "coordination_of",
     'stance "uncertain"'),
    ("coordination of one country", edit("quotes.csv", 1, coordination_of="CHN;CHN"), "quotes.csv", 3,
     "coordination_of", "at least two different countries"),
    ("speaker from a country without a name", edit("speakers.csv", 0, country="XKX"), "speakers.csv", 2, "country",
     '"XKX" is not a country code the report can name'),
    ("coordination of an unnamed country", edit("quotes.csv", 1, coordination_of="CHN;XKX"), "quotes.csv", 3,
     "coordination_of", '"XKX" is not a country code'),
    ("outside date without its basis", edit("events.csv", 3, dated_from="outside-article"), "events.csv", 5,
     "date_basis", "outside-article"),
    ("episode of another month", edit("events.csv", 3, episode="may-2022"), "events.csv", 5, "episode",
     "2022-05"),
    ("exit with no entry", edit("events.csv", 1, entry_id=""), "events.csv", 3, "entry_id", "names no entry"),
    ("entry_id on an entry", edit("events.csv", 0, entry_id="may24-h6-kadiz-entry"), "events.csv", 2, "entry_id",
     "only air-zone-exit"),
    ("count included in itself", edit("assets.csv", 1, included_in="ballistic missile"), "assets.csv", 3,
     "included_in", "itself"),
    ("source listed twice", edit("external/records.csv", 1, source_ids="kbsworld2022may;kbsworld2022may"),
     "external/records.csv", 3, "source_ids", "listed twice"),
]
CASES = [(cls, *case) for cls, cases in [("text", TEXT), ("time", TIME), ("passages", PASSAGES), ("folder", FOLDER),
                                         ("missiles", MISSILES), ("codebook", CODEBOOK)] for case in cases]


@pytest.mark.parametrize("cls, case, mutate, file, row, column, words", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_refused_at_its_place(folder, cls, case, mutate, file, row, column, words):
    problems = refused_at(folder, case, mutate, file, row, column, words)
    assert all(SECRET not in str(p) for p in problems), "a message echoes an outside file"
    assert all(str(p).isprintable() for p in problems), "a message would print an invisible character"


@pytest.mark.parametrize("case", [c for c in CASES if c[1] in (
    "NUL in a note", "exit before its entry", "passage inside a word", "table as a symbolic link",
    "truncated test file", "stance without countries")], ids=lambda c: c[1])
def test_load_refuses_exactly_what_the_validator_refuses(folder, case):
    case[2](folder)
    with pytest.raises(data.DataError) as raised:
        data.load(folder, needs=False)
    assert raised.value.problems == validate(folder, needs=False) != []


def test_duplicate_header_names_only_its_file(folder):
    """The quotes refer to speakers; a duplicate column in speakers.csv must not make quotes.csv look wrong."""
    header("speakers.csv", b"id,name,", b"id,id,")(folder)
    problems = validate(folder, needs=False)
    assert {p.file for p in problems} == {"speakers.csv"}
    assert [(p.row, p.column) for p in problems] == [(1, "id")]


def test_invisible_characters_are_named_not_printed(folder):
    edit("actors.csv", 1, id="russia\u200b-air-force")(folder)
    [problem] = [p for p in validate(folder, needs=False) if p.file == "actors.csv"]
    assert "\u200b" not in str(problem)
    assert str(problem) == ("actors.csv:3:id: invisible character U+200B ZERO WIDTH SPACE at column 7 of the cell; "
                            "delete it")


def test_symbolic_link_echoes_nothing_of_the_outside_file(folder):
    link_outside("actors.csv")(folder)
    problems = validate(folder, needs=False)
    assert [str(p) for p in problems if p.file == "actors.csv"] == [
        'actors.csv::: "actors.csv" is a symbolic link; copy the file into the folder instead']
    assert all(SECRET not in str(p) for p in problems)


def test_statements_keep_article_order(folder):
    """The codebook numbers statements in article order: swap the two quotes and the second is named."""
    assert passages.IN_ARTICLE_ORDER["quotes"] == "passage"
    assert validate(folder, needs=False) == []
    rows = read_csv(folder / "quotes.csv")
    write_csv(folder / "quotes.csv", rows[::-1])
    assert [(p.file, p.row, p.column) for p in validate(folder, needs=False)] == [("quotes.csv", 3, "passage")]

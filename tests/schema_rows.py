"""Hypothesis strategies for edits of the data, drawn from the Table Schemas: new rows (every column from its type,
vocabulary, pattern, bounds and references), new text in the free-text cells (long, unusual Unicode, markup
characters, unbroken tokens), and rows taken away (down to an empty table).

A row is drawn to meet the codebook's rules between columns where that is cheap to say (an anonymous speaker has
no name, a stance about coordination names two countries ...), so that most edits validate and reach the chapters;
the others must be refused by the validator, which the contract test checks too.
"""

from __future__ import annotations

import csv
import datetime as dt
import string
from pathlib import Path

from hypothesis import strategies as st

from kadiz.validation.consistency import LIST_REFS
from kadiz.validation.folder import resources
from kadiz.validation.passages import PASSAGES
from kadiz.validation.sizes import MAX_ROWS
from kadiz.validation.text import code_columns

SCHEMAS = {name: r["schema"] for name, r in resources().items()}
PATHS = {name: r["path"] for name, r in resources().items()}
# Tables whose rows a strategy can add: not the article (one row), not the numbered tables (patrols 1-10, the
# boundary's closed line), not the verdicts (one per claim, and every claim has one).
ADDABLE = ("actors", "events", "assets", "speakers", "quotes", "claims", "sources", "records", "places",
           "map_sources", "after_events")
KEBAB = "^[a-z0-9]+(-[a-z0-9]+)*$"  # the ids' pattern in every schema
DATE_COLUMNS = ("start", "end", "published", "accessed")
LATEST = {"events": dt.date(2022, 5, 25)}  # the article's events are not after it
SHAPES = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d", "hour": "%Y-%m-%dT%H:00+09:00",
          "minute": "%Y-%m-%dT%H:%M+09:00"}

# Text a careless or hostile editor might type: markup of every layer the text passes through, long and unbroken.
MARKUP = st.sampled_from(["a|b", "A | B", "<script>alert(1)</script>", "&amp; &lt;", "\\", "{glue}`x`", "$x^2$",
                          "% # _ ~ ^", "[link](https://x.example)", "*bold*", "Tu-95 and H-6K", "'quoted'",
                          '"double"', "}{", "line\nbreak", "\u00a0no-break", "emoji \U0001F600"])
# Words of one script each (a word mixing Latin with another script is refused as a look-alike): Latin with its
# accents, Greek, Cyrillic, Arabic, Devanagari, Hangul, CJK; with spaces and punctuation.
SCRIPTS = [(0x41, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x600, 0x6FF), (0x900, 0x97F), (0xAC00, 0xD7A3),
           (0x4E00, 0x9FFF)]
WORDS = st.sampled_from(SCRIPTS).flatmap(lambda block: st.text(
    st.one_of(st.characters(min_codepoint=block[0], max_codepoint=block[1], categories=("L",)),
              st.sampled_from(" .,;:!?'\"()")), min_size=1, max_size=80))
ASCII = st.text(st.sampled_from(string.ascii_letters + string.digits + string.punctuation + " "), min_size=1,
                max_size=200)
UNBROKEN = st.integers(1000, 3999).map(lambda n: "x" * n)
TEXT = st.one_of(MARKUP, WORDS, ASCII, UNBROKEN).map(lambda s: s.strip()).filter(bool).map(
    lambda s: "x" + s if s[0] in "=+-@" else s)


def read(folder: Path) -> dict[str, list[dict]]:
    """Every table of a data folder as rows of text, by table name."""
    out = {}
    for name, path in PATHS.items():
        with open(folder / path, newline="", encoding="utf-8-sig") as fh:
            out[name] = list(csv.DictReader(fh))
    return out


def write(folder: Path, tables: dict[str, list[dict]]) -> None:
    for name, rows in tables.items():
        columns = [f["name"] for f in SCHEMAS[name]["fields"]]
        with open(folder / PATHS[name], "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


def free_text_columns(name: str) -> list[str]:
    """Columns of words a person writes: not ids, codes, dates, references or verbatim passages."""
    schema = SCHEMAS[name]
    refs = {col for (table, col) in LIST_REFS if table == name}
    return [f["name"] for f in schema["fields"]
            if f["name"] not in code_columns(schema) | refs | set(PASSAGES.get(name, [])) | {"url"}
            and f["name"] not in DATE_COLUMNS]


def _date(draw, precision: str, latest: dt.date) -> str:
    day = draw(st.dates(dt.date(1950, 1, 1), latest))
    moment = dt.datetime.combine(day, dt.time(draw(st.integers(0, 23)), draw(st.integers(0, 59))))
    return moment.strftime(SHAPES[precision])


@st.composite
def new_row(draw, name: str, tables: dict[str, list[dict]], n: int) -> dict:
    """Row number `n` added to table `name`, its keys unique by a suffix, its references to rows on file."""
    schema, row = SCHEMAS[name], {}
    fks = {fk["fields"][0]: fk["reference"] for fk in schema.get("foreignKeys", [])}
    lists = {col: target for (table, col), target in LIST_REFS.items() if table == name}
    for f in schema["fields"]:
        col, c = f["name"], f.get("constraints", {})
        required = c.get("required", False)
        if col in fks or col in lists:
            target = fks[col]["resource"] or name if col in fks else lists[col]
            ids = [r[fks[col]["fields"][0] if col in fks else "id"] for r in tables[target]] or [""]
            if col in lists:
                value = ";".join(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True)))
            else:
                value = draw(st.sampled_from(ids)) if required or draw(st.booleans()) else ""
        elif "enum" in c:
            value = draw(st.sampled_from(c["enum"] + ([] if required else [""])))
        elif f["type"] == "boolean":
            value = draw(st.sampled_from(["true", "false"]))
        elif f["type"] in ("integer", "number"):
            low, high = c.get("minimum", 0), c.get("maximum", 10_000)
            value = str(draw(st.integers(int(low), int(high)) if f["type"] == "integer"
                             else st.floats(low, high, allow_nan=False).map(lambda x: round(x, 4))))
        elif col in PASSAGES.get(name, []):
            on_file = [r[col] for r in tables[name] if r[col]]
            # A quote keeps the article's order by repeating the last passage; other tables any passage on file.
            value = (on_file[-1] if name == "quotes" else draw(st.sampled_from(on_file))) if on_file else ""
        elif col == "url":
            value = draw(st.from_regex(r"\Ahttps://[a-z]{1,12}\.example/[A-Za-z0-9._~-]{0,30}\Z")) + f"?n={n}"
        elif col in DATE_COLUMNS:
            value = ""
        elif c.get("pattern") == KEBAB:
            value = draw(st.from_regex(r"\A[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,3}\Z"))
        elif "pattern" in c:
            value = draw(st.from_regex(c["pattern"], fullmatch=True))
            if col in schema.get("primaryKey", []):
                value = f"{value}-g{n}" if "a-z" in c["pattern"] else value
        else:
            value = draw(TEXT) if required or draw(st.booleans()) else ""
        row[col] = value
    _dates(draw, name, row)
    return _coherent(draw, name, row, tables)


def _dates(draw, name: str, row: dict) -> None:
    latest = LATEST.get(name, dt.date(2025, 12, 31))
    if "precision" in row:
        # A passage gives no clock time the row could be tied to, so the article's tables stay at day or coarser.
        if name in PASSAGES:
            row["precision"] = draw(st.sampled_from(["year", "month", "day"]))
        row["start"], row["end"] = _date(draw, row["precision"], latest), ""
    for col in ("published", "accessed"):
        if col in row:
            row[col] = _date(draw, "day", latest) if draw(st.booleans()) else ""


def _coherent(draw, name: str, row: dict, tables: dict[str, list[dict]]) -> dict:
    """The codebook's rules between columns, met where it is cheap to."""
    if name == "speakers":
        if row["anonymous"] == "true":
            row["name"] = ""
        else:
            row["name"] = row["name"] or draw(TEXT)
        row["anonymity_reason"] = ""
    elif name == "quotes":
        row["coordination_of"] = "" if row["stance"] == "not-about-it" else draw(
            st.sampled_from(["CHN;RUS", "CHN;PRK", "CHN;RUS;PRK"]))
    elif name in ("actors", "assets") or "country" in row:
        row["country"] = draw(st.sampled_from(["CHN", "RUS", "PRK", "KOR", "USA", "JPN"])) if row.get(
            "country") or name in ("actors", "assets") else ""
    if name == "events":
        episode_month = {"march-2022": (2022, 3), "may-2022": (2022, 5)}.get(row["episode"])
        if episode_month:
            year, month = episode_month
            row["precision"], row["start"] = "day", f"{year}-{month:02d}-{draw(st.integers(1, 24)):02d}"
        if row["category"] == "air-zone-exit":
            entry = next(r for r in tables["events"] if r["category"] == "air-zone-entry")
            row.update(entry_id=entry["id"], start=entry["start"], precision=entry["precision"],
                       episode=entry["episode"])
        else:
            row["entry_id"] = ""
        if row["dated_from"] == "outside-article" and not row["date_basis"]:
            row["date_basis"] = draw(TEXT)
    if name == "assets":
        row["included_in"] = ""
    if name == "after_events":
        row["claim_after"] = draw(TEXT) if row["claim_id"] else ""
        row["record_id"] = ""
    if name == "records":
        row["claim_id"] = ""
    return row


@st.composite
def edits(draw, tables: dict[str, list[dict]]) -> tuple[dict[str, list[dict]], set[str]]:
    """Tables after one to three edits (new text, new rows, rows taken away), and the names of those changed."""
    tables = {name: [dict(r) for r in rows] for name, rows in tables.items()}
    changed = set()
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["text", "text", "rows", "rows", "drop"]))
        if kind == "text":
            name = draw(st.sampled_from([n for n in SCHEMAS if free_text_columns(n) and tables[n]]))
            row = draw(st.sampled_from(tables[name]))
            row[draw(st.sampled_from(free_text_columns(name)))] = draw(TEXT)
        elif kind == "rows":
            name = draw(st.sampled_from(ADDABLE))
            # Now and then a table near the most rows the report supports (kadiz.validation.sizes.MAX_ROWS).
            near_limit = st.integers(MAX_ROWS - 60, MAX_ROWS + 10).map(lambda n: max(1, n - len(tables[name])))
            count = draw(st.one_of(st.integers(1, 3), st.integers(1, 3), st.integers(1, 3), near_limit))
            template = draw(new_row(name, tables, len(tables[name])))
            for n in range(count):
                # Many rows: copies of one drawn row, keys made unique, so the size of a table is tested cheaply.
                tables[name].append(_unique(name, template, n) if n else template)
            if name == "claims" and template["checkable_against"] != "none":
                # A claim an outside record could check needs a verdict: the one that says nothing on file settles it.
                tables["verdicts"] += [dict(claim_id=row["id"], verdict="cannot-be-settled", confidence="low",
                                            finding="", reason=draw(TEXT), source_quote="", record_ids="",
                                            source_ids="") for row in tables["claims"][-count:]]
                changed.add("verdicts")
        else:
            # A few rows, or all of them (an empty table).
            name = draw(st.sampled_from([n for n in SCHEMAS if tables[n]]))
            few = st.sets(st.integers(0, len(tables[name]) - 1), min_size=1, max_size=3)
            gone = draw(st.one_of(few, few, few, st.just(set(range(len(tables[name]))))))
            tables[name] = [r for i, r in enumerate(tables[name]) if i not in gone]
        changed.add(name)
    return tables, changed


def _unique(name: str, row: dict, n: int) -> dict:
    copy = dict(row)
    for key in SCHEMAS[name].get("primaryKey", []):
        copy[key] = f"{row[key]}-c{n}" if key != "country" else row[key]
    if "url" in copy:
        copy["url"] = f"{row['url']}&c={n}"
    return copy

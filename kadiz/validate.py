"""Check the data folder: the Table Schemas (through frictionless) plus the checks no schema can express.

    python -m kadiz.validate [DIR]      # DIR defaults to the repository's data/

prints one line per problem, `file:row:column: message` (row = CSV line number with the header as 1; empty where
a problem has no row or column), and exits 1 on any problem.
"""

import csv
import datetime as dt
import hashlib
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import frictionless

from kadiz import article
from kadiz.paths import ARTICLE_FILE, DATA


@dataclass(frozen=True)
class Problem:
    file: str  # path relative to the data folder, e.g. "events.csv", "external/records.csv"
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row or ''}:{self.column or ''}: {self.message}"


@dataclass
class Table:
    name: str
    path: str
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (CSV line number, row)


# Columns holding words of the article, which must be verbatim.
PASSAGES = {"events": ["passage"], "assets": ["passage"], "quotes": ["passage"], "claims": ["passage"],
            "speakers": ["anonymity_reason"]}
# `;`-separated references, which Table Schema foreign keys cannot express.
LIST_REFS = {("events", "actors"): "actors", ("joint_air_patrols", "source_ids"): "sources",
             ("records", "source_ids"): "sources", ("verdicts", "record_ids"): "records",
             ("verdicts", "source_ids"): "sources"}
# Claims checkable against the records this report holds must have a verdict (verdicts.csv). Claims checkable
# against other official records get one only where a row of records.csv speaks to them: the report holds no
# treaty texts, maps or diplomatic records, and a verdict with nothing on file behind it would be a guess.
MUST_HAVE_VERDICT = ("missile-database", "patrol-records")
# Date-only columns whose pattern admits impossible dates such as 2022-02-30.
DATE_COLUMNS = {"article": ["published"], "sources": ["published", "accessed"]}

SHAPES = {
    "year": (r"\d{4}", "%Y", "YYYY"),
    "month": (r"\d{4}-\d{2}", "%Y-%m", "YYYY-MM"),
    "day": (r"\d{4}-\d{2}-\d{2}", "%Y-%m-%d", "YYYY-MM-DD"),
    "hour": (r"\d{4}-\d{2}-\d{2}T\d{2}:00[+-]\d{2}:\d{2}", "%Y-%m-%dT%H:%M%z", "YYYY-MM-DDTHH:00+09:00"),
    "minute": (r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[+-]\d{2}:\d{2}", "%Y-%m-%dT%H:%M%z", "YYYY-MM-DDTHH:MM+09:00"),
}
PRECISIONS = list(SHAPES)[::-1]  # finest first: minute, hour, day, month, year

# frictionless' error titles, in the words of someone fixing a CSV by hand.
PLAIN = {
    "missing-label": "missing column (the schema requires it)",
    "extra-label": "unexpected column (not in the schema)",
    "duplicate-label": "duplicate column",
    "blank-label": "blank column name",
    "extra-cell": "ragged row: more cells than columns",
    "missing-cell": "ragged row: no cell for this column",
    "blank-row": "blank row",
}


def parse_when(value: str, precision: str) -> dt.datetime | str:
    """The start of the period a date string names, or a message saying why it is not a date of that precision."""
    pattern, fmt, shape = SHAPES[precision]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?", value):
        return f'"{value}" has no UTC offset (write e.g. {value[:16]}+09:00)'
    if not re.fullmatch(pattern, value):
        return f'"{value}" does not have the shape of precision "{precision}" ({shape})'
    try:
        return dt.datetime.strptime(value, fmt)
    except ValueError:
        return f'"{value}" is not a real date or time'


def read_table(data_dir: Path, name: str, path: str) -> tuple[Table | None, list[Problem]]:
    """Read a CSV as text rows; a file that cannot be read as UTF-8 CSV gives a Problem instead of a table."""
    file = data_dir / path
    if not file.is_file():
        return None, [Problem(path, None, None, "file is missing")]
    raw = file.read_bytes()
    if not raw.strip():
        return None, [Problem(path, None, None, "file is empty (it needs at least the header row)")]
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is harmless, and frictionless skips it too
    except UnicodeDecodeError as err:
        # Point at the cell: decode with replacement characters and look for the first one.
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8", "replace"), newline="")))
        row, column = next(((i, rows[0][j] if j < len(rows[0]) else None)
                            for i, cells in enumerate(rows, start=1)
                            for j, cell in enumerate(cells) if "\ufffd" in cell), (None, None))
        return None, [Problem(path, row, column, f"not UTF-8: byte 0x{raw[err.start]:02x} cannot be decoded "
                                                 "(save the file as UTF-8)")]
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as err:
        return None, [Problem(path, None, None, f"not a readable CSV file: {err}")]
    header = rows[0]
    return Table(name, path, [(i, dict(zip(header, cells))) for i, cells in enumerate(rows[1:], start=2) if cells]), []


def frictionless_problems(descriptor: Path, resources: dict, unreadable: set[str]) -> list[Problem]:
    """The Table Schema checks (types, enums, patterns, required, keys, foreign keys), as Problems."""
    report = frictionless.validate(str(descriptor))
    problems = [Problem("datapackage.json", None, None, e.message) for e in report.errors]
    for task in report.tasks:
        resource = resources[task.name]
        for e in task.errors:
            # A table that cannot be read is reported once, by read_table; frictionless repeats the error
            # for every table whose foreign keys point at it, naming the wrong file.
            if unreadable and e.type in ("encoding-error", "source-error", "scheme-error"):
                continue
            if e.type == "foreign-key" and (e.reference_name or task.name) in unreadable:
                continue
            row = getattr(e, "row_number", None) or (1 if e.type.endswith("-label") else None)
            column = (getattr(e, "field_name", None) or getattr(e, "label", None)
                      or ",".join(getattr(e, "field_names", []))
                      or (",".join(resource["primaryKey"]) if e.type == "primary-key" else None))
            if e.type in PLAIN:
                message = PLAIN[e.type]
            elif e.type == "primary-key":
                message = "duplicate key: " + re.sub(r"the same as in the row at position", "same as row", e.note)
            elif e.type == "foreign-key":
                target = resources[e.reference_name or task.name]["path"]
                values = ", ".join(f'"{c}"' for c in e.field_cells)
                message = f"dangling reference: {values} is not an {'/'.join(e.reference_field_names)} of {target}"
            elif hasattr(e, "cell"):
                message = f'{e.title}: "{e.cell}" ({e.note})'
            else:
                message = e.message
            problems.append(Problem(resource["path"], row, column or None, message))
    return problems


def check_dates(t: Table) -> list[Problem]:
    """start/end have the shape of `precision`, are real dates with offsets, and end is not before start."""
    problems = []
    for line, row in t.rows:
        precision = row.get("precision", "")
        if precision not in SHAPES:
            continue  # an unknown precision is an enum error, reported by the schema check
        parsed = {}
        for col in ("start", "end"):
            if row.get(col):
                parsed[col] = parse_when(row[col], precision)
                if isinstance(parsed[col], str):
                    problems.append(Problem(t.path, line, col, parsed[col]))
        start, end = parsed.get("start"), parsed.get("end")
        if isinstance(start, dt.datetime) and isinstance(end, dt.datetime) and end < start:
            problems.append(Problem(t.path, line, "end", f'end "{row["end"]}" is before start "{row["start"]}"'))
    for col in DATE_COLUMNS.get(t.name, []):
        for line, row in t.rows:
            value = row.get(col, "")
            if re.fullmatch(r"\d{4}(-\d{2}){0,2}", value):
                precision = ["year", "month", "day"][value.count("-")]
                if isinstance(msg := parse_when(value, precision), str):
                    problems.append(Problem(t.path, line, col, msg))
    return problems


def check_passages(t: Table, text: str) -> list[Problem]:
    """Passages occur in the article; times in the row are written in the passage, at no finer precision."""
    problems = []
    for line, row in t.rows:
        for col in PASSAGES.get(t.name, []):
            passage = row.get(col, "")
            if passage and not article.contains(passage, text):
                problems.append(Problem(t.path, line, col, "not in the article: " + _divergence(passage, text)))
        precision, passage = row.get("precision", ""), row.get("passage", "")
        if precision not in ("hour", "minute") or not passage:
            continue
        times = article.clock_times(passage)
        if not times:
            problems.append(Problem(t.path, line, "precision",
                                    f'precision "{precision}" is finer than the passage, which gives no clock time'))
            continue
        for col in ("start", "end"):
            value = row.get(col, "")
            if not isinstance(parse_when(value, precision), dt.datetime):
                continue  # empty, or already reported by check_dates
            hhmm = value[11:16]
            if not (hhmm in times if precision == "minute" else any(t_[:2] == hhmm[:2] for t_ in times)):
                problems.append(Problem(t.path, line, col, f"time {hhmm} is not written in the passage, "
                                                           f"which gives {', '.join(times)}"))
    return problems


def _divergence(passage: str, text: str) -> str:
    """Where a passage stops matching the article: the longest prefix found (prefixes of a match are matches)."""
    wanted, haystack = article.normalise(passage), article.normalise(text)
    lo, hi = 0, len(wanted)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if wanted[:mid] in haystack else (lo, mid - 1)
    if lo == 0:
        return "its first character does not match"
    return f'it matches up to "...{wanted[max(0, lo - 40):lo]}" and then reads "{wanted[lo:lo + 30]}..."'


def check_references(tables: dict[str, Table]) -> list[Problem]:
    """`;`-separated references resolve, exits point at entries, and assets are part of assets of the same event."""
    problems = []
    ids = {name: {row.get("id") for _, row in t.rows} for name, t in tables.items()}
    for (name, col), target in LIST_REFS.items():
        if name not in tables or target not in tables:
            continue  # an unreadable table is reported already; its references cannot be checked
        t = tables[name]
        for line, row in t.rows:
            for ref in filter(None, row.get(col, "").split(";")):
                if ref not in ids[target]:
                    problems.append(Problem(t.path, line, col, f'"{ref}" is not an id of {tables[target].path}'))
    if "events" in tables:
        t = tables["events"]
        category = {row.get("id"): row.get("category") for _, row in t.rows}
        for line, row in t.rows:
            entry = row.get("entry_id", "")
            if entry and category.get(entry, "air-zone-entry") != "air-zone-entry":
                problems.append(Problem(t.path, line, "entry_id", f'"{entry}" is not an air-zone-entry row'))
            if entry and row.get("category") != "air-zone-exit":
                problems.append(Problem(t.path, line, "entry_id", "only air-zone-exit rows have an entry_id"))
    if "assets" in tables:
        t = tables["assets"]
        counts = {(r.get("event_id"), r.get("country"), r.get("platform")): r.get("count") for _, r in t.rows}
        for line, row in t.rows:
            whole = (row.get("event_id"), row.get("country"), row.get("included_in"))
            if whole[2] and whole not in counts:
                problems.append(Problem(t.path, line, "included_in", f'no {whole[1]} "{whole[2]}" row for event '
                                                                     f'"{whole[0]}" to be part of'))
            elif whole[2] and _int(row.get("count")) > _int(counts[whole]):
                problems.append(Problem(t.path, line, "count", f'{row.get("count")} is more than the '
                                                               f'{counts[whole]} it is included in'))
    return problems


def check_verdicts(tables: dict[str, Table]) -> list[Problem]:
    """Every verdict rests on a source (its own or its records'), and every claim that needs a verdict has one.

    The exception: a `cannot-be-settled` verdict may cite nothing, because its reason says why no source can
    settle the claim. Ids that do not resolve are reported by check_references and the schema; here they simply
    bring no source.
    """
    if "verdicts" not in tables:
        return []
    t = tables["verdicts"]
    problems = []
    record_sources = {}
    if "records" in tables:
        record_sources = {r.get("id"): set(filter(None, r.get("source_ids", "").split(";")))
                          for _, r in tables["records"].rows}
    for line, row in t.rows:
        sources = set(filter(None, row.get("source_ids", "").split(";")))
        for ref in filter(None, row.get("record_ids", "").split(";")):
            sources |= record_sources.get(ref, set())
        if not sources and row.get("verdict") != "cannot-be-settled":
            problems.append(Problem(t.path, line, "source_ids", f'verdict "{row.get("verdict")}" cites no source '
                                    "(give source_ids or record_ids; only cannot-be-settled may cite none)"))
    if "claims" not in tables:
        return problems
    judged = {row.get("claim_id") for _, row in t.rows}
    checked = {r.get("claim_id") for _, r in tables["records"].rows} if "records" in tables else set()
    for line, row in tables["claims"].rows:
        claim = row.get("id")
        if claim in judged:
            continue
        if row.get("checkable_against") in MUST_HAVE_VERDICT:
            problems.append(Problem(tables["claims"].path, line, "id", f'claim "{claim}" is checkable against '
                                    f'{row["checkable_against"]} but has no verdict in {t.path}'))
        elif claim in checked:
            problems.append(Problem(tables["claims"].path, line, "id", f'claim "{claim}" is checked by a row of '
                                    f'{tables["records"].path} but has no verdict in {t.path}'))
    return problems


def _int(s: str | None) -> int:
    return int(s) if s and s.isdigit() else 0


def check_article(tables: dict[str, Table], data_dir: Path) -> tuple[str | None, list[Problem]]:
    """The article's text (for the passage checks) and whether its SHA-256 matches article.csv."""
    t = tables.get("article")
    line, row = t.rows[0] if t and t.rows else (None, {})
    path = row.get("file") or ARTICLE_FILE
    where = t.path if t else "source/article.csv"
    try:
        raw = (data_dir / path).read_bytes()
        text = raw.decode("utf-8")
    except FileNotFoundError:
        return None, [Problem(where, line, "file", f"the article {path} is missing")]
    except (OSError, UnicodeDecodeError) as err:
        return None, [Problem(where, line, "file", f"the article {path} cannot be read: {err}")]
    digest = hashlib.sha256(raw).hexdigest()
    if row.get("sha256") and row["sha256"] != digest:
        return text, [Problem(where, line, "sha256", f"does not match {path}, whose SHA-256 is {digest}")]
    return text, []


def validate(data_dir: Path = DATA) -> list[Problem]:
    """Every problem in a data folder laid out like data/ (empty list = valid)."""
    return check(data_dir)[1]


def check(data_dir: Path = DATA) -> tuple[dict[str, Table], list[Problem]]:
    """The tables that could be read, and every problem in the folder."""
    data_dir = Path(data_dir)
    descriptor = data_dir / "datapackage.json"
    where = "datapackage.json"
    try:
        package = json.loads(descriptor.read_text(encoding="utf-8"))
        resources = {r["name"]: r for r in package["resources"]}
        for r in resources.values():
            where = r["schema"]
            r["primaryKey"] = json.loads((data_dir / where).read_text(encoding="utf-8")).get("primaryKey", [])
    except FileNotFoundError:
        return {}, [Problem(where, None, None, "file is missing")]
    except (OSError, ValueError, KeyError, TypeError) as err:
        return {}, [Problem(where, None, None, f"cannot be read as a package or schema: {err!r}")]

    tables, problems = {}, []
    for name, r in resources.items():
        table, trouble = read_table(data_dir, name, r["path"])
        problems += trouble
        if table:
            tables[name] = table
    schema_problems = frictionless_problems(descriptor, resources, set(resources) - set(tables))

    text, trouble = check_article(tables, data_dir)
    problems += trouble
    for t in tables.values():
        problems += check_dates(t)
        if text is not None:
            problems += check_passages(t, text)
    problems += check_references(tables)
    problems += check_verdicts(tables)
    problems += _without_echoes(schema_problems, problems)
    return tables, sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.message))


def _without_echoes(schema_problems: list[Problem], others: list[Problem]) -> list[Problem]:
    """Drop schema messages that only repeat a clearer one about the same cell: a date pattern error where
    check_dates says what is wrong with the date, a "required" error on a cell missing from a ragged row."""
    explained = {(p.file, p.row, p.column) for p in others}
    ragged = {(p.file, p.row, p.column) for p in schema_problems if p.message.startswith("ragged")}
    return [p for p in schema_problems
            if not ((p.file, p.row, p.column) in explained and '"pattern"' in p.message)
            and not ((p.file, p.row, p.column) in ragged and not p.message.startswith("ragged"))]


def main(argv: list[str]) -> int:
    data_dir = Path(argv[1]) if len(argv) > 1 else DATA
    tables, problems = check(data_dir)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    print(f"{len(tables)} tables, {sum(len(t.rows) for t in tables.values())} rows: valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""The folder under check: its data package must list the project's tables at the project's paths, and every file
read from it must be a plain file inside it. Schemas always come from the project (kadiz.paths.DATA), never from
the folder, so a folder cannot relax the rules it is checked against; nothing is fetched over a network.
"""

import csv
import functools
import io
import json
import re
from pathlib import Path, PurePosixPath

from kadiz.paths import DATA
from kadiz.validation.problems import Problem, Table, rule

PACKAGE = "datapackage.json"
MAX_FILE_BYTES = 64 * 1024 * 1024  # far above any table of the report, low enough to refuse a runaway file
MAX_CELL_CHARS = 4000  # the longest passage is under 800 characters

NO_FILE = rule("Files", "Every file the report needs is in the folder.", "file is missing")
EMPTY = rule("Files", "A table has at least its header row.", "file is empty (it needs at least the header row)")
TOO_BIG = rule("Files", "A file is at most 64 MB.", "file is {size} MB; the validator reads files up to 64 MB")
LINK = rule("Files", "Files are plain files inside the folder, not symbolic links.",
            '"{path}" is a symbolic link; copy the file into the folder instead')
NOT_UTF8 = rule("Files", "Tables are UTF-8 (a byte-order mark is allowed).",
                "not UTF-8: byte 0x{byte:02x} cannot be decoded (save the file as UTF-8)")
NOT_CSV = rule("Files", "Tables are RFC 4180 CSV.", "not a readable CSV file: {error}")
BIG_CELL = rule("Files", "A cell holds at most 4,000 characters.",
                "cell has {size} characters; the longest allowed is 4000 (is a closing quote missing?)")
NO_JSON = rule("Data package", "datapackage.json is a JSON object with a list of resources.",
               "not a readable data package: {error}")
NO_TABLE = rule("Data package", "The data package lists every table the report needs.",
                'the data package lacks the table "{name}" ({path}), which the report needs')
EXTRA_TABLE = rule("Data package", "The data package lists only the report's tables.",
                   'table "{name}" is not one of the report\'s tables (the project has no schema for it)')
URL_PATH = rule("Data package", "Resource paths are never URLs: nothing is fetched during validation.",
                'the path of "{name}" is a URL; tables are read from the folder only')
OUTSIDE_PATH = rule("Data package", "Resource paths are relative and stay inside the folder.",
                    'the path of "{name}" leads outside the folder; write it relative to the folder, without ".."')
OTHER_PATH = rule("Data package", "Each table is at the path the project's data package gives it.",
                  'the path of "{name}" must be "{expected}", as in the project\'s data package')
BLANK_HEADER = rule("Headers", "Every column has a name.", "blank column name (column {number})")
SPACED_HEADER = rule("Headers", "Column names have no leading or trailing spaces.",
                     'column name "{name}" has a space at its {side}; remove it')
DUPLICATE_HEADER = rule("Headers", "No column name appears twice.",
                        'duplicate column "{name}" (columns {first} and {second})')


@functools.cache
def project_package() -> dict:
    """The project's data package, with each table's Table Schema read in (from data/schemas/ of the project).

    Resources without a schema are files the report reads but that are not tables (the map's land outlines)."""
    package = json.loads((DATA / PACKAGE).read_text(encoding="utf-8"))
    for r in package["resources"]:
        if "schema" in r:
            r["schema"] = json.loads((DATA / r["schema"]).read_text(encoding="utf-8"))
    return package


def resources() -> dict[str, dict]:
    """The project's tables by name: path, title, description and schema (a dict)."""
    return {r["name"]: r for r in project_package()["resources"] if "schema" in r}


def files() -> dict[str, dict]:
    """Every resource of the project's package by name, tables and other files alike."""
    return {r["name"]: r for r in project_package()["resources"]}


def check_package(data_dir: Path) -> list[Problem]:
    """The folder's datapackage.json lists the project's tables at the project's paths, and nothing else."""
    file = data_dir / PACKAGE
    if trouble := unsafe(data_dir, PACKAGE):
        return [trouble]
    try:
        package = json.loads(file.read_text(encoding="utf-8"))
        listed = {r["name"]: (i, r.get("path")) for i, r in enumerate(package["resources"], start=1)}
    except json.JSONDecodeError as err:
        return [NO_JSON.at(PACKAGE, err.lineno, None, error=f"{err.msg} at line {err.lineno} column {err.colno}")]
    except UnicodeDecodeError:
        return [NO_JSON.at(PACKAGE, None, None, error="it is not UTF-8")]
    except (TypeError, KeyError, AttributeError):
        return [NO_JSON.at(PACKAGE, None, None, error='it needs "resources", a list of tables each with a "name"')]
    problems = []
    for name, r in files().items():
        if name not in listed:
            problems.append(NO_TABLE.at(PACKAGE, None, "resources", name=name, path=r["path"]))
            continue
        number, path = listed[name]
        if not isinstance(path, str) or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", path):
            problems.append(URL_PATH.at(PACKAGE, number, "path", name=name))
        elif PurePosixPath(path).is_absolute() or ".." in PurePosixPath(path).parts or "\\" in path:
            problems.append(OUTSIDE_PATH.at(PACKAGE, number, "path", name=name))
        elif path != r["path"]:
            problems.append(OTHER_PATH.at(PACKAGE, number, "path", name=name, expected=r["path"]))
        elif "schema" not in r and (trouble := unsafe(data_dir, path)):
            problems.append(trouble)  # a file that is not a table (the map's land) is still needed whole
    for name, (number, _) in listed.items():
        if name not in files():
            problems.append(EXTRA_TABLE.at(PACKAGE, number, "name", name=str(name)))
    return problems


def unsafe(data_dir: Path, path: str) -> Problem | None:
    """A Problem if `path` (relative to the folder) is missing, or is or passes through a symbolic link."""
    here = data_dir
    for part in PurePosixPath(path).parts:
        here = here / part
        if here.is_symlink():
            return LINK.at(path, None, None, path=str(PurePosixPath(*here.relative_to(data_dir).parts)))
    return None if here.is_file() else NO_FILE.at(path, None, None)


def read_table(data_dir: Path, name: str, path: str) -> tuple[Table | None, list[Problem]]:
    """Read a CSV as text rows; a file that cannot be read as a UTF-8 CSV with a sound header gives Problems and
    no table (so no other check repeats its trouble in other files)."""
    if trouble := unsafe(data_dir, path):
        return None, [trouble]
    file = data_dir / path
    if file.stat().st_size > MAX_FILE_BYTES:
        return None, [TOO_BIG.at(path, None, None, size=file.stat().st_size // 2 ** 20)]
    raw = file.read_bytes()
    if not raw.strip():
        return None, [EMPTY.at(path, None, None)]
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is harmless, and spreadsheets write one
    except UnicodeDecodeError as err:
        return None, [_undecodable(raw, path, err)]
    limit = csv.field_size_limit(max(MAX_FILE_BYTES, csv.field_size_limit()))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records = list(reader)
    except csv.Error as err:
        return None, [NOT_CSV.at(path, reader.line_num, None, error=f"{err} (line {reader.line_num})")]
    finally:
        csv.field_size_limit(limit)
    if not records:
        return None, [EMPTY.at(path, None, None)]
    header = records[0]
    problems = _header_problems(path, header)
    for number, cells in enumerate(records[1:], start=2):
        for column, cell in zip(header, cells):
            if len(cell) > MAX_CELL_CHARS:
                problems.append(BIG_CELL.at(path, number, column, size=len(cell)))
    if problems:
        return None, problems
    rows = [(n, dict(zip(header, cells))) for n, cells in enumerate(records[1:], start=2) if cells]
    return Table(name, path, rows, records), []


def _header_problems(path: str, header: list[str]) -> list[Problem]:
    problems, seen = [], {}
    for number, name in enumerate(header, start=1):
        if not name.strip():
            problems.append(BLANK_HEADER.at(path, 1, None, number=number))
            continue
        for side, stripped in (("start", name.lstrip()), ("end", name.rstrip())):
            if stripped != name:
                problems.append(SPACED_HEADER.at(path, 1, name.strip(), name=name.strip(), side=side))
        if name in seen:
            problems.append(DUPLICATE_HEADER.at(path, 1, name, name=name, first=seen[name], second=number))
        seen.setdefault(name, number)
    return problems


def _undecodable(raw: bytes, path: str, err: UnicodeDecodeError) -> Problem:
    """Point at the cell holding the first byte that is not UTF-8."""
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8", "replace"), newline="")))
    row, column = next(((i, rows[0][j] if j < len(rows[0]) else None)
                        for i, cells in enumerate(rows, start=1)
                        for j, cell in enumerate(cells) if "\ufffd" in cell), (None, None))
    return NOT_UTF8.at(path, row, column, byte=raw[err.start])

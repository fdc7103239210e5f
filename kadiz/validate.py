"""Check the data folder: the Table Schemas (through frictionless) plus the checks no schema can express.

    python -m kadiz.validate [DIR]      # DIR defaults to the repository's data/

prints one line per problem, `file:row:column: message` (row = CSV record number with the header as 1, which is
the line number unless a cell spans lines; empty where a problem has no row or column), and exits 1 on any
problem. The rules and their messages are listed in data/README.md ("Rules the validator enforces"); the checks
live in the modules of kadiz.validation.
"""

import sys
from pathlib import Path

from kadiz.paths import DATA
from kadiz.validation import folder
from kadiz.validation.consistency import LIST_REFS, check_codebook_rules, check_references
from kadiz.validation.geo import check_geo
from kadiz.validation.missile_db import check_missiles
from kadiz.validation.named import check_named
from kadiz.validation.passages import PASSAGES, check_article, check_passages
from kadiz.validation.problems import RULES, Problem, Table
from kadiz.validation.schema import schema_problems
from kadiz.validation.sizes import check_sizes
from kadiz.validation.sources import check_sources
from kadiz.validation.text import check_text
from kadiz.validation.times import check_dates
from kadiz.validation.verdicts import check_verdicts

__all__ = ["LIST_REFS", "PASSAGES", "RULES", "Problem", "Table", "check", "check_verdicts", "main", "validate"]

def validate(data_dir: Path = DATA, needs: bool = True) -> list[Problem]:
    """Every problem in a data folder laid out like data/ (empty list = valid)."""
    return check(data_dir, needs)[1]


def check(data_dir: Path = DATA, needs: bool = True) -> tuple[dict[str, Table], list[Problem]]:
    """The tables that could be read, and every problem in the folder (the tables are usable only if there is
    none). Schemas, table paths and the article's checksum come from the project, never from the folder.

    `needs=False` leaves out what the chapters need of the data (the rows they name, tables with rows): only for
    checking the data rules on a deliberately partial folder (tests/minimal_data.py); the book never passes it."""
    data_dir = Path(data_dir)
    resources = folder.resources()
    problems = folder.check_package(data_dir)
    tables = {}
    for name, r in resources.items():
        table, trouble = folder.read_table(data_dir, name, r["path"])
        problems += trouble
        if table:
            tables[name] = table
    schema = schema_problems(tables)
    text, trouble = check_article(tables, data_dir)
    problems += trouble
    for name, t in tables.items():
        problems += check_text(t, resources[name]["schema"])
        problems += check_dates(t)
        if text is not None:
            problems += check_passages(t, text)
    problems += check_references(tables)
    problems += check_codebook_rules(tables)
    problems += check_verdicts(tables)
    problems += check_geo(tables)
    problems += check_missiles(data_dir)
    problems += check_sources(tables)
    problems += check_sizes(tables, needs)
    if needs:
        problems += check_named(tables)
    problems += _without_echoes(schema, problems)
    return tables, sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.message))


def _without_echoes(schema_problems: list[Problem], others: list[Problem]) -> list[Problem]:
    """Drop schema messages that only repeat a clearer one about the same cell: a pattern or vocabulary error
    where another check names what is wrong (a look-alike letter, a malformed date), a "required" error on a cell
    missing from a ragged row."""
    explained = {(p.file, p.row, p.column) for p in others}
    ragged = {(p.file, p.row, p.column) for p in schema_problems if p.message.startswith("ragged")}
    return [p for p in schema_problems
            if not ((p.file, p.row, p.column) in explained and ('"pattern"' in p.message or '"enum"' in p.message))
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

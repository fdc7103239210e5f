"""Check the data folder: the Table Schemas (through frictionless) plus the checks no schema can express.

    python -m kadiz.validate [DIR]      # DIR defaults to the repository's data/

prints one line per problem, `file:row:column: message` (row = CSV record number with the header as 1, which is
the line number unless a cell spans lines; empty where a problem has no row or column), and exits 1 on any
problem. The rules and their messages are listed in data/README.md ("Rules the validator enforces"); the checks
live in the modules of kadiz.validation, except the verdict rules below.
"""

import sys
from pathlib import Path

from kadiz.paths import DATA
from kadiz.validation import folder
from kadiz.validation.consistency import LIST_REFS, check_codebook_rules, check_references
from kadiz.validation.geo import check_geo
from kadiz.validation.missile_db import check_missiles
from kadiz.validation.passages import PASSAGES, check_article, check_passages
from kadiz.validation.problems import RULES, Problem, Table, rule
from kadiz.validation.schema import schema_problems
from kadiz.validation.text import check_text
from kadiz.validation.times import check_dates
from kadiz.when import PRECISIONS, SHAPES, parse_when

__all__ = ["LIST_REFS", "PASSAGES", "PRECISIONS", "RULES", "SHAPES", "Problem", "Table", "check", "check_verdicts",
           "main", "parse_when", "validate"]

# Every claim that some outside record could check (`checkable_against` other than "none") must have a verdict in
# verdicts.csv, even where nothing on file speaks to it: that verdict then reads "cannot be settled" and says why,
# so a reader sees what the report did not check instead of finding the claim silently left out.
NOT_CHECKABLE = "none"

# The verdict rules, as listed in the codebook (check_verdicts gives these messages).
rule("Verdicts", "A verdict cites a source (its own `source_ids` or those of its `record_ids`), unless it is "
     "`cannot-be-settled`.", 'verdict "{verdict}" cites no source (give source_ids or record_ids; only '
     'cannot-be-settled may cite none)')
rule("Verdicts", "Every claim checkable against an outside record has a verdict.",
     'claim "{claim}" is checkable against {checkable_against} but has no verdict in verdicts.csv')
rule("Verdicts", "Every claim a row of records.csv checks has a verdict.",
     'claim "{claim}" is checked by a row of external/records.csv but has no verdict in verdicts.csv')


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
        if row.get("checkable_against") != NOT_CHECKABLE:
            problems.append(Problem(tables["claims"].path, line, "id", f'claim "{claim}" is checkable against '
                                    f'{row["checkable_against"]} but has no verdict in {t.path}'))
        elif claim in checked:
            problems.append(Problem(tables["claims"].path, line, "id", f'claim "{claim}" is checked by a row of '
                                    f'{tables["records"].path} but has no verdict in {t.path}'))
    return problems


def validate(data_dir: Path = DATA) -> list[Problem]:
    """Every problem in a data folder laid out like data/ (empty list = valid)."""
    return check(data_dir)[1]


def check(data_dir: Path = DATA) -> tuple[dict[str, Table], list[Problem]]:
    """The tables that could be read, and every problem in the folder (the tables are usable only if there is
    none). Schemas, table paths and the article's checksum come from the project, never from the folder."""
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

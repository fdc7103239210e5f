"""The Table Schema checks (types, vocabularies, patterns, required cells, unique keys), run by frictionless on
the rows exactly as the validator read them, against the project's schemas: frictionless opens no file and no
address itself. Foreign keys are checked here, across tables, so that frictionless can check one table at a time
and skip the tables that did not change since the last run."""

import functools
import re

import frictionless

from kadiz.validation.folder import resources
from kadiz.validation.problems import Problem, Table, rule

MISSING_COLUMN = rule("Schema", "Every column of the table's schema is present (in any order).",
                      "missing column (the schema requires it)")
EXTRA_COLUMN = rule("Schema", "No column outside the table's schema.", "unexpected column (not in the schema)")
EXTRA_CELL = rule("Schema", "A row has no more cells than the header.", "ragged row: more cells than columns")
MISSING_CELL = rule("Schema", "A row has a cell for every column.", "ragged row: no cell for this column")
BLANK_ROW = rule("Schema", "No blank rows.", "blank row")
DUPLICATE_KEY = rule("Schema", "The key columns of each table are unique.", "duplicate key: {detail}")
DANGLING = rule("Schema", "A reference to another table names a row of it.",
                'dangling reference: {values} is not an {fields} of {target}')
CELL = rule("Schema", "A cell has the type of its column (integer, boolean `true`/`false`) and meets its "
            "constraints: required, a pattern, a list of allowed values, a minimum or maximum, unique.",
            '{title}: "{cell}" ({note})')
OTHER = rule("Schema", "Any other breach of the schema is reported in frictionless' words.", "{message}")
FRICTIONLESS_ERRORS = {"missing-label": MISSING_COLUMN, "extra-label": EXTRA_COLUMN, "extra-cell": EXTRA_CELL,
         "missing-cell": MISSING_CELL, "blank-row": BLANK_ROW}


def schema_problems(tables: dict[str, Table]) -> list[Problem]:
    """Validate each table that could be read against its schema, and the references between tables."""
    problems = []
    for name, t in tables.items():
        problems += [Problem(t.path, *where) for where in _table_problems(name, tuple(map(tuple, t.records)))]
    return problems + _foreign_keys(tables)


@functools.lru_cache(maxsize=64)
def _table_problems(name: str, records: tuple[tuple[str, ...], ...]) -> list[tuple[int | None, str | None, str]]:
    """(row, column, message) of every breach of a table's schema but its foreign keys. Cached by content, since
    frictionless takes a while and most tables do not change between two runs."""
    descriptor = dict(resources()[name]["schema"], foreignKeys=[])
    report = frictionless.Resource(name=name, data=[list(r) for r in records],
                                   schema=frictionless.Schema.from_descriptor(descriptor)).validate()
    found = [(None, None, e.message) for e in report.errors]
    for task in report.tasks:
        for e in task.errors:
            row = getattr(e, "row_number", None) or (1 if e.type.endswith("-label") else None)
            column = (getattr(e, "field_name", None) or getattr(e, "label", None)
                      or ",".join(getattr(e, "field_names", []))
                      or (",".join(descriptor["primaryKey"]) if e.type == "primary-key" else None)) or None
            if e.type in FRICTIONLESS_ERRORS:
                problem = FRICTIONLESS_ERRORS[e.type].at("", row, column)
            elif e.type == "primary-key":
                detail = re.sub(r"the same as in the row at position", "same as row", e.note)
                problem = DUPLICATE_KEY.at("", row, column, detail=detail)
            elif hasattr(e, "cell"):
                problem = CELL.at("", row, column, title=e.title, cell=e.cell, note=e.note)
            else:
                problem = OTHER.at("", row, column, message=e.message)
            found.append((problem.row, problem.column, problem.message))
    return found


def _foreign_keys(tables: dict[str, Table]) -> list[Problem]:
    """The schemas' foreign keys (one column each): a non-empty cell names a row of the table referred to.
    Keys into a table that could not be read are skipped: its trouble is reported once, in its own file."""
    problems = []
    for name, t in tables.items():
        for fk in resources()[name]["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"] or name
            if target not in tables:
                continue
            (column,), (key,) = fk["fields"], fk["reference"]["fields"]
            ids = {row.get(key) for _, row in tables[target].rows}
            for line, row in t.rows:
                if row.get(column) and row[column] not in ids:
                    problems.append(DANGLING.at(t.path, line, column, values=f'"{row[column]}"', fields=key,
                                                target=tables[target].path))
    return problems

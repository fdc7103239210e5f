"""The sizes the report supports: tables it cannot do without have rows, and no table is longer than the book
can print (measured: see data/README.md, "The contract: what validates, the book publishes")."""

from kadiz.validation.problems import Problem, Table, rule

# Every table but the zone's boundary: the map is drawn without it, every chapter stops without the others.
OPTIONAL = frozenset({"kadiz_boundary"})
MAX_ROWS = 500

NO_ROWS = rule("Sizes", "Every table but external/kadiz_boundary.csv has at least one row: the chapters draw "
               "from each.", "the table has no rows; the report needs at least one")
TOO_MANY_ROWS = rule("Sizes", "A table has at most 500 rows, the most the printed report is measured to hold.",
                     "row {number} of at most {limit}: the report is built and printed for up to {limit} rows a table")


def check_sizes(tables: dict[str, Table], needs: bool = True) -> list[Problem]:
    """Tables too long to print, and (with `needs`) tables the report needs that have no rows."""
    problems = []
    for name, t in tables.items():
        if needs and not t.rows and name not in OPTIONAL:
            problems.append(NO_ROWS.at(t.path, None, None))
        if len(t.rows) > MAX_ROWS:
            line = t.rows[MAX_ROWS][0]
            problems.append(TOO_MANY_ROWS.at(t.path, line, None, number=MAX_ROWS + 1, limit=MAX_ROWS))
    return problems

"""What the checks report (a Problem at a file, row and column), the tables they read, and the rules they enforce.

Every message the validator gives comes from a Rule declared here or beside its check, so the codebook can list
each rule with its exact message (`python -m kadiz.codebook --write`).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    file: str  # path relative to the data folder, e.g. "events.csv", "external/records.csv"
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        return printable(f"{self.file}:{self.row or ''}:{self.column or ''}: {self.message}")


@dataclass
class Table:
    name: str
    path: str
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (CSV record number, header = 1; row)
    records: list[list[str]] = field(default_factory=list)  # every CSV record as read, header first


@dataclass(frozen=True)
class Rule:
    topic: str  # the heading the codebook lists it under
    what: str  # the rule, in the words of someone editing the data
    message: str  # str.format template of the message; {named} parts are filled in per problem

    def at(self, file: str, row: int | None, column: str | None, **values) -> Problem:
        return Problem(file, row, column, self.message.format(**values))


RULES: list[Rule] = []


def rule(topic: str, what: str, message: str) -> Rule:
    """Declare a rule the validator enforces (kept in RULES, in order, for the codebook)."""
    declared = Rule(topic, what, message)
    RULES.append(declared)
    return declared


def printable(text: str) -> str:
    """Text safe to print on a terminal: characters that are not printable become \\uXXXX escapes."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" for c in text)

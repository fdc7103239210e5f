"""Text hygiene: what cannot be seen when a cell is printed, what looks like something it is not, and what a
spreadsheet would run. Each offending character is named (code point and Unicode name), since it is invisible."""

import re
import unicodedata

from kadiz.validation.problems import Problem, Table, rule

# Control characters have no Unicode name; these are the ones a careless copy brings in.
CONTROL_NAMES = {0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x09: "CHARACTER TABULATION", 0x0A: "LINE FEED",
                 0x0B: "LINE TABULATION", 0x0C: "FORM FEED", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE"}
# Letters and symbols that print as nothing, beyond the format characters (Unicode category Cf).
BLANK_LOOKING = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\u034f", "\u180e", "\u17b4", "\u17b5"}
FORMULA_STARTS = "=+-@"
_WORD = re.compile(r"[^\W\d_]+")
_UNUSUAL = re.compile(r"[^\x20-\x7e]")  # anything but printable ASCII

CONTROL = rule("Text", "No cell or column name holds a control character (NUL, tab, escape, a carriage return "
               "alone ...); only text columns may break a line.",
               "control character {char} at column {pos} of the cell; delete it")
INVISIBLE = rule("Text", "No cell or column name holds an invisible character (zero-width spaces and joiners, soft "
                 "hyphens, direction marks, byte-order marks, fillers, variation selectors, private-use or "
                 "unassigned code points).", "invisible character {char} at column {pos} of the cell; delete it")
NOT_ASCII = rule("Text", "Ids, codes, dates, numbers, booleans and vocabulary words (every column with a pattern, "
                 "a list of allowed values or a key) and column names are plain ASCII.",
                 "{char} at column {pos} of the cell: ids, codes, dates, numbers and vocabulary words are plain "
                 "ASCII (a look-alike letter from another script?)")
LOOK_ALIKE = rule("Text", "No word mixes Latin letters with letters of another script, and no text uses fullwidth "
                  "or mathematical letters: they look like Latin letters but do not match them.",
                  "{char} at column {pos} of the cell, in a word of Latin letters: a look-alike? type the Latin "
                  "letter")
SEPARATOR = rule("Text", "No cell holds a line or paragraph separator (U+2028, U+2029): a chart's script stops at one "
                 "and print shows it as a stray word; break a line with a line break.",
                 "{char} at column {pos} of the cell; use a line break (or a space) instead")
DIGITS = rule("Text", "Digits are 0-9 (not Arabic-Indic, fullwidth or other digits).",
              "{char} at column {pos} of the cell: write digits as 0-9")
SPACES = rule("Text", "No cell starts or ends with a space.", "cell {side} with a space; remove it")
FORMULA = rule("Text", "No text cell starts with =, +, - or @ (a spreadsheet opening a published table would run it "
               "as a formula); only numeric columns may hold a signed number.",
               'text starts with "{first}", which a spreadsheet would run as a formula; begin the cell with a word')


def describe(c: str) -> str:
    """"U+200B ZERO WIDTH SPACE": the code point and its Unicode name."""
    return f"U+{ord(c):04X} {unicodedata.name(c, CONTROL_NAMES.get(ord(c), 'CONTROL CHARACTER'))}"


def code_columns(schema: dict) -> set[str]:
    """Columns whose values are ids, codes, dates, numbers, booleans or vocabulary words."""
    keys = set(schema.get("primaryKey", []))
    for fk in schema.get("foreignKeys", []):
        keys |= set(fk["fields"])
    return {f["name"] for f in schema["fields"]
            if f["name"] in keys or f["type"] != "string"
            or {"pattern", "enum"} & set(f.get("constraints", {}))}


def check_text(t: Table, schema: dict) -> list[Problem]:
    """Every cell and column name of a table, for the rules above."""
    codes = code_columns(schema)
    numeric = {f["name"] for f in schema["fields"] if f["type"] in ("integer", "number")}
    problems = [p for name in (t.records[0] if t.records else []) for p in _characters(t.path, 1, name, name, True)]
    for line, row in t.rows:
        for column, cell in row.items():
            if not cell:
                continue
            problems += _characters(t.path, line, column, cell, column in codes)
            if cell != cell.strip():
                problems.append(SPACES.at(t.path, line, column, side="starts" if cell != cell.lstrip() else "ends"))
            elif cell[0] in FORMULA_STARTS and column not in numeric:
                problems.append(FORMULA.at(t.path, line, column, first=cell[0]))
    return problems


def _characters(path: str, line: int, column: str, cell: str, code: bool) -> list[Problem]:
    """At most one problem per rule and cell: the first offending character names it."""
    if cell.isascii() and cell.isprintable():
        return []  # the common case, checked at C speed
    found = {}
    for match in _UNUSUAL.finditer(cell):
        c, pos = match.group(), match.start() + 1
        category = unicodedata.category(c)
        if not code and (c == "\n" or cell[pos - 1:pos + 1] == "\r\n"):
            continue  # a line break inside a text cell is whitespace, which a passage may differ in
        if category == "Cc":
            found.setdefault(CONTROL, (c, pos))
        elif category in ("Zl", "Zp"):
            found.setdefault(SEPARATOR, (c, pos))
        elif category in ("Cf", "Co", "Cn", "Cs") or c in BLANK_LOOKING or "VARIATION SELECTOR" in describe(c):
            found.setdefault(INVISIBLE, (c, pos))
        elif code and not c.isascii():
            found.setdefault(NOT_ASCII, (c, pos))
        elif category == "Nd" and not c.isascii():
            found.setdefault(DIGITS, (c, pos))
    if not code and LOOK_ALIKE not in found:
        for word in _WORD.finditer(cell):
            if word.group().isascii():
                continue
            scripts = {describe(c).split()[1] for c in word.group()}
            odd = [i for i, c in enumerate(word.group()) if describe(c).split()[1] in ("FULLWIDTH", "MATHEMATICAL")
                   or ("LATIN" in scripts and describe(c).split()[1] != "LATIN")]
            if odd:
                found[LOOK_ALIKE] = (word.group()[odd[0]], word.start() + odd[0] + 1)
                break
    return [r.at(path, line, column, char=describe(c), pos=pos) for r, (c, pos) in found.items()]

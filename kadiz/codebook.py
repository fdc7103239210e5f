"""Render the codebook tables of data/README.md from the Table Schemas, and its list of the rules the validator
enforces from the rules declared in kadiz.validation, so that neither can drift from the code.

    python -m kadiz.codebook           # print the tables and the rules
    python -m kadiz.codebook --write   # replace them in data/README.md (between their markers)
"""

import json
import sys
from pathlib import Path

from kadiz.paths import DATA
from kadiz.validate import LIST_REFS, RULES

START, END = "<!-- codebook:start -->", "<!-- codebook:end -->"
RULES_START, RULES_END = "<!-- rules:start -->", "<!-- rules:end -->"
# The order the rules are listed in: from the folder and its files down to single cells and rows.
TOPICS = ["Data package", "Files", "Headers", "Schema", "Text", "Dates", "Article", "Passages", "References",
          "Codebook rules", "Verdicts", "Missile database"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _allowed(field: dict, references: dict[str, str]) -> str:
    c = field.get("constraints", {})
    parts = []
    if c.get("required"):
        parts.append("required")
    if c.get("unique"):
        parts.append("unique")
    if "enum" in c:
        parts.append(", ".join(f"`{v}`" for v in c["enum"]))
    if "pattern" in c:
        parts.append(f"pattern `{c['pattern']}`")
    if "minimum" in c or "maximum" in c:
        parts.append(f"{c.get('minimum', '')}..{c.get('maximum', '')}")
    if field["type"] == "boolean":
        parts.append("`true`, `false`")
    if field["name"] in references:
        parts.append(f"-> {references[field['name']]}")
    return _cell("; ".join(parts))


def render(data_dir: Path = DATA) -> str:
    """One section per table: its file, description and keys, then column | type | meaning | allowed values."""
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["name"]: r["path"] for r in package["resources"]}
    out = []
    for r in package["resources"]:
        if "schema" not in r:  # a file that is not a table: its description says what it holds and whence
            licences = "; ".join(lic.get("title", lic["name"]) for lic in r.get("licenses", []))
            out += [f"### {r['title']}: `{r['path']}`", "", r["description"] + (f" Licence: {licences}." if licences
                                                                                 else ""), ""]
            continue
        schema = json.loads((data_dir / r["schema"]).read_text(encoding="utf-8"))
        references = {}
        for fk in schema.get("foreignKeys", []):
            target = paths[fk["reference"]["resource"] or r["name"]]
            references[fk["fields"][0]] = f"`{target}` {fk['reference']['fields'][0]}"
        for (table, column), target in LIST_REFS.items():
            if table == r["name"]:
                references[column] = f"each id in `{paths[target]}`"
        key = ", ".join(schema["primaryKey"])
        out += [f"### {r['title']}: `{r['path']}`", "", f"{r['description']} Key: {key}.", "",
                "| column | type | meaning | allowed values |", "| --- | --- | --- | --- |"]
        out += [f"| `{f['name']}` | {f['type']} | {_cell(f['description'])} | {_allowed(f, references)} |"
                for f in schema["fields"]]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_rules() -> str:
    """Every rule the validator enforces, by topic, each with the exact message it gives."""
    out = []
    topics = sorted(dict.fromkeys(r.topic for r in RULES), key=lambda t: TOPICS.index(t) if t in TOPICS else 99)
    for topic in topics:
        out += [f"### {topic}", ""]
        out += [f"- {r.what}  \n  `{r.message}`" for r in RULES if r.topic == topic]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def embedded(readme: str, start: str = START, end: str = END) -> str:
    """The part of a README between two markers (by default the codebook tables')."""
    return readme.split(start, 1)[1].split(end, 1)[0].strip("\n") + "\n"


def _replace(text: str, start: str, end: str, content: str) -> str:
    before, rest = text.split(start, 1)
    return f"{before}{start}\n{content}{end}{rest.split(end, 1)[1]}"


def main(argv: list[str]) -> int:
    tables, rules = render(), render_rules()
    if "--write" not in argv:
        print(tables, rules, sep="\n", end="")
        return 0
    readme = DATA / "README.md"
    text = _replace(readme.read_text(encoding="utf-8"), START, END, tables)
    readme.write_text(_replace(text, RULES_START, RULES_END, rules), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

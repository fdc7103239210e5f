"""Render the codebook tables of data/README.md from the Table Schemas, so the two cannot drift apart.

    python -m kadiz.codebook           # print the tables
    python -m kadiz.codebook --write   # replace them in data/README.md (between the codebook markers)
"""

import json
import sys
from pathlib import Path

from kadiz.paths import DATA
from kadiz.validate import LIST_REFS

START, END = "<!-- codebook:start -->", "<!-- codebook:end -->"


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


def embedded(readme: str) -> str:
    """The part of a README between the codebook markers."""
    return readme.split(START, 1)[1].split(END, 1)[0].strip("\n") + "\n"


def main(argv: list[str]) -> int:
    tables = render()
    if "--write" not in argv:
        print(tables, end="")
        return 0
    readme = DATA / "README.md"
    text = readme.read_text(encoding="utf-8")
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    readme.write_text(f"{before}{START}\n{tables}{END}{after}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""The codebook in data/README.md and the bibliography stay in step with the schemas and sources.csv."""

import csv
import re

from kadiz import codebook
from kadiz.paths import DATA, ROOT


def test_readme_tables_match_the_schemas():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert codebook.embedded(readme) == codebook.render(), "run: python -m kadiz.codebook --write"


def test_readme_keeps_the_coding_rules_section():
    assert "## Coding rules" in (DATA / "README.md").read_text(encoding="utf-8")


def test_every_source_is_in_the_bibliography():
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    entries = dict(re.findall(r"@online\{([^,]+),.*?url = \{([^}]+)\}", bib, flags=re.S))
    with open(DATA / "external" / "sources.csv", encoding="utf-8", newline="") as fh:
        sources = {row["id"]: row["url"] for row in csv.DictReader(fh)}
    assert entries.pop("salmon2022axis") == "https://asiatimes.com/2022/05/anti-us-axis-creeping-into-view-in-asia/"
    assert entries == sources

"""The data contract: if `make validate` passes, `make book` publishes it; if the build could not publish it, the
validator refuses it, naming the file, row and column.

Each case starts from a copy of data/ (the chapters name rows of it, so a smaller folder could not be published).
"Publishes" is tests/publish.py: every chapter's code on the data, every figure drawn for the site and for print,
every table and quote escaped. The named cases are the failures found by hand and by the property test below
(each shrunk to the smallest edit); the property test draws edits from the Table Schemas (tests/schema_rows.py).
A bounded, deterministic run is part of `make test` (Hypothesis profile "bounded", tests/conftest.py); `make
contract` runs the profile "contract", with many more examples.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import nbformat
import pytest
from hypothesis import HealthCheck, event, given, settings

from kadiz import data
from kadiz.paths import DATA, ROOT
from kadiz.validate import validate
from kadiz.validation import named, sizes
from tests import schema_rows
from tests.publish import publish

# One worker learns once which chapter reads which table.
pytestmark = pytest.mark.xdist_group(name="module:test_contract")


@pytest.fixture(scope="module")
def baseline():
    return data.load()


def copy_of_data(folder: Path, **tables: list[dict]) -> Path:
    """A copy of data/ with some tables replaced by the rows given (by table name)."""
    shutil.copytree(DATA, folder)
    rows = schema_rows.read(folder)
    rows.update(tables)
    schema_rows.write(folder, rows)
    return folder


def edited(folder: Path, table: str, index: int, **cells) -> Path:
    rows = schema_rows.read(DATA)[table]
    rows[index].update(cells)
    return copy_of_data(folder, **{table: rows})


def refused_at(folder: Path, file: str, row, column, words: str) -> None:
    problems = validate(folder)
    hits = [p for p in problems if (p.file, p.row, p.column) == (file, row, column)]
    assert hits, f"nothing reported at {file}:{row}:{column}; got {[str(p) for p in problems]}"
    assert any(words in p.message for p in hits), [p.message for p in hits]


# ------------------------------------------------------------------ the failures found by hand, each refused

@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_line_separator_in_a_speaker_name_is_refused(tmp_path, separator):
    # On main it passed, and the voices chapter died in vl-convert ("Unexpected token ILLEGAL").
    folder = edited(tmp_path / "data", "speakers", 0, name=f"Chun{separator}In-bum")
    refused_at(folder, "speakers.csv", 2, "name", f"U+{ord(separator):04X}")


def test_line_separator_in_glued_prose_is_refused(tmp_path):
    # A passage differs from the article in whitespace only; on main U+2028 passed there and printed "lineseppara".
    rows = schema_rows.read(DATA)["claims"]
    index = next(i for i, r in enumerate(rows) if r["id"] == "exact-mirror-march")
    passage = rows[index]["passage"].replace(" ", "\u2028", 1)
    folder = edited(tmp_path / "data", "claims", index, passage=passage)
    refused_at(folder, "claims.csv", index + 2, "passage", "U+2028")


def test_quotes_reduced_to_the_header_are_refused(tmp_path):
    # On main it passed, and the voices chapter stopped: "cannot convert float NaN to integer".
    folder = copy_of_data(tmp_path / "data", quotes=[])
    refused_at(folder, "quotes.csv", None, None, "no rows")


def test_patrols_reduced_to_the_header_are_refused(tmp_path):
    # Found by emptying each table in turn (the property test's "drop" edit): on main it passed, and the after
    # chapter stopped comparing dates with NaT.
    folder = copy_of_data(tmp_path / "data", joint_air_patrols=[])
    refused_at(folder, "external/joint_air_patrols.csv", None, None, "no rows")


def test_the_zone_boundary_may_be_empty(tmp_path, baseline):
    # The one table the report can do without: the map is drawn without the line.
    folder = copy_of_data(tmp_path / "data", kadiz_boundary=[])
    assert validate(folder) == []
    publish(data.load(folder), {"kadiz_boundary"}, baseline)


def test_source_without_a_bibliography_entry_is_refused(tmp_path):
    # On main it passed, and the build failed late in Sphinx, at a notebook line.
    folder = edited(tmp_path / "data", "sources", 0, id="nobody2099nothing")
    refused_at(folder, "external/sources.csv", 2, "id", "no entry in references.bib")


@pytest.mark.parametrize("url", ['https://x.example/"><svg/onload=alert(1)>', "https://x.example/a b",
                                 "javascript:alert(1)", "https:///no-host", "https://x.example:99999/"])
def test_address_that_is_not_an_absolute_http_url_is_refused(tmp_path, url):
    # On main the first passed and was published (escaped) in the JSON-LD.
    folder = edited(tmp_path / "data", "sources", 0, url=url)
    refused_at(folder, "external/sources.csv", 2, "url", "not an absolute http(s) address")


def test_more_rows_than_the_report_prints_are_refused(tmp_path):
    # On main 950 valid rows in after_events passed, and both PDFs failed ("TeX capacity exceeded") after 196 s.
    rows = schema_rows.read(DATA)["after_events"]
    extra = [{**rows[-1], "id": f"extra-{n}", "record_id": "", "claim_id": "", "claim_after": ""} for n in range(950)]
    folder = copy_of_data(tmp_path / "data", after_events=rows + extra)
    refused_at(folder, "external/after_events.csv", sizes.MAX_ROWS + 2, None, f"at most {sizes.MAX_ROWS}")


@pytest.mark.parametrize("table", sorted(named.NAMED))
def test_a_row_the_report_names_cannot_go(tmp_path, table):
    # Found by emptying each table in turn (the property test's "drop" edit): a statement the voices chapter
    # numbers, the map's areas, the March events ... taken away passed on main, and the chapter that names it
    # stopped with a KeyError.
    gone = named.NAMED[table][0]
    rows = [r for r in schema_rows.read(DATA)[table] if r["id"] != gone]
    folder = copy_of_data(tmp_path / "data", **{table: rows})
    refused_at(folder, schema_rows.PATHS[table], None, "id", f'"{gone}"')


def test_a_count_the_report_states_cannot_go(tmp_path):
    event, country, platform = named.NAMED_ASSETS[0]
    rows = [r for r in schema_rows.read(DATA)["assets"] if (r["event_id"], r["country"], r["platform"]) !=
            (event, country, platform)]
    folder = copy_of_data(tmp_path / "data", assets=rows)
    refused_at(folder, "assets.csv", None, "event_id", platform)


def _spelled_out_ids() -> set[tuple[str, str]]:
    """(table, id) of every row of data/ whose id the chapters' code or the package spells out."""
    ids = {r["id"]: name for name, rows in schema_rows.read(DATA).items() if name in named.NAMED or
           name in ("places", "speakers") for r in rows if "id" in r}
    code = ["\n".join(c.source for c in nbformat.read(p, as_version=4).cells if c.cell_type == "code")
            for p in sorted((ROOT / "chapters").glob("*.ipynb"))]
    code += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "kadiz").rglob("*.py"))
             if "validation" not in p.parts]
    return {(ids[node.value], node.value) for text in code for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in ids}


def test_the_validator_knows_every_row_the_report_names():
    missing = {(t, i) for t, i in _spelled_out_ids() if i not in named.NAMED.get(t, ())}
    assert not missing, f"add these to kadiz/validation/named.py (the code names them): {sorted(missing)}"


# ------------------------------------------------------------------ the property: what validates, publishes

@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much])
@given(edit=schema_rows.edits(schema_rows.read(DATA)))
def test_what_validates_is_published(tmp_path_factory, baseline, edit):
    tables, changed = edit
    folder = copy_of_data(tmp_path_factory.mktemp("contract") / "data", **tables)
    problems = validate(folder)
    if problems:
        event("refused")
        assert all(p.file for p in problems)
        return
    event("published")
    publish(data.load(folder), changed, baseline)

"""The package is shaped like the book: imports flow one way, and a chapter that starts with `book.start()` glues
every value its text shows under a key of the one convention."""

import ast
import json
import re

import pytest

from kadiz import book
from kadiz.charts import render
from kadiz.paths import ROOT

PACKAGE = ROOT / "kadiz"
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
GLUE_ROLE = re.compile(r"\{glue:(?:text|md)\}`([^`]+)`")
GLUE_DIRECTIVE = re.compile(r"^[:`]{3,}\{glue:(?:figure|md)\}\s+(\S+)", re.MULTILINE)


def _imports(path) -> set[str]:
    """The kadiz modules a file imports (`from kadiz import x` counts as kadiz.x)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kadiz"):
            found |= {node.module} if node.module != "kadiz" else {f"kadiz.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("kadiz")}
    return found


def _module(path) -> str:
    return ".".join(("kadiz", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")


MODULES = {_module(p): _imports(p) for p in PACKAGE.rglob("*.py")}
# Every module of code the report runs: the package, the Sphinx extensions, the build scripts.
MAX_LINES = 300
CODE = sorted(p for folder in ("kadiz", "_ext", "scripts") for p in (ROOT / folder).rglob("*.py"))


def test_every_module_of_the_report_is_counted():
    assert {p.parent.name for p in CODE} >= {"kadiz", "charts", "_ext", "scripts"}
    assert len(CODE) > len(MODULES)


@pytest.mark.parametrize("path", CODE, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_module_is_over_300_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it by concern"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if not m.startswith("kadiz.charts") and m != "kadiz.book"))
def test_data_and_measures_never_import_charts(module):
    assert not {i for i in MODULES[module] if i.startswith("kadiz.charts")}, f"{module} imports a chart module"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_only_chapters_import_the_preamble(module):
    assert "kadiz.book" not in MODULES[module], f"{module} imports kadiz.book, which sits above everything"


def _cells(path, kind):
    return ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == kind]


def _outputs(path):
    return [o for c in json.loads(path.read_text(encoding="utf-8"))["cells"] for o in c.get("outputs", [])]


PREAMBLE_CHAPTERS = [p for p in CHAPTERS if any("book.start()" in code for code in _cells(p, "code"))]


def test_the_chapters_start_with_the_preamble():
    assert {p.stem for p in PREAMBLE_CHAPTERS} >= {"introduction", "timeline", "march-and-may", "voices"}


@pytest.mark.parametrize("chapter", PREAMBLE_CHAPTERS, ids=lambda p: p.stem)
def test_every_glue_key_of_the_text_is_glued_and_named_by_the_convention(chapter):
    text = "\n".join(_cells(chapter, "markdown"))
    used = set(GLUE_ROLE.findall(text)) | set(GLUE_DIRECTIVE.findall(text))
    glued = {o["metadata"]["scrapbook"]["name"] for o in _outputs(chapter) if "scrapbook" in o.get("metadata", {})}
    assert used <= glued, f"{chapter.name} shows keys its code does not glue: {sorted(used - glued)}"
    kinds = {"tbl-": "table", "fig-": "figure"}
    for key in used:
        prefix = next((p for p in kinds if key.startswith(p)), "")
        book.check_key(key, kinds.get(prefix, "value"))
        # The chapter's own name, not another's: a key says where it is shown.
        assert key.removeprefix(prefix).startswith(f"{chapter.stem}-"), f"{chapter.name}: {key}"


# What a chapter's code may not hold: definitions, conditions, comparisons, arithmetic or comprehensions are logic,
# which belongs in the package where a unit test can check it. Calls, names, lookups and a loop of calls remain.
LOGIC = (ast.FunctionDef, ast.Lambda, ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp, ast.If, ast.IfExp,
         ast.While, ast.BinOp, ast.Compare, ast.BoolOp)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_a_chapter_holds_narration_and_calls_only(chapter):
    logic = [f"line {node.lineno} of «{code.splitlines()[node.lineno - 1].strip()}»"
             for code in _cells(chapter, "code") for node in ast.walk(ast.parse(code)) if isinstance(node, LOGIC)]
    assert not logic, f"{chapter.name} computes in its code cells, not in the package: {logic[:5]}"


def _facts_module(chapter) -> str:
    return f"{chapter.stem.replace('-', '_')}_facts"


FACTS_CHAPTERS = [p for p in CHAPTERS if (PACKAGE / f"{_facts_module(p)}.py").exists()]


def test_the_chapters_with_facts_modules_are_found():
    assert {p.stem for p in FACTS_CHAPTERS} >= {"coincidence", "records", "voices", "after"}


@pytest.mark.parametrize("chapter", FACTS_CHAPTERS, ids=lambda p: p.stem)
def test_a_chapter_with_a_facts_module_glues_its_values_from_it(chapter):
    # A value the prose shows is named, computed and worded in the chapter's facts module, where a hand-worked test
    # checks it: a code cell passes it on, in one call of that module per section, and words nothing itself.
    module = _facts_module(chapter)
    stray = []
    for code in _cells(chapter, "code"):
        for node in ast.walk(ast.parse(code)):
            glues = (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                     and node.func.attr in ("glue_value", "glue_values"))
            value = node.args[-1] if glues and node.args else None
            from_facts = (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)
                          and isinstance(value.func.value, ast.Name) and value.func.value.id == module)
            if glues and not from_facts:
                stray.append(ast.unparse(node)[:80])
    assert not stray, f"{chapter.name} glues values that {module} does not compute: {stray}"


# Every chapter: its glue keys read as words, and it gives the reader a parameter to change.
READER_CHAPTERS = CHAPTERS


@pytest.mark.parametrize("chapter", READER_CHAPTERS, ids=lambda p: p.stem)
def test_glue_keys_read_as_words(chapter):
    text = "\n".join(_cells(chapter, "markdown"))
    keys = set(GLUE_ROLE.findall(text)) | set(GLUE_DIRECTIVE.findall(text))
    counters = sorted(key for key in keys if re.search(r"-n-|-n$", key))
    assert not counters, f"{chapter.name}: keys named as counters, not words: {counters}"


def _shown_cells(chapter):
    """The code cells a reader sees that show their result with book.show."""
    cells = json.loads(chapter.read_text(encoding="utf-8"))["cells"]
    return [c for c in cells if c["cell_type"] == "code" and "book.show(" in "".join(c["source"])
            and not {"remove-cell", "remove-input"} & set(c["metadata"].get("tags", []))]


@pytest.mark.parametrize("chapter", READER_CHAPTERS, ids=lambda p: p.stem)
def test_a_reader_can_change_a_parameter_and_see_numbers_and_a_chart(chapter):
    shown = _shown_cells(chapter)
    assert len(shown) == 1, f"{chapter.name}: one visible cell that shows its result, not {len(shown)}"
    source = "".join(shown[0]["source"])
    lines = source.splitlines()
    # The parameter: a name in capitals set to a constant, with a comment just above it that says what to change.
    parameters = [node for node in ast.parse(source).body if isinstance(node, ast.Assign)
                  and re.fullmatch(r"\(?[A-Z_]+(, [A-Z_]+)*\)?", ast.unparse(node.targets[0]))
                  and all(isinstance(v, ast.Constant) for v in getattr(node.value, "elts", [node.value]))]
    assert parameters, f"{chapter.name}: no parameter to change"
    assert lines[parameters[0].lineno - 2].startswith("#"), f"{chapter.name}: the parameter has no comment"
    # What the reader sees: the finding in words and a chart (with its data), in the cell's own output.
    kinds = {kind for output in shown[0].get("outputs", []) for kind in output.get("data", {})}
    assert {"text/markdown", render.MIME} <= kinds, f"{chapter.name}: the cell shows {sorted(kinds)}"
    # An exercise asks the reader to use it, and its solution's numbers are glued.
    text = "\n".join(_cells(chapter, "markdown"))
    # A fence of three colons or more, as long for the exercise as for its solution.
    exercises = re.findall(r"^(:{3,})\{exercise\}\n:label: (\S+)\n(.*?)^\1\n\n\1\{solution\} \2\n(.*?)^\1$",
                           text, re.S | re.M)
    used = [(label, solution) for _, label, question, solution in exercises if 'the "try it" cell' in question]
    assert used and all("{glue:text}`" in solution for _, solution in used), f"{chapter.name}: no exercise uses it"

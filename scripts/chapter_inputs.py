"""What a chapter runs with, and the one digest that says whether its committed outputs are current.

A chapter's digest covers its code cells, the `kadiz` modules they import (directly or through other modules,
found from the import statements, never by running them), each as its code without docstrings or comments, the
data files the package reads (every file under data/ but its documentation) when any of those modules reaches
data/ through `kadiz.paths`, and requirements.lock. The digests the chapters were last executed with are kept
together in one small committed file, chapters/digests.json, so a re-execution whose outputs do not change
rewrites no notebook, and two branches that touch the package meet in one line of that file, not in every notebook.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))
# Code read as the book's build reads the package it runs: without docstrings, comments or layout.
from incremental_builds import code_without_docs  # noqa: E402
PACKAGE = "kadiz"
# The one module through which the package finds data/ (kadiz.paths.DATA): a chapter reads data only through it.
DATA_MODULE = "kadiz.paths"
# Files under data/ that describe the data and are never read by the package.
DATA_DOCUMENTATION = {".md", ""}  # README.md, PROVENANCE.md, LICENSE
LOCK = "requirements.lock"
DIGESTS = "chapters/digests.json"


def chapters(root: Path = ROOT) -> list[Path]:
    """The executed chapters of the book: the notebooks _toc.yml names (never a stray file beside them)."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    names = [entry["file"] for part in toc.get("parts", []) for entry in part.get("chapters", [])]
    return [root / f"{name}.ipynb" for name in names if (root / f"{name}.ipynb").is_file()]


def code_cells(notebook) -> list[str]:
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def _module_file(name: str, root: Path) -> Path | None:
    """The file of module `name` in this tree (a package's __init__.py), or None if it is not part of kadiz."""
    if name != PACKAGE and not name.startswith(PACKAGE + "."):
        return None
    base = root.joinpath(*name.split("."))
    for file in (base.with_suffix(".py"), base / "__init__.py"):
        if file.is_file():
            return file
    return None


def _parents(name: str) -> list[str]:
    """Importing kadiz.charts.render runs kadiz/__init__.py and kadiz/charts/__init__.py first."""
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def imported_names(tree: ast.AST, module: str = "", is_package: bool = False) -> set[str]:
    """Every module name an import statement anywhere in `tree` may load (`from a import b` may load a.b)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # a relative import, resolved against the importing module
                anchor = module.split(".") if is_package else module.split(".")[:-1]
                anchor = anchor[:len(anchor) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _parse(source: str) -> ast.AST | None:
    try:
        return ast.parse(source)
    except SyntaxError:  # a cell with IPython syntax (a magic) imports nothing the package defines
        return None


def package_modules(sources: list[str], root: Path = ROOT) -> dict[str, Path]:
    """The kadiz modules that code `sources` imports, transitively: module name -> file."""
    found: dict[str, Path] = {}
    todo = [name for source in sources if (tree := _parse(source)) for name in imported_names(tree)]
    while todo:
        name = todo.pop()
        file = _module_file(name, root)
        if file is None or name in found:
            continue
        found[name] = file
        todo += _parents(name) + sorted(_module_imports(file.read_text(encoding="utf-8"), name,
                                                        file.name == "__init__.py"))
    return found


# The seven chapters import mostly the same modules: each module's source is parsed once per build, not per chapter.
@functools.cache
def _module_imports(source: str, module: str, is_package: bool) -> frozenset[str]:
    return frozenset(imported_names(ast.parse(source), module, is_package))



def data_files(root: Path = ROOT) -> list[Path]:
    return sorted(p for p in (root / "data").rglob("*") if p.is_file() and p.suffix not in DATA_DOCUMENTATION)


def inputs(notebook, root: Path = ROOT) -> dict[str, bytes]:
    """What the chapter runs with: a name for each input -> the bytes its digest covers."""
    sources = code_cells(notebook)
    found = {f"cell {i}": source.encode() for i, source in enumerate(sources, start=1)}
    modules = package_modules(sources, root)
    for name, file in sorted(modules.items()):
        found[name] = code_without_docs(file.read_text(encoding="utf-8")).encode()
    if DATA_MODULE in modules:
        found.update((p.relative_to(root).as_posix(), p.read_bytes()) for p in data_files(root))
    found[LOCK] = (root / LOCK).read_bytes()
    return found


def digest(notebook, root: Path = ROOT) -> str:
    h = hashlib.sha256()
    for name, content in sorted(inputs(notebook, root).items()):
        h.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    return h.hexdigest()


def chapter_digest(path: Path, root: Path = ROOT) -> str:
    return digest(nbformat.read(path, as_version=4), root)


def recorded(root: Path = ROOT) -> dict[str, str]:
    file = root / DIGESTS
    return json.loads(file.read_text(encoding="utf-8")) if file.is_file() else {}


def key(path: Path, root: Path = ROOT) -> str:
    return path.resolve().relative_to(root).as_posix()


def is_stale(path: Path, root: Path = ROOT) -> bool:
    return recorded(root).get(key(path, root)) != chapter_digest(path, root)

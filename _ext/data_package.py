"""Offer the report's data package for download: one zip of data/ and each table on its own.

The zip is made at build time from data/ exactly as the report used it, and made the same way every time (files
in sorted order, one fixed date and mode for every entry), so its SHA-256, printed on the Data page, only changes
when the data do. Its folder is named after the report's version.

Left out: the article's own text (the files named in source/article.csv). It belongs to its publisher; the
repository keeps it only to verify the quotes, and the validator asks for it by name and SHA-256, so a reader who
saves the article there can check the package whole. The repository's LICENSE, which says what covers which
part, goes in beside the codebook.

On the site the Data page links the files in ``_static/data/``; in the PDF it names their addresses under the
site's base address (``html.baseurl`` in _config.yml).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import posixpath
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

STATIC_FOLDER = "_static/data"
# Every entry gets this date (the earliest a zip can hold) and mode, so equal files make an equal zip.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
ZIP_MODE = 0o644 << 16


@dataclass(frozen=True)
class DataPackage:
    name: str          # e.g. kadiz-data-1.1.0.zip
    folder: str        # the folder the zip unpacks into, e.g. kadiz-data-1.1.0
    content: bytes
    sha256: str
    files: tuple[tuple[str, Path], ...]   # (name inside the folder, file in the repository)
    tables: tuple[dict, ...]              # datapackage.json resources: name, path, title


def article_texts(data_dir: Path) -> set[str]:
    """The article files named in source/article.csv, relative to data/."""
    with (data_dir / "source" / "article.csv").open(encoding="utf-8", newline="") as f:
        return {posixpath.join("source", row["file"].removeprefix("source/")) for row in csv.DictReader(f)}


def package_files(root: Path, data_dir: Path) -> list[tuple[str, Path]]:
    left_out = article_texts(data_dir)
    files = []
    for path in sorted(data_dir.rglob("*")):
        name = path.relative_to(data_dir).as_posix()
        if not path.is_file() or name in left_out or any(p.startswith(".") or p == "__pycache__"
                                                         for p in path.relative_to(data_dir).parts):
            continue
        files.append((name, path))
    files.append(("LICENSE", root / "LICENSE"))
    return sorted(files)


def zip_bytes(folder: str, files: list[tuple[str, Path]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, path in files:
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=ZIP_DATE)
            info.external_attr = ZIP_MODE
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return buffer.getvalue()


def make_package(root: Path, version: str) -> DataPackage:
    data_dir = root / "data"
    folder = f"kadiz-data-{version}"
    files = package_files(root, data_dir)
    content = zip_bytes(folder, files)
    resources = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    tables = tuple({"name": r["name"], "path": r["path"], "title": r.get("title", r["name"])}
                   for r in resources if str(r.get("path", "")).endswith(".csv"))
    return DataPackage(f"{folder}.zip", folder, content, hashlib.sha256(content).hexdigest(), tuple(files), tables)


def _make(app, config) -> None:
    # config.version comes from CITATION.cff (_ext/citation.py, connected earlier).
    app.kadiz_data_package = make_package(Path(app.confdir), config.version)
    package = app.kadiz_data_package
    config.myst_substitutions = {
        **config.myst_substitutions,
        "data_zip_name": package.name,
        "data_zip_sha256": package.sha256,
        "data_zip_kb": f"{len(package.content) / 1000:.0f}",
    }


def _address(builder, docname: str, target: str) -> str:
    """Where `target` (a path of the site) is, seen from the page `docname`."""
    if builder.format == "html":
        return posixpath.relpath(target, posixpath.dirname(docname) or ".")
    base = builder.config.html_baseurl
    return base.rstrip("/") + "/" + target if base else target


class DataPackageDirective(SphinxDirective):
    """The download list of the Data page: the zip, then each table of datapackage.json."""

    has_content = False

    def _link(self, text: str, target: str) -> nodes.Node:
        uri = _address(self.env.app.builder, self.env.docname, target)
        return nodes.reference("", text, refuri=uri, internal=False)

    def run(self):
        package: DataPackage = self.env.app.kadiz_data_package
        # The page prints the zip's size and SHA-256: an incremental build reads it again when a data file changes.
        for _, path in package.files:
            self.env.note_dependency(str(path))
        zip_item = nodes.paragraph()
        zip_item += nodes.strong("", "Everything, as one zip: ")
        zip_item += self._link(package.name, f"{STATIC_FOLDER}/{package.name}")
        zip_item += nodes.Text(f" ({len(package.content) / 1000:.0f} kB, report version {self.config.version})")
        # On a line of its own: the 64 digits do not fit beside the words in print.
        checksum = [nodes.paragraph("", "Its SHA-256:"), nodes.literal_block(package.sha256, package.sha256, language="text")]
        tables_heading = nodes.paragraph()
        tables_heading += nodes.strong("", "Each table on its own:")
        tables = nodes.bullet_list()
        for table in package.tables:
            item = nodes.paragraph()
            item += self._link(table["path"], f"{STATIC_FOLDER}/{package.folder}/{table['path']}")
            item += nodes.Text(f": {table['title']}")
            tables += nodes.list_item("", item)
        for name, what in (("datapackage.json", "the package's description, sources and licences"),
                           ("README.md", "the codebook")):
            item = nodes.paragraph()
            item += self._link(name, f"{STATIC_FOLDER}/{package.folder}/{name}")
            item += nodes.Text(f": {what}")
            tables += nodes.list_item("", item)
        return [zip_item, *checksum, tables_heading, tables]


def _write_files(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    package: DataPackage = app.kadiz_data_package
    target = Path(app.outdir) / STATIC_FOLDER
    # The folder holds this build's package only, as after a clean build: not the zip and tables of an earlier
    # version, nor a table since removed, that an incremental build would otherwise leave in the site.
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    (target / package.name).write_bytes(package.content)
    for name, path in package.files:
        copy = target / package.folder / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(path.read_bytes())


def setup(app):
    app.connect("config-inited", _make, priority=600)
    app.add_directive("data-package", DataPackageDirective)
    app.connect("build-finished", _write_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

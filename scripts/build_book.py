"""Build the report: validate the data, refresh stale chapters, then the site, the PDF and the student edition.

    python scripts/build_book.py      # what `make book` runs

What is rebuilt is decided by content, never by file times:

1. `python -m kadiz.validate` checks data/; the build stops on any problem.
2. The SHA-256 of every input of the book (chapters, data, package, extensions, settings, bibliography) is
   compared with the one recorded by the last successful build. If they are equal, nothing is done.
3. Otherwise the chapters whose inputs changed are re-executed in place (scripts/execute_chapters.py --stale),
   and the site, the PDF and the student edition are built again from a fresh Sphinx environment into emptied
   folders, so a build after an edit equals a clean build. The book renders the chapters' committed outputs,
   so this takes well under a minute.

The record is written only after every step succeeded and removed before a rebuild starts: a failed build leaves
no success marker, and the next run repeats the same steps and fails in the same place.
"""

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from execute_chapters import files_digest, shared_digest  # this folder is on the path of a script run from it

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BUILD = ROOT / "_build"
STUDENT = BUILD / "student"
PDF_NAME = "kadiz-report.pdf"
MARKER = BUILD / "book.sha256"
# Everything a page or the PDF is made from. The Makefile and scripts/ only drive the build.
BOOK_INPUTS = ["_config.yml", "_toc.yml", "references.bib", "CITATION.cff", "CHANGELOG.md", "LICENSE",
               "requirements.lock", "chapters", "data", "kadiz", "_ext", "_templates", "_static", "_extra"]
# Warnings are errors and every cross-reference must resolve, for the site and the PDF alike.
JB_FLAGS = ["-W", "-n", "--keep-going", "--all"]
OUTPUTS = [BUILD / "html" / "_static" / PDF_NAME, STUDENT / "_build" / "html" / "_static" / PDF_NAME]


def book_digest(root: Path = ROOT) -> str:
    return files_digest(BOOK_INPUTS, root)


def run(*cmd, env=None) -> None:
    """Run a step of the build; a failing step ends the build with its exit status."""
    print("+", " ".join(map(str, cmd)), flush=True)
    completed = subprocess.run(cmd, cwd=ROOT, env={**os.environ, **(env or {})})
    if completed.returncode:
        raise SystemExit(completed.returncode)


def build_edition(output: Path, env: dict) -> None:
    """One edition's site and PDF in `output`/{html,latex}; the site offers the PDF (_ext/report_pdf_link.py)."""
    args = [] if output == BUILD else ["--path-output", str(output.parent)]
    run(BIN / "jupyter-book", "build", ".", *JB_FLAGS, *args, env=env)
    run(BIN / "jupyter-book", "build", ".", "--builder", "pdflatex", *JB_FLAGS, *args, env=env)
    shutil.copyfile(output / "latex" / PDF_NAME, output / "html" / "_static" / PDF_NAME)


def main() -> int:
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    run(BIN / "python", "-m", "kadiz.validate")
    # The digest covers every chapter's inputs, so a tree equal to the last good build has no stale chapter.
    if MARKER.is_file() and MARKER.read_text().strip() == book_digest() and all(p.is_file() for p in OUTPUTS):
        print("book: site, PDF and student edition are up to date")
        return 0
    MARKER.unlink(missing_ok=True)
    shared = shared_digest()  # what the chapters are executed with
    run(BIN / "python", "scripts/execute_chapters.py", "--stale")
    digest = book_digest()
    for folder in (BUILD / "html", BUILD / "latex", BUILD / "jupyter_execute", STUDENT):
        shutil.rmtree(folder, ignore_errors=True)
    # The two editions share nothing but their sources, so they build side by side.
    with ThreadPoolExecutor(max_workers=2) as pool:
        editions = [pool.submit(build_edition, BUILD, {"KADIZ_EDITION": "teacher"}),
                    pool.submit(build_edition, STUDENT / "_build", {"KADIZ_EDITION": "student"})]
    failed = [e for e in editions if e.exception()]
    if failed:
        raise SystemExit(failed[0].exception().code)
    # An input edited while the book was built: the chapters or the pages may hold either version, so the build
    # is not recorded as good and the next one starts over.
    if shared_digest() != shared or book_digest() != digest:
        raise SystemExit("book: an input changed while the book was built; run `make book` again")
    MARKER.write_text(digest + "\n")
    print(f"book: built the site, the PDF and the student edition ({digest[:12]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

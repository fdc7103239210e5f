"""Build the report: validate the data, refresh stale chapters, then the site, the PDF and the student edition.

    python scripts/build_book.py      # what `make book` runs

What is rebuilt is decided by content for the chapters and by Sphinx for the pages:

1. `python -m kadiz.validate` checks data/; the build stops on any problem.
2. The chapters whose digest of what they run with changed are re-executed (scripts/execute_chapters.py says
   what the digest covers); a chapter whose outputs come out the same is not rewritten.
3. Each edition (teacher, student) is built by Sphinx in a working folder of its own, _build/.work/<edition>/,
   kept from one build to the next: Sphinx reads again only the pages whose source changed (or that depend on
   one that did) and writes the pages that changed; the PDF is made again from the whole book. `make clean`
   removes _build/ for a build from nothing. An edition whose build fails loses its working folder, so the next
   build starts it afresh and fails again at the same place rather than skip the page that failed.
4. Only when both editions have their site and PDF, each site and PDF is copied to a fresh folder and the
   published names (_build/html, _build/latex, _build/student/_build/html, .../latex) are switched to it, each by
   one atomic rename of a link: a reader or a test never finds a half-built site or a site without its PDF.

The whole build holds the folder's lock: a second `make book` says a build is running and waits for it. Ctrl-C
or SIGTERM stops every worker, kernel and Sphinx run the build started, and leaves the last published site as it
was (scripts/build_session.py).
"""

import os
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import build_session  # this folder is on the path of a script run from it
import chapter_inputs
import execute_chapters

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BUILD = ROOT / "_build"
WORK = BUILD / ".work"
PUBLISHED = BUILD / ".published"
PDF_NAME = "kadiz-report.pdf"
# Where each edition is published (the folder that holds its html/ and latex/).
EDITIONS = {"teacher": BUILD, "student": BUILD / "student" / "_build"}
# What builds before this one kept in the published folders (a success record, Sphinx's state), which now lives in
# each edition's working folder.
LEGACY = [BUILD / "book.sha256", *(folder / name for folder in (BUILD, BUILD / "student" / "_build")
                                  for name in (".doctrees", "jupyter_execute")),
          *(WORK / edition / "_build" for edition in ("teacher", "student"))]  # one folder for site and PDF


def run(*cmd, env=None, label=None) -> None:
    """Run a step of the build; a failing step ends the build with its exit status. A step that runs beside
    another prints each of its lines after its `label`."""
    build_session.say("+ " + " ".join(map(str, cmd)))
    status = build_session.run(cmd, label=label, cwd=ROOT, env={**os.environ, **(env or {})})
    if status:
        raise SystemExit(status)


def build_edition(edition: str) -> None:
    """One edition's site and PDF, each in a working folder of its own; the site offers the PDF
    (_ext/report_pdf_link.py).

    The site and the PDF keep separate Sphinx states: a page is read for one output (the figures' renderer,
    kadiz.charts.mime, makes a site's page HTML and a PDF's an image), so a shared state would have to be read again
    whole at every switch between them."""
    try:
        run(BIN / "python", ROOT / "scripts" / "build_edition.py", WORK / edition, label=edition,
            env={"KADIZ_EDITION": edition, "PYTHONUNBUFFERED": "1"})  # its lines as they come, not in blocks
    except SystemExit:
        shutil.rmtree(WORK / edition, ignore_errors=True)
        raise
    shutil.copyfile(built(edition, "latex") / PDF_NAME, built(edition, "html") / "_static" / PDF_NAME)


def built(edition: str, kind: str) -> Path:
    """Where the working build of one edition's site ("html") or PDF ("latex") is."""
    return WORK / edition / kind / "_build" / kind


def _switch(link: Path, target: Path) -> None:
    """Point `link` at `target` in one rename (a folder left by an older build is removed first)."""
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    new = link.with_name(f".{link.name}.new")
    new.unlink(missing_ok=True)
    new.symlink_to(os.path.relpath(target, link.parent))
    os.replace(new, link)


def publish() -> None:
    """Copy each edition's site and PDF to a fresh folder and switch the published names to it."""
    stamp = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
    copies = {}
    for edition in EDITIONS:
        fresh = PUBLISHED / f"{edition}-{stamp}"
        for kind in ("html", "latex"):
            shutil.copytree(built(edition, kind), fresh / kind, symlinks=True)
        copies[edition] = fresh
    with build_session.signals_deferred():
        for edition, folder in EDITIONS.items():
            for kind in ("html", "latex"):
                _switch(folder / kind, copies[edition] / kind)
    for old in [*PUBLISHED.iterdir(), *LEGACY]:
        if old.is_dir() and old not in copies.values():
            shutil.rmtree(old, ignore_errors=True)
        elif old.is_file():
            old.unlink()


def main() -> int:
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    build_session.stop_on_signals()
    build_session.check_writable(ROOT / "chapters", BUILD)
    with build_session.exclusive(BUILD / ".lock", "book"):
        # Which chapters are stale is worked out while the data are validated; none is executed before they pass.
        with ThreadPoolExecutor(max_workers=1) as pool:
            validation = pool.submit(run, BIN / "python", "-m", "kadiz.validate")
            stale = [path for path in chapter_inputs.chapters(ROOT) if chapter_inputs.is_stale(path, ROOT)]
            validation.result()
        if execute_chapters.refresh(stale, stale_only=False):
            return 1
        # The two editions share nothing but their sources, so they build side by side.
        with ThreadPoolExecutor(max_workers=2) as pool:
            editions = [pool.submit(build_edition, edition) for edition in EDITIONS]
        failed = [e.exception() for e in editions if e.exception()]
        if failed:
            raise SystemExit(failed[0].code)
        publish()
    print("book: published the site, the PDF and the student edition")
    return 0


if __name__ == "__main__":
    sys.exit(main())

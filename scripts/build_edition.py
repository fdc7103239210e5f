"""One edition's site, then its PDF: two Jupyter Book builds, each with a Sphinx state of its own, in one process.

    KADIZ_EDITION=student python scripts/build_edition.py _build/.work/student

scripts/build_book.py runs it for each edition, the two editions side by side. The PDF build shares the site
build's process so that it starts without importing Jupyter Book, Sphinx and every extension again. Warnings are
errors and every cross-reference must resolve, for the site and the PDF alike; the first build that fails ends the
process with its status, and the PDF is not built.
"""

import atexit
import gc
import os
import sys

from jupyter_book.cli.main import main as jupyter_book

FLAGS = ["-W", "-n", "--keep-going"]
BUILDERS = {"html": [], "latex": ["--builder", "pdflatex"]}  # the working folder of each under the edition's
# Sphinx makes hundreds of thousands of objects (document trees, their nodes linked to their parents) and keeps most
# of them to the end: Python's default collector walks them all again and again, a fifth of a rebuild's time. It
# runs here after 100,000 new objects rather than 700, and the whole heap is walked rarely (a build from nothing
# then peaks at about 470 MB, against 440 MB).
COLLECT_AFTER = (100_000, 50, 1000)


def main(work: str) -> int:
    for kind, builder in BUILDERS.items():
        args = ["build", ".", *builder, *FLAGS, "--path-output", f"{work}/{kind}"]
        print("+ jupyter-book", *args, flush=True)
        jupyter_book.main(args, standalone_mode=False)  # exits with Sphinx's status if the build fails
    return 0


def run_then_exit(work) -> None:
    """Run `work` and end the process with its status, as a process that returns from it would end (its lines
    printed, its exit handlers run, its status, or 1 after an uncaught exception's traceback), but without the
    interpreter's teardown: freeing every module and object one by one takes a second or more after a build."""
    status = [1]

    def end_now():  # registered first, so it runs after every exit handler registered while `work` ran
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status[0])

    atexit.register(end_now)
    try:
        status[0] = work()
    except SystemExit as stop:
        status[0] = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
        raise  # Python prints a message given to sys.exit, then runs the exit handlers


if __name__ == "__main__":
    gc.set_threshold(*COLLECT_AFTER)
    run_then_exit(lambda: main(sys.argv[1]))

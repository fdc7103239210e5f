"""One edition's site, then its PDF: two Jupyter Book builds, each with a Sphinx state of its own, in one process.

    KADIZ_EDITION=student python scripts/build_edition.py _build/.work/student

scripts/build_book.py runs it for each edition, the two editions side by side. The PDF build shares the site
build's process so that it starts without importing Jupyter Book, Sphinx and every extension again. Warnings are
errors and every cross-reference must resolve, for the site and the PDF alike; the first build that fails ends the
process with its status, and the PDF is not built.
"""

import sys

from jupyter_book.cli.main import main as jupyter_book

FLAGS = ["-W", "-n", "--keep-going"]
BUILDERS = {"html": [], "latex": ["--builder", "pdflatex"]}  # the working folder of each under the edition's


def main(work: str) -> int:
    for kind, builder in BUILDERS.items():
        args = ["build", ".", *builder, *FLAGS, "--path-output", f"{work}/{kind}"]
        print("+ jupyter-book", *args, flush=True)
        jupyter_book.main(args, standalone_mode=False)  # exits with Sphinx's status if the build fails
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

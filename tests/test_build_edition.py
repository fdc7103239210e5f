"""An edition's build process ends as soon as its work is done, without the interpreter freeing its objects one by
one, and ends as a process that ran to its end would: with the build's status, every line printed, and every exit
handler run (scripts/build_edition.py)."""

import subprocess
import sys

from kadiz.paths import ROOT


def _run_then_exit(body: str) -> subprocess.CompletedProcess:
    """A process that runs `body` as the function build_edition.run_then_exit runs."""
    program = "\n".join([
        "import atexit, sys",
        f"sys.path.insert(0, {str(ROOT / 'scripts')!r})",
        "import build_edition",
        "def work():",
        *(f"    {line}" for line in body.strip().splitlines()),
        "build_edition.run_then_exit(work)",
    ])
    return subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)


def test_a_build_that_succeeds_ends_with_0_and_what_it_printed_without_a_line_end():
    done = _run_then_exit("print('written', end='')\nsys.stderr.write('a warning')\nreturn 0")
    assert (done.returncode, done.stdout, done.stderr) == (0, "written", "a warning")


def test_a_failed_build_ends_with_sphinx_s_status():
    # jupyter-book ends a failed build with SystemExit and Sphinx's status.
    assert _run_then_exit("print('build failed')\nsys.exit(2)").returncode == 2


def test_an_exception_ends_with_1_after_its_traceback():
    done = _run_then_exit("raise ValueError('chapters/timeline.ipynb: no such figure')")
    assert done.returncode == 1
    assert "ValueError: chapters/timeline.ipynb: no such figure" in done.stderr


def test_exit_handlers_the_build_registered_still_run(tmp_path):
    mark = tmp_path / "handler-ran"
    done = _run_then_exit(f"atexit.register(lambda: open({str(mark)!r}, 'w').write('yes'))\nreturn 0")
    assert done.returncode == 0 and mark.read_text() == "yes"


def test_a_message_given_to_sys_exit_is_printed_and_ends_with_1():
    done = _run_then_exit("sys.exit('no _toc.yml in the book folder')")
    assert done.returncode == 1 and "no _toc.yml in the book folder" in done.stderr

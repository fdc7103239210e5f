"""A build that can be interrupted: run as an editor runs it, on a temporary copy of the repository.

The chapters run here are stand-ins (a notebook that notes when its kernel started, then sleeps), handed to the
real scripts/execute_chapters.py, so that each test takes seconds; every process the build starts inherits a
variable unique to the test, which is how the test finds any that outlive the build.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import nbformat
import pytest

from tests.tree_copy import clean_environment, copy_tree

PYTHON = sys.executable
# Everything here runs in one copy of the repository, on one worker, in order.
pytestmark = pytest.mark.xdist_group(name="module:test_build_interruption")


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return copy_tree(tmp_path_factory.mktemp("tree"))


def _standin(tree: Path, name: str, seconds: float) -> tuple[Path, Path]:
    """A chapter that writes `started` (its kernel's pid) when its kernel runs, then sleeps `seconds`."""
    started = tree / f"{name}.started"
    started.unlink(missing_ok=True)
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(f"import os, pathlib, time\npathlib.Path({str(started)!r}).write_text(str(os.getpid()))"),
        nbformat.v4.new_code_cell(f"time.sleep({seconds})"),
        nbformat.v4.new_code_cell("print('finished')"),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tree / "chapters" / f"{name}.ipynb"
    nbformat.write(notebook, path)
    return path, started


def _start(tree: Path, script: str, *args, marker: str, log: Path) -> subprocess.Popen:
    """Start a build script as a shell would: in a process group of its own (the terminal's foreground group)."""
    with open(log, "w") as out:
        return subprocess.Popen([PYTHON, f"scripts/{script}", *map(str, args)], cwd=tree, stdout=out, stderr=out,
                                env=clean_environment(KADIZ_TEST_RUN=marker), start_new_session=True)


def _wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {seconds} s for {what}")
        time.sleep(0.1)


def _processes_of(marker: str) -> list[str]:
    """Every live process that inherited the test's variable: the build and all it started, kernels included."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if f"KADIZ_TEST_RUN={marker}".encode() in (proc / "environ").read_bytes().split(b"\0"):
                found.append((proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except OSError:
            continue
    return found


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_an_interrupted_run_stops_every_worker_and_kernel_and_writes_nothing(tree, tmp_path, how):
    chapter, started = _standin(tree, f"interrupted-{how}", seconds=20)
    before = chapter.read_bytes()
    marker = uuid.uuid4().hex
    run = _start(tree, "execute_chapters.py", chapter, marker=marker, log=tmp_path / "log")
    _wait_for(started.exists, 60, "the chapter's kernel to start")
    if how == "ctrl-c":  # the terminal sends SIGINT to its whole foreground process group
        os.killpg(run.pid, signal.SIGINT)
    else:  # `kill PID`
        run.send_signal(signal.SIGTERM)
    try:
        status = run.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)
        pytest.fail(f"the run did not stop within 15 s of {how}")
    assert status != 0
    # A kernel notices within a second that its worker has gone; give it two.
    time.sleep(2)
    assert _processes_of(marker) == [], f"still running after {how}"
    assert chapter.read_bytes() == before
    assert not [p.name for p in chapter.parent.iterdir() if p.name.startswith((".", "tmp"))]


def test_stray_temporary_files_of_a_crashed_run_do_not_block_the_next(tree, tmp_path):
    chapters = tree / "chapters"
    # What an interrupted write leaves: half a notebook, under a temporary name.
    for stray in ("tmpa1b2c3d4.ipynb", ".voices.ipynb.0badc0de.part"):
        (chapters / stray).write_text('{"cells": [{"cell_type": "code", "sour', encoding="utf-8")
    try:
        run = subprocess.run([PYTHON, "scripts/execute_chapters.py", "--stale"], cwd=tree, capture_output=True,
                             text=True, env=clean_environment(), timeout=600)
        assert run.returncode == 0, run.stderr
        assert "does not appear to be JSON" not in run.stderr
    finally:
        for stray in chapters.glob("tmp*.ipynb"):
            stray.unlink()


def _read_only(tree: Path, folder: str, *cmd) -> subprocess.CompletedProcess:
    """Run `cmd` in `tree` with `folder` mounted read-only (in a user and mount namespace of its own, so that
    even root cannot write there, as on a read-only checkout)."""
    (tree / folder).mkdir(exist_ok=True)
    script = f'mount --bind -o ro "{folder}" "{folder}" && exec "$@"'
    return subprocess.run(["unshare", "-rm", "sh", "-c", script, "sh", *cmd], cwd=tree, capture_output=True,
                          text=True, env=clean_environment(), timeout=300)


@pytest.mark.parametrize("folder, script", [("chapters", "execute_chapters.py"), ("_build", "build_book.py")])
def test_an_unwritable_folder_is_named_before_any_chapter_runs(tree, folder, script):
    chapter, started = _standin(tree, f"unwritable-{folder.strip('_')}", seconds=0)
    args = [chapter] if script == "execute_chapters.py" else []
    if script == "build_book.py":  # make the stand-in part of the book, so that the build would run it
        toc = (tree / "_toc.yml").read_text(encoding="utf-8")
        (tree / "_toc.yml").write_text(toc.replace("      - file: chapters/after\n",
                                                   f"      - file: chapters/after\n      - file: chapters/{chapter.stem}\n"))
    try:
        run = _read_only(tree, folder, PYTHON, f"scripts/{script}", *map(str, args))
    finally:
        if script == "build_book.py":
            (tree / "_toc.yml").write_text(toc, encoding="utf-8")
    assert run.returncode != 0
    assert f"cannot write in {tree / folder}" in run.stderr
    assert "Traceback" not in run.stderr
    assert not started.exists(), "a chapter ran before the unwritable folder was found"


def test_a_second_build_in_the_folder_waits_for_the_first(tree, tmp_path):
    first_chapter, first_started = _standin(tree, "first-build", seconds=20)
    marker = uuid.uuid4().hex
    first_log = tmp_path / "first.log"
    first = _start(tree, "execute_chapters.py", first_chapter, marker=marker, log=first_log)
    second_log = tmp_path / "second.log"
    try:
        _wait_for(first_started.exists, 60, "the first build's chapter to start")
        second = _start(tree, "build_book.py", marker=marker, log=second_log)
        _wait_for(lambda: "a build is running in this folder" in second_log.read_text(), 20,
                  "the second build to say that one is running")
        # It waits: the data are not even validated until the first build has finished.
        _wait_for(lambda: "kadiz.validate" in second_log.read_text(), 120, "the second build to go on")
        assert "first-build.ipynb: outputs" in first_log.read_text(), "the second went on while the first ran"
        assert first.wait(timeout=60) == 0
    finally:
        for run in (first, locals().get("second")):
            if run and run.poll() is None:
                os.killpg(run.pid, signal.SIGINT)
                run.wait(timeout=30)
        first_chapter.unlink()

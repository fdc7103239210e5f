"""Programs a build runs side by side print whole lines, each after the name of what it builds."""

import sys
from concurrent.futures import ThreadPoolExecutor

from scripts import build_session

# Prints a line in two writes with a pause between them, as Sphinx prints "updating environment: " and then, once
# it has compared the sources, the counts that end the line.
TWO_WRITES = """
import sys, time
for n in range(5):
    sys.stdout.write("updating environment: "); sys.stdout.flush()
    time.sleep(0.02)
    sys.stdout.write(f"{n} changed\\n"); sys.stdout.flush()
sys.stderr.write("WARNING: a warning\\n")
"""


def test_side_by_side_programs_print_whole_lines_after_their_label(capsys):
    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = list(pool.map(lambda label: build_session.run([sys.executable, "-c", TWO_WRITES], label=label),
                                 ["teacher", "student"]))
    out, err = capsys.readouterr()
    assert statuses == [0, 0]
    for label in ("teacher", "student"):
        assert [line for line in out.splitlines() if line.startswith(f"{label}: ")] == \
            [f"{label}: updating environment: {n} changed" for n in range(5)]
        assert f"{label}: WARNING: a warning" in err.splitlines()
    assert len(out.splitlines()) == 10


def test_a_failing_program_s_status_comes_back_through_the_relay():
    assert build_session.run([sys.executable, "-c", "import sys; print('x'); sys.exit(3)"], label="teacher") == 3


def test_a_last_line_without_its_end_and_bytes_of_no_encoding_reach_the_build_whole(capfdbinary):
    program = "import sys; sys.stdout.buffer.write(b'caf\\xe9 ' + b'last line without its end')"
    assert build_session.run([sys.executable, "-c", program], label="student") == 0
    out, _ = capfdbinary.readouterr()
    assert out == b"student: caf\xe9 last line without its end\n"


def test_a_program_whose_output_nobody_reads_still_runs_to_its_end(monkeypatch, tmp_path):
    """With the build's own stdout closed (`make book | head` after head has gone), the relay keeps reading the
    program's output, so the program does not wait for a reader that never comes."""
    closed = open(tmp_path / "out", "w")
    closed.close()
    monkeypatch.setattr(sys, "stdout", closed)
    program = "import sys\nfor n in range(20000): print('x' * 80)"  # 1.6 MB: far more than a pipe holds
    assert build_session.run([sys.executable, "-c", program], label="teacher") == 0

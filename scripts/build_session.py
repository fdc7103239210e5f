"""One build at a time in a folder, and a build that stops whole: its lock, its child processes, its signals.

A build holds an exclusive lock (fcntl.flock) on _build/.lock for as long as it runs; a second build in the same
folder says that one is running and waits for it. Every program the build starts runs in a process group of its
own, so that on Ctrl-C (SIGINT) or SIGTERM the build stops each group (SIGTERM, then SIGKILL after a grace
period) before it exits: no worker or kernel outlives it, and none writes a file after it has gone.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
GRACE = 5  # seconds a stopped program has to clean up (a notebook worker shuts its kernel down) before SIGKILL
_children: set[subprocess.Popen] = set()
_children_lock = threading.Lock()


@contextlib.contextmanager
def exclusive(lock_file: Path, what: str = "build"):
    """Hold the folder's build lock; wait, saying so, while another build holds it."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            print(f"{what}: a build is running in this folder ({holder}); waiting for it to finish",
                  file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        yield


def check_writable(*folders: Path) -> None:
    """End the build, naming the folder, if a file cannot be created in any of `folders` (or, for one that does
    not exist yet, in the nearest folder above it). Tried by writing, since root passes os.access on any mode."""
    for folder in folders:
        existing = next(p for p in (folder, *folder.parents) if p.exists())
        try:
            with tempfile.TemporaryFile(dir=existing):
                pass
        except OSError as err:
            raise SystemExit(f"build: cannot write in {existing} ({err.strerror}); nothing was run") from None


def start(cmd, **kwargs) -> subprocess.Popen:
    """Start `cmd` in a process group of its own, stopped with the build."""
    with _children_lock:
        child = subprocess.Popen(cmd, start_new_session=True, **kwargs)
        _children.add(child)
    return child


def run(cmd, label: str | None = None, **kwargs) -> int:
    """Run `cmd` as `start` does and wait for it; its exit status. With a `label`, each line the program prints
    reaches this build's stdout or stderr whole, after "<label>: ": programs that run side by side then print
    lines of their own, never pieces of one line (Sphinx writes "updating environment: " and the counts that end
    that line in two writes)."""
    if label:
        kwargs |= {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    child = start(cmd, **kwargs)
    relays = [threading.Thread(target=_relay, args=(pipe, out, f"{label}: "))
              for pipe, out in ((child.stdout, sys.stdout), (child.stderr, sys.stderr)) if pipe]
    for relay in relays:
        relay.start()
    try:
        status = child.wait()
        for relay in relays:
            relay.join()
        return status
    finally:
        with _children_lock:
            _children.discard(child)


_print_lock = threading.Lock()


def say(text: str, out=None) -> None:
    """Print one line whole, never mixed with a line a program running beside it prints."""
    _write((out or sys.stdout), text.encode() + b"\n")


def _write(out, data: bytes) -> None:
    with _print_lock:
        out.flush()
        out.buffer.write(data)
        out.buffer.flush()


def _relay(pipe, out, prefix: str) -> None:
    """Pass each line of `pipe` to `out` after `prefix`, as bytes (whatever their encoding). The pipe is read to
    its end even once `out` is closed (`make book | head`): a program whose output is not read would wait for ever."""
    with pipe:
        for line in pipe:
            try:
                _write(out, prefix.encode() + line + (b"" if line.endswith(b"\n") else b"\n"))
            except (OSError, ValueError):  # a closed pipe, or a stream closed in this process
                pass


def stop_children() -> None:
    with _children_lock:
        children = list(_children)
    for child in children:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGTERM)
    for child in children:
        try:
            child.wait(GRACE)
        except subprocess.TimeoutExpired:
            pass
        # Whatever the group still holds (a kernel that ignored SIGTERM, say) goes now.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)


def _on_signal(signum, frame):
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C while stopping must not cut the stopping short
    name = signal.Signals(signum).name
    print(f"build: {name} received; stopping what the build started", file=sys.stderr, flush=True)
    stop_children()
    raise SystemExit(128 + signum)


def stop_on_signals() -> None:
    """On SIGINT or SIGTERM, stop every program the build started, then exit 130 or 143. A build whose `make` is
    killed gets SIGTERM too (Linux's PR_SET_PDEATHSIG), rather than run on unseen."""
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@contextlib.contextmanager
def signals_deferred():
    """Hold SIGINT and SIGTERM back while a few renames publish the build; they act right after."""
    held = {signal.SIGINT, signal.SIGTERM}
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)

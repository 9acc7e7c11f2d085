"""Child processes and temporary folders that never outlive the build that made them.

A cold build forks workers and every build runs Pagefind. When the build is
killed (Ctrl-C, SIGTERM, SIGKILL, a cancelled CI job), no child may go on
running: on Linux each one asks the kernel to kill it when its parent dies
(`prctl(PR_SET_PDEATHSIG)`), which holds even for SIGKILL, which the parent
cannot catch. Workers also ignore Ctrl-C, which the terminal sends to the
whole process group: the parent alone decides, and takes them down with it.
A folder that lasts as long as the process (`process_folder`) carries the
process's id in its name, so that one left by a process that was killed is
removed by the next one to make such a folder.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

_PR_SET_PDEATHSIG = 1

# Run as `python -c`: asks to die with its parent, then becomes the command. Python
# here, not `preexec_fn`, which is unsafe in a process with threads (`mkdocs serve`).
_EXEC = ("import ctypes, os, signal, sys\n"
         "ctypes.CDLL(None).prctl(1, signal.SIGKILL)\n"
         "os.getppid() == int(sys.argv[1]) or os._exit(1)\n"
         "os.execv(sys.argv[2], sys.argv[2:])\n")


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when `parent` (its parent) dies; exit at once if
    it already has. Does nothing where the kernel offers no such thing."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def worker_started(parent: int) -> None:
    """The first thing a forked worker does: leave Ctrl-C to the parent, die with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # see holding_back_ctrl_c
    die_with_parent(parent)


_forking_for: int | None = None
"""This process's id while it forks workers (see `forking_workers`); None otherwise."""


def _after_fork_in_child() -> None:
    global _forking_for
    if _forking_for is not None:
        parent, _forking_for = _forking_for, None
        die_with_parent(parent)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


@contextlib.contextmanager
def forking_workers() -> Iterator[None]:
    """Fork workers in here: Ctrl-C is held back (see `holding_back_ctrl_c`), and each one
    asks the kernel to kill it with this process the moment it is forked, before Python's
    after-fork code and its pool's set-up run: a build killed meanwhile would otherwise
    leave the worker running for as long as those take (`worker_started` asks again)."""
    global _forking_for
    with holding_back_ctrl_c():
        _forking_for = os.getpid()
        try:
            yield
        finally:
            _forking_for = None


@contextlib.contextmanager
def holding_back_ctrl_c() -> Iterator[None]:
    """Hold back Ctrl-C while workers are forked: one arriving between a fork and the
    worker's first line would interrupt Python's own after-fork code in the child and
    print a traceback. A Ctrl-C held back reaches the parent as soon as this ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def ending_at_ctrl_c(clean_up: Callable[[], None]) -> Callable[[], object]:
    """Have Ctrl-C end this process at once, after `clean_up`, with the "Aborted!" that
    click prints and no traceback; returns the function that puts the old handler back.

    Python turns Ctrl-C into a KeyboardInterrupt wherever the program happens to be,
    which may be a finalizer: there Python prints the traceback and carries on. What a
    build leaves is safe at every moment (see `publish.staging`), so ending it here loses
    nothing; the children die with it (see `dying_with_parent`)."""
    def end(number: int, frame: object) -> None:
        with contextlib.suppress(BaseException):
            clean_up()
        with contextlib.suppress(BaseException):
            sys.stderr.write("\nAborted!\n")
            sys.stderr.flush()
        os._exit(128 + number)

    try:
        before = signal.signal(signal.SIGINT, end)
    except ValueError:  # not the main thread: Ctrl-C is not this thread's to handle
        return lambda: None
    return lambda: signal.signal(signal.SIGINT, before)


def stopping_as_at_ctrl_c() -> Callable[[], object]:
    """Have SIGTERM and SIGHUP (a service manager or `kill` stopping this process, its
    terminal closed) stop it as Ctrl-C does, so `mkdocs serve` removes its temporary site
    on the way out instead of leaving it in the temp folder; returns the function that
    puts the old handlers back."""
    def interrupt(number: int, frame: object) -> None:
        raise KeyboardInterrupt

    before = {}
    try:
        for number in (signal.SIGTERM, signal.SIGHUP):
            before[number] = signal.signal(number, interrupt)
    except ValueError:  # not the main thread
        return lambda: None
    return lambda: [signal.signal(number, handler) for number, handler in before.items()]


def dying_with_parent(argv: list[str]) -> list[str]:
    """A command line that runs `argv` (whose first item is an executable's path) as a
    child that the kernel kills when this process dies."""
    if not sys.platform.startswith("linux"):
        return argv
    return [sys.executable, "-c", _EXEC, str(os.getpid()), *argv]


def process_folder(prefix: str) -> Path:
    """A new folder in the system's temporary folder for this process, named
    `<prefix><pid>-...`; the folders of `prefix` whose process has ended are removed first
    (see `remove_abandoned`). The caller removes its own when done."""
    remove_abandoned(prefix)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-"))


def remove_abandoned(prefix: str) -> None:
    """Remove this user's folders `<prefix><pid>-...` in the system's temporary folder whose
    process has ended without removing them (killed, or ended by a signal Python does
    not turn into an exception)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{prefix}*"):
        owner = folder.name.removeprefix(prefix).partition("-")[0]
        try:
            info = folder.lstat()
        except OSError:
            continue
        if not owner.isdigit() or not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            continue
        try:
            os.kill(int(owner), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass  # alive, under another user


def printable_under_any_locale() -> None:
    """Briefings hold text in every script; a terminal or log whose encoding cannot show
    a character (a Latin-1 locale, `PYTHONIOENCODING=ascii`) gets it as an escape such
    as \\u0641, rather than the command dying half way through its report."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and stream.errors == "strict":
            reconfigure(errors="backslashreplace")

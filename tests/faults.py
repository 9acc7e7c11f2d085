"""Tools for the fault-injection tests: real builds started, watched and killed, folders
compared byte for byte, processes found by their group, small file systems mounted.

Nothing here waits a fixed time for something to happen: `wait_until` polls for the
condition and its deadline only turns a hang into a failure.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import Project, _env

DEADLINE = 300
"""Seconds before a wait gives up: far beyond what any build here takes."""


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a hash of its bytes ({} if there is no folder)."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


_UNORDERED = re.compile(r"pagefind/(part-[0-9]+/)?(filter/[^/]+\.pf_filter|"
                        r"pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)")


def site_state(site: Path) -> dict[str, str]:
    """`snapshot` of a built site, fit to compare two builds of the same pages.

    Pagefind writes its filter index in no fixed order, so the filter files, and the
    metadata and entry files that name them by hash, differ from one run to the next.
    They are replaced here by what must hold of them, in each part of the index: the
    entry file names a metadata file that is there, and every one of them decompresses."""
    state = snapshot(site)
    unordered = {name: state.pop(name) for name in list(state) if _UNORDERED.fullmatch(name)}
    for entry_name in sorted(n for n in unordered if n.endswith("pagefind-entry.json")):
        folder = entry_name.removesuffix("pagefind-entry.json")
        entry = json.loads((site / entry_name).read_text())
        found = []
        for code, language in sorted(entry["languages"].items()):
            meta = f"{folder}pagefind.{language['hash']}.pf_meta"
            found.append(f"{code}: {language['page_count']} pages, meta {meta in unordered}")
        filters = sum(name.startswith(f"{folder}filter/") for name in unordered)
        state[f"{folder} (unordered files)"] = f"{'; '.join(found)}; {filters} filter file(s)"
    for name in unordered:
        if name.endswith((".pf_filter", ".pf_meta")):
            gzip.decompress((site / name).read_bytes())
    return state


def wait_until(condition: Callable[[], bool], what: str, timeout: float = DEADLINE) -> None:
    """Poll until `condition` holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


class Running:
    """A `mkdocs` command started in its own process group, and the lines it printed."""

    def __init__(self, project: Project, *args: str, env: dict[str, str] | None = None,
                 memory: int | None = None) -> None:
        environment = _env()
        environment["XDG_CACHE_HOME"] = str(project.root / "xdg-cache")
        environment.update(env or {})
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "mkdocs"), *args], cwd=project.root,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment,
            start_new_session=True, preexec_fn=_limit(memory) if memory else None)
        self.group = self.process.pid
        self.lines: list[str] = []
        assert self.process.stdout is not None
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def printed(self, text: str) -> bool:
        return any(text in line for line in self.lines)

    def children(self) -> list[int]:
        """The live processes of this command's group other than the command itself."""
        return [pid for pid in group_members(self.group) if pid != self.process.pid]

    def signal(self, number: int, *, group: bool = False) -> None:
        """Send `number` to the command (or, as a terminal's Ctrl-C does, to its group)."""
        with contextlib.suppress(ProcessLookupError):
            if group:
                os.killpg(self.group, number)
            else:
                self.process.send_signal(number)

    def finish(self) -> tuple[int, str]:
        """Wait for the command to end: its exit status and everything it printed."""
        status = self.process.wait(timeout=DEADLINE)
        # The output ends when every process holding it has ended; one that outlives the
        # command (an orphaned worker) would keep it open for ever.
        self._reader.join(timeout=60)
        if self._reader.is_alive():
            raise AssertionError("processes the command started outlived it, holding its "
                                 f"output open: {group_members(self.group)}")
        assert self.process.stdout is not None
        self.process.stdout.close()
        return status, "\n".join(self.lines)


def _limit(memory: int) -> Callable[[], None]:
    """Cap a child's address space, so that a build reading without end fails, not the
    machine running the tests."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return limit


def group_members(group: int) -> list[int]:
    """The processes (not zombies) whose process group is `group`."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        state, pgrp = fields[0], int(fields[2])
        if pgrp == group and state not in ("Z", "X"):
            members.append(int(entry.name))
    return members


def assert_no_survivors(group: int) -> None:
    """Check that no process of `group` outlives its leader, which has ended: each one
    must already be gone, or be dying, with a SIGKILL from the kernel pending (what
    `PR_SET_PDEATHSIG` sends as the parent exits, before anyone can see it has). A
    process that merely finishes its work a little later is an orphan all the same."""
    surviving = [pid for pid in group_members(group) if not _dying(pid)]
    assert surviving == [], f"processes outlived the build: {surviving}"
    wait_until(lambda: not group_members(group), f"the processes of group {group} to end",
               timeout=60)


def _dying(pid: int) -> bool:
    """Whether `pid` has a SIGKILL pending (or is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True
    kill = 1 << (signal.SIGKILL - 1)
    return any(int(line.split()[1], 16) & kill for line in status.splitlines()
               if line.startswith(("SigPnd:", "ShdPnd:")))


@contextlib.contextmanager
def tmpfs(path: Path, size: str) -> Iterator[Path]:
    """A fresh tmpfs of `size` (such as "8m") mounted at `path`; skips the test where
    mounting is not allowed (it needs root, or CAP_SYS_ADMIN)."""
    path.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here to fill a disk ({result.stderr.strip()}); "
                    "run as root to test a full disk")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


def fill(filesystem: Path, leave: int) -> None:
    """Take up the free space of the file system at `filesystem` until `leave` bytes
    are free (with one file, `filler`, that `fill` replaces each time)."""
    filler = filesystem / "filler"
    filler.unlink(missing_ok=True)
    info = os.statvfs(filesystem)
    free = info.f_bfree * info.f_frsize
    if free > leave:
        with filler.open("wb") as file:
            file.truncate(0)
            os.posix_fallocate(file.fileno(), 0, free - leave)


def secret_environment() -> dict[str, str]:
    """An environment variable holding a canary secret, as CI holds tokens."""
    return {"BRIEFING_CANARY_TOKEN": CANARY}


CANARY = "canary-" + hashlib.sha256(str(os.getpid()).encode()).hexdigest()[:24]
"""A secret that must appear nowhere in a site or in what a build prints."""

SIGNALS = {"SIGKILL": signal.SIGKILL, "SIGTERM": signal.SIGTERM, "Ctrl-C": signal.SIGINT}

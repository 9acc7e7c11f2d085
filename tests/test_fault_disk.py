"""Faults are errors, not successes: a full disk, a read-only or vanished folder, an
unreadable file each end the build with one line naming the path and the cause, a
non-zero exit, the last good site exactly as it was, and nothing half-written cached.

The full disk is a small tmpfs (mounting one needs root, as CI has; elsewhere these
tests skip and say why), filled to leave less room than a build needs, at many
levels, so that it runs out while MkDocs writes pages and while Pagefind writes the
index (which exits 0 having written empty files).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import Project, _env
from faults import Running, fill, site_state, snapshot, tmpfs, wait_until

pytestmark = pytest.mark.slow

FULL = re.compile(r"^(?:Error: |ERROR   -  )briefing: (?:the search index could not be built: )?"
                  r"(?P<path>/\S*): (?P<cause>.*); nothing was published and the site folder "
                  r"was left as it was$")


def version(project: Project, name: str) -> None:
    timeline = project.content / "riverland/timeline.yml"
    old, new = ("Ceasefire agreed", "Ceasefire signed")[::1 if name == "B" else -1]
    timeline.write_text(timeline.read_text().replace(old, new))


def build(project: Project) -> tuple[int, str]:
    return Running(project, "build", "--strict").finish()


def blocks(folder: Path) -> int:
    """Bytes that the files under `folder` take on disk."""
    return sum(p.lstat().st_blocks * 512 for p in folder.rglob("*"))


def fault_lines(output: str) -> list[str]:
    """The lines of a build's output that report a failure."""
    return [line for line in output.splitlines()
            if line.startswith(("Error", "ERROR")) and "Aborted" not in line]


@pytest.fixture
def disk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with tmpfs(tmp_path_factory.mktemp("disk"), "24m") as mounted:
        yield mounted


def test_a_full_disk_fails_the_build_and_keeps_the_last_good_site(
        project: Project, disk: Path) -> None:
    # No cache, so that every build runs Pagefind (which exits 0 on a full disk).
    project.edit("mkdocs.yml", "      seeds_dir: seeds",
                 f"      seeds_dir: seeds\n      cache: false\nsite_dir: {disk / 'site'}")
    states = {}
    for name in ("B", "A"):
        version(project, name)
        status, output = build(project)
        assert status == 0, output
        states[name] = site_state(disk / "site")
    needed = blocks(disk / "site")
    current, stages = "A", set()
    for share in (0.02, 0.2, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 1.0, 1.5):
        other = "B" if current == "A" else "A"
        version(project, other)
        fill(disk, int(needed * share))
        status, output = build(project)
        assert "Traceback" not in output
        assert [p.name for p in disk.iterdir() if p.name.startswith(".")] == []
        if status == 0:
            assert site_state(disk / "site") == states[other]
            current = other
            continue
        assert status == 1
        [line] = fault_lines(output)
        match = FULL.match(line)
        assert match is not None, line
        assert match["path"].startswith(str(disk / "site")), line
        assert match["cause"].startswith("No space left on device"), line
        stages.add("search" if "search index" in line else "pages")
        assert site_state(disk / "site") == states[current]
    assert stages == {"pages", "search"}, "the disk never ran out in one of the two stages"


def test_an_index_broken_by_a_full_disk_is_never_cached(project: Project, disk: Path) -> None:
    project.edit("mkdocs.yml", "      seeds_dir: seeds",
                 f"      seeds_dir: seeds\nsite_dir: {disk / 'site'}")
    assert build(project)[0] == 0
    index = blocks(disk / "site/pagefind")
    version(project, "B")
    fill(disk, blocks(disk / "site") - index // 2)  # room for the pages, not the index
    status, output = build(project)
    assert status == 1, output
    (disk / "filler").unlink()
    status, output = build(project)  # with room: the index made now, not a broken one
    assert status == 0, output
    built = site_state(disk / "site")
    # The same site without any cache, on the same kind of file system (Pagefind indexes
    # pages in the order the file system lists them).
    project.edit("mkdocs.yml", "      seeds_dir: seeds",
                 "      seeds_dir: seeds\n      cache: false")
    assert Running(project, "build", "--strict", "-d", str(disk / "reference")).finish()[0] == 0
    assert built == site_state(disk / "reference")


def test_a_full_cache_disk_costs_time_only(project: Project, disk: Path) -> None:
    cache = disk / "cache"
    project.edit("mkdocs.yml", "      seeds_dir: seeds",
                 f"      seeds_dir: seeds\n      cache_dir: {cache}")
    assert build(project)[0] == 0
    good = snapshot(project.root / "site")
    whole = sorted(p.relative_to(cache).as_posix() for p in cache.rglob("*"))
    shutil.rmtree(cache)
    for leave in (0, 4096, 65536, 300_000):
        fill(disk, leave)
        status, output = build(project)
        assert status == 0, output
        assert snapshot(project.root / "site") == good
        status, output = Running(project, "build", "--strict", "--dirty").finish()
        assert status == 0, output
        assert snapshot(project.root / "site") == good
    (disk / "filler").unlink()
    assert build(project)[0] == 0
    assert snapshot(project.root / "site") == good
    # Nothing half-written was left behind: the cache holds what one build with room makes.
    assert sorted(p.relative_to(cache).as_posix() for p in cache.rglob("*")) == whole


def test_a_read_only_site_folder_is_one_line_and_no_change(project: Project, disk: Path) -> None:
    project.edit("mkdocs.yml", "      seeds_dir: seeds",
                 f"      seeds_dir: seeds\nsite_dir: {disk / 'site'}")
    assert build(project)[0] == 0
    before = snapshot(disk / "site")
    version(project, "B")
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    try:
        status, output = build(project)
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
    assert status == 1
    assert "Traceback" not in output
    assert fault_lines(output) == [
        f"ERROR   -  briefing: cannot write beside {disk / 'site'}: Read-only file system"]
    assert snapshot(disk / "site") == before


def test_a_build_folder_that_vanishes_mid_build_publishes_nothing(project: Project) -> None:
    assert build(project)[0] == 0
    before = snapshot(project.root / "site")
    version(project, "B")
    run = Running(project, "build", "--strict")
    wait_until(lambda: run.printed("Building documentation to directory"), "MkDocs to start")
    [staging] = [p for p in project.root.iterdir() if p.name.startswith(".site.staging-")]
    staging.rename(project.root / "moved-away")  # a cleanup job, a user: it is gone
    status, output = run.finish()
    assert status == 1
    assert "Traceback" not in output
    assert fault_lines(output) == [
        f"ERROR   -  briefing: the folder the new version was being written in beside "
        f"{project.root / 'site'} vanished meanwhile; {project.root / 'site'} was left as it "
        "was"]
    assert snapshot(project.root / "site") == before


@pytest.mark.parametrize("page", ["content/about.md", "overrides/partials/briefing-header.html"])
def test_an_unreadable_file_is_one_line_and_no_change(project: Project, page: str) -> None:
    project.write("content/about.md", "# About\n\nUs.\n")
    assert build(project)[0] == 0
    before = snapshot(project.root / "site")
    (project.root / page).chmod(0)
    # Root reads any file: drop the capabilities that let it, as an ordinary user has none.
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv (util-linux) is needed to read as an ordinary user would")
    status, output = _as_user(project, setpriv)
    assert status == 1
    assert "Traceback" not in output
    assert fault_lines(output) == [
        f"ERROR   -  {page}:1:1: file cannot be read: Permission denied",
        "ERROR   -  briefing: 1 error(s) in content; nothing was built and the site folder was "
        "left as it was"]
    assert snapshot(project.root / "site") == before


def _as_user(project: Project, setpriv: str) -> tuple[int, str]:
    """`mkdocs build --strict` without root's power to read every file."""
    env = _env()
    env["XDG_CACHE_HOME"] = str(project.root / "xdg-cache")
    result = subprocess.run(
        [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--",
         str(Path(sys.executable).parent / "mkdocs"), "build", "--strict"],
        cwd=project.root, env=env, capture_output=True, text=True, timeout=300, check=False)
    return result.returncode, result.stdout + result.stderr


def test_small_files_are_read_under_an_address_space_limit(tmp_path: Path) -> None:
    """Shared hosts and CI sandboxes set `ulimit -v`: reading a file of a few bytes must not
    reserve the largest size a file may have (Python reserves what it is asked to read)."""
    small = tmp_path / "small.yml"
    small.write_text("title: x\n")
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from generator.base.disk import read_regular\n"
        "used = int(open('/proc/self/statm').read().split()[0]) * resource.getpagesize()\n"
        "room = used + 64 * 1024 * 1024\n"
        "resource.setrlimit(resource.RLIMIT_AS, (room, room))\n"
        "for _ in range(100):\n"
        "    assert read_regular(Path(sys.argv[1]), 256 * 1024 * 1024) == b'title: x\\n'\n"
        "print('read')\n")
    result = subprocess.run([sys.executable, "-c", script, str(small)], capture_output=True,
                            text=True, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (0, "read\n", "")

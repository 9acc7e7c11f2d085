"""The cache is a cache, never an input: whatever is in it, a build gives the site it
gives with no cache at all (or a clean error), serves no cached text that does not
match its seal, and never reads through a link, waits on a pipe or reads without end.

Each kind of damage is done to every file of the cache folder, whatever its layout:
the cached pages of each briefing and the cached search index. The cache folder is
inside the project here (`cache_dir: .cache`), where a pull request could plant files.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Project, error_lines
from faults import CANARY, Running, secret_environment, site_state

pytestmark = pytest.mark.slow

MEMORY = 3 * 1024**3
"""Address space a build may use here: a build that reads a device without end fails
instead of taking the machine's memory."""


def build(project: Project, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """`mkdocs build --strict ARGS` (a `--dirty` build without `--strict`, which MkDocs
    warns about), with the canary in the environment."""
    strict = [] if "--dirty" in args else ["--strict"]
    return Running(project, "build", *strict, *args,
                   env={**secret_environment(), **(env or {})}, memory=MEMORY).finish()


def cache_files(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()]


def cut_short(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def grown(path: Path) -> None:
    path.write_bytes(path.read_bytes() + b"more")


def edited_by_hand(path: Path) -> None:
    """The same number of bytes, different words: every size recorded still adds up."""
    path.write_bytes(path.read_bytes().replace(b"Ceasefire", b"Pwned-xyz"))


def another_version(path: Path) -> None:
    path.write_bytes(re.sub(rb'(briefing-cache |"format":)(\d+)',
                            lambda m: m[1] + str(int(m[2]) + 1).encode(), path.read_bytes(),
                            count=1))


def deeply_nested(path: Path) -> None:
    path.write_bytes(b"[" * 200_000 + b"]" * 200_000 + b"\n")


def huge(path: Path) -> None:
    path.unlink()
    with path.open("wb") as file:
        file.truncate(2 * 1024**3)  # sparse: no disk used, but "2 GiB" to whoever reads it


def a_pipe(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def a_device(path: Path) -> None:
    path.unlink()
    os.mknod(path, 0o644 | stat.S_IFCHR, os.makedev(1, 5))  # what /dev/zero is: endless


def a_link_to_a_device(path: Path) -> None:
    path.unlink()
    path.symlink_to("/dev/zero")


def a_link_out(path: Path) -> None:
    path.unlink()
    path.symlink_to("/proc/self/environ")  # the build's environment holds the canary


KINDS: dict[str, Callable[[Path], None]] = {
    "cut short": cut_short, "grown": grown, "edited by hand": edited_by_hand,
    "written by another version": another_version, "deeply nested": deeply_nested,
    "huge": huge, "a pipe": a_pipe, "a device": a_device,
    "a link to a device": a_link_to_a_device, "a link out of the project": a_link_out,
}


@pytest.fixture
def cached(project: Project) -> tuple[Project, dict[str, str]]:
    """The project with its cache in `.cache/`, the site built without any cache (what
    every build must give), and the cache filled by a build."""
    project.edit("content/riverland/timeline.yml", "Ceasefire agreed", "Ceasefire signed")
    project.edit("mkdocs.yml", "      seeds_dir: seeds",
                 "      seeds_dir: seeds\n      cache_dir: .cache")
    status, output = build(project, "-d", str(project.root / "no-cache-site"))
    assert status == 0, output
    reference = site_state(project.root / "no-cache-site")
    shutil.rmtree(project.root / ".cache")
    status, output = build(project)
    assert status == 0, output
    assert site_state(project.root / "site") == reference
    return project, reference


def test_whatever_damage_the_cache_holds_the_site_is_the_one_without_it(
        cached: tuple[Project, dict[str, str]]) -> None:
    project, reference = cached
    folder = project.root / ".cache"
    pristine = project.root / "pristine-cache"
    shutil.copytree(folder, pristine, symlinks=True)
    for kind, damage in KINDS.items():
        shutil.rmtree(folder)
        shutil.copytree(pristine, folder, symlinks=True)
        files = cache_files(folder)
        assert files, "the build cached nothing"
        for path in files:
            damage(path)
        status, output = build(project)
        assert (status, "Traceback" in output) == (0, False), f"{kind}:\n{output}"
        assert CANARY not in output, kind
        assert site_state(project.root / "site") == reference, kind
        for path in project.root.rglob("*"):
            if path.is_file() and not path.is_symlink() and "pristine" not in path.parts:
                assert CANARY.encode() not in path.read_bytes(), (kind, path)


def test_a_cache_planted_in_the_project_is_not_used(
        cached: tuple[Project, dict[str, str]], tmp_path_factory: pytest.TempPathFactory
        ) -> None:
    """Someone who can write to the project builds it on their own machine (with their own
    cache secret), edits the cached pages and commits the cache: the build ignores it."""
    project, reference = cached
    attacker = tmp_path_factory.mktemp("attacker")
    shutil.rmtree(project.root / ".cache")
    assert build(project, env={"XDG_CACHE_HOME": str(attacker)})[0] == 0
    secret = next(attacker.rglob("secret"), None)
    for path in cache_files(project.root / ".cache"):
        edited_by_hand(path)
        if secret is not None:  # sealed: seal it again, with the attacker's own secret
            magic, seal, signed = path.read_bytes().split(b"\n", 2)
            seal = hmac.new(secret.read_bytes(), signed, hashlib.sha256).hexdigest().encode()
            path.write_bytes(b"\n".join([magic, seal, signed]))
    status, output = build(project)
    assert status == 0, output
    assert site_state(project.root / "site") == reference
    assert "Pwned-xyz" not in (project.root / "site/riverland/timeline/index.html").read_text()


def test_a_dirty_build_never_changes_what_the_cache_holds(
        cached: tuple[Project, dict[str, str]]) -> None:
    """`--dirty` keeps the old site's files and Pagefind rewrites its index in place:
    neither may reach the cached index that later builds reuse."""
    project, reference = cached
    project.edit("content/riverland/timeline.yml", "Ceasefire signed", "Truce signed")
    status, output = build(project, "--dirty")
    assert status == 0, output
    project.edit("content/riverland/timeline.yml", "Truce signed", "Ceasefire signed")
    status, output = build(project)
    assert status == 0, output
    assert site_state(project.root / "site") == reference


@pytest.mark.parametrize("folder", ["content/.cache", "seeds/cache", "site/.cache"])
def test_a_cache_folder_where_the_build_reads_or_publishes_is_refused(
        project: Project, folder: str) -> None:
    project.edit("mkdocs.yml", "      seeds_dir: seeds",
                 f"      seeds_dir: seeds\n      cache_dir: {folder}")
    status, output = build(project)
    assert status == 1
    where = {"content": "docs_dir", "seeds": "seeds_dir", "site": "site_dir"}[folder.split("/")[0]]
    assert error_lines(output) == [
        f"ERROR: {folder}: the cache folder lies inside {where}, where the build reads or "
        "publishes files; set cache_dir to another folder",
        "ERROR: briefing: 1 error(s) in the configuration; nothing was built and the site "
        "folder was left as it was"]
    assert not (project.root / folder).exists()

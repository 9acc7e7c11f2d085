"""A dirty build decides what it reuses by content, never by file dates: whatever the dates
on disk say (`cp -p`, `git checkout`, a clock that stepped back, files from a machine
whose clock ran ahead) and however builds overlap, `mkdocs build --dirty` gives the site
a full build gives, and never writes into the live site before it publishes."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from conftest import Project
from faults import Running, site_state, wait_until

pytestmark = pytest.mark.slow

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
"""Bytes that pass for a picture (the site copies them as they are)."""
LONG_AGO = 978_307_200
"""2001-01-01, as `cp -p` or an unpacked archive leaves a file's date."""


def build(project: Project, *args: str) -> str:
    status, output = Running(project, "build", *args).finish()
    assert status == 0, output
    return output


def full_site(project: Project, tmp_path: Path) -> dict[str, str]:
    """What a full build of the project as it is now gives."""
    build(project, "--strict", "-d", str(tmp_path / "full"))
    return site_state(tmp_path / "full")


def dated(path: Path, seconds: float) -> None:
    os.utime(path, (seconds, seconds))


def staged_dirty_build(project: Project) -> Running:
    """A `build --dirty` started, once it has staged the site (or ended)."""
    dirty = Running(project, "build", "--dirty")
    wait_until(lambda: bool(list(project.root.glob(".site.staging-*/riverland")))
               or dirty.process.poll() is not None, "the dirty build to stage the site")
    return dirty


def test_a_file_replaced_by_an_older_one_is_published(project: Project, tmp_path: Path) -> None:
    picture = project.write("content/riverland/map.png", PNG)
    build(project, "--strict")
    picture.write_bytes(PNG + b"new")
    dated(picture, LONG_AGO)
    timeline = project.root / "content/riverland/timeline.yml"
    project.edit("content/riverland/timeline.yml", "Ceasefire agreed", "Truce agreed")
    dated(timeline, LONG_AGO)
    build(project, "--dirty")
    site = project.root / "site"
    assert (site / "riverland/map.png").read_bytes() == PNG + b"new"
    assert "Truce agreed" in (site / "riverland/timeline/index.html").read_text()
    assert site_state(site) == full_site(project, tmp_path)


def test_a_site_dated_in_the_future_is_brought_up_to_date(project: Project,
                                                           tmp_path: Path) -> None:
    """Files copied from a machine whose clock ran ahead, or a clock that stepped back."""
    picture = project.write("content/riverland/map.png", PNG)
    build(project, "--strict")
    ahead = time.time() + 365 * 24 * 3600
    for path in (project.root / "site").rglob("*"):
        dated(path, ahead)
    picture.write_bytes(PNG + b"new")
    project.edit("content/riverland/timeline.yml", "Ceasefire agreed", "Truce agreed")
    build(project, "--dirty")
    assert site_state(project.root / "site") == full_site(project, tmp_path)


def test_a_build_of_an_older_version_published_last_is_corrected_by_the_next_dirty_build(
        project: Project, tmp_path: Path) -> None:
    """Build Y starts; the editor saves Z and builds it; Y, slower, publishes last. The site
    is then Y's, and the next `--dirty` build must bring it to Z."""
    build(project, "--strict")
    project.edit("content/riverland/timeline.yml", "Ceasefire agreed", "Truce agreed")
    older = Running(project, "build", "--strict")  # Y
    wait_until(lambda: any(project.root.glob(".site.staging-*/riverland/*/index.html"))
               or older.process.poll() is not None, "build Y to write its pages")
    older.signal(signal.SIGSTOP, group=True)
    try:
        project.edit("content/riverland/timeline.yml", "Truce agreed", "Truce signed")
        build(project, "--strict")  # Z publishes first
    finally:
        older.signal(signal.SIGCONT, group=True)
    status, output = older.finish()
    assert status == 0, output
    assert "Truce agreed" in (project.root / "site/riverland/timeline/index.html").read_text()
    build(project, "--dirty")
    assert "Truce signed" in (project.root / "site/riverland/timeline/index.html").read_text()
    assert site_state(project.root / "site") == full_site(project, tmp_path)


WORST_MOMENT = '''"""A test's stand-in for an editor and an operator at a build's worst
moment: loaded by Python at start-up (sitecustomize), it acts just before MkDocs copies
the site's files, after every plugin has had its say."""
import os
import signal
from pathlib import Path

from mkdocs.structure.files import Files

_copy = Files.copy_static_files


def copy_static_files(self, *args, **kwargs):
    saved = os.environ.get("SAVE_MEANWHILE")
    if saved:
        Path(saved).write_bytes(Path(saved).read_bytes() + b" saved meanwhile")
    _copy(self, *args, **kwargs)
    if os.environ.get("KILL_MEANWHILE"):  # files copied, pages not yet written
        os.kill(os.getpid(), signal.SIGKILL)


Files.copy_static_files = copy_static_files
'''


def at_worst_moment(project: Project, **actions: str) -> dict[str, str]:
    """The environment of a command that does `actions` (SAVE_MEANWHILE: a file to save,
    KILL_MEANWHILE: `kill -9` itself) at the worst moment (see WORST_MOMENT). Not a
    MkDocs hook: a hook counts as a plugin, which changes how the build stages."""
    folder = project.root.parent / "worst-moment"
    folder.mkdir(exist_ok=True)
    (folder / "sitecustomize.py").write_text(WORST_MOMENT, encoding="utf-8")
    path = os.pathsep.join(p for p in (str(folder), os.environ.get("PYTHONPATH")) if p)
    return {"PYTHONPATH": path, **actions}


def linked_backup(live: Path, backup: Path) -> None:
    """A copy of the site made of hard links to its files, as `cp -al` or rsync's
    --link-dest make: any write through a link into the live site shows in it."""
    backup.mkdir()
    for path in sorted(live.rglob("*")):
        copy = backup / path.relative_to(live)
        if path.is_dir():
            copy.mkdir(parents=True)
        else:
            os.link(path, copy)


def test_a_dirty_build_never_writes_through_a_link_into_the_live_site(
        project: Project, tmp_path: Path) -> None:
    """The staging folder of a dirty build starts as hard links to the live site's files:
    what it writes (a page that changed, a picture saved while it runs) goes to new
    files, never through a link. A hard-linked backup of the site (`cp -al`, rsync's
    --link-dest) shows any write through one."""
    picture = project.write("content/riverland/map.png", PNG)
    build(project, "--strict")
    live, backup = project.root / "site", tmp_path / "backup"
    linked_backup(live, backup)
    before = site_state(backup)
    project.edit("content/riverland/timeline.yml", "Ceasefire agreed", "Truce agreed")
    dirty = staged_dirty_build(project)
    dirty.signal(signal.SIGSTOP, group=True)
    try:
        picture.write_bytes(PNG + b"saved meanwhile")
    finally:
        dirty.signal(signal.SIGCONT, group=True)
    status, output = dirty.finish()
    assert status == 0, output
    assert site_state(backup) == before
    assert (live / "riverland/map.png").read_bytes() == PNG + b"saved meanwhile"
    assert site_state(live) == full_site(project, tmp_path)


STYLE = "overrides/assets/briefing.css"
"""A file of the theme, which MkDocs copies itself (a briefing's pictures are written by
the plugin)."""


def test_a_file_saved_just_before_mkdocs_copies_it_is_not_written_into_the_live_site(
        project: Project, tmp_path: Path) -> None:
    """Saved after the build decided what to write but before MkDocs copies it: the live
    site (and a hard-linked backup of it) keeps the file as it was; the next build
    publishes it."""
    build(project, "--strict")
    live = project.root / "site"
    published = (live / "assets/briefing.css").read_bytes()
    linked_backup(live, tmp_path / "backup")
    before = site_state(tmp_path / "backup")
    project.edit("content/riverland/timeline.yml", "Ceasefire agreed", "Truce agreed")
    status, output = Running(project, "build", "--dirty", env=at_worst_moment(
        project, SAVE_MEANWHILE=str(project.root / STYLE))).finish()
    assert status == 0, output
    assert site_state(tmp_path / "backup") == before
    assert (live / "assets/briefing.css").read_bytes() == published
    build(project, "--dirty")
    assert (live / "assets/briefing.css").read_bytes().endswith(b" saved meanwhile")
    assert site_state(live) == full_site(project, tmp_path)


def test_a_dirty_build_killed_while_writing_leaves_the_live_site_as_it_was(
        project: Project) -> None:
    build(project, "--strict")
    live = project.root / "site"
    before = site_state(live)
    project.edit("content/riverland/timeline.yml", "Ceasefire agreed", "Truce agreed")
    status, _ = Running(project, "build", "--dirty", env=at_worst_moment(
        project, SAVE_MEANWHILE=str(project.root / STYLE), KILL_MEANWHILE="1")).finish()
    assert status == -signal.SIGKILL
    assert site_state(live) == before


def test_a_dirty_build_killed_half_way_leaves_the_live_site_as_it_was(project: Project) -> None:
    build(project, "--strict")
    live = project.root / "site"
    before = site_state(live)
    project.edit("content/riverland/timeline.yml", "Ceasefire agreed", "Truce agreed")
    dirty = staged_dirty_build(project)
    dirty.signal(signal.SIGKILL, group=True)
    dirty.finish()
    assert site_state(live) == before


@pytest.mark.parametrize("folder", ["content", "content/riverland", "overrides"])
def test_a_file_whose_name_is_not_utf8_is_a_located_error_in_every_build(
        project: Project, folder: str) -> None:
    build(project, "--strict")
    before = site_state(project.root / "site")
    (project.root / folder / os.fsdecode(b"caf\xe9.md")).write_bytes(b"# Cafe\n")
    for args in (["--strict"], ["--dirty"]):
        status, output = Running(project, "build", *args).finish()
        assert status == 1
        assert "Traceback" not in output
        assert output.splitlines()[0].endswith(
            f"{folder}/caf\\udce9.md:1:1: name is not UTF-8, so no web address can hold it; "
            "rename it")
    assert site_state(project.root / "site") == before

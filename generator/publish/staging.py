"""Publish a built site in one step: build it beside the live one, then swap.

MkDocs empties `site/` and writes it again file by file, so a build
interrupted half way (Ctrl-C, `kill -9`, a cancelled CI job, a full disk)
used to leave half a site. Instead the plugin has MkDocs build into a staging
folder beside the site (same parent, same file system) and, once the site and
its search index are complete and checked, swaps the two in one rename
(`base.disk.exchange`): at every moment `site/` is the previous site exactly as it
was, or the whole new one.

A staging folder is locked (`flock`) by the build using it; one left by a
build that died is unlocked, and the next build removes it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

from generator.base.disk import exchange, link_or_copy, staging_folder
from generator.base.problems import BriefingError
from generator.base.processes import holding_back_ctrl_c

_SUPPORT = ("assets", "pagefind", "search")
"""Folders of the site that pages load from rather than pages."""


class Staging:
    """A folder that a site (or `render`'s output) is written in, and then put in the
    place of `target`."""

    def __init__(self, target: Path, folder: Path, lock: int, *, linked: bool = False) -> None:
        self.target = target
        self.folder = folder
        self._lock: int | None = lock
        self.linked = linked
        """Whether the folder's files are hard links to the current site's (see `begin`)."""
        self.in_place = folder.parent == target
        """Whether the target is a mount point, which no rename can replace: the staging
        folder is then inside it, and publishing moves its entries in one by one."""

    @classmethod
    def begin(cls, target: Path, *, keep_current: bool = False, keep_hidden: bool = True,
              linked: bool = False, leave_out: frozenset[str] = frozenset()) -> Staging:
        """A new staging folder beside `target` (whose links are followed: the site is
        published where they lead). It starts with the current site's hidden files,
        which MkDocs never touches (unless not `keep_hidden`); with `keep_current` (a
        `--dirty` build) with the whole current site but the top-level names in
        `leave_out`, times kept, so MkDocs rewrites only what changed. Those files are
        copies or, with `linked`, hard links, which cost next to nothing: the caller
        then removes each file before anything writes it, as a write into a link is a
        write into the live site. Raises `BriefingError` when the folder cannot be made
        or filled."""
        target = Path(os.path.realpath(target))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            recover(target)
            # A mount point (a container's volume) cannot be renamed over: build inside it.
            where = target if target.is_dir() and os.path.ismount(target) else target.parent
            folder = staging_folder(where, _prefix(target, "staging"))
        except OSError as error:
            raise BriefingError(f"cannot write beside {target}: {error.strerror}") from None
        lock = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        fcntl.flock(lock, fcntl.LOCK_EX)
        staging = cls(target, folder, lock, linked=keep_current and linked)
        try:
            if target.is_dir():
                keep_owner_and_mode(folder, target.stat())
                if keep_current or keep_hidden:
                    _fill(folder, target, everything=keep_current, linked=staging.linked,
                          leave_out=leave_out | {folder.name})
            elif target.exists():
                raise BriefingError(f"{target} is a file, not a folder; move it away")
        except OSError as error:
            staging.discard()
            raise BriefingError(f"cannot copy {target} to write beside it: "
                                f"{error.strerror}") from None
        except BriefingError:
            staging.discard()
            raise
        return staging

    def publish(self, before_removing: Callable[[Path], None] | None = None) -> None:
        """Put the staged site in the target's place, in one step where the system allows
        (else in two renames, which `recover` completes after a crash between them);
        `before_removing` gets to see the previous one before it is removed."""
        if not self._intact():
            raise BriefingError(f"the folder the new version was being written in beside "
                                f"{self.target} vanished meanwhile; {self.target} was left as "
                                "it was")
        try:
            with holding_back_ctrl_c():  # a Ctrl-C waits for the renames (see `base.processes`)
                old = self._swap()
        except OSError as error:
            raise BriefingError(f"cannot put the new version in place of {self.target}: "
                                f"{error.strerror}; {self.target} was left as it was") from None
        self._unlock()
        if old is not None:
            if before_removing is not None:
                before_removing(old)
            _remove(old)

    def _swap(self) -> Path | None:
        """Put the staging folder in the target's place; returns where the previous
        site went, if there was one."""
        if self.in_place:
            self._move_in()
            return self.folder  # now holds what the previous site had and the new one not
        if not self.target.exists():
            self.folder.rename(self.target)
            return None
        if exchange(self.folder, self.target):
            return self.folder  # now holds the previous site
        old = self.target.with_name(f"{_prefix(self.target, 'old')}{secrets.token_hex(4)}")
        self.target.rename(old)
        try:
            self.folder.rename(self.target)
        except OSError:
            old.rename(self.target)  # the previous site back where it was
            raise
        return old

    def _move_in(self) -> None:
        """Publish into a target that is a mount point: each top-level entry of the new
        site takes the place of the old one in one step (swapped, or renamed in where
        there was none), then what the old site had and the new one has not is moved
        out. Hidden entries, which the staging folder holds as copies, stay as they are."""
        names = sorted(e.name for e in os.scandir(self.folder) if not e.name.startswith("."))

        def pages_last(name: str) -> int:
            """When a page appears, what it links to (assets, the index) is there already."""
            if name.endswith(".html"):
                return 2
            return 1 if (self.folder / name).is_dir() and name not in _SUPPORT else 0

        for name in sorted(names, key=pages_last):
            new, old = self.folder / name, self.target / name
            if not (old.exists() or old.is_symlink()) or not exchange(new, old):
                if old.exists() or old.is_symlink():
                    _remove(old)
                new.rename(old)
        for entry in os.scandir(self.target):
            if not entry.name.startswith(".") and entry.name not in names:
                Path(entry.path).rename(self.folder / entry.name)

    def _intact(self) -> bool:
        """Whether the staging folder is still the one this build made and locked: one
        removed or moved away during the build, and made again by MkDocs writing a page,
        holds only part of a site."""
        if self._lock is None:
            return False
        try:
            ours, there = os.fstat(self._lock), self.folder.lstat()
        except OSError:
            return False
        return (ours.st_dev, ours.st_ino) == (there.st_dev, there.st_ino)

    def discard(self) -> None:
        """Remove the staging folder and all in it; the live site is untouched."""
        self._unlock()
        _remove(self.folder)

    def _unlock(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def recover(target: Path) -> None:
    """Clean up after builds that died publishing to `target`: remove their staging
    folders (those no live build holds locked), and finish a two-rename swap cut off
    between its renames."""
    try:
        entries = sorted(target.parent.iterdir())
    except OSError:
        return
    if target.is_dir() and os.path.ismount(target):  # staging folders inside a mount point
        with contextlib.suppress(OSError):
            entries += sorted(e for e in target.iterdir()
                              if e.name.startswith(_prefix(target, "staging")))
    olds = []
    for entry in entries:
        if entry.name.startswith(_prefix(target, "staging")) and _unlocked(entry):
            _remove(entry)
        elif entry.name.startswith(_prefix(target, "old")):
            olds.append(entry)
    for old in olds:
        if not target.exists() and old.is_dir() and not old.is_symlink():
            with contextlib.suppress(OSError):
                old.rename(target)
        else:
            _remove(old)


def _prefix(target: Path, kind: str) -> str:
    return f".{target.name}.{kind}-"


def _unlocked(folder: Path) -> bool:
    if folder.is_symlink() or not folder.is_dir():
        return True
    try:
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # a build is using it
    finally:
        os.close(handle)
    return True


def _fill(folder: Path, site: Path, *, everything: bool, linked: bool,
          leave_out: frozenset[str]) -> None:
    """Copy (or with `linked`, link) what the new site must keep of `site` into `folder`."""
    for entry in sorted(site.iterdir()):
        hidden = entry.name.startswith(".")
        if not (everything or hidden) or entry.name in leave_out:
            continue
        copy = link_or_copy if linked else shutil.copy2
        if entry.is_dir() and not entry.is_symlink():
            # Hidden folders (a deploy's `.git`) are linked, not copied: MkDocs never
            # writes into them, and copying one could take as long as the build.
            shutil.copytree(entry, folder / entry.name, symlinks=True,
                            copy_function=link_or_copy if hidden else copy)
        elif entry.is_symlink():
            (folder / entry.name).symlink_to(entry.readlink())
        else:
            copy(str(entry), str(folder / entry.name))


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_symlink() or not path.is_dir():
            path.unlink()
        else:
            shutil.rmtree(path, ignore_errors=True)


def keep_owner_and_mode(folder: Path, was: os.stat_result) -> None:
    """Give `folder` the owner, group and mode (the set-group-id bit included) of the folder
    it will replace, as a web server that reads the site through its group needs. The
    group first: changing it may clear the set-group-id bit. An owner or group this user
    may not give is left as it is."""
    with contextlib.suppress(PermissionError):
        os.chown(folder, -1, was.st_gid)
    with contextlib.suppress(PermissionError):
        os.chown(folder, was.st_uid, -1)
    folder.chmod(stat.S_IMODE(was.st_mode))


def describe_fault(error: OSError, staging: Staging | None, folder: Path | None = None) -> str:
    """An OS error in one line, naming the path as the user knows it (the site, not the
    staging folder it was being built in) and the cause. An error that names no file
    (a write to a file already open) is told of the staging's site, or else of `folder`,
    the folder being written."""
    cause = error.strerror or str(error)
    # A failed copy names its source first and its target second: the target is the news.
    name = error.filename2 or error.filename
    if not name:
        where = staging.target if staging is not None else folder or "the site"
        return f"{where}: {cause}"
    return f"{as_published(os.fsdecode(name), staging)}: {cause}"


def as_published(text: str, staging: Staging | None) -> str:
    """`text` with the staging folder's path written as the site's, which users know."""
    if staging is None:
        return text
    return text.replace(str(staging.folder), str(staging.target))

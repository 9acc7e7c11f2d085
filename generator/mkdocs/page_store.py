"""Generated pages on disk, and what the site last published was made from.

A page made in memory has no source file; MkDocs is given one for each generated
page, under a path that stays the same from build to build and rewritten only
when the page's text changes (MkDocs still takes the text from memory, in the
plugin's `on_page_read_source`: the file's bytes are never published). Which
pages a dirty build renders again is not decided by these files' dates but by
content (see `dirty`).

The store also remembers what the site last published was made from
(`Published`): its shape, on which every page depends besides its own source,
and a hash of each file's source. The record names the very folder that was
published (`folder_identity`, taken before it was put in place), so a site put
there by another build, or by anything else, counts as unknown and the next
dirty build is a full one. The record is a sealed file (see `base.sealed`): one
that this machine's builds did not write counts as none.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.base.disk import write_atomically
from generator.base.paths import safe_relative
from generator.base.processes import process_folder
from generator.base.sealed import Store

_OWN = "briefing-pages-"
"""The name of a store made for one process, without a build cache (see `for_site`)."""
_SHAPE = "shape"
_KEEP = 4
"""Stores kept in a cache folder, one per site folder built: `mkdocs serve` builds
into a new temporary folder each time it starts."""
_NAME = re.compile(r"[0-9a-f]{16}")


class PageStore:
    """The generated pages of one site folder, each in a file rewritten only on change."""

    def __init__(self, folder: Path, *, keep_texts: bool = True) -> None:
        self.folder = folder
        self.keep_texts = keep_texts
        self._known: dict[str, tuple[str, int]] = {}
        """Each page's text as this process last wrote or read it, and its file's inode:
        under serve, the next rebuild need not read the file again. Empty unless
        `keep_texts`: a one-off build writes or reads each page once, and holding every text
        would only raise its peak memory."""

    @classmethod
    def for_site(cls, cache_dir: Path | None, site_dir: Path, *,
                 keep_texts: bool = True) -> PageStore:
        """The store for `site_dir`: in the build cache, or (without one) in a folder of its
        own that lasts as long as this process."""
        name = hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:16]
        if cache_dir is None:
            return cls(process_folder(_OWN), keep_texts=keep_texts)
        _trim(cache_dir / "pages", keep=_KEEP - 1, spare=name)
        return cls(cache_dir / "pages" / name, keep_texts=keep_texts)

    def source(self, path: str, text: str) -> Path:
        """The file that stands for generated page `path`, rewritten if its text changed."""
        target = self._file(path)
        try:
            # lstat first: a link, or a file of another length, is rewritten.
            info = target.lstat()
            inode, size = (info.st_ino, info.st_size) if stat.S_ISREG(info.st_mode) else (-1, -1)
        except OSError:
            inode, size = -1, -1
        if inode != -1 and self._known.get(path) == (text, inode):
            return target
        data = text.encode("utf-8")
        if size == len(data):
            with contextlib.suppress(OSError):
                if target.read_bytes() == data:
                    if self.keep_texts:
                        self._known[path] = (text, inode)
                    return target
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data)
        if self.keep_texts:
            self._known[path] = (text, target.lstat().st_ino)
        return target

    def _file(self, path: str) -> Path:
        if not safe_relative(path):
            raise ValueError(f"not a page's path: {path!r}")
        return self.folder / "pages" / path

    def previous(self, site: Path) -> Published | None:
        """What was recorded of the site last published from this store (see `remember`),
        if this machine's builds recorded it and `site` is still the very folder they
        published (not one published by another build since, nor one put there by
        anything else)."""
        found = Store(self.folder).read(_SHAPE)
        if found is None or found[0].get("site") != folder_identity(site):
            return None
        shape, built = found[0].get("shape"), found[0].get("built")
        if not isinstance(shape, str) or not isinstance(built, dict):
            return None
        return Published(shape, {str(k): str(v) for k, v in built.items()})

    def remember(self, published: Published, identity: list[int] | None) -> None:
        """Record the shape and the files of the site a build has just published, in the
        folder whose `folder_identity` was `identity` when it was put in place (a store
        that cannot be written only costs a full build next time)."""
        if identity is not None:
            Store(self.folder).write(_SHAPE, {"shape": published.shape, "site": identity,
                                              "built": published.built}, b"")

    def remove(self) -> None:
        """Delete the store's folder (for a store made for this process only)."""
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass(frozen=True)
class Published:
    """What a published site was built from."""

    shape: str
    """Everything every page depends on besides its own source (see `signature`)."""
    built: dict[str, str]
    """For each file of the site decided by its content, a hash of what it was made from
    (a page's text, a static file's bytes), by its path in the site."""


def folder_identity(folder: Path) -> list[int] | None:
    """Which folder `folder` is: publishing puts a new one in its place."""
    try:
        info = folder.stat()
    except OSError:
        return None
    return [info.st_dev, info.st_ino]


def signature(parts: list[object]) -> str:
    """A shape: a hash of the JSON of `parts`, everything every page depends on besides its
    own text."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _trim(folder: Path, keep: int, spare: str) -> None:
    """Remove all but the `keep` most recently used stores in `folder`, besides `spare`."""
    try:
        entries = [e for e in os.scandir(folder) if _NAME.fullmatch(e.name) and
                   e.name != spare and e.is_dir(follow_symlinks=False)]
        used = sorted(((e.stat(follow_symlinks=False).st_mtime, e.path) for e in entries),
                      reverse=True)
    except OSError:
        return
    for _, path in used[keep:]:
        with contextlib.suppress(OSError):
            shutil.rmtree(path)

"""Generated pages on disk, so that MkDocs' own dirty builds know which ones changed.

In a dirty build (`mkdocs build --dirty`, and every rebuild under `mkdocs serve`)
MkDocs renders a page again only when its source file is newer than the page
it wrote last time. A page made in memory has no source file, so MkDocs would
render every generated page every time: 3,500 pages at 100 briefings. Here each
generated page has a file of its own, under a path that stays the same from build
to build and is rewritten only when the page's text changes, so its modification
time says when the page last changed. MkDocs still takes the text from memory
(the plugin's `on_page_read_source`): the file's bytes are never published, only
its date is read.

The store also remembers the shape of the site it was last published with: its
files, nav, configuration, theme and the code that built it, on which every page
depends besides its own text. When the shape changes, the plugin turns the dirty
build into a full one, so a dirty build always gives a full build's site. The
shape is a sealed file (see `base.sealed`): one that this
machine's builds did not write counts as none, and the next build is a full one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import stat
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

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.changed: set[str] = set()
        """The pages whose text changed in this build."""
        self._known: dict[str, tuple[str, int]] = {}
        """Each page's text as this process last wrote or read it, and its file's inode:
        under serve, the next rebuild need not read the file again."""

    @classmethod
    def for_site(cls, cache_dir: Path | None, site_dir: Path) -> PageStore:
        """The store for `site_dir`: in the build cache, or (without one) in a folder of its
        own that lasts as long as this process."""
        name = hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:16]
        if cache_dir is None:
            return cls(process_folder(_OWN))
        _trim(cache_dir / "pages", keep=_KEEP - 1, spare=name)
        return cls(cache_dir / "pages" / name)

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
                    self._known[path] = (text, inode)
                    return target
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data)
        self._known[path] = (text, target.lstat().st_ino)
        self.changed.add(path)
        return target

    def _file(self, path: str) -> Path:
        if not safe_relative(path):
            raise ValueError(f"not a page's path: {path!r}")
        return self.folder / "pages" / path

    def previous(self, site: Path) -> str | None:
        """The shape (see `signature`) of the site last published from this store, if
        this machine's builds recorded it and `site` is still the very folder they
        published (not one published by a build that died before recording its shape,
        nor one put there by anything else)."""
        found = Store(self.folder).read(_SHAPE)
        if found is None or found[0].get("site") != _identity(site):
            return None
        shape = found[0].get("shape")
        return shape if isinstance(shape, str) else None

    def remember(self, shape: str, site: Path) -> None:
        """Record the shape of the site a build has just published in folder `site` (a
        store that cannot be written only costs a full build next time)."""
        identity = _identity(site)
        if identity is not None:
            Store(self.folder).write(_SHAPE, {"shape": shape, "site": identity}, b"")

    def remove(self) -> None:
        """Delete the store's folder (for a store made for this process only)."""
        shutil.rmtree(self.folder, ignore_errors=True)


def _identity(folder: Path) -> list[int] | None:
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

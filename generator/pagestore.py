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

The store also remembers the shape of the site it was last built for: its files,
nav, configuration and theme, on which every page depends besides its own text.
When the shape changes, the plugin turns the dirty build into a full one, so a
dirty build always gives a full build's site.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from .paths import safe_relative

_SHAPE = "shape"
_SHAPE_BYTES = 64
"""A shape is a SHA-256 in hex; anything else in its file is taken as no shape."""


class PageStore:
    """The generated pages of one site folder, each in a file rewritten only on change."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.changed: set[str] = set()
        """The pages whose text changed in this build."""

    @classmethod
    def for_site(cls, cache_dir: Path | None, site_dir: Path) -> PageStore:
        """The store for `site_dir`: in the build cache, or (without one) in a folder of its
        own that lasts as long as this process."""
        name = hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:16]
        if cache_dir is not None:
            return cls(cache_dir / "pages" / name)
        return cls(Path(tempfile.mkdtemp(prefix="briefing-pages-")))

    def source(self, path: str, text: str) -> Path:
        """The file that stands for generated page `path`, rewritten if its text changed."""
        target = self._file(path)
        data = text.encode("utf-8")
        try:
            # lstat and exact size first: a link or a file of another length is rewritten.
            info = target.lstat()
            if info.st_size == len(data) and target.is_file() and not target.is_symlink() \
                    and target.read_bytes() == data:
                return target
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        Path(temporary).replace(target)
        self.changed.add(path)
        return target

    def _file(self, path: str) -> Path:
        if not safe_relative(path):
            raise ValueError(f"not a page's path: {path!r}")
        return self.folder / "pages" / path

    def previous(self) -> str | None:
        """The shape (see `signature`) of the site the last build wrote, if known."""
        try:
            with (self.folder / _SHAPE).open("rb") as file:
                raw = file.read(_SHAPE_BYTES + 1)
            text = raw.decode("ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return text if len(raw) <= _SHAPE_BYTES and text else None

    def remember(self, shape: str) -> None:
        """Record the shape of the site a build has just written."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            with os.fdopen(handle, "w", encoding="ascii") as file:
                file.write(shape)
            Path(temporary).replace(self.folder / _SHAPE)
        except OSError:
            pass  # a store that cannot be written only costs a full build next time

    def remove(self) -> None:
        """Delete the store's folder (for a store made for this process only)."""
        shutil.rmtree(self.folder, ignore_errors=True)


def signature(parts: list[object]) -> str:
    """A shape: a hash of the JSON of `parts`, everything every page depends on besides its
    own text."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()

"""What the site last published from a site folder was made from, for dirty builds.

The record (`Published`) holds the site's shape, on which every page depends
besides its own source, and a hash of each file's source (see `dirty`). It names
the very folder that was published (`folder_identity`, taken before it was put in
place), so a site put there by another build, or by anything else, counts as
unknown and the next dirty build is a full one. The record is a sealed file (see
`base.sealed`): one that this machine's builds did not write counts as none.

Generated pages have no file on disk: MkDocs gets each text from memory, in the
plugin's `on_page_read_source`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.base.processes import process_folder
from generator.base.sealed import Store

_OWN = "briefing-pages-"
"""The name of a record's folder made for one process, without a build cache (see
`for_site`)."""
_SHAPE = "shape"
_KEEP = 4
"""Records kept in a cache folder, one per site folder built: `mkdocs serve` builds
into a new temporary folder each time it starts."""
_NAME = re.compile(r"[0-9a-f]{16}")
_PAGE_FILES = "pages"
"""Where earlier versions kept a copy of every generated page: removed when found."""


class SiteRecord:
    """The record of what the site last published from one site folder was made from."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def for_site(cls, cache_dir: Path | None, site_dir: Path) -> SiteRecord:
        """The record for `site_dir`: in the build cache, or (without one) in a folder of its
        own that lasts as long as this process."""
        name = hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:16]
        if cache_dir is None:
            return cls(process_folder(_OWN))
        _trim(cache_dir / "pages", keep=_KEEP - 1, spare=name)
        # A copy of every page (hundreds of megabytes on a large desk), of no use now.
        shutil.rmtree(cache_dir / "pages" / name / _PAGE_FILES, ignore_errors=True)
        return cls(cache_dir / "pages" / name)

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
        """Delete the record's folder (for one made for this process only)."""
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

"""Files sealed with a keyed checksum: what this machine's builds wrote, and nothing else.

The build cache, the cached search index and the record of a published site's
shape are all kept as sealed files in the user's cache folder. Each is a JSON
header and a body of bytes, sealed with HMAC-SHA256 under a secret made on first
use and kept in the user's cache folder, outside any project. A file without a
valid seal (cut short, edited by hand, planted by someone who can write to the
folder, written by another version) reads as missing, so whatever a cache folder
holds, a build makes the site it would make without it. Before anything is read,
a file must be a regular file (not a link, a pipe or a device) no larger than
`MAX_CACHE_BYTES`. On disk it is plain text, never pickle.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import stat
import time
from pathlib import Path
from typing import Any

from generator.base.disk import read_regular, write_atomically
from generator.base.limits import MAX_CACHE_BYTES
from generator.base.paths import safe_relative

_FORMAT = 5
_MAGIC = f"briefing-cache {_FORMAT}\n".encode()
_SECRET_BYTES = 32
_TEMPORARY = ".tmp-"
_ABANDONED = 3600
"""Seconds after which a temporary file is taken to be left by a writer that died."""


def user_cache_base() -> Path | None:
    """The user's cache folder for this tool (under XDG_CACHE_HOME, or ~/.cache); None
    where the user has no home to find one in (a bare CI container)."""
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except (RuntimeError, KeyError):
        return None
    return base / "briefing-generator"


def _secret() -> bytes | None:
    """The key that seals files, made on first use; None if it can be neither read nor
    made (then nothing is sealed, and nothing is cached on disk)."""
    base = user_cache_base()
    if base is None:
        return None
    path = base / "secret"
    for _ in range(2):
        try:
            data = read_regular(path, _SECRET_BYTES + 1, follow=False)
            if len(data) == _SECRET_BYTES:
                return data
        except OSError:
            pass  # missing, or not a regular file: made afresh below
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Replaced whole; if two builds race here, each reads back the one that won,
            # and the only cost is a cache miss.
            write_atomically(path, os.urandom(_SECRET_BYTES), prefix=_TEMPORARY)
        except OSError:
            return None
    return None


class Store:
    """Sealed files in one folder: each a JSON header and a body of bytes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._key: bytes | bool | None = False

    def _secret(self) -> bytes | None:
        if self._key is False:
            self._key = _secret()
        return self._key if isinstance(self._key, bytes) else None

    def _seal(self, key: bytes, signed: bytes | memoryview) -> bytes:
        return hmac.new(key, signed, hashlib.sha256).hexdigest().encode()

    def read(self, name: str) -> tuple[dict[str, Any], memoryview] | None:
        """The header and body of the file `name`, if this machine sealed it (its seal is
        valid); None for anything else, without blocking on it. The body is a view of the
        file's bytes, not a copy: a cached briefing is megabytes."""
        key = self._secret()
        if key is None or not safe_relative(name) or "/" in name:
            return None
        try:
            data = read_regular(self.folder / name, MAX_CACHE_BYTES, follow=False)
        except OSError:
            return None
        if not data.startswith(_MAGIC):
            return None
        # Positions rather than partitions: a cached briefing is megabytes, and each
        # partition would copy it.
        signed = data.find(b"\n", len(_MAGIC)) + 1
        if signed == 0 or not hmac.compare_digest(data[len(_MAGIC):signed - 1],
                                                  self._seal(key, memoryview(data)[signed:])):
            return None
        body = data.find(b"\n", signed) + 1 or len(data)
        try:
            found = json.loads(data[signed:body])
        except ValueError:
            return None
        return (found, memoryview(data)[body:]) if isinstance(found, dict) else None

    def write(self, name: str, header: dict[str, Any], body: bytes) -> None:
        """Write the file `name` whole or not at all (a store that cannot be written only
        costs time); never through a link, never larger than a read would accept."""
        key = self._secret()
        signed = json.dumps(header, separators=(",", ":")).encode() + b"\n" + body
        if key is None or len(signed) + 200 > MAX_CACHE_BYTES:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not stat.S_ISDIR(self.folder.lstat().st_mode):
                return  # a link where the folder belongs: write nothing through it
            write_atomically(self.folder / name,
                             _MAGIC + self._seal(key, signed) + b"\n" + signed,
                             prefix=_TEMPORARY)
        except OSError:
            pass

    def touch(self, name: str) -> None:
        """Mark the file `name` as just used, so that `trim` keeps it longest."""
        if safe_relative(name) and "/" not in name:
            with contextlib.suppress(OSError):
                os.utime(self.folder / name, follow_symlinks=False)

    def trim(self, pattern: re.Pattern[str], keep: int) -> None:
        """Remove all but the `keep` newest files whose names match `pattern`, and
        temporary files that a writer which died left behind."""
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return
        now = time.time()
        ours = []
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if pattern.fullmatch(entry.name):
                ours.append((info.st_mtime, entry.name))
            elif entry.name.startswith(_TEMPORARY) and now - info.st_mtime > _ABANDONED:
                ours.append((0.0, entry.name))
        ours.sort(reverse=True)
        for _, name in ours[keep:]:
            with contextlib.suppress(OSError):  # a folder, say: not ours to remove
                (self.folder / name).unlink()

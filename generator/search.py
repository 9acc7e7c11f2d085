"""Site search by Pagefind: index the built pages, or reuse the index of identical pages.

Pagefind reads the built HTML and writes `site/pagefind/`: an index split
into small pieces that a reader's browser fetches as needed. Indexing a large
site takes seconds, so the index is kept in the build cache under a hash of
every page it was made from, and a build whose pages are byte-for-byte those
of an earlier build copies that index instead of making it again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

# Permalink marks (¶) are not words: leave them out of titles and excerpts.
_COMMAND = ["-m", "pagefind", "--exclude-selectors", ".headerlink"]
_KEEP = 2
"""How many indexes to keep in the cache (the current one and the one before)."""


class SearchIndexError(Exception):
    """Pagefind failed; the message holds what it printed."""


class SearchIndexer:
    """Collects the pages of one build, then indexes them (or reuses an index)."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.cache_dir = cache_dir / "pagefind" if cache_dir else None
        self._pages: dict[str, str] = {}
        self._lock = threading.Lock()
        self._queued: tuple[Path, str] | None = None
        self._worker: threading.Thread | None = None

    def record(self, name: str, html: str) -> None:
        """Note a page written by the build, by its output path."""
        self._pages[name] = hashlib.sha256(html.encode("utf-8")).hexdigest()

    def build(self, site_dir: Path) -> None:
        """Write `site_dir/pagefind/` for the pages recorded since the last build."""
        self._index(site_dir, self._key(site_dir))

    def build_in_background(self, site_dir: Path) -> None:
        """Like `build`, without making the caller wait (for previews: the page reloads
        at once and search catches up a moment later). Runs one at a time."""
        key = self._key(site_dir)
        with self._lock:
            self._queued = (site_dir, key)
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._drain, daemon=True)
                self._worker.start()

    def wait(self) -> None:
        """Wait for a background indexing run to finish."""
        worker = self._worker
        if worker is not None:
            worker.join()

    def _drain(self) -> None:
        while True:
            with self._lock:
                job, self._queued = self._queued, None
            if job is None:
                return
            # On failure a later save indexes again; the preview keeps working meanwhile.
            with contextlib.suppress(SearchIndexError, OSError):
                self._index(*job)

    def _key(self, site_dir: Path) -> str:
        """A hash of every page Pagefind will read, and of Pagefind's own version."""
        pages, self._pages = self._pages, {}
        for folder, dirs, names in os.walk(site_dir):
            dirs[:] = [d for d in dirs if d != "pagefind"]
            for name in names:
                relative = Path(folder, name).relative_to(site_dir).as_posix()
                if name.endswith(".html") and relative not in pages:
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

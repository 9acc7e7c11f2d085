"""Site search by Pagefind: index the built pages, or reuse the index of identical pages.

Pagefind reads the built HTML and writes `site/pagefind/`: an index split
into small pieces that a reader's browser fetches as needed. Indexing a large
site takes seconds, so the index is kept in the build cache under a hash of
every page it was made from, and a build whose pages are byte-for-byte those
of an earlier build writes that index out again instead of making it anew.

Pagefind's exit status is not trusted: on a full disk it exits 0 having
written empty or truncated files. So what it wrote is read back and checked
(`check_index`) before the build publishes or caches it, and so is an index
taken from the cache, which holds copies, never links into a site: a later
build (or Pagefind rewriting files in place) cannot change what it holds.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import threading
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .cache import Store
from .files import exchange, read_regular
from .limits import MAX_CACHE_BYTES, PAGEFIND_TIMEOUT
from .paths import safe_relative
from .procs import dying_with_parent

# Permalink marks (¶) are not words: leave them out of titles and excerpts.
_OPTIONS = ["--exclude-selectors", ".headerlink"]
_KEEP = 2
"""How many indexes to keep in the cache (the current one and the one before)."""
_BATCH = 64
"""Pages hashed per background job: enough to make a job's overhead negligible."""
_CACHED = re.compile(r"[0-9a-f]{64}\.index")
_NEEDED = ("pagefind.js", "pagefind-worker.js", "pagefind-ui.js", "pagefind-ui.css")
"""Files of Pagefind's that the theme loads (see overrides/assets/briefing.js)."""
_SLACK = 1024 * 1024
"""Free space a file system must still have after indexing, besides twice the largest
file written, for the build to believe that no write failed for want of space."""


class SearchIndexError(Exception):
    """Pagefind failed, or what it wrote is not a whole index; the message says which."""


class SearchIndexer:
    """Collects the pages of one build, then indexes them (or reuses an index)."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.store = Store(cache_dir / "pagefind") if cache_dir else None
        self._pages: dict[str, str] = {}
        self._unhashed: list[tuple[str, bytes]] = []
        self._hasher: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._queued: tuple[Path, str] | None = None
        self._worker: threading.Thread | None = None
        self._indexing: subprocess.Popen[str] | None = None
        """The Pagefind of the background job under way, if any."""
        self._stopping = False

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
        """Write `site_dir/pagefind/` for the pages recorded since the last build; raises
        `SearchIndexError` unless a whole index was written."""
        self._index(site_dir, self._key(site_dir))

    def build_in_background(self, site_dir: Path,
                            report: Callable[[Exception], None]) -> None:
        """Like `build`, without making the caller wait (for previews: the page reloads
        at once and search catches up a moment later). Runs one at a time; a failure is
        handed to `report`, and the next build tries again. The index is made beside
        the one in use and then put in its place, so search works meanwhile and a run
        stopped half way (see `stop_background`) leaves the previous index. What it
        makes is not cached: it may have read pages of two builds."""
        key = self._key(site_dir)
        with self._lock:
            self._queued = (site_dir, key)
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._drain, args=(report,),
                                                daemon=True)
                self._worker.start()

    def stop_background(self) -> None:
        """Stop the background job, and drop the one queued: the site is about to be
        rewritten (or removed), and the next build queues a job of its own. Returns once
        Pagefind has ended, so that it writes nothing into the site from then on."""
        with self._lock:
            self._queued = None
            self._stopping = True
            if self._indexing is not None:
                self._indexing.kill()
            worker = self._worker
        try:
            if worker is not None:
                worker.join(timeout=PAGEFIND_TIMEOUT)
        finally:
            with self._lock:
                self._stopping = False

    def _drain(self, report: Callable[[Exception], None]) -> None:
        while True:
            with self._lock:
                job, self._queued = self._queued, None
            if job is None:
                return
            site_dir, key = job
            try:
                self._index_beside(site_dir, key)
            except (SearchIndexError, OSError) as error:
                if not self._stopping:
                    report(error)

    def _index_beside(self, site_dir: Path, key: str) -> None:
        """Index `site_dir` into a folder beside its index, then swap the two."""
        target, fresh = site_dir / "pagefind", site_dir / ".pagefind-next"
        _remove(fresh)
        try:
            self._make(site_dir, fresh, key, started=self._started)
            if not (target.exists() and exchange(fresh, target)):
                _remove(target)
                fresh.rename(target)
        finally:
            with self._lock:
                self._indexing = None
            _remove(fresh)  # what was made in vain, or the previous index

    def _started(self, process: subprocess.Popen[str]) -> None:
        """Note a background Pagefind, so that `stop_background` can end it."""
        with self._lock:
            self._indexing = process
            if self._stopping:
                process.kill()

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
        _remove(target)
        files, made = self._make(site_dir, target, key)
        if made and self.store is not None:
            names = sorted(files)
            header = {"key": key, "files": [[name, len(files[name])] for name in names]}
            self.store.write(f"{key}.index", header, b"".join(files[n] for n in names))
            self.store.trim(_CACHED, _KEEP)

    def _make(self, site_dir: Path, folder: Path, key: str, *,
              started: Callable[[subprocess.Popen[str]], None] | None = None,
              ) -> tuple[dict[str, bytes], bool]:
        """Write the index of `site_dir` into `folder`, from the cache or by Pagefind, and
        check it: its files, and whether Pagefind made them (rather than the cache)."""
        cached = self._cached(key)
        if cached is not None:
            _write_tree(folder, cached)
        else:
            _run_pagefind(site_dir, folder, started=started)
        return check_index(folder), cached is None

    def _cached(self, key: str) -> dict[str, bytes] | None:
        """The files of the index cached for `key`, if there is a sound one."""
        found = self.store.read(f"{key}.index") if self.store is not None else None
        if found is None:
            return None
        header, body = found
        files, start = {}, 0
        try:
            if header["key"] != key:
                return None
            for name, size in header["files"]:
                if not isinstance(name, str) or not safe_relative(name):
                    return None
                files[name] = body[start:start + size]
                start += size
        except (KeyError, TypeError, ValueError):
            return None
        return files if start == len(body) else None


def _run_pagefind(site_dir: Path, output: Path | None = None, *,
                  started: Callable[[subprocess.Popen[str]], None] | None = None) -> None:
    """Index `site_dir` into its `pagefind/` folder (or into `output`); `started` is
    handed the running process."""
    try:
        from pagefind_bin import get_executable  # the binary pagefind[bin] installs

        executable = get_executable()
    except (ImportError, OSError):
        raise SearchIndexError("Pagefind is not installed; reinstall the project "
                               "(.venv/bin/pip install -e .)") from None
    # The binary itself, not `python -m pagefind`, so a timeout stops the indexer.
    where = ["--output-path", str(output)] if output is not None else []
    command = dying_with_parent([str(executable), "--site", str(site_dir), *_OPTIONS, *where])
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, errors="replace") as process:
        if started is not None:
            started(process)
        try:
            printed, _ = process.communicate(timeout=PAGEFIND_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise SearchIndexError(f"Pagefind did not finish indexing {site_dir} within "
                                   f"{PAGEFIND_TIMEOUT // 60} minutes and was stopped") from None
    if process.returncode != 0:
        raise SearchIndexError(printed)


def _write_tree(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def check_index(folder: Path) -> dict[str, bytes]:
    """The files of the Pagefind index in `folder`, by relative path, once they are known
    to be whole: the entry file lists the languages, each language's metadata, word
    index, WebAssembly and a fragment for each page is there, every compressed file
    decompresses, nothing is empty, and the file system still had room when Pagefind
    finished (so no write can have failed for want of it). Raises `SearchIndexError`
    saying what is wrong."""
    files = _read_tree(folder)
    # First, as a full disk is what most often leaves an index damaged.
    _check_room(folder, max((len(data) for data in files.values()), default=0))
    missing = [name for name in ("pagefind-entry.json", *_NEEDED) if not files.get(name)]
    try:
        entry = json.loads(files.get("pagefind-entry.json", b"{}"))
        languages = entry["languages"] if entry else {}
        for code, language in languages.items():
            hashed, wasm, count = language["hash"], language["wasm"], language["page_count"]
            missing += [name for name in (f"pagefind.{hashed}.pf_meta", f"wasm.{wasm}.pagefind")
                        if not files.get(name)]
            fragments = [n for n in files if n.startswith(f"fragment/{code}_")]
            if len(fragments) != count:
                raise SearchIndexError(f"{folder}: the index holds {len(fragments)} of the "
                                       f"{count} pages Pagefind counted in language '{code}'")
            if count and not any(n.startswith(f"index/{code}_") for n in files):
                missing.append(f"index/{code}_*.pf_index")
    except (ValueError, KeyError, TypeError, AttributeError):
        raise SearchIndexError(f"{folder}/pagefind-entry.json is damaged") from None
    if missing:
        raise SearchIndexError(f"{folder}: Pagefind left out or left empty "
                               f"{', '.join(sorted(missing))}")
    for name, data in sorted(files.items()):
        if not data:
            raise SearchIndexError(f"{folder}/{name} is empty")
        if name.endswith((".pagefind", ".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter")):
            try:
                gzip.decompress(data)
            except (OSError, EOFError, zlib.error):
                raise SearchIndexError(f"{folder}/{name} is cut short or damaged") from None
    return files


def _read_tree(folder: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    total = 0
    for current, dirs, names in os.walk(folder):
        dirs.sort()
        for name in names:
            path = Path(current, name)
            try:
                files[path.relative_to(folder).as_posix()] = data = read_regular(
                    path, MAX_CACHE_BYTES, follow=False)
            except OSError as error:
                raise SearchIndexError(f"{path} cannot be read back: "
                                       f"{error.strerror}") from None
            total += len(data)
            if total > MAX_CACHE_BYTES:
                raise SearchIndexError(f"{folder} holds more than {MAX_CACHE_BYTES:,} bytes")
    return files


def _check_room(folder: Path, largest: int) -> None:
    """Raise if the file system holding `folder` is (nearly) full after indexing.

    Space only shrinks while Pagefind writes, so if there is still more free than any
    one file needs, there always was, and every write found room."""
    try:
        info = os.statvfs(folder)
    except OSError as error:
        raise SearchIndexError(f"{folder} cannot be checked: {error.strerror}") from None
    blocks = info.f_bfree if os.geteuid() == 0 else info.f_bavail
    free = blocks * info.f_frsize
    if free < _SLACK + 2 * largest:
        raise SearchIndexError(f"{folder}: No space left on device (only {free:,} bytes "
                               "free after indexing, so the index may be incomplete)")


def _remove(folder: Path) -> None:
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind") + "/" + " ".join(_OPTIONS)
    except PackageNotFoundError:
        return "unknown/" + " ".join(_OPTIONS)

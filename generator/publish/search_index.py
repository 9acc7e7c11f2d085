"""Site search by Pagefind: index the built pages, or reuse the index of identical pages.

Pagefind reads the built HTML and writes `site/pagefind/`: an index split
into small pieces that a reader's browser fetches as needed. Indexing a large
site takes seconds, so the index is kept in the build cache under a hash of
every page it was made from, and a build whose pages are byte-for-byte those
of an earlier build writes that index out again instead of making it anew.

The index is made in parts, so that a change to one briefing re-indexes only
the part that holds it (Pagefind has no way to add to an index). The pages at the
site's root (the home page) are one part; every folder (a briefing) belongs, by a
hash of its name, to one of as many parts as it takes to hold about
`_PART_PAGES` pages each. The first part is the index at `site/pagefind/`; the
others are in `site/pagefind/part-<n>/` and listed in `site/pagefind/parts.json`,
and the reader's browser merges them into one search (Pagefind's `mergeIndex`).
Each part is cached under a hash of its own pages.

What Pagefind writes is read back and checked (`pagefind.check_index`) before
the build publishes or caches it, and so is an index taken from the cache, which
holds copies, never links into a site: a later build (or Pagefind rewriting files
in place) cannot change what it holds.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.base.disk import exchange, read_regular
from generator.base.limits import PAGEFIND_TIMEOUT
from generator.base.paths import safe_relative
from generator.base.sealed import Store
from generator.publish.pagefind import (
    MANIFEST,
    SearchIndexError,
    check_index,
    files_of,
    index_pages,
    pagefind_version,
    remove,
)
from generator.render.page_table import SEARCH_INDEX

_KEEP = 2
"""How many of each part's indexes to keep in the cache (the current and the one before)."""
_PART_PAGES = 1000
"""About how many pages one part of the index holds. Indexing a part takes Pagefind
about two seconds per thousand pages, and a reader's search fetches a piece of every
part, so parts are neither so large that an edit waits long nor so many that a
search makes many requests."""
_MARK = b"data-pagefind-body"
"""The attribute of the element that Pagefind indexes: once a site has one, only pages
with one are searched."""
_BATCH = 64
"""Pages hashed per background job: enough to make a job's overhead negligible."""
_CACHED = re.compile(r"[0-9a-f]{64}\.index")


@dataclass(frozen=True)
class _Part:
    """One part of the index: where it goes, the pages it is made from, and their hash."""

    where: str
    """Its folder relative to `site/pagefind/`: "" for the first part, else `part-<n>/`."""
    pages: tuple[str, ...]
    """The pages Pagefind indexes for it, as paths relative to the site."""
    key: str
    """A hash of those pages' bytes and of Pagefind's version and options."""


class SearchIndexer:
    """Collects the pages of one build, then indexes them (or reuses an index)."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.store = Store(cache_dir / "pagefind") if cache_dir else None
        self._pages: dict[str, tuple[str, bool]] = {}
        """Each recorded page's hash, and whether it holds an element Pagefind indexes."""
        self._unhashed: list[tuple[str, bytes]] = []
        self._hasher: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._queued: tuple[Path, dict[str, tuple[str, bool]]] | None = None
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
            self._pages[name] = _fingerprint(data)

    def _recorded(self) -> dict[str, tuple[str, bool]]:
        """The hashes of the pages recorded since the last call, all of them done."""
        self._hash(self._unhashed)
        self._unhashed = []
        if self._hasher is not None:
            # Waits for every batch, and leaves no idle thread for a later fork to copy.
            self._hasher.shutdown()
            self._hasher = None
        pages, self._pages = self._pages, {}
        return pages

    def build(self, site_dir: Path, in_use: Path | None = None) -> None:
        """Write `site_dir/pagefind/` for the pages recorded since the last build; raises
        `SearchIndexError` unless a whole index was written. Files of the index `in_use`
        (the published site's, when building beside it) that are byte for byte those of
        a part taken from the cache are linked rather than written anew."""
        self._index(site_dir, self._plan(site_dir, self._recorded()), in_use)

    def build_in_background(self, site_dir: Path,
                            report: Callable[[Exception], None]) -> None:
        """Like `build`, without making the caller wait (for previews: the page reloads
        at once and search catches up a moment later). Runs one at a time; a failure is
        handed to `report`, and the next build tries again. The index is made beside
        the one in use and then put in its place, so search works meanwhile and a run
        stopped half way (see `stop_background`) leaves the previous index. What it
        makes is not cached: it may have read pages of two builds."""
        pages = self._recorded()
        with self._lock:
            self._queued = (site_dir, pages)
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
            site_dir, pages = job
            try:
                self._index_beside(site_dir, self._plan(site_dir, pages))
            except (SearchIndexError, OSError) as error:
                if not self._stopping:
                    report(error)

    def _index_beside(self, site_dir: Path, parts: list[_Part]) -> None:
        """Index `site_dir` into a folder beside its index, then swap the two."""
        target, fresh = site_dir / SEARCH_INDEX, site_dir / f".{SEARCH_INDEX}-next"
        remove(fresh)
        try:
            self._make(site_dir, fresh, parts, target, started=self._started)
            if not (target.exists() and exchange(fresh, target)):
                remove(target)
                fresh.rename(target)
        finally:
            with self._lock:
                self._indexing = None
            remove(fresh)  # what was made in vain, or the previous index

    def _started(self, process: subprocess.Popen[str]) -> None:
        """Note a background Pagefind, so that `stop_background` can end it."""
        with self._lock:
            self._indexing = process
            if self._stopping:
                process.kill()

    def _plan(self, site_dir: Path, pages: dict[str, tuple[str, bool]]) -> list[_Part]:
        """The parts of the index of `site_dir`, with the pages and hash of each: `pages`
        are those recorded, and the others are read from the site."""
        for folder, dirs, names in os.walk(site_dir):
            dirs[:] = [d for d in dirs if d != SEARCH_INDEX]
            if self._stopping:  # in the background, and the site is about to change
                raise SearchIndexError("stopped")
            for name in names:
                if not name.endswith(".html"):
                    continue
                relative = Path(folder, name).relative_to(site_dir).as_posix()
                if relative not in pages:
                    pages[relative] = _fingerprint(Path(folder, name).read_bytes())
        # Pagefind's own rule: once any page is marked, it reads marked pages only.
        searched = sorted(name for name, (_, marked) in pages.items() if marked) \
            or sorted(pages)
        top = [name for name in searched if "/" not in name]
        nested = [name for name in searched if "/" in name]
        count = max(1, -(-len(nested) // _PART_PAGES))
        groups: dict[int, list[str]] = {}
        for name in nested:
            top_folder = name.partition("/")[0]
            number = int(hashlib.sha256(top_folder.encode()).hexdigest()[:8], 16) % count
            groups.setdefault(number + 1, []).append(name)
        listed = [("", top)] if top else []
        listed += [(f"part-{number}/", groups[number]) for number in sorted(groups)]
        # The first part is the one at `pagefind/`, whichever it is (with no page at all,
        # an empty one, which Pagefind refuses, saying so).
        first = listed.pop(0)[1] if listed else []
        listed.insert(0, ("", first))
        version = pagefind_version()
        parts = []
        for where, names in listed:
            digest = hashlib.sha256(version.encode())
            for name in names:
                digest.update(f"{name}\0{pages[name][0]}\0".encode())
            parts.append(_Part(where, tuple(names), digest.hexdigest()))
        return parts

    def _index(self, site_dir: Path, parts: list[_Part], in_use: Path | None) -> None:
        target = site_dir / SEARCH_INDEX
        remove(target)
        files, made = self._make(site_dir, target, parts, in_use)
        if self.store is None:
            return
        for part in made:
            own = files_of(files, part.where, [p.where for p in parts])
            names = sorted(own)
            header = {"key": part.key, "files": [[name, len(own[name])] for name in names]}
            self.store.write(f"{part.key}.index", header, b"".join(own[n] for n in names))
        self.store.trim(_CACHED, _KEEP * len(parts))

    def _make(self, site_dir: Path, folder: Path, parts: list[_Part], in_use: Path | None,
              *, started: Callable[[subprocess.Popen[str]], None] | None = None,
              ) -> tuple[dict[str, bytes], list[_Part]]:
        """Write the index of `site_dir` into `folder`, each part from the cache (linking
        the files `in_use` that are the same) or by Pagefind, and check it: return its
        files, and the parts that Pagefind made."""
        made = []
        for part in parts:
            cached = self._cached(part.key)
            if cached is not None:
                _write_tree(folder / part.where, cached,
                            in_use / part.where if in_use is not None else None)
            else:
                index_pages(site_dir, part.pages, folder / part.where, started=started)
                made.append(part)
        others = [part.where for part in parts[1:]]
        (folder / MANIFEST).write_text(json.dumps({"merge": others}), encoding="utf-8")
        return check_index(folder), made

    def _cached(self, key: str) -> dict[str, bytes] | None:
        """The files of the index cached for `key`, if there is a sound one."""
        store = self.store
        found = store.read(f"{key}.index") if store is not None else None
        if store is None or found is None:
            return None
        header, body = found
        files, start = {}, 0
        try:
            if header["key"] != key:
                return None
            for name, size in header["files"]:
                if not isinstance(name, str) or not safe_relative(name):
                    return None
                files[name] = bytes(body[start:start + size])
                start += size
        except (KeyError, TypeError, ValueError):
            return None
        if start != len(body):
            return None
        store.touch(f"{key}.index")  # in use: the last to be trimmed
        return files


def _write_tree(folder: Path, files: dict[str, bytes], same: Path | None = None) -> None:
    """Write `files` into `folder`; a file that `same` holds with the same bytes is linked
    instead: making a file costs far more than reading one and linking it."""
    made: set[Path] = set()
    for name, data in files.items():
        path = folder / name
        if path.parent not in made:  # one call per folder: thousands of files share two
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        if same is not None and _linked(same / name, path, data):
            continue
        path.write_bytes(data)


def _linked(source: Path, path: Path, data: bytes) -> bool:
    """Link `source` at `path` if it holds exactly `data`: whether it did. What is
    compared is the file linked, so a file replaced meanwhile is not kept."""
    try:
        os.link(source, path, follow_symlinks=False)
    except OSError:
        return False  # none there, another file system, or no links there
    try:
        if read_regular(path, len(data), follow=False) == data:
            return True
    except OSError:
        pass
    path.unlink()
    return False


def _fingerprint(page: bytes) -> tuple[str, bool]:
    """A page's hash, and whether it holds an element marked for Pagefind to index."""
    return hashlib.sha256(page).hexdigest(), _marked(page)


def _marked(page: bytes) -> bool:
    """Whether `page` has an element with Pagefind's mark, as an attribute (inside a tag:
    after a "<" with no ">" since), not as text, whose "<" would be escaped."""
    at = page.find(_MARK)
    while at != -1:
        if page.rfind(b"<", 0, at) > page.rfind(b">", 0, at) and page[at - 1:at].isspace():
            return True
        at = page.find(_MARK, at + len(_MARK))
    return False



"""Pagefind, run on a site's pages, and the index it writes checked before anyone uses it.

Pagefind's exit status is not trusted: on a full disk it exits 0 having written
empty or truncated files. So what it wrote is read back and checked
(`check_index`) before a build publishes or caches it, and so is an index taken
from the cache. An index comes in parts (see `search_index`): the first in
`pagefind/`, the others in `pagefind/part-<n>/`, listed in `pagefind/parts.json`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.base.disk import link_or_copy, read_regular
from generator.base.limits import MAX_CACHE_BYTES, PAGEFIND_TIMEOUT
from generator.base.processes import dying_with_parent

# Permalink marks (¶) are not words: leave them out of titles and excerpts.
OPTIONS = ["--exclude-selectors", ".headerlink"]
MANIFEST = "parts.json"
"""The list of the index's other parts, in `site/pagefind/`, that the browser merges."""
_NEEDED = ("pagefind.js", "pagefind-worker.js", "pagefind-ui.js", "pagefind-ui.css")
"""Files of Pagefind's that the theme loads (see overrides/assets/briefing.js)."""
_SLACK = 1024 * 1024
"""Free space a file system must still have after indexing, besides twice the largest
file written, for the build to believe that no write failed for want of space."""



class SearchIndexError(Exception):
    """Pagefind failed, or what it wrote is not a whole index; the message says which."""



def index_pages(site_dir: Path, pages: tuple[str, ...], output: Path, *,
                 started: Callable[[subprocess.Popen[str]], None] | None = None) -> None:
    """Index `pages` of `site_dir` into `output`: Pagefind reads a folder of links to
    them (or copies, where links cannot be made), beside the index it writes."""
    shown = output / ".pages"
    remove(shown)
    shown.mkdir(parents=True)
    try:
        for name in pages:
            path = shown / name
            path.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(site_dir / name, path)
        _run_pagefind(shown, output, started=started)
        try:
            make_reproducible(output)
        except SearchIndexError:
            check_index(output)  # says what is wrong with what Pagefind left (a full disk…)
            raise
    finally:
        remove(shown)


def _run_pagefind(site_dir: Path, output: Path, *,
                  started: Callable[[subprocess.Popen[str]], None] | None = None) -> None:
    """Index `site_dir` into `output`; `started` is handed the running process."""
    try:
        from pagefind_bin import get_executable  # the binary pagefind[bin] installs

        executable = get_executable()
    except (ImportError, OSError):
        raise SearchIndexError("Pagefind is not installed; reinstall the project "
                               "(.venv/bin/pip install -e .)") from None
    # The binary itself, not `python -m pagefind`, so a timeout stops the indexer.
    command = dying_with_parent([str(executable), "--site", str(site_dir), *OPTIONS,
                                 "--output-path", str(output)])
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


_SIGNATURE = b"pagefind_dcd"
"""What Pagefind writes before the CBOR of each of its compressed index files."""


def make_reproducible(folder: Path) -> None:
    """Rewrite what Pagefind wrote into `folder` in an order of its own (a hash map's,
    different on every run) in sorted order, so that the same pages always give the
    same bytes and a deploy that compares files uploads only what changed.

    Those are each filter's values (and each value's pages) and the list of filters in
    a language's metadata. Pagefind names both files by a hash of their content, which
    the metadata and `pagefind-entry.json` refer to: they are renamed as Pagefind
    would have named them (the first hex digits of the SHA-1 of their CBOR), and every
    reference follows. Raises `SearchIndexError` if the files are not as Pagefind
    1.5 writes them."""
    entry_path = folder / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_bytes())
        for code in sorted(entry["languages"]):
            language = entry["languages"][code]
            meta = _read_packed(folder / f"pagefind.{language['hash']}.pf_meta")
            filters = []
            for name, hashed in meta[3]:
                index = _read_packed(folder / "filter" / f"{hashed}.pf_filter")
                index[1] = sorted([value, sorted(pages)] for value, pages in index[1])
                filters.append([name, _write_packed(folder / "filter", hashed, ".pf_filter",
                                                    index)])
            meta[3] = sorted(filters)
            language["hash"] = _write_packed(folder, f"pagefind.{language['hash']}",
                                             ".pf_meta", meta).removeprefix("pagefind.")
        entry["languages"] = dict(sorted(entry["languages"].items()))
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError,
            EOFError, zlib.error) as error:
        raise SearchIndexError(f"{folder}: Pagefind wrote an index this version cannot "
                               f"read ({type(error).__name__}: {error})") from None
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")


def _read_packed(path: Path) -> list[Any]:
    """The CBOR of one of Pagefind's compressed files, decoded."""
    import cbor2  # only indexing needs it

    data = gzip.decompress(read_regular(path, MAX_CACHE_BYTES, follow=False))
    if not data.startswith(_SIGNATURE):
        raise ValueError(f"{path.name} does not start with Pagefind's signature")
    decoded = cbor2.loads(data[len(_SIGNATURE):])
    if not isinstance(decoded, list):
        raise ValueError(f"{path.name} does not hold a list")
    return decoded


def _write_packed(folder: Path, name: str, suffix: str, content: list[Any]) -> str:
    """Write `content` in place of the file `name` + `suffix` of `folder`, named as
    Pagefind names it: the part of `name` before its hash, then as many hex digits of
    the SHA-1 of its CBOR as `name` had. Returns the new name, without `suffix`."""
    import cbor2

    encoded = cbor2.dumps(content)
    prefix, _, old_hash = name.rpartition("_")
    if not old_hash:
        raise ValueError(f"{name}{suffix} is not named by a hash")
    digest = hashlib.sha1(encoded, usedforsecurity=False).hexdigest()
    new_name = f"{prefix}_{digest[:len(old_hash)]}"
    (folder / f"{new_name}{suffix}").write_bytes(
        gzip.compress(_SIGNATURE + encoded, compresslevel=9, mtime=0))
    if new_name != name:
        (folder / f"{name}{suffix}").unlink()
    return new_name


def check_index(folder: Path) -> dict[str, bytes]:
    """The files of the Pagefind index in `folder`, by relative path, once they are known
    to be whole: every part that `parts.json` lists is there, each part's entry file
    lists its languages, and each language's metadata, word index, WebAssembly and a
    fragment for each page is there; Pagefind's scripts are at the top, every
    compressed file decompresses, nothing is empty, and the file system still had room
    when Pagefind finished (so no write can have failed for want of it). Raises
    `SearchIndexError` saying what is wrong."""
    files = _read_tree(folder)
    # First, as a full disk is what most often leaves an index damaged.
    _check_room(folder, max((len(data) for data in files.values()), default=0))
    try:
        others = json.loads(files.get(MANIFEST, b"{}"))["merge"] if MANIFEST in files else []
        if not isinstance(others, list) or not all(
                isinstance(where, str) and re.fullmatch(r"part-[0-9]+/", where)
                for where in others):
            raise ValueError
    except (ValueError, KeyError, TypeError):
        raise SearchIndexError(f"{folder}/{MANIFEST} is damaged") from None
    missing = [name for name in _NEEDED if not files.get(name)]
    for where in ["", *others]:
        missing += _check_part(folder, where, files_of(files, where, others))
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


def _check_part(folder: Path, where: str, files: dict[str, bytes]) -> list[str]:
    """What one part of the index lacks (its `files` named relative to its folder); raises
    if a page is missing or its entry file is damaged."""
    missing = [] if files.get("pagefind-entry.json") else ["pagefind-entry.json"]
    try:
        entry = json.loads(files.get("pagefind-entry.json", b"{}"))
        languages = entry["languages"] if entry else {}
        for code, language in languages.items():
            hashed, wasm, count = language["hash"], language["wasm"], language["page_count"]
            # A language Pagefind has no stemmer for (Persian, Pashto) gets its plain one.
            stemmer = f"wasm.{wasm or 'unknown'}.pagefind"
            missing += [name for name in (f"pagefind.{hashed}.pf_meta", stemmer)
                        if not files.get(name)]
            fragments = [n for n in files if n.startswith(f"fragment/{code}_")]
            if len(fragments) != count:
                raise SearchIndexError(f"{folder}/{where}: the index holds {len(fragments)} "
                                       f"of the {count} pages Pagefind counted in language "
                                       f"'{code}'")
            if count and not any(n.startswith(f"index/{code}_") for n in files):
                missing.append(f"index/{code}_*.pf_index")
    except (ValueError, KeyError, TypeError, AttributeError):
        raise SearchIndexError(f"{folder}/{where}pagefind-entry.json is damaged") from None
    return [where + name for name in missing]


def files_of(files: dict[str, bytes], where: str, wheres: list[str]) -> dict[str, bytes]:
    """The files of the part in `where`, named relative to it, out of the whole index's
    (whose parts are in `wheres`)."""
    nested = [other for other in wheres if other and other != where]
    return {name[len(where):]: data for name, data in files.items()
            if name.startswith(where) and name != MANIFEST
            and not any(name.startswith(n) for n in nested)}


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


def remove(folder: Path) -> None:
    """Remove `folder` (or a file or link in its place), if there is one."""
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)


def pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind") + "/" + " ".join(OPTIONS)
    except PackageNotFoundError:
        return "unknown/" + " ".join(OPTIONS)

"""The search index is rebuilt when pages change and reused, byte for byte, when not."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.base.settings import default_cache_dir

from conftest import Project

pytestmark = pytest.mark.slow


def index_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted((site / "pagefind").rglob("*")) if p.is_file()}


def test_an_unchanged_site_reuses_its_index_and_a_change_makes_a_new_one(
        project: Project) -> None:
    site = project.root / "site"
    assert project.mkdocs("build", "--strict").returncode == 0
    first = index_files(site)
    assert "pagefind/pagefind.js" in first and "pagefind/pagefind-entry.json" in first
    # Two parts: the home page's, and the briefings' (merged by the reader's browser).
    assert json.loads(first["pagefind/parts.json"]) == {"merge": ["part-1/"]}
    assert "pagefind/part-1/pagefind-entry.json" in first
    indexes = default_cache_dir(project.root) / "pagefind"
    cached = sorted(indexes.iterdir())
    assert len(cached) == 2

    assert project.mkdocs("build", "--strict").returncode == 0
    assert index_files(site) == first
    assert sorted(indexes.iterdir()) == cached

    project.edit("content/riverland/timeline.yml", "Clashes on the bridge", "Clashes at the ford")
    assert project.mkdocs("build", "--strict").returncode == 0
    assert index_files(site) != first
    assert len(set(indexes.iterdir()) - set(cached)) >= 1


def searched_pages(site: Path) -> set[str]:
    """The site's pages that Pagefind indexes: those with an element marked for it."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")
            if re.search(r"<[^<>]*\sdata-pagefind-body", p.read_text(encoding="utf-8"))}


def indexed_count(site: Path) -> int:
    """How many pages the index's parts hold, together."""
    manifest = json.loads((site / "pagefind/parts.json").read_text(encoding="utf-8"))
    total = 0
    for where in ["", *manifest["merge"]]:
        entry = json.loads((site / "pagefind" / where / "pagefind-entry.json").read_text(
            encoding="utf-8"))
        total += sum(language["page_count"] for language in entry["languages"].values())
    return total


def test_search_finds_the_pages_readers_browse_and_not_the_print_version(
        project: Project) -> None:
    """The print version repeats every page of its briefing: as a search result it would
    answer each query twice, from one long page."""
    site = project.root / "site"
    assert project.mkdocs("build", "--strict").returncode == 0
    searched = searched_pages(site)
    assert "riverland/timeline/index.html" in searched
    assert "riverland/print/index.html" not in searched
    assert indexed_count(site) == len(searched)


def synthetic_site(site: Path, briefings: int, pages: int) -> None:
    """A site of a home page and `briefings` folders of `pages` searchable pages each
    (and a print version, which is not searched), each page filtered by its briefing."""
    def page(text: str, marked: bool = True, briefing: str = "home") -> str:
        body = (f'<main data-pagefind-body data-pagefind-filter="briefing:{briefing}">'
                if marked else '<main>')
        return f'<!doctype html><html lang="en"><body>{body}<h1>{text}</h1></main></body></html>'

    site.mkdir()
    (site / "index.html").write_text(page("Home"), encoding="utf-8")
    for b in range(briefings):
        for n in range(pages):
            path = site / f"briefing-{b:03}" / f"page-{n}" / "index.html"
            path.parent.mkdir(parents=True)
            path.write_text(page(f"Briefing {b} page {n} word{b}x{n}", briefing=f"b{b}"),
                            encoding="utf-8")
        print_page = site / f"briefing-{b:03}" / "print" / "index.html"
        print_page.parent.mkdir()
        # Its text names the mark, as text: that does not make it a page to search.
        print_page.write_text(page(f"Briefing {b} in full, no &lt;main data-pagefind-body&gt;",
                                   marked=False), encoding="utf-8")


def test_a_large_site_is_indexed_in_parts_and_an_edit_reindexes_only_its_part(
        tmp_path: Path) -> None:
    """Pagefind cannot add to an index, so the index comes in parts of about a thousand
    pages, each briefing in one: an edit costs Pagefind one part, not the whole site."""
    from generator.publish.pagefind import check_index
    from generator.publish.search_index import SearchIndexer

    site, cache = tmp_path / "site", tmp_path / "cache"
    synthetic_site(site, briefings=60, pages=40)  # 2,400 pages: three parts and the home
    SearchIndexer(cache).build(site)
    first = index_files(site)
    manifest = json.loads(first["pagefind/parts.json"])
    assert manifest == {"merge": ["part-1/", "part-2/", "part-3/"]}
    assert indexed_count(site) == len(searched_pages(site)) == 1 + 60 * 40
    cached = set((cache / "pagefind").iterdir())
    assert len(cached) == 4

    edited = site / "briefing-007/page-3/index.html"
    edited.write_text(edited.read_text(encoding="utf-8").replace("page 3", "page three"),
                      encoding="utf-8")
    SearchIndexer(cache).build(site)
    check_index(site / "pagefind")
    assert len(set((cache / "pagefind").iterdir()) - cached) == 1
    after = index_files(site)
    changed = {part_of(name) for name in set(first) | set(after)
               if first.get(name) != after.get(name)}
    assert len(changed) == 1 and changed < set(manifest["merge"])  # one, not the home page's


def part_of(name: str) -> str:
    """The part of the index a file of `site/pagefind/` belongs to ("" for the first)."""
    folder = name.split("/")[1]
    return f"{folder}/" if folder.startswith("part-") else ""


def test_search_can_be_turned_off(project: Project) -> None:
    project.edit("mkdocs.yml", "      seeds_dir: seeds",
                 "      seeds_dir: seeds\n      search: false")
    assert project.mkdocs("build", "--strict").returncode == 0
    assert not (project.root / "site/pagefind").exists()


def test_a_failed_background_index_is_reported_not_swallowed(tmp_path: Path) -> None:
    """Under serve the index is built in the background; when Pagefind fails there (here:
    a site with no pages), the failure reaches the caller's report, which the plugin logs."""
    import threading

    from generator.publish.pagefind import SearchIndexError
    from generator.publish.search_index import SearchIndexer

    reported: list[Exception] = []
    done = threading.Event()
    (tmp_path / "site").mkdir()
    SearchIndexer(None).build_in_background(
        tmp_path / "site", lambda error: (reported.append(error), done.set()))
    assert done.wait(timeout=600)
    assert isinstance(reported[0], SearchIndexError)
    assert "not able to build an index" in str(reported[0])


def pagefind_children() -> list[int]:
    """This process's children that are Pagefind."""
    import os

    found = []
    for entry in Path("/proc").iterdir():
        try:
            if not entry.name.isdigit() or \
                    (entry / "comm").read_text().strip() != "pagefind":
                continue
            state, parent = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:2]
        except (OSError, ValueError):
            continue
        if int(parent) == os.getpid() and state != "Z":
            found.append(int(entry.name))
    return found


def test_a_background_index_stopped_half_way_leaves_the_index_in_use(
        project: Project) -> None:
    """Under serve, a rebuild (and the end of serve) first stops the index being made in
    the background: Pagefind has ended before any page changes, and search keeps the
    whole index it had, with nothing half-made beside it and nothing reported."""
    import time

    from generator.publish.pagefind import check_index
    from generator.publish.search_index import SearchIndexer

    site = project.root / "site"
    assert project.mkdocs("build", "--strict").returncode == 0
    before = index_files(site)
    # Pages that differ from the index: an index made to the end would differ too.
    page = site / "riverland/timeline/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "Clashes on the bridge", "Clashes at the ford"), encoding="utf-8")
    indexer, reported = SearchIndexer(None), []
    for _ in range(20):  # until a stop lands while Pagefind runs, as it nearly always does
        indexer.build_in_background(site, reported.append)
        deadline = time.monotonic() + 60
        while not (running := pagefind_children()) and index_files(site) == before \
                and time.monotonic() < deadline:
            time.sleep(0.001)
        indexer.stop_background()
        if running:
            break
        before = index_files(site)  # Pagefind ran to the end unseen: the index search has
    assert running, "Pagefind was never seen running"
    assert not set(running) & set(pagefind_children())
    assert reported == []
    assert index_files(site) == before
    check_index(site / "pagefind")
    assert not (site / ".pagefind-next").exists()


def test_index_files_the_published_site_holds_unchanged_are_linked_not_written(
        tmp_path: Path) -> None:
    """Beside the published site, a part of the index taken from the cache links the
    published files that hold the very bytes cached (making thousands of small files
    costs more than anything else in a dirty build); a file that differs is not used."""
    import shutil

    from generator.publish.search_index import SearchIndexer

    published, cache = tmp_path / "published", tmp_path / "cache"
    synthetic_site(published, briefings=3, pages=5)
    SearchIndexer(cache).build(published)
    made = index_files(published)
    tampered = next(p for p in sorted((published / "pagefind/part-1/fragment").iterdir()))
    tampered.write_bytes(b"planted")

    staging = tmp_path / "staging"
    shutil.copytree(published, staging, ignore=shutil.ignore_patterns("pagefind"))
    SearchIndexer(cache).build(staging, in_use=published / "pagefind")
    assert index_files(staging) == made  # the planted bytes did not come along
    linked = [name for name in made
              if (staging / name).samefile(published / name)]
    assert (staging / "pagefind/part-1/fragment" / tampered.name).stat().st_nlink == 1
    # Everything else is shared with the published index, but the list of parts (written
    # anew each time).
    assert sorted(linked) == sorted(set(made) - {
        f"pagefind/part-1/fragment/{tampered.name}", "pagefind/parts.json"})


@pytest.mark.parametrize(("manifest", "message"), [
    ('{"merge": ["part-1/", "part-9/"]}', "part-9/pagefind-entry.json"),  # a part missing
    ('{"merge": ["../../secret/"]}', "parts.json is damaged"),
    ('{"merge": "part-1/"}', "parts.json is damaged"),
    ('{"merge": ', "parts.json is damaged"),
])
def test_an_index_whose_list_of_parts_is_wrong_is_not_published(
        tmp_path: Path, manifest: str, message: str) -> None:
    from generator.publish.pagefind import SearchIndexError, check_index
    from generator.publish.search_index import SearchIndexer

    site = tmp_path / "site"
    synthetic_site(site, briefings=2, pages=2)
    SearchIndexer(None).build(site)
    (site / "pagefind/parts.json").write_text(manifest, encoding="utf-8")
    with pytest.raises(SearchIndexError, match=re.escape(message)):
        check_index(site / "pagefind")


def test_the_same_pages_always_give_the_same_index_bytes(tmp_path: Path) -> None:
    """Pagefind writes a filter's values in a new order on every run; the build sorts
    them, so a deploy that compares files uploads the index only when pages changed."""
    from generator.publish.search_index import SearchIndexer

    first, second = tmp_path / "first", tmp_path / "second"
    synthetic_site(first, briefings=8, pages=3)
    synthetic_site(second, briefings=8, pages=3)
    SearchIndexer(None).build(first)
    SearchIndexer(None).build(second)
    assert index_files(first) == index_files(second)
    assert any("/filter/" in name for name in index_files(first))


def test_an_index_is_written_the_same_whatever_order_pagefind_chose(tmp_path: Path) -> None:
    import gzip

    import cbor2

    from generator.publish.pagefind import check_index, make_reproducible
    from generator.publish.search_index import SearchIndexer

    site = tmp_path / "site"
    synthetic_site(site, briefings=6, pages=2)
    SearchIndexer(None).build(site)
    part = site / "pagefind/part-1"
    written = index_files(site)
    (filter_file,) = (part / "filter").iterdir()
    packed = gzip.decompress(filter_file.read_bytes())
    signature, values = packed[:12], cbor2.loads(packed[12:])
    assert [value for value, _ in values[1]] == [f"b{b}" for b in range(6)]

    # As another run of Pagefind might have written it: values and pages reversed.
    values[1] = [[value, pages[::-1]] for value, pages in reversed(values[1])]
    filter_file.write_bytes(gzip.compress(signature + cbor2.dumps(values)))
    make_reproducible(part)
    assert index_files(site) == written
    check_index(site / "pagefind")


def test_two_cold_builds_of_several_briefings_write_the_same_site(project: Project) -> None:
    import shutil

    for copy in ("hillside", "lakeside", "seaside", "upland"):
        shutil.copytree(project.content / "riverland", project.content / copy)
    site = project.root / "site"
    assert project.mkdocs("build", "--strict").returncode == 0
    first = {p.relative_to(site).as_posix(): p.read_bytes()
             for p in sorted(site.rglob("*")) if p.is_file()}
    assert any("/filter/" in name for name in first)
    shutil.rmtree(default_cache_dir(project.root))
    assert project.mkdocs("build", "--strict").returncode == 0
    second = {p.relative_to(site).as_posix(): p.read_bytes()
              for p in sorted(site.rglob("*")) if p.is_file()}
    assert second.keys() == first.keys()
    assert [name for name in first if first[name] != second[name]] == []

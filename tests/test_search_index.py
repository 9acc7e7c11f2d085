"""The search index is rebuilt when pages change and reused, byte for byte, when not."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cache import default_cache_dir

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
    indexes = default_cache_dir(project.root) / "pagefind"
    cached = list(indexes.iterdir())
    assert len(cached) == 1

    assert project.mkdocs("build", "--strict").returncode == 0
    assert index_files(site) == first
    assert list(indexes.iterdir()) == cached

    project.edit("content/riverland/timeline.yml", "Clashes on the bridge", "Clashes at the ford")
    assert project.mkdocs("build", "--strict").returncode == 0
    assert index_files(site) != first
    assert len(list(indexes.iterdir())) == 2


def test_search_finds_the_pages_readers_browse_and_not_the_print_version(
        project: Project) -> None:
    """The print version repeats every page of its briefing: as a search result it would
    answer each query twice, from one long page."""
    import json

    site = project.root / "site"
    assert project.mkdocs("build", "--strict").returncode == 0
    searched = {p.relative_to(site).as_posix() for p in site.rglob("*.html")
                if "data-pagefind-body" in p.read_text(encoding="utf-8")}
    assert "riverland/timeline/index.html" in searched
    assert "riverland/print/index.html" not in searched
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) \
        == len(searched)


def test_search_can_be_turned_off(project: Project) -> None:
    project.edit("mkdocs.yml", "      seeds_dir: seeds",
                 "      seeds_dir: seeds\n      search: false")
    assert project.mkdocs("build", "--strict").returncode == 0
    assert not (project.root / "site/pagefind").exists()


def test_a_failed_background_index_is_reported_not_swallowed(tmp_path: Path) -> None:
    """Under serve the index is built in the background; when Pagefind fails there (here:
    a site with no pages), the failure reaches the caller's report, which the plugin logs."""
    import threading

    from generator.search import SearchIndexer, SearchIndexError

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

    from generator.search import SearchIndexer, check_index

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

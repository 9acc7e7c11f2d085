"""Builds reuse what earlier builds made while nothing it came from has changed."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from generator.base.settings import Site
from generator.build import pipeline, site_pages
from generator.build.cache import CODE_SUFFIXES, BuildCache
from generator.build.pipeline import ContentLoader
from generator.build.result import BriefingResult
from generator.build.site_pages import SitePages
from generator.render.page_table import FEED

from conftest import Project

TODAY = dt.date(2026, 1, 15)


def build(project: Project, site: Site | None = None) -> dict[str, str]:
    """A fresh loader and renderer, as a new `mkdocs build` process would have."""
    cache = BuildCache(project.root / ".cache/briefing")
    loader = ContentLoader(project.root, project.content, project.seeds, cache)
    return SitePages(cache=cache).pages(loader.load(TODAY, render=True), TODAY, site)[0]


def test_an_unchanged_briefing_is_neither_parsed_nor_rendered_again(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    first = build(project)
    timeline = project.content / "riverland/timeline.yml"
    os.utime(timeline, (0, 0))  # touched, not changed: a timestamp is no reason to rebuild
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "parse_yaml", _refuse)
        patch.setattr(pipeline, "render_briefing", _refuse)
        patch.setattr(site_pages, "render_desk", _refuse)  # nor the home page
        patch.setattr(site_pages, "atom_feed", _refuse)  # nor the feed
        patch.setattr(site_pages, "search_files", _refuse)  # nor the names search uses
        assert build(project) == first


def test_the_home_page_is_made_again_when_a_briefing_it_shows_changes(
        project: Project) -> None:
    first = build(project)
    project.edit("content/riverland/briefing.yml", "title: Riverland ceasefire",
                 "title: Riverland truce")
    second = build(project)
    assert "Riverland truce" in second["index.md"]
    assert second["index.md"] == first["index.md"].replace("Riverland ceasefire",
                                                           "Riverland truce")


def test_an_edit_that_leaves_every_card_as_it_was_does_not_make_the_home_page_again(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    first = build(project)
    project.edit("content/riverland/stakes.yml", "Who holds the only crossing.",
                 "Who holds the one crossing.")
    with monkeypatch.context() as patch:
        patch.setattr(site_pages, "render_desk", _refuse)  # the home page and listings
        patch.setattr(site_pages, "atom_feed", _refuse)
        patch.setattr(site_pages, "search_files", _refuse)  # the names search forgives by
        second = build(project)
    assert "Who holds the one crossing." in second["riverland/stakes.md"]
    assert second["index.md"] == first["index.md"]


def test_the_feed_is_made_again_when_the_site_moves(project: Project) -> None:
    first = build(project, Site.of("Desk", "https://old.example/"))
    second = build(project, Site.of("Desk", "https://new.example/"))
    assert "https://old.example/" in first[FEED]
    assert second[FEED] == first[FEED].replace("https://old.example/", "https://new.example/")
    assert second["index.md"] == first["index.md"]


def test_a_changed_byte_rebuilds_the_briefing(project: Project) -> None:
    first = build(project)
    project.edit("content/riverland/timeline.yml", "Ceasefire agreed", "Ceasefire agreeD")
    second = build(project)
    assert second != first
    assert "Ceasefire agreeD" in second["riverland/timeline.md"]


def test_a_changed_seed_rechecks_quotes(project: Project) -> None:
    build(project)
    seed = project.seeds / "council.txt"
    seed.write_text(seed.read_text().replace("talks will resume", "talks may resume"))
    cache = BuildCache(project.root / ".cache/briefing")
    content = ContentLoader(project.root, project.content, project.seeds, cache).load(TODAY)
    assert [p.message.split(";")[0] for p in content.all_problems()] == [
        "quote not found in seeds/council.txt"]


def test_a_broken_cache_file_is_ignored(project: Project) -> None:
    first = build(project)
    for path in (project.root / ".cache/briefing").iterdir():
        path.write_bytes(b"damaged")
    assert build(project) == first


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("parsed or rendered although nothing changed")


def test_pages_come_back_from_disk_exactly_as_they_were_rendered(tmp_path: Path) -> None:
    pages = {"a/index.md": "line\r\nnext\rlast\n", "a/b.md": "— «دوحه» 🕊\u2028", "a/c.md": ""}
    BuildCache(tmp_path).put(BriefingResult("a", "content/a", None, [], "key", pages=pages))
    again = BuildCache(tmp_path).get("a", "key")
    assert again is not None and again.pages == pages
    assert BuildCache(tmp_path).get("a", "another key") is None


def test_a_one_off_build_holds_no_page_once_handed_over(tmp_path: Path) -> None:
    # Its pages go to MkDocs, which keeps its own copies: held here as well, they only
    # raise the build's peak memory. A serve session keeps them for its next rebuild.
    pages = {"a/index.md": "text"}
    result = BriefingResult("a", "content/a", None, [], "key", pages=pages)
    one_off = BuildCache(tmp_path / "one-off", in_memory=False)
    one_off.put(result)
    again = one_off.get("a", "key")
    assert again is not None and again is not result and again.pages == pages
    serving = BuildCache(tmp_path / "serving")
    serving.put(result)
    assert serving.get("a", "key") is result


def test_a_cache_file_cut_short_is_ignored(project: Project) -> None:
    first = build(project)
    for path in (project.root / ".cache/briefing").iterdir():
        path.write_bytes(path.read_bytes()[:-1])
    assert build(project) == first


@pytest.mark.slow
def test_a_build_from_the_cache_loads_no_validation_machinery(project: Project) -> None:
    """A warm build reads every briefing from the cache: it never imports the content model
    (pydantic) or the EDTF grammar, which cost more than the rest of such a build."""
    import subprocess
    import sys

    assert project.mkdocs("build").returncode == 0
    code = ("import sys; from mkdocs.commands.build import build;"
            "from mkdocs.config import load_config; build(load_config('mkdocs.yml'));"
            "print(sorted(m for m in ('pydantic', 'edtf', 'generator.content.model')"
            " if m in sys.modules))")
    env = {**os.environ, "XDG_CACHE_HOME": str(project.root / "xdg-cache"),
           "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-c", code], cwd=project.root, env=env,
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_every_file_the_package_ships_pages_are_made_from_is_in_the_cache_key() -> None:
    """New code, templates or data (the interface's words in French, say) make every
    cached briefing stale: each file of the package counts, but for its notes."""
    package = Path(pipeline.__file__).resolve().parent.parent
    shipped = {path.suffix for path in package.rglob("*")
               if path.is_file() and "__pycache__" not in path.parts}
    assert shipped - {".md"} <= set(CODE_SUFFIXES)
    assert {".json", ".j2"} <= shipped

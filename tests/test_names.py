"""What the search dialog reads besides Pagefind's index: the names index it falls back on
and the briefings' titles; what they list, and that every build has them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from generator.build.cache import BuildCache
from generator.build.pipeline import ContentLoader
from generator.build.site_pages import SitePages
from generator.render.card import ActorNames, Card
from generator.render.page_table import BRIEFINGS_PATH, NAMES_PATH
from generator.render.search_names import briefing_titles, names_index

from conftest import Project

TODAY = dt.date(2026, 1, 15)


def site_files(project: Project, cache: Path | None = None) -> dict[str, str]:
    loader = ContentLoader(project.root, project.content, project.seeds, BuildCache(cache))
    content = loader.load(TODAY, render=True)
    assert content.all_problems() == []
    return SitePages().pages(content, TODAY)[0]


def index_of(files: dict[str, str]) -> Any:
    return json.loads(files[NAMES_PATH])


def test_the_index_lists_every_name_of_every_actor_and_where_its_page_is(
        project: Project) -> None:
    project.edit("content/riverland/actors.yml", "    name: South Bank Militia",
                 "    name: South Bank Militia\n    native_name: ميليشيا الضفة الجنوبية")
    files = site_files(project)
    assert index_of(files) == {
        "format": 1,
        "actor_url": "{briefing}/actors/{id}/",
        "briefings": {"riverland": [
            {"id": "council", "name": "River Council", "aliases": ["RC"]},
            {"id": "militia", "name": "South Bank Militia", "native": "ميليشيا الضفة الجنوبية"},
        ]},
        "places": {}}
    assert json.loads(files[BRIEFINGS_PATH]) == {
        "format": 1, "titles": {"riverland": "Riverland ceasefire"}}


def test_the_index_covers_every_briefing_in_slug_order(project: Project) -> None:
    import shutil

    shutil.copytree(project.content / "riverland", project.content / "hillside")
    project.edit("content/hillside/briefing.yml", "title: Riverland ceasefire",
                 "title: Hillside truce")
    files = site_files(project)
    assert list(index_of(files)["briefings"]) == ["hillside", "riverland"]
    assert json.loads(files[BRIEFINGS_PATH])["titles"] == {
        "hillside": "Hillside truce", "riverland": "Riverland ceasefire"}


def test_names_are_data_written_exactly_as_the_editor_wrote_them(project: Project) -> None:
    hostile = '</script><img src=x onerror="alert(1)"> \u202eMilitia "&" \\u0041'
    project.edit("content/riverland/actors.yml", "    name: South Bank Militia",
                 f"    name: '{hostile}'\n    aliases: ['{hostile} 2']")
    project.edit("content/riverland/briefing.yml", "title: Riverland ceasefire",
                 f"title: '{hostile}'")
    files = site_files(project)
    militia = index_of(files)["briefings"]["riverland"][1]
    assert (militia["name"], militia["aliases"]) == (hostile, [f"{hostile} 2"])
    assert json.loads(files[BRIEFINGS_PATH])["titles"] == {"riverland": hostile}


def test_the_index_lists_where_each_briefings_events_happened_once_each(
        project: Project) -> None:
    timeline = project.content / "riverland/timeline.yml"
    written = timeline.read_text(encoding="utf-8")
    timeline.write_text(written.replace("    title:", "    location: Weir Crossing\n    title:"),
                        encoding="utf-8")
    assert index_of(site_files(project))["places"] == {"riverland": ["Weir Crossing"]}
    two_places = (written.replace("    title:", "    location: Weir Crossing\n    title:", 1)
                  .replace("    title: Clashes", "    location: Eastbank\n    title: Clashes"))
    timeline.write_text(two_places, encoding="utf-8")
    # In date order: the clashes came first.
    assert index_of(site_files(project))["places"] == {"riverland": ["Eastbank", "Weir Crossing"]}


def test_a_site_without_briefings_has_empty_ones() -> None:
    assert names_index([])["briefings"] == {}
    assert briefing_titles([]) == {"format": 1, "titles": {}}


def test_a_warm_build_from_the_cache_gives_the_same_index(project: Project,
                                                           tmp_path: Path) -> None:
    cold = site_files(project, tmp_path / "cache")
    warm = site_files(project, tmp_path / "cache")  # a new loader: read back from disk
    assert warm[NAMES_PATH] == cold[NAMES_PATH]
    project.edit("content/riverland/actors.yml", "aliases: [RC]", "aliases: [RC, Rivercouncil]")
    changed = site_files(project, tmp_path / "cache")
    assert index_of(changed)["briefings"]["riverland"][0]["aliases"] == ["RC", "Rivercouncil"]


def test_a_card_keeps_its_actors_names_through_the_cache() -> None:
    from generator.content.dates import parse_date

    card = Card("s", "T", "S", "active", None, parse_date("2025-10"), None, None,
                (ActorNames("a", "A", ("Alias",), "ا"), ActorNames("b", "B")), ("index.md",),
                places=("Doha, Qatar", "إسطنبول"))
    again = Card.from_json(json.loads(json.dumps(card.to_json())))
    assert again == card
    assert again.actor_ids == ("a", "b")


def test_render_writes_the_index_beside_the_pages(project: Project) -> None:
    from generator.publish.markdown_tree import write_tree

    write_tree(project.root / "out", site_files(project))
    written = json.loads((project.root / "out" / NAMES_PATH).read_text(encoding="utf-8"))
    assert [a["name"] for a in written["briefings"]["riverland"]] == [
        "River Council", "South Bank Militia"]
    assert (project.root / "out" / BRIEFINGS_PATH).is_file()

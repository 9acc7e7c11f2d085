"""A position is cited to sources that say it: its own; without, the stake's when the
stake has only one; never to a stake's several sources, any of which may not say it
(`check` warns, and the pages say "no source given" meanwhile)."""

from __future__ import annotations

import datetime as dt

from generator.content.model import Briefing
from generator.render.renderer import render_briefing

from conftest import Project

TODAY = dt.date(2025, 10, 25)
PAGES = ["riverland/stakes.md", "riverland/index.md", "riverland/actors/council.md",
         "riverland/print.md"]
WIRE = """  - id: wire
    title: Fighting at the bridge
    publisher: Coast Wire
    published: 2025-10-21
    url: https://example.org/wire
    kind: news
"""


def load(project: Project) -> tuple[Briefing, list[str]]:
    briefing, problems = project.load(TODAY)
    assert briefing is not None, problems
    return briefing, problems


def council_row(page: str) -> str:
    """Where the page gives the council's position: its line, or its table cell."""
    line = next(line for line in page.splitlines() if "Joint patrols" in line)
    return next(cell for cell in line.split(" | ") if "Joint patrols" in cell)


def test_a_position_without_sources_borrows_the_single_source_of_its_stake(
        project: Project) -> None:
    briefing, problems = load(project)
    assert problems == []
    for path, page in render_briefing(briefing, TODAY).items():
        if path in PAGES:
            assert "sources.md#council-statement" in council_row(page), path
            assert "no source given" not in page, path


def test_a_position_cites_its_own_sources(project: Project) -> None:
    project.edit("content/riverland/sources.yml", "sources:\n", "sources:\n" + WIRE)
    project.edit("content/riverland/stakes.yml", "        position: Joint patrols.",
                 "        position: Joint patrols.\n        sources: [wire]")
    briefing, problems = load(project)
    assert problems == []
    pages = render_briefing(briefing, TODAY)
    for path in PAGES:
        row = council_row(pages[path])
        assert "sources.md#wire" in row and "council-statement" not in row, path


def test_a_position_without_sources_on_a_stake_of_several_says_so_and_is_a_warning(
        project: Project) -> None:
    project.edit("content/riverland/sources.yml", "sources:\n", "sources:\n" + WIRE)
    project.edit("content/riverland/stakes.yml", "sources: [council-statement]",
                 "sources: [council-statement, wire]")
    briefing, problems = load(project)
    assert [p.split(": warning: ")[1][:60] for p in problems] == [
        "the position of 'council' gives no sources, and stake 'bridg",
        "the position of 'militia' gives no sources, and stake 'bridg"]
    pages = render_briefing(briefing, TODAY)
    for path in PAGES:
        row = council_row(pages[path])
        assert "(no source given)" in row and "sources.md#" not in row, path


def test_an_actor_has_one_position_per_stake(project: Project) -> None:
    project.edit("content/riverland/stakes.yml", "      - actor: militia",
                 "      - actor: council")
    _, problems = project.load(TODAY)
    assert any("'council' already has a position on stake 'bridge' (positions[0])" in p
               for p in problems), problems

"""Mediation and talks between many parties: one relation, read as one on every page
("Malaysia mediates between Thailand and Cambodia"; "Mediated by Malaysia (between
Thailand and Cambodia)"), drawn as a line from the mediator to each party; "mediates
for" is never printed."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from generator.base.settings import PageOptions
from generator.content.model import Briefing
from generator.render.exports import briefing_json
from generator.render.pictures import relations_picture
from generator.render.renderer import render_briefing
from generator.render.view import BriefingView

from conftest import Project, bundled_project

TODAY = dt.date(2025, 10, 25)
OBSERVERS = """  - id: observers
    name: Observer Mission
    kind: organization
    summary: Watches the river.
    sources: [council-statement]
relations:
  - id: observer-talks
    from: observers
    to: [council, militia]
    kind: mediates
    summary: Hosts the talks.
    sources: [council-statement]
  - id: round-table
    from: council
    to: [militia, observers]
    kind: negotiates-with
    summary: Meet each week.
    sources: [council-statement]
"""


def load(project: Project) -> Briefing:
    return project.valid_briefing(TODAY)


def with_observers(project: Project) -> Briefing:
    project.edit("content/riverland/actors.yml", "relations:\n", OBSERVERS)
    return load(project)


def text_of(markdown: str) -> str:
    """Markdown without its links' targets: what a reader reads."""
    return re.sub(r"\]\([^)]*\)", "]", markdown).replace("[", "").replace("]", "")


def test_a_mediator_between_several_parties_reads_as_one_relation(project: Project) -> None:
    pages = render_briefing(with_observers(project), TODAY)
    assert "Observer Mission **Mediates between** River Council and South Bank Militia" \
        in text_of(pages["riverland/actors/index.md"])
    assert "**Mediates between** River Council and South Bank Militia: Hosts the talks." \
        in text_of(pages["riverland/actors/observers.md"])
    for party in ("council", "militia"):
        assert ("**Mediated by** Observer Mission (between River Council and South Bank "
                "Militia): Hosts the talks.") in text_of(pages[f"riverland/actors/{party}.md"])
    assert "- Observer Mission mediates between River Council and South Bank Militia: " \
        in pages["riverland/print.md"]


def test_talks_among_several_read_from_each_sides_page(project: Project) -> None:
    pages = render_briefing(with_observers(project), TODAY)
    assert "**Negotiates with** South Bank Militia and Observer Mission: Meet each week." \
        in text_of(pages["riverland/actors/council.md"])
    assert "**Negotiates with** River Council and Observer Mission: Meet each week." \
        in text_of(pages["riverland/actors/militia.md"])


def test_the_picture_draws_a_line_from_the_mediator_to_each_party(project: Project) -> None:
    picture = relations_picture(BriefingView(with_observers(project), PageOptions(), {}))
    rows = picture.split('<div class="relations__pair">')[1:]
    mediated = [row for row in rows if "relations__link--mediates" in row]
    assert len(mediated) == 2
    assert all("mediates between" in row and "Observer Mission" in row for row in mediated)
    assert 'aria-label="Relations among 3 actors: 3 relations' in picture


def test_briefing_json_keeps_to_as_written(project: Project) -> None:
    data = json.loads(briefing_json(with_observers(project)))
    assert [r["to"] for r in data["relations"]] == [
        ["council", "militia"], ["militia", "observers"], "militia"]


def test_mediates_for_is_never_printed(tmp_path: Path) -> None:
    project = bundled_project(tmp_path)
    pages = render_briefing(project.valid_briefing(TODAY, "afpak-ceasefire-talks"), TODAY)
    assert not any("mediates for" in page.lower() for page in pages.values())
    assert "Qatar mediates between Pakistan and Taliban government" in pages[
        "afpak-ceasefire-talks/print.md"]

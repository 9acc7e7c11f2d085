"""Agreements in force from a moment: an ongoing commitment (a ceasefire) is pending
before it takes effect, in force from then until an event shows otherwise, and ended
after the end it was agreed for; never "pending" or "due" once in force."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.render.renderer import render_briefing

from conftest import Project

AS_OF = dt.date(2025, 10, 25)
TRUCE = """    commitments:
      - id: truce
        text: A truce on the bridge
        parties: [council, militia]
        from: {start}
        from_time: "24:00"
{until}        sources: [council-statement]
"""


def pages_with(project: Project, start: str, until: str = "",
               broken: bool = False) -> dict[str, str]:
    project.edit("content/riverland/briefing.yml", "as_of:", "timezone: Africa/Cairo\nas_of:")
    project.edit("content/riverland/timeline.yml", "    sources: [council-statement]\n  - id",
                 "    sources: [council-statement]\n"
                 + TRUCE.format(start=start, until=until) + "  - id")
    if broken:
        project.edit("content/riverland/timeline.yml", "    summary: Fighting at the bridge.",
                     "    summary: Fighting at the bridge.\n    implements:\n"
                     "      - {commitment: truce, status: broken}")
    return render_briefing(project.valid_briefing(AS_OF), AS_OF)


def status_line(pages: dict[str, str]) -> str:
    page = pages["riverland/commitments.md"]
    return next(line for line in page.splitlines() if line.startswith("**"))


def test_in_force_from_its_moment_on(project: Project) -> None:
    pages = pages_with(project, "2025-10-19")
    assert status_line(pages).startswith("**In force** · Parties: ")
    assert status_line(pages).endswith(" · In force since 19 Oct 2025, 24:00 Cairo time")
    assert "1 commitment: 1 in force" in pages["riverland/index.md"]
    assert ", in force since 19 Oct 2025, 24:00 Cairo time" in pages["riverland/timeline.md"]
    for page in pages.values():
        assert not any(word in page for word in ("**Pending**", "**Overdue**", " · Due ",
                                                 ", due ", "; due "))


def test_pending_before_it_takes_effect(project: Project) -> None:
    pages = pages_with(project, "2025-10-26")
    assert status_line(pages).startswith("**Pending** · ")
    assert status_line(pages).endswith(" · In force from 26 Oct 2025, 24:00 Cairo time")


def test_ended_after_its_agreed_end(project: Project) -> None:
    pages = pages_with(project, "2025-10-19", until='        until: 2025-10-22\n'
                                                  '        until_time: "24:00"\n')
    assert status_line(pages).startswith("**Ended** · ")
    assert status_line(pages).endswith(
        " · In force from 19 Oct 2025, 24:00 Cairo time until 22 Oct 2025, 24:00 Cairo time")


def test_an_event_that_breaks_it_says_otherwise(project: Project) -> None:
    # The clashes (October, c.) are dated before the truce: move them after it.
    project.edit("content/riverland/timeline.yml", "    date: 2025-10\n", "    date: 2025-10-23\n")
    project.edit("content/riverland/timeline.yml", "    approximate: true\n", "")
    pages = pages_with(project, "2025-10-19", broken=True)
    assert status_line(pages).startswith("**Broken** · ")
    assert status_line(pages).endswith(" · In force from 19 Oct 2025, 24:00 Cairo time")


@pytest.mark.parametrize(("fields", "message"), [
    ("        due: 2025-10-30\n        from: 2025-10-20\n",
     "a commitment is one-off (`due`) or ongoing (`from`"),
    ("        until: 2025-10-30\n", "`until` ends an ongoing commitment: give `from`"),
    ('        from_time: "06:00"\n', "from_time needs `from`, the day it is on"),
    ("        from: 2025-10\n        from_time: '06:00'\n",
     "from_time needs `from` to be one plain day; date 2025-10 is a month or a year"),
    ("        from: 2025-10-24\n        until: 2025-10-20\n",
     "until 2025-10-20 ends before from 2025-10-24 begins"),
    ("        from: 2025-10-01\n", "from 2025-10-01 is before the event that made the "
                                   "commitment (2025-10-19)"),
    ("        from: 2025-10-20\n        timezone: UTC\n",
     "timezone is the clock of the commitment's times, and it has none"),
])
def test_mistakes_in_an_ongoing_commitment_are_located_errors(
        project: Project, fields: str, message: str) -> None:
    project.edit("content/riverland/timeline.yml", "    sources: [council-statement]\n  - id",
                 "    sources: [council-statement]\n    commitments:\n      - id: truce\n"
                 "        text: A truce\n        parties: [council]\n" + fields
                 + "        sources: [council-statement]\n  - id")
    _, problems = project.load(AS_OF)
    assert any(message in p and "timeline.yml:" in p for p in problems), problems

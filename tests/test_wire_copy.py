"""Wire copy: figures a newspaper reports without naming who gives them, figures given
only in words, and events known only from reports, shown for what they are wherever
they appear, and never turned into an actor, a bound or a fact."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from generator.base.settings import PageOptions
from generator.content.model import Briefing
from generator.render.exports import claims_csv, events_csv, timelinejs_json
from generator.render.head import page_head
from generator.render.pictures import timeline_strip
from generator.render.renderer import render_briefing
from generator.render.view import BriefingView

from conftest import FIXTURES, Project, bundled_project

TODAY = dt.date(2025, 10, 25)
WIRE = """  - id: wire
    title: Fighting at the bridge
    publisher: Coast Wire
    published: 2025-10-21
    url: https://example.org/wire
    kind: news
"""
REPORTED_EVENT = """    summary: Fighting at the bridge.
    reported: true
    according_to: residents"""


def load(project: Project) -> Briefing:
    return project.valid_briefing(TODAY)


def claims_of(*claims: dict[str, Any]) -> str:
    """Claims as YAML (JSON, one a line, is YAML too)."""
    return "".join(f"  - {json.dumps(claim)}\n" for claim in claims)


def with_claims(project: Project, claims: str) -> Briefing:
    project.edit("content/riverland/sources.yml", "sources:\n", "sources:\n" + WIRE)
    project.write("content/riverland/timeline.yml",
                  (project.content / "riverland/timeline.yml").read_text(encoding="utf-8")
                  .replace("    sources: [council-statement]\n  - id: clashes",
                           "    sources: [council-statement, wire]\n  - id: clashes")
                  + "claims:\n" + claims)
    return load(project)


def test_a_reported_event_says_whose_report_it_is_and_that_it_is_not_confirmed(
        project: Project) -> None:
    project.edit("content/riverland/timeline.yml", "    summary: Fighting at the bridge.",
                 REPORTED_EVENT)
    briefing = load(project)
    said = "Reported by River Council, according to residents; not confirmed"
    pages = render_briefing(briefing, TODAY)
    assert f"*{said}*" in pages["riverland/timeline.md"]
    assert f"*{said}*" in pages["riverland/print.md"]
    assert f"({said[0].lower()}{said[1:]})" in pages["riverland/index.md"]
    assert f"({said[0].lower()}{said[1:]})" in pages["riverland/actors/militia.md"]
    assert "Clashes on the bridge (reported, not confirmed)" in timeline_strip(
        BriefingView(briefing, PageOptions(), {}))
    row = next(r for r in events_csv(briefing).splitlines() if r.startswith("clashes,"))
    assert said in row and row.endswith(",true,residents,,,")
    assert said in timelinejs_json(briefing)
    graph = json.loads(page_head(BriefingView(briefing, PageOptions(), {}), "timeline.md").jsonld)
    assert said in json.dumps(graph, ensure_ascii=False)


def test_an_actors_account_that_is_reported_says_both(project: Project) -> None:
    project.edit("content/riverland/timeline.yml", "    summary: Fighting at the bridge.",
                 REPORTED_EVENT + "\n    claimed_by: council")
    pages = render_briefing(load(project), TODAY)
    assert ("According to [River Council](actors/council.md); reported by River Council, "
            "according to residents; not confirmed") in pages["riverland/timeline.md"]


def test_a_figure_a_paper_reports_is_the_papers_and_gives_it_no_actor_page(
        project: Project) -> None:
    briefing = with_claims(project, claims_of(
        {"id": "council-dead", "about": "People killed", "claimant": "council", "value": 3,
         "sources": ["council-statement"]},
        {"id": "wire-dead", "about": "People killed", "reported_by": "wire",
         "according_to": "local media", "low": 5, "sources": ["wire"]}))
    pages = render_briefing(briefing, TODAY)
    overview = pages["riverland/index.md"]
    assert "## Competing claims" in overview
    assert "| Reported by Coast Wire, according to local media | at least 5" in overview
    assert "From 3 (River Council) to at least 5 (reported by Coast Wire, according to " \
           "local media)" in overview
    assert not any("coast" in path.lower() for path in pages)
    assert "Coast Wire" not in pages["riverland/actors/index.md"]
    row = next(r for r in claims_csv(briefing).splitlines() if r.startswith("wire-dead,"))
    assert row.endswith(",wire,Coast Wire,local media,")
    graph = json.loads(page_head(BriefingView(briefing, PageOptions(), {}), "index.md").jsonld)
    claim = next(n for n in graph["@graph"] if n.get("@id", "").endswith("#claim-wire-dead"))
    assert claim["author"] == {"@type": "Organization", "name": "Coast Wire"}


def test_a_figure_given_only_in_words_is_shown_as_written_and_sets_no_bound(
        project: Project) -> None:
    briefing = with_claims(project, claims_of(
        {"id": "wire-displaced", "about": "People displaced", "reported_by": "wire",
         "wording": "thousands", "sources": ["wire"]},
        {"id": "council-displaced", "about": "People displaced", "claimant": "council",
         "high": 800, "sources": ["council-statement"]}))
    overview = render_briefing(briefing, TODAY)["riverland/index.md"]
    table = overview.split("**People displaced**")[1].split("\n\n")[1]
    # Numbers first, words after; no spread, as words give no number to measure from.
    assert table.index("up to 800") < table.index("“thousands”")
    assert "From " not in overview.split("**People displaced**")[1]
    row = next(r for r in claims_csv(briefing).splitlines() if r.startswith("wire-displaced,"))
    assert row.endswith(",thousands") and ",,,," in row


def test_figures_from_one_side_only_are_headed_figures(project: Project) -> None:
    briefing = with_claims(project, claims_of(
        {"id": "council-dead", "about": "People killed", "claimant": "council", "value": 3,
         "sources": ["council-statement"]},
        {"id": "wire-hurt", "about": "People hurt", "reported_by": "wire", "value": 9,
         "sources": ["wire"]}))
    pages = render_briefing(briefing, TODAY)
    assert "## Figures" in pages["riverland/index.md"]
    assert "Competing claims" not in pages["riverland/index.md"]
    assert "## Figures" in pages["riverland/print.md"]


@pytest.mark.slow
def test_a_wire_copy_briefing_builds_and_reads_as_its_reports_do(tmp_path: Path) -> None:
    """The `border-truce` fixture, written to SPEC's third edition as a newsroom would from
    wire copy (a reported event, reported figures and one in words, times in two zones,
    an ongoing ceasefire, mediation between two sides), built with MkDocs and read."""
    project = bundled_project(tmp_path)
    shutil.copytree(FIXTURES / "border-truce", project.content / "border-truce")
    result = project.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site/border-truce"

    def text(page: str) -> str:
        html = (site / page / "index.html").read_text(encoding="utf-8")
        body = html.split('<article', 1)[1].split("</article>", 1)[0]
        words = " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())
        return re.sub(r" ([,;:)])", r"\1", words)

    timeline = text("timeline")
    assert timeline.index("Shelling begins") < timeline.index("Clashes reportedly") \
        < timeline.index("Ceasefire agreed at talks") < timeline.index("Commanders meet at")
    assert "07:35 Bangkok time · Clash" in timeline
    assert "29 Jul 2025, 07:00 Bangkok time Due: Military commanders meet" in timeline
    assert "15:00 Kuala Lumpur time · Agreement" in timeline
    assert "Reported by Coast Gazette, according to residents; not confirmed" in timeline
    assert "According to Northland" in timeline
    commitments = text("commitments")
    assert "In force · Parties: Northland, Southland · In force since 28 Jul 2025, 24:00 " \
           "Bangkok time" in commitments
    assert "Kept · Parties: Northland, Southland · Due 29 Jul 2025, 07:00 Bangkok time" \
        in commitments
    overview = text("")
    assert "Competing claims" in overview
    assert "Reported by Coast Gazette, according to local media at least 30" in overview
    assert "“thousands”" in overview
    actors = text("actors")
    assert "Eastmark Mediates between Northland and Southland" in actors
    assert "Mediated by Eastmark (between Northland and Southland)" in text("actors/northland")
    assert not (site / "actors/gazette").exists()
    data = json.loads((site / "briefing.json").read_text(encoding="utf-8"))
    at = {e["id"]: e.get("at") for e in data["events"]}
    assert at == {"shelling-begins": "2025-07-24T07:35+07:00", "clashes-continue": None,
                  "talks": "2025-07-28T15:00+08:00",
                  "commanders-meeting": "2025-07-29T08:00+07:00"}
    assert data["schema_version"] == 3

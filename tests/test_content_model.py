"""The analyst's content model on a briefing that uses all of it (`fixtures/harbour`):
uncertain dates, attribution, commitments through time, competing claims, a past relation.

What each page and `briefing.json` say of them, as readers and programs get them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.build.pipeline import ContentLoader
from generator.render.renderer import render_briefing

from conftest import FIXTURES, Project, make_project

TODAY = dt.date(2026, 1, 15)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("harbour")
    shutil.copytree(FIXTURES / "harbour", root / "content" / "harbour")
    shutil.copytree(FIXTURES / "seeds", root / "seeds")
    content = ContentLoader(root, root / "content", root / "seeds").load(TODAY)
    assert content.all_problems() == []
    briefing = content.briefings["harbour"].briefing
    assert briefing is not None
    return {path.removeprefix("harbour/"): text
            for path, text in render_briefing(briefing, TODAY).items()}


def readable(markdown: str) -> str:
    """Markdown without the markup that only machines and screen readers read: `<time>`
    tags and the accessible names of citations."""
    return re.sub(r'<time datetime="[^"]*">|</time>|\{: aria-labelledby="[^"]*" \}'
                  r'|<span id="source-name-\d+" hidden data-pagefind-ignore>[^<]*</span>', "",
                  markdown)


def lines(page: str, start: str) -> list[str]:
    """The lines of a page from the first that starts with `start` to the next blank one,
    as `readable` text."""
    found = readable(page).split("\n" + start, 1)[1]
    return (start + found).split("\n\n", 1)[0].splitlines()


def test_uncertain_dates_read_in_words_and_sort_by_the_days_they_may_be(
        pages: dict[str, str]) -> None:
    latest = lines(pages["index.md"], "- **")
    assert latest == [
        "- **2 Jun 2025**: [The lane closes again](timeline.md#lane-closes)",
        "- **between 2 and 6 May 2025**: [A lane opens](timeline.md#lane-opens)",
        "- **1 May 2025**: [Truce signed in Marovia](timeline.md#truce)",
        "- **Apr 2025 (uncertain)**: [Port shelled](timeline.md#shelling) (according to "
        "[Coastal Navy](actors/navy.md); denied by [Harbour Front](actors/rebels.md))",
        "- **c. Mar 2025**: [Blockade begins](timeline.md#blockade)",
    ]


def test_an_event_that_is_one_sides_account_says_so_on_the_timeline(
        pages: dict[str, str]) -> None:
    shelled = readable(pages["timeline.md"]).split("{#shelling}", 1)[1].split("###", 1)[0]
    assert ("*According to [Coastal Navy](actors/navy.md); denied by "
            "[Harbour Front](actors/rebels.md)*") in shelled


def test_a_past_relation_reads_in_the_past_and_a_present_one_in_the_present(
        pages: dict[str, str]) -> None:
    assert ("- **Formerly supported by** [Marovia](../actors/marovia.md) from 2019 until "
            "c. 2023: Armed the Front in its early years.") in readable(pages["actors/rebels.md"])
    marovia = readable(pages["actors/marovia.md"])
    assert "- **Supported** [Harbour Front](../actors/rebels.md) from 2019 until c. 2023:" \
        in marovia
    assert "- **Mediates with** [Coastal Navy](../actors/navy.md) since May 2025:" in marovia
    # SPEC: "mediates for" is never printed.
    assert "- **Mediated by** [Marovia](../actors/marovia.md) since May 2025:" \
        in readable(pages["actors/navy.md"])
    assert not any("mediates for" in page.lower() or "mediated for" in page.lower()
                   for page in pages.values())


def test_commitments_page_tracks_each_commitment_to_its_status(pages: dict[str, str]) -> None:
    page = readable(pages["commitments.md"])
    assert "5 commitments: 1 pending, 2 overdue, 1 disputed, 1 broken, as of 15 Jun 2025." \
        in page
    statuses = [line for line in page.splitlines() if line.startswith("**")]
    assert statuses == [
        "**Broken** · Parties: [Harbour Front](actors/rebels.md) · Due 10 May 2025",
        "**Overdue** · Parties: [Coastal Navy](actors/navy.md), [Harbour Front](actors/rebels.md)"
        " · Due 1 Jun 2025",
        "**Overdue** · Parties: [Coastal Navy](actors/navy.md) · Due 1 Jun 2025",
        "**Disputed** · Parties: [Coastal Navy](actors/navy.md), "
        "[Harbour Front](actors/rebels.md)",
        "**Pending** · Parties: [Coastal Navy](actors/navy.md), [Harbour Front](actors/rebels.md)"
        " · Due 1 Sep 2025",
    ]
    # Kept, then broken: both steps stay in the history, each with its date and source.
    assert lines(page, "- **1 May 2025**: made at") == [
        "- **1 May 2025**: made at [Truce signed in Marovia](timeline.md#truce) "
        "[\\[1\\]](sources.md#wire)",
        "- **between 2 and 6 May 2025**: **Kept** at [A lane opens](timeline.md#lane-opens) "
        "[\\[1\\]](sources.md#wire)",
        "- **2 Jun 2025**: **Broken** (according to [Coastal Navy](actors/navy.md)) at "
        "[The lane closes again](timeline.md#lane-closes) [\\[1\\]](sources.md#wire)",
    ]


def test_the_overview_tallies_the_commitments(pages: dict[str, str]) -> None:
    assert "**Commitments:** [5 commitments: 1 pending, 2 overdue, 1 disputed, 1 broken]" \
        "(commitments.md)" in readable(pages["index.md"])


def test_competing_claims_stand_side_by_side_with_their_spread_never_averaged(
        pages: dict[str, str]) -> None:
    overview = readable(pages["index.md"])
    assert lines(overview, "**Sailors detained**")[0] == "**Sailors detained**"
    table = lines(overview, "| Who says |")
    assert table == [
        "| Who says | Figure |",
        "| --- | --- |",
        "| [Coastal Navy](actors/navy.md) | 12 [\\[1\\]](sources.md#wire) |",
        "| [Harbour Front](actors/rebels.md) | at least 30: “at least thirty sailors” "
        "[\\[1\\]](sources.md#wire) |",
    ]
    assert ("From 12 (Coastal Navy) to at least 30 (Harbour Front); the highest is 2.5x the "
            "lowest. Figures are shown as each side gives them, never averaged.") in overview
    assert ("From up to 8 ships (Harbour Front) to 20-25 (Coastal Navy); the highest is 3.1x "
            "the lowest.") in overview
    # The claims tied to an event are shown under it on the timeline too.
    opens = readable(pages["timeline.md"]).split("{#lane-opens}", 1)[1].split("</div>", 1)[0]
    assert "**Sailors detained**" in opens and "Ships turned away" not in opens


def test_briefing_json_keeps_every_new_field_with_dates_in_edtf(pages: dict[str, str]) -> None:
    data = json.loads(pages["briefing.json"])
    events = {e["id"]: e for e in data["events"]}
    assert (events["blockade"]["date"], events["blockade"]["approximate"]) == ("2025-03~", True)
    assert events["shelling"]["date"] == "2025-04?"
    assert (events["shelling"]["claimed_by"], events["shelling"]["denied_by"]) == (
        ["navy"], ["rebels"])
    assert events["lane-opens"]["date"] == "[2025-05-02..2025-05-06]"
    assert events["truce"]["commitments"][0] == {
        "id": "open-lane", "text": "Open a shipping lane", "parties": ["rebels"],
        "due": "2025-05-10", "due_time": None, "from": None, "from_time": None,
        "until": None, "until_time": None, "timezone": None, "sources": ["wire"]}
    assert events["lane-closes"]["implements"][0] == {
        "commitment": "open-lane", "status": "broken", "claimed_by": ["navy"], "note": None}
    assert data["relations"][0]["since"] == "2019" and data["relations"][0]["until"] == "2023~"
    assert data["claims"][1] == {
        "id": "rebel-detained", "about": "Sailors detained", "claimant": "rebels",
        "reported_by": None, "according_to": None,
        "value": None, "low": 30, "high": None, "unit": None, "wording": None,
        "event": "lane-opens", "date": None, "sources": ["wire"],
        "quote": "at least thirty sailors"}


def test_a_briefing_without_commitments_has_no_commitments_page(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "riverland", tmp_path / "content" / "riverland")
    shutil.copytree(FIXTURES / "seeds", tmp_path / "seeds")
    content = ContentLoader(tmp_path, tmp_path / "content", tmp_path / "seeds").load(TODAY)
    briefing = content.briefings["riverland"].briefing
    assert briefing is not None
    rendered = render_briefing(briefing, TODAY)
    assert "riverland/commitments.md" not in rendered
    assert '["commitments/", "Commitments"]' not in rendered["riverland/index.md"]


def test_the_overview_says_how_many_sources_and_publishers_it_rests_on(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "riverland", tmp_path / "content" / "riverland")
    shutil.copytree(FIXTURES / "seeds", tmp_path / "seeds")
    with (tmp_path / "content/riverland/sources.yml").open("a", encoding="utf-8") as file:
        file.write("  - {id: wire, title: Wire report, publisher: Coast Wire, "
                   "published: 2025-10-21, url: 'https://example.org/wire'}\n")
    content = ContentLoader(tmp_path, tmp_path / "content", tmp_path / "seeds").load(TODAY)
    briefing = content.briefings["riverland"].briefing
    assert briefing is not None
    overview = render_briefing(briefing, TODAY)["riverland/index.md"]
    assert "Based on [2 sources](sources.md) from 2 publishers." in overview


@pytest.mark.slow
def test_the_whole_briefing_builds_strict_with_a_commitments_page_in_its_nav(
        tmp_path: Path) -> None:
    project: Project = make_project(tmp_path)
    shutil.copytree(FIXTURES / "harbour", project.content / "harbour")
    result = project.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/harbour/commitments/index.html").read_text(encoding="utf-8")
    assert '<h2 id="open-lane">Open a shipping lane' in page
    assert '<h2 id="monitors">Admit <em>monitors</em>' in page
    nav = page[page.index("md-nav--primary"):page.index("md-sidebar--secondary")]
    assert "Commitments" in nav
    header = page[page.index('class="briefing-header__pages"'):]
    assert 'href="./" aria-current="page">Commitments</a>' in header


def test_the_staleness_setting_and_published_seeds_change_what_pages_say(tmp_path: Path) -> None:
    from generator.base.settings import PageOptions

    shutil.copytree(FIXTURES / "harbour", tmp_path / "content" / "harbour")
    shutil.copytree(FIXTURES / "seeds", tmp_path / "seeds")
    for options, due, seed in [(PageOptions(), "2025-07-15", False),
                               (PageOptions(stale_after_days=400, publish_seeds=True),
                                "2026-07-20", True)]:
        loader = ContentLoader(tmp_path, tmp_path / "content", tmp_path / "seeds",
                               options=options)
        pages = loader.load(TODAY, render=True).briefings["harbour"].pages
        assert pages is not None
        assert f'"review_due": "{due}"' in pages["harbour/index.md"]
        assert ('"stale": true' if due < TODAY.isoformat() else '"stale": false') \
            in pages["harbour/index.md"]
        archived = pages.get("harbour/sources/wire.txt")
        assert (archived == (FIXTURES / "seeds/harbour.txt").read_text()) if seed \
            else archived is None
        assert ("[Archived text of this Coast Wire piece (14 Jun 2025)](sources/wire.txt)"
                in pages["harbour/sources.md"]) is seed


def test_a_commitment_written_as_a_sentence_reads_without_a_stray_full_stop(
        tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "harbour", tmp_path / "content" / "harbour")
    shutil.copytree(FIXTURES / "seeds", tmp_path / "seeds")
    timeline = tmp_path / "content/harbour/timeline.yml"
    timeline.write_text(timeline.read_text(encoding="utf-8").replace(
        "text: Withdraw gunboats,", "text: Withdraw gunboats.,").replace(
        "text: Open a shipping lane,", "text: Open a shipping lane in the U.S.,"),
        encoding="utf-8")
    content = ContentLoader(tmp_path, tmp_path / "content", tmp_path / "seeds").load(TODAY)
    briefing = content.briefings["harbour"].briefing
    assert briefing is not None
    rendered = "\n".join(render_briefing(briefing, TODAY).values())
    assert "gunboats.:" not in rendered and "gunboats.]" not in rendered
    assert "Withdraw gunboats](" in rendered  # as a link's label, before its status
    assert "## Withdraw gunboats." in rendered  # a heading keeps it
    assert "in the U.S.](" in rendered  # an abbreviation's full stop stays


def test_background_further_reading_and_source_notes_reach_their_pages(
        tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "harbour", tmp_path / "content" / "harbour")
    shutil.copytree(FIXTURES / "seeds", tmp_path / "seeds")
    folder = tmp_path / "content/harbour"
    (folder / "briefing.yml").write_text((folder / "briefing.yml").read_text(
        encoding="utf-8") + "background:\n  - The harbour has fed the coast for *a century*.\n"
        "  - Rebels took the hills in 2024.\n", encoding="utf-8")
    (folder / "sources.yml").write_text((folder / "sources.yml").read_text(
        encoding="utf-8") + "    note: The report prints no year; 2025 from its events.\n"
        "  - {id: study, title: Why blockades last, publisher: Sea Institute, "
        "published: 2024-03, url: 'https://example.org/study', kind: analysis}\n"
        "  - {id: essay, title: The coast at war, publisher: Coast Review, "
        "published: 2025-01-09, url: 'https://example.org/essay', kind: analysis}\n",
        encoding="utf-8")
    content = ContentLoader(tmp_path, tmp_path / "content", tmp_path / "seeds").load(TODAY)
    assert [p for p in content.all_problems() if p.severity == "error"] == []
    briefing = content.briefings["harbour"].briefing
    assert briefing is not None
    pages = {path.removeprefix("harbour/"): readable(text)
             for path, text in render_briefing(briefing, TODAY).items()}
    overview = pages["index.md"]
    # After the key points, before the events.
    assert overview.index("## Key points") < overview.index("## Background") \
        < overview.index("## Latest events")
    assert "The harbour has fed the coast for *a century*.\n\nRebels took the hills in 2024." \
        in overview
    assert overview.split("## Further reading\n\n")[1].split("\n\n")[0].splitlines() == [
        "- [The coast at war](https://example.org/essay), Coast Review, 9 Jan 2025",
        "- [Why blockades last](https://example.org/study), Sea Institute, Mar 2024"]
    assert "Rebels took the hills in 2024." in pages["print.md"]
    assert "The report prints no year; 2025 from its events." in pages["sources.md"]
    assert "The report prints no year; 2025 from its events." in pages["print.md"]
    data = json.loads(pages["briefing.json"])
    assert data["schema_version"] == 3
    assert data["briefing"]["background"][1] == "Rebels took the hills in 2024."
    assert data["sources"][0]["note"] == "The report prints no year; 2025 from its events."


def test_a_background_of_one_paragraph_may_be_written_as_text(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "harbour", tmp_path / "content" / "harbour")
    shutil.copytree(FIXTURES / "seeds", tmp_path / "seeds")
    briefing_yml = tmp_path / "content/harbour/briefing.yml"
    briefing_yml.write_text(briefing_yml.read_text(encoding="utf-8")
                            + "background: The harbour has fed the coast for a century.\n",
                            encoding="utf-8")
    content = ContentLoader(tmp_path, tmp_path / "content", tmp_path / "seeds").load(TODAY)
    briefing = content.briefings["harbour"].briefing
    assert briefing is not None
    assert briefing.briefing.background == ["The harbour has fed the coast for a century."]

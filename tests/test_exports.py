"""The data a reader takes away, from the fixtures, value by value: TimelineJS's JSON,
the CSV tables, the Atom feed, each page's description and JSON-LD.

Pure functions of the validated briefing (and, for the feed, the site), so
these tests call them directly; tests/test_exports_site.py checks what a real
build publishes, and tests/test_exports_browser.py what TimelineJS and a browser
make of it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml

from generator.base.settings import Site
from generator.build.pipeline import ContentLoader
from generator.cli.config import read_config
from generator.content.dates import parse_date
from generator.content.model import Briefing, Update
from generator.render.card import Card
from generator.render.exports import (
    CLAIM_COLUMNS,
    EVENT_COLUMNS,
    claims_csv,
    events_csv,
    timelinejs_json,
)
from generator.render.feed import FEED_ENTRIES, atom_feed
from generator.render.head import iso_within, page_base, resolve, website
from generator.render.inline import to_html, to_plain, truncate
from generator.render.page_table import url_of
from generator.render.renderer import render_briefing

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
TODAY = dt.date(2026, 1, 15)


def load(slug: str) -> Briefing:
    """A fixture briefing, validated."""
    content = ContentLoader(HERE.parent, FIXTURES, FIXTURES / "seeds").load(TODAY, only={slug})
    assert content.all_problems() == []
    briefing = content.briefings[slug].briefing
    assert briefing is not None
    return briefing


@pytest.fixture(scope="module")
def harbour() -> Briefing:
    """The `harbour` fixture: claims, disputed accounts, commitments."""
    return load("harbour")


@pytest.fixture(scope="module")
def riverland() -> Briefing:
    """The `riverland` fixture: a small briefing without claims."""
    return load("riverland")


def with_updates(briefing: Briefing, *updates: tuple[str, str]) -> Briefing:
    """`briefing` with these (date, summary) updates, in this order."""
    meta = briefing.briefing.model_copy(update={"updates": [
        Update.model_validate({"date": date, "summary": summary}) for date, summary in updates]})
    return briefing.model_copy(update={"briefing": meta})


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# TimelineJS

def test_timelinejs_has_a_title_slide_and_a_slide_per_event_in_timeline_order(
        harbour: Briefing) -> None:
    data = json.loads(timelinejs_json(harbour))
    assert data["scale"] == "human"
    assert data["title"] == {"text": {
        "headline": "Harbour blockade",
        "text": "<p>Rebels blockade the harbour; a truce brokered by Marovia holds in part.</p>"
                "<p>As of 15 Jun 2025.</p>"}}
    assert [e["unique_id"] for e in data["events"]] == [
        "blockade", "shelling", "truce", "lane-opens", "lane-closes"]


def test_timelinejs_dates_keep_their_precision_and_their_words(harbour: Briefing) -> None:
    slides = {e["unique_id"]: e for e in json.loads(timelinejs_json(harbour))["events"]}
    # About March: a month, with the site's "c.".
    assert slides["blockade"]["start_date"] == {"year": 2025, "month": 3}
    assert slides["blockade"]["display_date"] == "c. Mar 2025"
    assert "end_date" not in slides["blockade"]
    # One day between 2 and 6 May: the range on the axis, the words on the slide.
    assert slides["lane-opens"]["start_date"] == {"year": 2025, "month": 5, "day": 2}
    assert slides["lane-opens"]["end_date"] == {"year": 2025, "month": 5, "day": 6}
    assert slides["lane-opens"]["display_date"] == "between 2 and 6 May 2025"
    assert slides["shelling"]["display_date"] == "Apr 2025 (uncertain)"


def test_timelinejs_slide_says_whose_account_it_is_the_figures_and_the_sources(
        harbour: Briefing) -> None:
    slides = {e["unique_id"]: e for e in json.loads(timelinejs_json(harbour))["events"]}
    source = '<a href="https://example.org/harbour">Coast Wire, Harbour wire report</a>'
    assert slides["shelling"]["group"] == "Attack"
    assert slides["shelling"]["text"] == {"headline": "Port shelled", "text": (
        "<p><em>According to Coastal Navy; denied by Harbour Front.</em></p>"
        "<p>Port shelled.</p><p>Involved: Harbour Front.</p>"
        f"<p>Sources: {source}.</p>")}
    assert ("<p>Figures claimed: Sailors detained: 12 (Coastal Navy); Sailors detained: "
            "at least 30 (Harbour Front).</p>") in slides["lane-opens"]["text"]["text"]


def test_timelinejs_text_is_html_with_everything_from_yaml_escaped(harbour: Briefing) -> None:
    event = harbour.events[0].model_copy(update={
        "title": "<img src=x onerror=alert(1)> & co",
        "summary": "*Shelled* [report](https://example.org/?a=1&b=2) <b>bold</b> "
                   "[bad](javascript:alert(1))"})
    slide = json.loads(timelinejs_json(harbour.model_copy(update={"events": [event]})))[
        "events"][0]
    assert slide["text"]["headline"] == "&lt;img src=x onerror=alert(1)&gt; &amp; co"
    assert slide["text"]["text"].startswith(
        '<p><em>Shelled</em> <a href="https://example.org/?a=1&amp;b=2">report</a> '
        "&lt;b&gt;bold&lt;/b&gt; [bad](javascript:alert(1))</p>")


# CSV

def test_events_csv_has_a_row_per_event_with_sortable_dates_and_names(harbour: Briefing) -> None:
    table = rows(events_csv(harbour))
    assert tuple(table[0]) == EVENT_COLUMNS
    assert [row["id"] for row in table] == ["blockade", "shelling", "truce", "lane-opens",
                                             "lane-closes"]
    assert table[1] == {
        "id": "shelling", "date": "2025-04?", "date_first_day": "2025-04-01",
        "date_last_day": "2025-04-30", "end_date": "", "end_date_first_day": "",
        "end_date_last_day": "", "date_shown": "Apr 2025 (uncertain)", "approximate": "false",
        "kind": "attack", "title": "Port shelled", "summary": "Port shelled.", "location": "",
        "actor_ids": "rebels", "actor_names": "Harbour Front", "claimed_by": "navy",
        "denied_by": "rebels", "attribution": "According to Coastal Navy; denied by Harbour Front",
        "source_ids": "wire", "source_urls": "https://example.org/harbour",
        "reported": "false", "according_to": "", "time": "", "timezone": "", "at": ""}
    assert (table[3]["date"], table[3]["date_first_day"], table[3]["date_last_day"]) == (
        "[2025-05-02..2025-05-06]", "2025-05-02", "2025-05-06")
    assert table[0]["actor_names"] == "Harbour Front; Coastal Navy"


def test_claims_csv_has_a_row_per_claim_with_its_figure_as_given(harbour: Briefing) -> None:
    table = rows(claims_csv(harbour))
    assert tuple(table[0]) == CLAIM_COLUMNS
    assert [(r["id"], r["value"], r["low"], r["high"], r["figure_shown"]) for r in table] == [
        ("navy-detained", "12", "", "", "12"), ("rebel-detained", "", "30", "", "at least 30"),
        ("navy-ships", "", "20", "25", "20-25"), ("rebel-ships", "", "", "8", "up to 8 ships")]
    assert table[1]["quote"] == "at least thirty sailors"
    assert (table[1]["event_id"], table[1]["event_title"]) == ("lane-opens", "A lane opens")
    assert (table[3]["date"], table[3]["date_first_day"], table[3]["date_last_day"]) == (
        "2025-06", "2025-06-01", "2025-06-30")


def test_a_briefing_without_claims_still_has_a_claims_table(riverland: Briefing) -> None:
    assert claims_csv(riverland) == ",".join(CLAIM_COLUMNS) + "\r\n"


def test_csv_cells_that_a_spreadsheet_would_run_are_kept_as_text(harbour: Briefing) -> None:
    event = harbour.events[0].model_copy(update={
        "title": '=HYPERLINK("https://evil.example","x")', "location": "+1, -1",
        "summary": "Line one,\nline \"two\""})
    row = rows(events_csv(harbour.model_copy(update={"events": [event]})))[0]
    assert row["title"] == '\'=HYPERLINK("https://evil.example","x")'
    assert row["location"] == "'+1, -1"
    assert row["summary"] == 'Line one, line "two"'


# The feed

SITE = Site.of("Briefings <&>", "https://example.org/briefings", "All of them.")


def feed_of(*briefings: Briefing, site: Site = SITE) -> Any:
    text = atom_feed([Card.of(b) for b in briefings], site, TODAY)
    parsed = feedparser.parse(text.encode("utf-8"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_feed_has_an_entry_per_update_newest_first_with_stable_ids(
        harbour: Briefing, riverland: Briefing) -> None:
    river = with_updates(riverland, ("2025-10-20", "First published."),
                         ("2025-10-25", "Talks *resume*."))
    harbour = with_updates(harbour, ("2025-10-25", "Truce holds."),
                           ("2025-10-25", "Figures revised."), ("2025-06", "Started."))
    feed = feed_of(river, harbour)
    assert feed.version == "atom10"
    assert feed.feed.title == "Briefings <&>"
    assert feed.feed.id == "https://example.org/briefings/feed.xml"
    assert feed.feed.updated == "2025-10-25T00:00:00Z"
    assert [(e.title, e.id, e.updated, e.link) for e in feed.entries] == [
        ("Harbour blockade: Truce holds.",
         "tag:example.org,2025-10-25:/briefings/harbour/updates/2025-10-25",
         "2025-10-25T00:00:00Z", "https://example.org/briefings/harbour/"),
        ("Harbour blockade: Figures revised.",
         "tag:example.org,2025-10-25:/briefings/harbour/updates/2025-10-25/2",
         "2025-10-25T00:00:00Z", "https://example.org/briefings/harbour/"),
        ("Riverland ceasefire: Talks resume.",
         "tag:example.org,2025-10-25:/briefings/riverland/updates/2025-10-25",
         "2025-10-25T00:00:00Z", "https://example.org/briefings/riverland/"),
        ("Riverland ceasefire: First published.",
         "tag:example.org,2025-10-20:/briefings/riverland/updates/2025-10-20",
         "2025-10-20T00:00:00Z", "https://example.org/briefings/riverland/"),
        ("Harbour blockade: Started.",
         "tag:example.org,2025-06-01:/briefings/harbour/updates/2025-06-01",
         "2025-06-01T00:00:00Z", "https://example.org/briefings/harbour/")]
    assert feed.entries[2].content[0].value == (
        "<p>25 Oct 2025: Talks <em>resume</em>.</p><p>Status: Active · As of 25 Oct 2025</p>")


def test_feed_without_site_url_links_relative_to_itself_and_keeps_its_ids(
        riverland: Briefing) -> None:
    river = with_updates(riverland, ("2025-10-25", "Talks resume."))
    text = atom_feed([Card.of(river)], Site(), TODAY)
    assert '<link rel="alternate" href="riverland/" type="text/html" />' in text
    assert '<link rel="self" href="feed.xml" type="application/atom+xml" />' in text
    feed = feed_of(river, site=Site())
    assert feed.entries[0].id.startswith("urn:uuid:")
    assert feed.entries[0].id == feed_of(river, site=Site()).entries[0].id
    assert feed.feed.author == "Situation briefings"


def test_feed_escapes_what_editors_wrote(riverland: Briefing) -> None:
    river = with_updates(riverland.model_copy(update={"briefing": riverland.briefing.model_copy(
        update={"title": "Riverland </title><script>x</script>"})}),
        ("2025-10-25", "<img src=x onerror=alert(1)> & [link](javascript:alert(1))"))
    entry = feed_of(river).entries[0]
    assert entry.title == ("Riverland </title><script>x</script>: <img src=x onerror=alert(1)> "
                           "& [link](javascript:alert(1))")
    assert entry.content[0].value.startswith(
        "<p>25 Oct 2025: &lt;img src=x onerror=alert(1)&gt; &amp; [link](javascript:alert(1))")


def test_the_feed_keeps_the_newest_updates_only_however_many_the_site_has(
        riverland: Briefing, harbour: Briefing) -> None:
    days = [TODAY - dt.timedelta(days=n) for n in range(FEED_ENTRIES + 30)]
    river = with_updates(riverland, *[(day.isoformat(), f"Day {day}.") for day in days[::2]])
    harbour = with_updates(harbour, *[(day.isoformat(), f"Day {day}.") for day in days[1::2]])
    feed = feed_of(river, harbour)
    assert len(feed.entries) == FEED_ENTRIES
    assert [e.updated[:10] for e in feed.entries] == [d.isoformat() for d in days[:FEED_ENTRIES]]
    assert feed.feed.updated == f"{TODAY}T00:00:00Z"


def test_an_empty_site_has_a_valid_feed_without_entries() -> None:
    feed = feed_of()
    assert feed.entries == []
    assert feed.feed.updated == "2026-01-15T00:00:00Z"


def test_cards_keep_their_updates_through_the_cache(riverland: Briefing) -> None:
    card = Card.of(with_updates(riverland, ("[2025-10-20..2025-10-24]", "Revised.")))
    assert Card.from_json(json.loads(json.dumps(card.to_json()))) == card


# Descriptions and JSON-LD

def front_matter(pages: dict[str, str], path: str) -> dict[str, Any]:
    """A page's front matter, its JSON-LD read back as data with its addresses from the
    site's root (the page's script holds them relative to the page)."""
    data = yaml.safe_load(pages[path].split("---\n")[1])
    assert isinstance(data, dict)
    if "jsonld" in data:
        data["jsonld"] = from_root(json.loads(data["jsonld"]), page_base(url_of(path)))
    return data


def from_root(data: Any, base: str) -> Any:
    """JSON-LD with each address relative to the page at `base` read from the site's root."""
    if isinstance(data, dict):
        return {key: value.removeprefix(base) if key in ("@id", "url") and isinstance(
            value, str) and value.startswith(base) else from_root(value, base)
            for key, value in data.items()}
    if isinstance(data, list):
        return [from_root(item, base) for item in data]
    return data


def types(jsonld: dict[str, Any]) -> list[Any]:
    return [node["@type"] for node in jsonld["@graph"]]


@pytest.fixture(scope="module")
def harbour_pages(harbour: Briefing) -> dict[str, str]:
    """The pages of `harbour`, rendered once."""
    return render_briefing(harbour, TODAY)


@pytest.mark.parametrize(("path", "expected"), [
    ("harbour/index.md", ["Report", "Claim", "Claim", "Claim", "Claim", "CreativeWork"]),
    ("harbour/timeline.md", ["WebPage", *["Event"] * 5, "Claim", "Claim", "CreativeWork"]),
    ("harbour/actors/index.md", ["CollectionPage"]),
    ("harbour/actors/navy.md", ["ProfilePage"]),
    ("harbour/stakes.md", ["WebPage"]),
    ("harbour/commitments.md", ["WebPage"]),
    ("harbour/sources.md", ["CollectionPage"]),
])
def test_every_page_has_json_ld_of_its_own_types(
        harbour_pages: dict[str, str], path: str, expected: list[str]) -> None:
    jsonld = front_matter(harbour_pages, path)["jsonld"]
    assert jsonld["@context"] == "https://schema.org"
    assert types(jsonld) == expected


def test_the_overview_is_a_report_about_its_actors_with_its_dates(harbour: Briefing) -> None:
    briefing = with_updates(harbour, ("2025-06-15", "Truce holds."), ("2025-04", "Started."))
    report = front_matter(render_briefing(briefing, TODAY), "harbour/index.md")["jsonld"][
        "@graph"][0]
    assert (report["headline"], report["dateModified"], report["datePublished"]) == (
        "Harbour blockade", "2025-06-15", "2025-04")
    assert report["@id"] == "harbour/#briefing"
    assert [(a["@type"], a["name"]) for a in report["mentions"]] == [
        ("GovernmentOrganization", "Coastal Navy"), ("Organization", "Harbour Front"),
        (["Country", "Organization"], "Marovia")]
    assert report["citation"] == [{"@id": "harbour/sources/#wire"}]


def test_an_actor_page_is_a_profile_of_the_actor_with_its_quotes(riverland: Briefing) -> None:
    graph = front_matter(render_briefing(riverland, TODAY), "riverland/actors/council.md")[
        "jsonld"]["@graph"]
    assert types({"@graph": graph}) == ["ProfilePage", "Quotation", "CreativeWork"]
    assert graph[0]["mainEntity"] == {
        "@type": "GovernmentOrganization", "@id": "riverland/actors/council/#actor",
        "name": "River Council", "url": "riverland/actors/council/",
        "description": "Governs the north bank.", "alternateName": ["RC"]}
    assert graph[1] == {"@type": "Quotation", "text": "talks will resume next week",
                        "creator": {"@type": "GovernmentOrganization", "name": "River Council",
                                    "@id": "riverland/actors/council/#actor"},
                        "citation": {"@id": "riverland/sources/#council-statement"}}


def test_events_are_events_with_honest_iso_dates(harbour_pages: dict[str, str]) -> None:
    graph = front_matter(harbour_pages, "harbour/timeline.md")["jsonld"]["@graph"]
    events = {node["name"]: node for node in graph if node["@type"] == "Event"}
    assert events["Blockade begins"]["startDate"] == "2025-03"
    assert events["Blockade begins"]["description"] == "c. Mar 2025. Blockade begins."
    # One day between 2 and 6 May: all ISO 8601 can say truthfully is "May 2025".
    assert events["A lane opens"]["startDate"] == "2025-05"
    assert events["Port shelled"]["description"] == (
        "Apr 2025 (uncertain). According to Coastal Navy; denied by Harbour Front. Port shelled.")
    assert events["Truce signed in Marovia"]["@id"] == "harbour/timeline/#truce"
    assert events["Truce signed in Marovia"]["subjectOf"] == [{"@id": "harbour/sources/#wire"}]


def test_claims_name_their_author_and_where_they_appeared(harbour_pages: dict[str, str]) -> None:
    graph = front_matter(harbour_pages, "harbour/index.md")["jsonld"]["@graph"]
    claim = next(n for n in graph if n.get("@id") == "harbour/#claim-rebel-detained")
    assert claim == {
        "@type": "Claim", "@id": "harbour/#claim-rebel-detained",
        "name": "Sailors detained: at least 30", "text": "at least thirty sailors",
        "author": {"@type": "Organization", "@id": "harbour/actors/rebels/#actor",
                   "name": "Harbour Front"},
        "appearance": [{"@id": "harbour/sources/#wire"}],
        "about": {"@type": "Event", "@id": "harbour/timeline/#lane-opens",
                  "name": "A lane opens"}}


@pytest.mark.parametrize(("path", "description"), [
    ("harbour/index.md",
     "Rebels blockade the harbour; a truce brokered by Marovia holds in part."),
    ("harbour/timeline.md",
     "5 events of Harbour blockade, from c. Mar 2025 to 2 Jun 2025. "
     "Latest: The lane closes again."),
    ("harbour/actors/index.md",
     "The 3 actors of Harbour blockade: Coastal Navy, Harbour Front, Marovia."),
    ("harbour/actors/marovia.md", "Neighbouring state and mediator."),
    ("harbour/stakes.md", "What is at stake in Harbour blockade: Control of the harbour."),
    ("harbour/commitments.md", "Harbour blockade: 5 commitments: 1 pending, 2 overdue, "
                               "1 disputed, 1 broken."),
    ("harbour/sources.md", "The 1 sources of Harbour blockade, from Coast Wire."),
])
def test_every_page_is_described_by_its_own_summary(
        harbour_pages: dict[str, str], path: str, description: str) -> None:
    assert front_matter(harbour_pages, path)["description"] == description


def test_a_description_is_plain_text_escaped_for_the_theme_and_cut_at_a_word(
        riverland: Briefing) -> None:
    summary = "A *bold* claim: <b>" + " word" * 60
    meta = riverland.briefing.model_copy(update={"summary": summary})
    pages = render_briefing(riverland.model_copy(update={"briefing": meta}), TODAY)
    description = front_matter(pages, "riverland/index.md")["description"]
    assert description.startswith("A bold claim: &lt;b&gt; word word")
    assert description.endswith(" word…")
    assert len(description.replace("&lt;", "<").replace("&gt;", ">")) <= 160


# The pieces

@pytest.mark.parametrize(("text", "plain", "html"), [
    ("*a* **b** `c<d>`", "a b c<d>", "<em>a</em> <strong>b</strong> <code>c&lt;d&gt;</code>"),
    ("[x](https://e.org/?a&b)", "x", '<a href="https://e.org/?a&amp;b">x</a>'),
    ("[x](javascript:alert(1))", "[x](javascript:alert(1))", "[x](javascript:alert(1))"),
    ("![p](https://e.org/p.png)", "![p](https://e.org/p.png)", "![p](https://e.org/p.png)"),
    ("<script>alert(1)</script>", "<script>alert(1)</script>",
     "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("one  \ntwo\nthree", "one two three", "one<br>two three"),
])
def test_markdown_fields_as_plain_text_and_html(text: str, plain: str, html: str) -> None:
    assert (to_plain(text), to_html(text)) == (plain, html)


@pytest.mark.parametrize(("text", "limit", "cut"), [
    ("short", 10, "short"), ("one two three", 9, "one two…"), ("one two, three", 13, "one two…"),
    ("averyveryverylongword", 8, "averyve…")])
def test_truncate_cuts_at_a_word(text: str, limit: int, cut: str) -> None:
    assert truncate(text, limit) == cut
    assert len(truncate(text, limit)) <= limit


@pytest.mark.parametrize(("written", "iso"), [
    ("2025-10-19", "2025-10-19"), ("2025-10~", "2025-10"), ("2025%", "2025"),
    ("[2025-10-20..2025-10-24]", "2025-10"), ("[2025-10-20..2025-11-02]", "2025"),
    ("[2025-12-30..2026-01-02]", None)])
def test_iso_within_is_never_more_precise_than_what_is_known(written: str,
                                                             iso: str | None) -> None:
    assert iso_within(parse_date(written)) == iso


def test_addresses_resolve_against_site_url_or_the_way_back_to_the_root() -> None:
    data = {"@id": "a/#x", "url": "a/", "about": [{"@id": "#website"}],
            "sameAs": "a/", "citation": {"url": "HTTPS://example.org/x"}}
    assert resolve(data, "https://example.org/site/") == {
        "@id": "https://example.org/site/a/#x", "url": "https://example.org/site/a/",
        "about": [{"@id": "https://example.org/site/#website"}], "sameAs": "a/",
        "citation": {"url": "HTTPS://example.org/x"}}
    assert resolve(data, "../../")["@id"] == "../../a/#x"


def test_render_reads_the_site_from_mkdocs_yml_whatever_tags_it_holds(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Desk\nsite_url: https://example.org/desk\n"
                      "theme: {name: material, language: fr}\n"
                      "markdown_extensions:\n  - pymdownx.emoji:\n"
                      "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                      "extra: {key: !ENV [HOME, x]}\n", encoding="utf-8")
    assert read_config(tmp_path).site == Site("Desk", "https://example.org/desk/", None, None,
                                              "fr")
    assert read_config(tmp_path / "no-configuration").site == Site()


def test_the_docs_document_every_data_file_and_column() -> None:
    import re

    from generator.render.page_table import DATA_FILES

    section = (HERE.parent / "docs/readers.md").read_text(encoding="utf-8")
    for name in DATA_FILES:
        assert f"`/<slug>/{name}`" in section, name
    for intro, columns in (("Columns of `events.csv`:", EVENT_COLUMNS),
                           ("Of `claims.csv`:", CLAIM_COLUMNS)):
        listed = section.split(intro, 1)[1].split(".", 1)[0]
        assert tuple(re.findall(r"`(\w+)`", listed)) == columns


# Every term of the JSON-LD is schema.org's, used on the types it belongs to.

VOCABULARY = json.loads((HERE / "schemaorg-30.0.json").read_text(encoding="utf-8"))
"""schema.org's types (with their supertypes) and properties (with the types they belong
to and the types of their values), from its release 30.0."""


def ancestors(kind: str) -> set[str]:
    found, stack = {kind}, [kind]
    while stack:
        for parent in VOCABULARY["types"].get(stack.pop(), []):
            if parent not in found:
                found.add(parent)
                stack.append(parent)
    return found


def vocabulary_problems(node: Any) -> list[str]:
    """Unknown types and properties, properties on types outside their domain, and nodes
    outside their property's range, anywhere in `node`."""
    if isinstance(node, list):
        return [p for item in node for p in vocabulary_problems(item)]
    if not isinstance(node, dict):
        return []
    kinds = node.get("@type", [])
    kinds = [kinds] if isinstance(kinds, str) else kinds
    problems = [f"unknown type {k}" for k in kinds if k not in VOCABULARY["types"]]
    mine = set().union(*(ancestors(k) for k in kinds))
    for key, value in node.items():
        if key.startswith("@"):
            continue
        if key not in VOCABULARY["properties"]:
            problems.append(f"unknown property {key}")
            continue
        domain, value_range = VOCABULARY["properties"][key]
        if kinds and not mine & set(domain):
            problems.append(f"{kinds} has no property {key}")
        for child in value if isinstance(value, list) else [value]:
            inner = child.get("@type", []) if isinstance(child, dict) else []
            inner = [inner] if isinstance(inner, str) else inner
            if inner and not set().union(*(ancestors(k) for k in inner)) & set(value_range):
                problems.append(f"{kinds}.{key} holds a {inner}")
        problems += vocabulary_problems(value)
    return problems


def test_json_ld_uses_schema_org_terms_where_they_belong(
        harbour: Briefing, riverland: Briefing) -> None:
    briefing = with_updates(harbour, ("2025-06-15", "Truce holds."))
    pages = {**render_briefing(briefing, TODAY), **render_briefing(riverland, TODAY)}
    graphs = [front_matter(pages, path)["jsonld"] for path in pages if path.endswith(".md")]
    graphs.append(website("Desk", "All.", [Card.of(briefing)]))
    problems = sorted({p for graph in graphs for p in vocabulary_problems(graph["@graph"])})
    assert problems == []
    # And the check itself finds what it is for.
    assert vocabulary_problems({"@type": "Event", "jobTitle": "x",
                                "author": {"@type": "Country"}}) == [
        "['Event'] has no property jobTitle", "['Event'] has no property author",
        "['Event'].author holds a ['Country']"]

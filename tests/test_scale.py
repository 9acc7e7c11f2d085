"""What stays bounded however many briefings a site has: the sitemap, the home page, and
the wait before a cold build starts on its first page.

A desk that covers every situation it watches reaches hundreds of briefings. Nothing a
reader or a crawler fetches may grow without end: the sitemap splits into an index of
parts at the protocol's limits, and the home page shows the newest briefings with
the rest a click away (see tests/test_exports.py for the feed's cap). A cold build
checks every briefing first and renders their pages while MkDocs reads the first ones
(see tests/test_dirty.py for the site it makes).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_search_index import indexed_count, searched_pages

from generator.base.problems import BriefingError
from generator.build.cache import BuildCache
from generator.build.pipeline import ContentLoader, PagesLater
from generator.content.dates import parse_date
from generator.render.card import Card
from generator.render.desk import HOME_CARDS, listings
from generator.render.head import website
from generator.render.page_table import HOME
from generator.render.renderer import render_desk
from generator.render.sitemaps import split_sitemap

from conftest import Project

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


TODAY = dt.date(2026, 1, 15)


def three_briefings(project: Project) -> list[str]:
    for slug in ("riverland-north", "riverland-south"):
        shutil.copytree(project.content / "riverland", project.content / slug)
    return ["riverland", "riverland-north", "riverland-south"]


@pytest.mark.parametrize("order", [1, -1], ids=["in order", "out of order"])
def test_pages_rendered_while_the_builder_reads_are_those_rendered_before_it(
        project: Project, monkeypatch: pytest.MonkeyPatch, order: int) -> None:
    slugs = three_briefings(project)
    monkeypatch.setattr(PagesLater, "AHEAD", 1)  # one briefing ahead of the reader
    at_once = ContentLoader(project.root, project.content, project.seeds).load(
        TODAY, render=True)
    checked = ContentLoader(project.root, project.content, project.seeds).load(
        TODAY, render=True, workers=2, defer_pages=True)
    assert sorted(checked.deferred) == slugs
    later = PagesLater(checked, BuildCache(None))
    try:
        for slug in slugs[::order]:
            first = checked.briefings[slug].pages or {}
            # Every file, page or data, is announced, in its place, before it is rendered.
            assert list(first) == list(at_once.briefings[slug].pages or {})
            assert not any(first.values())
            assert any(not p.endswith(".md") for p in first)
            rendered = later.result(slug)
            assert rendered.pages == at_once.briefings[slug].pages
            assert rendered.digests == at_once.briefings[slug].digests
    finally:
        later.stop()


def test_a_seed_changed_before_its_pages_are_rendered_stops_the_build_with_a_clear_error(
        project: Project) -> None:
    three_briefings(project)
    checked = ContentLoader(project.root, project.content, project.seeds).load(
        TODAY, render=True, workers=2, defer_pages=True)
    seed = project.seeds / "council.txt"
    seed.write_text(seed.read_text().replace("talks will resume", "talks may resume"))
    later = PagesLater(checked, BuildCache(None))
    try:
        with pytest.raises(BriefingError) as raised:
            later.result("riverland")
    finally:
        later.stop()
    # The plugin adds that nothing was published and the site folder was left as it was.
    assert str(raised.value) == ("content/riverland changed while the site was being built "
                                 "(a seed it quotes?): build again")


def sitemap_of(count: int) -> str:
    urls = "".join(f"    <url>\n         <loc>https://example.org/b{n}/</loc>\n    </url>\n"
                   for n in range(count))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{urls}</urlset>")


def locations(text: str) -> list[str]:
    return [loc.text or "" for loc in ET.fromstring(text).iter(f"{SITEMAP_NS}loc")]


def test_a_sitemap_within_the_limits_is_left_as_it_is() -> None:
    text = sitemap_of(3)
    assert split_sitemap(text, "https://example.org/") == {"sitemap.xml": text}
    assert split_sitemap(text, None, max_urls=1) == {"sitemap.xml": text}


def test_past_the_limit_on_addresses_the_sitemap_becomes_an_index_of_parts() -> None:
    files = split_sitemap(sitemap_of(5), "https://example.org/", max_urls=2)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == f"{SITEMAP_NS}sitemapindex"
    assert locations(files["sitemap.xml"]) == [f"https://example.org/sitemap-{n}.xml"
                                               for n in (1, 2, 3)]
    parts = [locations(files[f"sitemap-{n}.xml"]) for n in (1, 2, 3)]
    assert [len(part) for part in parts] == [2, 2, 1]
    assert [loc for part in parts for loc in part] == locations(sitemap_of(5))


def test_past_the_limit_on_bytes_each_part_stays_under_it() -> None:
    text = sitemap_of(40)
    files = split_sitemap(text, "https://example.org/", max_bytes=len(text.encode()) // 3)
    parts = {name: part for name, part in files.items() if name != "sitemap.xml"}
    assert len(parts) >= 3
    assert all(len(part.encode()) <= len(text.encode()) // 3 for part in parts.values())
    assert [loc for part in parts.values() for loc in locations(part)] == locations(text)


def test_an_editions_sitemap_splits_in_its_own_folder() -> None:
    files = split_sitemap(sitemap_of(3), "https://example.org/", "fr/sitemap.xml", max_urls=2)
    assert sorted(files) == ["fr/sitemap-1.xml", "fr/sitemap-2.xml", "fr/sitemap.xml"]
    assert locations(files["fr/sitemap.xml"])[0] == "https://example.org/fr/sitemap-1.xml"


# The desk: a large one shows its newest briefings and lists the rest on plain pages.

TODAY = dt.date(2026, 1, 15)
STATUSES = ("active", "monitoring", "resolved")


@pytest.fixture(scope="module")
def riverland_card() -> Card:
    content = ContentLoader(HERE.parent, FIXTURES, FIXTURES / "seeds").load(TODAY,
                                                                           only={"riverland"})
    briefing = content.briefings["riverland"].briefing
    assert briefing is not None
    return Card.of(briefing)


def desk(card: Card, count: int) -> list[Card]:
    """`count` briefings made from `card`: one a day back from `TODAY`, statuses in turn,
    a region per five, tags from a small set, every third at Kabul and the rest nowhere."""
    return [dataclasses.replace(
        card, slug=f"b{n:03d}", title=f"Briefing {n}", status=STATUSES[n % 3],
        as_of=parse_date((TODAY - dt.timedelta(days=n)).isoformat()),
        region=f"Region {n // 5}", tags=("ceasefire", "trade")[:1 + n % 2],
        centre=(69.2, 34.5) if n % 3 == 0 else None) for n in range(count)]


def cards_on(page: str) -> list[str]:
    return re.findall(r"^## \[Briefing (\d+)\]", page, re.MULTILINE)


def test_a_desk_of_up_to_24_briefings_is_one_home_page_with_every_one(
        riverland_card: Card) -> None:
    files = render_desk(desk(riverland_card, HOME_CARDS), TODAY)
    assert list(files) == [HOME]
    assert len(cards_on(files[HOME])) == HOME_CARDS
    assert "data-desk-controls" in files[HOME]  # its filters are the script's


def test_a_large_desk_shows_its_newest_briefings_and_lists_every_one_on_later_pages(
        riverland_card: Card) -> None:
    files = render_desk(desk(riverland_card, 60), TODAY)
    home = files[HOME]
    assert cards_on(home) == [str(n) for n in range(HOME_CARDS)]
    assert "60 briefings; the 24 most recently updated first." in home
    assert "[All 60 briefings](briefings/index.md)" in home
    every = [files["briefings/index.md"], files["briefings/2.md"], files["briefings/3.md"]]
    assert "briefings/4.md" not in files
    assert [n for page in every for n in cards_on(page)] == [str(n) for n in range(60)]
    assert "Page 2 of 3." in every[1]
    assert '[Newer](index.md){: rel="prev" } · [Older](3.md){: rel="next" }' in every[1]
    assert "[Older]" not in every[2]


def test_filters_are_links_to_listing_pages_that_work_without_script(
        riverland_card: Card) -> None:
    files = render_desk(desk(riverland_card, 60), TODAY)
    home = files[HOME]
    assert "data-desk-controls" not in home
    assert "Status: [Active](briefings/status/active.md) (20) · " \
           "[Monitoring](briefings/status/monitoring.md) (20) · " \
           "[Resolved](briefings/status/resolved.md) (20)" in home
    assert "Tags: [ceasefire](briefings/tags/ceasefire.md) (60) · " \
           "[trade](briefings/tags/trade.md) (30)" in home
    assert "[Region 3](briefings/regions/region-3.md) (5)" in home
    active = files["briefings/status/active.md"]
    assert cards_on(active) == [str(n) for n in range(0, 60, 3)]
    assert "# Briefings: Active" in active
    assert 'search: {"exclude": true}' in active  # its cards are their briefings' hits
    # Each card links its region and tags to their listings, from wherever it is shown.
    assert "[Region 0](briefings/regions/region-0.md)" in home
    assert "[Region 0](../../briefings/regions/region-0.md)" in active


def test_briefings_close_together_share_one_marker_that_lists_them(
        riverland_card: Card) -> None:
    files = render_desk(desk(riverland_card, 60), TODAY)
    markers = re.findall(r'<a href="(briefings/map/[^"]+/)" aria-label="(\d+) briefings here"',
                         files[HOME])
    assert len(markers) == 1
    url, count = markers[0]
    listed = files[url.rstrip("/") + ".md"]
    assert count == "20" and cards_on(listed) == [str(n) for n in range(0, 60, 3)][:HOME_CARDS]
    assert not re.search(r'<a href="b\d+/"', files[HOME])  # no lone pin left


def test_the_home_page_stays_the_same_size_however_large_the_desk(
        riverland_card: Card) -> None:
    sizes = [len(render_desk(desk(riverland_card, n), TODAY)[HOME].encode())
             for n in (30, 300)]
    assert sizes[1] < sizes[0] * 1.1, sizes


def test_the_home_pages_json_ld_lists_the_briefings_it_shows(riverland_card: Card) -> None:
    jsonld = website("Desk", None, desk(riverland_card, 60))
    items = jsonld["@graph"][1]["mainEntity"]["itemListElement"]
    assert [item["item"]["url"] for item in items] == [f"b{n:03d}/" for n in range(HOME_CARDS)]


def test_a_region_in_any_script_gets_an_address(riverland_card: Card) -> None:
    cards = desk(riverland_card, 30)
    cards[0] = dataclasses.replace(cards[0], region="کابل")
    cards[1] = dataclasses.replace(cards[1], region="Région 7")
    paths = [listing.path() for listing in listings(cards) if listing.kind == "regions"]
    assert "briefings/regions/region-7.md" in paths
    assert any(re.fullmatch(r"briefings/regions/x-[0-9a-f]{8}\.md", p) for p in paths), paths
    assert len(set(paths)) == len(paths)


class Hrefs(HTMLParser):
    """Every link of a page: `<a href>`, `rel` and whether it is inside the desk map."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.found.append((attributes["href"] or "", attributes.get("rel")))


def internal_links(site: Path, page: Path) -> list[tuple[str, Path]]:
    parser = Hrefs()
    parser.feed(page.read_text(encoding="utf-8"))
    found = []
    for href, _ in parser.found:
        target = urlsplit(href)
        if target.scheme or target.netloc or not target.path:
            continue
        path = (page.parent / target.path).resolve()
        found.append((href, path / "index.html" if path.is_dir() or href.endswith("/")
                      else path))
    return found


@pytest.mark.slow
def test_a_large_desk_builds_with_every_listing_linked_and_none_in_search(
        project: Project) -> None:
    """30 briefings: the home page shows 24 and links the rest, all as plain links that
    lead somewhere, and the listing pages stay out of the search index."""
    for n in range(1, 30):
        folder = project.content / f"river-{n:02d}"
        shutil.copytree(project.content / "riverland", folder)
        project.edit(f"content/river-{n:02d}/briefing.yml", "title: Riverland ceasefire",
                     f"title: River {n:02d}\nregion: Basin {n % 4}\ntags: [water]")
        project.edit(f"content/river-{n:02d}/briefing.yml", "status: active",
                     f"status: {STATUSES[n % 3]}")
    result = project.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    site = project.root / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert home.count('<article class="desk__item"') == HOME_CARDS
    listing_pages = sorted(site.glob("briefings/**/index.html"))
    assert {p.relative_to(site).as_posix() for p in listing_pages} >= {
        "briefings/index.html", "briefings/2/index.html", "briefings/status/active/index.html",
        "briefings/tags/water/index.html", "briefings/regions/basin-1/index.html"}
    every = sum((site / p).read_text(encoding="utf-8").count('<article class="desk__item"')
                for p in ("briefings/index.html", "briefings/2/index.html"))
    assert every == 30
    for page in [site / "index.html", *listing_pages]:
        broken = [href for href, path in internal_links(site, page) if not path.is_file()]
        assert broken == [], page
    searched = searched_pages(site)
    assert "river-01/index.html" in searched
    assert not [page for page in searched if page.startswith("briefings/")]
    assert indexed_count(site) == len(searched)

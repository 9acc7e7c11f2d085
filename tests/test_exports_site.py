"""What a real `mkdocs build` publishes for readers to take away, with `site_url` set and
without it: the data files, the feed, and each page's head (description, Open
Graph, canonical link, JSON-LD), and the sitemap."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import feedparser
import pytest

from generator.publish.csp import inline_script_hashes

from conftest import FIXTURES, Project, make_project

URL = "https://briefings.example.org/desk/"


def build(root: Path, site_url: str | None) -> Project:
    """The riverland and harbour fixtures, riverland with two updates, built `--strict`."""
    project = make_project(root)
    shutil.copytree(FIXTURES / "harbour", root / "content" / "harbour")
    project.edit("content/riverland/briefing.yml", "sources: [council-statement]",
                 "sources: [council-statement]\nupdates:\n"
                 "  - {date: 2025-10-25, summary: Talks *resume*.}\n"
                 "  - {date: 2025-10-20, summary: First published.}")
    if site_url:
        project.edit("mkdocs.yml", "site_name: Situation briefings",
                     f"site_name: Situation briefings\nsite_url: {site_url}")
    result = project.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("published"), URL).root / "site"


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("local"), None).root / "site"


class Head(HTMLParser):
    """The `<meta>`, `<link>` and JSON-LD of a page's head."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.jsonld: list[Any] = []
        self._in_jsonld = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("name" in values or "property" in values):
            self.meta[values.get("name") or values["property"]] = values.get("content", "")
        elif tag == "link":
            self.links.append(values)
        self._in_jsonld = tag == "script" and values.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(json.loads(data))
            self._in_jsonld = False

    def link(self, rel: str) -> dict[str, str] | None:
        return next((link for link in self.links if link.get("rel") == rel), None)


def head(site: Path, page: str) -> Head:
    return Head((site / page).read_text(encoding="utf-8"))


PAGES = ["index.html", "riverland/index.html", "harbour/index.html",
         "harbour/timeline/index.html", "harbour/actors/index.html",
         "harbour/actors/navy/index.html", "harbour/stakes/index.html",
         "harbour/commitments/index.html", "harbour/sources/index.html"]


pytestmark = pytest.mark.slow


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_its_description_open_graph_feed_link_and_json_ld(
        published: Path, page: str) -> None:
    found = head(published, page)
    assert found.meta["og:description"] == found.meta["description"] != ""
    assert found.meta["og:site_name"] == "Situation briefings"
    assert found.meta["og:type"] == ("website" if page == "index.html" else "article")
    canonical = URL + page.removesuffix("index.html")
    assert found.link("canonical") == {"rel": "canonical", "href": canonical}
    assert found.meta["og:url"] == canonical
    assert found.link("alternate") == {
        "rel": "alternate", "type": "application/atom+xml",
        "title": "Situation briefings: updates", "href": "../" * page.count("/") + "feed.xml"}
    [jsonld] = found.jsonld
    ids = [node.get("@id", "") for node in jsonld["@graph"]]
    assert ids and all(i.startswith(URL) for i in ids if i), ids


def test_the_home_page_describes_the_site_and_lists_its_briefings(published: Path) -> None:
    [jsonld] = head(published, "index.html").jsonld
    site, page = jsonld["@graph"]
    assert site == {"@type": "WebSite", "@id": URL + "#website", "url": URL,
                    "name": "Situation briefings",
                    "description": "Briefings on fast-moving news and security situations, "
                                   "with their sources."}
    items = page["mainEntity"]["itemListElement"]
    assert [(i["position"], i["item"]["url"]) for i in items] == [
        (1, URL + "riverland/"), (2, URL + "harbour/")]


def test_titles_are_escaped_once_in_open_graph(published: Path) -> None:
    found = head(published, "harbour/actors/navy/index.html")
    assert found.meta["og:title"] == "Coastal Navy - Harbour blockade"


def test_the_sitemap_lists_every_page_once_site_url_is_set(published: Path,
                                                           local: Path) -> None:
    urls = re.findall(r"<loc>(.*?)</loc>", (published / "sitemap.xml").read_text())
    assert URL + "harbour/timeline/" in urls and URL in urls
    assert re.findall(r"<loc>", (local / "sitemap.xml").read_text()) == []


def test_without_site_url_addresses_are_relative_and_there_is_no_canonical_link(
        local: Path) -> None:
    found = head(local, "harbour/timeline/index.html")
    assert found.link("canonical") is None
    assert "og:url" not in found.meta
    page = found.jsonld[0]["@graph"][0]
    assert (page["@id"], page["isPartOf"]["@id"]) == (
        "../../harbour/timeline/", "../../harbour/#briefing")


def test_the_feed_parses_with_absolute_links_once_site_url_is_set(published: Path,
                                                                  local: Path) -> None:
    feed = feedparser.parse((published / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert [(e.title, e.link, e.id) for e in feed.entries] == [
        ("Riverland ceasefire: Talks resume.", URL + "riverland/",
         "tag:briefings.example.org,2025-10-25:/desk/riverland/updates/2025-10-25"),
        ("Riverland ceasefire: First published.", URL + "riverland/",
         "tag:briefings.example.org,2025-10-20:/desk/riverland/updates/2025-10-20")]
    assert feed.feed.links[0] == {"rel": "self", "href": URL + "feed.xml",
                                  "type": "application/atom+xml"}
    relative = feedparser.parse((local / "feed.xml").read_bytes())
    assert not relative.bozo
    assert [e.title for e in relative.entries] == [e.title for e in feed.entries]


def test_each_briefing_publishes_its_data_beside_its_pages(published: Path) -> None:
    for slug, events, claims in (("riverland", 2, 0), ("harbour", 5, 4)):
        folder = published / slug
        assert json.loads((folder / "briefing.json").read_text())["slug"] == slug
        assert len(json.loads((folder / "timelinejs.json").read_text())["events"]) == events
        for name, count in (("events.csv", events), ("claims.csv", claims)):
            text = (folder / name).read_bytes().decode("utf-8")
            assert len(list(csv.DictReader(io.StringIO(text, newline="")))) == count
        page = (folder / "index.html").read_text(encoding="utf-8")
        for name in ("briefing.json", "events.csv", "claims.csv", "timelinejs.json"):
            assert f'href="{name}"' in page


def test_json_ld_is_data_that_the_policy_leaves_alone(published: Path) -> None:
    page = (published / "harbour/timeline/index.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script[^>]*>.*?</script>", page, re.S)
    data = [s for s in scripts if "application/ld+json" in s]
    assert len(data) == 1
    assert inline_script_hashes(data[0]) == []

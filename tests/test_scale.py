"""What stays bounded however many briefings a site has: the sitemap, the home page.

A desk that covers every situation it watches reaches hundreds of briefings. Nothing a
reader or a crawler fetches may grow without end: the sitemap splits into an index of
parts at the protocol's limits, and the home page shows the newest briefings with
the rest a click away (see tests/test_exports.py for the feed's cap).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.render.sitemaps import split_sitemap

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


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

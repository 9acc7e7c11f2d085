"""Sitemaps within the protocol's limits: past 50,000 addresses or 50 MB, an index of parts.

The sitemap protocol (sitemaps.org) allows one file at most 50,000 `<url>` entries
and 50 MB uncompressed; a larger site lists its sitemaps in a sitemap index at the
same address. `split_sitemap` turns any sitemap text (MkDocs' own, or an edition's)
into that index and its parts, `sitemap-1.xml`, `sitemap-2.xml`, ... beside it, and
leaves a sitemap within the limits as it is.
"""

from __future__ import annotations

import re
from html import escape

SITEMAP_URLS = 50_000
"""The protocol's limit on the addresses of one sitemap file."""
SITEMAP_BYTES = 50 * 1024 * 1024
"""The protocol's limit on the size of one sitemap file, uncompressed."""
_URL = re.compile(r"[ \t]*<url>.*?</url>\n?", re.DOTALL)


def split_sitemap(text: str, site_url: str | None, path: str = "sitemap.xml", *,
                  max_urls: int = SITEMAP_URLS,
                  max_bytes: int = SITEMAP_BYTES) -> dict[str, str]:
    """The files to publish for the sitemap `text` at `path` (a path in the site): itself
    when within the limits; else a sitemap index at `path` and its parts beside it, each
    with the same head and at most `max_urls` entries and `max_bytes` bytes. The index's
    addresses are absolute, as the protocol requires, so without `site_url` (where
    MkDocs' sitemap has no addresses either) the text stays as it is."""
    entries = _URL.findall(text)
    if not site_url or not entries or (len(entries) <= max_urls
                                       and len(text.encode()) <= max_bytes):
        return {path: text}
    head = text[:text.index(entries[0])]
    tail = text[text.rindex(entries[-1]) + len(entries[-1]):]
    room = max_bytes - len(head.encode()) - len(tail.encode())
    parts: list[list[str]] = [[]]
    size = 0
    for entry in entries:
        length = len(entry.encode())
        if parts[-1] and (len(parts[-1]) == max_urls or size + length > room):
            parts.append([])
            size = 0
        parts[-1].append(entry)
        size += length
    folder, _, name = path.rpartition("/")
    stem = name.removesuffix(".xml")
    prefix = f"{folder}/" if folder else ""
    files = {f"{prefix}{stem}-{n}.xml": head + "".join(part) + tail
             for n, part in enumerate(parts, 1)}
    index = "".join(f"  <sitemap>\n    <loc>{escape(site_url + part)}</loc>\n  </sitemap>\n"
                    for part in files)
    files[path] = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                   '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                   f"{index}</sitemapindex>\n")
    return files

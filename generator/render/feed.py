"""`/feed.xml`: an Atom 1.0 feed (RFC 4287) with one entry per briefing update.

Made from the briefings' cards, so a build that takes every briefing from the
cache still writes it. Entries come newest first: by the update's date, then by
briefing, then as the editor listed them; only the newest `FEED_ENTRIES`, so the
feed stays the same size however many briefings and updates the site has (a feed
reader polls it, and keeps what it has seen).

Atom wants absolute addresses. With `site_url` set, links are absolute and
ids are `tag:` URIs (RFC 4151) named after the site's host and the update's
date. Without it, links are relative to the feed, which sits at the site's
root, so a reader resolves them wherever the site is served; ids are then
`urn:uuid:` names made from the same parts, so they too stay the same from one
build to the next. Ids change once, when `site_url` is first set.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid
from collections import Counter
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from generator.content.dates import Date, format_date
from generator.render.inline import plain_html, to_html, to_plain, truncate
from generator.render.page_table import FEED
from generator.render.wording import say, speaking

if TYPE_CHECKING:
    from generator.base.settings import Site
    from generator.content.languages import Language
    from generator.render.card import Card

ATOM = "http://www.w3.org/2005/Atom"
TITLE_LENGTH = 120
"""Characters of an entry's title at most: the briefing's title and what changed."""
FEED_ENTRIES = 50
"""The feed's entries at most: the newest updates, whatever the number of briefings."""
_NAMESPACE = uuid.UUID("6f1f0f0c-3d38-4f43-9b0e-8d3b1f4c2a71")
"""The namespace of the feed's `urn:uuid:` ids (a fixed, random UUID)."""
# Characters that XML 1.0 does not allow, even escaped; YAML's escapes can make them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def atom_feed(cards: list[Card], site: Site, today: dt.date, lang: Language | None = None) -> str:
    """The feed of the newest updates of the briefings in `cards` (`FEED_ENTRIES`); on a site in
    several languages, in `lang` (its cards translated), at `/<lang>/feed.xml`."""
    if lang is not None and not lang.source:
        site = dataclasses.replace(site, language=lang.code,
                                   name=f"{site.name} ({lang.name})",
                                   url=f"{site.url}{lang.prefix}" if site.url else None)
        with speaking(lang):
            return _feed(cards, site, today, lang.prefix)
    return _feed(cards, site, today)


def _feed(cards: list[Card], site: Site, today: dt.date, prefix: str = "") -> str:
    entries = sorted(_entries(cards), key=lambda e: (-e[1].first_day.toordinal(), e[0].slug,
                                                     e[2]))
    newest = [date.first_day for _, date, _, _ in entries]
    updated = max(newest) if newest else max((c.as_of.first_day for c in cards), default=today)
    # Names without a namespace, which the root's own `xmlns` puts in Atom's: ElementTree
    # would otherwise prefix every element, or refuse unprefixed attributes.
    feed = ET.Element("feed", {"xmlns": ATOM,
                               "{http://www.w3.org/XML/1998/namespace}lang": site.language})
    _text(feed, "title", site.name)
    if site.description:
        _text(feed, "subtitle", site.description)
    _link(feed, "self", _address(site, FEED), "application/atom+xml")
    _link(feed, "alternate", _address(site, "") or "./", "text/html")
    _text(feed, "id", site.url + FEED if site.url else _uuid("feed"))
    _text(feed, "updated", _timestamp(updated))
    author = ET.SubElement(feed, "author")
    _text(author, "name", site.author or site.name)
    _text(feed, "generator", "briefing-generator")
    for card, date, index, summary in entries[:FEED_ENTRIES]:
        _entry(feed, site, card, date, index, summary, prefix)
    ET.indent(feed)
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            + ET.tostring(feed, encoding="unicode") + "\n")


def _entries(cards: list[Card]) -> list[tuple[Card, Date, int, str]]:
    """(card, date, index, summary) for every update: `index` counts the briefing's updates
    on the same day in the order written, from 1, and tells them apart in ids."""
    found = []
    for card in cards:
        seen: Counter[dt.date] = Counter()
        for date, summary in card.updates:
            seen[date.first_day] += 1
            found.append((card, date, seen[date.first_day], summary))
    return found


def _entry(feed: ET.Element, site: Site, card: Card, date: Date, index: int,
           summary: str, prefix: str) -> None:
    entry = ET.SubElement(feed, "entry")
    _text(entry, "title", truncate(f"{card.title}: {to_plain(summary)}", TITLE_LENGTH))
    _link(entry, "alternate", _address(site, f"{card.slug}/"), "text/html")
    # With site_url, the edition's folder is in the site's address already.
    _text(entry, "id", entry_id(site, card.slug if site.url else f"{prefix}{card.slug}", date,
                                index))
    _text(entry, "updated", _timestamp(date.first_day))
    facts = [f"{say('Status:')} {say(card.status.capitalize())}"]
    if card.trend:
        facts.append(f"{say('Trend:')} {say(card.trend.capitalize())}")
    facts.append(f"{say('As of')} {format_date(card.as_of)}")
    html = (f"<p>{plain_html(format_date(date))}: {to_html(summary)}</p>"
            f"<p>{plain_html(' · '.join(facts))}</p>")
    _text(entry, "content", html).set("type", "html")


def entry_id(site: Site, slug: str, date: Date, index: int) -> str:
    """An update's permanent id: the same for as long as the site's address, the briefing's
    slug and the update's date stay the same."""
    day = date.first_day.isoformat()
    name = f"{slug}/updates/{day}" + (f"/{index}" if index > 1 else "")
    if site.url:
        parts = urlsplit(site.url)
        return f"tag:{parts.hostname},{day}:{parts.path}{name}"
    return _uuid(name)


def _uuid(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, name)}"


def _address(site: Site, path: str) -> str:
    """An address in the site: absolute with site_url, else relative to the feed."""
    return (site.url or "") + path


def _timestamp(day: dt.date) -> str:
    """A day as the RFC 3339 date-time Atom requires: its start, in UTC."""
    return f"{day.isoformat()}T00:00:00Z"


def _text(parent: ET.Element, name: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, name)
    element.text = _NOT_XML.sub("\ufffd", text)
    return element


def _link(parent: ET.Element, rel: str, href: str, media_type: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "href": href, "type": media_type})

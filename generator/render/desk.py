"""The desk at scale: which briefings the home page shows, and the pages that list the rest.

Up to `HOME_CARDS` briefings, the home page shows every one, with filters a script
runs. A larger desk (a newsroom that covers every situation it watches has hundreds)
would make the page most readers open first the heaviest of all, so past that the home
page shows the `HOME_CARDS` most recently updated, the desk map groups briefings close
together (`maps.desk_map`), and the rest are a link away: listing pages of every
briefing, and of those of one status, tag, region or spot on the map, each
`HOME_CARDS` to a page. They are plain pages, so filtering needs no script, and no
page grows with the desk but the home page's map. Their paths are the page table's
(`page_table.listing_path`); `renderer.render_desk` renders them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.content.vocabulary import BRIEFING_STATUSES
from generator.render.card import freshest_first
from generator.render.maps import DeskPin, desk_cell
from generator.render.page_table import listing_path, url_of

if TYPE_CHECKING:
    from generator.render.card import Card

HOME_CARDS = 24
"""Briefings shown in full on the home page, and on each page of a listing."""
BROWSE_LINKS = 30
"""Tags or regions the home page links at most, those with the most briefings first (every
card links its own)."""


def is_large(cards: list[Card]) -> bool:
    """Whether a desk of `cards` is large: its home page shows the newest only."""
    return len(cards) > HOME_CARDS


@dataclass(frozen=True)
class Listing:
    """Briefings that share something, freshest first, on pages of `HOME_CARDS`."""

    kind: str
    """"" for every briefing, else "status", "tags", "regions" or "map"."""
    key: str
    """What they share, as it appears in the listing's address: `active`, `ceasefire`."""
    name: str
    """What they share, as readers read it: "Active", "ceasefire", the region's name."""
    cards: tuple[Card, ...]

    def path(self, page: int = 1) -> str:
        """The Markdown path of its `page` (from 1)."""
        return listing_path(self.kind, self.key, page)

    @property
    def pages(self) -> int:
        """How many pages it takes."""
        return max(1, -(-len(self.cards) // HOME_CARDS))

    def on_page(self, page: int) -> tuple[Card, ...]:
        """The briefings of its `page` (from 1)."""
        return self.cards[(page - 1) * HOME_CARDS:page * HOME_CARDS]


def listings(cards: list[Card], source: list[Card] | None = None) -> list[Listing]:
    """Every listing of a large desk: all its briefings, then by status, tag, region and
    spot on the map. Addresses come from the `source` language's cards (the same
    briefings, by slug), so a region has one address in every language."""
    ordered = tuple(freshest_first(cards))
    original = {card.slug: card for card in (source or cards)}
    found = [Listing("", "", "", ordered)]
    for status in BRIEFING_STATUSES:
        shared = tuple(card for card in ordered if card.status == status)
        if shared:
            found.append(Listing("status", status, status, shared))
    found += _grouped("tags", ordered, {card.slug: original[card.slug].tags for card in ordered},
                      {card.slug: card.tags for card in ordered})
    found += _grouped("regions", ordered,
                      {card.slug: _some(original[card.slug].region) for card in ordered},
                      {card.slug: _some(card.region) for card in ordered})
    cells: dict[str, list[Card]] = {}
    for card in ordered:
        if card.centre is not None:
            cells.setdefault(desk_cell(_pin(card)), []).append(card)
    found += [Listing("map", cell, cell, tuple(shared))
              for cell, shared in sorted(cells.items()) if len(shared) > 1]
    return found


def map_groups(found: list[Listing]) -> dict[str, str]:
    """The address, relative to the home page, of the listing of each spot on the desk map
    that several briefings share (see `maps.desk_map`)."""
    return {listing.key: url_of(listing.path()) for listing in found if listing.kind == "map"}


def browse_links(found: list[Listing], kind: str) -> list[Listing]:
    """The home page's links to the listings of one `kind`: every status; the tags and
    regions of more than one briefing, those with the most briefings first, at most
    `BROWSE_LINKS`. In the order readers scan them: statuses in the vocabulary's order,
    tags and regions alphabetically."""
    of_kind = [listing for listing in found if listing.kind == kind]
    if kind == "status":
        return of_kind
    shared = [listing for listing in of_kind if len(listing.cards) > 1]
    largest = sorted(shared, key=lambda listing: -len(listing.cards))[:BROWSE_LINKS]
    return sorted(largest, key=lambda listing: listing.name.casefold())


def _grouped(kind: str, ordered: tuple[Card, ...], keys: dict[str, tuple[str, ...]],
             names: dict[str, tuple[str, ...]]) -> list[Listing]:
    """A listing per value of `keys` (by slug; `names` says each in the page's language)."""
    members: dict[str, list[Card]] = {}
    shown: dict[str, str] = {}
    for card in ordered:
        for value, name in zip(keys[card.slug], names[card.slug], strict=False):
            members.setdefault(value, []).append(card)
            shown.setdefault(value, name)
    addresses = _addresses(sorted(members))
    return [Listing(kind, addresses[value], shown[value], tuple(members[value]))
            for value in sorted(members, key=lambda v: (v.casefold(), v))]


def _addresses(values: list[str]) -> dict[str, str]:
    """Each value's part of an address: its words in lower-case ASCII, joined by hyphens
    (`Kunar & Nangarhar` -> `kunar-nangarhar`), followed by a short hash of the value for
    one with no Latin letters, one of digits alone (a listing's page number), `index` (a
    folder's own page) or one whose address a value earlier in `values` took."""
    found: dict[str, str] = {}
    taken: set[str] = set()
    for value in values:
        ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
        address = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
        if not address or address.isdigit() or address == "index" or address in taken:
            address = f"{address or 'x'}-{hashlib.sha1(value.encode()).hexdigest()[:8]}"
        taken.add(address)
        found[value] = address
    return found


def _some(value: str | None) -> tuple[str, ...]:
    return (value,) if value else ()


def _pin(card: Card) -> DeskPin:
    assert card.centre is not None
    return DeskPin(card.slug, card.title, card.status, card.centre)

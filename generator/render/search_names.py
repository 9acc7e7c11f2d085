"""What the search dialog reads besides Pagefind's index: the names index, for a search
that forgives a misspelling, and the briefings' titles, to say where a result is from.

Pagefind finds an actor by any name written on its page, spelled as written there.
When a search finds nothing (a reader typed "Najib" for Najeeb, or "Zabiullah" for
Zabihullah), the dialog fetches the names index and offers the actors whose names come
nearest to what was typed (overrides/assets/briefing-search.js). It is fetched whole, so
it holds only names: per briefing, each actor's id, name, aliases and native name and
the places its events happened, and once for the site the pattern of an actor page's
address. On a site of several
briefings, the dialog fetches the far smaller list of their titles as soon as search
opens, to name each result's briefing.

Like the home page, both are made afresh on every build from the briefings' cards, so
they never fall out of step with the pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from generator.render.card import Card
from generator.render.page_table import BRIEFINGS_PATH, NAMES_PATH, actor_path, url_of

FORMAT = 1
"""The shape of both files; raise it when a key changes meaning."""


def names_index(cards: Iterable[Card]) -> dict[str, Any]:
    """The names index as data: each briefing's actors by slug, in file order; the
    address of an actor's page (relative to the site's root) with `{briefing}` and `{id}`
    in place of the slug and the id; and each briefing's places, for those with any (a
    misspelt place is offered as a search for it, not as a page)."""
    briefings: dict[str, list[dict[str, Any]]] = {}
    places = {card.slug: list(card.places) for card in cards if card.places}
    for card in sorted(cards, key=lambda c: c.slug):
        actors = briefings[card.slug] = []
        for names in card.actors:
            entry: dict[str, Any] = {"id": names.id, "name": names.name}
            # Left out when empty: many actors have neither, and the file is fetched whole.
            if names.aliases:
                entry["aliases"] = list(names.aliases)
            if names.native_name:
                entry["native"] = names.native_name
            actors.append(entry)
    return {"format": FORMAT, "actor_url": url_of("{briefing}/" + actor_path("{id}")),
            "briefings": briefings, "places": dict(sorted(places.items()))}


def briefing_titles(cards: Iterable[Card]) -> dict[str, Any]:
    """Each briefing's title by slug."""
    return {"format": FORMAT,
            "titles": {card.slug: card.title for card in sorted(cards, key=lambda c: c.slug)}}


def search_files(cards: Iterable[Card]) -> dict[str, str]:
    """Both files, as the JSON text the dialog fetches, by path."""
    cards = list(cards)
    return {NAMES_PATH: _json(names_index(cards)), BRIEFINGS_PATH: _json(briefing_titles(cards))}


def _json(data: dict[str, Any]) -> str:
    # Names stay in their own script (not \u escapes): a Pashto name is half the bytes.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"

"""The names index: every actor's names, for a search that forgives a misspelling.

Pagefind finds an actor by any name written on its page, spelled as written
there. When a search finds nothing at all (a reader typed "Najib" for
Najeeb, or "Zabiullah" for Zabihullah), the search dialog fetches this one
site-wide file and offers the actors whose names come nearest to what was
typed (overrides/assets/briefing-search.js). It is also where the dialog
reads each briefing's title to say which briefing a result belongs to.

It is small because it is fetched whole: per actor, only its names and the
address of its page; per briefing, only its title. Like the home page it is
made afresh on every build from the briefings' cards, so it never falls out
of step with the pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .card import Card
from .pages import actor_path
from .paths import url_of

FORMAT = 1
"""The shape of the index; raise it when a key changes meaning."""


def names_index(cards: Iterable[Card]) -> dict[str, Any]:
    """The names index as data: each briefing's title by slug, and each actor's names with
    the address of its page (relative to the site's root), briefing by briefing."""
    briefings: dict[str, str] = {}
    actors: list[dict[str, Any]] = []
    for card in sorted(cards, key=lambda c: c.slug):
        briefings[card.slug] = card.title
        for names in card.actors:
            entry: dict[str, Any] = {"briefing": card.slug, "name": names.name,
                                     "url": url_of(f"{card.slug}/{actor_path(names.id)}")}
            # Left out when empty: most actors have neither, and the file is fetched whole.
            if names.aliases:
                entry["aliases"] = list(names.aliases)
            if names.native_name:
                entry["native"] = names.native_name
            actors.append(entry)
    return {"format": FORMAT, "briefings": briefings, "actors": actors}


def render_names(cards: Iterable[Card]) -> str:
    """The names index as the JSON file the search dialog fetches."""
    # Names stay in their own script (not \\u escapes): a Pashto name is half the bytes.
    return json.dumps(names_index(cards), ensure_ascii=False, separators=(",", ":")) + "\n"

"""A briefing's card: what the site shows of it outside its own pages.

Kept apart from `model` (no pydantic here): cards are what a cached build
reads back, and such a build never loads the validation machinery.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.base.settings import PageOptions
from generator.content.dates import Date, date_from_json, date_to_json, machine_date
from generator.content.translation_status import Translated
from generator.render.analysis import event_instant, event_order, event_when
from generator.render.maps import places_centre
from generator.render.page_table import kinds_of

if TYPE_CHECKING:
    from generator.content.model import Actor, Briefing


@dataclass(frozen=True)
class ActorNames:
    """Every name an actor goes by, as its editor wrote them."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    native_name: str | None = None

    @classmethod
    def of(cls, actor: Actor) -> ActorNames:
        """The names of a validated actor."""
        return cls(actor.id, actor.name, tuple(actor.aliases), actor.native_name)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ActorNames:
        """Names from `dataclasses.asdict` data (a card in the build cache)."""
        return cls(data["id"], data["name"], tuple(data["aliases"]), data["native_name"])


@dataclass(frozen=True)
class Card:
    """A briefing's entry on the home page, its section of the nav and its actors in the
    search's names index. Small, so a cached build needs nothing more."""

    slug: str
    title: str
    summary: str
    status: str
    trend: str | None
    as_of: Date
    review_by: Date | None
    region: str | None
    actors: tuple[ActorNames, ...]
    """Its actors' ids and names, in file order: the search's names index lists them."""
    pages: tuple[str, ...]
    """The paths of its pages, from the page table (`pages.kinds_of`)."""
    tags: tuple[str, ...] = ()
    review_due: str = ""
    """ISO date: after it, the briefing may be out of date (see `PageOptions.review_due`)."""
    latest: tuple[str, str, str, str] | None = None
    """Its latest event: id, title, date in words, and date for `<time datetime>`."""
    updates: tuple[tuple[Date, str], ...] = ()
    """Its editorial changelog, (date, summary) as written: the site's feed is made of them."""
    places: tuple[str, ...] = ()
    """Where its events happened, each once, as written: search offers them for a
    misspelt place ("Istambul")."""
    centre: tuple[float, float] | None = None
    """(longitude, latitude): where it sits on the home page's map, the middle of its
    places (see `maps.places_centre`); None without places."""

    @property
    def actor_ids(self) -> tuple[str, ...]:
        """Its actors' ids, in file order."""
        return tuple(names.id for names in self.actors)

    @classmethod
    def of(cls, briefing: Briefing, options: PageOptions | None = None) -> Card:
        """The card of a validated briefing."""
        meta = briefing.briefing
        options = options or PageOptions()
        due = options.review_due(meta.as_of, meta.review_by)
        several = len(options.languages) > 1
        events = event_order(briefing.events, briefing.briefing.timezone)
        latest = None
        if events:
            last = events[-1]
            moment = event_instant(last, meta.timezone)
            latest = (last.id, last.title, event_when(last, meta.timezone),
                      moment.isoformat(timespec="minutes") if moment else
                      machine_date(last.date, last.end_date))
        return cls(briefing.slug, meta.title, meta.summary, meta.status, meta.trend,
                   meta.as_of, meta.review_by, meta.region,
                   tuple(ActorNames.of(actor) for actor in briefing.actors),
                   tuple(kind.path for kind in kinds_of(briefing, several_languages=several)),
                   tuple(meta.tags),
                   due.isoformat(), latest,
                   tuple((update.date, update.summary) for update in meta.updates),
                   tuple(dict.fromkeys(e.location for e in events if e.location)),
                   places_centre(briefing.places))

    def to_json(self) -> dict[str, Any]:
        """The card as JSON data."""
        data = dataclasses.asdict(self)
        data["as_of"] = date_to_json(self.as_of)
        data["review_by"] = date_to_json(self.review_by) if self.review_by else None
        data["updates"] = [[date_to_json(date), _text_to_json(summary)]
                           for date, summary in self.updates]
        for name in ("title", "summary", "region"):
            data[name] = _text_to_json(getattr(self, name))
        if self.latest:
            data["latest"] = [_text_to_json(part) for part in self.latest]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Card:
        """A card from `to_json` data; raises ValueError or TypeError on anything else."""
        review_by = data.get("review_by")
        return cls(**{**data, "title": _text_from_json(data["title"]),
                      "summary": _text_from_json(data["summary"]),
                      "region": _text_from_json(data["region"]),
                      "as_of": date_from_json(data["as_of"]),
                      "review_by": date_from_json(review_by) if review_by else None,
                      "actors": tuple(ActorNames.from_json(a) for a in data["actors"]),
                      "pages": tuple(data["pages"]),
                      "tags": tuple(data["tags"]),
                      "places": tuple(data.get("places", ())),
                      "centre": tuple(data["centre"]) if data.get("centre") else None,
                      "latest": tuple(_text_from_json(part) for part in data["latest"])
                      if data["latest"] else None,
                      "updates": tuple((date_from_json(date), _text_from_json(summary))
                                       for date, summary in data.get("updates", []))})


def _text_to_json(text: Any) -> Any:
    """A card's text as JSON: a field of a translation keeps its language and state (see
    `content.translation_status.Translated`), so a card read back from the build cache
    shows as one just built."""
    if isinstance(text, Translated):
        return {"text": str(text), "lang": text.lang, "state": text.state}
    return text


def _text_from_json(data: Any) -> Any:
    if isinstance(data, dict):
        return Translated.of(str(data["text"]), str(data["lang"]), data["state"])
    return data


def freshest_first(cards: list[Card]) -> list[Card]:
    """Briefings as the home page lists them: the most recently updated first."""
    return sorted(cards, key=lambda c: (c.as_of.last_day, c.as_of.first_day, c.slug),
                  reverse=True)

"""Render validated briefings into Markdown pages: a pure function, model in, files out.

`render_site` returns `{path: text}` for the home page and every page of
every briefing, plus each briefing's `briefing.json`. Nothing here knows
about MkDocs: the same dictionary is served by the plugin, written to disk by
`python -m generator render`, or handed to another builder. The pages come
from Jinja2 templates in `templates/`; every value a template prints goes
through `text.plain` unless it is already safe Markdown, so text from YAML
can never become markup.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .card import Card
from .dates import PartialDate, format_date, format_range
from .export import briefing_json
from .pages import ACTOR_PAGE, EXPORT, PAGE_KINDS, actor_path
from .rules import check_id
from .text import Md, code_span, html, inline, link, plain

if TYPE_CHECKING:
    from .model import Actor, Briefing, Event

LATEST_EVENTS = 5
KEY_ACTORS = 6

ACTOR_KINDS = {"state": "States", "government": "Governments", "armed-group": "Armed groups",
               "organization": "Organizations", "person": "People"}
RELATION_WORDS = {  # kind: (from the actor's side, from the other side)
    "accuses": ("Accuses", "Accused by"), "opposes": ("Opposes", "Opposed by"),
    "supports": ("Supports", "Supported by"), "mediates": ("Mediates for", "Mediation by"),
    "negotiates-with": ("Negotiates with", "Negotiates with"),
    "allied-with": ("Allied with", "Allied with"),
}


def render_site(briefings: list[Briefing], today: dt.date) -> dict[str, str]:
    """The home page and every briefing's pages and export."""
    files = {"index.md": render_home([Card.of(b) for b in briefings], today)}
    for briefing in briefings:
        files.update(render_briefing(briefing, today))
    return files


def render_home(cards: list[Card], today: dt.date) -> str:
    """The home page: every briefing with status, trend, as-of and summary."""
    ordered = sorted(cards, key=lambda c: (c.as_of.sort_key(), c.slug), reverse=True)
    return _template("home.md.j2").render(
        title=html("Briefings"), briefings=ordered, today=today, stale=_is_stale,
        link_to=lambda c: _internal(plain(c.title), f"{c.slug}/index.md"))


def render_briefing(briefing: Briefing, today: dt.date) -> dict[str, str]:
    """Every page of one briefing, and its `briefing.json`, by path."""
    slug = briefing.slug
    view = _View(briefing, today)
    files = {f"{slug}/{kind.path}": view.render(kind.template, kind.base, kind.title)
             for kind in PAGE_KINDS}
    for actor in briefing.actors:
        files[f"{slug}/{actor_path(actor.id)}"] = view.render(
            ACTOR_PAGE.template, ACTOR_PAGE.base, actor.name, actor=actor)
    files[f"{slug}/{EXPORT}"] = briefing_json(briefing)
    return files


def render_errors(slug: str, problems: list[Any]) -> dict[str, str]:
    """A page listing a briefing's problems, served in its place while it has no good version."""
    heading = f"Briefing '{slug}' has errors"
    page = _template("errors.md.j2").render(title=html(heading), heading=heading,
                                            problems=problems)
    return {f"{slug}/index.md": page}


class _View:
    """What the templates of one briefing need, computed once for all its pages."""

    def __init__(self, briefing: Briefing, today: dt.date) -> None:
        self.b = briefing
        self.today = today
        self.actors = {a.id: a for a in briefing.actors}
        self.events = sorted(briefing.events, key=_event_order(briefing.events))
        self.source_number = {s.id: n for n, s in enumerate(briefing.sources, 1)}
        self.sources = {s.id: s for s in briefing.sources}
        appearances = Counter(a for e in briefing.events for a in e.actors)
        appearances.update(p.actor for s in briefing.stakes for p in s.positions)
        order = {a.id: i for i, a in enumerate(briefing.actors)}
        self.key_actors = sorted(briefing.actors,
                                 key=lambda a: (-appearances[a.id], order[a.id]))[:KEY_ACTORS]
        self.members: dict[str, list[Actor]] = {a.id: [] for a in briefing.actors}
        for actor in briefing.actors:
            if actor.affiliation in self.members:
                self.members[actor.affiliation].append(actor)
        self.header = self._header()
        self.actor_links: dict[tuple[str, str], Md] = {}

    def render(self, template: str, base: str, title: str, **extra: Any) -> str:
        """One page from its template; `title` is its short title, for the nav and the
        header bar (the theme adds the briefing's title in the browser's title bar)."""
        links = _Links(self, base)
        return _template(template).render(
            b=self.b, meta=self.b.briefing, view=self, links=links, base=base,
            header=self.header, title=html(title), **extra)

    def _header(self) -> Md:
        """The briefing's facts for the page header, as front-matter JSON."""
        meta = self.b.briefing
        return _json({
            "slug": self.b.slug, "title": meta.title, "status": meta.status,
            "trend": meta.trend, "as_of": format_date(meta.as_of),
            "as_of_iso": meta.as_of.iso(),
            "review_by": meta.review_by.last_day.isoformat() if meta.review_by else None,
            "stale": _is_stale(meta.review_by, self.today),
            "pages": [[kind.url, kind.title] for kind in PAGE_KINDS],
        })

    def latest_events(self) -> list[Event]:
        return list(reversed(self.events[-LATEST_EVENTS:]))

    def event_groups(self) -> list[tuple[str, list[Event]]]:
        """Events in order, grouped under a heading per month (or year, for year-only dates)."""
        groups: list[tuple[str, list[Event]]] = []
        for event in self.events:
            date = event.date
            label = (str(date.year) if date.month is None
                     else date.first_day.strftime("%B %Y"))
            if not groups or groups[-1][0] != label:
                groups.append((label, []))
            groups[-1][1].append(event)
        return groups

    def actors_by_kind(self) -> list[tuple[str, list[Actor]]]:
        return [(label, [a for a in self.b.actors if a.kind == kind])
                for kind, label in ACTOR_KINDS.items()
                if any(a.kind == kind for a in self.b.actors)]

    def relations_of(self, actor_id: str) -> list[tuple[str, str, Any]]:
        """(verb, other actor id, relation) for every relation the actor is part of."""
        found = []
        for rel in self.b.relations:
            if rel.from_ == actor_id:
                found.append((RELATION_WORDS[rel.kind][0], rel.to, rel))
            elif rel.to == actor_id:
                found.append((RELATION_WORDS[rel.kind][1], rel.from_, rel))
        return found

    def events_of(self, actor_id: str) -> list[Event]:
        return [e for e in self.events if actor_id in e.actors]

    def source_link(self, source: Any) -> Md:
        host = urlsplit(source.url).hostname or source.url
        return link(plain(f"Read at {host}"), source.url)

    def positions_of(self, actor_id: str) -> list[tuple[Any, Any]]:
        return [(s, p) for s in self.b.stakes for p in s.positions if p.actor == actor_id]


class _Links:
    """Links from one page to the rest of its briefing; remembers the sources it cites."""

    def __init__(self, view: _View, base: str) -> None:
        self.view = view
        self.base = base
        self.cited: list[str] = []

    def actor(self, actor_id: str) -> Md:
        key = (self.base, actor_id)
        if key not in self.view.actor_links:  # the same few links recur on every page
            name = plain(self.view.actors[actor_id].name)
            self.view.actor_links[key] = _internal(name, f"{self.base}actors/{actor_id}.md")
        return self.view.actor_links[key]

    def actors(self, actor_ids: list[str]) -> Md:
        return Md(", ".join(self.actor(a) for a in actor_ids))

    def event(self, event: Event) -> Md:
        return _internal(plain(event.title), f"{self.base}timeline.md#{event.id}")

    def stake(self, stake: Any) -> Md:
        return _internal(plain(stake.title), f"{self.base}stakes.md#{stake.id}")

    def cite(self, source_ids: list[str]) -> Md:
        """Numbered citation links to the sources page, such as `[1][3]`."""
        parts = []
        for source_id in source_ids:
            if source_id not in self.cited:
                self.cited.append(source_id)
            number = self.view.source_number[source_id]
            parts.append(f"[\\[{number}\\]]({self.base}sources.md#{source_id})")
        return Md(" " + "".join(parts) if parts else "")

    def details(self, source: Any) -> Md:
        """A link to the source's entry on the sources page."""
        return _internal(plain("Details"), f"{self.base}sources.md#{source.id}")

    def cited_sources(self) -> list[tuple[int, Any]]:
        """The sources cited on this page so far, in number order."""
        return sorted((self.view.source_number[s], self.view.sources[s]) for s in self.cited)


def _internal(label: Md, target: str) -> Md:
    """A link between pages of the site: the target is made of checked ids only, so it
    needs none of the quoting that `text.link` gives addresses from YAML."""
    return Md(f"[{label}]({target})")


def _event_order(events: list[Event]) -> Any:
    index = {id(e): i for i, e in enumerate(events)}
    return lambda e: (*e.date.sort_key(), index[id(e)])


def _is_stale(review_by: PartialDate | None, today: dt.date) -> bool:
    return review_by is not None and review_by.last_day < today


@cache
def _template(name: str) -> Any:
    return _environment().get_template(name)


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=False, undefined=jinja2.StrictUndefined, finalize=_finalize,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(md=inline, text=plain, date=_date, when=_when, json=_json,
                       anchor=_anchor, code=lambda value: Md(code_span(str(value))))
    return env


def _finalize(value: Any) -> Any:
    """Escape every printed value that is not already safe Markdown."""
    if isinstance(value, Md):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return plain(value)


def _date(date: PartialDate, approximate: bool = False) -> Md:
    return plain(format_date(date, approximate=approximate))


def _when(event: Event) -> Md:
    return plain(format_range(event.date, event.end_date, approximate=event.approximate))


def _anchor(id_: str) -> Md:
    """An attribute list giving a heading the id `id_` (a validated slug)."""
    return Md(f"{{#{check_id(id_)}}}")


_SURROGATE_PAIR = re.compile(r"\\ud([89ab][0-9a-f]{2})\\ud([c-f][0-9a-f]{2})")


def _json(value: Any) -> Md:
    """A value for front matter: ASCII-only JSON, which YAML reads too.

    JSON writes a character beyond U+FFFF (an emoji) as a surrogate pair, which
    YAML refuses; MkDocs would then show the whole front matter as page text.
    YAML's own escape, `\\U0001F600`, is used instead.
    """
    text = json.dumps(value, ensure_ascii=True, sort_keys=True)
    return Md(_SURROGATE_PAIR.sub(_astral, text))


def _astral(match: re.Match[str]) -> str:
    high, low = int("d" + match.group(1), 16), int("d" + match.group(2), 16)
    return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}"

"""What each page's `<head>` tells machines: a description, and schema.org JSON-LD.

`page_head` works both out for one page of a briefing while it is rendered; the
page carries them in its front matter (`description`, `jsonld`), the theme
prints the description (Material does, as `<meta name="description">`) and
the JSON-LD (`overrides/main.html`).

The JSON-LD is serialised once, when the page is rendered (`jsonld_text`), as the
text its script element holds: `<`, `>`, `&` and `'` escaped as JSON escapes them,
as Jinja's `tojson` does, so no text from YAML can end the script element. A page
is rendered, and cached, before anyone knows where the site will live, so its
addresses are relative to the page (`../timeline/#ceasefire`), which a JSON-LD
reader resolves against the page's own address; `for_page` makes them absolute
with `site_url` when it is set, with one substitution on the text.

Dates: schema.org wants ISO 8601, which has no "about" and no "one day of
these". Each date is written as the most precise ISO date that holds every
day it may be (`iso_within`): `2025-10~` as `2025-10`, `[2025-10-20..2025-10-24]`
as `2025-10`; a qualifier is dropped rather than guessed, and the words the
site prints ("c. Oct 2025") lead the event's description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.content.dates import format_range, iso_within
from generator.render.analysis import attribution, event_instant, event_when, figure
from generator.render.card import freshest_first
from generator.render.desk import HOME_CARDS
from generator.render.inline import to_plain, truncate
from generator.render.page_table import (
    ACTORS,
    COMMITMENTS,
    OVERVIEW,
    PAGE_KINDS,
    PLACES,
    SOURCES,
    STAKES,
    TIMELINE,
    actor_path,
    link_to,
    url_of,
)
from generator.render.wording import say

if TYPE_CHECKING:
    from generator.base.settings import Site
    from generator.content.model import Actor, Claim, Event, Place, Source, Stake
    from generator.render.card import Card
    from generator.render.view import BriefingView

SCHEMA = "https://schema.org"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
DESCRIPTION_LENGTH = 160
"""Characters in a page's description at most: what search engines show of one."""

ACTOR_TYPES: dict[str, str | list[str]] = {
    # A state acts (it makes claims, signs agreements) and is a place: schema.org's
    # `Country` is only a Place, and `author` and the like take an Organization.
    "state": ["Country", "Organization"],
    "government": "GovernmentOrganization",
    "armed-group": "Organization",
    "organization": "Organization",
    "person": "Person",
}
"""The schema.org type of each kind of actor (`vocabulary.ACTOR_KINDS`)."""
SOURCE_TYPES = {"news": "NewsArticle"}
"""The schema.org type of each kind of source; `CreativeWork` for the others."""


@dataclass(frozen=True)
class Head:
    """What a page's head says about it."""

    description: str
    """Plain text, at most `DESCRIPTION_LENGTH` characters, cut at a word."""
    jsonld: str
    """schema.org JSON-LD as its script element holds it, its addresses relative to the
    page (see `jsonld_text`)."""


def page_head(view: BriefingView, path: str, actor: Actor | None = None) -> Head:
    """The head of the page at `path` inside the briefing's folder (`timeline.md`), or
    of `actor`'s page."""
    graph = _Graph(view)
    if actor is not None:
        description, nodes = graph.actor_page(actor)
        page = f"{graph.slug}/{url_of(actor_path(actor.id))}"
    else:
        build = _PAGES.get(path)
        description, nodes = build(graph) if build else graph.page(path)
        page = f"{graph.slug}/{url_of(path)}"
    return Head(truncate(description, DESCRIPTION_LENGTH),
                jsonld_text({"@context": SCHEMA, "@graph": nodes}, page_base(page)))


def page_base(page_url: str) -> str:
    """The way back to the site's root from the page at `page_url` (a directory URL
    such as `riverland/timeline/`; `""` for the home page): `../../`, or `./`."""
    return "../" * page_url.count("/") or "./"


def jsonld_text(data: dict[str, Any], base: str) -> str:
    """JSON-LD whose addresses are relative to the site's root, as the text of its
    script element: the addresses joined to `base` (see `resolve`), keys sorted, and
    `<`, `>`, `&` and `'` escaped (`\\u003c`), as Jinja's `tojson` writes it."""
    from jinja2.utils import htmlsafe_json_dumps

    return str(htmlsafe_json_dumps(resolve(data, base), sort_keys=True))


_PAGE_RELATIVE = re.compile(r'("(?:@id|url)": ")(?:(?:\.\./)+|\./)')
"""The start of an address relative to the page in JSON-LD text (see `jsonld_text`):
JSON escapes every quote inside a string, so `"url": "` is always a key and its value."""


def resolve(data: Any, base: str) -> Any:
    """`data` with every site-relative address (the values of `@id` and `url`) joined to
    `base`: the site's address, or the page's relative way back to the site's root."""
    if isinstance(data, dict):
        return {key: (base + value if key in ("@id", "url") and isinstance(value, str)
                      and not _absolute(value) else resolve(value, base))
                for key, value in data.items()}
    if isinstance(data, list):
        return [resolve(item, base) for item in data]
    return data


def website(name: str, description: str | None, briefings: list[Card]) -> dict[str, Any]:
    """JSON-LD for the home page: the site, and the briefings the page shows, newest first
    (as listed): what search engines read of a list, each report's address, name and date
    (its description is on its own page), so it stays small however large the desk."""
    ordered = freshest_first(briefings)[:HOME_CARDS]
    node: dict[str, Any] = {"@type": "WebSite", "@id": "#website", "url": "", "name": name}
    if description:
        node["description"] = description
    items = []
    for n, card in enumerate(ordered, 1):
        report = {"@type": "Report", "@id": f"{card.slug}/#briefing", "url": f"{card.slug}/",
                  "name": card.title}
        _put(report, "dateModified", iso_within(card.as_of))
        items.append({"@type": "ListItem", "position": n, "item": report})
    page = {"@type": "CollectionPage", "@id": "", "url": "", "name": name,
            "isPartOf": {"@id": "#website"},
            "mainEntity": {"@type": "ItemList", "itemListElement": items}}
    return {"@context": SCHEMA, "@graph": [node, page]}


def _absolute(value: str) -> bool:
    return _SCHEME.match(value) is not None


class _Graph:
    """The nodes of one briefing's pages."""

    def __init__(self, view: BriefingView) -> None:
        self.view = view
        self.b = view.b
        self.edition = view.edition
        self.slug = view.edition.prefix + view.b.slug
        """The briefing's folder in the site: `fr/<slug>` for its French pages."""
        self.meta = view.b.briefing
        self.title = self.meta.title
        self.names = {actor.id: actor.name for actor in view.b.actors}
        self._cited: dict[str, None] = {}
        """The sources referred to, in order (a dict as an ordered set)."""

    # Pages

    def overview(self) -> tuple[str, list[dict[str, Any]]]:
        meta = self.meta
        report: dict[str, Any] = {
            "@type": "Report", "@id": self.report_id, "url": f"{self.slug}/",
            "headline": self.title, "name": self.title,
            "description": to_plain(meta.summary), "isPartOf": self.website,
            "about": [self.actor_ref(a) for a in self.view.key_actors],
            "mentions": [self.actor(a) for a in self.b.actors],
            "citation": [self.source_ref(s.id) for s in self.b.sources],
        }
        if self.edition.several:
            report["inLanguage"] = self.edition.language.code
            if not self.edition.language.source:
                report["translationOfWork"] = {"@type": "Report",
                                               "@id": f"{self.b.slug}/#briefing"}
        _put(report, "dateModified", iso_within(meta.as_of))
        if meta.updates:
            first = min(meta.updates, key=lambda u: u.date.sort_key())
            _put(report, "datePublished", iso_within(first.date))
        if meta.tags:
            report["keywords"] = list(meta.tags)
        if meta.region:
            report["spatialCoverage"] = {"@type": "Place", "name": meta.region}
        claims = [self.claim(c) for c in self.b.claims]
        return to_plain(meta.summary), [report, *claims, *self.cited()]

    def timeline(self) -> tuple[str, list[dict[str, Any]]]:
        events = self.view.events
        first, last = (format_range(e.date, None, approximate=e.approximate)
                       for e in (events[0], events[-1]))
        description = say("{count} events of {title}, from {first} to {last}. Latest: {latest}.",
                          count=len(events), title=self.title, first=first, last=last,
                          latest=events[-1].title)
        claims = [self.claim(c) for c in self.b.claims if c.event is not None]
        return description, [self.webpage(TIMELINE.path, "WebPage"),
                             *[self.event(e) for e in events], *claims, *self.cited()]

    def actors(self) -> tuple[str, list[dict[str, Any]]]:
        actors = self.b.actors
        description = say("The {count} actors of {title}: {names}.", count=len(actors),
                          title=self.title, names=", ".join(a.name for a in actors))
        page = self.webpage(ACTORS.path, "CollectionPage")
        page["mainEntity"] = _item_list([self.actor(a, full=False) for a in actors])
        return description, [page]

    def actor_page(self, actor: Actor) -> tuple[str, list[dict[str, Any]]]:
        page = self.webpage(actor_path(actor.id), "ProfilePage", actor.name)
        page["mainEntity"] = self.actor(actor)
        quotes = [self.quote(actor, quote) for quote in actor.quotes]
        return to_plain(actor.summary), [page, *quotes, *self.cited()]

    def stakes(self) -> tuple[str, list[dict[str, Any]]]:
        stakes = self.b.stakes
        description = say("What is at stake in {title}: {stakes}.", title=self.title,
                          stakes="; ".join(s.title for s in stakes))
        page = self.webpage(STAKES.path, "WebPage")
        page["about"] = [self.stake(s) for s in stakes]
        return description, [page]

    def commitments(self) -> tuple[str, list[dict[str, Any]]]:
        description = f"{self.title}: {self.view.tally()}."
        return description, [self.webpage(COMMITMENTS.path, "WebPage")]

    def sources(self) -> tuple[str, list[dict[str, Any]]]:
        sources = self.b.sources
        publishers = list(dict.fromkeys(s.publisher for s in sources))
        description = say("The {count} sources of {title}, from {publishers}.",
                          count=len(sources), title=self.title, publishers=", ".join(publishers))
        page = self.webpage(SOURCES.path, "CollectionPage")
        page["mainEntity"] = _item_list([self.source(s) for s in sources])
        return description, [page]

    def page(self, path: str) -> tuple[str, list[dict[str, Any]]]:
        """A page this module has no particular knowledge of."""
        return to_plain(self.meta.summary), [self.webpage(path, "WebPage")]

    # Nodes

    @property
    def report_id(self) -> str:
        return f"{self.slug}/#briefing"

    @property
    def website(self) -> dict[str, Any]:
        return {"@type": "WebSite", "@id": "#website", "url": ""}

    def webpage(self, path: str, kind: str, name: str | None = None) -> dict[str, Any]:
        url = url_of(f"{self.slug}/{path}")
        page = {"@type": kind, "@id": url, "url": url,
                "name": f"{name or _page_name(path)} - {self.title}",
                "isPartOf": {"@type": "Report", "@id": self.report_id, "name": self.title}}
        if self.edition.several:
            page["inLanguage"] = self.edition.language.code
        return page

    def actor_ref(self, actor: Actor) -> dict[str, Any]:
        url = url_of(f"{self.slug}/{actor_path(actor.id)}")
        return {"@type": ACTOR_TYPES[actor.kind], "@id": f"{url}#actor", "name": actor.name}

    def actor(self, actor: Actor, *, full: bool = True) -> dict[str, Any]:
        node = self.actor_ref(actor)
        node["url"] = url_of(f"{self.slug}/{actor_path(actor.id)}")
        node["description"] = to_plain(actor.summary)
        if not full:
            return node
        names = [*actor.aliases, *([actor.native_name] if actor.native_name else [])]
        if names:
            node["alternateName"] = names
        if actor.role:
            node["disambiguatingDescription"] = actor.role
            if actor.kind == "person":
                node["jobTitle"] = actor.role
        if actor.affiliation:
            parent = self.actor_ref(self.view.actors[actor.affiliation])
            node["affiliation" if actor.kind == "person" else "parentOrganization"] = parent
        return node

    def event(self, event: Event) -> dict[str, Any]:
        said = attribution(event, lambda ids: ", ".join(self.names[a] for a in ids),
                           self.view.publisher_of)
        when = event_when(event, self.view.zone)
        description = f"{when}. {said + '. ' if said else ''}{to_plain(event.summary)}"
        url = self.event_id(event.id)
        node: dict[str, Any] = {"@type": "Event", "@id": url, "url": url, "name": event.title,
                                "description": description}
        moment = event_instant(event, self.view.zone)
        if moment is not None:
            node["startDate"] = moment.isoformat(timespec="minutes")
        else:
            _put(node, "startDate", iso_within(event.date))
        if event.end_date is not None:
            _put(node, "endDate", iso_within(event.end_date))
        if event.places:
            places = [self.place(self.view.places[p]) for p in dict.fromkeys(event.places)]
            node["location"] = places[0] if len(places) == 1 else places
        elif event.location:
            node["location"] = {"@type": "Place", "name": event.location}
        node["about"] = [self.actor_ref(self.view.actors[a]) for a in event.actors]
        node["subjectOf"] = [self.source_ref(s) for s in event.sources]
        return node

    def place(self, place: Place) -> dict[str, Any]:
        """A place as schema.org has it: a point's `GeoCoordinates`, a region's
        `GeoCircle`, a `Country`; a border by its name."""
        url = url_of(link_to(PLACES, base=f"{self.slug}/")) + f"#{place.id}"
        node: dict[str, Any] = {"@type": "Country" if place.kind == "country" else "Place",
                                "@id": url, "url": url, "name": place.name}
        if place.coordinates is not None:
            latitude, longitude = place.coordinates
            point = {"@type": "GeoCoordinates", "latitude": latitude, "longitude": longitude}
            node["geo"] = point if place.radius_km is None else {
                "@type": "GeoCircle", "geoMidpoint": point,
                "geoRadius": f"{place.radius_km:g} km"}
        return node

    def event_id(self, event_id: str) -> str:
        """An event's address: its anchor on the timeline."""
        return url_of(link_to(TIMELINE, base=f"{self.slug}/")) + f"#{event_id}"

    def claim(self, claim: Claim) -> dict[str, Any]:
        node: dict[str, Any] = {
            "@type": "Claim", "@id": f"{self.slug}/#claim-{claim.id}",
            "name": f"{claim.about}: {figure(claim)}" + (
                f" (according to {claim.according_to})" if claim.according_to else ""),
            "author": self.actor_ref(self.view.actors[claim.claimant])
            if claim.claimant is not None else self.reporter(claim),
            "appearance": [self.source_ref(s) for s in claim.sources]}
        if claim.quote:
            node["text"] = claim.quote
        if claim.date is not None:
            _put(node, "dateCreated", iso_within(claim.date))
        if claim.event is not None:
            event = next(e for e in self.b.events if e.id == claim.event)
            node["about"] = {"@type": "Event", "@id": self.event_id(event.id),
                             "name": event.title}
        return node

    def quote(self, actor: Actor, quote: Any) -> dict[str, Any]:
        node: dict[str, Any] = {"@type": "Quotation", "text": quote.text,
                                "creator": self.actor_ref(actor),
                                "citation": self.source_ref(quote.source)}
        if quote.date is not None:
            _put(node, "dateCreated", iso_within(quote.date))
        if quote.context:
            node["description"] = quote.context
        return node

    def reporter(self, claim: Claim) -> dict[str, Any]:
        """The author of a figure a source reports: the source's publisher (who the report
        cites goes in the claim's name)."""
        assert claim.reported_by is not None
        return {"@type": "Organization", "name": self.view.publisher_of[claim.reported_by]}

    def source_ref(self, source_id: str) -> dict[str, Any]:
        """A reference to a source, whose node `cited` adds to the page's graph once."""
        self._cited.setdefault(source_id, None)
        return {"@id": self.source_id(source_id)}

    def source_id(self, source_id: str) -> str:
        """A source's address: its anchor on the sources page."""
        return url_of(link_to(SOURCES, base=f"{self.slug}/")) + f"#{source_id}"

    def cited(self) -> list[dict[str, Any]]:
        """The nodes of the sources referred to so far."""
        return [self.source(self.view.sources[s]) for s in self._cited]

    def source(self, source: Source) -> dict[str, Any]:
        node: dict[str, Any] = {
            "@type": SOURCE_TYPES.get(source.kind, "CreativeWork"),
            "@id": self.source_id(source.id),
            "name": source.title, "publisher": {"@type": "Organization",
                                                "name": source.publisher}}
        _put(node, "datePublished", iso_within(source.published))
        if source.url:
            node["url"] = source.url
        return node

    def stake(self, stake: Stake) -> dict[str, Any]:
        return {"@type": "Thing",
                "@id": url_of(link_to(STAKES, base=f"{self.slug}/")) + f"#{stake.id}",
                "name": stake.title, "description": to_plain(stake.summary)}


_PAGES = {OVERVIEW.path: _Graph.overview, TIMELINE.path: _Graph.timeline,
          ACTORS.path: _Graph.actors, STAKES.path: _Graph.stakes,
          COMMITMENTS.path: _Graph.commitments, SOURCES.path: _Graph.sources}
"""What each page of the page table (`pages.PAGE_KINDS`) says; any other page is a
plain `WebPage`."""


def _page_name(path: str) -> str:
    return say(next((k.title for k in PAGE_KINDS if k.path == path), "Page"))


def _item_list(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"@type": "ItemList", "numberOfItems": len(items),
            "itemListElement": [{"@type": "ListItem", "position": n, "item": item}
                                for n, item in enumerate(items, 1)]}


def _put(node: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        node[key] = value


def for_page(jsonld: Any, page_url: str, site: Site,
             briefings: list[Card] | None = None) -> str | None:
    """The JSON-LD text to print in the head of the page at `page_url` (MkDocs'
    `page.url`): the page's own (`jsonld`, from its front matter), its addresses made
    absolute when the site has an address; or, given the site's `briefings`, the home
    page's; None for a page without any."""
    if briefings is not None:
        return jsonld_text(website(site.name, site.description, briefings),
                           site.url or page_base(page_url))
    if not isinstance(jsonld, str):
        return None
    if site.url:
        return _PAGE_RELATIVE.sub(lambda start: start.group(1) + (site.url or ""), jsonld)
    return jsonld

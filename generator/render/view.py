"""What the templates of one briefing need, worked out once for all its pages.

`BriefingView` orders, groups and looks up (events by date, actors by kind,
relations in the right tense, commitments with their status, claims side by
side); `Links` writes the links of one page to the rest of its briefing and
remembers the sources that page cites. Everything returned for a template to
print as it is comes as `Md`: already escaped.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from generator.content.dates import Date, format_date, format_range, machine_date
from generator.content.times import time_words
from generator.content.vocabulary import ACTOR_KINDS
from generator.render.analysis import (
    STATUS_WORDS,
    ClaimGroup,
    Tracked,
    attribution,
    commitment_timing,
    event_clock,
    event_instant,
    event_order,
    event_when,
    figure,
    group_claims,
    in_words,
    is_past,
    number,
    position_sources,
    tally,
    teller,
    track_commitments,
)
from generator.render.editions import Edition
from generator.render.escape import Md, attribute, link, plain, script_of
from generator.render.inline import first_phrase
from generator.render.page_table import (
    COMMITMENTS,
    OVERVIEW,
    PLACES,
    PRINT_PAGE,
    SOURCES,
    STAKES,
    TIMELINE,
    actor_path,
    archive_path,
    link_to,
)
from generator.render.pictures import event_numbers, relations_picture, timeline_strip
from generator.render.places import (
    KIND_WORDS as PLACE_KIND_WORDS,
)
from generator.render.places import (
    coordinates_words,
    country_words,
    events_at,
    precision_words,
)
from generator.render.wording import say, words_for_scripts

if TYPE_CHECKING:
    from generator.base.settings import PageOptions
    from generator.content.languages import Language
    from generator.content.model import Actor, Briefing, Event, Place, Relation, Source
    from generator.content.seeds import Seed

LATEST_EVENTS = 5
KEY_ACTORS = 6

KIND_HEADINGS = {"state": "States", "government": "Governments", "armed-group": "Armed groups",
                 "organization": "Organizations", "person": "People"}
"""The actors page's heading for each kind of actor (`vocabulary.ACTOR_KINDS`)."""
RELATION_WORDS = {
    # kind: (from the actor's side, from the other side) in the present, then in the past
    "accuses": ("Accuses", "Accused by", "Accused", "Formerly accused by"),
    "opposes": ("Opposes", "Opposed by", "Opposed", "Formerly opposed by"),
    "supports": ("Supports", "Supported by", "Supported", "Formerly supported by"),
    # SPEC: "mediates with Pakistan", "Mediated by Qatar"; "mediates for" is never printed.
    "mediates": ("Mediates with", "Mediated by", "Mediated with", "Formerly mediated by"),
    "negotiates-with": ("Negotiates with", "Negotiates with", "Negotiated with",
                        "Negotiated with"),
    "allied-with": ("Allied with", "Allied with", "Formerly allied with",
                    "Formerly allied with"),
}
"""The words for each kind of relation (`vocabulary.RELATION_KINDS`)."""


class BriefingView:
    """One briefing as its pages show it."""

    def __init__(self, briefing: Briefing, options: PageOptions,
                 archives: dict[str, Seed], edition: Edition | None = None) -> None:
        self.b = briefing
        self.edition = edition or Edition.only()
        """The language the pages are in, and the site's others."""
        self.options = options
        self.archives = archives
        self.as_of = briefing.briefing.as_of
        self.actors = {a.id: a for a in briefing.actors}
        self.zone = briefing.briefing.timezone
        """The clock of every time that names none of its own."""
        self.events = event_order(briefing.events, self.zone)
        self.source_number = {s.id: n for n, s in enumerate(briefing.sources, 1)}
        self.sources = {s.id: s for s in briefing.sources}
        self.publisher_of = {s.id: s.publisher for s in briefing.sources}
        """Each source's publisher, by source id: who reports a reported figure or event."""
        appearances = Counter(a for e in briefing.events for a in e.actors)
        appearances.update(p.actor for s in briefing.stakes for p in s.positions)
        order = {a.id: i for i, a in enumerate(briefing.actors)}
        self.key_actors = sorted(briefing.actors,
                                 key=lambda a: (-appearances[a.id], order[a.id]))[:KEY_ACTORS]
        self.members: dict[str, list[Actor]] = {a.id: [] for a in briefing.actors}
        for actor in briefing.actors:
            if actor.affiliation in self.members:
                self.members[actor.affiliation].append(actor)
        self.tracked = track_commitments(briefing)
        self.commitment = {t.commitment.id: t for t in self.tracked}
        self.event_numbers = event_numbers(self)
        """Each event's number on a strip too crowded to label every event, else empty."""
        self.claim_groups = group_claims(briefing.claims)
        self.claims_heading = say("Competing claims" if any(
            g.competing for g in self.claim_groups) else "Figures")
        """The heading of the briefing's figures: "Competing claims" only where two or
        more claimants or reporters give a figure for one thing."""
        self.actor_links: dict[tuple[str, str], Md] = {}
        self.places = {p.id: p for p in briefing.places}
        self.place_number = {p.id: n for n, p in enumerate(briefing.places, 1)}
        """Each place's number: its marker on the map, in the order of places.yml."""
        self.events_at = events_at(briefing.places, self.events)
        """The events at each place, by place id, in date order."""

    def days(self) -> list[tuple[Md, list[Event]]]:
        """Events in order, those of the same date together, each group with its date."""
        groups: list[tuple[Any, Md, list[Event]]] = []
        for event in self.events:
            key = (event.date, event.end_date, event.approximate)
            if not groups or groups[-1][0] != key:
                groups.append((key, when(event), []))
            groups[-1][2].append(event)
        return [(label, events) for _, label, events in groups]

    def strip(self, caption: str) -> Md:
        """The timeline strip as a figure, with `caption` (escaped) beneath it."""
        return _figure(timeline_strip(self), caption, "strip")

    def relations_figure(self, caption: str) -> Md:
        """The relations picture as a figure, with `caption` (escaped) beneath it."""
        return _figure(relations_picture(self), caption, "relations")

    def latest_events(self) -> list[Event]:
        return list(reversed(self.events[-LATEST_EVENTS:]))

    def actors_by_kind(self) -> list[tuple[str, list[Actor]]]:
        return [(label, [a for a in self.b.actors if a.kind == kind])
                for kind, label in ((k, KIND_HEADINGS[k]) for k in ACTOR_KINDS)
                if any(a.kind == kind for a in self.b.actors)]

    def relations_of(self, actor_id: str) -> list[tuple[str, list[str], list[str], Md, Relation]]:
        """(verb, other actor ids, all the parties when several, when, relation) for every
        relation the actor is part of, in the past tense where the relation ended before
        as-of: `Mediates between` Thailand and Cambodia; `Mediated by` Malaysia (between
        Thailand and Cambodia); `Negotiates with` Malaysia and Cambodia."""
        found: list[tuple[str, list[str], list[str], Md, Relation]] = []
        for rel in self.b.relations:
            if actor_id != rel.from_ and actor_id not in rel.to:
                continue
            past = is_past(rel, self.as_of)
            acted_on = actor_id != rel.from_
            several = len(rel.to) > 1
            if several and rel.kind == "negotiates-with":
                verb = say(RELATION_WORDS[rel.kind][2 if past else 0])
                others = [a for a in [rel.from_, *rel.to] if a != actor_id]
                found.append((verb, others, [], self.relation_time(rel), rel))
                continue
            if several and not acted_on:
                verb = say("Mediated between" if past else "Mediates between")
            else:
                verb = say(RELATION_WORDS[rel.kind][(2 if past else 0) + acted_on])
            others = [rel.from_] if acted_on else list(rel.to)
            between = list(rel.to) if several and acted_on else []
            found.append((verb, others, between, self.relation_time(rel), rel))
        return found

    def is_past(self, rel: Relation) -> bool:
        return is_past(rel, self.as_of)

    def relation_sentence(self, rel: Relation) -> str:
        """A relation in words, in its tense: `Pakistan supported Taliban government until
        c. 2021`."""
        verb = RELATION_WORDS[rel.kind][2 if self.is_past(rel) else 0]
        if self.is_past(rel) and verb.startswith("Formerly"):
            verb = "was " + verb.removeprefix("Formerly ").lower()
        else:
            verb = verb[0].lower() + verb[1:]
        if len(rel.to) > 1 and rel.kind == "mediates":
            verb = verb.replace(" with", " between")
        verb = say(verb)
        return (f"{self.actors[rel.from_].name} {verb} "
                f"{in_words([self.actors[a].name for a in rel.to])}{self.relation_time(rel)}")

    def relation_time(self, rel: Relation) -> Md:
        """` since 2001`, ` until c. 2021`, ` from 2001 until 2021`, or nothing."""
        parts = []
        if rel.since is not None:
            parts.append(say("from {date}" if rel.until else "since {date}",
                             date=format_date(rel.since)))
        if rel.until is not None:
            parts.append(say("until {date}", date=format_date(rel.until)))
        return Md(" " + plain(" ".join(parts))) if parts else Md("")

    def when(self, event: Event) -> Md:
        """An event's date or range in words, with its time in its own clock where it has
        one, marked up as a `<time>` (the instant with its offset, for a timed event)."""
        moment = event_instant(event, self.zone)
        if moment is None:
            return when(event)
        return time_html(event_when(event, self.zone), moment.isoformat(timespec="minutes"))

    def time_of(self, event: Event) -> Md:
        """An event's time in its own clock, `06:00 Helsinki time`, as a `<time>`; empty
        without one."""
        moment = event_instant(event, self.zone)
        clock = event_clock(event, self.zone)
        if moment is None or clock is None or event.time is None:
            return Md("")
        return time_html(time_words(event.time, clock), moment.isoformat(timespec="minutes"))

    def date_legend(self) -> str:
        """What the date marks on the timeline mean, for those its events use."""
        marks = [say('"c." marks an approximate one')]
        dates = [d for e in self.events for d in (e.date, e.end_date) if d is not None]
        if any(d.one_of for d in dates):
            marks.append(say('"between" one day of several'))
        if any(d.uncertain for d in dates):
            marks.append(say('"(uncertain)" one the sources are not sure of'))
        if len(marks) == 1:
            return say("A date shows how precisely it is known; {mark}.", mark=marks[0])
        return say("A date shows how precisely it is known: {marks}.",
                   marks=say(", ").join(marks))

    def matrix(self, limit: int = 4) -> tuple[list[Actor], list[tuple[Any, list[Any]]]]:
        """Who wants what: the actors with the most positions (at most `limit`), and for
        each stake the position of each of them, or None."""
        counts = Counter(p.actor for s in self.b.stakes for p in s.positions)
        order = {a.id: i for i, a in enumerate(self.b.actors)}
        columns = sorted(counts, key=lambda a: (-counts[a], order[a]))[:limit]
        rows = [(stake, [next((p for p in stake.positions if p.actor == a), None)
                         for a in columns]) for stake in self.b.stakes]
        return [self.actors[a] for a in columns], rows

    def relation_verb(self, rel: Relation) -> str:
        """The relation's verb from its first actor's side, in its tense: `Supported`;
        `Mediates between` for a mediator between several."""
        verb = RELATION_WORDS[rel.kind][2 if self.is_past(rel) else 0]
        return say(verb.replace(" with", " between") if len(rel.to) > 1 and
                   rel.kind == "mediates" else verb)

    def original(self, quote: str) -> Md:
        """A quote's words, verbatim: in another language's pages marked as the source
        language's, which they are."""
        source = self.edition.languages[0] if self.edition.several else None
        if source is None or self.edition.language.source:
            return plain(quote)
        return Md(f'<span lang="{source.code}" dir="{source.direction}">{plain(quote)}</span>')

    def rendering(self, text: str) -> Md:
        """A quote's translation, shown beside the verbatim words and marked as what it is."""
        label = plain(say("Translation:"))
        return Md(f'<span class="quote-rendering"><span class="quote-rendering__label">'
                  f"{label}</span> {plain(text)}</span>")

    def phrase(self, text: str) -> Md:
        """The first phrase of an inline-Markdown text, as plain words."""
        return plain(first_phrase(text))

    def native(self, actor: Actor) -> Md:
        """An actor's native name, marked with its language so it is read and found right;
        `und-<script>` (language not known) where the briefing does not give one."""
        lang = actor.native_lang or f"und-{script_of(actor.native_name or '')}"
        return Md(f'<bdi lang="{attribute(lang)}">{plain(actor.native_name)}</bdi>')

    def based_on(self, links: Links, *, here: bool = False) -> Md:
        """`Based on 3 sources from 2 publishers.`, or `... 1 source: The Post News.`"""
        count, publishers = len(self.b.sources), self.publishers()
        what = say("1 source") if count == 1 else say("{count} sources", count=count)
        label = plain(what) if here else internal(plain(what), link_to(SOURCES, base=links.base))
        if len(publishers) == 1:
            return Md(plain(say("Based on {sources}: {publisher}.", sources="\0",
                                publisher="\1")).replace("\0", label)
                      .replace("\1", plain(publishers[0])))
        return Md(plain(say("Based on {sources} from {count} publishers.", sources="\0",
                            count=len(publishers))).replace("\0", label))

    def archived(self, source: Source, links: Links) -> Md:
        """What a reader needs to check the archived text of a source: whose it is, from
        when, its SHA-256, and a link to it where the site publishes it."""
        seed = self.archives.get(source.seed or "")
        when = format_date(source.published)
        text = plain(say("Archived text of this {publisher} piece ({date})",
                         publisher=source.publisher, date=when))
        if seed is not None and self.options.publish_seeds:
            text = internal(text, f"{links.base}{archive_path(source.id)}")
        out = f"{text}; {plain(say('the quotes that cite it are checked against it'))}"
        if seed is not None:
            out += f". SHA-256: `{seed.sha256}`"
        return Md(out + ".")

    def actor_names_json(self) -> Md:
        """The names of the actors in events, by id, as JSON for an HTML attribute (the
        timeline's filter lists them)."""
        import json

        ids = dict.fromkeys(a for e in self.events for a in e.actors)
        names = {a: self.actors[a].name for a in ids}
        return Md(attribute(json.dumps(names, ensure_ascii=False)))

    def script_words(self, english: tuple[str, ...]) -> Md:
        """For a page's script: its words in the page's language, as a `data-words`
        attribute (nothing in English, whose words the script has)."""
        import json

        words = words_for_scripts(english) if self.edition.several else {}
        if not words:
            return Md("")
        return Md(f' data-words="{attribute(json.dumps(words, ensure_ascii=False))}"')

    def names(self, actor_ids: list[str]) -> Md:
        """Actors' names, without links (for paper)."""
        return Md(", ".join(plain(self.actors[a].name) for a in actor_ids))

    def publishers(self) -> list[str]:
        """The publishers of the briefing's sources, each once, in source order."""
        return list(dict.fromkeys(s.publisher for s in self.b.sources))

    def map_figure(self, caption: str, url: str) -> Md:
        """The map of the briefing's places as a figure for the page at `url` (relative
        to the briefing's, such as `print/`): its caption (escaped), the credit, and a
        link to the places page, which says the map in words."""
        from generator.render.maps import briefing_map

        here, paper = url == PLACES.url, url == PRINT_PAGE.url
        to_places = "" if here else "../" * url.count("/") + PLACES.url
        # On paper the markers are no links (and the places are listed below the map).
        drawn = briefing_map(self.b.places, {p: len(e) for p, e in self.events_at.items()},
                             None if paper else to_places)
        if drawn is None:
            return Md("")
        words = Md("" if here or paper else
                   f'<a href="{attribute(to_places)}">{attribute(say("The places in words"))}'
                   '</a>.')
        return _figure(drawn.svg, f"{caption} {drawn.credit}", "map", after=words)

    def place_facts(self, place: Place) -> Md:
        """A place's kind, country, coordinates and precision, in one line of words."""
        facts = [plain(say(PLACE_KIND_WORDS[place.kind])), plain(country_words(place))]
        where = coordinates_words(place)
        if where:
            # Out of the search index: "N" and "E" alone would match any word they begin.
            facts.append(Md(f"<span data-pagefind-ignore>{plain(where)}</span>"
                            + (" (GeoNames)" if place.geonames_id is not None else "")))
        facts.append(plain(say("On the map: {precision}", precision=precision_words(place))))
        return Md(" · ".join(facts))

    def events_of(self, actor_id: str) -> list[Event]:
        return [e for e in self.events if actor_id in e.actors]

    def url(self, source: Any) -> Md:
        """A source's address, written out (for paper), and linked."""
        return link(plain(source.url), source.url)

    def further_reading(self) -> list[Source]:
        """The briefing's sources of kind `analysis`, the newest first: reading that
        explains the situation rather than reports it."""
        return sorted((s for s in self.b.sources if s.kind == "analysis"),
                      key=lambda s: s.published.first_day, reverse=True)

    def reading(self, source: Source) -> Md:
        """One item of further reading: its title (linked to it where it has an address),
        publisher and date."""
        title = link(plain(source.title), source.url) if source.url else plain(source.title)
        return Md(f"{title}, {plain(source.publisher)}, {format_date(source.published)}")

    def source_link(self, source: Any) -> Md:
        host = urlsplit(source.url).hostname or source.url
        return link(plain(say("Read at {host}", host=host)), source.url)

    def positions_of(self, actor_id: str) -> list[tuple[Any, Any]]:
        return [(s, p) for s in self.b.stakes for p in s.positions if p.actor == actor_id]

    def tally(self) -> str:
        return tally(self.tracked)

    def commitments_of(self, actor_id: str) -> list[Tracked]:
        return [t for t in self.tracked if actor_id in t.commitment.parties]

    def status(self, status: str) -> str:
        return say(STATUS_WORDS[status])

    def timing(self, tracked: Tracked, *, sentence: bool = False) -> Md:
        """When a commitment falls due or holds (see `analysis.commitment_timing`), as a
        sentence begins it or to follow other words; empty for one with neither."""
        words = commitment_timing(tracked, self.zone)
        return plain(words[:1].upper() + words[1:] if sentence else words)

    def claims_at(self, event_id: str) -> list[ClaimGroup]:
        return group_claims(c for c in self.b.claims if c.event == event_id)

    def claims_by(self, actor_id: str) -> list[Any]:
        return [c for c in self.b.claims if c.claimant == actor_id]

    def figure(self, claim: Any) -> str:
        return figure(claim)

    def teller(self, claim: Any, *, sentence: bool = False) -> str:
        """Whose figure a claim is, in plain words (see `analysis.teller`)."""
        return teller(claim, lambda a: self.actors[a].name, self.publisher_of, sentence=sentence)

    def spread(self, group: ClaimGroup) -> str:
        """The distance between the lowest and the highest figure, never an average:
        `From 23 (Pakistan) to 58 (Taliban government); the highest is 2.5x the lowest.`"""
        low, high = group.lowest, group.highest
        if low is None or high is None or low is high or figure(low) == figure(high):
            return ""
        text = say("From {low} ({low_teller}) to {high} ({high_teller})", low=figure(low),
                   low_teller=self.teller(low), high=figure(high),
                   high_teller=self.teller(high))
        ratio = group.ratio
        if ratio is not None and ratio >= 1.05:
            text += say("; the highest is {ratio}x the lowest", ratio=number(round(ratio, 1)))
        return text + "."


    def edition_link(self, lang: Language, base: str) -> str:
        """The Markdown link target, from a page whose way back to the briefing's folder is
        `base`, of this briefing's overview in another language."""
        up = base + "../" * (1 + self.edition.prefix.count("/"))
        return f"{up}{lang.prefix}{self.b.slug}/{OVERVIEW.path}"


class Links:
    """Links from one page to the rest of its briefing; remembers the sources it cites."""

    def __init__(self, view: BriefingView, base: str) -> None:
        self.view = view
        self.base = base
        self.cited: list[str] = []

    def actor(self, actor_id: str) -> Md:
        key = (self.base, actor_id)
        if key not in self.view.actor_links:  # the same few links recur on every page
            name = plain(self.view.actors[actor_id].name)
            self.view.actor_links[key] = internal(name, f"{self.base}{actor_path(actor_id)}")
        return self.view.actor_links[key]

    def actors(self, actor_ids: list[str]) -> Md:
        return Md(", ".join(self.actor(a) for a in actor_ids))

    def actors_in_words(self, actor_ids: list[str]) -> Md:
        """Actors linked, as a sentence lists them: `A`, `A and B`, `A, B and C`."""
        return Md(in_words([self.actor(a) for a in actor_ids]))

    def event(self, event: Event) -> Md:
        return internal(plain(event.title), link_to(TIMELINE, event.id, base=self.base))

    def place(self, place_id: str) -> Md:
        """A link to a place's entry on the places page, by its name."""
        return internal(plain(self.view.places[place_id].name),
                        link_to(PLACES, place_id, base=self.base))

    def places(self, place_ids: list[str]) -> Md:
        return Md(", ".join(self.place(p) for p in dict.fromkeys(place_ids)))

    def stake(self, stake: Any) -> Md:
        return internal(plain(stake.title), link_to(STAKES, stake.id, base=self.base))

    def commitment(self, commitment_id: str, label: Md) -> Md:
        return internal(label, link_to(COMMITMENTS, commitment_id, base=self.base))

    def attribution(self, event: Event, *, sentence: bool = True) -> Md:
        """Whose account an event is, its actors linked (see `analysis.attribution`)."""
        return Md(attribution(event, self.actors, self.view.publisher_of, sentence=sentence,
                              text=plain))

    def cite(self, source_ids: list[str]) -> Md:
        """Numbered citation links to the sources page, such as `[1][3]`."""
        parts = []
        for source_id in source_ids:
            if source_id not in self.cited:
                self.cited.append(source_id)
            number = self.view.source_number[source_id]
            # Seen as "[1]", read out as "Source 1: The Post News": the name is the hidden
            # text that `source_name` puts in the page's list of sources, so no text from
            # YAML goes into an attribute, where Markdown would not escape it.
            parts.append(f"[\\[{number}\\]]({link_to(SOURCES, source_id, base=self.base)})"
                         f'{{: aria-labelledby="source-name-{number}" }}')
        return Md(" " + "".join(parts) if parts else "")

    def position_cite(self, stake: Any, position: Any) -> Md:
        """A position's citations (see `analysis.position_sources`), or "(no source
        given)" when it has none to cite."""
        sources = position_sources(stake, position)
        return self.cite(sources) if sources else Md(f" ({plain(say('no source given'))})")

    def source_name(self, number: int, source: Any) -> Md:
        """The accessible name of the citations of source `number` on this page, hidden:
        `Source 1: The Post News`."""
        name = plain(say("Source {number}:", number=number))
        return Md(f'<span id="source-name-{number}" hidden data-pagefind-ignore>{name} '
                  f"{plain(source.publisher)}</span>")

    def details(self, source: Any) -> Md:
        """A link to the source's entry on the sources page."""
        return internal(plain(say("Details")), link_to(SOURCES, source.id, base=self.base))

    def cited_sources(self) -> list[tuple[int, Any]]:
        """The sources cited on this page so far, in number order."""
        return sorted((self.view.source_number[s], self.view.sources[s]) for s in self.cited)


def when(event: Event) -> Md:
    """An event's date or range in words, marked up as a `<time>`, without its time of
    day (a day's heading; `BriefingView.when` gives the time too)."""
    return time_html(format_range(event.date, event.end_date, approximate=event.approximate),
                     machine_date(event.date, event.end_date))


def date_html(date: Date, approximate: bool = False) -> Md:
    """A date in words, marked up as a `<time>`."""
    return time_html(format_date(date, approximate=approximate), machine_date(date))


def time_html(words: str, machine: str) -> Md:
    """Words for a date with its machine-readable form: `<time datetime="2025-10">`."""
    return Md(f'<time datetime="{machine}">{plain(words)}</time>')


def _figure(svg: str, caption: str, kind: str, after: str = "") -> Md:
    """A picture in a figure with a caption (escaped; `after` follows it, already HTML),
    as one block of HTML."""
    if not svg:
        return Md("")
    # No picture scrolls sideways (each fits any width), so none needs the focus that
    # reaching a scroll by keyboard would.
    caption_html = attribute(caption) + (f" {after}" if after else "")
    return Md(f'<figure class="picture-frame picture-frame--{kind}" data-pagefind-ignore>'
              f"{svg}<figcaption>{caption_html}</figcaption></figure>")


def internal(label: Md, target: str) -> Md:
    """A link between pages of the site: the target is made of checked ids only, so it
    needs none of the quoting that `escape.link` gives addresses from YAML."""
    return Md(f"[{label}]({target})")

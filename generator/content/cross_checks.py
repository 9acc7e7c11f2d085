"""Checks that span files: ids, cross-references, dates and quotes.

The models check each file on its own; this module checks what only the
whole briefing can tell: that every id named exists, that ids are unique,
that dates make sense together, and that every quote is in its seed.

Every mistake shows in one run. A file with a mistake is checked for what
validated on its own (see `model_errors.salvage`), and the ids it holds are
read from what was written, valid item or not, so a reference to an item with
a mistake of its own is not reported as unknown. Only what depends on a broken
value is left unchecked: references into a list that cannot be read, a source's
use where a file is incomplete, and the warnings that keep a briefing honest,
which would only be noise while errors stand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from generator.base.limits import HINT_BUDGET
from generator.base.problems import Problem, did_you_mean
from generator.content.dates import format_date
from generator.content.document import Document
from generator.content.model import FILE_MODELS, OPTIONAL_FILE_MODELS
from generator.content.model_walk import (
    ids_of,
    kinds_within,
    numbered,
    references,
    values_within,
    written_texts,
)
from generator.content.placeholders import PLACEHOLDERS
from generator.content.seeds import Seed, SeedError, Seeds

if TYPE_CHECKING:
    from pydantic import BaseModel

    from generator.content.model import (
        ActorsFile,
        BriefingFile,
        PlacesFile,
        SourcesFile,
        StakesFile,
        TimelineFile,
    )

KNOWN_LISTED = 8
"""An unknown id with no near match lists the known ones when there are at most this many."""
RESERVED_ACTOR_IDS = {"index"}
"""Actor ids that would take the address of another page: `actors/index.md` is the
actors page itself (`render.page_table.ACTOR_PAGE`; a test keeps the two in step)."""


@dataclass
class Parts:
    """A briefing's five files and its optional ones: each one's document, and its model as
    far as it validated (whole, or what `salvage` kept), or None."""

    docs: dict[str, Document]
    briefing: BriefingFile | None = None
    actors: ActorsFile | None = None
    timeline: TimelineFile | None = None
    stakes: StakesFile | None = None
    sources: SourcesFile | None = None
    places: PlacesFile | None = None
    complete: set[str] = field(default_factory=set)
    """The files that validated whole."""

    def models(self) -> Iterator[tuple[str, BaseModel]]:
        """(file name, model) for each file with anything validated."""
        for name in self.docs:
            model = getattr(self, name.removesuffix(".yml"))
            if model is not None:
                yield name, model


def check_briefing(parts: Parts, seeds: Seeds, today: dt.date,
                   stale_after_days: int = 30) -> list[Problem]:
    """Every cross-file problem in one briefing, errors and warnings alike.
    `stale_after_days` is the site's staleness setting (`PageOptions`)."""
    checker = _Checker(parts, seeds, today, stale_after_days)
    checker.run()
    return checker.problems


class _Checker:
    def __init__(self, parts: Parts, seeds: Seeds, today: dt.date,
                 stale_after_days: int) -> None:
        self.parts = parts
        self.seeds = seeds
        self.today = today
        self.stale_after_days = stale_after_days
        self.problems: list[Problem] = []
        self.cited: set[str] = set()
        self.hint_budget = HINT_BUDGET

    def hint(self, wrong: str, known: set[str], kind: str) -> str:
        """A "did you mean" hint, while the budget for them lasts; where nothing comes
        close and there are few, the ids there are."""
        self.hint_budget -= len(known)
        close = did_you_mean(wrong, known) if self.hint_budget >= 0 else ""
        if close or not known or len(known) > KNOWN_LISTED:
            return close
        return f" (the {kind}s are: {', '.join(sorted(known))})"

    def error(self, file: str, path: tuple[Any, ...], message: str) -> None:
        self.problems.append(self.parts.docs[file].problem(path, message))

    def warn(self, file: str, path: tuple[Any, ...], message: str, *, stale: bool = False) -> None:
        self.problems.append(self.parts.docs[file].problem(
            path, message, severity="warning", stale=stale))

    def run(self) -> None:
        p = self.parts
        known = self.known_ids()
        for file, path, kind, ref in self.references():
            if kind == "source":
                self.cited.add(ref)
            ids = known.get(kind)
            if ids is not None and ref not in ids:
                message = f"unknown {kind} '{ref}'{self.hint(ref, ids, kind)}"
                if kind == "place" and "places.yml" not in self.parts.docs:
                    message += "; places are listed in the briefing's places.yml"
                if path[-1] == "claimant":
                    message += ("; a claimant is an actor: for a figure a source reports, "
                                "leave claimant out and give reported_by, the source's id")
                self.error(file, path, message)
        self.actor_rules()
        self.dates()
        if p.timeline is not None:
            self.attribution(p.timeline)
            self.commitments(p.timeline)
            self.claims(p.timeline)
        if p.timeline is not None and p.briefing is not None:
            self.clocks(p.timeline, p.briefing.timezone)
        if p.stakes is not None:
            self.positions(p.stakes)
        if p.sources is not None:
            self.quotes(p.sources)
        if len(p.complete) < len(p.docs):
            return  # what follows needs every file whole
        for i, source in enumerate(p.sources.sources if p.sources else []):
            if source.id not in self.cited:
                self.warn("sources.yml", ("sources", i, "id"),
                          f"source '{source.id}' is never cited; cite it or remove it")
        self.placeholders()
        if not any(problem.severity == "error" for problem in self.problems):
            self.honesty()  # while references are broken, these would only be noise

    def known_ids(self) -> dict[str, set[str] | None]:
        """The ids of each kind of item the files hold, as written (see `ids_of`), each
        repeat reported at its second occurrence; None for a kind whose ids could not
        all be read, so that references to it are not checked."""
        known: dict[str, set[str] | None] = {"place": set()}  # with no places.yml, none
        for file, model in (FILE_MODELS | OPTIONAL_FILE_MODELS).items():
            if file not in self.parts.docs:
                continue
            found, unreadable = ids_of(model, self.parts.docs[file].data)
            ids = {kind: set[str]() for kind in kinds_within(model)}
            first: dict[tuple[str, str], tuple[Any, ...]] = {}
            for kind, where, id_ in found:
                path = (*where, "id")
                if (kind, id_) in first:
                    line = self.parts.docs[file].position(first[kind, id_])[0]
                    self.error(file, path, f"duplicate {kind} id '{id_}' (first at line "
                                           f"{line}); ids must be unique")
                else:
                    first[kind, id_] = path
                    ids[kind].add(id_)
            known.update({kind: None if kind in unreadable else found_ids
                          for kind, found_ids in ids.items()})
        return known

    @cached_property
    def values(self) -> list[tuple[str, list[Any]]]:
        """(file, `values_within` its model) for each file with anything validated: walked
        once, and read by the checks of references, placeholders and honesty."""
        return [(file, values_within(model)) for file, model in self.parts.models()]

    def references(self) -> Iterator[tuple[str, tuple[Any, ...], str, str]]:
        """(file, path, kind, id) for every id that a file names, where kind is the kind
        of item it names (`model.Key.refers_to`)."""
        for file, values in self.values:
            for path, kind, ref in references(values):
                yield file, path, kind, ref

    def actor_rules(self) -> None:
        actors = self.parts.actors
        if actors is None:
            return
        for i, actor in numbered(actors.actors or []):
            if actor.id in RESERVED_ACTOR_IDS:
                self.error("actors.yml", ("actors", i, "id"),
                           f"actor id '{actor.id}' would give this actor the address of the "
                           "page listing all actors; choose another id")
            if actor.affiliation == actor.id:
                self.error("actors.yml", ("actors", i, "affiliation"),
                           "an actor cannot be affiliated with itself")
        for i, rel in numbered(actors.relations or []):
            if rel.from_ in rel.to:
                self.error("actors.yml", ("relations", i, "to"),
                           f"relation from '{rel.from_}' to itself; name another actor")
            for j, ref in enumerate(rel.to):
                if ref in rel.to[:j]:
                    self.error("actors.yml", ("relations", i, "to", j),
                               f"'{ref}' is already in `to`; name each actor once")
            if rel.since is not None and rel.until is not None \
                    and rel.until.last_day < rel.since.first_day:
                self.error("actors.yml", ("relations", i, "until"),
                           f"until {rel.until} ends before since {rel.since} begins")

    def dates(self) -> None:
        briefing, timeline = self.parts.briefing, self.parts.timeline
        as_of = briefing.as_of if briefing is not None else None
        if briefing is not None and as_of is not None:
            review = briefing.review_by
            if review is not None and review.last_day < as_of.first_day:
                self.error("briefing.yml", ("review_by",),
                           f"review_by {review} is before as_of {as_of}")
            elif review is not None and review.last_day < self.today:
                self.warn("briefing.yml", ("review_by",),
                          f"briefing was due for review by {format_date(review)}; review it, "
                          "then move as_of and review_by", stale=True)
        if timeline is None:
            return
        for i, event in numbered(timeline.events or []):
            if event.end_date is not None and event.end_date.last_day < event.date.first_day:
                self.error("timeline.yml", ("events", i, "end_date"),
                           f"end_date {event.end_date} ends before date {event.date} begins")
            if as_of is not None and event.date.first_day > as_of.last_day:
                self.warn("timeline.yml", ("events", i, "date"),
                          f"event starts after the briefing's as_of date {as_of}; "
                          "fix the date or move as_of")

    def placeholders(self) -> None:
        """A warning at each placeholder from `new` still in the files (see `placeholders`):
        it fails `check --strict`, so a skeleton is not published by accident."""
        for file, values in self.values:
            for path, text in written_texts(values):
                if text in PLACEHOLDERS:
                    shown = text if len(text) <= 40 else text[:37] + "..."
                    self.warn(file, path, f"'{shown}' is a placeholder from `new`; write "
                              "the briefing's own in its place before publishing")

    def honesty(self) -> None:
        """Warnings for what keeps a briefing honest: no actor left without a part in it, no
        stake with one side only, no as-of date far past the newest event."""
        p = self.parts
        if p.actors and p.timeline and p.stakes:
            named = {ref for file, _, kind, ref in self.references()
                     if kind == "actor" and file != "actors.yml"}
            for rel in p.actors.relations:
                named |= {rel.from_, *rel.to}
            for actor in p.actors.actors:
                if actor.affiliation:
                    named |= {actor.id, actor.affiliation}
            for i, actor in enumerate(p.actors.actors):
                if actor.id not in named:
                    self.warn("actors.yml", ("actors", i, "id"),
                              f"actor '{actor.id}' takes part in no event, relation, stake, "
                              "claim or commitment and has no members or affiliation; "
                              "give it its part or remove it")
        if p.stakes:
            for i, stake in enumerate(p.stakes.stakes):
                if len(stake.positions) == 1:
                    self.warn("stakes.yml", ("stakes", i, "positions"),
                              f"stake '{stake.id}' has one position only; a stake is who "
                              "wants what: give the other sides' positions too")
        if p.briefing and p.timeline and p.timeline.events:
            newest = max(e.date.last_day for e in p.timeline.events)
            gap = (p.briefing.as_of.first_day - newest).days
            if gap > self.stale_after_days:
                self.warn("briefing.yml", ("as_of",),
                          f"the newest event may be no later than {newest:%d %b %Y}, {gap} "
                          f"days before as_of {p.briefing.as_of} (more than the "
                          f"{self.stale_after_days} days the site allows); record what has "
                          "happened since, or move as_of back")

    def attribution(self, timeline: TimelineFile) -> None:
        """An actor cannot both give an account of an event and deny it."""
        for i, event in numbered(timeline.events or []):
            for j, ref in enumerate(event.denied_by):
                if ref in event.claimed_by:
                    self.error("timeline.yml", ("events", i, "denied_by", j),
                               f"'{ref}' is in both claimed_by and denied_by; keep one")

    def commitments(self, timeline: TimelineFile) -> None:
        """Each commitment is due after it was made, and implemented only after it was made,
        at most once by any one event."""
        events = list(numbered(timeline.events or []))
        made = {c.id: (event, k) for _, event in events
                for k, c in enumerate(event.commitments)}
        for i, event in events:
            for k, commitment in enumerate(event.commitments):
                for key, date in (("due", commitment.due), ("from", commitment.from_)):
                    if date is not None and date.last_day < event.date.first_day:
                        self.error("timeline.yml", ("events", i, "commitments", k, key),
                                   f"{key} {date} is before the event that made the "
                                   f"commitment ({event.date})")
                if commitment.from_ is not None and commitment.until is not None and \
                        commitment.until.last_day < commitment.from_.first_day:
                    self.error("timeline.yml", ("events", i, "commitments", k, "until"),
                               f"until {commitment.until} ends before from "
                               f"{commitment.from_} begins")
            seen: dict[str, int] = {}
            for k, step in enumerate(event.implements):
                where = ("events", i, "implements", k, "commitment")
                if step.commitment in seen:
                    self.error("timeline.yml", where,
                               f"this event already implements '{step.commitment}' "
                               f"(implements[{seen[step.commitment]}]); an event implements "
                               "a commitment once: give one status, with a note")
                    continue
                seen[step.commitment] = k
                if step.commitment not in made:
                    continue  # reported as an unknown commitment, or one of a broken event
                origin = made[step.commitment][0]
                if event.date.last_day < origin.date.first_day:
                    self.error("timeline.yml", where,
                               f"commitment '{step.commitment}' was made later, at event "
                               f"'{origin.id}' ({format_date(origin.date)}); an event can only "
                               "implement a commitment made before it")

    def claims(self, timeline: TimelineFile) -> None:
        """Each claimant or reporter gives one figure for a thing counted, and a reported
        figure is reported by one of the claim's own sources."""
        sources = (self.parts.sources.sources or []) if self.parts.sources is not None else []
        publishers = {s.id: s.publisher for s in sources}
        first: dict[tuple[str, str], str] = {}
        for i, claim in numbered(timeline.claims or []):
            if claim.low is not None and claim.high is not None and claim.low > claim.high:
                self.error("timeline.yml", ("claims", i, "high"),
                           f"high {claim.high:g} is less than low {claim.low:g}; "
                           "swap them")
            if claim.reported_by in publishers and claim.reported_by not in claim.sources:
                self.error("timeline.yml", ("claims", i, "reported_by"),
                           f"'{claim.reported_by}' is not one of this claim's sources; the "
                           "source that reports a figure is one of its sources: add it")
                continue
            # Claims stand side by side, one row per claimant or reporter (a publisher is
            # one reporter, whichever of its articles): a second figure from the same side
            # would set it against itself.
            if claim.claimant is not None:
                who, field, named = claim.claimant, "claimant", f"'{claim.claimant}'"
            else:
                assert claim.reported_by is not None
                publisher = publishers.get(claim.reported_by, claim.reported_by)
                who, field, named = f"reported:{publisher}", "reported_by", publisher
            earlier = first.setdefault((claim.about, who), claim.id)
            if earlier != claim.id:
                self.error("timeline.yml", ("claims", i, field),
                           f"{named} already gives a figure for '{claim.about}' "
                           f"(claim '{earlier}'); keep its latest figure, or count "
                           "something else in `about`")

    def clocks(self, timeline: TimelineFile, zone: str | None) -> None:
        """Every time of day has a clock: its own `timezone`, or briefing.yml's."""
        if zone is not None:
            return
        for i, event in numbered(timeline.events or []):
            if event.time is not None and event.timezone is None:
                self.error("timeline.yml", ("events", i, "time"),
                           f"the time {event.time} names no clock: give `timezone` here or "
                           "in briefing.yml, an IANA name such as 'Asia/Kuala_Lumpur'")
            for k, commitment in enumerate(event.commitments):
                if commitment.timezone is not None:
                    continue
                for key in ("due_time", "from_time", "until_time"):
                    time = getattr(commitment, key)
                    if time is not None:
                        self.error("timeline.yml", ("events", i, "commitments", k, key),
                                   f"the time {time} names no clock: give the commitment a "
                                   "`timezone`, or briefing.yml one, an IANA name such as "
                                   "'Asia/Kuala_Lumpur'")

    def positions(self, stakes: StakesFile) -> None:
        """One position per actor in a stake, each cited to sources that say it: its own,
        or the stake's only when the stake has one (see `analysis.position_sources`)."""
        for i, stake in numbered(stakes.stakes or []):
            seen: dict[str, int] = {}
            for k, position in enumerate(stake.positions):
                where = ("stakes", i, "positions", k)
                if position.actor in seen:
                    self.error("stakes.yml", (*where, "actor"),
                               f"'{position.actor}' already has a position on stake "
                               f"'{stake.id}' (positions[{seen[position.actor]}]); one "
                               "position per actor: say all it wants in one")
                    continue
                seen[position.actor] = k
                if not position.sources and len(stake.sources) > 1:
                    self.warn("stakes.yml", where,
                              f"the position of '{position.actor}' gives no sources, and "
                              f"stake '{stake.id}' has {len(stake.sources)}: give it "
                              "`sources` that say it (a position borrows the stake's only "
                              "when the stake has one); the page says 'no source given' "
                              "meanwhile")

    def quotes(self, sources: SourcesFile) -> None:
        seeded: dict[str, Any] = {}
        for i, source in numbered(sources.sources or []):
            if source.seed is None:
                continue
            try:
                seeded[source.id] = (source.seed, self.seeds.get(source.seed))
            except SeedError as error:
                self.error("sources.yml", ("sources", i, "seed"), str(error))
        actors, timeline = self.parts.actors, self.parts.timeline
        for i, actor in numbered(actors.actors or [] if actors else []):
            for k, quote in enumerate(actor.quotes):
                if quote.source in seeded:
                    self.quote("actors.yml", ("actors", i, "quotes", k, "text"), quote.text,
                               [seeded[quote.source]])
        for i, claim in numbered(timeline.claims or [] if timeline else []):
            found = [seeded[s] for s in claim.sources if s in seeded]
            if claim.quote is not None and found:
                self.quote("timeline.yml", ("claims", i, "quote"), claim.quote, found)

    def quote(self, file: str, path: tuple[Any, ...], text: str,
              seeds: list[tuple[str, Seed]]) -> None:
        """Report `text` unless it is in one of `seeds` ((name, seed) pairs); the nearest
        passage of the first seed shows where it may have gone wrong, while the briefing's
        budget for such searches lasts."""
        if any(seed.contains(text) for _, seed in seeds):
            return
        name, seed = seeds[0]
        near = seed.nearest(text, self.seeds.budget)
        found = f"nearest passage, line {near.line}: \"{near.text}\"" if near \
            else "too many quotes are missing to show each one's nearest passage"
        also = "" if len(seeds) == 1 else f" (nor in the other {len(seeds) - 1} seeds cited)"
        self.error(file, path, f"quote not found in {self.seeds.shown_as}/{name}{also}; "
                               f"{found}")

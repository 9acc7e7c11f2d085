"""Checks that span files: ids, cross-references, dates and quotes.

The models check each file on its own; this module checks what only the
whole briefing can tell: that every id named exists, that ids are unique,
that dates make sense together, and that every quote is in its seed.
Each check is skipped where a file it needs did not validate, so one
broken file does not bury the editor in follow-on errors.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.base.files import NotRegularError, TooLargeError, read_regular
from generator.base.limits import HINT_BUDGET, MAX_SEED_BYTES, QUOTE_SEARCH_BUDGET
from generator.base.paths import is_within
from generator.base.problems import BriefingError, Problem, did_you_mean
from generator.content.dates import format_date
from generator.content.document import Document
from generator.content.seeds import Budget, Seed

if TYPE_CHECKING:
    from generator.content.model import (
        ActorsFile,
        BriefingFile,
        SourcesFile,
        StakesFile,
        TimelineFile,
    )

KNOWN_LISTED = 8
"""An unknown id with no near match lists the known ones when there are at most this many."""
RESERVED_ACTOR_IDS = {"index"}
"""Actor ids that would take the address of another page: `actors/index.md` is the
actors page itself."""


class SeedError(BriefingError):
    """A seed that cannot be used: missing, unreadable, too large or not text."""


class Seeds:
    """The archived source texts in `seeds/`, each read and normalized once."""

    def __init__(self, folder: Path, shown_as: str = "seeds", root: Path | None = None) -> None:
        self.folder = folder
        self.shown_as = shown_as
        self.root = root if root is not None else folder
        """The project: no seed is read from outside it."""
        self._names: set[str] | None = None
        self._texts: dict[str, Seed | SeedError] = {}
        self._hint_budget = HINT_BUDGET
        self.budget = Budget(QUOTE_SEARCH_BUDGET)
        """The work the search for missing quotes' nearest passages may still do."""

    def get(self, name: str) -> Seed:
        """The seed named `name`; raises `SeedError` saying why it cannot be used."""
        if name not in self._texts:
            try:
                self._texts[name] = self._read(name)
            except SeedError as error:
                self._texts[name] = error
        found = self._texts[name]
        if isinstance(found, SeedError):
            raise found
        return found

    def _read(self, name: str) -> Seed:
        if self._names is None:
            self._names = set(_listdir(self.folder))
        # Compare with the exact names on disk, so case-insensitive file systems
        # and look-alike Unicode spellings cannot reach another file.
        if name not in self._names:
            same = [n for n in sorted(self._names) if n.casefold() == name.casefold()]
            self._hint_budget -= len(self._names)
            hint = f" (did you mean '{same[0]}'? names are case-sensitive)" if same \
                else did_you_mean(name, self._names) if self._hint_budget >= 0 else ""
            raise SeedError(f"seed file '{name}' is not in {self.shown_as}/{hint}")
        path = self.folder / name
        if not is_within(path, self.root):
            raise SeedError(f"seed '{name}' in {self.shown_as}/ is outside the project")
        try:
            # Links are not followed at all (not even to another seed): a seed is its text.
            raw = read_regular(path, MAX_SEED_BYTES, follow=False)
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise SeedError(f"seed file {self.shown_as}/{name} is not UTF-8; "
                            "save it as UTF-8") from None
        except TooLargeError as error:
            raise SeedError(f"seed file {self.shown_as}/{name} is {error.size:,} bytes, more "
                            f"than the {MAX_SEED_BYTES:,} allowed; keep only the article's "
                            "text") from None
        except NotRegularError:
            raise SeedError(f"seed '{name}' in {self.shown_as}/ is not a regular file") from None
        except OSError as exc:
            raise SeedError(f"seed file {self.shown_as}/{name} cannot be read: "
                            f"{exc.strerror}") from None
        if not text.strip():
            raise SeedError(f"seed file {self.shown_as}/{name} is empty; "
                            "save the source's text in it")
        return Seed(text, hashlib.sha256(raw).hexdigest())


def _listdir(folder: Path) -> list[str]:
    try:
        return [p.name for p in folder.iterdir()]
    except OSError:
        return []


@dataclass
class Parts:
    """A briefing's five files: each one's document, and its model if it validated."""

    docs: dict[str, Document]
    briefing: BriefingFile | None = None
    actors: ActorsFile | None = None
    timeline: TimelineFile | None = None
    stakes: StakesFile | None = None
    sources: SourcesFile | None = None


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
        timeline = p.timeline
        known = {
            "actor": self.unique("actors.yml", "actor", [("actors", i, a.id) for i, a in
                                                         enumerate(p.actors.actors)]
                                 if p.actors else None),
            "source": self.unique("sources.yml", "source", [("sources", i, s.id) for i, s in
                                                            enumerate(p.sources.sources)]
                                  if p.sources else None),
            "event": self.unique("timeline.yml", "event", [("events", i, e.id) for i, e in
                                                           enumerate(timeline.events)]
                                 if timeline else None),
            "commitment": self.unique("timeline.yml", "commitment", [
                ("events", i, "commitments", k, c.id) for i, e in enumerate(timeline.events)
                for k, c in enumerate(e.commitments)] if timeline else None),
        }
        self.unique("timeline.yml", "claim", [("claims", i, c.id) for i, c in
                                              enumerate(timeline.claims)] if timeline else None)
        self.unique("stakes.yml", "stake", [("stakes", i, s.id) for i, s in
                                            enumerate(p.stakes.stakes)] if p.stakes else None)
        for file, path, kind, ref in self.references():
            if kind == "source":
                self.cited.add(ref)
            ids = known[kind]
            if ids is not None and ref not in ids:
                self.error(file, path, f"unknown {kind} '{ref}'{self.hint(ref, ids, kind)}")
        self.actor_rules()
        self.dates()
        if timeline is not None:
            self.attribution(timeline)
            self.commitments(timeline)
            self.claims(timeline)
        if p.sources is not None:
            self.quotes(p.sources)
            if p.briefing and p.actors and p.timeline and p.stakes:
                for i, source in enumerate(p.sources.sources):
                    if source.id not in self.cited:
                        self.warn("sources.yml", ("sources", i, "id"),
                                  f"source '{source.id}' is never cited; cite it or remove it")
        if not any(problem.severity == "error" for problem in self.problems):
            self.honesty()  # while references are broken, these would only be noise

    def unique(self, file: str, kind: str,
               items: list[tuple[Any, ...]] | None) -> set[str] | None:
        """The ids of one kind, given as (*path to the item, id), reporting each repeat
        at its second occurrence; None where the file did not validate."""
        if items is None:
            return None
        first: dict[str, tuple[Any, ...]] = {}
        for *where, id_ in items:
            path = (*where, "id")
            if id_ in first:
                line = self.parts.docs[file].position(first[id_])[0]
                self.error(file, path, f"duplicate {kind} id '{id_}' (first at line {line}); "
                                       "ids must be unique")
            else:
                first[id_] = path
        return set(first)

    def references(self) -> Iterator[tuple[str, tuple[Any, ...], str, str]]:
        """(file, path, kind, id) for every id that a file names, where kind is 'actor',
        'source', 'event' or 'commitment'."""
        p = self.parts
        if p.briefing:
            for j, ref in enumerate(p.briefing.sources):
                yield "briefing.yml", ("sources", j), "source", ref
        if p.actors:
            for i, actor in enumerate(p.actors.actors):
                for j, ref in enumerate(actor.sources):
                    yield "actors.yml", ("actors", i, "sources", j), "source", ref
                if actor.affiliation:
                    yield "actors.yml", ("actors", i, "affiliation"), "actor", actor.affiliation
                for k, quote in enumerate(actor.quotes):
                    yield "actors.yml", ("actors", i, "quotes", k, "source"), "source", quote.source
            for i, rel in enumerate(p.actors.relations):
                yield "actors.yml", ("relations", i, "from"), "actor", rel.from_
                yield "actors.yml", ("relations", i, "to"), "actor", rel.to
                for j, ref in enumerate(rel.sources):
                    yield "actors.yml", ("relations", i, "sources", j), "source", ref
        if p.timeline:
            for i, event in enumerate(p.timeline.events):
                for j, ref in enumerate(event.actors):
                    yield "timeline.yml", ("events", i, "actors", j), "actor", ref
                for j, ref in enumerate(event.sources):
                    yield "timeline.yml", ("events", i, "sources", j), "source", ref
                for key in ("claimed_by", "denied_by"):
                    for j, ref in enumerate(getattr(event, key)):
                        yield "timeline.yml", ("events", i, key, j), "actor", ref
                for k, commitment in enumerate(event.commitments):
                    where = ("events", i, "commitments", k)
                    for j, ref in enumerate(commitment.parties):
                        yield "timeline.yml", (*where, "parties", j), "actor", ref
                    for j, ref in enumerate(commitment.sources):
                        yield "timeline.yml", (*where, "sources", j), "source", ref
                for k, step in enumerate(event.implements):
                    where = ("events", i, "implements", k)
                    yield "timeline.yml", (*where, "commitment"), "commitment", step.commitment
                    for j, ref in enumerate(step.claimed_by):
                        yield "timeline.yml", (*where, "claimed_by", j), "actor", ref
            for i, claim in enumerate(p.timeline.claims):
                yield "timeline.yml", ("claims", i, "claimant"), "actor", claim.claimant
                if claim.event is not None:
                    yield "timeline.yml", ("claims", i, "event"), "event", claim.event
                for j, ref in enumerate(claim.sources):
                    yield "timeline.yml", ("claims", i, "sources", j), "source", ref
        if p.stakes:
            for i, stake in enumerate(p.stakes.stakes):
                for j, ref in enumerate(stake.sources):
                    yield "stakes.yml", ("stakes", i, "sources", j), "source", ref
                for k, pos in enumerate(stake.positions):
                    yield "stakes.yml", ("stakes", i, "positions", k, "actor"), "actor", pos.actor
                    for j, ref in enumerate(pos.sources):
                        yield ("stakes.yml", ("stakes", i, "positions", k, "sources", j),
                               "source", ref)

    def actor_rules(self) -> None:
        actors = self.parts.actors
        if actors is None:
            return
        for i, actor in enumerate(actors.actors):
            if actor.id in RESERVED_ACTOR_IDS:
                self.error("actors.yml", ("actors", i, "id"),
                           f"actor id '{actor.id}' would give this actor the address of the "
                           "page listing all actors; choose another id")
            if actor.affiliation == actor.id:
                self.error("actors.yml", ("actors", i, "affiliation"),
                           "an actor cannot be affiliated with itself")
        for i, rel in enumerate(actors.relations):
            if rel.from_ == rel.to:
                self.error("actors.yml", ("relations", i, "to"),
                           f"relation from '{rel.from_}' to itself; name another actor")
            if rel.since is not None and rel.until is not None \
                    and rel.until.last_day < rel.since.first_day:
                self.error("actors.yml", ("relations", i, "until"),
                           f"until {rel.until} ends before since {rel.since} begins")

    def dates(self) -> None:
        briefing, timeline = self.parts.briefing, self.parts.timeline
        if briefing is not None:
            as_of = briefing.as_of
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
        for i, event in enumerate(timeline.events):
            if event.end_date is not None and event.end_date.last_day < event.date.first_day:
                self.error("timeline.yml", ("events", i, "end_date"),
                           f"end_date {event.end_date} ends before date {event.date} begins")
            if briefing is not None and event.date.first_day > briefing.as_of.last_day:
                self.warn("timeline.yml", ("events", i, "date"),
                          f"event starts after the briefing's as_of date {briefing.as_of}; "
                          "fix the date or move as_of")

    def honesty(self) -> None:
        """Warnings for what keeps a briefing honest: no actor left without a part in it, no
        stake with one side only, no as-of date far past the newest event."""
        p = self.parts
        if p.actors and p.timeline and p.stakes:
            named = {ref for file, _, kind, ref in self.references()
                     if kind == "actor" and file != "actors.yml"}
            for rel in p.actors.relations:
                named |= {rel.from_, rel.to}
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
        for i, event in enumerate(timeline.events):
            for j, ref in enumerate(event.denied_by):
                if ref in event.claimed_by:
                    self.error("timeline.yml", ("events", i, "denied_by", j),
                               f"'{ref}' is in both claimed_by and denied_by; keep one")

    def commitments(self, timeline: TimelineFile) -> None:
        """Each commitment is due after it was made, and implemented only after it was made,
        at most once by any one event."""
        made = {c.id: (event, k) for event in timeline.events
                for k, c in enumerate(event.commitments)}
        for i, event in enumerate(timeline.events):
            for k, commitment in enumerate(event.commitments):
                if commitment.due is not None and \
                        commitment.due.last_day < event.date.first_day:
                    self.error("timeline.yml", ("events", i, "commitments", k, "due"),
                               f"due {commitment.due} is before the event that made the "
                               f"commitment ({event.date})")
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
                    continue  # reported as an unknown commitment
                origin = made[step.commitment][0]
                if event.date.last_day < origin.date.first_day:
                    self.error("timeline.yml", where,
                               f"commitment '{step.commitment}' was made later, at event "
                               f"'{origin.id}' ({format_date(origin.date)}); an event can only "
                               "implement a commitment made before it")

    def claims(self, timeline: TimelineFile) -> None:
        first: dict[tuple[str, str], str] = {}
        for i, claim in enumerate(timeline.claims):
            if claim.low is not None and claim.high is not None and claim.low > claim.high:
                self.error("timeline.yml", ("claims", i, "high"),
                           f"high {claim.high:g} is less than low {claim.low:g}; "
                           "swap them")
            # Claims stand side by side, one row per claimant: a second figure from the
            # same side would set it against itself.
            earlier = first.setdefault((claim.about, claim.claimant), claim.id)
            if earlier != claim.id:
                self.error("timeline.yml", ("claims", i, "claimant"),
                           f"'{claim.claimant}' already gives a figure for '{claim.about}' "
                           f"(claim '{earlier}'); keep its latest figure, or count "
                           "something else in `about`")

    def quotes(self, sources: SourcesFile) -> None:
        seeded: dict[str, Any] = {}
        for i, source in enumerate(sources.sources):
            if source.seed is None:
                continue
            try:
                seeded[source.id] = (source.seed, self.seeds.get(source.seed))
            except SeedError as error:
                self.error("sources.yml", ("sources", i, "seed"), str(error))
        actors, timeline = self.parts.actors, self.parts.timeline
        for i, actor in enumerate(actors.actors if actors else []):
            for k, quote in enumerate(actor.quotes):
                if quote.source in seeded:
                    self.quote("actors.yml", ("actors", i, "quotes", k, "text"), quote.text,
                               [seeded[quote.source]])
        for i, claim in enumerate(timeline.claims if timeline else []):
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

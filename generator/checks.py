"""Checks that span files: ids, cross-references, dates and quotes.

The models check each file on its own; this module checks what only the
whole briefing can tell: that every id named exists, that ids are unique,
that dates make sense together, and that every quote is in its seed.
Each check is skipped where a file it needs did not validate, so one
broken file does not bury the editor in follow-on errors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .dates import format_date
from .errors import BriefingError, Problem, did_you_mean
from .files import NotRegularError, TooLargeError, read_regular
from .limits import HINT_BUDGET, MAX_SEED_BYTES, QUOTE_SEARCH_BUDGET
from .load import Document
from .paths import inside
from .quotes import Budget, Seed

if TYPE_CHECKING:
    from .model import ActorsFile, BriefingFile, SourcesFile, StakesFile, TimelineFile

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
        if not inside(path, self.root):
            raise SeedError(f"seed '{name}' in {self.shown_as}/ is outside the project")
        try:
            # Links are not followed at all (not even to another seed): a seed is its text.
            text = read_regular(path, MAX_SEED_BYTES, follow=False).decode("utf-8-sig")
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
        return Seed(text)


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


def check_briefing(parts: Parts, seeds: Seeds, today: dt.date) -> list[Problem]:
    """Every cross-file problem in one briefing, errors and warnings alike."""
    checker = _Checker(parts, seeds, today)
    checker.run()
    return checker.problems


class _Checker:
    def __init__(self, parts: Parts, seeds: Seeds, today: dt.date) -> None:
        self.parts = parts
        self.seeds = seeds
        self.today = today
        self.problems: list[Problem] = []
        self.cited: set[str] = set()
        self.hint_budget = HINT_BUDGET

    def hint(self, wrong: str, known: set[str]) -> str:
        """A "did you mean" hint, while the budget for them lasts."""
        self.hint_budget -= len(known)
        return did_you_mean(wrong, known) if self.hint_budget >= 0 else ""

    def error(self, file: str, path: tuple[Any, ...], message: str) -> None:
        self.problems.append(self.parts.docs[file].problem(path, message))

    def warn(self, file: str, path: tuple[Any, ...], message: str, *, stale: bool = False) -> None:
        self.problems.append(self.parts.docs[file].problem(
            path, message, severity="warning", stale=stale))

    def run(self) -> None:
        p = self.parts
        actor_ids = self.unique("actors.yml", "actor", "actors",
                                p.actors.actors if p.actors else None)
        source_ids = self.unique("sources.yml", "source", "sources",
                                 p.sources.sources if p.sources else None)
        self.unique("timeline.yml", "event", "events", p.timeline.events if p.timeline else None)
        self.unique("stakes.yml", "stake", "stakes", p.stakes.stakes if p.stakes else None)
        for file, path, kind, ref in self.references():
            known = actor_ids if kind == "actor" else source_ids
            if kind == "source":
                self.cited.add(ref)
            if known is not None and ref not in known:
                self.error(file, path, f"unknown {kind} '{ref}'{self.hint(ref, known)}")
        self.actor_rules()
        self.dates()
        if p.sources is not None:
            self.quotes(p.sources)
            if p.briefing and p.actors and p.timeline and p.stakes:
                for i, source in enumerate(p.sources.sources):
                    if source.id not in self.cited:
                        self.warn("sources.yml", ("sources", i, "id"),
                                  f"source '{source.id}' is never cited; cite it or remove it")

    def unique(self, file: str, kind: str, key: str, items: list[Any] | None) -> set[str] | None:
        """The ids of one kind (`items` from the list under `key`), reporting each repeat
        at its second occurrence; None where the file did not validate."""
        if items is None:
            return None
        first: dict[str, int] = {}
        for index, id_ in enumerate(item.id for item in items):
            if id_ in first:
                line = self.parts.docs[file].position((key, first[id_], "id"))[0]
                self.error(file, (key, index, "id"),
                           f"duplicate {kind} id '{id_}' (first at line {line}); "
                           "ids must be unique")
            else:
                first[id_] = index
        return set(first)

    def references(self) -> Iterator[tuple[str, tuple[Any, ...], str, str]]:
        """(file, path, 'actor' or 'source', id) for every id that a file names."""
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

    def quotes(self, sources: SourcesFile) -> None:
        seeded: dict[str, Any] = {}
        for i, source in enumerate(sources.sources):
            if source.seed is None:
                continue
            try:
                seeded[source.id] = (source.seed, self.seeds.get(source.seed))
            except SeedError as error:
                self.error("sources.yml", ("sources", i, "seed"), str(error))
        actors = self.parts.actors
        if actors is None:
            return
        for i, actor in enumerate(actors.actors):
            for k, quote in enumerate(actor.quotes):
                if quote.source not in seeded:
                    continue
                name, seed = seeded[quote.source]
                if not seed.contains(quote.text):
                    near = seed.nearest(quote.text, self.seeds.budget)
                    found = f"nearest passage, line {near.line}: \"{near.text}\"" if near \
                        else "too many quotes are missing to show each one's nearest passage"
                    self.error("actors.yml", ("actors", i, "quotes", k, "text"),
                               f"quote not found in {self.seeds.shown_as}/{name}; {found}")

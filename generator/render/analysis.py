"""What the site works out from a validated briefing, beyond what editors wrote.

Where each commitment stands, how far apart competing figures are, whether a
relation is over. Pure functions of the model and `as_of`, kept apart from
the templates so that every page, picture and export that shows them agrees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.content.dates import format_date, format_range
from generator.content.times import instant, time_words
from generator.render.wording import say

if TYPE_CHECKING:
    from generator.content.dates import Date
    from generator.content.model import (
        Briefing,
        Claim,
        Commitment,
        Event,
        Implementation,
        Position,
        Relation,
        Stake,
    )

STATUS_WORDS = {"in-force": "In force", "kept": "Kept", "in-progress": "In progress",
                "pending": "Pending", "overdue": "Overdue", "disputed": "Disputed",
                "broken": "Broken", "ended": "Ended"}
"""Each commitment status (`vocabulary.COMMITMENT_STATUSES`) as readers see it, in the
order a tally lists them."""


def event_order(events: list[Event], zone: str | None = None) -> list[Event]:
    """Events as the timeline shows them: by the first day each may be, the shorter
    span first; within one day, those without a time first, then timed ones by the
    instant they name (`zone` is the briefing's clock for times that name none); then
    in file order."""
    def key(pair: tuple[int, Event]) -> tuple[Any, ...]:
        index, event = pair
        moment = event_instant(event, zone)
        return (*event.date.sort_key(), moment is not None,
                moment.astimezone(dt.UTC) if moment else _NO_TIME, index)

    return [event for _, event in sorted(enumerate(events), key=key)]


_NO_TIME = dt.datetime.min.replace(tzinfo=dt.UTC)


def event_clock(event: Event, zone: str | None) -> str | None:
    """The clock an event's time is in (its own, or the briefing's `zone`); None without
    a time."""
    return (event.timezone or zone) if event.time else None


def event_instant(event: Event, zone: str | None) -> dt.datetime | None:
    """The moment an event's date and time name, or None without a time."""
    clock = event_clock(event, zone)
    if event.time is None or clock is None:
        return None
    return instant(event.date.first_day, event.time, clock)


def moment_words(date: Date, time: str | None, zone: str | None) -> str:
    """A date in words, with a time in its clock where there is one:
    `14 Mar 2026, 06:00 Helsinki time`."""
    words = format_date(date)
    return f"{words}, {time_words(time, zone)}" if time and zone else words


def commitment_timing(tracked: Tracked, zone: str | None) -> str:
    """When a commitment falls due or holds, in words to follow others: `due 10 May 2025`;
    `in force from 14 Mar 2026, 06:00 Helsinki time until 17 Mar 2026` (`since` once in
    force); '' for one with neither."""
    c = tracked.commitment
    clock = c.timezone or zone
    if c.due is not None:
        return say("due {date}", date=moment_words(c.due, c.due_time, clock))
    if c.from_ is None:
        return ""
    start = moment_words(c.from_, c.from_time, clock)
    text = say("in force since {date}", date=start) if tracked.status == "in-force" else \
        say("in force from {date}", date=start)
    if c.until is not None:
        text += " " + say("until {date}", date=moment_words(c.until, c.until_time, clock))
    return text


def event_when(event: Event, zone: str | None) -> str:
    """An event's date or range in words, with its time in its own clock where it has
    one: `14 Mar 2026, 06:00 Helsinki time`."""
    words = format_range(event.date, event.end_date, approximate=event.approximate)
    clock = event_clock(event, zone)
    return f"{words}, {time_words(event.time, clock)}" if event.time and clock else words


def attribution(event: Event, names: Callable[[list[str]], str], publishers: Mapping[str, str],
                *, sentence: bool = True, text: Callable[[str], str] = str) -> str:
    """Whose account an event is, where it is not established fact, with the actors named
    by `names` and the publishers of its sources by `publishers` (source id to publisher):
    `According to Pakistan; denied by Taliban government`, `Reported by Saudi Gazette,
    according to aid workers; not confirmed` as a sentence, or in lower case to follow
    other words; '' for an event given as established. `text` escapes the words from
    YAML that are not names (publishers, `according_to`) for where the result goes."""
    parts = []
    if event.claimed_by:
        parts.append(say("according to {names}", names=names(event.claimed_by)))
    if event.denied_by:
        parts.append(say("denied by {names}", names=names(event.denied_by)))
    if event.reported:
        reporters = list(dict.fromkeys(publishers[s] for s in event.sources))
        report = say("reported by {names}", names=text(in_words(reporters)))
        if event.according_to:
            report += ", " + say("according to {names}", names=text(event.according_to))
        parts += [report, say("not confirmed")]
    said = "; ".join(parts)
    return said[:1].upper() + said[1:] if sentence else said


def in_words(items: list[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    if len(items) == 1:
        return items[0]
    return say("{items} and {last}", items=say(", ").join(items[:-1]), last=items[-1])


@dataclass(frozen=True)
class Step:
    """One event's word on a commitment."""

    event: Event
    implementation: Implementation


@dataclass(frozen=True)
class Tracked:
    """A commitment, the event that made it, and what later events showed of it."""

    commitment: Commitment
    made_at: Event
    steps: list[Step]
    """In timeline order."""
    status: str
    """Its status now: the latest step's, else `pending`; `overdue` when it was due
    before `as_of` and is still pending or in progress."""


def track_commitments(briefing: Briefing) -> list[Tracked]:
    """Every commitment of the briefing, in the order they were made."""
    events = event_order(briefing.events, briefing.briefing.timezone)
    as_of = briefing.briefing.as_of
    tracked = []
    for event in events:
        for commitment in event.commitments:
            steps = [Step(later, step) for later in events for step in later.implements
                     if step.commitment == commitment.id]
            status: str = steps[-1].implementation.status if steps else "pending"
            if commitment.from_ is not None:
                status = _ongoing_status(commitment, status, as_of)
            elif status in ("pending", "in-progress") and commitment.due is not None \
                    and commitment.due.last_day < as_of.first_day:
                status = "overdue"
            tracked.append(Tracked(commitment, event, steps, status))
    return tracked


def _ongoing_status(commitment: Commitment, latest: str, as_of: Date) -> str:
    """An ongoing commitment (a ceasefire) is pending before it takes effect, in force from
    then until an event says otherwise (broken, disputed), and ended after its `until`:
    never pending or due once in force."""
    if latest in ("broken", "disputed"):
        return latest
    assert commitment.from_ is not None
    if commitment.from_.first_day > as_of.last_day:
        return "pending"
    if commitment.until is not None and commitment.until.last_day < as_of.first_day:
        return "ended"
    return "in-force"


def tally(tracked: list[Tracked]) -> str:
    """`3 commitments: 1 kept, 1 in progress, 1 overdue`."""
    counts = {status: sum(t.status == status for t in tracked) for status in STATUS_WORDS}
    parts = [f"{n} {say(STATUS_WORDS[status]).lower()}" for status, n in counts.items() if n]
    total = say("1 commitment") if len(tracked) == 1 else \
        say("{count} commitments", count=len(tracked))
    return f"{total}: {say(', ').join(parts)}"


def figure(claim: Claim) -> str:
    """A claim's figure in words: `58`, `at least 200`, `up to 300`, `200-300`, with its
    unit; one given only in words, as the source words it: `“thousands”`."""
    if claim.wording is not None:
        return f"“{claim.wording}”"
    if claim.value is not None:
        text = number(claim.value)
    elif claim.low is not None and claim.high is not None:
        text = f"{number(claim.low)}-{number(claim.high)}"
    elif claim.low is not None:
        text = say("at least {number}", number=number(claim.low))
    else:
        assert claim.high is not None
        text = say("up to {number}", number=number(claim.high))
    return f"{text} {claim.unit}" if claim.unit else text


def teller(claim: Claim, names: Callable[[str], str], publishers: Mapping[str, str], *,
           sentence: bool = False) -> str:
    """Whose figure a claim is: its claimant's name, or for a figure a source reports,
    `reported by Saudi Gazette, according to local media` (`Reported ...` as a sentence)."""
    if claim.claimant is not None:
        return names(claim.claimant)
    assert claim.reported_by is not None
    text = say("reported by {names}", names=publishers[claim.reported_by])
    if claim.according_to:
        text += ", " + say("according to {names}", names=claim.according_to)
    return text[:1].upper() + text[1:] if sentence else text


def number(value: float) -> str:
    """A figure as readers write it: `2,500`, `2.5`."""
    if float(value).is_integer():
        return f"{int(value):,}"
    written = f"{value:,.6f}".rstrip("0").rstrip(".")
    return written if written != "0" else f"{value:g}"  # a millionth or less


@dataclass(frozen=True)
class ClaimGroup:
    """The claims about one thing counted, side by side."""

    about: str
    claims: list[Claim]
    """From the lowest figure to the highest, then those given only in words, as written."""
    lowest: Claim | None
    """The claim with the lowest number; None when every figure is in words."""
    highest: Claim | None

    @property
    def competing(self) -> bool:
        """Whether two or more claimants or reporters give a figure (each gives one)."""
        return len(self.claims) > 1

    @property
    def ratio(self) -> float | None:
        """How many times the lowest figure the highest is; None where that means
        nothing (fewer than two numbers, or a lowest figure of 0)."""
        if self.lowest is None or self.highest is None or \
                sum(c.numeric for c in self.claims) < 2:
            return None
        low, high = _least(self.lowest), _most(self.highest)
        if low <= 0 or high <= low:
            return None
        return high / low


def group_claims(claims: Iterable[Claim]) -> list[ClaimGroup]:
    """Claims grouped by what they count, in the order each thing is first named. Figures
    in words are set after the numbers and left out of the spread: they set no bound."""
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(claim.about, []).append(claim)
    out = []
    for about, members in groups.items():
        numbers = sorted((c for c in members if c.numeric), key=lambda c: (_least(c), _most(c)))
        words = [c for c in members if not c.numeric]
        out.append(ClaimGroup(about, numbers + words,
                              min(numbers, key=_least) if numbers else None,
                              max(numbers, key=_most) if numbers else None))
    return out


def _least(claim: Claim) -> float:
    """The smallest number a claim admits (`up to 300` admits no less than 300 as stated)."""
    value = claim.value if claim.value is not None else \
        claim.low if claim.low is not None else claim.high
    assert value is not None
    return float(value)


def _most(claim: Claim) -> float:
    value = claim.value if claim.value is not None else \
        claim.high if claim.high is not None else claim.low
    assert value is not None
    return float(value)


def position_sources(stake: Stake, position: Position) -> list[str]:
    """The sources a position is cited to: its own; without, the stake's when the stake
    has only one (which must say it); otherwise none (`check` warns, the page says "no
    source given"), so that no position is cited to a source that may not say it."""
    if position.sources:
        return list(position.sources)
    return list(stake.sources) if len(stake.sources) == 1 else []


def is_past(relation: Relation, as_of: Date) -> bool:
    """True for a relation that ended before the briefing's as-of date."""
    return relation.until is not None and relation.until.last_day < as_of.first_day

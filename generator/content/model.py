"""The content model: what editors may write in each of a briefing's five files.

Declared once, as pydantic models: validation, defaults, the JSON export and
the JSON Schema for editors all come from here. Every model forbids unknown
keys (a typo such as `sumary` is an error) and is frozen once validated.
Cross-references between files are checked in `cross_checks`, not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    PrivateAttr,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from generator.base.limits import MAX_ID_LENGTH, MAX_SEED_NAME_LENGTH, MAX_TEXT_LENGTH
from generator.base.problems import describe
from generator.content.dates import Date, parse_date
from generator.content.ids import FILE_NAMES, OPTIONAL_FILE_NAMES, SLUG_PATTERN, check_id
from generator.content.times import check_time, check_timezone
from generator.content.vocabulary import (
    ActorKind,
    BriefingStatus,
    EventKind,
    ImplementationStatus,
    PlaceKind,
    RelationKind,
    SourceKind,
    Trend,
)

_SEED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_PLAIN_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
_DATE_SCHEMA = {
    "anyOf": [{"type": "integer", "minimum": 1, "maximum": 9999},
              {"type": "string", "pattern": rf"^{_PLAIN_DATE}[~?%]?$"},
              {"type": "string", "pattern": rf"^\[{_PLAIN_DATE}\.\.{_PLAIN_DATE}\]$"},
              {"type": "array", "minItems": 1, "maxItems": 1,
               "items": {"type": "string", "pattern": rf"^{_PLAIN_DATE}\.\.{_PLAIN_DATE}$"}}],
    "description": "EDTF: YYYY, YYYY-MM or YYYY-MM-DD (the form is the precision), followed "
                   "if need be by ~ (approximate), ? (uncertain) or % (both); or "
                   "[YYYY-MM-DD..YYYY-MM-DD] for one day, not known which, between two",
}


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Unicode's control characters (category Cc) but for tab and line feed."""


def check_text(value: str) -> str:
    """Text shown to readers: not blank, no control characters, of bounded length."""
    if not value.strip():
        raise ValueError("must not be empty")
    if len(value) > MAX_TEXT_LENGTH:
        raise ValueError(f"text is {len(value):,} characters, more than the "
                         f"{MAX_TEXT_LENGTH:,} allowed")
    control = _CONTROL.search(value)
    if control:
        raise ValueError(f"contains the control character U+{ord(control.group()):04X}; "
                         "remove it")
    return value


def check_url(value: str) -> str:
    """An absolute http or https address."""
    check_text(value)
    if any(c.isspace() for c in value) or any(c in value for c in "<>\"\\"):
        raise ValueError(f"{value[:80]!r} is not a web address: it contains spaces, "
                         "quotes, angle brackets or backslashes")
    try:
        parts = urlsplit(value)
    except ValueError:  # Such as an unclosed '[' in the host ("Invalid IPv6 URL").
        raise ValueError(f"{value[:80]!r} is not a web address: its host cannot be read; "
                         "write it in full, such as https://example.org/page") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{value[:80]!r} is not a web address; "
                         "write it in full, starting with https://")
    return value


def check_seed_name(value: str) -> str:
    """A plain file name inside `seeds/`: no folders, no leading dot."""
    if "/" in value or "\\" in value or ".." in value:
        raise ValueError(f"{value[:80]!r} is not a plain file name in seeds/; write only the "
                         "name, such as 'istanbul-talks.txt', without folders")
    if len(value) > MAX_SEED_NAME_LENGTH:
        raise ValueError(f"seed file names are at most {MAX_SEED_NAME_LENGTH} characters; "
                         f"this one has {len(value)}")
    if not _SEED.fullmatch(value):
        # ASCII only: names that differ by case folding or Unicode normalization
        # could then reach another file on some file systems.
        raise ValueError(f"{value[:80]!r} is not a plain file name in seeds/; use ASCII "
                         "letters, digits, '.', '_' and '-', starting with a letter or digit, "
                         "such as 'istanbul-talks.txt'")
    return value


@dataclass(frozen=True)
class Key:
    """Marks a field whose value identifies something rather than saying it: an item's id,
    a reference to another item's id, a seed's file name. Walkers of the model read it
    (`model_walk`): references are checked, and reports show keys as code."""

    refers_to: str | None = None
    """For a reference, the kind of item it names: `actor`, `source`, `event`,
    `commitment` or `place` (each the lower-cased name of the model holding that item's `id`)."""


_ID_SCHEMA = {"type": "string", "pattern": SLUG_PATTERN, "maxLength": MAX_ID_LENGTH}
Id = Annotated[str, AfterValidator(check_id), Key(), WithJsonSchema(_ID_SCHEMA)]
"""An item's own id."""
ActorRef = Annotated[str, AfterValidator(check_id), Key("actor"), WithJsonSchema(_ID_SCHEMA)]
SourceRef = Annotated[str, AfterValidator(check_id), Key("source"), WithJsonSchema(_ID_SCHEMA)]
EventRef = Annotated[str, AfterValidator(check_id), Key("event"), WithJsonSchema(_ID_SCHEMA)]
CommitmentRef = Annotated[str, AfterValidator(check_id), Key("commitment"),
                          WithJsonSchema(_ID_SCHEMA)]
PlaceRef = Annotated[str, AfterValidator(check_id), Key("place"), WithJsonSchema(_ID_SCHEMA)]
Text = Annotated[str, AfterValidator(check_text),
                 WithJsonSchema({"type": "string", "minLength": 1,
                                 "maxLength": MAX_TEXT_LENGTH})]
Markdown = Annotated[str, AfterValidator(check_text),
                     WithJsonSchema({"type": "string", "minLength": 1,
                                     "maxLength": MAX_TEXT_LENGTH,
                                     "contentMediaType": "text/markdown"})]
"""Inline Markdown: emphasis, strong, code, line breaks and http(s)/mailto links only."""
DateField = Annotated[Date, BeforeValidator(parse_date),
                      PlainSerializer(Date.edtf, return_type=str),
                      WithJsonSchema(_DATE_SCHEMA)]
"""A date in EDTF; briefing.json writes it back as EDTF (plain dates as written)."""
TimeOfDay = Annotated[str, PlainValidator(check_time),
                      WithJsonSchema({"type": "string",
                                      "pattern": "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"})]
"""`HH:MM` on a 24-hour clock, `24:00` the end of the day (see `times`)."""
TimeZone = Annotated[str, PlainValidator(check_timezone),
                     WithJsonSchema({"type": "string", "examples": ["Asia/Kuala_Lumpur", "UTC"]})]
"""An IANA time zone name."""


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def check_language_tag(value: str) -> str:
    """A BCP 47 language tag such as `ur`, `ps-AF` or `zh-Hant`."""
    if not _LANGUAGE_TAG.fullmatch(value) or len(value) > 35:
        raise ValueError(f"{value[:40]!r} is not a language tag; write a BCP 47 tag such as "
                         "'ur' (Urdu), 'ps' (Pashto), 'fa' (Persian) or 'ar' (Arabic)")
    return value


LanguageTag = Annotated[str, AfterValidator(check_language_tag),
                        WithJsonSchema({"type": "string", "pattern": _LANGUAGE_TAG.pattern,
                                        "maxLength": 35})]


def _one_or_more(value: Any) -> Any:
    """A single id where a list of ids is expected, read as a list of one."""
    return [value] if isinstance(value, str) else value


def _one_or_list(ids: list[str]) -> str | list[str]:
    """Ids as written: one on its own, several as a list (so `briefing.json` keeps the
    shape older briefings had)."""
    return ids[0] if len(ids) == 1 else ids


MANY_PARTY_KINDS = ("mediates", "negotiates-with")
"""The kinds of relation whose `to` may list several actors."""

ActorIds = Annotated[list[ActorRef],
                     BeforeValidator(_one_or_more),
                     WithJsonSchema({"anyOf": [
                         {"type": "string", "pattern": SLUG_PATTERN, "maxLength": MAX_ID_LENGTH},
                         {"type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN,
                                                     "maxLength": MAX_ID_LENGTH}}]})]
"""Actor ids: a list, or one id on its own."""
def check_number(value: Any) -> float | int:
    """A count or amount: a finite number, 0 or more."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"expected a number such as 250 but received {describe(value)}")
    if isinstance(value, int) and abs(value) >= 10**15:
        raise ValueError("expected a number of at most 15 digits, as a count or an amount "
                         "is")
    if value < 0:
        raise ValueError(f"expected a number of 0 or more but received {value:g}")
    return value


Number = Annotated[float | int, PlainValidator(check_number),
                   WithJsonSchema({"type": "number", "minimum": 0})]
"""A count or amount: 0 or more."""
Url = Annotated[str, AfterValidator(check_url),
                WithJsonSchema({"type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"})]
SeedName = Annotated[str, AfterValidator(check_seed_name), Key(),
                     WithJsonSchema({"type": "string", "pattern": _SEED.pattern})]


def _some(description: str) -> Any:
    """A list field that needs at least one item."""
    return Field(min_length=1, description=description)


class Model(BaseModel):
    """Base of every content model: strict types, no unknown keys, frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True,
                              arbitrary_types_allowed=True, validate_by_name=True)


# sources.yml

class Source(Model):
    """A document that backs claims: an article, a statement, a report."""

    id: Id = Field(
        description="Unique id; claims cite it and it is the anchor on the sources page.")
    title: Text = Field(description="The document's own title.")
    publisher: Text = Field(description="Who published it, such as a newspaper or a ministry.")
    published: DateField = Field(description="When it was published, at the precision known.")
    url: Url | None = Field(None, description="Where readers can find it (http or https).")
    seed: SeedName | None = Field(
        None,
        description="File name of its archived text in seeds/; quotes are checked against it.")
    kind: SourceKind = Field(
        "other", description="What sort of document it is; `analysis` sources are also "
                             "listed as further reading on the overview.")
    note: Markdown | None = Field(
        None, description="How the source was dated or archived, such as 'the article prints "
                          "no year; 2025 from the events it reports'; shown with the source.")

    @model_validator(mode="after")
    def _url_or_seed(self) -> Source:
        if self.url is None and self.seed is None:
            raise ValueError("a source needs a url, a seed, or both, so readers can check it")
        return self


class SourcesFile(Model):
    """sources.yml: every source the briefing cites."""

    sources: list[Source] = Field(min_length=1, description="The sources, in the order listed.")


# actors.yml

class Quote(Model):
    """Words an actor said, as the source reports them."""

    text: Text = Field(
        description="The quoted words, exactly as in the source, without quote marks.")
    source: SourceRef = Field(description="The source that reports the quote.")
    date: DateField | None = Field(None, description="When it was said, if known.")
    context: Text | None = Field(None, description="Where or to whom it was said.")


class Actor(Model):
    """A state, government, armed group, organization or person in the situation."""

    id: Id = Field(description="Unique id; also the actor page's address.")
    name: Text = Field(description="The name readers know best.")
    aliases: list[Text] = Field(
        [], description="Other names, abbreviations and spellings; search finds them.")
    native_name: Text | None = Field(None, description="The name in its own language and script.")
    native_lang: LanguageTag | None = Field(
        None, description="The language of native_name as a BCP 47 tag, such as 'ur' or 'ps'; "
                          "screen readers and search read the name in it.")
    kind: ActorKind = Field(
        description="What sort of actor it is; the actors page groups by it.")
    role: Text | None = Field(
        None, description="Office or function, such as 'Foreign Office spokesman'.")
    affiliation: ActorRef | None = Field(
        None, description="Id of the actor it belongs to or works for.")
    summary: Markdown = Field(description="Who the actor is and what it does here.")
    stance: Markdown | None = Field(None, description="What the actor wants.")
    sources: list[SourceRef] = _some("Sources for the summary and stance.")
    quotes: list[Quote] = Field([], description="What the actor said.")


class Relation(Model):
    """How one actor stands toward another, or (mediation and talks) toward several."""

    id: Id | None = Field(
        None, description="Unique id among the briefing's relations; needed when `to` lists "
                          "several actors.")
    from_: ActorRef = Field(alias="from", description="The actor that acts.")
    to: Annotated[ActorIds, PlainSerializer(_one_or_list)] = Field(
        min_length=1, description="The actor acted upon; for `mediates` and `negotiates-with`, "
                                  "a list of two or more: 'mediates between Thailand and "
                                  "Cambodia'.")
    kind: RelationKind = Field(description="The kind of relation.")
    summary: Markdown = Field(description="What the relation consists of.")
    sources: list[SourceRef] = _some("Sources for the relation.")
    since: DateField | None = Field(None, description="When the relation began, if known.")
    until: DateField | None = Field(
        None, description="When it ended; a relation that ended before as_of reads in the past.")


    @model_validator(mode="after")
    def _several_only_in_talks(self) -> Relation:
        if len(self.to) > 1:
            if self.kind not in MANY_PARTY_KINDS:
                raise ValueError(f"`to` lists several actors only for mediates and "
                                 f"negotiates-with; give each actor a relation of its own "
                                 f"for {self.kind}")
            if self.id is None:
                raise ValueError("a relation between several actors needs an `id`")
        return self


class ActorsFile(Model):
    """actors.yml: the actors and the relations between them."""

    actors: list[Actor] = Field(min_length=1, description="The actors.")
    relations: list[Relation] = Field([], description="Relations between actors.")


# timeline.yml

class Commitment(Model):
    """What an agreement commits its parties to, tracked through later events."""

    id: Id = Field(description="Unique id among the briefing's commitments; `implements` names it.")
    text: Markdown = Field(description="What the parties committed to.")
    parties: list[ActorRef] = _some("The actors committed.")
    due: DateField | None = Field(
        None, description="For a one-off commitment, when it is due; past as_of without "
                          "`kept`, it shows as overdue.")
    due_time: TimeOfDay | None = Field(None, description="The time of day it is due.")
    from_: DateField | None = Field(
        None, alias="from", description="For an ongoing commitment (a ceasefire), when it "
                                        "takes effect: in force from then on.")
    from_time: TimeOfDay | None = Field(None, description="The time of day it takes effect.")
    until: DateField | None = Field(
        None, description="When an ongoing commitment of fixed length ends (a 72-hour truce).")
    until_time: TimeOfDay | None = Field(None, description="The time of day it ends.")
    timezone: TimeZone | None = Field(
        None, description="The clock of its times; briefing.yml's `timezone` by default.")
    sources: list[SourceRef] = _some("Sources for the commitment.")

    @model_validator(mode="after")
    def _one_kind_with_its_times(self) -> Commitment:
        if self.due is not None and self.from_ is not None:
            raise ValueError("a commitment is one-off (`due`) or ongoing (`from`, and `until` "
                             "for a fixed length), never both: keep one")
        if self.until is not None and self.from_ is None:
            raise ValueError("`until` ends an ongoing commitment: give `from`, when it takes "
                             "effect, too")
        for time, date, name in ((self.due_time, self.due, "due"),
                                 (self.from_time, self.from_, "from"),
                                 (self.until_time, self.until, "until")):
            if time is None:
                continue
            if date is None:
                raise ValueError(f"{name}_time needs `{name}`, the day it is on")
            why = _not_one_plain_day(date, None, False)
            if why:
                raise ValueError(f"{name}_time needs `{name}` to be one plain day; {why}")
        if self.timezone is not None and not self.times():
            raise ValueError("timezone is the clock of the commitment's times, and it has "
                             "none; add the time or remove the timezone")
        return self

    def times(self) -> list[str]:
        """The times of day it gives."""
        return [t for t in (self.due_time, self.from_time, self.until_time) if t is not None]


class Implementation(Model):
    """What an event shows about a commitment made earlier."""

    commitment: CommitmentRef = Field(description="The id of the commitment.")
    status: ImplementationStatus = Field(
        description="Where the commitment stands after this event.")
    claimed_by: ActorIds = Field(
        [], description="Actors whose account this status is, when it is not established.")
    note: Markdown | None = Field(None, description="What happened, briefly.")


def _not_one_plain_day(date: Date | None, end: Date | None, approximate: bool | None) -> str:
    """Why a date cannot carry a time of day ('' when it can): it must be one day, known."""
    if date is None:
        return ""  # reported as a date mistake
    if end is not None:
        return "end_date makes it several days"
    if date.one_of:
        return f"date {date} is one day of several"
    if date.earliest.precision != 3:
        return f"date {date} is a month or a year"
    if date.approximate or approximate:
        return f"date {date} is approximate"
    if date.uncertain:
        return f"date {date} is uncertain"
    return ""


class Event(Model):
    """Something that happened, at the precision its date is known."""

    id: Id = Field(description="Unique id; the event's anchor on the timeline page.")
    date: DateField = Field(description="When it happened or began.")
    end_date: DateField | None = Field(
        None, description="When it ended, for events that span days.")
    approximate: bool = Field(
        False, description="True where the source is vague ('early October'); the same as ~ "
                           "on the date.")
    time: TimeOfDay | None = Field(
        None, description="The time of day, HH:MM on a 24-hour clock ('24:00' is the end of "
                          "the day), beside a date that is one plain day.")
    timezone: TimeZone | None = Field(
        None, description="The clock of `time`, an IANA name such as 'Europe/Helsinki'; "
                          "briefing.yml's `timezone` by default.")
    title: Text = Field(description="What happened, in a few words.")
    summary: Markdown = Field(description="What happened, with detail.")
    kind: EventKind = Field("other", description="The kind of event.")
    actors: list[ActorRef] = _some("Actors involved.")
    location: Text | None = Field(None, description="Where it happened, in the words readers "
                                                    "see.")
    places: list[PlaceRef] = Field(
        [], description="Where it happened, for the map: ids of places in places.yml.")
    sources: list[SourceRef] = _some("Sources for the event.")
    claimed_by: ActorIds = Field(
        [], description="Actors whose account this is, when it is not established fact.")
    denied_by: ActorIds = Field([], description="Actors who deny that it happened so.")
    reported: bool = Field(
        False, description="True for an event known only from reports its sources do not "
                           "confirm ('clashes reportedly continued'): the site names their "
                           "publishers and says it is not confirmed.")
    according_to: Text | None = Field(
        None, description="Whom the report of a `reported` event cites, such as 'aid workers'.")
    commitments: list[Commitment] = Field(
        [], description="What this event (usually an agreement) commits its parties to.")
    implements: list[Implementation] = Field(
        [], description="What this event shows about commitments made earlier.")

    @field_validator("approximate")
    @classmethod
    def _approximate_agrees_with_the_date(cls, value: bool, info: ValidationInfo) -> bool:
        date = info.data.get("date")
        if date is not None and date.approximate and not value:
            raise ValueError(f"the date {date} is approximate (~ or %) but approximate is "
                             "false; remove one of them")
        return value

    @field_validator("time")
    @classmethod
    def _time_on_one_plain_day(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None:
            why = _not_one_plain_day(info.data.get("date"), info.data.get("end_date"),
                                     info.data.get("approximate"))
            if why:
                raise ValueError(f"a time of day needs a date that is one plain day; this "
                                 f"event's {why}: give the time in the summary instead")
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone_of_a_time(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and info.data.get("time") is None:
            raise ValueError("timezone is the clock of `time`, and this event has no time; "
                             "add the time or remove the timezone")
        return value

    @field_validator("according_to")
    @classmethod
    def _according_to_a_report(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and not info.data.get("reported"):
            raise ValueError("according_to names whom a report cites: add `reported: true` "
                             "(for an actor's own account, use claimed_by)")
        return value

    @model_validator(mode="after")
    def _approximate_date_is_approximate(self) -> Event:
        # `2025-10~` and `approximate: true` mean the same: briefing.json says so either way.
        if self.date.approximate and not self.approximate:
            object.__setattr__(self, "approximate", True)
        return self


class Claim(Model):
    """One side's figure for something counted: casualties, fighters, displaced people."""

    id: Id = Field(description="Unique id among the briefing's claims.")
    about: Text = Field(
        description="What is counted, such as 'Pakistani soldiers killed'; claims with the "
                    "same `about` are shown side by side.")
    claimant: ActorRef | None = Field(
        None, description="The actor whose figure this is; for a figure a source reports "
                          "without naming who gives it, leave it out and give `reported_by`.")
    reported_by: SourceRef | None = Field(
        None, description="The source that reports the figure, one of `sources`, when no actor "
                          "gives it: the site says 'reported by' and its publisher.")
    according_to: Text | None = Field(
        None, description="Whom the report cites, such as 'local media' (with `reported_by`).")
    value: Number | None = Field(None, description="The figure, when it is one number.")
    low: Number | None = Field(None, description="The least figure: alone, it reads 'at least'.")
    high: Number | None = Field(None, description="The greatest figure: alone, 'up to'.")
    unit: Text | None = Field(None, description="What the figure counts in, if not obvious.")
    wording: Text | None = Field(
        None, description="The figure in the source's words when it gives no number "
                          "('thousands'): shown as written, left out of the spread.")
    event: EventRef | None = Field(None, description="The event the figure belongs to.")
    date: DateField | None = Field(None, description="When the figure was given.")
    sources: list[SourceRef] = _some("Sources that report the figure.")
    quote: Text | None = Field(
        None, description="The claimant's words as a source reports them; checked against "
                          "the seed of one of the claim's sources.")

    @model_validator(mode="after")
    def _one_figure(self) -> Claim:
        if self.claimant is not None and self.reported_by is not None:
            raise ValueError("give claimant (the actor whose figure it is) or reported_by (the "
                             "source that reports it), not both")
        if self.claimant is None and self.reported_by is None:
            raise ValueError("a claim needs whose figure it is: claimant (an actor id), or "
                             "reported_by (a source id) for a figure a source reports")
        if self.according_to is not None and self.reported_by is None:
            raise ValueError("according_to names whom a report cites: it goes with "
                             "reported_by, not with claimant")
        numbers = (self.value, self.low, self.high, self.unit)
        if self.wording is not None and any(n is not None for n in numbers):
            raise ValueError("wording is a figure given only in words: give it, or value, "
                             "low, high and unit, not both")
        if self.value is not None and (self.low is not None or self.high is not None):
            raise ValueError("give either value, or low and/or high, not both")
        if self.wording is None and self.value is None and self.low is None and \
                self.high is None:
            raise ValueError("a claim needs a figure: value, or low and/or high, or wording "
                             "for one given only in words")
        return self

    @property
    def numeric(self) -> bool:
        """Whether the figure is a number (or a range), not words only."""
        return self.wording is None


class TimelineFile(Model):
    """timeline.yml: the events, and the figures each side gives."""

    events: list[Event] = Field(min_length=1, description="The events, in any order.")
    claims: list[Claim] = Field(
        [], description="Competing figures, shown side by side per `about`, never averaged.")


# stakes.yml

class Position(Model):
    """What one actor wants on a stake."""

    actor: ActorRef = Field(description="The actor.")
    position: Markdown = Field(description="What it wants.")
    sources: list[SourceRef] = Field(
        [], description="Sources for the position; the stake's by default.")


class Stake(Model):
    """An issue in dispute and who wants what on it."""

    id: Id = Field(description="Unique id; the stake's anchor on the stakes page.")
    title: Text = Field(description="The issue, in a few words.")
    summary: Markdown = Field(description="What is at stake and for whom.")
    positions: list[Position] = Field(min_length=1, description="Who wants what.")
    outlook: Markdown | None = Field(None, description="What to watch next.")
    sources: list[SourceRef] = _some("Sources for the summary.")


class StakesFile(Model):
    """stakes.yml: the stakes."""

    stakes: list[Stake] = Field(min_length=1, description="The stakes.")


# places.yml

_COUNTRY = re.compile(r"[A-Z]{2}")


def check_country_code(value: str) -> str:
    """An ISO 3166-1 alpha-2 code's spelling (whether it is assigned is checked with the
    shipped table, in `places`)."""
    if not _COUNTRY.fullmatch(value):
        hint = f"; write {value.upper()!r}" if _COUNTRY.fullmatch(value.upper()) else \
            ", such as 'AF' (Afghanistan) or 'PK' (Pakistan)"
        raise ValueError(f"{value[:40]!r} is not an ISO 3166-1 alpha-2 country code: two "
                         f"capital letters{hint}")
    return value


CountryCode = Annotated[str, AfterValidator(check_country_code),
                        WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}$"})]


def check_coordinates(value: Any) -> tuple[float, float]:
    """`[latitude, longitude]` in WGS 84 degrees."""
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        received = f"a list of {len(value)}" if isinstance(value, (list, tuple)) \
            else describe(value)
        raise ValueError(f"expected [latitude, longitude], two numbers such as [34.53, 69.17], "
                         f"but received {received}")
    for number in value:
        if isinstance(number, bool) or not isinstance(number, (int, float)) \
                or number != number or number in (float("inf"), float("-inf")):
            raise ValueError(f"expected [latitude, longitude], two numbers such as "
                             f"[34.53, 69.17], but received {describe(number)} in it")
    latitude, longitude = float(value[0]), float(value[1])
    if not -90 <= latitude <= 90:
        swapped = " (are they the wrong way round?)" if -90 <= longitude <= 90 else ""
        raise ValueError(f"latitude {latitude:g} is out of range: it runs from -90 (south) to "
                         f"90 (north); coordinates are [latitude, longitude]{swapped}")
    if not -180 <= longitude <= 180:
        raise ValueError(f"longitude {longitude:g} is out of range: it runs from -180 (west) "
                         "to 180 (east)")
    return latitude, longitude


Coordinates = Annotated[tuple[float, float], PlainValidator(check_coordinates),
                        PlainSerializer(list, return_type=list),
                        WithJsonSchema({"type": "array", "minItems": 2, "maxItems": 2,
                                        "prefixItems": [
                                            {"type": "number", "minimum": -90, "maximum": 90},
                                            {"type": "number", "minimum": -180,
                                             "maximum": 180}],
                                        "description": "[latitude, longitude] in WGS 84 "
                                                       "degrees"})]


class Place(Model):
    """Where events happened, at the precision known: a city, a site, a region, a whole
    country or the border between two."""

    id: Id = Field(description="Unique id; events name it in `places`.")
    name: Text = Field(description="The name readers know best; for a city without "
                                   "coordinates, the name the gazetteer looks up.")
    native_name: Text | None = Field(None, description="The name in its own language and "
                                                       "script.")
    kind: PlaceKind = Field(description="city or site (a point), region (a point and a "
                                        "radius), country (its outline) or border (the line "
                                        "two countries share).")
    country: CountryCode | None = Field(
        None, description="Its ISO 3166-1 alpha-2 country code, such as 'AF'; not for a "
                          "border.")
    countries: list[CountryCode] = Field(
        [], description="A border's two countries, by ISO 3166-1 alpha-2 code.")
    coordinates: Coordinates | None = Field(
        None, description="[latitude, longitude]: needed for a site or a region, and for a "
                          "city the gazetteer does not find exactly once.")
    radius_km: Number | None = Field(
        None, description="How far a region reaches from its coordinates, in kilometres.")
    note: Markdown | None = Field(
        None, description="How precise this is ('somewhere along the Kurram crossing').")
    _geonames_id: int | None = PrivateAttr(None)
    """Set by `places.resolve_places` when the gazetteer gave the coordinates."""

    @property
    def geonames_id(self) -> int | None:
        """The GeoNames id of the city the gazetteer found for it (then its coordinates
        are GeoNames'), or None."""
        return self._geonames_id

    @model_validator(mode="after")
    def _what_its_kind_needs(self) -> Place:
        kind = self.kind
        if kind == "border":
            if self.country is not None:
                raise ValueError("a border lies between two countries: give `countries: "
                                 f"[{self.country}, ...]` instead of `country`")
            if len(self.countries) != 2 or self.countries[0] == self.countries[1]:
                raise ValueError("a border needs `countries`, exactly two different codes, "
                                 "such as [AF, PK]")
        else:
            if self.countries:
                raise ValueError(f"only a border has `countries`; a {kind} has one "
                                 "`country`")
            if self.country is None:
                raise ValueError(f"a {kind} needs `country`, its ISO 3166-1 alpha-2 code, "
                                 "such as 'AF'")
        if kind in ("country", "border") and self.coordinates is not None:
            raise ValueError(f"a {kind} is drawn from the shipped outlines: remove "
                             "`coordinates` (for a point in it, add a site or a city)")
        if kind in ("site", "region") and self.coordinates is None:
            raise ValueError(f"a {kind} needs `coordinates`, [latitude, longitude]: the "
                             "gazetteer only knows cities")
        if kind == "region" and not self.radius_km:
            raise ValueError("a region needs `radius_km`, how far it reaches from its "
                             "coordinates, more than 0")
        if kind != "region" and self.radius_km is not None:
            raise ValueError(f"only a region has `radius_km`; remove it, or make this "
                             f"{kind} a region")
        return self


class PlacesFile(Model):
    """places.yml (optional): where the briefing's events happened, for the map."""

    places: list[Place] = Field(description="The places, in any order.")


# briefing.yml

class Update(Model):
    """An entry in the briefing's editorial changelog."""

    date: DateField = Field(description="When the briefing changed.")
    summary: Markdown = Field(description="What changed.")


def _paragraphs(value: Any) -> Any:
    """One paragraph written as text, where a list of paragraphs is expected."""
    return [value] if isinstance(value, str) else value


Paragraphs = Annotated[list[Markdown], BeforeValidator(_paragraphs),
                       WithJsonSchema({"anyOf": [
                           {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_LENGTH},
                           {"type": "array", "items": {
                               "type": "string", "minLength": 1, "maxLength": MAX_TEXT_LENGTH,
                               "contentMediaType": "text/markdown"}}]})]
"""Paragraphs of inline Markdown: a list, or one paragraph on its own."""


class BriefingFile(Model):
    """briefing.yml: the bottom line and the facts about the briefing itself."""

    title: Text = Field(description="The briefing's title.")
    summary: Markdown = Field(description="The bottom line up front, one paragraph.")
    key_points: list[Markdown] = Field(min_length=1, description="Why it matters.")
    status: BriefingStatus = Field(
        description="Whether the situation is still developing.")
    trend: Trend | None = Field(
        None, description="Which way the situation is moving.")
    as_of: DateField = Field(description="The day the briefing is accurate as of.")
    review_by: DateField | None = Field(
        None, description="After this date the site marks the briefing as possibly out of date.")
    region: Text | None = Field(None, description="Where the situation is.")
    tags: list[Text] = Field([], description="Topics, for readers scanning the home page.")
    sources: list[SourceRef] = _some("Sources backing the summary.")
    updates: list[Update] = Field(
        [], description="Editorial changelog; the site shows the newest first.")
    timezone: TimeZone | None = Field(
        None, description="The clock of every time in the briefing that names none of its "
                          "own, an IANA name such as 'Asia/Kuala_Lumpur'; needed once any "
                          "time is given.")
    background: Paragraphs = Field(
        [], description="How the situation came to be, a few paragraphs (one alone may be "
                        "written as text); shown on the overview after the key points, and "
                        "on the print page.")


FILE_MODELS: dict[str, type[Model]] = dict(zip(FILE_NAMES, (
    BriefingFile, ActorsFile, TimelineFile, StakesFile, SourcesFile), strict=True))
"""The five files of a briefing folder and the model each must match."""
OPTIONAL_FILE_MODELS: dict[str, type[Model]] = dict(zip(OPTIONAL_FILE_NAMES, (PlacesFile,),
                                                        strict=True))
"""The files a briefing folder may hold besides, and the model each must match."""


class Briefing(Model):
    """One validated briefing: its slug and the contents of its five files."""

    schema_version: Literal[3] = 3
    """3 from SPEC's third edition: background and source notes (2); then reported events
    and figures, figures in words, times of day and their clocks (each timed event with
    `at`, its instant), ongoing commitments, relations with an `id` whose `to` may list
    several actors, and places (each event's `places`; a city the gazetteer placed has its
    `coordinates` filled in and its `geonames_id`). A reader of version 1 finds every field
    it knew, with the same meaning, except that a claim's `claimant` may now be null (a
    figure a source reports) and a relation's `to` a list (mediation between several)."""
    slug: Id
    briefing: BriefingFile
    actors: list[Actor]
    relations: list[Relation]
    events: list[Event]
    claims: list[Claim]
    stakes: list[Stake]
    sources: list[Source]
    places: list[Place] = []

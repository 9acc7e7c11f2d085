"""Dates as precisely as an editor knows them, in the Extended Date/Time Format.

EDTF (the Library of Congress's Extended Date/Time Format, ISO 8601-2) writes
what an editor knows: `2025-10` is some day in October, `2025-10~` about
October, `2025-10?` October but not certain, `2025-10%` both, and
`[2025-10-20..2025-10-24]` one day, not known which, between the two. A `Date`
stands for every day it may be, its span, and every comparison and sort uses
that span: `2025-10` runs from 1 to 31 October.

Plain dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`: EDTF level 0, which is ISO 8601's
calendar dates) are read here directly: they are almost every date of a
briefing, and the general EDTF grammar takes milliseconds a date. Every other
form is parsed by the `edtf` package, imported only when such a date appears,
so a build that meets none, or takes every briefing from its cache, never loads it.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import io
import re
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from generator.base.problems import describe

_PLAIN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_LAST_YEAR = 9000
"""Far past any briefing, and far enough from the calendar's end (9999) that adding a
staleness period or drawing a timeline's ticks past a date stays within it."""
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# A day followed by a time or a time zone: 2025-10-19T10:00, 2025-10-19 10:00, 2025-10-19Z.
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}(?:[Tt ]|[Zz]$|[+-]\d)")
# The date inside a qualified form, read again for a precise message when the
# EDTF grammar refuses it (it knows no calendar: "2025-02-30~" is merely "invalid").
_QUALIFIED = re.compile(r"(\d{4}(?:-\d{2}(?:-\d{2})?)?)[~?%]")
ACCEPTED = ("YYYY, YYYY-MM or YYYY-MM-DD such as 2025-10-19, followed if need be by "
            "~ (approximate), ? (uncertain) or % (both), or [YYYY-MM-DD..YYYY-MM-DD] "
            "for one day between two")
"""The forms a date field accepts, for messages."""
_QUALIFIERS = {(True, False): "~", (False, True): "?", (True, True): "%"}
# What the other EDTF forms are, named for an editor, by the edtf package's class.
_OTHER_FORMS = {
    "Interval": "an interval, not one date (an event's end goes in end_date)",
    "Level1Interval": "an interval, not one date (an event's end goes in end_date)",
    "Level2Interval": "an interval, not one date (an event's end goes in end_date)",
    "Unspecified": "a date with unspecified digits; write the precision you know, "
                   "such as 2025 or 2025-10",
    "PartialUnspecified": "a date with unspecified digits; write the precision you know, "
                          "such as 2025 or 2025-10",
    "PartialUncertainOrApproximate": "a date qualified in part; qualify the whole date, "
                                     "such as 2025-10~",
    "Season": "a season; write the months you mean as [2025-03..2025-05]",
    "Level2Season": "a season; write the months you mean as [2025-03..2025-05]",
    "MultipleDates": "a list of several dates; one field holds one date",
    "OneOfASet": "a choice among listed dates; only one range [first..last] is taken",
    "LongYear": "a year beyond 9999",
    "ExponentialYear": "a year beyond 9999",
    "DateAndTime": "a date with a time; times and time zones are not dates",
    "Date": "a year before the common era, or one with significant digits",
}


@dataclass(frozen=True)
class PartialDate:
    """A plain year, month or day; `month` and `day` are None where not known."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> int:
        """1 for a year, 2 for a month, 3 for a day."""
        return 1 + (self.month is not None) + (self.day is not None)

    @property
    def first_day(self) -> dt.date:
        """The first day of the span this date stands for."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """The last day of the span this date stands for."""
        if self.day is not None:
            return self.first_day
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        """ISO 8601 at this precision: `2025`, `2025-10` or `2025-10-19`."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True)
class Date:
    """A date as an editor knows it: a plain date, qualified as approximate or uncertain,
    or one day between two plain dates (`one_of`)."""

    earliest: PartialDate
    latest: PartialDate
    """The same as `earliest` except for one day between two."""
    approximate: bool = False
    uncertain: bool = False
    one_of: bool = False

    @classmethod
    def plain(cls, year: int, month: int | None = None, day: int | None = None) -> Date:
        """A plain date, such as `Date.plain(2025, 10)` for October 2025."""
        date = PartialDate(year, month, day)
        return cls(date, date)

    @property
    def first_day(self) -> dt.date:
        """The first day this date may be."""
        return self.earliest.first_day

    @property
    def last_day(self) -> dt.date:
        """The last day this date may be."""
        return self.latest.last_day

    @property
    def is_plain(self) -> bool:
        """True for a plain year, month or day, neither qualified nor a choice."""
        return not (self.approximate or self.uncertain or self.one_of)

    def edtf(self) -> str:
        """The date in EDTF, as an editor may write it: `2025-10~`, `[2025-10-20..2025-10-24]`."""
        if self.one_of:
            return f"[{self.earliest.iso()}..{self.latest.iso()}]"
        return self.earliest.iso() + _QUALIFIERS.get((self.approximate, self.uncertain), "")

    def __str__(self) -> str:
        return self.edtf()

    def sort_key(self) -> tuple[dt.date, int]:
        """Earliest first day first; for the same first day, the shorter span first."""
        return (self.first_day, (self.last_day - self.first_day).days)


def parse_date(value: Any) -> Date:
    """Read a date given as int (2025), str (`2025-10`, `2025-10~`,
    `[2025-10-20..2025-10-24]`), `datetime.date`, or a YAML list holding one
    `first..last` (what `[2025-10-20..2025-10-24]` is when written without quotes).

    Raises ValueError with an editor-facing message for anything else, including
    impossible dates, times and the EDTF forms that a briefing does not use.
    """
    if isinstance(value, dt.datetime):
        raise ValueError(f"times are not dates; write the day only, such as {value.date()}")
    if isinstance(value, dt.date):
        return Date.plain(value.year, value.month, value.day)
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str) \
            and ".." in value[0]:
        return _parse_text(f"[{value[0].strip()}]")
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"expected a date written {ACCEPTED}, but received {describe(value)}")
    if value == 0:
        raise ValueError("year 0 does not exist; 0 is not a date")
    return _parse_text(str(value).strip())


def _parse_text(text: str) -> Date:
    if _PLAIN.fullmatch(text):
        partial = _partial(text)
        return Date(partial, partial)
    if _TIME.match(text):
        raise ValueError(f"times and time zones are not dates; write the day only, "
                         f"such as {text[:10]}")
    return _parse_edtf(text)


@lru_cache(maxsize=4096)
def _parse_edtf(text: str) -> Date:
    """A qualified date or one day between two, read with the `edtf` package."""
    from edtf.parser.edtf_exceptions import EDTFParseException
    from edtf.parser.grammar import parse_edtf
    from edtf.parser.parser_classes import Consecutives, OneOfASet, UncertainOrApproximate

    if "X" in text:
        # Unspecified digits: refused here, as the parser fails on some of them.
        raise ValueError(f"{text[:40]!r} is {_OTHER_FORMS['Unspecified']}; a date is "
                         f"{ACCEPTED}")
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # it prints what it tries
            parsed = parse_edtf(text)
    except (EDTFParseException, TypeError, ValueError, IndexError, AttributeError):
        qualified = _QUALIFIED.fullmatch(text)
        if qualified:
            _partial(qualified.group(1))  # raises the calendar's own message
        raise ValueError(f"expected a date written {ACCEPTED}, but received "
                         f"{text[:40]!r}") from None
    if isinstance(parsed, UncertainOrApproximate):
        date = _partial(str(parsed.date))
        return Date(date, date, approximate=bool(parsed.is_approximate
                                                 or parsed.is_uncertain_and_approximate),
                    uncertain=bool(parsed.is_uncertain or parsed.is_uncertain_and_approximate))
    if isinstance(parsed, OneOfASet) and len(parsed.objects) == 1 \
            and isinstance(parsed.objects[0], Consecutives):
        span = parsed.objects[0]
        lower, upper = str(span.lower), str(span.upper)
        if not (_PLAIN.fullmatch(lower) and _PLAIN.fullmatch(upper)):
            raise ValueError(f"in {text!r} both ends must be plain dates such as 2025-10-20")
        first, last = _partial(lower), _partial(upper)
        if first.first_day > last.first_day:
            raise ValueError(f"in {text!r} the first date comes after the second; "
                             f"write [{upper}..{lower}]")
        return Date(first, last, one_of=True)
    form = _OTHER_FORMS.get(type(parsed).__name__, "an EDTF form a briefing does not use")
    raise ValueError(f"{text[:40]!r} is {form}; a date is {ACCEPTED}")


def _partial(text: str) -> PartialDate:
    """A plain date from its ISO form, checked against the calendar."""
    match = _PLAIN.fullmatch(text)
    if match is None:
        raise ValueError(f"expected a date written {ACCEPTED}, but received {text[:40]!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if year == 0:
        raise ValueError(f"year 0 does not exist; {text!r} is not a date")
    if year > _LAST_YEAR:
        raise ValueError(f"year {year} is after {_LAST_YEAR}; {text!r} cannot be a "
                         "briefing's date")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} does not exist; {text!r} is not a date")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"{_MONTHS[month - 1]} {year} has {last} days; "
                             f"{text!r} is not a date")
    return PartialDate(year, month, day)


def date_from_json(data: dict[str, Any]) -> Date:
    """A date from `date_to_json` data, without the EDTF grammar (for cached builds)."""
    return Date(_partial(data["earliest"]), _partial(data["latest"]),
                bool(data["approximate"]), bool(data["uncertain"]), bool(data["one_of"]))


def date_to_json(date: Date) -> dict[str, Any]:
    """A date as JSON data that `date_from_json` reads back."""
    return {"earliest": date.earliest.iso(), "latest": date.latest.iso(),
            "approximate": date.approximate, "uncertain": date.uncertain,
            "one_of": date.one_of}


class DateWords:
    """How dates are written in words: in English by default; `render.wording` gives the
    other languages theirs (CLDR's months through Babel). English keeps the site's own
    short forms: `19 Oct 2025`, `18-19 Oct 2025`."""

    def day(self, day: dt.date) -> str:
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"

    def month(self, year: int, month: int) -> str:
        return f"{_MONTHS[month - 1]} {year}"

    def span(self, start: dt.date, end: dt.date, precision: int) -> str:
        """Two plain dates of the same `precision` (1 year, 2 month, 3 day), compact where
        they share a month or year."""
        return _span(_partial_of(start, precision), _partial_of(end, precision), "-")

    def phrase(self, english: str, **values: str) -> str:
        """One of the phrases below, such as "between {start} and {end}", filled in."""
        return english.format(**values)


ENGLISH_DATES = DateWords()
DATE_WORDS: ContextVar[DateWords] = ContextVar("date_words", default=ENGLISH_DATES)
"""The words dates are written in: English, unless pages are being rendered in another
language (`render.wording.speaking`)."""


def format_date(date: Date, *, approximate: bool = False) -> str:
    """A date as readers see it: `2025`, `Oct 2025`, `19 Oct 2025`, `c. Oct 2025`,
    `Oct 2025 (uncertain)`, `between 20 and 24 Oct 2025`."""
    words = DATE_WORDS.get()
    if date.one_of and date.earliest != date.latest:
        if words is ENGLISH_DATES:
            text = "between " + _span(date.earliest, date.latest, " and ")
        else:
            text = words.phrase("between {start} and {end}", start=_words(date.earliest),
                                end=_words(date.latest))
    else:
        text = _words(date.earliest)
    if approximate or date.approximate:
        text = words.phrase("c. {date}", date=text)
    return words.phrase("{date} (uncertain)", date=text) if date.uncertain else text


def format_range(start: Date, end: Date | None, *, approximate: bool = False) -> str:
    """A date or range, compact where the ends share a month or year: `18-19 Oct 2025`;
    a span with an end not known to the day says so: `from between 1 and 10 Oct 2025 to
    between 14 and 19 Oct 2025`."""
    if end is None or end == start:
        return format_date(start, approximate=approximate)
    words = DATE_WORDS.get()
    if start.one_of or end.one_of:
        return words.phrase("from {start} to {end}",
                            start=format_date(start, approximate=approximate),
                            end=format_date(end))
    if not (start.is_plain and end.is_plain):
        return words.phrase("{start} to {end}", start=format_date(start, approximate=approximate),
                            end=format_date(end))
    first, last = start.earliest, end.earliest
    if first.precision == last.precision:
        text = words.span(first.first_day, last.first_day, first.precision)
    else:
        text = _span(first, last, "-") if words is ENGLISH_DATES else \
            words.phrase("{start} to {end}", start=_words(first), end=_words(last))
    return words.phrase("c. {date}", date=text) if approximate else text


def _partial_of(day: dt.date, precision: int) -> PartialDate:
    return PartialDate(day.year, day.month if precision > 1 else None,
                       day.day if precision > 2 else None)


def _span(start: PartialDate, end: PartialDate, joint: str) -> str:
    """Two plain dates, sharing what they share: `18-19 Oct 2025`, `Oct - Nov 2025`."""
    spaced = f" {joint.strip()} " if joint.strip() != "-" or start.precision > 1 else joint
    if start.precision == end.precision and start.year == end.year:
        if start.precision == 3 and start.month == end.month:
            return f"{start.day}{joint}{end.day} {_words(PartialDate(end.year, end.month))}"
        if start.precision >= 2:
            head = _words(start).rsplit(" ", 1)[0]
            return f"{head}{spaced}{_words(end)}"
        return f"{start.year}{joint}{end.year}"
    if start.precision == end.precision == 1:
        return f"{start.year}{joint}{end.year}"
    return f"{_words(start)}{spaced}{_words(end)}"


def _words(date: PartialDate) -> str:
    words = DATE_WORDS.get()
    if date.month is None:
        return f"{date.year}"
    if date.day is None:
        return words.month(date.year, date.month)
    return words.day(date.first_day)


def iso_within(start: Date, end: Date | None = None) -> str | None:
    """The most precise ISO 8601 date that holds every day a date (or range) may be:
    `2025-10-19`, `2025-10` for `2025-10~` or `[2025-10-20..2025-10-24]`, `2025`; None
    when no calendar date does (days that straddle a new year)."""
    first = start.earliest
    last = (end or start).latest
    if (first.year, first.month, first.day) == (last.year, last.month, last.day):
        return first.iso()
    if first.year != last.year:
        return None
    if first.month is not None and first.month == last.month:
        return PartialDate(first.year, first.month).iso()
    return PartialDate(first.year).iso()


def machine_date(start: Date, end: Date | None = None) -> str:
    """The `datetime` of an HTML `<time>` for a date or range: `iso_within`, or the first
    day where no year holds them all."""
    return iso_within(start, end) or start.earliest.iso()

"""Dates at the precision an editor knows them: a year, a month or a day.

`2025-10` is not the first of October; it is all of October. Each date
carries the span it stands for, and comparisons and sorting use that span.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .errors import describe

_FORM = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# A day followed by a time or a time zone: 2025-10-19T10:00, 2025-10-19 10:00, 2025-10-19Z.
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}(?:[Tt ]|[Zz]$|[+-]\d)")
_EXPECTED = "a date written YYYY, YYYY-MM or YYYY-MM-DD, such as 2025-10-19"


@dataclass(frozen=True)
class PartialDate:
    """A year, a month or a day; `month` and `day` are None where not known."""

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

    def __str__(self) -> str:
        return self.iso()

    def sort_key(self) -> tuple[dt.date, int]:
        """Earliest first day first; for the same first day, the more precise date first."""
        return (self.first_day, -self.precision)


def parse_date(value: Any) -> PartialDate:
    """Read a date given as int (2025), str ('2025-10', '2025-10-19') or `datetime.date`.

    Raises ValueError with an editor-facing message for anything else,
    including impossible dates and times.
    """
    if isinstance(value, dt.datetime):
        raise ValueError(f"times are not dates; write the day only, such as {value.date()}")
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"expected {_EXPECTED} but received {describe(value)}")
    if value == 0:
        raise ValueError("year 0 does not exist; 0 is not a date")
    text = str(value).strip()
    match = _FORM.fullmatch(text)
    if match is None:
        if _TIME.match(text):
            raise ValueError(f"times and time zones are not dates; write the day only, "
                             f"such as {text[:10]}")
        raise ValueError(f"expected {_EXPECTED} but received {text[:40]!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if year == 0:
        raise ValueError(f"year 0 does not exist; {text!r} is not a date")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} does not exist; {text!r} is not a date")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"{_MONTHS[month - 1]} {year} has {last} days; "
                             f"{text!r} is not a date")
    return PartialDate(year, month, day)


def format_date(date: PartialDate, *, approximate: bool = False) -> str:
    """A date as readers see it: `2025`, `Oct 2025`, `19 Oct 2025`, `c. Oct 2025`."""
    text = _format(date.year, date.month, date.day)
    return f"c. {text}" if approximate else text


def format_range(start: PartialDate, end: PartialDate | None, *,
                 approximate: bool = False) -> str:
    """A date or range, compact where the ends share a month or year: `18-19 Oct 2025`."""
    if end is None or end == start:
        return format_date(start, approximate=approximate)
    if start.precision == end.precision and start.year == end.year:
        if start.precision == 3 and start.month == end.month:
            text = f"{start.day}-{end.day} {_format(end.year, end.month, None)}"
        elif start.precision >= 2:
            head = _format(start.year, start.month, start.day).rsplit(" ", 1)[0]
            text = f"{head} - {_format(end.year, end.month, end.day)}"
        else:
            text = f"{start.year}-{end.year}"
    elif start.precision == end.precision == 1:
        text = f"{start.year}-{end.year}"
    else:
        text = f"{_format(start.year, start.month, start.day)} - " \
               f"{_format(end.year, end.month, end.day)}"
    return f"c. {text}" if approximate else text


def _format(year: int, month: int | None, day: int | None) -> str:
    if month is None:
        return f"{year}"
    if day is None:
        return f"{_MONTHS[month - 1]} {year}"
    return f"{day} {_MONTHS[month - 1]} {year}"

"""Times of day: `HH:MM` on a 24-hour clock (`24:00` is the end of the day), in a time
zone named as the IANA database names it (`Asia/Kuala_Lumpur`).

A time is printed in its own clock, named by the last part of its zone's name
("06:00 Helsinki time", "18:00 UTC"), and ordered by the instant it names, so that
events in two zones fall in the order they happened. The zone database is the
`tzdata` package's (pinned), so every machine reads a name the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from generator.base.problems import did_you_mean

_TIME = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00")


def check_time(value: Any) -> str:
    """A time of day as written (`06:00`, `24:00`); raises ValueError for anything else."""
    if isinstance(value, bool) or not isinstance(value, str):
        raise ValueError(f"a time is written HH:MM in quotes, such as '06:00'; got {value!r}")
    if not _TIME.fullmatch(value):
        raise ValueError(f"'{value}' is not a time of day; write HH:MM on a 24-hour clock, "
                         "such as '06:00' or '18:30' ('24:00' for the end of the day)")
    return value


def check_timezone(value: Any) -> str:
    """An IANA time zone name (`Europe/Helsinki`, `UTC`); raises ValueError, with the
    nearest names, for one the database does not know."""
    if not isinstance(value, str) or _zone(value) is None:
        hint = did_you_mean(str(value).replace(" ", "_"), sorted(_names())) \
            if isinstance(value, str) else ""
        raise ValueError(f"unknown time zone {value!r}{hint}; use a name from the IANA "
                         "time zone database, such as 'Asia/Kuala_Lumpur' or 'UTC'")
    return value


@cache
def _zone(name: str) -> dt.tzinfo | None:
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(name) if name and "\0" not in name else None
    except (ValueError, OSError, KeyError):
        return None


@cache
def _names() -> frozenset[str]:
    from zoneinfo import available_timezones

    return frozenset(available_timezones())


def clock_name(zone: str) -> str:
    """How a clock is named in print: `Helsinki time`, `Kuala Lumpur time`, `UTC`."""
    last = zone.rsplit("/", 1)[-1].replace("_", " ")
    return last if last in ("UTC", "GMT") else f"{last} time"


def time_words(time: str, zone: str) -> str:
    """A time in its own clock: `06:00 Helsinki time`."""
    return f"{time} {clock_name(zone)}"


def instant(day: dt.date, time: str, zone: str) -> dt.datetime:
    """The moment a day, a time and a zone name, as an aware datetime (`24:00` is the
    next day's midnight)."""
    hours, minutes = (int(part) for part in time.split(":"))
    start = dt.datetime.combine(day, dt.time(0, 0), tzinfo=_zone(zone))
    if hours == 24:
        return start + dt.timedelta(days=1)
    # Through the wall clock, not by adding hours: a day with a DST change is 23 or 25
    # hours long, and 06:00 is 06:00 on it.
    return start.replace(hour=hours, minute=minutes)


def iso_instant(day: dt.date, time: str, zone: str) -> str:
    """The instant in ISO 8601 with its offset: `2026-03-14T06:00+02:00`."""
    return instant(day, time, zone).isoformat(timespec="minutes")


def utc_order(day: dt.date, time: str, zone: str) -> dt.datetime:
    """The instant in UTC, for sorting events of one day by when they happened."""
    return instant(day, time, zone).astimezone(dt.UTC)

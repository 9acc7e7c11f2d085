"""Dates are known to a year, a month or a day, and behave as the span they stand for."""

import datetime as dt

import pytest

from generator.dates import PartialDate, format_date, format_range, parse_date


@pytest.mark.parametrize(("value", "expected"), [
    (2025, PartialDate(2025)),
    ("2025", PartialDate(2025)),
    ("2025-10", PartialDate(2025, 10)),
    ("2025-10-19", PartialDate(2025, 10, 19)),
    (dt.date(2025, 10, 19), PartialDate(2025, 10, 19)),
    ("2024-02-29", PartialDate(2024, 2, 29)),
])
def test_accepts_int_str_and_date(value: object, expected: PartialDate) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(("value", "message"), [
    ("2025-02-30", "Feb 2025 has 28 days; '2025-02-30' is not a date"),
    ("2025-13", "month 13 does not exist; '2025-13' is not a date"),
    ("0000-01-01", "year 0 does not exist; '0000-01-01' is not a date"),
    (0, "year 0 does not exist; 0 is not a date"),
    ("2025-10-19T10:00", "times and time zones are not dates; write the day only, "
                         "such as 2025-10-19"),
    ("2025-10-19 10:00:00+02:00", "times and time zones are not dates; write the day only, "
                                  "such as 2025-10-19"),
    (dt.datetime(2025, 10, 19, 10, 0), "times are not dates; write the day only, "
                                       "such as 2025-10-19"),
    ("19 Oct 2025", "expected a date written YYYY, YYYY-MM or YYYY-MM-DD, such as 2025-10-19 "
                    "but received '19 Oct 2025'"),
    (True, "expected a date written YYYY, YYYY-MM or YYYY-MM-DD, such as 2025-10-19 "
           "but received the yes/no value true"),
    (None, "expected a date written YYYY, YYYY-MM or YYYY-MM-DD, such as 2025-10-19 "
           "but received nothing"),
])
def test_refuses_impossible_dates_and_times(value: object, message: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_date(value)
    assert str(error.value) == message


def test_a_date_stands_for_its_whole_span() -> None:
    october = parse_date("2025-10")
    assert (october.first_day, october.last_day) == (dt.date(2025, 10, 1), dt.date(2025, 10, 31))
    year = parse_date(2024)
    assert (year.first_day, year.last_day) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def test_sorts_by_first_day_then_more_precise_first() -> None:
    dates = [parse_date(d) for d in ["2025-10", "2025-10-01", "2025", "2025-09-30", "2025-10-02"]]
    assert [d.iso() for d in sorted(dates, key=PartialDate.sort_key)] == [
        "2025", "2025-09-30", "2025-10-01", "2025-10", "2025-10-02"]


@pytest.mark.parametrize(("value", "approximate", "shown"), [
    ("2025", False, "2025"),
    ("2025-10", False, "Oct 2025"),
    ("2025-10-19", False, "19 Oct 2025"),
    ("2025-10", True, "c. Oct 2025"),
])
def test_prints_at_its_precision(value: str, approximate: bool, shown: str) -> None:
    assert format_date(parse_date(value), approximate=approximate) == shown


@pytest.mark.parametrize(("start", "end", "shown"), [
    ("2025-10-18", "2025-10-19", "18-19 Oct 2025"),
    ("2025-09-30", "2025-10-02", "30 Sep - 2 Oct 2025"),
    ("2024-12-30", "2025-01-02", "30 Dec 2024 - 2 Jan 2025"),
    ("2025-10", "2025-11", "Oct - Nov 2025"),
    ("2021", "2023", "2021-2023"),
    ("2025-10", "2025-11-03", "Oct 2025 - 3 Nov 2025"),
    ("2025-10-19", "2025-10-19", "19 Oct 2025"),
])
def test_ranges_print_compactly(start: str, end: str, shown: str) -> None:
    assert format_range(parse_date(start), parse_date(end)) == shown

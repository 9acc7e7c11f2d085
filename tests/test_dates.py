"""Dates are known to a year, a month or a day, perhaps only roughly or as one day of
several (EDTF), and behave as the span of days they may be."""

import datetime as dt

import pytest

from generator.content.dates import (
    ACCEPTED,
    Date,
    PartialDate,
    date_from_json,
    date_to_json,
    format_date,
    format_range,
    parse_date,
)

DAY = PartialDate(2025, 10, 19)


@pytest.mark.parametrize(("value", "expected"), [
    (2025, Date.plain(2025)),
    ("2025", Date.plain(2025)),
    ("2025-10", Date.plain(2025, 10)),
    ("2025-10-19", Date.plain(2025, 10, 19)),
    (dt.date(2025, 10, 19), Date.plain(2025, 10, 19)),
    ("2024-02-29", Date.plain(2024, 2, 29)),
    ("2025-10-19~", Date(DAY, DAY, approximate=True)),
    ("2025-10-19?", Date(DAY, DAY, uncertain=True)),
    ("2025-10-19%", Date(DAY, DAY, approximate=True, uncertain=True)),
    ("2025~", Date(PartialDate(2025), PartialDate(2025), approximate=True)),
    ("[2025-10-20..2025-10-24]",
     Date(PartialDate(2025, 10, 20), PartialDate(2025, 10, 24), one_of=True)),
    # The same, written in YAML without quotes: a list holding "2025-10-20..2025-10-24".
    (["2025-10-20..2025-10-24"],
     Date(PartialDate(2025, 10, 20), PartialDate(2025, 10, 24), one_of=True)),
    ("[2025-10..2025-11]", Date(PartialDate(2025, 10), PartialDate(2025, 11), one_of=True)),
])
def test_accepts_plain_dates_and_the_edtf_forms_of_uncertainty(value: object,
                                                               expected: Date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("text", ["2025", "2025-10", "2025-10-19", "2025-10~", "2025-10?",
                                  "2025-10-19%", "[2025-10-20..2025-10-24]"])
def test_writes_itself_back_as_the_edtf_it_was_read_from(text: str) -> None:
    assert parse_date(text).edtf() == text
    assert date_from_json(date_to_json(parse_date(text))) == parse_date(text)


@pytest.mark.parametrize(("value", "message"), [
    ("2025-02-30", "Feb 2025 has 28 days; '2025-02-30' is not a date"),
    ("2025-02-29~", "Feb 2025 has 28 days; '2025-02-29' is not a date"),
    ("2025-13", "month 13 does not exist; '2025-13' is not a date"),
    ("0000-01-01", "year 0 does not exist; '0000-01-01' is not a date"),
    (0, "year 0 does not exist; 0 is not a date"),
    ("2025-10-19T10:00", "times and time zones are not dates; write the day only, "
                         "such as 2025-10-19"),
    ("2025-10-19 10:00:00+02:00", "times and time zones are not dates; write the day only, "
                                  "such as 2025-10-19"),
    (dt.datetime(2025, 10, 19, 10, 0), "times are not dates; write the day only, "
                                       "such as 2025-10-19"),
    ("19 Oct 2025", f"expected a date written {ACCEPTED}, but received '19 Oct 2025'"),
    (True, f"expected a date written {ACCEPTED}, but received the yes/no value true"),
    (None, f"expected a date written {ACCEPTED}, but received nothing"),
    ("2025-10-19~?", f"expected a date written {ACCEPTED}, but received '2025-10-19~?'"),
    ("[2025-10-24..2025-10-20]", "in '[2025-10-24..2025-10-20]' the first date comes after "
                                 "the second; write [2025-10-20..2025-10-24]"),
    ("2025/2026", "'2025/2026' is an interval, not one date (an event's end goes in "
                  f"end_date); a date is {ACCEPTED}"),
    ("202X", "'202X' is a date with unspecified digits; write the precision you know, such "
             f"as 2025 or 2025-10; a date is {ACCEPTED}"),
    ("[2025-10-20,2025-10-24]", "'[2025-10-20,2025-10-24]' is a choice among listed dates; "
                                f"only one range [first..last] is taken; a date is {ACCEPTED}"),
    ("{2025-10-20..2025-10-24}", "'{2025-10-20..2025-10-24}' is a list of several dates; "
                                 f"one field holds one date; a date is {ACCEPTED}"),
    ("?2025-10-19", "'?2025-10-19' is a date qualified in part; qualify the whole date, "
                    f"such as 2025-10~; a date is {ACCEPTED}"),
    # The edtf package fails on these with an AttributeError of its own.
    ("2025-1X", "'2025-1X' is a date with unspecified digits; write the precision you know, "
                f"such as 2025 or 2025-10; a date is {ACCEPTED}"),
    ("9999-12-31", "year 9999 is after 9000; '9999-12-31' cannot be a briefing's date"),
])
def test_refuses_impossible_dates_times_and_other_edtf_forms(value: object,
                                                              message: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_date(value)
    assert str(error.value) == message


def test_a_date_stands_for_every_day_it_may_be() -> None:
    spans = {text: (parse_date(text).first_day, parse_date(text).last_day)
             for text in ("2025-10", "2024", "2025-10~", "[2025-10-20..2025-10-24]")}
    assert spans == {
        "2025-10": (dt.date(2025, 10, 1), dt.date(2025, 10, 31)),
        "2024": (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        "2025-10~": (dt.date(2025, 10, 1), dt.date(2025, 10, 31)),
        "[2025-10-20..2025-10-24]": (dt.date(2025, 10, 20), dt.date(2025, 10, 24)),
    }


def test_sorts_by_first_day_then_the_shorter_span_first() -> None:
    texts = ["2025-10", "2025-10-01", "2025", "2025-09-30", "2025-10-02",
             "[2025-10-20..2025-10-24]", "2025-10-19", "[2025-10-01..2025-10-03]"]
    ordered = sorted((parse_date(t) for t in texts), key=Date.sort_key)
    assert [d.edtf() for d in ordered] == [
        "2025", "2025-09-30", "2025-10-01", "[2025-10-01..2025-10-03]", "2025-10",
        "2025-10-02", "2025-10-19", "[2025-10-20..2025-10-24]"]


@pytest.mark.parametrize(("value", "approximate", "shown"), [
    ("2025", False, "2025"),
    ("2025-10", False, "Oct 2025"),
    ("2025-10-19", False, "19 Oct 2025"),
    ("2025-10", True, "c. Oct 2025"),
    ("2025-10~", False, "c. Oct 2025"),
    ("2025-10?", False, "Oct 2025 (uncertain)"),
    ("2025-10%", False, "c. Oct 2025 (uncertain)"),
    ("[2025-10-20..2025-10-24]", False, "between 20 and 24 Oct 2025"),
    ("[2025-10-28..2025-11-03]", False, "between 28 Oct and 3 Nov 2025"),
    ("[2024-12-28..2025-01-03]", False, "between 28 Dec 2024 and 3 Jan 2025"),
    ("[2025-10..2025-11]", False, "between Oct and Nov 2025"),
])
def test_prints_in_words_at_its_precision(value: str, approximate: bool, shown: str) -> None:
    assert format_date(parse_date(value), approximate=approximate) == shown


@pytest.mark.parametrize(("start", "end", "shown"), [
    ("2025-10-18", "2025-10-19", "18-19 Oct 2025"),
    ("2025-09-30", "2025-10-02", "30 Sep - 2 Oct 2025"),
    ("2024-12-30", "2025-01-02", "30 Dec 2024 - 2 Jan 2025"),
    ("2025-10", "2025-11", "Oct - Nov 2025"),
    ("2021", "2023", "2021-2023"),
    ("2025-10", "2025-11-03", "Oct 2025 - 3 Nov 2025"),
    ("2025-10-19", "2025-10-19", "19 Oct 2025"),
    ("2025-10-19?", "2025-10-21", "19 Oct 2025 (uncertain) to 21 Oct 2025"),
    # A span whose ends are each one day of several: two weeks of fighting, say.
    ("[2025-10-01..2025-10-10]", "[2025-10-14..2025-10-19]",
     "from between 1 and 10 Oct 2025 to between 14 and 19 Oct 2025"),
    ("2025-10-09", "[2025-10-14..2025-10-19]", "from 9 Oct 2025 to between 14 and 19 Oct 2025"),
])
def test_ranges_print_compactly(start: str, end: str, shown: str) -> None:
    assert format_range(parse_date(start), parse_date(end)) == shown


def test_the_edtf_grammar_is_loaded_only_for_dates_that_need_it() -> None:
    """Plain dates, and dates read back from the build cache, are read without it: a
    cached build imports nothing it does not need."""
    import subprocess
    import sys

    code = ("import sys;"
            "from generator.content.dates import parse_date, date_from_json, date_to_json;"
            "parse_date('2025-10-19'); parse_date(2025);"
            "date_from_json({'earliest': '2025-10-20', 'latest': '2025-10-24',"
            " 'approximate': False, 'uncertain': False, 'one_of': True});"
            "print('edtf' in sys.modules); parse_date('2025-10~'); print('edtf' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "True"]


def test_the_edtf_parser_prints_nothing_for_any_text(capsys: pytest.CaptureFixture[str]) -> None:
    for text in ("2025-1X", "2025-XX-XX", "2025-10-2X~", "[2025-10-20..2025-1X]", "2025-21^"):
        with pytest.raises(ValueError):
            parse_date(text)
    assert capsys.readouterr().out == ""

"""The words of the site itself in each language: headings, labels, statuses and dates.

Pages are rendered `speaking` one language at a time. Inside, `say("Key points")` gives
the page's wording of an interface string from that language's catalog in
`interface/<code>.json` (`fa-AF` falls back on `fa`, then on the English text), and
dates are written in its words: months and spans by the Unicode CLDR through Babel, the
uncertain forms ("c.", "between", "(uncertain)") from the catalog. The source language
is English, written by the code itself, so its pages are byte for byte what they were
before there were languages.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from importlib import resources
from typing import Any

from generator.content import dates
from generator.content.languages import Language, language

_SPEAKING: ContextVar[Language | None] = ContextVar("speaking", default=None)


@contextmanager
def speaking(lang: Language) -> Iterator[None]:
    """Render in `lang`: interface strings and dates in its words."""
    token = _SPEAKING.set(None if lang.source and lang.code.startswith("en") else lang)
    words = dates.DATE_WORDS.set(_BabelDates(lang) if _SPEAKING.get() is not None
                                 else dates.ENGLISH_DATES)
    try:
        yield
    finally:
        dates.DATE_WORDS.reset(words)
        _SPEAKING.reset(token)


def spoken() -> Language:
    """The language pages are being rendered in."""
    return _SPEAKING.get() or language("en", source=True)


def say(english: str, /, **values: Any) -> str:
    """`english`, an interface string, in the language being spoken, with `{name}` fields
    filled from `values`."""
    lang = _SPEAKING.get()
    text = catalog(lang.code).get(english, english) if lang is not None else english
    return text.format(**values) if values else text


@lru_cache(maxsize=16)
def catalog(code: str) -> dict[str, str]:
    """The interface strings of language `code` by their English text (empty for English);
    a regional language (`fa-AF`) takes its language's strings (`fa`) and overrides them."""
    found: dict[str, str] = {}
    for name in dict.fromkeys((code.split("-")[0], code)):
        try:
            text = resources.files("generator.render").joinpath(
                f"interface/{name}.json").read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        found.update({k: v for k, v in json.loads(text).items() if v})
    return found


def marked(markdown: str, text: str) -> str:
    """`markdown`, made from `text`, marked as a reader of a translation needs it: a field
    shown in the source language (not yet translated, or changed in a fact since) in a
    span with that language's `lang` and `dir`, an outdated translation with a notice.
    Text that is not a `Translated` field, or a current translation, is left as it is."""
    state = getattr(text, "state", "current")
    if state == "current":
        return markdown
    if state == "outdated":
        note = html_attribute(say("older translation: the original has changed since"))
        return (f'<span class="translation-outdated" data-note="{note}">{markdown}</span>')
    lang = language(text.lang)  # type: ignore[attr-defined]
    name = language_name(lang)
    title = html_attribute(say("Not translated yet: shown in {language}", language=name)
                           if state == "missing" else
                           say("Shown in {language}: a fact changed since it was translated",
                               language=name))
    return (f'<span class="untranslated" lang="{lang.code}" dir="{lang.direction}" '
            f'title="{title}">{markdown}</span>')


def language_name(lang: Language) -> str:
    """`lang`'s name in the language being spoken: "anglais" on a French page."""
    from babel import Locale

    return Locale.parse(lang.babel).get_display_name(spoken().babel) or lang.english_name


def words_for_scripts(english: tuple[str, ...]) -> dict[str, str]:
    """A page script's words in the language being spoken, by their English (none in
    English, whose words the scripts have)."""
    return {} if spoken().code == "en" else {text: say(text) for text in english}


def country_in_words(code: str) -> str:
    """A country's name (ISO 3166-1 `code`) in the language being spoken: the outlines'
    (Natural Earth's) in English, the Unicode CLDR's otherwise."""
    from generator.geo.outlines import country_name

    lang = spoken()
    if lang.code != "en":
        from babel import Locale

        return Locale.parse(lang.babel).territories.get(code) or country_name(code) or code
    return country_name(code) or code


def html_attribute(text: str) -> str:
    """Text for a double-quoted HTML attribute."""
    from html import escape

    return escape(text, quote=True)


class _BabelDates(dates.DateWords):
    """Dates in a language other than English: CLDR's month names and spans, the
    catalog's words for uncertain dates."""

    def __init__(self, lang: Language) -> None:
        self.locale = lang.babel

    # A briefing's dates recur on many pages, and Babel reads its locale data each time.

    def day(self, day: dt.date) -> str:
        return _babel_day(day, self.locale)

    def month(self, year: int, month: int) -> str:
        return _babel_month(year, month, self.locale)

    def span(self, start: dt.date, end: dt.date, precision: int) -> str:
        if precision == 1:
            return say("{start}-{end}", start=start.year, end=end.year)
        return _babel_span(start, end, "yMMMd" if precision == 3 else "yMMM", self.locale)

    def phrase(self, english: str, **values: str) -> str:
        return say(english, **values)


@lru_cache(maxsize=4096)
def _babel_day(day: dt.date, locale: str) -> str:
    from babel.dates import format_date, get_date_format

    medium = "MMM" in get_date_format("medium", locale=locale).pattern
    return format_date(day, "medium" if medium else "d MMM y", locale=locale)


@lru_cache(maxsize=4096)
def _babel_month(year: int, month: int, locale: str) -> str:
    from babel.dates import format_skeleton

    return format_skeleton("yMMM", dt.date(year, month, 1), locale=locale)


@lru_cache(maxsize=4096)
def _babel_span(start: dt.date, end: dt.date, skeleton: str, locale: str) -> str:
    from babel.dates import format_interval

    return format_interval(start, end, skeleton, locale=locale)

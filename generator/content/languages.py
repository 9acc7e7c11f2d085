"""The site's languages: each one's code, name, direction and address, from the `languages`
option (SPEC: the first is the source language, the others are translations of it).

Names and directions come from the Unicode CLDR through Babel, so a new language needs
no code here; the one exception is written below with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")

_NAMES = {"fa-AF": ("دری", "Dari")}
"""CLDR calls Afghanistan's Persian "فارسی (افغانستان)"; its readers and the state call it
Dari, and so does every switcher they meet."""


@dataclass(frozen=True)
class Language:
    """One language of the site."""

    code: str
    """Its BCP 47 tag as the `languages` option writes it: `fr`, `fa-AF`."""
    name: str
    """Its name in itself: "Français", "دری"."""
    english_name: str
    """Its name in English, for messages: "French", "Dari"."""
    direction: str
    """`ltr` or `rtl`."""
    source: bool = False
    """Whether it is the language briefings are written in."""

    @property
    def prefix(self) -> str:
        """The folder its pages are under, with its slash: `""` for the source language,
        `fr/`, `fa-af/` (lower-cased) for the others."""
        return "" if self.source else f"{self.code.lower()}/"

    @property
    def babel(self) -> str:
        """Its tag as Babel spells a locale: `fa_AF`."""
        return self.code.replace("-", "_")


def check_language_code(code: str) -> str:
    """A BCP 47 tag that the CLDR has data for; raises ValueError saying why not."""
    from babel import Locale, UnknownLocaleError

    if not isinstance(code, str) or not _TAG.fullmatch(code):
        raise ValueError(f"{code!r} is not a language tag; write a BCP 47 tag such as 'fr', "
                         "'fa-AF' or 'ps'")
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"{code!r} is not a language the Unicode CLDR knows, so its dates "
                         "and names cannot be written; check the tag") from None
    return code


@lru_cache(maxsize=64)
def language(code: str, *, source: bool = False) -> Language:
    """The language of tag `code` (checked with `check_language_code` first)."""
    from babel import Locale

    locale = Locale.parse(code.replace("-", "_"))
    name, english = _NAMES.get(code, (locale.get_display_name(locale) or code,
                                      locale.get_display_name("en") or code))
    return Language(code, name[:1].upper() + name[1:], english, locale.text_direction, source)


def site_languages(codes: tuple[str, ...], default: str = "en") -> tuple[Language, ...]:
    """The site's languages, the source language first: `codes` as the option gives them,
    or the theme's one language when the option is empty."""
    codes = codes or (default,)
    return tuple(language(code, source=i == 0) for i, code in enumerate(codes))


def languages_problem(codes: tuple[str, ...]) -> str:
    """What is wrong with the `languages` option, or '' when nothing is."""
    for code in codes:
        try:
            check_language_code(code)
        except ValueError as exc:
            return f"languages: {exc}"
    folded = [code.lower() for code in codes]
    for code in codes:
        if folded.count(code.lower()) > 1:
            return f"languages: {code!r} is listed twice"
    return ""

"""A briefing's editions: the same pages in each of the site's languages, each saying how
far its translation trails the source.

An `Edition` is what rendering a briefing in one language needs besides the (translated)
briefing: the language, the site's other languages with how current each translation
is (for the switcher and the `hreflang` alternates), and the renderings of quotes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.content.languages import Language, language
from generator.render.page_table import url_of
from generator.render.wording import say

if TYPE_CHECKING:
    from generator.content.translations import Status, Translated


@dataclass(frozen=True)
class Edition:
    """One language's pages of one briefing."""

    language: Language
    languages: tuple[Language, ...] = ()
    """Every language of the site, the source first; empty for a site in one language."""
    statuses: dict[str, Status] = field(default_factory=dict)
    """How current the briefing's translation into each other language is, by code."""
    renderings: dict[str, Translated] = field(default_factory=dict)
    """Translations of quotes, by address (`actors.ttp.quotes.0.translation`)."""
    notes: dict[str, str] = field(default_factory=dict)
    """What each translation file says of itself (its `note`), by code."""

    @classmethod
    def only(cls) -> Edition:
        """The one edition of a site in one language."""
        return cls(language("en", source=True))

    @property
    def prefix(self) -> str:
        """The folder the edition's pages are under: `""` or `fr/`."""
        return self.language.prefix

    @property
    def several(self) -> bool:
        """Whether the site has other languages."""
        return len(self.languages) > 1

    def status_words(self, code: str) -> str:
        """How current the translation into `code` is, in the page's words: "up to date",
        "2 changes behind", "partial: 40 of 120 fields"."""
        status = self.statuses.get(code)
        if status is None:
            return say("original")
        missing, outdated = len(status.missing), len(status.outdated)
        if missing:
            return say("partial: {done} of {total} fields translated",
                       done=status.total - missing, total=status.total)
        if outdated:
            return say("1 change behind") if outdated == 1 else \
                say("{count} changes behind", count=outdated)
        return say("up to date")

    def alternates(self, path: str) -> list[list[str]]:
        """The page at `path` (inside the source language's tree) in every language:
        `[code, name, site-relative URL, status words, "current" or ""]`."""
        return [[lang.code, lang.name, lang.prefix + url_of(path), self.status_words(lang.code),
                 "current" if lang == self.language else ""]
                for lang in self.languages]

    def rendering(self, address: str) -> Translated | None:
        """The translation shown beside a quote, if this edition has one."""
        return self.renderings.get(address)


def edition_sitemap(lang: Language, languages: tuple[Language, ...], paths: list[str],
                    site_url: str | None) -> str:
    """`/<lang>/sitemap.xml`: the pages of one language's edition (`paths`, Markdown paths
    inside its folder), each with its editions in every language, as search engines read
    them; empty without `site_url` (addresses must be absolute), as MkDocs' own is."""
    from html import escape

    entries = []
    base = site_url or ""
    for path in sorted(paths) if site_url else []:
        url = url_of(path)
        links = "".join(f'\n    <xhtml:link rel="alternate" hreflang="{other.code}" '
                        f'href="{escape(base + other.prefix + url)}"/>'
                        for other in languages)
        entries.append(f"  <url>\n    <loc>{escape(base + lang.prefix + url)}</loc>"
                       f"{links}\n  </url>\n")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "".join(entries) + "</urlset>\n")


def with_alternates(sitemap: str, site_url: str, languages: tuple[Language, ...],
                    paths: list[str]) -> str:
    """The sitemap a builder wrote (`<url><loc>...`), each page that has editions in other
    languages (`paths`: every generated file's path) given them as `xhtml:link` alternates,
    as search engines read them."""
    import re
    from html import escape

    others = [lang for lang in languages if not lang.source]
    pages = {url_of(p) for p in paths if p.endswith(".md")}

    def original(url: str) -> str | None:
        for lang in others:
            if url.startswith(lang.prefix):
                return url.removeprefix(lang.prefix)
        return url

    def links(match: re.Match[str]) -> str:
        address = match.group(1)
        url = address.removeprefix(site_url) if address.startswith(site_url) else None
        base = original(url) if url is not None else None
        if base is None or not all(lang.prefix + base in pages for lang in languages):
            return match.group(0)
        return match.group(0) + "".join(
            f'\n         <xhtml:link rel="alternate" hreflang="{lang.code}" '
            f'href="{escape(site_url + lang.prefix + base)}"/>' for lang in languages)

    if len(languages) < 2 or not site_url:
        return sitemap
    sitemap = sitemap.replace('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
                              '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                              'xmlns:xhtml="http://www.w3.org/1999/xhtml">', 1)
    return re.sub(r"<loc>([^<]*)</loc>", links, sitemap)

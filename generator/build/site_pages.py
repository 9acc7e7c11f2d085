"""The whole site's pages: those of every valid briefing, the home page, the feed, and what
the search dialog reads besides Pagefind's index (`page_table.SITE_FILES`).

For previews (`mkdocs serve`), `SitePages.preview` also remembers each
briefing's last good pages and keeps serving them while the briefing is
broken; a briefing that never built gets a page listing its errors instead.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from generator.base.problems import Problem, errors_in
from generator.base.settings import Site
from generator.build.cache import BuildCache, code_digest
from generator.build.pipeline import Content
from generator.build.result import BriefingResult
from generator.content.languages import Language, site_languages
from generator.render.card import Card
from generator.render.editions import edition_sitemap
from generator.render.feed import atom_feed
from generator.render.page_table import FEED, SITEMAP
from generator.render.renderer import render_desk, render_errors
from generator.render.search_names import search_files
from generator.render.sitemaps import split_sitemap


class SitePages:
    """Puts a site's pages together; for previews, remembers each briefing's last good ones.

    On a site in several `languages` (codes, the source language first), the home page
    and the feed are made in each, from the briefings' cards in that language. With a
    `cache`, the home page (and a large desk's listings), the feed and the names search
    forgives by are made again only when a card, the date, the site's settings or the
    code changed."""

    def __init__(self, languages: tuple[str, ...] = (), cache: BuildCache | None = None) -> None:
        self.languages = site_languages(languages)
        self.cache = cache
        self.last_good: dict[str, BriefingResult] = {}
        self.folders: dict[str, Card] = {}
        """After each call, every briefing's card in each language by the folder of its
        pages: its slug, and `fr/<slug>` for its French ones."""

    def pages(self, content: Content, today: dt.date,
              site: Site | None = None) -> tuple[dict[str, str], list[Card]]:
        """Every page of the valid briefings, the home page, the feed (of `site`) and the
        search's files, and those briefings' cards."""
        files: dict[str, str] = {}
        good = []
        for result in content.briefings.values():
            if result.card is not None:
                files.update(_pages(result))
                good.append(result)
        return self._site_files(files, good, today, site or Site())

    def preview(self, content: Content, today: dt.date,
                site: Site | None = None) -> tuple[dict[str, str], list[Card]]:
        """Like `pages`, but a broken briefing keeps its last good pages, or, if it never
        had any, shows a page listing its errors."""
        files: dict[str, str] = {}
        good = []
        for slug, result in content.briefings.items():
            if result.card is not None:
                _pages(result)
                self.last_good[slug] = result
            if slug in self.last_good:
                files.update(_pages(self.last_good[slug]))
                good.append(self.last_good[slug])
            else:
                files.update(render_errors(slug, errors_in(result.problems)))
        return self._site_files(files, good, today, site or Site())

    def _site_files(self, files: dict[str, str], good: list[BriefingResult], today: dt.date,
                    site: Site) -> tuple[dict[str, str], list[Card]]:
        """`files` with the home page, the feed and the search's files of the briefings
        `good`, in every language; and the source language's cards."""
        cards = [result.card for result in good if result.card is not None]
        written = repr(cards) if self.cache is not None else ""  # (see `_desk`)
        several = len(self.languages) > 1
        self.folders = {}
        for lang in self.languages:
            edition = [r.editions.get(lang.code, r.card) for r in good] if not lang.source \
                else cards
            shown = [card for card in edition if card is not None]
            self.folders.update({lang.prefix + card.slug: card for card in shown})
            files.update({lang.prefix + path: text for path, text in self._desk(
                shown, today, lang if several else None, cards, site,
                written if lang.source else repr(shown), written).items()})
            if several and not lang.source:
                # What Material's script fetches beside the edition's feed link.
                files.update(split_sitemap(edition_sitemap(
                    lang, self.languages,
                    [p.removeprefix(lang.prefix) for p in files
                     if p.startswith(lang.prefix) and p.endswith(".md")], site.url),
                    site.url, f"{lang.prefix}{SITEMAP[0]}"))
        return files, cards

    def _desk(self, cards: list[Card], today: dt.date, lang: Language | None,
              source: list[Card], site: Site, cards_written: str,
              source_written: str) -> dict[str, str]:
        """`render_desk`'s files, the feed and what search forgives by, of the briefings'
        `cards` in `lang` (`source` in the source language): from the cache when it made
        them from the same cards, given as `repr` (`cards_written`, `source_written`)."""
        def made() -> dict[str, str]:
            files = render_desk(cards, today, lang, self.languages, source)
            files[FEED] = atom_feed(cards, site, today, lang)
            # The names search forgives by, in the edition's words (its actors' names).
            files.update(search_files(cards))
            return files

        if self.cache is None:
            return made()
        # Keyed by the cards as they are (their repr: 44 ms for the benchmark's 300, where
        # writing them out as JSON took 1.5 s under the profiler; written once a build for
        # the source language, whose cards are both `cards` and `source`), not by the
        # briefings they come from: an edit that leaves every card as it was, an event's
        # title say, under `mkdocs serve`, does not make the home page, the listings, the
        # feed and the names again.
        key = hashlib.sha256(json.dumps(
            [code_digest(), str(today), repr(lang), repr(self.languages), repr(site),
             cards_written, source_written]).encode()).hexdigest()
        name = f"desk-{lang.code if lang else ''}"
        files = self.cache.files(name, key)
        if files is None:
            files = made()
            self.cache.keep_files(name, key, files)
        return files


def _pages(result: BriefingResult) -> dict[str, str]:
    if result.pages is None:
        raise ValueError(f"briefing '{result.slug}' was loaded without its pages")
    return result.pages


def problems_report(problems: list[Problem]) -> str:
    """For previews: the problems of the last save as JSON, which the preview script
    shows over the page the editor is looking at, like a JavaScript dev server's error
    overlay, and drops once a save is good. A file of its own, read on each reload, not
    part of any page: a rebuild that renders only changed pages still shows it."""
    problems = [p for p in problems if not p.stale]  # the calendar, not the editor's save
    failing = errors_in(problems)
    what = (f"{len(failing)} error{'s' * (len(failing) != 1)}" if failing else
            f"{len(problems)} warning{'s' * (len(problems) != 1)}")
    tail = ("this preview keeps showing the last good pages until they are fixed"
            if failing else "the pages are up to date; a strict build would stop here")
    heading = f"{what} in the content: {tail}. Fix the file and save: this page reloads."
    return json.dumps({"heading": heading if problems else "",
                       "problems": [str(p) for p in problems]}, ensure_ascii=False)

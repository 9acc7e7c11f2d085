"""The site's pages from loaded content: each briefing rendered once per change.

`SitePages` turns a `pipeline.Content` into `{path: text}` for the whole site,
taking a briefing's pages from the `BuildCache` when nothing it depends on has
changed. For previews (`mkdocs serve`) it also remembers each briefing's last
good pages, and serves them, or a page listing the errors, while a briefing
is broken.
"""

from __future__ import annotations

import datetime as dt

from .cache import BuildCache, Entry
from .model import Card
from .pipeline import BriefingResult, Content
from .render import render_briefing, render_errors, render_home


class SitePages:
    """Renders pages for a site, remembering what it rendered before."""

    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache
        self.last_good: dict[str, tuple[Card, dict[str, str]]] = {}

    def pages(self, content: Content, today: dt.date) -> tuple[dict[str, str], list[Card]]:
        """Every page of the valid briefings and the home page, and those briefings' cards."""
        files: dict[str, str] = {}
        cards = []
        for result in content.briefings.values():
            if result.card is not None:
                files.update(self._render(result, today))
                cards.append(result.card)
        files["index.md"] = render_home(cards, today)
        return files, cards

    def preview(self, content: Content, today: dt.date) -> tuple[dict[str, str], list[Card]]:
        """Like `pages`, but a broken briefing keeps its last good pages, or, if it never
        had any, shows a page listing its errors."""
        files: dict[str, str] = {}
        cards = []
        for slug, result in content.briefings.items():
            if result.card is not None:
                self.last_good[slug] = (result.card, self._render(result, today))
            if slug in self.last_good:
                card, pages = self.last_good[slug]
                files.update(pages)
                cards.append(card)
            else:
                files.update(render_errors(slug, [p for p in result.problems
                                                  if p.severity == "error"]))
        files["index.md"] = render_home(cards, today)
        return files, cards

    def _render(self, result: BriefingResult, today: dt.date) -> dict[str, str]:
        entry = self.cache.get(result.slug, result.digest)
        if entry is not None and entry.pages is not None:
            return entry.pages
        # Not in the cache with pages, so the loader loaded it in this run.
        assert result.briefing is not None
        pages = render_briefing(result.briefing, today)
        self.cache.put(result.slug, Entry(result.digest, result, pages))
        return pages

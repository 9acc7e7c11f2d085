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
from .model import Briefing
from .pipeline import BriefingResult, Content
from .render import render_briefing, render_errors, render_home


class SitePages:
    """Renders pages for a site, remembering what it rendered before."""

    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache
        self.last_good: dict[str, tuple[Briefing, dict[str, str]]] = {}

    def pages(self, content: Content, today: dt.date) -> tuple[dict[str, str], list[Briefing]]:
        """Every page of the valid briefings and the home page, and those briefings."""
        files: dict[str, str] = {}
        briefings = []
        for result in content.briefings.values():
            if result.briefing is not None:
                files.update(self._render(result, today))
                briefings.append(result.briefing)
        files["index.md"] = render_home(briefings, today)
        return files, briefings

    def preview(self, content: Content, today: dt.date) -> tuple[dict[str, str], list[Briefing]]:
        """Like `pages`, but a broken briefing keeps its last good pages, or, if it never
        had any, shows a page listing its errors."""
        files: dict[str, str] = {}
        briefings = []
        for slug, result in content.briefings.items():
            if result.briefing is not None:
                self.last_good[slug] = (result.briefing, self._render(result, today))
            if slug in self.last_good:
                briefing, pages = self.last_good[slug]
                files.update(pages)
                briefings.append(briefing)
            else:
                files.update(render_errors(slug, [p for p in result.problems
                                                  if p.severity == "error"]))
        files["index.md"] = render_home(briefings, today)
        return files, briefings

    def _render(self, result: BriefingResult, today: dt.date) -> dict[str, str]:
        assert result.briefing is not None
        entry = self.cache.get(result.slug, result.digest)
        if entry is not None and entry.pages is not None:
            return entry.pages
        pages = render_briefing(result.briefing, today)
        self.cache.put(result.slug, Entry(result.digest, result, pages))
        return pages

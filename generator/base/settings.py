"""What a project's configuration says, with every default written once.

`mkdocs.yml` holds it: the site's name and address, its folders, and the
`briefing` plugin's options. The MkDocs plugin takes it from MkDocs' own reading
of the file (`generator.mkdocs.config`), and the command line reads the same file
itself (`generator.cli.config`), so `check` and `mkdocs build` always run with the
same settings. Nothing here reads a file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Protocol

from generator.base.sealed import user_cache_base
from generator.base.walks import STATIC_FILES


class _Span(Protocol):
    """A date as the briefing's dates are: a span of days (see `content.dates.Date`)."""

    @property
    def last_day(self) -> dt.date: ...


@dataclass(frozen=True)
class PageOptions:
    """The settings that change what a briefing's pages say: the build cache's key
    includes them all."""

    stale_after_days: int = 30
    """Days after `as_of` after which a briefing without a `review_by` shows a notice that
    it may be out of date."""
    publish_seeds: bool = False
    """Publish the archived text of each seed beside its source (off by default: the
    publisher holds the copyright)."""
    languages: tuple[str, ...] = ()
    """The site's languages as BCP 47 tags, the source language first; empty for a site
    in its theme's one language."""
    translations_strict: bool = False
    """Make outdated and missing translations warnings that fail `--strict`."""

    def review_due(self, as_of: _Span, review_by: _Span | None) -> dt.date:
        """The last day a briefing counts as current: its `review_by`, or `as_of` plus
        `stale_after_days`."""
        if review_by is not None:
            return review_by.last_day
        try:
            return as_of.last_day + dt.timedelta(days=self.stale_after_days)
        except OverflowError:  # a setting of thousands of years: never stale
            return dt.date.max


@dataclass(frozen=True)
class Settings:
    """The `briefing` plugin's options (`plugins: - briefing:` in mkdocs.yml), each with
    its default. `generator.mkdocs.config` declares the same names for MkDocs, taking
    these defaults."""

    enabled: bool = True
    """Whether the plugin does anything at all (as Material's plugins have it)."""
    content_dir: str | None = None
    """The briefings folder, relative to mkdocs.yml; by default MkDocs' docs_dir."""
    seeds_dir: str = "seeds"
    """The archived sources, relative to mkdocs.yml."""
    fail_on_stale: bool = False
    """Make `--strict` fail on briefings past their review_by date too."""
    cache: bool = True
    """Keep the results of earlier builds, so unchanged briefings are not built again."""
    cache_dir: str = ""
    """Where, relative to mkdocs.yml; by default a folder in the user's cache folder."""
    focus: str | None = None
    """Build only this briefing (and the home page); the BRIEFING_FOCUS environment
    variable overrides it."""
    search: bool = True
    """Index the built site with Pagefind for the search dialog."""
    stale_after_days: int = PageOptions.stale_after_days
    """Days after as_of after which a briefing without a later review_by shows a notice
    that it may be out of date (readers' browsers check it daily)."""
    publish_seeds: bool = PageOptions.publish_seeds
    """Publish each seed's archived text beside its source (the publisher holds the
    copyright: off unless you may)."""
    languages: tuple[str, ...] = PageOptions.languages
    """The site's languages (BCP 47 tags such as `en`, `fr`, `fa-AF`), the language the
    briefings are written in first; each other one gets its pages under `/<lang>/` from
    the briefings' `translations/<lang>.yml`."""
    translations_strict: bool = PageOptions.translations_strict
    """Make outdated and missing translations warnings that fail `--strict`."""
    csp: bool = True
    """Give every built page a Content-Security-Policy `<meta>` tag (not under serve,
    whose live-reload script it would block)."""
    static_files: tuple[str, ...] = field(default=STATIC_FILES)
    """Name patterns of the files in content/, besides briefings and Markdown pages, that
    are published as they are; any other such file is an error."""

    @property
    def page_options(self) -> PageOptions:
        """The settings every page is rendered with."""
        return PageOptions(self.stale_after_days, self.publish_seeds, self.languages,
                           self.translations_strict)

    @classmethod
    def names(cls) -> list[str]:
        """Every option's name, in the order above."""
        return [option.name for option in fields(cls)]


@dataclass(frozen=True)
class Site:
    """The site's name, address and description, from mkdocs.yml: what the feed and the
    home page's JSON-LD say of the whole site."""

    name: str = "Situation briefings"
    url: str | None = None
    """`site_url`, ending in `/`; None when it is not set (see the feed and `head.resolve`)."""
    description: str | None = None
    author: str | None = None
    """`site_author`: the feed's author; the site's name when not set."""
    language: str = "en"

    @classmethod
    def of(cls, name: str | None, url: str | None, description: str | None = None,
           author: str | None = None, language: str | None = None) -> Site:
        """The site, with `url` ending in `/` (MkDocs' own rule for site_url)."""
        if url and not url.endswith("/"):
            url += "/"
        return cls(name or cls.name, url or None, description or None, author or None,
                   language or "en")


@dataclass(frozen=True)
class Folders:
    """Where a project's files are: every folder as an absolute path, resolved from
    mkdocs.yml's settings the same way by the plugin and the command line."""

    root: Path
    """The project: the folder holding mkdocs.yml."""
    docs_dir: Path
    """MkDocs' docs_dir, which it walks for hand-written pages and files."""
    site_dir: Path
    """Where the built site is published."""
    theme_dir: Path | None
    """The theme's custom_dir (overrides/), if any."""
    content_dir: Path
    """The briefings: the plugin's content_dir, by default docs_dir."""
    seeds_dir: Path
    cache_dir: Path | None
    """The build cache, or None when caching is off (or the user has no cache folder)."""

    @classmethod
    def of(cls, root: Path, docs_dir: str | Path, site_dir: str | Path,
           theme_dir: str | Path | None, settings: Settings) -> Folders:
        """The folders of the project at `root`, from mkdocs.yml's values (relative to
        `root` or absolute) and the plugin's settings."""
        root = root.resolve()
        docs = root / docs_dir
        cache = None
        if settings.cache:
            cache = root / settings.cache_dir if settings.cache_dir else default_cache_dir(root)
        return cls(root, docs, root / site_dir,
                   root / theme_dir if theme_dir else None,
                   root / settings.content_dir if settings.content_dir else docs,
                   root / settings.seeds_dir, cache)


def default_cache_dir(project: Path) -> Path | None:
    """The project's cache folder under the user's cache folder, if there is one."""
    base = user_cache_base()
    if base is None:
        return None
    return base / hashlib.sha256(str(project.resolve()).encode()).hexdigest()[:16]

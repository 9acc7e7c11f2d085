"""The MkDocs plugin `briefing`: serves every briefing's pages from `content/` YAML.

The only module that imports MkDocs. It validates all content in
`on_pre_build`, before MkDocs empties the site folder, so a failed build
leaves the last good site as it was; adds the rendered pages in memory
with `File.generated` (nothing is written into the docs folder); keeps
each briefing's pages out of the global nav and shows them as a section
of the nav on that briefing's own pages only, so pages stay small however
many briefings and actors there are.

Under `mkdocs serve` it never stops the server: a briefing with errors keeps
its last good pages (or, if it never had any, a page listing the errors),
and the errors are printed in the terminal.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import os
import re
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from .cache import BuildCache, default_cache_dir
from .card import Card
from .csp import with_meta_policy
from .errors import errors, failing, warnings
from .github import print_annotations
from .head import for_page
from .options import SiteOptions
from .pages import PAGE_KINDS, actor_path, source_of
from .pipeline import ContentLoader
from .search import SearchIndexer, SearchIndexError
from .site import SitePages, problems_overlay
from .siteinfo import Site
from .text import html

# Not get_plugin_logger: its "briefing: " prefix would break the one message format.
log = logging.getLogger("mkdocs.plugins.briefing")


class BriefingConfig(base.Config):
    """Options under `plugins: - briefing:` in mkdocs.yml."""

    content_dir = c.Optional(c.Type(str))
    """The briefings folder; by default MkDocs' docs_dir."""
    seeds_dir = c.Type(str, default="seeds")
    """The archived sources, relative to mkdocs.yml."""
    fail_on_stale = c.Type(bool, default=False)
    """Make `--strict` fail on briefings past their review_by date too."""
    cache = c.Type(bool, default=True)
    """Keep the results of earlier builds, so unchanged briefings are not built again."""
    cache_dir = c.Type(str, default="")
    """Where, relative to mkdocs.yml; by default a folder in the user's cache folder."""
    focus = c.Optional(c.Type(str))
    """Build only this briefing (and the home page); the BRIEFING_FOCUS environment
    variable overrides it."""
    search = c.Type(bool, default=True)
    """Index the built site with Pagefind for the search dialog."""
    stale_after_days = c.Type(int, default=30)
    """Days after as_of after which a briefing without a later review_by shows a notice
    that it may be out of date (readers' browsers check it daily)."""
    publish_seeds = c.Type(bool, default=False)
    """Publish each seed's archived text beside its source (the publisher holds the
    copyright: off unless you may)."""
    csp = c.Type(bool, default=True)
    """Give every built page a Content-Security-Policy `<meta>` tag (not under serve,
    whose live-reload script it would block)."""


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Turns `content/<slug>/*.yml` into briefing pages."""

    def __init__(self) -> None:
        self.serving = False
        self.settings: tuple[Any, ...] = ()
        """The options the loader, the site and the search were made for."""
        self.loader: ContentLoader | None = None
        self.site: SitePages | None = None
        self.files: dict[str, str] = {}
        self.cards: dict[str, Card] = {}
        self.folders: set[str] = set()
        self.sections: dict[str, Section] = {}
        self.search: SearchIndexer | None = None
        self.overlay = ""
        """Under serve: the last build's problems, shown over every page."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance, and its caches, across serve rebuilds.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Under serve this instance outlives each reload of mkdocs.yml: start afresh
        # whenever an option or a folder it depends on has changed.
        root = Path(config.config_file_path or ".").resolve().parent
        settings = (root, config.docs_dir, *sorted(self.config.items()))
        if settings == self.settings:
            return config
        content_dir = root / (self.config.content_dir or config.docs_dir)
        seeds_dir = root / self.config.seeds_dir
        cache_dir = None
        if self.config.cache:
            cache_dir = root / self.config.cache_dir if self.config.cache_dir \
                else default_cache_dir(root)
        options = SiteOptions(stale_after_days=self.config.stale_after_days,
                              publish_seeds=self.config.publish_seeds)
        self.loader = ContentLoader(root, content_dir, seeds_dir, BuildCache(cache_dir), options)
        self.site = SitePages()
        self.search = SearchIndexer(cache_dir) if self.config.search else None
        self.settings = settings
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        assert self.loader is not None and self.site is not None
        today = dt.date.today()
        focus = os.environ.get("BRIEFING_FOCUS") or self.config.focus
        # Forked workers build briefings in parallel, but not under serve, whose
        # server threads must not be forked.
        workers = 1 if self.serving else (os.cpu_count() or 1)
        content = self.loader.load(today, only={focus} if focus else None, render=True,
                                   workers=workers)
        problems = content.all_problems()
        _stop_counting_stale_warnings()
        for problem in problems:
            if problem.severity == "warning":
                log.warning(str(problem), extra={"briefing_stale": problem.stale})
        for problem in errors(problems):
            log.error(str(problem))
        print_annotations(problems)
        site = _site(config)
        if self.serving:
            self.overlay = problems_overlay(problems)
            self.files, cards = self.site.preview(content, today, site)
        else:
            stopping = failing(problems, strict=config.strict,
                               fail_on_stale=self.config.fail_on_stale)
            if stopping:
                what = f"{len(errors(stopping))} error(s)" if errors(stopping) else \
                    f"{len(warnings(stopping))} warning(s) in strict mode"
                raise PluginError(f"briefing: {what} in content; nothing was built and the "
                                  "site folder was left as it was")
            self.files, cards = self.site.pages(content, today, site)
        self.cards = {card.slug: card for card in cards}
        self.folders = content.folders

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for file in list(files):
            top = file.src_uri.split("/", 1)[0]
            if top in self.folders and file.src_uri.endswith((".yml", ".yaml")):
                files.remove(file)  # The YAML is not published; briefing.json is.
        for path, text in self.files.items():
            generated = File.generated(config, path, content=text,
                                       inclusion=_inclusion(path))
            slug, _, page = path.partition("/")
            source = source_of(page) if slug in self.cards else None
            if source is not None:
                generated.edit_uri = f"{slug}/{source}"
            files.append(generated)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # Each briefing becomes a nav section that only its own pages show. Actor pages
        # belong to it without being listed, so the section opens on them too.
        self.sections = {}
        for slug, card in self.cards.items():
            pages: list[Page] = []
            for kind in (k for k in PAGE_KINDS if k.in_nav):
                file = files.get_file_from_path(f"{slug}/{kind.path}")
                if file is not None:
                    pages.append(file.page or Page(None, file, config))
            section = Section(html(card.title), list(pages))
            for actor_id in card.actor_ids:
                file = files.get_file_from_path(f"{slug}/{actor_path(actor_id)}")
                if file is not None:
                    (file.page or Page(None, file, config)).parent = section
            for page in pages:
                page.parent = section
            for before, after in itertools.pairwise(pages):
                before.next_page, after.previous_page = after, before
            self.sections[slug] = section
        return nav

    def on_page_context(self, context: Any, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> Any:
        context["briefing_filter"] = len(self.cards) > 1  # search by briefing, if several
        slug = page.file.src_uri.split("/", 1)[0]
        section = self.sections.get(slug)
        if section is not None and page.file.generated_by:
            items = list(nav.items)
            items.insert(1 if items else 0, section)
            pages: list[Any] = [*nav.pages, *section.children]
            local = Navigation(items, pages)
            local.homepage = nav.homepage
            context["nav"] = local
        home = list(self.cards.values()) if page.is_homepage else None
        context["jsonld"] = for_page(page.meta.get("jsonld"), page.url, _site(config), home)
        return context

    # Last of all plugins: the policy hashes the scripts of the final HTML, so any plugin
    # that still changes a page (a minifier, say) must have done so.
    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if self.config.csp and not self.serving:
            output = with_meta_policy(output, page.content or "")
        if self.serving and self.overlay:
            output = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + self.overlay, output,
                            count=1)
        if self.search is not None:
            self.search.record(page.file.dest_uri, output)
        return output

    @event_priority(-100)
    def on_post_template(self, output_content: str, /, *, template_name: str,
                         config: MkDocsConfig) -> str:
        if template_name.endswith(".html"):
            if self.config.csp and not self.serving:
                output_content = with_meta_policy(output_content)
            if self.search is not None:
                self.search.record(template_name, output_content)
        return output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.search is None:
            return
        if self.serving:
            self.search.build_in_background(Path(config.site_dir), _search_failed)
            return
        try:
            self.search.build(Path(config.site_dir))
        except SearchIndexError as error:
            raise PluginError(
                f"briefing: the search index could not be built:\n{error}") from None

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer:
        assert self.loader is not None
        docs = Path(config.docs_dir).resolve()
        for folder in (self.loader.content_dir, self.loader.seeds_dir):
            if folder.exists() and docs not in (folder, *folder.parents):
                server.watch(str(folder))
        return server


def _site(config: MkDocsConfig) -> Site:
    """The facts about the site that its feed and JSON-LD need, from mkdocs.yml."""
    return Site.of(config.site_name, config.site_url, config.site_description,
                   config.site_author, config.theme.get("language"))


def _search_failed(error: Exception) -> None:
    log.warning(f"briefing: the search index could not be rebuilt, so search shows the "
                f"previous pages until the next save: {' '.join(str(error).split())}")


def _inclusion(path: str) -> InclusionLevel:
    # Briefing pages reach the nav only through their own section (see on_nav).
    return InclusionLevel.UNDEFINED if path == "index.md" else InclusionLevel.NOT_IN_NAV


def _stop_counting_stale_warnings() -> None:
    """Keep review-date warnings out of `--strict`'s count: the calendar moving must not
    break a build. MkDocs counts warnings with a CountHandler on its logger."""
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, CountHandler) and _not_stale not in handler.filters:
            handler.addFilter(_not_stale)


def _not_stale(record: logging.LogRecord) -> bool:
    return not getattr(record, "briefing_stale", False)



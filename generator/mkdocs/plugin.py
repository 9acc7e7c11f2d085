"""The MkDocs plugin `briefing`: MkDocs' hooks, each handing its work to the generator.

The plugin holds the hooks and the state of one MkDocs process (a build, or a
`mkdocs serve` session of many rebuilds); the work is done elsewhere:

- `on_pre_build` loads, checks and renders every briefing (`build.pipeline`) and
  walks the folders MkDocs will walk (`build.inputs`), before MkDocs empties the
  site folder, so a failed build leaves the last good site as it was; then it has
  MkDocs write into a staging folder beside the site (`publish.staging`). A cold
  one-off build renders the pages meanwhile (`PagesLater`): `on_page_read_source`
  waits for a briefing's pages only if they are not there yet.
- `on_files` adds the rendered pages in memory (`File.generated`; nothing is
  written into the docs folder); `on_nav` gives each briefing its nav section
  (`nav`); pages MkDocs renders get their front matter, JSON-LD, CSP and search
  record; `dirty` makes dirty builds give a full build's site.
- `on_post_build` indexes the site for search and swaps it in (`publish`).

Under `mkdocs serve` it never stops the server: a briefing with errors keeps its
last good pages (or, if it never had any, a page listing the errors), and the
errors are printed in the terminal. Folders moved away and back are watched again
(see `serving`). Where MkDocs offers no plugin API for what is needed, `internals`
does it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator.base.annotations import print_annotations
from generator.base.problems import BriefingError, errors_in, failing, warnings_in
from generator.base.processes import (
    ending_at_ctrl_c,
    printable_under_any_locale,
    stopping_as_at_ctrl_c,
)
from generator.base.settings import Folders, Settings
from generator.build.cache import BuildCache
from generator.build.inputs import Inputs
from generator.build.pipeline import ContentLoader, PagesLater
from generator.build.site_check import MisplacedFolderError, check_site
from generator.build.site_pages import SitePages, problems_report
from generator.content.languages import site_languages
from generator.mkdocs import guards, internals, theme
from generator.mkdocs.config import BriefingConfig, folders_of, log, settings_of, site_of
from generator.mkdocs.dirty import DirtyBuilds, unshare
from generator.mkdocs.nav import briefing_sections, inclusion, with_section
from generator.mkdocs.serving import WatchKeeper
from generator.mkdocs.site_record import folder_identity
from generator.publish.csp import has_http_equiv, with_meta_policy, without_http_equiv
from generator.publish.pagefind import SearchIndexError
from generator.publish.search_index import SearchIndexer
from generator.publish.staging import Staging, as_published, describe_fault
from generator.render.card import Card
from generator.render.editions import with_alternates
from generator.render.escape import html
from generator.render.front_matter import read_front_matter
from generator.render.head import for_page
from generator.render.page_table import PROBLEMS, SEARCH_INDEX, SITEMAP, source_of
from generator.render.sitemaps import split_sitemap

LAST = -1000
"""The priority of the hooks that must run after every other plugin's, Material's included
(which use -100): the policy hashes the scripts of the final HTML, and the site is indexed
and swapped in only once every plugin has written into it."""


internals.quiet_build_log()  # before any build logs


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Turns `content/<slug>/*.yml` into briefing pages."""

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        """Whether MkDocs was asked for dirty builds (`--dirty`)."""
        self.settings = Settings()
        self.folders: Folders | None = None
        self.loader: ContentLoader | None = None
        self.site: SitePages | None = None
        self.files: dict[str, str] = {}
        """The generated files of this build, by path."""
        self.later: PagesLater | None = None
        self.compiled_templates = theme.CompiledTemplates()
        """What the theme's templates compiled to, kept from one build to the next (under
        `mkdocs serve`, one per save)."""
        self.pending: dict[str, list[File]] = {}
        """The generated files still being rendered (empty in `files` until they come), by
        briefing."""
        self.cards: dict[str, Card] = {}
        self.digests: dict[str, str] = {}
        """The hash of each briefing file's text that came with it (see `dirty`), by path."""
        self.sections: dict[str, Section] = {}
        self.prefixes: set[str] = set()
        """The folders of the site's languages other than the source's (`fr/`)."""
        self.interface: dict[str, str] = {}
        """The theme's interface strings for each of the site's languages (see `theme`)."""
        self.search: SearchIndexer | None = None
        self.inputs = Inputs()
        self.staging: Staging | None = None
        self.built: MkDocsConfig | None = None
        """The config of the build in progress, whose site_dir points at the staging."""
        self.builds = DirtyBuilds()
        self.keeper: WatchKeeper | None = None
        self.page_errors = 0
        """Hand-written pages found unfit while MkDocs rendered them."""
        self.front: dict[str, dict[str, Any]] = {}
        """Front matter read by `on_page_read_source`, until `on_page_markdown` takes it."""
        self.rebuilds: internals.DirtyRebuilds | None = None
        """Under serve: dirty rebuilds after the first build."""
        self.restore_ctrl_c: Any = None
        """Puts back the signal handlers a build or a serve session replaces (see
        `processes`)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance, and its caches, across serve rebuilds.
        self.serving = command == "serve"
        self.dirty = dirty
        printable_under_any_locale()  # MkDocs' log would print a traceback for a Persian line
        if command in ("build", "gh-deploy") and self.restore_ctrl_c is None:
            self.restore_ctrl_c = ending_at_ctrl_c(self._clean_up)
        elif command == "serve" and self.restore_ctrl_c is None:
            self.restore_ctrl_c = stopping_as_at_ctrl_c()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Under serve this instance outlives each reload of mkdocs.yml: start afresh
        # whenever an option or a folder it depends on has changed.
        settings = settings_of(self.config)
        folders = folders_of(config, settings)
        if (settings, folders) == (self.settings, self.folders) or not settings.enabled:
            self.settings = settings
            return config
        self.settings, self.folders = settings, folders
        self.loader = ContentLoader(folders.root, folders.content_dir, folders.seeds_dir,
                                    BuildCache(folders.cache_dir, in_memory=self.serving),
                                    settings.page_options)
        self.builds.reset(folders.cache_dir)
        self.site = SitePages(self.settings.languages, self.loader.cache)
        self.interface = theme.interface_languages(config, self.settings.languages)
        self.prefixes = {lang.prefix for lang in site_languages(settings.languages)}
        if self.search is not None:
            self.search.stop_background()
        self.search = SearchIndexer(folders.cache_dir) if settings.search else None
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.settings.enabled:
            return
        assert self.loader is not None and self.site is not None and self.folders is not None
        self.built = config
        if self.search is not None:
            self.search.stop_background()  # its index would be of pages about to change
        self.page_errors = 0
        self._stop_rendering()
        today = dt.date.today()
        focus = os.environ.get("BRIEFING_FOCUS") or self.settings.focus
        # Forked workers build briefings in parallel, but not under serve, whose
        # server threads must not be forked.
        workers = 1 if self.serving else (os.cpu_count() or 1)
        rebuilding = bool(self.rebuilds and self.rebuilds.dirty)
        # A full build renders pages while MkDocs reads the first ones; a dirty build needs
        # every page's text first, to tell which changed.
        defer = workers > 1 and not (self.serving or self.dirty or rebuilding)
        try:
            checked = check_site(self.loader, self.folders, self.settings, today,
                                 only={focus} if focus else None, render=True, workers=workers,
                                 defer_pages=defer)
        except MisplacedFolderError as misplaced:
            log.error(str(misplaced))
            raise PluginError("briefing: 1 error(s) in the configuration; nothing was built and "
                              "the site folder was left as it was") from None
        except BriefingError as error:
            raise PluginError(f"briefing: {error}") from None
        content, self.inputs, problems = checked.content, checked.inputs, checked.problems
        self._report(problems)
        if self.serving:
            if self.inputs.unsafe:  # MkDocs and the theme would follow those links: stop here
                raise PluginError(f"briefing: {len(self.inputs.unsafe)} file(s) the site cannot "
                                  "use; fix them, and the preview comes back")
            self.files, cards = self.site.preview(content, today, site_of(config))
            self.files[PROBLEMS] = problems_report(problems)
        else:
            stopping = failing(problems, strict=config.strict,
                               fail_on_stale=self.settings.fail_on_stale)
            if stopping:
                what = f"{len(errors_in(stopping))} error(s)" if errors_in(stopping) else \
                    f"{len(warnings_in(stopping))} warning(s) in strict mode"
                raise PluginError(f"briefing: {what} in content; nothing was built and the "
                                  "site folder was left as it was")
            self.files, cards = self.site.pages(content, today, site_of(config))
        self.cards = {card.slug: card for card in cards}
        self.digests = {path: digest for result in content.briefings.values()
                        for path, digest in result.digests.items()}
        self.builds.begin(Path(config.site_dir), dirty=self.dirty or rebuilding)
        if not self.serving:
            self._stage(config)
        if content.deferred:
            self.pending = {slug: [] for slug in content.deferred}
            self.later = PagesLater(content, self.loader.cache)

    def _report(self, problems: list[Any]) -> None:
        """Log every problem, errors after warnings, and annotate them under GitHub."""
        internals.stop_counting_stale_warnings()
        for problem in warnings_in(problems):
            log.warning(str(problem), extra={"briefing_stale": problem.stale})
        for problem in errors_in(problems):
            log.error(str(problem))
        print_annotations(problems)

    def _stage(self, config: MkDocsConfig) -> None:
        """From here on MkDocs writes into a staging folder, not into the live site. A dirty
        build starts from the current site, linked where only MkDocs writes (see
        `on_env`); the search index is always written anew."""
        try:
            self.staging = Staging.begin(
                Path(config.site_dir), keep_current=self.dirty,
                linked=all(isinstance(p, BriefingPlugin) for p in config.plugins.values()),
                leave_out=frozenset({SEARCH_INDEX} if self.search is not None else ()))
        except BriefingError as error:
            raise PluginError(f"briefing: {error}") from None
        config.site_dir = str(self.staging.folder)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.settings.enabled:
            return files
        guards.keep_to_inputs(files, config, self.inputs)
        theme.published_only(files, config, serving=self.serving)
        for path, text in self.files.items():
            slug, _, page = path.partition("/")
            # A file still being rendered gets its text once it comes (`_receive`). A page's
            # File holds none: MkDocs gets it from memory in on_page_read_source, which
            # lets go of it once read.
            waiting = self.pending.get(self._briefing_of(path)) if self.pending else None
            held = "" if waiting is not None or path.endswith(".md") else text
            generated = File.generated(config, path, content=held, inclusion=inclusion(path))
            if waiting is not None:
                waiting.append(generated)
            source_name = source_of(page) if slug in self.cards else None
            if source_name is not None:
                generated.edit_uri = f"{slug}/{source_name}"
            files.append(generated)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if not self.settings.enabled:
            return nav
        self.sections = briefing_sections(self.site.folders if self.site else self.cards,
                                          config, files)
        # The folder readers (or the preview) see, not the one this build writes.
        live = self.staging.target if self.staging is not None else Path(config.site_dir)
        waiting = {file.src_uri for files in self.pending.values() for file in files}
        pages = {p: t for p, t in self.files.items() if p not in waiting} if waiting \
            else self.files
        self.builds.shape_up(nav, config, files, pages=pages, digests=self.digests,
                             sections={s: n.title for s, n in self.sections.items()},
                             theme_files=self.inputs.theme_files, several=len(self.cards) > 1,
                             live=live)
        return nav

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.settings.enabled:
            return None
        if self.pending and page.file.generated_by:
            self._receive(self._briefing_of(page.file.src_uri))
        # A generated page's text comes from memory (its File holds none: see on_files).
        text = self.files.get(page.file.src_uri) if page.file.generated_by else None
        if text is None:
            return None
        # MkDocs keeps the page from here on; this text is needed no more (nor kept by the
        # cache in a one-off build: see `BuildCache`).
        self.files[page.file.src_uri] = ""
        # Its front matter is JSON, read here far faster than MkDocs reads it as YAML,
        # and handed to the page in on_page_markdown.
        found = read_front_matter(text)
        if found is None:
            return text
        self.front[page.file.src_uri], body = found
        return body

    def _briefing_of(self, path: str) -> str:
        """The slug of the briefing whose folder holds `path` (`<slug>/...`, or
        `<lang>/<slug>/...` in another language), or "" for a file of the whole site."""
        first, _, rest = path.partition("/")
        if first in self.cards:
            return first
        if f"{first}/" in self.prefixes:
            second = rest.partition("/")[0]
            return second if second in self.cards else ""
        return ""

    def _receive(self, slug: str) -> None:
        """Take the files of briefing `slug` from `PagesLater`, if they are still awaited."""
        waiting = self.pending.pop(slug, None)
        if waiting is None or self.later is None:
            return
        try:
            result = self.later.result(slug)
        except BriefingError as error:
            raise PluginError(f"briefing: {error}; nothing was published and the site "
                              "folder was left as it was") from None
        pages = result.pages or {}
        if set(pages) != {file.src_uri for file in waiting}:
            raise PluginError(f"briefing: the files rendered for '{slug}' are not those "
                              "its check announced; nothing was published")
        for file in waiting:
            text = pages[file.src_uri]
            self.files[file.src_uri] = text
            if not file.src_uri.endswith(".md"):  # copied once every page is read
                file.content_string = text
            self.builds.arrived(file, text, result.digests.get(file.src_uri))

    def _stop_rendering(self) -> None:
        later, self.later = self.later, None
        self.pending = {}
        if later is not None:
            later.stop()

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        if not self.settings.enabled:
            return markdown
        meta = self.front.pop(page.file.src_uri, None)
        if meta is not None:
            page.meta = meta
        elif not page.file.generated_by:
            # Material prints a page's title and description as they are: a hand-written
            # page's front matter is text, escaped here as the generator escapes its own.
            for key in ("title", "description"):
                if isinstance(page.meta.get(key), str):
                    page.meta[key] = html(page.meta[key])
        return markdown

    def on_page_content(self, html_text: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        if not self.settings.enabled or page.file.generated_by \
                or not has_http_equiv(html_text):
            return html_text
        self._refuse_http_equiv(page, in_text=True)
        return without_http_equiv(html_text)

    def on_page_context(self, context: Any, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> Any:
        if not self.settings.enabled:
            return context
        context["briefing_filter"] = len(self.cards) > 1  # search by briefing, if several
        lang = page.meta.get("lang")
        if isinstance(lang, str):
            context["interface_language"] = self.interface.get(lang)
        parts = page.file.src_uri.split("/", 2)
        # A briefing's folder: its slug, or `fr/<slug>` for its French pages.
        section = self.sections.get("/".join(parts[:2])) or self.sections.get(parts[0])
        if section is not None and page.file.generated_by:
            context["nav"] = with_section(nav, section)
        home = list(self.cards.values()) if page.is_homepage else None
        # Taken out of the page, which MkDocs keeps to the end of the build: only the
        # page's template prints it, next.
        context["jsonld"] = for_page(page.meta.pop("jsonld", None), page.url, site_of(config),
                                     home)
        return context

    @event_priority(LAST)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if not self.settings.enabled:
            return output
        self.builds.rendered += 1
        if not page.file.generated_by and has_http_equiv(output):
            # Put there by the page's front matter (`template: redirect.html`, say) or its
            # template rather than its text (see on_page_content): as refused.
            self._refuse_http_equiv(page, in_text=False)
            output = without_http_equiv(output)
        if self.settings.csp and not self.serving:
            output = with_meta_policy(output, page.content or "")
        if self.serving:
            # Every page a preview builds shows the last save's problems (see `site_pages`).
            script = get_relative_url(theme.PREVIEW_SCRIPT, page.url)
            output = output.replace("</body>", f'<script src="{script}"></script></body>', 1)
        if self.search is not None:
            self.search.record(page.file.dest_uri, output)
        return output

    def _refuse_http_equiv(self, page: Page, *, in_text: bool) -> None:
        assert self.folders is not None
        log.error(str(guards.http_equiv_problem(page, self.folders.root, in_text=in_text)))
        self.page_errors += 1  # the build fails before publishing (see on_post_build)

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if not self.settings.enabled:
            return env
        theme.valid_templates(env, self.compiled_templates)
        # Every page is read: the data files of a briefing none of whose pages MkDocs
        # reads (all left out as drafts, say) must still come before they are copied.
        for slug in list(self.pending):
            self._receive(slug)
        if self.staging is not None and self.staging.linked:
            unshare(config, files)
        return env

    @event_priority(LAST)
    def on_post_template(self, output_content: str, /, *, template_name: str,
                         config: MkDocsConfig) -> str:
        if not self.settings.enabled:
            return output_content
        if template_name == SITEMAP[0] and config.site_url:
            # Each page's editions in other languages, for search engines; past the
            # protocol's limits, an index of parts written beside it.
            sitemap = split_sitemap(with_alternates(
                output_content, config.site_url, site_languages(self.settings.languages),
                list(self.files)), config.site_url, SITEMAP[0])
            for name, text in sitemap.items():
                if name != SITEMAP[0]:
                    part = Path(config.site_dir) / name
                    part.unlink(missing_ok=True)  # never through a dirty build's hard link
                    part.write_text(text, "utf-8")
            return sitemap[SITEMAP[0]]
        if template_name.endswith(".html"):
            if self.settings.csp and not self.serving:
                output_content = with_meta_policy(output_content)
            if self.search is not None:
                self.search.record(template_name, output_content)
        return output_content

    @event_priority(LAST)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.settings.enabled:
            return
        self.builds.report()
        if self.serving:
            self.builds.settle(Path(config.site_dir))
            if self.search is not None:
                site = Path(config.site_dir)
                self.search.build_in_background(site, lambda error: _search_failed(error, site))
            return
        staging = self.staging
        site = staging.folder if staging is not None else Path(config.site_dir)
        if self.later is not None:
            try:
                self.later.finish()  # so that every briefing rendered is in the cache
            except BriefingError as error:
                raise PluginError(f"briefing: {error}; nothing was published and the site "
                                  "folder was left as it was") from None
            self.later = None
        if self.page_errors:
            raise PluginError(f"briefing: {self.page_errors} error(s) in content; nothing was "
                              "published and the site folder was left as it was")
        if self.search is not None:
            try:
                self.search.build(site, staging.target / SEARCH_INDEX if staging else None)
            except (SearchIndexError, OSError) as error:
                cause = describe_fault(error, staging) if isinstance(error, OSError) else \
                    as_published(" ".join(str(error).split()), staging)
                raise PluginError(f"briefing: the search index could not be built: {cause}; "
                                  "nothing was published and the site folder was left as it "
                                  "was") from None
        if staging is None or (config.strict and internals.warnings_counted()):
            return  # MkDocs aborts a strict build with warnings next: publish nothing
        # Which folder this build publishes, taken before it is put in place: another build
        # may publish over it at any moment after that, and must not be taken for it.
        published = folder_identity(staging.folder)
        try:
            staging.publish()
        except BriefingError as error:
            raise PluginError(f"briefing: {error}") from None
        finally:
            config.site_dir = str(staging.target)
            self.staging = None
        # Only now: a build that stops earlier leaves the last site, of the last shape.
        self.builds.settle(staging.target, published)
        how = " in place, entry by entry, as it is a mount point" if staging.in_place else ""
        log.info(f"Published the site to {staging.target}{how}")

    # Last of all plugins, so every other plugin has seen the error it replaces.
    @event_priority(LAST)
    def on_build_error(self, *, error: Exception) -> None:
        self._stop_rendering()
        target = self._discard_staging()
        if isinstance(error, OSError):
            site = Path(self.built.site_dir) if self.built is not None else None
            raise PluginError(f"briefing: {describe_fault(error, target, site)}; nothing was "
                              "published and the site folder was left as it was") from None

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer:
        if not self.settings.enabled or self.folders is None:
            return server
        folders = self.folders
        docs = Path(config.docs_dir).resolve()
        for folder in (folders.content_dir, folders.seeds_dir):
            if folder.exists() and docs not in (folder, *folder.parents):
                server.watch(str(folder))
        if self.keeper is None:
            # As given to server.watch, so the keeper recognises the server's own watches.
            self.keeper = WatchKeeper(server, [Path(config.docs_dir), folders.content_dir,
                                               folders.seeds_dir])
        if self.rebuilds is None:
            self.rebuilds = internals.DirtyRebuilds()
        return server

    def on_shutdown(self) -> None:
        if self.restore_ctrl_c is not None:
            self.restore_ctrl_c()
            self.restore_ctrl_c = None
        self._clean_up()

    def _clean_up(self) -> None:
        """Leave nothing of this run behind but the site (and the cache)."""
        self._stop_rendering()
        if self.search is not None:
            self.search.stop_background()  # before MkDocs removes the preview's folder
        self.builds.drop()
        if self.rebuilds is not None:
            self.rebuilds.restore()
            self.rebuilds = None
        self._discard_staging()  # after Ctrl-C, which is no build error
        if self.keeper is not None:
            self.keeper.stop()
            self.keeper = None

    def _discard_staging(self) -> Staging | None:
        staging, self.staging = self.staging, None
        if staging is not None:
            staging.discard()
            if self.built is not None:
                self.built.site_dir = str(staging.target)
        return staging


def _search_failed(error: Exception, site: Path) -> None:
    cause = describe_fault(error, None, site) if isinstance(error, OSError) else \
        " ".join(str(error).split())
    log.warning(f"briefing: the search index could not be rebuilt, so search shows the "
                f"previous pages until the next save: {cause}")

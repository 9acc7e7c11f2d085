"""The MkDocs plugin `briefing`: serves every briefing's pages from `content/` YAML.

The only module that imports MkDocs. It validates all content in
`on_pre_build`, before MkDocs empties the site folder, so a failed build
leaves the last good site as it was; adds the rendered pages in memory
with `File.generated` (nothing is written into the docs folder); keeps
each briefing's pages out of the global nav and shows them as a section
of the nav on that briefing's own pages only, so pages stay small however
many briefings and actors there are.

A build publishes in one step (see `publish`): MkDocs writes the site into a
staging folder beside `site/`, which replaces it only once every page and
the search index are written and checked. Nothing from outside the project
is read or published: the folders MkDocs walks are walked first without
following links (see `folders`), and every file MkDocs found is checked
against that walk before it is copied.

Under `mkdocs serve` it never stops the server: a briefing with errors keeps
its last good pages (or, if it never had any, a page listing the errors),
and the errors are printed in the terminal. Folders moved away and back are
watched again (see `serving`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import logging
import os
import re
from collections.abc import Callable, Mapping
from importlib import metadata
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
from mkdocs.utils import CountHandler, clean_directory, get_relative_url

from generator.base.annotations import print_annotations
from generator.base.folders import STATIC_FILES, Tree, folder_problem, unpublished, walk
from generator.base.folders import kind as file_kind
from generator.base.paths import inside, shown
from generator.base.problems import BriefingError, Problem, errors, failing, warnings
from generator.base.processes import ending_at_ctrl_c
from generator.base.settings import SiteOptions
from generator.base.site import Site
from generator.build.cache import BuildCache, code_digest, default_cache_dir
from generator.build.pipeline import ContentLoader
from generator.build.site_pages import PROBLEMS, SitePages, problems_report
from generator.mkdocs.page_store import PageStore, signature
from generator.mkdocs.serving import WatchKeeper
from generator.publish.csp import with_meta_policy
from generator.publish.search_index import SearchIndexer, SearchIndexError
from generator.publish.staging import Staging
from generator.render.card import Card
from generator.render.escape import html
from generator.render.head import for_page
from generator.render.page_table import PAGE_KINDS, actor_path, source_of
from generator.render.renderer import read_front_matter

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
    static_files = c.ListOfItems(c.Type(str), default=list(STATIC_FILES))
    """Name patterns of the files in content/, besides briefings and Markdown pages, that
    are published as they are; any other such file is an error."""


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Turns `content/<slug>/*.yml` into briefing pages."""

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        self.root = Path()
        self.settings: tuple[Any, ...] = ()
        """The options the loader, the site and the search were made for."""
        self.loader: ContentLoader | None = None
        self.site: SitePages | None = None
        self.files: dict[str, str] = {}
        self.cards: dict[str, Card] = {}
        self.sections: dict[str, Section] = {}
        self.search: SearchIndexer | None = None
        self.published: set[str] = set()
        """The files of docs_dir that MkDocs may copy into the site."""
        self.theme_files: set[str] = set()
        """The files of the theme's custom_dir (overrides/) that it may copy."""
        self.staging: Staging | None = None
        self.built: MkDocsConfig | None = None
        """The config of the build in progress, whose site_dir points at the staging."""
        self.keeper: WatchKeeper | None = None
        self.page_errors = 0
        """Hand-written pages found unfit while MkDocs rendered them."""
        self.store: PageStore | None = None
        """The generated pages on disk, for dirty builds (see `pagestore`)."""
        self.store_site: Path | None = None
        self.restore_ctrl_c: Callable[[], object] | None = None
        """Puts back Python's Ctrl-C, which a build replaces (see `procs.ending_at_ctrl_c`)."""
        self.cache_dir: Path | None = None
        self.dirty_build = False
        """Whether MkDocs builds only what changed this time (`--dirty`, or a rebuild
        under serve)."""
        self.clean_first = False
        """A dirty build that lost its page store: it starts from an empty site folder."""
        self.shape: str | None = None
        self.rendered = 0
        """Pages MkDocs rendered in this build."""
        self.front: dict[str, dict[str, Any]] = {}
        """Front matter read by `on_page_read_source`, until `on_page_markdown` takes it."""
        self.pages_in_site = 0
        self.serve_build: Any = None
        """Under serve: MkDocs' own build function, which `on_serve` wraps."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance, and its caches, across serve rebuilds.
        self.serving = command == "serve"
        self.dirty = dirty
        if command in ("build", "gh-deploy") and self.restore_ctrl_c is None:
            self.restore_ctrl_c = ending_at_ctrl_c(self._clean_up)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Under serve this instance outlives each reload of mkdocs.yml: start afresh
        # whenever an option or a folder it depends on has changed.
        root = Path(config.config_file_path or ".").resolve().parent
        self.root = root
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
        self._drop_store()  # while cache_dir still says where the old store was
        self.cache_dir = cache_dir
        self.site = SitePages()
        if self.search is not None:
            self.search.stop_background()
        self.search = SearchIndexer(cache_dir) if self.config.search else None
        self.settings = settings
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        assert self.loader is not None and self.site is not None
        self.built = config
        if self.search is not None:
            self.search.stop_background()  # its index would be of pages about to change
        self.page_errors = 0
        self.dirty_build = self.dirty or bool(self.serve_build and self.serve_build.dirty)
        self.clean_first = False
        self.rendered = 0
        misplaced = self._misplaced_cache(config)
        if misplaced is not None:
            log.error(str(misplaced))
            raise PluginError("briefing: 1 error(s) in the configuration; nothing was built and "
                              "the site folder was left as it was")
        today = dt.date.today()
        focus = os.environ.get("BRIEFING_FOCUS") or self.config.focus
        # Forked workers build briefings in parallel, but not under serve, whose
        # server threads must not be forked.
        workers = 1 if self.serving else (os.cpu_count() or 1)
        try:
            content = self.loader.load(today, only={focus} if focus else None, render=True,
                                       workers=workers)
        except BriefingError as error:
            raise PluginError(f"briefing: {error}") from None
        unsafe, unpublished_files = self._walk_folders(config)
        problems = sorted({*content.all_problems(), *unsafe, *unpublished_files},
                          key=lambda p: (p.file, p.line or 0, p.column or 0, p.message))
        _stop_counting_stale_warnings()
        for problem in problems:
            if problem.severity == "warning":
                log.warning(str(problem), extra={"briefing_stale": problem.stale})
        for problem in errors(problems):
            log.error(str(problem))
        print_annotations(problems)
        site = _site(config)
        if self.serving:
            if unsafe:  # MkDocs and the theme would follow those links: stop here
                raise PluginError(f"briefing: {len(unsafe)} file(s) the site cannot use; "
                                  "fix them, and the preview comes back")
            self.files, cards = self.site.preview(content, today, site)
            self.files[PROBLEMS] = problems_report(problems)
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
        self._open_store(Path(config.site_dir))
        if not self.serving:
            # From here on MkDocs writes into a staging folder, not into the live site.
            try:
                # A dirty build starts from the current site, linked where only MkDocs
                # writes (see on_env); the search index is always written anew.
                self.staging = Staging.begin(
                    Path(config.site_dir), keep_current=self.dirty,
                    linked=all(isinstance(p, BriefingPlugin) for p in config.plugins.values()),
                    leave_out=frozenset({"pagefind"} if self.search is not None else ()))
            except BriefingError as error:
                raise PluginError(f"briefing: {error}") from None
            config.site_dir = str(self.staging.folder)

    def _misplaced_cache(self, config: MkDocsConfig) -> Problem | None:
        """A problem if the cache folder lies where the build reads or publishes: its
        files would be published, or (under serve) set off rebuilds without end."""
        if self.loader is None or self.loader.cache.folder is None:
            return None
        cache = self.loader.cache.folder
        places = {"docs_dir": Path(config.docs_dir), "content_dir": self.loader.content_dir,
                  "seeds_dir": self.loader.seeds_dir, "site_dir": Path(config.site_dir)}
        if config.theme.custom_dir:
            places["the theme's custom_dir"] = Path(config.theme.custom_dir)
        for name, folder in places.items():
            if inside(cache, folder):
                return Problem(shown(cache, self.root), None, None, "", f"the cache folder "
                               f"lies inside {name}, where the build reads or publishes "
                               "files; set cache_dir to another folder")
        return None

    def _walk_folders(self, config: MkDocsConfig) -> tuple[list[Problem], list[Problem]]:
        """The problems of the folders MkDocs and the theme read (docs_dir, custom_dir),
        walked before they do: first what must not be read at all (links out of the
        project, pipes, such folders configured outside it), then files of types that
        are not published."""
        root = self.root
        docs = Path(config.docs_dir)
        custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        outside = [p for p in (folder_problem(docs, root, "docs_dir"),
                               custom and folder_problem(custom, root, "theme custom_dir"))
                   if p]
        if outside:
            self.published, self.theme_files = set(), set()
            return outside, []
        tree = walk(docs, root)
        theme = walk(custom, root) if custom is not None and custom.is_dir() else Tree()
        patterns = self.config.static_files
        self.published = {f for f in tree.files
                          if file_kind(f, patterns) in ("page", "static")}
        self.theme_files = set(theme.files)
        return [*tree.problems, *theme.problems], unpublished(docs, root, tree.files, patterns)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        docs = Path(config.docs_dir).resolve()
        custom = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
        folders: dict[str, Path] = {}
        for file in list(files):
            if file.generated_by or file.src_dir is None:
                continue
            if file.src_dir not in folders:
                folders[file.src_dir] = Path(file.src_dir).resolve()
            source = folders[file.src_dir]
            if source == docs and file.src_uri not in self.published:
                files.remove(file)  # YAML (briefing.json is the export), or refused above
            elif source == custom and file.src_uri not in self.theme_files:
                files.remove(file)
        if self.store is not None:
            self.store.changed = set()
        for path, text in self.files.items():
            backing = self._backing(path, text) if path.endswith(".md") else None
            if backing is not None:
                generated = File.generated(config, path, abs_src_path=str(backing),
                                           inclusion=_inclusion(path))
            else:
                generated = File.generated(config, path, content=text,
                                           inclusion=_inclusion(path))
            slug, _, page = path.partition("/")
            source_name = source_of(page) if slug in self.cards else None
            if source_name is not None:
                generated.edit_uri = f"{slug}/{source_name}"
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
        self._shape_up(nav, config, files)
        return nav

    def _shape_up(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        """Work out the site's shape; in a dirty build, have MkDocs render again every page
        whose output would differ from a full build's, and give the pages it skips the
        titles that other pages' navigation shows."""
        custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        theme = sorted((f, (custom / f).stat().st_mtime_ns) for f in self.theme_files) \
            if custom is not None else []
        # Hand-written pages by date too: their titles, which every page's nav shows, are
        # read only as MkDocs renders them, after this.
        written = [f for f in files.documentation_pages() if not f.generated_by]
        self.shape = signature([
            sorted((f.src_uri, f.dest_uri) for f in files),
            sorted((f.src_uri, Path(f.abs_src_path).stat().st_mtime_ns)
                   for f in written if f.abs_src_path),
            [(item.title, getattr(item, "url", None)) for item in nav.items],
            {slug: section.title for slug, section in self.sections.items()},
            _configuration(config), theme, len(self.cards) > 1, _builders(),
        ])
        self.pages_in_site = len(files.documentation_pages())
        store = self.store
        if self.clean_first:
            self.clean_first = False
            clean_directory(config.site_dir)  # what MkDocs would skip may be stale
        if not self.dirty_build or store is None:
            return
        # The folder readers (or the preview) see, not the one this build writes.
        live = self.staging.target if self.staging is not None else Path(config.site_dir)
        previous = store.previous(live)
        if previous != self.shape:
            # Files, nav, configuration or theme changed: what MkDocs skips would be stale,
            # so this build becomes a full one, from an empty site folder.
            clean_directory(config.site_dir)
            return
        for path, text in self.files.items():
            if path in store.changed or not path.endswith(".md"):
                continue
            skipped = files.get_file_from_path(path)
            if skipped is not None and skipped.page is not None and \
                    skipped.page.markdown is None:
                skipped.page.markdown, skipped.page.meta = "", {"title": _front_title(text)}
        # The titles of hand-written pages come from their first heading, known only once
        # rendered: they are few, so MkDocs renders them every time (it renders a page
        # whose output is missing).
        for file in written:
            Path(file.abs_dest_path).unlink(missing_ok=True)

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        # A generated page's text comes from memory; its file in the store only dates it.
        text = self.files.get(page.file.src_uri) if page.file.generated_by else None
        if text is None:
            return None
        # Its front matter is JSON, read here far faster than MkDocs reads it as YAML,
        # and handed to the page in on_page_markdown.
        found = read_front_matter(text)
        if found is None:
            return text
        self.front[page.file.src_uri], body = found
        return body

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
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
        self.rendered += 1
        if not page.file.generated_by and _HTTP_EQUIV.search(output):
            # Put there by the page's front matter (`template: redirect.html`, say) or its
            # template rather than its text (see on_page_content): as refused.
            self._refuse_http_equiv(page, None)
            output = _HTTP_EQUIV_TAG.sub("", output)
        if self.config.csp and not self.serving:
            output = with_meta_policy(output, page.content or "")
        if self.serving:
            # Every page a preview builds shows the last save's problems (see `site`).
            script = get_relative_url("assets/briefing-preview.js", page.url)
            output = output.replace("</body>", f'<script src="{script}"></script></body>', 1)
        if self.search is not None:
            self.search.record(page.file.dest_uri, output)
        return output

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if self.staging is not None and self.staging.linked:
            _unshare(config, files)
        return env

    @event_priority(-100)
    def on_post_template(self, output_content: str, /, *, template_name: str,
                         config: MkDocsConfig) -> str:
        if template_name.endswith(".html"):
            if self.config.csp and not self.serving:
                output_content = with_meta_policy(output_content)
            if self.search is not None:
                self.search.record(template_name, output_content)
        return output_content

    def on_page_content(self, html_text: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        # A hand-written page may hold raw HTML; the CSP stops its scripts, but not a
        # <meta http-equiv> (a refresh sends readers elsewhere), so none is published.
        if page.file.generated_by or not _HTTP_EQUIV.search(html_text):
            return html_text
        self._refuse_http_equiv(page, _HTTP_EQUIV.search(page.markdown or ""))
        return _HTTP_EQUIV_TAG.sub("", html_text)

    def _refuse_http_equiv(self, page: Page, found: re.Match[str] | None) -> None:
        """Report a page that would carry a `<meta http-equiv>`, at `found` in its text."""
        source = page.markdown or ""
        line = source.count("\n", 0, found.start()) + 1 if found else 1
        column = found.start() - source.rfind("\n", 0, found.start()) if found else 1
        where = shown(Path(page.file.abs_src_path or page.file.src_uri), self.root)
        problem = Problem(where, line, column, "", "a page may not carry <meta http-equiv>: "
                          "it could send readers elsewhere; remove it"
                          + ("" if found else " (it comes from the page's front matter or "
                             "its template)"))
        log.error(str(problem))
        self.page_errors += 1  # the build fails before publishing (see on_post_build)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.dirty_build:
            log.info(f"briefing: rendered {self.rendered} changed page(s) of "
                     f"{self.pages_in_site}")
        if self.serving:
            self._settle_shape(config)
            if self.search is not None:
                self.search.build_in_background(Path(config.site_dir), _search_failed)
            return
        staging = self.staging
        site = staging.folder if staging is not None else Path(config.site_dir)
        if self.page_errors:
            raise PluginError(f"briefing: {self.page_errors} error(s) in content; nothing was "
                              "published and the site folder was left as it was")
        if self.search is not None:
            try:
                self.search.build(site, staging.target / "pagefind" if staging else None)
            except (SearchIndexError, OSError) as error:
                cause = _fault(error, staging) if isinstance(error, OSError) else \
                    _as_published(" ".join(str(error).split()), staging)
                raise PluginError(f"briefing: the search index could not be built: {cause}; "
                                  "nothing was published and the site folder was left as it "
                                  "was") from None
        if staging is None or (config.strict and _warnings_counted()):
            return  # MkDocs aborts a strict build with warnings next: publish nothing
        try:
            staging.publish()
        except BriefingError as error:
            raise PluginError(f"briefing: {error}") from None
        finally:
            config.site_dir = str(staging.target)
            self.staging = None
        # Only now: a build that stops earlier leaves the last site, of the last shape.
        self._settle_shape(config)
        log.info(f"Published the site to {staging.target}")

    # Last of all plugins, so every other plugin has seen the error it replaces.
    @event_priority(-100)
    def on_build_error(self, *, error: Exception) -> None:
        target = self._discard_staging()
        if isinstance(error, OSError):
            raise PluginError(f"briefing: {_fault(error, target)}; nothing was published and "
                              "the site folder was left as it was") from None

    def _settle_shape(self, config: MkDocsConfig) -> None:
        """Remember the shape of the site just published, for the next dirty build."""
        if self.store is not None and self.shape is not None:
            self.store.remember(self.shape, Path(config.site_dir))

    def _open_store(self, site: Path) -> None:
        """The page store for the site folder this build writes (see `pagestore`)."""
        if self.store is None or self.store_site != site:
            self._drop_store()
            self.store = PageStore.for_site(self.cache_dir, site)
            self.store_site = site

    def _backing(self, path: str, text: str) -> Path | None:
        """The file in the page store whose date is that of the last change of generated
        page `path` (see `pagestore`), if there is a store."""
        if self.store is None:
            return None
        try:
            return self.store.source(path, text)
        except OSError as error:
            self._lose_store(error)
            return None

    def _lose_store(self, error: OSError) -> None:
        """Build without the page store when it cannot be written (a full cache disk):
        this build is a full one, and so is the next dirty one, as the store is gone."""
        log.info(f"briefing: pages are rendered in full this time: {_fault(error, None)}")
        if self.store is not None:
            self.store.remove()
        self.store = None
        self.clean_first = self.dirty_build
        self.dirty_build = False

    def _drop_store(self) -> None:
        if self.store is not None and self.cache_dir is None:
            self.store.remove()  # a store of this process only
        self.store = None

    def on_shutdown(self) -> None:
        if self.restore_ctrl_c is not None:
            self.restore_ctrl_c()
            self.restore_ctrl_c = None
        self._clean_up()

    def _clean_up(self) -> None:
        """Leave nothing of this run behind but the site (and the cache)."""
        if self.search is not None:
            self.search.stop_background()  # before MkDocs removes the preview's folder
        self._drop_store()
        if self.serve_build is not None:
            self.serve_build.restore()
            self.serve_build = None
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

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer:
        assert self.loader is not None
        docs = Path(config.docs_dir).resolve()
        for folder in (self.loader.content_dir, self.loader.seeds_dir):
            if folder.exists() and docs not in (folder, *folder.parents):
                server.watch(str(folder))
        if self.keeper is None:
            # As given to server.watch, so the keeper recognises the server's own watches.
            self.keeper = WatchKeeper(server, [Path(config.docs_dir), self.loader.content_dir,
                                               self.loader.seeds_dir])
        if self.serve_build is None:
            self.serve_build = _DirtyRebuilds()
        return server


def _site(config: MkDocsConfig) -> Site:
    """The facts about the site that its feed and JSON-LD need, from mkdocs.yml."""
    return Site.of(config.site_name, config.site_url, config.site_description,
                   config.site_author, config.theme.get("language"))


_ATTRIBUTE = r"""[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?"""
_HTTP_EQUIV = re.compile(rf"<meta(?:\s+{_ATTRIBUTE})*?\s+http-equiv\s*=", re.I)
"""A `<meta>` with an `http-equiv` attribute (not the words in another's value)."""
_HTTP_EQUIV_TAG = re.compile(rf"""<meta(?:\s+{_ATTRIBUTE})*?\s+http-equiv\s*=\s*"""
                             rf"""(?:"[^"]*"|'[^']*'|[^\s"'>]+)(?:\s+{_ATTRIBUTE})*\s*/?>""", re.I)


def _fault(error: OSError, staging: Staging | None) -> str:
    """An OS error in one line, naming the path as the user knows it (the site, not the
    staging folder it was being built in) and the cause."""
    cause = error.strerror or str(error)
    # A failed copy names its source first and its target second: the target is the news.
    name = error.filename2 or error.filename
    if not name:
        where = staging.target if staging is not None else "the site"
        return f"{where}: {cause}"
    return f"{_as_published(os.fsdecode(name), staging)}: {cause}"


def _as_published(text: str, staging: Staging | None) -> str:
    """`text` with the staging folder's path written as the site's, which users know."""
    if staging is None:
        return text
    return text.replace(str(staging.folder), str(staging.target))


def _warnings_counted() -> bool:
    """Whether MkDocs has counted a warning that will abort this strict build."""
    return any(handler.get_counts() for handler in logging.getLogger("mkdocs").handlers
               if isinstance(handler, CountHandler))


class _DirtyRebuilds:
    """Under `mkdocs serve`, every rebuild after the first is a dirty one: MkDocs renders
    only the pages whose text changed (see `pagestore`), and the plugin makes sure that
    gives the same site as a full build. MkDocs 1.6 offers no setting for this, so its
    serve command's reference to `build` is wrapped while the server runs."""

    def __init__(self) -> None:
        import mkdocs.commands.serve as serve_command

        self.module = serve_command
        self.full = serve_command.build
        self.dirty = False

        def build(config: MkDocsConfig, *, serve_url: str | None = None,
                  dirty: bool = False) -> None:
            self.dirty = True
            try:
                self.full(config, serve_url=serve_url, dirty=True)
            finally:
                self.dirty = False

        serve_command.build = build

    def restore(self) -> None:
        self.module.build = self.full


_UNSHAPED = {"site_dir", "dev_addr", "strict", "watch", "config_file_path", "remote_branch",
             "remote_name", "theme", "plugins"}
"""Settings that change no page (`site_dir` is a new staging folder every build)."""


def _configuration(config: MkDocsConfig) -> object:
    """The settings pages depend on, as MkDocs resolved them (`!ENV`, `INHERIT`)."""
    values: dict[str, object] = {k: v for k, v in config.items() if k not in _UNSHAPED}
    values["theme"] = [config.theme.name, config.theme.dirs, dict(config.theme)]
    values["plugins"] = {name: _plugin_settings(plugin) for name, plugin in config.plugins.items()}
    return _plain(values)


def _unshare(config: MkDocsConfig, files: Files) -> None:
    """Remove from a staging folder linked to the live site (see `Staging.begin`) every file
    that MkDocs writes from here on (on_env comes just before its first write), so that it
    writes new files instead of writing into the live site's."""
    site = Path(config.site_dir)
    written = [Path(f.abs_dest_path) for f in files if f.is_modified()]
    written += [site / name for name in config.theme.static_templates]
    written += [site / "sitemap.xml.gz"]  # written with sitemap.xml
    for name in config.extra_templates:
        template = files.get_file_from_path(name)
        if template is not None:
            written.append(Path(template.abs_dest_path))
    for path in written:
        path.unlink(missing_ok=True)


def _plugin_settings(plugin: object) -> object:
    """A plugin's options; for a hooks file (a module, with no options), its source."""
    settings = getattr(plugin, "config", None)
    if isinstance(settings, Mapping):
        return dict(settings)
    source = getattr(plugin, "__file__", None)
    return Path(source).read_text(encoding="utf-8", errors="replace") if source else None


def _plain(value: object) -> object:
    """`value` with its sets sorted, so its JSON is the same in every process."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(str(v) for v in value)
    return value


def _builders() -> list[str]:
    """The versions of what turns Markdown into pages, and the generator's own code."""
    versions = []
    for name in ("mkdocs", "properdocs", "mkdocs-material", "markdown", "jinja2"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions.append(f"{name} {metadata.version(name)}")
    return [*versions, code_digest()]


def _front_title(text: str) -> str:
    """The title in a generated page's front matter (JSON, as `render` writes it)."""
    import json

    match = re.search(r"^title: (.*)$", text, re.M)
    return str(json.loads(match.group(1))) if match else ""


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


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    """Drop MkDocs' warning that a dirty build may leave navigation wrong: this plugin
    renders again every page a full build would change (see `pagestore`)."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _not_an_os_error_of_a_page(record: logging.LogRecord) -> bool:
    """Drop MkDocs' own "Error building page 'x': [Errno 28] ..." line: `on_build_error`
    reports the same fault in the one-line format, naming the site rather than the
    staging folder."""
    message = record.getMessage()
    return not (message.startswith(("Error building page", "Error reading page"))
                and "[Errno " in message)


logging.getLogger("mkdocs.commands.build").addFilter(_not_an_os_error_of_a_page)
logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)



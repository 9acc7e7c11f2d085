"""Dirty builds that give exactly a full build's site.

In a dirty build (`mkdocs build --dirty`, and every rebuild under `mkdocs serve`,
see `internals.DirtyRebuilds`) MkDocs renders again only the pages whose source
is newer than what it wrote last time. Each generated page therefore has a file
in the page store (see `page_store`), rewritten only when the page's text
changes, and MkDocs compares that file's date. Everything else a page depends on
(the set of files, the nav, the settings as MkDocs resolved them, the theme, the
versions of the builders and of the generator) is the site's *shape*: when it
differs from the shape of the site last published, the dirty build becomes a full
one, from an empty site folder. A page MkDocs skips still needs its title for the
other pages' navigation; it is given the one in its front matter.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.utils import clean_directory

from generator.build.cache import code_digest
from generator.mkdocs.config import log
from generator.mkdocs.internals import files_mkdocs_writes, is_skipped, title_skipped_page
from generator.mkdocs.page_store import PageStore, signature
from generator.publish.staging import describe_fault

_UNSHAPED = {"site_dir", "dev_addr", "strict", "watch", "config_file_path", "remote_branch",
             "remote_name", "theme", "plugins"}
"""Settings that change no page (`site_dir` is a new staging folder every build)."""
_BUILDERS = ("mkdocs", "properdocs", "mkdocs-material", "markdown", "jinja2")
"""The packages that turn Markdown into pages: a new version, a new shape."""


class DirtyBuilds:
    """The page store and the shape of one site folder's builds, across the builds of one
    process (every rebuild of a `mkdocs serve` session)."""

    def __init__(self) -> None:
        self.cache_dir: Path | None = None
        self.store: PageStore | None = None
        """The generated pages on disk (see `page_store`), for the site folder `site`."""
        self.site: Path | None = None
        self.dirty = False
        """Whether MkDocs builds only what changed this time."""
        self.clean_first = False
        """A dirty build that lost its page store: it starts from an empty site folder."""
        self.shape: str | None = None
        self.rendered = 0
        """Pages MkDocs rendered in this build."""
        self.pages_in_site = 0

    def reset(self, cache_dir: Path | None) -> None:
        """Start afresh with the build cache in `cache_dir` (the settings changed)."""
        self.drop()  # while cache_dir still says where the old store was
        self.cache_dir = cache_dir

    def begin(self, site: Path, *, dirty: bool) -> None:
        """A build of the site folder `site` starts; `dirty` if MkDocs builds only what
        changed."""
        self.dirty = dirty
        self.clean_first = False
        self.rendered = 0
        if self.store is None or self.site != site:
            self.drop()
            self.store = PageStore.for_site(self.cache_dir, site)
            self.site = site
        self.store.changed = set()

    def page_file(self, path: str, text: str) -> Path | None:
        """The file in the page store whose date is that of the last change of generated
        page `path`, if there is a store: MkDocs is told the page comes from it."""
        if self.store is None:
            return None
        try:
            return self.store.source(path, text)
        except OSError as error:
            self._lose_store(error)
            return None

    def shape_up(self, nav: Navigation, config: MkDocsConfig, files: Files, *,
                 pages: Mapping[str, str], sections: Mapping[str, str], theme_files: set[str],
                 several: bool, live: Path) -> None:
        """Work out the site's shape; in a dirty build, have MkDocs render again every page
        whose output would differ from a full build's, and give the pages it skips the
        titles that other pages' navigation shows. `pages` are the generated pages'
        texts, `sections` each briefing's nav section title, `live` the folder readers
        (or the preview) see."""
        custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        theme = sorted((f, (custom / f).stat().st_mtime_ns) for f in theme_files) \
            if custom is not None else []
        # Hand-written pages by date too: their titles, which every page's nav shows, are
        # read only as MkDocs renders them, after this.
        written = [f for f in files.documentation_pages() if not f.generated_by]
        self.shape = signature([
            sorted((f.src_uri, f.dest_uri) for f in files),
            sorted((f.src_uri, Path(f.abs_src_path).stat().st_mtime_ns)
                   for f in written if f.abs_src_path),
            [(item.title, getattr(item, "url", None)) for item in nav.items],
            dict(sections), _configuration(config), theme, several, _builders(),
        ])
        self.pages_in_site = len(files.documentation_pages())
        store = self.store
        if self.clean_first:
            self.clean_first = False
            clean_directory(config.site_dir)  # what MkDocs would skip may be stale
        if not self.dirty or store is None:
            return
        if store.previous(live) != self.shape:
            # Files, nav, configuration or theme changed: what MkDocs skips would be stale,
            # so this build becomes a full one, from an empty site folder.
            clean_directory(config.site_dir)
            return
        for path, text in pages.items():
            if path in store.changed or not path.endswith(".md"):
                continue
            skipped = files.get_file_from_path(path)
            if skipped is not None and skipped.page is not None and is_skipped(skipped.page):
                title_skipped_page(skipped.page, _front_title(text))
        # The titles of hand-written pages come from their first heading, known only once
        # rendered: they are few, so MkDocs renders them every time (it renders a page
        # whose output is missing).
        for file in written:
            Path(file.abs_dest_path).unlink(missing_ok=True)

    def report(self) -> None:
        """Say how many pages a dirty build rendered."""
        if self.dirty:
            log.info(f"briefing: rendered {self.rendered} changed page(s) of "
                     f"{self.pages_in_site}")

    def settle(self, site: Path) -> None:
        """Remember the shape of the site just published in `site`, for the next build."""
        if self.store is not None and self.shape is not None:
            self.store.remember(self.shape, site)

    def drop(self) -> None:
        """Let go of the page store, removing it if it was this process's own."""
        if self.store is not None and self.cache_dir is None:
            self.store.remove()
        self.store = None

    def _lose_store(self, error: OSError) -> None:
        """Build without the page store when it cannot be written (a full cache disk):
        this build is a full one, and so is the next dirty one, as the store is gone."""
        log.info(f"briefing: pages are rendered in full this time: "
                 f"{describe_fault(error, None)}")
        if self.store is not None:
            self.store.remove()
        self.store = None
        self.clean_first = self.dirty
        self.dirty = False


def unshare(config: MkDocsConfig, files: Files) -> None:
    """Remove from a staging folder linked to the live site (see `Staging.begin`) every file
    that MkDocs writes from here on (on_env comes just before its first write), so that it
    writes new files instead of writing into the live site's."""
    for path in files_mkdocs_writes(config, files):
        path.unlink(missing_ok=True)


def _configuration(config: MkDocsConfig) -> object:
    """The settings pages depend on, as MkDocs resolved them (`!ENV`, `INHERIT`)."""
    values: dict[str, object] = {k: v for k, v in config.items() if k not in _UNSHAPED}
    values["theme"] = [config.theme.name, config.theme.dirs, dict(config.theme)]
    values["plugins"] = {name: _plugin_settings(plugin) for name, plugin in config.plugins.items()}
    return _plain(values)


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
    for name in _BUILDERS:
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions.append(f"{name} {metadata.version(name)}")
    return [*versions, code_digest()]


def _front_title(text: str) -> str:
    """The title in a generated page's front matter (JSON, as `render` writes it)."""
    match = re.search(r"^title: (.*)$", text, re.M)
    return str(json.loads(match.group(1))) if match else ""


"""Dirty builds that give exactly a full build's site.

In a dirty build (`mkdocs build --dirty`, and every rebuild under `mkdocs serve`,
see `internals.DirtyRebuilds`) MkDocs writes again only what changed, and it
judges that by file dates, which `cp -p`, `git checkout`, builds that overlap and
clocks that step back all make wrong. Here it is judged by content: every file
of the site is recorded with a hash of what it was made from (a generated page's
text, a static file's bytes), and a dirty build writes again exactly the files
whose hash differs from the one recorded for the site it starts from, telling
MkDocs so file by file (`internals.decide_written`); hand-written pages, whose
titles other pages show, are always rendered. A file written again is first
removed from the staging folder, which starts as hard links to the live site, so
nothing is ever written through a link into it.

Everything else a page depends on (the set of files, the nav, the settings as
MkDocs resolved them, the theme, the versions of the builders and of the
generator) is the site's *shape*: when it differs from the shape of the site last
published, the dirty build becomes a full one, from an empty site folder. What is
recorded belongs to the very folder a build published (see `site_record`), so a
build that publishes an older state later than a newer one (two builds that
overlap) is what the next dirty build starts from. A page MkDocs skips still
needs its title for the other pages' navigation; it is given the one in its
front matter.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.utils import clean_directory

from generator.build.cache import code_digest
from generator.build.result import text_digest
from generator.mkdocs.config import log
from generator.mkdocs.internals import decide_written, files_mkdocs_writes, title_skipped_page
from generator.mkdocs.site_record import Published, SiteRecord, folder_identity, signature

_UNSHAPED = {"site_dir", "dev_addr", "strict", "watch", "config_file_path", "remote_branch",
             "remote_name", "theme", "plugins"}
"""Settings that change no page (`site_dir` is a new staging folder every build)."""
_BUILDERS = ("mkdocs", "properdocs", "mkdocs-material", "markdown", "jinja2")
"""The packages that turn Markdown into pages: a new version, a new shape."""


class DirtyBuilds:
    """The record and the shape of one site folder's builds, across the builds of one
    process (every rebuild of a `mkdocs serve` session)."""

    def __init__(self) -> None:
        self.cache_dir: Path | None = None
        self.store: SiteRecord | None = None
        """What the site last published in the site folder `site` was made from."""
        self.site: Path | None = None
        self.dirty = False
        """Whether MkDocs builds only what changed this time."""
        self.shape: str | None = None
        self.rendered = 0
        """Pages MkDocs rendered in this build."""
        self.pages_in_site = 0
        self.built: dict[str, str] = {}
        """What each file of this build is made from (see `site_record.Published`)."""
        self.copied: list[File] = []
        """The static files this build copies, whose copies are hashed once published."""

    def reset(self, cache_dir: Path | None) -> None:
        """Start afresh with the build cache in `cache_dir` (the settings changed)."""
        self.drop()  # while cache_dir still says where the old store was
        self.cache_dir = cache_dir

    def begin(self, site: Path, *, dirty: bool) -> None:
        """A build of the site folder `site` starts; `dirty` if MkDocs builds only what
        changed."""
        self.dirty = dirty
        self.rendered = 0
        if self.store is None or self.site != site:
            self.drop()
            self.store = SiteRecord.for_site(self.cache_dir, site)
            self.site = site

    def arrived(self, file: File, text: str, digest: str | None = None) -> None:
        """A generated file whose text (whose `text_digest`, if known) was not there when
        the site's shape was worked out (`shape_up` took it for one written every build)
        has come: what it is made from is recorded, as for any other."""
        self.built[file.dest_uri] = digest or text_digest(text)

    def shape_up(self, nav: Navigation, config: MkDocsConfig, files: Files, *,
                 pages: Mapping[str, str], digests: Mapping[str, str],
                 sections: Mapping[str, str], theme_files: set[str], several: bool,
                 live: Path) -> None:
        """Work out the site's shape and what each file is made from; in a dirty build,
        have MkDocs write again every file whose output would differ from a full build's,
        and give the pages it skips the titles that other pages' navigation shows.
        `pages` are the generated pages' texts (`digests` the `text_digest` of those whose
        hash came with them), `sections` each briefing's nav section
        title, `live` the folder readers (or the preview) see."""
        custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        theme = sorted((f, _file_digest(custom / f)) for f in theme_files) \
            if custom is not None else []
        # Hand-written pages by content too: their titles, which every page's nav shows,
        # are read only as MkDocs renders them, after this.
        written = [f for f in files.documentation_pages() if not f.generated_by]
        self.shape = signature([
            sorted((f.src_uri, f.dest_uri) for f in files),
            sorted((f.src_uri, _file_digest(Path(f.abs_src_path)))
                   for f in written if f.abs_src_path),
            [(item.title, getattr(item, "url", None)) for item in nav.items],
            dict(sections), _configuration(config), theme, several, _builders(),
        ])
        self.pages_in_site = len(files.documentation_pages())
        self.built = {}
        self.copied = []
        for file in files:
            digest = _made_from(file, pages, digests)
            if digest is not None:
                self.built[file.dest_uri] = digest
        store = self.store
        previous = store.previous(live) if self.dirty and store is not None else None
        if previous is None or previous.shape != self.shape:
            # A full build, or files, nav, configuration or theme changed: what a dirty
            # build skips would be stale, so it becomes a full one, from an empty folder.
            if self.dirty:
                clean_directory(config.site_dir)
            self.copied = [f for f in files if f.dest_uri in self.built and not f.page]
            return
        for file in files:
            digest = self.built.get(file.dest_uri)
            if digest is None:
                continue  # generated from memory, or a hand-written page: always written
            # os.path on the string: a Path's is_file for each of 11,500 files took 0.23 s
            # of every rebuild at 300 briefings, this 0.08 s.
            same = previous.built.get(file.dest_uri) == digest \
                and os.path.isfile(file.abs_dest_path)  # noqa: PTH113
            if not same:
                # A new file, not a write into a linked one.
                Path(file.abs_dest_path).unlink(missing_ok=True)
                if file.page is None:
                    self.copied.append(file)
            decide_written(file, not same)
            if same and file.page is not None:
                title_skipped_page(file.page, _front_title(pages[file.src_uri]))
        # The titles of hand-written pages come from their first heading, known only once
        # rendered: they are few, so MkDocs renders them every time.
        for file in written:
            Path(file.abs_dest_path).unlink(missing_ok=True)
            decide_written(file, True)

    def report(self) -> None:
        """Say how many pages a dirty build rendered."""
        if self.dirty:
            log.info(f"briefing: rendered {self.rendered} changed page(s) of "
                     f"{self.pages_in_site}")

    def settle(self, site: Path, identity: list[int] | None = None) -> None:
        """Remember the shape and files of the site just published in `site`, for the next
        build; `identity` is the `folder_identity` the published folder had when it was
        put in place (by default, `site`'s now)."""
        if self.store is None or self.shape is None:
            return
        built = dict(self.built)
        for file in self.copied:  # what was copied, even if its source changed meanwhile
            digest = _file_digest(site / file.dest_uri)
            if digest is None:
                built.pop(file.dest_uri, None)
            else:
                built[file.dest_uri] = digest
        self.store.remember(Published(self.shape, built),
                            identity if identity is not None else folder_identity(site))

    def drop(self) -> None:
        """Let go of the record, removing it if it was this process's own."""
        if self.store is not None and self.cache_dir is None:
            self.store.remove()
        self.store = None


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


def _made_from(file: File, pages: Mapping[str, str], digests: Mapping[str, str]) -> str | None:
    """A hash of what `file` is made from: a generated page's text, a static file's bytes;
    None for a file written every build (generated from memory, or a hand-written page)."""
    text = pages.get(file.src_uri) if file.generated_by else None
    if text is not None:
        return digests.get(file.src_uri) or text_digest(text)
    if file.page is not None or file.generated_by or not file.abs_src_path:
        return None
    return _file_digest(Path(file.abs_src_path))


def _file_digest(path: Path) -> str | None:
    """A hash of the bytes of the file at `path`, or None if it cannot be read."""
    try:
        with path.open("rb") as source:
            return hashlib.file_digest(source, "sha256").hexdigest()
    except OSError:
        return None


def _front_title(text: str) -> str:
    """The title in a generated page's front matter (JSON, as `render` writes it)."""
    match = re.search(r"^title: (.*)$", text, re.M)
    return str(json.loads(match.group(1))) if match else ""


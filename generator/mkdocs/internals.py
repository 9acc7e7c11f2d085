"""Every place the plugin reaches into MkDocs beyond its plugin API, and why.

MkDocs 1.6.1 is MkDocs' last release, so what is used here will not change under
the plugin; still, `tests/test_mkdocs_internals.py` fails loudly if any of it is
not where and what this module expects (a fork such as ProperDocs could move it).

- Dirty rebuilds under serve. MkDocs 1.6.1 has `mkdocs serve --dirty`, which makes
  every build of the session a dirty one, but only when the editor remembers the
  flag, and a plugin has no public way to ask for it. This plugin makes a dirty
  build give exactly a full build's site (see `dirty`), so it asks for dirty
  rebuilds itself: while the server runs, serve's reference to `build` is wrapped
  (`DirtyRebuilds`). With `--dirty` given, the wrap changes nothing.
- MkDocs' log. A strict build counts warnings with a `CountHandler` on the `mkdocs`
  logger and aborts after `on_post_build` if it counted any. The plugin needs to
  know before it publishes whether that will happen (`warnings_counted`), and a
  briefing past its review date is a warning that must not count
  (`stop_counting_stale_warnings`): MkDocs offers neither. Two of MkDocs' own
  messages are dropped, matched by their words (`quiet_build_log`): the warning
  that a dirty build may leave navigation wrong (this plugin renders again every
  page a full build would change), and "Error building page" for a fault the
  plugin reports itself in the one-line format.
- What a dirty build skips and writes. MkDocs decides by file dates, which `cp -p`,
  `git checkout`, overlapping builds and clocks that step back all make wrong; its
  `File.is_modified` is what it asks, so the plugin answers it for each file, by
  content (`decide_written`). A page MkDocs skips is neither read nor rendered, its
  `markdown` left unset; other pages' navigation still needs its title
  (`title_skipped_page`). And
  the plugin must know which files MkDocs will write, to unlink them first from a
  staging folder that starts as hard links to the live site (`files_mkdocs_writes`).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from generator.render.page_table import SITEMAP

DIRTY_WARNING = "A 'dirty' build is being performed"
"""The start of MkDocs' warning about dirty builds (mkdocs/commands/build.py)."""
PAGE_ERRORS = ("Error building page", "Error reading page")
"""The starts of MkDocs' own log lines for a page that failed (mkdocs/commands/build.py)."""
_BUILD_LOG = "mkdocs.commands.build"


class DirtyRebuilds:
    """Under `mkdocs serve`, every rebuild after the first is a dirty one: while this is in
    place, serve's `build` is called with `dirty=True`, and `dirty` says that a rebuild
    under way is one."""

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
        """Put serve's own `build` back."""
        self.module.build = self.full


def decide_written(file: File, written: bool) -> None:
    """Have a dirty build write `file` (`written`), or leave the site's copy as it is,
    whatever the dates of its source and of that copy say: MkDocs asks
    `File.is_modified`, which compares them, before it reads a page, renders it or copies
    a file, and the plugin decides by content instead (see `dirty`)."""
    file.is_modified = (lambda: True) if written else (lambda: False)  # type: ignore[method-assign]


def title_skipped_page(page: Page, title: str) -> None:
    """Give a page a dirty build skipped the title that the other pages' navigation
    shows (MkDocs takes a page's title from its meta once it has markdown)."""
    page.markdown, page.meta = "", {"title": title}


def files_mkdocs_writes(config: MkDocsConfig, files: Files) -> list[Path]:
    """The files in the site folder that MkDocs writes from `on_env` on, in a dirty build:
    its files that changed, the theme's static templates (the sitemap with its .gz
    twin) and the extra templates."""
    site = Path(config.site_dir)
    written = [Path(f.abs_dest_path) for f in files if f.is_modified()]
    written += [site / name for name in config.theme.static_templates]
    written += [site / name for name in SITEMAP]
    for name in config.extra_templates:
        template = files.get_file_from_path(name)
        if template is not None:
            written.append(Path(template.abs_dest_path))
    return written


def warnings_counted() -> bool:
    """Whether MkDocs has counted a warning that will abort this strict build."""
    return any(handler.get_counts() for handler in _counters())


def stop_counting_stale_warnings() -> None:
    """Keep review-date warnings (logged with `extra={"briefing_stale": True}`) out of
    `--strict`'s count: the calendar moving must not break a build."""
    for handler in _counters():
        if _not_stale not in handler.filters:
            handler.addFilter(_not_stale)


def quiet_build_log() -> None:
    """Drop MkDocs' dirty-build warning and its own lines for a page's OS error."""
    log = logging.getLogger(_BUILD_LOG)
    for log_filter in (_not_the_dirty_warning, _not_an_os_error_of_a_page):
        if log_filter not in log.filters:
            log.addFilter(log_filter)


def _counters() -> list[Any]:
    # ProperDocs (MkDocs' fork) answers imports of `mkdocs` with itself, and counts on its
    # own logger: `CountHandler`'s package names it.
    names = dict.fromkeys(("mkdocs", CountHandler.__module__.split(".")[0]))
    return [handler for name in names for handler in logging.getLogger(name).handlers
            if isinstance(handler, CountHandler)]


def _not_stale(record: logging.LogRecord) -> bool:
    return not getattr(record, "briefing_stale", False)


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith(DIRTY_WARNING)


def _not_an_os_error_of_a_page(record: logging.LogRecord) -> bool:
    """`on_build_error` reports the same fault in the one-line format, naming the site
    rather than the staging folder."""
    message = record.getMessage()
    return not (message.startswith(PAGE_ERRORS) and "[Errno " in message)

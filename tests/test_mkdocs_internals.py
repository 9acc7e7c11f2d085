"""What the plugin reaches for past MkDocs' plugin API (generator/mkdocs/internals.py) is
where it is and what it was: these fail loudly, naming the piece, if MkDocs (or a fork
that serves MkDocs' modules, such as ProperDocs) changes it."""

from __future__ import annotations

import inspect
import logging

import mkdocs.commands.build as build_command
import mkdocs.commands.serve as serve_command
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from generator.mkdocs import internals


def test_serve_rebuilds_by_calling_the_build_it_imported_with_a_dirty_flag() -> None:
    assert serve_command.build is build_command.build
    parameters = inspect.signature(build_command.build).parameters
    assert list(parameters) == ["config", "serve_url", "dirty"]
    assert parameters["dirty"].kind is inspect.Parameter.KEYWORD_ONLY
    assert "build(config, serve_url=" in inspect.getsource(serve_command.serve)


def test_dirty_rebuilds_wrap_serves_build_while_the_server_runs() -> None:
    rebuilds = internals.DirtyRebuilds()
    try:
        assert serve_command.build is not build_command.build
        assert not rebuilds.dirty
    finally:
        rebuilds.restore()
    assert serve_command.build is build_command.build


def test_a_strict_build_counts_warnings_with_a_count_handler_on_mkdocs_logger() -> None:
    source = inspect.getsource(build_command.build)
    assert "CountHandler()" in source and "logging.getLogger('mkdocs')" in source
    handler = CountHandler()
    handler.setLevel(logging.WARNING)
    handler.handle(logging.LogRecord("mkdocs", logging.WARNING, "", 0, "x", None, None))
    assert handler.get_counts() == [("WARNING", 1)]


def test_the_log_lines_the_plugin_drops_are_mkdocs_own() -> None:
    source = inspect.getsource(build_command)
    assert internals.DIRTY_WARNING in source
    for start in internals.PAGE_ERRORS:
        assert f"f\"{start} '" in source


def test_a_dirty_build_asks_each_file_whether_to_write_it_as_the_plugin_answers() -> None:
    """MkDocs reads, renders and copies a file in a dirty build only if its
    `is_modified()` says so; the plugin answers it per file, by content."""
    assert "if dirty and not page.file.is_modified():" in \
        inspect.getsource(build_command._populate_page)
    assert "if dirty and not page.file.is_modified():" in \
        inspect.getsource(build_command._build_page)
    assert "if dirty and not self.is_modified():" in inspect.getsource(File.copy_file)
    file = File("a.png", "/nowhere", "/site", use_directory_urls=True)
    internals.decide_written(file, False)
    assert file.is_modified() is False
    internals.decide_written(file, True)
    assert file.is_modified() is True


def test_a_dirty_build_leaves_a_page_it_skips_unread_and_titles_it_from_its_meta() -> None:
    populate = inspect.getsource(build_command._populate_page)
    assert "if dirty and not page.file.is_modified():\n            return" in populate
    import mkdocs.structure.pages as pages

    assert "self.markdown = None" in inspect.getsource(Page.__init__)
    assert "if 'title' in self.meta:\n            return self.meta['title']" in \
        inspect.getsource(pages)


def test_mkdocs_writes_what_the_plugin_unlinks_from_a_linked_staging_folder() -> None:
    source = inspect.getsource(build_command.build)
    assert "files.copy_static_files(dirty=dirty" in source
    assert "for template in config.theme.static_templates:" in source
    assert "for template in config.extra_templates:" in source

"""What MkDocs and the theme may read and publish, held to the generator's checks.

MkDocs walks docs_dir and the theme's custom_dir itself, following links, and
publishes what it finds. The plugin walks both first (`build.inputs`), and here
drops from MkDocs' list of files every file that walk did not clear. A
hand-written page may hold raw HTML: the Content-Security-Policy stops its
scripts, but not a `<meta http-equiv>` (a refresh sends readers elsewhere), so no
page is published with one, and the page is reported where the tag is.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.base.paths import shown
from generator.base.problems import Problem
from generator.build.inputs import Inputs
from generator.publish.csp import find_http_equiv


def keep_to_inputs(files: Files, config: MkDocsConfig, inputs: Inputs) -> None:
    """Drop from `files` every file of docs_dir and of the theme's custom_dir that the
    walk of those folders did not clear (YAML, whose export is briefing.json, and
    anything refused)."""
    docs = Path(config.docs_dir).resolve()
    custom = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
    folders: dict[str, Path] = {}
    for file in list(files):
        if file.generated_by or file.src_dir is None:
            continue
        if file.src_dir not in folders:
            folders[file.src_dir] = Path(file.src_dir).resolve()
        source = folders[file.src_dir]
        if (source == docs and file.src_uri not in inputs.published) \
                or (source == custom and file.src_uri not in inputs.theme_files):
            files.remove(file)


def http_equiv_problem(page: Page, root: Path, *, in_text: bool) -> Problem:
    """The problem of a hand-written page that would carry a `<meta http-equiv>`: where
    its text holds it (`in_text`), or put there by its front matter or template."""
    source = page.markdown or ""
    found = find_http_equiv(source) if in_text else None
    line = source.count("\n", 0, found.start()) + 1 if found else 1
    column = found.start() - source.rfind("\n", 0, found.start()) if found else 1
    where = shown(Path(page.file.abs_src_path or page.file.src_uri), root)
    return Problem(where, line, column, "", "a page may not carry <meta http-equiv>: it could "
                   "send readers elsewhere; remove it"
                   + ("" if found else " (it comes from the page's front matter or its "
                      "template)"))

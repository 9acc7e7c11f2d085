"""Everything a build checks before it writes anything, in one place for `check` and the plugin.

`python -m generator check` and `mkdocs build` must agree: both load every briefing
(`pipeline`), walk the folders a builder walks (`inputs`) and print the problems in
the one order (`base.problems.in_order`), with the same settings (`base.settings`).
They differ only in what they do next: the command prints a count, the plugin
renders, previews or stops the build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from generator.base.problems import BriefingError, Problem, in_order
from generator.base.settings import Folders, Settings
from generator.build.inputs import Inputs, check_inputs, misplaced_cache, misplaced_site
from generator.build.pipeline import Content, ContentLoader


class MisplacedFolderError(BriefingError):
    """The cache folder lies where the build reads or publishes, or the site folder where
    publishing would delete what the build reads or a user keeps; the message is the
    located problem."""


@dataclass
class SiteCheck:
    """What checking a whole site found."""

    content: Content
    inputs: Inputs
    problems: list[Problem]
    """Every problem, of the content, of the folders and any given besides, in order."""


def check_site(loader: ContentLoader, folders: Folders, settings: Settings, today: dt.date, *,
               only: set[str] | None = None, render: bool = False, workers: int = 1,
               defer_pages: bool = False, besides: Iterable[Problem] = ()) -> SiteCheck:
    """Load (and, with `render`, render: see `ContentLoader.load`) every briefing of
    `loader`, or those in `only`, and walk the folders a builder walks. Raises
    `MisplacedFolderError` if the cache or the site folder is misplaced (see `inputs`),
    before anything is read, and `BriefingError` if building the briefings fails as a
    whole."""
    misplaced = misplaced_cache(folders) or misplaced_site(folders)
    if misplaced is not None:
        raise MisplacedFolderError(str(misplaced))
    content = loader.load(today, only=only, render=render, workers=workers,
                          defer_pages=defer_pages)
    inputs = check_inputs(folders, settings.static_files)
    return SiteCheck(content, inputs,
                     in_order([*besides, *content.all_problems(), *inputs.problems]))

"""The folders a build reads besides the briefings, checked before any builder walks them.

MkDocs (or another builder) walks docs_dir and the theme's custom_dir and publishes
what it finds there, following links. So both are walked here first, without
following links (see `base.walks`): what must not be read at all (a link out of
the project, a pipe, such a folder configured outside the project) and files of
types that are never published are located problems, and the files that may be
published are listed for the builder to keep to. The cache folder may not lie
where the build reads or publishes. `check` and the plugin both run these checks,
so neither passes what the other refuses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.base.paths import is_within, shown
from generator.base.problems import Problem
from generator.base.settings import Folders
from generator.base.walks import Tree, file_role, folder_problem, unpublished, walk


@dataclass
class Inputs:
    """What walking docs_dir and the theme's custom_dir found."""

    unsafe: list[Problem] = field(default_factory=list)
    """What must not be read at all: a build that reads it must stop before the builder
    walks the folder (under serve, too)."""
    unpublished: list[Problem] = field(default_factory=list)
    """Files of docs_dir that match none of `static_files`: errors, but safe to walk."""
    published: set[str] = field(default_factory=set)
    """The files of docs_dir the builder may copy into the site (relative paths)."""
    theme_files: set[str] = field(default_factory=set)
    """The files of the theme's custom_dir it may copy."""

    @property
    def problems(self) -> list[Problem]:
        """Every problem found."""
        return [*self.unsafe, *self.unpublished]


def check_inputs(folders: Folders, static_files: Iterable[str]) -> Inputs:
    """Walk docs_dir and the theme's custom_dir of `folders`."""
    root, docs, custom = folders.root, folders.docs_dir, folders.theme_dir
    outside = [p for p in (folder_problem(docs, root, "docs_dir"),
                           custom and folder_problem(custom, root, "theme custom_dir")) if p]
    if outside:
        return Inputs(unsafe=outside)
    tree = walk(docs, root)
    theme = walk(custom, root) if custom is not None and custom.is_dir() else Tree()
    patterns = list(static_files)
    return Inputs([*tree.problems, *theme.problems],
                  unpublished(docs, root, tree.files, patterns),
                  {f for f in tree.files if file_role(f, patterns) in ("page", "static")},
                  set(theme.files))


def misplaced_cache(folders: Folders) -> Problem | None:
    """A problem if the cache folder lies where the build reads or publishes: its files
    would be published, or (under serve) set off rebuilds without end."""
    cache = folders.cache_dir
    if cache is None:
        return None
    places: dict[str, Path] = {"docs_dir": folders.docs_dir, "content_dir": folders.content_dir,
                               "seeds_dir": folders.seeds_dir, "site_dir": folders.site_dir}
    if folders.theme_dir is not None:
        places["the theme's custom_dir"] = folders.theme_dir
    for name, folder in places.items():
        if is_within(cache, folder):
            return Problem(shown(cache, folders.root), None, None, "", f"the cache folder "
                           f"lies inside {name}, where the build reads or publishes files; "
                           "set cache_dir to another folder")
    return None

"""The folders a build reads besides the briefings, checked before any builder walks them.

MkDocs (or another builder) walks docs_dir and the theme's custom_dir and publishes
what it finds there, following links. So both are walked here first, without
following links (see `base.walks`): what must not be read at all (a link out of
the project, a pipe, such a folder configured outside the project) and files of
types that are never published are located problems, and the files that may be
published are listed for the builder to keep to. The cache folder may not lie
where the build reads or publishes, and the site folder, which publishing replaces
whole, may not hold or lie in what the build reads, nor hold what a user keeps.
`check` and the plugin both run these checks, so neither passes what the other refuses.
"""

from __future__ import annotations

import os
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


SITE_MARKS = ("index.html", "404.html", "sitemap.xml")
"""Files at the top of every site MkDocs builds: a folder with one of them (or with
nothing but hidden files) is a built site, which publishing may replace."""


def misplaced_site(folders: Folders) -> Problem | None:
    """A problem if publishing into the site folder would delete what the build reads or
    what someone keeps there: publishing replaces the whole folder. The site folder may
    not be, hold or lie inside the project, docs_dir, content_dir, seeds_dir, the theme's
    custom_dir or the cache, and a folder that already holds files must be a built site
    (a folder of built files that git tracks, for GitHub Pages, is one)."""
    site, root = folders.site_dir, folders.root
    if is_within(root, site):
        return _misplaced_site(folders, "holds the project, mkdocs.yml included")
    inputs = _read_folders(folders)
    if folders.cache_dir is not None:
        inputs["the cache folder"] = folders.cache_dir
    for name, folder in inputs.items():
        if is_within(folder, site):
            how = "is" if is_within(site, folder) else "holds"
            return _misplaced_site(folders, f"{how} {name} ({shown(folder, root)})")
        if is_within(site, folder):
            return _misplaced_site(folders, f"lies inside {name} ({shown(folder, root)})")
    kept = _kept_files(site)
    if kept is not None:
        return _misplaced_site(folders, f"holds files that are not a built site (such as "
                                        f"{shown(kept, root)})")
    return None


def _misplaced_site(folders: Folders, why: str) -> Problem:
    return Problem(shown(folders.site_dir, folders.root), None, None, "",
                   f"the site folder {why}; publishing replaces the whole folder and would "
                   "delete them: set site_dir to another folder")


def _kept_files(site: Path) -> Path | None:
    """A file or folder of `site` that says it is not a built site, if it is not one."""
    try:
        entries = sorted(e.name for e in os.scandir(site) if not e.name.startswith("."))
    except (FileNotFoundError, NotADirectoryError):
        return None  # no folder yet, or a file, which publishing refuses on its own
    except OSError:
        return None  # unreadable: publishing says so, naming the folder
    if not entries or any(mark in entries for mark in SITE_MARKS):
        return None
    return site / entries[0]


def misplaced_cache(folders: Folders) -> Problem | None:
    """A problem if the cache folder lies where the build reads or publishes: its files
    would be published, or (under serve) set off rebuilds without end."""
    cache = folders.cache_dir
    if cache is None:
        return None
    places = _read_folders(folders, with_site=True)
    for name, folder in places.items():
        if is_within(cache, folder):
            return Problem(shown(cache, folders.root), None, None, "", f"the cache folder "
                           f"lies inside {name}, where the build reads or publishes files; "
                           "set cache_dir to another folder")
    return None


def _read_folders(folders: Folders, *, with_site: bool = False) -> dict[str, Path]:
    """The folders the build reads, by the names the messages give them (with the site
    folder, where it publishes, if `with_site`)."""
    read = {"docs_dir": folders.docs_dir, "content_dir": folders.content_dir,
            "seeds_dir": folders.seeds_dir}
    if with_site:
        read["site_dir"] = folders.site_dir
    if folders.theme_dir is not None:
        read["the theme's custom_dir"] = folders.theme_dir
    return read

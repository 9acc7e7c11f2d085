"""The project's input folders as the build may use them: nothing reached through a link
out of the project, no pipes or devices, and nothing published that a browser would run.

`content/`, `seeds/` and `overrides/` arrive with pull requests, and git commits
symbolic links: a link to `/proc/self/environ`, or to a folder of the build
machine, would otherwise be read, quoted in error messages or published. So each
folder is walked here without following links, before MkDocs (which does follow
them) walks it, and every entry the build must not use is a located problem.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.base.paths import hidden, is_within, shown
from generator.base.problems import Problem

PAGE_SUFFIXES = (".md",)
"""Files that MkDocs renders into pages (through the theme, with the CSP)."""
INPUT_SUFFIXES = (".yml", ".yaml")
"""Files that are read, never published: briefing.json is the export."""
STATIC_FILES = ("*.png", "*.jpg", "*.jpeg", "*.gif", "*.webp", "*.avif", "*.ico")
"""Other files in `content/` published as they are, by default: images only. A browser
never runs an image, not even one loaded with `<script src>` (it refuses image types as
scripts), whereas a `.html`, `.svg`, `.js` or even a `.txt` file could run script with the
site's own origin, which the Content-Security-Policy allows."""


@dataclass
class Tree:
    """What walking one folder found."""

    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    """Every usable file, as a path relative to the folder with slashes: regular files,
    and links to regular files inside the project."""


def walk(folder: Path, root: Path) -> Tree:
    """Every file under `folder` that the build may read, and a problem for each entry it
    may not: a link that leads out of the project, nowhere, or to a folder, and anything
    that is not a regular file. Names starting with a dot are skipped, as MkDocs and the
    loader skip them (editors keep lock files and backups there)."""
    tree = Tree()
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as error:
            tree.problems.append(Problem(shown(current, root), None, None, "",
                                         f"folder cannot be read: {error.strerror}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            problem = entry_problem(path, root)
            if problem is not None:
                tree.problems.append(problem)
            elif entry.is_dir(follow_symlinks=False):
                pending.append(path)
            else:
                tree.files.append(path.relative_to(folder).as_posix())
    tree.files.sort()
    tree.problems.sort(key=lambda p: p.file)
    return tree


def entry_problem(path: Path, root: Path) -> Problem | None:
    """Why the build may not use the entry at `path`, or None for a folder, a regular
    file, or a link to a regular file inside the project. The loader asks the same of
    each file it reads, so a file is refused in the same words wherever it is met."""
    def problem(message: str, line: int | None = 1) -> Problem:
        # The path as shown is worked out only for a problem: this runs on every file.
        return Problem(shown(path, root), line, line, "", message)

    if not utf8(path.name):
        return problem("name is not UTF-8, so no web address can hold it; "
                       "rename it")
    try:
        info = path.lstat()
    except OSError as error:
        return problem(f"file cannot be read: {error.strerror}")
    if stat.S_ISLNK(info.st_mode):
        if not is_within(path, root):
            return problem("link leads out of the project, and the build "
                           "never follows it there; put the file itself here instead")
        if hidden(path, root):
            return problem("link leads to a hidden file or folder of the "
                           "project (such as .git/), which is never published; put the file "
                           "itself here instead")
        try:
            info = path.stat()
        except OSError:
            return problem("link leads nowhere; remove it, or point it at a "
                           "file in the project")
        if stat.S_ISDIR(info.st_mode):
            return problem("link to a folder, which the build does not follow; move or "
                           "copy the folder here instead", None)
    if stat.S_ISDIR(info.st_mode):
        return None
    if stat.S_ISREG(info.st_mode):
        try:  # found now, as a located error, rather than when MkDocs copies it
            os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC))
        except OSError as error:
            return problem(f"file cannot be read: {error.strerror}")
        return None
    return problem("expected a file but found a pipe, a socket or a device; "
                   "replace it with a file")


def folder_problem(folder: Path, root: Path, what: str) -> Problem | None:
    """A problem if a configured folder (`what`, such as "content folder") lies outside
    the project: its files would be read, and perhaps published, from anywhere."""
    if is_within(folder, root):
        return None
    return Problem(shown(folder, root), None, None, "", f"{what} is outside the project (the "
                   "folder holding mkdocs.yml), where the build reads nothing; move it inside")


def unpublished(folder: Path, root: Path, files: Iterable[str],
                patterns: Iterable[str]) -> list[Problem]:
    """A problem for each file of `content/` that would be published as it is but matches
    none of `patterns` (the plugin's `static_files`)."""
    patterns = list(patterns)
    allowed = ", ".join(patterns) or "nothing"
    return [Problem(shown(folder / name, root), 1, 1, "",
                    f"not published: besides briefings and Markdown pages, the site publishes "
                    f"only files matching static_files ({allowed}), because a browser could "
                    f"run this one; to publish it as it is, add a pattern for it to the "
                    f"briefing plugin's static_files")
            for name in files if file_role(name, patterns) == "refused"]


def file_role(name: str, patterns: Iterable[str]) -> str:
    """What becomes of a file of `content/` (by its relative path): "page", "input" (read,
    never published), "static" (published as it is) or "refused"."""
    lower = name.lower()
    if lower.endswith(PAGE_SUFFIXES):
        return "page"
    if lower.endswith(INPUT_SUFFIXES):
        return "input"
    base = lower.rsplit("/", 1)[-1]
    if any(fnmatch.fnmatchcase(base, pattern.lower()) for pattern in patterns):
        return "static"
    return "refused"


def utf8(name: str) -> bool:
    """Whether a file name is UTF-8 (Python keeps the bytes of one that is not as
    surrogates, which no URL and no UTF-8 text can hold)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True

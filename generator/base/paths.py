"""Folders, files and addresses: which names a briefing folder may have, which
addresses the site takes for itself, and how paths read in messages.

Kept apart from the pipeline so that `new` (which only needs the naming rules)
and the plugin can use them without loading content.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path, PurePosixPath

from generator.base.problems import Problem, did_you_mean
from generator.content.ids import FILE_NAMES, SLUG_PATTERN, check_id
from generator.render.page_table import FEED

RESERVED_SLUGS = frozenset({"assets", "search", "tags", "404", "sitemap", "pagefind"})
"""Folder names the built site uses itself, so no briefing may take them."""

NAMES_PATH = "search/names.json"
"""The names index that search falls back on (see `names.py`)."""
BRIEFINGS_PATH = "search/briefings.json"
"""The briefings' titles, for search results (see `names.py`)."""
SITE_FILES = {"index.md": "the home page", FEED: "the site (its Atom feed)",
              NAMES_PATH: "the search (its names index)",
              BRIEFINGS_PATH: "the search (its list of briefings)"}
"""The files generated for the whole site, whatever its briefings, and what each belongs to
(as messages name it)."""


def inside(path: Path, root: Path) -> bool:
    """True if `path`, with every link in it followed, is `root` or lies under it.

    The one rule for what the build may read, publish or write: every path that comes
    from content, configuration or the cache goes through it, so a link (or a `..`)
    cannot lead the build out of the project to the machine's other files. `root` is
    resolved too, so a project that is itself reached through a link still holds its
    own files. A path that cannot be resolved (a NUL in it, a loop of links that
    never ends) is not inside anything.
    """
    try:
        real = Path(os.path.realpath(path))
        base = Path(os.path.realpath(root))
    except (OSError, ValueError):
        return False
    return real == base or base in real.parents


def hidden(path: Path, root: Path) -> bool:
    """True if `path`, with every link followed, lies in a hidden part of the project
    `root` (a name starting with a dot): `.git/config` (where CI checkouts keep their
    token), `.env`, `.venv`. MkDocs never publishes those, and no link may reach them."""
    try:
        real = Path(os.path.realpath(path)).relative_to(os.path.realpath(root))
    except (OSError, ValueError):
        return True
    return any(part.startswith(".") for part in real.parts)


def safe_relative(name: str) -> bool:
    """True if `name` (such as a page's path, read from the cache or rendered) stays
    inside whatever folder it is joined to: relative, with no `..`, backslash or NUL. The
    same rule as `inside`, for a path not yet on disk."""
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts \
        and "\\" not in name and "\0" not in name


def shown(path: Path, root: Path) -> str:
    """A path as editors see it in messages: relative to the project, with slashes, and
    any unprintable character escaped so a message stays on one line."""
    try:
        text = Path(os.path.relpath(path, root)).as_posix()
    except ValueError:
        text = path.as_posix()
    return printable(text)


def printable(text: str) -> str:
    """`text` with unprintable characters written as escapes, such as `\\n`."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def slug_problem(name: str) -> str:
    """Why `name` cannot be a briefing's slug, or '' if it can."""
    try:
        check_id(name)
    except ValueError:
        return (f"briefing folder name '{printable(name)}' is not a slug matching "
                f"{SLUG_PATTERN}; rename the folder, such as '{suggest_slug(name)}'")
    if name in RESERVED_SLUGS:
        return (f"'{name}' is a name the site itself uses "
                f"({', '.join(sorted(RESERVED_SLUGS))}); rename the folder")
    return ""


def suggest_slug(name: str) -> str:
    """A slug close to `name`: `Sahel Coup!` -> `sahel-coup`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    return "-".join(words) or "my-briefing"


def unknown_file(path: Path, root: Path) -> Problem:
    """The problem of a YAML file in a briefing folder that is none of the five."""
    expected = ", ".join(FILE_NAMES)
    if path.suffix == ".yaml" and path.stem + ".yml" in FILE_NAMES:
        hint = f"; rename it to {path.stem}.yml"
    else:
        hint = did_you_mean(path.name, set(FILE_NAMES)) or f"; a briefing folder holds {expected}"
    return Problem(shown(path, root), 1, 1, "", f"unknown file '{path.name}'{hint}")


def url_of(path: str) -> str:
    """The URL a page path gets with MkDocs' directory URLs: `a/b.md` -> `a/b/`."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    folder, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return f"{folder}/" if folder else ""
    return f"{stem}/"


def taken_paths(content_dir: Path, root: Path, generated: dict[str, list[str]]) -> list[Problem]:
    """Hand-written files in `content/` that would take a generated page's URL.

    `generated` maps each slug to the paths rendered for it (see
    `pages.briefing_paths`); the `SITE_FILES` are always generated.
    """
    owner = {url_of(path): whose for path, whose in SITE_FILES.items()}
    for slug, paths in generated.items():
        for page in paths:
            owner[url_of(page)] = f"briefing '{slug}'"
    problems = []
    for folder, dirs, names in os.walk(content_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(folder, name)
            url = url_of(path.relative_to(content_dir).as_posix())
            if url in owner:
                noun = "page" if name.endswith(".md") else "file"
                problems.append(Problem(
                    shown(path, root), 1, 1, "", f"this {noun} would take the address "
                    f"/{url} of a {noun} generated for {owner[url]}; rename or move it"))
    return problems

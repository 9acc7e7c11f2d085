"""Which folders of `content/` are briefings, and what the site's own addresses leave them.

A briefing is a folder whose name is a slug the site does not use itself, holding
the five files (`content.ids.FILE_NAMES`); a hand-written file of `content/` may not
take the address of a page generated for a briefing or for the whole site.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from generator.base.paths import printable, shown
from generator.base.problems import Problem, did_you_mean
from generator.content.ids import FILE_NAMES, OPTIONAL_FILE_NAMES, SLUG_PATTERN, check_id
from generator.render.page_table import RESERVED_SLUGS, SITE_FILES, url_of


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
    """The problem of a YAML file in a briefing folder that is none of the five (nor an
    optional one)."""
    names = FILE_NAMES + OPTIONAL_FILE_NAMES
    expected = f"{', '.join(FILE_NAMES)} and, if it has places, {', '.join(OPTIONAL_FILE_NAMES)}"
    if path.suffix == ".yaml" and path.stem + ".yml" in names:
        hint = f"; rename it to {path.stem}.yml"
    else:
        hint = did_you_mean(path.name, set(names)) or f"; a briefing folder holds {expected}"
    return Problem(shown(path, root), 1, 1, "", f"unknown file '{path.name}'{hint}")


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

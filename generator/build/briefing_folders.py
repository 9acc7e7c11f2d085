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

TRANSLATIONS_FOLDER = "translations"
"""The folder of a briefing's translations, one file per language (SPEC)."""


def translation_file(code: str) -> str:
    """The path, in a briefing folder, of its translation into language `code`."""
    return f"{TRANSLATIONS_FOLDER}/{code}.yml"


def unknown_translations(folder: Path, root: Path, expected: set[str]) -> list[Problem]:
    """Warnings for YAML files in a briefing's `translations/` that are not translations into
    one of the site's languages (`expected`, paths as `translation_file` gives them)."""
    try:
        found = sorted((folder / TRANSLATIONS_FOLDER).iterdir())
    except OSError:
        return []  # no translations folder (or the walk of content/ reports it)
    problems = []
    for path in found:
        name = f"{TRANSLATIONS_FOLDER}/{path.name}"
        if path.suffix in (".yml", ".yaml") and name not in expected:
            codes = sorted(n.removeprefix(f"{TRANSLATIONS_FOLDER}/").removesuffix(".yml")
                           for n in expected)
            known = (f"the site's other languages are {', '.join(codes)}" if codes else
                     "the site has one language; list its languages in the plugin's "
                     "`languages` option")
            problems.append(Problem(shown(path, root), 1, 1, "",
                                    f"'{path.name}' is not a translation into one of the "
                                    f"site's languages ({known}){did_you_mean(name, expected)}",
                                    "warning"))
    return problems


def slug_problem(name: str, languages: tuple[str, ...] = ()) -> str:
    """Why `name` cannot be a briefing's slug, or '' if it can (on a site in `languages`,
    whose other languages' pages are under folders named by their codes)."""
    try:
        check_id(name)
    except ValueError:
        return (f"briefing folder name '{printable(name)}' is not a slug matching "
                f"{SLUG_PATTERN}; rename the folder, such as '{suggest_slug(name)}'")
    if name in RESERVED_SLUGS:
        return (f"'{name}' is a name the site itself uses "
                f"({', '.join(sorted(RESERVED_SLUGS))}); rename the folder")
    if name in {code.lower() for code in languages}:
        return (f"'{name}' is one of the site's language codes, whose pages are under "
                f"/{name}/; rename the folder")
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


def taken_paths(content_dir: Path, root: Path, generated: dict[str, list[str]],
                prefixes: list[str] | None = None) -> list[Problem]:
    """Hand-written files in `content/` that would take a generated page's URL.

    `generated` maps each slug to the paths rendered for it (see
    `pages.briefing_paths`); the `SITE_FILES` are always generated, under each of the
    other languages' `prefixes` (`fr/`) too.
    """
    owner = {url_of(prefix + path): whose for path, whose in SITE_FILES.items()
             for prefix in ["", *(prefixes or [])]}
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

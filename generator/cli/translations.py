"""`python -m generator translate SLUG LANG` and `python -m generator translations`: the
translator's tools.

`translate` brings a briefing's `translations/<lang>.yml` up to the briefing as it is
now: every field not yet in it is added with its source text and an empty translation,
entries whose field is gone are dropped (and named), and for each outdated field it
prints how the source changed since it was translated, word by word, so the translator
changes only what changed and then records today's source. `translations` prints every
briefing's status in each language.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
from typing import TYPE_CHECKING, Any

from generator.base.problems import BriefingError, Problem, errors_in

if TYPE_CHECKING:
    from pathlib import Path

    from generator.cli.config import ProjectConfig
    from generator.content.translations import Entry

SCHEMA_LINE = "# yaml-language-server: $schema=../../../generator/schemas/translation.schema.json\n"
"""The modeline of a translation file, which is one folder deeper than a briefing's files."""
_WORDS = re.compile(r"\s+|[^\s]+")


def translate(config: ProjectConfig, slug: str, code: str, today: dt.date) -> int:
    """Create or update `translations/<code>.yml` of briefing `slug`; print what changed
    and what needs translating. Returns the exit status."""
    from generator.base.disk import write_atomically
    from generator.base.paths import shown
    from generator.build.briefing_folders import translation_file
    from generator.content.translations import Entry, state_of, translatable

    others = config.settings.languages[1:]
    if code not in others:
        listed = ", ".join(others) if others else "none: the site has one language"
        raise BriefingError(f"'{code}' is not one of the site's other languages ({listed}); "
                            "list it in the briefing plugin's `languages` option in mkdocs.yml")
    briefing = _valid_briefing(config, slug, today)
    folder = config.folders.content_dir / slug
    path = folder / translation_file(code)
    where = shown(path, config.folders.root)
    fields = translatable(briefing)
    old_note, old = _read(path, config.folders.root)
    entries: dict[str, Entry] = {}
    added, outdated = [], []
    for address, field in fields.items():
        entry = old.get(address)
        if entry is None:
            entry = Entry(source=field.text, text="")
            added.append(address)
        elif state_of(entry, field.text) in ("outdated", "superseded"):
            outdated.append((address, entry, field))
        entries[address] = entry
    dropped = [address for address in old if address not in fields]
    path.parent.mkdir(exist_ok=True)
    write_atomically(path, as_yaml(entries, old_note).encode())
    for address, entry, field in outdated:
        print(f"{where}: fields.{address}: outdated; the source changed since it was "
              f"translated:\n    {word_diff(entry.source, field.text)}\n"
              f"  translate the change, then set its `source` to today's text:\n"
              f"    {field.text}")
    for address in dropped:
        print(f"{where}: fields.{address}: dropped: the briefing has no such field any more")
    empty = sum(1 for e in entries.values() if not e.text.strip())
    print(f"{where}: {len(fields)} fields: {len(added)} added, {len(outdated)} outdated, "
          f"{empty} to translate (empty `text`), {len(dropped)} dropped")
    return 0


def report(config: ProjectConfig, today: dt.date) -> int:
    """Print every briefing's translation status per language; the problems of translation
    files first. Returns 1 when a translation file has errors."""
    from generator.build.cache import BuildCache
    from generator.build.pipeline import ContentLoader
    from generator.content.languages import site_languages

    languages = site_languages(config.settings.languages)
    if len(languages) < 2:
        print("the site has one language; list its languages in the briefing plugin's "
              "`languages` option in mkdocs.yml to translate it")
        return 0
    folders = config.folders
    content = ContentLoader(folders.root, folders.content_dir, folders.seeds_dir,
                            BuildCache(folders.cache_dir), config.settings.page_options
                            ).load(today)
    problems = [p for p in content.all_problems() if "/translations/" in p.file
                or p.message.startswith("no translation into")]
    for problem in problems:
        print(problem, file=sys.stderr)
    for slug, result in content.briefings.items():
        if result.card is None:
            print(f"{slug}: has errors (run 'check')")
            continue
        parts = []
        for lang in languages[1:]:
            status = result.translations.get(lang.code)
            if status is None:
                continue
            parts.append(f"{lang.code} {status.current}/{status.total} current, "
                         f"{len(status.outdated)} outdated, {len(status.missing)} missing")
        print(f"{slug}: " + "; ".join(parts))
    return 1 if errors_in(problems) else 0


def word_diff(before: str, after: str) -> str:
    """How `before` became `after`, word by word: `the [-12-]{+14+} soldiers`."""
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new,
                                                       autojunk=False).get_opcodes():
        if tag == "equal":
            out.append("".join(old[i1:i2]))
            continue
        if i2 > i1:
            out.append(f"[-{''.join(old[i1:i2])}-]")
        if j2 > j1:
            out.append(f"{{+{''.join(new[j1:j2])}+}}")
    return "".join(out)


def as_yaml(entries: dict[str, Entry], note: str | None = None) -> str:
    """A translation file's text: the modeline, the note if any, each entry in order."""
    import yaml

    data: dict[str, Any] = {}
    if note:
        data["note"] = note
    data["fields"] = {address: {"source": e.source, "text": e.text}
                      for address, e in entries.items()}
    return SCHEMA_LINE + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=88)


def _valid_briefing(config: ProjectConfig, slug: str, today: dt.date) -> Any:
    """The briefing `slug`, loaded as a build loads it (in the source language alone);
    its errors end the command."""
    import dataclasses

    from generator.build.cache import BuildCache
    from generator.build.pipeline import ContentLoader
    from generator.content.ids import check_id

    try:
        check_id(slug)
    except ValueError as exc:
        raise BriefingError(f"{exc}: give a briefing's folder name") from None
    folders = config.folders
    if not (folders.content_dir / slug).is_dir():
        raise BriefingError(f"no briefing '{slug}' in {folders.content_dir}")
    options = dataclasses.replace(config.settings.page_options, languages=())
    content = ContentLoader(folders.root, folders.content_dir, folders.seeds_dir,
                            BuildCache(None), options).load(today, only={slug})
    result = content.briefings.get(slug)
    errors = errors_in(result.problems if result else content.problems)
    if result is None or result.briefing is None or errors:
        for problem in errors or content.problems:
            print(problem, file=sys.stderr)
        raise BriefingError(f"briefing '{slug}' has errors; fix them before translating it")
    return result.briefing


def _read(path: Path, root: Path) -> tuple[str | None, dict[str, Entry]]:
    """A translation file's note and entries, or nothing when there is no file yet; a
    file that cannot be read or is not a translation file ends the command."""
    from generator.base.paths import shown
    from generator.content.document import parse_yaml, read_bytes
    from generator.content.model_errors import validate_document
    from generator.content.translations import TranslationFile

    if not path.exists():
        return None, {}
    where = shown(path, root)
    raw = read_bytes(path, where, root)
    problems: list[Problem]
    if isinstance(raw, Problem):
        problems = [raw]
    else:
        doc, problems = parse_yaml(raw, where)
        if not problems:
            value, problems = validate_document(doc, TranslationFile)
            if value is not None and not problems:
                return value.note, dict(value.fields)
    for problem in problems:
        print(problem, file=sys.stderr)
    raise BriefingError(f"{where} cannot be read as a translation file; fix it first")


"""`diff`: what changed in the briefings between two git revisions, field by field.

Each revision's `content/` and `seeds/` are loaded and validated with the
pipeline, as a build would, and the briefings are compared in their exported
form (`briefing.json`): lists of items are matched by `id` (positions by
actor, relations by who does what to whom), so a field the content model
gains later is reported without a change here, shown as its type in the model
says (an id as an id, a date as a date; see `content.model_walk`). The fields
editors care most about get their own words: an event re-dated, a position
changed, a status moved; everything else reads "<field> changed from ... to ...".
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from generator.base.paths import shown
from generator.base.problems import BriefingError, errors_in
from generator.base.settings import PageOptions
from generator.build.result import BriefingResult
from generator.content.model_walk import keys_where

WORK_TREE = "the work tree"

_SECTIONS = ("briefing", "events", "actors", "relations", "stakes", "sources", "places")
"""The order a briefing's parts are reported in; parts the model gains come after."""
_SINGULAR = {
    "events": "event", "actors": "actor", "relations": "relation", "stakes": "stake",
    "sources": "source", "positions": "position", "quotes": "quote", "updates": "update",
    "aliases": "alias", "tags": "tag", "key_points": "key point", "claims": "claim",
    "commitments": "commitment", "parties": "party", "to": "party",
    "background": "background paragraph", "places": "place", "countries": "country",
}
"""What one item of each list is called; a list not named here calls it by its key."""
_ID_LISTS = keys_where(lambda f: f.key_of is not None and f.many)
"""Lists of ids: their items are shown as ids, not as text."""
_ID_FIELDS = keys_where(lambda f: f.key_of is not None and not f.many)
"""Ids, references and seed names: shown as ids."""
_TERM_FIELDS = keys_where(lambda f: f.term) | {"time", "due_time", "from_time", "until_time",
                                               "timezone"}
"""Fields whose values are words from a fixed list, times or clocks: shown without quotes
("time set to 24:00")."""
_MOVED_FIELDS = {"status", "trend", "coordinates"}
"""Fields whose change reads "moved from ... to ...": a status, a trend, a place."""
_DATE_FIELDS = keys_where(lambda f: f.date)
_WHEN = ("date", "end_date", "approximate")
"""An event's dating, reported together as one re-dating."""
_SAFE_CODE = re.compile(r"[a-z0-9]+([-_.][a-z0-9]+)*")
"""Ids and keys that can go in a Markdown code span as they are."""


# What a report is made of: words, and values that each output escapes its own way.

@dataclass(frozen=True)
class Value:
    """A value in a line of the report."""

    text: str
    kind: Literal["id", "text", "term", "key"]
    """An id (`'x'`, or code in Markdown), text from the content (quoted), a fixed
    word, date or number (as it is), or a field's YAML key (as it is, or code)."""


Line = tuple[str | Value, ...]


@dataclass
class BriefingChanges:
    """What happened to one briefing between the two revisions."""

    slug: str
    title: str
    state: Literal["added", "removed", "changed", "not compared"]
    lines: list[Line] = field(default_factory=list)
    """For a changed briefing, one line per change; otherwise what to say about it."""


@dataclass
class Report:
    """The changes between two revisions, briefing by briefing in slug order."""

    old: str
    new: str
    briefings: list[BriefingChanges]


def compare_revisions(root: Path, content: Path, seeds: Path, old: str,
                      new: str | None, options: PageOptions | None = None) -> Report:
    """Compare the briefings at revision `old` with those at `new` (None: the work tree).
    `content` and `seeds` are the folders as `root` has them; `options` the site's (its
    languages say which translations to compare)."""
    from generator.cli.git_revisions import commit_of, path_in_tree, toplevel, write_revision

    top = toplevel(root)
    content, seeds = root / content, root / seeds
    folders = [path_in_tree(top, path) for path in (root, content, seeds)]
    commits = {name: commit_of(root, name) for name in (old, new) if name is not None}
    with tempfile.TemporaryDirectory(prefix="briefing-diff-") as temporary:
        loaded, found = {}, {}
        for name, commit in commits.items():
            into = Path(temporary) / commit
            write_revision(top, commit, folders[1:], into)
            # The project as it was, at the same place in a copy of the repository.
            there_root, there_content, there_seeds = (into / f for f in folders)
            loaded[name] = _load(there_root, there_content, there_seeds, options)
            found[name] = there_content.is_dir()
        before = loaded[old]
        after = loaded[new] if new is not None else _load(root, content, seeds, options)
    if not any(found.values()) and (new is not None or not content.is_dir()):
        # As `check` fails: a mistyped folder is not "no briefing changed".
        where = f"at {new}" if new is not None else "in the work tree"
        raise BriefingError(f"{shown(content, root)}: content folder found neither at {old} "
                            f"nor {where}")
    return compare(before, after, old, new or WORK_TREE)


def _load(root: Path, content: Path, seeds: Path,
          options: PageOptions | None) -> dict[str, BriefingResult]:
    from generator.build.cache import BuildCache
    from generator.build.pipeline import ContentLoader

    # No build cache: its results carry no validated model to compare.
    loader = ContentLoader(root, content, seeds, BuildCache(None), options)
    return loader.load(dt.date.today()).briefings


def compare(before: dict[str, BriefingResult], after: dict[str, BriefingResult], old: str,
            new: str) -> Report:
    """The report for two loads of `content/`, named `old` and `new`."""
    found = []
    for slug in sorted(before.keys() | after.keys()):
        was, now = before.get(slug), after.get(slug)
        if was is None or now is None:
            result = now or was
            assert result is not None
            found.append(BriefingChanges(slug, _title(result), "added" if was is None
                                         else "removed"))
            continue
        if errors_in(was.problems) or errors_in(now.problems):
            said = " and ".join(
                f"{len(errors_in(r.problems))} error{'s' * (len(errors_in(r.problems)) != 1)} "
                f"{'in' if name == WORK_TREE else 'at'} {name}"
                for name, r in ((old, was), (new, now)) if errors_in(r.problems))
            found.append(BriefingChanges(slug, _title(now) or _title(was), "not compared",
                                         [(f"it has {said}; run check there to see them",)]))
            continue
        assert was.briefing is not None and now.briefing is not None
        lines = field_changes(was.briefing.model_dump(mode="json", by_alias=True),
                                now.briefing.model_dump(mode="json", by_alias=True))
        lines += translation_changes(was, now)
        if lines:
            found.append(BriefingChanges(slug, _title(now), "changed", lines))
    return Report(old, new, found)


def translation_changes(was: BriefingResult, now: BriefingResult) -> list[Line]:
    """How each translation moved: fields newly translated, fields that fell behind their
    source (the source changed, or the translation was taken back to an older one), and
    outdated fields brought up to date."""
    lines: list[Line] = []
    for lang in sorted(was.translations.keys() | now.translations.keys()):
        before = was.translations[lang].states if lang in was.translations else {}
        after = now.translations[lang].states if lang in now.translations else {}
        moves: dict[str, list[str]] = {"translated": [], "fell behind": [],
                                       "brought up to date": []}
        for address, state in after.items():
            old = before.get(address, "missing")
            if old == "missing" and state != "missing":
                moves["translated"].append(address)
            elif old == "current" and state in ("outdated", "superseded"):
                moves["fell behind"].append(address)
            elif old in ("outdated", "superseded") and state == "current":
                moves["brought up to date"].append(address)
        for what, addresses in moves.items():
            if addresses:
                shown_ = addresses[:3]
                more = f" and {len(addresses) - 3} more" if len(addresses) > 3 else ""
                lines.append(("translation into ", Value(lang, "term"), f": {what}: ",
                              *[part for i, a in enumerate(shown_) for part in
                                ((", " if i else ""), Value(a, "key"))], more))
    return lines


def _title(result: BriefingResult) -> str:
    return result.card.title if result.card is not None else ""


# Comparing two briefings in their JSON form.

def field_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Line]:
    """How one briefing changed, from its JSON export `old` to `new`, a line per change."""
    names = {a["id"]: a["name"] for a in [*old.get("actors", []), *new.get("actors", [])]}
    differ = _Differ(names)
    keys = [*_SECTIONS, *(k for k in [*new, *old] if k not in _SECTIONS)]
    for key in dict.fromkeys(keys):
        if key in ("schema_version", "slug"):
            continue
        if key == "briefing":
            differ.fields((), old.get(key) or {}, new.get(key) or {}, "")
        else:
            differ.compare((), key, old.get(key), new.get(key))
    return differ.lines


class _Differ:
    """Collects the lines that say how one briefing's JSON changed.

    A `label` names the item a line is about (`event 'x'`, `Pakistan's position`), or
    is empty for the briefing's own fields.
    """

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.lines: list[Line] = []

    def fields(self, label: Line, old: dict[str, Any], new: dict[str, Any], noun: str) -> None:
        """Compare two items (or the briefing's own fields) field by field."""
        if "date" in new and "end_date" in new and any(old.get(k) != new.get(k) for k in _WHEN):
            self.say(label, " re-dated from ", _when(old), " to ", _when(new))
            old = {k: v for k, v in old.items() if k not in _WHEN}
            new = {k: v for k, v in new.items() if k not in _WHEN}
        for key in dict.fromkeys([*new, *old]):
            self.compare(label, key, old.get(key), new.get(key), noun)

    def compare(self, label: Line, key: str, old: Any, new: Any, noun: str = "") -> None:
        """Compare one field; `noun` is what the item holding it is called."""
        if old == new:
            return
        if key == "coordinates":
            pass  # a pair of numbers: one value, not a list of two
        elif isinstance(old, list) or isinstance(new, list):
            old, new = old or [], new or []
            if all(isinstance(item, dict) for item in [*old, *new]):
                self.items(label, key, old, new)
            else:
                self.values(label, key, old, new)
            return
        if isinstance(old, dict) and isinstance(new, dict):
            for sub in dict.fromkeys([*new, *old]):
                self.compare(label, f"{key}.{sub}", old.get(sub), new.get(sub))
            return
        if key == "coordinates" and old and new:
            self.say(label, " moved from ", _value(key, old), " to ", _value(key, new))
            return
        if key == "kind" and noun == "place" and old and new:
            self.say(label, " re-typed from ", _value(key, old), " to ", _value(key, new))
            return
        if key == "reported":
            if bool(old) != bool(new):
                self.say(label, " now reported, not confirmed" if new else
                         " now confirmed, no longer only reported")
            return
        # A field named as its item ("position" in a position) is the item's own value.
        subject: Line = label if key == noun and label else (*_at(label), Value(key, "key"))
        if old is None:
            self.say(subject, " set to ", _value(key, new))
        elif new is None:
            self.say(subject, " removed (was ", _value(key, old), ")")
        else:
            verb = " moved from " if key in _MOVED_FIELDS else " changed from "
            self.say(subject, verb, _value(key, old), " to ", _value(key, new))

    def items(self, label: Line, key: str, old: list[dict[str, Any]],
              new: list[dict[str, Any]]) -> None:
        """Compare two lists of items, matched by identity: added, changed, removed."""
        noun = _SINGULAR.get(key, key)
        before, after = _by_identity(old), _by_identity(new)
        _pair_relations(before, after)
        for identity, item in after.items():
            if identity in before:
                was = before[identity]
                self.fields((*_at(label), *self.item_label(noun, was)), was, item, noun)
            else:
                self.say(_at(label), *self.item_label(noun, item), " added", self.detail(item))
        for identity, item in before.items():
            if identity not in after:
                self.say(_at(label), *self.item_label(noun, item), " removed",
                         self.detail(item))

    def values(self, label: Line, key: str, old: list[Any], new: list[Any]) -> None:
        """Compare two lists of plain values: what was added, what removed, or a new order."""
        noun = _SINGULAR.get(key, key)
        kind: Literal["id", "text"] = "id" if key in _ID_LISTS else "text"
        gone, came = Counter(map(str, old)) - Counter(map(str, new)), \
            Counter(map(str, new)) - Counter(map(str, old))
        for value in dict.fromkeys(map(str, new)):
            if value in came:
                self.say(_at(label), f"{noun} ", Value(value, kind), " added")
        for value in dict.fromkeys(map(str, old)):
            if value in gone:
                self.say(_at(label), f"{noun} ", Value(value, kind), " removed")
        if not gone and not came:
            self.say(_at(label), Value(key, "key"), " reordered")

    def item_label(self, noun: str, item: dict[str, Any]) -> Line:
        """How an item is named: `event 'x'`, `Pakistan's position`, `quote 'words'`."""
        if isinstance(item.get("id"), str):
            return f"{noun} ", Value(item["id"], "id")
        if isinstance(item.get("actor"), str):
            return Value(_possessive(self.names.get(item["actor"], item["actor"])), "term"), \
                f" {noun}"
        if isinstance(item.get("from"), str) and isinstance(item.get("to"), str):
            return (f"{noun} ", Value(self.names.get(item["from"], item["from"]), "term"),
                    f" {str(item.get('kind', '')).replace('-', ' ')} ",
                    Value(self.names.get(item["to"], item["to"]), "term"))
        if isinstance(item.get("commitment"), str):
            return f"{noun} ", Value(item["commitment"], "id")
        if isinstance(item.get("text"), str):
            return f"{noun} ", Value(item["text"], "text")
        if "date" in item and "summary" in item:
            return f"{noun} of ", _value("date", item["date"])
        return (noun,)

    def detail(self, item: dict[str, Any]) -> Line:
        """What an added or removed item is, in a few words: its title, name or date."""
        if "title" in item:
            when = _when(item) if "date" in item and "end_date" in item else \
                _value("published", item["published"]) if item.get("published") else None
            by = f"{item['publisher']}, " if item.get("publisher") else ""
            return (": ", Value(item["title"], "text"),
                    *((f" ({by}", when, ")") if when else ()))
        for key in ("name", "position", "summary"):
            if isinstance(item.get(key), str):
                return ": ", Value(item[key], "text")
        return ()

    def say(self, *parts: str | Value | Line) -> None:
        """Add a line made of words, values and labels."""
        line: list[str | Value] = []
        for part in parts:
            line.extend(part if isinstance(part, tuple) else (part,))
        self.lines.append(tuple(line))


def _at(label: Line) -> Line:
    """The start of a line about something inside the item `label` names."""
    return (*label, ": ") if label else ()


def _pair_relations(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> None:
    """Match a relation whose kind changed: where one actor has exactly one unmatched
    relation to another on each side, it is the same relation (keyed as the old one)."""
    def unmatched(items: dict[str, dict[str, Any]], others: dict[str, dict[str, Any]]
                  ) -> dict[tuple[str, str], list[str]]:
        pairs: dict[tuple[str, str], list[str]] = {}
        for key, item in items.items():
            if key not in others and "from" in item and "to" in item:
                pairs.setdefault((item["from"], item["to"]), []).append(key)
        return pairs

    gone, came = unmatched(before, after), unmatched(after, before)
    for pair, keys in gone.items():
        if len(keys) == 1 and len(came.get(pair, [])) == 1:
            after[keys[0]] = after.pop(came[pair][0])


def _by_identity(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Items by what identifies them across revisions; repeats get a running number."""
    found: dict[str, dict[str, Any]] = {}
    for item in items:
        identity = _identity(item)
        key, n = identity, 1
        while key in found:
            n += 1
            key = f"{identity}\0{n}"
        found[key] = item
    return found


def _identity(item: dict[str, Any]) -> str:
    for key in ("id", "actor", "commitment"):
        if isinstance(item.get(key), str):
            return f"{key}\0{item[key]}"
    if "from" in item and "to" in item:
        return f"relation\0{item['from']}\0{item['to']}\0{item.get('kind')}"
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def _value(key: str, value: Any) -> Value:
    """A field's value as the report shows it."""
    if key.rpartition(".")[2] in _DATE_FIELDS and isinstance(value, str):
        return Value(_date(value), "term")
    if isinstance(value, bool):
        return Value(str(value).lower(), "term")
    if isinstance(value, (int, float)) or key in _TERM_FIELDS:
        return Value(str(value), "term")
    if key == "coordinates" and isinstance(value, list):
        return Value(", ".join(f"{number:g}" for number in value), "term")
    return Value(str(value), "id" if key in _ID_FIELDS else "text")


def _when(item: dict[str, Any]) -> Value:
    """An event's date, end date and approximation as readers see them."""
    from generator.content.dates import format_range, parse_date

    try:
        end = parse_date(item["end_date"]) if item.get("end_date") else None
        text = format_range(parse_date(item["date"]), end,
                            approximate=bool(item.get("approximate")))
    except ValueError:
        text = f"{item.get('date')}" + (f" - {item['end_date']}" if item.get("end_date") else "")
    return Value(text, "term")


def _date(text: str) -> str:
    from generator.content.dates import format_date, parse_date

    try:
        return format_date(parse_date(text))
    except ValueError:
        return text  # a form this module does not know: shown as written


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


# The report as plain text for a terminal, or as Markdown for a job summary.

def as_text(report: Report) -> str:
    """The report for a terminal: a line per briefing, then its changes indented."""
    if not report.briefings:
        return f"no briefing changed between {report.old} and {report.new}\n"
    out = []
    for item in report.briefings:
        head = f"briefing '{item.slug}' {item.state}"
        if item.state in ("added", "removed"):
            out.append(f"{head}: {_plain(item.title)}" if item.title else head)
            continue
        out.append(f"{head}:" if item.state == "not compared" else f"{head}: "
                   f"{_plain(item.title)}")
        out.extend("  " + "".join(_text_part(p) for p in line) for line in item.lines)
    return "\n".join(out) + "\n"


def as_markdown(report: Report) -> str:
    """The report for a GitHub job summary: a heading per briefing, a list of changes."""
    out = [f"## Briefing changes from {_md(report.old)} to {_md(report.new)}", ""]
    if not report.briefings:
        out += ["No briefing changed.", ""]
    for item in report.briefings:
        title = f"{_md(item.title)} (`{item.slug}`)" if item.title else f"`{item.slug}`"
        out += [f"### {title}", ""]
        if item.state in ("added", "removed"):
            out += [f"{item.state.capitalize()}.", ""]
            continue
        if item.state == "not compared":
            out += ["Not compared: " + "".join(_md_part(p) for p in item.lines[0]) + ".", ""]
            continue
        out += ["- " + "".join(_md_part(p) for p in line) for line in item.lines]
        out.append("")
    return "\n".join(out)


def _text_part(part: str | Value) -> str:
    if isinstance(part, str):
        return part
    if part.kind in ("term", "key"):
        return _plain(part.text)
    return f"'{_plain(part.text)}'"


def _md_part(part: str | Value) -> str:
    if isinstance(part, str):
        return _md(part)
    if part.kind in ("id", "key") and _SAFE_CODE.fullmatch(part.text):
        return f"`{part.text}`"
    if part.kind in ("term", "key"):
        return _md(part.text)
    return f"'{_md(part.text)}'"


def _plain(text: str) -> str:
    from generator.base.paths import printable

    return printable(text)


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>~&#|"})
"""What Markdown could read as markup in the middle of a line: code, emphasis, links,
HTML, strikethrough, entities, headings' closing marks, table cells."""


def _md(text: str) -> str:
    # Line breaks become the two characters "\n" first, so a value stays on its line.
    return _plain(text).translate(_MD_SPECIAL)


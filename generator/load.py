"""Read one YAML file into plain Python data, remembering where every value stood.

PyYAML's own constructors lose line numbers and accept things a content
file must not contain (duplicate keys, aliases that expand without bound,
arbitrary tags). So this module walks libyaml's event stream itself: one
pass, no recursion, and a `Problem` with file, line and column for each
thing it refuses. Dates are left as the text the editor wrote; `dates`
parses them, so an impossible date is a located error and not a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, field_path

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Larger files are refused: no briefing needs more, and it bounds time and memory."""
MAX_DEPTH = 32
"""Deeper nesting is refused (libyaml's composer crashes on very deep input)."""

Path_ = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SCALAR_TAGS = {
    "tag:yaml.org,2002:int": "construct_yaml_int",
    "tag:yaml.org,2002:float": "construct_yaml_float",
    "tag:yaml.org,2002:bool": "construct_yaml_bool",
    "tag:yaml.org,2002:null": "construct_yaml_null",
}
_constructor = yaml.constructor.SafeConstructor()


@dataclass
class Document:
    """A YAML file's data with the position of every value and key in it."""

    file: str
    """The path shown in messages, e.g. `content/afpak/actors.yml`."""
    data: Any = None
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of each value, by its path in `data`."""
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of each mapping key, by the path of its value."""

    def problem(self, path: Path_, message: str, *, at_key: bool = False,
                severity: str = "error", stale: bool = False) -> Problem:
        """A problem located at the value (or key) at `path`, or its nearest located parent."""
        line_col = self.position(path, at_key=at_key)
        return Problem(self.file, line_col[0], line_col[1], field_path(path), message,
                       severity, stale)  # type: ignore[arg-type]

    def position(self, path: Path_, *, at_key: bool = False) -> tuple[int, int]:
        """Where the value (or key) at `path` stands; falls back to the closest parent."""
        if at_key and path in self.keys:
            return self.keys[path]
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))


def read_yaml(path: Path, shown_as: str) -> tuple[Document, list[Problem]]:
    """Read the YAML file at `path`; `shown_as` is the name used in messages."""
    raw = read_bytes(path, shown_as)
    if isinstance(raw, Problem):
        return Document(shown_as), [raw]
    return parse_yaml(raw, shown_as)


def read_bytes(path: Path, shown_as: str) -> bytes | Problem:
    """The bytes of a content file, or the problem that stops it being read."""
    def fail(message: str) -> Problem:
        return Problem(shown_as, 1, 1, "", message)

    if not path.exists():
        return fail("file is missing")
    if not path.is_file():
        return fail("expected a file but found a folder or something else; "
                    "replace it with a YAML file")
    if path.stat().st_size > MAX_FILE_BYTES:
        return fail(f"file is {path.stat().st_size:,} bytes, more than the "
                    f"{MAX_FILE_BYTES:,} allowed; split the briefing")
    try:
        return path.read_bytes()
    except OSError as exc:
        return fail(f"file cannot be read: {exc.strerror}")


def parse_yaml(raw: bytes, shown_as: str) -> tuple[Document, list[Problem]]:
    """Parse the bytes of one YAML file into a `Document`."""
    doc = Document(shown_as)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return doc, [Problem(shown_as, 1, 1, "", f"file is not UTF-8 (byte {exc.start + 1} "
                             "cannot be read); save it as UTF-8")]
    if not text.strip():
        return doc, [Problem(shown_as, 1, 1, "", "file is empty; see README.md for what "
                             "it should contain")]
    return doc, _Builder(doc, text).run()


class _Builder:
    """Turns libyaml events into data, values and key positions."""

    def __init__(self, doc: Document, text: str) -> None:
        self.doc = doc
        self.text = text
        self.problems: list[Problem] = []

    def located(self, mark: Any, path: Path_, message: str) -> Problem:
        return Problem(self.doc.file, mark.line + 1, mark.column + 1, field_path(path), message)

    def run(self) -> list[Problem]:
        loader = Loader(self.text)
        try:
            self._events(loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "invalid YAML"
            if mark and self.text[mark.index:mark.index + 1] == "\t":
                problem += "; YAML does not allow tabs here, indent with spaces"
            context = f" ({exc.context})" if exc.context and exc.problem else ""
            self.problems.append(Problem(
                self.doc.file, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1,
                "", f"YAML syntax error: {problem}{context}"))
        except yaml.YAMLError as exc:
            self.problems.append(Problem(self.doc.file, 1, 1, "", f"YAML error: {exc}"))
        finally:
            loader.dispose()
        return self.problems

    def _events(self, loader: Any) -> None:
        # Each open container: [container, path, pending key or None, seen keys]
        stack: list[list[Any]] = []
        documents = 0
        while True:
            event = loader.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                return
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.problems.append(self.located(
                        event.start_mark, (), "a file holds one YAML document; "
                        "remove the second '---' and what follows, or merge it into the first"))
                    return
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                container, path, _, _ = stack.pop()
                if not stack:
                    self.doc.data = container
                continue
            # A node starts: a scalar, a sequence, a mapping or an alias.
            parent = stack[-1] if stack else None
            if parent is not None and isinstance(parent[0], dict) and parent[2] is None:
                if not self._key(event, parent):
                    return
                continue
            if parent is None:
                path: Path_ = ()
            elif isinstance(parent[0], list):
                path = parent[1] + (len(parent[0]),)
            elif isinstance(parent[2], _Duplicate):
                path = parent[1] + (parent[2].key, "(repeated)")
            else:
                path = parent[1] + (parent[2],)
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                self.problems.append(self.located(
                    event.start_mark, path, "YAML anchors and aliases (& and *) are not "
                    "supported; write the value out in full"))
                return
            self.doc.values[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
            if isinstance(event, yaml.ScalarEvent):
                value = self._scalar(event, path)
                if value is _FAILED:
                    return
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                is_seq = isinstance(event, yaml.SequenceStartEvent)
                standard = _SEQ if is_seq else _MAP
                if event.tag not in (None, "!", standard):
                    self.problems.append(self.located(
                        event.start_mark, path, f"unsupported YAML tag {event.tag!r}; remove it"))
                    return
                if len(stack) >= MAX_DEPTH:
                    self.problems.append(self.located(
                        event.start_mark, path, f"nested more than {MAX_DEPTH} levels deep"))
                    return
                value = [] if is_seq else {}
                stack.append([value, path, None, None])
            if parent is None:
                if not stack:
                    self.doc.data = value
            elif isinstance(parent[0], list):
                parent[0].append(value)
            else:
                if not isinstance(parent[2], _Duplicate):
                    parent[0][parent[2]] = value
                parent[2] = None

    def _key(self, event: Any, parent: list[Any]) -> bool:
        """Record a mapping key; False when the key is refused."""
        mapping, path = parent[0], parent[1]
        if not isinstance(event, yaml.ScalarEvent) or event.anchor:
            self.problems.append(self.located(
                event.start_mark, path, "keys must be plain text such as 'title'"))
            return False
        tag = _resolve(event)
        if tag != _STR:
            self.problems.append(self.located(
                event.start_mark, path, f"key {event.value!r} is not read as text by YAML; "
                f"write it in quotes: \"{event.value}\""))
            return False
        key = event.value
        if key in mapping:
            self.problems.append(self.located(
                event.start_mark, path + (key,),
                f"duplicate key '{key}' (first at line {self.doc.keys[path + (key,)][0]}); "
                "remove one of them"))
            # Read on so later mistakes are reported too; the repeated value is dropped.
            parent[2] = _Duplicate(key)
            return True
        self.doc.keys[path + (key,)] = (event.start_mark.line + 1, event.start_mark.column + 1)
        parent[2] = key
        return True

    def _scalar(self, event: Any, path: Path_) -> Any:
        tag = _resolve(event)
        if tag in (_STR, _TIMESTAMP):
            # Dates stay as written: `dates.parse_date` reads them.
            return event.value
        method = _SCALAR_TAGS.get(tag)
        if method is None:
            self.problems.append(self.located(
                event.start_mark, path, f"unsupported YAML tag {tag!r}; remove it"))
            return _FAILED
        try:
            return getattr(_constructor, method)(yaml.ScalarNode(tag, event.value))
        except ValueError:
            self.problems.append(self.located(
                event.start_mark, path, f"cannot read {event.value[:40]!r} as a number; "
                "put it in quotes if it is text"))
            return _FAILED


_FAILED = object()


@dataclass(frozen=True)
class _Duplicate:
    """The pending key of a repeated mapping entry, whose value is read and dropped."""

    key: str


def _resolve(event: Any) -> str:
    """The tag YAML gives a scalar: its explicit tag, or the one its plain form implies."""
    if event.tag not in (None, "!"):
        return str(event.tag)
    resolver = yaml.resolver.Resolver
    if event.tag == "!" or not event.implicit[0]:
        return _STR
    return str(resolver.resolve(_RESOLVER, yaml.ScalarNode, event.value, (True, False)))


_RESOLVER = yaml.resolver.Resolver()

"""Read one YAML file into plain Python data, remembering where every value stood.

PyYAML's own constructors lose line numbers and accept things a content
file must not contain (duplicate keys, aliases that expand without bound,
arbitrary tags). So this module walks libyaml's event stream itself: one
pass, no recursion, and a `Problem` with file, line and column for each
thing it refuses. Dates are left as the text the editor wrote; `dates`
parses them, so an impossible date is a located error and not a traceback.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.base.disk import NotRegularError, TooLargeError, read_regular
from generator.base.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_KEY_LENGTH, MAX_VALUES
from generator.base.problems import Problem, field_path
from generator.base.walks import entry_problem
from generator.content.yaml_hints import indentation_hint

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_INT = "tag:yaml.org,2002:int"
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")
_SCALAR_TAGS = {
    "tag:yaml.org,2002:int": "construct_yaml_int",
    "tag:yaml.org,2002:float": "construct_yaml_float",
    "tag:yaml.org,2002:bool": "construct_yaml_bool",
    "tag:yaml.org,2002:null": "construct_yaml_null",
}
_constructor = yaml.constructor.SafeConstructor()
_SCALAR_KINDS = {"tag:yaml.org,2002:int": "a number", "tag:yaml.org,2002:float": "a number",
                 "tag:yaml.org,2002:bool": "true or false", "tag:yaml.org,2002:null": "nothing"}
# The characters YAML refuses to read (the same set as PyYAML's reader). Found here
# first, so the error names the line and column rather than a character offset.
_NOT_YAML = re.compile(r"[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD"
                       r"\U00010000-\U0010FFFF]")
_BYTE_ORDER_MARKS = [(b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
                     (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16")]
# Characters that would break the one-line `file:line:col: field: message` format.
_UNPRINTABLE_KEY = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


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
    text: str | None = field(default=None, repr=False, compare=False)
    """The file's text while `values` and `keys` are still to be found (see `position`)."""

    def problem(self, path: Path_, message: str, *, at_key: bool = False,
                severity: str = "error", stale: bool = False) -> Problem:
        """A problem located at the value (or key) at `path`, or its nearest located parent."""
        line_col = self.position(path, at_key=at_key)
        return Problem(self.file, line_col[0], line_col[1], field_path(path), message,
                       severity, stale)  # type: ignore[arg-type]

    def position(self, path: Path_, *, at_key: bool = False) -> tuple[int, int]:
        """Where the value (or key) at `path` stands; falls back to the closest parent."""
        if self.text is not None:
            self._locate()
        if at_key and path in self.keys:
            return self.keys[path]
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def _locate(self) -> None:
        """Find where every value and key stands, by parsing the text again: done the first
        time a problem needs a position, as most files have none (recording them all was
        a fifth of the time spent parsing a file)."""
        assert self.text is not None
        located = Document(self.file)
        _Builder(located, self.text, positions=True).run()
        self.values, self.keys, self.text = located.values, located.keys, None


def read_bytes(path: Path, shown_as: str, root: Path) -> bytes | Problem:
    """The bytes of a content file, or the problem that stops it being read. A link is
    followed only to a regular file inside the project (`root`); a pipe or a device is
    refused without being waited on."""
    def fail(message: str) -> Problem:
        return Problem(shown_as, 1, 1, "", message)

    if not path.exists() and not path.is_symlink():
        return fail("file is missing")
    problem = entry_problem(path, root)  # in the same words as the walk of content/
    if problem is not None:
        return problem
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except TooLargeError as error:
        return fail(f"file is {error.size:,} bytes, more than the "
                    f"{MAX_FILE_BYTES:,} allowed; split the briefing")
    except (NotRegularError, IsADirectoryError):
        return fail("expected a file but found a folder or something else; "
                    "replace it with a YAML file")
    except OSError as exc:
        return fail(f"file cannot be read: {exc.strerror}")


def parse_yaml(raw: bytes, shown_as: str) -> tuple[Document, list[Problem]]:
    """Parse the bytes of one YAML file into a `Document`."""
    doc = Document(shown_as)
    other = _other_encoding(raw)
    if other:
        return doc, [Problem(shown_as, 1, 1, "", f"file is saved as {other}, not UTF-8; "
                             "save it as UTF-8")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return doc, [Problem(shown_as, 1, 1, "", f"file is not UTF-8 (byte {exc.start + 1} "
                             "cannot be read); save it as UTF-8")]
    empty = Problem(shown_as, 1, 1, "", "file is empty; see README.md for what it should contain")
    if not text.strip():
        return doc, [empty]
    bad = _NOT_YAML.search(text)
    if bad is not None:
        line, column = _line_column(text, bad.start())
        kind = "control character" if unicodedata.category(bad.group()) == "Cc" else "character"
        return doc, [Problem(shown_as, line, column, "", f"the {kind} "
                             f"U+{ord(bad.group()):04X} is not allowed in YAML; remove it")]
    builder = _Builder(doc, text, positions=False)
    problems = builder.run()
    if problems:  # read again, recording positions, for messages that say where
        doc = Document(shown_as)
        builder = _Builder(doc, text, positions=True)
        problems = builder.run()
    if not problems and builder.blank:
        return doc, [empty]  # Only comments, or a bare '---'.
    if not problems:
        doc.text = text  # positions are found if a later check needs one
    return doc, problems


def _other_encoding(raw: bytes) -> str:
    """The name of the wide encoding `raw` is in, by its byte order mark or its many
    zero bytes; '' for anything else."""
    for mark, name in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            return name
    return "UTF-16 or UTF-32" if raw.count(0) * 4 >= len(raw) > 0 else ""


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of `text[index]`, counting line breaks as libyaml does."""
    before = text[:index]
    lines = re.split(r"\r\n|[\r\n\x85\u2028\u2029]", before)
    return len(lines), len(lines[-1]) + 1


class _Builder:
    """Turns libyaml events into data, values and key positions."""

    def __init__(self, doc: Document, text: str, *, positions: bool) -> None:
        self.doc = doc
        self.text = text
        self.positions = positions
        """Whether to record where each value and key stands (in `doc.values`, `doc.keys`)."""
        self.problems: list[Problem] = []
        self.nodes = 0
        self.blank = True
        """True while the file holds no value but an empty one."""

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
            line = mark.line + 1 if mark else 1
            hint = indentation_hint(self.text, line, problem)
            self.problems.append(Problem(
                self.doc.file, line, mark.column + 1 if mark else 1,
                "", f"YAML syntax error: {problem}{context}{hint}"))
        except yaml.YAMLError as exc:
            message = " ".join(str(exc).split())  # One line, whatever PyYAML wrote.
            self.problems.append(Problem(self.doc.file, 1, 1, "", f"YAML error: {message}"))
        finally:
            loader.dispose()
        return self.problems

    def _events(self, loader: Any) -> None:
        # A hot loop (one turn per YAML event): dispatch on the exact event type and
        # keep what it touches in locals.
        stack: list[list[Any]] = []  # each open container: [container, path, pending key]
        values = self.doc.values
        positions = self.positions
        get_event = loader.get_event
        documents = 0
        while True:
            event = get_event()
            kind = type(event)
            if kind is _SCALAR or kind is _SEQUENCE or kind is _MAPPING or kind is _ALIAS:
                pass  # a node starts: handled below
            elif kind is _SEQUENCE_END or kind is _MAPPING_END:
                container = stack.pop()[0]
                if not stack:
                    self.doc.data = container
                continue
            elif kind is _STREAM_END:
                return
            elif kind is _DOCUMENT_START:
                documents += 1
                if documents > 1:
                    self.problems.append(self.located(
                        event.start_mark, (), "a file holds one YAML document; "
                        "remove the second '---' and what follows, or merge it into the first"))
                    return
                continue
            else:
                continue  # the stream's start, a document's end
            self.nodes += 1
            if self.nodes > MAX_VALUES:
                self.problems.append(self.located(
                    event.start_mark, (), f"file holds more than {MAX_VALUES:,} values; "
                    "split the briefing"))
                return
            if self.blank:
                self.blank = kind is _SCALAR and event.value == "" and event.implicit[0]
            parent = stack[-1] if stack else None
            if parent is None:
                path: Path_ = ()
            else:
                container, parent_path, key = parent
                if key is None and type(container) is dict:
                    if not self._key(event, parent):
                        return
                    continue
                if type(container) is list:
                    path = (*parent_path, len(container))
                elif type(key) is _Duplicate:
                    path = (*parent_path, key.key, "(repeated)")
                else:
                    path = (*parent_path, key)
            if kind is _ALIAS or event.anchor:
                self.problems.append(self.located(
                    event.start_mark, path, "YAML anchors and aliases (& and *) are not "
                    "supported; write the value out in full"))
                return
            mark = event.start_mark
            if positions:
                values[path] = (mark.line + 1, mark.column + 1)
            if kind is _SCALAR:
                value = self._scalar(event, path)
                if value is _FAILED:
                    return
            else:
                is_seq = kind is _SEQUENCE
                if event.tag not in (None, "!", _SEQ if is_seq else _MAP):
                    self.problems.append(self.located(
                        mark, path, f"unsupported YAML tag {event.tag!r}; remove it"))
                    return
                if len(stack) >= MAX_DEPTH:
                    self.problems.append(self.located(
                        mark, path, f"nested more than {MAX_DEPTH} levels deep"))
                    return
                value = [] if is_seq else {}
                stack.append([value, path, None])
            if parent is None:
                if not stack:
                    self.doc.data = value
            elif type(parent[0]) is list:
                parent[0].append(value)
            else:
                if type(parent[2]) is not _Duplicate:
                    parent[0][parent[2]] = value
                parent[2] = None

    def _key(self, event: Any, parent: list[Any]) -> bool:
        """Record a mapping key; False when the key is refused."""
        mapping, path = parent[0], parent[1]
        if not isinstance(event, yaml.ScalarEvent) or event.anchor:
            self.problems.append(self.located(
                event.start_mark, path, "keys must be plain text such as 'title'"))
            return False
        if len(event.value) > MAX_KEY_LENGTH or _UNPRINTABLE_KEY.search(event.value):
            shown = event.value[:40] + ("..." if len(event.value) > 40 else "")
            self.problems.append(self.located(
                event.start_mark, path, f"key {shown!r} is not a field name; field names are "
                "short words such as 'title'"))
            return False
        tag = _resolve(event)
        if tag != _STR:
            self.problems.append(self.located(
                event.start_mark, path, f"key {event.value!r} is not read as text by YAML; "
                f"write it in quotes: \"{event.value}\""))
            return False
        key = event.value
        if key in mapping:
            if not self.positions:
                # Only that there is a problem matters here: `parse_yaml` reads the file
                # again with positions, which this message needs (where the key first was).
                self.problems.append(self.located(event.start_mark, path, "duplicate key"))
                return False
            self.problems.append(self.located(
                event.start_mark, (*path, key),
                f"duplicate key '{key}' (first at line {self.doc.keys[(*path, key)][0]}); "
                "remove one of them"))
            # Read on so later mistakes are reported too; the repeated value is dropped.
            parent[2] = _Duplicate(key)
            return True
        if self.positions:
            mark: Any = event.start_mark
            self.doc.keys[(*path, key)] = (mark.line + 1, mark.column + 1)
        parent[2] = key
        return True

    def _scalar(self, event: Any, path: Path_) -> Any:
        tag = _resolve(event)
        if tag in (_STR, _TIMESTAMP):
            # Dates stay as written: `dates.parse_date` reads them.
            return event.value
        if tag == _INT and event.tag is None and not _DECIMAL.fullmatch(event.value):
            # YAML 1.1 also reads 0x7E9, 0o3751, 03751, +2025, 2_025 and 33:45 as
            # whole numbers. Nothing in a briefing is one of those: kept as written,
            # `date: 0x7E9` is refused as a date instead of becoming the year 2025.
            return event.value
        method = _SCALAR_TAGS.get(tag)
        if method is None:
            self.problems.append(self.located(
                event.start_mark, path, f"unsupported YAML tag {tag!r}; remove it"))
            return _FAILED
        try:
            return getattr(_constructor, method)(yaml.ScalarNode(tag, event.value))
        except (ValueError, KeyError, IndexError):
            # PyYAML's constructors trust the resolver; an explicit tag such as
            # `!!bool maybe` or `!!int ''` reaches them with text they cannot read.
            self.problems.append(self.located(
                event.start_mark, path, f"cannot read {event.value[:40]!r} as "
                f"{_SCALAR_KINDS[tag]}; put it in quotes if it is text"))
            return _FAILED


_FAILED = object()


@dataclass(frozen=True)
class _Duplicate:
    """The pending key of a repeated mapping entry, whose value is read and dropped."""

    key: str


def _resolve(event: Any) -> str:
    """The tag YAML gives a scalar: its explicit tag, or the one its plain form implies."""
    tag = event.tag
    if tag is not None and tag != "!":
        return str(tag)
    value = event.value
    if tag == "!" or not event.implicit[0] or (value and value[0] not in _IMPLICIT_FIRST):
        return _STR  # quoted, or plain text that no other type can begin with
    return str(yaml.resolver.Resolver.resolve(_RESOLVER, yaml.ScalarNode, value, (True, False)))


_RESOLVER = yaml.resolver.Resolver()
_IMPLICIT_FIRST = frozenset(k for k in _RESOLVER.yaml_implicit_resolvers if k is not None)
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_SEQUENCE, _MAPPING = yaml.SequenceStartEvent, yaml.MappingStartEvent
_SEQUENCE_END, _MAPPING_END = yaml.SequenceEndEvent, yaml.MappingEndEvent
_STREAM_END, _DOCUMENT_START = yaml.StreamEndEvent, yaml.DocumentStartEvent

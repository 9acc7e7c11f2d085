"""Editors get help from the exported JSON Schemas: every content file names its schema
on its first line, and the schemas accept every valid briefing and refuse what the
generator refuses, checked with a real JSON Schema validator (as the YAML language
server does in an editor)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from generator.content.document import parse_yaml

from conftest import FIXTURES, REPO

SCHEMAS = REPO / "generator/schemas"
CONTENT_FILES = sorted((REPO / "content").glob("*/*.yml"))


def schema_of(name: str) -> dict[str, object]:
    return json.loads((SCHEMAS / f"{name.removesuffix('.yml')}.schema.json").read_text())


def data_of(path: Path, text: str | None = None) -> object:
    """A file's data as the YAML language server reads it: dates stay text."""
    doc, problems = parse_yaml((text or path.read_text(encoding="utf-8")).encode(), path.name)
    assert problems == []
    return doc.data


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_content_file_names_its_schema_on_its_first_line(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    schema = f"../../generator/schemas/{path.stem}.schema.json"
    assert first == f"# yaml-language-server: $schema={schema}"
    assert (path.parent / schema).resolve().is_file()


@pytest.mark.parametrize("path", [*CONTENT_FILES, *sorted(FIXTURES.glob("*/*.yml"))],
                         ids=lambda p: p.relative_to(REPO).as_posix())
def test_the_schemas_accept_every_valid_briefing(path: Path) -> None:
    jsonschema.validate(data_of(path), schema_of(path.name))


@pytest.mark.parametrize(("file", "old", "new", "complaint"), [
    ("briefing.yml", "status: active", "status: ongoing", "'ongoing' is not one of"),
    ("timeline.yml", "    summary: Fighting at the bridge.", "    sumary: Fighting.",
     "Additional properties are not allowed ('sumary' was unexpected)"),
    ("timeline.yml", "date: 2025-10-19", "date: 19 Oct 2025", "is not valid under any"),
    ("actors.yml", "kind: armed-group", "kind: militia", "'militia' is not one of"),
])
def test_the_schemas_refuse_what_the_generator_refuses(file: str, old: str, new: str,
                                                       complaint: str) -> None:
    path = FIXTURES / "riverland" / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    with pytest.raises(jsonschema.ValidationError) as refused:
        jsonschema.validate(data_of(path, text.replace(old, new)), schema_of(file))
    assert complaint in refused.value.message

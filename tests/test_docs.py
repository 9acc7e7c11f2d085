"""Every field an editor may write is documented, in the README and in the schemas."""

from __future__ import annotations

import re
import typing

import pytest
from pydantic import BaseModel

from generator.content.model import FILE_MODELS

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def fields(model: type[BaseModel]) -> typing.Iterator[tuple[str, str, typing.Any]]:
    """(model name, YAML key, field info) for the model and every model nested in it."""
    for name, info in model.model_fields.items():
        yield model.__name__, info.alias or name, info
        for arg in typing.get_args(info.annotation) or (info.annotation,):
            for inner in typing.get_args(arg) or (arg,):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    yield from fields(inner)


ALL_FIELDS = [(file, *f) for file, model in FILE_MODELS.items() for f in fields(model)]


@pytest.mark.parametrize(("file", "model", "key"), [(f, m, k) for f, m, k, _ in ALL_FIELDS])
def test_field_is_in_the_readme_under_its_file(file: str, model: str, key: str) -> None:
    section = README.split(f"### {file}", 1)[1].split("\n### ", 1)[0]
    assert re.search(rf"`{re.escape(key)}`", section), f"{model}.{key} is not documented"


@pytest.mark.parametrize(("model", "key", "info"), [(m, k, i) for _, m, k, i in ALL_FIELDS])
def test_field_has_a_description_for_the_schema(model: str, key: str, info: typing.Any) -> None:
    assert info.description, f"{model}.{key} has no description"


def test_the_readme_lists_every_limit_as_limits_py_sets_it() -> None:
    from generator.base import limits

    table = README.split("**Limits**", 1)[1].split("\n\n", 2)[1]
    rows = dict(re.findall(r"^\| (.+?) \| (.+?) \|$", table, re.M))
    assert rows == {
        "a YAML file": f"{limits.MAX_FILE_BYTES // 2**20} MiB",
        "values in one YAML file": f"{limits.MAX_VALUES:,}",
        "levels of nesting": f"{limits.MAX_DEPTH}",
        "characters in a key": f"{limits.MAX_KEY_LENGTH}",
        "characters in an id or slug": f"{limits.MAX_ID_LENGTH}",
        "characters in a text field": f"{limits.MAX_TEXT_LENGTH:,}",
        "a seed": f"{limits.MAX_SEED_BYTES // 2**20} MiB",
        "characters in a seed's file name": f"{limits.MAX_SEED_NAME_LENGTH}",
        "what": "at most", "---": "---",
    }


def test_every_plugin_option_is_in_the_readme() -> None:
    from generator.mkdocs.plugin import BriefingConfig

    example = README.split("## Plugin options", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    written = set(re.findall(r"^      (\w+):", example, re.M))
    assert written == {name for name, _ in BriefingConfig._schema}

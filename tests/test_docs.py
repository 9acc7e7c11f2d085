"""Every field an editor may write is documented, in docs/content-model.md and in the
schemas; every limit and option as the code sets it; and the README stays a README whose
example fits the skeleton that `new` writes."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator.content.model import FILE_MODELS, OPTIONAL_FILE_MODELS

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
CONTENT_MODEL = (REPO / "docs/content-model.md").read_text(encoding="utf-8")


def fields(model: type[BaseModel]) -> typing.Iterator[tuple[str, str, typing.Any]]:
    """(model name, YAML key, field info) for the model and every model nested in it."""
    for name, info in model.model_fields.items():
        yield model.__name__, info.alias or name, info
        for arg in typing.get_args(info.annotation) or (info.annotation,):
            for inner in typing.get_args(arg) or (arg,):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    yield from fields(inner)


ALL_FIELDS = [(file, *f) for file, model in (FILE_MODELS | OPTIONAL_FILE_MODELS).items()
              for f in fields(model)]


@pytest.mark.parametrize(("file", "model", "key"), [(f, m, k) for f, m, k, _ in ALL_FIELDS])
def test_field_is_documented_under_its_file(file: str, model: str, key: str) -> None:
    section = CONTENT_MODEL.split(f"\n## {file}\n", 1)[1].split("\n## ", 1)[0]
    assert re.search(rf"`{re.escape(key)}`", section), f"{model}.{key} is not documented"


@pytest.mark.parametrize(("model", "key", "info"), [(m, k, i) for _, m, k, i in ALL_FIELDS])
def test_field_has_a_description_for_the_schema(model: str, key: str, info: typing.Any) -> None:
    assert info.description, f"{model}.{key} has no description"


def test_the_docs_list_every_limit_as_limits_py_sets_it() -> None:
    from generator.base import limits

    safety = (REPO / "docs/safety.md").read_text(encoding="utf-8")
    table = safety.split("\n## Limits\n", 1)[1].split("\n\n", 2)[1]
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


def test_every_plugin_option_is_documented() -> None:
    from generator.mkdocs.config import BriefingConfig

    options = (REPO / "docs/options.md").read_text(encoding="utf-8")
    example = options.split("## Plugin options", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    written = set(re.findall(r"^      (\w+):", example, re.M))
    assert written == {name for name, _ in BriefingConfig._schema}


def test_the_readme_is_short_and_every_page_it_links_to_exists() -> None:
    import re

    assert len(README.splitlines()) <= 250
    links = re.findall(r"\]\(((?:docs|bench)/[^)#]+)", README)
    assert {link for link in links if link.startswith("docs/")} == {
        f"docs/{page.name}" for page in (REPO / "docs").glob("*.md")}
    for link in links:
        assert (REPO / link).is_file(), link


def test_the_readme_example_fits_the_skeleton_new_writes(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    from generator.cli.main import main as run_cli

    example = README.split("\n## Writing a briefing\n", 1)[1].split("```yaml\n", 1)[1] \
        .split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    assert run_cli(["new", "sahel-coup"]) == 0
    (tmp_path / "content/sahel-coup/timeline.yml").write_text(example, encoding="utf-8")
    assert run_cli(["check"]) == 0
    assert " error" not in capsys.readouterr().err

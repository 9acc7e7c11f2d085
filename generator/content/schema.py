"""JSON Schemas for the five briefing files, places.yml and translation files, exported
from the models.

Editors get completion and inline errors in any YAML-aware editor: the
files made by `new` point at these schemas with a `yaml-language-server`
comment. `python -m generator schema --out generator/schemas` refreshes them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.content.model import FILE_MODELS, OPTIONAL_FILE_MODELS
from generator.content.translations import TranslationFile


def schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of each file, by file name without `.yml`."""
    out = {}
    for name, model in (FILE_MODELS | OPTIONAL_FILE_MODELS).items():
        schema = model.model_json_schema(by_alias=True)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"{name} of a briefing"
        out[name.removesuffix(".yml")] = schema
    schema = TranslationFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "translations/<lang>.yml of a briefing"
    out["translation"] = schema
    return out


def write_schemas(folder: Path) -> list[Path]:
    """Write `<name>.schema.json` for each file into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / f"{name}.schema.json"
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written

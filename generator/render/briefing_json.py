"""The `briefing.json` export: the validated model, as editors wrote it, with defaults."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.content.model import Briefing


def briefing_json(briefing: Briefing) -> str:
    """The briefing as JSON: YAML keys, defaults filled in, dates as ISO strings at their
    precision, and `schema_version`."""
    data = briefing.model_dump(mode="json", by_alias=True)
    # Compact: Python's JSON encoder is many times slower with indentation, and the
    # file is for programs; `python -m json.tool` pretty-prints it for a person.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"

"""The rules that need no content model: how ids are spelt and which files a briefing
folder holds.

Kept apart from `model` so that a build whose briefings all come from the cache
never has to load the validation machinery.
"""

from __future__ import annotations

import re

from generator.base.limits import MAX_ID_LENGTH

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
FILE_NAMES = ("briefing.yml", "actors.yml", "timeline.yml", "stakes.yml", "sources.yml")
"""The five files of a briefing folder."""
OPTIONAL_FILE_NAMES = ("places.yml",)
"""The files a briefing folder may hold besides the five (third edition)."""
_SLUG = re.compile(SLUG_PATTERN)


def check_id(value: str) -> str:
    """An id or slug: lowercase ASCII letters and digits in hyphen-separated words."""
    if len(value) > MAX_ID_LENGTH:
        raise ValueError(f"ids are at most {MAX_ID_LENGTH} characters; "
                         f"this one has {len(value)}")
    if not _SLUG.fullmatch(value):
        raise ValueError(f"{value[:80]!r} is not a valid id; use lowercase letters, digits and "
                         "single hyphens, such as 'tahir-andrabi'")
    return value

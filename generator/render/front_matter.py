"""Front matter as the renderer writes it and the plugin reads it back: one JSON value a line.

Every generated page starts with front matter (`title`, `description`, the
briefing header's facts, JSON-LD). It is written as JSON, which is also YAML, so
any Markdown builder reads it; the MkDocs plugin reads it back with JSON's parser
(`read_front_matter`), several times faster than YAML's on pages with much of it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from generator.render.escape import Md

_SURROGATE_PAIR = re.compile(r"\\ud([89ab][0-9a-f]{2})\\ud([c-f][0-9a-f]{2})")


def front_matter_value(value: Any) -> Md:
    """A value for front matter: ASCII-only JSON, which YAML reads too.

    JSON writes a character beyond U+FFFF (an emoji) as a surrogate pair, which
    YAML refuses; MkDocs would then show the whole front matter as page text.
    YAML's own escape, `\\U0001F600`, is used instead.
    """
    text = json.dumps(value, ensure_ascii=True, sort_keys=True)
    return Md(_SURROGATE_PAIR.sub(_astral, text))


def _astral(match: re.Match[str]) -> str:
    high, low = int("d" + match.group(1), 16), int("d" + match.group(2), 16)
    return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}"


_KEY_LETTERS = "abcdefghijklmnopqrstuvwxyz_"
_YAML_ESCAPE = re.compile(r"\\\\|\\U([0-9A-F]{8})")


def read_front_matter(text: str) -> tuple[dict[str, Any], str] | None:
    """The front matter and the body of a page `render` wrote, read with JSON's parser:
    the same data YAML reads from it, several times faster on pages with much of it.
    None for any other text."""
    # `---`, lines of `key: <JSON>`, `---`: cut with str.find rather than a regular
    # expression, as this runs on every page and a JSON-LD line can be a hundred kilobytes.
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    if end < 0:
        return None
    meta = {}
    try:
        for line in text[4:end].split("\n") if end > 3 else ():
            key, colon, value = line.partition(": ")
            if not colon or not key or key.strip(_KEY_LETTERS):
                return None
            # Only a character beyond U+FFFF (rare) needs the escape rewritten.
            meta[key] = json.loads(_YAML_ESCAPE.sub(_surrogates, value) if "\\U" in value
                                   else value)
    except ValueError:
        return None
    return meta, text[end + 5:]


def _surrogates(match: re.Match[str]) -> str:
    """`\\U0001F600` (YAML's escape) as JSON's `\\ud83d\\ude00`; `\\\\` as it is."""
    if match.group(1) is None:
        return match.group()
    point = int(match.group(1), 16) - 0x10000
    return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"

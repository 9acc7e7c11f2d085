"""Find a quote in the text of its seed, as a careful reader would.

Both sides are compared after Unicode NFC, with whitespace folded and every
quotation mark, apostrophe, dash and ellipsis in its plain ASCII form, so
"won’t" in the article matches "won't" in the YAML. The comparison is
case-sensitive and has no elision syntax: a quote with a gap is two quotes.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass

_SINGLE = "'‘’‚‛′‵‹›＇"
_DOUBLE = "\"“”„‟″‶«»＂"
_DASHES = "‐‑‒–—―−⸺⸻"
_FOLD = {**{ord(c): "'" for c in _SINGLE}, **{ord(c): '"' for c in _DOUBLE},
         **{ord(c): "-" for c in _DASHES}, ord("…"): "..."}


def normalize(text: str) -> str:
    """The form in which quotes and seeds are compared."""
    return _Normalized(text).text


@dataclass(frozen=True)
class Passage:
    """Where in a seed a quote best matches: 1-based line and the passage itself."""

    line: int
    text: str


class _Normalized:
    """Normalized text that remembers, for each character, where it came from."""

    def __init__(self, text: str) -> None:
        self.original = unicodedata.normalize("NFC", text)
        chars: list[str] = []
        origin: list[int] = []
        in_space = False
        for index, char in enumerate(self.original):
            if char.isspace():
                if not in_space and chars:
                    chars.append(" ")
                    origin.append(index)
                in_space = True
                continue
            in_space = False
            folded = _FOLD.get(ord(char), char)
            chars.extend(folded)
            origin.extend([index] * len(folded))
        while chars and chars[-1] == " ":
            chars.pop()
            origin.pop()
        self.text = "".join(chars)
        self.origin = origin


class Seed:
    """A seed document's text, normalized once and searched for many quotes."""

    def __init__(self, text: str) -> None:
        self._normalized = _Normalized(text)

    def contains(self, quote: str) -> bool:
        """True if the quote appears in the seed, after normalizing both."""
        wanted = normalize(quote)
        return bool(wanted) and wanted in self._normalized.text

    def nearest(self, quote: str) -> Passage:
        """The passage of the seed that looks most like the quote."""
        wanted = normalize(quote)
        seed = self._normalized
        matcher = difflib.SequenceMatcher(None, seed.text, wanted, autojunk=False)
        match = matcher.find_longest_match(0, len(seed.text), 0, len(wanted))
        start = max(0, match.a - match.b)
        end = min(len(seed.text), start + len(wanted))
        # Widen to whole words so the passage reads naturally.
        while start > 0 and seed.text[start - 1] != " ":
            start -= 1
        while end < len(seed.text) and seed.text[end] != " ":
            end += 1
        if not seed.text:
            return Passage(1, "")
        first = seed.origin[start]
        line = seed.original.count("\n", 0, first) + 1
        return Passage(line, seed.text[start:end].strip("\"',.;: "))

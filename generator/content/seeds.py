"""The archived texts of sources in `seeds/`, and quotes found in them as a careful reader would.

A seed is read once per check, never through a link and never from outside the
project (`Seeds`). Quotes and seeds are compared after Unicode NFC, with whitespace
folded and every quotation mark, apostrophe, dash and ellipsis in its plain ASCII
form, so "won’t" in the article matches "won't" in the YAML. The comparison is
case-sensitive and has no elision syntax: a quote with a gap is two quotes.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator.base.disk import NotRegularError, TooLargeError, read_regular
from generator.base.limits import HINT_BUDGET, MAX_SEED_BYTES, QUOTE_SEARCH_BUDGET
from generator.base.paths import is_within
from generator.base.problems import BriefingError, did_you_mean

_SINGLE = "'‘’‚‛′‵‹›＇"
_DOUBLE = "\"“”„‟″‶«»＂"
_DASHES = "‐‑‒–—―−⸺⸻"
_WORD = re.compile(r"\w+")
_MAX_WORDS = 60
"""The nearest passage is found from the quote's first words; the rest add little."""
_MAX_WORK = 200_000
"""How many word matches the search for the nearest passage looks at, at most."""
_MAX_PASSAGE = 300
"""Longer passages are cut short in messages."""
_FOLD = {**{ord(c): "'" for c in _SINGLE}, **{ord(c): '"' for c in _DOUBLE},
         **{ord(c): "-" for c in _DASHES}, ord("…"): "..."}


_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """The form in which quotes and seeds are compared."""
    folded = unicodedata.normalize("NFC", text).translate(_FOLD)
    return _SPACES.sub(" ", folded).strip(" ")


class Budget:
    """Work that the search for nearest passages may still do, shared by every missing
    quote of one briefing: counted in characters of seed prepared and word matches
    compared, never in time, so a check gives the same messages on any machine."""

    def __init__(self, units: int) -> None:
        self.left = units

    def spend(self, units: int) -> bool:
        """Take `units` of work if that many are left (and say whether they were)."""
        if units > self.left:
            self.left = 0
            return False
        self.left -= units
        return True


@dataclass(frozen=True)
class Passage:
    """Where in a seed a quote best matches: 1-based line and the passage itself."""

    line: int
    text: str


class _Normalized:
    """Normalized text that remembers, for each character, where it came from.

    Built only to report where a missing quote's nearest passage is: finding a
    quote needs `normalize` alone, which is much faster.
    """

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

    def __init__(self, text: str, sha256: str = "") -> None:
        self._text = text
        self.sha256 = sha256
        """The SHA-256 of the file's bytes: what a reader checks an archived copy against."""
        self._normalized_text = normalize(text)
        self._mapped: _Normalized | None = None
        self._words: tuple[list[int], dict[str, list[int]]] | None = None

    @property
    def _normalized(self) -> _Normalized:
        if self._mapped is None:
            self._mapped = _Normalized(self._text)
        return self._mapped

    @property
    def text(self) -> str:
        """The seed's text as archived."""
        return self._text

    def contains(self, quote: str) -> bool:
        """True if the quote appears in the seed, after normalizing both."""
        wanted = normalize(quote)
        return bool(wanted) and wanted in self._normalized_text

    def nearest(self, quote: str, budget: Budget | None = None) -> Passage | None:
        """The passage of the seed that looks most like the quote, or None once the
        `budget` is spent.

        That is where the longest run of the quote's words stands in the seed in
        the same order (ignoring case and punctuation), widened to the quote's
        length. Only the quote's first words are looked up and the search stops
        after a fixed amount of work, so a long quote or a long seed cannot make
        a check hang; the budget bounds the work for all of a briefing's quotes.
        """
        budget = budget or Budget(len(self._text) + _MAX_WORK)
        if self._mapped is None and not budget.spend(len(self._text)):
            return None  # preparing the seed for the search costs about its length
        wanted = normalize(quote)
        seed = self._normalized
        if not seed.text:
            return Passage(1, "")
        starts, where = self._index()
        words = list(itertools.islice(_WORD.finditer(wanted), _MAX_WORDS))
        best = (0, 0, 0)  # run length, index of its last word in the seed, in the quote
        runs: dict[int, int] = {}
        work, limit = 0, min(_MAX_WORK, budget.left)
        for j, word in enumerate(words):
            found = where.get(word.group().casefold(), [])
            work += len(found)
            if work > limit:
                if limit < _MAX_WORK:
                    budget.spend(work)
                    return None  # the budget ran out before the search did
                break
            runs = {n: runs.get(n - 1, 0) + 1 for n in found}
            for n, length in runs.items():
                if length > best[0]:
                    best = (length, n, j)
        budget.spend(min(work, limit))
        length, in_seed, in_quote = best
        start = 0
        if length:
            offset = words[in_quote - length + 1].start()
            start = max(0, starts[in_seed - length + 1] - offset)
        end = min(len(seed.text), start + min(len(wanted), _MAX_PASSAGE))
        # Widen to whole words so the passage reads naturally.
        while start > 0 and seed.text[start - 1] != " ":
            start -= 1
        while end < len(seed.text) and seed.text[end] != " ":
            end += 1
        first = seed.origin[min(start, len(seed.origin) - 1)]
        line = seed.original.count("\n", 0, first) + 1
        passage = seed.text[start:end].strip("\"',.;: ")
        if len(passage) > _MAX_PASSAGE:
            passage = passage[:_MAX_PASSAGE].rstrip() + "..."
        return Passage(line, passage)

    def _index(self) -> tuple[list[int], dict[str, list[int]]]:
        """Where each word of the seed starts, and the numbers of the words by their text."""
        if self._words is None:
            starts: list[int] = []
            where: dict[str, list[int]] = {}
            for number, word in enumerate(_WORD.finditer(self._normalized.text)):
                starts.append(word.start())
                where.setdefault(word.group().casefold(), []).append(number)
            self._words = (starts, where)
        return self._words


class SeedError(BriefingError):
    """A seed that cannot be used: missing, unreadable, too large or not text."""


class Seeds:
    """The archived source texts in `seeds/`, each read and normalized once."""

    def __init__(self, folder: Path, shown_as: str = "seeds", root: Path | None = None) -> None:
        self.folder = folder
        self.shown_as = shown_as
        self.root = root if root is not None else folder
        """The project: no seed is read from outside it."""
        self._names: set[str] | None = None
        self._texts: dict[str, Seed | SeedError] = {}
        self._hint_budget = HINT_BUDGET
        self.budget = Budget(QUOTE_SEARCH_BUDGET)
        """The work the search for missing quotes' nearest passages may still do."""

    def get(self, name: str) -> Seed:
        """The seed named `name`; raises `SeedError` saying why it cannot be used."""
        if name not in self._texts:
            try:
                self._texts[name] = self._read(name)
            except SeedError as error:
                self._texts[name] = error
        found = self._texts[name]
        if isinstance(found, SeedError):
            raise found
        return found

    def _read(self, name: str) -> Seed:
        if self._names is None:
            self._names = set(_listdir(self.folder))
        # Compare with the exact names on disk, so case-insensitive file systems
        # and look-alike Unicode spellings cannot reach another file.
        if name not in self._names:
            same = [n for n in sorted(self._names) if n.casefold() == name.casefold()]
            self._hint_budget -= len(self._names)
            hint = f" (did you mean '{same[0]}'? names are case-sensitive)" if same \
                else did_you_mean(name, self._names) if self._hint_budget >= 0 else ""
            raise SeedError(f"seed file '{name}' is not in {self.shown_as}/{hint}")
        path = self.folder / name
        if not is_within(path, self.root):
            raise SeedError(f"seed '{name}' in {self.shown_as}/ is outside the project")
        try:
            # A link is read where it leads, checked above to lie inside the project: that
            # very path is opened, refusing a link put in its place meanwhile.
            raw = read_regular(Path(os.path.realpath(path)), MAX_SEED_BYTES, follow=False)
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise SeedError(f"seed file {self.shown_as}/{name} is not UTF-8; "
                            "save it as UTF-8") from None
        except TooLargeError as error:
            raise SeedError(f"seed file {self.shown_as}/{name} is {error.size:,} bytes, more "
                            f"than the {MAX_SEED_BYTES:,} allowed; keep only the article's "
                            "text") from None
        except NotRegularError:
            raise SeedError(f"seed '{name}' in {self.shown_as}/ is not a regular file") from None
        except OSError as exc:
            raise SeedError(f"seed file {self.shown_as}/{name} cannot be read: "
                            f"{exc.strerror}") from None
        if not text.strip():
            raise SeedError(f"seed file {self.shown_as}/{name} is empty; "
                            "save the source's text in it")
        return Seed(text, hashlib.sha256(raw).hexdigest())


def _listdir(folder: Path) -> list[str]:
    try:
        return [p.name for p in folder.iterdir()]
    except OSError:
        return []

"""Problems found in content: where each one is, and what to do about it.

Every stage reports what is wrong as a `Problem` that knows where it is:
file, line and column, the field path inside the file, and a message that
says what was expected, what arrived and how to fix it. Stages collect all
problems before failing, so an editor sees every mistake in one run; this
module also holds the one rule for what fails a run (`failing`) and the one
order problems are printed in (`in_order`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


class BriefingError(Exception):
    """A failure that stops a command, such as a folder it may not write: its message is
    one line that says what is wrong and what to do. The CLI prints it after `error: `;
    the plugin turns it into MkDocs' `PluginError`."""


@dataclass(frozen=True)
class Problem:
    """One error or warning, printed as `file:line:col: field: message`."""

    file: str
    """Path of the file (or folder) as the editor knows it, e.g. `content/afpak/timeline.yml`."""
    line: int | None
    """1-based line, or None where the problem is a whole folder."""
    column: int | None
    """1-based column, or None with `line`."""
    field: str
    """Field path inside the file, e.g. `events[2].actors[1]`; empty for a whole file."""
    message: str
    severity: Severity = "error"
    stale: bool = False
    """True for the review-date warning, which by itself never fails a strict build."""

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}:{self.column}"
        parts = [where]
        if self.field:
            parts.append(self.field)
        parts.append(self.message if self.severity == "error" else f"warning: {self.message}")
        return ": ".join(parts)


def field_path(path: tuple[str | int, ...]) -> str:
    """Format a path tuple as editors read it: `("events", 2, "actors")` -> `events[2].actors`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def did_you_mean(wrong: str, choices: list[str] | set[str]) -> str:
    """A ` (did you mean 'x'?)` hint for a near miss, or an empty string."""
    import difflib

    close = difflib.get_close_matches(wrong, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def typo_of(wrong: str, choices: list[str]) -> str:
    """The choice that `wrong` is a slip of the keys for (one or two letters added, lost,
    changed or swapped, by its length), or ''. Stricter than `did_you_mean`: for a word
    from a short list, a distant look-alike is a guess, not a hint (`ongoing` is not
    a misspelling of `monitoring`)."""
    allowed = 1 if len(wrong) <= 5 else 2
    close = [c for c in choices if _edits(wrong.lower(), c.lower(), allowed) <= allowed]
    return close[0] if len(close) == 1 else ""


def _edits(a: str, b: str, most: int) -> int:
    """The Damerau-Levenshtein distance between `a` and `b`, or `most + 1` if larger."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    previous, row = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if previous is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] \
                    and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous[j - 2] + 1)
        previous, row = row, current
    return row[len(b)]


def errors_in(problems: list[Problem]) -> list[Problem]:
    """The problems that are errors."""
    return [p for p in problems if p.severity == "error"]


def warnings_in(problems: list[Problem]) -> list[Problem]:
    """The problems that are warnings."""
    return [p for p in problems if p.severity == "warning"]


def in_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems as every command prints them: by file, line, column and message, each
    once (a file that cannot be used is met both by the walk of its folder and by the
    briefing that reads it)."""
    return sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.column or 0, p.message))


def failing(problems: list[Problem], *, strict: bool, fail_on_stale: bool = False
            ) -> list[Problem]:
    """The problems that fail a run, for the CLI and the plugin alike: every error and,
    under `strict`, every warning, except that a briefing past its review date fails only
    with `fail_on_stale` (a build must not break because the calendar moved)."""
    return [p for p in problems if p.severity == "error"
            or (strict and (fail_on_stale or not p.stale))]


def describe(value: Any) -> str:
    """Name a YAML value for a message: `'abc'`, `the number 12`, `nothing`, `a list`."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")

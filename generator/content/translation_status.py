"""How far a translation trails its source, field by field: what the pages, the status
page, the build cache and the `translations` command share, without the content model
(a build whose briefings all come from the cache never loads it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

State = Literal["current", "outdated", "missing", "superseded"]
"""How a field shows in another language: its translation (`current`, `outdated` with a
notice) or the source text (`missing`; `superseded`, an outdated translation whose source
has since changed a number or a link, so that no superseded fact is shown)."""


class Translated(str):
    """Text of a translated briefing, knowing its language and how it came to show."""

    lang: str
    state: State

    @classmethod
    def of(cls, text: str, lang: str, state: State) -> Translated:
        made = cls(text)
        made.lang, made.state = lang, state
        return made

    @property
    def shows_source(self) -> bool:
        """Whether this is the source text, shown for want of a current translation."""
        return self.state in ("missing", "superseded")


@dataclass(frozen=True)
class Status:
    """How far one briefing's translation into one language trails its source."""

    lang: str
    states: dict[str, State] = field(default_factory=dict)
    """Each translatable field's state, by address, in the briefing's order (not changed
    once made: every page of the briefing asks for the counts below)."""

    @cached_property
    def current(self) -> int:
        return sum(1 for s in self.states.values() if s == "current")

    @cached_property
    def outdated(self) -> list[str]:
        """The addresses of fields translated from an earlier source (superseded included)."""
        return [a for a, s in self.states.items() if s in ("outdated", "superseded")]

    @cached_property
    def missing(self) -> list[str]:
        return [a for a, s in self.states.items() if s == "missing"]

    @property
    def total(self) -> int:
        return len(self.states)

    @property
    def complete(self) -> bool:
        return self.current == self.total



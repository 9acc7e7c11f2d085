"""A briefing's card: what the site shows of it outside its own pages.

Kept apart from `model` (no pydantic here): cards are what a cached build
reads back, and such a build never loads the validation machinery.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .dates import PartialDate, parse_date

if TYPE_CHECKING:
    from .model import Briefing


@dataclass(frozen=True)
class Card:
    """A briefing's entry on the home page and its section of the nav. Small, so a
    cached build needs nothing more."""

    slug: str
    title: str
    summary: str
    status: str
    trend: str | None
    as_of: PartialDate
    review_by: PartialDate | None
    region: str | None
    actor_ids: tuple[str, ...]

    @classmethod
    def of(cls, briefing: Briefing) -> Card:
        """The card of a validated briefing."""
        meta = briefing.briefing
        return cls(briefing.slug, meta.title, meta.summary, meta.status, meta.trend,
                   meta.as_of, meta.review_by, meta.region,
                   tuple(actor.id for actor in briefing.actors))

    def to_json(self) -> dict[str, Any]:
        """The card as JSON data, dates as ISO strings."""
        data = dataclasses.asdict(self)
        data["as_of"] = self.as_of.iso()
        data["review_by"] = self.review_by.iso() if self.review_by else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Card:
        """A card from `to_json` data; raises ValueError or TypeError on anything else."""
        review_by = data.get("review_by")
        return cls(**{**data, "as_of": parse_date(data["as_of"]),
                      "review_by": parse_date(review_by) if review_by else None,
                      "actor_ids": tuple(data["actor_ids"])})

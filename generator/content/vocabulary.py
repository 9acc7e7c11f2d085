"""The fixed words of the content model: every kind and status an editor may write.

Declared once, here, and without pydantic: the model (`model`) types its fields
with them, and the pages, pictures and exports that give each kind its words, its
mark or its schema.org type take the kinds from here, so a cached build, which
never loads the model, reads them too. A kind added here that some page has no
words for fails `tests/test_vocabulary.py`, rather than vanishing from that page.
"""

from __future__ import annotations

from typing import Literal, get_args

ActorKind = Literal["state", "government", "armed-group", "organization", "person"]
RelationKind = Literal["accuses", "opposes", "supports", "mediates", "negotiates-with",
                       "allied-with"]
EventKind = Literal["attack", "strike", "clash", "talks", "agreement", "statement", "visit",
                    "other"]
SourceKind = Literal["news", "official", "analysis", "other"]
ImplementationStatus = Literal["kept", "in-progress", "broken", "disputed"]
BriefingStatus = Literal["active", "monitoring", "resolved"]
Trend = Literal["escalating", "steady", "de-escalating"]
PlaceKind = Literal["city", "site", "region", "country", "border"]

ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)
"""In the order the actors page groups them."""
RELATION_KINDS: tuple[str, ...] = get_args(RelationKind)
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
PLACE_KINDS: tuple[str, ...] = get_args(PlaceKind)
"""From the most precise to the least: how a place is drawn on the map (a point, a point,
a halo, a whole country, a line)."""
IMPLEMENTATION_STATUSES: tuple[str, ...] = get_args(ImplementationStatus)
BRIEFING_STATUSES: tuple[str, ...] = get_args(BriefingStatus)
COMMITMENT_STATUSES: tuple[str, ...] = (*IMPLEMENTATION_STATUSES, "pending", "overdue",
                                        "in-force", "ended")
"""What a commitment's status can be: the latest event's word on it, else `pending`, or
`overdue` once it is past due; an ongoing one `in-force` from its `from` on and `ended`
after its `until` (see `render.analysis.track_commitments`)."""

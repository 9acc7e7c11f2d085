"""The placeholders `python -m generator new` writes into a skeleton briefing
(`cli/skeleton.py`, kept in step by a test): `check` warns at each one left, so that a
skeleton is never published by accident."""

from __future__ import annotations

PLACEHOLDERS = frozenset({
    # ids
    "example-actor", "other-actor", "example-event", "example-stake", "example-source",
    # briefing.yml
    "The bottom line in one paragraph: what happened, who is involved and why it matters. "
    "Replace this text.",
    "Why it matters, one point per line.",
    # actors.yml
    "Example actor", "Another actor",
    "Who the actor is and what it does in this situation.", "The other side.",
    # timeline.yml
    "What happened, in a few words", "What happened, with detail.",
    # stakes.yml
    "The issue in dispute", "What is at stake and for whom.", "What this actor wants.",
    "What the other side wants.",
    # sources.yml
    "Title of the article or document", "Who published it",
    "https://example.org/replace-with-the-real-address",
})

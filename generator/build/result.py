"""What loading one briefing folder gives: its card, its problems and its pages.

The pipeline makes these, the build cache stores and returns them, and the
site puts their pages together; none of those needs the others to describe it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.base.problems import Problem
from generator.content.translation_status import Status
from generator.render.card import Card

if TYPE_CHECKING:
    from generator.content.model import Briefing


@dataclass
class BriefingResult:
    """One briefing folder: its card if it is valid, its problems, and its pages."""

    slug: str
    folder: str
    """The folder as messages show it, such as `content/afpak`."""
    card: Card | None
    """None when the briefing has errors."""
    problems: list[Problem]
    digest: str = ""
    """Hash of everything the briefing was built from; equal digests mean equal output,
    so it is also the key the build cache keeps the result under."""
    briefing: Briefing | None = None
    """The validated briefing, when it was loaded in this process (not from the cache)."""
    pages: dict[str, str] | None = None
    """Its rendered files by path, when it was loaded for a build and is valid."""
    digests: dict[str, str] = field(default_factory=dict)
    """The `text_digest` of each of its rendered files, by path: made where the files
    are, so that a dirty build need not hash them again (see `mkdocs.dirty`)."""
    editions: dict[str, Card] = field(default_factory=dict)
    """On a site in several languages, its card in each language other than the source's,
    by language code."""
    translations: dict[str, Status] = field(default_factory=dict)
    """How current its translation into each other language is, by language code."""


def text_digest(text: str) -> str:
    """A hash of a generated file's text: what a dirty build compares."""
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def with_digests(pages: dict[str, str]) -> dict[str, str]:
    """The `text_digest` of each of `pages`, by path."""
    return {path: text_digest(text) for path, text in pages.items()}

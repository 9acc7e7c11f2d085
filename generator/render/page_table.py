"""The pages of a briefing, in one table that the renderer, the plugin and the theme read.

Adding a page to every briefing is one row here and one template in `templates/`.
Each page's path, template, title and YAML source are written nowhere else: the
renderer renders the rows, the plugin builds the nav section and the edit links
from them, and the theme's briefing header gets them through each page's front
matter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.content.model import Briefing


@dataclass(frozen=True)
class PageKind:
    """One page that every briefing has."""

    path: str
    """The page's Markdown path inside the briefing's folder, such as `timeline.md`."""
    template: str
    """The template in `templates/` that renders it."""
    title: str
    """Its short title: the nav label, the header link and the start of `<title>`."""
    source: str
    """The YAML file it is mostly made from: its "edit this page" link opens that file."""
    only_if: Callable[[Briefing], bool] | None = None
    """For a page that not every briefing has: whether this one has it."""
    in_nav: bool = True
    """Whether the briefing's nav section and header list it (the print version is
    linked on its own)."""

    @property
    def url(self) -> str:
        """Its address relative to the briefing's own: `""`, `timeline/`, `actors/`."""
        stem = self.path.removesuffix(".md")
        folder, _, name = stem.rpartition("/")
        if name == "index":
            return f"{folder}/" if folder else ""
        return f"{stem}/"

    @property
    def base(self) -> str:
        """The relative link from the page's Markdown file back to the briefing's folder."""
        return "../" * self.path.count("/")


def _has_commitments(briefing: Briefing) -> bool:
    return any(event.commitments for event in briefing.events)


PRINT_PAGE = PageKind("print.md", "print.md.j2", "Print version", "briefing.yml", in_nav=False)
"""The whole briefing on one page, in reading order, for paper."""

PAGE_KINDS = (
    PageKind("index.md", "overview.md.j2", "Overview", "briefing.yml"),
    PageKind("timeline.md", "timeline.md.j2", "Timeline", "timeline.yml"),
    PageKind("actors/index.md", "actors.md.j2", "Actors", "actors.yml"),
    PageKind("stakes.md", "stakes.md.j2", "Stakes", "stakes.yml"),
    PageKind("commitments.md", "commitments.md.j2", "Commitments", "timeline.yml",
             only_if=_has_commitments),
    PageKind("sources.md", "sources.md.j2", "Sources", "sources.yml"),
    PRINT_PAGE,
)
"""Every briefing's pages, in the order of its nav section and header links."""

ACTOR_PAGE = PageKind("actors/{id}.md", "actor.md.j2", "{name}", "actors.yml")
"""One page per actor; not in the nav section, but opening it."""
EXPORT = "briefing.json"
"""The briefing as data, beside its pages."""
DATA_FILES = (EXPORT, "timelinejs.json", "events.csv", "claims.csv")
"""Every file of the briefing's data, beside its pages (see `exports`); each page links
them (`overrides/partials/briefing-data.html`)."""
FEED = "feed.xml"
"""The site's Atom feed of briefing updates, at the site's root."""


def actor_path(actor_id: str) -> str:
    """The path of an actor's page inside the briefing's folder."""
    return ACTOR_PAGE.path.format(id=actor_id)


def kinds_of(briefing: Briefing) -> list[PageKind]:
    """The pages that this briefing has, in order."""
    return [kind for kind in PAGE_KINDS if kind.only_if is None or kind.only_if(briefing)]


def briefing_paths(slug: str, pages: tuple[str, ...], actor_ids: tuple[str, ...]) -> list[str]:
    """The path of every file rendered for one briefing, given the paths of its page kinds
    (see `kinds_of`) and its actors' ids."""
    return ([f"{slug}/{page}" for page in pages]
            + [f"{slug}/{actor_path(actor_id)}" for actor_id in actor_ids]
            + [f"{slug}/{name}" for name in DATA_FILES])


def source_of(path: str) -> str | None:
    """The YAML file a generated page inside a briefing's folder comes from, if any."""
    for kind in PAGE_KINDS:
        if kind.path == path:
            return kind.source
    if path.startswith("actors/") and path.endswith(".md"):
        return ACTOR_PAGE.source
    return None

"""Every address the site has: a briefing's pages in one table, and the site's own files.

Adding a page to every briefing is one row here and one template in `templates/`.
Each page's path, template, title and YAML source are written nowhere else: the
renderer renders the rows (and links between them through `link_to`), the plugin
builds the nav section and the edit links from them, and the theme's briefing
header gets them through each page's front matter. The files made for the whole
site (the home page, the feed, the search's files, the preview's problems) and the
names the built site keeps for itself are listed here too, so a briefing can never
take one of them.
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
    several_languages: bool = False
    """For a page only a site in several languages has."""

    @property
    def url(self) -> str:
        """Its address relative to the briefing's own: `""`, `timeline/`, `actors/`."""
        return url_of(self.path)

    @property
    def base(self) -> str:
        """The relative link from the page's Markdown file back to the briefing's folder."""
        return "../" * self.path.count("/")


def _has_commitments(briefing: Briefing) -> bool:
    return any(event.commitments for event in briefing.events)


def _has_places(briefing: Briefing) -> bool:
    return bool(briefing.places)


OVERVIEW = PageKind("index.md", "overview.md.j2", "Overview", "briefing.yml")
TIMELINE = PageKind("timeline.md", "timeline.md.j2", "Timeline", "timeline.yml")
"""Each event has its anchor here: its id."""
ACTORS = PageKind("actors/index.md", "actors.md.j2", "Actors", "actors.yml")
STAKES = PageKind("stakes.md", "stakes.md.j2", "Stakes", "stakes.yml")
"""Each stake has its anchor here: its id."""
COMMITMENTS = PageKind("commitments.md", "commitments.md.j2", "Commitments", "timeline.yml",
                       only_if=_has_commitments)
"""Each commitment has its anchor here: its id."""
PLACES = PageKind("places.md", "places.md.j2", "Places", "places.yml", only_if=_has_places)
"""Each place has its anchor here: its id; the map's markers link to it."""
SOURCES = PageKind("sources.md", "sources.md.j2", "Sources", "sources.yml")
"""Each source has its anchor here: its id; citations everywhere link to it."""
TRANSLATIONS = PageKind("translations.md", "translations.md.j2", "Translations",
                        "briefing.yml", several_languages=True)
"""How current each language's translation is, with its outdated fields (third edition)."""
PRINT_PAGE = PageKind("print.md", "print.md.j2", "Print version", "briefing.yml", in_nav=False)
"""The whole briefing on one page, in reading order, for paper."""

PAGE_KINDS = (OVERVIEW, TIMELINE, ACTORS, STAKES, COMMITMENTS, PLACES, SOURCES, TRANSLATIONS,
              PRINT_PAGE)
"""Every briefing's pages, in the order of its nav section and header links."""

ACTOR_PAGE = PageKind("actors/{id}.md", "actor.md.j2", "{name}", "actors.yml")
"""One page per actor; not in the nav section, but opening it."""
EXPORT = "briefing.json"
"""The briefing as data, beside its pages."""
DATA_FILES = (EXPORT, "timelinejs.json", "events.csv", "claims.csv")
"""Every file of the briefing's data, beside its pages (see `exports`); each page links
them (`overrides/partials/briefing-data.html`)."""
PLACES_DATA = "places.geojson"
"""The briefing's places as GeoJSON, beside the places page of a briefing that has one."""
SEED_ARCHIVE = "sources/{id}.txt"
"""Where a source's archived text is published (with `publish_seeds` on)."""


def actor_path(actor_id: str) -> str:
    """The path of an actor's page inside the briefing's folder."""
    return ACTOR_PAGE.path.format(id=actor_id)


def archive_path(source_id: str) -> str:
    """The path of a source's archived text inside the briefing's folder."""
    return SEED_ARCHIVE.format(id=source_id)


def link_to(kind: PageKind, anchor: str = "", *, base: str = "") -> str:
    """The Markdown link target of a page of the briefing (at `anchor`, an id) from a page
    whose way back to the briefing's folder is `base`: `../timeline.md#doha-talks`."""
    return f"{base}{kind.path}#{anchor}" if anchor else f"{base}{kind.path}"


def kinds_of(briefing: Briefing, *, several_languages: bool = False) -> list[PageKind]:
    """The pages that this briefing has, in order (on a site in `several_languages`, the
    status of its translations too)."""
    return [kind for kind in PAGE_KINDS
            if (kind.only_if is None or kind.only_if(briefing))
            and (several_languages or not kind.several_languages)]


def briefing_paths(slug: str, pages: tuple[str, ...], actor_ids: tuple[str, ...]) -> list[str]:
    """The path of every file rendered for one briefing, given the paths of its page kinds
    (see `kinds_of`) and its actors' ids."""
    return ([f"{slug}/{page}" for page in pages]
            + [f"{slug}/{actor_path(actor_id)}" for actor_id in actor_ids]
            + [f"{slug}/{name}" for name in DATA_FILES]
            + ([f"{slug}/{PLACES_DATA}"] if PLACES.path in pages else []))


def source_of(path: str) -> str | None:
    """The YAML file a generated page inside a briefing's folder comes from, if any."""
    for kind in PAGE_KINDS:
        if kind.path == path:
            return kind.source
    if path.startswith("actors/") and path.endswith(".md"):
        return ACTOR_PAGE.source
    return None


def url_of(path: str) -> str:
    """The URL a page path gets with MkDocs' directory URLs: `a/b.md` -> `a/b/`."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    folder, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return f"{folder}/" if folder else ""
    return f"{stem}/"


# The whole site's files.

HOME = "index.md"
"""The home page: every briefing, the freshest first."""
FEED = "feed.xml"
"""The site's Atom feed of briefing updates, at the site's root."""
NAMES_PATH = "search/names.json"
"""The names index that search falls back on (see `search_names`)."""
BRIEFINGS_PATH = "search/briefings.json"
"""The briefings' titles, for search results (see `search_names`)."""
SITE_FILES = {HOME: "the home page", FEED: "the site (its Atom feed)",
              NAMES_PATH: "the search (its names index)",
              BRIEFINGS_PATH: "the search (its list of briefings)"}
"""The files generated for the whole site, whatever its briefings, and what each belongs to
(as messages name it)."""
PROBLEMS = "assets/briefing-problems.json"
"""Under serve: the last save's problems, which `assets/briefing-preview.js` shows."""
SEARCH_INDEX = "pagefind"
"""The folder of the search index that the publish step writes (see `publish.search_index`)."""
SITEMAP = ("sitemap.xml", "sitemap.xml.gz")
"""The sitemap MkDocs writes at the site's root (the theme's static templates)."""

LISTINGS = "briefings"
"""The folder of a large desk's listing pages (see `render.desk`)."""


def listing_path(kind: str, key: str, page: int = 1) -> str:
    """The Markdown path of page `page` of a listing of briefings: every briefing
    (`kind` ""), or those of one status, tag, region or spot on the map (`kind` "status",
    "tags", "regions" or "map", `key` the value): `briefings/index.md`, `briefings/2.md`,
    `briefings/status/active.md`, `briefings/status/active/2.md`."""
    folder = f"{LISTINGS}/{kind}/{key}" if kind else LISTINGS
    if page > 1:
        return f"{folder}/{page}.md"
    return f"{folder}.md" if kind else f"{folder}/index.md"


RESERVED_SLUGS = frozenset({"assets", "search", "tags", "404", "sitemap", SEARCH_INDEX,
                            LISTINGS})
"""Folder names the built site uses itself, so no briefing may take them: the theme's
assets and 404 page, the search's files and index, tags, the sitemap and the desk's
listings."""

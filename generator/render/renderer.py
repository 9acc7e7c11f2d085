"""Render validated briefings into Markdown pages: a pure function, model in, files out.

`render_site` returns `{path: text}` for the home page and every page of
every briefing, plus each briefing's data files. Nothing here knows about
MkDocs: the same dictionary is served by the plugin, written to disk by
`python -m generator render`, or handed to another builder. The pages are the
rows of the page table (`page_table`), each from its Jinja2 template in
`templates/`; every value a template prints goes through `escape.plain` unless
it is already safe Markdown (`Md`), so text from YAML can never become markup.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache, lru_cache, partial
from typing import TYPE_CHECKING, Any

from generator.base.settings import PageOptions
from generator.content.dates import format_date
from generator.content.ids import check_id
from generator.content.vocabulary import EVENT_KINDS
from generator.render.card import Card, freshest_first
from generator.render.desk import Listing, browse_links, is_large, listings, map_groups
from generator.render.editions import Edition
from generator.render.escape import Md, code_span, html, plain
from generator.render.exports import briefing_json, claims_csv, events_csv, timelinejs_json
from generator.render.front_matter import front_matter_value
from generator.render.head import page_head
from generator.render.inline import as_phrase, inline, inline_label
from generator.render.maps import DeskPin, desk_map
from generator.render.page_table import (
    ACTOR_PAGE,
    DATA_FILES,
    EXPORT,
    FEED,
    HOME,
    OVERVIEW,
    PAGE_KINDS,
    PLACES,
    PLACES_DATA,
    PRINT_PAGE,
    TIMELINE,
    actor_path,
    archive_path,
    kinds_of,
    link_to,
    url_of,
)
from generator.render.places import places_geojson
from generator.render.view import BriefingView, Links, date_html, internal, time_html, when
from generator.render.wording import say, speaking, spoken, words_for_scripts

if TYPE_CHECKING:
    from collections.abc import Callable

    from generator.content.languages import Language
    from generator.content.model import Briefing
    from generator.content.seeds import Seed


def render_site(briefings: list[Briefing], today: dt.date,
                options: PageOptions | None = None) -> dict[str, str]:
    """The home page and every briefing's pages and export (without the archived seeds'
    checksums, which `pipeline` supplies)."""
    files = render_desk([Card.of(b, options) for b in briefings], today)
    for briefing in briefings:
        files.update(render_briefing(briefing, today, options))
    return files


def render_home(cards: list[Card], today: dt.date, lang: Language | None = None,
                languages: tuple[Language, ...] = ()) -> str:
    """The home page alone (see `render_desk`)."""
    return render_desk(cards, today, lang, languages)[HOME]


def render_desk(cards: list[Card], today: dt.date, lang: Language | None = None,
                languages: tuple[Language, ...] = (),
                source: list[Card] | None = None) -> dict[str, str]:
    """The home page, a desk view: the briefings, the most recently updated first, with
    their status, trend, age, latest event, region and tags, each a filter for readers;
    and on a large desk, the pages that list them all (see `desk`), by path. On a site in
    several `languages`, in `lang`, its cards in that language (`source`: the same
    briefings' cards in the source language, which give the listings their addresses)."""
    edition = Edition(lang, languages) if lang is not None else Edition.only()
    with speaking(edition.language):
        if not is_large(cards):
            return {HOME: _render_home(cards, today, edition)}
        return _render_large_desk(cards, today, edition, listings(cards, source))


def _render_home(cards: list[Card], today: dt.date, edition: Edition) -> str:
    filters = [("status", say("Status"), say("Any status"), sorted({c.status for c in cards})),
               ("region", say("Region"), say("Any region"),
                sorted({c.region for c in cards if c.region})),
               ("tags", say("Tag"), say("Any tag"), sorted({tag for c in cards for tag in c.tags}))]
    pinned = [DeskPin(c.slug, c.title, c.status, c.centre) for c in cards if c.centre]
    drawn = desk_map(pinned)
    return _template("home.md.j2").render(
        title=html(say("Briefings")), briefings=freshest_first(cards), today=today, feed=FEED,
        language=_language_facts(edition, HOME), desk_map=_desk_figure(drawn),
        unmapped=[c for c in freshest_first(cards) if not c.centre] if drawn else [],
        filters=filters, browse=None, **_card_parts(today, ""))


def _render_large_desk(cards: list[Card], today: dt.date, edition: Edition,
                       found: list[Listing]) -> dict[str, str]:
    """The home page of a large desk, with the newest briefings, the map's groups and
    links to every listing; and every listing's pages."""
    pinned = [DeskPin(c.slug, c.title, c.status, c.centre) for c in cards if c.centre]
    named = {(listing.kind, listing.name): listing for listing in found}
    parts = _card_parts(today, "", named)
    every = found[0]
    browse = [(say("Status:"), [_browse_link(listing, HOME, say(listing.name.capitalize()))
                                for listing in browse_links(found, "status")]),
              (say("Tags:"), [_browse_link(listing, HOME, listing.name)
                              for listing in browse_links(found, "tags")]),
              (say("Regions:"), [_browse_link(listing, HOME, listing.name)
                                 for listing in browse_links(found, "regions")])]
    files = {HOME: _template("home.md.j2").render(
        title=html(say("Briefings")), briefings=every.on_page(1), today=today, feed=FEED,
        language=_language_facts(edition, HOME),
        desk_map=_desk_figure(desk_map(pinned, map_groups(found))), unmapped=[], filters=[],
        browse=browse, total=len(every.cards), all_briefings=Md(every.path()), **parts)}
    for listing in found:
        title = _listing_title(listing)
        for page in range(1, listing.pages + 1):
            path = listing.path(page)
            base = "../" * path.count("/")
            files[path] = _template("listing.md.j2").render(
                title=html(title), heading=title, briefings=listing.on_page(page),
                count=len(listing.cards), page=page, pages=listing.pages, today=today,
                language=_language_facts(edition, path),
                all_briefings=Md(_relative(every.path(), path)) if listing.kind else None,
                newer=Md(_relative(listing.path(page - 1), path)) if page > 1 else None,
                older=Md(_relative(listing.path(page + 1), path))
                if page < listing.pages else None,
                **_card_parts(today, base, named))
    return files


def _desk_figure(drawn: str) -> Md:
    caption = say("Each briefing at the middle of its places; the shape gives its status. "
                  "Outlines: Natural Earth (public domain), which draws de facto boundaries.")
    return Md(f'<figure class="picture-frame picture-frame--desk" data-pagefind-ignore>'
              f"{drawn}<figcaption>{html(caption)}</figcaption></figure>" if drawn else "")


def _card_parts(today: dt.date, base: str,
                named: dict[tuple[str, str], Listing] | None = None) -> dict[str, Any]:
    """What a briefing's card on the desk needs, from a page whose way back to the
    site's root is `base`; on a large desk (its listings `named` by kind and name), its
    region and tags link to their listings."""
    def listed(kind: str, name: str) -> Md:
        listing = (named or {}).get((kind, name))
        return internal(plain(name), base + listing.path()) if listing else plain(name)

    def latest(card: Card) -> Md:
        assert card.latest is not None
        event, title, words, when = card.latest
        return Md(f"{internal(plain(title), link_to(TIMELINE, event, base=f'{base}{card.slug}/'))}"
                  f", {time_html(words, when)}")

    return {
        "age": lambda card: age_in_words(card.as_of.earliest, today),
        "stale": lambda card, day: card.review_due < day.isoformat(),
        "link_to": lambda c: internal(plain(c.title), link_to(OVERVIEW, base=f"{base}{c.slug}/")),
        "latest": latest,
        "region": lambda c: listed("regions", c.region),
        "tags": lambda c: Md(", ".join(listed("tags", tag) for tag in c.tags))}


def _browse_link(listing: Listing, path: str, name: str) -> Any:
    from types import SimpleNamespace

    return SimpleNamespace(name=name, path=Md(_relative(listing.path(), path)),
                           count=len(listing.cards))


def _listing_title(listing: Listing) -> str:
    if listing.kind == "status":
        return say("Briefings: {status}", status=say(listing.name.capitalize()))
    if listing.kind == "tags":
        return say("Briefings tagged {tag}", tag=listing.name)
    if listing.kind == "regions":
        return say("Briefings in {region}", region=listing.name)
    if listing.kind == "map":
        return say("Briefings close together on the map")
    return say("All briefings")


def _relative(target: str, page: str) -> str:
    """The Markdown link from the page at `page` to the file at `target` (both paths in
    the site)."""
    import posixpath

    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def age_in_words(then: Any, today: dt.date) -> str:
    """How long before `today` the day `then` (a date, or an EDTF day) was, as the home
    page's script says it by the reader's own date (`Intl.RelativeTimeFormat` in English,
    numeric "auto"): "yesterday", "3 weeks ago", "last month". Written into the home page
    at build time, so the script changes at most a few letters and nothing moves. (Not
    into briefing pages: their bytes would change every day, and with them the search
    index; there the age ends a line, and what it moves is small.)"""
    try:
        day = then if isinstance(then, dt.date) else dt.date.fromisoformat(then.iso())
    except ValueError:
        return ""  # a month or a year, not a day: the script gives it no age either
    days = (today - day).days
    if days < 0:
        return ""
    if spoken().code != "en":
        return _age_in(spoken(), days)
    if days < 14:
        count, unit = days, "day"
    elif days < 60:
        count, unit = round(days / 7), "week"
    elif days < 730:
        count, unit = round(days / 30.44), "month"
    else:
        count, unit = round(days / 365.25), "year"
    if count == 0:
        return "today" if unit == "day" else f"this {unit}"
    if count == 1:
        return "yesterday" if unit == "day" else f"last {unit}"
    return f"{count} {unit}s ago"


def _age_in(lang: Language, days: int) -> str:
    """`age_in_words` in another language, as `Intl.RelativeTimeFormat` says it there."""
    from babel.dates import format_timedelta

    if days < 2:
        return say("today") if days == 0 else say("yesterday")
    return format_timedelta(dt.timedelta(days=-days), threshold=1.5, add_direction=True,
                            locale=lang.babel)


def render_briefing(briefing: Briefing, today: dt.date, options: PageOptions | None = None,
                    archives: dict[str, Seed] | None = None,
                    edition: Edition | None = None, *, texts: bool = True) -> dict[str, str]:
    """Every page of one briefing, and its `briefing.json`, by path. `archives` holds the
    seeds its sources cite, by file name: the sources page names each by its checksum,
    and publishes its text when `options.publish_seeds` says so. In an `edition` other than
    the source language's, `briefing` is its translation (`content.translations`) and every
    path is under the language's folder (`fr/<slug>/...`).

    Without `texts`, every file is left empty (the paths are all there, in the same
    order), for the texts to be made later (`build.pipeline.PagesLater`)."""
    edition = edition or Edition.only()
    with speaking(edition.language):
        made = _render_briefing(briefing, today, options or PageOptions(), archives or {},
                                edition)
        return {path: make() for path, make in made.items()} if texts \
            else dict.fromkeys(made, "")


def _render_briefing(briefing: Briefing, today: dt.date, options: PageOptions,
                     archives: dict[str, Seed], edition: Edition,
                     ) -> dict[str, Callable[[], str]]:
    """Each file's path, in order, with what makes its text (called in `speaking`)."""
    slug = briefing.slug
    folder = f"{edition.prefix}{slug}"
    kinds = kinds_of(briefing, several_languages=edition.several)

    @cache
    def view() -> BriefingView:  # made only if a text is asked for
        return BriefingView(briefing, options, archives, edition)

    @cache
    def header() -> Md:
        return _header(briefing, kinds, today, options, edition)

    def page(path: str, template: str, base: str, title: str,
             **extra: Any) -> Callable[[], str]:
        # `title` is the page's short title, for the nav and the header bar; the theme
        # adds the briefing's title in the browser's title bar.
        return lambda: _template(template).render(
            b=briefing, meta=briefing.briefing, view=view(), links=Links(view(), base),
            base=base, url=url_of(path), header=header(), title=html(title), pages=_LINKS,
            head=page_head(view(), path, extra.get("actor")), edition=edition,
            TIMELINE_WORDS=TIMELINE_WORDS,
            language=_language_facts(edition, f"{slug}/{path}"), **extra)

    files = {f"{folder}/{kind.path}": page(kind.path, kind.template, kind.base, say(kind.title))
             for kind in kinds}
    for actor in briefing.actors:
        files[f"{folder}/{actor_path(actor.id)}"] = page(
            actor_path(actor.id), ACTOR_PAGE.template, ACTOR_PAGE.base, actor.name, actor=actor)
    files.update({f"{folder}/{name}": partial(_DATA[name], briefing)
                  for name in DATA_FILES})
    if edition.several:
        status = edition.statuses.get(edition.language.code)
        files[f"{folder}/{EXPORT}"] = partial(
            briefing_json, briefing, edition.language.code,
            dict(status.states) if status else None)
    if PLACES in kinds:
        files[f"{folder}/{PLACES_DATA}"] = lambda: places_geojson(briefing, view().events)
    if options.publish_seeds and edition.language.source:
        for source in briefing.sources:
            if source.seed and source.seed in archives:
                files[f"{slug}/{archive_path(source.id)}"] = partial(_text_of,
                                                                     archives[source.seed])
    return files


def _text_of(seed: Seed) -> str:
    return seed.text


def _language_facts(edition: Edition, path: str) -> Md:
    """The front matter that names a page's language and its other editions, for the
    theme (`<html lang dir>`, the interface strings, `hreflang`, the switcher); nothing on
    a site in one language, whose pages stay as they were."""
    if not edition.several:
        return Md("")
    lang = edition.language
    return Md(f"lang: {front_matter_value(lang.code)}\n"
              f"dir: {front_matter_value(lang.direction)}\n"
              f"feed: {front_matter_value(lang.prefix + FEED)}\n"
              f"edition: {front_matter_value(lang.prefix)}\n"
              f"languages_label: {front_matter_value(say('Languages'))}\n"
              f"close_search: {front_matter_value(say('Close search'))}\n"
              f"search_words: {front_matter_value(words_for_scripts(SEARCH_WORDS))}\n"
              f"alternates: {front_matter_value(edition.alternates(path))}\n")


_DATA = {EXPORT: briefing_json, "timelinejs.json": timelinejs_json,
         "events.csv": events_csv, "claims.csv": claims_csv}
"""What writes each of `page_table.DATA_FILES`."""
_LINKS = {kind.template.removesuffix(".md.j2"): kind for kind in PAGE_KINDS}
"""The page table's rows by template name, for templates' links: `pages.timeline`."""


def render_errors(slug: str, problems: list[Any]) -> dict[str, str]:
    """A page listing a briefing's problems, served in its place while it has no good version."""
    heading = f"Briefing '{slug}' has errors"
    page = _template("errors.md.j2").render(title=html(heading), heading=heading,
                                            problems=problems)
    return {f"{slug}/{OVERVIEW.path}": page}


def _header(briefing: Briefing, kinds: list[Any], today: dt.date,
            options: PageOptions, edition: Edition) -> Md:
    """The briefing's facts for the page header, as front-matter JSON."""
    meta = briefing.briefing
    due = options.review_due(meta.as_of, meta.review_by)
    facts: dict[str, Any] = {
        "slug": briefing.slug, "title": meta.title, "status": meta.status,
        "trend": meta.trend, "as_of": format_date(meta.as_of),
        "as_of_iso": meta.as_of.earliest.iso(),
        "review_by": meta.review_by.last_day.isoformat() if meta.review_by else None,
        "review_due": due.isoformat(),
        "stale": due < today,
        "pages": [[kind.url, say(kind.title)] for kind in kinds if kind.in_nav],
        "print": PRINT_PAGE.url,
    }
    if edition.several:
        facts["root"] = f"{edition.prefix}{briefing.slug}/"
        facts["status_words"] = say(meta.status.capitalize())
        facts["trend_words"] = say(meta.trend.capitalize()) if meta.trend else None
        facts["labels"] = {label: say(english) for label, english in HEADER_LABELS.items()}
    if PLACES in kinds:
        facts["geojson"] = PLACES_DATA
    return front_matter_value(facts)


SEARCH_WORDS = ("Type a few more letters.",
                "“{query}” is too common to search for on its own: add a name, a place or "
                "another word.", "Did you mean", "search for this place", "All briefings",
                "Briefing")
"""The words the search dialog's script says (`overrides/assets/briefing-search.js`)."""
TIMELINE_WORDS = ("Show the timeline", "Order", "Oldest first", "Newest first", "Actor",
                  "All actors", "Kind", "All kinds", "{shown} of {total} events shown",
                  *(kind.capitalize() for kind in EVENT_KINDS))
"""The words of the timeline's controls (`overrides/assets/briefing.js`), which a page in
another language gives its script."""
HEADER_LABELS = {
    "about": "About this briefing", "status": "Status:", "trend": "Trend:", "as_of": "As of",
    "print": "Print version", "pages": "Pages of this briefing",
    "review_by": "This briefing was due for review by {date} and may be out of date.",
    "not_updated": "This briefing has not been updated since {date} and may be out of date.",
    "languages": "Languages",
}
"""The words of the theme's briefing header (`overrides/partials/briefing-header.html`),
which a site in several languages gets in each page's language."""


@cache
def _template(name: str) -> Any:
    return _environment().get_template(name)


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates"),
        autoescape=False, undefined=jinja2.StrictUndefined, finalize=_finalize,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals["_"] = say
    env.filters.update(md=inline, label=inline_label, phrase=as_phrase, text=plain,
                       date=date_html, when=when,
                       json=front_matter_value, html=html,
                       attr_json=lambda value: Md(html(json.dumps(list(value),
                                                                  ensure_ascii=False))),
                       parenthesized=lambda text: Md(f" ({text})") if text else Md(""),
                       anchor=_anchor, code=lambda value: Md(code_span(str(value))),
                       link_from=lambda kind, base, anchor="": Md(link_to(kind, anchor,
                                                                          base=base)))
    return env


def _finalize(value: Any) -> Any:
    """Escape every printed value that is not already safe Markdown."""
    if isinstance(value, Md):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return plain(value)


def _anchor(id_: str) -> Md:
    """An attribute list giving a heading the id `id_` (a validated slug)."""
    return Md(f"{{#{check_id(id_)}}}")

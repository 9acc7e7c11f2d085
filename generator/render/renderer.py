"""Render validated briefings into Markdown pages: a pure function, model in, files out.

`render_site` returns `{path: text}` for the home page and every page of
every briefing, plus each briefing's `briefing.json`. Nothing here knows
about MkDocs: the same dictionary is served by the plugin, written to disk by
`python -m generator render`, or handed to another builder. The pages come
from Jinja2 templates in `templates/`; every value a template prints goes
through `text.plain` unless it is already safe Markdown, so text from YAML
can never become markup.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from generator.base.settings import SiteOptions
from generator.content.dates import format_date
from generator.content.ids import check_id
from generator.render.briefing_json import briefing_json
from generator.render.card import Card, freshest_first
from generator.render.escape import Md, code_span, html, inline, inline_label, plain
from generator.render.exports import claims_csv, events_csv, timelinejs_json
from generator.render.head import page_head
from generator.render.page_table import ACTOR_PAGE, DATA_FILES, PRINT_PAGE, actor_path, kinds_of
from generator.render.view import BriefingView, Links, date_html, internal, time_html, when

if TYPE_CHECKING:
    from generator.content.model import Briefing
    from generator.content.seeds import Seed


def render_site(briefings: list[Briefing], today: dt.date,
                options: SiteOptions | None = None) -> dict[str, str]:
    """The home page and every briefing's pages and export (without the archived seeds'
    checksums, which `pipeline` supplies)."""
    files = {"index.md": render_home([Card.of(b, options) for b in briefings], today)}
    for briefing in briefings:
        files.update(render_briefing(briefing, today, options))
    return files


def render_home(cards: list[Card], today: dt.date) -> str:
    """The home page, a desk view: every briefing, the most recently updated first, with
    its status, trend, age, latest event, region and tags, each a filter for readers."""
    return _template("home.md.j2").render(
        title=html("Briefings"), briefings=freshest_first(cards), today=today,
        stale=lambda card, day: card.review_due < day.isoformat(),
        link_to=lambda c: internal(plain(c.title), f"{c.slug}/index.md"),
        latest=lambda c: Md(f"{internal(plain(c.latest[1]), f'{c.slug}/timeline.md#{c.latest[0]}')}"
                            f", {time_html(c.latest[2], c.latest[3])}"))


def render_briefing(briefing: Briefing, today: dt.date, options: SiteOptions | None = None,
                    archives: dict[str, Seed] | None = None) -> dict[str, str]:
    """Every page of one briefing, and its `briefing.json`, by path. `archives` holds the
    seeds its sources cite, by file name: the sources page names each by its checksum,
    and publishes its text when `options.publish_seeds` says so."""
    slug = briefing.slug
    options = options or SiteOptions()
    archives = archives or {}
    view = BriefingView(briefing, options, archives)
    kinds = kinds_of(briefing)
    header = _header(briefing, kinds, today, options)

    def page(path: str, template: str, base: str, title: str, **extra: Any) -> str:
        # `title` is the page's short title, for the nav and the header bar; the theme
        # adds the briefing's title in the browser's title bar.
        return _template(template).render(
            b=briefing, meta=briefing.briefing, view=view, links=Links(view, base),
            base=base, header=header, title=html(title),
            head=page_head(view, path, extra.get("actor")), **extra)

    files = {f"{slug}/{kind.path}": page(kind.path, kind.template, kind.base, kind.title)
             for kind in kinds}
    for actor in briefing.actors:
        files[f"{slug}/{actor_path(actor.id)}"] = page(
            actor_path(actor.id), ACTOR_PAGE.template, ACTOR_PAGE.base, actor.name, actor=actor)
    files.update({f"{slug}/{name}": _DATA[name](briefing) for name in DATA_FILES})
    if options.publish_seeds:
        for source in briefing.sources:
            if source.seed and source.seed in archives:
                files[f"{slug}/{view.archive_path(source)}"] = archives[source.seed].text
    return files


_DATA = {"briefing.json": briefing_json, "timelinejs.json": timelinejs_json,
         "events.csv": events_csv, "claims.csv": claims_csv}
"""What writes each of `pages.DATA_FILES`."""


def render_errors(slug: str, problems: list[Any]) -> dict[str, str]:
    """A page listing a briefing's problems, served in its place while it has no good version."""
    heading = f"Briefing '{slug}' has errors"
    page = _template("errors.md.j2").render(title=html(heading), heading=heading,
                                            problems=problems)
    return {f"{slug}/index.md": page}


def _header(briefing: Briefing, kinds: list[Any], today: dt.date,
            options: SiteOptions) -> Md:
    """The briefing's facts for the page header, as front-matter JSON."""
    meta = briefing.briefing
    due = options.review_due(meta.as_of, meta.review_by)
    return _json({
        "slug": briefing.slug, "title": meta.title, "status": meta.status,
        "trend": meta.trend, "as_of": format_date(meta.as_of),
        "as_of_iso": meta.as_of.earliest.iso(),
        "review_by": meta.review_by.last_day.isoformat() if meta.review_by else None,
        "review_due": due.isoformat(),
        "stale": due < today,
        "pages": [[kind.url, kind.title] for kind in kinds if kind.in_nav],
        "print": PRINT_PAGE.url,
    })


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
    env.filters.update(md=inline, label=inline_label, text=plain, date=date_html, when=when,
                       json=_json, html=html, attr_json=lambda value: Md(html(json.dumps(
                           list(value), ensure_ascii=False))),
                       parenthesized=lambda text: Md(f" ({text})") if text else Md(""),
                       anchor=_anchor, code=lambda value: Md(code_span(str(value))))
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


_SURROGATE_PAIR = re.compile(r"\\ud([89ab][0-9a-f]{2})\\ud([c-f][0-9a-f]{2})")


def _json(value: Any) -> Md:
    """A value for front matter: ASCII-only JSON, which YAML reads too.

    JSON writes a character beyond U+FFFF (an emoji) as a surrogate pair, which
    YAML refuses; MkDocs would then show the whole front matter as page text.
    YAML's own escape, `\\U0001F600`, is used instead.
    """
    text = json.dumps(value, ensure_ascii=True, sort_keys=True)
    return Md(_SURROGATE_PAIR.sub(_astral, text))


def _astral(match: re.Match[str]) -> str:
    high, low = int("d" + match.group(1), 16), int("d" + match.group(2), 16)
    return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}"


_FRONT = re.compile(r"---\n((?:[a-z_]+: [^\n]*\n)*)---\n")
_YAML_ESCAPE = re.compile(r"\\\\|\\U([0-9A-F]{8})")


def read_front_matter(text: str) -> tuple[dict[str, Any], str] | None:
    """The front matter and the body of a page `render` wrote, read with JSON's parser:
    the same data YAML reads from it, several times faster on pages with much of it.
    None for any other text."""
    match = _FRONT.match(text)
    if match is None:
        return None
    meta = {}
    try:
        for line in match.group(1).splitlines():
            key, _, value = line.partition(": ")
            meta[key] = json.loads(_YAML_ESCAPE.sub(_surrogates, value))
    except ValueError:
        return None
    return meta, text[match.end():]


def _surrogates(match: re.Match[str]) -> str:
    """`\\U0001F600` (YAML's escape) as JSON's `\\ud83d\\ude00`; `\\\\` as it is."""
    if match.group(1) is None:
        return match.group()
    point = int(match.group(1), 16) - 0x10000
    return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"

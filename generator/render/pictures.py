"""Pictures of a briefing, drawn at build time as inline SVG.

The timeline strip puts every event on a date axis at its precision (a day as a
dot, a span of days it may be as a bar, an approximate one dashed, an agreement
as a diamond, a commitment's due date as a flag); the relations picture shows
who accuses, opposes, supports, mediates, negotiates or is allied with whom,
ended relations drawn as past. No script draws them and nothing is fetched; the
site's CSS colours them, so they follow dark mode and print on paper; each
carries a short text alternative, and the page beside it holds the full text.

Every text from YAML goes through `_xml` before it reaches the SVG.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from generator.content.dates import Date, format_date
from generator.content.vocabulary import RELATION_KINDS
from generator.render.inline import to_plain

if TYPE_CHECKING:
    from generator.content.model import Briefing, Event, Relation
    from generator.render.analysis import Tracked


class BriefingView(Protocol):
    """What the pictures read of a briefing as its pages show it (`view.BriefingView`,
    which draws them, is one)."""

    b: Briefing
    events: list[Event]
    """In timeline order."""
    tracked: list[Tracked]

    def is_past(self, rel: Relation) -> bool:
        """Whether the relation ended before the briefing's as-of date."""

    def relation_sentence(self, rel: Relation) -> str:
        """The relation in words, in its tense."""

WIDTH = 720
"""Width of every picture in SVG units; CSS scales it to the column."""
_LANE = 18
_AXIS = 34
_MIN_SEGMENT = 90
RELATION_GLYPHS = {"accuses": "!", "opposes": "×", "supports": "+", "mediates": "◇",
           "negotiates-with": "↔", "allied-with": "="}
"""A mark at the middle of each relation line, so kinds differ by more than colour
(`vocabulary.RELATION_KINDS`, in whose order the legend lists them)."""
_DIRECTED = {"accuses", "opposes", "supports", "mediates"}


def _xml(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


@dataclass
class _Item:
    first: dt.date
    last: dt.date
    kind: str
    """`event`, `agreement` or `due`."""
    label: str
    style: str = ""
    lane: int = 0


@dataclass
class _Segment:
    start: dt.date
    end: dt.date
    x: float
    width: float

    def at(self, day: dt.date, *, end: bool = False) -> float:
        days = (self.end - self.start).days + 1
        offset = (day - self.start).days + (1 if end else 0)
        return self.x + self.width * offset / days


def timeline_strip(view: BriefingView) -> str:
    """The briefing's events on a date axis, as an SVG figure (an empty string if none)."""
    items = [_event_item(e) for e in view.events]
    for tracked in view.tracked:
        due = tracked.commitment.due
        if due is not None:
            items.append(_Item(due.first_day, due.last_day, "due",
                               f"{format_date(due)}: due: {to_plain(tracked.commitment.text)}",
                               f"pic-due--{tracked.status}"))
    if not items:
        return ""
    segments = _segments(items)
    lanes = _assign_lanes(items, segments)
    height = _AXIS + 8 + lanes * _LANE + 28
    parts = [_svg_open(height, _strip_label(view))]
    for i, segment in enumerate(segments):
        parts += _axis(segment)
        if i:
            gap = segment.x - 14
            parts.append(f'<text class="pic-break" x="{gap:.1f}" y="{_AXIS - 2}">…</text>')
    for item in items:
        parts.append(_mark(item, _segment_of(item, segments)))
    parts.append(_strip_legend(height - 10))
    parts.append("</svg>")
    return "".join(parts)


def _event_item(event: Event) -> _Item:
    end = event.end_date or event.date
    style = "pic-mark--approximate" if event.approximate else \
        "pic-mark--uncertain" if event.date.uncertain else ""
    kind = "agreement" if event.kind == "agreement" else "event"
    when = format_date(event.date, approximate=event.approximate)
    return _Item(event.date.first_day, end.last_day, kind, f"{when}: {event.title}", style)


def _segments(items: list[_Item]) -> list[_Segment]:
    """The axis, broken where nothing happens for long: each stretch of events gets a
    width by how many marks it holds, so a lone event years earlier does not squeeze
    the rest into a corner."""
    ordered = sorted(items, key=lambda i: i.first)
    total = max(i.last for i in items) - ordered[0].first
    gap = max(dt.timedelta(days=60), total / 4)
    clusters: list[list[_Item]] = [[ordered[0]]]
    end = ordered[0].last
    for item in ordered[1:]:
        if item.first - end > gap:
            clusters.append([])
        clusters[-1].append(item)
        end = max(end, item.last)
    usable = WIDTH - 40 - 24 * (len(clusters) - 1)
    weights = [max(len(c), 1) for c in clusters]
    widths = [max(_MIN_SEGMENT, usable * w / sum(weights)) for w in weights]
    scale = usable / sum(widths)
    segments, x = [], 20.0
    for cluster, width in zip(clusters, widths, strict=True):
        start = min(i.first for i in cluster)
        stop = max(i.last for i in cluster)
        segments.append(_Segment(start, stop, x, width * scale))
        x += width * scale + 24
    return segments


def _segment_of(item: _Item, segments: list[_Segment]) -> _Segment:
    return next(s for s in segments if s.start <= item.first <= s.end)


def _assign_lanes(items: list[_Item], segments: list[_Segment]) -> int:
    """Put each mark in the first lane where it overlaps nothing; the number of lanes."""
    ends: list[float] = []
    for item in sorted(items, key=lambda i: (i.kind == "due", i.first, i.last)):
        segment = _segment_of(item, segments)
        left, right = segment.at(item.first) - 6, segment.at(item.last, end=True) + 6
        for lane, end in enumerate(ends):
            if end <= left:
                item.lane, ends[lane] = lane, right
                break
        else:
            item.lane = len(ends)
            ends.append(right)
    return max(len(ends), 1)


def _axis(segment: _Segment) -> list[str]:
    out = [f'<line class="pic-axis" x1="{segment.x:.1f}" y1="{_AXIS}" '
           f'x2="{segment.x + segment.width:.1f}" y2="{_AXIS}"/>']
    days = (segment.end - segment.start).days + 1
    for day, label in _ticks(segment.start, segment.end, days, max(1, int(segment.width // 60))):
        x = segment.at(day)
        out.append(f'<line class="pic-tick" x1="{x:.1f}" y1="{_AXIS - 4}" x2="{x:.1f}" '
                   f'y2="{_AXIS + 4}"/><text class="pic-tick-label" x="{x:.1f}" '
                   f'y="{_AXIS - 9}">{_xml(label)}</text>')
    return out


def _ticks(start: dt.date, end: dt.date, days: int,
           most: int) -> list[tuple[dt.date, str]]:
    """Tick marks at weeks, months or years, by the stretch's length; at most `most`."""
    if days <= 70:
        step = 7 * max(1, math.ceil(days / 7 / most))
        return [(start + dt.timedelta(days=d), format_date_day(start + dt.timedelta(days=d)))
                for d in range(0, days, step)]
    if days <= 3 * 366:
        months = []
        year, month = start.year, start.month
        while dt.date(year, month, 1) <= end:
            months.append(dt.date(year, month, 1))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if len(months) == 12 and months[0].month == 1 and most < 3:
            return [(months[0], str(months[0].year))]
        step = max(1, math.ceil(len(months) / most))
        return [(m, m.strftime("%b %Y")) for m in months[::step] if m >= start] or \
            [(start, start.strftime("%b %Y"))]
    years = list(range(start.year, end.year + 1))
    step = max(1, math.ceil(len(years) / most))
    return [(dt.date(y, 1, 1), str(y)) for y in years[::step]]


def format_date_day(day: dt.date) -> str:
    """A tick's label: `19 Oct`."""
    return f"{day.day} {day.strftime('%b')}"


def _mark(item: _Item, segment: _Segment) -> str:
    y = _AXIS + 14 + item.lane * _LANE
    x1, x2 = segment.at(item.first), segment.at(item.last, end=True)
    title = f"<title>{_xml(item.label)}</title>"
    classes = f"pic-mark pic-mark--{item.kind} {item.style}".strip()
    if item.kind == "due":
        x = (x1 + x2) / 2
        return (f'<g class="{classes}">{title}<path d="M{x:.1f} {y - 6} L{x + 6:.1f} {y - 3} '
                f'L{x:.1f} {y} Z M{x:.1f} {y - 6} L{x:.1f} {y + 6}"/></g>')
    if item.first != item.last and x2 - x1 > 8:
        shape = (f'<rect x="{x1:.1f}" y="{y - 4}" width="{x2 - x1:.1f}" height="8" rx="3"/>')
        if item.kind == "agreement":
            shape += _diamond((x1 + x2) / 2, y)
        return f'<g class="{classes} pic-mark--span">{title}{shape}</g>'
    x = (x1 + x2) / 2
    shape = _diamond(x, y) if item.kind == "agreement" else \
        f'<circle cx="{x:.1f}" cy="{y}" r="5"/>'
    return f'<g class="{classes}">{title}{shape}</g>'


def _diamond(x: float, y: float) -> str:
    return f'<path class="pic-diamond" d="M{x:.1f} {y - 7} L{x + 7:.1f} {y} L{x:.1f} {y + 7} ' \
           f'L{x - 7:.1f} {y} Z"/>'


def _strip_legend(y: float) -> str:
    entries = [('<circle cx="6" cy="0" r="5"/>', "a known day"),
               ('<rect x="0" y="-4" width="22" height="8" rx="3"/>', "the days it may be"),
               ('<rect class="pic-dash" x="0" y="-4" width="22" height="8" rx="3"/>',
                "approximate"),
               (_diamond(7, 0), "agreement"),
               ('<path d="M2 -6 L8 -3 L2 0 Z M2 -6 L2 6"/>', "commitment due")]
    out, x = [f'<g class="pic-legend" transform="translate(20 {y:.0f})">'], 0
    for shape, label in entries:
        out.append(f'<g class="pic-mark" transform="translate({x} 0)">{shape}</g>'
                   f'<text x="{x + 28}" y="4">{label}</text>')
        x += 40 + 7 * len(label)
    out.append("</g>")
    return "".join(out)


def _strip_label(view: BriefingView) -> str:
    events = view.events
    if not events:
        return "No events"
    first = events[0].date.earliest
    last = max((e.end_date or e.date for e in events), key=lambda d: d.last_day).latest
    text = (f"Timeline of {len(events)} events, from {format_date(Date(first, first))} to "
            f"{format_date(Date(last, last))}")
    agreements = [e for e in events if e.kind == "agreement"]
    if agreements:
        text += f"; {len(agreements)} agreement{'s' * (len(agreements) > 1)}"
    if view.tracked:
        text += f" making {len(view.tracked)} commitment{'s' * (len(view.tracked) > 1)}"
    return text


def _svg_open(height: float, label: str) -> str:
    return (f'<svg class="picture" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
            f'aria-label="{_xml(label)}" xmlns="http://www.w3.org/2000/svg">')


def relations_picture(view: BriefingView) -> str:
    """Who stands how toward whom, as an SVG figure (an empty string without relations)."""
    relations = view.b.relations
    if not relations:
        return ""
    involved = {r.from_ for r in relations} | {r.to for r in relations}
    actors = [a for kind in ("state", "government", "armed-group", "organization", "person")
              for a in view.b.actors if a.kind == kind and a.id in involved]
    count = len(actors)
    radius = 150 if count > 4 else 110
    height = 2 * radius + 150
    cx, cy = WIDTH / 2, radius + 60
    place = {}
    for i, actor in enumerate(actors):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        place[actor.id] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle), angle)
    past = sum(view.is_past(r) for r in relations)
    label = (f"Relations among {count} actors: {len(relations)} relations"
             + (f", {past} of them past" if past else "") + "; listed in words below")
    parts = [_svg_open(height, label),
             '<defs><marker id="pic-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
             'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
             '<path d="M0 0 L10 5 L0 10 Z" class="pic-arrowhead"/></marker></defs>']
    seen: dict[frozenset[str], int] = {}
    for rel in relations:
        pair = frozenset((rel.from_, rel.to))
        nth = seen.get(pair, 0)
        seen[pair] = nth + 1
        parts.append(_edge(view, rel, place, nth))
    for actor in actors:
        x, y, angle = place[actor.id]
        anchor = "middle" if abs(math.cos(angle)) < 0.3 else \
            "start" if math.cos(angle) > 0 else "end"
        lx, ly = x + 14 * math.cos(angle), y + 14 * math.sin(angle) + 4
        parts.append(f'<g class="pic-node pic-node--{actor.kind}"><title>{_xml(actor.name)}'
                     f'</title><circle cx="{x:.1f}" cy="{y:.1f}" r="7"/><text x="{lx:.1f}" '
                     f'y="{ly:.1f}" text-anchor="{anchor}">{_xml(_short(actor.name))}</text></g>')
    parts.append(_relations_legend(height - 24, past > 0))
    parts.append("</svg>")
    return "".join(parts)


def _edge(view: BriefingView, rel: Relation, place: dict[str, tuple[float, float, float]],
          nth: int) -> str:
    x1, y1, _ = place[rel.from_]
    x2, y2, _ = place[rel.to]
    length = math.hypot(x2 - x1, y2 - y1) or 1
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    # Several relations between the same two actors bow apart from each other.
    bend = (nth + 1) // 2 * 40 * (1 if nth % 2 else -1) if nth else 0
    if rel.from_ > rel.to:
        bend = -bend
    mx, my = (x1 + x2) / 2 - uy * bend, (y1 + y2) / 2 + ux * bend
    sx, sy, ex, ey = x1 + ux * 9, y1 + uy * 9, x2 - ux * 11, y2 - uy * 11
    tense = " pic-edge--past" if view.is_past(rel) else ""
    arrow = ' marker-end="url(#pic-arrow)"' if rel.kind in _DIRECTED else ""
    verb = view.relation_sentence(rel)
    gx, gy = (sx + 2 * mx + ex) / 4, (sy + 2 * my + ey) / 4
    return (f'<g class="pic-edge pic-edge--{rel.kind}{tense}"><title>{_xml(verb)}</title>'
            f'<path d="M{sx:.1f} {sy:.1f} Q{mx:.1f} {my:.1f} {ex:.1f} {ey:.1f}"{arrow}/>'
            f'<circle class="pic-glyph-bg" cx="{gx:.1f}" cy="{gy:.1f}" r="7"/>'
            f'<text class="pic-glyph" x="{gx:.1f}" y="{gy + 4:.1f}">'
            f"{RELATION_GLYPHS[rel.kind]}</text>"
            "</g>")


def _relations_legend(y: float, past: bool) -> str:
    out, x = [f'<g class="pic-legend" transform="translate(20 {y:.0f})">'], 0
    for kind, glyph in ((k, RELATION_GLYPHS[k]) for k in RELATION_KINDS):
        word = kind.replace("-", " ")
        out.append(f'<g class="pic-edge pic-edge--{kind}" transform="translate({x} 0)">'
                   f'<path d="M0 0 L26 0"/><circle class="pic-glyph-bg" cx="13" cy="0" r="7"/>'
                   f'<text class="pic-glyph" x="13" y="4">{glyph}</text></g>'
                   f'<text x="{x + 32}" y="4">{word}</text>')
        x += 44 + 7 * len(word)
    if past:
        out.append('<g class="pic-edge pic-edge--past" transform="translate(0 20)">'
                   '<path d="M0 0 L26 0"/></g><text x="32" y="24">past: ended before the '
                   "as-of date</text>")
    out.append("</g>")
    return "".join(out)


def _short(name: str) -> str:
    return name if len(name) <= 28 else name[:26].rstrip() + "…"

"""Pictures of a briefing, drawn at build time as HTML with inline SVG.

The timeline strip gives each event a row, its date and title beside its mark on a
shared date axis (a known day as a dot, one day of several as an outlined bar, a
span as a solid one, an agreement as a diamond, a commitment's due date as a flag);
the relations picture gives each pair of actors a row, each relation between them a
line labelled in words, ended ones drawn as past. Words are HTML, so they wrap and
keep the page's size on a phone; marks are SVG placed in percentages, so nothing
scrolls sideways. No script draws them and nothing is fetched; the site's CSS
colours them, a palette per colour scheme, so they follow dark mode and print on
paper; each carries a short text alternative, and the page holds the full text.

Every text from YAML goes through `_xml` before it reaches the page.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from generator.content.dates import Date, format_date, format_range
from generator.content.times import time_words
from generator.render.analysis import event_clock
from generator.render.inline import to_plain
from generator.render.wording import say, spoken

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
    event_numbers: dict[str, int]
    """See `event_numbers`."""

    def is_past(self, rel: Relation) -> bool:
        """Whether the relation ended before the briefing's as-of date."""

    def relation_sentence(self, rel: Relation) -> str:
        """The relation in words, in its tense."""

_DIRECTED = {"accuses", "opposes", "supports", "mediates"}


def _xml(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


LABELLED_ROWS = 14
"""Up to this many events (and commitments due), every one gets a row with its title;
beyond it only the agreements, the events that make commitments and the newest do, and
the rest share one row."""
NEWEST = 5
"""How many of the newest events keep a row of their own on a crowded strip."""
_INSET = 2.0
"""Room, in percent of the track, left at each end so a mark at an end is drawn whole."""
_GAP = 5.0
"""Percent of the track between two stretches of the axis (a break in time)."""


@dataclass
class _Mark:
    """One thing drawn on a row: an event, or a commitment's due date."""

    date: Date
    end: Date | None
    kind: str
    """`event`, `agreement` or `due`."""
    label: str
    """What it is, in words: its row's label and its tooltip."""
    style: str = ""
    """`approximate` or `uncertain`, or for a due date the commitment's status."""
    event_id: str | None = None
    time: str | None = None
    """An event's time in its own clock, `06:00 Helsinki time`."""


@dataclass
class _Segment:
    """A stretch of the axis without a long gap, and where it lies on the track (in %)."""

    start: dt.date
    end: dt.date
    x: float
    width: float

    def at(self, day: dt.date, *, end: bool = False) -> float:
        days = (self.end - self.start).days + 1
        offset = (day - self.start).days + (1 if end else 0)
        return self.x + self.width * offset / days


def timeline_strip(view: BriefingView) -> str:
    """The briefing's events on a date axis, one labelled row each, as HTML with an SVG
    track per row (an empty string if there are none). Positions are percentages of the
    track, so the strip fits any width without scrolling and its text keeps the page's
    size; under a phone's width each label goes above its track (see briefing.css)."""
    marks = [_event_mark(e, view.b.briefing.timezone) for e in view.events]
    made = {t.made_at.id for t in view.tracked}
    for tracked in view.tracked:
        commitment = tracked.commitment
        if commitment.due is not None:
            clock = commitment.timezone or view.b.briefing.timezone
            time = time_words(commitment.due_time, clock) \
                if commitment.due_time and clock else None
            marks.append(_Mark(commitment.due, None, "due",
                               say("Due: {text}", text=to_plain(commitment.text)),
                               tracked.status, time=time))
    if not marks:
        return ""
    segments = _segments(marks)
    rows, others = _rows(view.events, marks, made)
    out = [f'<div class="strip" role="img" aria-label="{_xml(_strip_label(view))}">',
           '<div class="strip__row strip__row--axis"><span class="strip__label"></span>'
           f'<svg class="strip__track" height="26" aria-hidden="true">{_axis(segments)}'
           "</svg></div>"]
    for mark in rows:
        when = format_range(mark.date, mark.end, approximate=mark.style == "approximate")
        if mark.time:
            when += f", {mark.time}"
        out.append(f'<div class="strip__row strip__row--{mark.kind}">'
                   f'<span class="strip__label"><span class="strip__when">{_xml(when)}</span> '
                   f'{_xml(mark.label)}</span><svg class="strip__track" height="20" '
                   f'aria-hidden="true">{_draw(mark, segments, 10)}</svg></div>')
    if others:
        out.append(_shared_row(others, segments, view.event_numbers))
    out.append(_strip_legend(marks))
    out.append("</div>")
    drawn = "".join(out)
    return _mirrored(drawn) if spoken().direction == "rtl" else drawn


_PERCENT = re.compile(r'\b(x|x1|x2|cx)="(-?[\d.]+)%"')
_RECT_SPAN = re.compile(r'\bx="(-?[\d.]+)%"(.*?)\bwidth="([\d.]+)%"')
def _mirrored(html: str) -> str:
    """The strip for a right-to-left page, whose readers read time from right to left:
    every position on the tracks (percentages) mirrored. Text keeps its `text-anchor`,
    which the page's direction already turns round (`start` is a right-to-left text's
    right end), and the rows' labels change sides by themselves (the grid follows it)."""
    def tag(match: re.Match[str]) -> str:
        text = match.group()
        if text.startswith("<rect"):
            return _RECT_SPAN.sub(lambda m: f'x="{100 - float(m[1]) - float(m[3]):.2f}%"'
                                            f'{m[2]}width="{m[3]}%"', text)
        return _PERCENT.sub(lambda m: f'{m[1]}="{100 - float(m[2]):.2f}%"', text)

    return re.sub(r"<[^<>]+>", tag, html)


def _shared_row(others: list[_Mark], segments: list[_Segment],
                numbers: dict[str, int]) -> str:
    """The row the events without a row of their own share, each keyed to the timeline's
    list by its number: above its mark where every mark has room for one in up to
    `_SHARED_LANES` lanes; otherwise the marks close together share one label, the range
    of their numbers ("12–40"), on a line above the lanes."""
    digits = len(str(max(numbers.values(), default=0)))
    lanes = _lanes(others, segments, digits)
    drawn = []
    if not lanes.crowded:
        height = 6 + _LANE * (max(lanes.values()) + 1)
        for mark in others:
            y = 22 + _LANE * lanes[id(mark)]
            drawn.append(_draw(mark, segments, y))
            if mark.event_id is not None:
                drawn.append(_number(_centre(mark, segments), y - 10,
                                     str(numbers[mark.event_id])))
    else:
        lanes = _lanes(others, segments, 0)
        height = 22 + 14 * (max(lanes.values()) + 1)
        drawn += [_number(x, 12, words, anchor="start")
                  for x, words in _number_ranges(others, segments, numbers, digits)]
        drawn += [_draw(mark, segments, 27 + 14 * lanes[id(mark)]) for mark in others]
    events = sum(m.event_id is not None for m in others)
    dues = len(others) - events
    words = say("1 more event, numbered as in the timeline's list") if events == 1 else \
        say("{count} more events, numbered as in the timeline's list", count=events)
    if dues:
        words += "; " + (say("1 more commitment due") if dues == 1 else
                         say("{count} more commitments due", count=dues))
    return ('<div class="strip__row strip__row--others"><span class="strip__label">'
            f'{words}</span><svg class="strip__track" height="{height}" aria-hidden="true">'
            f'{"".join(drawn)}</svg></div>')


def _centre(mark: _Mark, segments: list[_Segment]) -> float:
    return (_x(mark.date.first_day, segments)
            + _x((mark.end or mark.date).last_day, segments, end=True)) / 2


def _number(x: float, y: float, text: str, anchor: str = "middle") -> str:
    return (f'<text class="pic-number" x="{x:.2f}%" y="{y}" text-anchor="{anchor}">'
            f"{_xml(text)}</text>")


def _number_ranges(marks: list[_Mark], segments: list[_Segment], numbers: dict[str, int],
                   digits: int) -> list[tuple[float, str]]:
    """Labels for the events of a busy shared row: left to right, each where its first
    mark begins and far enough from the next that "123–456" fits between them at a phone's
    width (about 2.4 % of the track a character), naming the first and last number of
    the marks from it to the next; every event is within one."""
    room = (2 * digits + 1) * 2.4
    groups: list[tuple[float, int, int]] = []
    # Numbers follow the first day each event may be (`analysis.event_order`), so
    # grouping by where marks begin gives ranges that never overlap.
    located = sorted((_x(m.date.first_day, segments), numbers[m.event_id])
                     for m in marks if m.event_id is not None)
    for start, number in located:
        x = min(start, 100 - room)
        if groups and x - groups[-1][0] < room:
            start, first, last = groups[-1]
            groups[-1] = (start, min(first, number), max(last, number))
        else:
            groups.append((x, number, number))
    return [(x, f"{first}–{last}" if last > first else str(first)) for x, first, last in groups]


def event_numbers(view: BriefingView) -> dict[str, int]:
    """Each event's number, counted in date order from 1, when the strip has more marks
    than it labels (the events it does not label are drawn with these numbers, and the
    timeline's list shows them); otherwise none."""
    dues = sum(t.commitment.due is not None for t in view.tracked)
    if len(view.events) + dues <= LABELLED_ROWS:
        return {}
    return {event.id: number for number, event in enumerate(view.events, 1)}


def _event_mark(event: Event, zone: str | None) -> _Mark:
    style = "approximate" if event.approximate else "uncertain" if event.date.uncertain else ""
    kind = "agreement" if event.kind == "agreement" else "event"
    label = f"{event.title} ({say('reported, not confirmed')})" if event.reported else event.title
    clock = event_clock(event, zone)
    time = time_words(event.time, clock) if event.time and clock else None
    return _Mark(event.date, event.end_date, kind, label, style, event.id, time)


def _rows(events: list[Event], marks: list[_Mark],
          made: set[str]) -> tuple[list[_Mark], list[_Mark]]:
    """The marks with a labelled row each, in date order, and those that share one row:
    all have rows up to `LABELLED_ROWS`; beyond, the newest events do, then the latest
    agreements and events that make commitments and the soonest commitments due, as many
    as fit in `LABELLED_ROWS`."""
    if len(marks) <= LABELLED_ROWS:
        return sorted(marks, key=_when), []
    kept = [e.id for e in events[-NEWEST:]]
    weighty = [e.id for e in reversed(events[:-NEWEST])
               if e.kind == "agreement" or e.id in made]
    room = LABELLED_ROWS - len(kept)
    dues = sorted((m for m in marks if m.kind == "due"), key=_when)[:max(room // 3, 1)]
    kept += weighty[:room - len(dues)]
    chosen = {id(m) for m in dues} | {id(m) for m in marks if m.event_id in kept}
    rows = [m for m in marks if id(m) in chosen]
    others = [m for m in marks if id(m) not in chosen]
    return sorted(rows, key=_when), others


def _when(mark: _Mark) -> tuple[dt.date, dt.date]:
    return mark.date.first_day, (mark.end or mark.date).last_day


def _segments(marks: list[_Mark]) -> list[_Segment]:
    """The axis, broken where nothing happens for long: each stretch of events gets a
    width by how many marks it holds, so a lone event years earlier does not squeeze
    the rest into a corner."""
    spans = sorted((m.date.first_day, (m.end or m.date).last_day) for m in marks)
    total = max(last for _, last in spans) - spans[0][0]
    gap = max(dt.timedelta(days=60), total / 4)
    clusters: list[list[tuple[dt.date, dt.date]]] = [[spans[0]]]
    end = spans[0][1]
    for first, last in spans[1:]:
        if first - end > gap:
            clusters.append([])
        clusters[-1].append((first, last))
        end = max(end, last)
    usable = 100 - 2 * _INSET - _GAP * (len(clusters) - 1)
    weights = [len(c) for c in clusters]
    widths = [max(12.0, usable * w / sum(weights)) for w in weights]
    scale = usable / sum(widths)
    segments, x = [], _INSET
    for cluster, width in zip(clusters, widths, strict=True):
        segments.append(_Segment(min(f for f, _ in cluster), max(la for _, la in cluster), x,
                                 width * scale))
        x += width * scale + _GAP
    return segments


def _segment_of(day: dt.date, segments: list[_Segment]) -> _Segment:
    return next((s for s in segments if s.start <= day <= s.end), segments[-1])


def _x(day: dt.date, segments: list[_Segment], *, end: bool = False) -> float:
    return _segment_of(day, segments).at(day, end=end)


_SHARED_LANES = 5
"""At most this many lanes in the shared row: beyond, marks overlap (it shows how busy a
stretch was; each event is in the timeline's list)."""
_LANE = 28
"""Height of a lane of the shared row, in pixels: a number above its mark."""


class _Lanes(dict[int, int]):
    """The lane of each mark (by `id`), and the marks drawn over others (`crowded`)."""

    def __init__(self) -> None:
        super().__init__()
        self.crowded: set[int] = set()


def _lanes(marks: list[_Mark], segments: list[_Segment], digits: int) -> _Lanes:
    """A lane for each mark of the shared row: the first where it overlaps nothing (its
    number of `digits` included, about 2.4 % of the track a digit at a phone's width), or,
    with every lane taken, the one free soonest."""
    ends: list[float] = []
    lanes = _Lanes()
    for mark in sorted(marks, key=_when):
        room = 1.5 + 1.2 * digits
        left = _x(mark.date.first_day, segments) - room
        right = _x((mark.end or mark.date).last_day, segments, end=True) + room
        free = [lane for lane, end in enumerate(ends) if end <= left]
        if free:
            lane = free[0]
        elif len(ends) < _SHARED_LANES:
            lane = len(ends)
            ends.append(right)
        else:
            lane = min(range(len(ends)), key=ends.__getitem__)
            lanes.crowded.add(id(mark))
        lanes[id(mark)], ends[lane] = lane, max(ends[lane], right)
    return lanes


def _axis(segments: list[_Segment]) -> str:
    out = []
    for i, segment in enumerate(segments):
        right = segment.x + segment.width
        out.append(f'<line class="pic-axis" x1="{segment.x:.2f}%" y1="20" x2="{right:.2f}%" '
                   'y2="20"/>')
        if i:
            out.append(f'<text class="pic-break" x="{segment.x - _GAP / 2:.2f}%" y="22">…</text>')
        days = (segment.end - segment.start).days + 1
        for day, label in _ticks(segment.start, segment.end, days,
                                 max(1, round(segment.width / 24))):
            x = segment.at(day)
            anchor = "start" if x < 6 else "end" if x > 94 else "middle"
            out.append(f'<line class="pic-tick" x1="{x:.2f}%" y1="16" x2="{x:.2f}%" y2="24"/>'
                       f'<text class="pic-tick-label" x="{x:.2f}%" y="12" '
                       f'text-anchor="{anchor}">{_xml(label)}</text>')
    return "".join(out)


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
        return [(m, format_date(Date.plain(m.year, m.month))) for m in months[::step]
                if m >= start] or [(start, format_date(Date.plain(start.year, start.month)))]
    years = list(range(start.year, end.year + 1))
    step = max(1, math.ceil(len(years) / most))
    return [(dt.date(y, 1, 1), str(y)) for y in years[::step]]


def format_date_day(day: dt.date) -> str:
    """A tick's label: `19 Oct` (in another language, as the CLDR writes a day and month)."""
    if spoken().code == "en":
        return f"{day.day} {day.strftime('%b')}"
    from babel.dates import format_skeleton

    return format_skeleton("MMMd", day, locale=spoken().babel)


def _draw(mark: _Mark, segments: list[_Segment], y: float) -> str:
    """The shapes of one mark at height `y`: a dot for a known day, an outlined bar for
    one day of several (or a month or a year), a solid bar for a span (its ends, where
    each is one day of several, outlined), a diamond for an agreement, a flag for a due
    date. Horizontal positions are percentages of the track."""
    title = f"<title>{_xml(format_range(mark.date, mark.end))}: {_xml(mark.label)}</title>"
    style = f" pic-mark--{mark.style}" if mark.style else ""
    if mark.kind == "due":
        x = (_x(mark.date.first_day, segments) + _x(mark.date.last_day, segments, end=True)) / 2
        return (f'<g class="pic-mark pic-mark--due{style}">{title}<svg x="{x:.2f}%" y="{y}" '
                'overflow="visible"><path d="M0 -7 L7 -3.5 L0 0 Z M0 -7 L0 7"/></svg></g>')
    shapes = []
    if mark.end is not None and mark.end != mark.date:
        start, stop = _x(mark.date.last_day, segments), _x(mark.end.first_day, segments, end=True)
        if stop > start:
            shapes.append(_bar(start, stop, y, "pic-span"))
        for end in (mark.date, mark.end):
            if not _known_day(end):
                shapes.append(_bar(_x(end.first_day, segments),
                                   _x(end.last_day, segments, end=True), y, "pic-window"))
    elif not _known_day(mark.date):
        shapes.append(_bar(_x(mark.date.first_day, segments),
                           _x(mark.date.last_day, segments, end=True), y, "pic-window"))
    elif mark.kind != "agreement":
        x = (_x(mark.date.first_day, segments) + _x(mark.date.first_day, segments, end=True)) / 2
        shapes.append(f'<circle class="pic-day" cx="{x:.2f}%" cy="{y}" r="5"/>')
    if mark.kind == "agreement":
        x = (_x(mark.date.first_day, segments) + _x(mark.date.first_day, segments, end=True)) / 2
        shapes.append(f'<svg x="{x:.2f}%" y="{y}" overflow="visible">{_diamond(0, 0)}</svg>')
    return f'<g class="pic-mark pic-mark--{mark.kind}{style}">{title}{"".join(shapes)}</g>'


def _known_day(date: Date) -> bool:
    return not date.one_of and date.earliest.precision == 3 and not date.approximate


def _bar(left: float, right: float, y: float, kind: str) -> str:
    width = max(right - left, 0.8)
    return (f'<rect class="{kind}" x="{left:.2f}%" y="{y - 4}" width="{width:.2f}%" '
            'height="8" rx="3"/>')


def _diamond(x: float, y: float) -> str:
    return f'<path class="pic-diamond" d="M{x:.1f} {y - 7} L{x + 7:.1f} {y} L{x:.1f} {y + 7} ' \
           f'L{x - 7:.1f} {y} Z"/>'


_LEGEND = {
    "day": ('<circle class="pic-day" cx="8" cy="8" r="5"/>', "a known day"),
    "window": ('<rect class="pic-window" x="0" y="4" width="22" height="8" rx="3"/>',
               "one day of these, not known which"),
    "span": ('<rect class="pic-span" x="0" y="4" width="22" height="8" rx="3"/>',
             "lasted these days"),
    "approximate": ('<g class="pic-mark--approximate"><rect class="pic-window" x="0" y="4" '
                    'width="22" height="8" rx="3"/></g>', "approximate"),
    "uncertain": ('<g class="pic-mark--uncertain"><circle class="pic-day" cx="8" cy="8" '
                  'r="5"/></g>', "uncertain"),
    "agreement": (_diamond(8, 8), "agreement"),
    "due": ('<g class="pic-mark--due"><path d="M4 1 L11 4.5 L4 8 Z M4 1 L4 15"/></g>',
            "commitment due"),
}
"""Each legend entry: its sample shape (in a 22 by 16 box) and its words."""


def _strip_legend(marks: list[_Mark]) -> str:
    """The legend of what this strip draws, and nothing else."""
    drawn = set()
    for mark in marks:
        if mark.kind == "due":
            drawn.add("due")
            continue
        if mark.kind == "agreement":
            drawn.add("agreement")
            if _known_day(mark.date) and mark.end in (None, mark.date):
                continue  # a diamond alone
        if mark.style == "approximate":
            drawn.add(mark.style)
        if mark.end is not None and mark.end != mark.date:
            drawn.add("span")
            drawn |= {"window" for end in (mark.date, mark.end) if not _known_day(end)}
        elif _known_day(mark.date):
            # Only a day's dot is drawn differently when uncertain (the row says so too).
            drawn.add("uncertain" if mark.style == "uncertain" else "day")
        else:
            drawn.add("window")
    items = "".join(f'<li><svg width="22" height="16" aria-hidden="true"><g class="pic-mark">'
                    f"{shape}</g></svg>{_xml(say(words))}</li>"
                    for key, (shape, words) in _LEGEND.items() if key in drawn)
    return f'<ul class="strip__legend">{items}</ul>'


def _strip_label(view: BriefingView) -> str:
    events = view.events
    if not events:
        return say("No events")
    first = events[0].date.earliest
    last = max((e.end_date or e.date for e in events), key=lambda d: d.last_day).latest
    text = say("Timeline of {count} events, from {start} to {end}", count=len(events),
               start=format_date(Date(first, first)), end=format_date(Date(last, last)))
    agreements = [e for e in events if e.kind == "agreement"]
    if agreements:
        text += "; " + (say("1 agreement") if len(agreements) == 1 else
                        say("{count} agreements", count=len(agreements)))
    if view.tracked:
        text += " " + (say("making 1 commitment") if len(view.tracked) == 1 else
                       say("making {count} commitments", count=len(view.tracked)))
    return text


def relations_picture(view: BriefingView) -> str:
    """Who stands how toward whom, as HTML (an empty string without relations): a row for
    each pair of actors with relations between them, the two names at its ends and each
    relation between them a line of its own, labelled in words ("accuses", with an arrow
    the way it runs), so that relations between the same two actors never lie on top of
    each other. Text is the page's own, so it wraps to fit any width and never shrinks
    on a phone; only the lines are SVG, drawn in percentages of their cell."""
    relations = view.b.relations
    if not relations:
        return ""
    order = {a.id: n for n, a in enumerate(
        a for kind in ("state", "government", "armed-group", "organization", "person")
        for a in view.b.actors if a.kind == kind)}
    names = {a.id: a.name for a in view.b.actors}
    # A relation with several parties is a line from its first actor to each of them.
    pairs: dict[tuple[str, str], list[Relation]] = {}
    for rel in relations:
        for party in rel.to:
            pair = tuple(sorted((rel.from_, party), key=lambda actor: order.get(actor, 0)))
            pairs.setdefault((pair[0], pair[1]), []).append(rel)
    count = len({r.from_ for r in relations} | {a for r in relations for a in r.to})
    past = sum(view.is_past(r) for r in relations)
    label = (say("Relations among {count} actors: {relations} relations", count=count,
                 relations=len(relations))
             + (say(", {count} of them past", count=past) if past else "")
             + say("; listed in words below"))
    out = [f'<div class="relations" role="img" aria-label="{_xml(label)}">'
           f'<svg class="relations__defs" width="0" height="0" aria-hidden="true">{_ARROW}'
           "</svg>"]
    for (left, right), between in sorted(pairs.items(),
                                         key=lambda p: (order.get(p[0][0], 0),
                                                        order.get(p[0][1], 0))):
        links = "".join(_link(view, rel, rightward=rel.from_ == left) for rel in between)
        out.append(f'<div class="relations__pair"><span class="relations__actor">'
                   f'{_xml(names[left])}</span><span class="relations__links">{links}</span>'
                   f'<span class="relations__actor relations__actor--right">'
                   f"{_xml(names[right])}</span></div>")
    out.append("</div>")
    return "".join(out)


def _link(view: BriefingView, rel: Relation, *, rightward: bool) -> str:
    """One relation between a pair: its line (an arrow the way a directed relation runs;
    dotted once it is past) and its word above the line."""
    past = view.is_past(rel)
    word = RELATION_LABELS[rel.kind][1 if past else 0]
    if len(rel.to) > 1 and rel.kind == "mediates":
        word = word.replace(" with", " between")  # its title names all the parties
    word = say(word)
    if rel.kind in _DIRECTED:
        # Right to left, the first actor's column is on the right (and the line is
        # mirrored): a relation from it points left. The arrow follows the word in
        # reading order either way.
        towards = "→" if (spoken().direction == "rtl") != rightward else "←"
        word = f"{word} {towards}" if rightward else f"{towards} {word}"
    tense = " relations__link--past" if past else ""
    end = "end" if rightward else "start"
    arrow = f' marker-{end}="url(#pic-arrow)"' if rel.kind in _DIRECTED else ""
    return (f'<span class="relations__link relations__link--{rel.kind}{tense}" '
            f'title="{_xml(view.relation_sentence(rel))}"><span class="relations__word">'
            f'{_xml(word)}</span><svg class="relations__line" height="10" aria-hidden="true">'
            f'<line x1="3" y1="5" x2="100%" y2="5"{arrow}/></svg></span>')


_ARROW = ('<defs><marker id="pic-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
          'markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" '
          'orient="auto-start-reverse">'
          '<path d="M0 0 L10 5 L0 10 Z" class="pic-arrowhead"/></marker></defs>')
RELATION_LABELS = {
    "accuses": ("accuses", "accused"), "opposes": ("opposes", "opposed"),
    "supports": ("supports", "supported"), "mediates": ("mediates with", "mediated with"),
    "negotiates-with": ("negotiates with", "negotiated with"),
    "allied-with": ("allied with", "was allied with"),
}
"""The word on each relation's line, in the present and in the past."""

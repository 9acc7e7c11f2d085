"""The briefing's data in the forms other tools read: `briefing.json` (the whole model),
TimelineJS's JSON, and CSV tables (`page_table.DATA_FILES`).

Pure functions of the validated briefing. `briefing.json` is the model as editors
wrote it, with defaults filled in; the others say what the pages say, in the same
words: dates as the site prints them, attribution ("According to ..."), the
figures of competing claims side by side. Text from YAML is escaped for each
format by its own writer: `json` for JSON, `csv` for CSV, and HTML escaping
(`inline`) inside the fields that TimelineJS shows as HTML.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import TYPE_CHECKING, Any

from generator.content.dates import Date, PartialDate, format_date
from generator.render.analysis import (
    attribution,
    event_clock,
    event_instant,
    event_order,
    event_when,
    figure,
    teller,
)
from generator.render.inline import plain_html, to_html, to_plain

if TYPE_CHECKING:
    from generator.content.model import Briefing, Claim, Event, Source

KIND_WORDS = {"attack": "Attack", "strike": "Strike", "clash": "Clash", "talks": "Talks",
              "agreement": "Agreement", "statement": "Statement", "visit": "Visit",
              "other": "Other"}
"""Each kind of event (`vocabulary.EVENT_KINDS`) as a TimelineJS group label: a fixed
word, never text from YAML (TimelineJS reads a group's entities back into markup)."""


def briefing_json(briefing: Briefing, language: str | None = None,
                  states: dict[str, str] | None = None) -> str:
    """The briefing as JSON: YAML keys, defaults filled in, dates as EDTF strings at their
    precision, and `schema_version`. On a site in several languages it names its
    `language`; a translation's says how each field stands (`translation`: current,
    outdated, missing or superseded, by address; a field that is not current holds the
    text readers see, which for missing and superseded ones is the original's)."""
    data = briefing.model_dump(mode="json", by_alias=True)
    if language is not None:
        data["language"] = language
    if states is not None:
        data["translation"] = states
    zone = briefing.briefing.timezone
    for event, written in zip(briefing.events, data["events"], strict=True):
        if event.time is not None:
            # time and timezone as written; `at` the instant they name, with its offset.
            written["at"] = _at(event, zone)
    for place, written in zip(briefing.places, data["places"], strict=True):
        if place.geonames_id is not None:
            # The coordinates are the gazetteer's: say whose, as the map's credit does.
            written["geonames_id"] = place.geonames_id
    # Compact: Python's JSON encoder is many times slower with indentation, and the
    # file is for programs; `python -m json.tool` pretty-prints it for a person.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


# TimelineJS

def timelinejs_json(briefing: Briefing) -> str:
    """The timeline in TimelineJS 3's JSON format: a title slide, then one slide per event.

    Dates go in at the precision the editor wrote (TimelineJS places a month or a
    year itself), and every slide's `display_date` is the date as the site prints
    it ("c. Oct 2025", "between 20 and 24 Oct 2025"), so a qualifier is never lost.
    A date that is one day of several spans its whole range on the time axis.
    """
    meta = briefing.briefing
    names = {actor.id: actor.name for actor in briefing.actors}
    sources = {source.id: source for source in briefing.sources}
    publishers = {source.id: source.publisher for source in briefing.sources}
    title = {"text": {"headline": plain_html(meta.title),
                      "text": f"<p>{to_html(meta.summary)}</p>"
                              f"<p>As of {plain_html(format_date(meta.as_of))}.</p>"}}
    zone = briefing.briefing.timezone
    events = [_slide(event, names, sources, publishers,
                     [c for c in briefing.claims if c.event == event.id], zone)
              for event in event_order(briefing.events, zone)]
    data = {"title": title, "events": events, "scale": "human"}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _slide(event: Event, names: dict[str, str], sources: dict[str, Source],
           publishers: dict[str, str], claims: list[Claim], zone: str | None) -> dict[str, Any]:
    last = event.end_date.latest if event.end_date is not None else event.date.latest
    start = _tl_date(event.date.earliest)
    if event.time is not None:
        # The hour and minute on the event's own clock, as its display date says; 24:00,
        # which TimelineJS has no hour for, is the next day's 00:00.
        hour, minute = (int(part) for part in event.time.split(":"))
        if hour == 24:
            day = event.date.first_day + dt.timedelta(days=1)
            start = {"year": day.year, "month": day.month, "day": day.day}
            hour = 0
        start |= {"hour": hour, "minute": minute}
    slide: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": start,
        "display_date": event_when(event, zone),
        "group": KIND_WORDS[event.kind],
        "text": {"headline": plain_html(event.title),
                 "text": "".join(f"<p>{part}</p>" for part in
                                 _slide_text(event, names, sources, publishers, claims))},
    }
    if last != event.date.earliest:
        slide["end_date"] = _tl_date(last)
    return slide


def _slide_text(event: Event, names: dict[str, str], sources: dict[str, Source],
                publishers: dict[str, str], claims: list[Claim]) -> list[str]:
    parts = []
    said = _said(event, names, publishers)
    if said:
        parts.append(f"<em>{plain_html(said)}.</em>")
    parts.append(to_html(event.summary))
    involved = "Involved: " + ", ".join(names[a] for a in event.actors)
    if event.location:
        involved += f". Where: {event.location}"
    parts.append(plain_html(involved + "."))
    if claims:
        parts.append(plain_html("Figures claimed: " + "; ".join(
            f"{c.about}: {figure(c)} ({teller(c, names.__getitem__, publishers)})"
            for c in claims) + "."))
    parts.append("Sources: " + "; ".join(_source_html(sources[s]) for s in event.sources) + ".")
    return parts


def _source_html(source: Source) -> str:
    label = plain_html(f"{source.publisher}, {source.title}")
    return f'<a href="{plain_html(source.url)}">{label}</a>' if source.url else label


def _at(event: Event, zone: str | None) -> str:
    """The instant an event's time names, in ISO 8601 with its offset (`24:00` is the
    next day's `T00:00`); '' without a time."""
    moment = event_instant(event, zone)
    return moment.isoformat(timespec="minutes") if moment else ""


def _tl_date(date: PartialDate) -> dict[str, int]:
    """A date object as TimelineJS reads it: the year, and the month and day when known."""
    fields = {"year": date.year, "month": date.month, "day": date.day}
    return {name: value for name, value in fields.items() if value is not None}


def _said(event: Event, names: dict[str, str], publishers: dict[str, str]) -> str:
    """Whose account an event is, in plain words (`publishers`: by source id)."""
    return attribution(event, lambda ids: ", ".join(names[a] for a in ids), publishers)


# CSV

EVENT_COLUMNS = (
    "id", "date", "date_first_day", "date_last_day", "end_date", "end_date_first_day",
    "end_date_last_day", "date_shown", "approximate", "kind", "title", "summary", "location",
    "actor_ids", "actor_names", "claimed_by", "denied_by", "attribution", "source_ids",
    "source_urls", "reported", "according_to", "time", "timezone", "at")
"""The columns of `events.csv`, in order."""
CLAIM_COLUMNS = (
    "id", "about", "claimant_id", "claimant_name", "value", "low", "high", "unit",
    "figure_shown", "event_id", "event_title", "date", "date_first_day", "date_last_day",
    "quote", "source_ids", "source_urls", "reported_by_id", "reported_by_publisher",
    "according_to", "wording")
"""The columns of `claims.csv`, in order."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def events_csv(briefing: Briefing) -> str:
    """One row per event, in timeline order."""
    names = {actor.id: actor.name for actor in briefing.actors}
    urls = {source.id: source.url for source in briefing.sources}
    publishers = {source.id: source.publisher for source in briefing.sources}
    zone = briefing.briefing.timezone
    rows = []
    for event in event_order(briefing.events, zone):
        rows.append({
            "id": event.id, **_date_cells("date", event.date),
            **_date_cells("end_date", event.end_date),
            "date_shown": event_when(event, zone),
            "approximate": "true" if event.approximate else "false",
            "kind": event.kind, "title": _text(event.title),
            "summary": _text(to_plain(event.summary)), "location": _text(event.location),
            "actor_ids": _ids(event.actors), "actor_names": _names(event.actors, names),
            "claimed_by": _ids(event.claimed_by), "denied_by": _ids(event.denied_by),
            "attribution": _text(_said(event, names, publishers)),
            "source_ids": _ids(event.sources), "source_urls": _urls(event.sources, urls),
            "reported": "true" if event.reported else "false",
            "according_to": _text(event.according_to), "time": event.time or "",
            "timezone": event_clock(event, zone) or "", "at": _at(event, zone)})
    return _csv(EVENT_COLUMNS, rows)


def claims_csv(briefing: Briefing) -> str:
    """One row per claim, in file order; only the header when there are none."""
    names = {actor.id: actor.name for actor in briefing.actors}
    titles = {event.id: event.title for event in briefing.events}
    urls = {source.id: source.url for source in briefing.sources}
    publishers = {source.id: source.publisher for source in briefing.sources}
    rows = []
    for claim in briefing.claims:
        rows.append({
            "id": claim.id, "about": _text(claim.about), "claimant_id": claim.claimant or "",
            "claimant_name": _text(names[claim.claimant]) if claim.claimant else "",
            "value": _number(claim.value),
            "low": _number(claim.low), "high": _number(claim.high), "unit": _text(claim.unit),
            "figure_shown": _text(figure(claim)), "event_id": claim.event or "",
            "event_title": _text(titles[claim.event]) if claim.event else "",
            **_date_cells("date", claim.date), "quote": _text(claim.quote),
            "source_ids": _ids(claim.sources), "source_urls": _urls(claim.sources, urls),
            "reported_by_id": claim.reported_by or "",
            "reported_by_publisher": _text(publishers[claim.reported_by])
            if claim.reported_by else "",
            "according_to": _text(claim.according_to), "wording": _text(claim.wording)})
    return _csv(CLAIM_COLUMNS, rows)


def _csv(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    # RFC 4180: every cell the csv module needs to quote is quoted, lines end in CRLF.
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _date_cells(name: str, date: Date | None) -> dict[str, str]:
    """A date as EDTF, as written, and the first and last day it may be, which sort."""
    if date is None:
        return {name: "", f"{name}_first_day": "", f"{name}_last_day": ""}
    return {name: date.edtf(), f"{name}_first_day": date.first_day.isoformat(),
            f"{name}_last_day": date.last_day.isoformat()}


def _text(value: str | None) -> str:
    """Free text for a spreadsheet cell. A cell that starts like a formula (`=`, `+`, `-`,
    `@`) is run as one by spreadsheet programs, so it gets a leading `'`, which they
    read as "this is text" (OWASP's advice on CSV injection); briefing.json has the text
    exactly as written."""
    if not value:
        return ""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _ids(ids: list[str]) -> str:
    """Ids separated by spaces: ids never hold one."""
    return " ".join(ids)


def _names(ids: list[str], names: dict[str, str]) -> str:
    return _text("; ".join(names[i] for i in ids))


def _urls(ids: list[str], urls: dict[str, str | None]) -> str:
    """Web addresses separated by spaces (a valid address holds none)."""
    return " ".join(url for url in (urls[i] for i in ids) if url)

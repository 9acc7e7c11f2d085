"""`python -m generator places SLUG`: what the gazetteer finds for events' `location`.

For each event that gives a `location` in words but names no `places`, the words are
read as "name, country" ("Kabul, Afghanistan"), "A-B border" or a country's name, and
looked up: cities in the offline gazetteer (GeoNames) within that country, countries
and borders in the shipped outlines. The answer is YAML for places.yml, with the
events that would name each place, and every city that a name finds more than once
listed with its coordinates to choose from. Nothing is written: the editor pastes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.base.problems import BriefingError

if TYPE_CHECKING:
    from pathlib import Path

_BORDER = re.compile(r"(?P<a>.+?)\s*[-–/]\s*(?P<b>.+?)\s+border\b", re.IGNORECASE)


@dataclass
class Suggestion:
    """A place an editor could add, and the events that would name it."""

    id: str
    name: str
    kind: str
    country: str = ""
    countries: tuple[str, str] | None = None
    events: list[str] = field(default_factory=list)
    choices: list[Any] = field(default_factory=list)
    """For a name found more than once: every city it finds (gazetteer candidates)."""


def suggest(timeline: Path, root: Path) -> tuple[list[Suggestion], list[tuple[str, str]]]:
    """The places the events of `timeline` (a timeline.yml in the project `root`) suggest,
    and the (event id, location) pairs nothing was found for. The file is read as a build
    reads it (inside the project, within the limits); one it cannot read is an error."""
    from generator.base.paths import shown
    from generator.content.document import parse_yaml, read_bytes

    raw = read_bytes(timeline, shown(timeline, root), root)
    if not isinstance(raw, bytes):
        raise BriefingError(str(raw))
    doc, problems = parse_yaml(raw, shown(timeline, root))
    if problems:
        raise BriefingError(f"{problems[0]} (run 'check' for every problem)")
    data = doc.data
    events = data.get("events") if isinstance(data, dict) else None
    found: dict[str, Suggestion] = {}
    missing: list[tuple[str, str]] = []
    for event in events if isinstance(events, list) else []:
        if not isinstance(event, dict) or event.get("places"):
            continue
        location, event_id = event.get("location"), str(event.get("id", "?"))
        if not isinstance(location, str) or not location.strip():
            continue
        suggestion = _read(location.strip())
        if suggestion is None:
            missing.append((event_id, location))
            continue
        found.setdefault(suggestion.id, suggestion).events.append(event_id)
    return list(found.values()), missing


def _read(location: str) -> Suggestion | None:
    from generator.geo import gazetteer, outlines

    border = _BORDER.fullmatch(location)
    if border:
        a, b = _country_code(border["a"]), _country_code(border["b"])
        if a and b and outlines.shares_border(a, b):
            return Suggestion(f"{a.lower()}-{b.lower()}-border", location, "border",
                              countries=(a, b))
        return None
    *names, last = [part.strip() for part in location.split(",")]
    code = _country_code(last)
    if not names:
        if code:
            return Suggestion(_slug(location), location, "country", country=code)
        return None
    if not code:
        return None
    name = names[0]
    result = gazetteer.look_up(name, code)
    if not result.found:
        return None
    suggestion = Suggestion(_slug(name), name, "city", country=code)
    if len(result.found) > 1:
        suggestion.choices = list(result.found)
    return suggestion


def _country_code(words: str) -> str:
    """The ISO code of a country named in words ("Pakistan", "Türkiye", "PK"), or ''."""
    from generator.geo import gazetteer, outlines

    if outlines.is_country_code(words.strip()):
        return words.strip()
    wanted = gazetteer.normalized(words)
    for code, name in outlines.country_names().items():
        if gazetteer.normalized(name) == wanted:
            return code
    return ""


def _slug(text: str) -> str:
    from generator.geo.gazetteer import normalized

    return "-".join(re.findall(r"[a-z0-9]+", normalized(text))) or "place"


def as_yaml(suggestions: list[Suggestion], missing: list[tuple[str, str]]) -> str:
    """The suggestions as places.yml entries, each followed by the events that would
    name it; what found nothing as comments."""
    import json

    out = ["# Candidates from the offline gazetteer (GeoNames' cities of 1,000 or more",
           "# people) and the shipped outlines (Natural Earth 1:50m), for events that give a",
           "# location but no places. Paste what is right into places.yml, and add",
           "# `places: [id]` to each event listed.", "places:"]
    for s in suggestions:
        out.append(f"  - id: {s.id}")
        out.append(f"    name: {json.dumps(s.name, ensure_ascii=False)}")
        out.append(f"    kind: {s.kind}")
        if s.countries:
            out.append(f"    countries: [{s.countries[0]}, {s.countries[1]}]")
        else:
            out.append(f"    country: {s.country}")
        if s.choices:
            out.append(f"    # '{s.name}' names {len(s.choices)} cities there: keep the "
                       "coordinates of the one you mean")
            for n, city in enumerate(s.choices):
                mark = "" if n == 0 else "# "
                out.append(f"    {mark}coordinates: [{city.latitude}, {city.longitude}]  "
                           f"# {city.describe()}")
        out.append(f"    # events: {', '.join(s.events)}")
    if not suggestions:
        out[-1] = "places: []"
    for event_id, location in missing:
        out.append(f"# {event_id}: nothing found for {json.dumps(location, ensure_ascii=False)}"
                   "; a site or region needs `coordinates` (and a region `radius_km`)")
    return "\n".join(out) + "\n"

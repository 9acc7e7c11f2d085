"""The checks of places that need geography: country codes against ISO 3166-1, countries
and borders against the shipped outlines, and cities without coordinates against the
offline gazetteer, which gives them their coordinates when it finds exactly one.

Kept apart from `cross_checks` because these read data shipped with the package
(`generator.geo`), loaded only for a briefing that has places.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.base.problems import Problem
from generator.content.model_walk import numbered

if TYPE_CHECKING:
    from generator.content.cross_checks import Parts
    from generator.content.model import Place

FILE = "places.yml"
CANDIDATES_LISTED = 6
"""An ambiguous city name lists at most this many of the places it names."""
_ALIASES = {"UK": "GB", "EL": "GR"}
"""Codes editors write that ISO 3166-1 spells otherwise (the EU's for Britain and Greece)."""


def resolve_places(parts: Parts) -> list[Problem]:
    """Every problem of places.yml that needs the outlines or the gazetteer; a city the
    gazetteer finds exactly once gets its coordinates (in `parts.places`)."""
    if parts.places is None or FILE not in parts.docs:
        return []
    from generator.geo import outlines

    doc = parts.docs[FILE]
    problems: list[Problem] = []
    places = parts.places.places
    for index, (i, place) in enumerate(numbered(places)):
        def error(field: str | None, message: str, i: int = i) -> None:
            path = ("places", i, field) if field else ("places", i)
            problems.append(doc.problem(path, message))

        codes = [(place.country, "country")] if place.country else \
            [(code, ("countries", n)) for n, code in enumerate(place.countries)]
        unknown = False
        for code, where in codes:
            if not outlines.is_country_code(code):
                unknown = True
                problems.append(doc.problem(("places", i, *_as_path(where)),
                                            _unknown_code(code)))
        if unknown:
            continue
        if place.kind == "country" and place.country and not outlines.has_outline(place.country):
            error("country", f"{_country(place.country)} has no outline in the shipped map "
                             "data (Natural Earth 1:50m): mark it as a city or a site with "
                             "`coordinates` instead")
        elif place.kind == "border":
            error_text = _border_problem(place.countries[0], place.countries[1])
            if error_text:
                error("countries", error_text)
        elif place.kind == "city" and place.coordinates is None and place.country:
            found, message = _look_up(place)
            if message:
                error("name", message)
            elif found is not None:
                places[index] = found
    return problems


def _as_path(where: str | tuple[str, int]) -> tuple[str | int, ...]:
    return (where,) if isinstance(where, str) else where


def _country(code: str) -> str:
    from generator.geo import outlines

    return f"{outlines.country_name(code)} ({code})"


def _unknown_code(code: str) -> str:
    from generator.geo import outlines

    alias = _ALIASES.get(code)
    if alias and outlines.is_country_code(alias):
        return (f"'{code}' is not an ISO 3166-1 alpha-2 country code; "
                f"{outlines.country_name(alias)} is '{alias}'")
    return (f"'{code}' is not an ISO 3166-1 alpha-2 country code (Afghanistan is 'AF', "
            "Pakistan 'PK'); see https://www.iso.org/obp/ui/#search for the list")


def _border_problem(a: str, b: str) -> str:
    from generator.geo import outlines

    for code in (a, b):
        if not outlines.has_outline(code):
            return (f"{_country(code)} has no outline in the shipped map data (Natural "
                    "Earth 1:50m), so it has no border to draw: mark a site with "
                    "`coordinates` instead")
    if outlines.shares_border(a, b):
        return ""
    around = ", ".join(sorted(outlines.neighbours(a))) or "none: it is an island"
    return (f"{_country(a)} and {_country(b)} share no border in the shipped outlines "
            f"(Natural Earth 1:50m, de facto boundaries); {a}'s neighbours there: {around}. "
            "For a place on a coast or a line of control, use a site or a region with "
            "`coordinates`")


def _look_up(place: Place) -> tuple[Place | None, str]:
    """The place with the gazetteer's coordinates, or why there are none."""
    from generator.geo import gazetteer

    assert place.country is not None
    result = gazetteer.look_up(place.name, place.country)
    where = _country(place.country)
    if len(result.found) == 1:
        city = result.found[0]
        found = place.model_copy(update={"coordinates": (city.latitude, city.longitude)})
        found._geonames_id = city.geonameid
        return found, ""
    if result.found:
        listed = "; ".join(c.describe() for c in result.found[:CANDIDATES_LISTED])
        more = len(result.found) - CANDIDATES_LISTED
        also = f"; and {more} more" if more > 0 else ""
        return None, (f"'{place.name}' names {len(result.found)} places in {where} in the "
                      f"gazetteer (GeoNames' cities of 1,000 or more people): {listed}{also}. "
                      "Give `coordinates: [latitude, longitude]` for the one you mean")
    nearest = ", ".join(f"'{name}'" for name in result.nearest_names)
    hint = f"; the nearest names there are {nearest}" if nearest else ""
    return None, (f"no city called '{place.name}' in {where} in the gazetteer (GeoNames' "
                  f"cities of 1,000 or more people){hint}. Correct the name, or give "
                  "`coordinates: [latitude, longitude]`")

"""What the site says of places: each place's facts in words, the events at each, and
`places.geojson`, the places as RFC 7946 GeoJSON for GIS tools and web maps.

A city, a site or a region is a Point (a region with its `radius_km`), a country its
outline and a border the line its two countries share, both from the outlines shipped
with the package (`generator.geo.outlines`, Natural Earth 1:50m).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from generator.render.inline import to_plain
from generator.render.wording import country_in_words, say

if TYPE_CHECKING:
    from generator.content.model import Briefing, Event, Place

KIND_WORDS = {"city": "City", "site": "Site", "region": "Region", "country": "Country",
              "border": "Border"}
"""Each kind of place (`vocabulary.PLACE_KINDS`) as the places page names it."""
PRECISION_WORDS = {
    "city": "a point: the city",
    "site": "a point: the site",
    "region": "somewhere within {radius} km of a point",
    "country": "somewhere in the country",
    "border": "along the border",
}
"""How precisely each kind of place puts an event on the map, in words."""
DECIMALS = 5
"""Degrees are written to 5 decimals (about a metre): the places are not more precise."""


def country_words(place: Place) -> str:
    """Its country or countries by name: `Afghanistan`, `Afghanistan and Pakistan`."""
    codes = place.countries or ([place.country] if place.country else [])
    return say(" and ").join(country_in_words(code) for code in codes)


def coordinates_words(place: Place) -> str:
    """`34.52813° N, 69.17233° E`, or '' for a place drawn from the outlines."""
    if place.coordinates is None:
        return ""
    latitude, longitude = place.coordinates
    return (f"{abs(latitude):.{DECIMALS}f}° {'N' if latitude >= 0 else 'S'}, "
            f"{abs(longitude):.{DECIMALS}f}° {'E' if longitude >= 0 else 'W'}")


def precision_words(place: Place) -> str:
    """How precise the place is: 'somewhere within 40 km of a point'."""
    return say(PRECISION_WORDS[place.kind], radius=f"{place.radius_km or 0:g}")


def events_at(places: list[Place], events: list[Event]) -> dict[str, list[Event]]:
    """The events at each place, by place id, in the order of `events` (date order)."""
    found: dict[str, list[Event]] = {place.id: [] for place in places}
    for event in events:
        for place_id in dict.fromkeys(event.places):
            found[place_id].append(event)
    return found


def places_geojson(briefing: Briefing, events: list[Event]) -> str:
    """The briefing's places as a GeoJSON FeatureCollection (RFC 7946), each feature with
    its id, name, kind, country and the ids of its events in date order."""
    at = events_at(briefing.places, events)
    features = [_feature(place, [e.id for e in at[place.id]]) for place in briefing.places]
    data = {"type": "FeatureCollection", "features": features}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def geometry(place: Place) -> dict[str, Any]:
    """The place's GeoJSON geometry: a Point, a country's MultiPolygon or a border's
    MultiLineString, in [longitude, latitude] order."""
    from generator.geo import outlines

    if place.kind == "country":
        assert place.country is not None
        polygons = outlines.country_outline(place.country)
        return {"type": "MultiPolygon",
                "coordinates": [[[_position(p) for p in ring] for ring in polygon]
                                for polygon in polygons]}
    if place.kind == "border":
        lines = outlines.shared_border(place.countries[0], place.countries[1])
        return {"type": "MultiLineString",
                "coordinates": [[_position(p) for p in line] for line in lines]}
    assert place.coordinates is not None
    latitude, longitude = place.coordinates
    return {"type": "Point", "coordinates": _position((longitude, latitude))}


def _feature(place: Place, event_ids: list[str]) -> dict[str, Any]:
    properties: dict[str, Any] = {"name": place.name, "kind": place.kind}
    if place.native_name:
        properties["native_name"] = place.native_name
    if place.country:
        properties["country"] = place.country
    if place.countries:
        properties["countries"] = list(place.countries)
    if place.radius_km is not None:
        properties["radius_km"] = place.radius_km
    if place.note:
        properties["note"] = to_plain(place.note)
    if place.geonames_id is not None:
        properties["geonames_id"] = place.geonames_id
    properties["events"] = event_ids
    return {"type": "Feature", "id": place.id, "geometry": geometry(place),
            "properties": properties}


def _position(point: tuple[float, float]) -> list[float]:
    return [round(point[0], DECIMALS), round(point[1], DECIMALS)]

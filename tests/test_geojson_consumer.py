"""`places.geojson` as a GIS user gets it: drawn by a real web map, and keeping the RFC 7946
rules that GIS tools rely on.

The bundled briefing is built with `mkdocs build --strict` and served on localhost beside
a page that loads Leaflet 1.9.4 (vendored in tests/vendor, for the tests only), fetches
the briefing's `places.geojson` and adds it to a map with `L.geoJSON`, points as circle
markers and no tile layer, in headless Chromium; nothing may be asked of another host.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from browser import chromium, serve
from conftest import bundled_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SLUG = "afpak-ceasefire-talks"
LEAFLET = Path(__file__).parent / "vendor" / "leaflet-1.9.4" / "leaflet.js"
LEAFLET_SHA256 = "db49d009c841f5ca34a888c96511ae936fd9f5533e90d8b2c4d57596f4e5641a"
"""As its README says: `dist/leaflet.js` of the npm package leaflet@1.9.4."""

CITIES = ["kabul", "islamabad", "doha", "istanbul"]
COUNTRIES = ["afghan-territory", "india"]
BORDER = "afpak-border"
KABUL = (34.53, 69.17)
ISTANBUL = (41.01, 28.95)
KANYAKUMARI = (8.1, 77.5)
"""India's southern tip on the mainland, (latitude, longitude)."""

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>places.geojson in Leaflet</title>
<link rel="icon" href="data:,">
<script src="leaflet.js"></script></head>
<body style="margin:0"><div id="map" style="width:800px;height:500px"></div>
<script>
  window.drawn = false;
  window.failure = null;
  fetch("../afpak-ceasefire-talks/places.geojson")
    .then(response => {
      if (!response.ok) throw new Error(`places.geojson: ${response.status}`);
      return response.json();
    })
    .then(data => {
      window.map = L.map("map");
      window.layer = L.geoJSON(data, {pointToLayer: (f, latlng) => L.circleMarker(latlng)});
      map.fitBounds(layer.getBounds());
      layer.addTo(map);
      window.drawn = true;
    })
    .catch(error => { window.failure = String((error && error.stack) || error); });
</script></body></html>
"""
"""The map page: the bundled briefing's places drawn by Leaflet, points as circle markers."""

LAYERS = """() => {
  // The most specific Leaflet class of a layer (a Polygon is a Polyline too).
  const kindOf = l => l instanceof L.Circle ? "Circle"
    : l instanceof L.CircleMarker ? "CircleMarker"
    : l instanceof L.Polygon ? "Polygon"
    : l instanceof L.Polyline ? "Polyline"
    : l instanceof L.Marker ? "Marker" : "other";
  return layer.getLayers().map(l => ({
    kind: kindOf(l), id: l.feature.id, properties: l.feature.properties,
    latlng: l.getLatLng ? [l.getLatLng().lat, l.getLatLng().lng] : null,
    latlngs: l.getLatLngs ? l.getLatLngs() : null}));
}"""
"""Each layer `L.geoJSON` made: its class, its feature, and where it is."""


class Site(NamedTuple):
    url: str
    folder: Path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The bundled site built with `--strict`, with the map page in `_consumer/`, served."""
    assert hashlib.sha256(LEAFLET.read_bytes()).hexdigest() == LEAFLET_SHA256
    root = tmp_path_factory.mktemp("geojson-consumer")
    result = bundled_project(root).mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    consumer = root / "site" / "_consumer"
    consumer.mkdir()
    shutil.copy(LEAFLET, consumer / "leaflet.js")
    (consumer / "index.html").write_text(PAGE, encoding="utf-8")
    with serve(root / "site") as url:
        yield Site(url, root / "site")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as instance:
        yield instance


@pytest.fixture
def geojson(site: Site) -> dict[str, Any]:
    """The built `places.geojson`, as a GIS tool reads it."""
    data: dict[str, Any] = json.loads(
        (site.folder / SLUG / "places.geojson").read_text(encoding="utf-8"))
    return data


@pytest.fixture
def leaflet(browser: Any, site: Site) -> Iterator[Any]:
    """The map page once Leaflet has drawn the file. Every request leaving the local server
    is recorded (`outside`) and aborted; any of those, a script or console error or a
    failed response (`problems`) fails the test, at the latest when it ends."""
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    outside: list[str] = []
    problems: list[str] = []

    def only_local(route: Any) -> None:
        if route.request.url.startswith(site.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    tab = context.new_page()
    tab.outside, tab.problems = outside, problems
    tab.on("console", lambda m: m.type == "error" and problems.append(f"console {m.text}"))
    tab.on("pageerror", lambda e: problems.append(f"error {e}"))
    tab.on("response", lambda r: r.status < 400 or problems.append(f"{r.status} {r.url}"))
    tab.goto(f"{site.url}_consumer/")
    tab.wait_for_function("window.drawn || window.failure", timeout=30_000)
    assert tab.evaluate("window.failure") is None
    yield tab
    context.close()
    assert outside == []
    assert problems == []


def _layers(tab: Any) -> dict[str, dict[str, Any]]:
    """Each layer Leaflet made, by its feature's id: its class, feature and where it is."""
    layers = tab.evaluate(LAYERS)
    return {entry["id"]: entry for entry in layers}


def _bounds(tab: Any, expression: str) -> dict[str, float]:
    return dict(tab.evaluate(f"""(() => {{ const b = {expression};
        return {{south: b.getSouth(), west: b.getWest(), north: b.getNorth(),
                 east: b.getEast()}}; }})()"""))


def _contains(bounds: dict[str, float], point: tuple[float, float]) -> bool:
    latitude, longitude = point
    return (bounds["south"] <= latitude <= bounds["north"]
            and bounds["west"] <= longitude <= bounds["east"])


# What Leaflet draws


def test_leaflet_draws_every_place_of_the_bundled_briefing(
        leaflet: Any, geojson: dict[str, Any]) -> None:
    layers = _layers(leaflet)
    assert list(layers) == [f["id"] for f in geojson["features"]]
    assert len(layers) == 7
    # Each is a drawn SVG path on the map, with a shape.
    paths = leaflet.evaluate("[...document.querySelectorAll('#map .leaflet-overlay-pane path')]"
                             ".map(p => p.getAttribute('d'))")
    assert len(paths) == 7 and all(paths)
    # From the local server only: no tiles, no icons, nothing from another host.
    assert leaflet.outside == []
    assert leaflet.problems == []


def test_cities_are_circle_markers_countries_polygons_and_the_border_a_line(
        leaflet: Any) -> None:
    kinds = {place: layer["kind"] for place, layer in _layers(leaflet).items()}
    assert kinds == {**dict.fromkeys(CITIES, "CircleMarker"),
                     **dict.fromkeys(COUNTRIES, "Polygon"), BORDER: "Polyline"}


def test_a_country_of_several_parts_is_one_polygon_with_every_part(
        leaflet: Any, geojson: dict[str, Any]) -> None:
    # Leaflet makes a MultiPolygon one L.Polygon whose latlngs are [part][ring][point].
    india = next(f for f in geojson["features"] if f["id"] == "india")
    drawn = _layers(leaflet)["india"]["latlngs"]
    assert len(drawn) == len(india["geometry"]["coordinates"]) > 1
    assert [len(part) for part in drawn] == [len(p) for p in india["geometry"]["coordinates"]]


def test_each_drawn_place_keeps_its_id_and_its_events(
        leaflet: Any, geojson: dict[str, Any]) -> None:
    layers = _layers(leaflet)
    for feature in geojson["features"]:
        drawn = layers[feature["id"]]["properties"]
        assert drawn["events"] == feature["properties"]["events"]
        assert drawn["name"] == feature["properties"]["name"]
    assert layers["doha"]["properties"]["events"] == ["doha-talks", "doha-ceasefire"]
    assert all(layers[place]["properties"]["events"] for place in layers)


def test_kabul_is_where_kabul_is_as_positions_are_longitude_then_latitude(
        leaflet: Any) -> None:
    # Read the other way round, Kabul would be at 69° N, 34° E, far from Afghanistan.
    assert _layers(leaflet)["kabul"]["latlng"] == pytest.approx(KABUL, abs=0.01)
    assert _layers(leaflet)["istanbul"]["latlng"] == pytest.approx(ISTANBUL, abs=0.01)


def test_the_fitted_map_shows_kabul_istanbul_and_the_south_of_india(
        leaflet: Any, geojson: dict[str, Any]) -> None:
    drawn = _bounds(leaflet, "layer.getBounds()")
    shown = _bounds(leaflet, "map.getBounds()")
    for point in (KABUL, ISTANBUL, KANYAKUMARI):
        assert _contains(drawn, point), point
        assert _contains(shown, point), point
    # The layer's bounds are exactly the extent of the file's positions, lon and lat read
    # in RFC 7946's order.
    positions = [p for f in geojson["features"] for p in _positions(f["geometry"])]
    assert drawn == pytest.approx({
        "south": min(lat for _, lat in positions), "north": max(lat for _, lat in positions),
        "west": min(lon for lon, _ in positions), "east": max(lon for lon, _ in positions)})
    assert drawn["west"] == pytest.approx(ISTANBUL[1], abs=0.01)
    assert drawn["north"] == pytest.approx(ISTANBUL[0], abs=0.01)
    assert 6 < drawn["south"] < KANYAKUMARI[0]
    assert 90 < drawn["east"] < 100


def test_the_border_runs_between_afghanistan_and_pakistan(leaflet: Any) -> None:
    lines = _layers(leaflet)[BORDER]["latlngs"]
    points = [(p["lat"], p["lng"]) for line in lines for p in line]
    assert len(points) > 100
    assert all(29 <= lat <= 38 and 60 <= lng <= 75 for lat, lng in points)


# The RFC 7946 rules GIS tools rely on


def test_places_geojson_is_a_feature_collection_of_features_with_string_ids(
        geojson: dict[str, Any]) -> None:
    assert geojson["type"] == "FeatureCollection"
    assert isinstance(geojson["features"], list) and len(geojson["features"]) == 7
    for feature in geojson["features"]:
        assert feature["type"] == "Feature"
        assert {"type", "geometry", "properties", "id"} <= set(feature)
        assert isinstance(feature["id"], str) and feature["id"]
        assert isinstance(feature["properties"], dict)
        assert isinstance(feature["geometry"], dict)
        assert all(isinstance(e, str) for e in feature["properties"]["events"])
    ids = [f["id"] for f in geojson["features"]]
    assert len(set(ids)) == len(ids)


def test_places_geojson_names_no_crs(geojson: dict[str, Any]) -> None:
    # RFC 7946 removed `crs`: positions are WGS 84 longitude and latitude, always.
    assert _members_named("crs", geojson) == []


def test_every_position_is_a_longitude_and_a_latitude_in_range(
        geojson: dict[str, Any]) -> None:
    for feature in geojson["features"]:
        positions = list(_positions(feature["geometry"]))
        assert positions, feature["id"]
        for position in positions:
            assert len(position) == 2, (feature["id"], position)
            assert all(isinstance(n, int | float) and not isinstance(n, bool)
                       and math.isfinite(n) for n in position), (feature["id"], position)
            longitude, latitude = position
            assert -180 <= longitude <= 180 and -90 <= latitude <= 90, (feature["id"], position)


def test_each_kind_of_place_has_its_geometry(geojson: dict[str, Any]) -> None:
    kinds = {f["id"]: (f["properties"]["kind"], f["geometry"]["type"])
             for f in geojson["features"]}
    assert kinds == {**dict.fromkeys(CITIES, ("city", "Point")),
                     **dict.fromkeys(COUNTRIES, ("country", "MultiPolygon")),
                     BORDER: ("border", "MultiLineString")}


def test_lines_have_two_positions_and_do_not_jump_the_antimeridian(
        geojson: dict[str, Any]) -> None:
    for feature in geojson["features"]:
        for line in _lines(feature["geometry"]):
            assert len(line) >= 2, feature["id"]
            # RFC 7946 3.1.9: a line crossing the antimeridian is cut in two.
            assert all(abs(a[0] - b[0]) < 180 for a, b in itertools.pairwise(line)), \
                feature["id"]


def test_polygon_rings_are_closed_outside_counterclockwise_holes_clockwise(
        geojson: dict[str, Any]) -> None:
    polygons = [(f["id"], polygon) for f in geojson["features"]
                for polygon in _polygons(f["geometry"])]
    assert len(polygons) >= 2
    for place, polygon in polygons:
        for ring in polygon:
            assert len(ring) >= 4, place
            assert ring[0] == ring[-1], place
        assert _signed_area(polygon[0]) > 0, f"{place}: exterior ring is clockwise"
        for hole in polygon[1:]:
            assert _signed_area(hole) < 0, f"{place}: a hole is counterclockwise"


def _positions(geometry: dict[str, Any]) -> Iterator[list[float]]:
    depth = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2,
             "Polygon": 2, "MultiPolygon": 3}[geometry["type"]]
    yield from _flatten(geometry["coordinates"], depth)


def _flatten(value: Any, depth: int) -> Iterator[Any]:
    if depth == 0:
        yield value
    else:
        for item in value:
            yield from _flatten(item, depth - 1)


def _lines(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """Every line string or ring of the geometry."""
    kind, coordinates = geometry["type"], geometry["coordinates"]
    if kind in ("LineString", "MultiLineString", "Polygon", "MultiPolygon"):
        depth = {"LineString": 0, "MultiLineString": 1, "Polygon": 1, "MultiPolygon": 2}[kind]
        return list(_flatten(coordinates, depth))
    return []


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    """Every polygon (a list of rings, the exterior first) of the geometry."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def _signed_area(ring: list[list[float]]) -> float:
    """Positive when the ring runs counterclockwise (shoelace formula)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def _members_named(name: str, value: Any, where: str = "$") -> list[str]:
    """Where in `value` an object has a member called `name`, as JSON paths."""
    found = []
    if isinstance(value, dict):
        if name in value:
            found.append(f"{where}.{name}")
        for key, item in value.items():
            found += _members_named(name, item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _members_named(name, item, f"{where}[{index}]")
    return found

"""The maps, drawn at build time as inline SVG from the outlines shipped with the package,
with no tiles, scripts or requests: a briefing's places on the region that holds them,
and the home page's desk map of every briefing on the world.

The region is shown in a Lambert azimuthal equal-area projection centred on the places
(`generator.geo.projection`), countries from Natural Earth 1:50m clipped to the frame
and simplified to half a pixel. Each place is drawn at its precision: a numbered
marker on a city or site, a halo of its radius round a region, a hatched country, a
heavy line along a border; every marker links to the place's entry on the places page,
which lists its events. Below the map a band holds a locator of the region in the world
(Equal Earth, 1:110m), a scale bar and a key of what is drawn. Colours come from
classes styled in `briefing.css`, so the map follows dark mode and prints in greys;
kinds are told apart by shape and line as well as colour.

The desk map puts each briefing at the middle of its places on the world in Equal Earth,
its status told by shape (`DESK_SHAPES`), colour and label.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from generator.geo.projection import angular_distance
from generator.render.escape import attribute
from generator.render.wording import country_in_words, say, spoken

if TYPE_CHECKING:
    from generator.content.model import Place

WIDTH = 400
"""The map's width in SVG units: it scales to the column, about 0.9 on a phone, so its
words stay legible there."""
MIN_HEIGHT, MAX_HEIGHT = 220, 400
BAND = 70
"""The height of the band below the map: locator, scale bar and key."""
MIN_SPAN_KM = 500
"""The least width a map shows, so that one city is not drawn on an empty field."""
MARGIN = 0.12
"""Room left round the places, as a share of their extent."""
MARKER_R = 9
LABEL_SIZE = 14
COUNTRY_SIZE = 11
KEY_SIZE = 12.5
"""Font sizes in SVG units (briefing.css sets the same on the classes): 12.5 px and more
on a 390 px phone for a place's name, 11 px for the key."""
SIMPLIFY_PX = 0.5
WORLD_DEGREES = 60
"""Places further than this from their middle are drawn on the world, not a region."""
DETAILED_KM = 6000
"""Maps narrower than this many kilometres use the 1:50m outlines; wider, the 1:110m."""
NEAR_DEGREES = 150
"""A regional map leaves out countries that reach further than this from its centre: they
lie off the map, and near the point opposite its centre a projection breaks down."""
KM_PER_DEGREE = 111.2
"""Kilometres in a degree of latitude (and of longitude at the equator)."""
HREF = "\0places\0"
"""Stands in for the link to the places page while a map is drawn once for all pages."""
OUTLINES_CREDIT = ("Outlines: Natural Earth (public domain), which draws de facto "
                   "boundaries.")
GAZETTEER_CREDIT = "City positions: GeoNames (CC BY 4.0)."


@dataclass(frozen=True)
class DrawnMap:
    """A map as SVG, and the credit its caption must carry."""

    svg: str
    credit: str


def briefing_map(places: list[Place], events: dict[str, int],
                 to_places: str | None) -> DrawnMap | None:
    """The map of a briefing's `places` (with the number of `events` at each, by place id)
    for a page whose link to the places page is `to_places` (None: markers that are no
    links, for paper); None without places."""
    if not places:
        return None
    key = tuple((p.id, p.name, p.kind, p.country, tuple(p.countries), p.coordinates,
                 p.radius_km, events[p.id]) for p in places)
    credit = say(OUTLINES_CREDIT)
    if any(p.geonames_id is not None for p in places):
        credit += f" {say(GAZETTEER_CREDIT)}"
    svg = _drawn(key, spoken().code)  # the map's words are in the page's language
    if to_places is None:
        svg = re.sub(f'<a href="{HREF}#[^"]*"', "<g", svg).replace("</a>", "</g>")
    return DrawnMap(svg.replace(HREF, attribute(to_places or "")), credit)


def places_centre(places: list[Place]) -> tuple[float, float] | None:
    """Where a briefing sits on the desk map: the middle of its places, as (longitude,
    latitude) rounded to a hundredth of a degree; None without places."""
    if not places:
        return None
    lon, lat = _middle([_anchor(_shape(p.kind, p.country, p.countries, p.coordinates))
                        for p in places])
    return round(lon, 2), round(lat, 2)


def _shape(kind: str, country: str | None, countries: Any, coordinates: Any) -> Any:
    """A place's shape in (longitude, latitude): its point, its country's outline or its
    border's line."""
    from shapely.geometry import MultiLineString, MultiPolygon, Point, Polygon

    from generator.geo import outlines

    if kind == "country":
        return MultiPolygon([Polygon(rings[0], rings[1:])
                             for rings in outlines.country_outline(country or "")])
    if kind == "border":
        return MultiLineString(outlines.shared_border(*countries))
    return Point(coordinates[1], coordinates[0])


@dataclass
class _Marker:
    number: int
    place_id: str
    name: str
    kind: str
    events: int
    anchor: tuple[float, float]
    """Where the place is (for an area or a line, its first spot)."""
    spots: list[tuple[float, float]] = field(default_factory=list)
    """Where on the place its marker may go, the best first."""
    at: tuple[float, float] = (0.0, 0.0)


@lru_cache(maxsize=64)
def _drawn(key: tuple[Any, ...], language: str) -> str:
    """The map of places described by `key` (see `briefing_map`), drawn once per build
    and `language` for every page that shows it."""
    return _Drawing(key).svg()


class _Drawing:
    def __init__(self, key: tuple[Any, ...]) -> None:
        from shapely.geometry import Polygon

        from generator.geo.projection import Projection

        self.shapes = [(item, _shape(*item[2:6])) for item in key]
        """Each place's key and its shape in (longitude, latitude)."""
        anchors = [_anchor(shape) for _, shape in self.shapes]
        lon0, lat0 = _middle(anchors)
        far = max(angular_distance(lon0, lat0, lon, lat) for lon, lat in anchors)
        # Places a quarter of the world apart or more: the world, in Equal Earth.
        self.world = far > WORLD_DEGREES
        self.projection = Projection.equal_earth() if self.world else \
            Projection.centred_on(lon0, lat0)
        self.centre = (lon0, lat0)
        # A country's extent is its largest part: the United States, not Alaska and Hawaii.
        projected = [self.project(_largest(shape)) for _, shape in self.shapes]
        x0, y0, x1, y1 = _bounds(projected)
        for (item, _), shape in zip(self.shapes, projected, strict=True):
            if item[6]:  # a region reaches its radius beyond its centre
                x0, x1 = min(x0, shape.x - item[6]), max(x1, shape.x + item[6])
                y0, y1 = min(y0, shape.y - item[6]), max(y1, shape.y + item[6])
        span_x = max(x1 - x0, MIN_SPAN_KM) * (1 + 2 * MARGIN)
        span_y = max(y1 - y0, MIN_SPAN_KM * MIN_HEIGHT / WIDTH) * (1 + 2 * MARGIN)
        height = min(max(WIDTH * span_y / span_x, MIN_HEIGHT), MAX_HEIGHT)
        scale = min(WIDTH / span_x, height / span_y)
        self.height = round(height)
        self.scale = scale
        """Pixels per kilometre."""
        self.outline_scale = "50m" if WIDTH / scale < DETAILED_KM else "110m"
        """The detail of the outlines: 1:50m for a region, 1:110m for a continent or more."""
        centre_x, centre_y = (x0 + x1) / 2, (y0 + y1) / 2
        self.left = centre_x - WIDTH / 2 / scale
        self.top = centre_y + self.height / 2 / scale
        self.frame = Polygon([(0, 0), (WIDTH, 0), (WIDTH, self.height), (0, self.height)])
        self.projected = [self.project(shape) for _, shape in self.shapes]
        self.taken: list[tuple[float, float, float, float]] = []
        """The boxes that markers and words already cover, which no later word may."""
        self.markers: list[tuple[float, float]] = []
        self.lines: list[tuple[float, float, float, float]] = []
        """The boxes along border lines, which words avoid where they can."""

    def project(self, shape: Any) -> Any:
        """A lon/lat shape in the projection's kilometres, made valid (far from the centre,
        a projected outline can cross itself)."""
        import shapely

        projected = shapely.transform(shape, self.projection.forward_many)
        return projected if projected.is_valid else shapely.make_valid(projected)

    def to_px(self, shape: Any) -> Any:
        """A projected shape in the SVG's pixels (y down)."""
        import shapely

        left, top, scale = self.left, self.top, self.scale
        return shapely.transform(
            shape, lambda xy: (xy - (left, top)) * (scale, -scale))

    def svg(self) -> str:
        land, involved_land = self.countries()
        places = self.places()
        band = self.band()
        total = self.height + BAND
        title = "; ".join(f"{n}. {item[1]}" for n, (item, _) in enumerate(self.shapes, 1))
        return (f'<svg class="map" viewBox="0 0 {WIDTH} {total}" role="group" '
                f'aria-label="{attribute(say("Map of the places:"))} {attribute(title)}">'
                f'<defs>{_HATCH}<clipPath id="map-frame"><rect width="{WIDTH}" '
                f'height="{self.height}"/></clipPath></defs>'
                f'<rect class="map-sea" width="{WIDTH}" height="{self.height}"/>'
                f'<g clip-path="url(#map-frame)">{land}{involved_land}{places}</g>'
                f'<rect class="map-edge" width="{WIDTH}" height="{self.height}"/>'
                f"{band}</svg>")

    def countries(self) -> tuple[str, str]:
        """The countries in the frame as paths, those of the places set apart (their
        names are placed after the places', see `country_name`)."""
        import shapely

        from generator.geo import outlines

        outline_names = outlines.country_names()
        involved: set[str] = set()
        for item, _ in self.shapes:
            involved.update(item[4] or [item[3]])
        land, involved_land, labels = [], [], []
        window = self.frame.buffer(2)
        reach = None if self.world else self.reach()
        for code, outline, box in _land(self.outline_scale):
            if reach is not None and not (_near(box, self.centre) and _overlap(box, reach)):
                continue
            shape = outline.shape
            if reach is not None and reach[0] >= -180 and reach[2] <= 180:
                # Cut to round the map first: projecting and mending all of Russia for the
                # corner of it a map shows is most of a map's time.
                shape = shapely.clip_by_rect(shape, *reach)
                if shape.is_empty:
                    continue
            drawn = self.to_px(self.project(shape)).intersection(window)
            # Tiny on a world map: a pixel's detail is all there is room for.
            drawn = drawn.simplify(SIMPLIFY_PX * (2 if self.world else 1))
            path = _path(drawn) if not drawn.is_empty else ""
            if not path:
                continue
            if code in involved:
                involved_land.append(f'<path class="map-land map-land--involved" d="{path}"/>')
            else:
                land.append(f'<path class="map-land" d="{path}"/>')
            if code in outline_names:
                labels.append((code in involved, drawn.area, code, drawn))
        self.country_labels = sorted(labels, key=lambda item: (not item[0], -item[1], item[2]))
        return "".join(land), "".join(involved_land)

    def reach(self) -> tuple[float, float, float, float] | None:
        """(west, south, east, north) in degrees that holds all the map shows, with room
        to spare; None where that is most of the world's longitudes."""
        half_km = math.hypot(WIDTH, self.height) / 2 / self.scale * 1.5
        lon, lat = self.centre
        north = min(lat + half_km / KM_PER_DEGREE, 90.0)
        south = max(lat - half_km / KM_PER_DEGREE, -90.0)
        widest = math.cos(math.radians(max(abs(north), abs(south))))
        if widest < 0.05:
            return None  # at a pole every longitude is near
        across = half_km / (KM_PER_DEGREE * widest)
        if across >= 170:
            return None
        return lon - across, south, lon + across, north

    def places(self) -> str:
        """Each place at its precision, then the numbered markers and the names."""
        out = []
        markers: list[_Marker] = []
        for number, ((item, _), shape) in enumerate(zip(self.shapes, self.projected,
                                                        strict=True), 1):
            place_id, name, kind, *_rest = item
            px = self.to_px(shape)
            if kind == "country":
                out.append(f'<path class="map-country" d="{_path(px.simplify(SIMPLIFY_PX))}"/>')
                spots = _spots_inside(px.intersection(self.frame.buffer(-MARKER_R)))
            elif kind == "border":
                drawn = px.simplify(SIMPLIFY_PX)
                out.append(f'<path class="map-border" d="{_path(drawn)}"/>')
                spots = _spots_along(drawn)
                # Names are not written over the line, where they can go elsewhere.
                self.lines.extend(_box(spot, 3) for spot in _spots_along(drawn, step=6))
            else:
                spots = [(px.x, px.y)]
                if kind == "region":
                    radius = max(item[6] * self.scale, MARKER_R + 3)
                    out.append(f'<circle class="map-region" cx="{px.x:.1f}" '
                               f'cy="{px.y:.1f}" r="{radius:.1f}"/>')
            markers.append(_Marker(number, place_id, name, kind, item[7],
                                   spots[0] if spots else (px.centroid.x, px.centroid.y),
                                   spots=spots))
        # Points first: they have one right spot; an area or a line has many.
        for marker in sorted(markers, key=lambda m: (m.kind in ("country", "border"), m.number)):
            self.place_marker(marker)
        # Every leader before any marker, so that none crosses a marker it does not lead to.
        out.extend(self.leader(marker) for marker in markers)
        out.extend(self.marker(marker) for marker in markers)
        out.extend(self.label(marker) for marker in markers)
        named = {item[3] for item, _ in self.shapes if item[2] == "country"}
        for is_involved, _, code, drawn in self.country_labels:
            if code not in named:  # the place's own name is written there
                out.append(self.country_name(code, drawn, is_involved))
        return "".join(out)

    def place_marker(self, marker: _Marker) -> None:
        """Put a marker on its place (for an area or a line, the first free spot on it),
        or, where earlier markers sit, beside it with a leader line."""
        def inside(spot: tuple[float, float]) -> bool:
            return (MARKER_R <= spot[0] <= WIDTH - MARKER_R
                    and MARKER_R <= spot[1] <= self.height - MARKER_R)

        def free(spot: tuple[float, float]) -> bool:
            return all(math.dist(spot, other) >= 2 * MARKER_R + 1 for other in self.markers)

        x, y = marker.anchor
        around = [(x + r * MARKER_R * math.cos(math.radians(d)),
                   y + r * MARKER_R * math.sin(math.radians(d)))
                  for r, step in ((2.4, 45), (4.6, 30)) for d in range(-90, 270, step)]
        spots = [s for s in [*marker.spots, *around] if inside(s)] or [
            (min(max(x, MARKER_R), WIDTH - MARKER_R),
             min(max(y, MARKER_R), self.height - MARKER_R))]
        marker.at = next((s for s in spots if free(s)), spots[0])
        if marker.at in marker.spots:
            marker.anchor = marker.at  # on the place itself: no leader line
        self.markers.append(marker.at)
        self.taken.append(_box(marker.at, MARKER_R + 1))

    def leader(self, marker: _Marker) -> str:
        """For a marker set beside its place, a line from the place to it."""
        (x, y), (ax, ay) = marker.at, marker.anchor
        if math.dist(marker.at, marker.anchor) <= 1:
            return ""
        return (f'<line class="map-leader" x1="{ax:.1f}" y1="{ay:.1f}" x2="{x:.1f}" '
                f'y2="{y:.1f}"/><circle class="map-dot" cx="{ax:.1f}" cy="{ay:.1f}" r="2.5"/>')

    def marker(self, marker: _Marker) -> str:
        """A numbered marker, a link to the place on the places page: a circle, or for a
        site, a diamond."""
        x, y = marker.at
        events = say("1 event") if marker.events == 1 else \
            say("{count} events", count=marker.events)
        shape = (f'<rect class="map-marker" x="{x - MARKER_R + 1:.1f}" y="{y - MARKER_R + 1:.1f}" '
                 f'width="{2 * MARKER_R - 2}" height="{2 * MARKER_R - 2}" '
                 f'transform="rotate(45 {x:.1f} {y:.1f})"/>' if marker.kind == "site" else
                 f'<circle class="map-marker" cx="{x:.1f}" cy="{y:.1f}" r="{MARKER_R}"/>')
        return (f'<a href="{HREF}#{marker.place_id}" '
                f'aria-label="{marker.number}. {attribute(marker.name)}: {events}">'
                f"<title>{marker.number}. {attribute(marker.name)} "
                f"({attribute(say(marker.kind.capitalize()))}): "
                f"{events}</title>{shape}"
                f'<text class="map-number" x="{x:.1f}" y="{y + 4.5:.1f}">{marker.number}'
                "</text></a>")

    def label(self, marker: _Marker) -> str:
        """The place's name beside its marker, where it fits without covering anything
        or leaving the map; else none (the number is on the places page)."""
        x, y = marker.at
        width = _text_width(marker.name, LABEL_SIZE)
        gap, size = MARKER_R + 3, LABEL_SIZE
        corner = MARKER_R * 0.7
        positions = (("start", x + gap, y - size / 2),
                     ("end", x - gap - width, y - size / 2),
                     ("middle", x - width / 2, y - gap - size),
                     ("middle", x - width / 2, y + gap),
                     ("start", x + corner, y - corner - size - 1),
                     ("end", x - corner - width, y - corner - size - 1),
                     ("start", x + corner, y + corner + 1),
                     ("end", x - corner - width, y + corner + 1))
        for (anchor, left, top), over_lines in (
                [(p, False) for p in positions] + [(p, True) for p in positions]):
            box = (left, top, left + width, top + LABEL_SIZE)
            if self.fits(box, over_lines=over_lines):
                self.taken.append(box)
                text_x = {"start": left, "end": left + width, "middle": x}[anchor]
                return (f'<text class="map-label" x="{text_x:.1f}" '
                        f'y="{top + LABEL_SIZE - 2.5:.1f}" text-anchor="{anchor}" '
                        f'aria-hidden="true">{attribute(marker.name)}</text>')
        return ""

    def country_name(self, code: str, drawn: Any, involved: bool) -> str:
        name = country_in_words(code).upper()
        width = _text_width(name, COUNTRY_SIZE) * 1.1
        visible = drawn.intersection(self.frame.buffer(-4))
        if visible.is_empty or visible.area < width * COUNTRY_SIZE * 3:
            return ""
        for x, y in _spots_inside(visible)[:30]:
            box = (x - width / 2, y - COUNTRY_SIZE / 2, x + width / 2, y + COUNTRY_SIZE / 2)
            if self.fits(box) and visible.contains(_point(x - width / 2, y)) \
                    and visible.contains(_point(x + width / 2, y)):
                self.taken.append(box)
                kind = " map-country-name--involved" if involved else ""
                return (f'<text class="map-country-name{kind}" x="{x:.1f}" '
                        f'y="{y + COUNTRY_SIZE / 2 - 1.5:.1f}" aria-hidden="true">'
                        f"{attribute(name)}</text>")
        return ""

    def fits(self, box: tuple[float, float, float, float], *, over_lines: bool = False) -> bool:
        """Whether words in `box` stay on the map and cover no marker or words (nor, unless
        `over_lines`, a border line)."""
        left, top, right, bottom = box
        if left < 2 or top < 2 or right > WIDTH - 2 or bottom > self.height - 2:
            return False
        covered = self.taken if over_lines else [*self.taken, *self.lines]
        return not any(left < b[2] and b[0] < right and top < b[3] and b[1] < bottom
                       for b in covered)

    def band(self) -> str:
        """Below the map: where the region is in the world, a scale bar and a key."""
        from generator.geo.projection import nice_scale_bar

        top = self.height + 8
        # On a map of the world, where it lies needs no locator.
        locator = "" if self.world else _locator(
            self.centre, (WIDTH / self.scale, self.height / self.scale), top)
        km, pixels = nice_scale_bar(1 / self.scale, 100)
        bar_x, bar_y = 110, top + 14
        scale_bar = (f'<path class="map-scale" d="M{bar_x} {bar_y - 4}v4h{pixels:.1f}v-4"/>'
                     f'<text class="map-key-text" x="{bar_x}" y="{bar_y + 14}">'
                     f"{km:,g} km</text>")
        kinds = {item[2] for item, _ in self.shapes}
        key = []
        x, y = 226, top + 4
        entries = [("point", say("City or site")), ("region", say("Region, by its reach")),
                   ("country", say("Somewhere in country")), ("border", say("Along a border"))]
        shown = {"point": bool(kinds & {"city", "site"}), "region": "region" in kinds,
                 "country": "country" in kinds, "border": "border" in kinds}
        for n, (entry, words) in enumerate(e for e in entries if shown[e[0]]):
            ex, ey = x, y + n * 16
            key.append(_KEYS[entry].format(x=ex, y=ey) +
                       f'<text class="map-key-text" x="{ex + 20}" y="{ey + 9}">'
                       f"{attribute(words)}</text>")
        return f'{locator}{scale_bar}<g class="map-key">{"".join(key)}</g>'


def _locator(centre: tuple[float, float], span_km: tuple[float, float], top: float) -> str:
    """A small world (Equal Earth) with the map's region outlined: a box of the map's
    size in kilometres round its centre, which an equal-area projection keeps near true."""
    world = _world(LOCATOR_WIDTH)
    x, y = world.pixel(*centre)
    width = max(span_km[0] * world.scale, 4)
    height = max(span_km[1] * world.scale, 4)
    return (f'<g transform="translate(4 {top:.0f})">'
            f'<path class="map-locator-land" d="{world.path}"/>'
            f'<rect class="map-locator-area" x="{x - width / 2:.1f}" y="{y - height / 2:.1f}" '
            f'width="{width:.1f}" height="{height:.1f}"/></g>')


@dataclass(frozen=True)
class _World:
    """The world's land in Equal Earth, drawn `width` pixels wide."""

    path: str
    left: float
    top: float
    """The projected point, in kilometres, at the picture's top left corner."""
    scale: float
    """Pixels per kilometre."""
    width: float
    height: float

    def pixel(self, lon: float, lat: float) -> tuple[float, float]:
        """Where a point falls on the picture."""
        from generator.geo.projection import Projection

        x, y = Projection.equal_earth().forward(lon, lat)
        return (x - self.left) * self.scale, (self.top - y) * self.scale


WORLD_FORMAT = 1
"""Bump when `_draw_world` draws differently: worlds kept in the cache folder are then
drawn afresh."""


@lru_cache(maxsize=4)
def _world(width: int) -> _World:
    """The world's land, `width` pixels wide (see `_draw_world`): kept in the user's cache
    folder, sealed, so that a build whose briefings come from its cache does not draw it
    again (it takes shapely and a fifth of a second)."""
    import dataclasses
    import hashlib
    import json

    from generator.base.sealed import Store, user_cache_base
    from generator.geo.outlines import DATA

    digest = hashlib.sha256((DATA / "countries-110m.topo.json.gz").read_bytes()).hexdigest()
    name = f"world-{width}-{WORLD_FORMAT}-{digest[:16]}.json"
    base = user_cache_base()
    store = Store(base / "maps") if base is not None else None
    found = store.read(name) if store is not None else None
    if found is not None:
        try:
            return _World(**json.loads(bytes(found[1])))
        except (TypeError, ValueError):
            pass  # sealed by this machine, yet not a world: drawn again
    world = _draw_world(width)
    if store is not None:
        store.write(name, {"width": width}, json.dumps(dataclasses.asdict(world)).encode())
    return world


def _draw_world(width: int) -> _World:
    """The world's land (every outline at 1:110m, merged) in Equal Earth, `width` pixels
    wide, as one path simplified to what that width shows."""
    import shapely

    from generator.geo.projection import Projection

    projection = Projection.equal_earth()
    # make_valid: Natural Earth's 1:110m Sudan crosses itself (see the data's PROVENANCE).
    land = shapely.unary_union([shapely.make_valid(shapely.transform(
        outline.shape, projection.forward_many)) for _, outline, _ in _land("110m")])
    x0, y0, x1, y1 = land.bounds
    scale = width / (x1 - x0)
    px = shapely.transform(land, lambda xy: (xy - (x0, y1)) * (scale, -scale))
    return _World(_path(px.simplify(0.6)), x0, y1, scale, width, (y1 - y0) * scale)


@lru_cache(maxsize=2)
def _land(scale: str) -> list[tuple[str, _Outline, tuple[float, float, float, float]]]:
    """Every outline at `scale` with its code (or, for a unit without one, such as
    Kosovo, its name) and bounds, in code order: read once per process. Each becomes a
    shape only when a map needs it (`_Outline.shape`)."""
    from generator.geo import outlines

    named = outlines.all_outlines(scale)
    return [(code, _Outline(polygons), outlines.bounds(code, scale))
            for code, polygons in [*sorted(named.items()),
                                   *sorted(outlines.unnamed_outlines(scale).items())]]


class _Outline:
    """One country's outline as read, made a shape on first use."""

    def __init__(self, polygons: Any) -> None:
        self.polygons = polygons
        self._shape: Any = None

    @property
    def shape(self) -> Any:
        if self._shape is None:
            from shapely.geometry import MultiPolygon, Polygon

            self._shape = MultiPolygon([Polygon(rings[0], rings[1:])
                                        for rings in self.polygons])
        return self._shape


def _overlap(box: tuple[float, float, float, float],
             reach: tuple[float, float, float, float]) -> bool:
    """Whether an outline's bounds meet `reach`, whose longitudes may run past 180°."""
    west, south, east, north = reach
    if box[1] > north or box[3] < south:
        return False
    shifts = (-360.0, 0.0, 360.0)
    return any(box[0] + shift <= east and box[2] + shift >= west for shift in shifts)


def _near(box: tuple[float, float, float, float], centre: tuple[float, float]) -> bool:
    """Whether an outline with these bounds lies within `NEAR_DEGREES` of `centre`: its
    farthest corner, or, for an outline round the world (Russia), its middle."""
    west, south, east, north = box
    if east - west > 180:
        return angular_distance(*centre, centre[0], (south + north) / 2) < NEAR_DEGREES
    return max(angular_distance(*centre, lon, lat)
               for lon in (west, east) for lat in (south, north)) < NEAR_DEGREES


def _anchor(shape: Any) -> tuple[float, float]:
    """A place's point in (longitude, latitude): a country's largest part's inner point,
    a border's middle."""
    part = _largest(shape)
    if part.geom_type == "Point":
        return part.x, part.y
    if part.geom_type == "LineString":
        middle = part.interpolate(0.5, normalized=True)
        return middle.x, middle.y
    point = part.representative_point()
    return point.x, point.y


def _largest(shape: Any) -> Any:
    """The largest part of a multi-part shape (by area, or length); the shape itself
    otherwise."""
    parts = getattr(shape, "geoms", None)
    if not parts:
        return shape
    return max(parts, key=lambda part: (part.area, part.length))


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of points on the globe: longitudes averaged round the circle (so that
    places either side of 180° have their middle there), latitudes as they are."""
    x = sum(math.cos(math.radians(lon)) for lon, _ in points)
    y = sum(math.sin(math.radians(lon)) for lon, _ in points)
    lon = math.degrees(math.atan2(y, x)) if abs(x) + abs(y) > 1e-9 else points[0][0]
    return lon, sum(lat for _, lat in points) / len(points)


def _bounds(shapes: list[Any]) -> tuple[float, float, float, float]:
    boxes = [shape.bounds for shape in shapes if not shape.is_empty]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _spots_inside(area: Any) -> list[tuple[float, float]]:
    """Points inside an area for a marker: its representative point, then a grid of
    points in it, nearest that point first."""
    from shapely.geometry import Point

    if area.is_empty:
        return []
    first = area.representative_point()
    west, south, east, north = area.bounds
    step = 2 * MARKER_R + 2
    grid = [(west + i * step, south + j * step)
            for i in range(int((east - west) / step) + 1)
            for j in range(int((north - south) / step) + 1)]
    inside = [p for p in grid if area.contains(Point(p))]
    inside.sort(key=lambda p: (math.dist(p, (first.x, first.y)), p))
    return [(first.x, first.y), *inside[:60]]


def _spots_along(lines: Any, step: float = 0.0) -> list[tuple[float, float]]:
    """Points on lines for a marker: the middle of the longest, then out from it in both
    directions; with `step`, every `step` pixels along every line instead."""
    parts = [line for line in getattr(lines, "geoms", [lines]) if not line.is_empty]
    if step:
        return [(point.x, point.y) for line in parts
                for point in (line.interpolate(d) for d in _range(0, line.length, step))]
    if not parts:
        return []
    longest = max(parts, key=lambda line: line.length)
    fractions = [0.5] + [f for k in range(1, 10) for f in (0.5 - k / 20, 0.5 + k / 20)]
    return [(p.x, p.y) for p in (longest.interpolate(f, normalized=True) for f in fractions)]


def _point(x: float, y: float) -> Any:
    from shapely.geometry import Point

    return Point(x, y)


def _range(start: float, stop: float, step: float) -> list[float]:
    return [start + i * step for i in range(int((stop - start) / step) + 1)]


def _shortened(text: str, most: int) -> str:
    """`text` cut at a word to at most `most` characters, with an ellipsis if cut."""
    if len(text) <= most:
        return text
    cut = text[:most - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return (cut or text[:most - 1]) + "…"


def _desk_cluster(world: _World, group: list[DeskPin], href: str,
                  placed: list[tuple[float, float]],
                  taken: list[tuple[float, float, float, float]]) -> str:
    """One marker for the briefings of `group`, at their middle, with their number in it,
    linking to the page that lists them."""
    points = [world.pixel(*pin.centre) for pin in group]
    x = sum(p[0] for p in points) / len(points)
    y = sum(p[1] for p in points) / len(points)
    placed.append((x, y))
    taken.append(_box((x, y), 9))
    words = say("{count} briefings here", count=len(group))
    return (f'<a href="{attribute(href)}" aria-label="{attribute(words)}">'
            f"<title>{attribute(words)}</title>"
            f'<circle class="desk-cluster" cx="{x:.1f}" cy="{y:.1f}" r="9"/>'
            f'<text class="desk-cluster__count" x="{x:.1f}" y="{y + 3.5:.1f}" '
            f'text-anchor="middle" aria-hidden="true">{len(group)}</text></a>')


def _box(at: tuple[float, float], half: float) -> tuple[float, float, float, float]:
    return (at[0] - half, at[1] - half, at[0] + half, at[1] + half)


def _text_width(text: str, size: float) -> float:
    """A generous guess at a text's width: the map reserves room for it."""
    return 0.6 * size * len(text)


def _path(shape: Any) -> str:
    """An SVG path for polygons or lines, in whole tenths of a pixel."""
    parts: list[str] = []
    geoms = getattr(shape, "geoms", [shape])
    for geom in geoms:
        if geom.is_empty:
            continue
        if geom.geom_type == "Polygon":
            for ring in (geom.exterior, *geom.interiors):
                parts.append(_line(ring.coords) + "Z")
        elif geom.geom_type in ("LineString", "LinearRing"):
            parts.append(_line(geom.coords))
        elif hasattr(geom, "geoms"):
            parts.append(_path(geom))
    return "".join(parts)


def _line(coords: Any) -> str:
    points = []
    last = None
    for x, y in coords:
        point = (round(x, 1), round(y, 1))
        if point != last:
            points.append(f"{point[0]:g} {point[1]:g}")
            last = point
    return "M" + "L".join(points) if len(points) > 1 else ""


_HATCH = ('<pattern id="map-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
          'patternTransform="rotate(45)"><line class="map-hatch-line" x1="0" y1="0" x2="0" '
          'y2="6"/></pattern>')
_KEYS = {
    "point": '<circle class="map-marker" cx="{x}" cy="{y}" r="6" transform="translate(7 5)"/>',
    "region": '<circle class="map-region" cx="{x}" cy="{y}" r="6" transform="translate(7 5)"/>',
    "country": '<rect class="map-country" x="{x}" y="{y}" width="14" height="10"/>',
    "border": '<path class="map-border" d="M{x} {y}m0 5h14"/>',
}


# The desk map: every briefing on the world.

DESK_WIDTH = 400
LOCATOR_WIDTH = 96
DESK_LABEL_CHARACTERS = 26
"""A briefing's title on the desk map is cut to this, at a word (its link says it whole)."""
DESK_SHAPES = {
    "active": "M{x} {y}m0 -7l6.5 11h-13z",
    "monitoring": "M{x} {y}m-5.5 0a5.5 5.5 0 1 0 11 0a5.5 5.5 0 1 0 -11 0z",
    "resolved": "M{x} {y}m-5 -5h10v10h-10z",
}
"""Each status (`vocabulary.BriefingStatus`) by its own shape, so that it reads without
colour: a triangle, a circle, a square."""
STATUS_WORDS = {"active": "Active", "monitoring": "Monitoring", "resolved": "Resolved"}


@dataclass(frozen=True)
class DeskPin:
    """A briefing on the desk map."""

    slug: str
    title: str
    status: str
    centre: tuple[float, float]
    """(longitude, latitude): the middle of its places (`places_centre`)."""


DESK_CELL = 16
"""On a large desk, briefings whose markers fall in one square of this many pixels share
one marker (see `desk_cell`)."""


def desk_cell(pin: DeskPin) -> str:
    """The square of the desk map that `pin` falls in, as `<column>-<row>`: the same from
    one build to the next for as long as the briefing's places stay where they are."""
    x, y = _world(DESK_WIDTH).pixel(*pin.centre)
    return f"{int(x // DESK_CELL)}-{int(y // DESK_CELL)}"


def desk_map(pins: list[DeskPin], groups: dict[str, str] | None = None) -> str:
    """The world in Equal Earth with one marker per briefing at the middle of its places,
    its status told by the marker's shape, its colour and its label, each a link to the
    briefing; '' when no briefing has places.

    Given `groups` (the address of a page listing the briefings of each `desk_cell`), a
    large desk's briefings that fall in one square share one marker, which says how many
    they are and links to that page: the map stays the same size however many briefings
    the desk has."""
    if not pins:
        return ""
    statuses = [s for s in DESK_SHAPES if any(pin.status == s for pin in pins)]
    world = _world(DESK_WIDTH)
    height = round(world.height)
    placed: list[tuple[float, float]] = []
    taken: list[tuple[float, float, float, float]] = []
    marks, labels = [], []
    if groups is not None:
        cells: dict[str, list[DeskPin]] = {}
        for pin in pins:
            cells.setdefault(desk_cell(pin), []).append(pin)
        pins = [group[0] for group in cells.values() if len(group) == 1]
        for cell, group in sorted(cells.items()):
            if len(group) > 1:
                marks.append(_desk_cluster(world, group, groups[cell], placed, taken))
    for pin in sorted(pins, key=lambda p: (p.centre[1], p.centre[0], p.slug), reverse=True):
        x, y = world.pixel(*pin.centre)
        # Briefings about one place share it: each next one a step to the right.
        while any(math.dist((x, y), other) < 12 for other in placed):
            x += 12
        placed.append((x, y))
        taken.append(_box((x, y), 7))
        words = f"{pin.title} ({say(STATUS_WORDS.get(pin.status, pin.status))})"
        marks.append(f'<a href="{attribute(pin.slug)}/" aria-label="{attribute(words)}">'
                     f"<title>{attribute(words)}</title>"
                     f'<path class="desk-pin desk-pin--{pin.status}" '
                     f'd="{DESK_SHAPES[pin.status].format(x=f"{x:.1f}", y=f"{y:.1f}")}"/></a>')
        labels.append((pin, x, y))
    texts = []
    for pin, x, y in labels:
        words = f"{_shortened(pin.title, DESK_LABEL_CHARACTERS)} ({say(pin.status)})"
        width = _text_width(words, KEY_SIZE)
        for left_edge, anchor in ((x + 9, "start"), (x - 9 - width, "end")):
            box = (left_edge, y - 7, left_edge + width, y + 7)
            if box[0] >= 2 and box[2] <= DESK_WIDTH - 2 and not any(
                    box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                    for b in taken):
                taken.append(box)
                text_x = left_edge if anchor == "start" else left_edge + width
                texts.append(f'<text class="desk-label" x="{text_x:.1f}" y="{y + 4.5:.1f}" '
                             f'text-anchor="{anchor}" aria-hidden="true">'
                             f"{attribute(words)}</text>")
                break

    key = "".join(
        f'<path class="desk-pin desk-pin--{status}" '
        f'd="{DESK_SHAPES[status].format(x=12 + n * 110, y=height + 16)}"/>'
        f'<text class="map-key-text" x="{22 + n * 110}" y="{height + 20}">'
        f"{attribute(say(STATUS_WORDS[status]))}</text>" for n, status in enumerate(statuses))
    return (f'<svg class="map desk-map" viewBox="0 0 {DESK_WIDTH} {height + 30}" '
            f'role="group" aria-label="{attribute(say("Map of the briefings"))}">'
            f'<path class="map-land" d="{world.path}"/>{"".join(marks)}{"".join(texts)}{key}</svg>')

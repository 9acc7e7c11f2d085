"""The briefing's map: its places on the region that holds them, drawn at build time as
inline SVG from the outlines shipped with the package, with no tiles, scripts or requests.

The region is shown in a Lambert azimuthal equal-area projection centred on the places
(`generator.geo.projection`), countries from Natural Earth 1:50m clipped to the frame
and simplified to half a pixel. Each place is drawn at its precision: a numbered
marker on a city or site, a halo of its radius round a region, a hatched country, a
heavy line along a border; every marker links to the place's entry on the places page,
which lists its events. Below the map a band holds a locator of the region in the world
(Equal Earth, 1:110m), a scale bar and a key of what is drawn. Colours come from
classes styled in `briefing.css`, so the map follows dark mode and prints in greys;
kinds are told apart by shape and line as well as colour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from generator.render.escape import attribute

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
LABEL_SIZE = 13
COUNTRY_SIZE = 11
SIMPLIFY_PX = 0.5
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


def briefing_map(places: list[Place], events: dict[str, int], to_places: str) -> DrawnMap | None:
    """The map of a briefing's `places` (with the number of `events` at each, by place id)
    for a page whose link to the places page is `to_places`; None without places."""
    if not places:
        return None
    key = tuple((p.id, p.name, p.kind, p.country, tuple(p.countries), p.coordinates,
                 p.radius_km, events[p.id]) for p in places)
    credit = OUTLINES_CREDIT
    if any(p.geonames_id is not None for p in places):
        credit += f" {GAZETTEER_CREDIT}"
    return DrawnMap(_drawn(key).replace(HREF, attribute(to_places)), credit)


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
def _drawn(key: tuple[Any, ...]) -> str:
    """The map of places described by `key` (see `briefing_map`), drawn once per build
    for every page that shows it."""
    return _Drawing(key).svg()


class _Drawing:
    def __init__(self, key: tuple[Any, ...]) -> None:
        from shapely.geometry import MultiLineString, MultiPolygon, Point, Polygon

        from generator.geo import outlines
        from generator.geo.projection import Projection

        self.key = key
        self.shapes: list[tuple[tuple[Any, ...], Any]] = []
        for item in key:
            _, _, kind, country, countries, coordinates, _radius, _ = item
            if kind == "country":
                shape = MultiPolygon([Polygon(rings[0], rings[1:])
                                      for rings in outlines.country_outline(country)])
            elif kind == "border":
                shape = MultiLineString(outlines.shared_border(*countries))
            else:
                shape = Point(coordinates[1], coordinates[0])
            self.shapes.append((item, shape))
        west, south, east, north = _bounds([shape for _, shape in self.shapes])
        for item, shape in self.shapes:
            if item[6]:  # a region reaches its radius beyond its centre
                reach = item[6] / 111.0
                south, north = min(south, shape.y - reach), max(north, shape.y + reach)
                stretch = reach / max(math.cos(math.radians(shape.y)), 0.2)
                west, east = min(west, shape.x - stretch), max(east, shape.x + stretch)
        self.lonlat = (west, south, east, north)
        self.projection = Projection.centred_on((west + east) / 2, (south + north) / 2)
        projected = [self.project(shape) for _, shape in self.shapes]
        x0, y0, x1, y1 = _bounds(projected)
        for (item, _), shape in zip(self.shapes, projected, strict=True):
            if item[6]:
                x0, x1 = min(x0, shape.x - item[6]), max(x1, shape.x + item[6])
                y0, y1 = min(y0, shape.y - item[6]), max(y1, shape.y + item[6])
        span_x = max(x1 - x0, MIN_SPAN_KM) * (1 + 2 * MARGIN)
        span_y = max(y1 - y0, MIN_SPAN_KM * MIN_HEIGHT / WIDTH) * (1 + 2 * MARGIN)
        height = min(max(WIDTH * span_y / span_x, MIN_HEIGHT), MAX_HEIGHT)
        scale = min(WIDTH / span_x, height / span_y)
        self.height = round(height)
        self.scale = scale
        """Pixels per kilometre."""
        centre_x, centre_y = (x0 + x1) / 2, (y0 + y1) / 2
        self.left = centre_x - WIDTH / 2 / scale
        self.top = centre_y + self.height / 2 / scale
        self.frame = Polygon([(0, 0), (WIDTH, 0), (WIDTH, self.height), (0, self.height)])
        self.projected = projected
        self.taken: list[tuple[float, float, float, float]] = []
        """The boxes that markers and words already cover, which no later word may."""
        self.markers: list[tuple[float, float]] = []
        self.lines: list[tuple[float, float, float, float]] = []
        """The boxes along border lines, which words avoid where they can."""

    def project(self, shape: Any) -> Any:
        """A lon/lat shape in the projection's kilometres."""
        import shapely

        forward = self.projection.forward
        return shapely.transform(shape, lambda xy: _each(forward, xy))

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
                f'aria-label="Map of the places: {attribute(title)}">'
                f'<defs>{_HATCH}<clipPath id="map-frame"><rect width="{WIDTH}" '
                f'height="{self.height}"/></clipPath></defs>'
                f'<rect class="map-sea" width="{WIDTH}" height="{self.height}"/>'
                f'<g clip-path="url(#map-frame)">{land}{involved_land}{places}</g>'
                f'<rect class="map-edge" width="{WIDTH}" height="{self.height}"/>'
                f"{band}</svg>")

    def countries(self) -> tuple[str, str]:
        """The countries in the frame as paths, those of the places set apart (their
        names are placed after the places', see `country_name`)."""
        from shapely.geometry import MultiPolygon, Polygon

        from generator.geo import outlines

        involved: set[str] = set()
        for item, _ in self.shapes:
            involved.update(item[4] or [item[3]])
        west, south, east, north = self.lonlat
        reach = max(east - west, north - south, 10)
        land, involved_land, labels = [], [], []
        for code in outlines.countries_near(west - reach, max(south - reach, -90),
                                            east + reach, min(north + reach, 90)):
            shape = MultiPolygon([Polygon(rings[0], rings[1:])
                                  for rings in outlines.country_outline(code)])
            drawn = self.to_px(self.project(shape)).intersection(self.frame.buffer(2))
            drawn = drawn.simplify(SIMPLIFY_PX)
            if drawn.is_empty:
                continue
            path = _path(drawn)
            if not path:
                continue
            if code in involved:
                involved_land.append(f'<path class="map-land map-land--involved" d="{path}"/>')
            else:
                land.append(f'<path class="map-land" d="{path}"/>')
            labels.append((code in involved, drawn.area, code, drawn))
        self.country_labels = sorted(labels, key=lambda item: (not item[0], -item[1], item[2]))
        return "".join(land), "".join(involved_land)

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
        for marker in markers:
            out.append(self.marker(marker))
        for marker in markers:
            out.append(self.label(marker))
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

    def marker(self, marker: _Marker) -> str:
        x, y = marker.at
        ax, ay = marker.anchor
        lead = ""
        if math.dist(marker.at, marker.anchor) > 1:
            lead = (f'<line class="map-leader" x1="{ax:.1f}" y1="{ay:.1f}" x2="{x:.1f}" '
                    f'y2="{y:.1f}"/><circle class="map-dot" cx="{ax:.1f}" cy="{ay:.1f}" r="2.5"/>')
        events = f"{marker.events} event{'s' if marker.events != 1 else ''}"
        shape = (f'<rect class="map-marker" x="{x - MARKER_R + 1:.1f}" y="{y - MARKER_R + 1:.1f}" '
                 f'width="{2 * MARKER_R - 2}" height="{2 * MARKER_R - 2}" '
                 f'transform="rotate(45 {x:.1f} {y:.1f})"/>' if marker.kind == "site" else
                 f'<circle class="map-marker" cx="{x:.1f}" cy="{y:.1f}" r="{MARKER_R}"/>')
        return (f'{lead}<a href="{HREF}#{marker.place_id}" '
                f'aria-label="{marker.number}. {attribute(marker.name)}: {events}">'
                f"<title>{marker.number}. {attribute(marker.name)} ({marker.kind}): "
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
        from generator.geo.outlines import country_name

        name = (country_name(code) or code).upper()
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
        locator = _locator(self.lonlat, top)
        km, pixels = nice_scale_bar(1 / self.scale, 100)
        bar_x, bar_y = 110, top + 14
        scale_bar = (f'<path class="map-scale" d="M{bar_x} {bar_y - 4}v4h{pixels:.1f}v-4"/>'
                     f'<text class="map-key-text" x="{bar_x}" y="{bar_y + 14}">'
                     f"{km:,g} km</text>")
        kinds = {item[2] for item, _ in self.shapes}
        key = []
        x, y = 226, top + 4
        entries = [("point", "City or site"), ("region", "Region, by its reach"),
                   ("country", "Somewhere in country"), ("border", "Along a border")]
        shown = {"point": bool(kinds & {"city", "site"}), "region": "region" in kinds,
                 "country": "country" in kinds, "border": "border" in kinds}
        for n, (entry, words) in enumerate(e for e in entries if shown[e[0]]):
            ex, ey = x, y + n * 15
            key.append(_KEYS[entry].format(x=ex, y=ey) +
                       f'<text class="map-key-text" x="{ex + 20}" y="{ey + 9}">{words}</text>')
        return locator + scale_bar + "".join(key)


def _locator(lonlat: tuple[float, float, float, float], top: float) -> str:
    """A small world (Equal Earth) with the map's region outlined."""
    from generator.geo.projection import Projection

    world, (left, bottom, scale) = _world(96, 50)
    projection = Projection.equal_earth()
    west, south, east, north = lonlat
    corners = [projection.forward(lon, lat) for lon in (west, east) for lat in (south, north)]
    xs = [(x - left) * scale for x, _ in corners]
    ys = [(bottom - y) * scale for _, y in corners]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    if x1 - x0 < 4:
        x0, x1 = (x0 + x1) / 2 - 2, (x0 + x1) / 2 + 2
    if y1 - y0 < 4:
        y0, y1 = (y0 + y1) / 2 - 2, (y0 + y1) / 2 + 2
    return (f'<g transform="translate(4 {top:.0f})"><path class="map-locator-land" d="{world}"/>'
            f'<rect class="map-locator-area" x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" '
            f'height="{y1 - y0:.1f}"/></g>')


@lru_cache(maxsize=4)
def _world(width: int, height: int) -> tuple[str, tuple[float, float, float]]:
    """The world's land in Equal Earth at `width` pixels wide, as one path, and the
    (left, bottom, scale) that put projected points on it."""
    import shapely
    from shapely.geometry import MultiPolygon, Polygon

    from generator.geo import outlines
    from generator.geo.projection import Projection

    projection = Projection.equal_earth()
    shapes = [MultiPolygon([Polygon(rings[0], rings[1:]) for rings in polygons])
              for polygons in [*outlines.all_outlines("110m").values(),
                               *outlines.unnamed_outlines("110m").values()]]
    # make_valid: Natural Earth's 1:110m Sudan crosses itself (see the data's PROVENANCE).
    land = shapely.unary_union([shapely.make_valid(shapely.transform(
        s, lambda xy: _each(projection.forward, xy))) for s in shapes])
    x0, y0, x1, y1 = land.bounds
    scale = min(width / (x1 - x0), height / (y1 - y0))
    px = shapely.transform(land, lambda xy: (xy - (x0, y1)) * (scale, -scale))
    return _path(px.simplify(0.6)), (x0, y1, scale)


def _each(forward: Any, xy: Any) -> Any:
    import numpy

    return numpy.array([forward(x, y) for x, y in xy], dtype=float).reshape(-1, 2)


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

"""Map projections for maps drawn at build time, on a sphere, and the frame that puts them
on a page.

Both projections are equal-area, so a region's extent on the map is true to its size:
Equal Earth for the world (Šavrič, Patterson and Jenny, 2018) and Lambert's azimuthal
equal-area projection, centred on a map's places, for a region. Both are the spherical
forms, on a sphere of the earth's mean radius: at the scale of a briefing's map the
ellipsoid's difference (a few tenths of a per cent) does not show. They agree with PROJ's
`+proj=eqearth` and `+proj=laea` with `+R` (tests/test_projection.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from numpy.typing import NDArray

EARTH_RADIUS_KM = 6371.0088
"""The earth's mean radius (IUGG): the sphere maps are drawn on."""

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth's (x, y) for (longitude, latitude) in degrees, in earth radii (R = 1):
    x east, y north, the origin where the equator meets the central meridian, 0°."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    theta2 = theta * theta
    theta6 = theta2 * theta2 * theta2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * theta2 + theta6 * (7 * _A3
                                                                          + 9 * _A4 * theta2)))
    y = theta * (_A1 + _A2 * theta2 + theta6 * (_A3 + _A4 * theta2))
    return x, y


def lambert_azimuthal(lon: float, lat: float, lon0: float, lat0: float) -> tuple[float, float]:
    """Lambert azimuthal equal-area (x, y) for (longitude, latitude) in degrees, centred on
    (lon0, lat0), in earth radii (R = 1): x east, y north at the centre (Snyder, "Map
    Projections: A Working Manual", 1987, p. 185). The point opposite the centre has no
    place on the map: ValueError."""
    lam = math.radians(lon - lon0)
    phi, phi0 = math.radians(lat), math.radians(lat0)
    sin_phi, cos_phi = math.sin(phi), math.cos(phi)
    sin_phi0, cos_phi0 = math.sin(phi0), math.cos(phi0)
    cos_lam = math.cos(lam)
    closeness = 1 + sin_phi0 * sin_phi + cos_phi0 * cos_phi * cos_lam
    if closeness <= 1e-10:
        raise ValueError(f"({lon}, {lat}) is opposite the centre ({lon0}, {lat0})")
    k = math.sqrt(2 / closeness)
    return k * cos_phi * math.sin(lam), k * (cos_phi0 * sin_phi - sin_phi0 * cos_phi * cos_lam)


@dataclass(frozen=True)
class Projection:
    """A projection onto a plane in kilometres (x east, y north) on a sphere of
    `radius_km`: Equal Earth for the world, or Lambert azimuthal equal-area centred on a
    region. On the regional one, distances are true at the centre and within 1% up to
    1,800 km from it, which is what a scale bar needs."""

    kind: Literal["equal_earth", "lambert_azimuthal"]
    lon0: float = 0.0
    lat0: float = 0.0
    radius_km: float = EARTH_RADIUS_KM

    @classmethod
    def equal_earth(cls) -> Projection:
        """Equal Earth, for a map of the world, centred on the meridian of Greenwich."""
        return cls("equal_earth")

    @classmethod
    def centred_on(cls, lon0: float, lat0: float) -> Projection:
        """Lambert azimuthal equal-area centred on (lon0, lat0), in degrees: for a regional
        map, centred on its places."""
        return cls("lambert_azimuthal", lon0, lat0)

    def forward(self, lon: float, lat: float) -> tuple[float, float]:
        """(x, y) in kilometres for (longitude, latitude) in degrees."""
        if self.kind == "equal_earth":
            x, y = equal_earth(lon, lat)
        else:
            x, y = lambert_azimuthal(lon, lat, self.lon0, self.lat0)
        return x * self.radius_km, y * self.radius_km

    def forward_many(self, lonlat: NDArray[Any]) -> NDArray[Any]:
        """`forward` for an array of (longitude, latitude) rows at once, as an array of
        (x, y) rows; NaN for a point with no place on the map (opposite the centre)."""
        import numpy

        lam = numpy.radians(lonlat[:, 0] - self.lon0)
        phi = numpy.radians(lonlat[:, 1])
        if self.kind == "equal_earth":
            theta = numpy.arcsin(_M * numpy.sin(phi))
            t2 = theta * theta
            t6 = t2 * t2 * t2
            x = lam * numpy.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
            y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
        else:
            phi0 = math.radians(self.lat0)
            cos_phi, sin_phi, cos_lam = numpy.cos(phi), numpy.sin(phi), numpy.cos(lam)
            closeness = 1 + math.sin(phi0) * sin_phi + math.cos(phi0) * cos_phi * cos_lam
            with numpy.errstate(divide="ignore", invalid="ignore"):
                k = numpy.where(closeness > 1e-10, numpy.sqrt(2 / closeness), numpy.nan)
            x = k * cos_phi * numpy.sin(lam)
            y = k * (math.cos(phi0) * sin_phi - math.sin(phi0) * cos_phi * cos_lam)
        return numpy.column_stack((x, y)) * self.radius_km


def angular_distance(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """The great-circle angle between two points, in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    cosine = (math.sin(p1) * math.sin(p2)
              + math.cos(p1) * math.cos(p2) * math.cos(math.radians(lon2 - lon1)))
    return math.degrees(math.acos(max(-1.0, min(1.0, cosine))))


@dataclass(frozen=True)
class Frame:
    """Where projected points fall on a picture: `scale` pixels a projected unit, the
    projected origin at pixel (`x0`, `y0`), y growing downwards as in SVG. The same scale
    across and down, so shapes keep their proportions."""

    scale: float
    x0: float
    y0: float

    @classmethod
    def fit(cls, points: Iterable[tuple[float, float]], width: float, height: float,
            margin: float = 0.0, *, min_span: float = 0.0) -> Frame:
        """The frame that shows every projected point in a `width` × `height` picture, at
        least `margin` pixels from its edges, as large as that allows, centred. The points'
        extent counts as at least `min_span` projected units each way (so that one point,
        or a few close together, still make a map); ValueError if it is nothing at all."""
        listed = list(points)
        if not listed:
            raise ValueError("no points to fit")
        xs, ys = [x for x, _ in listed], [y for _, y in listed]
        inner_width, inner_height = width - 2 * margin, height - 2 * margin
        if inner_width <= 0 or inner_height <= 0:
            raise ValueError(f"a margin of {margin} leaves nothing of {width} × {height}")
        span_x = max(max(xs) - min(xs), min_span)
        span_y = max(max(ys) - min(ys), min_span)
        if span_x <= 0 and span_y <= 0:
            raise ValueError("the points are all one point: give min_span")
        scale = min(inner_width / span_x if span_x > 0 else math.inf,
                    inner_height / span_y if span_y > 0 else math.inf)
        middle_x, middle_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        return cls(scale, width / 2 - scale * middle_x, height / 2 + scale * middle_y)

    def pixel(self, x: float, y: float) -> tuple[float, float]:
        """The picture's (x, y), from its top left corner, of projected (x, y)."""
        return self.x0 + self.scale * x, self.y0 - self.scale * y


def nice_scale_bar(km_per_pixel: float, max_pixels: float) -> tuple[float, float]:
    """The longest round length (1, 2 or 5 × 10ⁿ km) a scale bar of at most `max_pixels`
    can show, and its length in pixels."""
    if km_per_pixel <= 0 or max_pixels <= 0:
        raise ValueError("a scale bar needs a positive scale and length")
    # A hair over, so that rounding error does not turn an exact 1,000 km into 500.
    most = km_per_pixel * max_pixels * (1 + 1e-9)
    power = 10.0 ** math.floor(math.log10(most))
    km = next(step * power for step in (5, 2, 1) if step * power <= most)
    return km, km / km_per_pixel

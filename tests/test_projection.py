"""Map projections: the same numbers as PROJ's, areas kept, frames that fit, round scale bars."""

from __future__ import annotations

import functools
import math
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyproj import Transformer

from generator.geo.projection import (
    EARTH_RADIUS_KM,
    Frame,
    Projection,
    equal_earth,
    lambert_azimuthal,
    nice_scale_bar,
)

SEED_CITIES = {"Kabul": (69.17, 34.53), "Islamabad": (73.05, 33.69), "Doha": (51.53, 25.29),
               "Istanbul": (28.95, 41.01)}
"""(longitude, latitude) of the seed briefing's places."""

WORLD = [(lon, lat) for lon in range(-180, 181, 30) for lat in (-90, -75, -50, -20, 0, 15,
                                                                  45, 80, 90)]
REGION = [(lon, lat) for lon in range(10, 111, 10) for lat in range(-10, 71, 10)]
CENTRES = [(50.0, 33.0), (69.17, 34.53), (0.0, 0.0), (-120.0, -45.0), (10.0, 90.0),
           (10.0, -90.0)]
"""The seed's region, and the cases PROJ has its own formulas for: the equator, the poles."""


@functools.cache
def proj(definition: str) -> Transformer:
    """PROJ's projection `definition`, from longitude and latitude on the same sphere."""
    radius = definition.split("+R=")[1].split()[0]
    return Transformer.from_crs(f"+proj=longlat +R={radius} +no_defs",
                                f"{definition} +no_defs", always_xy=True)


def close(ours: tuple[float, float], theirs: tuple[float, float]) -> bool:
    return ours == pytest.approx(theirs, rel=1e-9, abs=1e-12)


# The same numbers as PROJ's


@pytest.mark.parametrize(("lon", "lat"), [*WORLD, *SEED_CITIES.values()])
def test_equal_earth_is_projs_eqearth(lon: float, lat: float) -> None:
    assert close(equal_earth(lon, lat), proj("+proj=eqearth +R=1").transform(lon, lat))


@pytest.mark.parametrize(("lon0", "lat0"), CENTRES)
def test_lambert_azimuthal_is_projs_laea(lon0: float, lat0: float) -> None:
    theirs = proj(f"+proj=laea +lon_0={lon0} +lat_0={lat0} +R=1")
    for lon, lat in [*REGION, *SEED_CITIES.values()]:
        assert close(lambert_azimuthal(lon, lat, lon0, lat0), theirs.transform(lon, lat)), \
            (lon, lat)


def test_a_regional_projection_is_in_kilometres_on_the_mean_sphere() -> None:
    kabul = SEED_CITIES["Kabul"]
    projection = Projection.centred_on(*kabul)
    theirs = proj(f"+proj=laea +lon_0={kabul[0]} +lat_0={kabul[1]} +R=6371008.8 +units=km")
    for lon, lat in SEED_CITIES.values():
        assert close(projection.forward(lon, lat), theirs.transform(lon, lat))
    assert projection.forward(*kabul) == pytest.approx((0, 0), abs=1e-9)


def test_the_world_projection_is_in_kilometres_on_the_mean_sphere() -> None:
    theirs = proj("+proj=eqearth +R=6371008.8 +units=km")
    for lon, lat in [*WORLD, *SEED_CITIES.values()]:
        assert close(Projection.equal_earth().forward(lon, lat), theirs.transform(lon, lat))


def test_x_is_east_and_y_is_north() -> None:
    projection = Projection.centred_on(*SEED_CITIES["Kabul"])
    islamabad, istanbul = (projection.forward(*SEED_CITIES[name])
                           for name in ("Islamabad", "Istanbul"))
    assert islamabad[0] > 0 and istanbul[0] < 0  # east and west of Kabul
    assert istanbul[1] > 0  # north of it


def test_the_point_opposite_the_centre_has_no_place() -> None:
    with pytest.raises(ValueError, match="opposite the centre"):
        lambert_azimuthal(-110.83, -34.53, 69.17, 34.53)


# Equal area


def projected_area(forward: object, west: float, south: float, side: float) -> float:
    """The area of a `side`-degree cell's outline once projected (shoelace), its edges
    followed closely, since a parallel or a meridian may bend on the map."""
    assert callable(forward)
    steps = [i * side / 50 for i in range(51)]
    outline = ([(west + d, south) for d in steps] + [(west + side, south + d) for d in steps]
               + [(west + side - d, south + side) for d in steps]
               + [(west, south + side - d) for d in steps])
    points = [forward(lon, lat) for lon, lat in outline]
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(points))) / 2


def sphere_area(west: float, south: float, side: float, radius: float) -> float:
    return radius ** 2 * math.radians(side) * (math.sin(math.radians(south + side))
                                              - math.sin(math.radians(south)))


@pytest.mark.parametrize("projection", [Projection.equal_earth(),
                                        Projection.centred_on(*SEED_CITIES["Kabul"])],
                         ids=["equal earth", "lambert azimuthal"])
@pytest.mark.parametrize("corner", [(69.0, 34.0), (28.9, 41.0), (51.5, 25.2), (-60.0, -70.0),
                                    (120.0, 5.0)])
def test_a_small_square_keeps_its_area(projection: Projection,
                                       corner: tuple[float, float]) -> None:
    west, south = corner
    assert projected_area(projection.forward, west, south, 0.1) == pytest.approx(
        sphere_area(west, south, 0.1, EARTH_RADIUS_KM), rel=1e-6)


# Frames


@pytest.mark.parametrize(("points", "width", "height", "margin"), [
    ([(0, 0), (100, 50)], 800, 600, 20),
    ([(-500, -20), (300, 40), (10, 900)], 800, 600, 20),
    ([(-500, 0), (500, 0)], 400, 400, 0),
    ([(3, -7), (3, 7)], 1000, 300, 10),
])
def test_a_frame_shows_every_point_inside_its_margin(points: list[tuple[float, float]],
                                                     width: float, height: float,
                                                     margin: float) -> None:
    frame = Frame.fit(points, width, height, margin)
    pixels = [frame.pixel(*point) for point in points]
    assert all(margin - 1e-9 <= x <= width - margin + 1e-9
               and margin - 1e-9 <= y <= height - margin + 1e-9 for x, y in pixels)
    # As large as it can be: the points reach the margin on one side or the other.
    xs, ys = [x for x, _ in pixels], [y for _, y in pixels]
    assert max(xs) - min(xs) == pytest.approx(width - 2 * margin) \
        or max(ys) - min(ys) == pytest.approx(height - 2 * margin)


def test_a_frame_keeps_proportions_and_turns_north_up() -> None:
    frame = Frame.fit([(0, 0), (100, 100)], 400, 200)
    assert frame.pixel(0, 0) == pytest.approx((100, 200))
    assert frame.pixel(100, 100) == pytest.approx((300, 0))
    assert frame.scale == 2


def test_one_point_needs_a_least_span() -> None:
    with pytest.raises(ValueError, match="give min_span"):
        Frame.fit([(5, 5)], 400, 200)
    frame = Frame.fit([(5, 5)], 400, 200, min_span=100)
    assert frame.pixel(5, 5) == (200, 100)
    assert frame.scale == 2


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.floats(-2e4, 2e4), st.floats(-2e4, 2e4)), min_size=2),
       st.integers(50, 2000), st.integers(50, 2000))
def test_any_points_fit(points: list[tuple[float, float]], width: int, height: int) -> None:
    frame = Frame.fit(points, width, height, 10, min_span=1)
    for x, y in (frame.pixel(*point) for point in points):
        assert 10 - 1e-6 <= x <= width - 10 + 1e-6 and 10 - 1e-6 <= y <= height - 10 + 1e-6


# Scale bars


@pytest.mark.parametrize(("km_per_pixel", "max_pixels", "km", "pixels"), [
    (1.0, 150, 100, 100),
    (3.7, 100, 200, 200 / 3.7),
    (0.1, 10_000, 1000, 10_000),
    (0.3, 1000, 200, 200 / 0.3),
    (2.6, 200, 500, 500 / 2.6),
    (0.0123, 100, 1, 1 / 0.0123),
    (0.004, 100, 0.2, 50),
    (37.0, 120, 2000, 2000 / 37),
])
def test_a_scale_bar_is_a_round_length(km_per_pixel: float, max_pixels: float, km: float,
                                       pixels: float) -> None:
    assert nice_scale_bar(km_per_pixel, max_pixels) == pytest.approx((km, pixels))


@given(st.floats(1e-3, 1e3), st.floats(10, 2000))
def test_a_scale_bar_is_the_longest_round_length_that_fits(km_per_pixel: float,
                                                           max_pixels: float) -> None:
    km, pixels = nice_scale_bar(km_per_pixel, max_pixels)
    mantissa = km / 10 ** math.floor(math.log10(km) + 1e-9)
    assert round(mantissa, 9) in (1, 2, 5)
    assert pixels <= max_pixels * (1 + 1e-9)
    assert pixels > max_pixels / 2.5  # the next round length up would not fit


def test_a_scale_bar_needs_a_scale() -> None:
    with pytest.raises(ValueError, match="positive"):
        nice_scale_bar(0, 100)

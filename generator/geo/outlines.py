"""Natural Earth's country outlines by ISO 3166-1 alpha-2 code: shapes, borders, neighbours.

The outlines are the TopoJSON in `data/` (Natural Earth 4.1.0 by way of world-atlas 2.0.2,
drawn with de facto boundaries: `data/PROVENANCE.md` says whose lines they are) at two
scales: "50m" (1:50 million, for a map of a region, and the default) and "110m" (1:110
million, for a world map, where small countries are missing). Each scale is decompressed
and decoded once per process, on first use, since most builds draw no map.

Coordinates are (longitude, latitude) tuples in degrees, in GeoJSON's order. Polygons are
flat (cut at the antimeridian), rings are closed, exteriors run counter-clockwise and holes
clockwise (RFC 7946), so they are GeoJSON coordinates as they stand:
`shapely.geometry.shape({"type": "MultiPolygon", "coordinates": country_outline("AF")})`.

Borders are read from the topology rather than computed: neighbours' outlines share the arcs
of their common border, so two countries border each other exactly when they share an arc.
A coast never counts, nor do two countries that a unit without an ISO code keeps apart
(India and Pakistan share no border along the Siachen Glacier).

Every function takes an upper-case alpha-2 code. One that is not an ISO 3166-1 code raises
KeyError, except in the predicates `is_country_code` and `has_outline`; an ISO code with no
outline at the scale asked (Bouvet Island; at 110m, Singapore) has no neighbours and no
borders, and asking for its outline or bounds raises KeyError.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
SCALES = ("50m", "110m")
"""Natural Earth's 1:50m and 1:110m: the scales shipped."""

Point = tuple[float, float]
"""(longitude, latitude) in degrees."""
Ring = list[Point]
"""A closed ring: its last point is its first."""
Polygon = list[Ring]
"""An exterior ring, then its holes."""
MultiPolygon = list[Polygon]
"""GeoJSON MultiPolygon coordinates: polygons, rings, points."""
Line = list[Point]
"""A line of points; closed (last point first) where it goes all the way round."""
Box = tuple[float, float, float, float]
"""(west, south, east, north) in degrees."""

_Shape = list[list[list[int]]]
"""Polygons, rings, TopoJSON arc references (~i for arc i walked backwards)."""


@dataclass(frozen=True)
class _Atlas:
    """One scale's outlines, decoded."""

    arcs: list[list[Point]]
    countries: dict[str, _Shape]
    """By alpha-2 code."""
    unnamed: dict[str, _Shape]
    """Units without an ISO code, by Natural Earth's name."""
    arc_sets: dict[str, frozenset[int]]
    """The arcs each country's outline uses."""
    owners: dict[int, frozenset[str]]
    """The countries that use each arc."""
    boxes: dict[str, list[Box]]
    """Each unit's polygons' bounding boxes, by code (or, without one, by name)."""


@cache
def _iso_table() -> dict[str, dict[str, str | None]]:
    text = (DATA / "iso3166.json").read_text("utf-8")
    table: dict[str, dict[str, str | None]] = json.loads(text)
    return table


def release() -> None:
    """Let go of the outlines decoded in this process (20 MB at 1:50m); a later call decodes
    them again. For a process that decoded them only for the workers it forked."""
    _atlas.cache_clear()


@cache
def _atlas(scale: str) -> _Atlas:
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {', '.join(SCALES)}, not {scale!r}")
    blob = (DATA / f"countries-{scale}.topo.json.gz").read_bytes()
    topology = json.loads(gzip.decompress(blob))
    (kx, ky), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = [_decoded(arc, kx, ky, tx, ty) for arc in topology["arcs"]]

    by_numeric = {row["numeric"]: code for code, row in _iso_table().items()}
    countries: dict[str, _Shape] = {}
    unnamed: dict[str, _Shape] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if "id" in geometry:
            countries[by_numeric[geometry["id"]]] = geometry["arcs"]
        else:
            unnamed[geometry["properties"]["name"]] = geometry["arcs"]

    arc_sets = {
        code: frozenset(_arc_index(ref) for rings in shape for refs in rings for ref in refs)
        for code, shape in countries.items()
    }
    owners: dict[int, set[str]] = {}
    for code, arc_set in arc_sets.items():
        for index in arc_set:
            owners.setdefault(index, set()).add(code)
    boxes = {
        key: [_box(_ring(arcs, rings[0])) for rings in shape]
        for key, shape in (countries | unnamed).items()
    }
    return _Atlas(
        arcs,
        countries,
        unnamed,
        arc_sets,
        {index: frozenset(codes) for index, codes in owners.items()},
        boxes,
    )


def absolute_arc(arc: list[list[int]]) -> list[tuple[int, int]]:
    """A quantized TopoJSON arc's positions, which it writes as deltas, as absolute ones."""
    from itertools import accumulate

    return list(zip(accumulate(dx for dx, _ in arc), accumulate(dy for _, dy in arc),
                    strict=True))


def _decoded(arc: list[list[int]], kx: float, ky: float, tx: float, ty: float) -> list[Point]:
    """A TopoJSON arc's points in degrees."""
    return [(_exact(x * kx + tx), y * ky + ty) for x, y in absolute_arc(arc)]


def _exact(lon: float) -> float:
    """±180 exactly where arithmetic leaves it a hair off (the outlines are cut there)."""
    return math.copysign(180.0, lon) if abs(abs(lon) - 180.0) < 1e-9 else lon


def _arc_index(ref: int) -> int:
    return ref if ref >= 0 else ~ref


def _arc(arcs: list[list[Point]], ref: int) -> list[Point]:
    return arcs[ref] if ref >= 0 else arcs[~ref][::-1]


def _ring(arcs: list[list[Point]], refs: list[int]) -> Ring:
    ring: Ring = []
    for ref in refs:
        points = _arc(arcs, ref)
        ring.extend(points if not ring else points[1:])
    return ring


def _box(points: list[Point]) -> Box:
    longitudes = [lon for lon, _ in points]
    latitudes = [lat for _, lat in points]
    return min(longitudes), min(latitudes), max(longitudes), max(latitudes)


def _coordinates(arcs: list[list[Point]], shape: _Shape) -> MultiPolygon:
    return [[_ring(arcs, refs) for refs in rings] for rings in shape]


def _require_code(*codes: str) -> None:
    for code in codes:
        if not is_country_code(code):
            raise KeyError(f"{code!r} is not an ISO 3166-1 alpha-2 code")


def is_country_code(code: str) -> bool:
    """Whether `code` is an ISO 3166-1 alpha-2 code, in capitals ("AF", not "af" or "XK")."""
    return code in _iso_table()


def country_name(code: str) -> str | None:
    """ISO 3166-1's English short name for the code ("Türkiye" for TR), or None."""
    row = _iso_table().get(code)
    return None if row is None else row["name"]


def country_names() -> dict[str, str]:
    """Every ISO 3166-1 alpha-2 code with its name, in the order of the codes."""
    return {code: str(row["name"]) for code, row in _iso_table().items()}


def has_outline(code: str, scale: str = "50m") -> bool:
    """Whether the code is drawn at this scale (at 50m, all but BV, GI, TV and UM)."""
    return code in _atlas(scale).countries


def country_outline(code: str, scale: str = "50m") -> MultiPolygon:
    """The country's MultiPolygon coordinates; KeyError if it has no outline at the scale.

    Each call builds new lists, so the caller may change them.
    """
    atlas = _atlas(scale)
    if code not in atlas.countries:
        _require_code(code)
        raise KeyError(f"no outline for {code} at {scale}")
    return _coordinates(atlas.arcs, atlas.countries[code])


def bounds(code: str, scale: str = "50m") -> Box:
    """The smallest (west, south, east, north) box around the country's outline (or, by
    its name, a unit's that has no code: see `unnamed_outlines`).

    Longitudes are not wrapped: a country with land both sides of the antimeridian (Russia,
    the United States, Fiji, New Zealand, Kiribati) gets a box nearly 360° wide.
    """
    atlas = _atlas(scale)
    if code not in atlas.boxes:
        _require_code(code)
        raise KeyError(f"no outline for {code} at {scale}")
    wests, souths, easts, norths = zip(*atlas.boxes[code], strict=True)
    return min(wests), min(souths), max(easts), max(norths)


def shares_border(a: str, b: str, scale: str = "50m") -> bool:
    """Whether the outlines of two different countries share a stretch of border."""
    _require_code(a, b)
    arc_sets = _atlas(scale).arc_sets
    return a != b and not arc_sets.get(a, frozenset()).isdisjoint(arc_sets.get(b, frozenset()))


def shared_border(a: str, b: str, scale: str = "50m") -> list[Line]:
    """The border two countries share, as MultiLineString coordinates; [] if none.

    Each line runs the way a's outline does (with a on its left), and where the shared arcs
    join end to end they make one line: the Afghanistan-Pakistan border is one line from
    the tripoint with Iran to the one with China. An enclave's border (Lesotho in South
    Africa) is a closed line.
    """
    _require_code(a, b)
    atlas = _atlas(scale)
    theirs = atlas.arc_sets.get(b, frozenset())
    if a == b or a not in atlas.countries:
        return []
    pieces = [
        _arc(atlas.arcs, ref)
        for rings in atlas.countries[a]
        for refs in rings
        for ref in refs
        if _arc_index(ref) in theirs
    ]
    return _join(pieces)


def _join(pieces: list[Line]) -> list[Line]:
    """Join lines that meet end to start, in order; a ring's run may wrap past its start."""
    lines: list[Line] = []
    for piece in pieces:
        if lines and lines[-1][-1] == piece[0] and lines[-1][0] != lines[-1][-1]:
            lines[-1].extend(piece[1:])
        else:
            lines.append(list(piece))
    joined = True
    while joined:
        joined = False
        for first in lines:
            if first[0] == first[-1]:
                continue
            follower = next(
                (line for line in lines
                 if line is not first and line[0] == first[-1] and line[0] != line[-1]),
                None,
            )
            if follower is not None:
                first.extend(follower[1:])
                lines.remove(follower)
                joined = True
                break
    return lines


def neighbours(code: str, scale: str = "50m") -> frozenset[str]:
    """The countries whose outlines share a border with this one's (codes only: Serbia's
    do not include Kosovo, which has none)."""
    _require_code(code)
    atlas = _atlas(scale)
    found: set[str] = set()
    for index in atlas.arc_sets.get(code, frozenset()):
        found |= atlas.owners[index]
    return frozenset(found - {code})


def countries_near(
    west: float, south: float, east: float, north: float, scale: str = "50m"
) -> list[str]:
    """The codes, sorted, of the countries with a polygon whose bounding box meets the box.

    Each polygon is tested on its own, so Russia is near Alaska only through Chukotka, not
    through a box spanning the world. The box must not cross the antimeridian (west <=
    east): split such a box in two and ask twice.
    """
    if west > east or south > north:
        raise ValueError(f"not a box: west {west}, south {south}, east {east}, north {north}")
    atlas = _atlas(scale)
    return sorted(
        code
        for code, boxes in atlas.boxes.items()
        if code in atlas.countries
        and any(w <= east and west <= e and s <= north and south <= n for w, s, e, n in boxes)
    )


def all_outlines(scale: str = "110m") -> dict[str, MultiPolygon]:
    """Every country with an outline at the scale, by code: what a world map draws."""
    atlas = _atlas(scale)
    return {code: _coordinates(atlas.arcs, shape) for code, shape in atlas.countries.items()}


def unnamed_outlines(scale: str = "110m") -> dict[str, MultiPolygon]:
    """The units Natural Earth draws that have no ISO code, by its name ("Kosovo",
    "N. Cyprus", "Somaliland", at 50m "Siachen Glacier"): a world map draws them too, or
    it has holes."""
    atlas = _atlas(scale)
    return {name: _coordinates(atlas.arcs, shape) for name, shape in atlas.unnamed.items()}

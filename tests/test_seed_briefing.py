"""The bundled briefing covers the seed article: its people, quotes and dated events."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest

from generator.pipeline import ContentLoader
from generator.quotes import normalize

from conftest import REPO

SEED_FILE = REPO / "seeds/000_7f0ac1c740230a90.txt"
SEED = SEED_FILE.read_text(encoding="utf-8")
SEED_SHA256 = "c6f6a6f8e68a151c5c22e7997966007627cc80375b2ae983da508e555fe2a185"
"""The SHA-256 of the article as it was handed over (`../shared/seeds/`)."""
CONTENT = ContentLoader(REPO, REPO / "content", REPO / "seeds").load(dt.date.today())
BRIEFING = CONTENT.briefings["afpak-ceasefire-talks"].briefing


def test_seed_is_the_article_as_handed_over_byte_for_byte() -> None:
    assert hashlib.sha256(SEED_FILE.read_bytes()).hexdigest() == SEED_SHA256


def test_bundled_content_has_no_problems_at_all() -> None:
    assert CONTENT.all_problems() == []
    assert BRIEFING is not None


def test_every_direct_quote_in_the_article_is_a_verified_quote() -> None:
    assert BRIEFING is not None
    quoted = [normalize(q).strip(" ,.") for q in re.findall(r"“([^”]+)”", SEED)]
    assert len(quoted) == 9
    ours = [normalize(q.text).strip(" ,.") for a in BRIEFING.actors for q in a.quotes]
    assert sorted(ours) == sorted(quoted)


@pytest.mark.parametrize(("name", "role", "affiliation"), [
    ("Tahir Hussain Andrabi", "Foreign Office spokesman", "pakistan-foreign-ministry"),
    ("Mawlawi Rahmatullah Najeeb", "Deputy Interior Minister; head of the Afghan delegation "
                                   "to Istanbul", "taliban"),
    ("Zabihullah Mujahid", "Taliban spokesperson", "taliban"),
    ("Ibraheem Bahiss", "Analyst", "crisis-group"),
])
def test_every_named_person_is_an_actor_with_role_and_affiliation(
        name: str, role: str, affiliation: str) -> None:
    assert BRIEFING is not None
    assert name in SEED
    person = next(a for a in BRIEFING.actors if a.name == name)
    assert (person.kind, person.role, person.affiliation) == ("person", role, affiliation)


@pytest.mark.parametrize("name", [
    "Pakistan", "Afghanistan", "Taliban", "Tehreek-i-Taliban Pakistan", "TTP",
    "Balochistan Liberation Army", "BLA", "Turkey", "Türkiye", "Qatar", "India",
    "International Crisis Group", "Kabul", "Islamabad"])
def test_every_named_group_and_state_is_findable_by_its_name(name: str) -> None:
    assert BRIEFING is not None
    assert name in SEED
    assert any(name == a.name or name in a.aliases for a in BRIEFING.actors), name


@pytest.mark.parametrize(("event", "date", "approximate"), [
    ("taliban-return-to-power", "2021", False),
    ("kabul-blasts", "2025-10", True),          # "early this month"
    ("taliban-retaliation", "2025-10", True),
    ("pakistan-precision-strikes", "2025-10", True),
    ("doha-talks", "2025-10-19", False),        # "in Doha on October 19"
    ("doha-ceasefire", "2025-10-19", False),
    ("pakistan-confirms-istanbul-session", "2025-10-24", False),  # "on Friday"
    ("istanbul-talks", "2025-10-25", False),    # "on Saturday", Doha being "last week"
])
def test_events_carry_the_precision_the_article_gives(event: str, date: str,
                                                      approximate: bool) -> None:
    assert BRIEFING is not None
    found = next(e for e in BRIEFING.events if e.id == event)
    assert (found.date.iso(), found.approximate) == (date, approximate)


def test_worked_out_weekdays_are_explained_and_correct() -> None:
    assert BRIEFING is not None
    assert dt.date(2025, 10, 19).strftime("%A") == "Sunday"
    assert dt.date(2025, 10, 24).strftime("%A") == "Friday"
    assert dt.date(2025, 10, 25).strftime("%A") == "Saturday"
    for event_id, weekday in [("istanbul-talks", "Saturday"),
                              ("pakistan-confirms-istanbul-session", "Friday")]:
        event = next(e for e in BRIEFING.events if e.id == event_id)
        assert f'"on {weekday}"' in event.summary


def test_every_stake_has_positions_from_both_sides() -> None:
    assert BRIEFING is not None
    for stake in BRIEFING.stakes:
        actors = {p.actor for p in stake.positions}
        assert {"pakistan", "taliban"} <= actors, stake.id

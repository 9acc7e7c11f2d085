"""Write a synthetic, deterministic briefing project for benchmarks.

`write_project(root, n)` creates a complete project folder: `mkdocs.yml` and
`overrides/` copied from this repository, `content/<slug>/` with the five
YAML files of `n` briefings, and `seeds/` with the archived texts that the
quotes are checked against. Each briefing has 30 actors, 200 events, 10
stakes and 40 sources, with text of realistic length (1-3 sentence
summaries, some emphasis and links, aliases, native names in non-Latin
scripts, quotes), and passes `python -m generator check --strict` with no
warnings: every source is cited and no event starts after `as_of`. `SHAPES` has two
other sizes of briefing, held out from the benchmark's table (see shapes.py).

The same (n, seed) always gives the same bytes, and briefing k is the same
whatever n is, so N=1 is a prefix of N=10 and N=100. Run it alone with
`python bench/corpus.py OUT N [SHAPE]` to inspect a corpus.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import re
import shutil
import sys
import textwrap
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SEEDED_SOURCES = 8
"""Sources with an archived text in seeds/ (at most): quotes cite only these, so every
quote is checked."""


@dataclasses.dataclass(frozen=True)
class Shape:
    """How big each briefing of a corpus is."""

    actors: int
    events: int
    stakes: int
    sources: int
    relations: int


SHAPES = {
    "standard": Shape(actors=30, events=200, stakes=10, sources=40, relations=25),
    # Held out from the benchmark's own corpus, to check that its figures do not depend on
    # one shape: a few long-running briefings, and a desk of many small ones.
    "long": Shape(actors=80, events=1000, stakes=25, sources=150, relations=60),
    "short": Shape(actors=6, events=12, stakes=2, sources=8, relations=4),
}
MANIFEST = "bench-manifest.json"
"""Written next to mkdocs.yml: what the benchmark probes (search query, event to edit)."""

SYLLABLES = ("ka", "ran", "zar", "mir", "tal", "bad", "sha", "hin", "dor", "vel", "qas",
             "nur", "ost", "lim", "ber", "gan", "sul", "ayr", "tep", "khan", "abad", "esh")
GIVEN = ("Amina", "Tariq", "Leyla", "Omar", "Nadia", "Farid", "Sana", "Yusuf", "Irina",
         "Pavel", "Mariam", "Rahim", "Zohra", "Karim", "Elena", "Hamid", "Daria", "Bilal")
FAMILY = ("Haidari", "Qureshi", "Nazari", "Sokolov", "Rahmani", "Baig", "Karimova",
          "Durrani", "Yousafzai", "Mendez", "Farouk", "Osmani", "Petrenko", "Siddiqui")
SCRIPTS = {  # a few letters of each script, to spell native names
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "persian": "ابپتجچحخدرزژسشفقکگلمنوهی",
    "cyrillic": "абвгдежзиклмнопрстуфхцчшыэюя",
    "devanagari": "कखगघचछजझटठडढतथदधनपफबभमयरलवशसह",
    "georgian": "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ",
    "han": "安北城东国和平南山水民军政党会议联合",
}
ROLES = ("Foreign Minister", "Defence Minister", "army spokesman", "chief negotiator",
         "provincial governor", "UN special envoy", "commander", "party leader",
         "senior analyst", "head of delegation")
PUBLISHERS = ("The Meridian Post", "Northern Wire Service", "Daily Frontier", "Ministry of "
              "Foreign Affairs", "Crisis Monitor", "Regional Security Review", "Radio Caspia",
              "The Harbour Times", "Institute for Peace & Conflict", "Associated Wire")
PLACES = ("the border crossing", "the capital", "the northern districts", "the river valley",
          "the mountain passes", "the coastal road", "the refugee camps", "the disputed town",
          "the airport", "the eastern province")
VERBS = ("accused", "warned", "met", "called on", "rejected demands from", "struck positions "
         "held by", "opened talks with", "welcomed a proposal by", "denied claims by",
         "pressed")
NOUNS = ("a ceasefire", "the prisoner exchange", "border security", "humanitarian access",
         "the trade corridor", "a monitoring mechanism", "the withdrawal timetable",
         "water rights", "the release of detainees", "a joint commission")
CLAUSES = ("after days of shelling near {place}", "as talks resumed in {city}",
           "citing reports from {place}", "despite pressure from its allies",
           "while mediators shuttled between delegations", "in a statement broadcast late "
           "at night", "according to officials in {city}", "ahead of the next round in {city}")
CITIES = ("Doha", "Istanbul", "Geneva", "Muscat", "Astana", "Vienna", "Nairobi", "Oslo")
HEADLINES = ("holds talks", "reports clashes", "issues statement", "announces measures",
             "visits front")
EVENT_KINDS = ("attack", "strike", "clash", "talks", "agreement", "statement", "visit", "other")
ACTOR_KINDS = ("state",) * 3 + ("government",) * 5 + ("armed-group",) * 5 + \
    ("organization",) * 6 + ("person",) * 11
RELATION_KINDS = ("accuses", "opposes", "supports", "mediates", "negotiates-with", "allied-with")


PLACE_SETS = [
    # (cities found by the gazetteer), border, region (lat, lon, km, country), country
    ((("Kabul", "AF"), ("Islamabad", "PK"), ("Peshawar", "PK")), ("AF", "PK"),
     (33.8, 70.1, 40, "PK"), "AF"),
    ((("Bamako", "ML"), ("Niamey", "NE"), ("Ouagadougou", "BF")), ("ML", "NE"),
     (15.0, 1.5, 80, "ML"), "BF"),
    ((("Addis Ababa", "ET"), ("Mogadishu", "SO"), ("Nairobi", "KE")), ("ET", "SO"),
     (4.0, 42.5, 60, "ET"), "SO"),
    ((("Kyiv", "UA"), ("Kharkiv", "UA"), ("Odesa", "UA")), ("UA", "RU"),
     (48.0, 37.8, 50, "UA"), "UA"),
    ((("Khartoum", "SD"), ("Port Sudan", "SD"), ("N'Djamena", "TD")), ("SD", "TD"),
     (13.5, 24.0, 300, "SD"), "TD"),
]
"""Each briefing's places, by its index: real cities the gazetteer finds once, a border two
countries share, a region and a country (as a briefing's places.yml would have them)."""


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")


class _Briefing:
    """Generates one briefing; all randomness comes from its own seeded RNG."""

    def __init__(self, index: int, seed: int, shape: Shape) -> None:
        self.rng = random.Random(f"{seed}:{index}")
        self.index = index
        self.shape = shape
        self.seeded = min(SEEDED_SOURCES, shape.sources)
        r = self.rng
        self.region = "".join(r.choice(SYLLABLES) for _ in range(2)).capitalize() + \
            "-" + "".join(r.choice(SYLLABLES) for _ in range(2)).capitalize()
        topic = r.choice(("border crisis", "ceasefire talks", "insurgency", "port blockade",
                          "election dispute", "water conflict"))
        self.slug = f"{slugify(self.region)}-{slugify(topic)}-{index:03d}"
        self.title = f"{self.region} {topic}"
        self.as_of = dt.date(2025, 1, 1) + dt.timedelta(days=r.randrange(300))
        self.start = self.as_of - dt.timedelta(days=540)
        self.source_ids = [f"src-{i:02d}-{r.choice(SYLLABLES)}" for i in range(shape.sources)]
        self.actor_names: dict[str, str] = {}
        self.seed_quotes: dict[str, list[str]] = {}

    # -- text ------------------------------------------------------------

    def sentence(self, md: bool = False) -> str:
        r = self.rng
        subject, other = r.sample(list(self.actor_names.values()), 2)
        text = (f"{subject} {r.choice(VERBS)} {other} over {r.choice(NOUNS)} "
                + r.choice(CLAUSES).format(place=r.choice(PLACES), city=r.choice(CITIES)) + ".")
        if md and r.random() < 0.25:
            word = r.choice(NOUNS)
            text = text.replace(word, f"*{word}*" if r.random() < 0.6 else f"**{word}**", 1)
        if md and r.random() < 0.12:
            text = text[:-1] + (f", as [reported](https://news.example.org/{self.slug}/"
                                f"{r.randrange(10_000)}).")
        return text

    def paragraph(self, low: int = 1, high: int = 3, md: bool = True) -> str:
        return " ".join(self.sentence(md) for _ in range(self.rng.randint(low, high)))

    def name_actors(self) -> None:
        """Name the actors first: every text in the briefing talks about them."""
        r = self.rng
        for i in range(self.shape.actors):
            kind = self.kind(i)
            if kind == "person":
                name = f"{r.choice(GIVEN)} {r.choice(FAMILY)}"
            elif kind == "state":
                name = "".join(r.choice(SYLLABLES) for _ in range(3)).capitalize()
            else:
                base = "".join(r.choice(SYLLABLES) for _ in range(2)).capitalize()
                name = {"government": f"{base} Interior & Defence Ministry",
                        "armed-group": f"{base} Liberation Front",
                        "organization": f"{base} Relief Council"}[kind]
            self.actor_names[f"{slugify(name)}-{i}"] = name

    def kind(self, i: int) -> str:
        """Actor i's kind: the mix of ACTOR_KINDS, spread over however many actors."""
        return ACTOR_KINDS[i * len(ACTOR_KINDS) // self.shape.actors]

    def actor_name(self) -> str:
        return self.actor_names[self.rng.choice(list(self.actor_names))]

    def date(self, earliest: dt.date | None = None) -> dt.date:
        first = earliest or self.start
        return first + dt.timedelta(days=self.rng.randrange(max(1, (self.as_of - first).days)))

    def cite(self, low: int = 1, high: int = 3) -> list[str]:
        return self.rng.sample(self.source_ids, self.rng.randint(low, high))

    # -- the five files ----------------------------------------------------

    def sources(self) -> tuple[list[dict], dict[str, str]]:
        """The sources, and the seed files {name: text} of the seeded ones."""
        r = self.rng
        sources, seeds = [], {}
        for i, sid in enumerate(self.source_ids):
            published = self.date()
            source = {"id": sid, "title": self.paragraph(1, 1, md=False).rstrip("."),
                      "publisher": r.choice(PUBLISHERS),
                      "published": published.isoformat() if r.random() < 0.9
                      else published.strftime("%Y-%m")}
            if i < self.seeded:
                source["seed"] = f"{self.slug}--{sid}.txt"
                seeds[source["seed"]] = self.seed_text(sid)
            if i >= self.seeded or r.random() < 0.5:
                source["url"] = f"https://news.example.org/{published:%Y/%m}/{slugify(source['title'])}"
            source["kind"] = r.choice(("news", "news", "official", "analysis", "other"))
            sources.append(source)
        return sources, seeds

    def seed_text(self, source_id: str) -> str:
        """An article of ~600 words. Its quoted sentences use curly quotes and apostrophes
        and are wrapped across lines, so the quote check has to normalise them."""
        r = self.rng
        quotes = []
        paragraphs = []
        for _ in range(r.randint(6, 9)):
            quote = (f"We will not accept {r.choice(NOUNS)} without guarantees for "
                     f"{r.choice(PLACES)}, and we won't negotiate under fire")
            quotes.append(quote)
            body = self.paragraph(3, 5, md=False)
            said = quote.replace("'", "\u2019")
            paragraphs.append(textwrap.fill(f"{body} \u201c{said},\u201d an official said. "
                                            f"{self.paragraph(1, 2, md=False)}", 72))
        self.seed_quotes[source_id] = quotes
        return "\n\n".join(paragraphs) + "\n"

    def actors(self) -> tuple[list[dict], list[dict]]:
        r = self.rng
        actors = []
        for i, (actor_id, name) in enumerate(self.actor_names.items()):
            kind = self.kind(i)
            actor: dict = {"id": actor_id, "name": name}
            aliases = self.aliases(kind, name)
            if aliases:
                actor["aliases"] = aliases
            if r.random() < 0.6:
                letters = SCRIPTS[r.choice(list(SCRIPTS))]
                actor["native_name"] = " ".join("".join(r.choice(letters) for _ in range(
                    r.randint(3, 7))) for _ in range(r.randint(1, 3)))
            actor["kind"] = kind
            if kind == "person":
                actor["role"] = r.choice(ROLES)
            if i > 2 and r.random() < 0.6:
                actor["affiliation"] = actors[r.randrange(min(i, 12))]["id"]
            actor["summary"] = self.paragraph(1, 3)
            if r.random() < 0.7:
                actor["stance"] = self.paragraph(1, 2)
            actor["sources"] = self.cite(1, 3)
            if r.random() < 0.35:
                actor["quotes"] = []
                for _ in range(r.randint(1, 3)):
                    source = self.source_ids[r.randrange(self.seeded)]
                    quote = {"text": r.choice(self.seed_quotes[source]), "source": source}
                    if r.random() < 0.5:
                        quote["date"] = self.date().isoformat()
                    if r.random() < 0.5:
                        quote["context"] = f"Speaking to reporters in {r.choice(CITIES)}"
                    actor["quotes"].append(quote)
            actors.append(actor)
        ids = list(self.actor_names)
        relations, pairs = [], set()
        wanted = min(self.shape.relations, len(ids) * (len(ids) - 1))
        while len(relations) < wanted:
            a, b = r.sample(ids, 2)
            if (a, b) not in pairs:
                pairs.add((a, b))
                relations.append({"from": a, "to": b, "kind": r.choice(RELATION_KINDS),
                                  "summary": self.paragraph(1, 2), "sources": self.cite(1, 2)})
        return actors, relations

    def aliases(self, kind: str, name: str) -> list[str]:
        """A state goes by its capital (unique enough to search for), a group by its
        acronym and a nickname, a person sometimes by the family name alone."""
        r = self.rng
        if kind == "state":
            return ["".join(r.choice(SYLLABLES) for _ in range(2)).capitalize() + "abad"]
        if kind == "person":
            return [name.split()[-1]] if r.random() < 0.5 else []
        acronym = "".join(w[0] for w in name.replace("&", "").split()).upper()
        return [acronym] + [f"the {name.split()[0]} {r.choice(('group', 'side', 'camp'))}"] * \
            (r.random() < 0.5)

    def events(self) -> list[dict]:
        r = self.rng
        ids = list(self.actor_names)
        events = []
        for i in range(self.shape.events):
            day = self.date()
            kind = r.choice(EVENT_KINDS)
            title = f"{self.actor_name()} {r.choice(HEADLINES)} near {r.choice(CITIES)}"
            event: dict = {"id": f"e{i:03d}-{slugify(kind)}-{r.choice(SYLLABLES)}"}
            roll = r.random()
            if roll < 0.85:
                event["date"] = day.isoformat()
                if r.random() < 0.1:
                    end = min(self.as_of, day + dt.timedelta(days=r.randint(1, 3)))
                    event["end_date"] = end.isoformat()
            elif roll < 0.97:
                event["date"] = day.strftime("%Y-%m")
                event["approximate"] = r.random() < 0.5
            else:
                event["date"] = day.year
                event["approximate"] = True
            event.update(title=title, kind=kind, summary=self.paragraph(1, 3),
                         actors=r.sample(ids, r.randint(1, 4)))
            if r.random() < 0.7:
                place = r.choice(PLACES).removeprefix("the ").capitalize()
                event["location"] = f"{place}, {self.region}"
            # Event i cites source i (modulo their number) first, so every source is cited.
            sources = [self.source_ids[i % self.shape.sources]]
            sources += [s for s in self.cite(0, 2) if s not in sources]
            event["sources"] = sources
            events.append(event)
        # A briefing must say what happened lately (check: no more than 30 days between
        # its newest event and as_of). Two hundred events always do; a short timeline's
        # last event is made the newest when they may not (no randomness, so the other
        # shapes are as they were).
        if (self.as_of - max(self._earliest(e) for e in events)).days > 30:
            for key in ("end_date", "approximate"):
                events[-1].pop(key, None)
            events[-1]["date"] = self.as_of.isoformat()
        return events

    @staticmethod
    def _earliest(event: dict) -> dt.date:
        """The first day an event's date can mean (a month or a year: its first day)."""
        date = str(event["date"])
        return dt.date(int(date[:4]), int(date[5:7] or 1), int(date[8:10] or 1))

    def places(self, events: list[dict]) -> list[dict]:
        """Seven places from this briefing's set, and every other event at one of them
        (no randomness: the rest of the corpus is as it was without places)."""
        cities, border, region, country = PLACE_SETS[self.index % len(PLACE_SETS)]
        places = [{"id": slugify(name), "name": name, "kind": "city", "country": code}
                  for name, code in cities]
        places.append({"id": "border", "name": f"{border[0]}-{border[1]} border",
                       "kind": "border", "countries": list(border)})
        latitude, longitude, radius, code = region
        places.append({"id": "region", "name": f"{self.region} districts", "kind": "region",
                       "country": code, "coordinates": [latitude, longitude],
                       "radius_km": radius})
        places.append({"id": "country", "name": f"{country} territory", "kind": "country",
                       "country": country})
        places.append({"id": "site", "name": "Crossing point", "kind": "site",
                       "country": code, "coordinates": [latitude + 0.3, longitude - 0.3]})
        for i, event in enumerate(events):
            if i % 2 == 0:
                event["places"] = [places[(i // 2) % len(places)]["id"]]
        return places

    def stakes(self) -> list[dict]:
        r = self.rng
        stakes = []
        for i in range(self.shape.stakes):
            noun = r.choice(NOUNS)
            stake: dict = {"id": f"stake-{i}-{slugify(noun)}", "title": f"The future of {noun}",
                           "summary": self.paragraph(1, 3), "positions": []}
            for actor in r.sample(list(self.actor_names),
                                  r.randint(2, min(5, self.shape.actors))):
                position = {"actor": actor, "position": self.paragraph(1, 2)}
                if r.random() < 0.3:
                    position["sources"] = self.cite(1, 2)
                stake["positions"].append(position)
            if r.random() < 0.8:
                stake["outlook"] = self.paragraph(1, 2)
            stake["sources"] = self.cite(1, 3)
            if len(stake["sources"]) > 1:
                # A position borrows the stake's sources only when it has one.
                for position in stake["positions"]:
                    position.setdefault("sources", stake["sources"][:1])
            stakes.append(stake)
        return stakes

    def briefing(self) -> dict:
        r = self.rng
        data = {"title": self.title, "summary": self.paragraph(3, 5),
                "key_points": [self.paragraph(1, 2) for _ in range(r.randint(3, 5))],
                "status": r.choice(("active", "monitoring", "resolved")),
                "trend": r.choice(("escalating", "steady", "de-escalating")),
                "as_of": self.as_of.isoformat()}
        if r.random() < 0.5:  # far ahead, so the calendar does not make it stale
            data["review_by"] = (self.as_of + dt.timedelta(days=3650)).isoformat()
        data.update(region=self.region, tags=r.sample(["ceasefire", "mediation", "militancy",
                                                       "humanitarian", "trade", "elections"], 3),
                    sources=self.cite(1, 3))
        data["updates"] = [{"date": (self.as_of - dt.timedelta(days=30 * k)).isoformat(),
                            "summary": self.paragraph(1, 1)} for k in range(r.randint(1, 3))]
        return data

    def files(self) -> tuple[dict[str, dict], dict[str, str]]:
        """The five YAML documents, places.yml and the seed files; order matters for the
        RNG."""
        self.name_actors()
        sources, seeds = self.sources()
        actors, relations = self.actors()
        events = self.events()
        files = {"sources.yml": {"sources": sources},
                 "actors.yml": {"actors": actors, "relations": relations},
                 "timeline.yml": {"events": events},
                 "stakes.yml": {"stakes": self.stakes()},
                 "briefing.yml": self.briefing(),
                 "places.yml": {"places": self.places(events)}}
        return files, seeds


def write_project(root: Path, n: int, seed: int = 1, source: Path = REPO,
                  shape: Shape = SHAPES["standard"]) -> dict:
    """Write the project for `n` briefings of `shape` into `root` (replaced); returns its
    manifest.

    mkdocs.yml and overrides/ come from `source`: the repository, or a snapshot of it,
    in one language (the bundled site's other languages are left out: see languages.py).
    """
    if root.exists():
        shutil.rmtree(root)
    (root / "seeds").mkdir(parents=True)
    config = (source / "mkdocs.yml").read_text("utf-8")
    (root / "mkdocs.yml").write_text(
        re.sub(r"(?m)^ +languages: \[.*\]\n", "", config), encoding="utf-8")
    shutil.copytree(source / "overrides", root / "overrides")
    manifest: dict = {"n": n, "seed": seed, "shape": dataclasses.asdict(shape),
                      "briefings": []}
    for index in range(n):
        gen = _Briefing(index, seed, shape)
        files, seeds = gen.files()
        folder = root / "content" / gen.slug
        folder.mkdir(parents=True)
        for name, data in files.items():
            (folder / name).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                                                      width=100), encoding="utf-8")
        for name, text in seeds.items():
            (root / "seeds" / name).write_text(text, encoding="utf-8")
        actors = files["actors.yml"]["actors"]
        manifest["briefings"].append({
            "slug": gen.slug, "events": [e["title"] for e in files["timeline.yml"]["events"]],
            "alias": actors[0]["aliases"][0], "alias_actor": actors[0]["id"]})
    first = manifest["briefings"][0]
    manifest["search_query"] = first["alias"]
    manifest["search_target"] = f"{first['slug']}/actors/{first['alias_actor']}/"
    (root / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4) or (sys.argv[3:] and sys.argv[3] not in SHAPES):
        sys.exit(f"usage: python bench/corpus.py OUT_DIR N [{'|'.join(SHAPES)}]")
    info = write_project(Path(sys.argv[1]), int(sys.argv[2]),
                         shape=SHAPES[sys.argv[3] if sys.argv[3:] else "standard"])
    print(f"wrote {info['n']} briefings to {sys.argv[1]}; search query {info['search_query']!r}")

"""`python -m generator new SLUG`: a skeleton briefing that validates and builds.

Every required field is filled with a placeholder that says what belongs
there, so an editor can replace text without first looking up the model.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from generator.base.disk import staging_folder
from generator.base.problems import BriefingError
from generator.content.ids import check_id
from generator.render.page_table import RESERVED_SLUGS

_SCHEMA = "# yaml-language-server: $schema=../../generator/schemas/{name}.schema.json\n"

_FILES = {
    "briefing.yml": """\
title: "{title}"
summary: >-
  The bottom line in one paragraph: what happened, who is involved and why
  it matters. Replace this text.
key_points:
  - Why it matters, one point per line.
status: active                # active | monitoring | resolved
trend: steady                 # escalating | steady | de-escalating
as_of: {today}
sources: [example-source]
# timezone: Asia/Kuala_Lumpur  # the clock of every time below that names none (IANA name)
# background:                 # optional: how the situation came to be, a paragraph each
#   - The history a newcomer needs to follow the events, from your sources only.
""",
    "actors.yml": """\
actors:
  - id: example-actor
    name: Example actor
    kind: state               # state | government | armed-group | organization | person
    summary: Who the actor is and what it does in this situation.
    sources: [example-source]
  - id: other-actor
    name: Another actor
    kind: armed-group
    summary: The other side.
    sources: [example-source]
relations: []
""",
    "timeline.yml": """\
events:
  - id: example-event
    # YYYY, YYYY-MM or YYYY-MM-DD, the form being the precision; 2025-10~ about then;
    # [2025-10-20..2025-10-24] one day between the two
    date: {today}
    # end_date: for an event of several days; either end may be [..] when not known
    # time: "06:00"               # beside a date that is one day: HH:MM, 24-hour, in quotes
    # timezone: Europe/Helsinki   # its clock, when not briefing.yml's
    title: What happened, in a few words
    # kind: attack | strike | clash | talks | agreement | statement | visit | other
    kind: other
    summary: What happened, with detail.
    actors: [example-actor, other-actor]
    sources: [example-source]
    # location: Kabul, Afghanistan  # where, in the words readers see
    # places: [kabul]               # and on the map: ids from places.yml
    # commitments:                  # what an agreement commits whom to
    #   - id: example-commitment
    #     text: A ceasefire on the border
    #     parties: [example-actor, other-actor]
    #     due: 2025-11-01             # a one-off, due on a day (due_time: "18:00"), or,
    #     # from: 2025-10-20          # for one that holds, when it takes effect
    #     # from_time: "24:00"        # ("from midnight tonight"), and until/until_time
    #     sources: [example-source]   # for a truce of fixed length
    # claimed_by: [example-actor]   # one side's account, not established fact
    # reported: true                # known only from reports its sources do not confirm
    # according_to: aid workers     # whom such a report cites
# claims:                           # figures, side by side per `about`, never averaged
#   - id: example-figure
#     about: People displaced
#     claimant: example-actor       # an actor's figure; or, for one a source reports,
#     # reported_by: example-source # the source (its publisher is named), and
#     # according_to: local media   # whom it cites
#     low: 1000                     # value, or low and/or high; or, when the source
#     # wording: thousands          # gives no number, its words
#     sources: [example-source]
""",
    "stakes.yml": """\
stakes:
  - id: example-stake
    title: The issue in dispute
    summary: What is at stake and for whom.
    positions:
      - actor: example-actor
        position: What this actor wants.
      - actor: other-actor
        position: What the other side wants.
        # sources: [example-source]   # needed when the stake cites several sources
    sources: [example-source]
""",
    "sources.yml": """\
sources:
  - id: example-source
    title: Title of the article or document
    publisher: Who published it
    published: {today}
    url: https://example.org/replace-with-the-real-address
    kind: news                # news | official | analysis | other
    # note: How the source was dated or archived, where readers need to know.
""",
    "places.yml": """\
# Where events happened, for the map; events name them in `places`. Each at the
# precision the sources allow. `python -m generator places {slug}` suggests entries
# from events' `location`.
places: []
# places:
#   - id: kabul
#     name: Kabul
#     kind: city                  # city | site | region | country | border
#     country: AF                 # ISO 3166-1 alpha-2; the gazetteer finds a city's
#                                 # coordinates by its name, or give them:
#   - id: torkham
#     name: Torkham crossing
#     kind: site
#     country: AF
#     coordinates: [34.1, 71.09]  # [latitude, longitude]
#   - id: kurram
#     name: Kurram district
#     kind: region
#     country: PK
#     coordinates: [33.8, 70.1]
#     radius_km: 40               # how far it reaches
#   - id: afpak-border
#     name: Afghanistan-Pakistan border
#     kind: border
#     countries: [AF, PK]         # two countries that share a border
#   - id: afghanistan
#     name: Afghanistan
#     kind: country               # somewhere in the country
#     country: AF
#     note: How precise this is, where readers need to know.
""",
}


def create(content_dir: Path, slug: str, today: dt.date, languages: tuple[str, ...] = ()) -> Path:
    """Write `content_dir/slug/` with the five files and places.yml, and return the
    folder; raises `BriefingError` for a slug that is not valid or is taken (on a site in
    `languages`, a language's code is taken: its pages are under `/<code>/`)."""
    try:
        check_id(slug)
    except ValueError as exc:
        raise BriefingError(str(exc)) from None
    if slug in RESERVED_SLUGS:
        raise BriefingError(f"'{slug}' is a name the site itself uses; choose another")
    if slug in {code.lower() for code in languages}:
        raise BriefingError(f"'{slug}' is one of the site's language codes, whose pages are "
                            f"under /{slug}/; choose another")
    folder = content_dir / slug
    if folder.exists():
        raise BriefingError(f"{folder} already exists; choose another name or edit it")
    content_dir.mkdir(parents=True, exist_ok=True)
    for stale in content_dir.glob(f".{slug}.new-*"):  # left by a `new` that was killed
        shutil.rmtree(stale, ignore_errors=True)
    # Written beside the target and renamed into place when complete, so that an
    # interrupted `new` leaves no half-made briefing that blocks a second try.
    staging = staging_folder(content_dir, f".{slug}.new-")
    try:
        title = slug.replace("-", " ").capitalize()
        for name, text in _FILES.items():
            header = _SCHEMA.format(name=name.removesuffix(".yml"))
            (staging / name).write_text(
                header + text.format(title=title, today=today.isoformat(), slug=slug),
                encoding="utf-8")
        staging.rename(folder)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return folder

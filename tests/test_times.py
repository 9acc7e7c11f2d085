"""Times of day: printed in their own clock wherever their date is, ordered within a
day by the instant they name, and given as that instant (with its offset) to programs;
a time with no clock, or beside a date that is not one known day, is a located error."""

from __future__ import annotations

import datetime as dt
import json

from generator.base.settings import PageOptions
from generator.content.model import Briefing
from generator.render.exports import briefing_json, events_csv, timelinejs_json
from generator.render.head import page_head
from generator.render.renderer import render_briefing
from generator.render.view import BriefingView

from conftest import Project

TODAY = dt.date(2025, 10, 25)
TIMELINE = """events:
  - id: ceasefire
    date: 2025-10-19
    time: 24:00
    title: Ceasefire takes effect
    kind: agreement
    summary: From midnight tonight.
    actors: [council, militia]
    sources: [council-statement]
  - id: shelling
    date: 2025-10-19
    time: "09:00"
    timezone: UTC
    title: Shelling at dawn
    summary: Shells fall on the bridge.
    actors: [militia]
    sources: [council-statement]
  - id: statement
    date: 2025-10-19
    time: "11:30"
    title: Council statement
    summary: The council speaks.
    actors: [council]
    sources: [council-statement]
  - id: clashes
    date: 2025-10-19
    title: Clashes on the bridge
    kind: clash
    summary: Fighting at the bridge.
    actors: [militia]
    sources: [council-statement]
"""


def timed(project: Project) -> Briefing:
    """The fixture with four events on one day: at 24:00 and 11:30 Helsinki time (the
    briefing's clock), 09:00 UTC (12:00 in Helsinki), and one without a time."""
    project.edit("content/riverland/briefing.yml", "as_of:", "timezone: Europe/Helsinki\nas_of:")
    project.write("content/riverland/timeline.yml", TIMELINE)
    return project.valid_briefing(TODAY)


def test_events_of_one_day_come_untimed_first_then_by_the_instant_they_name(
        project: Project) -> None:
    view = BriefingView(timed(project), PageOptions(), {})
    # 11:30 Helsinki is 08:30 UTC, before 09:00 UTC; 24:00 is the end of the day.
    assert [e.id for e in view.events] == ["clashes", "statement", "shelling", "ceasefire"]


def test_a_time_is_printed_in_its_own_clock_wherever_its_date_is(project: Project) -> None:
    pages = render_briefing(timed(project), TODAY)
    timeline = pages["riverland/timeline.md"]
    assert '<time datetime="2025-10-19T11:30+03:00">11:30 Helsinki time</time> · Other' \
        in timeline
    assert '<time datetime="2025-10-19T09:00+00:00">09:00 UTC</time>' in timeline
    assert '<time datetime="2025-10-20T00:00+03:00">19 Oct 2025, 24:00 Helsinki time</time>' \
        in pages["riverland/index.md"]
    assert "19 Oct 2025, 24:00 Helsinki time" in pages["riverland/print.md"]
    assert "19 Oct 2025, 11:30 Helsinki time" in pages["riverland/print.md"]


def test_programs_get_the_time_as_written_and_the_instant_it_names(project: Project) -> None:
    briefing = timed(project)
    events = {e["id"]: e for e in json.loads(briefing_json(briefing))["events"]}
    assert (events["ceasefire"]["time"], events["ceasefire"]["timezone"],
            events["ceasefire"]["at"]) == ("24:00", None, "2025-10-20T00:00+03:00")
    assert (events["shelling"]["timezone"], events["shelling"]["at"]) == \
        ("UTC", "2025-10-19T09:00+00:00")
    assert "at" not in events["clashes"]
    rows = {line.split(",")[0]: line for line in events_csv(briefing).splitlines()}
    assert rows["statement"].endswith(",11:30,Europe/Helsinki,2025-10-19T11:30+03:00")
    slides = {s["unique_id"]: s for s in json.loads(timelinejs_json(briefing))["events"]}
    assert slides["statement"]["start_date"] == {"year": 2025, "month": 10, "day": 19,
                                                 "hour": 11, "minute": 30}
    assert slides["statement"]["display_date"] == "19 Oct 2025, 11:30 Helsinki time"
    # TimelineJS has no hour 24: the end of the day is the next day's 00:00.
    assert slides["ceasefire"]["start_date"] == {"year": 2025, "month": 10, "day": 20,
                                                 "hour": 0, "minute": 0}
    assert slides["ceasefire"]["display_date"] == "19 Oct 2025, 24:00 Helsinki time"
    graph = json.loads(page_head(BriefingView(briefing, PageOptions(), {}), "timeline.md").jsonld)
    starts = {n["name"]: n.get("startDate") for n in graph["@graph"] if n["@type"] == "Event"}
    assert starts["Shelling at dawn"] == "2025-10-19T09:00+00:00"
    assert starts["Clashes on the bridge"] == "2025-10-19"


def test_an_unquoted_time_is_read_as_written(project: Project) -> None:
    # YAML 1.1 reads a plain 24:00 as the number 1440; the loader keeps what was written.
    assert '"time: 24:00' not in TIMELINE and "    time: 24:00\n" in TIMELINE
    assert timed(project).events[0].time == "24:00"

"""What the timeline strip draws: a labelled row per event (or, on a crowded strip, for
the events that matter most), a span as a span, one day of several as such, and a legend
of only what it draws. (How it looks in Chromium, and its contrast, are in
test_readers.py and test_picture_contrast.py.)"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.base.settings import PageOptions
from generator.build.pipeline import ContentLoader
from generator.content.model import Briefing
from generator.render.pictures import LABELLED_ROWS, NEWEST, timeline_strip
from generator.render.renderer import render_briefing
from generator.render.view import BriefingView

from conftest import FIXTURES

TODAY = dt.date(2026, 1, 15)


def briefing_of(tmp_path: Path, events: list[dict[str, Any]] | None = None) -> Briefing:
    """The `harbour` fixture, with `events` in place of its own if given."""
    shutil.copytree(FIXTURES / "harbour", tmp_path / "content/harbour")
    shutil.copytree(FIXTURES / "seeds", tmp_path / "seeds")
    if events is not None:
        timeline = tmp_path / "content/harbour/timeline.yml"
        timeline.write_text(yaml.safe_dump({"events": events}), encoding="utf-8")
    content = ContentLoader(tmp_path, tmp_path / "content", tmp_path / "seeds").load(TODAY)
    briefing = content.briefings["harbour"].briefing
    assert briefing is not None, content.all_problems()
    return briefing


def strip_of(tmp_path: Path, events: list[dict[str, Any]] | None = None) -> str:
    """The strip of the `harbour` fixture, with `events` in place of its own if given."""
    return timeline_strip(BriefingView(briefing_of(tmp_path, events), PageOptions(), {}))


def event(n: int, date: Any, **more: Any) -> dict[str, Any]:
    return {"id": f"e{n}", "date": date, "title": f"Event number {n}", "summary": "Happened.",
            "actors": ["navy"], "sources": ["wire"], **more}


def labels(strip: str) -> list[str]:
    return re.findall(r'<span class="strip__when">[^<]*</span> ([^<]*)</span>', strip)


def legend(strip: str) -> list[str]:
    return re.findall(r"</svg>([^<]+)</li>", strip)


def test_every_event_has_a_row_with_its_date_and_title(tmp_path: Path) -> None:
    strip = strip_of(tmp_path, [event(1, "2025-05-01"), event(2, "2025-05-20"),
                                event(3, "[2025-06-01..2025-06-05]")])
    assert labels(strip) == ["Event number 1", "Event number 2", "Event number 3"]
    assert '<span class="strip__when">between 1 and 5 Jun 2025</span>' in strip
    assert "more events" not in strip


def test_a_span_a_day_of_several_and_a_known_day_are_drawn_apart(tmp_path: Path) -> None:
    strip = strip_of(tmp_path, [
        event(1, "2025-05-01"),                                         # a known day
        event(2, "[2025-05-03..2025-05-09]"),                           # one day of several
        event(3, "2025-05-10", end_date="2025-05-20"),                  # a span
        event(4, "[2025-05-11..2025-05-12]", end_date="[2025-05-25..2025-05-28]")])
    rows = [row.split("</div>")[0]
            for row in strip.split('<div class="strip__row strip__row--event">')[1:]]
    assert 'class="pic-day"' in rows[0] and "pic-window" not in rows[0]
    assert 'class="pic-window"' in rows[1] and "pic-span" not in rows[1]
    assert 'class="pic-span"' in rows[2] and "pic-window" not in rows[2]
    # A span whose ends are each known only to a window: the days it surely lasted, solid,
    # and each window outlined.
    assert rows[3].count('class="pic-span"') == 1 and rows[3].count('class="pic-window"') == 2
    assert legend(strip) == ["a known day", "one day of these, not known which",
                             "lasted these days"]


def test_the_legend_names_only_what_the_strip_draws(tmp_path: Path) -> None:
    assert legend(strip_of(tmp_path, [event(1, "2025-05-01"), event(2, "2025-05-02")])) \
        == ["a known day"]


def test_uncertain_is_in_the_legend_only_when_a_day_is_drawn_as_uncertain(
        tmp_path: Path) -> None:
    # An uncertain month is drawn as its window (its row says "uncertain").
    assert legend(strip_of(tmp_path / "month", [event(1, "2025-04?")])) == [
        "one day of these, not known which"]
    assert legend(strip_of(tmp_path / "day", [event(1, "2025-04-03?")])) == ["uncertain"]


def test_a_crowded_strip_labels_the_newest_agreements_and_commitments(
        tmp_path: Path) -> None:
    events = [event(n, (dt.date(2025, 1, 1) + dt.timedelta(days=3 * n)).isoformat())
              for n in range(60)]
    events[10]["kind"] = "agreement"
    events[20]["commitments"] = [{"id": "truce", "text": "A truce", "parties": ["navy"],
                                  "due": "2025-12-01", "sources": ["wire"]}]
    strip = strip_of(tmp_path, events)
    shown = labels(strip)
    assert len(shown) + 1 <= LABELLED_ROWS + 1  # the due date has its own row too
    assert [f"Event number {n}" for n in range(60 - NEWEST, 60)] == shown[-NEWEST - 1:-1]
    assert "Event number 10" in shown and "Event number 20" in shown
    assert "Due: A truce" in strip
    rest = 60 - sum(label.startswith("Event number") for label in shown)
    assert f"{rest} more events, numbered" in strip
    # Its marks are still all drawn.
    assert strip.count('<g class="pic-mark pic-mark--') == 60 + 1


def test_the_events_a_crowded_strip_does_not_label_carry_their_number_in_the_list(
        tmp_path: Path) -> None:
    events = [event(n, (dt.date(2025, 1, 1) + dt.timedelta(days=3 * n)).isoformat())
              for n in range(1, 41)]
    strip = strip_of(tmp_path, events)
    unlabelled = {n for n in range(1, 41) if f"Event number {n}" not in labels(strip)}
    assert unlabelled == set(range(1, 41 - NEWEST))  # the newest have rows
    # Event n is the n-th in date order, so its number is n: every one without a row is
    # drawn with its number (there is room for each here).
    numbers = re.findall(r'<text class="pic-number"[^>]*>(\d+)</text>', strip)
    assert sorted(map(int, numbers)) == sorted(unlabelled)
    # The list beside the strip (the timeline, and the print version) gives each event's
    # number; the overview's strip points at that list.
    pages = render_briefing(briefing_of(tmp_path / "again", events), TODAY)
    for page in ("harbour/timeline.md", "harbour/print.md"):
        assert "No. 1 · " in pages[page] and "No. 40 · " in pages[page], page
        assert "No. 41 · " not in pages[page]


def test_a_busy_stretch_labels_its_marks_with_the_range_of_their_numbers(
        tmp_path: Path) -> None:
    """200 events on 200 days: no room for a number above each mark, so the marks close
    together share a label, the range of their numbers, and every event is in one."""
    events = [event(n, (dt.date(2025, 1, 1) + dt.timedelta(days=n)).isoformat())
              for n in range(1, 201)]
    # Some last long, some are known only to a month.
    events[0]["end_date"] = "2025-06-30"
    events[30]["date"] = "2025-02"
    strip = strip_of(tmp_path, events)
    unlabelled = {n for n in range(1, 201) if f"Event number {n}" not in labels(strip)}
    found = re.findall(r'<text class="pic-number" x="([\d.]+)%"[^>]*>(\d+)(?:–(\d+))?</text>',
                       strip)
    ranges = [(float(x), int(first), int(last or first)) for x, first, last in found]
    assert 3 < len(ranges) < 20
    for n in unlabelled:
        assert sum(first <= n <= last for _, first, last in ranges) == 1, n
    # Left to right in order, none overlapping another, each far enough from the next for
    # "123–456" on a phone.
    assert all(a[2] < b[1] for a, b in itertools.pairwise(ranges))
    assert all(b[0] - a[0] >= 7 * 2.4 - 0.01 for a, b in itertools.pairwise(ranges))
    assert all(x <= 100 - 7 * 2.4 for x, _, _ in ranges)


def test_a_strip_that_labels_every_event_numbers_none(tmp_path: Path) -> None:
    pages = render_briefing(briefing_of(tmp_path), TODAY)
    assert "pic-number" not in pages["harbour/timeline.md"]
    assert "No. 1 · " not in pages["harbour/timeline.md"]

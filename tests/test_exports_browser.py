"""The data a reader takes away, used the way a reader's tools use it, in real Chromium.

TimelineJS itself (the npm package, pinned by version and by the hash of its
tarball) loads each briefing's `timelinejs.json` from the built site and shows
every event; the pages' JSON-LD parses in the browser, their data links lead
to files that are there, and the feed they announce parses as XML. Everything
is served from localhost, at a desktop width and a phone's, and nothing may be
asked of another host.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import chromium, serve
from conftest import make_project

pytestmark = pytest.mark.browser

TIMELINEJS = "3.9.11"
"""The TimelineJS release the export is tested with."""
TIMELINEJS_INTEGRITY = ("sha512-+jUuY1OJ+9zSO5O3AfYSLd1yB0vQkm22zyIElz8BWT5DQ9mL0rsxlQkBKAqLbWpJ"
                        "jFuAAJeqzLY35xFIg6GW4g==")
"""The npm registry's integrity hash of that release's tarball."""
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / \
    "briefing-generator-tests"
"""Read when the tests start, before any test points XDG_CACHE_HOME elsewhere."""
WIDTHS = [1280, 390]
"""A desktop browser and a phone."""


@pytest.fixture(scope="session")
def timelinejs() -> Path:
    """TimelineJS's `dist` folder: from the npm registry the first time (`npm pack`, which
    fetches the release's tarball and nothing else), then from the user's cache folder."""
    dist = CACHE / f"timelinejs-{TIMELINEJS}" / "dist"
    if (dist / "js" / "timeline.js").is_file():
        return dist
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is needed to fetch TimelineJS for this test: run sh .ci/setup-chromium")
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE) as scratch:
        done = subprocess.run(
            [npm, "pack", "--json", "--pack-destination", scratch,
             f"@knight-lab/timelinejs@{TIMELINEJS}"],
            cwd=scratch, capture_output=True, text=True, timeout=600, check=False)
        assert done.returncode == 0, done.stderr
        tarball = Path(scratch) / json.loads(done.stdout)[0]["filename"]
        digest = hashlib.sha512(tarball.read_bytes()).digest()
        assert f"sha512-{base64.b64encode(digest).decode()}" == TIMELINEJS_INTEGRITY
        unpacked = Path(scratch) / "package"
        _unpack(tarball, "package/dist/", unpacked)
        # Into place in one step, so that a session running beside this one sees either
        # no folder or a whole one.
        try:
            unpacked.rename(dist.parent)
        except OSError:
            if not (dist / "js" / "timeline.js").is_file():
                raise
    return dist


def _unpack(tarball: Path, prefix: str, folder: Path) -> None:
    """The regular files under `prefix` in `tarball`, written below `folder` (which stands
    for the archive's first folder); nothing outside it, whatever the archive says."""
    with tarfile.open(tarball) as archive:
        for member in archive.getmembers():
            parts = Path(member.name).parts
            if not member.isfile() or not member.name.startswith(prefix) or ".." in parts:
                continue
            target = folder.joinpath(*parts[1:])
            target.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            assert source is not None
            target.write_bytes(source.read())


HARNESS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="timelinejs/css/timeline.css">
<script src="timelinejs/js/timeline.js"></script></head>
<body style="margin:0"><div id="timeline" style="width:100%;height:600px"></div>
<script>
  window.state = {loaded: false};
  const source = new URLSearchParams(location.search).get("source");
  // TimelineJS's defaults load its language files, fonts and analytics from other
  // hosts: point them at the copy served here, or turn them off.
  const timeline = new TL.Timeline("timeline", source, {
    script_path: new URL("timelinejs/js/", location).href,
    font: "georgia-helvetica", hash_bookmark: false});
  timeline.on("loaded", () => { window.state.loaded = true; });
</script></body></html>
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, timelinejs: Path) -> Iterator[str]:
    """Two fixture briefings (one with every field) built with `--strict`, served beside
    TimelineJS and a page that embeds it; yields the base URL."""
    root = tmp_path_factory.mktemp("exports")
    project = make_project(root)
    shutil.copytree(Path(__file__).parent / "fixtures" / "harbour", root / "content" / "harbour")
    project.edit("content/riverland/briefing.yml", "sources: [council-statement]",
                 "sources: [council-statement]\nupdates:\n"
                 "  - {date: 2025-10-25, summary: Talks <b>resume</b> & the *ceasefire* holds.}\n"
                 "  - {date: 2025-10-20, summary: First published.}")
    result = project.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    (root / "timelinejs").symlink_to(timelinejs, target_is_directory=True)
    (root / "timeline.html").write_text(HARNESS, encoding="utf-8")
    with serve(root) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as instance:
        yield instance


@pytest.fixture(params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def tab(request: pytest.FixtureRequest, browser: Any, served: str) -> Iterator[Any]:
    """A page at a desktop or a phone's width that records every request leaving
    localhost and every error."""
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  is_mobile=width < 500)
    page = context.new_page()
    page.problems = []
    page.on("request", lambda r: r.url.startswith(served) or r.url.startswith("data:")
            or page.problems.append(f"request {r.url}"))
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"error {e}"))
    page.on("response", lambda r: r.status < 400 or page.problems.append(f"{r.status} {r.url}"))
    yield page
    context.close()


@pytest.mark.parametrize("slug", ["riverland", "harbour"])
def test_timelinejs_shows_every_event_of_the_export(tab: Any, served: str, slug: str) -> None:
    export = json.loads(_get(tab, f"{served}site/{slug}/timelinejs.json"))
    tab.goto(f"{served}timeline.html?source=site/{slug}/timelinejs.json")
    tab.wait_for_function("window.state.loaded", timeout=30_000)
    events = export["events"]
    assert tab.locator(".tl-timemarker").count() == len(events)
    assert tab.locator(".tl-slide").count() == len(events) + 1  # and the title slide
    titles = tab.locator(".tl-timemarker .tl-headline").all_inner_texts()
    assert sorted(titles) == sorted(tab.evaluate(
        "html => html.map(h => new DOMParser().parseFromString(h, 'text/html')"
        ".body.textContent)", [e["text"]["headline"] for e in events]))
    shown = tab.locator(".tl-slide:not(.tl-slide-titleslide) .tl-headline-date").all_inner_texts()
    assert sorted(shown) == sorted(e["display_date"] for e in events)
    assert tab.locator(".tl-message-content").all_inner_texts() in ([], [""])
    assert tab.problems == []


def test_uncertain_dates_keep_their_words_and_span_their_range(tab: Any, served: str) -> None:
    tab.goto(f"{served}timeline.html?source=site/harbour/timelinejs.json")
    tab.wait_for_function("window.state.loaded", timeout=30_000)
    dates = tab.locator(".tl-slide:not(.tl-slide-titleslide) .tl-headline-date")
    assert "between 2 and 6 May 2025" in dates.all_inner_texts()
    assert "Apr 2025 (uncertain)" in dates.all_inner_texts()
    # One day of several spans its range on the time axis, the others are points.
    assert tab.locator(".tl-timemarker.tl-timemarker-with-end").count() == 1
    assert tab.problems == []


@pytest.mark.parametrize("path", ["", "riverland/", "harbour/timeline/", "harbour/actors/navy/",
                                  "harbour/sources/"])
def test_pages_carry_json_ld_data_links_and_the_feed(tab: Any, served: str, path: str) -> None:
    tab.goto(f"{served}site/{path}")
    blocks = tab.evaluate("[...document.querySelectorAll('script[type=\"application/ld+json\"]')]"
                          ".map(s => JSON.parse(s.textContent))")
    assert len(blocks) == 1 and blocks[0]["@context"] == "https://schema.org"
    feed = tab.locator('head link[rel=alternate][type="application/atom+xml"]')
    xml = _get(tab, feed.evaluate("link => link.href"))
    assert tab.evaluate("xml => new DOMParser().parseFromString(xml, 'application/xml')"
                        ".documentElement.localName", xml) == "feed"
    links = tab.locator(".briefing-data a")
    if path:
        assert links.all_inner_texts() == ["JSON", "events", "claims", "TimelineJS"]
        assert [tab.get_by_role("link", name=n).count() for n in (
            "JSON of the whole briefing", "events as CSV", "claims as CSV",
            "TimelineJS timeline (JSON)")] == [1, 1, 1, 1]
        assert tab.locator(".briefing-data").is_visible()
        for href in links.evaluate_all("links => links.map(a => a.href)"):
            assert _get(tab, href)
    else:
        assert links.count() == 0
    assert tab.problems == []


def _get(tab: Any, url: str) -> str:
    """The text at `url`, fetched as the page would fetch it."""
    response = tab.request.get(url)
    assert response.status == 200, url
    return str(response.text())

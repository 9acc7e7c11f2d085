"""What readers get, in real Chromium at a phone's width (390 px) and a desk's (1280 px):
pictures with text beside them, a timeline to scan and filter, sources to check, the
age of what they read, a desk view of every briefing, a print version, and pages that
axe-core finds accessible in light and dark mode, none of them asking another host
for anything.

The site holds the bundled briefing and the `harbour` fixture (claims, commitments,
uncertain dates), which needs no review until 2099.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest
from node import AXE_CORE, AXE_CORE_SHA256, npm_package

from browser import chromium, serve
from conftest import bundled_project

pytestmark = pytest.mark.browser

SEED = "afpak-ceasefire-talks"
PAGE_TYPES = ["", f"{SEED}/", f"{SEED}/timeline/", f"{SEED}/actors/", f"{SEED}/actors/taliban/",
              f"{SEED}/stakes/", f"{SEED}/commitments/", f"{SEED}/sources/", f"{SEED}/print/",
              "harbour/", "harbour/timeline/", "harbour/commitments/", "harbour/actors/rebels/",
              "404.html", "fr/", f"fr/{SEED}/", f"fr/{SEED}/translations/", f"fa-af/{SEED}/",
              f"fa-af/{SEED}/timeline/", f"fa-af/{SEED}/actors/", f"fa-af/{SEED}/places/",
              f"fa-af/{SEED}/print/"]
"""Every kind of page the site has, on the bundled briefing and on the fixture, and the
bundled briefing's in French and (right to left) in Dari."""
WIDTHS = [390, 1280]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("readers")
    project = bundled_project(root, harbour=True)
    project.edit("content/harbour/briefing.yml", "as_of: 2025-06-15",
                 "as_of: 2025-06-15\nreview_by: 2099-01-01\nregion: Coast\ntags: [blockade]")
    result = project.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as instance:
        yield instance


def tab(browser: Any, site: str, width: int, **options: Any) -> Any:
    """A new page that records requests leaving the site and console errors."""
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    page = context.new_page()
    page.outside, page.errors = [], []
    page.on("request", lambda r: r.url.startswith((site, "data:")) or page.outside.append(r.url))
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_loads_only_from_the_site_without_errors(browser: Any, site: str,
                                                                  width: int) -> None:
    page = tab(browser, site, width)
    for path in PAGE_TYPES:
        page.goto(site + path, wait_until="networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if (path, width) != KNOWN_OVERFLOW:
            assert overflow <= 0, (path, overflow)
    assert page.outside == [] and page.errors == []
    page.context.close()


KNOWN_OVERFLOW = (f"fa-af/{SEED}/print/", 390)
"""A known defect, not yet found: on a phone, the Dari print version scrolls sideways by one
pixel; the overflow is in Material's content box itself (it stays with every element of
the article hidden) and only on this page. The test below fails once it is fixed."""


@pytest.mark.xfail(strict=True, reason="known: the Dari print version is 1 px too wide")
def test_the_dari_print_version_fits_a_phone(browser: Any, site: str) -> None:
    page = tab(browser, site, KNOWN_OVERFLOW[1])
    page.goto(site + KNOWN_OVERFLOW[0], wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_core_finds_nothing_serious_on_any_page_type(browser: Any, site: str, width: int,
                                                         scheme: str) -> None:
    script = (npm_package(AXE_CORE) / "axe.min.js").read_bytes()
    assert hashlib.sha256(script).hexdigest() == AXE_CORE_SHA256, "not the pinned axe-core"
    axe = script.decode("utf-8")
    # The site's Content-Security-Policy would (rightly) refuse the test's own script.
    page = tab(browser, site, width, color_scheme=scheme, bypass_csp=True)
    found = []
    for path in PAGE_TYPES:
        page.goto(site + path)
        page.add_script_tag(content=axe)
        violations = page.evaluate("""async () => (await axe.run(document))
            .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))""")
        found += [f"{path or 'home'}: {v}" for v in violations]
    assert found == []
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_pictures_are_drawn_without_script_with_words_for_screen_readers(
        browser: Any, site: str, width: int) -> None:
    page = tab(browser, site, width, java_script_enabled=False)
    page.goto(f"{site}{SEED}/")
    strip = page.locator("figure.picture-frame--strip .strip[role=img]")
    # Up to the last day the latest event may be: Türkiye's welcome, by 31 October.
    assert re.fullmatch(r"Timeline of 13 events, from 2021 to 31 Oct 2025; 1 agreement "
                        r"making 1 commitment", strip.get_attribute("aria-label") or "")
    assert page.locator("figure.picture-frame--strip figcaption").inner_text() != ""
    marks = strip.locator("g.pic-mark--event, g.pic-mark--agreement")
    assert marks.count() == 13
    page.goto(f"{site}{SEED}/actors/")
    relations = page.locator("figure.picture-frame--relations .relations[role=img]")
    assert "7 relations;" in (relations.get_attribute("aria-label") or "")
    page.goto(f"{site}harbour/actors/")
    relations = page.locator("figure.picture-frame--relations .relations[role=img]")
    assert "2 relations, 1 of them past" in (relations.get_attribute("aria-label") or "")
    assert relations.locator(".relations__link--past").count() == 1
    assert relations.locator(".relations__link--past").inner_text() == "supported →"
    # The same relations in words, right below, in the tense the picture draws.
    words = page.locator("h2#how-they-relate + ul").inner_text()
    assert "Marovia Supported Harbour Front from 2019 until c. 2023" in words
    page.goto("harbour/".join([site, ""]))
    matrix = page.locator("h2#who-wants-what + div.matrix table, h2#who-wants-what + table")
    assert matrix.count() == 1
    assert matrix.locator("a[href*='sources/#']").count() >= 2
    page.context.close()


FITS = """figure => {
  const frame = figure.getBoundingClientRect();
  const words = [...figure.querySelectorAll(
    '.strip__label, .strip__legend li, .relations__actor, .relations__word')]
    .filter(w => w.textContent.trim());
  return {
    outside: words.filter(w => {
      const box = w.getBoundingClientRect();
      return box.left < frame.left - 0.5 || box.right > frame.right + 0.5;
    }).map(w => w.textContent),
    cut: words.filter(w => w.scrollWidth > w.clientWidth + 1).map(w => w.textContent),
    smallest: Math.min(...words.map(w => parseFloat(getComputedStyle(w).fontSize))),
    scrolls: figure.scrollWidth > figure.clientWidth + 1,
  };
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", [f"{SEED}/", f"{SEED}/timeline/", f"{SEED}/actors/",
                                  "harbour/", "harbour/actors/"])
def test_every_word_of_a_picture_fits_inside_it_at_a_readable_size(
        browser: Any, site: str, width: int, path: str) -> None:
    page = tab(browser, site, width)
    page.goto(site + path)
    for figure in page.locator("figure.picture-frame").all():
        fits = figure.evaluate(FITS)
        assert fits["outside"] == [] and fits["cut"] == [] and not fits["scrolls"], fits
        assert fits["smallest"] >= 12, fits
    # Relations between the same two actors lie apart, one line each.
    for pair in page.locator(".relations__pair").all():
        boxes = [link.bounding_box() for link in pair.locator(".relations__link").all()]
        for above, below in itertools.pairwise(boxes):
            assert above["y"] + above["height"] <= below["y"] + 0.5
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_timeline_reads_by_date_and_filters_by_actor_and_kind(browser: Any, site: str,
                                                                  width: int) -> None:
    page = tab(browser, site, width)
    page.goto(f"{site}{SEED}/timeline/")
    days = page.locator(".timeline__day")
    first_day = days.first.locator("h2").inner_text()
    assert first_day.startswith("2021")
    page.get_by_label("Order", exact=True).select_option("new")
    assert days.first.locator("h2").inner_text().startswith("25 Oct 2025")
    page.get_by_label("Actor", exact=True).select_option(label="India")
    visible = page.locator(".timeline__event:visible h3")
    assert [t.rstrip("¶") for t in visible.all_inner_texts()] == [
        "Taliban foreign minister on an official visit to India"]
    page.get_by_label("Actor", exact=True).select_option("")
    page.get_by_label("Kind", exact=True).select_option("talks")
    assert [t.rstrip("¶") for t in visible.all_inner_texts()] == [
        "Second round of talks opens in Istanbul", "First round of talks in Doha"]
    assert page.get_by_text("2 of 13 events shown").is_visible()
    assert page.errors == []
    page.context.close()


def test_without_script_the_timeline_shows_every_event_oldest_first(browser: Any,
                                                                     site: str) -> None:
    page = tab(browser, site, 1280, java_script_enabled=False)
    page.goto(f"{site}{SEED}/timeline/")
    assert page.locator(".timeline__event:visible").count() == 13
    assert page.locator(".reader-controls").count() == 0
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_home_page_is_a_desk_of_briefings_by_freshness_with_filters(
        browser: Any, site: str, width: int) -> None:
    page = tab(browser, site, width)
    page.goto(site)
    titles = page.locator(".desk__item h2").all_inner_texts()
    assert [t.rstrip("¶") for t in titles] == [
        "Afghanistan-Pakistan ceasefire talks in Doha and Istanbul", "Harbour blockade"]
    seed, harbour = page.locator(".desk__item").nth(0), page.locator(".desk__item").nth(1)
    assert seed.get_by_text("May be out of date").is_visible()   # as of Oct 2025
    assert not harbour.get_by_text("May be out of date").is_visible()  # review by 2099
    assert "Latest: Second round of talks opens in Istanbul, 25 Oct 2025" in seed.inner_text()
    page.get_by_label("Region", exact=True).select_option("Coast")
    assert page.locator(".desk__item:visible h2").count() == 1
    page.get_by_label("Region", exact=True).select_option("")
    page.get_by_label("Tag", exact=True).select_option("ceasefire")
    assert [t.rstrip("¶") for t in page.locator(".desk__item:visible h2").all_inner_texts()] \
        == ["Afghanistan-Pakistan ceasefire talks in Doha and Istanbul"]
    page.context.close()


LAYOUT_SHIFTS = """window.layoutShift = 0;
new PerformanceObserver(list => list.getEntries().forEach(entry => {
  if (!entry.hadRecentInput) window.layoutShift += entry.value;
})).observe({type: "layout-shift", buffered: true});"""
"""Adds up the page's cumulative layout shift, as Lighthouse measures it."""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["", f"{SEED}/", f"{SEED}/timeline/", "harbour/commitments/"])
def test_pages_do_not_jump_as_their_script_adds_ages_filters_and_search(
        browser: Any, site: str, width: int, path: str) -> None:
    """What script adds after load takes its room from the start: the filters and the
    search button are in the page already, and an age is written at build time."""
    page = tab(browser, site, width, is_mobile=width < 600, has_touch=width < 600)
    page.add_init_script(LAYOUT_SHIFTS)
    page.goto(site + path)
    page.wait_for_load_state("networkidle")
    page.locator("button.briefing-search__open").wait_for()
    # Lighthouse calls under 0.1 good; the home page measured 0.2 with its filters added
    # by script, and the timeline's controls (still added by script) move it by 0.01.
    assert page.evaluate("window.layoutShift") < 0.05
    if path == "":
        assert page.get_by_label("Status", exact=True).is_visible()
        # The age the build wrote is the one the reader's script writes (on the same day).
        built = re.findall(r'data-age-of="[^"]*">([^<]*)<', page.request.get(site).text())
        shown = page.locator(".desk__item .briefing-age").all_inner_texts()
        assert built == shown and all(age.startswith(", ") for age in shown), (built, shown)
    page.context.close()


def test_without_script_the_home_page_has_no_dead_controls(browser: Any, site: str) -> None:
    page = tab(browser, site, 390, java_script_enabled=False)
    page.goto(site)
    assert page.locator("[data-desk-controls]").count() == 1
    assert not page.locator("[data-desk-controls]").is_visible()
    assert page.locator("[data-desk-controls]").bounding_box() is None  # no empty room
    assert not page.locator("button.briefing-search__open").is_visible()
    assert page.locator(".desk__item").count() == 2
    page.context.close()


def test_the_age_of_a_briefing_is_counted_in_the_readers_browser(browser: Any,
                                                                 site: str) -> None:
    page = tab(browser, site, 1280)
    page.goto(f"{site}{SEED}/")
    age = page.locator(".briefing-header .briefing-age").inner_text()
    assert re.fullmatch(r", (\d+ (days|weeks|months|years) ago|last (week|month|year))", age)
    assert page.locator(".briefing-stale").is_visible()
    page.goto(f"{site}harbour/")
    assert not page.locator(".briefing-stale").is_visible()
    page.context.close()


def test_sources_name_the_archived_text_by_its_checksum(browser: Any, site: str) -> None:
    page = tab(browser, site, 1280)
    page.goto(f"{site}{SEED}/sources/")
    text = page.locator("article").inner_text()
    assert "Based on 1 source: The Post News." in text
    assert ("Archived text of this The Post News piece (between 25 and 31 Oct 2025); the "
            "quotes that cite it are checked against it. SHA-256: "
            "c6f6a6f8e68a151c5c22e7997966007627cc80375b2ae983da508e555fe2a185") in text
    assert "000_7f0ac1c740230a90.txt" not in page.content()
    page.context.close()


def test_the_print_version_holds_the_whole_briefing_on_paper(browser: Any, site: str) -> None:
    page = tab(browser, site, 1280)
    page.goto(f"{site}{SEED}/print/")
    facts = page.locator(".print-facts").inner_text()
    assert f"{site}{SEED}/print/" in facts and "As of 25 Oct 2025" in facts
    assert re.search(r"Printed \d{1,2} \w{3} \d{4}", facts)
    page.emulate_media(media="print")
    assert page.locator(".print-event").count() >= 13 + 15 + 4
    assert page.evaluate("""() => [...document.querySelectorAll('.print-event')]
        .every(e => getComputedStyle(e).breakInside === 'avoid')""")
    headings = page.locator("article h2").all_inner_texts()
    assert [h.rstrip("¶") for h in headings[:6]] == [
        "Key points", "Background", "Where", "Timeline", "Commitments", "Actors"]
    # No phrase that only makes sense as a link.
    assert page.get_by_text("All 13 events on the timeline").count() == 0
    assert page.get_by_role("link", name="Details").count() == 0
    assert len(page.pdf(format="A4")) > 20_000
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_print_version_prints_light_says_its_title_once_and_keeps_headings_with_text(
        browser: Any, site: str, scheme: str) -> None:
    import io
    import statistics

    import pypdf

    page = tab(browser, site, 1280, color_scheme=scheme)
    page.goto(f"{site}{SEED}/print/")
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print", color_scheme=scheme)
    # Light on paper whatever the screen's scheme: the page, its margins and its pictures.
    assert page.evaluate("""() => [getComputedStyle(document.documentElement).backgroundColor,
        getComputedStyle(document.documentElement).colorScheme,
        getComputedStyle(document.body).backgroundColor]""") == [
        "rgb(255, 255, 255)", "light", "rgb(255, 255, 255)"]
    assert page.evaluate("""() => getComputedStyle(document.querySelector('.pic-day')).fill""") \
        == "rgb(57, 73, 171)"
    # An event's heading and text are one block that never breaks (see the test above);
    # the others: sections, actors, stakes.
    headings = [" ".join(h.rstrip("¶").split()) for h in page.evaluate(
        """() => [...document.querySelectorAll('article h2, article h3')]
            .filter(h => !h.closest('.print-event')).map(h => h.innerText)""")]
    pdf = page.pdf(format="A4", print_background=True)
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    title = "Afghanistan-Pakistan ceasefire talks in Doha and Istanbul"
    assert " ".join(pages[0].split()).count(title) == 1
    # No page ends on a heading whose text is on the next.
    for number, text in enumerate(pages[:-1], 1):
        last = [line.strip() for line in text.splitlines() if line.strip()][-1]
        assert last not in headings, (number, last)
    # The first page is as full as the others.
    assert len(pages[0]) >= 0.6 * statistics.median(len(text) for text in pages)
    page.context.close()


def test_citations_are_read_out_with_their_source(browser: Any, site: str) -> None:
    page = tab(browser, site, 1280)
    page.goto(f"{site}{SEED}/timeline/")
    citation = page.get_by_role("link", name="Source 1: The Post News").first
    assert citation.inner_text() == "[1]"
    assert page.locator('bdi[lang="ur"]').count() == 0  # native names are on actor pages
    page.goto(f"{site}{SEED}/actors/pakistan/")
    assert page.locator('bdi[lang="ur"]').inner_text() == "پاکستان"
    assert page.locator('time[datetime="2025-10-25"]').count() >= 1
    page.context.close()


@pytest.mark.parametrize(("timezone", "shown"), [("America/New_York", False), ("UTC", True)])
def test_the_out_of_date_notice_goes_by_the_readers_own_date(
        browser: Any, site: str, timezone: str, shown: bool) -> None:
    """At 22:00 on 1 January 2099 in New York it is already the 2nd in UTC: a briefing to
    be reviewed by 1 January is not yet overdue there."""
    page = tab(browser, site, 1280, timezone_id=timezone)
    page.clock.set_fixed_time("2099-01-02T03:00:00Z")
    page.goto(site)
    harbour = page.locator(".desk__item").nth(1)
    assert harbour.get_by_text("May be out of date").is_visible() is shown
    page.context.close()

"""What a reader does with the bundled briefing, in real headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from browser import RESULT_LINKS, chromium, results_for, search_for, serve
from conftest import bundled_project

SLUG = "afpak-ceasefire-talks"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bundled briefing built with `mkdocs build --strict` and served on localhost."""
    root = tmp_path_factory.mktemp("site")
    result = bundled_project(root).mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser: Any, site: str) -> Iterator[Any]:
    """A fresh page that records every request that leaves the site, and every console error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.outside = []
    tab.errors = []
    tab.missing = []
    tab.on("request", lambda r: r.url.startswith(site) or r.url.startswith("data:")
           or tab.outside.append(r.url))
    tab.on("response", lambda r: r.status >= 400 and tab.missing.append(r.url))
    tab.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    context.close()


def search(page: Any, site: str, query: str) -> list[tuple[str, str]]:
    """Open search on the home page, type `query`; the (page title, href) of each result."""
    page.goto(site)
    page.locator("button.briefing-search__open").click()
    return search_for(page, query)


@pytest.mark.parametrize(("query", "title", "path"), [
    ("TTP", "Tehreek-i-Taliban Pakistan", f"{SLUG}/actors/ttp/"),
    ("Pakistani Taliban", "Tehreek-i-Taliban Pakistan", f"{SLUG}/actors/ttp/"),
    ("Zabihullah Mujahid", "Zabihullah Mujahid", f"{SLUG}/actors/zabihullah-mujahid/"),
    ("Andrabi", "Tahir Hussain Andrabi", f"{SLUG}/actors/tahir-andrabi/"),
    ("Crisis Group", "International Crisis Group", f"{SLUG}/actors/crisis-group/"),
])
def test_search_finds_an_actor_by_any_name_and_the_result_opens_its_page(
        page: Any, site: str, query: str, title: str, path: str) -> None:
    results = search(page, site, query)
    assert results[0] == (title, "/" + path), results
    page.locator(f'a.pagefind-ui__result-link[href="/{path}"]').first.click()
    page.wait_for_url(site + path)
    assert page.locator("article h1").inner_text().rstrip("¶") == title
    assert page.outside == [] and page.errors == []


def test_a_name_typed_in_one_go_is_searched_once_and_a_pause_searches_what_is_typed(
        page: Any, site: str) -> None:
    """Pagefind fetches a piece of every part of the index for each term it is handed:
    it hears the words when typing pauses, not every prefix of a name as it is typed."""
    page.goto(site)
    page.locator("button.briefing-search__open").click()
    box = page.locator("input.pagefind-ui__search-input")
    box.wait_for()
    page.evaluate("""() => {
        const box = document.querySelector('input.pagefind-ui__search-input');
        window.__heard = [];
        box.addEventListener('input', () => window.__heard.push(box.value));
    }""")
    box.focus()
    page.keyboard.type("Andrabi")
    assert results_for(page, "Andrabi")[0][0] == "Tahir Hussain Andrabi"
    assert page.evaluate("window.__heard") == ["Andrabi"]
    # Typing on after a pause searches again, for all that is typed.
    page.keyboard.type(" Tahir")
    assert results_for(page, "Andrabi Tahir") != []
    assert page.evaluate("window.__heard") == ["Andrabi", "Andrabi Tahir"]
    assert page.outside == [] and page.errors == []


@pytest.mark.parametrize(("query", "title"), [
    ("ذبیح‌الله", "Zabihullah Mujahid"),
    ("پاکستان", "Pakistan"),
    ("भारत", "India"),
])
def test_search_finds_a_native_name_in_its_own_script(page: Any, site: str, query: str,
                                                      title: str) -> None:
    titles = [t for t, _ in search(page, site, query)]
    assert title in titles[:2], titles
    assert page.outside == [] and page.errors == []


@pytest.mark.parametrize("path", ["", f"{SLUG}/", f"{SLUG}/timeline/", f"{SLUG}/actors/",
                                  f"{SLUG}/actors/taliban/", f"{SLUG}/stakes/",
                                  f"{SLUG}/sources/", "404.html"])
def test_no_page_asks_another_host_for_anything(page: Any, site: str, path: str) -> None:
    page.goto(site + path)
    page.wait_for_load_state("networkidle")
    assert page.outside == []
    assert page.errors == []
    # Nor for a file the site does not publish (Material's search worker, say).
    assert page.missing == []


def test_a_missing_address_gets_a_way_home_and_a_search_for_its_words(
        page: Any, site: str) -> None:
    response = page.goto(f"{site}{SLUG}/actors/taliban-government/")
    assert response.status == 404
    assert page.locator("article h1").inner_text().rstrip("¶") == "Page not found"
    field = page.get_by_role("searchbox", name="Search the briefings")
    assert field.input_value() == "taliban government"
    page.get_by_role("search", name="Search the briefings").get_by_role("button").click()
    results = page.locator(RESULT_LINKS)
    results.first.wait_for()
    assert "Taliban" in " ".join(results.all_inner_texts())
    page.keyboard.press("Escape")
    page.get_by_role("link", name="Go to the list of briefings").click()
    page.wait_for_url(site)
    assert page.locator("article h1").inner_text().rstrip("¶") == "Briefings"
    # The only thing missing was the address itself (which Chromium logs as an error).
    assert page.missing == [f"{site}{SLUG}/actors/taliban-government/"]
    assert len(page.errors) == 1 and "404" in page.errors[0]


def test_the_home_page_links_its_feed_where_readers_see_it(page: Any, site: str) -> None:
    page.goto(site)
    link = page.get_by_role("link", name="Atom feed")
    assert link.is_visible() and link.get_attribute("href") == "feed.xml"
    assert page.request.get(site + "feed.xml").headers["content-type"].startswith(
        ("application/atom+xml", "application/xml", "text/xml"))


def test_a_citation_leads_to_its_source(page: Any, site: str) -> None:
    page.goto(f"{site}{SLUG}/timeline/")
    page.locator('a[href="../sources/#post-news-istanbul-talks"]').first.click()
    page.wait_for_url(f"{site}{SLUG}/sources/#post-news-istanbul-talks")
    assert page.locator("#post-news-istanbul-talks").is_visible()


def test_briefing_pages_link_to_each_other_from_the_nav(page: Any, site: str) -> None:
    page.goto(f"{site}{SLUG}/")
    nav = page.locator("nav.md-nav--primary")
    for label in ("Overview", "Timeline", "Actors", "Stakes", "Sources"):
        assert nav.get_by_role("link", name=label, exact=True).count() >= 1, label
    nav.get_by_role("link", name="Stakes", exact=True).first.click()
    page.wait_for_url(f"{site}{SLUG}/stakes/")


def test_phone_reader_sees_status_and_page_links_without_sideways_scrolling(
        browser: Any, site: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    tab = context.new_page()
    for path in (f"{SLUG}/", f"{SLUG}/stakes/", f"{SLUG}/actors/tahir-andrabi/"):
        tab.goto(site + path)
        assert tab.locator(".briefing-status").is_visible()
        assert tab.locator(".briefing-header__pages").is_visible()
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
    context.close()


def test_printed_page_keeps_the_briefing_and_drops_the_chrome(page: Any, site: str) -> None:
    page.goto(f"{site}{SLUG}/")
    page.emulate_media(media="print")
    visible = page.evaluate("""() => Object.fromEntries(
        ['.md-header', '.md-sidebar--primary', '.md-search', '.briefing-header__pages',
         '.briefing-header', 'article h1', '.md-footer'].map(s => {
            const e = document.querySelector(s);
            return [s, !!e && getComputedStyle(e).display !== 'none'
                          && e.getBoundingClientRect().height > 0];
        }))""")
    assert visible == {".md-header": False, ".md-sidebar--primary": False, ".md-search": False,
                       ".briefing-header__pages": False, ".briefing-header": True,
                       "article h1": True, ".md-footer": False}
    assert len(page.pdf(format="A4")) > 10_000


def test_pages_have_a_language_one_heading_and_labelled_landmarks(page: Any, site: str) -> None:
    for path in (f"{SLUG}/", f"{SLUG}/timeline/", f"{SLUG}/actors/ttp/"):
        page.goto(site + path)
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("article h1").count() == 1
        assert page.locator("header.briefing-header").get_attribute("aria-label")
        assert page.locator("img:not([alt])").count() == 0

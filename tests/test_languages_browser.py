"""The bundled site's editions in real Chromium: search finds each language's pages in that
language only (actors by their translated names too), and right-to-left pages draw every
letter of Dari and Pashto in the font the site ships, asking no other host for anything."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from browser import chromium, serve
from conftest import bundled_project

pytestmark = pytest.mark.browser

SLUG = "afpak-ceasefire-talks"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("languages")
    project = bundled_project(root)
    result = project.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as running:
        yield running


def search(browser: Any, site: str, path: str, query: str, *, none: bool = False) -> list[str]:
    """The addresses of the result pages for `query`, searched from the page at `path`, once
    Pagefind has said (in the page's language) what it found and shown it (`none`: once
    it has said that it found nothing)."""
    tab = browser.new_page()
    outside: list[str] = []
    tab.on("request", lambda r: r.url.startswith((site, "data:")) or outside.append(r.url))
    tab.goto(site + path)
    tab.locator("button.briefing-search__open").click()
    box = tab.locator("input.pagefind-ui__search-input")
    box.wait_for()
    box.focus()
    tab.keyboard.insert_text(query)
    tab.wait_for_function(
        "([q, none]) => { const m = document.querySelector('.pagefind-ui__message');"
        " const shown = document.querySelectorAll('.pagefind-ui__result-link').length;"
        " return m && m.textContent.includes(q) && (none ? shown === 0 : shown > 0)"
        " && !document.querySelector('.pagefind-ui__results .pagefind-ui__loading') }",
        arg=[query, none], timeout=30_000)
    links = tab.locator(".pagefind-ui__result > .pagefind-ui__result-inner > "
                        ".pagefind-ui__result-title > a.pagefind-ui__result-link")
    found = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    tab.close()
    assert outside == []
    return found


def test_search_on_a_french_page_finds_french_pages_only(browser: Any, site: str) -> None:
    found = search(browser, site, f"fr/{SLUG}/", "pourparlers")
    assert found and all(url.startswith("/fr/") for url in found)
    assert f"/fr/{SLUG}/timeline/" in found


def test_an_actor_is_found_by_its_translated_name(browser: Any, site: str) -> None:
    assert search(browser, site, f"fr/{SLUG}/", "Turquie")[0] == f"/fr/{SLUG}/actors/turkiye/"
    # The English pages know no French name.
    assert search(browser, site, f"{SLUG}/", "Turquie", none=True) == []


def test_search_on_a_dari_page_finds_dari_pages(browser: Any, site: str) -> None:
    found = search(browser, site, f"fa-af/{SLUG}/", "طالبان")
    assert found and all(url.startswith("/fa-af/") for url in found)
    assert f"/fa-af/{SLUG}/actors/taliban/" in found


DARI_AND_PASHTO = "پچژگکیۀ" + "ړږښځډټېۍئ"
"""Letters of Dari and Pashto beyond Arabic's; Pashto's are the ones fonts most often lack."""


def test_right_to_left_pages_draw_every_letter_of_dari_and_pashto(browser: Any,
                                                                   site: str) -> None:
    tab = browser.new_page()
    tab.goto(f"{site}fa-af/{SLUG}/")
    assert tab.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "fa-AF", "rtl"]
    # Each letter drawn in the page's own font, against what a letter no font has (a
    # private-use code point) draws: a missing glyph would draw exactly that box.
    missing = tab.evaluate("""async letters => {
        const family = getComputedStyle(document.body).fontFamily;
        await document.fonts.load(`24px ${family}`, letters);
        const draw = text => {
            const canvas = document.createElement('canvas');
            canvas.width = 48; canvas.height = 48;
            const context = canvas.getContext('2d');
            context.font = `24px ${family}`;
            context.fillText(text, 8, 32);
            return Array.from(context.getImageData(0, 0, 48, 48).data).join();
        };
        const none = draw('\\ue000');
        return Array.from(letters).filter(letter => draw(letter) === none || !/[1-9]/.test(
            draw(letter)));
    }""", DARI_AND_PASHTO)
    assert missing == []
    loaded = tab.evaluate("Array.from(document.fonts).filter(f => f.status === 'loaded')"
                          ".map(f => f.family)")
    assert '"Briefing Arabic"' in loaded or "Briefing Arabic" in loaded
    tab.close()


def test_a_right_to_left_page_mirrors_its_layout_and_keeps_latin_names_left_to_right(
        browser: Any, site: str) -> None:
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.goto(f"{site}fa-af/{SLUG}/")
    content = tab.locator("article.md-content__inner").bounding_box()
    sidebar = tab.locator(".md-sidebar--primary").bounding_box()
    assert sidebar["x"] > content["x"]  # the site's nav on the right, as Persian reads
    # A paragraph still in English reads left to right, marked as English.
    paragraph = tab.locator("p:has(> span.untranslated[lang='en'])").first
    assert paragraph.evaluate("p => getComputedStyle(p).direction") == "ltr"
    tab.close()

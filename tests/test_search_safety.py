"""Search results and suggestions show hostile text as text: nothing from YAML runs in a
reader's browser."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest

from browser import chromium, search_for, serve
from conftest import Project

HOSTILE = '<img src=x onerror="alert(1)"> Militia'

pytestmark = pytest.mark.browser


@contextlib.contextmanager
def searching(project: Project, militia: str) -> Iterator[tuple[Any, str, list[str]]]:
    """The project with the militia's name lines replaced by `militia`, built without
    the CSP (which would stop an injected script anyway: this tests the escaping
    itself) and served, with search open in Chromium: the page, the site's address
    and the messages of every dialog that opens."""
    project.edit("content/riverland/actors.yml", "    name: South Bank Militia", militia)
    project.edit("mkdocs.yml", "      seeds_dir: seeds", "      seeds_dir: seeds\n      csp: false")
    result = project.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    with serve(project.root / "site") as url, chromium() as browser:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url)
        page.locator("button.briefing-search__open").click()
        yield page, url, dialogs


def test_hostile_names_in_search_results_stay_text(project: Project) -> None:
    militia = f"    name: '{HOSTILE}'\n    aliases: ['<script>alert(2)</script>']"
    with searching(project, militia) as (page, url, dialogs):
        titles = [title for title, _ in search_for(page, "onerror")]
        assert any(HOSTILE in title for title in titles), titles
        # The alias holds a script element: it is found, and shown as text.
        assert search_for(page, "alert") != []
        assert page.locator(".pagefind-ui__results :is(img, script)").count() == 0
        page.goto(url + "riverland/actors/militia/")
        assert dialogs == []
        assert page.locator("article h1").inner_text().rstrip("¶") == HOSTILE


def test_hostile_names_in_suggestions_stay_text(project: Project) -> None:
    """A misspelt search offers the nearest names, inserted as text, links to the site only."""
    militia = (f"    name: '{HOSTILE}'\n    aliases: ['<script>alert(2)</script> Bankers']\n"
               "    native_name: '<b onclick=alert(3)>\u202eميليشيا</b>'")
    with searching(project, militia) as (page, url, dialogs):
        suggested = page.locator(".briefing-search__suggestions a")
        # Misspelt so that Pagefind finds nothing as typed: a swapped vowel, two swapped
        # letters, and the Persian keyboard's yeh for the Arabic one.
        for query, label in (("Militai", None), ("Bnakers", "<script>alert(2)</script> Bankers"),
                             ("میلیشیا", "<b onclick=alert(3)>\u202eميليشيا</b>")):
            search_for(page, query)
            page.locator(f'.briefing-search__forgive[data-query="{query}"]').wait_for()
            suggested.first.wait_for()
            assert suggested.first.inner_text() == HOSTILE
            assert suggested.first.get_attribute("href") == url + "riverland/actors/militia/"
            also = page.locator(".briefing-search__also")
            assert (also.first.inner_text() if also.count() else None) == label
            live = page.locator(".briefing-search__forgive :is(img, script, b, iframe, svg)")
            assert live.count() == 0, query
        assert dialogs == []

"""Search results show hostile text as text: nothing from YAML runs in a reader's browser."""

from __future__ import annotations

import pytest

from browser import chromium, search_for, serve
from conftest import Project

HOSTILE = '<img src=x onerror="alert(1)"> Militia'

pytestmark = pytest.mark.browser


def test_hostile_names_in_search_results_stay_text(project: Project) -> None:
    project.edit("content/riverland/actors.yml", "    name: South Bank Militia",
                 f"    name: '{HOSTILE}'\n    aliases: ['<script>alert(2)</script>']")
    # The CSP would stop an injected script anyway; turn it off to test the escaping itself.
    project.edit("mkdocs.yml", "      seeds_dir: seeds", "      seeds_dir: seeds\n      csp: false")
    result = project.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    with serve(project.root / "site") as url, chromium() as browser:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url)
        page.locator("button.briefing-search__open").click()
        titles = [title for title, _ in search_for(page, "onerror")]
        assert any(HOSTILE in title for title in titles), titles
        # The alias holds a script element: it is found, and shown as text.
        assert search_for(page, "alert") != []
        assert page.locator(".pagefind-ui__results :is(img, script)").count() == 0
        page.goto(url + "riverland/actors/militia/")
        assert dialogs == []
        assert page.locator("article h1").inner_text().rstrip("¶") == HOSTILE

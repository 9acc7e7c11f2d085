"""Search results show hostile text as text: nothing from YAML runs in a reader's browser."""

from __future__ import annotations

from typing import Any

from browser import chromium, serve
from conftest import Project

HOSTILE = '<img src=x onerror="alert(1)"> Militia'


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
        page.locator("input.pagefind-ui__search-input").wait_for()
        page.keyboard.insert_text("onerror")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
        titles: list[Any] = page.locator(".pagefind-ui__result-link").all_inner_texts()
        assert any(HOSTILE in title for title in titles), titles
        page.keyboard.press("Control+A")
        page.keyboard.insert_text("alert")
        page.wait_for_timeout(1500)
        assert page.locator(".pagefind-ui__result img, .pagefind-ui__result script").count() == 0
        page.goto(url + "riverland/actors/militia/")
        page.wait_for_load_state("load")
        assert dialogs == []
        assert page.locator("article h1").inner_text().rstrip("¶") == HOSTILE

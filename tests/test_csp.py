"""The built site works under its Content-Security-Policy, and the policy stops strays."""

from __future__ import annotations

from typing import Any

import pytest

from generator.csp import policy_for_site

from browser import chromium, serve
from conftest import Project

PAGES = ["", "riverland/", "riverland/timeline/", "riverland/actors/council/", "notes/"]


@pytest.fixture
def built(project: Project) -> Project:
    # A hand-written page with raw HTML: editors' Markdown pages are trusted, but even so
    # a script in one must not run under the policy.
    project.write("content/notes.md", "# Notes\n\n<script>window.strayScriptRan = true</script>\n")
    result = project.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    return project


def visit(browser: Any, url: str) -> dict[str, Any]:
    tab = browser.new_page()
    problems: list[str] = []
    tab.on("console", lambda m: m.type == "error" and problems.append(m.text))
    tab.on("pageerror", lambda e: problems.append(str(e)))
    tab.goto(url)
    tab.wait_for_load_state("load")
    tab.locator("button.briefing-search__open").click()
    tab.locator("input.pagefind-ui__search-input").wait_for()
    tab.keyboard.insert_text("militia")
    tab.wait_for_selector(".pagefind-ui__result", timeout=15_000)
    state = {"problems": problems,
             "stray": tab.evaluate("window.strayScriptRan === true"),
             "theme_ran": tab.evaluate("typeof __md_get === 'function'")}
    tab.close()
    return state


def test_every_page_carries_its_policy_in_a_meta_tag(built: Project) -> None:
    for page in PAGES:
        html = (built.root / "site" / page / "index.html").read_text(encoding="utf-8")
        assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; ' \
               "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in html, page
    assert "Content-Security-Policy" in (built.root / "site/404.html").read_text()


@pytest.mark.parametrize("as_header", [True, False], ids=["header", "meta-only"])
def test_site_works_under_the_policy_and_a_stray_script_does_not_run(
        built: Project, as_header: bool) -> None:
    site = built.root / "site"
    headers = {"Content-Security-Policy": policy_for_site(site)} if as_header else {}
    with serve(site, headers) as url, chromium() as browser:
        for page in PAGES:
            state = visit(browser, url + page)
            refusals = [p for p in state["problems"] if "Content Security Policy" in p]
            if page == "notes/":
                assert state["stray"] is False
                assert len(refusals) == (2 if as_header else 1)  # header and meta both refuse
                continue
            assert state == {"problems": [], "stray": False, "theme_ran": True}, page


def test_csp_command_prints_the_header_policy(built: Project, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from generator import cli

    monkeypatch.chdir(built.root)
    assert cli.main(["csp", "site"]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed == policy_for_site(built.root / "site")
    assert printed.startswith("default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-")
    assert printed.endswith("; frame-ancestors 'none'")

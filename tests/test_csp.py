"""The built site works under its Content-Security-Policy, and the policy stops strays."""

from __future__ import annotations

from typing import Any

import pytest

from generator.publish.csp import policy_for_site

from browser import chromium, search_for, serve
from conftest import Project, make_project

pytestmark = pytest.mark.slow

PAGES = ["", "riverland/", "riverland/timeline/", "riverland/actors/council/", "notes/"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("csp"))
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
    tab.locator("button.briefing-search__open").click()
    assert search_for(tab, "militia") != []
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


@pytest.mark.browser
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
    from generator.cli.main import main as run_cli

    monkeypatch.chdir(built.root)
    assert run_cli(["csp", "site"]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed == policy_for_site(built.root / "site")
    assert printed.startswith("default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-")
    assert printed.endswith("; frame-ancestors 'none'")


def test_the_policy_is_made_after_every_other_plugin_has_changed_the_page(
        project: Project) -> None:
    """A later plugin or hook that adds a script (a minifier rewriting them, say) still
    gets its script allowed: the policy hashes the page as it is finally written."""
    from generator.publish.csp import inline_script_hashes

    project.write("hooks.py", "def on_post_page(output, page, config):\n    return output"
                  ".replace('</body>', '<script>window.late = 1</script></body>')\n")
    project.edit("mkdocs.yml", "plugins:", "hooks:\n  - hooks.py\nplugins:")
    assert project.mkdocs("build", "--strict").returncode == 0
    html = (project.root / "site/riverland/index.html").read_text(encoding="utf-8")
    late = inline_script_hashes("<script>window.late = 1</script>")[0]
    policy = html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"')[0]
    assert late in policy.split()


def test_the_policy_allows_the_pages_own_scripts_and_nothing_it_cannot_see() -> None:
    from generator.publish.csp import inline_script_hashes, with_meta_policy

    theme = "<script>var theme = 1</script>"
    page = ('<html><head><meta charset="utf-8">'
            f'{theme}<script src="a.js"></script><script type="application/ld+json">{{}}'
            '</script><scripts>not one</scripts></head><body><article>'
            '<script>window.stray = 1</script><SCRIPT>window.loud = 1</SCRIPT>'
            '</article></body></html>')
    allowed = with_meta_policy(page, "<script>window.stray = 1</script>"
                               "<SCRIPT>window.loud = 1</SCRIPT>")
    policy = allowed.split('content="', 1)[1].split('"')[0]
    scripts = policy.split("script-src ", 1)[1].split(";")[0].split()
    assert [h for h in scripts if h.startswith("'sha256-")] == inline_script_hashes(theme)
    # Written in capitals, a script is not seen, so it is not allowed: too strict, never lax.
    assert inline_script_hashes("<SCRIPT>window.loud = 1</SCRIPT>") == []
    assert allowed.startswith('<html><head><meta charset="utf-8">\n      <meta http-equiv=')

"""A way out of MkDocs: the content outlives MkDocs 1.6.1 and Material for MkDocs.

ProperDocs, the maintained fork of MkDocs 1.x, builds this repository's own
`mkdocs.yml` with the `briefing` plugin, in an environment from which MkDocs
itself has been removed. Zensical builds the Markdown tree that `render --out`
writes, with the configuration docs/way-out.md gives, and `python -m generator
publish` puts what it built in place with search, the Content-Security-Policy and
the one-step swap. What differs is in docs/way-out.md.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import REPO, bundled_project, make_project

BIN = Path(sys.executable).parent
SEED_TITLE = "Afghanistan-Pakistan ceasefire talks in Doha and Istanbul"

pytestmark = pytest.mark.slow


def pin(name: str) -> str:
    """The exact requirement pyproject.toml's test extras give for `name`."""
    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"][
        "optional-dependencies"]["test"]
    (found,) = [r for r in extras if r.split("==")[0] == name]
    return str(found)


def seed_site(root: Path) -> Path:
    """This repository's site as it is: mkdocs.yml, overrides/, content/ and seeds/."""
    bundled_project(root)
    return root


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", XDG_CACHE_HOME=str(cwd / "xdg-cache"))
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          check=False, timeout=900)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# ProperDocs

@pytest.fixture(scope="session")
def properdocs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment with ProperDocs and this project, and without MkDocs: pip
    installs everything from PyPI, then MkDocs (which Material and this project name as
    a dependency) is removed. Returns its `bin` folder."""
    venv = tmp_path_factory.mktemp("properdocs") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin/python"), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, pin("properdocs"), "-e", str(REPO)], check=True, timeout=900)
    subprocess.run([str(venv / "bin/python"), "-m", "pip", "uninstall", "-q", "-y", "mkdocs"],
                   check=True)
    return venv / "bin"


def test_properdocs_without_mkdocs_builds_the_seed_site(properdocs: Path,
                                                        tmp_path: Path) -> None:
    assert run([str(properdocs / "python"), "-c", "import mkdocs"], tmp_path).returncode == 1
    root = seed_site(tmp_path)
    result = run([str(properdocs / "properdocs"), "build", "--strict", "-f", "mkdocs.yml"], root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    home = read(site / "index.html")
    assert '<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2">' \
        in home
    assert SEED_TITLE in home
    overview = read(site / "afpak-ceasefire-talks/index.html")
    assert '<header class="briefing-header"' in overview  # the theme's partial
    assert 'http-equiv="Content-Security-Policy"' in overview  # the plugin's policy
    assert "Bottom line:" in overview
    assert "Second round of talks opens in Istanbul" in read(
        site / "afpak-ceasefire-talks/timeline/index.html")
    assert "پاکستان" in read(site / "afpak-ceasefire-talks/actors/pakistan/index.html")
    assert (site / "afpak-ceasefire-talks/briefing.json").is_file()
    assert (site / "pagefind/pagefind.js").is_file()  # search, indexed by the plugin


def test_properdocs_builds_mkdocs_pages_byte_for_byte(properdocs: Path, tmp_path: Path) -> None:
    sites = {}
    for tool in ("mkdocs", "properdocs"):
        root = seed_site(tmp_path / tool)
        command = BIN / "mkdocs" if tool == "mkdocs" else properdocs / "properdocs"
        assert run([str(command), "build", "--strict", "-f", "mkdocs.yml"], root).returncode == 0
        sites[tool] = {p.relative_to(root / "site").as_posix(): p.read_bytes()
                       for p in (root / "site").rglob("*") if p.is_file()}
    assert sites["mkdocs"].keys() == sites["properdocs"].keys()
    generator = re.compile(rb'<meta name="generator" content="[^"]*">')
    differ = [path for path, data in sites["mkdocs"].items()
              if generator.sub(b"", data) != generator.sub(b"", sites["properdocs"][path])]
    assert differ == []


def test_properdocs_reports_content_errors_in_the_one_format(properdocs: Path,
                                                             tmp_path: Path) -> None:
    project = make_project(tmp_path)
    project.edit("content/riverland/timeline.yml", "actors: [militia]", "actors: [militia, ttp2]")
    result = run([str(properdocs / "properdocs"), "build", "-f", "mkdocs.yml"], project.root)
    assert result.returncode == 1
    assert re.findall(r"^(ERROR) +- +(.*)$", result.stderr, re.M) == [
        ("ERROR", "content/riverland/timeline.yml:15:23: events[1].actors[1]: unknown actor "
                  "'ttp2' (the actors are: council, militia)"),
        ("ERROR", "briefing: 1 error(s) in content; nothing was built and the site folder was "
                  "left as it was")]


# Zensical

WAY_OUT = read(REPO / "docs/way-out.md")


def zensical_config() -> str:
    """The zensical.toml docs/way-out.md gives."""
    return WAY_OUT.split("```toml\n", 1)[1].split("```", 1)[0]


def zensical_commands() -> list[str]:
    """The commands docs/way-out.md gives for Zensical, from render to publish."""
    block = WAY_OUT.split("```toml\n", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def zensical_route(root: Path) -> None:
    """Build and publish `root` (a copy of the seed site) as docs/way-out.md says, with
    this environment's .venv/bin."""
    (root / "zensical.toml").write_text(zensical_config(), encoding="utf-8")
    for command in zensical_commands():
        args = command.split()
        assert args[0].startswith(".venv/bin/"), command
        result = run([str(BIN / args[0].removeprefix(".venv/bin/")), *args[1:]], root)
        assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"


def test_zensical_builds_the_rendered_tree_as_the_docs_say(tmp_path: Path) -> None:
    root = seed_site(tmp_path)
    zensical_route(root)
    site = root / "build/site"
    home = read(site / "index.html")
    assert re.search(r'<meta name="generator" content="zensical-[\d.]+">', home)
    assert SEED_TITLE in home
    overview = read(site / "afpak-ceasefire-talks/index.html")
    assert '<header class="briefing-header"' in overview
    assert "Bottom line:" in overview
    assert "Content-Security-Policy" not in overview  # the plugin's; Zensical has none
    assert "Second round of talks opens in Istanbul" in read(
        site / "afpak-ceasefire-talks/timeline/index.html")
    assert "پاکستان" in read(site / "afpak-ceasefire-talks/actors/pakistan/index.html")
    assert (site / "afpak-ceasefire-talks/briefing.json").is_file()


def test_publish_gives_zensicals_site_search_and_the_policy_and_leaves_its_folder(
        tmp_path: Path) -> None:
    from generator.publish.pagefind import check_index

    root = seed_site(tmp_path)
    zensical_route(root)
    built, site = root / "build/site", root / "site"
    assert not (built / "pagefind").exists()  # what Zensical wrote is left as it was
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html"))
    assert pages == sorted(p.relative_to(built) for p in built.rglob("*.html"))
    for page in pages:
        assert read(site / page).count('http-equiv="Content-Security-Policy"') == 1, page
    files = check_index(site / "pagefind")
    assert "pagefind.js" in files and "parts.json" in files
    printed = run([str(BIN / "python"), "-m", "generator", "csp", "site"], root)
    assert printed.returncode == 0 and "'sha256-" in printed.stdout
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site.")) == []


def test_a_publish_that_fails_leaves_the_published_site_as_it_was(tmp_path: Path) -> None:
    from faults import snapshot

    root = seed_site(tmp_path)
    zensical_route(root)
    before = snapshot(root / "site")
    refresh = '<meta http-equiv="refresh" content="0; url=https://example.org/">'
    overview = root / "build/site/afpak-ceasefire-talks/index.html"
    overview.write_text(read(overview).replace("<head>", f"<head>{refresh}", 1),
                        encoding="utf-8")
    failed = run([str(BIN / "python"), "-m", "generator", "publish", "build/site"], root)
    assert (failed.returncode, failed.stdout) == (1, "")
    assert failed.stderr == ("error: 1 page(s) carry a <meta http-equiv>, which could send "
                             "readers elsewhere: afpak-ceasefire-talks/index.html; remove it\n")
    assert snapshot(root / "site") == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site.")) == []


@pytest.mark.browser
def test_search_works_on_the_published_zensical_site(tmp_path: Path) -> None:
    from browser import chromium, search_for, serve

    root = seed_site(tmp_path)
    zensical_route(root)
    with serve(root / "site") as url, chromium() as browser:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text)
                if message.type == "error" else None)
        page.goto(url)
        page.locator("button.briefing-search__open").click()
        found = search_for(page, "Islamabad")
        assert found[0] == ("Pakistan", "/afpak-ceasefire-talks/actors/pakistan/")
        # The search's names index is among the rendered files, so search forgives here too.
        assert search_for(page, "Najib") == []
        suggestion = page.locator(".briefing-search__suggestions a").first
        assert suggestion.inner_text() == "Mawlawi Rahmatullah Najeeb"
        assert errors == []  # nothing the policy refused


def test_zensical_reads_the_briefing_text_as_mkdocs_does(tmp_path: Path) -> None:
    """With the README's extensions, every page's article is MkDocs' article, but for
    the form of relative links (`../actors/x/` for `x/`) and blank lines."""
    root = seed_site(tmp_path)
    assert run([str(BIN / "mkdocs"), "build", "--strict"], root).returncode == 0
    (root / "zensical.toml").write_text(zensical_config(), encoding="utf-8")
    assert run([str(BIN / "python"), "-m", "generator", "render", "--out", "build/docs"],
               root).returncode == 0
    assert run([str(BIN / "zensical"), "build", "-f", "zensical.toml"], root).returncode == 0
    pages = sorted(p.relative_to(root / "site") for p in (root / "site").rglob("index.html"))
    assert pages == sorted(p.relative_to(root / "build/site")
                           for p in (root / "build/site").rglob("index.html"))
    assert Path("afpak-ceasefire-talks/actors/pakistan/index.html") in pages
    for page in pages:
        assert _words(root / "site", page) == _words(root / "build/site", page), page


def _words(site: Path, page: Path) -> list[str]:
    """A page's article as words, each link replaced by its target from the site's root."""
    article = read(site / page).split('<article class="md-content__inner md-typeset">', 1)[1] \
        .split("</article>", 1)[0].replace('<a id="__skip" tabindex="-1"></a>', "")

    def link(match: re.Match[str]) -> str:
        href = match.group(1)
        if not re.match(r"[a-z]+:|#", href):
            path, _, anchor = href.partition("#")
            href = os.path.normpath(page.parent / path) + (f"#{anchor}" if anchor else "")
        return f" [{href}] "

    # The same character may be escaped two ways (`&#39;` by Jinja, `&#x27;` by Zensical's).
    return html.unescape(re.sub(r'<a [^>]*href="([^"]*)"[^>]*>', link, article)).split()

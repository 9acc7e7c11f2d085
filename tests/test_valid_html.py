"""Every page is valid HTML: the W3C's Nu HTML Checker (the validator behind
validator.w3.org/nu, from npm's vnu-jar, run with Debian's Java) reports no error on any
page of a site of the bundled briefing and the `harbour` and `border-truce` fixtures
(times of day, reported events and figures, an ongoing ceasefire), Material's own partials
included."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from node import VNU_JAR, VNU_JAR_SHA256, npm_package

from conftest import FIXTURES, bundled_project

pytestmark = pytest.mark.browser  # needs npm and Java, as the browser tests need npm


def validator_errors(site: Path) -> list[str]:
    """Each error the Nu HTML Checker finds in the site's pages, as "page:line: message"."""
    jar = npm_package(VNU_JAR) / "build/dist/vnu.jar"
    assert hashlib.sha256(jar.read_bytes()).hexdigest() == VNU_JAR_SHA256
    java = shutil.which("java")
    assert java is not None, "the browser tests need Java to run the HTML validator"
    pages = sorted(str(p) for p in site.rglob("*.html"))
    found = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json",
                            *pages], capture_output=True, text=True, timeout=600)
    messages = json.loads(found.stderr or found.stdout)["messages"]
    return [f"{Path(m['url'].removeprefix('file:')).relative_to(site)}:{m.get('lastLine')}: "
            f"{m['message']}" for m in messages]


def test_every_page_of_a_built_site_is_valid_html(tmp_path: Path) -> None:
    project = bundled_project(tmp_path, harbour=True)
    shutil.copytree(FIXTURES / "border-truce", project.content / "border-truce")
    result = project.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    # Every kind of page: home, 404, overview, timeline, actors, an actor, stakes,
    # commitments, sources, print.
    assert len(list(site.rglob("*.html"))) > 30
    assert validator_errors(site) == []


def test_material_s_hidden_checkboxes_lose_the_autocomplete_html_forbids_on_them() -> None:
    from generator.mkdocs.theme import valid_markup

    page = ('<body><input class="md-toggle" data-md-toggle="drawer" type="checkbox" '
            'id="__drawer" autocomplete="off"><input class="md-toggle" '
            'data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
            '<input type="text" autocomplete="off"><p>autocomplete="off"></p></body>')
    assert valid_markup(page) == page.replace(' id="__drawer" autocomplete="off">',
                                              ' id="__drawer">', 1).replace(
        ' id="__search" autocomplete="off">', ' id="__search">', 1)
    # Only whole tags of Material's checkboxes: not a page's own text or fields.
    unclosed = '<input class="md-toggle" <b autocomplete="off">'
    assert valid_markup(unclosed) == unclosed
    assert valid_markup("<p>no toggles</p>") == "<p>no toggles</p>"


def test_the_theme_s_templates_are_mended_once_as_they_load_not_on_each_page() -> None:
    import jinja2

    from generator.mkdocs.theme import valid_templates

    base = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
            'autocomplete="off">{{ body }}')
    env = jinja2.Environment(loader=jinja2.DictLoader({"base.html": base}))
    valid_templates(env)
    valid_templates(env)  # once is enough: a second call changes nothing
    page = env.get_template("base.html").render(body='autocomplete="off">')
    assert page == ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" '
                    'id="__drawer">autocomplete="off">')


def test_templates_compiled_by_one_build_are_not_compiled_again_unless_edited(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs makes a Jinja environment for every build; under `mkdocs serve` the plugin
    keeps what the last one compiled, so a rebuild does not compile the theme again."""
    import jinja2

    from generator.mkdocs.theme import CompiledTemplates, valid_templates

    compiled: list[str] = []
    compile_source = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None,
                 *args: object, **kwargs: object) -> object:
        compiled.append(name or "")
        return compile_source(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    sources = {"main.html": "<p>{{ page }}</p>"}
    kept = CompiledTemplates()

    def build(page: str) -> str:
        env = jinja2.Environment(loader=jinja2.DictLoader(sources))
        valid_templates(env, kept)
        return env.get_template("main.html").render(page=page)

    assert build("one") == "<p>one</p>" and compiled == ["main.html"]
    assert build("two") == "<p>two</p>" and compiled == ["main.html"]
    sources["main.html"] = "<div>{{ page }}</div>"  # an override edited while serving
    assert build("three") == "<div>three</div>" and compiled == ["main.html", "main.html"]

    # An environment that compiles differently (another extension, after mkdocs.yml
    # changed) compiles again rather than run code compiled for another.
    env = jinja2.Environment(loader=jinja2.DictLoader(sources), extensions=["jinja2.ext.do"])
    valid_templates(env, kept)
    assert env.get_template("main.html").render(page="four") == "<div>four</div>"
    assert compiled == ["main.html"] * 3

"""Editions in other languages (SPEC, third edition: `languages`, `translations/<lang>.yml`).

Each translation records the text it was made from; readers see how far it trails the
original, never a superseded fact, and never a number or a link the original does not
give. The translator's tools add what is missing and show what changed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from generator.cli.main import main as run_cli
from generator.content.translations import numbers

from conftest import REPO, Project

TODAY = dt.date(2025, 7, 1)


@pytest.fixture
def bilingual(project: Project) -> Project:
    """The riverland project in English, French and Dari, with no translation yet."""
    project.edit("mkdocs.yml", "      seeds_dir: seeds\n",
                 "      seeds_dir: seeds\n      languages: [en, fr, fa-AF]\n")
    return project


def cli(project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(project.root)
    status = run_cli(["--no-cache", *args])
    out, err = capsys.readouterr()
    return status, out, err


def translation(project: Project, lang: str) -> dict[str, dict[str, str]]:
    path = project.content / "riverland" / "translations" / f"{lang}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["fields"]


def translate(project: Project, lang: str, texts: dict[str, str],
              sources: dict[str, str] | None = None) -> None:
    """Fill in translations of riverland (as a translator does, after `translate`)."""
    path = project.content / "riverland" / "translations" / f"{lang}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for address, text in texts.items():
        data["fields"][address]["text"] = text
    for address, source in (sources or {}).items():
        data["fields"][address]["source"] = source
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def pages(project: Project) -> dict[str, str]:
    """Every file the build renders, by path."""
    from generator.build.pipeline import ContentLoader
    from generator.build.site_pages import SitePages
    from generator.cli.config import read_config

    settings = read_config(project.root, None).settings
    content = ContentLoader(project.root, project.content, project.seeds,
                            options=settings.page_options).load(TODAY, render=True)
    assert not [p for p in content.all_problems() if p.severity == "error"], \
        [str(p) for p in content.all_problems()]
    return SitePages(settings.languages).pages(content, TODAY)[0]


def problems(project: Project) -> list[str]:
    from generator.build.pipeline import ContentLoader
    from generator.cli.config import read_config

    options = read_config(project.root, None).settings.page_options
    return [str(p) for p in ContentLoader(project.root, project.content, project.seeds,
                                          options=options).load(TODAY).all_problems()]


# The translator's tools

def test_translate_writes_every_translatable_field_with_its_source_and_an_empty_text(
        bilingual: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(bilingual, monkeypatch, capsys, "translate", "riverland", "fr")
    assert status == 0
    fields = translation(bilingual, "fr")
    assert list(fields)[:3] == ["briefing.title", "briefing.summary", "briefing.key_points.0"]
    assert fields["events.clashes.title"] == {"source": "Clashes on the bridge", "text": ""}
    # A quote is never translated; its rendering, shown beside it, is.
    assert fields["actors.council.quotes.0.translation"]["source"] == \
        "talks will resume next week"
    assert "relations.council.negotiates-with.militia.summary" in fields
    assert not any(a.endswith((".id", ".date", ".sources")) for a in fields)
    text = (bilingual.content / "riverland/translations/fr.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../generator/schemas/"
                           "translation.schema.json\n")
    assert "17 fields: 17 added, 0 outdated, 17 to translate" in out


def test_translate_keeps_what_is_translated_and_shows_how_the_source_changed(
        bilingual: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    cli(bilingual, monkeypatch, capsys, "translate", "riverland", "fr")
    translate(bilingual, "fr", {"events.clashes.title": "Affrontements sur le pont"})
    bilingual.edit("content/riverland/timeline.yml", "title: Clashes on the bridge",
                   "title: Clashes on the old bridge")
    status, out, _ = cli(bilingual, monkeypatch, capsys, "translate", "riverland", "fr")
    assert status == 0
    assert translation(bilingual, "fr")["events.clashes.title"] == {
        "source": "Clashes on the bridge", "text": "Affrontements sur le pont"}
    assert "fields.events.clashes.title: outdated" in out
    assert "Clashes on the {+old +}bridge" in out
    assert "0 added, 1 outdated" in out


def test_translate_refuses_a_language_the_site_does_not_have(
        bilingual: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = cli(bilingual, monkeypatch, capsys, "translate", "riverland", "de")
    assert status == 1
    assert "'de' is not one of the site's other languages (fr, fa-AF)" in err


def test_translations_prints_each_briefings_status_per_language(
        bilingual: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    cli(bilingual, monkeypatch, capsys, "translate", "riverland", "fr")
    translate(bilingual, "fr", {"briefing.title": "Cessez-le-feu au Riverland"})
    status, out, _ = cli(bilingual, monkeypatch, capsys, "translations")
    assert status == 0
    assert out == ("riverland: fr 1/17 current, 0 outdated, 16 missing; "
                   "fa-AF 0/17 current, 0 outdated, 17 missing\n")


# Checks that keep the facts

@pytest.mark.parametrize(("source", "text", "accepted"), [
    ("12 soldiers killed", "۱۲ soldats tués", True),
    ("12 soldiers killed", "12 soldats tués", True),
    ("1,200 displaced", "1 200 déplacés", True),
    ("1,200 displaced", "۱٬۲۰۰ آواره", True),
    ("1.5 million displaced", "1,5 million de déplacés", True),
    ("1.5 million displaced", "۱٫۵ میلیون آواره", True),
    ("1.5 million displaced", "15 millions de déplacés", False),
    ("In 2025, 12 soldiers", "En 2025, 12 soldats", True),
    ("12 soldiers killed", "13 soldats tués", False),
    ("12 soldiers killed", "des soldats tués", False),
    ("Talks on 25 October", "Pourparlers le 25 octobre 2025", False),
])
def test_numbers_are_compared_across_scripts_and_groupings(source: str, text: str,
                                                           accepted: bool) -> None:
    assert (numbers(source) == numbers(text)) is accepted


def test_a_translation_that_changes_a_number_a_link_or_its_markdown_is_a_located_error(
        bilingual: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    bilingual.edit("content/riverland/timeline.yml", "summary: Fighting at the bridge.",
                   "summary: Fighting at the bridge left 12 dead ([report](https://example.org/r)).")
    cli(bilingual, monkeypatch, capsys, "translate", "riverland", "fr")
    translate(bilingual, "fr", {
        "events.clashes.summary": "Les combats au pont ont fait 13 morts "
                                  "([rapport](https://example.org/autre)).",
        "events.clashes.title": "Affrontements sur le *pont*",
        "stakes.bridge.summary": "Qui tient le seul passage. <b>Important</b>",
    })
    found = [p for p in problems(bilingual) if "translations/fr.yml" in p and "warning" not in p]
    assert len(found) == 4
    assert re.search(r"translations/fr\.yml:\d+:\d+: fields\.events\.clashes\.summary\.text: the "
                     r"translation's numbers differ from its source's \(the source has 12; the "
                     r"translation has 13\)", found[0] + found[1] + found[2] + found[3])
    joined = "\n".join(found)
    assert "links to ['https://example.org/autre'], its source to ['https://example.org/r']" \
        in joined
    assert ("fields.events.clashes.title.text: '*pont*' is not allowed here: this field is "
            "plain text, where Markdown is not read") in joined
    assert "fields.stakes.bridge.summary.text: '<b>' is not allowed here" in joined


def test_an_address_that_names_no_field_is_an_error_with_a_suggestion(
        bilingual: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    bilingual.write("content/riverland/translations/fr.yml",
                    "fields:\n  events.clashes.titel:\n    source: Clashes on the bridge\n"
                    "    text: Affrontements sur le pont\n")
    assert ("content/riverland/translations/fr.yml:2:3: fields.events.clashes.titel: no "
            "translatable field has the address 'events.clashes.titel' (did you mean "
            "'events.clashes.title'?)") in problems(bilingual)


def test_outdated_and_missing_fields_fail_strict_only_with_translations_strict(
        bilingual: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    cli(bilingual, monkeypatch, capsys, "translate", "riverland", "fr")
    cli(bilingual, monkeypatch, capsys, "translate", "riverland", "fa-AF")
    status, _, err = cli(bilingual, monkeypatch, capsys, "check", "--strict")
    assert status == 0
    assert "fr.yml:1:1: warning: 17 of 17 fields not translated yet" in err
    bilingual.edit("mkdocs.yml", "      languages: [en, fr, fa-AF]\n",
                   "      languages: [en, fr, fa-AF]\n      translations_strict: true\n")
    status, _, err = cli(bilingual, monkeypatch, capsys, "check", "--strict")
    assert status == 1


def test_a_language_the_cldr_does_not_know_is_refused(
        bilingual: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    bilingual.edit("mkdocs.yml", "languages: [en, fr, fa-AF]", "languages: [en, xx-QQ]")
    status, _, err = cli(bilingual, monkeypatch, capsys, "check")
    assert status == 1
    assert "languages: 'xx-QQ' is not a language the Unicode CLDR knows" in err


def test_a_briefing_may_not_take_a_language_code_as_its_slug(bilingual: Project) -> None:
    (bilingual.content / "riverland").rename(bilingual.content / "fr")
    assert any("'fr' is one of the site's language codes, whose pages are under /fr/" in p
               for p in problems(bilingual))


# Pages per language

def test_every_page_has_an_edition_under_the_languages_folder(bilingual: Project) -> None:
    files = pages(bilingual)
    english = sorted(p.removeprefix("riverland/") for p in files if p.startswith("riverland/"))
    assert "translations.md" in english
    for prefix in ("fr/", "fa-af/"):
        assert sorted(p.removeprefix(f"{prefix}riverland/") for p in files
                      if p.startswith(f"{prefix}riverland/")) == english
        assert f"{prefix}index.md" in files and f"{prefix}feed.xml" in files


def test_a_page_names_its_language_direction_and_every_edition_with_its_status(
        bilingual: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    cli(bilingual, monkeypatch, capsys, "translate", "riverland", "fr")
    fields = translation(bilingual, "fr")
    translate(bilingual, "fr", {a: f"[fr] {f['source']}" for a, f in fields.items()})
    bilingual.edit("content/riverland/timeline.yml", "title: Clashes on the bridge",
                   "title: Clashes on the old bridge")
    files = pages(bilingual)
    front = _front_matter(files["riverland/timeline.md"])
    assert (front["lang"], front["dir"]) == ("en", "ltr")
    assert front["alternates"] == [
        ["en", "English", "riverland/timeline/", "original", "current"],
        ["fr", "Français", "fr/riverland/timeline/", "1 change behind", ""],
        ["fa-AF", "دری", "fa-af/riverland/timeline/", "partial: 0 of 17 fields translated",
         ""]]
    front = _front_matter(files["fa-af/riverland/timeline.md"])
    assert (front["lang"], front["dir"]) == ("fa-AF", "rtl")
    assert [code for code, *_, current in front["alternates"] if current] == ["fa-AF"]


def test_a_missing_field_shows_the_original_marked_with_its_language(
        bilingual: Project) -> None:
    page = pages(bilingual)["fr/riverland/timeline.md"]
    assert ('### <span class="untranslated" lang="en" dir="ltr" title="') in page
    assert ">Clashes on the bridge</span>" in page


def test_an_outdated_translation_shows_with_a_notice_and_a_changed_fact_never_shows(
        bilingual: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    bilingual.edit("content/riverland/timeline.yml", "summary: Fighting at the bridge.",
                   "summary: Fighting at the bridge left 12 dead.")
    cli(bilingual, monkeypatch, capsys, "translate", "riverland", "fr")
    translate(bilingual, "fr", {"events.clashes.title": "Affrontements sur le pont",
                                "events.clashes.summary": "Les combats au pont ont fait 12 morts."})
    bilingual.edit("content/riverland/timeline.yml", "title: Clashes on the bridge",
                   "title: Clashes on the old bridge")
    bilingual.edit("content/riverland/timeline.yml", "left 12 dead", "left 14 dead")
    files = pages(bilingual)
    page = files["fr/riverland/timeline.md"]
    # Only the wording changed: the translation shows, with its notice.
    assert re.search(r'<span class="translation-outdated" data-note="[^"]+">Affrontements sur '
                     r"le pont</span>", page)
    # A number changed: the original shows, marked, never the superseded 12.
    assert "12 morts" not in page
    assert re.search(r'<span class="untranslated" lang="en" dir="ltr" title="[^"]+">Fighting at '
                     r"the bridge left 14 dead\.</span>", page)
    status = files["fr/riverland/translations.md"]
    assert "`events.clashes.title`" in status and "`events.clashes.summary`" in status


def test_quotes_stay_verbatim_and_their_renderings_are_marked_as_translations(
        bilingual: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    cli(bilingual, monkeypatch, capsys, "translate", "riverland", "fr")
    translate(bilingual, "fr", {"actors.council.quotes.0.translation":
                                "les pourparlers reprendront la semaine prochaine"})
    page = pages(bilingual)["fr/riverland/actors/council.md"]
    assert '“<span lang="en" dir="ltr">talks will resume next week</span>”' in page
    assert ('<span class="quote-rendering"><span class="quote-rendering__label">Traduction'
            in page)
    assert "les pourparlers reprendront la semaine prochaine</span>" in page


def test_dates_statuses_and_headings_are_in_the_pages_language(bilingual: Project) -> None:
    files = pages(bilingual)
    overview = files["fr/riverland/index.md"]
    assert "## Points clés" in overview
    timeline = files["fr/riverland/timeline.md"]
    assert '<time datetime="2025-10-19">19 oct. 2025</time>' in timeline
    assert '<time datetime="2025-10">vers oct. 2025</time>' in timeline  # approximate
    assert "Statut" in _front_matter(overview)["briefing"]["labels"]["status"]
    assert "## نکات کلیدی" in files["fa-af/riverland/index.md"] or \
        "## Key points" not in files["fa-af/riverland/index.md"]


def test_the_status_page_lists_each_languages_current_outdated_and_missing_fields(
        bilingual: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    cli(bilingual, monkeypatch, capsys, "translate", "riverland", "fr")
    translate(bilingual, "fr", {"briefing.title": "Cessez-le-feu au Riverland"})
    page = pages(bilingual)["riverland/translations.md"]
    assert "## Français: partial: 1 of 17 fields translated {#lang-fr}" in page
    assert "1 of 17 fields current, 0 outdated, 16 missing." in page
    assert "- `events.clashes.title`" in page


def test_each_language_has_its_home_page_feed_and_data(bilingual: Project) -> None:
    files = pages(bilingual)
    feed = files["fr/feed.xml"]
    assert 'xml:lang="fr"' in feed and "Situation briefings (Français)" in feed
    data = json.loads(files["fa-af/riverland/briefing.json"])
    assert data["language"] == "fa-AF"
    assert data["translation"]["briefing.title"] == "missing"
    from test_exports import front_matter

    graph = front_matter(files, "fr/riverland/index.md")["jsonld"]["@graph"]
    report = next(node for node in graph if node.get("@type") == "Report")
    assert report["inLanguage"] == "fr"
    assert report["translationOfWork"] == {"@type": "Report", "@id": "riverland/#briefing"}
    assert report["@id"] == "fr/riverland/#briefing"


def test_a_site_in_one_language_is_as_it_was(project: Project) -> None:
    files = pages(project)
    assert not any(p.startswith(("fr/", "fa-af/")) for p in files)
    assert "riverland/translations.md" not in files
    assert "lang:" not in files["riverland/index.md"].split("---")[1]


def test_materials_base_template_still_writes_the_pages_language_as_the_override_expects() -> None:
    """overrides/partials/language.html gives each page its `lang` and `dir` through the
    key Material's base template prints in `<html lang="...">`; if that changes, so must
    the override."""
    import material

    base = (Path(material.__file__).parent / "templates/base.html").read_text()
    assert '<html lang="{{ lang.t(\'language\') }}" class="no-js">' in base
    assert '{% import "partials/language.html" as lang with context %}' in base
    assert 'config.theme.direction or lang.t("direction")' in base


def test_the_interface_strings_of_the_bundled_languages_are_complete() -> None:
    """Every interface string the templates and the code say has its French and Persian
    (Dari) wording, with the same placeholders; Pashto's too, for Material lacks it."""
    from generator.render.interface import interface_strings
    from generator.render.wording import catalog

    keys = interface_strings()
    assert len(keys) > 150
    for code in ("fr", "fa", "ps", "ar", "ur"):
        words = catalog(code)
        assert sorted(k for k in keys if not words.get(k)) == [], code
        for key in keys:
            assert set(re.findall(r"{\w+}", words[key])) == set(re.findall(r"{\w+}", key)), \
                (code, key)


def test_the_bundled_site_is_french_complete_and_dari_partial_on_purpose() -> None:
    from generator.build.pipeline import ContentLoader
    from generator.cli.config import read_config

    options = read_config(REPO, None).settings.page_options
    content = ContentLoader(REPO, REPO / "content", REPO / "seeds",
                            options=options).load(dt.date(2026, 1, 15))
    statuses = content.briefings["afpak-ceasefire-talks"].translations
    assert statuses["fr"].complete
    assert 40 < statuses["fa-AF"].current < statuses["fa-AF"].total
    note = yaml.safe_load((REPO / "content/afpak-ceasefire-talks/translations/fa-AF.yml")
                          .read_text(encoding="utf-8"))["note"]
    assert "عمداً" in note  # "on purpose"


def _front_matter(page: str) -> dict:
    return yaml.safe_load(page.split("---\n")[1])


def test_diff_tells_how_each_translation_moved(bilingual: Project,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from test_diff import commit, init_repository

    cli(bilingual, monkeypatch, capsys, "translate", "riverland", "fr")
    translate(bilingual, "fr", {"events.clashes.title": "Affrontements sur le pont"})
    init_repository(bilingual, monkeypatch)
    translate(bilingual, "fr", {"briefing.title": "Cessez-le-feu au Riverland"})
    bilingual.edit("content/riverland/timeline.yml", "title: Clashes on the bridge",
                   "title: Clashes on the old bridge")
    commit(bilingual, "second")
    status, out, _ = cli(bilingual, monkeypatch, capsys, "diff", "HEAD~1", "HEAD")
    assert status == 0
    assert "  translation into fr: translated: briefing.title\n" in out
    assert "  translation into fr: fell behind: events.clashes.title\n" in out
    translate(bilingual, "fr", {"events.clashes.title": "Affrontements sur le vieux pont"},
              {"events.clashes.title": "Clashes on the old bridge"})
    status, out, _ = cli(bilingual, monkeypatch, capsys, "diff", "HEAD")
    assert out.endswith("  translation into fr: brought up to date: events.clashes.title\n")


def test_new_refuses_a_language_code_and_says_how_to_translate(
        bilingual: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = cli(bilingual, monkeypatch, capsys, "new", "fa-af")
    assert status == 1
    assert "'fa-af' is one of the site's language codes, whose pages are under /fa-af/" in err
    status, out, _ = cli(bilingual, monkeypatch, capsys, "new", "sahel-coup")
    assert status == 0
    assert ("then, for its fr edition: '.venv/bin/python -m generator translate sahel-coup fr'"
            in out)


@pytest.mark.slow
def test_a_language_material_lacks_gets_the_strings_shipped_for_it(bilingual: Project) -> None:
    """Pashto: Material has no interface strings for it; overrides/partials/languages/ps.html
    gives them, and the page is right to left."""
    bilingual.edit("mkdocs.yml", "languages: [en, fr, fa-AF]", "languages: [en, ps]")
    result = bilingual.mkdocs("build")
    assert result.returncode == 0, result.stderr
    page = (bilingual.root / "site/ps/riverland/index.html").read_text(encoding="utf-8")
    assert '<html lang="ps" dir="rtl" class="no-js">' in page
    shipped = (REPO / "overrides/partials/languages/ps.html").read_text(encoding="utf-8")
    skip = re.search(r'"action.skip": "([^"]+)"', shipped)
    assert skip and skip.group(1) in page
    english = (bilingual.root / "site/riverland/index.html").read_text(encoding="utf-8")
    assert '<html lang="en" dir="ltr" class="no-js">' in english and "Skip to content" in english


@pytest.mark.slow
def test_the_sitemaps_list_each_pages_editions_for_search_engines(bilingual: Project) -> None:
    bilingual.edit("mkdocs.yml", "# site_url: https://briefings.example.org/",
                   "site_url: https://briefings.example.org/")
    result = bilingual.mkdocs("build")
    assert result.returncode == 0, result.stderr
    expected = ('<xhtml:link rel="alternate" hreflang="en" '
                'href="https://briefings.example.org/riverland/timeline/"/>\n'
                '         <xhtml:link rel="alternate" hreflang="fr" '
                'href="https://briefings.example.org/fr/riverland/timeline/"/>\n'
                '         <xhtml:link rel="alternate" hreflang="fa-AF" '
                'href="https://briefings.example.org/fa-af/riverland/timeline/"/>')
    root = (bilingual.root / "site/sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://briefings.example.org/fr/riverland/timeline/</loc>\n         " \
           + expected in root
    french = (bilingual.root / "site/fr/sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://briefings.example.org/fr/riverland/timeline/</loc>" in french
    assert 'hreflang="fa-AF" href="https://briefings.example.org/fa-af/riverland/timeline/"' \
        in french

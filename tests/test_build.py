"""End to end: real `mkdocs build` runs in tmp_path, and what the built site holds."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from conftest import Project, error_lines, make_project

pytestmark = pytest.mark.slow

PAGES = ["index.html", "riverland/index.html", "riverland/timeline/index.html",
         "riverland/actors/index.html", "riverland/actors/council/index.html",
         "riverland/actors/militia/index.html", "riverland/stakes/index.html",
         "riverland/sources/index.html", "riverland/briefing.json"]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def html(project: Project, page: str) -> str:
    return (project.root / "site" / page).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The fixture with a trend and a repository, built once with `--strict` for the tests
    that only read the site."""
    project = make_project(tmp_path_factory.mktemp("built"))
    project.edit("content/riverland/briefing.yml", "status: active",
                 "status: active\ntrend: steady")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text() + "repo_url: https://example.org/repo\n"
                      "edit_uri: edit/main/content/\n")
    result = project.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    assert error_lines(result.stderr) == []
    return project


def test_strict_build_makes_every_page_of_the_contract(built: Project) -> None:
    for page in PAGES:
        assert (built.root / "site" / page).is_file(), page


def test_yaml_is_not_published_but_briefing_json_is(built: Project) -> None:
    site = built.root / "site"
    assert [p.name for p in site.rglob("*.yml")] == []
    data = json.loads((site / "riverland/briefing.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 3
    assert data["slug"] == "riverland"
    assert data["briefing"]["as_of"] == "2025-10-25"
    assert data["briefing"]["trend"] == "steady"
    assert data["briefing"]["updates"] == []
    assert data["events"][1] == {
        "id": "clashes", "date": "2025-10", "end_date": None, "approximate": True,
        "time": None, "timezone": None,
        "title": "Clashes on the bridge", "summary": "Fighting at the bridge.", "kind": "clash",
        "actors": ["militia"], "location": None, "places": [], "sources": ["council-statement"],
        "claimed_by": [], "denied_by": [], "reported": False, "according_to": None,
        "commitments": [], "implements": []}
    assert data["claims"] == [] and data["places"] == []
    assert data["relations"][0]["from"] == "council"
    assert data["sources"][0]["kind"] == "official"


def test_claims_cite_sources_and_every_source_has_its_anchor(built: Project) -> None:
    sources = html(built, "riverland/sources/index.html")
    assert 'id="council-statement"' in sources
    timeline = html(built, "riverland/timeline/index.html")
    assert ('<a aria-labelledby="source-name-1" href="../sources/#council-statement">[1]</a>'
            in timeline)
    assert ('<span id="source-name-1" hidden data-pagefind-ignore>Source 1: River Council'
            '</span>') in timeline
    assert 'id="ceasefire"' in timeline and 'id="clashes"' in timeline


def test_timeline_sorts_by_span_and_prints_dates_at_their_precision(built: Project) -> None:
    # The article only: the head names events too, in its description and JSON-LD.
    timeline = html(built, "riverland/timeline/index.html").split("<article", 1)[1]
    # "2025-10" (approximate) starts on 1 October, before the ceasefire on 19 October.
    assert timeline.index("Clashes on the bridge") < timeline.index("Ceasefire agreed")
    assert '<h2 class="timeline__date" id="c-oct-2025"><time datetime="2025-10">c. Oct 2025' \
        '</time>' in timeline
    assert '<time datetime="2025-10-19">19 Oct 2025</time>' in timeline


def test_actor_page_lists_names_quotes_relations_events_and_stakes(built: Project) -> None:
    page = html(built, "riverland/actors/council/index.html")
    assert "Also known as: RC" in page
    assert "“talks will resume next week”" in page
    assert '<strong>Negotiates with</strong> <a href="../militia/">South Bank Militia</a>' in page
    assert '<a href="../../timeline/#ceasefire">Ceasefire agreed</a>' in page
    assert '<a href="../../stakes/#bridge">Control of the bridge</a>' in page


def test_actor_pages_stay_out_of_the_nav(built: Project) -> None:
    timeline = html(built, "riverland/timeline/index.html")
    nav = timeline[timeline.index('md-nav--primary'):timeline.index('md-sidebar--secondary')]
    assert "Timeline" in nav and "Sources" in nav
    assert "South Bank Militia" not in nav
    home = html(built, "index.html")
    home_nav = home[home.index('md-nav--primary'):home.index('md-sidebar--secondary')]
    assert "Timeline" not in home_nav  # each briefing's section shows on its own pages only


def test_header_shows_status_trend_and_as_of(built: Project) -> None:
    page = html(built, "riverland/stakes/index.html")
    assert "Status: <strong>Active</strong>" in page
    assert "Trend: <strong>Steady</strong>" in page
    assert 'As of <time datetime="2025-10-25">25 Oct 2025</time>' in page
    assert "<title>Stakes - Riverland ceasefire - Situation briefings</title>" in page


def test_a_trend_reads_the_same_everywhere(project: Project) -> None:
    project.edit("content/riverland/briefing.yml", "status: active",
                 "status: active\ntrend: de-escalating")
    assert project.mkdocs("build", "--strict").returncode == 0
    assert "Trend: <strong>De-escalating</strong>" in html(project, "riverland/stakes/index.html")
    assert ">De-escalating</span>" in html(project, "index.html")
    assert "· De-escalating ·" in html(project, "riverland/print/index.html")
    assert "De escalating" not in html(project, "index.html")


def test_only_what_pages_load_is_published(built: Project) -> None:
    """Material's own search (off: search is Pagefind's), source maps and the preview's
    script (for `serve`) are left out; the theme's script names no missing map."""
    site = built.root / "site"
    published = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert [name for name in published if name.endswith(".map")] == []
    assert [name for name in published if name.startswith(
        ("assets/javascripts/lunr/", "assets/javascripts/workers/"))] == []
    assert "assets/briefing-preview.js" not in published
    (bundle,) = site.glob("assets/javascripts/bundle.*.min.js")
    assert b"sourceMappingURL" not in bundle.read_bytes()
    assert bundle.read_bytes().rstrip().endswith(b"})();")


def test_material_search_keeps_its_files_when_switched_on(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("plugins:\n", "plugins:\n  - search\n", 1))
    assert project.mkdocs("build").returncode == 0
    assert list((project.root / "site/assets/javascripts/workers").glob("search.*.js"))
    assert (project.root / "site/search/search_index.json").is_file()


def test_edit_link_points_at_the_pages_yaml_file(built: Project) -> None:
    for page, yaml_file in [("riverland/timeline/index.html", "timeline.yml"),
                            ("riverland/actors/militia/index.html", "actors.yml"),
                            ("riverland/index.html", "briefing.yml")]:
        assert f'href="https://example.org/repo/edit/main/content/riverland/{yaml_file}"' \
            in html(built, page), page


def test_a_failed_build_leaves_the_last_good_site_exactly_as_it_was(project: Project) -> None:
    assert project.mkdocs("build", "--strict").returncode == 0
    before = snapshot(project.root / "site")
    project.edit("content/riverland/timeline.yml", "actors: [militia]", "actors: [militia, concil]")
    project.edit("content/riverland/briefing.yml", "status: active", "status: activ")
    for args in (["build"], ["build", "--strict"]):
        result = project.mkdocs(*args)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr + result.stdout
        assert error_lines(result.stderr) == [
            "ERROR: content/riverland/briefing.yml:5:9: status: expected one of 'active', "
            "'monitoring' or 'resolved' but received 'activ' (did you mean 'active'?)",
            "ERROR: content/riverland/timeline.yml:15:23: events[1].actors[1]: unknown actor "
            "'concil' (did you mean 'council'?)",
            "ERROR: briefing: 2 error(s) in content; nothing was built and the site folder "
            "was left as it was",
        ]
        assert snapshot(project.root / "site") == before


def test_strict_fails_on_a_warning_before_touching_the_site(project: Project) -> None:
    assert project.mkdocs("build").returncode == 0
    project.edit("content/riverland/sources.yml", "    kind: official",
                 "    kind: official\n  - id: unused\n    title: Unused\n    publisher: Nobody\n"
                 "    published: 2025\n    url: https://example.org/")
    lenient = project.mkdocs("build")
    assert lenient.returncode == 0
    warning = ("WARNING: content/riverland/sources.yml:8:9: sources[1].id: warning: source "
               "'unused' is never cited; cite it or remove it")
    assert error_lines(lenient.stderr) == [warning]
    after_lenient = snapshot(project.root / "site")
    strict = project.mkdocs("build", "--strict")
    assert strict.returncode == 1
    assert error_lines(strict.stderr) == [
        warning, "ERROR: briefing: 1 warning(s) in strict mode in content; nothing was built "
                 "and the site folder was left as it was"]
    assert snapshot(project.root / "site") == after_lenient


def test_stale_briefing_warns_shows_a_notice_and_still_builds_strict(project: Project) -> None:
    project.edit("content/riverland/briefing.yml", "as_of: 2025-10-25",
                 "as_of: 2025-10-25\nreview_by: 2025-11-01")
    result = project.mkdocs("build", "--strict")
    assert result.returncode == 0
    assert error_lines(result.stderr) == [
        "WARNING: content/riverland/briefing.yml:7:12: review_by: warning: briefing was due for "
        "review by 1 Nov 2025; review it, then move as_of and review_by"]
    page = html(project, "riverland/index.html")
    notice = re.search(r'<p class="briefing-stale" role="status" '
                       r'data-review-due="2025-11-01"( hidden)?>', page)
    assert notice is not None and notice.group(1) is None
    home = html(project, "index.html")
    assert re.search(r'<span class="badge badge--stale" data-review-due="2025-11-01">'
                     r'May be out of date</span>', home)


def test_fail_on_stale_option_makes_strict_fail(project: Project) -> None:
    project.edit("content/riverland/briefing.yml", "as_of: 2025-10-25",
                 "as_of: 2025-10-25\nreview_by: 2025-11-01")
    project.edit("mkdocs.yml", "      seeds_dir: seeds", "      seeds_dir: seeds\n"
                 "      fail_on_stale: true")
    result = project.mkdocs("build", "--strict")
    assert result.returncode == 1
    assert not (project.root / "site").exists()


def test_hand_written_pages_are_published_beside_briefings(project: Project) -> None:
    project.write("content/about.md", "# About us\n\nWe write briefings.\n")
    project.write("content/riverland/analysis.md", "# Our analysis\n\nMore to come.\n")
    result = project.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "We write briefings." in html(project, "about/index.html")
    assert "More to come." in html(project, "riverland/analysis/index.html")


def test_titles_are_escaped_in_title_tag_nav_and_headings(project: Project) -> None:
    project.edit("content/riverland/briefing.yml", "title: Riverland ceasefire",
                 "title: '<script>alert(1)</script> & <b>co</b>'")
    assert project.mkdocs("build", "--strict").returncode == 0
    for page in ("index.html", "riverland/index.html", "riverland/timeline/index.html"):
        text = html(project, page)
        assert "<script>alert(1)" not in text, page
        assert "<b>co</b>" not in text, page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;co&lt;/b&gt;" in \
        html(project, "riverland/timeline/index.html")


def test_building_twice_gives_identical_html(project: Project, tmp_path: Path) -> None:
    assert project.mkdocs("build", "--strict", "-d", str(tmp_path / "one")).returncode == 0
    assert project.mkdocs("build", "--strict", "-d", str(tmp_path / "two")).returncode == 0
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    # The sitemap carries the build date; everything else must be byte-identical.
    stamped = {"sitemap.xml", "sitemap.xml.gz"}
    assert {k: v for k, v in one.items() if k not in stamped} == \
        {k: v for k, v in two.items() if k not in stamped}


def test_focus_builds_one_briefing_and_publishes_no_yaml(project: Project) -> None:
    import shutil

    shutil.copytree(project.content / "riverland", project.content / "hillside")
    project.edit("mkdocs.yml", "      seeds_dir: seeds", "      seeds_dir: seeds\n"
                 "      focus: hillside")
    assert project.mkdocs("build", "--strict").returncode == 0
    site = project.root / "site"
    assert (site / "hillside/timeline/index.html").is_file()
    assert not (site / "riverland").exists()
    assert [p.name for p in site.rglob("*.yml")] == []


def test_actor_pages_open_their_briefings_nav_section(built: Project) -> None:
    page = html(built, "riverland/actors/militia/index.html")
    nav = page[page.index('md-nav--primary'):page.index('md-sidebar--secondary')]
    assert 'md-nav__item--active md-nav__item--nested' in nav
    assert "Timeline" in nav


def test_search_offers_a_briefing_filter_only_when_there_are_several(project: Project) -> None:
    import shutil

    project.mkdocs("build", "--strict")
    assert "data-pagefind-filter" not in html(project, "riverland/index.html")
    shutil.copytree(project.content / "riverland", project.content / "hillside")
    assert project.mkdocs("build", "--strict").returncode == 0
    assert 'data-pagefind-filter="briefing:hillside"' in html(project, "hillside/index.html")

"""Rebuilds that render only what changed, and always give a full build's site.

`mkdocs build --dirty`, and every rebuild under `mkdocs serve` (with no setting to
change), render again only the pages whose Markdown changed; when the site's shape
changes (a page added or removed, the nav, the configuration, the theme), the build
is a full one. Either way the site is exactly the site a full build makes.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, Project, error_lines, make_project
from faults import site_state

pytestmark = pytest.mark.slow

STAMPED = {"sitemap.xml", "sitemap.xml.gz"}
"""Files that carry the build's date."""


def state(site: Path) -> dict[str, str]:
    return {k: v for k, v in site_state(site).items() if k not in STAMPED}


def dates(site: Path) -> dict[str, int]:
    """When each page of the site was last written."""
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def full_build(project: Project, other: Path) -> dict[str, str]:
    """The site a full build of the project as it is now makes, built elsewhere."""
    result = project.mkdocs("build", "--strict", "-d", str(other))
    assert result.returncode == 0, result.stderr
    return state(other)


@pytest.fixture
def two(tmp_path: Path) -> Project:
    """The fixture and a second briefing, built once."""
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project")
    shutil.copytree(FIXTURES / "harbour", project.content / "harbour")
    shutil.copy(FIXTURES / "seeds/harbour.txt", project.seeds)
    project.edit("content/harbour/briefing.yml", "as_of: 2025-06-15",
                 "as_of: 2025-06-15\nreview_by: 2099-01-01")
    result = project.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    return project


def test_a_dirty_build_renders_only_the_changed_pages_and_gives_a_full_builds_site(
        two: Project, tmp_path: Path) -> None:
    site = two.root / "site"
    before = dates(site)
    two.edit("content/riverland/timeline.yml", "title: Clashes on the bridge",
             "title: Clashes at the ford")
    result = two.mkdocs("build", "--dirty", "--strict")
    assert result.returncode == 0, result.stderr
    assert error_lines(result.stderr) == []  # not even MkDocs' warning about dirty builds
    assert state(site) == full_build(two, tmp_path / "full")
    rendered = {page for page, date in dates(site).items() if before.get(page) != date}
    # The pages that show the event, and the theme's 404 page, which MkDocs always
    # renders; nothing else, not even the other briefing's pages or the home page.
    assert rendered == {
        "404.html", "riverland/index.html", "riverland/timeline/index.html",
        "riverland/actors/militia/index.html", "riverland/print/index.html"}


def test_pages_rendered_while_mkdocs_reads_the_first_ones_make_the_same_site(
        two: Project, tmp_path: Path) -> None:
    """A cold build of more than two briefings renders their pages while MkDocs reads the
    first ones (`PagesLater`); its site, and what a dirty build after it knows, are a full
    build's."""
    shutil.copytree(two.content / "riverland", two.content / "riverland-north")
    shutil.rmtree(two.root / "xdg-cache")  # cold: three briefings to render
    site = tmp_path / "cold"
    cold = two.mkdocs("build", "--strict", "-d", str(site))
    assert cold.returncode == 0, cold.stderr
    assert state(site) == full_build(two, tmp_path / "from-cache")
    before = dates(site)
    two.edit("content/harbour/timeline.yml", "title: Port shelled", "title: Port shelled again")
    again = two.mkdocs("build", "--dirty", "--strict", "-d", str(site))
    assert again.returncode == 0, again.stderr
    assert state(site) == full_build(two, tmp_path / "full")
    rendered = {page for page, date in dates(site).items() if before.get(page) != date}
    assert "harbour/timeline/index.html" in rendered
    assert not [page for page in rendered if page.startswith(("riverland", "index"))]


def test_a_dirty_build_never_writes_into_the_live_sites_files(two: Project,
                                                              tmp_path: Path) -> None:
    """A dirty build starts from the live site's files, linked rather than copied (which
    takes no time at any size): every file it writes is a new one, so the site it
    replaces, and whatever else holds that site's files, stays exactly as it was."""
    site, witness = two.root / "site", tmp_path / "witness"
    before = site_state(site)
    for path in site.rglob("*"):
        if path.is_file() and not path.is_symlink():
            (witness / path.relative_to(site)).parent.mkdir(parents=True, exist_ok=True)
            os.link(path, witness / path.relative_to(site))
    two.edit("content/riverland/timeline.yml", "title: Clashes on the bridge",
             "title: Clashes at the ford")
    result = two.mkdocs("build", "--dirty", "--strict")
    assert result.returncode == 0, result.stderr
    assert site_state(witness) == before
    assert state(site) == full_build(two, tmp_path / "full")
    # The pages the edit did not touch are the very same files: linked, not copied.
    unchanged = Path("harbour/timeline/index.html")
    assert (site / unchanged).stat().st_ino == (witness / unchanged).stat().st_ino


def test_an_edit_undone_is_rendered_again(two: Project, tmp_path: Path) -> None:
    site = two.root / "site"
    original = state(site)
    for old, new in [("Ceasefire agreed", "Ceasefire signed"),
                     ("Ceasefire signed", "Ceasefire agreed")]:
        two.edit("content/riverland/timeline.yml", f"title: {old}", f"title: {new}")
        assert two.mkdocs("build", "--dirty").returncode == 0
    assert state(site) == original


def test_hand_written_pages_keep_their_titles_in_a_dirty_builds_nav(
        two: Project, tmp_path: Path) -> None:
    two.write("content/about.md", "# About *us*\n\nWho writes these briefings.\n")
    assert two.mkdocs("build", "--strict").returncode == 0
    two.edit("content/riverland/timeline.yml", "title: Clashes on the bridge",
             "title: Clashes at the ford")
    assert two.mkdocs("build", "--dirty", "--strict").returncode == 0
    assert state(two.root / "site") == full_build(two, tmp_path / "full")


def test_a_dirty_build_after_a_failed_one_still_gives_a_full_builds_site(
        two: Project, tmp_path: Path) -> None:
    two.write("content/about.md", "# About\n\nUs.\n")
    two.write("content/contact.md", "# Contact\n\nSee [who we are](about.md).\n")
    assert two.mkdocs("build", "--strict").returncode == 0
    (two.content / "about.md").unlink()
    # The link to the page removed is a warning: --strict stops before publishing.
    assert two.mkdocs("build", "--dirty", "--strict").returncode == 1
    assert two.mkdocs("build", "--dirty").returncode == 0
    assert not (two.root / "site/about").exists()
    assert two.mkdocs("build", "-d", str(tmp_path / "full")).returncode == 0
    assert state(two.root / "site") == state(tmp_path / "full")


def test_a_setting_read_from_the_environment_is_part_of_the_shape(
        two: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    two.edit("mkdocs.yml", "site_name: Situation briefings",
             "site_name: !ENV [DESK_NAME, Situation briefings]")
    assert two.mkdocs("build", "--strict").returncode == 0
    monkeypatch.setenv("DESK_NAME", "The desk")
    assert two.mkdocs("build", "--dirty", "--strict").returncode == 0
    assert "The desk" in (two.root / "site/harbour/index.html").read_text(encoding="utf-8")
    assert state(two.root / "site") == full_build(two, tmp_path / "full")


@pytest.mark.parametrize("change", ["a briefing removed", "a briefing added",
                                    "a hand-written page", "the configuration"])
def test_a_change_of_the_sites_shape_makes_a_full_build(two: Project, tmp_path: Path,
                                                        change: str) -> None:
    if change == "a briefing removed":
        shutil.rmtree(two.content / "harbour")
    elif change == "a briefing added":
        shutil.copytree(two.content / "riverland", two.content / "hillside")
    elif change == "a hand-written page":
        two.write("content/about.md", "# About\n\nWho writes these briefings.\n")
    else:
        two.edit("mkdocs.yml", "site_name: Situation briefings", "site_name: The desk")
    result = two.mkdocs("build", "--dirty", "--strict")
    assert result.returncode == 0, result.stderr
    assert state(two.root / "site") == full_build(two, tmp_path / "full")


def test_a_failed_dirty_build_keeps_the_site_and_the_next_one_catches_up(
        two: Project, tmp_path: Path) -> None:
    site = two.root / "site"
    before = state(site)
    two.edit("content/riverland/timeline.yml", "actors: [militia]", "actors: [concil]")
    assert two.mkdocs("build", "--dirty").returncode == 1
    assert state(site) == before
    two.edit("content/riverland/timeline.yml", "actors: [concil]", "actors: [council]")
    assert two.mkdocs("build", "--dirty").returncode == 0
    assert state(site) == full_build(two, tmp_path / "full")


def test_a_site_folder_put_in_place_by_anything_else_makes_a_full_build(
        two: Project, tmp_path: Path) -> None:
    """A dirty build trusts only the very folder a build published and recorded: a site
    put in its place otherwise (a backup restored, or a build killed between publishing
    and recording its shape) may hold pages of another shape."""
    two.write("content/about.md", "# About\n\nWho writes these briefings.\n")
    assert two.mkdocs("build", "--strict", "-d", str(tmp_path / "other")).returncode == 0
    (two.content / "about.md").unlink()
    (two.root / "site").rename(tmp_path / "aside")
    (tmp_path / "other").rename(two.root / "site")
    result = two.mkdocs("build", "--dirty", "--strict")
    assert result.returncode == 0, result.stderr
    assert not (two.root / "site/about").exists()
    assert state(two.root / "site") == full_build(two, tmp_path / "full")


def test_a_dirty_build_after_editing_one_translated_field_renders_only_that_briefing(
        two: Project, tmp_path: Path) -> None:
    two.edit("mkdocs.yml", "      seeds_dir: seeds\n",
             "      seeds_dir: seeds\n      languages: [en, fr]\n")
    two.write("content/riverland/translations/fr.yml",
              "fields:\n  events.clashes.title:\n    source: Clashes on the bridge\n"
              "    text: Affrontements sur le pont\n")
    result = two.mkdocs("build", "--strict")
    assert result.returncode == 0, result.stderr
    site = two.root / "site"
    before = dates(site)
    two.edit("content/riverland/translations/fr.yml", "text: Affrontements sur le pont",
             "text: Combats sur le pont")
    result = two.mkdocs("build", "--dirty", "--strict")
    assert result.returncode == 0, result.stderr
    assert state(site) == full_build(two, tmp_path / "full")
    rendered = {page for page, date in dates(site).items() if before.get(page) != date}
    # The French pages that show the event; no English page, no page of the other
    # briefing, in either language.
    assert rendered == {
        "404.html", "fr/riverland/index.html", "fr/riverland/timeline/index.html",
        "fr/riverland/actors/militia/index.html", "fr/riverland/print/index.html"}


def test_the_cache_keeps_no_copy_of_the_sites_pages(project: Project) -> None:
    """What a dirty build needs of the last published site is a hash of each file's
    source, not the pages themselves: the cache holds each briefing's result once, and
    copies of pages that earlier versions kept there are removed."""
    cache = project.root / "xdg-cache/briefing-generator"
    assert project.mkdocs("build", "--strict").returncode == 0
    [record] = (p for p in cache.glob("*/pages/*") if p.is_dir())
    leftover = record / "pages/riverland/index.md"  # as an earlier version wrote it
    leftover.parent.mkdir(parents=True)
    leftover.write_text("old copy")
    assert project.mkdocs("build", "--strict").returncode == 0
    assert not (record / "pages").exists()
    assert [p.name for p in record.iterdir()] == ["shape"]

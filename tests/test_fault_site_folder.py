"""The site folder is replaced whole when a build publishes: it may be any folder that is
not, does not hold and does not lie inside what the build reads, and that holds nothing
but a built site (or nothing at all). Anything else is refused before a file is touched,
by `mkdocs build`, `python -m generator check` and `python -m generator publish` alike."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from conftest import Project, error_lines
from faults import site_state, snapshot, tmpfs

pytestmark = pytest.mark.slow

REFUSED = "ERROR: briefing: 1 error(s) in the configuration; nothing was built and the site " \
          "folder was left as it was"


def _why(site: str, why: str) -> str:
    return (f"{site}: the site folder {why}; publishing replaces the whole folder and would "
            "delete them: set site_dir to another folder")


@pytest.mark.parametrize(("site", "why"), [
    ("seeds", "is seeds_dir (seeds)"),
    ("overrides", "is the theme's custom_dir (overrides)"),
    ("seeds/site", "lies inside seeds_dir (seeds)"),
    ("overrides/site", "lies inside the theme's custom_dir (overrides)"),
    ("notes", "holds files that are not a built site (such as notes/todo.md)"),
])
def test_a_site_folder_that_would_delete_what_the_build_reads_or_a_user_keeps_is_refused(
        project: Project, site: str, why: str) -> None:
    project.write("notes/todo.md", "# Call the embassy\n")
    before = {folder: snapshot(project.root / folder)
              for folder in ("seeds", "overrides", "notes", "content")}
    result = project.mkdocs("build", "--strict", "-d", site)
    assert result.returncode == 1
    assert error_lines(result.stderr) == [f"ERROR: {_why(site, why)}", REFUSED]
    for folder, files in before.items():
        assert snapshot(project.root / folder) == files, f"{folder} changed"


def test_check_refuses_the_site_folder_the_build_refuses(project: Project) -> None:
    project.edit("mkdocs.yml", "docs_dir: content", "docs_dir: content\nsite_dir: seeds")
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--strict"],
                            cwd=project.root, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {_why('seeds', 'is seeds_dir (seeds)')}"


def test_publish_refuses_a_folder_of_a_users_files(project: Project) -> None:
    assert project.mkdocs("build", "--strict").returncode == 0
    project.write("notes/todo.md", "# Call the embassy\n")
    result = subprocess.run([sys.executable, "-m", "generator", "publish", "site",
                             "--site", "notes"],
                            cwd=project.root, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert result.stderr.strip() == "error: " + _why(
        "notes", "holds files that are not a built site (such as notes/todo.md)")
    assert snapshot(project.root / "notes") == {"todo.md": snapshot(project.root / "notes")
                                                ["todo.md"]}


def test_a_tracked_folder_of_built_files_is_published_again_with_its_hidden_files_kept(
        project: Project) -> None:
    """GitHub Pages' "from a folder" publishing: the site is built into docs/, which git
    tracks; the next build replaces the built files and keeps what is hidden."""
    project.write("docs/.nojekyll", "")
    assert project.mkdocs("build", "--strict", "-d", "docs").returncode == 0
    project.edit("content/riverland/timeline.yml", "Ceasefire agreed", "Truce agreed")
    result = project.mkdocs("build", "--strict", "-d", "docs")
    assert result.returncode == 0, result.stderr
    assert (project.root / "docs/.nojekyll").exists()
    assert "Truce agreed" in (project.root / "docs/riverland/timeline/index.html").read_text()


def test_publishing_keeps_the_site_folders_group_and_mode(project: Project) -> None:
    """A web server that reads the site through its group (a set-group-id folder of group
    www-data, say) still can after every build, as after plain MkDocs'."""
    site = project.root / "site"
    site.mkdir()
    group = 65534 if os.getgid() != 65534 else 0  # a group other than this user's own
    try:
        os.chown(site, -1, group)
    except PermissionError:
        pytest.skip("this user cannot give a folder another group")
    site.chmod(0o2750)
    assert project.mkdocs("build", "--strict").returncode == 0
    assert (site.stat().st_gid, stat.S_IMODE(site.stat().st_mode)) == (group, 0o2750)
    assert project.mkdocs("build", "--dirty").returncode == 0
    assert (site.stat().st_gid, stat.S_IMODE(site.stat().st_mode)) == (group, 0o2750)


def test_a_site_folder_that_is_a_mount_point_is_published_in_place(
        project: Project, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A container's volume cannot be renamed over: the new site is built inside it and
    moved in entry by entry, and the build says so."""
    site = project.root / "site"
    with tmpfs(site, "64m"):
        (site / ".nojekyll").write_text("")
        result = project.mkdocs("build", "--strict")
        assert result.returncode == 0, result.stderr
        assert f"Published the site to {site} in place, entry by entry, as it is a mount " \
               "point" in result.stderr
        project.edit("content/riverland/timeline.yml", "Ceasefire agreed", "Truce agreed")
        result = project.mkdocs("build", "--dirty")
        assert result.returncode == 0, result.stderr
        full = tmp_path_factory.mktemp("full") / "site"
        assert project.mkdocs("build", "--strict", "-d", str(full)).returncode == 0
        assert site_state(site) == {**site_state(full), ".nojekyll": snapshot(site)[".nojekyll"]}
        assert not [p for p in [*project.root.iterdir(), *site.iterdir()]
                    if ".staging-" in p.name]

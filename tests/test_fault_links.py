"""Nothing from outside the project is published or printed.

git commits symbolic links, so a pull request can add one anywhere. Every kind of
link under every folder the build reads is tried here, with a canary secret in the
build's environment and in a file outside the project: each is a located error,
the build stops before anything is published, and the canary appears nowhere, not
in the site, not in what the build prints. Files that are neither briefings nor
Markdown pages are published only by type.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import Project, error_lines
from faults import CANARY, Running, secret_environment, snapshot

pytestmark = pytest.mark.slow

OUT = ("link leads out of the project, and the build never follows it there; put the file "
       "itself here instead")
NOWHERE = "link leads nowhere; remove it, or point it at a file in the project"
FOLDER = "link to a folder, which the build does not follow; move or copy the folder here instead"
STOPPED = ("briefing: {n} error(s) in content; nothing was built and the site folder was left "
           "as it was")


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the project holding the canary, as a build machine holds secrets."""
    folder = tmp_path_factory.mktemp("outside")
    (folder / "secret.txt").write_text(f"token: {CANARY}\n")
    (folder / "secret.md").write_text(f"# Secret\n\n{CANARY}\n")
    (folder / "more").mkdir()
    (folder / "more" / "secret.txt").write_text(CANARY)
    return folder


def build(project: Project) -> tuple[int, str]:
    """`mkdocs build --strict` with the canary in the environment: status and output."""
    status, output = Running(project, "build", "--strict", env=secret_environment()).finish()
    return status, output


def assert_nothing_leaked(project: Project, output: str) -> None:
    assert "Traceback" not in output
    assert CANARY not in output
    for path in project.root.rglob("*"):
        if path.is_file() and not path.is_symlink() and "xdg-cache" not in path.parts:
            assert CANARY.encode() not in path.read_bytes(), path


@pytest.mark.parametrize("folder", ["content", "content/riverland", "seeds", "overrides",
                                    "overrides/partials"])
def test_links_out_of_the_project_are_located_errors_and_nothing_is_published(
        project: Project, outside: Path, folder: str) -> None:
    base = project.root / folder
    (base / "environ.txt").symlink_to("/proc/self/environ")
    (base / "secret.md").symlink_to(outside / "secret.md")
    (base / "more").symlink_to(outside / "more")
    (base / "gone.txt").symlink_to(outside / "no-such-file")
    (base / "loop.txt").symlink_to("loop.txt")
    project.write("shared/page.md", "# Shared\n")
    (base / "shared").symlink_to(project.root / "shared")  # inside, but a folder
    status, output = build(project)
    assert status == 1
    assert error_lines(output) == [
        f"ERROR: {folder}/environ.txt:1:1: {OUT}",
        f"ERROR: {folder}/gone.txt:1:1: {OUT}",
        f"ERROR: {folder}/loop.txt:1:1: {NOWHERE}",
        f"ERROR: {folder}/more:1:1: {OUT}",
        f"ERROR: {folder}/secret.md:1:1: {OUT}",
        f"ERROR: {folder}/shared: {FOLDER}",
        "ERROR: " + STOPPED.format(n=6)]
    assert not (project.root / "site").exists()
    assert_nothing_leaked(project, output)


def test_links_into_hidden_parts_of_the_project_are_refused(project: Project) -> None:
    """A CI checkout keeps its token in .git/config, inside the project."""
    project.write(".git/config", f"[http]\n\textraheader = AUTHORIZATION: basic {CANARY}\n")
    project.write(".env", f"TOKEN={CANARY}\n")
    (project.content / "config.md").symlink_to(project.root / ".git/config")
    (project.content / "riverland/env.md").symlink_to("../../.env")
    status, output = build(project)
    assert status == 1
    hidden = ("link leads to a hidden file or folder of the project (such as .git/), which is "
              "never published; put the file itself here instead")
    assert error_lines(output) == [f"ERROR: content/config.md:1:1: {hidden}",
                                   f"ERROR: content/riverland/env.md:1:1: {hidden}",
                                   "ERROR: " + STOPPED.format(n=2)]
    assert CANARY not in output
    assert not (project.root / "site").exists()


def test_a_briefing_file_linked_out_of_the_project_is_not_read(
        project: Project, outside: Path) -> None:
    (outside / "actors.yml").write_text(
        (project.content / "riverland/actors.yml").read_text().replace(
            "South Bank Militia", CANARY))
    (project.content / "riverland/actors.yml").unlink()
    (project.content / "riverland/actors.yml").symlink_to(outside / "actors.yml")
    status, output = build(project)
    assert status == 1
    assert error_lines(output) == [f"ERROR: content/riverland/actors.yml:1:1: {OUT}",
                                   "ERROR: " + STOPPED.format(n=1)]
    assert_nothing_leaked(project, output)


@pytest.mark.parametrize(("option", "shown", "what"), [
    ("      seeds_dir: {outside}", "{outside}", "seeds folder"),
    ("      content_dir: {outside}", "{outside}", "content folder"),
], ids=["seeds_dir", "content_dir"])
def test_folders_configured_outside_the_project_are_not_read(
        project: Project, outside: Path, option: str, shown: str, what: str) -> None:
    for name in ("council.txt", "riverland"):
        link = outside / name
        if not link.exists():
            link.symlink_to(project.root / ("seeds" if name.endswith(".txt") else "content")
                            / name)
    project.edit("mkdocs.yml", "      seeds_dir: seeds", option.format(outside=outside))
    status, output = build(project)
    assert status == 1
    relative = Path(shown.format(outside=outside))
    where = Path(os.path.relpath(relative, project.root)).as_posix()
    assert error_lines(output)[0] == (
        f"ERROR: {where}: {what} is outside the project (the folder holding mkdocs.yml), "
        "where the build reads nothing; move it inside")
    assert_nothing_leaked(project, output)


def test_the_seeds_folder_linked_elsewhere_prints_nothing_of_what_is_there(
        project: Project, outside: Path) -> None:
    (outside / "council.txt").write_text(f"{CANARY} said the talks will not resume.\n")
    shutil.rmtree(project.seeds)
    project.seeds.symlink_to(outside)
    status, output = build(project)
    assert status == 1
    assert error_lines(output)[0] == (
        "ERROR: seeds: seeds folder is outside the project (the folder holding mkdocs.yml), "
        "where the build reads nothing; move it inside")
    assert_nothing_leaked(project, output)


def test_the_check_command_reports_the_same_links(project: Project, outside: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli.main import main as run_cli

    (project.content / "environ.txt").symlink_to("/proc/self/environ")
    (project.seeds / "secret.txt").symlink_to(outside / "secret.txt")
    monkeypatch.chdir(project.root)
    monkeypatch.setenv("BRIEFING_CANARY_TOKEN", CANARY)
    assert run_cli(["check"]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"content/environ.txt:1:1: {OUT}",
                                f"seeds/secret.txt:1:1: {OUT}"]
    assert CANARY not in out + err


def test_a_seed_linked_to_a_file_inside_the_project_is_read_where_it_leads(
        project: Project) -> None:
    """As for content, a link that stays inside the project is followed; the cache knows
    the file it leads to, so a change there is checked again."""
    archive = project.root / "archive"
    archive.mkdir()
    (project.seeds / "council.txt").rename(archive / "council.txt")
    (project.seeds / "council.txt").symlink_to("../archive/council.txt")
    status, output = build(project)
    assert status == 0, output
    text = (archive / "council.txt").read_text()
    (archive / "council.txt").write_text(text.replace("talks will resume", "talks may resume"))
    status, output = build(project)
    assert status == 1
    assert error_lines(output) == [
        "ERROR: content/riverland/actors.yml:9:15: actors[0].quotes[0].text: quote not found "
        'in seeds/council.txt; nearest passage, line 2: "talks may resume next week"',
        "ERROR: " + STOPPED.format(n=1)]


def test_a_mkdocs_yml_linked_from_a_shared_folder_builds_the_project_where_the_link_is(
        project: Project, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A shared configuration: its folders are the linking project's, as MkDocs takes them."""
    shared = tmp_path_factory.mktemp("shared") / "mkdocs.yml"
    (project.root / "mkdocs.yml").rename(shared)
    (project.root / "mkdocs.yml").symlink_to(shared)
    status, output = build(project)
    assert status == 0, output
    assert (project.root / "site/riverland/index.html").is_file()
    assert not (shared.parent / "site").exists()


REFUSED = ("not published: besides briefings and Markdown pages, the site publishes only "
           "files matching static_files ({patterns}), because a browser could run this one; "
           "to publish it as it is, add a pattern for it to the briefing plugin's static_files")
IMAGES = "*.png, *.jpg, *.jpeg, *.gif, *.webp, *.avif, *.ico"


def test_only_pages_briefings_and_images_are_published_from_content(project: Project) -> None:
    project.write("content/page.html", "<script>alert(1)</script>")
    project.write("content/riverland/app.js", "alert(1)")
    project.write("content/logo.svg", "<svg onload='alert(1)'/>")
    project.write("content/notes.txt", "<meta http-equiv='refresh' content='0;url=//x'>")
    project.write("content/CNAME", "example.org")
    status, output = build(project)
    assert status == 1
    assert error_lines(output) == [
        f"ERROR: content/CNAME:1:1: {REFUSED.format(patterns=IMAGES)}",
        f"ERROR: content/logo.svg:1:1: {REFUSED.format(patterns=IMAGES)}",
        f"ERROR: content/notes.txt:1:1: {REFUSED.format(patterns=IMAGES)}",
        f"ERROR: content/page.html:1:1: {REFUSED.format(patterns=IMAGES)}",
        f"ERROR: content/riverland/app.js:1:1: {REFUSED.format(patterns=IMAGES)}",
        "ERROR: " + STOPPED.format(n=5)]
    assert not (project.root / "site").exists()


def test_images_links_inside_the_project_and_allowed_types_are_published(
        project: Project) -> None:
    project.write("content/logo.png", b"\x89PNG\r\n\x1a\n")
    project.write("notes/about.md", "# About\n\nWritten elsewhere in the project.\n")
    (project.content / "about.md").symlink_to(project.root / "notes/about.md")
    project.write("content/report.pdf", b"%PDF-1.4\n")
    project.write("content/notes.yml", "a: 1\n")
    project.edit("mkdocs.yml", "      seeds_dir: seeds",
                 '      seeds_dir: seeds\n      static_files: ["*.png", "*.pdf"]')
    status, output = build(project)
    assert status == 0, output
    site = project.root / "site"
    assert (site / "logo.png").read_bytes() == b"\x89PNG\r\n\x1a\n"
    assert (site / "report.pdf").is_file()
    assert "Written elsewhere in the project." in (site / "about/index.html").read_text()
    assert [p.name for p in site.rglob("*.yml")] == []


def test_a_page_may_not_redirect_readers(project: Project) -> None:
    assert build(project)[0] == 0
    before = snapshot(project.root / "site")
    project.write("content/about.md",
                  '# About\n\nUs.\n\n<meta http-equiv="refresh" content="0;url=https://x.example">\n')
    status, output = build(project)
    assert status == 1
    assert error_lines(output) == [
        "ERROR: content/about.md:5:1: a page may not carry <meta http-equiv>: it could send "
        "readers elsewhere; remove it",
        "ERROR: briefing: 1 error(s) in content; nothing was published and the site folder "
        "was left as it was"]
    assert snapshot(project.root / "site") == before


@pytest.mark.parametrize("front", [
    "template: redirect.html\nlocation: https://x.example",
    'description: \'"><meta http-equiv="refresh" content="0;url=https://x.example">\'',
    'title: \'</title><meta http-equiv="refresh" content="0;url=https://x.example">\'',
])
def test_a_pages_front_matter_cannot_redirect_readers_either(project: Project,
                                                              front: str) -> None:
    assert build(project)[0] == 0
    before = snapshot(project.root / "site")
    project.write("content/about.md", f"---\n{front}\n---\n# About\n\nUs.\n")
    status, output = build(project)
    if status == 0:  # the text stayed text
        page = (project.root / "site/about/index.html").read_text(encoding="utf-8")
        # Only the policy's tag: the front matter's stays text, shown as written.
        assert re.findall(r"<meta\s[^>]*?\bhttp-equiv=\"([^\"]*)", page, re.I) \
            == ["Content-Security-Policy"]
        assert "&lt;meta http-equiv" in page
    else:
        assert error_lines(output) == [
            "ERROR: content/about.md:1:1: a page may not carry <meta http-equiv>: it could "
            "send readers elsewhere; remove it (it comes from the page's front matter or its "
            "template)",
            "ERROR: briefing: 1 error(s) in content; nothing was published and the site "
            "folder was left as it was"]
        assert snapshot(project.root / "site") == before


def test_a_pipe_in_content_is_refused_without_hanging(project: Project) -> None:
    os.mkfifo(project.content / "pipe.png")
    status, output = build(project)
    assert status == 1
    assert error_lines(output) == [
        "ERROR: content/pipe.png:1:1: expected a file but found a pipe, a socket or a device; "
        "replace it with a file",
        "ERROR: " + STOPPED.format(n=1)]

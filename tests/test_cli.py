"""The command line: check, render, new and schema, as an editor runs them."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from generator.cli.main import main as run_cli
from generator.cli.skeleton import create
from generator.content.model import FILE_MODELS, OPTIONAL_FILE_MODELS
from generator.content.model_walk import values_within, written_texts
from generator.content.placeholders import PLACEHOLDERS

from conftest import REPO, Project


def run(project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(project.root)
    status = run_cli(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_check_reports_success_on_stdout(project: Project, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert run(project, monkeypatch, capsys, "check", "--strict") == (
        0, "checked 1 briefing: 0 errors, 0 warnings\n", "")


def test_render_writes_the_markdown_tree(project: Project, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(project, monkeypatch, capsys, "render", "--out", "build/md")
    assert (status, err) == (0, "")
    written = sorted(p.relative_to(project.root / "build/md").as_posix()
                     for p in (project.root / "build/md").rglob("*") if p.is_file())
    assert written == [
        ".briefing-render", "feed.xml", "index.md", "riverland/actors/council.md",
        "riverland/actors/index.md", "riverland/actors/militia.md", "riverland/briefing.json",
        "riverland/claims.csv", "riverland/events.csv", "riverland/index.md",
        "riverland/print.md", "riverland/sources.md", "riverland/stakes.md",
        "riverland/timeline.md", "riverland/timelinejs.json", "search/briefings.json",
        "search/names.json"]
    assert out == "wrote 16 files to build/md\n"
    assert json.loads((project.root / "build/md/riverland/briefing.json").read_text())["slug"] \
        == "riverland"


def test_render_replaces_what_it_wrote_and_keeps_what_a_user_put_there(
        project: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    run(project, monkeypatch, capsys, "render", "--out", "md")
    (project.root / "md/notes.md").write_text("a user's notes")
    (project.root / "md/riverland/mine.txt").write_text("also a user's")
    for name in ("actors.yml", "stakes.yml", "timeline.yml"):  # rename an actor
        path = project.content / "riverland" / name
        path.write_text(re.sub(r"\bmilitia\b", "south-militia", path.read_text()))
    status, _, err = run(project, monkeypatch, capsys, "render", "--out", "md")
    assert (status, err) == (0, "")
    md = project.root / "md"
    assert (md / "notes.md").read_text() == "a user's notes"
    assert (md / "riverland/mine.txt").read_text() == "also a user's"
    assert (md / "riverland/actors/south-militia.md").is_file()
    assert not (md / "riverland/actors/militia.md").exists()  # the render's own, now gone
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".md")] == []


def test_render_never_replaces_a_folder_it_did_not_write(
        project: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(project, monkeypatch, capsys, "render", "--out", ".")
    assert status == 1
    assert err == (f"error: {project.root} exists and was not written by 'render'; "
                   "choose a new or empty folder\n")
    assert (project.root / "mkdocs.yml").is_file()


def test_render_writes_nothing_when_content_has_errors(
        project: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    run(project, monkeypatch, capsys, "render", "--out", "md")
    before = (project.root / "md/riverland/timeline.md").read_text()
    project.edit("content/riverland/timeline.yml", "date: 2025-10-19", "date: 2025-02-30")
    status, _, err = run(project, monkeypatch, capsys, "render", "--out", "md")
    assert status == 1
    assert err.splitlines() == [
        "content/riverland/timeline.yml:3:11: events[0].date: Feb 2025 has 28 days; "
        "'2025-02-30' is not a date",
        "nothing written: fix the errors above first"]
    assert (project.root / "md/riverland/timeline.md").read_text() == before


@pytest.mark.slow
def test_new_creates_a_skeleton_that_builds_but_is_not_published_by_accident(
        project: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(project, monkeypatch, capsys, "new", "sahel-coup")
    assert status == 0
    assert out.startswith(f"created {project.root}/content/sahel-coup/ with briefing.yml")
    # It checks and builds, to be seen at once in `serve`...
    status, out, err = run(project, monkeypatch, capsys, "check")
    assert status == 0 and out.startswith("checked 2 briefings: 0 errors, "), out
    result = project.mkdocs("build")
    assert result.returncode == 0, result.stderr
    assert (project.root / "site/sahel-coup/timeline/index.html").is_file()
    # ...but every placeholder left is a warning, which fails `--strict` (and CI).
    named = set(re.findall(r"'([^']+)' is a placeholder from `new`", err))
    assert named == {text if len(text) <= 40 else text[:37] + "..." for text in PLACEHOLDERS}
    assert re.search(r"^content/sahel-coup/sources\.yml:\d+:\d+: sources\[0\]\.url: warning: "
                     r"'https://example\.org/replace-with-the-\.\.\.' is a placeholder", err,
                     re.M), err
    assert run(project, monkeypatch, capsys, "check", "--strict")[0] == 1
    assert project.mkdocs("build", "--strict").returncode == 1


def test_the_placeholders_check_knows_are_the_ones_new_writes(tmp_path: Path) -> None:
    folder = create(tmp_path / "content", "sahel-coup", dt.date(2026, 1, 15))
    written = set()
    for path in sorted(folder.glob("*.yml")):
        model = (FILE_MODELS | OPTIONAL_FILE_MODELS)[path.name].model_validate(
            yaml.safe_load(path.read_text("utf-8")))
        written |= {text for _, text in written_texts(values_within(model))}
    assert written - {"Sahel coup"} == PLACEHOLDERS


@pytest.mark.parametrize(("slug", "message"), [
    ("riverland", "already exists; choose another name or edit it"),
    ("Sahel Coup", "'Sahel Coup' is not a valid id; use lowercase letters, digits and single "
                   "hyphens, such as 'tahir-andrabi'"),
    ("assets", "'assets' is a name the site itself uses; choose another"),
])
def test_new_refuses_bad_or_taken_names(project: Project, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str], slug: str,
                                        message: str) -> None:
    status, _, err = run(project, monkeypatch, capsys, "new", slug)
    assert status == 1
    assert err.startswith("error: ") and err.rstrip().endswith(message)


def test_usage_mistakes_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        run_cli(["frobnicate"])
    assert exit_.value.code == 2
    assert "invalid choice: 'frobnicate'" in capsys.readouterr().err


def test_committed_json_schemas_match_the_models(tmp_path: Path) -> None:
    from generator.content.schema import write_schemas

    for path in write_schemas(tmp_path):
        committed = REPO / "generator/schemas" / path.name
        assert committed.read_text() == path.read_text(), \
            f"{committed} is stale: python -m generator schema --out generator/schemas"


def test_parallel_builds_give_the_same_pages_as_one_process(project: Project) -> None:
    import datetime as dt
    import shutil

    from generator.build.pipeline import ContentLoader
    from generator.build.site_pages import SitePages

    for slug in ("alpha", "bravo", "charlie", "delta"):
        shutil.copytree(project.content / "riverland", project.content / slug)
    today = dt.date(2026, 1, 15)
    pages = {}
    for workers in (1, 2):
        loader = ContentLoader(project.root, project.content, project.seeds)
        content = loader.load(today, render=True, workers=workers)
        assert content.all_problems() == []
        pages[workers] = SitePages().pages(content, today)[0]
    assert pages[1] == pages[2]
    # The home page, the feed, the search's two files, and twelve files per briefing.
    assert len(pages[2]) == 4 + 5 * 12

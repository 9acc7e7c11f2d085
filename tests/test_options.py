"""One source for every setting: `python -m generator` reads mkdocs.yml as `mkdocs build`
does, so `check --strict` fails exactly where `mkdocs build --strict` fails, and an option
given on the command line overrides the file."""

from __future__ import annotations

import dataclasses

import pytest

from generator.base.settings import Settings
from generator.cli.config import read_config
from generator.cli.main import main as run_cli

from conftest import Project

STALE_IN_FIVE = "  - briefing:\n      seeds_dir: seeds\n      stale_after_days: 5\n"
"""The plugin's block of this repository's mkdocs.yml, with a staleness of 5 days."""
WARNING = ("content/riverland/briefing.yml:6:8: as_of: warning: the newest event may be no "
           "later than 31 Oct 2025, 11 days before as_of 2025-11-11 (more than the 5 days the "
           "site allows); record what has happened since, or move as_of back")


def eleven_days_old(project: Project) -> None:
    """The riverland briefing as of 11 days after its newest event (some day in Oct 2025)."""
    project.edit("content/riverland/briefing.yml", "as_of: 2025-10-25", "as_of: 2025-11-11")


def check(project: Project, monkeypatch: pytest.MonkeyPatch,
          capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    monkeypatch.chdir(project.root)
    status = run_cli(list(args))
    return status, capsys.readouterr().err.splitlines()


def test_check_strict_reads_stale_after_days_from_mkdocs_yml(
        project: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    eleven_days_old(project)
    assert check(project, monkeypatch, capsys, "check", "--strict") == (0, [])
    project.edit("mkdocs.yml", "  - briefing:\n      seeds_dir: seeds\n", STALE_IN_FIVE)
    assert check(project, monkeypatch, capsys, "check", "--strict") == (1, [WARNING])
    assert check(project, monkeypatch, capsys, "check") == (0, [WARNING])


@pytest.mark.slow
@pytest.mark.parametrize("stale_after_days", [5, 30])
def test_check_strict_and_build_strict_agree(project: Project, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str],
                                             stale_after_days: int) -> None:
    eleven_days_old(project)
    project.edit("mkdocs.yml", "  - briefing:\n      seeds_dir: seeds\n",
                 STALE_IN_FIVE.replace("5", str(stale_after_days)))
    checked, _ = check(project, monkeypatch, capsys, "check", "--strict")
    built = project.mkdocs("build", "--strict")
    assert (checked, built.returncode) == ((1, 1) if stale_after_days == 5 else (0, 0))
    assert (WARNING in built.stderr) == (stale_after_days == 5)


def test_the_cli_takes_its_folders_and_options_from_mkdocs_yml(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    (project.root / "content").rename(project.root / "briefings")
    (project.root / "seeds").rename(project.root / "archive")
    project.write("base.yml", "site_name: Desk\ndocs_dir: briefings\ntheme:\n  name: material\n"
                              "plugins:\n  - briefing:\n      seeds_dir: archive\n"
                              "      cache: !ENV [BRIEFING_TEST_CACHE, true]\n")
    project.write("mkdocs.yml", "INHERIT: base.yml\nsite_url: https://example.org/desk\n")
    monkeypatch.setenv("BRIEFING_TEST_CACHE", "false")
    config = read_config(project.root)
    root = project.root.resolve()
    assert (config.folders.content_dir, config.folders.seeds_dir, config.folders.cache_dir) \
        == (root / "briefings", root / "archive", None)
    assert (config.site.name, config.site.url) == ("Desk", "https://example.org/desk/")
    assert config.settings == dataclasses.replace(Settings(), seeds_dir="archive", cache=False)


def test_a_command_line_option_overrides_mkdocs_yml(
        project: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    project.edit("mkdocs.yml", "      seeds_dir: seeds\n", "      seeds_dir: nowhere\n")
    status, errors = check(project, monkeypatch, capsys, "check")
    assert status == 1 and "seed file 'council.txt' is not in nowhere/" in errors[0]
    assert check(project, monkeypatch, capsys, "--seeds", "seeds", "check") == (0, [])


def test_another_configuration_is_read_with_f(project: Project,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    eleven_days_old(project)
    text = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("strict.yml", text.replace("  - briefing:\n      seeds_dir: seeds\n",
                                             STALE_IN_FIVE))
    assert check(project, monkeypatch, capsys, "-f", "strict.yml", "check", "--strict") == (
        1, [WARNING])
    assert check(project, monkeypatch, capsys, "-f", "missing.yml", "check") == (
        1, ["error: missing.yml not found; run from the folder with mkdocs.yml, or name the "
            "file with -f"])


def test_an_option_of_the_wrong_type_is_an_error_naming_its_line(
        project: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    project.edit("mkdocs.yml", "      seeds_dir: seeds\n",
                 "      seeds_dir: seeds\n      stale_after_days: five\n")
    assert check(project, monkeypatch, capsys, "check") == (1, [
        "error: mkdocs.yml:39:25: plugins.briefing.stale_after_days: expected a whole number "
        "but received 'five'"])


def test_an_option_the_plugin_does_not_have_fails_strict_as_mkdocs_does(
        project: Project, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    project.edit("mkdocs.yml", "      seeds_dir: seeds\n",
                 "      seeds_dir: seeds\n      stale_after: 5\n")
    warning = ("mkdocs.yml:39:7: plugins.briefing.stale_after: warning: the briefing plugin "
               "has no option 'stale_after' (did you mean 'stale_after_days'?)")
    assert check(project, monkeypatch, capsys, "check") == (0, [warning])
    assert check(project, monkeypatch, capsys, "check", "--strict") == (1, [warning])


def test_the_plugin_declares_every_setting_with_its_default() -> None:
    from generator.mkdocs.config import BriefingConfig, settings_of

    declared = BriefingConfig()
    declared.load_dict({})
    assert declared.validate() == ([], [])
    assert [name for name, _ in BriefingConfig._schema] == Settings.names()
    assert settings_of(declared) == Settings()

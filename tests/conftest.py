"""Shared fixtures: a small valid project in tmp_path that tests change one file at a time."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

if TYPE_CHECKING:
    from generator.content.model import Briefing

REPO = Path(__file__).resolve().parent.parent

FIXTURES = Path(__file__).resolve().parent / "fixtures"
"""A small valid briefing, `riverland`, and its seed: every test starts from these."""


class Project:
    """A project folder: mkdocs.yml, content/<slug>/, seeds/, overrides/."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.seeds = root / "seeds"

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def edit(self, relative: str, old: str, new: str) -> None:
        """Replace the one occurrence of `old` in a file."""
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not once in {relative}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def load(self, today: dt.date, slug: str = "riverland") -> tuple[Briefing | None, list[str]]:
        """The briefing `slug` as the generator loads it on `today` (None when it has
        errors), and every problem in the project, as `check` prints them."""
        from generator.build.pipeline import ContentLoader
        from generator.cli.config import read_config

        options = read_config(self.root, None).settings.page_options
        content = ContentLoader(self.root, self.content, self.seeds, options=options).load(today)
        return content.briefings[slug].briefing, [str(p) for p in content.all_problems()]

    def valid_briefing(self, today: dt.date, slug: str = "riverland") -> Briefing:
        """The briefing `slug` as loaded on `today`, the project having no problem at all."""
        briefing, problems = self.load(today, slug)
        # The bundled site's Dari translation is partial on purpose, and says so.
        problems = [p for p in problems if "/translations/" not in p or ": warning: " not in p]
        assert problems == [] and briefing is not None, problems
        return briefing

    def write_briefing(self, slug: str, files: dict[str, Any]) -> None:
        for name, data in files.items():
            text = data if isinstance(data, str) else yaml.safe_dump(
                data, sort_keys=False, allow_unicode=True)
            self.write(f"content/{slug}/{name}", text)

    def mkdocs(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run the real `mkdocs` command in this project."""
        env = _env()
        env["XDG_CACHE_HOME"] = str(self.root / "xdg-cache")  # as the user_cache fixture
        return subprocess.run([str(Path(sys.executable).parent / "mkdocs"), *args],
                              cwd=self.root, capture_output=True, text=True, timeout=300,
                              env=env)


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("BRIEFING_FOCUS", None)
    return env


LEFT_BEHIND = ("briefing-", "mkdocs_", "playwright_chromiumdev_profile-")
"""The starts of the names of what the generator, MkDocs' serve and Chromium make in the
system's temporary folder, and must remove."""


def _ours_in_temp() -> set[str]:
    import tempfile

    return {entry.name for entry in Path(tempfile.gettempdir()).iterdir()
            if entry.name.startswith(LEFT_BEHIND)}


@pytest.fixture(autouse=True, scope="session")
def nothing_left_in_the_temp_folder() -> Iterator[None]:
    """The suite leaves nothing in the system's temporary folder: every build, server and
    browser it runs removes what it made there (pytest's own folder aside)."""
    before = _ours_in_temp()
    yield
    assert sorted(_ours_in_temp() - before) == []


@pytest.fixture(autouse=True)
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own user cache folder: builds cache results there (XDG_CACHE_HOME)."""
    folder = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture(autouse=True)
def not_on_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the output of a local run, even when they run on GitHub Actions (whose
    GITHUB_ACTIONS=true adds annotations); test_github.py sets it where it is the subject."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def bundled_project(root: Path, *, harbour: bool = False) -> Project:
    """This repository's site as it is (mkdocs.yml, overrides/, content/ and seeds/) in
    `root`; with `harbour`, the `harbour` fixture (claims, commitments, uncertain dates)
    beside the bundled briefing."""
    for name in ("content", "seeds", "overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    if harbour:
        shutil.copytree(FIXTURES / "harbour", root / "content/harbour")
        shutil.copy(FIXTURES / "seeds/harbour.txt", root / "seeds")
    return Project(root)


SEED_LANGUAGES = "      languages: [en, fr, fa-AF]\n"
"""The line of this repository's mkdocs.yml that gives the seed site its languages."""


def one_language_config() -> str:
    """This repository's mkdocs.yml without the seed site's other languages."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count(SEED_LANGUAGES) == 1
    return config.replace(SEED_LANGUAGES, "")


def make_project(root: Path) -> Project:
    """A valid one-briefing project (slug `riverland`) in `root`, using this repo's theme
    and config, in one language (tests of languages add theirs)."""
    (root / "mkdocs.yml").write_text(one_language_config(), encoding="utf-8")
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copytree(FIXTURES / "seeds", root / "seeds")
    shutil.copytree(FIXTURES / "riverland", root / "content" / "riverland")
    return Project(root)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A valid one-briefing project (slug `riverland`) using this repo's theme and config."""
    return make_project(tmp_path)


def error_lines(text: str) -> list[str]:
    """The lines of MkDocs output that carry a level prefix, without the prefix."""
    out = []
    for line in text.splitlines():
        for level in ("ERROR", "WARNING"):
            if line.startswith(level):
                out.append(f"{level}: " + line.split("-  ", 1)[1])
    return out

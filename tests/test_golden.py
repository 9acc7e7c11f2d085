"""The bundled briefing, and the `riverland` test fixture written to the content model's
first edition, render to exactly the Markdown in tests/golden/.

The golden files are what a reviewer reads to see how a change to templates
or escaping alters real pages. After a deliberate change, regenerate them
with `python tests/test_golden.py --update` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GOLDEN = HERE / "golden"
TODAY = dt.date(2026, 1, 15)
"""A fixed day, so pages that depend on the date (review notices) do not drift."""


def rendered() -> dict[str, str]:
    """The pages as a build makes them: the pipeline renders each briefing, with its seeds."""
    from generator.base.settings import PageOptions
    from generator.build.pipeline import Content, ContentLoader
    from generator.build.site_pages import SitePages

    merged = Content()
    for content_dir, seeds_dir, languages in [
            (REPO / "content", REPO / "seeds", LANGUAGES),
            (HERE / "fixtures", HERE / "fixtures" / "seeds", ())]:
        content = ContentLoader(REPO, content_dir, seeds_dir, options=PageOptions(
            languages=languages)).load(TODAY, only={"afpak-ceasefire-talks", "riverland"},
                                       render=True)
        assert [p.message for p in content.all_problems()] == (
            [PARTIAL_DARI] if languages else [])
        merged.briefings.update(content.briefings)
    return SitePages(LANGUAGES).pages(merged, TODAY)[0]


LANGUAGES = ("en", "fr", "fa-AF")
"""The bundled site's languages (mkdocs.yml); `riverland` has only its English."""
PARTIAL_DARI = ("99 of 151 fields not translated yet (empty or absent `text`), such as "
                "'briefing.background.0'; python -m generator translate lists them")
"""The one thing `check` reports of the bundled site: its Dari translation is partial, on
purpose."""


GOLDEN_FILES = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*")
                      if p.is_file())
"""The golden files on disk. Listing them at collection is cheap; rendering waits for `files`."""


@pytest.fixture(scope="session")
def files() -> dict[str, str]:
    """The pages, rendered once for all of this file's tests."""
    return rendered()


@pytest.mark.parametrize("path", GOLDEN_FILES)
def test_page_matches_golden_file(files: dict[str, str], path: str) -> None:
    golden = GOLDEN / path
    assert golden.is_file(), f"no golden file for {path}; run python tests/test_golden.py --update"
    assert path in files, f"{path} is no longer rendered; run python tests/test_golden.py --update"
    # Bytes, then decode: text mode would read the CSV files' CRLF line ends as LF.
    assert files[path] == golden.read_bytes().decode("utf-8")


def test_no_golden_file_is_left_over(files: dict[str, str]) -> None:
    on_disk = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert on_disk == set(files)


def test_rendering_twice_gives_identical_pages(files: dict[str, str]) -> None:
    assert rendered() == files


def _update() -> None:
    import shutil

    files = rendered()
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for path, text in files.items():
        target = GOLDEN / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    print(f"wrote {len(files)} golden files; review with git diff", file=sys.stderr)


if __name__ == "__main__" and "--update" in sys.argv:
    _update()

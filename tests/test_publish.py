"""`python -m generator publish BUILT`: a site another builder wrote, put in place as a build
with the plugin puts its own: every page with the policy, no page with a refresh of its
own, the built folder left as it was, and the live site never written into."""

from __future__ import annotations

import dataclasses
import errno
import os
from pathlib import Path

import pytest

from generator.base.problems import BriefingError
from generator.base.settings import Settings
from generator.publish.built_site import publish_built
from generator.publish.staging import Staging, describe_fault

from faults import snapshot

WITHOUT_SEARCH = dataclasses.replace(Settings(), search=False)
PAGE = ('<!doctype html><html><head><meta charset="utf-8"><script>theme()</script></head>'
        '<body><article class="md-content__inner md-typeset"><p>{text}</p>{extra}</article>'
        "</body></html>")


def built_site(root: Path, **pages: str) -> Path:
    """A folder as a builder writes it: an index page, the given pages, an asset."""
    built = root / "build/site"
    for name, text in {"index.html": PAGE.format(text="Home", extra=""), **pages}.items():
        (built / name).parent.mkdir(parents=True, exist_ok=True)
        (built / name).write_text(text, encoding="utf-8")
    (built / "assets").mkdir(exist_ok=True)
    (built / "assets/site.css").write_text("body {}", encoding="utf-8")
    return built


def test_every_page_gets_the_policy_for_the_themes_scripts_and_the_built_folder_stays(
        tmp_path: Path) -> None:
    built = built_site(tmp_path, **{"a/index.html": PAGE.format(
        text="A", extra="<script>page()</script>")})
    before = snapshot(built)
    assert publish_built(built, tmp_path / "site", WITHOUT_SEARCH, None) == 2
    assert snapshot(built) == before
    page = (tmp_path / "site/a/index.html").read_text(encoding="utf-8")
    policy = page.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"')[0]
    assert page.count("Content-Security-Policy") == 1
    assert "'sha256-" in policy  # the theme's script, outside the article
    assert len([h for h in policy.split() if h.startswith("'sha256-")]) == 1  # not the page's
    assert (tmp_path / "site/assets/site.css").read_text(encoding="utf-8") == "body {}"


def test_a_page_that_carries_the_policy_already_is_published_as_it_is(tmp_path: Path) -> None:
    built = built_site(tmp_path)
    assert publish_built(built, tmp_path / "first", WITHOUT_SEARCH, None) == 1
    again = tmp_path / "first/index.html"
    assert publish_built(tmp_path / "first", tmp_path / "second", WITHOUT_SEARCH, None) == 1
    assert (tmp_path / "second/index.html").read_bytes() == again.read_bytes()


def test_a_page_with_a_refresh_of_its_own_stops_the_publish_and_the_site_stays(
        tmp_path: Path) -> None:
    built = built_site(tmp_path)
    assert publish_built(built, tmp_path / "site", WITHOUT_SEARCH, None) == 1
    before = snapshot(tmp_path / "site")
    (built / "away.html").write_text(
        '<html><head><meta http-equiv="refresh" content="0; url=https://example.org/">'
        "</head></html>", encoding="utf-8")
    with pytest.raises(BriefingError, match=r"1 page\(s\) carry a <meta http-equiv>, which "
                                            r"could send readers elsewhere: away.html"):
        publish_built(built, tmp_path / "site", WITHOUT_SEARCH, None)
    assert snapshot(tmp_path / "site") == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")] == []


def test_the_live_sites_hidden_files_are_kept_and_never_written_through(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / ".well-known").mkdir(parents=True)
    (site / ".well-known/security.txt").write_text("old", encoding="utf-8")
    witness = tmp_path / "witness"
    os.link(site / ".well-known/security.txt", witness)  # the live file's bytes, whatever
    built = built_site(tmp_path, **{".well-known/security.txt": "new"})
    publish_built(built, site, WITHOUT_SEARCH, None)
    assert (site / ".well-known/security.txt").read_text(encoding="utf-8") == "new"
    assert witness.read_text(encoding="utf-8") == "old"


def test_a_site_and_its_built_folder_may_not_hold_each_other(tmp_path: Path) -> None:
    built = built_site(tmp_path)
    for site in (built / "site", tmp_path / "build"):
        with pytest.raises(BriefingError, match="are one inside the other"):
            publish_built(built, site, WITHOUT_SEARCH, None)
    with pytest.raises(BriefingError, match="is not a built site"):
        publish_built(tmp_path / "nothing", tmp_path / "site", WITHOUT_SEARCH, None)


def test_a_fault_that_names_no_file_is_told_of_the_folder_being_written(tmp_path: Path) -> None:
    """A full disk met while writing a file already open (`mkdocs serve`'s temporary site,
    the cache) names the folder, not just "the site"."""
    full = OSError(errno.ENOSPC, "No space left on device")
    assert describe_fault(full, None, tmp_path / "mkdocs_x") == \
        f"{tmp_path / 'mkdocs_x'}: No space left on device"
    staging = Staging.begin(tmp_path / "site")
    try:
        assert describe_fault(full, staging) == f"{tmp_path / 'site'}: No space left on device"
        named = OSError(errno.ENOSPC, "No space left on device", str(staging.folder / "a.html"))
        assert describe_fault(named, staging) == \
            f"{tmp_path / 'site' / 'a.html'}: No space left on device"
    finally:
        staging.discard()

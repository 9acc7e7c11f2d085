"""Publish a site that another builder wrote (Zensical, or anything else), as the plugin would.

`python -m generator publish BUILT` takes the folder a builder wrote from the
Markdown tree `render` writes and gives readers what a build with the MkDocs
plugin gives them: every page with the Content-Security-Policy, the search index
in parts (cached like a build's), the same checks, and the site swapped in one
step, so `site/` is at every moment the previous site or the whole new one. The
built folder itself is left as it was; the new site is a copy, never links to it
(the builder may write into its files in place next time).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from generator.base.paths import is_within
from generator.base.problems import BriefingError
from generator.base.settings import Settings
from generator.publish.csp import has_http_equiv, with_meta_policy
from generator.publish.pagefind import SearchIndexError
from generator.publish.search_index import SearchIndexer
from generator.publish.staging import Staging, as_published, describe_fault
from generator.render.page_table import SEARCH_INDEX

_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
"""The page's own content in Material's and Zensical's templates: a script there is the
page's, never the theme's, and is left out of the policy."""
_POLICY_TAG = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
"""The policy a page already carries (one built with the plugin): the only `http-equiv` a
page may have."""


def publish_built(built: Path, site: Path, settings: Settings, cache_dir: Path | None) -> int:
    """Publish the built site in `built` in place of `site`, with the CSP (`settings.csp`)
    and the search index (`settings.search`, cached in `cache_dir`); return how many pages
    it has. Raises `BriefingError` saying what is wrong, with `site` left as it was."""
    built = Path(os.path.realpath(built))
    if not (built / "index.html").is_file():
        raise BriefingError(f"{built} is not a built site (it has no index.html); build it "
                            "first")
    target = Path(os.path.realpath(site))
    if is_within(target, built) or is_within(built, target):
        raise BriefingError(f"{site} and {built} are one inside the other; publish the built "
                            "site to a folder of its own")
    staging = Staging.begin(target)
    try:
        pages = _copy(built, staging.folder, csp=settings.csp)
        if settings.search:
            SearchIndexer(cache_dir).build(staging.folder, target / SEARCH_INDEX)
        staging.publish()
    except OSError as error:
        raise BriefingError(f"{describe_fault(error, staging)}; nothing was published and "
                            f"{site} was left as it was") from None
    except SearchIndexError as error:
        cause = as_published(" ".join(str(error).split()), staging)
        raise BriefingError(f"the search index could not be built: {cause}; nothing was "
                            f"published and {site} was left as it was") from None
    finally:
        staging.discard()  # nothing left to discard once published
    return pages


def _copy(built: Path, folder: Path, *, csp: bool) -> int:
    """Copy the built site into `folder`, each page with its policy; return how many pages
    there are. A page that would carry a `<meta http-equiv>` of its own is refused, as
    the plugin refuses it."""
    refused = []
    pages = 0
    for current, dirs, names in os.walk(built):
        # Nothing reached through a link is published.
        dirs[:] = sorted(d for d in dirs if not Path(current, d).is_symlink())
        relative = Path(current).relative_to(built)
        (folder / relative).mkdir(exist_ok=True)
        for name in sorted(names):
            source, target = Path(current, name), folder / relative / name
            if source.is_symlink():
                continue
            # The staging folder starts with the live site's hidden files, linked: a file
            # written in their place must be a new one, never a write into the live site.
            target.unlink(missing_ok=True)
            if not name.endswith(".html"):
                shutil.copy2(source, target)
                continue
            pages += 1
            html = source.read_text(encoding="utf-8")
            without_policy = _POLICY_TAG.sub("", html)
            if has_http_equiv(without_policy):
                refused.append((relative / name).as_posix())
                continue
            if csp and without_policy == html:
                article = _ARTICLE.search(html)
                html = with_meta_policy(html, article.group(1) if article else "")
            target.write_text(html, encoding="utf-8")
    if refused:
        raise BriefingError(f"{len(refused)} page(s) carry a <meta http-equiv>, which could "
                            f"send readers elsewhere: {', '.join(refused[:5])}; remove it")
    return pages

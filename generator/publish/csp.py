"""A Content-Security-Policy for the built site: its own files only, and its own inline scripts.

The theme needs a few small inline scripts; they are allowed by hash, so any
other inline script, one that slipped into a page somehow, does not run.
Scripts are found as the theme and Markdown write them, `<script` in lower case:
one written otherwise is left out of the policy, so it does not run either (a
policy can only be too strict this way, never too lax).
Every page gets the policy as a `<meta>` tag (hosts such as GitHub Pages cannot
set headers), and `python -m generator csp site/` prints the same policy for a
host that can send it as a header, which is stronger (it also covers framing).
The policy stops a page's own scripts, but not a `<meta http-equiv>` (a refresh
sends readers elsewhere): no page is published with one (`find_http_equiv`).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

_SRC = re.compile(r"\bsrc\s*=", re.I)
_DIRECTIVES = {
    "default-src": "'none'",
    "script-src": "'self' 'wasm-unsafe-eval'",  # Pagefind's search runs as WebAssembly
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "manifest-src": "'self'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
_HEADER_ONLY = {"frame-ancestors": "'none'"}


def inline_script_hashes(html: str) -> list[str]:
    """CSP hash sources for every inline script in a page (JSON data blocks excepted)."""
    return [_hash_source(body) for body in _inline_scripts(html)]


@functools.lru_cache(maxsize=256)
def _hash_source(script: str) -> str:
    # Cached: the theme's few scripts are the same on every page at the same depth.
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    return f"'sha256-{digest}'"


def _inline_scripts(html: str) -> Iterator[str]:
    """The text of each script element that runs without `src`, in order.

    Found with `str.find` rather than a regular expression, and a data block's text is
    never copied: this runs on every page of a build, and a page's JSON-LD can be
    hundreds of kilobytes."""
    at = 0
    while (start := html.find("<script", at)) >= 0:
        tag_end = html.find(">", start)
        if tag_end < 0:
            return
        attributes = html[start + 7:tag_end]
        at = tag_end + 1
        if attributes[:1] not in ("", " ", "\t", "\n", "\r", "\f", "/"):
            continue  # another element (`<scripts>`), not a script
        end = html.find("</script>", at)
        if end < 0:
            return
        # Data (JSON, or JSON-LD for search engines) never runs.
        if not (_SRC.search(attributes) or "application/json" in attributes
                or "application/ld+json" in attributes):
            yield html[at:end]
        at = end + 9


def policy(hashes: Iterable[str], *, header: bool = True) -> str:
    """The policy allowing the site's own files and the given inline-script hashes."""
    directives = dict(_DIRECTIVES, **(_HEADER_ONLY if header else {}))
    allowed = sorted(set(hashes))
    if allowed:
        directives["script-src"] += " " + " ".join(allowed)
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def with_meta_policy(html: str, content: str = "") -> str:
    """The page with its policy in `<head>`, after the charset and before any script.

    Only the theme's inline scripts are allowed: a script inside the page's own
    `content` (the HTML rendered from Markdown) is left out of the policy, so it
    does not run.
    """
    theirs = set(inline_script_hashes(content)) if "<script" in content else set()
    ours = [h for h in inline_script_hashes(html) if h not in theirs]
    meta = ('<meta http-equiv="Content-Security-Policy" content="'
            f'{policy(ours, header=False)}">')
    charset = html.find("<meta charset=")
    if charset >= 0 and (end := html.find(">", charset) + 1):
        tag = html[charset:end]
    elif head := re.search(r"<head[^>]*>", html):
        tag = head.group()
    else:
        return html
    # The tag's first occurrence is the one found. `replace` copies the page once, where
    # joining its two halves took five times as long (80 us a page, on the bench's pages).
    return html.replace(tag, f"{tag}\n      {meta}", 1)


_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*?script-src ([^;"]*)')


def policy_for_site(site: Path) -> str:
    """The header policy for a built site: the union of its pages' `<meta>` policies."""
    hashes: set[str] = set()
    for page in site.rglob("*.html"):
        match = _META.search(page.read_text(encoding="utf-8"))
        if match:
            hashes.update(h for h in match.group(1).split() if h.startswith("'sha256-"))
    return policy(hashes)


_ATTRIBUTE = r"""[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?"""
_HTTP_EQUIV = re.compile(rf"<meta(?:\s+{_ATTRIBUTE})*?\s+http-equiv\s*=", re.I)
"""A `<meta>` with an `http-equiv` attribute (not the words in another's value)."""
_HTTP_EQUIV_TAG = re.compile(rf"""<meta(?:\s+{_ATTRIBUTE})*?\s+http-equiv\s*=\s*"""
                             rf"""(?:"[^"]*"|'[^']*'|[^\s"'>]+)(?:\s+{_ATTRIBUTE})*\s*/?>""", re.I)


def find_http_equiv(html: str) -> re.Match[str] | None:
    """The first `<meta http-equiv>` tag in `html`, if any."""
    return _HTTP_EQUIV.search(html)


def has_http_equiv(html: str) -> bool:
    """Whether `html` holds a `<meta http-equiv>` tag."""
    return _HTTP_EQUIV.search(html) is not None


def without_http_equiv(html: str) -> str:
    """`html` without its `<meta http-equiv>` tags."""
    return _HTTP_EQUIV_TAG.sub("", html)

"""A Content-Security-Policy for the built site: its own files only, and its own inline scripts.

The theme needs a few small inline scripts; they are allowed by hash, so any
other inline script, one that slipped into a page somehow, does not run.
Every page gets the policy as a `<meta>` tag (hosts such as GitHub Pages cannot
set headers), and `python -m generator csp site/` prints the same policy for a
host that can send it as a header, which is stronger (it also covers framing).
The policy stops a page's own scripts, but not a `<meta http-equiv>` (a refresh
sends readers elsewhere): no page is published with one (`find_http_equiv`).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

_INLINE_SCRIPT_START = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>", re.I)
_SCRIPT_END = re.compile(r"</script>", re.I)
_SCRIPT = re.compile(r"<script", re.I)
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
    hashes = []
    for attributes, body in _inline_scripts(html):
        if "application/json" in attributes or "application/ld+json" in attributes:
            continue  # data (JSON, or JSON-LD for search engines), never executed
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return hashes


def _inline_scripts(html: str) -> Iterator[tuple[str, str]]:
    """The attributes and text of each script element without `src`, in order.

    The end tag is searched for, not matched lazily character by character: a page's
    JSON-LD can be hundreds of kilobytes, and this runs on every page of a build."""
    at = 0
    while start := _INLINE_SCRIPT_START.search(html, at):
        end = _SCRIPT_END.search(html, start.end())
        if end is None:
            return
        yield start.group(1), html[start.end():end.start()]
        at = end.end()


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
    theirs = set(inline_script_hashes(content)) if _SCRIPT.search(content) else set()
    ours = [h for h in inline_script_hashes(html) if h not in theirs]
    meta = ('<meta http-equiv="Content-Security-Policy" content="'
            f'{policy(ours, header=False)}">')
    anchor = re.search(r"<meta charset=[^>]*>", html) or re.search(r"<head[^>]*>", html)
    if anchor is None:
        return html
    return f"{html[:anchor.end()]}\n      {meta}{html[anchor.end():]}"


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

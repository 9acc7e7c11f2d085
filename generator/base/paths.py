"""Paths as the build may use them and as messages show them.

`is_within` is the one rule for what lies inside the project: every path that
comes from content, configuration or the cache goes through it before it is
read, published or written, so a link (or a `..`) cannot lead the build to the
machine's other files. `shown` is how every message names a path.
"""

from __future__ import annotations

import os
from pathlib import Path


def is_within(path: Path, root: Path) -> bool:
    """True if `path`, with every link in it followed, is `root` or lies under it.

    The one rule for what the build may read, publish or write: every path that comes
    from content, configuration or the cache goes through it, so a link (or a `..`)
    cannot lead the build out of the project to the machine's other files. `root` is
    resolved too, so a project that is itself reached through a link still holds its
    own files. A path that cannot be resolved (a NUL in it, a loop of links that
    never ends) is not inside anything.
    """
    try:
        real = Path(os.path.realpath(path))
        base = Path(os.path.realpath(root))
    except (OSError, ValueError):
        return False
    return real == base or base in real.parents


def hidden(path: Path, root: Path) -> bool:
    """True if `path`, with every link followed, lies in a hidden part of the project
    `root` (a name starting with a dot): `.git/config` (where CI checkouts keep their
    token), `.env`, `.venv`. MkDocs never publishes those, and no link may reach them."""
    try:
        real = Path(os.path.realpath(path)).relative_to(os.path.realpath(root))
    except (OSError, ValueError):
        return True
    return any(part.startswith(".") for part in real.parts)


def safe_relative(name: str) -> bool:
    """True if `name` (such as a page's path, read from the cache or rendered) stays
    inside whatever folder it is joined to: relative, with no `..`, backslash or NUL. The
    same rule as `is_within`, for a path not yet on disk."""
    # On the string, not a PurePosixPath: a warm build asks this of every cached page.
    return bool(name) and not name.startswith("/") and ".." not in name.split("/") \
        and "\\" not in name and "\0" not in name


def shown(path: Path, root: Path) -> str:
    """A path as editors see it in messages: relative to the project, with slashes, and
    any unprintable character escaped so a message stays on one line."""
    try:
        text = Path(os.path.relpath(path, root)).as_posix()
    except ValueError:
        text = path.as_posix()
    return printable(text)


def printable(text: str) -> str:
    """`text` with unprintable characters written as escapes, such as `\\n`."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)

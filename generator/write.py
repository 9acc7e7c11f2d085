"""Write rendered files to a folder, all or nothing.

The tree is written into a fresh sibling folder first and swapped into
place only when complete, so an interrupted or failed render never leaves
a half-written folder behind. A folder not made by an earlier render is
never replaced, so `--out .` cannot wipe a project.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from .errors import BriefingError

MARKER = ".briefing-render"
"""File that marks a folder as written by `render`, so it may be replaced."""


def write_tree(out: Path, files: dict[str, str]) -> None:
    """Write `files` (relative path -> text) as the folder `out`; raises `BriefingError`
    when `out` may not be replaced or a path would leave it."""
    out = out.absolute()
    if out.exists() and not _replaceable(out):
        raise BriefingError(f"{out} exists and was not written by 'render'; "
                            "choose a new or empty folder")
    for name in files:
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or "\\" in name or "\0" in name:
            raise BriefingError(f"refusing to write outside {out}: {name!r}")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_folder(out.parent, f".{out.name}.new-")
    try:
        for name, text in sorted(files.items()):
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        (staging / MARKER).write_text("written by python -m generator render\n")
        if out.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            out.rename(retired / out.name)
            staging.rename(out)
            shutil.rmtree(retired)
        else:
            staging.rename(out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def staging_folder(parent: Path, prefix: str) -> Path:
    """A new, empty folder in `parent` to build something in before renaming it into
    place, with the permissions an ordinary new folder gets (not mkdtemp's private ones)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    mask = os.umask(0o022)
    os.umask(mask)
    folder.chmod(0o777 & ~mask)
    return folder


def _replaceable(folder: Path) -> bool:
    if not folder.is_dir() or folder.is_symlink():
        return False
    return (folder / MARKER).is_file() or not any(folder.iterdir())

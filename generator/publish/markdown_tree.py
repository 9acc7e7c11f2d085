"""Write rendered files to a folder, all or nothing, replacing only what `render` wrote.

The folder keeps a manifest (`.briefing-render`) of the files the last render
wrote. A new render builds the complete new folder beside the old one (its own
files, plus every file a user put there, kept by a hard link) and swaps the
two in one step, so an interrupted or failed render leaves the old folder
exactly as it was. Files the last render wrote and this one does not are
dropped; a file a user put there is never replaced or removed, and a folder
not made by `render` (such as the project itself) is never written into.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.base.paths import safe_relative
from generator.base.problems import BriefingError
from generator.publish.staging import Staging

MARKER = ".briefing-render"
"""The manifest: marks a folder as written by `render` and lists what it wrote."""
_HEADER = "written by python -m generator render"


def write_tree(out: Path, files: dict[str, str]) -> None:
    """Write `files` (relative path -> text) into the folder `out`; raises `BriefingError`
    when `out` may not be written or a path would leave it."""
    out = Path(os.path.realpath(out))
    for name in files:
        if not safe_relative(name) or name == MARKER:
            raise BriefingError(f"refusing to write outside {out}: {name!r}")
    owned: set[str] = set()
    if out.exists():
        found = _owned(out, files)
        if found is None:
            raise BriefingError(f"{out} exists and was not written by 'render'; "
                                "choose a new or empty folder")
        owned = found
    staging = Staging.begin(out, keep_hidden=False)
    try:
        for name, text in sorted(files.items()):
            target = staging.folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        if out.exists():
            _keep_users_files(out, staging.folder, files, owned)
        (staging.folder / MARKER).write_text("\n".join([_HEADER, *sorted(files)]) + "\n",
                                             encoding="utf-8")
        staging.publish(before_removing=lambda old: _rescue(old, out, owned))
    except OSError as error:
        raise BriefingError(f"cannot write {error.filename or out}: {error.strerror}; "
                            f"{out} was left as it was") from None
    finally:
        staging.discard()  # nothing left to discard once published


def _owned(out: Path, files: dict[str, str]) -> set[str] | None:
    """The files an earlier render wrote into `out` (an empty set for an empty folder);
    None if `out` is not a folder `render` wrote."""
    if out.is_symlink() or not out.is_dir():
        return None
    marker = out / MARKER
    if marker.is_symlink() or not marker.is_file():
        return set() if not any(out.iterdir()) else None
    lines = marker.read_text(encoding="utf-8", errors="replace").splitlines()
    if not lines or lines[0] != _HEADER:
        return None
    if len(lines) == 1:
        # Written before manifests: replace what this render writes, and remove nothing.
        return set(files)
    return {line for line in lines[1:] if safe_relative(line)}


def _keep_users_files(out: Path, staging: Path, files: dict[str, str],
                      owned: set[str]) -> None:
    """Carry every entry of `out` that render did not write into `staging` (by hard link:
    the same file, not a copy); refuse if a new file would take its place."""
    for current, dirs, names in os.walk(out):
        relative = Path(current).relative_to(out)
        for name in dirs:
            folder = relative / name
            if (out / folder).is_symlink():
                (staging / folder).symlink_to((out / folder).readlink())
            else:
                (staging / folder).mkdir(exist_ok=True)
        for name in names:
            path = (relative / name).as_posix()
            if path == MARKER or path in owned:
                continue
            if path in files:
                raise BriefingError(f"{out / path} was not written by 'render', and this "
                                    "render would replace it; move it away first")
            source = out / path
            if source.is_symlink():
                (staging / path).symlink_to(source.readlink())
            else:
                os.link(source, staging / path)
        dirs[:] = [d for d in dirs if not (out / relative / d).is_symlink()]


def _rescue(old: Path, out: Path, owned: set[str]) -> None:
    """Move into `out` any file a user added to the old folder while this render ran."""
    for current, dirs, names in os.walk(old):
        dirs[:] = [d for d in dirs if not Path(current, d).is_symlink()]
        for name in names:
            source = Path(current, name)
            path = source.relative_to(old).as_posix()
            target = out / path
            if path == MARKER or path in owned or target.exists() or target.is_symlink():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            source.rename(target)

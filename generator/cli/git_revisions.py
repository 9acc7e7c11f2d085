"""Files as they were at a git revision, written to a folder, for `diff` to load.

Only git's plumbing is used (`rev-parse`, `ls-tree`, `cat-file --batch`): no
checkout, no archive to unpack, nothing in the work tree or the index is
touched. Regular files are written; anything else in the tree (a symbolic
link, a submodule) is left out, as a build from a checkout would not follow
it outside the project either.
"""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

from generator.base.problems import BriefingError

_FILE_MODES = {b"100644", b"100755"}


def git(folder: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run git in `folder` and return what it printed; its complaint as a `BriefingError`."""
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], input=stdin,
                              capture_output=True, check=False)
    except FileNotFoundError:
        raise BriefingError("git is not installed; diff reads revisions with it") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BriefingError(said[-1] if said else f"git {args[0]} failed")
    return done.stdout


def toplevel(folder: Path) -> Path:
    """The root of the git work tree that holds `folder`."""
    try:
        return Path(git(folder, "rev-parse", "--show-toplevel").decode().strip())
    except BriefingError:
        raise BriefingError(f"{folder} is not in a git repository; diff compares git "
                            "revisions") from None


def commit_of(folder: Path, revision: str) -> str:
    """The commit that `revision` (a branch, tag, `HEAD~1`, a hash...) names."""
    try:
        found = git(folder, "rev-parse", "--verify", "--quiet", "--end-of-options",
                    f"{revision}^{{commit}}")
    except BriefingError:
        found = b""
    if not found.strip():
        raise BriefingError(f"unknown revision '{revision}'; name a commit, branch or tag, "
                            "such as HEAD~1 or origin/main")
    return found.decode().strip()


def path_in_tree(top: Path, path: Path) -> PurePosixPath:
    """Where `path` is in the work tree `top`, such as `content`; `.` for `top` itself."""
    try:
        return PurePosixPath(path.resolve().relative_to(top.resolve()).as_posix())
    except ValueError:
        raise BriefingError(f"{path} is outside the git repository {top}; diff reads "
                            "content and seeds from the repository") from None


def write_revision(top: Path, commit: str, paths: list[PurePosixPath], into: Path) -> None:
    """Write the regular files under `paths` (folders in the work tree `top`, as `path_in_tree`
    gives them), as they were at `commit`, to the same places under `into`."""
    listing = git(top, "ls-tree", "-r", "-z", "--full-tree", commit, "--",
                  *(str(path) for path in paths))
    names: list[str] = []
    objects: list[bytes] = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        info, _, name = entry.partition(b"\t")
        mode, kind, obj = info.split(b" ")
        if kind == b"blob" and mode in _FILE_MODES:
            names.append(name.decode("utf-8", "surrogateescape"))
            objects.append(obj)
    if not objects:
        return
    blobs = git(top, "cat-file", "--batch", stdin=b"\n".join(objects) + b"\n")
    start = 0
    for stored in names:
        header_end = blobs.index(b"\n", start)
        size = int(blobs[start:header_end].split(b" ")[2])
        data = blobs[header_end + 1:header_end + 1 + size]
        start = header_end + 1 + size + 1  # the blob, then a line feed
        relative = PurePosixPath(stored)
        if relative.is_absolute() or ".." in relative.parts:
            continue  # git does not store such names; never write outside `into`
        target = into.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

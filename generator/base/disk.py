"""Reading and replacing files without being fooled or leaving half a job behind.

Reads never block and never run away: a pipe or a device put where a file
belongs is refused by what it is, before a byte is read, and no read takes
more than the limit it is given. Writes go to a new file or folder beside the
target and are renamed into place, so an interruption at any moment leaves
either the old version or the new one.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path


class NotRegularError(OSError):
    """The path is a pipe, a device, a socket or a folder, not a regular file."""


class TooLargeError(OSError):
    """The file is larger than the reader allows."""

    def __init__(self, size: int) -> None:
        super().__init__(errno.EFBIG, "file too large")
        self.size = size


def read_regular(path: Path, limit: int, *, follow: bool = True) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    Raises `NotRegularError` for anything else (without waiting on a pipe), and
    `TooLargeError` past `limit`. With `follow=False` a link is refused too (it raises
    OSError with ELOOP), as the cache does: it only reads files it wrote itself.
    """
    # Looked at before it is opened: opening a device can have effects of its own.
    before = path.stat(follow_symlinks=follow)
    if not stat.S_ISREG(before.st_mode):
        raise NotRegularError(errno.EINVAL, "not a regular file")
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow else os.O_NOFOLLOW)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        if error.errno in (errno.ENXIO, errno.EOPNOTSUPP):  # a socket, or a FIFO's peer
            raise NotRegularError(errno.EINVAL, "not a regular file") from None
        raise
    with os.fdopen(handle, "rb") as file:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularError(errno.EINVAL, "not a regular file")
        if info.st_size > limit:
            raise TooLargeError(info.st_size)
        # As much as fstat says, not `limit`: Python reserves what it is asked to read, and
        # under an address-space limit (ulimit -v) 256 MiB for each small file fails.
        data = file.read(info.st_size + 1)
        if len(data) > info.st_size:  # it grew while being read
            data += file.read(limit + 1 - len(data))
    if len(data) > limit:
        raise TooLargeError(len(data))
    return data


def write_atomically(path: Path, data: bytes, *, prefix: str = ".tmp-") -> None:
    """Write `data` to `path` whole or not at all: into a new file beside it (named with
    `prefix`), renamed over `path` once complete, so a reader or a crash sees the old
    file or the new one, never half of one. Raises `OSError`; the new file is removed
    whatever stops the write."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=prefix)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def staging_folder(parent: Path, prefix: str) -> Path:
    """A new, empty folder in `parent` to build something in before renaming it into
    place, with the permissions an ordinary new folder gets (not mkdtemp's private ones)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    mask = os.umask(0o022)
    os.umask(mask)
    folder.chmod(0o777 & ~mask)
    return folder


_RENAME_EXCHANGE = 2


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step, so no one ever sees neither (Linux `renameat2` with
    RENAME_EXCHANGE). False where the system or the file system cannot; then the caller
    falls back to two renames."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_cwd = -100
    result = renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second),
                       _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """Hard-link `source` at `target`, or copy it where a link cannot be made (another
    file system, or one without links)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)

"""Writing output files safely: atomically, and never over a file without --force."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputExists(Exception):
    """The output file exists and overwriting it was not asked for."""


class NotAFile(Exception):
    """The output path is a symlink, a directory or a device: it is not replaced."""


def atomic_write(path: str | Path, text: str, *, force: bool = False) -> None:
    """Write text to path so that readers see the old file or the whole new one.

    The text goes to a temporary file in the same directory, is flushed to disk, and
    is then linked (no --force: fails if the path exists, even if it appeared
    meanwhile) or renamed (with --force) into place. A failure leaves no partial file.

    Raises:
        OutputExists: The file exists and `force` is false.
        NotAFile: The path exists but is not a regular file (a symlink, a device).
        OSError: The directory cannot be written.
    """
    target = Path(path)
    if not force and target.exists():
        raise OutputExists(str(target))
    if target.is_symlink() or (target.exists() and not target.is_file()):
        # --force replaces by renaming: a symlink, a device or a FIFO would be swapped
        # for a regular file (as root, /dev/full was). Writing through them is not atomic.
        raise NotAFile(str(target))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise OutputExists(str(target)) from None
            os.unlink(tmp)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise

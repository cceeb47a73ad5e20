"""Writing a binary output file (a picture) as `atomic.atomic_write` writes text.

The same rules as for text: the bytes go to a temporary file beside the target, are
flushed to disk, then linked into place (failing if the target appeared meanwhile)
or, with --force, renamed over it; a symlink, a directory or a device is never
replaced; a failure leaves no partial file. (`atomic_write` takes text only; this
is its twin for bytes until it takes both.)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from timeline.write.atomic import NotAFile, OutputExists


def atomic_write_bytes(path: str | Path, data: bytes, *, force: bool = False) -> None:
    """Write bytes to path so that readers see the old file or the whole new one.

    Raises:
        OutputExists: The file exists and `force` is false.
        NotAFile: The path exists but is not a regular file (a symlink, a device).
        OSError: The directory cannot be written.
    """
    target = Path(path)
    if not force and target.exists():
        raise OutputExists(str(target))
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise NotAFile(str(target))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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

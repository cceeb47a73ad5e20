"""Each archive read and indexed once, for every quote that cites it.

Archive paths come from the timeline file, which may not be the user's own: they are
taken relative to the timeline file's folder and must stay inside it (no absolute
path, no `..` out of it), so that checking a file someone sent cannot print passages
of other files on the machine. The check is on the path as written; a symbolic link
inside the folder is followed, as the user who made it meant.
"""

from __future__ import annotations

import posixpath
from pathlib import Path, PurePosixPath, PureWindowsPath

from timeline.verify.archive_text import MAX_ARCHIVE_BYTES, ArchiveError, read_archive
from timeline.verify.match import Match, SourceText, check


def resolve(base: Path, archive: str) -> Path:
    """The file an archive path names, relative to the timeline's folder `base`.

    Raises:
        ArchiveError: The path is empty, absolute, or leads out of `base`.
    """
    written = archive.replace("\\", "/")
    if not written.strip():
        raise ArchiveError(archive, "archive path is empty")
    if PurePosixPath(written).is_absolute() or PureWindowsPath(archive).drive:
        raise ArchiveError(
            archive, "archive must be a path relative to the timeline file's folder, not absolute"
        )
    tidy = posixpath.normpath(written)
    if tidy == ".." or tidy.startswith("../"):
        raise ArchiveError(
            archive, "archive must be inside the timeline file's folder (the path leads out of it)"
        )
    return base / tidy


class Archives:
    """Archives of one timeline file, each read and normalised on first use.

    Args:
        base: The timeline file's folder; archive paths are relative to it.
        limit: The largest archive read, in bytes.
    """

    def __init__(self, base: Path, *, limit: int = MAX_ARCHIVE_BYTES) -> None:
        self.base = base
        self.limit = limit
        self._texts: dict[str, SourceText | ArchiveError] = {}

    def get(self, archive: str) -> SourceText:
        """The indexed text of an archive.

        Raises:
            ArchiveError: It cannot be read (the same error again for every later quote).
        """
        known = self._texts.get(archive)
        if known is None:
            try:
                path = resolve(self.base, archive)
                known = SourceText(read_archive(path, name=archive, limit=self.limit))
            except ArchiveError as error:
                known = error
            self._texts[archive] = known
        if isinstance(known, ArchiveError):
            raise known
        return known

    def check(self, quote: str, archive: str) -> Match:
        """Check a quote against an archive.

        Raises:
            ArchiveError: The archive cannot be read.
        """
        return check(quote, self.get(archive))

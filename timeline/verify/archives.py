"""Each archive read and indexed once, for every quote that cites it.

Archive paths come from the timeline file, which may not be the user's own: they are
taken relative to the timeline file's folder and must stay inside it (no absolute
path, no `..` out of it), so that checking a file someone sent cannot print passages
of other files on the machine. The check is made twice: on the path as written, and
on where it leads once symbolic links are followed, since a tarball or zip someone
sends can carry a link (`sources/article.txt -> /etc/passwd`, or `sources/etc -> /etc`).
A link that stays inside the folder is followed (`sources/latest.html -> ab12.html`).

The folder is the real file's (`folder_of`), for every spelling of its path: through
a link to the file (`g.toml -> ../elsewhere/g.toml`) `archive` saved under the link's
folder and `verify` of the file itself then found nothing.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path, PurePosixPath, PureWindowsPath

from timeline.verify.archive_text import (
    MAX_ARCHIVE_BYTES,
    NO_SUCH_ARCHIVE,
    ArchiveError,
    read_archive,
)
from timeline.verify.match import check
from timeline.verify.results import Match, Outcome
from timeline.verify.source_text import SourceText

# Which result is best when a quote's event has several archived sources.
_RANK = {
    Outcome.VERBATIM: 0,
    Outcome.TYPOGRAPHIC: 1,
    Outcome.EDITED: 2,
    Outcome.NOT_FOUND: 3,
    Outcome.UNCHECKED: 4,
}


def folder_of(timeline_file: str | Path) -> Path:
    """The folder a timeline file's archive paths are relative to: the real file's,
    links followed, as the cache and reading a file once know a file by its real
    path. `archive`, `verify` and the viewer all take it from here."""
    return Path(os.path.realpath(timeline_file)).parent


def resolve(base: Path, archive: str) -> Path:
    """The file an archive path names, relative to the timeline's folder `base`.

    The file is named with its links followed, so that what is read is what was checked.

    Raises:
        ArchiveError: The path is empty, absolute, leads out of `base` (as written or
            through a symbolic link), or names nothing.
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
    path = base / tidy
    try:
        # Strict: a link to nothing (or to a place not there yet) is never read at all.
        real, home = path.resolve(strict=True), base.resolve(strict=True)
    except FileNotFoundError:
        raise ArchiveError(archive, NO_SUCH_ARCHIVE) from None
    except RuntimeError:  # Python 3.11's word for a loop of links
        raise ArchiveError(archive, "cannot be read: a loop of symbolic links") from None
    except OSError as exc:
        raise ArchiveError(archive, f"cannot be read: {exc.strerror or exc}") from None
    if not real.is_relative_to(home):
        raise ArchiveError(
            archive,
            "archive must be inside the timeline file's folder (the path leads out of it "
            "through a symbolic link; a link is followed only to a file inside the folder)",
        )
    return real


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
                known = SourceText.of(read_archive(path, name=archive, limit=self.limit))
            except ArchiveError as error:
                known = error
            self._texts[archive] = known
        if isinstance(known, ArchiveError):
            raise known
        return known

    def error(self, archive: str) -> ArchiveError | None:
        """Why an archive cannot be read, or None when it can (read once, as by `get`)."""
        try:
            self.get(archive)
        except ArchiveError as error:
            return error
        return None

    def check(self, quote: str, archive: str) -> Match:
        """Check a quote against an archive.

        Raises:
            ArchiveError: The archive cannot be read.
        """
        return check(quote, self.get(archive))

    def check_any(self, quote: str, archives: list[str]) -> tuple[str, Match]:
        """The best result among several archives, and which archive gave it.

        Verbatim beats typographic beats not found; among equals, the higher score, then
        the first archive. Archives that cannot be read are passed over while another
        can be; the caller reports them on their own (`error`).

        Raises:
            ArchiveError: None of them can be read (the first one's error).
            ValueError: The list is empty.
        """
        if not archives:
            raise ValueError("no archive to check against")
        results: list[tuple[str, Match]] = []
        first_error: ArchiveError | None = None
        for archive in archives:
            try:
                results.append((archive, self.check(quote, archive)))
            except ArchiveError as error:
                first_error = first_error or error
        if not results:
            assert first_error is not None
            raise first_error
        return min(results, key=lambda found: (_RANK[found[1].outcome], -found[1].score))

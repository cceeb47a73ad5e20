"""Files kept beside a cache entry, made from the timeline it holds: what a stored
timeline needs of every event that is too large to hold in memory or too slow to make
at each open, written once and read a part at a time. The folded text search looks in
(`.search`, timeline/query/search_text.py: 1.2 GB held at 1,000,000 events) and the
filters' index of values (`.values`, timeline/query/value_index.py: 8-10 s to make at
1,000,000 events).

Each is trusted as the entry is (timeline/cache.py): it names the SHA-256 of the entry's
body it was made from and the code that made it, and ends with the SHA-256 of its own
body, checked whole when it is opened; it is plain data through `marshal`; it is
written to a temporary file and renamed; it is pruned and cleared with the entries.
One that cannot be trusted is made again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from timeline.cache import (
    BESIDE,
    FORMAT,
    _fingerprint,
    _hashed,
    _never,
    _prune,
    _trusted,
    directory,
)
from timeline.cache_rows import PART, TRAILER
from timeline.stopping import waiting
from timeline.store import Entry

_MAGIC = b"timeline-beside\n"


class Beside:
    """A file kept beside an entry, open and checked: its parts read as they are asked
    for, from any thread (each read names its offset: no shared position)."""

    def __init__(self, file: BinaryIO, parts: list[tuple[int, int]]) -> None:
        self._file = file
        self._parts = parts

    def __len__(self) -> int:
        return len(self._parts)

    def part(self, number: int) -> Any:
        """One part, as it was written."""
        start, length = self._parts[number]
        data = os.pread(self._file.fileno(), length, start)
        if len(data) != length:  # checked whole when opened: only a failing disk
            raise OSError(f"a file beside the cache entry ends before its part {number} does")
        return marshal.loads(data)

    def close(self) -> None:
        self._file.close()


def _path(entry: Entry, suffix: str) -> Path:
    assert suffix in BESIDE
    return entry.path.with_suffix(suffix)


def _header(entry: Entry) -> bytes:
    # The code that made it, as for an entry: the same entry's search text is made
    # anew by a version that folds text another way.
    made = {"format": FORMAT, "code": _fingerprint(), "entry": entry.digest}
    return json.dumps(made).encode() + b"\n"


_MAKING: dict[Path, threading.Lock] = {}
_MAKING_LOCK = threading.Lock()


@contextlib.contextmanager
def making(entry: Entry, suffix: str) -> Iterator[None]:
    """Held while the file of this kind beside the entry is looked for and, when there
    is none, made: the viewer's thread writing the cache makes it after a first open,
    and a first search or filter may need it meanwhile. The second waits, then opens
    what the first wrote, rather than making it again beside it (20 s at 1,000,000)."""
    with _MAKING_LOCK:
        lock = _MAKING.setdefault(_path(entry, suffix), threading.Lock())
    # A search waiting here is not awaited meanwhile: the viewer's writer, holding the
    # lock, would otherwise wait for the search to end (`stopping.waiting`).
    with waiting():
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


#: What was made of stored events before they had an entry, by their id and its kind.
_ASIDE: dict[tuple[int, str], Any] = {}
_ASIDE_LOCK = threading.Lock()


def keep_aside(events: object, suffix: str, made: object) -> None:
    """Keep what was made of these events (stored, with no entry yet: a first read's)
    for the file of this kind beside their entry: the viewer's writer, once it has
    written the entry, keeps that (`kept_aside`) rather than make it again. Forgotten
    with the events."""
    key = (id(events), suffix)
    with _ASIDE_LOCK:
        _ASIDE[key] = made
    weakref.finalize(events, _forget_aside, key, made)


def kept_aside(events: object, suffix: str) -> Any:
    """What `keep_aside` kept of these events for that kind of file; None if nothing."""
    with _ASIDE_LOCK:
        return _ASIDE.get((id(events), suffix))


def _forget_aside(key: tuple[int, str], made: object) -> None:
    with _ASIDE_LOCK:
        if _ASIDE.get(key) is made:  # (another object may have its id since)
            del _ASIDE[key]


def open_beside(entry: Entry, suffix: str) -> Beside | None:
    """The file of this kind beside the entry, made from it and checked whole against
    its SHA-256; None when there is none, or it cannot be trusted."""
    path = _path(entry, suffix)
    if not _trusted(path):
        return None
    try:
        file = path.open("rb")
    except OSError:
        return None
    try:
        if file.readline() == _MAGIC and file.readline() == _header(entry):
            parts = _checked(file)
            if parts is not None:
                return Beside(file, parts)
    except (OSError, ValueError):
        pass
    file.close()
    return None


def _checked(file: BinaryIO) -> list[tuple[int, int]] | None:
    """Where each part of the body is, when the body matches the SHA-256 in the trailer."""
    start = file.tell()
    end = os.fstat(file.fileno()).st_size - TRAILER.size
    if end < start:
        return None
    file.seek(end)
    length, expected = TRAILER.unpack(file.read(TRAILER.size))
    if start + length != end:
        return None
    file.seek(start)
    digest = hashlib.sha256()
    parts: list[tuple[int, int]] = []
    at = start
    while at < end:  # each part's length, then the part: hashed as they are read
        head = file.read(PART.size)
        digest.update(head)
        if len(head) != PART.size:
            return None
        (size,) = PART.unpack(head)
        parts.append((at + PART.size, size))
        at += PART.size + size
        if not _hashed(file, size, digest):
            return None
    return parts if at == end and digest.digest() == expected else None


def write_beside(
    entry: Entry,
    suffix: str,
    parts: Iterable[Any],
    stopped: Callable[[], bool] = _never,
    growing: Callable[[Beside], None] | None = None,
) -> Beside | None:
    """Write the file of this kind beside the entry, and give it open; None when it
    cannot be written or `stopped` says to give up (asked between parts). `growing`,
    when given, is handed the file before the first part is written: its parts can be
    read, from any thread, as soon as each is written (`Beside.__len__` counts them).

    With the cache turned off since the entry was read, the file is still written
    (beside the entry, whose folder exists) but removed at once: what was written is
    read from the open file, and nothing stays behind.
    """
    folder = entry.path.parent
    keep = directory() is not None
    try:
        if keep:
            _prune(folder)
        handle, temporary = tempfile.mkstemp(
            dir=folder, prefix=f"{entry.path.stem}.", suffix=".partial"
        )
    except OSError:
        return None
    file = os.fdopen(handle, "w+b")
    try:
        file.write(_MAGIC + _header(entry))
        digest = hashlib.sha256()
        where, length = _parts_written(file, parts, stopped, digest, growing)
        file.write(TRAILER.pack(length, digest.digest()))
        file.flush()
        if keep:
            os.replace(temporary, _path(entry, suffix))
        else:
            os.unlink(temporary)
    except (OSError, TypeError, ValueError, _Stopped):
        _removed(file, temporary)
        return None
    except BaseException:  # what made the parts was given up (`stopping`), or Ctrl-C
        _removed(file, temporary)
        raise
    return Beside(file, where)


def write_aside(
    parts: Iterable[Any],
    stopped: Callable[[], bool] = _never,
    growing: Callable[[Beside], None] | None = None,
) -> Beside | None:
    """The parts written as `write_beside` writes them (`growing` too), to a file with
    no name (gone once closed), and given open; None when it cannot be written or
    `stopped` says to give up. For what a timeline with no cache entry (yet) would
    otherwise hold in memory: a first read's search text took 1.2 GB at 1,000,000 events."""
    try:
        file = tempfile.TemporaryFile(prefix="timeline-")  # noqa: SIM115 (kept open: read)
    except OSError:
        return None
    try:
        where, _ = _parts_written(file, parts, stopped, None, growing)
        file.flush()
    except (OSError, TypeError, ValueError, _Stopped):
        file.close()
        return None
    except BaseException:  # what made the parts was given up (`stopping`), or Ctrl-C
        file.close()
        raise
    return Beside(file, where)


def _parts_written(
    file: BinaryIO,
    parts: Iterable[Any],
    stopped: Callable[[], bool],
    digest: Any,
    growing: Callable[[Beside], None] | None = None,
) -> tuple[list[tuple[int, int]], int]:
    """Write each part marshalled, preceded by its length, from where the file is
    (hashed into `digest`, unless None); where each part is, and the bytes written.
    With `growing`, each part is flushed before it is counted in the file handed to it."""
    where: list[tuple[int, int]] = []
    if growing is not None:
        growing(Beside(file, where))  # reads what `where` lists, as it grows
    start = at = file.tell()
    for value in parts:
        if stopped():
            raise _Stopped
        data = marshal.dumps(value)
        head = PART.pack(len(data))
        for piece in (head, data):  # written apart: no copy of the part
            file.write(piece)
            if digest is not None:
                digest.update(piece)
        if growing is not None:
            file.flush()  # readable through its descriptor before it is listed
        where.append((at + PART.size, len(data)))
        at += PART.size + len(data)
    return where, at - start


def _removed(file: BinaryIO, temporary: str) -> None:
    """Close and remove a file that was not written whole."""
    file.close()
    with contextlib.suppress(OSError):
        os.unlink(temporary)


class _Stopped(Exception):
    """A write given up (`write_beside`'s `stopped`)."""

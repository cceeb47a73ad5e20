"""A cache of loaded large files: opening the same 100,000 events again skips parsing them.

What it holds: for each large file (1 MB and more) that loaded without errors, a full
copy of its timeline and warnings, under $XDG_CACHE_HOME/timeline (~/.cache/timeline
by default). That is a copy of the story: for a confidential one, turn the cache off
(TIMELINE_CACHE=0) and clear what it wrote before (`timeline cache clear`, which works
with the cache on or off). Entries unused for 30 days are
pruned, and the oldest beyond 1 GB in all (never the one used last). A stored timeline's
search text and index of values are kept beside its entry, and go with it
(timeline/cache_beside.py).

When it is used: only for the same file (its resolved path: `a.toml` and `./a.toml`
are one file) with the same size, modification time and SHA-256 of its bytes, loaded
by the same code (a fingerprint of the core's modules and of Python's version). A file
that changed in any way, or a new version of timeline, means a fresh load.

Why it can be trusted:
- An entry is plain data (strings, numbers and tuples through `marshal`), never
  pickle: reading one cannot run code.
- It ends with the SHA-256 of everything before it, checked before anything is
  decoded: a changed byte is a miss, never a changed title.
- The folder is made readable by its owner only (0700), and entries not owned by the
  user, or in a folder others can write to, are ignored.
- Entries are written to a temporary file and renamed, so a reader never sees half of
  one; temporary files a killed writer left behind are removed by the next writer.
Any entry that cannot be read is a miss; failing to write one is not an error.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import marshal
import os
import struct
import sys
import threading
import time
from array import array
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from timeline.model import ERA, EVENT, MEDIA, SOURCE, WHEN, Event, Timeline, When
from timeline.problems import Problem
from timeline.schema import Rows
from timeline.store import COLUMNS, Entry, StoredEvents

#: Bump when the layout of an entry changes.
FORMAT = 4
_MAGIC = b"timeline-cache\n"
#: An entry ends with its body's length and SHA-256.
_TRAILER = struct.Struct("<Q32s")
#: Each marshalled part of the body is preceded by its length.
_PART = struct.Struct("<Q")
#: Events per marshalled slice: memory stays at a slice's rows, not the whole copy's.
SLICE = 1_000
#: Dates per marshalled part.
_DATES_PART = 10_000
#: Bytes hashed at a time: two hashes run at once (`_open`), each holding a block.
_BLOCK = 1 << 20
#: Entries unused for this long are removed, and the oldest beyond `_KEEP_BYTES`.
_KEEP_SECONDS = 30 * 24 * 3600
_KEEP_BYTES = 1 << 30
#: A temporary file older than this was left by a writer that died.
_STALE_SECONDS = 3600
#: What the files kept beside an entry end with (see `timeline.cache_beside`).
BESIDE = (".search", ".values")

Key = tuple[object, ...]


def directory() -> Path | None:
    """Where entries are read and written, or None when the cache is turned off."""
    if os.environ.get("TIMELINE_CACHE", "1") == "0":
        return None
    return location()


def location() -> Path:
    """Where entries are kept, the cache on or off: turning it off stops its use, and
    leaves what it wrote before until it is cleared."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "timeline"


@functools.cache
def _fingerprint() -> str:
    # Read once: it must describe the code that is running, not files edited since.
    # marshal's format may change between Python versions.
    digest = hashlib.sha256(f"{FORMAT} {sys.version}".encode())
    # Every module of the core: any of them may change what a load produces.
    here = Path(__file__).resolve().parent
    for path in sorted(here.rglob("*.py")):
        if "ui" not in path.relative_to(here).parts:
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _entry(path: Path) -> Path | None:
    where = directory()
    if where is None:
        return None
    name = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32]
    return where / f"{name}.entry"


def key(path: Path, name: str, size: int, mtime_ns: int, digest: str) -> Key:
    """What must match for an entry to stand for this file (`name` is how it was given:
    entries are shared by every spelling of the file's path, so it is not part of it)."""
    del name
    return (_fingerprint(), str(path.resolve()), size, mtime_ns, digest)


def _trusted(entry: Path) -> bool:
    """Whether an entry and its folder belong to this user and nobody else can write them."""
    if not hasattr(os, "getuid"):
        return True
    try:
        folder, stat = os.stat(entry.parent), os.stat(entry)
    except OSError:
        return False
    uid = os.getuid()
    return (
        folder.st_uid == uid
        and stat.st_uid == uid
        and not folder.st_mode & 0o022
        and not stat.st_mode & 0o022
    )


def get(
    path: Path,
    name: str,
    progress: Callable[[float], None] | None = None,
    stored_from: int = 0,
) -> tuple[Timeline, list[Problem]] | None:
    """The cached timeline and problems for this file as it is now, or None.

    `name` is how the file was given: the events and problems say it, whichever
    spelling of the path the entry was written under. From `stored_from` events (when
    not 0) they are made as they are asked for (`StoredEvents`): the whole is there at
    once. Fewer are all made now (0.5 s at 100,000 events), and `progress` is told the
    fraction read after each slice but the last.
    """
    opened = _open(path)
    if opened is None:
        return None
    try:
        with opened.file as file:
            reader = _Reader(file, name)
            if stored_from and reader.count >= stored_from:
                timeline = reader.timeline(reader.stored(opened.entry))
            else:
                timeline = reader.timeline(tuple(reader.events(progress)))
            return (timeline, reader.problems) if opened.current() else None
    except Exception:  # a cache that cannot be read (truncated, older format) is a miss
        return None


class Streamed(NamedTuple):
    """A cached timeline read a slice of events at a time (see `stream`)."""

    timeline: Timeline
    """The timeline's own fields: title, summary, zone, source, media, eras; no events."""
    problems: list[Problem]
    total: int
    """How many events `events` gives."""
    events: Iterator[Event]
    """The events in the timeline's order, decoded as they are asked for.

    Raises:
        CacheError: The entry could not be read to its end (it was checked whole
            before the first event, so only a failing disk does this).
    """
    entry: BinaryIO

    def close(self) -> None:
        """Close the entry, whether or not every event was read."""
        self.entry.close()


class CacheError(Exception):
    """A cache entry, checked whole, could not be read to its end."""


def stream(path: Path, name: str) -> Streamed | None:
    """The cached timeline of this file as it is now, its events read as they are asked
    for, or None. An export of 1,000,000 events then holds a slice of them at a time,
    not all of them (5.7 GB to TimelineJS, with the whole timeline held)."""
    opened = _open(path)
    if opened is None:
        return None
    try:
        reader = _Reader(opened.file, name)
    except Exception:
        reader = None
    if reader is None or not opened.current():
        opened.file.close()
        return None
    return Streamed(
        reader.timeline(()), reader.problems, reader.count, reader.stream(), opened.file
    )


class _Opened(NamedTuple):
    """An entry open where its body starts, its bytes checked against its SHA-256, and
    whether it stands for the file as it is now (`current`, which waits for the file's
    SHA-256: the entry is read meanwhile)."""

    file: BinaryIO
    current: Callable[[], bool]
    entry: Entry


def _open(path: Path) -> _Opened | None:
    """The entry for this file, open where its body starts and checked whole against
    its SHA-256; None when there is none, or it cannot be trusted or read."""
    entry = _entry(path)
    if entry is None or not _trusted(entry):
        return None
    try:
        file = entry.open("rb")
    except OSError:
        return None
    try:
        if file.readline() == _MAGIC:
            header = json.loads(file.readline())
            stat = os.stat(path)
            # Cheap checks first; the file's bytes are hashed only when they pass.
            wanted = key(path, "", stat.st_size, stat.st_mtime_ns, "")
            if header.get("format") == FORMAT and tuple(header["key"][:4]) == wanted[:4]:
                # The file is hashed in a thread (hashlib lets go of the interpreter)
                # while the entry is checked and then read: at 1,000,000 events the
                # two hashes took 0.43 s and 0.32 s one after the other, and reading
                # the entry's dates and columns 0.5 s.
                digest: list[str] = []

                def hash_file() -> None:
                    # Failing is a miss: the load says what is wrong with the file.
                    with contextlib.suppress(OSError):
                        digest.append(digest_of(path))

                hashing = threading.Thread(target=hash_file, daemon=True)
                hashing.start()

                def current() -> bool:
                    hashing.join()
                    if digest != [header["key"][4]]:
                        return False
                    os.utime(entry)  # used: kept from pruning
                    return True

                body = _intact(file)
                if body is not None:
                    return _Opened(file, current, Entry(entry, body.hex()))
    except Exception:  # a cache that cannot be read (truncated, older format) is a miss
        pass
    file.close()
    return None


def _intact(file: BinaryIO) -> bytes | None:
    """The body's SHA-256 (from here to the trailer) when it matches the one in the
    trailer, read a block at a time; the file is left where the body starts."""
    start = file.tell()
    end = file.seek(0, os.SEEK_END)
    if end - start < _TRAILER.size:
        return None
    file.seek(end - _TRAILER.size)
    length, expected = _TRAILER.unpack(file.read(_TRAILER.size))
    if start + length + _TRAILER.size != end:
        return None
    file.seek(start)
    digest = hashlib.sha256()
    if not _hashed(file, length, digest):
        return None
    file.seek(start)
    return expected if digest.digest() == expected else None


def _hashed(file: BinaryIO, length: int, digest: Any) -> bool:
    """Add the next `length` bytes of the file to the digest, a block at a time; False
    when the file ends before."""
    left = length
    while left > 0:
        block = file.read(min(_BLOCK, left))
        if not block:
            return False
        digest.update(block)
        left -= len(block)
    return True


def digest_of_bytes(data: bytes) -> str:
    """SHA-256 of bytes read whole, as `digest_of` gives it for the file holding them."""
    return hashlib.sha256(data).hexdigest()


def digest_of(path: Path) -> str:
    """SHA-256 of a file's bytes, read a block at a time (as the loader's scan takes it)."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def writer(
    path: Path,
    stored: Key,
    timeline: Timeline,
    problems: list[Problem],
    *,
    slice_events: int = SLICE,
    named: bool = False,
) -> Writer | None:
    """What writes the entry for this load; None when the cache is off.

    `named` says the timeline's title is the file's name (the file has none): it is
    then the name each reader gives the file by, not the one it was written under.

    The viewer shows a file first and writes its entry afterwards, in a thread of its
    own (0.45 s at 100,000 events, otherwise spent before the first screen). Its events
    are written `slice_events` at a time: reading, streaming and giving up a write go
    a slice at a time.
    """
    entry = _entry(path)
    if entry is None:
        return None
    write = functools.partial(_write, entry, stored, timeline, problems, slice_events, named)
    return Writer(write, timeline)


def _never() -> bool:
    return False


class Writer:
    """Writes one load's entry when called, and gives it (None when it could not be
    written); `stopped`, asked between slices of events, makes it give up and remove
    its temporary file (the viewer is closing: leaving waits for a slice, not for the
    whole entry). `timeline` is what it writes, for what is kept beside the entry."""

    def __init__(
        self, write: Callable[[Callable[[], bool]], Entry | None], timeline: Timeline
    ) -> None:
        self._write = write  # `_write` with this load's entry, key, timeline...
        self.timeline = timeline

    def __call__(self, stopped: Callable[[], bool] = _never) -> Entry | None:
        return self._write(stopped)


class _Stopped(Exception):
    """A write given up (see `Writer`)."""


def _write(
    entry: Path,
    stored: Key,
    timeline: Timeline,
    problems: list[Problem],
    slice_events: int,
    named: bool,
    stopped: Callable[[], bool],
) -> Entry | None:
    import tempfile  # only writing needs it

    try:
        folder = entry.parent
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(folder, 0o700)  # a timeline may be confidential: owner only
        _prune(folder)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f"{entry.stem}.", suffix=".partial")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(_MAGIC)
                header = {"format": FORMAT, "key": list(stored)}
                file.write(json.dumps(header, separators=(",", ":")).encode() + b"\n")
                digest = hashlib.sha256()
                length = 0
                for value in _encode(timeline, problems, slice_events, named):
                    if stopped():
                        raise _Stopped
                    # Each part preceded by its length, written apart: no copy of it.
                    data = marshal.dumps(value)
                    for piece in (_PART.pack(len(data)), data):
                        file.write(piece)
                        digest.update(piece)
                        length += len(piece)
                file.write(_TRAILER.pack(length, digest.digest()))
            os.replace(temporary, entry)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, TypeError, ValueError, _Stopped):
        return None
    return Entry(entry, digest.hexdigest())


def _prune(folder: Path) -> None:
    """Remove what a dead writer left, entries unused for 30 days, and the oldest beyond
    1 GB (the files kept beside each counted with it; never the entry used last), and
    files kept beside an entry that is gone."""
    now = time.time()
    entries: list[tuple[float, int, Path]] = []
    beside: dict[str, list[Path]] = {}
    sizes: dict[str, int] = {}
    for item in folder.iterdir():
        try:
            stat = item.stat()
        except OSError:
            continue
        if item.suffix == ".partial":
            if now - stat.st_mtime > _STALE_SECONDS:
                item.unlink(missing_ok=True)
        elif item.suffix == ".entry":
            if now - stat.st_mtime > _KEEP_SECONDS:
                item.unlink(missing_ok=True)
            else:
                entries.append((stat.st_mtime, stat.st_size, item))
        elif item.suffix in BESIDE:
            beside.setdefault(item.stem, []).append(item)
            sizes[item.stem] = sizes.get(item.stem, 0) + stat.st_size
    entries = [(used, size + sizes.get(item.stem, 0), item) for used, size, item in entries]
    total = sum(size for _, size, _ in entries)
    kept = {item.stem for _, _, item in entries}
    for _, size, item in sorted(entries)[:-1]:
        if total <= _KEEP_BYTES:
            break
        item.unlink(missing_ok=True)
        kept.discard(item.stem)
        total -= size
    for stem, items in beside.items():
        if stem not in kept:
            for item in items:
                item.unlink(missing_ok=True)


def clear() -> int:
    """Remove every entry (with what is kept beside it, and temporary files), the cache
    on or off; how many timelines were removed (entries, and older versions' pickles)."""
    where = location()
    if not where.is_dir():
        return 0
    removed = 0
    for item in where.iterdir():
        if item.suffix in (".entry", ".partial", ".pickle", *BESIDE):
            item.unlink(missing_ok=True)
            removed += item.suffix in (".entry", ".pickle")
    return removed


def held() -> tuple[int, int]:
    """How many timelines the cache holds, and the bytes they take with what is kept
    beside them, the cache on or off."""
    where = location()
    count = size = 0
    for item in where.iterdir() if where.is_dir() else ():
        if item.suffix in (".entry", *BESIDE):
            with contextlib.suppress(OSError):
                size += item.stat().st_size
                count += item.suffix == ".entry"
    return count, size


# ---------------------------------------------------------------------- rows
#
# An entry's body is marshalled parts: a heading (the timeline's own fields, its eras
# and problems), then slices of events, each with the dates first seen in it. Rows are
# made by the records' description (timeline/schema.py): a new field is cached with
# no change here. Where an event came from is not stored: it is the name the file is
# given by when the entry is read.


class _Dates:
    """The table of distinct dates an entry refers to by number."""

    def __init__(self) -> None:
        self.numbers: dict[int, int] = {}
        self.kept: list[When] = []  # written after the events, in the order numbered

    def number(self, when: When) -> int:
        found = self.numbers.get(id(when))
        if found is None:
            found = self.numbers[id(when)] = len(self.numbers)
            self.kept.append(when)  # holds it alive, so its id is not reused meanwhile
        return found


_FILE = EVENT.fields.index(EVENT.by_name["file"])
_WHEN = EVENT.fields.index(EVENT.by_name["when"])
_END = EVENT.fields.index(EVENT.by_name["end"])


def _encode(
    timeline: Timeline, problems: list[Problem], slice_events: int, named: bool
) -> Iterator[Any]:
    """What each part of an entry's body holds, in order: the heading, the slices of
    event rows, the dates they number, the columns (`store.COLUMNS`: the ids, then the
    others, dates by number), and how many dates there are."""
    dates = _Dates()
    when_rows = Rows(WHEN, dates.number, dates.kept.__getitem__)
    events = Rows(EVENT, dates.number, dates.kept.__getitem__)
    eras = Rows(ERA, dates.number, dates.kept.__getitem__)
    source, media = (
        Rows(SOURCE, dates.number, dates.kept.__getitem__),
        Rows(MEDIA, dates.number, dates.kept.__getitem__),
    )
    heading = (
        None if named else timeline.title,  # None: the name it is read under
        timeline.summary,
        timeline.timezone,
        None if timeline.source is None else source.row(timeline.source),
        None if timeline.media is None else media.row(timeline.media),
        [eras.row(era) for era in timeline.eras],
        [tuple(p._replace(file="")) for p in problems],
        len(timeline.events),
        slice_events,
    )
    yield heading
    # The columns (`store.COLUMNS`), each value written once: marshal then writes a
    # reference for each repeat, and reading gives one string for them all.
    kept: dict[str, str] = {}
    ids: list[str] = []
    replying: list[str] = []
    statuses: list[str] = []
    whens, ends = array("i"), array("i")
    for first in range(0, len(timeline.events), slice_events):
        rows = []
        for event in timeline.events[first : first + slice_events]:
            row = list(events.row(event))
            row[_FILE] = ""
            rows.append(tuple(row))
            ids.append(event.id)
            replying.append(kept.setdefault(event.in_reply_to, event.in_reply_to))
            statuses.append(kept.setdefault(event.status, event.status))
            whens.append(row[_WHEN])
            ends.append(row[_END])  # -1: none
        yield rows
    # The dates, a part of them at a time: their rows all at once held 9 MB more at
    # the peak of a first load of 100,000 events. A date holds no date.
    for first in range(0, len(dates.kept), _DATES_PART):
        yield [when_rows.row(when) for when in dates.kept[first : first + _DATES_PART]]
    yield ids  # a part of its own: marshalled with the rest, held twice as long
    yield (replying, statuses, whens.tobytes(), ends.tobytes())
    yield len(dates.kept)  # last: how the parts before it are counted


class _Reader:
    """Reads an entry's body (see `_open`): its heading and dates when made, then its
    events, in order (`events`) or as they are asked for (`stored`)."""

    def __init__(self, file: BinaryIO, name: str) -> None:
        self._file = file
        self._name = name
        self._whens: list[When] = []
        number_of = lambda _: 0  # noqa: E731 (reading never numbers dates)
        when_rows = Rows(WHEN, number_of, self._whens.__getitem__)
        self._events = Rows(EVENT, number_of, self._whens.__getitem__)
        eras = Rows(ERA, number_of, self._whens.__getitem__)
        source, media = (
            Rows(SOURCE, number_of, self._whens.__getitem__),
            Rows(MEDIA, number_of, self._whens.__getitem__),
        )
        heading = self._read(self._skim(file.tell()))
        title, summary, timezone, source_row, media_row, era_rows, problem_rows = heading[:7]
        self.count: int = heading[7]
        self._per_slice: int = heading[8]
        # The parts after the heading: the slices, the dates, two of columns, and how
        # many dates there are: counted before the dates are read.
        slices = -(-self.count // self._per_slice)
        dates: int = self._read(self._parts[-1])
        if len(self._parts) != slices + -(-dates // _DATES_PART) + 3:
            raise ValueError("the entry holds other parts than it says")
        self._slices = self._parts[:slices]
        self._ids, self._columns = self._parts[-3:-1]
        for part in self._parts[slices:-3]:
            self._whens.extend([when_rows.value(row) for row in self._read(part)])
        if len(self._whens) != dates:
            raise ValueError("the entry holds other dates than it says")
        self._own = {
            "title": Path(name).stem if title is None else title,
            "summary": summary,
            "timezone": timezone,
            "source": None if source_row is None else source.value(source_row),
            "eras": tuple(eras.value(row) for row in era_rows),
            "media": None if media_row is None else media.value(media_row),
            "files": (name,),
        }
        self.problems = [Problem(*row)._replace(file=name) for row in problem_rows]

    def _skim(self, start: int) -> tuple[int, int]:
        """Where each part of the body is (`_parts`, after the heading, which this
        returns), from their lengths alone: the body ends where the trailer starts."""
        file, end = self._file, os.fstat(self._file.fileno()).st_size - _TRAILER.size
        parts: list[tuple[int, int]] = []
        at = start
        while at < end:
            file.seek(at)
            (length,) = _PART.unpack(file.read(_PART.size))
            parts.append((at + _PART.size, length))
            at += _PART.size + length
        if at != end or len(parts) < 5:
            raise ValueError("the entry's parts do not end where its body does")
        self._parts = parts[1:]
        return parts[0]

    def _read(self, where: tuple[int, int]) -> Any:
        """One part, read whole (marshal.load on a file object reads a few bytes at a
        time: 2.8 s at 100,000 events, against 0.1 s for loads on the part's bytes)."""
        start, length = where
        self._file.seek(start)
        data = self._file.read(length)
        if len(data) != length:
            raise ValueError("the entry is cut short")
        return marshal.loads(data)

    def timeline(self, events: Sequence[Event]) -> Timeline:
        return Timeline(events=events, **self._own)

    def _maker(self) -> Callable[[Any], Event]:
        """Makes an event of its row, from the file given by `name`."""
        value, name = self._events.value, self._name

        def make(row: Any) -> Event:
            values = list(row)
            values[_FILE] = name
            return value(values)  # type: ignore[no-any-return]

        return make

    def events(self, progress: Callable[[float], None] | None = None) -> Iterator[Event]:
        """The events, a slice at a time."""
        count, done, make = self.count, 0, self._maker()
        for where in self._slices:
            rows = self._read(where)
            yield from map(make, rows)
            done += len(rows)
            if progress is not None and done < count:
                progress(done / count)
        if done != count:
            raise ValueError("the entry holds other events than it says")

    def stored(self, entry: Entry) -> StoredEvents:
        """The events, made as they are asked for from the entry (open as it is)."""
        ids = self._read(self._ids)
        replying, statuses, when_numbers, end_numbers = self._read(self._columns)
        whens, ends = array("i"), array("i")
        whens.frombytes(when_numbers)
        ends.frombytes(end_numbers)
        dates = self._whens
        if not len(ids) == len(replying) == len(statuses) == len(whens) == len(ends) == self.count:
            raise ValueError("the entry's columns hold other events than it says")
        columns = {
            "id": ids,
            "in_reply_to": replying,
            "status": statuses,
            "when": list(map(dates.__getitem__, whens)),
            "end": [None if n < 0 else dates[n] for n in ends],
        }
        assert tuple(columns) == COLUMNS
        return StoredEvents(
            open(os.dup(self._file.fileno()), "rb", buffering=0),  # the checked bytes
            self._slices,
            self._per_slice,
            self.count,
            self._maker(),
            columns,
            entry,
        )

    def stream(self) -> Iterator[Event]:
        """`events`, closing the entry at the end and saying why it stopped short."""
        with self._file:
            try:
                yield from self.events()
            except Exception as exc:
                raise CacheError(f"the cache entry could not be read to its end: {exc}") from exc

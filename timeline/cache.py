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
Any entry that cannot be read is a miss; failing to write one is not an error, but
said, once, with why (a folder that cannot be written to, a full disk:
`went_without`). A cache that cannot be kept where it is (a file in the place of its
folder) is used by no load, and said (`unusable`, `went_without`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import marshal
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from typing import Any, BinaryIO, NamedTuple

from timeline import cache_rows
from timeline.cache_rows import PART, TRAILER, Reader
from timeline.model import Event, Timeline
from timeline.problems import Problem
from timeline.store import Entry
from timeline.text import file_name

#: Bump when the layout of an entry changes.
FORMAT = 5
_MAGIC = b"timeline-cache\n"
#: Events per marshalled slice: memory stays at a slice's rows, not the whole copy's.
SLICE = 1_000
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


#: What TIMELINE_CACHE may say to turn the cache off ("0" is the one documented), in
#: any case; and what leaves it on (as it is unset). Any other value turns it off too,
#: said as not one of these: it is set to turn the cache off (on is the default), and a
#: confidential story must not be copied for a spelling ("disabled", "none", "n").
_OFF = ("0", "off", "false", "no")
_ON = ("", "1", "on", "true", "yes")


def directory() -> Path | None:
    """Where entries are read and written, or None when the cache is turned off or
    cannot be used where it is (`unusable`: a load then goes on without it, and
    `went_without` says why)."""
    if turned_off_by():
        return None
    where = location()
    why = unusable(where)
    if why:
        _went_without(f"the cache cannot be used: {why}; large files are read in full every time")
        return None
    return where


#: What to say of the first load since `went_without` was last asked that went without
#: the cache: it could not be used (`directory`) or its entry could not be written
#: (`_write`), until `went_without` takes it.
_WENT_WITHOUT: list[str] = []


def _went_without(said: str) -> None:
    if not _WENT_WITHOUT:  # once: the first reason, not one for every file
        _WENT_WITHOUT.append(said)


def went_without() -> str:
    """What to say when a load could not use the cache, or write its entry, since this
    was last asked (why, and what it means), "" when none was refused it: for whoever
    ran the loads to say once (the command line on standard error, the viewer in a
    notice). They went on without it, as when it is off."""
    if not _WENT_WITHOUT:
        return ""
    return f"{_WENT_WITHOUT.pop()} (`timeline cache info` says where the cache is)"


def unusable(where: Path | None = None) -> str:
    """Why the cache cannot be kept at `where` (its `location`), "" when it can: what
    stands where it or a folder above it must be is not a folder (XDG_CACHE_HOME
    naming a file), or cannot be looked at. Entries can be neither read nor written
    there; `cache info` said the cache was empty, and loads went on without a word."""
    where = where or location()
    for folder in (where, *where.parents):
        try:
            status = os.stat(folder)
        except (FileNotFoundError, NotADirectoryError):
            continue  # not there yet (made when first written), or under a file
        except OSError as exc:
            return f"{file_name(str(folder))} cannot be looked at ({exc.strerror or exc})"
        if S_ISDIR(status.st_mode):
            return ""
        what = "a file, not a folder" if S_ISREG(status.st_mode) else "not a folder"
        said = f"{file_name(str(folder))}, which is {what}"
        if folder == Path(os.environ.get("XDG_CACHE_HOME") or "."):
            return f"XDG_CACHE_HOME names {said}"
        return said.replace(", which", "", 1)
    return ""


def turned_off_by() -> str:
    """What turned the cache off, as the user wrote it ("TIMELINE_CACHE=off"), or ""
    when it is on."""
    value = os.environ.get("TIMELINE_CACHE", "1")
    said = value.strip().lower()
    if said in _ON:
        return ""
    if said in _OFF:
        return f"TIMELINE_CACHE={value}"
    return f"TIMELINE_CACHE={value}, which is not 1, on, true or yes"


def location() -> Path:
    """Where entries are kept, the cache on or off: turning it off stops its use, and
    leaves what it wrote before until it is cleared."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # relative: ignored, as the XDG spec says (not the cwd)
        base = os.path.join(os.path.expanduser("~"), ".cache")
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
    # The path's bytes (`fsencode`): a name that is not UTF-8 (`café.toml` saved by a
    # Latin-1 system) holds lone surrogates as Python reads it, which `encode` refused
    # with a traceback. For every other name the bytes, and so the entry, are the same.
    name = hashlib.sha256(os.fsencode(path.resolve())).hexdigest()[:32]
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
            reader = Reader(file, name)
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
        cache_rows.CacheError: The entry could not be read to its end (it was checked whole
            before the first event, so only a failing disk does this).
    """
    entry: BinaryIO

    def close(self) -> None:
        """Close the entry, whether or not every event was read."""
        self.entry.close()


def stream(path: Path, name: str) -> Streamed | None:
    """The cached timeline of this file as it is now, its events read as they are asked
    for, or None. An export of 1,000,000 events then holds a slice of them at a time,
    not all of them (5.7 GB to TimelineJS, with the whole timeline held)."""
    opened = _open(path)
    if opened is None:
        return None
    try:
        reader = Reader(opened.file, name)
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
    if end - start < TRAILER.size:
        return None
    file.seek(end - TRAILER.size)
    length, expected = TRAILER.unpack(file.read(TRAILER.size))
    if start + length + TRAILER.size != end:
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

    folder = entry.parent
    try:
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
                for value in cache_rows.encode(timeline, problems, slice_events, named):
                    if stopped():
                        raise _Stopped
                    # Each part preceded by its length, written apart: no copy of it.
                    data = marshal.dumps(value)
                    for piece in (PART.pack(len(data)), data):
                        file.write(piece)
                        digest.update(piece)
                        length += len(piece)
                file.write(TRAILER.pack(length, digest.digest()))
            os.replace(temporary, entry)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as error:
        # Bug fixed: a folder that cannot be written to (a read-only disk, a folder of
        # another user's), or a full disk, left every large file read in full each time
        # without a word.
        why = error.strerror or str(error)
        _went_without(
            f"the cache could not be written in {file_name(str(folder))}: {why}; large "
            "files are read in full every time until it can be"
        )
        return None
    except (TypeError, ValueError, _Stopped):
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

"""A cache of loaded large files: opening the same 100,000 events again skips parsing them.

An entry holds what loading produced (the timeline and its warnings) for one file,
under $XDG_CACHE_HOME/timeline (~/.cache/timeline by default). It is used only if
the file has the same path, size, modification time and SHA-256 of its bytes, and
was loaded by the same code (a fingerprint of the loader's modules): a file that
changed in any way, or a new version of the loader, means a fresh load. Entries are
written to a temporary file and renamed, so a reader never sees half of one, and any
entry that cannot be read is ignored. Set TIMELINE_CACHE=0 to turn the cache off.

Events are stored as plain tuples that go through marshal (quicker than pickle, which
also keeps a UTF-8 copy inside each non-ASCII string), and their dates once each.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import pickle
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from timeline.model import Event, Media, Quote, Source, Timeline, When

#: Bump when the layout of an entry changes.
FORMAT = 1
_WHEN_FIELDS = When._fields
_EVENT_FIELDS = Event._fields
_BLOCK = 1 << 22
#: Events per pickle in an entry.
_SLICE = 1_000

Key = tuple[object, ...]
_local = threading.local()  # `deferred`: where this thread's writes go, if anywhere


def directory() -> Path | None:
    """Where entries live, or None when the cache is turned off."""
    if os.environ.get("TIMELINE_CACHE", "1") == "0":
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "timeline"


@functools.cache
def _fingerprint() -> str:
    # Read once: it must describe the code that is running, not files edited since.
    # marshal's format, and what pickle records, may change between Python versions.
    digest = hashlib.sha256(f"{FORMAT} {sys.version}".encode())
    # Every module of the core: any of them may change what a load produces.
    here = Path(__file__).resolve().parent
    for path in sorted(here.rglob("*.py")):
        if "ui" not in path.relative_to(here).parts:
            digest.update(path.read_bytes())
    return digest.hexdigest()


def digest_of(path: Path) -> str:
    """SHA-256 of a file's bytes, read a block at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def _entry(path: Path) -> Path | None:
    where = directory()
    if where is None:
        return None
    name = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32]
    return where / f"{name}.pickle"


def key(path: Path, name: str, size: int, mtime_ns: int, digest: str) -> Key:
    """What must match for an entry to stand for this file, loaded under this name."""
    return (_fingerprint(), str(path.resolve()), name, size, mtime_ns, digest)


def get(path: Path, name: str) -> tuple[Timeline, list[Any]] | None:
    """The cached timeline and problems for this file as it is now, or None."""
    entry = _entry(path)
    if entry is None:
        return None
    try:
        with entry.open("rb") as file:
            stored = pickle.load(file)
            stat = os.stat(path)
            # Cheap checks first; the file's bytes are hashed only when they pass.
            if stored[:5] != key(path, name, stat.st_size, stat.st_mtime_ns, "")[:5]:
                return None
            if stored != key(path, name, stat.st_size, stat.st_mtime_ns, digest_of(path)):
                return None
            return _decode(file)
    except Exception:  # a cache that cannot be read (truncated, older format) is a miss
        return None


def put(path: Path, stored: Key, timeline: Timeline, problems: list[Any]) -> None:
    """Keep what loading produced; failing to write is not an error.

    Inside `writes_deferred`, the write is handed to its caller instead of done now.
    """
    entry = _entry(path)
    if entry is None:
        return
    deferred: list[Callable[[], None]] | None = getattr(_local, "deferred", None)
    if deferred is not None:
        deferred.append(functools.partial(_write, entry, stored, timeline, problems))
        return
    _write(entry, stored, timeline, problems)


@contextmanager
def writes_deferred(into: list[Callable[[], None]]) -> Iterator[None]:
    """Loads in this thread append their cache writes to `into` rather than doing them.

    The viewer shows a file as soon as it is loaded and writes the cache afterwards,
    in a thread of its own (0.45 s at 100,000 events, otherwise spent before the
    first screen of a first open).
    """
    _local.deferred = into
    try:
        yield
    finally:
        _local.deferred = None


def _write(entry: Path, stored: Key, timeline: Timeline, problems: list[Any]) -> None:
    import tempfile  # only writing needs it

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".partial")
        try:
            with os.fdopen(handle, "wb") as file:
                pickle.dump(stored, file, protocol=pickle.HIGHEST_PROTOCOL)
                # In slices: pickling all at once would hold the whole encoded copy, and
                # a memo of every object in it, on top of the timeline (130 MB more).
                for part in _encode(timeline, problems):
                    pickle.dump(part, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, entry)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass


def _encode(timeline: Timeline, problems: list[Any]) -> Iterator[tuple[Any, ...]]:
    """The entry's body: a heading, slices (new dates, then events), the count of slices."""
    yield (
        "heading",
        _WHEN_FIELDS,
        _EVENT_FIELDS,
        timeline.title,
        timeline.summary,
        timeline.timezone,
        timeline.source,
        timeline.eras,
        timeline.media,
        timeline.files,
        problems,
    )
    whens: dict[int, int] = {}
    fresh: list[When] = []  # first seen in the current slice, which carries them

    def index(when: When | None) -> int:
        if when is None:
            return -1
        found = whens.get(id(when))
        if found is None:
            found = whens[id(when)] = len(whens)
            fresh.append(when)
        return found

    events = timeline.events
    slices = 0
    for first in range(0, len(events), _SLICE):
        part = [
            (
                e.id,
                index(e.when),
                e.title,
                index(e.end),
                e.display_date,
                e.kind,
                e.speaker,
                e.handle,
                e.role,
                e.group,
                e.tags,
                e.context,
                None if e.source is None else tuple(e.source),
                e.in_reply_to,
                tuple([tuple(q) for q in e.quotes]),
                None if e.media is None else tuple(e.media),
                e.background,
                e.file,
                e.line,
            )
            for e in events[first : first + _SLICE]
        ]
        rows = [tuple(when) for when in fresh]
        fresh.clear()
        # Events go through marshal: pickle keeps a UTF-8 copy inside each non-ASCII
        # string it writes, for as long as the string lives (9 MB at 100,000 events).
        yield ("slice", rows, marshal.dumps(part))
        slices += 1
    yield ("end", slices)


def _decode(file: BinaryIO) -> tuple[Timeline, list[Any]]:
    heading = pickle.load(file)
    tag, when_fields, event_fields, title, summary, timezone, source, eras, media, files = heading[
        :10
    ]
    problems = heading[10]
    if tag != "heading" or when_fields != _WHEN_FIELDS or event_fields != _EVENT_FIELDS:
        raise ValueError("the model changed since this entry was written")
    whens: list[When] = []
    built: list[Event] = []
    slices = 0
    while (part := pickle.load(file))[0] == "slice":
        rows = part[1]
        events = marshal.loads(part[2])
        slices += 1
        whens.extend([When(*row) for row in rows])
        built.extend(
            [
                Event(
                    ident,
                    whens[when],
                    title_,
                    None if end < 0 else whens[end],
                    display_date,
                    kind,
                    speaker,
                    handle,
                    role,
                    group,
                    tags,
                    context,
                    None if source_ is None else Source(*source_),
                    in_reply_to,
                    tuple([Quote(*quote) for quote in quotes]),
                    None if media_ is None else Media(*media_),
                    background,
                    file_,
                    line,
                )
                for (
                    ident,
                    when,
                    title_,
                    end,
                    display_date,
                    kind,
                    speaker,
                    handle,
                    role,
                    group,
                    tags,
                    context,
                    source_,
                    in_reply_to,
                    quotes,
                    media_,
                    background,
                    file_,
                    line,
                ) in events
            ]
        )
    if part != ("end", slices):
        raise ValueError("the entry is incomplete")
    timeline = Timeline(
        title=title,
        events=tuple(built),
        summary=summary,
        timezone=timezone,
        source=source,
        eras=eras,
        media=media,
        files=files,
    )
    return timeline, problems

"""The folded text search looks in, for a stored timeline (timeline/store.py): kept in a
file beside its cache entry (timeline/cache_beside.py) and read a slice at a time,
never held whole.

Held in memory, as `SearchIndex` holds it for a loaded timeline, it took 1.2 GB at
1,000,000 events (two strings an event, most of them two bytes a character) and 18 s
to make and fold every event. Here each slice of 1,000 events is two parts of the
file: the folded text of its events and the same case-folded, each in UTF-8 with the
events apart by NUL, and where each event starts. A search reads the slices it looks
in and finds the needle with `bytes.find`, in C. A needle in UTF-8 is found in text in
UTF-8 exactly where the text holds it, and a needle never holds NUL (search matches
such a query field by field): a match is inside one event's text, as for
`SearchIndex`'s strings.

The viewer writes the file once it has written the cache entry, from the rows of the
events it loaded (`write_text`); a first search meanwhile waits for it and reads it
(`cache_beside.making`) rather than folding every event again. A search before there
is an entry writes the text to a file of its own (`StoredTexts.aside`), which the
viewer then copies beside the entry. Failing that, the first search that needs it
writes it, in the viewer's indexing thread, from the entry's rows. Every later open
checks it whole against its SHA-256 instead (0.4 s).
"""

from __future__ import annotations

import weakref
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice, pairwise
from typing import Any

from timeline.cache import _never
from timeline.cache_beside import (
    Beside,
    keep_aside,
    kept_aside,
    making,
    open_beside,
    write_aside,
    write_beside,
)
from timeline.model import Event
from timeline.store import Entry, Stored

_SUFFIX = ".search"
_APART = b"\x00"
#: Handed the text of stored events while it is written (`StoredTexts.of`).
Growing = Callable[["StoredTexts"], None]
#: Events in a slice of the text (about 300 KB of it).
_PER_SLICE = 1_000


def _encoded(texts: list[str]) -> tuple[bytes, bytes]:
    """The texts in UTF-8, apart by NUL, and where each starts (one more: where the
    next would, after the last's NUL)."""
    encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
    starts = array("q", [0])
    at = 0
    for data in encoded:
        at += len(data) + 1
        starts.append(at)
    return starts.tobytes(), _APART.join(encoded)


class StoredTexts:
    """A stored timeline's folded text, read from the file beside its entry.

    Args:
        file: The file, open and checked.
        count: How many events it holds the text of.
        per_slice: Events in each slice but the last.
    """

    def __init__(self, file: Beside, count: int, per_slice: int) -> None:
        self._file = file
        self._count = count
        self._per_slice = per_slice

    @property
    def ready(self) -> int:
        """How many events, from the first, have their text in the file: all, but
        while it is written (`growing`), those written so far."""
        return min(self._count, (len(self._file) - 1) // 2 * self._per_slice)

    @staticmethod
    def of(
        events: Stored,
        texts: Callable[[Sequence[Event]], Iterable[str]],
        growing: Growing | None = None,
    ) -> StoredTexts | None:
        """The text of these events from the file beside their entry, written now if
        there is none it can trust; None without an entry, or when it cannot be written.

        Args:
            events: The stored events.
            texts: The events' folded text, as search looks in it (case kept), in order.
            growing: Handed the text while it is written, before its first slice: its
                first `ready` events can be searched meanwhile.
        """
        entry = events.entry
        if entry is None:
            return None
        return _opened_or_written(entry, events, texts, _never, growing)

    @staticmethod
    def aside(
        events: Stored,
        texts: Callable[[Sequence[Event]], Iterable[str]],
        growing: Growing | None = None,
    ) -> StoredTexts | None:
        """The text of stored events with no cache entry (a first read's, before the
        viewer has written one, or with the cache off), written to a file with no name
        rather than held in memory; None when it cannot be written. `growing` as for `of`."""
        written = write_aside(_parts(events, texts), growing=_growing(growing, len(events)))
        if written is None:
            return None
        # Closed with the events it is the text of, whoever holds a reader of it: it
        # was left to the collector, unclosed (a ResourceWarning in the tests). Not
        # with its reader: one file has several while it is written.
        weakref.finalize(events, written.close)
        # For the viewer's writer, which copies it beside the entry it writes for these
        # events rather than fold every event again (`write_text`).
        keep_aside(events, _SUFFIX, written)
        return StoredTexts(written, len(events), _PER_SLICE)

    def close(self) -> None:
        self._file.close()

    def _slice(self, number: int, sensitive: bool) -> tuple[array[int], bytes]:
        starts_bytes, text = self._file.part(1 + 2 * number + (0 if sensitive else 1))
        starts = array("q")
        starts.frombytes(starts_bytes)
        return starts, text

    def find(self, sensitive: bool, needle: str, start: int, stop: int) -> list[int]:
        """The indices from `start` to `stop` of the events whose text holds `needle`
        (folded, and case-folded unless `sensitive`), in order; only among those `ready`."""
        stop = min(stop, self.ready)
        if start >= stop:
            return []
        wanted = needle.encode("utf-8", "surrogatepass")
        per = self._per_slice
        found: list[int] = []
        for number in range(start // per, (stop - 1) // per + 1):
            starts, text = self._slice(number, sensitive)
            base = number * per
            first, last = max(start - base, 0), min(stop - base, len(starts) - 1)
            end = starts[last] - 1  # the end of the last event's text
            at = text.find(wanted, starts[first], end)
            while at >= 0:
                which = bisect_right(starts, at) - 1
                found.append(base + which)
                at = text.find(wanted, starts[which + 1], end)
        return found

    def texts(self) -> Iterator[str]:
        """Each event's folded text (case kept), in order; the file closed at the end."""
        try:
            for number in range(-(-self._count // self._per_slice)):
                starts, text = self._slice(number, True)
                for first, after in pairwise(starts):
                    yield text[first : after - 1].decode("utf-8", "surrogatepass")
        finally:
            self.close()

    def among(self, sensitive: bool, needle: str, candidates: Iterable[int]) -> list[int]:
        """Those of `candidates` (indices, in order) whose text holds `needle`."""
        wanted = needle.encode("utf-8", "surrogatepass")
        per = self._per_slice
        found: list[int] = []
        number = -1
        starts, text = array("q"), b""
        for index in candidates:
            if index // per != number:
                number = index // per
                starts, text = self._slice(number, sensitive)
            at = index - number * per
            if text.find(wanted, starts[at], starts[at + 1] - 1) >= 0:
                found.append(index)
        return found


def kept_texts(events: Stored) -> Iterator[str] | None:
    """The folded text of stored events (case kept) as kept beside their entry, an event
    at a time, read back rather than folded again; None when none is kept that can be
    trusted (it is checked whole against its SHA-256 first)."""
    found = None if events.entry is None else _opened(events.entry, len(events))
    return None if found is None else found.texts()


def _opened(entry: Entry, count: int) -> StoredTexts | None:
    """The text of `count` events kept beside `entry`, if there is one it can trust."""
    found = open_beside(entry, _SUFFIX)
    if found is None:
        return None
    if len(found) >= 1:
        try:
            heading = found.part(0)
        except (OSError, ValueError, EOFError, TypeError):
            heading = None
        if (
            isinstance(heading, tuple)
            and len(heading) == 2
            and heading[0] == count
            and isinstance(heading[1], int)
            and heading[1] > 0
            and len(found) == 1 + 2 * -(-count // heading[1])
        ):
            return StoredTexts(found, count, heading[1])
    found.close()
    return None


def _growing(growing: Growing | None, count: int) -> Callable[[Beside], None] | None:
    """What a file being written hands its parts to, for `growing` to search them."""
    if growing is None:
        return None
    given = growing

    def grown(file: Beside) -> None:
        given(StoredTexts(file, count, _PER_SLICE))

    return grown


def _written(
    entry: Entry,
    events: Sequence[Event],
    texts: Callable[[Sequence[Event]], Iterable[str]],
    stopped: Callable[[], bool],
    growing: Growing | None = None,
) -> StoredTexts | None:
    """Write the text of `entry`'s events beside it, and give it open; None when it
    cannot be written, or `stopped` says to give up (asked between slices)."""
    written = write_beside(
        entry, _SUFFIX, _parts(events, texts), stopped, _growing(growing, len(events))
    )
    return None if written is None else StoredTexts(written, len(events), _PER_SLICE)


def _parts(
    events: Sequence[Event], texts: Callable[[Sequence[Event]], Iterable[str]]
) -> Iterator[Any]:
    """The parts of the file: a heading, then for each slice its events' folded text
    and the same case-folded (`_encoded`)."""
    yield (len(events), _PER_SLICE)
    made = iter(texts(events))  # stored: read a slice at a time, none kept
    while folded := list(islice(made, _PER_SLICE)):
        yield _encoded(folded)
        yield _encoded([text.casefold() for text in folded])


def write_text(
    entry: Entry,
    events: Sequence[Event],
    texts: Callable[[Sequence[Event]], Iterable[str]],
    stopped: Callable[[], bool],
) -> None:
    """Keep the search text of a timeline's events (`texts`: theirs, as search folds
    it) beside the cache entry just written for it, from the events at hand (for the
    next open to read them stored), unless a first search has kept it meanwhile."""
    found = _opened_or_written(entry, events, texts, stopped)
    if found is not None:
        found.close()


def _opened_or_written(
    entry: Entry,
    events: Sequence[Event],
    texts: Callable[[Sequence[Event]], Iterable[str]],
    stopped: Callable[[], bool],
    growing: Growing | None = None,
) -> StoredTexts | None:
    """The text kept beside `entry`, or written now: by one thread at a time, so that the
    viewer's writer and a first search make it once (`cache_beside.making`); copied from
    the text a search wrote aside before there was an entry, when there is one."""
    with making(entry, _SUFFIX):
        found = _opened(entry, len(events))
        if found is not None:
            return found
        aside = kept_aside(events, _SUFFIX)
        if isinstance(aside, Beside):
            copied = _copied(entry, aside, len(events), stopped)
            if copied is not None:
                return copied
        return _written(entry, events, texts, stopped, growing)


def _copied(
    entry: Entry, aside: Beside, count: int, stopped: Callable[[], bool]
) -> StoredTexts | None:
    """The text written aside, copied beside `entry`: its parts read back as they were
    written (2 s at 1,000,000 events, against 21 s to fold them again); None when it
    cannot be read or written, or `stopped` says to give up."""
    try:
        parts = [aside.part(0)]
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not (isinstance(parts[0], tuple) and parts[0][0] == count):
        return None

    def read() -> Iterator[Any]:
        yield parts[0]
        for number in range(1, len(aside)):
            yield aside.part(number)

    try:
        written = write_beside(entry, _SUFFIX, read(), stopped)
    except (OSError, ValueError, EOFError, TypeError):  # the aside file, closed or cut
        return None
    return None if written is None else StoredTexts(written, count, parts[0][1])

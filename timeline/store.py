"""Events kept as the cache's rows and made as they are asked for.

A cached open of 1,000,000 events that made every event took 8 s and 1.7 GB, most of
it building values nobody looks at before the reader moves. `StoredEvents` is a
sequence of events like the tuple a fresh load gives, over the rows of a cache entry
on disk: an event is made when it is asked for, a slice of rows at a time,
and the slices made last are kept for the next key press. What every event is needed
for at once comes from columns the entry carries beside the rows (`COLUMNS`), and
what needs a few fields of each reads the rows without making events (`rows`).

The entry was checked whole against its SHA-256 before this reads it (`cache.get`),
and entries are replaced by renaming, never written in place: the entry held open
stays the bytes that were checked, whatever happens to its name afterwards.
"""

from __future__ import annotations

import marshal
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple, overload

from timeline.model import EVENT, QUOTE, SOURCE, Event, When
from timeline.schema import Kind
from timeline.stopping import check

#: Slices of made events kept (about 1.6 MB a slice of 1,000): what the screen shows
#: and the moves around it, not the file.
KEPT_SLICES = 24
#: The fields an entry keeps a column of: what is needed of every event before the
#: first screen (the timeline's index and replies, the rail's dates and statuses).
COLUMNS = ("id", "in_reply_to", "status", "when", "end")


class Entry(NamedTuple):
    """The cache entry stored events are read from: what a file kept beside it (the
    search text, `timeline.cache_beside`) is found by and made from."""

    path: Path
    digest: str
    """The SHA-256 of the entry's body, as its trailer gives it and as it was checked."""


_WHEN = attrgetter("when")
_SPEAKER = attrgetter("speaker")
#: What a row holds as the event does (`schema.Rows` converts only the others).
_AS_IS = (Kind.TEXT, Kind.TEXTS, Kind.FLAG, Kind.INT, Kind.INTS)
_QUOTES_AT = EVENT.fields.index(EVENT.by_name["quotes"])
_QUOTE_SPEAKER_AT = QUOTE.fields.index(QUOTE.by_name["speaker"])


class Stored(Sequence[Event]):
    """Events kept outside memory and made as they are asked for, a slice at a time,
    the slices made last kept for the next key press; with columns of a few fields
    of every event (`COLUMNS`) and their rows (`rows`), read without making them.

    A cache entry's (`StoredEvents`), or a first read's (`timeline.file_rows`).
    """

    def __init__(
        self, count: int, per_slice: int, columns: dict[str, Sequence[Any]], entry: Entry | None
    ) -> None:
        self._count = count
        self._per_slice = per_slice
        self.columns = columns
        """A few fields of every event, without making the events (`COLUMNS`)."""
        self.entry = entry
        """The cache entry holding the events, if any (`Entry`): theirs for a cache's,
        given to a first read's once the viewer has written it. What is kept beside it
        (search text, index of values) is read by it."""
        self.archived: bool | None = None
        """Whether a source of any event, or a quote's own, names an archive
        (`names_an_archive`), when known without reading every row (a cache entry says);
        else None."""
        self._kept: OrderedDict[int, list[Event]] = OrderedDict()
        # The viewer's threads (search, filter counts) read beside its screen.
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self._count

    @property
    def kept(self) -> int:
        """How many events are kept made (the slices asked for last)."""
        with self._lock:
            return sum(map(len, self._kept.values()))

    def _slice(self, number: int) -> list[Event]:
        """The events of one slice, made now."""
        raise NotImplementedError

    def rows(self) -> Iterator[Sequence[Any]]:
        """Every event's row (see `schema.Rows`; an event is one), a slice at a time, in
        order, for what needs a few fields of each (`row_values`)."""
        raise NotImplementedError

    def _made(self, number: int) -> list[Event]:
        """The events of one slice, made (or kept from before)."""
        with self._lock:
            found = self._kept.get(number)
            if found is not None:
                self._kept.move_to_end(number)
                return found
        found = self._slice(number)
        with self._lock:
            self._kept[number] = found
            while len(self._kept) > KEPT_SLICES:
                self._kept.popitem(last=False)
        return found

    @overload
    def __getitem__(self, index: int) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Event, ...]: ...

    def __getitem__(self, index: int | slice) -> Event | tuple[Event, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self._count)))
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError("event index out of range")
        number, at = divmod(index, self._per_slice)
        return self._made(number)[at]

    def __iter__(self) -> Iterator[Event]:
        # In order, a slice at a time, without displacing the slices kept for the
        # screen: a search or a count over every event passes through once.
        for number in range(-(-self._count // self._per_slice)):
            check()  # a pass given up (the viewer left) stops here
            with self._lock:
                found = self._kept.get(number)
            yield from found if found is not None else self._slice(number)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(other) == self._count and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # equal to a tuple, so not hashable

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self._count:,} events>"


class StoredEvents(Stored):
    """The events of a cache entry, in the timeline's order, made as they are asked for.

    Args:
        entry: The entry, open for reading; closed with this. Read where each slice
            is, never mapped: a pass over every event then holds a slice of the file's
            bytes at a time, not all of them.
        slices: Where each slice's marshalled rows are in `entry`: (start, length).
        per_slice: Events in every slice but the last.
        count: Events in all.
        make: Makes an event of one of its rows.
        columns: A few fields of every event, in order, by name (`COLUMNS`).
        entry_of: The entry's name and SHA-256 (`entry`), for the files kept beside it.
        archived: Whether the entry says a source names an archive (`Stored.archived`).
    """

    def __init__(
        self,
        entry: BinaryIO,
        slices: Sequence[tuple[int, int]],
        per_slice: int,
        count: int,
        make: Callable[[Any], Event],
        columns: dict[str, Sequence[Any]],
        entry_of: Entry | None = None,
        archived: bool | None = None,
    ) -> None:
        super().__init__(count, per_slice, columns, entry_of)
        self.archived = archived
        self._entry = entry
        weakref.finalize(self, entry.close)
        self._reading = threading.Lock()  # one seek and read at a time
        self._slices = slices
        self._make = make

    def _slice(self, number: int) -> list[Event]:
        return list(map(self._make, self._rows(number)))

    def _rows(self, number: int) -> list[Any]:
        start, length = self._slices[number]
        with self._reading:
            self._entry.seek(start)
            data = self._entry.read(length)
        if len(data) != length:  # the entry was checked whole: only a failing disk
            raise OSError(f"the cache entry ends before its slice {number} does")
        rows: list[Any] = marshal.loads(data)
        return rows

    def rows(self) -> Iterator[list[Any]]:
        """Every event's row (see `schema.Rows`), a slice at a time, in order, without
        making the events: a fifth of the time, for what needs a few fields of each
        (`row_values`)."""
        for number in range(len(self._slices)):
            check()
            yield self._rows(number)


def row_values(rows: Sequence[Any], *names: str) -> Iterable[Any]:
    """A field of each of these rows (`StoredEvents.rows`), as `fields_of` gives it:
    those a row holds as they are (text, flags, numbers), or "quoted", the speaker of
    each quote, a tuple an event."""
    if names == ("quoted",):
        speaker = itemgetter(_QUOTE_SPEAKER_AT)
        return (tuple(map(speaker, quotes)) for quotes in map(itemgetter(_QUOTES_AT), rows))
    at = []
    for name in names:
        field = EVENT.by_name[name]
        if field.kind not in _AS_IS:
            raise ValueError(f"a row holds {name!r} as {field.kind.name}, not as it is")
        at.append(EVENT.fields.index(field))
    return map(itemgetter(*at), rows)


_SOURCES, _QUOTES = (
    itemgetter(EVENT.fields.index(EVENT.by_name[n])) for n in ("sources", "quotes")
)
_QUOTE_SOURCE = itemgetter(QUOTE.fields.index(QUOTE.by_name["source"]))
_ARCHIVE = itemgetter(SOURCE.fields.index(SOURCE.by_name["archive"]))


def names_an_archive(event: Event | Sequence[Any]) -> bool:
    """Whether a source of an event (or of its row: the same places), or a quote's own,
    names an archive: what a quote is checked against (`verify.run.archives_of`)."""
    if any(map(_ARCHIVE, _SOURCES(event))):
        return True
    return any(
        source is not None and _ARCHIVE(source) for source in map(_QUOTE_SOURCE, _QUOTES(event))
    )


def fields_of(events: Sequence[Event], *names: str) -> Iterable[Any]:
    """Each event's field (`attrgetter(*names)` over the events), or "quoted" (each
    quote's speaker): for stored events from its column (`COLUMNS`) or their rows,
    without making them (making every event took 8 s at 1,000,000)."""
    if not isinstance(events, Stored):
        if names == ("quoted",):
            return (tuple(map(_SPEAKER, event.quotes)) for event in events)
        return map(attrgetter(*names), events)
    if len(names) == 1 and names[0] in events.columns:
        return events.columns[names[0]]
    row_values([], *names)  # refused before the first slice is read
    return chain.from_iterable(row_values(rows, *names) for rows in events.rows())


class Same(Sequence[Any]):
    """One value `count` times, held once: a column every event of a file shares (the
    file a cache entry's events were read from, which its rows do not hold)."""

    def __init__(self, value: Any, count: int) -> None:
        self._value, self._count = value, count

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self._value] * len(range(*index.indices(self._count)))
        if not -self._count <= index < self._count:
            raise IndexError("index out of range")
        return self._value

    def __iter__(self) -> Iterator[Any]:
        return repeat(self._value, self._count)


class Span(NamedTuple):
    """An event's dates alone: what moving by date and a date range read of it."""

    when: When
    end: When | None


class _StoredSpans(Sequence[Span]):
    def __init__(self, columns: dict[str, Sequence[Any]]) -> None:
        self.whens, self.ends = columns["when"], columns["end"]

    def __len__(self) -> int:
        return len(self.whens)

    def __getitem__(self, index: int) -> Span:  # type: ignore[override]
        return Span(self.whens[index], self.ends[index])


def spans_of(events: Sequence[Event]) -> Sequence[Span] | Sequence[Event]:
    """Each event's dates (`when` and `end`), as a sequence: from the columns of stored
    events (a bisection over them made an event at each step: going to a date at
    1,000,000 events took 0.15-2.3 s, a date filter a minute), or the events
    themselves, which have both."""
    if isinstance(events, Stored):
        return _StoredSpans(events.columns)
    return events


def whens_of(events: Sequence[Event], shown: Sequence[int]) -> list[When]:
    """The date of each event `shown` names (`fields_of` "when", for some of them)."""
    if isinstance(events, Stored):
        return list(map(events.columns["when"].__getitem__, shown))
    return list(map(_WHEN, map(events.__getitem__, shown)))

"""An entry's body: a timeline as marshalled parts, written (`encode`) and read back
(`Reader`).

The parts, in order: a heading (the timeline's own fields, its eras and problems),
the slices of event rows, the dates they refer to by number, the columns a stored
timeline reads without making events (`store.COLUMNS`), and how many dates there are.
Each part is preceded by its length, and the body is followed by its length and
SHA-256 (timeline/cache.py checks it before anything is decoded). Rows are made by the
records' description (timeline/schema.py): a new field is cached with no change here.
Where an event came from is not stored: it is the name the file is given by when the
entry is read.
"""

from __future__ import annotations

import marshal
import os
import struct
from array import array
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import Any, BinaryIO

from timeline.model import ERA, EVENT, MEDIA, SOURCE, WHEN, Event, Timeline, When
from timeline.problems import Problem
from timeline.schema import Rows
from timeline.store import COLUMNS, Entry, Same, StoredEvents, names_an_archive
from timeline.text import file_title

#: An entry ends with its body's length and SHA-256.
TRAILER = struct.Struct("<Q32s")
#: Each marshalled part of the body is preceded by its length.
PART = struct.Struct("<Q")
#: Dates per marshalled part.
_DATES_PART = 10_000


class CacheError(Exception):
    """A cache entry, checked whole, could not be read to its end."""


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


def encode(
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
    archived = False  # (`store.names_an_archive`: told at the end, as the dates are)
    # In one pass, not a slice at a time: a first read's events are made in passes
    # (timeline/file_rows.py), an event asked for alone reads all of its chunk.
    each = iter(timeline.events)
    for _ in range(0, len(timeline.events), slice_events):
        rows = []
        for event in islice(each, slice_events):
            archived = archived or names_an_archive(event)
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
    # Last: how the parts before it are counted, and whether the viewer checks quotes.
    yield (len(dates.kept), archived)


class Reader:
    """Reads an entry's body (opened by `cache._open`): its heading and dates when made, then its
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
        last = self._read(self._parts[-1])
        if not (isinstance(last, tuple) and len(last) == 2 and isinstance(last[0], int)):
            raise ValueError("the entry does not end as it should")
        dates: int = last[0]
        self.archived = last[1] is True
        if len(self._parts) != slices + -(-dates // _DATES_PART) + 3:
            raise ValueError("the entry holds other parts than it says")
        self._slices = self._parts[:slices]
        self._ids, self._columns = self._parts[-3:-1]
        for part in self._parts[slices:-3]:
            self._whens.extend([when_rows.value(row) for row in self._read(part)])
        if len(self._whens) != dates:
            raise ValueError("the entry holds other dates than it says")
        self._own = {
            "title": file_title(name) if title is None else title,
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
        file, end = self._file, os.fstat(self._file.fileno()).st_size - TRAILER.size
        parts: list[tuple[int, int]] = []
        at = start
        while at < end:
            file.seek(at)
            (length,) = PART.unpack(file.read(PART.size))
            parts.append((at + PART.size, length))
            at += PART.size + length
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
        columns["file"] = Same(self._name, self.count)  # not in the rows (the name given)
        return StoredEvents(
            open(os.dup(self._file.fileno()), "rb", buffering=0),  # the checked bytes
            self._slices,
            self._per_slice,
            self.count,
            self._maker(),
            columns,
            entry,
            archived=self.archived,
        )

    def stream(self) -> Iterator[Event]:
        """`events`, closing the entry at the end and saying why it stopped short."""
        with self._file:
            try:
                yield from self.events()
            except Exception as exc:
                raise CacheError(f"the cache entry could not be read to its end: {exc}") from exc

"""A large file's events on its first read, kept as the rows its chunks were read into
and made in the timeline's order as they are asked for.

A first open of 1,000,000 events that made every event spent most of its time turning
the helper's rows back into objects and building events nobody looks at before the
reader moves (6.2 s and 12.5 s of 22 s). The chunks' rows are written to temporary
files as they are read (by the helper process and by the loader, see
timeline/read/chunks.py); the loader builds, of each event, only what the work on all
of them needs (its id, dates, link and status: see `LIGHT`), and this sequence makes
an event from its row and those, when it is asked for. Events of a chunk that had a
doubt were read with every check, and are kept made (`full`).

The rows are in the file's order, the timeline in its own: an event is found through
`sources`. A pass over every event reads each chunk once when the file is roughly in
order (or in reverse order), which the loader checks before choosing this
(`window`); a file in no order is made whole instead.
"""

from __future__ import annotations

import marshal
import os
import threading
import weakref
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from typing import Any, BinaryIO, overload

from timeline.model import EVENT, Event
from timeline.schema import Kind
from timeline.stopping import check
from timeline.store import Stored

#: Events made at a time, in the timeline's order: a screen's worth and the moves around it.
PER_SLICE = 128
#: Chunks' rows kept read for the events asked for one by one (about 100 kB each), at
#: least those a pass keeps (`_keep`): a printout looks up each event's replies and
#: anchors, weeks away, as it goes.
KEPT_CHUNKS = 256
#: Events asked for alone kept made: the anchors and replies a printout looks up again.
KEPT_ALONE = 4096

_ID, _FILE, _LINE = (EVENT.fields.index(EVENT.by_name[name]) for name in ("id", "file", "line"))
#: Where a row holds lists, which an event holds as tuples (its tags).
_TEXTS = tuple(n for n, field in enumerate(EVENT.fields) if field.kind is Kind.TEXTS)


class FileRows(Stored):
    """The events of a first read, in the timeline's order, made as they are asked for.

    Args:
        files: The files the chunks' rows are in; closed with this.
        chunks: Where each chunk's marshalled rows are: (file, offset, length), a
            number into `files`; None for a chunk kept made.
        per_chunk: Events in every chunk.
        sources: For each event in the timeline's order, the number of its row (its
            chunk times `per_chunk`, plus its place in the chunk), or -1 for one kept
            made (in `full`, by its place in the timeline).
        full: The events kept made, by their place in the timeline.
        columns: A few fields of every event, in the timeline's order (`COLUMNS`);
            what the loader's work on all events gave them (their ids and dates) is
            taken from here, not from the rows.
        lines: The line of each event's header, in the timeline's order.
        make: Makes an event of a row, given its id, dates, file and line (see
            `read.quick_rows.event_maker`).
        window: How far, in rows, an event is at most from where the timeline's order
            puts it (or from the reverse of it): a pass keeps that many chunks read.
    """

    def __init__(
        self,
        files: Sequence[BinaryIO],
        chunks: Sequence[tuple[int, int, int] | None],
        per_chunk: int,
        sources: array[int],
        full: dict[int, Event],
        columns: dict[str, Sequence[Any]],
        lines: array[int],
        make: Callable[[list[Any], int], Event],
        window: int,
    ) -> None:
        super().__init__(len(sources), PER_SLICE, columns, None)
        self._files = list(files)
        self._chunks = chunks
        self._per_chunk = per_chunk
        self._sources = sources
        self._full = full
        self._lines = lines
        self._make = make
        self._window = window
        self._read: OrderedDict[int, list[Any]] = OrderedDict()  # chunks read, for the screen
        self._reading = threading.Lock()
        self._last = -2  # the event asked for last
        self._alone: OrderedDict[int, Event] = OrderedDict()  # those asked for alone
        for file in self._files:
            weakref.finalize(self, file.close)

    def _chunk(self, number: int) -> list[Any]:
        where = self._chunks[number]
        assert where is not None, "a chunk kept made has no rows"
        file, offset, length = where
        data = os.pread(self._files[file].fileno(), length, offset)
        if len(data) != length:
            raise OSError(f"the rows of chunk {number} end early: the temporary file was cut")
        rows: list[Any] = marshal.loads(data)
        return rows

    def _kept_chunk(self, number: int) -> list[Any]:
        with self._reading:
            found = self._read.get(number)
            if found is not None:
                self._read.move_to_end(number)
                return found
        found = self._chunk(number)
        with self._reading:
            self._read[number] = found
            while len(self._read) > max(KEPT_CHUNKS, self._keep()):
                self._read.popitem(last=False)
        return found

    def _events(self, first: int, last: int, chunk: Callable[[int], list[Any]]) -> list[Event]:
        sources, full, make, per = self._sources, self._full, self._make, self._per_chunk
        made = []
        for i in range(first, last):
            row = sources[i]
            if row < 0:
                made.append(full[i])
            else:
                made.append(make(chunk(row // per)[row % per], i))
        return made

    @overload
    def __getitem__(self, index: int) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Event, ...]: ...

    def __getitem__(self, index: int | slice) -> Event | tuple[Event, ...]:
        # An event asked for alone (a reply looked up, an anchor) is made alone: its
        # slice made for it took a printout of 250,000 events 465 s, making 40,000
        # slices of 128. One next to the one asked for last makes the slice (a
        # screen drawn, a range).
        if isinstance(index, slice) or not -self._count <= index < self._count:
            return super().__getitem__(index)
        if index < 0:
            index += self._count
        number = index // PER_SLICE
        with self._lock:
            found = self._kept.get(number)
            alone = self._alone.get(index)
            walking = abs(index - self._last) == 1  # down or up a screen, a range
            self._last = index
        if found is not None:
            return found[index % PER_SLICE]
        if walking:
            return self._made(number)[index % PER_SLICE]
        if alone is None:
            alone = self._events(index, index + 1, self._kept_chunk)[0]
            with self._lock:
                self._alone[index] = alone
                while len(self._alone) > KEPT_ALONE:
                    self._alone.popitem(last=False)
        return alone

    def _slice(self, number: int) -> list[Event]:
        first = number * PER_SLICE
        read: dict[int, list[Any]] = {}  # a slice's events may come from many chunks

        def chunk(number: int) -> list[Any]:
            found = read.get(number)
            if found is None:
                found = read[number] = self._kept_chunk(number)
            return found

        return self._events(first, min(first + PER_SLICE, self._count), chunk)

    def _keep(self) -> int:
        """Chunks a pass keeps read: those within `window` either way."""
        return 2 * -(-self._window // self._per_chunk) + 2

    def _pass_chunks(self) -> Callable[[int], list[Any]]:
        """A pass's reader of chunks: those of the slices near kept read for the pass
        alone (the screen's are left as they are), each read into rows of its own."""
        read: OrderedDict[int, list[Any]] = OrderedDict()
        keep = self._keep()

        def chunk(number: int) -> list[Any]:
            found = read.get(number)
            if found is None:
                found = read[number] = self._chunk(number)
                if len(read) > keep:
                    read.popitem(last=False)
            return found

        return chunk

    def _passing(self) -> Iterator[list[Event]]:
        """Every event, a slice at a time (`_pass_chunks`)."""
        chunk = self._pass_chunks()
        for first in range(0, self._count, PER_SLICE):
            check()  # a pass given up (the viewer left) stops here
            yield self._events(first, min(first + PER_SLICE, self._count), chunk)

    def rows(self) -> Iterator[list[Sequence[Any]]]:
        """Every event's row (`row_values`), a slice at a time, in order: the row its
        chunk was read into, given the event's id, file and line and its lists as
        tuples; an event kept made is its own row. Half the time of making them."""
        sources, full, per, texts = self._sources, self._full, self._per_chunk, _TEXTS
        ids, files, lines = self.columns["id"], self.columns["file"], self._lines
        chunk = self._pass_chunks()  # its own rows: changed below
        last, rows = -1, []
        for first in range(0, self._count, PER_SLICE):
            check()
            found: list[Sequence[Any]] = []
            for i in range(first, min(first + PER_SLICE, self._count)):
                at = sources[i]
                if at < 0:
                    found.append(full[i])
                    continue
                number = at // per
                if number != last:  # the next event is most often in the same chunk
                    rows, last = chunk(number), number
                row = rows[at % per]
                row[_ID], row[_FILE], row[_LINE] = ids[i], files[i], lines[i]
                for t in texts:
                    if type(row[t]) is list:
                        row[t] = tuple(row[t])
                found.append(row)
            yield found

    def __iter__(self) -> Iterator[Event]:
        for made in self._passing():
            yield from made

    def made(self) -> tuple[Event, ...]:
        """Every event, made now, each chunk read once (for a file in no order)."""
        count, per = self._count, self._per_chunk
        made: list[Event | None] = [None] * count
        place = array("i", [-1]) * (len(self._chunks) * per)
        for i, row in enumerate(self._sources):
            if row >= 0:
                place[row] = i
            else:
                made[i] = self._full[i]
        make = self._make
        for number, where in enumerate(self._chunks):
            if where is None:
                continue
            for at, row in enumerate(self._chunk(number), number * per):
                i = place[at]
                made[i] = make(row, i)
        assert None not in made
        return tuple(made)  # type: ignore[arg-type]

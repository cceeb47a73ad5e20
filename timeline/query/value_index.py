"""Which events hold each value of a field: what a filter looks up, once per timeline.

A filter by kind, speaker, group, tag or status read that field of every event on each
change: 24-63 ms at 100,000 events, 0.5 s at 1,000,000. Looked up here, it touches
only the values and the events it keeps. Each field is indexed on first use, one pass
over the events; the viewer keeps one `ValueIndex` per timeline shown (`View`), and a
command that filters once builds one for that filter.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from itertools import chain, compress, repeat
from operator import attrgetter, is_, is_not
from typing import Any

from timeline.model import Event, Qualifier
from timeline.store import Entry, Stored, fields_of, row_values

#: The fields indexed, by the name a filter gives them, and what each is of an event.
_NAMES = {
    "kind": "kind",
    "speaker": "speaker",
    "handle": "handle",
    "group": "group",
    "status": "status",
    "tag": "tags",
    "quoted": "quoted",
}
FIELDS = tuple(_NAMES)
_QUALIFIER = attrgetter("qualifier")
_BOUNDS = (Qualifier.BEFORE, Qualifier.AFTER)


def _indexed(
    parts: Iterable[Any], fields: Sequence[str], values_of: Callable[..., Iterable[Any]]
) -> dict[str, dict[str, array[int]]]:
    """The positions of each value of each field, over the events (or rows) in `parts`,
    in order: `values_of(part, name)` gives a field of each."""
    # Arrays from the start: four bytes a position rather than a pointer and an int
    # object (as lists, indexing 1,000,000 events held 300 MB more at its peak).
    index: dict[str, dict[str, array[int]]] = {field: {} for field in fields}
    start = 0
    for part in parts:
        for field in fields:
            found_in = index[field]
            values = enumerate(values_of(part, _NAMES[field]), start)
            if field not in ("tag", "quoted"):
                for position, value in values:
                    found = found_in.get(value)
                    if found is None:
                        found_in[value] = array("i", (position,))
                    else:
                        found.append(position)
            else:  # several values an event (a tag or a speaker may come twice)
                for position, items in values:
                    for value in items:
                        found = found_in.get(value)
                        if found is None:
                            found_in[value] = array("i", (position,))
                        elif found[-1] != position:
                            found.append(position)
        start += len(part)
    if "quoted" in index:
        index["quoted"].pop("", None)  # a quote without a speaker of its own
    return index


_SUFFIX = ".values"


def _kept_beside(entry: Entry, count: int) -> dict[str, dict[str, array[int]]] | None:
    """Every field's index of `count` events, as `_keep_beside` kept it beside their
    cache entry (indexing them took 8-10 s at 1,000,000 events; reading it back a
    fraction of a second), or None."""
    from timeline.cache_beside import open_beside

    found = open_beside(entry, _SUFFIX)
    if found is None:
        return None
    try:
        if found.part(0) != (count, FIELDS) or len(found) != 1 + len(FIELDS):
            return None
        fields: dict[str, dict[str, array[int]]] = {}
        for number, field in enumerate(FIELDS, 1):
            values: dict[str, array[int]] = {}
            for value, data in found.part(number):
                values[value] = positions = array("i")
                positions.frombytes(data)
            fields[field] = values
        return fields
    except (OSError, ValueError, EOFError, TypeError):
        return None
    finally:
        found.close()


def _keep_beside(entry: Entry, count: int, fields: dict[str, dict[str, array[int]]]) -> None:
    """Keep every field's index beside the events' cache entry (`_kept_beside`)."""
    from timeline.cache_beside import write_beside

    parts: list[Any] = [(count, FIELDS)]
    for field in FIELDS:
        parts.append([(value, positions.tobytes()) for value, positions in fields[field].items()])
    written = write_beside(entry, _SUFFIX, parts)
    if written is not None:
        written.close()


def _kept_or_made(
    entry: Entry, count: int, indexed: Callable[[], dict[str, dict[str, array[int]]]]
) -> dict[str, dict[str, array[int]]]:
    """Every field's index kept beside `entry`, or made now (`indexed`) and kept there:
    by one thread at a time, so that the viewer's writer and a first filter make it
    once (`cache_beside.making`)."""
    from timeline.cache_beside import making

    with making(entry, _SUFFIX):
        found = _kept_beside(entry, count)
        if found is None:
            found = indexed()
            _keep_beside(entry, count, found)
        return found


class _Stopped(Exception):
    """Indexing given up (`write_values`' `stopped`)."""


def write_values(entry: Entry, events: Sequence[Event], stopped: Callable[[], bool]) -> None:
    """Keep the index of values of a timeline's events beside the cache entry just
    written for it, from the events at hand (made, for the next open to read them
    stored); `stopped` is asked every 50,000 events."""

    def parts() -> Iterator[Sequence[Event]]:
        for start in range(0, len(events), 50_000):
            if stopped():
                raise _Stopped
            yield events[start : start + 50_000]

    def rows(stored: Stored) -> Iterator[Sequence[Any]]:
        # Their rows, in one pass: a slice of 50,000 asked for of a first read's
        # events made them one at a time (17 s against 0.3 s at 40,000 events).
        done = 0
        for part in stored.rows():
            if done // 50_000 != (done + len(part)) // 50_000 and stopped():
                raise _Stopped
            done += len(part)
            yield part

    def indexed() -> dict[str, dict[str, array[int]]]:
        from timeline.cache_beside import kept_aside

        made: dict[str, dict[str, array[int]]] | None = kept_aside(events, _SUFFIX)
        if made is not None:  # by a first filter before the entry was written
            return made
        if isinstance(events, Stored):
            return _indexed(rows(events), FIELDS, row_values)
        return _indexed(parts(), FIELDS, fields_of)

    with suppress(_Stopped):  # unless a first filter kept it meanwhile
        _kept_or_made(entry, len(events), indexed)


class ValueIndex:
    """For each field, the positions (in order) of the events holding each value as
    written: "kind", "speaker", "handle", "group", "status", "tag" (each tag of an
    event), "quoted" (the speaker of any of its quotes).

    Args:
        events: The events, in the order filters give positions in (`timeline.events`).
    """

    def __init__(self, events: Sequence[Event]) -> None:
        self.events = events
        self._fields: dict[str, dict[str, array[int]]] = {}
        self._layout: tuple[list[int], list[int]] | None = None
        self._building = threading.Lock()
        #: Of a merged stored timeline, each file's index and where its events are
        #: merged (`_files_placed`); [] for other events, None until asked.
        self._placed: list[tuple[ValueIndex, array[int]]] | None = None

    def of(self, field: str) -> dict[str, array[int]]:
        """Each value of the field, as written, and the positions of its events.

        Safe from several threads: one builds what is missing, the others wait for it
        (the viewer's picker indexes in a thread while the reader may filter)."""
        found = self._fields.get(field)
        if found is not None:
            return found
        with self._building:
            found = self._fields.get(field)
            if found is None:
                events = self.events
                if self._placed is None:
                    self._placed = _files_placed(events)
                if self._placed:
                    found = self._fields[field] = _merged(self._placed, field)
                elif isinstance(events, Stored):
                    # Every field in one pass over the rows, a slice at a time: a pass
                    # for each read every row again (2.6 s a field at 1,000,000 events).
                    # Kept beside the cache entry, for the next time it is opened.
                    stored_events = events

                    def indexed() -> dict[str, dict[str, array[int]]]:
                        return _indexed(stored_events.rows(), FIELDS, row_values)

                    entry = events.entry
                    if entry is None:
                        from timeline.cache_beside import keep_aside

                        stored = indexed()
                        # For the viewer's writer to keep beside the entry it writes
                        # for these events, rather than index them again (`write_values`).
                        keep_aside(events, _SUFFIX, stored)
                    else:
                        stored = _kept_or_made(entry, len(events), indexed)
                    self._fields.update(stored)
                    found = self._fields[field]
                else:
                    found = _indexed([events], (field,), fields_of)[field]
                    self._fields[field] = found
        return found

    def layout(self) -> tuple[list[int], list[int]]:
        """Positions of the events dated by a bound (either end), and of those with an
        end: the few a date range must look at one by one."""
        if self._layout is None:
            events = self.events
            everything = range(len(events))
            qualifiers = list(map(_QUALIFIER, fields_of(events, "when")))
            ends = list(fields_of(events, "end"))
            ranged = list(compress(everything, map(is_not, ends, repeat(None))))
            bounded = sorted(
                {
                    *compress(everything, map(is_, qualifiers, repeat(Qualifier.BEFORE))),
                    *compress(everything, map(is_, qualifiers, repeat(Qualifier.AFTER))),
                    *(i for i in ranged if ends[i].qualifier in _BOUNDS),
                }
            )
            self._layout = (bounded, ranged)
        return self._layout


def _files_placed(events: Sequence[Event]) -> list[tuple[ValueIndex, array[int]]]:
    """Of a merged stored timeline, each file's index of values (a large file's kept
    beside its cache entry) and where each of its events is merged; [] for any other
    events. Read from the merged rows instead, the first filter of 1,000,000 cached
    events and events.toml took 3.6 s."""
    if not isinstance(events, Stored):
        return []
    from timeline.merged_rows import MergedRows  # (not imported as the viewer starts)

    if not isinstance(events, MergedRows):
        return []
    return [(ValueIndex(part), where) for part, where in events.placed()]


def _merged(placed: list[tuple[ValueIndex, array[int]]], field: str) -> dict[str, array[int]]:
    """A field's index of a merged timeline, put together from each file's, its
    positions moved to the merged order (a field at a time: 0.1 s for each
    1,000,000 positions)."""
    into: dict[str, array[int]] = {}
    for own, where in placed:
        for value, positions in own.of(field).items():
            moved = array("i", map(where.__getitem__, positions))
            found = into.get(value)
            # Both rising, never at one position: each file's events are its own.
            into[value] = moved if found is None else array("i", sorted(found + moved))
    return into


def within(kept: Sequence[int], found: Iterable[array[int]]) -> list[int]:
    """The positions in `kept` (in order) that any of the `found` arrays holds."""
    arrays = list(found)
    if not arrays:
        return []
    positions: Sequence[int] = (
        arrays[0] if len(arrays) == 1 else sorted(set(chain.from_iterable(arrays)))
    )
    if isinstance(kept, range) and kept.step == 1:
        start, stop = bisect_left(positions, kept.start), bisect_left(positions, kept.stop)
        return list(positions[start:stop])
    if len(positions) < len(kept):
        wanted = set(positions)
        return list(compress(kept, map(wanted.__contains__, kept)))
    keep = set(kept)
    return list(compress(positions, map(keep.__contains__, positions)))

"""Several files' events in one order, each made from its own file's events when asked for.

Merging a stored timeline (a cache entry's or a first read's, `timeline.store`) with
another file made every event of it: 1,000,000 cached events and a file of 10 more
took 17.9 s and 1.9 GB to open, against 1.1 s alone. `MergedRows` keeps each file's
events as they are and where each of the merged order's events is among them; what
every event is needed for at once (the index of ids, replies, the rail's dates) comes
from columns put together from each file's, without making the events.

An id that several files give is renamed in the merged timeline, with the links
within its file (`timeline.read.merge.ids_of`): an event is renamed as it is made,
and the columns hold the renamed ids, links and anchors.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, chain, islice
from typing import Any, NamedTuple

from timeline.model import EVENT, Event, Timeline, When, order_of_sorted
from timeline.stopping import check
from timeline.store import COLUMNS, Stored, fields_of, names_an_archive

_ID_AT, _IN_REPLY_TO_AT = (EVENT.fields.index(EVENT.by_name[n]) for n in ("id", "in_reply_to"))
#: Events made at a time, in the merged order: a screen's worth and the moves around it.
PER_SLICE = 256


class FileEvents(NamedTuple):
    """One file's events in a timeline (`files_of`)."""

    name: str
    events: Sequence[Event]
    """In the timeline's order, as read from the file."""
    merged: Callable[[Event], Event] | None
    """What one becomes in the timeline (its id renamed), if anything."""


def files_of(timeline: Timeline) -> list[FileEvents]:
    """Each file of a timeline and its events: of a merged stored timeline, each file's
    own (looking through the merged order for them made every event of every file)."""
    events = timeline.events
    if isinstance(events, MergedRows):
        return events.files()
    if len(timeline.files) == 1:
        return [FileEvents(timeline.files[0], events, None)]
    return [
        FileEvents(name, [event for event in events if event.file == name], None)
        for name in timeline.files
    ]


class MergedRows(Stored):
    """Several timelines' events (each a tuple or stored), in the merged order, each
    made from its own timeline's when asked for.

    Args:
        parts: Each file's events, in its own timeline's order.
        renames: For each, its ids that are renamed merged, and to what.
        files: For each, the file it was read from, as given.
    """

    def __init__(
        self,
        parts: Sequence[Sequence[Event]],
        renames: Sequence[dict[str, str]],
        files: Sequence[str],
    ):
        self._parts = list(parts)
        self._files = list(files)
        self._renames = list(renames)
        self._fixes = [renaming(renamed) if renamed else None for renamed in renames]
        self._starts = [0, *accumulate(map(len, self._parts))]
        whens = [
            _fixed_dates(fields_of(events, "when"), renamed)
            for events, renamed in zip(self._parts, renames, strict=True)
        ]
        whole: list[When] = list(chain.from_iterable(whens))
        # The files' events one after another, then in the order of their dates: ties
        # keep the files' order, as `chronological` keeps them.
        order = self._order = array("i", order_of_sorted(whens))

        def column(name: str) -> list[Any]:
            if name == "when":
                together: Sequence[Any] = whole
            else:
                together = list(
                    chain.from_iterable(
                        _column(events, name, renamed)
                        for events, renamed in zip(self._parts, renames, strict=True)
                    )
                )
            return list(map(together.__getitem__, order))

        # With each event's file: there are several.
        columns: dict[str, Sequence[Any]] = {name: column(name) for name in (*COLUMNS, "file")}
        super().__init__(len(order), PER_SLICE, columns, None)
        self.archived = _archived(self._parts)

    def _slice(self, number: int) -> list[Event]:
        starts, parts, fixes = self._starts, self._parts, self._fixes
        made = []
        for place in self._order[number * PER_SLICE : (number + 1) * PER_SLICE]:
            part = bisect_right(starts, place) - 1
            event = parts[part][place - starts[part]]
            fix = fixes[part]
            made.append(event if fix is None else fix(event))
        return made

    def files(self) -> list[FileEvents]:
        """Each file's events, in its own order, and what each becomes merged (a file's
        events are in the merged order among themselves)."""
        return [
            FileEvents(name, events, fix)
            for name, events, fix in zip(self._files, self._parts, self._fixes, strict=True)
        ]

    def placed(self) -> list[tuple[Sequence[Event], array[int]]]:
        """Each file's events, with where each of them is in the merged order (rising:
        a file's events keep their order merged)."""
        order = self._order
        # The inverse of the merged order, sorted in C: the order is a few long runs (a
        # large file's events, and a small one's placed among them), which a sort of
        # them finds and merges.
        where = array("i", sorted(range(len(order)), key=order.__getitem__))
        starts = self._starts
        return [(events, where[starts[n] : starts[n + 1]]) for n, events in enumerate(self._parts)]

    def rows(self) -> Iterator[list[Sequence[Any]]]:
        """Every event's row, a slice at a time, in order: each file's own rows (its
        stored rows, or its events), taken in the merged order; an id or link renamed
        merged is renamed in its row. Making the events instead took 3-4 times as long
        (a search's text, the filters' values, the palette's titles)."""
        fixes = [
            None if fix is None else _row_renaming(fix, renamed)
            for fix, renamed in zip(self._fixes, self._renames, strict=True)
        ]
        rows = self.in_order(_rows_of, fixes)
        while found := list(islice(rows, PER_SLICE)):
            yield found

    def in_order(
        self,
        of_each: Callable[[Sequence[Event]], Iterable[Any]],
        fixes: Sequence[Callable[[Any], Any] | None] = (),
    ) -> Iterator[Any]:
        """What `of_each` gives of each file's events (a value an event, in its order:
        its rows, its search text), in the merged order, each through its file's fix
        if any; given up (`stopping.check`) between slices."""
        starts = self._starts
        streams = [iter(of_each(events)) for events in self._parts]
        fixes = fixes or [None] * len(self._parts)
        for number in range(-(-len(self) // PER_SLICE)):
            check()
            for place in self._order[number * PER_SLICE : (number + 1) * PER_SLICE]:
                part = bisect_right(starts, place) - 1
                value = next(streams[part])
                fix = fixes[part]
                yield value if fix is None else fix(value)


def _rows_of(events: Sequence[Event]) -> Iterator[Sequence[Any]]:
    """A file's rows, in its order: a stored one's, or its events."""
    if isinstance(events, Stored):
        for rows in events.rows():
            yield from rows
    else:
        yield from events


def _row_renaming(
    fix: Callable[[Event], Event], renamed: dict[str, str]
) -> Callable[[Sequence[Any]], Sequence[Any]]:
    """What becomes of one file's row merged: an event renamed (`renaming`), a stored
    row its id and link renamed (`_renamed_row`)."""
    return lambda row: fix(row) if isinstance(row, Event) else _renamed_row(row, renamed)


def _renamed_row(row: Sequence[Any], renamed: dict[str, str]) -> Sequence[Any]:
    """A stored row with its id and link renamed merged (its dates' anchors stay: a
    date is read of the columns, never of a row)."""
    ident, target = row[_ID_AT], row[_IN_REPLY_TO_AT]
    if ident not in renamed and target not in renamed:
        return row
    changed = list(row)
    changed[_ID_AT] = renamed.get(ident, ident)
    changed[_IN_REPLY_TO_AT] = renamed.get(target, target)
    return changed


def _column(events: Sequence[Event], name: str, renamed: dict[str, str]) -> Sequence[Any]:
    """One file's column of a field, its renamed ids and links (and dates: `_fixed_dates`)."""
    values = fields_of(events, name)
    if name == "end":
        return _fixed_dates(values, renamed)
    if renamed and name in ("id", "in_reply_to"):
        return [renamed.get(value, value) for value in values]
    return values if isinstance(values, Sequence) else list(values)


def _fixed_dates(whens: Any, renamed: dict[str, str]) -> Sequence[Any]:
    """One file's column of dates, their anchors renamed (None, a lacking end, stays)."""
    if not renamed:
        return whens if isinstance(whens, Sequence) else list(whens)
    return [renamed_anchor(when, renamed) for when in whens]


def renamed_anchor(when: When | None, renamed: dict[str, str]) -> When | None:
    """The date, counted from the renamed id if its anchor is renamed."""
    if when is None or when.anchor not in renamed:
        return when
    return when._replace(anchor=renamed[when.anchor])


def renaming(renamed: dict[str, str]) -> Callable[[Event], Event]:
    """What becomes of one file's event merged: its id, link and anchors renamed."""

    def rename(event: Event) -> Event:
        start = renamed_anchor(event.when, renamed)
        assert start is not None
        return event._replace(
            id=renamed.get(event.id, event.id),
            in_reply_to=renamed.get(event.in_reply_to, event.in_reply_to),
            when=start,
            end=renamed_anchor(event.end, renamed),
        )

    return rename


def _archived(parts: Sequence[Sequence[Event]]) -> bool | None:
    """Whether any file's events name an archive, when each stored one's entry says (a
    made one is asked, its events at hand); else None."""
    found = False
    for events in parts:
        if isinstance(events, Stored):
            if events.archived is None:
                return None
            found = found or events.archived
        else:
            found = found or any(map(names_an_archive, events))
    return found

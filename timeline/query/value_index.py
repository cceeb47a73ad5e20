"""Which events hold each value of a field: what a filter looks up, once per timeline.

A filter by kind, speaker, group, tag or status read that field of every event on each
change: 24-63 ms at 100,000 events, 0.5 s at 1,000,000. Looked up here, it touches
only the values and the events it keeps. Each field is indexed on first use, one pass
over the events; the viewer keeps one `ValueIndex` per timeline shown (`View`), and a
command that filters once builds one for that filter.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, compress, repeat
from operator import attrgetter, is_, is_not

from timeline.model import Event, Qualifier

#: Fields of one value per event, by the name a filter gives them.
_ONE_VALUE: dict[str, Callable[[Event], str]] = {
    name: attrgetter(name) for name in ("kind", "speaker", "handle", "group", "status")
}
_TAGS = attrgetter("tags")
_QUOTES = attrgetter("quotes")
_QUALIFIER = attrgetter("when.qualifier")
_END = attrgetter("end")
_END_QUALIFIER = attrgetter("end.qualifier")
_BOUNDS = (Qualifier.BEFORE, Qualifier.AFTER)


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

    def of(self, field: str) -> dict[str, array[int]]:
        """Each value of the field, as written, and the positions of its events."""
        found = self._fields.get(field)
        if found is None:
            found = self._fields[field] = self._index(field)
        return found

    def _index(self, field: str) -> dict[str, array[int]]:
        events = self.events
        lists: dict[str, list[int]] = {}
        if field in _ONE_VALUE:
            for position, value in enumerate(map(_ONE_VALUE[field], events)):
                found = lists.get(value)
                if found is None:
                    lists[value] = [position]
                else:
                    found.append(position)
        else:  # several values an event (a tag or a speaker may come twice)
            tags = field == "tag"
            for position, items in enumerate(map(_TAGS if tags else _QUOTES, events)):
                for item in items:
                    value = item if tags else item.speaker
                    found = lists.get(value)
                    if found is None:
                        lists[value] = [position]
                    elif found[-1] != position:
                        found.append(position)
        if field == "quoted":
            lists.pop("", None)  # a quote without a speaker of its own
        # Arrays: four bytes a position rather than a pointer and an int object.
        return {value: array("i", positions) for value, positions in lists.items()}

    def layout(self) -> tuple[list[int], list[int]]:
        """Positions of the events dated by a bound (either end), and of those with an
        end: the few a date range must look at one by one."""
        if self._layout is None:
            events = self.events
            everything = range(len(events))
            qualifiers = list(map(_QUALIFIER, events))
            ranged = list(compress(everything, map(is_not, map(_END, events), repeat(None))))
            bounded = sorted(
                {
                    *compress(everything, map(is_, qualifiers, repeat(Qualifier.BEFORE))),
                    *compress(everything, map(is_, qualifiers, repeat(Qualifier.AFTER))),
                    *(i for i in ranged if _END_QUALIFIER(events[i]) in _BOUNDS),
                }
            )
            self._layout = (bounded, ranged)
        return self._layout


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

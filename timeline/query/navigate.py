"""Moving by date: the event nearest a date, the next or previous day or month with events.

The functions take events in chronological order, as `Timeline.events` (filtered or
not) always is, and search them by bisection, so they cost the same at any size.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from timeline.dates import approximate_day
from timeline.dates.calendar import first_moment, last_moment
from timeline.model import Event, Precision, When


def event_key(event: Event) -> tuple[int, int, int, int, int, int]:
    return event.when.key


def nearest_index(events: Sequence[Event], when: When) -> int:
    """The event nearest a date, for "jump to date".

    A date naming a period ("2018", "July 2018") goes to the first event within it when
    there is one. Otherwise the nearer of the events either side wins, by
    `dates.approximate_day`; on a tie, the later one (what happens from that date on).
    An earlier winner is replaced by the first event of its day.

    Args:
        events: Events in chronological order.
        when: The date, as `dates.parse_query` reads what the reader typed.

    Returns:
        An index into `events`.

    Raises:
        ValueError: `events` is empty.
    """
    if not events:
        raise ValueError("no events to jump to")
    after = bisect_left(events, when.key, key=event_key)
    if after == len(events):
        return after - 1
    if when.precision < Precision.DAY and first_moment(events[after].when) <= last_moment(when):
        return after
    if after == 0:
        return 0
    target = approximate_day(when)
    before_gap = target - approximate_day(events[after - 1].when)
    after_gap = approximate_day(events[after].when) - target
    if after_gap <= before_gap:
        return after
    # The earlier side wins: go to the first event of its day, as `previous_day` does,
    # so the reader sees that day from its start.
    return bisect_left(events, _day(events[after - 1]), hi=after, key=_day)


def _step(
    events: Sequence[Event],
    index: int,
    direction: int,
    unit: Callable[[Event], tuple[int, ...]],
) -> int:
    """The first event of the next (or previous) period holding events, or `index`."""
    if not 0 <= index < len(events):
        raise IndexError(f"index {index} is outside the {len(events)} events")
    here = unit(events[index])
    if direction > 0:
        following = bisect_right(events, here, lo=index, key=unit)
        return following if following < len(events) else index
    first_here = bisect_left(events, here, hi=index, key=unit)
    if first_here == 0:
        return index
    previous = unit(events[first_here - 1])
    return bisect_left(events, previous, hi=first_here, key=unit)


def _day(event: Event) -> tuple[int, ...]:
    # The key's first three parts: events known only to the month or year have day 0
    # (and month 0), so they make periods of their own, as they do on the rail.
    return event.when.key[:3]


def _month(event: Event) -> tuple[int, ...]:
    return event.when.key[:2]


def next_day(events: Sequence[Event], index: int) -> int:
    """The first event on a later day than `events[index]`, or `index` if there is none."""
    return _step(events, index, 1, _day)


def previous_day(events: Sequence[Event], index: int) -> int:
    """The first event of the nearest earlier day holding events, or `index` if none."""
    return _step(events, index, -1, _day)


def next_month(events: Sequence[Event], index: int) -> int:
    """The first event in a later month than `events[index]`, or `index` if there is none."""
    return _step(events, index, 1, _month)


def previous_month(events: Sequence[Event], index: int) -> int:
    """The first event of the nearest earlier month holding events, or `index` if none."""
    return _step(events, index, -1, _month)

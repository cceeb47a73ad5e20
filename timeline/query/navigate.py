"""Moving by date: the event nearest a date, the next or previous day or month with events.

The functions take events in chronological order, as `Timeline.events` (filtered or
not) always is, and search them by bisection, so they cost the same at any size. They
look only at each event's date (`Dated`): the selection gives them the dates alone
(`selection.ShownDates`), so that a large timeline from the cache makes no event.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import Protocol

from timeline.dates import Query, approximate_day, days_in_month
from timeline.dates.calendar import Moment, first_moment, last_moment, moment_after
from timeline.model import Precision, Qualifier, When


class Dated(Protocol):
    """What moving by date reads of an event: its date."""

    @property
    def when(self) -> When: ...


def event_key(event: Dated) -> tuple[int, int, int, int, int, int]:
    return event.when.key


def nearest_index(events: Sequence[Dated], when: When) -> int:
    """The event nearest a date, for "jump to date" (`--at`, `d`, a click on the strip).

    Events on the date come first: the first event dated within it (a date naming a
    period, "2018" or "July 2018", counts the whole period). Events only bounded by the
    date are not on it: "before 16 July" lies before 16 July, so a jump to 16 July
    selects the letter dated 16 July, not the events known only to precede it.
    Otherwise the nearer of the events either side wins, counted in days from each
    day's start (for a date with a time, to the second, the earlier event from the end
    of its day or time, or from its start when it is known only to the month or year),
    a later "after" bound from the end of what it follows; on a tie,
    the later one (what happens from that date on). An event known to lie
    on the other side of the date ("before 16 July" for a jump to 17 July, seen from
    after it) is passed over while another candidate exists. An earlier winner is
    replaced by the first event of its day, leaving out those only known to precede it
    (unless a time was asked for and the winner has one: it is then the nearest).

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
    start, stop = first_moment(when), last_moment(when)
    after = bisect_left(events, when.key, key=event_key)
    # On the date: dated within it, not merely bounded by it.
    on = _first_dated(events, after, stop)
    if on is not None:
        return on
    # The nearest events either side, passing over those known to lie on the other side.
    later = after
    while later < len(events) and _lies_before(events[later].when, start):
        later += 1
    earlier = after - 1
    while earlier >= 0 and _lies_after(events[earlier].when, stop):
        earlier -= 1
    if later == len(events) and earlier < 0:
        return min(after, len(events) - 1)  # every event is only bounded: the first after
    if earlier < 0:
        return later
    timed = when.precision >= Precision.HOUR
    if later < len(events):
        earlier_when, later_when = events[earlier].when, events[later].when
        if timed:  # to the second: from the end of the earlier event's day or time
            target = _days(start)
            fine = earlier_when.precision >= Precision.DAY
            before_gap = target - _days((last_moment if fine else first_moment)(earlier_when))
        else:  # by days, from each day's start
            target = approximate_day(when)
            before_gap = target - approximate_day(earlier_when)
        after_gap = _days(_earliest(later_when), timed) - target
        if after_gap <= before_gap:
            return later
        if timed and earlier_when.precision >= Precision.HOUR:
            return earlier  # the time asked for is nearer this time than its day's start
    # The earlier side wins: go to the first event of its day, as `previous_day` does,
    # so the reader sees that day from its start, but not to one only known to precede it.
    day = _day(events[earlier])
    first = bisect_left(events, day, hi=earlier, key=_day)
    while first < earlier and events[first].when.qualifier is Qualifier.BEFORE:
        first += 1
    return first


_BOUNDS = (Qualifier.BEFORE, Qualifier.AFTER)


def _days(moment: Moment, timed: bool = True) -> float:
    """A moment as a number of days, roughly (`dates.approximate_day`), with its time
    when `timed`: distances between the times of one day count then."""
    year, month, day, hour, minute, second = moment
    time = (hour * 3600 + minute * 60 + second) / 86400 if timed else 0.0
    return approximate_day(When(year, month, day)) + time


def _earliest(when: When) -> Moment:
    """The earliest moment an event may lie at: "after July 2018" lies after 31 July,
    not from 1 July on, and so is measured from there."""
    if when.qualifier is Qualifier.AFTER:
        return moment_after(last_moment(when))
    return first_moment(when)


def _lies_before(when: When, start: Moment) -> bool:
    """Whether a date is known to lie wholly before a moment ("before 16 July", 16 July)."""
    return when.qualifier is Qualifier.BEFORE and first_moment(when) <= start


def _lies_after(when: When, stop: Moment) -> bool:
    """Whether a date is known to lie wholly after a moment."""
    return when.qualifier is Qualifier.AFTER and last_moment(when) >= stop


def jump_index(events: Sequence[Dated], query: Query, near: When | None = None) -> int:
    """The event a typed date goes to: `nearest_index`, or across years for a date typed
    without one ("june 5" goes to the 5 June with events nearest the year `near` is in,
    not only to that year's).

    Args:
        events: Events in chronological order.
        query: What the reader typed, as `dates.read_query` reads it.
        near: The date the reader is at (the selected event's); by default the year in
            `query.when` (the default year it was read with).

    Raises:
        ValueError: `events` is empty.
    """
    when = query.when
    if query.has_year or not events:
        return nearest_index(events, when)
    centre = (near or when).year
    best: tuple[int, int] | None = None
    for year in _years(events):
        candidate = _on_day_of_year(events, when, year)
        if candidate is None:
            continue
        distance = abs(year - centre)
        if best is None or distance < best[0]:
            best = (distance, candidate)
    if best is None:
        return nearest_index(events, when._replace(year=centre))
    return best[1]


def _years(events: Sequence[Dated]) -> list[int]:
    """The distinct years of the events' keys, found by hopping from year to year."""
    years: list[int] = []
    i = 0
    while i < len(events):
        year = events[i].when.key[0]
        years.append(year)
        i = bisect_right(events, (year,), lo=i, key=_year_part)
    return years


def _year_part(event: Dated) -> tuple[int]:
    return (event.when.key[0],)


def _on_day_of_year(events: Sequence[Dated], when: When, year: int) -> int | None:
    """The first event dated within the month-and-day (or month) `when` names, in `year`."""
    moved = when._replace(year=year)
    if moved.precision >= Precision.DAY and moved.day > days_in_month(year, moved.month):
        return None  # 29 February in a common year
    return _first_dated(events, bisect_left(events, moved.key, key=event_key), last_moment(moved))


def _first_dated(events: Sequence[Dated], i: int, stop: tuple[int, ...]) -> int | None:
    """The first event from `i` dated at or before `stop`, not merely bounded by a date
    (before or after it), or None."""
    while i < len(events) and events[i].when.key <= stop:
        if events[i].when.qualifier not in _BOUNDS:
            return i
        i += 1
    return None


def _step(
    events: Sequence[Dated],
    index: int,
    direction: int,
    unit: Callable[[Dated], tuple[int, ...]],
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


def _day(event: Dated) -> tuple[int, ...]:
    # The key's first three parts: events known only to the month or year have day 0
    # (and month 0), so they make periods of their own, as they do on the rail.
    return event.when.key[:3]


def _day_stop(event: Dated) -> tuple[int, ...]:
    # A stop of `[` and `]`: a day, or what lies past a day's last moment (key hour 24),
    # a bound known only to the day. "before Mon 16" (past the 15th) was a stop of its
    # own but "after Mon 16" (past the 16th) shared Mon 16's, and as `_step` goes to a
    # stop's first event it was never reached; the rail shows each as a date of its own.
    key = event.when.key
    return (*key[:3], 24) if key[3] == 24 else key[:3]


def _month(event: Dated) -> tuple[int, ...]:
    return event.when.key[:2]


def next_day(events: Sequence[Dated], index: int) -> int:
    """The first event on a later day than `events[index]`, or `index` if there is none.
    An event only known to lie before or after a day ("after Mon 16") is on a day of
    its own, after that day's events."""
    return _step(events, index, 1, _day_stop)


def previous_day(events: Sequence[Dated], index: int) -> int:
    """The first event of the nearest earlier day holding events, or `index` if none
    (days as `next_day` counts them)."""
    return _step(events, index, -1, _day_stop)


def next_month(events: Sequence[Dated], index: int) -> int:
    """The first event in a later month than `events[index]`, or `index` if there is none."""
    return _step(events, index, 1, _month)


def previous_month(events: Sequence[Dated], index: int) -> int:
    """The first event of the nearest earlier month holding events, or `index` if none."""
    return _step(events, index, -1, _month)

"""The lanes of the lanes view: which events run in which lane, where they sit in time,
and moving between them.

A lane holds the events of one group (or speaker, or kind, or all of them), in time
order, as arrays built once when the events or the filter change (O(n)). Everything a
frame or a key press needs after that is a bisection of those arrays, so it costs the
same at a hundred events or a hundred thousand. Placing marks and labels in a view is
`timeline.show.placement`; the whole screen is `timeline.show.lanes_view`.

Nothing here imports Textual.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from operator import attrgetter, sub
from typing import Any, NamedTuple, assert_never

from timeline.model import Event, Precision, Qualifier, When
from timeline.show.axis import View, period
from timeline.store import fields_of
from timeline.text import one_line

MODES: tuple[str, ...] = ("group", "speaker", "kind", "single")
"""What makes a lane: the event's group, its speaker, its kind, or one lane for all."""

#: What the lanes are, as the view's corner says it (it said "by single").
HEADINGS = {"group": "by group", "speaker": "by speaker", "kind": "by kind", "single": "one lane"}

#: The lane of events with nothing in the field that makes lanes; it comes last.
NO_VALUE = {"group": "(no group)", "speaker": "(no speaker)", "kind": "(no kind)"}

#: The name of the one lane in "single" mode.
ALL_EVENTS = "all events"

# An item's flags: exact, circa or a bound in the two low bits, then what kind of mark
# it is, and whether its date is uncertain.
EXACT, CIRCA, BEFORE, AFTER = 0, 1, 2, 3
QUALIFIER_BITS = 3
RANGE = 4  # the event has an end after its start: a bar
COARSE = 8  # known only to the month or the year: a span whenever it is wider than a cell
UNCERTAIN = 16  # "2019-09-02?": perhaps this date, the source is in doubt


def qualifier_flags(qualifier: Qualifier) -> int:
    """The flags that say a date's qualifier (every `Qualifier` has them: mypy checks
    that a new one is added here)."""
    match qualifier:
        case Qualifier.EXACT:
            return EXACT
        case Qualifier.CIRCA:
            return CIRCA
        case Qualifier.UNCERTAIN:
            return UNCERTAIN
        case Qualifier.BEFORE:
            return BEFORE
        case Qualifier.AFTER:
            return AFTER
        case _:
            assert_never(qualifier)


#: The narrowest span the view zooms to: an hour across the whole width.
MIN_SPAN = 1 / 24

#: How far the view zooms out past the whole timeline, as a multiple of its span.
MAX_ZOOM_OUT = 8.0

#: The widest span at all (days): far past the age of the universe, well inside a float.
LIMIT_SPAN = 1e14

#: Cells kept free left of the earliest event and right of the latest when fitting:
#: room for a "before" mark, and for an "after" mark and the start of a label.
FIT_LEFT = 3
FIT_RIGHT = 24


_FIELDS = {mode: attrgetter(mode) for mode in ("group", "speaker", "kind")}


def lane_name(event: Event, mode: str) -> str:
    """The lane an event runs in: its group, speaker or kind as written (one line), or
    the lane of events without one; `ALL_EVENTS` in "single" mode.

    Names are kept as written apart from surrounding space: "Salesforce" and
    "salesforce" are two lanes, as they are two values to the filters' eyes in print.
    """
    if mode == "single":
        return ALL_EVENTS
    field = _FIELDS.get(mode)
    if field is None:
        raise ValueError(f"unknown lane mode {mode!r}; expected one of {', '.join(MODES)}")
    return _lane_named(field(event), mode)


def _lane_named(value: str, mode: str) -> str:
    """`lane_name` of an event whose field making lanes holds `value`."""
    return one_line(value) or NO_VALUE[mode]


def next_mode(mode: str) -> str:
    """The mode after `mode` in `MODES`, round to the first."""
    return MODES[(MODES.index(mode) + 1) % len(MODES)]


class ReachClass(NamedTuple):
    """The items of a lane no longer than `reach` days (and longer than half of it).

    A view from t0 to t1 shows the items of this class that start between
    t0 - reach and t1: found by bisecting `times`, with at most as many again that
    start early and end before t0. Items are in classes of lengths 1, 2, 4, 8, ...
    days, so a frame finds every item it shows, ranges that began off screen
    included, in a few bisections whatever the lengths in the file.

    Attributes:
        reach: The longest item of the class can be this long, in days.
        slots: The items, as indices into the lane's arrays, in time order.
        times: Their start times, for bisection.
    """

    reach: float
    slots: array[int]
    times: array[float]


class Lane:
    """One lane's events in time order, as parallel arrays.

    Attributes:
        name: What the lane is called on screen.
        times: Start of each item (the first moment of its date's period), in days,
            non-decreasing.
        ends: End of each item: the end of the period its end date names for a range,
            else the end of its date's period ("July 2018" ends with July).
        positions: The position of each item among the shown events.
        flags: A qualifier (EXACT, CIRCA, BEFORE, AFTER) and the RANGE, COARSE and
            UNCERTAIN bits.
        classes: The items by length, for finding those in a view (see `ReachClass`).
    """

    __slots__ = ("classes", "ends", "flags", "name", "positions", "times")

    def __init__(self, name: str) -> None:
        self.name = name
        self.times: array[float] = array("d")
        self.ends: array[float] = array("d")
        self.positions: array[int] = array("q")
        self.flags = bytearray()
        self.classes: tuple[ReachClass, ...] = ()

    def __len__(self) -> int:
        return len(self.times)

    def _build_classes(self) -> None:
        times, ends = self.times, self.ends
        # Most items are a day or less: they are found in one pass, in C.
        powers = [
            0 if length <= 1.0 else math.ceil(math.log2(length)) for length in map(sub, ends, times)
        ]
        grouped: dict[int, array[int]] = {}
        if not any(powers):
            grouped[0] = array("q", range(len(times)))
        else:
            for slot, power in enumerate(powers):
                found = grouped.get(power)
                if found is None:
                    found = grouped[power] = array("q")
                found.append(slot)
        self.classes = tuple(
            ReachClass(2.0**power, slots, array("d", map(times.__getitem__, slots)))
            for power, slots in sorted(grouped.items())
        )

    def in_view(self, low: float, high: float) -> Iterator[tuple[array[int], int, int]]:
        """For each class, its slots and the range of them that may reach [low, high]."""
        for reach_class in self.classes:
            times = reach_class.times
            yield (
                reach_class.slots,
                bisect_left(times, low - reach_class.reach),
                bisect_right(times, high),
            )

    def count_in_view(self, low: float, high: float) -> int:
        """An upper bound of the items reaching [low, high]: a few bisections."""
        return sum(stop - start for _, start, stop in self.in_view(low, high))

    def nearest(self, time: float) -> int:
        """The slot whose start is nearest `time`; the later one on a tie."""
        times = self.times
        after = bisect_left(times, time)
        if after == len(times):
            return after - 1
        if after == 0 or times[after] - time <= time - times[after - 1]:
            return after
        # The earlier side wins: the first item at that time, as the rail would go.
        return bisect_left(times, times[after - 1], hi=after)


class LaneIndex:
    """The shown events sorted into lanes, with the lookups moving needs.

    Built once per data, filter or mode change: O(n), a few arrays per lane.

    Attributes:
        events: All events.
        shown: Indices into `events` of the events shown, chronological.
        mode: One of `MODES`.
        lanes: The lanes, in the order of their first event (the lane of events
            without a value last).
        lane_of: For each position in `shown`, its lane.
        slot_of: For each position in `shown`, its index in its lane's arrays.
        first: The earliest start of any item, in days (0 with no events).
        last: The latest end of any item, in days.
    """

    def __init__(self, events: Sequence[Event], shown: Sequence[int], mode: str = "group") -> None:
        if mode not in MODES:
            raise ValueError(f"unknown lane mode {mode!r}; expected one of {', '.join(MODES)}")
        self.events = events
        self.shown = shown
        self.mode = mode
        lanes: dict[str, Lane] = {}
        self.lane_of: array[int] = array("i", bytes(4 * len(shown)))
        self.slot_of: array[int] = array("i", bytes(4 * len(shown)))
        # The loader shares one When among events with the same date: its period is
        # worked out once per date, not once per event; a lane's name once per value.
        periods: dict[int, tuple[float, float, int]] = {}
        # What a lane needs of an event is its dates and one field: read from the
        # store's columns and rows, a million events are never made (18 s at
        # 1,000,000 events, making them; see timeline/store.py).
        whens: Sequence[When] = _column(events, "when")
        ends: Sequence[When | None] = _column(events, "end")
        values: Sequence[str] | None = None if mode == "single" else _column(events, mode)
        named: dict[str, tuple[Lane, int]] = {}
        names: list[str] = []
        lane_of, slot_of = self.lane_of, self.slot_of
        for position, index in enumerate(shown):
            value = values[index] if values is not None else ""
            found_lane = named.get(value)
            if found_lane is None:
                name = _lane_named(value, mode) if values is not None else ALL_EVENTS
                lane = lanes.get(name)
                if lane is None:
                    lane = lanes[name] = Lane(name)
                    names.append(name)
                found_lane = named[value] = (lane, names.index(name))
            lane, number = found_lane
            when = whens[index]
            found = periods.get(id(when))
            if found is None:
                found = periods[id(when)] = _period_and_flags(when)
            start, end, flags = found
            last = ends[index]
            if last is not None:
                _, stop = period(last)
                if stop > end:
                    end = stop
                    flags |= RANGE
                if flags & QUALIFIER_BITS in (EXACT, CIRCA):
                    # A range is as doubtful as its end: "1815 – c. 1852" is circa,
                    # "1815 – 1852?" uncertain. (A bound's mark is only its bound.)
                    if last.qualifier is Qualifier.CIRCA:
                        flags |= CIRCA
                    elif last.qualifier is Qualifier.UNCERTAIN:
                        flags |= UNCERTAIN
            lane_of[position] = number
            slot_of[position] = len(lane.times)
            lane.times.append(start)
            lane.ends.append(end)
            lane.positions.append(position)
            lane.flags.append(flags)
        # The lane of events without a value goes last, whatever its first event.
        order = sorted(range(len(names)), key=lambda n: names[n] in NO_VALUE.values())
        renumber = array("i", bytes(4 * len(order)))
        for new, old in enumerate(order):
            renumber[old] = new
        self.lanes: tuple[Lane, ...] = tuple(lanes[names[old]] for old in order)
        if order != sorted(order):
            self.lane_of = array("i", (renumber[n] for n in self.lane_of))
        for lane in self.lanes:
            lane._build_classes()
        # Times are in order within a lane: the first is the earliest.
        self.first = min((lane.times[0] for lane in self.lanes), default=0.0)
        self.last = max((max(lane.ends) for lane in self.lanes), default=1.0)

    def __len__(self) -> int:
        return len(self.shown)

    def event_at(self, position: int) -> Event:
        """The event at a position among the shown ones."""
        return self.events[self.shown[position]]

    def lane_at(self, position: int) -> Lane:
        return self.lanes[self.lane_of[position]]

    def focus_time(self, position: int) -> float:
        """Where an event is, for zooming around it and keeping it in sight: the middle
        of its date's period, the start of a range, the bound of "before"/"after"."""
        lane = self.lane_at(position)
        slot = self.slot_of[position]
        start, end, flags = lane.times[slot], lane.ends[slot], lane.flags[slot]
        qualifier = flags & QUALIFIER_BITS
        if qualifier == BEFORE:
            return start
        if qualifier == AFTER:
            return end
        if flags & RANGE:
            return start
        return (start + end) / 2

    def extent(self, position: int) -> tuple[float, float, int, int]:
        """What an event's mark covers, for keeping it clear of the view's edges: the
        moments it spans (its period's, or its range's, start and end; a bound's date
        alone), and the cells it takes beyond them on the left and on the right (a
        "before" mark's two left of its date, an "after" mark's two right of it)."""
        lane = self.lane_at(position)
        slot = self.slot_of[position]
        start, end, flags = lane.times[slot], lane.ends[slot], lane.flags[slot]
        qualifier = flags & QUALIFIER_BITS
        if qualifier == BEFORE:
            return start, start, 2, 0
        if qualifier == AFTER:
            return end, end, 0, 2
        return start, end, 0, 0

    # ------------------------------------------------------------------ moving

    def step(self, position: int, direction: int) -> int:
        """The next (+1) or previous (-1) event in time; the same one at either end."""
        if not self.shown:
            return 0
        return max(0, min(position + (1 if direction > 0 else -1), len(self.shown) - 1))

    def nearest_in_lane(self, position: int, lane: int) -> int:
        """The event of another lane nearest in time to the event at `position`."""
        here = self.lane_at(position)
        time = here.times[self.slot_of[position]]
        other = self.lanes[lane]
        return other.positions[other.nearest(time)]

    def lane_step(self, position: int, direction: int) -> int:
        """The event nearest in time in the lane `direction` lanes below (+) or above
        (-), or in the last or first lane when there are fewer; the same one when it
        is in that lane already."""
        if not self.shown:
            return 0
        here = self.lane_of[position]
        lane = max(0, min(here + direction, len(self.lanes) - 1))
        if lane == here:
            return position
        return self.nearest_in_lane(position, lane)

    def nearest_at(self, lane: int, time: float) -> int | None:
        """The event of a lane starting nearest a moment (a click), or None."""
        if not 0 <= lane < len(self.lanes) or not len(self.lanes[lane]):
            return None
        found = self.lanes[lane]
        return found.positions[found.nearest(time)]

    # ------------------------------------------------------------------ views

    def fit(self, width: int, right: int | None = None) -> View:
        """The view that shows every event, with `FIT_LEFT` and `right` cells free at
        the edges when the width allows: by default `FIT_RIGHT`, a quarter of the width
        at most; when given, half of it at most."""
        low, high = self.first, self.last
        if high - low < MIN_SPAN:
            middle = (low + high) / 2
            low, high = middle - MIN_SPAN / 2, middle + MIN_SPAN / 2
        left = FIT_LEFT if width >= 40 else 1
        right = (
            min(FIT_RIGHT, max(1, width // 4)) if right is None else min(right, max(1, width // 2))
        )
        used = max(1, width - left - right)
        per_cell = (high - low) / used
        return _clamped(View(low - left * per_cell, high + right * per_cell))

    def max_span(self, width: int) -> float:
        return min(LIMIT_SPAN, max(self.fit(width).span * MAX_ZOOM_OUT, MIN_SPAN))


def _column(events: Sequence[Event], name: str) -> Sequence[Any]:
    """One field of every event, by index: a stored timeline's column as it is, or
    its rows' field, or the made events' (see `store.fields_of`)."""
    found = fields_of(events, name)
    return found if isinstance(found, Sequence) else list(found)


def _period_and_flags(when: When) -> tuple[float, float, int]:
    start, end = period(when)
    flags = qualifier_flags(when.qualifier)
    if when.precision <= Precision.MONTH:
        flags |= COARSE
    return start, end, flags


def _clamped(view: View) -> View:
    """The view kept within `LIMIT_SPAN` and at least `MIN_SPAN` wide."""
    span = min(max(view.span, MIN_SPAN), LIMIT_SPAN)
    if span == view.span:
        return view
    middle = (view.start + view.end) / 2
    return View(middle - span / 2, middle + span / 2)


def zoom(view: View, factor: float, around: float, *, max_span: float = LIMIT_SPAN) -> View:
    """The view `factor` times narrower (a factor below 1 widens it), keeping the moment
    `around` where it is on screen, or in the middle when it is out of sight.

    The span stays between `MIN_SPAN` and `max_span`.
    """
    span = min(max(view.span / factor, MIN_SPAN), max(max_span, MIN_SPAN))
    if not view.start <= around <= view.end:
        return View(around - span / 2, around + span / 2)
    share = (around - view.start) / view.span
    start = around - share * span
    return View(start, start + span)


def keep_in_sight(view: View, time: float, margin: float = 0.0, right: float | None = None) -> View:
    """The view unchanged while `time` is inside it, at least `margin` (days) from its
    left edge and `right` (by default `margin`) from its right; else centred on it: a
    view that stays put while the reader moves within it, and moves rarely."""
    left, right = _margins(view, margin, right)
    if view.start + left <= time <= view.end - right:
        return view
    return View(time - view.span / 2, time + view.span / 2)


def nudge_into_sight(view: View, time: float, left: float, right: float) -> View:
    """The view moved the least that puts `time` `left` (days) from its left edge and
    `right` from its right, when it is in sight but nearer an edge; unchanged when it
    is out of sight (a zoom around the pointer may leave the selection behind) or far
    enough from both. `left + right` is at most the view's span."""
    if not view.start <= time <= view.end:
        return view
    if time < view.start + left:
        shift = time - (view.start + left)
    elif time > view.end - right:
        shift = time - (view.end - right)
    else:
        return view
    return View(view.start + shift, view.end + shift)


def _margins(view: View, margin: float, right: float | None) -> tuple[float, float]:
    """Both margins, neither more than a quarter of the view."""
    most = view.span / 4
    return min(margin, most), min(margin if right is None else right, most)

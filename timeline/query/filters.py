"""Narrowing a timeline: a filter by kind, speaker, group, tag, status and date, and the
events it keeps.

A `Filter` is a value: the viewer's picker and the command line's `--filter KEY=VALUE`
(timeline/query/filter_args.py) both build one, and `Filter.apply` gives the positions
of the events it keeps. Values compare the way search does, without case or accents
("speaker=raices" keeps RAICES's events), but whole: "kind=tweet" does not keep a
"tweetstorm". A tag matches with or without the "#" it is shown with ("tag=#cbp" is
"tag=cbp"), and a speaker is whoever speaks in the event: its speaker, its handle, or
the speaker of one of its quotes.
"""

from __future__ import annotations

import functools
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain
from operator import attrgetter
from typing import NamedTuple, Protocol

from timeline.dates import format_medium
from timeline.dates.calendar import (
    Moment,
    days_in_month,
    first_moment,
    last_moment,
    moment_after,
    moment_before,
)
from timeline.model import Event, Qualifier, When
from timeline.query.navigate import Dated, event_key
from timeline.query.search import fold_lower
from timeline.query.value_index import ValueIndex, within
from timeline.store import spans_of

# "status=none" keeps the events whose file says nothing about how far they are checked.
NO_STATUS = "none"


@lru_cache(maxsize=65536)
def norm_value(value: str) -> str:
    """A value as filters compare it: without case or accents, its spaces collapsed."""
    # Kinds, speakers, groups and tags repeat across events, so the cache answers
    # almost every call of `apply` without folding anything.
    return " ".join(fold_lower(value).split())


@lru_cache(maxsize=65536)
def norm_tag(value: str) -> str:
    """A tag as filters compare it: `norm_value`, without the "#" it is shown with."""
    # Tags are shown with "#" (the detail pane, exports): "#cbp" is the tag "cbp".
    return norm_value(value).lstrip("#").lstrip()


@functools.lru_cache(maxsize=16)
def _fold_values(*fields: frozenset[str]) -> tuple[frozenset[str], ...]:
    # Kept for the filters in use: `keeps` runs once per event. Tags are the fourth.
    return tuple(
        frozenset(map(norm_tag if n == 3 else norm_value, values))
        for n, values in enumerate(fields)
    )


# ---------------------------------------------------------------------- date ranges

_BEFORE, _AFTER = Qualifier.BEFORE, Qualifier.AFTER


class Spanned(Dated, Protocol):
    """What a date range reads of an event: its date (`navigate.Dated`) and its end."""

    @property
    def end(self) -> When | None: ...


_END_YEAR = attrgetter("end.year")
#: Where an event lies against a date range: outside it, in it, or perhaps in it (a
#: bound such as "before 20 July" reaches into a range from 10 July).
_OUT, _IN, _UNSURE = "out", "in", "unsure"


class _Edges(NamedTuple):
    """A filter's date range as moments, worked out once per filter.

    `start` is the first moment of the `from` date's period and `before_start` the
    second before it; `stop` is the last moment of the `to` date's period (a real day)
    and `after_stop` the second after it. None where the range is open.
    """

    start: Moment | None
    before_start: Moment | None
    stop: Moment | None
    after_stop: Moment | None


@lru_cache(maxsize=64)
def _edges(date_from: When | None, date_to: When | None) -> _Edges:
    start = stop = None
    if date_from is not None:
        start = first_moment(date_from)
    if date_to is not None:
        year, month, day, hour, minute, second = last_moment(date_to)
        stop = (year, month, min(day, days_in_month(year, month)), hour, minute, second)
    return _Edges(
        start,
        None if start is None else moment_before(start),
        stop,
        None if stop is None else moment_after(stop),
    )


def _place(event: Spanned, edges: _Edges) -> str:
    """Whether an event lies in a date range, outside it, or perhaps in it.

    An event lasts from its date to its end (or through its date's period). "before X"
    is a moment before X's first moment; "after X" one after X's last moment. It lies
    in the range when it starts by the range's end and ends from the range's start;
    with bounds, that may be certain, impossible, or only possible.
    """
    when = event.when
    end = event.end or when
    sure = True
    if edges.stop is not None:
        qualifier = when.qualifier
        if qualifier is _BEFORE:
            assert edges.after_stop is not None
            sure = first_moment(when) <= edges.after_stop
        elif qualifier is _AFTER:
            if last_moment(when) >= edges.stop:
                return _OUT
            sure = False
        elif first_moment(when) > edges.stop:
            return _OUT
    if edges.start is not None:
        qualifier = end.qualifier
        if qualifier is _BEFORE:
            if first_moment(end) <= edges.start:
                return _OUT
            sure = False
        elif qualifier is _AFTER:
            assert edges.before_start is not None
            sure = sure and last_moment(end) >= edges.before_start
        elif last_moment(end) < edges.start:
            return _OUT
    return _IN if sure else _UNSURE


def _reaches_on(event: Spanned) -> bool:
    """Whether an event's start or end is an "after" bound, with no end in sight."""
    end = event.end
    return event.when.qualifier is _AFTER or (end is not None and end.qualifier is _AFTER)


def _year_of_key(event: Spanned) -> tuple[int]:
    return (event.when.key[0],)


def _sort(i: int, place: str, kept: list[int], unsure: set[int]) -> None:
    if place is not _OUT:
        kept.append(i)
        if place is _UNSURE:
            unsure.add(i)


class Filter(NamedTuple):
    """Which events to keep: OR within a field, AND across fields; empty fields keep all.

    Attributes:
        kinds: Keep events of any of these kinds.
        speakers: Keep events whose speaker or handle is one of these, or with a quote
            one of these said: everyone who speaks in an event is its speaker here.
        groups: Keep events in any of these groups.
        tags: Keep events with at least one of these tags ("#" before one is ignored).
        statuses: Keep events with one of these verification statuses ("single source").
        date_from: Keep events that end at or after the start of this date's period.
        date_to: Keep events that start at or before the end of this date's period.

    Dates compare at their precision: an event dated "July 2018" is kept by a range
    from 10 to 20 July 2018, and "to=2018-07" reaches the end of July. An event dated
    "before X" lies somewhere before X, and "after X" somewhere after it: one known to
    lie outside the range is left out ("before 16 July" from 16 July), and one that
    may lie in it is kept and counted (`apply_counted`). Times compare as written on
    the clock, whatever their zone.
    """

    kinds: frozenset[str] = frozenset()
    speakers: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    date_from: When | None = None
    date_to: When | None = None
    statuses: frozenset[str] = frozenset()

    @property
    def _folded(self) -> tuple[frozenset[str], ...]:
        """The kinds, speakers, groups, tags and statuses as they are compared (folded)."""
        # frozenset() of a frozenset is the same object; other iterables still work.
        fields = (self.kinds, self.speakers, self.groups, self.tags, self.statuses)
        return _fold_values(*map(frozenset, fields))

    @property
    def active(self) -> bool:
        """Whether the filter leaves anything out (an empty filter keeps every event)."""
        return bool(
            self.kinds
            or self.speakers
            or self.groups
            or self.tags
            or self.statuses
            or self.date_from is not None
            or self.date_to is not None
        )

    def keeps(self, event: Event) -> bool:
        """Whether the event passes every part of the filter."""
        kinds, speakers, groups, tags, statuses = self._folded
        if statuses and norm_value(event.status) not in statuses:
            return False
        if kinds and norm_value(event.kind) not in kinds:
            return False
        if (
            speakers
            and norm_value(event.speaker) not in speakers
            and norm_value(event.handle) not in speakers
            and not any(norm_value(quote.speaker) in speakers for quote in event.quotes)
        ):
            return False
        if groups and norm_value(event.group) not in groups:
            return False
        if tags and not any(norm_tag(tag) in tags for tag in event.tags):
            return False
        if self.date_from is not None or self.date_to is not None:
            return self._in_range(event)
        return True

    def _in_range(self, event: Event) -> bool:
        return _place(event, self._edges()) is not _OUT

    def _edges(self) -> _Edges:
        return _edges(self.date_from, self.date_to)

    def apply(self, events: Sequence[Event], index: ValueIndex | None = None) -> list[int]:
        """Positions of the events the filter keeps, in order: those `keeps` accepts.

        See `apply_counted` for how many of them a date range kept only because their
        dates are bounds that reach into it.

        Fast enough to run on every change in the viewer: the date range is found by
        bisection, and each kind, speaker, group, tag or status is looked up in an
        index of the events holding it, each distinct value folded once.

        Args:
            events: Events in chronological order, as `timeline.events` always is.
            index: The index of these events' values, kept by whoever filters them
                again and again (the viewer); built for this filter when not given.

        Returns:
            Indices into `events`; all of them when the filter is not active.
        """
        return self.apply_counted(events, index)[0]

    def apply_counted(
        self, events: Sequence[Event], index: ValueIndex | None = None
    ) -> tuple[list[int], int]:
        """`apply`, and how many of the kept events the date range is unsure of.

        An event dated "before 20 July" is kept by a range from 10 July: it may lie in
        it. It is counted here, so the viewer can say "(1 kept whose dates only bound
        them)" (`describe`); events known to lie outside the range are left out.
        """
        if not self.active:
            return list(range(len(events))), 0
        index = index if index is not None else ValueIndex(events)
        kept, unsure = self._in_dates(events, index)
        kept = self._narrowed(kept, index)
        return kept, (len(unsure.intersection(kept)) if unsure else 0)

    def _narrowed(self, kept: Sequence[int], index: ValueIndex) -> list[int]:
        kinds, speakers, groups, tags, statuses = self._folded

        def holding(field: str, folded: frozenset[str]) -> list[array[int]]:
            norm = norm_tag if field == "tag" else norm_value
            return [where for value, where in index.of(field).items() if norm(value) in folded]

        for field, folded in (("status", statuses), ("kind", kinds), ("group", groups)):
            if folded:
                kept = within(kept, holding(field, folded))
        if speakers:  # whoever speaks: the speaker, the handle, a quote's speaker
            fields = ("speaker", "handle", "quoted")
            kept = within(kept, chain.from_iterable(holding(f, speakers) for f in fields))
        if tags:
            kept = within(kept, holding("tag", tags))
        return list(kept)

    def _in_dates(
        self, events: Sequence[Event], index: ValueIndex
    ) -> tuple[Sequence[int], set[int]]:
        """Positions of the events within the date range (all when there is none), and
        those among them kept only because a bound reaches into the range.

        Most events start within the range exactly when their key is within it, a
        stretch found by bisection. Only three kinds of event are looked at one by one:
        those dated by a bound, those with an end, and those starting in the year
        before the range (a coarse date, "2018", may reach into it). The index lists
        the first two once per timeline (`ValueIndex.layout`).
        """
        count = len(events)
        if self.date_from is None and self.date_to is None:
            return range(count), set()
        spans: Sequence[Spanned] = spans_of(events)  # dates alone: no stored event made
        edges = self._edges()
        bounded, ranged = index.layout()
        last = count
        if edges.stop is not None:
            # From here on events start after the range, bar "before" bounds.
            last = bisect_right(spans, edges.stop, key=event_key)
        first = 0
        near = 0
        if edges.start is not None:
            # Before here events start before the range: kept when their period, their
            # end or an "after" bound reaches into it.
            first = bisect_left(spans, edges.start, hi=last, key=event_key)
            # Events of the start's year before it: a coarse date ("2018") may reach in.
            near = bisect_left(spans, (edges.start[0],), hi=first, key=_year_of_key)
        year = edges.start[0] if edges.start is not None else 0
        candidates = {*range(near, first)}
        # Earlier still, only an end or an "after" bound can reach the range.
        candidates.update(
            i for i in ranged[: bisect_left(ranged, near)] if _END_YEAR(spans[i]) >= year
        )
        candidates.update(i for i in bounded[: bisect_left(bounded, near)] if _reaches_on(spans[i]))
        # In the window only the bounds may lie outside; after it, only "before" ones in.
        checked = bounded[bisect_left(bounded, first) :]
        unsure: set[int] = set()
        early: list[int] = []
        for i in sorted(candidates):
            _sort(i, _place(spans[i], edges), early, unsure)
        out: list[int] = []
        late: list[int] = []
        for i in checked:
            place = _place(spans[i], edges)
            if i >= last:
                _sort(i, place, late, unsure)
            elif place is _OUT:
                out.append(i)
            elif place is _UNSURE:
                unsure.add(i)
        middle: Sequence[int] = range(first, last)
        if out:
            # Built from ranges, in C: the window may hold most of the events.
            pieces, start = [], first
            for i in out:
                pieces.append(range(start, i))
                start = i + 1
            pieces.append(range(start, last))
            middle = list(chain.from_iterable(pieces))
        if not early and not late:
            return middle, unsure
        return [*early, *middle, *late], unsure

    def describe(self, unsure: int = 0) -> str:
        """A short line for the header: "kind=tweet, speaker=RAICES, from 10 Jul 2018".

        Args:
            unsure: How many kept events the date range is unsure of (`apply_counted`):
                said at the end, "(2 kept whose dates only bound them)".

        Returns:
            "" when the filter is not active.
        """
        parts: list[str] = []
        for key, values in (
            ("kind", self.kinds),
            ("speaker", self.speakers),
            ("group", self.groups),
            ("tag", self.tags),
            ("status", self.statuses),
        ):
            if values:
                named = (value or NO_STATUS for value in sorted(values, key=norm_value))
                parts.append(f"{key}={'|'.join(named)}")
        if self.date_from is not None:
            parts.append(f"from {format_medium(self.date_from)}")
        if self.date_to is not None:
            parts.append(f"to {format_medium(self.date_to)}")
        text = ", ".join(parts)
        if unsure and text:
            text += f" ({unsure} kept whose dates only bound them)"
        return text

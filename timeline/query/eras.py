"""Whether an event lies in an era: certainly, partly, perhaps, or not at all.

Found trying the tool: an event dated "before 2018-09-30" was said to be in an era
from 14 March 2018, where it may lie before it began, and "after 5 Oct 2016" in an
era ending in October 2016, where it may lie after it ended: `Era.contains` places a
date by where it sorts, which says nothing of where a bound, a coarse date or a span
may reach. A fact-checker reads "Era: Prosecution" as a fact, so it is said only when
every moment the event may take lies in the era; when some may lie outside, the
viewer and the printout say so ("may fall in", "partly in"). A bound's open side
reaches every era along it ("after 2016" may be in 2040): "may fall in" is said of
the eras its edge lies in, where it is placed, not of every one beyond.

A date stands for the moments it may be: "July 2018" any moment of July, "before X"
any moment before X's period, "after X" any after it; circa and "?" dates the period
they name (their doubt is shown with them). An event without an end is one of those
moments; one with an end lasts from a moment of its start to a moment of its end. An
era runs from the start of its `start`'s period to the end of its `end`'s (a bound
there is where the era begins or ends, unknown on its other side). Times compare as
written on their clocks, as the date filter compares them.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from math import inf
from typing import NamedTuple

from timeline.dates.calendar import Moment, first_moment, last_moment, moment_after, moment_before
from timeline.model import Era, Event, Qualifier, When


class Place(Enum):
    """Where an event lies against an era, in the words the viewer says it with."""

    IN = ""
    """Every moment it may take is in the era."""
    PARTLY = "partly in "
    """It surely lasts through part of the era, and may (or surely does) reach out of it."""
    MAY = "may fall in "
    """It may lie in the era, or out of it."""
    OUT = "not in "
    """Nothing is said: no moment where its dates are written is in the era (one
    beyond a bound's edge, on its open side, may be: that is not followed further)."""


#: The earliest and latest a moment may be; None where a bound leaves it open.
_Range = tuple[Moment | None, Moment | None]
_BEFORE, _AFTER = Qualifier.BEFORE, Qualifier.AFTER
_BOUNDS = (_BEFORE, _AFTER)


def _moments(when: When) -> _Range:
    """The moments a date may stand for."""
    qualifier = when.qualifier
    if qualifier is _BEFORE:
        return None, moment_before(first_moment(when))
    if qualifier is _AFTER:
        return moment_after(last_moment(when)), None
    return first_moment(when), last_moment(when)


class _Reach(NamedTuple):
    """Where an era may begin and end: from and by when; and the years it may reach."""

    begins_from: Moment | None
    begins_by: Moment | None
    ends_from: Moment | None
    ends_by: Moment | None
    first_year: float
    last_year: float


#: Each era's reach, by the era's id (with the era, so that an id used again by
#: another is not taken for it): hashing an era for `functools.lru_cache` took as
#: long as placing most events.
_REACHES: dict[int, tuple[Era, _Reach]] = {}
_REACHES_KEPT = 256


def _reach(era: Era) -> _Reach:
    """Where an era begins, at its `start`'s first moment, and ends, at its `end`'s
    last, or anywhere a bound there leaves it. Worked out once per era: a printout
    asks it of every event against every era (10 µs a time, 1 µs now)."""
    found = _REACHES.get(id(era))
    if found is not None and found[0] is era:
        return found[1]
    if len(_REACHES) >= _REACHES_KEPT:  # eras of timelines since reloaded
        _REACHES.clear()
    reach = _REACHES[id(era)] = (era, _reach_of(era))
    return reach[1]


def _reach_of(era: Era) -> _Reach:
    start, end = era.start, era.end
    if start.qualifier in _BOUNDS:
        begins_from, begins_by = _moments(start)
    else:
        begins_from = begins_by = first_moment(start)
    if end.qualifier in _BOUNDS:
        ends_from, ends_by = _moments(end)
    else:
        ends_from = ends_by = last_moment(end)
    first_year = begins_from[0] if begins_from is not None else -inf
    last_year = ends_by[0] if ends_by is not None else inf
    return _Reach(begins_from, begins_by, ends_from, ends_by, first_year, last_year)


def era_place(era: Era, event: Event) -> Place:
    """Where `event` lies against `era` (see the module's docstring)."""
    begins_from, begins_by, ends_from, ends_by, first_year, last_year = _reach(era)
    when, end = event.when, event.end
    if end is None and not first_year <= when.year <= last_year and when.qualifier not in _BOUNDS:
        return Place.OUT  # the common case, early: a date of a year the era never reaches
    earliest, latest_start = _moments(when)
    earliest_end, latest = (earliest, latest_start) if end is None else _moments(end)
    if (
        earliest is not None
        and latest is not None
        and begins_by is not None
        and ends_from is not None
        and earliest >= begins_by
        and latest <= ends_from
    ):
        return Place.IN
    # Surely through part of it: what the event surely lasts through (from its latest
    # start to its earliest end) meets what the era surely covers.
    if (
        end is not None
        and latest_start is not None
        and earliest_end is not None
        and begins_by is not None
        and ends_from is not None
        and max(latest_start, begins_by) <= min(earliest_end, ends_from)
    ):
        return Place.PARTLY
    # A bound's open side reaches every era along it ("after 2016" may be in 2040):
    # "may fall in" is said of those where it is written, its edge's, not of them all.
    first = earliest if earliest is not None else latest_start
    last = latest if latest is not None else earliest_end
    assert first is not None and last is not None  # (a date is open on one side at most)
    if (begins_from is not None and last < begins_from) or (
        ends_by is not None and first > ends_by
    ):
        return Place.OUT
    return Place.MAY


def eras_of(eras: Sequence[Era], event: Event) -> list[tuple[Era, Place]]:
    """The eras `event` may lie in, each with where it lies against it (never OUT)."""
    placed = ((era, era_place(era, event)) for era in eras)
    return [(era, place) for era, place in placed if place is not Place.OUT]

"""Narrowing a timeline: filters by kind, speaker, group, tag and date; moving by date.

A `Filter` is a value: the viewer's picker and the command line's `--filter KEY=VALUE`
both build one, and `Filter.apply` gives the positions of the events it keeps. Values
compare the way search does, without case or accents ("speaker=raices" keeps RAICES's
events), but whole: "kind=tweet" does not keep a "tweetstorm". A tag matches with or
without the "#" it is shown with ("tag=#cbp" is "tag=cbp"), and a speaker is whoever
speaks in the event: its speaker, its handle, or the speaker of one of its quotes.

The date helpers (`nearest_index`, `next_day`, ...) take events in chronological order,
as `Timeline.events` (filtered or not) always is, and search them by bisection.
"""

from __future__ import annotations

import functools
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date
from difflib import get_close_matches
from functools import lru_cache
from itertools import chain
from operator import attrgetter
from typing import NamedTuple

from timeline.dates import DateError, format_medium, parse_query
from timeline.dates.calendar import (
    Moment,
    days_in_month,
    first_moment,
    last_moment,
    moment_after,
    moment_before,
)
from timeline.model import STATUSES, Event, Qualifier, When
from timeline.query.navigate import event_key
from timeline.query.search import fold_lower
from timeline.query.value_index import ValueIndex, within

# The keys `--filter` takes, in the order they are listed in messages; plurals too,
# since "tags=cbp" is as natural to type as "tag=cbp".
KEYS = ("kind", "speaker", "group", "tag", "status", "from", "to")
_ALIASES = {
    "kinds": "kind",
    "speakers": "speaker",
    "groups": "group",
    "tags": "tag",
    "statuses": "status",
}


class FilterError(ValueError):
    """A filter argument that cannot be read; the message names it and says what is valid."""


@lru_cache(maxsize=65536)
def _norm(value: str) -> str:
    # Kinds, speakers, groups and tags repeat across events, so the cache answers
    # almost every call of `apply` without folding anything.
    return " ".join(fold_lower(value).split())


@lru_cache(maxsize=65536)
def _norm_tag(value: str) -> str:
    # Tags are shown with "#" (the detail pane, exports): "#cbp" is the tag "cbp".
    return _norm(value).lstrip("#").lstrip()


_KIND = attrgetter("kind")
_SPEAKER = attrgetter("speaker")
_HANDLE = attrgetter("handle")
_GROUP = attrgetter("group")
_TAGS = attrgetter("tags")
_QUOTES = attrgetter("quotes")
_STATUS = attrgetter("status")
_STATUS_RANKS = {status: n for n, status in enumerate(STATUSES)}


@functools.lru_cache(maxsize=16)
def _fold_values(*fields: frozenset[str]) -> tuple[frozenset[str], ...]:
    # Kept for the filters in use: `keeps` runs once per event. Tags are the fourth.
    return tuple(
        frozenset(map(_norm_tag if n == 3 else _norm, values)) for n, values in enumerate(fields)
    )


# ---------------------------------------------------------------------- date ranges

_BEFORE, _AFTER = Qualifier.BEFORE, Qualifier.AFTER
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


def _place(event: Event, edges: _Edges) -> str:
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


def _reaches_on(event: Event) -> bool:
    """Whether an event's start or end is an "after" bound, with no end in sight."""
    end = event.end
    return event.when.qualifier is _AFTER or (end is not None and end.qualifier is _AFTER)


def _year_of_key(event: Event) -> tuple[int]:
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
        if statuses and _norm(event.status) not in statuses:
            return False
        if kinds and _norm(event.kind) not in kinds:
            return False
        if (
            speakers
            and _norm(event.speaker) not in speakers
            and _norm(event.handle) not in speakers
            and not any(_norm(quote.speaker) in speakers for quote in event.quotes)
        ):
            return False
        if groups and _norm(event.group) not in groups:
            return False
        if tags and not any(_norm_tag(tag) in tags for tag in event.tags):
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
            norm = _norm_tag if field == "tag" else _norm
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
        edges = self._edges()
        bounded, ranged = index.layout()
        last = count
        if edges.stop is not None:
            # From here on events start after the range, bar "before" bounds.
            last = bisect_right(events, edges.stop, key=event_key)
        first = 0
        near = 0
        if edges.start is not None:
            # Before here events start before the range: kept when their period, their
            # end or an "after" bound reaches into it.
            first = bisect_left(events, edges.start, hi=last, key=event_key)
            # Events of the start's year before it: a coarse date ("2018") may reach in.
            near = bisect_left(events, (edges.start[0],), hi=first, key=_year_of_key)
        year = edges.start[0] if edges.start is not None else 0
        candidates = {*range(near, first)}
        # Earlier still, only an end or an "after" bound can reach the range.
        candidates.update(
            i for i in ranged[: bisect_left(ranged, near)] if _END_YEAR(events[i]) >= year
        )
        candidates.update(
            i for i in bounded[: bisect_left(bounded, near)] if _reaches_on(events[i])
        )
        # In the window only the bounds may lie outside; after it, only "before" ones in.
        checked = bounded[bisect_left(bounded, first) :]
        unsure: set[int] = set()
        early: list[int] = []
        for i in sorted(candidates):
            _sort(i, _place(events[i], edges), early, unsure)
        out: list[int] = []
        late: list[int] = []
        for i in checked:
            place = _place(events[i], edges)
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
                named = (value or _NO_STATUS for value in sorted(values, key=_norm))
                parts.append(f"{key}={'|'.join(named)}")
        if self.date_from is not None:
            parts.append(f"from {format_medium(self.date_from)}")
        if self.date_to is not None:
            parts.append(f"to {format_medium(self.date_to)}")
        text = ", ".join(parts)
        if unsure and text:
            text += f" ({unsure} kept whose dates only bound them)"
        return text


def parse_filter_args(
    args: Iterable[str],
    *,
    default_year: int | None = None,
    dayfirst: bool = False,
    known: Mapping[str, Collection[str]] | None = None,
) -> Filter:
    """Build a filter from `KEY=VALUE` arguments, as `--filter` takes them.

    Repeating a key keeps events matching any of its values ("kind=tweet kind=letter").
    Dates are read by `dates.parse_query`, so "2018-07-10", "july 20 2018" and, with
    `dayfirst`, "20/7/2018" all work; a date without a year takes the `from` date's
    year for `to`, else `default_year`.

    Args:
        args: Arguments such as "kind=tweet", "speaker=RAICES", "from=2018-07-10".
        default_year: The year for dates written without one (the timeline's first
            year, say); None for the current year.
        dayfirst: Read "16/7/2018" as 16 July.
        known: The values the timeline has, by key (`known_values`): a kind,
            speaker, group or tag it does not have is refused, with the valid ones
            listed. Without it any value is taken (and may keep nothing).

    Returns:
        The filter.

    Raises:
        FilterError: An argument is not KEY=VALUE, names an unknown key, has an empty
            value or an unreadable date, gives a date twice, names a value `known`
            does not have, or `from` is after `to`.
    """
    values: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, tuple[str, str]] = {}
    for arg in args:
        key, sep, value = arg.partition("=")
        key = key.strip().lower()
        key = _ALIASES.get(key, key)
        value = value.strip()
        if not sep:
            raise FilterError(f"filter {arg!r} is not KEY=VALUE; valid keys: {', '.join(KEYS)}")
        if key not in KEYS:
            raise FilterError(
                f"filter {arg!r} has unknown key {key!r}{_suggest(key)}; "
                f"valid keys: {', '.join(KEYS)}"
            )
        if not value:
            raise FilterError(f"filter {arg!r} has no value after '='")
        if key in ("from", "to"):
            if key in dates:
                raise FilterError(
                    f"filter {arg!r} gives {key!r} a second time (it was {dates[key][1]!r})"
                )
            dates[key] = (value, arg)
        elif key == "status":
            values[key].add(_status(value, arg))
        else:
            if known is not None and key in known:
                _check_known(key, value, arg, known[key])
            values[key].add(value)
    if default_year is None:
        default_year = date.today().year
    date_from = _parse_date(dates.get("from"), default_year, dayfirst)
    to_year = date_from.year if date_from is not None else default_year
    date_to = _parse_date(dates.get("to"), to_year, dayfirst)
    check_dates(date_from, date_to)
    return Filter(
        kinds=frozenset(values["kind"]),
        speakers=frozenset(values["speaker"]),
        groups=frozenset(values["group"]),
        tags=frozenset(values["tag"]),
        statuses=frozenset(values["status"]),
        date_from=date_from,
        date_to=date_to,
    )


# "status=none" keeps the events whose file says nothing about how far they are checked.
_NO_STATUS = "none"


def _status(value: str, arg: str) -> str:
    """The status a `status=` filter names ("" for "none"), or a FilterError."""
    folded = " ".join(value.lower().replace("-", " ").replace("_", " ").split())
    if folded == _NO_STATUS:
        return ""
    if folded not in STATUSES:
        close = get_close_matches(folded, (*STATUSES, _NO_STATUS), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        valid = ", ".join(repr(s) for s in (*STATUSES, _NO_STATUS))
        raise FilterError(f"filter {arg!r} names no status{hint}; valid statuses: {valid}")
    return folded


def check_dates(date_from: When | None, date_to: When | None) -> None:
    """Refuse a range whose `from` is after its `to` (nothing could match).

    Raises:
        FilterError: Naming both dates.
    """
    if (
        date_from is not None
        and date_to is not None
        and first_moment(date_from) > last_moment(date_to)
    ):
        raise FilterError(
            f"filter from {format_medium(date_from)} is after to {format_medium(date_to)}; "
            "nothing could match"
        )


#: At most this many valid values are listed when a value is unknown.
LISTED = 12
_PLURALS = {"kind": "kinds", "speaker": "speakers", "group": "groups", "tag": "tags"}


def known_values(events: Iterable[Event]) -> dict[str, list[str]]:
    """The kinds, speakers (with handles and quotes' speakers), groups and tags the
    events have, most common first: what `parse_filter_args(known=...)` checks."""
    items = events if isinstance(events, Sequence) else list(events)
    found = facets(items)
    others = Counter(map(_HANDLE, items))
    others.update(map(_SPEAKER, chain.from_iterable(map(_QUOTES, items))))
    speakers = [value for value, _ in found.speakers]
    spoken = {_norm(value) for value in speakers}
    for value, _ in others.most_common():
        if value.strip() and _norm(value) not in spoken:
            speakers.append(value)
            spoken.add(_norm(value))
    return {
        "kind": [value for value, _ in found.kinds],
        "speaker": speakers,
        "group": [value for value, _ in found.groups],
        "tag": [value for value, _ in found.tags],
    }


def _check_known(key: str, value: str, arg: str, known: Collection[str]) -> None:
    norm = _norm_tag if key == "tag" else _norm
    if norm(value) in {norm(one) for one in known}:
        return
    plural = _PLURALS.get(key, key)
    if not known:
        raise FilterError(f"filter {arg!r}: the timeline has no {plural}")
    ordered = list(known)
    close = get_close_matches(norm(value), [norm(one) for one in ordered], n=1, cutoff=0.6)
    hint = ""
    if close:
        hint = f" (did you mean {next(one for one in ordered if norm(one) == close[0])!r}?)"
    listed = ", ".join(repr(one) for one in ordered[:LISTED])
    more = f" and {len(ordered) - LISTED} more" if len(ordered) > LISTED else ""
    raise FilterError(
        f"filter {arg!r} names no {key} in the timeline{hint}; its {plural}: {listed}{more}"
    )


def _suggest(key: str) -> str:
    close = get_close_matches(key, KEYS, n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _parse_date(given: tuple[str, str] | None, default_year: int, dayfirst: bool) -> When | None:
    if given is None:
        return None
    value, arg = given
    try:
        return parse_query(value, default_year, dayfirst=dayfirst)
    except DateError as exc:
        raise FilterError(f"filter {arg!r}: {exc}") from None


# ---------------------------------------------------------------------- facets


class Facets(NamedTuple):
    """The values a filter could pick, each with how many events have it.

    Each list is sorted by count, most common first, then by name. Values that differ
    only in case or accents are one entry (filters match them alike), shown in their
    most common spelling.
    """

    kinds: list[tuple[str, int]]
    speakers: list[tuple[str, int]]
    groups: list[tuple[str, int]]
    tags: list[tuple[str, int]]
    statuses: list[tuple[str, int]] = []


def facets(events: Iterable[Event]) -> Facets:
    """Distinct kinds, speakers, groups and tags with their event counts, for a picker."""
    items = events if isinstance(events, Sequence) else list(events)
    # Counting the values as written is one pass in C; folding then touches each
    # distinct value once.
    tag_sets: Counter[tuple[str, ...]] = Counter(map(_TAGS, items))
    tags: dict[str, Counter[str]] = {}
    for written, count in tag_sets.items():
        # A tag written twice on one event ("CBP", "cbp", "#cbp") still counts the
        # event once.
        for tag in {_norm_tag(t): t for t in written if _norm_tag(t)}.values():
            _count(tags, tag, count, _norm_tag)
    return Facets(
        kinds=_ranked(_grouped(Counter(map(_KIND, items)))),
        speakers=_ranked(_grouped(Counter(map(_SPEAKER, items)))),
        groups=_ranked(_grouped(Counter(map(_GROUP, items)))),
        tags=_ranked(tags),
        # From strongest to weakest, as the help and the docs list them; none said, last.
        statuses=sorted(
            Counter(map(_STATUS, items)).items(),
            key=lambda pair: _STATUS_RANKS.get(pair[0], len(STATUSES)),
        ),
    )


def _grouped(counts: Counter[str]) -> dict[str, Counter[str]]:
    grouped: dict[str, Counter[str]] = {}
    for value, count in counts.items():
        _count(grouped, value, count)
    return grouped


def _count(
    counter: dict[str, Counter[str]], value: str, count: int, norm: Callable[[str], str] = _norm
) -> None:
    if value.strip():
        counter.setdefault(norm(value), Counter())[value] += count


def _ranked(counter: dict[str, Counter[str]]) -> list[tuple[str, int]]:
    entries = [
        (spellings.most_common(1)[0][0], spellings.total()) for spellings in counter.values()
    ]
    return sorted(entries, key=lambda entry: (-entry[1], _norm(entry[0])))

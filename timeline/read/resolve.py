"""Where "Monday" is resolved: what needs every event of a file at once.

After a reader has taken each event on its own, these work across them: unique ids
(derived from titles where missing), relative dates counted from their anchors in
dependency order, ends not before starts, and links (`in_reply_to`) that name a real
event. Every reader uses them (TOML, TimelineJS JSON, CSV), so a file means the same
whatever its format.

Problems are reported through `Report(i, severity, message, key)`, where `i` is the
event's index in the list given: the reader knows where that event is in its file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from datetime import date, timedelta
from itertools import compress, count
from operator import attrgetter
from typing import NamedTuple

from timeline.dates import (
    DateError,
    Relative,
    format_iso,
    format_long,
    format_medium,
    in_utc,
    resolve,
)
from timeline.model import Event, Precision, Qualifier, When
from timeline.problems import shown, shown_file, suggest
from timeline.read.event_checks import quote_after_sources, surely_before
from timeline.read.orders import ROOT, Paths
from timeline.text import visible

#: Reports a problem with events[i]: severity, message, the key concerned, and where in
#: the event it is (("quotes", 2) for its second quote; by default the event itself).
Report = Callable[..., None]

_SLUG = re.compile(r"[^a-z0-9]+")
_ID, _WHEN, _END, _IN_REPLY_TO = map(attrgetter, ("id", "when", "end", "in_reply_to"))
_ORDER, _TZ = attrgetter("order"), attrgetter("tz")
_WHEN_AT, _END_AT = Event._fields.index("when"), Event._fields.index("end")
_ORDER_AT = When._fields.index("order")


def _dated(event: Event, when: When, end: When | None) -> Event:
    """The event with these dates: `_replace` without its keywords, once for every
    relative and bound date of a file (0.36 against 0.96 µs)."""
    values = list(event)
    values[_WHEN_AT], values[_END_AT] = when, end
    return tuple.__new__(Event, values)


def _ordered(when: When, order: tuple[int, ...]) -> When:
    """The date with this order (the same date when it has it already)."""
    if when.order == order:
        return when
    values = list(when)
    values[_ORDER_AT] = order
    return tuple.__new__(When, values)


#: Ids of a cycle of relative dates listed in full; a longer one shows the first and last few.
_CYCLE_SHOWN = 8


def slugify(text: str) -> str:
    """A lowercase ASCII slug for an id derived from a title."""
    return _SLUG.sub("-", text.lower()).strip("-")[:60] or "event"


def unique_ids(
    events: list[Event],
    report: Report,
    *,
    rename_duplicates: bool = False,
    rejected: dict[str, int] | None = None,
) -> dict[str, int]:
    """Give every event an id of its own, in place; the table of ids to indices.

    Events without an id get one from their title ("salesforce-offer", then
    "salesforce-offer-2"). An id given twice is an error in a file written by hand;
    with `rename_duplicates` (files from other tools, where ids are incidental) the
    later one is renamed with a warning. Linear in the number of events, however many
    share a title.

    `rejected` holds the ids of tables the reader rejected for other errors, with their
    lines: an event sharing one is a duplicate all the same, and is said to be.
    """
    # Most files: every event has an id of its own, found in C (0.6 s at 1,000,000
    # events in the loop below).
    ids = dict(zip(map(_ID, events), count()))
    if (
        len(ids) == len(events)
        and "" not in ids
        and (not rejected or ids.keys().isdisjoint(rejected))
    ):
        return ids
    ids = {}
    claim = ids.setdefault
    missing: list[int] = []
    renamed: list[int] = []
    for i, event in enumerate(events):
        ident = event.id
        if not ident:
            missing.append(i)
        elif rejected and ident in rejected and not rename_duplicates:
            claim(ident, i)
            report(
                i,
                "error",
                f"duplicate id {shown(ident)}: also used by the event on line {rejected[ident]}, "
                "which has errors of its own; ids must be unique",
                "id",
            )
        elif claim(ident, i) != i:
            if rename_duplicates:
                renamed.append(i)
            else:
                first = events[ids[ident]]
                report(
                    i,
                    "error",
                    f"duplicate id {shown(ident)}: already used by the event on line {first.line}; ids must be unique",
                    "id",
                )
    suffixes: dict[str, int] = {}  # the next number to try after each base

    def fresh(base: str) -> str:
        candidate, n = base, suffixes.get(base, 2)
        if base in ids:
            candidate = f"{base}-{n}"
            while candidate in ids:
                n += 1
                candidate = f"{base}-{n}"
            suffixes[base] = n + 1
        return candidate

    for i in renamed:
        event = events[i]
        ident = fresh(event.id)
        ids[ident] = i
        events[i] = event._replace(id=ident)
        report(
            i,
            "warning",
            f"event {shown(event.id)}: the id is used by an earlier slide too; this one is {shown(ident)}",
            "id",
        )
    for i in missing:
        ident = fresh(slugify(events[i].title))
        ids[ident] = i
        events[i] = events[i]._replace(id=ident)
    return ids


#: A relative date waiting for its anchor: (event index, anchor id, start form, end form).
Pending = tuple[int, str, Relative | None, Relative | None]


def resolve_dates(
    events: list[Event],
    pending: list[Pending],
    ids: dict[str, int],
    report: Report,
    broken: frozenset[str] = frozenset(),
) -> dict[str, list[str]]:
    """Count relative dates from their anchors, in place; report unknown anchors and cycles.

    Each event has at most one anchor, so its dependencies form a path: the event, its
    anchor, the anchor's anchor, and so on. The path is followed with a list rather
    than recursion (a chain of thousands of events must not exhaust the stack), then
    resolved back along it. A cycle gets one error, at the event where the walk came
    back round; events that only lead into a failure get no error of their own.

    `broken` holds the ids of events that exist but could not be read: events dated
    from one of them are not reported one by one; the ids of those dated directly from
    each are returned, for one problem at the broken event.
    """
    waiting: dict[str, list[str]] = {}
    paths = Paths()
    nodes: dict[int, tuple[int, int | None]] = {}  # event -> nodes of its start's and end's paths
    todo = {i: (anchor, start, end) for i, anchor, start, end in pending}
    done: dict[int, bool] = {}  # True: resolved (or absolute all along); False: failed
    for i in todo:
        path: list[int] = []  # each event here waits for the next one (or for `i`)
        on_path: dict[int, int] = {}  # event -> its position in `path`
        while True:
            if i in done:
                ok = done[i]
                break
            if i in on_path:
                cycle = path[on_path[i] :]
                _cycle_error(events, cycle, report)
                for j in cycle:
                    done[j] = False
                ok = False
                break
            if i not in todo:
                ok = done[i] = True
                break
            anchor_id, start_rel, end_rel = todo[i]
            if start_rel is None:
                ok = done[i] = _redate(events, i, None, end_rel, "", -1, report, paths, nodes)
                break
            anchor_index = ids.get(anchor_id)
            if anchor_index is None and anchor_id in broken:
                waiting.setdefault(anchor_id, []).append(events[i].id)
                ok = done[i] = False
                break
            if anchor_index is None:
                report(i, "error", unknown_anchor(_name(events, i), anchor_id, ids), "relative_to")
                ok = done[i] = False
                break
            on_path[i] = len(path)
            path.append(i)
            i = anchor_index
        # Back along the path, each event's anchor now resolved (or failed).
        for j in reversed(path):
            if j in done:  # in the cycle just reported
                continue
            if ok:
                anchor_id, start_rel, end_rel = todo[j]
                ok = _redate(
                    events, j, start_rel, end_rel, anchor_id, ids[anchor_id], report, paths, nodes
                )
            done[j] = ok
    if nodes:
        _shorten_orders(events, paths, nodes)
    return waiting


def _shorten_orders(
    events: list[Event], paths: Paths, nodes: dict[int, tuple[int, int | None]]
) -> None:
    """Give every bound date of the file its short order (see `timeline.read.orders`).

    Dates that were not resolved ("before 2018-07-16" as written) are given theirs too:
    a written-out path and a short order do not compare as the paths they stand for.
    """
    found: list[tuple[int, int, int | None]] = []
    # Only events with an order: those resolved, and bounds ("before 2018"), found in C.
    ends = compress(count(), map(_END, events))
    bounded = compress(count(), map(_ORDER, map(_WHEN, events)))
    for i in sorted({*nodes, *bounded, *(i for i in ends if _ORDER(events[i].end))}):
        event = events[i]
        start, end = nodes.get(i, (None, None))
        if start is None:
            if not event.when.order and (event.end is None or not event.end.order):
                continue
            start = paths.node(event.when.order)
            end = paths.node(event.end.order) if event.end is not None else None
        found.append((i, start, end))
    short = paths.orders({n for _, start, end in found for n in (start, end) if n is not None})
    for i, start, end in found:
        event = events[i]
        when = _ordered(event.when, short[start])
        later = event.end
        if later is not None and end is not None:
            later = _ordered(later, short[end])
        events[i] = _dated(event, when, later)


def resolve_quote_dates(
    events: list[Event], pending: list[tuple[int, int, Relative, int]], report: Report
) -> None:
    """Count quotes' relative dates ("3 days after") from their events, in place.

    Each is (the event's index, the quote's among the event's quotes, its date, its
    number in the file's `quotes`: one less when the event also has a `quote`, and
    that is the number its messages give, as the event's checks do).

    Runs after `resolve_dates`: a quote's event may itself be dated from another.
    """
    for i, n, relative, k in pending:
        event = events[i]
        who = f"{_name(events, i)}: quote {k}"
        try:
            when = resolve(relative, event.when, event.id)
        except DateError as exc:
            report(i, "error", f"{who}: field 'date': {exc}", "date", ("quotes", k))
            continue
        if event.end is not None:
            said = counted_from_start(
                who, relative, event.id, event.when, event.end, when, quote=True
            )
            if said is not None:
                report(i, "warning", said, "date", ("quotes", k))
        said = week_read_as_days(who, relative, event.when, when)
        if said is not None:
            report(i, "warning", said, "date", ("quotes", k))
        quotes = list(event.quotes)
        quotes[n] = quotes[n]._replace(date=when)
        said = quote_after_sources(quotes[n], event.sources)
        if said is not None:
            report(i, "warning", f"{who}: field 'date': {said}", "date", ("quotes", k))
        events[i] = event._replace(quotes=tuple(quotes))


def _redate(
    events: list[Event],
    i: int,
    start_rel: Relative | None,
    end_rel: Relative | None,
    anchor_id: str,
    anchor_index: int,
    report: Report,
    paths: Paths,
    nodes: dict[int, tuple[int, int | None]],
) -> bool:
    """Count event i's relative dates, its anchor being resolved already; False, with
    an error, when they cannot be counted.

    Bound dates' orders are kept in `paths` while the file is resolved (`nodes` says
    where each resolved event's are); each date meanwhile holds only its first side,
    which is all its sort key needs.
    """
    event = events[i]
    when = event.when
    node = paths.node(when.order)
    if start_rel is not None:
        anchor = events[anchor_index].when
        anchor_node = nodes[anchor_index][0] if anchor_index in nodes else paths.node(anchor.order)
        try:
            when = resolve(start_rel, _ordered(anchor, ()), anchor_id)
        except DateError as exc:
            report(i, "error", f"{_name(events, i)}: field 'date': {exc}", "date")
            return False
        anchor_end = events[anchor_index].end
        if anchor_end is not None:
            said = counted_from_start(
                _name(events, i), start_rel, anchor_id, anchor, anchor_end, when
            )
            if said is not None:
                report(i, "warning", said, "date")
        said = week_read_as_days(_name(events, i), start_rel, anchor, when)
        if said is not None:
            report(i, "warning", said, "date")
        node = paths.child(anchor_node, when.order[0]) if when.order else anchor_node
        when = _first_side(when, paths, node)
    end = event.end
    end_node = paths.node(end.order) if end is not None else None
    if end_rel is not None:
        try:
            end = resolve(end_rel, _ordered(when, ()), event.id or "its own date")
        except DateError as exc:
            report(i, "error", f"{_name(events, i)}: field 'end_date': {exc}", "end_date")
            return False
        end_node = paths.child(node, end.order[0]) if end.order else node
        end = _first_side(end, paths, end_node)
    nodes[i] = (node, end_node)
    events[i] = _dated(event, when, end)
    return True


def _first_side(when: When, paths: Paths, node: int) -> When:
    """The date with only the first side of its path, until the file's orders are made."""
    return _ordered(when, () if node == ROOT else (paths.first(node),))


def _cycle_error(events: list[Event], cycle: list[int], report: Report) -> None:
    """Report relative dates that depend on each other in a ring, at its first event.

    A long ring is listed by its first and last few ids and its length, not in full.
    """
    ids = [visible(events[j].id) for j in cycle]
    if len(ids) > _CYCLE_SHOWN:
        head, tail = ids[: _CYCLE_SHOWN - 2], ids[-2:]
        names = f"{' → '.join(head)} → … → {' → '.join(tail)} → {ids[0]} ({len(ids):,} events)"
    else:
        names = " → ".join([*ids, ids[0]])
    report(
        cycle[0],
        "error",
        f"{_name(events, cycle[0])}: relative dates form a cycle: {names}; one of them needs "
        "an absolute date",
        "relative_to",
    )


def ends_after_starts(start: When, end: When) -> bool:
    """Whether an end is on or after its start, compared at the coarser precision: an
    end of "2018-07" is fine for a start of 19 July 2018."""
    known = min(end.precision, start.precision) + 1
    return end.key[:known] >= start.key[:known]


def check_ranges(events: list[Event], report: Report) -> None:
    """Report events whose end is before their start."""
    for i in compress(count(), map(_END, events)):  # those with an end, found in C
        event = events[i]
        if event.end is not None and not ends_after_starts(event.when, event.end):
            report(
                i,
                "error",
                f"{_name(events, i)}: end_date {format_iso(event.end)} is before date "
                f"{format_iso(event.when)}; the end must be on or after the start",
                "end_date",
            )


def reply_problem(event: Event, answered: Event) -> str | None:
    """What is wrong with `event` replying to `answered`: naming itself, or being dated
    before the event it answers; None when nothing is."""
    if answered.id == event.id:
        return "in_reply_to names the event itself; name the event it answers"
    return reply_dated_after(event.when, answered.id, answered.when)


def reply_dated_after(when: When, target: str, answered: When, where: str = "") -> str | None:
    """What to say of a reply dated `when` answering the event `target` dated `answered`,
    when that is surely after the reply; None when it is not. `where` names the file
    of the event answered when it is another than the reply's (files merged)."""
    if not surely_before(when, answered):
        return None
    of = f" (in {shown_file(where)})" if where else ""
    return (
        f"in_reply_to names {shown(target)}{of}, dated {format_medium(answered)}, "
        f"after this reply ({format_medium(when)}); check the dates, or the event it answers"
    )


def check_links(
    events: list[Event], ids: dict[str, int], report: Report, rejected: Collection[str] = ()
) -> None:
    """Warn about `in_reply_to` naming no event, the event itself, or an event dated after
    the reply; `rejected` are the ids of tables the checks refused (their errors say why),
    named as such rather than as no event."""
    for i in compress(count(), map(_IN_REPLY_TO, events)):  # those replying, found in C
        event = events[i]
        if event.in_reply_to and event.in_reply_to in ids:
            said = reply_problem(event, events[ids[event.in_reply_to]])
            if said is not None:
                report(i, "warning", f"{_name(events, i)}: {said}", "in_reply_to")
        if event.in_reply_to and event.in_reply_to not in ids:
            said = unknown_reply(_name(events, i), event.in_reply_to, ids, rejected)
            report(i, "warning", said, "in_reply_to")


def counted_from_start(
    who: str,
    relative: Relative,
    anchor_id: str,
    start: When,
    end: When,
    counted: When,
    *,
    quote: bool = False,
) -> str | None:
    """What to say of a relative date counted, as `counted`, from the start of an anchor
    that runs from `start` to `end`, when counting from its end would give another date;
    None when it would give the same one, or for a form that counts back from the anchor.

    "The day after" a conference of 16 to 20 July is counted from the 16th, its date
    (the 17th), where the writer may well have meant the day after it ended (the 21st).
    Every form but one counting back ("the day before", "last Friday", "before") can
    land on or after the start, where the end is the other reading: offsets and bounds
    after it ("3 days later", "after"), weekdays after it, "same day" (which of the
    span's days?) and a weekday on or before it ("Thursday" of a Monday-to-Friday
    conference: the Thursday before it, or the one during it?). One counting back is
    before the start whichever end it is counted from, and is read from the start.
    With `quote`, the date is a quote's, counted from its own event (`anchor_id`).
    """
    if relative.direction < 0 and not relative.inclusive:
        return None
    if not ends_after_starts(start, end):
        return None  # the anchor's own error says so (`check_ranges`)
    try:
        other: When | None = resolve(relative, _ordered(end, ()), anchor_id)
    except DateError:
        other = None  # an end too vague for the form (a month, for "the day after")
    if other is not None and _ordered(other, ()) == _ordered(counted, ()):
        return None  # the same date (a bound's order is its place among the file's)
    said = (
        f"{who}: field 'date': {shown(relative.written)} is counted from the start of "
        f"{'its event' if quote else shown(anchor_id)} ({format_long(start)}; it runs to "
        f"{format_long(end)}), so it is {format_long(counted)}"
    )
    instead = "Write the date meant instead" + ("" if quote else ", and remove relative_to")
    if other is None:
        return (
            f"{said}; it cannot be counted from the end, which is not known precisely "
            f"enough. {instead}: date = {toml_value(counted)} keeps the start"
        )
    return (
        f"{said}; counted from the end it would be {format_long(other)}. {instead}: "
        f"date = {toml_value(other)} (from the end) or date = {toml_value(counted)} "
        "(from the start)"
    )


def week_read_as_days(who: str, relative: Relative, anchor: When, counted: When) -> str | None:
    """What to say of "the week after" or "next week", counted as seven days from the
    anchor: the writer named a week, any day of it, and the rail showed one day as
    the date (found trying relative dates as a new user); None for other forms."""
    if not relative.week or not (1 <= anchor.year <= 9999):
        return None
    day = date(anchor.year, anchor.month, anchor.day)
    monday = day - timedelta(days=day.weekday()) + timedelta(days=7 * relative.direction)
    sunday = monday + timedelta(days=6)
    side = "after" if relative.direction > 0 else "before"
    return (
        f"{who}: field 'date': {shown(relative.written)} was read as "
        f"{format_long(counted)}, 7 days {side} its anchor, but it may be any day of the "
        f"week {side}: "
        f'write "7 days {"later" if relative.direction > 0 else "earlier"}" to say that '
        f"day, or the week's days as date = {monday.isoformat()} and end_date = "
        f"{sunday.isoformat()} without relative_to, and keep the words in display_date"
    )


def toml_value(when: When) -> str:
    """The TOML value a file writes for this date: `2018-07-21`, `"2018-08"`,
    `"circa 2018-07-21"`, `"after 2018-07-20"`."""
    iso = format_iso(when)
    qualifier = when.qualifier
    if qualifier is Qualifier.EXACT:
        bare = when.precision is Precision.DAY and 1 <= when.year <= 9999
        return iso if bare else f'"{iso}"'
    if qualifier is Qualifier.UNCERTAIN:
        return f'"{iso}?"'
    return f'"{qualifier.value} {iso}"'


def unknown_anchor(who: str, anchor: str, ids: Collection[str]) -> str:
    """What is said of an event (`who`) dated from an id no event of its file has."""
    return (
        f"{who}: relative_to names {shown(anchor)}, which is not the id of any "
        f"event{suggest(anchor, list(ids))}"
    )


def anchor_elsewhere(who: str, anchor: str, files: Sequence[str]) -> str:
    """What is said of an event (`who`) dated from an id no event of its file has but
    one of another file merged with it (of each of `files`) has: a relative date is
    counted only from an event of its own file, which a file read alone would not have."""
    where = " and ".join(map(shown_file, files))
    return (
        f"{who}: relative_to names {shown(anchor)}, which is the id of an event of {where}, "
        "not of this file; a date is counted only from an event of its own file: write "
        "the date itself, or put the two events in one file"
    )


def unknown_reply(who: str, target: str, ids: Collection[str], rejected: Collection[str]) -> str:
    """What is said of an event (`who`) answering an id no event of its file has (or one
    the checks rejected, whose error says why)."""
    if target in rejected:
        said = "an event that could not be read (its error says why)"
    else:
        said = f"which is not the id of any event{suggest(target, list(ids))}"
    return f"{who}: in_reply_to names {shown(target)}, {said}"


def _name(events: list[Event], i: int) -> str:
    return f"event {shown(events[i].id)}"


class Misordered(NamedTuple):
    """Two times of different zones listed out of their moments' order (`out_of_order`)."""

    said: str
    """What to say of them: `finding`, then how to order them."""
    event: Event
    """The event listed after the earlier moment, where it is said."""
    finding: str
    """Which two they are, without the advice, which is worded for one file or for
    several merged: the same pair is the same problem, however it is advised."""


def out_of_order(
    events: Sequence[Event], *, merged: bool = False, advice: str = ""
) -> Misordered | None:
    """What to say when, in `events` as sorted, a time comes after a later moment, and
    the event listed after it.

    Events are ordered by their own clocks (`When.key`). In a timeline with no zone of
    its own, a time written in another zone ("8:00 pm PT") keeps it, so 20:00 PDT is
    listed before 22:00 EDT although it is an hour later; merged files keep each its
    own zone too. Said once, with the first such pair; `advice` says how to give a
    timeline a zone, where its format has no [timeline] to write it in."""
    # Times of one zone are listed as their moments are (a clock change aside, which
    # has its own warning): only several zones need each time's moment (40 ms at
    # 100,000 events).
    zones = set(map(_TZ, map(_WHEN, events)))
    zones.discard(None)
    if len(zones) < 2:
        return None
    latest: tuple[tuple[int, ...], Event] | None = None
    for event in events:
        when = event.when
        if when.tz is None or when.precision < Precision.HOUR or when.order:
            continue
        if when.qualifier is not Qualifier.EXACT:
            continue
        moment = in_utc(when)
        if moment is when:
            continue  # a time the calendar cannot hold in UTC, given back as it is
        if latest is not None and moment.key < latest[0]:
            earlier = latest[1]
            finding = (
                f"times in several zones are listed by their own clocks: {shown(earlier.id)} "
                f"({format_medium(earlier.when)}) is listed before {shown(event.id)} "
                f"({format_medium(event.when)}), which is the earlier moment"
            )
            said = f"{finding}; " + (
                # Each file's zone is its own: one [timeline] cannot hold them.
                "give every file the same [timeline] timezone (a time of another zone "
                "written with its offset, such as 16:00:00+02:00) to show and order "
                "every time in it"
                if merged
                else advice or "give [timeline] a timezone to show and order every time in it"
            )
            return Misordered(said, event, finding)
        if latest is None or moment.key > latest[0]:
            latest = (moment.key, event)
    return None

"""A `display_date` checked against the dates it is shown in place of.

Every view, the printout and the exports show `display_date` where the event's dates
would be, so one stating other dates than the file holds states them everywhere. What
it states is read as a date field is (`dates.read_shown`): one date, a range ("1815 –
1852", "July 16-20, 2018"), or a period named as one ("1990s"); else as a period in
words no date field takes (`dates.periods`: "summer 2018", "between 16 and 19 July
2018", the span a date is unknown within). Text stating no date ("the week of the
vote") is the writer's own words, and is left alone. A bound held in words ("on or
after 19 July", "by 19 July") is read where it lies, at the day it holds.
Every reader checks them (TOML, TimelineJS JSON, the spreadsheet), with warnings: the
event is still placed by its dates, and only the writer knows which of the two is
wrong, so the warning says what to write either way.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import TYPE_CHECKING

from timeline.dates import (
    Shown,
    days_in_month,
    format_medium,
    format_range,
    holding_bound,
    holds_its_date,
    in_utc,
    read_shown,
    unit_of,
)
from timeline.model import Event, Precision, Qualifier, When

if TYPE_CHECKING:
    from timeline.dates.periods import Period
from timeline.problems import shown
from timeline.read.resolve import Report, toml_value

_EXACT = Qualifier.EXACT
_BOUNDS = (Qualifier.BEFORE, Qualifier.AFTER)
_DOUBTS = (Qualifier.CIRCA, Qualifier.UNCERTAIN)
MORE_PRECISE = "is more precise than the event's"
#: The first place of a bound's order: which side of its date it lies on.
_SIDE = {Qualifier.BEFORE: -1, Qualifier.AFTER: 1}


def check_display_dates(
    events: list[Event],
    zone: tzinfo | None,
    report: Report,
    *,
    field: str = "display_date",
    name: Callable[[int], str] | None = None,
) -> None:
    """Warn about a `display_date` that states other dates than the event's.

    One date must be the event's date, qualifier and all (`display_problem` says what
    it says wrongly: "17 July 2018" over 16 July, "2018" over "circa 2018"), and over
    an event with an end must hold the end too ("July 2018" over 16 to 20 July does;
    "16 July 2018" hides it). A range must start on `date` and end on `end_date`, each
    end judged as one date is ("1815 – 1853" over 1815 to 1852 names another end);
    over an event with no `end_date` it states an end the file does not hold. A period
    named as one ("1990s", "19th century") must hold the date and the end.

    `field` is what the format calls the field ("Display Date" in a spreadsheet), and
    `name` says which event events[i] is ("event 'e' (row 5)"); by default its id."""
    read: dict[str, Shown | Period | None] = {}  # each text read once (100 µs with dateutil)
    for i, event in enumerate(events):
        text = event.display_date
        if not text or not any(c.isdigit() for c in text):
            continue
        if text not in read:
            read[text] = _stated(text, zone)
        stated = read[text]
        if stated is None:
            continue
        said = _judged(text, stated, event.when, event.end, zone)
        if said is not None:
            who = name(i) if name is not None else f"event {shown(event.id)}"
            report(i, "warning", f"{who}: {field} {shown(text)}{said}", "display_date")


def _stated(text: str, zone: tzinfo | None) -> Shown | Period | None:
    """What a display date states: dates as a date field reads them, a period named
    as one ("1990s") or in words no date field takes ("summer 2010", "the early
    1990s", "circa the 1990s": `dates.read_period`); None for words that state none."""
    stated = read_shown(text, zone)
    if stated is None:
        # Only then: a period in words is rare, and its reader imports the spans'
        # (and dateutil's) that a file of ISO dates never needs.
        from timeline.dates.periods import read_period

        return read_period(text, zone)
    if stated.period and stated.end is not None:
        from timeline.dates.periods import Period

        period = (stated.start, stated.end)
        return Period((period,), stated.start.qualifier, format_range(*period))
    return stated


def _judged(
    text: str,
    stated: Shown | Period,
    when: When,
    end: When | None,
    zone: tzinfo | None,
    suggest: bool = True,
) -> str | None:
    """What a display date `text`, stating `stated`, says wrongly of an event dated
    `when` to `end`, in words that follow "display_date 'x'", with what to write; None
    when it states the event's dates rightly. With `suggest`, a display date stating
    the dates rightly is offered where one is wanted."""
    if not isinstance(stated, Shown):
        return _in_period(stated, when, end, zone, suggest)
    start, last = stated.start, stated.end
    if last is None:
        if start.qualifier in _BOUNDS and holds_its_date(text):
            # "on or after 19 July" holds the 19th, as "after 18 July" does: a date
            # field reads the words as "after 19 July" (saying it leaves the day out).
            held = holding_bound(start)
            if start.qualifier is when.qualifier and display_problem(start, when) is None:
                if holds_its_date(when.written):
                    return None  # the date written in the same words: its field says it
                return _held_day(start, held, when, end, zone, suggest)
            start = held
        return _one_date(start, when, end, zone, suggest)
    return _range(text, start, last, when, end, zone, suggest)


def _held_day(
    shown_as: When, held: When, when: When, end: When | None, zone: tzinfo | None, suggest: bool
) -> str:
    """What is said of a display date whose bound holds the day the event's bound leaves
    out ("on or after 19 July" over "after 19 July"): how to write the date to hold it."""
    such_as = _such_as(when, end, zone) if suggest else ""
    return (
        f" says the date may be {unit_of(shown_as)}, which the event's date "
        f"({format_medium(when)}) leaves out, and is shown in its place everywhere; if it "
        f"may be, write date = {toml_value(held)}; if not, show the date{such_as}"
    )


def _one_date(
    shown_as: When, when: When, end: When | None, zone: tzinfo | None, suggest: bool
) -> str | None:
    """`_judged` of a display date stating one date: the event's date, holding its end."""
    said = display_problem(shown_as, when)
    if said is not None:
        advice = "correct the one that is wrong"
        if said == f"{MORE_PRECISE} date":
            advice = (
                f"if that is known, write date = {toml_value(shown_as)}; if not, show only "
                "what the date knows"
            )
        return f" {said} ({format_medium(when)}), and is shown in its place everywhere; {advice}"
    if end is None or _holds(shown_as, end):
        return None
    such_as = _such_as(when, end, zone) if suggest else ""
    return (
        f" shows one date, where the event runs from {format_medium(when)} to "
        f"{format_medium(end)}, and is shown in place of both everywhere; write one that "
        f"shows both{such_as}, or leave it out to show the dates"
    )


def _range(
    text: str,
    start: When,
    last: When,
    when: When,
    end: When | None,
    zone: tzinfo | None,
    suggest: bool,
) -> str | None:
    """`_judged` of a display date stating a range from `start` to `last`: each end is
    judged as one date is, and an end over an event with none is one it does not have."""
    clauses: list[str] = []
    more: list[bool] = []  # each says more than the dates know: perhaps known
    fixes: list[str] = []  # the dates to write, were the display date right
    said = display_problem(start, when)
    if said is not None:
        clauses.append(f"its start {said} ({format_medium(when)})")
        more.append(said.startswith(MORE_PRECISE))
        fixes.append(f"date = {toml_value(start)}")
    if end is None:
        clauses.append(f"it states an end ({format_medium(last)}) the event does not have")
        more.append(True)
        fixes.append(f"end_date = {toml_value(last)}")
    else:
        said = display_problem(last, end, "end_date")
        if said is not None:
            clauses.append(f"its end {said} ({format_medium(end)})")
            more.append(said.startswith(MORE_PRECISE))
            fixes.append(f"end_date = {toml_value(last)}")
    if not clauses:
        return None
    if end is not None and end.written and end.written == when.written:
        fixes = [f"date = {_toml_string(text)}"]  # a span written in `date` alone
    write = " and ".join(fixes)
    dates = "date" if end is None else "dates"
    if all(more):
        knows = "knows" if end is None else "know"
        advice = f"if that is known, write {write}; if not, show only what the {dates} {knows}"
    else:
        such_as = _such_as(when, end, zone) if suggest else ""
        advice = (
            f"correct the one that is wrong: {write} if the display date is right, or show "
            f"the {dates}{such_as}"
        )
    return f": {', and '.join(clauses)}; it is shown in place of the {dates} everywhere; {advice}"


def _in_period(
    period: Period, when: When, end: When | None, zone: tzinfo | None, suggest: bool
) -> str | None:
    """`_judged` of a display date naming a period ("1990s", "summer 2010", "the early
    1990s"): it must hold the event's date and end, in one of the spans it may stand
    for (a season's, in either hemisphere). Its edges need not be the event's: shown,
    "the 1990s" says when, as a coarse date does (in a date field, it says the event
    lasted through them). But it must not say more than the dates know ("summer 2010"
    over 2010, the event placed at the year's start), nor place a date only known to
    lie before or after another ("the 1990s" over "before 2005": perhaps 1980), let
    alone on the other side of its bound, wholly ("between 16 and 19 July" over "after
    19 July") or in part ("the 1990s" over "before 1995"). One with a bound ("before
    the 1990s") is one date, before the period's first."""
    first, last = period.spans[0][0], period.spans[-1][1]
    if period.qualifier is Qualifier.BEFORE:
        bound = first._replace(qualifier=Qualifier.BEFORE, order=(-1,))
        return _one_date(bound, when, end, zone, suggest)
    if period.qualifier is Qualifier.AFTER:
        bound = last._replace(qualifier=Qualifier.AFTER, order=(1,))
        return _one_date(bound, when, end, zone, suggest)
    dates = "date" if end is None else "dates"
    such_as = _such_as(when, end, zone) if suggest else ""
    named = f" names a period ({period.said})"
    everywhere = f"and is shown in place of the {dates} everywhere"
    for whose, date in (("date", when), ("end_date", end)):
        if date is None or date.qualifier not in _BOUNDS:
            continue
        beyond = _beyond_bound(period, date)
        if beyond is not None:
            return (
                f"{named} that {beyond}, where the event's {whose} is "
                f"{date.qualifier.value} it ({format_medium(date)}), {everywhere}; correct "
                f"the one that is wrong: write {_ends_of(period)} if the display date is "
                f"right, or show the {dates}{such_as}"
            )
    left_out = [
        f"{whose} ({format_medium(date)})"
        for whose, date in (("the event's date", when), ("its end_date", end))
        if date is not None
        and date.qualifier not in _BOUNDS  # (a bound: where it lies, said above)
        and not any(_within(date, *span) for span in period.spans)
    ]
    if left_out:
        within = "a date" if end is None else "dates"
        return (
            f"{named} that does not hold {' or '.join(left_out)}, {everywhere}; correct the "
            f"one that is wrong: write {within} within it if the display date is right, or "
            f"show the {dates}{such_as}"
        )
    bounded = [
        (whose, date)
        for whose, date in (("date", when), ("end_date", end))
        if date is not None and date.qualifier in _BOUNDS
    ]
    if bounded:
        whose, date = bounded[0]
        return (
            f"{named}, where the event's {whose} is only known to lie {date.qualifier.value} "
            f"{format_medium(date._replace(qualifier=_EXACT))}, perhaps outside it, "
            f"{everywhere}; show the bound{such_as}, or write the {whose} within it if it "
            "is known"
        )
    coarse = [
        (whose, date)
        for whose, date in (("date", when), ("end_date", end))
        if date is not None and not any(_holds_all(date, *span) for span in period.spans)
    ]
    if coarse:
        whose, date = coarse[0]
        return (
            f"{named}: it {MORE_PRECISE} {whose} ({format_medium(date)}), by which the event "
            f"is placed, {everywhere}; if that is known, write {_ends_of(period)}; if not, "
            f"show only what the {dates} know{'s' if end is None else ''}"
        )
    return None


def _ends_of(period: Period) -> str:
    """The dates to write for a period, as its ends: "date = 2010-06 and end_date =
    2010-08 in the north or ..." (a date unknown within a span is written so too)."""
    where = ("",) if len(period.spans) == 1 else (" in the north", " in the south")
    return " or ".join(
        f"date = {toml_value(a)} and end_date = {toml_value(b)}{there}"
        for (a, b), there in zip(period.spans, where, strict=True)
    )


def _beyond_bound(period: Period, bound: When) -> str | None:
    """Where a period lies against a bound it may not cross, in words that follow "names
    a period (...) that": "lies wholly on or before 19 Jul 2018" over "after 19 July"
    (the bound rules it out), "begins on or before 19 Jul 2018" (it rules out part of
    it); None when the period, or one of its readings, lies on the bound's side, where
    only the dates the bound still allows beyond it are in doubt (said after)."""
    side = bound.qualifier
    edge = _bound_at(bound, side)  # after a date: its last moment; before: its first
    crossing = False
    for first, last in period.spans:
        start, stop = _bound_at(first, Qualifier.BEFORE), _bound_at(last, Qualifier.AFTER)
        if side is Qualifier.AFTER:
            within, beyond = start > edge, stop <= edge
        else:
            within, beyond = stop < edge, start >= edge
        if within:
            return None
        crossing = crossing or not beyond
    day = format_medium(bound._replace(qualifier=_EXACT, order=()))
    if side is Qualifier.AFTER:
        return f"begins on or before {day}" if crossing else f"lies wholly on or before {day}"
    return f"ends on or after {day}" if crossing else f"lies wholly on or after {day}"


def _holds_all(date: When, first: When, last: When) -> bool:
    """Whether every moment of a date's period lies in the period from `first` to
    `last` ("July 2018" does not in 11 to 20 July; 1995 does in the 1990s)."""
    precision = max(first.precision, last.precision)
    if date.precision >= precision:
        return _within(date, first, last)
    opening = date._replace(qualifier=_EXACT, order=(), precision=precision)
    month = 12 if date.precision is Precision.YEAR else date.month
    closing = opening._replace(month=month, day=days_in_month(date.year, month))
    return _within(opening, first, last) and _within(closing, first, last)


def _within(date: When, start: When, last: When) -> bool:
    """Whether a date lies in the period from `start` to `last`, at the coarser
    precision of each comparison (a bound where its date is)."""
    at = date._replace(qualifier=_EXACT, order=())
    first = min(start.precision, at.precision) + 1
    final = min(last.precision, at.precision) + 1
    return start.key[:first] <= at.key[:first] and at.key[:final] <= last.key[:final]


def _holds(shown_as: When, end: When) -> bool:
    """Whether one date shown holds an event's end as well as its start (checked
    already): "July 2018" holds 20 July, "16 July 2018" does not, nor a day an end known
    only to the month; a bound ("after 16 July", an open end) lies past any date."""
    if end.qualifier in _BOUNDS or shown_as.precision > end.precision:
        return False
    a, b, known, _ = _comparable(shown_as, end)
    return a.key[:known] == b.key[:known]


def _such_as(when: When, end: When | None, zone: tzinfo | None) -> str:
    """ ", such as '1815 – 1852'": the dates as a display date that states them rightly,
    or "" when none is found."""
    offered = format_range(when, end)
    stated = read_shown(offered, zone)
    if stated is None or _judged(offered, stated, when, end, zone, suggest=False) is not None:
        return ""
    return f", such as {shown(offered)}"


def _toml_string(text: str) -> str:
    """Text as a TOML basic string (a date's text: no control characters)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _comparable(a: When, b: When) -> tuple[When, When, int, bool]:
    """Two dates made comparable: without qualifier or order, in UTC when both are
    times in zones; how many places of their keys to compare (the coarser precision's,
    the day's when only one is in a zone); and whether only one is."""
    a = a._replace(qualifier=_EXACT, order=())
    b = b._replace(qualifier=_EXACT, order=())
    known = min(a.precision, b.precision, Precision.SECOND) + 1
    zones_differ = False
    if known > Precision.DAY + 1:
        if (a.tz is None) != (b.tz is None):
            known = Precision.DAY + 1  # a time in no zone and one in a zone: the day
            zones_differ = True
        else:
            a, b = in_utc(a), in_utc(b)  # "2:05 pm PT" over 16:05 in Chicago: the same
    return a, b, known, zones_differ


def display_problem(shown_as: When, when: When, what: str = "date") -> str | None:
    """What a display date read as `shown_as` says wrongly of the event's date `when`
    (or of its end, with `what` "end_date"), in words that follow "display_date 'x'
    ...", or None when it says it rightly.

    Right are the same date at the coarser of the two precisions ("July 2018" over 16
    July) with the same qualifier, and a display date that adds a doubt the date does
    not have, or names it otherwise ("c. 700 BCE" over 700 BCE: a TimelineJS file has no
    other way to say circa). A bound ("before", "after") must be the date's own bound
    on the same side, where it lies: "after October 2019" is after its last day, not
    after 10 October, while "before 2020" and "before 1 Jan 2020" are one bound.
    """
    a, b, known, zones_differ = _comparable(shown_as, when)
    side = shown_as.qualifier
    if (
        side in _BOUNDS
        and side is when.qualifier
        and a.precision is not b.precision
        and not zones_differ
    ):
        same = _bound_at(a, side) == _bound_at(b, side)
    else:
        same = a.key[:known] == b.key[:known]
    if not same:
        return "names another date than the event's" + ("" if what == "date" else f" {what}")
    if shown_as.precision > when.precision and shown_as.qualifier not in _BOUNDS:
        # "16 July 2018" over 2018-07: a day shown everywhere that the date, by which
        # the event is placed and sorted, does not know.
        return f"{MORE_PRECISE} {what}"
    if shown_as.qualifier is when.qualifier:
        return None
    if shown_as.qualifier is _EXACT or (
        when.qualifier in _BOUNDS and shown_as.qualifier not in _BOUNDS
    ):
        return f"does not say that the {what} is {when.qualifier.value}"
    if shown_as.qualifier in _BOUNDS and when.order[:1] == (_SIDE[shown_as.qualifier],):
        return None  # "after 8 Jan 1980" with circa = true: circa, sorted after it
    if shown_as.qualifier in _DOUBTS:
        return None  # more doubt than the date's, or another word for its doubt
    return (
        f"says that the {what} is only known to lie {shown_as.qualifier.value} it, which "
        f"the event's {what} does not"
    )


def _bound_at(when: When, side: Qualifier) -> tuple[int, int, int, int, int, int]:
    """Where a bound lies, to the second: before a date, at its first moment; after
    it, at its last ("after 2019" is after 31 December 2019, 23:59:59)."""
    parts = [when.year, when.month, when.day, when.hour, when.minute, when.second]
    if side is Qualifier.AFTER:
        month = 12 if when.precision is Precision.YEAR else when.month
        last = (month, days_in_month(when.year, month), 23, 59, 59)
        for index in range(int(when.precision), len(last)):
            parts[index + 1] = last[index]
    year, month, day, hour, minute, second = parts
    return (year, month, day, hour, minute, second)

"""Dates written relative to another event ("Monday", "3 days before", "before").

A relative date is parsed on its own (`parse_relative`) and counted once its anchor's
date is known (`resolve`); the reader resolves them in dependency order.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from timeline.dates.calendar import WEEKDAYS
from timeline.dates.errors import DateError
from timeline.dates.patterns import on_first_use
from timeline.dates.show import format_long
from timeline.model import Precision, Qualifier, When


class Relative(NamedTuple):
    """A date written relative to another event, waiting for its anchor to be resolved.

    Attributes:
        written: The text as written ("Monday", "3 days before").
        weekday: 0-6 for weekday forms, else None.
        direction: -1 for before, +1 for after.
        inclusive: Whether the anchor's own day counts ("Monday" on a Monday).
        amount: The offset of "3 days before"-style forms, in `unit_name`s: -3.
        unit_name: The unit of that offset: "day", "week", "month" or "year".
        unit: Precision of the offset's unit.
        bound: True for plain "before" / "after": only the order is known.
        circa: The event says `circa = true`: the resolved date is approximate.
        week: "The week after", "next week": a day of that week, counted as seven
            days on (`week_read_as_days` says so).
    """

    written: str
    weekday: int | None = None
    direction: int = -1
    inclusive: bool = False
    amount: int = 0
    unit_name: str = ""
    unit: Precision = Precision.DAY
    bound: bool = False
    circa: bool = False
    week: bool = False


# A year alone may have 1 to 6 digits ("44" is the year 44, not 2044); with a month
# a positive year needs 4 digits, so "7-4" is left to dateutil.
# Years before 1 (BCE) at day precision: datetime cannot hold them and dateutil


_WEEKDAY_RE = on_first_use(
    r"(?i)^(?:on\s+)?(?:(last|previous|the\s+previous|next|following|the\s+following)\s+)?"
    r"(mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?"
    r"(?:\s+(before|after))?$"
)
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
# At most six digits: a longer count is refused by the reader with a message, rather
# than reaching `int` (which refuses 4,300 digits with Python's own words).
_OFFSET_RE = on_first_use(
    r"(?i)^(\d{1,6}|" + "|".join(_NUMBER_WORDS) + r")\s+(day|week|fortnight|month|year)s?\s+"
    r"(before|after|earlier|later|prior)$"
)
_THE_DAY_RE = on_first_use(
    r"(?i)^(?:the\s+)?(?:(day|week|month|year)\s+(before|after)|"
    r"(next|previous|following)\s+(day|week|month|year)|(same)\s+day)$"
)
#: Words that say only the order: some time before (-1) or after (+1) the anchor.
_BOUND_WORDS = {
    "before": -1,
    "shortly before": -1,
    "soon before": -1,
    "beforehand": -1,
    "shortly beforehand": -1,
    "earlier": -1,
    "after": 1,
    "shortly after": 1,
    "soon after": 1,
    "afterwards": 1,
    "afterward": 1,
    "shortly afterwards": 1,
    "shortly afterward": 1,
    "later": 1,
}
_UNIT_PRECISION = {
    "day": Precision.DAY,
    "week": Precision.DAY,
    "month": Precision.MONTH,
    "year": Precision.YEAR,
}
_WEEKDAY_PREFIX = {name[:3].lower(): i for i, name in enumerate(WEEKDAYS)}


def parse_relative(text: str) -> Relative | None:
    """Recognise a relative form ("Monday", "next Friday", "3 days before", "before").

    Returns:
        The parsed form, or None when the text is not relative.
    """
    text = " ".join(text.split())
    lowered = text.lower()
    if lowered in _BOUND_WORDS:
        return Relative(text, direction=_BOUND_WORDS[lowered], bound=True)
    match = _WEEKDAY_RE().match(text)
    if match:
        modifier, day, side = (g.lower() if g else "" for g in match.groups())
        index = _WEEKDAY_PREFIX[day[:3]]
        if modifier.endswith(("next", "following")) or side == "after":
            return Relative(text, weekday=index, direction=1)
        if modifier.endswith(("last", "previous")) or side == "before":
            return Relative(text, weekday=index, direction=-1)
        return Relative(text, weekday=index, direction=-1, inclusive=True)
    match = _OFFSET_RE().match(text)
    if match:
        amount_text, unit, side = match.groups()
        amount = int(amount_text) if amount_text.isdigit() else _NUMBER_WORDS[amount_text.lower()]
        if unit.lower() == "fortnight":  # two weeks, as British writers count them
            amount, unit = amount * 2, "week"
        return _offset(text, amount, unit.lower(), side.lower())
    match = _THE_DAY_RE().match(text)
    if match:
        unit_a, side_a, side_b, unit_b, same = match.groups()
        if same:
            return _offset(text, 0, "day", "after")
        unit = (unit_a or unit_b).lower()
        side = (side_a or side_b).lower()
        relative = _offset(
            text, 1, unit, "after" if side in ("after", "next", "following") else "before"
        )
        return relative._replace(week=unit == "week")
    return None


_NUMBER = r"(?:\d{1,6}|" + "|".join(_NUMBER_WORDS) + r")"
_CLOCK_OFFSET = on_first_use(
    rf"(?i)^{_NUMBER}\s+(hour|minute|second)s?\s+(?:before|after|earlier|later)$"
)
_THAT_DAY = on_first_use(
    r"(?i)^(?:(?:later|earlier)\s+)?that\s+(?:day|morning|afternoon|evening|night)$"
    r"|^(?:later|earlier)\s+(?:that|the\s+same)\s+day$"
)
_PART_OF_DAY = on_first_use(
    r"(?i)^((?:(?:last|next|the\s+following|the\s+previous|following|previous)\s+)?"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s+(?:morning|afternoon|evening|night)$"
)
# "the next morning", "the following evening", "the night before".
_NEXT_PART = on_first_use(
    r"(?i)^(?:the\s+)?(?:(next|following|previous)\s+(?:morning|afternoon|evening|night)"
    r"|(?:morning|afternoon|evening|night)\s+(before|after))$"
)
_THAT_WEEK = on_first_use(r"(?i)^(?:(?:earlier|later)\s+)?(?:that|the\s+same)\s+week$")
_THAT_WEEKDAY = on_first_use(r"(?i)^that\s+((?:mon|tues|wednes|thurs|fri|satur|sun)day)$")
_WITHIN = on_first_use(r"(?i)^within\s+(.+)$")
_BUSINESS = on_first_use(rf"(?i)^{_NUMBER}\s+(?:business|working)\s+days?\s+\w+$")
_UNCOUNTED = on_first_use(
    r"(?i)^(?:some\s+|several\s+|a\s+few\s+|a\s+couple\s+of\s+)?(days|weeks|months|years)\s+"
    r"(?:before|after|earlier|later|prior)$"
)
# "hours later", "moments later": a time with no count.
_UNCOUNTED_CLOCK = on_first_use(
    r"(?i)^(?:some\s+|several\s+|a\s+few\s+|a\s+couple\s+of\s+)?(hours|minutes|moments|seconds)\s+"
    r"(?:before|after|earlier|later)$"
)
# "that summer", "later that year", "in the following days": no day named.
_THAT_PERIOD = on_first_use(
    r"(?i)^(?:(?:later|earlier)\s+)?(?:in\s+)?(?:that|the\s+same|the\s+following|the\s+next"
    r"|the\s+previous)\s+(?:spring|summer|autumn|fall|winter|season|month|year|days|weeks|months)$"
)
# Counted from the day the words were written, not from an event.
_SPOKEN_DAY = on_first_use(r"(?i)^(?:the\s+day\s+(?:before|after)\s+)?(?:yesterday|tomorrow)$")


def relative_refusal(text: str) -> str | None:
    """Why a date written as relative, in a form the tool does not count, is refused,
    with what to write; None when it is not such a form. (These were "cannot read
    '3 hours later' as a date", found trying relative dates as a new user.)"""
    text = " ".join(text.split())
    match = _CLOCK_OFFSET().match(text)
    if match:
        return (
            f"{text!r} counts {match.group(1).lower()}s; relative dates count days, weeks, "
            "months or years: write the date and time itself, in ISO form "
            "(year-month-dayThour:minute)"
        )
    if _THAT_DAY().match(text):
        return (
            f'{text!r} is the anchor\'s day: write "same day" (with relative_to), or the '
            "date and time itself, and keep the words in display_date"
        )
    match = _PART_OF_DAY().match(text)
    if match:
        return (
            f'{text!r}: write the day, "{match.group(1)}" (with relative_to), or the date '
            "and time itself, and keep the words in display_date"
        )
    match = _NEXT_PART().match(text)
    if match:
        day = (
            "the day before"
            if (match.group(1) or match.group(2)).lower()
            in (
                "previous",
                "before",
            )
            else "the next day"
        )
        return (
            f'{text!r}: write the day, "{day}" (with relative_to), or the date and time '
            "itself, and keep the words in display_date"
        )
    if _THAT_WEEK().match(text):
        return (
            f'{text!r} names no day of the week: write the day, such as "Monday" (with '
            "relative_to), or the date itself, and keep the words in display_date"
        )
    match = _THAT_WEEKDAY().match(text)
    if match:
        return (
            f'{text!r}: write "{match.group(1)}" (the one on or before the anchor), "next '
            f'{match.group(1)}" or "last {match.group(1)}" (with relative_to)'
        )
    match = _WITHIN().match(text)
    if match:
        return (
            f'{text!r} gives only a limit: write "after" (with relative_to) for some time '
            f"after the anchor, or before the date {match.group(1)} on from it, and keep the "
            "words in display_date"
        )
    if _BUSINESS().match(text):
        return (
            f"{text!r}: business days depend on the place's holidays; write the date "
            "itself, and keep the words in display_date"
        )
    match = _UNCOUNTED_CLOCK().match(text)
    if match:
        return (
            f"{text!r} counts {match.group(1).lower()}, and does not say how many: write the "
            "date and time itself, and keep the words in display_date"
        )
    if _THAT_PERIOD().match(text):
        return (
            f"{text!r} names no day: write the date itself (a month or a year, if that is all "
            'that is known), or a count ("3 days later"), and keep the words in display_date'
        )
    if _SPOKEN_DAY().match(text):
        return (
            f"{text!r} counts from the day the words were written, not from an event: write "
            "the date itself, and keep the words in display_date"
        )
    match = _UNCOUNTED().match(text)
    if match:
        return (
            f"{text!r} does not say how many {match.group(1).lower()}: give the date "
            'itself, or a count ("3 days later"), and keep the words in display_date'
        )
    return None


def _offset(text: str, amount: int, unit: str, side: str) -> Relative:
    direction = 1 if side in ("after", "later") else -1  # "prior" is before
    return Relative(
        text,
        direction=direction,
        amount=amount * direction,
        unit_name=unit,
        unit=_UNIT_PRECISION[unit],
    )


_BOUNDS = (Qualifier.BEFORE, Qualifier.AFTER)


def resolve(relative: Relative, anchor: When, anchor_id: str) -> When:
    """Resolve a relative date against its anchor's resolved date.

    Raises:
        DateError: The anchor is too vague for the form (a weekday needs a known day),
            or only a bound: a weekday, a coarser unit or a bound on its other side
            counted from it would claim a bound nobody knows.
    """
    bounded = anchor.qualifier in _BOUNDS  # the anchor is only known to lie before or after
    if relative.bound:
        qualifier = Qualifier.BEFORE if relative.direction < 0 else Qualifier.AFTER
        if bounded and anchor.qualifier is not qualifier:
            # Before something known only to lie after a day (or after something before
            # it): any date at all. Shown as the anchor's bound, it told a false date.
            raise DateError(
                f"{relative.written!r} cannot be counted from the anchor {anchor_id!r}, "
                f"which is only known to lie {format_long(anchor)}: {relative.written} it "
                "could be any date. Give this event a date of its own, or count it from "
                "an event whose date is known"
            )
        return anchor._replace(
            qualifier=qualifier,
            written=relative.written,
            anchor=anchor_id,
            rule=qualifier.value,
            order=(*anchor.order, relative.direction),
        )
    needed = Precision.DAY if relative.weekday is not None else relative.unit
    if bounded and (relative.weekday is not None or relative.unit < anchor.precision):
        # Counted from a bound, a weekday or a coarser unit could be the day (or month)
        # the bound names as well as any later one: "after" it would leave that out.
        raise DateError(
            f"{relative.written!r} needs the anchor {anchor_id!r} to be known "
            f"{'to the day' if relative.weekday is not None else 'exactly'}, but it is "
            f"only known to lie {format_long(anchor)}. Give this event a date of its own, "
            "or count it from an event whose date is known"
        )
    if anchor.precision < needed:
        raise DateError(
            f"{relative.written!r} needs the anchor {anchor_id!r} to be known to the "
            f"{needed.name.lower()}, but it is {format_long(anchor)}"
        )
    try:
        return _count_from(relative, anchor, anchor_id)
    except (ValueError, OverflowError):
        raise DateError(
            f"{relative.written!r} cannot be counted from the anchor {anchor_id!r} "
            f"({format_long(anchor)}): relative dates work between the years 1 and 9999; "
            "give this event an absolute date"
        ) from None


def _count_from(relative: Relative, anchor: When, anchor_id: str) -> When:
    """The arithmetic of `resolve`; `date` raises ValueError/OverflowError out of range."""
    start = date(anchor.year, anchor.month, anchor.day)
    if relative.weekday is not None:
        day_name = WEEKDAYS[relative.weekday]
        if relative.inclusive:
            target = _on_or_before(start, relative.weekday)
            rule = f"the {day_name} on or before"
        elif relative.direction < 0:
            target = _on_or_before(start - timedelta(days=1), relative.weekday)
            rule = f"the {day_name} before"
        else:
            after = start + timedelta(days=1)
            target = after + timedelta(days=(relative.weekday - after.weekday()) % 7)
            rule = f"the {day_name} after"
        precision = Precision.DAY
    else:
        target = _counted(start, relative.amount, relative.unit_name)
        rule = relative.written.lower()
        precision = min(anchor.precision, relative.unit)
    return When(
        target.year,
        target.month if precision >= Precision.MONTH else 1,
        target.day if precision >= Precision.DAY else 1,
        precision=precision,
        qualifier=Qualifier.CIRCA if relative.circa else anchor.qualifier,
        written=relative.written,
        anchor=anchor_id,
        rule=rule,
        order=anchor.order,
    )


def _on_or_before(day: date, weekday: int) -> date:
    """The day itself when it falls on `weekday` (0 Monday ... 6 Sunday), else the last
    such day before it."""
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _counted(start: date, count: int, unit: str) -> date:
    """`start` moved by `count` days, weeks, months or years; raises ValueError or
    OverflowError beyond the years 1 to 9999. Months and years are counted on the
    month (the caller keeps no day of them), so a month after 31 January is February."""
    if unit in ("day", "week"):
        return start + timedelta(days=count * (7 if unit == "week" else 1))
    months = start.year * 12 + start.month - 1 + count * (12 if unit == "year" else 1)
    return date(months // 12, months % 12 + 1, 1)

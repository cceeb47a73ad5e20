"""Weeks named in a date ("2018-W29", "the week of July 16, 2018"), refused with the
week's days to write.

An ISO week is exact (Monday to Sunday), but the tool has no week precision: read as
its Monday it would be one day, read as seven days it would be shown as a span nobody
wrote. "The week of" a date depends on the writer (a week may start on Sunday, and
"the week of" a Wednesday holds days before it). So neither is read: the message gives
the Monday-to-Sunday days to write as date and end_date, the words kept in
display_date. (Both were "cannot read ... as a date" with the list of every form.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from timeline.dates.calendar import MONTHS, WEEKDAYS
from timeline.model import Precision, When

_ISO_WEEK = re.compile(r"(?P<year>\d{4})-?W(?P<week>\d{1,2})", re.I)
_WEEK_OF = re.compile(
    r"(?:the\s+)?(?:week\s+(?:of|beginning|starting|commencing)|w/c)\s+(?P<date>.+)", re.I
)


def week_refusal(
    body: str, text: str, read_day: Callable[[str], When], *, in_file: bool = True
) -> str | None:
    """Why `text` (its date part `body`) is refused as naming a week, with the days to
    write; None when it names none. `read_day` reads the date after "week of"; what
    it raises is the caller's to say (the date itself is then wrong). `in_file` false:
    typed at the date line or in a filter, which go to one day, so a day of the week
    to type (it was "cannot read ... as a date")."""
    found = _ISO_WEEK.fullmatch(body.strip())
    if found:
        year, week = int(found["year"]), int(found["week"])
        try:
            monday = date.fromisocalendar(year, week, 1)
        except ValueError:
            return f"{text!r} names week {week} of {year}, which has no such ISO week"
        if not in_file:
            return (
                f"{text!r} is the ISO week {_days(monday)}: type a day of it, such as its "
                f"Monday, {monday.isoformat()}"
            )
        return (
            f"{text!r} is the ISO week {_days(monday)}: write date = {monday.isoformat()} and "
            f"end_date = {(monday + timedelta(days=6)).isoformat()}, and keep the week in "
            "display_date"
        )
    found = _WEEK_OF.fullmatch(body.strip())
    if found is None:
        return None
    when = read_day(found["date"])
    if when.precision != Precision.DAY or when.year < 1:
        return None
    day = date(when.year, when.month, when.day)
    # The week of a Sunday starts on it, as a week is counted where Sunday comes first;
    # of any other day, the Monday-to-Sunday week that holds it.
    first = day if day.weekday() == 6 else day - timedelta(days=day.weekday())
    said = (
        f"{text!r} names a week, which the tool does not count (a week may start on "
        "Sunday, and the week of a Wednesday holds days before it): "
    )
    if not in_file:
        return f"{said}type a day of it, such as {day.isoformat()}, the day it names"
    return (
        f"{said}write the days you mean as date and end_date, such as {first.isoformat()} "
        f"and {(first + timedelta(days=6)).isoformat()} ({_days(first)}), and keep the "
        "words in display_date"
    )


def _days(first: date) -> str:
    """ "Monday 16 to Sunday 22 July 2018": the seven days from `first`, naming both
    months (and years) when they differ."""
    last = first + timedelta(days=6)
    start = f"{WEEKDAYS[first.weekday()]} {first.day}"
    if (first.year, first.month) != (last.year, last.month):
        start += f" {MONTHS[first.month - 1]}"
        if first.year != last.year:
            start += f" {first.year}"
    return f"{start} to {WEEKDAYS[last.weekday()]} {last.day} {MONTHS[last.month - 1]} {last.year}"

"""The proleptic Gregorian calendar for any year, BCE included.

Python's `date` holds the years 1 to 9999; TimelineJS files go far beyond (BCE years,
Knight Lab's cosmological template). These functions work for every year and use
`date` where it can answer, in C.
"""

from __future__ import annotations

from datetime import date

from timeline.model import Precision, When

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def days_in_month(year: int, month: int) -> int:
    """The days in a month of the proleptic Gregorian calendar, for any year.

    Years before 1 follow the same rule (year 0 and -4 are leap years, -100 is not),
    and so do years after 9999, which `calendar` cannot be trusted with.
    """
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def weekday_of(when: When) -> str:
    """The weekday's name, or "" when the day is unknown or outside the years 1 to 9999."""
    if when.precision < Precision.DAY or not in_calendar(when.year):
        return ""
    return WEEKDAYS[date(when.year, when.month, when.day).weekday()]


def in_calendar(year: int) -> bool:
    """Whether Python's `date` can hold the year (TimelineJS files may go beyond it)."""
    return 1 <= year <= 9999


def ordinal(when: When) -> int | None:
    """`date.toordinal()` of the date's first day, or None outside the years 1 to 9999."""
    if not in_calendar(when.year):
        return None
    return date(when.year, when.month, when.day).toordinal()


def approximate_day(when: When) -> float:
    """A number that orders dates and measures distance roughly, for "nearest" searches."""
    return when.year * 372.0 + (when.month - 1) * 31.0 + (when.day - 1)


#: A moment as a comparable tuple: (year, month, day, hour, minute, second).
Moment = tuple[int, int, int, int, int, int]


def first_moment(when: When) -> Moment:
    """The first moment of the period a date names ("July 2018" starts on 1 July)."""
    precision = when.precision
    return (
        when.year,
        when.month if precision >= Precision.MONTH else 1,
        when.day if precision >= Precision.DAY else 1,
        when.hour if precision >= Precision.HOUR else 0,
        when.minute if precision >= Precision.MINUTE else 0,
        when.second if precision >= Precision.SECOND else 0,
    )


def last_moment(when: When) -> Moment:
    """The last moment of the period a date names ("July 2018" ends on 31 July, 23:59:59).

    Day 31 stands for the last day of every month: no real day comes after it in its
    month or before it in the next, which is all a comparison needs.
    """
    precision = when.precision
    return (
        when.year,
        when.month if precision >= Precision.MONTH else 12,
        when.day if precision >= Precision.DAY else 31,
        when.hour if precision >= Precision.HOUR else 23,
        when.minute if precision >= Precision.MINUTE else 59,
        when.second if precision >= Precision.SECOND else 59,
    )

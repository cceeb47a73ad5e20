"""The proleptic Gregorian calendar for any year, BCE included.

Python's `date` holds the years 1 to 9999; TimelineJS files go far beyond (BCE years,
Knight Lab's cosmological template). These functions work for every year and use
`date` where it can answer, in C.
"""

from __future__ import annotations

from datetime import date
from typing import cast

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
#: Each month's number by its English name, whole or cut to three letters, in lower case
#: ("july", "jul"; "sept" too), as the date readers take them.
MONTH_NUMBERS: dict[str, int] = {}
for _number, _name in enumerate(MONTHS, 1):
    MONTH_NUMBERS[_name.lower()] = _number
    MONTH_NUMBERS[_name[:3].lower()] = _number
MONTH_NUMBERS["sept"] = 9


#: The largest year either side of year 0 a timeline may hold. Knight Lab's cosmology
#: template starts 13,800,000,000 years ago; a hundred billion leaves room for any
#: story and keeps day numbers (about 366 a year) far inside a 64-bit integer, which
#: the overview's arrays need. Every reader refuses years beyond it.
MAX_YEAR = 100_000_000_000


def years_apart(earlier: int, later: int) -> int:
    """Whole years from one year to another as readers count them: no year 0.

    Years are numbered as written (-1 is 1 BCE, 1 is 1 CE), so from 1 BCE to 1 CE is
    one year, not two.
    """
    gap = later - earlier
    if earlier < 0 < later:
        gap -= 1
    elif later < 0 < earlier:
        gap += 1
    return gap


def astronomical(year: int) -> int:
    """The astronomical number of a year numbered as written: 1 BCE (-1) is 0, 2 BCE is
    -1, and CE years keep theirs. `day_number` and `civil_from_day` count this way."""
    return year + 1 if year < 0 else year


def as_written(year: int) -> int:
    """A year numbered as written (no year 0) from its astronomical number: 0 is 1 BCE."""
    return year - 1 if year < 1 else year


def days_in_month(year: int, month: int) -> int:
    """The days in a month of the proleptic Gregorian calendar, for any year numbered
    as written (-1 is 1 BCE).

    Years before 1 follow the same rule, counted astronomically: 1 BCE (astronomical
    0) and 5 BCE are leap years, 4 BCE is not (the rule was applied to the year as
    written: "29 February 1 BCE" was refused and 4 BCE's accepted). Years after 9999
    too, which `calendar` cannot be trusted with.
    """
    if month == 2:
        year = astronomical(year)
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


#: A moment's month, day, hour, minute and second at their first and at their last:
#: what a date's period fills in below its precision.
_FIRSTS, _LASTS = (1, 1, 0, 0, 0), (12, 31, 23, 59, 59)


def first_moment(when: When) -> Moment:
    """The first moment of the period a date names ("July 2018" starts on 1 July)."""
    # Sliced (a date's first fields are year, month, day, hour, minute, second): 0.4 µs
    # against 1.6 µs comparing the precision field by field, once per event and era
    # in a printout (`query/eras.py`).
    known = when.precision + 1
    return cast(Moment, when[:known] + _FIRSTS[known - 1 :])


def last_moment(when: When) -> Moment:
    """The last moment of the period a date names ("July 2018" ends on 31 July, 23:59:59).

    Day 31 stands for the last day of every month: no real day comes after it in its
    month or before it in the next, which is all a comparison needs.
    """
    known = when.precision + 1
    return cast(Moment, when[:known] + _LASTS[known - 1 :])


def moment_before(moment: Moment) -> Moment:
    """The second before a moment (real days: never the day-31 stand-in)."""
    year, month, day, hour, minute, second = moment
    if second:
        return (year, month, day, hour, minute, second - 1)
    if minute:
        return (year, month, day, hour, minute - 1, 59)
    if hour:
        return (year, month, day, hour - 1, 59, 59)
    if day > 1:
        return (year, month, min(day - 1, days_in_month(year, month)), 23, 59, 59)
    if month > 1:
        return (year, month - 1, days_in_month(year, month - 1), 23, 59, 59)
    year = year - 1 if year != 1 else -1  # no year 0
    return (year, 12, 31, 23, 59, 59)


def moment_after(moment: Moment) -> Moment:
    """The second after a moment; day 31 in a shorter month stands for its last day."""
    year, month, day, hour, minute, second = moment
    if second < 59:
        return (year, month, day, hour, minute, second + 1)
    if minute < 59:
        return (year, month, day, hour, minute + 1, 0)
    if hour < 23:
        return (year, month, day, hour + 1, 0, 0)
    if day < days_in_month(year, month):
        return (year, month, day + 1, 0, 0, 0)
    if month < 12:
        return (year, month + 1, 1, 0, 0, 0)
    year = year + 1 if year != -1 else 1  # no year 0
    return (year, 1, 1, 0, 0, 0)


# `date.toordinal()` of 1970-01-01: the civil-date algorithms below count from there.
_UNIX_ORDINAL = 719_163


def day_number(year: int, month: int = 1, day: int = 1) -> int:
    """The proleptic Gregorian day number, equal to `date(...).toordinal()`.

    Unlike `date`, it works for years before 1, counting astronomically: year 0 is
    the year before 1, so -1 is 2 BCE. A year as a timeline writes it (-500 is 500 BCE,
    with no year 0) goes through `astronomical` first, or the days of a year 0 that
    no calendar has lie between 1 BCE and 1 CE.

    Args:
        year: Any year, astronomical.
        month: 1-12.
        day: 1-31.

    Returns:
        1 for 1 January of the year 1, smaller numbers before it.
    """
    if 1 <= year <= 9999:
        try:
            return date(year, month, day).toordinal()  # the common case, in C
        except ValueError:
            pass  # an impossible day: the arithmetic below rolls it into the next month
    # Howard Hinnant's days_from_civil, valid for every year.
    y = year - (month <= 2)
    era = y // 400
    year_of_era = y - era * 400
    day_of_year = (153 * ((month + 9) % 12) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146_097 + day_of_era - 719_468 + _UNIX_ORDINAL


def civil_from_day(number: int) -> tuple[int, int, int]:
    """The (year, month, day) of a `day_number`, for any year.

    Args:
        number: A day number as `day_number` gives it.

    Returns:
        Year (astronomical: 0 is 1 BCE; `as_written` numbers it as a timeline does),
        month 1-12, day 1-31.
    """
    # Howard Hinnant's civil_from_days.
    z = number - _UNIX_ORDINAL + 719_468
    era = z // 146_097
    day_of_era = z - era * 146_097
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36_524 - day_of_era // 146_096
    ) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * shifted + 2) // 5 + 1
    month = shifted + 3 if shifted < 10 else shifted - 9
    return year_of_era + era * 400 + (month <= 2), month, day

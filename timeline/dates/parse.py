"""Reading absolute dates: ISO at any precision on the fast path, written dates after.

ISO input goes through `date.fromisoformat` and friends; python-dateutil's parser
is about 200 times slower, so it only sees what ISO cannot read.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timezone, tzinfo

from timeline.dates.calendar import days_in_month
from timeline.dates.errors import DateError
from timeline.dates.relative import parse_relative
from timeline.dates.zones import ABBREVIATIONS
from timeline.model import Precision, Qualifier, When
from timeline.problems import describe

VALID_FORMS = (
    "an ISO date such as 2018, 2018-07, 2018-07-19 or 2018-07-19T14:05, a written date "
    'such as "July 8, 2018", a TOML date, or with relative_to set, "Monday", '
    '"3 days before", "before" or "after"'
)


_ISO_BCE_DAY = re.compile(r"(-\d{1,6})-(\d{1,2})-(\d{1,2})")
_ISO_PARTIAL = re.compile(r"(-?\d{4,6}|-\d{1,3}|\d{1,3}(?!-))(?:-(\d{1,2}))?")
_ISO_HOUR = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2})")
_QUALIFIER = re.compile(
    r"(?i)^\s*(circa|ca\.?|c\.|about|around|approximately|approx\.?|~|before|after|by)\s*(.*)$"
)


def parse_date(value: object, tz: tzinfo | None = None, *, dayfirst: bool = False) -> When:
    """Read an absolute date from a TOML value.

    Args:
        value: A TOML date, date-time, integer year, or string.
        tz: The timeline's zone: local times are taken to be in it, and times with an
            offset are shown in it.
        dayfirst: Read "16/7/2018" as 16 July.

    Returns:
        The date at the precision written.

    Raises:
        DateError: The value is not a date, or is a relative date (see `parse_relative`).
    """
    if isinstance(value, datetime):
        precision = Precision.SECOND if value.second or value.microsecond else Precision.MINUTE
        return _from_datetime(value, tz, value.isoformat(), precision)
    if isinstance(value, date):
        return When(value.year, value.month, value.day, written=value.isoformat())
    if isinstance(value, bool) or not isinstance(value, int | str):
        if isinstance(value, time):
            raise DateError(f"found a time of day ({value.isoformat()}) without a date")
        raise DateError(f"found {describe(value)}; expected {VALID_FORMS}")
    if isinstance(value, int):
        return When(value, precision=Precision.YEAR, written=str(value))
    text = value.strip()
    if not text:
        raise DateError(f"is empty; expected {VALID_FORMS}")
    when = _parse_iso(text, tz)
    if when is not None:
        return when._replace(written=value)
    match = _QUALIFIER.match(text)
    if match and match.group(2):
        word = match.group(1).lower().rstrip(".")
        qualifier = {"before": Qualifier.BEFORE, "by": Qualifier.BEFORE}.get(word)
        if word == "after":
            qualifier = Qualifier.AFTER
        inner = parse_date(match.group(2), tz, dayfirst=dayfirst)
        qualifier = qualifier or Qualifier.CIRCA
        order = {Qualifier.BEFORE: (-1,), Qualifier.AFTER: (1,)}.get(qualifier, ())
        return inner._replace(qualifier=qualifier, written=value, order=order)
    if parse_relative(text) is not None:
        raise DateError(
            f'{text!r} is relative to another event; add relative_to = "<event id>" '
            "naming the event it is counted from"
        )
    return _parse_human(text, tz, dayfirst=dayfirst)._replace(written=value)


def _parse_iso(text: str, tz: tzinfo | None) -> When | None:
    """The fast path: ISO 8601 at any precision, or None when the text is not ISO."""
    if len(text) == 10 and text[4] == "-":
        try:
            d = date.fromisoformat(text)
        except ValueError:
            pass
        else:
            return When(d.year, d.month, d.day)
    match = _ISO_BCE_DAY.fullmatch(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        if not 1 <= month <= 12:
            raise DateError(f"{text!r} has month {month}; months run from 1 to 12")
        last = days_in_month(year, month)
        if not 1 <= day <= last:
            raise DateError(f"{text!r} has day {day}; that month has days 1 to {last}")
        return When(year, month, day)
    match = _ISO_PARTIAL.fullmatch(text)
    if match:
        year = int(match.group(1))
        if match.group(2) is None:
            return When(year, precision=Precision.YEAR)
        month = int(match.group(2))
        if not 1 <= month <= 12:
            raise DateError(f"{text!r} has month {month}; months run from 1 to 12")
        return When(year, month, precision=Precision.MONTH)
    if len(text) >= 13 and text[4] == "-" and text[10] in "T t":
        hour_only = _ISO_HOUR.fullmatch(text)
        try:
            dt = datetime.fromisoformat(text.replace("z", "Z"))
        except ValueError as exc:
            if text[:4].isdigit() and text[5:7].isdigit():
                raise DateError(f"{text!r} is not a valid ISO date-time ({exc})") from None
            return None
        if hour_only:
            precision = Precision.HOUR
        elif text[16:17] == ":":
            precision = Precision.SECOND
        else:
            precision = Precision.MINUTE
        return _from_datetime(dt, tz, text, precision)
    return None


def _from_datetime(dt: datetime, tz: tzinfo | None, written: str, precision: Precision) -> When:
    if dt.tzinfo is None:
        zone = tz
    else:
        if tz is not None:
            try:
                dt = dt.astimezone(tz)
            except (OverflowError, ValueError):
                raise DateError(
                    f"{written!r} falls outside the years 1 to 9999 in the timeline's "
                    "time zone; give a date further from the limits of the calendar"
                ) from None
        zone = dt.tzinfo
        # (ZoneInfo is recognised by its module: importing zoneinfo costs start-up time.)
        if not isinstance(zone, timezone) and type(zone).__module__ != "zoneinfo":
            # rtoml's TzInfo and dateutil's tzoffset/tzlocal: the same fixed offset as a
            # plain `timezone`, so both TOML parsers give equal values and names show.
            offset = dt.utcoffset()
            zone = None if offset is None else timezone(offset) if offset else UTC
    return When(
        dt.year,
        dt.month,
        dt.day,
        dt.hour,
        dt.minute,
        dt.second,
        precision=precision,
        tz=zone,
        written=written,
    )


_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2001, 2, 2, 1, 1, 1)


def _parse_human(text: str, tz: tzinfo | None, *, dayfirst: bool = False) -> When:
    """dateutil for what ISO cannot read; two defaults reveal which parts were written."""
    try:
        from dateutil import parser as dateutil_parser  # slow to import; few files need it

        a = dateutil_parser.parse(
            text, default=_DEFAULT_A, tzinfos=ABBREVIATIONS, dayfirst=dayfirst
        )
        b = dateutil_parser.parse(
            text, default=_DEFAULT_B, tzinfos=ABBREVIATIONS, dayfirst=dayfirst
        )
    except (ValueError, OverflowError):
        raise DateError(f"cannot read {text!r} as a date; expected {VALID_FORMS}") from None
    if a.year != b.year:
        raise DateError(f"{text!r} has no year; write the year, e.g. {text} 2018")
    if a.month != b.month:
        if a.day != b.day:
            return When(a.year, precision=Precision.YEAR)
        raise DateError(f"cannot read {text!r} as a date; expected {VALID_FORMS}")
    if a.day != b.day:
        return When(a.year, a.month, precision=Precision.MONTH)
    if a.hour != b.hour:
        return When(a.year, a.month, a.day)
    if a.minute != b.minute:
        precision = Precision.HOUR
    elif a.second != b.second:
        precision = Precision.MINUTE
    else:
        precision = Precision.SECOND
    return _from_datetime(a, tz, text, precision)


def parse_query(text: str, default_year: int, *, dayfirst: bool = False) -> When:
    """A date typed by a reader ("july 16", "2018-07", "16/7/2018"), to find the nearest event.

    Unlike `parse_date`, a missing year is taken from `default_year` (the year the
    reader is looking at) instead of being an error.
    """
    text = text.strip()
    iso = _parse_iso(text, None) if text else None
    if iso is not None:
        return iso
    year = min(max(default_year, 1), 9999)
    default_a = _DEFAULT_A.replace(year=year)
    default_b = _DEFAULT_B.replace(year=year)
    try:
        from dateutil import parser as dateutil_parser

        a = dateutil_parser.parse(text, default=default_a, dayfirst=dayfirst)
        b = dateutil_parser.parse(text, default=default_b, dayfirst=dayfirst)
    except (ValueError, OverflowError):
        raise DateError(
            f'cannot read {text!r} as a date; try "july 16", "2018-07" or "16 July 2018"'
        ) from None
    if a.month != b.month:
        return When(a.year, precision=Precision.YEAR)
    if a.day != b.day:
        return When(a.year, a.month, precision=Precision.MONTH)
    return When(a.year, a.month, a.day)

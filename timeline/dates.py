"""Everything about dates: parsing at any precision, relative dates, formatting.

ISO input goes through `date.fromisoformat` and friends; python-dateutil's parser
is about 200 times slower, so it only sees what ISO cannot read.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import NamedTuple

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta, weekday

from timeline.model import Precision, Qualifier, When

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

# Common abbreviations a reporter copies from a press release or a tweet; dateutil
# knows only UTC and the machine's own zone without them.
_TZ_ABBREVIATIONS: dict[str, tzinfo] = {
    name: timezone(timedelta(hours=hours), name)
    for name, hours in {
        "UTC": 0,
        "GMT": 0,
        "Z": 0,
        "BST": 1,
        "CET": 1,
        "CEST": 2,
        "EET": 2,
        "EEST": 3,
        "EST": -5,
        "EDT": -4,
        "CST": -6,
        "CDT": -5,
        "MST": -7,
        "MDT": -6,
        "PST": -8,
        "PDT": -7,
        "AKST": -9,
        "AKDT": -8,
        "HST": -10,
        "IST": 5.5,
        "JST": 9,
    }.items()
}

VALID_FORMS = (
    "an ISO date such as 2018, 2018-07, 2018-07-19 or 2018-07-19T14:05, a written date "
    'such as "July 8, 2018", a TOML date, or with relative_to set, "Monday", '
    '"3 days before", "before" or "after"'
)


class DateError(ValueError):
    """A date that cannot be read; the message says what was found and what is valid."""


class Relative(NamedTuple):
    """A date written relative to another event, waiting for its anchor to be resolved.

    Attributes:
        written: The text as written ("Monday", "3 days before").
        weekday: 0-6 for weekday forms, else None.
        direction: -1 for before, +1 for after.
        inclusive: Whether the anchor's own day counts ("Monday" on a Monday).
        delta: The offset for "3 days before"-style forms.
        unit: Precision of the offset's unit.
        bound: True for plain "before" / "after": only the order is known.
        circa: The event says `circa = true`: the resolved date is approximate.
    """

    written: str
    weekday: int | None = None
    direction: int = -1
    inclusive: bool = False
    delta: relativedelta | None = None
    unit: Precision = Precision.DAY
    bound: bool = False
    circa: bool = False


# A year alone may have 1 to 6 digits ("44" is the year 44, not 2044); with a month
# a positive year needs 4 digits, so "7-4" is left to dateutil.
# Years before 1 (BCE) at day precision: datetime cannot hold them and dateutil
# silently drops the minus sign, so they are read here.
_ISO_BCE_DAY = re.compile(r"(-\d{1,6})-(\d{1,2})-(\d{1,2})")
_ISO_PARTIAL = re.compile(r"(-?\d{4,6}|-\d{1,3}|\d{1,3}(?!-))(?:-(\d{1,2}))?")
_ISO_HOUR = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2})")
_QUALIFIER = re.compile(
    r"(?i)^\s*(circa|ca\.?|c\.|about|around|approximately|approx\.?|~|before|after|by)\s*(.*)$"
)
_WEEKDAY_RE = re.compile(
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
_OFFSET_RE = re.compile(
    r"(?i)^(\d+|" + "|".join(_NUMBER_WORDS) + r")\s+(day|week|month|year)s?\s+"
    r"(before|after|earlier|later)$"
)
_THE_DAY_RE = re.compile(
    r"(?i)^(?:the\s+)?(?:(day|week|month|year)\s+(before|after)|"
    r"(next|previous|following)\s+(day|week|month|year)|(same)\s+day)$"
)
_UNIT_PRECISION = {
    "day": Precision.DAY,
    "week": Precision.DAY,
    "month": Precision.MONTH,
    "year": Precision.YEAR,
}
_WEEKDAY_PREFIX = {name[:3].lower(): i for i, name in enumerate(WEEKDAYS)}


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


def parse_relative(text: str) -> Relative | None:
    """Recognise a relative form ("Monday", "next Friday", "3 days before", "before").

    Returns:
        The parsed form, or None when the text is not relative.
    """
    text = " ".join(text.split())
    lowered = text.lower()
    if lowered in ("before", "after", "shortly before", "shortly after"):
        return Relative(text, direction=-1 if lowered.endswith("before") else 1, bound=True)
    match = _WEEKDAY_RE.match(text)
    if match:
        modifier, day, side = (g.lower() if g else "" for g in match.groups())
        index = _WEEKDAY_PREFIX[day[:3]]
        if modifier.endswith(("next", "following")) or side == "after":
            return Relative(text, weekday=index, direction=1)
        if modifier.endswith(("last", "previous")) or side == "before":
            return Relative(text, weekday=index, direction=-1)
        return Relative(text, weekday=index, direction=-1, inclusive=True)
    match = _OFFSET_RE.match(text)
    if match:
        amount_text, unit, side = match.groups()
        amount = int(amount_text) if amount_text.isdigit() else _NUMBER_WORDS[amount_text.lower()]
        return _offset(text, amount, unit.lower(), side.lower())
    match = _THE_DAY_RE.match(text)
    if match:
        unit_a, side_a, side_b, unit_b, same = match.groups()
        if same:
            return _offset(text, 0, "day", "after")
        unit = (unit_a or unit_b).lower()
        side = (side_a or side_b).lower()
        return _offset(
            text, 1, unit, "after" if side in ("after", "next", "following") else "before"
        )
    return None


def _offset(text: str, amount: int, unit: str, side: str) -> Relative:
    direction = 1 if side in ("after", "later") else -1
    n = amount * direction
    delta = {
        "day": relativedelta(days=n),
        "week": relativedelta(weeks=n),
        "month": relativedelta(months=n),
        "year": relativedelta(years=n),
    }[unit]
    return Relative(text, direction=direction, delta=delta, unit=_UNIT_PRECISION[unit])


def resolve(relative: Relative, anchor: When, anchor_id: str) -> When:
    """Resolve a relative date against its anchor's resolved date.

    Raises:
        DateError: The anchor is too vague for the form (a weekday needs a known day).
    """
    if relative.bound:
        qualifier = Qualifier.BEFORE if relative.direction < 0 else Qualifier.AFTER
        return anchor._replace(
            qualifier=qualifier,
            written=relative.written,
            anchor=anchor_id,
            rule=qualifier.value,
            order=(*anchor.order, relative.direction),
        )
    needed = Precision.DAY if relative.weekday is not None else relative.unit
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
        wd: weekday = (MO, TU, WE, TH, FR, SA, SU)[relative.weekday]
        if relative.inclusive:
            target = start + relativedelta(weekday=wd(-1))
            rule = f"the {day_name} on or before"
        elif relative.direction < 0:
            target = start + relativedelta(days=-1, weekday=wd(-1))
            rule = f"the {day_name} before"
        else:
            target = start + relativedelta(days=1, weekday=wd(+1))
            rule = f"the {day_name} after"
        precision = Precision.DAY
    else:
        assert relative.delta is not None
        target = start + relative.delta
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
            text, default=_DEFAULT_A, tzinfos=_TZ_ABBREVIATIONS, dayfirst=dayfirst
        )
        b = dateutil_parser.parse(
            text, default=_DEFAULT_B, tzinfos=_TZ_ABBREVIATIONS, dayfirst=dayfirst
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


def describe(value: object) -> str:
    """Name a TOML value's type the way the TOML spec does, with the value when short."""
    names = {
        bool: "boolean",
        int: "integer",
        float: "float",
        str: "string",
        list: "array",
        dict: "table",
        datetime: "date-time",
        date: "date",
        time: "time",
    }
    name = names.get(type(value), type(value).__name__)
    if isinstance(value, dict | list):
        return f"a {name}" if name != "array" else "an array"
    shown = repr(value) if isinstance(value, str) else str(value).lower()
    if len(shown) > 40:
        shown = shown[:37] + "..."
    article = "an" if name[0] in "aeiou" else "a"
    return f"{article} {name} ({shown})"


# ---------------------------------------------------------------------- formatting


def format_year(year: int) -> str:
    """A year as readers write it: "2018", "500 BCE".

    TimelineJS's convention, not astronomical numbering: -500 is 500 BCE.
    """
    return str(year) if year >= 0 else f"{-year} BCE"


def days_in_month(year: int, month: int) -> int:
    """The days in a month of the proleptic Gregorian calendar, for any year.

    Years before 1 follow the same rule (year 0 and -4 are leap years, -100 is not),
    and so do years after 9999, which `calendar` cannot be trusted with.
    """
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _in_calendar(year: int) -> bool:
    """Whether Python's `date` can hold the year (TimelineJS files may go beyond it)."""
    return 1 <= year <= 9999


def weekday_of(when: When) -> str:
    """The weekday's name, or "" when the day is unknown or outside the years 1 to 9999."""
    if when.precision < Precision.DAY or not _in_calendar(when.year):
        return ""
    return WEEKDAYS[date(when.year, when.month, when.day).weekday()]


def _clock(when: When) -> str:
    if when.precision < Precision.HOUR:
        return ""
    if when.precision is Precision.SECOND:
        clock = f"{when.hour:02d}:{when.minute:02d}:{when.second:02d}"
    else:
        clock = f"{when.hour:02d}:{when.minute:02d}"
    zone = _zone_name(when)
    return f"{clock} {zone}" if zone else clock


def _zone_name(when: When) -> str:
    if when.tz is None or not _in_calendar(when.year):
        return ""
    moment = datetime(when.year, when.month, when.day, when.hour, when.minute, tzinfo=when.tz)
    name = moment.tzname() or ""
    if name.startswith("UTC") and len(name) > 3:
        return name  # "UTC-05:00" from a bare offset
    return name


_QUALIFIER_WORD = {
    Qualifier.EXACT: "",
    Qualifier.CIRCA: "circa ",
    Qualifier.BEFORE: "before ",
    Qualifier.AFTER: "after ",
}


def format_long(when: When) -> str:
    """Full form for the detail pane: "Monday 16 July 2018", "July 2018", "circa 2018"."""
    if when.precision is Precision.YEAR:
        core = format_year(when.year)
    elif when.precision is Precision.MONTH:
        core = f"{MONTHS[when.month - 1]} {format_year(when.year)}"
    else:
        day = f"{when.day} {MONTHS[when.month - 1]} {format_year(when.year)}"
        name = weekday_of(when)
        core = f"{name} {day}" if name else day
        clock = _clock(when)
        if clock:
            core = f"{core}, {clock}"
    return _QUALIFIER_WORD[when.qualifier] + core


def format_medium(when: When) -> str:
    """Compact with the year: "16 Jul 2018", "Jul 2018", "before 16 Jul 2018"."""
    if when.precision is Precision.YEAR:
        core = format_year(when.year)
    elif when.precision is Precision.MONTH:
        core = f"{MONTHS[when.month - 1][:3]} {format_year(when.year)}"
    else:
        core = f"{when.day} {MONTHS[when.month - 1][:3]} {format_year(when.year)}"
        clock = _clock(when)
        if clock:
            core = f"{core} {clock}"
    return _QUALIFIER_WORD[when.qualifier] + core


def format_short(when: When) -> str:
    """For the rail, under year and month headings: "Mon 16", "Jul 2018", "2018"."""
    if when.precision is Precision.YEAR:
        return format_year(when.year)
    if when.precision is Precision.MONTH:
        return f"{MONTHS[when.month - 1][:3]} {format_year(when.year)}"
    name = weekday_of(when)[:3]
    core = f"{name} {when.day:>2}" if name else f"{when.day:>2} {MONTHS[when.month - 1][:3]}"
    if when.precision >= Precision.HOUR:
        core = f"{core} {when.hour:02d}:{when.minute:02d}"
    return core


def format_range(start: When, end: When | None) -> str:
    """ "16–19 Jul 2018", "Jul–Aug 2018", or the start alone."""
    if end is None:
        return format_medium(start)
    if (
        start.precision is end.precision is Precision.DAY
        and start.qualifier is end.qualifier is Qualifier.EXACT
        and (start.year, start.month) == (end.year, end.month)
    ):
        return f"{start.day}–{format_medium(end)}"
    return f"{format_medium(start)} – {format_medium(end)}"


def format_iso(when: When) -> str:
    """ISO 8601 at the date's precision: "2018", "2018-07", "2018-07-16T14:05-05:00"."""
    year = f"{when.year:04d}" if when.year >= 0 else f"-{-when.year:04d}"
    if when.precision is Precision.YEAR:
        return year
    text = f"{year}-{when.month:02d}"
    if when.precision is Precision.MONTH:
        return text
    text = f"{text}-{when.day:02d}"
    if when.precision is Precision.DAY:
        return text
    text = f"{text}T{when.hour:02d}"
    if when.precision >= Precision.MINUTE:
        text = f"{text}:{when.minute:02d}"
    if when.precision is Precision.SECOND:
        text = f"{text}:{when.second:02d}"
    if when.tz is not None and _in_calendar(when.year):
        offset = datetime(when.year, when.month, when.day, when.hour, tzinfo=when.tz).utcoffset()
        if offset is not None:
            minutes = int(offset.total_seconds() // 60)
            sign = "+" if minutes >= 0 else "-"
            text += f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return text


def _days(when: When) -> int | None:
    if not _in_calendar(when.year):
        return None
    return date(when.year, when.month, when.day).toordinal()


_BOUNDS = (Qualifier.BEFORE, Qualifier.AFTER)


def has_gap(earlier: When, later: When) -> bool:
    """Whether `format_gap` has something to say, without building the sentence.

    The rail asks this for every pair of neighbours when it lays out its rows, so it
    must be cheap; a property test keeps it in step with `format_gap`.
    """
    if earlier is later or earlier.qualifier in _BOUNDS or later.qualifier in _BOUNDS:
        return False
    precision = min(earlier.precision, later.precision)
    if precision is Precision.YEAR:
        return later.year > earlier.year
    if precision is Precision.MONTH:
        return (later.year, later.month) > (earlier.year, earlier.month)
    if not (_in_calendar(earlier.year) and _in_calendar(later.year)):
        return False
    return (later.year, later.month, later.day) > (earlier.year, earlier.month, earlier.day)


def format_gap(earlier: When, later: When) -> str:
    """The quiet line between two events: "3 days later", "2 months later", or ""."""
    if Qualifier.BEFORE in (earlier.qualifier, later.qualifier):
        return ""
    if Qualifier.AFTER in (earlier.qualifier, later.qualifier):
        return ""
    precision = min(earlier.precision, later.precision)
    if precision is Precision.YEAR:
        years = later.year - earlier.year
        return _plural(years, "year") if years > 0 else ""
    if precision is Precision.MONTH:
        months = (later.year - earlier.year) * 12 + later.month - earlier.month
        if months <= 0:
            return ""
        return _plural(months // 12, "year") if months >= 24 else _plural(months, "month")
    a, b = _days(earlier), _days(later)
    if a is None or b is None or b <= a:
        return ""
    days = b - a
    if days == 1:
        return "next day"
    if days < 14:
        return _plural(days, "day")
    if days < 61:
        return _plural(days // 7, "week")
    if days < 730:
        return _plural(round(days / 30.44), "month")
    return _plural(round(days / 365.25), "year")


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}{'s' if n != 1 else ''} later"


def approximate_day(when: When) -> float:
    """A number that orders dates and measures distance roughly, for "nearest" searches."""
    return when.year * 372.0 + (when.month - 1) * 31.0 + (when.day - 1)


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

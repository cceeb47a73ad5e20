"""ISO 8601 dates at any precision: the loader's fast path.

ISO input goes through `date.fromisoformat` and friends; python-dateutil's parser
is about 200 times slower, so it only sees what ISO cannot read. The loader reads up
to 100,000 dates a file: keep the common case (a day, "2018-07-16") first and cheap,
and put every extra check on the paths that are already slow or failing
(benchmarks/dates_bench.py measures it).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

from timeline.dates.bce import era_form, iso_numbered, numbering_note
from timeline.dates.calendar import MAX_YEAR, days_in_month
from timeline.dates.errors import DateError
from timeline.dates.patterns import on_first_use
from timeline.model import Precision, When

# Years: BCE ones with 1 to 6 digits, CE ones with 4 to 6 ("7-4-18" is left to the
# written forms), so "44" alone is the year 44 and "-44-03-15" is 15 March 44 BCE.
_ISO_DAY = re.compile(r"(-\d{1,6}|\d{4,6})-(\d{1,2})-(\d{1,2})")
_ISO_PARTIAL = re.compile(r"(-?\d{4,6}|-\d{1,3}|\d{1,3}(?!-))(?:-(\d{1,2}))?")
_ISO_HOUR = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2})")
# The offset that ends an ISO date-time ("+05:30", "-0700", "+05").
_ISO_OFFSET = re.compile(
    r"[+-](?P<hours>\d{2})(?::?(?P<minutes>\d{2}))?(?::?(?P<seconds>\d{2})(?:\.\d+)?)?$"
)
# What an ISO date-time is made of: text with other letters ("2018-07-16 to ...") is
# left to the other forms rather than called a bad ISO date-time.
_ISO_CHARACTERS = re.compile(r"[\dTtZz:+\-., ]+")

# A year and two digits past 12: perhaps years written short ("1850-60").
_SHORT_YEARS = on_first_use(r"(\d{4})-(\d{2})")

#: EDTF's season numbers (21 spring ... 24 winter; 25-41 add hemispheres and quarters).
_SEASONS = range(21, 42)


def parse_iso(text: str, tz: tzinfo | None, notes: list[str] | None = None) -> When | None:
    """ISO 8601 at any precision, or None when the text is not ISO; what a time in the
    timeline's zone `tz` leaves to say (see `from_datetime`) goes to `notes`.

    Raises:
        DateError: The text is ISO but names no real date ("2018-13", "2018-02-30").
    """
    if len(text) == 10 and text[4] == "-":
        try:
            d = date.fromisoformat(text)
        except ValueError:
            pass
        else:
            return When(d.year, d.month, d.day)
    match = _ISO_DAY.fullmatch(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        check_day(text, year, month, day)
        when = When(year, month, day)
        if year < 0 and notes is not None and iso_numbered(match.group(1)):
            notes.append(numbering_note(text, when))  # "-0043-03-15": 44 BCE to ISO
        return when
    match = _ISO_PARTIAL.fullmatch(text)
    if match:
        year = int(match.group(1))
        if year == 0:
            raise DateError(no_year_zero(text))
        if match.group(2) is None:
            if year > LAST_PLAIN_YEAR:
                far_year(year, notes)  # "201807": perhaps July 2018 in one number
            when = When(year, precision=Precision.YEAR)
        else:
            month = int(match.group(2))
            check_month(text, year, month)
            when = When(year, month, precision=Precision.MONTH)
        if year < 0 and notes is not None and iso_numbered(match.group(1)):
            notes.append(numbering_note(text, when))  # "-0043": 44 BCE to ISO
        return when
    if len(text) >= 13 and text[4] == "-" and text[10] in "T t":
        if "." in text or "," in text:  # (rare: not on the way of a plain time)
            _check_fraction(text)
        hour_only = _ISO_HOUR.fullmatch(text)
        try:
            dt = datetime.fromisoformat(text.replace("z", "Z"))
        except ValueError as exc:
            if (
                text[:4].isdigit()
                and text[5:7].isdigit()
                and _ISO_CHARACTERS.fullmatch(text)
                and " - " not in text  # a span of times: the range reader says
            ):
                raise DateError(
                    _offset_problem(text)
                    # ISO's year 0000, which Python does not have ("year 0 is out of range")
                    or (no_year_zero(text) if text[:4] == "0000" else _not_iso(text, exc))
                ) from None
            return None
        if dt.tzinfo is not None:
            # Python reads "-12:61" as -13:01 and "+14:59" whole: a typo would move
            # the time silently (found trying dates as a new user).
            refused = _offset_problem(text) or (
                None
                if _plainly_kept(text, dt)
                else _attached_problem(text, dt) or _unkept_problem(text, dt)
            )
            if refused:
                raise DateError(refused)
        if hour_only:
            precision = Precision.HOUR
        elif text[16:17] == ":":
            precision = Precision.SECOND
        else:
            precision = Precision.MINUTE
        return from_datetime(dt, tz, text, precision, notes)
    if text[:1] == "-":
        _refuse_bce_time(text)
    if text[-1:] in "Zz" or "+" in text[4:] or text[-6:-5] == "-":
        _refuse_zoned_date(text)
    return None


# A date with a zone and no time ("2019-12-31Z", "2019-12-31-05:00"), as XML Schema's
# dates are written: a day with any offset (one west as -HH:MM, as "-19" or "-1900"
# after a day may be a day or an hour), a month or a year with Z.
_ZONED_DATE = on_first_use(
    r"(?P<day>-?\d{4,6}-\d{2}-\d{2})(?P<offset>[Zz]|\+\d{2}(?::?\d{2})?|-\d{2}:\d{2})"
    r"|(?P<coarse>-?\d{4,6}(?:-\d{2})?)(?P<z>[Zz])"
)


def _refuse_zoned_date(text: str) -> None:
    """Refuse a date with a zone and no time, saying what it is and what to write: it
    was "cannot read ... as a date" with every form listed, though the date is plain."""
    found = _ZONED_DATE().fullmatch(text)
    if found is None:
        return
    written, zone = found["day"] or found["coarse"], (found["offset"] or found["z"]).upper()
    when = parse_iso(written, None)  # (an impossible day is said as in every form)
    if when is None:
        return
    digits = zone[1:].replace(":", "")
    named = "Z, UTC" if zone == "Z" else f"UTC{zone[0]}{digits[:2]}:{digits[2:] or '00'}"
    day = era_form(when) if when.year < 0 else written
    timed = f", or a time with its zone, such as {written}T00:00{zone}" if found["day"] else ""
    raise DateError(
        f"{text!r} is a date with a zone ({named}), as XML Schema writes one; a date has no "
        f"zone, only a time has one: write {day}{timed if when.year > 0 else ''}"
    )


# A day before the common era with a time ("-0044-03-15T12:30", as `format_iso` writes
# a TimelineJS slide's BCE hour).
_BCE_TIME = on_first_use(r"(-\d{1,6})-(\d{1,2})-(\d{1,2})[Tt ]\d")


def _refuse_bce_time(text: str) -> None:
    """Refuse a time of day on a date before the common era, which no form reads:
    dateutil dropped the minus, so "-0044-03-15T12:30" was 15 March 44 CE, 12:30, with
    nothing said (and "-44-03-15T12:30" a year written with two digits, "is it 2044?")."""
    found = _BCE_TIME().match(text)
    if found is None:
        return
    year, month, day = (int(part) for part in found.groups())
    check_day(text, year, month, day)
    read = era_form(When(year, month, day))
    iso = (
        f" (or {era_form(When(year - 1, month, day))}, if the year is ISO 8601's, which "
        "counts a year 0)"
        if iso_numbered(found.group(1))
        else ""
    )
    raise DateError(
        f"{text!r} gives a time of day on a date before the common era, which no form of "
        f"date reads: write the day, {read}{iso}, and keep the time in display_date"
    )


_PART_FRACTION = on_first_use(r"(\d{2})(?::?(\d{2}))?[.,](\d+)")


def _check_fraction(text: str) -> None:
    """Refuse a fraction of an hour or a minute ("15.30", "15,30", "15:30.5"): Python
    reads it, and the seconds' rule dropped it as "fractions of a second", so 15.30 (a
    European 15:30) stood at 15:00 with a misleading note."""
    found = _PART_FRACTION().match(text, 11)
    if found is None:
        return
    hour, minute, fraction = found.groups()
    if minute is None and text[13] == "." and len(fraction) == 2:
        raise DateError(
            f"{text!r} writes the time with a dot; write it with a colon, "
            f"{text[:10]}T{hour}:{fraction}"
        )
    unit = "an hour" if minute is None else "a minute"
    raise DateError(
        fraction_refusal(text, unit, text[found.end(2) if minute else 13 : found.end()])
    )


def fraction_refusal(text: str, unit: str, written: str) -> str:
    """What is said of a time with a fraction of an hour or a minute (`unit`, "an
    hour"), written as `written`, in any form of date."""
    return (
        f"{text!r} has a fraction of {unit} ({written}), which the timeline does not hold: "
        "write the time as hours, minutes and seconds"
    )


def _not_iso(text: str, exc: ValueError) -> str:
    """What is said of a date-time that looks ISO and is not: Python's reason where it
    names one ("hour must be in 0..23"); its "Invalid isoformat string" says nothing a
    writer can act on, so the form is said instead."""
    reason = str(exc)
    if text[10:16] in ("T24:00", " 24:00", "t24:00"):
        return (
            f"{text!r} is not a valid ISO date-time: 24:00 is the end of the day; write "
            "00:00 of the next day"
        )
    if reason.startswith("Invalid isoformat string"):
        return (
            f"{text!r} is not a valid ISO date-time: write the time with two-digit hours "
            "and minutes, such as 2018-07-19T09:05, and any offset after it, such as "
            "2018-07-19T09:05-05:00; for a span of times, write its ends as date and end_date"
        )
    return f"{text!r} is not a valid ISO date-time ({reason})"


#: The last year an integer is read as without a word: later ones are far in the
#: future, and most often a date or a timestamp written as one number.
LAST_PLAIN_YEAR = 9999


def far_year(value: int, notes: list[str] | None) -> None:
    """Refuse a year after 9999 written without a sign (an integer, or 5 or 6 digits)
    that reads as a compact date (20180717, "201807") or a Unix time (1532000000), and
    note any other: each was read as that year, the 20,180,717th, with nothing said
    (found trying dates as a new user)."""
    as_year = f'or for the year {value:,}, write "Y{value}"'
    found = compact_date(value)
    if found is not None:
        kind, said = found
        if kind == "time":
            raise DateError(f"{value} may be {said}; write the date and time, {as_year}")
        # A month is written as a string: TOML's dates are days.
        written = f"a TOML date, {said}" if len(said) == 10 else f'"{said}"'
        raise DateError(
            f"{value} may be the date {said} written as one number; write it as {written}, "
            f"{as_year}"
        )
    if notes is not None:
        notes.append(
            f"{value} was read as the year {value:,}; if it is not a year, write the date "
            f'itself, or write "Y{value}" to say it is one'
        )


def compact_date(value: int) -> tuple[str, str] | None:
    """What a year after 9999 may be instead: ("date", "2018-07-17") for 20180717 (or
    "2018-07" for 201807), ("time", "a Unix time (seconds since 1970), 2018-07-19T11:33:20Z")
    for 1532000000; None when neither."""
    digits = str(value)
    if len(digits) in (6, 8):
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:] or 1)
        if 1 <= month <= 12 and 1 <= day <= days_in_month(year, month):
            return "date", f"{digits[:4]}-{digits[4:6]}" + (f"-{digits[6:]}" if digits[6:] else "")
    for scale, unit in ((1, "seconds"), (1000, "milliseconds")):
        if 10**9 <= value // scale < 2**31:
            moment = datetime.fromtimestamp(value // scale, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            return "time", f"a Unix time ({unit} since 1970), {moment}"
    return None


def offset_problem(
    text: str, offset: str, hours: int, minutes: int, seconds: int = 0
) -> str | None:
    """What is wrong with an offset from UTC written as `offset` (its hours, minutes
    and seconds read), or None: zones lie from UTC-12:00 to UTC+14:00, and an hour has
    60 minutes. Shared by every form that writes an offset."""
    if minutes > 59:
        return f"{text!r} has the offset {offset}, of {minutes} minutes; minutes run to 59"
    if seconds > 59:
        return f"{text!r} has the offset {offset}, of {seconds} seconds; seconds run to 59"
    if (hours * 60 + minutes) * 60 + seconds > 14 * 3600:
        return f"{text!r} has the offset {offset}; offsets run to 14 hours"
    return None


def _offset_problem(text: str) -> str | None:
    """`offset_problem` of the offset ending an ISO date-time, if it has one."""
    match = _ISO_OFFSET.search(text)
    if match is None:
        return None
    hours, minutes, seconds = (int(match[part] or 0) for part in ("hours", "minutes", "seconds"))
    return offset_problem(text, match.group(), hours, minutes, seconds)


#: The last year a place kept an offset from UTC with seconds: such an offset is a
#: local mean time, kept before standard time (Halifax's -04:14:24 until 1902), and
#: Liberia's -00:44:30, the last, ended in January 1972.
LAST_SECONDS_OFFSET_YEAR = 1972
#: The last year a place kept an offset that is not a whole number of quarter hours:
#: Kiritimati's -10:40, until October 1979 (Niue's -11:20 had ended in 1964). Every
#: offset since is one (tzdata): +05:30, +05:45 (Nepal), +08:45 (Eucla), +12:45
#: (Chatham), -09:30 (the Marquesas), from -12:00 to +14:00.
LAST_UNEVEN_OFFSET_YEAR = 1979
#: The last year a place kept an offset west of UTC-12:00: Manila's and Guam's local
#: mean times, on the far side of the date line until the end of 1844.
LAST_FAR_WEST_YEAR = 1844
_QUARTER_HOUR = 15 * 60
_FAR_WEST = -12 * 3600


#: Why no place kept an offset: what it is, the last year one was kept, why, and how
#: to write it instead (`unkept_offset`).
Unkept = tuple[str, int, str, str]


def unkept_offset(year: int, delta: timedelta) -> Unkept | None:
    """Why no place kept an offset on a date of `year`: what it is ("with seconds"), the
    last year one was kept, why, and how to write it instead; None when some place may
    have. Such an offset is most likely a typo or a time of a span, and was read as an
    offset with nothing said ("2018-07-19T12:00-04:14" at UTC-04:14)."""
    total = int(delta.total_seconds())
    if total % 60:
        if year <= LAST_SECONDS_OFFSET_YEAR:
            return None
        return (
            "with seconds",
            LAST_SECONDS_OFFSET_YEAR,
            "an offset with seconds is a local mean time, kept before standard time",
            "in hours and minutes, as the source gives it",
        )
    if total % _QUARTER_HOUR and year > LAST_UNEVEN_OFFSET_YEAR:
        return (
            "that is not a whole number of quarter hours",
            LAST_UNEVEN_OFFSET_YEAR,
            "Kiritimati's -10:40 was the last; offsets since are such as -04:00, +05:30 and +05:45",
            "as the source gives it",
        )
    if total < _FAR_WEST and year > LAST_FAR_WEST_YEAR:
        return (
            "west of -12:00",
            LAST_FAR_WEST_YEAR,
            "offsets run from -12:00 to +14:00",
            "as the source gives it",
        )
    return None


def unkept_offset_problem(text: str, offset: str, year: int, delta: timedelta) -> str | None:
    """What is wrong with an offset (`delta`, written as `offset`) on a date of `year`
    that no place kept then, or None (see `unkept_offset`). The tool writes and reads an
    offset with seconds for a time before standard time ("1900-01-01T12:00-04:14:24"),
    and one of minutes such as Kiritimati's -10:40 before 1979. Shared by every form
    that writes an offset."""
    unkept = unkept_offset(year, delta)
    if unkept is None:
        return None
    kind, since, why, how = unkept
    return (
        f"{text!r} has the offset {offset}: no place has kept an offset {kind} since {since} "
        f"({why}); write the offset {how}"
    )


def unkept_or_times(text: str, end: str, unkept: Unkept, times: str) -> str:
    """What is said of a time with a minus and `end` joined to it, which would be an
    offset no place kept then (`unkept`): the times it may be instead, and what to
    write for them (`times`, "09:00 to 11:14, write the span, ...")."""
    kind, since, why, how = unkept
    return (
        f"{text!r} ends with -{end}, which would be an offset from UTC {kind}: no place has "
        f"kept one since {since} ({why}). For a time at an offset, write the offset {how}; "
        f"for the times {times}"
    )


def _plainly_kept(text: str, dt: datetime) -> bool:
    """Whether an ISO date-time's offset passes `_attached_problem` and `_unkept_problem`
    at a glance: written after a T, a whole number of quarter hours, not west of -12:00.
    Nearly every zoned date is; this runs for each of them (a million in a large file),
    and the two checks built their words first: 5.5 us a zoned date, 3.9 with this first."""
    offset = dt.utcoffset()
    total = 0 if offset is None else int(offset.total_seconds())
    return text[10:11] in "Tt" and not total % _QUARTER_HOUR and total >= _FAR_WEST


def _unkept_problem(text: str, dt: datetime) -> str | None:
    """`unkept_offset_problem` of an ISO date-time's offset."""
    offset = dt.utcoffset()
    if offset is None:
        return None
    return unkept_offset_problem(text, offset_text(offset), dt.year, offset)


# A date-time whose time has another joined to it by a minus ("2018-07-19 09:00-11:00"):
# to ISO an offset, to most readers the times 09:00 to 11:00.
_CLOCKS = on_first_use(
    r"(?P<day>\d{4}-\d{2}-\d{2})(?P<apart>[Tt ])(?P<start>\d{2}:\d{2}(?::\d{2})?)"
    r"-(?P<end>\d{2}:\d{2}(?::\d{2})?)"
)


def _attached_problem(text: str, dt: datetime) -> str | None:
    """Why an ISO date-time whose offset is joined to its time by a minus is refused,
    or None. Two readings are refused rather than taken as an offset: an offset no
    place kept on that date (one with seconds after 1972: "2018-07-19 12:00-04:14:24"
    was 12:00 at UTC-04:14:24; see `unkept_offset`), and, with a space for the T and no
    seconds, any offset west of UTC, which reads as the end of a span of times too
    ("2018-07-19 09:00-11:00" was 09:00 at UTC-11:00, where a writer most likely meant
    09:00 to 11:00; "23:00-01:00" may run into the next day). Each says what to write
    for either meaning."""
    offset = dt.utcoffset()
    if offset is None or offset >= timedelta(0):
        return None
    unkept = unkept_offset(dt.year, offset)
    spaced = text[10:11] == " "
    if not (spaced or unkept):
        return None  # the commonest: "2018-07-19T09:00-05:00", ISO's own offset
    match = _CLOCKS().fullmatch(text)
    if match is None:
        return None  # (`_unkept_problem` says what is wrong with the offset)
    day, start, end = match["day"], match["start"], match["end"]
    later = end > start
    span = f"{day}T{start}/{day if later else _next_day(day)}T{end}"
    if unkept:
        return unkept_or_times(text, end, unkept, f"{start} to {end}, write the span, {span}")
    if spaced and len(start) == len(end) == 5:
        # Either way round: "09:00-05:00" may be nine to five, "23:00-01:00" a night
        # into the next day. (With seconds, "09:00:00-05:00", it is what Python's
        # `str` writes of a date-time with its offset: read as one.)
        return (
            f"{text!r} could be {start} at the offset UTC-{end} or the times {start} to "
            f"{end}; for the offset, write a T for the space ({day}T{start}-{end}), or for "
            f"the times, write the span, {span}"
        )
    return None


def _next_day(day: str) -> str:
    """The ISO day after `day` ("2018-07-20" for "2018-07-19")."""
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def check_month(text: str, year: int, month: int) -> None:
    """Refuse a month outside 1-12, saying what an EDTF season number would need."""
    if 1 <= month <= 12:
        return
    if month in _SEASONS and f"-{month}" in text:
        from timeline.dates.seasons import division_advice  # (on failure only)

        raise DateError(f"{text!r} has {month}, {division_advice(month, year)}")
    raise DateError(bad_month(text, month))


def bad_month(text: str, month: int) -> str:
    """What is said of a month outside 1-12 (an EDTF season number aside), and of
    "1850-60", the years 1850 to 1860 written short, how to write them."""
    said = f"{text!r} has month {month}; months run from 1 to 12"
    years = _SHORT_YEARS().fullmatch(text.strip())
    if years:
        start = int(years.group(1))
        end = start - start % 100 + month
        if end > start:
            said += f"; for the years {start} to {end}, write {start}/{end}"
    return said


def check_day(text: str, year: int, month: int, day: int) -> None:
    """Refuse an impossible day with the same message whatever form it was written in."""
    if year == 0:
        raise DateError(no_year_zero(text))
    if abs(year) > MAX_YEAR:
        raise DateError(year_out_of_range(text))
    check_month(text, year, month)
    last = days_in_month(year, month)
    if not 1 <= day <= last:
        raise DateError(f"{text!r} has day {day}; that month has days 1 to {last}")


def no_year_zero(text: str) -> str:
    said = (
        f"{text!r} is the year 0, which the calendar does not have: 1 BCE (-1) is "
        "followed by 1 CE (1)"
    )
    bare = text.strip().lstrip("-")
    if bare.startswith("0000"):
        # ISO 8601's form: its numbering (and EDTF's) counts a year 0, which is 1 BCE.
        said += "; ISO 8601 and EDTF count a year 0000, which is 1 BCE"
        advice = _year_zero_advice(bare[4:])
        if advice:
            said += f": write {advice}"
    return said


# What follows ISO's year 0000 when it holds a time ("-07-04T10:00").
_TIMED_REST = on_first_use(r"-(\d{2})-(\d{2})[Tt ]\d")


def _year_zero_advice(rest: str) -> str | None:
    """What to write for ISO's year 0000 followed by `rest`: "1 BCE" for the year alone,
    ISO's form counted from 1 BCE ("-1-07-04") for a month or a day, and for a day with
    a time the day in the era's form, as no form reads a time before the common era
    ("-1-07-04T10:00" would be refused in its turn). None when what would be advised
    does not read either (a month 13, a 30 February)."""
    if not rest:
        return "1 BCE"
    found = _TIMED_REST().match(rest)
    if found is not None:
        month, day = int(found.group(1)), int(found.group(2))
        if not 1 <= month <= 12 or not 1 <= day <= days_in_month(-1, month):
            return None
        return f"the day, {era_form(When(-1, month, day))}, and keep the time in display_date"
    try:
        read = parse_iso(f"-1{rest}", None)
    except DateError:
        return None
    return f"-1{rest}" if read is not None else None


def year_out_of_range(text: str) -> str:
    return f"{text!r} is beyond the years a timeline can hold, -{MAX_YEAR:,} to {MAX_YEAR:,}"


def from_datetime(
    dt: datetime,
    tz: tzinfo | None,
    written: str,
    precision: Precision,
    notes: list[str] | None = None,
) -> When:
    """The date of a `datetime`, with its zone as the timeline shows it.

    A time without an offset is a wall-clock time in the timeline's zone: one the
    clocks skipped there is refused, and one they showed twice is read as the first,
    with a note added to `notes` (when given) saying so, as for a written zone. A
    fraction of a second is left out, with a note.

    Raises:
        DateError: The time never happened in the timeline's zone, or falls outside
            the calendar once shown in it.
    """
    if dt.microsecond and notes is not None:
        # A date holds whole seconds: the fraction is left out, and said to be.
        notes.append(
            f"{written!r} is kept to the second ({dt.hour:02d}:{dt.minute:02d}:"
            f"{dt.second:02d}): fractions of a second are left out; write the time without "
            "one to say so"
        )
    if dt.tzinfo is None:
        zone = tz
        # Only a time in the hour the clocks skipped or showed twice has two offsets;
        # the rest (all but an hour a year) have the same offset a day either side, a
        # quicker look than making the time's other fold (a large file's dates).
        if tz is not None and _near_a_change(dt, tz):
            said = check_clock(dt, tz, getattr(tz, "key", None) or str(tz), written)
            if notes is not None:
                notes.extend(said)
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
            # dateutil's tzoffset/tzlocal (and any other parser's offset class): the same
            # fixed offset as a plain `timezone`, so equal values and names show.
            offset = dt.utcoffset()
            zone = None if offset is None else timezone(offset) if offset else UTC
        elif dt.fold:
            # The second time the clocks showed this wall-clock time (they went back
            # that night): the zone alone reads as the first, an hour off, so the
            # instant keeps the offset it had there, under the zone's name for it.
            offset, name = dt.utcoffset(), dt.tzname()
            assert offset is not None
            zone = timezone(offset) if name is None else timezone(offset, name)
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


_DAY = timedelta(days=1)


def _near_a_change(local: datetime, zone: tzinfo) -> bool:
    """Whether the zone's clocks change within a day of a wall-clock time."""
    try:
        return zone.utcoffset(local - _DAY) != zone.utcoffset(local + _DAY)
    except OverflowError:  # the first or last day of the calendar: look closely
        return True


def check_clock(local: datetime, zone: tzinfo, written: str, text: str) -> list[str]:
    """Refuse a time the clocks skipped; note one they showed twice."""
    first = local.replace(tzinfo=zone, fold=0)
    second = local.replace(tzinfo=zone, fold=1)
    offset_a, offset_b = first.utcoffset(), second.utcoffset()
    if offset_a == offset_b:
        return []
    # A time the clocks skipped does not come back from UTC as written; one they
    # showed twice does, from either offset.
    again = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if again != local:
        # The offsets on either side of the change, as the time may have been written
        # by either clock (it was always "such as -05:00", New York's, wherever it was).
        raise DateError(
            f"{text!r} is a time the clocks in {written} skipped (they moved forward); "
            f"check the source, or write the offset it was given in: {_offset_of(first)} "
            f"or {_offset_of(second)}"
        )
    return [
        f"{text!r} happened twice in {written} (the clocks went back); read as the first, "
        f"{first.tzname()} ({utc_offset(offset_a)}); write the offset to say which"
    ]


def _offset_of(moment: datetime) -> str:
    """ "-05:00 (EST)": a moment's offset as written after a time, and its zone's name."""
    offset = utc_offset(moment.utcoffset()).removeprefix("UTC") or "+00:00"
    name = moment.tzname()
    return f"{offset} ({name})" if name and not name.startswith(("+", "-")) else offset


def utc_offset(delta: timedelta | None) -> str:
    """An offset as people write it: "UTC-05:00" (see `offset_text`)."""
    return "UTC" if delta is None else f"UTC{offset_text(delta)}"


def offset_text(delta: timedelta) -> str:
    """An offset as ISO writes it after a time: "-05:00", "+05:30", and with its seconds
    when it has them: a zone's offset before it kept standard time, such as Halifax's
    "-04:14:24" in 1900. (Counted in minutes, that was floored to "-04:15", another
    instant, which no reader could take back.)"""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{sign}{hours:02d}:{minutes:02d}"
    return f"{text}:{seconds:02d}" if seconds else text


def aware(when: When) -> datetime | None:
    """A time with a zone as an aware datetime; None for anything else (a day, a time
    in no zone, a year datetime cannot hold)."""
    if when.tz is None or when.precision < Precision.HOUR or not 1 <= when.year <= 9999:
        return None
    return datetime(
        when.year, when.month, when.day, when.hour, when.minute, when.second, tzinfo=when.tz
    )


def in_utc(when: When) -> When:
    """A time with a zone as the same moment in UTC (23:30 in Paris and 14:30 in Los
    Angeles are one moment, 23:30 in each two): what comparing times of different zones
    needs. Anything else, and a time the calendar cannot hold in UTC (its first or last
    hours), is given back as it is."""
    moment = aware(when)
    if moment is None:
        return when
    try:
        at = moment.astimezone(UTC)
    except OverflowError:
        return when
    return when._replace(
        year=at.year,
        month=at.month,
        day=at.day,
        hour=at.hour,
        minute=at.minute,
        second=at.second,
        tz=UTC,
    )

"""One date as people write it: "July 8, 2018", "Monday 16 July 2018, 2:05 pm PT".

python-dateutil reads the words, and is made strict around them. It guesses freely
when left alone (a weekday moves the date, "44" becomes 2044, an unknown zone is
dropped with a Python warning), so this module takes out what it would guess about and
reads it exactly here: the era (BCE, AD), dotted day-first dates, weekday names (checked
against the date, never used to move it), two-digit years (refused) and zones
(`zones.ABBREVIATIONS`). What is read by a convention rather than exactly comes back
as a note saying how to write it instead.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime, timedelta, timezone, tzinfo
from typing import NamedTuple

from timeline.dates.calendar import (
    MAX_YEAR,
    MONTH_NUMBERS,
    MONTHS,
    WEEKDAYS,
    days_in_month,
    weekday_of,
)
from timeline.dates.errors import VALID_FORMS, DateError, UnreadDate, WrongWeekday
from timeline.dates.iso import (
    Unkept,
    bad_month,
    check_clock,
    check_day,
    from_datetime,
    no_year_zero,
    offset_problem,
    offset_text,
    unkept_offset,
    unkept_offset_problem,
    unkept_or_times,
    utc_offset,
    year_out_of_range,
)
from timeline.dates.patterns import on_first_use
from timeline.dates.show import format_iso
from timeline.dates.zones import ABBREVIATIONS, ACCEPTED, abbreviation_error, zone_named
from timeline.model import Precision, When


class Point(NamedTuple):
    """One date read from text, and what a reader must be told about how."""

    when: When
    notes: tuple[str, ...] = ()


_ERA = on_first_use(
    r"(?<![A-Za-z])(B\.?\s?C\.?(?:\s?E\.?)?|C\.?\s?E\.?|A\.?\s?D\.?)(?![A-Za-z])", re.I
)
# A year with an era may group its thousands with commas ("10,000 BCE").
_ERA_YEAR = r"(?P<year>\d{1,3}(?:,\d{3})+|\d{1,12})"
_ERA_DATE = (
    on_first_use(_ERA_YEAR),
    on_first_use(rf"(?P<month>[A-Za-z]+)\.?,?\s+{_ERA_YEAR}"),
    on_first_use(rf"(?P<day>\d{{1,2}})\s+(?P<month>[A-Za-z]+)\.?,?\s+{_ERA_YEAR}"),
    on_first_use(rf"(?P<month>[A-Za-z]+)\.?\s+(?P<day>\d{{1,2}}),?\s+{_ERA_YEAR}"),
)
_DOTTED = on_first_use(r"(\d{1,2})\.(\d{1,2})\.(\d+)(?![\d.])(.*)", re.S)
# Day, month and year in numbers: dateutil reads them month-first whatever separates them
# ("04-07-2018", "04 07 2018" as "04/07/2018"), so each is said as the slashed form is.
_NUMBERED = on_first_use(r"(\d{1,2})\s*[/\s-]\s*(\d{1,2})\s*[/\s-]\s*(\d+)\b")
# The same with a comma among them: dateutil reads "04,07,2018" as April 2018 and
# "4, 7, 2018" as 7 April, so they are refused (a comma says neither order).
_COMMA_NUMBERED = on_first_use(r"\d{1,4}\s*[,/\s-]\s*\d{1,2}\s*[,/\s-]\s*\d+\b")
_WEEKDAY = on_first_use(
    r"(?<![A-Za-z])(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
    r"(?:day|sday|nesday|rsday|urday)?(?![A-Za-z])\.?,?",
    re.I,
)
_WEEKDAY_INDEX = {name[:3].lower(): i for i, name in enumerate(WEEKDAYS)}
# A zone at the end: an abbreviation, an IANA name, or an offset from UTC or GMT
# (read as ISO reads offsets: UTC+2 is two hours ahead, unlike dateutil's POSIX rule),
# or a bare offset: one with seconds ("-04:14:24", which dateutil does not read) is
# taken here, one without them ("-07:00") left to dateutil (`_take_zone`).
_ZONE = on_first_use(
    r"\s+(?:(?P<offset>(?P<utc>(?:UTC|GMT)\s*)?(?P<sign>[+-])(?(utc)\s*)(?P<hours>\d{1,2})"
    r"(?::?(?P<minutes>\d{2})(?::?(?P<seconds>\d{2}))?)?)"
    r"|(?P<name>[A-Za-z]+(?:/[A-Za-z0-9_+-]+)+)"
    r"|(?P<abbr>[A-Za-z]{1,5}))\s*$"
)
_NUMBERS = on_first_use(r"\d+")
_WORDS = on_first_use(r"[A-Za-z]+")
# What `_unwritten_part` refuses: a day with an ordinal ending or a comma before the
# year but no month, eight digits, a year of two digits after an apostrophe.
_ORDINAL_DAY = on_first_use(r"(?<![\w])(\d{1,2}(?:st|nd|rd|th))(?!\w)", re.I)
_DAY_COMMA_YEAR = on_first_use(r"\s*(\d{1,2}),\s*\d{3,}\s*")
_EIGHT_DIGITS = on_first_use(r"\s*\d{8}\s*")
_SHORT_YEAR = on_first_use(r"['’]\d{2}(?!\d)")
# A date written in numbers, its year first ("2018/07/05", "2018 7 5").
_YEAR_FIRST = on_first_use(r"\s*\d{3,4}\s*[/.\s-]\s*\d{1,2}\s*[/.\s-]\s*\d{1,2}(?!\d)")
# A date ending with an offset alone, and a time of day (what an offset needs).
_LONE_OFFSET = on_first_use(r"(?P<date>.*?\S)\s+(?P<offset>[+-](?:0?\d|1[0-4])(?::?[0-5]\d)?)\s*$")
# A numeric offset ending a date and time ("+0000", "-07:00").
_END_OFFSET = on_first_use(r"(?P<sign>[+-])(?P<hours>\d{2}):?(?P<minutes>\d{2})\s*$")
_CLOCK = on_first_use(r"\d\s*:\s*\d|\d\s*[ap]\.?\s*m\b|\bnoon\b|\bmidnight\b", re.I)
# A day, month and year at the start of a date dateutil refused, to say what was wrong
# when it is a day the month does not have (see `impossible_day`). The year has three or
# four digits: with two, dateutil would choose the century.
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_NAMED_MONTH = r"(?P<month>[A-Za-z]+)\.?"
_YEAR = r"(?P<year>\d{3,4})(?![\d:])"
_APART = r"(?:\s*[,/-]\s*|\s+)"
_NUMBER_APART = r"\s*[/\s-]\s*"
_PARTS = (
    on_first_use(rf"{_DAY}(?:\s+of)?{_APART}{_NAMED_MONTH}{_APART}{_YEAR}"),
    on_first_use(rf"{_NAMED_MONTH}{_APART}{_DAY},?{_APART}{_YEAR}"),
    on_first_use(rf"{_YEAR}{_APART}{_NAMED_MONTH}{_APART}{_DAY}(?!\d)"),
    # In numbers, either may be the day: which is the month is worked out from them.
    on_first_use(rf"(?P<a>\d{{1,2}}){_NUMBER_APART}(?P<b>\d{{1,2}}){_NUMBER_APART}{_YEAR}"),
    on_first_use(
        rf"{_YEAR}{_NUMBER_APART}(?P<a>\d{{1,2}}){_NUMBER_APART}(?P<b>\d{{1,2}})(?![\d:])"
    ),
    # A month and year in numbers ("7/2018", "2018/7"): the only number is the month.
    on_first_use(r"(?P<month>\d{1,2})\s*/\s*(?P<year>\d{3,4})"),
    on_first_use(r"(?P<year>\d{3,4})\s*/\s*(?P<month>\d{1,2})(?![\d:])"),
)
# A zone's letters with a signed number ("EST-5", "Z+2"): dateutil counts it as POSIX
# zone rules do (EST-5 is UTC+05:00), the other way from ISO and most writers.
_JOINED_OFFSET = on_first_use(
    r"(?<![A-Za-z])(?P<letters>[A-Z]{1,5}|z)\s*"
    r"(?P<offset>(?P<sign>[+-])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?)(?![\d:])"
)
# A time with a minus joined to it ("9:00-11:00", "9-10:30", "9am-11am"): an offset,
# or the end of a span? (The start may have no minutes; either may say am or pm.)
# (Not the numbers of a date: "07-17" in "2018-07-17 noon" was taken for the times
# 07 to 17.)
_ATTACHED_MINUS = on_first_use(
    r"(?<![\d:./-])(\d{1,2}(?::\d{2}(?::\d{2})?)?(?:\s*[ap]\.?m\.?)?)-(\d{1,2}(?::?\d{2}(?::\d{2})?)?)"
    r"(?![\d/-])(\s*[ap]\.?m\.?)?",
    re.I,
)
# A month's name and two digits joined as a sheet joins them ("Jul-18", "Jul/18"): a day,
# or a year in two digits? ("July 18" is a day as people write it.)
_MONTH_TWO_DIGITS = on_first_use(r"\s*(?P<month>[A-Za-z]{3,9})\.?\s*[-/]\s*(?P<digits>\d{2})\s*")
# A word of capitals: perhaps a zone's abbreviation, written before the date.
_CAPITALS = on_first_use(r"\b[A-Z]{2,5}\b")
# A number of four or six digits standing alone (not in a time, an offset or "T1405"):
# after a whole date dateutil reads it as HHMM or HHMMSS, so "July 4 2018 2018" is 20:18.
_BARE_CLOCK = on_first_use(r"(?<![\w:.+-])(\d{4}|\d{6})(?![\w:.]|\s*(?:[ap]\.?m|h)\b)", re.I)

_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2001, 2, 2, 1, 1, 1)


def read_written(text: str, tz: tzinfo | None, *, dayfirst: bool = False) -> Point:
    """Read one written date exactly, or say why not.

    Args:
        text: The date, stripped, without a qualifier word or a range.
        tz: The timeline's zone (local times are in it; other zones are shown in it).
        dayfirst: Read "5/7/2018" as 5 July (the reader said so: no note).

    Raises:
        DateError: The text is not one date, or contradicts itself.
    """
    notes: list[str] = []
    if ".." in text and text.strip() != "..":  # ".." alone: the spans' refusal says
        raise DateError(_open_end(text, tz))
    body, weekday = take_weekday(text)
    if "." in body or "," in body:
        # dateutil drops what follows a decimal point ("July 4.5 2018" was 4 July).
        from timeline.dates.decimals import decimal_refusal

        refused = decimal_refusal(body, text, lambda whole: read_written(whole, None).when)
        if refused:
            raise DateError(refused)
    if _ERA().search(body):
        when = _read_era(body, text)
        _check_weekday(text, when, weekday)
        return Point(when._replace(written=text))
    body, zone = _take_zone(body, text)
    if zone is not None:
        # One before it ("14:05 UTC+2 PT") would be dropped: neither is taken.
        _, other = _take_zone(body, text)
        if other is not None:
            raise _two_zones(text, other.written, zone)
    _check_joined_offset(body, text)
    commas = _COMMA_NUMBERED().match(body)
    if commas and "," in commas.group():
        raise DateError(
            f"{text!r} writes the date in numbers with commas between them, which could be "
            "read either way round; write it as ISO (year-month-day) or with the month's name"
        )
    dotted = _DOTTED().fullmatch(body)
    if dotted:
        body, note = _undot(dotted, text)
        if note:
            notes.append(note)
    else:
        numbered = _NUMBERED().match(body)
        if numbered:
            notes.extend(_slash_note(numbered, text, dayfirst))
    refused = _unwritten_part(body, text)
    if refused:
        raise DateError(refused)
    when = _with_dateutil(body, text, tz if zone is None else None, dayfirst, notes, weekday)
    if zone is not None:
        if when.precision < Precision.HOUR:
            raise DateError(
                f"{text!r} gives the zone {zone.written} but no time of day; a zone only "
                "places a time: add the time, or leave the zone out"
            )
        if when.tz is not None:  # an offset dateutil read before it ("14:05 -07:00 PT")
            raise _two_zones(text, utc_offset(when.tz.utcoffset(None)), zone)
        when, more = _in_zone(when, zone, tz, text)
        notes.extend(more)
    return Point(when._replace(written=text), tuple(notes))


_OPEN_END = on_first_use(r"\s*(?:\.\.\s*/?\s*(?P<end>[^.].*?)|(?P<start>.*?[^.])\s*/?\s*\.\.)\s*")


def _open_end(text: str, tz: tzinfo | None) -> str:
    """Why ".." in a written date is refused, with the ISO form to write. dateutil drops
    it: "July 2018/.." (a span still going on) was read as July 2018 alone, and
    "../July 2018" too, the bound lost (found trying open ends as a new user)."""
    found = _OPEN_END().fullmatch(text)
    if found:
        side = found["start"] if found["start"] is not None else found["end"]
        try:
            iso = format_iso(read_written(side.strip(), tz).when)
        except DateError:
            iso = ""
        if iso:
            written = f"{iso}/.." if found["start"] is not None else f"../{iso}"
            return (
                f"{text!r} has an open {'end' if found['start'] is not None else 'start'} "
                f"(..), which is read with ISO dates only: write {written}"
            )
    return (
        f"{text!r} has '..', EDTF's open end, which is read with ISO dates only: write an "
        "open end as 2018-07/.. or ../2018-07, a range as 2018-07/2018-09"
    )


def _unwritten_part(body: str, text: str) -> str | None:
    """Why a date that leaves out what dateutil would make up is refused, or None.

    dateutil reads "10th, 2018" and "10, 2018" as October 2018 (the day taken for the
    month), "20180708" as a date written without separators, and "'18" as the 18th of
    a month of a year it does not say: none of them is read exactly.
    """
    if _EIGHT_DIGITS().fullmatch(body):
        digits = body.strip()
        return (
            f"{text!r} writes a date without separators; write it as ISO, "
            f"{digits[:4]}-{digits[4:6]}-{digits[6:]}, to say it is one"
        )
    short = _SHORT_YEAR().search(body)
    if short:
        return f"{text!r} writes the year with two digits ({short.group()}); write it in full"
    if any(word.lower() in MONTH_NUMBERS for word in _WORDS().findall(body)):
        return None
    day = _ORDINAL_DAY().search(body) or _DAY_COMMA_YEAR().fullmatch(body)
    if day:
        return (
            f"{text!r} gives the day {day.group(1)} but no month; write the month too, by "
            "name or as ISO (year-month-day)"
        )
    return None


def take_weekday(text: str) -> tuple[str, int | None]:
    """The text without its weekday name, and the weekday (0 Monday) if one is named."""
    found = list(_WEEKDAY().finditer(text))
    if not found:
        return text, None
    if len(found) > 1:
        raise DateError(f"{text!r} names more than one weekday; name at most one")
    match = found[0]
    rest = (text[: match.start()] + " " + text[match.end() :]).strip(" ,")
    return " ".join(rest.split()), _WEEKDAY_INDEX[match.group(1)[:3].lower()]


def _check_weekday(text: str, when: When, weekday: int | None) -> None:
    """A named weekday must be the date's: it is checked, never used to move the date."""
    if weekday is None:
        return
    name = WEEKDAYS[weekday]
    if when.precision < Precision.DAY:
        raise DateError(
            f"{text!r} names a weekday ({name}) but no day of the month; write the day, "
            f"e.g. {name} 16 July 2018"
        )
    actual = weekday_of(when)
    if not actual:
        raise DateError(
            f"{text!r} names a weekday, which cannot be checked outside the years 1 to "
            "9999; leave the weekday out"
        )
    if actual != name:
        raise WrongWeekday(text, name, f"{when.day} {MONTHS[when.month - 1]} {when.year}", actual)


def _read_era(body: str, text: str) -> When:
    """ "44 BCE", "AD 44", "15 March 44 BC": the year is read as written, never widened."""
    markers = list(_ERA().finditer(body))
    if len(markers) > 1:
        raise DateError(f"{text!r} names the era more than once; write it once, e.g. 44 BCE")
    marker = markers[0]
    era = marker.group(1).upper().replace(".", "").replace(" ", "")
    rest = " ".join((body[: marker.start()] + " " + body[marker.end() :]).split())
    bce = era.startswith("B")
    for pattern_of in _ERA_DATE:
        pattern = pattern_of()
        match = pattern.fullmatch(rest)
        if match:
            break
    else:
        raise DateError(
            f"cannot read {text!r}: with an era, write a year, a month and year, or a day, "
            "month and year, such as 44 BCE, March 44 BCE, 15 March 44 BCE or AD 44"
        )
    parts = match.groupdict()
    digits = parts["year"].replace(",", "")
    if len(digits) > len(str(MAX_YEAR)):
        raise DateError(year_out_of_range(text))
    year = int(digits)
    if year == 0:
        raise DateError(no_year_zero(text))
    if year > MAX_YEAR:
        raise DateError(year_out_of_range(text))
    year = -year if bce else year
    if parts.get("month") is None:
        return When(year, precision=Precision.YEAR)
    month = MONTH_NUMBERS.get(parts["month"].lower())
    if month is None:
        raise DateError(f"cannot read {text!r}: {parts['month']!r} is not a month")
    if parts.get("day") is None:
        return When(year, month, precision=Precision.MONTH)
    day = int(parts["day"])
    check_day(text, year, month, day)
    return When(year, month, day)


class _Zone(NamedTuple):
    """A zone written after the time, until the time is known."""

    written: str
    zone: tzinfo
    #: The offset a standard or summer name says ("EST": -5), checked against the zone.
    says: timedelta | None = None
    region: str = ""


_NOT_ZONES = frozenset({"AM", "PM", "A", "P"})


def _take_zone(body: str, text: str) -> tuple[str, _Zone | None]:
    """The text without a trailing zone, and the zone."""
    match = _ZONE().search(body)
    if match is None:
        return body, None
    rest = body[: match.start()]
    if match.group("offset"):
        if match.group("utc") is None and match.group("seconds") is None:
            return body, None  # "-07:00": dateutil reads it (and says what is wrong)
        # With its seconds too ("UTC-04:14:24", Halifax's offset in 1900; "-04:14:24"
        # after the time, as ISO writes it): the tool writes such an offset so, and
        # reads it back as the instant it was.
        hours, minutes, seconds = (
            int(match[part] or 0) for part in ("hours", "minutes", "seconds")
        )
        refused = offset_problem(text, match.group("offset"), hours, minutes, seconds)
        if refused:
            raise DateError(refused)
        sign = -1 if match.group("sign") == "-" else 1
        fixed = timezone(sign * timedelta(hours=hours, minutes=minutes, seconds=seconds))
        return rest, _Zone(match.group("offset"), fixed)
    if match.group("name"):
        name = match.group("name")
        try:
            return rest, _Zone(name, zone_named(name))
        except DateError as exc:
            raise DateError(f"{text!r}: {exc}") from None
    word = match.group("abbr")
    upper = word.upper()
    if not (word.isupper() or upper in ("UTC", "GMT")) or upper in _NOT_ZONES:
        return body, None
    refused = abbreviation_error(upper)
    if refused:
        raise DateError(f"{text!r}: {refused}")
    meaning = ABBREVIATIONS.get(upper)
    if meaning is None:
        return body, None  # dateutil's warning about it becomes the error
    says = None if meaning.offset_hours is None else timedelta(hours=meaning.offset_hours)
    return rest, _Zone(word, zone_named(meaning.zone), says, meaning.region)


def _two_zones(text: str, first: str, zone: _Zone) -> DateError:
    return DateError(
        f"{text!r} gives two zones, {first} and {zone.written}; a time is in one zone: "
        "keep one of them"
    )


def _check_joined_offset(body: str, text: str) -> None:
    """Refuse a zone's letters with a signed number: which way it counts is not certain."""
    for match in _JOINED_OFFSET().finditer(body):
        letters = match.group("letters")
        if letters in _NOT_ZONES or letters.lower() in MONTH_NUMBERS:
            continue  # "9 AM-5", "4-JUL-2018": not a zone
        hours, minutes = int(match.group("hours")), int(match.group("minutes") or 0)
        sign = match.group("sign")
        other = "+" if sign == "-" else "-"
        offset = f"{hours:02d}:{minutes:02d}"
        instead = f"write the offset alone, such as {sign}{offset}"
        if letters.upper() in ABBREVIATIONS:
            instead += f", or the abbreviation alone, such as {letters.upper()}"
        raise DateError(
            f"{text!r} gives the zone {letters} and the offset "
            f"{''.join(match.group('offset').split())}, which may mean UTC{sign}{offset}, or "
            f"UTC{other}{offset} as POSIX zone rules count; {instead}"
        )


def _in_zone(when: When, zone: _Zone, tz: tzinfo | None, text: str) -> tuple[When, list[str]]:
    """The date's wall-clock time placed in the written zone, then shown in the timeline's."""
    local = datetime(when.year, when.month, when.day, when.hour, when.minute, when.second)
    notes = check_clock(local, zone.zone, zone.written, text)
    placed = local.replace(tzinfo=zone.zone)
    offset = placed.utcoffset()
    if offset is not None and isinstance(zone.zone, timezone):
        # "UTC-04:14:24" or "UTC-4:14" in 2018: no place's (was read as it, silently).
        refused = unkept_offset_problem(text, zone.written, when.year, offset)
        if refused:
            raise DateError(refused)
    if zone.says is not None:
        actual = placed.utcoffset()
        if actual != zone.says:
            day = f"{when.day} {MONTHS[when.month - 1]} {when.year}"
            raise DateError(
                f"{text!r} says {zone.written} ({utc_offset(zone.says)}), but {zone.region} "
                f"kept {placed.tzname()} ({utc_offset(actual)}) on {day}; write the generic "
                f"name for the local time there, or the offset {utc_offset(zone.says)[3:]}"
            )
    return from_datetime(placed, tz, text, when.precision), notes


def _undot(match: re.Match[str], text: str) -> tuple[str, str]:
    """A dotted date ("05.07.2018") as ISO, read day-first; a note when that was a choice."""
    day, month, digits = int(match.group(1)), int(match.group(2)), match.group(3)
    if len(digits) < 3:
        raise DateError(
            f"{text!r} writes the year with {len(digits)} digits; write it in full "
            f"(for example {match.group(1)}.{match.group(2)}.20{digits[-2:]:0>2})"
        )
    if len(digits) > 4:
        raise DateError(year_out_of_range(text))
    year = int(digits)
    check_day(text, year, month, day)
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    note = ""
    if day <= 12 and month <= 12 and day != month:
        note = (
            f"{text!r} was read day-first, as {day} {MONTHS[month - 1]} {year}: dotted dates "
            f"are day-first wherever they are used; write {iso} to say so"
        )
    return iso + match.group(4), note


def either_way(first: int, second: int) -> bool:
    """Whether two numbers of a date could each be its month, and the two readings
    differ: "5/7" could be 7 May or 5 July, "13/7" and "7/7" only one date."""
    return 1 <= first <= 12 and 1 <= second <= 12 and first != second


def _slash_note(match: re.Match[str], text: str, dayfirst: bool) -> list[str]:
    """Slashed dates (and hyphenated or spaced ones) are month-first unless the reader
    said otherwise: say so."""
    first, second = int(match.group(1)), int(match.group(2))
    if dayfirst or not either_way(first, second):
        return []
    return [
        f"{text!r} was read month-first, as {second} {MONTHS[first - 1]}: write the date "
        "as ISO (year-month-day) to say which"
    ]


def _with_dateutil(
    body: str,
    text: str,
    tz: tzinfo | None,
    dayfirst: bool,
    notes: list[str],
    weekday: int | None = None,
) -> When:
    """dateutil for the words; two defaults reveal which parts were written. A time
    in the timeline's zone `tz` may leave something to say, in `notes`. A named
    `weekday` is checked against the date as written."""
    unknown_zone = DateError(
        f"{text!r} has a zone the tool does not read; write an offset such as -05:00, "
        f'an IANA name such as "America/Chicago", or one of {ACCEPTED}'
    )
    if dayfirst and _YEAR_FIRST().match(body):
        # Year first, the month follows in every convention: with `--dayfirst`,
        # dateutil read "2018/07/05" as 7 May (noticed fixing date messages).
        dayfirst = False
    lone = _LONE_OFFSET().match(body)
    if lone is not None and not _CLOCK().search(lone["date"]):
        # dateutil reads "Feb 13 2018 -07:00" as 07:00 in no zone: an offset taken for
        # the time of day, silently (found trying the tool as a new user).
        raise DateError(
            f"{text!r} has the offset {lone['offset']} but no time; a zone needs a time, "
            f"such as {lone['date'].strip()} 14:05 {lone['offset']}"
        )
    try:
        from dateutil import parser as dateutil_parser  # slow to import; few files need it
        from dateutil.tz import tzlocal

        with warnings.catch_warnings():
            # An unknown zone is a Python warning in dateutil: made an error here, so
            # its text never reaches the reader.
            warnings.simplefilter("error")
            a = dateutil_parser.parse(body, default=_DEFAULT_A, dayfirst=dayfirst)
            b = dateutil_parser.parse(body, default=_DEFAULT_B, dayfirst=dayfirst)
    except Warning:
        raise (_zone_not_last(body, text) or unknown_zone) from None
    except (ValueError, OverflowError):
        # "9-10:30": the hours 9 to 10:30, most likely; never read as one time.
        raise (
            impossible_day(body, text, dayfirst)
            or _attached_minus(body, text, offset=False)
            or _clock_words(body, text)
            or _week(body, text, tz)
            or UnreadDate(f"cannot read {text!r} as a date; expected {VALID_FORMS}")
        ) from None
    if isinstance(a.tzinfo, tzlocal):
        # dateutil reads an abbreviation it does not know as this machine's zone when
        # that zone has the same name (TZ=Asia/Jakarta makes "WIB" read, TZ=ABC+3 makes
        # "ABC" -03:00): a file would read differently on another machine. It does so
        # for an offset equal to this machine's too: "+0000" (an email's date) was
        # refused on a machine in UTC and read elsewhere. A written offset is taken as
        # written.
        written = _END_OFFSET().search(body)
        if written is None:
            raise unknown_zone
        sign = -1 if written["sign"] == "-" else 1
        fixed = timezone(
            sign * timedelta(hours=int(written["hours"]), minutes=int(written["minutes"]))
        )
        a, b = a.replace(tzinfo=fixed), b.replace(tzinfo=fixed)
    try:
        offset = a.utcoffset()
    except ValueError:  # "A-30": dateutil's zone "A" at -30 hours, which Python refuses
        raise DateError(
            f"{text!r} has an offset of a day or more; offsets run to 14 hours"
        ) from None
    if offset is not None and abs(offset) > timedelta(hours=14):
        # "14:00-17:00" is read by dateutil as 14:00 at the offset -17:00.
        raise DateError(
            f"{text!r} has the offset {utc_offset(offset)}; offsets run to 14 hours (for a "
            "span of times, write its ends as date and end_date)"
        )
    if offset is not None and offset < timedelta(0):
        unkept = unkept_offset(a.year, offset) if a.year == b.year else None
        refused = _attached_minus(body, text, offset=True, unkept=unkept)
        if refused is not None:
            raise refused
    if offset is not None and a.year == b.year:
        # "4 July 2018 14:00 -04:14": no place's offset in 2018 (read as it, silently).
        said = unkept_offset_problem(text, offset_text(offset), a.year, offset)
        if said:
            raise DateError(said)
    if a.year != b.year:
        if a.month != b.month and a.day != b.day:
            raise DateError(f"{text!r} gives no date; write the day, month and year")
        raise _month_and_two_digits(body, text) or DateError(
            f"{text!r} has no year; write the year, e.g. {text} 2018"
        )
    if a.year not in {int(n) for n in _NUMBERS().findall(body)}:
        raise DateError(
            f"{text!r} writes the year with two digits; write it in full (is it {a.year}?)"
        )
    # The weekday is the date's as written, in the zone written: shown in the timeline's
    # zone (or from a written zone into it) the time may fall on another day.
    has_day = a.month == b.month and a.day == b.day
    written_day = When(
        a.year, a.month, a.day, precision=Precision.DAY if has_day else Precision.MONTH
    )
    _check_weekday(text, written_day, weekday)
    if a.month != b.month:
        if a.day != b.day:
            return When(a.year, precision=Precision.YEAR)
        raise UnreadDate(f"cannot read {text!r} as a date; expected {VALID_FORMS}")
    if a.day != b.day:
        return When(a.year, a.month, precision=Precision.MONTH)
    if a.hour != b.hour:
        if a.tzinfo is not None:
            raise DateError(
                f"{text!r} gives a zone but no time of day; a zone only places a time: "
                "add the time, or leave the zone out"
            )
        return When(a.year, a.month, a.day)
    _check_bare_clock(body, text, a)
    from timeline.dates.clock_words import clock_problem

    clock_refused = clock_problem(body, text)
    if clock_refused:
        raise DateError(clock_refused)
    if a.hour in (0, 12) and a.minute == 0:
        from timeline.dates.clock_words import twelve_note

        twelve = twelve_note(body, text)
        if twelve:
            notes.append(twelve)
    if a.minute != b.minute:
        precision = Precision.HOUR
    elif a.second != b.second:
        precision = Precision.MINUTE
    else:
        precision = Precision.SECOND
    return from_datetime(a, tz, text, precision, notes)


def impossible_day(body: str, text: str, dayfirst: bool) -> DateError | None:
    """Why dateutil refused a date, said as for ISO dates, when it names a day its month
    does not have ("30 Feb 2018", "2/30/2018"), or a month that is not one ("13/2018");
    else None.

    Only a date that can be read one way is said to be it: in numbers, one must be a
    month and the other a day no month has ("13/13/2018" is left unsaid). The date
    is then read again with a day and month that exist in their places (13, and 1 for
    a month in numbers), so the reading is dateutil's, time and all, not a guess here.
    """
    for pattern in _PARTS:
        found = pattern().match(body)
        if found is not None:
            break
    else:
        return None
    parts = found.groupdict()
    year = int(parts["year"])
    day: int | None
    # The groups written over in the date read again, with what, and its month then.
    places: dict[str, str]
    if parts.get("a") is not None:
        first, second = int(parts["a"]), int(parts["b"])
        if 1 <= first <= 12 and second > 12:
            month, day, places = first, second, {"a": "1", "b": "13"}
        elif 1 <= second <= 12 and first > 12:
            month, day, places = second, first, {"a": "13", "b": "1"}
        else:
            return None
        probe_month = 1
    elif parts["month"].isdigit():
        month, day, places, probe_month = int(parts["month"]), None, {"month": "1"}, 1
    else:
        named = MONTH_NUMBERS.get(parts["month"].lower())
        if named is None:
            return None
        month, day, places, probe_month = named, int(parts["day"]), {"day": "13"}, named
    if day is None:
        if 1 <= month <= 12:
            return None
        refused = DateError(bad_month(text, month))
    else:
        try:
            check_day(text, year, month, day)
        except DateError as exc:
            refused = exc
        else:
            return None
    probe = body
    for group in sorted(places, key=found.start, reverse=True):
        probe = probe[: found.start(group)] + places[group] + probe[found.end(group) :]
    try:
        from dateutil import parser as dateutil_parser

        with warnings.catch_warnings():
            warnings.simplefilter("error")
            a = dateutil_parser.parse(probe, default=_DEFAULT_A, dayfirst=dayfirst)
            b = dateutil_parser.parse(probe, default=_DEFAULT_B, dayfirst=dayfirst)
    except (ValueError, OverflowError, Warning):
        return None
    if (a.year, a.month) != (year, probe_month) or (b.year, b.month) != (year, probe_month):
        return None
    if day is None:
        return refused if a.day != b.day else None
    return refused if a.day == b.day == 13 else None


def _zone_not_last(body: str, text: str) -> DateError | None:
    """Why a zone the tool reads is refused where it stands ("3pm EDT July 17 2018"):
    a zone is read at the end only. None when the body holds no such zone."""
    for found in _CAPITALS().finditer(body):
        ambiguous = abbreviation_error(found.group())
        if ambiguous is not None:  # "10:41am BST 19 July 2018": which BST, wherever it is
            return DateError(f"{text!r}: {ambiguous}")
        if found.group() in ABBREVIATIONS:
            rest = " ".join((body[: found.start()] + body[found.end() :]).split())
            return DateError(
                f"{text!r} has the zone {found.group()} before the date; a zone is read "
                f"at the end, after the time: write {rest} {found.group()}"
            )
    return None


def _clock_words(body: str, text: str) -> DateError | None:
    """Why a time written in words or an unread form is refused (`clock_words`)."""
    from timeline.dates.clock_words import clock_refusal  # (on failure only)

    refused = clock_refusal(body, text)
    return None if refused is None else DateError(refused)


def _week(body: str, text: str, tz: tzinfo | None) -> DateError | None:
    """Why a week named in the date is refused (`weeks`); None when it names none."""
    from timeline.dates.weeks import week_refusal  # (on failure only)

    try:
        refused = week_refusal(body, text, lambda day: read_written(day, tz).when)
    except DateError as exc:  # the date after "week of" is wrong: said of the whole
        return DateError(f"{text!r}: {exc}")
    return None if refused is None else DateError(refused)


def _attached_minus(
    body: str, text: str, *, offset: bool, unkept: Unkept | None = None
) -> DateError | None:
    """Why a time with a minus joined to it is refused, or None when it has none.

    "9:00-11:00" is an offset to dateutil and ISO, and the hours 9 to 11 to most
    readers: neither is taken without the writer saying which. With `offset` false, or
    an end with am or pm ("9am-11am"), only the span can be meant; with `unkept`, the
    offset is one no place kept on that date (`iso.unkept_offset`), which is said.
    """
    attached = _ATTACHED_MINUS().search(body)
    if attached is None:
        return None
    start, end, meridiem = attached.groups()
    # An end with seconds ("12:00-04:14:24") may be an offset too, which dateutil does
    # not read: it was said to be the times 12:00 to 04:14, its seconds dropped.
    offset = offset or end.count(":") == 2
    if meridiem or not offset:
        return DateError(
            f"cannot read {text!r} as a date; for the times {start} to {end}"
            f"{meridiem or ''}, write its ends as date and end_date"
        )
    if unkept is None and end.count(":") == 2:
        # An offset with seconds, which dateutil does not read, is one no place kept
        # after 1972 (`iso.unkept_offset`): the advice said to write it with a space,
        # and the date, in 2018, then refused what it advised.
        year = _year_without(body, attached.start(2) - 1, attached.end(2))
        unkept = None if year is None else unkept_offset(year, timedelta(seconds=1))
    if unkept is not None:
        times = f"{start} to {end}, write its ends as date and end_date"
        return DateError(unkept_or_times(text, end, unkept, times))
    return DateError(
        f"{text!r} could be {start} at the offset UTC-{end} or the times {start} to {end}; "
        f"for the offset, write a space before it ({start} -{end}), or for a span of times, "
        "give its end as end_date"
    )


def _year_without(body: str, start: int, end: int) -> int | None:
    """The year of a written date read without `body[start:end]` (a time joined to
    another by a minus, "-04:14:24"), or None when it does not read so."""
    from dateutil import parser as dateutil_parser  # (on failure only: slow to import)

    try:
        return dateutil_parser.parse(body[:start] + body[end:], default=_DEFAULT_A).year
    except (ValueError, OverflowError):
        return None


def _month_and_two_digits(body: str, text: str) -> DateError | None:
    """What is said of a month's name and two digits ("Jul-18"), or None: a day with no
    year to dateutil, and as spreadsheets write a month (mmm-yy) July 2018. It was told
    to write "Jul-18 2018", 18 July, where the sheet meant the month."""
    said = month_and_two_digits(body, text)
    return None if said is None else DateError(said)


def month_and_two_digits(body: str, text: str, *, in_file: bool = True) -> str | None:
    """What is said of a month's name and two digits ("Jul-18": 18 July, or July 2018
    as a spreadsheet writes a month), in a file or (`in_file` false) typed at the date
    line or in a filter, where the day was taken with nothing said; None for any
    other text."""
    found = _MONTH_TWO_DIGITS().fullmatch(body)
    if found is None or found["month"].lower() not in MONTH_NUMBERS:
        return None
    number = MONTH_NUMBERS[found["month"].lower()]
    month = MONTHS[number - 1]
    digits = found["digits"]
    if in_file:
        return (
            f"{text!r} could be {month} {int(digits)} with no year, or {month} with its year "
            f"in two digits, as spreadsheets write a month; write the year in full: {month} "
            f"19{digits} or 20{digits} for the month, or the day with its year"
        )
    if not 1 <= int(digits) <= days_in_month(2004, number):  # (2004: a leap year)
        return None  # only a month of a year in two digits, which is said so
    return (
        f"{text!r} could be {int(digits)} {month} or {month} 20{digits} (or 19{digits}), as "
        f"spreadsheets write a month; type {int(digits)} {month} for the day, or {month} "
        f"20{digits} for the month"
    )


def _check_bare_clock(body: str, text: str, read: datetime) -> None:
    """Refuse a time dateutil took from a bare number: a year written twice, or a typo."""
    numbers = _BARE_CLOCK().findall(body)
    if str(read.year) in numbers:
        numbers.remove(str(read.year))  # the year itself
    clock = f"{read.hour:02d}{read.minute:02d}{read.second:02d}"
    number = next((n for n in numbers if clock.startswith(n)), None)
    if number is None:
        return
    time = f"{number[:2]}:{number[2:4]}" + (f":{number[4:]}" if len(number) == 6 else "")
    twelve = f"{read.hour % 12 or 12}{time[2:]} {'pm' if read.hour >= 12 else 'am'}"
    raise DateError(
        f"{text!r} has the number {number} after the date, which would be read as the "
        f"time {time}; write a time with a colon, such as {time} or {twelve}, or leave the "
        "number out"
    )

"""Reading absolute dates: exactly, or with a note or an error saying what was assumed.

`read_date` is the reader's entry point: one field gives a `Reading`, a start and, for
a span written in one field ("16–19 July 2018", "1990s", "2018-07-16/2018-07-19"), an
end, with the notes a reader must see (a dotted date read day-first, a century read as
1801-1900). `parse_date` is for callers that want one point and no notes.

The forms are tried from the cheapest: ISO on the fast path (`iso`), then EDTF
(`extended`), spans (`spans`), qualifier words, and written dates (`written`).
docs/format.md lists every form with what it gives.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, NamedTuple

from timeline.dates.bce import iso_numbered, typed_numbering_refusal
from timeline.dates.calendar import MAX_YEAR, MONTHS, days_in_month, in_calendar
from timeline.dates.errors import VALID_FORMS, DateError, UnreadDate
from timeline.dates.iso import (
    LAST_PLAIN_YEAR,
    aware,
    far_year,
    from_datetime,
    no_year_zero,
    offset_problem,
    parse_iso,
    unkept_offset_problem,
    utc_offset,
    year_out_of_range,
)
from timeline.dates.patterns import on_first_use
from timeline.dates.relative import parse_relative, relative_refusal
from timeline.dates.show import format_iso, format_medium, format_range
from timeline.model import Precision, Qualifier, When
from timeline.problems import describe

if TYPE_CHECKING:
    from collections.abc import Callable

    from timeline.dates.written import Point

# The readers of spans, EDTF and written dates are imported when a date needs them:
# files that write their dates in ISO or relative forms (the viewer's own file among
# them) never do, and their start does not pay for the three modules.

__all__ = [
    "MAX_LENGTH",
    "VALID_FORMS",
    "Query",
    "Reading",
    "Shown",
    "parse_date",
    "parse_query",
    "read_date",
    "read_shown",
    "typeable",
]

#: The longest date text read. The longest forms ("Monday 16 July 2018, 2:05 pm
#: America/Los_Angeles to Tuesday 17 July 2018, 9:00 am America/Los_Angeles") stay
#: well under it; a longer text is refused before any parser sees it, so a
#: 300,000-digit "date" costs microseconds.
MAX_LENGTH = 160


class Reading(NamedTuple):
    """A date field as read.

    Attributes:
        start: The date, or the start of a span written in one field.
        end: The end of such a span ("16–19 July 2018", "1990s"), else None.
        notes: What the reader must be told: what was read by a convention rather than
            exactly, and how to write it so nothing is assumed. The loader reports each
            as a warning at the field, so `check --strict` fails on them.
    """

    start: When
    end: When | None = None
    notes: tuple[str, ...] = ()


_QUALIFIER = on_first_use(
    r"(?i)\s*(?:(on\s+or\s+(?:about|before|after)|circa|ca|about|around|approximately"
    r"|approx|before|after|by|uncertain)\b\.?"
    r"|(c\.|~))\s*(.*)",
    re.S,
)
_QUALIFIERS = {
    "before": Qualifier.BEFORE,
    "by": Qualifier.BEFORE,
    "on or before": Qualifier.BEFORE,
    "after": Qualifier.AFTER,
    "on or after": Qualifier.AFTER,
    "uncertain": Qualifier.UNCERTAIN,
}
#: Words for a bound that holds its date, which "before" and "after" leave out.
_HOLDING = frozenset({"by", "on or before", "on or after"})
_ORDER = {Qualifier.BEFORE: (-1,), Qualifier.AFTER: (1,)}
_LONG_OFFSET = on_first_use(
    r"(?i)\s*+(\d{7,}+)\s++(day|week|month|year)s?\s+(before|after|earlier|later)\s*"
)


def read_date(value: object, tz: tzinfo | None = None, *, dayfirst: bool = False) -> Reading:
    """Read a date field: a point, or a span written in one field, with notes.

    Args:
        value: A TOML date, date-time, integer year, or string.
        tz: The timeline's zone: local times are taken to be in it, and times with an
            offset are shown in it.
        dayfirst: Read "16/7/2018" as 16 July (the reader's explicit choice: no note).

    Returns:
        The reading; `start.written` (and `end.written`) keep the text as written.

    Raises:
        DateError: The value is not a date, names an impossible one, contradicts
            itself ("Monday, July 17, 2018"), or is relative (see `parse_relative`).
    """
    notes: list[str] = []
    if not isinstance(value, str):
        return Reading(_from_value(value, tz, notes), notes=tuple(notes))
    text = value.strip()
    if not text:
        raise DateError(f"is empty; expected {VALID_FORMS}")
    when = parse_iso(text, tz, notes) if len(text) <= MAX_LENGTH else None
    if when is not None:
        return Reading(when._replace(written=value), notes=tuple(notes))
    return _read_string(value, text, tz, dayfirst)


def _read_string(value: str, text: str, tz: tzinfo | None, dayfirst: bool) -> Reading:
    """`read_date` of a non-empty string that is not ISO (`text` is it stripped)."""
    try:
        reading = _read_text(text, tz, dayfirst, whole=True)
    except UnreadDate:
        # In no form the reader knows: "(1850)", "c1850" and "17 juillet 2018" are
        # plain to a reader, and said so, with the date to write read from the text.
        from timeline.dates.notations import notation_refusal

        refused = notation_refusal(text, lambda written: _ends(written, tz))
        if refused is None:
            raise
        raise DateError(refused) from None
    start = reading.start._replace(written=value)
    end = None if reading.end is None else reading.end._replace(written=value)
    return Reading(start, end, tuple(dict.fromkeys(reading.notes)))


def parse_date(value: object, tz: tzinfo | None = None, *, dayfirst: bool = False) -> When:
    """Read one absolute date from a TOML value, for callers that want a point.

    Notes are not returned: callers that show dates read from a file use `read_date`.

    Raises:
        DateError: As `read_date`, and when the value is a span written in one field.
    """
    if type(value) is date:  # a TOML date: the commonest value in large files
        return When(value.year, value.month, value.day, written=value.isoformat())
    if isinstance(value, str):
        # The fast path, as `read_date` takes it, without building a Reading.
        text = value.strip()
        if not text:
            raise DateError(f"is empty; expected {VALID_FORMS}")
        if len(text) <= MAX_LENGTH:
            when = parse_iso(text, tz)
            if when is not None:
                return when._replace(written=value)
        reading = _read_string(value, text, tz, dayfirst)
    else:
        reading = Reading(_from_value(value, tz))
    if reading.end is not None:
        raise DateError(
            f"{value!r} is a range ({format_range(reading.start, reading.end)}); give its "
            "ends as date and end_date"
        )
    return reading.start


class Shown(NamedTuple):
    """The dates a display date states (`read_shown`).

    Attributes:
        start: The date, or the first of two.
        end: The second of two ("1815 – 1852", "16–20 July 2018"), else None.
        period: The two are the edges of one period named as one ("1990s", "19th
            century", "Q3 2018", "201X"), which says when as a coarse date does (some
            time in it, or all of it), rather than from one date to another.
    """

    start: When
    end: When | None = None
    period: bool = False


def read_shown(text: str, tz: tzinfo | None = None) -> Shown | None:
    """The dates a display date states, or None when it states none ("summer 2018",
    "between 2018 and 2019"): every form of a date field, a date ending in "?" among
    them, as every view shows an uncertain one ("10 Oct 2019?", "16 Jul 2018? – 20 Jul
    2018?")."""
    try:
        reading = read_date(text, tz)
    except DateError:
        return None
    if reading.end is None:
        return Shown(reading.start)
    from timeline.dates.spans import split_range

    body = text.strip()
    try:
        # An interval ("2018-07-16/2018-07-20") or a range ("1815 – 1852") writes both
        # ends; "1990s" and "Q3 2018" name one period.
        two_ends = "/" in body or split_range(body) is not None
    except DateError:
        two_ends = False
    return Shown(reading.start, reading.end, period=not two_ends)


def _from_value(value: object, tz: tzinfo | None, notes: list[str] | None = None) -> When:
    """A TOML date, date-time or integer year (what is left to say goes to `notes`)."""
    if isinstance(value, datetime):
        offset = value.utcoffset()
        if offset is not None:
            # TOML reads any offset under a day ("+14:30"): held to the zones' range,
            # as the offsets of every other form are.
            minutes = abs(offset) // timedelta(minutes=1)
            written = value.isoformat()
            refused = offset_problem(
                written, utc_offset(offset), *divmod(minutes, 60)
            ) or unkept_offset_problem(written, utc_offset(offset), value.year, offset)
            if refused:
                raise DateError(refused)
        precision = Precision.SECOND if value.second or value.microsecond else Precision.MINUTE
        return from_datetime(value, tz, _literal(value), precision, notes)
    if isinstance(value, date):
        return When(value.year, value.month, value.day, written=value.isoformat())
    if isinstance(value, time):
        raise DateError(f"found a time of day ({_literal(value)}) without a date")
    if isinstance(value, bool) or not isinstance(value, int):
        raise DateError(f"found {describe(value)}; expected {VALID_FORMS}")
    if value == 0:
        raise DateError(no_year_zero("0"))
    if abs(value) > MAX_YEAR:
        raise DateError(year_out_of_range(_short(str(value))))
    if value > LAST_PLAIN_YEAR:
        far_year(value, notes)
    return When(value, precision=Precision.YEAR, written=str(value))


def _short(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:20]}…{text[-10:]}"


def _read_text(text: str, tz: tzinfo | None, dayfirst: bool, *, whole: bool) -> Reading:
    """A date written as text, ISO aside. `whole`: the whole field (a span may be read)."""
    offset = _LONG_OFFSET().fullmatch(text)
    if offset:
        digits, unit, side = offset.groups()
        raise DateError(
            f"'{_short(digits)} {unit}s {side}' counts {len(digits):,} digits of "
            f"{unit}s; relative dates reach at most 999,999 {unit}s (they are counted "
            "between the years 1 and 9999)"
        )
    if len(text) > MAX_LENGTH:
        raise DateError(
            f"{_short(text)!r} is {len(text):,} characters long; a date is at most "
            f"{MAX_LENGTH} characters"
        )
    notes: list[str] = []
    if not whole:  # (`read_date` has tried ISO on the whole field)
        when = parse_iso(text, tz, notes)
        if when is not None:
            return Reading(when._replace(written=text), notes=tuple(notes))
    match = _QUALIFIER().fullmatch(text)
    if match is not None and match.group(3):
        inner = parse_iso(match.group(3), tz, notes)
        if inner is not None:  # "circa 2018-07-16": common in large files, kept quick
            notes.extend(_by_note(text, match, inner))
            return Reading(_qualify(text, match, inner), notes=tuple(notes))
    refused = relative_refusal(text)
    if refused:
        raise DateError(refused)
    if parse_relative(text) is not None:
        raise DateError(
            f'{text!r} is relative to another event; add relative_to = "<event id>" '
            "naming the event it is counted from"
        )
    from timeline.dates.extended import looks_like_edtf, read_edtf
    from timeline.dates.spans import read_named_span, read_range, refusal, split_range
    from timeline.dates.written import read_written

    if "." in text or "," in text:
        # Said of the whole field, before a range or a qualifier splits it: dateutil
        # drops what follows a decimal point ("July 4.5 2018" was 4 July).
        from timeline.dates.decimals import decimal_refusal

        refused = decimal_refusal(text, text, lambda whole: parse_date(whole, tz))
        if refused:
            raise DateError(refused)
    refused = refusal(text)
    if refused:
        raise DateError(refused)
    span = read_named_span(text)
    if span is not None:
        if not whole:
            raise _not_a_point(text)
        return Reading(span.start, span.end, span.notes)
    if whole:
        parts = split_range(text)
        if parts is not None:
            span = read_range(text, *parts, lambda side: _read_point(side, tz, dayfirst))
            return Reading(span.start, span.end, span.notes)
    if match is not None and match.group(3):
        point = _qualified(text, match, tz, dayfirst)
        return Reading(point.when, None, point.notes)
    if looks_like_edtf(text):
        extended = read_edtf(text, tz)
        if extended.end is not None and not whole:
            raise _not_a_point(text)
        return Reading(extended.start, extended.end, extended.notes)
    if text.endswith("?") and text[:-1].strip():
        # "July 2018?": uncertain, as EDTF's "2018-07?" is (it was refused as unread).
        doubted = _read_point(text[:-1].rstrip(), tz, dayfirst)
        if doubted.when.qualifier is not Qualifier.EXACT:
            raise DateError(
                f"{text!r} marks a date that is already {doubted.when.qualifier.value} as "
                "uncertain; a date takes one qualifier: keep one of them"
            )
        return Reading(doubted.when._replace(qualifier=Qualifier.UNCERTAIN), None, doubted.notes)
    point = read_written(text, tz, dayfirst=dayfirst)
    return Reading(point.when, None, point.notes)


def _ends(text: str, tz: tzinfo | None) -> tuple[When, When | None]:
    """A whole date field's start and end (None but for a span), read as `read_date`
    reads it."""
    reading = read_date(text, tz)
    return reading.start, reading.end


def _not_a_point(text: str) -> DateError:
    return DateError(
        f"{text!r} is a span; a qualifier or one end of a range must be a single date: "
        "give the span's ends as date and end_date"
    )


def _read_point(text: str, tz: tzinfo | None, dayfirst: bool) -> Point:
    """One date, perhaps with a qualifier word: one end of a range, or a qualified date."""
    from timeline.dates.written import Point

    reading = _read_text(text, tz, dayfirst, whole=False)
    return Point(reading.start._replace(written=text), reading.notes)


def _qualified(text: str, match: re.Match[str], tz: tzinfo | None, dayfirst: bool) -> Point:
    """ "circa 1850", "before July 2018": one qualifier word on one date."""
    from timeline.dates.written import Point

    word = _word(match)
    inner_text = match.group(3)
    second = _QUALIFIER().fullmatch(inner_text)
    if second is not None and second.group(3):
        other = _word(second)
        rest = second.group(3)
        raise DateError(
            f"{text!r} combines {word!r} and {other!r}; a date takes one qualifier: "
            f"write {word} {rest} or {other} {rest}, and the rest in display_date"
        )
    inner = _read_point(inner_text, tz, dayfirst)
    if inner.when.qualifier is not Qualifier.EXACT:
        raise DateError(
            f"{text!r} qualifies a date that is already {inner.when.qualifier.value}; a "
            "date takes one qualifier: keep one of them"
        )
    return Point(_qualify(text, match, inner.when), inner.notes + _by_note(text, match, inner.when))


_UNITS = {
    Precision.YEAR: "year",
    Precision.MONTH: "month",
    Precision.DAY: "day",
    Precision.HOUR: "hour",
    Precision.MINUTE: "minute",
    Precision.SECOND: "second",
}


def _word(match: re.Match[str]) -> str:
    """The qualifier word a `_QUALIFIER` match found, as `_QUALIFIERS` names it."""
    return " ".join((match.group(1) or match.group(2)).lower().rstrip(".").split())


def _by_note(text: str, match: re.Match[str], when: When) -> tuple[str, ...]:
    """What is said of "by" and "on or before" (or "on or after"): read as "before"
    (or "after"), which leaves the date out, though "by July 19" may be on the 19th (a
    day early, shown as "before 19 Jul", with nothing said: found trying dates as a
    journalist writes them)."""
    word = _word(match)
    if word not in _HOLDING:
        return ()
    from timeline.dates.show import format_iso, format_long

    bound = _QUALIFIERS[word].value
    unit = _UNITS[when.precision]
    within = "on" if when.precision == Precision.DAY else "in"
    beyond = holding_bound(when._replace(qualifier=_QUALIFIERS[word]))
    return (
        f"{text!r} was read as {bound} {format_long(when)}, which leaves that {unit} out; "
        f"if it may be {within} that {unit}, write {bound} {format_iso(beyond)}, and keep "
        "the words in display_date",
    )


def holding_bound(when: When) -> When:
    """The bound that holds a bound's own date ("on or after 19 July" is after 18 July,
    "by July 2018" before August 2018), at its precision: `when` moved one unit away
    from the side it bounds."""
    from timeline.dates.calendar import first_moment, last_moment, moment_after, moment_before

    known = when.precision + 1
    if when.qualifier is Qualifier.BEFORE:
        edge = moment_after(last_moment(when))
    else:
        edge = moment_before(first_moment(when))
    year, month, day, hour, minute, second = edge[:known] + first_moment(when)[known:]
    return when._replace(year=year, month=month, day=day, hour=hour, minute=minute, second=second)


def holds_its_date(text: str) -> bool:
    """Whether a date written with a bound says it in words that hold the date itself
    ("by", "on or before", "on or after"), which a date field reads as "before" or
    "after" it. (Asked of a bound: the pattern is compiled already.)"""
    match = _QUALIFIER().fullmatch(text)
    return match is not None and _word(match) in _HOLDING


def unit_of(when: When) -> str:
    """ "on 19 Jul 2018", "in Jul 2018": the date as the period it names is said to
    hold a moment."""
    from timeline.dates.show import format_medium

    within = "on" if when.precision == Precision.DAY else "in"
    return f"{within} {format_medium(when._replace(qualifier=Qualifier.EXACT, order=()))}"


def _qualify(text: str, match: re.Match[str], when: When) -> When:
    """The date with the qualifier the matched word names."""
    qualifier = _qualifier_of(match)
    return when._replace(qualifier=qualifier, written=text, order=_ORDER.get(qualifier, ()))


def _qualifier_of(match: re.Match[str]) -> Qualifier:
    return _QUALIFIERS.get(_word(match), Qualifier.CIRCA)


def qualifier_word(text: str) -> tuple[Qualifier, str] | None:
    """The qualifier a date's first word names, as the date reader reads it ("circa",
    "c.", "about", "before", "by", "after", "uncertain"...), and the rest of the text;
    None when it starts with none."""
    match = _QUALIFIER().fullmatch(text)
    if match is None or not match.group(3):
        return None
    return _qualifier_of(match), match.group(3)


# ---------------------------------------------------------------------- queries


class Query(NamedTuple):
    """A date typed by a reader, to jump to or filter by.

    Attributes:
        when: The date; its year is the default year when none was typed.
        has_year: Whether the reader typed the year ("july 16" has none: go to the
            nearest 16 July that has events, in any year).
    """

    when: When
    has_year: bool = True


_QUERY_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
# Both defaults are leap years, so "feb 29" reads whatever year the reader means.
_QUERY_DEFAULT_B = datetime(2004, 2, 2, 1, 1, 1)
_LEAP_YEAR = 2004
_DOTTED = on_first_use(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
# Day and month in numbers, perhaps with the year: "5/7", "5-7-2018", "5 7 2018".
_NUMBERED = on_first_use(r"(\d{1,2})\s*[/\s-]\s*(\d{1,2})(?![\d:])")
_TRY = 'try "july 16", "2018-07" or "16 July 2018"'
_YEAR_DIGITS = on_first_use(r"\d{3,}")
_CLOCK_TYPED = on_first_use(r"(?i)\d\s*(?::\s*\d|[ap]\.?m\b)")
# An era written with the year, as files and the screen write them: "44 BCE", "AD 10".
_ERA = on_first_use(r"(?i)(?<![^\W\d_])(?:BCE?|CE|AD|B\.C\.(?:E\.)?|A\.D\.)(?![^\W\d_])")


def read_query(
    text: str, default_year: int, *, dayfirst: bool = False, tz: tzinfo | None = None
) -> Query:
    """A date typed by a reader ("july 16", "2018-07", "16/7/2018"), saying if it has a year.

    Unlike `read_date`, a missing year is no error: `when` takes `default_year` (or,
    for 29 February, the last leap year before it), and `has_year` says it was not typed.
    Dotted dates ("16.07.2018") are day-first, as everywhere.

    What a file's date would be warned about is refused: nothing here can carry a note,
    and a filter or a jump read by a guess is silently wrong. So a day and month that
    could be either way round ("5/7/2018") are refused unless `dayfirst` says which
    (dotted dates are day-first by rule, as in files), and so are a two-digit year, a
    weekday the date does not fall on, and a weekday or relative word standing for a
    date ("Monday" read as a whole year).

    A time typed with a zone ("2018-07-19T09:00-05:00", "19 July 2018 9am EDT") is
    the instant it names, shown in the timeline's zone `tz` as its events are: the
    offset was dropped, and 09:00-04:00 went to the events at 09:00 Chicago time. In a
    timeline with no zone (`tz` None), whose times are each shown in the zone they were
    written in, it is refused, saying to type the time as it is shown.

    Raises:
        DateError: The text is not a date, or is one only by a guess.
    """
    text = text.strip()
    if len(text) > MAX_LENGTH:
        raise DateError(f"{_short(text)!r} is too long to be a date")
    iso = parse_iso(text, None) if text else None
    if iso is not None:
        if iso.year < 0 and iso_numbered("-" + text[1:].partition("-")[0]):
            raise DateError(typed_numbering_refusal(text, iso))  # "-0043": 43 or 44 BCE?
        if iso.tz is not None:
            return Query(_in_timeline_zone(text, iso, tz, lambda: parse_iso(text, tz)))
        return Query(iso)
    if parse_relative(text) is not None:
        raise DateError(f"{text!r} is relative (counted from an event), not a date; {_TRY}")
    try:
        return _read_typed(text, default_year, dayfirst, tz)
    except DateError:
        # A span or a qualified date, which a file's field reads ("Q3 2018", "c. 2018",
        # "2018-07-16/2018-07-19"): said so, with one date of it to type. They were
        # refused by what dateutil made of them ("has the offset UTC-19:00", "writes the
        # year with two digits (is it 2019?)"), or told to try "july 16".
        said = _not_one_date(text)
        if said is None:
            raise
        raise DateError(said) from None


def _read_typed(text: str, default_year: int, dayfirst: bool, tz: tzinfo | None) -> Query:
    """`read_query` of a text that is neither ISO nor relative."""
    refused = _typed_refusal(text)
    if refused:
        raise DateError(refused)
    if _ERA().search(text):
        return Query(_with_era(text, dayfirst))
    dotted = _DOTTED().fullmatch(text)
    if dotted:
        day, month, year = (int(g) for g in dotted.groups())
        iso = parse_iso(f"{year:04d}-{month:02d}-{day:02d}", None)
        assert iso is not None
        return Query(iso)
    from timeline.dates.written import (
        either_way,
        impossible_day,
        month_and_two_digits,
        read_written,
        take_weekday,
    )

    try:
        from dateutil import parser as dateutil_parser

        with warnings.catch_warnings():
            warnings.simplefilter("error")  # an unknown zone: an error, not Python's text
            a = dateutil_parser.parse(text, default=_QUERY_DEFAULT_A, dayfirst=dayfirst)
            b = dateutil_parser.parse(text, default=_QUERY_DEFAULT_B, dayfirst=dayfirst)
    except Warning:
        # A zone dateutil does not know ("EDT", "PT"): the file's reader knows them.
        zoned = _zoned(text, tz, dayfirst)
        if zoned is None:
            raise _unread(text, default_year, dayfirst) from None
        return Query(zoned)
    except (ValueError, OverflowError):
        # A day its month lacks is said as in files ("has day 30"); typed without a
        # year, it is looked for in a leap year, where every month has its most days.
        raise (
            impossible_day(text, text, dayfirst)
            or impossible_day(f"{text} {_LEAP_YEAR}", text, dayfirst)
            or _unread(text, default_year, dayfirst)
        ) from None
    has_year = a.year == b.year
    if not has_year:
        # "Jul-18": 18 July to dateutil, July 2018 to a spreadsheet. A file's date says
        # both; typed, it went to the nearest 18 July with nothing said.
        spreadsheet = month_and_two_digits(text, text, in_file=False)
        if spreadsheet:
            raise DateError(spreadsheet)
    if a.month != b.month and a.day == b.day:
        # A day with no month ("05.07" is the 5th of the default month): as in files.
        raise _unread(text, default_year, dayfirst)
    if "." in text or "," in text:
        # dateutil drops what follows a decimal point ("july 4.5" was 4 July); with a
        # year, `read_written` below says so too.
        from timeline.dates.decimals import decimal_refusal

        refused = decimal_refusal(
            text, text, lambda whole: read_written(whole, None).when, in_file=False
        )
        if refused:
            raise DateError(refused)
    body, weekday = take_weekday(text)
    numbered = _NUMBERED().match(body)
    if numbered and not dayfirst and a.month == b.month and a.day == b.day:
        first, second = int(numbered.group(1)), int(numbered.group(2))
        if either_way(first, second) and (a.month, a.day) == (first, second):
            raise _ambiguous(text, first, second, a.year if has_year else None)
    if has_year:
        # The file's reading, for its refusals: a two-digit year, a weekday that is not
        # the date's or that names no day (dateutil moves the date to it).
        read_written(text, None, dayfirst=dayfirst)
    elif weekday is not None:
        raise DateError(
            f"{text!r} names a weekday but no year, so the weekday cannot be checked; "
            f"write the year, e.g. {text} 2018"
        )
    year = a.year
    if not has_year:
        year = _year_for(default_year)
        if a.day == b.day and a.month == b.month:
            while a.day > days_in_month(year, a.month):  # 29 February
                year -= 1
    if a.hour == b.hour:  # a time was typed: kept, never dropped for its day
        if a.day != b.day or a.month != b.month:
            raise DateError(f"{text!r} gives a time but no day; {_TRY}")
        if a.tzinfo is not None:
            zoned = _zoned(text, tz, dayfirst)
            assert zoned is not None  # (a zone was read, so the file's reader reads one)
            return Query(zoned, has_year)
        return Query(_timed(text, year, a, a.minute == b.minute, a.second == b.second), has_year)
    if a.month != b.month:
        return Query(When(year, precision=Precision.YEAR), has_year)
    if a.day != b.day:
        return Query(When(year, a.month, precision=Precision.MONTH), has_year)
    return Query(When(year, a.month, a.day), has_year)


def _typed_refusal(text: str) -> str | None:
    """What a typed date is told that a file's field is told too, with a date to type
    rather than a range to write: a season, "mid-July 2018", an ISO week, "since 2018"
    (`spans.refusal`, `weeks.week_refusal`, which say both); None for anything else.
    They were "cannot read ... as a date; try "july 16"", and "2018-" went to 2018."""
    from timeline.dates.spans import refusal
    from timeline.dates.weeks import week_refusal
    from timeline.dates.written import read_written

    said = refusal(text, in_file=False)
    if said:
        return said
    try:
        return week_refusal(text, text, lambda day: read_written(day, None).when, in_file=False)
    except DateError as exc:  # the date after "week of" is wrong: said of the whole
        return f"{text!r}: {exc}"


def _unread(text: str, default_year: int, dayfirst: bool) -> DateError:
    """The refusal of a typed date in no form the reader knows. One in a notation whose
    meaning is plain ("(1850)", "c1850", "17 juillet 2018") is told what to type, as a
    file's field is told what to write (`notations`): it was told to try "july 16"."""
    from timeline.dates.notations import notation_refusal

    def typed(other: str) -> tuple[When, When | None]:
        return read_query(other, default_year, dayfirst=dayfirst).when, None

    refused = notation_refusal(text, typed, in_file=False)
    return DateError(refused or f"cannot read {text!r} as a date; {_TRY}")


def _not_one_date(text: str) -> str | None:
    """What is said of a typed date a file's field reads as a span or with a qualifier
    ("Q3 2018", "1990s", "c. 2018"), with one date of it to type; None for anything
    else."""
    try:
        reading = read_date(text)
    except DateError:
        return None
    start, end = reading.start, reading.end
    if end is not None:
        # Its dates, but for an open end or start ("2018-07-16/..": a bound, not a date).
        ends = (("start", start), ("end", end))
        typed = [f"its {side}, {typeable(when)}" for side, when in ends if when.order == ()]
        return (
            f"{text!r} is a span ({format_range(start, end)}), not one date; type one date of "
            f"it, such as {', or '.join(typed)}"
        )
    if start.qualifier is Qualifier.EXACT:
        return None
    return (
        f"{text!r} is {start.qualifier.value}: a date is typed without circa, before, after "
        f"or ?; type {typeable(start)}"
    )


def typeable(when: When) -> str:
    """A date as a reader may type it (`read_query` reads it), without its qualifier:
    ISO, or for a year before 1000 as the screen shows it ("44 BCE", not "-0044", which
    is refused as typed: ISO 8601 would read it as 45 BCE). A time before 1000 is ISO's
    ("0999-01-01T12:00"): the screen's "1 Jan 999 CE 12:00" is refused as typed, as a
    date with an era holds no time. A time no form reads, before the common era or
    after 9999, is left out: the day alone ("15 Mar 44 BCE")."""
    exact = when._replace(qualifier=Qualifier.EXACT, order=())
    if exact.precision > Precision.DAY and not in_calendar(exact.year):
        exact = exact._replace(precision=Precision.DAY)
    if exact.year >= 1000 or exact.precision > Precision.DAY:
        return format_iso(exact)
    return format_medium(exact)


def _with_era(text: str, dayfirst: bool) -> When:
    """A typed date with its era ("44 BCE", "15 March 44 BCE", "AD 10"), read as a
    file's date is: the screen shows BCE years so, and `d` or a filter refused them.

    Raises:
        DateError: It is not one exact date, or was read by a convention (a note).
    """
    reading = read_date(text, dayfirst=dayfirst)
    when = reading.start
    if reading.end is not None or when.qualifier is not Qualifier.EXACT or reading.notes:
        raise DateError(f'{text!r} is not one exact date; {_TRY}, or "44 BCE"')
    return When(when.year, when.month, when.day, precision=when.precision)


def _in_timeline_zone(
    text: str, read: When, tz: tzinfo | None, again: Callable[[], When | None]
) -> When:
    """A typed time with a zone (`read`), as the timeline's events are shown: `again`
    reads it in the timeline's zone `tz`.

    Raises:
        DateError: The timeline has no zone: its times are each shown in their own
            zone, and there is no one clock to put the typed time on.
    """
    if tz is None:
        moment = aware(read)
        offset = utc_offset(moment.utcoffset() if moment else None)
        raise DateError(
            f"{text!r} gives a zone ({offset}), but the timeline has no timezone: its times "
            "are each shown in the zone they were written in, with no one clock to put "
            "this one on; type the time as the events show it, without the zone (such as "
            f"{format_iso(read._replace(tz=None))}), or give the timeline a timezone"
        )
    when = again()
    assert when is not None
    return when


def _zoned(text: str, tz: tzinfo | None, dayfirst: bool) -> When | None:
    """A typed date and time with a zone ("19 July 2018 9am EDT", "July 19 2018 9:00
    -05:00"), read as a file's date is, in the timeline's zone `tz`; None when the file's
    reader finds no zone in it either. They were refused: those dateutil does not know as
    any date in no form the reader knows, the others with "write the time as ISO".

    Raises:
        DateError: The file's reader refuses it (an abbreviation that names several
            zones, EST in July), or warns about it (what a typed date cannot carry),
            or the timeline has no zone (`_in_timeline_zone`).
    """
    from timeline.dates.written import read_written

    if not _YEAR_DIGITS().search(text):
        if not _CLOCK_TYPED().search(text):
            return None
        # (The file's reader says to write the year after the zone, where it is not read.)
        raise DateError(
            f"{text!r} gives a time with a zone but no year, and a zone's offset depends "
            "on the date (its summer time); type the year with the day"
        )
    try:
        point = read_written(text, None, dayfirst=dayfirst)
    except UnreadDate:
        return None
    if point.when.tz is None:
        return None
    if point.notes:
        raise DateError(point.notes[0])
    return _in_timeline_zone(
        text, point.when, tz, lambda: read_written(text, tz, dayfirst=dayfirst).when
    )


def _timed(text: str, year: int, read: datetime, minute: bool, second: bool) -> When:
    """A typed date with its time ("July 10 2018 11pm", "10 July 2018 23:00"), to the
    hour, minute or second typed. Written dates used to drop the time without a word:
    "from=July 10 2018 11pm" kept the whole of 10 July, where 2018-07-10T23:00 keeps
    only what is from 23:00 on."""
    precision = Precision.SECOND if second else Precision.MINUTE if minute else Precision.HOUR
    return When(
        year,
        read.month,
        read.day,
        read.hour,
        read.minute if minute else 0,
        read.second if second else 0,
        precision=precision,
    )


def _year_for(default_year: int) -> int:
    """The year a date typed without one takes: `default_year` itself, BCE or beyond
    9999 too (they were taken as 1 and 9999: "july 10" in a timeline starting in
    100 BCE filtered from 10 July of the year 1); there is no year 0, so 1 for it."""
    return default_year or 1


def _ambiguous(text: str, month: int, day: int, year: int | None) -> DateError:
    """A typed date whose day and month could be either way round, with both readings:
    the one the tool would have made first."""
    readings = ((month, day), (day, month))
    said = [f"{d} {MONTHS[m - 1]}" + ("" if year is None else f" {year}") for m, d in readings]
    if year is None:
        how = f"write the month's name, {said[0]} or {said[1]}, to say which"
    else:
        iso = [f"{year:04d}-{m:02d}-{d:02d}" for m, d in readings]
        how = f"write it as ISO (year-month-day), {iso[0]} or {iso[1]}, to say which"
    return DateError(f"{text!r} could be {said[0]} or {said[1]}; {how}")


def parse_query(
    text: str, default_year: int, *, dayfirst: bool = False, tz: tzinfo | None = None
) -> When:
    """A date typed by a reader, a missing year taken from `default_year` (a filter's);
    a time with a zone shown in the timeline's zone `tz` (see `read_query`).

    Raises:
        DateError: The text is not a date, or names a day `default_year` lacks.
    """
    query = read_query(text, default_year, dayfirst=dayfirst, tz=tz)
    if not query.has_year and query.when.year != _year_for(default_year):
        raise DateError(
            f"{text.strip()!r} is not a day of {default_year}; write the year, e.g. "
            f"{text.strip()} {query.when.year}"
        )
    return query.when


def _literal(value: datetime | time) -> str:
    """A TOML date-time (or time) as its file wrote it, as far as the value tells:
    `isoformat` without the zeros it pads a fraction of a second with. A warning that
    quoted '2018-07-19T14:05:30.500000' for `14:05:30.5` quoted what no file held, and
    that text was kept as how the date was written."""
    text = value.isoformat()
    if not value.microsecond:
        return text
    head, _, rest = text.partition(".")
    return f"{head}.{rest[:6].rstrip('0')}{rest[6:]}"

"""EDTF, the Library of Congress Extended Date/Time Format, as archives write it.

The common level-1 forms (`2018?`, `201X`, `2018-07-16/..`, `Y-13800000000`) are
matched by a grammar of their own, checked against python-edtf by the tests; every
other form is checked by python-edtf (about 90 ms to import and 5-9 ms a date, so only
such dates load it). This module then maps what the timeline can hold:

- `2018?` uncertain: Qualifier.UNCERTAIN, shown "2018?". `2018~` approximate: circa.
  `2018%` (both) is held as circa, with a note that the doubt was dropped.
  A qualifier on one part (`2018-07-~16`, `?2018-07-16`) applies to the whole date.
- `201X`, `19XX`: the years they leave open, as a range (2010 to 2019). `2018-XX` is
  the year 2018, `2018-07-XX` July 2018. Unknown digits before known ones
  (`156X-12-25`, `2018-XX-16`) cannot be held and are refused.
- Intervals `2018-07-16/2018-07-19`: a start and an end. An open or unknown end is a
  bound: `2018-07-16/..` ends "after 16 July 2018"; `../2018-07-16` starts "before 16
  July 2018" and ends on it. ISO intervals of date-times, which EDTF leaves out, are
  read too, their ends open or not (`2018-07-16T14:00/..`).
- Long years `Y-13800000000` and `Y17E7`, up to `calendar.MAX_YEAR`.
- Refused: seasons (`2018-21`), sets (`[1667,1668]`, `{...}`), significant digits (`S3`).
"""

from __future__ import annotations

import re
from datetime import tzinfo
from typing import NamedTuple

from timeline.dates.bce import numbering_note
from timeline.dates.calendar import MAX_YEAR
from timeline.dates.errors import DateError, UnreadDate
from timeline.dates.iso import no_year_zero, parse_iso, year_out_of_range
from timeline.dates.patterns import on_first_use
from timeline.model import Precision, Qualifier, When

_LOOKS = on_first_use(r"[0-9XYESZTtz?~%./:+\-\[\]{},^ ]+")
_MARKS = on_first_use(r"[?~%]")
_SIDE = on_first_use(r"[?~%]?(?:Y|-?[\dX]{4})")
_UNSPECIFIED = on_first_use(r"(-?)([\dX]{4})(?:-([\dX]{2}))?(?:-([\dX]{2}))?")
_LONG_YEAR = on_first_use(r"Y(-?)(\d+)(?:E(\d+))?(S\d+)?")


class Extended(NamedTuple):
    """What an EDTF text gives: a start, an end for intervals and open years, notes."""

    start: When
    end: When | None = None
    notes: tuple[str, ...] = ()


def looks_like_edtf(text: str) -> bool:
    """Whether the text uses EDTF's own signs (and so goes to `read_edtf`)."""
    if not _LOOKS().fullmatch(text):
        return False
    if "/" in text:
        sides = text.split("/")
        return len(sides) == 2 and all(s in ("", "..") or _SIDE().match(s) for s in sides)
    return bool(_MARKS().search(text) or "X" in text or text.startswith(("Y", "[", "{")))


# EDTF level 1 as archives mostly write it: a date of 4-digit year, month and day,
# perhaps unspecified digits (201X, 2018-XX) and one qualifier at the end; a long
# year; intervals of these, their ends open (..) or unknown (empty). Text in this
# grammar is valid EDTF (tests/test_date_forms.py checks it against python-edtf), so
# it is read without the library: python-edtf's parser takes 5 to 9 ms a date, which
# a file of thousands of archival dates could not afford. Everything else EDTF allows
# goes through python-edtf.
_COMMON_DATE = r"-?[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?[?~%]?"
_COMMON_POINT = (
    rf"{_COMMON_DATE}|Y-?[1-9][0-9]{{4,}}|(?:[0-9]{{3}}X|[0-9]{{2}}XX)[?~%]?"
    r"|[0-9]{4}-XX(?:-XX)?[?~%]?|[0-9]{4}-(?:0[1-9]|1[0-2])-XX[?~%]?"
)
_COMMON = on_first_use(rf"(?:{_COMMON_POINT})|(?:{_COMMON_DATE}|\.\.|)/(?:{_COMMON_DATE}|\.\.|)")


def read_edtf(text: str, tz: tzinfo | None = None) -> Extended:
    """Read an EDTF date exactly, or refuse it saying why.

    `tz` is the timeline's zone, for the times of an ISO interval of date-times.

    Raises:
        DateError: Not valid EDTF, or a form the timeline cannot hold.
    """
    if not _COMMON().fullmatch(text):
        timed = _timed_interval(text, tz)
        if timed is not None:
            return timed
        _validate(text)
    if text.startswith(("[", "{")):
        raise DateError(
            f"{text!r} lists several possible dates; the timeline holds one date or a "
            f"range: write the range they fall in{_listed_range(text)}, with circa if need be"
        )
    if "/" in text:
        return _interval(text)
    start, end, notes = _point(text)
    return Extended(start, end, notes)


def _timed_interval(text: str, tz: tzinfo | None) -> Extended | None:
    """An ISO 8601 interval of date-times ("2018-07-16T14:00/2018-07-16T16:00"), which
    EDTF leaves out; None for anything else. Each end says what it would alone (a
    fraction of a second left out, a time the clocks showed twice): they were read
    without a word. An open or unknown end or start ("2018-07-16T14:00/..",
    "../2018-07-16T16:00") is a bound, as in an interval of dates: it was refused as
    EDTF the tool could not read (found trying dates as a journalist writes them)."""
    lower, _, upper = text.partition("/")
    if "/" in upper or not (_timed(lower) or _timed(upper)):
        return None
    open_lower, open_upper = lower in _OPEN, upper in _OPEN
    if open_lower and open_upper:
        return None  # neither end: `_interval` says so
    notes: list[str] = []
    start = None if open_lower else parse_iso(lower, tz, notes)
    end = None if open_upper else parse_iso(upper, tz, notes)
    if start is None:
        if end is None or not open_lower:
            return None
        start = end._replace(qualifier=Qualifier.BEFORE, order=(-1,))
    elif end is None:
        if not open_upper:
            return None
        end = start._replace(qualifier=Qualifier.AFTER, order=(1,))
    elif end.key < start.key:
        raise DateError(f"{text!r} ends before it starts; write the earlier date first")
    return Extended(start._replace(written=text), end._replace(written=text), tuple(notes))


#: An interval's end that is open ("..") or unknown (empty).
_OPEN = ("", "..")


def _timed(side: str) -> bool:
    """Whether one end of an interval is a date-time: a day, then a time after T (or
    the space ISO dates may have instead; `parse_iso` takes a t as a T)."""
    return side[10:11] in ("T", "t", " ") and side[4:5] == "-"


def _validate(text: str) -> None:
    import contextlib
    import io

    try:
        from edtf import parse_edtf  # costly to import: only EDTF dates pay for it

        # python-edtf prints its own diagnostics for some malformed input: kept from
        # the terminal, like every message not written for the reader.
        with contextlib.redirect_stdout(io.StringIO()):
            parse_edtf(text)
    except Exception:  # the library raises several kinds for bad input
        raise UnreadDate(
            f"cannot read {text!r} as EDTF; write forms such as 2018?, 2018-07~, "
            "2018-07-%16, 201X, 2018-07-16/2018-07-19, ../2018-07-16 or Y-13800000000"
        ) from None


def _interval(text: str) -> Extended:
    lower, upper = text.split("/")
    open_lower, open_upper = lower in ("", ".."), upper in ("", "..")
    if open_lower and open_upper:
        raise DateError(f"{text!r} has neither a start nor an end; give at least one")
    notes: list[str] = []
    if open_lower:
        end, _, more = _point(upper)
        notes.extend(more)
        start = end._replace(qualifier=Qualifier.BEFORE, order=(-1,))
        return Extended(start._replace(written=text), end._replace(written=text), tuple(notes))
    start, _, more = _point(lower)
    notes.extend(more)
    if open_upper:
        end = start._replace(qualifier=Qualifier.AFTER, order=(1,))
        return Extended(start._replace(written=text), end._replace(written=text), tuple(notes))
    end, last, more = _point(upper)
    notes.extend(more)
    end = last or end
    if end.key < start.key:
        raise DateError(f"{text!r} ends before it starts; write the earlier date first")
    return Extended(start._replace(written=text), end._replace(written=text), tuple(notes))


def _point(text: str) -> tuple[When, When | None, tuple[str, ...]]:
    """One EDTF date: its start, its end when it leaves digits open, and notes."""
    marks = set(_MARKS().findall(text))
    bare = _MARKS().sub("", text)
    notes: tuple[str, ...] = ()
    if "%" in marks or {"?", "~"} <= marks:
        qualifier = Qualifier.CIRCA
        notes = (
            f"{text!r} is uncertain and approximate; the timeline holds it as circa "
            "(approximate) and drops the uncertainty: write ~ instead of % to say so",
        )
    elif "~" in marks:
        qualifier = Qualifier.CIRCA
    elif "?" in marks:
        qualifier = Qualifier.UNCERTAIN
    else:
        qualifier = Qualifier.EXACT
    start, end = _unqualified(bare, text)
    start = start._replace(qualifier=qualifier, written=text)
    if start.year < 0 and not bare.startswith("Y"):
        notes += (numbering_note(text, start, end),)
    if end is not None:
        end = end._replace(qualifier=qualifier, written=text)
    return start, end, notes


def _unqualified(bare: str, text: str) -> tuple[When, When | None]:
    long_year = _LONG_YEAR().fullmatch(bare)
    if long_year:
        return _long_year(long_year, text), None
    if "X" in bare:
        return _unspecified(bare, text)
    when = parse_iso(bare, None)
    if when is None:
        raise DateError(f"{text!r} is EDTF the timeline cannot hold; write an ISO date or a range")
    return when, None


def _long_year(match: re.Match[str], text: str) -> When:
    sign, digits, exponent, significant = match.groups()
    if significant:
        raise DateError(
            f"{text!r} gives significant digits ({significant}), which the timeline cannot "
            "show; write the year alone, with circa if it is approximate"
        )
    power = int(exponent) if exponent else 0
    if len(digits) + power > len(str(MAX_YEAR)):
        raise DateError(year_out_of_range(text))
    year = int(digits) * 10**power
    if year == 0:
        raise DateError(no_year_zero(text))
    if year > MAX_YEAR:
        raise DateError(year_out_of_range(text))
    return When(-year if sign else year, precision=Precision.YEAR)


def _unspecified(bare: str, text: str) -> tuple[When, When | None]:
    """Digits left open: X in the year gives a range of years; XX month or day, less precision."""
    match = _UNSPECIFIED().fullmatch(bare)
    if match is None:
        raise _cannot_hold(text)
    sign, year, month, day = match.groups()
    if "X" in year:
        if (month or "XX") != "XX" or (day or "XX") != "XX" or not year.rstrip("X").isdigit():
            raise _cannot_hold(text)
        if year == "XXXX":
            raise DateError(f"{text!r} leaves the whole year open; every date needs a year")
        low, high = int(year.replace("X", "0")), int(year.replace("X", "9"))
        if sign:
            low, high = -high, -low
        # "00XX": the years 1 to 99, "-00XX" 99 BCE to 1 BCE (there is no year 0).
        low, high = low or 1, high or -1
        return When(low, precision=Precision.YEAR), When(high, precision=Precision.YEAR)
    if month == "XX":
        if day not in (None, "XX"):
            raise _cannot_hold(text)
        when = parse_iso(sign + year, None)
    elif day == "XX" and month is not None and "X" not in month:
        when = parse_iso(f"{sign}{year}-{month}", None)
    else:
        raise _cannot_hold(text)
    assert when is not None
    return when, None


_LISTED = on_first_use(r"-?\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _listed_range(text: str) -> str:
    """ ", such as 2018/2020": the range the dates of an EDTF list ("[2018, 2020]",
    "{2018..2020}", "[..2018]") fall in, drawn from them; "" when it gives none. (It
    was always "1667/1668", an example a writer might copy as it is.)"""
    dates = _LISTED().findall(text)
    if not dates:
        return ""
    inner = text.strip("[]{} ")
    first = ".." if inner.startswith("..") else min(dates, key=_sort_key)
    last = ".." if inner.endswith("..") else max(dates, key=_sort_key)
    return f", such as {first}/{last}"


def _sort_key(written: str) -> tuple[int, ...]:
    sign = -1 if written.startswith("-") else 1
    year, *rest = written.lstrip("-").split("-")
    return (sign * int(year), *map(int, rest))


def _cannot_hold(text: str) -> DateError:
    return DateError(
        f"{text!r} leaves open digits before ones it gives (or part of a month or day); "
        "the timeline holds whole years, months and days: write the range of dates it "
        f"may be{_open_range(text)}, and keep the text in display_date"
    )


_OPEN_YEAR = on_first_use(r"(-?)([0-9X]{4})((?:-[0-9]{2}){0,2})")
_OPEN_MONTH = on_first_use(r"(-?[0-9]{4})-XX-([0-9]{2})")


def _open_range(text: str) -> str:
    """ ", such as 1560-12-25/1569-12-25" for "156X-12-25", ", such as 2018-01-17/2018-12-17" for
    "2018-XX-17": the dates the open digits leave possible, drawn from the text; "" for
    other forms. (It was always "1560/1569".)"""
    bare = text.rstrip("?~%")
    found = _OPEN_YEAR().fullmatch(bare)
    if found:
        sign, year, rest = found.groups()
        low, high = year.replace("X", "0"), year.replace("X", "9")
        if sign:
            low, high = high, low
        return f", such as {sign}{low}{rest}/{sign}{high}{rest}"
    found = _OPEN_MONTH().fullmatch(bare)
    if found:
        year, day = found.groups()
        return f", such as {year}-01-{day}/{year}-12-{day}"
    return ""

"""Spans written in one field: "16–19 July 2018", "1990s", "19th century", "Q3 2018".

A span becomes a start and an end (the loader's `date` and `end_date`). Spans whose
edges people do not agree on are refused with what to write instead: seasons (they
fall in different months in each hemisphere), "early/mid/late 2018", and "between X
and Y" (a date unknown within a span, not an event lasting through it). Spans read by
a convention (a century starts in a year ending in 1; a quarter is the calendar's)
come back with a note saying so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple, TypeVar

from timeline.dates.calendar import MAX_YEAR, MONTH_NUMBERS, MONTHS, days_in_month
from timeline.dates.errors import DateError
from timeline.dates.iso import no_year_zero, parse_iso, year_out_of_range
from timeline.dates.patterns import on_first_use
from timeline.dates.seasons import season_advice
from timeline.dates.show import format_iso, format_long
from timeline.dates.written import Point, read_written
from timeline.model import Precision, Qualifier, When


class Span(NamedTuple):
    """A start and an end read from one field, with the notes a reader must see."""

    start: When
    end: When
    notes: tuple[str, ...] = ()


#: Reads one side of a range (a single date, perhaps with a qualifier).
ReadPoint = Callable[[str], Point]

# (With "the" before: "the late 1960s", "the end of 2018", "the summer of 2018" were
# "cannot read ... as a date", where they are refused with what to write without it.)
_EARLY = on_first_use(
    r"(?i)(?:the\s+)?(early|mid|middle|late|end|beginning|start)(?:\s*-\s*|\s+of\s+|\s+)(\S.*)"
)
_SEASON = on_first_use(r"(?i)(?:the\s+)?(spring|summer|autumn|fall|winter)(?:\s+of)?\s+(\S.*)")
_BETWEEN = on_first_use(r"(?i)between\s+(.+)\s+and\s+(.+)")
# "July 17 or 18, 2018", "2018 or 2019": one of two dates.
_EITHER = on_first_use(r"(?i)(?!on\s+or\b)(\S.*?)\s+or\s+(\S.+)")
_DIGIT = on_first_use(r"\d")
# "2018-198": ISO's day of the year (was "ends (198 CE) before it starts (2018)").
_ORDINAL_DATE = on_first_use(r"(\d{4})-(\d{3})")
# "20180717T153000Z": ISO's basic form (was "has a zone the tool does not read").
_BASIC_ISO = on_first_use(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{2}(?::?\d{2})?)?")
# "July 17 and 18, 2018", "17/18 July 2018", "July 17th & 18th, 2018": two days of a month
# (refused as a year of two digits, or an hour, before).
_TWO_DAYS = on_first_use(
    r"(?i)(?:(?P<month_a>[A-Za-z]{3,9}\.?)\s+)?(?P<a>\d{1,2})(?:st|nd|rd|th)?\s*(?:and|&|/|,)\s*"
    r"(?P<b>\d{1,2})(?:st|nd|rd|th)?(?:\s+(?P<month_b>[A-Za-z]{3,9}\.?))?,?\s+(?P<year>\d{4})"
)
# "1st half of 2018", "first half 2018", "H1 2018", "2018 H2".
_HALF = on_first_use(
    r"(?i)(?:(1st|2nd|first|second)\s+half(?:\s+of)?\s+(\d{3,4})"
    r"|h([12])\s*(\d{4})|(\d{4})\s*h([12]))"
)
_QUARTER = on_first_use(r"(?i)(?:q([1-4])\s*(?:of\s+)?(\d{4})|(\d{4})\s*[-/ ]?\s*q([1-4]))")
_DECADE = on_first_use(r"(?i)(?:the\s+)?(\d{2,11}0)\s*['’]?s")
# (A word processor turns a typed '60s into ‘60s, the opening quote: it was "cannot read".)
_SHORT_DECADE = on_first_use(r"(?i)(?:the\s+)?['’‘]?(\d0)\s*['’]?s")
_CENTURY = on_first_use(
    r"(?i)(?:the\s+)?(\d{1,9})(?:st|nd|rd|th)[\s-]+(century|millennium)(?:\s+(BCE|BC|CE|AD))?"
)
# "3rd c. BCE": "c." is also circa.
_SHORT_CENTURY = on_first_use(r"(?i)(?:the\s+)?(\d{1,9}(?:st|nd|rd|th))\s+c\.?(?:\s+(.*))?")
# A start with no end: "since 2018", "2018 onwards", "2018-" (read as 2018 alone, by
# dateutil: found trying dates as journalists write them).
_OPEN_AFTER = on_first_use(
    r"(?i)(?:(?:ongoing\s+)?(?:since|from|starting(?:\s+in)?|beginning(?:\s+in)?)\s+"
    r"(?!.*(?:\s(?:to|until|till|through|thru)\s|[–—]|\s-\s))(\S.*)"
    r"|(\S.*?)\s*(?:[-–—]|\s+on(?:wards?)?|\s+and\s+after|\s+to\s+the\s+present))"
)
# An end with no start: "until 2019", "through 2019", "up to July 2018".
_OPEN_BEFORE = on_first_use(r"(?i)(?:until|till|through|thru|up\s+to|up\s+until)\s+(\S.*)")
_AS_OF = on_first_use(r"(?i)as\s+(?:of|at)\s+(\S.*)")
# Deep time: radiocarbon years before 1950, millions of years ago.
_BEFORE_PRESENT = on_first_use(r"(?i).*\d\s*(?:BP|B\.P\.|cal\s*BP|years\s+BP)")
_YEARS_AGO = on_first_use(
    r"(?i)(?:about\s+|ca\.?\s+|c\.\s*|~)?(\d[\d,]*(?:\.\d+)?)\s*"
    r"(?:(thousand|million|billion)?\s*years\s+(?:ago|before\s+present)|(ka|kya|Ma|mya|Ga))"
)
_SCALE = {
    "thousand": 10**3,
    "ka": 10**3,
    "kya": 10**3,
    "million": 10**6,
    "ma": 10**6,
    "mya": 10**6,
    "billion": 10**9,
    "ga": 10**9,
}
# Separators between the two ends: words, a spaced dash, or an unspaced en or em dash.
_WORDS = on_first_use(r"(?i)(.+?)\s+(?:to|until|till|through|thru)\s+(.+)")
_SPACED_DASH = on_first_use(r"(.+?)\s+[-–—]\s+(.+)")
_LONG_DASH = on_first_use(r"(.+?)\s*[–—]\s*(.+)")
# "from" before a range ("from 2018 – 2019", "from July 16–19, 2018").
_FROM = on_first_use(r"(?i)from\s+")
# A day (perhaps "10th") or a month's name.
_DAY_OR_MONTH = r"\d{1,2}(?:st|nd|rd|th)?|[A-Za-z]{3,9}"
_ORDINAL = on_first_use(r"(\d{1,2})(?:st|nd|rd|th)?", re.I)
# Two days or two months joined by a dash inside one date ("16-19 July", "July 16-19,
# "Jul-Aug 2018"): each end is the date with one of them. A number after a colon is a
# minute or a second, never a day: in "14:00 -07:00" the dash starts an offset; one
# before a colon is an hour: "9-10:30" is not the days 9 and 10 (at 10:30).
_INNER = on_first_use(rf"(?<![\w:-])({_DAY_OR_MONTH})\s*[-–—]\s*({_DAY_OR_MONTH})(?![\w:-])", re.I)
# The second end of "July 8 - 10, 2018": a day and a year, its month the first end's.
_DAY_AND_YEAR = on_first_use(r"\d{1,2}(?:st|nd|rd|th)?(?:,\s*|\s+)\d{3,}\b.*", re.I | re.S)
_LETTERS = on_first_use(r"[A-Za-z]+")
# The second end of "2018-07-16 14:00 - 16:00": a time of the first end's day.
_ISO_DAY_TIME = on_first_use(
    r"(?P<day>-?\d{4,6}-\d{2}-\d{2})[Tt ]\d{2}:\d{2}(?::\d{2})?"
    r"(?P<offset>[Zz]|[+-]\d{2}(?::?\d{2})?)?"
)
_CLOCK_ONLY = on_first_use(r"\d{2}:\d{2}(?::\d{2})?(?P<offset>[Zz]|[+-]\d{2}(?::?\d{2})?)?")
_YEARS = on_first_use(r"(-?\d{1,12})\s*-\s*(\d{1,12})")
_ONGOING = frozenset({"present", "now", "today", "ongoing", "date", "the present"})
_BARE_DAY = on_first_use(r"\d{1,2}")
_HAS_YEAR = on_first_use(r"\d{3,}|(?<![A-Za-z])(?:BCE?|CE|AD)(?![A-Za-z])", re.I)


def part_words(text: str) -> tuple[str, str] | None:
    """ "late 1990s" as ("late", "1990s"): a word naming a part of a span ("early",
    "mid", "late" and their like), and the span; None for other text."""
    match = _EARLY().fullmatch(text)
    return None if match is None else (match.group(1).lower(), match.group(2))


def season_words(text: str) -> tuple[str, str] | None:
    """ "summer of 2010" as ("summer", "2010"); None for other text."""
    match = _SEASON().fullmatch(text)
    return None if match is None else (match.group(1).lower(), match.group(2))


def between_words(text: str) -> tuple[str, str] | None:
    """ "between 16 and 19 July 2018" as ("16", "19 July 2018"): the two ends of a span
    a date is unknown within; None for other text."""
    match = _BETWEEN().fullmatch(text)
    return None if match is None else (match.group(1), match.group(2))


def refusal(text: str, *, in_file: bool = True) -> str | None:
    """Why a span that has no agreed edges is refused, or None. The range it offers
    as an example is drawn from the text ("late 1990s": 1997/1999), never one of
    another year or month that a writer might copy as it is.

    `in_file` false: said of a date typed at the viewer's date line or in a filter,
    which goes to one date and has no display_date, so the advice is a date to type
    ("Summer 2018": a month of it in each hemisphere). They were "cannot read ... as a
    date", and "2018-" went to the year 2018, where a file's field gets this advice.
    """
    said = _refused(text, in_file)
    if said is None:
        return None
    what, write, typed = said
    if not in_file and typed is None:
        return None  # (no date to type said: the typed date's own refusal stands)
    return f"{text!r}{what}{write if in_file else typed}"


def _refused(text: str, in_file: bool) -> tuple[str, str, str | None] | None:
    """`refusal`'s parts: what the text is (after the text quoted, with the separator
    before the advice), what to write in a file, and what to type instead (None when
    there is nothing better to say)."""
    part = part_words(text)
    if part is not None:
        word, rest = part
        ends = _part_ends(word, rest)
        such = "" if ends is None else f", such as {format_iso(ends[0])}/{format_iso(ends[1])}"
        typed = "" if ends is None else f", such as {_either(*ends)}"
        return (
            f": '{word}' gives no exact span; ",
            f"write the dates you mean as a range{such}, and keep the words in display_date",
            f"type a date of the span you mean{typed}",
        )
    match = _SEASON().fullmatch(text)
    if match:
        season, rest = match.group(1), match.group(2)
        advice = season_advice(season, rest, in_file=in_file)
        what, _, write = advice.partition("; ")
        return f": {what}; ", write, write
    match = _BETWEEN().fullmatch(text)
    if match:
        return (
            " says the date is unknown within a span; ",
            'write the span\'s ends as date and end_date with display_date = "between ...", '
            "or one date with circa",
            _typed_one(match.group(1), match.group(2), "one of its ends"),
        )
    if text.lower() in _ONGOING or text.lower() in ("..", "to date", "to the present"):
        return (
            " is not a date (it changes with the day it is read): ",
            "for a span still going on, write its start with /.. after it (an open end) as "
            "date, and no end_date; for a day, write the date itself",
            "type the date itself",
        )
    match = _OPEN_AFTER().fullmatch(text)
    start = _as_iso((match.group(1) or match.group(2)) if match else "")
    if start:
        return (
            " gives a start and no end: ",
            f"write {start}/.. for a span still going on (an open end), or after {start} if "
            "it is only known to be later, and keep the words in display_date",
            f"type its start, {start}",
        )
    match = _OPEN_BEFORE().fullmatch(text)
    end = _as_iso(match.group(1) if match else "")
    if end:
        return (
            " gives an end and no start: ",
            f"write ../{end} for a span whose start is unknown (an open start), or before "
            f"{end} if it is only known to be earlier, and keep the words in display_date",
            f"type its end, {end}",
        )
    match = _AS_OF().fullmatch(text)
    if match:
        return (
            " says when something was so: ",
            f"write the date, {match.group(1).strip()}, and keep the words in display_date",
            f"type the date, {match.group(1).strip()}",
        )
    match = _SHORT_CENTURY().fullmatch(text)
    if match:
        rest = f" {match.group(2)}" if match.group(2) else ""
        write = f"write {match.group(1)} century{rest} (or circa before a year)"
        return ": 'c.' may be circa or century; ", write, write if in_file else None
    if _BEFORE_PRESENT().fullmatch(text):
        return (
            " counts years before 1950 (BP), often uncalibrated radiocarbon years: ",
            "write the calendar year the source gives, with circa if it is approximate, "
            "and keep the BP date in display_date",
            "type the calendar year the source gives",
        )
    match = _YEARS_AGO().fullmatch(text)
    if match:
        return (
            " counts back from a present that moves: ",
            _years_ago_advice(match),
            "type the year it was (a negative number before the common era)",
        )
    match = _ORDINAL_DATE().fullmatch(text)
    if match:
        in_year, number = int(match.group(1)), int(match.group(2))
        days = 366 if days_in_month(in_year, 2) == 29 else 365
        if not 1 <= number <= days or in_year < 1:
            return f" is an ISO ordinal date, day {number} of {in_year}, which has {days}", "", ""
        day = (date(in_year, 1, 1) + timedelta(days=number - 1)).isoformat()
        return (
            f" is an ISO ordinal date, day {number} of {in_year}: ",
            f"write {day}",
            f"type {day}",
        )
    match = _BASIC_ISO().fullmatch(text)
    if match:
        y, mo, d, h, mi, sec, zone = match.groups()
        clock = f"{h}:{mi}" + (f":{sec}" if sec else "")
        iso = f"{y}-{mo}-{d}T{clock}{zone or ''}"
        return " is ISO's basic form, without separators: ", f"write {iso}", f"type {iso}"
    match = _TWO_DAYS().fullmatch(text)
    if match and (match["month_a"] or match["month_b"]):
        name = (match["month_a"] or match["month_b"]).lower().rstrip(".")
        month = MONTH_NUMBERS.get(name)
        if month is not None:
            year, first, second = match["year"], int(match["a"]), int(match["b"])
            one, other = (f"{year}-{month:02d}-{day:02d}" for day in (first, second))
            return (
                " gives two days; ",
                f"for an event over both, write the span, {one}/{other}; for one of them, "
                "that day with a ? after it (uncertain); and keep the words in display_date",
                f"type one of them, {one} or {other}",
            )
    either = _EITHER().fullmatch(text)
    if either and all(_DIGIT().search(side) for side in either.groups()):
        return (
            " gives two dates, either of which it may be; ",
            "write the span from the first to the second as date and end_date, with the "
            "words in display_date, or the likelier date with a ? after it (uncertain)",
            _typed_one(either.group(1), either.group(2), "one of them"),
        )
    match = _HALF().fullmatch(text)
    if match:
        which, year = [part for part in match.groups() if part]
        if which.isdigit():  # "H1 2018", "2018 H2": the year may come first
            which, year = (which, year) if len(which) == 1 else (year, which)
        first = 1 if which.lower() in ("1", "1st", "first") else 7
        return (
            " is a half of a year, which may be a fiscal one; ",
            f"write its months as a range, such as {year}-{first:02d}/{year}-{first + 5:02d} "
            "for the calendar's, and keep the words in display_date",
            f"type a month of it, such as {year}-{first:02d} for the calendar's",
        )
    return None


def _either(first: When, last: When) -> str:
    """ "2018-07-11 or 2018-07-20": two dates to type, or one when they are the same."""
    a, b = format_iso(first), format_iso(last)
    return a if a == b else f"{a} or {b}"


def _typed_one(first: str, second: str, which: str) -> str | None:
    """What to type for a text that gives two dates (`first`, `second`): `which` ("one
    of them"), as ISO; None when either is not one date."""
    a, b = _as_iso(first), _as_iso(second)
    return f"type {which}, {a} or {b}" if a and b else None


def _open_example(start: str) -> str:
    """ ", 2018-07/.." for a span from "July 2018" still going on; "" when the start is
    not one date (the example was "2018-06/.." whatever the start)."""
    iso = _as_iso(start)
    return f", {iso}/.." if iso else ", its start with /.. after it"


def _as_iso(written: str) -> str:
    """A date written in words as ISO writes it ("July 2018": "2018-07"), for a
    refusal's advice; "" when it is not one date."""
    text = written.strip()
    if not text:
        return ""
    try:
        when = parse_iso(text, None) or read_written(text, None).when
    except DateError:
        return ""
    return format_iso(when) if when.qualifier is Qualifier.EXACT else ""


def _years_ago_advice(match: re.Match[str]) -> str:
    """What to write for "65 million years ago": the year as a negative number when so
    far back that the present's own year does not count; else the year it was."""
    number, scale = match.group(1).replace(",", ""), (match.group(2) or match.group(3) or "")
    try:
        years = float(number) * _SCALE.get(scale.lower(), 1)
    except ValueError:
        years = 0
    if years >= 100_000:
        return (
            f"write the year as a number, date = {-round(years)}, with circa, and keep the "
            "words in display_date"
        )
    return "write the year it was, with circa if approximate, and keep the words in display_date"


#: Which third of a span "early", "mid" and "late" (and their like) point to.
THIRDS = {"early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1, "late": 2, "end": 2}
_YEAR_ALONE = on_first_use(r"(\d{3,4})")
_MONTH_AND_YEAR = on_first_use(r"([A-Za-z]+)\.?,?\s+(\d{3,4})")


def _part_ends(word: str, rest: str) -> tuple[When, When] | None:
    """1997 and 1999 for "late" of "1990s": a third of the span `rest` names
    (`third_of`), in its own units; None when `rest` is not a year, a month, a decade
    or a century."""
    span = _plain_span(rest)
    return None if span is None else third_of(word, *span)


def _plain_span(rest: str) -> tuple[When, When] | None:
    """The year, month, decade or century `rest` names, as its first and last part."""
    if _YEAR_ALONE().fullmatch(rest):
        year = When(int(rest), precision=Precision.YEAR)
        return year, year
    match = _MONTH_AND_YEAR().fullmatch(rest)
    if match and match.group(1).lower() in MONTH_NUMBERS:
        month = MONTH_NUMBERS[match.group(1).lower()]
        when = When(int(match.group(2)), month, precision=Precision.MONTH)
        return when, when
    match = _DECADE().fullmatch(rest)
    if match and len(match.group(1)) <= len(str(MAX_YEAR)):
        decade = int(match.group(1))
        return When(decade, precision=Precision.YEAR), When(decade + 9, precision=Precision.YEAR)
    match = _CENTURY().fullmatch(rest)
    if (
        match
        and match.group(2).lower() == "century"
        and not match.group(3)
        and len(match.group(1)) < 6
    ):
        # "mid-20th century": a third of 1901-2000, as the century is read.
        start = (int(match.group(1)) - 1) * 100 + 1
        return When(start, precision=Precision.YEAR), When(start + 99, precision=Precision.YEAR)
    return None


def third_of(word: str, start: When, end: When) -> tuple[When, When]:
    """The third of the span from `start` to `end` that `word` ("early", "mid",
    "late"...) points to, in the unit below the span's when it is one year or one
    month: the months of a year by fours (2018-01/2018-04), the days of a month by
    tens (2018-07-11/2018-07-20), the years of a decade or century, the months of a
    quarter or a season: cut where a third of the span's count falls from its first
    round number (1990/1993, 1994/1996, 1997/1999 of the 1990s, whose years count
    from 1990; 1901/1933, 1934/1966, 1967/2000 of the 20th century, from 1900).

    No agreed span: it is what the date reader offers for such words, and what a
    display date using them is checked against (`read/display_dates.py`).
    """
    third = THIRDS[word]
    if start.precision is Precision.MONTH and (start.year, start.month) == (end.year, end.month):
        last = days_in_month(start.year, start.month)
        first_day, last_day = ((1, 10), (11, 20), (21, last))[third]
        day = start._replace(precision=Precision.DAY, written="")
        return day._replace(day=first_day), day._replace(day=last_day)
    if start.precision is Precision.YEAR and start.year == end.year:
        start = start._replace(month=1, precision=Precision.MONTH)
        end = end._replace(month=12, precision=Precision.MONTH)
    if start.precision is Precision.MONTH:
        months = [
            (start.year + (start.month - 1 + n) // 12, (start.month - 1 + n) % 12 + 1)
            for n in range((end.year - start.year) * 12 + end.month - start.month + 1)
        ]
        (year, month), (last_year, last_month) = _third(months, third, zero_based=False)
        return (
            When(year, month, precision=Precision.MONTH),
            When(last_year, last_month, precision=Precision.MONTH),
        )
    years = [year for year in range(start.year, end.year + 1) if year]  # no year 0
    # A decade's years count from its year 0 (1990); a century's from 1 (1901).
    first_year, last_year = _third(years, third, zero_based=start.year % 10 == 0)
    return When(first_year, precision=Precision.YEAR), When(last_year, precision=Precision.YEAR)


_Part = TypeVar("_Part")


def _third(parts: list[_Part], third: int, zero_based: bool) -> tuple[_Part, _Part]:
    """The first and last of the `third` (0, 1 or 2) of `parts`, cut where a third and
    two thirds of their count fall when they are numbered from 0 (`zero_based`: a
    decade's 10 years as 4, 3 and 3) or from 1 (a century's 100 as 33, 33 and 34; a
    year's 12 months as 4, 4 and 4)."""
    count = len(parts)
    cuts = (0, count // 3 + zero_based, 2 * count // 3 + zero_based, count)
    start = min(cuts[third], count - 1)  # fewer parts than thirds: the nearest part
    return parts[start], parts[max(cuts[third + 1], start + 1) - 1]


def read_named_span(text: str) -> Span | None:
    """A decade, a century or a quarter written as such, or None."""
    match = _DECADE().fullmatch(text)
    if match:
        digits = match.group(1)
        if len(digits) > len(str(MAX_YEAR)):
            raise DateError(year_out_of_range(text))
        first = int(digits)
        if first % 100 == 0:
            raise DateError(
                f"{text!r} may be the decade {first}-{first + 9} or the century "
                f"{first}-{first + 99}; write {first}/{first + 9} or {first}/{first + 99}"
            )
        return Span(_year(first, text), _year(first + 9, text))
    short = _SHORT_DECADE().fullmatch(text)
    if short:
        # (The example was 1990s, whatever the decade: one a writer might copy as it is.)
        raise DateError(
            f"{text!r} does not say its century; write the decade in full, with its "
            f"century: 19{short.group(1)}s, 18{short.group(1)}s..."
        )
    match = _CENTURY().fullmatch(text)
    if match:
        number, unit = int(match.group(1)), match.group(2).lower()
        if number == 0:
            plural = "centuries" if unit == "century" else "millennia"
            raise DateError(f"{text!r}: {plural} are counted from the 1st")
        bce = (match.group(3) or "").upper().startswith("B")
        size = 100 if unit == "century" else 1000
        first, last = (number - 1) * size + 1, number * size
        if last > MAX_YEAR:
            raise DateError(year_out_of_range(text))
        start, end = (-last, -first) if bce else (first, last)
        span = f"{last} BCE to {first} BCE" if bce else f"{first} to {last}"
        exact = f"{last} BCE – {first} BCE" if bce else f"{first}/{last}"
        ending = "1" if size == 100 else "001"
        note = (
            f"{text!r} was read as the years {span} (a {unit} starts in a year ending "
            f"in {ending}); write {exact} to say so"
        )
        return Span(_year(start, text), _year(end, text), (note,))
    match = _QUARTER().fullmatch(text)
    if match:
        quarter = int(match.group(1) or match.group(4))
        year = int(match.group(2) or match.group(3))
        month = quarter * 3 - 2
        opens = When(year, month, precision=Precision.MONTH)
        closes = When(year, month + 2, precision=Precision.MONTH)
        note = (
            f"{text!r} was read as the calendar quarter {format_long(opens)} to "
            f"{format_long(closes)}; a fiscal quarter may differ: write "
            f"{year}-{month:02d}/{year}-{month + 2:02d} to say so"
        )
        return Span(opens, closes, (note,))
    return None


def _year(year: int, text: str) -> When:
    if year == 0:
        raise DateError(no_year_zero(text))
    if abs(year) > MAX_YEAR:
        raise DateError(year_out_of_range(text))
    return When(year, precision=Precision.YEAR)


def split_range(text: str) -> tuple[str, str] | None:
    """The two ends of a range written in one field, each a whole date, or None.

    "16-19 July 2018" gives "16 July 2018" and "19 July 2018"; "16 July to 19 July
    2018" gives "16 July" and "19 July 2018" (`complete` lends the first the year).
    """
    found = _FROM().match(text)
    if found:
        text = text[found.end() :]
    match = _WORDS().fullmatch(text) or _SPACED_DASH().fullmatch(text)
    if match:
        return _lend_day(*_lend_month(match.group(1).strip(" ,"), match.group(2).strip(" ,")))
    match = _YEARS().fullmatch(text)
    if match:
        first, last = match.group(1), match.group(2)
        if len(first) <= 2 and 1 <= int(first) <= 12 and len(last) >= 3:
            # "7-2018" read as the years 7 to 2018, silently, where most writers mean
            # July 2018 (found trying the tool as a new user).
            raise DateError(
                f"{text!r} could be {MONTHS[int(first) - 1]} {last} or the years "
                f"{int(first)} to {last}; write {last}-{int(first):02d} for the month, or "
                f"{int(first):04d}/{last} for the years"
            )
        return first, last
    match = _INNER().search(text)
    if match and _same_kind(match.group(1), match.group(2)):
        head, tail = text[: match.start()], text[match.end() :]
        return (head + match.group(1) + tail).strip(), (head + match.group(2) + tail).strip()
    match = _LONG_DASH().fullmatch(text)
    if match:
        return _lend_month(match.group(1).strip(" ,"), match.group(2).strip(" ,"))
    return None


def _lend_day(left: str, right: str) -> tuple[str, str]:
    """The ends of "2018-07-16 14:00 - 16:00", the second given the first's day (and
    its offset, if the second has none): both times are of that day."""
    day = _ISO_DAY_TIME().match(left)
    clock = _CLOCK_ONLY().fullmatch(right)
    if day is None or clock is None:
        return left, right
    offset = right if clock["offset"] else f"{right}{day['offset'] or ''}"
    return left, f"{day['day']}T{offset}"


def _lend_month(left: str, right: str) -> tuple[str, str]:
    """The ends of "July 8 - 10, 2018", the second given the first's month: alone,
    "10, 2018" was read as October 2018, so the range ran from 8 July to October
    (found trying dates as a new user)."""
    if _DAY_AND_YEAR().fullmatch(right) and not _HAS_YEAR().search(left):
        month = next(
            (word for word in _LETTERS().findall(left) if word.lower() in MONTH_NUMBERS), None
        )
        if month is not None:
            return left, f"{month} {right}"
    return left, right


def _same_kind(a: str, b: str) -> bool:
    """Both days, or both months: what may be joined by a dash inside one date."""
    if _ORDINAL().fullmatch(a) and _ORDINAL().fullmatch(b):
        return True
    return a.lower() in MONTH_NUMBERS and b.lower() in MONTH_NUMBERS


def read_range(text: str, left: str, right: str, read_point: ReadPoint) -> Span:
    """Read both ends; the first may borrow its year (and month) from the second."""
    if right.lower() in _ONGOING:
        raise DateError(
            f"{text!r} ends {right!r}, which is not a date: for a span still going on, "
            f"give an open end{_open_example(left)}"
        )
    end = _end(text, left, right, right, read_point)
    completed = complete(left, end.when)
    start = _end(text, completed, right, completed, read_point)
    start_when = start.when._replace(written=text)
    end_when = end.when._replace(written=text)
    if end_when.key < start_when.key:
        short = _short_end_year(text, left, right)
        if short:
            raise DateError(short)
        raise DateError(
            f"{text!r} ends ({format_long(end.when)}) before it starts "
            f"({format_long(start.when)}); write the earlier date first"
        )
    return Span(start_when, end_when, start.notes + end.notes)


def _short_end_year(text: str, left: str, right: str) -> str | None:
    """What is said of a range whose end year is written short ("1850–60", "1939–45"):
    the end would read as the year 60; None when that is not it."""
    if not (_BARE_DAY().fullmatch(right) and _YEAR_ALONE().fullmatch(left)):
        return None
    start, tail = int(left), int(right)
    step = 10 ** len(right)
    end = start - start % step + tail
    if end <= start:
        end += step
    return (
        f"{text!r} writes its end year short ({right}), which reads as the year {tail}; "
        f"write it in full: {left}–{end}"
    )


def _end(text: str, left: str, right: str, side: str, read_point: ReadPoint) -> Point:
    """One end of a range read, its refusal said of the whole: an end the range
    does not write as such ("February 31, 2018" of "February 30-31, 2018") is named
    with how the range was read, so that the message quotes nothing unexplained."""
    try:
        return read_point(side)
    except DateError as refused:
        if side in text:
            raise
        # Of the same kind: an end in no known form leaves the whole to say more.
        said = f"{text!r} reads as {left!r} to {right!r}, and {refused}"
        raise type(refused)(said) from None


def complete(left: str, end: When) -> str:
    """The first end of a range with what it leaves to the second: a year, a month."""
    if _HAS_YEAR().search(left):
        return left
    year = str(end.year) if end.year > 0 else f"{-end.year} BCE"
    if _BARE_DAY().fullmatch(left):
        if end.precision < Precision.MONTH:
            return left  # a day of no month: the point reader says what is wrong
        return f"{left} {_month_name(end.month)} {year}"
    return f"{left} {year}"


def _month_name(month: int) -> str:
    return next(name for name, number in MONTH_NUMBERS.items() if number == month)

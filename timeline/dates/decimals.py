"""Decimal numbers in a date written in words, refused with what to write.

python-dateutil keeps the whole part of a decimal number and drops the rest without a
word: "July 4.5 2018" and "4.5 July 2018" were 4 July 2018, "1850.25" the year 1850,
"2018.07" the year 2018, "3.30pm July 4 2018" 15:00 and "4 July 2018 4.5 pm" 16:00;
the minutes of "14:05.30" it read as 5.3, 14:05:18. A date holds whole days, months
and years, and times to the second, so none of these is read: the message says what to
write for what the number may mean (a time of day, a span of days, a month). What was
read stays read: dotted dates ("05.07.2018", "2018.07.05"), a fraction of a second
(left out, with a note), a dot after a word or a number ("Jul. 4", "4. July", "p.m.").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from timeline.dates.calendar import MONTH_NUMBERS, MONTHS
from timeline.dates.clock_words import clock_refusal
from timeline.dates.errors import DateError
from timeline.dates.iso import fraction_refusal
from timeline.dates.patterns import on_first_use
from timeline.dates.show import format_iso
from timeline.model import Precision, When

# A number with a decimal point (".5" too), not a part of a dotted date ("05.07.2018"),
# of a time's seconds ("14:05:30.5") or of an offset ("UTC+5.5", refused as such); or a
# year with a decimal comma, as much of Europe writes it ("1850,25", "1667,1668": read
# as 1850 and 1667), not a day before the year ("July 4,2018"), thousands ("100,000
# BCE") nor EDTF's set ("[1667,1668]", refused as such).
_DECIMAL = on_first_use(
    r"(?<![\d.,:+\-\[{])(?:(?P<whole>\d*)\.(?P<fraction>\d+)(?![\d.:])"
    r"|(?P<year>\d{3,}),(?P<part>\d{1,2}|\d{4,})(?![\d.,:]))"
)
# Minutes with a fraction ("14:05.5", "14:05.30", "14:05,5"), not a time's seconds
# ("14:05:30.5").
_MINUTES = on_first_use(r"(?<![\d:])\d{1,2}:\d{2}(?P<fraction>[.,]\d+)(?![\d:])")
# What makes the number an hour: am, pm or h after it ("4.5 pm", "4.5h").
_HOUR_AFTER = on_first_use(r"\s*(?:[ap]\.?\s*m\b|h\b)", re.I)
# What makes it a day: a month's name before it ("July 4.5") or after it ("4.5 July",
# "4.5th of July").
_WORD_BEFORE = on_first_use(r"([A-Za-z]+)\.?,?\s*$")
_WORD_AFTER = on_first_use(r"(?:st|nd|rd|th)?\.?,?\s*(?:of\s+)?([A-Za-z]+)", re.I)
# What makes it a count of a relative date: a unit after it ("2.5 days later").
_UNIT_AFTER = on_first_use(r"\s*(day|week|fortnight|month|year)s?\b", re.I)

#: Said after what to write where a field's words may be kept (not of a date typed).
_KEEP = ", and keep the words in display_date"


def decimal_refusal(
    body: str, text: str, read: Callable[[str], When], *, in_file: bool = True
) -> str | None:
    """Why `text` (its date part `body`) is refused for a decimal number in it, with
    what to write; None when it has none. `read` reads a date written in words, for the
    dates the message gives as examples (what it raises leaves them out). `in_file`: a
    file's field, whose words can be kept in display_date (not a date typed)."""
    minutes = _MINUTES().search(body)
    if minutes:
        return fraction_refusal(text, "a minute", minutes.group("fraction"))
    found = _DECIMAL().search(body)
    if found is None:
        return None
    number = found.group()
    keep = _KEEP if in_file else ""
    if found["year"] is not None:
        return _year_with_comma(text, found["year"], found["part"]) + keep
    whole, fraction = found["whole"], found["fraction"]
    before, after = body[: found.start()], body[found.end() :]
    if _HOUR_AFTER().match(after):
        # "3.30pm": a time written with a dot, as British writers do; "4.5 pm", part of
        # an hour.
        dotted = clock_refusal(body, text) if len(fraction) == 2 else None
        return dotted or fraction_refusal(text, "an hour", number)
    unit = _UNIT_AFTER().match(after)
    if unit:
        name = unit.group(1).lower()
        return (
            f"{text!r} counts {number} {name}s, and a relative date counts whole {name}s: "
            f"write a whole number of them, or the date itself{keep}"
        )
    if len(whole) >= 3:
        return _year(text, number, int(whole), fraction) + keep
    if _month_beside(before, after):
        whole_day = f"{before}{whole}{after}"
        return _day(text, number, (lambda: read(whole_day)) if whole else None) + keep
    month = int(whole or 0)
    if 1 <= month <= 12 and len(fraction) in (3, 4):
        year = int(fraction)
        return (
            f"{text!r} writes the month and year with a dot; for {MONTHS[month - 1]} "
            f"{year}, write {year:04d}-{month:02d}"
        )
    if len(fraction) == 2:
        dotted = clock_refusal(body, text)  # "15.30": a time written with a dot
        if dotted:
            return dotted
    return (
        f"{text!r} has the number {number}, and the numbers of a date are whole: write the "
        f"date as ISO (year-month-day, and a time after T in hours, minutes and seconds){keep}"
    )


def _month_beside(before: str, after: str) -> bool:
    """Whether a month's name is written next to the number, which makes it a day."""
    words = (_WORD_BEFORE().search(before), _WORD_AFTER().match(after))
    return any(word is not None and word.group(1).lower() in MONTH_NUMBERS for word in words)


def _year(text: str, number: str, year: int, fraction: str) -> str:
    """What is said of a year with a fraction ("2018.5", "July 2018.5", "2018.07")."""
    said = f"{text!r} gives the year as {number}, and a year is a whole number: "
    meant = f"the month or day meant as ISO ({year:04d}-MM or {year:04d}-MM-DD)"
    month = int(fraction) if len(fraction) == 2 else 0
    if 1 <= month <= 12:  # "2018.07": perhaps July, written with a dot
        return (
            f"{said}for {MONTHS[month - 1]} {year}, write {year:04d}-{month:02d}; for "
            f"another part of {year}, {meant}"
        )
    return f"{said}write {meant}"


def _year_with_comma(text: str, year: str, part: str) -> str:
    """What is said of a year and a number after a comma: two years ("1667,1668"), or
    a year with a decimal comma ("1850,25")."""
    if len(part) < 3:
        return _year(text, f"{year},{part}", int(year), part)
    return (
        f"{text!r} gives two years, {year} and {part}: for an event over both, write the "
        f"span, {year}/{part}; for one of them, that year with a ? after it (uncertain)"
    )


def _day(text: str, number: str, read: Callable[[], When] | None) -> str:
    """What is said of a day with a fraction ("July 4.5 2018"): the time and the span
    to write, of the day its whole number names when `read` reads it."""
    said = f"{text!r} gives the day as {number}, and a day is a whole number: "
    day = None
    if read is not None:
        try:
            day = read()
        except DateError:
            day = None
    if day is None or day.precision < Precision.DAY or not 1 <= day.year <= 9999:
        return (
            f"{said}for a time of that day, write it (as ISO, YYYY-MM-DDTHH:MM), for several "
            "days, the span (YYYY-MM-DD/YYYY-MM-DD)"
        )
    iso = format_iso(When(day.year, day.month, day.day))
    try:
        following = date(day.year, day.month, day.day) + timedelta(days=1)
    except OverflowError:  # 31 December 9999: no day follows in the calendar
        return f"{said}for a time of that day, write it ({iso}THH:MM)"
    return (
        f"{said}for a time of that day, write it ({iso}THH:MM), for several days, the span "
        f"(such as {iso}/{following})"
    )

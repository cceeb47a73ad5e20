"""Years before the common era: the two numberings, and the form that has only one.

The tool numbers years as TimelineJS does, with no year 0: -44 is 44 BCE, and so it
writes 44 BCE in ISO's shape, "-0044" (`show.format_iso`). ISO 8601 and EDTF number them
astronomically, with a year 0 that is 1 BCE: to them "-0044" is 45 BCE. A researcher
who writes ISO means ISO, so a negative year written as ISO writes it (four digits or
more: "-0043", "-0043-03-15") is read as TimelineJS reads it, and said to be, with the
year ISO would give and the form that names the era ("15 March 43 BCE"), which reads
one way only. "-44" and "-44-03-15", which ISO does not write, are TimelineJS's alone.
"""

from __future__ import annotations

from timeline.dates.calendar import MONTHS
from timeline.model import Precision, Qualifier, When

#: The fewest digits of a year written as ISO 8601 writes one ("-0043").
ISO_YEAR_DIGITS = 4
#: The most years before the common era an ISO date string is read with (six digits).
ISO_BCE_YEARS = 999_999


def iso_numbered(year: str) -> bool:
    """Whether a year as written (`"-0043"`) is a negative year in ISO's shape: a minus
    and four digits or more, which ISO 8601 and EDTF number with a year 0."""
    return year[:1] == "-" and len(year) > ISO_YEAR_DIGITS


def era_form(when: When) -> str:
    """A date before the common era as the reader reads it one way only: "44 BCE",
    "March 44 BCE", "15 March 44 BCE", with a qualifier as words or EDTF's "?" ("circa
    44 BCE", "44 BCE?"). A time of the day is left out: no form with an era holds one."""
    text = f"{-when.year} BCE"
    if when.precision >= Precision.MONTH:
        text = f"{MONTHS[when.month - 1]} {text}"
    if when.precision >= Precision.DAY:
        text = f"{when.day} {text}"
    if when.qualifier is Qualifier.UNCERTAIN:
        return f"{text}?"
    if when.qualifier is not Qualifier.EXACT:
        return f"{when.qualifier.value} {text}"
    return text


def numbering_note(text: str, when: When, end: When | None = None) -> str:
    """What is said of a date whose negative year is written as ISO writes one
    (`iso_numbered`), read as `when` (to `end`, for EDTF's "-01XX"): the reading, ISO's,
    and how to write either (with the date's qualifier: "-0044~" is to be written
    "circa 44 BCE")."""

    def said(shift: int, qualified: bool) -> str:
        first = when if qualified else when._replace(qualifier=Qualifier.EXACT)
        text = era_form(first._replace(year=first.year - shift))
        if end is not None:
            text += f" – {era_form(end._replace(year=end.year - shift))}"
        return text

    year = -when.year
    return (
        f"{text!r} was read as {said(0, False)}, numbering years as TimelineJS does (-{year} "
        f"is {year} BCE); ISO 8601 and EDTF count a year 0 (1 BCE), so to them it is "
        f"{said(1, False)}: write {said(0, True)} or {said(1, True)} to say which"
    )


def typed_numbering_refusal(text: str, when: When) -> str:
    """What is said of such a date typed at the date line or in a filter, which carries
    no note: it is refused, with both readings to type."""
    read, iso = era_form(when), era_form(when._replace(year=when.year - 1))
    return (
        f"{text!r} could be {read}, as TimelineJS numbers years, or {iso}, as ISO 8601 "
        f"does (it counts a year 0); type {read} or {iso} to say which"
    )

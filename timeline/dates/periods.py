"""A period a display date names in words that no date field takes: "summer 2010", "the
early 1990s", "circa the 1990s", "late July 2018?", "before the 1990s", "between 16 and
19 July 2018".

A date field refuses them, with what to write instead: a season falls in different
months in each hemisphere, "early" gives no agreed span, and a qualifier bounds one
date, not a span. Shown in place of an event's dates, they still say when, so a display
date using them is checked against the dates (`read/display_dates.py`), read here as
what the date reader offers for the same words: a third of the span for "early", "mid"
and "late" (`spans.third_of`: 1990 to 1993 for "early 1990s"), a season's months in
either hemisphere (`seasons.hemispheres`), "between" the span its two dates give (a
date field says to write its ends as date and end_date), and a doubt or a bound as
the date reader reads one ("circa", "c.", "?", "before", "after").
"""

from __future__ import annotations

from datetime import tzinfo
from typing import NamedTuple

from timeline.dates.errors import DateError
from timeline.dates.parse import qualifier_word, read_date
from timeline.dates.patterns import on_first_use
from timeline.dates.seasons import hemispheres
from timeline.dates.show import format_range
from timeline.dates.spans import (
    THIRDS,
    between_words,
    part_words,
    season_words,
    split_range,
    third_of,
)
from timeline.model import Precision, Qualifier, When

_THE = on_first_use(r"(?i)the\s+(\S.*)")
_YEAR = on_first_use(r"\d{3,4}")
_THIRD_NAMES = ("first", "middle", "last")


class Period(NamedTuple):
    """What a display date in such words names.

    Attributes:
        spans: Each stretch of time the words may stand for, as its first and last
            date: one, or a season's in the north and in the south.
        qualifier: The words' doubt (circa, uncertain) or bound (before the first
            date, after the last), else exact.
        said: How the words were read, for messages: "1990 – 1993, the first third of
            1990 – 1999"; "Jun 2010 – Aug 2010 in the north, Dec 2010 – Feb 2011 in
            the south".
    """

    spans: tuple[tuple[When, When], ...]
    qualifier: Qualifier
    said: str


def read_period(text: str, tz: tzinfo | None = None) -> Period | None:
    """The period a display date names in words no date field reads, or None: for
    text a date field reads (`parse.read_shown`'s), and for words that state no
    period (a day qualified by "early"). "Between 2018 and 2019" names the span the
    date is unknown within."""
    body = text.strip()
    qualifier = Qualifier.EXACT
    found = qualifier_word(body)
    if found is not None:
        qualifier, body = found
    if body.endswith("?"):
        if qualifier is not Qualifier.EXACT:
            return None  # two qualifiers: the writer's own words
        qualifier, body = Qualifier.UNCERTAIN, body[:-1].rstrip()
    ends = between_words(body)
    if ends is not None:
        # "between 16 and 19 July 2018": a date unknown within the span, as a date
        # field's message offers to write it (its ends as date and end_date).
        span = _between(*ends, tz)
        if span is None or qualifier in (Qualifier.BEFORE, Qualifier.AFTER):
            return None  # not two dates, or "before between...": the writer's own words
        return Period((span,), qualifier, _range(*span))
    body = _without_the(body)
    word = ""
    part = part_words(body)
    if part is not None:
        word, body = part[0], _without_the(part[1])
    spans: tuple[tuple[When, When], ...]
    season = season_words(body)
    if season is not None:
        name, year = season
        if not _YEAR().fullmatch(year):
            return None
        spans = hemispheres(name, int(year))
        wholes = [f"{_range(*spans[0])} in the north", f"{_range(*spans[1])} in the south"]
    else:
        if not word and qualifier is Qualifier.EXACT:
            return None  # a date field's own form, or no date at all
        span = _span(body, tz)
        if span is None:
            return None
        spans = (span,)
        wholes = [_range(*span)]
    if word:
        spans = tuple(third_of(word, *whole) for whole in spans)
        third = _THIRD_NAMES[THIRDS[word]]
        said = ", ".join(
            f"{_range(*span)}, the {third} third of {whole}"
            for span, whole in zip(spans, wholes, strict=True)
        )
    else:
        said = ", ".join(wholes)
    if qualifier in (Qualifier.BEFORE, Qualifier.AFTER) and len(spans) > 1:
        return None  # before which hemisphere's summer?
    return Period(spans, qualifier, said)


def _range(first: When, last: When) -> str:
    """ "1990 – 1993"; "Jul 2018" for a period of one month."""
    return format_range(first, None if last == first else last)


def _without_the(text: str) -> str:
    match = _THE().fullmatch(text)
    return text if match is None else match.group(1)


def _between(first: str, last: str, tz: tzinfo | None) -> tuple[When, When] | None:
    """The span "between `first` and `last`" names, read as the range from one to the
    other is ("16 to 19 July 2018": the month and year said once); None unless both
    are dates without a qualifier of their own."""
    try:
        reading = read_date(f"{first} to {last}", tz)
    except DateError:
        return None
    start, end = reading.start, reading.end or reading.start
    if Qualifier.EXACT is not start.qualifier or Qualifier.EXACT is not end.qualifier:
        return None
    return start, end


def _span(text: str, tz: tzinfo | None) -> tuple[When, When] | None:
    """The year or month `text` names, or the period named as one (a decade, a
    century, a quarter), as its first and last date; None for anything else (a day,
    a range from one date to another, a date with a qualifier of its own)."""
    try:
        reading = read_date(text, tz)
    except DateError:
        return None
    start = reading.start
    if start.qualifier is not Qualifier.EXACT:
        return None
    if reading.end is None:
        return (start, start) if start.precision <= Precision.MONTH else None
    try:
        two_ends = "/" in text or split_range(text) is not None
    except DateError:
        two_ends = False
    return None if two_ends else (start, reading.end)

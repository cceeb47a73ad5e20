"""What is checked of an event once it is read, whatever its format, in one place.

A quote dated after every source it can come from was read, and a source read on a
day still to come, are contradictions between the file's own dates: one of them is
wrong, and a quote attributed to the wrong day is the worst thing a timeline can
hold. Every reader says them with the same judgement and words, from here. The TOML
reader says each at its field as it reads it (`records.py`, `table_checks.py`, and
`resolve.resolve_quote_dates` for a quote dated from its event); the TimelineJS and
CSV readers, whose quotes' dates and sources' access dates come back from a slide's
hidden data, at each slide once its events are built and their dates counted
(`slides.Builder.timeline`, through `doubts`). Until they did, a file opened as
TimelineJS JSON or CSV said nothing of what its TOML said.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from timeline.dates import format_iso, in_utc, parse_date
from timeline.model import Event, Precision, Qualifier, Quote, Source, When


def surely_before(a: When, b: When) -> bool:
    """Whether exact date `a` ends before exact date `b` begins, compared at the coarser
    precision (July 2018 is not before 18 July), and as instants when both are times
    with zones (08:00 at UTC-07:00 is after 09:00 UTC)."""
    if a.qualifier is not Qualifier.EXACT or b.qualifier is not Qualifier.EXACT:
        return False
    if a.order or b.order:
        return False
    if a.precision >= Precision.HOUR and b.precision >= Precision.HOUR:
        if (a.tz is None) != (b.tz is None):
            return False  # a time in no zone cannot be set against one in a zone
        a, b = in_utc(a), in_utc(b)
    known = min(a.precision, b.precision) + 1
    return a.key[:known] < b.key[:known]


def quote_after_sources(quote: Quote, sources: Sequence[Source]) -> str | None:
    """What to say of a quote dated after every source it can come from was read (its
    own source, else its event's), or None when that is not surely so.

    A copy of a page saved, or a page read, on 10 July cannot hold words said on 17
    July. A source with no `accessed` date could hold it.
    """
    said = quote.date
    if said is None:
        return None
    holders = (quote.source,) if quote.source is not None else tuple(sources)
    read = [source.accessed for source in holders if source.accessed is not None]
    if not read or len(read) < len(holders) or not all(surely_before(w, said) for w in read):
        return None
    dated = f"the quote is dated {format_iso(said)}"
    if quote.source is not None or len(read) == 1:
        whose = "its own source's" if quote.source is not None else "its event's source's"
        first = f"{dated}, after {whose} 'accessed' date ({format_iso(read[0])})"
    else:
        last = format_iso(max(read, key=attrgetter("key")))
        first = f"{dated}, after every source of its event was accessed (the last on {last})"
    return (
        f"{first}: a copy read then cannot hold words said later; correct the quote's "
        "date or the source's 'accessed'"
    )


@lru_cache(maxsize=1)
def _day(day: date) -> When:
    """A day as a date, read once: every access date of a load is set against today's
    (`read_after_today`), which is read again only when the system's date changes."""
    return parse_date(day)


def read_after_today(accessed: When, today: When | None = None) -> str | None:
    """What to say of a source read (`accessed`) on a day still to come, or None.
    `today` is the system's date unless given."""
    today = _day(date.today()) if today is None else today
    if not surely_before(today, accessed):
        return None
    return (
        f"{format_iso(accessed)} is after today ({format_iso(today)}): a source cannot have "
        "been read on a day still to come; check the year"
    )


class Doubt(NamedTuple):
    """One thing `doubts` says of an event.

    Attributes:
        quote: The quote it is about, numbered from 1; 0 for the event's own sources.
        message: What to say, after the event is named: "quote 1: the quote is dated…",
            "source 2: accessed 2999-07-10 is after today…".
    """

    quote: int
    message: str


def doubts(event: Event, today: When | None = None) -> list[Doubt]:
    """What this module's checks say of a built event, its quotes' dates counted: each
    source read after today (the event's, then each quote's own), each quote dated
    after its sources were read."""
    found: list[Doubt] = []
    for n, source in enumerate(event.sources, 1):
        said = source_doubt(source, today)
        if said is not None:
            found.append(Doubt(0, f"source {n}: {said}"))
    for k, quote in enumerate(event.quotes, 1):
        if quote.source is not None:
            said = source_doubt(quote.source, today)
            if said is not None:
                found.append(Doubt(k, f"quote {k}: its source: {said}"))
        said = quote_after_sources(quote, event.sources)
        if said is not None:
            found.append(Doubt(k, f"quote {k}: {said}"))
    return found


def source_doubt(source: Source, today: When | None = None) -> str | None:
    """What to say of one source's access date ("accessed 2999-07-10 is after today…"),
    or None."""
    if source.accessed is None:
        return None
    said = read_after_today(source.accessed, today)
    return None if said is None else f"accessed {said}"

"""Writing our TOML format from the model, tidy and ready to edit (`timeline import`).

A small writer of its own rather than a dependency: the format needs only strings,
booleans, dates, arrays of strings and inline tables. Every character is escaped
correctly (control characters as \\uXXXX), long prose becomes multi-line strings
wrapped at spaces with line-ending backslashes, and dates are written at their
precision: `2018-07-19` as a TOML date, `"2018-07"`, `"2018"` or
`"2018-07-19T14:05"` as strings, relative dates as written with `relative_to`.

Provenance: a single source with only a label and a URL is `source = ...` on one
line; several sources, or one with an archive, an access date or a kind, are
`[[events.sources]]` tables, one key a line. A quote's own source is an inline table.
A quote's date relative to its event ("3 days after") is written as written when it
counts to the same date again; otherwise (it was counted from another event, which
only a hand-edited TimelineJS file can say) the date it gave is written, with a
comment saying what it was counted from.
"""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import datetime, tzinfo

from timeline.dates import (
    DateError,
    aware,
    format_iso,
    format_long,
    format_written,
    in_utc,
    parse_date,
    parse_relative,
    read_date,
    resolve,
    timeline_zone,
)
from timeline.dates.iso import LAST_PLAIN_YEAR
from timeline.model import Era, Event, Media, Precision, Qualifier, Quote, Source, Timeline, When
from timeline.text import is_unsafe_raw

#: Text longer than this, or with a line break, is written as a multi-line string.
LONG = 80
#: Multi-line strings are wrapped at a space near this width.
WIDTH = 88

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def key(name: str) -> str:
    """A key, bare when it can be."""
    return name if _BARE_KEY.fullmatch(name) else string(name)


def _escape_char(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    if code < 0x20 or is_unsafe_raw(char):  # C0, DEL, C1, bidi marks: inert on a screen
        return f"\\u{code:04X}"
    return char


def string(text: str) -> str:
    """A one-line basic string."""
    return '"' + "".join(_escape_char(c) for c in text) + '"'


def multiline(text: str) -> str:
    """A multi-line basic string: line breaks kept, long lines wrapped at spaces."""
    lines: list[list[str]] = [[]]
    last = len(text) - 1
    for i, char in enumerate(text):
        if char == "\n":
            lines.append([])
        elif char == '"':
            # Never two unescaped quotes in a row, nor one just before the closing quotes.
            escape = i == last or text[i + 1] == '"'
            lines[-1].append('\\"' if escape else '"')
        elif char == "\t":
            lines[-1].append("\t")
        else:
            lines[-1].append(_escape_char(char))
    return '"""\n' + "\n".join(_wrap(line) for line in lines) + '"""'


def _wrap(chars: list[str]) -> str:
    """Join escaped characters, breaking after a single space before a non-space."""
    out: list[str] = []
    width = 0
    for i, piece in enumerate(chars):
        out.append(piece)
        width += len(piece)
        if (
            piece == " "
            and width >= WIDTH - 20
            and i + 1 < len(chars)
            and chars[i + 1] not in (" ", "\t")
            and _room_left(chars, i + 1) > 10
        ):
            out.append("\\\n")
            width = 0
    return "".join(out)


def _room_left(chars: list[str], start: int) -> int:
    return sum(len(c) for c in chars[start:])


def text_value(text: str) -> str:
    """A string, multi-line when long or when it has line breaks."""
    if "\n" in text or len(text) > LONG:
        return multiline(text)
    return string(text)


def array(items: tuple[str, ...] | list[str]) -> str:
    """An inline array of strings."""
    return "[" + ", ".join(string(item) for item in items) + "]"


def inline_table(pairs: list[tuple[str, str]]) -> str:
    """An inline table of non-empty strings."""
    body = ", ".join(f"{key(k)} = {string(v)}" for k, v in pairs if v)
    return "{ " + body + " }" if body else "{}"


# ---------------------------------------------------------------------- dates


def _moves(when: When | None, zone: tzinfo | None) -> bool:
    """Whether a time read back in the timeline's zone shows another wall-clock time:
    an event of a merged file kept in its own zone (23:30 in Paris is 14:30 in Los
    Angeles). A date counted from it would be counted from another day."""
    at = None if when is None or zone is None else aware(when)
    if at is None:
        return False
    try:
        return at.astimezone(zone).replace(tzinfo=None) != at.replace(tzinfo=None)
    except OverflowError:  # beyond the calendar in that zone: another day, at least
        return True


def _same(a: When, b: When) -> bool:
    a, b = in_utc(a), in_utc(b)
    return (
        a.key == b.key
        and a.precision is b.precision
        and a.qualifier is b.qualifier
        and (a.hour, a.minute, a.second) == (b.hour, b.minute, b.second)
        # The side only: the rest of an order is its rank among the file's bound dates
        # (timeline.read.orders), which the loader gives again from the whole file.
        and a.order[:1] == b.order[:1]
    )


# How `datetime.isoformat()` writes a TOML date-time the file held as a bare value.
_TOML_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:[+-]\d{2}:\d{2})?"
)


def _as_written(when: When, zone: tzinfo | None) -> tuple[str, bool] | None:
    """The date as the file wrote it, if that reads back the same, with `circa = true`
    when the file said so beside it ("after 8 Jan 1980" with circa); else None.

    A bare TOML date-time (`2018-07-19T14:05:00`) is written bare again: as a string
    it would read at the second, not the minute.
    """
    written = when.written
    candidates: list[tuple[object, str]] = []
    if _TOML_DATETIME.fullmatch(written):
        with suppress(ValueError):
            candidates.append((datetime.fromisoformat(written), written))
    literal = written if _is_toml_date(when, circa_ok=True) and written == format_iso(when) else ""
    if when.year < 0 and when.precision is Precision.YEAR and written == str(when.year):
        # A BCE year written as a number ("-1000", as TOML's integer writes it): an
        # integer again. As a string, in ISO's shape, it is read back with a warning that
        # ISO 8601 numbers it 1001 BCE, which the integer never was.
        candidates.append((when.year, written))
    candidates.append((written, literal or string(written)))
    for value, shown in candidates:
        try:
            again = parse_date(value, zone)
        except DateError:
            continue
        if again.written != written:
            continue
        if _same(again, when):
            return shown, False
        if when.qualifier is Qualifier.CIRCA and _same(
            again._replace(qualifier=Qualifier.CIRCA), when
        ):
            return shown, True
    return None


def _span_as_written(when: When, end: When | None, zone: tzinfo | None) -> tuple[str, bool] | None:
    """A span as the file wrote it in one field ("Q3 2018", "16-19 July 2018"), if that
    reads back as the same two ends, with `circa = true` when the file said so beside
    it; else None. Written as two dates, it would lose how it was written, and the
    warning that goes with some forms (a quarter read as the calendar's)."""
    if end is None or not when.written or when.written != end.written:
        return None
    try:
        again = read_date(when.written, zone)
    except DateError:
        return None
    if again.end is None or again.start.written != when.written:
        return None
    if _same(again.start, when) and _same(again.end, end):
        return string(when.written), False
    start = again.start._replace(qualifier=Qualifier.CIRCA)
    if _same(start, when) and _same(again.end._replace(qualifier=Qualifier.CIRCA), end):
        return string(when.written), True
    return None


def date_value(when: When, zone: tzinfo | None) -> tuple[str, bool]:
    """The TOML value for an absolute date, and whether `circa = true` is needed.

    The date as written in the original file is kept when it reads back the same.
    """
    if when.written and not when.anchor:
        kept = _as_written(when, zone)
        if kept is not None:
            return kept
    iso = _unnumbered(when, zone)
    try:
        again = parse_date(iso, zone)
    except DateError:
        again = None
    exact = when._replace(qualifier=Qualifier.EXACT, order=())
    if (
        (again is None or not _same(again, exact) or when.year > LAST_PLAIN_YEAR)
        and when.precision is Precision.YEAR
        and when.qualifier in (Qualifier.EXACT, Qualifier.CIRCA)
    ):
        # A year beyond what a date string holds (the Big Bang, 13,800,000,000 BCE):
        # TOML's integer, which the reader takes as a year; after 9999, EDTF's "Y" form,
        # as an integer that large is read as a year only with a warning (20180717 may
        # be a date written as one number).
        value: object = f"Y{when.year}" if when.year > LAST_PLAIN_YEAR else when.year
        try:
            again = parse_date(value, zone)
        except DateError:
            again = None
        if again is not None and _same(again, exact):
            written = string(value) if isinstance(value, str) else str(value)
            return written, when.qualifier is Qualifier.CIRCA
    if again is None or not _same(again, exact):
        raise UnwritableDate(
            f"{format_long(when)} cannot be written in TOML so that it reads back the "
            f"same ({iso!r} is read as {format_long(again) if again else 'no date'})"
        )
    if when.qualifier is Qualifier.EXACT:
        return (iso if _is_toml_date(when) else string(iso)), False
    if when.qualifier is Qualifier.CIRCA:
        return (iso if _is_toml_date(when, circa_ok=True) else string(iso)), True
    return string(f"{when.qualifier.value} {iso}"), False


def _unnumbered(when: When, zone: tzinfo | None) -> str:
    """A date as ISO writes it ("2018-07-19"), but for one before the common era: its
    era named ("15 March 44 BCE", `format_written`) when that reads back the same.
    Written "-0044-03-15", as ISO's shape writes BCE years in TimelineJS's numbering,
    it would be read back with a warning on every such date, since ISO 8601 numbers it
    45 BCE; "-44-03-15" has no such doubt, but "-1500-06" does, and the era named has
    none at any year. A time of the day, which no form with an era holds, stays ISO."""
    named = format_written(when)
    exact = when._replace(qualifier=Qualifier.EXACT, order=())
    if named != format_iso(when):
        with suppress(DateError):
            if _same(parse_date(named, zone), exact):
                return named
    return format_iso(when)


def lone_date_value(when: When, zone: tzinfo | None) -> str:
    """The TOML value of a date with no `circa` key beside it (a quote's, an access date).

    Raises:
        UnwritableDate: It cannot be written so that it reads back the same.
    """
    value, circa = date_value(when, zone)
    if not circa:
        return value
    text = f"circa {_unnumbered(when, zone)}"
    try:
        again = parse_date(text, zone)
    except DateError:
        again = None
    if again is None or not _same(again, when):
        raise UnwritableDate(
            f"{format_long(when)} cannot be written in TOML so that it reads back the same"
        )
    return string(text)


class UnwritableDate(ValueError):
    """A date the TOML reader would not read back as the same date."""


def _is_toml_date(when: When, *, circa_ok: bool = False) -> bool:
    exact = when.qualifier is Qualifier.EXACT or circa_ok
    return exact and when.precision is Precision.DAY and 1 <= when.year <= 9999


# ---------------------------------------------------------------------- documents


def _plain_source(source: Source) -> bool:
    """Whether a source is only a label and a URL (what `source = ...` holds tidily)."""
    return not (source.archive or source.accessed is not None or source.kind)


def _source_pairs(source: Source, zone: tzinfo | None) -> list[tuple[str, str]]:
    """A source's keys and their TOML values, the empty ones left out."""
    pairs = [(name, string(getattr(source, name))) for name in ("label", "url", "archive")]
    if source.accessed is not None:
        try:
            pairs.append(("accessed", lone_date_value(source.accessed, zone)))
        except UnwritableDate as exc:
            raise UnwritableDate(
                f"source {source.label or source.url!r}: accessed: {exc}"
            ) from None
    pairs.append(("kind", string(source.kind)))
    return [(k, v) for k, v in pairs if v != '""']


def _source_value(source: Source, zone: tzinfo | None = None) -> str:
    """A source on one line: its URL as a string when that is all it is, else an inline
    table."""
    if (
        _plain_source(source)
        and source.url
        and not source.label
        and source.url.startswith(("http://", "https://"))
    ):
        return string(source.url)
    body = ", ".join(f"{k} = {v}" for k, v in _source_pairs(source, zone))
    return "{ " + body + " }" if body else "{}"


def _media_value(media: Media) -> str:
    return inline_table(
        [
            ("url", media.url),
            ("caption", media.caption),
            ("credit", media.credit),
            ("thumbnail", media.thumbnail),
            ("alt", media.alt),
        ]
    )


def _event(event: Event, zone: tzinfo | None, timeline: Timeline) -> list[str]:
    lines = ["[[events]]", f"id = {string(event.id)}"]
    span = None
    anchor = timeline.get(event.when.anchor) if event.when.anchor else None
    if event.when.anchor and _moves(anchor.when if anchor else None, zone):
        # Counted again from its anchor read in this file's zone, it would give
        # another date: the date it gave, and what it was counted from.
        lines.append(
            f"# The date was {string(event.when.written)} counted from "
            f"{string(event.when.anchor)}, a time in another zone; written here as the "
            "date it gave."
        )
        value, circa = date_value(event.when, zone)
        lines.append(f"date = {value}")
        if circa:
            lines.append("circa = true")
    elif event.when.anchor:
        lines.append(f"date = {string(event.when.written)}")
        lines.append(f"relative_to = {string(event.when.anchor)}")
        if event.when.qualifier is Qualifier.CIRCA:
            lines.append("circa = true")  # harmless when the anchor is circa already
    elif (span := _span_as_written(event.when, event.end, zone)) is not None:
        value, circa = span
        lines.append(f"date = {value}")
        if circa:
            lines.append("circa = true")
    else:
        value, circa = date_value(event.when, zone)
        lines.append(f"date = {value}")
        if circa:
            lines.append("circa = true")
    if event.end is not None and span is None:
        if event.end.anchor and not _moves(event.when, zone):
            lines.append(f"end_date = {string(event.end.written)}")
        else:
            value, _ = date_value(event.end, zone)
            lines.append(f"end_date = {value}")
    if event.display_date:
        lines.append(f"display_date = {string(event.display_date)}")
    lines.append(f"title = {text_value(event.title)}")
    for name in ("kind", "speaker", "handle", "role", "group"):
        value = getattr(event, name)
        if value:
            lines.append(f"{name} = {string(value)}")
    if event.tags:
        lines.append(f"tags = {array(event.tags)}")
    if event.in_reply_to:
        lines.append(f"in_reply_to = {string(event.in_reply_to)}")
    if event.context:
        lines.append(f"context = {text_value(event.context)}")
    if event.status:
        lines.append(f"status = {string(event.status)}")
    tables = len(event.sources) > 1 or not all(_plain_source(s) for s in event.sources)
    if event.sources and not tables:
        lines.append(f"source = {_source_value(event.sources[0], zone)}")
    if event.media is not None:
        lines.append(f"media = {_media_value(event.media)}")
    if event.background:
        lines.append(f"background = {string(event.background)}")
    if event.notes:
        lines.append(f"notes = {text_value(event.notes)}")
    if tables:
        for source in event.sources:
            lines.extend(["", "[[events.sources]]"])
            lines.extend(f"{k} = {v}" for k, v in _source_pairs(source, zone))
    for n, quote in enumerate(event.quotes, start=1):
        lines.extend(["", "[[events.quotes]]", f"text = {text_value(quote.text)}"])
        if quote.speaker:
            lines.append(f"speaker = {string(quote.speaker)}")
        try:
            lines.extend(_quote_extras(quote, event, zone))
        except UnwritableDate as exc:
            raise UnwritableDate(f"quote {n}: {exc}") from None
    return lines


def _quote_extras(quote: Quote, event: Event, zone: tzinfo | None) -> list[str]:
    """A quote's own date, source and note."""
    lines: list[str] = []
    when = quote.date
    if when is not None:
        if _counts_again(when, event) and not _moves(event.when, zone):
            lines.append(f"date = {string(when.written)}")
        else:
            if when.anchor:
                # Read back, the date is absolute: say what it was counted from.
                lines.append(
                    f"# The quote's date was {string(when.written)} counted from "
                    f"{string(when.anchor)}; written here as the date it gave."
                )
            lines.append(f"date = {lone_date_value(when, zone)}")
    if quote.source is not None:
        lines.append(f"source = {_source_value(quote.source, zone)}")
    if quote.note:
        lines.append(f"note = {text_value(quote.note)}")
    return lines


def _counts_again(when: When, event: Event) -> bool:
    """Whether a quote's date, written as written, reads back as the same date: it was
    counted from its own event, and counting it again gives the same date."""
    if when.anchor != event.id or not when.written:
        return False
    relative = parse_relative(when.written)
    if relative is None or relative.bound:
        return False
    try:
        return resolve(relative, event.when, event.id) == when
    except DateError:
        return False


def _era(era: Era, zone: tzinfo | None) -> list[str]:
    lines = ["[[eras]]", f"title = {text_value(era.title)}"]
    lines.append(f"start = {date_value(era.start, zone)[0]}")
    lines.append(f"end = {date_value(era.end, zone)[0]}")
    if era.text:
        lines.append(f"text = {text_value(era.text)}")
    return lines


def dumps(timeline: Timeline) -> str:
    """The timeline as TOML that `timeline.read.toml` reads back to the same timeline.

    Raises:
        UnwritableDate: A date the TOML reader cannot read back (see the message).
    """
    # tzdata's names only, as before the zone was looked up in one place: what is
    # imported (from TimelineJS, whose reader reads the zone so) names no other.
    zone = timeline_zone(timeline.timezone, tzdata_only=True)
    head = ["[timeline]", f"title = {text_value(timeline.title)}"]
    if timeline.summary:
        head.append(f"summary = {text_value(timeline.summary)}")
    if timeline.timezone:
        head.append(f"timezone = {string(timeline.timezone)}")
    if timeline.source is not None:
        head.append(f"source = {_source_value(timeline.source, zone)}")
    if timeline.media is not None:
        head.append(f"media = {_media_value(timeline.media)}")
    blocks = [head]
    for era in timeline.eras:
        try:
            blocks.append(_era(era, zone))
        except UnwritableDate as exc:
            raise UnwritableDate(f"era {era.title!r}: {exc}") from None
    for event in timeline.events:
        try:
            blocks.append(_event(event, zone, timeline))
        except UnwritableDate as exc:
            raise UnwritableDate(f"event {event.id!r}: {exc}") from None
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"

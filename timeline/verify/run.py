"""`timeline verify` and `timeline archive` over a whole timeline file.

Each quote is checked against the archives of its own source, else of its event's
sources (`Event.quote_sources`), and reported at the line of its own `text` in the
file, as `check` reports problems. `archive` saves a copy of every source with an
http(s) URL and no archive yet, and writes where it put them into the file.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from pathlib import Path
from typing import NamedTuple

from timeline.merged_rows import files_of
from timeline.model import Event, Quote, Timeline
from timeline.read import FORMATS
from timeline.read.locate import Locator
from timeline.store import Stored, names_an_archive
from timeline.verify.archive_text import ArchiveError
from timeline.verify.archives import Archives, folder_of
from timeline.verify.results import Match, unchecked


class Site(NamedTuple):
    """Where a quote is written: its event's position among `[[events]]` (file order),
    the quote's among `[[events.quotes]]` (None when written as `quote = ...` or in an
    inline array), and the line and column of its text (of its item, in an array: a
    string or an inline table)."""

    event: int
    table: int | None
    line: int
    column: int


class Checked(NamedTuple):
    """One quote checked.

    Attributes:
        event: Its event.
        number: Its place among the event's quotes (0 for the first).
        quote: The quote.
        site: Where it is written.
        archive: The archive that gave the result ("" when none).
        match: The result, or None when the archive could not be read (`error`).
        error: Why the archive could not be read.
        unread: Why the quote's other archives could not be read, when `match` came
            from one that could: reported too, as each unreadable archive is on every
            quote that cites it.
    """

    event: Event
    number: int
    quote: Quote
    site: Site
    archive: str
    match: Match | None
    error: ArchiveError | None = None
    unread: tuple[ArchiveError, ...] = ()


class Sites:
    """Finds where each event and quote of a TOML file is written."""

    def __init__(self, text: str) -> None:
        self.locator = Locator(lambda: text)
        self._text = text

    def event_position(self, event: Event) -> int:
        """The event's position among `[[events]]`, from the line of its header."""
        lines = self.locator.header_lines
        position = bisect_left(lines, event.line)
        return position if position < len(lines) and lines[position] == event.line else -1

    def quote(self, event: Event, index: int) -> Site:
        """Where the event's index-th quote is written."""
        position = self.event_position(event)
        if position < 0:
            return Site(-1, None, event.line, 1)
        tables = self._quote_tables(position)
        # Quotes written as `quote = ...` or `quotes = [...]` come before the tables.
        inline = len(event.quotes) - tables
        if index >= inline:
            table = index - inline
            line, column = self.locator.field(position, "text", "events", ("quotes", table + 1))
            return Site(position, table, line, column)
        single = self._has_key(position, "quote")  # `quote` comes first
        if index == 0 and single:
            return Site(position, None, *self.locator.field(position, "quote"))
        items = self.locator.items(position, "quotes")
        item = index - single
        if item < len(items):
            return Site(position, None, *items[item])
        return Site(position, None, *self.locator.field(position, "quotes"))

    def source(self, event: Event, n: int, table: int | None = None) -> tuple[int, int, str]:
        """Where a source's URL is written, and how `check` names the source: the
        event's nth source (its `source` first when it has one, then each of `sources`),
        or, with `table`, the own source of the quote in that `[[events.quotes]]`."""
        position = self.event_position(event)
        if position < 0:
            return event.line, 1, ""
        if table is not None:
            at = self.locator.field(position, "source.url", "events", ("quotes", table + 1))
            return (*at, f"quote {table + 1}: field 'source'")
        single = self._has_key(position, "source")
        if single and n == 0:
            return (*self.locator.field(position, "source.url"), "field 'source'")
        number = n - single + 1
        at = self.locator.field(position, "url", "events", ("sources", number))
        return (*at, f"source {number}")

    def _quote_tables(self, position: int) -> int:
        return self.locator.count(position, "quotes")

    def _has_key(self, position: int, key: str) -> bool:
        return self.locator.field(position, key) != (self.locator.header_line(position), 1)


def archives_of(event: Event, quote: Quote) -> list[str]:
    """The archives a quote is checked against: its own source's, else its event's.

    A quote's own source without an archive (a tweet, known from an article that embeds
    it) falls back to its event's: the saved article holds the tweet's words.
    """
    own = [source.archive for source in event.quote_sources(quote) if source.archive]
    return own or [source.archive for source in event.sources if source.archive]


def verify(
    path: Path, timeline: Timeline, *, name: str | None = None, locate: bool = True
) -> Iterator[Checked]:
    """Check every quote of a timeline loaded from `path`, in file order.

    With `name` (the file as the timeline names it), only the events from that file: a
    merged timeline is checked a file at a time, each against its own archives. Without
    `locate`, quotes are not placed in the file (the viewer needs no line numbers, and
    a large file is not read again for them).
    """
    events: Iterable[Event] = timeline.events
    if name is not None:
        events = (event for event in events if event.file == name)
    return _checked(path, events, locate)


def _checked(path: Path, events: Iterable[Event], locate: bool) -> Iterator[Checked]:
    """Every quote of these events (of the file at `path`) checked, in file order."""
    text = ""
    if locate:
        with suppress(OSError, UnicodeDecodeError):
            text = path.read_text(encoding="utf-8-sig")
    sites = Sites(text)
    nowhere = Site(-1, None, 0, 0)
    archives = Archives(folder_of(path))
    found: list[Checked] = []
    for event in events:
        for index, quote in enumerate(event.quotes):
            site = sites.quote(event, index) if locate else nowhere
            names = archives_of(event, quote)
            if not names:
                found.append(Checked(event, index, quote, site, "", unchecked(quote.text)))
                continue
            try:
                archive, match = archives.check_any(quote.text, names)
            except ArchiveError as error:
                found.append(Checked(event, index, quote, site, error.path, None, error))
                continue
            unread = tuple(e for e in map(archives.error, names) if e is not None)
            found.append(Checked(event, index, quote, site, archive, match, None, unread))
    yield from sorted(found, key=lambda c: (c.site.line, c.site.column, c.number))


def _archived(events: Sequence[Event]) -> bool:
    """Whether any event or quote names an archive; of stored events read from their
    rows, which hold what the event does where it does (making every event of a first
    read took 10 s at 1,000,000, in the viewer after every open)."""
    if isinstance(events, Stored) and events.archived is not None:
        return events.archived  # its cache entry says (3.3 s to read at 1,000,000)
    parts = events.rows() if isinstance(events, Stored) else [events]
    return any(any(map(names_an_archive, rows)) for rows in parts)


def check_quotes(timeline: Timeline) -> dict[tuple[str, int], Checked]:
    """Every quote of a timeline checked against its archives, as the viewer marks
    them: by (event id, quote number), each file's quotes against that file's archives,
    not placed in the file. Nothing is read of a file that archives nothing, and its
    quotes are not marked, as when it is opened alone: merged with one that does, the
    quotes of 1,000,000 events were marked unchecked (2.9 GB)."""
    checks: dict[tuple[str, int], Checked] = {}
    for name, events, merged in files_of(timeline):
        if Path(name).suffix.lower() in FORMATS:
            continue  # no archives in TimelineJS files
        if not _archived(events):
            continue  # nothing archived: nothing to check
        as_merged = events if merged is None else map(merged, events)
        for checked in _checked(Path(name), as_merged, locate=False):
            checks[(checked.event.id, checked.number)] = checked
    return checks


#: How each outcome is marked beside a quote in the viewer, and the mark's style.
MARKS = {
    "verbatim": ("✓", "bold green"),
    "typographic": ("≈", "bold yellow"),
    "edited": ("✂", "bold yellow"),
    "not_found": ("✗", "bold red"),
    "unchecked": ("?", "dim"),
    "archive_error": ("!", "bold red"),
}
#: What each mark says, for the viewer's help.
MARK_MEANINGS = {
    "verbatim": "found in the archived source exactly as quoted",
    "typographic": "found, but quotes, dashes or spaces differ",
    "edited": "found with edits: words left out (…) or put in ([ ]), a first capital, "
    "a last stop or inner quotation marks",
    "not_found": "not in the archived source: check the words",
    "unchecked": "no archived copy of its source to check against",
    "archive_error": "the archived copy could not be read",
}


def mark_of(checked: Checked) -> tuple[str, str]:
    """The mark a checked quote gets in the viewer."""
    if checked.match is None:
        return MARKS["archive_error"]
    return MARKS[checked.match.outcome.value]

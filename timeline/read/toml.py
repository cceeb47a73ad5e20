"""Our TOML file -> Timeline, collecting every problem in one pass with its location.

Problems are reported the way compilers do (`FILE:LINE:COL: error: message`) so
editors can jump to them. The steps, each in a module of its own:

1. the document: small files are parsed whole with rtoml, and with `tomllib` only when
   rtoml refuses them, to say where the error is; large ones a chunk at a time with
   rtoml (timeline/read/chunks.py), helped by a second process when a core is free
   (timeline/read/helper.py), and from the cache when they have not changed
   (timeline/cache.py);
2. each `[[events]]` table becomes an event (timeline/read/records.py), quickly when
   it is well-formed;
3. what needs every event at once: ids, relative dates, links (timeline/read/resolve.py);
4. problems are placed in the text only when there are some (timeline/read/locate.py).

The loader leaves process-wide state alone: loading allocates millions of objects
that live on and form no cycles, and pausing the garbage collector meanwhile saves
about a third of a large load, but that is the caller's choice
(`timeline.read.collector_paused`; the command line and the viewer take it).
"""

from __future__ import annotations

import os
import re
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from timeline.dates import DateError, Relative, read_date, zone_named
from timeline.model import EVENT, Era, Event, Media, Source, Timeline, chronological
from timeline.problems import LoadResult, Problem, Severity, describe, shown, suggest
from timeline.read.files import bom_warning, check_file, decode, read_bytes
from timeline.read.locate import Locator
from timeline.read.records import EventReader, Shared
from timeline.read.resolve import (
    check_links,
    check_ranges,
    resolve_dates,
    resolve_quote_dates,
    unique_ids,
)
from timeline.read.table_checks import (
    ONE_SOURCE,
    Place,
    Report,
    Say,
    check_value,
    date_in_table,
)
from timeline.schema import Field

if TYPE_CHECKING:
    from timeline.cache import Streamed

Progress = Callable[[float], None]
#: Given the events read so far of a large file's first load (a `Timeline`), how many
#: events were read, and how many the file holds (see `Tuning.preview_events`).
Preview = Callable[[Timeline, int, int], None]

TIMELINE_KEYS = ("title", "summary", "timezone", "source", "media")
TOP_KEYS = ("timeline", "events", "eras")
ERA_KEYS = ("title", "start", "end", "text")

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")
_SOURCE: Field = ONE_SOURCE
_MEDIA: Field = EVENT.by_name["media"]


class Tuning(NamedTuple):
    """How large files are read. The defaults are measured (benchmarks/run.py); tests
    make small files take the large path with small values.

    Attributes:
        rtoml_file: Files of at least this many characters are parsed with rtoml,
            smaller ones with tomllib; tomllib also reads any file rtoml refuses, for its
            messages, which say where the error is and what was expected. rtoml is the
            faster at every size measured, its import included (1 ms against 5 ms;
            events.toml, 13 kB, in 0.4 ms against 3.7 ms; 1,000 events in 20 ms against
            98 ms), so every file; tests set it high to compare the two.
        large_file: Files of at least this many bytes are parsed in chunks with rtoml
            and cached.
        chunk_events: Events per chunk: large enough to amortise each rtoml call,
            small enough to bound memory. 500 measured best on 100,000 events (2,000
            took 10% longer and 20 MB more at the peak).
        parallel_file: Files of at least this many bytes are parsed with the help of a
            second process (see timeline/read/helper.py).
        block: Bytes read at a time when looking for the headers of a large file.
        helper_timeout: Seconds to wait for the helper to say anything before going on
            without it.
        helper_boot: The code the helper process runs ("" for the real one; tests give
            helpers that fail in each way).
        preview_events: Once this many events of a file holding at least six times
            as many are read, the caller asked for a preview is given them (the viewer
            shows them while the rest loads: 1,000,000 events take half a minute, 6 s
            from the cache); 0 for none. Smaller files load soon enough whole. From the
            cache they are the earliest events, as the whole has them.
    """

    rtoml_file: int = 0
    large_file: int = 1_000_000
    chunk_events: int = 500
    parallel_file: int = 8_000_000
    block: int = 1 << 22
    helper_timeout: float = 10.0
    helper_boot: str = ""
    preview_events: int = 50_000


#: The measured defaults.
TUNING = Tuning()


def load_file(
    path: str | Path,
    *,
    progress: Progress | None = None,
    tuning: Tuning = TUNING,
    cache_writes: list[Callable[[], None]] | None = None,
    preview: Preview | None = None,
) -> LoadResult:
    """Load a timeline file, reporting every problem.

    Args:
        path: The TOML file.
        progress: Called with the fraction done (0.0-1.0) while a large file loads.
        tuning: How large files are read.
        cache_writes: Where to put the cache's write of a large file instead of doing it
            now (the viewer shows the timeline first, then writes).
        preview: Given the events read so far, once, part way through a first load
            of a very large file (`Tuning.preview_events`).
    """
    name = str(path)
    # Before anything opens it: a FIFO would block, /dev/zero never end, and the
    # large-file path would read a file of any size.
    refused = check_file(path, name, ".toml")
    if refused is not None:
        return LoadResult(None, [refused], unreadable=True)
    try:
        large = os.stat(path).st_size >= tuning.large_file
    except OSError:
        large = False  # said below, by the whole-file read
    if large:
        result = _load_large(Path(path), name, progress, tuning, cache_writes, preview)
        if result is not None:
            return result
    data, problems, unreadable = read_bytes(Path(path), name)
    if data is None:
        return LoadResult(None, problems, unreadable)
    text, more = decode(data, name)
    problems += more
    if text is None:
        return LoadResult(None, problems)
    result = load_text(text, name, progress=progress, tuning=tuning)
    result.problems[:0] = problems
    return result


def stream_cached(path: str | Path, *, tuning: Tuning = TUNING) -> Streamed | None:
    """A large file's timeline from its cache entry, its events read as they are asked
    for; None when the file is not large or has no entry for its bytes as they are now
    (`load_file` then reads it, and writes the entry).

    What `load_file` would give, with the events not held all at once: an export of
    1,000,000 events holds a thousand of them at a time.
    """
    from timeline import cache

    name = str(path)
    if check_file(path, name, ".toml") is not None:
        return None  # `load_file` says why
    try:
        if os.stat(path).st_size < tuning.large_file:
            return None
    except OSError:
        return None
    return cache.stream(Path(path), name)


def load_text(
    text: str, name: str = "<text>", *, progress: Progress | None = None, tuning: Tuning = TUNING
) -> LoadResult:
    """Load a timeline from TOML text; `name` is used in problem locations, `tuning`
    says which parser reads it (`Tuning.rtoml_file`)."""
    load = _Load(name, Locator(lambda: text))
    result = load.whole(text, fast=len(text) >= tuning.rtoml_file)
    if progress is not None:
        progress(1.0)
    return result


def _load_large(
    path: Path,
    name: str,
    progress: Progress | None,
    tuning: Tuning,
    cache_writes: list[Callable[[], None]] | None,
    preview: Preview | None = None,
) -> LoadResult | None:
    """Load a large file from the cache or a chunk at a time; None to read it whole."""
    from timeline import cache  # only large files are worth caching
    from timeline.read import chunks
    from timeline.read.files import file_signature

    def part(total: int) -> int:
        """How many events to hand over first (0: none): `Tuning.preview_events`."""
        at = tuning.preview_events
        return at if preview is not None and at and total >= 6 * at else 0

    cached = cache.get(path, name, progress, part, preview)
    if cached is not None:
        if progress is not None:
            progress(1.0)
        return LoadResult(cached[0], cached[1])
    try:
        size = os.stat(path).st_size
    except OSError:
        return None
    # Started first, so it is ready by the time the headers are found.
    helper = None
    if size >= tuning.parallel_file:
        from timeline.read.helper import BOOT, Helper

        helper = Helper.start(tuning.helper_timeout, tuning.helper_boot or BOOT)
    try:
        found = chunks.scan(path, tuning.block)
        if len(found.offsets) < 2 * tuning.chunk_events:
            return None  # few events in many bytes: not worth the chunks

        def read_text() -> str:
            return path.read_bytes()[found.start :].decode("utf-8")

        load = _Load(name, Locator(read_text, found.lines))
        total = len(found.offsets)
        preview_at = part(total)

        def read_so_far(readers: list[EventReader], read: int) -> None:
            assert preview is not None
            preview(load.preview(readers), read, total)

        try:
            readers = chunks.read_chunks(
                load, path, found, tuning.chunk_events, helper, progress, preview_at, read_so_far
            )
        except chunks.Fallback:
            text = read_text()
            result = load_text(text, name, tuning=tuning)  # problems placed in this text
            digest = ""  # not what the chunks were: not cached
        else:
            result = load.finish(readers)
            digest = found.digest
    except (OSError, UnicodeDecodeError):
        return None  # the whole-file read says what is wrong, and where
    finally:
        if helper is not None:
            helper.close()
    if found.start:
        result.problems.insert(0, bom_warning(name))
    if result.timeline is not None and digest and file_signature(path) == found.signature:
        _, size, mtime_ns = found.signature
        stored = cache.key(path, name, size, mtime_ns, digest)
        write = cache.writer(path, stored, result.timeline, result.problems)
        if write is not None:
            if cache_writes is None:
                write()
            else:
                cache_writes.append(write)
    if progress is not None:
        progress(1.0)
    return result


def _rtoml_document(text: str) -> dict[str, Any] | None:
    """The document rtoml reads from the text, or None when tomllib must read it.

    Its values are those the chunks of a large file have always been read from (the
    readers take rtoml's dates as they take tomllib's). Its errors are not shown: the
    text is read again with tomllib, which says what is wrong as the reader expects.
    Nor is what only TOML 1.1 allows (rtoml reads it, tomllib refuses it): a text that
    may hold it is left to tomllib, so that a file loads the same whichever reads it.
    """
    import rtoml

    from timeline.read.toml_version import may_need_toml_1_1

    if may_need_toml_1_1(text):
        return None
    try:
        doc = rtoml.loads(text)
    except Exception:
        return None
    return doc if isinstance(doc, dict) else None


_ASSIGNMENT = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=\s*(.*?)\s*$")
_BARE_DATE = re.compile(r"\d{4}-\d\d-\d\d(?:[T ][0-9:.+\-Zz]*)?")


def _value_hint(text: str, line: int) -> str:
    """What is wrong with a value the parser refused on this line, and what to write.

    tomllib says only "Expected newline" or "Invalid value": for `date = 2018-07-32`
    the date cannot be (the same message as for the string "2018-07-32"); for
    `date = July 16, 2018` the value is text that needs quotes.
    """
    lines = text.split("\n", line)
    match = _ASSIGNMENT.match(lines[line - 1]) if line <= len(lines) else None
    if match is None:
        return ""
    key, value = match.groups()
    value = value.split(" #", 1)[0].strip()
    if _BARE_DATE.fullmatch(value):
        try:
            read_date(value)
        except DateError as exc:
            return f"; {value} cannot be a date: {exc}"
        return ""
    if value[:1].isalpha() and value not in ("true", "false", "inf", "nan"):
        quoted = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'; text must be in quotes: {key} = "{quoted}"'
    return ""


#: Nesting deeper than this is where a file too deep to read is said to go wrong.
_DEEP = 100


def _too_deep(text: str) -> tuple[int, int]:
    """Line and column where arrays and tables nest `_DEEP` deep (strings skipped)."""
    depth = 0
    quote = ""
    line, start = 1, 0
    for i, char in enumerate(text):
        if char == "\n":
            line, start = line + 1, i + 1
            if quote in ('"', "'"):
                quote = ""  # a one-line string cannot go on: whatever it was, it ended
        elif quote:
            if char == quote and (quote == "'" or text[i - 1] != "\\"):
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > _DEEP:
                return line, i - start + 1
        elif char in "]}":
            depth = max(0, depth - 1)
    return 1, 1


_LONG_NUMBER = re.compile(r"[0-9][0-9_]{4300,}")


def _long_number(text: str) -> tuple[int, int]:
    """Line and column of the first number too long for Python to read (1, 1 if none)."""
    match = _LONG_NUMBER.search(text)
    if match is None:
        return 1, 1
    start = match.start()
    return text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1


class _Load:
    """One load of one document: its header, eras and events, and every problem."""

    def __init__(self, name: str, locator: Locator) -> None:
        self.name = name
        self.locator = locator
        self.problems: list[Problem] = []
        self.shared = Shared()
        self.header: dict[str, Any] = {}
        self.raw_eras: list[Any] = []

    # ------------------------------------------------------------------ problems

    def add(
        self,
        severity: Severity,
        message: str,
        line: int = 0,
        column: int = 0,
        event: str = "",
        key: str = "",
    ) -> None:
        self.problems.append(Problem(severity, message, self.name, line, column, event, key))

    def event_reporter(self, position: int, event: str) -> Report:
        """Reports problems with the event at `position` in the file, placed at their key
        (in the event's own table, or in its nth `[[events.quotes]]` or `[[events.sources]]`)."""

        def report(severity: Severity, message: str, key: str, place: Place) -> None:
            locator = self.locator
            if key or place[1]:
                line, column = locator.field(position, key, "events", place)
            else:
                line, column = locator.header_line(position), 1
            self.add(severity, message, line, column, event, key)

        return report

    # ------------------------------------------------------------------ documents

    def new_reader(self) -> EventReader:
        return EventReader(self.name, self.locator.header_lines, self.shared)

    def whole(self, text: str, fast: bool = True) -> LoadResult:
        """Parse the whole text and load it: with rtoml when `fast`, and with tomllib
        when not or when rtoml refuses it (tomllib's messages locate the error)."""
        doc = _rtoml_document(text) if fast else None
        if doc is not None:
            return self._whole(doc)
        import tomllib

        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            self._syntax_error(str(exc), text)
            return LoadResult(None, self.problems)
        except RecursionError:
            line, column = _too_deep(text)
            self.add(
                "error",
                "TOML syntax: tables or arrays nested too deeply to read (more than "
                f"{_DEEP} levels); a timeline needs a few",
                line,
                column,
            )
            return LoadResult(None, self.problems)
        except ValueError:
            # Python refuses to read an integer of more than 4,300 digits (a guard
            # against slow conversions); tomllib lets its plain ValueError through.
            line, column = _long_number(text)
            self.add(
                "error",
                "TOML syntax: a number of more than 4,300 digits cannot be read; if it "
                'is meant, write it as text, in quotes ("999…")',
                line,
                column,
            )
            return LoadResult(None, self.problems)
        return self._whole(doc)

    def _whole(self, doc: dict[str, Any]) -> LoadResult:
        events = doc.get("events")
        if isinstance(events, list) and len(events) != len(self.locator.header_lines):
            # A header quoted in a multi-line string was counted: every later event,
            # and every problem in it, would be placed lines too early.
            self.locator.read_exactly()
        reader = self.new_reader()
        self.take_document(doc, 0, reader)
        return self.finish([reader])

    def _syntax_error(self, message: str, text: str) -> None:
        match = _TOML_POSITION.search(message)
        if match:
            line, column = int(match.group(1)), int(match.group(2))
            message = _TOML_POSITION.sub("", message) + _value_hint(text, line)
        else:
            # A file cut short: the parser says "at end of document"; point at its end.
            line = text.count("\n") + 1
            column = len(text) - (text.rfind("\n") + 1) + 1
            message = _AT_END.sub("", message)
            message += " (the file ends here: is it cut short?)"
        self.add("error", f"TOML syntax: {message}", line, column)

    def take_document(self, doc: dict[str, Any], first: int, reader: EventReader) -> None:
        """Take a parsed document (or chunk) whose first event is the file's `first`."""
        # The header first: its time zone applies to the events' times.
        for key, value in sorted(doc.items(), key=lambda kv: kv[0] != "timeline"):
            if key == "events":
                if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                    self.add(
                        "error",
                        f"'events' must be an array of tables written as [[events]], "
                        f"found {describe(value)}",
                        self.locator.line_of_key("events"),
                    )
                    continue
                for offset, raw in enumerate(value):
                    position = first + offset
                    ident = raw.get("id")
                    label = ident if isinstance(ident, str) and ident else f"#{position + 1}"
                    reader.take(raw, position, self.event_reporter(position, label))
            elif key == "timeline":
                if not isinstance(value, dict):
                    self.add(
                        "error",
                        f"'timeline' must be a table written as [timeline], found {describe(value)}",
                        self.locator.line_of_key("timeline"),
                    )
                    continue
                self.header.update(value)
                if "timezone" in value:
                    self._zone_from(value["timezone"])
            elif key == "eras":
                if not isinstance(value, list):
                    self.add(
                        "error",
                        f"'eras' must be an array of tables written as [[eras]], found {describe(value)}",
                        self.locator.line_of_key("eras"),
                    )
                    continue
                self.raw_eras.extend(value)
            else:
                self.add(
                    "warning",
                    f"unknown top-level key {shown(key)} was ignored{suggest(key, TOP_KEYS)}",
                    self.locator.line_of_key(key),
                )

    # ------------------------------------------------------------------ the header

    def _zone_from(self, name: object) -> None:
        if type(name) is not str:
            self.add(
                "error",
                f"[timeline] field 'timezone' must be an IANA zone name such as \"America/Chicago\", found {describe(name)}",
                self.locator.line_in_header_table("timezone"),
            )
            return
        try:
            self.shared.zone = zone_named(name)
        except DateError as exc:
            self.add(
                "error", f"[timeline] timezone {exc}", self.locator.line_in_header_table("timezone")
            )

    def _header(self) -> tuple[str, str, Source | None, Media | None]:
        header = self.header
        for key in sorted(header.keys() - set(TIMELINE_KEYS)):
            self.add(
                "warning",
                f"[timeline]: unknown field {shown(key)} was ignored{suggest(key, TIMELINE_KEYS)}",
                self.locator.line_in_header_table(key),
            )
        title = header.get("title")
        if title is None:
            self.add(
                "warning",
                '[timeline] has no title; add title = "..." so readers know what the timeline is about',
                self.locator.line_of_key("timeline"),
            )
            title = Path(self.name).stem
        elif type(title) is not str:
            self.add(
                "error",
                f"[timeline] field 'title' must be a string, found {describe(title)}",
                self.locator.line_in_header_table("title"),
            )
            title = ""
        summary = header.get("summary", "")
        if type(summary) is not str:
            self.add(
                "error",
                f"[timeline] field 'summary' must be a string, found {describe(summary)}",
                self.locator.line_in_header_table("summary"),
            )
            summary = ""
        source = self._header_table(_SOURCE)
        media = self._header_table(_MEDIA)
        assert source is None or isinstance(source, Source)
        assert media is None or isinstance(media, Media)
        return title, summary, source, media

    def _header_table(self, field: Field) -> object:
        """The [timeline] table's source or media, checked as an event's are."""
        value = self.header.get(field.key)
        if value is None:
            return None
        inner = isinstance(value, dict)

        def say(severity: Severity, message: str, key: str, place: Place) -> None:
            line = self.locator.line_in_header_table(
                field.key, key if inner and key != field.key else ""
            )
            # As written since the first version: "[timeline] field ..." for errors,
            # "[timeline]: unknown field ..." for warnings.
            self.add(severity, f"[timeline]{':' if severity == 'warning' else ''} {message}", line)

        def header_date(inner: Field, raw: object, say: Say, place: Place) -> object:
            return date_in_table(inner, raw, say, place, self.shared.zone)

        found = check_value(field, value, say, dates=header_date)
        return found if isinstance(found, Source | Media) else None

    # ------------------------------------------------------------------ finishing

    def preview(self, readers: list[EventReader]) -> Timeline:
        """The events these readers hold whose dates are known already, in order: what
        can be shown while the rest of the file loads.

        Nothing is said about them: the whole load says every problem. Events dated
        from another event, or with a quote dated from theirs, wait for the whole load
        (their anchors may not be read yet), as do eras.

        An event without an id is given "\\0" and its line, which a link could name only
        by writing a NUL character, not an id made from its title: the whole load makes
        those knowing every id of the file, and "press" made here could be the id of an
        event not read yet, which a reply names.
        """
        events: list[Event] = []
        for reader in readers:
            waiting = {pending[0] for pending in reader.pending}
            waiting.update(pending[0] for pending in reader.pending_quotes)
            events += [
                e if e.id else e._replace(id=f"\0{e.line}")
                for i, e in enumerate(reader.events)
                if i not in waiting
            ]
        title, zone = self.header.get("title"), self.header.get("timezone")
        return Timeline(
            title=title if type(title) is str else Path(self.name).stem,
            events=chronological(events),
            timezone=zone if type(zone) is str else "",
            files=(self.name,),
        )

    def finish(self, readers: list[EventReader]) -> LoadResult:
        """Put the readers' events together and do what needs them all."""
        events: list[Any] = []
        pending: list[Any] = []
        quote_dates: list[tuple[int, int, Relative]] = []
        positions = array("i")
        rejected: dict[str, int] = {}  # ids of tables rejected by the checks, by position
        for reader in readers:
            base = len(events)
            events += reader.events
            pending += [(base + i, anchor, start, end) for i, anchor, start, end in reader.pending]
            quote_dates += [(base + i, n, form) for i, n, form in reader.pending_quotes]
            positions += reader.positions
            for ident, position in reader.rejected:
                if ident in rejected:
                    first = self.locator.header_line(rejected[ident])
                    self.event_reporter(position, ident)(
                        "error",
                        f"duplicate id {shown(ident)}: already used by the event on line "
                        f"{first}; ids must be unique",
                        "id",
                        ("", 0),
                    )
                else:
                    rejected[ident] = position
        title, summary, source, media = self._header()

        def report(
            i: int, severity: Severity, message: str, key: str, place: Place = ("", 0)
        ) -> None:
            self.event_reporter(positions[i], events[i].id or f"#{positions[i] + 1}")(
                severity, message, key, place
            )

        # Ids first, so relative_to can name an id derived from a title, as in_reply_to can.
        ids = unique_ids(
            events,
            report,
            rejected={i: self.locator.header_line(p) for i, p in rejected.items()},
        )
        waiting = resolve_dates(events, pending, ids, report, frozenset(rejected))
        for anchor, dependents in waiting.items():
            names = ", ".join(shown(d) for d in dependents[:5])
            more = f" and {len(dependents) - 5:,} more" if len(dependents) > 5 else ""
            self.event_reporter(rejected[anchor], anchor)(
                "error",
                f"event {shown(anchor)}: could not be read, so the events dated from it could "
                f"not be dated either: {names}{more}",
                "",
                ("", 0),
            )
        resolve_quote_dates(events, quote_dates, report)
        check_ranges(events, report)
        eras = self._eras()
        check_links(events, ids, report)
        del ids  # 5 MB at 100,000 events: not kept for the sort's peak
        ordered = chronological(events)
        errors = any(p.severity == "error" for p in self.problems)
        if not ordered and not errors:
            # Not when events were rejected: the errors say why, and there are [[events]].
            self.add("warning", "the timeline has no events yet; add an [[events]] table", 1)
        timezone_name = self.header.get("timezone", "")
        timeline = Timeline(
            title=title,
            events=ordered,
            summary=summary,
            timezone=timezone_name if isinstance(timezone_name, str) else "",
            source=source,
            eras=eras,
            media=media,
            files=(self.name,),
        )
        errors = any(p.severity == "error" for p in self.problems)
        # Found in several passes (fields, then links and relative dates); shown in file order.
        self.problems.sort(key=lambda p: (p.line, p.column))
        return LoadResult(None if errors else timeline, self.problems)

    def _eras(self) -> tuple[Era, ...]:
        eras: list[Era] = []
        field = self.locator.field
        zone = self.shared.zone

        def add(severity: Severity, message: str, n: int, key: str) -> None:
            line, column = field(n, key, "eras")
            self.add(severity, message, line, column, "", key)

        for n, raw in enumerate(self.raw_eras):
            where = f"era {n + 1}"
            if not isinstance(raw, dict):
                add(
                    "error",
                    f"{where} must be a table written as [[eras]], found {describe(raw)}",
                    n,
                    "title",
                )
                continue
            for key in sorted(raw.keys() - set(ERA_KEYS)):
                add(
                    "warning",
                    f"{where}: unknown field {shown(key)} was ignored{suggest(key, ERA_KEYS)}",
                    n,
                    key,
                )
            title, text = raw.get("title", ""), raw.get("text", "")
            if type(title) is not str or type(text) is not str:
                add("error", f"{where}: 'title' and 'text' must be strings", n, "title")
                continue
            missing = [key for key in ("start", "end") if raw.get(key) is None]
            if missing:
                add(
                    "error",
                    f"{where} ({shown(title)}) is missing {' and '.join(map(repr, missing))}; "
                    'eras need both, for example start = "2018-07" and end = "2018-08"',
                    n,
                    "title",
                )
                continue
            ends = []
            for key in ("start", "end"):
                try:
                    reading = read_date(raw.get(key), zone)
                except DateError as exc:
                    add("error", f"{where} ({shown(title)}): '{key}' must be a date: {exc}", n, key)
                    continue
                if reading.end is not None:
                    add(
                        "error",
                        f"{where} ({shown(title)}): '{key}' is a span; give one date",
                        n,
                        key,
                    )
                    continue
                for note in reading.notes:
                    add("warning", f"{where} ({shown(title)}): field '{key}': {note}", n, key)
                ends.append(reading.start)
            if len(ends) != 2:
                continue
            start, end = ends
            from timeline.read.resolve import ends_after_starts

            if not ends_after_starts(start, end):
                from timeline.dates import format_iso

                add(
                    "error",
                    f"{where} ({shown(title)}): end {format_iso(end)} is before start "
                    f"{format_iso(start)}; the end must be on or after the start",
                    n,
                    "end",
                )
                continue
            eras.append(Era(title, start, end, text))
        return tuple(eras)

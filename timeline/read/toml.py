"""TOML file -> Timeline, collecting every problem in one pass with its location.

Problems are reported the way compilers do (`FILE:LINE:COL: error: message`) so
editors can jump to them. Small files are parsed with `tomllib`; large ones with
rtoml in chunks split at `[[events]]` headers, which is several times faster and
keeps peak memory to one chunk's worth of dictionaries. When a chunk does not
parse, the whole file goes through `tomllib` so the error is located exactly as
it would be for a small file.

For large files (benchmarks/run.py measures 100,000 events) the file is read a
chunk at a time rather than held whole, well-formed events take a quick path that
leaves every doubtful one to the full checks, the garbage collector is paused, and
the result is cached (timeline/cache.py) for the next load of the same bytes.
"""

from __future__ import annotations

import gc
import marshal
import os
import re
import struct
import sys
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any, AnyStr, NamedTuple

from timeline.dates import DateError, Relative, parse_date, parse_relative, resolve
from timeline.model import (
    Era,
    Event,
    Media,
    Qualifier,
    Quote,
    Source,
    Timeline,
    When,
    chronological,
)
from timeline.problems import LoadResult, Problem, Severity, describe, suggest
from timeline.read.files import BOM, bom_warning, decode, file_signature, read_bytes

#: Says a problem: its message and the key it concerns.
_Say = Callable[[str, str], None]
Progress = Callable[[float], None]

#: Files larger than this are parsed in chunks with rtoml.
LARGE_FILE = 1_000_000
#: Events per rtoml chunk: large enough to amortise each call, small enough to bound memory.
#: 500 measured best on 100,000 events: 2,000 took 10% longer and 20 MB more at the peak.
CHUNK_EVENTS = 500

TIMELINE_KEYS = ("title", "summary", "timezone", "source", "media")
EVENT_KEYS = (
    "id",
    "date",
    "end_date",
    "display_date",
    "relative_to",
    "circa",
    "title",
    "kind",
    "speaker",
    "handle",
    "role",
    "group",
    "tags",
    "context",
    "source",
    "in_reply_to",
    "quotes",
    "quote",
    "media",
    "background",
)
QUOTE_KEYS = ("text", "speaker")
SOURCE_KEYS = ("label", "url")
MEDIA_KEYS = ("url", "caption", "credit", "thumbnail", "alt")
ERA_KEYS = ("title", "start", "end", "text")
TOP_KEYS = ("timeline", "events", "eras")
_STRING_FIELDS = (
    "display_date",
    "kind",
    "speaker",
    "handle",
    "role",
    "group",
    "context",
    "in_reply_to",
    "background",
)
_EVENT_KEY_SET = frozenset(EVENT_KEYS)
_QUOTE_KEY_SET = frozenset(QUOTE_KEYS)
_SOURCE_KEY_SET = frozenset(SOURCE_KEYS)
_MEDIA_KEY_SET = frozenset(MEDIA_KEYS)
_NO_DATE = When(0)

# Starts with a literal so `re` scans for "[[" quickly; `^` under re.MULTILINE would be
# tried at every position, three times slower on a 56 MB file. `_headers` checks that
# only blanks precede it on its line.
_HEADER = re.compile(r"\[\[[ \t]*events[ \t]*\]\]")
_HEADER_BYTES = re.compile(_HEADER.pattern.encode())
#: Bytes read at a time when looking for the headers of a large file.
_BLOCK = 1 << 22
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_SLUG = re.compile(r"[^a-z0-9]+")
#: Ids of a cycle of relative dates listed in full; a longer one shows the first and last few.
_CYCLE_SHOWN = 8


class _Fallback(Exception):
    """A chunk did not parse on its own; parse the whole file with tomllib instead."""


def load_file(path: str | Path, *, progress: Progress | None = None) -> LoadResult:
    """Load a timeline file, reporting every problem.

    Args:
        path: The TOML file.
        progress: Called with the fraction done (0.0-1.0) while a large file loads.
    """
    name = str(path)
    try:
        large = os.stat(path).st_size >= LARGE_FILE
    except OSError:
        large = False  # said below, by the whole-file read
    if large:
        result = _load_large(Path(path), name, progress)
        if result is not None:
            return result
    data, problems, unreadable = read_bytes(Path(path), name)
    if data is None:
        return LoadResult(None, problems, unreadable)
    text, more = decode(data, name)
    problems += more
    if text is None:
        return LoadResult(None, problems)
    result = load_text(text, name, progress=progress)
    result.problems[:0] = problems
    return result


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector, leaving it as it was found.

    Loading allocates millions of objects that all stay alive and form no cycles, so
    the collector would only rescan the growing heap again and again: over a third of
    the time at 100,000 events. It is process-wide, so it is paused only for a load.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            if not gc.get_freeze_count():
                # Everything allocated meanwhile is young, and the first collection after
                # this would scan it all (0.3 s at 100,000 events) to find nearly nothing.
                # Freezing and unfreezing moves it to the oldest generation unscanned, as if
                # it had survived; a full collection looks at it in due course.
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def _load_large(path: Path, name: str, progress: Progress | None) -> LoadResult | None:
    """Load a large file from the cache or a chunk at a time; None to read it whole."""
    with _collector_paused():
        return _load_large_now(path, name, progress)


def _load_large_now(path: Path, name: str, progress: Progress | None) -> LoadResult | None:
    from timeline import cache  # only large files are worth caching

    cached = cache.get(path, name)
    if cached is not None:
        if progress is not None:
            progress(1.0)
        return LoadResult(cached[0], cached[1])
    # Started first, so it is ready by the time the headers are found.
    helper = _Helper.start() if _size(path) >= PARALLEL_FILE else None
    try:
        loader = _Loader(path, name, progress, helper)
        if not loader.chunked:
            return None
        result = loader.run()
    except (OSError, UnicodeDecodeError):
        return None  # the whole-file read says what is wrong, and where
    finally:
        if helper is not None:
            helper.close()
    if loader.bom:
        result.problems.insert(0, bom_warning(name))
    if result.timeline is not None and loader.digest:
        _, size, mtime_ns = loader.signature
        stored = cache.key(path, name, size, mtime_ns, loader.digest)
        cache.put(path, stored, result.timeline, result.problems)
    return result


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def load_text(text: str, name: str = "<text>", *, progress: Progress | None = None) -> LoadResult:
    """Load a timeline from TOML text; `name` is used in problem locations."""
    return _Loader(text, name, progress).run()


def _headers(text: str) -> tuple[list[int], list[int]]:
    """Offsets of the lines holding an `[[events]]` header (also inside strings), and
    their 1-based line numbers."""
    starts, lines, _ = _header_lines(text, _HEADER, "\n", " \t")
    return starts, lines


def _header_lines(
    text: AnyStr, header: re.Pattern[AnyStr], newline: AnyStr, blank: AnyStr
) -> tuple[list[int], list[int], int]:
    """`_headers` of text or of bytes (a large file's, not decoded: a tenth faster),
    and how many newlines the text holds (counted on the way, not in a pass of its own)."""
    starts: list[int] = []
    lines: list[int] = []
    line, last = 1, 0
    rfind, count = text.rfind, text.count
    for match in header.finditer(text):
        pos = match.start()
        start = rfind(newline, 0, pos) + 1
        if start == pos or not text[start:pos].strip(blank):
            line += count(newline, last, start)
            last = start
            starts.append(start)
            lines.append(line)
    return starts, lines, line - 1 + count(newline, last)


class _Scan(NamedTuple):
    """Where the `[[events]]` headers of a file are, found without holding it whole."""

    offsets: list[int]
    lines: list[int]
    start: int
    size: int
    signature: tuple[int, int, int]
    digest: str


def _scan(path: Path) -> _Scan:
    """Header offsets (in bytes) and lines of a file read a block at a time."""
    import hashlib  # only the cache needs the digest
    from concurrent.futures import Future, ThreadPoolExecutor

    offsets: list[int] = []
    lines: list[int] = []
    digest = hashlib.sha256()  # for the cache: the bytes the chunks will be read from
    # The digest is taken in a thread while the headers are looked for: hashlib lets
    # go of the interpreter, so the two run side by side (a seventh of the scan).
    with path.open("rb") as file, ThreadPoolExecutor(1) as hasher:
        stat = os.fstat(file.fileno())
        carry = file.read(len(BOM))
        digest.update(carry)
        start = len(BOM) if carry == BOM else 0
        if start:
            carry = b""
        base, line = start, 1  # file offset and line number of carry[0]
        hashed: Future[None] | None = None
        while True:
            block = file.read(_BLOCK)
            # In order (one thread takes them), and at most one block waits: a slow
            # hash must not hold the file in memory.
            if hashed is not None:
                hashed.result()
            hashed = hasher.submit(digest.update, block)
            data = carry + block
            # Whole lines only, so a header is never cut in two.
            cut = data.rfind(b"\n") + 1 if block else len(data)
            # In bytes: the header is ASCII, never part of a multi-byte UTF-8 character.
            piece = data[:cut]
            found, found_lines, newlines = _header_lines(piece, _HEADER_BYTES, b"\n", b" \t")
            offsets.extend(base + offset for offset in found)
            lines.extend(line - 1 + n for n in found_lines)
            line += newlines
            base += cut
            carry = data[cut:]
            if not block:
                break
    signature = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return _Scan(offsets, lines, start, stat.st_size, signature, digest.hexdigest())


def slugify(text: str) -> str:
    """A lowercase ASCII slug for an id derived from a title."""
    return _SLUG.sub("-", text.lower()).strip("-")[:60] or "event"


#: A well-formed event taken apart by `_plain_fields`: plain data, so the helper process
#: can send it with `marshal`; `_Loader._build` makes the Event of it.
_Fields = tuple[
    str,  # id, stripped
    str,  # title
    str,  # display_date
    str,  # kind
    str,  # speaker
    str,  # handle
    str,  # role
    str,  # group
    str,  # context
    str,  # in_reply_to
    str,  # background
    str | None,  # relative_to, when set: then the date is a string
    Any,  # date as parsed (or as `_wire` sends it)
    bool | None,  # circa
    Any,  # end_date as parsed (or as `_wire` sends it), or None
    tuple[str, ...],  # tags
    tuple[tuple[str, str], ...],  # quotes, as (text, speaker)
    tuple[str, str] | None,  # source, as (label, url)
    tuple[str, str, str, str, str] | None,  # media, in MEDIA_KEYS order
]


#: One chunk's share of the loader's events, pending relative dates (their event
#: indices counted within the chunk), event positions, and problems.
_Segment = tuple[
    list[Event], list[tuple[int, str, Relative | None, Relative | None]], list[int], list[Problem]
]


def _redated(e: Event, when: When, end: When | None) -> Event:
    """`e._replace(when=when, end=end)`, built directly: quicker than `_replace`, which
    goes through a dictionary of changes (tests/test_load_large.py checks they agree)."""
    return Event(
        e.id,
        when,
        e.title,
        end,
        e.display_date,
        e.kind,
        e.speaker,
        e.handle,
        e.role,
        e.group,
        e.tags,
        e.context,
        e.source,
        e.in_reply_to,
        e.quotes,
        e.media,
        e.background,
        e.file,
        e.line,
    )


def _source_parts(text: str) -> tuple[str, str]:
    """(label, url) of a source written as a string: an http(s) address is the URL,
    anything else the label."""
    return ("", text) if text.startswith(("http://", "https://")) else (text, "")


def _source_from_string(text: str) -> Source:
    """The source a string gives (see `_source_parts`)."""
    return Source(*_source_parts(text))


def _plain_fields(raw: dict[str, Any]) -> _Fields | None:
    """The fields of a well-formed event, or None at the first doubt.

    The first half of the quick path (`_Loader._plain_event`): every check that needs
    neither the time zone nor the other events, so the helper process can run it too.
    Dates are left as parsed; `_Loader._build` reads them.
    """
    if not _EVENT_KEY_SET.issuperset(raw):
        return None
    get = raw.get
    ident = get("id", "")
    title = get("title")
    display_date = get("display_date", "")
    kind = get("kind", "")
    speaker = get("speaker", "")
    handle = get("handle", "")
    role = get("role", "")
    group = get("group", "")
    context = get("context", "")
    in_reply_to = get("in_reply_to", "")
    background = get("background", "")
    if not (
        type(ident) is str
        and type(title) is str
        and type(display_date) is str
        and type(kind) is str
        and type(speaker) is str
        and type(handle) is str
        and type(role) is str
        and type(group) is str
        and type(context) is str
        and type(in_reply_to) is str
        and type(background) is str
        and title.strip()
    ):
        return None
    if ident:
        ident = ident.strip()
        if not ident:
            return None
    elif "id" in raw:
        return None  # id = "" is an error

    relative_to = get("relative_to")
    raw_date = get("date")
    if relative_to is not None:
        # Anything but a relative form with an anchor draws an error or a warning.
        if type(relative_to) is not str or not relative_to or type(raw_date) is not str:
            return None
    elif raw_date is None:
        return None
    circa = get("circa")
    if circa is not None and type(circa) is not bool:
        return None

    tags: tuple[str, ...] = ()
    raw_tags = get("tags")
    if raw_tags is not None:
        if type(raw_tags) is not list:
            return None
        for tag in raw_tags:
            if type(tag) is not str:
                return None
        tags = tuple(raw_tags)

    quotes: tuple[tuple[str, str], ...] = ()
    single = get("quote")
    many = get("quotes")
    if single is not None or many is not None:
        found: list[tuple[str, str]] = []
        if single is not None:
            if type(single) is not str:
                return None
            found.append((single, ""))
        if many is not None:
            if type(many) is not list:
                return None
            for item in many:
                if type(item) is str:
                    found.append((item, ""))
                    continue
                if type(item) is not dict or not _QUOTE_KEY_SET.issuperset(item):
                    return None
                text = item.get("text")
                said = item.get("speaker", "")
                if type(text) is not str or type(said) is not str:
                    return None
                found.append((text, said))
        quotes = tuple(found)

    source: tuple[str, str] | None = None
    raw_source = get("source")
    if raw_source is not None:
        if type(raw_source) is str:
            source = _source_parts(raw_source)
        elif type(raw_source) is dict and _SOURCE_KEY_SET.issuperset(raw_source):
            label = raw_source.get("label", "")
            url = raw_source.get("url", "")
            if type(label) is not str or type(url) is not str:
                return None
            source = (label, url)
        else:
            return None

    media: tuple[str, str, str, str, str] | None = None
    raw_media = get("media")
    if raw_media is not None:
        if type(raw_media) is not dict or not _MEDIA_KEY_SET.issuperset(raw_media):
            return None
        url, caption, credit, thumbnail, alt = [raw_media.get(key, "") for key in MEDIA_KEYS]
        if not (
            type(url) is str
            and type(caption) is str
            and type(credit) is str
            and type(thumbnail) is str
            and type(alt) is str
        ):
            return None
        media = (url, caption, credit, thumbnail, alt)

    return (
        ident,
        title,
        display_date,
        kind,
        speaker,
        handle,
        role,
        group,
        context,
        in_reply_to,
        background,
        relative_to,
        raw_date,
        circa,
        get("end_date"),
        tags,
        quotes,
        source,
        media,
    )


class _Loader:
    """One load of one file. Holds the text so problems can be located lazily.

    Given a path, the file is read a chunk at a time and its whole text only when a
    problem must be located: held whole, 56 MB of UTF-8 take 56 MB as bytes and up to
    four times that as text (one character beyond Latin-1 makes every character two
    bytes wide), on top of the timeline being built.
    """

    def __init__(
        self,
        source: str | Path,
        name: str,
        progress: Progress | None,
        helper: _Helper | None = None,
    ) -> None:
        self.name = name
        self.progress = progress
        self._helper = helper
        self.problems: list[Problem] = []
        self._text: str | None
        self._path: Path | None
        if isinstance(source, str):
            self._text, self._path = source, None
            self._offsets, self._header_lines = _headers(source)
            self._text_headers: list[int] | None = self._offsets
            self._start, self._size, self.signature = 0, len(source), (0, 0, 0)
            self.digest = ""
        else:
            self._text, self._path = None, source
            scan = _scan(source)
            # Offsets in the file's bytes; line numbers are the same in its text.
            self._offsets, self._header_lines = scan.offsets, scan.lines
            self._text_headers = None
            self._start, self._size, self.signature = scan.start, scan.size, scan.signature
            # Of the bytes loaded; "" once the file was found to change and read again.
            self.digest = scan.digest
        self.bom = self._start > 0
        self.zone: tzinfo | None = None
        self.events: list[Event] = []
        self.pending: list[tuple[int, str, Relative | None, Relative | None]] = []
        # Position in the file of each kept event, for locating problems found later.
        self._index_of_event: list[int] = []
        # Dates and short texts repeat across events: share one immutable object per
        # value instead of keeping one per event (about 30 MB at 100,000 events).
        self._dates: dict[object, When] = {}
        self._circa: dict[When, When] = {}
        self._ids: dict[str, int] = {}  # each event's id -> its index, by `_unique_ids`
        self._duplicates = False  # whether an id was given to several events
        self._relatives: dict[str, Relative | None] = {}
        self._strings: dict[str, str] = {}

    @property
    def text(self) -> str:
        """The whole text; from a path, read on first use (to locate a problem)."""
        if self._text is None:
            assert self._path is not None
            self._text = self._path.read_bytes()[self._start :].decode("utf-8")
            self._text_headers, self._header_lines = _headers(self._text)
        return self._text

    @contextmanager
    def _reader(self) -> Iterator[Callable[[int, int], str]]:
        """A function giving the text between two offsets of `_offsets`."""
        if self._path is None:
            text = self.text
            yield lambda start, end: text[start:end]
            return
        with self._path.open("rb") as file:

            def read(start: int, end: int) -> str:
                file.seek(start)
                return file.read(end - start).decode("utf-8")

            yield read

    @property
    def headers(self) -> list[int]:
        """Offsets in `text` of the lines holding an `[[events]]` header."""
        if self._text_headers is None:
            self._text_headers = _headers(self.text)[0]
        return self._text_headers

    @property
    def chunked(self) -> bool:
        """Whether the file is large enough to be parsed in chunks with rtoml."""
        return self._size >= LARGE_FILE and len(self._offsets) >= 2 * CHUNK_EVENTS

    # ------------------------------------------------------------------ locating

    def header_line(self, index: int) -> int:
        """Line of the index-th `[[events]]` header, 0 when it cannot be matched."""
        if 0 <= index < len(self._header_lines):
            return self._header_lines[index]
        return 0

    def field_position(
        self, index: int, key: str, table: str = "events", nth: int = 0
    ) -> tuple[int, int]:
        """Line and column of `key = ...` within the index-th entry of `table`.

        For quotes, `nth` picks the nth `[[events.quotes]]` of the event. Falls back to
        the entry's header line when the key is written some other way (inline tables).
        """
        if table == "events":
            if index >= len(self.headers):
                return 0, 0
            start = self.headers[index]
            end = self.headers[index + 1] if index + 1 < len(self.headers) else len(self.text)
            base = self.header_line(index)
        else:
            found = list(
                re.finditer(rf"^[ \t]*\[\[[ \t]*{re.escape(table)}[ \t]*\]\]", self.text, re.M)
            )
            if index >= len(found):
                return 0, 0
            start = found[index].start()
            end = found[index + 1].start() if index + 1 < len(found) else len(self.text)
            base = self.text.count("\n", 0, start) + 1
        if nth:
            subs = list(
                re.finditer(
                    r"^[ \t]*\[\[[ \t]*events\.quotes[ \t]*\]\]", self.text[start:end], re.M
                )
            )
            if nth - 1 < len(subs):
                start += subs[nth - 1].start()
                base = self.text.count("\n", 0, start) + 1
        pattern = re.compile(rf'^[ \t]*(?:"{re.escape(key)}"|{re.escape(key)})[ \t]*=', re.M)
        match = pattern.search(self.text, start, end)
        if match is None:
            return base, 1
        line = base + self.text.count("\n", start, match.start())
        column = match.start() - (self.text.rfind("\n", 0, match.start()) + 1) + 1
        stripped = len(match.group()) - len(match.group().lstrip())
        return line, column + stripped

    def add(
        self,
        severity: Severity,
        message: str,
        *,
        index: int = -1,
        event: str = "",
        key: str = "",
        table: str = "events",
        nth: int = 0,
        line: int = 0,
        column: int = 0,
    ) -> None:
        if index >= 0 and not line:
            if key:
                line, column = self.field_position(index, key, table, nth)
            elif table == "events":
                line, column = self.header_line(index), 1
        self.problems.append(Problem(severity, message, self.name, line, column, event, key))

    # ------------------------------------------------------------------ parsing

    def _take_chunks(self, header: dict[str, Any], eras: list[Any]) -> None:
        """Parse and keep a large file a chunk at a time, with the helper if there is one.

        Each chunk's events (and problems) are kept apart and put together in file order
        at the end, so the loader can keep the helper's chunks whenever they come.

        Raises:
            _Fallback: When the chunks cannot stand for the whole file.
        """
        import rtoml  # only large files pay for importing it

        seen: set[str] = set()
        bounds = [*self._offsets, self._size]
        total = len(bounds) - 1
        firsts = [*range(0, total, CHUNK_EVENTS), total]
        count = len(firsts) - 1
        helper = self._helper
        if helper is not None and self._path is not None:
            edges = [bounds[i] for i in firsts]
            if not helper.begin(self._path, self.signature, edges, firsts):
                helper = None
        else:
            helper = None
        segments: list[_Segment | None] = [None] * count
        kept = 0  # events in the segments so far
        with self._reader() as read:

            def parse(chunk: int) -> None:
                i, j = firsts[chunk], firsts[chunk + 1]
                try:
                    part: dict[str, Any] = rtoml.loads(read(bounds[i], bounds[j]))
                except Exception as exc:
                    raise _Fallback from exc
                others = set(part) - {"events"}
                if others & seen or len(part.get("events", ())) != j - i:
                    raise _Fallback  # a table split across chunks, or a header inside a string
                if "timeline" in others:
                    raise _Fallback  # its time zone applies to the events of earlier chunks too
                seen.update(others)
                self._take_document(part, i, header, eras)

            def keep(chunk: int, rows: list[_Fields] | None = None) -> None:
                nonlocal kept
                segment = None
                if rows is not None:
                    segment = self._segment(lambda: self._take_rows(rows, firsts[chunk]))
                if segment is None:

                    def parsed() -> bool:
                        parse(chunk)
                        return True

                    segment = self._segment(parsed)
                    assert segment is not None
                segments[chunk] = segment
                kept += firsts[chunk + 1] - firsts[chunk]
                if self.progress is not None:
                    self.progress(kept / total)

            def take_sent() -> None:
                assert helper is not None
                for chunk, rows in helper.sent():
                    if segments[chunk] is None:  # else both took it: the loader's stands
                        keep(chunk, rows)

            head = read(self._start, bounds[0])
            try:
                first = rtoml.loads(head) if head.strip() else {}
            except Exception as exc:
                raise _Fallback from exc
            if "events" in first:
                raise _Fallback  # `events = [...]` before the headers: tomllib says what is wrong
            seen.update(first)
            self._take_document(first, 0, header, eras)
            # Each takes the next chunk neither has started on (the helper starts at the
            # second); the loader keeps the helper's chunks as they come.
            chunk = 0
            while chunk < count:
                if helper is not None:
                    helper.claim(chunk)
                keep(chunk)
                if helper is not None:
                    take_sent()
                    chunk = max(chunk + 1, helper.frontier)
                else:
                    chunk += 1
            if helper is not None:
                while None in segments and helper.wait():
                    take_sent()
                helper.close()  # before the checks below: it has done its part
                for chunk, segment in enumerate(segments):
                    if segment is None:  # it claimed the chunk and stopped
                        keep(chunk)
        for segment in segments:
            assert segment is not None
            events, pending, index_of_event, problems = segment
            base = len(self.events)
            self.events += events
            self.pending += [(base + i, anchor, start, end) for i, anchor, start, end in pending]
            self._index_of_event += index_of_event
            self.problems += problems
        if self._path is not None and file_signature(self._path) != self.signature:
            raise _Fallback  # changed while it was read in pieces: take it whole, as it is now

    def _segment(self, work: Callable[[], bool]) -> _Segment | None:
        """What `work` keeps, apart from what was kept so far; None when it returns False."""
        kept = self.events, self.pending, self._index_of_event, self.problems
        self.events, self.pending, self._index_of_event, self.problems = [], [], [], []
        try:
            ok = work()
            return (self.events, self.pending, self._index_of_event, self.problems) if ok else None
        finally:
            self.events, self.pending, self._index_of_event, self.problems = kept

    def run(self) -> LoadResult:
        with _collector_paused():
            return self._run()

    def _run(self) -> LoadResult:
        header: dict[str, Any] = {}
        eras: list[Any] = []
        try:
            try:
                if self.chunked:
                    self._take_chunks(header, eras)
                else:
                    self._take_document(tomllib.loads(self.text), 0, header, eras)
            except _Fallback:
                if self._helper is not None:
                    self._helper.close()
                self.digest = ""
                self.events.clear()
                self.pending.clear()
                self.problems.clear()
                self._index_of_event.clear()
                header.clear()
                eras.clear()
                self._take_document(tomllib.loads(self.text), 0, header, eras)
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            match = _TOML_POSITION.search(message)
            line = int(match.group(1)) if match else 0
            column = int(match.group(2)) if match else 0
            message = _TOML_POSITION.sub("", message)
            self.add("error", f"TOML syntax: {message}", line=line, column=column)
            return LoadResult(None, self.problems)
        timeline = self._finish(header, eras)
        if self.progress is not None:
            self.progress(1.0)
        errors = any(p.severity == "error" for p in self.problems)
        # Found in several passes (fields, then links and relative dates); shown in file order.
        self.problems.sort(key=lambda p: (p.line, p.column))
        return LoadResult(None if errors else timeline, self.problems)

    def _take_document(
        self, doc: dict[str, Any], first: int, header: dict[str, Any], eras: list[Any]
    ) -> None:
        # The header first: its time zone applies to the events' times.
        for key, value in sorted(doc.items(), key=lambda kv: kv[0] != "timeline"):
            if key == "events":
                if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                    self.add(
                        "error",
                        f"'events' must be an array of tables written as [[events]], "
                        f"found {describe(value)}",
                        line=self._line_of_key("events"),
                    )
                    continue
                for offset, raw in enumerate(value):
                    self._event(raw, first + offset)
            elif key == "timeline":
                if not isinstance(value, dict):
                    self.add(
                        "error",
                        f"'timeline' must be a table written as [timeline], found {describe(value)}",
                        line=self._line_of_key("timeline"),
                    )
                    continue
                header.update(value)
                if "timezone" in value:
                    self._zone_from(value["timezone"])
            elif key == "eras":
                if not isinstance(value, list):
                    self.add(
                        "error",
                        f"'eras' must be an array of tables written as [[eras]], found {describe(value)}",
                        line=self._line_of_key("eras"),
                    )
                    continue
                eras.extend(value)
            else:
                self.add(
                    "warning",
                    f"unknown top-level key {key!r} was ignored{suggest(key, TOP_KEYS)}",
                    line=self._line_of_key(key),
                )

    def _line_of_key(self, key: str) -> int:
        match = re.search(
            rf"^[ \t]*(?:\[+[ \t]*{re.escape(key)}[ \t]*\]+|{re.escape(key)}[ \t]*=)",
            self.text,
            re.M,
        )
        return self.text.count("\n", 0, match.start()) + 1 if match else 0

    # ------------------------------------------------------------------ events

    def _event(self, raw: dict[str, Any], index: int) -> None:
        """Take one raw event: the quick way when it is well-formed, else with every check."""
        if not self._plain_event(raw, index):
            self._checked_event(raw, index)

    def _when(self, value: object) -> When | None:
        """`parse_date`, shared per distinct value; None when the value is not a date.

        Takes the dates of the helper process as `_wire` sends them, too.
        """
        kind = type(value)
        # A TOML local date does not depend on the zone; a string may name a time in it.
        # (A date-time is not a key: equal instants at different offsets are equal.)
        key = (
            value if kind is date else (value, self.zone) if kind is str or kind is tuple else None
        )
        if key is not None:
            when = self._dates.get(key)
            if when is not None:
                return when
        if isinstance(value, tuple):
            value = _unwire(value)
        try:
            when = parse_date(value, self.zone)
        except DateError:
            return None
        if key is not None:
            self._dates[key] = when
        return when

    def _relative(self, text: str) -> Relative | None:
        """`parse_relative`, shared per distinct text (a few forms recur thousands of times)."""
        try:
            return self._relatives[text]
        except KeyError:
            found = self._relatives[text] = parse_relative(text)
            return found

    def _plain_event(self, raw: dict[str, Any], index: int) -> bool:
        """Build a well-formed event with as little work as possible.

        The hot path for large files. It only asks "is everything as expected?" and
        returns False at the first doubt, leaving `_checked_event` to find and report
        each problem; when it returns True it has kept exactly the event that
        `_checked_event` would have kept, with no problems.
        """
        fields = _plain_fields(raw)
        return fields is not None and self._build(fields, index)

    def _build(self, fields: _Fields, index: int) -> bool:
        """Keep the event `_plain_fields` took apart; False, keeping nothing, if its dates
        are not as expected (the full checks then say what is wrong).

        The fields may come from the helper process (`_serve`), its dates as `_wire` sent them.
        """
        (
            ident,
            title,
            display_date,
            kind,
            speaker,
            handle,
            role,
            group,
            context,
            in_reply_to,
            background,
            relative_to,
            raw_date,
            circa,
            raw_end,
            tags,
            quotes,
            source,
            media,
        ) = fields
        start_rel: Relative | None = None
        when: When | None = None
        if relative_to is not None:
            # Anything but a relative form with an anchor draws an error or a warning.
            start_rel = self._relative(raw_date)
            if start_rel is None:
                return False
        else:
            when = self._when(raw_date)
            if when is None:
                return False
        if circa:
            if when is not None:
                plain = when
                when = self._circa.get(plain)
                if when is None:
                    when = self._circa[plain] = plain._replace(qualifier=Qualifier.CIRCA)
            elif start_rel is not None:
                start_rel = start_rel._replace(circa=True)
        end: When | None = None
        end_rel: Relative | None = None
        if raw_end is not None:
            if type(raw_end) is str:
                end_rel = self._relative(raw_end)
            if end_rel is None:
                end = self._when(raw_end)
                if end is None:
                    return False
            elif end_rel.bound:
                return False

        share = self._strings.setdefault
        lines = self._header_lines
        if start_rel is not None or end_rel is not None:
            self.pending.append((len(self.events), relative_to or "", start_rel, end_rel))
        # In field order: a quarter cheaper than keywords. tests/test_load_large.py
        # compares the result with the keyword-built events of `_checked_event`.
        self.events.append(
            Event(
                ident,
                when or _NO_DATE,
                title,
                end,
                display_date,
                share(kind, kind),
                share(speaker, speaker),
                share(handle, handle),
                share(role, role),
                share(group, group),
                tuple([share(tag, tag) for tag in tags]) if tags else (),
                context,
                None if source is None else Source(*source),
                in_reply_to,
                tuple([Quote(text, share(said, said)) for text, said in quotes]) if quotes else (),
                None if media is None else Media(*media),
                background,
                self.name,
                lines[index] if index < len(lines) else 0,
            )
        )
        self._index_of_event.append(index)
        return True

    def _take_rows(self, rows: list[_Fields], first: int) -> bool:
        """Keep a chunk of events taken apart by the helper; False at the first doubtful
        one (the chunk is then parsed and checked here, and this attempt dropped)."""
        build = self._build
        return all(build(fields, first + offset) for offset, fields in enumerate(rows))

    def _checked_event(self, raw: dict[str, Any], index: int) -> None:
        """Validate one raw event, reporting every problem with it and where it is."""
        ident = raw.get("id")
        label = ident if isinstance(ident, str) and ident else f"#{index + 1}"
        who = f"event {label!r}" if isinstance(ident, str) and ident else f"event {label}"
        ok = True

        def err(message: str, key: str = "", nth: int = 0) -> None:
            nonlocal ok
            ok = False
            self.add("error", f"{who}: {message}", index=index, event=label, key=key, nth=nth)

        unknown = raw.keys() - _EVENT_KEY_SET
        for key in sorted(unknown):
            self.add(
                "warning",
                f"{who}: unknown field {key!r} was ignored{suggest(key, EVENT_KEYS)}",
                index=index,
                event=label,
                key=key,
            )
        if ident is not None and (not isinstance(ident, str) or not ident.strip()):
            err(
                f"field 'id' must be a non-empty string (a slug such as \"raices-letter\"), found {describe(ident)}",
                "id",
            )
            ident = None
        title = raw.get("title")
        if not isinstance(title, str) or not title.strip():
            if title is None:
                err("missing required field 'title' (a string saying what happened)")
            else:
                err(f"field 'title' must be a non-empty string, found {describe(title)}", "title")
            title = ""
        strings: dict[str, str] = {}
        for key in _STRING_FIELDS:
            value = raw.get(key)
            if value is None:
                continue
            if type(value) is not str:
                err(f"field {key!r} must be a string, found {describe(value)}", key)
            else:
                strings[key] = value
        relative_to = raw.get("relative_to")
        if relative_to is not None and (type(relative_to) is not str or not relative_to):
            err(
                f"field 'relative_to' must be the id of another event, found {describe(relative_to)}",
                "relative_to",
            )
            relative_to = None

        # Dates: absolute ones now, relative ones once every event is known.
        when: When | None = None
        start_rel: Relative | None = None
        raw_date = raw.get("date")
        if raw_date is None:
            err(
                "missing required field 'date' (for example date = 2018-07-19, "
                'date = "2018-07", or date = "Monday" with relative_to)'
            )
        elif relative_to is not None and type(raw_date) is str:
            start_rel = parse_relative(raw_date)
        if raw_date is not None and start_rel is None:
            try:
                when = parse_date(raw_date, self.zone)
            except DateError as exc:
                err(f"field 'date': {exc}", "date")
            else:
                if relative_to is not None:
                    self.add(
                        "warning",
                        f"{who}: 'relative_to' was ignored because 'date' ({raw_date!r}) is "
                        'absolute; relative forms are "Monday", "3 days before", "before"',
                        index=index,
                        event=label,
                        key="relative_to",
                    )
        circa = raw.get("circa")
        if circa is not None:
            if type(circa) is not bool:
                err(f"field 'circa' must be true or false, found {describe(circa)}", "circa")
            elif circa and when is not None:
                when = when._replace(qualifier=Qualifier.CIRCA)
            elif circa and start_rel is not None:
                start_rel = start_rel._replace(circa=True)
        end: When | None = None
        end_rel: Relative | None = None
        raw_end = raw.get("end_date")
        if raw_end is not None:
            if type(raw_end) is str:
                end_rel = parse_relative(raw_end)
            if end_rel is None:
                try:
                    end = parse_date(raw_end, self.zone)
                except DateError as exc:
                    err(f"field 'end_date': {exc}", "end_date")
            elif end_rel.bound:
                err(
                    "field 'end_date' cannot be a plain 'before' or 'after'; give a date or an offset such as \"3 days after\"",
                    "end_date",
                )
                end_rel = None

        tags: tuple[str, ...] = ()
        raw_tags = raw.get("tags")
        if raw_tags is not None:
            if isinstance(raw_tags, list) and all(type(t) is str for t in raw_tags):
                tags = tuple(raw_tags)
            elif type(raw_tags) is str:
                quoted = raw_tags.replace("\\", "\\\\").replace('"', '\\"')
                err(
                    f"field 'tags' must be an array of strings; write tags = [\"{quoted}\"]",
                    "tags",
                )
            else:
                err(f"field 'tags' must be an array of strings, found {describe(raw_tags)}", "tags")

        quotes = self._quotes(raw, err)

        def fail(message: str, key: str) -> None:
            err(message, key, 0)

        def warn(message: str, key: str) -> None:
            self.add("warning", f"{who}: {message}", index=index, event=label, key=key)

        source = self._source(raw.get("source"), fail, warn)
        media = self._media(raw.get("media"), fail, warn)

        if not ok:
            return
        event = Event(
            id=ident.strip() if isinstance(ident, str) else "",
            when=when or When(0),
            title=title,
            end=end,
            display_date=strings.get("display_date", ""),
            kind=strings.get("kind", ""),
            speaker=strings.get("speaker", ""),
            handle=strings.get("handle", ""),
            role=strings.get("role", ""),
            group=strings.get("group", ""),
            tags=tags,
            context=strings.get("context", ""),
            source=source,
            in_reply_to=strings.get("in_reply_to", ""),
            quotes=quotes,
            media=media,
            background=strings.get("background", ""),
            file=self.name,
            line=self.header_line(index),
        )
        if start_rel is not None or end_rel is not None:
            self.pending.append((len(self.events), relative_to or "", start_rel, end_rel))
        self.events.append(event)
        self._index_of_event.append(index)

    def _quotes(
        self, raw: dict[str, Any], err: Callable[[str, str, int], None]
    ) -> tuple[Quote, ...]:
        quotes: list[Quote] = []
        single = raw.get("quote")
        if single is not None:
            if type(single) is str:
                quotes.append(Quote(single))
            else:
                err(f"field 'quote' must be a string, found {describe(single)}", "quote", 0)
        many = raw.get("quotes")
        if many is None:
            return tuple(quotes)
        if not isinstance(many, list):
            err(
                f"field 'quotes' must be an array of tables written as [[events.quotes]], found {describe(many)}",
                "quotes",
                0,
            )
            return ()
        for n, item in enumerate(many, start=1):
            if type(item) is str:
                quotes.append(Quote(item))
                continue
            if not isinstance(item, dict):
                err(
                    f"quote {n} must be a table with 'text' (and optional 'speaker'), found {describe(item)}",
                    "quotes",
                    0,
                )
                continue
            text = item.get("text")
            speaker = item.get("speaker", "")
            if type(text) is not str:
                what = (
                    "is missing 'text'"
                    if text is None
                    else f"'text' must be a string, found {describe(text)}"
                )
                err(f"quote {n} {what}", "text" if text is not None else "quotes", n)
                continue
            if type(speaker) is not str:
                err(
                    f"quote {n}: 'speaker' must be a string, found {describe(speaker)}",
                    "speaker",
                    n,
                )
                continue
            extra = item.keys() - set(QUOTE_KEYS)
            for key in sorted(extra):
                err(
                    f"quote {n}: unknown field {key!r}{suggest(key, QUOTE_KEYS)}; quotes take 'text' and 'speaker'",
                    key,
                    n,
                )
            quotes.append(Quote(text, speaker))
        return tuple(quotes)

    def _source(self, value: object, fail: _Say, warn: _Say) -> Source | None:
        """A source written as a string or a table; None, having said why, when invalid.

        `fail` and `warn` take a message (to be prefixed with what it is about) and the
        key it concerns.
        """
        if value is None:
            return None
        if type(value) is str:
            return _source_from_string(value)
        if not isinstance(value, dict):
            fail(
                f"field 'source' must be a URL string or a table with 'label' and 'url', found {describe(value)}",
                "source",
            )
            return None
        parts = self._table_strings("source", value, SOURCE_KEYS, fail, warn)
        return None if parts is None else Source(**parts)

    def _media(self, value: object, fail: _Say, warn: _Say) -> Media | None:
        """Media written as a table; None, having said why, when invalid (see `_source`)."""
        if value is None:
            return None
        if not isinstance(value, dict):
            fail(
                f"field 'media' must be a table with 'url' and optional {', '.join(MEDIA_KEYS[1:])}, found {describe(value)}",
                "media",
            )
            return None
        parts = self._table_strings("media", value, MEDIA_KEYS, fail, warn)
        return None if parts is None else Media(**parts)

    @staticmethod
    def _table_strings(
        name: str, table: dict[str, Any], keys: tuple[str, ...], fail: _Say, warn: _Say
    ) -> dict[str, str] | None:
        """The string fields of a source or media table, every key present ("" if not
        given); None at the first that is not a string. Unknown keys are warned about."""
        for key in sorted(table.keys() - set(keys)):
            warn(f"unknown field '{name}.{key}' was ignored{suggest(key, keys)}", key)
        parts = {k: table.get(k, "") for k in keys}
        for key, part in parts.items():
            if type(part) is not str:
                fail(f"field '{name}.{key}' must be a string, found {describe(part)}", key)
                return None
        return parts

    # ------------------------------------------------------------------ finishing

    def _header(self, header: dict[str, Any]) -> tuple[str, str, Source | None, Media | None]:
        for key in sorted(header.keys() - set(TIMELINE_KEYS)):
            self.add(
                "warning",
                f"[timeline]: unknown field {key!r} was ignored{suggest(key, TIMELINE_KEYS)}",
                line=self._line_of_key(key),
            )
        title = header.get("title")
        if title is None:
            self.add(
                "warning",
                '[timeline] has no title; add title = "..." so readers know what the timeline is about',
                line=self._line_of_key("timeline"),
            )
            title = Path(self.name).stem
        elif type(title) is not str:
            self.add(
                "error",
                f"[timeline] field 'title' must be a string, found {describe(title)}",
                line=self._line_of_key("title"),
            )
            title = ""
        summary = header.get("summary", "")
        if type(summary) is not str:
            self.add(
                "error",
                f"[timeline] field 'summary' must be a string, found {describe(summary)}",
                line=self._line_of_key("summary"),
            )
            summary = ""
        source = self._source(
            header.get("source"), *self._header_reporters("source", header.get("source"))
        )
        media = self._media(
            header.get("media"), *self._header_reporters("media", header.get("media"))
        )
        return title, summary, source, media

    def _header_reporters(self, name: str, value: object) -> tuple[_Say, _Say]:
        """`fail` and `warn` for the [timeline] table's source or media (`name`), locating
        a problem with one of its keys on that key's line when it can be found."""

        def line(key: str) -> int:
            return self._line_in_header_table(name, key if isinstance(value, dict) else "")

        def fail(message: str, key: str) -> None:
            self.add("error", f"[timeline] {message}", line=line(key))

        def warn(message: str, key: str) -> None:
            self.add("warning", f"[timeline]: {message}", line=line(key))

        return fail, warn

    def _line_in_header_table(self, name: str, key: str) -> int:
        """Line of `[timeline]`'s field `name` (`name = ...` or a `[timeline.name]` table),
        or of `key` within it; the field's line when the key is not found there."""
        field = re.compile(
            rf"^[ \t]*(?:\[[ \t]*timeline[ \t]*\.[ \t]*{re.escape(name)}[ \t]*\]"
            rf"|{re.escape(name)}[ \t]*=)",
            re.M,
        )
        match = field.search(self.text)
        if match is None:
            return self._line_of_key(name)
        line = self.text.count("\n", 0, match.start()) + 1
        if not key or not match.group().rstrip().endswith("]"):
            return line  # no key wanted, or an inline table: all on this line
        end = re.compile(r"^[ \t]*\[", re.M).search(self.text, match.end())
        stop = end.start() if end else len(self.text)
        inner = re.compile(rf'^[ \t]*(?:"{re.escape(key)}"|{re.escape(key)})[ \t]*=', re.M)
        found = inner.search(self.text, match.end(), stop)
        return line + self.text.count("\n", match.start(), found.start()) if found else line

    def _finish(self, header: dict[str, Any], raw_eras: list[Any]) -> Timeline:
        title, summary, source, media = self._header(header)
        timezone_name = header.get("timezone", "")
        # Ids first, so relative_to can name an id derived from a title, as in_reply_to can.
        events = self._unique_ids(self.events)
        self._resolve()
        eras = self._eras(raw_eras)
        self._check_links(events)
        self._ids = {}  # 5 MB at 100,000 events, not needed past here: not kept for the peak
        ordered = chronological(events)
        if not ordered and not any(p.severity == "error" for p in self.problems):
            # Not when events were rejected: the errors say why, and there are [[events]].
            self.add("warning", "the timeline has no events yet; add an [[events]] table", line=1)
        return Timeline(
            title=title,
            events=ordered,
            summary=summary,
            timezone=timezone_name if isinstance(timezone_name, str) else "",
            source=source,
            eras=eras,
            media=media,
            files=(self.name,),
        )

    def _zone_from(self, name: object) -> None:
        if type(name) is not str:
            self.add(
                "error",
                f"[timeline] field 'timezone' must be an IANA zone name such as \"America/Chicago\", found {describe(name)}",
                line=self._line_of_key("timezone"),
            )
            return
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only timelines that set one

        try:
            self.zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            from zoneinfo import available_timezones

            hint = suggest(name, sorted(available_timezones()))
            self.add(
                "error",
                f'[timeline] timezone {name!r} is not an IANA zone name such as "America/Chicago"{hint}',
                line=self._line_of_key("timezone"),
            )

    def _unique_ids(self, events: list[Event]) -> list[Event]:
        # One pass and one table, which `_resolve` and `_check_links` use too: at
        # 100,000 events each table of ids built costs about 15 ms.
        ids: dict[str, int] = {}
        claim = ids.setdefault
        missing: list[int] = []
        for i, event in enumerate(events):
            ident = event.id
            if not ident:
                missing.append(i)
            elif claim(ident, i) != i:
                self._duplicates = True
                first = events[ids[ident]]
                self.add(
                    "error",
                    f"duplicate id {ident!r}: already used by the event on line {first.line}; ids must be unique",
                    index=self._index_of_event[i],
                    event=ident,
                    key="id",
                )
        for i in missing:
            event = events[i]
            base = slugify(event.title)
            candidate, n = base, 2
            while candidate in ids:
                candidate, n = f"{base}-{n}", n + 1
            ids[candidate] = i
            events[i] = event._replace(id=candidate)
        self._ids = ids
        return events

    def _resolve(self) -> None:
        """Resolve relative dates in dependency order; report unknown anchors and cycles.

        Each event has at most one anchor, so its dependencies form a path: the event, its
        anchor, the anchor's anchor, and so on. The path is followed with a list rather
        than recursion (a chain of thousands of events must not exhaust the stack), then
        resolved back along it. A cycle gets one error, at the event where the walk came
        back round; events that only lead into a failure get no error of their own.
        """
        if not self.pending:
            self._check_ranges()
            return
        by_id = (
            {e.id: i for i, e in enumerate(self.events) if e.id}
            if self._duplicates or not self._ids
            else self._ids  # the same table when every id is unique
        )
        todo = {i: (anchor, start, end) for i, anchor, start, end in self.pending}
        done: dict[int, bool] = {}  # True: resolved (or absolute all along); False: failed
        for i in todo:
            path: list[int] = []  # each event here waits for the next one (or for `i`)
            on_path: dict[int, int] = {}  # event -> its position in `path`
            while True:
                if i in done:
                    ok = done[i]
                    break
                if i in on_path:
                    cycle = path[on_path[i] :]
                    self._cycle_error(cycle)
                    for j in cycle:
                        done[j] = False
                    ok = False
                    break
                if i not in todo:
                    ok = done[i] = True
                    break
                anchor_id, start_rel, end_rel = todo[i]
                if start_rel is None:
                    ok = done[i] = self._redate(i, None, end_rel, "", -1)
                    break
                anchor_index = by_id.get(anchor_id)
                if anchor_index is None:
                    hint = suggest(anchor_id, list(by_id))
                    self._event_error(
                        i,
                        f"relative_to names {anchor_id!r}, which is not the id of any event{hint}",
                        "relative_to",
                    )
                    ok = done[i] = False
                    break
                on_path[i] = len(path)
                path.append(i)
                i = anchor_index
            # Back along the path, each event's anchor now resolved (or failed).
            for j in reversed(path):
                if j in done:  # in the cycle just reported
                    continue
                if ok:
                    anchor_id, start_rel, end_rel = todo[j]
                    ok = self._redate(j, start_rel, end_rel, anchor_id, by_id[anchor_id])
                done[j] = ok
        self._check_ranges()

    def _redate(
        self,
        i: int,
        start_rel: Relative | None,
        end_rel: Relative | None,
        anchor_id: str,
        anchor_index: int,
    ) -> bool:
        """Count event i's relative dates, its anchor being resolved already; False, with
        an error, when they cannot be counted."""
        event = self.events[i]
        when = event.when
        if start_rel is not None:
            try:
                when = resolve(start_rel, self.events[anchor_index].when, anchor_id)
            except DateError as exc:
                self._event_error(i, f"field 'date': {exc}", "date")
                return False
        end = event.end
        if end_rel is not None:
            try:
                end = resolve(end_rel, when, event.id or "its own date")
            except DateError as exc:
                self._event_error(i, f"field 'end_date': {exc}", "end_date")
                return False
        self.events[i] = _redated(event, when, end)
        return True

    def _cycle_error(self, cycle: list[int]) -> None:
        """Report relative dates that depend on each other in a ring, at its first event.

        A long ring is listed by its first and last few ids and its length, not in full.
        """
        ids = [self.events[j].id for j in cycle]
        if len(ids) > _CYCLE_SHOWN:
            head, tail = ids[: _CYCLE_SHOWN - 2], ids[-2:]
            names = f"{' → '.join(head)} → … → {' → '.join(tail)} → {ids[0]} ({len(ids):,} events)"
        else:
            names = " → ".join([*ids, ids[0]])
        self._event_error(
            cycle[0],
            f"relative dates form a cycle: {names}; one of them needs an absolute date",
            "relative_to",
        )

    def _check_ranges(self) -> None:
        from timeline.dates import format_iso

        for i, event in enumerate(self.events):
            if event.end is None:
                continue
            # Compared at the coarser precision: an end of "2018-07" is fine for a start of
            # 19 July 2018 (the key has one part per precision: year, month, day, ...).
            known = min(event.end.precision, event.when.precision) + 1
            if event.end.key[:known] < event.when.key[:known]:
                self._event_error(
                    i,
                    f"end_date {format_iso(event.end)} is before date {format_iso(event.when)}; "
                    "the end must be on or after the start",
                    "end_date",
                )

    def _event_error(self, i: int, message: str, key: str) -> None:
        event = self.events[i]
        name = event.id or f"#{self._index_of_event[i] + 1}"
        self.add(
            "error",
            f"event {name!r}: {message}",
            index=self._index_of_event[i],
            event=name,
            key=key,
        )

    def _check_links(self, events: list[Event]) -> None:
        known = self._ids or {e.id: i for i, e in enumerate(events)}
        for i, event in enumerate(events):
            if event.in_reply_to and event.in_reply_to not in known:
                ids = [e.id for e in events]
                self.add(
                    "warning",
                    f"event {event.id!r}: in_reply_to names {event.in_reply_to!r}, which is not the id of any event{suggest(event.in_reply_to, ids)}",
                    index=self._index_of_event[i],
                    event=event.id,
                    key="in_reply_to",
                )

    def _eras(self, raw_eras: list[Any]) -> tuple[Era, ...]:
        eras: list[Era] = []
        for n, raw in enumerate(raw_eras):
            where = f"era {n + 1}"
            if not isinstance(raw, dict):
                self.add(
                    "error",
                    f"{where} must be a table written as [[eras]], found {describe(raw)}",
                    index=n,
                    table="eras",
                    key="title",
                )
                continue
            for key in sorted(raw.keys() - set(ERA_KEYS)):
                self.add(
                    "warning",
                    f"{where}: unknown field {key!r} was ignored{suggest(key, ERA_KEYS)}",
                    index=n,
                    table="eras",
                    key=key,
                )
            title, text = raw.get("title", ""), raw.get("text", "")
            if type(title) is not str or type(text) is not str:
                self.add(
                    "error",
                    f"{where}: 'title' and 'text' must be strings",
                    index=n,
                    table="eras",
                    key="title",
                )
                continue
            missing = [key for key in ("start", "end") if raw.get(key) is None]
            if missing:
                self.add(
                    "error",
                    f"{where} ({title!r}) is missing {' and '.join(map(repr, missing))}; "
                    'eras need both, for example start = "2018-07" and end = "2018-08"',
                    index=n,
                    table="eras",
                    key="title",
                )
                continue
            try:
                start = parse_date(raw.get("start"), self.zone)
                end = parse_date(raw.get("end"), self.zone)
            except DateError as exc:
                self.add(
                    "error",
                    f"{where} ({title!r}): 'start' and 'end' must be dates: {exc}",
                    index=n,
                    table="eras",
                    key="start",
                )
                continue
            # Compared as event dates are (see `_check_ranges`), at the coarser precision.
            known = min(end.precision, start.precision) + 1
            if end.key[:known] < start.key[:known]:
                from timeline.dates import format_iso

                self.add(
                    "error",
                    f"{where} ({title!r}): end {format_iso(end)} is before start "
                    f"{format_iso(start)}; the end must be on or after the start",
                    index=n,
                    table="eras",
                    key="end",
                )
                continue
            eras.append(Era(title, start, end, text))
        return tuple(eras)


# ---------------------------------------------------------------------- the helper process
#
# rtoml holds the GIL, so a thread cannot parse while the loader builds events; a
# second process can. The loader takes chunks from the front of the file and the
# helper from the back, each telling the other which chunk it is starting, until they
# meet; the helper sends each of its chunks as `_Fields` (in `marshal`, the quickest
# format to read back) through a temporary file, so it never waits for the loader to
# read them. Any chunk the helper is not sure of (a problem, an unusual table, a date
# it cannot send) it leaves to the loader, which parses and checks it as it would
# without a helper, so problems and their locations are exactly the same. Any failure
# of the helper (it cannot start, dies, stalls) leaves its chunks to the loader too.
#
# A plain subprocess rather than multiprocessing: spawn and forkserver leave a
# resource tracker (and a fork server) running after the load, and spawn imports
# the caller's __main__ again; fork is unsafe in the viewer, which loads from a thread.

#: Files of at least this size are parsed with the help of a second process. It starts
#: in about 0.06 s, on the other core; measured on two cores, 10,000 events (5.6 MB) load
#: in 0.25 s with it against 0.30 s without, 100,000 (56 MB) in 2.3 s against 3.0 s.
#: Kept above that, as a busy machine (no core to spare) makes it a loss.
PARALLEL_FILE = 8_000_000
#: Seconds to wait for the helper to say anything before going on without it.
HELPER_TIMEOUT = 10.0

# The helper's messages to the loader: (what, chunk, offset, length) in its pipe.
_NOTE = struct.Struct("<iiqq")
_CLAIMED, _SENT, _DECLINED, _ENDED = 1, 2, 3, 4
# The loader's to the helper: the number of chunks it has started on.
_COUNT = struct.Struct("<i")
_BOOT = "import sys; sys.path[:0] = sys.argv[1:]; from timeline.read.toml import _serve; _serve()"
_UNSENDABLE = object()


def _wire(value: object) -> object:
    """A parsed date as `marshal` can send it, `_UNSENDABLE` if it cannot be sent."""
    kind = type(value)
    if kind is str or kind is int or value is None:
        return value
    if kind is date:
        assert isinstance(value, date)
        return ("d", value.year, value.month, value.day)
    if kind is datetime:
        # Gives back an equal value with an equal fixed offset, which is all that
        # `parse_date` reads of it (rtoml's own offset class becomes a `timezone` there).
        assert isinstance(value, datetime)
        return ("t", value.isoformat())
    return _UNSENDABLE


def _unwire(value: tuple[Any, ...]) -> object:
    """The date `_wire` sent."""
    if value[0] == "d":
        return date(value[1], value[2], value[3])
    return datetime.fromisoformat(value[1])


def _rows(rtoml: Any, data: bytes, count: int) -> bytes | None:
    """A chunk's events as marshalled `_Fields`; None unless it holds `count` plain events
    and nothing else."""
    try:
        part = rtoml.loads(data.decode("utf-8"))
    except Exception:
        return None
    events = part.get("events")
    if len(part) != 1 or type(events) is not list or len(events) != count:
        return None
    rows: list[_Fields] = []
    for raw in events:
        fields = _plain_fields(raw) if type(raw) is dict else None
        if fields is None:
            return None
        if type(fields[12]) is not str or fields[14] is not None:
            start, end = _wire(fields[12]), _wire(fields[14])
            if start is _UNSENDABLE or end is _UNSENDABLE:
                return None
            fields = (*fields[:12], start, fields[13], end, *fields[15:])
        rows.append(fields)
    return marshal.dumps(rows)


def _read_exactly(fd: int, size: int) -> bytes:
    data = b""
    while len(data) < size:
        more = os.read(fd, size - len(data))
        if not more:
            raise EOFError
        data += more
    return data


def _serve() -> None:
    """The helper process: parse with rtoml the next chunk the loader has not started on,
    until there are none. Started by `_Helper.start`; exits when the loader stops listening."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the loader to handle
    gc.disable()  # as in the loader: nothing built here forms cycles
    import rtoml

    commands, notes = 0, 1  # stdin and stdout, both pipes to the loader
    (size,) = _COUNT.unpack(_read_exactly(commands, _COUNT.size))
    path, signature, results, edges, firsts = marshal.loads(_read_exactly(commands, size))
    os.set_blocking(commands, False)
    started, heard = 0, b""  # the loader has started on the chunks before `started`
    offset = 0
    with open(path, "rb") as file:
        stat = os.fstat(file.fileno())
        if (stat.st_ino, stat.st_size, stat.st_mtime_ns) != tuple(signature):
            os.write(notes, _NOTE.pack(_ENDED, 0, 0, 0))
            return  # not the file the loader scanned
        mine = 1  # the loader starts with the first chunk
        while True:
            try:
                while more := os.read(commands, 4096):
                    heard += more
                return  # end of input: the loader is gone
            except BlockingIOError:
                pass
            whole = len(heard) - len(heard) % _COUNT.size
            if whole:
                (started,) = _COUNT.unpack_from(heard, whole - _COUNT.size)
                heard = heard[whole:]
            chunk = max(mine, started)
            if chunk >= len(edges) - 1:
                break
            os.write(notes, _NOTE.pack(_CLAIMED, chunk, 0, 0))
            mine = chunk + 1
            data = os.pread(file.fileno(), edges[chunk + 1] - edges[chunk], edges[chunk])
            payload = _rows(rtoml, data, firsts[chunk + 1] - firsts[chunk])
            if payload is None:
                os.write(notes, _NOTE.pack(_DECLINED, chunk, 0, 0))
                continue
            written = 0
            while written < len(payload):
                written += os.pwrite(results, payload[written:], offset + written)
            os.write(notes, _NOTE.pack(_SENT, chunk, offset, len(payload)))
            offset += len(payload)
    os.write(notes, _NOTE.pack(_ENDED, 0, 0, 0))


class _Helper:
    """The loader's side of the helper process: start it, share out chunks, collect
    them, and make sure it is gone afterwards (`close`, called whatever happens)."""

    def __init__(self, process: Any, results: Any) -> None:
        self._process = process
        self._results = results
        self._notes: int = process.stdout.fileno()
        self._commands: int = process.stdin.fileno()
        self._heard = b""
        self._sent: list[tuple[int, tuple[int, int] | None]] = []  # None: declined
        #: One past the last chunk the helper has started on.
        self.frontier = 0
        self._ended = False

    @classmethod
    def start(cls) -> _Helper | None:
        """Start the helper process, or None when it cannot be started."""
        if os.name != "posix" or not sys.executable:
            return None
        import subprocess
        import tempfile

        # Where this package and its dependencies were found, for a process that skips
        # `site` (a quicker start) and may not find an editable install by itself.
        here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        paths = [here, *(os.path.abspath(p) for p in sys.path)]
        try:
            results = tempfile.TemporaryFile()  # noqa: SIM115 (closed by `close`)
        except OSError:
            return None
        try:
            process = subprocess.Popen(
                [sys.executable, "-S", "-c", _BOOT, *paths],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                bufsize=0,
                pass_fds=(results.fileno(),),
            )
        except (OSError, ValueError, subprocess.SubprocessError):
            results.close()
            return None
        return cls(process, results)

    def begin(
        self, path: Path, signature: tuple[int, int, int], edges: list[int], firsts: list[int]
    ) -> bool:
        """Give the helper the chunks (byte offsets and first events); False if it cannot
        take them, and the helper is then closed."""
        job = marshal.dumps(
            (os.path.abspath(path), signature, self._results.fileno(), edges, firsts)
        )
        message = _COUNT.pack(len(job)) + job
        try:
            os.set_blocking(self._commands, False)
            os.set_blocking(self._notes, False)
            written = os.write(self._commands, message)
        except OSError:
            written = -1
        if written != len(message):
            self.close()
            return False
        return True

    def claim(self, chunk: int) -> None:
        """Tell the helper the loader is starting on `chunk`."""
        if not self._ended:
            # A full pipe: it hears of the next one; a broken one: it is gone.
            with suppress(OSError):
                os.write(self._commands, _COUNT.pack(chunk + 1))

    def sent(self) -> list[tuple[int, list[_Fields] | None]]:
        """The chunks the helper has finished since last asked, with their rows, or None
        for those the loader must parse itself."""
        self._listen()
        done = [(chunk, self._rows(where)) for chunk, where in self._sent]
        self._sent.clear()
        return done

    def wait(self) -> bool:
        """Wait for the helper to say something; False once it has nothing more to say
        (it ended, died, or stalled and was stopped)."""
        import select

        if self._ended:
            return False
        ready, _, _ = select.select([self._notes], [], [], HELPER_TIMEOUT)
        if not ready:
            self.close()  # stalled: the loader does the rest on its own
            return False
        self._listen()
        return True

    def _rows(self, where: tuple[int, int] | None) -> list[_Fields] | None:
        if where is None:
            return None
        offset, length = where
        try:
            rows: list[_Fields] = marshal.loads(os.pread(self._results.fileno(), length, offset))
        except (OSError, ValueError, EOFError, TypeError):
            return None
        return rows

    def _listen(self) -> None:
        """Take in what the helper has said, without waiting."""
        if self._ended:
            return
        try:
            while more := os.read(self._notes, 1 << 16):
                self._heard += more
            self._ended = True  # end of its output: it exited
        except BlockingIOError:
            pass
        except OSError:
            self._ended = True
        heard = self._heard
        whole = len(heard) - len(heard) % _NOTE.size
        for what, chunk, offset, length in _NOTE.iter_unpack(heard[:whole]):
            if what == _CLAIMED:
                self.frontier = max(self.frontier, chunk + 1)
            elif what == _SENT:
                self._sent.append((chunk, (offset, length)))
            elif what == _DECLINED:
                self._sent.append((chunk, None))
            else:
                self._ended = True
        self._heard = heard[whole:]

    def close(self) -> None:
        """Stop the helper, wait for it to go, and release what it used. Idempotent."""
        self._ended = True
        process = self._process
        if process.returncode is None:
            with suppress(OSError):
                process.kill()
            process.wait()
        for file in (process.stdin, process.stdout, self._results):
            file.close()

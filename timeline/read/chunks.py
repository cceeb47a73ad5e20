"""The fast path for large TOML files: the fast parser on chunks split at `[[events]]`
headers.

tomllib takes 10-12 s for a file of 100,000 events; split at the headers and parsed a
chunk at a time, the fast parser (timeline/read/toml_fast.py) takes about 1 s, and
peak memory stays at a chunk's worth of dictionaries. The split is checked, not trusted:
a chunk that does not parse alone, a table split across chunks or a header inside a
multi-line string (the event count then differs) makes the loader take the whole
file with tomllib instead (`Fallback`), so its problems are located exactly as for a
small file.

The file is read a block at a time to find the headers (`scan`), hashing its bytes on
the way for the cache, and each chunk is read when parsed: 56 MB of UTF-8 held whole
would take up to four times that as text.
"""

from __future__ import annotations

import marshal
import os
import re
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any, AnyStr, BinaryIO, NamedTuple, Protocol

from timeline.read import toml_fast
from timeline.read.conflicts import has_markers
from timeline.read.files import BOM, Signature, file_signature, stat_signature
from timeline.read.helper import Helper, quick_rows_of, unwire, wired
from timeline.read.locate import HEADER, is_header
from timeline.read.quick_rows import light_of
from timeline.read.records import EventReader

_HEADER_BYTES = re.compile(HEADER.pattern.encode())


class Fallback(Exception):
    """The chunks cannot stand for the whole file; parse it whole with tomllib instead."""


def _document(data: bytes) -> dict[str, Any]:
    """A chunk's document, read by the fast parser.

    Raises:
        Fallback: When it is not one the fast parser reads (tomllib says why).
    """
    part = toml_fast.read_bytes(data)
    if part is None:
        raise Fallback
    return part


class Scan(NamedTuple):
    """Where the `[[events]]` headers of a file are, found without holding it whole.

    Attributes:
        offsets: Byte offset of each header's line.
        lines: Its 1-based line number.
        start: Where the text starts (after a byte-order mark).
        size: The file's size.
        signature: Its `files.stat_signature` when it was scanned.
        digest: SHA-256 of its bytes, for the cache.
        conflicted: Whether a line opens or closes a git merge conflict: the file is
            then read whole, which says where (timeline/read/conflicts.py).
    """

    offsets: array[int]
    lines: array[int]
    start: int
    size: int
    signature: Signature
    digest: str
    conflicted: bool = False


def header_lines(
    text: AnyStr, header: re.Pattern[AnyStr], newline: AnyStr, blank: AnyStr
) -> tuple[list[int], list[int], int]:
    """Offsets of the lines holding an `[[events]]` header (only blanks before it), their
    1-based lines, and how many newlines the text holds (counted on the way)."""
    starts: list[int] = []
    lines: list[int] = []
    line, last = 1, 0
    rfind, count = text.rfind, text.count
    for match in header.finditer(text):
        if not is_header(match):
            continue
        pos = match.start()
        start = rfind(newline, 0, pos) + 1
        if start == pos or not text[start:pos].strip(blank):
            line += count(newline, last, start)
            last = start
            starts.append(start)
            lines.append(line)
    return starts, lines, line - 1 + count(newline, last)


def scan(path: Path, block: int) -> Scan:
    """Header offsets (in bytes) and lines of a file read `block` bytes at a time."""
    import hashlib  # only the cache needs the digest
    from concurrent.futures import Future, ThreadPoolExecutor

    # Arrays, not lists: 100,000 offsets or lines as ints take 3 MB of the loading peak.
    offsets, lines = array("q"), array("q")
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
        conflicted = False
        hashed: Future[None] | None = None
        while True:
            data_block = file.read(block)
            # In order (one thread takes them), and at most one block waits: a slow
            # hash must not hold the file in memory.
            if hashed is not None:
                hashed.result()
            hashed = hasher.submit(digest.update, data_block)
            data = carry + data_block
            # Whole lines only, so a header is never cut in two.
            cut = data.rfind(b"\n") + 1 if data_block else len(data)
            # In bytes: the header is ASCII, never part of a multi-byte UTF-8 character.
            piece = data[:cut]
            found, found_lines, newlines = header_lines(piece, _HEADER_BYTES, b"\n", b" \t")
            conflicted = conflicted or has_markers(piece)
            offsets.extend(base + offset for offset in found)
            lines.extend(line - 1 + n for n in found_lines)
            line += newlines
            base += cut
            carry = data[cut:]
            if not data_block:
                break
    return Scan(
        offsets, lines, start, stat.st_size, stat_signature(stat), digest.hexdigest(), conflicted
    )


class KeptRows:
    """Where a large file's chunks were left as rows, for its events to be made from
    them as they are asked for (timeline/file_rows.py) rather than all built as read.

    Each chunk read without a doubt is kept as its `quick_event` rows, marshalled, and
    its reader holds only the events' light rows made events (`quick_rows.light_of`):
    what the work on all events needs. A chunk with a doubt is read with every check,
    and its reader holds its events made.

    Attributes:
        files: The temporary files the rows are in: the helper's, then the loader's.
        chunks: Where each chunk's rows are: (file, offset, length), a number into
            `files`; None for a chunk whose reader holds its events made.
    """

    def __init__(self) -> None:
        self.files: list[BinaryIO] = []
        self.chunks: list[tuple[int, int, int] | None] = []
        self.taken = False
        """Whether the timeline's events are made of the rows (and close the files)."""

    def close(self) -> None:
        for file in self.files:
            file.close()


class Sink(Protocol):
    """What the chunks are handed to: the loader of timeline/read/toml_load.py."""

    def new_reader(self) -> EventReader:
        """A reader for one chunk's events, sharing the loader's caches and zone."""

    def take_document(self, doc: dict[str, Any], first: int, reader: EventReader) -> None:
        """Take a parsed chunk whose first event is the file's `first`."""


def read_chunks(
    sink: Sink,
    path: Path,
    found: Scan,
    chunk_events: int,
    helper: Helper | None,
    progress: Callable[[float], None] | None,
    preview_at: int = 0,
    preview: Callable[[list[EventReader], int], None] | None = None,
    kept: KeptRows | None = None,
) -> list[EventReader]:
    """Parse and take a large file a chunk at a time, with the helper if there is one.

    Once `preview_at` events are read (when not 0, and the `[timeline]` table comes
    before the events), `preview` is given the readers so far and how many events they
    hold, once (their events made, with `kept`).

    With `kept`, chunks are left as rows where it says (see `KeptRows`), the
    caller to close its files.

    Returns:
        One reader per chunk, in file order, holding that chunk's events.

    Raises:
        Fallback: When the chunks cannot stand for the whole file.
    """
    seen: set[str] = set()
    bounds = array("q", found.offsets)
    bounds.append(found.size)
    total = len(bounds) - 1
    firsts = [*range(0, total, chunk_events), total]
    count = len(firsts) - 1
    light = kept is not None
    if helper is not None:
        edges = [bounds[i] for i in firsts]
        if not helper.begin(path, found.signature, edges, firsts, light):
            helper = None
    segments: list[EventReader | None] = [None] * count
    read_so_far = 0  # events in the segments so far
    own: BinaryIO | None = None  # the loader's own chunks' rows
    own_end = 0  # where the next are written in it; -1 once writing failed
    if kept is not None:
        import tempfile

        kept.chunks = [None] * count
        if helper is not None:
            kept.files.append(helper.results())
        own = tempfile.TemporaryFile()  # noqa: SIM115 (closed by its caller)
        kept.files.append(own)
    with path.open("rb") as file:

        def read(start: int, end: int) -> bytes:
            file.seek(start)
            return file.read(end - start)

        def parse(chunk: int, reader: EventReader) -> None:
            i, j = firsts[chunk], firsts[chunk + 1]
            part = _document(read(bounds[i], bounds[j]))
            others = set(part) - {"events"}
            if others & seen or len(part.get("events", ())) != j - i:
                raise Fallback  # a table split across chunks, or a header inside a string
            if "timeline" in others:
                raise Fallback  # its time zone applies to the events of earlier chunks too
            seen.update(others)
            sink.take_document(part, i, reader)

        def built(reader: EventReader, rows: list[list[Any]], first: int) -> bool:
            return all(reader.build(unwire(row), first + n) for n, row in enumerate(rows))

        def own_rows(chunk: int) -> list[list[Any]] | None:
            """The light rows of a chunk the loader reads, its rows left in `own`; None
            at a doubt (it is then read with every check)."""
            nonlocal own_end
            assert own is not None and kept is not None
            i, j = firsts[chunk], firsts[chunk + 1]
            rows = quick_rows_of(toml_fast.read_bytes(read(bounds[i], bounds[j])), j - i)
            if rows is None:
                return None
            lights = [light_of(row) for row in rows]  # its dates as read: nothing to undo
            if not wired(rows):
                return None
            if own_end < 0:
                return None
            data = marshal.dumps(rows)
            try:
                written = 0
                while written < len(data):
                    written += os.pwrite(own.fileno(), data[written:], own_end + written)
            except OSError:  # a full disk: its events are made as read, as below
                own_end = -1
                return None
            kept.chunks[chunk] = (len(kept.files) - 1, own_end, len(data))
            own_end += len(data)
            return lights

        def keep(
            chunk: int, rows: list[list[Any]] | None = None, where: tuple[int, int] = (0, 0)
        ) -> None:
            """Take a chunk: the helper's rows (or light rows, their rows at `where`
            in its results), else the loader reads it."""
            nonlocal read_so_far, preview_at
            reader = sink.new_reader()
            first = firsts[chunk]
            if kept is not None:
                if rows is not None:
                    kept.chunks[chunk] = (0, *where)
                else:
                    rows = own_rows(chunk)
            if rows is None or not built(reader, rows, first):
                if kept is not None:
                    kept.chunks[chunk] = None
                reader = sink.new_reader()  # the rows held a doubt: check them here
                parse(chunk, reader)
            segments[chunk] = reader
            read_so_far += firsts[chunk + 1] - first
            if progress is not None:
                progress(read_so_far / total)
            if preview_at and read_so_far >= preview_at and preview is not None:
                preview_at = 0  # once
                preview(made_so_far(), read_so_far)

        def made_so_far() -> list[EventReader]:
            """The readers so far, their events made (of their rows, with `kept`)."""
            readers = []
            for chunk, segment in enumerate(segments):
                if segment is None:
                    continue
                where = kept.chunks[chunk] if kept is not None else None
                if where is not None:
                    assert kept is not None
                    number, offset, length = where
                    rows = marshal.loads(os.pread(kept.files[number].fileno(), length, offset))
                    segment = sink.new_reader()
                    built(segment, rows, firsts[chunk])
                readers.append(segment)
            return readers

        def take_sent() -> None:
            assert helper is not None
            for chunk, rows, where in helper.sent():
                if segments[chunk] is None:  # else both took it: the loader's stands
                    keep(chunk, rows, where)

        head = read(found.start, bounds[0])
        first_part = _document(head) if head.strip() else {}
        if "events" in first_part:
            raise Fallback  # `events = [...]` before the headers: tomllib says what is wrong
        seen.update(first_part)
        sink.take_document(first_part, 0, sink.new_reader())
        if "timeline" not in first_part:
            # Its time zone may come after the events, and apply to the times already
            # read: nothing is shown before the whole then.
            preview_at = 0
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
    if file_signature(path) != found.signature:
        raise Fallback  # changed while it was read in pieces: take it whole, as it is now
    return [segment for segment in segments if segment is not None]

"""Our TOML file -> Timeline, collecting every problem in one pass with its location.

Problems are reported the way compilers do (`FILE:LINE:COL: error: message`) so
editors can jump to them. The steps, each in a module of its own:

1. the document: small files are parsed whole with the fast parser (toml-rs, held to
   what tomllib reads: timeline/read/toml_fast.py), and with `tomllib` only when it
   refuses them, to say where the error is (timeline/read/toml_parse.py); large ones a
   chunk at a time with the fast parser (timeline/read/chunks.py), helped by a second
   process when a core is free (timeline/read/helper.py), and from the cache when they
   have not changed (timeline/cache.py);
2. each `[[events]]` table becomes an event (timeline/read/records.py), quickly when
   it is well-formed; the [timeline] table and the eras are checked
   (timeline/read/toml_header.py);
3. what needs every event at once: ids, relative dates, links (timeline/read/resolve.py);
4. problems are placed in the text only when there are some (timeline/read/locate.py).

One load of one document does steps 2 to 4 (timeline/read/toml_load.py); this module
chooses how the document is read: whole, in chunks, or from the cache.

The loader leaves process-wide state alone: loading allocates millions of objects
that live on and form no cycles, and pausing the garbage collector meanwhile saves
about a third of a large load, but that is the caller's choice
(`timeline.collecting.collector_paused`; the command line and the viewer take it).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from timeline.model import Timeline
from timeline.problems import LoadResult
from timeline.read.files import bom_warning, check_file, decode, read_bytes
from timeline.read.locate import Locator
from timeline.read.records import EventReader
from timeline.read.toml_load import Load

if TYPE_CHECKING:
    from timeline.cache import Streamed

Progress = Callable[[float], None]
#: Given the events read so far of a large file's first load (a `Timeline`), how many
#: events were read, and how many the file holds (see `Tuning.preview_events`).
Preview = Callable[[Timeline, int, int], None]


class Tuning(NamedTuple):
    """How large files are read. The defaults are measured (benchmarks/run.py); tests
    make small files take the large path with small values.

    Attributes:
        fast_file: Files of at least this many characters are parsed with the fast
            parser, smaller ones with tomllib; tomllib also reads any file the fast
            parser refuses, for its messages, which say where the error is and what was
            expected. The fast parser is the faster at every size measured (events.toml,
            13 kB, in 0.5 ms against 1.7 ms; 1,000 events in 11 ms against 98 ms), so
            every file; tests set it high to compare the two.
        large_file: Files of at least this many bytes are parsed in chunks and cached.
        chunk_events: Events per chunk: large enough to amortise each parser call,
            small enough to bound memory and to share the file out finely between
            the loader and its helper. With toml-rs, the viewer's first open of
            100,000 events took 2.45-2.50 s with chunks of 50 to 150 events, 2.70 s
            with 250 and 2.94 s with 500 (medians of six and five); a load of
            1,000,000 events 19.6-20.6 s with 100 and 21.3-23.3 s with 250, and the
            peak at 100,000 events is 188-189 MB with either. (With rtoml, 500 was
            the best.)
        parallel_file: Files of at least this many bytes are parsed with the help of a
            second process (see timeline/read/helper.py).
        block: Bytes read at a time when looking for the headers of a large file.
        helper_timeout: Seconds to wait for the helper to say anything before going on
            without it.
        helper_boot: The code the helper process runs ("" for the real one; tests give
            helpers that fail in each way).
        cache_slice: Events per slice of a cache entry (`cache.SLICE`): a slice is
            what reading an entry holds at a time, and what a write given up waits for.
        preview_events: Once this many events of a file holding at least six times
            as many are read, the caller asked for a preview is given them (the viewer
            shows them while the rest loads: 1,000,000 events take half a minute); 0
            for none. Smaller files load soon enough whole, and so do cached ones
            (`stored_events`).
        stored_events: A cached file of at least this many events keeps them as the
            entry's rows, each made when it is asked for (timeline/store.py): at
            1,000,000 events making them all took 8 s and 1.7 GB; read the first time,
            as the rows its chunks were read into (timeline/file_rows.py). 0 makes
            them all.
    """

    fast_file: int = 0
    large_file: int = 1_000_000
    chunk_events: int = 100
    parallel_file: int = 8_000_000
    block: int = 1 << 22
    helper_timeout: float = 10.0
    helper_boot: str = ""
    cache_slice: int = 1_000
    preview_events: int = 50_000
    stored_events: int = 200_000


#: The measured defaults.
TUNING = Tuning()


def load_file(
    path: str | Path,
    *,
    progress: Progress | None = None,
    tuning: Tuning = TUNING,
    cache_writes: list[Callable[[], object]] | None = None,
    preview: Preview | None = None,
    remake_for_cache: bool = True,
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
        remake_for_cache: Whether a first read whose events are kept as rows
            (`Tuning.stored_events`) writes its cache entry, which makes every event
            again: longer than the read itself (22 s against 18 s at 1,000,000 events).
            `timeline check` does without: a file is checked again mostly once edited,
            when the entry no longer applies, and the viewer writes it while shown.
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
        result = _load_large(
            Path(path), name, progress, tuning, cache_writes, preview, remake_for_cache
        )
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
    says which parser reads it (`Tuning.fast_file`)."""
    load = Load(name, Locator(lambda: text))
    result = load.whole(text, fast=len(text) >= tuning.fast_file)
    if progress is not None:
        progress(1.0)
    return result


def _load_large(
    path: Path,
    name: str,
    progress: Progress | None,
    tuning: Tuning,
    cache_writes: list[Callable[[], object]] | None,
    preview: Preview | None = None,
    remake_for_cache: bool = True,
) -> LoadResult | None:
    """Load a large file from the cache or a chunk at a time; None to read it whole."""
    from timeline import cache  # only large files are worth caching
    from timeline.read import chunks
    from timeline.read.files import file_signature

    cached = cache.get(path, name, progress, tuning.stored_events)
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
    kept: chunks.KeptRows | None = None  # closed below unless its rows are the events'
    if size >= tuning.parallel_file:
        from timeline.read.helper import BOOT, Helper

        helper = Helper.start(tuning.helper_timeout, tuning.helper_boot or BOOT)
    try:
        found = chunks.scan(path, tuning.block)
        if len(found.offsets) < 2 * tuning.chunk_events or found.conflicted:
            # Few events in many bytes: not worth the chunks. A merge's conflict markers
            # are errors the whole read places (timeline/read/conflicts.py).
            return None

        read_digest = ""  # of the bytes `read_text` read last

        def read_text() -> str:
            nonlocal read_digest
            data = path.read_bytes()
            read_digest = cache.digest_of_bytes(data)
            return data[found.start :].decode("utf-8")

        load = Load(name, Locator(read_text, found.lines))
        total = len(found.offsets)
        at = tuning.preview_events
        preview_at = at if preview is not None and at and total >= 6 * at else 0

        def read_so_far(readers: list[EventReader], read: int) -> None:
            assert preview is not None
            preview(load.preview(readers), read, total)

        # Events made as they are asked for, of the rows the chunks were read into, as
        # from the cache (`Tuning.stored_events`).
        if tuning.stored_events and total >= tuning.stored_events:
            kept = chunks.KeptRows()
        try:
            readers = chunks.read_chunks(
                load,
                path,
                found,
                tuning.chunk_events,
                helper,
                progress,
                preview_at,
                read_so_far,
                kept,
            )
        except chunks.Fallback:
            # A header quoted in a string, or [timeline] after the events: read whole,
            # and cached as the bytes read then (opened again, it is not read whole).
            text = read_text()
            whole = Load(name, Locator(lambda: text))  # problems placed in this text
            result = whole.whole(text, fast=len(text) >= tuning.fast_file)
            digest = read_digest
            named = whole.header.table.get("title") is None
        else:
            result = load.finish(readers, kept, tuning.chunk_events)
            digest = found.digest
            # A timeline without a title takes the name the file was given by, and an
            # entry is read under every name of the file (a link, another spelling).
            named = load.header.table.get("title") is None
    except (OSError, UnicodeDecodeError):
        return None  # the whole-file read says what is wrong, and where
    finally:
        if helper is not None:
            helper.close()
        if kept is not None and not kept.taken:
            kept.close()  # a fallback, an error, events made whole, Ctrl-C
    if found.start:
        result.problems.insert(0, bom_warning(name))
    remade = kept is not None and kept.taken  # the events are made of the rows
    if (
        result.timeline is not None
        and digest
        and (remake_for_cache or not remade)
        and file_signature(path) == found.signature
    ):
        _, size, mtime_ns, _ = found.signature
        stored = cache.key(path, name, size, mtime_ns, digest)
        write = cache.writer(
            path,
            stored,
            result.timeline,
            result.problems,
            slice_events=tuning.cache_slice,
            named=named,
        )
        if write is not None:
            if cache_writes is None:
                write()
            else:
                cache_writes.append(write)
    if progress is not None:
        progress(1.0)
    return result

"""A second process that parses chunks of a large file while the loader builds events.

The parser holds the GIL, so a thread cannot parse while the loader builds events; a
second process can. Measured on two cores (benchmarks/run.py's file of 100,000 events,
cache off): 2.46 s with it against 3.13 s without (toml-rs, medians of five); with
rtoml before it, 1.92 s against 2.71 s on an idle machine and 2.63 s against 3.02 s
with the other core kept busy (medians of six). Files below
`Tuning.parallel_file` do without it: starting it costs about 0.06 s.

The loader and the helper each take the next chunk neither has started, telling each
other which one they are starting; the helper sends each of its chunks as the rows of
`quick_rows.quick_event` (in `marshal`, the quickest format to read back) through a
temporary file, so it never waits for the loader to read them. For a file whose events
are kept as rows (timeline/file_rows.py), it sends their light rows
(`quick_rows.light_of`) and leaves the rows in that file, where the events are made
from when they are asked for. Any chunk the helper is
not sure of (a problem, an unusual table, a date it cannot send) it leaves to the
loader, which parses and checks it as it would without a helper, so problems and their
locations are exactly the same. Any failure of the helper (it cannot start, dies,
stalls) leaves its chunks to the loader too.

A plain subprocess rather than multiprocessing: spawn and forkserver leave a resource
tracker (and a fork server) running after the load, and spawn imports the caller's
__main__ again; fork is unsafe in the viewer, which loads from a thread.
"""

from __future__ import annotations

import gc
import marshal
import os
import struct
import sys
import threading
from collections.abc import Iterator
from contextlib import suppress
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from timeline.read import toml_fast
from timeline.read.files import Signature, stat_signature
from timeline.read.quick_rows import DATES, light_of, quick_event

# The helper's messages to the loader: (what, chunk, offset, length, rows' length) in
# its pipe; the rows (when it sends light rows, see `light_of`) follow at offset + length.
_NOTE = struct.Struct("<iiqqq")
_CLAIMED, _SENT, _DECLINED, _ENDED = 1, 2, 3, 4
# The loader's to the helper: the number of chunks it has started on.
_COUNT = struct.Struct("<i")
#: What the helper process runs: the project on its path, then `serve`.
BOOT = "import sys; sys.path[:0] = sys.argv[1:]; from timeline.read.helper import serve; serve()"
_UNSENDABLE = object()
#: Helpers running, by the thread that started them (see `stop_helpers`).
_RUNNING: dict[int, set[Helper]] = {}
_RUNNING_LOCK = threading.Lock()


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
        # `parse_date` reads of it.
        assert isinstance(value, datetime)
        return ("t", value.isoformat())
    return _UNSENDABLE


def _unwire(value: object) -> object:
    """The date `_wire` sent."""
    if type(value) is not tuple:
        return value
    if value[0] == "d":
        return date(value[1], value[2], value[3])
    return datetime.fromisoformat(value[1])


def unwire(row: list[Any]) -> list[Any]:
    """A row as `quick_event` made it, from the row the helper sent."""
    for at in DATES:
        row[at] = _unwire(row[at])
    return row


def quick_rows_of(part: dict[str, Any] | None, count: int) -> list[list[Any]] | None:
    """A parsed chunk's events as rows of `quick_event`; None unless it holds `count`
    well-formed events and nothing else."""
    if part is None:
        return None
    events = part.get("events")
    if len(part) != 1 or type(events) is not list or len(events) != count:
        return None
    rows: list[list[Any]] = []
    for raw in events:
        row = quick_event(raw) if type(raw) is dict else None
        if row is None:
            return None
        rows.append(row)
    return rows


def wired(rows: list[list[Any]]) -> bool:
    """Put the rows' dates as `marshal` can send them, in place; False if one cannot be."""
    for row in rows:
        for at in DATES:
            sent = _wire(row[at])
            if sent is _UNSENDABLE:
                return False
            row[at] = sent
    return True


def rows_of(data: bytes, count: int, light: bool = False) -> tuple[bytes, bytes] | None:
    """A chunk's events as marshalled rows of `quick_event`, and "" (or with `light`,
    their light rows, `light_of`, then the rows); None unless it holds `count`
    well-formed events and nothing else."""
    rows = quick_rows_of(toml_fast.read_bytes(data), count)
    if rows is None or not wired(rows):
        return None
    if not light:
        return marshal.dumps(rows), b""
    return marshal.dumps([light_of(row) for row in rows]), marshal.dumps(rows)


def _read_exactly(fd: int, size: int) -> bytes:
    data = b""
    while len(data) < size:
        more = os.read(fd, size - len(data))
        if not more:
            raise EOFError
        data += more
    return data


def serve() -> None:
    """The helper process: parse the next chunk the loader has not started on,
    until there are none. Started by `Helper.start`; exits when the loader stops listening."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the loader to handle
    gc.disable()  # as in the loader: nothing built here forms cycles

    commands, notes = 0, 1  # stdin and stdout, both pipes to the loader
    (size,) = _COUNT.unpack(_read_exactly(commands, _COUNT.size))
    path, signature, results, edges, firsts, light = marshal.loads(_read_exactly(commands, size))
    os.set_blocking(commands, False)
    started, heard = 0, b""  # the loader has started on the chunks before `started`
    offset = 0
    with open(path, "rb") as file:
        stat = os.fstat(file.fileno())
        if stat_signature(stat) != tuple(signature):
            os.write(notes, _NOTE.pack(_ENDED, 0, 0, 0, 0))
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
            os.write(notes, _NOTE.pack(_CLAIMED, chunk, 0, 0, 0))
            mine = chunk + 1
            data = os.pread(file.fileno(), edges[chunk + 1] - edges[chunk], edges[chunk])
            sent = rows_of(data, firsts[chunk + 1] - firsts[chunk], light)
            if sent is None:
                os.write(notes, _NOTE.pack(_DECLINED, chunk, 0, 0, 0))
                continue
            payload = sent[0] + sent[1]
            written = 0
            while written < len(payload):
                written += os.pwrite(results, payload[written:], offset + written)
            os.write(notes, _NOTE.pack(_SENT, chunk, offset, len(sent[0]), len(sent[1])))
            offset += len(payload)
    os.write(notes, _NOTE.pack(_ENDED, 0, 0, 0, 0))


class Helper:
    """The loader's side of the helper process: start it, share out chunks, collect
    them, and make sure it is gone afterwards (`close`, called whatever happens)."""

    def __init__(self, process: Any, results: Any, timeout: float) -> None:
        self._process = process
        self._timeout = timeout
        self._results = results
        self._notes: int = process.stdout.fileno()
        self._commands: int = process.stdin.fileno()
        self._heard = b""
        self._sent: list[tuple[int, tuple[int, int, int] | None]] = []  # None: declined
        #: One past the last chunk the helper has started on.
        self.frontier = 0
        self._ended = False
        self._thread = threading.get_ident()  # that started it: see `stop_helpers`
        with _RUNNING_LOCK:
            _RUNNING.setdefault(self._thread, set()).add(self)

    @classmethod
    def start(cls, timeout: float = 10.0, boot: str = BOOT) -> Helper | None:
        """Start the helper process, or None when it cannot be started.

        Args:
            timeout: Seconds to wait for it to say anything before going on without it.
            boot: The Python code the process runs (tests give helpers that fail).
        """
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
                [sys.executable, "-S", "-c", boot, *paths],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                bufsize=0,
                pass_fds=(results.fileno(),),
            )
        except (OSError, ValueError, subprocess.SubprocessError):
            results.close()
            return None
        return cls(process, results, timeout)

    def begin(
        self,
        path: Path,
        signature: Signature,
        edges: list[int],
        firsts: list[int],
        light: bool = False,
    ) -> bool:
        """Give the helper the chunks (byte offsets and first events); False if it cannot
        take them, and the helper is then closed. With `light`, it sends each chunk's
        light rows (`light_of`), and its rows are left in `results`."""
        job = marshal.dumps(
            (os.path.abspath(path), signature, self._results.fileno(), edges, firsts, light)
        )
        try:
            os.set_blocking(self._commands, False)
            os.set_blocking(self._notes, False)
            sent = self._send(_COUNT.pack(len(job)) + job)
        except OSError:
            sent = False
        if not sent:
            self.close()
            return False
        return True

    def _send(self, message: bytes) -> bool:
        """Write all of `message` to the helper as it makes room; False if it makes none
        for `timeout` seconds. The job of a file of many chunks is more than a pipe
        holds (64 kB: 6,500 chunks): written at once, it fell short, and the helper
        was dropped."""
        import select

        rest = memoryview(message)
        while rest:
            _, ready, _ = select.select([], [self._commands], [], self._timeout)
            if not ready:
                return False
            rest = rest[os.write(self._commands, rest) :]
        return True

    def claim(self, chunk: int) -> None:
        """Tell the helper the loader is starting on `chunk`."""
        if not self._ended:
            # A full pipe: it hears of the next one; a broken one: it is gone.
            with suppress(OSError):
                os.write(self._commands, _COUNT.pack(chunk + 1))

    def sent(self) -> Iterator[tuple[int, list[list[Any]] | None, tuple[int, int]]]:
        """The chunks the helper has finished since last asked, with their rows (or
        light rows), or None for those the loader must parse itself; and where in
        `results` their rows are, when it sent light ones ((0, 0) when not).

        Each chunk's rows are read as it is reached, not all at once: the helper can be
        several chunks ahead, and their rows held together raised the peak of a load of
        100,000 events by several megabytes.
        """
        self._listen()
        done, self._sent = self._sent, []
        for chunk, where in done:
            yield (
                chunk,
                self._rows(where),
                (0, 0) if where is None else (where[0] + where[1], where[2]),
            )

    def wait(self) -> bool:
        """Wait for the helper to say something; False once it has nothing more to say
        (it ended, died, or stalled and was stopped)."""
        import select

        if self._ended:
            return False
        ready, _, _ = select.select([self._notes], [], [], self._timeout)
        if not ready:
            self.close()  # stalled: the loader does the rest on its own
            return False
        self._listen()
        return True

    def results(self) -> BinaryIO:
        """The file the helper left rows in (see `begin`), open for reading on its own."""
        return open(os.dup(self._results.fileno()), "rb", buffering=0)

    def _rows(self, where: tuple[int, int, int] | None) -> list[list[Any]] | None:
        if where is None:
            return None
        offset, length, _ = where
        try:
            rows: list[list[Any]] = marshal.loads(os.pread(self._results.fileno(), length, offset))
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
        for what, chunk, offset, length, rows in _NOTE.iter_unpack(heard[:whole]):
            if what == _CLAIMED:
                self.frontier = max(self.frontier, chunk + 1)
            elif what == _SENT:
                self._sent.append((chunk, (offset, length, rows)))
            elif what == _DECLINED:
                self._sent.append((chunk, None))
            else:
                self._ended = True
        self._heard = heard[whole:]

    def close(self) -> None:
        """Stop the helper, wait for it to go, and release what it used. Idempotent."""
        self._ended = True
        self.kill()
        process = self._process
        for file in (process.stdin, process.stdout, self._results):
            file.close()
        with _RUNNING_LOCK:
            helpers = _RUNNING.get(self._thread, set())
            helpers.discard(self)
            if not helpers:
                _RUNNING.pop(self._thread, None)

    @property
    def reaped(self) -> bool:
        """Whether the process has ended and been waited for (`kill`, `close`)."""
        return self._process.returncode is not None

    def kill(self) -> None:
        """End the process now and wait for it to go (from any thread: `Popen.wait`
        takes a lock, and a second caller finds it gone)."""
        process = self._process
        if process.returncode is None:
            with suppress(OSError):
                process.kill()
            process.wait()


def stop_helpers(thread: int) -> int:
    """End at once the helper processes a thread started; how many were running.

    For a load that was given up (the viewer closed while a large file loads): the
    loading thread may be inside a chunk or waiting for a stalled helper, and closes
    its helper only when it gets there, if the process has not ended by then. The
    loader sees its helper gone as it would see one that died, and does the rest alone.
    """
    with _RUNNING_LOCK:
        helpers = list(_RUNNING.pop(thread, ()))
    for helper in helpers:
        helper.kill()
    return len(helpers)

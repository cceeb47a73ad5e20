"""The files the viewer shows: loaded in a thread, watched, cached afterwards.

Leaving never waits for a load. Each load runs in a daemon thread of its own, watched
by an async worker: Textual runs thread workers in the event loop's executor, which the
loop joins when the app ends, so `q` pressed while 1,000,000 events load used to wait
for all of them (39 s; 11 s from the cache). When a load is given up (the app ends, or
a newer load replaces it), its helper processes are ended at once and the thread stops
at its next step; the process exits without waiting for it. The cache is written
after the timeline is shown, in a thread that leaving waits for but that stops, and
removes what it had begun, as soon as the app ends.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from typing import Protocol

from textual.app import App
from textual.message import Message

from timeline.model import Timeline
from timeline.problems import LoadResult, Problem
from timeline.read import load_files
from timeline.read.files import Signature, file_signature
from timeline.read.toml import Tuning
from timeline.store import Stored

#: How often the files are checked for changes, in seconds.
POLL_INTERVAL = 0.5
#: Seconds between updates of the progress bar while a large file loads.
PROGRESS_INTERVAL = 0.25


class Progressed(Message):
    """A large file's load has gone this far (posted from the loading thread)."""

    def __init__(self, fraction: float) -> None:
        self.fraction = fraction
        super().__init__()

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, Progressed)


class Previewed(Message):
    """Part of a very large file is read, on its first load: those of its events that
    can be shown already, to be read while the rest loads (posted from the loading
    thread; see `Tuning.preview_events`)."""

    def __init__(self, timeline: Timeline, read: int, total: int) -> None:
        self.timeline = timeline
        self.read = read
        self.total = total
        super().__init__()


class Host(Protocol):
    """What the files report to: the viewer."""

    def loaded(self, result: LoadResult, first: bool) -> None:
        """The files were loaded (`first`: for the first screen)."""

    def files_missing(self, problems: list[Problem]) -> None:
        """Some file was deleted or moved."""

    @property
    def last_input(self) -> float:
        """When the reader last pressed a key or used the mouse (`time.monotonic()`)."""

    def say_cache_unused(self) -> None:
        """Say, once, why the cache went unused, if it did (its entry not written)."""


class Files:
    """Loads the files in a worker thread and loads them again when they change.

    Args:
        app: The viewer: it runs the worker and is told what was loaded.
        names: The files, as the reader gave them.
        tuning: How large files are read.
    """

    def __init__(
        self,
        app: App[int],
        names: Sequence[str],
        tuning: Tuning,
        parts: Mapping[str, LoadResult] | None = None,
    ) -> None:
        self.app = app
        self.names = list(names)
        self.tuning = tuning
        # Of several files, each one's last version that loaded (`parts`: of the load
        # before the viewer started): one failing is shown as that with the others'
        # new versions (`read.holding_back`).
        self._good: dict[str, LoadResult] = {}
        self._keep_good(parts or {})
        self._signatures = self._current()
        # A first load not delivered yet: a reload meanwhile (r, or the file changed)
        # is a first load again, with its progress, its part shown and its first screen.
        self._first_pending = False

    def _keep_good(self, parts: Mapping[str, LoadResult]) -> None:
        self._good.update((name, part) for name, part in parts.items() if part.timeline is not None)

    def _current(self) -> list[Signature | None]:
        return [file_signature(f) for f in self.names]

    def watch(self) -> None:
        """Check the files for changes twice a second from now on."""
        self.app.set_interval(POLL_INTERVAL, self.check)

    def check(self) -> None:
        """Load the files again if any changed; report any that is gone."""
        signatures = self._current()
        if signatures == self._signatures:
            return
        self._signatures = signatures
        missing = [f for f, s in zip(self.names, signatures, strict=True) if s is None]
        if missing:
            message = (
                "the file was deleted or moved; showing the last version loaded until it is back"
            )
            host: Host = self.app  # type: ignore[assignment]
            host.files_missing([Problem("error", message, name) for name in missing])
            return
        self.load(first=False)

    def reload(self) -> bool:
        """Load the files again now; False, doing nothing, while the first load of the
        same files is still under way (starting it over would lose what it has read:
        at 100,000 events, seconds)."""
        signatures = self._current()
        if self._first_pending and signatures == self._signatures:
            return False
        self._signatures = signatures
        self.load(first=False)
        return True

    def load(self, first: bool) -> None:
        """Load the files in a thread; the app's `loaded` is called with the result.

        A newer load cancels an older one, whose result is then never delivered: the
        reader never sees an older version replace a newer one.
        """
        first = first or self._first_pending
        self._first_pending = first
        self.app.run_worker(self._load(first), exclusive=True, group="load", exit_on_error=False)

    async def _load(self, first: bool) -> None:
        """The worker: start the load's thread and deliver what it gives, unless the
        worker is cancelled first (the app ends, or a newer load replaces this one)."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[tuple[LoadResult, list[Callable[[], object]]]] = loop.create_future()
        stop = threading.Event()
        good = {} if first else dict(self._good)  # (a first load has nothing to show)
        thread = threading.Thread(
            target=self._read,
            args=(first, good, stop, loop, done),
            name="timeline-load",
            daemon=True,  # never joined: leaving does not wait for a load
        )
        thread.start()
        try:
            result, writes = await done
        except asyncio.CancelledError:
            stop.set()
            if thread.ident is not None:
                from timeline.read.helper import stop_helpers

                stop_helpers(thread.ident)
            raise
        # Here, in the app's thread, where a newer load cancels this one: a cancelled
        # load never delivers, however late it finishes.
        if writes:
            self.app.call_after_refresh(self._write_cache, writes)
        self._first_pending = False
        self._keep_good(result.parts)
        host: Host = self.app  # type: ignore[assignment]
        host.loaded(result, first)

    def _read(
        self,
        first: bool,
        good: dict[str, LoadResult],
        stop: threading.Event,
        loop: asyncio.AbstractEventLoop,
        done: asyncio.Future[tuple[LoadResult, list[Callable[[], object]]]],
    ) -> None:
        """The load's thread: load the files and hand the result to the worker."""
        last = 0.0

        def progress(fraction: float) -> None:
            # Where a load given up stops (the loader reports progress between chunks).
            if stop.is_set():
                raise _GivenUp
            # Posted, not called, and four times a second: each step redraws the screen
            # while the loader waits (`call_from_thread`) or competes for the
            # interpreter. A step for every 500 events took 0.3 s of a first open of
            # 100,000 events.
            nonlocal last
            now = time.monotonic()
            if first and (now - last >= PROGRESS_INTERVAL or fraction >= 1.0):
                last = now
                self.app.post_message(Progressed(fraction))

        def preview(timeline: Timeline, read: int, total: int) -> None:
            if stop.is_set():
                raise _GivenUp
            self.app.post_message(Previewed(timeline, read, total))

        # The cache is written once the timeline is on screen (see `_write_cache`).
        writes: list[Callable[[], object]] = []
        try:
            result = load_files(
                self.names,
                progress=progress,
                tuning=self.tuning,
                cache_writes=writes,
                preview=preview if first else None,
                last_good=good,
            )
        except _GivenUp:
            return
        except BaseException as error:  # the worker reports it, as for any worker
            if not stop.is_set():
                _settle(loop, done, error)
            return
        _settle(loop, done, (result, writes))

    def _write_cache(self, writes: list[Callable[[], object]]) -> None:
        """Write the cache once the loaded timeline is on screen."""
        stored_from = self.tuning.stored_events
        host: Host = self.app  # type: ignore[assignment]
        self.app.run_worker(
            self._write(writes, stored_from, lambda: host.last_input, host.say_cache_unused),
            group="cache",
            exit_on_error=False,
        )

    @staticmethod
    async def _write(
        writes: list[Callable[[], object]],
        stored_from: int,
        last_input: Callable[[], float],
        written: Callable[[], None],
    ) -> None:
        """The worker writing the cache in a thread that leaving waits for (not a daemon,
        so an entry is never cut short), and that stops, removing its temporary file,
        once the worker is cancelled (the app ends): leaving waits a moment, not for a
        whole entry (4 s at 1,000,000 events).

        A timeline opened next time as stored events (from `stored_from` events) gets
        its search text and index of values kept beside its entry too, from the events
        at hand: made from the entry, the first search of the next open took 21 s at
        1,000,000 events and the first filter 7 s. For such a timeline it waits between
        slices while the reader presses keys (`last_input`: when they last did;
        `threads`). Done, it calls `written`, which says an entry that could not be
        written."""
        from timeline.cache import Writer
        from timeline.ui.threads import waiting_for_the_reader

        loop = asyncio.get_running_loop()
        done: asyncio.Future[None] = loop.create_future()
        stop = threading.Event()
        pause = waiting_for_the_reader(last_input, stop.is_set)

        def stopped() -> bool:
            pause()
            return stop.is_set()

        def finished() -> None:
            if not done.done():
                done.set_result(None)

        def write_all() -> None:
            try:
                for write in writes:
                    if isinstance(write, Writer):
                        events = write.timeline.events
                        # Waiting for the reader only where the writing takes seconds.
                        large = bool(stored_from) and len(events) >= stored_from
                        entry = write(stopped if large else stop.is_set)
                        if (
                            entry is not None
                            and isinstance(events, Stored)
                            and events.entry is None
                        ):
                            # A first read's: a first search or filter from now on reads
                            # (or keeps) its text and values beside the entry, with these.
                            events.entry = entry
                        if entry is not None and large:
                            from timeline.query.search import haystacks
                            from timeline.query.search_text import write_text
                            from timeline.query.value_index import write_values

                            write_text(entry, events, haystacks, stopped)
                            write_values(entry, events, stopped)
                    elif not stop.is_set():
                        write()
            finally:
                with suppress(RuntimeError):  # the loop is closed: the app has ended
                    loop.call_soon_threadsafe(finished)

        threading.Thread(target=write_all, name="timeline-cache", daemon=False).start()
        try:
            await done
        except asyncio.CancelledError:
            stop.set()
            raise
        # An entry that could not be written (a folder not writable, a full disk) is
        # said (`written`: the viewer's `say_cache_unused`), as a cache that cannot be
        # used is once the files are loaded.
        written()


class _GivenUp(BaseException):
    """Raised in a load's thread once the load is given up, to stop it at its next step.

    Not an Exception: the readers turn what they cannot read into problems with
    `except Exception`, and this must go straight through them.
    """


def _settle(
    loop: asyncio.AbstractEventLoop,
    done: asyncio.Future[tuple[LoadResult, list[Callable[[], object]]]],
    outcome: tuple[LoadResult, list[Callable[[], object]]] | BaseException,
) -> None:
    """Hand a load's outcome to its worker, from the load's thread."""

    def deliver() -> None:
        if done.done():  # cancelled meanwhile
            return
        if isinstance(outcome, BaseException):
            done.set_exception(outcome)
        else:
            done.set_result(outcome)

    with suppress(RuntimeError):  # the loop is closed: the app has ended
        loop.call_soon_threadsafe(deliver)

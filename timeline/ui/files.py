"""The files the viewer shows: loaded in a worker thread, watched, cached afterwards."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Protocol

from textual.app import App
from textual.message import Message
from textual.worker import Worker

from timeline.problems import LoadResult, Problem
from timeline.read import load_files
from timeline.read.files import file_signature
from timeline.read.toml import Tuning

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


class Host(Protocol):
    """What the files report to: the viewer."""

    def loaded(self, result: LoadResult, first: bool) -> None:
        """The files were loaded (`first`: for the first screen)."""

    def files_missing(self, problems: list[Problem]) -> None:
        """Some file was deleted or moved."""


class Files:
    """Loads the files in a worker thread and loads them again when they change.

    Args:
        app: The viewer: it runs the worker and is told what was loaded.
        names: The files, as the reader gave them.
        tuning: How large files are read.
    """

    def __init__(self, app: App[int], names: Sequence[str], tuning: Tuning) -> None:
        self.app = app
        self.names = list(names)
        self.tuning = tuning
        self._signatures = self._current()

    def _current(self) -> list[tuple[int, int, int] | None]:
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

    def reload(self) -> None:
        """Load the files again now."""
        self._signatures = self._current()
        self.load(first=False)

    def load(self, first: bool) -> None:
        """Load the files in a worker; the app's `loaded` is called with the result.

        A newer load cancels an older one, whose result is then never delivered: the
        reader never sees an older version replace a newer one.
        """
        self.app.run_worker(
            lambda: self._load(first),
            thread=True,
            exclusive=True,
            group="load",
            exit_on_error=False,
        )

    def _load(self, first: bool) -> None:
        from textual.worker import get_current_worker

        worker = get_current_worker()
        last = 0.0

        def progress(fraction: float) -> None:
            # Posted, not called, and four times a second: each step redraws the screen
            # while the loader waits (`call_from_thread`) or competes for the
            # interpreter. A step for every 500 events took 0.3 s of a first open of
            # 100,000 events.
            nonlocal last
            now = time.monotonic()
            if first and (now - last >= PROGRESS_INTERVAL or fraction >= 1.0):
                last = now
                self.app.post_message(Progressed(fraction))

        # The cache is written once the timeline is on screen (see `_write_cache`).
        writes: list[Callable[[], None]] = []
        result = load_files(self.names, progress=progress, tuning=self.tuning, cache_writes=writes)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._deliver, result, first, writes, worker)

    def _deliver(
        self,
        result: LoadResult,
        first: bool,
        writes: list[Callable[[], None]],
        worker: Worker[None],
    ) -> None:
        # Checked here, in the app's thread, where a newer load cancels this one: a
        # cancelled load never delivers, however late it finishes.
        if worker.is_cancelled:
            return
        if writes:
            self.app.call_after_refresh(self._write_cache, writes)
        host: Host = self.app  # type: ignore[assignment]
        host.loaded(result, first)

    @staticmethod
    def _write_cache(writes: list[Callable[[], None]]) -> None:
        """Write the cache once the loaded timeline is on screen, in a thread that
        leaving waits for (not a daemon), so that an entry is never cut short."""
        import threading

        def write_all() -> None:
            for write in writes:
                write()

        threading.Thread(target=write_all, name="timeline-cache", daemon=False).start()

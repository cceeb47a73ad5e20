"""Output to a terminal that may close under the viewer.

Textual writes the screen from a thread through a queue of 30 writes. When the
terminal is closed (its window, or the pseudo-terminal of a test), the thread's next
write fails with an I/O error and the thread ends; the 31st write then waits for ever
for room in the queue, and the viewer hangs instead of noticing that its terminal is
gone (`TimelineApp._check_terminal`) and leaving. The writer here drops what it is
given once the terminal is gone, so every write returns and leaving works.
"""

from __future__ import annotations

import sys

from textual.drivers._writer_thread import WriterThread


class DroppingWriter(WriterThread):
    """Textual's writer thread, which keeps taking writes (and drops them) once the
    terminal can no longer be written to."""

    gone = False
    """Whether a write to the terminal has failed."""

    def run(self) -> None:
        try:
            super().run()
        except OSError:  # EIO: the terminal is gone
            self.gone = True
            while self._queue.get() is not None:  # until `stop`
                pass


def keep_writing_when_gone(driver_class: type) -> None:
    """Have the terminal driver the app runs with write through `DroppingWriter`.

    The module of the driver class (or of a class it derives from) that writes through
    Textual's writer thread is changed, not a module chosen here: importing Textual's
    Linux driver cost 2 ms of every start of an app given another driver (headless,
    as the benchmarks run it).
    """
    for cls in driver_class.__mro__:
        module = sys.modules.get(cls.__module__)
        if module is not None and getattr(module, "WriterThread", None) is WriterThread:
            setattr(module, "WriterThread", DroppingWriter)  # noqa: B010 (a module's global)

"""Work given up from outside the thread that does it.

The viewer passes over every event in its worker threads (a search's text, the filters'
values, the quotes' checks): seconds at 1,000,000 events. Leaving the viewer waits for
those threads, so a pass must notice that its work was given up and stop. The viewer
says how to tell (`stoppable`), for the work one thread does; the passes over many
events ask (`check`) a slice at a time, wherever they are called from, with nothing
passed down to them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_local = threading.local()


class Stopped(BaseException):
    """Raised by `check` in a thread whose work was given up.

    Not an Exception: the readers turn what they cannot read into problems with
    `except Exception`, and this must go straight through them to whoever gave the work.
    """


@contextmanager
def stoppable(stopped: Callable[[], bool]) -> Iterator[None]:
    """Within, `check` in this thread raises `Stopped` once `stopped()` is true."""
    previous = getattr(_local, "stopped", None)
    _local.stopped = stopped
    try:
        yield
    finally:
        _local.stopped = previous


def check() -> None:
    """Raise `Stopped` when the work of this thread was given up (`stoppable`)."""
    stopped = getattr(_local, "stopped", None)
    if stopped is not None and stopped():
        raise Stopped

"""Work given up from outside the thread that does it.

The viewer passes over every event in its worker threads (a search's text, the filters'
values, the quotes' checks): seconds at 1,000,000 events. Leaving the viewer waits for
those threads, so a pass must notice that its work was given up and stop. The viewer
says how to tell (`stoppable`), for the work one thread does; the passes over many
events ask (`check`) a slice at a time, wherever they are called from, with nothing
passed down to them. They also wait there while the reader presses keys, which their
work would slow (the viewer says how long), and while work the reader waits for runs
in another thread (`awaited`).
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
def stoppable(
    stopped: Callable[[], bool], pause: Callable[[], None] | None = None
) -> Iterator[None]:
    """Within, `check` in this thread raises `Stopped` once `stopped()` is true, after
    calling `pause` (the viewer's waits while the reader presses keys)."""
    previous = getattr(_local, "asked", None)
    _local.asked = (stopped, pause)
    try:
        yield
    finally:
        _local.asked = previous


def check() -> None:
    """Raise `Stopped` when the work of this thread was given up (`stoppable`)."""
    asked = getattr(_local, "asked", None)
    if asked is not None:
        stopped, pause = asked
        if pause is not None:
            pause()
        if stopped():
            raise Stopped


#: Threads doing work the reader waits for (`awaited`).
_awaited: set[int] = set()
_awaited_lock = threading.Lock()


@contextmanager
def awaited() -> Iterator[None]:
    """Held by a thread while it does work the reader waits for (a search's text, the
    filter picker's counts): work in the background waits meanwhile (the viewer's pause
    asks `awaited_running`), except while this thread itself waits (`waiting`)."""
    me = threading.get_ident()
    with _awaited_lock:
        _awaited.add(me)
    try:
        yield
    finally:
        with _awaited_lock:
            _awaited.discard(me)


def awaited_running() -> bool:
    """Whether any thread does work the reader waits for, and is not waiting itself."""
    return bool(_awaited)


@contextmanager
def waiting() -> Iterator[None]:
    """Within, this thread waits for another (for a lock the other holds): its work is
    not awaited meanwhile, so the other, which may be waiting for awaited work to end,
    goes on."""
    me = threading.get_ident()
    with _awaited_lock:
        was = me in _awaited
        _awaited.discard(me)
    try:
        yield
    finally:
        if was:
            with _awaited_lock:
                _awaited.add(me)

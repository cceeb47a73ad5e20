"""The viewer's work in threads: given up once its worker is cancelled, and waiting
while the reader presses keys.

Textual runs a thread worker in the event loop's executor, and leaving the app waits
for the executor's threads: a search's text being folded at 1,000,000 events held
the exit for 33 s. Leaving cancels every worker, which sets its `cancelled_event`;
work wrapped here stops at the next slice of its pass over the events
(`timeline.stopping`), and leaves nothing half made behind.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from contextlib import suppress
from typing import Any, ParamSpec

from textual.worker import get_current_worker

from timeline.stopping import Stopped, awaited, awaited_running, stoppable
from timeline.ui.collector import IDLE_COLLECT

_P = ParamSpec("_P")
_sleep = time.sleep  # (a test sees the waits here)


def given_up_when_cancelled(work: Callable[_P, None]) -> Callable[_P, None]:
    """Run `work` (a thread worker's function, a method of a widget or screen) so that
    its passes over many events stop once the worker is cancelled, and wait between
    slices while the reader presses keys or waits for other work (`waiting_for_the_reader`)."""
    return _in_worker(work, awaited_work=False)


def awaited_by_the_reader(work: Callable[_P, None]) -> Callable[_P, None]:
    """`given_up_when_cancelled`, for work the reader waits for (a search's text while
    the status line says "indexing for search…", the filter picker's counts, the lanes'
    layout): work in the background waits for it (`awaited`), and it waits for
    nothing but the reader's keys."""
    return _in_worker(work, awaited_work=True)


def handing_over_between_slices(work: Callable[_P, None]) -> Callable[_P, None]:
    """Run `work` so that it stops once its worker is cancelled and hands the interpreter
    to the viewer's thread between slices, without waiting for a pause in the reader's
    keys: for short work (under a second at 1,000,000 events) that the keys themselves
    need soon (the index of ids). Waiting for a pause, it was never done while the
    reader held `j`, and the first relative date shown then built it whole (0.3 s)."""

    @functools.wraps(work)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> None:
        stopped = get_current_worker().cancelled_event.is_set
        with stoppable(stopped, _hand_over), suppress(Stopped):
            work(*args, **kwargs)

    return run


def _hand_over() -> None:
    """Let another thread that waits for the interpreter take it (a slice held it ~5 ms)."""
    _sleep(0)


def _in_worker(work: Callable[_P, None], awaited_work: bool) -> Callable[_P, None]:
    @functools.wraps(work)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> None:
        stopped = get_current_worker().cancelled_event.is_set
        app: Any = getattr(args[0], "app", None)
        pause = None
        if hasattr(app, "last_input"):  # the viewer's (a test may run a widget alone)

            def last_input() -> float:
                return float(app.last_input)

            pause = waiting_for_the_reader(last_input, stopped, yielding=not awaited_work)
        with stoppable(stopped, pause), suppress(Stopped):
            if awaited_work:
                with awaited():
                    work(*args, **kwargs)
            else:
                work(*args, **kwargs)

    return run


def waiting_for_the_reader(
    last_input: Callable[[], float], stopped: Callable[[], bool], *, yielding: bool = True
) -> Callable[[], None]:
    """What work in a thread calls between its slices: return once the reader has not
    pressed a key for `IDLE_COLLECT` seconds (`last_input`: when they last did, as the
    app keeps it) and, when `yielding`, once no work they wait for runs (`awaited`);
    at once when the work is given up.

    Python runs one thread at a time, and hands over every 5 ms: the cache, the search
    text and the index of values written after a first open of 1,000,000 events (70 s
    of work) made `j` take 37 ms at p95 and 705 ms at worst, against 8 ms without
    them. A search typed meanwhile took 62 s to answer, sharing the interpreter with
    the writing. The work waits for the reader instead, a slice at a time.
    """

    def pause() -> None:
        while not stopped():
            left = IDLE_COLLECT - (time.monotonic() - last_input())
            if left <= 0 and not (yielding and awaited_running()):
                return
            _sleep(min(left, 0.05) if left > 0 else 0.05)

    return pause

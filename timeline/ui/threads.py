"""The viewer's work in threads, given up once its worker is cancelled.

Textual runs a thread worker in the event loop's executor, and leaving the app waits
for the executor's threads: a search's text being folded at 1,000,000 events held
the exit for 33 s. Leaving cancels every worker, which sets its `cancelled_event`;
work wrapped here stops at the next slice of its pass over the events
(`timeline.stopping`), and leaves nothing half made behind.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextlib import suppress
from typing import ParamSpec

from textual.worker import get_current_worker

from timeline.stopping import Stopped, stoppable

_P = ParamSpec("_P")


def given_up_when_cancelled(work: Callable[_P, None]) -> Callable[_P, None]:
    """Run `work` (a thread worker's function) so that its passes over many events
    stop once the worker is cancelled; it then returns without a word."""

    @functools.wraps(work)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> None:
        with stoppable(get_current_worker().cancelled_event.is_set), suppress(Stopped):
            work(*args, **kwargs)

    return run

"""When the viewer collects garbage: between key presses, not during them.

Textual leaves enough objects behind each frame that the collector's young
generations run every few key presses, doubling those presses (the p95 of a key at
100,000 events was 23 ms against a median of 14). The automatic collector is turned
off while the viewer runs; collections wait for a pause, or for a pile of garbage if
keys never stop. The loaded timeline, which lives as long as the viewer and forms no
cycles, is frozen out of collections (`freeze`).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

#: Garbage is collected once the reader has paused this long (seconds) ...
IDLE_COLLECT = 0.3
#: ... or, while keys keep coming, once this many objects are waiting.
COLLECT_ANYWAY = 50_000
#: While idle, a full collection at most this often (seconds), unless keys came
#: meanwhile; the young objects the timers leave are collected as Python would.
IDLE_FULL_COLLECT = 10.0
IDLE_YOUNG_COLLECT = 700
#: From this many events the loaded model is kept out of garbage collections.
FREEZE_AT = 10_000


class IdleCollector:
    """The viewer's garbage collection policy.

    Args:
        busy: Whether a worker is building objects that will live on (a load, a
            search index): collecting then would rescan them again and again (a first
            load took 2.5x as long).
    """

    #: How often `tick` should be called, in seconds.
    TICK = IDLE_COLLECT / 2

    def __init__(self, busy: Callable[[], bool]) -> None:
        self.busy = busy
        self.last_activity = 0.0
        """When the reader last did something (`time.monotonic()`)."""
        self.collected_at = float("-inf")
        """When the last full collection ran."""
        self._was_on = False

    def start(self) -> bool:
        """Turn the automatic collector off; False when it was off already (and then
        this policy does nothing: whoever turned it off is in charge)."""
        self._was_on = gc.isenabled()
        if self._was_on:
            gc.disable()
        return self._was_on

    def stop(self) -> None:
        """Leave the collector as it was found (the viewer may run inside another
        program, as in its tests)."""
        if self._was_on:
            gc.enable()

    def activity(self) -> None:
        """The reader did something: the next pause counts from now."""
        self.last_activity = time.monotonic()

    @staticmethod
    def freeze(events: int) -> None:
        """Keep a loaded model of this many events out of later collections.

        Without this, every full collection rescans it: 200-400 ms pauses on a key press
        at 100,000 events. It forms no cycles, so a reload still frees the old one.
        """
        if events >= FREEZE_AT:
            gc.freeze()

    def tick(self) -> None:
        """Collect if the reader has paused, or if garbage has piled up."""
        if self.busy():
            return
        waiting = gc.get_count()[0]
        now = time.monotonic()
        paused = now - self.last_activity >= IDLE_COLLECT
        if paused and waiting:
            # Once a pause (and now and then while idle), not on every tick: a full
            # collection scans all of Textual's objects, and an idle viewer spent a
            # tenth of a core doing it every 0.15 s.
            fresh = self.last_activity > self.collected_at
            if fresh or now - self.collected_at >= IDLE_FULL_COLLECT:
                gc.collect()  # all generations: cheap with the model frozen out of them
                self.collected_at = now
            elif waiting >= IDLE_YOUNG_COLLECT:
                gc.collect(0)
        elif waiting >= COLLECT_ANYWAY:
            gc.collect(0)  # the youngest generation only, while keys keep coming

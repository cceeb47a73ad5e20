"""A Textual driver for benchmarks: a terminal nobody sees, with a stopwatch.

Any Textual app started with this driver runs as it would in a terminal, except that
the escape codes of each frame are thrown away instead of written:

    PYTHONPATH=benchmarks TEXTUAL_DRIVER=frame_probe:FrameProbe PROBE_OUT=out.json timeline FILE

Unlike Textual's HeadlessDriver, it does not tell the app that it is headless, so each
frame is rendered to escape codes as for a real terminal (a headless app skips that).
Input and the terminal's size (COLUMNS and LINES) are HeadlessDriver's. It records
`time.perf_counter()` (CLOCK_MONOTONIC on Linux: the same clock in every process, so a
parent can subtract the moment it started the process) when:

- `first`: the first frame is rendered;
- `loading`: the first frame with `#loading-bar` (the viewer's progress bar) and the
  footer's keys on screen (they appear some frames after the first);
- `part`: the first frame on which the rail (`#rail`) holds any event (the part read of a
  very large file, while the rest loads, or the whole);
- `shown`: the first frame on which the rail (`#rail`) holds PROBE_SHOWN events;
- `settled`: (PROBE_UNTIL=settled) the first moment after the first frame when nothing
  is left to run and the screen is up to date, and `complete`: the last frame before
  it, the moment the whole first screen was on the terminal (widgets such as the footer
  and the viewer's detail pane are filled in after the first frame).

PROBE_UNTIL says which of these to wait for (unset: none, e.g. with TEXTUAL_PRESS=q).
Once it has happened, the driver can press keys itself, as its input would:
PROBE_ANSWER=1 presses `j` at once and records `answered` when the screen shows the
result; PROBE_KEYS=N times N presses of `j` interleaved with N of a key nothing is bound
to (`j` and `unbound`, in seconds, with the cyclic garbage collector's pauses in `gc`);
PROBE_PRESS="slash b o a r d enter" presses those keys, each once the screen is up to
date after the last. Then it stops the app (`app.exit()`); with PROBE_EXIT=q it presses
q instead, as TEXTUAL_PRESS=q would, and records when (`quit`); with PROBE_EXIT=now it ends the process at once (`os._exit`: no
waiting for a large file that is still loading, or for tearing down 100,000 events),
once the viewer's cache write (a thread that leaving waits for) has finished.
The results go to the file PROBE_OUT as JSON.

It imports nothing from the project, so a bare Textual app can use it too.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import resource
import threading
import time
from collections.abc import Callable
from typing import Any

from textual import events
from textual.drivers.headless_driver import HeadlessDriver

#: A key with no binding anywhere in the viewer: the framework's own cost of a key.
UNBOUND = "x"
#: Presses before the timed ones: the first few fill caches and are not typical.
WARM_UP = 10
#: Time between presses (not measured), a little faster than a key repeat.
GAP = 0.01
#: What the keys named by more than a character type (PROBE_PRESS).
_CHARACTERS = {"slash": "/", "enter": "\r", "space": " "}


class FrameProbe(HeadlessDriver):
    """HeadlessDriver's input and size, a real terminal's rendering, and timestamps."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.out = os.environ.get("PROBE_OUT", "")
        self.until = os.environ.get("PROBE_UNTIL", "")
        self.shown = int(os.environ.get("PROBE_SHOWN", "0"))
        self.keys = int(os.environ.get("PROBE_KEYS", "0"))
        self.answer = os.environ.get("PROBE_ANSWER") == "1"
        self.exit = os.environ.get("PROBE_EXIT", "")
        self.press = os.environ.get("PROBE_PRESS", "").split()
        self.stamps: dict[str, Any] = {"bytes": 0}
        self.done = False
        self.last_frame = 0.0
        self.settled = False
        self._task: asyncio.Task[None] | None = None

    @property
    def is_headless(self) -> bool:
        # False, so that App._display renders every frame to escape codes.
        return False

    def write(self, data: str) -> None:
        self.stamps["bytes"] += len(data)

    def start_application_mode(self) -> None:
        app = self._app
        display: Callable[[Any, Any], None] = app._display

        def stamped(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None:
                self.last_frame = time.perf_counter()
                if not self.done or (self.until == "settled" and not self.settled):
                    self._frame(self.last_frame)

        app._display = stamped  # type: ignore[method-assign]
        super().start_application_mode()

    def stop_application_mode(self) -> None:
        super().stop_application_mode()
        self._save()

    # ------------------------------------------------------------------ frames

    def _frame(self, now: float) -> None:
        stamps = self.stamps
        stamps.setdefault("first", now)
        screen = self._app.screen
        if "loading" not in stamps:
            visible = screen._compositor.visible_widgets
            if any(bar in visible for bar in screen.query("#loading-bar")) and any(
                # Textual's Footer shows keys as FooterKey widgets; the viewer's KeyBar is one.
                type(widget).__name__ in ("FooterKey", "KeyBar")
                for widget in visible
            ):
                stamps["loading"] = now
        if "part" not in stamps:
            for rail in screen.query("#rail"):
                if len(getattr(rail, "shown", ())):
                    stamps["part"] = now
        if self.shown and "shown" not in stamps:
            for rail in screen.query("#rail"):
                if len(getattr(rail, "shown", ())) == self.shown:
                    stamps["shown"] = now
                    stamps["shown_maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if self.done:
            return
        if self.until and (self.until in stamps or self.until == "settled"):
            self.done = True
            if self.until == "settled" or self.answer or self.keys or self.press:
                self._task = asyncio.create_task(self._then())
            else:
                self._finish()

    def _finish(self) -> None:
        if self.exit == "now":
            self._save()
            # After what the app itself runs after this frame: it starts its cache write
            # then, which leaving would wait for, and so does this, so that a later run
            # finds what it wrote.
            self._app.call_after_refresh(self._exit_now)
        elif self.exit == "q":
            self.stamps["quit"] = time.perf_counter()
            self._app.post_message(self._key("q"))
        else:
            self._app.exit()

    def _exit_now(self) -> None:
        for thread in threading.enumerate():
            if thread.name == "timeline-cache":
                thread.join()
        os._exit(0)

    def _save(self) -> None:
        if self.out:
            self.stamps["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            with open(self.out, "w", encoding="utf-8") as file:
                json.dump(self.stamps, file)

    # ------------------------------------------------------------------ keys

    async def _settle(self) -> None:
        """Return when nothing in the app is left to run and the screen is up to date.

        Each pass lets every task that is ready run one step (`sleep(0)`, no fixed
        wait). When no task is ready (the event loop's ready queue is empty), every
        message pump is waiting for a message; if the screen has a refresh pending,
        it is done now, as the screen's update timer would do at its next tick (up to
        1/60 s later: frame pacing, not work), and the passes go on. Only the app's
        own work is timed, not that wait.
        """
        loop = asyncio.get_running_loop()
        ready: Any = getattr(loop, "_ready")  # noqa: B009 (CPython's queue of ready handles)
        while True:
            await asyncio.sleep(0)
            if ready:
                continue
            screen = self._app.screen
            if (
                screen._layout_required
                or screen._scroll_required
                or screen._repaint_required
                or screen._recompose_required
                or screen._dirty_widgets
            ):
                screen._on_timer_update()
                continue
            return

    def _key(self, key: str) -> events.Key:
        character = _CHARACTERS.get(key, key if len(key) == 1 else None)
        event = events.Key(key, character)
        event.set_sender(self._app)  # as Driver.process_message does
        return event

    async def _press(self, key: str, gap: float = GAP) -> float:
        """Seconds from a key arriving (as the driver posts it) to the screen being current."""
        if gap:
            await asyncio.sleep(gap)
            await self._settle()
        event = self._key(key)
        start = time.perf_counter()
        self._app.post_message(event)
        await self._settle()
        return time.perf_counter() - start

    async def _then(self) -> None:
        """What follows the frame PROBE_UNTIL waits for: settling, then keys."""
        try:
            if self.until == "settled":
                await self._settle()
                self.settled = True
                self.stamps["settled"] = time.perf_counter()
                self.stamps["complete"] = self.last_frame
            if self.answer:
                await self._press("j", gap=0)
                self.stamps["answered"] = time.perf_counter()
            if self.keys:
                await self._keys(self.keys)
            for key in self.press:
                await self._press(key, gap=0)
        except Exception as error:  # reported to the benchmark, which fails on it
            self.stamps["error"] = repr(error)
        finally:
            self._finish()

    async def _keys(self, count: int) -> None:
        """Time `count` presses of j (next event) and of UNBOUND, alternately."""
        app = self._app
        await asyncio.sleep(0.5)  # let the first screen's follow-up work finish
        pauses: list[tuple[int, float]] = []
        started: list[float] = [0.0]

        def collected(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                started[0] = time.perf_counter()
            else:
                pauses.append((info["generation"], time.perf_counter() - started[0]))

        bound: list[float] = []
        unbound: list[float] = []
        gc.callbacks.append(collected)
        profile = None
        if os.environ.get("PROBE_PROFILE"):  # where to write a cProfile of the presses
            import cProfile

            profile = cProfile.Profile()
            profile.enable()
        try:
            for n in range(WARM_UP + count):
                for key, times in (("j", bound), (UNBOUND, unbound)):
                    seconds = await self._press(key)
                    if n >= WARM_UP:
                        times.append(seconds)
        finally:
            gc.callbacks.remove(collected)
            if profile is not None:
                profile.disable()
                profile.dump_stats(os.environ["PROBE_PROFILE"])
        self.stamps["j"] = bound
        self.stamps["unbound"] = unbound
        self.stamps["gc"] = pauses
        self.stamps["warm_up"] = WARM_UP
        rail = app.screen.query_one("#rail")
        self.stamps["cursor"] = getattr(rail, "cursor", -1)
        self.stamps["sub_title"] = str(getattr(app, "status", app.sub_title))

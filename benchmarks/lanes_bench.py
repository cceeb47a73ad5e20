"""How fast the lanes view answers at 100,000 events: layout alone, and keys in an app.

    python benchmarks/lanes_bench.py [COUNT]

The events come from benchmarks/generate.py (written once to benchmarks/data/, as
`run.py` does) and are loaded as the viewer loads them. Two sets of figures:

- **Layout**: `LanesModel` alone, without Textual: building the lanes (once per data,
  filter or mode change) and laying out a frame after moving the selection, at three
  zooms: the whole timeline (every lane a density bar), 64 times closer (about six
  weeks), 512 times closer (about five days, where every event has its own mark).
- **Keys**: the widget alone in a Textual app whose driver is benchmarks/frame_probe.py
  (a 120x40 terminal nobody sees, every frame rendered to escape codes as for a real
  one). Each press is timed from the key arriving to the screen being up to date: `l`
  (next event) and `j`/`k` (lane below/above) at the three zooms, `+`/`-` (zoom in and
  out around the selection) across every zoom, `0` (fit) and `L` (lanes by speaker,
  kind...: the lanes are built again, O(n)).

Targets: a key press under 16 ms at p95, a zoom under 50 ms.
"""

from __future__ import annotations

import asyncio
import gc
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script from anywhere
sys.path.insert(0, str(HERE))

from frame_probe import FrameProbe  # noqa: E402
from run import generated, percentile  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402

from timeline.model import Timeline  # noqa: E402
from timeline.read.toml import load_file  # noqa: E402
from timeline.show.lanes_view import LanesModel  # noqa: E402
from timeline.show.rail import glyph_for  # noqa: E402
from timeline.ui.widgets.lanes import Lanes  # noqa: E402

COLUMNS, LINES = 120, 40
#: Zoom factors measured: the whole timeline, about six weeks, about five days.
ZOOMS = (1, 64, 512)
PRESSES = 120
KEY_TARGET, ZOOM_TARGET = 0.016, 0.050


def load(count: int) -> Timeline:
    result = load_file(generated(count))
    if result.timeline is None:
        raise SystemExit("\n".join(str(p) for p in result.problems[:5]))
    return result.timeline


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def spread(times: Sequence[float]) -> str:
    return f"{ms(statistics.median(times))} / {ms(percentile(times, 0.95))} / {ms(max(times))}"


# ---------------------------------------------------------------------- layout


def layout(timeline: Timeline) -> list[tuple[str, str, str]]:
    """The core alone: build the lanes, then frames after moves and zooms."""
    events = timeline.events
    shown = range(len(events))
    rows: list[tuple[str, str, str]] = []
    builds = []
    for _ in range(5):
        model = LanesModel(COLUMNS - 14, LINES - 2, glyph=glyph_for)
        start = time.perf_counter()
        model.set_events(events, shown, timeline.eras, len(events) // 2)
        builds.append(time.perf_counter() - start)
    rows.append(
        (
            "Lanes built (set_events: lanes by group, arrays, classes)",
            ms(statistics.median(builds)),
            "",
        )
    )
    for factor in ZOOMS:
        model.fit()
        model.select(len(events) // 2)
        if factor > 1:
            model.zoom(factor)
        model.frame()
        steps = []
        # Forward in time, and down and up a lane between: every frame a new selection,
        # so nothing comes from the cache of lane layouts that a step back would use.
        moves: list[Callable[[], int]] = [
            lambda: model.step(1),
            lambda: model.lane_step(1),
            lambda: model.step(1),
            lambda: model.lane_step(-1),
        ]
        for n in range(PRESSES):
            start = time.perf_counter()
            moves[n % 4]()
            model.frame()
            steps.append(time.perf_counter() - start)
        dense = sum(model.frame().dense)
        rows.append(
            (
                f"Frame after a move, zoom x{factor} ({dense} of {len(model.index.lanes)} lanes dense): p50 / p95 / max",
                spread(steps),
                "",
            )
        )
    zooms = []
    model.fit()
    for n in range(PRESSES):
        start = time.perf_counter()
        model.zoom(2.0 if (n // 10) % 2 == 0 else 0.5)
        model.frame()
        zooms.append(time.perf_counter() - start)
    rows.append(
        (
            "Frame after a zoom, every zoom from whole to 1,000 times closer: p50 / p95 / max",
            spread(zooms),
            "",
        )
    )
    return rows


# ---------------------------------------------------------------------- keys


class LanesApp(App[None]):
    def __init__(self, timeline: Timeline, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.timeline = timeline

    def compose(self) -> ComposeResult:
        yield Lanes(id="lanes")

    def on_mount(self) -> None:
        lanes = self.query_one(Lanes)
        events = self.timeline.events
        lanes.set_events(events, range(len(events)), len(events) // 2, self.timeline.eras)
        lanes.focus()


class LanesProbe(FrameProbe):
    """The frame probe, pressing the lanes view's keys once the first screen settles."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.until = "settled"
        self.results: dict[str, list[float]] = {}

    async def _then(self) -> None:
        try:
            await self._settle()
            await asyncio.sleep(0.3)
            await self._measure()
        except Exception as error:  # reported by the benchmark, which fails on it
            self.stamps["error"] = repr(error)
        finally:
            self._app.exit()

    async def _press_each(self, name: str, keys: Sequence[str]) -> None:
        times = self.results.setdefault(name, [])
        for key in keys:
            times.append(await self._press(key))

    async def _measure(self) -> None:
        lanes = self._app.query_one(Lanes)
        for key in ("l", "h") * 5:  # warm-up: caches filled, code paths taken
            await self._press(key)
        for factor in ZOOMS:
            lanes.model.fit()
            lanes.model.select(lanes.cursor)
            if factor > 1:
                lanes.model.zoom(factor)
            lanes.refresh()
            await self._settle()
            # Forward, so that each press selects an event not selected before.
            await self._press_each(f"l x{factor}", ("l",) * PRESSES)
            await self._press_each(f"j/k x{factor}", ("j", "l", "k", "l") * (PRESSES // 4))
        lanes.model.fit()
        await self._press_each(
            "zoom", ("plus",) * 10 + ("minus",) * 10 + ("plus",) * 10 + ("minus",) * 10
        )
        await self._press_each("fit", ("plus", "0") * 10)
        self.results["fit"] = self.results["fit"][1::2]
        await self._press_each("mode", ("L",) * 8)


def keys(timeline: Timeline) -> list[tuple[str, str, str]]:
    probe: list[LanesProbe] = []

    def driver(*args: Any, **kwargs: Any) -> LanesProbe:
        made = LanesProbe(*args, **kwargs)
        probe.append(made)
        return made

    os.environ["COLUMNS"], os.environ["LINES"] = str(COLUMNS), str(LINES)
    app = LanesApp(timeline, driver_class=driver)
    app.run()
    found = probe[0]
    if "error" in found.stamps:
        raise SystemExit(f"the probe failed: {found.stamps['error']}")
    results = found.results
    rows = []
    for name, label in (
        ("l x1", "Key l (next event), whole timeline (density bars)"),
        ("l x64", "Key l, 64 times closer"),
        ("l x512", "Key l, 512 times closer (a mark per event)"),
        ("j/k x1", "Keys j, l, k, l (lane below, next, lane above), whole timeline"),
        ("j/k x64", "Keys j, l, k, l, 64 times closer"),
        ("j/k x512", "Keys j, l, k, l, 512 times closer"),
    ):
        times = results[name]
        p95 = percentile(times, 0.95)
        rows.append(
            (
                f"{label}, {len(times)} presses: p50 / p95 / max",
                spread(times),
                _verdict(p95, KEY_TARGET, "p95 < 16 ms"),
            )
        )
    for name, label, target, text in (
        (
            "zoom",
            "Keys + and -, from the whole timeline to 1,000 times closer and back",
            ZOOM_TARGET,
            "< 50 ms",
        ),
        ("fit", "Key 0 (fit the whole timeline)", ZOOM_TARGET, "< 50 ms"),
    ):
        times = results[name]
        rows.append(
            (
                f"{label}, {len(times)} presses: p50 / p95 / max",
                spread(times),
                _verdict(percentile(times, 0.95), target, f"p95 {text}"),
            )
        )
    times = results["mode"]
    rows.append(
        (
            f"Key L (lanes by another field: built again), {len(times)} presses: p50 / max",
            f"{ms(statistics.median(times))} / {ms(max(times))}",
            "",
        )
    )
    return rows


def _verdict(value: float, target: float, text: str) -> str:
    return f"{text}: {'met' if value < target else 'MISSED'}"


def table(rows: Sequence[tuple[str, str, str]]) -> str:
    lines = ["| Measurement | Figure | Target |", "|---|---|---|"]
    lines += [f"| {what} | {figure} | {target} |" for what, figure, target in rows]
    return "\n".join(lines)


def main(argv: Sequence[str]) -> int:
    as_json = "--json" in argv  # for benchmarks/run.py
    argv = [a for a in argv if a != "--json"]
    count = int(argv[0]) if argv else 100_000
    timeline = load(count)
    gc.collect()
    gc.freeze()  # as the viewer does with a large timeline: collections stay short
    print(
        f"{len(timeline.events):,} events; {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    measured: list[Callable[[Timeline], list[tuple[str, str, str]]]] = [layout, keys]
    rows = [row for measure in measured for row in measure(timeline)]
    if as_json:
        import json

        print(json.dumps(rows))
        return 0
    print(table(rows))
    return 1 if any("MISSED" in target for _, _, target in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

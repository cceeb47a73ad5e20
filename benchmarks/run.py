"""Measure loading and the viewer, and print the README's table in Markdown.

Every figure is taken in a fresh subprocess, so imports, caches and the allocator
start cold each time, as they do for a user: with bytecode written and read as on a
user's machine (PYTHONDONTWRITEBYTECODE is removed) and TIMELINE_CACHE unset unless a
row says otherwise. The viewer runs as a whole process, `timeline FILE`, with Textual's
driver replaced by benchmarks/frame_probe.py: a 120x40 terminal nobody sees, which
renders every frame as a terminal would and notes when each frame was ready; times run
from the moment the process is started (CLOCK_MONOTONIC, the same clock in every
process). Things that are compared run interleaved, so load from other work on the
machine hits each of them alike, and figures are medians. Each measurement is a
function in MEASUREMENTS returning rows of (what, figure, target, verdict). Generated
files are written once to benchmarks/data/ (git-ignored) and regenerated when
generate.py changes, or when a file's first line names another version of it.

    python benchmarks/run.py            # everything, about two and a half minutes
    python benchmarks/run.py viewer     # only measurements whose name contains "viewer"
"""

from __future__ import annotations

import atexit
import functools
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from generate import current  # beside this file: run as a script, or imported from here

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benchmarks"
DATA = HERE / "data"
GENERATOR = HERE / "generate.py"
EVENTS = ROOT / "events.toml"
BIN = Path(sys.executable).parent
TIMELINE = str(BIN / "timeline")
BIG = 100_000
#: The largest file measured, generated on first use when the disk has room for it.
HUGE = 1_000_000
#: Free space the HUGE column needs: its file (567 MB), a cache entry, an export of it
#: and the peak of writing one (each removed after use), with room to spare.
HUGE_NEEDS = 4 * 10**9
#: The terminal every viewer runs in: wide enough for the side-by-side layout.
COLUMNS, LINES = 120, 40
# Every child runs with the environment a user has: these are removed from ours.
NOT_FOR_CHILDREN = ("PYTHONDONTWRITEBYTECODE", "TIMELINE_CACHE")
# Large files are cached after their first load (timeline/cache.py): parsing is
# measured with the cache off, and the cache in a directory of the benchmark's own.
NO_CACHE = {"TIMELINE_CACHE": "0"}
# The viewer and other Textual apps run with benchmarks/frame_probe.py as their driver.
PROBE = {
    "PYTHONPATH": os.pathsep.join(p for p in (str(HERE), os.environ.get("PYTHONPATH")) if p),
    "TEXTUAL_DRIVER": "frame_probe:FrameProbe",
    "COLUMNS": str(COLUMNS),
    "LINES": str(LINES),
}
PRESS_Q = {"TEXTUAL_PRESS": "q"}
# Until the rail holds every event, then press j once and end the process at once.
LOADED = {"PROBE_UNTIL": "shown", "PROBE_SHOWN": str(BIG), "PROBE_ANSWER": "1", "PROBE_EXIT": "now"}
#: Start-up runs of each app (after one warm-up run each), and key presses timed.
START_RUNS = 15
LOAD_ROUNDS = 5
KEY_PRESSES = 200
#: Runs of each viewer that is quit while loading (before the quit was immediate, each
#: run at 1,000,000 events waited for the whole load).
QUIT_ROUNDS = 9
#: Runs of each export below HUGE events (HUGE: one).
EXPORT_ROUNDS = 3
#: Runs of `timeline check` on each small file.
SMALL_ROUNDS = 21

# Run in the child: load a file, report the load's own time, event count and peak RSS.
# The collector is paused for the load, as the command line does (the loader leaves
# that to its caller).
LOAD = """
import json, resource, sys, time
from timeline.collecting import collector_paused
from timeline.read.toml import load_file
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
with collector_paused():
    result = load_file(sys.argv[1])
seconds = time.perf_counter() - start
if result.timeline is None:
    sys.exit("\\n".join(str(p) for p in result.problems[:5]))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "events": len(result.timeline.events),
                  "peak_kb": peak, "start_kb": before}))
"""
PARSE = """
import json, sys, time
module = __import__(sys.argv[1])
text = open(sys.argv[2], encoding="utf-8").read()
start = time.perf_counter()
module.loads(text)
print(json.dumps({"seconds": time.perf_counter() - start}))
"""
# The fastest parser on a large file's chunks, as the loader splits and reads them:
# what a first open of it is compared with.
FAST_CHUNKS = """
import json, sys, time
from pathlib import Path
import toml_rs
from timeline.read.chunks import scan
from timeline.read.toml import TUNING
path = Path(sys.argv[1])
start = time.perf_counter()
found = scan(path, TUNING.block)
bounds = [*found.offsets, found.size]
with path.open("rb") as file:
    for first in range(0, len(found.offsets), TUNING.chunk_events):
        last = min(first + TUNING.chunk_events, len(found.offsets))
        file.seek(bounds[first])
        data = file.read(bounds[last] - bounds[first]).decode("utf-8")
        toml_rs.loads(data, toml_version="1.0.0")  # as the loader reads it
print(json.dumps({"seconds": time.perf_counter() - start}))
"""
# Lanes by group over a cached file's events, as the viewer lays them out.
LANES_HUGE = """
import json, resource, sys, time
from timeline.read.toml import load_file
from timeline.show.lanes import LaneIndex
events = load_file(sys.argv[1]).timeline.events
start = time.perf_counter()
LaneIndex(events, range(len(events)), "group")
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak}))
"""
# The baseline for the viewer: what any Textual app with this layout costs to start.
BARE_APP = """
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Static

class Bare(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield Static("left")
            yield Static("right")
        yield Footer()

Bare().run()
"""
# One widget showing every event of a file, one row each: what the rail is compared
# with. The rows are prepared first; the clock starts when the app is built, and the
# probe notes when the first screen has settled (all rows laid out and drawn).
WIDGET_APP = """
import json, sys, time
from textual.app import App, ComposeResult
from textual.widgets import DataTable, OptionList
from timeline.read.toml import load_file
from timeline.text import one_line
from timeline.show.rail import rail_date
from timeline.ui.widgets.rail import Rail

kind, path, out = sys.argv[1:4]
events = load_file(path).timeline.events
rows = [(rail_date(e), one_line(e.title), one_line(e.speaker)) for e in events]

class Rows(App[None]):
    def compose(self) -> ComposeResult:
        if kind == "OptionList":
            yield OptionList(*("  ".join(row) for row in rows))
        elif kind == "DataTable":
            yield DataTable()
        else:
            yield Rail(id="rail")

    def on_mount(self) -> None:
        if kind == "DataTable":
            table = self.query_one(DataTable)
            table.add_columns("Date", "Title", "Speaker")
            table.add_rows(rows)
        elif kind == "Rail":
            self.query_one(Rail).set_events(events, range(len(events)))
        self.query_one(kind).focus()

start = time.perf_counter()
with open(out, "w") as file:
    json.dump({"start": start}, file)
Rows().run()
"""
VERIFY = """
import json, sys
sys.path.insert(0, "benchmarks")
from verify_bench import measure
print(json.dumps(measure()))
"""
SEARCH = """
import json, resource, sys, time
sys.path.insert(0, "benchmarks")
from search_bench import measure, measure_filters, measure_view
from timeline.query.search import SearchIndex
from timeline.read.toml import load_file
from timeline.store import StoredEvents
timeline = load_file(sys.argv[1]).timeline
entry = timeline.events.entry if isinstance(timeline.events, StoredEvents) else None
if entry is not None:  # the text beside the entry is written by the first index
    entry.path.with_suffix(".search").unlink(missing_ok=True)
index = SearchIndex(timeline.events)
result = {
    **measure(timeline.events, index),
    **measure_view(timeline, index),
    **measure_filters(timeline),
}
if entry is not None:  # and opened by every later one
    start = time.perf_counter()
    SearchIndex(timeline.events).build()
    result["search_open_ms"] = (time.perf_counter() - start) * 1000
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({**result, "events": len(timeline.events), "peak_mb": peak}))
"""


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    what: str
    figure: str
    target: str = ""
    ok: bool | None = None

    @property
    def verdict(self) -> str:
        return "" if self.ok is None else "pass" if self.ok else "**FAIL**"


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Our environment as a user's (see NOT_FOR_CHILDREN), with `extra` on top."""
    env = {k: v for k, v in os.environ.items() if k not in NOT_FOR_CHILDREN}
    for key in [k for k in env if k.startswith(("PROBE_", "TEXTUAL_"))]:
        del env[key]
    return {**env, **(extra or {})}


def child(args: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Run a Python snippet in a fresh interpreter and return the JSON it prints."""
    done = subprocess.run(
        [sys.executable, "-c", *args],
        cwd=ROOT,
        env=child_env(env),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmark child failed: {done.stderr.strip()[-2000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def wall(command: list[str], env: dict[str, str] | None = None) -> float:
    """Seconds from starting a process to its exit."""
    start = time.perf_counter()
    subprocess.run(
        command,
        cwd=ROOT,
        env=child_env(env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - start


@dataclass(frozen=True)
class Probed:
    """What one process run with the frame probe reported."""

    start: float
    """perf_counter() just before the process was started."""
    wall: float
    """Seconds from starting the process to its exit."""
    peak_mb: float
    """Its peak resident memory (max RSS), from wait4."""
    raw: dict[str, Any]
    """The probe's JSON: perf_counter() stamps and key timings."""

    def at(self, stamp: str) -> float:
        """Seconds from process start to this stamp."""
        if stamp not in self.raw:
            raise RuntimeError(f"the probe saw no {stamp!r} frame: {sorted(self.raw)}")
        return float(self.raw[stamp]) - self.start


def probed(command: Sequence[str], env: dict[str, str]) -> Probed:
    """Run a Textual app with the frame probe as its driver; see benchmarks/frame_probe.py."""
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as where:
        out, err = Path(where) / "probe.json", Path(where) / "stderr"
        with err.open("w") as stderr:
            start = time.perf_counter()
            process = subprocess.Popen(
                [str(part) for part in command],
                cwd=ROOT,
                env=child_env({**PROBE, **env, "PROBE_OUT": str(out)}),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        problem = err.read_text(errors="replace").strip()[-2000:]
        if process.returncode != 0 or not out.exists():
            raise RuntimeError(f"{command[-1]}: exit {process.returncode}: {problem}")
        raw = json.loads(out.read_text())
    if "error" in raw:
        raise RuntimeError(f"frame probe: {raw['error']}")
    return Probed(start, elapsed, usage.ru_maxrss / 1024, raw)


def generated(count: int) -> Path:
    """benchmarks/data/events-COUNT.toml, written when missing, written by another version
    of the generator (its first line says which: `generate.current`), or older than it."""
    path = DATA / f"events-{count}.toml"
    if not current(path) or path.stat().st_mtime < GENERATOR.stat().st_mtime:
        subprocess.run(
            [sys.executable, str(GENERATOR), str(count), "-o", str(path)], check=True, cwd=ROOT
        )
    return path


@functools.cache
def huge() -> Path | None:
    """The HUGE-event file, generated on first use; None, said once, when the disk is
    too short for it (its rows are then skipped, with a row saying so)."""
    path = DATA / f"events-{HUGE}.toml"
    DATA.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(DATA).free
    have = path.stat().st_size if path.exists() else 0
    if free + have < HUGE_NEEDS:
        print(
            f"\n  skipping the {HUGE:,}-event rows: {free / 1e9:.1f} GB free in {DATA}, "
            f"{HUGE_NEEDS / 1e9:.0f} GB needed",
            file=sys.stderr,
        )
        return None
    return generated(HUGE)


def skipped(what: str) -> Row:
    """The row standing for HUGE-event rows the disk had no room for."""
    free = shutil.disk_usage(DATA).free
    return Row(f"{what} at {HUGE:,} events", f"skipped: {free / 1e9:.1f} GB free")


def seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def ms(value: float) -> str:
    return f"{value * 1000:.1f} ms"


def size(path: Path) -> str:
    return f"{path.stat().st_size / 1e6:.1f} MB"


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value with `share` of them at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


T = TypeVar("T")


def rotations(names: Sequence[T], rounds: int) -> Iterator[T]:
    """Each name once per round, the order turning each round, so none always goes first."""
    for n in range(rounds):
        turn = n % len(names)
        yield from (*names[turn:], *names[:turn])


# ---------------------------------------------------------------------- measurements


def fresh_cache() -> dict[str, str]:
    """An empty cache directory, removed at exit, for one child."""
    where = tempfile.mkdtemp(prefix="timeline-bench-")
    atexit.register(shutil.rmtree, where, ignore_errors=True)
    return {"XDG_CACHE_HOME": where}


def load_events_toml() -> list[Row]:
    runs = [child([LOAD, str(EVENTS)])["seconds"] for _ in range(5)]
    value = statistics.median(runs)
    return [Row("Load events.toml (median of 5)", seconds(value), "< 50 ms", value < 0.05)]


def load_generated() -> list[Row]:
    rows = []
    for count, repeat, limit in ((1_000, 5, None), (10_000, 5, None), (100_000, 3, 2.5)):
        path = generated(count)
        results = [child([LOAD, str(path)], NO_CACHE) for _ in range(repeat)]
        assert all(r["events"] == count for r in results)
        value = statistics.median(r["seconds"] for r in results)
        rows.append(
            Row(
                f"Load {count:,} events, {size(path)}: parse and build (median of {repeat})",
                seconds(value),
                f"< {limit} s" if limit else "",
                None if limit is None else value < limit,
            )
        )
    return rows


def load_cached() -> list[Row]:
    path = str(generated(100_000))
    firsts, agains = [], []
    for _ in range(3):
        cache = fresh_cache()
        firsts.append(child([LOAD, path], cache)["seconds"])
        agains.append(child([LOAD, path], cache)["seconds"])
    first, again = statistics.median(firsts), statistics.median(agains)
    return [
        Row(
            "Load 100,000 events the first time: parse, build, write the cache (median of 3)",
            seconds(first),
        ),
        Row(
            "Load 100,000 events again, from the cache (median of 3)",
            seconds(again),
            "< 2.5 s",
            again < 2.5,
        ),
    ]


def load_memory() -> list[Row]:
    path = str(generated(100_000))
    cache = fresh_cache()
    rows = []
    for what, env in (
        ("parse and build", NO_CACHE),
        ("first time, writing the cache", cache),
        ("from the cache", cache),
    ):
        result = child([LOAD, path], env)
        peak = result["peak_kb"] / 1024
        start = result["start_kb"] / 1024
        rows.append(
            Row(
                f"Peak RSS loading 100,000 events, {what} (before loading: {start:.0f} MB)",
                f"{peak:.0f} MB",
                "< 200 MB",
                peak < 200,
            )
        )
    return rows


def check_command() -> list[Row]:
    path = generated(100_000)
    command = [str(BIN / "timeline"), "check", str(path)]
    value = statistics.median(wall(command, NO_CACHE) for _ in range(3))
    return [
        Row(
            "`timeline check` on 100,000 events, no cache: process start to exit (median of 3)",
            seconds(value),
            "< 3 s",
            value < 3,
        )
    ]


def check_small() -> list[Row]:
    """`timeline check` on 100 and on 1,000 events, cache off: small files take the fast
    path (the fast parser), so ten times the events cost little more than starting the
    process."""
    paths = {count: str(generated(count)) for count in (100, 1_000)}
    times: dict[int, list[float]] = {count: [] for count in paths}
    for path in paths.values():  # bytecode written, the file in the page cache
        wall([TIMELINE, "check", path], NO_CACHE)
    for count in rotations(list(paths), SMALL_ROUNDS):
        times[count].append(wall([TIMELINE, "check", paths[count]], NO_CACHE))
    hundred, thousand = (statistics.median(times[count]) for count in paths)
    n = f"median of {SMALL_ROUNDS}, interleaved"
    return [
        Row(
            f"`timeline check` on 100 events, no cache: process start to exit ({n})",
            seconds(hundred),
        ),
        Row(
            f"`timeline check` on 1,000 events, no cache: process start to exit ({n})",
            f"{seconds(thousand)} ({thousand / hundred:.2f}x 100 events)",
            "≤ 1.2x 100 events",
            thousand <= 1.2 * hundred,
        ),
    ]


def parsers_alone() -> list[Row]:
    path = str(generated(100_000))
    return [
        Row(
            f"Reference: {name}.loads of the whole 100,000-event file, no model",
            seconds(child([PARSE, name, path])["seconds"]),
        )
        for name in ("tomllib", "toml_rs")
    ]


@functools.cache
def warm_cache(count: int = BIG) -> dict[str, str]:
    """A cache directory holding the file of `count` events, as after a first open."""
    cache = fresh_cache()
    child([LOAD, str(generated(count))], cache)
    return cache


@contextmanager
def empty_cache() -> Iterator[dict[str, str]]:
    """An empty cache directory, as on a first open (large entries: removed after use)."""
    with tempfile.TemporaryDirectory(prefix="timeline-bench-cache-") as where:
        yield {"XDG_CACHE_HOME": where}


def events_in(path: Path) -> int:
    """How many events a file loads with."""
    loaded = subprocess.run(
        [sys.executable, "-c", LOAD, str(path)], env=child_env(), capture_output=True, check=True
    )
    count: int = json.loads(loaded.stdout)["events"]
    return count


def viewer_start() -> list[Row]:
    """Process start to first screen: the viewer, a bare app, and a large file loading."""
    events = events_in(EVENTS)
    big = generated(BIG)
    # Each first screen is complete when nothing is left to run after the first frame;
    # then q is pressed, as TEXTUAL_PRESS=q does, and the app exits as a user's would.
    quit_after = {"PROBE_UNTIL": "settled", "PROBE_EXIT": "q"}
    with empty_cache() as cold:
        # (command, environment, a stamp that must come no later than `complete`)
        runs: dict[str, tuple[list[str], dict[str, str], str]] = {
            "bare": ([sys.executable, "-c", BARE_APP], quit_after, "first"),
            "viewer": (
                [TIMELINE, str(EVENTS)],
                {**quit_after, "PROBE_SHOWN": str(events)},
                "shown",
            ),
            # The first frame with the progress bar and the footer's keys; the process
            # ends there, while the file loads (its screen never settles meanwhile).
            **{
                name: (
                    [TIMELINE, str(big)],
                    {"PROBE_UNTIL": "loading", "PROBE_EXIT": "now", **cache},
                    "loading",
                )
                for name, cache in (("big cold", cold), ("big cached", warm_cache()))
            },
        }
        for command, env, _ in runs.values():  # bytecode written, files in the page cache
            probed(command, env)
        complete: dict[str, list[float]] = {name: [] for name in runs}
        first: dict[str, list[float]] = {name: [] for name in runs}
        exits: dict[str, list[float]] = {name: [] for name in runs}
        for name in rotations(list(runs), START_RUNS):
            command, env, needed = runs[name]
            run = probed(command, env)
            screen = run.at("complete" if "complete" in run.raw else needed)
            if run.at(needed) > screen:
                raise RuntimeError(f"{name}: the first screen came before its {needed!r} frame")
            complete[name].append(screen)
            first[name].append(run.at("first"))
            exits[name].append(run.wall)
    median = {name: statistics.median(times) for name, times in complete.items()}
    painted = {name: statistics.median(times) for name, times in first.items()}
    bare, viewer = median["bare"], median["viewer"]
    ratio = viewer / bare
    quit_bare, quit_viewer = statistics.median(exits["bare"]), statistics.median(exits["viewer"])
    n = f"median of {START_RUNS}, interleaved"
    rows = [
        Row(
            f"Bare Textual app (header, footer, two panes): process start to first screen ({n})",
            f"{seconds(bare)} (first frame {seconds(painted['bare'])})",
        ),
        Row(
            f"Viewer on events.toml: process start to first screen ({n})",
            f"{seconds(viewer)} (first frame {seconds(painted['viewer'])})",
        ),
        Row(
            "Viewer on events.toml / bare app, first screen",
            f"{ratio:.2f}x",
            "≤ 1.15x",
            ratio <= 1.15,
        ),
        Row(
            "Viewer / bare app, first frame (without what is filled in after it)",
            f"{painted['viewer'] / painted['bare']:.2f}x",
        ),
        Row(
            "Viewer / bare app, process start to exit, q pressed at the first screen "
            f"({seconds(quit_viewer)} / {seconds(quit_bare)})",
            f"{quit_viewer / quit_bare:.2f}x",
        ),
    ]
    for name, what in (("big cold", "first open"), ("big cached", "cached")):
        value = median[name]
        rows.append(
            Row(
                f"Viewer on {BIG:,} events, {what}: process start to first screen, with the "
                f"progress bar ({n})",
                f"{seconds(value)} ({value / viewer:.2f}x events.toml)",
                "≤ 1.10x events.toml",
                value <= 1.10 * viewer,
            )
        )
    return rows


def viewer_quit() -> list[Row]:
    """q pressed at the first screen while a large file loads: process start to exit,
    against the same on events.toml (interleaved, medians)."""
    at_first = {"PROBE_UNTIL": "settled", "PROBE_EXIT": "q"}
    # The first frame with the progress bar: the file has only begun to load.
    while_loading = {"PROBE_UNTIL": "loading", "PROBE_EXIT": "q"}
    runs: dict[str, tuple[list[str], dict[str, str]]] = {
        "events.toml": ([TIMELINE, str(EVENTS)], at_first)
    }
    rows: list[Row] = []
    sizes = [BIG]
    if huge() is not None:
        sizes.append(HUGE)
    else:
        rows.append(skipped("Viewer, q pressed while loading"))
    for count in sizes:
        path = str(generated(count))
        runs[f"{count} cache off"] = ([TIMELINE, path], {**while_loading, **NO_CACHE})
        runs[f"{count} cached"] = ([TIMELINE, path], {**while_loading, **warm_cache(count)})
    # Loaded, then a search typed: q while its index is folded in a thread (1.2 s).
    searching = {
        "PROBE_UNTIL": "shown",
        "PROBE_SHOWN": str(BIG),
        "PROBE_PRESS": "slash b o a r d enter",
        "PROBE_EXIT": "q",
        **NO_CACHE,
    }
    runs["searching"] = ([TIMELINE, str(generated(BIG))], searching)
    for command, env in runs.values():  # bytecode written, files in the page cache
        probed(command, env)
    exits: dict[str, list[float]] = {name: [] for name in runs}
    after_q: dict[str, list[float]] = {name: [] for name in runs}
    for name in rotations(list(runs), QUIT_ROUNDS):
        command, env = runs[name]
        result = probed(command, env)
        exits[name].append(result.wall)
        after_q[name].append(result.wall - result.at("quit"))
    median = {name: statistics.median(times) for name, times in exits.items()}
    base = median["events.toml"]
    quitting = {name: statistics.median(times) for name, times in after_q.items()}
    n = f"median of {QUIT_ROUNDS}, interleaved"
    rows.insert(
        0,
        Row(
            f"Viewer on events.toml, q pressed at the first screen: process start to exit ({n})",
            seconds(base),
        ),
    )
    for count in sizes:
        for what in ("cache off", "cached"):
            value = median[f"{count} {what}"]
            rows.append(
                Row(
                    f"Viewer on {count:,} events, {what}, q pressed at the first screen (the "
                    f"progress bar): process start to exit ({n})",
                    f"{seconds(value)} ({value / base:.2f}x events.toml)",
                    "≤ 1.2x events.toml",
                    value <= 1.2 * base,
                )
            )
    rows.append(
        Row(
            f"Viewer on events.toml, q pressed at the first screen: from q to exit ({n})",
            seconds(quitting["events.toml"]),
        )
    )
    value = quitting["searching"]
    rows.append(
        Row(
            f"Viewer on {BIG:,} events, cache off, loaded, a search typed: q pressed while its "
            f"index is built (in a thread, 1.2 s): from q to exit ({n})",
            f"{seconds(value)} ({value / base:.2f}x events.toml's start to exit)",
            "≤ 1.2x events.toml",
            value <= 1.2 * base,
        )
    )
    return rows


def viewer_loaded() -> list[Row]:
    """Process start until 100,000 events are on screen and a key is answered; peak memory."""
    big = generated(BIG)
    runs: dict[str, list[Probed]] = {"first open": [], "cached": []}
    for _ in range(LOAD_ROUNDS):
        with empty_cache() as cache:  # a first open writes the cache; the second reads it
            runs["first open"].append(probed([TIMELINE, str(big)], {**LOADED, **cache}))
            runs["cached"].append(probed([TIMELINE, str(big)], {**LOADED, **cache}))
    rows = []
    for what, results in runs.items():
        where = "empty cache, written once shown" if what == "first open" else "from the cache"
        for stamp, until in (
            ("shown", "the loaded rail on screen"),
            ("answered", "a key answered"),
        ):
            value = statistics.median(r.at(stamp) for r in results)
            rows.append(
                Row(
                    f"Viewer on {BIG:,} events, {what} ({where}): process start to {until} "
                    f"(median of {LOAD_ROUNDS})",
                    seconds(value),
                    "< 2.5 s",
                    value < 2.5,
                )
            )
    for what, results in runs.items():
        peak = max(r.peak_mb for r in results)
        rows.append(
            Row(
                f"Viewer on {BIG:,} events, {what}: peak RSS with the events loaded "
                f"(highest of {LOAD_ROUNDS})",
                f"{peak:.0f} MB",
                "< 300 MB",
                peak < 300,
            )
        )
    return rows


def viewer_huge() -> list[Row]:
    """An open of HUGE events, cache off and cached: the part read on screen and a key
    answered while the rest loads, then the whole; against the fastest parser available
    (toml-rs, which the loader uses) alone on the chunks."""
    path = huge()
    if path is None:
        return [skipped("Viewer, first open")]

    def opened(cache: dict[str, str]) -> tuple[Probed, Probed]:
        """A run to the part on screen and a key answered, and one to the whole."""
        command = [TIMELINE, str(path)]
        part = probed(command, {"PROBE_UNTIL": "part", "PROBE_ANSWER": "1", **cache})
        whole = probed(command, {"PROBE_UNTIL": "shown", "PROBE_SHOWN": str(HUGE), **cache})
        return part, whole

    part, whole = opened({"PROBE_EXIT": "now", **NO_CACHE})
    parse = child([FAST_CHUNKS, str(path)])["seconds"]
    loaded = whole.at("shown")
    ratio = loaded / parse
    # From the cache a run takes seconds, so three (medians; the highest peak).
    warm = {"PROBE_EXIT": "now", **warm_cache(HUGE)}
    cached_runs = [opened(warm) for _ in range(3)]
    earliest = statistics.median(part.at("part") for part, _ in cached_runs)
    answered = statistics.median(part.at("answered") for part, _ in cached_runs)
    shown = statistics.median(whole.at("shown") for _, whole in cached_runs)
    peak = max(whole.peak_mb for _, whole in cached_runs)
    # With a small file beside it: merged, the million's events stay in the store.
    merged_runs = [
        probed(
            [TIMELINE, str(path), str(EVENTS)],
            {"PROBE_UNTIL": "shown", "PROBE_SHOWN": str(HUGE + events_in(EVENTS)), **warm},
        )
        for _ in range(3)
    ]
    merged = statistics.median(run.at("shown") for run in merged_runs)
    return [
        Row(
            f"Viewer on {HUGE:,} events, cached: process start to its earliest events on "
            "the rail; to a key answered while the rest loads (median of 3)",
            f"{seconds(earliest)}; {seconds(answered)}",
            "answering < 2 s",
            answered < 2,
        ),
        Row(
            f"Viewer on {HUGE:,} events, cached: process start to all of them on the rail "
            "(median of 3), peak RSS (highest of 3)",
            f"{seconds(shown)}, {peak:.0f} MB",
            "< 2 s, < 500 MB",
            shown < 2 and peak < 500,
        ),
        Row(
            f"Viewer on {HUGE:,} events, cached, and events.toml beside them (merged): "
            "process start to all of them on the rail (median of 3), peak RSS (highest of 3)",
            f"{seconds(merged)} ({merged / shown:.2f}x the {HUGE:,} alone), "
            f"{max(run.peak_mb for run in merged_runs):.0f} MB",
        ),
        Row(
            f"Viewer on {HUGE:,} events, first open (cache off): process start to the part "
            "read on the rail; to a key answered while the rest loads (1 run)",
            f"{seconds(part.at('part'))}; {seconds(part.at('answered'))}",
        ),
        Row(
            f"Viewer on {HUGE:,} events, first open (cache off): process start to all of "
            f"them on the rail, peak RSS (1 run)",
            f"{seconds(loaded)} ({ratio:.2f}x toml-rs alone on the chunks: {seconds(parse)}), "
            f"{whole.peak_mb:.0f} MB",
            "≤ 1.5x toml-rs on the chunks",
            ratio <= 1.5,
        ),
    ]


def viewer_keys() -> list[Row]:
    """Key presses at 100,000 events, timed inside the viewer by the frame probe."""
    return keys_at(generated(BIG), BIG)


def viewer_keys_huge() -> list[Row]:
    """Key presses at HUGE events (the first rows only: the rest are said at BIG); and
    just after a first open, while the viewer writes the cache, the search text and
    the index of values in a thread (about 70 s of work)."""
    path = huge()
    if path is None:
        return [skipped("Key j")]
    with empty_cache() as cache:
        run = probed(
            [TIMELINE, str(path)],
            {
                **LOADED,
                "PROBE_SHOWN": str(HUGE),
                "PROBE_ANSWER": "0",
                "PROBE_KEYS": str(KEY_PRESSES),
                "PROBE_EXIT": "",  # leaving stops the writing (not its end: PROBE_EXIT=now)
                **cache,
            },
        )
    bound = run.raw["j"]
    p95 = percentile(bound, 0.95)
    return [
        *keys_at(path, HUGE)[:1],
        Row(
            f"Key j at {HUGE:,} events just after a first open, while the viewer writes the "
            f"cache, the search text and the filters' index in a thread, {len(bound)} "
            "presses: p50 / p95 / p99, max",
            f"{ms(statistics.median(bound))} / {ms(p95)} / {ms(percentile(bound, 0.99))}, "
            f"max {ms(max(bound))}",
            "p95 < 16 ms",
            p95 < 0.016,
        ),
    ]


def keys_at(path: Path, count: int) -> list[Row]:
    """Key presses in the viewer on the file of `count` events, cached."""
    run = probed(
        [TIMELINE, str(path)],
        {
            **LOADED,
            "PROBE_SHOWN": str(count),
            "PROBE_ANSWER": "0",
            "PROBE_KEYS": str(KEY_PRESSES),
            **warm_cache(count),
        },
    )
    bound, unbound = run.raw["j"], run.raw["unbound"]
    moved = run.raw["cursor"] == run.raw["warm_up"] + len(bound)
    if not moved:
        raise RuntimeError(f"j did not move the selection each time: {run.raw['sub_title']}")
    p95 = percentile(bound, 0.95)
    slow = sum(1 for t in bound if t > 0.1)
    full = [pause for generation, pause in run.raw["gc"] if generation == 2]
    pauses = (
        f"; {len(full)} full collections, median {seconds(statistics.median(full))}" if full else ""
    )
    return [
        Row(
            f"Key j at {count:,} events (next event: rail, detail pane, header and overview "
            f"redrawn), {len(bound)} presses: p50 / p95 / p99",
            f"{ms(statistics.median(bound))} / {ms(p95)} / {ms(percentile(bound, 0.99))}",
            "p95 < 16 ms",
            p95 < 0.016,
        ),
        Row(
            "A key with no binding, interleaved with those (the framework's floor): p50 / p95",
            f"{ms(statistics.median(unbound))} / {ms(percentile(unbound, 0.95))}",
        ),
        Row(
            "Slowest j; presses over 100 ms; garbage-collector pauses meanwhile",
            f"{seconds(max(bound))}; {slow} of {len(bound)}{pauses}",
        ),
    ]


def search() -> list[Row]:
    """benchmarks/search_bench.py's measure() on 100,000 events."""
    return searched(generated(BIG), BIG, filter_target=100)


def search_huge() -> list[Row]:
    """The same at HUGE events (issue 17's targets: a keystroke as at BIG, a filter in
    200 ms)."""
    path = huge()
    return searched(path, HUGE, filter_target=200) if path is not None else [skipped("Search")]


def searched(path: Path, count: int, filter_target: float) -> list[Row]:
    result = child([SEARCH, str(path)], warm_cache(count))
    assert result["events"] == count
    p95, worst = result["view_keystroke_p95_ms"], result["view_keystroke_max_ms"]
    rows = [
        Row(
            f"Search at {count:,} events in the viewer, one keystroke (typing and deleting 10 "
            "queries from the middle; beyond 200,000 events, the 20,000 around the selection "
            "at once and the rest between keys): p95, max",
            f"{p95:.1f} ms, max {worst:.1f} ms",
            "p95 < 50 ms",
            p95 < 50,
        ),
        Row(
            f"Search at {count:,} events: the rest of a query found between keys, turn by "
            "turn (median of the 10 queries)",
            seconds(result["view_rest_ms"] / 1000),
        ),
        Row(
            f"Search at {count:,} events, scanning them all at each keystroke, as the viewer "
            "did: p95, max",
            f"{result['search_keystroke_p95_ms']:.1f} ms, "
            f"max {result['search_keystroke_max_ms']:.1f} ms",
        ),
        Row(
            f"Filter {count:,} events in the viewer: the events kept, then the rail's "
            "rows laid out and measured for them (the slowest of 5 filters, median of 5)",
            f"{result['view_filter_ms']:.1f} ms",
            f"< {filter_target:.0f} ms",
            result["view_filter_ms"] < filter_target,
        ),
        Row(
            f"Filter {count:,} events: the events kept alone (the slowest of 5 filters, "
            "median of 5)",
            f"{result['filter_ms']:.1f} ms",
        ),
        Row(
            f"Filters' index of values at {count:,} events: built by the first filter of "
            "each field (those 5 filters' kinds, speakers, groups, tags)",
            seconds(result["values_ms"] / 1000),
        ),
    ]
    if "search_open_ms" not in result:
        return [
            *rows,
            Row(
                f"Search index at {count:,} events: folding every event once (in a worker "
                "thread in the viewer); peak RSS of all the searches and filters",
                f"{seconds(result['search_build_ms'] / 1000)}; {result['peak_mb']:.0f} MB",
            ),
        ]
    return [
        *rows,
        Row(
            f"Search index at {count:,} events, stored: its folded text written beside the "
            "cache entry, once (in a worker thread in the viewer), the first 20,000 events "
            "searchable meanwhile after; opened and checked by every later search",
            f"{seconds(result['search_build_ms'] / 1000)}, the first after "
            f"{seconds(result['search_first_ms'] / 1000)}; "
            f"{seconds(result['search_open_ms'] / 1000)}",
        ),
        Row(
            f"Search and filters at {count:,} events, stored: peak RSS of all the above",
            f"{result['peak_mb']:.0f} MB",
            "< 500 MB",
            result["peak_mb"] < 500,
        ),
    ]


def measured(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from starting a process to its exit, and its peak RSS in MB (wait4)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=child_env(env), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    assert process.stderr is not None
    problem = process.stderr.read().decode(errors="replace")[-2000:]
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command}: {problem}")
    return elapsed, usage.ru_maxrss / 1024


def exports() -> list[Row]:
    """`timeline export FILE --to timelinejs|csv -o OUT`, the file cached, at each size:
    process start to exit and peak RSS (medians of EXPORT_ROUNDS, HUGE once).

    HUGE is run once per format, between two runs of BIG: its ratio is to those two,
    taken minutes apart at most, so that the machine's speed drifting over the run
    (it did by a tenth between two runs of this script) does not move the ratio.
    """
    counts = [10_000, BIG]
    rows: list[Row] = []
    if huge() is not None:
        counts.append(HUGE)
    else:
        rows.append(skipped("Export"))
    results: dict[tuple[int, str], list[tuple[float, float]]] = {}
    beside: dict[str, list[float]] = {}  # the BIG runs on either side of HUGE's
    with tempfile.TemporaryDirectory(prefix="timeline-bench-export-") as where:
        out = Path(where) / "out"
        runs = [(count, to) for count in counts for to in ("timelinejs", "csv")]
        for count, _ in runs:
            warm_cache(count)

        def export(count: int, to: str) -> float:
            command = [TIMELINE, "export", str(generated(count)), "--to", to, "-o", str(out)]
            result = measured(command, warm_cache(count))
            results.setdefault((count, to), []).append(result)
            out.unlink()
            return result[0]

        for count, to in rotations([r for r in runs if r[0] != HUGE], EXPORT_ROUNDS):
            export(count, to)
        for count, to in runs:
            if count == HUGE:
                beside[to] = [export(BIG, to)]
                export(HUGE, to)
                beside[to].append(export(BIG, to))
    for to in ("timelinejs", "csv"):
        median = {count: statistics.median(t for t, _ in results[(count, to)]) for count in counts}
        for count in counts:
            value = median[count]
            peak = max(m for _, m in results[(count, to)])
            runs_taken = len(results[(count, to)])
            what = (
                f"`export --to {to}` of {count:,} events, from the cache: process start to "
                f"exit, peak RSS ({'1 run' if runs_taken == 1 else f'median of {runs_taken}'})"
            )
            if count == BIG:
                figure = f"{seconds(value)}, {peak:.0f} MB ({value / median[10_000]:.1f}x 10,000)"
                rows.append(Row(what, figure))
            elif count == HUGE:
                around = statistics.mean(beside[to])
                ratio = value / around
                rows.append(
                    Row(
                        what,
                        f"{seconds(value)} ({ratio:.1f}x 100,000 run just before and after: "
                        f"{seconds(around)}), {peak:.0f} MB",
                        "≤ 10x 100,000, < 1 GB",
                        ratio <= 10 and peak < 1024,
                    )
                )
            else:
                rows.append(Row(what, f"{seconds(value)}, {peak:.0f} MB"))
    return rows


def verify() -> list[Row]:
    """benchmarks/verify_bench.py's measure(): 10,000 quotes, 1,000 archived pages."""
    result = child([VERIFY])
    assert result["wrong"] == 0, "verify_bench: a quote got the wrong outcome"
    quotes, pages, total = int(result["quotes"]), int(result["pages"]), result["total_s"]
    return [
        Row(
            f"Verify {quotes:,} quotes against {pages:,} archived pages of 5,000 words "
            f"({result['mb']:.0f} MB; {int(result['not_found']):,} not found, "
            f"{int(result['typographic']):,} typographic): reading, indexing and checking",
            seconds(total),
            "< 60 s",
            total < 60,
        ),
        Row("Verify: reading and normalising the 1,000 archives alone", seconds(result["read_s"])),
    ]


def lanes() -> list[Row]:
    """benchmarks/lanes_bench.py: the lanes view's layout and keys at 100,000 events."""
    done = subprocess.run(
        [sys.executable, str(HERE / "lanes_bench.py"), "--json"],
        capture_output=True,
        text=True,
        env=child_env(),
        check=True,
    )
    rows = json.loads(done.stdout.strip().splitlines()[-1])
    measured = [
        Row(
            f"Lanes view: {what}",
            figure,
            target.replace("MISSED", "").strip(),
            "MISSED" not in target,
        )
        if target
        else Row(f"Lanes view: {what}", figure)
        for what, figure, target in rows
    ]
    path = huge()
    if path is None:
        return [*measured, skipped("Lanes view at 1,000,000 events")]
    result = child([LANES_HUGE, str(path)], warm_cache(HUGE))
    return [
        *measured,
        Row(
            f"Lanes view at {HUGE:,} events, cached: lanes by group laid out (in a thread in "
            "the viewer) from the store's dates and rows; peak RSS",
            f"{seconds(result['seconds'])}; {result['peak_mb']:.0f} MB",
        ),
    ]


def widgets() -> list[Row]:
    """OptionList and DataTable with a row per event, next to the rail; one run each."""
    big = generated(BIG)
    warm_cache()
    rows = []
    for kind in ("Rail", "OptionList", "DataTable"):
        with tempfile.TemporaryDirectory(prefix="timeline-bench-") as where:
            out = Path(where) / "start.json"
            run = probed(
                [sys.executable, "-c", WIDGET_APP, kind, str(big), str(out)],
                {"PROBE_UNTIL": "settled", "PROBE_EXIT": "now", **warm_cache()},
            )
            start = json.loads(out.read_text())["start"]
        rows.append(
            Row(
                f"{kind} alone with {BIG:,} rows: app start to first screen settled (1 run)",
                seconds(float(run.raw["settled"]) - start),
            )
        )
    return rows


# Reference figures, not measured by this script: copied from issue 17 (which gives no
# date; they were taken before 2026-11-28, when they were copied here) and measured
# there side by side on one 2-core machine, medians, on files from generate.py.
REFERENCE_DATE = "taken before 2026-11-28"
#: lnav opening a log of as many lines as the file has events: seconds, and MB at 1M.
LNAV_OPEN = {1_000: 0.12, 10_000: 0.12, 100_000: 0.19, 1_000_000: 0.83}
LNAV_PEAK_MB_1M = 75
#: TimelineJS3 showing the events in headless Chromium: seconds (3 GB at 10,000).
TIMELINEJS3_OPEN = {100: 2.9, 1_000: 11.8, 10_000: 102.0}
#: markwhen's parser on the same events: seconds.
MARKWHEN_PARSE = {1_000: 0.9, 10_000: 2.6, 100_000: 24.0, 1_000_000: 281.0}


def references() -> list[Row]:
    """The reference figures above, as rows (nothing is run)."""

    def figures(table: dict[int, float]) -> str:
        return " / ".join(f"{seconds(value)} at {count:,}" for count, value in table.items())

    where = f"not measured here: issue 17, {REFERENCE_DATE}"
    return [
        Row(
            f"Reference ({where}): lnav opening a log of as many lines",
            f"{figures(LNAV_OPEN)}; {LNAV_PEAK_MB_1M} MB at 1,000,000",
        ),
        Row(
            f"Reference ({where}): TimelineJS3 in headless Chromium",
            f"{figures(TIMELINEJS3_OPEN)}; 3 GB at 10,000",
        ),
        Row(f"Reference ({where}): markwhen's parser", figures(MARKWHEN_PARSE)),
    ]


MEASUREMENTS: list[Callable[[], list[Row]]] = [
    load_events_toml,
    load_generated,
    load_cached,
    load_memory,
    check_command,
    check_small,
    parsers_alone,
    viewer_start,
    viewer_quit,
    viewer_loaded,
    viewer_huge,
    viewer_keys,
    viewer_keys_huge,
    search,
    search_huge,
    exports,
    verify,
    lanes,
    widgets,
    references,
]


# ---------------------------------------------------------------------- report


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages."""
    if not hasattr(os, "getloadavg"):
        return "unknown"
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        total = Path("/proc/meminfo").read_text().split()[1]
        memory = f", {int(total) / 2**20:.1f} GB memory"
    except (OSError, IndexError, ValueError):
        pass
    versions = []
    for package in ("textual", "toml-rs"):
        try:
            versions.append(f"{package.capitalize()} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} not installed")
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {', '.join(versions)}"
    )


NOTES = f"""\
Conditions: every figure comes from fresh processes started by this script, with
bytecode cached as on a user's machine and TIMELINE_CACHE unset unless a row says
otherwise. The viewer runs as `timeline FILE` in a {COLUMNS}x{LINES} terminal that
nobody sees (benchmarks/frame_probe.py: each frame is rendered to escape codes as for a
terminal, then dropped); times run from starting the process to the frame in question.
A first screen is complete at the last frame before the app has nothing left to run
(the footer's keys arrive some frames after the first); while a
large file loads, at the first frame with the progress bar and the footer's keys.
Rows that are compared were run interleaved, each after a warm-up run. Key presses are
timed from posting the key, as the terminal driver does, to the screen being up to date
again, without the wait for the screen's next 1/60 s refresh tick."""


def main(argv: list[str]) -> int:
    clock = time.get_clock_info("perf_counter").implementation
    if "CLOCK_MONOTONIC" not in clock:  # parent and children must share the clock
        sys.exit(f"perf_counter is {clock}, not CLOCK_MONOTONIC: times across processes differ")
    wanted = [m for m in MEASUREMENTS if not argv or any(a in m.__name__ for a in argv)]
    described = machine()
    print(described, file=sys.stderr)
    load_before = load_average()
    started = time.perf_counter()
    rows: list[Row] = []
    for measure in wanted:
        print(f"  {measure.__name__} ...", file=sys.stderr, end="", flush=True)
        began = time.perf_counter()
        rows.extend(measure())
        print(f" {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)
    took = time.perf_counter() - started
    print(f"Machine: {described}.\n")
    print("| Measurement | Figure | Target | |")
    print("|---|--:|--:|---|")
    for row in rows:
        print(f"| {row.what} | {row.figure} | {row.target} | {row.verdict} |")
    print(f"\n{NOTES}")
    print(
        f"Load average (1, 5, 15 minutes): {load_before} at the start, {load_average()} at "
        f"the end; {took:.0f} s to measure."
    )
    return 0 if all(row.ok is not False for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

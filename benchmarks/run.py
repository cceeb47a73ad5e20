"""Measure loading (and the viewer's start) and print the README's table in Markdown.

Every figure is taken in a fresh subprocess, so imports, caches and the allocator
start cold each time, as they do for a user. Each measurement is a function in
MEASUREMENTS returning rows of (what, figure, target, verdict); add rows by adding
functions. Generated files are written once to benchmarks/data/ (git-ignored) and
regenerated when generate.py changes.

    python benchmarks/run.py            # everything, about two minutes
    python benchmarks/run.py load       # only measurements whose name contains "load"
"""

from __future__ import annotations

import atexit
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
GENERATOR = ROOT / "benchmarks" / "generate.py"
EVENTS = ROOT / "events.toml"
BIN = Path(sys.executable).parent
HEADLESS = {
    "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
    "TEXTUAL_PRESS": "q",
}
# Large files are cached after their first load (timeline/cache.py): parsing is
# measured with the cache off, and the cache in a directory of the benchmark's own.
NO_CACHE = {"TIMELINE_CACHE": "0"}

# Run in the child: load a file, report the load's own time, event count and peak RSS.
LOAD = """
import json, resource, sys, time
from timeline.load import load_file
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
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


def child(args: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Run a Python snippet in a fresh interpreter and return the JSON it prints."""
    done = subprocess.run(
        [sys.executable, "-c", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
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
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - start


def generated(count: int) -> Path:
    """benchmarks/data/events-COUNT.toml, written when missing or older than the generator."""
    path = DATA / f"events-{count}.toml"
    if not path.exists() or path.stat().st_mtime < GENERATOR.stat().st_mtime:
        subprocess.run(
            [sys.executable, str(GENERATOR), str(count), "-o", str(path)], check=True, cwd=ROOT
        )
    return path


def seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def size(path: Path) -> str:
    return f"{path.stat().st_size / 1e6:.1f} MB"


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


def parsers_alone() -> list[Row]:
    path = str(generated(100_000))
    return [
        Row(
            f"Reference: {name}.loads of the whole 100,000-event file, no model",
            seconds(child([PARSE, name, path])["seconds"]),
        )
        for name in ("tomllib", "rtoml")
    ]


def viewer_start() -> list[Row]:
    """Process start to first screen and exit, against a bare app of the same layout."""
    if not (ROOT / "timeline" / "app.py").exists():
        return []
    viewer = [str(BIN / "timeline"), str(EVENTS)]
    bare = [sys.executable, "-c", BARE_APP]
    wall(viewer, HEADLESS)  # warm the disk cache and bytecode before timing either
    wall(bare, HEADLESS)
    ours: list[float] = []
    base: list[float] = []
    for _ in range(7):  # interleaved, so load from other work on the machine hits both
        ours.append(wall(viewer, HEADLESS))
        base.append(wall(bare, HEADLESS))
    mine, theirs = statistics.median(ours), statistics.median(base)
    return [
        Row("Bare Textual app (header, footer, two panes): start to first screen", seconds(theirs)),
        Row("Viewer on events.toml: start to first screen (median of 7)", seconds(mine)),
        Row("Viewer / bare app", f"{mine / theirs:.2f}x", "< 1.5x", mine / theirs < 1.5),
    ]


MEASUREMENTS: list[Callable[[], list[Row]]] = [
    load_events_toml,
    load_generated,
    load_cached,
    load_memory,
    check_command,
    parsers_alone,
    viewer_start,
]


# ---------------------------------------------------------------------- report


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for package in ("textual", "rtoml"):
        try:
            versions.append(f"{package.capitalize()} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} not installed")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{', '.join(versions)}; load average {load:.1f} at the start"
    )


def main(argv: list[str]) -> int:
    wanted = [m for m in MEASUREMENTS if not argv or any(a in m.__name__ for a in argv)]
    described = machine()
    print(described, file=sys.stderr)
    started = time.perf_counter()
    rows: list[Row] = []
    for measure in wanted:
        print(f"  {measure.__name__} ...", file=sys.stderr, flush=True)
        rows.extend(measure())
    print(f"Machine: {described}\n")
    print("| Measurement | Figure | Target | |")
    print("|---|--:|--:|---|")
    for row in rows:
        print(f"| {row.what} | {row.figure} | {row.target} | {row.verdict} |")
    print(f"\n({time.perf_counter() - started:.0f} s to measure)", file=sys.stderr)
    return 0 if all(row.ok is not False for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Shared test setup: paths, the shipped timeline loaded once, an app factory, and a wait
for a condition (never for a time)."""

from __future__ import annotations

import asyncio
import functools
import importlib.util
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from timeline.model import Timeline

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events.toml"
#: December 2019, "before 2020" (listed under 2019, with no month), then January 2020:
#: a year heading after a month of that year was a second 2019 (print, Markdown, HTML).
BEFORE_A_YEAR = (
    '[[events]]\nid = "a"\ntitle = "A"\ndate = "2019-12-05"\n\n'
    '[[events]]\nid = "b"\ntitle = "B"\ndate = "before 2020"\n\n'
    '[[events]]\nid = "c"\ntitle = "C"\ndate = "2020-01-10"\n'
)
#: The terminal most viewer tests run in.
SIZE = (120, 35)

# Hypothesis's deadline (200 ms an example) and its "too slow" check time the tests: on
# a loaded machine (CI, or `-n 2` beside a busy core) an example can take longer, and
# test_has_gap_agrees_with_format_gap failed so. Timings belong in benchmarks/.
settings.register_profile("untimed", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("untimed")


@pytest.fixture(autouse=True)
def private_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the loader's cache of large files (timeline/cache.py), the viewer's copy of
    the clipboard and the user's config inside each test's tmp_path."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("TIMELINE_CACHE", raising=False)


@functools.cache
def _loaded(path: Path, mtime_ns: int) -> Any:
    from timeline.read.toml import load_file

    timeline = load_file(path).timeline
    assert timeline is not None, f"{path} does not load"
    return timeline


def loaded(path: Path = EVENTS) -> Any:
    """The timeline of a file, loaded once per version of the file (it is immutable)."""
    return _loaded(path, path.stat().st_mtime_ns)


def app_for(path: Path = EVENTS, **kwargs: Any) -> Any:
    """The viewer on a file, loaded first as `timeline FILE` does for small files; it
    does not watch the file unless asked (`poll=True`)."""
    from timeline.ui.app import TimelineApp

    kwargs.setdefault("poll", False)
    return TimelineApp([str(path)], loaded(path), **kwargs)


def hidden_data(path: Path) -> list[str]:
    """The hidden data of every slide of an exported TimelineJS JSON or CSV file, each
    comment (`<!--timeline:...-->`) as the file holds it, for the slides that have one."""
    import csv
    import io
    import json

    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        data = json.loads(text)
        slides = [data["title"], *data["events"], *data.get("eras", [])]
        texts = [slide["text"]["text"] for slide in slides]
    else:
        texts = [row["Text"] for row in csv.DictReader(io.StringIO(text, newline=""))]
    return [text[text.index("<!--") :] for text in texts if "<!--" in text]


def selected_id(app: Any) -> str:
    """The id of the event the viewer has selected."""
    event = app.view.selected
    assert event is not None
    return str(event.id)


@pytest.fixture
def made_slices(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of each slice of a cache entry's events made from now on
    (`StoredEvents._slice`): what should make none of them."""
    from timeline.store import StoredEvents

    made: list[int] = []
    make = StoredEvents._slice

    def counted(events: StoredEvents, number: int) -> Any:
        made.append(number)
        return make(events, number)

    monkeypatch.setattr(StoredEvents, "_slice", counted)
    return made


async def wait_until(
    pilot: Any, condition: Callable[[], bool], what: str = "", limit: float = 30
) -> None:
    """Let the app run until `condition()` holds.

    The limit only ends a test that would otherwise hang: nothing is asserted about how
    long it took, so a loaded machine is slower, never failing.
    """
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting for {what or condition}")
        await pilot.pause()
        await asyncio.sleep(0.005)  # a poll: lets worker threads run


def lines_run(work: Callable[[], object]) -> int:
    """How many Python lines `work` runs: a measure of work that no clock disturbs."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def terminal_output(args: Sequence[str], cwd: Path, env: dict[str, str]) -> bytes:
    """What `timeline ARGS` writes to a terminal (a pseudo-terminal here); it must exit 0."""
    import pty

    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "timeline", *args],
        cwd=cwd,
        env=env,
        stdout=follower,
        stderr=subprocess.DEVNULL,
    ) as proc:
        os.close(follower)
        out = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal's other end closed: all is read
                break
            if not chunk:
                break
            out += chunk
        assert proc.wait(timeout=60) == 0
    os.close(leader)
    return out


def run_timeline(
    *args: str,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
    drop: Sequence[str] = (),
    umask: int = -1,
    stdin: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m timeline ARGS` as a user would, its output read as UTF-8 text.

    The environment is this one without pytest's variables and those in `drop`, with
    `env` added; `stdin` as for `subprocess.run` (`subprocess.DEVNULL`: no terminal).
    The timeout only ends a hang (a FIFO used to block for ever).
    """
    base = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("PYTEST")}
    base["PYTHONIOENCODING"] = "utf-8"
    base.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "timeline", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=base,
        timeout=60,
        check=False,
        umask=umask,
        stdin=stdin,
    )


def generated(count: int) -> str:
    """`benchmarks/generate.py`'s timeline of `count` events, as TOML text (deterministic)."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.generate(count)
    return text


def python_passes(code: str) -> subprocess.CompletedProcess[str]:
    """Run `python -c CODE` in the repository, in a process of its own (for what a fresh
    process imports, or changes for good), and check that it passed its asserts."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done


def default_signals() -> None:
    """Give a child process the signals' default actions, as a terminal gives them: a
    test run started under nohup, or in the background, passes SIGHUP and SIGINT on
    ignored, and the tests that send them would then wait for nothing."""
    for signum in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
        signal.signal(signum, signal.SIG_DFL)


def same_timelines(timeline: Timeline, expected: Timeline) -> None:
    """`timeline` gives what `expected` gives: its events, in order, asked for in any
    order or by slices (further apart than the slices a store keeps), and its
    lookups by id, replies and related events."""
    from timeline.query.related import related

    events, made = timeline.events, expected.events
    assert len(events) == len(made)
    assert list(events) == list(made)
    order = list(range(len(made)))
    random.Random(7).shuffle(order)
    assert [events[i] for i in order] == [made[i] for i in order]
    assert events[-1] == made[-1] and events[-len(made)] == made[0]
    assert events[3:17:2] == made[3:17:2] and events[::-1] == made[::-1]
    with pytest.raises(IndexError):
        events[len(made)]
    for event in made:
        assert timeline.index_of(event.id) == expected.index_of(event.id)
        assert timeline.get(event.id) == event
        assert timeline.replies_to(event.id) == expected.replies_to(event.id)
        assert related(event, timeline) == related(event, expected)


def read_at_once(events: Sequence[Any], expected: Sequence[Any]) -> None:
    """Four threads reading `events` at once, each in an order of its own and whole:
    each reads what `expected` holds."""
    import threading

    count, wrong = len(expected), list[int]()

    def read(seed: int) -> None:
        order = list(range(count)) * 3
        random.Random(seed).shuffle(order)
        wrong.extend(i for i in order if events[i] != expected[i])
        if list(events) != list(expected):
            wrong.append(-1)

    threads = [threading.Thread(target=read, args=(seed,)) for seed in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not wrong


def walked(timeline: Timeline) -> tuple[Any, ...]:
    """What a view of `timeline` selects and shows along one walk: dates gone to, days
    and months stepped, filters set, a search."""
    from timeline.model import When
    from timeline.query.filters import Filter
    from timeline.query.view import View

    view = View()
    view.show(timeline)
    view.go_to_date("2018-07-20")
    moved = [view.selected]
    for step in (view.step_day, view.step_month):
        for direction in (1, -1, -1):
            step(direction)
            moved.append(view.selected)
    view.go_to_date("july 16")  # every year's, for the nearest
    moved.append(view.selected)
    view.set_filter(Filter(tags=frozenset({"a", "protest"}), date_from=When(2018, 7, 16)))
    kept = list(view.shown)
    view.set_filter(Filter(speakers=frozenset({"Ana", "Ana Hernández", "RAICES"})))
    spoken = list(view.shown)
    view.set_filter(Filter())
    view.search("the")
    return (moved, kept, spoken, view.matches, view.selected, view.status)

"""Leaving never waits for a load: q, or a closed terminal, while a large file loads.

The viewer runs as a process in a pseudo-terminal, on a file its `Tuning` makes large,
with a helper process that claims a chunk and then stalls: the loader waits for it
(for an hour, as told), so the load is certainly under way when the key comes. The
viewer must exit, end the helper, and leave no temporary cache file. Nothing is timed:
the waits have generous limits that only stop a hang.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import EVENTS, SIZE, default_signals, generated, python_passes, wait_until

from timeline.read.helper import Helper, stop_helpers

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals and signals")

# The viewer on one file, as `timeline FILE` runs it for a large file, with a Tuning
# that makes the file large, parsed with a helper, and waited for an hour. The loader
# starts on its chunks once the helper has claimed one, not before (it would take them
# all before a process has even started, on a file this small).
VIEWER = """
import os, sys, time
from timeline.read.helper import Helper
from timeline.read.toml import Tuning
from timeline.ui.app import TimelineApp

begin = Helper.begin

def begin_once_claimed(self, *args):
    began = begin(self, *args)
    while began and not os.path.exists(os.environ["STALLED"]):
        time.sleep(0.01)
    return began

Helper.begin = begin_once_claimed
path, boot = sys.argv[1:3]
tuning = Tuning(large_file=0, chunk_events=5, parallel_file=0, helper_timeout=3600, helper_boot=boot)
app = TimelineApp([path], None, poll=False, tuning=tuning)
app.run()
sys.exit(app.return_code or 0)
"""
# A helper that reads its job, claims the second chunk (so the loader leaves it to
# the helper and waits for it), says so in the file STALLED with its process id, and
# then does nothing for an hour, whatever the loader does.
STALLING = """
import os, struct, sys, time
size, = struct.unpack("<i", os.read(0, 4))
os.read(0, size)
os.write(1, struct.pack("<iiqqq", 1, 1, 0, 0, 0))
with open(os.environ["STALLED"] + ".tmp", "w") as file:
    file.write(str(os.getpid()))
os.rename(os.environ["STALLED"] + ".tmp", os.environ["STALLED"])
time.sleep(3600)
"""
#: The longest any wait here may take: only a hang reaches it.
LIMIT = 60.0


def wait_for(condition: Callable[[], bool], what: str, limit: float = LIMIT) -> None:
    """Poll until `condition()` holds; fail (never pass) when the limit is reached."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting for {what}")
        time.sleep(0.02)


def alive(pid: int) -> bool:
    """Whether the process runs (a zombie, ended and not yet reaped, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


class Terminal:
    """A process on a pseudo-terminal of 100x30, its output read as it comes."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.process = subprocess.Popen(
            args,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,  # the terminal is its controlling terminal
            preexec_fn=default_signals,
            close_fds=True,
        )
        os.close(slave)
        self.output = bytearray()
        self._closing = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        # Never blocked inside read(): a descriptor closed while another thread reads it
        # stays open until that read returns, so `hang_up` would not close the terminal.
        while not self._closing.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            self.output += data

    def shows(self, text: str) -> bool:
        return text.encode() in self.output

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def hang_up(self) -> None:
        """Close the terminal, as closing its window does."""
        self._closing.set()
        self._reader.join(LIMIT)
        os.close(self.master)
        self.master = -1

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._closing.set()
        self._reader.join(LIMIT)
        if self.master >= 0:
            os.close(self.master)


@pytest.fixture
def stalled_load(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """The viewer loading a file whose helper has stalled; everything it started is
    ended afterwards, whatever the test found."""
    path = tmp_path / "big.toml"
    path.write_text(generated(60), encoding="utf-8")
    stalled = tmp_path / "stalled"
    env = {**os.environ, "STALLED": str(stalled), "TERM": "xterm-256color"}
    env.pop("TEXTUAL_DRIVER", None)
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    terminal = Terminal([sys.executable, "-c", VIEWER, str(path), STALLING], env)
    found: dict[str, Any] = {"terminal": terminal, "cache": tmp_path / "cache"}
    try:
        wait_for(lambda: stalled.exists() and terminal.shows("Loading"), "the stalled load")
        found["helper"] = int(stalled.read_text())
        yield found
    finally:
        terminal.close()
        helper = found.get("helper")
        if helper is not None and alive(helper):
            os.kill(helper, signal.SIGKILL)


def exited(found: dict[str, Any]) -> int:
    """The viewer's exit code, once it has exited; the helper must be gone too, and no
    temporary cache file left."""
    terminal: Terminal = found["terminal"]
    try:
        code = terminal.process.wait(LIMIT)
    except subprocess.TimeoutExpired:
        raise AssertionError("the viewer did not exit while its file loaded") from None
    wait_for(lambda: not alive(found["helper"]), "the helper process to end")
    cache: Path = found["cache"]
    assert not list(cache.rglob("*.partial")), "a temporary cache file was left"
    return code


def test_q_while_a_large_file_loads_exits_and_ends_the_helper(
    stalled_load: dict[str, Any],
) -> None:
    stalled_load["terminal"].type("q")
    assert exited(stalled_load) == 0


def test_a_hangup_while_a_large_file_loads_exits_and_ends_the_helper(
    stalled_load: dict[str, Any],
) -> None:
    # SIGHUP to the viewer alone: the helper, in the same session, is not told.
    stalled_load["terminal"].process.send_signal(signal.SIGHUP)
    assert exited(stalled_load) == 129


def test_a_closed_terminal_while_a_large_file_loads_exits_and_ends_the_helper(
    stalled_load: dict[str, Any],
) -> None:
    stalled_load["terminal"].hang_up()
    assert exited(stalled_load) == 129


def test_stop_helpers_ends_the_helpers_a_thread_started() -> None:
    started: list[Helper | None] = []
    thread = threading.Thread(target=lambda: started.append(Helper.start(3600, STALLING)))
    thread.start()
    thread.join()
    (helper,) = started
    assert helper is not None
    assert thread.ident is not None
    assert stop_helpers(thread.ident) == 1
    assert helper.reaped, "ended and reaped"
    assert stop_helpers(thread.ident) == 0
    helper.close()  # what the loader does when it gets there: nothing left to do


async def test_leaving_stops_the_cache_write_and_removes_what_it_began(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from textual.worker import WorkerState

    from timeline import cache_rows
    from timeline.read.toml import Tuning
    from timeline.ui.app import TimelineApp

    path = tmp_path / "events.toml"
    shutil.copy(EVENTS, path)
    store = tmp_path / "cache" / "timeline"
    # The write stops after its first part until the app has ended.
    writing, ended = threading.Event(), threading.Event()
    encode = cache_rows.encode

    def held(*args: Any) -> Iterator[bytes]:
        parts = encode(*args)
        yield next(parts)
        writing.set()
        ended.wait(LIMIT)
        yield from parts

    monkeypatch.setattr(cache_rows, "encode", held)
    app = TimelineApp([str(path)], None, poll=False, tuning=Tuning(large_file=0, chunk_events=2))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, writing.is_set, "the cache write under way")
        assert [p.suffix for p in store.iterdir()] == [".partial"]
        (worker,) = [w for w in app.workers if w.group == "cache"]
        await pilot.press("q")
    # The app has ended; its worker is told to stop the write when it next runs.
    deadline = time.monotonic() + LIMIT
    while worker.state != WorkerState.CANCELLED:
        assert time.monotonic() < deadline, "still waiting for the write to be given up"
        await asyncio.sleep(0.005)
    ended.set()
    for thread in threading.enumerate():
        if thread.name == "timeline-cache":
            thread.join(LIMIT)
    assert list(store.iterdir()) == [], "no entry, and no temporary file"


class _GoneTerminal:
    """A file like a closed terminal: every write fails with an I/O error."""

    def write(self, text: str) -> int:
        raise OSError(5, "Input/output error")

    def flush(self) -> None:
        raise OSError(5, "Input/output error")


def test_output_to_a_closed_terminal_never_blocks() -> None:
    # Textual's writer thread died at the first failed write, and the 31st write then
    # waited for ever for room in its queue: the viewer hung instead of leaving.
    from timeline.ui.terminal import DroppingWriter

    writer = DroppingWriter(_GoneTerminal())  # type: ignore[arg-type]
    writer.start()

    def write_frames() -> None:
        for _ in range(100):
            writer.write("frame")

    writing = threading.Thread(target=write_frames)
    writing.start()
    writing.join(LIMIT)  # the limit only ends a hang
    assert not writing.is_alive(), "a write blocked"
    writer.stop()
    assert writer.gone


def test_the_linux_driver_writes_through_the_dropping_writer() -> None:
    # In a subprocess: the driver's module is changed for the process.
    code = (
        "from textual.drivers import linux_driver\n"
        "from timeline.ui.terminal import DroppingWriter, keep_writing_when_gone\n"
        "class Mine(linux_driver.LinuxDriver):\n"
        "    pass\n"
        "keep_writing_when_gone(Mine)\n"
        "assert linux_driver.WriterThread is DroppingWriter\n"
    )
    python_passes(code)


def test_a_headless_viewer_does_not_import_the_linux_driver() -> None:
    code = (
        "import sys\n"
        "from textual.drivers.headless_driver import HeadlessDriver\n"
        "from timeline.ui.terminal import keep_writing_when_gone\n"
        "keep_writing_when_gone(HeadlessDriver)\n"
        "assert 'textual.drivers.linux_driver' not in sys.modules\n"
    )
    python_passes(code)

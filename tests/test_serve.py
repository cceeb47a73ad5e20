"""`timeline serve`: the viewer's web page answers on 127.0.0.1, and stops cleanly.

The server runs as users run it, `python -m timeline serve`, in a subprocess; every
wait is for a condition (a line printed, a port answering, the process gone) with a
deadline, never a fixed sleep.
"""

from __future__ import annotations

import os
import queue
import re
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest
from conftest import default_signals

from timeline.serve import is_loopback, url_for, viewer_command

ROOT = Path(__file__).resolve().parent.parent
DEADLINE = 30.0
# Straight to the address: a proxy set in the environment must not be asked.
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _lines(stream: IO[str], into: queue.Queue[str]) -> None:
    for line in stream:
        into.put(line)


class Served:
    """A running `timeline serve` and what it printed."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.out: queue.Queue[str] = queue.Queue()
        assert process.stdout is not None
        self.reader = threading.Thread(target=_lines, args=(process.stdout, self.out), daemon=True)
        self.reader.start()

    def printed_after_exit(self) -> list[str]:
        """Everything printed, once the process has ended (its output read to the end)."""
        self.reader.join(timeout=DEADLINE)
        assert not self.reader.is_alive()
        return list(self.out.queue)

    def first_line(self) -> str:
        try:
            return self.out.get(timeout=DEADLINE)
        except queue.Empty:
            pytest.fail(f"`timeline serve` printed nothing in {DEADLINE:.0f} s")

    def get(self, url: str) -> str:
        """The page at url, once the server answers (polled until the deadline)."""
        end = time.monotonic() + DEADLINE
        while True:
            try:
                with NO_PROXY.open(url, timeout=5) as response:
                    assert response.status == 200
                    body: bytes = response.read()
                    return body.decode("utf-8")
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None:
                    pytest.fail(f"the server exited with {self.process.returncode}")
                if time.monotonic() > end:
                    raise
                time.sleep(0.05)  # polling a port: the next try, not a wait for a result


@pytest.fixture
def serve() -> Iterator[list[Served]]:
    started: list[Served] = []
    yield started
    for served in started:
        if served.process.poll() is None:
            served.process.kill()
        served.process.wait(timeout=DEADLINE)


def start(started: list[Served], *args: str) -> Served:
    process = subprocess.Popen(
        [sys.executable, "-m", "timeline", "serve", *args],
        cwd=ROOT,
        preexec_fn=default_signals,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    served = Served(process)
    started.append(served)
    return served


def test_serve_answers_on_127_0_0_1_with_the_viewers_page(serve: list[Served]) -> None:
    served = start(serve, "events.toml", "--port", "0")
    line = served.first_line()
    found = re.fullmatch(r"Serving events\.toml on http://127\.0\.0\.1:(\d+)/ \(.*\)\n", line)
    assert found, line
    port = int(found.group(1))
    assert port > 0
    page = served.get(f"http://127.0.0.1:{port}/")
    # textual-serve's page, for our app, talking back to the same address.
    assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page
    assert "textual.js" in page
    assert "timeline: events.toml" in page
    served.process.send_signal(signal.SIGINT)
    assert served.process.wait(timeout=DEADLINE) == 0


def test_a_file_name_that_is_not_utf8_is_named_readably(
    serve: list[Served], tmp_path: Path
) -> None:
    # Bug fixed: `café.toml` saved on a Latin-1 system (the byte \xe9) was printed raw
    # ("Serving caf\ufffd.toml", or a UnicodeEncodeError traceback under a UTF-8
    # locale), and the page, whose title is encoded as UTF-8, answered every request
    # with "500 Internal Server Error". It is named as every message names it.
    latin = tmp_path / os.fsdecode(b"caf\xe9.toml")
    latin.write_bytes((ROOT / "events.toml").read_bytes())
    served = start(serve, str(latin), "--port", "0")
    line = served.first_line()
    found = re.fullmatch(r"Serving \$'caf\\xe9\.toml' on http://127\.0\.0\.1:(\d+)/ \(.*\)\n", line)
    assert found, line
    page = served.get(f"http://127.0.0.1:{found.group(1)}/")
    assert "<div>timeline: $&#39;caf\\xe9.toml&#39;</div>" in page
    served.process.send_signal(signal.SIGINT)
    assert served.process.wait(timeout=DEADLINE) == 0
    assert served.process.stderr is not None
    assert "Traceback" not in served.process.stderr.read()


def test_a_port_in_use_is_a_clear_error(serve: list[Served]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        served = start(serve, "events.toml", "--port", str(port))
        assert served.process.wait(timeout=DEADLINE) == 2
    assert served.process.stderr is not None
    err = served.process.stderr.read()
    assert f"cannot listen on http://127.0.0.1:{port}" in err
    assert "--port 0" in err
    assert "Traceback" not in err


def test_a_broken_file_is_reported_not_served(serve: list[Served], tmp_path: Path) -> None:
    broken = tmp_path / "b.toml"
    broken.write_text('[timeline]\ntitle = "T"\n\n[[events]]\nid = "a"\ndate = "2018-13"\n')
    served = start(serve, str(broken), "--port", "0")
    assert served.process.wait(timeout=DEADLINE) == 1
    assert served.process.stderr is not None
    assert f"{broken}:" in served.process.stderr.read()
    assert served.printed_after_exit() == []


@pytest.mark.parametrize("port", ["-1", "65536", "http"])
def test_a_port_out_of_range_is_bad_usage(serve: list[Served], port: str) -> None:
    served = start(serve, "events.toml", "--port", port)
    assert served.process.wait(timeout=DEADLINE) == 2
    assert served.process.stderr is not None
    assert "is not a port: use 0 to 65535" in served.process.stderr.read()


def test_the_viewer_command_quotes_every_file_name() -> None:
    # textual-serve runs the command through a shell: names must stay names.
    command = viewer_command(["a b.toml", "$(touch x).toml"])
    assert shlex.split(command) == [
        sys.executable,
        "-m",
        "timeline",
        "view",
        os.path.abspath("a b.toml"),
        os.path.abspath("$(touch x).toml"),
    ]
    assert "'" + os.path.abspath("$(touch x).toml") + "'" in command


def test_addresses() -> None:
    assert url_for("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert url_for("::1", 8000) == "http://[::1]:8000"
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")


def test_only_serving_imports_the_web_server() -> None:
    code = (
        "import sys\n"
        "import timeline.cli, timeline.serve\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'textual_serve', 'aiohttp'))\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.stdout == "[]\n", result.stderr

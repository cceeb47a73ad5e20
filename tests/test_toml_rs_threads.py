"""toml-rs's allocator breaks once the thread that loaded it has ended: the viewer loads
each version of a file in a thread of its own (timeline/read/toml_fast.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import EVENTS

#: Loads of a file in chunks, each in a thread of its own that ends, as the viewer's
#: loads are: the first imports toml-rs. Twenty crashed the process ten times in ten.
SCRIPT = """
import sys, threading
from timeline.read.toml import Tuning, load_file
chunks = Tuning(large_file=0, chunk_events=5, parallel_file=1 << 40, stored_events=0)
loaded = []
def load():
    loaded.append(len(load_file(sys.argv[1], tuning=chunks).timeline.events))
for _ in range(20):
    thread = threading.Thread(target=load)
    thread.start()
    thread.join()
print(loaded)
"""


def _run(script: str, where: Path, *args: str) -> str:
    """What a fresh interpreter running `script` printed; it must exit 0."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "TIMELINE_CACHE": "0"},
        cwd=where,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_loads_in_threads_that_end_do_not_crash_the_process(tmp_path: Path) -> None:
    assert _run(SCRIPT, tmp_path, str(EVENTS)) == str([10] * 20)


#: toml-rs not importable: each read asks again, and no thread is left waiting.
UNIMPORTABLE = """
import sys, threading
sys.modules["toml_rs"] = None
from timeline.read import toml_fast
def read():
    for _ in range(20):
        assert toml_fast.read("a = 1") is None
thread = threading.Thread(target=read)
thread.start()
thread.join()
print(threading.active_count())
"""


def test_a_parser_that_cannot_be_imported_leaves_no_thread_behind(tmp_path: Path) -> None:
    assert _run(UNIMPORTABLE, tmp_path) == "1"  # the main thread alone

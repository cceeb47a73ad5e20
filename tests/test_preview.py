"""A very large file's first load shows what is read while the rest loads.

1,000,000 events take half a minute to read the first time. Once `preview_events`
are read (of a file holding six times as many or more), the loader hands over
those whose dates are known already, and the viewer shows them: the reader moves,
searches and filters in them while the rest loads, then the whole replaces them
with the selection kept.

In the viewer's test, a helper process claims one chunk and holds it until the test
lets it go, so the load is certainly under way, and part read, while keys are pressed.
Nothing is timed: the waits only stop a hang.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import selected_id, wait_until
from test_load_large import generated

from timeline import ui
from timeline.model import Timeline, chronological
from timeline.read import load_files
from timeline.read.helper import Helper
from timeline.read.toml import Tuning
from timeline.ui.app import TimelineApp
from timeline.ui.files import Previewed

COUNT = 60
#: Every file is large; a preview once 10 events are read; a helper for every file.
TUNING = Tuning(large_file=0, chunk_events=5, preview_events=10, parallel_file=0)


@pytest.fixture(scope="module")
def text() -> str:
    return generated(COUNT)


@pytest.fixture
def big(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "big.toml"
    path.write_text(text, encoding="utf-8")
    return path


def previews_of(path: Path, tuning: Tuning) -> tuple[list[tuple[Timeline, int, int]], Timeline]:
    seen: list[tuple[Timeline, int, int]] = []
    result = load_files([path], tuning=tuning, preview=lambda *given: seen.append(given))
    assert result.problems == [] and result.timeline is not None
    return seen, result.timeline


@pytest.mark.parametrize("helper", [True, False], ids=["with the helper", "alone"])
def test_a_first_load_hands_over_what_is_read_so_far_once(big: Path, helper: bool) -> None:
    tuning = TUNING if helper else TUNING._replace(parallel_file=1 << 40)
    seen, whole = previews_of(big, tuning)
    assert len(seen) == 1
    part, read, total = seen[0]
    assert total == COUNT and 10 <= read < COUNT
    assert 0 < len(part.events) <= read
    assert part.title == whole.title and part.files == whole.files
    # Each event shown is the event the whole load gives, in the whole load's order.
    assert all(whole.get(event.id) == event for event in part.events)
    assert part.events == chronological(part.events)
    # Events dated from others wait for the whole: their anchors may not be read yet.
    relative = [e for e in whole.events if e.when.anchor]
    assert relative and not any(part.get(event.id) for event in relative)


def test_no_preview_for_a_file_that_loads_soon_enough_whole(big: Path) -> None:
    seen, _ = previews_of(big, TUNING._replace(preview_events=COUNT // 6 + 1))
    assert seen == []
    seen, _ = previews_of(big, TUNING._replace(preview_events=0))
    assert seen == []


# A helper that claims the second chunk (the loader then leaves it to the helper and
# waits for it), says so in the file CLAIMED, and holds it until the file GO exists;
# then it ends without sending it, and the loader reads that chunk itself.
HOLDING = """
import os, struct, time
size, = struct.unpack("<i", os.read(0, 4))
os.read(0, size)
os.write(1, struct.pack("<iiqq", 1, 1, 0, 0))
open(os.environ["CLAIMED"], "w").close()
deadline = time.monotonic() + 60  # never outlives a failed test for long
while not os.path.exists(os.environ["GO"]) and time.monotonic() < deadline:
    time.sleep(0.01)
"""


@pytest.fixture
def held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The file that lets the holding helper go; the loader starts on its chunks once
    the helper has claimed one (it would take them all first, on a file this small)."""
    claimed, go = tmp_path / "claimed", tmp_path / "go"
    monkeypatch.setenv("CLAIMED", str(claimed))
    monkeypatch.setenv("GO", str(go))
    begin = Helper.begin

    def begin_once_claimed(self: Helper, *args: Any) -> bool:
        began = begin(self, *args)
        while began and not claimed.exists():
            os.sched_yield()
        return began

    monkeypatch.setattr(Helper, "begin", begin_once_claimed)
    return go


def viewer(path: Path, **start: Any) -> TimelineApp:
    tuning = TUNING._replace(helper_boot=HOLDING, helper_timeout=3600)
    return TimelineApp([str(path)], None, poll=False, tuning=tuning, **start)


async def test_the_viewer_shows_what_is_read_and_keys_work_while_the_rest_loads(
    big: Path, held: Path
) -> None:
    app = viewer(big)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: app.view.timeline is not None, "the part read")
        part = len(app.view.events)
        assert 0 < part < COUNT
        status = app.view.status
        assert re.match(r"\d+% read · 1 of \d+( · |$)", status), status
        await pilot.press("j", "j")
        assert app.view.cursor == 2
        chosen = selected_id(app)
        held.touch()  # the helper lets go: the rest is read
        await wait_until(pilot, lambda: len(app.view.events) == COUNT, "the whole file")
        assert selected_id(app) == chosen  # the reader's place is kept
        assert not app.view.reading and app.view.status.startswith(f"3 of {COUNT}")
        assert app.view.timeline is not None and app.title == app.view.timeline.title


class Counting(TimelineApp):
    """The viewer, counting the parts the loader hands over."""

    CSS_PATH = str(Path(ui.__file__).parent / "app.tcss")  # relative ones: to tests/
    parts = 0

    def on_previewed(self, message: Previewed) -> None:
        self.parts += 1


async def test_a_start_asked_for_waits_for_the_whole_file(big: Path, held: Path) -> None:
    whole = load_files([big]).timeline
    assert whole is not None
    last = whole.events[-1].id
    tuning = TUNING._replace(helper_boot=HOLDING, helper_timeout=3600)
    app = Counting([str(big)], None, poll=False, tuning=tuning, at=last)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: app.parts == 1, "the part read")
        assert app.view.timeline is None  # not shown: the reader asked for the last event
        held.touch()
        await wait_until(pilot, lambda: app.view.timeline is not None, "the whole file")
        assert len(app.view.events) == COUNT
        assert selected_id(app) == last

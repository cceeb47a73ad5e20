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
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import generated, selected_id, wait_until

from timeline import ui
from timeline.model import Timeline, chronological
from timeline.read import chunks, load_files
from timeline.read.helper import Helper
from timeline.read.toml import Tuning
from timeline.store import StoredEvents
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


def test_a_cached_load_hands_over_no_part_its_whole_is_there_at_once(
    big: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Many events from the cache are made as they are asked for (timeline/store.py),
    # fewer are all made in a moment: either way, no part before the whole.
    _, first = previews_of(big, TUNING)  # parsed, and its cache entry written
    for stored in (1, 0):
        with monkeypatch.context() as m:
            m.setattr(chunks, "scan", lambda *_: pytest.fail("parsed, not read from the cache"))
            seen, whole = previews_of(big, TUNING._replace(stored_events=stored))
        assert seen == []
        assert isinstance(whole.events, StoredEvents) == bool(stored)
        assert whole == first


def test_no_preview_for_a_file_that_loads_soon_enough_whole(big: Path) -> None:
    seen, _ = previews_of(big, TUNING._replace(preview_events=COUNT // 6 + 1))
    assert seen == []
    seen, _ = previews_of(big, TUNING._replace(preview_events=0))
    assert seen == []


def test_no_preview_when_the_timeline_table_may_come_after_the_events(
    tmp_path: Path, text: str
) -> None:
    # Its time zone applies to the times already read: they could show on another day.
    head, events = text.split("\n[[events]]\n", 1)
    assert head.lstrip().startswith("# ") and "[timeline]" in head
    path = tmp_path / "zone-last.toml"
    path.write_text(
        "[[events]]\n" + events + '\n[timeline]\ntitle = "T"\ntimezone = "Asia/Tokyo"\n',
        encoding="utf-8",
    )
    seen, whole = previews_of(path, TUNING)
    assert seen == [] and len(whole.events) == COUNT


# A helper that claims the second chunk (the loader then leaves it to the helper and
# waits for it), says so in the file CLAIMED, and holds it until the file GO exists;
# then it ends without sending it, and the loader reads that chunk itself.
HOLDING = """
import os, struct, time
size, = struct.unpack("<i", os.read(0, 4))
os.read(0, size)
os.write(1, struct.pack("<iiqqq", 1, 1, 0, 0, 0))
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
        deadline = time.monotonic() + 60  # a helper that died first: go on without it
        while began and not claimed.exists() and time.monotonic() < deadline:
            os.sched_yield()
        return began

    monkeypatch.setattr(Helper, "begin", begin_once_claimed)
    return go


def viewer(path: Path, **start: Any) -> TimelineApp:
    tuning = TUNING._replace(helper_boot=HOLDING, helper_timeout=3600)
    return TimelineApp([str(path)], None, poll=False, tuning=tuning, **start)


@asynccontextmanager
async def part_on_screen(path: Path) -> AsyncIterator[tuple[TimelineApp, Any]]:
    """The viewer on a file, its part read on screen, the rest held."""
    app = viewer(path)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: app.view.timeline is not None, "the part read")
        yield app, pilot


async def whole_shown(pilot: Any, held: Path) -> None:
    """Let the helper go, and wait for the whole file on screen."""
    held.touch()
    await wait_until(pilot, lambda: len(pilot.app.view.events) == COUNT, "the whole file")


async def test_the_viewer_shows_what_is_read_and_keys_work_while_the_rest_loads(
    big: Path, held: Path
) -> None:
    async with part_on_screen(big) as (app, pilot):
        part = len(app.view.events)
        assert 0 < part < COUNT
        status = app.view.status
        assert re.match(r"\d+% read · 1 of \d+( · |$)", status), status
        await pilot.press("j", "j")
        assert app.view.cursor == 2
        chosen = selected_id(app)
        await whole_shown(pilot, held)
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


def with_late_event(path: Path, text: str, fields: str) -> Path:
    """The generated file, and after its events one with id "late" and these fields."""
    path.write_text(f'{text}\n[[events]]\nid = "late"\ntitle = "Late"\n{fields}\n', "utf-8")
    return path


async def test_an_error_found_in_the_rest_replaces_the_part_with_the_problems(
    tmp_path: Path, text: str, held: Path
) -> None:
    path = with_late_event(tmp_path / "late-error.toml", text, 'date = "2018-13-45"')
    async with part_on_screen(path) as (app, pilot):
        assert app.view.events
        held.touch()
        await wait_until(pilot, lambda: bool(app.problems), "the problems of the whole")
        assert any(p.severity == "error" and "late" in p.message for p in app.problems)
        # Nothing of a file that does not load stays on screen, nor "read" in the status.
        assert not app.view.events and not app.view.reading
        assert "read" not in app.view.status


async def test_reloading_while_the_part_is_shown_reads_the_file_again_from_the_start(
    big: Path, held: Path
) -> None:
    async with part_on_screen(big) as (app, pilot):
        await pilot.press("j")
        chosen = selected_id(app)
        await pilot.press("r")
        await whole_shown(pilot, held)
        assert selected_id(app) == chosen and not app.view.reading
        assert app.main.rail.display and not app.query_one("#loading").display


async def test_the_lanes_view_opened_on_the_part_stays_when_the_whole_comes(
    big: Path, held: Path
) -> None:
    async with part_on_screen(big) as (app, pilot):
        await pilot.press("v")
        lanes = app.query_one("#lanes")
        assert lanes.display and not app.main.rail.display
        await whole_shown(pilot, held)
        await pilot.pause()
        assert lanes.display and not app.main.rail.display and not app.main.overview.display


async def test_events_without_an_id_are_never_taken_for_others_in_the_part(
    tmp_path: Path, held: Path
) -> None:
    # Early events without an id, titled as a later event's id: in the part, a reply
    # to that id must not show them as what it replies to.
    events = []
    for n in range(COUNT):
        if n < 20 and n != 4:
            events.append(f'[[events]]\ndate = 2018-01-{n % 28 + 1:02d}\ntitle = "Press"\n')
        elif n == 4:  # in the first chunk, which the part holds
            events.append(
                '[[events]]\nid = "reply"\ndate = 2018-02-01\ntitle = "Reply"\n'
                'in_reply_to = "press"\n'
            )
        else:
            ident = "press" if n == COUNT - 1 else f"e{n}"
            events.append(f'[[events]]\nid = "{ident}"\ndate = 2018-03-01\ntitle = "E{n}"\n')
    path = tmp_path / "ids.toml"
    path.write_text('[timeline]\ntitle = "T"\n\n' + "\n".join(events), encoding="utf-8")
    async with part_on_screen(path) as (app, pilot):
        part = app.view.timeline
        assert part is not None and part.get("reply") is not None
        assert part.get("press") is None  # the event with that id is not read yet
        await pilot.press("j")
        chosen = app.view.selected
        assert chosen is not None and chosen.title == "Press"
        await whole_shown(pilot, held)
        again = app.view.selected
        assert again is not None and (again.file, again.line) == (chosen.file, chosen.line)


async def test_the_warnings_of_the_whole_come_with_it(
    tmp_path: Path, text: str, held: Path
) -> None:
    # A warning found late in the file: unknown while the part is shown (and `!` says
    # so rather than "no warnings"), shown at its event once the whole arrives.
    fields = 'date = "2099-01-01"\ncolour = "red"'
    path = with_late_event(tmp_path / "late-warning.toml", text, fields)
    async with part_on_screen(path) as (app, pilot):
        await pilot.press("exclamation_mark")
        told = [n.message for n in app._notifications]
        assert any("known once the whole file is read" in m for m in told), told
        assert not any("No warnings" in m for m in told)
        held.touch()
        await wait_until(pilot, lambda: len(app.view.events) == COUNT + 1, "the whole file")
        late_event = app.view.timeline.get("late") if app.view.timeline else None
        assert late_event is not None
        assert [p.field for p in app.view.warnings_of(late_event)] == ["colour"]
        assert app.view.status.endswith("1 warning (!)")

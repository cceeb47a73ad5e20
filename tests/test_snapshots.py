"""Snapshot tests of the screens a reader sees (SVGs under tests/__snapshots__).

Update with `pytest tests/test_snapshots.py --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import wait_until
from textual.pilot import Pilot

from timeline.read.toml import load_file
from timeline.ui.app import TimelineApp

ROOT = Path(__file__).resolve().parent.parent
Snap = Callable[..., bool]


@pytest.fixture
def viewer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TimelineApp:
    """The viewer on a copy of events.toml (and its archives), named relatively so
    messages are stable."""
    shutil.copy(ROOT / "events.toml", tmp_path / "events.toml")
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    monkeypatch.chdir(tmp_path)
    timeline = load_file("events.toml").timeline
    assert timeline is not None
    return TimelineApp(["events.toml"], timeline, poll=False)


async def checked(pilot: Pilot[Any]) -> None:
    """Wait until the quotes are checked against their archives: their marks are drawn
    by a worker after the first screen, and a snapshot must not race it."""
    app = pilot.app
    assert isinstance(app, TimelineApp)
    await wait_until(pilot, lambda: app.main.quotes_checked, "quotes checked")
    await pilot.pause()


def test_first_screen(snap_compare: Snap, viewer: TimelineApp) -> None:
    assert snap_compare(viewer, run_before=checked, terminal_size=(120, 35))


def test_monday_letter_selected(snap_compare: Snap, viewer: TimelineApp) -> None:
    assert snap_compare(viewer, run_before=checked, press=["j"] * 5, terminal_size=(120, 35))


def test_narrow_terminal(snap_compare: Snap, viewer: TimelineApp) -> None:
    assert snap_compare(viewer, run_before=checked, press=["j"] * 5, terminal_size=(60, 20))


def test_help_screen(snap_compare: Snap, viewer: TimelineApp) -> None:
    assert snap_compare(
        viewer, run_before=checked, press=["question_mark"], terminal_size=(120, 35)
    )


def test_broken_reload_keeps_last_good_timeline(snap_compare: Snap, viewer: TimelineApp) -> None:
    async def break_the_file(pilot: Pilot[Any]) -> None:
        path = Path("events.toml")
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("date = 2018-07-11", 'date = "July 32, 2018"'), encoding="utf-8"
        )
        await checked(pilot)
        viewer.files.check()
        await viewer.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(viewer, run_before=break_the_file, terminal_size=(120, 35))


def test_search_line_with_highlights(snap_compare: Snap, viewer: TimelineApp) -> None:
    # Typed and left open: the line, the highlights in the rail and the detail pane.
    assert snap_compare(
        viewer, run_before=checked, press=["slash", *"cbp"], terminal_size=(120, 35)
    )


def test_filter_picker(snap_compare: Snap, viewer: TimelineApp) -> None:
    assert snap_compare(viewer, run_before=checked, press=["f"], terminal_size=(120, 35))


def test_filtered_to_tweets_with_overview(snap_compare: Snap, viewer: TimelineApp) -> None:
    async def only_tweets(pilot: Pilot[Any]) -> None:
        from timeline.query.filters import Filter

        await checked(pilot)
        viewer.main.set_filter(Filter(kinds=frozenset({"tweet"})))
        await pilot.pause()

    assert snap_compare(viewer, run_before=only_tweets, terminal_size=(120, 35))


def test_a_quote_far_down_is_brought_into_view(snap_compare: Snap, viewer: TimelineApp) -> None:
    # The letter's fifth quote, selected with `.`, at 60x20: the pane has scrolled to it.
    keys = ["j"] * 5 + ["full_stop"] * 4
    assert snap_compare(viewer, run_before=checked, press=keys, terminal_size=(60, 20))


def test_light_theme(snap_compare: Snap, viewer: TimelineApp) -> None:
    # Speakers, gap lines, the strip's labels and the selected row read on a light
    # background (they were white on light grey, the selected row dark on dark blue).
    async def light(pilot: Pilot[Any]) -> None:
        await checked(pilot)
        viewer.theme = "textual-light"
        await pilot.pause()

    assert snap_compare(viewer, run_before=light, press=["j"] * 5, terminal_size=(120, 35))


def test_80_columns_with_the_detail_pane_focused(snap_compare: Snap, viewer: TimelineApp) -> None:
    # Stacked panes; the key bar keeps search, filter and date; the focused pane is named.
    assert snap_compare(
        viewer, run_before=checked, press=["j"] * 5 + ["tab"], terminal_size=(80, 24)
    )


def test_lanes_out_of_sight_are_counted_at_60x20(snap_compare: Snap, tmp_path: Path) -> None:
    # Eight groups in six rows: the border says one lane is above and one below, and
    # the keys that reach them (nothing said so; the last lane left rows blank).
    from conftest import app_for
    from test_lanes_sight import grouped_file

    app = app_for(grouped_file(tmp_path / "eight.toml", 8), lanes=True)
    assert snap_compare(app, press=["j"] * 6, terminal_size=(60, 20))

"""Pilot tests: every binding, start options, reload, and hostile text."""

from __future__ import annotations

import io
import os
import shutil
import threading
import weakref
from pathlib import Path
from typing import Any

import pytest
from conftest import EVENTS, SIZE, app_for, loaded, selected_id, wait_until
from rich.console import Console
from rich.style import Style
from textual.command import CommandPalette
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip

from timeline.model import Event, Timeline, When
from timeline.ui.app import TimelineApp
from timeline.ui.screen import TimelineScreen
from timeline.ui.screens.help import HelpScreen
from timeline.ui.widgets.detail import Detail, describe_event
from timeline.ui.widgets.lines import direct_lines_ok, render_direct
from timeline.ui.widgets.overview import Overview
from timeline.ui.widgets.problems import ProblemsPanel
from timeline.ui.widgets.rail import Rail


def raices() -> Timeline:
    timeline: Timeline = loaded()
    return timeline


def detail_text(app: TimelineApp) -> str:
    """What the detail pane shows, as plain text, unwrapped so phrases stay whole."""
    detail = app.query_one(Detail)
    assert detail.event is not None and detail.timeline is not None
    console = Console(width=10_000, record=True, file=io.StringIO(), color_system=None)
    console.print(describe_event(detail.event, detail.timeline))
    return console.export_text()


async def test_first_screen_selects_first_event_and_shows_position() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert selected_id(app) == "benioff-tweet"
        assert app.view.status == "1 of 10"
        assert app.title == "RAICES declines Salesforce's $250,000"
        assert app.focused is app.query_one(Rail)
        assert "Salesforce always will be true" in detail_text(app)


async def test_j_k_and_arrows_move_and_the_detail_follows() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "down", "j", "j", "j")
        assert selected_id(app) == "raices-letter"
        assert app.view.status == "6 of 10 · quote 1 of 6"
        text = detail_text(app)
        assert "Monday 16 July 2018" in text
        assert "written as “Monday”" in text
        assert "efficently" in text
        await pilot.press("k", "up")
        assert selected_id(app) == "salesforce-pledge"


async def test_home_end_g_G_and_pages() -> None:
    app = app_for()
    async with app.run_test(size=(120, 12)) as pilot:
        await pilot.press("G")
        assert selected_id(app) == "article"
        await pilot.press("g")
        assert selected_id(app) == "benioff-tweet"
        await pilot.press("end")
        assert selected_id(app) == "article"
        await pilot.press("home")
        await pilot.press("pagedown")
        first_page = app.query_one(Rail).cursor
        assert first_page > 1
        await pilot.press("pageup")
        assert app.query_one(Rail).cursor == 0


async def test_cursor_stays_in_view_with_context() -> None:
    app = app_for()
    async with app.run_test(size=(120, 10)) as pilot:
        rail = app.query_one(Rail)
        await pilot.press("G")
        await pilot.pause()
        row = rail.row_of(rail.cursor)
        top = int(rail.scroll_offset.y)
        assert top <= row < top + rail.size.height
        await pilot.press("g")
        await pilot.pause()
        assert int(rail.scroll_offset.y) == 0


async def test_tab_moves_focus_and_detail_scrolls_with_the_same_keys() -> None:
    app = app_for()
    async with app.run_test(size=(120, 16)) as pilot:
        await pilot.press(*"jjjjj")  # the letter: long enough to scroll
        await pilot.press("tab")
        detail = app.query_one(Detail)
        assert app.focused is detail
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert detail.scroll_y > 0
        assert selected_id(app) == "raices-letter"  # the rail did not move
        await pilot.press("G")
        await pilot.pause()
        assert detail.scroll_y == detail.max_scroll_y
        await pilot.press("tab")
        assert isinstance(app.focused, Rail)


def bar_column(detail: Detail) -> list[str]:
    """The detail pane's scrollbar, top to bottom: `#` on the thumb, `.` on the track."""
    track = detail.render_line(detail.size.height - 1 if detail.scroll_y == 0 else 0)
    track_style = list(track)[-1].style
    rows = []
    for y in range(detail.size.height):
        cell = list(detail.render_line(y))[-1]
        rows.append("." if cell.style == track_style and not cell.text.strip() else "#")
    return rows


async def test_the_detail_pane_draws_its_scrollbar_and_the_mouse_moves_it() -> None:
    from timeline.ui.widgets.detail import BAR

    app = app_for()
    async with app.run_test(size=(120, 16)) as pilot:
        await pilot.press(*"jjjjj")  # the letter: long enough to scroll
        await pilot.pause()
        detail = app.query_one(Detail)
        # Drawn in the pane's own lines: no scrollbar widget is made for it.
        assert not detail.query("*") and detail.styles.scrollbar_size_vertical == 0
        assert detail.allow_vertical_scroll  # what Textual asks before the wheel scrolls
        assert all(detail.render_line(y).cell_length == detail.size.width for y in range(3))
        top = bar_column(detail)
        assert top[0] == "#" and top[-1] == "." and "#" in top
        x = detail.size.width - BAR  # on the bar
        await pilot.click(Detail, offset=(x, detail.size.height - 1))  # below the thumb
        await pilot.wait_for_scheduled_animations()
        assert detail.scroll_y == detail.size.height  # a page down, as Textual's bar does
        moved = bar_column(detail)
        assert moved != top
        await pilot.click(Detail, offset=(x, 0))  # above the thumb
        await pilot.wait_for_scheduled_animations()
        assert detail.scroll_y == 0
        # Dragging the thumb down to the bottom scrolls to the end.
        await pilot.mouse_down(Detail, offset=(x, 0))
        await pilot.hover(Detail, offset=(x, detail.size.height))
        await pilot.mouse_up(Detail, offset=(x, detail.size.height))
        await pilot.pause()
        assert detail.scroll_y == detail.max_scroll_y
        assert bar_column(detail)[-1] == "#"
        # A click on the text is not a click on the bar.
        await pilot.click(Detail, offset=(2, 2))
        await pilot.pause()
        assert detail.scroll_y == detail.max_scroll_y


async def test_enter_follows_related_event_and_backspace_goes_back() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "k")  # Chema's tweet, in reply to RAICES's
        assert selected_id(app) == "chema-tweet"
        await pilot.press("enter")
        assert selected_id(app) == "raices-tweet"
        assert "replied to by" in detail_text(app)
        await pilot.press("backspace")
        assert selected_id(app) == "chema-tweet"
        await pilot.press("backspace")  # nothing left: stays
        assert selected_id(app) == "chema-tweet"


async def test_number_keys_follow_other_links() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"jjjjj")  # the letter: replied to by nobody, dated from the tweet
        assert selected_id(app) == "raices-letter"
        await pilot.press("enter")
        assert selected_id(app) == "raices-tweet"
        await pilot.press("2")  # the tweet has one link: 2 does nothing
        assert selected_id(app) == "raices-tweet"


async def test_o_opens_http_source_and_refuses_others(tmp_path: Path) -> None:
    path = tmp_path / "links.toml"
    path.write_text(
        '[timeline]\ntitle = "Links"\n'
        '[[events]]\nid = "a"\ndate = 2018-07-01\ntitle = "Safe"\n'
        'source = { label = "Site", url = "https://example.org/story" }\n'
        '[[events]]\nid = "b"\ndate = 2018-07-02\ntitle = "Unsafe"\n'
        'source = { label = "Script", url = "javascript:alert(1)" }\n',
        encoding="utf-8",
    )
    app = app_for(path)
    opened: list[str] = []

    def fake_open(url: str, *, new_tab: bool = True) -> None:
        opened.append(url)

    app.open_url = fake_open
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert opened == ["https://example.org/story"]
        await pilot.press("j", "o")
        assert opened == ["https://example.org/story"]


async def test_y_copies_selected_quote_with_attribution_and_date() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        assert app.clipboard.startswith("“Salesforce always will be true to our core values.")
        assert "— Marc Benioff (@Benioff), CEO, Salesforce, Sunday 8 July 2018" in app.clipboard
        await pilot.press(*"jjjjj", "full_stop", "y")
        assert app.clipboard.startswith("“The software and technical services")
        assert "RAICES" in app.clipboard and "Monday 16 July 2018" in app.clipboard
        await pilot.press("comma", "comma", "y")
        assert app.clipboard.startswith("“We will not be a beneficiary")
        await pilot.press("Y")
        assert app.clipboard.startswith("RAICES tells Salesforce")
        assert "\nMonday 16 July 2018\nwritten as “Monday”" in app.clipboard


async def test_help_lists_every_binding_and_closes() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = " ".join(f"{keys} {text}" for _, keys, text in app.screen.rows)
        for binding in (*app.main.BINDINGS, *Rail.BINDINGS, *Detail.BINDINGS):
            key = getattr(binding, "key", "")
            if key in "23456789":
                continue
            assert (getattr(binding, "tooltip", "") or getattr(binding, "description", "")) in shown
        assert "2 … 9 Go to the 2nd … 9th related event" in shown
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_the_search_line_timer_is_harmless_after_quitting() -> None:
    # The line is mounted by a timer half a second after start-up; a reader who quits
    # sooner (or a slow test) must not get a traceback when it fires during shutdown.
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        prompt = app.main.prompt_bar
        await pilot.press("q")
    await prompt.prepare()
    assert not prompt.children


async def test_ctrl_p_opens_the_command_palette_with_app_actions() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert "Reload" in commands and "Copy quote" in commands and "Open source" in commands
        # Under each name, what it does and its key, not the name again.
        assert commands["Reload"] == "Reload the file now (it also reloads by itself) (r)"
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_q_quits() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_click_selects_a_row() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        rail = app.query_one(Rail)
        row = rail.row_of(5)
        await pilot.click(Rail, offset=(20, row))
        assert rail.cursor == 5
        assert selected_id(app) == "raices-letter"


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        ("raices-letter", "raices-letter"),
        ("july 11", "protest-bridgeport"),
        ("2018-07-19", "raices-tweet"),
    ],
)
async def test_start_at_id_or_date(at: str, expected: str) -> None:
    app = app_for(at=at)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert selected_id(app) == expected


async def test_start_at_end() -> None:
    app = app_for(end=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert selected_id(app) == "article"


async def _reload(app: TimelineApp, pilot: object) -> None:
    app.files.check()
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def test_reload_good_broken_fixed_and_deleted(tmp_path: Path) -> None:
    path = tmp_path / "events.toml"
    shutil.copy(EVENTS, path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"jjjjj")
        assert selected_id(app) == "raices-letter"
        original = path.read_text(encoding="utf-8")

        # A good edit: the new title shows, the selection stays on the same event.
        edited = original.replace(
            'title = "Salesforce offers RAICES $250,000"', 'title = "Salesforce offers $250k"'
        )
        path.write_text(edited, encoding="utf-8")
        await _reload(app, pilot)
        assert app.view.timeline is not None
        assert app.view.timeline.get("salesforce-offer").title == "Salesforce offers $250k"
        assert selected_id(app) == "raices-letter"
        assert not any(panel.display for panel in app.query("#problems"))

        # A broken edit: the last good timeline stays, the located problem is shown.
        path.write_text(
            edited.replace("date = 2018-07-19", 'date = "2018-07-32"'), encoding="utf-8"
        )
        await _reload(app, pilot)
        panel = app.query_one("#problems", ProblemsPanel)
        assert panel.display
        assert "events.toml:" in panel.plain and "raices-tweet" in panel.plain
        assert selected_id(app) == "raices-letter"
        assert app.view.timeline.get("salesforce-offer") is not None

        # Fixed again: the problems go away.
        path.write_text(original, encoding="utf-8")
        await _reload(app, pilot)
        assert not panel.display
        offer = app.view.timeline.get("salesforce-offer")
        assert offer is not None and offer.title == "Salesforce offers RAICES $250,000"

        # Deleted: the timeline stays and says so; back by rename (how editors save).
        path.rename(tmp_path / "moved.toml")
        await _reload(app, pilot)
        assert panel.display and "deleted" in panel.plain
        assert len(app.view.timeline.events) == 10
        (tmp_path / "moved.toml").rename(path)
        await _reload(app, pilot)
        assert not panel.display
        assert selected_id(app) == "raices-letter"


CITY = (
    '[timeline]\ntitle = "City desk"\n\n[[events]]\nid = "council-vote"\ndate = 2024-03-05\n'
    'title = "Council votes on the budget"\n'
)
SCHOOLS = (
    '[timeline]\ntitle = "Schools desk"\n\n[[events]]\nid = "school-board"\n'
    'date = 2024-03-07\ntitle = "School board meets"\nin_reply_to = "council-vote"\n'
)


async def test_a_good_save_of_one_merged_file_shows_while_another_is_broken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found trying the tool as a new user: with b.toml broken (conflict markers), a
    # save of a.toml was not shown, and the screen said only that "the file" had
    # problems. Now a.toml's new version shows with b.toml's last good one, and the
    # screen says so.
    import timeline.ui.app as app_module
    from timeline.cli import main

    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text(CITY, encoding="utf-8")
    b.write_text(SCHOOLS, encoding="utf-8")
    given: dict[str, Any] = {}

    def run_viewer(files: Any, timeline: Any, **kwargs: Any) -> int:
        given.update(kwargs, files=files, timeline=timeline)
        return 0

    monkeypatch.setattr(app_module, "run_viewer", run_viewer)
    assert main([str(a), str(b)]) == 0  # `timeline a.toml b.toml`: read, then shown
    app = TimelineApp(given["files"], given["timeline"], poll=False, parts=given["parts"])
    async with app.run_test(size=SIZE) as pilot:
        b.write_text("<<<<<<< HEAD\n" + SCHOOLS, encoding="utf-8")
        await _reload(app, pilot)
        panel = app.query_one("#problems", ProblemsPanel)
        assert panel.display and f"{b}:1:1: error: TOML syntax" in panel.plain
        a.write_text(CITY.replace("votes on", "passes"), encoding="utf-8")
        await _reload(app, pilot)
        timeline = app.view.timeline
        assert timeline is not None
        vote = timeline.get("council-vote")
        assert vote is not None and vote.title == "Council passes the budget"
        board = timeline.get("school-board")  # b.toml as it last loaded, still linked
        assert board is not None and [e.id for e in timeline.replies_to("council-vote")] == [
            "school-board"
        ]
        said = " ".join(panel.plain.split())
        assert (
            said.startswith(
                f"{b} has problems: its last good version stays on screen, with the other files "
                "as saved, until they are fixed."
            )
            and f"{b}:1:1: error: TOML syntax" in said
        )
        told = [n.message for n in app._notifications]
        assert any(
            m.startswith(f"Reloaded: 2 events, with the last good version of {b}: its new save")
            for m in told
        ), told
        assert app._edit_target() == (str(b), 1)  # e: to b.toml's problem
        # Fixed: everything as saved, and nothing held back.
        b.write_text(SCHOOLS.replace("meets", "met"), encoding="utf-8")
        await _reload(app, pilot)
        assert not panel.display and not app.problems
        timeline = app.view.timeline
        assert timeline is not None
        board = timeline.get("school-board")
        assert board is not None and board.title == "School board met"
        # Both broken: the last timeline shown stays, as for one file.
        a.write_text("<<<<<<< HEAD\n" + CITY, encoding="utf-8")
        b.write_text("<<<<<<< HEAD\n" + SCHOOLS, encoding="utf-8")
        await _reload(app, pilot)
        assert "The file has problems" in panel.plain
        timeline = app.view.timeline
        assert timeline is not None
        vote = timeline.get("council-vote")
        assert vote is not None and vote.title == "Council passes the budget"


async def test_r_reloads(tmp_path: Path) -> None:
    path = tmp_path / "events.toml"
    shutil.copy(EVENTS, path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        path.write_text(
            path.read_text(encoding="utf-8").replace("Marc Benioff:", "Benioff:"), encoding="utf-8"
        )
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.view.timeline is not None
        assert app.view.timeline.events[0].title.startswith("Benioff:")


def held_load(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> tuple[Path, threading.Event, list[object]]:
    """A copy of events.toml whose loads in the viewer wait, half read, until the
    returned event is set, as a large file's would; the list grows as each starts."""
    import timeline.ui.files as files_module

    path = tmp_path / "events.toml"
    shutil.copy(EVENTS, path)
    release = threading.Event()
    started: list[object] = []
    real_load = files_module.load_files  # type: ignore[attr-defined]

    def slow_load(*args: Any, **kwargs: Any) -> Any:
        started.append(args)
        kwargs["progress"](0.5)
        release.wait(30)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(files_module, "load_files", slow_load)
    return path, release, started


async def test_large_file_path_loads_in_a_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import ProgressBar

    # The load waits until the screen has been looked at, as a large file would.
    path, looked, _ = held_load(monkeypatch, tmp_path)
    app = TimelineApp([str(path)], None, poll=False, at="raices-letter")
    async with app.run_test(size=SIZE) as pilot:

        def bar_at_half() -> bool:
            bars = app.query("#loading-bar")
            return bool(bars) and bars.first(ProgressBar).progress == 50

        await wait_until(pilot, bar_at_half, "the progress bar at half way")
        bar = app.query_one("#loading-bar", ProgressBar)
        assert bar in app.screen._compositor.visible_widgets and not app.query_one(Rail).display
        looked.set()
        await wait_until(pilot, lambda: app.view.timeline is not None, "the timeline")
        await pilot.pause()
        assert selected_id(app) == "raices-letter"
        assert not app.query_one("#loading").display
        assert bar not in app.screen._compositor.visible_widgets


async def test_a_large_file_is_cached_after_it_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from timeline.read.toml import Tuning

    path = tmp_path / "events.toml"
    shutil.copy(EVENTS, path)
    store = tmp_path / "cache" / "timeline"
    # This file counts as large.
    app = TimelineApp([str(path)], None, poll=False, tuning=Tuning(large_file=0, chunk_events=2))
    entries_when_shown: list[int] = []
    show = TimelineScreen.show_first

    def shown(screen: TimelineScreen, *args: Any, **kwargs: Any) -> None:
        entries_when_shown.append(len(list(store.glob("*.entry"))))
        show(screen, *args, **kwargs)

    monkeypatch.setattr(TimelineScreen, "show_first", shown)
    async with app.run_test(size=SIZE) as pilot:
        # Conditions, not the workers: the load and the cache's write are threads of
        # their own, and on a loaded machine neither had finished at a pause.
        await wait_until(pilot, lambda: len(app.query_one(Rail).shown) == 10, "the events")
        await wait_until(pilot, lambda: bool(list(store.glob("*.entry"))), "the cache entry")
        for thread in threading.enumerate():
            if thread.name == "timeline-cache":
                thread.join()
    assert entries_when_shown == [0]  # shown first,
    assert len(list(store.glob("*.entry"))) == 1  # then written


async def test_a_large_file_opens_without_a_cache_that_cannot_be_used_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: with XDG_CACHE_HOME naming a regular file, the viewer went on without
    # the cache, without a word (every open read the file in full).
    from timeline.read.toml import Tuning

    path = tmp_path / "events.toml"
    shutil.copy(EVENTS, path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    app = TimelineApp([str(path)], None, poll=False, tuning=Tuning(large_file=0, chunk_events=2))
    loads: list[bool] = []
    shown = TimelineApp.loaded

    def loaded(app: TimelineApp, result: Any, first: bool) -> None:
        shown(app, result, first)
        loads.append(first)

    monkeypatch.setattr(TimelineApp, "loaded", loaded)

    def notices() -> list[str]:
        return [n.message for n in app._notifications if n.title == "Cache"]

    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: len(app.query_one(Rail).shown) == 10, "the events")
        await wait_until(pilot, lambda: bool(notices()), "the notice")
        assert notices() == [
            f"The cache cannot be used: XDG_CACHE_HOME names {blocker}, which is a file, "
            "not a folder; large files are read in full every time (`timeline cache info` "
            "says where the cache is)."
        ]
        await pilot.press("r")  # a reload: said once
        await wait_until(pilot, lambda: loads == [True, False], "the reload")
        assert len(notices()) == 1
    assert blocker.read_text(encoding="utf-8") == ""


async def test_a_cache_entry_that_cannot_be_written_is_said_in_a_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: an entry that could not be written (a folder not writable, a full
    # disk: here the disk is full) was given up without a word, and every open of the
    # file read it in full.
    import errno
    import tempfile

    from timeline.read.toml import Tuning

    path = tmp_path / "events.toml"
    shutil.copy(EVENTS, path)

    def full_disk(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tempfile, "mkstemp", full_disk)
    app = TimelineApp([str(path)], None, poll=False, tuning=Tuning(large_file=0, chunk_events=2))

    def notices() -> list[str]:
        return [n.message for n in app._notifications if n.title == "Cache"]

    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: len(app.query_one(Rail).shown) == 10, "the events")
        await wait_until(pilot, lambda: bool(notices()), "the notice")
        folder = tmp_path / "cache" / "timeline"
        assert notices() == [
            f"The cache could not be written in {folder}: No space left on device; large "
            "files are read in full every time until it can be (`timeline cache info` "
            "says where the cache is)."
        ]


async def test_broken_large_file_is_shown_and_quitting_exits_1(tmp_path: Path) -> None:
    # Loaded in a worker (a large file): broken, the viewer stays, shows where, and
    # quitting while it is still broken exits 1 with the problems printed.
    path = tmp_path / "broken.toml"
    path.write_text('[timeline]\ntitle = "x"\n[[events]]\ntitle = \n', encoding="utf-8")
    app = TimelineApp([str(path)], None, poll=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(app.problems), "the load's problems")
        assert app.is_running
        assert "fix them and save" in app.main.query_one("#problems", ProblemsPanel).plain
        await pilot.press("q")
    assert app.return_code == 1
    assert app.startup_problems
    assert str(app.startup_problems[0]).startswith(f"{path}:4:")


HOSTILE = [
    "[bold]not bold[/bold] [link=https://evil.example]x[/link] [/]",
    "ESC \x1b[31mred\x1b[0m and \x1b]52;c;aGk=\x07 OSC",
    "bidi \u202eevil\u202c and \u2066isolate\u2069",
    "emoji 🎉👩‍👩‍👧 and CJK 漢字テスト and RTL שלום עליכם",
]


def _toml_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


async def test_hostile_text_renders_literally(tmp_path: Path) -> None:
    path = tmp_path / "hostile.toml"
    parts = ['[timeline]\ntitle = "Hostile"\n']
    for n, text in enumerate(HOSTILE):
        parts.append(
            f'[[events]]\nid = "e{n}"\ndate = 2018-07-{n + 1:02d}\ntitle = {_toml_string(text)}\n'
            f"speaker = {_toml_string(text)}\ncontext = {_toml_string(text)}\n"
            f"[[events.quotes]]\ntext = {_toml_string(text)}\n"
        )
    parts.append(
        '[[events]]\nid = "long"\ndate = 2018-07-09\ntitle = "Long quote"\n'
        f"[[events.quotes]]\ntext = {_toml_string('word ' * 4000)}\n"
    )
    path.write_text("".join(parts), encoding="utf-8")
    app = app_for(path)
    async with app.run_test(size=(100, 30)) as pilot:
        rail = app.query_one(Rail)
        first_row = "\n".join(rail.render_line(y).text for y in range(rail.size.height))
        assert "[bold]not bold" in first_row
        screens = []
        for _ in range(len(HOSTILE) + 1):
            screens.append(app.export_screenshot())
            screens.append(detail_text(app))
            await pilot.press("j")
        everything = "\n".join(screens)
        assert "[bold]not bold[/bold]" in everything
        assert "[link=https://evil.example]" in everything
        assert "\x1b[31m" not in everything and "\u202e" not in everything
        assert "␛[31mred" in everything
        assert "漢字テスト" in everything and "שלום" in everything
        assert selected_id(app) == "long"
        assert "word word" in detail_text(app)


async def test_timelinejs_sample_opens_with_eras_and_groups() -> None:
    from timeline.read import load_any
    from timeline.show.rail import ERA

    path = EVENTS.parent / "tests" / "fixtures" / "timelinejs.json"
    timeline = load_any(path).timeline
    assert timeline is not None
    app = TimelineApp([str(path)], timeline, poll=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rail = app.query_one(Rail)
        rows = [rail.render_line(y).text for y in range(rail.size.height)]
        era_rows = [row for row in rows if "━" in row]
        assert any("Imperial China" in row for row in era_rows)
        assert any("The Berlin Wall stands" in row for row in era_rows)
        assert list(rail.row_kinds).count(ERA) == 2
        await pilot.press("j")
        text = detail_text(app)
        assert "Era: Imperial China" in text
        assert "China" in text  # the group


async def test_key_bar_lists_the_keys_that_work_and_a_click_presses_one() -> None:
    from timeline.ui.widgets.keybar import KeyBar

    app = app_for()
    async with app.run_test(size=(140, 35)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        line = bar.render_line(0).text
        for shown in ("q Quit", "? Help", "/ Search", "f Filter", "y Copy quote", "^p palette"):
            assert shown in line
        start = line.index("? Help")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "slash")
        await pilot.pause()
        typing = bar.render_line(0).text
        assert "q Quit" not in typing  # printable keys go to the search line


async def test_garbage_is_collected_between_key_presses_and_the_collector_restored() -> None:
    import gc

    assert gc.isenabled()
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not gc.isenabled()  # no automatic collections during key presses

        class Node:
            other: object = None

        garbage = Node()
        garbage.other = garbage  # a cycle only a collection frees
        freed = weakref.ref(garbage)
        del garbage
        assert freed() is not None
        # A pause long ago, and no collection since: the app's own ticks may have
        # collected while the test waited (on a loaded machine they did, and this tick
        # then had nothing fresh to collect for).
        app.collector.last_activity = 0.0
        app.collector.collected_at = float("-inf")
        app.collector.busy = lambda: False
        app.collector.tick()
        # (Not "no garbage left": the app's other threads may allocate meanwhile.)
        assert freed() is None
    assert gc.isenabled()  # as it was found


async def test_selection_reaches_the_detail_pane_in_the_same_step() -> None:
    # No message round trip: the rail and the detail pane change in one frame, so a
    # key press costs one screen update rather than two.
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rail, detail = app.query_one(Rail), app.query_one(Detail)
        rail.cursor = 5
        assert detail.event is rail.selected
        assert app.view.status.startswith("6 of 10")
        # New data too (a load, a reload, a filter): the first frame shows the event.
        app.view.show(app.view.timeline, 3)
        app.main.draw_view(shown=True)
        assert detail.event is rail.selected and rail.cursor == 3
        assert app.view.status.startswith("4 of 10")


def cells(strips: list[Strip]) -> list[list[tuple[str, Style | None]]]:
    """Each line as (character, style) per character, whatever the segmentation."""
    return [
        [(char, segment.style) for segment in strip for char in segment.text] for strip in strips
    ]


@pytest.mark.parametrize("size", [SIZE, (70, 24)])
async def test_rail_and_detail_draw_what_textual_would(size: tuple[int, int]) -> None:
    # Both draw their lines directly (timeline/ui/widgets/lines.py) rather than through
    # Textual's styles cache: the result must be the same, scrolled, with search
    # highlights, and with the pane focused.
    app = app_for()
    async with app.run_test(size=size) as pilot:
        await pilot.press(*"jjjjj")
        app.main.search("cbp")
        await pilot.press("tab")
        await pilot.press("j", "j")
        await pilot.pause()
        for widget in (app.query_one(Rail), app.query_one(Detail)):
            assert direct_lines_ok(widget)
            width, height = widget.region.size
            for crop in (Region(0, 0, width, height), Region(2, 1, width - 4, height - 2)):
                styled = ScrollView.render_lines(widget, crop)
                assert cells(render_direct(widget, crop)) == cells(styled)


async def test_direct_lines_give_way_to_a_border_or_padding() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        rail = app.query_one(Rail)
        rail.styles.border_left = ("solid", "red")
        await pilot.pause()
        assert not direct_lines_ok(rail)
        assert rail.render_lines(Region(0, 0, 3, 1))[0].text.startswith("│")
        rail.styles.border_left = None
        rail.styles.padding = (0, 1)
        await pilot.pause()
        assert not direct_lines_ok(rail)


async def test_the_viewer_leaves_when_its_terminal_is_gone(monkeypatch: pytest.MonkeyPatch) -> None:
    # A terminal window closed under `make run` sends no hangup to the viewer, and
    # Textual's input thread would read the dead terminal in a loop at 100% CPU.
    import timeline.ui.app as app_module

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(app_module, "_on_terminal", lambda: True)
        app._check_terminal()
        await pilot.pause()
        assert app.is_running
        monkeypatch.setattr(app_module, "_on_terminal", lambda: False)
        app._check_terminal()
        await pilot.pause()
    assert app.return_code == app_module.EXIT_HANGUP


async def test_an_idle_viewer_does_not_keep_collecting_garbage(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A full collection scans all of Textual's objects: once a pause, not every tick
    # (an idle viewer spent a tenth of a core on it).
    import gc

    full: list[int] = []
    real_collect = gc.collect

    def counted(generation: int = 2) -> int:
        if generation == 2:
            full.append(1)
        return real_collect(generation)

    def litter() -> None:  # what the timers leave: a little cyclic garbage
        loop: list[object] = []
        loop.append(loop)

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        monkeypatch.setattr(gc, "collect", counted)
        collector = app.collector
        # Only the test's ticks count: the app's own, every 0.15 s, find it busy (they
        # ran while the test waited on a loaded machine, and collected before it did).
        ours = [False]
        collector.busy = lambda: not ours[0]

        def ticks() -> None:
            ours[0] = True
            for _ in range(5):
                litter()
                collector.tick()
            ours[0] = False

        collector.last_activity = 0.0  # a long pause, and no collection since
        collector.collected_at = float("-inf")
        ticks()
        assert len(full) == 1
        await pilot.press("j")  # a key, then a pause: collected again, once
        collector.last_activity -= 1.0
        collector.collected_at -= 2.0
        ticks()
        assert len(full) == 2


async def test_the_overview_reads_the_rails_window_when_drawn() -> None:
    # The rail's size is known only once the screen is laid out: read when drawing,
    # the window is right in the first frame, with no repaint after the resize.
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        overview = app.query_one("#overview", Overview)
        overview.model.set_window(0, 0)  # as before the first layout
        overview.render_line(0)
        assert overview.model.window == app.query_one(Rail).visible_positions()
        assert overview.model.window[1] > 0


async def test_a_cancelled_load_never_delivers_its_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: a slow load still running when a small edit was saved: the edit showed,
    # then the stale load's result replaced it and stayed.
    import threading

    import timeline.ui.files as files_module

    path = tmp_path / "events.toml"
    shutil.copy(EVENTS, path)
    first_started, release_first = threading.Event(), threading.Event()
    calls: list[int] = []
    real_load = files_module.load_files  # type: ignore[attr-defined]

    def load(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:  # the slow, stale load: the file as it was
            result = real_load(*args, **kwargs)
            first_started.set()
            release_first.wait(30)
            return result
        return real_load(*args, **kwargs)

    monkeypatch.setattr(files_module, "load_files", load)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        app.files.reload()  # slow: holds the old text
        await wait_until(pilot, first_started.is_set, "the first reload")
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Salesforce offers RAICES $250,000", "Edited"), "utf-8")
        app.files.reload()  # quick: the edit
        await wait_until(
            pilot,
            lambda: (
                app.view.timeline is not None
                and app.view.timeline.get("salesforce-offer").title == "Edited"
            ),
            "the edit on screen",
        )
        release_first.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        offer = app.view.timeline.get("salesforce-offer")
        assert offer is not None and offer.title == "Edited"


async def test_workers_never_write_out_the_timeline(monkeypatch: pytest.MonkeyPatch) -> None:
    # Textual names a worker after its arguments' repr unless it is given a description:
    # the repr of 100,000 events held 400 MB and took seconds while the viewer started.
    written: list[int] = []

    def counting(timeline: Timeline) -> str:
        written.append(len(timeline.events))
        return "Timeline(...)"

    monkeypatch.setattr(Timeline, "__repr__", counting)
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(app.view.marks), "quotes checked")
        await pilot.press("slash", "r", "a", "i")
        await wait_until(pilot, lambda: bool(app.view.matches), "a search answered")
    assert written == []


async def test_r_while_the_file_is_first_read_goes_on_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # r started the first load over: at 100,000 events the bar went back to 0%.
    path, release, started = held_load(monkeypatch, tmp_path)
    app = TimelineApp([str(path)], None, poll=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: len(started) == 1, "the load under way")
        # The title bar says the file is being read, not that it has no events.
        await wait_until(pilot, lambda: "reading…" in app.main.title_bar.render_line(0).text, "")
        assert "no events" not in app.main.title_bar.render_line(0).text
        await pilot.press("r")
        await wait_until(
            pilot,
            lambda: any("Still reading" in n.message for n in app._notifications),
            "the notice",
        )
        release.set()
        await wait_until(pilot, lambda: app.view.timeline is not None, "the timeline")
        assert len(started) == 1
        await pilot.press("r")  # shown: r reloads
        await wait_until(pilot, lambda: len(started) == 2, "the reload")


def test_a_tag_written_with_its_hash_is_shown_with_one() -> None:
    # Bug fixed: tags = ["#cbp"] showed as "##cbp" in the detail pane.
    event = Event(id="e", title="E", when=When(2018, 7, 19), tags=("#cbp", "ice"))
    timeline = Timeline(title="T", events=(event,))
    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    console.print(describe_event(event, timeline))
    shown = console.export_text()
    assert "#cbp · #ice" in shown and "##" not in shown


def test_the_detail_pane_names_an_events_file_as_messages_do() -> None:
    # Bug fixed: of several files, one saved by a Latin-1 system as `café.toml` was
    # "From caf<U+DCE9>.toml": a character its name does not hold.
    latin = os.fsdecode(b"caf\xe9.toml")
    event = Event(id="e", title="E", when=When(2018, 7, 19), file=latin, line=4)
    timeline = Timeline(title="T", events=(event,), files=(latin, "b.toml"))
    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    console.print(describe_event(event, timeline))
    assert r"From $'caf\xe9.toml', line 4" in console.export_text()


def _one_link(tmp_path: Path) -> Path:
    """A timeline of one event whose source links to https://example.org/story."""
    path = tmp_path / "links.toml"
    path.write_text(
        '[timeline]\ntitle = "Links"\n[[events]]\nid = "a"\ndate = 2018-07-01\n'
        'title = "Safe"\nsource = { label = "Site", url = "https://example.org/story" }\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("found", ["none", "lynx"])
async def test_o_with_no_browser_to_open_says_the_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, found: str
) -> None:
    # With no browser (over ssh), `o` said "Opening https://..." and nothing opened;
    # with lynx or w3m, Python would run it in the terminal the viewer holds.
    import webbrowser

    ran: list[str] = []

    class Terminal(webbrowser.GenericBrowser):
        def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
            ran.append(url)
            return True

    def get(using: str | None = None) -> webbrowser.BaseBrowser:
        if found == "none":
            raise webbrowser.Error("could not locate runnable browser")
        return Terminal("lynx")

    monkeypatch.setattr(webbrowser, "get", get)
    app = app_for(_one_link(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        notices = [n.message for n in app._notifications]
        assert any(
            "No web browser to open it here: the link is https://example.org/story" in n
            for n in notices
        ), notices
        assert not any(n.startswith("Opening") for n in notices)
    assert ran == []


async def test_o_opens_the_link_in_a_browser_with_a_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    ran: list[str] = []

    class Window(webbrowser.BackgroundBrowser):
        def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
            ran.append(url)
            return True

    monkeypatch.setattr(webbrowser, "get", lambda using=None: Window("firefox"))
    app = app_for(_one_link(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert ran == ["https://example.org/story"]
        assert any(n.message.startswith("Opening https://") for n in app._notifications)

"""The editing loop as a new user meets it: a save with many errors listed below the
panes at every size, `e` opening the right file at the right line (or saying why
not), names an editor or a shell would misread, and a save the watcher must see."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import EVENTS, ROOT, app_for, run_timeline, selected_id, wait_until
from test_habits import fake_editor

from timeline.ui.editor import editor_command

# ---------------------------------------------------------------------- the problems panel

#: Every size the viewer is tried at.
SIZES = [(120, 35), (80, 24), (60, 20)]


def many_errors(path: Path, count: int) -> str:
    """events.toml with `count` events added whose dates cannot be read; the good text."""
    good = EVENTS.read_text(encoding="utf-8")
    bad = "".join(
        f'\n[[events]]\nid = "bad-{n}"\ntitle = "Broken {n}"\ndate = "2018-07-{40 + n}"\n'
        for n in range(count)
    )
    path.write_text(good + bad, encoding="utf-8")
    return good


def panel_text(app: Any) -> str:
    """The text of the lines of the screen the problems panel covers, as drawn, read
    as one line (a message wrapped across two reads whole)."""
    panel = app.main.query_one("#problems")
    region = panel.region
    strips = app.screen._compositor.render_strips()
    return " ".join(strips[y].text.strip() for y in range(region.y, region.bottom))


async def shown_panel(pilot: Any, app: Any) -> Any:
    """The problems panel, once it is on screen."""

    def drawn() -> bool:
        panels = app.main.query("#problems")
        return bool(panels) and panels.first().display and panels.first().region.height > 0

    await wait_until(pilot, drawn, "the problems panel")
    await pilot.pause()
    return app.main.query_one("#problems")


@pytest.mark.parametrize("size", SIZES)
async def test_every_error_of_a_broken_save_is_counted_and_can_be_scrolled_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    # Bug fixed: at 80x24 the panel showed the first 4 of 14 errors, cut by its height,
    # with no word of the rest ("… and 6 more" was cut with them), and neither Tab nor
    # End reached it.
    monkeypatch.chdir(tmp_path)  # short names: the messages wrap the same anywhere
    path = Path("events.toml")
    shutil.copy(EVENTS, path)
    app = app_for(path)
    async with app.run_test(size=size) as pilot:
        good = many_errors(path, 14)
        app.files.check()
        panel = await shown_panel(pilot, app)
        shown = panel_text(app)
        assert "14 errors" in shown, shown
        assert "bad-0" in shown
        # Tab goes to the list (after the timeline and the detail pane), End to its end.
        await pilot.press("tab", "tab")
        assert app.focused is panel
        await pilot.press("end")
        await pilot.pause()
        shown = panel_text(app)
        assert "bad-13" in shown, shown
        # At the end, nothing more below (it said "more below: ↓" at the last error).
        await wait_until(pilot, lambda: panel.scroll_y >= panel.max_scroll_y - 1, "at the end")
        await wait_until(pilot, lambda: "more below" not in str(panel.border_title), "said")
        # Fixed: the list goes, and the keys are the timeline's again.
        path.write_text(good, encoding="utf-8")
        app.files.check()
        await wait_until(pilot, lambda: not panel.display, "the panel gone")
        await wait_until(pilot, lambda: app.focused is app.main.rail, "the rail focused")


# ---------------------------------------------------------------------- e and missing files


def two_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Two files of an event each, named relatively (the messages wrap the same anywhere)."""
    monkeypatch.chdir(tmp_path)
    a = Path("a.toml")
    b = Path("b.toml")
    a.write_text('[[events]]\nid = "a1"\ndate = 2018-07-01\ntitle = "In a"\n', encoding="utf-8")
    b.write_text('[[events]]\nid = "b1"\ndate = 2018-07-02\ntitle = "In b"\n', encoding="utf-8")
    return a, b


async def test_e_says_a_deleted_file_is_gone_rather_than_open_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: with b.toml deleted, the panel said "e opens your editor at the first"
    # problem (b.toml's), and e opened a.toml at the selected event.
    from timeline.read import load_files
    from timeline.ui.app import TimelineApp

    a, b = two_files(tmp_path, monkeypatch)
    script, log = fake_editor(tmp_path)
    monkeypatch.setenv("VISUAL", str(script))
    timeline = load_files([str(a), str(b)]).timeline
    app = TimelineApp([str(a), str(b)], timeline, poll=False)
    async with app.run_test(size=(120, 35)) as pilot:
        assert selected_id(app) == "a1"
        b.unlink()
        app.files.check()
        await wait_until(pilot, lambda: bool(app.problems), "the file said to be gone")
        await shown_panel(pilot, app)
        shown = panel_text(app)
        assert "deleted or moved" in shown and "e opens your editor" not in shown
        await pilot.press("e")
        await pilot.pause()
        assert not log.exists()
        said = [n.message for n in app._notifications]
        assert any(f"{b} was deleted or moved" in m for m in said), said


async def test_e_never_opens_the_name_of_a_file_gone_as_if_it_were_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: before the watcher had seen it go, e ran `EDITOR +1 b.toml` on the
    # selected event's file, deleted: an empty new file in the editor.
    from timeline.read import load_files
    from timeline.ui.app import TimelineApp

    a, b = two_files(tmp_path, monkeypatch)
    script, log = fake_editor(tmp_path)
    monkeypatch.setenv("VISUAL", str(script))
    timeline = load_files([str(a), str(b)]).timeline
    app = TimelineApp([str(a), str(b)], timeline, poll=False, at="b1")
    async with app.run_test(size=(120, 35)) as pilot:
        assert selected_id(app) == "b1"
        b.unlink()
        await pilot.press("e")
        await pilot.pause()
        assert not log.exists()
        said = [n.message for n in app._notifications]
        assert any(f"{b} was deleted or moved" in m for m in said), said


# ---------------------------------------------------------------------- names like options


@pytest.mark.parametrize(
    ("editor", "expected"),
    [
        ("vi", ["vi", "+5", "./+desk.toml"]),
        ("nano", ["nano", "+5", "./+desk.toml"]),
        ("code", ["code", "-g", "./+desk.toml:5"]),
        ("hx", ["hx", "./+desk.toml:5"]),
    ],
)
def test_a_name_an_editor_would_read_as_an_option_or_a_command_is_given_as_a_path(
    editor: str, expected: list[str]
) -> None:
    # Bug fixed: `vi +5 +desk.toml` read +desk.toml as a command to run.
    def which(name: str) -> str:
        return f"/usr/bin/{name}"

    assert editor_command("+desk.toml", 5, {"EDITOR": editor}, which) == expected
    assert editor_command("-desk.toml", 0, {"EDITOR": editor}, which)[-1] == "./-desk.toml"
    assert editor_command("/tmp/-desk.toml", 0, {"EDITOR": editor}, which)[-1] == (
        "/tmp/-desk.toml"
    )


def test_timeline_double_dash_file_opens_the_viewer(tmp_path: Path) -> None:
    # Bug fixed: `timeline -- -desk.toml` said "invalid choice: '--'", while
    # `timeline check -- -desk.toml` worked. Without a terminal the viewer says so, and
    # the commands it suggests read the name as a file.
    shutil.copy(EVENTS, tmp_path / "-desk.toml")
    done = run_timeline(
        "--",
        "-desk.toml",
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT)},
        drop=[name for name in os.environ if name.startswith("TEXTUAL")],
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "timeline: error: the viewer reads its keys from a terminal, and its input is not "
        "one; `timeline print ./-desk.toml` prints the timeline, `timeline check "
        "./-desk.toml` checks it\n"
    )


# ---------------------------------------------------------------------- the watcher


async def test_a_rewrite_of_the_same_size_with_its_time_kept_is_seen(tmp_path: Path) -> None:
    # Bug fixed: the watcher compared (inode, size, mtime): `cp -p` or `touch -r` over
    # the file, same size and time, was never loaded.
    path = tmp_path / "events.toml"
    shutil.copy(EVENTS, path)
    app = app_for(path)
    async with app.run_test(size=(120, 35)) as pilot:
        before = path.stat()
        text = path.read_text(encoding="utf-8")
        edited = text.replace("Marc Benioff:", "Marc Benioff;")
        assert len(edited) == len(text) and edited != text
        with path.open("r+", encoding="utf-8") as file:  # in place: the same inode
            file.write(edited)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        while path.stat().st_ctime_ns == before.st_ctime_ns:  # within one clock tick
            os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        after = path.stat()
        assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
            before.st_ino,
            before.st_size,
            before.st_mtime_ns,
        )
        app.files.check()
        await wait_until(
            pilot,
            lambda: app.view.events[0].title.startswith("Marc Benioff;"),
            "the rewrite loaded",
        )

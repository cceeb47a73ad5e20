"""Habits readers bring from less, lnav and their editor: `e` opens the editor, a broken
file opens anyway, marks, a list of matches, Ctrl+C, the clipboard's other way, and a
config file."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

import pytest
from conftest import EVENTS, SIZE, app_for, loaded, python_passes, selected_id, wait_until
from textual.binding import Binding

from timeline.read.toml import load_file
from timeline.ui.app import TimelineApp
from timeline.ui.clipboard import copy_file, ignores_osc52, keep_copy
from timeline.ui.config import load_config
from timeline.ui.editor import EditorError, editor_command
from timeline.ui.keys import READING

# ---------------------------------------------------------------------- the editor's command


def which_all(name: str) -> str | None:
    return f"/usr/bin/{name}"


@pytest.mark.parametrize(
    ("editor", "expected"),
    [
        ("vi", ["vi", "+12", "f.toml"]),
        ("nano", ["nano", "+12", "f.toml"]),
        ("emacs -nw", ["emacs", "-nw", "+12", "f.toml"]),
        ("code --wait", ["code", "--wait", "-g", "f.toml:12"]),
        ("/opt/bin/hx", ["/opt/bin/hx", "f.toml:12"]),
        ("'my editor' -x", ["my editor", "-x", "+12", "f.toml"]),
    ],
)
def test_the_editor_command_puts_the_line_the_way_each_editor_reads_it(
    editor: str, expected: list[str]
) -> None:
    assert editor_command("f.toml", 12, {"EDITOR": editor}, which_all) == expected


def test_visual_wins_then_editor_then_a_fallback() -> None:
    env = {"VISUAL": "nvim", "EDITOR": "nano"}
    assert editor_command("f", 3, env, which_all)[0] == "nvim"
    assert editor_command("f", 0, {}, lambda n: "/bin/nano" if n == "nano" else None) == [
        "nano",
        "f",
    ]


def test_an_editor_that_is_not_there_is_said_to_be_missing() -> None:
    with pytest.raises(EditorError, match=r"\$EDITOR names 'nosuch', which is not installed"):
        editor_command("f", 1, {"EDITOR": "nosuch"}, lambda n: None)
    with pytest.raises(EditorError, match="set \\$VISUAL or \\$EDITOR"):
        editor_command("f", 1, {}, lambda n: None)
    with pytest.raises(EditorError, match="cannot be read"):
        editor_command("f", 1, {"VISUAL": "vi 'unclosed"}, which_all)


def fake_editor(tmp_path: Path, edit: str = "") -> tuple[Path, Path]:
    """A program that records its arguments, and may replace the file's text."""
    log = tmp_path / "editor.log"
    script = tmp_path / "fake-editor"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys, pathlib\n"
        f"pathlib.Path({str(log)!r}).write_text(' '.join(sys.argv[1:]))\n"
        f"edit = {edit!r}\n"
        "if edit:\n"
        "    target = pathlib.Path(sys.argv[-1])\n"
        "    old, new = edit.split('=>')\n"
        "    target.write_text(target.read_text().replace(old, new))\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script, log


async def test_e_opens_the_editor_at_the_selected_event_and_reloads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "events.toml"
    shutil.copy(EVENTS, path)
    script, log = fake_editor(
        tmp_path, 'title = "Salesforce offers RAICES $250,000"=>title = "Offered"'
    )
    monkeypatch.setenv("VISUAL", str(script))
    app = app_for(path, at="raices-letter")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = app.view.selected.line
        assert line > 0
        await pilot.press("e")
        await wait_until(pilot, log.exists, "the editor ran")
        assert log.read_text() == f"+{line} {path}"
        await wait_until(pilot, lambda: any(e.title == "Offered" for e in app.view.events))
        assert selected_id(app) == "raices-letter"


async def test_a_broken_file_opens_waits_for_a_fix_and_e_goes_to_the_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "events.toml"
    good = EVENTS.read_text(encoding="utf-8")
    path.write_text(good.replace("date = 2018-07-11", 'date = "July 32, 2018"'), encoding="utf-8")
    result = load_file(path)
    assert result.timeline is None and not result.unreadable
    script, log = fake_editor(tmp_path, 'date = "July 32, 2018"=>date = 2018-07-11')
    monkeypatch.setenv("EDITOR", str(script))
    app = TimelineApp([str(path)], None, poll=False, broken=result.problems)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.main.query("#problems").first().display, "problems")
        assert app.view.timeline is None and app.is_running
        first = next(p for p in result.problems if p.severity == "error")
        await pilot.press("e")
        await wait_until(pilot, log.exists, "the editor ran")
        assert log.read_text() == f"+{first.line} {path}"
        # The editor's save fixed it: the timeline appears, the problems go.
        await wait_until(pilot, lambda: app.view.timeline is not None, "the fixed timeline")
        assert len(app.view.events) == 10
        assert not app.main.query("#problems").first().display
        await pilot.press("q")
    assert app.return_code == 0


async def test_keys_that_act_on_events_are_dimmed_until_a_timeline_loads(
    tmp_path: Path,
) -> None:
    # At 60x20 on a broken file the key bar offered "/ Search  f Filter  d Date", and
    # f did nothing, without a word; o said "This event has no source link" with no
    # event. They are shown dimmed now, and do nothing, until the file loads.
    from timeline.ui.screens.filter_picker import FilterPicker
    from timeline.ui.widgets.keybar import KeyBar

    path = tmp_path / "events.toml"
    good = EVENTS.read_text(encoding="utf-8")
    path.write_text(good.replace("date = 2018-07-11", 'date = "July 32, 2018"'), encoding="utf-8")
    result = load_file(path)
    app = TimelineApp([str(path)], None, poll=False, broken=result.problems)
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_until(pilot, lambda: app.main.query("#problems").first().display, "problems")
        await pilot.press("f", "o", "y", "m")
        assert not isinstance(app.screen, FilterPicker)
        assert not any("This event" in n.message for n in app._notifications)
        assert app.main.check_action("filter", ()) is None
        assert app.main.check_action("app.edit", ()) is True  # e still opens the editor
        bar = app.main.query_one(KeyBar)
        assert "f Filter" in bar.render_line(0).text  # on show, dimmed
        path.write_text(good, encoding="utf-8")
        await pilot.press("r")
        await wait_until(pilot, lambda: app.view.timeline is not None, "the fixed timeline")
        assert app.main.check_action("filter", ()) is True
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FilterPicker), "the picker")


async def test_quitting_while_still_broken_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text('[timeline]\ntitle = "x"\n[[events]]\ntitle = "no date"\n', encoding="utf-8")
    result = load_file(path)
    app = TimelineApp([str(path)], None, poll=False, broken=result.problems)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
    assert app.return_code == 1
    assert [str(p) for p in app.startup_problems] == [str(p) for p in result.problems]


# ---------------------------------------------------------------------- marks and matches


async def test_m_marks_events_and_quote_marks_go_between_them() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "m", "j", "j", "j", "m", "G")
        assert app.view.bookmarks == {"protest-bridgeport", "salesforce-offer"}
        await pilot.press("apostrophe")  # wraps to the first mark
        assert selected_id(app) == "protest-bridgeport"
        await pilot.press("apostrophe")
        assert selected_id(app) == "salesforce-offer"
        await pilot.press("quotation_mark")
        assert selected_id(app) == "protest-bridgeport"
        rail = app.main.rail
        rows = [rail.render_line(y).text for y in range(rail.size.height)]
        marked = [row for row in rows if "★" in row]
        assert len(marked) == 2 and any("Protest" in row for row in marked)
        strip = app.main.overview.render_line(0).text
        assert strip.count("★") == 2  # 11 and 16 July: two days, two buckets
        await pilot.press("m")  # unmark
        assert app.view.bookmarks == {"salesforce-offer"}


async def test_marks_survive_a_reload_and_say_when_filtered_out(tmp_path: Path) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        view = app.view
        view.reload(loaded())
        assert view.bookmarks == {"benioff-tweet"}
        from timeline.query.filters import Filter

        view.set_filter(Filter(kinds=frozenset({"letter"})))
        notice = view.step_bookmark(1)
        assert notice is not None and "hidden by the filters" in notice.text


async def test_M_lists_the_matches_and_enter_goes_to_one() -> None:
    from textual.widgets import OptionList

    from timeline.ui.screens.matches import MatchList

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"tweet", "enter", "M")
        await wait_until(pilot, lambda: isinstance(app.screen, MatchList), "the list")
        listing = app.screen.query_one(OptionList)
        assert listing.option_count == len(app.view.matches)
        await pilot.press("j", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, MatchList), "closed")
        assert app.view.cursor == app.view.matches[1]


# ---------------------------------------------------------------------- keys and clipboard


async def test_ctrl_c_quits() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+c")
    assert app.return_code == 0


def test_a_terminal_that_ignores_osc52_is_named() -> None:
    assert ignores_osc52({"TERM_PROGRAM": "Apple_Terminal"}) == "Apple's Terminal"
    assert ignores_osc52({"VTE_VERSION": "7200"}).startswith("this VTE terminal")
    assert ignores_osc52({"VTE_VERSION": "7200", "TMUX": "/tmp/x"}) == ""
    assert ignores_osc52({"TERM": "xterm-256color"}) == ""


def test_the_kept_copy_is_private_and_never_follows_a_link(tmp_path: Path) -> None:
    env = {"XDG_RUNTIME_DIR": str(tmp_path)}
    kept = keep_copy("“They refused.”", env)
    assert kept == copy_file(env) and kept.read_text(encoding="utf-8") == "“They refused.”"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    victim = tmp_path / "victim"
    victim.write_text("mine")
    kept.unlink()
    kept.symlink_to(victim)
    assert keep_copy("overwrite?", env) is None
    assert victim.read_text() == "mine"


async def test_y_says_where_else_the_text_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM_PROGRAM", "Apple_Terminal")
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        await pilot.pause()
        [note] = list(app._notifications)
        assert "Apple's Terminal ignores that (OSC 52)" in note.message
        path = copy_file()
        assert str(path) in note.message
        assert path.read_text(encoding="utf-8") == app.clipboard


# ---------------------------------------------------------------------- the config file


def ids() -> list[str]:
    return [b.id for b in READING if isinstance(b, Binding) and b.id]


def test_a_good_config_is_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'theme = "textual-light"\nsplit = 55\n[keys]\nedit = "E"\nnext-quote = "full_stop, right"\n'
    )
    config = load_config(["textual-dark", "textual-light"], ids(), path)
    assert config.problems == ()
    assert (config.theme, config.split) == ("textual-light", 55)
    assert config.keys == {"edit": "E", "next-quote": "full_stop,right"}


def test_a_bad_config_gets_located_messages_and_keeps_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'theme = "textual-lihgt"\nsplit = 95\ncolour = 1\n[keys]\nedti = "E"\nquit = 3\n'
    )
    config = load_config(["textual-dark", "textual-light"], ids(), path)
    messages = [str(p) for p in config.problems]
    assert (
        f"{path}:1:1: error: 'theme' 'textual-lihgt' is not a theme (did you mean "
        "'textual-light'?); themes:" in messages[1]
    )
    assert any(
        m.startswith(f"{path}:2:1:") and "from 20 to 80, found an integer (95)" in m
        for m in messages
    )
    assert any(m.startswith(f"{path}:3:1:") and "unknown setting 'colour'" in m for m in messages)
    assert any(m.startswith(f"{path}:5:1:") and "did you mean 'edit'?" in m for m in messages)
    assert any(
        m.startswith(f"{path}:6:1:") and "keys for 'quit' must be a string" in m for m in messages
    )
    assert (config.theme, config.split, config.keys) == ("", 0, {})


def test_a_config_that_is_not_toml_is_located(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "x\n')
    [problem] = load_config([], ids(), path).problems
    assert str(problem).startswith(f"{path}:1:") and "not valid TOML" in str(problem)


def test_no_config_file_costs_no_toml_parser_at_start(tmp_path: Path) -> None:
    # Importing tomllib for a file most readers never write was 5 ms of every start.
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from timeline.ui.config import load_config\n"
        "from timeline.read import load_files\n"
        "assert load_files(['events.toml']).timeline is not None\n"
        f"config = load_config([], [], Path({str(tmp_path / 'none.toml')!r}))\n"
        "assert config.problems == (), config\n"
        "assert 'tomllib' not in sys.modules\n"
    )
    python_passes(code)


async def test_the_viewer_applies_the_config(tmp_path: Path) -> None:
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "timeline"
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text(
        'theme = "textual-light"\nsplit = 40\n[keys]\nnext-quote = "right"\n'
    )
    app = app_for(at="raices-letter")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-light"
        await pilot.press("right")
        assert app.view.quote == 1
        left = app.main.query_one("#left").region.width
        right = app.main.query_one("#detail-pane").region.width
        assert left < right  # 40 % for the timeline


async def test_help_and_palette_say_the_keys_the_config_gives() -> None:
    # With edit = "E", ? still said "e  Open $VISUAL or $EDITOR…", and e did nothing.
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "timeline"
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text(
        '[keys]\nedit = "E"\nnext-quote = "full_stop,right"\nreload = "ctrl+r"\n'
    )
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = {description: keys for _, keys, description in app.help_rows()}
        edit = next(d for d in rows if d.startswith("Open $VISUAL"))
        assert rows[edit] == "E"
        assert rows["Select the next quote (what y copies)"] == ". →"
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert commands["Reload"].endswith("(Ctrl+r)"), commands["Reload"]


async def test_the_help_says_what_the_wheel_does_in_each_view() -> None:
    # The help said "the wheel scrolls" for the whole viewer; in the lanes view the
    # wheel zooms around the pointer. Each view's section now says what it does there.
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = app.help_rows()
        mouse = {section: text for section, keys, text in rows if keys == "mouse"}
        assert set(mouse) == {"Timeline", "Detail pane (after Tab)", "Lanes view (after v)"}
        assert "the wheel zooms in (up) and out (down)" in mouse["Lanes view (after v)"]
        assert "scroll" not in mouse["Lanes view (after v)"].replace("not scroll", "")
        assert "the wheel scrolls the list" in mouse["Timeline"]
        assert "the wheel scrolls the pane" in mouse["Detail pane (after Tab)"]
        # Each in its own section, after that view's keys (the screen starts a section
        # where the section changes: one row out of place made a second heading).
        sections = [section for section, _, _ in rows]
        assert sections == sorted(sections, key=sections.index)
        await pilot.press("v")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        assert ("Lanes view (after v)", "mouse", mouse["Lanes view (after v)"]) in (app.screen.rows)


async def test_a_bad_config_is_shown_and_the_viewer_still_opens() -> None:
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "timeline"
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text('theme = "nope"\n')
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("'theme' 'nope' is not a theme" in m for m in messages)
        assert len(app.view.events) == 10


def test_M_with_more_matches_than_it_lists_lists_those_around_the_reader() -> None:
    # It listed the first 2,000 of 279,639 matches: from past them, the event the
    # reader was on, and every match near it, were missing.
    from timeline.model import Event, When
    from timeline.ui.screens.matches import LISTED, MatchList

    events = [Event(f"e{n}", When(2000, 1, 1), f"Event {n}") for n in range(3 * LISTED)]
    matches = list(range(0, len(events), 1))
    for current, first in ((5_000, 4_000), (10, 0), (len(events) - 1, len(events) - LISTED)):
        listing = MatchList("event", events, matches, current)
        assert listing.positions == matches[first : first + LISTED]
        assert current in listing.positions
        assert f"{first + 1:,} to {first + LISTED:,}" in listing.heading.plain
    assert listing.heading.plain.startswith("6,000 events match “event”")


def test_the_list_of_matches_lines_its_titles_up() -> None:
    # Dates were padded to 16 cells: "after 16 Jul 2018" (17) pushed its title right.
    from timeline.query.view import View
    from timeline.ui.screens.matches import MatchList

    view = View()
    view.show(loaded())
    view.search("refus")
    listing = MatchList(view.query, view.shown_events, view.matches, view.cursor)
    titles = [
        row.plain.index(view.shown_events[p].title)
        for row, p in zip(listing.rows, listing.positions, strict=True)
        if p is not None
    ]
    assert len(titles) > 1 and len(set(titles)) == 1, [row.plain for row in listing.rows]


def test_a_key_given_two_things_to_do_is_said(tmp_path: Path) -> None:
    # search = "e" was taken silently: e searched, and edit had no key at all.
    path = tmp_path / "config.toml"
    path.write_text('[keys]\nsearch = "e"\nreload = "x"\n')
    defaults = {b.id: b.key for b in READING if isinstance(b, Binding) and b.id}
    config = load_config(["textual-dark"], defaults, path)
    messages = [str(p) for p in config.problems]
    assert messages == [
        f"{path}:2:1: error: key 'e' is given to both 'edit' and 'search'; a key does one "
        "thing: give one of them another"
    ]
    path.write_text('[keys]\nsearch = "e"\nedit = "E"\n')  # moved out of the way: fine
    assert load_config(["textual-dark"], defaults, path).problems == ()

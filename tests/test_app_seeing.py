"""What the reader sees (issue 14, "Seeing"): which pane has the keys, plain
notifications, the keys and counts that stay on a narrow screen, clickable links in
the detail pane, the filter dialog, and the help."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SIZE, app_for, selected_id, wait_until
from textual import events
from textual.geometry import Region
from textual.widgets import Input, SelectionList, Static

from timeline.ui.app import TimelineApp
from timeline.ui.screens.filter_picker import FilterPicker
from timeline.ui.screens.help import HelpScreen
from timeline.ui.widgets.containers import Pane
from timeline.ui.widgets.detail import Detail
from timeline.ui.widgets.keybar import KeyBar, kept
from timeline.ui.widgets.titlebar import TitleBar, fit_status


def notifications(app: TimelineApp) -> list[str]:
    return [f"{note.title}: {note.message}" for note in app._notifications]


# ---------------------------------------------------------------------- focus


async def test_the_pane_with_the_keys_is_named_and_drawn_heavy() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        timeline, detail = app.query(Pane)
        assert str(timeline.border_title).strip() == "Timeline"
        assert str(detail.border_title).strip() == "Detail"

        def borders() -> tuple[str, str]:
            return timeline.styles.border_top[0], detail.styles.border_top[0]

        assert borders() == ("heavy", "solid")
        await pilot.press("tab")  # the panes hear of it by messages: waited for
        await wait_until(pilot, lambda: borders() == ("solid", "heavy"))
        # The name is in the pane's top line, as drawn.
        assert "Detail" in detail.render_lines(detail.region.reset_offset)[0].text
        await pilot.press("tab")
        await wait_until(pilot, lambda: borders() == ("heavy", "solid"))


async def test_a_pane_is_drawn_heavy_exactly_while_focus_is_inside_it() -> None:
    # Set by the panes as focus moves (not by Textual's :focus-within, which restyled
    # the whole rail when the first focus landed): the search line takes the keys
    # from both panes, a dialog over them leaves them as they were.
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        timeline, detail = app.query(Pane)

        def heavy() -> list[bool]:
            return [pane.styles.border_top[0] == "heavy" for pane in (timeline, detail)]

        def holds_keys() -> list[bool]:
            return [pane.has_focus_within for pane in (timeline, detail)]

        def drawn(expected: list[bool]) -> bool:
            # The panes hear of focus moving by messages: wait for them to be read.
            return holds_keys() == expected and heavy() == expected

        assert drawn([True, False])
        await pilot.press("slash")
        await wait_until(pilot, lambda: isinstance(app.focused, Input) and drawn([False, False]))
        await pilot.press("escape")
        await wait_until(pilot, lambda: drawn([True, False]))
        await pilot.press("tab", "question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is app.main and drawn([False, True]))


async def test_stacked_panes_show_which_has_the_keys_too() -> None:
    app = app_for()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        timeline, detail = app.query(Pane)
        without_keys = detail.styles.border_top  # its kind and colour
        await pilot.press("tab")
        await wait_until(pilot, lambda: detail.styles.border_top != without_keys)
        assert detail.styles.border_top[0] != timeline.styles.border_top[0]
        assert detail.has_focus_within


# ---------------------------------------------------------------------- notifications


async def test_textuals_own_notifications_are_plain_text(tmp_path: Path) -> None:
    # Bug fixed: "Press [b]ctrl+q[/b] to quit the app" and "Saved screenshot to
    # [$text-success]'…'" showed their markup (notifications are shown as plain text).
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        app.action_help_quit()
        app.post_message(
            events.DeliveryComplete(key="k", path=tmp_path / "shot.svg", name="screenshot")
        )
        await wait_until(pilot, lambda: len(app._notifications) >= 2, "two notifications")
        shown = notifications(app)
        assert "Do you want to quit?: Press ^c or q or ^q to quit." in shown
        assert f"Screenshot: Saved screenshot to {tmp_path / 'shot.svg'}" in shown
        for note in shown:
            assert "[" not in note


# ---------------------------------------------------------------------- bars


def test_the_keys_kept_are_the_first_ranked_that_fit() -> None:
    widths = [10, 10, 10, 10]
    assert kept(widths, [3, 0, 1, 2], 25) == [False, True, True, False]
    assert kept(widths, [3, 0, 1, 2], 100) == [True] * 4
    # A narrow key further down still fits where a wide one did not.
    assert kept([10, 30, 5], [0, 1, 2], 20) == [True, False, True]


async def test_at_80_columns_the_key_bar_keeps_search_filter_and_date() -> None:
    # Bug fixed: the last keys bound (search, filter, date) were the ones cut.
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = app.query_one(KeyBar).render_line(0).text
        for shown in ("/ Search", "f Filter", "d Date", "? Help", "q Quit"):
            assert shown in line
        assert len(line) == 80
        # Clicking a key still presses it, where it now is.
        await pilot.click(KeyBar, offset=(line.index("/ Search") + 1, 0))
        await pilot.press(*"cbp", "enter")
        assert app.view.query == "cbp"


async def test_over_the_main_screen_the_key_bar_shows_the_keys_that_work_there() -> None:
    # With the filter picker open, the bar said "q Quit", "? Help", "/ Search": none of
    # them did anything there, and its own keys were not said.
    from timeline.ui.screens.filter_picker import FilterPicker
    from timeline.ui.screens.help import HelpScreen

    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(KeyBar)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FilterPicker), "the picker")
        await pilot.pause()
        line = bar.render_line(0).text
        assert "esc Cancel" in line and "^s Apply" in line, line
        assert "Quit" not in line and "Search" not in line and "palette" not in line
        await pilot.press("escape")
        await wait_until(pilot, lambda: "q Quit" in bar.render_line(0).text, "the main keys")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        await pilot.pause()
        assert "Close help" in bar.render_line(0).text
        assert "Quit" not in bar.render_line(0).text


def test_the_status_keeps_the_counts_and_the_match_and_cuts_the_filter() -> None:
    status = "4 of 9 shown (40 in all) · kind=tweet, speaker=RAICES · match 2 of 5"
    assert fit_status(status, 200) == status
    assert fit_status(status, 56) == "4 of 9 shown (40 in all) · kind=tweet, s… · match 2 of 5"
    assert fit_status(status, 44) == "4 of 9 shown (40 in all) · match 2 of 5"
    assert fit_status("1 of 10 · match 1 of 8", 12) == "1 of 10 · m…"


async def test_at_60_columns_the_header_cuts_the_title_not_the_counts() -> None:
    # Bug fixed: at 60 columns "match 1 of 8" was cut off the end of the title bar.
    app = app_for(search="cbp")
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_until(pilot, lambda: app.view.matches, "matches")
        await pilot.pause()
        line = app.query_one(TitleBar).render_line(0).text
        assert len(line) == 60
        assert line.rstrip().endswith("— 1 of 10 · match 1 of 8")
        assert "◆ RAICES declines" in line and "…" in line


# ---------------------------------------------------------------------- detail


async def test_a_click_on_a_related_event_follows_it() -> None:
    # Bug fixed: related events were underlined like links, and a click did nothing.
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "k")  # Chema's tweet, in reply to RAICES's
        assert selected_id(app) == "chema-tweet"
        detail = app.query_one(Detail)
        row = next(n for n, line in enumerate(detail.lines()) if "▸" in line)
        detail.scroll_to(y=max(0, row - 2), animate=False, immediate=True)
        await pilot.pause()
        column = detail.lines()[row].index("▸")
        await pilot.click(Detail, offset=(column + 3, row - int(detail.scroll_y)))
        await pilot.pause()
        assert selected_id(app) == "raices-tweet"
        await pilot.press("backspace")  # remembered, as Enter is
        assert selected_id(app) == "chema-tweet"


async def test_a_media_url_shows_under_its_caption(tmp_path: Path) -> None:
    # Bug fixed: with a caption the media's URL was not shown at all.
    path = tmp_path / "media.toml"
    path.write_text(
        '[timeline]\ntitle = "M"\n\n[[events]]\nid = "p"\ndate = 2018-07-11\n'
        'title = "Protest"\n'
        'media = { url = "https://example.org/photo.jpg", caption = "Bridgeport", '
        'credit = "John Moore" }\n',
        encoding="utf-8",
    )
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = "\n".join(app.query_one(Detail).lines())
        assert "Media: Bridgeport — John Moore" in text
        assert "https://example.org/photo.jpg" in text


# ---------------------------------------------------------------------- the filter dialog


async def test_the_filter_dialog_opens_on_its_first_list_and_space_toggles() -> None:
    # Bug fixed: nothing had focus, and Space (which the dialog names) did nothing.
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        picker = app.screen
        assert isinstance(picker, FilterPicker)
        kinds = picker.query_one("#facet-kind", SelectionList)
        assert app.focused is kinds
        await pilot.press("space")  # the first kind, the most common: tweet
        assert kinds.selected == ["tweet"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "kind=tweet" in app.view.status


async def test_the_filter_dialog_refuses_from_after_to() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        picker = app.screen
        assert isinstance(picker, FilterPicker)
        picker.query_one("#from", Input).value = "2018-07-19"
        picker.query_one("#to", Input).value = "2018-07-10"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is picker
        error = str(picker.query_one("#error", Static).render())
        assert "19 Jul 2018 is after to 10 Jul 2018" in error
        assert not app.view.filter.active


# ---------------------------------------------------------------------- help


async def test_help_names_keys_as_typed_explains_the_markers_and_scrolls_with_j() -> None:
    # Already so before issue 14's work here: kept by this test.
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = {keys for _, keys, _ in help_screen.rows}
        assert {"/", "d :", "{", "}", "[", "]", "?"} <= keys
        for name in ("slash", "colon", "left_curly_bracket", "question_mark"):
            assert not any(name in shown for shown in keys)
        static = help_screen.query_one(Static)
        lines = static.render_lines(Region(0, 0, *static.size))
        text = "\n".join(" ".join(line.text.split()) for line in lines)
        assert "Markers: the kind of event" in text
        assert "◆ tweet, post, toot" in text
        assert "○ any other kind, or none" in text
        box = help_screen.query_one("#help-box")
        await pilot.press("j", "j", "j")
        assert box.scroll_y == 3
        await pilot.press("k")
        assert box.scroll_y == 2


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_help_tells_the_rail_marks_before_the_marker_from_those_after_it(
    size: tuple[int, int],
) -> None:
    # Bug fixed: the rail's "!" before the marker (the event has warnings) and its "★"
    # (a marked event) were not in the help, which named only the "!" after the marker
    # (disputed) and the one beside a quote: a reader could not tell them apart.
    app = app_for()
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        static = help_screen.query_one(Static)
        lines = static.render_lines(Region(0, 0, *static.size))
        text = "\n".join(" ".join(line.text.split()) for line in lines)
        words = " ".join(text.split())  # as one line: at 60 columns the meanings wrap
        rail = words[words.index("Dates and marks in the rail") : words.index("Markers:")]
        assert "!○ Thu 19 ! before the marker: the event has warnings" in rail
        assert "★○ Thu 19 ★ before the marker: you marked the event (m)" in rail
        assert "After the marker: how far the event is verified" in words
        assert "! disputed: sources disagree" in words
        # Longer than the screen: it scrolls, to its last line.
        box = help_screen.query_one("#help-box")
        assert box.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        assert "Press Escape, q or ? to close" in text.splitlines()[-1]

"""The viewer follows the reader: the selected quote and the first match come into view,
a reload keeps the reader's place, a search given up goes back to where it began, and the
layout follows a live resize."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from conftest import EVENTS, SIZE, app_for, selected_id, wait_until

from timeline.ui.widgets.detail import Detail

SMALL = (60, 20)


def visible_rows(detail: Detail) -> range:
    top = round(detail.scroll_y)
    return range(top, top + detail.scrollable_content_region.height)


async def test_dot_brings_the_selected_quote_into_view_and_says_which() -> None:
    app = app_for(at="raices-letter")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        detail = app.main.detail
        for n in range(2, 7):
            await pilot.press("full_stop")
            rows = detail.quote_rows()
            assert rows is not None
            seen = visible_rows(detail)
            # The quote's first line is in sight, and as much of the rest as fits.
            assert rows[0] in seen, n
            assert f"quote {n} of 6" in app.view.status
        assert detail.scroll_y > 0  # the sixth quote is far below the first screen
        await pilot.press("comma")
        rows = detail.quote_rows()
        assert rows is not None and rows[0] in visible_rows(detail)
        assert "quote 5 of 6" in app.view.status


async def test_a_search_shows_the_first_match_in_the_event() -> None:
    app = app_for()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("slash", *"18-month-old", "enter")
        assert selected_id(app) == "raices-letter"
        detail = app.main.detail
        rows = detail.match_rows()
        assert rows and rows[0] in visible_rows(detail)
        assert detail.scroll_y > 0  # the fourth quote is below the fold at 60x20


async def test_search_from_the_command_line_shows_the_match_too() -> None:
    app = app_for(search="18-month-old")
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, lambda: bool(app.main.detail.match_rows()), "the match drawn")
        detail = app.main.detail
        assert detail.match_rows()[0] in visible_rows(detail)


async def test_n_scrolls_to_a_match_out_of_sight_before_leaving_the_event() -> None:
    app = app_for()
    async with app.run_test(size=SMALL) as pilot:
        # "cbp" is in the letter's title and tags, and in quotes far below them.
        await pilot.press("slash", *"cbp", "enter")
        assert app.view.select_id("raices-letter")
        app.main.draw_view()
        detail = app.main.detail
        await pilot.pause()
        rows = detail.match_rows()
        assert rows[-1] not in visible_rows(detail)
        presses = 0
        while selected_id(app) == "raices-letter":
            await pilot.press("n")
            presses += 1
            if selected_id(app) == "raices-letter":
                assert detail.scroll_y > 0
        # Every match row of the letter was in sight on the way.
        assert presses >= 2
        await pilot.press("N")
        assert selected_id(app) == "raices-letter"
        assert detail.match_rows()[-1] in visible_rows(detail)  # entered at its last match


async def test_a_search_given_up_goes_back_to_where_it_began() -> None:
    app = app_for()
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("j", "j")
        before = selected_id(app)
        # The first letters match other events and move the selection there.
        await pilot.press("slash", *"Ohanaxyz")
        await pilot.press("escape")
        assert selected_id(app) == before and app.view.query == ""
        # Given up with Enter and no match: back too.
        await pilot.press("slash", *"Ohanaxyz", "enter")
        assert selected_id(app) == before
        # A search that matches is kept with Enter, and its place with it.
        await pilot.press("slash", *"Ohana", "enter")
        assert selected_id(app) == "benioff-tweet"


async def test_typing_a_search_refines_from_where_it_began() -> None:
    app = app_for(at="raices-letter")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        # "s" matches the letter itself; "sa" then "sal" must not drift forward from
        # wherever the previous letter led.
        await pilot.press("slash", "s", "a", "l")
        assert selected_id(app) == "raices-letter"


async def _reload(app: Any, pilot: Any) -> None:
    app.files.check()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_an_edit_elsewhere_keeps_the_quote_and_the_place_in_the_detail(
    tmp_path: Path,
) -> None:
    path = tmp_path / "events.toml"
    shutil.copy(EVENTS, path)
    app = app_for(path, at="raices-letter")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("full_stop", "full_stop")
        detail = app.main.detail
        place = detail.scroll_y
        assert place > 0 and app.view.quote == 2
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace('title = "Salesforce offers RAICES $250,000"', 'title = "Offer"'),
            encoding="utf-8",
        )
        await _reload(app, pilot)
        assert any(e.title == "Offer" for e in app.view.events)
        assert selected_id(app) == "raices-letter"
        assert app.view.quote == 2 and detail.selected_quote == 2
        assert detail.scroll_y == place


async def test_renaming_the_selected_events_id_keeps_it_selected(tmp_path: Path) -> None:
    path = tmp_path / "events.toml"
    shutil.copy(EVENTS, path)
    app = app_for(path, at="raices-letter")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        text = path.read_text(encoding="utf-8")
        # Renamed everywhere, as a reader renaming it would: the events dated from it too.
        path.write_text(text.replace('"raices-letter"', '"the-letter"'), encoding="utf-8")
        await _reload(app, pilot)
        assert selected_id(app) == "the-letter"


async def test_the_layout_follows_a_live_resize() -> None:
    app = app_for()
    async with app.run_test(size=(120, 35)) as pilot:
        screen = app.main
        assert not screen.has_class("narrow")
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: screen.has_class("narrow"), "stacked at 80")
        await pilot.resize_terminal(101, 30)
        await wait_until(pilot, lambda: not screen.has_class("narrow"), "side by side at 101")
        assert screen.detail.region.x > screen.rail.region.x  # beside, not below


async def test_a_search_keystroke_renders_the_detail_pane_once() -> None:
    # The pane rendered the old event with the new highlights, then the new event.
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        renders: list[str] = []
        render = screen.detail.render_event

        def counted(*, repaint: bool = True) -> None:
            event = screen.detail.event
            renders.append(event.id if event is not None else "")
            render(repaint=repaint)

        screen.detail.render_event = counted
        await pilot.press("slash")
        await pilot.pause()
        renders.clear()  # the search line opening is not a keystroke of the search
        await pilot.press(*"Chema")
        await wait_until(pilot, lambda: selected_id(app) == "chema-tweet", "Chema's tweet")
        await pilot.pause()
        # One render per letter at most: never the old event with the new highlights
        # and then the new event.
        assert len(renders) <= len("Chema")
        assert renders[-1] == "chema-tweet"

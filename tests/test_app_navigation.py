"""Pilot tests for finding your way: search, filters, dates, and the palette's go-to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import SIZE, app_for, selected_id, wait_until
from textual.command import CommandPalette
from textual.widgets import Input, SelectionList

from timeline.model import When
from timeline.query.filters import Filter
from timeline.read.toml import load_file
from timeline.ui.app import TimelineApp
from timeline.ui.screens.filter_picker import FilterPicker
from timeline.ui.widgets.prompt import PromptBar
from timeline.ui.widgets.rail import Rail


def shown_ids(app: TimelineApp) -> list[str]:
    rail = app.query_one(Rail)
    return [rail.events[i].id for i in rail.shown]


async def test_slash_searches_incrementally_and_highlights() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert app.query_one(PromptBar).display
        assert isinstance(app.focused, Input)
        await pilot.press(*"operational")
        assert selected_id(app) == "raices-letter"
        assert "match 1 of 1" in app.view.status
        rail = app.query_one(Rail)
        assert rail.matcher is not None
        # A lowercase query ignores case (smart case).
        assert rail.matcher("An Operational backbone") == [(3, 14)]
        assert rail.matcher("nothing here") == []
        await pilot.press("enter")
        assert not app.query_one(PromptBar).display
        assert isinstance(app.focused, Rail)
        assert app.view.query == "operational"


async def test_search_ignores_accents_and_uses_smart_case() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"hernandez", "enter")
        assert selected_id(app) == "chema-tweet"
        await pilot.press("slash", "ctrl+u", *"RAICES", "enter")
        lower = app.view.matches
        await pilot.press("slash", "ctrl+u", *"raices", "enter")
        assert len(app.view.matches) >= len(lower) > 0


async def test_n_and_N_move_between_matches_and_wrap() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"tweet", "enter")
        matches = list(app.view.matches)
        assert len(matches) >= 3
        rail = app.query_one(Rail)
        first = rail.cursor
        assert first == matches[0]
        await pilot.press("n")
        assert rail.cursor == matches[1]
        assert f"match 2 of {len(matches)}" in app.view.status
        await pilot.press("N", "N")
        assert rail.cursor == matches[-1]  # wrapped around


async def test_escape_clears_search() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"cbp", "enter")
        assert app.view.matches
        await pilot.press("escape")
        assert app.view.query == ""
        assert app.query_one(Rail).matcher is None
        assert "match" not in app.view.status
        await pilot.press("slash", *"cbp", "escape")  # Escape in the line clears it too
        assert app.view.query == ""
        assert not app.query_one(PromptBar).display


async def test_filter_picker_kind_tweet_leaves_the_three_tweets() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "k")  # Chema's tweet stays selected through the filter
        await pilot.press("f")
        assert isinstance(app.screen, FilterPicker)
        kinds = app.screen.query_one("#facet-kind", SelectionList)
        kinds.select("tweet")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown_ids(app) == ["benioff-tweet", "raices-tweet", "chema-tweet"]
        assert selected_id(app) == "chema-tweet"
        assert "3 of 3 shown (10 in all)" in app.view.status
        assert "kind=tweet" in app.view.status
        await pilot.press("F")
        assert len(shown_ids(app)) == 10
        assert selected_id(app) == "chema-tweet"


async def test_the_picker_says_which_values_are_chosen_without_colour() -> None:
    # Bug fixed: every box was drawn "▐X▌", chosen or not told apart only by colour, so
    # a monochrome terminal or a screen capture could not tell (found trying the viewer).
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, FilterPicker)
        kinds = app.screen.query_one("#facet-kind", SelectionList)
        kinds.select("tweet")
        await pilot.pause()
        boxes = {}
        for y in range(kinds.size.height):
            text = kinds.render_line(y).text
            boxes[text[4:].split("  (")[0]] = text[:3]
        assert boxes["tweet"] == "▐X▌"
        assert {box for kind, box in boxes.items() if kind != "tweet"} == {"▐ ▌"}


async def test_filter_moves_selection_to_nearest_when_it_no_longer_matches() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"jjjjj")  # the letter, 16 July
        app.main.set_filter(Filter(kinds=frozenset({"tweet"})))
        await pilot.pause()
        assert selected_id(app) == "raices-tweet"  # 19 July is nearer than 8 July


async def test_filter_dates_and_escape_cancels() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        picker = app.screen
        assert isinstance(picker, FilterPicker)
        picker.query_one("#from", Input).value = "july 11 2018"
        picker.query_one("#to", Input).value = "2018-07-16"
        await pilot.press("ctrl+s")
        await pilot.pause()
        ids = shown_ids(app)
        assert ids[0] == "protest-bridgeport" and "raices-letter" in ids
        assert "benioff-tweet" not in ids and "raices-tweet" not in ids
        await pilot.press("f", "escape")
        assert shown_ids(app) == ids


async def test_a_bce_date_filter_is_shown_in_the_picker_as_it_can_be_applied_again() -> None:
    # The picker showed a BCE date as "-0044", which a typed date refuses (ISO 8601
    # numbers it 45 BCE): applied again unchanged, the filter was refused.
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.view.timeline is not None, "loaded")
        ides = When(-44, 3, 15)
        app.main.set_filter(Filter(date_from=ides))
        await pilot.press("f")
        picker = app.screen
        assert isinstance(picker, FilterPicker)
        assert picker.query_one("#from", Input).value == "15 Mar 44 BCE"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not picker, "the picker closed")
        assert app.view.filter.date_from == ides


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("not a date", "from:"),
        # Bug fixed: "07/04/2018" filtered from 4 July with nothing said.
        ("07/04/2018", "2018-07-04 or 2018-04-07"),
    ],
)
async def test_bad_filter_date_stays_in_the_picker(typed: str, said: str) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        picker = app.screen
        assert isinstance(picker, FilterPicker)
        picker.query_one("#from", Input).value = typed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is picker
        assert said in str(picker.query_one("#error").render())


async def test_d_jumps_to_the_nearest_event_of_a_date() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", *"july 11", "enter")
        assert selected_id(app) == "protest-bridgeport"
        await pilot.press("colon", *"2018-07-19", "enter")
        assert selected_id(app) == "raices-tweet"
        await pilot.press("d", *"nonsense", "enter")
        assert app.query_one(PromptBar).display  # stays open to correct it
        assert selected_id(app) == "raices-tweet"


async def test_brackets_step_by_day_and_braces_by_month() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket")
        assert selected_id(app) == "protest-bridgeport"
        await pilot.press("right_square_bracket")
        # Known only to lie before 16 July: a stop of their own before that day.
        assert selected_id(app) == "employees-ask"
        await pilot.press("right_square_bracket")
        assert selected_id(app) == "raices-letter"  # the first event dated 16 July
        await pilot.press("right_square_bracket")
        # Known only to lie after 16 July: a stop of its own after that day's events.
        assert selected_id(app) == "salesforce-refuses"
        await pilot.press("right_square_bracket")
        assert selected_id(app) == "raices-tweet"
        await pilot.press("right_square_bracket")
        assert selected_id(app) == "article"
        await pilot.press("right_square_bracket")  # the last day: stays, and says so
        assert selected_id(app) == "article"
        assert "No later day has events." in [n.message for n in app._notifications]
        await pilot.press("left_square_bracket")
        assert selected_id(app) == "raices-tweet"
        await pilot.press("left_square_bracket")
        assert selected_id(app) == "salesforce-refuses"
        await pilot.press("left_square_bracket")
        assert selected_id(app) == "raices-letter"
        await pilot.press("right_curly_bracket")  # one month only: stays
        assert selected_id(app) == "raices-letter"
        assert "No later month has events." in [n.message for n in app._notifications]
        await pilot.press("left_curly_bracket")
        assert selected_id(app) == "raices-letter"


def palette_options(app: TimelineApp) -> str:
    """What the command palette lists now, as one text."""
    from textual.command import CommandList

    if not isinstance(app.screen, CommandPalette):
        return ""
    options = app.screen.query_one(CommandList)
    return "\n".join(
        str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
    )


async def go_to_with_the_palette(pilot: Any, app: TimelineApp, typed: str, listed: str) -> None:
    """Open the palette, type, wait for the entry holding `listed`, and take it."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*typed)
    await wait_until(pilot, lambda: listed in palette_options(app), f"{listed!r} listed")
    await pilot.press("enter")
    await pilot.pause()


async def test_palette_goes_to_an_event_by_title() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await go_to_with_the_palette(pilot, app, "go bridgeport", "Bridgeport")
        assert selected_id(app) == "protest-bridgeport"


async def test_every_palette_entry_shows_its_date_at_80_columns() -> None:
    # Benioff's entry fits one line of the list until its scrollbar comes, and then
    # wraps to two: its height was measured before, and its date line was cut off.
    from textual.command import CommandList

    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go to")
        await wait_until(pilot, lambda: "Go to: Marc" in palette_options(app), "the entries")
        options = app.screen.query_one(CommandList)
        await wait_until(pilot, lambda: options.virtual_size.height > options.size.height)
        await pilot.pause()
        shown = [options.render_line(y).text.strip() for y in range(options.size.height)]
        assert shown[:3] == [
            "Go to: Marc Benioff: Salesforce is “true to our core values” — Marc",
            "Benioff",
            "8 Jul 2018",
        ], shown


async def test_command_line_filter_and_search_reach_the_viewer() -> None:
    app = app_for(filter_args=["kind=tweet"], search="Benioff")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert shown_ids(app) == ["benioff-tweet", "raices-tweet", "chema-tweet"]
        assert app.view.query == "Benioff"
        assert selected_id(app) == "benioff-tweet"
        assert "kind=tweet" in app.view.status


async def test_overview_strip_follows_selection_zooms_and_jumps() -> None:
    from timeline.ui.widgets.overview import Overview

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        overview = app.query_one(Overview)
        assert overview.scale == "day"  # the story spans twelve days: day buckets fit
        marker_before = overview.render_line(1).text.index("▲")
        await pilot.press("G")
        await pilot.pause()
        assert overview.render_line(1).text.index("▲") > marker_before
        await pilot.press("Z")
        assert overview.scale == "week"
        await pilot.press("z")
        assert overview.scale == "day"
        await pilot.click(Overview, offset=(0, 0))  # the first day: Benioff's tweet
        await pilot.pause()
        assert selected_id(app) == "benioff-tweet"


async def test_overview_strip_counts_only_filtered_events() -> None:
    from timeline.ui.widgets.overview import Overview

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        overview = app.query_one(Overview)
        before = overview.render_line(0).text
        app.main.set_filter(Filter(kinds=frozenset({"tweet"})))
        await pilot.pause()
        after = overview.render_line(0).text
        assert after != before
        # 8 July and 19 July, each stretched over the cells of its day.
        assert len(after.split()) == 2
        assert [count for count in overview.model.counts() if count] == [1, 2]


async def test_palette_shows_titles_literally(tmp_path: Path) -> None:
    path = tmp_path / "markup.toml"
    path.write_text(
        '[timeline]\ntitle = "Markup"\n'
        '[[events]]\nid = "a"\ndate = 2018-07-01\ntitle = "[/oops] bad"\n'
        '[[events]]\nid = "b"\ndate = 2018-07-02\ntitle = "[@click=app.quit]quit[/] now"\n',
        encoding="utf-8",
    )
    timeline = load_file(path).timeline
    assert timeline is not None
    app = TimelineApp([str(path)], timeline, poll=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"oops")
        await wait_until(pilot, lambda: "[/oops] bad" in palette_options(app), "the palette's hit")
        assert isinstance(app.screen, CommandPalette)  # still open: it did not crash
        await pilot.press("enter")
        await pilot.pause()
        assert selected_id(app) == "a"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"quit now", "enter")
        await pilot.pause()
        assert app.is_running  # the title was not an action
        assert selected_id(app) == "b"


async def test_the_lanes_view_shares_the_selection_with_the_list() -> None:
    from timeline.ui.widgets.lanes import Lanes

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")  # the protest in Bridgeport
        await pilot.press("v")
        lanes = app.main.query_one(Lanes)
        assert lanes.display and not app.main.rail.display and app.focused is lanes
        assert lanes.cursor == app.view.cursor == 1
        await pilot.press("l")  # the next event in time
        assert app.view.cursor == 2 and app.main.detail.event is app.view.selected
        await pilot.press("slash", *"refuses", "enter")
        assert lanes.matches == frozenset(app.view.matches) != frozenset()
        await pilot.press("v")
        assert not lanes.display and app.main.rail.display and app.focused is app.main.rail
        assert app.main.rail.cursor == app.view.cursor


async def test_in_the_lanes_view_the_keys_never_go_to_the_hidden_rail() -> None:
    # Tab, closing the search line and the palette's "Go to" gave the keys to the rail,
    # hidden behind the lanes: nothing seemed to happen, and Tab never came back.
    from timeline.ui.widgets.lanes import Lanes

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        lanes = app.main.query_one(Lanes)
        await wait_until(pilot, lambda: app.focused is lanes, "the lanes shown")
        await pilot.press("tab")
        await wait_until(pilot, lambda: app.focused is app.main.detail, "the detail pane")
        await pilot.press("tab")
        await wait_until(pilot, lambda: app.focused is lanes, "the lanes again")
        await pilot.press("slash", *"refuses")
        await wait_until(pilot, lambda: isinstance(app.focused, Input), "the search line")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.focused, Input), "the line closed")
        assert app.focused is lanes
        app.go_to_position(3)
        await wait_until(pilot, lambda: app.view.cursor == 3, "the event gone to")
        assert app.focused is lanes and lanes.cursor == 3
        await pilot.press("v")  # the list again: the rail has the keys
        await wait_until(pilot, lambda: app.focused is app.main.rail, "the rail")


async def test_many_events_are_laid_out_in_lanes_in_a_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At 1,000,000 events laying them out in lanes takes seconds: on the screen's
    thread, `v` and `L` held every key meanwhile."""
    import threading

    from timeline.query.view import View
    from timeline.show.lanes import LaneIndex
    from timeline.ui.widgets.lanes import Lanes

    release = threading.Semaphore(0)
    real = LaneIndex

    def held(*args: Any, **kwargs: Any) -> Any:
        assert release.acquire(timeout=30), "never let through"
        return real(*args, **kwargs)

    monkeypatch.setattr("timeline.ui.widgets.lanes.LaneIndex", held)
    app = app_for()
    app.view = View(search_sliced=5)  # "many" events
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.view.timeline is not None, "loaded")
        await pilot.press("j", "v")
        lanes = app.main.query_one(Lanes)
        assert lanes.display and lanes.laying_out.startswith("Laying out 10 events")
        await pilot.press("l", "plus", "0")  # nothing to move in yet: not an error
        await pilot.pause()
        assert "Laying out 10 events in lanes by group" in lanes.render_line(0).text
        release.release()
        await wait_until(pilot, lambda: not lanes.laying_out, "the lanes")
        assert lanes.cursor == app.view.cursor == 1
        await pilot.press("L")
        assert lanes.laying_out.endswith("by speaker…")
        await pilot.press("L")  # replaces the layout under way
        release.release()
        release.release()
        await wait_until(pilot, lambda: not lanes.laying_out, "the lanes by kind")
        assert lanes.mode == lanes.model.mode == lanes.model.index.mode == "kind"
        await pilot.press("l")
        assert app.view.cursor == 2 and lanes.cursor == 2
        app.main.set_filter(Filter(kinds=frozenset({"tweet"})))  # laid out anew...
        await pilot.press("L")  # ...and by another field before that is done
        release.release()
        release.release()
        await wait_until(pilot, lambda: not lanes.laying_out, "the tweets in one lane")
        assert lanes.model.mode == lanes.model.index.mode == "single"
        assert list(lanes.model.shown) == list(app.view.shown) != list(range(10))


async def test_the_viewer_can_start_in_the_lanes_view() -> None:
    from timeline.ui.widgets.lanes import Lanes

    app = app_for(lanes=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lanes = app.main.query_one(Lanes)
        assert lanes.display and app.focused is lanes
        names = {line.name for line in lanes.model.frame().lines}
        assert {"RAICES", "Salesforce", "Protests"} <= names


async def test_palette_goes_to_an_event_among_many_before_any_search() -> None:
    """Beyond 20,000 events the palette scores only candidates. They came from the search
    index, which the viewer builds only once a search needs it: with no search made, the
    palette said "No matches found" for any title."""
    from timeline.model import Event, Precision, Timeline, When
    from timeline.query.finder import Finder

    count = Finder.INDEX_NOW + 1_000
    events = tuple(
        Event(f"e{n}", When(2000 + n // 1000, 1, 1), f"Ordinary event {n}", speaker="Someone")
        for n in range(count)
    )
    events = (*events[:-1], events[-1]._replace(title="The Quetzalcoatl affair"))
    timeline = Timeline(title="Many", events=events)
    app = TimelineApp(["many.toml"], timeline, poll=False)
    async with app.run_test(size=SIZE) as pilot:
        await go_to_with_the_palette(pilot, app, "quetzal", "Quetzalcoatl")
        assert selected_id(app) == f"e{count - 1}"
        assert app.view.query == ""  # found without a search
    # Candidates are the shown events whose title or speaker holds the word, any case,
    # the first so many in order.
    view = app.view
    assert view.titles_holding(["QUETZAL"], 5) == [count - 1]
    assert view.titles_holding(["someone"], 3) == [0, 1, 2]
    expected = [n for n in range(count) if "event 7" in f"ordinary event {n}"][:400]
    assert view.titles_holding(["event", "7"], 400) == expected
    assert view.titles_holding(["ordinary\nsomeone"], 9) == []  # not across the two
    # Filtered, they are positions among the events shown.
    view.set_filter(Filter(date_from=When(2010, precision=Precision.YEAR)))
    assert view.shown[0] == 10_000
    assert view.titles_holding(["quetzal"], 1) == [count - 1 - 10_000]
    assert view.titles_holding(["event", "2"], 2) == [10_000, 10_001]  # events 20,000 and 20,001


async def test_leaving_gives_up_the_search_index_being_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Leaving waits for the viewer's threads: a search's text being folded at
    1,000,000 events held the exit for 33 s. Leaving now gives the folding up at its
    next slice."""
    import threading

    from textual.worker import get_current_worker

    from timeline.model import Event, Timeline, When
    from timeline.query import search
    from timeline.query.finder import Finder

    count = Finder.INDEX_NOW + 5_000
    events = tuple(Event(f"e{n}", When(2000 + n // 1000, 1, 1), f"Event {n}") for n in range(count))
    app = TimelineApp(["many.toml"], Timeline(title="Many", events=events), poll=False)
    started, ended = threading.Event(), threading.Event()
    after_leaving: list[int] = []
    fold, build = search._fold_joined, search.SearchIndex.build

    def folded(texts: list[str]) -> str:
        cancelled = get_current_worker().cancelled_event
        if not started.is_set():
            started.set()
            assert cancelled.wait(30), "the test never left"
        elif cancelled.is_set():
            after_leaving.append(1)
        return fold(texts)

    def built(index: search.SearchIndex, *args: Any) -> None:
        try:
            build(index, *args)
        finally:
            ended.set()

    monkeypatch.setattr(search, "_fold_joined", folded)
    monkeypatch.setattr(search.SearchIndex, "build", built)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"event 7", "enter")
        await wait_until(pilot, started.is_set, "the index being built")
        app.exit()
    assert ended.wait(30)
    # The rest of the slice it was in, at most: not the thousands after it.
    assert len(after_leaving) < 1_000


async def test_the_index_arriving_leaves_a_reader_who_moved_where_they_went(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Beyond 20,000 events the search index is built in a thread. When it arrived, the
    viewer searched again and took the reader to the first match, from wherever they
    had gone meanwhile."""
    import threading

    from timeline.model import Event, Timeline, When
    from timeline.query.finder import Finder
    from timeline.query.search import SearchIndex

    count = Finder.INDEX_NOW + 1_000
    events = tuple(
        Event(f"e{n}", When(2000 + n // 1000, 1, 1), f"{'Board' if n % 97 == 5 else 'Other'} {n}")
        for n in range(count)
    )
    app = TimelineApp(["many.toml"], Timeline(title="Many", events=events), poll=False)
    moved = threading.Event()
    build = SearchIndex.build

    def held(index: SearchIndex) -> None:
        assert moved.wait(30), "the test never let the index be built"
        build(index)

    monkeypatch.setattr(SearchIndex, "build", held)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"board", "enter")
        assert app.view.status.endswith("indexing for search…")
        await pilot.press("n")
        assert app.view.cursor == 0
        await pilot.press("j", "j")
        moved.set()
        await wait_until(pilot, lambda: "match" in app.view.status, "the index built")
        assert app.view.cursor == 2 and selected_id(app) == "e2"


async def test_palette_among_many_finds_a_title_as_typed_and_lists_on_go_to() -> None:
    """Beyond 3,000 events the palette scored the first 400 titles holding the longest
    word typed: an exact title whose words are common was never among them, and "go
    to" (how every entry begins) found nothing."""
    from timeline.model import Event, Timeline, When

    events = [
        Event(f"e{n}", When(2000 + n // 1000, 1, 1), f"Board {n} met in Zürich")
        for n in range(5_000)
    ]
    events.append(Event("last", When(2006, 1, 1), "Met Zürich board"))
    app = TimelineApp(["many.toml"], Timeline(title="Many", events=tuple(events)), poll=False)
    async with app.run_test(size=SIZE) as pilot:
        await go_to_with_the_palette(pilot, app, "zürich board", "Met Zürich board")
        assert selected_id(app) == "last"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go to")
        await wait_until(pilot, lambda: "Go to: Board 0 met" in palette_options(app), "entries")


async def test_keys_typed_right_after_slash_or_d_reach_the_line_they_open() -> None:
    """The keys that open the prompt ran as the rail's bindings, in the rail's queue, and
    the keys typed right after them had already been handed to the rail: "/board"
    typed at once searched for nothing, and its "o" and "d" opened a link and the date
    line. A burst of keys is what a fast typist, or a paste, sends."""
    from textual import events

    def burst(app: TimelineApp, text: str) -> None:
        names = {"/": "slash", " ": "space", "-": "minus"}
        for character in text:
            app.post_message(events.Key(names.get(character, character), character))

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        field = app.main.prompt_bar
        burst(app, "/board/d")  # "/" and "d" once the line is open are text
        await wait_until(pilot, lambda: app.view.query == "board/d", "the search typed")
        assert field.mode == "search"
        await pilot.press("escape")
        burst(app, "d2018-07-16")
        await wait_until(
            pilot,
            lambda: isinstance(app.focused, Input) and app.focused.value == "2018-07-16",
            "the date typed",
        )
        assert field.mode == "date"


async def test_among_many_events_the_picker_opens_at_once_and_fills_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Counting a million events' values took 1.4-2.7 s before the picker opened, and
    no key was answered meanwhile. Among many events (here, 10 made "many") it opens at
    once, counting in a thread; applied before the counts come, it keeps the filter's
    choices, and once they come they are listed as on a small timeline."""
    import threading

    import timeline.query.facets as facets_module
    from timeline.query.view import View

    counted = threading.Event()
    real = facets_module.facets

    def held(*args: Any, **kwargs: Any) -> Any:
        assert counted.wait(30), "never let through"
        return real(*args, **kwargs)

    monkeypatch.setattr(facets_module, "facets", held)
    app = app_for()
    app.view = View(search_sliced=5)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.view.timeline is not None, "loaded")
        app.main.set_filter(Filter(kinds=frozenset({"tweet"})))
        await pilot.press("f")
        picker = app.screen
        assert isinstance(picker, FilterPicker) and not picker.query(SelectionList)
        assert "Counting the values of 10 events" in str(picker.query_one("#counting").render())
        await pilot.press("ctrl+s")  # applied before the counts: the kinds stay
        await pilot.pause()
        assert app.screen is not picker and "kind=tweet" in app.view.status
        await pilot.press("f")
        picker = app.screen
        assert isinstance(picker, FilterPicker)
        counted.set()
        await wait_until(pilot, lambda: bool(picker.query("#facet-kind")), "the counts")
        kinds = picker.query_one("#facet-kind", SelectionList)
        assert set(kinds.selected) == {"tweet"}
        assert "tweet  (3)" in str(kinds.get_option_at_index(0).prompt)
        kinds.deselect("tweet")
        kinds.select("letter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown_ids(app) == ["raices-letter"]


async def test_keys_typed_right_after_enter_in_the_line_act_on_the_timeline() -> None:
    """Enter ran as a binding once the key had gone up to the app, and the keys typed
    right after it had reached the line by then: "/tweet", Enter, n searched for
    "tweetn" and found nothing."""
    from textual import events

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        for character in "/tweet":
            app.post_message(events.Key("slash" if character == "/" else character, character))
        app.post_message(events.Key("enter", "\r"))
        app.post_message(events.Key("n", "n"))
        await wait_until(
            pilot,
            lambda: len(app.view.matches) > 1 and app.view.cursor == app.view.matches[1],
            "the search, then n",
        )
        assert app.view.query == "tweet" and app.main.prompt_bar.mode == ""
        app.post_message(events.Key("slash", "/"))
        for character in "zzz":
            app.post_message(events.Key(character, character))
        app.post_message(events.Key("escape", "\x1b"))
        app.post_message(events.Key("G", "G"))
        await wait_until(pilot, lambda: app.view.cursor == 9, "G after Escape")
        assert app.view.query == "" and app.main.prompt_bar.mode == ""


async def test_a_key_reaching_the_closed_line_is_handed_on_once_never_in_a_loop() -> None:
    # A key reaching the line once it is closed is handed on to where the focus is;
    # should the focus have stayed on the line, the key must not go round forever.
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        app.main.prompt_bar.close()  # closed, the focus left on the line
        await pilot.press("j", "j")
        await pilot.pause()
        app.main.rail.focus()
        await pilot.press("j")
        await wait_until(pilot, lambda: app.view.cursor == 1, "the rail answering")


async def test_palette_goes_to_an_event_without_its_accents(tmp_path: Path) -> None:
    # Bug fixed: `/` ignores accents, but the palette's go-to matched labels as written:
    # "nunez" found no "José Núñez" ("No matches found"), and beyond 3,000 events
    # "hernandez" found no "Hernández" either (its candidates were only casefolded).
    from timeline.query.titles import Titles

    path = tmp_path / "accents.toml"
    path.write_text(
        '[timeline]\ntitle = "Accents"\n'
        '[[events]]\nid = "a"\ndate = 2018-07-01\ntitle = "Routine"\n'
        '[[events]]\nid = "b"\ndate = 2018-07-02\ntitle = "Chema Hernández Gil donates"\n'
        'speaker = "José Núñez"\n',
        encoding="utf-8",
    )
    timeline = load_file(path).timeline
    assert timeline is not None
    titles = Titles(timeline.events)
    assert titles.find(["hernandez"], range(2), 10) == [1]
    assert titles.find(["NUNEZ"], range(2), 10) == [1]
    app = TimelineApp([str(path)], timeline, poll=False)
    async with app.run_test(size=SIZE) as pilot:
        await go_to_with_the_palette(pilot, app, "nunez", "José Núñez")
        assert selected_id(app) == "b"


def test_the_palettes_phrase_does_not_span_the_title_and_the_speaker() -> None:
    # Folding the title and speaker together made the newline between them a space:
    # "talks end game" read as one phrase across "... talks end" and "Game Theory".
    from timeline.model import Event, When
    from timeline.query.titles import Titles

    events = [
        Event(id="a", title="The talks end", when=When(2018, 7, 1), speaker="Game Theory"),
        Event(id="b", title="An end game", when=When(2018, 7, 2), speaker="Ana"),
    ]
    titles = Titles(events)
    # Both hold both words; only b holds them as the phrase, so it comes first.
    assert titles.find(["end", "game"], range(2), 10) == [1, 0]


async def test_palette_offers_an_event_the_filters_hide_and_clears_them_to_go_to_it() -> None:
    # Bug fixed: with a filter on, the palette's go-to said "No matches found" for an
    # event the filter hides, with no word of the filter.
    app = app_for(filter_args=["kind=tweet"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "protest-bridgeport" not in shown_ids(app)
        await go_to_with_the_palette(pilot, app, "bridgeport", "Bridgeport")
        assert selected_id(app) == "protest-bridgeport"
        assert not app.view.filter.active


async def test_leaving_gives_up_the_viewers_work_at_once() -> None:
    # Found timing `q` after a first open of 1,000,000 events, while the cache was
    # written and the quotes checked: Textual cancels the workers only after it has
    # waited for its input thread (0.1-0.3 s), and meanwhile the viewer's threads went
    # on, holding the interpreter from the exit: 0.54 s from q to exit, against 0.39 s
    # on events.toml. Leaving (q, Ctrl+C, a closed terminal) now gives them up first.
    import threading

    from textual.worker import get_current_worker

    app = app_for()
    running = threading.Event()
    async with app.run_test(size=SIZE) as pilot:

        def work() -> None:
            running.set()
            get_current_worker().cancelled_event.wait(timeout=60)

        worker = app.run_worker(work, thread=True)
        await wait_until(pilot, running.is_set, "the work to start")
        assert not worker.is_cancelled
        app.exit()
        assert worker.is_cancelled  # at once, before the app begins to close


async def test_a_dialog_pushed_over_the_main_screen_takes_its_toasts_away() -> None:
    # Bug fixed: pressed within seconds of opening, `f` showed the filter picker under
    # the toast of the warnings found on opening (over its speakers, at 80x24).
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.notify("4 warnings: ! lists them")
        await wait_until(pilot, lambda: len(app._notifications) == 1, "the toast")
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FilterPicker), "the picker")
        assert len(app._notifications) == 0


#: Spans, a display date (one warned about too), qualifiers, and a display date that
#: content markup would misread: what the lists to pick from must show as the rail does.
SPANS = """[timeline]
title = "Spans"

[[events]]
id = "years"
date = "2011/2012"
title = "Years of testing"

[[events]]
id = "summer"
date = "2010-07"
display_date = "summer 2010"
title = "Summer of testing"

[[events]]
id = "marked"
date = "2012-03"
display_date = 'March 2012 a\\[b] [/x]'
title = "Markup testing"

[[events]]
id = "wrong"
date = 2018-07-16
display_date = "17 July 2018"
title = "Wrong testing"

[[events]]
id = "holmes"
date = 2021-11-19
end_date = 2021-12-08
title = "Holmes testifies"
in_reply_to = "nowhere"

[[events]]
id = "circa"
date = 2019-04-02
circa = true
end_date = 2019-04-05
title = "Circa testing"
"""
#: Each event's date in those lists: the rail's, with its end, its qualifier and its
#: year (a list has no headings), or its display date.
LISTED_DATES = {
    "Summer of testing": "summer 2010",
    "Years of testing": "2011 – 2012",
    "Markup testing": "March 2012 a\\[b] [/x]",
    "Wrong testing": "17 July 2018",
    "Circa testing": "circa 2 Apr 2019 – 5 Apr 2019",
    "Holmes testifies": "19 Nov 2021 – 8 Dec 2021",
}


async def test_the_lists_to_pick_from_show_dates_as_the_rail_does(tmp_path: Path) -> None:
    # Found trying the tool: the `M` and `!` lists and the palette's "Go to" showed each
    # event's start alone ("19 Nov 2021" for a span the rail shows as "Fri 19–8 Dec",
    # "2011" for 2011/2012) and the computed date where the rail shows the display date
    # ("Jul 2010" for "summer 2010").
    from textual.command import CommandList
    from textual.widgets import OptionList

    from timeline.read import load_files
    from timeline.ui.screens.matches import MatchList, WarningList

    path = tmp_path / "spans.toml"
    path.write_text(SPANS, encoding="utf-8")
    result = load_files([path])
    assert result.timeline is not None
    assert {p.event for p in result.warnings} == {"wrong", "holmes"}  # one of display_date

    def rows() -> list[str]:
        listing = app.screen.query_one(OptionList)
        return [str(listing.get_option_at_index(n).prompt) for n in range(listing.option_count)]

    def dated(row: str) -> tuple[str, str]:
        title = next(t for t in LISTED_DATES if t in row)
        return title, row.split(title)[0].strip()

    app = TimelineApp([str(path)], result.timeline, poll=False, warnings=result.problems)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"test", "enter", "M")
        await wait_until(pilot, lambda: isinstance(app.screen, MatchList), "the matches")
        assert dict(map(dated, rows())) == LISTED_DATES
        await pilot.press("escape", "exclamation_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, WarningList), "the warnings")
        said = [dated(row.split("\n")[0]) for row in rows()]
        assert said == [(t, LISTED_DATES[t]) for t in ("Wrong testing", "Holmes testifies")]
        await pilot.press("escape", "ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"go to")
        await wait_until(pilot, lambda: "Circa" in palette_options(app), "the events")
        options = app.screen.query_one(CommandList)
        hits = [options.get_option_at_index(i).prompt for i in range(options.option_count)]
        # Each hit's label, then its help on the line below: the date, as written.
        lines = [str(hit).split("\n") for hit in hits]
        found = {label.removeprefix("Go to: "): help for label, help in lines}
        assert found == LISTED_DATES


def test_related_events_show_their_dates_as_the_rail_does() -> None:
    # The detail pane's links ("in reply to", "replied to by") showed the start alone
    # and the computed date over the display date, as the lists did.
    import io

    from rich.console import Console

    from timeline.model import Event, Timeline, When
    from timeline.ui.widgets.detail import describe_event

    span = Event(id="span", title="Span", when=When(2021, 11, 19), end=When(2021, 12, 8))
    summer = Event(id="summer", title="Summer", when=When(2010, 7), display_date="summer 2010")
    reply = Event(id="r", title="R", when=When(2022, 1, 1), in_reply_to="span")
    other = Event(id="o", title="O", when=When(2010, 8), in_reply_to="summer")
    timeline = Timeline(title="T", events=(summer, other, span, reply))
    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    console.print(describe_event(reply, timeline))
    console.print(describe_event(other, timeline))
    shown = console.export_text()
    assert "in reply to: ▸ Span (19 Nov 2021 – 8 Dec 2021)" in shown
    assert "in reply to: ▸ Summer (summer 2010)" in shown

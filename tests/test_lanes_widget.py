"""The lanes widget in a small app of its own: keys, mouse, theme, and snapshots.

Update the snapshots with `pytest tests/test_lanes_widget.py --snapshot-update`, then
look at the SVGs under tests/__snapshots__/test_lanes_widget/.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult

from timeline.dates.calendar import civil_from_day, day_number
from timeline.model import Era, Event, Precision, Qualifier, Quote, Timeline, When
from timeline.read.toml import load_file
from timeline.show.lanes import MODES
from timeline.ui.widgets.lanes import Lanes

ROOT = Path(__file__).resolve().parent.parent
SIZE = (120, 35)
Snap = Callable[..., bool]


class LanesApp(App[None]):
    """The widget alone, filling the screen, on a timeline."""

    def __init__(self, timeline: Timeline, cursor: int = 0) -> None:
        super().__init__()
        self.timeline = timeline
        self.start = cursor

    def compose(self) -> ComposeResult:
        yield Lanes(id="lanes")

    def on_mount(self) -> None:
        lanes = self.query_one(Lanes)
        events = self.timeline.events
        lanes.set_events(events, range(len(events)), self.start, self.timeline.eras)
        lanes.focus()


def events_toml() -> Timeline:
    timeline = load_file(ROOT / "events.toml").timeline
    assert timeline is not None
    return timeline


def position_of(timeline: Timeline, event_id: str) -> int:
    found = timeline.index_of(event_id)
    assert found is not None
    return found


def selected_id(app: LanesApp) -> str:
    event = app.query_one(Lanes).selected
    assert event is not None
    return event.id


def screen_text(app: LanesApp) -> list[str]:
    lanes = app.query_one(Lanes)
    return [lanes.render_line(y).text for y in range(lanes.size.height)]


def year(value: int, **kwargs: Any) -> When:
    return When(value, precision=Precision.YEAR, **kwargs)


def three_centuries() -> Timeline:
    """Ranges, eras, months, circa dates and bounds from 1750 to 1950."""
    wars = [
        ("seven-years", year(1756), year(1763), "Seven Years' War", "Wars"),
        ("revolution", year(1775), year(1783), "American Revolutionary War", "Wars"),
        ("napoleonic", year(1803), year(1815), "Napoleonic Wars", "Wars"),
        (
            "crimean",
            When(1853, 10, precision=Precision.MONTH),
            When(1856, 3, 30),
            "Crimean War",
            "Wars",
        ),
        ("great-war", When(1914, 7, 28), When(1918, 11, 11), "First World War", "Wars"),
        ("second-war", When(1939, 9, 1), When(1945, 9, 2), "Second World War", "Wars"),
    ]
    points = [
        ("watt", year(1769), "Watt patents his steam engine", "Science"),
        (
            "smith",
            year(1776, qualifier=Qualifier.CIRCA),
            "Smith publishes The Wealth of Nations",
            "Books",
        ),
        ("bastille", When(1789, 7, 14), "The Bastille is stormed", "Politics"),
        ("darwin", When(1859, 11, 24), "On the Origin of Species", "Books"),
        ("telephone", When(1876, 3, precision=Precision.MONTH), "Bell's telephone", "Science"),
        ("manifesto", When(1848, 2, 21), "The Communist Manifesto", "Books"),
        ("flight", When(1903, 12, 17), "The Wright brothers fly", "Science"),
        ("relativity", year(1905), "Special relativity", "Science"),
        (
            "before-war",
            When(1914, 7, 28, qualifier=Qualifier.BEFORE),
            "The July crisis",
            "Politics",
        ),
        (
            "after-war",
            When(1945, 9, 2, qualifier=Qualifier.AFTER),
            "The United Nations",
            "Politics",
        ),
    ]
    events = [
        Event(ident, start, title, end=end, group=group, kind="war")
        for ident, start, end, title, group in wars
    ] + [Event(ident, when, title, group=group) for ident, when, title, group in points]
    eras = (
        Era("Enlightenment", year(1750), year(1799)),
        Era("Industrial age", year(1800), year(1899)),
        Era("Age of the world wars", year(1914), year(1945)),
    )
    return Timeline("Three centuries", tuple(sorted(events, key=lambda e: e.when.key)), eras=eras)


def bce_ce() -> Timeline:
    """From the founding of Rome to Hadrian's wall, across year 0."""
    items = [
        (
            "rome",
            year(-753, qualifier=Qualifier.CIRCA),
            "Rome is founded (traditional date)",
            "Rome",
        ),
        ("republic", year(-509), "The Roman Republic", "Rome"),
        ("marathon", year(-490), "Battle of Marathon", "Greece"),
        ("socrates", year(-399), "Death of Socrates", "Greece"),
        ("alexander", year(-323), "Death of Alexander", "Greece"),
        ("caesar", When(-44, 3, 15), "Caesar is assassinated on the Ides of March", "Rome"),
        ("augustus", year(-27), "Augustus becomes emperor", "Rome"),
        ("vesuvius", When(79, 8, 24), "Vesuvius buries Pompeii", "Rome"),
        ("hadrian", year(122), "Hadrian's Wall is begun", "Britain"),
        ("claudius", year(43), "Claudius invades Britain", "Britain"),
    ]
    events = [Event(ident, when, title, group=group) for ident, when, title, group in items]
    events.append(
        Event("punic", year(-264), "Punic Wars", end=year(-146), group="Rome", kind="war")
    )
    eras = (Era("Classical Greece", year(-480), year(-323)),)
    return Timeline("Antiquity", tuple(sorted(events, key=lambda e: e.when.key)), eras=eras)


GROUPS = ("Company", "Non-profit", "Employees", "Press", "Supporters", "Government")
KINDS = ("tweet", "letter", "statement", "article", "pledge", "photo")


def many_events(count: int = 100_000, seed: int = 2018) -> Timeline:
    """Events spread over eight years, as benchmarks/generate.py makes them: some
    known to the month, some circa, some ranges; built directly, without TOML."""
    rng = random.Random(seed)
    start = day_number(2012, 1, 1)
    span = 365 * 8
    events = []
    for n in range(count):
        number = start + (n * span) // count + rng.randint(-20, 20)
        y, m, d = civil_from_day(number)
        roll = rng.random()
        end = None
        if roll < 0.08:
            when = When(y, m, precision=Precision.MONTH)
        elif roll < 0.12:
            when = When(y, m, d, qualifier=Qualifier.CIRCA)
        else:
            when = When(y, m, d)
            if rng.random() < 0.05:
                end = When(*civil_from_day(number + rng.randint(1, 30)))
        events.append(
            Event(
                f"e{n:06d}",
                when,
                f"Event {n} about the contract",
                end=end,
                group=rng.choice(GROUPS),
                kind=rng.choice(KINDS),
                quotes=(Quote("said"),),
            )
        )
    return Timeline("Many", tuple(sorted(events, key=lambda e: e.when.key)))


# ---------------------------------------------------------------------- keys


async def test_h_l_j_k_move_and_the_selection_is_a_reactive() -> None:
    timeline = events_toml()
    app = LanesApp(timeline, position_of(timeline, "raices-letter"))
    seen: list[int] = []
    async with app.run_test(size=SIZE) as pilot:
        lanes = app.query_one(Lanes)

        def moved(position: int) -> None:
            seen.append(position)

        app.watch(lanes, "cursor", moved, init=False)
        await pilot.press("l")
        assert selected_id(app) == "salesforce-refuses"
        await pilot.press("h", "left")
        assert selected_id(app) == "salesforce-offer"
        await pilot.press("right")
        assert selected_id(app) == "raices-letter"
        await pilot.press("k")
        assert selected_id(app) == "protest-bridgeport"
        await pilot.press("up")
        assert selected_id(app) == "benioff-tweet"
        await pilot.press("j", "j")
        assert selected_id(app) == "raices-letter"
        await pilot.press("down")
        assert selected_id(app) == "chema-tweet"
        await pilot.press("end")
        assert lanes.cursor == len(timeline.events) - 1
        await pilot.press("home")
        assert lanes.cursor == 0
    assert seen[0] == position_of(timeline, "salesforce-refuses")


async def test_plus_minus_zoom_around_the_selection_and_0_fits() -> None:
    timeline = events_toml()
    app = LanesApp(timeline, position_of(timeline, "raices-letter"))
    async with app.run_test(size=SIZE) as pilot:
        lanes = app.query_one(Lanes)
        model = lanes.model
        fitted = model.view
        assert fitted is not None
        focus = model.index.focus_time(lanes.cursor)
        column = fitted.x(focus, model.width)
        await pilot.press("plus")
        assert model.view is not None
        assert model.view.span == pytest.approx(fitted.span / 2)
        assert model.view.x(focus, model.width) == pytest.approx(column)
        await pilot.press("minus", "minus")
        assert model.view.span == pytest.approx(fitted.span * 2)
        await pilot.press("0")
        assert model.view == fitted


async def test_L_switches_what_makes_a_lane() -> None:
    timeline = events_toml()
    app = LanesApp(timeline, position_of(timeline, "raices-letter"))
    async with app.run_test(size=SIZE) as pilot:
        lanes = app.query_one(Lanes)
        for mode in (*MODES[1:], MODES[0]):
            await pilot.press("L")
            assert lanes.mode == mode
            assert selected_id(app) == "raices-letter"
        await pilot.press("L")
        await pilot.pause()
        names = [line[:18].strip() for line in screen_text(app)]
        assert "Marc Benioff" in names and "RAICES" in names


async def test_the_screen_shows_lanes_axis_and_the_selected_label() -> None:
    timeline = events_toml()
    app = LanesApp(timeline, position_of(timeline, "raices-letter"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "8 Jul 2018" in text[0]
        assert text[1].startswith("days")
        names = [line[:12].strip() for line in text[2:] if line[:12].strip()]
        assert names == ["Salesforce", "Protests", "RAICES", "Supporters", "Press"]
        assert any("■ RAICES tells Salesforce" in line for line in text)
        assert sum(line.count("◁┄") for line in text) == 3  # three "before" events


async def test_a_click_selects_and_the_wheel_zooms_around_the_pointer() -> None:
    timeline = events_toml()
    app = LanesApp(timeline, 0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lanes = app.query_one(Lanes)
        text = screen_text(app)
        row = next(y for y, line in enumerate(text) if "▣" in line)
        await pilot.click(Lanes, offset=(text[row].index("▣"), row))
        assert selected_id(app) == "protest-bridgeport"
        model = lanes.model
        before = model.view
        assert before is not None
        x = 60
        under = before.time_at(x - lanes._names_width() + 0.5, model.width)
        lanes.post_message(_scroll(lanes, x, row, up=True))
        await pilot.pause()
        assert model.view is not None
        assert model.view.span < before.span
        assert model.view.x(under, model.width) == pytest.approx(
            before.x(under, model.width), abs=0.01
        )
        lanes.post_message(_scroll(lanes, x, row, up=False))
        await pilot.pause()
        assert model.view.span == pytest.approx(before.span)


def _scroll(widget: Lanes, x: int, y: int, *, up: bool) -> Any:
    from textual.events import MouseScrollDown, MouseScrollUp

    kind = MouseScrollUp if up else MouseScrollDown
    return kind(widget, x, y, 0, 0, 0, False, False, False, screen_x=x, screen_y=y)


async def test_selection_set_from_outside_pans_the_view() -> None:
    timeline = three_centuries()
    app = LanesApp(timeline, 0)
    async with app.run_test(size=SIZE) as pilot:
        lanes = app.query_one(Lanes)
        for _ in range(6):
            await pilot.press("plus")
        last = len(timeline.events) - 1
        lanes.cursor = last
        await pilot.pause()
        model = lanes.model
        assert model.view is not None
        column = model.view.cell(model.index.focus_time(last), model.width)
        assert 0 <= column < model.width
        assert any(timeline.events[last].title[:10] in line for line in screen_text(app))


async def test_text_from_the_file_is_shown_literally() -> None:
    hostile = Event(
        "x",
        When(2018, 7, 1),
        "[bold red]markup[/] and \x1b[31mescape",
        group="[link=https://example.com]g[/link]",
    )
    app = LanesApp(Timeline("t", (hostile,)), 0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = "\n".join(screen_text(app))
        assert "[bold red]markup[/] and ␛[31mescape" in text
        assert "[link=https://" in text
        assert "\x1b" not in text


async def test_search_matches_are_marked() -> None:
    timeline = events_toml()
    app = LanesApp(timeline, 0)
    async with app.run_test(size=SIZE) as pilot:
        lanes = app.query_one(Lanes)
        await pilot.pause()
        letter = position_of(timeline, "raices-letter")
        plain = _style_of(lanes, "RAICES tells")
        lanes.set_matches([letter])
        await pilot.pause()
        assert _style_of(lanes, "RAICES tells") != plain


def _style_of(lanes: Lanes, text: str) -> Any:
    for y in range(lanes.size.height):
        for segment in lanes.render_line(y):
            if text in segment.text:
                return segment.style
    raise AssertionError(f"{text!r} is not on screen")


async def test_lanes_that_do_not_fit_scroll_to_the_selection() -> None:
    events = [
        Event(f"e{n}", When(2018, 1, 1 + n), f"Event {n}", group=f"G{n:02d}") for n in range(30)
    ]
    app = LanesApp(Timeline("t", tuple(events)), 0)
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        for _ in range(25):
            await pilot.press("j")
        assert selected_id(app) == "e25"
        assert any(line.startswith("G25") for line in screen_text(app))


async def test_a_short_view_gives_its_spare_rows_to_the_lanes_that_need_them() -> None:
    # The viewer at 80x24 had 8 rows for 5 lanes: a row each and 3 blank below, while
    # the RAICES lane showed "■ RAICES t… 1", its second event a count over the label.
    timeline = events_toml()
    app = LanesApp(timeline, position_of(timeline, "raices-letter"))
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert all(line.strip() for line in text)
        raices = next(n for n, line in enumerate(text) if line.startswith("RAICES"))
        assert "■ RAICES tells Salesforce it" in text[raices]
        assert "RAICES announces" in text[raices + 1]


async def test_emoji_in_titles_and_lane_names_keep_the_columns() -> None:
    # Terminals draw 👍🏽, 🏳️‍🌈 and 👩‍👩‍👧‍👦 at widths of their own: lines holding them
    # ran past the widget's edge (over the detail pane's divider in the viewer).
    title = "Ev 0-1 👍🏽 🏳️‍🌈 wide 漢字漢字漢字 title"
    events = tuple(
        Event(f"e{n}", When(2022, 1 + n, 10), title, group="👩‍👩‍👧‍👦 family group")
        for n in range(3)
    )
    app = LanesApp(Timeline("t", events), 1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert text[2].startswith("👩👩👧👦 family…")
        assert "👍 🏳🌈 wide 漢字" in "\n".join(text)
        for line in text:
            # Each character as wide as counted, as a terminal that joins nothing draws.
            assert sum(cell_len(char) for char in line) == SIZE[0]


async def test_an_uncertain_date_is_drawn_with_a_question_mark() -> None:
    # "2019-09-02?" made the lanes view a traceback.
    timeline = Timeline(
        "Uncertain",
        (
            Event("a", When(2019, 8, 30), "Audit ends"),
            Event("b", When(2019, 9, 2, qualifier=Qualifier.UNCERTAIN), "Auditor resigns"),
        ),
    )
    app = LanesApp(timeline, 0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = "\n".join(screen_text(app))
        # Days are wide at this scale: each is a span, the uncertain one opened by "?".
        assert "├───" in text and "?╌╌╌" in text and "┤ Auditor resigns" in text
        assert "◌" not in text  # not drawn as circa


async def test_a_light_theme_keeps_marks_and_labels_distinct() -> None:
    timeline = events_toml()
    app = LanesApp(timeline, 0)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "textual-light"
        await pilot.pause()
        lanes = app.query_one(Lanes)
        label = _style_of(lanes, "Protest against")
        background = lanes.rich_style.bgcolor
        assert label.color is not None and background is not None
        assert label.color != background


def council_bounds() -> Timeline:
    timeline = load_file(ROOT / "tests" / "fixtures" / "council_bounds.toml").timeline
    assert timeline is not None
    return timeline


@pytest.mark.parametrize("lines", [10, 5])
async def test_at_66_columns_no_mark_reads_as_part_of_another_event(lines: int) -> None:
    # The viewer at 66x24 (the lanes 66x10) on the trial's pic3.toml showed
    # "◁┄○┄▷ Mayor's o…" over "◁┄○ Auditor res…", and in a short terminal "◁┄○┄▷"
    # over "◁┄3": the "before 2000" event's mark, its label dropped, beside the
    # "after 2019-03-04" one's read as one event bounded on both sides.
    timeline = council_bounds()
    app = LanesApp(timeline, 0)
    async with app.run_test(size=(66, lines)) as pilot:
        for _ in timeline.events:
            await pilot.pause()
            text = "\n".join(screen_text(app))
            for bare in ("◁┄ ┄▷", "◁┄○", "○┄▷", "◁┄◌", "◌┄▷"):
                assert bare not in text
            assert not re.search("[◁┄▷○◌][0-9+]", text)  # nor a mark touching a count
            selected = app.query_one(Lanes).selected
            assert selected is not None
            assert selected.title[:10] in text
            await pilot.press("l")


# ---------------------------------------------------------------------- snapshots


def test_snapshot_events_toml(snap_compare: Snap) -> None:
    timeline = events_toml()
    app = LanesApp(timeline, position_of(timeline, "raices-letter"))
    assert snap_compare(app, terminal_size=SIZE)


def test_snapshot_ranges_and_eras_over_three_centuries(snap_compare: Snap) -> None:
    timeline = three_centuries()
    app = LanesApp(timeline, position_of(timeline, "napoleonic"))
    assert snap_compare(app, terminal_size=SIZE)


def test_snapshot_bce_and_ce(snap_compare: Snap) -> None:
    timeline = bce_ce()
    app = LanesApp(timeline, position_of(timeline, "caesar"))
    assert snap_compare(app, terminal_size=SIZE)


def test_snapshot_100000_events(snap_compare: Snap) -> None:
    timeline = many_events()
    app = LanesApp(timeline, 50_000)
    assert snap_compare(app, terminal_size=SIZE)


def test_snapshot_100000_events_zoomed_in(snap_compare: Snap) -> None:
    timeline = many_events()
    app = LanesApp(timeline, 50_000)
    assert snap_compare(app, press=["plus"] * 8, terminal_size=SIZE)


def _ids(events: Sequence[Event]) -> list[str]:
    return [event.id for event in events]


def test_many_events_are_chronological() -> None:
    events = many_events(2000).events
    assert _ids(sorted(events, key=lambda e: e.when.key)) == _ids(events)


async def test_100000_events_key_presses_draw_only_the_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Layout work follows the screen: a key press lays out at most the two lanes of
    # the old and new selection, each bounded by the width, not by the events.
    from timeline.show.placement import place_lane as place

    calls: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return place(*args, **kwargs)

    monkeypatch.setattr("timeline.show.lanes_view.place_lane", counted)
    app = LanesApp(many_events(), 50_000)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(5):
            await pilot.press("plus")
        await pilot.pause()
        calls.clear()
        await pilot.press("l")
        await pilot.pause()
        assert 1 <= len(calls) <= 2

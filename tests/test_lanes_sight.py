"""Lanes out of sight: with more lanes than rows the lanes scroll, and the timeline
pane's top border says how many are above and below and the keys that reach them.

At 60x20, two of eight lanes were below the screen with nothing saying they were
there, and scrolling to the last lane left the rows above it blank.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from conftest import app_for, wait_until
from test_lanes_widget import LanesApp, screen_text, selected_id

from timeline.model import Event, Timeline, When
from timeline.show.marks import COUNT, MARK_ROLES, Piece
from timeline.ui.widgets.lanes import Lanes, out_of_sight


def grouped(groups: int) -> list[Event]:
    """Three events a group, each group a month later than the one before."""
    return [
        Event(
            f"e{g}-{n}", When(2018, 1 + g % 12, 1 + 9 * n), f"Event {n} of {g}", group=f"G{g:02d}"
        )
        for g in range(groups)
        for n in range(3)
    ]


def grouped_file(path: Path, groups: int) -> Path:
    lines = ["[timeline]", f'title = "{groups} groups"']
    for event in grouped(groups):
        when = event.when
        lines += [
            "[[events]]",
            f'id = "{event.id}"',
            f"date = {when.year}-{when.month:02d}-{when.day:02d}",
            f'title = "{event.title}"',
            f'group = "{event.group}"',
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_what_the_border_says() -> None:
    assert out_of_sight(8, range(0, 8), focused=True) == ""
    assert out_of_sight(1, range(0, 1), focused=False) == ""
    assert out_of_sight(8, range(0, 6), focused=True) == "8 lanes, 2 below: ↓ PgDn"
    assert out_of_sight(8, range(2, 8), focused=True) == "8 lanes, 2 above: ↑ PgUp"
    assert (
        out_of_sight(30, range(6, 12), focused=True)
        == "30 lanes, 6 above: ↑ PgUp, 18 below: ↓ PgDn"
    )
    assert (
        out_of_sight(30, range(6, 12), focused=False)
        == "30 lanes, 6 above, 18 below: Tab to here, then ↑ ↓"
    )


async def test_the_pane_counts_the_lanes_out_of_sight_at_60x20(tmp_path: Path) -> None:
    app = app_for(grouped_file(tmp_path / "eight.toml", 8), lanes=True)
    async with app.run_test(size=(60, 20)) as pilot:
        lanes = app.main.query_one(Lanes)
        pane = app.main.query_one("#left")
        await wait_until(pilot, lambda: lanes.display and lanes.sight != "", "the lanes")
        assert pane.border_title == " Timeline · 8 lanes, 2 below: ↓ PgDn "
        await pilot.press("tab")
        assert pane.border_title == " Timeline · 8 lanes, 2 below: Tab to here, then ↓ "
        await pilot.press("tab", "end")
        assert pane.border_title == " Timeline · 8 lanes, 2 above: ↑ PgUp "
        await pilot.press("v")  # the list: no lanes to count
        assert pane.border_title == " Timeline "


async def test_every_lane_is_in_sight_or_counted_at_each_size(tmp_path: Path) -> None:
    for groups in (1, 8, 30):
        path = grouped_file(tmp_path / f"{groups}.toml", groups)
        for size in ((120, 35), (80, 24), (60, 20)):
            app = app_for(path, lanes=True)
            async with app.run_test(size=size) as pilot:
                lanes = app.main.query_one(Lanes)
                await wait_until(pilot, lambda: lanes.display, "the lanes")  # noqa: B023
                await pilot.pause()
                names = [line[:3] for line in screen_text(app.main) if line.startswith("G")]
                said = str(app.main.query_one("#left").border_title)
                hidden = groups - len(names)
                assert (f"{hidden} below" in said) == (hidden > 0), (groups, size, said)


async def test_pgdn_and_pgup_go_a_screenful_of_lanes_and_the_last_fills_the_screen() -> None:
    app = LanesApp(Timeline("t", tuple(grouped(30))), 0)
    async with app.run_test(size=(80, 12)) as pilot:
        lanes = app.query_one(Lanes)
        await pilot.pause()
        in_sight = [line[:3] for line in screen_text(app) if line.startswith("G")]
        assert len(in_sight) == 10 and lanes.sight == "30 lanes, 20 below: ↓ PgDn"
        await pilot.press("pagedown")
        assert lanes.model.index.lane_of[lanes.cursor] == 10
        await pilot.press("pagedown", "pagedown", "pagedown")  # no further than the last
        assert lanes.model.index.lane_of[lanes.cursor] == 29
        # The last lane at the bottom, nine above it: no blank row while lanes are above.
        text = screen_text(app)
        assert all(line.strip() for line in text), text
        assert lanes.sight == "30 lanes, 20 above: ↑ PgUp"
        await pilot.press("pageup")
        assert lanes.model.index.lane_of[lanes.cursor] == 19
        await pilot.press("k")
        assert lanes.model.index.lane_of[lanes.cursor] == 18
        assert selected_id(app).startswith("e")


async def test_the_corner_says_what_the_lanes_are_whole() -> None:
    # Beside short names "by group" was cut to "by gro…", and one lane was "by single".
    app = LanesApp(Timeline("t", tuple(grouped(3))), 0)
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        assert screen_text(app)[0].startswith("by group ")
        await pilot.press("L", "L", "L")
        assert screen_text(app)[0].startswith("one lane ")


async def test_z_and_Z_zoom_the_lanes_not_the_hidden_strip() -> None:
    # In the lanes view z and Z changed the overview strip, which the view hides, and
    # said "Overview scale: hour".
    app = app_for(lanes=True)
    async with app.run_test(size=(80, 24)) as pilot:
        lanes = app.main.query_one(Lanes)
        await wait_until(pilot, lambda: lanes.display and lanes.model.view is not None)
        span = lanes.model.view.span
        scale = app.main.overview.scale
        await pilot.press("z")
        assert lanes.model.view.span < span and app.main.overview.scale == scale
        await pilot.press("Z", "Z")
        assert lanes.model.view.span > span and app.main.overview.scale == scale
        assert not any("Overview scale" in n.message for n in app._notifications)


def bound_among_groups(path: Path) -> Path:
    """A court's filings, then a hearing known only to be before 1 March, and five
    groups of three events: at 60x20 every lane has one row."""
    lines = ["[timeline]", 'title = "Counts at the edge"']

    def add(event_id: str, date: str, title: str, group: str) -> None:
        lines.extend(["[[events]]", f'id = "{event_id}"', f'date = "{date}"', f'title = "{title}"'])
        lines.append(f'group = "{group}"')

    for n in range(1, 6):
        add(f"filing-{n}", f"2018-02-{20 + n}", f"Filing number {n} in the case", "Court")
    add("hearing", "before 2018-03-01", "Hearing scheduled before March", "Court")
    add("ruling", "2018-03-20", "The court rules on the motion", "Court")
    add("appeal", "2018-06-01", "The appeal is filed", "Court")
    add("press", "2018-04-01", "A statement to the press", "Press")
    for group in range(5):
        for n in range(3):
            add(
                f"g{group}-{n}",
                f"2018-{3 + 2 * n:02d}-{5 + group:02d}",
                "Another event",
                f"G{group}",
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def test_no_count_stands_against_the_selected_mark_at_the_edge(tmp_path: Path) -> None:
    # `timeline FILE --view lanes --at g0-0` at 60x20, then + and h: the hearing,
    # "before 1 March", selected 3 cells from the left edge (as near as selecting
    # allowed), its "before" mark in the two cells left of that and the filings
    # counted in the one cell left: "Court     2◁┄ Hearing… 4", two events "before".
    app = app_for(bound_among_groups(tmp_path / "court.toml"), lanes=True, at="g0-0")
    async with app.run_test(size=(60, 20)) as pilot:
        lanes = app.main.query_one(Lanes)
        await wait_until(pilot, lambda: lanes.display and lanes.model.view is not None)
        await pilot.press("+", "h")
        assert selected_id(app.main) == "hearing"
        (court,) = [line for line in screen_text(app.main) if line.startswith("Court")]
        mark = court.index("◁┄")
        assert court[mark - 1] == " ", court
        for key in ("-", "+", "+", "-", "-"):
            await pilot.press(key)
            for line in lanes.model.frame().lines:
                assert_apart(line.pieces, lanes.model.selection)


def assert_apart(pieces: Sequence[Piece], selected: int) -> None:
    """No count on the selected mark's first or last cell, nor in the cell beside
    either (one between its ends, over a span or bar, keeps them)."""
    mine = [p for p in pieces if p.position == selected and p.role in MARK_ROLES]
    if not mine:
        return
    first, end = min(p.column for p in mine), max(p.end for p in mine)
    for count in (p for p in pieces if p.role == COUNT):
        assert count.column not in (first - 1, first, end - 1, end), (count, mine)


async def test_g_and_G_go_to_the_first_and_last_event_in_the_lanes_too() -> None:
    # The help lists "End G Last" and "Home g First" for the timeline; in the lanes
    # view G and g did nothing, without a word, while End and Home went.
    app = app_for(lanes=True)
    async with app.run_test(size=(60, 20)) as pilot:
        lanes = app.main.query_one(Lanes)
        await wait_until(pilot, lambda: lanes.display and lanes.model.view is not None)
        await pilot.press("G")
        assert lanes.cursor == len(lanes.model.shown) - 1
        assert app.view.cursor == lanes.cursor
        await pilot.press("g")
        assert lanes.cursor == 0 and app.view.cursor == 0

"""The rail's rows: columns sized to what they hold, dates never cut, emoji that line up.

Rows are read as the rail draws them (`render_line`), at the widths a terminal gives
the rail: 72 cells at 120 columns, 60 at 100 (the panes side by side), 80 at 80.
"""

from __future__ import annotations

import io
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import pytest
from conftest import EVENTS, app_for, generated, loaded, wait_until
from rich.cells import cell_len

from timeline.dates import has_gap
from timeline.dates.show import listed_under
from timeline.model import Era, Event, Precision, Qualifier, When
from timeline.read.toml import load_text
from timeline.show.rail import (
    DATE_LIMIT,
    ERA,
    EVENT,
    GAP,
    MONTH,
    TITLE_ROOM,
    YEAR,
    Rows,
    columns,
    fit_date,
    heading_top,
    lay_out,
    measure,
    position_near_row,
    rail_date,
    rail_dates,
    visible_positions,
)
from timeline.text import is_clean
from timeline.ui.widgets.rail import Rail

LONG = "Salesforce employees ask their CEO to cancel the contract with Customs and Border"


def timeline_file(tmp_path: Path, events: list[dict[str, str]], name: str = "t.toml") -> Path:
    """A timeline of these events (their `date` as written in TOML, the rest strings)."""
    lines = ['[timeline]\ntitle = "Rows"\n']
    for n, fields in enumerate(events):
        lines.append(f'[[events]]\nid = "e{n}"\ndate = {fields.get("date", "2018-07-16")}\n')
        for key, value in fields.items():
            if key != "date":
                lines.append(f"{key} = {value!r}\n".replace("'", '"'))
    path = tmp_path / name
    path.write_text("".join(lines), encoding="utf-8")
    return path


def event_rows(rail: Rail) -> list[str]:
    """The text of each event row on screen, top to bottom."""
    top = int(rail.scroll_offset.y)
    rows = []
    for y in range(rail.size.height):
        row = top + y
        if row < len(rail.row_kinds) and rail.row_kinds[row] == EVENT:
            rows.append(rail.render_line(y).text)
    return rows


class Shown(NamedTuple):
    """What the rail showed: its width, its columns' widths, its event rows."""

    width: int
    columns: tuple[int, int, int]
    rows: list[str]


async def shown_rows(path: Path, size: tuple[int, int]) -> Shown:
    app = app_for(path)
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: app.main.rail.shown, "events shown")
        await pilot.pause()
        rail = app.main.rail
        width = rail.size.width
        return Shown(width, rail.columns(width), event_rows(rail))


@pytest.mark.parametrize("size", [(120, 35), (100, 30), (110, 30)])
async def test_without_speakers_the_title_takes_the_speaker_column(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    # Bug fixed: titles were cut at 34 cells at 120 columns and 24 at 100 to 119, with
    # an empty speaker column beside them.
    path = timeline_file(tmp_path, [{"title": LONG}, {"title": "Short"}])
    width, _, rows = await shown_rows(path, size)
    for row in rows:
        assert cell_len(row) == width
    # The title runs to the last cell but one: no room is kept for speakers.
    title = rows[0][rows[0].index("Salesforce") :].rstrip()
    assert rows[0].rstrip().endswith("…") and cell_len(rows[0].rstrip()) == width - 1
    assert cell_len(title) > 40
    assert LONG.startswith(title.rstrip("…"))


async def test_a_narrow_speaker_column_is_as_wide_as_its_speakers(tmp_path: Path) -> None:
    path = timeline_file(
        tmp_path, [{"title": LONG, "speaker": "RAICES"}, {"title": LONG, "speaker": "ICE"}]
    )
    width, (_, speakers, _), rows = await shown_rows(path, (120, 35))
    assert width == 72
    assert speakers == len("RAICES")
    for row, speaker in zip(rows, ("RAICES", "ICE"), strict=True):
        # Speakers end one cell from the edge, two blank cells after the title.
        assert row.endswith(f"{speaker} ")
        title = row[: -len(speaker) - 1].rstrip()
        assert title.endswith("…")
        assert cell_len(title) == 72 - 1 - len("RAICES") - 2


@pytest.mark.parametrize(
    ("width", "titles"),
    [(72, TITLE_ROOM), (66, TITLE_ROOM), (60, 40), (80, 42)],
)
def test_the_title_gets_its_room_before_the_speakers(width: int, titles: int) -> None:
    # "before Mon 16" (13 cells) and speakers of 16 cells or more, with status marks.
    date, speaker, title = columns(width, 13, 16, True)
    assert title == titles
    assert date == 13
    # Everything adds up to the row: two cells for the band, the marker, the status
    # mark, a blank after the date, two before the speaker, one at the end.
    assert 4 + 1 + date + 1 + title + (speaker + 2 if speaker else 0) + 1 == width
    # A speaker column too narrow to read is left out (the detail pane names them).
    assert speaker == 0 or speaker >= 8


def test_where_the_events_are_among_the_rows() -> None:
    from timeline.model import Event, When

    events = (
        Event("a", When(2017, 12, 30), "A", speaker="Ann"),
        Event("b", When(2018, 1, 2), "B", speaker="Bo"),
        Event("c", When(2018, 1, 3), "C"),
        Event("d", When(2018, 3, 1), "D", speaker="Ann"),
    )
    rows = lay_out(events, range(4), ())
    assert list(rows.kinds) == [
        *(YEAR, MONTH, EVENT, GAP),  # the time to the next event passes before its year
        *(YEAR, MONTH, EVENT, GAP),
        *(EVENT, GAP),
        *(MONTH, EVENT),
    ]
    assert list(rows.row_of) == [2, 6, 8, 11]
    assert heading_top(rows.kinds, 6) == 4  # a new year brings its headings into view
    assert heading_top(rows.kinds, 8) == 8
    assert visible_positions(rows.row_of, 0, 3) == (0, 0)
    assert visible_positions(rows.row_of, 3, 100) == (1, 3)
    assert visible_positions(array("i"), 0, 10) == (0, -1)
    assert position_near_row(rows.row_of, 5) == 1  # a heading: the event below it
    assert position_near_row(rows.row_of, 999) == 3
    dates = max(cell_len(rail_date(event)) for event in events[:2])
    assert measure(events, range(4), 0, 2) == (dates, 3)  # around the first: Ann and Bo


async def test_the_date_column_fits_the_widest_date(tmp_path: Path) -> None:
    # Bug fixed: a 14-cell column cut "before Fri 14 09:30" to "before Fri 14…".
    path = timeline_file(
        tmp_path,
        [
            {"date": '"before 2018-09-14T09:30"', "title": "A"},
            {"date": "2018-09-17", "title": "B", "speaker": "Someone"},
        ],
    )
    _, _, rows = await shown_rows(path, (120, 35))
    assert "before Fri 14 09:30 " in rows[0]
    # Every row's title starts in the same column, after the widest date: the band (two
    # cells), the marker and a blank, the date and a blank.
    starts = {row.index(title) for row, title in zip(rows, "AB", strict=True)}
    assert starts == {4 + len("before Fri 14 09:30") + 1}


async def test_a_long_display_date_is_cut_within_reason(tmp_path: Path) -> None:
    said = "sometime in the late summer of that year, before the vote"
    path = timeline_file(tmp_path, [{"title": "A", "display_date": said}])
    _, (dates, _, _), rows = await shown_rows(path, (160, 40))
    assert dates == DATE_LIMIT
    assert said[: DATE_LIMIT - 1] + "…" in rows[0]
    # On a narrower rail the date takes a third of the row at most.
    width, (dates, _, _), rows = await shown_rows(path, (120, 35))
    assert dates == (width - 6) // 3 == 22
    assert said[:21] + "…" in rows[0]


@pytest.mark.parametrize("size", [(120, 35), (80, 24), (60, 20)])
async def test_a_long_display_date_leaves_the_speakers_their_column(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    # Bug fixed: one display date of 27 cells took a third of the row at 120 columns,
    # and the speaker column, left under 8 cells, went from every row.
    said = "Sunday evening, 8 July 2018"
    path = timeline_file(
        tmp_path,
        [
            {"date": "2018-07-08", "display_date": said, "title": LONG, "speaker": "Marc Benioff"},
            {"date": "2018-07-16", "title": "Short", "speaker": "RAICES", "status": "confirmed"},
        ],
    )
    width, (dates, speakers, titles), rows = await shown_rows(path, size)
    assert titles >= TITLE_ROOM or not speakers
    if width - 7 - dates >= TITLE_ROOM + 2 + 8:  # room for the least speaker column
        assert speakers >= 8, (width, dates, speakers, titles)
    for row, speaker in zip(rows, ("Marc Benioff", "RAICES"), strict=True):
        assert cell_len(row) == width
        end = row.rstrip()
        if speakers:
            # The speaker whole, or cut where it says so, after two blank cells.
            assert end[-speakers - 2 : -speakers] == "  " or len(speaker) < speakers
            shown = end[-speakers:].strip()
            assert shown == speaker or (shown.endswith("…") and speaker.startswith(shown[:-1]))
    # The display date, cut where it says so, before the title.
    assert f" {said[: dates - 1]}… Salesforce" in rows[0]
    assert {120: True, 80: True, 60: False}[size[0]] == bool(speakers)


def test_a_range_in_a_day_shows_its_end_as_a_time() -> None:
    # Bug fixed: the end repeated the day ("Mon 16 14:00–Mon 16 16:00", 25 cells), so
    # the date column (at most 24) cut its end at any width.
    def span(start: When, end: When) -> Event:
        return Event("a", start, "A", end=end)

    minutes = span(
        When(2018, 7, 16, 14, 0, precision=Precision.MINUTE),
        When(2018, 7, 16, 16, 0, precision=Precision.MINUTE),
    )
    assert rail_date(minutes) == "Mon 16 14:00–16:00"
    hours = span(
        When(2018, 7, 16, 14, precision=Precision.HOUR),
        When(2018, 7, 16, 16, precision=Precision.HOUR),
    )
    assert rail_date(hours) == "Mon 16 14h–16h"
    from_a_day = span(When(2018, 7, 16), When(2018, 7, 16, 16, 30, precision=Precision.MINUTE))
    assert rail_date(from_a_day) == "Mon 16–16:30"
    # Another day of the month keeps its day, and the month is not said again.
    days = span(
        When(2018, 7, 16, 14, 0, precision=Precision.MINUTE),
        When(2018, 7, 19, 16, 0, precision=Precision.MINUTE),
    )
    assert rail_date(days) == "Mon 16 14:00–Thu 19 16:00"


@pytest.mark.parametrize(
    ("date", "width", "shown"),
    [
        ('"2018-07-16T14:00/2018-07-16T16:00"', 18, "Mon 16 14:00–16:00"),
        ('"2018-07-16T14:00/2018-07-16T16:00"', 17, "16 14:00–16:00"),
        ('"2018-07-16T14:00/2018-07-19T16:00"', 24, "Mon 16 14:00–19 16:00"),
        ('"2018-07-16T14:00/2018-07-19T16:00"', 17, "16 14:00–19 16:00"),
        ('"circa 16–19 July 2018"', 19, "c. Mon 16–c. Thu 19"),
        ('"circa 16–19 July 2018"', 17, "c. Mon 16–c. 19"),
        ('"circa 16–19 July 2018"', 12, "c. 16–c. 19"),
        ('"2018-07-30/2018-08-02"', 10, "30–2 Aug"),
        # A single date too: "before Tue 16 09…" at 60x20 hid the time.
        ('"before 2018-07-17T09:30"', 17, "before 17 09:30"),
        ('"after 2018-07-21T14:00"', 16, "after 21 14:00"),
        ('"circa 2018-07-19"', 7, "c. 19"),
        ('"2018-07-19T14:05"', 12, "Thu 19 14:05"),
        # Even the shortest form too wide: cut, its start whole.
        ('"2018-07-16T14:00/2018-07-19T16:00"', 12, "16 14:00–19…"),
    ],
)
def test_a_narrow_date_column_gets_a_shorter_form_before_a_cut(
    date: str, width: int, shown: str
) -> None:
    # Bug fixed: a date wider than its column was cut ("c. Mon 16–c. Thu …" at 60x20)
    # though a shorter form, as exact, fitted: the weekdays can go, the day and the
    # month heading say as much.
    text = f'[timeline]\ntitle = "Forms"\n[[events]]\nid = "a"\ntitle = "A"\ndate = {date}\n'
    timeline = load_text(text).timeline
    assert timeline is not None
    assert fit_date(rail_dates(timeline.events[0]), width) == shown


@pytest.mark.parametrize("size", [(120, 35), (80, 24), (60, 20)])
async def test_a_range_is_shown_whole_at_every_size(tmp_path: Path, size: tuple[int, int]) -> None:
    # Bug fixed: "Mon 16 14:00–Mon 16 1…" at 120x35, "Mon 16 14:00–Mon 16 16:…" at
    # 80x24, "c. Mon 16–c. Thu …" at 60x20.
    path = timeline_file(
        tmp_path,
        [
            {
                "date": '"2018-07-16T14:00/2018-07-16T16:00"',
                "title": "Talks",
                "status": "confirmed",
            },
            {"date": '"circa 16–19 July 2018"', "title": "Visit", "speaker": "Someone"},
        ],
    )
    width, (dates, _, _), rows = await shown_rows(path, size)
    # The circa days sort before the day's hours; at 60 columns the date column is a
    # third of the rail's row (17 cells), and the weekdays go.
    shown = {
        (120, 35): ["c. Mon 16–c. Thu 19", "Mon 16 14:00–16:00"],
        (80, 24): ["c. Mon 16–c. Thu 19", "Mon 16 14:00–16:00"],
        (60, 20): ["c. Mon 16–c. 19", "16 14:00–16:00"],
    }[size]
    for row, date in zip(rows, shown, strict=True):
        assert f" {date} " in row, (width, dates, row)
        assert "…" not in row[: 5 + dates]


async def test_rows_drawn_later_widen_the_columns_of_a_large_file(tmp_path: Path) -> None:
    # Only the events around the selection are measured when the events are set (all
    # of them in most files): a wider date or speaker further on widens its column
    # when its row is drawn, and the rows drawn before are drawn again.
    events = [{"date": f"2018-07-{day:02d}", "title": f"T{day}"} for day in range(1, 29)]
    events.append({"date": '"before 2018-07-30T10:00"', "title": "Late", "speaker": "Speaker"})
    path = timeline_file(tmp_path, events)
    app = app_for(path)
    async with app.run_test(size=(120, 35)) as pilot:
        rail = app.main.rail
        rail.measured = 4
        app.main.draw_view(shown=True)
        await pilot.pause()
        assert rail.columns(72)[:2] == (6, 0)  # "Sun  1", no speaker among the first
        await pilot.press("G")
        await wait_until(pilot, lambda: rail.columns(72)[0] == len("before Mon 30 10:00"))
        assert rail.columns(72)[1] == len("Speaker")
        await pilot.press("g")
        await pilot.pause()
        rows = event_rows(rail)
        assert {row.index(f"T{n}") for n, row in enumerate(rows[:9], start=1)} == {24}


async def test_joined_emoji_keep_the_row_as_wide_as_every_terminal_draws_it(
    tmp_path: Path,
) -> None:
    # Bug fixed: tmux draws 🏳️‍🌈 in one cell and 👍🏽 in four, VTE 👩‍👩‍👧‍👦 in eight, where
    # Rich counts two: the rest of the row, and the divider beside it, moved. The rail
    # shows the parts, whose width terminals agree on; the detail pane shows them whole.
    family, flag, thumbs = (
        "\U0001f469\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",
        "\U0001f3f3\ufe0f\u200d\U0001f308",
        "\U0001f44d\U0001f3fd",
    )
    path = timeline_file(
        tmp_path,
        [
            {"title": f"Family {family} reunited", "speaker": f"RAICES {flag}"},
            {"title": f"Pride {flag} with \u2764\ufe0f and {thumbs}", "speaker": "Someone"},
        ],
    )
    width, _, rows = await shown_rows(path, (120, 35))
    assert rows[0].startswith("  ○ Mon 16 Family 👩👩👧👦 reunited")
    assert rows[0].rstrip().endswith("RAICES 🏳🌈")
    assert "Pride 🏳🌈 with ❤ and 👍" in rows[1]
    for row in rows:
        assert cell_len(row) == width
        # Character by character, as a terminal that joins nothing counts it.
        assert sum(cell_len(char) for char in row) == width


def rows_one_by_one(events: Sequence[Event], shown: Sequence[int], eras: Sequence[Era]) -> Rows:
    """The rail's rows as a loop over each event lays them out (the rule `lay_out`
    follows, looking only where the date changes)."""
    kinds, refs, row_of = bytearray(), array("i"), array("i")
    previous: When | None = None
    year: int | None = None
    month = -1
    pending = sorted(range(len(eras)), key=lambda i: eras[i].start.key)
    for position, index in enumerate(shown):
        when = events[index].when
        if previous is not None and has_gap(previous, when):
            kinds.append(GAP)
            refs.append(position)
        while pending and eras[pending[0]].start.key <= when.key:
            era = pending.pop(0)
            if eras[era].contains(when):
                kinds.append(ERA)
                refs.append(era)
        shown_year, shown_month = listed_under(when)
        if when.qualifier is not Qualifier.BEFORE:
            shown_year = when.year
            shown_month = when.month if when.precision >= Precision.MONTH else -1
        if shown_year != year:
            kinds.append(YEAR)
            refs.append(position)
            year, month = shown_year, -1
        if shown_month >= 0 and shown_month != month:
            kinds.append(MONTH)
            refs.append(position)
            month = shown_month
        row_of.append(len(kinds))
        kinds.append(EVENT)
        refs.append(position)
        previous = when
    return Rows(kinds, refs, row_of)


@pytest.mark.parametrize("count", [0, 1, 300, 2_000])
def test_rows_are_laid_out_as_one_by_one_where_dates_repeat(count: int) -> None:
    # Equal dates in a row are taken together: the rows must be those of a loop over
    # each event, for every timeline, filtered or not, with eras.
    timeline = loaded(EVENTS) if count == 0 else load_text(generated(count)).timeline
    assert timeline is not None
    events = timeline.events
    eras = timeline.eras or (
        Era("Early", events[len(events) // 3].when, events[len(events) // 2].when),
        Era("Late", events[-1].when, events[-1].when),
    )
    every = range(len(events))
    for shown in (every, every[::3], [i for i in every if i % 7 in (0, 1, 2)], every[:1], []):
        for with_eras in ((), eras):
            assert lay_out(events, shown, with_eras) == rows_one_by_one(events, shown, with_eras)


async def test_what_shows_nothing_keeps_the_row_as_wide_as_every_terminal_draws_it(
    tmp_path: Path,
) -> None:
    # Bug fixed: U+3164 (counted no cells, drawn in two), U+E000 and U+FFF9 were drawn
    # raw: tmux moved the pane divider beside their rows. They show as stand-ins, of
    # ASCII, whose width every terminal agrees on.
    hidden = {"\u3164": "<U+3164>", "\ue000": "<U+E000>", "\ufff9": "<U+FFF9>"}
    path = timeline_file(
        tmp_path, [{"title": f"a{char}b", "speaker": f"S{char}"} for char in hidden]
    )
    width, _, rows = await shown_rows(path, (120, 35))
    assert len(rows) == len(hidden)
    for row, stand_in in zip(rows, hidden.values(), strict=True):
        assert f"a{stand_in}b" in row and row.rstrip().endswith(f"S{stand_in}")
        assert cell_len(row) == width
        assert is_clean(row)


async def test_times_in_several_zones_show_their_zones(tmp_path: Path) -> None:
    # Found trying the tool: files of Chicago and Paris merged showed "Thu 19 10:00"
    # over "Thu 19 16:00", six hours apart to a reader, though the second is an hour
    # earlier: each time keeps its own zone, which the rail did not say.
    from timeline.read import load_files
    from timeline.show.rail import several_zones

    path = timeline_file(
        tmp_path,
        [
            {"date": "2018-07-19T10:00:00-05:00", "title": "A"},
            {"date": "2018-07-19T16:00:00+02:00", "title": "B"},
        ],
    )
    for size in ((120, 35), (60, 20)):
        rows = (await shown_rows(path, size)).rows
        assert "19 10:00 UTC-05:00" in rows[0] and "19 16:00 UTC+02:00" in rows[1], rows
    # One zone (the timeline's): the rail says it nowhere, as before.
    one = tmp_path / "one.toml"
    one.write_text(
        path.read_text(encoding="utf-8").replace(
            'title = "Rows"', 'title = "Rows"\ntimezone = "America/Chicago"'
        ),
        encoding="utf-8",
    )
    rows = (await shown_rows(one, (120, 35))).rows
    assert "Thu 19 09:00 " in rows[0] and "Thu 19 10:00 " in rows[1] and "CDT" not in rows[0]
    # Merged files of two zones.
    paris = tmp_path / "paris.toml"
    paris.write_text(
        '[timeline]\ntitle = "P"\ntimezone = "Europe/Paris"\n\n'
        '[[events]]\nid = "p"\ndate = 2018-07-19T16:00:00\ntitle = "P"\n',
        encoding="utf-8",
    )
    merged = load_files([one, paris]).timeline
    assert merged is not None and several_zones(merged.events)
    assert [rail_date(e, zoned=True) for e in merged.events] == [
        "Thu 19 09:00 CDT",
        "Thu 19 10:00 CDT",
        "Thu 19 16:00 CEST",
    ]
    assert not several_zones(load_files([one]).timeline.events)  # type: ignore[union-attr]


@pytest.mark.parametrize("size", [(120, 35), (100, 30), (80, 24)])
async def test_a_zone_the_reader_calls_ambiguous_is_shown_as_its_offset(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    # Bug fixed: the rail and the detail pane showed London's summer time as "09:30
    # BST", which the date reader refuses as ambiguous (British Summer Time or
    # Bangladesh). The offset is shown instead; on a narrow rail as "UTC+1" rather
    # than cut ("UTC+0…").
    from rich.console import Console

    from timeline.ui.widgets.detail import describe_event

    path = timeline_file(
        tmp_path,
        [
            {"date": '"16 Jul 2019 09:30 Europe/London"', "title": "London"},
            {"date": '"16 Jul 2019 10:30 Europe/Paris"', "title": "Paris"},
        ],
    )
    app = app_for(path)
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: "CEST" in " ".join(event_rows(app.main.rail)), "zones")
        rows = event_rows(app.main.rail)
        timeline = app.main.view.timeline
    assert "BST" not in " ".join(rows), rows
    london = rows[0] if "London" in rows[0] else rows[1]
    assert "09:30 UTC+01:00 " in london or "09:30 UTC+1 " in london, rows
    assert "…" not in london.split("London")[0], rows
    console = Console(width=10_000, record=True, file=io.StringIO(), color_system=None)
    console.print(describe_event(timeline.events[0], timeline))
    assert "Tuesday 16 July 2019, 09:30 UTC+01:00" in console.export_text()


def test_a_narrow_rail_shows_an_offset_in_fewer_cells_rather_than_cut() -> None:
    london = ZoneInfo("Europe/London")
    event = Event("e", When(2019, 7, 16, 9, 30, precision=Precision.MINUTE, tz=london), "T")
    forms = rail_dates(event, zoned=True)
    assert forms == ["Tue 16 09:30 UTC+01:00", "16 09:30 UTC+01:00", "16 09:30 UTC+1"]
    assert fit_date(forms, 16) == "16 09:30 UTC+1"
    india = event._replace(when=event.when._replace(tz=ZoneInfo("Asia/Kolkata")))
    assert rail_dates(india, zoned=True)[-1] == "16 09:30 UTC+5:30"
    paris = event._replace(when=event.when._replace(tz=ZoneInfo("Europe/Paris")))
    assert rail_dates(paris, zoned=True) == ["Tue 16 09:30 CEST", "16 09:30 CEST"]


async def test_a_large_timelines_zones_are_looked_for_in_a_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Looked for on the viewer's thread, at the first time drawn, the pass over every
    # date held a key press for 94 ms at 1,000,000 events.
    import threading

    from timeline.show import rail as rail_module
    from timeline.ui.widgets import rail as rail_widget

    path = timeline_file(
        tmp_path,
        [
            {"date": "2018-07-19T10:00:00-05:00", "title": "A"},
            {"date": "2018-07-19T16:00:00+02:00", "title": "B"},
        ],
    )
    where: list[bool] = []
    look = rail_module.several_zones

    def looked(*args: Any) -> bool:
        where.append(threading.current_thread() is threading.main_thread())
        return look(*args)

    monkeypatch.setattr(rail_widget, "several_zones", looked)
    monkeypatch.setattr(rail_widget, "ZONES_HERE", 1)  # two events: a large timeline
    app = app_for(path)
    async with app.run_test(size=(120, 35)) as pilot:
        rail = app.main.rail
        await wait_until(pilot, lambda: "UTC-05:00" in " ".join(event_rows(rail)), "zones")
    assert where == [False]  # once, in the worker


async def test_the_top_line_says_the_year_and_month_once_their_headings_scroll_off(
    tmp_path: Path,
) -> None:
    # Bug fixed: at 80x24 and 60x20, once the headings had scrolled off, rows such as
    # "Mon  4 16:00" showed no month or year on screen.
    events = [{"date": f"2018-06-{day:02d}", "title": f"June {day}"} for day in range(1, 21)]
    events += [{"date": f"2018-07-{day:02d}", "title": f"July {day}"} for day in range(1, 4)]
    events += [{"date": f"2019-01-{day:02d}", "title": f"January {day}"} for day in range(1, 21)]
    path = timeline_file(tmp_path, events)
    app = app_for(path)
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_until(pilot, lambda: app.main.rail.shown, "events shown")
        rail = app.main.rail

        def top_line() -> str:
            return str(rail.render_line(0).text).strip()

        async def scrolled_to(row: int) -> str:
            rail.scroll_to(y=row, animate=False, immediate=True)
            await wait_until(pilot, lambda: int(rail.scroll_offset.y) == row, "scrolled")
            return top_line()

        assert top_line() == "2018"  # at the top, the heading itself
        rail.move_to(12)  # 13 June: "2018" and "┼ June" scrolled off
        await wait_until(pilot, lambda: rail.scroll_offset.y > 2, "scrolled")
        assert top_line() == "2018 ┼ June"
        assert rail.row_of(rail.cursor) > int(rail.scroll_offset.y)  # never covered
        kinds = rail.row_kinds
        july = [row for row, kind in enumerate(kinds) if kind == MONTH][1]
        assert await scrolled_to(july - 1) == "2018"  # "┼ July" is next: the year alone
        assert await scrolled_to(july) == "2018 ┼ July"  # over the heading itself
        # With the next year's heading next, the row itself: no year to say above it.
        year = [row for row, kind in enumerate(kinds) if kind == YEAR][1]
        assert await scrolled_to(year - 1) not in {"2018", "2019"}
        # Over the last event of 2018, before "· 6 months later" and "2019": that event's
        # month, from which the gap counts (it said "2019 ┼ January", above the gap).
        assert kinds[year - 2 : year] == bytearray([EVENT, GAP])
        assert await scrolled_to(year - 2) == "2018 ┼ July"
        # The selected event's row is never covered, as the mouse wheel may scroll it
        # to the top; a click on the top line selects the first event below it.
        rail.move_to(15)
        await scrolled_to(rail.row_of(15))
        assert "June 16" in top_line()
        await scrolled_to(rail.row_of(15) - 1)
        assert top_line() == "2018 ┼ June"
        await pilot.click(rail, offset=(2, 0))
        assert rail.cursor == 15  # not the event under the top line, 15 June


async def test_the_top_line_leaves_out_a_month_whose_heading_follows_an_eras_line(
    tmp_path: Path,
) -> None:
    # Bug fixed: at 60x20 the top line said "2015 ┼ October" over "━ Exposure" and the
    # heading "┼ October" below it: the month twice (found trying the viewer).
    events = [{"date": f"2015-09-{day:02d}", "title": f"September {day}"} for day in range(1, 16)]
    events += [{"date": f"2015-10-{day:02d}", "title": f"October {day}"} for day in range(15, 25)]
    path = timeline_file(tmp_path, events)
    with path.open("a", encoding="utf-8") as file:
        file.write('\n[[eras]]\ntitle = "Exposure"\nstart = 2015-10-15\nend = "2016-10"\n')
    app = app_for(path)
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_until(pilot, lambda: app.main.rail.shown, "events shown")
        rail = app.main.rail
        kinds = rail.row_kinds
        era = kinds.index(ERA)
        assert kinds[era + 1] == MONTH  # the era's line, then October's heading
        rail.scroll_to(y=era - 1, animate=False, immediate=True)
        await wait_until(pilot, lambda: int(rail.scroll_offset.y) == era - 1, "scrolled")
        assert str(rail.render_line(0).text).strip() == "2015"

"""What loading assumed or ignored (its warnings) is shown in the viewer, at each event.

A date read month-first, a reply to no event, a field ignored: the loader says so as a
warning, and `timeline check` prints it. The viewer used to show none of them. A small
file's were printed before the viewer took the screen, out of sight until it ended; a
large file's, read behind the progress bar or from the cache, were never shown at all.
A reader of the timeline saw "4 March 2018" with nothing saying that it may be 3 April.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import app_for, selected_id, wait_until
from textual.widgets import OptionList

from timeline.model import Timeline
from timeline.problems import Problem, by_event
from timeline.query.filter_args import parse_filter_args
from timeline.query.selection import Notice
from timeline.query.view import View
from timeline.read import load_files
from timeline.read.toml import Tuning
from timeline.ui.app import TimelineApp
from timeline.ui.screens.matches import WarningList

SIZE = (120, 35)

WARNED = """\
[timeline]
title = "Warnings"

[[events]]
id = "plain"
date = "2018-07-17"
title = "Plain"

[[events]]
id = "slashed"
date = "03/04/2018"
title = "Assumed"

[[events]]
title = "Reply"
date = "2018-07-18"
in_reply_to = "nobody"
colour = "red"
"""
MONTH_FIRST = "'03/04/2018' was read month-first, as 4 March"


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    path = tmp_path / "warned.toml"
    path.write_text(WARNED, encoding="utf-8")
    return path


def _loaded(path: Path, **kwargs: Any) -> tuple[Timeline, list[Problem]]:
    result = load_files([path], **kwargs)
    assert result.timeline is not None and not result.errors
    return result.timeline, result.problems


# ---------------------------------------------------------------------- the core


def _placed(problems: list[Problem], timeline: Timeline) -> dict[str, list[str]]:
    """The fields warned about, by the id of the event each warning was placed at."""
    return {
        timeline.events[i].id: [p.field for p in found]
        for i, found in by_event(problems, timeline).items()
    }


def test_each_warning_is_placed_at_the_event_it_was_found_in(warned: Path) -> None:
    timeline, problems = _loaded(warned)
    assert [p.severity for p in problems] == ["warning"] * 3
    # "reply" has no id in the file: its unknown field is said of "#3", its third table.
    assert [p.event for p in problems] == ["slashed", "reply", "#3"]
    assert _placed(problems, timeline) == {
        "slashed": ["date"],
        "reply": ["in_reply_to", "colour"],
    }


def test_a_warning_of_no_event_or_of_another_file_is_placed_nowhere(warned: Path) -> None:
    timeline, _ = _loaded(warned)
    by_id = Problem("warning", "said without a line", str(warned), event="slashed")
    of_file = Problem("warning", "the file starts with a byte order mark", str(warned), 1)
    elsewhere = Problem("warning", "another file", "other.toml", 12, event="slashed")
    # Below an event's header, but about something else (as a CSV title row is).
    other = Problem("warning", "title row 12: x", str(warned), 12, event="title row 12")
    assert _placed([by_id, of_file, elsewhere, other], timeline) == {"slashed": [""]}


def test_a_warning_of_an_event_a_merge_renamed_is_placed_at_it(
    warned: Path, tmp_path: Path
) -> None:
    # Merged with a file giving an event "slashed" too, this file's is "warned.toml:
    # slashed": its date's warning, on a line of its own, was placed at no event (the
    # rail had no `!` for it, and `!` listed it without its event).
    other = tmp_path / "other.toml"
    other.write_text(
        '[timeline]\ntitle = "Other"\n\n[[events]]\nid = "slashed"\ndate = 2018-07-20\n'
        'title = "Other"\n',
        encoding="utf-8",
    )
    result = load_files([warned, other])
    assert result.timeline is not None
    placed = _placed(result.problems, result.timeline)
    assert placed["warned.toml:slashed"] == ["date"]
    assert placed["other.toml:slashed"] == ["id"]  # (an id another file gives: said)


def test_warnings_of_the_files_alone_look_up_no_event_for_each_row(
    warned: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each rail row drawn asks for its event's warnings: with only a file's warning (a
    # merged file's `[timeline]` not shown), the first row built the index of ids of
    # 1,000,000 events on the viewer's thread (0.3 s) to find none.
    timeline, _ = _loaded(warned)
    looked_up: list[str] = []
    index_of = Timeline.index_of

    def counted(self: Timeline, event_id: str) -> int | None:
        looked_up.append(event_id)
        return index_of(self, event_id)

    monkeypatch.setattr(Timeline, "index_of", counted)
    view = View()
    view.show(timeline)
    view.warn([Problem("warning", "the file's [timeline] is not shown", str(warned))])
    assert all(view.warnings_of(event) == [] for event in timeline.events)
    assert looked_up == []
    view.warn([Problem("warning", "about one", str(warned), event=timeline.events[1].id)])
    assert [bool(view.warnings_of(event)) for event in timeline.events[:3]] == [0, 1, 0]


def test_warnings_of_a_stored_timeline_are_placed_without_making_its_events(
    warned: Path, made_slices: list[int]
) -> None:
    # Found in review: a warning of the file with a line ([timeline]'s unknown key)
    # had by_event make every stored event to find the one written at that line: 8 s
    # at 1,000,000 events, on the viewer's thread at the first row drawn.
    from timeline.store import StoredEvents

    warned.write_text(WARNED.replace('title = "Warnings"', 'title = "W"\ncolour = 1'), "utf-8")
    made = Tuning(large_file=0, chunk_events=1, parallel_file=0, cache_slice=2, stored_events=0)
    whole, problems = _loaded(warned, tuning=made)
    stored, again = _loaded(warned, tuning=made._replace(stored_events=1))
    assert isinstance(stored.events, StoredEvents) and again == problems
    assert any(p.line and not p.event for p in problems)  # the header's
    placed = by_event(problems, stored)
    assert made_slices == []
    assert {i: [p.field for p in found] for i, found in placed.items()} == {
        i: [p.field for p in found] for i, found in by_event(problems, whole).items()
    }
    assert len(placed) == 2  # "slashed", and the third table ("#3": no id in the file)


def test_warnings_of_spreadsheets_and_timelinejs_files_are_placed_too(tmp_path: Path) -> None:
    # A row read as an event is warned about on its own line; a title row is not an
    # event, and its warning is not the event's above it.
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "Year,Month,Day,Headline,Text,Type\n2018,7,1,One,,\n2018,7,2,Two,,\n"
        ',,,My timeline,"<p>Intro</p><!--timeline:{broken-->",title\n2018,7,3,Three,,bogus\n',
        encoding="utf-8",
    )
    timeline, problems = _loaded(sheet)
    assert {p.line for p in problems} == {4, 5}
    assert _placed(problems, timeline) == {"three": ["Type"]}
    view = View()
    view.show(timeline)
    view.warn(problems)
    assert [p.line for p in view.warnings] == [4, 5]  # listed in file order
    # TimelineJS slides of one line of JSON share it: their warnings are placed by id, a
    # repeated id's at the event renamed, never by the line alone.
    slides = tmp_path / "slides.json"
    start = '"start_date": {"year": 2018, "month": 7, "day": 1}'
    slides.write_text(
        f'{{"events": [{{{start}, "text": {{"headline": "One"}}, "unique_id": "one", '
        f'"colour": "red"}}, {{{start}, "text": {{"headline": "Two"}}, "unique_id": "one"}}]}}',
        encoding="utf-8",
    )
    timeline, problems = _loaded(slides)
    assert {e.line for e in timeline.events} == {1}
    assert _placed(problems, timeline) == {"one": ["colour"], "one-2": ["unique_id"]}
    # Without ids, slides on one line cannot be told apart by it: a warning is not
    # placed at the last of them (the first slide's warning was the second's).
    slides.write_text(
        f'{{"events": [{{{start}, "text": {{"headline": "One"}}, "colour": "red"}}, '
        f'{{{start}, "text": {{"headline": "Two"}}}}]}}',
        encoding="utf-8",
    )
    timeline, problems = _loaded(slides)
    assert [p.line for p in problems] == [1]
    assert _placed(problems, timeline) == {}
    # Pretty-printed, each slide has a line of its own, and its warning is placed there.
    slides.write_text(
        json.dumps(
            {
                "events": [
                    {"start_date": {"year": 2018}, "text": {"headline": "One"}, "colour": "red"},
                    {"start_date": {"year": 2018}, "text": {"headline": "Two"}},
                ]
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    timeline, problems = _loaded(slides)
    assert _placed(problems, timeline) == {"one": ["colour"]}


def test_a_warning_shown_at_its_event_says_its_line_without_naming_the_event_again() -> None:
    named = Problem("warning", "event 'b': field 'date': read month-first", "f", 11, 1, "b")
    numbered = Problem("warning", "event #3: unknown field 'x' was ignored", "f", 18, 1, "#3")
    row = Problem("warning", "row 5: Type 'bogus' is not 'title' or 'era'", "f.csv", 5, 0)
    assert named.at_event() == "line 11: field 'date': read month-first"
    assert numbered.at_event() == "line 18: unknown field 'x' was ignored"
    assert row.at_event() == "line 5: Type 'bogus' is not 'title' or 'era'"
    # File text in it is shown, never obeyed: an escape sequence becomes visible.
    hostile = Problem("warning", "event 'b': field '\x1b]0;owned\x07'", "f", 4, 1, "b")
    assert "\x1b" not in hostile.at_event() and "\x07" not in hostile.at_event()


def test_the_view_gives_each_event_its_warnings_and_counts_them_in_the_status(
    warned: Path,
) -> None:
    timeline, problems = _loaded(warned)
    view = View()
    view.show(timeline)
    view.warn(problems)
    assert view.status.endswith("3 warnings (!)")
    slashed, plain = timeline.get("slashed"), timeline.get("plain")
    assert slashed is not None and plain is not None
    assert [MONTH_FIRST in p.message for p in view.warnings_of(slashed)] == [True]
    assert view.warnings_of(plain) == []
    # Another timeline shown forgets them: its own come with it.
    view.show(load_files([warned]).timeline)  # type: ignore[arg-type]
    assert view.warnings == [] and view.warnings_of(slashed) == []
    assert "warning" not in view.status


def test_the_view_says_so_once_per_change(warned: Path) -> None:
    timeline, problems = _loaded(warned)
    view = View()
    view.show(timeline)
    told = view.warn(problems)
    assert told is not None and told.severity == "warning" and told.title == "3 warnings"
    # A reload with the same warnings is not news (every save would say it again),
    # even when they moved to other lines ...
    view.reload(timeline)
    assert view.warn([p._replace(line=p.line + 1) for p in problems]) is None
    assert len(view.warnings) == 3
    # ... as many others are, so are fewer, and none says nothing.
    other = [problems[0]._replace(message="'07/02/2018' was read month-first"), *problems[1:]]
    told = view.warn(other)
    assert told is not None and told.title == "3 warnings"
    told = view.warn(problems[:1])
    assert told is not None and told.title == "1 warning"
    assert view.warn([]) is None and view.status.endswith("of 3")
    assert view.warning_places() == []
    assert view.no_warnings() == Notice("No warnings: the file was read as written.")
    for unread in ("9% read", ""):  # the part of a very large file; nothing loaded
        view.reading = unread
        if not unread:
            view.timeline = None
        assert "known once the whole file is read" in view.no_warnings().text


def test_each_warning_is_listed_with_where_its_event_is_shown(warned: Path) -> None:
    timeline, problems = _loaded(warned)
    of_file = Problem("warning", "[timeline] says too little", str(warned), 1)
    view = View()
    view.show(timeline)
    view.warn([of_file, *problems])
    # The events: 4 March (the slashed date), 17 July, 18 July (the reply).
    assert [(p.field, i, at) for p, i, at in view.warning_places()] == [
        ("", None, None),
        ("date", 0, 0),
        ("in_reply_to", 2, 2),
        ("colour", 2, 2),
    ]
    notice = view.set_filter(parse_filter_args(["from=2018-07-01"]))
    assert notice is None and view.shown == [1, 2]
    # The slashed date's event is hidden: still named, not where to go.
    assert [(i, at) for _, i, at in view.warning_places()] == [
        (None, None),
        (0, None),
        (2, 1),
        (2, 1),
    ]


# ---------------------------------------------------------------------- the viewer


def _detail_text(app: TimelineApp) -> str:
    return "\n".join(app.main.detail.lines())


def _rail_row(app: TimelineApp, title: str) -> str:
    rail = app.main.rail
    rows = [rail.render_line(y).text for y in range(rail.size.height)]
    return next(row for row in rows if title in row)


async def test_the_viewer_shows_a_small_files_warnings_at_their_events(warned: Path) -> None:
    _, problems = _loaded(warned)
    app = app_for(warned, warnings=problems)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert selected_id(app) == "slashed"  # 4 March, the first
        detail = _detail_text(app)
        assert "! line 11: field 'date': " + MONTH_FIRST in " ".join(detail.split())
        assert _rail_row(app, "Assumed").startswith(" !")
        assert not _rail_row(app, "Plain").startswith(" !")
        assert app.view.status.endswith("3 warnings (!)")
        told = [n.message for n in app._notifications]
        assert any("assumed or ignored something 3 times" in m for m in told), told


async def test_exclamation_mark_lists_the_warnings_to_go_to_one(warned: Path) -> None:
    _, problems = _loaded(warned)
    app = app_for(warned, warnings=problems)
    async with app.run_test(size=SIZE) as pilot:
        assert app._notifications  # the notice of the warnings, ...
        await pilot.press("exclamation_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, WarningList), "the list")
        assert not app._notifications  # ... which would cover the list, is gone
        listing = app.screen.query_one(OptionList)
        rows = [str(listing.get_option_at_index(n).prompt) for n in range(listing.option_count)]
        assert len(rows) == 3 and "3 warnings" in str(app.screen.heading)
        assert "Assumed" in rows[0] and "line 11: field 'date': " + MONTH_FIRST in rows[0]
        assert "Reply" in rows[2] and "line 18: unknown field 'colour' was ignored" in rows[2]
        await pilot.press("j", "j", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, WarningList), "closed")
        assert selected_id(app) == "reply"
        # An event the filter hides is still named, and cannot be gone to.
        app.view.set_filter(parse_filter_args(["from=2018-07-01"]))
        app.main.draw_view(shown=True)
        await pilot.press("exclamation_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, WarningList), "the list")
        listing = app.screen.query_one(OptionList)
        first = listing.get_option_at_index(0)
        assert "Assumed (hidden by the filter)" in str(first.prompt) and first.disabled


async def test_the_warnings_list_of_several_files_names_each_ones_file(
    warned: Path, tmp_path: Path
) -> None:
    # Found trying the tool as a new user: merged, a warning was listed as "line 11:
    # unknown field 'titel'…", which did not say of which file.
    other = tmp_path / "other.toml"
    other.write_text(
        '[timeline]\ntitle = "Other"\n\n[[events]]\nid = "o"\ndate = 2018-07-20\n'
        'title = "Other"\ntitel = "typo"\n',
        encoding="utf-8",
    )
    result = load_files([warned, other])
    assert result.timeline is not None
    app = TimelineApp(
        [str(warned), str(other)], result.timeline, poll=False, warnings=result.warnings
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("exclamation_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, WarningList), "the list")
        listing = app.screen.query_one(OptionList)
        rows = [str(listing.get_option_at_index(n).prompt) for n in range(listing.option_count)]
        assert any(f"{warned}, line 11: field 'date': " + MONTH_FIRST in row for row in rows)
        assert any(f"{other}, line 8: unknown field 'titel'" in row for row in rows), rows
    # One file: its lines alone, as before.
    assert "\n  line 11: field 'date': " + MONTH_FIRST in WarningList(*_places(warned)).rows[0]


def test_the_list_of_warnings_names_a_file_as_messages_do() -> None:
    # Bug fixed: a warning of no event, of a file saved by a Latin-1 system as
    # `café.toml`, was listed under "(caf<U+DCE9>.toml)".
    latin = os.fsdecode(b"caf\xe9.toml")
    warning = Problem("warning", "[timeline] has no title", latin)
    listed = WarningList([(warning, None, None)], [], 0, files=True)
    assert listed.rows[0].plain.startswith(r"($'caf\xe9.toml')")


async def test_the_detail_pane_of_several_files_names_each_warnings_file(
    warned: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: merged, the detail pane said "! line 8: unknown field 'titel'…", not
    # of which file, while the list of warnings (!) named it.
    other = tmp_path / "other.toml"
    other.write_text(
        '[timeline]\ntitle = "Other"\n\n[[events]]\nid = "o"\ndate = 2018-07-20\n'
        'title = "Other"\ntitel = "typo"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)  # the names as given, short enough not to wrap
    names = ["warned.toml", "other.toml"]
    result = load_files(names)
    assert result.timeline is not None
    app = TimelineApp(names, result.timeline, poll=False, warnings=result.warnings)
    async with app.run_test(size=SIZE) as pilot:
        ids = [event.id for event in app.view.events]
        app.go_to_position(ids.index("o"))
        await wait_until(pilot, lambda: selected_id(app) == "o", "the other file's event")
        detail = " ".join(_detail_text(app).split())
        assert "! other.toml, line 8: unknown field 'titel'" in detail, detail
        app.go_to_position(ids.index("slashed"))
        await wait_until(pilot, lambda: selected_id(app) == "slashed", "the first file's event")
        detail = " ".join(_detail_text(app).split())
        assert "! warned.toml, line 11: field 'date': " + MONTH_FIRST in detail, detail


def _places(path: Path) -> tuple[list[tuple[Problem, int | None, int | None]], Any, int]:
    timeline, problems = _loaded(path)
    view = View()
    view.show(timeline)
    view.warn(problems)
    return view.warning_places(), view.events, 0


async def test_a_file_without_warnings_says_so_when_asked() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert not isinstance(app.screen, WarningList)
        assert any("No warnings" in n.message for n in app._notifications)
        assert "warning" not in app.view.status


@pytest.mark.parametrize("cached", [False, True], ids=["read", "from the cache"])
async def test_a_large_files_warnings_are_shown_read_or_cached(warned: Path, cached: bool) -> None:
    tuning = Tuning(large_file=0, chunk_events=1)
    if cached:
        _loaded(warned, tuning=tuning)  # its cache entry, warnings and all
    app = TimelineApp([str(warned)], None, poll=False, tuning=tuning)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.view.timeline is not None, "the timeline")
        await pilot.pause()
        assert len(app.view.warnings) == 3
        assert MONTH_FIRST in " ".join(_detail_text(app).split())


async def test_a_reload_shows_the_warnings_of_the_new_version(warned: Path) -> None:
    app = app_for(warned, warnings=_loaded(warned)[1])
    async with app.run_test(size=SIZE) as pilot:
        warned.write_text(WARNED.replace('"03/04/2018"', '"2018-03-04"'), encoding="utf-8")
        app.files.check()
        await wait_until(pilot, lambda: len(app.view.warnings) == 2, "the new warnings")
        await pilot.pause()
        assert "month-first" not in _detail_text(app)
        assert not _rail_row(app, "Assumed").startswith(" !")
        assert any("something 2 times" in n.message for n in app._notifications)


async def test_a_warning_quoting_hostile_text_shows_it_as_text(tmp_path: Path) -> None:
    path = tmp_path / "hostile.toml"
    written = '"[b]x[/b]\\u001b[31m"'  # a TOML key holding markup and an escape
    path.write_text(
        f'[[events]]\nid = "a"\ndate = 2018-07-17\ntitle = "A"\n{written} = 1\n',
        encoding="utf-8",
    )
    timeline, problems = _loaded(path)
    assert problems and timeline.events
    app = app_for(path, warnings=problems)
    async with app.run_test(size=SIZE) as pilot:
        detail = _detail_text(app)
        await pilot.press("exclamation_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, WarningList), "the list")
        listed = str(app.screen.query_one(OptionList).get_option_at_index(1).prompt)
        assert "unknown field" in listed
        for shown in (detail, listed):
            assert "[b]x[/b]" in shown and "\x1b" not in shown


def test_the_command_line_hands_a_small_files_warnings_to_the_viewer(
    warned: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import timeline.ui.app as app_module
    from timeline.cli import main

    given: dict[str, Any] = {}

    def run_viewer(files: Any, timeline: Any, **kwargs: Any) -> int:
        given.update(kwargs)
        return 0

    monkeypatch.setattr(app_module, "run_viewer", run_viewer)
    assert main([str(warned)]) == 0
    assert [p.field for p in given["warnings"]] == ["date", "in_reply_to", "colour"]

"""A large timeline from the cache keeps its events as the entry's rows and makes each
one when it is asked for (timeline/store.py): everything read through it is what the
loaded timeline gives, in the core and in the viewer."""

from __future__ import annotations

import dataclasses
import random
import threading
from collections.abc import Iterator, Sequence
from operator import attrgetter
from pathlib import Path
from typing import Any

import pytest
from conftest import EVENTS, SIZE, generated, read_at_once, same_timelines, wait_until, walked

from timeline import cache
from timeline.file_rows import FileRows
from timeline.model import Event, Timeline
from timeline.query import search as search_module
from timeline.query import value_index as value_index_module
from timeline.query.search import SearchIndex
from timeline.query.search import haystacks as search_haystacks
from timeline.query.search_text import StoredTexts
from timeline.query.value_index import ValueIndex
from timeline.query.view import View
from timeline.read.toml import Tuning, load_file
from timeline.show.lanes import MODES, LaneIndex
from timeline.show.rail import measure
from timeline.stopping import Stopped, check, stoppable
from timeline.store import COLUMNS, KEPT_SLICES, StoredEvents, fields_of
from timeline.ui import screen as screen_module
from timeline.ui import threads
from timeline.ui.app import TimelineApp
from timeline.ui.widgets.rail import Rail

#: Every file large, cached in slices of 7 events, and made as asked for from one event.
MADE = Tuning(large_file=0, chunk_events=5, parallel_file=0, cache_slice=7, stored_events=0)
STORED = MADE._replace(stored_events=1)

#: A story with what the columns hold: replies, statuses, ends, bounds, relative dates.
BOUNDS = """
[[events]]
id = "opening"
date = "after 2018-07-20"
end = "before 2018-08-01"
title = "A span known only by its bounds"
status = "disputed"
[[events]]
date = "2018-07-25/2018-07-27"
title = "A range"
in_reply_to = "opening"
tags = ["a", "b", "a"]
[[events.quotes]]
text = "Said twice"
speaker = "Ana"
[[events.quotes]]
text = "by two"
speaker = "Ben"
"""


@pytest.fixture(params=["events.toml", "generated", "bounds"])
def story(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "story.toml"
    text = {
        "events.toml": EVENTS.read_text(encoding="utf-8"),
        "generated": generated(300),
        "bounds": EVENTS.read_text(encoding="utf-8") + BOUNDS,
    }[request.param]
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def row_passes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each pass over a stored timeline's rows (`StoredEvents.rows`) made from now on."""
    passes: list[int] = []
    rows = StoredEvents.rows

    def counted(events: StoredEvents) -> Any:
        passes.append(1)
        return rows(events)

    monkeypatch.setattr(StoredEvents, "rows", counted)
    return passes


def both(path: Path) -> tuple[Timeline, Timeline]:
    """The timeline made whole on its first load, and from its cache entry as rows."""
    made = load_file(path, tuning=MADE)
    stored = load_file(path, tuning=STORED)
    assert made.timeline is not None and stored.timeline is not None
    assert not isinstance(made.timeline.events, StoredEvents)
    assert isinstance(stored.timeline.events, StoredEvents)
    assert stored.problems == made.problems
    return made.timeline, stored.timeline


def stored_story(tmp_path: Path) -> tuple[Path, Timeline]:
    """300 generated events, cached, and their timeline read from the cache as rows."""
    path = tmp_path / "story.toml"
    path.write_text(generated(300), encoding="utf-8")
    load_file(path, tuning=MADE)
    stored = load_file(path, tuning=STORED).timeline
    assert stored is not None and isinstance(stored.events, StoredEvents)
    return path, stored


def stored_events(tmp_path: Path) -> StoredEvents:
    """The events of `stored_story`, as the entry's rows."""
    _, stored = stored_story(tmp_path)
    assert isinstance(stored.events, StoredEvents)
    return stored.events


def test_a_stored_timeline_is_the_loaded_one(story: Path) -> None:
    made, stored = both(story)
    assert stored == made and made == stored
    same_timelines(stored, made)


def test_its_columns_and_rows_are_the_events_fields(story: Path) -> None:
    made, stored = both(story)
    for name in (*COLUMNS, "kind", "speaker", "tags", "title"):
        assert list(fields_of(stored.events, name)) == list(map(attrgetter(name), made.events))
    pairs = list(fields_of(stored.events, "title", "speaker"))
    assert pairs == list(map(attrgetter("title", "speaker"), made.events))
    quoted = [tuple(quote.speaker for quote in event.quotes) for event in made.events]
    assert list(fields_of(stored.events, "quoted")) == quoted
    assert list(fields_of(made.events, "quoted")) == quoted
    with pytest.raises(ValueError, match="'quotes'"):
        fields_of(stored.events, "quotes", "title")


def test_filters_index_the_same_values(story: Path) -> None:
    made, stored = both(story)
    index, expected = ValueIndex(stored.events), ValueIndex(made.events)
    for field in ("kind", "speaker", "handle", "group", "status", "tag", "quoted"):
        assert index.of(field) == expected.of(field), field
    assert index.layout() == expected.layout()


def test_every_field_is_indexed_in_one_pass_over_the_rows(
    story: Path, row_passes: list[int]
) -> None:
    made, stored = both(story)
    passes = row_passes
    index, expected = ValueIndex(stored.events), ValueIndex(made.events)
    results: dict[str, object] = {}
    threads = [
        threading.Thread(target=lambda f=field: results.update({f: index.of(f)}))
        for field in ("kind", "speaker", "tag", "quoted")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(passes) == 1
    assert results == {field: expected.of(field) for field in results}


def test_the_rails_widths_are_measured_from_the_slices_near_the_selection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: the rail measured the 2,000 shown events around the selection, which a
    # filter keeping events far apart (a date filter keeps each "after" that may fall
    # in it) spread over 175 slices at 1,000,000 events: 1.4 s at each filter.
    events = stored_events(tmp_path)
    made: list[int] = []
    making = StoredEvents._slice

    def counted(self: StoredEvents, number: int) -> list[Event]:
        made.append(number)
        return making(self, number)

    monkeypatch.setattr(StoredEvents, "_slice", counted)
    shown = list(range(0, len(events), 10))  # one event in ten: one a slice of 7
    dates, speakers = measure(events, shown, 15, 20)  # around event 150, 20 of them
    assert len(set(made)) <= 3, made  # those within 10 events of it: 140, 150, 160
    assert dates > 0 and speakers > 0
    # Unfiltered, as before: the 20 events around the selection.
    assert measure(events, range(len(events)), 150, 20) == measure(
        tuple(events[140:160]), range(20), 10, 20
    )


def test_lanes_are_laid_out_from_the_columns_and_rows(story: Path) -> None:
    made, stored = both(story)
    events = stored.events
    assert isinstance(events, StoredEvents)
    every = range(len(events))
    for mode in MODES:
        for shown in (every, every[::3]):
            lanes, expected = LaneIndex(events, shown, mode), LaneIndex(made.events, shown, mode)
            assert events.kept == 0, mode  # no event made (18 s at 1,000,000 events)
            assert [lane.name for lane in lanes.lanes] == [lane.name for lane in expected.lanes]
            for lane, other in zip(lanes.lanes, expected.lanes, strict=True):
                assert (lane.times, lane.ends, lane.flags, lane.positions) == (
                    other.times,
                    other.ends,
                    other.flags,
                    other.positions,
                ), (mode, lane.name)
            assert (lanes.lane_of, lanes.slot_of) == (expected.lane_of, expected.slot_of)
            assert (lanes.first, lanes.last) == (expected.first, expected.last)


def test_the_index_of_values_is_kept_beside_the_entry_for_the_next_open(
    story: Path, row_passes: list[int]
) -> None:
    made, stored = both(story)
    passes = row_passes
    expected = ValueIndex(made.events)
    assert ValueIndex(stored.events).of("kind") == expected.of("kind")
    assert len(passes) == 1
    again = load_file(story, tuning=STORED).timeline  # opened again: read back
    assert again is not None and isinstance(again.events, StoredEvents)
    index = ValueIndex(again.events)
    for field in ("kind", "speaker", "handle", "group", "status", "tag", "quoted"):
        assert index.of(field) == expected.of(field), field
    assert len(passes) == 1 and again.events.kept == 0


def test_threads_reading_at_once_read_the_same(story: Path) -> None:
    made, stored = both(story)
    read_at_once(stored.events, made.events)


def test_a_view_of_it_is_the_view_of_the_loaded_one(story: Path) -> None:
    made, stored = both(story)
    assert walked(stored) == walked(made)


def test_only_the_slices_near_the_reader_are_made(tmp_path: Path) -> None:
    _, stored = stored_story(tmp_path)
    events = stored.events
    assert isinstance(events, StoredEvents)
    assert events.kept == 0  # opening it made none
    view = View()
    view.show(stored)
    view.go_to_date("july 16")  # bisections in every year, over the dates alone
    assert events.kept <= 2 * 7  # the slices of the selected events, before and after
    view.step_month(-1)
    assert events.kept <= 3 * 7
    by_index = [events[i] for i in range(len(events))]
    full = (KEPT_SLICES - 1) * 7 + len(events) % 7  # seven to a slice, the last short
    assert events.kept == full
    kept = events[-1]
    assert list(events) == by_index  # a pass over them all
    assert events.kept == full and events[-1] is kept  # keeps what it kept


async def test_the_viewer_shows_a_stored_timeline_as_the_loaded_one(tmp_path: Path) -> None:
    path = tmp_path / "events.toml"
    path.write_text(EVENTS.read_text(encoding="utf-8"), encoding="utf-8")
    screens = []
    for tuning in (MADE, STORED):
        app = TimelineApp([str(path)], None, poll=False, tuning=tuning)
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: app.view.timeline is not None, "the load")  # noqa: B023
            shown = app.view.timeline
            assert shown is not None and isinstance(shown.events, StoredEvents) == (
                tuning is STORED
            )
            await pilot.press("j", "j", "j")
            rail = app.query_one(Rail)
            lines = [rail.render_line(y).text for y in range(rail.size.height)]
            screens.append((list(rail.row_kinds), app.view.selected, lines))
    assert screens[0] == screens[1]


def test_ids_indexed_a_slice_at_a_time_are_the_index_built_whole(story: Path) -> None:
    # The viewer builds a large timeline's index of ids in a thread: built where a link
    # was first followed, it held a key press for 0.3 s at 1,000,000 events.
    for loaded in both(story):
        timeline = dataclasses.replace(loaded)  # its index not built yet
        expected = {event.id: i for i, event in enumerate(timeline.events)}
        slices: list[int] = []
        timeline.index_ids(lambda: slices.append(1), size=7)  # noqa: B023
        assert len(slices) == -(-len(expected) // 7)
        assert timeline._index == expected


def test_a_lookup_while_the_ids_are_indexed_builds_the_index_and_stops_the_slices(
    story: Path,
) -> None:
    _, stored = both(story)
    timeline = dataclasses.replace(stored)
    last = timeline.events[-1].id
    slices: list[int] = []

    def between() -> None:
        slices.append(1)
        if len(slices) == 2:  # asked for meanwhile: built whole where asked
            assert timeline.index_of(last) == len(timeline.events) - 1

    timeline.index_ids(between, size=7)
    assert len(slices) == 2
    assert timeline._index == {event.id: i for i, event in enumerate(timeline.events)}


def test_an_index_of_ids_given_up_is_built_where_asked(story: Path) -> None:
    _, stored = both(story)
    timeline = dataclasses.replace(stored)
    with pytest.raises(Stopped), stoppable(lambda: True):
        timeline.index_ids(check, size=7)
    assert not timeline._index
    assert timeline.index_of(timeline.events[-1].id) == len(timeline.events) - 1


async def test_the_viewer_builds_a_large_timelines_index_of_ids_in_a_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screen_module, "IDS_SLICE", 50)  # 300 events: "large"
    built_in: list[str] = []
    ids, index_ids = Timeline._ids, Timeline.index_ids

    def whole(timeline: Timeline) -> dict[str, int]:
        if not timeline._index:
            built_in.append(threading.current_thread().name)
        return ids(timeline)

    def in_slices(timeline: Timeline, between: Any, size: int = 20_000) -> None:
        built_in.append(f"slices in {threading.current_thread().name}")
        index_ids(timeline, between, size)

    monkeypatch.setattr(Timeline, "_ids", whole)
    monkeypatch.setattr(Timeline, "index_ids", in_slices)
    path = tmp_path / "story.toml"
    path.write_text(generated(300), encoding="utf-8")
    app = TimelineApp([str(path)], None, poll=False, tuning=STORED)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.view.timeline is not None, "the load")
        shown = app.view.timeline
        assert shown is not None
        await wait_until(pilot, lambda: bool(shown._index), "the index of ids")
        # Every event shown, the anchors of relative dates named: the index at hand.
        for _ in range(len(shown.events) - 1):
            await pilot.press("j")
        assert app.view.selected == shown.events[-1]
    main = threading.main_thread().name
    assert built_in and all(name.startswith("slices in ") for name in built_in), built_in
    assert f"slices in {main}" not in built_in


#: Searches of every kind: lowercase and smart-case, accents, a fold that grows ("ß"),
#: curly quotes, phrases, a letter in every event, nothing at all.
QUERIES = (
    "e",
    "the",
    "The",
    "RAICES",
    "hernandez",
    "Hernández",
    "strasse",
    "Straße",
    "’",
    "donation ",
    "principled stance",
    "Said twice",
    "2018",
    "xyzzy",
)


def test_a_stored_timeline_is_searched_from_the_text_beside_its_entry(story: Path) -> None:
    made, stored = both(story)
    events = stored.events
    assert isinstance(events, StoredEvents) and events.entry is not None
    index, expected = SearchIndex(events), SearchIndex(made.events)
    index.build()
    assert index.built and events.kept == 0
    assert events.entry.path.with_suffix(".search").exists()
    rng = random.Random(7)
    count = len(events)
    for query in QUERIES:
        assert index.search(query) == expected.search(query), query
        for _ in range(5):
            start = rng.randrange(count)
            stop = rng.randrange(start, count + 1)
            assert index.search_slice(query, start, stop) == expected.search_slice(
                query, start, stop
            ), (query, start, stop)
    for typing in (("d", "do", "don", "dona"), ("D", "Do")):
        index.forget()
        expected.forget()
        for typed in typing:  # each found among the events the last one found
            assert index.search(typed) == expected.search(typed), typed
    assert events.kept == 0  # no event made to search them


def test_the_text_beside_an_entry_is_written_once_and_made_again_when_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "story.toml"
    path.write_text(generated(300), encoding="utf-8")
    load_file(path, tuning=MADE)
    folded: list[int] = []

    def haystacks(events: Sequence[Event]) -> Iterator[str]:
        for text in search_haystacks(events):
            folded.append(1)
            yield text

    def stored_texts() -> tuple[StoredTexts, StoredEvents]:
        timeline = load_file(path, tuning=STORED).timeline
        assert timeline is not None and isinstance(timeline.events, StoredEvents)
        texts = StoredTexts.of(timeline.events, haystacks)
        assert texts is not None
        return texts, timeline.events

    first, events = stored_texts()
    assert len(folded) == len(events)  # written: every event folded once
    expected = first.find(False, "the", 0, len(events))
    assert expected
    folded.clear()
    again, _ = stored_texts()
    assert not folded  # opened, checked against its SHA-256: nothing folded
    assert again.find(False, "the", 0, len(events)) == expected
    beside = events.entry.path.with_suffix(".search") if events.entry else None
    assert beside is not None
    data = bytearray(beside.read_bytes())
    data[len(data) // 2] ^= 1  # a changed byte is never read as text
    beside.write_bytes(bytes(data))
    made_again, _ = stored_texts()
    assert len(folded) == len(events)
    assert made_again.find(False, "the", 0, len(events)) == expected
    folded.clear()
    # Another version of timeline, which may fold text another way, reads the same entry.
    monkeypatch.setattr("timeline.cache_beside._fingerprint", lambda: "another version")
    stored_texts()
    assert len(folded) == len(events)


def test_the_text_beside_an_entry_is_folded_from_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Made to be folded, the events were a third of the 36 s it took at 1,000,000.
    events = stored_events(tmp_path)
    made = [*events]

    def refused(events: StoredEvents) -> Any:
        raise AssertionError("every event made to fold its text")

    monkeypatch.setattr(StoredEvents, "__iter__", refused)
    texts = StoredTexts.of(events, search_haystacks)
    assert texts is not None and events.kept == 0
    expected = SearchIndex(made)
    for query in ("the", "Benioff", "zzz"):
        sensitive = query != query.casefold()
        found = texts.find(sensitive, query if sensitive else query.casefold(), 0, len(made))
        assert found == expected.search(query), query


def test_a_search_text_given_up_leaves_nothing_beside_the_entry(tmp_path: Path) -> None:
    # The viewer gives up a search's text when the reader leaves (timeline/stopping.py).
    events = stored_events(tmp_path)
    assert events.entry is not None
    asked: list[int] = []

    def stopped() -> bool:
        asked.append(1)
        return len(asked) > 3  # given up at the fourth slice read

    with stoppable(stopped), pytest.raises(Stopped):
        SearchIndex(events).build()
    folder = events.entry.path.parent
    assert not [*folder.glob("*.partial"), *folder.glob("*.search")]
    index = SearchIndex(events)
    index.build()  # the next search writes it whole
    assert [*folder.glob("*.search")] and not [*folder.glob("*.partial")]
    assert index.search("the") == SearchIndex(list(events)).search("the")


async def test_the_cache_is_written_while_the_reader_does_not_press_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # After a first open of 1,000,000 events, 70 s of writing made `j` take 37 ms at
    # p95 and 705 ms at worst, against 8 ms without it.
    waited = threading.Event()
    sleep = threads._sleep

    def waiting(seconds: float) -> None:
        if threading.current_thread().name == "timeline-cache":
            waited.set()
        sleep(min(seconds, 0.01))

    monkeypatch.setattr(threads, "_sleep", waiting)
    path = tmp_path / "story.toml"
    path.write_text(generated(300), encoding="utf-8")
    folder = tmp_path / "cache" / "timeline"
    app = TimelineApp([str(path)], None, poll=False, tuning=STORED)
    app.last_input = float("inf")  # the reader keeps pressing keys
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, waited.is_set, "the writing to wait")
        assert not [*folder.glob("*.entry")]
        app.last_input = float("-inf")  # and then pauses
        await wait_until(pilot, lambda: bool([*folder.glob("*.values")]), "the writing")


def _first_open(tmp_path: Path) -> tuple[TimelineApp, Path, Path]:
    """The viewer on a file it reads for the first time and keeps as rows; the file,
    and the cache's folder."""
    path = tmp_path / "story.toml"
    path.write_text(generated(300), encoding="utf-8")
    app = TimelineApp([str(path)], None, poll=False, tuning=STORED)
    return app, path, tmp_path / "cache" / "timeline"


def _counted_folds_and_indexes(monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], list[int]]:
    """A 1 for each event's text folded for search, and for each index of values made."""
    folded: list[int] = []
    fold = search_module._fold_joined

    def counted_fold(texts: list[str]) -> str:
        folded.append(1)
        return fold(texts)

    indexed: list[int] = []
    index = value_index_module._indexed

    def counted_index(*args: Any) -> Any:
        indexed.append(1)
        return index(*args)

    monkeypatch.setattr(search_module, "_fold_joined", counted_fold)
    monkeypatch.setattr(value_index_module, "_indexed", counted_index)
    return folded, indexed


async def test_a_search_and_a_filter_before_the_entry_is_written_give_the_writer_theirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: a search made after a first open, before the viewer had written the
    # cache entry, wrote its text aside (there was no entry to keep it beside); the
    # viewer then folded every event again to keep the text beside the entry. At
    # 1,000,000 events the two folds shared the interpreter with the writing, and the
    # search took 62 s to answer. A first filter's index of values was made twice too.
    folded, indexed = _counted_folds_and_indexes(monkeypatch)
    asked = threading.Event()
    write = cache.Writer.__call__

    def once_asked(self: cache.Writer, stopped: Any = cache._never) -> Any:
        assert asked.wait(timeout=120), "the test never searched"
        return write(self, stopped)

    monkeypatch.setattr(cache.Writer, "__call__", once_asked)
    app, path, folder = _first_open(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.view.timeline is not None, "the load")
        assert app.view.timeline is not None
        events = app.view.timeline.events
        assert isinstance(events, FileRows) and events.entry is None
        await pilot.press("slash", *"the", "enter")
        await wait_until(pilot, lambda: bool(app.view.matches), "the matches")
        await pilot.press("f")
        await wait_until(pilot, lambda: bool(app.screen.query("#facet-kind")), "the counts")
        assert (len(folded), len(indexed)) == (len(events), 1)
        asked.set()
        await wait_until(
            pilot,
            lambda: len([*folder.glob("*.search"), *folder.glob("*.values")]) == 2,
            "the files beside the entry",
        )
        matches = app.view.matches
    assert (len(folded), len(indexed)) == (len(events), 1)  # kept, not made again
    assert events.entry is not None
    kept = StoredTexts.of(events, search_haystacks)
    assert kept is not None
    assert len(folded) == len(events)  # opened, not made
    assert kept.find(False, "the", 0, len(events)) == matches
    values = ValueIndex(events)
    assert values.of("kind") == ValueIndex(list(events)).of("kind")
    assert len(indexed) == 2  # (the second made of the list, for the comparison)
    expected = load_file(path, tuning=MADE).timeline
    assert expected is not None
    assert matches == SearchIndex(expected.events).search("the")


async def test_a_first_search_and_filter_after_a_first_open_read_what_the_viewer_keeps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The viewer keeps a first read's search text and index of values beside the cache
    # entry it writes. A first search or filter meanwhile made them again, held in
    # memory (the text took 1.2 GB at 1,000,000 events): every event folded twice.
    folded, indexed = _counted_folds_and_indexes(monkeypatch)
    app, path, folder = _first_open(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.view.timeline is not None, "the load")
        assert app.view.timeline is not None
        events = app.view.timeline.events
        assert isinstance(events, FileRows)
        await wait_until(pilot, lambda: events.entry is not None, "the entry given to its events")
        await pilot.press("slash", *"the", "enter")
        await pilot.press("f")
        await wait_until(pilot, lambda: bool(app.screen.query("#facet-kind")), "the counts")
        await wait_until(
            pilot,
            lambda: len([*folder.glob("*.search"), *folder.glob("*.values")]) == 2,
            "the files beside the entry",
        )
        matches = app.view.matches
    assert len(folded) == len(events)  # once each, by whichever came first
    assert len(indexed) == 1
    expected = load_file(path, tuning=MADE).timeline
    assert expected is not None
    assert matches == SearchIndex(expected.events).search("the")


def test_the_text_beside_an_entry_goes_with_it(tmp_path: Path) -> None:
    path, timeline = stored_story(tmp_path)
    assert isinstance(timeline.events, StoredEvents)
    entry = timeline.events.entry
    assert entry is not None
    SearchIndex(timeline.events).build()
    beside = entry.path.with_suffix(".search")
    assert beside.exists()
    entry.path.unlink()  # the entry is gone (pruned, or removed by hand)
    other = tmp_path / "other.toml"
    other.write_text(generated(20), encoding="utf-8")
    load_file(other, tuning=MADE)  # writing an entry prunes the folder
    assert not beside.exists()
    load_file(path, tuning=MADE)
    SearchIndex(load_file(path, tuning=STORED).timeline.events).build()  # type: ignore[union-attr]
    assert beside.exists()
    folder = beside.parent
    files = [*folder.glob("*.entry"), beside]
    assert cache.held() == (2, sum(file.stat().st_size for file in files))
    assert cache.clear() == 2  # timelines: the text beside one goes with it
    assert not beside.exists() and not list(folder.iterdir())


async def test_the_viewer_keeps_the_search_text_and_values_beside_the_entry_it_writes(
    tmp_path: Path, row_passes: list[int]
) -> None:
    # Made from the entry at the next open, they took 21 s and 7 s at 1,000,000 events.
    path = tmp_path / "story.toml"
    path.write_text(generated(300), encoding="utf-8")
    app = TimelineApp([str(path)], None, poll=False, tuning=STORED)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.view.timeline is not None, "the load")
        folder = tmp_path / "cache" / "timeline"
        await wait_until(
            pilot,
            lambda: len([*folder.glob("*.search"), *folder.glob("*.values")]) == 2,
            "the files beside the entry",
        )
    stored = load_file(path, tuning=STORED).timeline
    assert stored is not None and isinstance(stored.events, StoredEvents)
    folded: list[int] = []

    def haystacks(events: Sequence[Event]) -> Iterator[str]:
        for text in search_haystacks(events):
            folded.append(1)
            yield text

    texts = StoredTexts.of(stored.events, haystacks)
    assert texts is not None and not folded
    expected = load_file(path, tuning=MADE).timeline
    assert expected is not None
    assert texts.find(False, "the", 0, len(stored.events)) == SearchIndex(expected.events).search(
        "the"
    )
    assert ValueIndex(stored.events).of("tag") == ValueIndex(expected.events).of("tag")
    assert not row_passes


def test_the_entry_says_whether_anything_is_archived(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # After every open of a stored timeline the viewer asks whether any source is
    # archived (its quotes are then checked): it read every row, 3.3 s at 1,000,000
    # events when nothing is. The entry now says, as it is written.
    from timeline.verify.run import _archived

    _, stored = stored_story(tmp_path)

    def refused(events: StoredEvents) -> Any:
        raise AssertionError("every row read to look for an archive")

    monkeypatch.setattr(StoredEvents, "rows", refused)
    assert isinstance(stored.events, StoredEvents)
    assert stored.events.archived is False and not _archived(stored.events)
    path = tmp_path / "quoted.toml"  # a quote's own source counts (`archives_of`)
    path.write_text(
        generated(300) + '\n[[events]]\ndate = 2018-07-19\ntitle = "Quoted"\n[[events.quotes]]\n'
        'text = "Said."\nsource = { label = "Saved", archive = "archives/q.html" }\n',
        encoding="utf-8",
    )
    made, quoted = both(path)
    assert isinstance(quoted.events, StoredEvents)
    assert quoted.events.archived is True and _archived(quoted.events)
    assert _archived(made.events)


def test_a_cache_entrys_events_have_a_column_of_their_file(story: Path) -> None:
    # Their rows do not hold it (it is the name the file is given by): fields_of gave "".
    from timeline.store import Same

    made, stored = both(story)
    files = stored.events.columns["file"]  # type: ignore[attr-defined]
    assert isinstance(files, Same) and len(files) == len(made.events)
    assert list(fields_of(stored.events, "file")) == [e.file for e in made.events]
    assert files[-1] == files[0] == str(story) and files[2:5] == [str(story)] * 3
    with pytest.raises(IndexError):
        files[len(files)]


def test_a_first_reads_text_written_aside_is_closed_with_its_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The text of stored events with no cache entry is written to a file with no name;
    # let go with them, it was left to the collector unclosed (a ResourceWarning).
    import gc

    monkeypatch.setenv("TIMELINE_CACHE", "0")
    path = tmp_path / "story.toml"
    path.write_text(generated(60), encoding="utf-8")
    timeline = load_file(path, tuning=STORED).timeline
    assert timeline is not None and isinstance(timeline.events, FileRows)
    assert timeline.events.entry is None
    texts = StoredTexts.aside(timeline.events, search_haystacks)
    assert texts is not None
    file = texts._file._file
    assert texts.find(False, "the", 0, 60) and not file.closed  # read while they live
    del timeline
    gc.collect()
    assert file.closed

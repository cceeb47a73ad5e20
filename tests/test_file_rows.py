"""A large file's first read keeps its events as the rows its chunks were read into, and
makes each when it is asked for (timeline/file_rows.py): everything read through them is
what a read that makes every event gives, in any order the file is written in."""

from __future__ import annotations

import random
import tempfile
from collections import Counter
from operator import attrgetter
from pathlib import Path
from typing import Any

import pytest
from conftest import EVENTS, generated, read_at_once, same_timelines, walked

from timeline import cache
from timeline.cli import main, reading
from timeline.file_rows import FileRows
from timeline.model import Event, Timeline
from timeline.problems import LoadResult, Problem
from timeline.query.facets import facets
from timeline.query.search import SearchIndex, haystack, haystacks
from timeline.query.value_index import ValueIndex
from timeline.query.view import View
from timeline.read import load_any, toml_load
from timeline.read.toml import Tuning, load_file
from timeline.show.lanes import MODES, LaneIndex
from timeline.store import COLUMNS, Entry, fields_of
from timeline.verify.run import _archived, check_quotes

#: Every file large, in chunks of 5 events, all made as read (`MADE`) or kept as rows
#: from one event on (`FIRST`); with the helper process, or without (`ALONE`).
MADE = Tuning(large_file=0, chunk_events=5, parallel_file=0, stored_events=0)
FIRST = MADE._replace(stored_events=1)
ALONE = FIRST._replace(parallel_file=1 << 40)

#: Events the quick way doubts (bounds, a quote with its own date) among others: their
#: chunks are read with every check, and kept made.
DOUBTED = """
[[events]]
id = "opening"
date = "after 2018-07-20"
end_date = "before 2018-08-01"
title = "A span known only by its bounds"
status = "disputed"
[[events]]
date = "2018-07-25"
title = "A dated quote"
in_reply_to = "opening"
tags = ["a", "b", "a"]
[[events.quotes]]
text = "Said later"
speaker = "Ana"
date = 2018-07-26
[[events]]
date = "2018-07-24"
display_date = "25 July 2018"
title = "Shown as another day (a warning)"
"""


def _blocks(text: str) -> tuple[str, list[str]]:
    head, *events = text.split("\n[[events]]")
    return head, events


def _written(text: str, order: str) -> str:
    """The same events written in another order."""
    head, events = _blocks(text)
    if order == "reversed":
        events.reverse()
    elif order == "shuffled":
        random.Random(3).shuffle(events)
    return head + "".join("\n[[events]]" + event.rstrip("\n") + "\n" for event in events)


@pytest.fixture(params=["generated", "doubted", "with events.toml"])
def text(request: pytest.FixtureRequest) -> str:
    return {
        "generated": generated(300),
        "doubted": generated(120) + DOUBTED,
        # Its events: relative dates, quotes of other days, sources of every kind.
        "with events.toml": generated(100)
        + "".join("\n[[events]]" + event for event in _blocks(EVENTS.read_text("utf-8"))[1]),
    }[str(request.param)]


@pytest.fixture(params=["in order", "reversed", "shuffled"])
def order(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, order: str, tuning: Tuning = FIRST
) -> tuple[Timeline, Timeline, list[Problem]]:
    """The timeline made whole as read, and kept as rows, of one file; and its problems."""
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    path = tmp_path / "story.toml"
    path.write_text(_written(text, order), encoding="utf-8")
    made, first = load_file(path, tuning=MADE), load_file(path, tuning=tuning)
    assert made.timeline is not None and first.timeline is not None
    assert first.problems == made.problems
    assert not isinstance(made.timeline.events, FileRows)
    assert isinstance(first.timeline.events, FileRows)
    return made.timeline, first.timeline, first.problems


@pytest.mark.parametrize("tuning", [FIRST, ALONE], ids=["helper", "alone"])
def test_a_first_read_is_the_read_that_makes_every_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, order: str, tuning: Tuning
) -> None:
    made, first, _ = both(tmp_path, monkeypatch, text, order, tuning)
    events = first.events
    assert isinstance(events, FileRows)
    assert events.kept == 0  # the load made none (12.5 s of 22 at 1,000,000 events)
    same_timelines(first, made)


def test_the_doubted_events_are_read_with_every_check_and_warned_about(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, order: str
) -> None:
    made, first, problems = both(tmp_path, monkeypatch, generated(120) + DOUBTED, order)
    assert any("display_date" in problem.message for problem in problems)
    quoted = first.get("a-dated-quote")  # its id made of its title, by the whole read
    assert quoted is not None and quoted.quotes[0].date is not None
    assert quoted == made.get("a-dated-quote")


def test_its_columns_and_rows_are_the_events_fields(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, order: str
) -> None:
    made, first, _ = both(tmp_path, monkeypatch, text, order)
    for name in (*COLUMNS, "kind", "speaker", "tags", "title", "file", "line"):
        assert list(fields_of(first.events, name)) == list(map(attrgetter(name), made.events))
    pairs = list(fields_of(first.events, "title", "speaker"))
    assert pairs == list(map(attrgetter("title", "speaker"), made.events))
    quoted = [tuple(quote.speaker for quote in event.quotes) for event in made.events]
    assert list(fields_of(first.events, "quoted")) == quoted


def test_filters_lanes_and_search_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    made, first, _ = both(tmp_path, monkeypatch, text, "reversed")
    index, expected = ValueIndex(first.events), ValueIndex(made.events)
    for field in ("kind", "speaker", "handle", "group", "status", "tag", "quoted"):
        assert index.of(field) == expected.of(field), field
    assert index.layout() == expected.layout()
    assert facets(first.events) == facets(made.events)
    assert Counter(fields_of(first.events, "tags")) == Counter(fields_of(made.events, "tags"))
    every = range(len(made.events))
    for mode in MODES:
        lanes, lanes_expected = (
            LaneIndex(first.events, every, mode),
            LaneIndex(made.events, every, mode),
        )
        assert [lane.positions for lane in lanes.lanes] == [
            lane.positions for lane in lanes_expected.lanes
        ]
    for query in ("the", "Benioff", "zzz"):
        assert SearchIndex(first.events).search(query) == SearchIndex(made.events).search(query)


def test_search_folds_its_rows_without_making_its_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    # Made to be folded, the events were a third of a first search's index at
    # 1,000,000 events (38 s).
    made, first, _ = both(tmp_path, monkeypatch, text, "shuffled")

    def refused(events: FileRows) -> Any:
        raise AssertionError("every event made to fold its text")

    monkeypatch.setattr(FileRows, "__iter__", refused)
    index, expected = SearchIndex(first.events), SearchIndex(made.events)
    index.build()
    for query in ("the", "Benioff", "immigration", "zzz", "’"):
        assert index.search(query) == expected.search(query), query
    assert list(haystacks(first.events)) == list(map(haystack, made.events))


def test_search_keeps_the_text_of_a_first_read_in_a_file_not_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    # Without a cache entry (the cache off, or before the viewer has written it), the
    # search text of a first read was held as strings: 1.2 GB at 1,000,000 events.
    made, first, _ = both(tmp_path, monkeypatch, text, "reversed")
    index, expected = SearchIndex(first.events), SearchIndex(made.events)
    index.build()
    assert index._cased is None and index._lower is None and index._texts is not None
    for query in ("the", "Benioff", "São", "’", "zzz"):
        assert index.search(query) == expected.search(query), query
        middle = len(made.events) // 2
        assert index.search_slice(query, middle, middle + 40) == expected.search_slice(
            query, middle, middle + 40
        )


def test_the_viewer_looks_for_archived_quotes_without_making_its_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # After every open, the viewer asks whether any source is archived (its quotes are
    # then checked): that made every event of a first read, 10 s at 1,000,000.
    made, first, _ = both(tmp_path, monkeypatch, generated(120), "reversed")

    def refused(events: FileRows) -> Any:
        raise AssertionError("every event made to look for an archive")

    monkeypatch.setattr(FileRows, "__iter__", refused)
    assert check_quotes(first) == check_quotes(made) == {}
    archived = generated(120).replace(
        'url = "https://example.com/2" }',
        'url = "https://example.com/2", archive = "archives/2.html" }',
    )
    assert archived != generated(120)
    _, first, _ = both(tmp_path, monkeypatch, archived, "shuffled")
    assert _archived(first.events)
    # A quote's own source counts too: its quote is checked against it (`archives_of`).
    quoted = generated(120) + (
        '\n[[events]]\ndate = 2018-07-19\ntitle = "Quoted"\n[[events.quotes]]\n'
        'text = "Said."\nsource = { label = "Saved", archive = "archives/q.html" }\n'
    )
    made, first, _ = both(tmp_path, monkeypatch, quoted, "shuffled")
    assert _archived(first.events) and _archived(made.events)


def test_a_view_of_it_is_the_view_of_the_read_that_makes_every_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, order: str
) -> None:
    made, first, _ = both(tmp_path, monkeypatch, text, order)
    assert walked(first) == walked(made)


def test_threads_reading_at_once_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, order: str
) -> None:
    made, first, _ = both(tmp_path, monkeypatch, generated(300), order)
    read_at_once(first.events, made.events)


def test_a_file_in_no_order_is_made_whole_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A pass over rows in the file's order keeps as many read as the events are far
    # from their place: beyond `WINDOW`, every event is made as it is read.
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    monkeypatch.setattr(toml_load, "WINDOW", 100)  # 59 in order or reversed, 289 shuffled
    path = tmp_path / "story.toml"
    for order, made_whole in (("in order", False), ("reversed", False), ("shuffled", True)):
        path.write_text(_written(generated(300), order), encoding="utf-8")
        made, first = load_file(path, tuning=MADE), load_file(path, tuning=FIRST)
        assert made.timeline is not None and first.timeline is not None
        assert isinstance(first.timeline.events, FileRows) != made_whole, order
        assert list(first.timeline.events) == list(made.timeline.events), order
        assert first.problems == made.problems


@pytest.mark.parametrize("tuning", [FIRST, ALONE], ids=["helper", "alone"])
def test_a_full_disk_leaves_the_events_made_as_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tuning: Tuning
) -> None:
    # The rows' temporary files cannot be written (as on a full disk): the chunks are
    # read as before, every event made, not the whole file read again at once.
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    path = tmp_path / "story.toml"
    path.write_text(generated(300), encoding="utf-8")
    made = load_file(path, tuning=MADE)
    whole_reads: list[str] = []
    whole = toml_load.Load.whole

    def counted(self: toml_load.Load, text: str, fast: bool = True) -> LoadResult:
        whole_reads.append(self.name)
        return whole(self, text, fast)

    monkeypatch.setattr(toml_load.Load, "whole", counted)
    full = lambda: open("/dev/full", "r+b", buffering=0)  # noqa: E731, SIM115 (closed by the load)
    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    first = load_file(path, tuning=tuning)
    assert first.timeline is not None and made.timeline is not None
    assert not whole_reads
    assert list(first.timeline.events) == list(made.timeline.events)
    assert first.problems == made.problems


def test_an_event_asked_for_alone_is_made_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: each event asked for alone (a reply looked up while printing) made
    # its slice of 128: a printout of 250,000 events took 465 s instead of 28 s.
    made, first, _ = both(tmp_path, monkeypatch, generated(600), "in order")
    events = first.events
    assert isinstance(events, FileRows)
    far_apart = [5, 300, 140, 590, 20]
    assert [events[i] for i in far_apart] == [made.events[i] for i in far_apart]
    assert events.kept == 0
    assert events[21] == made.events[21] and events.kept > 0  # a second in its slice


def test_the_index_of_values_kept_beside_an_entry_reads_the_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: `write_values` (the viewer's, after writing a first read to the cache)
    # asked for slices of 50,000 events, each event then made alone: 17 s against
    # 0.3 s at 40,000 events.
    from timeline.query import value_index

    made, first, _ = both(tmp_path, monkeypatch, generated(300), "reversed")
    assert isinstance(first.events, FileRows)
    kept: list[dict[str, dict[str, object]]] = []
    monkeypatch.setattr(value_index, "_keep_beside", lambda _e, _n, fields: kept.append(fields))
    made_events: list[int] = []
    events = FileRows._events

    def counted(self: FileRows, *args: Any) -> list[Event]:
        made_events.append(1)
        return events(self, *args)

    monkeypatch.setattr(FileRows, "_events", counted)
    value_index.write_values(Entry(tmp_path / "e", ""), first.events, lambda: False)
    assert not made_events
    expected = ValueIndex(made.events)
    assert kept == [{field: expected.of(field) for field in value_index.FIELDS}]


def test_an_events_warnings_are_found_for_an_equal_event_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: the warnings of an event were looked up by the event object: one made
    # again (its slice let go, as after the viewer writes the cache) had none.
    _, first, problems = both(tmp_path, monkeypatch, generated(120) + DOUBTED, "in order")
    view = View()
    view.show(first)
    view.warn([p for p in problems if p.severity == "warning"])
    index = first.index_of("shown-as-another-day-a-warning")
    assert index is not None
    event = first.events[index]
    assert len(view.warnings_of(event)) == 1
    assert len(view.warnings_of(Event(*event))) == 1  # equal, another object


def test_a_file_newest_first_with_a_doubted_event_is_kept_as_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: an event kept made counted as far from its place when the file was
    # measured newest first: one doubt near either end made every event.
    monkeypatch.setattr(toml_load, "WINDOW", 100)
    text = _written(generated(300), "reversed").replace('kind = "', 'kinds = "', 1)
    made, first, problems = both(tmp_path, monkeypatch, text, "in order")
    assert any("kinds" in p.message for p in problems)
    assert list(first.events) == list(made.events)


def test_the_rows_files_are_closed_when_the_work_on_all_events_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline.read import chunks

    monkeypatch.setenv("TIMELINE_CACHE", "0")
    path = tmp_path / "story.toml"
    path.write_text(generated(300), encoding="utf-8")
    closed: list[int] = []
    close = chunks.KeptRows.close

    def counted(self: chunks.KeptRows) -> None:
        closed.append(1)
        close(self)

    monkeypatch.setattr(chunks.KeptRows, "close", counted)

    def fails(*_: object) -> None:
        raise KeyboardInterrupt  # Ctrl-C while the events are put together

    monkeypatch.setattr(toml_load, "check_links", fails)
    with pytest.raises(KeyboardInterrupt):
        load_file(path, tuning=FIRST)
    assert closed


def test_check_writes_no_entry_that_would_make_every_event_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: `timeline check` of a file read for the first time and kept as rows
    # wrote its cache entry before exiting, which made every event again: 40.8 s at
    # 1,000,000 events against 18.4 s with the cache off. A file is checked again
    # mostly once edited, when the entry no longer applies.
    path = tmp_path / "story.toml"
    path.write_text(generated(300), encoding="utf-8")

    def entries() -> list[Path]:
        return sorted(cache.location().glob("*.entry"))

    asked: list[dict[str, Any]] = []

    def first_read(name: str, **given: Any) -> LoadResult:
        asked.append(given)
        result = load_any(name, tuning=FIRST, **given)
        assert result.timeline is not None
        assert isinstance(result.timeline.events, FileRows)
        return result

    monkeypatch.setattr(reading, "load_any", first_read)
    assert main(["check", str(path)]) == 0
    assert asked and entries() == []
    # The other commands write it, and so does a read that makes its events as it goes:
    # writing costs little beside it.
    assert load_file(path, tuning=FIRST).timeline is not None
    assert len(entries()) == 1
    cache.clear()
    assert entries() == []
    assert load_file(path, tuning=MADE, remake_for_cache=False).timeline is not None
    assert len(entries()) == 1


def test_check_of_several_files_makes_none_of_their_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: `check` of several files, checked as the viewer merges them, merged
    # them, which made every event of each file kept as rows: a file of 1,000,000
    # events with another of 100,000 took 83 s and 1.9 GB, against 18 s and 0.7 GB
    # checked one at a time.
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    paths = []
    for name, count in (("a", 300), ("b", 120)):  # the same ids in both: renamed
        path = tmp_path / f"{name}.toml"
        path.write_text(generated(count), encoding="utf-8")
        paths.append(str(path))

    def first_read(name: str, **given: Any) -> LoadResult:
        result = load_any(name, tuning=FIRST, **given)
        assert result.timeline is not None
        assert isinstance(result.timeline.events, FileRows)
        return result

    def refused(events: FileRows) -> Any:
        raise AssertionError("every event made")

    monkeypatch.setattr(reading, "load_any", first_read)
    monkeypatch.setattr(FileRows, "__iter__", refused)
    assert main(["check", *paths]) == 0

"""A search among many events, found a slice at a time around the selection.

At a million events a whole scan took 300 ms, and each letter typed waited for it.
Beyond `Finder.SLICED` events the view finds the events around the selection at once,
and the rest between keys (`View.advance_search`). These tests make a few thousand
events "many" (`search_sliced`), and hold every answer to the one a whole scan gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import generated

from timeline.model import Timeline
from timeline.query.filter_args import parse_filter_args
from timeline.query.search import SearchIndex
from timeline.query.view import View
from timeline.read.toml import load_text

COUNT = 3_000
QUERIES = ["hernandez", "the", "t", "RAICES", "Zürich", "xyzzy", "board", "cbp", "e"]


@cache
def generated_text() -> str:
    return generated(COUNT)


@cache
def many() -> Timeline:
    timeline = load_text(generated_text(), "many.toml").timeline
    assert timeline is not None
    return timeline


def views(at: int, filters: tuple[str, ...] = ()) -> tuple[View, View]:
    """The same timeline in a view that scans whole, and one that slices (slices of 97)."""
    whole, sliced = View(), View(search_sliced=100, search_slice=97)
    for view in (whole, sliced):
        view.show(many(), at)
        if filters:
            assert view.set_filter(parse_filter_args(list(filters))) is None
    return whole, sliced


def found_late_only(view: View) -> str:
    """A late event's title, whose first match lies beyond the first slice from the top."""
    return next(
        title
        for title in (many().events[i].title for i in range(COUNT - 1, 0, -1))
        if (view.search_positions(title) or [0])[0] > 200
    )


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("at", [0, 1_234, COUNT - 1])
def test_typing_goes_where_a_whole_scan_goes_and_finds_the_same(query: str, at: int) -> None:
    whole, sliced = views(at)
    for view in (whole, sliced):
        view.begin_search()
        for n in range(1, len(query) + 1):
            view.search(query[:n])
    near = sliced.matches and whole.matches and whole.cursor in sliced.matches
    if near:  # found in the first slice: gone to at once
        assert sliced.cursor == whole.cursor
    while sliced.advance_search(0.0):
        pass
    assert sliced.matches == whole.matches
    if whole.matches:  # else a whole scan stays where the last letter with one took it
        assert sliced.cursor == whole.cursor  # found between keys, and gone to
    sliced.accept_search()
    whole.accept_search()
    assert sliced.cursor == whole.cursor


def test_a_search_that_matches_nothing_never_scans_everything_at_a_keystroke() -> None:
    _, sliced = views(1_500)
    sliced.begin_search()
    sliced.search("xyzzy")  # matches nothing: only a whole scan could say so
    assert sliced.searching and sliced.matches == [] and sliced.cursor == 1_500
    assert "0 matches so far, searching…" in sliced.status
    while sliced.advance_search(0.0):
        pass
    assert sliced.cursor == 1_500 and "no match" in sliced.status


def test_a_reader_who_moves_before_the_match_is_found_stays_there() -> None:
    whole, sliced = views(0)
    query = found_late_only(whole)
    sliced.begin_search()
    sliced.search(query)
    assert sliced.matches == [] and sliced.searching
    sliced.move_to(5)
    while sliced.advance_search(0.0):
        pass
    assert sliced.cursor == 5 and sliced.matches == whole.search_positions(query)


def test_a_slice_is_found_first_and_the_rest_between_keys() -> None:
    whole, sliced = views(1_500)
    whole.search("e")
    sliced.search("e")
    assert sliced.searching
    first = list(sliced.matches)
    assert 0 < len(first) < len(whole.matches)
    assert set(first) <= set(whole.matches)
    assert "so far, searching…" in sliced.status
    turns = 0
    while sliced.advance_search(0.0):  # one slice a turn
        turns += 1
        assert set(sliced.matches) <= set(whole.matches)
    assert turns >= COUNT // 97 - 2
    assert sliced.matches == whole.matches
    assert not sliced.searching and "searching" not in sliced.status


@pytest.mark.parametrize("query", ["the", "cbp", "RAICES", "xyzzy"])
@pytest.mark.parametrize("direction", [1, -1])
def test_n_and_shift_n_visit_what_a_whole_scan_visits(query: str, direction: int) -> None:
    whole, sliced = views(COUNT // 2)
    whole.search(query, jump=False)
    sliced.search(query, jump=False)
    for _ in range(12):
        told = whole.next_match(direction)
        assert sliced.next_match(direction) == told
        assert sliced.cursor == whole.cursor


def test_the_list_of_matches_and_filters_get_the_whole_search() -> None:
    whole, sliced = views(700, ("kind=tweet",))
    for view in (whole, sliced):
        view.search("the", jump=False)
    assert len(sliced.shown) > 100  # still "many": sliced
    assert sliced.searching
    assert sliced.no_matches() is None  # M lists them: found whole first
    assert sliced.matches == whole.matches and not sliced.searching


def test_a_search_found_whole_is_remembered() -> None:
    _, sliced = views(10)
    sliced.search("board")
    while sliced.advance_search(1.0):
        pass
    found = list(sliced.matches)
    sliced.search("")
    sliced.search("board")  # deleting back to it: nothing to scan again
    assert not sliced.searching and sliced.matches == found


async def test_the_viewer_finds_the_rest_between_keys_and_counts_it(tmp_path: Path) -> None:
    from conftest import SIZE, app_for, wait_until

    path = tmp_path / "many.toml"
    path.write_text(generated_text(), encoding="utf-8")
    app = app_for(path)
    app.view = View(search_sliced=100, search_slice=97)
    whole, _ = views(0)
    whole.search("the", jump=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.view.timeline is not None, "loaded")
        await pilot.press("slash", "t", "h", "e", "enter")
        # Found between keys, without another key pressed.
        await wait_until(pilot, lambda: not app.view.searching, "the whole search")
        assert app.view.matches == whole.matches
        count = len(whole.matches)
        assert f"of {count:,}" in app.view.status or f"{count:,} matches" in app.view.status
        assert "searching" not in app.view.status


def test_n_before_the_match_is_found_goes_to_the_next_one_from_where_the_reader_is() -> None:
    whole, sliced = views(0)
    query = found_late_only(whole)
    sliced.begin_search()
    sliced.search(query)  # its jump waits for the match
    sliced.accept_search()
    assert sliced.cursor == 0
    sliced.next_match(1)
    assert sliced.cursor == whole.search_positions(query)[0]  # the first, not the second


def test_showing_a_timeline_builds_no_search_index_until_a_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Asking whether to slice built the index (folding every event) at every show.
    from conftest import loaded

    from timeline.query.search import SearchIndex

    built: list[SearchIndex] = []
    build = SearchIndex.build

    def counted(self: SearchIndex) -> None:
        built.append(self)
        build(self)

    monkeypatch.setattr(SearchIndex, "build", counted)
    view = View()
    view.show(loaded())
    assert view.set_filter(parse_filter_args(["kind=tweet"])) is None
    assert built == []
    view.search("raices")
    assert view.matches and len(built) == 1


def _awaiting_index() -> tuple[View, Timeline]:
    """A view of more events than a search index is built for on the spot (the viewer
    builds it in a thread), with no index yet."""
    from timeline.model import Event, When
    from timeline.query.finder import Finder

    count = Finder.INDEX_NOW + 500
    events = tuple(
        Event(f"e{n}", When(2000 + n // 1000, 1, 1), f"{'Board' if n % 97 == 5 else 'Other'} {n}")
        for n in range(count)
    )
    timeline = Timeline(title="Many", events=events)
    view = View()
    view.show(timeline, 1_000)
    return view, timeline


def _built(view: View, timeline: Timeline) -> None:
    index = view.index_to_build()
    assert index is not None
    index.build()
    assert view.set_index(index, timeline)


def test_n_and_M_say_the_index_is_still_being_built_never_no_match() -> None:
    # "No match for “board”" while 200 events matched it: the index was not built yet.
    view, timeline = _awaiting_index()
    view.begin_search()
    view.search("board")
    view.accept_search()
    assert view.status.endswith("indexing for search…")
    for notice in (view.next_match(1), view.next_match(-1), view.no_matches()):
        assert notice is not None and "Still indexing" in notice.text, notice
    _built(view, timeline)
    assert view.cursor == 1_072  # the first match after where the search began (97 × 11 + 5)
    # Counts are written as elsewhere, with thousands separators ("the first 2,000").
    assert view.status == "1,073 of 20,500 · match 12 of 212"
    assert view.next_match(1) is None and view.cursor == 1_169


def test_a_reader_who_moved_while_the_index_was_built_stays_where_they_went() -> None:
    # The index arrived, and the search took the reader from where they had gone
    # (`d` to a date, or `j`) to its first match.
    view, timeline = _awaiting_index()
    view.begin_search()
    view.search("board")
    view.accept_search()
    view.move_to(5_000)
    _built(view, timeline)
    assert view.cursor == 5_000
    assert view.matches and view.status.endswith(f"{len(view.matches):,} matches")


class _Gated:
    """The search index's text of a stored timeline, folded up to `at` events, then
    held until `more` is set (`reached` says it is there)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, at: int) -> None:
        import threading

        from timeline.query import search as search_module

        self.reached, self.more = threading.Event(), threading.Event()
        folded = search_module.haystacks

        def gated(events: Any) -> Iterator[str]:
            for n, text in enumerate(folded(events)):
                if n == at:
                    self.reached.set()
                    assert self.more.wait(timeout=120), "never let go"
                yield text

        monkeypatch.setattr(search_module, "haystacks", gated)


def _first_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Timeline:
    """The many events as a large file's first read keeps them (timeline/file_rows.py),
    with no cache entry: its search text is written to a file of its own."""
    from timeline.file_rows import FileRows
    from timeline.read.toml import Tuning, load_file

    monkeypatch.setenv("TIMELINE_CACHE", "0")
    path = tmp_path / "many.toml"
    path.write_text(generated_text(), encoding="utf-8")
    tuning = Tuning(large_file=0, chunk_events=50, parallel_file=1 << 40, stored_events=1)
    timeline = load_file(path, tuning=tuning).timeline
    assert timeline is not None and isinstance(timeline.events, FileRows)
    return timeline


@contextmanager
def _index_being_built(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    ready: int,
    at: int = 0,
    filters: tuple[str, ...] = (),
) -> Iterator[tuple[View, SearchIndex, Timeline]]:
    """A view of the many events as a first read keeps them, its search index being
    built in a thread and held once its first `ready` events are (`_Gated`); let go,
    and built whole, on leaving."""
    import threading

    from timeline.query.finder import Finder

    monkeypatch.setattr(Finder, "INDEX_NOW", 100)  # (after the caller's whole scans)
    timeline = _first_read(tmp_path, monkeypatch)
    gate = _Gated(monkeypatch, ready)
    view = View(search_sliced=100, search_slice=97)
    view.show(timeline, at)
    if filters:
        assert view.set_filter(parse_filter_args(list(filters))) is None
    index = view.index_to_build()
    assert index is not None
    building = threading.Thread(target=index.build)
    building.start()
    try:
        assert gate.reached.wait(timeout=120)
        yield view, index, timeline
    finally:
        gate.more.set()
        building.join()


def test_a_search_finds_the_first_matches_while_its_index_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: the first search after a first open of 1,000,000 events said
    # "indexing for search…" for 21 s, until the text of every event was folded,
    # although the reader stood at the first events, folded in the first moments.
    whole, _ = views(0)
    whole.search("the", jump=False)
    with _index_being_built(tmp_path, monkeypatch, 1_000) as (view, index, timeline):
        assert index.ready == 1_000
        view.begin_search()
        view.search("the")
        view.accept_search()
        view.advance_search(60.0)  # returns once it has looked through what is ready
        early = [p for p in whole.matches if p < 1_000]
        assert len(early) > 2 and view.matches == early
        assert view.search_grows and view.cursor == early[0]
        assert view.status.endswith(f"{len(early):,} matches so far, indexing for search…")
        assert view.next_match(1) is None and view.cursor == early[1]
        assert view.next_match(-1) is None and view.cursor == early[0]
        view.move_to(early[-1])
        for notice in (view.next_match(1), view.no_matches()):  # no wrapping around yet
            assert notice is not None and "Still indexing" in notice.text
        assert view.cursor == early[-1]
    assert index.ready == COUNT and view.set_index(index, timeline)
    # Found from where it had got to, not from the start.
    assert view.matches[: len(early)] == early and not view.search_grows
    while view.advance_search(0.0):
        pass
    assert view.matches == whole.matches
    assert view.cursor == early[-1]  # where the reader went meanwhile


def test_a_search_waits_for_the_events_its_index_has_not_reached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole, _ = views(2_500)
    whole.search("the")
    with _index_being_built(tmp_path, monkeypatch, 1_000, at=2_500) as (view, index, timeline):
        view.search("the")
        view.advance_search(60.0)
        # Around the reader, nothing is ready: nothing found, nowhere gone, nothing said
        # to be missing.
        assert view.matches == [] and view.cursor == 2_500
        assert view.status.endswith("0 matches so far, indexing for search…")
    assert view.set_index(index, timeline)
    while view.advance_search(0.0):
        pass
    assert view.matches == whole.matches and view.cursor == whole.cursor


def test_a_search_among_filtered_events_finds_those_its_index_has_ready(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filters = ("kind=letter", "kind=statement")
    whole, _ = views(0, filters)
    whole.search("the", jump=False)
    with _index_being_built(tmp_path, monkeypatch, 2_000, filters=filters) as built:
        view, index, timeline = built
        view.search("the", jump=False)
        view.advance_search(60.0)
        shown = view.shown
        early = [p for p in whole.matches if shown[p] < 2_000]
        assert early and view.matches == early
    assert view.set_index(index, timeline)
    while view.advance_search(0.0):
        pass
    assert view.matches == whole.matches

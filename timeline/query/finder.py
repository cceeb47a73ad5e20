"""The reader's search, part of their view: what they typed, which shown events match,
and the index that answers it.

The index is built on the spot for a small timeline; for a large one the viewer builds
it in a thread (`index_to_build`) and hands it over (`set_index`).
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from timeline.model import Timeline
from timeline.query.selection import Notice, Selection
from timeline.text import ROW_LIMIT, one_line

if TYPE_CHECKING:
    from timeline.query.search import SearchIndex


#: What `n`, `N` and `M` say before the index is built: "No match" would be untrue.
_STILL_INDEXING = Notice("Still indexing for search: its matches follow in a moment.")


class Finder:
    """A search among the events a selection shows, and its matches.

    Attributes:
        query: The search text; "" for none.
        matches: Positions of the shown events matching it, in order.
    """

    #: Up to this many events the search index is built on the spot; beyond, the
    #: viewer builds it in a thread and hands it over (`set_index`).
    INDEX_NOW = 20_000
    #: Beyond this many events shown, a search is found a slice at a time: the events
    #: around the selection at once, the rest between the reader's keys (`advance`).
    #: A whole scan of a million events took 300 ms, and every letter typed waited for it.
    SLICED = 200_000
    #: Events in a slice: 20,000 take 5-10 ms to look through.
    SLICE = 20_000

    def __init__(
        self, selection: Selection, *, sliced: int = SLICED, slice_size: int = SLICE
    ) -> None:
        self._selection = selection
        self._sliced_beyond = sliced
        self._slice_size = slice_size
        self.query = ""
        self.matches: list[int] = []
        self._origin: int | None = None  # where a search being typed started
        self._index: SearchIndex | None = None
        self._indexing: Timeline | None = None  # the timeline an index is being built for
        # That index, while it is built: a search looks through the events it has
        # ready (`SearchIndex.ready`), from the first, before it is handed over.
        self._building: SearchIndex | None = None
        # While a search is found a slice at a time: the positions looked through so
        # far, from `_low` to `_high` (the matches are those among them); else None.
        self._low: int | None = None
        self._high = 0
        # A jump to the first match at or after a position, waiting for that match to be
        # found, and where the selection was when it was asked for (a reader who moves
        # meanwhile is not taken away).
        self._jump: tuple[int, int] | None = None

    def forget(self) -> None:
        """Another timeline is shown: the index was built for the last one."""
        self._index = None
        self._building = None

    @property
    def index(self) -> SearchIndex | None:
        """The search index, or None while the viewer builds it in a thread."""
        timeline = self._selection.timeline
        if self._index is None and timeline is not None and len(timeline.events) <= self.INDEX_NOW:
            from timeline.query.search import SearchIndex

            index = SearchIndex(timeline.events)
            index.build()
            self._index = index
        return self._index

    def index_to_build(self) -> SearchIndex | None:
        """A search index for the viewer to build in a thread, when one is needed and
        none is being built already."""
        timeline = self._selection.timeline
        if (
            self._index is not None
            or timeline is None
            or self._indexing is timeline
            or len(timeline.events) <= self.INDEX_NOW
        ):
            return None
        from timeline.query.search import SearchIndex

        self._indexing = timeline
        self._building = SearchIndex(timeline.events)
        return self._building

    def set_index(self, index: SearchIndex, timeline: Timeline) -> bool:
        """Take an index built for `timeline`; False when another timeline replaced it.

        A search made while it was built goes to its first match now, as it would have
        then, unless the reader has moved since (they stay where they went)."""
        if timeline is not self._selection.timeline:
            return False
        grown = self.growing and index is self._building
        self._index = index
        self._indexing = None
        self._building = None
        if grown:
            # What was found among the events it had ready is what it finds there now:
            # the search goes on from there (`advance`), not from the start.
            return True
        waiting = self._jump
        self.refresh()
        if waiting is not None and self.query:
            self._jump = waiting
            self._try_jump()
        return True

    @property
    def indexing(self) -> bool:
        """Whether the search waits for its index, which the viewer builds in a thread."""
        return self._index is None and len(self._selection.events) > self.INDEX_NOW

    def positions(self, query: str) -> list[int]:
        """Positions of the shown events that match `query`."""
        index = self.index
        if index is None or not query:
            return []
        found = index.search(query)
        shown = self._selection.shown
        if isinstance(shown, range):
            return found
        wanted = set(found)
        return [p for p, i in enumerate(shown) if i in wanted]

    def refresh(self) -> None:
        """Find the matches again: the events shown, or the index, changed."""
        self._low = None
        self._jump = None
        if self._sliced():
            self._begin_slices(self._selection.cursor)
        else:
            self.matches = self.positions(self.query) if self.query else []

    # A search among many events is found a slice at a time, outwards from where the
    # reader is: the matches they can see and go to come first, and the count follows.

    @property
    def searching(self) -> bool:
        """Whether the search is still being found (`advance` finds more of it)."""
        return self._low is not None

    @property
    def growing(self) -> bool:
        """Whether the search is being found among the events its index has ready while
        it is built: more are found as it grows (`advance`), and the whole search once
        it is handed over (`set_index`)."""
        return self._low is not None and self._index is None

    def _sliced(self) -> bool:
        """Whether the search is to be found a slice at a time."""
        if not self.query or len(self._selection.shown) <= self._sliced_beyond:
            return False  # (asking for the index would build one)
        index = self.index
        if index is None:
            return self._building is not None  # as far as it is built, then the rest
        return not index.remembers(self.query)

    def _limit(self) -> int:
        """How far the shown events can be looked through now: all of them, or while
        the index is built, those it has ready."""
        shown = self._selection.shown
        if self._index is not None or self._building is None:
            return len(shown)
        return bisect_left(shown, self._building.ready)

    def _begin_slices(self, around: int) -> None:
        count = len(self._selection.shown)
        low = min(max(0, around - self._slice_size // 2), max(0, count - self._slice_size))
        self._low, self._high = low, low
        self.matches = []
        self._extend(up=True)

    def _slice(self, start: int, stop: int) -> list[int] | None:
        """The positions from `start` to `stop` of the shown events that match; None when
        the index being built cannot look through them after all."""
        index = self.index
        if index is None:
            index = self._building
            assert index is not None
            look = index.search_ready
        else:
            look = index.search_slice
        shown = self._selection.shown
        if isinstance(shown, range) and shown.step == 1:
            first = shown.start
            found = look(self.query, first + start, first + stop)
            if found is None:
                return None
            return [i - first for i in found] if first else found
        found = look(self.query, shown[start], shown[stop - 1] + 1)
        if found is None:
            return None
        wanted = set(found)
        return [p for p in range(start, stop) if shown[p] in wanted]

    def _extend(self, *, up: bool) -> bool:
        """Look through one more slice, above the part looked through (`up`) or below;
        whether there was one to look through (while the index is built, only the
        events it has ready can be)."""
        low, high = self._low, self._high
        assert low is not None
        count = len(self._selection.shown)
        limit = self._limit()
        extended = False
        if up and high < count:
            stop = min(count, high + self._slice_size, limit)
            found = self._slice(high, stop) if stop > high else None
            if found is not None:
                self.matches += found
                self._high = stop
                extended = True
        elif not up and 0 < low <= limit:
            start = max(0, low - self._slice_size)
            found = self._slice(start, low)
            if found is not None:
                self.matches[:0] = found
                self._low = start
                extended = True
        if self._low == 0 and self._high >= count:
            self._finished()
        self._try_jump()
        return extended

    def _finished(self) -> None:
        self._low = None
        index = self.index
        if index is not None and isinstance(self._selection.shown, range):
            index.remember(self.query, list(self.matches))  # typing on narrows from it

    def _try_jump(self) -> None:
        """Make the jump waiting for a match, once the match is found: the first at or
        after its position, else (the whole search found) the first of all."""
        if self._jump is None:
            return
        start, cursor = self._jump
        selection = self._selection
        if selection.cursor != cursor:
            self._jump = None  # the reader moved meanwhile: they stay where they went
            return
        # What is found is one run of positions holding `start`, so the first match
        # found at or after it is the first there is.
        i = bisect_left(self.matches, start)
        if i < len(self.matches):
            selection.move_to(self.matches[i])
            self._jump = None
        elif self._low is None:  # all found, and none at or after it
            if self.matches:
                selection.move_to(self.matches[0])
            self._jump = None

    def advance(self, seconds: float) -> bool:
        """Find more of a search being found a slice at a time: one slice, then more for
        about `seconds`, upwards and downwards in turn. Whether there is more to find."""
        deadline = time.perf_counter() + seconds
        up = True
        stalled = 0  # turns in a row that found nothing to look through
        while self._low is not None:
            extended = self._extend(
                up=(up and self._high < len(self._selection.shown)) or self._low == 0
            )
            stalled = 0 if extended else stalled + 1
            up = not up
            if stalled == 2 or time.perf_counter() >= deadline:
                break  # both ways wait for the index being built
        return self._low is not None

    def finish(self) -> None:
        """Find the whole search now (a list of every match needs it); while the index
        is built, as much as it has ready."""
        while self._low is not None:
            if not (self._extend(up=True) or self._extend(up=False)):
                return  # the rest waits for the index being built

    def _reach(self, position: int, direction: int) -> None:
        """Look through slices until a match lies beyond `position` that way, or the
        search has been looked through to that end."""
        while self._low is not None:
            if direction > 0:
                i = bisect_left(self.matches, position + 1)
                if i < len(self.matches) or self._high >= len(self._selection.shown):
                    return
                if not self._extend(up=True):
                    return  # the rest waits for the index being built
            else:
                if (self.matches and self.matches[0] < position) or self._low == 0:
                    return
                if not self._extend(up=False):
                    return

    def begin(self) -> None:
        """The reader starts typing a search: remember where they are, so that giving it
        up (`cancel`) brings them back."""
        selection = self._selection
        selected = selection.selected
        if selection.timeline is not None and selected is not None:
            self._origin = selection.timeline.index_of(selected.id)

    def cancel(self) -> None:
        """Clear the search being typed and go back to where it started."""
        self.search("", jump=False)
        self._return_to_origin()

    def accept(self) -> None:
        """Keep the search typed and where it led; with no match, go back to where it
        started (there is nothing to be at). A search still being found goes on: its
        jump is made when its match is found."""
        if not self.matches and not self.searching:
            self._return_to_origin()
        self._origin = None

    def _return_to_origin(self) -> None:
        origin, self._origin = self._origin, None
        if origin is not None and origin < len(self._selection.events):
            self._selection.select_index(origin)

    def search(self, query: str, *, jump: bool = True) -> None:
        """Search for `query` ("" clears the search); with `jump`, go to the first match
        at or after the selection."""
        self.query = query
        # While it is typed, from where the search began: each letter refines the
        # search, not the place the previous letter led to.
        selection = self._selection
        origin = self._origin
        start = selection.cursor
        if origin is not None and selection.shown:
            start = min(bisect_left(selection.shown, origin), len(selection.shown) - 1)
        self._low = None
        self._jump = None
        if jump and query and self.indexing:
            # Nothing can be found yet: the jump waits for the index (`set_index`).
            self._jump = (start, selection.cursor)
        if self._sliced():
            # The first match at or after `start` is taken once found: at once when it
            # is near, else by a later turn of `advance`, so no letter waits for a scan
            # of every event (a query that matches nothing would).
            self._begin_slices(start)
            if jump:
                self._jump = (start, selection.cursor)
                self._try_jump()
            return
        self.matches = self.positions(query) if query else []
        if jump and self.matches:
            i = bisect_left(self.matches, start)
            selection.move_to(self.matches[i % len(self.matches)])

    def next_match(self, direction: int) -> Notice | None:
        """Go to the next (1) or previous (-1) match, wrapping around."""
        if not self.query:
            return Notice("No search: press / to search.")
        if self.indexing:
            found = self._found_beyond(self._selection.cursor, direction)
            if found is None:
                return _STILL_INDEXING
            self._jump = None
            self._selection.move_to(found)
            return None
        self._jump = None  # the reader moves on themselves, from where they are
        self._reach(self._selection.cursor, direction)
        cursor = self._selection.cursor
        beyond = self.matches and (
            self.matches[-1] > cursor if direction > 0 else self.matches[0] < cursor
        )
        if not beyond:
            self.finish()  # around the end: every match is needed to wrap
        if not self.matches:
            return Notice(f"No {self._no_match()}.")
        wrapped = self._selection.step_among(self.matches, direction)
        return Notice("Search wrapped around.") if wrapped else None

    def _found_beyond(self, cursor: int, direction: int) -> int | None:
        """While the index is built, the next match that way from `cursor` among those
        found so far, when every event between them has been looked through."""
        low, high, found = self._low, self._high, self.matches
        if low is None or not low <= cursor < high:
            return None
        if direction > 0:
            i = bisect_right(found, cursor)
            return found[i] if i < len(found) else None
        i = bisect_left(found, cursor) - 1
        return found[i] if i >= 0 else None

    def no_matches(self) -> Notice | None:
        """What to say when asked for the list of matches (`M`) and there is none to
        list; None when there are matches."""
        if not self.query:
            return Notice("No search: press / to search, then M lists the matches.")
        if self.indexing:
            return _STILL_INDEXING
        self.finish()
        if not self.matches:
            return Notice(f"No {self._no_match()}.")
        return None

    def _no_match(self, *, short: bool = False) -> str:
        """ "match for “cbp”", and how many events the filters hide that match it: a
        search whose matches are all hidden said only "no match", as if the timeline
        held none. `short` for the status line."""
        said = f"match for “{one_line(self.query, ROW_LIMIT)}”"
        hidden = self._hidden_matches()
        if not hidden:
            return said
        if short:
            return f"{said} ({hidden:,} hidden by the filters)"
        return (
            f"{said} among the events shown: {hidden:,} hidden by the filters match (F shows them)"
        )

    def _hidden_matches(self) -> int:
        """How many events match the search that the filters hide, when no shown event
        matches (0 when that is not known without a whole scan)."""
        selection, index = self._selection, self._index
        if index is None or len(selection.shown) >= len(selection.events):
            return 0
        if not index.remembers(self.query):  # a whole scan (the shown were sliced)
            return 0
        return len(index.search(self.query))

    def status(self) -> str:
        """Where the selection is among the matches, for the status line."""
        count = len(self.matches)
        if self.indexing:
            if self.growing:
                return f"{count:,} match{'es' if count != 1 else ''} so far, indexing for search…"
            return "indexing for search…"
        if self._low is not None:
            return f"{count:,} match{'es' if count != 1 else ''} so far, searching…"
        if not count:
            return f"no {self._no_match(short=True)}"
        i = bisect_left(self.matches, self._selection.cursor)
        if i < count and self.matches[i] == self._selection.cursor:
            return f"match {i + 1:,} of {count:,}"
        return f"{count:,} match{'es' if count != 1 else ''}"

"""The reader's search, part of their view: what they typed, which shown events match,
and the index that answers it.

The index is built on the spot for a small timeline; for a large one the viewer builds
it in a thread (`index_to_build`) and hands it over (`set_index`).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from timeline.model import Timeline
from timeline.query.selection import Notice, Selection
from timeline.text import ROW_LIMIT, one_line

if TYPE_CHECKING:
    from timeline.query.search import SearchIndex


class Finder:
    """A search among the events a selection shows, and its matches.

    Attributes:
        query: The search text; "" for none.
        matches: Positions of the shown events matching it, in order.
    """

    #: Up to this many events the search index is built on the spot; beyond, the
    #: viewer builds it in a thread and hands it over (`set_index`).
    INDEX_NOW = 20_000

    def __init__(self, selection: Selection) -> None:
        self._selection = selection
        self.query = ""
        self.matches: list[int] = []
        self._origin: int | None = None  # where a search being typed started
        self._index: SearchIndex | None = None
        self._indexing: Timeline | None = None  # the timeline an index is being built for

    def forget(self) -> None:
        """Another timeline is shown: the index was built for the last one."""
        self._index = None

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
        return SearchIndex(timeline.events)

    def set_index(self, index: SearchIndex, timeline: Timeline) -> bool:
        """Take an index built for `timeline`; False when another timeline replaced it."""
        if timeline is not self._selection.timeline:
            return False
        self._index = index
        self._indexing = None
        self.refresh()
        return True

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
        self.matches = self.positions(self.query) if self.query else []

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
        started (there is nothing to be at)."""
        if not self.matches:
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
        self.refresh()
        if jump and self.matches:
            # While it is typed, from where the search began: each letter refines the
            # search, not the place the previous letter led to.
            selection = self._selection
            origin = self._origin
            start = selection.cursor
            if origin is not None and selection.shown:
                start = min(bisect_left(selection.shown, origin), len(selection.shown) - 1)
            i = bisect_left(self.matches, start)
            selection.move_to(self.matches[i % len(self.matches)])

    def next_match(self, direction: int) -> Notice | None:
        """Go to the next (1) or previous (-1) match, wrapping around."""
        if not self.query:
            return Notice("No search: press / to search.")
        if not self.matches:
            return Notice(f"No match for “{one_line(self.query)}”.")
        wrapped = self._selection.step_among(self.matches, direction)
        return Notice("Search wrapped around.") if wrapped else None

    def no_matches(self) -> Notice | None:
        """What to say when asked for the list of matches (`M`) and there is none to
        list; None when there are matches."""
        if not self.query:
            return Notice("No search: press / to search, then M lists the matches.")
        if not self.matches:
            return Notice(f"No match for “{one_line(self.query, ROW_LIMIT)}”.")
        return None

    def status(self) -> str:
        """Where the selection is among the matches, for the status line."""
        count = len(self.matches)
        if self._index is None and len(self._selection.events) > self.INDEX_NOW:
            return "indexing for search…"
        if not count:
            return f"no match for “{one_line(self.query)}”"
        i = bisect_left(self.matches, self._selection.cursor)
        if i < count and self.matches[i] == self._selection.cursor:
            return f"match {i + 1} of {count}"
        return f"{count} match{'es' if count != 1 else ''}"

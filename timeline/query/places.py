"""The places a reader can go back to, part of their view: the events they followed
links from, and those they marked."""

from __future__ import annotations

from collections.abc import Callable

from timeline.query.related import related
from timeline.query.selection import Notice, Selection


class Places:
    """The history and the bookmarks of a reader moving a selection.

    Attributes:
        history: Ids of the events followed from, newest last.
        bookmarks: Ids of the events the reader marked (`m`); kept across reloads.
    """

    def __init__(self, selection: Selection) -> None:
        self._selection = selection
        self.history: list[str] = []
        self.bookmarks: set[str] = set()

    # ------------------------------------------------------------------ related events

    def follow(self, n: int) -> Notice | None:
        """Go to the n-th related event, remembering where the reader was."""
        selection = self._selection
        event = selection.selected
        if event is None or selection.timeline is None:
            return None
        links = related(event, selection.timeline)
        if not links:
            return Notice("This event has no related event to follow.")
        if not 1 <= n <= len(links):
            if len(links) == 1:
                return Notice("This event has only one related event: Enter follows it.")
            return Notice(
                f"This event has only {len(links)} related events: Enter follows the first, "
                f"2 to {len(links)} the others."
            )
        if not selection.select_id(links[n - 1].event.id):
            return Notice("That event is hidden by the filters; F shows every event.")
        self.history.append(event.id)
        return None

    def back(self) -> Notice | None:
        """Return to the event before the last jump."""
        while self.history:
            if self._selection.select_id(self.history.pop()):
                return None
        return Notice("Nothing to go back to.")

    # ------------------------------------------------------------------ bookmarks

    def toggle_bookmark(self) -> Notice | None:
        """Mark the selected event, or unmark it."""
        event = self._selection.selected
        if event is None:
            return None
        if event.id in self.bookmarks:
            self.bookmarks.discard(event.id)
            return Notice("Mark removed.")
        self.bookmarks.add(event.id)
        return Notice(f"Marked ({len(self.bookmarks)} in all): ' and \" go from mark to mark.")

    def bookmarked_positions(self) -> list[int]:
        """Positions of the shown events that are marked, in order."""
        selection = self._selection
        if not self.bookmarks or selection.timeline is None:
            return []
        indices = (selection.timeline.index_of(i) for i in self.bookmarks)
        found = sorted(i for i in indices if i is not None)
        if isinstance(selection.shown, range):
            return found
        positions = (selection.position_of(i) for i in found)
        return [p for p in positions if p is not None]

    def step_bookmark(self, direction: int) -> Notice | None:
        """Go to the next (1) or previous (-1) marked event, wrapping around."""
        marked = self.bookmarked_positions()
        if not marked:
            if self.bookmarks:
                return Notice("The marked events are hidden by the filters; F shows every event.")
            return Notice("No event is marked: m marks the selected one.")
        wrapped = self._selection.step_among(marked, direction)
        return Notice("Marks wrapped around.") if wrapped else None

    def rename(self, new_id: Callable[[str], str]) -> None:
        """Give each place the id its event has in another version of the timeline."""
        self.bookmarks = {new_id(i) for i in self.bookmarks}
        self.history = [new_id(i) for i in self.history]

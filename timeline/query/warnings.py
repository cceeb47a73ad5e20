"""What loading the timeline shown assumed or ignored, part of the reader's view: each
warning at its event, and what the reader was last told of them."""

from __future__ import annotations

from collections.abc import Sequence

from timeline.model import Event
from timeline.problems import Problem, by_event
from timeline.query.selection import Notice, Selection


class Warnings:
    """The warnings of the timeline a selection shows.

    Attributes:
        problems: The warnings (its errors would have stopped it loading), in file order.
    """

    def __init__(self, selection: Selection) -> None:
        self._selection = selection
        self.problems: list[Problem] = []
        self._placed: dict[int, list[Problem]] | None = None  # by event index
        self._told: list[str] = []  # the warnings the reader was last told of

    def forget(self) -> None:
        """Another timeline is shown: its warnings come with it (`warn`)."""
        self.problems, self._placed = [], None

    def warn(self, problems: Sequence[Problem]) -> Notice | None:
        """The warnings of the timeline shown, given after each new one is shown.

        Returns:
            News for the reader when there are warnings, unless they say what the last
            ones said (a reload that changed something else): an assumed date must
            never go unnoticed, nor be announced at every save.
        """
        files: dict[str, int] = {}  # in the order the files were given
        for problem in problems:
            files.setdefault(problem.file, len(files))
        self.problems = sorted(
            (p for p in problems if p.severity == "warning"),
            key=lambda p: (files[p.file], p.line),
        )
        self._placed = None
        said = sorted(p.message for p in self.problems)  # lines move as a file is edited
        before, self._told = self._told, said
        if not said or said == before:
            return None
        count = len(said)
        plural = "s" if count != 1 else ""
        return Notice(
            f"Reading the file assumed or ignored something {count:,} time{plural}. Each "
            "warning is shown at its event, under the date; ! lists them, to go to one.",
            "warning",
            f"{count:,} warning{plural}",
        )

    def of(self, event: Event) -> list[Problem]:
        """The warnings about one event: what was assumed in reading it, or ignored."""
        timeline = self._selection.timeline
        if not self.problems or timeline is None:
            return []
        placed = self._by_event()
        if not placed:  # of the files alone: no event is looked up for each row drawn
            return []
        index = timeline.index_of(event.id)
        # Equal, not the same object: a stored event is made again once its slice has
        # been let go (the detail pane lost its warnings after the cache was written).
        if index is None or timeline.events[index] != event:
            return []
        return placed.get(index, [])

    def _by_event(self) -> dict[int, list[Problem]]:
        if self._placed is None:  # placed once, on first asking: most files have none
            assert self._selection.timeline is not None
            self._placed = by_event(self.problems, self._selection.timeline)
        return self._placed

    def places(self) -> list[tuple[Problem, int | None, int | None]]:
        """Each warning, in file order, with the index of its event in the timeline
        and its position among those shown: (None, None) for a warning not about one
        event (of the file, of its `[timeline]` table), (index, None) for one about an
        event the filter hides."""
        if not self.problems:
            return []
        placed = self._by_event()
        index_of = {id(p): index for index, found in placed.items() for p in found}
        places: list[tuple[Problem, int | None, int | None]] = []
        for problem in self.problems:
            index = index_of.get(id(problem))
            position = self._selection.position_of(index) if index is not None else None
            places.append((problem, index, position))
        return places

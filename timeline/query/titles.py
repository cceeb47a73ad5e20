"""Each event's title and speaker, folded: where the palette's "Go to" finds its
candidates among many events.

The palette scores a label ("Go to: <title> — <speaker>") against what was typed. Up
to a few thousand events it scores them all; beyond, it scores only the events whose
title or speaker holds the longest word typed. Those were found with the search
index, which the viewer builds only once a search needs it: so beyond 20,000 events
the palette found nothing until a search had been made. The search index also
folds every quote and source (18.7 s at 1,000,000 events), and what matched only
there could never score on a label. Titles and speakers alone are folded here, on the
palette's first search of a timeline: 0.07 s at 100,000 events, 0.9 s at 1,000,000.
A keystroke then looks through them until it has its candidates: 6-9 ms for a common
word at either size, 11 ms and 105 ms for a word no title holds.
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline.model import Event

#: Events looked through at a time, until enough candidates are found.
_STEP = 50_000


class Titles:
    """The folded title and speaker of each event, searched by substring.

    Args:
        events: The events, in the order `find` is given indices in (`timeline.events`).
    """

    def __init__(self, events: Sequence[Event]) -> None:
        self._events = events
        self._folded: list[str] | None = None

    def _texts(self) -> list[str]:
        if self._folded is None:
            # A newline between them: no word typed spans the title and the speaker.
            self._folded = [f"{e.title}\n{e.speaker}".casefold() for e in self._events]
        return self._folded

    def find(self, word: str, shown: Sequence[int], limit: int) -> list[int]:
        """Positions in `shown` (indices of events) of the first `limit` events whose
        title or speaker holds `word`, in any case, in order."""
        needle = word.casefold()
        if not needle or limit <= 0:
            return []
        texts = self._texts()
        found: list[int] = []
        for start in range(0, len(shown), _STEP):
            part = shown[start : start + _STEP]
            found += [p for p, i in enumerate(part, start) if needle in texts[i]]
            if len(found) >= limit:
                break
        return found[:limit]

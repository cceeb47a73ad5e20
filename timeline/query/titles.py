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
A keystroke then looks through them until it has its candidates: at 100,000 events,
13 ms for one common word, 30 ms for words few titles hold together (0.2-0.25 s
at 1,000,000). Every word typed must be held, not only the longest: an exact title
whose words are common was never among the first titles holding one of them.
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline.model import Event
from timeline.query.search import fold_lower, fold_lower_each
from timeline.store import fields_of

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
            # From the rows of a large timeline from the cache: no events made.
            pairs = fields_of(self._events, "title", "speaker")
            # Folded as search folds (accents, case, typography): "nunez" finds
            # "Núñez", as `/` does; casefold alone missed it. Each on its own, joined
            # by a newline (folding would make it a space): no phrase typed spans the
            # title and the speaker.
            folded = fold_lower_each([text for pair in pairs for text in pair])
            self._folded = [f"{a}\n{b}" for a, b in zip(folded[::2], folded[1::2], strict=True)]
        return self._folded

    def find(self, words: Sequence[str], shown: Sequence[int], limit: int) -> list[int]:
        """Positions in `shown` (indices of events) of up to `limit` events whose title
        or speaker holds every one of `words`, in any case: first those holding them as
        written, one after the other (an exact title comes first), then the others,
        each in order."""
        folded = [fold_lower(w) for w in words]
        needles = sorted({w for w in folded if w}, key=len, reverse=True)
        if not needles or limit <= 0:
            return []
        phrase = " ".join(w for w in folded if w)
        texts = self._texts()
        first = self._holding([phrase], shown, limit, texts) if len(needles) > 1 else []
        if len(first) >= limit:
            return first
        rest = self._holding(needles, shown, limit + len(first), texts)
        taken = set(first)
        return (first + [p for p in rest if p not in taken])[:limit]

    @staticmethod
    def _holding(
        needles: list[str], shown: Sequence[int], limit: int, texts: list[str]
    ) -> list[int]:
        """The first `limit` positions whose text holds every needle (longest first)."""
        head, others = needles[0], needles[1:]
        found: list[int] = []
        for start in range(0, len(shown), _STEP):
            part = shown[start : start + _STEP]
            found += [
                p
                for p, i in enumerate(part, start)
                if head in texts[i] and all(n in texts[i] for n in others)
            ]
            if len(found) >= limit:
                break
        return found[:limit]

"""Where in a long text to look for the passage closest to a quote not found.

rapidfuzz's partial-ratio alignment, which finds that passage, takes time that grows
with the square of the quote's length times the text's when the quote matches little
of the text: a quote of 2,000 characters cited against the wrong page of 300 KB took
15 seconds, one of 5,000 characters of brackets against a short article minutes. So
beyond `BUDGET`, the alignment is made only in the stretch of the text that pieces of
the quote found in it point to (`region`); beyond `LONG` characters, not at all: the
passage is the stretch those pieces bound.
"""

from __future__ import annotations

from typing import NamedTuple

#: The quote's length squared times the text's, beyond which the whole text is not
#: aligned with the quote (about a tenth of a second on the project's machine).
BUDGET = 25_000_000_000
#: A quote longer than this is placed by its pieces alone, never aligned.
LONG = 2_000
# Pieces of the quote looked for, at most, each of this many characters; and the
# places of each in the text counted, at most.
_PIECES = 16
_PIECE = 12
_PLACES = 4


class Region(NamedTuple):
    """A stretch of the text: where to align the quote (`aligned`), or, for a quote
    too long to align, where the passage is (start and end as pieces of it bound it)."""

    start: int
    end: int
    aligned: bool


def region(quote: str, text: str) -> Region:
    """Where to look for the passage of `text` closest to `quote` (both normalised)."""
    size = len(quote)
    if size <= LONG and size * size * len(text) <= BUDGET:
        return Region(0, len(text), True)
    # Each piece found votes for where the quote would start; the most voted stretch
    # (half a quote long) wins, bounded by its first and last pieces.
    votes: dict[int, list[tuple[int, int]]] = {}
    piece = min(_PIECE, size)
    step = max(1, (size - piece) // (_PIECES - 1))
    for i in range(0, size - piece + 1, step):
        at = text.find(quote[i : i + piece])
        for _ in range(_PLACES):
            if at < 0:
                break
            votes.setdefault((at - i) // max(1, size // 2), []).append((i, at))
            at = text.find(quote[i : i + piece], at + 1)
    if votes:
        found = max(votes.values(), key=len)
        first, last = min(found), max(found)
        start, end = first[1] - first[0], last[1] + size - last[0]
    else:
        start, end = 0, size
    start, end = max(0, start), min(len(text), max(end, start))
    if size > LONG:
        return Region(start, end, False)
    # Room for the passage to be longer than the quote, or placed a little off.
    return Region(max(0, start - size), min(len(text), end + size), True)

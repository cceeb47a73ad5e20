"""A quote shown inside its source: the passage around it, split where it differs.

The viewer's "in source" screen draws these pieces; they are plain text with a role,
so the same split can be printed or styled anywhere, and tested without a screen.
"""

from __future__ import annotations

from typing import NamedTuple

from timeline.verify.quote_edits import MISQUOTES
from timeline.verify.results import Difference, Match, Outcome

#: Characters of source shown after the passage, before snapping to a line; before it,
#: a third of that, so the passage is in sight on a small screen without scrolling.
CONTEXT = 600


class Piece(NamedTuple):
    """A run of text and what it is.

    `role` is "context" (source around the passage), "passage" (where the quote was
    found, or the closest text to it), "differs" (a difference from the quote) or
    "typographic" (a difference of typography only) or "edited" (an edit the quote
    marks: an ellipsis and what it leaves out, words in brackets and what they replace).
    """

    text: str
    role: str


class Passage(NamedTuple):
    """A match laid out for reading.

    Attributes:
        source: The source around the passage, in order; joined, it is the source's
            text from `start` to `end`.
        quote: The quote as written, with its differences marked.
        start, end: Offsets of `source` in the whole source text.
        cut_before, cut_after: Whether text of the source comes before or after.
    """

    source: list[Piece]
    quote: list[Piece]
    start: int
    end: int
    cut_before: bool
    cut_after: bool


def _window(text: str, start: int, end: int, context: int) -> tuple[int, int]:
    """The range shown: a third of `context` characters before, `context` after, widened
    to whole lines when that adds little, else cut at a space so no word is split."""
    left = max(0, start - context // 3)
    if left:
        newline = text.rfind("\n", max(0, left - context // 12), left)
        space = text.find(" ", left, start)
        left = newline + 1 if newline >= 0 else (space + 1 if space >= 0 else left)
    right = min(len(text), end + context)
    if right < len(text):
        newline = text.find("\n", right, right + context // 4)
        space = text.rfind(" ", end, right)
        right = newline if newline >= 0 else (space if space >= 0 else right)
    return left, right


def _split(text: str, offset: int, marks: list[tuple[int, int, str]], base: str) -> list[Piece]:
    """`text` (which starts at `offset`) in pieces: the marked ranges with their role,
    the rest with `base`. Marks are in order and do not overlap."""
    pieces: list[Piece] = []
    at = offset
    for start, end, role in marks:
        start, end = max(start, at), min(end, offset + len(text))
        if end <= start:
            continue
        if start > at:
            pieces.append(Piece(text[at - offset : start - offset], base))
        pieces.append(Piece(text[start - offset : end - offset], role))
        at = end
    if at < offset + len(text):
        pieces.append(Piece(text[at - offset :], base))
    return pieces


def _role(difference: Difference) -> str:
    if difference.edit in MISQUOTES:
        return "differs"  # not an edit a quote may make: why it is not found
    if difference.edit:
        return "edited"
    return "typographic" if difference.typographic else "differs"


def passage(source: str, match: Match, *, context: int = CONTEXT) -> Passage:
    """The source around a match and the quote, each split where they differ.

    Args:
        source: The whole text of the source the match was made in.
        match: A verbatim, typographic, edited or not-found result against that text.
        context: About how much source to show after the passage (a third of it before).

    Raises:
        ValueError: The match has no passage (unchecked: there was no source).
    """
    if match.outcome is Outcome.UNCHECKED:
        raise ValueError("an unchecked quote has no passage in a source")
    left, right = _window(source, match.start, match.end, context)
    in_source = sorted(
        (d.source_start, d.source_end, _role(d))
        for d in match.differences
        if d.source_end > d.source_start
    )
    in_quote = sorted(
        (d.quote_start, d.quote_end, _role(d))
        for d in match.differences
        if d.quote_end > d.quote_start
    )
    pieces = _split(source[left : match.start], left, [], "context")
    pieces += _split(source[match.start : match.end], match.start, in_source, "passage")
    pieces += _split(source[match.end : right], match.end, [], "context")
    return Passage(
        source=pieces,
        quote=_split(match.quote, 0, in_quote, "passage"),
        start=left,
        end=right,
        cut_before=left > 0,
        cut_after=right < len(source),
    )

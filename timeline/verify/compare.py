"""A quote compared with a passage, unit by unit, into `Difference`s and a score.

Each difference is said as typography or not (`TYPOGRAPHY`, a hyphen at a line end,
the space French sets before a mark, a dash written another way), and a footnote
marker the quote leaves out as one of its own. Apart from where the passage is found
(`closest`, `edited`, `match`): every way of finding one compares it this way.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate

from timeline.verify import compose, quote_edits
from timeline.verify.normalising import (
    BREAKS,
    MARKS_SPACED,
    TABLE,
    TYPOGRAPHY,
    Normalised,
    dash,
)
from timeline.verify.results import Difference

# An ellipsis written as three dots is one unit when comparing, as "…" is.
_UNITS = re.compile(r"\.\.\.|.", re.S)


def _units(text: str, apart: bool) -> tuple[list[str], list[int]]:
    """The text's units (characters, and "..." as one; with `apart`, a character with the
    marks written after it as one too: `compose.unit`) and where each starts (and the end)."""
    units: list[str] = (compose.unit() if apart else _UNITS).findall(text)
    return units, list(accumulate(map(len, units), initial=0))


def compare(
    wanted: Normalised,
    passage: str,
    locate: Callable[[int, int], tuple[int, int]],
    source_text: str,
    notes: Sequence[tuple[int, int]] = (),
) -> tuple[tuple[Difference, ...], float]:
    """The differences between the normalised quote and a normalised passage, and a score.

    The two are aligned unit by unit with typography folded (rapidfuzz's Levenshtein
    edit script), so that "’" lines up with "'" and "…" with "..."; then every unit
    that differs as written is a difference, adjacent ones merged (but a footnote
    marker the quote leaves out, `quote_edits.FOOTNOTE`, is one of its own).

    Args:
        wanted: The normalised quote.
        passage: The normalised passage.
        locate: Offsets in the source text of the passage's [i, j).
        source_text: The source text, to tell a hyphen at a line end.
        notes: Where the source text's footnote markers are.
    """
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    # Letters written apart from their accents on either side are lined up composed.
    apart = not (compose.composed(wanted.text) and compose.composed(passage))
    ours, our_starts = _units(wanted.text, apart)
    theirs, their_starts = _units(passage, apart)
    spans: list[list[int]] = []  # [i1, i2, j1, j2] in units

    def key(unit: str) -> str:
        folded = TYPOGRAPHY.get(unit, unit)
        return unicodedata.normalize("NFC", folded.translate(TABLE)) if apart else folded

    keys = ([key(u) for u in ours], [key(u) for u in theirs])
    for op in Levenshtein.opcodes(*keys):
        i1, i2, j1, j2 = op.src_start, op.src_end, op.dest_start, op.dest_end
        if op.tag != "equal":
            spans.append([i1, i2, j1, j2])
        elif ours[i1:i2] != theirs[j1:j2]:  # equal once folded: find where typography differs
            spans.extend(
                [i, i + 1, j, j + 1]
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
                if ours[i] != theirs[j]
            )

    def left_out_note(span: list[int]) -> bool:
        if span[0] != span[1] or not notes:
            return False
        return _only_notes(
            source_text, *locate(their_starts[span[2]], their_starts[span[3]]), notes
        )

    merged: list[list[int]] = []
    kinds: list[bool] = []  # whether each merged span is a footnote marker left out
    for span in spans:
        note = left_out_note(span)
        if merged and merged[-1][1] == span[0] and merged[-1][3] == span[2] and kinds[-1] == note:
            merged[-1][1], merged[-1][3] = span[1], span[3]
        else:
            merged.append(span)
            kinds.append(note)
    differences = []
    for (i1, i2, j1, j2), note in zip(merged, kinds, strict=True):
        a, b = our_starts[i1], our_starts[i2]
        c, d = their_starts[j1], their_starts[j2]
        quote_part, source_part = wanted.text[a:b], passage[c:d]
        quote_start, quote_end = wanted.span(a, b)
        source_start, source_end = locate(c, d)
        if note:  # the marker itself, not the space beside it that goes with it
            source_part = source_part.strip()
            while source_text[source_start].isspace():
                source_start += 1
            while source_text[source_end - 1].isspace():
                source_end -= 1
        typographic = (
            compose.same(quote_part.translate(TABLE), source_part.translate(TABLE))
            or (not quote_part and _line_end_hyphen(source_text, source_start, source_end))
            or _spaced_mark(quote_part, wanted.text[b : b + 1], source_part, passage[d : d + 1])
            or _dashed(wanted.text[max(0, a - 1) : b + 1])
            == _dashed(passage[max(0, c - 1) : d + 1])
        )
        differences.append(
            Difference(
                quote_part,
                source_part,
                quote_start,
                quote_end,
                source_start,
                source_end,
                typographic and not note,
                quote_edits.FOOTNOTE if note else "",
            )
        )
    return tuple(differences), round(fuzz.ratio(wanted.text, passage), 1)


def _only_notes(text: str, start: int, end: int, notes: Sequence[tuple[int, int]]) -> bool:
    """Whether text[start:end] is footnote markers (at least one) and blanks alone."""
    k = bisect_right(notes, (start, -1)) - 1
    k = max(k, 0)
    at, found = start, False
    while at < end:
        if text[at].isspace():
            at += 1
            continue
        while k < len(notes) and notes[k][1] <= at:
            k += 1
        if k == len(notes) or not notes[k][0] <= at < notes[k][1]:
            return False
        at, found = min(end, notes[k][1]), True
    return found


def _dashed(text: str) -> str:
    """A text with typography folded and each dash written one way (`normalising.dash`): a
    difference and the characters beside it that differ only in how a dash is written
    ("will -- and" for "will—and") is typographic."""
    return dash().sub("-", text.translate(TABLE))


def _spaced_mark(ours: str, our_next: str, theirs: str, their_next: str) -> bool:
    """Whether a difference is the space one side sets before "?", "!", ":" or ";"."""
    if ours:
        return not theirs and not ours.strip() and our_next in MARKS_SPACED
    return bool(theirs) and not theirs.strip() and their_next in MARKS_SPACED


def _line_end_hyphen(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a hyphen (or soft hyphen) with a line break after it."""
    if end - start != 1 or text[start] not in "-\u2010\u00ad":
        return False
    rest = text[end : end + 64].lstrip(" \t")
    return bool(rest) and rest[0] in BREAKS

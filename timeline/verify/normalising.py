"""Normalising a text before comparing, folding its typography, and the way back.

Normalisation, applied alike to the quote and to the source before comparing:

1. Whitespace at either end is removed.
2. A line break after a hyphen that follows a letter or digit, before a letter or
   digit, is removed with the blanks around it: the hyphen stays and joins the lines
   ("well-⏎known" reads "well-known").
3. Every other run of whitespace becomes one space. Whitespace here is space, tab,
   line feed, carriage return, vertical tab, form feed, U+0085, U+2028 and U+2029.

Nothing else changes: letters, case, punctuation, and other spaces (a non-breaking
space is not a space here) are compared exactly.

Folding (`fold`) also reads typography as `TYPOGRAPHY` says, and may drop a hyphen at
a line end inside a word; `at_level` gives the forms in the order `match` tries them.
Each form keeps where its characters came from (`Normalised.span`), so that whatever
is found in it is placed in the text as written.

Apart from the matching (`match`) because every step of it reads text through these
forms, and none of them needs anything else: what a quote or a source *reads as*,
not where it is found or how it differs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import cache
from typing import NamedTuple

from timeline.verify import compose

# Whitespace that normalisation folds into one space (rule 3), and the line breaks among it.
BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"
_WHITESPACE = " \t" + BREAKS
_HYPHENS = "-\u2010"  # hyphen-minus and the Unicode hyphen

#: The typographic folding: each character on the left reads as the text on the right.
#: Spaces become a space (and join the whitespace around them); "" means dropped.
TYPOGRAPHY: dict[str, str] = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": "...",
    **dict.fromkeys(
        "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "
    ),
    **dict.fromkeys("\u00ad\u200b\u2060\ufeff", ""),
}
_OTHER_SPACES = "".join(c for c, r in TYPOGRAPHY.items() if r == " ")
#: `TYPOGRAPHY` as a table for `str.translate`.
TABLE = str.maketrans({c: r if r else None for c, r in TYPOGRAPHY.items()})

# Normalising is done in two steps, so that no Python runs per character: replacements
# that keep the length (each whitespace character to a space; when folding, each
# one-for-one fold too; str.replace, as str.translate is slow on non-ASCII text), then
# the few changes of length (runs of spaces, joined lines, the ellipsis, dropped
# characters), found by regular expressions and applied with their offsets recorded.
_SPACE_PAIRS = tuple((c, " ") for c in _WHITESPACE[1:])
_FOLD_PAIRS = _SPACE_PAIRS + tuple((c, r) for c, r in TYPOGRAPHY.items() if len(r) == 1 and r != c)


def _class(chars: str) -> str:
    return "[" + re.escape(chars) + "]"


_B = _class(BREAKS)
_RUNS = re.compile("  +")  # (faster than " {2,}": a literal prefix)
# Folding drops the space French sets before "?", "!", ":" and ";" ("branche ?"), which
# a quote retyped often lacks: a space there is typography.
MARKS_SPACED = "?!:;"
_SPACED_MARK = re.compile(_class(MARKS_SPACED))  # (found by the mark: fewer than spaces)


def _spaced(flat: str, start: int, stop: int) -> Iterator[tuple[int, int, int, str]]:
    """The changes that drop the spaces before each mark of `MARKS_SPACED`."""
    for m in _SPACED_MARK.finditer(flat, start, stop):
        at = begin = m.start()
        while begin > start and flat[begin - 1] == " ":
            begin -= 1
        if begin < at:
            yield begin, 2, at, ""


# Rule 2: the blanks of a line break after "x-", before a letter or digit.
# The patterns start with the hyphen and look behind it only then: a regex that starts
# with a look-behind tries it at every character, several times slower. `gap` is the change.
# Compiled when first used (their `\w` classes are slow to compile): the viewer checks its
# file's quotes as it opens, and a verbatim quote needs only the first of them.
@cache
def _join(folding: bool) -> re.Pattern[str]:
    blanks = _WHITESPACE + _OTHER_SPACES if folding else _WHITESPACE
    return re.compile(
        rf"{_class(_HYPHENS)}(?<=\w{_class(_HYPHENS)})(?P<gap>[ \t]*{_B}{_class(blanks)}*)(?=\w)"
    )


# Folding may also drop a hyphen (or soft hyphen) ending a line inside a word, with the break.
@cache
def _drop_hyphen() -> re.Pattern[str]:
    return re.compile(
        rf"[-\u2010\u00ad](?<=\w[-\u2010\u00ad])[ \t]*{_B}{_class(_WHITESPACE + _OTHER_SPACES)}*(?=\w)"
    )


@cache
def _resized() -> re.Pattern[str]:
    return re.compile(_class("".join(c for c, r in TYPOGRAPHY.items() if len(r) != 1)))


class _Spans(NamedTuple):
    """Where the characters of a normalised text came from.

    Segment k starts at `norm[k]` in the normalised text and at `orig[k]` in the
    original. A segment with `orig_end[k] == -1` maps one to one; any other stands
    for a replacement (a run of whitespace, an ellipsis) covering orig[k]:orig_end[k].
    """

    norm: list[int]
    orig: list[int]
    orig_end: list[int]

    def start(self, i: int) -> int:
        k = bisect_right(self.norm, i) - 1
        return self.orig[k] + (i - self.norm[k]) if self.orig_end[k] < 0 else self.orig[k]

    def end(self, j: int) -> int:
        if j <= 0:
            return self.orig[0]
        k = bisect_right(self.norm, j - 1) - 1
        return self.orig[k] + (j - self.norm[k]) if self.orig_end[k] < 0 else self.orig_end[k]


class Normalised(NamedTuple):
    """A text after normalisation (or folding), and the way back to the original."""

    text: str
    spans: _Spans

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Offsets in the original text of the normalised text's [i, j)."""
        start = self.spans.start(i)
        return (start, start) if j <= i else (start, self.spans.end(j))


def _transform(
    text: str,
    *,
    folding: bool,
    join_hyphens: bool = False,
    dropped: Sequence[tuple[int, int]] = (),
) -> Normalised:
    """Normalise (and fold) a text, keeping track of how offsets move; when folding,
    the spans `dropped` (footnote markers) are left out, with the blanks before them
    when no word follows ("built. 12 Then" reads "built. Then")."""
    blanks = _WHITESPACE + _OTHER_SPACES if folding else _WHITESPACE
    start = len(text) - len(text.lstrip(blanks))
    stop = max(start, len(text.rstrip(blanks)))
    flat = text
    for old, new in _FOLD_PAIRS if folding else _SPACE_PAIRS:  # the length stays the same
        if old in flat:
            flat = flat.replace(old, new)
    # (start, precedence, end, replacement); where two overlap, the first sorted wins.
    changes: list[tuple[int, int, int, str]] = []
    if join_hyphens:
        changes += [(m.start(), 0, m.end(), "") for m in _drop_hyphen().finditer(text, start, stop)]
    changes += [
        (m.start("gap"), 1, m.end("gap"), "") for m in _join(folding).finditer(text, start, stop)
    ]
    changes += [(m.start(), 2, m.end(), " ") for m in _RUNS.finditer(flat, start, stop)]
    if folding:
        changes += [
            (m.start(), 3, m.end(), TYPOGRAPHY[m.group()])
            for m in _resized().finditer(text, start, stop)
        ]
        changes += _spaced(flat, start, stop)
        # A dash: "--" typed for one, spaces around it or none, as styles set it.
        changes += [
            (m.start(), 1, m.end(), "-")
            for m in dash().finditer(flat, start, stop)
            if m.end() - m.start() > 1
        ]
        # A letter written apart from its accents, composed (`compose`).
        changes += [(a, 4, b, written) for a, b, written in compose.changes(flat, start, stop)]
        for a, b in dropped:
            if start <= a < b <= stop:
                if b == stop or not text[b].isalnum():
                    while a > start and flat[a - 1] == " ":
                        a -= 1
                changes.append((a, -1, b, ""))
    changes.sort()
    pieces: list[str] = []
    norm, orig, orig_end = [0], [start], [-1]
    length = 0
    at = start
    for begin, _, finish, new in changes:
        if begin < at:
            continue  # inside a change already made
        pieces.append(flat[at:begin])
        length += begin - at
        pieces.append(new)
        if len(new) != finish - begin:  # offsets shift from here on
            if new:
                norm.append(length)
                orig.append(begin)
                orig_end.append(finish)
            norm.append(length + len(new))
            orig.append(finish)
            orig_end.append(-1)
        length += len(new)
        at = finish
    pieces.append(flat[at:stop])
    return Normalised("".join(pieces), _Spans(norm, orig, orig_end))


def normalise(text: str) -> Normalised:
    """The text after the whitespace normalisation described in the module's docstring."""
    return _transform(text, folding=False)


def fold(
    text: str, *, join_hyphens: bool = False, dropped: Sequence[tuple[int, int]] = ()
) -> Normalised:
    """The text normalised and folded by `TYPOGRAPHY`.

    Args:
        text: The text.
        join_hyphens: Also drop a hyphen at a line end inside a word, with the break.
        dropped: Spans of the text left out: a web page's footnote markers.
    """
    return _transform(text, folding=True, join_hyphens=join_hyphens, dropped=dropped)


def at_level(text: str, level: int) -> Normalised:
    """Words of a quote as `edited.find_edited` looks for them: normalised (0), folded
    (1), folded with a hyphen at a line end dropped (2), and then with double quotation
    marks read as single ones (`QUOTES_ALIKE`)."""
    if level == QUOTES_ALIKE:
        return quotes_alike(fold(text, join_hyphens=True))
    return fold(text, join_hyphens=level == 2) if level else normalise(text)


# The level at which a quotation inside a quote may have its marks changed, double for
# single or single for double, as a writer nests a quotation in their own (`at_level`).
QUOTES_ALIKE = 3


def quotes_alike(folded: Normalised) -> Normalised:
    """A folded text with its double quotation marks read as single ones (same length)."""
    return Normalised(folded.text.replace('"', "'"), folded.spans)


@cache
def dash() -> re.Pattern[str]:
    """A dash in text folded one for one (`_FOLD_PAIRS`: any dash is "-", any space " "):
    one, or two or three hyphens typed for one, with the spaces around it."""
    return re.compile(r" *-{1,3} *")

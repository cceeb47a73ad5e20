"""Checking a quote against the text of its source: verbatim, typographic, or not found.

Normalisation, applied alike to the quote and to the source before comparing:

1. Whitespace at either end is removed.
2. A line break after a hyphen that follows a letter or digit, before a letter or
   digit, is removed with the blanks around it: the hyphen stays and joins the lines
   ("well-⏎known" reads "well-known").
3. Every other run of whitespace becomes one space. Whitespace here is space, tab,
   line feed, carriage return, vertical tab, form feed, U+0085, U+2028 and U+2029.

Nothing else changes: letters, case, punctuation, and other spaces (a non-breaking
space is not a space here) are compared exactly.

A quote is then *verbatim* when its normalised text occurs in the normalised source.
Failing that it is *typographic* when it occurs after both sides are also folded by
`TYPOGRAPHY` (curly quotes and apostrophes to straight ones, dashes to a hyphen, "…"
to "...", other spaces to a space, soft hyphens and zero-width characters dropped),
or, last, after also dropping a hyphen at a line end that splits a word, as
typesetting and PDFs do ("effi-⏎ciently" against "efficiently"). Otherwise it is
*not found*: the closest passage of the source is found with rapidfuzz's partial-ratio
alignment and compared with the quote character by character (difflib).

Every result carries the passage's offsets in the source text, the differences with
offsets in both the quote and the source, and a similarity score; see `Match`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from enum import Enum
from typing import NamedTuple

# Whitespace that normalisation folds into one space (rule 3), and the line breaks among it.
_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"
_WHITESPACE = " \t" + _BREAKS
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
_FOLDED_CHARS = "".join(c for c, r in TYPOGRAPHY.items() if r != " ")
_TABLE = str.maketrans({c: r if r else None for c, r in TYPOGRAPHY.items()})


def _class(chars: str) -> str:
    return "[" + re.escape(chars) + "]"


_W = _class(_WHITESPACE)
_W_NOT_SPACE = _class(_WHITESPACE[1:])
_B = _class(_BREAKS)
_WF = _class(_WHITESPACE + _OTHER_SPACES)
_WF_NOT_SPACE = _class(_WHITESPACE[1:] + _OTHER_SPACES)
# Rule 2: the blanks of a line break after "x-", before a letter or digit.
_JOIN = rf"(?<=\w{_class(_HYPHENS)})[ \t]*{_B}{{ws}}*(?=\w)"
_NORMAL = re.compile(
    rf"(?P<join>{_JOIN.format(ws=_W)})|(?P<space>{_W}{{2,}}|{_W_NOT_SPACE})",
)
_FOLD = rf"(?P<join>{_JOIN.format(ws=_WF)})|(?P<space>{_WF}{{2,}}|{_WF_NOT_SPACE})|(?P<char>{_class(_FOLDED_CHARS)})"
_FOLDS = {
    False: re.compile(_FOLD),
    # Also drop a hyphen (or soft hyphen) ending a line inside a word, with the break.
    True: re.compile(rf"(?P<drop>(?<=\w)[-\u2010\u00ad][ \t]*{_B}{_WF}*(?=\w))|{_FOLD}"),
}


class Outcome(Enum):
    """What checking a quote found. The value is the name in JSON output."""

    VERBATIM = "verbatim"
    TYPOGRAPHIC = "typographic"
    NOT_FOUND = "not_found"
    UNCHECKED = "unchecked"  # no archive to check against


class Difference(NamedTuple):
    """One place where the quote and the source differ.

    Attributes:
        quote: The quote's characters here, normalised ("" when only the source has some).
        source: The source's characters here, normalised ("" when only the quote has some).
        quote_start, quote_end: Where they are in the quote as written.
        source_start, source_end: Where they are in the source text.
        typographic: The difference is one of typography only (see `TYPOGRAPHY`, and a
            hyphen at a line end in the source).
    """

    quote: str
    source: str
    quote_start: int
    quote_end: int
    source_start: int
    source_end: int
    typographic: bool


class Match(NamedTuple):
    """The result of checking one quote against one text.

    Attributes:
        outcome: Verbatim, typographic, not found (or unchecked, from `unchecked`).
        quote: The quote as written.
        passage: The source's text where the quote was found or comes closest, as in
            the source (whitespace not normalised); "" when there is none.
        start, end: The passage's offsets in the source text.
        line, column: Where the passage starts in the source text, 1-based (0 if none).
        score: Similarity of the normalised quote and passage, 0 to 100 (100 when verbatim).
        differences: Where they differ, in order; empty when verbatim.
    """

    outcome: Outcome
    quote: str
    passage: str = ""
    start: int = 0
    end: int = 0
    line: int = 0
    column: int = 0
    score: float = 0.0
    differences: tuple[Difference, ...] = ()


def unchecked(quote: str) -> Match:
    """The result for a quote whose source has no archive."""
    return Match(Outcome.UNCHECKED, quote)


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


def _transform(text: str, pattern: re.Pattern[str], blanks: str) -> Normalised:
    """Apply a normalising pattern, keeping track of how offsets move."""
    start = len(text) - len(text.lstrip(blanks))
    stop = max(start, len(text.rstrip(blanks)))
    pieces: list[str] = []
    norm, orig, orig_end = [0], [start], [-1]
    length = 0
    at = start
    for found in pattern.finditer(text, start, stop):
        begin, finish = found.span()
        pieces.append(text[at:begin])
        length += begin - at
        kind = found.lastgroup
        if kind == "space":
            new = " "
        elif kind == "char":
            new = TYPOGRAPHY[found.group()]
        else:  # a line break joined after a hyphen, or a line-end hyphen dropped
            new = ""
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
    pieces.append(text[at:stop])
    return Normalised("".join(pieces), _Spans(norm, orig, orig_end))


def normalise(text: str) -> Normalised:
    """The text after the whitespace normalisation described in the module's docstring."""
    return _transform(text, _NORMAL, _WHITESPACE)


def fold(text: str, *, join_hyphens: bool = False) -> Normalised:
    """The text normalised and folded by `TYPOGRAPHY`.

    Args:
        text: The text.
        join_hyphens: Also drop a hyphen at a line end inside a word, with the break.
    """
    return _transform(text, _FOLDS[join_hyphens], _WHITESPACE + _OTHER_SPACES)


class SourceText:
    """A source's text, normalised once for every quote checked against it.

    The folded forms and the line index are made on first use: most quotes are found
    verbatim and never need them.
    """

    __slots__ = ("_folded", "_lines", "normal", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.normal = normalise(text)
        self._folded: dict[bool, Normalised] = {}
        self._lines: list[int] | None = None

    def folded(self, join_hyphens: bool = False) -> Normalised:
        """The text folded by `fold`, made once."""
        done = self._folded.get(join_hyphens)
        if done is None:
            done = self._folded[join_hyphens] = fold(self.text, join_hyphens=join_hyphens)
        return done

    def line_column(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of an offset in the text."""
        if self._lines is None:
            self._lines = [m.start() for m in re.finditer("\n", self.text)]
        line = bisect_right(self._lines, offset - 1)
        line_start = self._lines[line - 1] + 1 if line else 0
        return line + 1, offset - line_start + 1


def check(quote: str, source: SourceText) -> Match:
    """Check one quote against one source text (see the module's docstring)."""
    wanted = normalise(quote)
    if not wanted.text:
        return Match(Outcome.NOT_FOUND, quote)
    at = source.normal.text.find(wanted.text)
    if at >= 0:
        start, end = source.normal.span(at, at + len(wanted.text))
        return _result(Outcome.VERBATIM, quote, source, start, end, 100.0, ())
    for join in (False, True):
        folded = fold(quote, join_hyphens=join).text
        if not folded:
            break
        within = source.folded(join)
        at = within.text.find(folded)
        if at >= 0:
            start, end = within.span(at, at + len(folded))
            passage = normalise(source.text[start:end])

            def locate(
                i: int, j: int, base: int = start, p: Normalised = passage
            ) -> tuple[int, int]:
                s, e = p.span(i, j)
                return s + base, e + base

            differences, score = _compare(wanted, passage.text, locate, source.text)
            return _result(Outcome.TYPOGRAPHIC, quote, source, start, end, score, differences)
    return _closest(quote, wanted, source)


def _result(
    outcome: Outcome,
    quote: str,
    source: SourceText,
    start: int,
    end: int,
    score: float,
    differences: tuple[Difference, ...],
) -> Match:
    line, column = source.line_column(start)
    return Match(
        outcome, quote, source.text[start:end], start, end, line, column, score, differences
    )


def _closest(quote: str, wanted: Normalised, source: SourceText) -> Match:
    """Not found: the closest passage, by rapidfuzz's alignment refined with difflib."""
    from difflib import SequenceMatcher

    from rapidfuzz import fuzz

    normal = source.normal
    if not normal.text:
        differences, score = _compare(wanted, "", lambda i, j: (0, 0), source.text)
        return Match(Outcome.NOT_FOUND, quote, score=score, differences=differences)
    aligned = fuzz.partial_ratio_alignment(wanted.text, normal.text)
    assert aligned is not None  # only None below a score_cutoff, and none is given
    # The alignment is a window as long as the quote. Widen it, then let difflib say
    # where the quote's first and last matching characters are, so that a passage
    # with a letter more or less than the quote is shown whole.
    slack = max(16, len(wanted.text) // 4)
    low = max(0, aligned.dest_start - slack)
    high = min(len(normal.text), aligned.dest_end + slack)
    region = normal.text[low:high]
    blocks = [
        b for b in SequenceMatcher(None, wanted.text, region, False).get_matching_blocks() if b.size
    ]
    if blocks:
        first, last = blocks[0], blocks[-1]
        begin = low + max(0, first.b - first.a)
        after_last = len(wanted.text) - (last.a + last.size)
        finish = low + min(len(region), last.b + last.size + after_last)
    else:
        begin, finish = aligned.dest_start, aligned.dest_end

    def locate(i: int, j: int) -> tuple[int, int]:
        return normal.span(begin + i, begin + j)

    differences, score = _compare(wanted, normal.text[begin:finish], locate, source.text)
    start, end = normal.span(begin, finish)
    return _result(Outcome.NOT_FOUND, quote, source, start, end, score, differences)


def _compare(
    wanted: Normalised,
    passage: str,
    locate: Callable[[int, int], tuple[int, int]],
    source_text: str,
) -> tuple[tuple[Difference, ...], float]:
    """The differences between the normalised quote and a normalised passage, and a score.

    Args:
        wanted: The normalised quote.
        passage: The normalised passage.
        locate: Offsets in the source text of the passage's [i, j).
        source_text: The source text, to tell a hyphen at a line end.
    """
    from difflib import SequenceMatcher

    from rapidfuzz import fuzz

    differences: list[Difference] = []
    opcodes = SequenceMatcher(None, wanted.text, passage, False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        ours, theirs = wanted.text[i1:i2], passage[j1:j2]
        quote_start, quote_end = wanted.span(i1, i2)
        source_start, source_end = locate(j1, j2)
        typographic = ours.translate(_TABLE) == theirs.translate(_TABLE) or (
            not ours and _line_end_hyphen(source_text, source_start, source_end)
        )
        differences.append(
            Difference(ours, theirs, quote_start, quote_end, source_start, source_end, typographic)
        )
    return tuple(differences), round(fuzz.ratio(wanted.text, passage), 1)


def _line_end_hyphen(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a hyphen (or soft hyphen) with a line break after it."""
    if end - start != 1 or text[start] not in "-\u2010\u00ad":
        return False
    rest = text[end : end + 64].lstrip(" \t")
    return bool(rest) and rest[0] in _BREAKS

"""Wrapping text for a printout that people paste: lines break at spaces only, and
what a reader copies whole stays whole.

Rich's own wrapping folds a word wider than the line into pieces, so a long URL
printed in a narrow column became two lines, and pasted, two broken halves. Here a
word that is a link or a path (it holds "/", "\\", "@" or "://") and any span the
caller keeps whole (a date: "16 Jul 2018" is never "16 Jul" and "2018") is never
broken: when it does not fit, it starts a line of its own, and when it is wider than
the line it overflows, whole. Other words wider than the line are cut where the line
ends: a run of Chinese or Japanese text has no spaces to break at.

Lines never end in spaces (a line ends where its last word does), so a printout piped
to a file or pasted into a message carries no padding.

Styled text is kept as plain strings with style ranges: piped, a line is a string
slice, and on a terminal each run of one style is painted as it is written (building
Rich text for every piece of a large timeline took nine tenths of the printout's time).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from rich.cells import cell_len, chop_cells

_WORD = re.compile(r"[^ ]+")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")
#: A word that is a link or a path: cut, it would no longer lead anywhere.
_WHOLE = re.compile(r"://|[/\\@]")


class Paragraph(NamedTuple):
    """Text to wrap: its characters, its styles as (start, end, style), and the spans
    of it (start, end) that are never broken."""

    plain: str
    styles: tuple[tuple[int, int, str], ...] = ()
    keep: tuple[tuple[int, int], ...] = ()


def styled(text: str, style: str = "") -> Paragraph:
    """Text in one style (already cleaned: see `timeline.text`)."""
    return Paragraph(text, ((0, len(text), style),) if style and text else ())


class Builder:
    """A paragraph built piece by piece, some pieces marked to be kept whole."""

    def __init__(self) -> None:
        self._pieces: list[str] = []
        self._length = 0
        self._styles: list[tuple[int, int, str]] = []
        self._keep: list[tuple[int, int]] = []

    def add(self, piece: str, style: str = "", *, whole: bool = False) -> Builder:
        """Append cleaned text; `whole` keeps it on one line (a date, a name of a file)."""
        if not piece:
            return self
        start = self._length
        self._pieces.append(piece)
        self._length += len(piece)
        if style:
            self._styles.append((start, self._length, style))
        if whole:
            self._keep.append((start, self._length))
        return self

    def __len__(self) -> int:
        return self._length

    def paragraph(self) -> Paragraph:
        return Paragraph("".join(self._pieces), tuple(self._styles), tuple(self._keep))


class Line(NamedTuple):
    """One printed line: pieces (start, end) of paragraphs, side by side."""

    parts: tuple[tuple[Paragraph, int, int], ...] = ()

    @property
    def plain(self) -> str:
        return "".join(p.plain[a:b] for p, a, b in self.parts)

    def runs(self) -> Iterator[tuple[str, str]]:
        """The line as (text, style) runs, "" for no style, in order."""
        for paragraph, start, end in self.parts:
            at = start
            for s_start, s_end, style in paragraph.styles:  # in order, never overlapping
                if s_end <= at or s_start >= end:
                    continue
                if s_start > at:
                    yield paragraph.plain[at:s_start], ""
                    at = s_start
                stop = min(s_end, end)
                yield paragraph.plain[at:stop], style
                at = stop
            if at < end:
                yield paragraph.plain[at:end], ""

    def after(self, indent: int) -> Line:
        """The line after `indent` spaces; an empty line stays empty."""
        if not indent or not self.parts:
            return self
        return Line(((_spaces(indent), 0, indent), *self.parts))

    def beside(self, other: Line) -> Line:
        """This line, then `other` on the same line."""
        return Line(self.parts + other.parts)


def _cells(text: str) -> int:
    """Columns the text takes: one per ASCII character (controls are stand-ins by
    then), Rich's measure for the others. Rich alone measures a long string character
    by character, a third of the printout's time."""
    if text.isascii():
        return len(text)
    others = "".join(_NOT_ASCII.findall(text))
    return len(text) - len(others) + cell_len(others)


@functools.cache
def _spaces(count: int) -> Paragraph:
    return Paragraph(" " * count)


def whole_line(paragraph: Paragraph) -> Line:
    """The paragraph on one line, however wide (a date in its column)."""
    return Line(((paragraph, 0, len(paragraph.plain)),)) if paragraph.plain else Line()


def pad(count: int) -> Line:
    """`count` spaces, to put something beside."""
    return Line(((_spaces(count), 0, count),)) if count > 0 else Line()


def _tokens(plain: str, keep: Iterable[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """The unbreakable pieces of a line as (start, end, whole): words, with the words
    a kept span runs across joined into one. Leading spaces stay with the first word
    (a quote's indented line keeps its indent)."""
    kept = sorted(keep)
    tokens: list[list[int]] = []
    wholes: list[bool] = []
    k = 0
    for match in _WORD.finditer(plain):
        start, end = match.span()
        while k < len(kept) and kept[k][1] <= start:
            k += 1
        inside = k < len(kept) and kept[k][0] < end
        if tokens and inside and kept[k][0] < tokens[-1][1]:
            # The space before this word lies inside a kept span: one token with the last.
            tokens[-1][1] = end
            wholes[-1] = True
            continue
        tokens.append([start, end])
        wholes.append(inside or _WHOLE.search(plain, start, end) is not None)
    if tokens:
        tokens[0][0] = 0
    return [(start, end, whole) for (start, end), whole in zip(tokens, wholes, strict=True)]


def wrap(paragraph: Paragraph, width: int) -> list[Line]:
    """The paragraph as lines of at most `width` cells, broken at spaces; a kept span
    or a link wider than that is a line of its own, whole. An empty paragraph is one
    empty line."""
    plain = paragraph.plain
    width = max(1, width)
    if _cells(plain) <= width:  # most lines: nothing to break
        end = len(plain.rstrip(" "))  # only ASCII spaces: a no-break space is the file's
        return [Line(((paragraph, 0, end),))] if end else [Line()]
    lines: list[Line] = []
    start = end = used = -1
    for t_start, t_end, whole in _tokens(plain, paragraph.keep):
        size = _cells(plain[t_start:t_end])
        if start >= 0:
            gap = t_start - end  # spaces: one cell each
            if used + gap + size <= width:
                end, used = t_end, used + gap + size
                continue
            lines.append(Line(((paragraph, start, end),)))
        if size > width and not whole:
            offset = t_start
            pieces = chop_cells(plain[t_start:t_end], width)
            for piece in pieces[:-1]:
                lines.append(Line(((paragraph, offset, offset + len(piece)),)))
                offset += len(piece)
            start, end, used = offset, t_end, _cells(pieces[-1])
        else:
            start, end, used = t_start, t_end, size
    if start >= 0:
        lines.append(Line(((paragraph, start, end),)))
    return lines or [Line()]


def indented(lines: Iterable[Line], indent: int) -> Iterator[Line]:
    """Each line after `indent` spaces; empty lines stay empty."""
    for line in lines:
        yield line.after(indent)

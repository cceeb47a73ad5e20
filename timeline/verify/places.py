"""Where a passage of an archive is, said so that a reader of the archive can find it.

A quote is found in an archive's text (`match.SourceText`), and its offsets count in
that text; a reader opens the file. Plain text is the file, so a line and column in
the text are the file's. A web page's text is read from its markup: each character is
traced back to where the page writes it (`PageText.origin`: the character itself, or
the entity or `<br>` that writes it), and placed there, in the file's lines. A PDF has
no lines a reader could count: the page is what they can turn to, and within it the
line and column count in the text read from that page (pypdf's reading of it, which
follows the printed lines closely but not always).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:
    from timeline.read.html import PageText


class Place(NamedTuple):
    """Where a passage starts: a line and a column (1-based) in the file, or for a PDF
    (`page` from 1; 0 for any other archive) in the text read from that page."""

    line: int
    column: int
    page: int = 0


class Placer(Protocol):
    """Places an offset of an archive's text."""

    def place(self, offset: int) -> Place: ...


class Lines:
    """Places offsets of a text in its lines, which are found when first asked for."""

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def line_column(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of an offset."""
        if self._starts is None:
            self._starts = [m.start() for m in re.finditer("\n", self.text)]
        line = bisect_right(self._starts, offset - 1)
        line_start = self._starts[line - 1] + 1 if line else 0
        return line + 1, offset - line_start + 1

    def place(self, offset: int) -> Place:
        return Place(*self.line_column(offset))


class InMarkup:
    """Places offsets of a web page's text where the page's markup writes them."""

    __slots__ = ("page",)

    def __init__(self, page: PageText) -> None:
        self.page = page

    def place(self, offset: int) -> Place:
        return Place(*self.page.line_column(offset))


class InPages:
    """Places offsets of a PDF's text (its pages' texts joined): the page, and the
    line and column in that page's text.

    Args:
        text: The pages' texts, joined.
        starts: Where each page's text starts in it.
    """

    __slots__ = ("lines", "starts")

    def __init__(self, text: str, starts: list[int]) -> None:
        self.lines = Lines(text)
        self.starts = starts

    def place(self, offset: int) -> Place:
        page = max(1, bisect_right(self.starts, offset))
        line, column = self.lines.line_column(offset)
        first, _ = self.lines.line_column(self.starts[page - 1])
        return Place(line - first + 1, column, page)

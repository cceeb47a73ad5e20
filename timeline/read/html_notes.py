"""Footnote markers in a web page: the "12" of `built.<sup>12</sup> Then`.

A page's text has them run into its words ("built.12 Then", "the plan[3] without"),
so that a quote spanning one is not found, and one after a word joins it ("plan3").
`timeline verify` may leave them out of a quote, as a writer may (Chicago's
"permissible changes": note reference marks may be omitted), but only where the page
says that they are markers, and never silently: the checker reports each one left out.

A marker is a short reference, a number (`12`, `[3]`, `(4)`, `1,2`, `3–5`) or a
symbol (`*`, `†`, `‡`, `§`, `¶`), or with a link a single letter (`a`), that is:

- a link to a place in the page (`<a href="#fn3">3</a>`, alone or in a `<sup>`, as
  Wikipedia and Pandoc write them, or around one), or
- a superscript (`<sup>12</sup>`) that does not follow a letter or a digit: after a
  word or a number, a superscript may be a power or a unit (`10<sup>6</sup>`,
  `m<sup>2</sup>`), and is not taken for a marker unless it links to a note.

A bare number in plain text ("built.12 Then", or in a PDF, whose text has no
superscripts) could be a marker, a year or a count: it is never taken for one.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple


@cache
def _marker(linked: bool) -> re.Pattern[str]:
    number = r"\d{1,3}(?:\s*[,\u2013\u2014-]\s*\d{1,3})*"
    symbol = r"[*\u2020\u2021\u00a7\u00b6]{1,3}"
    letter = r"|[a-z]" if linked else ""
    return re.compile(rf"\[?\(?(?:{number}|{symbol}{letter})\)?\]?")


def is_marker(text: str, *, linked: bool) -> bool:
    """Whether text is a footnote marker's (see the module's docstring)."""
    return _marker(linked).fullmatch(text.strip(" \t\n\r\f")) is not None


class _Open(NamedTuple):
    tag: str  # "sup" or "a"
    piece: int  # where its text starts among the block's pieces
    linked: bool  # a link to a place in the page
    after_word: bool  # it follows a letter or digit


class Markers:
    """Finds the footnote markers in a block of a page's text as it is read.

    The reader calls `open` and `close` for each `<sup>` and `<a>`, with the block's
    pieces of text so far; `found` is then each marker's pieces, as ranges of
    piece indices, and `clear` starts a new block.
    """

    def __init__(self) -> None:
        self._open: list[_Open] = []
        self.found: list[tuple[int, int]] = []

    def open(self, tag: str, href: str, pieces: list[tuple[str, bool, int]]) -> None:
        """A `<sup>`, or an `<a>` with `href`, starts after these pieces."""
        linked = tag == "a" and href.strip().startswith("#") and len(href.strip()) > 1
        if tag == "a" and not linked:
            return
        before = next((text for text, _, _ in reversed(pieces) if text), "")
        after_word = bool(before) and before[-1].isalnum()
        self._open.append(_Open(tag, len(pieces), linked, after_word))

    def close(self, tag: str, pieces: list[tuple[str, bool, int]]) -> None:
        """A `</sup>` or `</a>` ends after these pieces."""
        for k in range(len(self._open) - 1, -1, -1):
            if self._open[k].tag == tag:
                element = self._open[k]
                del self._open[k:]
                break
        else:
            return
        start, end = element.piece, len(pieces)
        if start >= end:
            return
        text = "".join(text for text, _, _ in pieces[start:end])
        inside = any(start <= a and b <= end for a, b in self.found)
        if inside or not is_marker(text, linked=element.linked):
            return  # (a link already found inside a <sup> is the marker)
        if element.linked or not element.after_word:
            self.found.append((start, end))

    def clear(self) -> None:
        """A new block starts: nothing open carries over into it."""
        self._open.clear()
        self.found = []

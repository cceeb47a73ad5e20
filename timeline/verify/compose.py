"""Letters written apart from their accents: "é" as e and a combining acute (U+0065
U+0301), as PDFs, macOS and some pages write it, where a quote typed has "é" (U+00E9).

The two are one text to Unicode (canonically equivalent): the same letters, drawn the
same, but different characters. Folding (see `match.TYPOGRAPHY`) composes them as
Unicode's NFC does, on both sides, so that such a quote is found up to typography
with each difference named, rather than not found.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from functools import cache


@cache
def _classes() -> tuple[str, str]:
    """Regular-expression classes of the characters that compose with the one before
    them, and of those that NFC replaces by another. Built once, when first needed (a
    quarter of a second): only a text that is not composed already needs them."""
    follow: set[int] = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))  # Hangul
    alone: set[int] = set()
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.combining(char):
            follow.add(code)
        parts = unicodedata.decomposition(char)
        if parts and not parts.startswith("<"):
            codes = parts.split()
            if len(codes) == 2:
                follow.add(int(codes[1], 16))
            elif len(codes) == 1:
                alone.add(code)

    def chars(codes: set[int]) -> str:
        return "[" + "".join(re.escape(chr(code)) for code in sorted(codes)) + "]"

    return chars(follow), chars(alone)


@cache
def _apart() -> re.Pattern[str]:
    """What NFC may change: a character and the marks after it, or one NFC replaces."""
    follow, alone = _classes()
    return re.compile(f".{follow}+|{alone}", re.S)


@cache
def unit() -> re.Pattern[str]:
    """A unit of text to line up with another's: "..." (as "…" is one), or a character
    with the marks written after it (as "é" is one)."""
    return re.compile(rf"\.\.\.|.{_classes()[0]}*", re.S)


def composed(text: str) -> bool:
    """Whether the text is as NFC writes it (most are: then nothing is to be done)."""
    return unicodedata.is_normalized("NFC", text)


def changes(text: str, start: int = 0, stop: int | None = None) -> Iterator[tuple[int, int, str]]:
    """Where NFC changes the text: (start, end, what it writes there), in order."""
    if composed(text):
        return
    for match in _apart().finditer(text, start, len(text) if stop is None else stop):
        written = unicodedata.normalize("NFC", match.group())
        if written != match.group():
            yield match.start(), match.end(), written


def same(a: str, b: str) -> bool:
    """Whether two texts are the same once composed."""
    return a == b or unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b)

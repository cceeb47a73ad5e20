"""The edits a quote marks as a writer makes them: an ellipsis for words left out, square
brackets for words put in; and the two that style guides let a writer make unmarked.

Journalists and historians shorten a quote with an ellipsis ("decline this gift ... as
principled Salesforce employees have demanded", also "…", ". . .", "[...]", "[…]") and
put words of their own in square brackets ("[W]e have decided", "contracts with [U.S.
Customs and Border Protection]", "[sic]"). Such a quote is not verbatim, and not a
misquote either: `match.check` finds the words outside the marks, in order, and reports
what each mark stands for in the source, so that a reader can judge the edit. An
edit that reverses the quote (leaving out the "not" of "We will not cut") is no
edit but a misquote (`NEGATION`), and so is a "?" or "!" the speaker did not end with,
or did not use where the quote puts one before an ellipsis (`TONE`): the quote is not
found.

Brackets that hold only an ellipsis are a mark of omission. Parentheses are not marks:
writers use them inside quotes for the speaker's own asides; but for a writer's note
that no speaker says ("(sic)", "(emphasis added)": `note`), which stands for nothing in
the source, as it does in square brackets.

Unmarked, a quote may change the case of its first letter to fit the writer's sentence
and change or add its final punctuation (The Chicago Manual of Style, "permissible
changes" to quotations; AP and newsrooms alike): "We have decided" for a source's "...
and we have decided", "the proposal." for "the proposal, refusing". These are
`CASE` and `PUNCTUATION`, reported as edits too: allowed is not the same as unsaid.
So may the marks of a quotation inside the quote be turned single for double, or double
for single, as a writer nests it in their own (`QUOTATION`).
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

#: How a mark is named in reports and JSON.
OMITTED = "omitted"
INSERTED = "inserted"
#: An ellipsis at an end of a quote: the source goes on past it.
CUT = "cut"
#: An edit that takes a negation out of what the source says, or puts one in: an
#: ellipsis leaving out the "not" of "We will not cut", brackets saying "[cannot]"
#: where the source says "can". No edit may reverse a quote: such a quote is not found.
NEGATION = "negation"
#: A question or exclamation mark ending the quote (or put before an ellipsis) where the
#: source has another mark, or none: it makes the speaker ask or exclaim. It is the speaker's own or none; a
#: writer's own goes outside the quotation (Chicago, AP). Such a quote is not found.
TONE = "tone"
#: The edits no quote may make: it is not found, that edit said first.
MISQUOTES = frozenset({NEGATION, TONE})
#: The marks of a quotation inside the quote changed, double for single or single for
#: double: a writer nesting a quotation in their own turns its marks (allowed unmarked).
QUOTATION = "quotation"
#: A footnote marker of a web page left out of the quote ("built. Then" for the page's
#: `built.<sup>12</sup> Then`): a writer may leave one out unmarked (Chicago).
FOOTNOTE = "footnote"
#: The unmarked changes allowed: the first letter's case, the final punctuation.
CASE = "case"
PUNCTUATION = "punctuation"
#: Question marks and exclamation marks, as each script writes them: the speaker's own,
#: never a writer's (`TONE`). The Arabic "؟" (Persian and Urdu too), the full-width "？"
#: and "！" of Chinese and Japanese.
QUESTION = "?\u061f\uff1f"
EXCLAMATION = "!\uff01"
ASKING = QUESTION + EXCLAMATION
#: Punctuation that may end a quote in place of the source's (or where it goes on): the
#: full stop, comma, semicolon and colon, as Latin, Chinese and Japanese ("。", "．",
#: "，", "、", "；", "："), Arabic ("،", "؛"), Urdu ("۔"), Devanagari ("।", "॥"),
#: Armenian ("։"), Ethiopic ("።"), Myanmar ("။"), Khmer ("។") and Tibetan ("།")
#: write them; and `ASKING`.
FINAL = (
    ".,;:"
    + "\u3002\uff0e\uff0c\u3001\uff1b\uff1a"
    + "\u060c\u061b\u06d4\u0964\u0965\u0589\u1362\u104b\u17d4\u0f0d"
    + ASKING
)


def same_tone(ours: str, theirs: str) -> bool:
    """Whether two final marks both ask, or both exclaim ("?" and "؟"), in any script."""
    return bool(ours and theirs) and any(
        ours in kind and theirs in kind for kind in (QUESTION, EXCLAMATION)
    )


class Mark(NamedTuple):
    """One edit marked in a quote.

    Attributes:
        kind: `OMITTED` (an ellipsis) or `INSERTED` (words in square brackets).
        text: The mark as written ("...", "[…]", "[U.S. Customs and Border Protection]").
        start, end: Where it is in the quote as written.
    """

    kind: str
    text: str
    start: int
    end: int


class Part(NamedTuple):
    """Words of the quote between marks, as written (blanks at either end dropped)."""

    text: str
    start: int
    end: int


class Marked(NamedTuple):
    """A quote split at its marks: `parts[k]` comes before `marks[k]` and `parts[k + 1]`
    after it, so there is one part more than marks (a part may be empty)."""

    parts: tuple[Part, ...]
    marks: tuple[Mark, ...]


# An ellipsis: "...", ". . .", "…", alone or in square brackets; and words in brackets.
_DOTS = r"(?:\.\.\.|\.[ \u00a0]\.[ \u00a0]\.|\u2026)"
_ELLIPSIS = rf"(?:\[\s*{_DOTS}\s*\]|{_DOTS})"


# Punctuation before an ellipsis: a full stop, as a sentence shortened ends ("It was
# built. ...", "built...."; Chicago's four dots), or a comma, semicolon, colon, question
# or exclamation mark the words before it end with ("It was built, ... It stood"; any
# of `FINAL`): one mark with it, so that the words before it are looked for without it
# ("It was built" in "It was built in 1961"), and the report says whether the source
# has it there, or what it stands for (`punctuation_before`).
@cache
def _before() -> str:
    return "[" + re.escape(FINAL) + r"][ \u00a0]?"


# A writer's note in a quote, in square brackets or parentheses: "[sic]" after words the
# source has as they are, however odd; "(emphasis added)", "[italics mine]" after words
# the writer set in italics, which the text compared does not show. No speaker says
# them: they stand for nothing in the source (`note`).
_NOTES = (
    r"sic!?",
    r"(?:emphasis|italics)\s+(?:added|mine|ours|supplied|in\s+(?:the\s+)?original)",
)


@cache
def _note() -> re.Pattern[str]:
    notes = "|".join(_NOTES)
    return re.compile(rf"\[\s*(?:{notes})\s*\]|\(\s*(?:{notes})\s*\)", re.IGNORECASE)


@cache
def _marks() -> re.Pattern[str]:
    return re.compile(rf"(?:{_before()})?{_ELLIPSIS}|\[[^\[\]\n]*\]|{_note().pattern}", re.I)


@cache
def _punctuated() -> re.Pattern[str]:
    return re.compile(rf"({_before()}){_ELLIPSIS}")


def punctuation_before(mark: str) -> int:
    """How many characters of an ellipsis mark are punctuation before it (with the
    space after it): 2 for ". ..." or ", ...", 1 for "...." or "?...", 0 for "..." or
    "…"."""
    found = _punctuated().fullmatch(mark)
    return len(found.group(1)) if found else 0


#: Less than this outside the marks is not enough to place a quote by, counted in
#: `units`: about two or three English words.
LEAST_WORDS = 12

# Characters that stand for more than a letter does, and how many units each counts
# (`units`): a Chinese character (in Japanese kanji, in Korean hanja) is a syllable
# with a meaning, a word being one or two, and a translation into English runs about
# three times as many characters; a kana or a Hangul block is a syllable, two letters
# or three. Counted by letters, a sentence of five Chinese characters ("这不是犯罪。",
# "this is not a crime.") could not mark an edit at all.
_HAN = (
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3FFFF),  # CJK extensions B and on
)
_SYLLABLES = (
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x31F0, 0x31FF),  # Katakana extensions
    (0xFF66, 0xFF9F),  # half-width Katakana
    (0x1100, 0x11FF),  # Hangul jamo
    (0xAC00, 0xD7A3),  # Hangul syllables
)


def units(text: str) -> int:
    """How much of a quote a text is, to place it by: a letter, digit, space or mark
    one unit; a Chinese character three; a kana or a Hangul syllable two."""
    total = len(text)
    for char in text:
        if char >= "\u1100":  # (most text has none: one comparison each)
            code = ord(char)
            if any(low <= code <= high for low, high in _HAN):
                total += 2
            elif any(low <= code <= high for low, high in _SYLLABLES):
                total += 1
    return total


def too_short(quote: str) -> int | None:
    """How much of a quote that marks edits is outside its marks (`units`), when that
    is too little to place it by (`LEAST_WORDS`); else None."""
    marked = _split(quote)
    if not marked.marks:
        return None
    outside = sum(units(part.text) for part in marked.parts)
    return outside if outside < LEAST_WORDS else None


def split(quote: str) -> Marked | None:
    """The quote split at its marks (one part when it marks none), or None when too
    little of it is outside its marks to be found by (`LEAST_WORDS`, in `units`)."""
    marked = _split(quote)
    if sum(units(p.text) for p in marked.parts) < LEAST_WORDS:
        return None
    return marked


def _split(quote: str) -> Marked:
    marked = "." in quote or "\u2026" in quote or "[" in quote or "(" in quote
    found = list(_marks().finditer(quote)) if marked else []
    marks: list[Mark] = []
    parts: list[Part] = []
    at = 0
    for m in found:
        text = m.group()
        kind = (
            INSERTED
            if text.startswith("(") or (text.startswith("[") and _inside(text))
            else OMITTED
        )
        parts.append(_part(quote, at, m.start()))
        marks.append(Mark(kind, text, m.start(), m.end()))
        at = m.end()
    parts.append(_part(quote, at, len(quote)))
    return Marked(tuple(parts), tuple(marks))


def first_letter(marked: Marked) -> bool:
    """Whether the quote starts with a letter that has a case (one a writer may change)."""
    first = marked.parts[0].text
    if not first:
        return False
    other = first[0].swapcase()
    return len(other) == 1 and other != first[0] and other.swapcase() == first[0]


def after_ellipsis(marked: Marked) -> list[bool]:
    """For each part with words, whether it follows an ellipsis and starts with a letter
    that has a case: a sentence begun after an ellipsis may take a capital the source's
    words have not, or go on without one (Chicago; "[i]t" in legal style)."""
    after = []
    for k, part in enumerate(marked.parts):
        if not part.text:
            continue
        before = marked.marks[k - 1] if k > 0 else None
        after.append(
            before is not None and before.kind == OMITTED and first_letter(Marked((part,), ()))
        )
    return after


def final_punctuation(marked: Marked) -> bool:
    """Whether the quote ends with punctuation a writer may change (`FINAL`), after words."""
    last = marked.parts[-1].text
    return len(last) > 1 and last[-1] in FINAL


def word_edges(marked: Marked) -> list[tuple[bool, bool]]:
    """For each part with words, whether its start and its end must fall at the edges
    of the source's words: everywhere but where words in brackets touch it ("[W]e
    have", "the compan[y]'s"), which may stand for a part of a word."""
    edges = []
    for k, part in enumerate(marked.parts):
        if not part.text:
            continue
        before = marked.marks[k - 1] if k > 0 else None
        after = marked.marks[k] if k < len(marked.marks) else None
        touched_before = before is not None and before.kind == INSERTED and before.end == part.start
        touched_after = after is not None and after.kind == INSERTED and after.start == part.end
        edges.append((not touched_before, not touched_after))
    return edges


def sic(marks: str) -> bool:
    """Whether marks are "[sic]" (or "[sic!]", "(sic)", any case): words put in that stand
    for nothing in the source, but say that what comes before is as the source has it."""
    return note(marks) and marks[1:-1].strip().casefold() in ("sic", "sic!")


def note(marks: str) -> bool:
    """Whether marks are a writer's note ("[sic]", "(emphasis added)", "[italics mine]"),
    which stands for nothing in the source."""
    return _note().fullmatch(marks) is not None


def _inside(bracketed: str) -> bool:
    """Whether square brackets hold words (not only an ellipsis)."""
    inner = bracketed[1:-1].strip()
    return bool(inner) and inner.replace(".", "").replace("\u2026", "").strip() != ""


def _part(quote: str, start: int, end: int) -> Part:
    text = quote[start:end]
    stripped = text.strip()
    if not any(c.isalnum() for c in stripped):  # blank, or a full stop after "..."
        return Part("", start, start)
    begin = start + len(text) - len(text.lstrip())
    return Part(stripped, begin, begin + len(stripped))

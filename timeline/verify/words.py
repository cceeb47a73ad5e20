"""Words in a text, as a fact-checker reads a quote: where they begin and end.

A quote is made of whole words: "likely to pass" is not in "unlikely to pass", nor
"legal" in "illegal", though the letters are. So a quote, or a part of it between its
edits, is found only where it begins and ends at the edges of the source's words (on a
side where it has a letter or digit itself; "’s hours" may follow "library"). A word
joined by a hyphen is one: "president" is not in "ex-president".

Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
Myanmar, Tibetan) have no such edges to tell: there any place is one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

# Code points of scripts written without spaces between words.
_SPACELESS = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x0F00, 0x0FFF),  # Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x19E0, 0x19FF),  # Khmer symbols
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x30FF),  # CJK punctuation, Hiragana, Katakana
    (0x3100, 0x31FF),  # Bopomofo, Katakana extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # half-width Katakana
    (0x20000, 0x3FFFF),  # CJK extensions B and on
)


def _spaceless(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _SPACELESS)


def _wordy(char: str) -> bool:
    """A letter, digit or mark (an accent written after its letter is part of the word)."""
    return unicodedata.category(char)[0] in "LMN"


# Hyphens that join two words into one ("ex-president", "anti-war"), soft ones too.
_JOINING = "-\u2010\u2011\u00ad"


def inside_word(text: str, at: int) -> bool:
    """Whether `at` falls between two characters of one word of `text` (as "un|likely"),
    a word joined by a hyphen being one ("ex-|president", "anti|-war")."""
    if at <= 0 or at >= len(text):
        return False
    before, after = text[at - 1], text[at]
    if before in _JOINING and at >= 2 and _wordy(text[at - 2]) and _wordy(after):
        return True
    if after in _JOINING and at + 1 < len(text) and _wordy(before) and _wordy(text[at + 1]):
        return True
    if not _wordy(before) or not _wordy(after):
        return False
    if unicodedata.category(after)[0] == "M":
        return True  # an accent of the letter before it: never an edge
    return not (_spaceless(before) or _spaceless(after))


def find_whole(
    text: str,
    sought: str,
    start: int = 0,
    *,
    left: bool = True,
    right: bool = True,
    inside: Callable[[str, int], bool] = inside_word,
) -> int:
    """The first place from `start` where `sought` occurs in `text` without cutting a
    word of it (-1 if none): not beginning inside a word when `left` (and it begins with
    a letter or digit), nor ending inside one when `right` (and it ends with one).

    `left` or `right` is False on a side where the quote runs on into words in
    brackets ("[W]e have"): those may stand for the start of a word. `inside` tells
    whether a place is inside a word of `text` (`inside_word`; for a text folded, one
    that knows which of its hyphens were dashes: `source_text.SourceText.inside`).
    """
    left = left and bool(sought) and (_wordy(sought[0]) or sought[0] in _JOINING)
    right = right and bool(sought) and (_wordy(sought[-1]) or sought[-1] in _JOINING)
    at = text.find(sought, start)
    while at >= 0:
        if not (left and inside(text, at)) and not (right and inside(text, at + len(sought))):
            return at
        at = text.find(sought, at + 1)
    return -1


def word_start(text: str, at: int, reach: int = 64) -> int:
    """Where the word `at` falls inside begins (`at` itself when it is at an edge);
    at most `reach` characters back."""
    low = max(0, at - reach)
    while at > low and inside_word(text, at):
        at -= 1
    return at


def word_end(text: str, at: int, reach: int = 64) -> int:
    """Where the word `at` falls inside ends (`at` itself when it is at an edge); at
    most `reach` characters on."""
    high = min(len(text), at + reach)
    while at < high and inside_word(text, at):
        at += 1
    return at


# Words that negate what they stand beside, casefolded: English, French, Spanish,
# Portuguese, Italian, German, Dutch, Russian and Arabic. Words that are common in one
# of these languages without negating (German "noch", still) are left out. English
# contractions ("don't", "isn’t") are told by their ending, and French elisions ("n’avons")
# by their start; the article's own "dont" shows why the common ones without an
# apostrophe are here too.
_NEGATIONS_BY_LANGUAGE = {
    "English": "not no never nor neither none nobody nothing nowhere cannot without nope "
    "aint dont doesnt didnt wont cant isnt arent wasnt werent hasnt havent hadnt couldnt "
    "wouldnt shouldnt mustnt",
    "French": "ne pas jamais aucun aucune rien non ni nullement guère",
    "Spanish": "no nunca jamás ni ningún ninguno ninguna nada nadie tampoco",
    "Portuguese": "não nunca jamais nem nenhum nenhuma nada ninguém",
    "Italian": "non mai né nessuno nessuna niente nulla neanche nemmeno neppure",
    "German": "nicht kein keine keinen keinem keiner keines nie niemals nichts niemand weder ohne",
    "Dutch": "niet geen nooit niets niemand zonder",
    "Russian": "не нет ни никогда ничего никто нельзя без",
    "Arabic": "لا لم لن ليس ليست غير بدون",
}
NEGATIONS = frozenset(word for said in _NEGATIONS_BY_LANGUAGE.values() for word in said.split())

# At most this many words left out are close enough to the words kept that a negation
# among them negates them, wherever it stands.
_NEAR = 3


@cache
def _word() -> re.Pattern[str]:
    return re.compile(r"\w+(?:['’]\w+)*['’]?")


def words(text: str) -> list[str]:
    """The words of a text (letters and digits, with apostrophes inside them)."""
    return _word().findall(text)


def words_beside(text: str, at: int, count: int, *, before: bool) -> tuple[int, int]:
    """Where the `count` words of `text` just before `at` (or just after it) are: from
    the first one's start to the last one's end, within a few hundred characters;
    (at, at) when there are none."""
    if before:
        low = max(0, at - _BESIDE)
        found = list(_word().finditer(text, low, at))[-count:]
    else:
        found = []
        for word in _word().finditer(text, at, min(len(text), at + _BESIDE)):
            found.append(word)
            if len(found) == count:
                break
    return (found[0].start(), found[-1].end()) if found else (at, at)


# How far `words_beside` looks, in characters.
_BESIDE = 400


def negation(word: str) -> bool:
    """Whether a word negates (`NEGATIONS`, "…n't", "n'…")."""
    folded = word.casefold().replace("’", "'")
    if folded == "n'":  # "n’avons"
        return True
    folded = folded.rstrip("'")  # a closing quotation mark: "'no'"
    folded = folded.removesuffix("'s")  # "nobody’s"
    return folded in NEGATIONS or folded.endswith("n't") or folded.startswith("n'")


def negations(text: str) -> list[str]:
    """The negations among a text's words, as written."""
    return [word for word in words(text) if negation(word)]


def negations_meant(text: str) -> list[str]:
    """The negations among a text's words that negate something: not those that begin a
    phrase negating nothing ("no doubt", "not least": `_IDIOMS`)."""
    return [word for word in _without_idioms(words(text)) if negation(word)]


def reverses(left_out: str) -> bool:
    """Whether leaving out these words between two kept ones leaves out a negation of
    them: one beside the words kept (first or last of those left out: "We will [not]
    cut", "It did [not] approve", "would [never, under any circumstances,] close"), or
    any among a few words. A negation inside a longer clause left out ("The report
    [, which was not published until May,] found") is the clause's own, and one that
    begins a phrase negating nothing ("[, no doubt,]", "[not least]") is none."""
    left = _without_idioms(words(left_out))
    if not left:
        return False
    if negation(left[0]) or negation(left[-1]):
        return True
    return len(left) <= _NEAR and any(negation(word) for word in left)


# Phrases that begin with a negation and negate nothing ("We will, no doubt, cut").
_IDIOMS = frozenset(
    {("no", "doubt"), ("not", "least"), ("not", "only"), ("no", "matter"), ("never", "mind")}
    | {("without", "doubt"), ("nicht", "nur"), ("non", "solo"), ("no", "solo")}
)


def _without_idioms(said: list[str]) -> list[str]:
    kept: list[str] = []
    for word in said:
        if kept and (kept[-1].casefold(), word.casefold()) in _IDIOMS:
            kept.pop()
        else:
            kept.append(word)
    return kept


# Double quotation marks that open a quotation whatever stands around them, that close
# one, and that do either (told by what stands around them).
_OPENING, _CLOSING, _EITHER = "\u00ab\u201e", "\u00bb", '"\u201c\u201d\u201f'


def quotations_crossed(left_out: str) -> tuple[bool, bool]:
    """Whether words left out between two kept ones close a quotation they did not open
    (the words after are outside it: 'sea,” she said'), and whether they open one they
    do not close (the words before are outside it); both, and the kept words come from
    two quotations ('increase,” said Li Wei. “I support'). A quotation opened and
    closed within them ('called “absurd” and') is neither."""
    ended, depth = False, 0
    for at, char in enumerate(left_out):
        if char in _OPENING or char in _CLOSING or char in _EITHER:
            before = left_out[at - 1] if at else ""
            after = left_out[at + 1] if at + 1 < len(left_out) else ""
            if _opens(char, before, after):
                depth += 1
            elif depth:
                depth -= 1
            else:
                ended = True
    return ended, depth > 0


def _opens(mark: str, before: str, after: str) -> bool:
    """Whether a quotation mark opens a quotation, by what stands either side of it
    ("" at an end of the words left out, where the words kept stand)."""
    if mark in _OPENING or mark in _CLOSING:
        return mark in _OPENING
    if not after:  # before the words kept after
        return not before or before.isspace() or before in "(["
    if not before:  # after the words kept before
        return not after.isspace() and after not in ".,;:!?)]"
    return (before.isspace() or before in "([") and not after.isspace()

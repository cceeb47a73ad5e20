"""Where a quote found no way comes closest in its source, and how it differs there.

rapidfuzz's partial-ratio alignment (where `anchors` says, in a long text), each end
of the window moved to the passage nearest the quote, then an edit script
(`compare`); a difference that takes a negation out or puts one in, unmarked, is said
as such. Apart because only a quote found no other way (`match`) needs it.
"""

from __future__ import annotations

from timeline.verify import anchors, quote_edits
from timeline.verify.compare import compare
from timeline.verify.normalising import Normalised, normalise
from timeline.verify.results import UNMARKED, Difference, Match, Outcome, result_at
from timeline.verify.source_text import SourceText
from timeline.verify.words import negations_meant, word_end, word_start, words


def closest(quote: str, wanted: Normalised, source: SourceText) -> Match:
    """Not found: the closest passage, by rapidfuzz's alignment, then an edit script."""
    from rapidfuzz import fuzz

    normal = source.normal
    if not normal.text:
        differences, score = compare(wanted, "", lambda i, j: (0, 0), source.text)
        return Match(Outcome.NOT_FOUND, quote, score=score, differences=differences)
    text, size = normal.text, len(wanted.text)
    # In a long text, or for a long quote, only where pieces of the quote point.
    begin, finish, align = anchors.region(wanted.text, text)
    if align:
        aligned = fuzz.partial_ratio_alignment(wanted.text, text[begin:finish])
        assert aligned is not None  # only None below a score_cutoff, and none is given
        begin, finish = begin + aligned.dest_start, begin + aligned.dest_end
    # The alignment is a window as long as the quote: a passage with a letter more or
    # less than the quote would be cut. Move each end of the window in turn (until
    # neither moves, three rounds at most) to where the passage is closest to the
    # quote (`_nearest`).
    reach = min(_REACH, max(16, size // 8))
    for _ in range(3 if align else 0):  # a quote too long to align: its pieces' ends
        was = begin, finish
        begin = _nearest(
            wanted.text,
            text,
            [(a, finish) for a in range(max(0, begin - reach), min(finish, begin + reach) + 1)],
            begin,
        )[0]
        finish = _nearest(
            wanted.text,
            text,
            [
                (begin, b)
                for b in range(max(begin, finish - reach), min(len(text), finish + reach) + 1)
            ],
            finish,
            end=True,
        )[1]
        if (begin, finish) == was:
            break

    # A quote is whole words: a passage that cuts one shows the rest of it as a
    # difference ("unlikely" for "likely"), not a match of its letters.
    if wanted.text[:1].isalnum():
        begin = word_start(text, begin)
    if wanted.text[-1:].isalnum():
        finish = word_end(text, finish)

    def locate(i: int, j: int) -> tuple[int, int]:
        return normal.span(begin + i, begin + j)

    differences, score = compare(
        wanted, normal.text[begin:finish], locate, source.text, source.notes
    )
    differences = _reversals(differences, quote, source.text)
    start, end = normal.span(begin, finish)
    return result_at(Outcome.NOT_FOUND, quote, source, start, end, score, differences)


def _reversals(
    differences: tuple[Difference, ...], quote: str, text: str
) -> tuple[Difference, ...]:
    """The differences of a quote not found, with those that take a negation out of the
    source's words or put one in, unmarked ("We will cut" for "We will not cut", "now"
    for "not", "do" for "don't"), said as such (`quote_edits.NEGATION`, side
    `UNMARKED`): widened to the whole words they touch, on both sides alike (the
    letters beside a difference are the same in both), so that a reader sees the
    words."""
    said: list[Difference] = []
    for difference in differences:
        if difference.edit or difference.typographic:
            said.append(difference)
            continue
        q1, q2, s1, s2 = (
            difference.quote_start,
            difference.quote_end,
            difference.source_start,
            difference.source_end,
        )
        before = max(q1 - word_start(quote, q1), s1 - word_start(text, s1))
        after = max(word_end(quote, q2) - q2, word_end(text, s2) - s2)
        q1, s1 = max(0, q1 - before), max(0, s1 - before)
        q2, s2 = min(len(quote), q2 + after), min(len(text), s2 + after)
        ours, theirs = normalise(quote[q1:q2]), normalise(text[s1:s2])
        if len(negations_meant(ours.text)) == len(negations_meant(theirs.text)):
            said.append(difference)
            continue
        # The words alone, without the blanks a difference may hold at an end ("not ").
        q1, q2 = _trimmed(quote, q1, q2)
        s1, s2 = _trimmed(text, s1, s2)
        if said and said[-1].quote_end > q1:  # widened into the difference before it
            last = said.pop()
            q1, s1 = min(q1, last.quote_start), min(s1, last.source_start)
        reversal = Difference(
            normalise(quote[q1:q2]).text,
            normalise(text[s1:s2]).text,
            q1,
            q2,
            s1,
            s2,
            False,
            quote_edits.NEGATION,
            side=UNMARKED,
        )
        said.append(reversal)
    return tuple(said)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """text[start:end] without the whitespace at either end (at `start` when blank)."""
    part = text[start:end]
    begin = start + len(part) - len(part.lstrip())
    return begin, max(begin, end - (len(part) - len(part.rstrip())))


def _nearest(
    quote: str, text: str, windows: list[tuple[int, int]], was: int, *, end: bool = False
) -> tuple[int, int]:
    """The window of `text` closest to `quote`: the one that holds the most of the
    quote's words, in order (a word the quote leaves out, "I have supported" for "I
    have never supported", keeps the words around it in the passage: "I have never
    supported", not "ver supported", fewer letters apart but without "I have"); among
    equals, the fewest letters apart (the edit distance); then the length nearest the
    quote's ("we" against "We" is a letter changed, not one left out); then the window
    whose moving end is nearest where it `was`."""
    from rapidfuzz.distance import LCSseq, Levenshtein

    quote_words = words(quote)

    def cost(window: tuple[int, int]) -> tuple[int, int, int, int]:
        a, b = window
        passage = text[a:b]
        return (
            -LCSseq.similarity(quote_words, words(passage)),
            Levenshtein.distance(quote, passage),
            abs(b - a - len(quote)),
            abs((b if end else a) - was),
        )

    return min(windows, key=cost)


# How far (in characters) `closest` moves each end of rapidfuzz's window, at most.
_REACH = 64

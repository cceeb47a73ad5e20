"""What the marks of an edited quote stand for in its source, said as `Difference`s.

An ellipsis's words left out (and the paragraphs between them), words in brackets
and what they stand in place of, punctuation before an ellipsis or after a final
mark against the source's own, and the edits no quote may make (a negation put in or
taken out, a "?" or "!" the speaker did not use). Apart from finding the words
(`edited`): this reads the source around words already found.
"""

from __future__ import annotations

import re
from functools import cache

from timeline.verify import quote_edits
from timeline.verify.normalising import normalise
from timeline.verify.results import ELLIPSIS, UNPLACED, Difference
from timeline.verify.words import negations, reverses, words, words_beside

# Spaces that may stand between a sentence's last word and its mark ("branche ?").
BEFORE_MARK = " \u00a0\u202f\u2009"


def after_marks(
    marked: quote_edits.Marked,
    quote: str,
    differences: list[Difference],
    text: str,
    end: int,
) -> Difference | None:
    """The final punctuation of a quote that ends with a mark ("It was built ...?",
    "the hours [sic]?", "the hours (emphasis added)."), held against the source's, as
    that of a quote ending with words is; None when the quote ends otherwise.

    After words in brackets that stand for what the source has there, or for nothing
    (a writer's note), the source's is the mark right after it (`end`); after an
    ellipsis, or brackets whose words are not compared, the one that ends the source's
    sentence, past the words left out: a "?" or "!" that is not the speaker's there is
    a misquote (`quote_edits.TONE`), any other mark final punctuation changed. The
    result's `edit` is "" when the source has the very mark (it is the source's)."""
    if not marked.marks or marked.parts[-1].text:
        return None
    at = marked.marks[-1].end
    trailing = quote[at:].strip()
    if len(trailing) != 1 or trailing not in quote_edits.FINAL:
        return None
    mine, at = trailing, quote.index(trailing, at)
    last = [d for d in differences if d.quote_start >= marked.marks[-1].start]
    if any(d.edit in (quote_edits.CUT, UNPLACED) for d in last):
        # The source's sentence ends past the words left out, within the paragraph.
        ends = _sentence_end().search(text, end, min(len(text), end + _SENTENCE))
        theirs, there = (ends.group(1), ends.start(1)) if ends else ("", end)
    else:
        ahead = text[end : end + 3]
        gap = len(ahead) - len(ahead.lstrip(BEFORE_MARK))
        theirs, there = text[end + gap : end + gap + 1], end + gap
        if not theirs or theirs not in quote_edits.FINAL:
            theirs, there = "", end
    if theirs == mine:
        return Difference(mine, theirs, at, at + 1, there, there + 1, False)
    asks = mine in quote_edits.ASKING and not quote_edits.same_tone(mine, theirs)
    kind = quote_edits.TONE if asks else quote_edits.PUNCTUATION
    return Difference(mine, theirs, at, at + 1, there, there + len(theirs), False, kind)


@cache
def _sentence_end() -> re.Pattern[str]:
    """What ends a sentence (`quote_edits.FINAL` but for commas, semicolons and colons),
    or a paragraph break, which ends it without a mark. Built when first asked: the
    viewer imports this module for its quotes' check on every start."""
    marks = "".join(
        c for c in quote_edits.FINAL if c not in ",;:\uff0c\u3001\uff1b\uff1a\u060c\u061b"
    )
    return re.compile("([" + re.escape(marks) + r"])|\n[ \t\r]*\n|\u2029")


#: How far to look for the end of a sentence.
_SENTENCE = 2_000


def gaps(
    marked: quote_edits.Marked,
) -> dict[tuple[int | None, int | None], list[quote_edits.Mark]]:
    """The marks by the found words on either side (their places among the quote's
    words that are not blank; None at an end): marks side by side share one gap."""
    # parts[k] is before marks[k], parts[k + 1] after it: the words before a mark are
    # the last part with words up to k, those after it the first from k + 1.
    before: list[int | None] = []
    found = -1
    for part in marked.parts[:-1]:
        found += bool(part.text)
        before.append(found if found >= 0 else None)
    total = found + bool(marked.parts[-1].text)
    gaps: dict[tuple[int | None, int | None], list[quote_edits.Mark]] = {}
    for mark, last in zip(marked.marks, before, strict=True):
        after: int | None = 0 if last is None else last + 1
        if after is not None and after > total:
            after = None
        gaps.setdefault((last, after), []).append(mark)
    return gaps


def mark_differences(
    marks: list[quote_edits.Mark],
    before: int | None,
    after: int | None,
    placed: list[tuple[int, int]],
    quote: str,
    text: str,
) -> list[Difference]:
    """What marks side by side stand for in the source: none when the source writes
    these very marks. Punctuation before an ellipsis (`quote_edits.punctuation_before`)
    that the source has there is the source's, not the mark's. One the source has not
    there is said: at the end of the quote, as final punctuation put in, then the
    ellipsis; between words, a full stop stands with the ellipsis for the words left
    out (a sentence shortened, Chicago's four dots: "It was built. ... It stood" for
    "built in 1961. It stood"), and any other mark is said before what the ellipsis
    leaves out (`before_ellipsis`), a "?" or "!" the speaker did not use there as
    `quote_edits.TONE`, which no edit may put in."""
    first, last = marks[0].start, marks[-1].end
    stop = (
        0
        if marks[0].kind == quote_edits.INSERTED
        else quote_edits.punctuation_before(marks[0].text)
    )
    inserted = any(mark.kind == quote_edits.INSERTED for mark in marks)
    kind = quote_edits.INSERTED if inserted else quote_edits.OMITTED
    breaks = 0
    punctuation: list[Difference] = []
    if stop and before is not None:
        mine, at = quote[first], placed[before][1]
        # The source's mark may stand a space after the words, as French sets "?" and ";".
        ahead = text[at : at + 3]
        spaced = len(ahead) - len(ahead.lstrip(BEFORE_MARK)) if mine in "?!:;" else 0
        if text[at + spaced : at + spaced + 1] == mine:  # the source's own, which the quote keeps
            kept = at + spaced + 1
            placed = [*placed[:before], (placed[before][0], kept), *placed[before + 1 :]]
            first += stop
        elif mine != "." or after is None:  # "It was built, ... It stood" for "built in"
            punctuation = [before_ellipsis(mine, text, first, at, between=after is not None)]
            first += stop
            if after is None:  # "It was built. ..." for "It was built in 1961"
                cut = Difference(quote[first:last], "", first, last, at, at, False, quote_edits.CUT)
                return [*punctuation, cut]
            # The ellipsis leaves out what follows the source's own mark there.
            kept = punctuation[0].source_end
            placed = [*placed[:before], (placed[before][0], kept), *placed[before + 1 :]]
    ours = quote[first:last]
    if before is not None and after is not None:
        start, end = placed[before][1], placed[after][0]
        gap = text[start:end]
        breaks = len(_PARAGRAPH_BREAK.findall(gap))
        start += len(gap) - len(gap.lstrip())
        end = max(start, end - (len(gap) - len(gap.rstrip())))
        theirs = normalise(text[start:end]).text
        if theirs == normalise(ours).text:
            return punctuation  # the source has these very marks
        # No edit may reverse the quote: put a negation in with words in brackets, or
        # take out one of the words it joins (beside them, or among a few words: one
        # inside a longer clause that brackets or an ellipsis stand for is the clause's).
        put_in, taken_out = len(negations(ours)), len(negations(theirs))
        if put_in > taken_out or (put_in < taken_out and reverses(theirs)):
            kind = quote_edits.NEGATION
    elif not inserted:  # at an end: the source goes on past it
        start = end = placed[0][0] if after is not None else placed[-1][1]
        theirs, kind = "", quote_edits.CUT
        # Unless it has no word past it (a tweet quoted to its end): it leaves out nothing.
        if not words(text[:start] if after is not None else text[end:]):
            kind = quote_edits.OMITTED
    else:
        # Words in brackets at an end: "[W]e have" stands for the letter before "e have"
        # when the two differ in case only; what else they stand for cannot be told.
        # A writer's note ("[sic]", "(emphasis added)") stands for nothing, there as
        # anywhere.
        inner = ours[1:-1].strip() if len(marks) == 1 else ""
        edge = placed[0][0] if after is not None else placed[-1][1]
        near = edge  # "[He] said" stands for the word before "said", past the blanks
        if after is not None and quote[marks[-1].end : marks[-1].end + 1].isspace():
            blanks = text[max(0, edge - 16) : edge]
            near = edge - (len(blanks) - len(blanks.rstrip()))
        elif after is None and quote[marks[0].start - 1 : marks[0].start].isspace():
            blanks = text[edge : edge + 16]
            near = edge + len(blanks) - len(blanks.lstrip())
        start, end = (near - len(inner), near) if after is not None else (near, near + len(inner))
        theirs = text[max(0, start) : end]
        if quote_edits.note(ours):
            start = end = edge
            theirs = ""
        elif not inner or theirs.casefold() != inner.casefold() or start < 0:
            # What they stand for cannot be told; but no edit may reverse the quote:
            # words in brackets with a negation that the source's words beside them
            # (as many words) have not ("[not] a crime" for "was a crime"), or without
            # one they have ("[He agreed] to" for "did not agree to"), reverse it.
            side = "start" if after is not None else "end"
            count = max(1, len(words(ours)))
            start, end = words_beside(text, edge, count, before=side == "start")
            beside = text[start:end]
            put_in, there = len(negations(ours)), len(negations(beside))
            if put_in > there or (put_in < there and reverses(beside)):
                said = Difference(ours, beside, first, last, start, end, False, side=side)
                return [said._replace(edit=quote_edits.NEGATION)]
            start = end = edge
            theirs, kind = "", UNPLACED
    return [*punctuation, Difference(ours, theirs, first, last, start, end, False, kind, breaks)]


def before_ellipsis(mark: str, text: str, at: int, there: int, *, between: bool) -> Difference:
    """Punctuation before an ellipsis that the source has not there: the source's own
    mark there in its place, if it has one; a "?" or "!" the speaker did not use there
    (`quote_edits.TONE`) makes the speaker ask or exclaim, as at the end of a quote.

    Args:
        mark: The quote's punctuation.
        text: The source text.
        at: Where the mark is in the quote.
        there: Where the words before it end in the source text.
        between: Whether words follow the ellipsis (said as `side` "ellipsis"): else
            the mark ends the quote, its final punctuation.
    """
    ahead = text[there : there + 3]
    gap = len(ahead) - len(ahead.lstrip(BEFORE_MARK))
    theirs = text[there + gap : there + gap + 1]
    if not theirs or theirs not in quote_edits.FINAL:
        theirs, gap = "", 0
    asks = mark in quote_edits.ASKING and not quote_edits.same_tone(mark, theirs)
    kind = quote_edits.TONE if asks else quote_edits.PUNCTUATION
    side = ELLIPSIS if between else ""
    start = there + gap
    return Difference(mark, theirs, at, at + 1, start, start + len(theirs), False, kind, side=side)


# A blank line between two paragraphs (a line break, blanks, a line break).
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n|\u2029")

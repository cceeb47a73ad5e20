"""Checking a quote against the text of its source: verbatim, typographic, or not found.

Both are first normalised alike (`normalising`: whitespace at the ends removed, a
line broken after a hyphen joined, every other run of whitespace one space; nothing
else changes).

A quote is then *verbatim* when its normalised text occurs in the normalised source,
as whole words (`words`: "likely" is not in "unlikely"). Failing that it is
*typographic* when it occurs after both sides are also folded by `TYPOGRAPHY` (curly
quotes and apostrophes to straight ones, dashes to a hyphen, "…" to "...", other
spaces to a space, soft hyphens and zero-width characters dropped, a space before
"?", "!", ":" or ";" dropped as French sets one, a dash typed "--" and the spaces
around a dash dropped (`normalising.dash`), letters and their accents written apart
composed: `compose`), or, last, after also dropping a hyphen at a line end that
splits a word, as typesetting and PDFs do ("effi-⏎ciently" against "efficiently").
Failing that, a quote is *edited* when the words outside the edits it marks (an
ellipsis for words left out, square brackets for words put in: `quote_edits`) occur
in that order, as written or up to typography (a hyphen at a line end dropped too),
in one passage (the shortest), its first letter's case, its final punctuation and the
marks of a quotation inside it (single for double) allowed to differ; each edit is
reported with what it stands for there (`edited`, `edit_marks`). An edit no quote may
make (leaving out, putting in or taking out a negation: `words.reverses`; a final "?"
or "!" the speaker did not end with) makes it *not found*, as is a quote found no way:
the closest passage of the source is found with rapidfuzz's partial-ratio alignment
(`closest`; `anchors` says where, in a long text) and compared with the quote
character by character (an edit script: `compare`).

Every result carries the passage's offsets in the source text and where it is in the
source's file (`places`), the differences with offsets in both the quote and the
source, and a similarity score; see `Match` (`results`).

This module is the front of the matching: `check`, and the names callers use from
the modules it is made of (`__all__`), so that they import from one place.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from timeline.verify import quote_edits
from timeline.verify.closest import closest
from timeline.verify.compare import compare
from timeline.verify.edit_marks import before_ellipsis
from timeline.verify.edited import find_edited
from timeline.verify.normalising import TABLE, TYPOGRAPHY, Normalised, fold, normalise
from timeline.verify.results import (
    ELLIPSIS,
    UNMARKED,
    UNPLACED,
    Difference,
    Hidden,
    Match,
    Outcome,
    result_at,
    unchecked,
)
from timeline.verify.source_text import SourceText
from timeline.verify.words import find_whole

__all__ = [
    "ELLIPSIS",
    "TABLE",
    "TYPOGRAPHY",
    "UNMARKED",
    "UNPLACED",
    "Difference",
    "Hidden",
    "Match",
    "Normalised",
    "Outcome",
    "SourceText",
    "before_ellipsis",
    "check",
    "fold",
    "normalise",
    "unchecked",
]


def check(quote: str, source: SourceText) -> Match:
    """Check one quote against one source text (see the module's docstring)."""
    wanted = normalise(quote)
    if not wanted.text:
        return Match(Outcome.NOT_FOUND, quote)
    return _in_hidden(_search(quote, wanted, source) or closest(quote, wanted, source), source)


def _search(quote: str, wanted: Normalised, source: SourceText) -> Match | None:
    """The quote found verbatim, up to typography or with edits, or not found by an
    edit no quote may make (`find_edited`); None when none of these: `check` then
    finds the closest passage, the slow part, which a search of a page's hidden text
    (`_in_hidden`) does without."""
    at = find_whole(source.normal.text, wanted.text)
    if at >= 0:
        start, end = source.normal.span(at, at + len(wanted.text))
        return result_at(Outcome.VERBATIM, quote, source, start, end, 100.0, ())
    for join in (False, True):
        folded = fold(quote, join_hyphens=join).text
        if not folded:
            break
        within = source.folded(join)
        at = find_whole(within.text, folded, inside=source.inside(join + 1))
        if at >= 0:
            start, end = within.span(at, at + len(folded))
            passage = normalise(source.text[start:end])

            def locate(
                i: int, j: int, base: int = start, p: Normalised = passage
            ) -> tuple[int, int]:
                s, e = p.span(i, j)
                return s + base, e + base

            differences, score = compare(wanted, passage.text, locate, source.text, source.notes)
            outcome = Outcome.TYPOGRAPHIC
            if any(d.edit for d in differences):
                outcome = Outcome.EDITED  # a footnote marker left out
            elif not differences and _beside_note(source.notes, start, end):
                # Its very words, whole: only a marker run into its first or last word
                # ("the plan3", the 3 a link to a note) hid where that word ends.
                outcome, score = Outcome.VERBATIM, 100.0
            return result_at(outcome, quote, source, start, end, score, differences)
    marked = quote_edits.split(quote)
    return None if marked is None else find_edited(quote, wanted, marked, source)


def _in_hidden(result: Match, source: SourceText) -> Match:
    """A quote not found in what a web page shows, with where it is found in what the
    page hides (`Hidden`), when it is: a reader cannot see it there, so it is not
    found still, but a fact-checker who finds it in the file is told why. Only found
    counts there, so the closest passage of the hidden text is not looked for."""
    whole = source.with_hidden() if result.outcome is Outcome.NOT_FOUND else None
    if whole is None:
        return result
    full, why = whole
    found = _search(result.quote, normalise(result.quote), full)
    if found is None or found.outcome not in (
        Outcome.VERBATIM,
        Outcome.TYPOGRAPHIC,
        Outcome.EDITED,
    ):
        return result
    said = why(found.start, found.end)
    if not said:
        return result
    return result._replace(hidden=Hidden(found.outcome, found.line, found.column, said))


def _beside_note(notes: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a footnote marker starts where a passage ends, or ends where it starts."""
    k = bisect_right(notes, (end, -1))  # the first marker that starts at `end` or after
    if k < len(notes) and notes[k][0] == end:
        return True
    k = bisect_right(notes, (start, -1)) - 1  # the last one that starts before `start`
    return k >= 0 and notes[k][1] == start

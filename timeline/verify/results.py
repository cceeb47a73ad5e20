"""What checking a quote finds: `Match`, its `Outcome`, each `Difference`, `Hidden`.

Plain records, apart from the code that makes them so that what reads a result (the
report, the JSON, the `s` screen's passage) needs none of the matching; with the
values of `Difference.edit` and `Difference.side` that are not `quote_edits`' own.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from timeline.verify.source_text import SourceText


class Outcome(Enum):
    """What checking a quote found. The value is the name in JSON output."""

    VERBATIM = "verbatim"
    TYPOGRAPHIC = "typographic"
    EDITED = "edited"  # found with the edits the quote marks (`quote_edits`)
    NOT_FOUND = "not_found"
    UNCHECKED = "unchecked"  # no archive to check against


class Difference(NamedTuple):
    """One place where the quote and the source differ.

    Attributes:
        quote: The quote's characters here, normalised ("" when only the source has some).
        source: The source's characters here, normalised ("" when only the quote has some).
        quote_start, quote_end: Where they are in the quote as written.
        source_start, source_end: Where they are in the source text.
        typographic: The difference is one of typography only (see `normalising.TYPOGRAPHY`, and a
            hyphen at a line end in the source).
        edit: For an edit of the quote, what it is: `quote_edits.OMITTED` (an
            ellipsis: `source` is what it leaves out), `quote_edits.INSERTED` (words in
            brackets: `source` is what they stand in place of, "" if nothing),
            `UNPLACED` (words in brackets at the start or end of the quote, where what
            they stand for cannot be told), `quote_edits.CUT` (an ellipsis there),
            `quote_edits.NEGATION` (an ellipsis or brackets that reverse the quote: it
            is not found; or, with `side` `UNMARKED`, a difference of its own words
            that does, unmarked: `closest._reversals`), `quote_edits.TONE` (a final "?" or "!" the source does not
            have there: not found either), `quote_edits.CASE` (the first letter's
            case) or `quote_edits.PUNCTUATION` (the final punctuation: `source` is the
            source's, "" where it goes on); "" for any other difference.
        paragraphs: For an ellipsis between words, the paragraph breaks between them
            in the source (blank lines; in a PDF, its page breaks): how far apart the
            words it joins are. 0 for any other difference.
        side: For words in brackets at an end of the quote that put in or take out a
            negation (`quote_edits.NEGATION`), which end: "start" or "end"; `source` is
            then the source's words beside the found words there, as many as the
            brackets hold, not what the brackets stand for (that cannot be told).
            For punctuation before an ellipsis between words that the source has not
            there (`quote_edits.PUNCTUATION` or `quote_edits.TONE`: `edit_marks.before_ellipsis`),
            `ELLIPSIS`, and for the case of a first letter after an ellipsis
            (`quote_edits.CASE`); for a negation left out or put in unmarked,
            `UNMARKED`. "" for any other difference.
    """

    quote: str
    source: str
    quote_start: int
    quote_end: int
    source_start: int
    source_end: int
    typographic: bool
    edit: str = ""
    paragraphs: int = 0
    side: str = ""


#: `Difference.edit` of words in brackets at an end of a quote, not compared.
UNPLACED = "unplaced"


class Hidden(NamedTuple):
    """Where a quote not found in what a web page shows its readers is found in what
    it hides from them: not found still (a reader cannot see it), but said.

    Attributes:
        outcome: How it is found there: verbatim, typographic or edited.
        line, column: Where, in the page's file.
        why: What hides it, in words ("the <span> at line 3, column 21 is hidden by
            display: none in the rule ".hidden" of a <style> element").
    """

    outcome: Outcome
    line: int
    column: int
    why: str


class Match(NamedTuple):
    """The result of checking one quote against one text.

    Attributes:
        outcome: Verbatim, typographic, not found (or unchecked, from `unchecked`).
        quote: The quote as written.
        passage: The source's text where the quote was found or comes closest, as in
            the source (whitespace not normalised); "" when there is none.
        start, end: The passage's offsets in the source text.
        line, column: Where the passage starts in the source's file, 1-based (0 if
            none): for a web page, where its markup writes the passage's first
            character; for a PDF, in the text read from the page `page`.
        score: Similarity of the normalised quote and passage, 0 to 100 (100 when verbatim).
        differences: Where they differ, in order; empty when verbatim.
        page: The PDF page the passage starts on, from 1 (0 for other sources).
        hidden: For a quote not found in what a web page shows, where it is found in
            what the page hides, if it is (`Hidden`); else None.
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
    page: int = 0
    hidden: Hidden | None = None


def unchecked(quote: str) -> Match:
    """The result for a quote whose source has no archive."""
    return Match(Outcome.UNCHECKED, quote)


#: `Difference.side` of punctuation before an ellipsis between words.
ELLIPSIS = "ellipsis"


#: `Difference.side` of a difference of the quote's own words, unmarked, that takes a
#: negation out of the source's words or puts one in (`closest._reversals`).
UNMARKED = "unmarked"


def result_at(
    outcome: Outcome,
    quote: str,
    source: SourceText,
    start: int,
    end: int,
    score: float,
    differences: tuple[Difference, ...],
) -> Match:
    """The result of a quote found, or come closest, at source.text[start:end]: the
    passage, and where it is in the source's file."""
    line, column, page = source.places.place(start)
    passage = source.text[start:end]
    return Match(outcome, quote, passage, start, end, line, column, score, differences, page)

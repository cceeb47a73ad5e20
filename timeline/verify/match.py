"""Checking a quote against the text of its source: verbatim, typographic, or not found.

Normalisation, applied alike to the quote and to the source before comparing:

1. Whitespace at either end is removed.
2. A line break after a hyphen that follows a letter or digit, before a letter or
   digit, is removed with the blanks around it: the hyphen stays and joins the lines
   ("well-⏎known" reads "well-known").
3. Every other run of whitespace becomes one space. Whitespace here is space, tab,
   line feed, carriage return, vertical tab, form feed, U+0085, U+2028 and U+2029.

Nothing else changes: letters, case, punctuation, and other spaces (a non-breaking
space is not a space here) are compared exactly.

A quote is then *verbatim* when its normalised text occurs in the normalised source,
as whole words (`words`: "likely" is not in "unlikely"). Failing that it is
*typographic* when it occurs after both sides are also folded by `TYPOGRAPHY` (curly
quotes and apostrophes to straight ones, dashes to a hyphen, "…" to "...", other
spaces to a space, soft hyphens and zero-width characters dropped, a space before
"?", "!", ":" or ";" dropped as French sets one, a dash typed "--" and the spaces
around a dash dropped (`_dash`), letters and their accents written apart composed:
`compose`), or, last, after also dropping a hyphen at a line end that
splits a word, as typesetting and PDFs do ("effi-⏎ciently" against "efficiently").
Failing that, a quote is *edited* when the words outside the edits it marks (an
ellipsis for words left out, square brackets for words put in: `quote_edits`) occur
in that order, as written or up to typography (a hyphen at a line end dropped too),
in one passage (the shortest), its first letter's case, its final punctuation and the
marks of a quotation inside it (single for double) allowed to differ; each edit is
reported with what it stands for there. An edit no quote may make (leaving out,
putting in or taking out a negation: `words.reverses`; a final "?" or "!" the speaker
did not end with) makes it *not found*, as is a quote found no way: the closest
passage of the source is found with rapidfuzz's partial-ratio alignment (`anchors`
says where, in a long text) and compared with the quote character by character (an
edit script).

Every result carries the passage's offsets in the source text and where it is in the
source's file (`places`), the differences with offsets in both the quote and the
source, and a similarity score; see `Match`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from enum import Enum
from functools import cache
from itertools import accumulate
from typing import TYPE_CHECKING, NamedTuple

from timeline.verify import anchors, compose, quote_edits
from timeline.verify.places import Lines, Placer

if TYPE_CHECKING:
    from timeline.verify.archive_text import ArchiveText, HiddenText
from timeline.verify.words import (
    find_whole,
    inside_word,
    negations,
    negations_meant,
    reverses,
    word_end,
    word_start,
    words,
    words_beside,
)

# Whitespace that normalisation folds into one space (rule 3), and the line breaks among it.
_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"
_WHITESPACE = " \t" + _BREAKS
_HYPHENS = "-\u2010"  # hyphen-minus and the Unicode hyphen

#: The typographic folding: each character on the left reads as the text on the right.
#: Spaces become a space (and join the whitespace around them); "" means dropped.
TYPOGRAPHY: dict[str, str] = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": "...",
    **dict.fromkeys(
        "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "
    ),
    **dict.fromkeys("\u00ad\u200b\u2060\ufeff", ""),
}
_OTHER_SPACES = "".join(c for c, r in TYPOGRAPHY.items() if r == " ")
#: `TYPOGRAPHY` as a table for `str.translate`.
TABLE = str.maketrans({c: r if r else None for c, r in TYPOGRAPHY.items()})

# Normalising is done in two steps, so that no Python runs per character: replacements
# that keep the length (each whitespace character to a space; when folding, each
# one-for-one fold too; str.replace, as str.translate is slow on non-ASCII text), then
# the few changes of length (runs of spaces, joined lines, the ellipsis, dropped
# characters), found by regular expressions and applied with their offsets recorded.
_SPACE_PAIRS = tuple((c, " ") for c in _WHITESPACE[1:])
_FOLD_PAIRS = _SPACE_PAIRS + tuple((c, r) for c, r in TYPOGRAPHY.items() if len(r) == 1 and r != c)


def _class(chars: str) -> str:
    return "[" + re.escape(chars) + "]"


_B = _class(_BREAKS)
_RUNS = re.compile("  +")  # (faster than " {2,}": a literal prefix)
# Folding drops the space French sets before "?", "!", ":" and ";" ("branche ?"), which
# a quote retyped often lacks: a space there is typography.
_MARKS_SPACED = "?!:;"
_SPACED_MARK = re.compile(_class(_MARKS_SPACED))  # (found by the mark: fewer than spaces)


def _spaced(flat: str, start: int, stop: int) -> Iterator[tuple[int, int, int, str]]:
    """The changes that drop the spaces before each mark of `_MARKS_SPACED`."""
    for m in _SPACED_MARK.finditer(flat, start, stop):
        at = begin = m.start()
        while begin > start and flat[begin - 1] == " ":
            begin -= 1
        if begin < at:
            yield begin, 2, at, ""


# Rule 2: the blanks of a line break after "x-", before a letter or digit.
# The patterns start with the hyphen and look behind it only then: a regex that starts
# with a look-behind tries it at every character, several times slower. `gap` is the change.
# Compiled when first used (their `\w` classes are slow to compile): the viewer checks its
# file's quotes as it opens, and a verbatim quote needs only the first of them.
@cache
def _join(folding: bool) -> re.Pattern[str]:
    blanks = _WHITESPACE + _OTHER_SPACES if folding else _WHITESPACE
    return re.compile(
        rf"{_class(_HYPHENS)}(?<=\w{_class(_HYPHENS)})(?P<gap>[ \t]*{_B}{_class(blanks)}*)(?=\w)"
    )


# Folding may also drop a hyphen (or soft hyphen) ending a line inside a word, with the break.
@cache
def _drop_hyphen() -> re.Pattern[str]:
    return re.compile(
        rf"[-\u2010\u00ad](?<=\w[-\u2010\u00ad])[ \t]*{_B}{_class(_WHITESPACE + _OTHER_SPACES)}*(?=\w)"
    )


@cache
def _resized() -> re.Pattern[str]:
    return re.compile(_class("".join(c for c, r in TYPOGRAPHY.items() if len(r) != 1)))


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
        typographic: The difference is one of typography only (see `TYPOGRAPHY`, and a
            hyphen at a line end in the source).
        edit: For an edit of the quote, what it is: `quote_edits.OMITTED` (an
            ellipsis: `source` is what it leaves out), `quote_edits.INSERTED` (words in
            brackets: `source` is what they stand in place of, "" if nothing),
            `UNPLACED` (words in brackets at the start or end of the quote, where what
            they stand for cannot be told), `quote_edits.CUT` (an ellipsis there),
            `quote_edits.NEGATION` (an ellipsis or brackets that reverse the quote: it
            is not found; or, with `side` `UNMARKED`, a difference of its own words
            that does, unmarked: `_reversals`), `quote_edits.TONE` (a final "?" or "!" the source does not
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
            there (`quote_edits.PUNCTUATION` or `quote_edits.TONE`: `before_ellipsis`),
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


class _Spans(NamedTuple):
    """Where the characters of a normalised text came from.

    Segment k starts at `norm[k]` in the normalised text and at `orig[k]` in the
    original. A segment with `orig_end[k] == -1` maps one to one; any other stands
    for a replacement (a run of whitespace, an ellipsis) covering orig[k]:orig_end[k].
    """

    norm: list[int]
    orig: list[int]
    orig_end: list[int]

    def start(self, i: int) -> int:
        k = bisect_right(self.norm, i) - 1
        return self.orig[k] + (i - self.norm[k]) if self.orig_end[k] < 0 else self.orig[k]

    def end(self, j: int) -> int:
        if j <= 0:
            return self.orig[0]
        k = bisect_right(self.norm, j - 1) - 1
        return self.orig[k] + (j - self.norm[k]) if self.orig_end[k] < 0 else self.orig_end[k]


class Normalised(NamedTuple):
    """A text after normalisation (or folding), and the way back to the original."""

    text: str
    spans: _Spans

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Offsets in the original text of the normalised text's [i, j)."""
        start = self.spans.start(i)
        return (start, start) if j <= i else (start, self.spans.end(j))


def _transform(
    text: str,
    *,
    folding: bool,
    join_hyphens: bool = False,
    dropped: Sequence[tuple[int, int]] = (),
) -> Normalised:
    """Normalise (and fold) a text, keeping track of how offsets move; when folding,
    the spans `dropped` (footnote markers) are left out, with the blanks before them
    when no word follows ("built. 12 Then" reads "built. Then")."""
    blanks = _WHITESPACE + _OTHER_SPACES if folding else _WHITESPACE
    start = len(text) - len(text.lstrip(blanks))
    stop = max(start, len(text.rstrip(blanks)))
    flat = text
    for old, new in _FOLD_PAIRS if folding else _SPACE_PAIRS:  # the length stays the same
        if old in flat:
            flat = flat.replace(old, new)
    # (start, precedence, end, replacement); where two overlap, the first sorted wins.
    changes: list[tuple[int, int, int, str]] = []
    if join_hyphens:
        changes += [(m.start(), 0, m.end(), "") for m in _drop_hyphen().finditer(text, start, stop)]
    changes += [
        (m.start("gap"), 1, m.end("gap"), "") for m in _join(folding).finditer(text, start, stop)
    ]
    changes += [(m.start(), 2, m.end(), " ") for m in _RUNS.finditer(flat, start, stop)]
    if folding:
        changes += [
            (m.start(), 3, m.end(), TYPOGRAPHY[m.group()])
            for m in _resized().finditer(text, start, stop)
        ]
        changes += _spaced(flat, start, stop)
        # A dash: "--" typed for one, spaces around it or none, as styles set it.
        changes += [
            (m.start(), 1, m.end(), "-")
            for m in _dash().finditer(flat, start, stop)
            if m.end() - m.start() > 1
        ]
        # A letter written apart from its accents, composed (`compose`).
        changes += [(a, 4, b, written) for a, b, written in compose.changes(flat, start, stop)]
        for a, b in dropped:
            if start <= a < b <= stop:
                if b == stop or not text[b].isalnum():
                    while a > start and flat[a - 1] == " ":
                        a -= 1
                changes.append((a, -1, b, ""))
    changes.sort()
    pieces: list[str] = []
    norm, orig, orig_end = [0], [start], [-1]
    length = 0
    at = start
    for begin, _, finish, new in changes:
        if begin < at:
            continue  # inside a change already made
        pieces.append(flat[at:begin])
        length += begin - at
        pieces.append(new)
        if len(new) != finish - begin:  # offsets shift from here on
            if new:
                norm.append(length)
                orig.append(begin)
                orig_end.append(finish)
            norm.append(length + len(new))
            orig.append(finish)
            orig_end.append(-1)
        length += len(new)
        at = finish
    pieces.append(flat[at:stop])
    return Normalised("".join(pieces), _Spans(norm, orig, orig_end))


def normalise(text: str) -> Normalised:
    """The text after the whitespace normalisation described in the module's docstring."""
    return _transform(text, folding=False)


def fold(
    text: str, *, join_hyphens: bool = False, dropped: Sequence[tuple[int, int]] = ()
) -> Normalised:
    """The text normalised and folded by `TYPOGRAPHY`.

    Args:
        text: The text.
        join_hyphens: Also drop a hyphen at a line end inside a word, with the break.
        dropped: Spans of the text left out: a web page's footnote markers.
    """
    return _transform(text, folding=True, join_hyphens=join_hyphens, dropped=dropped)


class SourceText:
    """A source's text, normalised once for every quote checked against it.

    The folded forms are made on first use: most quotes are found verbatim and never
    need them.

    Args:
        text: The text.
        places: Where an offset of it is in the source's file (by default, the text is
            the file: its lines and columns).
        notes: Where its footnote markers are (a web page's: `archive_text`), in
            order: left out of its folded forms, as a quote may leave them out
            (`quote_edits.FOOTNOTE`).
    """

    __slots__ = (
        "_folded",
        "_hidden",
        "_quotes_alike",
        "_with_hidden",
        "normal",
        "notes",
        "places",
        "text",
    )

    def __init__(
        self,
        text: str,
        places: Placer | None = None,
        notes: Sequence[tuple[int, int]] = (),
        hidden: Callable[[], HiddenText] | None = None,
    ) -> None:
        self.text = text
        self.normal = normalise(text)
        self._folded: dict[bool, Normalised] = {}
        self._quotes_alike: Normalised | None = None
        self.places = places or Lines(text)
        self.notes = tuple(notes)
        self._hidden = hidden
        self._with_hidden: tuple[SourceText, Callable[[int, int], str]] | None = None

    @classmethod
    def of(cls, archive: ArchiveText) -> SourceText:
        """The text of an archive (`archive_text.read_archive`)."""
        return cls(archive.text, archive.places, archive.notes, archive.hidden)

    def with_hidden(self) -> tuple[SourceText, Callable[[int, int], str]] | None:
        """For a web page that hides text from its readers: its text with that text
        kept, and what hides a passage of it (`archive_text.HiddenText`), made once;
        else None."""
        if self._hidden is not None and self._with_hidden is None:
            read = self._hidden()
            self._with_hidden = (
                SourceText(read.archive.text, read.archive.places, read.archive.notes),
                read.why,
            )
        return self._with_hidden

    def folded(self, join_hyphens: bool = False) -> Normalised:
        """The text folded by `fold`, made once."""
        done = self._folded.get(join_hyphens)
        if done is None:
            done = self._folded[join_hyphens] = fold(
                self.text, join_hyphens=join_hyphens, dropped=self.notes
            )
        return done

    def inside(self, level: int) -> Callable[[str, int], bool]:
        """Whether a place of the text at a level (see `level`) is inside a word: as
        `inside_word` says, but that a hyphen folded from what joins no words in the
        text (a dash, "good—and", "1990–2000") joins nothing there either."""
        if not level:
            return inside_word
        spans = self.level(level).spans
        original = self.text

        def inside(text: str, at: int) -> bool:
            if not inside_word(text, at):
                return False
            for i in (at - 1, at):
                if text[i : i + 1] == "-" and not _joining(original, spans.start(i)):
                    return False
            return True

        return inside

    def level(self, level: int) -> Normalised:
        """The text as `_edited` looks in it at a level (see `_level`), made once."""
        if level < _QUOTES_ALIKE:
            return self.folded(level == 2) if level else self.normal
        if self._quotes_alike is None:
            self._quotes_alike = _quotes_alike(self.folded(True))
        return self._quotes_alike


# The hyphens that join two words into one (`words.inside_word`).
_JOINED = "-\u2010\u2011\u00ad"


def _joining(text: str, at: int) -> bool:
    """Whether text[at] is a hyphen that joins the words either side of it ("well-known",
    "well-⏎known" at a line end), not a dash: any other dash ("good—and", "1990–2000"),
    or a hyphen with a blank before it ("we will - and") or another after it ("--")."""
    return (
        text[at] in _JOINED
        and at > 0
        and not text[at - 1].isspace()
        and text[at + 1 : at + 2] not in ("", "-")
    )


def check(quote: str, source: SourceText) -> Match:
    """Check one quote against one source text (see the module's docstring)."""
    wanted = normalise(quote)
    if not wanted.text:
        return Match(Outcome.NOT_FOUND, quote)
    at = find_whole(source.normal.text, wanted.text)
    if at >= 0:
        start, end = source.normal.span(at, at + len(wanted.text))
        return _result(Outcome.VERBATIM, quote, source, start, end, 100.0, ())
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

            differences, score = _compare(wanted, passage.text, locate, source.text, source.notes)
            outcome = Outcome.TYPOGRAPHIC
            if any(d.edit for d in differences):
                outcome = Outcome.EDITED  # a footnote marker left out
            elif not differences and _beside_note(source.notes, start, end):
                # Its very words, whole: only a marker run into its first or last word
                # ("the plan3", the 3 a link to a note) hid where that word ends.
                outcome, score = Outcome.VERBATIM, 100.0
            return _result(outcome, quote, source, start, end, score, differences)
    marked = quote_edits.split(quote)
    edited = None if marked is None else _edited(quote, wanted, marked, source)
    return _in_hidden(edited or _closest(quote, wanted, source), source)


def _in_hidden(result: Match, source: SourceText) -> Match:
    """A quote not found in what a web page shows, with where it is found in what the
    page hides (`Hidden`), when it is: a reader cannot see it there, so it is not
    found still, but a fact-checker who finds it in the file is told why."""
    whole = source.with_hidden() if result.outcome is Outcome.NOT_FOUND else None
    if whole is None:
        return result
    full, why = whole
    found = check(result.quote, full)
    if found.outcome not in (Outcome.VERBATIM, Outcome.TYPOGRAPHIC, Outcome.EDITED):
        return result
    said = why(found.start, found.end)
    if not said:
        return result
    return result._replace(hidden=Hidden(found.outcome, found.line, found.column, said))


def _level(text: str, level: int) -> Normalised:
    """Words of a quote as `_edited` looks for them: normalised (0), folded (1), folded
    with a hyphen at a line end dropped (2), and then with double quotation marks read
    as single ones (`_QUOTES_ALIKE`)."""
    if level == _QUOTES_ALIKE:
        return _quotes_alike(fold(text, join_hyphens=True))
    return fold(text, join_hyphens=level == 2) if level else normalise(text)


# The level at which a quotation inside a quote may have its marks changed, double for
# single or single for double, as a writer nests a quotation in their own (`_level`).
_QUOTES_ALIKE = 3


def _quotes_alike(folded: Normalised) -> Normalised:
    """A folded text with its double quotation marks read as single ones (same length)."""
    return Normalised(folded.text.replace('"', "'"), folded.spans)


# Spaces that may stand between a sentence's last word and its mark ("branche ?").
_BEFORE_MARK = " \u00a0\u202f\u2009"

# Places of a quote's first words tried as the start of its passage, at most.
_STARTS = 1_000


def _edited(
    quote: str, wanted: Normalised, marked: quote_edits.Marked, source: SourceText
) -> Match | None:
    """The quote found with the edits it marks, or the first letter's case or the final
    punctuation changed (see `quote_edits`), or None; not found, with the passage and
    the edits, when an edit no quote may make reverses it or changes its tone
    (`quote_edits.MISQUOTES`)."""
    lead = quote_edits.first_letter(marked)
    tail = quote_edits.final_punctuation(marked)
    quoted = any(TYPOGRAPHY.get(c, c) in "'\"" for c in quote)
    if not marked.marks and not lead and not tail and not quoted:
        return None  # nothing to try that the whole quote was not tried as
    parts = [part for part in marked.parts if part.text]
    edges = quote_edits.word_edges(marked)
    if tail:  # looked for without it; what the source has there is said below
        last = parts[-1]
        kept = last.text[:-1].rstrip()
        parts[-1] = quote_edits.Part(kept, last.start, last.start + len(kept))
    written = [part.text for part in parts]
    tries = [written]
    if lead:
        tries.append([_swapped(written[0]), *written[1:]])
    # Punctuation before an ellipsis is looked for first with the words before it, so
    # that a place where the source has it is found before one where it has not
    # ("It was built, ..." where "It was built," and "It was built in" both occur).
    marked_before = _punctuation_kept(marked, parts)
    attaching = (True, False) if any(marked_before) else (False,)
    # After an ellipsis, a sentence may begin with a capital the source's words have not
    # (Chicago), or go on without the one they have: the first letter's case, again.
    swap = quote_edits.after_ellipsis(marked)
    for texts, attach in ((t, a) for t in tries for a in attaching):
        spans = None
        sought_texts = texts
        if attach:
            sought_texts = [t + k for t, k in zip(texts, marked_before, strict=True)]
        # As the whole quote was looked for: as written, up to typography, then with a
        # hyphen at a line end dropped ("disappoint-⏎ing", as PDFs break words); last,
        # a quotation inside it with its marks changed.
        for level in range(_QUOTES_ALIKE + 1 if quoted else _QUOTES_ALIKE):
            within = source.level(level)
            sought = [_level(t, level).text for t in sought_texts]
            inside = source.inside(level)
            spans = _in_order(sought, within.text, edges, inside, swap) if all(sought) else None
            if spans is not None:
                break
        if spans is not None:
            if attach:  # the words alone: the mark after them is the ellipsis mark's to say
                spans = [(a, b - len(k)) for (a, b), k in zip(spans, marked_before, strict=True)]
            break
    else:
        return None
    # Which parts were found with the first letter's case changed.
    cased = [
        swapped and within.text[a : a + 1] != sought[k][:1]
        for k, (swapped, (a, _)) in enumerate(zip(swap, spans, strict=True))
    ]
    if texts is not written:
        cased[0] = True
    texts = [
        _swapped(t) if c and t is w else t for t, w, c in zip(texts, written, cased, strict=True)
    ]
    placed = [within.span(a, b) for a, b in spans]
    differences: list[Difference] = []
    for part, text, (start, end) in zip(parts, texts, placed, strict=True):
        differences += _part_differences(
            part._replace(text=text), start, end, source.text, source.notes
        )
    differences = [_nested(d) for d in differences]
    start, end = placed[0][0], placed[-1][1]
    for part, (begin, _), changed, later in zip(parts, placed, cased, swap, strict=True):
        if changed:  # the first letter's case (after an ellipsis: `ELLIPSIS`)
            at = part.start
            case = Difference(
                quote[at], source.text[begin], at, at + 1, begin, begin + 1, False, quote_edits.CASE
            )
            differences.append(case._replace(side=ELLIPSIS if later else ""))
    if tail:
        at = marked.parts[-1].end - 1
        # The source's mark may stand a space after the words, as French writes "?" and "!".
        ahead = source.text[end : end + 3]
        gap = len(ahead) - len(ahead.lstrip(_BEFORE_MARK))
        after = source.text[end + gap : end + gap + 1]
        if after == quote[at]:
            end += gap + 1
        else:
            theirs = after if after and after in quote_edits.FINAL else ""
            # A question or exclamation mark is the speaker's, never the writer's (in
            # another script's form, "؟" for "?", it is the speaker's still).
            asks = quote[at] in quote_edits.ASKING and not quote_edits.same_tone(quote[at], theirs)
            kind = quote_edits.TONE if asks else quote_edits.PUNCTUATION
            mark_at = end + gap if theirs else end
            differences.append(
                Difference(
                    quote[at], theirs, at, at + 1, mark_at, mark_at + len(theirs), False, kind
                )
            )
            end = mark_at + len(theirs)
    for (before, after_), marks in _gaps(marked).items():
        for difference in _mark_differences(marks, before, after_, placed, quote, source.text):
            differences.append(difference)
            start = min(start, difference.source_start)
            end = max(end, difference.source_end)
    ending = _after_marks(marked, quote, differences, source.text, end)
    if ending is not None:
        if ending.edit:
            differences.append(ending)
        end = max(end, ending.source_end)
    if not any(d.edit for d in differences):
        return None  # found up to typography alone: not this function's to say
    differences.sort(key=lambda d: (d.quote_start, d.quote_end))
    from rapidfuzz import fuzz

    score = round(fuzz.ratio(wanted.text, normalise(source.text[start:end]).text), 1)
    misquoted = any(d.edit in quote_edits.MISQUOTES for d in differences)
    outcome = Outcome.NOT_FOUND if misquoted else Outcome.EDITED
    return _result(outcome, quote, source, start, end, score, tuple(differences))


def _after_marks(
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
        ends = _SENTENCE_END.search(text, end, min(len(text), end + _SENTENCE))
        theirs, there = (ends.group(1), ends.start(1)) if ends else ("", end)
    else:
        ahead = text[end : end + 3]
        gap = len(ahead) - len(ahead.lstrip(_BEFORE_MARK))
        theirs, there = text[end + gap : end + gap + 1], end + gap
        if not theirs or theirs not in quote_edits.FINAL:
            theirs, there = "", end
    if theirs == mine:
        return Difference(mine, theirs, at, at + 1, there, there + 1, False)
    asks = mine in quote_edits.ASKING and not quote_edits.same_tone(mine, theirs)
    kind = quote_edits.TONE if asks else quote_edits.PUNCTUATION
    return Difference(mine, theirs, at, at + 1, there, there + len(theirs), False, kind)


# What ends a sentence (`quote_edits.FINAL` but for commas, semicolons and colons), or
# a paragraph break, which ends it without a mark; and how far to look for it.
_SENTENCE_END = re.compile(
    "(["
    + re.escape(
        "".join(c for c in quote_edits.FINAL if c not in ",;:\uff0c\u3001\uff1b\uff1a\u060c\u061b")
    )
    + r"])|\n[ \t\r]*\n|\u2029"
)
_SENTENCE = 2_000


def _punctuation_kept(marked: quote_edits.Marked, parts: list[quote_edits.Part]) -> list[str]:
    """For each part with words (`parts`), the punctuation that ellipsis marks right
    after it hold before their dots ("," of "built, ..."; `quote_edits.punctuation_before`),
    or ""."""
    after = {
        part.end: mark.text[0]
        for part, mark in zip(marked.parts, marked.marks, strict=False)
        if part.text
        and mark.start == part.end
        and mark.kind == quote_edits.OMITTED
        and quote_edits.punctuation_before(mark.text)
    }
    return [after.get(part.end, "") for part in parts]


def _swapped(text: str) -> str:
    """A text with its first letter's case changed."""
    return text[0].swapcase() + text[1:]


def _in_order(
    texts: list[str],
    within: str,
    edges: list[tuple[bool, bool]],
    inside: Callable[[str, int], bool] = inside_word,
    swap: Sequence[bool] = (),
) -> list[tuple[int, int]] | None:
    """Where each text occurs in `within`, in order and apart, in the shortest stretch
    that holds them all (starting at one of the first `_STARTS` places of the first);
    each without cutting a word of `within` on a side where `edges` says so, and, where
    `swap` says so, with its first letter's case as written or changed."""
    best: list[tuple[int, int]] | None = None
    first = texts[0]

    def find(k: int, start: int) -> int:
        left, right = edges[k]
        at = find_whole(within, texts[k], start, left=left, right=right, inside=inside)
        if k < len(swap) and swap[k]:
            other = find_whole(
                within, _swapped(texts[k]), start, left=left, right=right, inside=inside
            )
            at = other if at < 0 or 0 <= other < at else at
        return at

    # The first place of each later text at or after where the one before it ends: as
    # the start moves on, so do these, so each text is looked for from where it was.
    found = [-1] * len(texts)
    at = find(0, 0)
    for _ in range(_STARTS):
        if at < 0:
            break
        spans = [(at, at + len(first))]
        for k in range(1, len(texts)):
            end = spans[-1][1]
            if found[k] < end:
                found[k] = find(k, end)
                if found[k] < 0:
                    return best  # nor after any later start
            spans.append((found[k], found[k] + len(texts[k])))
        if best is None or spans[-1][1] - at < best[-1][1] - best[0][0]:
            best = spans
        at = find(0, at + 1)
    return best


def _part_differences(
    part: quote_edits.Part,
    start: int,
    end: int,
    text: str,
    notes: Sequence[tuple[int, int]] = (),
) -> list[Difference]:
    """Differences of typography (and footnote markers left out) between words of a
    quote and where they were found."""
    ours = normalise(part.text)
    passage = normalise(text[start:end])
    if ours.text == passage.text:
        return []

    def locate(i: int, j: int) -> tuple[int, int]:
        a, b = passage.span(i, j)
        return a + start, b + start

    found, _ = _compare(ours, passage.text, locate, text, notes)
    shift = part.start
    return [
        d._replace(quote_start=d.quote_start + shift, quote_end=d.quote_end + shift) for d in found
    ]


def _nested(difference: Difference) -> Difference:
    """A difference of quotation marks alone, double for single or single for double,
    as the edit of a quotation inside the quote (`quote_edits.QUOTATION`)."""
    ours, theirs = difference.quote.translate(TABLE), difference.source.translate(TABLE)
    marks = set(ours) | set(theirs)
    if difference.typographic or difference.edit or len(ours) != len(theirs):
        return difference
    if not ours or not marks <= {"'", '"'}:
        return difference
    return difference._replace(edit=quote_edits.QUOTATION)


def _gaps(
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


def _mark_differences(
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
        spaced = len(ahead) - len(ahead.lstrip(_BEFORE_MARK)) if mine in "?!:;" else 0
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
    gap = len(ahead) - len(ahead.lstrip(_BEFORE_MARK))
    theirs = text[there + gap : there + gap + 1]
    if not theirs or theirs not in quote_edits.FINAL:
        theirs, gap = "", 0
    asks = mark in quote_edits.ASKING and not quote_edits.same_tone(mark, theirs)
    kind = quote_edits.TONE if asks else quote_edits.PUNCTUATION
    side = ELLIPSIS if between else ""
    start = there + gap
    return Difference(mark, theirs, at, at + 1, start, start + len(theirs), False, kind, side=side)


#: `Difference.side` of punctuation before an ellipsis between words.
ELLIPSIS = "ellipsis"


# A blank line between two paragraphs (a line break, blanks, a line break).
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n|\u2029")


def _result(
    outcome: Outcome,
    quote: str,
    source: SourceText,
    start: int,
    end: int,
    score: float,
    differences: tuple[Difference, ...],
) -> Match:
    line, column, page = source.places.place(start)
    passage = source.text[start:end]
    return Match(outcome, quote, passage, start, end, line, column, score, differences, page)


def _closest(quote: str, wanted: Normalised, source: SourceText) -> Match:
    """Not found: the closest passage, by rapidfuzz's alignment, then an edit script."""
    from rapidfuzz import fuzz

    normal = source.normal
    if not normal.text:
        differences, score = _compare(wanted, "", lambda i, j: (0, 0), source.text)
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

    differences, score = _compare(
        wanted, normal.text[begin:finish], locate, source.text, source.notes
    )
    differences = _reversals(differences, quote, source.text)
    start, end = normal.span(begin, finish)
    return _result(Outcome.NOT_FOUND, quote, source, start, end, score, differences)


#: `Difference.side` of a difference of the quote's own words, unmarked, that takes a
#: negation out of the source's words or puts one in (`_reversals`).
UNMARKED = "unmarked"


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


# How far (in characters) `_closest` moves each end of rapidfuzz's window, at most.
_REACH = 64
# An ellipsis written as three dots is one unit when comparing, as "…" is.
_UNITS = re.compile(r"\.\.\.|.", re.S)


def _units(text: str, apart: bool) -> tuple[list[str], list[int]]:
    """The text's units (characters, and "..." as one; with `apart`, a character with the
    marks written after it as one too: `compose.unit`) and where each starts (and the end)."""
    units: list[str] = (compose.unit() if apart else _UNITS).findall(text)
    return units, list(accumulate(map(len, units), initial=0))


def _compare(
    wanted: Normalised,
    passage: str,
    locate: Callable[[int, int], tuple[int, int]],
    source_text: str,
    notes: Sequence[tuple[int, int]] = (),
) -> tuple[tuple[Difference, ...], float]:
    """The differences between the normalised quote and a normalised passage, and a score.

    The two are aligned unit by unit with typography folded (rapidfuzz's Levenshtein
    edit script), so that "’" lines up with "'" and "…" with "..."; then every unit
    that differs as written is a difference, adjacent ones merged (but a footnote
    marker the quote leaves out, `quote_edits.FOOTNOTE`, is one of its own).

    Args:
        wanted: The normalised quote.
        passage: The normalised passage.
        locate: Offsets in the source text of the passage's [i, j).
        source_text: The source text, to tell a hyphen at a line end.
        notes: Where the source text's footnote markers are.
    """
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    # Letters written apart from their accents on either side are lined up composed.
    apart = not (compose.composed(wanted.text) and compose.composed(passage))
    ours, our_starts = _units(wanted.text, apart)
    theirs, their_starts = _units(passage, apart)
    spans: list[list[int]] = []  # [i1, i2, j1, j2] in units

    def key(unit: str) -> str:
        folded = TYPOGRAPHY.get(unit, unit)
        return unicodedata.normalize("NFC", folded.translate(TABLE)) if apart else folded

    keys = ([key(u) for u in ours], [key(u) for u in theirs])
    for op in Levenshtein.opcodes(*keys):
        i1, i2, j1, j2 = op.src_start, op.src_end, op.dest_start, op.dest_end
        if op.tag != "equal":
            spans.append([i1, i2, j1, j2])
        elif ours[i1:i2] != theirs[j1:j2]:  # equal once folded: find where typography differs
            spans.extend(
                [i, i + 1, j, j + 1]
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
                if ours[i] != theirs[j]
            )

    def left_out_note(span: list[int]) -> bool:
        if span[0] != span[1] or not notes:
            return False
        return _only_notes(
            source_text, *locate(their_starts[span[2]], their_starts[span[3]]), notes
        )

    merged: list[list[int]] = []
    kinds: list[bool] = []  # whether each merged span is a footnote marker left out
    for span in spans:
        note = left_out_note(span)
        if merged and merged[-1][1] == span[0] and merged[-1][3] == span[2] and kinds[-1] == note:
            merged[-1][1], merged[-1][3] = span[1], span[3]
        else:
            merged.append(span)
            kinds.append(note)
    differences = []
    for (i1, i2, j1, j2), note in zip(merged, kinds, strict=True):
        a, b = our_starts[i1], our_starts[i2]
        c, d = their_starts[j1], their_starts[j2]
        quote_part, source_part = wanted.text[a:b], passage[c:d]
        quote_start, quote_end = wanted.span(a, b)
        source_start, source_end = locate(c, d)
        if note:  # the marker itself, not the space beside it that goes with it
            source_part = source_part.strip()
            while source_text[source_start].isspace():
                source_start += 1
            while source_text[source_end - 1].isspace():
                source_end -= 1
        typographic = (
            compose.same(quote_part.translate(TABLE), source_part.translate(TABLE))
            or (not quote_part and _line_end_hyphen(source_text, source_start, source_end))
            or _spaced_mark(quote_part, wanted.text[b : b + 1], source_part, passage[d : d + 1])
            or _dashed(wanted.text[max(0, a - 1) : b + 1])
            == _dashed(passage[max(0, c - 1) : d + 1])
        )
        differences.append(
            Difference(
                quote_part,
                source_part,
                quote_start,
                quote_end,
                source_start,
                source_end,
                typographic and not note,
                quote_edits.FOOTNOTE if note else "",
            )
        )
    return tuple(differences), round(fuzz.ratio(wanted.text, passage), 1)


def _only_notes(text: str, start: int, end: int, notes: Sequence[tuple[int, int]]) -> bool:
    """Whether text[start:end] is footnote markers (at least one) and blanks alone."""
    k = bisect_right(notes, (start, -1)) - 1
    k = max(k, 0)
    at, found = start, False
    while at < end:
        if text[at].isspace():
            at += 1
            continue
        while k < len(notes) and notes[k][1] <= at:
            k += 1
        if k == len(notes) or not notes[k][0] <= at < notes[k][1]:
            return False
        at, found = min(end, notes[k][1]), True
    return found


def _beside_note(notes: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a footnote marker starts where a passage ends, or ends where it starts."""
    k = bisect_right(notes, (end, -1))  # the first marker that starts at `end` or after
    if k < len(notes) and notes[k][0] == end:
        return True
    k = bisect_right(notes, (start, -1)) - 1  # the last one that starts before `start`
    return k >= 0 and notes[k][1] == start


@cache
def _dash() -> re.Pattern[str]:
    """A dash in text folded one for one (`_FOLD_PAIRS`: any dash is "-", any space " "):
    one, or two or three hyphens typed for one, with the spaces around it."""
    return re.compile(r" *-{1,3} *")


def _dashed(text: str) -> str:
    """A text with typography folded and each dash written one way (`_dash`): a
    difference and the characters beside it that differ only in how a dash is written
    ("will -- and" for "will—and") is typographic."""
    return _dash().sub("-", text.translate(TABLE))


def _spaced_mark(ours: str, our_next: str, theirs: str, their_next: str) -> bool:
    """Whether a difference is the space one side sets before "?", "!", ":" or ";"."""
    if ours:
        return not theirs and not ours.strip() and our_next in _MARKS_SPACED
    return bool(theirs) and not theirs.strip() and their_next in _MARKS_SPACED


def _line_end_hyphen(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a hyphen (or soft hyphen) with a line break after it."""
    if end - start != 1 or text[start] not in "-\u2010\u00ad":
        return False
    rest = text[end : end + 64].lstrip(" \t")
    return bool(rest) and rest[0] in _BREAKS

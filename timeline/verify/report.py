"""A verification result as `check` prints problems, and as JSON-able data.

`line_body` gives what follows `FILE:LINE:COL: ` on a `timeline verify` line: a
severity as `check` and compilers write it (`error` for a quote not found, `warning`
for a typographic match and for one found with edits (those it marks, and a first
letter's case or final punctuation changed), which a reader should look at, `note` for verbatim and unchecked), which quote it is about
as `check` names it (`event 'raices-tweet': quote 2`, `about`), then what was found
and where in the archive (`where`).
Everything taken from a file (quotes, passages, paths) is shown through
`timeline.text.one_line`, and an event's id through `timeline.problems.shown` as
`check` shows it, so it can never drive the terminal; characters that differ
are also named by code point, so that look-alikes (’ and ') and invisible ones (a
non-breaking space) can be told apart.
"""

from __future__ import annotations

import unicodedata

from timeline.problems import shown
from timeline.text import clean, one_line, visible
from timeline.verify.archive_text import ArchiveError
from timeline.verify.normalising import TABLE
from timeline.verify.quote_edits import (
    CASE,
    CUT,
    FOOTNOTE,
    LEAST_WORDS,
    MISQUOTES,
    NEGATION,
    OMITTED,
    PUNCTUATION,
    QUOTATION,
    TONE,
    note,
    sic,
    too_short,
)
from timeline.verify.results import ELLIPSIS, UNMARKED, UNPLACED, Difference, Match, Outcome
from timeline.verify.words import negations, quotations_crossed, words

#: At most this many differences are spelled out on a line (JSON has them all).
SHOWN_DIFFERENCES = 5
# Characters of the quote shown on each side of a difference, for context.
_CONTEXT = 12
# Characters of what differs, or of what an edit stands for, shown on a line at most,
# and of the closest passage (JSON has them all): a quote of thousands of marks, or a
# long one not found, must not make a line of thousands of characters.
_EDITED_SHOWN = 80
_PASSAGE_SHOWN = 240
#: How similar a passage a reader sees must be to a quote found in what a page hides
#: for the report to show it (with its differences): a near variant of the quote that
#: is visible is worth reading beside it; a passage less alike is not.
HIDDEN_CLOSE = 80.0


def severity(outcome: Outcome) -> str:
    """`error`, `warning` or `note`, as on a `check` line."""
    if outcome is Outcome.NOT_FOUND:
        return "error"
    return "warning" if outcome in (Outcome.TYPOGRAPHIC, Outcome.EDITED) else "note"


def about(event: str, number: int) -> str:
    """Which quote a line is about, as `check` names it: `event 'a': quote 2`.

    Args:
        event: The event's id.
        number: The quote's place among the event's quotes, from 0 (shown from 1).
    """
    return f"event {shown(event)}: quote {number + 1}"


def where(match: Match) -> str:
    """Where the passage is in the archive's file: `line 7, column 32`; in a PDF, the
    page and where in the text read from it (a PDF has no lines of its own)."""
    at = f"line {match.line}, column {match.column}"
    return f"page {match.page}, {at} of the text read from that page" if match.page else at


def line_body(match: Match, archive: str = "", subject: str = "") -> str:
    """The text after `FILE:LINE:COL: ` for one quote.

    Args:
        match: The result of checking the quote.
        archive: The archive as written in the timeline file.
        subject: Which quote it is (`about`), said after the severity.
    """
    source = one_line(archive) or "the archive"
    at = where(match)
    if match.outcome is Outcome.UNCHECKED:
        return _said("note", subject, "unchecked: no archive to check against")
    if match.outcome is Outcome.VERBATIM:
        return _said("note", subject, f"verbatim in {source} ({at})")
    differences = _differences(match)
    if match.outcome is Outcome.TYPOGRAPHIC:
        return _said("warning", subject, f"typographic only, in {source} ({at}): {differences}")
    if match.outcome is Outcome.EDITED:
        said = f"found with edits, in {source} ({at}): {differences}"
        return _said("warning", subject, said)
    if not match.passage:
        said = f"not found in {source}; {differences or 'the quote is empty'}"
        return _said("error", subject, said)
    passage = _shortened(match.passage, _PASSAGE_SHOWN)
    if match.hidden:  # found in what the page hides: said first, with why
        said = f"not found in what a reader of {source} sees; {hidden_said(match)}; "
        if match.score < HIDDEN_CLOSE:
            # The quote is placed: a visible passage that merely shares some letters
            # with it (42% similar, followed by its differences) only lengthened the line.
            said += f"no passage a reader sees comes close ({match.score:g}% similar at best)"
            return _said("error", subject, said)
        said += f"closest passage a reader sees ({at}, {match.score:g}% similar): "
    else:
        said = f"not found in {source}; closest passage ({at}, {match.score:g}% similar): "
    return _said("error", subject, f"{said}{passage}; {differences}")


#: How a quote is found in the text a page hides, in words (`hidden_said`).
_FOUND_HIDDEN = {
    Outcome.VERBATIM: "verbatim",
    Outcome.TYPOGRAPHIC: "up to typography",
    Outcome.EDITED: "with edits",
}


def hidden_said(match: Match) -> str:
    """Where a quote not found in what a web page shows is in what it hides, in words
    ("" when it is not)."""
    if match.hidden is None:
        return ""
    hidden = match.hidden
    return (
        f"it is in text the page hides from its readers, "
        f"{_FOUND_HIDDEN[hidden.outcome]} (line {hidden.line}, column "
        f"{hidden.column}): {one_line(hidden.why, _EDITED_SHOWN * 2)}"
    )


def error_body(error: ArchiveError, subject: str = "") -> str:
    """The text after `FILE:LINE:COL: ` for a quote whose archive cannot be read."""
    said = f"cannot check: {one_line(error.path)}: {one_line(error.message)}"
    return _said("error", subject, said)


def _said(severity: str, subject: str, what: str) -> str:
    return f"{severity}: {subject}: {what}" if subject else f"{severity}: {what}"


def _differences(match: Match) -> str:
    return "; ".join(said_differences(match, match.quote))


def said_differences(match: Match, quote: str = "") -> list[str]:
    """The first `SHOWN_DIFFERENCES` differences in words (`describe`), and how many
    more there are. An edit no quote may make (`MISQUOTES`) is why it is not found: it
    comes first, always shown."""
    ordered = sorted(match.differences, key=lambda d: d.edit not in MISQUOTES)
    words = [describe(d, quote) for d in ordered[:SHOWN_DIFFERENCES]]
    outside = too_short(quote or match.quote) if match.outcome is Outcome.NOT_FOUND else None
    if outside is not None:  # why its edits were not looked for: first, as a misquote is
        words.insert(
            0,
            f"its edits were not looked for: too little of the quote is outside its marks "
            f"to place it by ({outside} units of the {LEAST_WORDS} needed, a letter or "
            "space counting 1, a kana or Hangul syllable 2, a Chinese character 3)",
        )
    more = len(match.differences) - SHOWN_DIFFERENCES
    if more > 0:
        words.append(f"and {more} more difference{'s' if more > 1 else ''}")
    return words


def describe(difference: Difference, quote: str = "") -> str:
    """One difference in words, e.g. `’ (U+2019) in the source where the quote has ' (U+0027)`.

    Args:
        difference: The difference.
        quote: The quote as written; when given, the description ends with where in
            the quote the difference is, and the quote's text around it.
    """
    ours, theirs = difference.quote, difference.source
    if difference.edit:
        said = _edit(difference)
    elif ours and theirs:
        said = f"{characters(theirs)} in the source where the quote has {characters(ours)}"
    elif ours:
        said = f"the quote has {characters(ours)} where the source has nothing"
    else:
        said = f"the source has {characters(theirs)} where the quote has nothing"
    if not quote:
        return said
    start, end = difference.quote_start, difference.quote_end
    low, high = max(0, start - _CONTEXT), min(len(quote), end + _CONTEXT)
    if end - start > 2 * _CONTEXT:  # a long difference: its ends, around them
        context = (
            f"{one_line(quote[low : start + _CONTEXT])}…{one_line(quote[end - _CONTEXT : high])}"
        )
    else:
        context = one_line(quote[low:high])
    before = "…" if low > 0 else ""
    after = "…" if high < len(quote) else ""
    return f'{said}, at character {start + 1} of the quote ("{before}{context}{after}")'


def _edit(difference: Difference) -> str:
    """An edit of the quote, and what it stands for in the source."""
    mark, theirs = _shortened(difference.quote), difference.source
    unmarked = "which a writer may change unmarked"
    if difference.edit == NEGATION:
        return _reversal(difference, mark)
    where_ = f"in place of {characters(theirs)}" if theirs else "where the source goes on"
    if difference.edit == TONE:
        if difference.side == ELLIPSIS:
            return (
                f"{mark} before the ellipsis, {where_}: a question or exclamation mark the "
                "speaker did not use there, which no edit may put in"
            )
        return (
            f"{mark} {where_}: a question or exclamation mark the speaker did not end "
            "with, which no edit may put in"
        )
    if difference.edit == QUOTATION:
        turned = (
            "double for single" if '"' in difference.quote.translate(TABLE) else "single for double"
        )
        return (
            f"{characters(difference.quote)} in place of {characters(theirs)}: the marks of "
            f"a quotation inside the quote, {turned}, which a writer may change unmarked"
        )
    if difference.edit == CASE:
        if difference.side == ELLIPSIS:  # a sentence begun there, or going on
            return (
                f"{mark} in place of {characters(theirs)}: the case of the first letter "
                f"after an ellipsis, {unmarked}"
            )
        return f"{mark} in place of {characters(theirs)}: the first letter's case, {unmarked}"
    if difference.edit == PUNCTUATION:
        if difference.side == ELLIPSIS:  # between words: no sentence of the quote ends there
            return (
                f"{mark} before the ellipsis, {where_}: the writer's punctuation, not the source's"
            )
        if not theirs:
            return f"{mark} ends the quote where the source goes on: final punctuation, {unmarked}"
        return f"{mark} in place of {characters(theirs)}: the final punctuation, {unmarked}"
    if difference.edit == FOOTNOTE:
        return (
            f"the footnote marker {characters(theirs)} in the source, left out: a note "
            "reference, which a writer may leave out unmarked"
        )
    if difference.edit == CUT:
        return f"{mark} at an end of the quote, where the source goes on"
    if difference.edit == UNPLACED:
        return f"{mark} put in at an end of the quote: what it stands for is not compared"
    if difference.edit == OMITTED:
        if not theirs:
            return f"{mark} where the source leaves nothing out"
        return f"{mark} leaves out {_left_out(difference)}"
    if not theirs:
        if sic(difference.quote):
            return (
                f"{mark} put in where the source has nothing: the writer's note that the "
                "words before it are the source's, as it writes them"
            )
        if note(difference.quote):
            return (
                f"{mark} put in where the source has nothing: the writer's note on emphasis, "
                "which the text compared does not show"
            )
        return f"{mark} put in where the source has nothing"
    return f"{mark} in place of {characters(theirs)}"


def _reversal(difference: Difference, mark: str) -> str:
    """An edit that takes a negation out of the source's words or puts one in."""
    ours, theirs = negations(difference.quote), negations(difference.source)
    if difference.side == UNMARKED:  # the quote's own words, no mark
        what = (
            "a negation the quote leaves out"
            if len(ours) < len(theirs)
            else "a negation the quote puts in"
        )
        if not difference.quote:
            said = f"the source has {characters(difference.source)} where the quote has nothing"
        elif not difference.source:
            said = f"the quote has {characters(difference.quote)} where the source has nothing"
        else:
            said = (
                f"{characters(difference.source)} in the source where the quote has "
                f"{characters(difference.quote)}"
            )
        return f"{said}: {what}, which reverses what the source says"
    if difference.side:  # words in brackets at an end: what they stand for is not known
        put = f"{mark}, put in at the {difference.side} of the quote,"
        there = _shortened(difference.source) if difference.source else "nothing"
        if len(ours) > len(theirs):
            said = f"{put} is a negation; the source has {there} there, without one"
        else:
            fewer = "fewer negations" if ours else "no negation"
            said = f"{put} has {fewer}; the source has {there} there"
    elif not words(difference.quote):  # an ellipsis
        left_out = _left_out(difference)
        if words(difference.source) == theirs:
            said = f"{mark} leaves out {left_out}, a negation of the words it joins"
        else:
            named = ", ".join(f'"{one_line(word)}"' for word in theirs)
            said = f"{mark} leaves out {left_out}, with a negation ({named}) of the words it joins"
    elif not difference.source:
        said = f"{mark}, put in where the source has nothing, is a negation"
    elif len(ours) > len(theirs):
        said = f"{mark} in place of {characters(difference.source)} puts in a negation"
    else:
        said = f"{mark} in place of {characters(difference.source)} takes out a negation"
    return f"{said}: no edit may reverse what the source says"


def _left_out(difference: Difference) -> str:
    """What an ellipsis leaves out: how many words (and paragraph breaks), the words,
    and whether they run past the end or the start of a quotation in the source. The words on either side
    of a long omission may be far apart, or not the same sentence, or not even the
    same speaker's: a reader judging the edit needs to know."""
    text = difference.source
    count = len(words(text))
    breaks = _counted(difference.paragraphs, "paragraph break")
    if not count:  # punctuation alone: named by code point
        said = characters(text) + (f" and {breaks}" if difference.paragraphs else "")
    else:
        said = _counted(count, "word") + (f" and {breaks}" if difference.paragraphs else "")
        said += f", {_shortened(text)}"
    ended, started = quotations_crossed(text)
    if ended and started:
        said += ", across the end of one quotation in the source and the start of another"
    elif ended:
        said += ", across the end of a quotation in the source: the words after it are outside it"
    elif started:
        said += (
            ", across the start of a quotation in the source: the words before it are outside it"
        )
    return said


def _counted(count: int, thing: str) -> str:
    return f"{count:,} {thing}{'' if count == 1 else 's'}"


def _shortened(text: str, limit: int = _EDITED_SHOWN) -> str:
    """Text in quotes on one line; beyond `limit` characters, cut, with its length."""
    if len(text) <= limit:
        return f'"{one_line(text)}"'
    return f'"{one_line(text, limit)}" ({len(text):,} characters)'


def characters(text: str) -> str:
    """Text named so that look-alikes differ: `’ (U+2019)`, `U+00A0 NO-BREAK SPACE`,
    `"..." (U+002E U+002E U+002E)`, or for longer text the text itself in quotes."""
    if len(text) == 1:
        code = f"U+{ord(text):04X}"
        if text.isprintable() and not text.isspace():
            return f"{text} ({code})"
        return f"{code} {unicodedata.name(text, '')}".rstrip()
    if len(text) > _EDITED_SHOWN:
        return _shortened(text)
    shown = f'"{clean(text)}"'
    if len(text) <= 5:
        return f"{shown} ({' '.join(f'U+{ord(c):04X}' for c in text)})"
    return shown


def as_dict(match: Match, archive: str = "") -> dict[str, object]:
    """The result as plain data, for `verify --format json`.

    Offsets are 0-based, in characters: in the quote as written, and in the archive's
    text (as read: the text of an HTML page or a PDF, not its bytes). Line and column
    are 1-based, in the archive's file (see `Match`); `page` is a PDF's page, else None.
    """
    passage: dict[str, object] | None = None
    if match.outcome in (Outcome.VERBATIM, Outcome.TYPOGRAPHIC, Outcome.EDITED) or match.passage:
        passage = {
            "text": match.passage,
            "start": match.start,
            "end": match.end,
            "line": match.line,
            "column": match.column,
            "page": match.page or None,
        }
    hidden: dict[str, object] | None = None
    if match.hidden is not None:
        hidden = {
            "outcome": match.hidden.outcome.value,
            "line": match.hidden.line,
            "column": match.hidden.column,
            "why": visible(match.hidden.why),
        }
    return {
        "outcome": match.outcome.value,
        "severity": severity(match.outcome),
        "archive": archive or None,
        "quote": match.quote,
        "score": match.score if match.outcome is not Outcome.UNCHECKED else None,
        "passage": passage,
        "hidden": hidden,
        "differences": [
            {
                "quote": d.quote,
                "source": d.source,
                "quote_start": d.quote_start,
                "quote_end": d.quote_end,
                "source_start": d.source_start,
                "source_end": d.source_end,
                "typographic": d.typographic,
                "edit": d.edit or None,
                "paragraph_breaks": d.paragraphs,
                "description": describe(d),
            }
            for d in match.differences
        ],
    }


def error_dict(error: ArchiveError, quote: str = "") -> dict[str, object]:
    """A quote whose archive cannot be read, as plain data: what the file holds exact
    (JSON escapes what a terminal would act on), the message as `check --format json`
    gives one (its control characters as stand-ins, on one line)."""
    return {
        "outcome": "archive_error",
        "severity": "error",
        "archive": error.path,
        "quote": quote,
        "message": visible(error.message),
    }

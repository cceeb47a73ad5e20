"""A quote found with the edits it marks (`quote_edits`): its words in order in one passage.

The words between the marks are looked for in the shortest passage that holds them
in order, as written, up to typography, a hyphen at a line end dropped, then with a
quotation's marks changed; with the first letter's case and the final punctuation a
writer may change unmarked. What each mark stands for there is `edit_marks`'. Apart
because it is one way of finding a quote, tried after the whole quote was not found
(`match`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from timeline.verify import quote_edits
from timeline.verify.compare import compare
from timeline.verify.edit_marks import BEFORE_MARK, after_marks, gaps, mark_differences
from timeline.verify.normalising import (
    QUOTES_ALIKE,
    TABLE,
    TYPOGRAPHY,
    Normalised,
    at_level,
    normalise,
)
from timeline.verify.results import ELLIPSIS, Difference, Match, Outcome, result_at
from timeline.verify.source_text import SourceText
from timeline.verify.words import find_whole, inside_word

# Places of a quote's first words tried as the start of its passage, at most.
_STARTS = 1_000


def find_edited(
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
        for level in range(QUOTES_ALIKE + 1 if quoted else QUOTES_ALIKE):
            within = source.level(level)
            sought = [at_level(t, level).text for t in sought_texts]
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
        gap = len(ahead) - len(ahead.lstrip(BEFORE_MARK))
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
    for (before, after_), marks in gaps(marked).items():
        for difference in mark_differences(marks, before, after_, placed, quote, source.text):
            differences.append(difference)
            start = min(start, difference.source_start)
            end = max(end, difference.source_end)
    ending = after_marks(marked, quote, differences, source.text, end)
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
    return result_at(outcome, quote, source, start, end, score, tuple(differences))


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

    found, _ = compare(ours, passage.text, locate, text, notes)
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

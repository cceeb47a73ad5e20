"""What an ellipsis leaves out is said so that a reader can judge the edit: how many
words, across how many paragraph breaks, and whether they run from the end of one
quotation in the source to the start of another. An omission of one word was said by code point ("not" (U+006E
U+006F U+0074)), and two stretches of a long article stitched together read like any
other omission."""

from __future__ import annotations

import pytest

from timeline.verify.match import Match, Outcome, SourceText, check
from timeline.verify.report import as_dict, line_body

ARTICLE = (
    "The mayor said: \u201cWe will keep the library open, and I want to be very clear "
    "about that.\u201d\n\n"
    "Council member Bob O'Neil disagreed. He said the numbers do not add up.\n\n"
    "\u201cI do not support the tax increase,\u201d said council member Li Wei. \u201cI "
    "support the library.\u201d\n\n"
    "\u201cWe will fight,\u201d she said, \u201cand we will win.\u201d Critics called the "
    "plan \u201cabsurd\u201d and left.\n\n"
    "In 2019 the council cut the budget, a decision Ruiz called a mistake we will never "
    "repeat.\n"
)


def checked(quote: str) -> Match:
    return check(quote, SourceText(ARTICLE))


def test_a_short_omission_is_counted_in_words_not_spelled_in_code_points() -> None:
    match = checked("and I want to be ... clear about that.")
    assert match.outcome is Outcome.EDITED
    body = line_body(match, "a.txt")
    assert '"..." leaves out 1 word, "very", at character 18' in body
    assert "U+0076" not in body


def test_a_stitched_quote_says_how_far_apart_its_parts_are() -> None:
    match = checked("We will keep the library ... a mistake we will never repeat.")
    assert match.outcome is Outcome.EDITED
    body = line_body(match, "a.txt")
    assert '"..." leaves out 66 words and 4 paragraph breaks, "open, and I want' in body
    differences = as_dict(match)["differences"]
    assert isinstance(differences, list)
    assert [d["paragraph_breaks"] for d in differences] == [4]


def test_an_omission_that_joins_two_quotations_says_so() -> None:
    match = checked("I do not support ... the library.")
    assert match.outcome is Outcome.EDITED
    said = "across the end of one quotation in the source and the start of another"
    assert said in line_body(match, "a.txt")
    # A quotation broken by its attribution is two quotations too: the reader judges.
    match = checked("We will fight ... and we will win.")
    assert said in line_body(match, "a.txt")
    assert '2 words, ",\u201d she said, \u201c"' in line_body(match, "a.txt")
    # Quotation marks the source opens and closes inside what is left out join nothing.
    match = checked("Critics called the plan ... and left.")
    assert match.outcome is Outcome.EDITED
    assert "quotation" not in line_body(match, "a.txt")


def test_an_omission_past_the_end_or_start_of_a_quotation_says_so() -> None:
    # "We will keep the library open ... Council member Bob O'Neil disagreed." read
    # as the mayor's words: the words after the ellipsis are the article's.
    match = checked("We will keep the library open ... Council member Bob O'Neil disagreed.")
    assert match.outcome is Outcome.EDITED
    said = "across the end of a quotation in the source: the words after it are outside it"
    assert said in line_body(match, "a.txt")
    match = checked("He said the numbers do not add up. ... I do not support the tax increase")
    said = "across the start of a quotation in the source: the words before it are outside it"
    assert said in line_body(match, "a.txt")


def test_an_omission_of_punctuation_alone_is_named_by_code_point() -> None:
    match = checked("support the library. ... We will fight")
    assert match.outcome is Outcome.EDITED
    body = line_body(match, "a.txt")
    assert '"..." leaves out "\u201d \u201c" (U+201D U+0020 U+201C) and 1 paragraph break' in body
    assert "the end of one quotation in the source and the start of another" in body


BUILT = "It was built in 1961 by the government of East Germany. It stood for decades.\n"


def edits(match: Match) -> list[tuple[str, str, str]]:
    return [(d.edit, d.quote, d.source) for d in match.differences if d.edit]


@pytest.mark.parametrize("ending", [". ...", "....", ". \u2026", ". . . .", ". [...]"])
def test_a_sentence_cut_short_with_a_full_stop_and_an_ellipsis_is_an_edit(ending: str) -> None:
    # "It was built. ..." was not found: its words were looked for with the full stop
    # ("built." where the source has "built in"); "It was built...." was found, its full
    # stop said nowhere.
    quote = f"It was built{ending}"
    match = check(quote, SourceText(BUILT))
    assert match.outcome is Outcome.EDITED, line_body(match)
    assert edits(match) == [("punctuation", ".", ""), ("cut", ending[1:].lstrip(), "")]
    body = line_body(match, "a.txt")
    assert '"." ends the quote where the source goes on: final punctuation' in body
    # Where the source ends its sentence there, the full stop is its own.
    match = check(f"It stood for decades{ending}", SourceText(BUILT + "Then it fell."))
    assert edits(match) == [("cut", ending[1:].lstrip(), "")]
    assert match.passage == "It stood for decades."


def test_a_full_stop_and_an_ellipsis_between_words_leave_out_the_rest_of_the_sentence() -> None:
    for mark in (". ...", "...."):
        quote = f"It was built{mark} It stood for decades."
        match = check(quote, SourceText(BUILT))
        assert match.outcome is Outcome.EDITED, line_body(match)
        left_out = "in 1961 by the government of East Germany."
        assert edits(match) == [("omitted", mark, left_out)]
        assert f'"{mark}" leaves out 8 words, "{left_out}"' in line_body(match)
    # The source's own full stop before the words left out is kept, not left out.
    match = check(
        "built in 1961 by the government of East Germany. ... It stood", SourceText(BUILT)
    )
    assert edits(match) == [("omitted", "...", "")]


COST = "It was built, at great cost, in 1961. It stood for decades.\n"
PLAIN = "It was built at great cost in 1961. It stood for decades.\n"


@pytest.mark.parametrize("mark", [",", ";", ":"])
def test_punctuation_before_an_ellipsis_is_the_sources_or_said(mark: str) -> None:
    # "It was built, ... It stood" was found only where the source has "built,"; with any
    # other mark there, or none, it was not found, its differences said as characters
    # ('"in 1961." in the source where the quote has "built, ..."').
    quote = f"It was built{mark} ... It stood for decades."
    match = check(quote, SourceText(PLAIN))
    assert match.outcome is Outcome.EDITED, line_body(match)
    assert edits(match) == [("punctuation", mark, ""), ("omitted", "...", "at great cost in 1961.")]
    said = f'"{mark}" before the ellipsis, where the source goes on: the writer\'s punctuation'
    assert said in line_body(match)
    match = check(quote, SourceText(COST))
    assert match.outcome is Outcome.EDITED, line_body(match)
    if mark == ",":  # the source's own comma, kept with the words before it
        assert edits(match) == [("omitted", "...", "at great cost, in 1961.")]
    else:
        assert edits(match) == [
            ("punctuation", mark, ","),
            ("omitted", "...", "at great cost, in 1961."),
        ]
        assert f'"{mark}" before the ellipsis, in place of , (U+002C)' in line_body(match)
    # At the end of the quote, it is its final punctuation.
    match = check(f"It was built{mark} ...", SourceText(PLAIN))
    assert edits(match) == [("punctuation", mark, ""), ("cut", "...", "")]


def test_punctuation_before_an_ellipsis_is_found_where_the_source_has_it() -> None:
    # Where the words occur both with the quote's comma and without it, the place with
    # it is the one read: the comma is the source's, not the writer's.
    text = "It was built, at great cost. It was built in 1961. It stood for decades."
    match = check("It was built, ... It stood for decades.", SourceText(text))
    assert edits(match) == [("omitted", "...", "at great cost. It was built in 1961.")]


@pytest.mark.parametrize(
    ("quote", "text", "case"),
    [
        (
            "It was built ... It stood for decades.",
            "It was built in 1961, and it stood for decades.",
            ("I", "i"),
        ),
        (
            "It was built. ... it stood for decades.",
            "It was built in 1961. It stood for decades.",
            ("i", "I"),
        ),
        ("... it stood for decades.", "Then it was built. It stood for decades.", ("i", "I")),
    ],
)
def test_the_first_letter_after_an_ellipsis_may_change_case(
    quote: str, text: str, case: tuple[str, str]
) -> None:
    # A sentence begun after an ellipsis takes a capital (Chicago): the quote was not
    # found ('"1961, and i" in the source where the quote has I').
    match = check(quote, SourceText(text))
    assert match.outcome is Outcome.EDITED, line_body(match)
    [changed] = [(d.quote, d.source) for d in match.differences if d.edit == "case"]
    assert changed == case
    assert "the case of the first letter after an ellipsis" in line_body(match)
    # Any other letter's case is the source's, as ever.
    match = check(quote.replace("decades", "Decades"), SourceText(text))
    assert match.outcome is Outcome.NOT_FOUND


@pytest.mark.parametrize("quote", ["It stood for decades ...", "... It stood for decades."])
def test_an_ellipsis_at_an_end_of_the_whole_source_leaves_out_nothing(quote: str) -> None:
    # It was said to be "at an end of the quote, where the source goes on": a tweet
    # quoted to its last word goes on no further.
    match = check(quote, SourceText("It stood for decades."))
    assert match.outcome is Outcome.EDITED
    assert edits(match) == [("omitted", "...", "")]
    assert '"..." where the source leaves nothing out' in line_body(match)
    # Where it has words past it, it goes on, as before.
    match = check(quote, SourceText("Then it fell. It stood for decades. Then it fell."))
    assert edits(match)[-1] == ("cut", "...", "")

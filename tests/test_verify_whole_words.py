"""A quote is whole words of its source: "likely to approve" is not in "unlikely to
approve", and an ellipsis leaves out words, not the "un" of "unlikely". Each was
accepted (verbatim, or edited), letting a quote that reverses its source pass."""

from __future__ import annotations

from timeline.verify.match import Match, Outcome, SourceText, check
from timeline.verify.report import line_body

MINUTES = (
    "The chair said the board was unlikely to approve the dredging plan before the "
    'summer. "It is illegal to dump the silt at sea, and we will not do it," she said.'
)


def checked(quote: str, text: str = MINUTES) -> Match:
    return check(quote, SourceText(text))


def test_a_quote_inside_a_longer_word_is_not_verbatim() -> None:
    match = checked("likely to approve the dredging plan")
    assert match.outcome is Outcome.NOT_FOUND
    # The closest passage is whole words, and the letters the quote lacks are said.
    assert match.passage == "unlikely to approve the dredging plan"
    assert [(d.quote, d.source) for d in match.differences] == [("", "un")]
    assert 'the source has "un"' in line_body(match, "a.txt")


def test_a_quote_ending_inside_a_word_is_not_verbatim() -> None:
    match = checked("the dredging plan before the sum")
    assert match.outcome is Outcome.NOT_FOUND
    assert match.passage == "the dredging plan before the summer"


def test_a_quote_cut_inside_a_word_is_not_typographic() -> None:
    text = "It’s illegal to dump the silt at sea."
    assert checked("It's illegal to dump", text).outcome is Outcome.TYPOGRAPHIC
    assert checked("t's illegal to dump", text).outcome is Outcome.NOT_FOUND
    assert checked("legal to dump the silt at sea", text).outcome is Outcome.NOT_FOUND


def test_the_whole_word_is_found_where_a_part_of_one_comes_first() -> None:
    text = "It is unlikely to pass. Others say it is likely to pass."
    match = checked("likely to pass", text)
    assert match.outcome is Outcome.VERBATIM
    assert match.start == text.rindex("likely to pass")


def test_an_ellipsis_leaves_out_words_not_letters() -> None:
    assert checked("The chair said the board was ...likely to approve").outcome is (
        Outcome.NOT_FOUND
    )
    assert checked("It is ... legal to dump the silt at sea").outcome is Outcome.NOT_FOUND
    # The words before an ellipsis end where the source's word ends, too.
    assert checked("the board was unlikely to approve the dredging pl ... summer").outcome is (
        Outcome.NOT_FOUND
    )
    match = checked("It is illegal to dump the silt ... and we will not do it")
    assert match.outcome is Outcome.EDITED


def test_words_in_brackets_may_stand_for_part_of_a_word() -> None:
    match = checked("[T]he board was unlikely to approve the dredging plan")
    assert match.outcome is Outcome.EDITED
    match = checked("[un]likely to approve the dredging plan")
    assert match.outcome is Outcome.EDITED


def test_an_accent_written_after_its_letter_is_part_of_the_word() -> None:
    text = "Cafe\u0301 owners protested on Friday."
    assert checked("Cafe owners protested", text).outcome is Outcome.NOT_FOUND


def test_scripts_without_spaces_are_found_anywhere() -> None:
    text = "中华人民共和国今天宣布了新政策。"
    assert checked("人民共和国今天宣布", text).outcome is Outcome.VERBATIM
    text = "タイの首相はバンコクで演説した。"
    assert checked("首相はバンコクで", text).outcome is Outcome.VERBATIM


def test_a_word_joined_by_a_hyphen_is_one_word() -> None:
    # "president joined" was verbatim in "The ex-president joined", "war protesters"
    # in "anti-war protesters".
    text = "The ex-president joined anti-war protesters. We are well-known for listening."
    match = checked("president joined", text)
    assert match.outcome is Outcome.NOT_FOUND
    assert match.passage == "ex-president joined"
    assert checked("war protesters", text).outcome is Outcome.NOT_FOUND
    assert checked("The ex-president joined anti ... protesters", text).outcome is (
        Outcome.NOT_FOUND
    )
    assert checked("well-known for listening", text).outcome is Outcome.VERBATIM
    # A dash between words, spaced, joins nothing.
    assert checked("they said", "We listen - they said.").outcome is Outcome.VERBATIM

"""timeline.verify.match: normalisation, and a quote checked against a source's text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.verify.match import (
    TYPOGRAPHY,
    Match,
    Normalised,
    Outcome,
    SourceText,
    check,
    fold,
    normalise,
)
from timeline.verify.places import Lines
from timeline.verify.report import line_body
from timeline.verify.words import inside_word

SOURCE = (
    "RAICES said that “instead of canceling its contract,” the company\n"
    "pledged $1 million.\n\n"
    "We dont have an agreement with ICE. I’m Proud of our Ohana.\n"
    "The software helps ICE operate efficently, from recruiting more officers…\n"
    "It was a well-\nknown policy, enforced effi-\nciently\u00a0and  quietly — they said.\n"
)


def checked(quote: str, text: str = SOURCE) -> Match:
    return check(quote, SourceText(text))


def assert_consistent(match: Match, quote: str, text: str) -> None:
    """Offsets in a result point at what it says they do."""
    assert match.passage == text[match.start : match.end]
    for d in match.differences:
        assert normalise(quote[d.quote_start : d.quote_end]).text == d.quote.strip() or (
            d.quote == " " and quote[d.quote_start : d.quote_end].isspace()
        )
        assert match.start <= d.source_start <= d.source_end <= match.end


# ---------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("  a  b  ", "a b"),
        ("a\tb\nc\r\nd", "a b c d"),
        ("one\n\n\ntwo", "one two"),
        ("a\x0bb\x0cc\x85d\u2028e\u2029f", "a b c d e f"),
        ("well-\nknown", "well-known"),
        ("well-  \n  known", "well-known"),
        ("well\u2010\nknown", "well\u2010known"),
        ("2018-\n2019", "2018-2019"),
        ("the company -\nthey", "the company - they"),  # a dash between words is not joined
        ("ends with-\n", "ends with-"),
        ("a-\n(b)", "a- (b)"),  # only before a letter or digit
        ("no\u00a0break", "no\u00a0break"),  # a non-breaking space is not whitespace here
        ("don’t…", "don’t…"),
    ],
)
def test_normalise(raw: str, normal: str) -> None:
    assert normalise(raw).text == normal


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("don’t ‘x’ “y” „z‟", 'don\'t \'x\' "y" "z"'),
        ("a–b—c−d‐e‑f", "a-b-c-d-e-f"),
        ("wait…", "wait..."),
        ("no\u00a0break\u202fthin\u2009x", "no break thin x"),
        ("a \u00a0 b", "a b"),
        ("soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"),
        ("effi-\nciently", "effi-ciently"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw).text == folded


def test_fold_can_drop_a_hyphen_at_a_line_end() -> None:
    assert fold("effi-\nciently and well-\nknown", join_hyphens=True).text == (
        "efficiently and wellknown"
    )
    # A dash between words is not joined to them; folded, the blanks around any dash
    # go (styles set it spaced or not: `test_a_dash_written_otherwise_is_typographic`).
    assert normalise("a -\nb").text == "a - b"
    assert fold("a -\nb", join_hyphens=True).text == "a-b"


def test_every_typographic_character_is_folded() -> None:
    for char, replacement in TYPOGRAPHY.items():
        assert fold(f"a{char}b").text == (f"a{replacement}b" if replacement != " " else "a b")


def test_spans_map_back_to_the_original() -> None:
    raw = "  a  b\n\nc-\nd e -\nf…  "
    normal = normalise(raw)
    assert normal.text == "a b c-d e - f…"
    assert [raw[slice(*normal.span(i, i + 1))] for i in range(len(normal.text))] == [
        "a",
        "  ",
        "b",
        "\n\n",
        "c",
        "-",
        "d",
        " ",
        "e",
        " ",
        "-",
        "\n",
        "f",
        "…",
    ]
    folded = fold(raw)
    assert folded.text == "a b c-d e-f..."
    assert raw[slice(*folded.span(9, 10))] == " -\n"
    assert raw[slice(*folded.span(11, 14))] == "…"
    assert normal.span(3, 3) == (6, 6)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\n\r-ab’…\u00a0\u00ad\u0301\u00e9", max_size=40))
def test_each_character_maps_to_what_it_came_from(raw: str) -> None:
    normal = normalise(raw)
    for i, char in enumerate(normal.text):
        start, end = normal.span(i, i + 1)
        came_from = raw[start:end]
        if char == " ":
            assert came_from and not came_from.strip(" \t\n\r")
        else:
            assert came_from == char
    for join in (False, True):
        folded = fold(raw, join_hyphens=join)
        for i, char in enumerate(folded.text):
            start, end = folded.span(i, i + 1)
            came_from = raw[start:end]
            assert came_from
            assert char in fold(came_from).text or (char == " " and not fold(came_from).text)


@pytest.mark.parametrize(
    ("quote", "text"),
    [
        ("We will -- and we must -- act now", "We will \u2014 and we must \u2014 act now"),
        ("We will--and we must--act now", "We will\u2014and we must\u2014act now"),
        ("We will \u2014 and we must \u2014 act now", "We will\u2014and we must\u2014act now"),
        ("We will - and we must - act now", "We will \u2013 and we must \u2013 act now"),
    ],
)
def test_a_dash_written_otherwise_is_typographic(quote: str, text: str) -> None:
    # "--" typed for an em dash, and the spaces AP sets around one that Chicago does not,
    # made a faithful quote not found ('the quote has U+0020 SPACE where the source has
    # nothing').
    match = checked(quote, text)
    assert match.outcome is Outcome.TYPOGRAPHIC, line_body(match)
    assert all(d.typographic for d in match.differences)
    assert_consistent(match, quote, text)
    # A word changed beside it is not.
    assert checked(quote.replace("must", "may"), text).outcome is Outcome.NOT_FOUND


def test_a_word_before_a_dash_ends_there_when_folded() -> None:
    # Folded, "good—and" read "good-and", one word joined by a hyphen: a quote ending at
    # "good", with a curly apostrophe that only folding finds, was not found, its only
    # difference said typographic.
    text = "the plan's good\u2014and cheap"
    match = checked("the plan\u2019s good", text)
    assert match.outcome is Outcome.TYPOGRAPHIC, line_body(match)
    # A hyphen joins words, folded or not: "good" is not in "good-natured".
    match = checked("the plan\u2019s good", "the plan's good-natured aide")
    assert match.outcome is Outcome.NOT_FOUND
    match = checked("the plan\u2019s good", "the plan's good-\nnatured aide")
    assert match.outcome is Outcome.NOT_FOUND


# ---------------------------------------------------------------- outcomes


def test_verbatim() -> None:
    quote = "We dont have an agreement with ICE."
    match = checked(quote)
    assert match.outcome is Outcome.VERBATIM
    assert match.passage == quote
    assert match.score == 100.0
    assert match.differences == ()
    assert (match.line, match.column) == (4, 1)
    assert_consistent(match, quote, SOURCE)


def test_verbatim_after_whitespace_normalisation_only() -> None:
    quote = "the company pledged\n$1 million.  "
    match = checked(quote)
    assert match.outcome is Outcome.VERBATIM
    assert match.passage == "the company\npledged $1 million."
    assert_consistent(match, quote, SOURCE)


def test_verbatim_across_a_hyphen_at_a_line_end() -> None:
    match = checked("It was a well-known policy")
    assert match.outcome is Outcome.VERBATIM
    assert match.passage == "It was a well-\nknown policy"


def test_dont_against_dont_is_not_found_with_the_apostrophe_shown() -> None:
    quote = "We don't have an agreement with ICE."
    match = checked(quote)
    assert match.outcome is Outcome.NOT_FOUND
    assert match.passage == "We dont have an agreement with ICE."
    [difference] = match.differences
    assert (difference.quote, difference.source) == ("'", "")
    assert quote[difference.quote_start : difference.quote_end] == "'"
    assert SOURCE[difference.source_start] == "t"  # where the apostrophe would be
    assert SOURCE[difference.source_start - 3 : difference.source_start] == "don"
    assert not difference.typographic
    assert 90 < match.score < 100
    assert_consistent(match, quote, SOURCE)


def test_curly_against_straight_is_typographic_with_the_characters_named() -> None:
    quote = "I'm Proud of our Ohana."
    match = checked(quote)
    assert match.outcome is Outcome.TYPOGRAPHIC
    assert match.passage == "I’m Proud of our Ohana."
    [difference] = match.differences
    assert (difference.quote, difference.source) == ("'", "’")
    assert (difference.quote_start, difference.quote_end) == (1, 2)
    assert SOURCE[difference.source_start : difference.source_end] == "’"
    assert difference.typographic
    assert_consistent(match, quote, SOURCE)


def test_straight_quotes_ellipsis_and_dash_are_typographic() -> None:
    quote = 'said that "instead of canceling its contract," the company'
    match = checked(quote)
    assert match.outcome is Outcome.TYPOGRAPHIC
    assert [(d.quote, d.source) for d in match.differences] == [('"', "“"), ('"', "”")]

    quote = "recruiting more officers..."
    match = checked(quote)
    assert match.outcome is Outcome.TYPOGRAPHIC
    [difference] = match.differences
    assert (difference.quote, difference.source) == ("...", "…")
    assert SOURCE[difference.source_start : difference.source_end] == "…"
    assert (difference.quote_start, difference.quote_end) == (24, 27)

    match = checked("and quietly - they said")
    assert match.outcome is Outcome.TYPOGRAPHIC
    assert [(d.quote, d.source) for d in match.differences] == [("-", "—")]


def test_non_breaking_space_is_typographic() -> None:
    match = checked("enforced effi-ciently and quietly")
    assert match.outcome is Outcome.TYPOGRAPHIC
    [difference] = match.differences
    assert (difference.quote, difference.source) == (" ", "\u00a0")


def test_hyphenated_word_at_a_line_end_is_typographic() -> None:
    quote = "enforced efficiently\u00a0and"
    match = checked(quote)
    assert match.outcome is Outcome.TYPOGRAPHIC
    [difference] = match.differences
    assert (difference.quote, difference.source) == ("", "-")
    assert SOURCE[difference.source_start : difference.source_start + 2] == "-\n"
    assert difference.typographic
    assert_consistent(match, quote, SOURCE)


def test_a_changed_word_is_not_found_with_the_closest_passage() -> None:
    quote = "The software helps ICE operate efficiently, from recruiting more officers"
    match = checked(quote)
    assert match.outcome is Outcome.NOT_FOUND
    assert (
        match.passage == "The software helps ICE operate efficently, from recruiting more officers"
    )
    assert [(d.quote, d.source) for d in match.differences] == [("i", "")]
    assert_consistent(match, quote, SOURCE)


def test_a_letter_more_in_the_source_is_shown_whole() -> None:
    quote = "agrement with ICE"
    match = checked(quote)
    assert match.outcome is Outcome.NOT_FOUND
    assert match.passage == "agreement with ICE"
    assert [(d.quote, d.source) for d in match.differences] == [("", "e")]


@pytest.mark.parametrize(
    ("quote", "text", "passage", "left_out"),
    [
        (
            "I have supported this plan",
            "The mayor said: I have never supported this plan, and I never will.",
            "I have never supported this plan",
            "never ",
        ),
        (
            "Wir werden die Stunden kürzen",
            "Wir werden die Stunden nicht kürzen",
            "Wir werden die Stunden nicht kürzen",
            "nicht ",
        ),
    ],
)
def test_a_word_left_out_keeps_the_words_around_it_in_the_passage(
    quote: str, text: str, passage: str, left_out: str
) -> None:
    # The passage was "never supported this plan", fewer letters from the quote than the
    # whole ("I ha" changed into "ne"), and "Wir werden die Stunden nicht", its last word
    # changed: the word the quote leaves out was said as letters changed, not left out.
    match = checked(quote, text)
    assert match.outcome is Outcome.NOT_FOUND
    assert match.passage == passage
    # (A negation left out, said with its word: tests/test_verify_reversals.py.)
    assert [(d.quote, d.source.strip()) for d in match.differences] == [("", left_out.strip())]
    assert_consistent(match, quote, text)


def test_case_matters() -> None:
    match = checked("We Dont have an agreement")
    assert match.outcome is Outcome.NOT_FOUND
    assert [(d.quote, d.source) for d in match.differences] == [("D", "d")]
    # The first letter's is a writer's to change: an edit (tests/test_verify_edits.py).
    assert checked("we dont have an agreement").outcome is Outcome.EDITED


def test_a_quote_that_is_nowhere_still_gets_a_passage_and_a_low_score() -> None:
    quote = "Completely unrelated words about the weather in Paris"
    match = checked(quote)
    assert match.outcome is Outcome.NOT_FOUND
    assert match.passage
    assert match.score < 60
    assert_consistent(match, quote, SOURCE)


def test_empty_quote_and_empty_source() -> None:
    assert checked("   ").outcome is Outcome.NOT_FOUND
    match = checked("something", "")
    assert match.outcome is Outcome.NOT_FOUND
    assert match.passage == ""
    assert [(d.quote, d.source) for d in match.differences] == [("something", "")]


def test_the_first_occurrence_is_reported() -> None:
    text = "one two\nthree\none two"
    match = checked("one two", text)
    assert (match.start, match.line, match.column) == (0, 1, 1)


def test_line_and_column() -> None:
    source = Lines("ab\ncd\n\nef")
    assert [source.line_column(i) for i in (0, 1, 2, 3, 4, 6, 7, 8)] == [
        (1, 1),
        (1, 2),
        (1, 3),
        (2, 1),
        (2, 2),
        (3, 1),
        (4, 1),
        (4, 2),
    ]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="ab ’\n-…", min_size=1, max_size=60), st.data())
def test_any_part_of_the_source_is_found_verbatim(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    if not normalise(quote).text:
        return
    match = checked(quote, text)
    # A part cut inside a hyphenated line break normalises differently from the whole;
    # one cut inside a word is not the source's words ("likely" in "unlikely").
    whole = not inside_word(text, start) and not inside_word(text, end)
    assert match.outcome is Outcome.VERBATIM or "-" in text or not whole
    if match.outcome is Outcome.VERBATIM:
        assert normalise(match.passage).text == normalise(quote).text
        assert not inside_word(text, match.start) and not inside_word(text, match.end)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abc '\"-.", min_size=3, max_size=40))
def test_typographic_variants_are_never_verbatim_and_always_found(text: str) -> None:
    curly = text.replace("'", "’").replace('"', "“").replace("-", "—").replace("...", "…")
    quote = normalise(text).text
    if not quote or curly == text:
        return
    match = checked(quote, curly)
    assert match.outcome is Outcome.TYPOGRAPHIC
    assert all(d.typographic for d in match.differences)
    assert match.passage == curly[match.start : match.end]


@pytest.mark.parametrize(
    "quote",
    [
        "Va-t-on fermer la branche? Jamais!",  # the quote without the spaces
        "Va-t-on fermer la branche ? Jamais !",  # with plain ones
        "Il a dit: non.",
    ],
)
def test_the_space_french_sets_before_a_mark_is_typography(quote: str) -> None:
    # "branche?" against "branche ?" was not found, or (with the source's "?" a space
    # away) said to end where the source goes on.
    text = "Va-t-on fermer la branche\u202f? Jamais\u00a0! Il a dit : non."
    match = checked(quote, text)
    assert match.outcome is Outcome.TYPOGRAPHIC
    assert all(d.typographic for d in match.differences)
    assert all(not (d.quote + d.source).strip(" \u00a0\u202f") for d in match.differences)
    assert match.passage == text[match.start : match.end]


def test_a_page_s_hidden_text_is_searched_without_looking_for_the_closest_passage(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # For every quote not found on a page that hides text, the hidden text was checked
    # in full, its closest passage found (rapidfuzz: the slow part) and thrown away;
    # only where the quote is found there counts.
    from timeline.verify.archive_text import text_of
    from timeline.verify.closest import closest

    page = (
        "<html><head><style>.hidden { display: none }</style></head><body><p>The mayor "
        'spoke. <span class="hidden">We will close every library tomorrow.</span> Then '
        "she left.</p></body></html>"
    )
    searched: list[str] = []

    def counted(quote: str, wanted: Normalised, source: SourceText) -> Match:
        searched.append(source.text)
        return closest(quote, wanted, source)

    monkeypatch.setattr("timeline.verify.match.closest", counted)
    source = SourceText.of(text_of(page.encode(), "html", "a.html"))
    missing = check("Nothing of the kind was said.", source)
    assert missing.outcome is Outcome.NOT_FOUND and missing.hidden is None
    assert len(searched) == 1 and "library" not in searched[0]  # what a reader sees only
    hidden = check("We will close every library tomorrow.", source)
    assert hidden.outcome is Outcome.NOT_FOUND and hidden.hidden is not None
    assert hidden.hidden.outcome is Outcome.VERBATIM
    assert len(searched) == 2 and "library" not in searched[1]

"""A quote that marks its own edits (an ellipsis for words left out, square brackets for
words put in), or changes its first letter's case or final punctuation as style guides
allow, is found, with what each edit stands for in the source: journalists and
historians shorten and clarify quotes this way, and such a quote was "not found"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.cli import main
from timeline.verify.match import UNPLACED, Match, Outcome, SourceText, check, normalise
from timeline.verify.passage import passage
from timeline.verify.quote_edits import INSERTED, OMITTED, QUOTATION, split
from timeline.verify.report import as_dict, line_body, severity
from timeline.verify.run import MARK_MEANINGS, MARKS

# The letter of the project's article, as it is there (its own "[CBP]" included).
LETTER = (
    "RAICES told the software company in a letter published online.\n\n"
    '"After careful consideration by our staff, we have decided to decline this gift '
    "unless Salesforce commits to cancel all direct or indirect contracts with [CBP], as "
    'principled Salesforce employees have demanded," RAICES said.\n\n'
    "We dont have an agreement with ICE. I\u2019m Proud of our Ohana.\n"
)
LEFT_OUT = "unless Salesforce commits to cancel all direct or indirect contracts with [CBP],"


def checked(quote: str, text: str = LETTER) -> Match:
    return check(quote, SourceText(text))


def edits(match: Match) -> list[tuple[str, str, str]]:
    return [(d.edit, d.quote, d.source) for d in match.differences if d.edit]


def assert_placed(match: Match, quote: str, text: str = LETTER) -> None:
    """Every difference's offsets point at what it says, in the quote and the source."""
    assert match.passage == text[match.start : match.end]
    for d in match.differences:
        assert match.start <= d.source_start <= d.source_end <= match.end
        if d.edit:
            assert quote[d.quote_start : d.quote_end] == d.quote
            assert normalise(text[d.source_start : d.source_end]).text == d.source or (
                d.edit != OMITTED
                and text[d.source_start : d.source_end].casefold() == d.source.casefold()
            )


@pytest.mark.parametrize("ellipsis", ["...", "\u2026", ". . .", "[...]", "[\u2026]", "[ ... ]"])
def test_words_left_out_with_an_ellipsis_are_found_and_said(ellipsis: str) -> None:
    quote = (
        f"we have decided to decline this gift {ellipsis} as principled Salesforce "
        "employees have demanded"
    )
    match = checked(quote)
    assert match.outcome is Outcome.EDITED
    assert edits(match) == [(OMITTED, ellipsis, LEFT_OUT)]
    assert match.passage.startswith("we have decided") and match.passage.endswith("demanded")
    assert_placed(match, quote)


def test_words_in_brackets_between_found_words_say_what_they_replace() -> None:
    quote = "We dont have an agreement with [Immigration and Customs Enforcement]. I\u2019m Proud"
    match = checked(quote)
    assert match.outcome is Outcome.EDITED
    assert edits(match) == [(INSERTED, "[Immigration and Customs Enforcement]", "ICE")]
    assert_placed(match, quote)


def test_a_capital_changed_in_brackets_is_matched_to_the_letter_it_replaces() -> None:
    quote = "[W]e have decided to decline this gift"
    match = checked(quote)
    assert match.outcome is Outcome.EDITED
    assert edits(match) == [(INSERTED, "[W]", "w")]
    assert match.passage == "we have decided to decline this gift"
    assert_placed(match, quote)


def test_sic_put_in_where_the_source_has_nothing() -> None:
    quote = "We dont [sic] have an agreement with ICE."
    match = checked(quote)
    assert match.outcome is Outcome.EDITED
    assert edits(match) == [(INSERTED, "[sic]", "")]
    assert "put in where the source has nothing" in line_body(match, "a.txt")


def test_words_in_brackets_at_an_end_are_said_not_compared() -> None:
    quote = (
        "decided to decline this gift unless Salesforce commits to cancel all direct or "
        "indirect contracts with [U.S. Customs and Border Protection]"
    )
    match = checked(quote)
    assert match.outcome is Outcome.EDITED
    assert edits(match) == [(UNPLACED, "[U.S. Customs and Border Protection]", "")]
    assert "what it stands for is not compared" in line_body(match, "a.txt")


def test_the_sources_own_brackets_are_no_edit() -> None:
    # "[CBP]" is the article's own; the quote's ellipsis is the one edit.
    quote = "contracts with [CBP], as principled Salesforce employees ... RAICES said."
    match = checked(quote)
    assert match.outcome is Outcome.EDITED
    assert edits(match) == [(OMITTED, "...", 'have demanded,"')]


def test_words_out_of_order_or_changed_are_not_found() -> None:
    assert checked("as principled Salesforce employees ... we have decided").outcome is (
        Outcome.NOT_FOUND
    )
    assert checked("we have decided to refuse this gift ... as principled").outcome is (
        Outcome.NOT_FOUND
    )


def test_too_little_outside_the_marks_is_not_enough_to_find_a_quote() -> None:
    assert split("[...] the [...] and [...]") is None
    assert checked("[...] the [...] and [...]").outcome is Outcome.NOT_FOUND


def test_the_shortest_passage_holding_the_words_is_reported() -> None:
    text = "Alpha said this once. Later: Alpha said this again, and then it ended well."
    quote = "Alpha said this ... it ended well."
    match = checked(quote, text)
    assert match.outcome is Outcome.EDITED
    assert match.passage == "Alpha said this again, and then it ended well."
    assert edits(match) == [(OMITTED, "...", "again, and then")]


def test_words_found_up_to_typography_keep_their_differences() -> None:
    quote = "I'm Proud ... Ohana."  # a straight apostrophe; the source's is curly
    text = "I\u2019m Proud of our Ohana."
    match = checked(quote, text)
    assert match.outcome is Outcome.EDITED
    assert [(d.quote, d.source, d.typographic) for d in match.differences if not d.edit] == [
        ("'", "\u2019", True)
    ]
    assert edits(match) == [(OMITTED, "...", "of our")]
    assert_placed(match, quote, text)


def test_a_long_omission_is_shortened_on_the_line_and_whole_in_json() -> None:
    middle = " ".join(f"word{n}" for n in range(200))
    text = f"The opening words of it all. {middle} And the closing words of it."
    quote = "The opening words of it all. ... And the closing words of it."
    match = checked(quote, text)
    body = line_body(match, "a.txt")
    assert body.startswith("warning: found with edits, in a.txt (line 1, column 1)")
    assert f"({len(middle):,} characters)" in body and "word199" not in body
    data = as_dict(match, "a.txt")
    assert json.loads(json.dumps(data)) == data
    assert data["outcome"] == "edited" and data["severity"] == "warning"
    assert isinstance(data["differences"], list)
    assert [d["edit"] for d in data["differences"]] == ["omitted"]
    assert data["differences"][0]["source"] == middle


def test_severity_mark_and_source_screen_roles() -> None:
    assert severity(Outcome.EDITED) == "warning"
    assert MARKS["edited"][0] not in {mark for key, (mark, _) in MARKS.items() if key != "edited"}
    assert "left out" in MARK_MEANINGS["edited"]
    quote = "we have decided to decline this gift ... as principled Salesforce"
    shown = passage(LETTER, checked(quote))
    assert [p.text for p in shown.source if p.role == "edited"] == [LEFT_OUT]
    assert [p.text for p in shown.quote if p.role == "edited"] == ["..."]


def test_verify_reports_an_edited_quote_as_a_warning_and_exits_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "letter.txt").write_text(LETTER, encoding="utf-8")
    (tmp_path / "t.toml").write_text(
        '[[events]]\nid = "a"\ndate = 2018-07-17\ntitle = "The letter"\n'
        'source = { url = "https://example.com/letter", archive = "sources/letter.txt" }\n'
        "[[events.quotes]]\n"
        'text = "we have decided to decline this gift [...] as principled Salesforce '
        'employees have demanded"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    assert main(["verify", "t.toml"]) == 0
    out = capsys.readouterr().out
    assert "t.toml:7:1: warning: event 'a': quote 1: found with edits" in out
    assert f'"[...]" leaves out 12 words, "{LEFT_OUT}"' in out
    assert "1 edited" in out
    # --strict: the same report; only the verdict differs.
    assert main(["verify", "--strict", "t.toml"]) == 1
    assert capsys.readouterr().out == out


WORDS = st.lists(st.sampled_from("abcdefgh"), min_size=3, max_size=8).map("".join)


@given(
    words=st.lists(WORDS, min_size=12, max_size=40),
    cut=st.data(),
)
def test_any_two_stretches_of_a_source_joined_by_an_ellipsis_are_found(
    words: list[str], cut: st.DataObject
) -> None:
    text = " ".join(words)
    n = len(words)
    a = cut.draw(st.integers(1, n - 6))
    b = cut.draw(st.integers(a + 1, n - 4))
    c = cut.draw(st.integers(b + 1, n - 1))
    first, second = " ".join(words[:a]), " ".join(words[b:c])
    quote = f"{first} ... {second}"
    match = checked(quote, text)
    if len(first) + len(second) < 12:
        return
    # Found: verbatim only if the source itself reads so (it never has "...").
    assert match.outcome is Outcome.EDITED
    assert_placed(match, quote, text)
    [(kind, mark, left_out)] = edits(match)
    assert (kind, mark) == (OMITTED, "...")
    assert match.passage == text[match.start : match.end]
    # Whatever passage was chosen holds the two stretches with the omission between.
    assert normalise(match.passage).text == f"{first} {left_out} {second}".replace("  ", " ")


def test_a_quote_of_many_marks_is_checked_in_time_linear_in_its_length() -> None:
    # Hostile input: 20,000 marks between the words. Each mark's neighbours were looked
    # for among all the parts before and after it: 400 million steps.
    quote = "we have decided " + "... " * 20_000 + "to decline this gift"
    match = checked(quote)
    assert match.outcome is Outcome.EDITED
    [(kind, mark, left_out)] = edits(match)
    assert (kind, left_out) == (OMITTED, "") and mark.count("...") == 20_000


def test_the_source_screen_highlights_an_edit_and_says_what_it_is() -> None:
    from rich.console import Console
    from rich.text import Text

    from timeline.ui.screens.source import _STYLES, render_passage

    quote = "we have decided to decline this gift ... as principled Salesforce"
    shown = render_passage(Text("Quote 1"), passage(LETTER, checked(quote)))
    console = Console(width=200, record=True, color_system=None)
    console.print(shown)
    said = console.export_text()
    assert "Highlighted: the passage  an edit" in said
    texts = [part for part in shown.renderables if isinstance(part, Text)]
    edited = [
        part.plain[span.start : span.end]
        for part in texts
        for span in part.spans
        if span.style == _STYLES["edited"]
    ]
    assert LEFT_OUT in edited and "..." in edited


def test_words_found_across_a_hyphen_at_a_line_end_as_pdfs_break_words() -> None:
    # The whole quote was looked for with such a hyphen dropped; its words between
    # edits were not, so a quote of a PDF with an ellipsis was not found.
    text = (
        "The agency did not meet its targets for the third\nyear in a row. Its "
        "director said the results were\ndisappoint-\ning but not surprising."
    )
    quote = "The agency did not meet its targets ... the results were disappointing"
    match = checked(quote, text)
    assert match.outcome is Outcome.EDITED
    assert edits(match) == [(OMITTED, "...", "for the third year in a row. Its director said")]
    [hyphen] = [d for d in match.differences if not d.edit]
    assert (hyphen.quote, hyphen.source, hyphen.typographic) == ("", "-", True)
    assert_placed(match, quote, text)


@pytest.mark.parametrize(
    ("text", "quote", "turned"),
    [
        # A tweet's own quotation, nested in the writer's: its marks turned single.
        (
            'The mayor told me "no" in March, and "no" again in May.',
            "The mayor told me 'no' in March",
            "single for double",
        ),
        (
            "The mayor told me \u201cno\u201d in March.",
            "The mayor told me 'no' in March",
            "single for double",
        ),
        # An article's nested quotation, quoted on its own: its marks turned double.
        (
            "He said \u201cthe board told me \u2018no\u2019 in March.\u201d",
            'the board told me "no" in March',
            "double for single",
        ),
    ],
)
def test_a_quotation_inside_a_quote_may_have_its_marks_turned(
    text: str, quote: str, turned: str
) -> None:
    # Style guides let a writer turn them unmarked; such a quote was not found.
    match = checked(quote, text)
    assert match.outcome is Outcome.EDITED
    assert [d.edit for d in match.differences] == [QUOTATION, QUOTATION]
    assert f"the marks of a quotation inside the quote, {turned}" in line_body(match, "a.txt")
    assert_placed(match, quote, text)
    # Only the marks: a word changed too is not found.
    assert checked(quote.replace("March", "April"), text).outcome is Outcome.NOT_FOUND


@pytest.mark.parametrize("sic", ["[sic]", "[sic!]", "[SIC]"])
def test_sic_at_the_end_of_a_quote_is_put_in_where_the_source_has_nothing(sic: str) -> None:
    # It was said to stand for something not compared, as "[U.S. Customs...]" there is.
    quote = f"We dont have an agreement with ICE {sic}"
    match = checked(quote)
    assert match.outcome is Outcome.EDITED
    assert edits(match) == [(INSERTED, sic, "")]
    assert f'"{sic}" put in where the source has nothing' in line_body(match, "a.txt")
    assert_placed(match, quote)


def test_a_word_in_brackets_at_an_end_is_matched_to_the_sources_word_past_a_space() -> None:
    # "[He] said" for "he said" was "put in at an end: not compared", as if it could
    # stand for anything; "[W]e" (no space) was matched to its letter already.
    text = "Asked about it, he said that the board was wrong. We will not cut the hours."
    match = checked("[He] said that the board was wrong.", text)
    assert edits(match) == [(INSERTED, "[He]", "he")]
    assert_placed(match, "[He] said that the board was wrong.", text)
    match = checked("We will not cut the [hours]", text)
    assert edits(match) == [(INSERTED, "[hours]", "hours")]
    # Other words there still stand for what cannot be told.
    match = checked("[Ruiz] said that the board was wrong.", text)
    assert edits(match) == [(UNPLACED, "[Ruiz]", "")]


HOURS = "We will not cut the hours, the mayor said. We recieved the letter on Monday.\n"


@pytest.mark.parametrize(
    ("quote", "note", "said"),
    [
        ("We will not cut the hours (emphasis added)", "(emphasis added)", "on emphasis"),
        ("We will not cut the hours [emphasis added]", "[emphasis added]", "on emphasis"),
        ("We will not (italics mine) cut the hours", "(italics mine)", "on emphasis"),
        ("We will not cut the hours (Emphasis in original)", "(Emphasis in original)", "emphasis"),
        ("We recieved (sic) the letter on Monday", "(sic)", "the words before it are the source's"),
        ("We recieved [sic] the letter on Monday", "[sic]", "the words before it are the source's"),
    ],
)
def test_a_writers_note_stands_for_nothing_in_the_source(quote: str, note: str, said: str) -> None:
    # "(emphasis added)" and "(sic)" were not found ('the quote has " (emphasis added)"
    # where the source has nothing'), "[emphasis added]" at the end said to stand for
    # something not compared.
    match = check(quote, SourceText(HOURS))
    assert match.outcome is Outcome.EDITED, line_body(match)
    assert edits(match) == [(INSERTED, note, "")]
    body = line_body(match)
    assert f'"{note}" put in where the source has nothing: the writer\'s note' in body
    assert said in body
    assert_placed(match, quote, HOURS)


def test_a_writers_note_does_not_hide_a_misquote() -> None:
    # Misspelled where the source is not: the words before "(sic)" are not the source's.
    text = "We received the letter on Monday."
    assert check("We recieved (sic) the letter", SourceText(text)).outcome is Outcome.NOT_FOUND
    match = check("We will cut the hours (emphasis added)", SourceText(HOURS))
    assert match.outcome is Outcome.NOT_FOUND
    assert match.differences[0].edit == "negation"
    # In place of words the source has, it is said as such.
    match = check("the mayor [sic] said", SourceText("the mayor then said"))
    assert edits(match) == [(INSERTED, "[sic]", "then")]
    # A speaker's parentheses are words, as ever: "(not)" is not a note.
    match = check("We will (not) cut the hours", SourceText("We will cut the hours"))
    assert match.outcome is Outcome.NOT_FOUND


@pytest.mark.parametrize(
    ("quote", "theirs"),
    [
        ("We will not cut the hours ...?", "."),
        ("We will not cut the hours [sic]?", ","),
        ("We will not cut the hours (emphasis added)!", ","),
    ],
)
def test_a_question_mark_after_a_final_mark_is_the_speakers_or_a_misquote(
    quote: str, theirs: str
) -> None:
    # "?" after an ellipsis or words in brackets that end a quote was said nowhere: the
    # quote was found with edits, a statement made a question.
    text = "We will not cut the hours, the mayor said. Then he left.\n"
    match = check(quote, SourceText(text))
    assert match.outcome is Outcome.NOT_FOUND, line_body(match)
    [tone] = [d for d in match.differences if d.edit == "tone"]
    assert (tone.quote, tone.source) == (quote[-1], theirs)
    assert_placed(match, quote, text)
    # The speaker's own, past the words an ellipsis leaves out, is kept.
    asked = "We will not cut the hours, will we?"
    match = check("We will not cut the hours ...?", SourceText(asked))
    assert match.outcome is Outcome.EDITED
    assert edits(match) == [("cut", "...", "")]
    # A full stop after a note, where the source goes on, is final punctuation, said.
    match = check("We will not cut the hours (emphasis added).", SourceText(text))
    assert edits(match) == [(INSERTED, "(emphasis added)", ""), ("punctuation", ".", ",")]

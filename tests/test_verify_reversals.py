"""No edit may reverse a quote: an ellipsis that leaves out the "not" of "We will not
cut", or words in brackets that put a negation in or take one out, make a quote that
says the opposite of its source. Such a quote was "found with edits", a warning, and
`timeline verify` exited 0; it is now not found, saying which edit reverses it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline.cli import main
from timeline.verify.match import Match, Outcome, SourceText, check
from timeline.verify.passage import passage
from timeline.verify.quote_edits import NEGATION, OMITTED
from timeline.verify.report import as_dict, line_body

ARTICLE = (
    "The mayor, Ana Ruiz, said: \u201cWe will not cut the library\u2019s hours this year.\u201d\n\n"
    "Ruiz added that the city would \u201cnever, under any circumstances, close a branch "
    "without a public hearing.\u201d\n\n"
    "The council voted 7\u20132 to keep the hours. It did not approve the proposed tax "
    "increase. \u201cI do not support the tax increase,\u201d said Li Wei.\n\n"
    "The report, which was not published until May, found no fraud in the budget.\n\n"
    "\u201cWe can afford it,\u201d the treasurer said. We dont work with CBP.\n\n"
    "\u00abNous ne sommes pas contre le projet\u00bb, a dit le maire.\n"
)


def checked(quote: str) -> Match:
    return check(quote, SourceText(ARTICLE))


def reversal(match: Match) -> list[tuple[str, str]]:
    return [(d.quote, d.source) for d in match.differences if d.edit == NEGATION]


@pytest.mark.parametrize(
    ("quote", "left_out"),
    [
        ("We will ... cut the library\u2019s hours this year.", "not"),
        ("I ... support the tax increase", "do not"),
        # The negation last of the words left out, beside the words after them.
        (
            "The council ... approve the proposed tax increase",
            "voted 7\u20132 to keep the hours. It did not",
        ),
        # First of them, beside the words before.
        (
            "the city would ... close a branch without a public hearing",
            "\u201cnever, under any circumstances,",
        ),
        ("We ... work with CBP.", "dont"),
        ("Nous ... sommes pas contre le projet", "ne"),
    ],
)
def test_an_ellipsis_that_leaves_out_a_negation_is_not_found(quote: str, left_out: str) -> None:
    match = checked(quote)
    assert match.outcome is Outcome.NOT_FOUND
    assert reversal(match) == [("...", left_out)]
    body = line_body(match, "a.txt")
    assert body.startswith("error: not found in a.txt; closest passage")
    assert "of the words it joins: no edit may reverse what the source says" in body


def test_a_negation_inside_a_clause_left_out_is_the_clauses_own() -> None:
    match = checked("The report ... found no fraud in the budget.")
    assert match.outcome is Outcome.EDITED
    assert [d.edit for d in match.differences] == [OMITTED]


def test_words_in_brackets_that_put_in_or_take_out_a_negation_are_not_found() -> None:
    match = checked("We [can not] afford it,\u201d the treasurer said.")
    assert match.outcome is Outcome.NOT_FOUND
    assert reversal(match) == [("[can not]", "can")]
    assert "puts in a negation: no edit may reverse" in line_body(match)
    match = checked("We will [surely] cut the library\u2019s hours this year.")
    assert reversal(match) == [("[surely]", "not")]
    assert "takes out a negation" in line_body(match)
    match = checked("The council voted 7–2 to [not] keep the hours.")
    assert match.outcome is Outcome.NOT_FOUND
    assert reversal(match) == [("[not]", "")]
    assert "put in where the source has nothing, is a negation" in line_body(match)
    # Brackets that name what the source's words stand for are an edit.
    match = checked("to keep the hours. [The council] did not approve the proposed tax increase.")
    assert match.outcome is Outcome.EDITED
    # So are brackets for a clause whose own negation goes with it, and an ellipsis
    # beside brackets that leaves out a passage with negations inside it.
    match = checked("The report, [released in May,] found no fraud in the budget.")
    assert match.outcome is Outcome.EDITED
    match = checked("The report ... [when it came out in May] found no fraud in the budget.")
    assert match.outcome is Outcome.EDITED
    # But not brackets for words beside which a negation is left out.
    match = checked("Ruiz added that the city would ... [hold] a public hearing.")
    assert match.outcome is Outcome.NOT_FOUND


@pytest.mark.parametrize(
    ("quote", "side", "beside"),
    [
        ("[not] afford it,\u201d the treasurer said.", "start", "can"),
        ("The council voted 7\u20132 to keep the [never]", "end", "hours"),
        # Brackets without the negation the source's words beside them have.
        ("[She agreed] approve the proposed tax increase.", "start", "did not"),
    ],
)
def test_words_in_brackets_at_an_end_that_reverse_the_quote_are_not_found(
    quote: str, side: str, beside: str
) -> None:
    # They were "put in at an end of the quote: what it stands for is not compared", a
    # warning, and the command exited 0: "[not] afford it" passed for "can afford it".
    match = checked(quote)
    assert match.outcome is Outcome.NOT_FOUND
    assert reversal(match) == [(quote[quote.index("[") : quote.index("]") + 1], beside)]
    body = line_body(match, "a.txt")
    assert f"put in at the {side} of the quote, " in body
    assert f'the source has "{beside}" there' in body
    assert "no edit may reverse what the source says" in body
    assert as_dict(match)["differences"][0]["edit"] == "negation"  # type: ignore[index]


def test_words_in_brackets_at_an_end_with_the_sources_negation_are_not_compared() -> None:
    # What they stand for cannot be told; a negation the source has there too is no reversal.
    match = checked("[The council did not] approve the proposed tax increase.")
    assert match.outcome is Outcome.EDITED
    assert [d.edit for d in match.differences] == ["unplaced"]
    match = checked("[The treasurer] said. We dont work with CBP.")
    assert match.outcome is Outcome.EDITED


def test_json_and_the_source_screen_mark_the_reversing_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    quote = "We will ... cut the library\u2019s hours this year."
    data = as_dict(checked(quote), "a.txt")
    assert data["outcome"] == "not_found" and data["severity"] == "error"
    assert [d["edit"] for d in data["differences"]] == ["negation"]  # type: ignore[attr-defined]
    shown = passage(ARTICLE, checked(quote))
    assert [p.text for p in shown.source if p.role == "differs"] == ["not"]
    assert [p.text for p in shown.quote if p.role == "differs"] == ["..."]
    # The command fails, without --strict.
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "t.toml").write_text(
        '[[events]]\nid = "a"\ndate = 2024-03-11\ntitle = "Hours"\n'
        'source = { label = "Article", archive = "a.txt" }\n'
        f"[[events.quotes]]\ntext = {json.dumps(quote)}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    assert main(["verify", "t.toml"]) == 1
    assert "1 not found" in capsys.readouterr().out


def test_the_source_screen_says_which_edit_reverses_the_quote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The screen highlighted "not" and "..." as differing, and said no more: the
    # reader of the viewer never learnt why, nor what an edit stands for.
    from rich.console import Console

    from timeline.read import load_any
    from timeline.ui.screens.source import source_content
    from timeline.verify.run import verify

    quote = "We will ... cut the library\u2019s hours this year."
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "t.toml"
    path.write_text(
        '[[events]]\nid = "a"\ndate = 2024-03-11\ntitle = "Hours"\n'
        'source = { label = "Article", archive = "a.txt" }\n'
        f"[[events.quotes]]\ntext = {json.dumps(quote)}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    timeline = load_any(str(path)).timeline
    assert timeline is not None
    [checked] = verify(path, timeline)
    console = Console(width=200, record=True, color_system=None)
    console.print(source_content(checked, tmp_path))
    shown = console.export_text()
    assert "not found; the closest passage" in shown
    assert (
        '• "..." leaves out 1 word, "not", a negation of the words it joins: no edit may '
        "reverse what the source says" in shown
    )


SAID = "The mayor said: We will cut the hours. Will we close the branch? I will resign, he said."


@pytest.mark.parametrize(
    ("quote", "theirs"),
    [
        ("We will cut the hours?", "."),  # a statement made a question
        ("We will cut the hours!", "."),
        ("I will resign?", ","),
        ("Will we close the branch!", "?"),
    ],
)
def test_a_question_or_exclamation_mark_the_speaker_did_not_end_with_is_not_found(
    quote: str, theirs: str
) -> None:
    # It was "the final punctuation, which a writer may change unmarked": a writer's
    # own question mark stands outside the quotation, never in it.
    match = check(quote, SourceText(SAID))
    assert match.outcome is Outcome.NOT_FOUND
    assert [(d.edit, d.quote, d.source) for d in match.differences] == [("tone", quote[-1], theirs)]
    assert "a question or exclamation mark the speaker did not end with" in line_body(match)


def test_a_question_ending_in_a_writers_full_stop_is_an_edit() -> None:
    # American style sets the writer's full stop inside the quotation marks.
    match = check("Will we close the branch.", SourceText(SAID))
    assert match.outcome is Outcome.EDITED
    assert [d.edit for d in match.differences] == ["punctuation"]
    # The speaker's own mark, a space away as French sets it, is the quote's.
    text = "Va-t-on fermer la branche\u202f? Jamais."
    assert check("Va-t-on fermer la branche? ... Jamais.", SourceText(text)).outcome is (
        Outcome.EDITED
    )


def test_a_phrase_that_begins_with_a_negation_and_negates_nothing_is_an_edit() -> None:
    text = "We will, no doubt, cut the hours. She praised the staff, not least the librarians."
    for quote in ("We will ... cut the hours.", "She praised the staff ... the librarians."):
        match = check(quote, SourceText(text))
        assert match.outcome is Outcome.EDITED, quote


@pytest.mark.parametrize(
    ("quote", "text", "theirs"),
    [
        (
            "It was built? ... It stood for decades.",
            "It was built, at great cost. It stood for decades.",
            ",",
        ),
        (
            "It was built! ... It stood for decades.",
            "It was built at great cost. It stood for decades.",
            "",
        ),
        ("It was built? ...", "It was built at great cost. It stood for decades.", ""),
    ],
)
def test_a_question_mark_before_an_ellipsis_the_speaker_did_not_use_is_not_found(
    quote: str, text: str, theirs: str
) -> None:
    # It was not found, but said as differences of characters ('"in 1961." in the source
    # where the quote has "built? ..."'), not as a statement made a question.
    match = check(quote, SourceText(text))
    assert match.outcome is Outcome.NOT_FOUND
    assert match.differences[0][:2] == (quote[12], theirs)
    assert match.differences[0].edit == "tone"
    body = line_body(match)
    if quote.endswith("..."):
        assert "a question or exclamation mark the speaker did not end with" in body
    else:
        assert f'"{quote[12]}" before the ellipsis, ' in body
        assert "a question or exclamation mark the speaker did not use there" in body
    # The speaker's own question mark is kept with the words before it.
    match = check("Was it built? ... It stood", SourceText("Was it built? Then, in 1961. It stood"))
    assert match.outcome is Outcome.EDITED
    assert [(d.edit, d.source) for d in match.differences] == [("omitted", "Then, in 1961.")]


@pytest.mark.parametrize(
    ("quote", "text", "ours", "theirs", "said"),
    [
        (
            "We will cut the library hours this year.",
            "We will not cut the library hours this year.",
            "",
            "not",
            'the source has "not" (U+006E U+006F U+0074) where the quote has nothing: '
            "a negation the quote leaves out",
        ),
        (
            "I have supported this plan",
            "The mayor said: I have never supported this plan, and I never will.",
            "",
            "never",
            "a negation the quote leaves out",
        ),
        (
            "We do support this plan",
            "We don't support this plan",
            "do",
            "don't",
            '"don\'t" (U+0064 U+006F U+006E U+0027 U+0074) in the source where the quote '
            'has "do" (U+0064 U+006F): a negation the quote leaves out',
        ),
        ("We will now cut the hours", "We will not cut the hours", "now", "not", "leaves out"),
        (
            "We will not cut the library hours",
            "We will cut the library hours",
            "not",
            "",
            'the quote has "not" (U+006E U+006F U+0074) where the source has nothing: '
            "a negation the quote puts in",
        ),
        ("Wir werden die Stunden kürzen", "Wir werden die Stunden nicht kürzen", "", "nicht", ""),
    ],
)
def test_a_negation_left_out_or_put_in_without_a_mark_is_said(
    quote: str, text: str, ours: str, theirs: str, said: str
) -> None:
    # It was not found, but said as letters ('the source has "not " (U+006E U+006F U+0074
    # U+0020) where the quote has nothing'; "t (U+0074) in the source where the quote has
    # w (U+0077)"), as any other difference, not as a quote saying the opposite.
    match = check(quote, SourceText(text))
    assert match.outcome is Outcome.NOT_FOUND
    [difference] = match.differences
    assert (difference.edit, difference.quote, difference.source) == ("negation", ours, theirs)
    assert quote[difference.quote_start : difference.quote_end] == ours
    assert text[difference.source_start : difference.source_end] == theirs
    body = line_body(match)
    assert said in body
    assert "which reverses what the source says" in body


def test_a_difference_that_keeps_the_negations_is_not_said_as_one() -> None:
    # "dont" for "don't" has a negation either way; "no doubt" negates nothing.
    match = check("We dont support this plan", SourceText("We don't support this plan"))
    assert [(d.edit, d.quote) for d in match.differences] == [("", "")]
    match = check("We will, no doubt, cut the hours", SourceText("We will cut the hours"))
    assert match.outcome is Outcome.NOT_FOUND
    assert all(d.edit == "" for d in match.differences)

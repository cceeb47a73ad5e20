"""A letter and its accent written apart (e + U+0301, as PDFs and macOS write them)
is the same text as the letter written with it (é): such a quote was not found, an
error; it is now found up to typography, the characters named."""

from __future__ import annotations

import unicodedata
from typing import Literal

import pytest

from timeline.verify.match import Outcome, SourceText, check
from timeline.verify.report import line_body

TYPED = "La mairie a d\u00e9cid\u00e9 : \u00ab Nous n\u2019avons pas de budget pour le caf\u00e9. \u00bb"
APART = unicodedata.normalize("NFD", TYPED)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_letters_and_accents_written_apart_are_typographic(form: Literal["NFC", "NFD"]) -> None:
    quote = unicodedata.normalize(form, "La mairie a d\u00e9cid\u00e9")
    text = APART if form == "NFC" else TYPED
    match = check(quote, SourceText(text))
    assert match.outcome is Outcome.TYPOGRAPHIC
    assert match.passage == text[match.start : match.end]
    assert all(d.typographic for d in match.differences)
    for d in match.differences:
        assert unicodedata.normalize("NFC", text[d.source_start : d.source_end]) == "\u00e9"
    said = line_body(match, "a.txt")
    assert "typographic only" in said and "U+0301" in said


def test_with_an_edit_too() -> None:
    match = check("La mairie a d\u00e9cid\u00e9 ... pour le caf\u00e9.", SourceText(APART))
    assert match.outcome is Outcome.EDITED
    assert [d.edit for d in match.differences if d.edit] == ["omitted"]
    assert {d.typographic for d in match.differences if not d.edit} == {True}


def test_another_letter_is_still_not_found() -> None:
    match = check("budget pour le cafe", SourceText(APART))
    assert match.outcome is Outcome.NOT_FOUND
    [difference] = match.differences
    assert (difference.quote, difference.source) == ("e", "e\u0301")
    assert not difference.typographic


def test_hangul_written_in_jamo() -> None:
    text = unicodedata.normalize("NFD", "\ud55c\uad6d \uc815\ubd80\ub294 \ubc1c\ud45c\ud588\ub2e4.")
    match = check("\ud55c\uad6d \uc815\ubd80\ub294", SourceText(text))
    assert match.outcome is Outcome.TYPOGRAPHIC

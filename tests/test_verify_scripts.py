"""Quotes in scripts other than Latin: their own final punctuation ("؟", "。", "！",
"۔", "।") is final punctuation, as "?" and "." are; and a short quote in Chinese or
Japanese, a sentence in a few characters, may mark its edits as a longer English one
does."""

from __future__ import annotations

import pytest

from timeline.verify.match import Match, Outcome, SourceText, check
from timeline.verify.quote_edits import FINAL, PUNCTUATION, TONE, units
from timeline.verify.report import line_body, said_differences

ARABIC = "قال الوزير إن هذا قرار خاطئ، ثم غادر القاعة. هل هذا صحيح يا سيدي الرئيس؟ نعم."
CHINESE = "市长说这不是犯罪。他走了。记者问：你同意这个决定吗？他说：我们完全不同意这个决定！"


def edits(match: Match) -> list[tuple[str, str, str]]:
    return [(d.edit, d.quote, d.source) for d in match.differences if d.edit]


@pytest.mark.parametrize("mark", ["؟", "。", "！", "？", "۔", "।", "،", "、"])
def test_other_scripts_final_punctuation_is_final_punctuation(mark: str) -> None:
    assert mark in FINAL


def test_a_question_mark_of_another_script_the_speaker_did_not_end_with_is_not_found() -> None:
    # "؟" put where the source has "،" makes the minister ask: it was not taken for final
    # punctuation at all, and said as any other character that differs.
    quote = "إن هذا قرار خاطئ؟"
    match = check(quote, SourceText(ARABIC))
    assert match.outcome is Outcome.NOT_FOUND
    assert edits(match) == [(TONE, "؟", "،")]
    assert "a question or exclamation mark the speaker did not end with" in line_body(match)
    # Where the source goes on ("يا سيدي" of "يا سيدي الرئيس؟"), as "?" there.
    match = check("هل هذا صحيح يا سيدي؟", SourceText(ARABIC))
    assert edits(match) == [(TONE, "؟", "")]
    match = check("我们完全不同意这个决定？", SourceText(CHINESE))
    assert edits(match) == [(TONE, "？", "！")]


def test_a_full_stop_of_another_script_in_place_of_the_sources_mark_is_an_edit() -> None:
    # The source's "،" was not known as punctuation: the full stop "ends the quote where
    # the source goes on", which it does not.
    match = check("إن هذا قرار خاطئ.", SourceText(ARABIC))
    assert match.outcome is Outcome.EDITED
    assert edits(match) == [(PUNCTUATION, ".", "،")]
    match = check(
        "This is the end of the road\u3002", SourceText("This is the end of the road, he said.")
    )
    assert match.outcome is Outcome.EDITED
    assert edits(match) == [(PUNCTUATION, "\u3002", ",")]


def test_a_question_asked_in_another_scripts_mark_is_the_speakers_still() -> None:
    # "?" for the speaker's "؟" (or "？") changes the script, not the tone.
    match = check("هل هذا صحيح يا سيدي الرئيس?", SourceText(ARABIC))
    assert match.outcome is Outcome.EDITED
    assert edits(match) == [(PUNCTUATION, "?", "؟")]
    match = check("记者问：你同意这个决定吗?", SourceText(CHINESE))
    assert edits(match) == [(PUNCTUATION, "?", "？")]


ARTICLE_ZH = "记者问他的看法。市长说这不是犯罪。他走了。"


@pytest.mark.parametrize(
    ("quote", "said"),
    [
        # Five characters and a full stop, a whole sentence, then a word put in.
        ("这不是犯罪。[他]走了。", ("[他]", "他")),
        ("[市长]说这不是犯罪。", ("[市长]", "市长")),
        ("市长说……犯罪。", ("……", "这不是")),
    ],
)
def test_a_short_chinese_quote_may_mark_its_edits(quote: str, said: tuple[str, str]) -> None:
    # It was refused as too short to place (fewer than 12 characters outside its marks),
    # and not found, with its brackets said as characters that differ.
    match = check(quote, SourceText(ARTICLE_ZH))
    assert match.outcome is Outcome.EDITED, line_body(match)
    assert [(d.quote, d.source) for d in match.differences if d.edit][:1] == [said]


def test_units_count_a_chinese_character_as_three_a_kana_or_hangul_syllable_as_two() -> None:
    assert units("We have") == 7
    assert units("这不是犯罪。") == 16
    assert units("ひらがな") == 8
    assert units("한국어") == 6


def test_a_quote_too_short_to_place_its_edits_says_so() -> None:
    # It said only how its brackets differ from the closest passage, as if looked for.
    match = check("[He] said no.", SourceText("Later he said no to it."))
    assert match.outcome is Outcome.NOT_FOUND
    body = line_body(match, "a.txt")
    assert "its edits were not looked for: too little of the quote is outside its marks" in body
    assert "(8 units of the 12 needed" in body
    # The s screen asks for the differences without the quote: said there too (it was
    # said only on the command line).
    assert said_differences(match)[0].startswith("its edits were not looked for")
    # Long enough, it is looked for: not found for its words, not for its length.
    match = check("[He] sad no to it all.", SourceText("Later he said no to it all."))
    assert "not looked for" not in line_body(match)

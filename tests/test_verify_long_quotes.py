"""A long quote not found is aligned with its text only where pieces of it point.

rapidfuzz's alignment of the whole text took time growing with the square of the
quote's length times the text's, when the quote matches little of it: a quote of
2,000 characters against the wrong page of 300 KB took 15 seconds; 5,000 brackets and
a few words against a 200 KB archive, two minutes. The tests count what is aligned,
rather than time it."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz

from timeline.verify import anchors
from timeline.verify.match import Outcome, SourceText, check


def article(words: int, seed: int = 7) -> str:
    """Prose of common-looking words, in paragraphs."""
    rng = random.Random(seed)
    vocabulary = [
        "".join(rng.choice("abcdefghijklmnoprstuw") for _ in range(rng.randint(2, 9)))
        for _ in range(3_000)
    ]
    said = [rng.choice(vocabulary) for _ in range(words)]
    return "\n\n".join(" ".join(said[i : i + 120]) + "." for i in range(0, words, 120))


@pytest.fixture
def aligned(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """The lengths of the quote and of the text each alignment is given."""
    calls: list[tuple[int, int]] = []
    align = fuzz.partial_ratio_alignment

    def counted(quote: str, text: str) -> object:
        calls.append((len(quote), len(text)))
        return align(quote, text)

    monkeypatch.setattr(fuzz, "partial_ratio_alignment", counted)
    return calls


def test_a_quote_from_elsewhere_is_aligned_near_its_pieces_only(
    aligned: list[tuple[int, int]],
) -> None:
    text = SourceText(article(50_000))  # 300 KB
    quote = article(300, seed=8)  # 1,800 characters, none of them from this text
    match = check(quote, text)
    assert match.outcome is Outcome.NOT_FOUND
    [(size, within)] = aligned
    assert size * size * within <= anchors.BUDGET * 2


def test_a_quote_of_thousands_of_marks_is_never_aligned(aligned: list[tuple[int, int]]) -> None:
    text = SourceText(article(3_000))
    words = text.text[5_000:5_100].split(" ", 1)[1]
    match = check("[" * 5_000 + words, text)
    assert match.outcome is Outcome.NOT_FOUND
    assert aligned == []


@pytest.mark.parametrize("size", [900, 3_000])
def test_a_long_quote_with_a_letter_changed_is_still_placed_exactly(
    aligned: list[tuple[int, int]], size: int
) -> None:
    text = article(80_000)
    start = text.index(" ", 100_000) + 1
    end = text.index(" ", start + size)
    source = text[start:end]
    quote = source[:400] + "Q" + source[401:]  # one letter changed
    match = check(quote, SourceText(text))
    assert match.outcome is Outcome.NOT_FOUND
    assert (match.start, match.end) == (start, end)
    assert [(d.quote, d.source) for d in match.differences] == [("Q", source[400])]
    assert all(within < len(text) for _, within in aligned)

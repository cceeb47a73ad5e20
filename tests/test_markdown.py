"""Markdown export: a dated, readable document in which file text is never markup."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from timeline.model import Event, Precision, Quote, Source, Timeline, When
from timeline.read import load_any
from timeline.write import markdown

ROOT = Path(__file__).resolve().parent.parent


def _events() -> Timeline:
    result = load_any(ROOT / "events.toml")
    assert result.timeline is not None
    return result.timeline


def test_document_has_month_headings_and_each_event() -> None:
    text = markdown.dumps(_events())
    assert text.startswith("# RAICES declines Salesforce's $250,000\n")
    assert text.count("\n## July 2018\n") == 1
    assert "### Marc Benioff: Salesforce is “true to our core values”" in text
    assert "**8 Jul 2018** · tweet · Marc Benioff (@Benioff), CEO, Salesforce" in text
    assert "**before 16 Jul 2018**" in text
    assert "> — RAICES" in text


def test_quotes_keep_line_breaks_inside_the_block_quote() -> None:
    text = markdown.dumps(_events())
    assert "> We responded on Monday by telling them" in text
    assert "> After @salesforce workers" in text


def test_headings_per_month_and_year_including_bce() -> None:
    events = (
        Event("a", When(-500, precision=Precision.YEAR), "Old"),
        Event("b", When(2018, 6, precision=Precision.MONTH), "June"),
        Event("c", When(2018, 7, 2), "July"),
    )
    text = markdown.dumps(Timeline("T", events))
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## 500 BCE",
        "## June 2018",
        "## July 2018",
    ]


def test_source_is_a_link_and_unsafe_urls_are_not() -> None:
    event = Event(
        "a",
        When(2018, 7, 2),
        "T",
        sources=(Source("The (big) story", "https://example.org/a b"),),
    )
    text = markdown.dumps(Timeline("T", (event,)))
    assert "Source: [The (big) story](<https://example.org/a%20b>)" in text
    bad = Event("b", When(2018, 7, 3), "U", sources=(Source("click", "javascript:alert(1)"),))
    text = markdown.dumps(Timeline("T", (bad,)))
    assert "javascript" not in text
    assert "Source: click" in text


def test_file_text_cannot_inject_markup() -> None:
    nasty = "# Heading\n- item\n1. one\n<script>x</script> [a](http://x) *b* `c` | d &amp; \x1b[31m"
    event = Event("a", When(2018, 7, 2), nasty, context=nasty, quotes=(Quote(nasty, nasty),))
    text = markdown.dumps(Timeline(nasty, (event,)))
    assert "<script>" not in text
    assert "[a](" not in text
    assert "\x1b" not in text
    assert "\n# Heading" not in text and "\n- item" not in text and "\n1. one" not in text
    assert "\\<script\\>" in text
    assert "\\&amp;" in text


@given(st.text())
def test_escaped_text_has_no_unescaped_markup_characters(value: str) -> None:
    out = markdown.escape(value)
    assert "\x1b" not in out
    for i, char in enumerate(out):
        if char in "<>[]`*_&|~":
            # Preceded by an odd number of backslashes: escaped.
            run = len(out[:i]) - len(out[:i].rstrip("\\"))
            assert run % 2 == 1, (value, out)

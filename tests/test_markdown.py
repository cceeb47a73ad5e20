"""Markdown export: a dated, readable document in which file text is never markup."""

from __future__ import annotations

from pathlib import Path

import pytest
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
    assert text.startswith("# RAICES declines Salesforce's \\$250,000\n")  # \$: not math
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
        if char in "<>[]`*_&|~$":
            # Preceded by an odd number of backslashes: escaped.
            run = len(out[:i]) - len(out[:i].rstrip("\\"))
            assert run % 2 == 1, (value, out)


PROVENANCE = ROOT / "tests" / "fixtures" / "provenance.toml"


def _provenance() -> Timeline:
    result = load_any(PROVENANCE)
    assert result.timeline is not None
    return result.timeline


def test_every_source_is_listed_with_its_kind_access_date_and_archive() -> None:
    text = markdown.dumps(_provenance())
    assert (
        "Sources:\n\n"
        "- [RAICES on Twitter, 19 July 2018](<https://twitter.com/RAICESTEXAS/status/"
        "1020013329146019840>) (primary; accessed 20 Jul 2018; archived copy: "
        "sources/raices-tweet.html)\n"
        "- The article (secondary; archived copy: sources/article.txt)\n"
    ) in text
    assert "Source: RAICES, as quoted in the article\n" in text


def test_a_quote_shows_its_own_date_source_and_note_and_the_status_is_shown() -> None:
    text = markdown.dumps(_provenance())
    assert (
        "> — RAICES, 19 Jul 2018, [RAICES on Twitter, 19 July 2018](<https://twitter.com/"
        "RAICESTEXAS/status/1020013329146019840>) (accessed 20 Jul 2018 09:30 CDT)\n>\n"
        "> Note: Quoted by the article, not seen in the tweet itself.\n"
    ) in text
    # A relative quote date is shown as the date it gives.
    assert "> — RAICES, 19 Jul 2018, RAICES on Twitter (primary)\n" in text
    assert text.count("Status: single source\n") == 2


def test_research_notes_only_in_a_private_document() -> None:
    public = markdown.dumps(_provenance())
    assert "Ask RAICES" not in public and "Research notes" not in public
    private = markdown.dumps(_provenance(), private=True)
    assert "**Research notes:** Ask RAICES for the letter itself.\n" in private
    assert "**Research notes:** Two sources agree.\\\nThe tweet was archived" in private


def test_provenance_text_cannot_inject_markup() -> None:
    nasty = "# H\n- item\n<script>x</script> [a](http://x) *b* \x1b[31m"
    source = Source(nasty, "https://example.org/a", nasty, None, nasty)
    event = Event(
        "a",
        When(2018, 7, 2),
        "T",
        sources=(source, Source(nasty)),
        quotes=(Quote("q", nasty, None, source, nasty),),
        status=nasty,
        notes=nasty,
    )
    text = markdown.dumps(Timeline("T", (event,)), private=True)
    assert "<script>" not in text and "[a](" not in text and "\x1b" not in text
    assert "\n# H" not in text and "\n- item" not in text
    assert "\n> - item" not in text and "\n> # H" not in text


def test_related_events_are_named_by_their_titles_never_their_ids() -> None:
    # Bug fixed: "In reply to: raices-tweet" showed the slug id, which means nothing to
    # a reader; replies the other way and the events a date is counted from were missing.
    text = markdown.dumps(_events())
    assert "raices-tweet" not in text and "raices-letter" not in text
    assert "In reply to: RAICES announces it has refused Salesforce's donation (19 Jul 2018)\n" in (
        text
    )
    assert (
        "Replied to by: Chema Hernández Gil says he is donating to RAICES and tells "
        "Salesforce to cancel the contract (19 Jul 2018)\n"
    ) in text
    assert "Dated from: RAICES announces it has refused Salesforce's donation (19 Jul 2018)\n" in (
        text
    )
    slugs = [event.id for event in _events().events if "-" in event.id]
    assert len(slugs) >= 8 and [slug for slug in slugs if slug in text] == []


def test_a_derived_date_says_how_it_was_worked_out() -> None:
    text = markdown.dumps(_events())
    assert (
        "*written as “Monday”: the Monday on or before “RAICES announces it has refused "
        "Salesforce's donation” (Thursday 19 July 2018)*\n"
    ) in text


def test_an_event_a_filter_left_out_is_named_and_said_to_be_left_out() -> None:
    everything = _events()
    kept = tuple(e for e in everything.events if e.id == "chema-tweet")
    text = markdown.dumps(Timeline("T", kept), everything=everything)
    assert (
        "In reply to: RAICES announces it has refused Salesforce's donation (19 Jul 2018), "
        "not in this document\n"
    ) in text
    # Without the whole timeline the title cannot be known; the file's words are quoted.
    alone = markdown.dumps(Timeline("T", kept))
    assert "In reply to: “raices-tweet”, which names no event of the timeline" in alone


def test_export_with_a_filter_names_left_out_events_by_title(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from timeline.cli import main

    assert (
        main(["export", str(ROOT / "events.toml"), "--to", "markdown", "--filter", "kind=tweet"])
        == 0
    )
    out = capsys.readouterr().out
    assert "### RAICES tells Salesforce" not in out
    assert (
        "In reply to: RAICES announces it has refused Salesforce's donation (19 Jul 2018)\n" in out
    )


@pytest.mark.parametrize("title", ["Poll #", "Tweet ##", "C#", "#", "No. # 5"])
def test_a_title_ending_in_a_hash_keeps_it_when_rendered(title: str) -> None:
    # "# Poll #" is rendered as a heading "Poll": Markdown drops a closing "#" run.
    from markdown_it import MarkdownIt

    event = Event("a", When(2018, 7, 2), title)
    html = MarkdownIt().render(markdown.dumps(Timeline(title, (event,))))
    assert f"<h1>{title}</h1>" in html
    assert f"<h3>{title}</h3>" in html


def test_dollar_signs_stay_money_not_math() -> None:
    # GitHub renders $...$ as a formula: "$250,000 and $300,000" lost its amounts.
    event = Event("a", When(2018, 7, 2), "Offered $250,000, then $300,000")
    text = markdown.dumps(Timeline("Money", (event,)))
    assert "\\$250,000, then \\$300,000" in text


def test_a_quote_source_known_only_by_its_archive_is_still_cited(tmp_path: Path) -> None:
    # Bug fixed: a quote's own source without a label or URL was left out, so the
    # quote read as if from its event's source.
    path = tmp_path / "t.toml"
    path.write_text(
        '[timeline]\ntitle = "t"\n\n[[events]]\ndate = 2018-07-19\ntitle = "A"\n'
        'source = "The article"\n\n[[events.quotes]]\ntext = "q"\n'
        'source = { archive = "sources/a.txt", accessed = "before 2018-07-20" }\n\n'
        '[[events.sources]]\narchive = "sources/b.txt"\n',
        encoding="utf-8",
    )
    result = load_any(path)
    assert result.timeline is not None
    text = markdown.dumps(result.timeline)
    assert "> q\n>\n> — (accessed before 20 Jul 2018; archived copy: sources/a.txt)\n" in text
    assert "\n- (archived copy: sources/b.txt)\n" in text


def test_a_date_listed_under_a_year_takes_no_heading_after_a_month_of_it() -> None:
    # Found trying the tool as a new user: "before 2020", listed under 2019, got a
    # "## 2019" heading after "## December 2019", as if 2019 began again.
    from conftest import BEFORE_A_YEAR

    from timeline.read.toml import load_text

    loaded = load_text(BEFORE_A_YEAR).timeline
    assert loaded is not None
    text = markdown.dumps(loaded)
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## December 2019",
        "## January 2020",
    ]

"""A web page's footnote markers run into its text ("built.12 Then", "the plan3
without"): a quote spanning one was not found, and one after a word joined it. Markers
the page marks as such (a superscript after punctuation, a link to a note) may be left
out of a quote, and are said; a bare number in plain text is not taken for one."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.cli import main
from timeline.read.html import read_page
from timeline.read.html_notes import is_marker
from timeline.verify.archive_text import text_of
from timeline.verify.match import Match, Outcome, SourceText, check
from timeline.verify.passage import passage
from timeline.verify.quote_edits import FOOTNOTE
from timeline.verify.report import as_dict, line_body

PAGE = (
    "<p>By March the wall is built.<sup>12</sup> Then the crews went home.</p>\n"
    '<p>The council approved the plan<sup><a href="#cite_note-3">[3]</a></sup> without '
    "debate.</p>\n"
    '<p>The levy was raised<a href="#fn4" role="doc-noteref"><sup>4</sup></a> to pay for '
    "roads.</p>\n"
    "<p>\u201cWe will not cut the hours,\u201d <sup>5</sup> she said.</p>\n"
    "<p>An area of 100 m<sup>2</sup> was sold; 10<sup>6</sup> people came.</p>\n"
)


def on_page(quote: str, page: str = PAGE) -> Match:
    return check(quote, SourceText.of(text_of(page.encode(), "html", "a.html")))


def notes(page: str) -> list[str]:
    read = read_page(page)
    return [read.text[a:b] for a, b in read.notes]


def test_the_pages_footnote_markers_are_known_and_powers_and_units_are_not() -> None:
    assert notes(PAGE) == ["12", "[3]", "4", "5"]
    assert is_marker("[12]", linked=False) and is_marker("1, 2", linked=False)
    assert is_marker("\u2020", linked=False) and is_marker("a", linked=True)
    assert not is_marker("a", linked=False) and not is_marker("1234", linked=True)
    assert not is_marker("nd", linked=True)  # "2<sup>nd</sup>"
    # A link elsewhere is no note.
    assert notes('<p>see<sup><a href="https://example.org/">3</a></sup> it</p>') == []


@pytest.mark.parametrize(
    ("quote", "marker"),
    [
        ("the wall is built. Then the crews went home.", "12"),
        ("The council approved the plan without debate.", "[3]"),
        ("The levy was raised to pay for roads.", "4"),
        ("\u201cWe will not cut the hours,\u201d she said.", "5"),
    ],
)
def test_a_quote_may_leave_out_a_footnote_marker_and_it_is_said(quote: str, marker: str) -> None:
    match = on_page(quote)
    assert match.outcome is Outcome.EDITED, line_body(match)
    assert [(d.edit, d.quote, d.source) for d in match.differences] == [(FOOTNOTE, "", marker)]
    body = line_body(match, "a.html")
    assert "in the source, left out: a note reference, which a writer may leave out unmarked" in (
        body
    )
    assert as_dict(match)["differences"][0]["edit"] == "footnote"  # type: ignore[index]
    # The viewer's source screen marks it as an edit, not as a difference.
    text = read_page(PAGE).text
    shown = passage(text, match)
    assert [p.text for p in shown.source if p.role == "edited"] == [marker]
    assert not [p for p in shown.source if p.role == "differs"]


def test_a_marker_run_into_the_last_word_quoted_leaves_it_whole() -> None:
    # "the plan" was not found in "the plan[3]", nor "plan" after a link's "3".
    match = on_page("The council approved the plan")
    assert match.outcome is Outcome.VERBATIM
    assert match.passage == "The council approved the plan"
    page = '<p>The council approved the plan<a href="#fn3"><sup>3</sup></a> in May.</p>'
    assert on_page("The council approved the plan", page).outcome is Outcome.VERBATIM


def test_a_superscript_after_a_word_or_number_is_not_left_out() -> None:
    # m² and 10⁶: leaving out the "2" or the "6" would change what the source says.
    assert on_page("An area of 100 m was sold").outcome is Outcome.NOT_FOUND
    assert on_page("10 people came.").outcome is Outcome.NOT_FOUND


def test_a_bare_number_in_plain_text_is_not_taken_for_a_marker() -> None:
    text = "By March the wall is built.12 Then the crews went home."
    match = check("the wall is built. Then the crews went home.", SourceText(text))
    assert match.outcome is Outcome.NOT_FOUND
    assert [d.source for d in match.differences] == ["12"]
    assert not any(d.edit for d in match.differences)


def test_verify_finds_a_quote_across_a_footnote_marker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "t.toml").write_text(
        '[[events]]\nid = "wall"\ndate = 2024-03-11\ntitle = "Wall"\n'
        'source = { label = "Article", archive = "sources/a.html" }\n'
        '[[events.quotes]]\ntext = "the wall is built. Then the crews went home."\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    assert main(["verify", "t.toml"]) == 0
    out = capsys.readouterr().out
    assert (
        'found with edits, in sources/a.html (line 1, column 13): the footnote marker "12"' in out
    )

"""Where `timeline verify` says a passage is: in the archive's file as a reader opens it.

A web page's text is read from its markup, so a line of that text is not a line of
the file: a passage is placed where the markup writes its first character (or the
entity that writes it). A PDF is placed by its page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from verify_support import make_pdf

from timeline.cli import main
from timeline.read.html import PageText, _Block, read_page
from timeline.verify.archives import Archives
from timeline.verify.match import Outcome
from timeline.verify.report import where

# Nine lines; the paragraph quoted is on line 7, where the page's text has it on line 9
# at column 1: after a title, a heading and two paragraphs, each a paragraph of its own.
PAGE = """<!doctype html>
<html>
<head><title>Hot startup Theranos has struggled</title>
<style>p { margin: 0 }</style></head>
<body>
<h1>Hot Startup Theranos Has Struggled With Its Blood-Test Technology</h1>
<div><p>By John Carreyrou</p><p>Oct. 15, 2015</p><p>&ldquo;The tests are accurate,&rdquo; said Ms. Holmes &amp; her lab&hellip;</p></div>
</body>
</html>
"""
LDQUO = PAGE.splitlines()[6].index("&ldquo;") + 1  # the column the passage starts at

TIMELINE = """[timeline]
title = "Theranos"

[[events]]
id = "wsj"
date = 2015-10-15
title = "WSJ"
source = {{ label = "WSJ", archive = "{archive}" }}
quote = "{quote}"
"""


def verified(tmp_path: Path, name: str, data: bytes | str, quote: str) -> Path:
    """A timeline of one quote whose source is archived as `name`, holding `data`."""
    (tmp_path / "sources").mkdir(exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    (tmp_path / "sources" / name).write_bytes(raw)
    path = tmp_path / "t.toml"
    path.write_text(TIMELINE.format(archive=f"sources/{name}", quote=quote), encoding="utf-8")
    return path


def first_line(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    main(["verify", str(path)])
    return capsys.readouterr().out.splitlines()[0]


def json_passage(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    main(["verify", "--format", "json", str(path)])
    passage: dict[str, object] = json.loads(capsys.readouterr().out)["quotes"][0]["passage"]
    return passage


def test_a_passage_of_a_web_page_is_placed_in_its_markup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = verified(tmp_path, "wsj-2015.html", PAGE, "“The tests are accurate,” said Ms. Holmes")
    line = first_line(path, capsys)
    # Line 7 of the file, where `&ldquo;` starts, is where a reader finds it.
    assert line.endswith(f"verbatim in sources/wsj-2015.html (line 7, column {LDQUO})")


@pytest.mark.parametrize(
    ("quote", "written"),
    [
        ("“The tests are accurate,” said", "&ldquo;The tests"),  # verbatim, at an entity
        ("The tests are accurate", "The tests are"),  # inside a paragraph
        ('"The tests are accurate," said', "&ldquo;The tests"),  # typographic
        ("said Ms. Holmes & her lab...", "said Ms. Holmes &amp;"),  # typographic, after one
        ("The tests are acurate", "The tests are"),  # not found: the closest passage
        ("Hot Startup Theranos", "Hot Startup"),  # after the title's text
    ],
)
def test_every_outcome_is_placed_where_the_markup_writes_the_passage(
    tmp_path: Path, quote: str, written: str
) -> None:
    (tmp_path / "p.html").write_text(PAGE, encoding="utf-8")
    match = Archives(tmp_path).check(quote, "p.html")
    assert match.outcome is not Outcome.UNCHECKED
    at = PAGE.index(written)
    line = PAGE.count("\n", 0, at) + 1
    column = at - (PAGE.rfind("\n", 0, at) + 1) + 1
    assert (match.line, match.column, match.page) == (line, column, 0)
    assert where(match) == f"line {line}, column {column}"


# Pieces of markup, each with what a reader of the page sees of it.
_PIECES = st.sampled_from(
    ["word", "Ünï", " ", "  ", "\n", "\n  \t", "&amp;", "&ldquo;", "&#8217;", "&nbsp;",
     "<b>", "</b>", "<p>", "</p>", "<br>", "<div>", "</div>", "<!-- note -->",
     "<script>x = '<p>no</p>'</script>", "<span hidden>gone</span>", "&bogus", "<"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_every_character_of_a_page_is_traced_to_where_the_markup_writes_it(
    pieces: list[str],
) -> None:
    markup = "".join(pieces)
    page = read_page(markup)
    text = page.text
    for offset, char in enumerate(text):
        at = page.origin(offset)
        written = markup[at]
        if char == written:
            continue
        if char == " " and written in " \t\n\r\f":
            continue  # a run of whitespace, collapsed
        if written in "&<":
            continue  # what an entity or a <br> writes
        # The blank line between two paragraphs: where the second starts.
        assert char == "\n" and "\n\n" in text[offset - 1 : offset + 2], (offset, text)
        after = len(text) - len(text[offset:].lstrip("\n"))
        assert at == page.origin(after)


def _collapsed(pieces: list[tuple[str, bool]]) -> str:
    """What the page's text was before it was placed: adjacent literal pieces joined,
    each run of whitespace in them one space, none at either end."""
    merged: list[tuple[str, bool]] = []
    for text, literal in pieces:
        if merged and literal and merged[-1][1]:
            merged[-1] = (merged[-1][0] + text, True)
        else:
            merged.append((text, literal))
    parts = [(re.sub(r"[ \t\n\r\f]+", " ", t) if lit else t, lit) for t, lit in merged]
    if parts and parts[0][1]:
        parts[0] = (parts[0][0].lstrip(" \t\n\r\f"), True)
    if parts and parts[-1][1]:
        parts[-1] = (parts[-1][0].rstrip(" \t\n\r\f"), True)
    return "".join(t for t, _ in parts)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.text(" \t\n\fa&", min_size=1, max_size=6), st.booleans())))
def test_placing_a_page_changes_none_of_its_text(pieces: list[tuple[str, bool]]) -> None:
    block = _Block()
    for at, (text, literal) in enumerate(pieces):
        block.add(text, literal, at)
    assert block.finish(PageText()) == _collapsed(pieces)


def test_a_pdf_passage_is_placed_on_its_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = make_pdf(
        ["Cover", "Nothing quoted here."],
        ["Chapter two", "The tests are accurate, said Ms. Holmes."],
    )
    path = verified(tmp_path, "report.pdf", pdf, "The tests are accurate")
    assert first_line(path, capsys).endswith(
        "verbatim in sources/report.pdf (page 2, line 2, column 1 of the text read from that page)"
    )
    passage = json_passage(path, capsys)
    assert (passage["page"], passage["line"], passage["column"]) == (2, 2, 1)


def test_a_plain_text_passage_is_placed_in_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = verified(tmp_path, "a.txt", "Title\n\n  The tests are accurate.\n", "The tests are")
    assert first_line(path, capsys).endswith("verbatim in sources/a.txt (line 3, column 3)")
    passage = json_passage(path, capsys)
    assert (passage["page"], passage["line"], passage["column"]) == (None, 3, 3)

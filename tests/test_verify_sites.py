"""Which quote each `timeline verify` result is about, and where the quote is written.

Every line names the event and the quote's number (as `check` names them:
`event 'a': quote 2`) and is placed at the quote itself: its `text` in an
`[[events.quotes]]` table, its `quote = ...`, or its item in a `quotes = [...]` array.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline.cli import main
from timeline.read.locate import Locator
from timeline.verify.report import about

TIMELINE = """[timeline]
title = "Quotes"

[[events]]
id = "page"
date = 2020-01-01
title = "Page"
source = { label = "Page", archive = "sources/page.txt" }
quote = "alpha"
quotes = [
  "beta, [gamma]",  # a comma and brackets, in a string and here ], [
  { text = "delta", note = "a [note], with {braces}", source = { label = "P", archive = "sources/page.txt" } },
  '''
epsilon''', "zeta",
  "not in the page",
]

[[events]]
id = "short"
date = 2020-01-02
title = "Short"
source = { label = "Page", archive = "sources/page.txt" }
quotes = ["alpha", 'zeta']

[[events]]
id = "tables"
date = 2020-01-03
title = "Tables"
source = { label = "Page", archive = "sources/page.txt" }

[[events.quotes]]
text = "delta"

[[events.quotes]]
  text = "zeta"
"""
PAGE = "alpha beta, [gamma] delta epsilon zeta\n"


def place(text: str, written: str, nth: int = 1) -> tuple[int, int]:
    """Line and column of the nth occurrence of `written` in the text."""
    at = -1
    for _ in range(nth):
        at = text.index(written, at + 1)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


# Each quote: its event, its number, and what starts it in the file (nth occurrence).
QUOTES = [
    ("page", 1, 'quote = "alpha"', 1, "verbatim"),
    ("page", 2, '"beta, [gamma]"', 1, "verbatim"),
    ("page", 3, '{ text = "delta"', 1, "verbatim"),
    ("page", 4, "'''", 1, "verbatim"),
    ("page", 5, '"zeta"', 1, "verbatim"),
    ("page", 6, '"not in the page"', 1, "not_found"),
    ("short", 1, '"alpha"', 2, "verbatim"),
    ("short", 2, "'zeta'", 1, "verbatim"),
    ("tables", 1, 'text = "delta"', 2, "verbatim"),
    ("tables", 2, 'text = "zeta"', 1, "verbatim"),
]


@pytest.fixture
def timeline(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "page.txt").write_text(PAGE, encoding="utf-8")
    path = tmp_path / "quotes.toml"
    path.write_text(TIMELINE, encoding="utf-8")
    return path


def test_every_line_names_its_event_and_quote_and_stands_at_the_quote(
    timeline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", str(timeline)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == f"{timeline}: 9 verbatim, 1 not found"
    expected = []
    for event, number, written, nth, outcome in QUOTES:
        line, column = place(TIMELINE, written, nth)
        severity = "note" if outcome == "verbatim" else "error"
        expected.append(
            f"{timeline}:{line}:{column}: {severity}: event '{event}': quote {number}: "
        )
    assert len(lines) == len(expected) + 1
    for said, start in zip(lines, expected, strict=False):
        assert said.startswith(start), (said, start)
    assert lines[5].startswith(f"{expected[5]}not found in sources/page.txt; closest passage")


def test_every_json_result_names_its_event_quote_and_place(
    timeline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", "--format", "json", str(timeline)]) == 1
    found = json.loads(capsys.readouterr().out)["quotes"]
    said = [(q["event"], q["quote_number"], q["line"], q["column"], q["outcome"]) for q in found]
    assert said == [
        (event, number, *place(TIMELINE, written, nth), outcome)
        for event, number, written, nth, outcome in QUOTES
    ]


def test_an_unreadable_archive_is_reported_on_each_quote_by_name(
    timeline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (timeline.parent / "sources" / "page.txt").unlink()
    assert main(["verify", str(timeline)]) == 2
    lines = capsys.readouterr().out.splitlines()
    line, column = place(TIMELINE, '"zeta"')
    assert (
        f"{timeline}:{line}:{column}: error: event 'page': quote 5: cannot check: "
        "sources/page.txt: no such archive; run `timeline archive` or fix the path"
    ) in lines


def test_items_of_an_inline_array_are_placed_where_each_starts() -> None:
    locator = Locator(lambda: TIMELINE)
    items = ('"beta, [gamma]"', "{ text", "'''", '"zeta"', '"not in the page"')
    assert locator.items(0, "quotes") == [place(TIMELINE, written) for written in items]
    assert locator.items(1, "quotes") == [place(TIMELINE, '"alpha"', 2), place(TIMELINE, "'zeta'")]
    assert locator.items(0, "quote") == []  # a string, not an array
    assert locator.items(2, "quotes") == []  # written as tables
    assert locator.items(7, "quotes") == []  # no such event


def test_arrays_nested_in_items_and_comments_between_them_start_no_item() -> None:
    text = (
        '[[events]]\nid = "a"\nquotes = [ # [ "not an item",\n'
        '  [1, [2, 3]], { a = [4, { b = 5 }] }, """x\n]""",\n'
        "  2020-01-01 , # ]\n  'last' ]\nquote = \"after\"\n"
    )
    starts = ("[1,", "{ a", '"""x', "2020-01-01", "'last'")
    assert Locator(lambda: text).items(0, "quotes") == [place(text, s) for s in starts]


def test_an_id_is_named_as_check_names_it_and_cannot_drive_the_terminal() -> None:
    assert about("raices-tweet", 1) == "event 'raices-tweet': quote 2"
    assert "\x1b" not in about("a\x1b[2Jb", 0)

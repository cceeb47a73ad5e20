"""timeline.verify.report: results as `check`-style line bodies and as JSON-able data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline.cli import main
from timeline.verify.archive_text import ArchiveError
from timeline.verify.match import Difference, Match, Outcome, SourceText, check, unchecked
from timeline.verify.report import (
    SHOWN_DIFFERENCES,
    as_dict,
    characters,
    describe,
    error_body,
    error_dict,
    line_body,
)

SOURCE = SourceText("Title\n\nWe dont have an agreement with ICE. I’m Proud of our Ohana.\n")
ARCHIVE = "sources/0123456789abcdef.txt"


def test_verbatim_line() -> None:
    match = check("We dont have an agreement", SOURCE)
    assert line_body(match, ARCHIVE) == f"note: verbatim in {ARCHIVE} (line 3, column 1)"


def test_typographic_line_names_the_characters() -> None:
    match = check("I'm Proud", SOURCE)
    assert line_body(match, ARCHIVE) == (
        f"warning: typographic only, in {ARCHIVE} (line 3, column 37): "
        "’ (U+2019) in the source where the quote has ' (U+0027), "
        'at character 2 of the quote ("I\'m Proud")'
    )


def test_not_found_line_shows_the_passage_and_the_difference() -> None:
    match = check("We don't have an agreement with ICE.", SOURCE)
    assert line_body(match, ARCHIVE) == (
        f"error: not found in {ARCHIVE}; closest passage (line 3, column 1, 98.6% similar): "
        '"We dont have an agreement with ICE."; '
        "the quote has ' (U+0027) where the source has nothing, "
        'at character 7 of the quote ("We don\'t have an ag…")'
    )


def test_unchecked_and_unreadable() -> None:
    assert line_body(unchecked("q")) == "note: unchecked: no archive to check against"
    error = ArchiveError("sources/x.pdf", "is not a readable PDF (PdfReadError: EOF)")
    assert error_body(error) == (
        "error: cannot check: sources/x.pdf: is not a readable PDF (PdfReadError: EOF)"
    )
    assert error_dict(error, "q") == {
        "outcome": "archive_error",
        "severity": "error",
        "archive": "sources/x.pdf",
        "quote": "q",
        "message": "is not a readable PDF (PdfReadError: EOF)",
    }


def test_characters_are_named_so_look_alikes_differ() -> None:
    assert characters("’") == "’ (U+2019)"
    assert characters("\u00a0") == "U+00A0 NO-BREAK SPACE"
    assert characters(" ") == "U+0020 SPACE"
    assert characters("\u00ad") == "U+00AD SOFT HYPHEN"
    assert characters("...") == '"..." (U+002E U+002E U+002E)'
    assert characters("a longer run") == '"a longer run"'


def test_describe_each_kind_of_difference() -> None:
    replaced = Difference("'", "’", 1, 2, 40, 41, True)
    extra = Difference("'", "", 5, 6, 10, 10, False)
    missing = Difference("", "e", 3, 3, 7, 8, False)
    assert describe(replaced) == "’ (U+2019) in the source where the quote has ' (U+0027)"
    assert describe(extra) == "the quote has ' (U+0027) where the source has nothing"
    assert describe(missing) == "the source has e (U+0065) where the quote has nothing"


def test_many_differences_are_counted_after_the_first_few() -> None:
    match = check("Qe Xont hEve an Ogreement wiYh ICE! I’m", SOURCE)
    assert len(match.differences) > SHOWN_DIFFERENCES
    body = line_body(match, ARCHIVE)
    more = len(match.differences) - SHOWN_DIFFERENCES
    assert body.endswith(f"; and {more} more difference{'s' if more > 1 else ''}")
    assert body.count(" of the quote (") == SHOWN_DIFFERENCES


@pytest.mark.parametrize(
    "quote",
    [
        "We dont have " + "..." * 10_000 + " an agreement with ICE.",
        "We dont have [" + "x" * 5_000 + "] an agreement with ICE.",
        "[" + "x" * 5_000 + "] have an agreement with ICE.",
        "We dont have an agreement with ICE" + "]" * 5_000,
        "We dont have an agreement with ICE. I’m Proud" + " of our Ohana" * 1_000,
    ],
    ids=["dots", "long-brackets", "brackets-at-start", "closing-brackets", "long-quote"],
)
def test_a_line_stays_short_however_long_a_mark_or_a_difference(quote: str) -> None:
    # A mark of 30,000 dots, or a difference of 5,000 characters, was written whole,
    # twice (as itself and around where it is): lines of 60,000 characters.
    body = line_body(check(quote, SOURCE), ARCHIVE)
    assert len(body) < 2_000
    assert "characters)" in body  # said how long what was cut is


def test_text_from_files_cannot_drive_the_terminal() -> None:
    source = SourceText("He said \x1b[31mred\x1b[0m and\nmore \u202eevil")
    match = check("said \x1b[32mred and more", source)
    body = line_body(match, "sources/\x1b]8;;x\x07.txt")
    assert "\x1b" not in body and "\x07" not in body and "\u202e" not in body
    assert "\n" not in body
    assert "␛" in body  # shown, not dropped
    error = ArchiveError("sources/\x1b[2J.txt", "bad \x1b[2J")
    assert "\x1b" not in error_body(error)


def test_dict_is_json_with_offsets_into_quote_and_source() -> None:
    match = check("We don't have", SOURCE)
    data = as_dict(match, ARCHIVE)
    assert json.loads(json.dumps(data)) == data
    assert data["outcome"] == "not_found"
    assert data["severity"] == "error"
    assert data["archive"] == ARCHIVE
    assert data["quote"] == "We don't have"
    passage = data["passage"]
    assert isinstance(passage, dict)
    assert passage["text"] == "We dont have"
    assert SOURCE.text[passage["start"] : passage["end"]] == "We dont have"
    assert (passage["line"], passage["column"]) == (3, 1)
    assert data["differences"] == [
        {
            "quote": "'",
            "source": "",
            "quote_start": 6,
            "quote_end": 7,
            "source_start": 13,
            "source_end": 13,
            "typographic": False,
            "edit": None,
            "paragraph_breaks": 0,
            "description": "the quote has ' (U+0027) where the source has nothing",
        }
    ]


def test_dict_for_verbatim_and_unchecked() -> None:
    data = as_dict(check("Proud of our", SOURCE), ARCHIVE)
    assert data["outcome"] == "verbatim"
    assert data["score"] == 100.0
    assert data["differences"] == []
    unchecked_data = as_dict(unchecked("q"))
    assert unchecked_data["outcome"] == "unchecked"
    assert unchecked_data["passage"] is None
    assert unchecked_data["score"] is None
    assert unchecked_data["archive"] is None


def test_outcomes_have_stable_json_names() -> None:
    assert [o.value for o in Outcome] == [
        "verbatim",
        "typographic",
        "edited",
        "not_found",
        "unchecked",
    ]
    assert Match(Outcome.NOT_FOUND, "q").passage == ""


# An event with an archive that cannot be read beside one that can.
TWO_ARCHIVES = """[timeline]
title = "Two archives"

[[events]]
id = "two"
date = 2020-01-03
title = "Two"

[[events.sources]]
archive = "sources/missing.html"

[[events.sources]]
archive = "sources/ok.txt"

[[events.quotes]]
text = "Hello there"
"""
MISSING = "sources/missing.html: no such archive; run `timeline archive` or fix the path"


def two_archives(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "ok.txt").write_text("Hello there world.\n", encoding="utf-8")
    path = tmp_path / "events.toml"
    path.write_text(TWO_ARCHIVES, encoding="utf-8")
    return path


def test_an_unreadable_archive_beside_a_readable_one_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = two_archives(tmp_path)
    assert main(["verify", str(path)]) == 2
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:16:1: note: event 'two': quote 1: verbatim in sources/ok.txt (line 1, column 1)",
        f"{path}:16:1: error: event 'two': quote 1: cannot check: {MISSING}",
        f"{path}: 1 verbatim, 1 unreadable",
    ]


def test_an_unreadable_archive_beside_a_readable_one_is_in_the_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = two_archives(tmp_path)
    assert main(["verify", "--format", "json", str(path)]) == 2
    found = json.loads(capsys.readouterr().out)["quotes"]
    where = {"file": str(path), "line": 16, "column": 1, "event": "two", "quote_number": 1}
    assert [(q["outcome"], q["archive"]) for q in found] == [
        ("verbatim", "sources/ok.txt"),
        ("archive_error", "sources/missing.html"),
    ]
    assert found[1] == error_dict(ArchiveError(*MISSING.split(": ", 1)), "Hello there") | where
    assert all(q.items() >= where.items() for q in found)

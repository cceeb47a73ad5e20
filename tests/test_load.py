"""timeline.load: every broken file gives exact, located messages; good files load in order."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from timeline.dates import format_iso
from timeline.model import Qualifier, Timeline, When
from timeline.problems import LoadResult, Problem, suggest
from timeline.read import chunks, load_files
from timeline.read.resolve import slugify
from timeline.read.toml import Tuning, load_file, load_text

HEAD = '[timeline]\ntitle = "T"\n\n'


def load_chunked(
    tmp_path: Path, text: str, chunk_events: int, progress: Callable[[float], None] | None = None
) -> LoadResult:
    """`text` loaded from a file through the large-file path, `chunk_events` a chunk."""
    path = tmp_path / "big.toml"
    path.write_text(text, encoding="utf-8")
    tuning = Tuning(large_file=0, chunk_events=chunk_events)
    result = load_file(path, progress=progress, tuning=tuning)
    # Named as `load_text(text, "big.toml")` names it, so the two compare equal.
    return LoadResult(
        None if result.timeline is None else _renamed(result.timeline, "big.toml"),
        [p._replace(file="big.toml") for p in result.problems],
        result.unreadable,
    )


def _renamed(timeline: Timeline, name: str) -> Timeline:
    from dataclasses import replace

    return replace(
        timeline, events=tuple(e._replace(file=name) for e in timeline.events), files=(name,)
    )


VALID_FORMS = (
    "expected an ISO date such as 2018, 2018-07, 2018-07-19 or 2018-07-19T14:05, a written "
    'date such as "July 8, 2018", a TOML date, or with relative_to set, "Monday", '
    '"3 days before", "before" or "after"'
)


def load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str | bytes) -> LoadResult:
    """Write t.toml in tmp_path and load it by that short name, so messages are exact."""
    monkeypatch.chdir(tmp_path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    Path("t.toml").write_bytes(data)
    return load_file("t.toml")


def messages(result: LoadResult) -> list[str]:
    return [str(problem) for problem in result.problems]


# Each case: file content, and every problem exactly as `timeline check` prints it.
BROKEN: list[tuple[str, str | bytes, list[str]]] = [
    (
        "toml-syntax",
        HEAD + '[[events]]\ndate = 2018-07-19\ntitle = "unterminated\n',
        ["t.toml:6:22: error: TOML syntax: Illegal character '\\n'"],
    ),
    (
        "toml-syntax-bare-partial-date",
        HEAD + "[[events]]\ndate = 2018-07\n",
        ["t.toml:5:12: error: TOML syntax: Expected newline or end of document after a statement"],
    ),
    (
        "empty",
        b"",
        [
            "t.toml: error: the file is empty; a timeline needs a [timeline] table with a "
            "title and [[events]] entries (see docs/format.md)"
        ],
    ),
    (
        "whitespace-only",
        b"  \n\n\t\r\n",
        [
            "t.toml: error: the file is empty; a timeline needs a [timeline] table with a "
            "title and [[events]] entries (see docs/format.md)"
        ],
    ),
    (
        "invalid-utf8",
        HEAD.encode() + b'[[events]]\ndate = 2018-07-19\ntitle = "caf\xe9"\n',
        ["t.toml:6:13: error: is not valid UTF-8 (byte 0xE9); save the file with UTF-8 encoding"],
    ),
    (
        "id-not-a-string",
        HEAD + '[[events]]\nid = 5\ndate = 2018-07-19\ntitle = "a"\n',
        [
            "t.toml:5:1: error: event #1: field 'id' must be a non-empty string "
            '(a slug such as "raices-letter"), found an integer (5)'
        ],
    ),
    (
        "id-empty",
        HEAD + '[[events]]\nid = " "\ndate = 2018-07-19\ntitle = "a"\n',
        [
            "t.toml:5:1: error: event ' ': field 'id' must be a non-empty string "
            "(a slug such as \"raices-letter\"), found a string (' ')"
        ],
    ),
    (
        "title-not-a-string",
        HEAD + '[[events]]\nid = "a"\ndate = 2018-07-19\ntitle = 3\n',
        [
            "t.toml:7:1: error: event 'a': field 'title' must be a non-empty string, found an integer (3)"
        ],
    ),
    (
        "title-blank",
        HEAD + '[[events]]\nid = "a"\ndate = 2018-07-19\ntitle = "  "\n',
        [
            "t.toml:7:1: error: event 'a': field 'title' must be a non-empty string, found a string ('  ')"
        ],
    ),
    (
        "missing-title",
        HEAD + '[[events]]\nid = "a"\ndate = 2018-07-19\n',
        [
            "t.toml:4:1: error: event 'a': missing required field 'title' (a string saying what happened)"
        ],
    ),
    (
        "missing-date",
        HEAD + '[[events]]\ntitle = "a"\n',
        [
            "t.toml:4:1: error: event #1: missing required field 'date' (for example "
            'date = 2018-07-19, date = "2018-07", or date = "Monday" with relative_to)'
        ],
    ),
    (
        "bad-date",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\n  date = "2018-13-01"\n',
        [
            # The same precise message as "2018-13" gets (issue 12).
            "t.toml:7:3: error: event 'a': field 'date': '2018-13-01' has month 13; months run from 1 to 12"
        ],
    ),
    (
        "month-13",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = "2018-13"\n',
        [
            "t.toml:7:1: error: event 'a': field 'date': '2018-13' has month 13; months run from 1 to 12"
        ],
    ),
    (
        "date-without-year",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = "July 8"\n',
        [
            "t.toml:7:1: error: event 'a': field 'date': 'July 8' has no year; write the year, e.g. July 8 2018"
        ],
    ),
    (
        "date-boolean",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = true\n',
        ["t.toml:7:1: error: event 'a': field 'date': found a boolean (true); " + VALID_FORMS],
    ),
    (
        "date-time-of-day",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = 14:05:00\n',
        [
            "t.toml:7:1: error: event 'a': field 'date': found a time of day (14:05:00) without a date"
        ],
    ),
    (
        "relative-without-relative-to",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = "Monday"\n',
        [
            "t.toml:7:1: error: event 'a': field 'date': 'Monday' is relative to another event; "
            'add relative_to = "<event id>" naming the event it is counted from'
        ],
    ),
    (
        "bad-end-date",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018-07-19\nend_date = "soon"\n',
        [
            "t.toml:8:1: error: event 'a': field 'end_date': cannot read 'soon' as a date; "
            + VALID_FORMS
        ],
    ),
    (
        "end-date-wrong-type",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018-07-19\nend_date = [2018]\n',
        ["t.toml:8:1: error: event 'a': field 'end_date': found an array; " + VALID_FORMS],
    ),
    (
        "end-date-bound",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018-07-19\nend_date = "after"\n',
        [
            "t.toml:8:1: error: event 'a': field 'end_date' cannot be a plain 'before' or "
            "'after'; give a date or an offset such as \"3 days after\""
        ],
    ),
    (
        "end-date-before-date",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018-07-19\nend_date = 2018-07-01\n',
        [
            "t.toml:8:1: error: event 'a': end_date 2018-07-01 is before date 2018-07-19; "
            "the end must be on or after the start"
        ],
    ),
    (
        "string-fields-wrong-type",
        HEAD
        + '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018\nkind = 1\nspeaker = []\n'
        + "handle = 2\nrole = true\ngroup = 1.5\ncontext = {}\ndisplay_date = 2018-07-19\n"
        + "in_reply_to = 3\nbackground = 4\n",
        [
            "t.toml:8:1: error: event 'a': field 'kind' must be a string, found an integer (1)",
            "t.toml:9:1: error: event 'a': field 'speaker' must be a string, found an array",
            "t.toml:10:1: error: event 'a': field 'handle' must be a string, found an integer (2)",
            "t.toml:11:1: error: event 'a': field 'role' must be a string, found a boolean (true)",
            "t.toml:12:1: error: event 'a': field 'group' must be a string, found a float (1.5)",
            "t.toml:13:1: error: event 'a': field 'context' must be a string, found a table",
            "t.toml:14:1: error: event 'a': field 'display_date' must be a string, found a date (2018-07-19)",
            "t.toml:15:1: error: event 'a': field 'in_reply_to' must be a string, found an integer (3)",
            "t.toml:16:1: error: event 'a': field 'background' must be a string, found an integer (4)",
        ],
    ),
    (
        "relative-to-wrong-type",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = "Monday"\nrelative_to = 5\n',
        [
            "t.toml:7:1: error: event 'a': field 'date': 'Monday' is relative to another event; "
            'add relative_to = "<event id>" naming the event it is counted from',
            "t.toml:8:1: error: event 'a': field 'relative_to' must be the id of another event, "
            "found an integer (5)",
        ],
    ),
    (
        "circa-wrong-type",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018\ncirca = "yes"\n',
        [
            "t.toml:8:1: error: event 'a': field 'circa' must be true or false, found a string ('yes')"
        ],
    ),
    (
        "tags-a-string",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018\ntags = "don\'t \\"x\\""\n',
        [
            "t.toml:8:1: error: event 'a': field 'tags' must be an array of strings; "
            'write tags = ["don\'t \\"x\\""]'
        ],
    ),
    (
        "tags-not-strings",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018\ntags = ["a", 1]\n',
        [
            "t.toml:8:1: error: event 'a': field 'tags' must be an array of strings, found an "
            "integer (1) as its item 2; write each item in quotes"
        ],
    ),
    (
        # It named no event and suggested a wrong id: the one it names was refused.
        "in-reply-to-an-event-refused",
        HEAD
        + '[[events]]\nid = "raices-tweet"\ndate = "nonsense"\ntitle = "a"\n\n'
        + '[[events]]\nid = "raices-twee"\ndate = 2018\ntitle = "a"\n\n'
        + '[[events]]\nid = "b"\ndate = 2018\ntitle = "b"\nin_reply_to = "raices-tweet"\n',
        [
            "t.toml:6:1: error: event 'raices-tweet': field 'date': cannot read 'nonsense' as a "
            "date; " + VALID_FORMS,
            "t.toml:18:1: warning: event 'b': in_reply_to names 'raices-tweet', an event that "
            "could not be read (its error says why)",
        ],
    ),
    (
        "quote-wrong-type",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018\nquote = 4\n',
        ["t.toml:8:1: error: event 'a': field 'quote' must be a string, found an integer (4)"],
    ),
    (
        "quotes-not-an-array",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018\nquotes = "q"\n',
        [
            "t.toml:8:1: error: event 'a': field 'quotes' must be an array of tables written as "
            "[[events.quotes]], found a string ('q')"
        ],
    ),
    (
        "quote-tables-wrong",
        HEAD
        + '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018\n\n'
        + '[[events.quotes]]\ntext = "fine"\n\n'
        + "[[events.quotes]]\ntext = 1\n\n"
        + '[[events.quotes]]\nspeaker = "s"\n\n'
        + '[[events.quotes]]\ntext = "t"\n  speaker = 2\n\n'
        + '[[events.quotes]]\ntext = "t"\nwho = "z"\n',
        [
            "t.toml:13:1: error: event 'a': quote 2: field 'text' must be a non-empty string "
            "(the words quoted, verbatim), found an integer (1)",
            "t.toml:15:1: error: event 'a': quote 3: missing required field 'text'",
            "t.toml:20:3: error: event 'a': quote 4: field 'speaker' must be a string, found an integer (2)",
            "t.toml:24:1: error: event 'a': quote 5: unknown field 'who'; a quote takes "
            "'text', 'speaker', 'date', 'source' or 'note', and no other: a misspelt key "
            "could attribute the words wrongly",
        ],
    ),
    (
        # The hint was run into the list: "did you mean 'text'?; quotes take ...".
        "quote-misspelt-key",
        HEAD
        + '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018\n\n'
        + '[[events.quotes]]\ntxt = "t"\ntext = "u"\n',
        [
            "t.toml:10:1: error: event 'a': quote 1: unknown field 'txt' (did you mean "
            "'text'?); a quote takes 'text', 'speaker', 'date', 'source' or 'note', and no "
            "other: a misspelt key could attribute the words wrongly",
        ],
    ),
    (
        "quote-array-item-not-a-table",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018\nquotes = [5]\n',
        [
            "t.toml:8:11: error: event 'a': quote 1 must be a table with 'text' and optional "
            "speaker, date, source, note, found an integer (5)"
        ],
    ),
    (
        "source-wrong-type",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018\nsource = 5\n',
        [
            "t.toml:8:1: error: event 'a': field 'source' must be a URL string or a table with "
            "'label' and 'url', found an integer (5)"
        ],
    ),
    (
        "source-part-wrong-type",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018\nsource = { label = 1 }\n',
        [
            "t.toml:8:1: error: event 'a': field 'source.label' must be a string, found an integer (1)"
        ],
    ),
    (
        "media-wrong-type",
        HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018\nmedia = "m.png"\n',
        [
            "t.toml:8:1: error: event 'a': field 'media' must be a table with 'url' and optional "
            "caption, credit, thumbnail, alt, found a string ('m.png')"
        ],
    ),
    (
        "duplicate-ids",
        HEAD
        + '[[events]]\nid = "a"\ndate = 2018-07-19\ntitle = "a"\n\n'
        + '[[events]]\ntitle = "b"\nid = "a"\ndate = 2018-07-20\n',
        [
            "t.toml:11:1: error: duplicate id 'a': already used by the event on line 4; "
            "ids must be unique"
        ],
    ),
    (
        "unknown-anchor",
        HEAD
        + '[[events]]\nid = "raices-tweet"\ndate = 2018-07-19\ntitle = "t"\n\n'
        + '[[events]]\nid = "letter"\ndate = "Monday"\nrelative_to = "raices-tweeet"\ntitle = "l"\n',
        [
            "t.toml:12:1: error: event 'letter': relative_to names 'raices-tweeet', which is not "
            "the id of any event; did you mean 'raices-tweet'?"
        ],
    ),
    (
        "relative-cycle",
        HEAD
        + '[[events]]\nid = "g"\ndate = "before"\nrelative_to = "h"\ntitle = "g"\n\n'
        + '[[events]]\nid = "h"\ndate = "after"\nrelative_to = "g"\ntitle = "h"\n',
        [
            "t.toml:7:1: error: event 'g': relative dates form a cycle: g → h → g; one of them "
            "needs an absolute date"
        ],
    ),
    (
        "weekday-relative-to-month",
        HEAD
        + '[[events]]\nid = "july"\ndate = "2018-07"\ntitle = "m"\n\n'
        + '[[events]]\nid = "w"\ndate = "Monday"\nrelative_to = "july"\ntitle = "w"\n',
        [
            "t.toml:11:1: error: event 'w': field 'date': 'Monday' needs the anchor 'july' to be "
            "known to the day, but it is July 2018"
        ],
    ),
    (
        "relative-end-date-out-of-range",
        HEAD + '[[events]]\nid = "a"\ndate = 9999-12-31\nend_date = "the day after"\ntitle = "a"\n',
        [
            "t.toml:7:1: error: event 'a': field 'end_date': 'the day after' cannot be counted "
            "from the anchor 'a' (Friday 31 December 9999): relative dates work between the "
            "years 1 and 9999; give this event an absolute date"
        ],
    ),
    (
        "bad-timezone",
        '[timeline]\ntitle = "T"\ntimezone = "America/Chicag"\n',
        [
            "t.toml:3:1: error: [timeline] timezone 'America/Chicag' is not an IANA zone name "
            "such as \"America/Chicago\"; did you mean 'America/Chicago'?",
        ],
    ),
    (
        "timezone-wrong-type",
        '[timeline]\ntitle = "T"\ntimezone = -5\n[[events]]\ndate = 2018\ntitle = "a"\n',
        [
            "t.toml:3:1: error: [timeline] field 'timezone' must be an IANA zone name such as "
            '"America/Chicago", found an integer (-5)'
        ],
    ),
    (
        "events-not-an-array",
        'events = 5\n[timeline]\ntitle = "T"\n',
        [
            "t.toml:1:1: error: 'events' must be an array of tables written as [[events]], "
            "found an integer (5)",
        ],
    ),
    (
        "events-array-of-numbers",
        'events = [1, 2]\n[timeline]\ntitle = "T"\n',
        [
            "t.toml:1:1: error: 'events' must be an array of tables written as [[events]], "
            "found an array",
        ],
    ),
    (
        "events-a-table",
        '[timeline]\ntitle = "T"\n[events]\ndate = 2018\ntitle = "a"\n',
        [
            "t.toml:3:1: error: 'events' must be an array of tables written as [[events]], "
            "found a table",
        ],
    ),
    (
        "timeline-not-a-table",
        'timeline = "T"\n[[events]]\ndate = 2018\ntitle = "a"\n',
        [
            "t.toml:1:1: error: 'timeline' must be a table written as [timeline], found a string ('T')",
            't.toml:1:1: warning: [timeline] has no title; add title = "..." so readers know '
            "what the timeline is about",
        ],
    ),
    (
        "timeline-fields-wrong-type",
        '[timeline]\ntitle = 1\nsummary = 2\nsource = 3\nmedia = "m"\n[[events]]\ndate = 2018\ntitle = "a"\n',
        [
            "t.toml:2:1: error: [timeline] field 'title' must be a string, found an integer (1)",
            "t.toml:3:1: error: [timeline] field 'summary' must be a string, found an integer (2)",
            "t.toml:4:1: error: [timeline] field 'source' must be a URL string or a table with "
            "'label' and 'url', found an integer (3)",
            "t.toml:5:1: error: [timeline] field 'media' must be a table with 'url' and optional "
            "caption, credit, thumbnail, alt, found a string ('m')",
        ],
    ),
    (
        # Bug fixed: a table with a field that is not a string was "not a table".
        "timeline-source-and-media-table-fields-wrong-type",
        '[timeline]\ntitle = "T"\nsource = { label = 1 }\n\n[timeline.media]\nurl = "m.png"\n'
        'caption = 2\n\n[[events]]\ndate = 2018\ntitle = "a"\n',
        [
            "t.toml:3:1: error: [timeline] field 'source.label' must be a string, found an "
            "integer (1)",
            "t.toml:7:1: error: [timeline] field 'media.caption' must be a string, found an "
            "integer (2)",
        ],
    ),
    (
        # Bug fixed: an era ending before it starts loaded without a word.
        "era-ends-before-it-starts",
        HEAD
        + '[[events]]\ndate = 2018\ntitle = "a"\n\n[[eras]]\ntitle = "E"\nstart = 2018\nend = 2010\n',
        [
            "t.toml:11:1: error: era 1 ('E'): end 2010 is before start 2018; the end must be on "
            "or after the start"
        ],
    ),
    (
        "eras-not-an-array",
        "eras = 5\n" + HEAD + '[[events]]\ndate = 2018\ntitle = "a"\n',
        [
            "t.toml:1:1: error: 'eras' must be an array of tables written as [[eras]], found an integer (5)"
        ],
    ),
    (
        "era-without-dates",
        HEAD + '[[events]]\ndate = 2018\ntitle = "a"\n\n[[eras]]\ntitle = "E"\nend = 2019\n',
        [
            "t.toml:9:1: error: era 1 ('E') is missing 'start'; eras need both, for example "
            'start = "2018-07" and end = "2018-08"'
        ],
    ),
    (
        "era-bad-date",
        HEAD
        + '[[events]]\ndate = 2018\ntitle = "a"\n\n[[eras]]\ntitle = "E"\nstart = "soon"\nend = 2019\n',
        [
            "t.toml:10:1: error: era 1 ('E'): 'start' must be a date: cannot read "
            "'soon' as a date; " + VALID_FORMS
        ],
    ),
    (
        "era-title-wrong-type",
        HEAD
        + '[[events]]\ndate = 2018\ntitle = "a"\n\n[[eras]]\ntitle = 1\nstart = 2018\nend = 2019\n',
        ["t.toml:9:1: error: era 1: 'title' and 'text' must be strings"],
    ),
]


@pytest.mark.parametrize(
    ("content", "expected"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN]
)
def test_broken_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str | bytes, expected: list[str]
) -> None:
    result = load(tmp_path, monkeypatch, content)
    assert messages(result) == expected
    assert result.errors, "every broken file has at least one error"
    assert result.timeline is None
    assert not result.unreadable


# Warnings: the file still loads.
WARNINGS: list[tuple[str, str | bytes, list[str]]] = [
    (
        # Bug fixed: unknown fields of the [timeline] table's source and media were ignored
        # without a word, unlike an event's.
        "timeline-source-and-media-unknown-fields",
        '[timeline]\ntitle = "T"\n\n[timeline.source]\nlabel = "L"\nurls = "https://x"\n\n'
        '[timeline.media]\nurl = "m.png"\ncaptoin = "c"\n\n[[events]]\ndate = 2018\ntitle = "a"\n',
        [
            "t.toml:6:1: warning: [timeline]: unknown field 'source.urls' was ignored; did you "
            "mean 'url'?",
            "t.toml:10:1: warning: [timeline]: unknown field 'media.captoin' was ignored; did you "
            "mean 'caption'?",
        ],
    ),
    (
        "byte-order-mark",
        b"\xef\xbb\xbf" + (HEAD + '[[events]]\ndate = 2018\ntitle = "a"\n').encode(),
        [
            "t.toml:1:1: warning: starts with a UTF-8 byte-order mark, which was ignored; other "
            "TOML tools may reject it, so save the file as UTF-8 without BOM"
        ],
    ),
    (
        "unknown-event-key",
        HEAD + '[[events]]\ndate = 2018\ntitle = "a"\ntitel = "b"\n',
        ["t.toml:7:1: warning: event #1: unknown field 'titel' was ignored; did you mean 'title'?"],
    ),
    (
        "unknown-timeline-key",
        '[timeline]\ntitel = "T"\n[[events]]\ndate = 2018\ntitle = "a"\n',
        [
            't.toml:1:1: warning: [timeline] has no title; add title = "..." so readers know '
            "what the timeline is about",
            "t.toml:2:1: warning: [timeline]: unknown field 'titel' was ignored; did you mean 'title'?",
        ],
    ),
    (
        "unknown-top-level-key",
        "event = 1\n" + HEAD + '[[events]]\ndate = 2018\ntitle = "a"\n',
        ["t.toml:1:1: warning: unknown top-level key 'event' was ignored; did you mean 'events'?"],
    ),
    (
        "unknown-source-and-media-keys",
        HEAD
        + '[[events]]\nid = "a"\ndate = 2018\ntitle = "a"\n'
        + '[events.source]\nlabel = "x"\nurls = "y"\n[events.media]\nurl = "u"\ncaptoin = "c"\n',
        [
            "t.toml:10:1: warning: event 'a': unknown field 'source.urls' was ignored; did you mean 'url'?",
            "t.toml:13:1: warning: event 'a': unknown field 'media.captoin' was ignored; did you mean 'caption'?",
        ],
    ),
    (
        "relative-to-with-absolute-date",
        HEAD + '[[events]]\nid = "a"\ndate = 2018\ntitle = "a"\nrelative_to = "a"\n',
        [
            "t.toml:8:1: warning: event 'a': 'relative_to' was ignored because 'date' (2018) is "
            'absolute; relative forms are "Monday", "3 days before", "before"'
        ],
    ),
    (
        "unknown-in-reply-to",
        HEAD
        + '[[events]]\nid = "raices-tweet"\ndate = 2018\ntitle = "a"\n\n'
        + '[[events]]\nid = "b"\ndate = 2018\ntitle = "b"\nin_reply_to = "raices-twet"\n',
        [
            "t.toml:13:1: warning: event 'b': in_reply_to names 'raices-twet', which is not the "
            "id of any event; did you mean 'raices-tweet'?"
        ],
    ),
    (
        "no-events",
        HEAD,
        ["t.toml:1:1: warning: the timeline has no events yet; add an [[events]] table"],
    ),
    (
        "unknown-era-key",
        HEAD
        + '[[events]]\ndate = 2018\ntitle = "a"\n[[eras]]\ntitle = "E"\nstart = 2018\nend = 2019\nclour = "red"\n',
        ["t.toml:11:1: warning: era 1: unknown field 'clour' was ignored"],
    ),
]


@pytest.mark.parametrize(
    ("content", "expected"), [case[1:] for case in WARNINGS], ids=[case[0] for case in WARNINGS]
)
def test_warning_only_file_still_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str | bytes, expected: list[str]
) -> None:
    result = load(tmp_path, monkeypatch, content)
    assert messages(result) == expected
    assert not result.errors
    assert result.timeline is not None


def test_missing_file_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = load_file("missing.toml")
    assert messages(result) == ["missing.toml: error: no such file"]
    assert result.unreadable
    assert result.timeline is None


def test_directory_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("dir.toml").mkdir()
    result = load_file("dir.toml")
    assert messages(result) == ["dir.toml: error: is a directory; give the path of a .toml file"]
    assert result.unreadable


def test_bom_location_does_not_shift_later_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = b"\xef\xbb\xbf" + (HEAD + '[[events]]\ndate = "2018-13"\ntitle = "a"\n').encode()
    result = load(tmp_path, monkeypatch, content)
    assert [(p.line, p.column, p.severity) for p in result.problems] == [
        (1, 1, "warning"),
        (5, 1, "error"),
    ]


def test_several_problems_in_one_pass_in_file_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = (
        HEAD
        + '[[events]]\nid = "a"\ndate = "Monday"\nrelative_to = "nobody"\ntitle = "a"\n\n'
        + '[[events]]\nid = "b"\ndate = "2018-13"\ntitle = "b"\n\n'
        + '[[events]]\nid = "c"\ndate = 2018\nkind = 1\ntitel = "c"\n'
    )
    result = load(tmp_path, monkeypatch, content)
    assert messages(result) == [
        "t.toml:7:1: error: event 'a': relative_to names 'nobody', which is not the id of any event",
        "t.toml:12:1: error: event 'b': field 'date': '2018-13' has month 13; months run from 1 to 12",
        "t.toml:15:1: error: event 'c': missing required field 'title' (a string saying what happened)",
        "t.toml:18:1: error: event 'c': field 'kind' must be a string, found an integer (1)",
        "t.toml:19:1: warning: event 'c': unknown field 'titel' was ignored; did you mean 'title'?",
    ]
    lines = [p.line for p in result.problems]
    assert lines == sorted(lines) == [7, 12, 15, 18, 19]
    assert len(result.errors) == 4
    assert len(result.warnings) == 1


def test_problem_as_dict() -> None:
    problem = Problem("error", "m", "t.toml", 3, 0, "a", "date")
    assert problem.as_dict() == {
        "severity": "error",
        "file": "t.toml",
        "line": 3,
        "column": 1,
        "event": "a",
        "field": "date",
        "message": "m",
    }
    assert str(problem) == "t.toml:3:1: error: m"
    unlocated = Problem("warning", "m", "t.toml")
    assert unlocated.as_dict()["line"] is None
    assert unlocated.as_dict()["column"] is None
    assert str(unlocated) == "t.toml: warning: m"


# ---------------------------------------------------------------- good files


def test_ties_keep_file_order() -> None:
    text = HEAD + "".join(
        f'[[events]]\nid = "e{i}"\ndate = 2018-07-19\ntitle = "{i}"\n\n' for i in (3, 1, 2, 0)
    )
    result = load_text(text)
    assert result.timeline is not None
    assert [e.id for e in result.timeline.events] == ["e3", "e1", "e2", "e0"]


def test_events_sort_by_date_and_partial_dates_come_first() -> None:
    text = HEAD + (
        '[[events]]\nid = "day"\ndate = 2018-07-01\ntitle = "d"\n\n'
        '[[events]]\nid = "time"\ndate = 2018-07-01T09:00:00\ntitle = "t"\n\n'
        '[[events]]\nid = "month"\ndate = "2018-07"\ntitle = "m"\n\n'
        '[[events]]\nid = "year"\ndate = 2018\ntitle = "y"\n\n'
        '[[events]]\nid = "earlier"\ndate = "June 30, 2018"\ntitle = "e"\n\n'
        '[[events]]\nid = "bce"\ndate = -500\ntitle = "b"\n'
    )
    result = load_text(text)
    assert result.timeline is not None
    assert [e.id for e in result.timeline.events] == [
        "bce",
        "year",
        "earlier",
        "month",
        "day",
        "time",
    ]


def test_before_sorts_right_before_its_anchor_recursively() -> None:
    text = HEAD + (
        '[[events]]\nid = "letter"\ndate = 2018-07-16\ntitle = "l"\n\n'
        '[[events]]\nid = "same-day"\ndate = 2018-07-16\ntitle = "s"\n\n'
        '[[events]]\nid = "after-letter"\ndate = "after"\nrelative_to = "letter"\ntitle = "r"\n\n'
        '[[events]]\nid = "offer"\ndate = "before"\nrelative_to = "letter"\ntitle = "o"\n\n'
        '[[events]]\nid = "employees"\ndate = "before"\nrelative_to = "pledge"\ntitle = "e"\n\n'
        '[[events]]\nid = "pledge"\ndate = "before"\nrelative_to = "offer"\ntitle = "p"\n\n'
        '[[events]]\nid = "earlier"\ndate = 2018-07-15\ntitle = "x"\n\n'
        '[[events]]\nid = "later"\ndate = 2018-07-17\ntitle = "y"\n'
    )
    result = load_text(text)
    assert result.problems == []
    assert result.timeline is not None
    assert [e.id for e in result.timeline.events] == [
        "earlier",
        "employees",
        "pledge",
        "offer",
        "letter",
        "same-day",
        "after-letter",
        "later",
    ]
    pledge = result.timeline.get("pledge")
    assert pledge is not None
    assert pledge.when.qualifier is Qualifier.BEFORE
    assert pledge.when.anchor == "offer"
    assert format_iso(pledge.when) == "2018-07-16"


def test_relative_chain_resolves_in_dependency_order() -> None:
    text = HEAD + (
        '[[events]]\nid = "c"\ndate = "the day after"\nrelative_to = "b"\ntitle = "c"\n\n'
        '[[events]]\nid = "b"\ndate = "Monday"\nrelative_to = "a"\ntitle = "b"\n\n'
        '[[events]]\nid = "a"\ndate = 2018-07-19\ntitle = "a"\n'
    )
    result = load_text(text)
    assert result.timeline is not None
    assert [(e.id, format_iso(e.when)) for e in result.timeline.events] == [
        ("b", "2018-07-16"),
        ("c", "2018-07-17"),
        ("a", "2018-07-19"),
    ]


def test_relative_end_date_counts_from_the_events_own_date() -> None:
    text = (
        HEAD + '[[events]]\nid = "a"\ndate = 2018-07-16\nend_date = "3 days after"\ntitle = "a"\n'
    )
    result = load_text(text)
    assert result.timeline is not None
    end = result.timeline.events[0].end
    assert end is not None
    assert format_iso(end) == "2018-07-19"


def test_ids_derived_from_titles_when_missing() -> None:
    text = HEAD + (
        '[[events]]\ndate = 2018\ntitle = "Hello, World!"\n\n'
        '[[events]]\ndate = 2018\ntitle = "Hello world"\n\n'
        '[[events]]\nid = "hello-world-2"\ndate = 2018\ntitle = "explicit"\n\n'
        '[[events]]\ndate = 2018\ntitle = "¡¿"\n\n'
        '[[events]]\ndate = 2018\ntitle = "Reply"\nin_reply_to = "hello-world"\n\n'
        '[[events]]\ndate = "after"\nrelative_to = "hello-world"\ntitle = "Later"\n'
    )
    result = load_text(text)
    assert result.problems == []
    assert result.timeline is not None
    assert [e.id for e in result.timeline.events] == [
        "hello-world",
        "hello-world-3",
        "hello-world-2",
        "event",
        "reply",
        "later",
    ]
    assert [e.id for e in result.timeline.replies_to("hello-world")] == ["reply"]
    later = result.timeline.get("later")
    assert later is not None
    assert later.when.anchor == "hello-world"


def test_slugify_and_suggest() -> None:
    assert slugify("Marc Benioff: Salesforce is “true to our core values”") == (
        "marc-benioff-salesforce-is-true-to-our-core-values"
    )
    assert len(slugify("x" * 100)) == 60
    assert suggest("titel", ("title", "date")) == "; did you mean 'title'?"
    assert suggest("zzz", ("title", "date")) == ""


def test_timeline_is_none_when_any_error_exists() -> None:
    good = '[[events]]\nid = "ok"\ndate = 2018\ntitle = "fine"\n\n'
    result = load_text(HEAD + good + '[[events]]\nid = "bad"\ndate = "nope"\ntitle = "b"\n')
    assert len(result.errors) == 1
    assert result.timeline is None
    assert load_text(HEAD + good).timeline is not None


def test_every_field_is_loaded() -> None:
    text = (
        '[timeline]\ntitle = "T"\nsummary = "S"\ntimezone = "America/Chicago"\n'
        'source = { label = "L", url = "https://example.org" }\n'
        'media = { url = "m.png", caption = "c" }\n\n'
        "[[events]]\n"
        'id = "e"\ndate = 2018-07-19T14:05:00Z\nend_date = "2018-07-20"\n'
        'display_date = "that Thursday"\ncirca = true\ntitle = "Title"\nkind = "tweet"\n'
        'speaker = "RAICES"\nhandle = "@RAICESTEXAS"\nrole = "non-profit"\ngroup = "G"\n'
        'tags = ["a", "b"]\ncontext = "C"\nsource = "https://example.org/e"\n'
        'in_reply_to = "e"\nquote = "one"\nbackground = "#000"\n'
        'media = { url = "u", caption = "c", credit = "cr", thumbnail = "th", alt = "al" }\n'
        '[[events.quotes]]\ntext = "two"\nspeaker = "S2"\n\n'
        '[[eras]]\ntitle = "E"\nstart = "2018-07"\nend = "2018-08"\ntext = "era"\n'
    )
    result = load_text(text, "t.toml")
    # The one event answers itself, to fill the field: that is said, and nothing else.
    assert [p.message for p in result.problems] == [
        "event 'e': in_reply_to names the event itself; name the event it answers"
    ]
    timeline = result.timeline
    assert timeline is not None
    assert (timeline.title, timeline.summary, timeline.timezone) == ("T", "S", "America/Chicago")
    assert timeline.source is not None and timeline.source.url == "https://example.org"
    assert timeline.media is not None and timeline.media.caption == "c"
    assert timeline.files == ("t.toml",)
    (event,) = timeline.events
    assert event.id == "e"
    assert format_iso(event.when) == "2018-07-19T09:05-05:00"
    assert event.when.qualifier is Qualifier.CIRCA
    assert event.end is not None and format_iso(event.end) == "2018-07-20"
    assert event.display_date == "that Thursday"
    assert (event.kind, event.speaker, event.handle, event.role, event.group) == (
        "tweet",
        "RAICES",
        "@RAICESTEXAS",
        "non-profit",
        "G",
    )
    assert event.tags == ("a", "b")
    assert event.context == "C"
    assert event.source is not None and event.source.url == "https://example.org/e"
    assert event.in_reply_to == "e"
    assert [(q.text, q.speaker) for q in event.quotes] == [("one", ""), ("two", "S2")]
    assert event.background == "#000"
    assert event.media is not None and event.media.alt == "al"
    assert (event.file, event.line) == ("t.toml", 8)
    (era,) = timeline.eras
    assert (era.title, format_iso(era.start), format_iso(era.end), era.text) == (
        "E",
        "2018-07",
        "2018-08",
        "era",
    )


def test_source_string_without_scheme_is_a_label() -> None:
    result = load_text(HEAD + '[[events]]\ndate = 2018\ntitle = "a"\nsource = "the article"\n')
    assert result.timeline is not None
    source = result.timeline.events[0].source
    assert source is not None
    assert (source.label, source.url) == ("the article", "")


def test_timeline_without_title_uses_the_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = load(tmp_path, monkeypatch, '[[events]]\ndate = 2018\ntitle = "a"\n')
    assert result.timeline is not None
    assert result.timeline.title == "t"


@pytest.mark.parametrize(
    ("suffix", "text"),
    [
        # (A [timeline] table, of no title, before the events: a part can be shown.)
        (".toml", '[timeline]\nsummary = "s"\n' + '[[events]]\ndate = 2018\ntitle = "a"\n' * 6),
        (".json", '{"events": [{"start_date": {"year": 2018}, "text": {"headline": "a"}}]}'),
        (".csv", "Year,Headline\n2018,a\n"),
    ],
)
def test_a_title_taken_from_a_file_name_that_is_not_utf8_names_it_as_messages_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, text: str
) -> None:
    # Bug fixed: `café.toml` saved by a Latin-1 system gave the title `caf<U+DCE9>` on
    # the screen and in `print`, `caf\ufffd` in exports, and `import` wrote that into
    # the new file: characters the name does not hold. It is now the name as every
    # message gives it (`text.file_name`): `$'caf\xe9'`, its byte as bash writes it.
    path = tmp_path / os.fsdecode(b"caf\xe9" + suffix.encode())
    path.write_text(text, encoding="utf-8")
    titled = r"$'caf\xe9'"
    whole = load_files([path]).timeline
    assert whole is not None and whole.title == titled
    if suffix != ".toml":
        return
    # Read in chunks, with a part shown first; then from the cache entry it wrote.
    chunked = Tuning(large_file=0, chunk_events=1, preview_events=1, parallel_file=0)
    parts: list[Timeline] = []
    first = load_files([path], tuning=chunked, preview=lambda part, *_: parts.append(part))
    assert [t.title for t in (first.timeline, *parts) if t] == [titled, titled]
    monkeypatch.setattr(chunks, "scan", lambda *_: pytest.fail("parsed, not read from the cache"))
    cached = load_files([path], tuning=chunked).timeline
    assert cached is not None and cached.title == titled


# ---------------------------------------------------------------- large files


def big_file(events: int) -> str:
    """A generated timeline using every date form, quotes, relative dates and eras."""
    parts = [
        '[timeline]\ntitle = "Big"\nsummary = "generated"\n\n'
        '[[eras]]\ntitle = "E"\nstart = "2018"\nend = "2019"\n\n'
    ]
    dates = [
        "2018-07-19",
        "2018-07-19T14:05:00+02:00",
        '"2018-07"',
        "2018-07-19T10:00:00Z",
        '"Monday"',
        "2018-07-19T08:00:00",
        '"July 8, 2018"',
        '"before"',
    ]
    for i in range(events):
        form = dates[i % len(dates)]
        relative = '"' in form and form in ('"Monday"', '"before"')
        parts.append(
            f'[[events]]\nid = "e{i}"\ndate = {form}\ntitle = "Event {i}"\n'
            + ('relative_to = "e0"\n' if relative else "")
            + f'tags = ["t{i % 3}"]\n\n[[events.quotes]]\ntext = "quote {i}"\n\n'
        )
    return "".join(parts)


def test_large_file_chunks_give_the_same_timeline_as_tomllib(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    text = big_file(40)
    expected = load_text(text, "big.toml")
    assert expected.problems == []
    calls: list[str] = []
    real = tomllib.loads

    def spy(source: str) -> dict[str, object]:
        calls.append(source)
        return real(source)

    monkeypatch.setattr(tomllib, "loads", spy)
    progress: list[float] = []
    chunked = load_chunked(tmp_path, text, 3, progress.append)
    assert calls == [], "the chunked path must not fall back to tomllib"
    assert chunked.problems == []
    assert chunked.timeline == expected.timeline
    assert chunked.timeline is not None and len(chunked.timeline.events) == 40
    assert progress == sorted(progress)
    assert progress[-1] == 1.0
    assert len(progress) > 3


def test_large_file_without_timezone_keeps_plain_offsets(tmp_path: Path) -> None:
    # rtoml's own tzinfo class must not leak into the model: the values, and their
    # zone names, are the same whichever parser read the file.
    text = HEAD + "".join(
        f'[[events]]\nid = "e{i}"\ndate = 2018-07-19T14:05:00+02:00\ntitle = "a"\n\n'
        for i in range(3)
    )
    result = load_chunked(tmp_path, text, 1)
    assert result.timeline is not None
    for event in result.timeline.events:
        assert type(event.when.tz).__module__ == "datetime"


def test_large_file_syntax_error_is_located_exactly(tmp_path: Path) -> None:
    text = big_file(40).replace('title = "Event 27"', 'title = "Event 27')
    expected = load_text(text, "big.toml")
    chunked = load_chunked(tmp_path, text, 3)
    line = text[: text.index('title = "Event 27')].count("\n") + 1
    assert [str(p) for p in chunked.problems] == [
        f"big.toml:{line}:18: error: TOML syntax: Illegal character '\\n'"
    ]
    assert chunked.problems == expected.problems
    assert chunked.timeline is None


def test_large_file_with_a_header_inside_a_string_falls_back(
    tmp_path: Path,
) -> None:
    text = big_file(12).replace('text = "quote 5"', 'text = """\n[[events]]\nnot a header"""')
    expected = load_text(text, "big.toml")
    assert expected.problems == []
    chunked = load_chunked(tmp_path, text, 2)
    assert chunked.timeline == expected.timeline
    assert chunked.problems == []


def test_large_file_problems_are_located_like_small_files(
    tmp_path: Path,
) -> None:
    text = re.sub(r'(id = "e13"\ndate = )[^\n]*', r'\1"2018-13"', big_file(20))
    text = text.replace('title = "Event 17"', 'titel = "Event 17"')
    expected = load_text(text, "big.toml")
    assert len(expected.problems) == 3
    chunked = load_chunked(tmp_path, text, 3)
    assert chunked.problems == expected.problems
    assert chunked.timeline is None


def test_circa_applies_to_absolute_and_relative_dates() -> None:
    # Bug fixed: `circa = true` was silently dropped when the date was relative.
    text = HEAD + (
        '[[events]]\nid = "a"\ndate = 2018-07-19\ncirca = true\ntitle = "a"\n\n'
        '[[events]]\nid = "b"\ndate = "Monday"\nrelative_to = "x"\ncirca = true\ntitle = "b"\n\n'
        '[[events]]\nid = "x"\ndate = 2018-07-19\ntitle = "x"\n\n'
        '[[events]]\nid = "c"\ndate = "Monday"\nrelative_to = "x"\ncirca = false\ntitle = "c"\n'
    )
    result = load_text(text)
    assert result.problems == []
    assert result.timeline is not None
    qualifiers = {e.id: e.when.qualifier for e in result.timeline.events}
    assert qualifiers == {
        "a": Qualifier.CIRCA,
        "b": Qualifier.CIRCA,
        "x": Qualifier.EXACT,
        "c": Qualifier.EXACT,
    }


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        ("2018-07-19", '"2018-07"', True),  # ended during July: fine
        ('"2018-07"', "2018-07-01", True),
        ('"2018"', '"2018-03"', True),
        ("2018-07-19", "2018-07-19", True),
        ("2018-07-19T10:00:00", "2018-07-19", True),
        ("2018-07-19T10:00:00", "2018-07-19T09:00:00", False),
        ("2018-07-19", '"2018-06"', False),
        ('"2018-07"', '"2017"', False),
    ],
)
def test_end_date_is_compared_at_the_coarser_precision(start: str, end: str, ok: bool) -> None:
    # Bug fixed: a month-precision end_date containing the start was "before" it.
    result = load_text(
        HEAD + f'[[events]]\nid = "a"\ndate = {start}\nend_date = {end}\ntitle = "a"\n'
    )
    assert (result.timeline is not None) is ok
    assert [p.field for p in result.problems] == ([] if ok else ["end_date"])


# ---------------------------------------------------------------- long chains of relative dates


def chain(count: int, *, cycle: bool = False) -> str:
    """`count` events, newest first, each a day after the one before it; in a cycle of
    plain "before"s instead (the first before the last) when `cycle`."""
    parts = [HEAD]
    for n in reversed(range(count)):
        parts.append(f'[[events]]\nid = "e{n}"\ntitle = "event {n}"\n')
        if cycle:
            parts.append(f'date = "before"\nrelative_to = "e{(n + 1) % count}"\n\n')
        elif n:
            parts.append(f'date = "1 day after"\nrelative_to = "e{n - 1}"\n\n')
        else:
            parts.append("date = 2000-01-01\n\n")
    return "".join(parts)


def test_a_long_chain_of_relative_dates_resolves() -> None:
    # Bug fixed: resolving recursively overflowed the stack (RecursionError) well before
    # 5,000 events, and copying the trail at each step made a chain quadratic.
    result = load_text(chain(5_000))
    assert result.problems == []
    assert result.timeline is not None
    events = result.timeline.events
    assert [e.id for e in events] == [f"e{n}" for n in range(5_000)]
    assert format_iso(events[-1].when) == (date(2000, 1, 1) + timedelta(days=4_999)).isoformat()


def test_a_long_cycle_of_relative_dates_is_one_error_listing_its_ends() -> None:
    result = load_text(chain(5_000, cycle=True))
    assert result.timeline is None
    assert [str(p) for p in result.problems] == [
        "<text>:8:1: error: event 'e4999': relative dates form a cycle: e4999 → e0 → e1 → e2 "
        "→ e3 → e4 → … → e4997 → e4998 → e4999 (5,000 events); one of them needs an absolute "
        "date"
    ]


@pytest.mark.parametrize("length", [1, 2, 8, 9])
def test_a_short_cycle_is_listed_in_full_and_a_longer_one_shortened(length: int) -> None:
    result = load_text(chain(length, cycle=True))
    (problem,) = result.problems
    first = f"e{length - 1}"
    if length <= 8:
        ring = [first, *(f"e{n}" for n in range(length - 1)), first]
        assert f"a cycle: {' → '.join(ring)}; one" in problem.message
    else:
        assert "a cycle: e8 → e0 → e1 → e2 → e3 → e4 → … → e6 → e7 → e8 (9 events); one" in (
            problem.message
        )


def test_timeline_source_and_media_take_the_forms_an_events_do() -> None:
    for written, label, url in [
        ('"https://example.com/a"', "", "https://example.com/a"),
        ('"the article"', "the article", ""),
        ('{ label = "L", url = "https://x" }', "L", "https://x"),
    ]:
        result = load_text(
            f'[timeline]\ntitle = "T"\nsource = {written}\nmedia = {{ url = "m.png", alt = "A" }}\n'
            '[[events]]\ndate = 2018\ntitle = "a"\n'
        )
        assert result.problems == []
        assert result.timeline is not None
        source, media = result.timeline.source, result.timeline.media
        assert source is not None
        assert (source.label, source.url) == (label, url)
        assert media is not None
        assert (media.url, media.alt, media.caption) == ("m.png", "A", "")


def test_a_quotes_own_source_is_a_source_without_a_date_too() -> None:
    # Read the quick way (no date), it came back a plain tuple and exports crashed.
    from timeline.model import Source

    text = (
        '[timeline]\ntitle = "T"\n[[events]]\ndate = "2018-07-19"\ntitle = "One"\n'
        '[[events.quotes]]\ntext = "They refused."\n'
        'source = { label = "L", url = "https://x.org" }\n'
    )
    result = load_text(text, "t.toml")
    assert result.timeline is not None and not result.problems
    [quote] = result.timeline.events[0].quotes
    assert quote.source == Source("L", "https://x.org")
    assert isinstance(quote.source, Source)


def test_the_timeline_sources_access_date_is_read() -> None:
    # It was dropped without a word: the [timeline] table's source read no dates.
    text = (
        '[timeline]\ntitle = "T"\nsource = { label = "Head", accessed = "2018-07-20" }\n'
        '[[events]]\ndate = "2018-07-19"\ntitle = "One"\n'
    )
    result = load_text(text, "t.toml")
    assert result.timeline is not None and not result.problems
    assert result.timeline.source is not None
    assert result.timeline.source.accessed == When(2018, 7, 20, written="2018-07-20")


def test_a_reply_to_itself_or_dated_before_what_it_answers_is_a_warning(tmp_path: Path) -> None:
    # Bug fixed: both were accepted without a word, though one is a slip and the other
    # says a date or the reply is wrong.
    path = tmp_path / "t.toml"
    path.write_text(
        '[timeline]\ntitle = "T"\n'
        '[[events]]\nid = "self"\ndate = 2018-07-16\ntitle = "S"\nin_reply_to = "self"\n'
        '[[events]]\nid = "early"\ndate = 2018-07-17\ntitle = "E"\nin_reply_to = "late"\n'
        '[[events]]\nid = "late"\ndate = "2018-07-18T09:00Z"\ntitle = "L"\n'
        '[[events]]\nid = "month"\ndate = "2018-07"\ntitle = "M"\nin_reply_to = "late"\n'
        '[[events]]\nid = "circa"\ndate = "circa 2018-07-10"\ntitle = "C"\n'
        'in_reply_to = "late"\n'
        '[[events]]\nid = "west"\ndate = "2018-07-18T08:00-07:00"\ntitle = "W"\n'
        'in_reply_to = "late"\n',
        encoding="utf-8",
    )
    result = load_file(path)
    assert result.timeline is not None
    said = [(p.line, p.message) for p in result.problems if p.field == "in_reply_to"]
    assert said == [
        (7, "event 'self': in_reply_to names the event itself; name the event it answers"),
        (
            12,
            "event 'early': in_reply_to names 'late', dated 18 Jul 2018 09:00 UTC, after "
            "this reply (17 Jul 2018); check the dates, or the event it answers",
        ),
    ]
    assert all(p.severity == "warning" for p in result.problems)
    # Besides: "west" (15:00 UTC) is listed by its clock before "late" (09:00 UTC).
    [order] = [p for p in result.problems if p.field != "in_reply_to"]
    assert (order.event, order.field) == ("late", "date")


@pytest.mark.parametrize("to", ["timelinejs", "csv"])
def test_a_reply_dated_before_what_it_answers_is_a_warning_in_timelinejs_too(
    tmp_path: Path, to: str
) -> None:
    from timeline.read import load_any
    from timeline.write import render

    source = load_text(
        '[timeline]\ntitle = "T"\n'
        '[[events]]\nid = "early"\ndate = 2018-07-17\ntitle = "E"\nin_reply_to = "late"\n'
        '[[events]]\nid = "late"\ndate = 2018-07-18\ntitle = "L"\n',
        "t.toml",
    )
    assert source.timeline is not None
    path = tmp_path / ("t.json" if to == "timelinejs" else "t.csv")
    path.write_text(render(source.timeline, to), encoding="utf-8")
    assert [p.message for p in load_any(path).problems] == [
        "event 'early': in_reply_to names 'late', dated 18 Jul 2018, after this reply "
        "(17 Jul 2018); check the dates, or the event it answers"
    ]

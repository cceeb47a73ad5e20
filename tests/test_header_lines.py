"""Every event, and every problem in it, is placed at its own lines, even when a string
quotes an `[[events]]` line.

The headers are found by looking for `[[events]]` at the start of a line, which also
finds one quoted in a multi-line string. Each event after it was then placed at the
header before its own, and its problems at that event's first line: a warning about
line 15 said line 10, and `e` opened the editor on another event.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import generated

from timeline.read import load_files
from timeline.read.locate import exact_headers, headers
from timeline.read.toml import Tuning

QUOTED = '''\
[timeline]
title = "A file quoting a file"

[[events]]
id = "a"
date = "2018-07-17"
title = "A"
context = """
A quote of a TOML file:
[[events]]
end of it"""

[[events]]
id = "b"
date = "03/04/2018"
title = "B"
notes = \'\'\'
[[events]]
\'\'\'

[["events"]]
id = "c"
date = "2018-07-19"
title = "C"
colour = 1
'''
# Where each event's header is, and where its problem is.
HEADERS = {"a": 4, "b": 13, "c": 21}
WARNED = {("b", "date"): 15, ("c", "colour"): 25}

# One header quoted in a string, and one written `[["events"]]`: the quick way found
# the first and not the second, so it counted as many headers as the parser read
# events, and the events after the string were placed one header early.
BALANCED = '''\
[timeline]
title = "t"

[[events]]
id = "a"
date = 2018-07-01
title = "A"
context = """quoting a file:
[[events]]
"""

[[events]]
id = "b"
date = 2018-07-02
title = "B"
bogus = 1

[["events"]]
id = "c"
date = 2018-07-03
title = "C"
'''

# Headers written with an escape, which TOML reads as `[[events]]` (and `[timeline]`,
# `[[events.quotes]]`, `[[eras]]`). Bug fixed: the headers were found by their plain
# spellings only, so each event after `[["\u0065vents"]]` was placed at the header
# before its own, and every problem in it lines too early, without a word.
ESCAPED = r"""["t\u0069meline"]
title = "Escaped headers"
colour = "blue"

[["\u0065vents"]]
id = "a"
date = 2018-07-08
title = "A"

[[events."quotes"]]
text = "one"

[["events".'quotes']]
text = "two"
date = "03/04/2018"

[[events]]
id = "b"
date = "03/04/2018"
title = "B"
titel = "x"

[["\u0065ras"]]
title = "E"
start = "03/04/2018"
end = 2019
"""
# An escaped header and one quoted in a string: as many headers found the quick way
# as the parser reads events, so only reading the escape tells them apart.
ESCAPED_AND_QUOTED = '''\
[timeline]
title = "t"

[[events]]
id = "a"
date = 2018-07-01
title = "A"
context = """quoting a file:
[[events]]
"""

[["ev\\u0065nts"]]
id = "b"
date = 2018-07-02
title = "B"
bogus = 1

[[events]]
id = "c"
date = 2018-07-03
title = "C"
bogus = 2
'''


@pytest.mark.parametrize("large", [False, True], ids=["small", "read as a large file"])
@pytest.mark.parametrize(
    ("text", "headers", "warned"),
    [
        (QUOTED, HEADERS, WARNED),
        # One quoted, one written [["events"]]: the counts agreed, and the rescan
        # was skipped.
        (BALANCED, {"a": 4, "b": 12, "c": 18}, {("b", "bogus"): 16}),
        (
            ESCAPED,
            {"a": 5, "b": 17},
            {
                ("", "timeline.colour"): 3,
                ("a", "quotes[1].date"): 15,
                ("b", "date"): 19,
                ("b", "titel"): 21,
                ("", "eras[0].start"): 25,
            },
        ),
        (
            ESCAPED_AND_QUOTED,
            {"a": 4, "b": 12, "c": 18},
            {("b", "bogus"): 16, ("c", "bogus"): 22},
        ),
    ],
    ids=["quoted", "quoted and written quoted", "escaped", "escaped and quoted"],
)
def test_a_header_quoted_in_a_string_moves_no_event_nor_problem(
    tmp_path: Path,
    large: bool,
    text: str,
    headers: dict[str, int],
    warned: dict[tuple[str, str], int],
) -> None:
    path = tmp_path / "quoting.toml"
    path.write_text(text, encoding="utf-8")
    tuning = Tuning(large_file=0, chunk_events=1) if large else Tuning()
    result = load_files([path], tuning=tuning)
    assert result.timeline is not None
    assert {e.id: e.line for e in result.timeline.events} == headers
    assert {(p.event, p.field): p.line for p in result.problems} == warned


def test_strings_that_end_in_quotes_of_their_own_end_where_toml_says() -> None:
    text = '''\
[[events]]
said = """She said "stop"."""
more = """""two quotes first, three last"""""
path = \'\'\'C:\\ and \'\'\'\'
one = "a \\" [[events]]"

[[events]]
'''
    starts, lines = exact_headers(text)
    assert lines == [1, 7]
    assert [text[s : s + 10] for s in starts] == ["[[events]]"] * 2


@pytest.mark.parametrize("count", [10, 200])
def test_both_ways_agree_on_a_file_without_quoted_headers(count: int) -> None:
    text = generated(count)
    assert exact_headers(text) == headers(text)
    assert len(headers(text)[0]) == count


def _lines(path: Path, text: str) -> dict[str, int]:
    path.write_text(text, encoding="utf-8")
    return {p.message: p.line for p in load_files([path]).problems}


def test_a_timeline_field_is_placed_in_the_timeline_table_not_where_an_event_has_one(
    tmp_path: Path,
) -> None:
    # The [timeline] table after the events, and a quote's field of the same name before
    # it: each problem at the table's own line (they were at the first `title =` and
    # `colour =` of the file: the event's and the quote's).
    events = '[[events]]\nid = "a"\ndate = "2018-07-17"\ntitle = "A"\n'
    quote = '\n[[events.quotes]]\ntext = "x"\nnote = "n"\n'
    table = '\n[timeline]\ntitle = 3\nnote = 1\ntimezone = "Mars/Base"\n'
    found = _lines(tmp_path / "late-table.toml", events + quote + table)
    assert found == {
        "[timeline] field 'title' must be a string, found an integer (3)": 11,
        "[timeline]: unknown field 'note' was ignored": 12,
        "[timeline] timezone 'Mars/Base' is not an IANA zone name such as \"America/Chicago\"": 13,
    }
    # Written inline, they are all on its line.
    found = _lines(tmp_path / "inline.toml", "timeline = { title = 3 }\n\n" + events)
    assert list(found.values()) == [1]


# Tables inside an event or an era, written as TOML lets them be written, empty or with
# a bad key. Bug fixed: a table whose name was quoted or escaped (`[events."source"]`,
# `["events".media]`), and a table inside an era (`[eras.extra]`), were placed at their
# event's or era's header: a source naming nothing said line 4 for line 9.
SUB_TABLES = r"""[timeline]
title = "Tables inside"

[[events]]
id = "a"
date = 2018
title = "A"

[events."source"]

[[events]]
id = "b"
date = 2018
title = "B"

[ "events" . 'media' ]  # a picture
credit = "C"

[[events]]
id = "c"
date = 2018
title = "C"

[events."sou\u0072ce"]
url = 5

[[events]]
id = "d"
date = 2018
title = "D"

[[events.quotes]]
text = "q"

[events.quotes."source"]

[[eras]]
title = "E"
start = 2018
end = 2019

[eras."extra"]
note = "n"
"""


@pytest.mark.parametrize(
    "tuning",
    [Tuning(fast_file=10**9), Tuning(), Tuning(large_file=0, chunk_events=1)],
    ids=["tomllib", "fast parser", "chunks"],
)
def test_a_table_inside_an_event_or_era_is_placed_at_its_own_line(
    tmp_path: Path, tuning: Tuning
) -> None:
    path = tmp_path / "tables.toml"
    path.write_text(SUB_TABLES, encoding="utf-8")
    result = load_files([path], tuning=tuning)
    assert {(p.event, p.field): p.line for p in result.problems} == {
        ("a", "source"): 9,
        ("b", "media"): 16,
        ("c", "source.url"): 25,
        ("d", "quotes[0].source"): 35,
        ("", "eras[0].extra"): 42,
    }

"""Every problem placed at a line is at a column from 1, the same in every output.

Bug fixed: problems of the `[timeline]` table and the tables inside it (an unknown key
in `[timeline.source]`), of a top-level key, of a TimelineJS slide and of a
spreadsheet's row carried column 0, which the text form printed as 1 and the JSON form
turned into 1 by a rule of its own; and a key indented in those tables was said to be
at column 1 wherever it was. An era written inline (`eras = [{ ... }]`) was placed at
no line at all.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from timeline.cli import main
from timeline.read import load_any

HEADER = """\
[timeline]
title = 5
  summary = 3
timezone = "Mars/Base"
colour = "red"

[timeline.source]
label = "x"
  lable = "y"

[timeline.media]
caption = "c"
  credt = "x"

[[events]]
id = "a"
date = 2018-07-16
title = "x"
  kindd = "tweet"

[[events.quotes]]
text = "q"
  speakr = "s"

[[eras]]
title = "e"
start = 2018
end = "nope"
  colour = "red"

[[eras]]
title = "f"
"""
INLINE = """\
eras = [{ title = "e", start = 2018, end = "zz" }]
events = 3
  colours = 1
timeline = { title = "t", source = { lable = "x" } }
"""
SLIDES = """\
{"title": {"text": {"headline": "T"}},
 "events": [
  {"start_date": {"year": "abc"}, "text": {"headline": "x"}},
  {"start_date": {"year": 2018, "month": 13}, "text": {"headline": 5}}
 ]}
"""
ROWS = "Year,Month,Day,Headline,Text,Colour\nabc,,,x,,\n2018,13,,y,,z\n2018,1,1,z,,\n"
FILES = {
    "header.toml": HEADER,
    "inline.toml": INLINE,
    "syntax.toml": '[timeline]\ntitle = "T"\n[[events]]\ntitle = \n',
    "bom.toml": '\ufeff[timeline]\ntitle = "T"\n\n[[events]]\ntitle = "x"\ndate = 2018\n',
    "slides.json": SLIDES,
    "rows.csv": ROWS,
}


def _write(tmp_path: Path) -> list[str]:
    paths = []
    for name, text in FILES.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    bad = tmp_path / "bytes.toml"
    bad.write_bytes(b'[timeline]\ntitle = "T\xff"\n')
    return [*paths, str(bad)]


def test_every_problem_at_a_line_is_at_a_column_from_one_in_every_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = _write(tmp_path)
    read = [problem for path in paths for problem in load_any(path).problems]
    assert {Path(p.file).name for p in read} == {Path(path).name for path in paths}
    assert [str(p) for p in read if p.line and p.column < 1] == []
    assert [p for p in read if not p.line] == []  # and each of these is placed

    assert main(["check", "--format", "json", *paths]) == 1
    said = json.loads(capsys.readouterr().out)["problems"]
    assert len(said) == len(read)
    assert [p for p in said if p["line"] is None or p["column"] < 1] == []

    main(["check", *paths])
    printed = capsys.readouterr().out.splitlines()
    places = [re.match(r"(.*?):(\d+):(\d+): (?:error|warning): ", line) for line in printed]
    located = [(m[1], int(m[2]), int(m[3])) for m in places if m is not None]
    assert sorted(located) == sorted((p["file"], p["line"], p["column"]) for p in said)


def test_a_key_of_the_timeline_table_is_placed_at_its_own_column(tmp_path: Path) -> None:
    # As an event's or an era's keys are: indented, the key is where it is written.
    path = tmp_path / "header.toml"
    path.write_text(HEADER, encoding="utf-8")
    placed = {p.field: (p.line, p.column) for p in load_any(str(path)).problems}
    assert placed["timeline.title"] == (2, 1)
    assert placed["timeline.summary"] == (3, 3)
    assert placed["timeline.source.lable"] == (9, 3)
    assert placed["timeline.media.credt"] == (13, 3)
    assert placed["kindd"] == (19, 3)
    assert placed["quotes[0].speakr"] == (23, 3)
    assert placed["eras[0].colour"] == (29, 3)


def test_a_top_level_key_and_an_array_written_inline_are_placed_at_their_key(
    tmp_path: Path,
) -> None:
    path = tmp_path / "inline.toml"
    path.write_text(INLINE, encoding="utf-8")
    placed = {p.field: (p.line, p.column) for p in load_any(str(path)).problems}
    assert placed["eras[0].end"] == (1, 1)
    assert placed["events"] == (2, 1)
    assert placed["colours"] == (3, 3)
    assert placed["timeline.source.lable"] == (4, 1)

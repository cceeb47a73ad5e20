"""Small files take the fast path: the fast parser reads them, and tomllib only what it
refuses.

Whichever parser reads a text, the timeline and every problem (message, line, column,
event, field) must be the same: here events.toml, a generated file, drawn timeline
files, and drawn files cut, spliced and sprinkled with hostile pieces are loaded both
ways and compared.
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import EVENTS, generated
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz import mutated
from timelines import timeline_files

from timeline.problems import LoadResult
from timeline.read import toml_fast
from timeline.read.toml import Tuning, load_file, load_text

#: Every text through tomllib, as every small file was read before.
TOMLLIB = Tuning(fast_file=sys.maxsize)
#: Every text through the fast parser first.
FAST = Tuning(fast_file=0)
BOTH_WAYS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def both_ways(text: str) -> tuple[LoadResult, LoadResult]:
    return load_text(text, "t.toml", tuning=FAST), load_text(text, "t.toml", tuning=TOMLLIB)


def no_tomllib(text: str) -> dict[str, Any]:
    raise AssertionError("tomllib read a file the fast parser reads")


def test_events_toml_loads_the_same_either_way_and_without_tomllib(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reference = load_file(EVENTS, tuning=TOMLLIB)
    assert reference.timeline is not None
    with monkeypatch.context() as m:
        m.setattr(tomllib, "loads", no_tomllib)
        fast = load_file(EVENTS)  # the default: the fast parser
    assert fast == reference


def test_a_generated_file_loads_the_same_either_way(tmp_path: Path) -> None:
    path = tmp_path / "thousand.toml"
    path.write_text(generated(1000), encoding="utf-8")
    fast, reference = load_file(path, tuning=FAST), load_file(path, tuning=TOMLLIB)
    assert reference.timeline is not None and len(reference.timeline.events) == 1000
    assert fast == reference


def test_a_syntax_error_is_located_by_tomllib() -> None:
    text = '[timeline]\ntitle = "T"\n\n[[events]]\ndate = 2018-07-16\ntitle = "x\n'
    fast, reference = both_ways(text)
    assert fast == reference
    (problem,) = fast.problems
    assert (problem.line, problem.column) == (6, 11)
    assert problem.message.startswith("TOML syntax: ")


@BOTH_WAYS
@given(text=timeline_files(max_events=4))
def test_drawn_timelines_load_the_same_either_way(text: str) -> None:
    fast, reference = both_ways(text)
    assert fast == reference


@BOTH_WAYS
@given(data=st.data())
def test_damaged_files_load_the_same_either_way(data: st.DataObject) -> None:
    text = data.draw(mutated(data.draw(timeline_files(max_events=3))))
    fast, reference = both_ways(text)
    assert fast == reference


#: What TOML 1.1 added (rtoml, the fast parser before, read it; tomllib refuses it), a
#: byte-order mark as text, and texts that only look like them.
NEWER = {
    "a byte-order mark as text": '\ufeff[timeline]\ntitle = "T"\n',
    "the escape \\e": '[timeline]\ntitle = "T\\e"\n',
    "the escape \\x": '[timeline]\ntitle = "T\\x41"\n',
    "a date-time without seconds": "[[events]]\ntitle = 'x'\ndate = 2018-07-16T07:32Z\n",
    "a local time without seconds": "[[events]]\ntitle = 'x'\ndate = 2018-07-16\nat = 07:32\n",
    "a time without seconds in an array": "[[events]]\ntitle = 'x'\ndate = 2018\nat = [\n  07:32,\n]\n",
    "an inline table over two lines": '[timeline]\ntitle = "T"\nsource = { label = "a",\n  url = "https://a.example" }\n',
    "a comment in an inline table": '[timeline]\ntitle = "T"\nsource = { label = "a", # the label\n}\n',
    "a trailing comma in an inline table": '[timeline]\ntitle = "T"\nsource = { label = "a", }\n',
    "an inline table in an inline table, over lines": '[timeline]\ntitle = "T"\nsource = { x = { y = 1 },\n}\n',
}
ONLY_LOOKS_NEWER = {
    "a literal string with \\e": "[timeline]\ntitle = 'C:\\example'\n",
    "a time in a quote after a comma": '[[events]]\ntitle = "at noon, 12:30 sharp"\ndate = 2018\n',
    "a brace in a multi-line string": '[[events]]\ntitle = """a {\nb"""\ndate = 2018\n',
    "a nested inline table on one line": '[[events]]\ntitle = "x"\ndate = 2018\nsource = { label = "a", x = { y = 1 } }\n',
}


@pytest.mark.parametrize(
    "text", [*NEWER.values(), *ONLY_LOOKS_NEWER.values()], ids=[*NEWER, *ONLY_LOOKS_NEWER]
)
def test_what_only_toml_1_1_allows_is_read_as_tomllib_reads_it(text: str) -> None:
    fast, reference = both_ways(text)
    assert fast == reference
    if text in NEWER.values():
        assert toml_fast.read(text) is None  # refused, and tomllib says where
        assert any(p.message.startswith("TOML syntax") for p in fast.problems)
    else:
        assert toml_fast.read(text) == tomllib.loads(text)


@pytest.mark.parametrize("text", NEWER.values(), ids=NEWER)
def test_a_large_file_refuses_what_toml_1_1_added_as_a_small_one_does(
    text: str, tmp_path: Path
) -> None:
    # rtoml read TOML 1.1 in the chunks of a large file, where the same event in a
    # small file was an error: "\\e" became an escape character in a title.
    events = generated(30)
    path = tmp_path / "large.toml"
    path.write_text(events + "\n" + text.removeprefix("\ufeff"), encoding="utf-8")
    large = load_file(path, tuning=Tuning(large_file=0, chunk_events=7, parallel_file=0))
    small = load_file(path, tuning=Tuning(large_file=10**12))
    assert large == small
    if not text.startswith("\ufeff"):  # there, the file's own byte-order mark
        assert large.timeline is None
        assert any(p.message.startswith("TOML syntax") for p in large.problems)


def test_a_timeline_s_usual_text_is_read_by_the_fast_parser() -> None:
    for text in (EVENTS.read_text(encoding="utf-8"), generated(300)):
        assert toml_fast.read(text) == tomllib.loads(text)


@pytest.mark.parametrize("opening", ["[", "{ a = "])
def test_nesting_too_deep_for_the_fast_parser_is_left_to_tomllib(opening: str) -> None:
    # toml-rs recurses on the thread's stack: about 4,300 inline tables deep, the
    # process crashed. Deeper than DEEPEST, tomllib reads the text (or says where).
    closing = "]" if opening == "[" else "}"
    for depth in (toml_fast.DEEPEST - 3, toml_fast.DEEPEST + 1, 20_000):
        value = opening * depth + "1" + closing * depth
        text = f'[[events]]\ntitle = "x"\ndate = 2018\nextra = {value}\n'
        assert (toml_fast.read(text) is None) == (depth > toml_fast.DEEPEST)
        fast, reference = both_ways(text)
        assert fast == reference
        assert fast.problems  # an unknown field, or nesting too deep to read


def test_a_number_too_long_for_python_is_a_located_error_not_a_traceback() -> None:
    # Found comparing the parsers: both refuse it, and tomllib's ValueError escaped.
    text = '[timeline]\ntitle = "T"\n\n[[events]]\ntitle = "x"\ndate = ' + "9" * 5000 + "\n"
    fast, reference = both_ways(text)
    assert fast == reference
    (problem,) = fast.problems
    assert (problem.line, problem.column, problem.severity) == (6, 8, "error")
    assert "4,300 digits" in problem.message


def test_the_fast_parser_leaves_the_environment_as_it_found_it() -> None:
    # Its allocator's settings are put in the environment for it to read when it
    # starts (toml_fast._ALLOCATOR), then taken out; a reader's own setting stays.
    import subprocess

    code = (
        "import os\n"
        "from timeline.read import toml_fast\n"
        "assert toml_fast.read('a = 1') == {'a': 1}\n"
        "print(sorted((k, v) for k, v in os.environ.items() if k.startswith('MIMALLOC')))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("MIMALLOC")}
    for own, expected in (
        ({}, "[]"),
        ({"MIMALLOC_PURGE_DELAY": "7"}, "[('MIMALLOC_PURGE_DELAY', '7')]"),
    ):
        done = subprocess.run(
            [sys.executable, "-c", code], env={**env, **own}, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == expected

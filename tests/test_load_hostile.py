"""Hostile and broken TOML: a located message, never a traceback, and no quadratic path.

Sizes here are large enough that a quadratic path would take minutes; nothing is timed
(benchmarks/ holds the scaling figures): a regression shows as a test that never ends.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from timeline.read.toml import load_text

HEAD = '[timeline]\ntitle = "T"\n\n'


def test_toml_nested_a_thousand_deep_is_a_located_error() -> None:
    # Bug fixed: tomllib's RecursionError escaped as a traceback.
    text = HEAD + '[[events]]\ntitle = "x"\ndate = 2018\nmedia = ' + "[" * 1000 + "]" * 1000 + "\n"
    result = load_text(text, "t.toml")
    assert result.timeline is None
    assert [str(p) for p in result.problems] == [
        "t.toml:7:109: error: TOML syntax: tables or arrays nested too deeply to read (more "
        "than 100 levels); a timeline needs a few"
    ]


def test_a_file_cut_short_is_located_at_its_end() -> None:
    # Bug fixed: 57 of 60 truncations said "at end of document" with no line or column.
    text = HEAD + '[[events]]\ntitle = """the quote runs on'
    (problem,) = load_text(text, "t.toml").problems
    assert str(problem) == (
        "t.toml:5:29: error: TOML syntax: Unterminated string (the file ends here: is it cut short?)"
    )


def test_sixteen_thousand_unknown_keys_are_each_located_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Bug fixed: each unknown key compiled a pattern and searched the event again (24 s).
    keys = "".join(f'k{n} = "v"\n' for n in range(16_000))
    text = HEAD + '[[events]]\ntitle = "x"\ndate = 2018\n' + keys
    compiled: list[str] = []
    real = re.compile

    def counting(pattern: Any, flags: int = 0) -> Any:
        compiled.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(re, "compile", counting)
    result = load_text(text, "t.toml")
    assert len(compiled) < 10, "a pattern per key: one search of the event per key"
    assert result.timeline is not None
    lines = [p.line for p in result.problems]
    assert lines == list(range(7, 7 + 16_000))
    assert result.problems[-1].message == "event #1: unknown field 'k15999' was ignored"


def test_ten_thousand_events_with_one_title_and_no_id(tmp_path: Path) -> None:
    # Bug fixed: ids derived from a shared title were found in quadratic time (17 s).
    text = HEAD + '[[events]]\ntitle = "Same"\ndate = 2018\n\n' * 10_000
    result = load_text(text, "t.toml")
    assert result.timeline is not None and result.problems == []
    ids = {e.id for e in result.timeline.events}
    assert len(ids) == 10_000
    assert {"same", "same-2", "same-10000"} <= ids

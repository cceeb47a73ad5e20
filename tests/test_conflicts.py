"""Git's merge conflict markers left in a file are errors, said as the merge left them."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.read.toml import Tuning, load_file

HEAD = '[timeline]\ntitle = "T"\n\n'
EVENTS = "".join(
    f'[[events]]\nid = "e{n}"\ndate = 2024-03-0{n}\ntitle = "Event {n}"\n\n' for n in range(1, 6)
)
IN_A_QUOTE = (
    '[[events]]\nid = "speech"\ndate = 2024-03-05\ntitle = "Speech"\n\n'
    '[[events.quotes]]\ntext = """\nWe will protect the libraries.\n<<<<<<< HEAD\n'
    "We will protect every school.\n=======\nWe shall protect the schools.\n>>>>>>> ben2\n"
    'We will protect the parks."""\n\n'
)


@pytest.mark.parametrize(
    "tuning",
    [Tuning(), Tuning(large_file=0, chunk_events=1), Tuning(large_file=0, chunk_events=2)],
    ids=["whole", "chunks of 1", "chunks of 2"],
)
def test_a_conflict_inside_a_quote_is_an_error_at_its_lines(tmp_path: Path, tuning: Tuning) -> None:
    # Bug fixed: a conflict inside a multi-line string is valid TOML, so the quote was
    # read with both versions and the markers in its words, and `check --strict` passed.
    path = tmp_path / "a.toml"
    path.write_text(HEAD + EVENTS + IN_A_QUOTE + EVENTS.replace('"e', '"f'), encoding="utf-8")
    result = load_file(path, tuning=tuning)
    assert result.timeline is None
    (problem,) = result.problems
    assert str(problem) == (
        f"{path}:37:1: error: event 'speech': lines 37 to 41 hold an unresolved git merge "
        "conflict ('<<<<<<< HEAD'): the merge left both versions; keep the one meant and "
        "remove the lines <<<<<<<, ======= and >>>>>>>"
    )
    assert (problem.event, problem.line) == ("speech", 37)


def test_a_conflict_between_tables_is_said_before_the_syntax_error(tmp_path: Path) -> None:
    # It was "TOML syntax: Invalid statement", with no word of a merge.
    path = tmp_path / "b.toml"
    text = HEAD + "<<<<<<< HEAD\n" + EVENTS + "=======\n" + EVENTS + ">>>>>>> theirs\n"
    path.write_text(text, encoding="utf-8")
    messages = [f"{p.line}: {p.message}" for p in load_file(path).problems]
    assert messages[0].startswith("4: lines 4 to 56 hold an unresolved git merge conflict")
    assert "TOML syntax" in messages[1]


def test_a_heading_underlined_in_a_quote_is_no_conflict(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    text = HEAD + EVENTS + '[[events]]\nid = "m"\ndate = 2024\ntitle = "M"\n'
    text += 'context = """\nHeading\n=======\n\nText, and <<<<<<< in a line.\n"""\n'
    path.write_text(text, encoding="utf-8")
    result = load_file(path)
    assert result.problems == [] and result.timeline is not None

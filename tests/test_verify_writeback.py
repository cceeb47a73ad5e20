"""timeline.verify.writeback: `archive` and `accessed` written in, every other byte kept."""

from __future__ import annotations

import os
import shutil
import tomllib
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.verify import writeback
from timeline.verify.writeback import (
    ArchiveEdit,
    SourceRef,
    WritebackError,
    set_archives,
    write_archives,
)

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2024, 5, 1)

# Every way a source can be written, among the things tomlkit could trip on: comments
# everywhere, blank lines, a date before a closing brace or bracket, literal and
# multi-line strings, dotted keys, a comment before a table that belongs to it.
FILE = """\
# A timeline for the tests.  It has "quotes" and 'literals'.
[timeline]
title = "T"   # the title
source = { label = "The collection" }

[[events]]   # the first event
id = "string"
date = 2018-07-19
source = 'https://example.org/a'  # the tweet
when = { day = 2018-07-19 }
days = [ 2018-07-19, 2018-07-20 ]

[[events]]
id = "inline"
title = \"\"\"
A title over
two lines\"\"\"
source = { label = "L",   url = "https://example.org/b" }   # note
tags = ["x", "y"]

[[events.quotes]]
text = "q"
source = {url="https://example.org/q"}

[[events]]
id = "table"
  nested.key = 1

[events.source]
  label = "S"
  url = "https://example.org/c"   # indented keys stay indented

# This comment is about the next event, not the source above.

[[events]]
id = "many"
source = "a label, not a URL"

[[events.sources]]
label = "one"
url = "https://example.org/d1"

# The letter, published online.
[[events.sources]]
url = "https://example.org/d2"
archive = "sources/old.html"
kind = "primary"
[[events.sources]]
label = "three"

[[events]]
id = "last"
title = "no newline at the end of the file"
[events.source]
url = "https://example.org/e\""""


def diff(old: str, new: str) -> list[tuple[list[str], list[str]]]:
    """Each place the texts differ: (the old lines there, the new lines)."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    return [
        (a[i1:i2], b[j1:j2])
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if tag != "equal"
    ]


def edit(ref: SourceRef, archive: str = "sources/new.html", when: date = DAY) -> ArchiveEdit:
    return ArchiveEdit(ref, archive, when)


def source_of(text: str, event: int, index: int = 0, quote: int | None = None) -> Any:
    data = tomllib.loads(text)["events"][event]
    if quote is not None:
        data = data["quotes"][quote]
    places = ([data["source"]] if "source" in data else []) + data.get("sources", [])
    return places[index]


def test_the_fixture_is_one_tomlkit_cannot_reproduce_alone() -> None:
    # The reason set_archives restores untouched lines: tomlkit drops blanks after dates.
    import tomlkit

    assert tomlkit.parse(FILE).as_string() != FILE


def test_a_string_source_becomes_an_inline_table() -> None:
    new = set_archives(FILE, [edit(SourceRef(0))])
    assert diff(FILE, new) == [
        (
            ["source = 'https://example.org/a'  # the tweet\n"],
            [
                "source = { url = 'https://example.org/a', archive = \"sources/new.html\", "
                "accessed = 2024-05-01 }  # the tweet\n"
            ],
        )
    ]
    assert source_of(new, 0) == {
        "url": "https://example.org/a",
        "archive": "sources/new.html",
        "accessed": DAY,
    }


def test_a_string_that_is_not_a_url_becomes_the_label() -> None:
    new = set_archives(FILE, [edit(SourceRef(3, 0))])
    assert diff(FILE, new) == [
        (
            ['source = "a label, not a URL"\n'],
            [
                'source = { label = "a label, not a URL", archive = "sources/new.html", '
                "accessed = 2024-05-01 }\n"
            ],
        )
    ]


def test_an_inline_table_keeps_its_spacing() -> None:
    new = set_archives(FILE, [edit(SourceRef(1))])
    assert diff(FILE, new) == [
        (
            ['source = { label = "L",   url = "https://example.org/b" }   # note\n'],
            [
                'source = { label = "L",   url = "https://example.org/b", '
                'archive = "sources/new.html", accessed = 2024-05-01 }   # note\n'
            ],
        )
    ]
    new = set_archives(FILE, [edit(SourceRef(1, 0, 0))])
    assert diff(FILE, new) == [
        (
            ['source = {url="https://example.org/q"}\n'],
            [
                'source = {url="https://example.org/q", archive = "sources/new.html", accessed = 2024-05-01}\n'
            ],
        )
    ]
    assert source_of(new, 1, 0, quote=0)["archive"] == "sources/new.html"


def test_a_table_gets_lines_after_its_last_key_with_its_indent() -> None:
    new = set_archives(FILE, [edit(SourceRef(2))])
    assert diff(FILE, new) == [
        ([], ['  archive = "sources/new.html"\n', "  accessed = 2024-05-01\n"]),
    ]
    lines = new.splitlines()
    at = lines.index('  archive = "sources/new.html"')
    assert lines[at - 1] == '  url = "https://example.org/c"   # indented keys stay indented'
    assert lines[at + 2 : at + 4] == [
        "",
        "# This comment is about the next event, not the source above.",
    ]


def test_an_entry_of_sources_before_a_comment_that_belongs_to_the_next() -> None:
    new = set_archives(FILE, [edit(SourceRef(3, 1))])
    assert diff(FILE, new) == [
        ([], ['archive = "sources/new.html"\n', "accessed = 2024-05-01\n"]),
    ]
    lines = new.splitlines()
    at = lines.index('archive = "sources/new.html"')
    assert lines[at - 1] == 'url = "https://example.org/d1"'
    assert lines[at + 2 : at + 4] == ["", "# The letter, published online."]


def test_existing_keys_are_replaced_where_they_stand() -> None:
    new = set_archives(FILE, [edit(SourceRef(3, 2), "sources/d2.pdf")])
    assert diff(FILE, new) == [
        (['archive = "sources/old.html"\n'], ['archive = "sources/d2.pdf"\n']),
        ([], ["accessed = 2024-05-01\n"]),
    ]
    assert source_of(new, 3, 2) == {
        "url": "https://example.org/d2",
        "archive": "sources/d2.pdf",
        "kind": "primary",
        "accessed": DAY,
    }
    again = set_archives(new, [edit(SourceRef(3, 2), "sources/d3.pdf", date(2025, 1, 2))])
    assert diff(new, again) == [
        (['archive = "sources/d2.pdf"\n'], ['archive = "sources/d3.pdf"\n']),
        (["accessed = 2024-05-01\n"], ["accessed = 2025-01-02\n"]),
    ]


def test_a_table_right_before_the_next_header_and_at_the_end_of_the_file() -> None:
    new = set_archives(FILE, [edit(SourceRef(3, 3)), edit(SourceRef(4))])
    assert diff(FILE, new) == [
        ([], ['archive = "sources/new.html"\n', "accessed = 2024-05-01\n"]),
        (
            ['url = "https://example.org/e"'],
            [
                'url = "https://example.org/e"\n',
                'archive = "sources/new.html"\n',
                "accessed = 2024-05-01\n",
            ],
        ),
    ]


def test_every_edit_at_once_changes_only_those_sources() -> None:
    refs = [
        SourceRef(0),
        SourceRef(1),
        SourceRef(1, 0, 0),
        SourceRef(2),
        SourceRef(3, 0),
        SourceRef(3, 1),
        SourceRef(3, 2),
        SourceRef(3, 3),
        SourceRef(4),
    ]
    edits = [edit(ref, f"sources/{n}.html") for n, ref in enumerate(refs)]
    new = set_archives(FILE, edits)
    # Values: exactly the sources' archive and accessed changed.
    before, after = tomllib.loads(FILE), tomllib.loads(new)
    for n, ref in enumerate(refs):
        got = source_of(new, ref.event, ref.source, ref.quote)
        assert (got["archive"], got["accessed"]) == (f"sources/{n}.html", DAY)
        was = source_of(FILE, ref.event, ref.source, ref.quote)
        rest = {k: v for k, v in got.items() if k not in ("archive", "accessed")}
        if isinstance(was, str):
            assert list(rest.values()) == [was]
        else:
            assert rest == {k: v for k, v in was.items() if k not in ("archive", "accessed")}
    assert after["timeline"] == before["timeline"]
    # Bytes: every line that is not a source's is the original line.
    removed = [line for old, _ in diff(FILE, new) for line in old]
    assert all("source" in line or "url" in line or "archive" in line for line in removed)
    assert "when = { day = 2018-07-19 }\n" in new
    assert "days = [ 2018-07-19, 2018-07-20 ]\n" in new


def test_crlf_files_stay_crlf() -> None:
    crlf = FILE.replace("\n", "\r\n")
    new = set_archives(crlf, [edit(SourceRef(2)), edit(SourceRef(1))])
    assert "\n" not in new.replace("\r\n", "")
    assert new.replace("\r\n", "\n") == set_archives(FILE, [edit(SourceRef(2)), edit(SourceRef(1))])


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        (SourceRef(9), "has 5 events; there is no event 10"),
        (SourceRef(3, 4), "event 4 ('many') has 4 sources; there is no source 5"),
        (SourceRef(0, 0, 0), "event 1 ('string') has 0 quotes; there is no quote 1"),
        (SourceRef(1, 1), "event 2 ('inline') has 1 source; there is no source 2"),
        (SourceRef(-1), "has 5 events; there is no event 0"),
    ],
)
def test_a_source_that_is_not_there(ref: SourceRef, message: str) -> None:
    with pytest.raises(WritebackError) as caught:
        set_archives(FILE, [edit(ref)])
    assert str(caught.value) == message


def test_events_without_any_source_and_files_without_events() -> None:
    with pytest.raises(WritebackError, match="event 1 has 0 sources; there is no source 1"):
        set_archives("[[events]]\ntitle = 'x'\n", [edit(SourceRef(0))])
    with pytest.raises(WritebackError, match="has 0 events"):
        set_archives("[timeline]\ntitle = 'x'\n", [edit(SourceRef(0))])


def test_a_source_of_another_type_is_refused() -> None:
    with pytest.raises(WritebackError, match="source 1 is not a string or a table"):
        set_archives("[[events]]\nsource = 3\n", [edit(SourceRef(0))])


def test_invalid_toml_is_refused_with_its_place() -> None:
    # Where is the error's line and column, for FILE:LINE:COL, not words in its message.
    with pytest.raises(WritebackError) as caught:
        set_archives('[[events]]\nsource = "x\n', [edit(SourceRef(0))])
    assert str(caught.value) == "not valid TOML: Illegal character '\\n'; nothing was written"
    assert (caught.value.line, caught.value.column) == (2, 12)
    with pytest.raises(WritebackError) as caught:
        set_archives("[[events]]\nsource = x y\n", [edit(SourceRef(0))])
    assert str(caught.value) == (
        'not valid TOML: Invalid value; text must be in quotes: source = "x y"; nothing was written'
    )
    assert (caught.value.line, caught.value.column) == (2, 10)


def test_toml_the_editor_cannot_read_is_said_with_its_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No such file is known (tomllib refuses first whatever was tried), so the editor's
    # refusal is made here: it counts columns from 0, FILE:LINE:COL from 1.
    import tomlkit
    from tomlkit.exceptions import ParseError

    def refuses(text: str) -> None:
        raise ParseError(2, 4, "Unexpected character: 'x'")

    monkeypatch.setattr(tomlkit, "parse", refuses)
    with pytest.raises(WritebackError) as caught:
        set_archives(FILE, [edit(SourceRef(0))])
    assert str(caught.value) == (
        "the TOML editor cannot read this file (Unexpected character: 'x'); nothing was written"
    )
    assert (caught.value.line, caught.value.column) == (2, 5)


def test_events_toml_archived_again_changes_nothing_else() -> None:
    # The shipped file with its archives taken out, then written back: each comes back
    # in its own table, and not one other byte moves.
    original = (ROOT / "events.toml").read_text(encoding="utf-8")
    shipped = "sources/ea3f62498f2fc560.txt"
    line = f'archive = "{shipped}"\n'
    stripped = original.replace(line, "")
    events = tomllib.loads(original)["events"]
    edits = [
        edit(SourceRef(n, i), shipped)
        for n, event in enumerate(events)
        for i, source in enumerate(event.get("sources", []))
        if "archive" in source
    ]
    assert len(edits) == original.count(line) >= 10
    new = set_archives(stripped, edits)
    changes = diff(stripped, new)
    assert len(changes) == len(edits)
    for old, added in changes:
        assert old == [] and added == [line, "accessed = 2024-05-01\n"]
    for ref in (e.ref for e in edits):
        assert source_of(new, ref.event, ref.source)["archive"] == shipped


# ---------------------------------------------------------------- the file itself


def test_write_archives_keeps_bom_and_permissions(tmp_path: Path) -> None:
    path = tmp_path / "events.toml"
    path.write_bytes(b"\xef\xbb\xbf" + FILE.encode("utf-8"))
    path.chmod(0o640)
    write_archives(path, [edit(SourceRef(2))])
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8") == set_archives(FILE, [edit(SourceRef(2))])
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.toml"]


def test_write_archives_writes_through_a_symbolic_link(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_text(FILE, encoding="utf-8")
    link = tmp_path / "events.toml"
    os.symlink(real, link)
    write_archives(link, [edit(SourceRef(0))])
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == set_archives(FILE, [edit(SourceRef(0))])


def test_a_file_changed_meanwhile_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "events.toml"
    path.write_text(FILE, encoding="utf-8")
    real_set = writeback.set_archives

    def edited_by_someone_else(text: str, edits: list[ArchiveEdit]) -> str:
        result = real_set(text, edits)
        path.write_text(FILE + "\n# saved in an editor meanwhile\n", encoding="utf-8")
        return result

    monkeypatch.setattr(writeback, "set_archives", edited_by_someone_else)
    with pytest.raises(
        WritebackError, match="changed on disk while archiving; nothing was written"
    ):
        write_archives(path, [edit(SourceRef(0))])
    assert path.read_text(encoding="utf-8").endswith("# saved in an editor meanwhile\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.toml"]


def test_unreadable_and_undecodable_files(tmp_path: Path) -> None:
    with pytest.raises(WritebackError, match=r"^cannot be read: No such file"):
        write_archives(tmp_path / "gone.toml", [edit(SourceRef(0))])
    bad = tmp_path / "latin.toml"
    bad.write_bytes(b"[[events]]\nsource = 'caf\xe9'\n")
    with pytest.raises(WritebackError, match=r"^is not valid UTF-8; nothing was written"):
        write_archives(bad, [edit(SourceRef(0))])
    assert bad.read_bytes() == b"[[events]]\nsource = 'caf\xe9'\n"


def test_nothing_to_change_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "events.toml"
    shutil.copy(ROOT / "events.toml", path)
    write_archives(path, [])
    assert path.read_bytes() == (ROOT / "events.toml").read_bytes()


# ---------------------------------------------------------------- any layout

_BLANKS = st.sampled_from(["", "\n", "# a comment\n", "\n# a comment about what follows\n", "  \n"])
_URL = st.sampled_from(["https://example.org/x", "http://a.b/c?d=1#e", "label"])


@st.composite
def timeline_file(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    """A TOML file of events with sources in every form, and the source lines by place."""
    parts = ["[timeline]\ntitle = 'T'\n", draw(_BLANKS)]
    places: list[tuple[int, int, str]] = []
    for event in range(draw(st.integers(1, 4))):
        form = draw(st.sampled_from(["string", "inline", "table", "array"]))
        url = draw(_URL)
        parts += ["[[events]]\n", draw(_BLANKS), f'id = "e{event}"\n', "date = 2018-07-19\n"]
        if form == "string":
            parts.append(f'source = "{url}"  # c\n')
            places.append((event, 0, form))
        elif form == "inline":
            inside = draw(st.sampled_from([" ", ""]))
            parts.append(f'source = {{{inside}label = "L", url = "{url}"{inside}}}\n')
            places.append((event, 0, form))
        parts.append(draw(_BLANKS))
        if form == "table":
            parts += ["[events.source]\n", f'url = "{url}"\n', draw(_BLANKS)]
            places.append((event, 0, form))
        elif form == "array":
            for n in range(draw(st.integers(1, 3))):
                parts += ["[[events.sources]]\n", f'label = "s{n}"\n', draw(_BLANKS)]
                places.append((event, n, form))
    return "".join(parts), places


@settings(max_examples=60, deadline=None)
@given(timeline_file(), st.data())
def test_any_layout_keeps_every_other_line(
    drawn: tuple[str, list[tuple[int, int, str]]], data: st.DataObject
) -> None:
    text, places = drawn
    chosen = data.draw(st.lists(st.sampled_from(places), min_size=1, unique=True))
    edits = [
        edit(SourceRef(event, index), f"sources/{event}-{index}.txt") for event, index, _ in chosen
    ]
    new = set_archives(text, edits)
    for event, index, _ in chosen:
        got = source_of(new, event, index)
        assert (got["archive"], got["accessed"]) == (f"sources/{event}-{index}.txt", DAY)
    untouched = [p for p in places if p not in chosen]
    for event, index, _ in untouched:
        assert source_of(new, event, index) == source_of(text, event, index)
    # Only lines of edited string and inline sources are replaced; tables only gain lines.
    edited_lines = sum(1 for *_, form in chosen if form in ("string", "inline"))
    removed = [line for old, _ in diff(text, new) for line in old]
    assert len(removed) == edited_lines
    assert all(line.startswith("source = ") for line in removed)
    added = [line for _, new_lines in diff(text, new) for line in new_lines]
    assert len(added) == edited_lines + 2 * (len(chosen) - edited_lines)

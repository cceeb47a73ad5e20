"""File text never drives the terminal: in problem messages, JSON output, and printouts.

A hostile file puts escape sequences where a reader quotes it in a message (ids in a
relative-date cycle, `tags` written as a string, unknown keys of source and media
tables, unknown keys of TimelineJS date and media objects). `timeline check` used to
print them raw: OSC 0 retitled the terminal and OSC 52 wrote its clipboard.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import terminal_output

from timeline.problems import SHOWN_LENGTH, Problem, shown, to_json
from timeline.read import load_any

ROOT = Path(__file__).resolve().parent.parent

# Anything a terminal acts on: C0 but newline, DEL, C1, bidi marks, line separators.
UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]"
)
OSC_TITLE = "\x1b]0;pwned\x07"
OSC_CLIPBOARD = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
NASTY = OSC_TITLE + OSC_CLIPBOARD + "\x9b31m\u202e\u2028\n\r"


def toml_escape(text: str) -> str:
    """A TOML basic string holding exactly `text`."""
    out = []
    for char in text:
        if char in '"\\' or ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "timeline", *args],
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=60,
        check=False,
    )


def unsafe_in(data: bytes) -> list[str]:
    """The characters a terminal would act on, found in output bytes."""
    return UNSAFE.findall(data.decode("utf-8"))


EVIL = toml_escape(NASTY)
HOSTILE_FILES: dict[str, str] = {
    # The ids of a cycle of relative dates are listed in the message.
    "cycle.toml": (
        '[timeline]\ntitle = "T"\n\n'
        f'[[events]]\nid = {toml_escape("a" + NASTY)}\ndate = "Monday"\n'
        f'relative_to = {toml_escape("b" + NASTY)}\ntitle = "A"\n\n'
        f'[[events]]\nid = {toml_escape("b" + NASTY)}\ndate = "Friday"\n'
        f'relative_to = {toml_escape("a" + NASTY)}\ntitle = "B"\n'
    ),
    # `tags` written as a string: the message suggests the array it should be.
    "tags.toml": (
        '[timeline]\ntitle = "T"\n\n'
        f'[[events]]\nid = "a"\ndate = 2018\ntitle = "A"\ntags = {EVIL}\n'
    ),
    # Unknown keys of the source and media tables.
    "keys.toml": (
        '[timeline]\ntitle = "T"\n\n'
        f'[[events]]\nid = "a"\ndate = 2018\ntitle = "A"\n'
        f'source = {{ label = "x", {EVIL} = "y" }}\nmedia = {{ url = "https://x.org", {EVIL} = "y" }}\n'
    ),
    # Unknown keys of a TimelineJS date object and media object, an unknown slide key.
    "slides.json": json.dumps(
        {
            "title": {"text": {"headline": "T"}},
            "events": [
                {
                    "start_date": {"year": 2018, NASTY: 1},
                    "media": {"url": "https://x.org", NASTY: "y"},
                    "text": {"headline": "A"},
                    NASTY: 1,
                },
                {"start_date": {"year": NASTY}, "text": {"headline": NASTY}},
            ],
            NASTY: 1,
        },
        ensure_ascii=False,
    ),
    # A spreadsheet: unknown column, bad Type, bad time.
    "sheet.csv": (
        f'Year,Time,Headline,Type,"{NASTY}"\r\n2018,"{NASTY}",A,x\r\n2018,,B,"{NASTY}"\r\n'
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
@pytest.mark.parametrize("form", ["text", "json"])
def test_check_writes_no_control_character_from_the_file(
    tmp_path: Path, name: str, form: str
) -> None:
    (tmp_path / name).write_text(HOSTILE_FILES[name], encoding="utf-8")
    result = run("check", "--format", form, name, cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert result.stdout, "the file was meant to give problems"
    assert unsafe_in(result.stdout) == []
    assert unsafe_in(result.stderr) == []
    if form == "text":
        # One problem per line: a newline from the file cannot forge a problem line.
        for line in result.stdout.decode().splitlines():
            assert line.startswith(name + ":"), line
    else:
        assert json.loads(result.stdout)["problems"]


@pytest.mark.parametrize("name", ["tags.toml", "keys.toml", "slides.json"])
@pytest.mark.parametrize("command", ["print", "export"])
def test_print_and_export_warnings_on_stderr_are_safe(
    tmp_path: Path, name: str, command: str
) -> None:
    data = HOSTILE_FILES[name]
    if name == "slides.json":  # only warnings, so that the commands go on
        loaded = json.loads(data)
        loaded["events"].pop()
        data = json.dumps(loaded, ensure_ascii=False)
    if name == "tags.toml":
        data = data.replace("tags = ", "tagz = ")  # an unknown field: a warning
    (tmp_path / name).write_text(data, encoding="utf-8")
    extra = ["--to", "markdown"] if command == "export" else []
    result = run(command, name, *extra, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert b"warning" in result.stderr
    assert unsafe_in(result.stderr) == []


def test_the_messages_say_what_the_file_holds(tmp_path: Path) -> None:
    (tmp_path / "keys.toml").write_text(HOSTILE_FILES["keys.toml"], encoding="utf-8")
    result = load_any(tmp_path / "keys.toml")
    messages = "\n".join(str(p) for p in result.problems)
    # Visible stand-ins: ␛ for ESC, ␇ for BEL, <U+009B> for the C1 CSI, ␊ for a newline.
    assert "␛]0;pwned␇" in messages
    assert "<U+009B>31m<U+202E><U+2028>␊␍" in messages


def test_a_problem_shows_every_field_safely() -> None:
    problem = Problem(
        "warning", f"unknown key {NASTY}", f"f{NASTY}.toml", 3, 0, f"e{NASTY}", f"k{NASTY}"
    )
    text = str(problem)
    assert UNSAFE.findall(text) == []
    assert "\n" not in text
    assert text.startswith(r"$'f\E]0;pwned\a")  # a file's name as bash writes it
    for value in problem.as_dict().values():
        if isinstance(value, str):
            assert UNSAFE.findall(value) == []
            assert "\n" not in value


def test_json_output_escapes_what_a_terminal_acts_on() -> None:
    # Even text that reached the output without a Problem's cleaning (as `as_dict`
    # cleans it, use a plain string through the same dumper).
    from timeline.problems import safe_json

    out = safe_json({"m": "\x9b\u202e\x7f\u2028 é “”"})
    assert UNSAFE.findall(out) == []
    assert "\\u009b" in out and "\\u202e" in out and "\\u007f" in out and "\\u2028" in out
    assert json.loads(out) == {"m": "\x9b\u202e\x7f\u2028 é “”"}
    assert "é “”" in out  # readable UTF-8 stays as it is
    assert UNSAFE.findall(to_json([Problem("error", NASTY, "x")])) == []


def test_shown_quotes_file_text_readably_and_briefly() -> None:
    assert shown("titel") == "'titel'"
    assert shown("it's") == '"it\'s"'
    assert shown("a\x1b[31mb\nc") == "'a␛[31mb␊c'"
    assert shown(5) == "5"
    long = shown("x" * 10_000)
    assert len(long) < 80 and long.endswith("…'")


# ---------------------------------------------------------------- exports


EXPORTED = (
    '[timeline]\ntitle = "T"\n\n[[events]]\nid = "a"\ndate = 2018\n'
    f"title = {EVIL}\ncontext = {EVIL}\n"
)


@pytest.mark.parametrize("to", ["json", "timelinejs"])
def test_json_exports_escape_what_a_terminal_acts_on_and_read_back(tmp_path: Path, to: str) -> None:
    (tmp_path / "t.toml").write_text(EXPORTED, encoding="utf-8")
    result = run("export", "t.toml", "--to", to, cwd=tmp_path)
    assert result.returncode == 0
    assert unsafe_in(result.stdout) == []
    if to == "timelinejs":
        # Shown on the slide as stand-ins, as the HTML page shows them (`escape`).
        assert '<span class=\\"timeline-unseen\\">&lt;U+009B&gt;</span>' in result.stdout.decode()
        (tmp_path / "t.json").write_bytes(result.stdout)
        loaded = load_any(tmp_path / "t.json").timeline
        assert loaded is not None
        assert loaded.events[0].title == NASTY
    else:
        assert "\\u009b" in result.stdout.decode()
        assert json.loads(result.stdout)["events"][0]["title"] == NASTY


def test_imported_toml_escapes_what_a_terminal_acts_on(tmp_path: Path) -> None:
    (tmp_path / "t.toml").write_text(EXPORTED, encoding="utf-8")
    result = run("import", "t.toml", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0
    assert unsafe_in(result.stdout) == []
    (tmp_path / "again.toml").write_bytes(result.stdout)
    loaded = load_any(tmp_path / "again.toml").timeline
    assert loaded is not None and loaded.events[0].title == NASTY


def _on_a_terminal(*args: str, cwd: Path) -> bytes:
    """What `timeline ARGS` writes to a terminal (a pseudo-terminal here)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    return terminal_output(args, cwd, env)


@pytest.mark.parametrize("to", ["csv", "markdown", "json", "timelinejs"])
def test_an_export_on_a_terminal_never_drives_it(tmp_path: Path, to: str) -> None:
    (tmp_path / "t.toml").write_text(EXPORTED, encoding="utf-8")
    shown = _on_a_terminal("export", "t.toml", "--to", to, cwd=tmp_path)
    # The terminal turns \n into \r\n; anything else of the kind came from the file.
    assert unsafe_in(shown.replace(b"\r\n", b"\n")) == []
    redirected = run("export", "t.toml", "--to", to, cwd=tmp_path).stdout
    if to == "csv":  # its HTML cells show stand-ins, as the slides do, and read back
        unseen = '<span class=""timeline-unseen"">{}</span>'
        assert f"{unseen.format('␛')}]0;pwned{unseen.format('␇')}".encode() in redirected
        (tmp_path / "t.csv").write_bytes(redirected)
        loaded = load_any(tmp_path / "t.csv").timeline
        assert loaded is not None and loaded.events[0].title == NASTY


PROVENANCE_EXPORTED = (
    '[timeline]\ntitle = "T"\n\n[[events]]\nid = "a"\ndate = 2018\ntitle = "A"\n'
    f'status = "disputed"\nnotes = {EVIL}\n\n'
    f"[[events.sources]]\nlabel = {EVIL}\nurl = {EVIL}\narchive = {EVIL}\nkind = {EVIL}\n\n"
    f"[[events.quotes]]\ntext = {EVIL}\ndate = 2018-07-19\nnote = {EVIL}\n"
    f"source = {{ label = {EVIL}, archive = {EVIL} }}\n"
)


@pytest.mark.parametrize("to", ["csv", "markdown", "json", "timelinejs", "html"])
def test_provenance_in_an_export_on_a_terminal_never_drives_it(tmp_path: Path, to: str) -> None:
    (tmp_path / "p.toml").write_text(PROVENANCE_EXPORTED, encoding="utf-8")
    shown = _on_a_terminal("export", "p.toml", "--to", to, "--private", cwd=tmp_path)
    assert unsafe_in(shown.replace(b"\r\n", b"\n")) == []
    redirected = run("export", "p.toml", "--to", to, "--private", cwd=tmp_path)
    assert redirected.returncode == 0, redirected.stderr
    if to != "csv":  # the others escape or show stand-ins even when redirected
        assert unsafe_in(redirected.stdout) == []


def test_provenance_through_timelinejs_and_back_is_exact_and_printed_safely(
    tmp_path: Path,
) -> None:
    (tmp_path / "p.toml").write_text(PROVENANCE_EXPORTED, encoding="utf-8")
    exported = run("export", "p.toml", "--to", "timelinejs", "--private", cwd=tmp_path)
    (tmp_path / "p.json").write_bytes(exported.stdout)
    loaded = load_any(tmp_path / "p.json").timeline
    assert loaded is not None
    event = loaded.events[0]
    assert (event.notes, event.sources[0].archive, event.quotes[0].note) == (NASTY,) * 3
    assert event.quotes[0].source is not None and event.quotes[0].source.archive == NASTY
    printed = run("print", "p.json", cwd=tmp_path)
    assert printed.returncode == 0
    assert unsafe_in(printed.stdout) == []


# ---------------------------------------------------------------- verify and archive

HOSTILE_ID = "e" + OSC_TITLE + "\x9b\u202e" + "x"  # (ids lose white space at their ends)
VERIFIED = (
    '[timeline]\ntitle = "T"\n\n'
    f"[[events]]\nid = {toml_escape(HOSTILE_ID)}\ndate = 2018-07-19\ntitle = {EVIL}\n"
    'titel = "x"\n'  # a warning of `check`, which names the event
    '[[events.sources]]\nlabel = "x"\narchive = "sources/a.txt"\n'
    f"[[events.quotes]]\ntext = {toml_escape('They refused the money. ' + NASTY)}\n"
    f"[[events.quotes]]\ntext = {toml_escape('They refuzed' + NASTY)}\n\n"
    f'[[events]]\nid = "f"\ndate = 2018-07-20\ntitle = "B"\n'
    f'[[events.sources]]\nlabel = "y"\narchive = {toml_escape("sources/gone" + NASTY)}\n'
    '[[events.quotes]]\ntext = "hello"\n\n'
    '[[events]]\nid = "g"\ndate = 2018-07-21\ntitle = "C"\n'
    f'[[events.sources]]\nlabel = "z"\nurl = {toml_escape("https://127.0.0.1:1/" + NASTY)}\n'
)


def test_verify_and_archive_name_events_as_check_does_and_drive_no_terminal(
    tmp_path: Path,
) -> None:
    # Bug fixed: `verify --format json` wrote an event's id as it is (a JSON escape for
    # each control character), where `check --format json` shows them as stand-ins, as
    # every message does: a tool could not find the one's event in the other's output.
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.txt").write_text("They refused the money. " + NASTY + " Then")
    (tmp_path / "v.toml").write_text(VERIFIED, encoding="utf-8")
    checked = run("check", "--format", "json", "v.toml", cwd=tmp_path)
    (problem,) = json.loads(checked.stdout)["problems"]
    verified = run("verify", "--format", "json", "v.toml", cwd=tmp_path)
    assert verified.returncode == 1, verified.stderr
    results = json.loads(verified.stdout)["quotes"]
    assert [r["event"] for r in results] == [problem["event"]] * 2 + ["f"]
    assert problem["event"] == "e␛]0;pwned␇<U+009B><U+202E>x"
    # What was checked is kept exact (JSON escapes what a terminal acts on); what is said
    # in words is shown as check shows a message.
    assert results[0]["quote"] == "They refused the money. " + NASTY
    assert results[2]["archive"] == "sources/gone" + NASTY
    assert results[2]["message"].startswith("no such archive")
    assert UNSAFE.findall(results[2]["message"]) == []
    for args in (("verify", "v.toml"), ("verify", "--format", "json", "v.toml")):
        result = run(*args, cwd=tmp_path)
        assert unsafe_in(result.stdout) == [] and unsafe_in(result.stderr) == []
        if "json" not in args:  # one line a quote, and the verdict
            assert len(result.stdout.decode().splitlines()) == 4
    archived = run("archive", "v.toml", cwd=tmp_path)
    assert archived.returncode == 1 and b"v.toml:" in archived.stderr
    assert unsafe_in(archived.stdout) == [] and unsafe_in(archived.stderr) == []


def test_an_unknown_key_of_millions_of_characters_is_shortened_in_json_as_in_messages(
    tmp_path: Path,
) -> None:
    # Bug fixed: a key of 5,000,000 characters stood whole in `check --format json`'s
    # `field` (10 MB of output for one warning), while the message quoted its start.
    key = "k" * 5_000_000
    (tmp_path / "k.toml").write_text(
        f'[timeline]\ntitle = "T"\n\n[[events]]\nid = "a"\ndate = 2018\ntitle = "A"\n'
        f'{key} = 1\n[events.source]\nlabel = "x"\n{key} = 2\n',
        encoding="utf-8",
    )
    result = load_any(tmp_path / "k.toml")
    fields = [problem.as_dict()["field"] for problem in result.problems]
    start = "k" * (SHOWN_LENGTH - 1)
    assert fields == [f"{start}…", f"source.{start[:-7]}…"]  # "…" says it was cut
    assert [shown(field) for field in fields] == [
        shown(problem.field) for problem in result.problems
    ]  # as the message quotes it
    assert all(f"unknown field {shown(p.field)}" in p.message for p in result.problems)
    assert len(to_json(result.problems)) < 2_000

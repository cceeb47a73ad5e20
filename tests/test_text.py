"""timeline.text, and any text in any field: loads, prints safely, exports as itself."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console

from timeline.model import Event, Precision, Quote, Source, Timeline, When
from timeline.read import load_any
from timeline.read.toml import load_text
from timeline.show.printing import print_timeline
from timeline.text import clean, file_name, is_clean, one_line, safe, shell_word
from timeline.write.json import dumps

# ---------------------------------------------------------------- clean / safe


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred\x1b[0m", "␛[31mred␛[0m"),
        ("bell\x07", "bell␇"),
        ("nul\x00", "nul␀"),
        ("back\x08space", "back␈space"),
        ("form\x0cfeed", "form␌feed"),
        ("del\x7f", "del␡"),
        ("csi\x9b31m", "csi<U+009B>31m"),
        ("nel\x85", "nel<U+0085>"),
        ("rlo\u202egnp.exe", "rlo<U+202E>gnp.exe"),
        ("lri\u2066x\u2069", "lri<U+2066>x<U+2069>"),
        ("lrm\u200e rlm\u200f", "lrm<U+200E> rlm<U+200F>"),
        ("alm\u061c", "alm<U+061C>"),
        ("lone\rreturn", "lone␍return"),
        ("windows\r\nline", "windows\nline"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
    ],
)
def test_clean_shows_controls_as_visible_stand_ins(raw: str, shown: str) -> None:
    assert clean(raw) == shown
    assert is_clean(clean(raw))
    assert is_clean(raw) is (raw == shown)


@pytest.mark.parametrize(
    "text", ["plain", "I’m Proud of our Ohana", "“curly” — dashes", "emoji 🎉", "日本語", ""]
)
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert clean(text) == text
    assert is_clean(text)


@pytest.mark.parametrize(
    "markup", ["[bold]x[/bold]", "[/]", "[link=https://evil.example]click[/link]", "[red]"]
)
def test_markup_is_shown_literally(markup: str) -> None:
    text = safe(markup)
    assert text.plain == markup
    assert not text.spans
    out = io.StringIO()
    Console(file=out, width=80).print(text)
    assert out.getvalue() == markup + "\n"


def test_safe_applies_only_the_given_style() -> None:
    text = safe("[bold]x\x1b", "italic")
    assert text.plain == "[bold]x␛"
    assert str(text.style) == "italic"


def test_one_line_folds_whitespace_after_cleaning() -> None:
    assert one_line("  a\n b\r\n\tc  ") == "a b c"
    # \x1c-\x1f are whitespace to str.split(); they must stay visible, not vanish.
    assert one_line("a\x1cb\x1fc") == "a␜b␟c"
    assert one_line("a\x85b") == "a<U+0085>b"


# ---------------------------------------------------------------- printing


def printed(timeline: Timeline) -> str:
    out = io.StringIO()
    print_timeline(timeline, out)
    return out.getvalue()


def test_printing_shows_controls_and_markup_literally_in_every_field() -> None:
    nasty = "[bold]x[/] \x1b]0;title\x07 \x1b[2J \u202eevil"
    event = Event(
        id="e",
        when=When(2018, 7, 19),
        title=nasty,
        kind=nasty,
        speaker=nasty,
        handle=nasty,
        role=nasty,
        context=f"{nasty}\x1c\x1d\x1e\x1f\x85",
        quotes=(Quote(nasty, speaker=nasty + "!"),),
        sources=(Source(label=nasty, url=nasty),),
        display_date=nasty,
    )
    timeline = Timeline(
        title=nasty, events=(event,), summary=nasty + "\x1f", source=Source(label=nasty)
    )
    output = printed(timeline)
    assert "\x1b" not in output
    assert "\x07" not in output
    assert "\u202e" not in output
    assert "[bold]x[/]" in output
    assert "␛]0;title␇" in output
    assert "<U+202E>evil" in output
    # Context and summary are folded onto lines, but their controls stay visible.
    assert "␜␝␞␟<U+0085>" in output
    assert "␟" in output.split("\n", 2)[1]


def test_printing_bce_headings_follow_timelinejs() -> None:
    # Bug fixed: the year heading showed "-500" where every date shows "500 BCE".
    events = (
        Event(id="a", when=When(-500, precision=Precision.YEAR), title="a"),
        Event(id="b", when=When(-44, 3, 15), title="b"),
    )
    output = printed(Timeline(title="T", events=events))
    assert "500 BCE ──" in output
    assert "March 44 BCE ──" in output
    assert "-500" not in output
    assert "-44" not in output


# ---------------------------------------------------------------- any text, end to end


def toml_string(text: str) -> str:
    """A TOML basic string holding exactly `text`.

    TOML forbids U+0000-U+0008, U+000A-U+001F and U+007F unescaped in basic strings
    (tab is allowed); JSON's escaping is not TOML's (no \\/ issues here, but JSON
    leaves U+007F raw), so escape by hand.
    """
    out = ['"']
    for char in text:
        code = ord(char)
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif (code < 0x20 and char != "\t") or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


@pytest.mark.parametrize(
    "text", ["", 'a"b', "back\\slash", "\x00\x1f\x7f\t\n\r", "\\u0041", "é\u2028\u2029\ufeff"]
)
def test_toml_string_escaper(text: str) -> None:
    import tomllib

    assert tomllib.loads(f"v = {toml_string(text)}")["v"] == text


# Any text: all code points but surrogates (which TOML cannot hold).
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
# Controls, bidi marks, markup and TOML's own syntax, in pieces joined at random.
PIECES = [
    *"\x00\x07\x08\t\n\r\x1b\x1c\x7f\x85\x9b\u202e\u2066\u200f[]/\\\"'=#@ab ",
    *("[bold]", "[/]", "\r\n", "\x1b[31m", "[link=x]", '"""', "'''", "\\u0041"),
]
NASTY_TEXT = st.lists(
    st.sampled_from(PIECES),
    max_size=15,
).map("".join)
TEXT = st.one_of(ANY_TEXT, NASTY_TEXT)
#: Any text a label may hold (`Field.nonblank`): not white space alone ("" is none).
LABEL = TEXT.filter(lambda s: not s.isspace())
#: Any text that must say something: a tag, a quote's words.
WORDS = TEXT.filter(str.strip)


FIELDS = (
    "context",
    "quote",
    "speaker",
    "quote_speaker",
    "handle",
    "role",
    "kind",
    "group",
    "tag",
    "label",
    "summary",
    "timeline_title",
)


@settings(max_examples=60, deadline=None)
@given(
    title=WORDS,
    context=TEXT,
    quote=WORDS,
    speaker=LABEL,
    quote_speaker=LABEL,
    handle=LABEL,
    role=LABEL,
    kind=LABEL,
    group=LABEL,
    tag=WORDS,
    label=LABEL,
    display_date=LABEL,
    summary=TEXT,
    timeline_title=LABEL,
)
# Found by a CI run (with every other text "" then; a tag and a quote must say something).
@example(**dict.fromkeys(FIELDS, "") | {"quote": "q", "tag": "t"}, title="0", display_date="1")
def test_any_text_in_any_field_loads_prints_and_exports_as_itself(
    title: str,
    context: str,
    quote: str,
    speaker: str,
    quote_speaker: str,
    handle: str,
    role: str,
    kind: str,
    group: str,
    tag: str,
    label: str,
    display_date: str,
    summary: str,
    timeline_title: str,
) -> None:
    fields = {
        "title": title,
        "context": context,
        "speaker": speaker,
        "handle": handle,
        "role": role,
        "kind": kind,
        "group": group,
        "display_date": display_date,
    }
    source = (
        "[timeline]\n"
        f"title = {toml_string(timeline_title)}\n"
        f"summary = {toml_string(summary)}\n\n"
        "[[events]]\n"
        'id = "e"\n'
        "date = 2018-07-19\n"
        + "".join(f"{key} = {toml_string(value)}\n" for key, value in fields.items())
        + f"tags = [{toml_string(tag)}]\n"
        # A source of an empty label names nothing: an error, so none is written then.
        + (f"source = {{ label = {toml_string(label)} }}\n" if label else "")
        + "\n"
        + "[[events.quotes]]\n"
        + f"text = {toml_string(quote)}\n"
        + f"speaker = {toml_string(quote_speaker)}\n"
    )
    result = load_text(source, "any.toml")
    # A display date that reads as another date than the event's ("1", year 1) is
    # warned about (it is shown in place of the date everywhere), and kept as written.
    said = [p for p in result.problems if (p.field, p.severity) != ("display_date", "warning")]
    assert said == []
    assert all("display_date" in p.message for p in result.problems)
    timeline = result.timeline
    assert timeline is not None
    (event,) = timeline.events
    assert timeline.title == timeline_title
    assert timeline.summary == summary
    for key, value in fields.items():
        assert getattr(event, key) == value
    assert event.tags == (tag,)
    assert event.sources == ((Source(label=label),) if label else ())
    assert event.quotes == (Quote(quote, quote_speaker),)

    output = printed(timeline)
    assert "\x1b" not in output
    assert "\x9b" not in output  # the one-byte CSI

    exported = json.loads(dumps(timeline))
    assert exported["title"] == timeline_title
    assert exported["summary"] == summary
    (data,) = exported["events"]
    for key, value in fields.items():
        assert data[key] == value
    assert data["tags"] == [tag]
    written = {"label": label, "url": "", "archive": "", "kind": ""}
    dated = {"accessed": None, "accessed_qualifier": None}
    assert data["sources"] == ([written | dated] if label else [])
    assert data["quotes"] == [
        {
            "text": quote,
            "speaker": quote_speaker or speaker,
            "date": None,
            "date_qualifier": None,
            "source": None,
            "note": "",
        }
    ]


@settings(max_examples=60, deadline=None)
@given(text=TEXT)
def test_clean_is_idempotent_and_leaves_nothing_unsafe(text: str) -> None:
    once = clean(text)
    assert clean(once) == once
    assert is_clean(once)
    assert "\x1b" not in once
    assert "\x1b" not in one_line(text)


def test_printing_shows_long_dates_whole_instead_of_cutting_them() -> None:
    # Bugs fixed: the 20-column date was cut to "19 Jul 2018 09:05 C…", then folded
    # onto two lines ("19 Jul 2018 09:05" and "CDT"). A date wider than the column now
    # stands whole on a line of its own, above its event.
    when = When(2018, 7, 19, 9, 5, precision=Precision.MINUTE, tz=ZoneInfo("America/Chicago"))
    timeline = Timeline(
        title="T",
        events=(
            Event(id="a", when=when, title="a"),
            Event(id="b", when=When(2018, 7, 20), title="b", display_date="x" * 25),
        ),
    )
    output = printed(timeline)
    assert "…" not in output
    lines = output.splitlines()
    assert "19 Jul 2018 09:05 CDT" in lines
    assert "x" * 25 in lines
    assert lines[lines.index("x" * 25) + 1] == " " * 22 + "b"


# ---------------------------------------------------------------- printing provenance


def _provenance() -> Timeline:
    path = Path(__file__).resolve().parent / "fixtures" / "provenance.toml"
    result = load_any(path)
    assert result.timeline is not None
    return result.timeline


def test_printing_shows_every_source_the_status_and_each_quotes_own_citation() -> None:
    output = " ".join(printed(_provenance()).split())
    assert "Status: single source" in output and "Status: confirmed" in output
    assert (
        "Source: RAICES on Twitter, 19 July 2018 https://twitter.com/RAICESTEXAS/status/"
        "1020013329146019840 (primary; accessed 20 Jul 2018; archived copy: "
        "sources/raices-tweet.html) Source: The article (secondary; archived copy: "
        "sources/article.txt)"
    ) in output
    # A URL too long for its column is folded, not cut: compared without whitespace.
    expected = (
        "— RAICES 19 Jul 2018 · Source: RAICES on Twitter, 19 July 2018 "
        "https://twitter.com/RAICESTEXAS/status/1020013329146019840 (accessed 20 Jul 2018 "
        "09:30 CDT) Note: Quoted by the article, not seen in the tweet itself."
    )
    assert "".join(expected.split()) in "".join(output.split())


def test_printing_shows_research_notes_labelled() -> None:
    output = " ".join(printed(_provenance()).split())
    assert "Research notes: Ask RAICES for the letter itself." in output
    assert "Research notes: Two sources agree. The tweet was archived the next morning." in output


def test_printing_never_cuts_a_long_url() -> None:
    url = "https://example.org/" + "a" * 150
    event = Event("e", When(2018, 7, 19), "T", quotes=(Quote("q", source=Source("S", url)),))
    output = printed(Timeline("T", (event,)))
    assert "…" not in output
    assert "".join(output.split()).count("a" * 150) == 1


def test_printing_shows_controls_literally_in_the_provenance_fields() -> None:
    nasty = "[bold]x[/] \x1b]0;title\x07 \u202eevil"
    source = Source(nasty, nasty, nasty, None, nasty)
    event = Event(
        "e",
        When(2018, 7, 19),
        "T",
        sources=(source, Source(nasty)),
        quotes=(Quote("q", nasty, None, source, nasty),),
        status=nasty,
        notes=nasty,
    )
    output = printed(Timeline("T", (event,)))
    assert "\x1b" not in output and "\x07" not in output and "\u202e" not in output
    assert output.count("␛]0;title␇") >= 9


def test_a_file_name_shows_its_bytes_that_are_not_utf8_as_the_shell_writes_them() -> None:
    # `caf<U+DCE9>.toml` named a character the file's name does not hold.
    assert file_name(os.fsdecode(b"caf\xe9.toml")) == r"$'caf\xe9.toml'"
    assert file_name(os.fsdecode(b"\xff\xfe\x1b]0;x\x07.toml")) == r"$'\xff\xfe\E]0;x\a.toml'"
    assert file_name("a\nb\u202e.toml") == r"$'a\nb\u202e.toml'"  # on one line, inert
    assert file_name("\ud800.toml") == r"$'\ud800.toml'"  # not a byte of a name
    assert file_name("events.toml") == "events.toml"


# A name of each kind, as bytes: plain, with what a shell would quote, with a byte that
# is not UTF-8, a backslash, quotes, controls, characters that show nothing.
NAMES = [
    b"events.toml",
    "café/été.toml".encode(),
    b"my notes.toml",
    b"Ana's $HOME (1).toml",
    b"-x.toml",
    b"caf\xe9.toml",
    b"caf\\xe9.toml",
    b"C:\\Users\\me\\events.toml",
    b"'q'.toml",
    b"$'q'.toml",
    b"it's\\.toml",
    b"a\nb\tc\rd.toml",
    b"x\x1b]0;t\x07\x7f\x01.toml",
    "\x85\u202e\u200b\u3164\U000e0041.toml".encode(),
    "👩\u200d👩\u200d👧.toml".encode(),
    b"\xff\xfe.toml",
    b"",
]


def test_a_file_name_that_is_not_plain_is_quoted_whole_and_no_two_look_alike() -> None:
    # Bug fixed: a file really named `caf\xe9.toml` (a backslash, an x) was named in
    # messages exactly as `café.toml` saved by a Latin-1 system (its byte 0xE9 written
    # as bash writes it): two files, one name on the screen. A name is now shown as it
    # is only when plain; else quoted whole, as bash reads it back: the byte's
    # `$'caf\xe9.toml'`, the backslash's `'caf\xe9.toml'`.
    byte, backslash = os.fsdecode(b"caf\xe9.toml"), "caf\\xe9.toml"
    assert (file_name(byte), file_name(backslash)) == (r"$'caf\xe9.toml'", r"'caf\xe9.toml'")
    assert file_name("C:\\Users\\me") == r"'C:\Users\me'"
    assert file_name("'q'.toml") == r"$'\'q\'.toml'"  # else it would read as `q`, quoted
    # What a shell would quote but a message can show is shown as it is, as git and
    # compilers name files (tools read `my notes.toml:3:1: error: ...`).
    for plain in ("events.toml", "café/été.toml", "my notes.toml", "Ana's $HOME (1).toml"):
        assert file_name(plain) == plain
    assert file_name("👩\u200d👩\u200d👧.toml") == "👩\u200d👩\u200d👧.toml"  # joined: shown
    shown = {file_name(os.fsdecode(name)) for name in NAMES}
    assert len(shown) == len(NAMES)
    for name in shown:
        assert is_clean(name) and "\n" not in name and "<U+" not in name


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_a_file_name_quoted_and_a_shell_word_are_read_back_by_bash_as_the_name() -> None:
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    for name in NAMES:
        decoded = os.fsdecode(name)
        said = [shell_word(decoded)]  # for a command to paste (the viewer's suggestions)
        if file_name(decoded) != decoded:  # quoted (not `my notes.toml`, for messages)
            said.append(file_name(decoded))
        for word in said:
            typed = subprocess.run(
                ["bash", "-c", f"printf %s {word}"], capture_output=True, env=env, check=True
            )
            assert typed.stdout == name, (word, name)
    assert shell_word("events.toml") == "events.toml"
    assert shell_word("my notes.toml") == "'my notes.toml'"
    assert shell_word("Ana's.toml") == r"$'Ana\'s.toml'"
    assert shell_word(os.fsdecode(b"caf\xe9.toml")) == r"$'caf\xe9.toml'"

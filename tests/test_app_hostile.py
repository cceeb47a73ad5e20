"""What the viewer hands on from a hostile file: the clipboard (`y`, `Y`) and links (`o`).

`y` and `Y` copy through OSC 52 into whatever is pasted next. A quote holding
`ESC [ 201 ~` and a newline used to end bash's bracketed paste and run the line after
it; the control characters a paste acts on are now copied as their stand-ins, and
everything else as written (tests/test_copy.py).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import app_for

from timeline.links import safe_url
from timeline.model import Event, Quote, Source, When
from timeline.read.toml import load_file
from timeline.show.citation import event_citation, quote_citation
from timeline.text import clipboard
from timeline.ui.app import TimelineApp

SIZE = (120, 35)
#: What a shell or a terminal acts on in pasted text: C0 but tab and the line ends, DEL, C1.
ACTS_ON_PASTE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What the screen and messages show as stand-ins, but newline and tab.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]"
)
PASTEJACK = "harmless\x1b[201~\nrm -rf ~\r\u202eevil\x9b"


def test_clipboard_keeps_line_breaks_and_shows_the_rest() -> None:
    assert clipboard("one\ntwo\tthree") == "one\ntwo\tthree"
    assert clipboard("windows\r\nline") == "windows\r\nline"
    assert clipboard(PASTEJACK) == "harmless␛[201~\nrm -rf ~\r\u202eevil<U+009B>"
    # What acts on nothing is copied as written: a soft hyphen, a zero-width space, a
    # right-to-left mark, a no-break space.
    assert clipboard("Zeitungs\u00adartikel") == "Zeitungs\u00adartikel"
    assert clipboard("zero\u200bwidth") == "zero\u200bwidth"
    assert clipboard("\u200f\u05e9\u00a0\u202eevil\u202c") == "\u200f\u05e9\u00a0\u202eevil\u202c"
    assert clipboard("\x00\x07\x0b\x0c\x1b\x7f\x85") == "␀␇␋␌␛␡<U+0085>"


# Characters that show nothing on a terminal but act on nothing either: the screen shows
# them as stand-ins (`clean`), a copy keeps them, so that a pasted quote is the quote.
SHOWS_NOTHING = (
    "Sales\u200bforce Silben\u00adtrennung word\u2060joiner bom\ufeffinside a\u200db "
    "hid\U000e0041den pua\ue000 hangul\u3164 braille\u2800 inter\ufff9linear"
)


def test_a_copied_quote_keeps_what_shows_nothing_as_written() -> None:
    # Bug fixed: `y` put "<U+200B>" into the clipboard for a zero-width space, so a
    # pasted quote was not the quote; a soft hyphen was kept, a zero-width space not.
    assert clipboard(SHOWS_NOTHING) == SHOWS_NOTHING
    text = f"{SHOWS_NOTHING}\nRTL \u202eevil\u202c, LRM \u200e, ESC \x1b[201~ C1 \x9b"
    event = Event(
        id="e",
        when=When(2018, 7, 19),
        title=f"Title {SHOWS_NOTHING}",
        speaker="Spea\u00adker\u200b",
        context=f"Context {SHOWS_NOTHING}",
        quotes=(Quote(text),),
        sources=(Source("La\u200bbel", "https://example.org/"),),
    )
    quote = quote_citation(event, event.quotes[0])
    assert quote == (
        f"“{SHOWS_NOTHING}\nRTL \u202eevil\u202c, LRM \u200e, ESC ␛[201~ C1 <U+009B>”"
        " — Spea\u00adker\u200b, Thursday 19 July 2018. Source: La\u200bbel https://example.org/"
    )
    whole = event_citation(event)
    assert whole.splitlines()[0] == f"Title {SHOWS_NOTHING}"
    assert f"Context {SHOWS_NOTHING}" in whole.splitlines()
    assert "Source: La\u200bbel https://example.org/" in whole.splitlines()
    for copied in (quote, whole):
        assert "<U+200B>" not in copied and "<U+00AD>" not in copied
        assert ACTS_ON_PASTE.findall(copied) == []


def test_a_copy_never_holds_what_utf_8_cannot_carry() -> None:
    # OSC 52 and the copy kept in a file are UTF-8, which has no lone surrogates.
    assert clipboard("lone\ud800surrogate") == "lone<U+D800>surrogate"
    clipboard("lone\ud800surrogate").encode("utf-8")


def bracketed_paste(text: str) -> str:
    """What a terminal sends a shell when text is pasted with bracketed paste on."""
    return f"\x1b[200~{text}\x1b[201~"


def test_a_copied_quote_cannot_end_a_bracketed_paste() -> None:
    event = Event(
        id="e",
        when=When(2018, 7, 19),
        title=f"Title {PASTEJACK}",
        speaker="Speaker\x1b]52;c;eA==\x07\nX",
        handle="@h\r",
        context=f"Context {PASTEJACK}",
        quotes=(Quote(f"first line\nsecond {PASTEJACK}"),),
        sources=(Source("Label\n\x1b[2J", "https://example.org/\u202e"),),
    )
    for copied in (quote_citation(event, event.quotes[0]), event_citation(event)):
        pasted = bracketed_paste(copied)
        # The paste ends where the terminal ends it, and nowhere before.
        assert pasted.count("\x1b[201~") == 1 and pasted.endswith("\x1b[201~")
        assert ACTS_ON_PASTE.findall(copied) == []
    quote = quote_citation(event, event.quotes[0])
    # Every field keeps its own line breaks, as written: what a paste acts on is the
    # escape, shown as ␛, and nothing else.
    assert quote.startswith("“first line\nsecond harmless␛[201~\nrm -rf ~\r\u202eevil")
    assert "— Speaker␛]52;c;eA==␇\nX (@h\r)" in quote
    assert "Source: Label\n␛[2J https://example.org/\u202e" in quote
    whole = event_citation(event)
    assert whole.startswith("Title harmless␛[201~\nrm -rf ~\r\u202eevil<U+009B>\n")


@pytest.mark.parametrize(
    "url",
    [
        "https://ok.example/\u202egpj.exe",  # right-to-left override: reads as "exe.jpg"
        "https://ok.example/\u2066x\u2069",
        "https://ok.example/\x9b31m",
        "https://ok.example/\x85",
        "https://ok.example/a\u2028b",
        "https://ok.example/a\u2029b",
        "https://ok.example/\x1b]8;;x\x07",
        "https://ok.example/a\u00a0b",  # a space the eye cannot tell apart
        "https://ok.example/a b",
        "javascript:alert(1)",
    ],
)
def test_safe_url_refuses_what_would_not_show_as_itself(url: str) -> None:
    assert safe_url(url) is None


def test_safe_url_accepts_ordinary_links() -> None:
    assert safe_url(" https://example.org/a?b=1&c=é#d ") == "https://example.org/a?b=1&c=é#d"


async def test_y_and_Y_copy_no_control_a_paste_acts_on(tmp_path: Path) -> None:
    path = tmp_path / "evil.toml"
    path.write_text(
        '[timeline]\ntitle = "T"\n[[events]]\nid = "a"\ndate = 2018-07-19\ntitle = "A"\n'
        'speaker = "S"\n[[events.quotes]]\n'
        'text = "ls\\u001B[201~\\nrm -rf ~\\r\\u202E\\u009B"\n',
        encoding="utf-8",
    )
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        assert app.clipboard.startswith("“ls␛[201~\nrm -rf ~\r\u202e<U+009B>” — S")
        await pilot.press("Y")
        assert "\x1b" not in app.clipboard and ACTS_ON_PASTE.findall(app.clipboard) == []


async def test_y_and_Y_copy_what_shows_nothing_as_written(tmp_path: Path) -> None:
    # What the terminal gets (OSC 52, base64), the copy kept in a file and the clipboard
    # text are the quote as written, a bidi override too; what a paste would act on is a
    # stand-in, and the messages never show the copied text.
    import base64

    from timeline.ui.clipboard import copy_file

    path = tmp_path / "invisible.toml"
    path.write_text(
        '[timeline]\ntitle = "T"\n[[events]]\nid = "a"\ndate = 2018-07-19\n'
        'title = "Sales\\u200Bforce"\nspeaker = "S"\n[[events.quotes]]\n'
        'text = "Sales\\u200Bforce Silben\\u00ADtrennung \\u202Eevil \\u001B[201~"\n',
        encoding="utf-8",
    )
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        driver = app._driver
        assert driver is not None
        written: list[str] = []
        write = driver.write

        def recorded(data: str) -> None:
            written.append(data)
            write(data)

        driver.write = recorded
        await pilot.press("y")
        quote = "“Sales\u200bforce Silben\u00adtrennung \u202eevil ␛[201~” — S"
        assert app.clipboard.startswith(quote)
        [osc52] = [data for data in written if data.startswith("\x1b]52;c;")]
        sent = base64.b64decode(osc52.removeprefix("\x1b]52;c;").removesuffix("\a"))
        assert sent.decode("utf-8") == app.clipboard
        assert copy_file().read_text(encoding="utf-8") == app.clipboard
        await pilot.press("Y")
        assert app.clipboard.startswith("Sales\u200bforce\nThursday 19 July 2018\n\nS\n\n")
        assert quote.removesuffix(" — S") in app.clipboard
        assert copy_file().read_text(encoding="utf-8") == app.clipboard
        assert "\x1b" not in app.clipboard and ACTS_ON_PASTE.findall(app.clipboard) == []
        notices = [n.message for n in app._notifications]
        assert notices and all("Sales" not in n and UNSAFE.findall(n) == [] for n in notices)


async def test_o_refuses_a_link_with_a_bidi_override(tmp_path: Path) -> None:
    path = tmp_path / "links.toml"
    path.write_text(
        '[timeline]\ntitle = "T"\n[[events]]\nid = "a"\ndate = 2018-07-19\ntitle = "A"\n'
        'source = { label = "L", url = "https://ok.example/\\u202Egpj.exe" }\n',
        encoding="utf-8",
    )
    app = app_for(path)
    opened: list[str] = []

    def fake_open(url: str, *, new_tab: bool = True) -> None:
        opened.append(url)

    app.open_url = fake_open
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert opened == []
        notices = [n.message for n in app._notifications]
        assert notices and all(UNSAFE.findall(n) == [] for n in notices)


async def test_a_10_mb_title_is_shown_in_part_and_said_to_be_longer(tmp_path: Path) -> None:
    # Wrapping all of it froze the viewer for seconds at each key press; the pane and the
    # rail now take a bounded part and say that there is more (Y still copies it all).
    from rich.console import Console

    from timeline.ui.widgets.detail import LONGEST, describe_event

    title = " ".join(["word"] * 2_000_000)
    path = tmp_path / "huge.toml"
    path.write_text(
        f'[timeline]\ntitle = "Huge"\n[[events]]\ndate = "2018-07-01"\ntitle = "small"\n'
        f'[[events]]\ndate = "2018-07-02"\ntitle = "{title}"\nquote = "{"q" * 100_000}"\n',
        encoding="utf-8",
    )
    result = load_file(str(path))
    timeline = result.timeline
    assert timeline is not None and not result.problems
    huge = timeline.events[1]
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(describe_event(huge, timeline))
    shown = console.export_text()
    assert len(shown) < 3 * LONGEST
    assert f"({len(title) - LONGEST:,} more characters not shown" in " ".join(shown.split())
    assert "(80,000 more characters not shown" in " ".join(shown.split())

    app = TimelineApp([str(path)], timeline, poll=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        rail = app.main.rail
        [row] = [
            rail.render_line(y).text
            for y in range(rail.size.height)
            if "word" in rail.render_line(y).text
        ]
        assert row.rstrip().endswith("…")
        await pilot.press("Y")
        assert title in app.clipboard

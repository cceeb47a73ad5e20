"""What the viewer hands on from a hostile file: the clipboard (`y`, `Y`) and links (`o`).

`y` and `Y` copy through OSC 52 into whatever is pasted next. A quote holding
`ESC [ 201 ~` and a newline used to end bash's bracketed paste and run the line after
it; clipboard text is now cleaned as screen text is.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from timeline.model import Event, Quote, Source, When
from timeline.read.toml import load_file
from timeline.show.citation import event_citation, quote_citation
from timeline.text import clipboard, safe_url
from timeline.ui.app import TimelineApp

SIZE = (120, 35)
# Whatever a terminal or a shell acts on in pasted text, but newline and tab.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]"
)
PASTEJACK = "harmless\x1b[201~\nrm -rf ~\r\u202eevil\x9b"


def test_clipboard_keeps_line_breaks_and_shows_the_rest() -> None:
    assert clipboard("one\ntwo\tthree") == "one\ntwo\tthree"
    assert clipboard("windows\r\nline") == "windows\nline"
    assert clipboard(PASTEJACK) == "harmless␛[201~\nrm -rf ~␍<U+202E>evil<U+009B>"
    # A soft hyphen acts on nothing: a copied German quote keeps it, as an export does.
    assert clipboard("Zeitungs\u00adartikel") == "Zeitungs\u00adartikel"
    assert clipboard("zero\u200bwidth") == "zero<U+200B>width"


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
        assert UNSAFE.findall(copied) == []
    quote = quote_citation(event, event.quotes[0])
    # The quote keeps its own line breaks; the attribution and source stay on its line.
    assert quote.startswith("“first line\nsecond harmless␛[201~\nrm -rf ~␍")
    assert quote.count("\n") == 2
    assert "— Speaker␛]52;c;eA==␇ X (@h␍)" in quote
    whole = event_citation(event)
    assert whole.splitlines()[1] == "Title harmless␛[201~ rm -rf ~␍<U+202E>evil<U+009B>"


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


async def test_y_and_Y_copy_cleaned_text(tmp_path: Path) -> None:
    path = tmp_path / "evil.toml"
    path.write_text(
        '[timeline]\ntitle = "T"\n[[events]]\nid = "a"\ndate = 2018-07-19\ntitle = "A"\n'
        'speaker = "S"\n[[events.quotes]]\n'
        'text = "ls\\u001B[201~\\nrm -rf ~\\r\\u202E\\u009B"\n',
        encoding="utf-8",
    )
    timeline = load_file(path).timeline
    assert timeline is not None
    app = TimelineApp([str(path)], timeline, poll=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        assert app.clipboard.startswith("“ls␛[201~\nrm -rf ~␍<U+202E><U+009B>” — S")
        await pilot.press("Y")
        assert "\x1b" not in app.clipboard and "\r" not in app.clipboard
        assert UNSAFE.findall(app.clipboard) == []


async def test_o_refuses_a_link_with_a_bidi_override(tmp_path: Path) -> None:
    path = tmp_path / "links.toml"
    path.write_text(
        '[timeline]\ntitle = "T"\n[[events]]\nid = "a"\ndate = 2018-07-19\ntitle = "A"\n'
        'source = { label = "L", url = "https://ok.example/\\u202Egpj.exe" }\n',
        encoding="utf-8",
    )
    timeline = load_file(path).timeline
    assert timeline is not None
    app = TimelineApp([str(path)], timeline, poll=False)
    opened: list[str] = []

    def fake_open(url: str, *, new_tab: bool = True) -> None:
        opened.append(url)

    app.open_url = fake_open  # type: ignore[method-assign]
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

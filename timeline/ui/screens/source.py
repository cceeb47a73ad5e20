"""A quote inside its source: the archived passage with the quote highlighted, or,
for a quote not found, the closest passage with the differences marked."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from timeline.text import ROW_LIMIT, clean, one_line
from timeline.verify.archive_text import ArchiveError
from timeline.verify.archives import Archives
from timeline.verify.match import Outcome, check
from timeline.verify.passage import Passage, Piece, passage
from timeline.verify.report import hidden_said, said_differences, where
from timeline.verify.run import Checked

_STYLES = {
    "context": "",
    "passage": "bold reverse",
    "differs": "bold white on red",
    "typographic": "bold black on yellow",
    "edited": "bold black on cyan",
}


def _text(pieces: list[Piece]) -> Text:
    text = Text()
    for piece in pieces:
        # Cleaned piece by piece: file text is data, and the split stays where it was.
        text.append(clean(piece.text), style=_STYLES[piece.role])
    return text


def render_passage(
    heading: Text, passage: Passage | None, message: str = "", said: Sequence[str] = ()
) -> Group:
    """What the screen shows: a heading, then the source around the quote and the
    quote as written, and what differs or each edit stands for, in words (`said`,
    as `timeline verify` says them); or a message saying why there is no passage."""
    parts: list[Text] = [heading]
    if passage is None:
        parts += [Text(""), Text(message)]
        return Group(*parts)
    source = _text(passage.source)
    if passage.cut_before:
        source = Text("…", style="dim") + source
    if passage.cut_after:
        source.append("…", style="dim")
    parts += [Text(""), source, Text(""), Text("The quote as written:", style="bold")]
    parts.append(_text(passage.quote))
    for each in said:  # a highlight shows where; these say what, and why it matters
        parts.append(Text(f"• {one_line(each)}"))
    marked = {piece.role for piece in passage.source + passage.quote}
    legend = Text("Highlighted: ", style="dim")
    legend.append("the passage", style=_STYLES["passage"])
    if "differs" in marked:
        legend.append("  ")
        legend.append("differs", style=_STYLES["differs"])
    if "typographic" in marked:
        legend.append("  ")
        legend.append("typography only", style=_STYLES["typographic"])
    if "edited" in marked:
        legend.append("  ")
        legend.append("an edit", style=_STYLES["edited"])
    parts += [Text(""), legend]
    return Group(*parts)


_SAID = {
    Outcome.VERBATIM: ("found verbatim", "bold green"),
    Outcome.TYPOGRAPHIC: ("found up to typography", "bold yellow"),
    Outcome.EDITED: ("found with edits", "bold yellow"),
    Outcome.NOT_FOUND: ("not found; the closest passage", "bold red"),
}


def source_content(checked: Checked, base: Path) -> Group:
    """The screen's content for one checked quote; reads its archive (slow for a PDF).

    Args:
        checked: The quote's check, as `timeline verify` made it.
        base: The folder archives are relative to: the quote's timeline file's
            (`archives.folder_of`).
    """
    event, match = checked.event, checked.match
    heading = Text(f"Quote {checked.number + 1} of {len(event.quotes)}: ", style="bold")
    heading.append(one_line(event.title, ROW_LIMIT))
    if not checked.archive:
        message = (
            "Its source has no archived copy to show. `timeline archive FILE` saves the "
            'page of every source with a URL; or write `archive = "sources/NAME.txt"` '
            "in the source's table."
        )
        return render_passage(heading, None, message)
    heading.append_text(Text(f"\nIn {one_line(checked.archive)}", style="dim"))
    if match is None:
        return render_passage(heading, None, f"The archive cannot be read: {checked.error}")
    try:
        # Checked again: the archive may have changed since the worker checked it, and
        # the passage must be cut from the text it was found in.
        found = Archives(base).get(checked.archive)
    except ArchiveError as error:
        return render_passage(heading, None, f"The archive cannot be read: {error}")
    match = check(checked.quote.text, found)
    said, style = _SAID.get(match.outcome, ("", ""))
    heading.append(f", {where(match)}: ", style="dim")
    heading.append(said, style=style)
    said_hidden = [hidden_said(match)] if match.hidden else []
    said_all = [*said_hidden, *said_differences(match)]
    return render_passage(heading, passage(found.text, match), said=said_all)


class SourceScreen(ModalScreen[None]):
    """The selected quote in its archived source.

    | Key(s) | Description |
    | :- | :- |
    | Escape, q, s | Close it. |
    | ↓ j, ↑ k | Scroll. |
    """

    BINDINGS = [
        Binding("escape,q,s", "dismiss", "Close"),
        Binding("down,j", "scroll(1)", "Scroll down", show=False),
        Binding("up,k", "scroll(-1)", "Scroll up", show=False),
    ]

    DEFAULT_CSS = """
    SourceScreen { align: center middle; }
    SourceScreen #source-box {
        width: 100; max-width: 96%; height: 90%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    """

    def __init__(self, content: Group) -> None:
        super().__init__()
        self.content = content

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="source-box"):
            yield Static(self.content)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#source-box", VerticalScroll).scroll_relative(y=lines, animate=False)

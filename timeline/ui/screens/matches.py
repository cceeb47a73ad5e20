"""Every event the search matches, in a list to pick one from (`M`)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from timeline.dates import format_medium
from timeline.model import Event
from timeline.text import ROW_LIMIT, one_line

#: Matches listed; a search matching more says so and asks for a narrower one.
LISTED = 2_000


class MatchList(ModalScreen[int | None]):
    """Pick a match: dismisses with its position among the shown events, or None.

    | Key(s) | Description |
    | :- | :- |
    | ↓ ↑ j k | Move through the list. |
    | Enter | Go to that event. |
    | Escape, q | Close. |
    """

    BINDINGS = [
        Binding("escape,q", "cancel", "Close"),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
    ]

    DEFAULT_CSS = """
    MatchList { align: center middle; }
    MatchList #matches-box {
        width: 100; max-width: 96%; height: 80%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    MatchList OptionList { height: 1fr; }
    """

    def __init__(
        self, query: str, events: Sequence[Event], positions: Sequence[int], current: int
    ) -> None:
        super().__init__()
        self.query_text = query
        self.events = events
        self.positions = list(positions[:LISTED])
        self.total = len(positions)
        self.current = current

    def compose(self) -> ComposeResult:
        heading = Text(f"{self.total} event{'s' if self.total != 1 else ''} match “", style="bold")
        heading.append(one_line(self.query_text, ROW_LIMIT))
        heading.append("”")
        if self.total > LISTED:
            heading.append(f" (the first {LISTED:,}: search for more words to narrow it)", "dim")
        options = []
        for event in (self.events[p] for p in self.positions):
            row = Text(f"{format_medium(event.when):<16} ", style="cyan")
            row.append(one_line(event.title, ROW_LIMIT))
            if event.speaker:
                row.append(f" — {one_line(event.speaker, ROW_LIMIT)}", style="dim")
            options.append(Option(row))
        with Vertical(id="matches-box"):
            yield Static(heading)
            yield OptionList(*options, id="matches")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        # Start on the match at or after the selected event.
        later = [n for n, p in enumerate(self.positions) if p >= self.current]
        listing.highlighted = later[0] if later else 0
        listing.focus()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        self.dismiss(self.positions[message.option_index])

    def action_move(self, delta: int) -> None:
        listing = self.query_one(OptionList)
        if delta > 0:
            listing.action_cursor_down()
        else:
            listing.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)

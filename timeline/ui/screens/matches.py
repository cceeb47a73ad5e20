"""Events in a list to pick one from: every search match (`M`), every warning (`!`)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from timeline.model import Event
from timeline.problems import Problem
from timeline.show.citation import row_date
from timeline.text import ROW_LIMIT, file_name, one_line

#: Entries listed; a list holding more says so.
LISTED = 2_000


#: The widest the date column grows for the dates listed; a longer one (a display
#: date in words) is written whole, its title after it.
DATE_WIDTH = 30


def _date_width(events: Iterable[Event]) -> int:
    """The date column's width: the widest of these events' dates, up to `DATE_WIDTH`,
    so that titles line up."""
    return min(DATE_WIDTH, max((cell_len(row_date(event)) for event in events), default=0))


def _event_row(event: Event, width: int) -> Text:
    """An event's row: its date (as the rail shows it, with its end and its year:
    `row_date`) in a column `width` wide, its title and speaker."""
    date = row_date(event)
    row = Text(date + " " * max(0, width - cell_len(date)) + " ", style="cyan")
    row.append(one_line(event.title, ROW_LIMIT))
    if event.speaker:
        row.append(f" — {one_line(event.speaker, ROW_LIMIT)}", style="dim")
    return row


class EventPicker(ModalScreen[int | None]):
    """Pick an entry: dismisses with its event's position among the shown events, or
    None. Entries without a shown event are listed, and cannot be picked.

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
    EventPicker { align: center middle; }
    EventPicker #matches-box {
        width: 100; max-width: 96%; height: 80%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    EventPicker OptionList { height: 1fr; }
    """

    def __init__(
        self, heading: Text, entries: Sequence[tuple[Text, int | None]], current: int
    ) -> None:
        super().__init__()
        self.heading = heading
        self.positions = [position for _, position in entries[:LISTED]]
        self.rows = [row for row, _ in entries[:LISTED]]
        self.current = current

    def compose(self) -> ComposeResult:
        options = [
            Option(row, disabled=position is None)
            for row, position in zip(self.rows, self.positions, strict=True)
        ]
        with Vertical(id="matches-box"):
            yield Static(self.heading)
            yield OptionList(*options, id="matches")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        # Start on the entry at or after the selected event.
        later = [n for n, p in enumerate(self.positions) if p is not None and p >= self.current]
        picked = [n for n, p in enumerate(self.positions) if p is not None]
        listing.highlighted = later[0] if later else picked[-1] if picked else None
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


class MatchList(EventPicker):
    """Every event the search matches: pick one to go to it."""

    def __init__(
        self, query: str, events: Sequence[Event], positions: Sequence[int], current: int
    ) -> None:
        total = len(positions)
        heading = Text(f"{total:,} event{'s' if total != 1 else ''} match “", style="bold")
        heading.append(one_line(query, ROW_LIMIT))
        heading.append("”")
        # Too many to list: those around the selected event, where the reader is (the
        # first ones only were of no use from past the first 2,000 matches).
        first = min(max(0, bisect_left(positions, current) - LISTED // 2), max(0, total - LISTED))
        if total > LISTED:
            heading.append(
                f" (the {LISTED:,} around the selected event, {first + 1:,} to "
                f"{first + LISTED:,}: search for more words to narrow it)",
                "dim",
            )
        listed = positions[first : first + LISTED]
        width = _date_width(events[p] for p in listed)
        entries = [(_event_row(events[p], width), p) for p in listed]
        super().__init__(heading, entries, current)


class WarningList(EventPicker):
    """Every warning (what reading the file assumed or ignored), under its event: pick
    one to go to the event.

    Args:
        places: Each warning with its event's index in `events` and its position among
            those shown (`View.warning_places`).
        events: Every event of the timeline.
        current: The selected event's position among those shown.
        files: Several files are shown (merged): each warning names its file.
    """

    def __init__(
        self,
        places: Sequence[tuple[Problem, int | None, int | None]],
        events: Sequence[Event],
        current: int,
        *,
        files: bool = False,
    ) -> None:
        total = len(places)
        heading = Text(
            f"{total:,} warning{'s' if total != 1 else ''}: what reading the file assumed or "
            "ignored",
            style="bold",
        )
        if total > LISTED:
            heading.append(f" (the first {LISTED:,}: `timeline check` prints them all)", "dim")
        heading.append("\nEnter goes to the event, Esc closes.", "dim")
        entries: list[tuple[Text, int | None]] = []
        width = _date_width(events[i] for _, i, _ in places[:LISTED] if i is not None)
        for problem, index, position in places[:LISTED]:
            if index is not None:
                row = _event_row(events[index], width)
                if position is None:
                    row.append(" (hidden by the filter)", style="dim")
            else:  # not about one event: the file's, its [timeline] table's, a title row's
                about = (
                    one_line(problem.event, ROW_LIMIT) if problem.event else file_name(problem.file)
                )
                row = Text(f"({about})", style="dim")
            row.append("\n  ")
            # ("line 11" alone, of a merged timeline, said not of which file; a row of
            # no event names it already.)
            named = files and (index is not None or bool(problem.event))
            row.append(one_line(problem.at_event(file=named), ROW_LIMIT), style="yellow")
            entries.append((row, position))
        super().__init__(heading, entries, current)

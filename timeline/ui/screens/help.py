"""The help screen: every key with its description, and what the rail's marks mean."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static

from timeline.model import STATUS_MARKS, STATUS_MEANINGS
from timeline.show.rail import DEFAULT_GLYPH, GLYPHS

#: Keys shown by a name a reader knows better than Textual's.
_NAMES = {
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "enter": "Enter",
    "backspace": "Backspace",
    "tab": "Tab",
    "escape": "Esc",
}


def key_label(key: str) -> str:
    """A binding's keys as a person types them: "down,j" -> "↓ j", "slash" -> "/"."""
    shown = []
    for one in key.split(","):
        *modifiers, name = one.split("+")
        text = _NAMES.get(name) or format_key(name)
        shown.append("+".join([*(m.capitalize() for m in modifiers), text]))
    return " ".join(shown)


def help_rows(
    sections: Iterable[tuple[str, Sequence[BindingType]]], keys: Mapping[str, str] | None = None
) -> list[tuple[str, str, str]]:
    """(section, keys, description) for every binding of each section; `keys` are the
    keys the reader's settings give bindings, by id (the help said the defaults)."""
    rows: list[tuple[str, str, str]] = []
    given = keys or {}
    for section, bindings in sections:
        for binding in bindings:
            if not isinstance(binding, Binding) or binding.key in "3456789":
                continue
            keys_text = key_label(given.get(binding.id or "", binding.key))
            description = binding.tooltip or binding.description
            if binding.key == "2":
                keys_text, description = "2 … 9", "Go to the 2nd … 9th related event"
            rows.append((section, keys_text, description))
    return rows


def _legend() -> Table:
    """Each kind's marker, as the rail draws it."""
    kinds: dict[str, list[str]] = {}
    for kind, glyph in GLYPHS.items():
        kinds.setdefault(glyph, []).append(kind)
    table = Table.grid(padding=(0, 2))
    table.add_column(width=18, no_wrap=True)
    table.add_column(ratio=1)
    for glyph, names in kinds.items():
        table.add_row(glyph, ", ".join(names))
    table.add_row(DEFAULT_GLYPH, "any other kind, or none")
    return table


class HelpScreen(ModalScreen[None]):
    """Every binding with its description, and what the rail's marks mean.

    | Key(s) | Description |
    | :- | :- |
    | Escape, q, ? | Close the help. |
    | ↓ j, ↑ k, PgDn, PgUp, Home, End | Scroll it. |
    """

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
        Binding("down,j", "scroll(1)", "Scroll down", show=False),
        Binding("up,k", "scroll(-1)", "Scroll up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home,g", "top", "Top", show=False),
        Binding("end,G", "bottom", "Bottom", show=False),
    ]

    def __init__(self, rows: Sequence[tuple[str, str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        parts: list[Table | Text] = [Text("Keys", style="bold")]
        table: Table | None = None
        section = ""
        for where, keys, description in self.rows:
            if where != section or table is None:
                section = where
                parts.append(Text(f"\n{where}", style="bold underline"))
                # A grid keeps long descriptions wrapping in their own column.
                table = Table.grid(padding=(0, 2))
                table.add_column(width=18, style="bold cyan", no_wrap=True)
                table.add_column(ratio=1)
                parts.append(table)
            table.add_row(keys, description)
        marks = Table.grid(padding=(0, 2))
        marks.add_column(width=18, no_wrap=True)
        marks.add_column(ratio=1)
        for mark, meaning in (
            ("c. Jul 2018", "circa: approximate"),
            ("before Mon 16", "only known to be before that date or event"),
            ("after Mon 16", "only known to be after it"),
            ("Jul 2018 · 2018", "known to the month · to the year"),
            (
                "━ Title",
                "an era begins; ▎ marks the events surely in it, ╎ those that may lie out of it",
            ),
            # Before the marker, as the rail draws them: the disputed status's mark after
            # it and a quote's mark are "!" too, so the place is what tells them apart.
            (
                f"!{DEFAULT_GLYPH} Thu 19",
                "! before the marker: the event has warnings (what reading the file "
                "assumed or ignored); the ! key lists them",
            ),
            (
                f"★{DEFAULT_GLYPH} Thu 19",
                "★ before the marker: you marked the event (m), in place of its warnings' !;"
                " ' and \" go from mark to mark",
            ),
        ):
            marks.add_row(mark, meaning)
        parts += [Text("\nDates and marks in the rail", style="bold underline"), marks]
        parts += [Text("\nMarkers: the kind of event", style="bold underline"), _legend()]
        statuses = Table.grid(padding=(0, 2))
        statuses.add_column(width=18, no_wrap=True)
        statuses.add_column(ratio=1)
        for status, (mark, style) in STATUS_MARKS.items():
            statuses.add_row(Text(mark, style=style), f"{status}: {STATUS_MEANINGS[status]}")
        heading = "\nAfter the marker: how far the event is verified (its status)"
        parts += [Text(heading, style="bold underline"), statuses]
        # Imported here: the help is opened rarely and the checker is not needed before.
        from timeline.verify.run import MARK_MEANINGS, MARKS

        quotes = Table.grid(padding=(0, 2))
        quotes.add_column(width=18, no_wrap=True)
        quotes.add_column(ratio=1)
        for outcome, (mark, style) in MARKS.items():
            quotes.add_row(Text(mark, style=style), MARK_MEANINGS[outcome])
        heading = "\nBeside a quote in the detail: checked against its source"
        parts += [Text(heading, style="bold underline"), quotes]
        parts.append(Text("\nPress Escape, q or ? to close; j and k scroll.", style="dim"))
        with VerticalScroll(id="help-box"):
            yield Static(Group(*parts))

    @property
    def _box(self) -> VerticalScroll:
        return self.query_one("#help-box", VerticalScroll)

    def action_scroll(self, lines: int) -> None:
        self._box.scroll_relative(y=lines, animate=False)

    def action_page(self, direction: int) -> None:
        if direction > 0:
            self._box.scroll_page_down(animate=False)
        else:
            self._box.scroll_page_up(animate=False)

    def action_top(self) -> None:
        self._box.scroll_home(animate=False)

    def action_bottom(self) -> None:
        self._box.scroll_end(animate=False)

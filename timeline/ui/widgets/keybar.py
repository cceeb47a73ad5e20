"""The footer: the keys that work right now, on one line.

Textual's Footer builds a widget, with its own styles, for every key it shows:
about 100 ms of start-up with the dozen keys this viewer shows. This draws the
same keys as one line of text, redrawn when the active bindings change, and a
click on a key presses it, as with Textual's Footer.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from timeline.ui.widgets.styles import ComponentStyles

#: When the keys do not all fit, these stay first, most used first; other keys follow
#: in the order they are bound. Shown in the order they are bound, whichever stay.
FIRST = (
    "app.help",
    "app.quit",
    "search",
    "filter",
    "go_to_date",
    "app.switch_pane",
    "follow(1)",
    "copy_quote",
    "open_source",
    "history_back",
)
PALETTE = " ^p palette "


def kept(widths: list[int], ranks: list[int], width: int) -> list[bool]:
    """Which keys fit in `width` cells, taken by rank (lowest first) while they fit."""
    keep = [False] * len(widths)
    room = width
    for index in sorted(range(len(widths)), key=lambda i: (ranks[i], i)):
        if widths[index] <= room:
            keep[index] = True
            room -= widths[index]
    return keep


class KeyBar(Widget):
    """The shown bindings of the focused widget and the app, as "key description" pairs.

    When they do not all fit, the most used stay (`FIRST`): at 80 columns, search,
    filter and date rather than the last keys bound. While a screen is open over the
    main one (the filter picker, the help, a list of matches), the keys are that
    screen's ("esc Cancel ^s Apply"): the main screen's "q Quit", "? Help" and "/
    Search" stayed on show there and did nothing.
    """

    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--disabled"}

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    KeyBar > .keybar--key { color: $accent; text-style: bold; }
    KeyBar > .keybar--description { color: $foreground; }
    KeyBar > .keybar--disabled { color: $text-disabled; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[tuple[int, int, str]] = []  # (first cell, end cell, key to press)
        self._style_of = ComponentStyles(self)
        self._over: Screen[object] | None = None  # a screen open over ours, whose keys show

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)
        self.app.screen_change_signal.unsubscribe(self)
        if self._over is not None:
            self._over.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def _screen_changed(self, screen: Screen[object]) -> None:
        over = None if screen is self.screen else screen
        if over is not self._over:
            if self._over is not None:
                self._over.bindings_updated_signal.unsubscribe(self)
            if over is not None:
                over.bindings_updated_signal.subscribe(self, self._bindings_changed)
            self._over = over
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_of.clear()

    def render_line(self, y: int) -> Strip:
        # One strip drawn here (the Line API): a rendered Text would go through
        # Textual's content pipeline, a millisecond of each start-up, twice.
        width = self.size.width
        text = self._text(width)
        return Strip(text.render(self.app.console), width).apply_style(self.rich_style)

    def _text(self, width: int) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        key_style = self._style_of("keybar--key")
        description_style = self._style_of("keybar--description")
        disabled = self._style_of("keybar--disabled")
        entries: list[tuple[str, str, bool, str]] = []  # label, description, enabled, key
        ranks: list[int] = []
        seen: set[str] = set()
        over = self._over
        for active in (self.screen if over is None else over).active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            label = self.app.get_key_display(binding)
            entries.append((label, binding.description, active.enabled, binding.key))
            rank = FIRST.index(binding.action) if binding.action in FIRST else len(FIRST)
            ranks.append(rank)
        widths = [cell_len(f" {label} {description} ") for label, description, _, _ in entries]
        keys: list[tuple[int, int, str]] = []
        for (label, description, enabled, key), keep in zip(
            entries, kept(widths, ranks, width), strict=True
        ):
            if not keep:
                continue
            start = cell_len(text.plain)
            text.append(f" {label} ", style=key_style if enabled else disabled)
            text.append(f"{description} ", style=description_style if enabled else disabled)
            keys.append((start, cell_len(text.plain), key.split(",")[0]))
        self._keys = keys
        room = width - cell_len(text.plain) - cell_len(PALETTE)
        if room > 0 and over is None:
            text.append(" " * room)
            text.append(PALETTE, style=disabled)
        text.truncate(width, overflow="ellipsis", pad=True)
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._keys:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
        if event.x >= self.size.width - len(PALETTE):
            self.app.action_command_palette()

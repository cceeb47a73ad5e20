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


class KeyBar(Widget):
    """The shown bindings of the focused widget and the app, as "key description" pairs."""

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

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        # One strip drawn here (the Line API): a rendered Text would go through
        # Textual's content pipeline, a millisecond of each start-up, twice.
        width = self.size.width
        text = self._text(width)
        return Strip(text.render(self.app.console), width).apply_style(self.rich_style)

    def _text(self, width: int) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        key_style = self.get_component_rich_style("keybar--key", partial=True)
        description_style = self.get_component_rich_style("keybar--description", partial=True)
        disabled = self.get_component_rich_style("keybar--disabled", partial=True)
        keys: list[tuple[int, int, str]] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            start = cell_len(text.plain)
            label = self.app.get_key_display(binding)
            text.append(f" {label} ", style=key_style if active.enabled else disabled)
            text.append(
                f"{binding.description} ", style=description_style if active.enabled else disabled
            )
            keys.append((start, cell_len(text.plain), binding.key.split(",")[0]))
        self._keys = keys
        palette = " ^p palette "
        room = width - cell_len(text.plain) - cell_len(palette)
        if room > 0:
            text.append(" " * room)
            text.append(palette, style=disabled)
        text.truncate(width, overflow="ellipsis", pad=True)
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._keys:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
        if event.x >= self.size.width - len(" ^p palette "):
            self.app.action_command_palette()

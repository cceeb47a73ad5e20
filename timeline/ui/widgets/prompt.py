"""The line at the bottom where search text and dates are typed."""

from __future__ import annotations

from collections.abc import Callable

from textual._context import NoActiveAppError
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Label


class PromptBar(Horizontal):
    """A label and an input, hidden until `open` is called.

    Its widgets are mounted after the first screen (`prepare`), so they cost nothing at
    start-up; `open` mounts them if they are not there yet, and keys that follow wait in
    the app's queue meanwhile and reach the input, not the rail. The main screen handles
    the input's `Changed` and `Submitted` messages (timeline/ui/search_keys.py), reading
    `mode` to know what is typed.
    """

    BINDINGS = [Binding("escape", "screen.close_prompt", "Close", show=False)]

    def __init__(self) -> None:
        super().__init__(id="prompt")
        self.mode = ""
        """What is being typed: "search", "date", or "" when closed."""
        self.submit: Callable[[str], None] | None = None
        """Given the text when Enter is pressed (the main screen's)."""

    async def prepare(self) -> None:
        """Mount the label and the input, if they are not there yet."""
        # The timer that calls this may fire while the viewer is closing.
        try:
            running = self.app.is_running
        except NoActiveAppError:
            return
        if not self.children and self.is_mounted and running:
            from timeline.ui.widgets.prompt_input import PromptInput

            await self.mount(Label("", id="prompt-label"), PromptInput(id="prompt-input"))

    async def open(self, mode: str, label: str, value: str, placeholder: str) -> None:
        """Show the line for `mode`, holding `value`, and focus it."""
        await self.prepare()
        self.mode = mode
        self.query_one("#prompt-label", Label).update(label)
        field = self.query_one("#prompt-input", Input)
        field.placeholder = placeholder
        field.value = value
        self.display = True
        self.screen.set_focus(field)  # now: keys already queued must reach it

    def close(self) -> None:
        """Hide the line."""
        self.mode = ""
        self.display = False

"""The line at the bottom where search text and dates are typed."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from textual import events
from textual._context import NoActiveAppError
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Label


class PromptInput(Input):
    """The line's input: Enter hands its text to the bar's `submit` at once, and keys
    that reach it once the line is closed go on to where the reader is.

    Typed quickly ("/tweet", Enter, n), the keys after Enter have been handed to the
    line before it closes: as Textual runs Enter (a binding, once the key has gone up
    to the app), the text was taken after they were typed, and the search was for
    "tweetn". Here Enter and Escape are taken in turn with the line's other keys, and
    the n that follows goes on to the rail: the next match.
    """

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        # Keys handed on lately (by identity): one that comes back is not handed on again.
        self._handed_on: deque[events.Key] = deque(maxlen=32)

    async def action_submit(self) -> None:
        bar = self.parent
        if isinstance(bar, PromptBar) and bar.submit is not None:
            bar.submit(self.value)
        else:
            await super().action_submit()

    async def _on_key(self, event: events.Key) -> None:
        bar = self.parent
        if not isinstance(bar, PromptBar):
            await super()._on_key(event)
            return
        bounced = any(key is event for key in self._handed_on)
        if not bar.mode and not bounced:
            # Closed: handed on as a key pressed now, to whatever has the focus. Once
            # only: if the focus stayed here, it comes back, and stays (else a loop).
            event.stop()
            event.prevent_default()
            again = events.Key(event.key, event.character)
            self._handed_on.append(again)
            self.app.post_message(again)
        elif bounced:
            pass  # the focus stayed here: the line is closed, and the key goes no further
        elif event.key in ("enter", "escape"):
            # Here, in turn with the keys typed before and after, not as bindings the
            # app runs once the key has gone up to it (by then the next keys are typed).
            event.stop()
            event.prevent_default()
            if event.key == "enter":
                await self.action_submit()
            else:
                await self.run_action("screen.close_prompt")
        else:
            await super()._on_key(event)


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

"""The input of the prompt line (timeline/ui/widgets/prompt.py): mounted after the first
screen, with its module, so that neither is paid for at start-up."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Protocol

from textual import events
from textual.widgets import Input


class Bar(Protocol):
    """What the input reads of the line holding it (`PromptBar`)."""

    mode: str
    submit: Callable[[str], None] | None


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
        bar = self._bar
        if bar is not None and bar.submit is not None:
            bar.submit(self.value)
        else:
            await super().action_submit()

    async def _on_key(self, event: events.Key) -> None:
        bar = self._bar
        if bar is None:
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

    @property
    def _bar(self) -> Bar | None:
        """The line holding the input, if it is in one."""
        bar = self.parent
        return bar if hasattr(bar, "mode") and hasattr(bar, "submit") else None

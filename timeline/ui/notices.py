"""Textual's own notifications, said in plain text.

The viewer's notifications are shown without markup, since they quote file text
(`TimelineApp.notify`). Textual writes two of its own in markup, which then showed raw:
"Press [b]ctrl+q[/b] to quit the app" (Ctrl+C) and "Saved screenshot to
[$text-success]'…'" (the palette's screenshot). This base class says both plainly.
"""

from __future__ import annotations

from textual import events, on
from textual.app import App

from timeline.text import one_line


class PlainNotices(App[int]):
    """An app whose own notifications (not only the viewer's) are plain text."""

    def quit_keys(self) -> list[str]:
        """The keys that quit, as the key bar shows them ("q", "^q")."""
        keys = []
        for active in self.active_bindings.values():
            binding = active.binding
            if binding.action in ("quit", "app.quit"):
                shown = self.get_key_display(binding)
                if shown not in keys:
                    keys.append(shown)
        return keys

    def action_help_quit(self) -> None:
        """Say how to quit (Textual binds Ctrl+C to this, as Ctrl+C copies in an input)."""
        keys = self.quit_keys()
        if keys:
            self.notify(f"Press {' or '.join(keys)} to quit.", title="Do you want to quit?")

    @on(events.DeliveryComplete)
    def _screenshot_saved(self, event: events.DeliveryComplete) -> None:
        if event.name != "screenshot":
            return
        # Textual's own handler, further down the classes, would say it in markup.
        event.prevent_default()
        where = "" if event.path is None else f" to {one_line(str(event.path))}"
        self.notify(f"Saved screenshot{where}", title="Screenshot")

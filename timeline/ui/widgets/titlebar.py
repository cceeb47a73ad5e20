"""The top line: the timeline's title and where the reader is."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget


class TitleBar(Widget):
    """The timeline's title and where the reader is ("4 of 9 shown · match 2 of 5").

    Textual's Header updates a Static, which relays out the whole screen on every
    key press, and App.sub_title, a reactive, repaints the whole screen when set. This
    is one line drawn as a single strip (the Line API) from the app's title and
    `status`, a function the app gives (its view's status line): a rendered widget
    would go through Rich's layout on every key press.
    """

    DEFAULT_CSS = """
    TitleBar { dock: top; height: 1; width: 1fr; background: $panel; color: $foreground; }
    """

    def __init__(self, status: Callable[[], str]) -> None:
        super().__init__()
        self.status = status

    def on_mount(self) -> None:
        self.watch(self.app, "title", self._changed, init=False)

    def _changed(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        status = self.status()
        title = Text(no_wrap=True, overflow="ellipsis", end="")
        title.append(f" ◆ {self.app.title}", style="bold")
        if status:
            title.append(" — ", style="dim")
            title.append(status, style="dim")
        title.truncate(width, overflow="ellipsis")
        title.align("center", width)
        style = self.rich_style
        return Strip(title.render(self.app.console), width).apply_style(style)

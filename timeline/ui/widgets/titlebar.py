"""The top line: the timeline's title and where the reader is."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

from timeline.text import steady_width

#: Between the status's parts ("4 of 9 shown (40 in all) · kind=tweet · match 2 of 5").
PARTS = " · "
#: The fewest cells a cut title keeps ("RAICES d…"); with less, only the status shows.
TITLE_LEAST = 8
#: The fewest cells a cut filter keeps in the status ("kind=t…"); with less, it goes.
MIDDLE_LEAST = 6


def _cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, ending in "…" when cut."""
    if cell_len(text) <= width:
        return text
    cut = Text(text)
    cut.truncate(max(0, width), overflow="ellipsis")
    return cut.plain


def fit_status(status: str, width: int) -> str:
    """The status in `width` cells: where the reader is (its first part) and the search
    match (its last) stay whole; the filter between them is cut first."""
    if cell_len(status) <= width:
        return status
    parts = status.split(PARTS)
    if len(parts) > 2:
        room = width - cell_len(parts[0]) - cell_len(parts[-1]) - 2 * len(PARTS)
        if room >= MIDDLE_LEAST:
            return PARTS.join([parts[0], _cut(PARTS.join(parts[1:-1]), room), parts[-1]])
        if cell_len(parts[0]) + len(PARTS) + cell_len(parts[-1]) <= width:
            return parts[0] + PARTS + parts[-1]
    return _cut(status, width)


class TitleBar(Widget):
    """The timeline's title and where the reader is ("4 of 9 shown · match 2 of 5").

    When the line is short, the title is cut rather than the status: the counts and the
    match are what change with each key, and the title is on the detail pane's events
    anyway (issue 14: at 60 columns "match 1 of 5" was cut off).

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

    def line(self, width: int) -> Text:
        """The line at this width: " ◆ title — status", the title cut first."""
        status = self.status()
        title = steady_width(self.app.title)
        head = " ◆ "
        line = Text(no_wrap=True, end="")
        if status:
            status = fit_status(status, width - cell_len(head))
            room = width - cell_len(head) - len(" — ") - cell_len(status)
            line.append(head, style="bold")
            if room >= min(TITLE_LEAST, cell_len(title)):
                line.append(_cut(title, room), style="bold")
                line.append(" — ", style="dim")
            line.append(status, style="dim")
        else:
            line.append(f"{head}{_cut(title, width - cell_len(head))}", style="bold")
        line.truncate(width, overflow="ellipsis")
        line.align("center", width)
        return line

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.rich_style
        return Strip(self.line(width).render(self.app.console), width).apply_style(style)

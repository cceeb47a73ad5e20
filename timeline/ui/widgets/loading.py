"""While a large file loads: its name and size, and a progress bar."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ProgressBar, Static


class LoadingBox(Vertical):
    """Takes the place of the empty rail while a large file loads (mounted only then:
    each widget composed costs start-up time, shown or not)."""

    def __init__(self, label: str) -> None:
        super().__init__(id="loading")
        self.label = label
        self.fraction = 0.0
        """How much is loaded (0.0 to 1.0), kept for a bar not mounted yet."""

    def compose(self) -> ComposeResult:
        yield Static(Text(self.label), id="loading-label")
        yield ProgressBar(total=100, show_eta=False, id="loading-bar")

    def on_mount(self) -> None:
        self.set_progress(self.fraction)

    def set_progress(self, fraction: float) -> None:
        """Show how much is loaded (0.0 to 1.0); before the bar is mounted, it shows it
        once it is (mounting waits for the screen, and the load may be quicker)."""
        self.fraction = fraction
        bars = self.query(ProgressBar)
        if bars:
            bars.first().update(progress=fraction * 100)

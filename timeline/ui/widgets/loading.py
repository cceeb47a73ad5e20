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

    def compose(self) -> ComposeResult:
        yield Static(Text(self.label), id="loading-label")
        yield ProgressBar(total=100, show_eta=False, id="loading-bar")

    def set_progress(self, fraction: float) -> None:
        """Show how much is loaded (0.0 to 1.0)."""
        self.query_one(ProgressBar).update(progress=fraction * 100)

"""The viewer's columns and rows, drawn as plain background (see `lines.blank`)."""

from __future__ import annotations

from textual.containers import Horizontal, Vertical
from textual.geometry import Region
from textual.strip import Strip

from timeline.ui.widgets.lines import blank


class Column(Vertical):
    """A Vertical whose own lines are only background."""

    def render_lines(self, crop: Region) -> list[Strip]:
        return blank(self, crop) or super().render_lines(crop)


class Row(Horizontal):
    """A Horizontal whose own lines are only background."""

    def render_lines(self, crop: Region) -> list[Strip]:
        return blank(self, crop) or super().render_lines(crop)

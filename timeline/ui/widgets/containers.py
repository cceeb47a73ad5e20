"""The viewer's columns and rows, drawn as plain background (see `lines.blank`), and its
panes, each named in a top border that shows which one has the keys."""

from __future__ import annotations

from textual import events
from textual.containers import Horizontal, Vertical
from textual.geometry import Region, Spacing
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


class Pane(Column):
    """A column the reader moves into with Tab: its name in its top border, which is
    drawn heavy in the accent colour, the name bright and bold, while focus is inside
    it (thin and muted otherwise).

    A divider's colour alone did not say which pane the keys went to (issue 14). The
    pane's own lines go through Textual's styling (a border), but only when the
    layout or the focus changes; the rail and the detail pane inside it still draw
    their lines directly.

    Focus inside is the class `-focus` set here, not the `:focus-within` pseudo-class:
    with that, Textual restyled the whole pane (the rail and its parts) when the first
    focus landed, 3-4 ms of every start. The pane the first focus goes to is made
    with the class (`focused`), so nothing changes then.
    """

    DEFAULT_CSS = """
    Pane {
        border-top: solid $foreground 25%;
        border-title-color: $text-muted;
        border-title-style: none;
    }
    Pane.-focus {
        border-top: heavy $accent;
        border-title-color: $foreground;
        border-title-style: bold;
    }
    """

    def __init__(self, title: str, *, id: str | None = None, focused: bool = False) -> None:
        super().__init__(id=id, classes="-focus" if focused else "")
        self.border_title = f" {title} "

    def render_lines(self, crop: Region) -> list[Strip]:
        # Below the top border, every line of a pane is the same: its side borders and
        # its background, which the widgets inside it draw over. Textual draws each
        # through its styles cache, 2 ms of every first frame for the two panes; here
        # one is drawn and repeated. Anything that could tell the lines apart (a bottom
        # border or an outline, padding, a hatch, a subtitle) goes Textual's own way.
        styles = self.styles
        alike = (
            not styles.border_bottom[0]
            and not any(edge for edge, _ in styles.outline)
            and styles.padding == Spacing()
            and (not styles.has_rule("hatch") or styles.hatch == "none")
            and self.border_subtitle is None
        )
        if not alike:
            return super().render_lines(crop)
        width = self.outer_size.width
        strips: list[Strip] = []
        below: Strip | None = None
        for y in crop.line_range:
            if y == 0:
                strips += super().render_lines(Region(0, 0, width, 1))
                continue
            if below is None:
                below = super().render_lines(Region(0, y, width, 1))[0]
            strips.append(below)
        x1, x2 = crop.column_span
        if (x1, x2) != (0, width):
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips

    # Focus and blur arrive as messages, in either order when focus moves inside the
    # pane: each sets the class from where focus is now.
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.set_class(self.has_focus_within, "-focus")

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.set_class(self.has_focus_within, "-focus")

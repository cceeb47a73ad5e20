"""The overview strip: where the shown events fall across the whole span.

Two lines above the rail, like TimelineJS's navigation bar or lnav's histogram: a
density bar of hours, days, weeks, months, years, decades or centuries, stretched
across the strip when there are fewer than cells, and a label line with the dates at
its ends, a marker under the selected event and the scale's name.

What it shows is computed by `timeline.show.overview.OverviewModel`, without Textual;
this widget feeds it and draws its two lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from timeline.model import Event
from timeline.show.overview import SCALES, OverviewModel
from timeline.ui.widgets.styles import ComponentStyles


class Overview(Widget):
    """A two-line density strip of the shown events, above the rail.

    The app feeds it with `set_events`, `set_selection` and `set_window`, and moves
    the rail when it posts `Overview.Jump`.
    """

    COMPONENT_CLASSES = {
        "overview--bar",
        "overview--window",
        "overview--selected",
        "overview--label",
        "overview--marker",
    }

    DEFAULT_CSS = """
    Overview {
        height: 2;
        background: $surface;
    }
    Overview > .overview--bar { color: $text-accent; }
    Overview > .overview--window { background: $primary 30%; }
    Overview > .overview--selected { color: $text; background: $accent 70%; }
    Overview > .overview--label { color: $text-muted; }
    Overview > .overview--marker { color: $text-accent; text-style: bold; }
    /* ANSI colours do not mix: the window's bars take the text colour instead of a
       shaded background, and the selected bucket the cursor's colours. */
    Overview:ansi > .overview--window { background: transparent; color: $foreground; }
    Overview:ansi > .overview--selected {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """

    scale: reactive[str] = reactive("month", init=False)
    """The bucket size, one of `SCALES`. Setting it (or zooming) stops the automatic
    choice; `auto_fit` brings it back."""

    class Jump(Message):
        """The reader clicked the strip: select the event at `position` in `shown`."""

        def __init__(self, position: int) -> None:
            self.position = position
            super().__init__()

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.model = OverviewModel()
        self._style_of = ComponentStyles(self)
        self._bookmarks: list[int] = []  # buckets holding a marked event
        self.window_source: Callable[[], tuple[int, int]] | None = None
        """Where the window comes from when the strip is drawn (the rail's positions
        on screen): the first frame is then right, though the rail's size is only
        known once the screen is laid out, and needs no second frame."""

    # ------------------------------------------------------------------ data

    def set_events(self, events: Sequence[Event], shown: Sequence[int]) -> None:
        """Show `events[i] for i in shown` (chronological); O(len(shown)).

        Call `set_selection` and `set_window` afterwards: positions refer to `shown`.
        """
        self.model.set_events(events, shown)
        self._sync_scale()
        self.refresh()

    def set_bookmarks(self, positions: Sequence[int]) -> None:
        """Mark the buckets of the events at these positions (the reader's marks)."""
        buckets = self.model.buckets
        marked = sorted({buckets[p] for p in positions if 0 <= p < len(buckets)})
        if marked != self._bookmarks:
            self._bookmarks = marked
            self.refresh()

    def set_selection(self, position: int) -> None:
        """Mark the event at `position` in `shown`; a repaint only if the strip changes."""
        before = self._drawn_state()
        self.model.select(position)
        if self._drawn_state() != before:
            self.refresh()

    def set_window(self, first: int, last: int) -> None:
        """Shade the buckets of the events the rail shows, positions `first` to `last`."""
        before = self._drawn_state()
        self.model.set_window(first, last)
        if self._drawn_state() != before:
            self.refresh()

    def _drawn_state(self) -> tuple[object, ...]:
        # What the two lines depend on besides the counts: most key presses change
        # none of it (the next event is usually in the same bucket), so no repaint.
        model = self.model
        buckets = model.buckets
        if not buckets:
            return ()
        count = len(buckets)

        def bucket(position: int) -> int:
            return buckets[max(0, min(position, count - 1))]

        first, last = model.window
        return (model.scale, model.start, bucket(model.selection), bucket(first), bucket(last))

    def zoom(self, direction: int) -> None:
        """-1 zooms in (to months, weeks, days, hours), +1 zooms out (to years, decades,
        centuries); nothing past either end."""
        if self.model.zoom(direction):
            self._sync_scale()
            self.refresh()

    def action_zoom(self, direction: int) -> None:
        """`zoom` as an action, for bindings."""
        self.zoom(direction)

    def auto_fit(self) -> None:
        """Return to the automatic scale: the finest at which everything fits."""
        self.model.set_scale(self.model.scale, auto=True)
        self._sync_scale()
        self.refresh()

    @property
    def auto_scale(self) -> bool:
        """Whether the scale is chosen automatically (nobody has zoomed)."""
        return self.model.auto

    def validate_scale(self, scale: str) -> str:
        if scale not in SCALES:
            raise ValueError(f"unknown scale {scale!r}; expected one of {', '.join(SCALES)}")
        return scale

    def watch_scale(self, scale: str) -> None:
        # Only assignments from outside arrive here; the widget's own changes go
        # through `_sync_scale`, which does not call watchers.
        self.model.set_scale(scale)
        self.refresh()

    def _sync_scale(self) -> None:
        self.set_reactive(Overview.scale, self.model.scale)

    # ------------------------------------------------------------------ input

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_of.clear()

    def on_resize(self, event: events.Resize) -> None:
        if self.model.set_width(event.size.width):
            self._sync_scale()
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        position = self.model.position_at(offset.x)
        if position is not None:
            self.post_message(self.Jump(position))

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if width <= 0 or y > 1:
            return Strip.blank(width, base)
        # The size can change before the Resize event arrives; the strip is always
        # drawn for the width it is drawn at.
        if self.model.set_width(width):
            self._sync_scale()
        if self.window_source is not None and y == 0:
            self.model.set_window(*self.window_source())
        return self._bar(base) if y == 0 else self._labels(base)

    def _style(self, base: Style, name: str) -> Style:
        return base + self._style_of(name)

    def _bar(self, base: Style) -> Strip:
        bar = self._style(base, "overview--bar")
        window = bar + self._style_of("overview--window")
        if not self.has_pseudo_class("ansi"):
            window += self._style_of("overview--bar", under="overview--window")
        selected = window + self._style_of("overview--selected")
        segments = []
        for cell in self.model.cells():
            if cell.selected:
                style = selected
            elif cell.window:
                style = window
            elif cell.tally >= 0:
                style = bar
            else:
                style = base
            segments.append(Segment(cell.glyph, style))
        model = self.model
        if self._bookmarks and len(segments) == model.width:
            star = self._style(base, "overview--marker")
            for bucket in self._bookmarks:
                if model.start <= bucket < model.start + model.drawn:
                    column = model.column_of(bucket)[0]
                    segments[column] = Segment("★", star)
        return Strip(segments, self.model.width).simplify().crop_extend(0, self.size.width, base)

    def _labels(self, base: Style) -> Strip:
        styles = {
            "label": self._style(base, "overview--label"),
            "marker": self._style(base, "overview--marker"),
        }
        segments: list[Segment] = []
        column = 0
        # Plain Segments, not markup: nothing here is parsed.
        for label in self.model.labels():
            if label.column > column:
                segments.append(Segment(" " * (label.column - column), base))
            segments.append(Segment(label.text, styles[label.role]))
            column = label.column + len(label.text)
        return Strip(segments).crop_extend(0, self.size.width, base)

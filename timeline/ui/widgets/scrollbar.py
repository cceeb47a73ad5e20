"""A vertical scrollbar drawn in the last column of a Line-API widget's own lines.

Textual's scrollbar is a widget of its own: composed, styled and laid out at
start-up, then redrawn, a frame at a time, after each layout of the screen. For the
detail pane that was 8 ms of the viewer's start-up, a third of what it costs beyond
a bare Textual app. The pane draws the same bar instead (Textual's `ScrollBarRender`,
in the colours Textual's scrollbar takes from the pane's styles), and handles the
mouse on it as Textual does: a click above or below the thumb pages, and the thumb
can be dragged.
"""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from textual.scrollbar import ScrollBarRender
from textual.widget import Widget


def thumb(size: int, virtual: int, window: int, position: float) -> tuple[float, float] | None:
    """Where the thumb starts and how long it is, in rows (as `ScrollBarRender` draws
    it), or None when everything fits and there is no thumb."""
    if not (size and window and virtual) or window >= virtual:
        return None
    length = max(1.0, window / (virtual / size))
    start = (size - length) * (position / (virtual - window))
    return start, length


def colors(widget: Widget, *, hover: bool, grabbed: bool) -> tuple[Color, Color]:
    """The track's and the thumb's colours, as Textual's scrollbar picks them."""
    styles = widget.styles
    if grabbed:
        background, color = styles.scrollbar_background_active, styles.scrollbar_color_active
    elif hover:
        background, color = styles.scrollbar_background_hover, styles.scrollbar_color_hover
    else:
        background, color = styles.scrollbar_background, styles.scrollbar_color
    if background.a < 1:
        background = widget.background_colors[0] + background
    return background.rich_color, (background + color).rich_color


def cells(
    size: int, virtual: int, window: int, position: float, back: Color, bar: Color, width: int
) -> list[Segment]:
    """The bar's `width` columns for each of `size` rows, one segment a row."""
    drawn = ScrollBarRender.render_bar(
        size=size,
        virtual_size=virtual,
        window_size=window if window < virtual else 0,
        # As Textual's scrollbar: an eighth of a row is the finest step drawn.
        position=int(position * 8) / 8,
        thickness=width,
        vertical=True,
        back_color=back,
        bar_color=bar,
    )
    # Without Textual's mouse actions: the widget handles clicks on the bar itself.
    return [
        Segment(
            segment.text, None if segment.style is None else segment.style.clear_meta_and_links()
        )
        for segment in drawn.segments
    ]

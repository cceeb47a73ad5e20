"""Drawing Line-API widgets whose lines are final, without Textual's per-line styling.

Textual passes each line a widget draws through its styles cache: borders, padding,
tint, opacity, then the app's line filters. That costs about 50 µs a line even when
the line itself comes from a cache, and the rail and the detail pane redraw every
line when the selection scrolls or changes: two thirds of a key press at 100,000
events. Their lines are already the full width with the widget's own colours, so for
them only the line filters (which turn ANSI colours into the theme's true colours)
are left to do. Any style the fast path cannot honour (a border, padding, an outline,
a tint, opacity, a hatch) sends the frame back through Textual's own path.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from textual.binding import Binding, BindingType
from textual.geometry import Region, Spacing
from textual.strip import Strip
from textual.widget import Widget

#: The keys that scroll a pane of text: the detail pane, a broken save's errors.
SCROLLING: list[BindingType] = [
    Binding("down,j", "scroll_down", "Scroll down", show=False),
    Binding("up,k", "scroll_up", "Scroll up", show=False),
    Binding("pagedown", "page_down", "Page down", show=False),
    Binding("pageup", "page_up", "Page up", show=False),
    Binding("home,g", "scroll_home", "Top", show=False),
    Binding("end,G", "scroll_end", "Bottom", show=False),
]

_NO_SPACING = Spacing()


def direct_lines_ok(widget: Widget) -> bool:
    """Whether Textual's styling would leave this widget's lines as they are."""
    styles = widget.styles
    return (
        styles.gutter == _NO_SPACING
        and not any(edge for edge, _ in styles.outline)
        and not styles.tint.a
        and widget.opacity == 1.0
        and styles.text_opacity == 1.0
        and (not styles.has_rule("hatch") or styles.hatch == "none")
        and widget.border_title is None
        and widget.border_subtitle is None
    )


def render_direct(widget: Widget, crop: Region) -> list[Strip]:
    """`widget.render_line` for each line of `crop`, with the app's line filters applied.

    The caller has checked `direct_lines_ok`. Filtered strips are cached by each Strip,
    so a line drawn before costs a dictionary lookup.
    """
    filters = widget.app.get_line_filters()
    background = widget.background_colors[1]
    width = widget.region.width
    # As Textual pads a short line (the part under a scrollbar): the background alone.
    style = Style.from_color(bgcolor=background.rich_color)
    render_line = widget.render_line
    strips = []
    for y in crop.line_range:
        strip = render_line(y)
        if strip.cell_length != width:
            strip = strip.adjust_cell_length(width, style)
        for line_filter in filters:
            strip = strip.apply_filter(line_filter, background)
        strips.append(strip)
    x1, x2 = crop.column_span
    if (x1, x2) != (0, width):
        strips = [strip.crop(x1, x2) for strip in strips]
    return strips


def draw(widget: Widget, crop: Region, styled: Callable[[Region], list[Strip]]) -> list[Strip]:
    """A Line-API widget's `render_lines`: directly when it can be, else `styled`
    (the widget's inherited `render_lines`, through Textual's styles cache)."""
    if direct_lines_ok(widget):
        return render_direct(widget, crop)
    return styled(crop)


def blank(widget: Widget, crop: Region) -> list[Strip] | None:
    """A container's own lines, all background (its children are drawn over them), or
    None when Textual's styling has more to draw (a border, padding, a tint...).

    Textual draws every container line by line through its styles cache before its
    children cover it: for the viewer's columns, a millisecond of each first frame.
    """
    if not direct_lines_ok(widget):
        return None
    background = widget.background_colors[1]
    strip = Strip.blank(crop.width, Style.from_color(bgcolor=background.rich_color))
    for line_filter in widget.app.get_line_filters():
        strip = strip.apply_filter(line_filter, background)
    return [strip] * crop.height

"""The lanes view: time across the screen, a lane per group, speaker or kind.

What it shows is laid out by `timeline.show.lanes_view.LanesModel` without Textual
(the picture export lays out the same way); this widget feeds it, draws its lines with
the Line API and turns keys and the mouse into moves. Lines are cached per lane
layout, so a key press redraws the lanes it changed, and nothing grows with the
number of events.

The selection is `cursor`, a position among the shown events as the rail's, so the
app can share it between the views; `mode` says what makes a lane.

With more lanes than rows, the lanes scroll with the selection, and `sight` says how
many are out of sight above and below and the keys that reach them: the screen puts it
in the pane's top border, as the problems panel counts its errors in its own. At 60x20
two of eight lanes were below the screen with nothing saying they were there.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.binding import Binding
from textual.color import Color
from textual.events import Click, MouseEvent, MouseScrollDown, MouseScrollUp, Resize
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from timeline.model import Era, Event
from timeline.show.lanes import HEADINGS, MODES, LaneIndex
from timeline.show.lanes_view import ZOOM_STEP, LanesModel, Line
from timeline.show.marks import BLANK, elide
from timeline.show.rail import glyph_for
from timeline.ui.threads import awaited_by_the_reader
from timeline.ui.widgets.lines import draw

#: The names column: as wide as the longest name and a blank, within these bounds.
NAMES_MIN, NAMES_MAX = 8, 18

#: The wheel zooms by this factor a notch.
WHEEL_ZOOM = 2**0.5

_ROLE_CLASS = {
    "point": "lanes--point",
    "circa": "lanes--circa",
    "uncertain": "lanes--uncertain",
    "bound": "lanes--bound",
    "span": "lanes--span",
    "range": "lanes--range",
    "count": "lanes--count",
    "density": "lanes--density",
    "label": "lanes--label",
    "axis": "lanes--axis",
    "tick": "lanes--tick",
    "rule": "lanes--rule",
    "era": "lanes--era",
    "era-alt": "lanes--era-alt",
}


class _Layout(NamedTuple):
    """What to lay out in lanes: the events, the positions shown, the selection among
    them, the eras, and what makes a lane."""

    events: Sequence[Event]
    shown: Sequence[int]
    cursor: int
    eras: Sequence[Era]
    mode: str


class Lanes(Widget, can_focus=True):
    """The lanes view of `events[i] for i in shown`."""

    #: What the mouse does here, as the help says it (the wheel zooms: `_wheel`).
    MOUSE = (
        "Click a mark to select it (elsewhere in a lane, its event nearest that moment); "
        "the wheel zooms in (up) and out (down) around the pointer, it does not scroll"
    )

    BINDINGS = [
        Binding("right,l", "step(1)", "Next in time", show=False),
        Binding("left,h", "step(-1)", "Previous in time", show=False),
        Binding("down,j", "lane(1)", "Lane below", show=False),
        Binding("up,k", "lane(-1)", "Lane above", show=False),
        Binding("pagedown", "lane_page(1)", "A screenful of lanes below", show=False),
        Binding("pageup", "lane_page(-1)", "A screenful of lanes above", show=False),
        # z and Z too: they zoom the overview strip, which the lanes view hides (they
        # changed it unseen, saying "Overview scale: hour").
        Binding("plus,equals_sign,z", "zoom(1)", "Zoom in", key_display="+", show=False),
        Binding("minus,Z", "zoom(-1)", "Zoom out", key_display="-", show=False),
        Binding("0", "fit", "Fit", show=False),
        Binding("L", "cycle_mode", "Lanes by", show=False),
        # g and G as in the list: in the lanes view they did nothing, without a word.
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
    ]

    COMPONENT_CLASSES = {
        "lanes--axis",
        "lanes--tick",
        "lanes--rule",
        "lanes--scale",
        "lanes--name",
        "lanes--name-selected",
        "lanes--odd",
        "lanes--point",
        "lanes--circa",
        "lanes--uncertain",
        "lanes--bound",
        "lanes--span",
        "lanes--range",
        "lanes--count",
        "lanes--density",
        "lanes--label",
        "lanes--selected",
        "lanes--match",
        "lanes--era",
        "lanes--era-alt",
    }

    # Colours with an alpha are blended over the lane's background (see `_style_table`):
    # the same sheet reads in light and dark themes.
    DEFAULT_CSS = """
    Lanes { background: $surface; height: 1fr; }
    Lanes > .lanes--axis { color: $foreground; }
    Lanes > .lanes--tick { color: $foreground 60%; }
    Lanes > .lanes--rule { color: $foreground 35%; }
    Lanes > .lanes--scale { color: $text-muted; text-style: italic; }
    Lanes > .lanes--name { color: $text-secondary; text-style: bold; }
    Lanes > .lanes--name-selected { color: $text-accent; text-style: bold underline; }
    Lanes > .lanes--odd { background: $foreground 5%; }
    Lanes > .lanes--point { color: $text-warning; }
    Lanes > .lanes--circa { color: $text-warning; text-style: dim; }
    Lanes > .lanes--uncertain { color: $text-warning; text-style: bold; }
    Lanes > .lanes--bound { color: $text-warning; }
    Lanes > .lanes--span { color: $text-secondary; }
    Lanes > .lanes--range { color: $text-accent; }
    Lanes > .lanes--count { color: $foreground; background: $secondary 40%; text-style: bold; }
    Lanes > .lanes--density { color: $text-accent; }
    Lanes > .lanes--label { color: $foreground 85%; }
    Lanes > .lanes--selected { color: $foreground; background: $primary 45%; text-style: bold; }
    Lanes > .lanes--match { background: $warning 35%; }
    Lanes > .lanes--era { color: $foreground; background: $success 30%; }
    Lanes > .lanes--era-alt { color: $foreground; background: $primary 30%; }
    """

    cursor: reactive[int] = reactive(0, repaint=False, init=False)
    """Position of the selected event within `shown`."""

    mode: reactive[str] = reactive("group", repaint=False, init=False)
    """What makes a lane: one of `timeline.show.lanes.MODES`."""

    sight: reactive[str] = reactive("", repaint=False, init=False)
    """While lanes are out of sight, how many and how to reach them ("8 lanes, 2
    below: ↓ PgDn"); else ""."""

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.model = LanesModel(glyph=glyph_for)
        self.matches: frozenset[int] = frozenset()
        """Positions of the events a search found: their marks and labels stand out."""
        self._top = 0  # the first lane line on screen (lanes scroll when they overflow)
        self._strips: dict[tuple[int, int, bool], tuple[object, Strip]] = {}
        self._styles: dict[str, Style] | None = None
        # The longest lane name, for the lanes it was measured in: measured once, not
        # for every line drawn (lanes by speaker may number thousands).
        self._longest: tuple[object, int] = (None, 0)
        # Many events are laid out in lanes in a thread (about 3 s at 1,000,000): what
        # the lanes say meanwhile, and the last layout asked for (a newer one wins).
        self._in_thread = False
        self.laying_out = ""
        self._layouts = 0
        # What the last `set_events` asked for: what a change of mode lays out, even
        # while their own layout is still under way.
        self._wanted = _Layout((), (), 0, (), self.mode)

    # ------------------------------------------------------------------ data

    @property
    def selected(self) -> Event | None:
        """The selected event, if any is shown."""
        if not self.model.shown:
            return None
        return self.model.index.event_at(self.cursor)

    def set_events(
        self,
        events: Sequence[Event],
        shown: Sequence[int],
        cursor: int = 0,
        eras: Sequence[Era] = (),
        *,
        in_thread: bool = False,
    ) -> None:
        """Show `events[i] for i in shown` (chronological), the cursor on `cursor`;
        `in_thread` lays them out in lanes in a thread (for many events), here and
        for each change of mode until the next call, saying so meanwhile."""
        self._in_thread = in_thread
        self._wanted = _Layout(events, shown, cursor, eras, self.mode)
        if in_thread:
            self._lay_out(self._wanted)
        else:
            self._layouts += 1  # any layout still under way is outdone
            self.laying_out = ""
            self._take(self._wanted, None)

    def _take(self, layout: _Layout, index: LaneIndex | None) -> None:
        self.model.mode = layout.mode
        self.model.set_events(layout.events, layout.shown, layout.eras, layout.cursor, index)
        self.set_reactive(Lanes.cursor, self.model.selection)
        self._strips.clear()
        self._fit_size()
        self._scroll_to_selection()
        self.refresh()

    def _lay_out(self, layout: _Layout) -> None:
        self._layouts += 1
        lanes = "one lane" if layout.mode == "single" else f"lanes {HEADINGS[layout.mode]}"
        self.laying_out = f"Laying out {len(layout.shown):,} events in {lanes}…"
        self._say_sight()
        self._strips.clear()
        self.refresh()
        self._build(self._layouts, layout)

    # The description keeps Textual from naming the worker after its arguments'
    # repr: the whole timeline.
    @work(thread=True, group="lanes", exit_on_error=False, description="laying out lanes")
    @awaited_by_the_reader
    def _build(self, number: int, layout: _Layout) -> None:
        index = LaneIndex(layout.events, layout.shown, layout.mode)
        self.app.call_from_thread(self._built, number, layout, index)

    def _built(self, number: int, layout: _Layout, index: LaneIndex) -> None:
        if number != self._layouts:
            return  # a newer layout was asked for meanwhile
        self.laying_out = ""
        self._take(layout, index)

    def set_matches(self, positions: Sequence[int]) -> None:
        """Mark the events a search found (positions in `shown`)."""
        self.matches = frozenset(positions)
        self._strips.clear()
        self.refresh()

    def validate_mode(self, mode: str) -> str:
        if mode not in MODES:
            raise ValueError(f"unknown lane mode {mode!r}; expected one of {', '.join(MODES)}")
        return mode

    def watch_mode(self, mode: str) -> None:
        if self._in_thread:
            wanted = self._wanted
            if not self.laying_out:  # laid out already: the reader may have moved
                wanted = wanted._replace(cursor=self.cursor)
            self._lay_out(wanted._replace(mode=mode))
            return
        self.model.set_mode(mode)
        self._strips.clear()
        self._fit_size()
        self._scroll_to_selection()
        self.refresh()

    def watch_cursor(self, old: int, new: int) -> None:
        if not self.model.shown:
            return
        self.model.select(new)
        self._scroll_to_selection()
        self.refresh()

    # ------------------------------------------------------------------ moving

    def move_to(self, position: int) -> None:
        """Select the event at `position` in `shown` (clamped)."""
        if self.model.shown and not self.laying_out:
            self.cursor = max(0, min(position, len(self.model.shown) - 1))

    def action_step(self, direction: int) -> None:
        self.move_to(self.model.index.step(self.cursor, direction))

    def action_lane(self, direction: int) -> None:
        if self.model.shown and not self.laying_out:
            self.move_to(self.model.index.lane_step(self.cursor, direction))

    def action_lane_page(self, direction: int) -> None:
        """To the lane a screenful of lanes below (+1) or above (-1)."""
        self.action_lane(direction * max(1, len(self._lanes_in_sight())))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.model.shown) - 1)

    def action_zoom(self, direction: int) -> None:
        """+1 zooms in around the selection, -1 out."""
        if self.laying_out:
            return
        self.model.zoom(ZOOM_STEP if direction > 0 else 1 / ZOOM_STEP)
        self._scroll_to_selection()  # the lanes' rows follow what is in sight
        self.refresh()

    def action_fit(self) -> None:
        if self.laying_out:
            return
        self.model.fit()
        self._scroll_to_selection()
        self.refresh()

    def action_cycle_mode(self) -> None:
        self.mode = MODES[(MODES.index(self.mode) + 1) % len(MODES)]

    # ------------------------------------------------------------------ mouse

    def _names_width(self) -> int:
        index = self.model.index
        measured, longest = self._longest
        if measured is not index:
            # The corner's heading too: "by group" was cut to "by gro…" beside short names.
            names = (self.model.name(lane) for lane in index.lanes)
            longest = max([cell_len(HEADINGS[index.mode]), *map(cell_len, names)])
            self._longest = (index, longest)
        width = max(NAMES_MIN, min(NAMES_MAX, longest + 2))
        return min(width, max(0, self.size.width // 4))

    def _header_height(self) -> int:
        return 2 + len(self.model._era_rows)

    def _line_at(self, y: int) -> int | None:
        """The index in the frame's lane lines of screen line `y`, or None."""
        line = y - self._header_height()
        if line < 0:
            return None
        return line + self._top

    async def _on_click(self, event: Click) -> None:
        self.focus()
        if self.laying_out:
            return
        line = self._line_at(event.y)
        column = event.x - self._names_width()
        if line is None or column < 0:
            return
        position = self.model.position_at(line, column)
        if position is not None:
            self.move_to(position)

    def _wheel(self, event: MouseEvent, factor: float) -> None:
        event.stop()
        event.prevent_default()
        if self.laying_out:
            return
        column = event.x - self._names_width()
        view, width = self.model.view, self.model.width
        if view is None or width <= 0:
            return
        around = view.time_at(column + 0.5, width) if column >= 0 else None
        self.model.zoom(factor, around)
        self._scroll_to_selection()
        self.refresh()

    def _on_mouse_scroll_up(self, event: MouseScrollUp) -> None:
        self._wheel(event, WHEEL_ZOOM)

    def _on_mouse_scroll_down(self, event: MouseScrollDown) -> None:
        self._wheel(event, 1 / WHEEL_ZOOM)

    # ------------------------------------------------------------------ layout

    def on_mount(self) -> None:
        # Watched, not handled as Focus and Blur (see ProblemsPanel.on_mount).
        self.watch(self, "has_focus", self._say_sight, init=False)

    def on_resize(self, event: Resize) -> None:
        self._fit_size()
        self._scroll_to_selection()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._styles = None

    def _fit_size(self) -> None:
        width = max(0, self.size.width - self._names_width())
        height = max(0, self.size.height - self._header_height())
        if self.model.set_size(width, height):
            self._strips.clear()

    def _scroll_to_selection(self) -> None:
        """Keep the selected event's lane on screen when the lanes overflow."""
        model = self.model
        if not model.shown:
            self._top = 0
            self._say_sight()
            return
        frame = model.frame()
        height = max(1, self.size.height - self._header_height())
        lane = model.index.lane_of[model.selection]
        first = frame.first_line[lane]
        following = frame.first_line[lane + 1] if lane + 1 < len(frame.first_line) else None
        last = (len(frame.lines) if following is None else following) - 1
        top = min(self._top, max(0, len(frame.lines) - height))
        if first < top:
            top = first
        elif last >= top + height:
            # The lane's last line at the bottom, or its first at the top when it is
            # taller than the screen. (It used to be put at the top whatever its
            # height, leaving blank rows below while lanes above were out of sight.)
            top = last - height + 1 if last - first < height else first
        self._top = top
        self._say_sight()

    def _lanes_in_sight(self) -> range:
        """The lanes whose first line (their name) is on screen."""
        if not self.model.shown or self.laying_out:
            return range(0)
        starts = self.model.frame().first_line
        height = max(1, self.size.height - self._header_height())
        first = bisect_left(starts, self._top)
        return range(first, bisect_left(starts, self._top + height))

    def _say_sight(self) -> None:
        shown = self.model.shown and not self.laying_out
        self.sight = out_of_sight(
            len(self.model.index.lanes) if shown else 0,
            self._lanes_in_sight(),
            focused=self.has_focus,
        )

    # ------------------------------------------------------------------ drawing

    def render_lines(self, crop: Region) -> list[Strip]:
        self._fit_size()
        return draw(self, crop, super().render_lines)

    def _style_table(self) -> dict[str, Style]:
        """Each component class as a Rich style, its colours blended over the lane's
        background (Rich colours have no alpha), and the same for odd lanes, whose
        names start with "odd:"; "" and "odd:" are the plain backgrounds."""
        styles = self._styles
        if styles is None:
            background = self.background_colors[1]
            odd = background + self.get_component_styles("lanes--odd").background
            styles = {"": self._blended("", background), "odd:": self._blended("", odd)}
            for name in self.COMPONENT_CLASSES:
                styles[name] = self._blended(name, background)
                styles["odd:" + name] = self._blended(name, odd)
            self._styles = styles
        return styles

    def _blended(self, name: str, under: Color) -> Style:
        if not name:
            return self.rich_style + Style(bgcolor=under.rich_color)
        rules = self.get_component_styles(name)
        background = under + rules.background if rules.has_rule("background") else under
        color = background + rules.color if rules.has_rule("color") else None
        return self.get_component_rich_style(name, partial=True) + Style(
            color=None if color is None else color.rich_color,
            bgcolor=background.rich_color if rules.has_rule("background") else None,
        )

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        styles = self._style_table()
        base = styles[""]
        if width <= 0:
            return Strip.blank(0, base)
        if self.laying_out:
            if y:
                return Strip.blank(width, base)
            text = self.laying_out[: width - 1]
            return Strip([Segment(" " + text + " " * (width - 1 - cell_len(text)), base)])
        model = self.model
        frame = model.frame()
        names = self._names_width()
        header = frame.header
        if y < len(header):
            line = header[y]
            label = ""
            if y == 0:
                label = HEADINGS[model.mode]
            elif y == 1:
                label = frame.axis.step.scale
            return self._cached(
                (id(line.pieces), width, False),
                line,
                lambda: self._draw(line, names, label, "", "lanes--scale"),
            )
        index = self._line_at(y)
        if index is None or index >= len(frame.lines):
            return Strip.blank(width, base)
        line = frame.lines[index]
        prefix = "odd:" if line.lane % 2 == 1 else ""
        selected_lane = model.shown and model.index.lane_of[model.selection] == line.lane
        name_class = "lanes--name-selected" if selected_lane else "lanes--name"
        return self._cached(
            (id(line.pieces), width, bool(selected_lane)),
            line,
            lambda: self._draw(line, names, line.name, prefix, name_class),
        )

    def _cached(self, key: tuple[int, int, bool], line: Line, make: Callable[[], Strip]) -> Strip:
        found = self._strips.get(key)
        # The pieces are kept with the strip: their id cannot be reused while cached.
        if found is not None and found[0] is line.pieces:
            return found[1]
        strip = make()
        if len(self._strips) > 4096:
            self._strips.clear()
        self._strips[key] = (line.pieces, strip)
        return strip

    def _draw(self, line: Line, names: int, name: str, prefix: str, name_class: str) -> Strip:
        """A line's strip: the name column, then each piece in its role's style;
        `prefix` is "odd:" for the lines of odd lanes (another background)."""
        styles = self._style_table()
        base = styles[prefix]
        cursor = self.cursor if self.model.shown else -1
        text = elide(name, names - 1)
        segments = [
            Segment(text + " " * (names - cell_len(text)), base + styles[prefix + name_class])
        ]
        selected = styles[prefix + "lanes--selected"]
        match = styles[prefix + "lanes--match"]
        for piece in line.pieces:
            if piece.role == BLANK:
                segments.append(Segment(piece.text, base))
                continue
            style = base + styles[prefix + _ROLE_CLASS.get(piece.role, "lanes--label")]
            if piece.position >= 0:
                if piece.position in self.matches:
                    style += match
                if piece.position == cursor and piece.role != "count":
                    style += selected
            # Plain segments: file text is never read as markup.
            segments.append(Segment(piece.text, style))
        return Strip(segments).crop_extend(0, self.size.width, base)


def out_of_sight(lanes: int, in_sight: range, *, focused: bool) -> str:
    """How many of `lanes` are out of sight above and below `in_sight`, and the keys
    that reach them (Tab first, while the keys are elsewhere); "" when all are in
    sight."""
    above, below = in_sight.start, lanes - in_sight.stop
    if not lanes or (above <= 0 and below <= 0):
        return ""
    if not focused:
        where = ", ".join(
            f"{count} {side}" for count, side in ((above, "above"), (below, "below")) if count
        )
        keys = "↑ ↓" if above and below else "↑" if above else "↓"
        return f"{lanes} lanes, {where}: Tab to here, then {keys}"
    parts = [f"{above} above: ↑ PgUp"] if above else []
    if below:
        parts.append(f"{below} below: ↓ PgDn")
    return f"{lanes} lanes, " + ", ".join(parts)

"""The lanes view's model: what the whole view shows, line by line, without Textual.

`LanesModel` holds the shown events sorted into lanes (`timeline.show.lanes`), the
view (the span of time in sight), the size and the selection. `frame()` lays out a
screenful: the time axis (`timeline.show.axis`), the era bands, and each lane's rows
(`timeline.show.placement`). A frame is cached per lane: a key press that moves the
selection lays out again only the lanes of the old and new selection, and none of it
grows with the number of events. The widget (`timeline.ui.widgets.lanes`) styles the
pieces by their role; `frame_text` writes a frame as plain text, for tests and logs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from rich.cells import cell_len

from timeline.model import Era, Event
from timeline.show.axis import Axis, View, moment, period, ticks
from timeline.show.lanes import (
    MODES,
    Lane,
    LaneIndex,
    keep_in_sight,
    next_mode,
    zoom,
)
from timeline.show.marks import BLANK, Piece, elide, fill
from timeline.show.placement import LaneRows, place_lane
from timeline.text import one_line, steady_width

#: The most rows a lane takes, however tall the view.
MAX_LANE_ROWS = 6

#: Zooming in with + goes this many times closer; - as many times farther.
ZOOM_STEP = 2.0

#: Cells kept between the selection and the edges, or the view moves to centre it.
SIGHT_MARGIN = 3

#: Roles of the header's pieces.
AXIS_LABEL, TICK, RULE, ERA, ERA_ALT = "axis", "tick", "rule", "era", "era-alt"

#: The glyph of a point when nobody says otherwise.
DEFAULT_GLYPH = "●"


class Line(NamedTuple):
    """One line of the view.

    Attributes:
        kind: "axis" (labels), "ticks", "era" or "lane".
        lane: The lane's index for a lane line, else -1.
        name: The lane's name on its first line, else "".
        pieces: Left to right, covering the width.
    """

    kind: str
    lane: int
    name: str
    pieces: tuple[Piece, ...]


class Frame(NamedTuple):
    """A screenful of the lanes view.

    Attributes:
        view: The span of time in sight.
        width: Cells across (the time axis only; the widget adds the names' column).
        axis: The ticks and their labels.
        header: The axis lines and the era bands, drawn above the lanes.
        lines: Every lane's lines, top to bottom.
        first_line: For each lane, the index in `lines` of its first line.
        dense: For each lane, whether it is drawn as a density bar.
    """

    view: View
    width: int
    axis: Axis
    header: tuple[Line, ...]
    lines: tuple[Line, ...]
    first_line: tuple[int, ...]
    dense: tuple[bool, ...]


def _default_glyph(kind: str) -> str:
    return DEFAULT_GLYPH


class LanesModel:
    """The lanes view without Textual: data, view, size, selection; frames on demand.

    Attributes:
        events: All events.
        shown: Indices into `events` of the shown ones, chronological.
        eras: The timeline's eras.
        mode: What makes a lane, one of `lanes.MODES`.
        index: The shown events in lanes.
        view: The span in sight (None until there is a width and events).
        width: Cells across for time.
        height: Lines available below the header for the lanes.
        selection: Position in `shown` of the selected event.
        steady: Whether titles and names show emoji sequences as their parts
            (`text.steady_width`), as a terminal's columns need; a picture keeps them.
        max_rows: The most rows a lane takes (`MAX_LANE_ROWS` on screen).
        whole: Every label whole or the lane a density bar (a picture: see
            `timeline.show.placement`), rather than labels cut for marks and counts.
    """

    def __init__(
        self,
        width: int = 0,
        height: int = 0,
        *,
        glyph: Callable[[str], str] = _default_glyph,
        steady: bool = True,
        max_rows: int = MAX_LANE_ROWS,
        whole: bool = False,
    ) -> None:
        self.events: Sequence[Event] = ()
        self.shown: Sequence[int] = ()
        self.eras: Sequence[Era] = ()
        self.mode = "group"
        self.index = LaneIndex((), ())
        self.view: View | None = None
        self.width = width
        self.height = height
        self.selection = 0
        self.glyph_for = glyph
        self.steady = steady
        self.max_rows = max(1, max_rows)
        self.whole = whole
        self._era_rows: tuple[tuple[tuple[int, float, float], ...], ...] = ()
        self._lane_cache: dict[tuple[int, View, int, int, int], LaneRows] = {}
        self._frame: tuple[tuple[object, ...], Frame] | None = None
        self._titles: dict[int, str] = {}

    # ------------------------------------------------------------------ changes

    def set_events(
        self,
        events: Sequence[Event],
        shown: Sequence[int],
        eras: Sequence[Era] = (),
        selection: int | None = 0,
        index: LaneIndex | None = None,
    ) -> None:
        """Show `events[i] for i in shown` (chronological): O(len(shown)), once.

        `selection` None selects nothing (a picture has no selection); the first key
        that moves selects the first event. The view stays where it was if the
        selected event is still in it (a reload or a filter that keeps it); otherwise it
        fits the whole timeline. `index` is their lanes in this mode, when already
        built (the viewer builds them in a thread for many events).
        """
        self.events = events
        self.shown = shown
        self.eras = eras
        self.selection = -1 if selection is None else max(0, min(selection, len(shown) - 1))
        self._rebuild(index)
        self._era_rows = _pack_eras(eras)
        view = self.view
        if view is None or self.selection < 0 or not view.start <= self._focus() <= view.end:
            self.fit()

    def set_mode(self, mode: str, index: LaneIndex | None = None) -> None:
        """Make lanes by group, speaker, kind, or one lane ("single"); `index` is
        those lanes, when already built."""
        if mode not in MODES:
            raise ValueError(f"unknown lane mode {mode!r}; expected one of {', '.join(MODES)}")
        if mode != self.mode:
            self.mode = mode
            self._rebuild(index)

    def cycle_mode(self) -> str:
        """The next mode in `MODES`; returns it."""
        self.set_mode(next_mode(self.mode))
        return self.mode

    def _rebuild(self, index: LaneIndex | None = None) -> None:
        if index is None:
            index = LaneIndex(self.events, self.shown, self.mode)
        self.index = index
        self._lane_cache.clear()
        self._titles.clear()
        self._frame = None

    def set_size(self, width: int, height: int) -> bool:
        """A new size (time cells across, lines for the lanes); True if it changed.

        The view keeps its span: a wider view shows the same time in more cells.
        """
        if (width, height) == (self.width, self.height):
            return False
        fresh = self.width <= 0
        self.width, self.height = width, height
        if fresh or self.view is None:
            self.fit()
        return True

    def select(self, position: int) -> None:
        """Select the event at a position in `shown`; the view pans to keep it in sight."""
        if not self.shown:
            return
        self.selection = max(0, min(position, len(self.shown) - 1))
        view = self.view
        if view is not None and self.width > 0:
            # Room for a "before" or "after" mark beside the moment itself.
            margin = SIGHT_MARGIN * view.span / self.width
            self.view = keep_in_sight(view, self._focus(), margin)

    def step(self, direction: int) -> int:
        """Select the next (+1) or previous (-1) event in time; returns the selection."""
        if self.selection < 0:
            self.select(0)
        else:
            self.select(self.index.step(self.selection, direction))
        return self.selection

    def lane_step(self, direction: int) -> int:
        """Select the event nearest in time in the lane below (+1) or above (-1)."""
        if self.selection < 0:
            self.select(0)
        elif self.shown:
            self.select(self.index.lane_step(self.selection, direction))
        return self.selection

    def zoom(self, factor: float, around: float | None = None) -> None:
        """Zoom in (`factor` > 1) or out around a moment (the selection by default)."""
        if self.view is None or not self.shown:
            return
        centre = self._focus() if around is None else around
        self.view = zoom(self.view, factor, centre, max_span=self.index.max_span(self.width))

    def fit(self, right: int | None = None) -> None:
        """Show the whole timeline, with `right` cells free on the right for labels
        (see `LaneIndex.fit`)."""
        if self.width > 0:
            self.view = self.index.fit(self.width, right)

    def _focus(self) -> float:
        if self.shown and self.selection >= 0:
            return self.index.focus_time(self.selection)
        view = self.view
        return 0.0 if view is None else (view.start + view.end) / 2

    # ------------------------------------------------------------------ layout

    def lane_rows_cap(self) -> int:
        """How many rows each lane may take at least: the height shared out evenly,
        within limits (what is left over: `lane_caps`)."""
        lanes = max(1, len(self.index.lanes))
        return max(1, min(self.max_rows, self.height // lanes))

    def lane_caps(self, view: View, width: int) -> list[int]:
        """How many rows each lane may take: `lane_rows_cap`, and the rows that even
        share leaves over given a row at a time to the lanes that would use one (whose
        layout with a row more puts something on it), top to bottom, round again while
        rows are left: 8 rows for 5 lanes are not 5 rows used and 3 blank below while a
        lane counts what it has no row for.

        A lane's need is judged without the selection: the lanes keep their heights
        as the selection moves, and a key press lays out only the lanes of the old and
        new selection (the selected label, never cut, is kept clear of counts).
        """
        lanes = len(self.index.lanes)
        share = self.lane_rows_cap()
        caps = [share] * lanes
        spare = self.height - share * lanes
        while spare > 0:
            wanting = []
            for number in range(lanes):
                cap = caps[number]
                if cap >= self.max_rows:
                    continue
                rows = self._lane_rows(number, view, width, cap + 1, -1).rows
                if len(rows) > cap and any(piece.role != BLANK for piece in rows[cap]):
                    wanting.append(number)
                    if len(wanting) == spare:
                        break
            if not wanting:
                break
            for number in wanting:
                caps[number] += 1
            spare -= len(wanting)
        return caps

    def _lane_rows(
        self, number: int, view: View, width: int, cap: int, selected_lane: int
    ) -> LaneRows:
        """A lane laid out with `cap` rows at most (cached)."""
        selected = self.selection if number == selected_lane else -1
        lane_key = (number, view, width, cap, selected)
        rows = self._lane_cache.get(lane_key)
        if rows is None:
            rows = place_lane(
                self.index.lanes[number],
                view,
                width,
                cap,
                selected=selected,
                title=self.title,
                glyph=self._glyph,
                whole=self.whole,
            )
            self._lane_cache[lane_key] = rows
        return rows

    def title(self, position: int) -> str:
        """An event's label: its title on one line, control characters made visible,
        emoji sequences in their parts when `steady`."""
        found = self._titles.get(position)
        if found is None:
            found = self._steady(one_line(self.index.event_at(position).title))
            self._titles[position] = found
        return found

    def name(self, lane: Lane) -> str:
        """A lane's name as shown: emoji sequences in their parts when `steady`."""
        return self._steady(lane.name)

    def _steady(self, text: str) -> str:
        # A cell more or less than counted, in a row of a lane or in the names column,
        # shifts the rest of the terminal's line: the pane divider beside the view too.
        return steady_width(text) if self.steady else text

    def _glyph(self, position: int) -> str:
        return self.glyph_for(self.index.event_at(position).kind)

    def frame(self) -> Frame:
        """The screenful for the current view, size and selection (cached)."""
        view = self.view or View(0.0, 1.0)
        width = max(0, self.width)
        # The rows each lane takes follow from these (and the height).
        key = (view, width, self.height, self.selection, self.index)
        if self._frame is not None and self._frame[0] == key:
            return self._frame[1]
        if len(self._lane_cache) > 512:
            self._lane_cache.clear()
        axis = ticks(view, width)
        lines: list[Line] = []
        first_line: list[int] = []
        dense: list[bool] = []
        selected_lane = (
            self.index.lane_of[self.selection] if self.shown and self.selection >= 0 else -1
        )
        caps = self.lane_caps(view, width)
        for number, lane in enumerate(self.index.lanes):
            rows = self._lane_rows(number, view, width, caps[number], selected_lane)
            first_line.append(len(lines))
            dense.append(rows.dense)
            name = self.name(lane)
            for row, pieces in enumerate(rows.rows):
                lines.append(Line("lane", number, name if row == 0 else "", pieces))
        header = (*_axis_lines(axis, width), *self._era_lines(view, width))
        frame = Frame(view, width, axis, header, tuple(lines), tuple(first_line), tuple(dense))
        self._frame = (key, frame)
        return frame

    def _era_lines(self, view: View, width: int) -> list[Line]:
        lines = []
        for row in self._era_rows:
            pieces: list[Piece] = []
            taken = 0  # eras that meet share the cell where one ends: the later one starts after
            for number, start, end in row:
                first = max(taken, view.cell(start, width))
                last = min(width - 1, view.last_cell(end, width))
                if last < first or last < 0 or first >= width:
                    continue
                cells = last - first + 1
                title = self._steady(one_line(self.eras[number].title))
                text = elide(title, cells - 1)
                text = "▏" + text + " " * (cells - 1 - cell_len(text)) if cells >= 2 else "▏"
                role = ERA if number % 2 == 0 else ERA_ALT
                pieces.append(Piece(first, text, role, -1))
                taken = last + 1
            lines.append(Line("era", -1, "", _filled(pieces, width)))
        return lines

    # ------------------------------------------------------------------ queries

    def position_at(self, line: int, column: int) -> int | None:
        """The event to select for a click on a lane line (an index into the frame's
        `lines`) at a column: the event drawn there, else the event of that lane
        starting nearest the moment under the click."""
        frame = self.frame()
        if not 0 <= line < len(frame.lines) or not self.shown:
            return None
        found = frame.lines[line]
        for piece in found.pieces:
            if piece.column <= column < piece.end and piece.position >= 0:
                return piece.position
        time = frame.view.time_at(column + 0.5, frame.width)
        return self.index.nearest_at(found.lane, time)


def _axis_lines(axis: Axis, width: int) -> tuple[Line, Line]:
    labels = _filled([Piece(column, text, AXIS_LABEL, -1) for column, text in axis.labels], width)
    rule = ["─"] * width
    for tick in axis.ticks:
        rule[tick.column] = "┬"
    pieces: list[Piece] = []
    run_start = 0
    for column in range(1, width + 1):
        if column == width or (rule[column] == "┬") != (rule[run_start] == "┬"):
            text = "".join(rule[run_start:column])
            pieces.append(Piece(run_start, text, TICK if text[0] == "┬" else RULE, -1))
            run_start = column
    return Line("axis", -1, "", labels), Line("ticks", -1, "", tuple(pieces))


def _filled(pieces: Sequence[Piece], width: int) -> tuple[Piece, ...]:
    return tuple(fill(pieces, width))


def _pack_eras(eras: Sequence[Era]) -> tuple[tuple[tuple[int, float, float], ...], ...]:
    """Eras in rows, each in the first row where it overlaps no other in time: the
    number of rows is the most eras overlapping at once, the same at every zoom."""
    spans = sorted(
        ((moment(era.start), period(era.end)[1], number) for number, era in enumerate(eras)),
    )
    rows: list[list[tuple[int, float, float]]] = []
    ends: list[float] = []
    for start, end, number in spans:
        for row, last in enumerate(ends):
            if last <= start:
                rows[row].append((number, start, end))
                ends[row] = end
                break
        else:
            rows.append([(number, start, end)])
            ends.append(end)
    return tuple(tuple(row) for row in rows)


def frame_text(frame: Frame, names: int = 12) -> list[str]:
    """The frame as plain text, a line per line, with a names column `names` wide."""
    out = []
    for line in (*frame.header, *frame.lines):
        name = elide(line.name, names - 1)
        name += " " * (names - cell_len(name))
        out.append(name + "".join(piece.text for piece in line.pieces))
    return out

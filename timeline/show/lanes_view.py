"""The lanes view's model: what the whole view shows, line by line, without Textual.

`LanesModel` holds the shown events sorted into lanes (`timeline.show.lanes`), the
view (the span of time in sight), the size and the selection. `frame()` lays out a
screenful: the time axis (`timeline.show.axis`), the era bands, and each lane's rows
(`timeline.show.placement`), each with the rows it needs to draw what it can, or,
when the height is short of that, an even share of it (`share_rows`): no row is left
blank while a lane counts what it has no row for. A frame is cached per lane: a key
press that moves the selection lays out again only the lanes of the old and new
selection, and none of it grows with the number of events. The widget
(`timeline.ui.widgets.lanes`) styles the pieces by their role; `frame_text` writes a
frame as plain text, for tests and logs.
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
    nudge_into_sight,
    zoom,
)
from timeline.show.marks import BLANK, COUNT, MARK_ROLES, Piece, elide, fill
from timeline.show.placement import LaneRows, place_lane, rows_at_most
from timeline.text import one_line, steady_width

#: Zooming in with + goes this many times closer; - as many times farther.
ZOOM_STEP = 2.0

#: Cells kept between the selection's mark and the edges: the blank beside it and a
#: count's cell beyond that, and one to spare. Selecting an event nearer an edge centres
#: it; a zoom or a resize that leaves it nearer moves the view the least that keeps them.
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
        max_rows: The most rows a lane takes (a picture's limit); on screen, None: a
            lane takes every row the others leave it, if it has that much to draw.
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
        max_rows: int | None = None,
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
        self.max_rows = None if max_rows is None else max(1, max_rows)
        self.whole = whole
        self._era_rows: tuple[tuple[tuple[int, float, float], ...], ...] = ()
        self._lane_cache: dict[tuple[int, View, int, int, int], LaneRows] = {}
        # The rows each lane takes in a view with none of them selected, what the
        # frames of that view start from: (view, width, height) -> rows per lane.
        self._shares: dict[tuple[View, int, int], list[int]] = {}
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
        else:
            self._keep_margins()

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
        self._shares.clear()
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
        else:
            self._keep_margins()
        return True

    def select(self, position: int) -> None:
        """Select the event at a position in `shown`; the view pans to keep it in sight."""
        if not self.shown:
            return
        self.selection = max(0, min(position, len(self.shown) - 1))
        view = self.view
        if view is not None and self.width > 0:
            self.view = keep_in_sight(view, self._focus(), *self._margins(view))
            self._keep_margins()

    def _margins(self, view: View) -> tuple[float, float]:
        """The time to keep between the selected event's moment and the view's left
        and right edges when selecting it: `SIGHT_MARGIN` cells, and a "before" or
        "after" mark's two cells on its side."""
        per_cell = view.span / self.width
        _, _, left, right = self.index.extent(self.selection)
        return (SIGHT_MARGIN + left) * per_cell, (SIGHT_MARGIN + right) * per_cell

    def _keep_margins(self) -> None:
        """After the view changed: the selected event's mark, if in sight, kept
        `SIGHT_MARGIN` cells from either edge, the view moved the least that does it
        (not centred: what is in sight stays where the reader left it, but for those
        cells). A count in the cell beside the mark at the edge ("2◁┄ Title" after a
        zoom at 60x20, "1├────┤" for a day drawn as a span) read as two events "before",
        or the mark as a count's. A mark too wide for both margins is left as it is:
        its ends then lie near or beyond the edges."""
        view = self.view
        if view is None or not self.shown or self.selection < 0 or self.width <= 0:
            return
        per_cell = view.span / self.width
        start, end, left, right = self.index.extent(self.selection)
        focus = self._focus()
        before = focus - start + (SIGHT_MARGIN + left) * per_cell
        after = end - focus + (SIGHT_MARGIN + right) * per_cell
        if before + after <= view.span:
            self.view = nudge_into_sight(view, focus, before, after)

    def step(self, direction: int) -> int:
        """Select the next (+1) or previous (-1) event in time; returns the selection."""
        if self.selection < 0:
            self.select(0)
        else:
            self.select(self.index.step(self.selection, direction))
        return self.selection

    def lane_step(self, direction: int) -> int:
        """Select the event nearest in time in the lane `direction` lanes below (+) or
        above (-)."""
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
        self._keep_margins()

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

    def most_rows(self) -> int:
        """The most rows one lane may take: the height, less a row for each other lane
        (and at most `max_rows`)."""
        most = self.height - (len(self.index.lanes) - 1)
        if self.max_rows is not None:
            most = min(most, self.max_rows)
        return max(1, most)

    def laid_out(self, view: View, width: int, selected_lane: int) -> list[LaneRows]:
        """Every lane's rows, each lane with the rows it needs, or its share of the
        height when they do not all fit (see `share_rows`): no row is left blank while
        a lane counts an event a row more would draw.

        The selected event is placed first in its lane, so its lane's need is judged
        with it, from the rows the lanes take in the same view with nothing selected
        (worked out once a view): a key press that moves the selection lays out again
        the lane of the new selection, most often once, and takes the others' layouts
        from the cache.
        """
        key = (view, width, self.height)
        shares = self._shares.get(key)
        if shares is None:
            shares, laid = self._share(view, width, -1, None)
            self._shares[key] = shares
            if selected_lane < 0:
                return laid
        return self._share(view, width, selected_lane, shares)[1]

    def _share(
        self, view: View, width: int, selected_lane: int, start: Sequence[int] | None
    ) -> tuple[list[int], list[LaneRows]]:
        """The rows each lane takes and its layout with them (see `laid_out`).

        Each lane is laid out with the rows it had at `start`, or by default with
        its share of the height as if it used every row it may (`rows_at_most`: with
        few events in sight, that many rows; a density bar, two). One that leaves a
        row blank needs the rows it puts something on; one that uses them all may
        need more, and is laid out again with the rows the others leave, until it
        leaves one blank or none is left (`_need` judges each layout). Counts keep a
        row of their own where the height allows, and density bars a blank row under
        each, for the selection, where the height allows one under every bar.
        """
        lanes = range(len(self.index.lanes))
        most = self.most_rows()
        if start is None:
            start = share_rows(
                [min(most, rows_at_most(lane, view, width)) for lane in self.index.lanes],
                self.height,
            )
        tried = list(start)
        laid = [self._lane_rows(n, view, width, tried[n], selected_lane) for n in lanes]
        needs = [0 for _ in lanes]
        roomy = [0 for _ in lanes]
        states = [_SETTLED for _ in lanes]
        judged: Sequence[int] = lanes
        while True:
            for number in judged:
                needs[number], roomy[number], states[number] = self._need(
                    number, laid[number], tried[number], most, view, width, selected_lane
                )
            caps = share_rows(needs, self.height)
            grown = [n for n in lanes if states[n] == _HUNGRY and caps[n] > tried[n]]
            if not grown:
                # Rows no lane needs: a lane whose counts had a row of their own tries
                # one more, where they may not be in the way of what they count.
                spare = self.height - sum(caps)
                for number in lanes:
                    more = tried[number] + 1 - caps[number]
                    if states[number] == _MAYBE and more <= spare:
                        spare -= more
                        caps[number] = tried[number] + 1
                        grown.append(number)
            if not grown:
                break
            for number in grown:
                tried[number] = caps[number]
                laid[number] = self._lane_rows(number, view, width, caps[number], selected_lane)
            judged = grown
        spare = self.height - sum(caps)
        bars = [n for n in lanes if roomy[n] > caps[n] and laid[n].dense]
        for number in lanes:  # counts' rows of their own, while rows are left
            if spare > 0 and roomy[number] > caps[number] and number not in bars:
                caps[number] += 1
                spare -= 1
        if len(bars) <= spare:
            # A blank row under every density bar, or under none. The row is where
            # the selection goes when it comes into the lane (`_dense`): with one under
            # each bar, j and k move the selection between dense lanes and no lane
            # moves. Under some bars only, it kept nothing steady (the lanes below
            # moved as the selection did) and was a blank row in the middle of the
            # lanes: at 80x24, one under the second of six bars.
            for number in bars:
                caps[number] += 1
        for number, cap in zip(lanes, caps, strict=True):
            rows = laid[number]
            if cap == tried[number]:
                continue
            if _counts(rows) or len(rows.rows) >= tried[number] or cap < len(rows.rows):
                laid[number] = self._lane_rows(number, view, width, cap, selected_lane)
            else:
                # With a row left blank and nothing counted, every event went to the
                # first row with room: as many rows as it uses lay it out the same.
                self._lane_cache[self._lane_key(number, view, width, cap, selected_lane)] = rows
        return caps, laid

    def _need(
        self,
        number: int,
        rows: LaneRows,
        tried: int,
        most: int,
        view: View,
        width: int,
        selected_lane: int,
    ) -> tuple[int, int, int]:
        """What a lane laid out with `tried` rows needs: the rows that draw all it
        draws, the rows it would take where the height allows, and whether it may use
        more (`_HUNGRY`: it uses every row; `_MAYBE`: only if rows are left once the
        others have theirs, its last row holding nothing but counts).

        A lane leaving a row blank needs the rows it puts something on (a lane whose
        last events have no room for a label before the right edge counts them with
        rows to spare). Counts on a row of their own need it only if, on the last row
        of the others, they would take something from it: they keep it where the
        height allows (labels need not be cut for them), and give it first.
        """
        used = max(1, _rows_used(rows))
        # Every row used (a density bar uses two at most: the bar and the selection).
        full = used == len(rows.rows) == tried < most and (not rows.dense or used < 2)
        if _counts(rows) and used > 1 and not _holds(rows.rows[-1], COUNT):
            fewer = self._lane_rows(number, view, width, used - 1, selected_lane)
            if _drawn(fewer) == _drawn(rows):
                return used - 1, used, _MAYBE if full else _SETTLED
        if full:
            return most, tried, _HUNGRY
        return used, used if _counts(rows) else len(rows.rows), _SETTLED

    def _lane_rows(
        self, number: int, view: View, width: int, cap: int, selected_lane: int
    ) -> LaneRows:
        """A lane laid out with `cap` rows at most (cached)."""
        lane_key = self._lane_key(number, view, width, cap, selected_lane)
        selected = lane_key[-1]
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

    def _lane_key(
        self, number: int, view: View, width: int, cap: int, selected_lane: int
    ) -> tuple[int, View, int, int, int]:
        """What a lane's layout is cached under; the selection is its last part."""
        return (number, view, width, cap, self.selection if number == selected_lane else -1)

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
        if len(self._shares) > 64:
            self._shares.clear()
        axis = ticks(view, width)
        lines: list[Line] = []
        first_line: list[int] = []
        dense: list[bool] = []
        selected_lane = (
            self.index.lane_of[self.selection] if self.shown and self.selection >= 0 else -1
        )
        laid = self.laid_out(view, width, selected_lane)
        for number, (lane, rows) in enumerate(zip(self.index.lanes, laid, strict=True)):
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


def share_rows(needs: Sequence[int], height: int) -> list[int]:
    """Rows for lanes that need `needs` rows (each at least 1) out of `height`: each
    its need when they all fit; else an even share, with the rows a lane needing less
    leaves going to the others: a level such that each lane gets its need or the level,
    whichever is less, and the rows left after that a row each to the lanes needing
    more, top to bottom. A row each at least: more lanes than rows scroll."""
    if sum(needs) <= height:
        return list(needs)
    if len(needs) >= height:
        return [1] * len(needs)
    low, high = 1, max(needs)  # sum(min(need, low)) <= height < sum(min(need, high))
    while high - low > 1:
        middle = (low + high) // 2
        if sum(min(need, middle) for need in needs) <= height:
            low = middle
        else:
            high = middle
    caps = [min(need, low) for need in needs]
    spare = height - sum(caps)
    for number, need in enumerate(needs):
        if spare and need > low:
            caps[number] += 1
            spare -= 1
    return caps


#: What `LanesModel._need` finds of a lane: it needs no more rows, it may use more,
#: or it may use more only if rows are left once the other lanes have theirs.
_SETTLED, _HUNGRY, _MAYBE = 0, 1, 2


def _rows_used(rows: LaneRows) -> int:
    """How many of a lane's rows hold something: each row down to the last mark's
    (every mark went to the first row with room), but a density bar may keep a blank
    row under it, and a lane counting events at the right edge one above its counts."""
    if rows.dense or _counts(rows):
        return sum(1 for row in rows.rows if _holds(row))
    return len(rows.rows)


def _drawn(rows: LaneRows) -> int:
    """How many events a lane draws on its own (each mark's pieces have its position)."""
    return len({piece.position for row in rows.rows for piece in row if piece.role in MARK_ROLES})


def _holds(row: Sequence[Piece], besides: str = BLANK) -> bool:
    """Whether a row holds anything but blanks (and pieces of the role `besides`)."""
    return any(piece.role not in (BLANK, besides) for piece in row)


def _counts(rows: LaneRows) -> bool:
    """Whether a lane counts events it has no row for (counts are on its last row)."""
    return any(piece.role == COUNT for piece in rows.rows[-1])


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

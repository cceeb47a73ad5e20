"""Placing one lane in a view: which row each mark goes to, its label, and what is
counted or drawn as a density bar (the marks themselves: timeline/show/marks.py).

**Rows and labels** (the placement rule). A lane has up to `rows` rows. The selected
event is placed first, on the first row, its label in full (cut with "…" only at the
right edge, or put on the left of its mark when the right edge is too near). Then the
points and bounds, left to right, then the spans and bars, left to right: each goes
to the first row where its mark's cells are free (a blank cell after any label before
it); its label is written one blank cell after the mark, in full or cut with "…" to
the room left before the next thing on the row; with less than `MIN_LABEL` cells, no
label, or, for a span or bar wider than a label needs, the label inside it. When no
row is free, a mark takes room from labels: on the first row whose marks leave its
cells free, the labels in the way are cut (keeping a blank cell) or dropped when less
than `MIN_LABEL` cells would be left. Marks are facts, labels are help: a mark is
never hidden behind a label. When every row's marks are in the way, the event is
counted instead: the cell of its first column on the last row shows how many events
there are not drawn on their own, `1`…`9`, then `+`. A mark already there joins the
count when the count would take an end of it (a point, a bound, the first or last
cell of a span or bar): what was left of it would carry its label after the count,
which stands for other events. A span or bar running across the cell keeps its ends
and its label, the count between them. The selected event's mark and label are never
cut or counted: in a lane of a single row, a count that would fall on them goes after
them, a blank cell between, or before them at the right edge (only when they fill the
row does it take a cell of them).

**Whole labels** (the picture's rule, `whole=True`). A published picture cannot be
asked what a mark is: each mark goes to the first row where its cells are free and
its label fits whole after it (or inside a wide mark), cut at most by the right edge;
no label is ever cut or dropped for another mark, and nothing is counted. When no row
is left for an event, the whole lane is drawn as a density bar: a mark without its
label, next to another event's mark and label, would read as that event's.

**Density.** When more events begin in sight than `dense_limit(width)` (one a cell), the
lane is drawn as a density bar instead (a cell per column, its height the number of events that begin
in it, against the busiest cell in sight), and the selected event, if in sight, on
the row below with its label. The work is then O(width x log n), not O(n).

Nothing here imports Textual.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import NamedTuple

from rich.cells import cell_len

from timeline.show.axis import View
from timeline.show.lanes import Lane
from timeline.show.marks import (
    BLANK,
    DENSITY,
    LABEL,
    MIN_LABEL,
    RANGE_BAR,
    SPAN,
    Mark,
    Piece,
    elide,
    fill,
    mark_for,
    piece_column,
)
from timeline.show.overview import density_glyph
from timeline.show.row_cells import add_counts, drawn_over, merge_density

#: The selected event's label goes left of its mark when the right has less room than
#: this (and than its title) and the left has more.
SELECTED_ROOM = 24

#: Above this many events in sight per cell of width, a lane is drawn as a density bar.
DENSE_PER_CELL = 1

#: A lane with more events in sight than this at any width is a density bar.
DENSE_FLOOR = 64


class LaneRows(NamedTuple):
    """A lane's rows in a view: pieces left to right, not overlapping, gaps blank.

    Attributes:
        rows: Each row's pieces.
        dense: Whether the lane is drawn as a density bar.
        in_sight: How many events of the lane are in sight (an upper bound when dense).
    """

    rows: tuple[tuple[Piece, ...], ...]
    dense: bool
    in_sight: int


def dense_limit(width: int) -> int:
    return max(DENSE_FLOOR, DENSE_PER_CELL * width)


class _Placed:
    """A mark placed on a row, with its label (mutable while the lane is placed).

    `where` says where the label is: "right" of the mark, "inside" a wide one, or
    "left" of it (only the selected event's, at the right edge).
    """

    __slots__ = ("label", "label_at", "mark", "row", "title", "where")

    def __init__(self, mark: Mark, row: int, title: str) -> None:
        self.mark = mark
        self.row = row
        self.title = title
        self.label = ""
        self.label_at = 0
        self.where = "right"

    @property
    def label_end(self) -> int:
        return self.label_at + cell_len(self.label)


# What a cell of a row holds while a lane is placed.
_FREE, _MARK, _LABEL = 0, 1, 2


class _Rows:
    """A lane's rows while it is placed: what each cell holds, and whose label it is.

    The checks are bytearray searches, in C: placing an event costs a few of them a
    row, whatever the width of its mark.
    """

    def __init__(self, count: int, width: int) -> None:
        self.width = width
        self.cells = [bytearray(width) for _ in range(count)]
        self.owners: list[list[_Placed | None]] = [[None] * width for _ in range(count)]
        self.placed: list[_Placed] = []

    def _free(self, row: int, mark: Mark) -> bool:
        """Whether the mark's cells on a row are free and no label touches them."""
        cells = self.cells[row]
        first, last = mark.first, mark.last
        return (
            cells.count(_FREE, first, last + 1) == last + 1 - first
            and (first == 0 or cells[first - 1] != _LABEL)
            and (last + 1 >= self.width or cells[last + 1] != _LABEL)
        )

    def free_for(self, mark: Mark) -> int | None:
        """The first row where the mark's cells are free and no label touches them;
        else the first row where only labels are in the way, which are cut."""
        first, last = mark.first, mark.last
        fallback = None
        for row, cells in enumerate(self.cells):
            if self._free(row, mark):
                return row
            if fallback is None and cells.find(_MARK, first, last + 1) == -1:
                fallback = row
        if fallback is not None:
            self.cut_labels(fallback, max(0, first - 1), min(self.width - 1, last + 1))
        return fallback

    def whole_for(self, mark: Mark, title: str) -> int | None:
        """The first row where the mark's cells are free, no label touches them and
        its label fits whole after it (cut at most by the right edge) or inside it;
        None when there is none (see "Whole labels" above)."""
        size = cell_len(title)
        start = mark.last + 2
        edge = self.width - start
        # Cells inside a wide mark for a label, less a blank either side (`_label_for`).
        inside = mark.last - mark.first - 4 if mark.wide else 0
        for row in range(len(self.cells)):
            if not self._free(row, mark):
                continue
            room = self.room_after(row, mark.last + 1) - start if edge > 0 else 0
            if room >= min(size, edge) or inside >= size:
                return row
        return None

    def cut_labels(self, row: int, low: int, high: int) -> None:
        """Cut or drop the labels in cells `low` to `high`, keeping a blank cell
        before cell `low + 1`; a label left shorter than `MIN_LABEL` is dropped."""
        cells, owners = self.cells[row], self.owners[row]
        for column in range(low, high + 1):
            owner = owners[column]
            if owner is None or cells[column] != _LABEL:
                continue
            start, end = owner.label_at, owner.label_end
            room = low - start
            if room >= MIN_LABEL:
                owner.label = elide(owner.title, room)
            else:
                owner.label = ""
            keep = owner.label_end if owner.label else start
            for near in range(keep, min(end, self.width)):
                cells[near], owners[near] = _FREE, None

    def take(self, low: int, high: int, row: int, what: int, owner: _Placed | None = None) -> None:
        low, high = max(0, low), min(self.width - 1, high)
        if high < low:
            return
        self.cells[row][low : high + 1] = bytes([what]) * (high + 1 - low)
        owners = self.owners[row]
        for column in range(low, high + 1):
            owners[column] = owner

    def room_after(self, row: int, column: int) -> int:
        """Where a label from `column` on must end (exclusive): a blank cell before
        the next thing on the row, or the width's end."""
        cells = self.cells[row]
        ahead = [
            found for found in (cells.find(_MARK, column), cells.find(_LABEL, column)) if found >= 0
        ]
        return min(ahead) - 1 if ahead else self.width

    def place(self, mark: Mark, row: int, title: str, *, selected: bool = False) -> _Placed:
        item = _Placed(mark, row, title)
        self.take(mark.first, mark.last, row, _MARK)
        _label_for(item, self, selected=selected)
        if item.label and item.where != "inside":
            if selected:
                # The selected label is never cut: its cells, and a blank either side,
                # count as a mark's.
                self.take(item.label_at - 1, item.label_end, row, _MARK)
            else:
                self.take(item.label_at, item.label_end - 1, row, _LABEL, item)
        self.placed.append(item)
        return item


def _label_for(placed: _Placed, rows: _Rows, *, selected: bool) -> None:
    """Give a placed mark its label: to its right up to the next thing on its row, or
    inside a wide mark when the title does not fit on the right and there is more room
    inside; nothing when neither has `MIN_LABEL` cells. The selected event's label is
    always given one: when the room on the right is short of the title and of
    `SELECTED_ROOM` cells, on the left of the mark if there is more room there."""
    mark = placed.mark
    title = placed.title
    if not title:
        return
    start = mark.last + 2
    room = rows.room_after(placed.row, mark.last + 1) - start if start < rows.width else 0
    size = cell_len(title)
    # Cells inside a wide mark between its ends, less a blank either side of the label.
    inside = mark.last - mark.first - 3 if mark.wide else 0
    if selected and room < min(size, SELECTED_ROOM) and not mark.wide and mark.first - 1 > room:
        text = elide(title, mark.first - 1)
        placed.label, placed.label_at, placed.where = text, mark.first - 1 - cell_len(text), "left"
        return
    if (room >= size or room >= inside) and (
        room >= MIN_LABEL or (selected and room > 0 and not mark.wide)
    ):
        placed.label, placed.label_at = elide(title, room), start
        return
    if inside >= MIN_LABEL:
        # Inside the span or bar, after its first cell, with a blank either side.
        placed.label = " " + elide(title, inside - 1) + " "
        placed.label_at, placed.where = mark.first + 1, "inside"


def place_lane(
    lane: Lane,
    view: View,
    width: int,
    rows: int,
    *,
    selected: int = -1,
    title: Callable[[int], str],
    glyph: Callable[[int], str],
    whole: bool = False,
) -> LaneRows:
    """Lay out one lane in a view: its rows of marks, labels and counts.

    Args:
        lane: The lane.
        view: The span in sight.
        width: Cells across.
        rows: The most rows the lane may take (at least 1).
        selected: The position of the selected event (ignored unless in this lane).
        title: The label of the event at a position (one line, safe to show).
        glyph: The point glyph of the event at a position (its kind's).
        whole: Every label whole, or the lane a density bar ("Whole labels" above).

    Returns:
        The rows actually used (at least one), left to right.
    """
    rows = max(1, rows)
    if width <= 0:
        return LaneRows(((),), False, 0)
    pad = 3 * view.span / width  # "before" and "after" marks reach past their period
    low, high = view.start - pad, view.end + pad
    # Dense when more events begin in sight than the limit, or when the events that
    # may reach into sight (ranges and months begun earlier included: an upper bound)
    # are so many that placing them would cost more than a frame should.
    times = lane.times
    starting = bisect_right(times, high) - bisect_left(times, low)
    reaching = lane.count_in_view(low, high)
    limit = dense_limit(width)
    if starting > limit or reaching > 3 * limit:
        return _dense(lane, view, width, rows, selected, title, glyph, reaching)
    in_sight = reaching
    slots: list[int] = []
    for class_slots, start, stop in lane.in_view(low, high):
        slots.extend(class_slots[start:stop])
    slots.sort()
    narrow: list[Mark] = []
    wide: list[Mark] = []
    chosen: Mark | None = None
    for slot in slots:
        position = lane.positions[slot]
        mark = mark_for(lane, slot, view, width, glyph(position))
        if mark is None:
            continue
        if position == selected:
            chosen = mark
        elif mark.role in (SPAN, RANGE_BAR):
            wide.append(mark)
        else:
            narrow.append(mark)
    placing = _Rows(rows, width)
    if chosen is not None:
        placing.place(chosen, 0, title(chosen.position), selected=True)
    counts: dict[int, list[int]] = {}  # column -> positions counted there
    # Points and bounds first, left to right (ties in time order: the sort is stable),
    # then spans and bars where they find room.
    for group in (narrow, wide):
        group.sort(key=_first_cell)
        for mark in group:
            if whole:
                row = placing.whole_for(mark, title(mark.position))
                if row is None:
                    return _dense(lane, view, width, rows, selected, title, glyph, reaching)
            else:
                row = placing.free_for(mark)
            if row is None:
                counts.setdefault(mark.first, []).append(mark.position)
            else:
                placing.place(mark, row, title(mark.position))
    placed = placing.placed
    used = rows if counts else max((item.row for item in placed), default=0) + 1
    lines = [_row_pieces([p for p in placed if p.row == r], width) for r in range(used)]
    if counts:
        lines = add_counts(lines, counts, width, selected)
    return LaneRows(tuple(tuple(line) for line in lines), False, in_sight)


def _first_cell(mark: Mark) -> int:
    return mark.first


def _row_pieces(items: Sequence[_Placed], width: int) -> list[Piece]:
    pieces: list[Piece] = []
    for item in items:
        mark = item.mark
        if item.label and item.where == "inside":
            inside_end = item.label_at + cell_len(item.label)
            pieces.append(Piece(mark.first, mark.text[:1], mark.role, mark.position))
            pieces.append(Piece(item.label_at, item.label, LABEL, mark.position))
            rest = mark.text[inside_end - mark.first :]
            if rest:
                pieces.append(Piece(inside_end, rest, mark.role, mark.position))
            continue
        pieces.append(Piece(mark.first, mark.text, mark.role, mark.position))
        if item.label:
            pieces.append(Piece(item.label_at, item.label, LABEL, mark.position))
    pieces.sort(key=piece_column)
    return fill(pieces, width)


def _dense(
    lane: Lane,
    view: View,
    width: int,
    rows: int,
    selected: int,
    title: Callable[[int], str],
    glyph: Callable[[int], str],
    in_sight: int,
) -> LaneRows:
    """A density bar of the events beginning in each cell; the selection below it."""
    counts = column_counts(lane, view, width)
    peak = max(counts, default=0)
    bar = [
        Piece(column, density_glyph(count, peak) if count else " ", DENSITY, -1)
        for column, count in enumerate(counts)
    ]
    lines: list[list[Piece]] = [merge_density(bar)]
    if rows >= 2:
        lines.append([Piece(0, " " * width, BLANK, -1)])
    slot = _slot_of(lane, selected) if selected >= 0 else None
    mark = None if slot is None else mark_for(lane, slot, view, width, glyph(selected))
    if mark is not None:
        target = len(lines) - 1
        item = _Rows(1, width).place(mark, 0, title(selected), selected=True)
        pieces = _row_pieces([item], width)
        if target == 0:
            # One row: the selection is drawn over the bar.
            pieces = drawn_over(lines[0], pieces, width)
        lines[target] = pieces
    return LaneRows(tuple(tuple(line) for line in lines), True, in_sight)


def _slot_of(lane: Lane, position: int) -> int | None:
    """The slot of a position in a lane (positions are increasing within a lane)."""
    slot = bisect_left(lane.positions, position)
    if slot < len(lane.positions) and lane.positions[slot] == position:
        return slot
    return None


def column_counts(lane: Lane, view: View, width: int) -> list[int]:
    """How many of the lane's events begin in each cell: O(width x log n)."""
    times = lane.times
    counts: list[int] = []
    low = bisect_left(times, view.start)
    for column in range(width):
        high = bisect_left(times, view.time_at(column + 1, width), lo=low)
        counts.append(high - low)
        low = high
    return counts

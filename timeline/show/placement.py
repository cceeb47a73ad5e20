"""Placing one lane in a view: which row each mark goes to, its label, and what is
counted or drawn as a density bar (the marks themselves: timeline/show/marks.py).

**Rows and labels** (the screen's rule). A lane has up to `rows` rows. The selected
event is placed first, on the first row, its label in full (cut with "…" at the
right edge, or put on the left of its mark when the right edge is too near, and then
no other mark goes right of it on that row; in a lane of one row, cut as told below).
Then the points and bounds, left to
right, then the spans and bars, left to right. Every other mark on screen is drawn
with its label, or not at all: a mark without its label, next to another event's mark
and label, reads as part of that event (`◁┄ ┄▷ Mayor's…`, a "before 2000" beside an
"after 2019" one, read as one event bounded on both sides). So each goes to the first
row with room for its mark, a blank cell either side, and its label after it (one
blank cell between, a blank after) of at least `need_of` its title cells: `MIN_LABEL`,
or the whole title when shorter; or inside a span or bar wide enough. Its label is
written in full or cut with "…" to the room left before the next thing on the row.
When no row has the room, a mark takes it from a label: on the first row where the
only thing in the way is an earlier event's label that can be cut to end a blank cell
before the mark and still keep its own `need_of` cells, it is cut; a label is never
dropped for a mark. When no row will do (or near the right edge, none has room for a
label), the event is counted instead: the cell of its mark's first column on the last
row shows how many events there are not drawn on their own, `1`…`9`, then `+`. The
count takes that cell from what was there, and the rule holds for what is left: a
label it falls on, or touches from its right, is cut to end a blank cell before it; an
event whose label would keep less than `need_of` its title cells, whose mark end it
falls on (a point, a bound, the first or last cell of a span or bar: what was left of
it would carry its label after the count), or whose mark and label it would part, is
counted too, in the cell of its own mark's first column. Those are counted first, and
when that leaves room for the event, it is drawn there with its label instead. A span
or bar running across the cell keeps its ends and its label, the count between them.
Counts never touch: one in the cell beside another is the same count (it stands for
events beginning in its cell or one beside it). A count's cell is then a mark's: what
is placed after keeps a blank cell from it. So on screen every mark but the selected
one's is followed by its own label or holds it, and a count stands alone for the
events it counts. The selected event's mark and label are never counted. In a lane
of a single row, its row is the counts' row too, and a count moved off its label
would stand among other events, or on the wrong side of its mark ("Walgreens sues…
┄▷ 6": six events of 2010 to 2016 counted after a lawsuit of late 2016). So there its
label ends a blank cell before the cell where the next mark on its side begins
(`_selected_sides`); when that leaves it fewer than `need_of` cells, it takes that
many, and the events under them are counted right after them, on their side of the
mark (`_Rows._clear_of`). Events under the selected mark are counted over a span or
bar, between its ends, else beside the mark, away from its label. A blank cell
keeps every count from the selected mark and its label ("2◁┄ Title" read as two
events "before", "Title… ●1" as the mark's label): where the edge leaves a count no
such cell on its side, it takes the far end of the label there, the label cut to end
a blank before it, and only failing that the cell against the mark at the edge.

**Whole labels** (the picture's rule, `whole=True`). A published picture cannot be
asked what a mark is: each mark goes to the first row where its cells are free and
its label fits whole after it (or inside a wide mark), cut at most by the right edge;
no label is ever cut or dropped for another mark, and nothing is counted. When no row
is left for an event, the whole lane is drawn as a density bar: a mark without its
label, next to another event's mark and label, would read as that event's.

**Density.** When more events begin in sight than `dense_limit(width)` (one a cell), the
lane is drawn as a density bar instead (a cell per column, its height the number of events that begin
in it, against the busiest cell in sight), and the selected event, if in sight, on
the row below with its label (in a lane of one row, over the bar, a blank cell either
side). The work is then O(width x log n), not O(n).

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
    COUNT,
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
from timeline.show.row_cells import count_text, drawn_over, merge_density

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

    __slots__ = ("label", "label_at", "mark", "need", "row", "title", "where")

    def __init__(self, mark: Mark, row: int, title: str) -> None:
        self.mark = mark
        self.row = row
        self.title = title
        self.need = need_of(title)
        self.label = ""
        self.label_at = 0
        self.where = "right"

    @property
    def label_end(self) -> int:
        return self.label_at + cell_len(self.label)


# What a cell of a row holds while a lane is placed: a blank kept beside the selected
# label (`_GAP`) is blank, but no mark nor label may take it.
_FREE, _MARK, _LABEL, _GAP = 0, 1, 2, 3


def need_of(title: str) -> int:
    """The fewest cells a label may be cut to: `MIN_LABEL`, or its title when shorter."""
    return min(MIN_LABEL, cell_len(title))


class _Rows:
    """A lane's rows while it is placed: what each cell holds, and whose label it is.

    The checks are bytearray searches, in C: placing an event costs a few of them a
    row, whatever the width of its mark.
    """

    def __init__(self, count: int, width: int, selected: int = -1) -> None:
        self.width = width
        self.cells = [bytearray(width) for _ in range(count)]
        # Whose each cell is: a mark's, a label's, a blank kept beside the selected label.
        self.owners: list[list[_Placed | None]] = [[None] * width for _ in range(count)]
        self.placed: list[_Placed] = []
        self.selected = selected
        # The counts, on the last row: column -> the positions counted there.
        self.counts: dict[int, list[int]] = {}

    def _free(self, row: int, mark: Mark) -> bool:
        """Whether the mark's cells on a row are free and no label touches them."""
        cells = self.cells[row]
        first, last = mark.first, mark.last
        return (
            cells.count(_FREE, first, last + 1) == last + 1 - first
            and (first == 0 or cells[first - 1] != _LABEL)
            and (last + 1 >= self.width or cells[last + 1] != _LABEL)
        )

    def labelled_for(self, mark: Mark, title: str) -> int | None:
        """The first row with room for the mark, a blank cell either side and a label
        of `need_of(title)` cells at least (after it, a blank after that, or inside a
        wide mark); else the first row where the one label in the way, an earlier
        event's, can be cut to make that room and still keep its own `need_of` cells
        (it is cut); None when there is none: the event is counted ("Rows and labels"
        above)."""
        first, last, width = mark.first, mark.last, self.width
        need = need_of(title)
        # Cells inside a wide mark for a label, less a blank either side (`_label_for`).
        if mark.wide and mark.last - mark.first - 4 >= need:
            high = last + 1
        elif last + 2 + need <= width:
            high = last + 2 + need
        else:
            return None  # no room for a label before the right edge, on any row
        low, high = max(0, first - 1), min(width - 1, high)
        fallback = None
        for row, cells in enumerate(self.cells):
            if cells.find(_MARK, low, high + 1) != -1:
                continue
            found = cells.find(_LABEL, low, high + 1)
            if found == -1:
                return row
            if fallback is None:
                # The label of an event on the left, cut to end before a blank at `low`.
                owner = self.owners[row][found]
                if owner is not None and first - 1 - owner.label_at >= owner.need:
                    fallback = row
        if fallback is not None:
            self.cut_labels(fallback, low, high)
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
        """Cut the labels in cells `low` to `high` to end a blank cell before cell
        `low + 1` (`labelled_for` cuts only labels that keep `need_of` their title)."""
        cells, owners = self.cells[row], self.owners[row]
        for column in range(low, high + 1):
            owner = owners[column]
            if owner is not None and cells[column] == _LABEL:
                self._cut(owner, low + 1)

    def _kept(self, item: _Placed, column: int) -> int:
        """How many cells an event's label keeps cut to end a blank cell before
        `column` (inside a span or bar, the label is " " + text + " ")."""
        return column - 1 - item.label_at - (1 if item.where == "inside" else 0)

    def _cut(self, item: _Placed, column: int) -> None:
        """Cut an event's label to end a blank cell before `column`."""
        room = self._kept(item, column)
        inside = item.where == "inside"
        if room >= cell_len(item.label) - (2 if inside else 0):
            return
        end = item.label_end
        text = elide(item.title, room)
        item.label = " " + text + " " if inside else text
        cells, owners = self.cells[item.row], self.owners[item.row]
        for near in range(item.label_end, min(end, self.width)):
            if owners[near] is item and cells[near] == _LABEL:
                cells[near], owners[near] = _FREE, None

    def _remove(self, item: _Placed) -> None:
        """Take an event off its row (it is counted; never the selected one)."""
        cells, owners = self.cells[item.row], self.owners[item.row]
        end = max(item.mark.last + 1, item.label_end if item.label else 0)
        for column in range(item.mark.first, min(end, self.width)):
            if owners[column] is item:
                cells[column], owners[column] = _FREE, None
        self.placed.remove(item)
        item.row = -1

    # ---------------------------------------------------------------- counts

    def _target(self, column: int) -> tuple[int, bool]:
        """The cell of the last row where a count for `column` goes, and whether a
        count is there already (or beside it: counts never touch)."""
        column = max(0, min(column, self.width - 1))
        owner = self.owners[-1][column]
        if owner is not None and owner.mark.position == self.selected:
            column = self._clear_of(owner, column)
        found = self._count_beside(column)
        return (column, False) if found is None else (found, True)

    def _count_beside(self, column: int) -> int | None:
        for near in (column, column - 1, column + 1):
            if near in self.counts:
                return near
        return None

    def _clear_of(self, chosen: _Placed, column: int) -> int:
        """Where a count that falls on the selected event, or on the blank either side
        of its mark, goes (a lane of one row): on the side of its mark where the events
        it counts are, a blank cell from the mark and its label ("2◁┄ Title" read as
        the mark's, "Title… ●1" as its label). Events under its label (`_selected_sides`
        leaves them there only when the label is cut to `need_of` cells) are counted
        beyond the label: after it on the right, before it on the left. Events under a
        span or bar are counted over it, between its ends (beside it when they fall on
        the label inside it); under a narrower mark, beside it, on the side away from
        its label, else after the label.

        When the edge leaves no such cell, the count takes the far end of the label on
        its side (`count` cuts the label to end a blank before it), or a cell of a span
        or bar the events are under; failing that, and only then, the cell against the
        mark at the edge: across the mark, it would stand among events it does not
        count."""
        mark = chosen.mark
        low, high = mark.first, mark.last
        if chosen.label and chosen.where == "right":
            high = chosen.label_end - 1
        elif chosen.label and chosen.where == "left":
            low = chosen.label_at
        right = chosen.where == "right" and bool(chosen.label)
        inside = chosen.where == "inside" and bool(chosen.label)
        # Over a span or bar, as over another event's, it keeps the mark's ends.
        between = [
            near
            for near in range(max(0, mark.first + 1), min(self.width, mark.last))
            if not (inside and chosen.label_at <= near < chosen.label_end)
        ]
        over = max(mark.first + 1, min(column, mark.last - 1))
        under = mark.first <= column <= mark.last
        if column > mark.last:
            sides: tuple[int, ...] = (1,)
        elif column < mark.first:
            sides = (-1,)
        elif over in between:
            return over
        elif right:
            # Before the mark: after the label would put it among the events beyond.
            sides = (-1, 1)
        else:
            sides = (1, -1)
        beyond = {1: high + 2, -1: low - 2}
        # The far end of the label on each side, and the cell against what is there.
        ends = {1: high if right else -1, -1: low if low < mark.first else -1}
        against = {1: high + 1, -1: low - 1}
        nearest = sorted(between, key=lambda near: abs(near - column))[:1] if under else []
        for near in (
            *(beyond[side] for side in sides),
            *(ends[side] for side in sides),
            *nearest,
            *(against[side] for side in sides),
        ):
            if 0 <= near < self.width:
                return near
        return column

    def _struck(self, column: int) -> list[tuple[_Placed, bool]]:
        """The events a count in a cell of the last row takes off the row (True) or
        cuts the label of (False): the rule of "Rows and labels" above."""
        cells, owners = self.cells[-1], self.owners[-1]
        struck: list[tuple[_Placed, bool]] = []
        owner = owners[column]
        if owner is not None and owner.mark.position != self.selected:
            mark = owner.mark
            on_label = owner.label and owner.label_at <= column < owner.label_end
            if on_label:
                struck.append((owner, self._kept(owner, column) < owner.need))
            elif column in (mark.first, mark.last):
                # The end of a mark (a point, a bound, where a span or bar begins or
                # ends): what was left of it would carry its label after the count.
                struck.append((owner, True))
            # Else across a span or bar: it keeps its ends and its label.
        elif owner is None and cells[column] == _FREE and column > 0:
            before = owners[column - 1]
            if (
                before is not None
                and before.mark.position != self.selected
                and before.mark.last == column - 1
                and before.label
                and before.where == "right"
            ):
                struck.append((before, True))  # between a mark and its label
        if column > 0:
            before = owners[column - 1]
            if (
                before is not None
                and before is not owner
                and before.mark.position != self.selected
                and before.label
                and before.label_at <= column - 1 < before.label_end
            ):
                struck.append((before, self._kept(before, column) < before.need))
        return struck

    def clear_for_count(self, column: int) -> bool:
        """Count the events a count for `column` would take off the last row (each in
        its own mark's first cell), before that count: the room they leave may hold
        the event that was to be counted. Whether any was."""
        column, merged = self._target(column)
        if merged:
            return False
        dropped = [item for item, drop in self._struck(column) if drop]
        for item in dropped:
            self._count_off(item)
        return bool(dropped)

    def _count_off(self, item: _Placed) -> None:
        if item.row >= 0:
            self._remove(item)
            self.count(item.mark.first, [item.mark.position])

    def count(self, column: int, positions: list[int]) -> None:
        """Count events in the cell of the last row for `column`, or the count beside
        it, cutting the labels it falls on or touches, counting the events it takes
        off the row in their own cells; the cell is then a mark's to what follows."""
        column, merged = self._target(column)
        if not merged:
            for item, drop in self._struck(column):
                if drop:
                    self._count_off(item)
                elif item.row >= 0:
                    self._cut(item, column)
            self._clear_selected_label(column)
        # One of those may have been counted in the cell or beside it meanwhile.
        found = self._count_beside(column)
        if found is not None:
            self.counts[found].extend(positions)
            return
        self.counts[column] = list(positions)
        self.cells[-1][column], self.owners[-1][column] = _MARK, None

    def _clear_selected_label(self, column: int) -> None:
        """Cut the selected label off a count's cell of the last row, where the edge
        left the count no other (`_clear_of`): to end a blank before it on the right,
        to start a blank after it on the left."""
        chosen = self.owners[-1][column]
        if chosen is None or chosen.mark.position != self.selected or not chosen.label:
            return
        if not chosen.label_at <= column < chosen.label_end:
            return
        if chosen.where != "left":
            self._cut(chosen, column)
            return
        end = chosen.label_end
        text = elide(chosen.title, end - column - 2)
        chosen.label, chosen.label_at = text, end - cell_len(text)

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

    def _keep_blank(self, row: int, columns: tuple[int, int], item: _Placed) -> None:
        """Keep these cells of a row blank beside the selected event, where free."""
        for blank in columns:
            if 0 <= blank < self.width and self.cells[row][blank] == _FREE:
                self.take(blank, blank, row, _GAP, item)

    def place(
        self,
        mark: Mark,
        row: int,
        title: str,
        *,
        selected: bool = False,
        beside: tuple[int | None, int | None] = (None, None),
    ) -> _Placed:
        item = _Placed(mark, row, title)
        self.take(mark.first, mark.last, row, _MARK, item)
        _label_for(item, self, selected=selected, beside=beside)
        if selected:
            # A blank either side of the selected mark, its own: a count that falls
            # there is moved off it (`_target`), so that no count stands against the
            # mark ("2◁┄ Title" read as part of the mark, or it as a count's).
            self._keep_blank(row, (mark.first - 1, mark.last + 1), item)
        if item.label and item.where != "inside":
            if selected:
                # The selected label is never cut: its cells count as a mark's, and a
                # blank is kept either side.
                self.take(item.label_at, item.label_end - 1, row, _MARK, item)
                self._keep_blank(row, (item.label_at - 1, item.label_end), item)
                if item.where == "left":
                    # Near the right edge, its label on the left: a mark drawn right
                    # after it would read as part of it, or it as the bare one of the
                    # next label. Nothing else goes right of it on its row (the blank
                    # beside the mark stays its own).
                    self.take(mark.last + 2, self.width - 1, row, _MARK)
            else:
                self.take(item.label_at, item.label_end - 1, row, _LABEL, item)
        self.placed.append(item)
        return item


def _label_for(
    placed: _Placed,
    rows: _Rows,
    *,
    selected: bool,
    beside: tuple[int | None, int | None] = (None, None),
) -> None:
    """Give a placed mark its label: to its right up to the next thing on its row, or
    inside a wide mark when the title does not fit on the right and there is more room
    inside; nothing when neither has `need_of(title)` cells (`labelled_for` found a row
    where one has). The selected event's label is always given one: when the room on
    the right is short of the title and of `SELECTED_ROOM` cells, on the left of the
    mark if there is more room there; in a lane of one row, cut short of the events
    `beside` it (`_selected_sides`)."""
    mark = placed.mark
    title = placed.title
    if not title:
        return
    start = mark.last + 2
    room = rows.room_after(placed.row, mark.last + 1) - start if start < rows.width else 0
    size = cell_len(title)
    # Cells inside a wide mark between its ends, less a blank either side of the label.
    inside = mark.last - mark.first - 3 if mark.wide else 0
    need = placed.need
    if selected:
        right, left = _selected_sides(mark, room, size, need, beside)
        if room < min(size, SELECTED_ROOM) and not mark.wide and left > right:
            text = elide(title, left.cells)
            placed.label, placed.label_at = text, mark.first - 1 - cell_len(text)
            placed.where = "left"
            return
        room = right.cells
    if (room >= size or room >= inside) and (
        room >= need or (selected and room > 0 and not mark.wide)
    ):
        placed.label, placed.label_at = elide(title, room), start
        return
    if inside - 1 >= need:
        # Inside the span or bar, after its first cell, with a blank either side.
        placed.label = " " + elide(title, inside - 1) + " "
        placed.label_at, placed.where = mark.first + 1, "inside"


class _Side(NamedTuple):
    """Room for the selected label on one side of its mark: how well it reads (2: it
    covers no other event; 1: cut to `need_of` cells, over events counted beyond it; 0:
    what the edge leaves), then how many cells it takes."""

    fit: int
    cells: int


def _selected_sides(
    mark: Mark, room: int, size: int, need: int, beside: tuple[int | None, int | None]
) -> tuple[_Side, _Side]:
    """The room for the selected label right and left of its mark, `room` cells on the
    right up to the edge. In a lane of one row, its row is the counts' too, and a count
    of the events under the label would have to stand beyond it, far from them or on
    the far side of the selected mark: `beside` is where the nearest other marks begin,
    on its left and on its right (None: none), and the label ends a blank cell before
    them. When that leaves it fewer than `need` cells, it is cut to `need` cells and
    the events under it are counted just beyond it."""
    before, after = beside
    left = mark.first - 1
    right_clear = room if after is None else min(room, after - 1 - (mark.last + 2))
    left_clear = left if before is None else min(left, mark.first - 3 - before)
    return _side(room, right_clear, need, size), _side(left, left_clear, need, size)


def _side(full: int, clear: int, need: int, size: int) -> _Side:
    if clear >= need:
        return _Side(2, min(size, clear))
    if full >= need + 2:  # the label, a blank, a count
        return _Side(1, need)
    return _Side(0, max(0, min(size, full)))


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
    low, high, reaching, dense = _in_sight(lane, view, width)
    if dense:
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
    placing = _Rows(rows, width, selected)
    if chosen is not None:
        # In a lane of one row the selected label shares its row with the counts.
        beside = _beside(chosen, narrow, wide) if rows == 1 else (None, None)
        placing.place(chosen, 0, title(chosen.position), selected=True, beside=beside)
    # Points and bounds first, left to right (ties in time order: the sort is stable),
    # then spans and bars where they find room.
    for group in (narrow, wide):
        group.sort(key=_first_cell)
        for mark in group:
            named = title(mark.position)
            if whole:
                row = placing.whole_for(mark, named)
                if row is None:
                    return _dense(lane, view, width, rows, selected, title, glyph, reaching)
            else:
                row = placing.labelled_for(mark, named)
                if row is None and placing.clear_for_count(mark.first):
                    row = placing.labelled_for(mark, named)
            if row is None:
                placing.count(mark.first, [mark.position])
            else:
                placing.place(mark, row, named)
    placed, counts = placing.placed, placing.counts
    used = rows if counts else max((item.row for item in placed), default=0) + 1
    lines = [_row_pieces([p for p in placed if p.row == r], width) for r in range(used)]
    if counts:
        over = [
            Piece(column, count_text(len(positions)), COUNT, positions[0])
            for column, positions in sorted(counts.items())
        ]
        lines[-1] = drawn_over(lines[-1], over, width)
    return LaneRows(tuple(tuple(line) for line in lines), False, in_sight)


def _in_sight(lane: Lane, view: View, width: int) -> tuple[float, float, int, bool]:
    """The moments a lane's marks in sight may start between, how many events may reach
    into sight (an upper bound: ranges and months begun earlier included), and whether
    the lane is a density bar: when more events begin in sight than the limit, or when
    so many may reach into it that placing them would cost more than a frame should."""
    pad = 3 * view.span / width  # "before" and "after" marks reach past their period
    low, high = view.start - pad, view.end + pad
    times = lane.times
    starting = bisect_right(times, high) - bisect_left(times, low)
    reaching = lane.count_in_view(low, high)
    limit = dense_limit(width)
    return low, high, reaching, starting > limit or reaching > 3 * limit


def rows_at_most(lane: Lane, view: View, width: int) -> int:
    """The most rows `place_lane` may use for a lane in a view, found in a few
    bisections: a row for each event in sight and one for counts, or a density bar's
    two (what a layout uses, found before it)."""
    if width <= 0:
        return 1
    _, _, reaching, dense = _in_sight(lane, view, width)
    return 2 if dense else reaching + 1


def _first_cell(mark: Mark) -> int:
    return mark.first


def _beside(chosen: Mark, *groups: Sequence[Mark]) -> tuple[int | None, int | None]:
    """Where the other marks nearest the selected one begin, on its left and on its
    right (None: none); those that begin under it are neither."""
    before: int | None = None
    after: int | None = None
    for group in groups:
        for mark in group:
            if mark.first < chosen.first and (before is None or mark.first > before):
                before = mark.first
            elif mark.first > chosen.last and (after is None or mark.first < after):
                after = mark.first
    return before, after


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
    glyphs = [density_glyph(count, peak) if count else " " for count in counts]
    slot = _slot_of(lane, selected) if selected >= 0 else None
    mark = None if slot is None else mark_for(lane, slot, view, width, glyph(selected))
    item = None if mark is None else _Rows(1, width).place(mark, 0, title(selected), selected=True)
    if item is not None and rows < 2:
        # One row: the selection is drawn over the bar, a blank cell either side of
        # its mark and label: a bar's cell against the mark ("▄○▄Title") read as
        # part of it, or it as one of the bar's counts.
        ends = [item.mark.first, item.mark.last]
        if item.label:
            ends += [item.label_at, item.label_end - 1]
        for column in range(max(0, min(ends) - 1), min(width, max(ends) + 2)):
            glyphs[column] = " "
    bar = [Piece(column, text, DENSITY, -1) for column, text in enumerate(glyphs)]
    lines: list[list[Piece]] = [merge_density(bar)]
    if rows >= 2:
        lines.append([Piece(0, " " * width, BLANK, -1)])
    if item is not None:
        pieces = _row_pieces([item], width)
        if rows < 2:
            pieces = drawn_over(lines[0], pieces, width)
        lines[-1] = pieces
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

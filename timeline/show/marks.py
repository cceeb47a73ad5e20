"""The pieces a lane's rows are made of, and the mark of one event: what it draws of
its date, before it is placed (timeline/show/placement.py).

**Marks** say what is known of a date and no more:

- a point, the event's kind glyph, where its date falls when its period (the day,
  the hour...) fits in a cell; `◌` when it is circa, `?` when it is uncertain
  ("2019-09-02?": perhaps that day, the source is in doubt);
- a span `├────┤` over the month or year of a date known only to the month or the
  year (or over the day, once a day is `SPAN_CELLS` cells wide or more); dotted
  `├╌╌╌╌┤` when circa, `?╌╌╌╌┤` when uncertain;
- a bar `◆━━━━` from the start of a range to the end of its end date; `◌╌╌╌╌` circa,
  `?╌╌╌╌` uncertain (at either end);
- `◁┄` just left of the period of a date only known as a bound, "before" it, and
  `┄▷` just right of it for "after".

A mark narrower than `MIN_EXTENT` cells is a point, at the middle of its period.

Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size

from timeline.show.axis import View
from timeline.show.lanes import (
    AFTER,
    BEFORE,
    CIRCA,
    COARSE,
    QUALIFIER_BITS,
    RANGE,
    UNCERTAIN,
    Lane,
)

#: A label shorter than this (its "…" included) is left out rather than cut.
MIN_LABEL = 6

#: A period or range narrower than this many cells is drawn as a point.
MIN_EXTENT = 1.5

#: A date known to the day (or finer) is drawn as a span once its period is this wide.
SPAN_CELLS = 16

# Roles of pieces: what the cells show, so that a widget can style them.
POINT, CIRCA_POINT, UNCERTAIN_POINT = "point", "circa", "uncertain"
BOUND, SPAN, RANGE_BAR = "bound", "span", "range"
COUNT, DENSITY, LABEL, BLANK = "count", "density", "label", "blank"
MARK_ROLES = frozenset({POINT, CIRCA_POINT, UNCERTAIN_POINT, BOUND, SPAN, RANGE_BAR})

CIRCA_GLYPH = "◌"
UNCERTAIN_GLYPH = "?"
BEFORE_MARK = "◁┄"
AFTER_MARK = "┄▷"
ELLIPSIS = "…"


class Piece(NamedTuple):
    """Cells of a row that show one thing.

    Attributes:
        column: The first cell.
        text: What the cells show, one character a cell (labels may hold wide ones).
        role: One of the roles above (`POINT`, `LABEL`, `COUNT`...).
        position: The event it belongs to (a position among the shown events); for a
            count, the first event counted; -1 for blanks and density cells.
    """

    column: int
    text: str
    role: str
    position: int

    @property
    def end(self) -> int:
        """The cell after the last one it covers."""
        return self.column + cell_len(self.text)


def elide(text: str, room: int) -> str:
    """The text cut to `room` cells with "…" at the end when it is longer."""
    if cell_len(text) <= room:
        return text
    if room <= 0:
        return ""
    return set_cell_size(text, room - 1).rstrip() + ELLIPSIS


def piece_column(piece: Piece) -> int:
    return piece.column


def fill(pieces: Sequence[Piece], width: int) -> list[Piece]:
    """The pieces in column order with blank pieces between them, covering the width
    exactly; a piece that starts inside an earlier one is left out."""
    out: list[Piece] = []
    column = 0
    for piece in sorted(pieces, key=piece_column):
        if piece.column < column:
            continue
        if piece.column > column:
            out.append(Piece(column, " " * (piece.column - column), BLANK, -1))
        out.append(piece)
        column = piece.end
    if column < width:
        out.append(Piece(column, " " * (width - column), BLANK, -1))
    return out


class Mark(NamedTuple):
    """A mark's cells before placement: [first, last], clipped to the width."""

    first: int
    last: int
    text: str
    role: str
    position: int
    wide: bool  # a span or bar long enough to hold a label inside


def mark_for(lane: Lane, slot: int, view: View, width: int, glyph: str) -> Mark | None:
    """The mark of a lane's item in a view (see the module's docstring), or None when
    none of its cells is in sight."""
    start, end, flags = lane.times[slot], lane.ends[slot], lane.flags[slot]
    first = view.cell(start, width)
    last = max(first, view.last_cell(end, width))
    qualifier = flags & QUALIFIER_BITS
    position = lane.positions[slot]
    circa = qualifier == CIRCA
    uncertain = bool(flags & UNCERTAIN)
    dotted = circa or uncertain
    if qualifier == BEFORE:
        first, last, text, role = first - 2, first - 1, BEFORE_MARK, BOUND
    elif qualifier == AFTER:
        first, last, text, role = last + 1, last + 2, AFTER_MARK, BOUND
    else:
        cells = last - first + 1
        # Across its cells only when it is wide enough to read as a span: a period of
        # half a cell that straddles two is a point.
        extent = view.x(end, width) - view.x(start, width)
        if extent < MIN_EXTENT:
            cells = 1
        if flags & RANGE and cells >= 2:
            head = UNCERTAIN_GLYPH if uncertain else CIRCA_GLYPH if circa else glyph
            text, role = head + ("╌" if dotted else "━") * (cells - 1), RANGE_BAR
        elif cells >= 2 and (flags & COARSE or cells >= SPAN_CELLS):
            inner = ("╌" if dotted else "─") * (cells - 2)
            text, role = (UNCERTAIN_GLYPH if uncertain else "├") + inner + "┤", SPAN
        else:
            first = last = view.cell((start + end) / 2, width)
            if uncertain:
                text, role = UNCERTAIN_GLYPH, UNCERTAIN_POINT
            elif circa:
                text, role = CIRCA_GLYPH, CIRCA_POINT
            else:
                text, role = glyph, POINT
    if last < 0 or first >= width:
        return None
    if first < 0:
        text, first = text[-first:], 0
    if last >= width:
        text, last = text[: width - first], width - 1
    wide = role in (SPAN, RANGE_BAR) and last - first + 1 >= MIN_LABEL + 3
    return Mark(first, last, text, role, position, wide)

"""A lane's row cell by cell: counts written over it (an event whose mark ends there
joins the count, the labels under or before it are cut), a density bar, and one row
drawn over another.

The rule these follow is the placement's (timeline/show/placement.py); a row is made
cells here only where a count or an overlay needs it, and made pieces again after.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len

from timeline.show.marks import (
    BLANK,
    COUNT,
    DENSITY,
    ELLIPSIS,
    LABEL,
    MARK_ROLES,
    MIN_LABEL,
    Piece,
)


def count_text(count: int) -> str:
    """A count cell: "2" to "9", "+" for ten or more."""
    return str(count) if count < 10 else "+"


def add_counts(
    lines: list[list[Piece]], counts: dict[int, list[int]], width: int, selected: int
) -> list[list[Piece]]:
    """Write each count on the last row (the first when there is one), merging into it
    the event whose mark it falls on the end of (a point, a bound, the first or last
    cell of a span or bar), cutting what else is under it but the selected event's
    mark and label (the rule: timeline/show/placement.py)."""
    row = len(lines) - 1
    cells = _cells(lines[row], width)
    for column, positions in sorted(counts.items()):
        column = max(0, min(column, width - 1))
        owner = cells[column]
        if _owner(owner) == selected >= 0:
            # A lane of one row: the selected mark and label are never cut, so the
            # count goes beside them.
            column = _clear_of(cells, column, selected, width)
            owner = cells[column]
        counted = list(positions)
        if owner is not None and owner.role == COUNT:
            counted = [*owner_positions(owner), *counted]
        elif (
            isinstance(owner, _Cell)
            and owner.role in MARK_ROLES
            and owner.position != selected
            and _at_an_end(cells, column, owner.position)
        ):
            # Over the end of another event's mark (a point, a bound, where a span or
            # bar begins or ends), the count would leave a piece of it carrying its
            # label: that event joins the count, its mark and label taken off.
            counted.insert(0, owner.position)
            _drop_event(cells, owner.position)
        cells[column] = _CountCell(counted)
        if column + 1 < width and cells[column + 1] is not None:
            _cut_after(cells, column)
        if column > 0:
            _cut_before(cells, column)
    lines[row] = _pieces_from_cells(cells, width)
    return lines


class _CountCell:
    """A count being built on a row of cells."""

    __slots__ = ("positions",)
    role = COUNT

    def __init__(self, positions: list[int]) -> None:
        self.positions = positions

    @property
    def position(self) -> int:
        return self.positions[0]


class _Cell(NamedTuple):
    """One cell of a piece, while counts are written over a row."""

    char: str
    role: str
    position: int
    label_start: int  # the first cell of the label it belongs to, -1 if not a label


_AnyCell = _Cell | _CountCell | None


def owner_positions(owner: _Cell | _CountCell) -> list[int]:
    return list(owner.positions) if isinstance(owner, _CountCell) else [owner.position]


def _cells(pieces: Sequence[Piece], width: int) -> list[_AnyCell]:
    cells: list[_AnyCell] = [None] * width
    for piece in pieces:
        if piece.role == BLANK:
            continue
        column = piece.column
        last = -1  # the cell of the piece's character before
        for char in piece.text:
            if column >= width:
                break
            size = cell_len(char)
            found = cells[last] if last >= 0 else None
            if size == 0 and isinstance(found, _Cell):
                # A combining mark or a virama is part of the character before it: in
                # a cell of its own, the next character took it ("é" showed as "e"),
                # or at the end it took a cell the text did not count.
                cells[last] = found._replace(char=found.char + char)
                continue
            last = column
            label_start = piece.column if piece.role == LABEL else -1
            cells[column] = _Cell(char, piece.role, piece.position, label_start)
            # A wide character's second cell belongs to it too.
            for extra in range(1, size):
                if column + extra < width:
                    cells[column + extra] = _Cell("", piece.role, piece.position, label_start)
            column += size
    return cells


def _owner(cell: _AnyCell) -> int:
    return -1 if cell is None else cell.position


def _clear_of(cells: Sequence[_AnyCell], column: int, selected: int, width: int) -> int:
    """Where a count that falls on the selected event goes: after its mark and label
    with a blank cell between, else before them, else next to them where no label of
    it is cut; when they fill the row, beside the mark's first cell."""
    taken = [near for near, cell in enumerate(cells) if _owner(cell) == selected]
    low, high = taken[0], taken[-1]
    last = cells[high]
    # Right after its label, a count would cut the label (a blank is kept before it).
    after = high + 1 if not (isinstance(last, _Cell) and last.role == LABEL) else -1
    for near in (high + 2, low - 2, low - 1, after):
        if 0 <= near < width:
            return near
    owner = cells[column]
    if (
        isinstance(owner, _Cell)
        and owner.role in MARK_ROLES
        and (column == 0 or _owner(cells[column - 1]) != selected)
        and width > 1
    ):
        # The mark keeps its first cell; the count goes over the rest of it, or its label.
        return column + 1 if column + 1 < width else column - 1
    return column


def _at_an_end(cells: Sequence[_AnyCell], column: int, position: int) -> bool:
    """Whether a column is the first or the last cell of an event's mark on the row
    (a point's one cell is both); a span or bar keeps its ends around a count."""
    taken = [
        near
        for near, cell in enumerate(cells)
        if isinstance(cell, _Cell) and cell.role in MARK_ROLES and cell.position == position
    ]
    return column in (taken[0], taken[-1])


def _drop_event(cells: list[_AnyCell], position: int) -> None:
    """Take an event's mark and label off the row (it joins a count)."""
    for column, cell in enumerate(cells):
        if isinstance(cell, _Cell) and cell.position == position:
            cells[column] = None


def _cut_after(cells: list[_AnyCell], column: int) -> None:
    """Cut a label that ran under the count: what follows the count is dropped."""
    cell = cells[column + 1]
    if isinstance(cell, _Cell) and cell.role == LABEL and cell.label_start <= column:
        position = cell.position
        near = column + 1
        while near < len(cells):
            here = cells[near]
            if not (isinstance(here, _Cell) and here.role == LABEL and here.position == position):
                break
            cells[near] = None
            near += 1


def _cut_before(cells: list[_AnyCell], column: int) -> None:
    """Keep a blank cell between a label and the count after it; elide the label."""
    cell = cells[column - 1]
    if not (isinstance(cell, _Cell) and cell.role == LABEL):
        return
    position, start = cell.position, cell.label_start
    cells[column - 1] = None
    # The label now ends two cells earlier than it did; it ends with "…".
    end = column - 1
    if end - start < MIN_LABEL:
        for near in range(start, end):
            here = cells[near]
            if isinstance(here, _Cell) and here.position == position and here.role == LABEL:
                cells[near] = None
        return
    last = end - 1
    while last > start and isinstance(cells[last], _Cell) and cells[last].char == "":  # type: ignore[union-attr]
        cells[last] = None  # the second half of a wide character
        last -= 1
    cells[last] = _Cell(ELLIPSIS, LABEL, position, start)


def _pieces_from_cells(cells: Sequence[_AnyCell], width: int) -> list[Piece]:
    """Runs of cells of the same role and event, as pieces."""
    pieces: list[Piece] = []
    text: list[str] = []
    run_role, run_position, run_start = "", -2, 0
    for column, cell in enumerate(cells):
        if isinstance(cell, _CountCell):
            if text:
                pieces.append(Piece(run_start, "".join(text), run_role, run_position))
                text = []
            pieces.append(Piece(column, count_text(len(cell.positions)), COUNT, cell.position))
            run_role, run_position = "", -2
            continue
        role, position, char = (
            (BLANK, -1, " ") if cell is None else (cell.role, cell.position, cell.char)
        )
        if (role, position) != (run_role, run_position) or not text:
            if text:
                pieces.append(Piece(run_start, "".join(text), run_role, run_position))
            text, run_role, run_position, run_start = [], role, position, column
        text.append(char)
    if text:
        pieces.append(Piece(run_start, "".join(text), run_role, run_position))
    return pieces


def merge_density(bar: Sequence[Piece]) -> list[Piece]:
    """A density bar's pieces, a cell each, as runs (blank cells apart)."""
    return _pieces_from_cells(
        [_Cell(piece.text, DENSITY if piece.text != " " else BLANK, -1, -1) for piece in bar],
        len(bar),
    )


def drawn_over(under: Sequence[Piece], over: Sequence[Piece], width: int) -> list[Piece]:
    """`over`'s pieces drawn over `under`'s, where they are not blank."""
    cells = _cells(under, width)
    for column, cell in enumerate(_cells(over, width)):
        if cell is not None:
            cells[column] = cell
    return _pieces_from_cells(cells, width)

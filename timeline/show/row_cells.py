"""A lane's row cell by cell: a density bar, and one row drawn over another (a count
over a span or bar, the selection over a density bar).

The rules these serve are the placement's (timeline/show/placement.py); a row is made
cells here only where an overlay needs it, and made pieces again after.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len

from timeline.show.marks import BLANK, DENSITY, Piece


def count_text(count: int) -> str:
    """A count cell: "2" to "9", "+" for ten or more."""
    return str(count) if count < 10 else "+"


class _Cell(NamedTuple):
    """One cell of a piece, while a row is drawn over another."""

    char: str
    role: str
    position: int


_AnyCell = _Cell | None


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
            cells[column] = _Cell(char, piece.role, piece.position)
            # A wide character's second cell belongs to it too.
            for extra in range(1, size):
                if column + extra < width:
                    cells[column + extra] = _Cell("", piece.role, piece.position)
            column += size
    return cells


def _pieces_from_cells(cells: Sequence[_AnyCell], width: int) -> list[Piece]:
    """Runs of cells of the same role and event, as pieces."""
    pieces: list[Piece] = []
    text: list[str] = []
    run_role, run_position, run_start = "", -2, 0
    for column, cell in enumerate(cells):
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
        [_Cell(piece.text, DENSITY if piece.text != " " else BLANK, -1) for piece in bar],
        len(bar),
    )


def drawn_over(under: Sequence[Piece], over: Sequence[Piece], width: int) -> list[Piece]:
    """`over`'s pieces drawn over `under`'s, where they are not blank."""
    cells = _cells(under, width)
    for column, cell in enumerate(_cells(over, width)):
        if cell is None:
            continue
        # Half a wide character left under it would shift the rest of the row: blank.
        if column > 0 and _half(cells[column]):
            cells[column - 1] = None
        if column + 1 < width and _half(cells[column + 1]) and not _half(cell):
            cells[column + 1] = None
        cells[column] = cell
    return _pieces_from_cells(cells, width)


def _half(cell: _AnyCell) -> bool:
    """Whether a cell is the second half of a wide character."""
    return cell is not None and cell.char == ""
